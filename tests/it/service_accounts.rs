//! ServiceAccounts (v1): the service accounts controller's `default` in every namespace, the
//! ServiceAccount admission plugin (the account must exist; automount and image pull secrets),
//! `get`, `describe` and `create serviceaccount`, through kubectl scripts.

use crate::support::check;


/// Every namespace has `default` (remade when deleted, without keeping `kubectl delete` waiting);
/// a pod naming a missing account is forbidden, and a ReplicaSet's pods wait, retried with
/// back-off, until the account is made; an account's automount setting and image pull secrets
/// reach its pods; describe marks listed secrets that do not exist.
#[test]
fn accounts_are_made_required_and_applied_to_pods() {
    check(
        r#"kubectl get sa
kubectl get serviceaccounts -n kube-system
kubectl get sa -A
kubectl create namespace team
kubectl get sa -n team
kubectl create serviceaccount robot
kubectl create sa robot2 --dry-run=client -o yaml
kubectl get sa robot -o yaml
kubectl describe sa robot
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: curl
spec:
  serviceAccountName: ghost
  containers:
  - name: main
    image: curlimages/curl
    command: ["sleep", "9999999"]
YAML
kubectl apply -f - <<'YAML'
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
      serviceAccountName: ghost
      containers:
      - name: nginx
        image: nginx:1.25
YAML
sleep 5
kubectl get deploy web
kubectl get events --field-selector reason=FailedCreate
kubectl create sa ghost
sleep 20
kubectl get pods
kubectl delete sa default
kubectl get sa
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: ServiceAccount
metadata:
  name: quiet
automountServiceAccountToken: false
imagePullSecrets:
- name: registry
secrets:
- name: gone
YAML
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: q
spec:
  serviceAccountName: quiet
  containers:
  - name: main
    image: nginx:1.25
YAML
kubectl get pod q -o jsonpath='{.spec.volumes}{"\n"}{.spec.imagePullSecrets}{"\n"}'
kubectl describe sa quiet
kubectl get sa
kubectl describe pod q | grep -E 'Volumes|Mounts|Service Account'
kubectl delete namespace team
kubectl get sa -n team
"#,
        r#"$ kubectl get sa
NAME      SECRETS   AGE
default   0         15m
$ kubectl get serviceaccounts -n kube-system
NAME      SECRETS   AGE
coredns   0         15m
default   0         15m
$ kubectl get sa -A
NAMESPACE         NAME      SECRETS   AGE
default           default   0         15m
kube-node-lease   default   0         15m
kube-public       default   0         15m
kube-system       coredns   0         15m
kube-system       default   0         15m
$ kubectl create namespace team
namespace/team created
$ kubectl get sa -n team
NAME      SECRETS   AGE
default   0         0s
$ kubectl create serviceaccount robot
serviceaccount/robot created
$ kubectl create sa robot2 --dry-run=client -o yaml
apiVersion: v1
kind: ServiceAccount
metadata:
  creationTimestamp: null
  name: robot2
$ kubectl get sa robot -o yaml
apiVersion: v1
kind: ServiceAccount
metadata:
  creationTimestamp: "2026-11-23T00:00:00Z"
  name: robot
  namespace: default
  resourceVersion: "50"
  uid: b3ee358e-17d4-4c47-b886-12ab0b72652f
$ kubectl describe sa robot
Name:                robot
Namespace:           default
Labels:              <none>
Annotations:         <none>
Image pull secrets:  <none>
Mountable secrets:   <none>
Tokens:              <none>
Events:              <none>
$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: curl
spec:
  serviceAccountName: ghost
  containers:
  - name: main
    image: curlimages/curl
    command: ["sleep", "9999999"]
YAML
Error from server (Forbidden): error when creating "STDIN": pods "curl" is forbidden: error looking up service account default/ghost: serviceaccount "ghost" not found
$ kubectl apply -f - <<'YAML'
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
      serviceAccountName: ghost
      containers:
      - name: nginx
        image: nginx:1.25
YAML
deployment.apps/web created
$ sleep 5
$ kubectl get deploy web
NAME   READY   UP-TO-DATE   AVAILABLE   AGE
web    0/2     0            0           5s
$ kubectl get events --field-selector reason=FailedCreate
LAST SEEN   TYPE      REASON         OBJECT                      MESSAGE
0s          Warning   FailedCreate   replicaset/web-5f46989944   Error creating: pods "web-5f46989944-" is forbidden: error looking up service account default/ghost: serviceaccount "ghost" not found
$ kubectl create sa ghost
serviceaccount/ghost created
$ sleep 20
$ kubectl get pods
NAME                   READY   STATUS    RESTARTS   AGE
web-5f46989944-cgcsc   1/1     Running   0          19s
web-5f46989944-jf462   1/1     Running   0          19s
$ kubectl delete sa default
serviceaccount "default" deleted
$ kubectl get sa
NAME      SECRETS   AGE
default   0         0s
ghost     0         20s
robot     0         25s
$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: ServiceAccount
metadata:
  name: quiet
automountServiceAccountToken: false
imagePullSecrets:
- name: registry
secrets:
- name: gone
YAML
serviceaccount/quiet created
$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: q
spec:
  serviceAccountName: quiet
  containers:
  - name: main
    image: nginx:1.25
YAML
pod/q created
$ kubectl get pod q -o jsonpath='{.spec.volumes}{"\n"}{.spec.imagePullSecrets}{"\n"}'

[{"name":"registry"}]
$ kubectl describe sa quiet
Name:                quiet
Namespace:           default
Labels:              <none>
Annotations:         <none>
Image pull secrets:  registry (not found)
Mountable secrets:   gone (not found)
Tokens:              <none>
Events:              <none>
$ kubectl get sa
NAME      SECRETS   AGE
default   0         0s
ghost     0         20s
quiet     1         0s
robot     0         25s
$ kubectl describe pod q | grep -E 'Volumes|Mounts|Service Account'
Service Account:  quiet
    Mounts:       <none>
Volumes:         <none>
$ kubectl delete namespace team
namespace "team" deleted
$ kubectl get sa -n team
No resources found in team namespace.
"#,
    );
}

/// A Namespace and a pod in it, in one manifest: admission waits for the controller's `default`,
/// as the real plugin retries its lookup. Names are validated, unknown fields refused, and
/// explain documents the kind.
#[test]
fn a_new_namespace_runs_pods_at_once_and_accounts_are_validated() {
    check(
        r#"kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Namespace
metadata:
  name: fresh
---
apiVersion: v1
kind: Pod
metadata:
  name: first
  namespace: fresh
spec:
  containers:
  - name: main
    image: nginx:1.25
YAML
kubectl get sa,pods -n fresh
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: ServiceAccount
metadata:
  name: Bad_Name
YAML
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: ServiceAccount
metadata:
  name: typo
automountToken: false
YAML
kubectl get sa default -o jsonpath='{.metadata.name}{" "}{.kind}{"\n"}'
kubectl explain sa.automountServiceAccountToken
"#,
        r#"$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Namespace
metadata:
  name: fresh
---
apiVersion: v1
kind: Pod
metadata:
  name: first
  namespace: fresh
spec:
  containers:
  - name: main
    image: nginx:1.25
YAML
namespace/fresh created
pod/first created
$ kubectl get sa,pods -n fresh
NAME                     SECRETS   AGE
serviceaccount/default   0         0s

NAME        READY   STATUS    RESTARTS   AGE
pod/first   0/1     Pending   0          0s
$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: ServiceAccount
metadata:
  name: Bad_Name
YAML
The ServiceAccount "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')
$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: ServiceAccount
metadata:
  name: typo
automountToken: false
YAML
Error from server (BadRequest): error when creating "STDIN": ServiceAccount in version "v1" cannot be handled as a ServiceAccount: strict decoding error: unknown field "automountToken"
$ kubectl get sa default -o jsonpath='{.metadata.name}{" "}{.kind}{"\n"}'
default ServiceAccount
$ kubectl explain sa.automountServiceAccountToken
KIND:       ServiceAccount
VERSION:    v1

FIELD: automountServiceAccountToken <boolean>


DESCRIPTION:
    AutomountServiceAccountToken indicates whether pods running as this service
    account should have an API token automatically mounted. Can be overridden at
    the pod level.
    

"#,
    );
}
