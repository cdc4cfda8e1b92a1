//! The leftovers of issue #3: `delete all`, pod templates in `-o yaml`, `logs --previous`,
//! `label --all`. Transcripts as kubectl 1.32 prints them against a real cluster.

use crate::support::check;


/// `delete all` expands the category as `get all` does (pods, services, deployments,
/// replicasets, jobs, in discovery's order), needs `--all` or a selector, ignores NotFound with
/// them, and deletes the ReplicaSets itself before the garbage collector does; the API server
/// recreates the `kubernetes` Service at its next 10 s check.
#[test]
fn delete_all_expands_the_category() {
    check(
        r#"kubectl create deployment web --image=nginx --replicas=2
kubectl create deployment api --image=nginx
kubectl create job pi --image=busybox -- true
kubectl create configmap settings --from-literal=a=b
sleep 10
kubectl delete all -l app=web
kubectl get all -l app=web
kubectl delete all
kubectl delete all --all
kubectl get cm settings -o name
kubectl get svc
sleep 10
kubectl get svc
kubectl delete all,cm --all -n kube-public
kubectl delete all -l app=none
"#,
        r#"$ kubectl create deployment web --image=nginx --replicas=2
deployment.apps/web created
$ kubectl create deployment api --image=nginx
deployment.apps/api created
$ kubectl create job pi --image=busybox -- true
job.batch/pi created
$ kubectl create configmap settings --from-literal=a=b
configmap/settings created
$ sleep 10
$ kubectl delete all -l app=web
pod "web-797596b896-2dw4q" deleted
pod "web-797596b896-cbv4x" deleted
deployment.apps "web" deleted
replicaset.apps "web-797596b896" deleted
$ kubectl get all -l app=web
No resources found in default namespace.
$ kubectl delete all
error: resource(s) were provided, but no name was specified
$ kubectl delete all --all
pod "api-5db75f4978-zmgf4" deleted
pod "pi-s9pb5" deleted
service "kubernetes" deleted
deployment.apps "api" deleted
replicaset.apps "api-5db75f4978" deleted
job.batch "pi" deleted
$ kubectl get cm settings -o name
configmap/settings
$ kubectl get svc
No resources found in default namespace.
$ sleep 10
$ kubectl get svc
NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   4s
$ kubectl delete all,cm --all -n kube-public
configmap "kube-root-ca.crt" deleted
$ kubectl delete all -l app=none
No resources found
"#,
    );
}

/// A pod template's metadata has `creationTimestamp: null` wherever the API returns a Deployment,
/// ReplicaSet or Job (a 1.32 apiserver marshals the zero metav1.Time as null); pods have theirs.
#[test]
fn templates_carry_a_null_creation_timestamp() {
    check(
        r#"kubectl create deployment web --image=nginx
kubectl create job pi --image=busybox -- true
kubectl get deploy web -o jsonpath='{.spec.template.metadata}'
kubectl get rs -o jsonpath='{.items[0].spec.template.metadata}'
kubectl get job pi -o yaml | grep -c 'creationTimestamp: null'
kubectl get deploy web -o json | grep '"creationTimestamp": null'
kubectl get --raw /apis/apps/v1/namespaces/default/deployments/web | grep -c '"template":{"metadata":{"creationTimestamp":null,"labels"'
kubectl get pods -o yaml | grep -c 'creationTimestamp: null'
"#,
        r#"$ kubectl create deployment web --image=nginx
deployment.apps/web created
$ kubectl create job pi --image=busybox -- true
job.batch/pi created
$ kubectl get deploy web -o jsonpath='{.spec.template.metadata}'
{"creationTimestamp":null,"labels":{"app":"web"}}
$ kubectl get rs -o jsonpath='{.items[0].spec.template.metadata}'
{"creationTimestamp":null,"labels":{"app":"web","pod-template-hash":"797596b896"}}
$ kubectl get job pi -o yaml | grep -c 'creationTimestamp: null'
1
$ kubectl get deploy web -o json | grep '"creationTimestamp": null'
                "creationTimestamp": null,
$ kubectl get --raw /apis/apps/v1/namespaces/default/deployments/web | grep -c '"template":{"metadata":{"creationTimestamp":null,"labels"'
1
$ kubectl get pods -o yaml | grep -c 'creationTimestamp: null'
0
"#,
    );
}

/// A client dry run prints the object as kubectl holds it (apply.go and create.go print
/// info.Object): the file's fields with the namespace and the last-applied annotation, no
/// defaults and no template timestamp; for an object that exists, the live object.
#[test]
fn client_dry_runs_print_the_object_as_read() {
    check(
        r#"cat > web.yaml <<'Y'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
Y
kubectl apply -f web.yaml --dry-run=client -o yaml
kubectl create -f web.yaml --dry-run=client -o json
kubectl apply -f web.yaml
kubectl apply -f web.yaml --dry-run=client -o yaml | grep -c 'creationTimestamp: null'
kubectl apply -f web.yaml --dry-run=client
"#,
        r#"$ cat > web.yaml <<'Y'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
Y
$ kubectl apply -f web.yaml --dry-run=client -o yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"name":"web","namespace":"default"},"spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.27","name":"nginx"}]}}}}
  name: web
  namespace: default
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - image: nginx:1.27
        name: nginx
$ kubectl create -f web.yaml --dry-run=client -o json
{
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {
        "name": "web",
        "namespace": "default"
    },
    "spec": {
        "selector": {
            "matchLabels": {
                "app": "web"
            }
        },
        "template": {
            "metadata": {
                "labels": {
                    "app": "web"
                }
            },
            "spec": {
                "containers": [
                    {
                        "image": "nginx:1.27",
                        "name": "nginx"
                    }
                ]
            }
        }
    }
}
$ kubectl apply -f web.yaml
deployment.apps/web created
$ kubectl apply -f web.yaml --dry-run=client -o yaml | grep -c 'creationTimestamp: null'
1
$ kubectl apply -f web.yaml --dry-run=client
deployment.apps/web configured (dry run)
"#,
    );
}

/// `logs --previous` reads the container's last terminated run, as the kubelet's
/// validateContainerLogStatus does first: not found before a restart, whatever the container
/// does now; `--tail`, `-c`, `--timestamps` apply, and `-f` has nothing to follow.
#[test]
fn logs_previous_reads_the_last_terminated_run() {
    check(
        r#"kubectl run web --image=nginx
kubectl run again --image=busybox -- sh -c 'echo "run at $(date)"; sleep 8; exit 3'
sleep 5
kubectl logs web --previous
kubectl logs again -p
sleep 30
kubectl get pod again
kubectl logs again --previous --timestamps
kubectl logs again -p --tail=0
kubectl logs pod/again --previous -c again
kubectl logs again -p -f
kubectl logs again -p -c nope
"#,
        r#"$ kubectl run web --image=nginx
pod/web created
$ kubectl run again --image=busybox -- sh -c 'echo "run at $(date)"; sleep 8; exit 3'
pod/again created
$ sleep 5
$ kubectl logs web --previous
Error from server (BadRequest): previous terminated container "web" in pod "web" not found
$ kubectl logs again -p
Error from server (BadRequest): previous terminated container "again" in pod "again" not found
$ sleep 30
$ kubectl get pod again
NAME    READY   STATUS    RESTARTS      AGE
again   1/1     Running   2 (16s ago)   35s
$ kubectl logs again --previous --timestamps
2026-11-23T00:00:11.000000000Z run at Mon Nov 23 00:00:11 UTC 2026
$ kubectl logs again -p --tail=0
$ kubectl logs pod/again --previous -c again
run at Mon Nov 23 00:00:11 UTC 2026
$ kubectl logs again -p -f
run at Mon Nov 23 00:00:11 UTC 2026
$ kubectl logs again -p -c nope
error: container nope is not valid for pod again
"#,
    );
}

/// `label --all` (and `annotate --all`) select every object of the types in the namespace, or
/// in all of them with `-A`; a name with `--all` is just a name (the builder sets the Everything
/// selector only for a lone type), and `label all --all` expands the category.
#[test]
fn label_all_selects_every_object_of_the_types() {
    check(
        r#"kubectl run a --image=nginx
kubectl run b --image=nginx
kubectl label pods --all tier=web
kubectl label pods --all tier=db
kubectl label pods --all tier=db --overwrite
kubectl label pods --all tier-
kubectl label pods tier=x
kubectl label pods a --all tier=x
kubectl label --all pods env=dev -n kube-public
kubectl label pods --all -A team=x
kubectl get pods --show-labels
kubectl annotate pods --all note=hi
kubectl label all --all x=y
"#,
        r#"$ kubectl run a --image=nginx
pod/a created
$ kubectl run b --image=nginx
pod/b created
$ kubectl label pods --all tier=web
pod/a labeled
pod/b labeled
$ kubectl label pods --all tier=db
error: 'tier' already has a value (web), and --overwrite is false
error: 'tier' already has a value (web), and --overwrite is false
$ kubectl label pods --all tier=db --overwrite
pod/a labeled
pod/b labeled
$ kubectl label pods --all tier-
pod/a unlabeled
pod/b unlabeled
$ kubectl label pods tier=x
error: resource(s) were provided, but no name was specified
$ kubectl label pods a --all tier=x
pod/a labeled
$ kubectl label --all pods env=dev -n kube-public
$ kubectl label pods --all -A team=x
pod/a labeled
pod/b labeled
pod/coredns-7c5bb8469f-8zgdl labeled
pod/coredns-7c5bb8469f-qhl4h labeled
$ kubectl get pods --show-labels
NAME   READY   STATUS    RESTARTS   AGE   LABELS
a      0/1     Pending   0          0s    run=a,team=x,tier=x
b      0/1     Pending   0          0s    run=b,team=x
$ kubectl annotate pods --all note=hi
pod/a annotated
pod/b annotated
$ kubectl label all --all x=y
pod/a labeled
pod/b labeled
service/kubernetes labeled
"#,
    );
}

/// `get -f` and `describe -f` read the objects a file names (each in its own namespace, else the
/// command's), as the resource builder does: NotFound for each missing one, tables grouped by
/// kind, `-o name`; resource arguments beside `-f` are refused; a missing file is kubectl's error.
#[test]
fn get_and_describe_read_the_objects_a_file_names() {
    check(
        r#"cat > web.yaml <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
YAML
kubectl get -f web.yaml
kubectl apply -f web.yaml
sleep 5
kubectl get -f web.yaml
kubectl get -f web.yaml -o name
kubectl get -f web.yaml -n other
kubectl get deploy -f web.yaml
kubectl describe -f web.yaml | grep -E '^Name:|^Type:'
kubectl get -f missing.yaml
"#,
        r#"$ cat > web.yaml <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
YAML
$ kubectl get -f web.yaml
Error from server (NotFound): deployments.apps "web" not found
Error from server (NotFound): services "web" not found
$ kubectl apply -f web.yaml
deployment.apps/web created
service/web created
$ sleep 5
$ kubectl get -f web.yaml
NAME                  READY   UP-TO-DATE   AVAILABLE   AGE
deployment.apps/web   2/2     2            2           5s

NAME          TYPE        CLUSTER-IP      EXTERNAL-IP   PORT(S)   AGE
service/web   ClusterIP   10.99.237.240   <none>        80/TCP    5s
$ kubectl get -f web.yaml -o name
deployment.apps/web
service/web
$ kubectl get -f web.yaml -n other
Error from server (NotFound): deployments.apps "web" not found
Error from server (NotFound): services "web" not found
$ kubectl get deploy -f web.yaml
error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well
$ kubectl describe -f web.yaml | grep -E '^Name:|^Type:'
Name:                   web
Name:                     web
Type:                     ClusterIP
$ kubectl get -f missing.yaml
error: the path "missing.yaml" does not exist
"#,
    );
}
