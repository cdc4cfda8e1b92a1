//! Node taints: `kubectl taint` (pkg/cmd/taint: add, overwrite, remove, its errors, dry runs),
//! the scheduler's TaintToleration filter and its FailedScheduling text, and the taint eviction
//! controller (NoExecute: evict now, after tolerationSeconds, or cancel when the taint goes).

use crate::support::check;

/// A NoSchedule taint keeps a Deployment's pods off node-1; a pod that tolerates it (and a
/// NoExecute taint for 20 s) runs there. A NoExecute taint on node-2 evicts the pods that do not
/// tolerate it, whose replacements stay Pending, each node failing them for its own taint; the
/// tolerating pod's eviction is cancelled when its taint goes before its 20 s; removing the
/// taint lets the Pending pods schedule.
#[test]
fn taints_repel_evict_and_are_removed_as_on_a_real_cluster() {
    check(
        r#"kubectl taint nodes node-1 dedicated=gpu:NoSchedule
kubectl taint nodes node-1 dedicated=gpu:NoSchedule
kubectl create deployment web --image=nginx --replicas=3
kubectl rollout status deployment/web
kubectl get pods -o wide
kubectl describe node node-1 | grep -A1 Taints
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: gpu-job
spec:
  nodeSelector:
    kubernetes.io/hostname: node-1
  tolerations:
  - key: dedicated
    operator: Equal
    value: gpu
    effect: NoSchedule
  - key: maintenance
    operator: Exists
    effect: NoExecute
    tolerationSeconds: 20
  containers:
  - name: app
    image: nginx
YAML
kubectl taint nodes node-2 maintenance:NoExecute
sleep 5
kubectl get pods -o wide
kubectl describe pod -l app=web | grep -A3 Events: | head -4
kubectl events --for pod/$(kubectl get pods -l app=web -o name | head -1 | cut -d/ -f2)
kubectl taint nodes node-1 maintenance:NoExecute
sleep 10
kubectl taint nodes node-1 maintenance:NoExecute-
kubectl events --for pod/gpu-job | tail -2
kubectl taint nodes node-2 maintenance:NoExecute-
kubectl taint nodes node-2 maintenance:NoExecute-
sleep 10
kubectl get pods -o wide
kubectl taint nodes node-1 dedicated=cpu:NoSchedule --overwrite
kubectl taint nodes node-1 dedicated-
kubectl taint pods web a=b:NoSchedule
kubectl taint nodes node-9 a=b:NoSchedule
kubectl taint nodes node-1 a=b:Sometimes
kubectl taint nodes node-1
kubectl taint nodes node-1 a=b:NoSchedule a-
kubectl taint nodes --all x=y:PreferNoSchedule --dry-run=client
kubectl get nodes -o jsonpath='{.items[*].spec.taints}{"\n"}'
"#,
        r#"$ kubectl taint nodes node-1 dedicated=gpu:NoSchedule
node/node-1 tainted
$ kubectl taint nodes node-1 dedicated=gpu:NoSchedule
error: node node-1 already has dedicated taint(s) with same effect(s) and --overwrite is false
$ kubectl create deployment web --image=nginx --replicas=3
deployment.apps/web created
$ kubectl rollout status deployment/web
Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...
deployment "web" successfully rolled out
$ kubectl get pods -o wide
NAME                   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
web-797596b896-27qpg   1/1     Running   0          4s    10.244.2.3   node-2   <none>           <none>
web-797596b896-2dw4q   1/1     Running   0          4s    10.244.2.4   node-2   <none>           <none>
web-797596b896-cbv4x   1/1     Running   0          4s    10.244.2.5   node-2   <none>           <none>
$ kubectl describe node node-1 | grep -A1 Taints
Taints:             dedicated=gpu:NoSchedule
Unschedulable:      false
$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: gpu-job
spec:
  nodeSelector:
    kubernetes.io/hostname: node-1
  tolerations:
  - key: dedicated
    operator: Equal
    value: gpu
    effect: NoSchedule
  - key: maintenance
    operator: Exists
    effect: NoExecute
    tolerationSeconds: 20
  containers:
  - name: app
    image: nginx
YAML
pod/gpu-job created
$ kubectl taint nodes node-2 maintenance:NoExecute
node/node-2 tainted
$ sleep 5
$ kubectl get pods -o wide
NAME                   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
gpu-job                1/1     Running   0          5s    10.244.1.3   node-1   <none>           <none>
web-797596b896-2n8qv   0/1     Pending   0          4s    <none>       <none>   <none>           <none>
web-797596b896-c45bg   0/1     Pending   0          4s    <none>       <none>   <none>           <none>
web-797596b896-x7w92   0/1     Pending   0          4s    <none>       <none>   <none>           <none>
$ kubectl describe pod -l app=web | grep -A3 Events: | head -4
Events:
  Type     Reason            Age              From               Message
  ----     ------            ----             ----               -------
  Warning  FailedScheduling  2s (x2 over 4s)  default-scheduler  0/2 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) had untolerated taint {maintenance: }. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.
$ kubectl events --for pod/$(kubectl get pods -l app=web -o name | head -1 | cut -d/ -f2)
LAST SEEN         TYPE      REASON             OBJECT                     MESSAGE
2s (x2 over 4s)   Warning   FailedScheduling   Pod/web-797596b896-2n8qv   0/2 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) had untolerated taint {maintenance: }. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.
$ kubectl taint nodes node-1 maintenance:NoExecute
node/node-1 tainted
$ sleep 10
$ kubectl taint nodes node-1 maintenance:NoExecute-
node/node-1 untainted
$ kubectl events --for pod/gpu-job | tail -2
11s         Normal   Started                Pod/gpu-job   Started container app
0s          Normal   TaintManagerEviction   Pod/gpu-job   Cancelling deletion of Pod default/gpu-job
$ kubectl taint nodes node-2 maintenance:NoExecute-
node/node-2 untainted
$ kubectl taint nodes node-2 maintenance:NoExecute-
error: taint "maintenance:NoExecute" not found
$ sleep 10
$ kubectl get pods -o wide
NAME                   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
gpu-job                1/1     Running   0          25s   10.244.1.3   node-1   <none>           <none>
web-797596b896-2n8qv   1/1     Running   0          24s   10.244.2.6   node-2   <none>           <none>
web-797596b896-c45bg   1/1     Running   0          24s   10.244.2.7   node-2   <none>           <none>
web-797596b896-x7w92   1/1     Running   0          24s   10.244.2.8   node-2   <none>           <none>
$ kubectl taint nodes node-1 dedicated=cpu:NoSchedule --overwrite
node/node-1 modified
$ kubectl taint nodes node-1 dedicated-
node/node-1 untainted
$ kubectl taint pods web a=b:NoSchedule
error: invalid resource type pods, only node types are supported
$ kubectl taint nodes node-9 a=b:NoSchedule
Error from server (NotFound): nodes "node-9" not found
$ kubectl taint nodes node-1 a=b:Sometimes
error: invalid taint effect: Sometimes, unsupported taint effect
See 'kubectl taint -h' for help and examples
$ kubectl taint nodes node-1
error: at least one taint update is required
$ kubectl taint nodes node-1 a=b:NoSchedule a-
error: can not both modify and remove the following taint(s) in the same command: a=
$ kubectl taint nodes --all x=y:PreferNoSchedule --dry-run=client
node/node-1 tainted (dry run)
node/node-2 tainted (dry run)
$ kubectl get nodes -o jsonpath='{.items[*].spec.taints}{"\n"}'

"#,
    );
}

/// The kubelet records NodeNotSchedulable / NodeSchedulable when a node is cordoned and
/// uncordoned; a pod that lands on a node already tainted NoExecute, tolerating it for 20 s,
/// is evicted 20 s after it got there (the taint eviction controller's handlePodUpdate).
#[test]
fn cordon_events_and_a_toleration_counted_from_the_pods_arrival() {
    check(
        r#"kubectl cordon node-1
kubectl events --for node/node-1
kubectl uncordon node-1
kubectl describe node node-1 | tail -4
kubectl taint nodes node-2 maint:NoExecute
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: brief
spec:
  nodeName: node-2
  tolerations:
  - key: maint
    operator: Exists
    effect: NoExecute
    tolerationSeconds: 20
  containers:
  - name: c
    image: nginx
EOF
sleep 15
kubectl get pod brief
sleep 10
kubectl get pod brief
kubectl events --for pod/brief | tail -3
"#,
        r#"$ kubectl cordon node-1
node/node-1 cordoned
$ kubectl events --for node/node-1
LAST SEEN   TYPE     REASON               OBJECT        MESSAGE
0s          Normal   NodeNotSchedulable   Node/node-1   Node node-1 status is now: NodeNotSchedulable
$ kubectl uncordon node-1
node/node-1 uncordoned
$ kubectl describe node node-1 | tail -4
  Type    Reason              Age   From     Message
  ----    ------              ----  ----     -------
  Normal  NodeNotSchedulable  0s    kubelet  Node node-1 status is now: NodeNotSchedulable
  Normal  NodeSchedulable     0s    kubelet  Node node-1 status is now: NodeSchedulable
$ kubectl taint nodes node-2 maint:NoExecute
node/node-2 tainted
$ kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: brief
spec:
  nodeName: node-2
  tolerations:
  - key: maint
    operator: Exists
    effect: NoExecute
    tolerationSeconds: 20
  containers:
  - name: c
    image: nginx
EOF
pod/brief created
$ sleep 15
$ kubectl get pod brief
NAME    READY   STATUS    RESTARTS   AGE
brief   1/1     Running   0          15s
$ sleep 10
$ kubectl get pod brief
Error from server (NotFound): pods "brief" not found
$ kubectl events --for pod/brief | tail -3
21s         Normal   Started                Pod/brief   Started container c
5s          Normal   TaintManagerEviction   Pod/brief   Marking for deletion Pod default/brief
4s          Normal   Killing                Pod/brief   Stopping container c
"#,
    );
}

/// A pod Pending because every node is cordoned is scheduled as soon as one is uncordoned (the
/// scheduling queue moves unschedulable pods back on a node update that can help them).
#[test]
fn uncordoning_a_node_schedules_the_pending_pods() {
    check(
        r#"kubectl create deployment web --image=nginx --replicas=2
kubectl cordon node-1 node-2
kubectl scale deployment web --replicas=3
sleep 5
kubectl get pods
kubectl uncordon node-1
sleep 5
kubectl get pods -o wide
"#,
        r#"$ kubectl create deployment web --image=nginx --replicas=2
deployment.apps/web created
$ kubectl cordon node-1 node-2
node/node-1 cordoned
node/node-2 cordoned
$ kubectl scale deployment web --replicas=3
deployment.apps/web scaled
$ sleep 5
$ kubectl get pods
NAME                   READY   STATUS    RESTARTS   AGE
web-797596b896-2dw4q   1/1     Running   0          5s
web-797596b896-cbv4x   1/1     Running   0          5s
web-797596b896-zmgf4   0/1     Pending   0          5s
$ kubectl uncordon node-1
node/node-1 uncordoned
$ sleep 5
$ kubectl get pods -o wide
NAME                   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
web-797596b896-2dw4q   1/1     Running   0          10s   10.244.1.3   node-1   <none>           <none>
web-797596b896-cbv4x   1/1     Running   0          10s   10.244.2.3   node-2   <none>           <none>
web-797596b896-zmgf4   1/1     Running   0          10s   10.244.1.4   node-1   <none>           <none>
"#,
    );
}

/// A pod no node change helps is tried again after 5 minutes among the unschedulable pods (the
/// scheduling queue's flushUnschedulablePodsLeftover, every 30 s): a second FailedScheduling,
/// counted on the first.
#[test]
fn a_pod_left_unschedulable_is_tried_again_after_five_minutes() {
    check(
        r#"kubectl cordon node-1 node-2
kubectl run p --image=nginx
sleep 400
kubectl events --for pod/p
kubectl get pod p
"#,
        r#"$ kubectl cordon node-1 node-2
node/node-1 cordoned
node/node-2 cordoned
$ kubectl run p --image=nginx
pod/p created
$ sleep 400
$ kubectl events --for pod/p
LAST SEEN              TYPE      REASON             OBJECT   MESSAGE
100s (x2 over 6m40s)   Warning   FailedScheduling   Pod/p    0/2 nodes are available: 2 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.
$ kubectl get pod p
NAME   READY   STATUS    RESTARTS   AGE
p      0/1     Pending   0          6m40s
"#,
    );
}
