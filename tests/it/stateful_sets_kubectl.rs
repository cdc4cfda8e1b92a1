//! StatefulSets through kubectl: scale (the scale subresource), set image and env
//! (updatePodSpecForObject), describe (StatefulSetDescriber), rollout status
//! (StatefulSetStatusViewer), history (StatefulSetHistoryViewer), undo (StatefulSetRollbacker),
//! restart, pause and resume (not supported), get all and explain, as kubectl 1.32 prints them,
//! over the controller's ordered pods, claims and revisions.

use kubeplay::engine::timing::Timing;

use crate::support::{check, Sim};

/// The `web` StatefulSet of the Kubernetes docs (a headless Service `nginx`, three replicas of
/// nginx-slim with a `www` claim each; no storage class, so the default `standard` one binds the
/// claims): pods and claims made in order, each after its predecessor is available (rollout
/// status counts the pods not yet ready); a scale up and down through the scale subresource
/// (the claims of removed pods stay); set image replaces the pods from the highest ordinal down,
/// one at a time; history lists the controller's revisions with no change-cause, one revision's
/// template, undo to the previous one (which becomes the newest revision), an unknown revision;
/// describe with the claim template and the controller's events.
#[test]
fn the_web_stateful_set_of_the_docs() {
    check(
        r#"kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: nginx
  serviceName: "nginx"
  replicas: 3
  minReadySeconds: 10
  template:
    metadata:
      labels:
        app: nginx
    spec:
      terminationGracePeriodSeconds: 10
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
YAML
kubectl rollout status sts/web
kubectl get pods,pvc
kubectl get sts -o wide
kubectl scale sts web --replicas=5
kubectl rollout status statefulset/web
kubectl scale statefulset web --replicas=3 --current-replicas=4
kubectl scale statefulset web --replicas=3 --current-replicas=5
sleep 30
kubectl get pods,pvc
kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.27
kubectl rollout status sts/web
kubectl get pods -L controller-revision-hash
kubectl rollout history sts/web
kubectl rollout history sts/web --revision=1
kubectl rollout undo sts/web
kubectl rollout status sts/web
kubectl rollout history statefulset web
kubectl rollout undo sts/web --to-revision=9
kubectl describe sts web
"#,
        r#"$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: nginx
  serviceName: "nginx"
  replicas: 3
  minReadySeconds: 10
  template:
    metadata:
      labels:
        app: nginx
    spec:
      terminationGracePeriodSeconds: 10
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
YAML
service/nginx created
statefulset.apps/web created
$ kubectl rollout status sts/web
Waiting for 3 pods to be ready...
Waiting for 2 pods to be ready...
Waiting for 2 pods to be ready...
Waiting for 2 pods to be ready...
Waiting for 1 pods to be ready...
Waiting for 1 pods to be ready...
Waiting for 1 pods to be ready...
partitioned roll out complete: 3 new pods have been updated...
$ kubectl get pods,pvc
NAME        READY   STATUS    RESTARTS   AGE
pod/web-0   1/1     Running   0          31s
pod/web-1   1/1     Running   0          17s
pod/web-2   1/1     Running   0          3s

NAME                              STATUS   VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE
persistentvolumeclaim/www-web-0   Bound    pvc-ce8169d6-d803-477f-829a-d278b0ff1659   1Gi        RWO            standard       <unset>                 31s
persistentvolumeclaim/www-web-1   Bound    pvc-2f79acd4-433e-4809-87c4-16cc31b10948   1Gi        RWO            standard       <unset>                 17s
persistentvolumeclaim/www-web-2   Bound    pvc-f13a2b37-0b82-4b9d-9091-fb316a2f8987   1Gi        RWO            standard       <unset>                 3s
$ kubectl get sts -o wide
NAME   READY   AGE   CONTAINERS   IMAGES
web    3/3     31s   nginx        registry.k8s.io/nginx-slim:0.24
$ kubectl scale sts web --replicas=5
statefulset.apps/web scaled
$ kubectl rollout status statefulset/web
Waiting for 2 pods to be ready...
Waiting for 2 pods to be ready...
Waiting for 2 pods to be ready...
Waiting for 1 pods to be ready...
Waiting for 1 pods to be ready...
Waiting for 1 pods to be ready...
partitioned roll out complete: 5 new pods have been updated...
$ kubectl scale statefulset web --replicas=3 --current-replicas=4
error: Expected replicas to be 4, was 5
$ kubectl scale statefulset web --replicas=3 --current-replicas=5
statefulset.apps/web scaled
$ sleep 30
$ kubectl get pods,pvc
NAME        READY   STATUS    RESTARTS   AGE
pod/web-0   1/1     Running   0          88s
pod/web-1   1/1     Running   0          74s
pod/web-2   1/1     Running   0          60s

NAME                              STATUS   VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE
persistentvolumeclaim/www-web-0   Bound    pvc-ce8169d6-d803-477f-829a-d278b0ff1659   1Gi        RWO            standard       <unset>                 88s
persistentvolumeclaim/www-web-1   Bound    pvc-2f79acd4-433e-4809-87c4-16cc31b10948   1Gi        RWO            standard       <unset>                 74s
persistentvolumeclaim/www-web-2   Bound    pvc-f13a2b37-0b82-4b9d-9091-fb316a2f8987   1Gi        RWO            standard       <unset>                 60s
persistentvolumeclaim/www-web-3   Bound    pvc-a029ede4-4e73-4267-a0fc-7b79178d3ce2   1Gi        RWO            standard       <unset>                 46s
persistentvolumeclaim/www-web-4   Bound    pvc-c7ed93d0-97b2-4bce-bde0-2a34b32a1d90   1Gi        RWO            standard       <unset>                 32s
$ kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.27
statefulset.apps/web image updated
$ kubectl rollout status sts/web
Waiting for partitioned roll out to finish: 0 out of 3 new pods have been updated...
Waiting for 1 pods to be ready...
Waiting for 1 pods to be ready...
Waiting for partitioned roll out to finish: 1 out of 3 new pods have been updated...
Waiting for partitioned roll out to finish: 1 out of 3 new pods have been updated...
Waiting for 1 pods to be ready...
Waiting for 1 pods to be ready...
Waiting for partitioned roll out to finish: 2 out of 3 new pods have been updated...
Waiting for partitioned roll out to finish: 2 out of 3 new pods have been updated...
Waiting for 1 pods to be ready...
Waiting for 1 pods to be ready...
partitioned roll out complete: 3 new pods have been updated...
$ kubectl get pods -L controller-revision-hash
NAME    READY   STATUS    RESTARTS   AGE   CONTROLLER-REVISION-HASH
web-0   1/1     Running   0          2s    web-6d5456859
web-1   1/1     Running   0          18s   web-6d5456859
web-2   1/1     Running   0          34s   web-6d5456859
$ kubectl rollout history sts/web
statefulset.apps/web 
REVISION  CHANGE-CAUSE
1         <none>
2         <none>

$ kubectl rollout history sts/web --revision=1
statefulset.apps/web with revision #1
Pod Template:
  Labels:	app=nginx
  Containers:
   nginx:
    Image:	registry.k8s.io/nginx-slim:0.24
    Port:	80/TCP
    Host Port:	0/TCP
    Environment:	<none>
    Mounts:
      /usr/share/nginx/html from www (rw)
  Volumes:	<none>
  Node-Selectors:	<none>
  Tolerations:	<none>

$ kubectl rollout undo sts/web
statefulset.apps/web rolled back
$ kubectl rollout status sts/web
Waiting for partitioned roll out to finish: 0 out of 3 new pods have been updated...
Waiting for partitioned roll out to finish: 0 out of 3 new pods have been updated...
Waiting for 1 pods to be ready...
Waiting for 1 pods to be ready...
Waiting for partitioned roll out to finish: 1 out of 3 new pods have been updated...
Waiting for partitioned roll out to finish: 1 out of 3 new pods have been updated...
Waiting for 1 pods to be ready...
Waiting for 1 pods to be ready...
Waiting for partitioned roll out to finish: 2 out of 3 new pods have been updated...
Waiting for partitioned roll out to finish: 2 out of 3 new pods have been updated...
Waiting for 1 pods to be ready...
Waiting for 1 pods to be ready...
partitioned roll out complete: 3 new pods have been updated...
$ kubectl rollout history statefulset web
statefulset.apps/web 
REVISION  CHANGE-CAUSE
2         <none>
3         <none>

$ kubectl rollout undo sts/web --to-revision=9
error: unable to find specified revision 9 in history
$ kubectl describe sts web
Name:               web
Namespace:          default
CreationTimestamp:  Mon, 23 Nov 2026 00:00:00 +0000
Selector:           app=nginx
Labels:             <none>
Annotations:        <none>
Replicas:           3 desired | 3 total
Update Strategy:    RollingUpdate
  Partition:        0
Pods Status:        3 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=nginx
  Containers:
   nginx:
    Image:        registry.k8s.io/nginx-slim:0.24
    Port:         80/TCP
    Host Port:    0/TCP
    Environment:  <none>
    Mounts:
      /usr/share/nginx/html from www (rw)
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Volume Claims:
  Name:          www
  StorageClass:  
  Labels:        <none>
  Annotations:   <none>
  Capacity:      1Gi
  Access Modes:  [ReadWriteOnce]
Events:
  Type    Reason            Age                  From                    Message
  ----    ------            ----                 ----                    -------
  Normal  SuccessfulCreate  2m51s                statefulset-controller  create Claim www-web-0 Pod web-0 in StatefulSet web success
  Normal  SuccessfulCreate  2m37s                statefulset-controller  create Claim www-web-1 Pod web-1 in StatefulSet web success
  Normal  SuccessfulCreate  2m23s                statefulset-controller  create Claim www-web-2 Pod web-2 in StatefulSet web success
  Normal  SuccessfulCreate  2m9s                 statefulset-controller  create Claim www-web-3 Pod web-3 in StatefulSet web success
  Normal  SuccessfulCreate  2m9s                 statefulset-controller  create Pod web-3 in StatefulSet web successful
  Normal  SuccessfulCreate  115s                 statefulset-controller  (combined from similar events): create Pod web-4 in StatefulSet web successful
  Normal  SuccessfulCreate  115s                 statefulset-controller  create Claim www-web-4 Pod web-4 in StatefulSet web success
  Normal  SuccessfulDelete  113s                 statefulset-controller  delete Pod web-4 in StatefulSet web successful
  Normal  SuccessfulDelete  111s                 statefulset-controller  delete Pod web-3 in StatefulSet web successful
  Normal  SuccessfulDelete  36s (x2 over 83s)    statefulset-controller  delete Pod web-2 in StatefulSet web successful
  Normal  SuccessfulCreate  34s (x3 over 2m23s)  statefulset-controller  create Pod web-2 in StatefulSet web successful
  Normal  SuccessfulDelete  21s (x2 over 67s)    statefulset-controller  delete Pod web-1 in StatefulSet web successful
  Normal  SuccessfulCreate  19s (x3 over 2m37s)  statefulset-controller  create Pod web-1 in StatefulSet web successful
  Normal  SuccessfulDelete  5s (x2 over 51s)     statefulset-controller  delete Pod web-0 in StatefulSet web successful
  Normal  SuccessfulCreate  3s (x3 over 2m51s)   statefulset-controller  create Pod web-0 in StatefulSet web successful
"#,
    );
}

/// A partitioned rolling update (the docs' "Staging an update"): with partition 2 only `web-2`
/// moves to the new revision, rollout status says the partitioned roll out is complete after one
/// pod, the set keeps its current revision for the others and describe shows the partition;
/// lowering the partition to 0 rolls the rest, from `web-1` down to `web-0`.
#[test]
fn a_partition_stages_the_update() {
    check(
        r#"kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: nginx
  serviceName: "nginx"
  replicas: 3
  minReadySeconds: 10
  template:
    metadata:
      labels:
        app: nginx
    spec:
      terminationGracePeriodSeconds: 10
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
YAML
kubectl rollout status sts/web
kubectl patch sts web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}}}}'
kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.27
kubectl rollout status sts/web
kubectl get pods -L controller-revision-hash
kubectl get sts web -o jsonpath='{.status.currentRevision} {.status.updateRevision} {.status.currentReplicas} {.status.updatedReplicas}{"\n"}'
kubectl describe sts web
kubectl patch sts web -p '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}'
kubectl rollout status sts/web
kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image,REVISION:.metadata.labels.controller-revision-hash
"#,
        r#"$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: nginx
  serviceName: "nginx"
  replicas: 3
  minReadySeconds: 10
  template:
    metadata:
      labels:
        app: nginx
    spec:
      terminationGracePeriodSeconds: 10
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
YAML
service/nginx created
statefulset.apps/web created
$ kubectl rollout status sts/web
Waiting for 3 pods to be ready...
Waiting for 2 pods to be ready...
Waiting for 2 pods to be ready...
Waiting for 2 pods to be ready...
Waiting for 1 pods to be ready...
Waiting for 1 pods to be ready...
Waiting for 1 pods to be ready...
partitioned roll out complete: 3 new pods have been updated...
$ kubectl patch sts web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}}}}'
statefulset.apps/web patched
$ kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.27
statefulset.apps/web image updated
$ kubectl rollout status sts/web
Waiting for partitioned roll out to finish: 0 out of 1 new pods have been updated...
Waiting for partitioned roll out to finish: 0 out of 1 new pods have been updated...
Waiting for 1 pods to be ready...
Waiting for 1 pods to be ready...
partitioned roll out complete: 1 new pods have been updated...
$ kubectl get pods -L controller-revision-hash
NAME    READY   STATUS    RESTARTS   AGE   CONTROLLER-REVISION-HASH
web-0   1/1     Running   0          47s   web-7545fd6cf8
web-1   1/1     Running   0          33s   web-7545fd6cf8
web-2   1/1     Running   0          3s    web-6d5456859
$ kubectl get sts web -o jsonpath='{.status.currentRevision} {.status.updateRevision} {.status.currentReplicas} {.status.updatedReplicas}{"\n"}'
web-7545fd6cf8 web-6d5456859 2 1
$ kubectl describe sts web
Name:               web
Namespace:          default
CreationTimestamp:  Mon, 23 Nov 2026 00:00:00 +0000
Selector:           app=nginx
Labels:             <none>
Annotations:        <none>
Replicas:           3 desired | 3 total
Update Strategy:    RollingUpdate
  Partition:        2
Pods Status:        3 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=nginx
  Containers:
   nginx:
    Image:        registry.k8s.io/nginx-slim:0.27
    Port:         80/TCP
    Host Port:    0/TCP
    Environment:  <none>
    Mounts:
      /usr/share/nginx/html from www (rw)
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Volume Claims:
  Name:          www
  StorageClass:  
  Labels:        <none>
  Annotations:   <none>
  Capacity:      1Gi
  Access Modes:  [ReadWriteOnce]
Events:
  Type    Reason            Age               From                    Message
  ----    ------            ----              ----                    -------
  Normal  SuccessfulCreate  47s               statefulset-controller  create Claim www-web-0 Pod web-0 in StatefulSet web success
  Normal  SuccessfulCreate  47s               statefulset-controller  create Pod web-0 in StatefulSet web successful
  Normal  SuccessfulCreate  33s               statefulset-controller  create Claim www-web-1 Pod web-1 in StatefulSet web success
  Normal  SuccessfulCreate  33s               statefulset-controller  create Pod web-1 in StatefulSet web successful
  Normal  SuccessfulCreate  19s               statefulset-controller  create Claim www-web-2 Pod web-2 in StatefulSet web success
  Normal  SuccessfulDelete  5s                statefulset-controller  delete Pod web-2 in StatefulSet web successful
  Normal  SuccessfulCreate  3s (x2 over 19s)  statefulset-controller  create Pod web-2 in StatefulSet web successful
$ kubectl patch sts web -p '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}'
statefulset.apps/web patched
$ kubectl rollout status sts/web
Waiting for partitioned roll out to finish: 1 out of 3 new pods have been updated...
Waiting for partitioned roll out to finish: 1 out of 3 new pods have been updated...
Waiting for 1 pods to be ready...
Waiting for 1 pods to be ready...
Waiting for partitioned roll out to finish: 2 out of 3 new pods have been updated...
Waiting for partitioned roll out to finish: 2 out of 3 new pods have been updated...
Waiting for 1 pods to be ready...
Waiting for 1 pods to be ready...
partitioned roll out complete: 3 new pods have been updated...
$ kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image,REVISION:.metadata.labels.controller-revision-hash
NAME    IMAGE                             REVISION
web-0   registry.k8s.io/nginx-slim:0.27   web-6d5456859
web-1   registry.k8s.io/nginx-slim:0.27   web-6d5456859
web-2   registry.k8s.io/nginx-slim:0.27   web-6d5456859
"#,
    );
}

/// Commands on a set without pods: describe's layout (labels, annotations, OnDelete without a
/// partition, no claim templates), OnDelete's status error, pause and resume (not supported),
/// undo with one revision, set image with --record and set env (each a new revision), undo's
/// client dry run (the previous revision's template), undo to a revision, the unknown-revision
/// errors, scale's dry run and --current-replicas, restart (refused within the same second),
/// NotFound, `get all` and explain.
#[test]
fn rollout_and_set_commands_on_a_set_without_pods() {
    check(
        r#"kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  labels:
    tier: data
  annotations:
    team: storage
spec:
  selector:
    matchLabels:
      app: db
  serviceName: db
  replicas: 0
  updateStrategy:
    type: OnDelete
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: db
        image: nginx:1.25
        env:
        - name: MODE
          value: slow
YAML
kubectl describe statefulset db
kubectl rollout status sts/db
kubectl rollout pause sts/db
kubectl rollout resume sts db
kubectl rollout history sts/db
kubectl rollout undo sts/db
kubectl set image sts/db db=nginx:1.26 --record
kubectl set env statefulset/db MODE=fast EXTRA=1
kubectl get sts db -o jsonpath='{.metadata.generation} {.metadata.annotations.kubernetes\.io/change-cause} {.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].env}{"\n"}'
kubectl rollout history sts/db
kubectl rollout undo sts/db --dry-run=client
kubectl rollout undo sts/db --to-revision=2
kubectl rollout undo sts/db --to-revision=-1
kubectl rollout history sts/db --revision=5
kubectl scale sts db --replicas=2 --dry-run=client
kubectl scale sts/db --replicas=2 --current-replicas=1
kubectl rollout restart sts/db
kubectl rollout restart sts/db
kubectl get sts db -o jsonpath='{.spec.replicas} {.spec.template.metadata.annotations}{"\n"}'
kubectl rollout status sts/ghost
kubectl get all -o name
kubectl explain sts.spec.podManagementPolicy
"#,
        r#"$ kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  labels:
    tier: data
  annotations:
    team: storage
spec:
  selector:
    matchLabels:
      app: db
  serviceName: db
  replicas: 0
  updateStrategy:
    type: OnDelete
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: db
        image: nginx:1.25
        env:
        - name: MODE
          value: slow
YAML
statefulset.apps/db created
$ kubectl describe statefulset db
Name:               db
Namespace:          default
CreationTimestamp:  Mon, 23 Nov 2026 00:00:00 +0000
Selector:           app=db
Labels:             tier=data
Annotations:        team: storage
Replicas:           0 desired | 0 total
Update Strategy:    OnDelete
Pods Status:        0 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=db
  Containers:
   db:
    Image:      nginx:1.25
    Port:       <none>
    Host Port:  <none>
    Environment:
      MODE:        slow
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Volume Claims:     <none>
Events:            <none>
$ kubectl rollout status sts/db
error: rollout status is only available for RollingUpdate strategy type
$ kubectl rollout pause sts/db
error: statefulsets.apps "db" pausing is not supported
$ kubectl rollout resume sts db
error: statefulsets.apps "db" resuming is not supported
$ kubectl rollout history sts/db
statefulset.apps/db 
REVISION  CHANGE-CAUSE
1         <none>

$ kubectl rollout undo sts/db
error: no last revision to roll back to
$ kubectl set image sts/db db=nginx:1.26 --record
Flag --record has been deprecated, --record will be removed in the future
statefulset.apps/db image updated
$ kubectl set env statefulset/db MODE=fast EXTRA=1
statefulset.apps/db env updated
$ kubectl get sts db -o jsonpath='{.metadata.generation} {.metadata.annotations.kubernetes\.io/change-cause} {.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].env}{"\n"}'
3 kubectl set image sts/db db=nginx:1.26 --record=true nginx:1.26 [{"name":"MODE","value":"fast"},{"name":"EXTRA","value":"1"}]
$ kubectl rollout history sts/db
statefulset.apps/db 
REVISION  CHANGE-CAUSE
1         <none>
2         kubectl set image sts/db db=nginx:1.26 --record=true
3         kubectl set image sts/db db=nginx:1.26 --record=true

$ kubectl rollout undo sts/db --dry-run=client
statefulset.apps/db will roll back to Pod Template:
  Labels:	app=db
  Containers:
   db:
    Image:	nginx:1.26
    Port:	<none>
    Host Port:	<none>
    Environment:
      MODE:	slow
    Mounts:	<none>
  Volumes:	<none>
  Node-Selectors:	<none>
  Tolerations:	<none>
 (dry run)
$ kubectl rollout undo sts/db --to-revision=2
statefulset.apps/db rolled back
$ kubectl rollout undo sts/db --to-revision=-1
error: unable to find specified revision -1 in history
$ kubectl rollout history sts/db --revision=5
error: unable to find the specified revision
$ kubectl scale sts db --replicas=2 --dry-run=client
statefulset.apps/db scaled (dry run)
$ kubectl scale sts/db --replicas=2 --current-replicas=1
error: Expected replicas to be 1, was 0
$ kubectl rollout restart sts/db
statefulset.apps/db restarted
$ kubectl rollout restart sts/db
error: failed to create patch for db: if restart has already been triggered within the past second, please wait before attempting to trigger another
$ kubectl get sts db -o jsonpath='{.spec.replicas} {.spec.template.metadata.annotations}{"\n"}'
0 {"kubectl.kubernetes.io/restartedAt":"2026-11-23T00:00:00Z"}
$ kubectl rollout status sts/ghost
Error from server (NotFound): statefulsets.apps "ghost" not found
$ kubectl get all -o name
service/kubernetes
statefulset.apps/db
$ kubectl explain sts.spec.podManagementPolicy
GROUP:      apps
KIND:       StatefulSet
VERSION:    v1

FIELD: podManagementPolicy <string>
ENUM:
    OrderedReady
    Parallel

DESCRIPTION:
    podManagementPolicy controls how pods are created during initial scale up,
    when replacing pods on nodes, or when scaling down. The default policy is
    `OrderedReady`, where pods are created in increasing order (pod-0, then
    pod-1, etc) and the controller will wait until each pod is ready before
    continuing. When scaling down, the pods are removed in the opposite order.
    The alternative policy is `Parallel` which will create pods in parallel to
    match the desired scale without waiting, and on scale down will delete all
    pods at once.
    
    Possible enum values:
     - `"OrderedReady"` will create pods in strictly increasing order on scale
    up and strictly decreasing order on scale down, progressing only when the
    previous pod is ready or terminated. At most one pod will be changed at any
    time.
     - `"Parallel"` will create and delete pods as soon as the stateful set
    replica count is changed, and will not wait for pods to be ready or complete
    termination.
    

"#,
    );
}

/// The requests `-v=6`/`-v=7` log: describe reads the set, its pods by selector
/// (getPodStatusForController) and its events; scale PATCHes the scale subresource; history and
/// undo read the set again and its ControllerRevisions by selector (statefulSetHistory); undo
/// PATCHes without a field manager; restart with kubectl-rollout's.
#[test]
fn verbose_requests_of_describe_scale_history_and_undo() {
    let mut sim = Sim::new(11, Timing::realistic());
    sim.kubectl_stdin(
        "kubectl apply -f -",
        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  selector:\n    matchLabels:\n      app: db\n  serviceName: db\n  replicas: 0\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n      - name: db\n        image: nginx\n",
    );
    sim.kubectl("kubectl set image sts/db db=nginx:1.26");
    let requests = |text: &str| -> Vec<String> { text.lines().filter_map(|l| l.split_once("round_trippers.go:560] ").map(|(_, r)| r.replace(" in 0 milliseconds", ""))).collect() };
    let uid = sim.kubectl("kubectl get sts db -o jsonpath={.metadata.uid}").stdout;
    let base = "https://127.0.0.1:6443/apis/apps/v1/namespaces/default";
    assert_eq!(requests(&sim.kubectl("kubectl describe sts db -v=6").stderr), vec![
        format!("GET {base}/statefulsets/db 200 OK"),
        format!("GET {base}/statefulsets/db 200 OK"),
        "GET https://127.0.0.1:6443/api/v1/namespaces/default/pods?labelSelector=app%3Ddb&limit=500 200 OK".to_string(),
        format!("GET https://127.0.0.1:6443/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Ddb%2CinvolvedObject.namespace%3Ddefault%2CinvolvedObject.kind%3DStatefulSet%2CinvolvedObject.uid%3D{uid}&limit=500 200 OK"),
    ]);
    assert_eq!(requests(&sim.kubectl("kubectl scale sts db --replicas=0 -v=6").stderr), vec![
        format!("GET {base}/statefulsets/db 200 OK"),
        format!("PATCH {base}/statefulsets/db/scale 200 OK"),
    ]);
    let history = vec![
        format!("GET {base}/statefulsets/db 200 OK"),
        format!("GET {base}/statefulsets/db 200 OK"),
        format!("GET {base}/controllerrevisions?labelSelector=app%3Ddb 200 OK"),
    ];
    assert_eq!(requests(&sim.kubectl("kubectl rollout history sts/db -v=6").stderr), history);
    let mut undo = history.clone();
    undo.push(format!("PATCH {base}/statefulsets/db 200 OK"));
    assert_eq!(requests(&sim.kubectl("kubectl rollout undo sts/db -v=6").stderr), undo);
    assert_eq!(requests(&sim.kubectl("kubectl rollout restart sts/db -v=7").stderr), vec![
        format!("GET {base}/statefulsets/db 200 OK"),
        format!("PATCH {base}/statefulsets/db?fieldManager=kubectl-rollout 200 OK"),
    ]);
}
