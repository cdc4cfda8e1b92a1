//! PodDisruptionBudgets (policy/v1): stored, printed and described as kubectl 1.32 does, kept by
//! the disruption controller, and enforced by the eviction API that `kubectl drain` goes through.

use crate::support::check;

/// A Deployment of 3 with `minAvailable: 2`: `get pdb`, its status and DisruptionAllowed condition,
/// `describe`; draining a node with two of its pods evicts one, is refused the other (429, retried
/// after 5 s as kubectl's evictPods does) until the replacement is Ready elsewhere.
#[test]
fn drain_waits_on_a_disruption_budget_and_retries_every_five_seconds() {
    check(
        r##"kubectl create deployment web --image=nginx --replicas=3
kubectl rollout status deployment/web
kubectl create pdb web --selector=app=web --min-available=2
sleep 1
kubectl get pdb
kubectl get pdb web -o yaml
kubectl describe pdb web
kubectl get pods -o wide
kubectl drain node-1 --ignore-daemonsets
kubectl get pods -o wide
kubectl get pdb
kubectl describe pdb web
"##,
        r##"$ kubectl create deployment web --image=nginx --replicas=3
deployment.apps/web created
$ kubectl rollout status deployment/web
Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...
deployment "web" successfully rolled out
$ kubectl create pdb web --selector=app=web --min-available=2
poddisruptionbudget.policy/web created
$ sleep 1
$ kubectl get pdb
NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE
web    2               N/A               1                     1s
$ kubectl get pdb web -o yaml
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  creationTimestamp: "2026-11-23T00:00:04Z"
  generation: 1
  name: web
  namespace: default
  resourceVersion: "87"
  uid: 173eec48-5e7f-4b36-99da-d1cb89328aa6
spec:
  minAvailable: 2
  selector:
    matchLabels:
      app: web
status:
  conditions:
  - lastTransitionTime: "2026-11-23T00:00:04Z"
    message: ""
    observedGeneration: 1
    reason: SufficientPods
    status: "True"
    type: DisruptionAllowed
  currentHealthy: 3
  desiredHealthy: 2
  disruptionsAllowed: 1
  expectedPods: 3
  observedGeneration: 1
$ kubectl describe pdb web
Name:           web
Namespace:      default
Min available:  2
Selector:       app=web
Status:
    Allowed disruptions:  1
    Current:              3
    Desired:              2
    Total:                3
Events:                   <none>
$ kubectl get pods -o wide
NAME                   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
web-797596b896-27qpg   1/1     Running   0          5s    10.244.1.3   node-1   <none>           <none>
web-797596b896-2dw4q   1/1     Running   0          5s    10.244.2.3   node-2   <none>           <none>
web-797596b896-cbv4x   1/1     Running   0          5s    10.244.1.4   node-1   <none>           <none>
$ kubectl drain node-1 --ignore-daemonsets
node/node-1 cordoned
evicting pod default/web-797596b896-27qpg
evicting pod default/web-797596b896-cbv4x
error when evicting pods/"web-797596b896-cbv4x" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
evicting pod kube-system/coredns-7c5bb8469f-qhl4h
pod/web-797596b896-27qpg evicted
pod/coredns-7c5bb8469f-qhl4h evicted
evicting pod default/web-797596b896-cbv4x
pod/web-797596b896-cbv4x evicted
node/node-1 drained
$ kubectl get pods -o wide
NAME                   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
web-797596b896-2dw4q   1/1     Running   0          12s   10.244.2.3   node-2   <none>           <none>
web-797596b896-9fmxk   1/1     Running   0          2s    10.244.2.6   node-2   <none>           <none>
web-797596b896-hrz7s   1/1     Running   0          7s    10.244.2.4   node-2   <none>           <none>
$ kubectl get pdb
NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE
web    2               N/A               1                     8s
$ kubectl describe pdb web
Name:           web
Namespace:      default
Min available:  2
Selector:       app=web
Status:
    Allowed disruptions:  1
    Current:              3
    Desired:              2
    Total:                3
Events:                   <none>
"##,
    );
}

/// The apiserver's ValidatePodDisruptionBudget (both bounds, the eviction policy), `create pdb`'s
/// client-side checks and generated object, and the controller's NoPods, UnmanagedPods (a bare pod
/// under a percentage) and CalculateExpectedPodCountFailed (a Job's pod: no scale) with failSafe's
/// SyncFailed condition.
#[test]
fn budgets_are_validated_and_their_status_says_when_it_cannot_be_computed() {
    check(
        r##"kubectl apply -f - <<'YAML'
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: both
spec:
  minAvailable: 1
  maxUnavailable: 1
  unhealthyPodEvictionPolicy: Sometimes
  selector:
    matchLabels:
      app: web
YAML
kubectl apply -f - <<'YAML'
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: nobody
spec:
  maxUnavailable: 25%
  selector:
    matchLabels:
      app: nothing
YAML
kubectl describe pdb nobody
kubectl create pdb web --min-available=1
kubectl create pdb web --selector=app=web
kubectl create pdb web --selector=app=web --min-available=1 --max-unavailable=1
kubectl create pdb web --selector=app=web --max-unavailable=one
kubectl create pdb --selector=app=web --min-available=1
kubectl create pdb web --selector='app in (b,a),tier!=db' --max-unavailable=1 -n prod --dry-run=client -o json
kubectl create pdb nobody --selector=app=nothing --min-available=1
kubectl run lonely --image=nginx --labels=app=lonely
kubectl create pdb lonely --selector=app=lonely --max-unavailable=50%
kubectl create job once --image=busybox -- sleep 3600
kubectl create pdb once --selector=job-name=once --min-available=100%
sleep 5
kubectl get pdb
kubectl describe pdb lonely once
kubectl get pdb once -o jsonpath='{.status.conditions[0].reason}: {.status.conditions[0].message}{"\n"}'
"##,
        r##"$ kubectl apply -f - <<'YAML'
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: both
spec:
  minAvailable: 1
  maxUnavailable: 1
  unhealthyPodEvictionPolicy: Sometimes
  selector:
    matchLabels:
      app: web
YAML
The PodDisruptionBudget "both" is invalid: [spec: Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc000a3c0a0), Selector:(*v1.LabelSelector)(0xc000b2e0c0), MaxUnavailable:(*intstr.IntOrString)(0xc000a3c0c0), UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(0xc000c14330)}: minAvailable and maxUnavailable cannot be both set, spec.unhealthyPodEvictionPolicy: Unsupported value: "Sometimes": supported values: "AlwaysAllow", "IfHealthyBudget"]
$ kubectl apply -f - <<'YAML'
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: nobody
spec:
  maxUnavailable: 25%
  selector:
    matchLabels:
      app: nothing
YAML
poddisruptionbudget.policy/nobody created
$ kubectl describe pdb nobody
Name:             nobody
Namespace:        default
Max unavailable:  25%
Selector:         app=nothing
Status:
    Allowed disruptions:  0
    Current:              0
    Desired:              0
    Total:                0
Events:
  Type    Reason  Age   From               Message
  ----    ------  ----  ----               -------
  Normal  NoPods  0s    controllermanager  No matching pods found
$ kubectl create pdb web --min-available=1
error: a selector must be specified
$ kubectl create pdb web --selector=app=web
error: one of min-available or max-unavailable must be specified
$ kubectl create pdb web --selector=app=web --min-available=1 --max-unavailable=1
error: min-available and max-unavailable cannot be both specified
$ kubectl create pdb web --selector=app=web --max-unavailable=one
error: invalid format specified for max-unavailable
$ kubectl create pdb --selector=app=web --min-available=1
error: exactly one NAME is required, got 0
See 'kubectl create poddisruptionbudget -h' for help and examples
$ kubectl create pdb web --selector='app in (b,a),tier!=db' --max-unavailable=1 -n prod --dry-run=client -o json
{
    "kind": "PodDisruptionBudget",
    "apiVersion": "policy/v1",
    "metadata": {
        "name": "web",
        "namespace": "prod",
        "creationTimestamp": null
    },
    "spec": {
        "selector": {
            "matchExpressions": [
                {
                    "key": "app",
                    "operator": "In",
                    "values": [
                        "a",
                        "b"
                    ]
                },
                {
                    "key": "tier",
                    "operator": "NotIn",
                    "values": [
                        "db"
                    ]
                }
            ]
        },
        "maxUnavailable": 1
    },
    "status": {
        "disruptionsAllowed": 0,
        "currentHealthy": 0,
        "desiredHealthy": 0,
        "expectedPods": 0
    }
}
$ kubectl create pdb nobody --selector=app=nothing --min-available=1
error: failed to create poddisruptionbudgets: poddisruptionbudgets.policy "nobody" already exists
$ kubectl run lonely --image=nginx --labels=app=lonely
pod/lonely created
$ kubectl create pdb lonely --selector=app=lonely --max-unavailable=50%
poddisruptionbudget.policy/lonely created
$ kubectl create job once --image=busybox -- sleep 3600
job.batch/once created
$ kubectl create pdb once --selector=job-name=once --min-available=100%
poddisruptionbudget.policy/once created
$ sleep 5
$ kubectl get pdb
NAME     MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE
lonely   N/A             50%               0                     5s
nobody   N/A             25%               0                     5s
once     100%            N/A               0                     5s
$ kubectl describe pdb lonely once
Name:             lonely
Namespace:        default
Max unavailable:  50%
Selector:         app=lonely
Status:
    Allowed disruptions:  0
    Current:              1
    Desired:              0
    Total:                0
Events:
  Type     Reason         Age              From               Message
  ----     ------         ----             ----               -------
  Warning  UnmanagedPods  1s (x3 over 5s)  controllermanager  Pods selected by this PodDisruptionBudget (selector: &LabelSelector{MatchLabels:map[string]string{app: lonely,},MatchExpressions:[]LabelSelectorRequirement{},}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.


Name:           once
Namespace:      default
Min available:  100%
Selector:       job-name=once
Status:
    Allowed disruptions:  0
    Current:              0
    Desired:              0
    Total:                0
Events:
  Type     Reason                           Age              From               Message
  ----     ------                           ----             ----               -------
  Warning  CalculateExpectedPodCountFailed  3s (x3 over 5s)  controllermanager  Failed to calculate the number of expected pods: found no controllers for pod "once-cbv4x"
$ kubectl get pdb once -o jsonpath='{.status.conditions[0].reason}: {.status.conditions[0].message}{"\n"}'
SyncFailed: found no controllers for pod "once-cbv4x"
"##,
    );
}

/// maxUnavailable 25% of a Deployment counts the Deployment's replicas, not its ReplicaSets' pods,
/// through a rollout; two budgets over one pod make the eviction API answer 500; a budget that
/// allows nothing runs the drain into its --timeout (the retry due after it reports it);
/// --disable-eviction deletes without asking the budget.
#[test]
fn a_percentage_budget_follows_the_deployment_scale_and_two_budgets_stop_evictions() {
    check(
        r##"kubectl create deployment web --image=nginx --replicas=4
kubectl rollout status deployment/web
kubectl apply -f - <<'YAML'
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 25%
  selector:
    matchLabels:
      app: web
YAML
sleep 1
kubectl get pdb web
kubectl set image deployment/web nginx=nginx:1.27
sleep 1
kubectl get pdb web -o jsonpath='{.status.expectedPods} expected, {.status.currentHealthy} healthy, {.status.desiredHealthy} desired, {.status.disruptionsAllowed} allowed{"\n"}'
kubectl rollout status deployment/web
kubectl get pods -o wide
kubectl drain node-2 --timeout=20s
kubectl get pdb web
kubectl uncordon node-2
kubectl create pdb strict --selector=app=web --max-unavailable=0
kubectl drain node-1 --timeout=3s
kubectl delete pdb web
kubectl drain node-1 --timeout=12s
kubectl drain node-1 --disable-eviction --timeout=60s
kubectl get pods -o wide
"##,
        r##"$ kubectl create deployment web --image=nginx --replicas=4
deployment.apps/web created
$ kubectl rollout status deployment/web
Waiting for deployment "web" rollout to finish: 0 of 4 updated replicas are available...
deployment "web" successfully rolled out
$ kubectl apply -f - <<'YAML'
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 25%
  selector:
    matchLabels:
      app: web
YAML
poddisruptionbudget.policy/web created
$ sleep 1
$ kubectl get pdb web
NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE
web    N/A             25%               1                     1s
$ kubectl set image deployment/web nginx=nginx:1.27
deployment.apps/web image updated
$ sleep 1
$ kubectl get pdb web -o jsonpath='{.status.expectedPods} expected, {.status.currentHealthy} healthy, {.status.desiredHealthy} desired, {.status.disruptionsAllowed} allowed{"\n"}'
4 expected, 3 healthy, 3 desired, 0 allowed
$ kubectl rollout status deployment/web
Waiting for deployment "web" rollout to finish: 2 out of 4 new replicas have been updated...
Waiting for deployment "web" rollout to finish: 2 out of 4 new replicas have been updated...
Waiting for deployment "web" rollout to finish: 2 out of 4 new replicas have been updated...
Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...
Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...
deployment "web" successfully rolled out
$ kubectl get pods -o wide
NAME                   READY   STATUS        RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
web-57b6657888-45bgk   1/1     Running       0          6s    10.244.2.5   node-2   <none>           <none>
web-57b6657888-4gxhs   1/1     Running       0          6s    10.244.1.5   node-1   <none>           <none>
web-57b6657888-b99dw   1/1     Running       0          2s    10.244.1.6   node-1   <none>           <none>
web-57b6657888-c52gh   1/1     Running       0          2s    10.244.2.6   node-2   <none>           <none>
web-797596b896-cbv4x   1/1     Terminating   0          11s   10.244.1.4   node-1   <none>           <none>
$ kubectl drain node-2 --timeout=20s
node/node-2 cordoned
evicting pod default/web-57b6657888-45bgk
evicting pod default/web-57b6657888-c52gh
error when evicting pods/"web-57b6657888-c52gh" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
evicting pod kube-system/coredns-7c5bb8469f-8zgdl
pod/web-57b6657888-45bgk evicted
pod/coredns-7c5bb8469f-8zgdl evicted
evicting pod default/web-57b6657888-c52gh
pod/web-57b6657888-c52gh evicted
node/node-2 drained
$ kubectl get pdb web
NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE
web    N/A             25%               1                     14s
$ kubectl uncordon node-2
node/node-2 uncordoned
$ kubectl create pdb strict --selector=app=web --max-unavailable=0
poddisruptionbudget.policy/strict created
$ kubectl drain node-1 --timeout=3s
node/node-1 cordoned
evicting pod default/web-57b6657888-4gxhs
evicting pod default/web-57b6657888-b99dw
evicting pod default/web-57b6657888-thfzc
evicting pod default/web-57b6657888-tjn4g
evicting pod kube-system/coredns-7c5bb8469f-q6b8h
evicting pod kube-system/coredns-7c5bb8469f-qhl4h
pod/coredns-7c5bb8469f-q6b8h evicted
pod/coredns-7c5bb8469f-qhl4h evicted
There are pending pods in node "node-1" when an error occurred: [error when evicting pods/"web-57b6657888-4gxhs" -n "default": This pod has more than one PodDisruptionBudget, which the eviction subresource does not support., error when evicting pods/"web-57b6657888-b99dw" -n "default": This pod has more than one PodDisruptionBudget, which the eviction subresource does not support., error when evicting pods/"web-57b6657888-thfzc" -n "default": This pod has more than one PodDisruptionBudget, which the eviction subresource does not support., error when evicting pods/"web-57b6657888-tjn4g" -n "default": This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.]
pod/web-57b6657888-4gxhs
pod/web-57b6657888-b99dw
pod/web-57b6657888-thfzc
pod/web-57b6657888-tjn4g
error: unable to drain node "node-1" due to error: [error when evicting pods/"web-57b6657888-4gxhs" -n "default": This pod has more than one PodDisruptionBudget, which the eviction subresource does not support., error when evicting pods/"web-57b6657888-b99dw" -n "default": This pod has more than one PodDisruptionBudget, which the eviction subresource does not support., error when evicting pods/"web-57b6657888-thfzc" -n "default": This pod has more than one PodDisruptionBudget, which the eviction subresource does not support., error when evicting pods/"web-57b6657888-tjn4g" -n "default": This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.], continuing command...
There are pending nodes to be drained:
 node-1
error: [error when evicting pods/"web-57b6657888-4gxhs" -n "default": This pod has more than one PodDisruptionBudget, which the eviction subresource does not support., error when evicting pods/"web-57b6657888-b99dw" -n "default": This pod has more than one PodDisruptionBudget, which the eviction subresource does not support., error when evicting pods/"web-57b6657888-thfzc" -n "default": This pod has more than one PodDisruptionBudget, which the eviction subresource does not support., error when evicting pods/"web-57b6657888-tjn4g" -n "default": This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.]
$ kubectl delete pdb web
poddisruptionbudget.policy "web" deleted
$ kubectl drain node-1 --timeout=12s
node/node-1 already cordoned
evicting pod default/web-57b6657888-4gxhs
error when evicting pods/"web-57b6657888-4gxhs" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
evicting pod default/web-57b6657888-b99dw
error when evicting pods/"web-57b6657888-b99dw" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
evicting pod default/web-57b6657888-thfzc
error when evicting pods/"web-57b6657888-thfzc" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
evicting pod default/web-57b6657888-tjn4g
error when evicting pods/"web-57b6657888-tjn4g" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
evicting pod default/web-57b6657888-4gxhs
error when evicting pods/"web-57b6657888-4gxhs" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
evicting pod default/web-57b6657888-b99dw
error when evicting pods/"web-57b6657888-b99dw" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
evicting pod default/web-57b6657888-thfzc
error when evicting pods/"web-57b6657888-thfzc" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
evicting pod default/web-57b6657888-tjn4g
error when evicting pods/"web-57b6657888-tjn4g" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
evicting pod default/web-57b6657888-4gxhs
error when evicting pods/"web-57b6657888-4gxhs" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
evicting pod default/web-57b6657888-b99dw
error when evicting pods/"web-57b6657888-b99dw" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
evicting pod default/web-57b6657888-thfzc
error when evicting pods/"web-57b6657888-thfzc" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
evicting pod default/web-57b6657888-tjn4g
error when evicting pods/"web-57b6657888-tjn4g" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
evicting pod default/web-57b6657888-4gxhs
evicting pod default/web-57b6657888-b99dw
evicting pod default/web-57b6657888-thfzc
evicting pod default/web-57b6657888-tjn4g
There are pending pods in node "node-1" when an error occurred: [error when evicting pods/"web-57b6657888-4gxhs" -n "default": global timeout reached: 12s, error when evicting pods/"web-57b6657888-b99dw" -n "default": global timeout reached: 12s, error when evicting pods/"web-57b6657888-thfzc" -n "default": global timeout reached: 12s, error when evicting pods/"web-57b6657888-tjn4g" -n "default": global timeout reached: 12s]
pod/web-57b6657888-4gxhs
pod/web-57b6657888-b99dw
pod/web-57b6657888-thfzc
pod/web-57b6657888-tjn4g
error: unable to drain node "node-1" due to error: [error when evicting pods/"web-57b6657888-4gxhs" -n "default": global timeout reached: 12s, error when evicting pods/"web-57b6657888-b99dw" -n "default": global timeout reached: 12s, error when evicting pods/"web-57b6657888-thfzc" -n "default": global timeout reached: 12s, error when evicting pods/"web-57b6657888-tjn4g" -n "default": global timeout reached: 12s], continuing command...
There are pending nodes to be drained:
 node-1
error: [error when evicting pods/"web-57b6657888-4gxhs" -n "default": global timeout reached: 12s, error when evicting pods/"web-57b6657888-b99dw" -n "default": global timeout reached: 12s, error when evicting pods/"web-57b6657888-thfzc" -n "default": global timeout reached: 12s, error when evicting pods/"web-57b6657888-tjn4g" -n "default": global timeout reached: 12s]
$ kubectl drain node-1 --disable-eviction --timeout=60s
node/node-1 already cordoned
pod/web-57b6657888-4gxhs deleted
pod/web-57b6657888-b99dw deleted
pod/web-57b6657888-thfzc deleted
pod/web-57b6657888-tjn4g deleted
node/node-1 drained
$ kubectl get pods -o wide
NAME                   READY   STATUS    RESTARTS   AGE   IP            NODE     NOMINATED NODE   READINESS GATES
web-57b6657888-72x5k   1/1     Running   0          2s    10.244.2.9    node-2   <none>           <none>
web-57b6657888-7lnqf   1/1     Running   0          2s    10.244.2.10   node-2   <none>           <none>
web-57b6657888-7nwjn   1/1     Running   0          2s    10.244.2.11   node-2   <none>           <none>
web-57b6657888-wtb9v   1/1     Running   0          2s    10.244.2.12   node-2   <none>           <none>
"##,
    );
}

/// kubernetes.io's zk-pdb (maxUnavailable: 1) over a 3-replica StatefulSet: the expected count is
/// the StatefulSet's scale; a drain takes one pod and the budget then allows none until it is back.
#[test]
fn the_zookeeper_budget_lets_one_stateful_set_pod_go_at_a_time() {
    check(
        r##"kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: zk
spec:
  serviceName: zk-hs
  replicas: 3
  selector:
    matchLabels:
      app: zookeeper
  template:
    metadata:
      labels:
        app: zookeeper
    spec:
      containers:
      - name: zk
        image: nginx
YAML
kubectl apply -f - <<'YAML'
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: zk-pdb
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: zookeeper
YAML
kubectl rollout status statefulset/zk
kubectl get poddisruptionbudgets
kubectl get pods -o wide
kubectl drain node-1 --ignore-daemonsets --force --delete-emptydir-data
kubectl get pods -o wide
kubectl get pdb zk-pdb
"##,
        r##"$ kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: zk
spec:
  serviceName: zk-hs
  replicas: 3
  selector:
    matchLabels:
      app: zookeeper
  template:
    metadata:
      labels:
        app: zookeeper
    spec:
      containers:
      - name: zk
        image: nginx
YAML
statefulset.apps/zk created
$ kubectl apply -f - <<'YAML'
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: zk-pdb
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: zookeeper
YAML
poddisruptionbudget.policy/zk-pdb created
$ kubectl rollout status statefulset/zk
Waiting for 3 pods to be ready...
Waiting for 2 pods to be ready...
Waiting for 2 pods to be ready...
Waiting for 1 pods to be ready...
Waiting for 1 pods to be ready...
partitioned roll out complete: 3 new pods have been updated...
$ kubectl get poddisruptionbudgets
NAME     MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE
zk-pdb   N/A             1                 1                     10s
$ kubectl get pods -o wide
NAME   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
zk-0   1/1     Running   0          10s   10.244.2.3   node-2   <none>           <none>
zk-1   1/1     Running   0          6s    10.244.1.3   node-1   <none>           <none>
zk-2   1/1     Running   0          2s    10.244.2.4   node-2   <none>           <none>
$ kubectl drain node-1 --ignore-daemonsets --force --delete-emptydir-data
node/node-1 cordoned
evicting pod default/zk-1
evicting pod kube-system/coredns-7c5bb8469f-qhl4h
pod/zk-1 evicted
pod/coredns-7c5bb8469f-qhl4h evicted
node/node-1 drained
$ kubectl get pods -o wide
NAME   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
zk-0   1/1     Running   0          12s   10.244.2.3   node-2   <none>           <none>
zk-1   0/1     Pending   0          0s    <none>       node-2   <none>           <none>
zk-2   1/1     Running   0          4s    10.244.2.4   node-2   <none>           <none>
$ kubectl get pdb zk-pdb
NAME     MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE
zk-pdb   N/A             1                 0                     12s
"##,
    );
}

/// The eviction subresource itself: an allowed eviction uses up the budget, notes the pod as
/// disrupted and marks it with the DisruptionTarget condition before deleting it (it is then
/// Terminating, and the controller drops it from `disruptedPods`); the next one is refused with the 429's message and changes nothing.
#[test]
fn an_eviction_uses_up_the_budget_and_marks_the_pod() {
    use kubeplay::engine::error::ApiError;
    use kubeplay::engine::store::Key;
    let mut sim = crate::support::Sim::new(11, kubeplay::engine::timing::Timing::realistic());
    sim.script("kubectl create deployment web --image=nginx --replicas=2\nkubectl rollout status deployment/web\nkubectl create pdb web --selector=app=web --min-available=1\nsleep 1\n");
    let names: Vec<String> = sim.cluster.store().pods.in_namespace("default").map(|p| p.metadata.name.to_string()).collect();
    assert_eq!(names.len(), 2);
    let first = Key::new("default", &names[0]);
    assert_eq!(kubeplay::engine::eviction::evict(&mut sim.cluster, &first, None), Ok(()));
    let condition = sim.kubectl(&format!("kubectl get pod {} -o jsonpath={{.status.conditions[?(@.type==\"DisruptionTarget\")].reason}}", names[0]));
    assert_eq!(condition.stdout, "EvictionByEvictionAPI");
    let status = sim.kubectl("kubectl get pdb web -o jsonpath={.status.disruptionsAllowed}/{.status.disruptedPods}");
    // The controller has seen the pod being deleted: it is no longer a pending disruption.
    assert_eq!(status.stdout, "0/");
    let second = Key::new("default", &names[1]);
    let refused = kubeplay::engine::eviction::evict(&mut sim.cluster, &second, None);
    assert_eq!(refused, Err(ApiError::TooManyRequests { message: "Cannot evict pod as it would violate the pod's disruption budget.".into() }));
    assert!(sim.cluster.store().pods.in_namespace("default").any(|p| *p.metadata.name == *names[1] && p.metadata.deletion_timestamp.is_none()));
}

/// Whether a pod counts as healthy for a budget (`countHealthyPods`): Ready, not being deleted.
fn healthy_web_pods(sim: &crate::support::Sim) -> i32 {
    sim.cluster.store().pods.in_namespace("default").filter(|p| p.metadata.labels.get("app").map(String::as_str) == Some("web") && p.metadata.deletion_timestamp.is_none() && p.is_ready()).count() as i32
}

/// The budget's guarantee over random Deployments and budgets, checked after every eviction and
/// every tick while node-1 is drained as `kubectl drain` does it (cordon, then evict every pod
/// on it each second): the healthy pods never drop below the budget's desired count, and when
/// the budget allows any disruption at all the node is empty within two minutes.
#[test]
fn evictions_never_take_an_app_below_its_budget() {
    use kubeplay::engine::store::Key;
    for seed in 0..150u64 {
        let mut rng = kubeplay::engine::rng::Rng::new(seed);
        let replicas = rng.below(6) as i32 + 2;
        let budget = match rng.below(4) {
            0 => format!("--min-available={}", rng.below(replicas as u64)),
            1 => format!("--min-available={}%", [0, 25, 50, 75][rng.below(4) as usize]),
            2 => format!("--max-unavailable={}", rng.below(3) + 1),
            _ => format!("--max-unavailable={}%", [25, 50, 100][rng.below(3) as usize]),
        };
        let mut sim = crate::support::Sim::new(seed, kubeplay::engine::timing::Timing::realistic());
        sim.script(&format!("kubectl create deployment web --image=nginx --replicas={replicas}\nkubectl rollout status deployment/web\nkubectl create pdb web --selector=app=web {budget}\nkubectl cordon node-1\nsleep 1\n"));
        let desired = sim.kubectl("kubectl get pdb web -o jsonpath={.status.desiredHealthy}").stdout.parse::<i32>().expect("desired");
        let floor = desired.min(healthy_web_pods(&sim));
        let on_node_1 = |sim: &crate::support::Sim| -> Vec<Key> {
            sim.cluster.store().pods.in_namespace("default").filter(|p| p.spec.node_name.as_deref() == Some("node-1") && p.metadata.deletion_timestamp.is_none()).map(|p| Key::new("default", &p.metadata.name)).collect()
        };
        for second in 0..120 {
            for key in on_node_1(&sim) {
                let _ = kubeplay::engine::eviction::evict(&mut sim.cluster, &key, None);
                let healthy = healthy_web_pods(&sim);
                assert!(healthy >= floor, "seed {seed} ({replicas} replicas, {budget}): {healthy} healthy after an eviction at {second}s, below {floor}");
            }
            sim.run_for(1);
            let healthy = healthy_web_pods(&sim);
            assert!(healthy >= floor, "seed {seed} ({replicas} replicas, {budget}): {healthy} healthy at {second}s, below {floor}");
        }
        if desired < replicas {
            let left = sim.cluster.store().pods.in_namespace("default").filter(|p| p.spec.node_name.as_deref() == Some("node-1") && p.metadata.labels.get("app").map(String::as_str) == Some("web")).count();
            assert_eq!(left, 0, "seed {seed} ({replicas} replicas, {budget}): web pods left on node-1");
        }
    }
}

/// An evicted pod carries the DisruptionTarget condition while it terminates: busybox's `sleep`
/// ignores SIGTERM, so it lives out its 30 s grace period, and a drain with a shorter --timeout
/// reports it still pending.
#[test]
fn an_evicted_pod_terminates_with_its_disruption_target_condition() {
    check(
        r##"kubectl create deployment sleepy --image=busybox --replicas=2 -- sleep 3600
kubectl rollout status deployment/sleepy
kubectl get pods -o wide
kubectl drain node-2 --pod-selector=app=sleepy --timeout=5s
kubectl get pods
kubectl get pod sleepy-57554ffd4c-cbv4x -o jsonpath='{range .status.conditions[?(@.type=="DisruptionTarget")]}{.type}={.status} {.reason}: {.message}{end}{"\n"}'
sleep 30
kubectl get pods
"##,
        r##"$ kubectl create deployment sleepy --image=busybox --replicas=2 -- sleep 3600
deployment.apps/sleepy created
$ kubectl rollout status deployment/sleepy
Waiting for deployment "sleepy" rollout to finish: 0 of 2 updated replicas are available...
deployment "sleepy" successfully rolled out
$ kubectl get pods -o wide
NAME                      READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
sleepy-57554ffd4c-2dw4q   1/1     Running   0          2s    10.244.1.3   node-1   <none>           <none>
sleepy-57554ffd4c-cbv4x   1/1     Running   0          2s    10.244.2.3   node-2   <none>           <none>
$ kubectl drain node-2 --pod-selector=app=sleepy --timeout=5s
node/node-2 cordoned
evicting pod default/sleepy-57554ffd4c-cbv4x
There are pending pods in node "node-2" when an error occurred: error when waiting for pod "sleepy-57554ffd4c-cbv4x" in namespace "default" to terminate: global timeout reached: 5s
pod/sleepy-57554ffd4c-cbv4x
error: unable to drain node "node-2" due to error: error when waiting for pod "sleepy-57554ffd4c-cbv4x" in namespace "default" to terminate: global timeout reached: 5s, continuing command...
There are pending nodes to be drained:
 node-2
error: error when waiting for pod "sleepy-57554ffd4c-cbv4x" in namespace "default" to terminate: global timeout reached: 5s
$ kubectl get pods
NAME                      READY   STATUS        RESTARTS   AGE
sleepy-57554ffd4c-2dw4q   1/1     Running       0          7s
sleepy-57554ffd4c-cbv4x   1/1     Terminating   0          7s
sleepy-57554ffd4c-hbm2r   1/1     Running       0          5s
$ kubectl get pod sleepy-57554ffd4c-cbv4x -o jsonpath='{range .status.conditions[?(@.type=="DisruptionTarget")]}{.type}={.status} {.reason}: {.message}{end}{"\n"}'
DisruptionTarget=True EvictionByEvictionAPI: Eviction API: evicting
$ sleep 30
$ kubectl get pods
NAME                      READY   STATUS    RESTARTS   AGE
sleepy-57554ffd4c-2dw4q   1/1     Running   0          37s
sleepy-57554ffd4c-hbm2r   1/1     Running   0          35s
"##,
    );
}
