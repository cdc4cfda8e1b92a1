//! LimitRanges and ResourceQuotas (v1): stored, printed and described as kubectl 1.32 does, and
//! acting as the LimitRanger and ResourceQuota admission plugins and the quota controller, through
//! the kubernetes.io tutorials' steps.

use crate::support::check;

/// The "Configure Minimum and Maximum CPU Constraints for a Namespace" tutorial: the LimitRange's
/// defaults (default and defaultRequest from max), `get limits` and `describe limitrange`, a pod
/// within bounds, the two rejected pods with the LimitRanger's messages, a pod without
/// resources defaulted (and annotated), and the namespace's description.
#[test]
fn a_limit_range_defaults_and_bounds_container_cpu_as_in_the_cpu_constraints_tutorial() {
    check(
        r#"kubectl create namespace constraints-cpu-example
kubectl apply -f - --namespace=constraints-cpu-example <<'YAML'
apiVersion: v1
kind: LimitRange
metadata:
  name: cpu-min-max-demo-lr
spec:
  limits:
  - max:
      cpu: "800m"
    min:
      cpu: "200m"
    type: Container
YAML
kubectl get limitrange cpu-min-max-demo-lr --output=yaml --namespace=constraints-cpu-example
kubectl get limits -n constraints-cpu-example
kubectl describe limitrange -n constraints-cpu-example
kubectl apply -f - --namespace=constraints-cpu-example <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: constraints-cpu-demo
spec:
  containers:
  - name: constraints-cpu-demo-ctr
    image: nginx
    resources:
      limits:
        cpu: "800m"
      requests:
        cpu: "500m"
YAML
kubectl get pod constraints-cpu-demo --output=yaml --namespace=constraints-cpu-example | grep -A6 'resources:'
kubectl apply -f - --namespace=constraints-cpu-example <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: constraints-cpu-demo-2
spec:
  containers:
  - name: constraints-cpu-demo-2-ctr
    image: nginx
    resources:
      limits:
        cpu: "1.5"
      requests:
        cpu: "500m"
YAML
kubectl apply -f - --namespace=constraints-cpu-example <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: constraints-cpu-demo-3
spec:
  containers:
  - name: constraints-cpu-demo-3-ctr
    image: nginx
    resources:
      limits:
        cpu: "800m"
      requests:
        cpu: "100m"
YAML
kubectl apply -f - --namespace=constraints-cpu-example <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: constraints-cpu-demo-4
spec:
  containers:
  - name: constraints-cpu-demo-4-ctr
    image: vish/stress
YAML
kubectl get pod constraints-cpu-demo-4 --namespace=constraints-cpu-example --output=yaml | grep -B2 -A6 'resources:'
kubectl get pod constraints-cpu-demo-4 -n constraints-cpu-example -o jsonpath='{.metadata.annotations}{"\n"}'
kubectl describe ns constraints-cpu-example
"#,
        r#"$ kubectl create namespace constraints-cpu-example
namespace/constraints-cpu-example created
$ kubectl apply -f - --namespace=constraints-cpu-example <<'YAML'
apiVersion: v1
kind: LimitRange
metadata:
  name: cpu-min-max-demo-lr
spec:
  limits:
  - max:
      cpu: "800m"
    min:
      cpu: "200m"
    type: Container
YAML
limitrange/cpu-min-max-demo-lr created
$ kubectl get limitrange cpu-min-max-demo-lr --output=yaml --namespace=constraints-cpu-example
apiVersion: v1
kind: LimitRange
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"v1","kind":"LimitRange","metadata":{"annotations":{},"name":"cpu-min-max-demo-lr","namespace":"constraints-cpu-example"},"spec":{"limits":[{"max":{"cpu":"800m"},"min":{"cpu":"200m"},"type":"Container"}]}}
  creationTimestamp: "2026-11-23T00:00:00Z"
  name: cpu-min-max-demo-lr
  namespace: constraints-cpu-example
  resourceVersion: "50"
  uid: b3ee358e-17d4-4c47-b886-12ab0b72652f
spec:
  limits:
  - default:
      cpu: 800m
    defaultRequest:
      cpu: 800m
    max:
      cpu: 800m
    min:
      cpu: 200m
    type: Container
$ kubectl get limits -n constraints-cpu-example
NAME                  CREATED AT
cpu-min-max-demo-lr   2026-11-23T00:00:00Z
$ kubectl describe limitrange -n constraints-cpu-example
Name:       cpu-min-max-demo-lr
Namespace:  constraints-cpu-example
Type        Resource  Min   Max   Default Request  Default Limit  Max Limit/Request Ratio
----        --------  ---   ---   ---------------  -------------  -----------------------
Container   cpu       200m  800m  800m             800m           -
$ kubectl apply -f - --namespace=constraints-cpu-example <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: constraints-cpu-demo
spec:
  containers:
  - name: constraints-cpu-demo-ctr
    image: nginx
    resources:
      limits:
        cpu: "800m"
      requests:
        cpu: "500m"
YAML
pod/constraints-cpu-demo created
$ kubectl get pod constraints-cpu-demo --output=yaml --namespace=constraints-cpu-example | grep -A6 'resources:'
    resources:
      limits:
        cpu: 800m
      requests:
        cpu: 500m
    terminationMessagePath: /dev/termination-log
    terminationMessagePolicy: File
$ kubectl apply -f - --namespace=constraints-cpu-example <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: constraints-cpu-demo-2
spec:
  containers:
  - name: constraints-cpu-demo-2-ctr
    image: nginx
    resources:
      limits:
        cpu: "1.5"
      requests:
        cpu: "500m"
YAML
Error from server (Forbidden): error when creating "STDIN": pods "constraints-cpu-demo-2" is forbidden: maximum cpu usage per Container is 800m, but limit is 1500m
$ kubectl apply -f - --namespace=constraints-cpu-example <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: constraints-cpu-demo-3
spec:
  containers:
  - name: constraints-cpu-demo-3-ctr
    image: nginx
    resources:
      limits:
        cpu: "800m"
      requests:
        cpu: "100m"
YAML
Error from server (Forbidden): error when creating "STDIN": pods "constraints-cpu-demo-3" is forbidden: minimum cpu usage per Container is 200m, but request is 100m
$ kubectl apply -f - --namespace=constraints-cpu-example <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: constraints-cpu-demo-4
spec:
  containers:
  - name: constraints-cpu-demo-4-ctr
    image: vish/stress
YAML
pod/constraints-cpu-demo-4 created
$ kubectl get pod constraints-cpu-demo-4 --namespace=constraints-cpu-example --output=yaml | grep -B2 -A6 'resources:'
    imagePullPolicy: Always
    name: constraints-cpu-demo-4-ctr
    resources:
      limits:
        cpu: 800m
      requests:
        cpu: 800m
    terminationMessagePath: /dev/termination-log
    terminationMessagePolicy: File
$ kubectl get pod constraints-cpu-demo-4 -n constraints-cpu-example -o jsonpath='{.metadata.annotations}{"\n"}'
{"kubectl.kubernetes.io/last-applied-configuration":"{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"annotations\":{},\"name\":\"constraints-cpu-demo-4\",\"namespace\":\"constraints-cpu-example\"},\"spec\":{\"containers\":[{\"image\":\"vish/stress\",\"name\":\"constraints-cpu-demo-4-ctr\"}]}}\n","kubernetes.io/limit-ranger":"LimitRanger plugin set: cpu request for container constraints-cpu-demo-4-ctr; cpu limit for container constraints-cpu-demo-4-ctr"}
$ kubectl describe ns constraints-cpu-example
Name:         constraints-cpu-example
Labels:       kubernetes.io/metadata.name=constraints-cpu-example
Annotations:  <none>
Status:       Active

No resource quota.

Resource Limits
 Type       Resource  Min   Max   Default Request  Default Limit  Max Limit/Request Ratio
 ----       --------  ---   ---   ---------------  -------------  -----------------------
 Container  cpu       200m  800m  800m             800m           -
"#,
    );
}

/// The "Configure Default Memory Requests and Limits for a Namespace" tutorial: defaults for a
/// container with nothing, a limit alone (the request copies it: SetDefaults_Pod), a request
/// alone; then the LimitRange concept page's conflicting default (a request above the
/// default limit fails pod validation), `describe limits`, delete and `get -A`.
#[test]
fn default_requests_and_limits_come_from_the_limit_range_or_the_limits() {
    check(
        r#"kubectl create namespace default-mem-example
kubectl apply -f - --namespace=default-mem-example <<'YAML'
apiVersion: v1
kind: LimitRange
metadata:
  name: mem-limit-range
spec:
  limits:
  - default:
      memory: 512Mi
    defaultRequest:
      memory: 256Mi
    type: Container
YAML
kubectl apply -f - --namespace=default-mem-example <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: default-mem-demo
spec:
  containers:
  - name: default-mem-demo-ctr
    image: nginx
YAML
kubectl get pod default-mem-demo -n default-mem-example -o jsonpath='{.spec.containers[0].resources}{"\n"}{.metadata.annotations.kubernetes\.io/limit-ranger}{"\n"}{.status.qosClass}{"\n"}'
kubectl apply -f - --namespace=default-mem-example <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: default-mem-demo-2
spec:
  containers:
  - name: default-mem-demo-2-ctr
    image: nginx
    resources:
      limits:
        memory: "1Gi"
YAML
kubectl get pod default-mem-demo-2 -n default-mem-example -o jsonpath='{.spec.containers[0].resources}{"\n"}{.metadata.annotations.kubernetes\.io/limit-ranger}{"\n"}{.status.qosClass}{"\n"}'
kubectl apply -f - --namespace=default-mem-example <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: default-mem-demo-3
spec:
  containers:
  - name: default-mem-demo-3-ctr
    image: nginx
    resources:
      requests:
        memory: "128Mi"
YAML
kubectl get pod default-mem-demo-3 -n default-mem-example -o jsonpath='{.spec.containers[0].resources}{"\n"}{.metadata.annotations.kubernetes\.io/limit-ranger}{"\n"}'
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: LimitRange
metadata:
  name: cpu-resource-constraint
spec:
  limits:
  - default:
      cpu: 500m
    defaultRequest:
      cpu: 500m
    max:
      cpu: "1"
    min:
      cpu: 100m
    type: Container
YAML
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: example-conflict-with-limitrange-cpu
spec:
  containers:
  - name: demo
    image: registry.k8s.io/pause:3.8
    resources:
      requests:
        cpu: 700m
YAML
kubectl describe limits
kubectl delete limits cpu-resource-constraint
kubectl get limitranges -A
"#,
        r#"$ kubectl create namespace default-mem-example
namespace/default-mem-example created
$ kubectl apply -f - --namespace=default-mem-example <<'YAML'
apiVersion: v1
kind: LimitRange
metadata:
  name: mem-limit-range
spec:
  limits:
  - default:
      memory: 512Mi
    defaultRequest:
      memory: 256Mi
    type: Container
YAML
limitrange/mem-limit-range created
$ kubectl apply -f - --namespace=default-mem-example <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: default-mem-demo
spec:
  containers:
  - name: default-mem-demo-ctr
    image: nginx
YAML
pod/default-mem-demo created
$ kubectl get pod default-mem-demo -n default-mem-example -o jsonpath='{.spec.containers[0].resources}{"\n"}{.metadata.annotations.kubernetes\.io/limit-ranger}{"\n"}{.status.qosClass}{"\n"}'
{"limits":{"memory":"512Mi"},"requests":{"memory":"256Mi"}}
LimitRanger plugin set: memory request for container default-mem-demo-ctr; memory limit for container default-mem-demo-ctr
Burstable
$ kubectl apply -f - --namespace=default-mem-example <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: default-mem-demo-2
spec:
  containers:
  - name: default-mem-demo-2-ctr
    image: nginx
    resources:
      limits:
        memory: "1Gi"
YAML
pod/default-mem-demo-2 created
$ kubectl get pod default-mem-demo-2 -n default-mem-example -o jsonpath='{.spec.containers[0].resources}{"\n"}{.metadata.annotations.kubernetes\.io/limit-ranger}{"\n"}{.status.qosClass}{"\n"}'
{"limits":{"memory":"1Gi"},"requests":{"memory":"1Gi"}}

Burstable
$ kubectl apply -f - --namespace=default-mem-example <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: default-mem-demo-3
spec:
  containers:
  - name: default-mem-demo-3-ctr
    image: nginx
    resources:
      requests:
        memory: "128Mi"
YAML
pod/default-mem-demo-3 created
$ kubectl get pod default-mem-demo-3 -n default-mem-example -o jsonpath='{.spec.containers[0].resources}{"\n"}{.metadata.annotations.kubernetes\.io/limit-ranger}{"\n"}'
{"limits":{"memory":"512Mi"},"requests":{"memory":"128Mi"}}
LimitRanger plugin set: memory limit for container default-mem-demo-3-ctr
$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: LimitRange
metadata:
  name: cpu-resource-constraint
spec:
  limits:
  - default:
      cpu: 500m
    defaultRequest:
      cpu: 500m
    max:
      cpu: "1"
    min:
      cpu: 100m
    type: Container
YAML
limitrange/cpu-resource-constraint created
$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: example-conflict-with-limitrange-cpu
spec:
  containers:
  - name: demo
    image: registry.k8s.io/pause:3.8
    resources:
      requests:
        cpu: 700m
YAML
The Pod "example-conflict-with-limitrange-cpu" is invalid: spec.containers[0].resources.requests: Invalid value: "700m": must be less than or equal to cpu limit of 500m
$ kubectl describe limits
Name:       cpu-resource-constraint
Namespace:  default
Type        Resource  Min   Max  Default Request  Default Limit  Max Limit/Request Ratio
----        --------  ---   ---  ---------------  -------------  -----------------------
Container   cpu       100m  1    500m             500m           -
$ kubectl delete limits cpu-resource-constraint
limitrange "cpu-resource-constraint" deleted
$ kubectl get limitranges -A
NAMESPACE             NAME              CREATED AT
default-mem-example   mem-limit-range   2026-11-23T00:00:00Z
"#,
    );
}

/// The "Configure Memory and CPU Quotas for a Namespace" tutorial: the quota's status written
/// by the controller, a pod charged, a second one over requests.memory rejected, a pod without
/// requests or limits refused ("must specify"), `describe quota`, and usage going back to
/// zero when the pod is deleted.
#[test]
fn a_compute_quota_charges_pods_and_rejects_what_exceeds_it() {
    check(
        r#"kubectl create namespace quota-mem-cpu-example
kubectl apply -f - --namespace=quota-mem-cpu-example <<'YAML'
apiVersion: v1
kind: ResourceQuota
metadata:
  name: mem-cpu-demo
spec:
  hard:
    requests.cpu: "1"
    requests.memory: 1Gi
    limits.cpu: "2"
    limits.memory: 2Gi
YAML
kubectl get resourcequota mem-cpu-demo --namespace=quota-mem-cpu-example --output=yaml
kubectl get quota -n quota-mem-cpu-example
kubectl apply -f - --namespace=quota-mem-cpu-example <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: quota-mem-cpu-demo
spec:
  containers:
  - name: quota-mem-cpu-demo-ctr
    image: nginx
    resources:
      limits:
        memory: "800Mi"
        cpu: "800m"
      requests:
        memory: "600Mi"
        cpu: "400m"
YAML
kubectl get resourcequota mem-cpu-demo --namespace=quota-mem-cpu-example --output=jsonpath='{ .status.used }{"\n"}'
kubectl apply -f - --namespace=quota-mem-cpu-example <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: quota-mem-cpu-demo-2
spec:
  containers:
  - name: quota-mem-cpu-demo-2-ctr
    image: redis
    resources:
      limits:
        memory: "1Gi"
        cpu: "800m"
      requests:
        memory: "700Mi"
        cpu: "400m"
YAML
kubectl run besteffort --image=nginx -n quota-mem-cpu-example
kubectl describe quota -n quota-mem-cpu-example
kubectl get quota -n quota-mem-cpu-example
kubectl delete pod quota-mem-cpu-demo -n quota-mem-cpu-example
kubectl get quota -n quota-mem-cpu-example
kubectl describe ns quota-mem-cpu-example
"#,
        r#"$ kubectl create namespace quota-mem-cpu-example
namespace/quota-mem-cpu-example created
$ kubectl apply -f - --namespace=quota-mem-cpu-example <<'YAML'
apiVersion: v1
kind: ResourceQuota
metadata:
  name: mem-cpu-demo
spec:
  hard:
    requests.cpu: "1"
    requests.memory: 1Gi
    limits.cpu: "2"
    limits.memory: 2Gi
YAML
resourcequota/mem-cpu-demo created
$ kubectl get resourcequota mem-cpu-demo --namespace=quota-mem-cpu-example --output=yaml
apiVersion: v1
kind: ResourceQuota
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"v1","kind":"ResourceQuota","metadata":{"annotations":{},"name":"mem-cpu-demo","namespace":"quota-mem-cpu-example"},"spec":{"hard":{"limits.cpu":"2","limits.memory":"2Gi","requests.cpu":"1","requests.memory":"1Gi"}}}
  creationTimestamp: "2026-11-23T00:00:00Z"
  name: mem-cpu-demo
  namespace: quota-mem-cpu-example
  resourceVersion: "51"
  uid: b3ee358e-17d4-4c47-b886-12ab0b72652f
spec:
  hard:
    limits.cpu: "2"
    limits.memory: 2Gi
    requests.cpu: "1"
    requests.memory: 1Gi
status:
  hard:
    limits.cpu: "2"
    limits.memory: 2Gi
    requests.cpu: "1"
    requests.memory: 1Gi
  used:
    limits.cpu: "0"
    limits.memory: "0"
    requests.cpu: "0"
    requests.memory: "0"
$ kubectl get quota -n quota-mem-cpu-example
NAME           AGE   REQUEST                                     LIMIT
mem-cpu-demo   0s    requests.cpu: 0/1, requests.memory: 0/1Gi   limits.cpu: 0/2, limits.memory: 0/2Gi
$ kubectl apply -f - --namespace=quota-mem-cpu-example <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: quota-mem-cpu-demo
spec:
  containers:
  - name: quota-mem-cpu-demo-ctr
    image: nginx
    resources:
      limits:
        memory: "800Mi"
        cpu: "800m"
      requests:
        memory: "600Mi"
        cpu: "400m"
YAML
pod/quota-mem-cpu-demo created
$ kubectl get resourcequota mem-cpu-demo --namespace=quota-mem-cpu-example --output=jsonpath='{ .status.used }{"\n"}'
{"limits.cpu":"800m","limits.memory":"800Mi","requests.cpu":"400m","requests.memory":"600Mi"}
$ kubectl apply -f - --namespace=quota-mem-cpu-example <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: quota-mem-cpu-demo-2
spec:
  containers:
  - name: quota-mem-cpu-demo-2-ctr
    image: redis
    resources:
      limits:
        memory: "1Gi"
        cpu: "800m"
      requests:
        memory: "700Mi"
        cpu: "400m"
YAML
Error from server (Forbidden): error when creating "STDIN": pods "quota-mem-cpu-demo-2" is forbidden: exceeded quota: mem-cpu-demo, requested: requests.memory=700Mi, used: requests.memory=600Mi, limited: requests.memory=1Gi
$ kubectl run besteffort --image=nginx -n quota-mem-cpu-example
Error from server (Forbidden): pods "besteffort" is forbidden: failed quota: mem-cpu-demo: must specify limits.cpu for: besteffort; limits.memory for: besteffort; requests.cpu for: besteffort; requests.memory for: besteffort
$ kubectl describe quota -n quota-mem-cpu-example
Name:            mem-cpu-demo
Namespace:       quota-mem-cpu-example
Resource         Used   Hard
--------         ----   ----
limits.cpu       800m   2
limits.memory    800Mi  2Gi
requests.cpu     400m   1
requests.memory  600Mi  1Gi
$ kubectl get quota -n quota-mem-cpu-example
NAME           AGE   REQUEST                                            LIMIT
mem-cpu-demo   0s    requests.cpu: 400m/1, requests.memory: 600Mi/1Gi   limits.cpu: 800m/2, limits.memory: 800Mi/2Gi
$ kubectl delete pod quota-mem-cpu-demo -n quota-mem-cpu-example
pod "quota-mem-cpu-demo" deleted
$ kubectl get quota -n quota-mem-cpu-example
NAME           AGE   REQUEST                                     LIMIT
mem-cpu-demo   1s    requests.cpu: 0/1, requests.memory: 0/1Gi   limits.cpu: 0/2, limits.memory: 0/2Gi
$ kubectl describe ns quota-mem-cpu-example
Name:         quota-mem-cpu-example
Labels:       kubernetes.io/metadata.name=quota-mem-cpu-example
Annotations:  <none>
Status:       Active

Resource Quotas
  Name:            mem-cpu-demo
  Resource         Used  Hard
  --------         ---   ---
  limits.cpu       0     2
  limits.memory    0     2Gi
  requests.cpu     0     1
  requests.memory  0     1Gi

No LimitRange resource.
"#,
    );
}

/// The "Configure a Pod Quota for a Namespace" tutorial: a Deployment of 3 under `pods: "2"`
/// gets 2 pods; its ReplicaSet's FailedCreate events and ReplicaFailure condition, copied to
/// the Deployment (getReplicaFailures); scaled to 2 the condition goes; deleted pods free the
/// quota for their replacements.
#[test]
fn a_deployment_past_a_pod_quota_reports_replica_failure() {
    check(
        r#"kubectl create namespace quota-pod-example
kubectl apply -f - --namespace=quota-pod-example <<'YAML'
apiVersion: v1
kind: ResourceQuota
metadata:
  name: pod-demo
spec:
  hard:
    pods: "2"
YAML
kubectl apply -f - --namespace=quota-pod-example <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: pod-quota-demo
spec:
  selector:
    matchLabels:
      purpose: quota-demo
  replicas: 3
  template:
    metadata:
      labels:
        purpose: quota-demo
    spec:
      containers:
      - name: pod-quota-demo
        image: nginx
YAML
sleep 5
kubectl get deployment pod-quota-demo --namespace=quota-pod-example --output=yaml | grep -A30 '^status'
kubectl get pods -n quota-pod-example
kubectl get quota -n quota-pod-example
kubectl describe rs -n quota-pod-example | grep -A3 Events
kubectl scale deployment pod-quota-demo -n quota-pod-example --replicas=2
sleep 1
kubectl get deployment pod-quota-demo -n quota-pod-example -o jsonpath='{range .status.conditions[*]}{.type}={.status} {.reason}{"\n"}{end}'
kubectl get rs -n quota-pod-example -o jsonpath='{.items[0].status.conditions}{"\n"}'
kubectl delete pod -n quota-pod-example -l purpose=quota-demo
kubectl get quota -n quota-pod-example
sleep 3
kubectl get pods -n quota-pod-example
kubectl get quota -n quota-pod-example
"#,
        r#"$ kubectl create namespace quota-pod-example
namespace/quota-pod-example created
$ kubectl apply -f - --namespace=quota-pod-example <<'YAML'
apiVersion: v1
kind: ResourceQuota
metadata:
  name: pod-demo
spec:
  hard:
    pods: "2"
YAML
resourcequota/pod-demo created
$ kubectl apply -f - --namespace=quota-pod-example <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: pod-quota-demo
spec:
  selector:
    matchLabels:
      purpose: quota-demo
  replicas: 3
  template:
    metadata:
      labels:
        purpose: quota-demo
    spec:
      containers:
      - name: pod-quota-demo
        image: nginx
YAML
deployment.apps/pod-quota-demo created
$ sleep 5
$ kubectl get deployment pod-quota-demo --namespace=quota-pod-example --output=yaml | grep -A30 '^status'
status:
  availableReplicas: 2
  conditions:
  - lastTransitionTime: "2026-11-23T00:00:00Z"
    lastUpdateTime: "2026-11-23T00:00:00Z"
    message: Deployment does not have minimum availability.
    reason: MinimumReplicasUnavailable
    status: "False"
    type: Available
  - lastTransitionTime: "2026-11-23T00:00:00Z"
    lastUpdateTime: "2026-11-23T00:00:00Z"
    message: 'pods "pod-quota-demo-5ff7bcc477-rstcs" is forbidden: exceeded quota:
      pod-demo, requested: pods=1, used: pods=2, limited: pods=2'
    reason: FailedCreate
    status: "True"
    type: ReplicaFailure
  - lastTransitionTime: "2026-11-23T00:00:00Z"
    lastUpdateTime: "2026-11-23T00:00:04Z"
    message: ReplicaSet "pod-quota-demo-5ff7bcc477" is progressing.
    reason: ReplicaSetUpdated
    status: "True"
    type: Progressing
  observedGeneration: 1
  readyReplicas: 2
  replicas: 2
  unavailableReplicas: 1
  updatedReplicas: 2
$ kubectl get pods -n quota-pod-example
NAME                              READY   STATUS    RESTARTS   AGE
pod-quota-demo-5ff7bcc477-gfc9c   1/1     Running   0          5s
pod-quota-demo-5ff7bcc477-sb4mj   1/1     Running   0          5s
$ kubectl get quota -n quota-pod-example
NAME       AGE   REQUEST     LIMIT
pod-demo   5s    pods: 2/2   
$ kubectl describe rs -n quota-pod-example | grep -A3 Events
Events:
  Type     Reason            Age              From                   Message
  ----     ------            ----             ----                   -------
  Normal   SuccessfulCreate  5s               replicaset-controller  Created pod: pod-quota-demo-5ff7bcc477-gfc9c
$ kubectl scale deployment pod-quota-demo -n quota-pod-example --replicas=2
deployment.apps/pod-quota-demo scaled
$ sleep 1
$ kubectl get deployment pod-quota-demo -n quota-pod-example -o jsonpath='{range .status.conditions[*]}{.type}={.status} {.reason}{"\n"}{end}'
Available=True MinimumReplicasAvailable
Progressing=True NewReplicaSetAvailable
$ kubectl get rs -n quota-pod-example -o jsonpath='{.items[0].status.conditions}{"\n"}'

$ kubectl delete pod -n quota-pod-example -l purpose=quota-demo
pod "pod-quota-demo-5ff7bcc477-gfc9c" deleted
pod "pod-quota-demo-5ff7bcc477-sb4mj" deleted
$ kubectl get quota -n quota-pod-example
NAME       AGE   REQUEST     LIMIT
pod-demo   8s    pods: 2/2   
$ sleep 3
$ kubectl get pods -n quota-pod-example
NAME                              READY   STATUS    RESTARTS   AGE
pod-quota-demo-5ff7bcc477-gzl9p   1/1     Running   0          3s
pod-quota-demo-5ff7bcc477-h75rk   1/1     Running   0          3s
$ kubectl get quota -n quota-pod-example
NAME       AGE   REQUEST     LIMIT
pod-demo   11s   pods: 2/2   
"#,
    );
}

/// `kubectl create quota` as kubectl 1.32 builds it (dry runs compared with the real client),
/// its errors, and object-count quotas (count/deployments.apps, services, configmaps) refusing
/// creates past their limits.
#[test]
fn create_quota_builds_what_kubectl_builds_and_counts_objects() {
    check(
        r#"kubectl create quota q --hard=pods=2,requests.cpu=1.5,limits.memory=1024Mi --scopes=BestEffort --dry-run=client -o yaml
kubectl create quota q --dry-run=client -o yaml
kubectl create quota q --hard=pods --dry-run=client -o yaml
kubectl create quota q --hard=pods=x --dry-run=client -o yaml
kubectl create quota --hard=pods=1 --dry-run=client -o yaml
kubectl create quota q --hard=pods=2,requests.cpu=1.5 --dry-run=client -o json
kubectl create quota q --hard=pods=2,services=1,count/deployments.apps=1,configmaps=3
kubectl get quota q -o yaml
kubectl create deploy web --image=nginx
kubectl create deploy web2 --image=nginx
kubectl create svc clusterip s1 --tcp=80
kubectl create svc clusterip s2 --tcp=80
kubectl create cm c1
kubectl describe quota
kubectl create quota q2 --hard=pods=1 --scopes=Foo
"#,
        r#"$ kubectl create quota q --hard=pods=2,requests.cpu=1.5,limits.memory=1024Mi --scopes=BestEffort --dry-run=client -o yaml
apiVersion: v1
kind: ResourceQuota
metadata:
  creationTimestamp: null
  name: q
spec:
  hard:
    limits.memory: 1Gi
    pods: "2"
    requests.cpu: 1500m
  scopes:
  - BestEffort
status: {}
$ kubectl create quota q --dry-run=client -o yaml
apiVersion: v1
kind: ResourceQuota
metadata:
  creationTimestamp: null
  name: q
spec: {}
status: {}
$ kubectl create quota q --hard=pods --dry-run=client -o yaml
error: Invalid argument syntax pods, expected <resource>=<value>
$ kubectl create quota q --hard=pods=x --dry-run=client -o yaml
error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'
$ kubectl create quota --hard=pods=1 --dry-run=client -o yaml
error: exactly one NAME is required, got 0
See 'kubectl create quota -h' for help and examples
$ kubectl create quota q --hard=pods=2,requests.cpu=1.5 --dry-run=client -o json
{
    "kind": "ResourceQuota",
    "apiVersion": "v1",
    "metadata": {
        "name": "q",
        "creationTimestamp": null
    },
    "spec": {
        "hard": {
            "pods": "2",
            "requests.cpu": "1500m"
        }
    },
    "status": {}
}
$ kubectl create quota q --hard=pods=2,services=1,count/deployments.apps=1,configmaps=3
resourcequota/q created
$ kubectl get quota q -o yaml
apiVersion: v1
kind: ResourceQuota
metadata:
  creationTimestamp: "2026-11-23T00:00:00Z"
  name: q
  namespace: default
  resourceVersion: "48"
  uid: f16894f0-4050-4100-bbe7-26b627bfc026
spec:
  hard:
    configmaps: "3"
    count/deployments.apps: "1"
    pods: "2"
    services: "1"
status:
  hard:
    configmaps: "3"
    count/deployments.apps: "1"
    pods: "2"
    services: "1"
  used:
    configmaps: "1"
    count/deployments.apps: "0"
    pods: "0"
    services: "1"
$ kubectl create deploy web --image=nginx
deployment.apps/web created
$ kubectl create deploy web2 --image=nginx
error: failed to create deployment: deployments.apps "web2" is forbidden: exceeded quota: q, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1
$ kubectl create svc clusterip s1 --tcp=80
error: failed to create ClusterIP service: services "s1" is forbidden: exceeded quota: q, requested: services=1, used: services=1, limited: services=1
$ kubectl create svc clusterip s2 --tcp=80
error: failed to create ClusterIP service: services "s2" is forbidden: exceeded quota: q, requested: services=1, used: services=1, limited: services=1
$ kubectl create cm c1
configmap/c1 created
$ kubectl describe quota
Name:                   q
Namespace:              default
Resource                Used  Hard
--------                ----  ----
configmaps              2     3
count/deployments.apps  1     1
pods                    1     2
services                1     1
$ kubectl create quota q2 --hard=pods=1 --scopes=Foo
error: failed to create resourcequota: ResourceQuota "q2" is invalid: spec.scopes[0]: Invalid value: "Foo": unsupported scope
"#,
    );
}

/// ValidateLimitRange's and ValidateResourceQuota's messages, a quantity that does not parse,
/// the memory constraints tutorial's rejected pod (1.5Gi printed 1536Mi), a Pod item's
/// limit/request ratio, and the defaults applied by `kubectl run`.
#[test]
fn limit_ranges_and_quotas_are_validated_and_enforce_bounds_and_ratios() {
    check(
        r#"kubectl apply -f - <<'YAML'
apiVersion: v1
kind: LimitRange
metadata:
  name: bad
spec:
  limits:
  - type: Container
    min:
      memory: 1Gi
    max:
      memory: 500Mi
  - type: Pod
    default:
      cpu: 100m
  - type: Container
    maxLimitRequestRatio:
      cpu: "0.5"
YAML
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: LimitRange
metadata:
  name: bad2
spec:
  limits:
  - type: Container
    max:
      cpu: 1
    default:
      cpu: 2
  - type: Foo
YAML
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: LimitRange
metadata:
  name: bad3
spec:
  limits:
  - type: Container
    max:
      cpu: lots
YAML
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: ResourceQuota
metadata:
  name: bad
spec:
  hard:
    pods: "-1"
    services: 1.5
    widgets: 3
YAML
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: LimitRange
metadata:
  name: mem-min-max-demo-lr
spec:
  limits:
  - max:
      memory: 1Gi
    min:
      memory: 500Mi
    type: Container
  - maxLimitRequestRatio:
      memory: 2
    type: Pod
YAML
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: constraints-mem-demo-2
spec:
  containers:
  - name: constraints-mem-demo-2-ctr
    image: nginx
    resources:
      limits:
        memory: "1.5Gi"
      requests:
        memory: "800Mi"
YAML
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: ratio
spec:
  containers:
  - name: ratio
    image: nginx
    resources:
      limits:
        memory: "1Gi"
      requests:
        memory: "500Mi"
YAML
kubectl run plain --image=nginx
kubectl get pod plain -o jsonpath='{.spec.containers[0].resources}{"\n"}'
"#,
        r#"$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: LimitRange
metadata:
  name: bad
spec:
  limits:
  - type: Container
    min:
      memory: 1Gi
    max:
      memory: 500Mi
  - type: Pod
    default:
      cpu: 100m
  - type: Container
    maxLimitRequestRatio:
      cpu: "0.5"
YAML
The LimitRange "bad" is invalid: [spec.limits[0].min[memory]: Invalid value: "1Gi": min value 1Gi is greater than max value 500Mi, spec.limits[0].defaultRequest[memory]: Invalid value: "500Mi": min value 1Gi is greater than default request value 500Mi, spec.limits[0].default[memory]: Invalid value: "1Gi": min value 1Gi is greater than default value 500Mi, spec.limits[1].default: Forbidden: may not be specified when `type` is 'Pod', spec.limits[2].type: Duplicate value: "Container", spec.limits[2].maxLimitRequestRatio[cpu]: Invalid value: "500m": ratio 500m is less than 1]
$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: LimitRange
metadata:
  name: bad2
spec:
  limits:
  - type: Container
    max:
      cpu: 1
    default:
      cpu: 2
  - type: Foo
YAML
The LimitRange "bad2" is invalid: [spec.limits[0].defaultRequest[cpu]: Invalid value: "2": default request value 2 is greater than max value 1, spec.limits[0].default[cpu]: Invalid value: "1": default value 2 is greater than max value 1, spec.limits[1].type: Invalid value: "Foo": must be a standard limit type or fully qualified]
$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: LimitRange
metadata:
  name: bad3
spec:
  limits:
  - type: Container
    max:
      cpu: lots
YAML
Error from server (BadRequest): error when creating "STDIN": LimitRange in version "v1" cannot be handled as a LimitRange: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'
$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: ResourceQuota
metadata:
  name: bad
spec:
  hard:
    pods: "-1"
    services: 1.5
    widgets: 3
YAML
The ResourceQuota "bad" is invalid: [spec.hard[pods]: Invalid value: "-1": must be greater than or equal to 0, spec.hard[services]: Invalid value: "1500m": must be an integer, spec.hard[widgets]: Invalid value: "widgets": must be a standard resource type or fully qualified]
$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: LimitRange
metadata:
  name: mem-min-max-demo-lr
spec:
  limits:
  - max:
      memory: 1Gi
    min:
      memory: 500Mi
    type: Container
  - maxLimitRequestRatio:
      memory: 2
    type: Pod
YAML
limitrange/mem-min-max-demo-lr created
$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: constraints-mem-demo-2
spec:
  containers:
  - name: constraints-mem-demo-2-ctr
    image: nginx
    resources:
      limits:
        memory: "1.5Gi"
      requests:
        memory: "800Mi"
YAML
Error from server (Forbidden): error when creating "STDIN": pods "constraints-mem-demo-2" is forbidden: maximum memory usage per Container is 1Gi, but limit is 1536Mi
$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: ratio
spec:
  containers:
  - name: ratio
    image: nginx
    resources:
      limits:
        memory: "1Gi"
      requests:
        memory: "500Mi"
YAML
Error from server (Forbidden): error when creating "STDIN": pods "ratio" is forbidden: memory max limit to request ratio per Pod is 2, but provided ratio is 2.048000
$ kubectl run plain --image=nginx
pod/plain created
$ kubectl get pod plain -o jsonpath='{.spec.containers[0].resources}{"\n"}'
{"limits":{"memory":"1Gi"},"requests":{"memory":"1Gi"}}
"#,
    );
}

/// The "Configure Quotas for API Objects" tutorial (one claim, no node ports) and the
/// LimitRange page's storage limits: a second claim, a NodePort Service and claims outside
/// min/max storage refused, with the plugins' messages.
#[test]
fn object_count_quotas_and_claim_limits_refuse_claims_and_services() {
    check(
        r#"kubectl create namespace quota-object-example
kubectl apply -f - --namespace=quota-object-example <<'YAML'
apiVersion: v1
kind: ResourceQuota
metadata:
  name: object-quota-demo
spec:
  hard:
    persistentvolumeclaims: "1"
    services.loadbalancers: "2"
    services.nodeports: "0"
YAML
kubectl get resourcequota object-quota-demo --namespace=quota-object-example --output=yaml | grep -A12 '^status'
kubectl apply -f - --namespace=quota-object-example <<'YAML'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: pvc-quota-demo
spec:
  storageClassName: manual
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 3Gi
YAML
kubectl get persistentvolumeclaims --namespace=quota-object-example
kubectl apply -f - --namespace=quota-object-example <<'YAML'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: pvc-quota-demo-2
spec:
  storageClassName: manual
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 4Gi
YAML
kubectl create service nodeport web --tcp=80 -n quota-object-example
kubectl describe quota -n quota-object-example
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: LimitRange
metadata:
  name: storagelimits
spec:
  limits:
  - type: PersistentVolumeClaim
    max:
      storage: 2Gi
    min:
      storage: 1Gi
YAML
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: pvc-limit-greater
spec:
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 5Gi
YAML
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: pvc-limit-lower
spec:
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 500Mi
YAML
kubectl describe limitrange storagelimits
"#,
        r#"$ kubectl create namespace quota-object-example
namespace/quota-object-example created
$ kubectl apply -f - --namespace=quota-object-example <<'YAML'
apiVersion: v1
kind: ResourceQuota
metadata:
  name: object-quota-demo
spec:
  hard:
    persistentvolumeclaims: "1"
    services.loadbalancers: "2"
    services.nodeports: "0"
YAML
resourcequota/object-quota-demo created
$ kubectl get resourcequota object-quota-demo --namespace=quota-object-example --output=yaml | grep -A12 '^status'
status:
  hard:
    persistentvolumeclaims: "1"
    services.loadbalancers: "2"
    services.nodeports: "0"
  used:
    persistentvolumeclaims: "0"
    services.loadbalancers: "0"
    services.nodeports: "0"
$ kubectl apply -f - --namespace=quota-object-example <<'YAML'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: pvc-quota-demo
spec:
  storageClassName: manual
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 3Gi
YAML
persistentvolumeclaim/pvc-quota-demo created
$ kubectl get persistentvolumeclaims --namespace=quota-object-example
NAME             STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE
pvc-quota-demo   Pending                                      manual         <unset>                 0s
$ kubectl apply -f - --namespace=quota-object-example <<'YAML'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: pvc-quota-demo-2
spec:
  storageClassName: manual
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 4Gi
YAML
Error from server (Forbidden): error when creating "STDIN": persistentvolumeclaims "pvc-quota-demo-2" is forbidden: exceeded quota: object-quota-demo, requested: persistentvolumeclaims=1, used: persistentvolumeclaims=1, limited: persistentvolumeclaims=1
$ kubectl create service nodeport web --tcp=80 -n quota-object-example
error: failed to create NodePort service: services "web" is forbidden: exceeded quota: object-quota-demo, requested: services.nodeports=1, used: services.nodeports=0, limited: services.nodeports=0
$ kubectl describe quota -n quota-object-example
Name:                   object-quota-demo
Namespace:              quota-object-example
Resource                Used  Hard
--------                ----  ----
persistentvolumeclaims  1     1
services.loadbalancers  0     2
services.nodeports      0     0
$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: LimitRange
metadata:
  name: storagelimits
spec:
  limits:
  - type: PersistentVolumeClaim
    max:
      storage: 2Gi
    min:
      storage: 1Gi
YAML
limitrange/storagelimits created
$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: pvc-limit-greater
spec:
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 5Gi
YAML
Error from server (Forbidden): error when creating "STDIN": persistentvolumeclaims "pvc-limit-greater" is forbidden: maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi
$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: pvc-limit-lower
spec:
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 500Mi
YAML
Error from server (Forbidden): error when creating "STDIN": persistentvolumeclaims "pvc-limit-lower" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi
$ kubectl describe limitrange storagelimits
Name:                  storagelimits
Namespace:             default
Type                   Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio
----                   --------  ---  ---  ---------------  -------------  -----------------------
PersistentVolumeClaim  storage   1Gi  2Gi  -                -              -
"#,
    );
}
