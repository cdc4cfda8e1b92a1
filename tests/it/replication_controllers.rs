//! ReplicationControllers (v1) in the engine, as Kubernetes in Action's chapter 4 drives them:
//! self-healing, a pod labelled out of the set (released and replaced) and back in (adopted, and
//! the surplus deleted), scaling down, orphaning on delete, and the apiserver's checks.

use crate::support::check;

/// The chapter's kubia controller, through kubectl.
#[test]
fn a_replication_controller_heals_releases_adopts_and_orphans() {
    check(
        r#"kubectl create -f - <<'YAML'
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
sleep 10
kubectl get rc kubia -o jsonpath='{.metadata.labels} {.spec.selector} {.status}{"\n"}'
kubectl delete pod kubia-cgcsc --wait=false
kubectl get pods
kubectl label pod kubia-jf462 app=foo --overwrite
kubectl get pods -L app
kubectl get pod kubia-jf462 -o jsonpath='{.metadata.ownerReferences}{"\n"}'
kubectl label pod kubia-jf462 app=kubia --overwrite
kubectl get pods -L app
kubectl patch rc kubia -p '{"spec":{"replicas":1}}'
sleep 40
kubectl get pods
kubectl delete rc kubia --cascade=orphan
kubectl get rc,pods
kubectl get events --field-selector involvedObject.kind=ReplicationController
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: ReplicationController
metadata:
  name: broken
spec:
  selector:
    app: one
  template:
    metadata:
      labels:
        app: two
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: nginx:1.25
YAML
"#,
        r#"$ kubectl create -f - <<'YAML'
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
replicationcontroller/kubia created
$ sleep 10
$ kubectl get rc kubia -o jsonpath='{.metadata.labels} {.spec.selector} {.status}{"\n"}'
{"app":"kubia"} {"app":"kubia"} {"availableReplicas":3,"fullyLabeledReplicas":3,"observedGeneration":1,"readyReplicas":3,"replicas":3}
$ kubectl delete pod kubia-cgcsc --wait=false
pod "kubia-cgcsc" deleted
$ kubectl get pods
NAME          READY   STATUS        RESTARTS   AGE
kubia-cgcsc   1/1     Terminating   0          10s
kubia-fvw6n   0/1     Pending       0          0s
kubia-jf462   1/1     Running       0          10s
kubia-t9qt2   1/1     Running       0          10s
$ kubectl label pod kubia-jf462 app=foo --overwrite
pod/kubia-jf462 labeled
$ kubectl get pods -L app
NAME          READY   STATUS        RESTARTS   AGE   APP
kubia-cgcsc   1/1     Terminating   0          10s   kubia
kubia-fvw6n   0/1     Pending       0          0s    kubia
kubia-jf462   1/1     Running       0          10s   foo
kubia-rhmln   0/1     Pending       0          0s    kubia
kubia-t9qt2   1/1     Running       0          10s   kubia
$ kubectl get pod kubia-jf462 -o jsonpath='{.metadata.ownerReferences}{"\n"}'

$ kubectl label pod kubia-jf462 app=kubia --overwrite
pod/kubia-jf462 labeled
$ kubectl get pods -L app
NAME          READY   STATUS        RESTARTS   AGE   APP
kubia-cgcsc   1/1     Terminating   0          10s   kubia
kubia-fvw6n   0/1     Terminating   0          0s    kubia
kubia-jf462   1/1     Running       0          10s   kubia
kubia-rhmln   0/1     Pending       0          0s    kubia
kubia-t9qt2   1/1     Running       0          10s   kubia
$ kubectl patch rc kubia -p '{"spec":{"replicas":1}}'
replicationcontroller/kubia patched
$ sleep 40
$ kubectl get pods
NAME          READY   STATUS    RESTARTS   AGE
kubia-t9qt2   1/1     Running   0          50s
$ kubectl delete rc kubia --cascade=orphan
replicationcontroller "kubia" deleted
$ kubectl get rc,pods
NAME              READY   STATUS    RESTARTS   AGE
pod/kubia-t9qt2   1/1     Running   0          50s
$ kubectl get events --field-selector involvedObject.kind=ReplicationController
LAST SEEN   TYPE     REASON             OBJECT                        MESSAGE
50s         Normal   SuccessfulCreate   replicationcontroller/kubia   Created pod: kubia-t9qt2
50s         Normal   SuccessfulCreate   replicationcontroller/kubia   Created pod: kubia-cgcsc
50s         Normal   SuccessfulCreate   replicationcontroller/kubia   Created pod: kubia-jf462
40s         Normal   SuccessfulCreate   replicationcontroller/kubia   Created pod: kubia-fvw6n
40s         Normal   SuccessfulCreate   replicationcontroller/kubia   Created pod: kubia-rhmln
40s         Normal   SuccessfulDelete   replicationcontroller/kubia   Deleted pod: kubia-fvw6n
40s         Normal   SuccessfulDelete   replicationcontroller/kubia   Deleted pod: kubia-rhmln
40s         Normal   SuccessfulDelete   replicationcontroller/kubia   Deleted pod: kubia-jf462
$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: ReplicationController
metadata:
  name: broken
spec:
  selector:
    app: one
  template:
    metadata:
      labels:
        app: two
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: nginx:1.25
YAML
The ReplicationController "broken" is invalid: [spec.template.metadata.labels: Invalid value: map[string]string{"app":"two"}: `selector` does not match template `labels`, spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"]
"#,
    );
}
