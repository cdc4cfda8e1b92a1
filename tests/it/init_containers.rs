//! Init containers through kubectl: the kubelet runs them one after another before the main
//! containers (`kubelet::init_containers`), and `get`, `describe` and `logs` show them as a
//! real cluster does.

use kubeplay::engine::timing::Timing;

use crate::support::Sim;

/// kubernetes.io's Init Containers page: `myapp-pod` waits in `Init:0/2` while its init
/// containers' `until nslookup ...` loops find no Service (their logs show each round), moves to
/// `Init:1/2` when `myservice` exists and to `PodInitializing`, then `Running`, once `mydb` does;
/// describe shows each init container's state and the events of each in turn.
#[test]
fn the_concept_pages_init_containers_wait_for_their_services() {
    let transcript = Sim::new(11, Timing::realistic()).script(r#"kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: myapp-pod
  labels:
    app.kubernetes.io/name: MyApp
spec:
  containers:
  - name: myapp-container
    image: busybox:1.28
    command: ['sh', '-c', 'echo The app is running! && sleep 3600']
  initContainers:
  - name: init-myservice
    image: busybox:1.28
    command: ['sh', '-c', "until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done"]
  - name: init-mydb
    image: busybox:1.28
    command: ['sh', '-c', "until nslookup mydb.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for mydb; sleep 2; done"]
EOF
sleep 5
kubectl get pod myapp-pod
kubectl logs myapp-pod -c init-myservice
kubectl logs myapp-pod -c init-mydb
kubectl get pod myapp-pod -o jsonpath='{.status.conditions[?(@.type=="Initialized")].message}'; echo
kubectl create service clusterip myservice --tcp=80:9376
sleep 3
kubectl get pod myapp-pod
kubectl create service clusterip mydb --tcp=80:9377
kubectl get pod myapp-pod -w --request-timeout=8s
kubectl logs myapp-pod -c init-myservice --tail=5
kubectl logs myapp-pod -c init-mydb --tail=4
kubectl logs myapp-pod
kubectl describe pod myapp-pod
"#).text;
    let expected = r#"$ kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: myapp-pod
  labels:
    app.kubernetes.io/name: MyApp
spec:
  containers:
  - name: myapp-container
    image: busybox:1.28
    command: ['sh', '-c', 'echo The app is running! && sleep 3600']
  initContainers:
  - name: init-myservice
    image: busybox:1.28
    command: ['sh', '-c', "until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done"]
  - name: init-mydb
    image: busybox:1.28
    command: ['sh', '-c', "until nslookup mydb.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for mydb; sleep 2; done"]
EOF
pod/myapp-pod created
$ sleep 5
$ kubectl get pod myapp-pod
NAME        READY   STATUS     RESTARTS   AGE
myapp-pod   0/1     Init:0/2   0          5s
$ kubectl logs myapp-pod -c init-myservice
Server:    10.96.0.10
Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local

nslookup: can't resolve 'myservice.default.svc.cluster.local'
waiting for myservice
Server:    10.96.0.10
Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local

nslookup: can't resolve 'myservice.default.svc.cluster.local'
waiting for myservice
$ kubectl logs myapp-pod -c init-mydb
Error from server (BadRequest): container "init-mydb" in pod "myapp-pod" is waiting to start: PodInitializing
$ kubectl get pod myapp-pod -o jsonpath='{.status.conditions[?(@.type=="Initialized")].message}'; echo
containers with incomplete status: [init-myservice init-mydb]
$ kubectl create service clusterip myservice --tcp=80:9376
service/myservice created
$ sleep 3
$ kubectl get pod myapp-pod
NAME        READY   STATUS     RESTARTS   AGE
myapp-pod   0/1     Init:1/2   0          8s
$ kubectl create service clusterip mydb --tcp=80:9377
service/mydb created
$ kubectl get pod myapp-pod -w --request-timeout=8s
NAME        READY   STATUS     RESTARTS   AGE
myapp-pod   0/1     Init:1/2   0          8s
myapp-pod   0/1     PodInitializing   0          9s
myapp-pod   1/1     Running           0          11s
$ kubectl logs myapp-pod -c init-myservice --tail=5
Server:    10.96.0.10
Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local

Name:      myservice.default.svc.cluster.local
Address 1: 10.98.103.10 myservice.default.svc.cluster.local
$ kubectl logs myapp-pod -c init-mydb --tail=4
Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local

Name:      mydb.default.svc.cluster.local
Address 1: 10.110.213.59 mydb.default.svc.cluster.local
$ kubectl logs myapp-pod
Defaulted container "myapp-container" out of: myapp-container, init-myservice (init), init-mydb (init)
The app is running!
$ kubectl describe pod myapp-pod
Name:             myapp-pod
Namespace:        default
Priority:         0
Service Account:  default
Node:             node-2/172.18.0.4
Start Time:       Mon, 23 Nov 2026 00:00:01 +0000
Labels:           app.kubernetes.io/name=MyApp
Annotations:      <none>
Status:           Running
IP:               10.244.2.3
IPs:
  IP:  10.244.2.3
Init Containers:
  init-myservice:
    Container ID:  containerd://4cbd4bb633ef11b7add4afdfd90770d108e512bbc57c5e95cb831b6b998776df
    Image:         busybox:1.28
    Image ID:      docker.io/library/busybox@sha256:122edd45c306e2c3369ca4cadf6eede90e7c4d35f63e194fc7ed3b4a9e60a761
    Port:          <none>
    Host Port:     <none>
    Command:
      sh
      -c
      until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done
    State:          Terminated
      Reason:       Completed
      Exit Code:    0
      Started:      Mon, 23 Nov 2026 00:00:02 +0000
      Finished:     Mon, 23 Nov 2026 00:00:06 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-v7kz5 (ro)
  init-mydb:
    Container ID:  containerd://fac1e5f778e46dfc11c14b4dbacbb39584e966c2f5e655fb76c4ad34a59fab95
    Image:         busybox:1.28
    Image ID:      docker.io/library/busybox@sha256:122edd45c306e2c3369ca4cadf6eede90e7c4d35f63e194fc7ed3b4a9e60a761
    Port:          <none>
    Host Port:     <none>
    Command:
      sh
      -c
      until nslookup mydb.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for mydb; sleep 2; done
    State:          Terminated
      Reason:       Completed
      Exit Code:    0
      Started:      Mon, 23 Nov 2026 00:00:07 +0000
      Finished:     Mon, 23 Nov 2026 00:00:09 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-v7kz5 (ro)
Containers:
  myapp-container:
    Container ID:  containerd://949551341c19565a71ae47a962e28d8651b7ac456e44e160efdb3e1efebcfb3c
    Image:         busybox:1.28
    Image ID:      docker.io/library/busybox@sha256:122edd45c306e2c3369ca4cadf6eede90e7c4d35f63e194fc7ed3b4a9e60a761
    Port:          <none>
    Host Port:     <none>
    Command:
      sh
      -c
      echo The app is running! && sleep 3600
    State:          Running
      Started:      Mon, 23 Nov 2026 00:00:11 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-v7kz5 (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  kube-api-access-v7kz5:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    ConfigMapOptional:       <nil>
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  16s   default-scheduler  Successfully assigned default/myapp-pod to node-2
  Normal  Pulling    15s   kubelet            Pulling image "busybox:1.28"
  Normal  Pulled     14s   kubelet            Successfully pulled image "busybox:1.28" in 1.618s (1.62s including waiting). Image size: 2200000 bytes.
  Normal  Created    14s   kubelet            Created container init-myservice
  Normal  Started    14s   kubelet            Started container init-myservice
  Normal  Pulled     10s   kubelet            Container image "busybox:1.28" already present on machine
  Normal  Created    9s    kubelet            Created container init-mydb
  Normal  Started    9s    kubelet            Started container init-mydb
  Normal  Pulled     7s    kubelet            Container image "busybox:1.28" already present on machine
  Normal  Created    5s    kubelet            Created container myapp-container
  Normal  Started    5s    kubelet            Started container myapp-container
"#;
    assert_eq!(transcript, expected);
}

/// kubernetes.io's init-demo fetches a page from the Internet, which the playground has not:
/// its init container fails, `Init:Error`, and is restarted with the crash back-off
/// (`Init:CrashLoopBackOff`, the restarts counted); under `restartPolicy: Never` a failed init
/// container fails the pod. A page an init container writes to an emptyDir is what nginx serves.
#[test]
fn failing_init_containers_back_off_or_fail_the_pod() {
    let transcript = Sim::new(11, Timing::realistic()).script(r#"kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: init-demo
spec:
  containers:
  - name: nginx
    image: nginx
    ports:
    - containerPort: 80
    volumeMounts:
    - name: workdir
      mountPath: /usr/share/nginx/html
  initContainers:
  - name: install
    image: busybox:1.28
    command:
    - wget
    - "-O"
    - "/work-dir/index.html"
    - http://info.cern.ch
    volumeMounts:
    - name: workdir
      mountPath: "/work-dir"
  dnsPolicy: Default
  volumes:
  - name: workdir
    emptyDir: {}
EOF
kubectl get pod init-demo -w --request-timeout=15s
kubectl logs init-demo -c install
kubectl logs init-demo
kubectl get pod init-demo -o jsonpath='{.status.initContainerStatuses[0].lastState.terminated.exitCode}'; echo
kubectl describe pod init-demo | grep -A9 '^Events'
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: setup-page
spec:
  restartPolicy: Never
  initContainers:
  - name: write-page
    image: busybox
    command: ['sh', '-c', 'echo "<h1>written by an init container</h1>" > /work-dir/index.html']
    volumeMounts:
    - name: workdir
      mountPath: /work-dir
  containers:
  - name: nginx
    image: nginx
    volumeMounts:
    - name: workdir
      mountPath: /usr/share/nginx/html
  volumes:
  - name: workdir
    emptyDir: {}
EOF
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: check-fails
spec:
  restartPolicy: Never
  initContainers:
  - name: check
    image: busybox
    command: ['sh', '-c', 'echo checking the database; exit 3']
  containers:
  - name: app
    image: nginx
EOF
sleep 10
kubectl get pods
kubectl exec setup-page -- curl -s localhost
kubectl get pod check-fails -o jsonpath='{.status.phase} {.status.initContainerStatuses[0].state.terminated.reason} {.status.initContainerStatuses[0].state.terminated.exitCode}'; echo
kubectl logs check-fails -c check
kubectl logs check-fails -c nope
"#).text;
    let expected = r#"$ kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: init-demo
spec:
  containers:
  - name: nginx
    image: nginx
    ports:
    - containerPort: 80
    volumeMounts:
    - name: workdir
      mountPath: /usr/share/nginx/html
  initContainers:
  - name: install
    image: busybox:1.28
    command:
    - wget
    - "-O"
    - "/work-dir/index.html"
    - http://info.cern.ch
    volumeMounts:
    - name: workdir
      mountPath: "/work-dir"
  dnsPolicy: Default
  volumes:
  - name: workdir
    emptyDir: {}
EOF
pod/init-demo created
$ kubectl get pod init-demo -w --request-timeout=15s
NAME        READY   STATUS    RESTARTS   AGE
init-demo   0/1     Pending   0          0s
init-demo   0/1     Init:0/1   0          1s
init-demo   0/1     Init:Error   0          2s
init-demo   0/1     Init:Error   1 (1s ago)   3s
init-demo   0/1     Init:CrashLoopBackOff   1 (1s ago)   4s
init-demo   0/1     Init:Error              2 (10s ago)   13s
init-demo   0/1     Init:CrashLoopBackOff   2 (1s ago)    14s
$ kubectl logs init-demo -c install
wget: bad address 'info.cern.ch'
$ kubectl logs init-demo
Defaulted container "nginx" out of: nginx, install (init)
Error from server (BadRequest): container "nginx" in pod "init-demo" is waiting to start: PodInitializing
$ kubectl get pod init-demo -o jsonpath='{.status.initContainerStatuses[0].lastState.terminated.exitCode}'; echo
1
$ kubectl describe pod init-demo | grep -A9 '^Events'
Events:
  Type     Reason     Age               From               Message
  ----     ------     ----              ----               -------
  Normal   Scheduled  15s               default-scheduler  Successfully assigned default/init-demo to node-2
  Normal   Pulling    14s               kubelet            Pulling image "busybox:1.28"
  Normal   Pulled     13s               kubelet            Successfully pulled image "busybox:1.28" in 1.618s (1.62s including waiting). Image size: 2200000 bytes.
  Normal   Created    2s (x3 over 13s)  kubelet            Created container install
  Normal   Started    2s (x3 over 13s)  kubelet            Started container install
  Normal   Pulled     2s (x2 over 12s)  kubelet            Container image "busybox:1.28" already present on machine
  Warning  BackOff    1s (x2 over 11s)  kubelet            Back-off restarting failed container install in pod init-demo_default(f88612ab-0b72-452f-8e81-69d6d803d77f)
$ kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: setup-page
spec:
  restartPolicy: Never
  initContainers:
  - name: write-page
    image: busybox
    command: ['sh', '-c', 'echo "<h1>written by an init container</h1>" > /work-dir/index.html']
    volumeMounts:
    - name: workdir
      mountPath: /work-dir
  containers:
  - name: nginx
    image: nginx
    volumeMounts:
    - name: workdir
      mountPath: /usr/share/nginx/html
  volumes:
  - name: workdir
    emptyDir: {}
EOF
pod/setup-page created
$ kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: check-fails
spec:
  restartPolicy: Never
  initContainers:
  - name: check
    image: busybox
    command: ['sh', '-c', 'echo checking the database; exit 3']
  containers:
  - name: app
    image: nginx
EOF
pod/check-fails created
$ sleep 10
$ kubectl get pods
NAME          READY   STATUS                  RESTARTS      AGE
check-fails   0/1     Init:Error              0             10s
init-demo     0/1     Init:CrashLoopBackOff   2 (12s ago)   25s
setup-page    1/1     Running                 0             10s
$ kubectl exec setup-page -- curl -s localhost
Defaulted container "nginx" out of: nginx, write-page (init)
<h1>written by an init container</h1>
$ kubectl get pod check-fails -o jsonpath='{.status.phase} {.status.initContainerStatuses[0].state.terminated.reason} {.status.initContainerStatuses[0].state.terminated.exitCode}'; echo
Failed Error 3
$ kubectl logs check-fails -c check
checking the database
$ kubectl logs check-fails -c nope
error: container nope is not valid for pod check-fails
"#;
    assert_eq!(transcript, expected);
}

/// A sidecar (an init container with `restartPolicy: Always`, kubernetes.io's
/// deployment-sidecar) starts before the main container, keeps running and counts in READY; a
/// deleted pod's sidecar is stopped after its containers.
#[test]
fn a_sidecar_runs_beside_the_main_container() {
    let transcript = Sim::new(11, Timing::realistic()).script(r#"kubectl apply -f - <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: myapp
  labels:
    app: myapp
spec:
  replicas: 1
  selector:
    matchLabels:
      app: myapp
  template:
    metadata:
      labels:
        app: myapp
    spec:
      containers:
        - name: myapp
          image: alpine:latest
          command: ['sh', '-c', 'while true; do echo "logging" >> /opt/logs.txt; sleep 1; done']
          volumeMounts:
            - name: data
              mountPath: /opt
      initContainers:
        - name: logshipper
          image: alpine:latest
          restartPolicy: Always
          command: ['sh', '-c', 'tail -F /opt/logs.txt']
          volumeMounts:
            - name: data
              mountPath: /opt
      volumes:
        - name: data
          emptyDir: {}
EOF
kubectl rollout status deployment/myapp
kubectl get pods
kubectl get pods -l app=myapp -o jsonpath='{range .items[0].status.initContainerStatuses[*]}{.name} started={.started} ready={.ready} running={.state.running.startedAt}{"\n"}{end}'
kubectl describe pod -l app=myapp | grep -A3 '^Conditions' 
kubectl get events --field-selector involvedObject.kind=Pod -o custom-columns=REASON:.reason,OBJECT:.involvedObject.fieldPath,MESSAGE:.message
kubectl delete pod -l app=myapp --wait=false
sleep 1
kubectl get events --field-selector reason=Killing -o custom-columns=OBJECT:.involvedObject.fieldPath,MESSAGE:.message
"#).text;
    let expected = r#"$ kubectl apply -f - <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: myapp
  labels:
    app: myapp
spec:
  replicas: 1
  selector:
    matchLabels:
      app: myapp
  template:
    metadata:
      labels:
        app: myapp
    spec:
      containers:
        - name: myapp
          image: alpine:latest
          command: ['sh', '-c', 'while true; do echo "logging" >> /opt/logs.txt; sleep 1; done']
          volumeMounts:
            - name: data
              mountPath: /opt
      initContainers:
        - name: logshipper
          image: alpine:latest
          restartPolicy: Always
          command: ['sh', '-c', 'tail -F /opt/logs.txt']
          volumeMounts:
            - name: data
              mountPath: /opt
      volumes:
        - name: data
          emptyDir: {}
EOF
deployment.apps/myapp created
$ kubectl rollout status deployment/myapp
Waiting for deployment "myapp" rollout to finish: 0 of 1 updated replicas are available...
deployment "myapp" successfully rolled out
$ kubectl get pods
NAME                     READY   STATUS    RESTARTS   AGE
myapp-55c874d4b8-2dw4q   2/2     Running   0          4s
$ kubectl get pods -l app=myapp -o jsonpath='{range .items[0].status.initContainerStatuses[*]}{.name} started={.started} ready={.ready} running={.state.running.startedAt}{"\n"}{end}'
logshipper started=true ready=true running=2026-11-23T00:00:03Z
$ kubectl describe pod -l app=myapp | grep -A3 '^Conditions'
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
$ kubectl get events --field-selector involvedObject.kind=Pod -o custom-columns=REASON:.reason,OBJECT:.involvedObject.fieldPath,MESSAGE:.message
REASON      OBJECT                            MESSAGE
Scheduled   <none>                            Successfully assigned default/myapp-55c874d4b8-2dw4q to node-2
Pulling     spec.initContainers{logshipper}   Pulling image "alpine:latest"
Pulled      spec.initContainers{logshipper}   Successfully pulled image "alpine:latest" in 2.072s (2.074s including waiting). Image size: 8000000 bytes.
Created     spec.initContainers{logshipper}   Created container logshipper
Started     spec.initContainers{logshipper}   Started container logshipper
Pulling     spec.containers{myapp}            Pulling image "alpine:latest"
Pulled      spec.containers{myapp}            Successfully pulled image "alpine:latest" in 2.072s (2.074s including waiting). Image size: 8000000 bytes.
Created     spec.containers{myapp}            Created container myapp
Started     spec.containers{myapp}            Started container myapp
$ kubectl delete pod -l app=myapp --wait=false
pod "myapp-55c874d4b8-2dw4q" deleted
$ sleep 1
$ kubectl get events --field-selector reason=Killing -o custom-columns=OBJECT:.involvedObject.fieldPath,MESSAGE:.message
OBJECT                            MESSAGE
spec.containers{myapp}            Stopping container myapp
spec.initContainers{logshipper}   Stopping container logshipper
"#;
    assert_eq!(transcript, expected);
}

/// kubernetes.io's Job with a sidecar: the Job completes when its container does; the kubelet
/// then stops the sidecar (SIGTERM: `tail` ends with 143), and the pod is `0/2 Completed`.
#[test]
fn a_jobs_sidecar_is_stopped_when_its_container_completes() {
    let transcript = Sim::new(11, Timing::realistic()).script(r#"kubectl apply -f - <<'EOF'
apiVersion: batch/v1
kind: Job
metadata:
  name: myjob
spec:
  template:
    spec:
      containers:
        - name: myjob
          image: alpine:latest
          command: ['sh', '-c', 'echo "logging" > /opt/logs.txt']
          volumeMounts:
            - name: data
              mountPath: /opt
      initContainers:
        - name: logshipper
          image: alpine:latest
          restartPolicy: Always
          command: ['sh', '-c', 'tail -F /opt/logs.txt']
          volumeMounts:
            - name: data
              mountPath: /opt
      restartPolicy: Never
      volumes:
        - name: data
          emptyDir: {}
EOF
sleep 30
kubectl get pods
kubectl get jobs
kubectl get pods -l job-name=myjob -o jsonpath='{.items[0].status.initContainerStatuses[0].state.terminated.exitCode} {.items[0].status.initContainerStatuses[0].state.terminated.reason}'; echo
kubectl get events --field-selector reason=Killing -o custom-columns=OBJECT:.involvedObject.fieldPath,MESSAGE:.message
"#).text;
    let expected = r#"$ kubectl apply -f - <<'EOF'
apiVersion: batch/v1
kind: Job
metadata:
  name: myjob
spec:
  template:
    spec:
      containers:
        - name: myjob
          image: alpine:latest
          command: ['sh', '-c', 'echo "logging" > /opt/logs.txt']
          volumeMounts:
            - name: data
              mountPath: /opt
      initContainers:
        - name: logshipper
          image: alpine:latest
          restartPolicy: Always
          command: ['sh', '-c', 'tail -F /opt/logs.txt']
          volumeMounts:
            - name: data
              mountPath: /opt
      restartPolicy: Never
      volumes:
        - name: data
          emptyDir: {}
EOF
job.batch/myjob created
$ sleep 30
$ kubectl get pods
NAME          READY   STATUS      RESTARTS   AGE
myjob-t9qt2   0/2     Completed   0          30s
$ kubectl get jobs
NAME    STATUS     COMPLETIONS   DURATION   AGE
myjob   Complete   1/1           4s         30s
$ kubectl get pods -l job-name=myjob -o jsonpath='{.items[0].status.initContainerStatuses[0].state.terminated.exitCode} {.items[0].status.initContainerStatuses[0].state.terminated.reason}'; echo
143 Error
$ kubectl get events --field-selector reason=Killing -o custom-columns=OBJECT:.involvedObject.fieldPath,MESSAGE:.message
OBJECT                            MESSAGE
spec.initContainers{logshipper}   Stopping container logshipper
"#;
    assert_eq!(transcript, expected);
}

/// Under the reference timing too a pod runs its init containers first: one that sleeps for
/// ever keeps it in `Init:0/1`, never Ready.
#[test]
fn the_reference_timing_runs_init_containers_too() {
    let transcript = Sim::new(11, Timing::reference()).script(r#"kubectl run w --image=busybox --overrides='{"spec":{"initContainers":[{"name":"wait","image":"busybox","command":["sleep","infinity"]}]}}'
sleep 5
kubectl get pods
"#).text;
    let expected = r#"$ kubectl run w --image=busybox --overrides='{"spec":{"initContainers":[{"name":"wait","image":"busybox","command":["sleep","infinity"]}]}}'
pod/w created
$ sleep 5
$ kubectl get pods
NAME   READY   STATUS     RESTARTS   AGE
w      0/1     Init:0/1   0          5s
"#;
    assert_eq!(transcript, expected);
}
