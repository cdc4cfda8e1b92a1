//! Pods, namespaces and their lifecycles as the real cluster has them: environment fixed when a
//! container starts, namespaces that terminate before they go.

use kubeplay::engine::timing::Timing;

use crate::support::Sim;

fn sim() -> Sim {
    Sim::new(7, Timing::realistic())
}

const GREETER: &str = "apiVersion: v1
kind: Pod
metadata:
  name: greeter
spec:
  containers:
  - name: app
    image: nginx:1.25
    env:
    - name: MESSAGE
      valueFrom:
        configMapKeyRef:
          name: greeting-config
          key: MESSAGE
    envFrom:
    - configMapRef:
        name: greeting-config
      prefix: FROM_
    volumeMounts:
    - name: config
      mountPath: /etc/config
    - name: config
      mountPath: /etc/single/MESSAGE
      subPath: MESSAGE
  volumes:
  - name: config
    configMap:
      name: greeting-config
";

fn exec(sim: &mut Sim, line: &str) -> String {
    let out = sim.kubectl(line);
    assert_eq!(out.exit_code, 0, "{line}: {}", out.combined);
    out.stdout
}

#[test]
fn a_service_created_after_the_container_started_is_not_in_its_environment() {
    let mut sim = sim();
    sim.kubectl("kubectl run order --image=nginx:1.25");
    sim.run_for(10);
    sim.kubectl("kubectl create deployment payment --image=nginx:1.25");
    assert_eq!(sim.kubectl("kubectl expose deployment payment --port=80").exit_code, 0);
    sim.run_for(5);
    let env = exec(&mut sim, "kubectl exec order -- env");
    assert!(env.contains("KUBERNETES_SERVICE_HOST=10.96.0.1\n"), "{env}");
    assert!(!env.contains("PAYMENT_"), "service links are fixed when the container starts: {env}");
    let printenv = sim.kubectl("kubectl exec order -- printenv PAYMENT_SERVICE_HOST");
    assert_eq!((printenv.exit_code, printenv.stdout.as_str()), (1, ""), "{}", printenv.combined);
    // A new container gets the Service that exists when it starts.
    sim.kubectl("kubectl delete pod order");
    sim.kubectl("kubectl run order --image=nginx:1.25");
    sim.run_for(10);
    let ip = exec(&mut sim, "kubectl get svc payment -o jsonpath={.spec.clusterIP}");
    assert_eq!(exec(&mut sim, "kubectl exec order -- printenv PAYMENT_SERVICE_HOST"), format!("{ip}\n"));
    assert!(exec(&mut sim, "kubectl exec order -- env").contains("PAYMENT_PORT_80_TCP=tcp://"));
}

#[test]
fn a_changed_config_map_reaches_mounted_files_at_the_next_sync_but_never_the_environment() {
    let mut sim = sim();
    sim.kubectl("kubectl create configmap greeting-config --from-literal=MESSAGE=hi");
    assert_eq!(sim.kubectl_stdin("kubectl apply -f -", GREETER).exit_code, 0);
    sim.run_for(10);
    assert_eq!(exec(&mut sim, "kubectl exec greeter -- printenv MESSAGE"), "hi\n");
    let patched = sim.kubectl(r#"kubectl patch configmap greeting-config -p '{"data":{"MESSAGE":"hello"}}'"#);
    assert_eq!(patched.stdout, "configmap/greeting-config patched\n", "{}", patched.combined);
    let unchanged = exec(&mut sim, "kubectl exec greeter -- sh -c 'echo $MESSAGE $FROM_MESSAGE; cat /etc/config/MESSAGE; echo; cat /etc/single/MESSAGE'");
    assert_eq!(unchanged, "hi hi\nhi\nhi", "nothing changes at once");
    // The kubelet's periodic sync (every 60 s) remounts the volume: files change, except a subPath.
    sim.run_for(60);
    assert_eq!(exec(&mut sim, "kubectl exec greeter -- cat /etc/config/MESSAGE"), "hello");
    assert_eq!(exec(&mut sim, "kubectl exec greeter -- cat /etc/single/MESSAGE"), "hi", "a subPath mount is never updated");
    assert_eq!(exec(&mut sim, "kubectl exec greeter -- printenv MESSAGE FROM_MESSAGE"), "hi\nhi\n", "the environment never is");
    // A new container starts with today's values.
    sim.kubectl("kubectl delete pod greeter");
    assert_eq!(sim.kubectl_stdin("kubectl apply -f -", GREETER).exit_code, 0);
    sim.run_for(10);
    assert_eq!(exec(&mut sim, "kubectl exec greeter -- printenv MESSAGE FROM_MESSAGE"), "hello\nhello\n");
    assert_eq!(exec(&mut sim, "kubectl exec greeter -- cat /etc/single/MESSAGE"), "hello");
}

#[test]
fn a_deleted_namespace_terminates_refuses_new_content_and_goes_once_empty() {
    let mut sim = sim();
    sim.kubectl("kubectl create namespace snackbar");
    sim.kubectl("kubectl create deployment payment --image=nginx:1.25 --replicas=2 -n snackbar");
    sim.kubectl("kubectl expose deployment payment --port=80 -n snackbar");
    sim.run_for(10);
    let deleted = sim.kubectl("kubectl delete namespace snackbar --wait=false");
    assert_eq!((deleted.exit_code, deleted.stdout.as_str()), (0, "namespace \"snackbar\" deleted\n"));
    let again = sim.kubectl("kubectl delete namespace snackbar");
    assert_eq!(again.exit_code, 1);
    assert_eq!(again.stderr, "Error from server (Conflict): Operation cannot be fulfilled on namespaces \"snackbar\": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.\n");
    let ns = exec(&mut sim, "kubectl get ns snackbar");
    assert!(ns.starts_with("NAME       STATUS        AGE\nsnackbar   Terminating   "), "{ns}");
    let refused = sim.kubectl("kubectl run p --image=nginx -n snackbar");
    assert_eq!(refused.exit_code, 1);
    assert_eq!(refused.stderr, "Error from server (Forbidden): pods \"p\" is forbidden: unable to create new content in namespace snackbar because it is being terminated\n");
    let manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: late\ndata:\n  a: b\n";
    let applied = sim.kubectl_stdin("kubectl apply -n snackbar -f -", manifest);
    assert_eq!(applied.stderr, "Error from server (Forbidden): error when creating \"STDIN\": configmaps \"late\" is forbidden: unable to create new content in namespace snackbar because it is being terminated\n");
    // The namespace controller starts 5 s after the deletion: the pods terminate gracefully.
    let pods = exec(&mut sim, "kubectl get pods -n snackbar");
    assert_eq!(pods.matches("Running").count(), 2, "{pods}");
    sim.run_for(6);
    let pods = exec(&mut sim, "kubectl get pods -n snackbar");
    assert_eq!(pods.matches("Terminating").count(), 2, "{pods}");
    assert!(sim.kubectl("kubectl get deploy,rs,svc,cm -n snackbar").stderr.contains("No resources found in snackbar namespace."));
    let yaml = exec(&mut sim, "kubectl get ns snackbar -o yaml");
    assert!(yaml.contains("deletionTimestamp:") && yaml.contains("  finalizers:\n  - kubernetes\n"), "{yaml}");
    assert!(yaml.contains("Some resources are remaining: pods. has 2 resource instances"), "{yaml}");
    assert!(yaml.contains("    reason: SomeResourcesRemain\n    status: \"True\"\n    type: NamespaceContentRemaining\n"), "{yaml}");
    assert!(yaml.contains("  phase: Terminating\n"), "{yaml}");
    sim.run_for(30);
    let gone = sim.kubectl("kubectl get ns snackbar");
    assert_eq!(gone.stderr, "Error from server (NotFound): namespaces \"snackbar\" not found\n");
    assert!(sim.kubectl("kubectl get pods,events -n snackbar").stderr.contains("No resources found in snackbar namespace."));
    // Its name is free again.
    assert_eq!(exec(&mut sim, "kubectl create namespace snackbar"), "namespace/snackbar created\n");
    assert!(exec(&mut sim, "kubectl get ns snackbar").contains("snackbar   Active"));
}

#[test]
fn kubectl_delete_namespace_waits_until_the_namespace_is_gone() {
    let mut sim = sim();
    sim.kubectl("kubectl create namespace shop");
    sim.kubectl("kubectl run web --image=nginx:1.25 -n shop");
    sim.run_for(10);
    let before = sim.cluster.now();
    let deleted = sim.kubectl("kubectl delete ns shop");
    assert_eq!((deleted.exit_code, deleted.combined.as_str()), (0, "namespace \"shop\" deleted\n"));
    let waited = (sim.cluster.now().0 - before.0) / 1000;
    assert!(waited >= 5, "the controller waits 5 s, then the pod stops: {waited} s");
    assert_eq!(sim.kubectl("kubectl get ns shop").stderr, "Error from server (NotFound): namespaces \"shop\" not found\n");
    assert_eq!(sim.kubectl("kubectl delete ns default").stderr, "Error from server (Forbidden): namespaces \"default\" is forbidden: this namespace may not be deleted\n");
}

const WEB_AND_SIDECAR: &str = "apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  containers:
  - name: web
    image: nginx:1.25
  - name: side
    image: busybox
    command: [\"sh\", \"-c\", \"while true; do sleep 5; done\"]
";

#[test]
fn each_container_has_its_own_log() {
    let mut sim = sim();
    assert_eq!(sim.kubectl_stdin("kubectl apply -f -", WEB_AND_SIDECAR).exit_code, 0);
    sim.run_for(15);
    assert!(exec(&mut sim, "kubectl exec two -c side -- wget -q -O - http://localhost/").contains("Welcome to nginx"));
    let web = exec(&mut sim, "kubectl logs two -c web");
    assert!(web.lines().last().is_some_and(|l| l.contains("\"GET / HTTP/1.1\" 200 615 \"-\" \"Wget\"")), "nginx logs the request and busybox wget's agent: {web}");
    assert_eq!(exec(&mut sim, "kubectl logs two -c side"), "", "the sidecar answered nothing and printed nothing");
    // Deleted pods take their logs with them (the kubelet forgets them).
    assert_eq!(sim.kubectl("kubectl delete pod two --grace-period=0 --force").exit_code, 0);
    sim.run_for(2);
    assert_eq!(sim.kubectl("kubectl logs two -c web").stderr, "Error from server (NotFound): pods \"two\" not found\n");
}

#[test]
fn log_lines_keep_the_time_they_were_written() {
    let mut sim = Sim::reference();
    assert_eq!(sim.kubectl("kubectl run kubia --image=luksa/kubia --port=8080").exit_code, 0);
    sim.run_for(30);
    assert_eq!(exec(&mut sim, "kubectl exec kubia -- curl -s http://localhost:8080"), "You've hit kubia\n");
    sim.run_for(5);
    let timed = exec(&mut sim, "kubectl logs kubia --timestamps");
    let lines: Vec<&str> = timed.lines().collect();
    assert_eq!(lines.len(), 2, "{timed}");
    assert!(lines[0].ends_with("Z Kubia server starting..."), "{timed}");
    assert!(lines[1].starts_with("2026-11-23T00:00:30.000000000Z Received request from "), "the request's own time: {timed}");
    // So --since keeps the request and drops the start-up line.
    let recent = exec(&mut sim, "kubectl logs kubia --since=10s");
    assert!(recent.starts_with("Received request from ") && recent.lines().count() == 1, "{recent}");
}

#[test]
fn an_http_probe_is_a_request_the_app_logs() {
    let mut sim = sim();
    let manifest = "apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.25
    readinessProbe:
      httpGet:
        path: /
        port: 80
      periodSeconds: 5
";
    assert_eq!(sim.kubectl_stdin("kubectl apply -f -", manifest).exit_code, 0);
    sim.run_for(30);
    let logs = exec(&mut sim, "kubectl logs web");
    let probes: Vec<&str> = logs.lines().filter(|l| l.contains("\"kube-probe/1.32\"")).collect();
    assert!(probes.len() >= 4, "one line per probe, every 5 s: {logs}");
    let ip = sim.kubectl("kubectl get pod web -o jsonpath={.status.podIP}").stdout;
    let bridge = format!("{}.1 - - [", ip.rsplit_once('.').unwrap().0);
    assert!(probes.iter().all(|l| l.starts_with(&bridge) && l.contains("\"GET / HTTP/1.1\" 200 615")), "from the node's bridge: {logs}");
}

/// A container killed by its liveness probe ran from its start to the kill: `describe`'s Last
/// State and `logs --previous` cover that whole run (they showed only its last second).
#[test]
fn a_liveness_kill_keeps_the_whole_run_for_logs_previous() {
    let mut sim = sim();
    let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: live\nspec:\n  containers:\n  - name: app\n    image: luksa/kubia:v3\n    livenessProbe:\n      httpGet:\n        path: /\n        port: 8080\n      periodSeconds: 5\n      failureThreshold: 1\n";
    assert_eq!(sim.kubectl_stdin("kubectl apply -f -", pod).exit_code, 0);
    sim.run_for(40);
    assert!(sim.kubectl("kubectl get pod live").stdout.contains("Running   1 ("), "restarted once");
    let previous = sim.kubectl("kubectl logs live --previous").stdout;
    assert!(previous.starts_with("Kubia server starting...\n") && previous.matches("Received request").count() >= 5, "{previous}");
    let json = sim.kubectl("kubectl get pod live -o jsonpath={.status.containerStatuses[0].lastState.terminated.startedAt}/{.status.containerStatuses[0].lastState.terminated.finishedAt}").stdout;
    let (started, finished) = json.split_once('/').unwrap();
    assert!(started < finished, "the run lasted: {json}");
}

/// A container whose script ends keeps its earlier runs' lines: `logs --previous` after a
/// restart prints what the run before wrote (it was emptied at each start).
#[test]
fn a_restarted_script_leaves_its_previous_run_for_logs_previous() {
    let mut sim = sim();
    sim.kubectl("kubectl run once --image=busybox -- sh -c 'echo start; sleep 3; echo bye; exit 1'");
    sim.run_for(60);
    assert!(sim.kubectl("kubectl get pod once").stdout.contains("CrashLoopBackOff"));
    assert_eq!(sim.kubectl("kubectl logs once --previous").stdout, "start\nbye\n");
}
