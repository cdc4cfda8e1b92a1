//! ReplicationControllers through kubectl: describe (ReplicationControllerDescriber), scale (the
//! scale subresource), set image and env (updatePodSpecForObject), the rollout subcommands' errors
//! for a kind without a status viewer, history viewer, rollbacker, pauser or restarter, get all,
//! delete all and explain, as kubectl 1.32 prints them, over the ReplicationManager's pods.

use crate::support::check;

/// Kubernetes in Action, chapter 4: the `kubia` RC (three replicas of luksa/kubia selected by
/// `app=kubia`). A deleted pod is replaced at once (the replacement starts while the old one
/// terminates); a pod labelled out of the selector is released (no owner reference left) and
/// replaced; describe shows the selector map, `N current / M desired`, the pods' phases (the
/// released pod not counted), the template and the controller's events; a scale to 10 and back
/// to 3 through the scale subresource; set image changes only the template (pods made from then
/// on get the new image); get all lists the RC right after the pods; delete with
/// `--cascade=orphan` leaves the pods running without an owner.
#[test]
fn kubia_of_kubernetes_in_action_chapter_4() {
    check(
        r##"cat > kubia-rc.yaml <<'YAML'
apiVersion: v1
kind: ReplicationController
metadata:
  name: kubia
spec:
  replicas: 3
  selector:
    app: kubia
  template:
    metadata:
      labels:
        app: kubia
    spec:
      containers:
      - name: kubia
        image: luksa/kubia
        ports:
        - containerPort: 8080
YAML
kubectl create -f kubia-rc.yaml
kubectl get rc
kubectl get pods --show-labels
sleep 20
kubectl get pods
kubectl delete pod kubia-cgcsc
kubectl get pods
kubectl label pod kubia-jf462 type=special
kubectl label pod kubia-jf462 app=foo --overwrite
kubectl get pods -L app
kubectl get pod kubia-jf462 -o jsonpath='{.metadata.ownerReferences}'
sleep 20
kubectl describe rc kubia
kubectl scale rc kubia --replicas=10
kubectl get rc
sleep 20
kubectl get rc
kubectl scale rc kubia --replicas=3
sleep 40
kubectl get pods --show-labels
kubectl set image rc/kubia kubia=luksa/kubia:v2
kubectl get rc -o wide
kubectl delete pod kubia-t9qt2
kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image
kubectl get all
kubectl delete rc kubia --cascade=orphan
sleep 5
kubectl get rc
kubectl get pods -l app=kubia
kubectl get pod kubia-fvw6n -o jsonpath='{.metadata.ownerReferences}'
"##,
        r##"$ cat > kubia-rc.yaml <<'YAML'
apiVersion: v1
kind: ReplicationController
metadata:
  name: kubia
spec:
  replicas: 3
  selector:
    app: kubia
  template:
    metadata:
      labels:
        app: kubia
    spec:
      containers:
      - name: kubia
        image: luksa/kubia
        ports:
        - containerPort: 8080
YAML
$ kubectl create -f kubia-rc.yaml
replicationcontroller/kubia created
$ kubectl get rc
NAME    DESIRED   CURRENT   READY   AGE
kubia   3         3         0       0s
$ kubectl get pods --show-labels
NAME          READY   STATUS    RESTARTS   AGE   LABELS
kubia-cgcsc   0/1     Pending   0          0s    app=kubia
kubia-jf462   0/1     Pending   0          0s    app=kubia
kubia-t9qt2   0/1     Pending   0          0s    app=kubia
$ sleep 20
$ kubectl get pods
NAME          READY   STATUS    RESTARTS   AGE
kubia-cgcsc   1/1     Running   0          20s
kubia-jf462   1/1     Running   0          20s
kubia-t9qt2   1/1     Running   0          20s
$ kubectl delete pod kubia-cgcsc
pod "kubia-cgcsc" deleted
$ kubectl get pods
NAME          READY   STATUS    RESTARTS   AGE
kubia-fvw6n   1/1     Running   0          31s
kubia-jf462   1/1     Running   0          51s
kubia-t9qt2   1/1     Running   0          51s
$ kubectl label pod kubia-jf462 type=special
pod/kubia-jf462 labeled
$ kubectl label pod kubia-jf462 app=foo --overwrite
pod/kubia-jf462 labeled
$ kubectl get pods -L app
NAME          READY   STATUS    RESTARTS   AGE   APP
kubia-fvw6n   1/1     Running   0          31s   kubia
kubia-hbkrz   0/1     Pending   0          0s    kubia
kubia-jf462   1/1     Running   0          51s   foo
kubia-t9qt2   1/1     Running   0          51s   kubia
$ kubectl get pod kubia-jf462 -o jsonpath='{.metadata.ownerReferences}'
$ sleep 20
$ kubectl describe rc kubia
Name:         kubia
Namespace:    default
Selector:     app=kubia
Labels:       app=kubia
Annotations:  <none>
Replicas:     3 current / 3 desired
Pods Status:  3 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=kubia
  Containers:
   kubia:
    Image:         luksa/kubia
    Port:          8080/TCP
    Host Port:     0/TCP
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:
  Type    Reason            Age   From                    Message
  ----    ------            ----  ----                    -------
  Normal  SuccessfulCreate  71s   replication-controller  Created pod: kubia-t9qt2
  Normal  SuccessfulCreate  71s   replication-controller  Created pod: kubia-cgcsc
  Normal  SuccessfulCreate  71s   replication-controller  Created pod: kubia-jf462
  Normal  SuccessfulCreate  51s   replication-controller  Created pod: kubia-fvw6n
  Normal  SuccessfulCreate  20s   replication-controller  Created pod: kubia-hbkrz
$ kubectl scale rc kubia --replicas=10
replicationcontroller/kubia scaled
$ kubectl get rc
NAME    DESIRED   CURRENT   READY   AGE
kubia   10        10        3       71s
$ sleep 20
$ kubectl get rc
NAME    DESIRED   CURRENT   READY   AGE
kubia   10        10        10      91s
$ kubectl scale rc kubia --replicas=3
replicationcontroller/kubia scaled
$ sleep 40
$ kubectl get pods --show-labels
NAME          READY   STATUS    RESTARTS   AGE     LABELS
kubia-fvw6n   1/1     Running   0          111s    app=kubia
kubia-hbkrz   1/1     Running   0          80s     app=kubia
kubia-jf462   1/1     Running   0          2m11s   app=foo,type=special
kubia-t9qt2   1/1     Running   0          2m11s   app=kubia
$ kubectl set image rc/kubia kubia=luksa/kubia:v2
replicationcontroller/kubia image updated
$ kubectl get rc -o wide
NAME    DESIRED   CURRENT   READY   AGE     CONTAINERS   IMAGES           SELECTOR
kubia   3         3         3       2m11s   kubia        luksa/kubia:v2   app=kubia
$ kubectl delete pod kubia-t9qt2
pod "kubia-t9qt2" deleted
$ kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image
NAME          IMAGE
kubia-ddlq7   luksa/kubia:v2
kubia-fvw6n   luksa/kubia
kubia-hbkrz   luksa/kubia
kubia-jf462   luksa/kubia
$ kubectl get all
NAME              READY   STATUS    RESTARTS   AGE
pod/kubia-ddlq7   1/1     Running   0          31s
pod/kubia-fvw6n   1/1     Running   0          2m22s
pod/kubia-hbkrz   1/1     Running   0          111s
pod/kubia-jf462   1/1     Running   0          2m42s

NAME                          DESIRED   CURRENT   READY   AGE
replicationcontroller/kubia   3         3         3       2m42s

NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   17m
$ kubectl delete rc kubia --cascade=orphan
replicationcontroller "kubia" deleted
$ sleep 5
$ kubectl get rc
No resources found in default namespace.
$ kubectl get pods -l app=kubia
NAME          READY   STATUS    RESTARTS   AGE
kubia-ddlq7   1/1     Running   0          36s
kubia-fvw6n   1/1     Running   0          2m27s
kubia-hbkrz   1/1     Running   0          116s
$ kubectl get pod kubia-fvw6n -o jsonpath='{.metadata.ownerReferences}'
"##,
    );
}

/// What kubectl refuses or only pretends for an RC: a scale of a missing RC; `--current-replicas`
/// checked against the spec (ScalePrecondition); client and server dry runs that change nothing;
/// set env, and set image of a container the template lacks; every rollout subcommand's error
/// (no status viewer, history viewer or rollbacker is implemented for ReplicationController,
/// and the pauser, resumer and restarter do not support it); explain of the selector map;
/// delete all deleting the RC after the pods.
#[test]
fn kubectl_refusals_dry_runs_and_rollout_errors_for_rcs() {
    check(
        r##"cat > kubia-rc.yaml <<'YAML'
apiVersion: v1
kind: ReplicationController
metadata:
  name: kubia
spec:
  replicas: 3
  selector:
    app: kubia
  template:
    metadata:
      labels:
        app: kubia
    spec:
      containers:
      - name: kubia
        image: luksa/kubia
        ports:
        - containerPort: 8080
YAML
kubectl scale rc kubia --replicas=2
kubectl apply -f kubia-rc.yaml
kubectl create -f kubia-rc.yaml
kubectl scale rc kubia --replicas=5 --dry-run=client
kubectl scale rc/kubia --replicas=5 --dry-run=server
kubectl scale replicationcontroller kubia --replicas=2 --current-replicas=5
kubectl get rc kubia -o jsonpath='{.spec.replicas}'
kubectl scale replicationcontrollers kubia --replicas=2 --current-replicas=3
sleep 40
kubectl describe rc kubia
kubectl set env rc/kubia GREETING=hello
kubectl set image rc/kubia nginx=nginx
kubectl get rc kubia -o jsonpath='{.spec.template.spec.containers[0]}'
kubectl rollout status rc/kubia
kubectl rollout history rc/kubia
kubectl rollout undo rc/kubia
kubectl rollout restart rc/kubia
kubectl rollout pause rc kubia
kubectl rollout resume replicationcontroller/kubia
kubectl rollout status rc/nope
kubectl explain rc.spec.selector
kubectl delete all --all
kubectl get rc
"##,
        r##"$ cat > kubia-rc.yaml <<'YAML'
apiVersion: v1
kind: ReplicationController
metadata:
  name: kubia
spec:
  replicas: 3
  selector:
    app: kubia
  template:
    metadata:
      labels:
        app: kubia
    spec:
      containers:
      - name: kubia
        image: luksa/kubia
        ports:
        - containerPort: 8080
YAML
$ kubectl scale rc kubia --replicas=2
Error from server (NotFound): replicationcontrollers "kubia" not found
$ kubectl apply -f kubia-rc.yaml
replicationcontroller/kubia created
$ kubectl create -f kubia-rc.yaml
Error from server (AlreadyExists): error when creating "kubia-rc.yaml": replicationcontrollers "kubia" already exists
$ kubectl scale rc kubia --replicas=5 --dry-run=client
replicationcontroller/kubia scaled (dry run)
$ kubectl scale rc/kubia --replicas=5 --dry-run=server
replicationcontroller/kubia scaled (server dry run)
$ kubectl scale replicationcontroller kubia --replicas=2 --current-replicas=5
error: Expected replicas to be 5, was 3
$ kubectl get rc kubia -o jsonpath='{.spec.replicas}'
3
$ kubectl scale replicationcontrollers kubia --replicas=2 --current-replicas=3
replicationcontroller/kubia scaled
$ sleep 40
$ kubectl describe rc kubia
Name:         kubia
Namespace:    default
Selector:     app=kubia
Labels:       app=kubia
Annotations:  <none>
Replicas:     2 current / 2 desired
Pods Status:  2 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=kubia
  Containers:
   kubia:
    Image:         luksa/kubia
    Port:          8080/TCP
    Host Port:     0/TCP
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:
  Type    Reason            Age   From                    Message
  ----    ------            ----  ----                    -------
  Normal  SuccessfulCreate  40s   replication-controller  Created pod: kubia-t9qt2
  Normal  SuccessfulCreate  40s   replication-controller  Created pod: kubia-cgcsc
  Normal  SuccessfulCreate  40s   replication-controller  Created pod: kubia-jf462
  Normal  SuccessfulDelete  40s   replication-controller  Deleted pod: kubia-cgcsc
$ kubectl set env rc/kubia GREETING=hello
replicationcontroller/kubia env updated
$ kubectl set image rc/kubia nginx=nginx
error: unable to find container named "nginx"
$ kubectl get rc kubia -o jsonpath='{.spec.template.spec.containers[0]}'
{"env":[{"name":"GREETING","value":"hello"}],"image":"luksa/kubia","imagePullPolicy":"Always","name":"kubia","ports":[{"containerPort":8080,"protocol":"TCP"}],"resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}
$ kubectl rollout status rc/kubia
error: no status viewer has been implemented for ReplicationController
$ kubectl rollout history rc/kubia
error: no history viewer has been implemented for "ReplicationController"
$ kubectl rollout undo rc/kubia
error: no rollbacker has been implemented for "ReplicationController"
$ kubectl rollout restart rc/kubia
error: replicationcontrollers "kubia" restarting is not supported
$ kubectl rollout pause rc kubia
error: replicationcontrollers "kubia" pausing is not supported
$ kubectl rollout resume replicationcontroller/kubia
error: replicationcontrollers "kubia" resuming is not supported
$ kubectl rollout status rc/nope
Error from server (NotFound): replicationcontrollers "nope" not found
$ kubectl explain rc.spec.selector
KIND:       ReplicationController
VERSION:    v1

FIELD: selector <map[string]string>


DESCRIPTION:
    Selector is a label query over pods that should match the Replicas count. If
    Selector is empty, it is defaulted to the labels present on the Pod
    template. Label keys and values that must match in order to be controlled by
    this replication controller, if empty defaulted to labels on Pod template.
    More info:
    https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
    

$ kubectl delete all --all
pod "kubia-jf462" deleted
pod "kubia-t9qt2" deleted
replicationcontroller "kubia" deleted
service "kubernetes" deleted
$ kubectl get rc
No resources found in default namespace.
"##,
    );
}
