//! kubectl behaviours left over from issue #3: `completion`, `-v=N`, `--field-selector` on
//! label/annotate/wait, `logs --timestamps`, and client-side dry-run output.

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

/// The exit codes of every line of `script`.
fn exit_codes(script: &str) -> Vec<i32> {
    sim().script(script).outputs.iter().map(|o| o.exit_code).collect()
}

#[test]
fn completion_prints_a_note_and_kubectls_errors() {
    check(
        "kubectl completion bash
kubectl completion fish
kubectl completion
kubectl completion foo
kubectl completion BASH
kubectl completion bash zsh
kubectl completion bash -o yaml
",
        "$ kubectl completion bash
# kubeplay: Tab completion is already built into this terminal: Tab completes commands,
# resource types, object names, namespaces, files, output formats and flags, and a
# second Tab lists the candidates.
# In a real bash shell this command prints kubectl's 352-line completion script;
# load it with:
#   source <(kubectl completion bash)
$ kubectl completion fish
# kubeplay: Tab completion is already built into this terminal: Tab completes commands,
# resource types, object names, namespaces, files, output formats and flags, and a
# second Tab lists the candidates.
# In a real fish shell this command prints kubectl's 249-line completion script;
# load it with:
#   kubectl completion fish | source
$ kubectl completion
error: Shell not specified.
See 'kubectl completion -h' for help and examples
$ kubectl completion foo
error: Unsupported shell type \"foo\".
See 'kubectl completion -h' for help and examples
$ kubectl completion BASH
error: Unsupported shell type \"BASH\".
See 'kubectl completion -h' for help and examples
$ kubectl completion bash zsh
error: Too many arguments. Expected only the shell type.
See 'kubectl completion -h' for help and examples
$ kubectl completion bash -o yaml
error: unknown shorthand flag: 'o' in -o
See 'kubectl completion --help' for usage.
",
    );
    assert_eq!(exit_codes("kubectl completion zsh\nkubectl completion powershell\nkubectl completion\nkubectl completion foo\n"), vec![0, 0, 1, 1]);
}

#[test]
fn verbosity_six_logs_each_api_request_from_the_virtual_clock() {
    check(
        "kubectl create deployment web --image=nginx
kubectl get deploy web nope -v=6
kubectl scale deploy/web --replicas=2 --v=6
kubectl get pods -v=3 -l app=none
kubectl get pods -v=x
",
        r#"$ kubectl create deployment web --image=nginx
deployment.apps/web created
$ kubectl get deploy web nope -v=6
I1123 00:00:00.001213   22712 loader.go:402] Config loaded from file:  /root/.kube/config
I1123 00:00:00.001426   22712 envvar.go:172] "Feature gate default state" feature="WatchListClient" enabled=false
I1123 00:00:00.001639   22712 envvar.go:172] "Feature gate default state" feature="ClientsAllowCBOR" enabled=false
I1123 00:00:00.001852   22712 envvar.go:172] "Feature gate default state" feature="ClientsPreferCBOR" enabled=false
I1123 00:00:00.002065   22712 envvar.go:172] "Feature gate default state" feature="InformerResourceVersion" enabled=false
I1123 00:00:00.002278   22712 round_trippers.go:560] GET https://127.0.0.1:6443/apis/apps/v1/namespaces/default/deployments/web 200 OK in 0 milliseconds
I1123 00:00:00.002491   22712 round_trippers.go:560] GET https://127.0.0.1:6443/apis/apps/v1/namespaces/default/deployments/nope 404 Not Found in 0 milliseconds
I1123 00:00:00.002704   22712 helpers.go:246] server response object: %s[{
  "kind": "Status",
  "apiVersion": "v1",
  "metadata": {},
  "status": "Failure",
  "message": "deployments.apps \"nope\" not found",
  "reason": "NotFound",
  "details": {
    "name": "nope",
    "group": "apps",
    "kind": "deployments"
  },
  "code": 404
}]
NAME   READY   UP-TO-DATE   AVAILABLE   AGE
web    0/1     1            0           0s
Error from server (NotFound): deployments.apps "nope" not found
$ kubectl scale deploy/web --replicas=2 --v=6
I1123 00:00:00.001213   22712 loader.go:402] Config loaded from file:  /root/.kube/config
I1123 00:00:00.001426   22712 envvar.go:172] "Feature gate default state" feature="WatchListClient" enabled=false
I1123 00:00:00.001639   22712 envvar.go:172] "Feature gate default state" feature="ClientsAllowCBOR" enabled=false
I1123 00:00:00.001852   22712 envvar.go:172] "Feature gate default state" feature="ClientsPreferCBOR" enabled=false
I1123 00:00:00.002065   22712 envvar.go:172] "Feature gate default state" feature="InformerResourceVersion" enabled=false
I1123 00:00:00.002278   22712 round_trippers.go:560] GET https://127.0.0.1:6443/apis/apps/v1/namespaces/default/deployments/web 200 OK in 0 milliseconds
I1123 00:00:00.002491   22712 round_trippers.go:560] PATCH https://127.0.0.1:6443/apis/apps/v1/namespaces/default/deployments/web/scale 200 OK in 0 milliseconds
deployment.apps/web scaled
$ kubectl get pods -v=3 -l app=none
I1123 00:00:00.001213   22712 envvar.go:172] "Feature gate default state" feature="WatchListClient" enabled=false
I1123 00:00:00.001426   22712 envvar.go:172] "Feature gate default state" feature="ClientsAllowCBOR" enabled=false
I1123 00:00:00.001639   22712 envvar.go:172] "Feature gate default state" feature="ClientsPreferCBOR" enabled=false
I1123 00:00:00.001852   22712 envvar.go:172] "Feature gate default state" feature="InformerResourceVersion" enabled=false
No resources found in default namespace.
$ kubectl get pods -v=x
error: invalid argument "x" for "-v, --v" flag: strconv.ParseInt: parsing "x": invalid syntax
See 'kubectl get --help' for usage.
"#,
    );
}

#[test]
fn verbosity_logs_describe_apply_delete_and_rollout_requests() {
    let mut sim = sim();
    sim.kubectl("kubectl create deployment web --image=nginx");
    let requests = |text: &str| -> Vec<String> {
        text.lines().filter_map(|l| l.split_once("round_trippers.go:560] ").map(|(_, r)| r.replace(" in 0 milliseconds", ""))).collect()
    };
    let describe = sim.kubectl("kubectl describe deploy web -v=6").stderr;
    let uid = sim.kubectl("kubectl get deploy web -o jsonpath={.metadata.uid}").stdout;
    assert_eq!(requests(&describe), vec![
        "GET https://127.0.0.1:6443/apis/apps/v1/namespaces/default/deployments/web 200 OK".to_string(),
        "GET https://127.0.0.1:6443/apis/apps/v1/namespaces/default/deployments/web 200 OK".to_string(),
        format!("GET https://127.0.0.1:6443/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dweb%2CinvolvedObject.namespace%3Ddefault%2CinvolvedObject.kind%3DDeployment%2CinvolvedObject.uid%3D{uid}&limit=500 200 OK"),
        "GET https://127.0.0.1:6443/apis/apps/v1/namespaces/default/replicasets?labelSelector=app%3Dweb&limit=500 200 OK".to_string(),
    ]);
    assert_eq!(requests(&sim.kubectl("kubectl rollout restart deploy/web -v=7").stderr), vec![
        "GET https://127.0.0.1:6443/apis/apps/v1/namespaces/default/deployments/web 200 OK",
        "PATCH https://127.0.0.1:6443/apis/apps/v1/namespaces/default/deployments/web?fieldManager=kubectl-rollout 200 OK",
    ]);
    assert_eq!(requests(&sim.kubectl("kubectl delete deploy web nope -v=6").stderr), vec![
        "DELETE https://127.0.0.1:6443/apis/apps/v1/namespaces/default/deployments/web 200 OK",
        "DELETE https://127.0.0.1:6443/apis/apps/v1/namespaces/default/deployments/nope 404 Not Found",
        "GET https://127.0.0.1:6443/apis/apps/v1/namespaces/default/deployments/web 404 Not Found",
    ]);
    sim.cluster.add_file("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\n");
    assert_eq!(requests(&sim.kubectl("kubectl apply -f cm.yaml -v=6").stderr), vec![
        "GET https://127.0.0.1:6443/api/v1/namespaces/default/configmaps/c 404 Not Found",
        "POST https://127.0.0.1:6443/api/v1/namespaces/default/configmaps?fieldManager=kubectl-client-side-apply&fieldValidation=Strict 201 Created",
    ]);
    assert_eq!(sim.kubectl("kubectl get pods -l app=none -v=5").stderr.lines().count(), 5);
    assert_eq!(sim.kubectl("kubectl get pods -l app=none -v=0").stderr, "No resources found in default namespace.\n");
}

#[test]
fn create_deployment_dry_run_prints_what_kubectl_prints() {
    // Captured from kubectl 1.32.5: `kubectl create deployment web --image=nginx -n team --dry-run=client -o yaml`.
    check(
        "kubectl create deployment web --image=nginx -n team --dry-run=client -o yaml
kubectl create deployment web --image=nginx --dry-run=client
",
        "$ kubectl create deployment web --image=nginx -n team --dry-run=client -o yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
  namespace: team
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx
        name: nginx
        resources: {}
status: {}
$ kubectl create deployment web --image=nginx --dry-run=client
deployment.apps/web created (dry run)
",
    );
}

#[test]
fn label_annotate_and_wait_take_field_selectors() {
    // Compared with kubectl 1.32.5 against a fake API server: the list request carries both
    // selectors, an empty list prints nothing, the apiserver's BadRequest is worded as `get`
    // words it, and the resource builder's and LabelOptions.Validate's errors come first.
    check(
        "kubectl run web --image=nginx --labels=app=web
kubectl run db --image=nginx --labels=app=db
sleep 5
kubectl label pods --field-selector=metadata.name=web tier=front
kubectl label pods --field-selector=metadata.name=nope tier=front
kubectl label pods --field-selector=status.phase=Running -l app=db tier=back
kubectl annotate pods --field-selector=status.phase=Running note=hi
kubectl annotate pods --field-selector=foo=bar note=hi
kubectl annotate pods --field-selector=foo note=hi
kubectl label deploy --field-selector=status.replicas=1 x=y
kubectl label pods --all --field-selector=metadata.name=web a=b
kubectl label pods --all -l app=web a=b
kubectl label pods web --field-selector=metadata.name=web a=b
kubectl label pods/web --field-selector=metadata.name=web a=b
kubectl label pods a=b
kubectl label pods -l app=none a=b
kubectl get pods --show-labels
kubectl wait pods --field-selector=metadata.name=web --for=condition=Ready
kubectl wait pods --field-selector=metadata.name=nope --for=condition=Ready
kubectl wait pods --field-selector=metadata.name=nope --for=delete
kubectl wait pods --field-selector=foo=bar --for=delete
kubectl wait pods --for=delete
kubectl wait pods/web --field-selector=metadata.name=web --for=delete
kubectl delete pod db --wait=false
kubectl wait pods --field-selector=metadata.name=db -l app=db --for=delete
",
        r#"$ kubectl run web --image=nginx --labels=app=web
pod/web created
$ kubectl run db --image=nginx --labels=app=db
pod/db created
$ sleep 5
$ kubectl label pods --field-selector=metadata.name=web tier=front
pod/web labeled
$ kubectl label pods --field-selector=metadata.name=nope tier=front
$ kubectl label pods --field-selector=status.phase=Running -l app=db tier=back
pod/db labeled
$ kubectl annotate pods --field-selector=status.phase=Running note=hi
pod/db annotated
pod/web annotated
$ kubectl annotate pods --field-selector=foo=bar note=hi
Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo
$ kubectl annotate pods --field-selector=foo note=hi
Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo": invalid selector: 'foo'; can't understand 'foo'
$ kubectl label deploy --field-selector=status.replicas=1 x=y
Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "", field selector "status.replicas=1": "status.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"
$ kubectl label pods --all --field-selector=metadata.name=web a=b
error: cannot set --all and --field-selector at the same time
$ kubectl label pods --all -l app=web a=b
error: cannot set --all and --selector at the same time
$ kubectl label pods web --field-selector=metadata.name=web a=b
error: name cannot be provided when a selector is specified
$ kubectl label pods/web --field-selector=metadata.name=web a=b
error: selectors and the all flag cannot be used when passing resource/name arguments
$ kubectl label pods a=b
error: resource(s) were provided, but no name was specified
$ kubectl label pods -l app=none a=b
$ kubectl get pods --show-labels
NAME   READY   STATUS    RESTARTS   AGE   LABELS
db     1/1     Running   0          5s    app=db,tier=back
web    1/1     Running   0          5s    app=web,tier=front
$ kubectl wait pods --field-selector=metadata.name=web --for=condition=Ready
pod/web condition met
$ kubectl wait pods --field-selector=metadata.name=nope --for=condition=Ready
error: no matching resources found
$ kubectl wait pods --field-selector=metadata.name=nope --for=delete
$ kubectl wait pods --field-selector=foo=bar --for=delete
Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo
$ kubectl wait pods --for=delete
error: resource(s) were provided, but no name was specified
$ kubectl wait pods/web --field-selector=metadata.name=web --for=delete
error: selectors and the all flag cannot be used when passing resource/name arguments
$ kubectl delete pod db --wait=false
pod "db" deleted
$ kubectl wait pods --field-selector=metadata.name=db -l app=db --for=delete
pod/db deleted
"#,
    );
    let mut sim = sim();
    sim.kubectl("kubectl run web --image=nginx --labels=app=web");
    let stderr = sim.kubectl("kubectl label pods --field-selector=metadata.name=web -l app=web tier=front -v=6").stderr;
    let requests: Vec<&str> = stderr.lines().filter_map(|l| l.split_once("round_trippers.go:560] ").map(|(_, r)| r)).collect();
    assert_eq!(requests, vec![
        "GET https://127.0.0.1:6443/api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dweb&labelSelector=app%3Dweb 200 OK in 0 milliseconds",
        "PATCH https://127.0.0.1:6443/api/v1/namespaces/default/pods/web?fieldManager=kubectl-label 200 OK in 0 milliseconds",
    ]);
    assert_eq!(exit_codes("kubectl label pods --field-selector=foo=bar a=b\nkubectl label pods --field-selector=metadata.name=x a=b\nkubectl wait pods --field-selector=metadata.name=x --for=delete\n"), vec![1, 0, 0]);
}

#[test]
fn logs_timestamps_since_tail_prefix_and_all_containers() {
    // Flag handling, the order of checks and the error texts compared with kubectl 1.32.5
    // against a fake API server: Complete (arguments, --since-time, the pod) before Validate;
    // line times are the virtual clock's (a loop's `$(date)` agrees with its timestamp).
    check(
        "kubectl apply -f - <<'EOF2'
apiVersion: v1
kind: Pod
metadata:
  name: duo
  labels:
    app: duo
spec:
  containers:
  - name: beat
    image: busybox
    command: [\"sh\", \"-c\", \"while true; do echo beat $(date); sleep 10; done\"]
  - name: tick
    image: busybox
    command: [\"sh\", \"-c\", \"while true; do echo tick; sleep 15; done\"]
EOF2
kubectl run web --image=nginx
kubectl expose pod web --port=80
sleep 20
kubectl exec duo -c beat -- wget -qO- web
sleep 20
kubectl logs web --timestamps --tail=2
kubectl logs web --since=25s
kubectl logs duo --all-containers --prefix --timestamps
kubectl logs duo -c beat --since-time=2026-11-23T00:00:20Z --timestamps
kubectl logs duo tick --since-time=2026-11-23T09:00:20+09:00 --tail=1
kubectl logs -l app=duo --all-containers --prefix --tail=1
kubectl logs duo -c tick -f --tail=1 --timestamps
kubectl logs duo --since=1s --since-time=2026-11-23T00:00:00Z
kubectl logs duo --since=abc
kubectl logs duo --since=5
kubectl logs duo --since=-5s
kubectl logs duo --tail=x
kubectl logs duo --tail=-2
kubectl logs duo --since-time=2024-01-01
kubectl logs duo --since-time=2024-13-01T00:00:00Z
kubectl logs duo --since-time=2024-01-01T00:00:00Zjunk
kubectl logs duo --all-containers -c beat
kubectl logs duo beat -c tick
kubectl logs nope --since=1s --since-time=2026-11-23T00:00:00Z
kubectl logs duo -l app=duo
kubectl logs -l app=duo --all-containers -f --max-log-requests=1
",
        r#"$ kubectl apply -f - <<'EOF2'
apiVersion: v1
kind: Pod
metadata:
  name: duo
  labels:
    app: duo
spec:
  containers:
  - name: beat
    image: busybox
    command: ["sh", "-c", "while true; do echo beat $(date); sleep 10; done"]
  - name: tick
    image: busybox
    command: ["sh", "-c", "while true; do echo tick; sleep 15; done"]
EOF2
pod/duo created
$ kubectl run web --image=nginx
pod/web created
$ kubectl expose pod web --port=80
service/web exposed
$ sleep 20
$ kubectl exec duo -c beat -- wget -qO- web
<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
$ sleep 20
$ kubectl logs web --timestamps --tail=2
2026-11-23T00:00:04.000000000Z 2026/11/23 00:00:04 [notice] 1#1: start worker processes
2026-11-23T00:00:20.000000000Z 10.244.2.3 - - [23/Nov/2026:00:00:20 +0000] "GET / HTTP/1.1" 200 615 "-" "Wget" "-"
$ kubectl logs web --since=25s
10.244.2.3 - - [23/Nov/2026:00:00:20 +0000] "GET / HTTP/1.1" 200 615 "-" "Wget" "-"
$ kubectl logs duo --all-containers --prefix --timestamps
[pod/duo/beat] 2026-11-23T00:00:02.000000000Z beat Mon Nov 23 00:00:02 UTC 2026
[pod/duo/beat] 2026-11-23T00:00:12.000000000Z beat Mon Nov 23 00:00:12 UTC 2026
[pod/duo/beat] 2026-11-23T00:00:22.000000000Z beat Mon Nov 23 00:00:22 UTC 2026
[pod/duo/beat] 2026-11-23T00:00:32.000000000Z beat Mon Nov 23 00:00:32 UTC 2026
[pod/duo/tick] 2026-11-23T00:00:03.000000000Z tick
[pod/duo/tick] 2026-11-23T00:00:18.000000000Z tick
[pod/duo/tick] 2026-11-23T00:00:33.000000000Z tick
$ kubectl logs duo -c beat --since-time=2026-11-23T00:00:20Z --timestamps
2026-11-23T00:00:22.000000000Z beat Mon Nov 23 00:00:22 UTC 2026
2026-11-23T00:00:32.000000000Z beat Mon Nov 23 00:00:32 UTC 2026
$ kubectl logs duo tick --since-time=2026-11-23T09:00:20+09:00 --tail=1
tick
$ kubectl logs -l app=duo --all-containers --prefix --tail=1
[pod/duo/beat] beat Mon Nov 23 00:00:32 UTC 2026
[pod/duo/tick] tick
$ kubectl logs duo -c tick -f --tail=1 --timestamps
2026-11-23T00:00:33.000000000Z tick
2026-11-23T00:00:48.000000000Z tick
2026-11-23T00:01:03.000000000Z tick
2026-11-23T00:01:18.000000000Z tick
2026-11-23T00:01:33.000000000Z tick
$ kubectl logs duo --since=1s --since-time=2026-11-23T00:00:00Z
error: at most one of `sinceTime` or `sinceSeconds` may be specified
$ kubectl logs duo --since=abc
error: invalid argument "abc" for "--since" flag: time: invalid duration "abc"
See 'kubectl logs --help' for usage.
$ kubectl logs duo --since=5
error: invalid argument "5" for "--since" flag: time: missing unit in duration "5"
See 'kubectl logs --help' for usage.
$ kubectl logs duo --since=-5s
error: --since must be greater than 0
$ kubectl logs duo --tail=x
error: invalid argument "x" for "--tail" flag: strconv.ParseInt: parsing "x": invalid syntax
See 'kubectl logs --help' for usage.
$ kubectl logs duo --tail=-2
error: --tail must be greater than or equal to -1
$ kubectl logs duo --since-time=2024-01-01
error: parsing time "2024-01-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"
$ kubectl logs duo --since-time=2024-13-01T00:00:00Z
error: parsing time "2024-13-01T00:00:00Z": month out of range
$ kubectl logs duo --since-time=2024-01-01T00:00:00Zjunk
error: parsing time "2024-01-01T00:00:00Zjunk": extra text: "junk"
$ kubectl logs duo --all-containers -c beat
error: --all-containers=true should not be specified with container name beat
$ kubectl logs duo beat -c tick
error: only one of -c or an inline [CONTAINER] arg is allowed
$ kubectl logs nope --since=1s --since-time=2026-11-23T00:00:00Z
Error from server (NotFound): pods "nope" not found
$ kubectl logs duo -l app=duo
error: only a selector (-l) or a POD name is allowed
See 'kubectl logs -h' for help and examples
$ kubectl logs -l app=duo --all-containers -f --max-log-requests=1
error: you are attempting to follow 2 log streams, but maximum allowed concurrency is 1, use --max-log-requests to increase the limit
"#,
    );
    assert_eq!(exit_codes("kubectl run web --image=nginx\nkubectl logs web --since=5\nkubectl logs web --tail=-2\nkubectl logs web --timestamps\n"), vec![0, 1, 1, 1]);
}

#[test]
fn create_generators_dry_run_prints_what_kubectl_prints() {
    // The expected text is kubectl 1.32.5's own output for each line (no server needed for a
    // client dry run): YAML with sorted keys, JSON in the Go structs' field order, no namespace
    // unless -n (never on a Namespace), no type on a Secret unless --type.
    check(
        "kubectl create configmap c --from-literal=a=b --dry-run=client -o yaml
kubectl create configmap c --from-literal=a=b -n team --dry-run=client -o yaml
kubectl create secret generic s --from-literal=a=b --dry-run=client -o yaml
kubectl create secret generic s --from-literal=a=b -n team --dry-run=client -o yaml
kubectl create namespace n --dry-run=client -o yaml
kubectl create namespace n -n team --dry-run=client -o yaml
kubectl create deployment web --image=nginx --dry-run=client -o json
kubectl create configmap c --from-literal=a=b --dry-run=client -o json
kubectl create secret generic s --from-literal=a=b --dry-run=client -o json
kubectl create namespace n --dry-run=client -o json
kubectl create secret generic s --type=foo --dry-run=client -o yaml
kubectl create configmap c --dry-run=client -o yaml
kubectl create secret generic s --dry-run=client -o json
kubectl create configmap c --from-literal=a=b -n team --dry-run=client -o json
kubectl create deployment web --image=nginx --port=80 -r 2 -n team --dry-run=client -o json
kubectl create configmap c --from-literal=a=b --dry-run=client -o name
kubectl create namespace n --dry-run=client -o name
kubectl create namespace n --dry-run=client
kubectl create secret generic s --from-literal=a=b --dry-run=client
kubectl create configmap c --from-literal=x=1 --from-literal=a=2 --dry-run=client -o json
",
        r#"$ kubectl create configmap c --from-literal=a=b --dry-run=client -o yaml
apiVersion: v1
data:
  a: b
kind: ConfigMap
metadata:
  creationTimestamp: null
  name: c
$ kubectl create configmap c --from-literal=a=b -n team --dry-run=client -o yaml
apiVersion: v1
data:
  a: b
kind: ConfigMap
metadata:
  creationTimestamp: null
  name: c
  namespace: team
$ kubectl create secret generic s --from-literal=a=b --dry-run=client -o yaml
apiVersion: v1
data:
  a: Yg==
kind: Secret
metadata:
  creationTimestamp: null
  name: s
$ kubectl create secret generic s --from-literal=a=b -n team --dry-run=client -o yaml
apiVersion: v1
data:
  a: Yg==
kind: Secret
metadata:
  creationTimestamp: null
  name: s
  namespace: team
$ kubectl create namespace n --dry-run=client -o yaml
apiVersion: v1
kind: Namespace
metadata:
  creationTimestamp: null
  name: "n"
spec: {}
status: {}
$ kubectl create namespace n -n team --dry-run=client -o yaml
apiVersion: v1
kind: Namespace
metadata:
  creationTimestamp: null
  name: "n"
spec: {}
status: {}
$ kubectl create deployment web --image=nginx --dry-run=client -o json
{
    "kind": "Deployment",
    "apiVersion": "apps/v1",
    "metadata": {
        "name": "web",
        "creationTimestamp": null,
        "labels": {
            "app": "web"
        }
    },
    "spec": {
        "replicas": 1,
        "selector": {
            "matchLabels": {
                "app": "web"
            }
        },
        "template": {
            "metadata": {
                "creationTimestamp": null,
                "labels": {
                    "app": "web"
                }
            },
            "spec": {
                "containers": [
                    {
                        "name": "nginx",
                        "image": "nginx",
                        "resources": {}
                    }
                ]
            }
        },
        "strategy": {}
    },
    "status": {}
}
$ kubectl create configmap c --from-literal=a=b --dry-run=client -o json
{
    "kind": "ConfigMap",
    "apiVersion": "v1",
    "metadata": {
        "name": "c",
        "creationTimestamp": null
    },
    "data": {
        "a": "b"
    }
}
$ kubectl create secret generic s --from-literal=a=b --dry-run=client -o json
{
    "kind": "Secret",
    "apiVersion": "v1",
    "metadata": {
        "name": "s",
        "creationTimestamp": null
    },
    "data": {
        "a": "Yg=="
    }
}
$ kubectl create namespace n --dry-run=client -o json
{
    "kind": "Namespace",
    "apiVersion": "v1",
    "metadata": {
        "name": "n",
        "creationTimestamp": null
    },
    "spec": {},
    "status": {}
}
$ kubectl create secret generic s --type=foo --dry-run=client -o yaml
apiVersion: v1
kind: Secret
metadata:
  creationTimestamp: null
  name: s
type: foo
$ kubectl create configmap c --dry-run=client -o yaml
apiVersion: v1
kind: ConfigMap
metadata:
  creationTimestamp: null
  name: c
$ kubectl create secret generic s --dry-run=client -o json
{
    "kind": "Secret",
    "apiVersion": "v1",
    "metadata": {
        "name": "s",
        "creationTimestamp": null
    }
}
$ kubectl create configmap c --from-literal=a=b -n team --dry-run=client -o json
{
    "kind": "ConfigMap",
    "apiVersion": "v1",
    "metadata": {
        "name": "c",
        "namespace": "team",
        "creationTimestamp": null
    },
    "data": {
        "a": "b"
    }
}
$ kubectl create deployment web --image=nginx --port=80 -r 2 -n team --dry-run=client -o json
{
    "kind": "Deployment",
    "apiVersion": "apps/v1",
    "metadata": {
        "name": "web",
        "namespace": "team",
        "creationTimestamp": null,
        "labels": {
            "app": "web"
        }
    },
    "spec": {
        "replicas": 2,
        "selector": {
            "matchLabels": {
                "app": "web"
            }
        },
        "template": {
            "metadata": {
                "creationTimestamp": null,
                "labels": {
                    "app": "web"
                }
            },
            "spec": {
                "containers": [
                    {
                        "name": "nginx",
                        "image": "nginx",
                        "ports": [
                            {
                                "containerPort": 80
                            }
                        ],
                        "resources": {}
                    }
                ]
            }
        },
        "strategy": {}
    },
    "status": {}
}
$ kubectl create configmap c --from-literal=a=b --dry-run=client -o name
configmap/c
$ kubectl create namespace n --dry-run=client -o name
namespace/n
$ kubectl create namespace n --dry-run=client
namespace/n created (dry run)
$ kubectl create secret generic s --from-literal=a=b --dry-run=client
secret/s created (dry run)
$ kubectl create configmap c --from-literal=x=1 --from-literal=a=2 --dry-run=client -o json
{
    "kind": "ConfigMap",
    "apiVersion": "v1",
    "metadata": {
        "name": "c",
        "creationTimestamp": null
    },
    "data": {
        "a": "2",
        "x": "1"
    }
}
"#,
    );
    // What the apiserver stores keeps its defaults.
    check(
        "kubectl create secret generic s --from-literal=a=b
kubectl get secret s -o jsonpath={.type}/{.metadata.namespace}
",
        "$ kubectl create secret generic s --from-literal=a=b
secret/s created
$ kubectl get secret s -o jsonpath={.type}/{.metadata.namespace}
Opaque/default
",
    );
}

/// `RunRestart`'s errors as `CheckErr` prints them: the names not found after what was
/// restarted; with other errors, the builder's aggregate is one line (its `Error()`, no
/// "Error from server") and each object's error follows as written; a lone error gets `error: `.
#[test]
fn rollout_restart_aggregates_its_errors_as_kubectl_does() {
    crate::support::check(
        r##"kubectl create deployment a --image=nginx
kubectl rollout restart deployment/a deployment/nope deployment/nope2
kubectl rollout restart deployment/nope deployment/a
kubectl rollout pause deployment/a
kubectl rollout restart deployment/a
kubectl rollout restart deployment/a statefulset/x
"##,
        r##"$ kubectl create deployment a --image=nginx
deployment.apps/a created
$ kubectl rollout restart deployment/a deployment/nope deployment/nope2
deployment.apps/a restarted
Error from server (NotFound): deployments.apps "nope" not found
Error from server (NotFound): deployments.apps "nope2" not found
$ kubectl rollout restart deployment/nope deployment/a
deployments.apps "nope" not found
failed to create patch for a: if restart has already been triggered within the past second, please wait before attempting to trigger another
$ kubectl rollout pause deployment/a
deployment.apps/a paused
$ kubectl rollout restart deployment/a
error: deployments.apps "a" can't restart paused deployment (run rollout resume first)
$ kubectl rollout restart deployment/a statefulset/x
statefulsets.apps "x" not found
error: deployments.apps "a" can't restart paused deployment (run rollout resume first)
"##,
    );
}

/// kubernetes.io's "Pausing and Resuming a rollout of a Deployment": a paused Deployment takes
/// an image and then resources (`set resources -c=nginx --limits=...`) without a rollout, and one
/// rollout follows the resume. A second identical `set resources` sends no patch and prints
/// nothing (CalculatePatches); the checks of Validate and populateResourceListV1, a dry run, an
/// apiserver refusal and an object without a pod template.
#[test]
fn set_resources_during_a_paused_rollout() {
    check(
        r##"kubectl create deployment nginx-deployment --image=nginx:1.14.2 --replicas=3
kubectl rollout status deployment/nginx-deployment
kubectl rollout pause deployment/nginx-deployment
kubectl set image deployment/nginx-deployment nginx=nginx:1.16.1
kubectl rollout history deployment/nginx-deployment
kubectl get rs
kubectl set resources deployment/nginx-deployment -c=nginx --limits=cpu=200m,memory=512Mi
kubectl set resources deployment/nginx-deployment -c=nginx --limits=cpu=200m,memory=512Mi
kubectl rollout resume deployment/nginx-deployment
kubectl rollout status deployment/nginx-deployment
kubectl get rs
kubectl get deploy nginx-deployment -o jsonpath='{.spec.template.spec.containers[0].resources}{"\n"}'
kubectl set resources deployment nginx-deployment -c=sidecar --limits=cpu=100m
kubectl set resources deployment nginx-deployment
kubectl set resources deployment nginx-deployment --limits=cpu
kubectl set resources deployment nginx-deployment --limits=cpu=lots
kubectl set resources deployment nope --limits=cpu=1
kubectl set resources deployment nginx-deployment --requests=cpu=300m
kubectl set resources deployment nginx-deployment --limits=cpu=100m,memory=512Mi --requests=cpu=100m,memory=256Mi --dry-run=client
kubectl get deploy nginx-deployment -o jsonpath="{.spec.template.spec.containers[0].resources}{\"\\n\"}"
kubectl set resources svc kubernetes --limits=cpu=1
"##,
        r##"$ kubectl create deployment nginx-deployment --image=nginx:1.14.2 --replicas=3
deployment.apps/nginx-deployment created
$ kubectl rollout status deployment/nginx-deployment
Waiting for deployment "nginx-deployment" rollout to finish: 0 of 3 updated replicas are available...
deployment "nginx-deployment" successfully rolled out
$ kubectl rollout pause deployment/nginx-deployment
deployment.apps/nginx-deployment paused
$ kubectl set image deployment/nginx-deployment nginx=nginx:1.16.1
deployment.apps/nginx-deployment image updated
$ kubectl rollout history deployment/nginx-deployment
deployment.apps/nginx-deployment 
REVISION  CHANGE-CAUSE
1         <none>

$ kubectl get rs
NAME                          DESIRED   CURRENT   READY   AGE
nginx-deployment-86b56fb6f6   3         3         3       4s
$ kubectl set resources deployment/nginx-deployment -c=nginx --limits=cpu=200m,memory=512Mi
deployment.apps/nginx-deployment resource requirements updated
$ kubectl set resources deployment/nginx-deployment -c=nginx --limits=cpu=200m,memory=512Mi
$ kubectl rollout resume deployment/nginx-deployment
deployment.apps/nginx-deployment resumed
$ kubectl rollout status deployment/nginx-deployment
Waiting for deployment "nginx-deployment" rollout to finish: 1 out of 3 new replicas have been updated...
Waiting for deployment "nginx-deployment" rollout to finish: 1 out of 3 new replicas have been updated...
Waiting for deployment "nginx-deployment" rollout to finish: 1 out of 3 new replicas have been updated...
Waiting for deployment "nginx-deployment" rollout to finish: 2 out of 3 new replicas have been updated...
Waiting for deployment "nginx-deployment" rollout to finish: 2 out of 3 new replicas have been updated...
Waiting for deployment "nginx-deployment" rollout to finish: 2 out of 3 new replicas have been updated...
Waiting for deployment "nginx-deployment" rollout to finish: 1 old replicas are pending termination...
Waiting for deployment "nginx-deployment" rollout to finish: 1 old replicas are pending termination...
deployment "nginx-deployment" successfully rolled out
$ kubectl get rs
NAME                          DESIRED   CURRENT   READY   AGE
nginx-deployment-5d457f789c   3         3         3       11s
nginx-deployment-86b56fb6f6   0         0         0       15s
$ kubectl get deploy nginx-deployment -o jsonpath='{.spec.template.spec.containers[0].resources}{"\n"}'
{"limits":{"cpu":"200m","memory":"512Mi"}}
$ kubectl set resources deployment nginx-deployment -c=sidecar --limits=cpu=100m
error: unable to find container named sidecar
$ kubectl set resources deployment nginx-deployment
error: you must specify an update to requests or limits (in the form of --requests/--limits)
$ kubectl set resources deployment nginx-deployment --limits=cpu
error: Invalid argument syntax cpu, expected <resource>=<value>
$ kubectl set resources deployment nginx-deployment --limits=cpu=lots
error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'
$ kubectl set resources deployment nope --limits=cpu=1
Error from server (NotFound): deployments.apps "nope" not found
$ kubectl set resources deployment nginx-deployment --requests=cpu=300m
error: failed to patch resources update to pod template Deployment.apps "nginx-deployment" is invalid: spec.template.spec.containers[0].resources.requests: Invalid value: "300m": must be less than or equal to cpu limit of 200m
$ kubectl set resources deployment nginx-deployment --limits=cpu=100m,memory=512Mi --requests=cpu=100m,memory=256Mi --dry-run=client
deployment.apps/nginx-deployment resource requirements updated (dry run)
$ kubectl get deploy nginx-deployment -o jsonpath="{.spec.template.spec.containers[0].resources}{\"\\n\"}"
{"limits":{"cpu":"200m","memory":"512Mi"}}
$ kubectl set resources svc kubernetes --limits=cpu=1
error: services/kubernetes the object is not a pod or does not have a pod template: *v1.Service
"##,
    );
}

/// ValidatePodUpdate: a pod's labels, annotations, images, activeDeadlineSeconds and added
/// tolerations may change; anything else in its spec is Forbidden (the message, then what
/// differs: kubeplay names the fields by JSON path where the apiserver prints go-cmp's diff),
/// containers may not be added; `set env` and `set resources` on a pod say so in their own
/// words. `apply` over an object that apply did not make warns, then patches the annotation in.
#[test]
fn pod_specs_are_immutable_but_for_images_and_apply_warns_about_unapplied_objects() {
    check(
        r##"kubectl run solo --image=nginx
kubectl patch pod solo -p '{"spec":{"containers":[{"name":"solo","resources":{"limits":{"cpu":"1"}}}]}}'
kubectl patch pod solo -p '{"spec":{"restartPolicy":"Never"}}'
kubectl label pod solo a=b
kubectl set image pod/solo solo=nginx:1.25
kubectl set env pod/solo A=B
kubectl set resources pod solo --limits=cpu=1
kubectl get pod solo -o yaml > solo.yaml
kubectl apply -f solo.yaml
kubectl annotate pod solo x=y
kubectl patch pod solo -p '{"spec":{"activeDeadlineSeconds":600}}'
kubectl patch pod solo --type=json -p '[{"op":"add","path":"/spec/containers/-","value":{"name":"two","image":"busybox"}}]'
kubectl create deployment made --image=nginx
kubectl get deploy made -o yaml > made.yaml
kubectl apply -f made.yaml
"##,
        r##"$ kubectl run solo --image=nginx
pod/solo created
$ kubectl patch pod solo -p '{"spec":{"containers":[{"name":"solo","resources":{"limits":{"cpu":"1"}}}]}}'
The Pod "solo" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)
  core.PodSpec{
+ 	containers[0].resources.limits: {"cpu":"1"}
  }
$ kubectl patch pod solo -p '{"spec":{"restartPolicy":"Never"}}'
The Pod "solo" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)
  core.PodSpec{
- 	restartPolicy: "Always"
+ 	restartPolicy: "Never"
  }
$ kubectl label pod solo a=b
pod/solo labeled
$ kubectl set image pod/solo solo=nginx:1.25
pod/solo image updated
$ kubectl set env pod/solo A=B
error: failed to patch env update to pod template: Pod "solo" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)
  core.PodSpec{
+ 	containers[0].env: [{"name":"A","value":"B"}]
  }
$ kubectl set resources pod solo --limits=cpu=1
error: failed to patch resources update to pod template Pod "solo" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)
  core.PodSpec{
+ 	containers[0].resources.limits: {"cpu":"1"}
  }
$ kubectl get pod solo -o yaml > solo.yaml
$ kubectl apply -f solo.yaml
Warning: resource pods/solo is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.
pod/solo configured
$ kubectl annotate pod solo x=y
pod/solo annotated
$ kubectl patch pod solo -p '{"spec":{"activeDeadlineSeconds":600}}'
pod/solo patched
$ kubectl patch pod solo --type=json -p '[{"op":"add","path":"/spec/containers/-","value":{"name":"two","image":"busybox"}}]'
The Pod "solo" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers
$ kubectl create deployment made --image=nginx
deployment.apps/made created
$ kubectl get deploy made -o yaml > made.yaml
$ kubectl apply -f made.yaml
Warning: resource deployments/made is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.
deployment.apps/made configured
"##,
    );
}
