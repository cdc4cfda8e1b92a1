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
