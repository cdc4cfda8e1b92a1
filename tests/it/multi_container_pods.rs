//! Pods with several containers: each container is pulled, started, probed, restarted and
//! stopped on its own (kubelet/side_containers.rs), and the pod is Ready, and ends, only as all
//! of them are.

use kubeplay::engine::timing::Timing;

use crate::support::Sim;

#[test]
fn a_sidecar_without_a_command_crash_loops_and_keeps_the_pod_out_of_its_service() {
    let transcript = Sim::new(11, Timing::realistic()).script(
        r#"# A sidecar without a command exits at once: the pod is 1/2 and CrashLoopBackOff.
kubectl apply -f - <<'EOF2'
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 80
  - name: helper
    image: busybox:1.36
EOF2
kubectl expose pod web --port=80
sleep 20
kubectl get pod web
kubectl get pod web -o jsonpath='{range .status.containerStatuses[*]}{.name} {.ready} {.restartCount}{"\n"}{end}'
kubectl get pod web -o jsonpath='{.status.conditions[?(@.type=="Ready")].message}{"\n"}'
kubectl get endpoints web
kubectl get pod web -o jsonpath='{.status.containerStatuses[1].state.waiting.reason} {.status.containerStatuses[1].containerID}{"\n"}'
kubectl exec web -c helper -- ls
kubectl events --for pod/web
kubectl delete pod web --wait=false
sleep 1
kubectl events --for pod/web | tail -2
"#,
    );
    let expected = r#"$ kubectl apply -f - <<'EOF2'
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 80
  - name: helper
    image: busybox:1.36
EOF2
pod/web created
$ kubectl expose pod web --port=80
service/web exposed
$ sleep 20
$ kubectl get pod web
NAME   READY   STATUS             RESTARTS     AGE
web    1/2     CrashLoopBackOff   2 (3s ago)   20s
$ kubectl get pod web -o jsonpath='{range .status.containerStatuses[*]}{.name} {.ready} {.restartCount}{"\n"}{end}'
nginx true 0
helper false 2
$ kubectl get pod web -o jsonpath='{.status.conditions[?(@.type=="Ready")].message}{"\n"}'
containers with unready status: [helper]
$ kubectl get endpoints web
NAME   ENDPOINTS   AGE
web    <none>      20s
$ kubectl get pod web -o jsonpath='{.status.containerStatuses[1].state.waiting.reason} {.status.containerStatuses[1].containerID}{"\n"}'
CrashLoopBackOff containerd://cc7407e5f9609433e3c075b5b7e8015625b28989caaed41575f569d76c2a1c4e
$ kubectl exec web -c helper -- ls
error: unable to upgrade connection: container not found ("helper")
$ kubectl events --for pod/web
LAST SEEN          TYPE      REASON      OBJECT    MESSAGE
20s                Normal    Scheduled   Pod/web   Successfully assigned default/web to node-2
19s                Normal    Pulling     Pod/web   Pulling image "nginx:1.27"
16s                Normal    Pulled      Pod/web   Successfully pulled image "nginx:1.27" in 3.603s (3.605s including waiting). Image size: 67000000 bytes.
16s                Normal    Created     Pod/web   Created container nginx
16s                Normal    Started     Pod/web   Started container nginx
16s                Normal    Pulling     Pod/web   Pulling image "busybox:1.36"
14s                Normal    Pulled      Pod/web   Successfully pulled image "busybox:1.36" in 1.618s (1.62s including waiting). Image size: 2200000 bytes.
3s (x3 over 14s)   Normal    Created     Pod/web   Created container helper
3s (x3 over 14s)   Normal    Started     Pod/web   Started container helper
3s (x2 over 13s)   Normal    Pulled      Pod/web   Container image "busybox:1.36" already present on machine
2s (x2 over 12s)   Warning   BackOff     Pod/web   Back-off restarting failed container helper in pod web_default(f88612ab-0b72-452f-8e81-69d6d803d77f)
$ kubectl delete pod web --wait=false
pod "web" deleted
$ sleep 1
$ kubectl events --for pod/web | tail -2
3s (x2 over 13s)   Warning   BackOff     Pod/web   Back-off restarting failed container helper in pod web_default(f88612ab-0b72-452f-8e81-69d6d803d77f)
0s                 Normal    Killing     Pod/web   Stopping container nginx
"#;
    assert_eq!(transcript.text, expected, "\n--- got ---\n{}", transcript.text);
}

#[test]
fn a_second_container_whose_image_is_missing_backs_off_while_the_first_runs() {
    let transcript = Sim::new(11, Timing::realistic()).script(
        r#"# The second container's image does not exist: the first runs, the pod is 1/2 ImagePullBackOff.
kubectl apply -f - <<'EOF2'
apiVersion: v1
kind: Pod
metadata:
  name: bad
spec:
  containers:
  - name: web
    image: nginx:1.27
  - name: log
    image: nginx:1.999
EOF2
sleep 10
kubectl get pod bad
sleep 30
kubectl get pod bad
kubectl get pod bad -o jsonpath='{.status.phase}{"\n"}{range .status.containerStatuses[*]}{.name}: {.state}{"\n"}{end}'
kubectl events --for pod/bad
"#,
    );
    let expected = r#"$ kubectl apply -f - <<'EOF2'
apiVersion: v1
kind: Pod
metadata:
  name: bad
spec:
  containers:
  - name: web
    image: nginx:1.27
  - name: log
    image: nginx:1.999
EOF2
pod/bad created
$ sleep 10
$ kubectl get pod bad
NAME   READY   STATUS             RESTARTS   AGE
bad    1/2     ImagePullBackOff   0          10s
$ sleep 30
$ kubectl get pod bad
NAME   READY   STATUS             RESTARTS   AGE
bad    1/2     ImagePullBackOff   0          40s
$ kubectl get pod bad -o jsonpath='{.status.phase}{"\n"}{range .status.containerStatuses[*]}{.name}: {.state}{"\n"}{end}'
Pending
web: {"running":{"startedAt":"2026-11-23T00:00:04Z"}}
log: {"waiting":{"message":"Back-off pulling image \"nginx:1.999\"","reason":"ImagePullBackOff"}}
$ kubectl events --for pod/bad
LAST SEEN          TYPE      REASON      OBJECT    MESSAGE
40s                Normal    Scheduled   Pod/bad   Successfully assigned default/bad to node-2
39s                Normal    Pulling     Pod/bad   Pulling image "nginx:1.27"
36s                Normal    Pulled      Pod/bad   Successfully pulled image "nginx:1.27" in 3.603s (3.605s including waiting). Image size: 67000000 bytes.
36s                Normal    Created     Pod/bad   Created container web
36s                Normal    Started     Pod/bad   Started container web
3s (x3 over 36s)   Normal    Pulling     Pod/bad   Pulling image "nginx:1.999"
3s (x3 over 33s)   Warning   Failed      Pod/bad   Failed to pull image "nginx:1.999": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.999": failed to resolve reference "docker.io/library/nginx:1.999": docker.io/library/nginx:1.999: not found
3s (x3 over 33s)   Warning   Failed      Pod/bad   Error: ErrImagePull
2s (x3 over 32s)   Normal    BackOff     Pod/bad   Back-off pulling image "nginx:1.999"
2s (x3 over 32s)   Warning   Failed      Pod/bad   Error: ImagePullBackOff
"#;
    assert_eq!(transcript.text, expected, "\n--- got ---\n{}", transcript.text);
}

#[test]
fn a_second_container_with_a_failing_readiness_probe_keeps_the_pod_unready() {
    let transcript = Sim::new(11, Timing::realistic()).script(
        r#"# The second container has its own readiness probe: it never passes, the pod stays 1/2.
kubectl apply -f - <<'EOF2'
apiVersion: v1
kind: Pod
metadata:
  name: probed
spec:
  containers:
  - name: app
    image: nginx:1.27
  - name: side
    image: kubeplay/never-ready:v1
    readinessProbe:
      httpGet:
        path: /
        port: 8080
      periodSeconds: 5
EOF2
sleep 30
kubectl get pod probed
kubectl get pod probed -o jsonpath='{.status.conditions[?(@.type=="ContainersReady")].message}{"\n"}'
kubectl events --for pod/probed | grep -i unhealthy
kubectl delete pod probed --wait=false
sleep 1
kubectl events --for pod/probed | grep Killing
"#,
    );
    let expected = r#"$ kubectl apply -f - <<'EOF2'
apiVersion: v1
kind: Pod
metadata:
  name: probed
spec:
  containers:
  - name: app
    image: nginx:1.27
  - name: side
    image: kubeplay/never-ready:v1
    readinessProbe:
      httpGet:
        path: /
        port: 8080
      periodSeconds: 5
EOF2
pod/probed created
$ sleep 30
$ kubectl get pod probed
NAME     READY   STATUS    RESTARTS   AGE
probed   1/2     Running   0          30s
$ kubectl get pod probed -o jsonpath='{.status.conditions[?(@.type=="ContainersReady")].message}{"\n"}'
containers with unready status: [side]
$ kubectl events --for pod/probed | grep -i unhealthy
3s (x5 over 23s)   Warning   Unhealthy   Pod/probed   Readiness probe failed: HTTP probe failed with statuscode: 503
$ kubectl delete pod probed --wait=false
pod "probed" deleted
$ sleep 1
$ kubectl events --for pod/probed | grep Killing
0s                 Normal    Killing     Pod/probed   Stopping container app
0s                 Normal    Killing     Pod/probed   Stopping container side
"#;
    assert_eq!(transcript.text, expected, "\n--- got ---\n{}", transcript.text);
}

#[test]
fn a_pod_ends_only_when_all_its_containers_have_ended() {
    let transcript = Sim::new(11, Timing::realistic()).script(
        r#"# A Job whose pod has a second container that never ends: the Job never completes.
kubectl apply -f - <<'EOF2'
apiVersion: batch/v1
kind: Job
metadata:
  name: report
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
        command: ["sh", "-c", "echo working; sleep 5; echo done"]
      - name: proxy
        image: nginx:1.27
EOF2
sleep 15
kubectl get job report
kubectl get pods -l job-name=report
kubectl get pods -l job-name=report -o jsonpath='{.items[0].status.phase}{"\n"}'
kubectl logs job/report -c main
# When both containers end, the pod succeeds.
kubectl apply -f - <<'EOF2'
apiVersion: v1
kind: Pod
metadata:
  name: pair
spec:
  restartPolicy: Never
  containers:
  - name: first
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3"]
  - name: second
    image: busybox:1.36
    command: ["sh", "-c", "sleep 8; exit 2"]
EOF2
sleep 6
kubectl get pod pair
sleep 6
kubectl get pod pair
kubectl get pod pair -o jsonpath='{.status.phase} {range .status.containerStatuses[*]}{.name}={.state.terminated.exitCode} {end}{"\n"}'
"#,
    );
    let expected = r#"$ kubectl apply -f - <<'EOF2'
apiVersion: batch/v1
kind: Job
metadata:
  name: report
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
        command: ["sh", "-c", "echo working; sleep 5; echo done"]
      - name: proxy
        image: nginx:1.27
EOF2
job.batch/report created
$ sleep 15
$ kubectl get job report
NAME     STATUS    COMPLETIONS   DURATION   AGE
report   Running   0/1           15s        15s
$ kubectl get pods -l job-name=report
NAME           READY   STATUS     RESTARTS   AGE
report-t9qt2   1/2     NotReady   0          15s
$ kubectl get pods -l job-name=report -o jsonpath='{.items[0].status.phase}{"\n"}'
Running
$ kubectl logs job/report -c main
working
done
$ kubectl apply -f - <<'EOF2'
apiVersion: v1
kind: Pod
metadata:
  name: pair
spec:
  restartPolicy: Never
  containers:
  - name: first
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3"]
  - name: second
    image: busybox:1.36
    command: ["sh", "-c", "sleep 8; exit 2"]
EOF2
pod/pair created
$ sleep 6
$ kubectl get pod pair
NAME   READY   STATUS     RESTARTS   AGE
pair   1/2     NotReady   0          6s
$ sleep 6
$ kubectl get pod pair
NAME   READY   STATUS      RESTARTS   AGE
pair   0/2     Completed   0          12s
$ kubectl get pod pair -o jsonpath='{.status.phase} {range .status.containerStatuses[*]}{.name}={.state.terminated.exitCode} {end}{"\n"}'
Failed first=0 second=2 
"#;
    assert_eq!(transcript.text, expected, "\n--- got ---\n{}", transcript.text);
}

#[test]
fn the_first_containers_image_is_missing_and_the_second_starts_all_the_same() {
    let transcript = Sim::new(11, Timing::realistic()).script(
        r#"# The first container's image is missing: the second starts all the same.
kubectl apply -f - <<'EOF2'
apiVersion: v1
kind: Pod
metadata:
  name: first-bad
spec:
  containers:
  - name: app
    image: nginx:1.999
  - name: helper
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
EOF2
sleep 15
kubectl get pod first-bad
kubectl get pod first-bad -o jsonpath='{.status.phase} {range .status.containerStatuses[*]}{.name}={.ready} {end}{"\n"}'
kubectl events --for pod/first-bad
"#,
    );
    let expected = r#"$ kubectl apply -f - <<'EOF2'
apiVersion: v1
kind: Pod
metadata:
  name: first-bad
spec:
  containers:
  - name: app
    image: nginx:1.999
  - name: helper
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
EOF2
pod/first-bad created
$ sleep 15
$ kubectl get pod first-bad
NAME        READY   STATUS             RESTARTS   AGE
first-bad   1/2     ImagePullBackOff   0          15s
$ kubectl get pod first-bad -o jsonpath='{.status.phase} {range .status.containerStatuses[*]}{.name}={.ready} {end}{"\n"}'
Pending app=false helper=true 
$ kubectl events --for pod/first-bad
LAST SEEN          TYPE      REASON      OBJECT          MESSAGE
15s                Normal    Scheduled   Pod/first-bad   Successfully assigned default/first-bad to node-2
12s                Normal    Pulling     Pod/first-bad   Pulling image "busybox:1.36"
10s                Normal    Pulled      Pod/first-bad   Successfully pulled image "busybox:1.36" in 1.618s (1.62s including waiting). Image size: 2200000 bytes.
10s                Normal    Created     Pod/first-bad   Created container helper
10s                Normal    Started     Pod/first-bad   Started container helper
2s (x2 over 14s)   Normal    Pulling     Pod/first-bad   Pulling image "nginx:1.999"
2s (x2 over 12s)   Warning   Failed      Pod/first-bad   Failed to pull image "nginx:1.999": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.999": failed to resolve reference "docker.io/library/nginx:1.999": docker.io/library/nginx:1.999: not found
2s (x2 over 12s)   Warning   Failed      Pod/first-bad   Error: ErrImagePull
1s (x2 over 11s)   Normal    BackOff     Pod/first-bad   Back-off pulling image "nginx:1.999"
1s (x2 over 11s)   Warning   Failed      Pod/first-bad   Error: ImagePullBackOff
"#;
    assert_eq!(transcript.text, expected, "\n--- got ---\n{}", transcript.text);
}
