//! kubectl commands and the pod userland: behaviours found while writing the lessons.

use kubeplay::engine::timing::Timing;

use crate::support::Sim;

fn sim() -> Sim {
    Sim::new(11, Timing::realistic())
}

/// Runs `script` on a fresh cluster and compares its transcript with `expected`.
fn check(script: &str, expected: &str) {
    let transcript = sim().script(script).text;
    assert_eq!(transcript, expected, "\n--- got ---\n{transcript}");
}

/// The exit code of the last line of `script`.
fn exit_code_of_last(script: &str) -> i32 {
    let transcript = sim().script(script);
    transcript.outputs.last().map(|o| o.exit_code).unwrap_or(-1)
}

#[test]
fn a_name_with_all_namespaces_is_refused_for_namespaced_kinds() {
    check(
        "kubectl get svc payment -A
kubectl get svc/payment --all-namespaces
kubectl describe service payment -A
kubectl get deploy web -n default -A
kubectl label pod web tier=front -A
kubectl get ns default -A
",
        "$ kubectl get svc payment -A
error: a resource cannot be retrieved by name across all namespaces
$ kubectl get svc/payment --all-namespaces
error: a resource cannot be retrieved by name across all namespaces
$ kubectl describe service payment -A
error: a resource cannot be retrieved by name across all namespaces
$ kubectl get deploy web -n default -A
error: a resource cannot be retrieved by name across all namespaces
$ kubectl label pod web tier=front -A
error: a resource cannot be retrieved by name across all namespaces
$ kubectl get ns default -A
NAME      STATUS   AGE
default   Active   15m
",
    );
    assert_eq!(exit_code_of_last("kubectl get svc kubernetes -A\n"), 1);
}

#[test]
fn describe_with_all_namespaces_lists_every_namespace() {
    let mut sim = sim();
    let text = sim.kubectl("kubectl describe svc -A").stdout;
    assert!(text.contains("Name:                     kubernetes") && text.contains("Name:                     kube-dns"), "{text}");
    assert_eq!(sim.kubectl("kubectl describe deploy -A -l app=none").stderr, "No resources found\n");
}

#[test]
fn create_service_builds_what_kubectl_builds() {
    check(
        "kubectl create service clusterip x --tcp=80:8080 --dry-run=client -o yaml
kubectl create service nodeport np --tcp=80 --tcp=443:8443 --node-port=30080 --dry-run=client -o yaml
kubectl create service clusterip headless --clusterip=None -n kube-public --dry-run=client -o yaml
kubectl create svc loadbalancer lb --tcp=80:http
kubectl get svc lb -o jsonpath='{.spec.type} {.spec.ports[0].name} {.spec.ports[0].targetPort} {.spec.selector}'
kubectl create service clusterip lb --tcp=80
kubectl create service clusterip x
kubectl create service clusterip --tcp=80
kubectl create service clusterip x --tcp=abc
kubectl create service clusterip x --tcp=80:Http_x
kubectl create service foo x
",
        r#"$ kubectl create service clusterip x --tcp=80:8080 --dry-run=client -o yaml
apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: x
  name: x
spec:
  ports:
  - name: 80-8080
    port: 80
    protocol: TCP
    targetPort: 8080
  selector:
    app: x
  type: ClusterIP
status:
  loadBalancer: {}
$ kubectl create service nodeport np --tcp=80 --tcp=443:8443 --node-port=30080 --dry-run=client -o yaml
apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: np
  name: np
spec:
  ports:
  - name: "80"
    nodePort: 30080
    port: 80
    protocol: TCP
    targetPort: 80
  - name: 443-8443
    nodePort: 30080
    port: 443
    protocol: TCP
    targetPort: 8443
  selector:
    app: np
  type: NodePort
status:
  loadBalancer: {}
$ kubectl create service clusterip headless --clusterip=None -n kube-public --dry-run=client -o yaml
apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: headless
  name: headless
  namespace: kube-public
spec:
  clusterIP: None
  selector:
    app: headless
  type: ClusterIP
status:
  loadBalancer: {}
$ kubectl create svc loadbalancer lb --tcp=80:http
service/lb created
$ kubectl get svc lb -o jsonpath='{.spec.type} {.spec.ports[0].name} {.spec.ports[0].targetPort} {.spec.selector}'
LoadBalancer 80-http http {"app":"lb"}
$ kubectl create service clusterip lb --tcp=80
error: failed to create ClusterIP service: services "lb" already exists
$ kubectl create service clusterip x
error: at least one tcp port specifier must be provided
$ kubectl create service clusterip --tcp=80
error: exactly one NAME is required, got 0
See 'kubectl create service clusterip -h' for help and examples
$ kubectl create service clusterip x --tcp=abc
error: strconv.ParseUint: parsing "abc": invalid syntax
$ kubectl create service clusterip x --tcp=80:Http_x
error: must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)
$ kubectl create service foo x
error: unknown command "foo x"
See 'kubectl create service -h' for help and examples
"#,
    );
}

#[test]
fn set_selector_replaces_a_services_selector() {
    check(
        "kubectl create service clusterip webserver --tcp=80
kubectl set selector service webserver 'ver=v2.0'
kubectl get svc webserver -o jsonpath='{.spec.selector}'
kubectl set selector svc/webserver 'app=webserver,tier in (front)'
kubectl set selector svc webserver 'a=b=c'
kubectl set selector svc webserver 'a in b'
kubectl set selector svc webserver app=web --resource-version=1
kubectl set selector svc webserver app=web --dry-run=client
kubectl set selector svc webserver app=web -o name
kubectl set selector svc webserver
kubectl set selector
kubectl create deployment web --image=nginx
kubectl set selector deploy web app=x
",
        r#"$ kubectl create service clusterip webserver --tcp=80
service/webserver created
$ kubectl set selector service webserver 'ver=v2.0'
service/webserver selector updated
$ kubectl get svc webserver -o jsonpath='{.spec.selector}'
{"ver":"v2.0"}
$ kubectl set selector svc/webserver 'app=webserver,tier in (front)'
error: match expression [{tier In [front]}] not supported on this object
$ kubectl set selector svc webserver 'a=b=c'
error: couldn't parse the selector string "a=b=c": found '=', expected: ',' or 'end of string'
$ kubectl set selector svc webserver 'a in b'
error: couldn't parse the selector string "a in b": unable to parse requirement: found 'b' expected: '('
$ kubectl set selector svc webserver app=web --resource-version=1
Error from server (Conflict): Operation cannot be fulfilled on services "webserver": the object has been modified; please apply your changes to the latest version and try again
$ kubectl set selector svc webserver app=web --dry-run=client
service/webserver selector updated (dry run)
$ kubectl set selector svc webserver app=web -o name
service/webserver
$ kubectl set selector svc webserver
error: resource(s) were provided, but no name was specified
$ kubectl set selector
error: one selector is required
$ kubectl create deployment web --image=nginx
deployment.apps/web created
$ kubectl set selector deploy web app=x
error: setting a selector is only supported for Services
"#,
    );
}

#[test]
fn go_templates_print_what_tutorials_expect() {
    check(
        r#"kubectl create configmap app --from-literal=color=blue --from-literal=mode=dark
kubectl create secret generic db --from-literal=password=s3cret
kubectl get cm app -o go-template='{{.metadata.name}}: {{index .data "color"}}{{"\n"}}'
kubectl get secret db -o go-template='{{.data.password | base64decode}}{{"\n"}}'
kubectl get cm -o go-template='{{range .items}}{{.metadata.name}}{{"\n"}}{{end}}'
kubectl get cm app -o go-template --template='{{range $k, $v := .data}}{{$k}}={{$v}} {{end}}{{.missing}}{{"\n"}}'
kubectl get cm app -o template='{{if eq .kind "ConfigMap"}}{{len .data}} keys{{end}}{{"\n"}}'
kubectl get cm app -o go-template
kubectl get cm app -o go-template='{{.metadata.name'
kubectl get cm app -o go-template='{{nope .data}}'
"#,
        r#"$ kubectl create configmap app --from-literal=color=blue --from-literal=mode=dark
configmap/app created
$ kubectl create secret generic db --from-literal=password=s3cret
secret/db created
$ kubectl get cm app -o go-template='{{.metadata.name}}: {{index .data "color"}}{{"\n"}}'
app: blue
$ kubectl get secret db -o go-template='{{.data.password | base64decode}}{{"\n"}}'
s3cret
$ kubectl get cm -o go-template='{{range .items}}{{.metadata.name}}{{"\n"}}{{end}}'
app
kube-root-ca.crt
$ kubectl get cm app -o go-template --template='{{range $k, $v := .data}}{{$k}}={{$v}} {{end}}{{.missing}}{{"\n"}}'
color=blue mode=dark <no value>
$ kubectl get cm app -o template='{{if eq .kind "ConfigMap"}}{{len .data}} keys{{end}}{{"\n"}}'
2 keys
$ kubectl get cm app -o go-template
error: template format specified but no template given
$ kubectl get cm app -o go-template='{{.metadata.name'
error: error parsing template {{.metadata.name, template: output:1: unclosed action
$ kubectl get cm app -o go-template='{{nope .data}}'
error: error parsing template {{nope .data}}, template: output:1: function "nope" not defined
"#,
    );
    let mut sim = sim();
    let failed = sim.kubectl("kubectl get ns default -o go-template='{{.kind.x}}'");
    assert_eq!(failed.exit_code, 1);
    assert!(failed.stdout.starts_with("Error executing template: template: output:1:7: executing \"output\" at <.kind.x>: can't evaluate field x in type interface {}. Printing more information for debugging the template:\n"), "{}", failed.stdout);
    assert_eq!(failed.stderr, "error: error executing template \"{{.kind.x}}\": template: output:1:7: executing \"output\" at <.kind.x>: can't evaluate field x in type interface {}\n");
}

const TOOLS: &str = r#"kubectl create configmap app --from-literal=color=blue --from-literal=mode=dark
kubectl create secret generic db --from-literal=password=s3cret
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: tools
  labels: {app: tools}
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    volumeMounts:
    - {name: cfg, mountPath: /etc/config}
    - {name: sec, mountPath: /etc/secret}
  volumes:
  - name: cfg
    configMap: {name: app}
  - name: sec
    secret: {secretName: db}
---
apiVersion: v1
kind: Pod
metadata:
  name: bb
spec:
  containers:
  - name: bb
    image: busybox:1.36
    command: ["sleep", "3600"]
    volumeMounts:
    - {name: cfg, mountPath: /etc/config}
  volumes:
  - name: cfg
    configMap: {name: app}
EOF
kubectl expose pod tools --port=80 --name=web
kubectl create service clusterip empty --tcp=80
sleep 20
kubectl exec tools -- ls /etc/config /etc/secret
kubectl exec tools -- ls -l /etc/config
kubectl exec bb -- ls -l /etc/config
kubectl exec bb -- ls /nope
kubectl exec tools -- sh -c 'echo czNjcmV0 | base64 -d'
kubectl exec tools -- sh -c 'cat /etc/secret/password | base64'
kubectl exec tools -- sh -c 'echo hello world hello | grep -o hello'
kubectl exec tools -- curl -sS http://nope
kubectl exec tools -- curl -s http://nope
kubectl exec tools -- curl -fsSL http://web/missing
kubectl exec tools -- curl -s -o /dev/null -w '%{http_code}\n' http://web
kubectl exec bb -- wget -qO- http://nope
kubectl exec bb -- wget -qO- http://empty
"#;

#[test]
fn the_pod_userland_reads_like_coreutils_busybox_and_curl() {
    let transcript = sim().script(TOOLS).text;
    let shown = transcript.split("$ sleep 20\n").nth(1).unwrap_or_default().to_string();
    // The Service IP depends on the seed; the wording is what matters.
    let ip = shown.split("remote host (").nth(1).and_then(|rest| rest.split(')').next()).unwrap_or("").to_string();
    assert_eq!(shown.replace(&format!("({ip})"), "(IP)"), r#"$ kubectl exec tools -- ls /etc/config /etc/secret
/etc/config:
color
mode

/etc/secret:
password
$ kubectl exec tools -- ls -l /etc/config
total 0
lrwxrwxrwx 1 root root 12 Nov 23 00:00 color -> ..data/color
lrwxrwxrwx 1 root root 11 Nov 23 00:00 mode -> ..data/mode
$ kubectl exec bb -- ls -l /etc/config
total 0
lrwxrwxrwx    1 root     root            12 Nov 23 00:00 color -> ..data/color
lrwxrwxrwx    1 root     root            11 Nov 23 00:00 mode -> ..data/mode
$ kubectl exec bb -- ls /nope
ls: /nope: No such file or directory
command terminated with exit code 1
$ kubectl exec tools -- sh -c 'echo czNjcmV0 | base64 -d'
s3cret
$ kubectl exec tools -- sh -c 'cat /etc/secret/password | base64'
czNjcmV0
$ kubectl exec tools -- sh -c 'echo hello world hello | grep -o hello'
hello
hello
$ kubectl exec tools -- curl -sS http://nope
curl: (6) Could not resolve host: nope
command terminated with exit code 6
$ kubectl exec tools -- curl -s http://nope
command terminated with exit code 6
$ kubectl exec tools -- curl -fsSL http://web/missing
curl: (22) The requested URL returned error: 404
command terminated with exit code 22
$ kubectl exec tools -- curl -s -o /dev/null -w '%{http_code}\n' http://web
200
$ kubectl exec bb -- wget -qO- http://nope
wget: bad address 'nope'
command terminated with exit code 1
$ kubectl exec bb -- wget -qO- http://empty
wget: can't connect to remote host (IP): Connection refused
command terminated with exit code 1
"#, "\n--- got ---\n{shown}");
}

#[test]
fn jsonpath_keys_with_escaped_dots() {
    check(
        r#"kubectl create deployment web --image=nginx:1.25
kubectl label deploy web app.kubernetes.io/name=web
kubectl get deploy web -o jsonpath='{.metadata.annotations.deployment\.kubernetes\.io/revision}'
kubectl get deploy web -o jsonpath="{.metadata.annotations['deployment\.kubernetes\.io/revision']}"
kubectl get deploy web -o jsonpath="{.metadata.labels['app\.kubernetes\.io/name']}"
kubectl get deploy web -o jsonpath="{.metadata.labels['app.kubernetes.io/name']}"
kubectl get deploy web -o jsonpath='{.metadata.labels["app"]}'
kubectl get deploy web -o custom-columns='NAME:.metadata.name,REV:.metadata.annotations.deployment\.kubernetes\.io/revision'
"#,
        r#"$ kubectl create deployment web --image=nginx:1.25
deployment.apps/web created
$ kubectl label deploy web app.kubernetes.io/name=web
deployment.apps/web labeled
$ kubectl get deploy web -o jsonpath='{.metadata.annotations.deployment\.kubernetes\.io/revision}'
1
$ kubectl get deploy web -o jsonpath="{.metadata.annotations['deployment\.kubernetes\.io/revision']}"
1
$ kubectl get deploy web -o jsonpath="{.metadata.labels['app\.kubernetes\.io/name']}"
web
$ kubectl get deploy web -o jsonpath="{.metadata.labels['app.kubernetes.io/name']}"
$ kubectl get deploy web -o jsonpath='{.metadata.labels["app"]}'
error: error parsing jsonpath {.metadata.labels["app"]}, invalid array index "app"
$ kubectl get deploy web -o custom-columns='NAME:.metadata.name,REV:.metadata.annotations.deployment\.kubernetes\.io/revision'
NAME   REV
web    1
"#,
    );
}

#[test]
fn container_sleeps_read_suffixes_sums_and_infinity() {
    check(
        "kubectl run b --image=curlimages/curl --restart=Never --command -- sleep 1d
kubectl run g --image=ubuntu --restart=Never --command -- sleep 1h 30m
kubectl run i --image=busybox --restart=Never --command -- sleep infinity
kubectl run bad --image=busybox --restart=Never --command -- sleep 1x
sleep 60
kubectl get pods
kubectl logs bad
kubectl exec b -- sleep 5x
kubectl exec g -- sleep 5x
sleep 5400
kubectl get pods
",
        "$ kubectl run b --image=curlimages/curl --restart=Never --command -- sleep 1d
pod/b created
$ kubectl run g --image=ubuntu --restart=Never --command -- sleep 1h 30m
pod/g created
$ kubectl run i --image=busybox --restart=Never --command -- sleep infinity
pod/i created
$ kubectl run bad --image=busybox --restart=Never --command -- sleep 1x
pod/bad created
$ sleep 60
$ kubectl get pods
NAME   READY   STATUS    RESTARTS   AGE
b      1/1     Running   0          60s
bad    0/1     Error     0          60s
g      1/1     Running   0          60s
i      1/1     Running   0          60s
$ kubectl logs bad
sleep: invalid number '1x'
$ kubectl exec b -- sleep 5x
sleep: invalid number '5x'
command terminated with exit code 1
$ kubectl exec g -- sleep 5x
sleep: invalid time interval '5x'
Try 'sleep --help' for more information.
command terminated with exit code 1
$ sleep 5400
$ kubectl get pods
NAME   READY   STATUS      RESTARTS   AGE
b      1/1     Running     0          91m
bad    0/1     Error       0          91m
g      0/1     Completed   0          91m
i      1/1     Running     0          91m
",
    );
}

#[test]
fn exec_into_a_finished_pod_is_refused() {
    check(
        "kubectl run done --image=busybox --restart=Never -- sh -c 'echo hi'
kubectl run bad --image=busybox --restart=Never -- sh -c 'exit 3'
sleep 30
kubectl exec done -- ls
kubectl exec bad -c nope -- ls
",
        "$ kubectl run done --image=busybox --restart=Never -- sh -c 'echo hi'
pod/done created
$ kubectl run bad --image=busybox --restart=Never -- sh -c 'exit 3'
pod/bad created
$ sleep 30
$ kubectl exec done -- ls
error: cannot exec into a container in a completed pod; current phase is Succeeded
$ kubectl exec bad -c nope -- ls
error: cannot exec into a container in a completed pod; current phase is Failed
",
    );
    assert_eq!(exit_code_of_last("kubectl run done --image=busybox --restart=Never -- sh -c 'echo hi'\nsleep 30\nkubectl exec done -- ls\n"), 1);
}

#[test]
fn kubelet_durations_print_as_go_durations() {
    let mut sim = sim();
    sim.kubectl("kubectl run r --image=redis");
    sim.kubectl("kubectl run crash --image=busybox");
    sim.run_for(100);
    let events = sim.kubectl("kubectl get events -o custom-columns=MESSAGE:.message").stdout;
    assert!(events.contains("Successfully pulled image \"redis\" in 2.45s (2.452s including waiting). Image size: 50000000 bytes.\n"), "{events}");
    assert!(events.contains("Successfully pulled image \"busybox\" in 1.618s (1.62s including waiting). Image size: 2200000 bytes.\n"), "{events}");
    let waiting = sim.kubectl("kubectl get pod crash -o jsonpath={.status.containerStatuses[0].state.waiting.message}").stdout;
    assert!(waiting.starts_with("back-off 1m20s restarting failed container=crash pod=crash_default("), "{waiting}");
}

#[test]
fn create_generators_wrap_every_server_error() {
    check(
        "kubectl create deployment Bad_Name --image=nginx
kubectl create deployment web --image=nginx -n nope
kubectl create configmap c --from-literal=a=1 -n nope
kubectl create secret generic s --from-literal=a=1
kubectl create secret generic s --from-literal=a=1
kubectl create service clusterip x --tcp=80 -n nope
kubectl create namespace team
kubectl create namespace team
kubectl delete namespace team --wait=false
kubectl create deployment web --image=nginx -n team
",
        r#"$ kubectl create deployment Bad_Name --image=nginx
error: failed to create deployment: Deployment.apps "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')
$ kubectl create deployment web --image=nginx -n nope
error: failed to create deployment: namespaces "nope" not found
$ kubectl create configmap c --from-literal=a=1 -n nope
error: failed to create configmap: namespaces "nope" not found
$ kubectl create secret generic s --from-literal=a=1
secret/s created
$ kubectl create secret generic s --from-literal=a=1
error: failed to create secret secrets "s" already exists
$ kubectl create service clusterip x --tcp=80 -n nope
error: failed to create ClusterIP service: namespaces "nope" not found
$ kubectl create namespace team
namespace/team created
$ kubectl create namespace team
Error from server (AlreadyExists): namespaces "team" already exists
$ kubectl delete namespace team --wait=false
namespace "team" deleted
$ kubectl create deployment web --image=nginx -n team
error: failed to create deployment: deployments.apps "web" is forbidden: unable to create new content in namespace team because it is being terminated
"#,
    );
}

#[test]
fn describe_namespace_shows_its_deletion_conditions() {
    let transcript = sim()
        .script(
            "kubectl create namespace team
kubectl run p --image=nginx -n team
sleep 10
kubectl delete namespace team --wait=false
sleep 5
kubectl describe ns team
",
        )
        .text;
    let shown = transcript.split("$ kubectl describe ns team\n").nth(1).unwrap_or_default();
    assert_eq!(
        shown,
        "Name:         team
Labels:       kubernetes.io/metadata.name=team
Annotations:  <none>
Status:       Terminating
Conditions:
  Type                                         Status  LastTransitionTime               Reason               Message
  ----                                         ------  ------------------               ------               -------
  NamespaceDeletionDiscoveryFailure            False   Mon, 23 Nov 2026 00:00:15 +0000  ResourcesDiscovered  All resources successfully discovered
  NamespaceDeletionGroupVersionParsingFailure  False   Mon, 23 Nov 2026 00:00:15 +0000  ParsedGroupVersions  All legacy kube types successfully parsed
  NamespaceDeletionContentFailure              False   Mon, 23 Nov 2026 00:00:15 +0000  ContentDeleted       All content successfully deleted, may be waiting on finalization
  NamespaceContentRemaining                    True    Mon, 23 Nov 2026 00:00:15 +0000  SomeResourcesRemain  Some resources are remaining: pods. has 1 resource instances
  NamespaceFinalizersRemaining                 False   Mon, 23 Nov 2026 00:00:15 +0000  ContentRemoved       All content successfully removed

No resource quota.

No LimitRange resource.
",
        "\n--- got ---\n{transcript}"
    );
}

#[test]
fn yaml_output_quotes_strings_as_go_yaml_v2() {
    check(
        r#"kubectl create configmap x --from-literal=a='containers with unready status: [app]' --from-literal=b=true --from-literal=c="it's: here" --from-literal=d=nginx:1.25 --from-literal=e='1:20' --from-literal=f='- item' --from-literal=g=' lead' --from-literal=h='a #b' --from-literal=i=08
kubectl get cm x -o yaml
"#,
        r#"$ kubectl create configmap x --from-literal=a='containers with unready status: [app]' --from-literal=b=true --from-literal=c="it's: here" --from-literal=d=nginx:1.25 --from-literal=e='1:20' --from-literal=f='- item' --from-literal=g=' lead' --from-literal=h='a #b' --from-literal=i=08
configmap/x created
$ kubectl get cm x -o yaml
apiVersion: v1
data:
  a: 'containers with unready status: [app]'
  b: "true"
  c: 'it''s: here'
  d: nginx:1.25
  e: "1:20"
  f: '- item'
  g: ' lead'
  h: 'a #b'
  i: "08"
kind: ConfigMap
metadata:
  creationTimestamp: "2026-11-23T00:00:00Z"
  name: x
  namespace: default
  resourceVersion: "47"
  uid: f16894f0-4050-4100-bbe7-26b627bfc026
"#,
    );
    // A pod whose container is not ready yet: the condition's message cannot be plain.
    let mut sim = sim();
    sim.kubectl_stdin(
        "kubectl apply -f -",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: app\n    image: nginx:1.25\n    readinessProbe:\n      httpGet:\n        path: /\n        port: 80\n      initialDelaySeconds: 100\n",
    );
    sim.run_for(30);
    let yaml = sim.kubectl("kubectl get pod app -o yaml").stdout;
    assert!(yaml.contains("    message: 'containers with unready status: [app]'\n"), "{yaml}");
}

#[test]
fn nginx_minor_tags_run_their_last_patch_release() {
    check(
        "kubectl run web --image=nginx:1.25
kubectl run old --image=nginx:1.20-alpine
sleep 10
kubectl exec web -- printenv NGINX_VERSION PKG_RELEASE
kubectl exec old -- printenv NGINX_VERSION PKG_RELEASE
kubectl logs web --tail=2
",
        "$ kubectl run web --image=nginx:1.25
pod/web created
$ kubectl run old --image=nginx:1.20-alpine
pod/old created
$ sleep 10
$ kubectl exec web -- printenv NGINX_VERSION PKG_RELEASE
1.25.5
1~bookworm
$ kubectl exec old -- printenv NGINX_VERSION PKG_RELEASE
1.20.2
1
$ kubectl logs web --tail=2
2026/11/23 00:00:04 [notice] 1#1: nginx/1.25.5
2026/11/23 00:00:04 [notice] 1#1: start worker processes
",
    );
}

/// No metrics-server runs here, so `kubectl top` answers as it does on any cluster without one.
#[test]
fn top_without_metrics_server() {
    check("kubectl top pods\nkubectl top nodes\n", "$ kubectl top pods\nerror: Metrics API not available\n$ kubectl top nodes\nerror: Metrics API not available\n");
    assert_eq!(exit_code_of_last("kubectl top pods\n"), 1);
}
