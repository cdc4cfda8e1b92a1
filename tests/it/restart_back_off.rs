//! Container restarts as the kubelet's back-off has them (`doBackOff` in
//! pkg/kubelet/kuberuntime/kuberuntime_manager.go with flowcontrol.Backoff), after crashes and
//! after liveness kills.

use kubeplay::engine::timing::Timing;

use crate::support::Sim;

/// A container that exits is restarted by the next sync the first time (`Error`, then
/// RESTARTS 1), then waits 10 s, 20 s, 40 s in CrashLoopBackOff (shown the sync after each
/// `Error`), with `Pulled` (already present) before each start: doBackOff's flowcontrol.Backoff.
#[test]
fn a_crashing_container_restarts_at_once_then_backs_off() {
    let transcript = Sim::new(11, Timing::realistic()).script(r#"kubectl run crash --image=busybox:1.36 -- sh -c 'echo starting; exit 1'
kubectl get pod crash -w --request-timeout=75s
kubectl get pod crash -o jsonpath='{.status.containerStatuses[0].state.waiting.message}'; echo
kubectl describe pod crash | grep -A12 '^Events'
kubectl logs crash --previous
"#).text;
    let expected = r#"$ kubectl run crash --image=busybox:1.36 -- sh -c 'echo starting; exit 1'
pod/crash created
$ kubectl get pod crash -w --request-timeout=75s
NAME    READY   STATUS    RESTARTS   AGE
crash   0/1     Pending   0          0s
crash   0/1     ContainerCreating   0          1s
crash   0/1     Error               0          2s
crash   0/1     Error               1 (1s ago)   3s
crash   0/1     CrashLoopBackOff    1 (1s ago)   4s
crash   0/1     Error               2 (10s ago)   13s
crash   0/1     CrashLoopBackOff    2 (1s ago)    14s
crash   0/1     Error               3 (20s ago)   33s
crash   0/1     CrashLoopBackOff    3 (1s ago)    34s
crash   0/1     Error               4 (40s ago)   73s
crash   0/1     CrashLoopBackOff    4 (1s ago)    74s
$ kubectl get pod crash -o jsonpath='{.status.containerStatuses[0].state.waiting.message}'; echo
back-off 1m20s restarting failed container=crash pod=crash_default(f88612ab-0b72-452f-8e81-69d6d803d77f)
$ kubectl describe pod crash | grep -A12 '^Events'
Events:
  Type     Reason     Age               From               Message
  ----     ------     ----              ----               -------
  Normal   Scheduled  75s               default-scheduler  Successfully assigned default/crash to node-2
  Normal   Pulling    74s               kubelet            Pulling image "busybox:1.36"
  Normal   Pulled     73s               kubelet            Successfully pulled image "busybox:1.36" in 1.618s (1.62s including waiting). Image size: 2200000 bytes.
  Normal   Created    2s (x5 over 73s)  kubelet            Created container crash
  Normal   Started    2s (x5 over 73s)  kubelet            Started container crash
  Normal   Pulled     2s (x4 over 72s)  kubelet            Container image "busybox:1.36" already present on machine
  Warning  BackOff    1s (x4 over 71s)  kubelet            Back-off restarting failed container crash in pod crash_default(f88612ab-0b72-452f-8e81-69d6d803d77f)
$ kubectl logs crash --previous
starting
"#;
    assert_eq!(transcript, expected);
}

/// Kubernetes in Action's kubia-liveness: each failed liveness probe kills the container and the
/// same sync starts it again (the image re-pulled under `Always`, in well under a second), until a
/// kill comes sooner after the last than the doubled back-off: then `Error`, CrashLoopBackOff.
#[test]
fn liveness_kills_restart_at_once_until_the_back_off_catches_up() {
    let transcript = Sim::new(11, Timing::realistic()).script(r#"kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: kubia-liveness
spec:
  containers:
  - image: luksa/kubia-unhealthy
    name: kubia
    livenessProbe:
      httpGet:
        path: /
        port: 8080
EOF
kubectl get pod kubia-liveness -w --request-timeout=400s
kubectl describe pod kubia-liveness | grep -A30 '^Events'
"#).text;
    let expected = r#"$ kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: kubia-liveness
spec:
  containers:
  - image: luksa/kubia-unhealthy
    name: kubia
    livenessProbe:
      httpGet:
        path: /
        port: 8080
EOF
pod/kubia-liveness created
$ kubectl get pod kubia-liveness -w --request-timeout=400s
NAME             READY   STATUS    RESTARTS   AGE
kubia-liveness   0/1     Pending   0          0s
kubia-liveness   0/1     ContainerCreating   0          1s
kubia-liveness   1/1     Running             0          7s
kubia-liveness   1/1     Running             1 (0s ago)   78s
kubia-liveness   1/1     Running             2 (0s ago)   2m29s
kubia-liveness   1/1     Running             3 (0s ago)   3m40s
kubia-liveness   1/1     Running             4 (0s ago)   4m51s
kubia-liveness   0/1     Error               4 (71s ago)   6m2s
kubia-liveness   0/1     CrashLoopBackOff    4 (1s ago)    6m3s
kubia-liveness   1/1     Running             5 (9s ago)    6m11s
$ kubectl describe pod kubia-liveness | grep -A30 '^Events'
Events:
  Type     Reason     Age                    From               Message
  ----     ------     ----                   ----               -------
  Normal   Scheduled  6m40s                  default-scheduler  Successfully assigned default/kubia-liveness to node-2
  Normal   Pulled     6m33s                  kubelet            Successfully pulled image "luksa/kubia-unhealthy" in 6.256s (6.258s including waiting). Image size: 250000000 bytes.
  Normal   Created    4m11s (x3 over 6m33s)  kubelet            Created container kubia
  Normal   Started    4m11s (x3 over 6m33s)  kubelet            Started container kubia
  Normal   Pulled     4m11s (x2 over 5m22s)  kubelet            Successfully pulled image "luksa/kubia-unhealthy" in 700ms (702ms including waiting). Image size: 250000000 bytes.
  Normal   Pulling    3m (x4 over 6m39s)     kubelet            Pulling image "luksa/kubia-unhealthy"
  Normal   Killing    3m (x3 over 5m22s)     kubelet            Container kubia failed liveness probe, will be restarted
  Warning  Unhealthy  58s (x13 over 5m42s)   kubelet            Liveness probe failed: HTTP probe failed with statuscode: 500
"#;
    assert_eq!(transcript, expected);
}
