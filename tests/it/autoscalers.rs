//! HorizontalPodAutoscalers (autoscaling/v2, created as v1 by `kubectl autoscale`): stored, printed
//! and described as kubectl 1.32 does, reconciled every 15 s by the HPA controller in a cluster
//! without metrics-server (a fresh minikube or kind), as horizontal.go behaves there.

use crate::support::check;

/// The kubernetes.io walkthrough's php-apache HPA in a cluster without metrics-server: nothing
/// happens for the first 15 s (REPLICAS 0, no conditions, `currentMetrics: null`), then every
/// sync reads the scale, fails the CPU metric (FailedGetResourceMetric, then
/// FailedComputeMetricsReplicas, counted up by the correlator), writes `[{type: ""}]` and keeps
/// desiredReplicas 0, as reconcileAutoscaler does.
#[test]
fn no_metrics_server_keeps_the_replicas_and_says_why() {
    check(
        r##"kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: php-apache
spec:
  selector:
    matchLabels:
      run: php-apache
  template:
    metadata:
      labels:
        run: php-apache
    spec:
      containers:
      - name: php-apache
        image: registry.k8s.io/hpa-example
        ports:
        - containerPort: 80
        resources:
          limits:
            cpu: 500m
          requests:
            cpu: 200m
---
apiVersion: v1
kind: Service
metadata:
  name: php-apache
  labels:
    run: php-apache
spec:
  ports:
  - port: 80
  selector:
    run: php-apache
YAML
kubectl rollout status deployment/php-apache
kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10
kubectl get hpa
kubectl describe hpa php-apache
kubectl get hpa php-apache -o yaml
sleep 15
kubectl get hpa
sleep 30
kubectl describe hpa php-apache
kubectl get hpa php-apache -o jsonpath='{.status.currentMetrics}{"\n"}{.status.desiredReplicas}{"\n"}'
"##,
        r##"$ kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: php-apache
spec:
  selector:
    matchLabels:
      run: php-apache
  template:
    metadata:
      labels:
        run: php-apache
    spec:
      containers:
      - name: php-apache
        image: registry.k8s.io/hpa-example
        ports:
        - containerPort: 80
        resources:
          limits:
            cpu: 500m
          requests:
            cpu: 200m
---
apiVersion: v1
kind: Service
metadata:
  name: php-apache
  labels:
    run: php-apache
spec:
  ports:
  - port: 80
  selector:
    run: php-apache
YAML
deployment.apps/php-apache created
service/php-apache created
$ kubectl rollout status deployment/php-apache
Waiting for deployment "php-apache" rollout to finish: 0 of 1 updated replicas are available...
deployment "php-apache" successfully rolled out
$ kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10
horizontalpodautoscaler.autoscaling/php-apache autoscaled
$ kubectl get hpa
NAME         REFERENCE               TARGETS              MINPODS   MAXPODS   REPLICAS   AGE
php-apache   Deployment/php-apache   cpu: <unknown>/50%   1         10        0          0s
$ kubectl describe hpa php-apache
Name:                                                  php-apache
Namespace:                                             default
Labels:                                                <none>
Annotations:                                           <none>
CreationTimestamp:                                     Mon, 23 Nov 2026 00:00:03 +0000
Reference:                                             Deployment/php-apache
Metrics:                                               ( current / target )
  resource cpu on pods  (as a percentage of request):  <unknown> / 50%
Min replicas:                                          1
Max replicas:                                          10
Deployment pods:                                       0 current / 0 desired
Events:                                                <none>
$ kubectl get hpa php-apache -o yaml
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  creationTimestamp: "2026-11-23T00:00:03Z"
  generation: 1
  name: php-apache
  namespace: default
  resourceVersion: "69"
  uid: 56150a63-d800-4bd7-be33-2f7299f67a66
spec:
  maxReplicas: 10
  metrics:
  - resource:
      name: cpu
      target:
        averageUtilization: 50
        type: Utilization
    type: Resource
  minReplicas: 1
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: php-apache
status:
  currentMetrics: null
  desiredReplicas: 0
$ sleep 15
$ kubectl get hpa
NAME         REFERENCE               TARGETS              MINPODS   MAXPODS   REPLICAS   AGE
php-apache   Deployment/php-apache   cpu: <unknown>/50%   1         10        1          15s
$ sleep 30
$ kubectl describe hpa php-apache
Name:                                                  php-apache
Namespace:                                             default
Labels:                                                <none>
Annotations:                                           <none>
CreationTimestamp:                                     Mon, 23 Nov 2026 00:00:03 +0000
Reference:                                             Deployment/php-apache
Metrics:                                               ( current / target )
  resource cpu on pods  (as a percentage of request):  <unknown> / 50%
Min replicas:                                          1
Max replicas:                                          10
Deployment pods:                                       1 current / 0 desired
Conditions:
  Type           Status  Reason                   Message
  ----           ------  ------                   -------
  AbleToScale    True    SucceededGetScale        the HPA controller was able to get the target's current scale
  ScalingActive  False   FailedGetResourceMetric  the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)
Events:
  Type     Reason                        Age               From                       Message
  ----     ------                        ----              ----                       -------
  Warning  FailedGetResourceMetric       0s (x3 over 30s)  horizontal-pod-autoscaler  failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)
  Warning  FailedComputeMetricsReplicas  0s (x3 over 30s)  horizontal-pod-autoscaler  invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)
$ kubectl get hpa php-apache -o jsonpath='{.status.currentMetrics}{"\n"}{.status.desiredReplicas}{"\n"}'
[{"type":""}]
0
"##,
    );
}

/// The Deployment page's `kubectl autoscale deployment/nginx-deployment --min=10 --max=15`:
/// below min the HPA scales to 10 without reading metrics (SuccessfulRescale, the Deployment
/// controller's own ScalingReplicaSet event), above max back to 15, at zero replicas scaling
/// is disabled; a deleted HPA scales nothing any more.
#[test]
fn the_bounds_rescale_the_target_before_any_metric() {
    check(
        r##"kubectl create deployment nginx-deployment --image=nginx:1.14.2 --replicas=3
kubectl rollout status deployment/nginx-deployment
kubectl autoscale deployment/nginx-deployment --min=10 --max=15 --cpu-percent=80
sleep 15
kubectl get deploy,hpa
kubectl rollout status deployment/nginx-deployment
kubectl get events --field-selector involvedObject.kind=HorizontalPodAutoscaler
kubectl describe deployment nginx-deployment | tail -4
kubectl scale deployment nginx-deployment --replicas=30
sleep 15
kubectl get deploy nginx-deployment
kubectl describe hpa nginx-deployment | tail -9
kubectl scale deployment nginx-deployment --replicas=0
sleep 15
kubectl get deploy nginx-deployment
kubectl describe hpa nginx-deployment | grep -A4 Conditions
kubectl delete hpa nginx-deployment
kubectl scale deployment nginx-deployment --replicas=2
sleep 30
kubectl get deploy nginx-deployment
"##,
        r##"$ kubectl create deployment nginx-deployment --image=nginx:1.14.2 --replicas=3
deployment.apps/nginx-deployment created
$ kubectl rollout status deployment/nginx-deployment
Waiting for deployment "nginx-deployment" rollout to finish: 0 of 3 updated replicas are available...
deployment "nginx-deployment" successfully rolled out
$ kubectl autoscale deployment/nginx-deployment --min=10 --max=15 --cpu-percent=80
horizontalpodautoscaler.autoscaling/nginx-deployment autoscaled
$ sleep 15
$ kubectl get deploy,hpa
NAME                               READY   UP-TO-DATE   AVAILABLE   AGE
deployment.apps/nginx-deployment   3/10    10           3           19s

NAME                                                   REFERENCE                     TARGETS              MINPODS   MAXPODS   REPLICAS   AGE
horizontalpodautoscaler.autoscaling/nginx-deployment   Deployment/nginx-deployment   cpu: <unknown>/80%   10        15        3          15s
$ kubectl rollout status deployment/nginx-deployment
Waiting for deployment "nginx-deployment" rollout to finish: 3 of 10 updated replicas are available...
Waiting for deployment "nginx-deployment" rollout to finish: 6 of 10 updated replicas are available...
deployment "nginx-deployment" successfully rolled out
$ kubectl get events --field-selector involvedObject.kind=HorizontalPodAutoscaler
LAST SEEN   TYPE     REASON              OBJECT                                     MESSAGE
3s          Normal   SuccessfulRescale   horizontalpodautoscaler/nginx-deployment   New size: 10; reason: Current number of replicas below Spec.MinReplicas
$ kubectl describe deployment nginx-deployment | tail -4
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  22s   deployment-controller  Scaled up replica set nginx-deployment-86b56fb6f6 to 3
  Normal  ScalingReplicaSet  3s    deployment-controller  Scaled up replica set nginx-deployment-86b56fb6f6 to 10 from 3
$ kubectl scale deployment nginx-deployment --replicas=30
deployment.apps/nginx-deployment scaled
$ sleep 15
$ kubectl get deploy nginx-deployment
NAME               READY   UP-TO-DATE   AVAILABLE   AGE
nginx-deployment   15/15   15           15          37s
$ kubectl describe hpa nginx-deployment | tail -9
Conditions:
  Type         Status  Reason            Message
  ----         ------  ------            -------
  AbleToScale  True    SucceededRescale  the HPA controller was able to update the target scale to 15
Events:
  Type    Reason             Age   From                       Message
  ----    ------             ----  ----                       -------
  Normal  SuccessfulRescale  18s   horizontal-pod-autoscaler  New size: 10; reason: Current number of replicas below Spec.MinReplicas
  Normal  SuccessfulRescale  3s    horizontal-pod-autoscaler  New size: 15; reason: Current number of replicas above Spec.MaxReplicas
$ kubectl scale deployment nginx-deployment --replicas=0
deployment.apps/nginx-deployment scaled
$ sleep 15
$ kubectl get deploy nginx-deployment
NAME               READY   UP-TO-DATE   AVAILABLE   AGE
nginx-deployment   0/0     0            0           52s
$ kubectl describe hpa nginx-deployment | grep -A4 Conditions
Conditions:
  Type           Status  Reason             Message
  ----           ------  ------             -------
  AbleToScale    True    SucceededGetScale  the HPA controller was able to get the target's current scale
  ScalingActive  False   ScalingDisabled    scaling is disabled since the replica count of the target is zero
$ kubectl delete hpa nginx-deployment
horizontalpodautoscaler.autoscaling "nginx-deployment" deleted
$ kubectl scale deployment nginx-deployment --replicas=2
deployment.apps/nginx-deployment scaled
$ sleep 30
$ kubectl get deploy nginx-deployment
NAME               READY   UP-TO-DATE   AVAILABLE   AGE
nginx-deployment   2/2     2            2           82s
"##,
    );
}

/// `kubectl autoscale`'s client-side checks (Validate), the scale-subresource check, NotFound,
/// the apiserver's validation of a 0% target, both dry runs, AlreadyExists; the v1 object is
/// read back as autoscaling/v2 with the 80% default.
#[test]
fn autoscale_validates_and_creates_an_autoscaling_v1_object() {
    check(
        r##"kubectl create deployment web --image=nginx
kubectl expose deployment web --port=80
kubectl autoscale deployment web
kubectl autoscale deployment web --max=0
kubectl autoscale deployment web --max=2 --min=5
kubectl autoscale deployment web --max=abc
kubectl autoscale service web --max=3
kubectl autoscale deployment nope --max=3
kubectl autoscale deployment web --max=3 --cpu-percent=0
kubectl autoscale deployment web --max=3 --name=web-dry --dry-run=client -o yaml
kubectl autoscale deployment web --max=3 --name=web-server --dry-run=server
kubectl autoscale deployment web --max=3
kubectl autoscale deployment web --max=3
kubectl get hpa
kubectl get hpa web -o yaml
"##,
        r##"$ kubectl create deployment web --image=nginx
deployment.apps/web created
$ kubectl expose deployment web --port=80
service/web exposed
$ kubectl autoscale deployment web
error: required flag(s) "max" not set
$ kubectl autoscale deployment web --max=0
error: --max=MAXPODS is required and must be at least 1, max: 0
$ kubectl autoscale deployment web --max=2 --min=5
error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 2, min: 5
$ kubectl autoscale deployment web --max=abc
error: invalid argument "abc" for "--max" flag: strconv.ParseInt: parsing "abc": invalid syntax
See 'kubectl autoscale --help' for usage.
$ kubectl autoscale service web --max=3
error: cannot autoscale a Service: could not find scale subresource for /v1, Resource=services in discovery information
$ kubectl autoscale deployment nope --max=3
Error from server (NotFound): deployments.apps "nope" not found
$ kubectl autoscale deployment web --max=3 --cpu-percent=0
The HorizontalPodAutoscaler "web" is invalid: spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0
$ kubectl autoscale deployment web --max=3 --name=web-dry --dry-run=client -o yaml
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata:
  creationTimestamp: null
  name: web-dry
spec:
  maxReplicas: 3
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
status:
  currentReplicas: 0
  desiredReplicas: 0
$ kubectl autoscale deployment web --max=3 --name=web-server --dry-run=server
horizontalpodautoscaler.autoscaling/web-server autoscaled (server dry run)
$ kubectl autoscale deployment web --max=3
horizontalpodautoscaler.autoscaling/web autoscaled
$ kubectl autoscale deployment web --max=3
Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling "web" already exists
$ kubectl get hpa
NAME   REFERENCE        TARGETS              MINPODS   MAXPODS   REPLICAS   AGE
web    Deployment/web   cpu: <unknown>/80%   1         3         0          0s
$ kubectl get hpa web -o yaml
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  creationTimestamp: "2026-11-23T00:00:00Z"
  generation: 1
  name: web
  namespace: default
  resourceVersion: "60"
  uid: e995636b-366c-4c8d-8034-bb884ffcf80d
spec:
  maxReplicas: 3
  metrics:
  - resource:
      name: cpu
      target:
        averageUtilization: 80
        type: Utilization
    type: Resource
  minReplicas: 1
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
status:
  currentMetrics: null
  desiredReplicas: 0
"##,
    );
}

/// The corpus's autoscaling/v1 manifests with old or missing apiVersions (no matches for kind),
/// a missing Deployment, the validation of bounds, and a v2 object with three metrics (the
/// table's `+ 1 more...`) and a partial behavior filled with the defaults, described with
/// tabwriter's column blocks.
#[test]
fn targets_that_cannot_be_scaled_are_reported_each_sync() {
    check(
        r##"kubectl apply -f - <<'YAML'
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata:
  name: frontend-scaler
spec:
  scaleTargetRef:
    kind: ReplicaSet
    name: frontend
  minReplicas: 3
  maxReplicas: 10
  targetCPUUtilizationPercentage: 50
YAML
kubectl apply -f - <<'YAML'
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata:
  name: my-app-v1
spec:
  maxReplicas: 10
  minReplicas: 1
  scaleTargetRef:
    apiVersion: extensions/v1beta1
    kind: Deployment
    name: my-app-v1
  targetCPUUtilizationPercentage: 50
---
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata:
  name: my-app-v2
spec:
  maxReplicas: 10
  minReplicas: 1
  scaleTargetRef:
    apiVersion: extensions/v1beta1
    kind: Deployment
    name: my-app-v2
  targetCPUUtilizationPercentage: 50
YAML
kubectl apply -f - <<'YAML'
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: missing
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: missing
  minReplicas: 0
  maxReplicas: 0
YAML
kubectl apply -f - <<'YAML'
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: missing
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: missing
  maxReplicas: 4
  metrics:
  - type: Resource
    resource:
      name: memory
      target:
        type: AverageValue
        averageValue: 500Mi
  - type: Pods
    pods:
      metric:
        name: packets-per-second
      target:
        type: AverageValue
        averageValue: 1k
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 60
  behavior:
    scaleDown:
      stabilizationWindowSeconds: 60
YAML
sleep 16
kubectl get hpa
kubectl describe hpa frontend-scaler my-app-v1 missing
kubectl get hpa missing -o yaml
"##,
        r##"$ kubectl apply -f - <<'YAML'
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata:
  name: frontend-scaler
spec:
  scaleTargetRef:
    kind: ReplicaSet
    name: frontend
  minReplicas: 3
  maxReplicas: 10
  targetCPUUtilizationPercentage: 50
YAML
horizontalpodautoscaler.autoscaling/frontend-scaler created
$ kubectl apply -f - <<'YAML'
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata:
  name: my-app-v1
spec:
  maxReplicas: 10
  minReplicas: 1
  scaleTargetRef:
    apiVersion: extensions/v1beta1
    kind: Deployment
    name: my-app-v1
  targetCPUUtilizationPercentage: 50
---
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata:
  name: my-app-v2
spec:
  maxReplicas: 10
  minReplicas: 1
  scaleTargetRef:
    apiVersion: extensions/v1beta1
    kind: Deployment
    name: my-app-v2
  targetCPUUtilizationPercentage: 50
YAML
horizontalpodautoscaler.autoscaling/my-app-v1 created
horizontalpodautoscaler.autoscaling/my-app-v2 created
$ kubectl apply -f - <<'YAML'
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: missing
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: missing
  minReplicas: 0
  maxReplicas: 0
YAML
The HorizontalPodAutoscaler "missing" is invalid: [spec.minReplicas: Invalid value: 0: must be greater than or equal to 1, spec.maxReplicas: Invalid value: 0: must be greater than 0]
$ kubectl apply -f - <<'YAML'
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: missing
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: missing
  maxReplicas: 4
  metrics:
  - type: Resource
    resource:
      name: memory
      target:
        type: AverageValue
        averageValue: 500Mi
  - type: Pods
    pods:
      metric:
        name: packets-per-second
      target:
        type: AverageValue
        averageValue: 1k
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 60
  behavior:
    scaleDown:
      stabilizationWindowSeconds: 60
YAML
horizontalpodautoscaler.autoscaling/missing created
$ sleep 16
$ kubectl get hpa
NAME              REFERENCE              TARGETS                                             MINPODS   MAXPODS   REPLICAS   AGE
frontend-scaler   ReplicaSet/frontend    cpu: <unknown>/50%                                  3         10        0          16s
missing           Deployment/missing     memory: <unknown>/500Mi, <unknown>/1k + 1 more...   1         4         0          16s
my-app-v1         Deployment/my-app-v1   cpu: <unknown>/50%                                  1         10        0          16s
my-app-v2         Deployment/my-app-v2   cpu: <unknown>/50%                                  1         10        0          16s
$ kubectl describe hpa frontend-scaler my-app-v1 missing
Name:                                                  frontend-scaler
Namespace:                                             default
Labels:                                                <none>
Annotations:                                           <none>
CreationTimestamp:                                     Mon, 23 Nov 2026 00:00:00 +0000
Reference:                                             ReplicaSet/frontend
Metrics:                                               ( current / target )
  resource cpu on pods  (as a percentage of request):  <unknown> / 50%
Min replicas:                                          3
Max replicas:                                          10
ReplicaSet pods:                                       0 current / 0 desired
Conditions:
  Type         Status  Reason          Message
  ----         ------  ------          -------
  AbleToScale  False   FailedGetScale  the HPA controller was unable to get the target's current scale: no matches for kind "ReplicaSet" in group ""
Events:
  Type     Reason          Age   From                       Message
  ----     ------          ----  ----                       -------
  Warning  FailedGetScale  1s    horizontal-pod-autoscaler  no matches for kind "ReplicaSet" in group ""


Name:                                                  my-app-v1
Namespace:                                             default
Labels:                                                <none>
Annotations:                                           <none>
CreationTimestamp:                                     Mon, 23 Nov 2026 00:00:00 +0000
Reference:                                             Deployment/my-app-v1
Metrics:                                               ( current / target )
  resource cpu on pods  (as a percentage of request):  <unknown> / 50%
Min replicas:                                          1
Max replicas:                                          10
Deployment pods:                                       0 current / 0 desired
Conditions:
  Type         Status  Reason          Message
  ----         ------  ------          -------
  AbleToScale  False   FailedGetScale  the HPA controller was unable to get the target's current scale: no matches for kind "Deployment" in group "extensions"
Events:
  Type     Reason          Age   From                       Message
  ----     ------          ----  ----                       -------
  Warning  FailedGetScale  1s    horizontal-pod-autoscaler  no matches for kind "Deployment" in group "extensions"


Name:                                                  missing
Namespace:                                             default
Labels:                                                <none>
Annotations:                                           <none>
CreationTimestamp:                                     Mon, 23 Nov 2026 00:00:00 +0000
Reference:                                             Deployment/missing
Metrics:                                               ( current / target )
  resource memory on pods:                             <unknown> / 500Mi
  "packets-per-second" on pods:                        <unknown> / 1k
  resource cpu on pods  (as a percentage of request):  <unknown> / 60%
Min replicas:                                          1
Max replicas:                                          4
Behavior:
  Scale Up:
    Stabilization Window: 0 seconds
    Select Policy: Max
    Policies:
      - Type: Pods     Value: 4    Period: 15 seconds
      - Type: Percent  Value: 100  Period: 15 seconds
  Scale Down:
    Stabilization Window: 60 seconds
    Select Policy: Max
    Policies:
      - Type: Percent  Value: 100  Period: 15 seconds
Deployment pods:       0 current / 0 desired
Conditions:
  Type         Status  Reason          Message
  ----         ------  ------          -------
  AbleToScale  False   FailedGetScale  the HPA controller was unable to get the target's current scale: deployments.apps "missing" not found
Events:
  Type     Reason          Age   From                       Message
  ----     ------          ----  ----                       -------
  Warning  FailedGetScale  1s    horizontal-pod-autoscaler  deployments.apps "missing" not found
$ kubectl get hpa missing -o yaml
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"annotations":{},"name":"missing","namespace":"default"},"spec":{"behavior":{"scaleDown":{"stabilizationWindowSeconds":60}},"maxReplicas":4,"metrics":[{"resource":{"name":"memory","target":{"averageValue":"500Mi","type":"AverageValue"}},"type":"Resource"},{"pods":{"metric":{"name":"packets-per-second"},"target":{"averageValue":"1k","type":"AverageValue"}},"type":"Pods"},{"resource":{"name":"cpu","target":{"averageUtilization":60,"type":"Utilization"}},"type":"Resource"}],"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"missing"}}}
  creationTimestamp: "2026-11-23T00:00:00Z"
  generation: 1
  name: missing
  namespace: default
  resourceVersion: "58"
  uid: ce8169d6-d803-477f-829a-d278b0ff1659
spec:
  behavior:
    scaleDown:
      policies:
      - periodSeconds: 15
        type: Percent
        value: 100
      selectPolicy: Max
      stabilizationWindowSeconds: 60
    scaleUp:
      policies:
      - periodSeconds: 15
        type: Pods
        value: 4
      - periodSeconds: 15
        type: Percent
        value: 100
      selectPolicy: Max
      stabilizationWindowSeconds: 0
  maxReplicas: 4
  metrics:
  - resource:
      name: memory
      target:
        averageValue: 500Mi
        type: AverageValue
    type: Resource
  - pods:
      metric:
        name: packets-per-second
      target:
        averageValue: 1k
        type: AverageValue
    type: Pods
  - resource:
      name: cpu
      target:
        averageUtilization: 60
        type: Utilization
    type: Resource
  minReplicas: 1
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: missing
status:
  conditions:
  - lastTransitionTime: "2026-11-23T00:00:15Z"
    message: 'the HPA controller was unable to get the target''s current scale: deployments.apps
      "missing" not found'
    reason: FailedGetScale
    status: "False"
    type: AbleToScale
  currentMetrics: null
  desiredReplicas: 0
"##,
    );
}

/// `autoscale TYPE` covers every object of the type; `-f` names the target by its manifest;
/// HPAs go with their namespace and with `delete all`.
#[test]
fn autoscale_takes_a_type_a_file_and_namespaces() {
    check(
        r##"kubectl create namespace shop
kubectl create deployment a --image=nginx -n shop
kubectl create deployment b --image=nginx -n shop
kubectl autoscale deployment --max=3 -n shop
kubectl autoscale --max=3
kubectl get hpa -A
kubectl delete namespace shop
kubectl get hpa -A
kubectl create deployment c --image=nginx --dry-run=client -o yaml > c.yaml
kubectl apply -f c.yaml
kubectl autoscale -f c.yaml --max=4 --min=2
kubectl delete all --all
"##,
        r##"$ kubectl create namespace shop
namespace/shop created
$ kubectl create deployment a --image=nginx -n shop
deployment.apps/a created
$ kubectl create deployment b --image=nginx -n shop
deployment.apps/b created
$ kubectl autoscale deployment --max=3 -n shop
horizontalpodautoscaler.autoscaling/a autoscaled
horizontalpodautoscaler.autoscaling/b autoscaled
$ kubectl autoscale --max=3
error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'
$ kubectl get hpa -A
NAMESPACE   NAME   REFERENCE      TARGETS              MINPODS   MAXPODS   REPLICAS   AGE
shop        a      Deployment/a   cpu: <unknown>/80%   1         3         0          0s
shop        b      Deployment/b   cpu: <unknown>/80%   1         3         0          0s
$ kubectl delete namespace shop
namespace "shop" deleted
$ kubectl get hpa -A
No resources found
$ kubectl create deployment c --image=nginx --dry-run=client -o yaml > c.yaml
$ kubectl apply -f c.yaml
deployment.apps/c created
$ kubectl autoscale -f c.yaml --max=4 --min=2
horizontalpodautoscaler.autoscaling/c autoscaled
$ kubectl delete all --all
pod "c-68799478d9-6n9r8" deleted
service "kubernetes" deleted
deployment.apps "c" deleted
replicaset.apps "c-68799478d9" deleted
horizontalpodautoscaler.autoscaling "c" deleted
"##,
    );
}

/// The walkthrough's load generator (`while sleep 0.01; do wget -q -O- http://php-apache; done`)
/// gets php-apache's "OK!" answers, all on one line as index.php writes them, until the loop is
/// stopped; with no metrics-server the HPA still reads no CPU and keeps one replica.
#[test]
fn the_walkthroughs_load_generator_gets_ok_and_the_hpa_stays_without_metrics() {
    let script = r##"kubectl create deployment php-apache --image=registry.k8s.io/hpa-example --port=80
kubectl set resources deployment php-apache --limits=cpu=500m --requests=cpu=200m
kubectl expose deployment php-apache --port=80
kubectl rollout status deployment/php-apache
kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10
kubectl run -i --tty load-generator --rm --image=busybox:1.28 --restart=Never -- /bin/sh -c "while sleep 0.01; do wget -q -O- http://php-apache; done"
sleep 30
kubectl get hpa php-apache
"##;
    let transcript = crate::support::Sim::new(11, kubeplay::engine::timing::Timing::realistic()).script(script).text;
    assert!(transcript.contains(&format!("{}\nkubeplay: the loop was stopped after 1000 rounds", "OK!".repeat(1000))), "{transcript}");
    assert!(transcript.contains("pod \"load-generator\" deleted\n"), "{transcript}");
    assert!(transcript.contains("php-apache   Deployment/php-apache   cpu: <unknown>/50%   1         10        1          "), "{transcript}");
}
