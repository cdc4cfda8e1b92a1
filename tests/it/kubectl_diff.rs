//! `kubectl diff -f`: the live objects against a server-side dry run of `apply`, printed as
//! `diff -u -N` prints kubectl's LIVE and MERGED directories (kubectl 1.32, GNU diff 3.8).
//! The header lines separate each path from its time with a tab, as GNU diff does.

use kubeplay::engine::timing::Timing;

use crate::support::Sim;

/// Runs `script` on a fresh cluster (seed 11) and compares its transcript with `expected` and
/// each kubectl line's exit code with `exit_codes`.
fn check(script: &str, expected: &str, exit_codes: &[i32]) {
    let transcript = Sim::new(11, Timing::realistic()).script(script);
    assert_eq!(transcript.text, expected, "\n--- got ---\n{}", transcript.text);
    let codes: Vec<i32> = transcript.outputs.iter().map(|output| output.exit_code).collect();
    assert_eq!(codes, exit_codes);
}

/// An object that does not exist: LIVE is an empty file, MERGED what a dry-run create returns (the
/// server's defaults, a uid, no resourceVersion), so the whole file is one hunk of additions.
/// Nothing is created.
#[test]
fn a_new_object_is_all_additions_and_is_not_created() {
    check(
        r#"kubectl diff -f - <<'YAML'
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
kubectl get deployments
"#,
        r#"$ kubectl diff -f - <<'YAML'
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
diff -u -N /tmp/LIVE-1650651523/apps.v1.Deployment.default.web /tmp/MERGED-1982865528/apps.v1.Deployment.default.web
--- /tmp/LIVE-1650651523/apps.v1.Deployment.default.web	2026-11-23 00:00:00.018558140 +0000
+++ /tmp/MERGED-1982865528/apps.v1.Deployment.default.web	2026-11-23 00:00:00.018558140 +0000
@@ -0,0 +1,39 @@
+apiVersion: apps/v1
+kind: Deployment
+metadata:
+  creationTimestamp: "2026-11-23T00:00:00Z"
+  generation: 1
+  name: web
+  namespace: default
+  uid: ec5864f8-2f58-4c1e-8191-b2aba73c8f78
+spec:
+  progressDeadlineSeconds: 600
+  replicas: 2
+  revisionHistoryLimit: 10
+  selector:
+    matchLabels:
+      app: web
+  strategy:
+    rollingUpdate:
+      maxSurge: 25%
+      maxUnavailable: 25%
+    type: RollingUpdate
+  template:
+    metadata:
+      creationTimestamp: null
+      labels:
+        app: web
+    spec:
+      containers:
+      - image: nginx:1.25
+        imagePullPolicy: IfNotPresent
+        name: nginx
+        resources: {}
+        terminationMessagePath: /dev/termination-log
+        terminationMessagePolicy: File
+      dnsPolicy: ClusterFirst
+      restartPolicy: Always
+      schedulerName: default-scheduler
+      securityContext: {}
+      terminationGracePeriodSeconds: 30
+status: {}
$ kubectl get deployments
No resources found in default namespace.
"#,
        &[1, 0],
    );
}

/// The file as applied: no difference, exit 0. After `set image`, applying the file again would
/// put the image back and bump the generation: two hunks with three lines of context each; the
/// last-applied annotation is not rewritten by diff's patch.
#[test]
fn an_image_change_shows_the_generation_bump_in_context() {
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
YAML
kubectl apply -f web.yaml
sleep 10
kubectl diff -f web.yaml
kubectl set image deployment/web nginx=nginx:1.26
kubectl diff -f web.yaml
kubectl get deployment web -o jsonpath='{.metadata.generation} {.spec.template.spec.containers[0].image}{"\n"}'
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
YAML
$ kubectl apply -f web.yaml
deployment.apps/web created
$ sleep 10
$ kubectl diff -f web.yaml
$ kubectl set image deployment/web nginx=nginx:1.26
deployment.apps/web image updated
$ kubectl diff -f web.yaml
diff -u -N /tmp/LIVE-3859804207/apps.v1.Deployment.default.web /tmp/MERGED-1947218829/apps.v1.Deployment.default.web
--- /tmp/LIVE-3859804207/apps.v1.Deployment.default.web	2026-11-23 00:00:10.011637618 +0000
+++ /tmp/MERGED-1947218829/apps.v1.Deployment.default.web	2026-11-23 00:00:10.011637618 +0000
@@ -6,7 +6,7 @@
     kubectl.kubernetes.io/last-applied-configuration: |
       {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"name":"web","namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.25","name":"nginx"}]}}}}
   creationTimestamp: "2026-11-23T00:00:00Z"
-  generation: 2
+  generation: 3
   name: web
   namespace: default
   resourceVersion: "84"
@@ -30,7 +30,7 @@
         app: web
     spec:
       containers:
-      - image: nginx:1.26
+      - image: nginx:1.25
         imagePullPolicy: IfNotPresent
         name: nginx
         resources: {}
$ kubectl get deployment web -o jsonpath='{.metadata.generation} {.spec.template.spec.containers[0].image}{"\n"}'
2 nginx:1.26
"#,
        &[0, 0, 0, 1, 0],
    );
}

/// A Secret's values never show: a changed one is `*** (before)` / `*** (after)`, the others `***`.
#[test]
fn secret_values_are_masked() {
    check(
        r#"kubectl create secret generic creds --from-literal=user=admin --from-literal=password=s3cret
kubectl diff -f - <<'YAML'
apiVersion: v1
kind: Secret
metadata:
  name: creds
stringData:
  user: admin
  password: changed
  token: abc
YAML
"#,
        r#"$ kubectl create secret generic creds --from-literal=user=admin --from-literal=password=s3cret
secret/creds created
$ kubectl diff -f - <<'YAML'
apiVersion: v1
kind: Secret
metadata:
  name: creds
stringData:
  user: admin
  password: changed
  token: abc
YAML
diff -u -N /tmp/LIVE-579598667/v1.Secret.default.creds /tmp/MERGED-3169522148/v1.Secret.default.creds
--- /tmp/LIVE-579598667/v1.Secret.default.creds	2026-11-23 00:00:00.013143680 +0000
+++ /tmp/MERGED-3169522148/v1.Secret.default.creds	2026-11-23 00:00:00.013143680 +0000
@@ -1,6 +1,7 @@
 apiVersion: v1
 data:
-  password: '*** (before)'
+  password: '*** (after)'
+  token: '***'
   user: '***'
 kind: Secret
 metadata:
"#,
        &[0, 1],
    );
}

/// Each object is its own file in both directories, printed in the order of their names; an
/// unknown field is dropped with the apiserver's warning (kubectl diff asks for no strict field
/// validation).
#[test]
fn several_objects_print_in_file_name_order_with_warnings_first() {
    check(
        r#"kubectl apply -f - <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: slow
YAML
kubectl diff -f - <<'YAML'
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
  extra: "1"
  colour: blue
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: flags
data:
  a: "1"
typo: true
YAML
"#,
        r#"$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: slow
YAML
configmap/settings created
$ kubectl diff -f - <<'YAML'
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
  extra: "1"
  colour: blue
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: flags
data:
  a: "1"
typo: true
YAML
Warning: unknown field "typo"
diff -u -N /tmp/LIVE-1325353889/v1.ConfigMap.default.flags /tmp/MERGED-3873489589/v1.ConfigMap.default.flags
--- /tmp/LIVE-1325353889/v1.ConfigMap.default.flags	2026-11-23 00:00:00.032941126 +0000
+++ /tmp/MERGED-3873489589/v1.ConfigMap.default.flags	2026-11-23 00:00:00.032941126 +0000
@@ -0,0 +1,9 @@
+apiVersion: v1
+data:
+  a: "1"
+kind: ConfigMap
+metadata:
+  creationTimestamp: "2026-11-23T00:00:00Z"
+  name: flags
+  namespace: default
+  uid: e8efd7df-644a-41d5-9cb6-8902cb65adaf
diff -u -N /tmp/LIVE-1325353889/v1.ConfigMap.default.settings /tmp/MERGED-3873489589/v1.ConfigMap.default.settings
--- /tmp/LIVE-1325353889/v1.ConfigMap.default.settings	2026-11-23 00:00:00.022118722 +0000
+++ /tmp/MERGED-3873489589/v1.ConfigMap.default.settings	2026-11-23 00:00:00.022118722 +0000
@@ -1,6 +1,8 @@
 apiVersion: v1
 data:
-  mode: slow
+  colour: blue
+  extra: "1"
+  mode: fast
 kind: ConfigMap
 metadata:
   annotations:
diff -u -N /tmp/LIVE-1325353889/v1.Service.default.web /tmp/MERGED-3873489589/v1.Service.default.web
--- /tmp/LIVE-1325353889/v1.Service.default.web	2026-11-23 00:00:00.014966714 +0000
+++ /tmp/MERGED-3873489589/v1.Service.default.web	2026-11-23 00:00:00.014966714 +0000
@@ -0,0 +1,25 @@
+apiVersion: v1
+kind: Service
+metadata:
+  creationTimestamp: "2026-11-23T00:00:00Z"
+  name: web
+  namespace: default
+  uid: 39b60542-4fb1-48e7-8b11-12e4b4b867ed
+spec:
+  clusterIP: 10.110.13.214
+  clusterIPs:
+  - 10.110.13.214
+  internalTrafficPolicy: Cluster
+  ipFamilies:
+  - IPv4
+  ipFamilyPolicy: SingleStack
+  ports:
+  - port: 80
+    protocol: TCP
+    targetPort: 8080
+  selector:
+    app: web
+  sessionAffinity: None
+  type: ClusterIP
+status:
+  loadBalancer: {}
"#,
        &[0, 1],
    );
}

/// Usage errors and failing objects exit 2 (1 means differences) and print no diff, even for
/// the objects before the failing one; nothing is created.
#[test]
fn errors_exit_2_and_print_no_diff() {
    check(
        r#"kubectl diff
kubectl diff -f missing.yaml
kubectl diff -f web.yaml extra
kubectl diff --dry-run=server -f web.yaml
kubectl diff -f - <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: fine
data:
  a: "1"
---
apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
YAML
kubectl diff -n kube-system -f - <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: elsewhere
  namespace: default
YAML
kubectl diff -f - <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: broken
spec:
  selector:
    matchLabels:
      app: a
  template:
    metadata:
      labels:
        app: b
    spec:
      containers:
      - name: c
        image: nginx
YAML
kubectl get configmaps fine
"#,
        r#"$ kubectl diff
error: must specify one of -f and -k
$ kubectl diff -f missing.yaml
error: the path "missing.yaml" does not exist
$ kubectl diff -f web.yaml extra
error: Unexpected args: [extra]
See 'kubectl diff -h' for help and examples
$ kubectl diff --dry-run=server -f web.yaml
error: unknown flag: --dry-run
See 'kubectl diff -h' for help and examples
$ kubectl diff -f - <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: fine
data:
  a: "1"
---
apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
YAML
error: resource mapping not found for name: "w" namespace: "" from "STDIN": no matches for kind "Widget" in version "example.com/v1"
ensure CRDs are installed first
$ kubectl diff -n kube-system -f - <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: elsewhere
  namespace: default
YAML
error: the namespace from the provided object "default" does not match the namespace "kube-system". You must pass '--namespace=default' to perform this operation.
$ kubectl diff -f - <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: broken
spec:
  selector:
    matchLabels:
      app: a
  template:
    metadata:
      labels:
        app: b
    spec:
      containers:
      - name: c
        image: nginx
YAML
The Deployment "broken" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"b"}: `selector` does not match template `labels`
$ kubectl get configmaps fine
Error from server (NotFound): configmaps "fine" not found
"#,
        &[2, 2, 2, 2, 2, 2, 2, 1],
    );
}

/// diff runs its dry runs on a copy of the cluster: the same script with and without diff lines
/// leaves the same objects, resourceVersions, generated names and events behind.
#[test]
fn diff_changes_nothing() {
    let manifest = "apiVersion: apps/v1
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
";
    let changed = manifest.replace("replicas: 2", "replicas: 3");
    let run = |with_diff: bool| {
        let mut sim = Sim::new(5, Timing::realistic());
        if with_diff {
            assert_eq!(sim.kubectl_stdin("kubectl diff -f -", manifest).exit_code, 1);
        }
        sim.kubectl_stdin("kubectl apply -f -", manifest);
        sim.run_for(5);
        if with_diff {
            assert_eq!(sim.kubectl_stdin("kubectl diff -f -", &changed).exit_code, 1);
            assert_eq!(sim.kubectl_stdin("kubectl diff -f -", manifest).exit_code, 0);
        }
        sim.kubectl("kubectl create deployment other --image=nginx");
        sim.run_for(5);
        ["kubectl get all,events -o yaml", "kubectl get pods -o name"].map(|line| sim.kubectl(line).combined)
    };
    assert_eq!(run(true), run(false));
}
