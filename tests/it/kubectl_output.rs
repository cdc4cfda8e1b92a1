//! `-o` and `--dry-run` on the commands that change objects: what each command's PrintFlags
//! print (kubectl 1.32's set, scale, label, annotate, patch, rollout, apply, replace, delete).

use kubeplay::engine::timing::Timing;

use crate::support::Sim;

/// Runs `script` on a fresh cluster and compares its transcript with `expected`.
fn check(script: &str, expected: &str) {
    let transcript = Sim::new(11, Timing::realistic()).script(script).text;
    assert_eq!(transcript, expected, "\n--- got ---\n{transcript}");
}

/// `-o` on the commands that change an object in place: `name` alone, or the object each
/// prints (set and patch: the apiserver's answer, or the local copy in a client dry run, which
/// keeps the resourceVersion; scale and rollout undo: the object as read before the change);
/// label's `not labeled`/`unlabeled` and missing keys, annotate's constant `annotated`.
#[test]
fn set_scale_label_annotate_patch_and_rollout_print_through_their_print_flags() {
    check(
        r#"kubectl create deployment web --image=nginx:1.25 --replicas=2
sleep 10
kubectl set image deployment/web nginx=nginx:1.26 --dry-run=client -o jsonpath='{.metadata.resourceVersion} {.metadata.generation} {.spec.template.spec.containers[0].image}{"\n"}'
kubectl get deployment web -o jsonpath='{.metadata.resourceVersion} {.metadata.generation} {.spec.template.spec.containers[0].image}{"\n"}'
kubectl set image deployment/web nginx=nginx:1.26 -o name
kubectl set image deployment/web nginx=nginx:1.26 -o name
kubectl set env deployment/web MODE=blue -o jsonpath='{.spec.template.spec.containers[0].env[0].value}{"\n"}'
kubectl set resources deployment/web --limits=cpu=200m -o name
kubectl scale deployment web --replicas=4 -o jsonpath='{.spec.replicas}{"\n"}'
kubectl get deployment web -o jsonpath='{.spec.replicas}{"\n"}'
kubectl scale deployment web --replicas=3 -o wide
kubectl label deployment web tier=frontend -o name
kubectl label deployment web tier=frontend
kubectl label deployment web tier- missing-
kubectl annotate deployment web note=hi
kubectl annotate deployment web note=hi --overwrite
kubectl patch deployment web -p '{"spec":{"minReadySeconds":5}}' -o jsonpath='{.spec.minReadySeconds}{"\n"}'
kubectl patch deployment web -p '{"spec":{"minReadySeconds":5}}' -o name
kubectl rollout pause deployment/web -o name
kubectl rollout resume deployment/web -o jsonpath='{.spec.paused}{"\n"}'
kubectl rollout undo deployment/web -o jsonpath='{.spec.template.spec.containers[0].image}{"\n"}'
kubectl rollout restart deployment/web -o name
"#,
        r#"$ kubectl create deployment web --image=nginx:1.25 --replicas=2
deployment.apps/web created
$ sleep 10
$ kubectl set image deployment/web nginx=nginx:1.26 --dry-run=client -o jsonpath='{.metadata.resourceVersion} {.metadata.generation} {.spec.template.spec.containers[0].image}{"\n"}'
75 1 nginx:1.26
$ kubectl get deployment web -o jsonpath='{.metadata.resourceVersion} {.metadata.generation} {.spec.template.spec.containers[0].image}{"\n"}'
75 1 nginx:1.25
$ kubectl set image deployment/web nginx=nginx:1.26 -o name
deployment.apps/web
$ kubectl set image deployment/web nginx=nginx:1.26 -o name
$ kubectl set env deployment/web MODE=blue -o jsonpath='{.spec.template.spec.containers[0].env[0].value}{"\n"}'
blue
$ kubectl set resources deployment/web --limits=cpu=200m -o name
deployment.apps/web
$ kubectl scale deployment web --replicas=4 -o jsonpath='{.spec.replicas}{"\n"}'
2
$ kubectl get deployment web -o jsonpath='{.spec.replicas}{"\n"}'
4
$ kubectl scale deployment web --replicas=3 -o wide
error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml
$ kubectl label deployment web tier=frontend -o name
deployment.apps/web
$ kubectl label deployment web tier=frontend
deployment.apps/web not labeled
$ kubectl label deployment web tier- missing-
label "missing" not found.
deployment.apps/web unlabeled
$ kubectl annotate deployment web note=hi
deployment.apps/web annotated
$ kubectl annotate deployment web note=hi --overwrite
deployment.apps/web annotated
$ kubectl patch deployment web -p '{"spec":{"minReadySeconds":5}}' -o jsonpath='{.spec.minReadySeconds}{"\n"}'
5
$ kubectl patch deployment web -p '{"spec":{"minReadySeconds":5}}' -o name
deployment.apps/web
$ kubectl rollout pause deployment/web -o name
deployment.apps/web
$ kubectl rollout resume deployment/web -o jsonpath='{.spec.paused}{"\n"}'

$ kubectl rollout undo deployment/web -o jsonpath='{.spec.template.spec.containers[0].image}{"\n"}'
nginx:1.26
$ kubectl rollout restart deployment/web -o name
deployment.apps/web
"#,
    );
}

/// apply `-o name` for each object, created or unchanged; `-o yaml` of several objects is one
/// v1 List printed at the end; replace's client dry run changes nothing.
#[test]
fn apply_and_replace_print_names_or_the_objects() {
    check(
        r#"kubectl create configmap extra --from-literal=size=small
kubectl apply -o name -f - <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  color: blue
YAML
kubectl apply -o name -f - <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  color: blue
YAML
kubectl apply -o yaml -f - <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  color: green
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: extra
data:
  size: small
YAML
kubectl replace --dry-run=client -o name -f - <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: extra
data:
  size: large
YAML
kubectl get configmap extra -o jsonpath='{.data.size}{"\n"}'
"#,
        r#"$ kubectl create configmap extra --from-literal=size=small
configmap/extra created
$ kubectl apply -o name -f - <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  color: blue
YAML
configmap/settings
$ kubectl apply -o name -f - <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  color: blue
YAML
configmap/settings
$ kubectl apply -o yaml -f - <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  color: green
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: extra
data:
  size: small
YAML
Warning: resource configmaps/extra is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.
apiVersion: v1
items:
- apiVersion: v1
  data:
    color: green
  kind: ConfigMap
  metadata:
    annotations:
      kubectl.kubernetes.io/last-applied-configuration: |
        {"apiVersion":"v1","data":{"color":"green"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"settings","namespace":"default"}}
    creationTimestamp: "2026-11-23T00:00:00Z"
    name: settings
    namespace: default
    resourceVersion: "49"
    uid: e74fbdd8-597b-4354-af9a-cacebc8725ba
- apiVersion: v1
  data:
    size: small
  kind: ConfigMap
  metadata:
    annotations:
      kubectl.kubernetes.io/last-applied-configuration: |
        {"apiVersion":"v1","data":{"size":"small"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"extra","namespace":"default"}}
    creationTimestamp: "2026-11-23T00:00:00Z"
    name: extra
    namespace: default
    resourceVersion: "50"
    uid: f16894f0-4050-4100-bbe7-26b627bfc026
kind: List
metadata: {}
$ kubectl replace --dry-run=client -o name -f - <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: extra
data:
  size: large
YAML
configmap/extra
$ kubectl get configmap extra -o jsonpath='{.data.size}{"\n"}'
small
"#,
    );
}

/// delete's dry runs (client: not even read; server: nothing stored), `-o name` only, and
/// `--force`: its warning, `force deleted`, and the refusal beside a grace period.
#[test]
fn delete_dry_runs_change_nothing_and_force_says_so() {
    check(
        r#"kubectl create configmap extra --from-literal=size=small
kubectl delete configmap extra --dry-run=client
kubectl delete configmap extra --dry-run=server
kubectl delete configmap extra -o yaml
kubectl get configmap extra -o name
kubectl delete configmap extra -o name
kubectl run nginx --image=nginx
kubectl delete pod nginx --force --grace-period=5
kubectl delete pod nginx --force
kubectl get pods nginx
"#,
        r#"$ kubectl create configmap extra --from-literal=size=small
configmap/extra created
$ kubectl delete configmap extra --dry-run=client
configmap "extra" deleted (dry run)
$ kubectl delete configmap extra --dry-run=server
configmap "extra" deleted (server dry run)
$ kubectl delete configmap extra -o yaml
error: unexpected -o output mode: yaml. We only support '-o name'
$ kubectl get configmap extra -o name
configmap/extra
$ kubectl delete configmap extra -o name
configmap/extra
$ kubectl run nginx --image=nginx
pod/nginx created
$ kubectl delete pod nginx --force --grace-period=5
error: --force and --grace-period greater than 0 cannot be specified together
$ kubectl delete pod nginx --force
Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.
pod "nginx" force deleted
$ kubectl get pods nginx
Error from server (NotFound): pods "nginx" not found
"#,
    );
}

/// `set serviceaccount|sa` (the pod template's account; a pod's own spec is refused; a missing
/// account stops the new ReplicaSet at admission) and `set subject` (users, groups and service
/// accounts added to role bindings once each, sorted; Validate's refusals).
#[test]
fn set_serviceaccount_and_set_subject() {
    check(
        r#"kubectl create deployment web --image=nginx --replicas=2
kubectl create serviceaccount builder
sleep 10
kubectl set serviceaccount deployment web builder
kubectl set serviceaccount deployment web builder -o jsonpath='{.spec.template.spec.serviceAccountName}{"\n"}'
kubectl set sa deploy/web ghost --dry-run=client
kubectl set sa deploy/web
kubectl set sa
kubectl set sa svc kubernetes builder
kubectl run solo --image=nginx
kubectl set sa pod solo builder
sleep 10
kubectl get pods
kubectl set sa deployment web ghost
sleep 5
kubectl get rs
kubectl describe rs | grep FailedCreate | head -2
kubectl create rolebinding readers --clusterrole=view --user=alice
kubectl set subject rolebinding readers --user=bob --user=alice --group=devs --serviceaccount=:builder
kubectl set subject rolebinding readers --user=bob
kubectl get rolebinding readers -o jsonpath='{range .subjects[*]}{.kind}:{.namespace}:{.name} {end}{"\n"}'
kubectl set subject rolebinding readers
kubectl set subject rolebinding readers --serviceaccount=builder
kubectl create clusterrolebinding everyone --clusterrole=view --group=devs
kubectl set subject clusterrolebinding everyone --serviceaccount=:builder
kubectl set subject clusterrolebinding everyone --serviceaccount=default:builder -o name
kubectl set subject deployment web --user=bob
kubectl set subject rolebinding ghost --user=bob
"#,
        r#"$ kubectl create deployment web --image=nginx --replicas=2
deployment.apps/web created
$ kubectl create serviceaccount builder
serviceaccount/builder created
$ sleep 10
$ kubectl set serviceaccount deployment web builder
deployment.apps/web serviceaccount updated
$ kubectl set serviceaccount deployment web builder -o jsonpath='{.spec.template.spec.serviceAccountName}{"\n"}'
builder
$ kubectl set sa deploy/web ghost --dry-run=client
deployment.apps/web serviceaccount updated (dry run)
$ kubectl set sa deploy/web
error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'
$ kubectl set sa
error: serviceaccount is required
$ kubectl set sa svc kubernetes builder
error: services/kubernetes the object is not a pod or does not have a pod template: *v1.Service
$ kubectl run solo --image=nginx
pod/solo created
$ kubectl set sa pod solo builder
error: failed to patch ServiceAccountName Pod "solo" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)
  core.PodSpec{
- 	serviceAccountName: "default"
+ 	serviceAccountName: "builder"
  }
$ sleep 10
$ kubectl get pods
NAME                  READY   STATUS    RESTARTS   AGE
solo                  1/1     Running   0          10s
web-745f8b676-nkc45   1/1     Running   0          8s
web-745f8b676-rlns9   1/1     Running   0          10s
$ kubectl set sa deployment web ghost
deployment.apps/web serviceaccount updated
$ sleep 5
$ kubectl get rs
NAME             DESIRED   CURRENT   READY   AGE
web-6fd4b84b9b   1         0         0       5s
web-745f8b676    2         2         2       15s
web-797596b896   0         0         0       25s
$ kubectl describe rs | grep FailedCreate | head -2
  Warning  FailedCreate  0s (x7 over 5s)  replicaset-controller  Error creating: pods "web-6fd4b84b9b-" is forbidden: error looking up service account default/ghost: serviceaccount "ghost" not found
$ kubectl create rolebinding readers --clusterrole=view --user=alice
rolebinding.rbac.authorization.k8s.io/readers created
$ kubectl set subject rolebinding readers --user=bob --user=alice --group=devs --serviceaccount=:builder
rolebinding.rbac.authorization.k8s.io/readers subjects updated
$ kubectl set subject rolebinding readers --user=bob
$ kubectl get rolebinding readers -o jsonpath='{range .subjects[*]}{.kind}:{.namespace}:{.name} {end}{"\n"}'
User::alice User::bob Group::devs ServiceAccount:default:builder 
$ kubectl set subject rolebinding readers
error: you must specify at least one value of user, group or serviceaccount
$ kubectl set subject rolebinding readers --serviceaccount=builder
error: serviceaccount must be <namespace>:<name>
$ kubectl create clusterrolebinding everyone --clusterrole=view --group=devs
clusterrolebinding.rbac.authorization.k8s.io/everyone created
$ kubectl set subject clusterrolebinding everyone --serviceaccount=:builder
error: serviceaccount must be <namespace>:<name>, namespace must be specified
$ kubectl set subject clusterrolebinding everyone --serviceaccount=default:builder -o name
clusterrolebinding.rbac.authorization.k8s.io/everyone
$ kubectl set subject deployment web --user=bob
error: deployments/web setting subjects is only supported for RoleBinding/ClusterRoleBinding
$ kubectl set subject rolebinding ghost --user=bob
Error from server (NotFound): rolebindings.rbac.authorization.k8s.io "ghost" not found
"#,
    );
}

/// `label --list` / `annotate --list`: one object's pairs alone, several under `Listing labels
/// for KIND.GROUP/NAME:` (the core group leaves `Pod.`), changes given beside it applied only to
/// what is printed, and the refusal beside `-o`.
#[test]
fn label_and_annotate_list() {
    check(
        r#"kubectl create deployment web --image=nginx --replicas=2
kubectl label deployment web tier=frontend
kubectl annotate deployment web note=hi
kubectl label deployment web --list
kubectl annotate deployment web --list
kubectl label pods -l app=web --list
kubectl label deployment web --list -o yaml
kubectl label deployment web extra=1 --list
kubectl get deployment web --show-labels
"#,
        r#"$ kubectl create deployment web --image=nginx --replicas=2
deployment.apps/web created
$ kubectl label deployment web tier=frontend
deployment.apps/web labeled
$ kubectl annotate deployment web note=hi
deployment.apps/web annotated
$ kubectl label deployment web --list
app=web
tier=frontend
$ kubectl annotate deployment web --list
deployment.kubernetes.io/revision=1
note=hi
$ kubectl label pods -l app=web --list
Listing labels for Pod./web-797596b896-2dw4q:
 app=web
 pod-template-hash=797596b896
Listing labels for Pod./web-797596b896-cbv4x:
 app=web
 pod-template-hash=797596b896
$ kubectl label deployment web --list -o yaml
error: --list and --output may not be specified together
$ kubectl label deployment web extra=1 --list
app=web
extra=1
tier=frontend
$ kubectl get deployment web --show-labels
NAME   READY   UP-TO-DATE   AVAILABLE   AGE   LABELS
web    0/2     2            0           0s    app=web,tier=frontend
"#,
    );
}

/// `apply view-last-applied`: the annotation as YAML (keys sorted) or JSON indented by two,
/// the error for an object apply did not make, the output modes it takes.
#[test]
fn apply_view_last_applied() {
    check(
        r#"kubectl apply -f - <<'YAML'
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
YAML
kubectl apply view-last-applied deployment web
kubectl apply view-last-applied deployment/web -o json
kubectl create configmap plain --from-literal=a=b
kubectl apply view-last-applied configmap plain
kubectl apply view-last-applied deployment web -o wide
kubectl apply view-last-applied deployment ghost
kubectl apply set-last-applied -f x.yaml
"#,
        r#"$ kubectl apply -f - <<'YAML'
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
YAML
deployment.apps/web created
$ kubectl apply view-last-applied deployment web
apiVersion: apps/v1
kind: Deployment
metadata:
  annotations: {}
  name: web
  namespace: default
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
      - image: nginx:1.25
        name: nginx
$ kubectl apply view-last-applied deployment/web -o json
{
  "apiVersion": "apps/v1",
  "kind": "Deployment",
  "metadata": {
    "annotations": {},
    "name": "web",
    "namespace": "default"
  },
  "spec": {
    "replicas": 2,
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
            "image": "nginx:1.25",
            "name": "nginx"
          }
        ]
      }
    }
  }
}
$ kubectl create configmap plain --from-literal=a=b
configmap/plain created
$ kubectl apply view-last-applied configmap plain
error: no last-applied-configuration annotation found on resource: plain
$ kubectl apply view-last-applied deployment web -o wide
error: Unexpected -o output mode: wide, the flag 'output' must be one of yaml|json
See 'kubectl apply view-last-applied -h' for help and examples
$ kubectl apply view-last-applied deployment ghost
Error from server (NotFound): deployments.apps "ghost" not found
$ kubectl apply set-last-applied -f x.yaml
kubeplay: kubectl apply set-last-applied is not simulated in this playground
"#,
    );
}

/// `create token`: a JWT (its header shown), TokenOptions.Validate's refusals, the apiserver's
/// bounds on the duration, a missing account, and `-o` printing the TokenRequest.
#[test]
fn create_token() {
    check(
        r#"kubectl create serviceaccount admin-user
kubectl create token admin-user | cut -d. -f1
kubectl create token admin-user --duration=10m | cut -c1-20
kubectl create token admin-user --duration=5m
kubectl create token admin-user --duration=1.5s
kubectl create token ghost
kubectl create token
kubectl create token admin-user --bound-object-name=x
kubectl create token admin-user --bound-object-kind=Deployment --bound-object-name=x
kubectl create token admin-user -o yaml | grep -v token:
kubectl create token admin-user -n kube-system
kubectl create token admin-user -o jsonpath='{.spec.expirationSeconds}{"\n"}'
kubectl create token admin-user -o wide
"#,
        r#"$ kubectl create serviceaccount admin-user
serviceaccount/admin-user created
$ kubectl create token admin-user | cut -d. -f1
eyJhbGciOiJSUzI1NiIsImtpZCI6Imt1YmVwbGF5In0
$ kubectl create token admin-user --duration=10m | cut -c1-20
eyJhbGciOiJSUzI1NiIs
$ kubectl create token admin-user --duration=5m
error: failed to create token: TokenRequest.authentication.k8s.io "admin-user" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes
$ kubectl create token admin-user --duration=1.5s
error: --duration cannot be expressed in units less than seconds
$ kubectl create token ghost
error: failed to create token: serviceaccounts "ghost" not found
$ kubectl create token
error: exactly one NAME is required, got 0
See 'kubectl create token -h' for help and examples
$ kubectl create token admin-user --bound-object-name=x
error: --bound-object-name can only be set if --bound-object-kind is provided
$ kubectl create token admin-user --bound-object-kind=Deployment --bound-object-name=x
error: supported --bound-object-kind values are Node, Pod, Secret
$ kubectl create token admin-user -o yaml | grep -v token:
apiVersion: authentication.k8s.io/v1
kind: TokenRequest
metadata:
  creationTimestamp: null
  name: admin-user
  namespace: default
spec:
  audiences:
  - https://kubernetes.default.svc.cluster.local
  boundObjectRef: null
  expirationSeconds: 3600
status:
  expirationTimestamp: "2026-11-23T01:00:00Z"
$ kubectl create token admin-user -n kube-system
error: failed to create token: serviceaccounts "admin-user" not found
$ kubectl create token admin-user -o jsonpath='{.spec.expirationSeconds}{"\n"}'
3600
$ kubectl create token admin-user -o wide
error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml
"#,
    );
}
