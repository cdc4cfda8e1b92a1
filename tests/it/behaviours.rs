//! Behaviours a learner meets, through kubectl: cascading deletion, scheduling failures, image
//! pulls, probes stalling a rollout, the progress deadline and `rollout undo`.

use kubeplay::engine::timing::Timing;

use crate::support::Sim;

fn sim() -> Sim {
    Sim::new(11, Timing::realistic())
}

fn count(text: &str, needle: &str) -> usize {
    text.matches(needle).count()
}

#[test]
fn orphan_deletion_keeps_the_replica_set_and_its_pods() {
    let mut sim = sim();
    sim.kubectl("kubectl create deployment web --image=nginx:1.14 --replicas=3");
    sim.run_for(10);
    let deleted = sim.kubectl("kubectl delete deployment web --cascade=orphan");
    assert_eq!(deleted.stdout, "deployment.apps \"web\" deleted\n");
    sim.run_for(5);
    let rs = sim.kubectl("kubectl get rs").stdout;
    assert_eq!(count(&rs, "web-"), 1, "{rs}");
    let pods = sim.kubectl("kubectl get pods").stdout;
    assert_eq!(count(&pods, "Running"), 3, "{pods}");
    let yaml = sim.kubectl("kubectl get rs -o yaml").stdout;
    assert!(!yaml.contains("ownerReferences"), "the ReplicaSet lost its owner: {yaml}");
}

#[test]
fn foreground_deletion_removes_pods_before_the_owner() {
    let mut sim = sim();
    sim.kubectl("kubectl create deployment web --image=nginx:1.14 --replicas=2");
    sim.run_for(10);
    let deleted = sim.kubectl("kubectl delete deployment web --cascade=foreground --wait=false");
    assert_eq!(deleted.exit_code, 0, "{}", deleted.combined);
    let during = sim.kubectl("kubectl get deploy web -o yaml").stdout;
    assert!(during.contains("foregroundDeletion") && during.contains("deletionTimestamp"), "the owner waits for its dependents: {during}");
    assert_eq!(count(&sim.kubectl("kubectl get pods").stdout, "Terminating"), 2);
    sim.run_for(5);
    assert!(sim.kubectl("kubectl get deploy,rs,pods").stderr.contains("No resources found"), "all gone once the pods are");
}

#[test]
fn background_deletion_lets_the_garbage_collector_remove_dependents() {
    let mut sim = sim();
    sim.kubectl("kubectl create deployment web --image=nginx:1.14 --replicas=2");
    sim.run_for(10);
    sim.kubectl("kubectl delete deployment web --wait=false");
    assert!(sim.kubectl("kubectl get rs").stderr.contains("No resources found"));
    assert_eq!(count(&sim.kubectl("kubectl get pods").stdout, "Terminating"), 2);
}

#[test]
fn a_pod_that_fits_nowhere_stays_pending_with_failed_scheduling() {
    let mut sim = sim();
    let manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n  - name: app\n    image: nginx\n    resources:\n      requests:\n        cpu: \"16\"\n";
    assert_eq!(sim.kubectl_stdin("kubectl apply -f -", manifest).exit_code, 0);
    sim.run_for(5);
    assert!(sim.kubectl("kubectl get pod big").stdout.contains("Pending"));
    let describe = sim.kubectl("kubectl describe pod big").stdout;
    assert!(describe.contains("FailedScheduling") && describe.contains("0/2 nodes are available: 2 Insufficient cpu."), "{describe}");
}

#[test]
fn a_missing_image_tag_backs_off_and_the_rollout_keeps_the_old_pods() {
    let mut sim = sim();
    sim.kubectl("kubectl create deployment web --image=nginx:1.14 --replicas=3");
    sim.run_for(10);
    sim.kubectl("kubectl set image deployment/web nginx=nginx:1.161");
    sim.run_for(30);
    let pods = sim.kubectl("kubectl get pods").stdout;
    assert!(pods.contains("ImagePullBackOff") || pods.contains("ErrImagePull"), "{pods}");
    assert_eq!(count(&pods, "1/1     Running"), 3, "maxUnavailable 25% of 3 is 0: every old pod stays: {pods}");
    let events = sim.kubectl("kubectl get events").stdout;
    assert!(events.contains("Failed to pull image \"nginx:1.161\""), "{events}");
    let undo = sim.kubectl("kubectl rollout undo deployment/web");
    assert_eq!(undo.stdout, "deployment.apps/web rolled back\n");
    sim.run_for(10);
    let status = sim.kubectl("kubectl rollout status deployment/web --watch=false");
    assert_eq!(status.stdout, "deployment \"web\" successfully rolled out\n");
}

#[test]
fn a_failing_readiness_probe_stalls_the_rollout_until_the_progress_deadline() {
    let mut sim = sim();
    let manifest = |image: &str| {
        format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: kubia\nspec:\n  replicas: 3\n  minReadySeconds: 10\n  progressDeadlineSeconds: 60\n  strategy:\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 0\n  selector:\n    matchLabels:\n      app: kubia\n  template:\n    metadata:\n      labels:\n        app: kubia\n    spec:\n      containers:\n      - name: nodejs\n        image: {image}\n        readinessProbe:\n          periodSeconds: 1\n          httpGet:\n            path: /\n            port: 8080\n"
        )
    };
    sim.kubectl_stdin("kubectl apply -f -", &manifest("luksa/kubia:v2"));
    let first = sim.kubectl("kubectl rollout status deployment/kubia");
    assert!(first.stdout.ends_with("deployment \"kubia\" successfully rolled out\n"), "{}", first.combined);
    sim.kubectl_stdin("kubectl apply -f -", &manifest("luksa/kubia:v3"));
    let stalled = sim.kubectl("kubectl rollout status deployment/kubia");
    assert_eq!(stalled.exit_code, 1);
    assert!(stalled.stderr.ends_with("error: deployment \"kubia\" exceeded its progress deadline\n"), "{}", stalled.combined);
    let pods = sim.kubectl("kubectl get pods -l app=kubia").stdout;
    assert_eq!(count(&pods, "1/1"), 3, "the three v2 pods still serve: {pods}");
    assert_eq!(count(&pods, "0/1"), 1, "one v3 pod, never ready: {pods}");
    let describe = sim.kubectl("kubectl describe deploy kubia").stdout;
    assert!(describe.contains("Progressing    False   ProgressDeadlineExceeded"), "{describe}");
    assert!(sim.kubectl("kubectl get events").stdout.contains("Readiness probe failed: HTTP probe failed with statuscode: 500"));
}

#[test]
fn crash_looping_containers_back_off() {
    let mut sim = sim();
    sim.kubectl("kubectl run crash --image=kubeplay/crash-loop:v1");
    sim.run_for(45);
    let pods = sim.kubectl("kubectl get pod crash").stdout;
    assert!(pods.contains("CrashLoopBackOff") || pods.contains("Error"), "{pods}");
    let restarts: u32 = pods.lines().nth(1).and_then(|l| l.split_whitespace().nth(3)).and_then(|r| r.parse().ok()).unwrap_or(0);
    assert!((2..=4).contains(&restarts), "10 s, 20 s, 40 s back-off gives a few restarts in 45 s, got {restarts}: {pods}");
}

#[test]
fn get_watch_streams_one_row_per_change() {
    let mut sim = sim();
    sim.kubectl("kubectl create deployment web --image=nginx:1.14 --replicas=2");
    let watched = sim.kubectl("kubectl get pods -w --request-timeout=8s");
    let lines: Vec<&str> = watched.stdout.lines().collect();
    assert!(lines[0].starts_with("NAME   ") && lines.len() > 3, "{}", watched.stdout);
    assert!(watched.stdout.contains("   ContainerCreating   "), "{}", watched.stdout);
    assert_eq!(lines.iter().filter(|l| l.contains("1/1     Running             0")).count(), 2, "each pod turning ready is one row, in columns as wide as the header's and the widest STATUS before (kubectl's writer remembers widths between flushes): {}", watched.stdout);
    assert_eq!(sim.cluster.now().as_secs(), 8, "the watch ran the clock for its timeout");
}

/// client-go's EventCorrelator: nine distinct `Created pod` events, then one combined Event
/// counted up, and past 25 events about the ReplicaSet the rest never reach the API (the
/// pods are all created all the same).
#[test]
fn a_large_scale_up_records_nine_events_then_combines_then_throttles() {
    let mut sim = Sim::reference();
    sim.kubectl("kubectl create deployment web --image=nginx --replicas=30");
    sim.run_for(3);
    assert_eq!(count(&sim.kubectl("kubectl get pods --no-headers").stdout, "Running"), 30);
    let events = sim.kubectl("kubectl get events --field-selector reason=SuccessfulCreate -o custom-columns=COUNT:.count,MESSAGE:.message --no-headers").stdout;
    let lines: Vec<&str> = events.lines().collect();
    assert_eq!(lines.len(), 10, "{events}");
    for line in &lines[..9] {
        assert!(line.starts_with("1 ") && line.contains("Created pod: web-"), "{events}");
    }
    assert!(lines[9].starts_with("16 ") && lines[9].contains("(combined from similar events): Created pod: web-"), "{events}");
    let describe = sim.kubectl("kubectl describe rs").stdout;
    assert!(describe.contains("(x16 over"), "{describe}");
}
