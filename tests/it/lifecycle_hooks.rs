//! Container lifecycle hooks (kubelet/hooks.rs): postStart runs before the container is
//! Running, and a failure kills it; preStop runs before SIGTERM, within the grace period.

use kubeplay::engine::timing::Timing;

use crate::support::Sim;

#[test]
fn a_post_start_hook_writes_a_file_before_the_container_runs() {
    let transcript = Sim::new(11, Timing::realistic()).script(
        r#"# kubernetes.io's "Attach Handlers to Container Lifecycle Events": postStart writes a file.
kubectl apply -f - <<'EOF2'
apiVersion: v1
kind: Pod
metadata:
  name: lifecycle-demo
spec:
  containers:
  - name: lifecycle-demo-container
    image: nginx
    lifecycle:
      postStart:
        exec:
          command: ["/bin/sh", "-c", "echo Hello from the postStart handler > /usr/share/message"]
      preStop:
        exec:
          command: ["/bin/sh","-c","nginx -s quit; while killall -0 nginx; do sleep 1; done"]
EOF2
sleep 10
kubectl get pod lifecycle-demo
kubectl exec lifecycle-demo -- cat /usr/share/message
kubectl delete pod lifecycle-demo
"#,
    );
    let expected = r#"$ kubectl apply -f - <<'EOF2'
apiVersion: v1
kind: Pod
metadata:
  name: lifecycle-demo
spec:
  containers:
  - name: lifecycle-demo-container
    image: nginx
    lifecycle:
      postStart:
        exec:
          command: ["/bin/sh", "-c", "echo Hello from the postStart handler > /usr/share/message"]
      preStop:
        exec:
          command: ["/bin/sh","-c","nginx -s quit; while killall -0 nginx; do sleep 1; done"]
EOF2
pod/lifecycle-demo created
$ sleep 10
$ kubectl get pod lifecycle-demo
NAME             READY   STATUS    RESTARTS   AGE
lifecycle-demo   1/1     Running   0          10s
$ kubectl exec lifecycle-demo -- cat /usr/share/message
Hello from the postStart handler
$ kubectl delete pod lifecycle-demo
pod "lifecycle-demo" deleted
"#;
    assert_eq!(transcript.text, expected, "\n--- got ---\n{}", transcript.text);
}

#[test]
fn a_failing_post_start_hook_kills_the_container_which_restarts_in_back_off() {
    let transcript = Sim::new(11, Timing::realistic()).script(
        r#"# Kubernetes in Action's failing postStart hook: ContainerCreating while it runs, then
# FailedPostStartHook, the container killed (kubia ignores SIGTERM: the 30 s grace period), then
# PostStartHookError, and restarts in back-off.
kubectl apply -f - <<'EOF2'
apiVersion: v1
kind: Pod
metadata:
  name: pod-with-poststart-hook
spec:
  containers:
  - image: luksa/kubia
    name: kubia
    lifecycle:
      postStart:
        exec:
          command: 
          - sh
          - -c
          - "echo 'hook will fail with exit code 15'; sleep 5 ; exit 15"
EOF2
sleep 10
kubectl get pod pod-with-poststart-hook
sleep 3
kubectl get pod pod-with-poststart-hook
kubectl get pod pod-with-poststart-hook -o jsonpath='{.status.containerStatuses[0].state}{"\n"}'
kubectl describe pod pod-with-poststart-hook | grep -A30 "^Events"
sleep 60
kubectl get pod pod-with-poststart-hook
sleep 60
kubectl get pod pod-with-poststart-hook
"#,
    );
    let expected = r#"$ kubectl apply -f - <<'EOF2'
apiVersion: v1
kind: Pod
metadata:
  name: pod-with-poststart-hook
spec:
  containers:
  - image: luksa/kubia
    name: kubia
    lifecycle:
      postStart:
        exec:
          command: 
          - sh
          - -c
          - "echo 'hook will fail with exit code 15'; sleep 5 ; exit 15"
EOF2
pod/pod-with-poststart-hook created
$ sleep 10
$ kubectl get pod pod-with-poststart-hook
NAME                      READY   STATUS              RESTARTS   AGE
pod-with-poststart-hook   0/1     ContainerCreating   0          10s
$ sleep 3
$ kubectl get pod pod-with-poststart-hook
NAME                      READY   STATUS              RESTARTS   AGE
pod-with-poststart-hook   0/1     ContainerCreating   0          13s
$ kubectl get pod pod-with-poststart-hook -o jsonpath='{.status.containerStatuses[0].state}{"\n"}'
{"waiting":{"reason":"ContainerCreating"}}
$ kubectl describe pod pod-with-poststart-hook | grep -A30 "^Events"
Events:
  Type     Reason               Age   From               Message
  ----     ------               ----  ----               -------
  Normal   Scheduled            13s   default-scheduler  Successfully assigned default/pod-with-poststart-hook to node-2
  Normal   Pulling              12s   kubelet            Pulling image "luksa/kubia"
  Normal   Pulled               6s    kubelet            Successfully pulled image "luksa/kubia" in 6.256s (6.258s including waiting). Image size: 250000000 bytes.
  Normal   Created              6s    kubelet            Created container kubia
  Normal   Started              6s    kubelet            Started container kubia
  Warning  FailedPostStartHook  1s    kubelet            Exec lifecycle hook ([sh -c echo 'hook will fail with exit code 15'; sleep 5 ; exit 15]) for Container "kubia" in Pod "pod-with-poststart-hook_default(f88612ab-0b72-452f-8e81-69d6d803d77f)" failed - error: command 'sh -c echo 'hook will fail with exit code 15'; sleep 5 ; exit 15' exited with 15: , message: "hook will fail with exit code 15\n"
  Normal   Killing              1s    kubelet            FailedPostStartHook
$ sleep 60
$ kubectl get pod pod-with-poststart-hook
NAME                      READY   STATUS               RESTARTS   AGE
pod-with-poststart-hook   0/1     PostStartHookError   0          73s
$ sleep 60
$ kubectl get pod pod-with-poststart-hook
NAME                      READY   STATUS             RESTARTS      AGE
pod-with-poststart-hook   0/1     CrashLoopBackOff   2 (10s ago)   2m13s
"#;
    assert_eq!(transcript.text, expected, "\n--- got ---\n{}", transcript.text);
}

#[test]
fn a_pre_stop_hook_runs_before_the_container_is_stopped_and_its_failure_is_an_event() {
    let transcript = Sim::new(11, Timing::realistic()).script(
        r#"# preStop sleep: the pod stays Terminating for the hook, then nginx stops.
kubectl apply -f - <<'EOF2'
apiVersion: v1
kind: Pod
metadata:
  name: slow-stop
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    lifecycle:
      preStop:
        sleep:
          seconds: 5
EOF2
kubectl apply -f - <<'EOF2'
apiVersion: v1
kind: Pod
metadata:
  name: pod-with-prestop-hook
spec:
  containers:
  - image: luksa/kubia
    name: kubia
    ports:
    - containerPort: 8080
      protocol: TCP
    lifecycle:
      preStop:
        httpGet:
          port: 8080
          path: shutdown
EOF2
sleep 20
kubectl get pods
kubectl delete pod slow-stop pod-with-prestop-hook --wait=false
sleep 4
kubectl get pods
sleep 3
kubectl get pods
kubectl events | grep "Killing\|Hook"
# A preStop hook on a port nothing listens on fails.
kubectl apply -f - <<'EOF2'
apiVersion: v1
kind: Pod
metadata:
  name: wrong-port
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    lifecycle:
      preStop:
        httpGet:
          port: 9090
          path: /shutdown
EOF2
sleep 10
kubectl delete pod wrong-port
kubectl events --for pod/wrong-port | grep "Killing\|Hook"
"#,
    );
    let expected = r#"$ kubectl apply -f - <<'EOF2'
apiVersion: v1
kind: Pod
metadata:
  name: slow-stop
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    lifecycle:
      preStop:
        sleep:
          seconds: 5
EOF2
pod/slow-stop created
$ kubectl apply -f - <<'EOF2'
apiVersion: v1
kind: Pod
metadata:
  name: pod-with-prestop-hook
spec:
  containers:
  - image: luksa/kubia
    name: kubia
    ports:
    - containerPort: 8080
      protocol: TCP
    lifecycle:
      preStop:
        httpGet:
          port: 8080
          path: shutdown
EOF2
pod/pod-with-prestop-hook created
$ sleep 20
$ kubectl get pods
NAME                    READY   STATUS    RESTARTS   AGE
pod-with-prestop-hook   1/1     Running   0          20s
slow-stop               1/1     Running   0          20s
$ kubectl delete pod slow-stop pod-with-prestop-hook --wait=false
pod "slow-stop" deleted
pod "pod-with-prestop-hook" deleted
$ sleep 4
$ kubectl get pods
NAME                    READY   STATUS        RESTARTS   AGE
pod-with-prestop-hook   1/1     Terminating   0          24s
slow-stop               1/1     Terminating   0          24s
$ sleep 3
$ kubectl get pods
NAME                    READY   STATUS        RESTARTS   AGE
pod-with-prestop-hook   1/1     Terminating   0          27s
$ kubectl events | grep "Killing\|Hook"
6s          Normal   Killing     Pod/pod-with-prestop-hook   Stopping container kubia
6s          Normal   Killing     Pod/slow-stop               Stopping container nginx
$ kubectl apply -f - <<'EOF2'
apiVersion: v1
kind: Pod
metadata:
  name: wrong-port
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    lifecycle:
      preStop:
        httpGet:
          port: 9090
          path: /shutdown
EOF2
pod/wrong-port created
$ sleep 10
$ kubectl delete pod wrong-port
pod "wrong-port" deleted
$ kubectl events --for pod/wrong-port | grep "Killing\|Hook"
1s          Normal    Killing             Pod/wrong-port   Stopping container nginx
1s          Warning   FailedPreStopHook   Pod/wrong-port   HTTP lifecycle hook (/shutdown) for Container "nginx" in Pod "wrong-port_default(8c6b308a-9f6f-443e-a588-de13409c14b0)" failed - error: Get "http://10.244.2.4:9090/shutdown": dial tcp 10.244.2.4:9090: connect: connection refused
"#;
    assert_eq!(transcript.text, expected, "\n--- got ---\n{}", transcript.text);
}

#[test]
fn the_hooks_of_a_second_container_run_as_the_firsts_do() {
    let transcript = Sim::new(11, Timing::realistic()).script(
        r#"# The hooks of a pod's second container: its postStart writes into the shared volume before it
# runs; its preStop keeps the pod Terminating until it ends.
kubectl apply -f - <<'EOF2'
apiVersion: v1
kind: Pod
metadata:
  name: duo
spec:
  volumes:
  - name: html
    emptyDir: {}
  containers:
  - name: nginx
    image: nginx:1.27
    volumeMounts:
    - name: html
      mountPath: /usr/share/nginx/html
  - name: writer
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
    volumeMounts:
    - name: html
      mountPath: /html
    lifecycle:
      postStart:
        exec:
          command: ["sh", "-c", "sleep 3; echo written by a hook > /html/index.html"]
      preStop:
        sleep:
          seconds: 8
EOF2
sleep 7
kubectl get pod duo
sleep 3
kubectl get pod duo
kubectl exec duo -c nginx -- curl -s localhost
kubectl delete pod duo --wait=false
sleep 5
kubectl get pod duo
sleep 5
kubectl get pod duo
sleep 21
kubectl get pod duo
"#,
    );
    let expected = r#"$ kubectl apply -f - <<'EOF2'
apiVersion: v1
kind: Pod
metadata:
  name: duo
spec:
  volumes:
  - name: html
    emptyDir: {}
  containers:
  - name: nginx
    image: nginx:1.27
    volumeMounts:
    - name: html
      mountPath: /usr/share/nginx/html
  - name: writer
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
    volumeMounts:
    - name: html
      mountPath: /html
    lifecycle:
      postStart:
        exec:
          command: ["sh", "-c", "sleep 3; echo written by a hook > /html/index.html"]
      preStop:
        sleep:
          seconds: 8
EOF2
pod/duo created
$ sleep 7
$ kubectl get pod duo
NAME   READY   STATUS              RESTARTS   AGE
duo    1/2     ContainerCreating   0          7s
$ sleep 3
$ kubectl get pod duo
NAME   READY   STATUS    RESTARTS   AGE
duo    2/2     Running   0          10s
$ kubectl exec duo -c nginx -- curl -s localhost
written by a hook
$ kubectl delete pod duo --wait=false
pod "duo" deleted
$ sleep 5
$ kubectl get pod duo
NAME   READY   STATUS        RESTARTS   AGE
duo    2/2     Terminating   0          15s
$ sleep 5
$ kubectl get pod duo
NAME   READY   STATUS        RESTARTS   AGE
duo    2/2     Terminating   0          20s
$ sleep 21
$ kubectl get pod duo
Error from server (NotFound): pods "duo" not found
"#;
    assert_eq!(transcript.text, expected, "\n--- got ---\n{}", transcript.text);
}
