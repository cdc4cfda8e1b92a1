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
