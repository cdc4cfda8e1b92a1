//! `kubectl drain` (pkg/cmd/drain over pkg/drain): the node cordoned, the filters' refusals
//! (DaemonSet pods, pods without a controller) and warnings, evictions waited for on the
//! virtual clock, client dry runs, and the replacements scheduled elsewhere.

use crate::support::check;

/// A node with a Deployment's pods, a bare pod, a DaemonSet's pod (with an emptyDir) and
/// CoreDNS: drained bare it refuses (kubectl's doubled "cannot delete" included); with
/// `--ignore-daemonsets --force` it evicts everything but the DaemonSet's pod, waits until each
/// is gone, and the ReplicaSets replace theirs on the other node.
#[test]
fn drain_cordons_refuses_evicts_and_waits_as_kubectl_drain_does() {
    check(
        r#"kubectl create deployment web --image=nginx --replicas=4
kubectl run solo --image=nginx
kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: busybox
        command: ["sleep", "infinity"]
        volumeMounts:
        - name: scratch
          mountPath: /scratch
      volumes:
      - name: scratch
        emptyDir: {}
YAML
kubectl rollout status deployment/web
kubectl get pods -o wide -A --sort-by=.spec.nodeName
kubectl drain node-1
kubectl drain node-1 --ignore-daemonsets
kubectl drain node-1 --ignore-daemonsets --force --dry-run=client
kubectl drain node-1 --ignore-daemonsets --force
kubectl get nodes
kubectl get pods -o wide -A
kubectl uncordon node-1
kubectl drain
kubectl drain node-7
"#,
        r#"$ kubectl create deployment web --image=nginx --replicas=4
deployment.apps/web created
$ kubectl run solo --image=nginx
pod/solo created
$ kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: busybox
        command: ["sleep", "infinity"]
        volumeMounts:
        - name: scratch
          mountPath: /scratch
      volumes:
      - name: scratch
        emptyDir: {}
YAML
daemonset.apps/agent created
$ kubectl rollout status deployment/web
Waiting for deployment "web" rollout to finish: 0 of 4 updated replicas are available...
deployment "web" successfully rolled out
$ kubectl get pods -o wide -A --sort-by=.spec.nodeName
NAMESPACE     NAME                       READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
default       agent-hrz7s                1/1     Running   0          4s    10.244.1.3   node-1   <none>           <none>
default       solo                       1/1     Running   0          4s    10.244.1.4   node-1   <none>           <none>
default       web-797596b896-27qpg       1/1     Running   0          4s    10.244.1.5   node-1   <none>           <none>
default       web-797596b896-cbv4x       1/1     Running   0          4s    10.244.1.6   node-1   <none>           <none>
kube-system   coredns-7c5bb8469f-qhl4h   1/1     Running   0          15m   10.244.1.2   node-1   <none>           <none>
default       agent-n8qvh                1/1     Running   0          4s    10.244.2.3   node-2   <none>           <none>
default       web-797596b896-2dw4q       1/1     Running   0          4s    10.244.2.4   node-2   <none>           <none>
default       web-797596b896-f4zz9       1/1     Running   0          4s    10.244.2.5   node-2   <none>           <none>
kube-system   coredns-7c5bb8469f-8zgdl   1/1     Running   0          15m   10.244.2.2   node-2   <none>           <none>
$ kubectl drain node-1
node/node-1 cordoned
error: unable to drain node "node-1" due to error: [cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/agent-hrz7s, cannot delete cannot delete Pods that declare no controller (use --force to override): default/solo], continuing command...
There are pending nodes to be drained:
 node-1
error: [cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/agent-hrz7s, cannot delete cannot delete Pods that declare no controller (use --force to override): default/solo]
$ kubectl drain node-1 --ignore-daemonsets
node/node-1 already cordoned
error: unable to drain node "node-1" due to error: cannot delete cannot delete Pods that declare no controller (use --force to override): default/solo, continuing command...
There are pending nodes to be drained:
 node-1
error: cannot delete cannot delete Pods that declare no controller (use --force to override): default/solo
$ kubectl drain node-1 --ignore-daemonsets --force --dry-run=client
node/node-1 already cordoned (dry run)
Warning: ignoring DaemonSet-managed Pods: default/agent-hrz7s; deleting Pods that declare no controller: default/solo
evicting pod default/solo (dry run)
evicting pod default/web-797596b896-27qpg (dry run)
evicting pod default/web-797596b896-cbv4x (dry run)
evicting pod kube-system/coredns-7c5bb8469f-qhl4h (dry run)
node/node-1 drained (dry run)
$ kubectl drain node-1 --ignore-daemonsets --force
node/node-1 already cordoned
Warning: ignoring DaemonSet-managed Pods: default/agent-hrz7s; deleting Pods that declare no controller: default/solo
evicting pod default/solo
evicting pod default/web-797596b896-27qpg
evicting pod default/web-797596b896-cbv4x
evicting pod kube-system/coredns-7c5bb8469f-qhl4h
pod/solo evicted
pod/web-797596b896-27qpg evicted
pod/web-797596b896-cbv4x evicted
pod/coredns-7c5bb8469f-qhl4h evicted
node/node-1 drained
$ kubectl get nodes
NAME     STATUS                     ROLES    AGE   VERSION
node-1   Ready,SchedulingDisabled   <none>   15m   v1.32.5
node-2   Ready                      <none>   15m   v1.32.5
$ kubectl get pods -o wide -A
NAMESPACE     NAME                       READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
default       agent-hrz7s                1/1     Running   0          6s    10.244.1.3   node-1   <none>           <none>
default       agent-n8qvh                1/1     Running   0          6s    10.244.2.3   node-2   <none>           <none>
default       web-797596b896-2dw4q       1/1     Running   0          6s    10.244.2.4   node-2   <none>           <none>
default       web-797596b896-f4zz9       1/1     Running   0          6s    10.244.2.5   node-2   <none>           <none>
default       web-797596b896-xb99d       1/1     Running   0          2s    10.244.2.6   node-2   <none>           <none>
default       web-797596b896-xc52g       1/1     Running   0          2s    10.244.2.7   node-2   <none>           <none>
kube-system   coredns-7c5bb8469f-8zgdl   1/1     Running   0          15m   10.244.2.2   node-2   <none>           <none>
kube-system   coredns-7c5bb8469f-tt9hr   0/1     Running   0          2s    10.244.2.8   node-2   <none>           <none>
$ kubectl uncordon node-1
node/node-1 uncordoned
$ kubectl drain
error: USAGE: drain NODE [flags]
See 'kubectl drain -h' for help and examples
$ kubectl drain node-7
Error from server (NotFound): nodes "node-7" not found
"#,
    );
}
