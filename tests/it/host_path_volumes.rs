//! hostPath volumes are the node's files (`written_files`): shared by the pods of one node,
//! kept after them, checked by type before anything is pulled, and seen under `/host` by
//! `kubectl debug node/NAME`. Volumes that cannot be set up (a missing ConfigMap too) hold the
//! pod in ContainerCreating with FailedMount before any image is pulled. And `kubectl run`'s
//! `--overrides` (merge, strategic, json), `--annotations` and `--privileged`.

use kubeplay::engine::timing::Timing;

use crate::support::Sim;

#[test]
fn host_path_volumes_are_the_nodes_files_and_mounts_come_before_pulls() {
    let transcript = Sim::new(11, Timing::realistic()).script(r#"# A hostPath volume is the node's directory: what one pod writes there, the next pod on that
# node reads, after the first is gone; the node's root is at /host in a node debugging pod.
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: writer
spec:
  nodeName: node-1
  containers:
  - name: box
    image: busybox:1.36
    command: ["sleep", "3600"]
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    hostPath:
      path: /mnt/data
      type: DirectoryOrCreate
YAML
kubectl wait --for=condition=Ready pod/writer --timeout=60s
kubectl exec writer -- sh -c 'echo "Hello from Kubernetes storage" > /data/index.html; ls /data'
kubectl delete pod writer --grace-period=1
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: reader
spec:
  nodeName: node-1
  containers:
  - name: web
    image: nginx:1.25
    volumeMounts:
    - name: html
      mountPath: /usr/share/nginx/html
  volumes:
  - name: html
    hostPath:
      path: /mnt/data
YAML
kubectl wait --for=condition=Ready pod/reader --timeout=60s
kubectl exec reader -- curl -s localhost
kubectl debug node/node-1 -it --image=busybox:1.36
cat /host/etc/hostname
ls /host /host/mnt/data
grep PRETTY /host/etc/os-release
exit
kubectl debug node/node-2 -it --image=busybox:1.36
ls /host/mnt/data
exit
# type: Directory must find the directory: until it is there the volume does not mount, and
# nothing is pulled; the kubelet tries again 1, 2, 4, 8 ... s apart.
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: strict
spec:
  nodeName: node-2
  containers:
  - name: box
    image: busybox:1.36
    command: ["sleep", "3600"]
    volumeMounts:
    - name: logs
      mountPath: /logs
  volumes:
  - name: logs
    hostPath:
      path: /var/log/app
      type: Directory
YAML
sleep 5
kubectl get pod strict
kubectl get events --field-selector involvedObject.name=strict
kubectl debug node/node-2 -it --image=busybox:1.36
mkdir -p /host/var/log/app
exit
sleep 10
kubectl get pod strict
# A ConfigMap volume whose ConfigMap is missing: FailedMount, and no pull until it exists.
kubectl run cfg --image=nginx:1.25 --overrides='{"spec":{"volumes":[{"name":"conf","configMap":{"name":"site"}}],"containers":[{"name":"cfg","image":"nginx:1.25","volumeMounts":[{"name":"conf","mountPath":"/etc/site"}]}]}}'
sleep 4
kubectl get events --field-selector involvedObject.name=cfg
kubectl create configmap site --from-literal=motd=hi
sleep 6
kubectl get pod cfg
kubectl exec cfg -- cat /etc/site/motd; echo
"#).text;
    let expected = r#"$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: writer
spec:
  nodeName: node-1
  containers:
  - name: box
    image: busybox:1.36
    command: ["sleep", "3600"]
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    hostPath:
      path: /mnt/data
      type: DirectoryOrCreate
YAML
pod/writer created
$ kubectl wait --for=condition=Ready pod/writer --timeout=60s
pod/writer condition met
$ kubectl exec writer -- sh -c 'echo "Hello from Kubernetes storage" > /data/index.html; ls /data'
index.html
$ kubectl delete pod writer --grace-period=1
pod "writer" deleted
$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: reader
spec:
  nodeName: node-1
  containers:
  - name: web
    image: nginx:1.25
    volumeMounts:
    - name: html
      mountPath: /usr/share/nginx/html
  volumes:
  - name: html
    hostPath:
      path: /mnt/data
YAML
pod/reader created
$ kubectl wait --for=condition=Ready pod/reader --timeout=60s
pod/reader condition met
$ kubectl exec reader -- curl -s localhost
Hello from Kubernetes storage
$ kubectl debug node/node-1 -it --image=busybox:1.36
--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".
Creating debugging pod node-debugger-node-1-b4mjf with container debugger on node node-1.
If you don't see a command prompt, try pressing enter.
/ # cat /host/etc/hostname
node-1
/ # ls /host /host/mnt/data
/host:
etc
mnt

/host/mnt/data:
index.html
/ # grep PRETTY /host/etc/os-release
PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
/ # exit
$ kubectl debug node/node-2 -it --image=busybox:1.36
--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".
Creating debugging pod node-debugger-node-2-mgf4z with container debugger on node node-2.
If you don't see a command prompt, try pressing enter.
/ # ls /host/mnt/data
ls: /host/mnt/data: No such file or directory
/ # exit
$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: strict
spec:
  nodeName: node-2
  containers:
  - name: box
    image: busybox:1.36
    command: ["sleep", "3600"]
    volumeMounts:
    - name: logs
      mountPath: /logs
  volumes:
  - name: logs
    hostPath:
      path: /var/log/app
      type: Directory
YAML
pod/strict created
$ sleep 5
$ kubectl get pod strict
NAME     READY   STATUS              RESTARTS   AGE
strict   0/1     ContainerCreating   0          5s
$ kubectl get events --field-selector involvedObject.name=strict
LAST SEEN   TYPE      REASON        OBJECT       MESSAGE
1s          Warning   FailedMount   pod/strict   MountVolume.SetUp failed for volume "logs" : hostPath type check failed: /var/log/app is not a directory
$ kubectl debug node/node-2 -it --image=busybox:1.36
--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".
Creating debugging pod node-debugger-node-2-lfvw6 with container debugger on node node-2.
If you don't see a command prompt, try pressing enter.
/ # mkdir -p /host/var/log/app
/ # exit
$ sleep 10
$ kubectl get pod strict
NAME     READY   STATUS    RESTARTS   AGE
strict   1/1     Running   0          19s
$ kubectl run cfg --image=nginx:1.25 --overrides='{"spec":{"volumes":[{"name":"conf","configMap":{"name":"site"}}],"containers":[{"name":"cfg","image":"nginx:1.25","volumeMounts":[{"name":"conf","mountPath":"/etc/site"}]}]}}'
pod/cfg created
$ sleep 4
$ kubectl get events --field-selector involvedObject.name=cfg
LAST SEEN   TYPE      REASON        OBJECT    MESSAGE
4s          Normal    Scheduled     pod/cfg   Successfully assigned default/cfg to node-1
0s          Warning   FailedMount   pod/cfg   MountVolume.SetUp failed for volume "conf" : configmap "site" not found
$ kubectl create configmap site --from-literal=motd=hi
configmap/site created
$ sleep 6
$ kubectl get pod cfg
NAME   READY   STATUS    RESTARTS   AGE
cfg    1/1     Running   0          10s
$ kubectl exec cfg -- cat /etc/site/motd; echo
hi
"#;
    assert_eq!(transcript, expected);
}

#[test]
fn run_overrides_annotations_and_privileged_shape_the_generated_pod() {
    let transcript = Sim::new(11, Timing::realistic()).script(r#"kubectl run cfg --image=nginx:1.25 --dry-run=client -o yaml --annotations=team=web --annotations=note=a=b --privileged --overrides='{"spec":{"nodeName":"node-2","volumes":[{"name":"conf","configMap":{"name":"site"}}],"containers":[{"name":"cfg","image":"nginx:1.25","volumeMounts":[{"name":"conf","mountPath":"/etc/site"}]}]}}'
kubectl run s --image=busybox --dry-run=client -o yaml --override-type=strategic --overrides='{"spec":{"containers":[{"name":"s","command":["sleep","60"]}]}}'
kubectl run j --image=busybox --dry-run=client -o jsonpath='{.spec.hostNetwork} {.spec.containers[0].image}' --override-type=json --overrides='[{"op":"add","path":"/spec/hostNetwork","value":true},{"op":"replace","path":"/spec/containers/0/image","value":"busybox:1.36"}]'; echo
kubectl run bad --image=busybox --overrides='{"spec":'
kubectl run bad --image=busybox --override-type=strategic --overrides='{"spec":}'
kubectl run bad --image=busybox --override-type=strategic --overrides='{"spec":'
kubectl run bad --image=busybox --override-type=xml --overrides='{}'
kubectl run bad --image=busybox --annotations=oops
"#).text;
    let expected = r#"$ kubectl run cfg --image=nginx:1.25 --dry-run=client -o yaml --annotations=team=web --annotations=note=a=b --privileged --overrides='{"spec":{"nodeName":"node-2","volumes":[{"name":"conf","configMap":{"name":"site"}}],"containers":[{"name":"cfg","image":"nginx:1.25","volumeMounts":[{"name":"conf","mountPath":"/etc/site"}]}]}}'
apiVersion: v1
kind: Pod
metadata:
  annotations:
    note: a=b
    team: web
  creationTimestamp: null
  labels:
    run: cfg
  name: cfg
spec:
  containers:
  - image: nginx:1.25
    name: cfg
    volumeMounts:
    - mountPath: /etc/site
      name: conf
  dnsPolicy: ClusterFirst
  nodeName: node-2
  restartPolicy: Always
  volumes:
  - configMap:
      name: site
    name: conf
status: {}
$ kubectl run s --image=busybox --dry-run=client -o yaml --override-type=strategic --overrides='{"spec":{"containers":[{"name":"s","command":["sleep","60"]}]}}'
apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: s
  name: s
spec:
  containers:
  - command:
    - sleep
    - "60"
    image: busybox
    name: s
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
$ kubectl run j --image=busybox --dry-run=client -o jsonpath='{.spec.hostNetwork} {.spec.containers[0].image}' --override-type=json --overrides='[{"op":"add","path":"/spec/hostNetwork","value":true},{"op":"replace","path":"/spec/containers/0/image","value":"busybox:1.36"}]'; echo
true busybox:1.36
$ kubectl run bad --image=busybox --overrides='{"spec":'
error: Invalid JSON Patch
$ kubectl run bad --image=busybox --override-type=strategic --overrides='{"spec":}'
error: invalid character '}' looking for beginning of value
$ kubectl run bad --image=busybox --override-type=strategic --overrides='{"spec":'
error: unexpected end of JSON input
$ kubectl run bad --image=busybox --override-type=xml --overrides='{}'
error: invalid override type: xml
$ kubectl run bad --image=busybox --annotations=oops
error: invalid annotations format: oops
"#;
    assert_eq!(transcript, expected);
}

/// kubernetes.io's basic DaemonSet mounts the node's `/etc/machine-id` with `type: File`: every
/// node has one (the `machineID` it reports), so its pods start, and its init container copies
/// it into the node's `/var/log/machine-id.log` (read back from a node debug pod).
#[test]
fn the_basic_daemon_set_finds_each_nodes_machine_id() {
    let transcript = Sim::new(11, Timing::realistic()).script(r#"kubectl apply -f - <<'EOF'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: example-daemonset
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: example
  template:
    metadata:
      labels:
        app.kubernetes.io/name: example
    spec:
      containers:
      - name: pause
        image: registry.k8s.io/pause
      initContainers:
      - name: log-machine-id
        image: busybox
        command: ['sh', '-c', 'cat /etc/machine-id > /var/log/machine-id.log']
        volumeMounts:
        - name: machine-id
          mountPath: /etc/machine-id
          readOnly: true
        - name: log-dir
          mountPath: /var/log
      volumes:
      - name: machine-id
        hostPath:
          path: /etc/machine-id
          type: File
      - name: log-dir
        hostPath:
          path: /var/log
EOF
sleep 15
kubectl get pods -o wide
kubectl get events --field-selector reason=FailedMount
kubectl debug node/node-1 -it --image=busybox:1.36
cat /host/etc/machine-id
cat /host/var/log/machine-id.log
exit
kubectl get node node-1 -o jsonpath='{.status.nodeInfo.machineID}'; echo
"#).text;
    let expected = r#"$ kubectl apply -f - <<'EOF'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: example-daemonset
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: example
  template:
    metadata:
      labels:
        app.kubernetes.io/name: example
    spec:
      containers:
      - name: pause
        image: registry.k8s.io/pause
      initContainers:
      - name: log-machine-id
        image: busybox
        command: ['sh', '-c', 'cat /etc/machine-id > /var/log/machine-id.log']
        volumeMounts:
        - name: machine-id
          mountPath: /etc/machine-id
          readOnly: true
        - name: log-dir
          mountPath: /var/log
      volumes:
      - name: machine-id
        hostPath:
          path: /etc/machine-id
          type: File
      - name: log-dir
        hostPath:
          path: /var/log
EOF
daemonset.apps/example-daemonset created
$ sleep 15
$ kubectl get pods -o wide
NAME                      READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
example-daemonset-cgcsc   1/1     Running   0          15s   10.244.2.3   node-2   <none>           <none>
example-daemonset-t9qt2   1/1     Running   0          15s   10.244.1.3   node-1   <none>           <none>
$ kubectl get events --field-selector reason=FailedMount
No resources found in default namespace.
$ kubectl debug node/node-1 -it --image=busybox:1.36
--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".
Creating debugging pod node-debugger-node-1-rlns9 with container debugger on node node-1.
If you don't see a command prompt, try pressing enter.
/ # cat /host/etc/machine-id
867300822d3507f5335f75d832dcb8ae
/ # cat /host/var/log/machine-id.log
867300822d3507f5335f75d832dcb8ae
/ # exit
$ kubectl get node node-1 -o jsonpath='{.status.nodeInfo.machineID}'; echo
867300822d3507f5335f75d832dcb8ae
"#;
    assert_eq!(transcript, expected);
}
