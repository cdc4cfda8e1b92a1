//! StatefulSets (apps/v1) in the engine: stable names and claims, ordered creation and removal,
//! partitioned rolling updates from the highest ordinal, through kubectl scripts; and properties
//! over random sets and actions, checked at every tick.

use kubeplay::engine::api::stateful_set::{StatefulSet, REVISION_LABEL};
use kubeplay::engine::api::storage::PersistentVolumeClaim;
use kubeplay::engine::rng::Rng;
use kubeplay::engine::store::Key;
use kubeplay::engine::timing::Timing;

use crate::support::{check, Sim};

/// The Kubernetes docs' `web` StatefulSet: one pod at a time in ordinal order, each with its own
/// claim made first and its identity (hostname, subdomain, name and index labels); a scale-down
/// removes the highest ordinals one at a time and keeps their claims, as does deleting the set.
#[test]
fn pods_come_in_order_with_their_own_claims_and_go_from_the_top() {
    check(
        r#"kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  selector:
    app: nginx
  ports:
  - port: 80
    name: web
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
YAML
kubectl get pods
sleep 3
kubectl get pods
sleep 6
kubectl get sts,pods,pvc
kubectl get pod web-1 -o jsonpath='{.spec.hostname}.{.spec.subdomain} {.metadata.labels} {.spec.volumes[0]}{"\n"}'
kubectl patch sts web -p '{"spec":{"replicas":1}}'
sleep 1
kubectl get pods
sleep 40
kubectl get pods,pvc
kubectl delete sts web
sleep 40
kubectl get pods,pvc
kubectl get events --field-selector involvedObject.kind=StatefulSet
"#,
        r#"$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  selector:
    app: nginx
  ports:
  - port: 80
    name: web
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
YAML
service/nginx created
statefulset.apps/web created
$ kubectl get pods
NAME    READY   STATUS    RESTARTS   AGE
web-0   0/1     Pending   0          0s
$ sleep 3
$ kubectl get pods
NAME    READY   STATUS    RESTARTS   AGE
web-0   1/1     Running   0          3s
web-1   0/1     Pending   0          0s
$ sleep 6
$ kubectl get sts,pods,pvc
NAME                   READY   AGE
statefulset.apps/web   3/3     9s

NAME        READY   STATUS    RESTARTS   AGE
pod/web-0   1/1     Running   0          9s
pod/web-1   1/1     Running   0          6s
pod/web-2   1/1     Running   0          3s

NAME                              STATUS   VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE
persistentvolumeclaim/www-web-0   Bound    pvc-ce8169d6-d803-477f-829a-d278b0ff1659   1Gi        RWO            standard       <unset>                 9s
persistentvolumeclaim/www-web-1   Bound    pvc-2f79acd4-433e-4809-87c4-16cc31b10948   1Gi        RWO            standard       <unset>                 6s
persistentvolumeclaim/www-web-2   Bound    pvc-f13a2b37-0b82-4b9d-9091-fb316a2f8987   1Gi        RWO            standard       <unset>                 3s
$ kubectl get pod web-1 -o jsonpath='{.spec.hostname}.{.spec.subdomain} {.metadata.labels} {.spec.volumes[0]}{"\n"}'
web-1.nginx {"app":"nginx","apps.kubernetes.io/pod-index":"1","controller-revision-hash":"web-7685bdf596","statefulset.kubernetes.io/pod-name":"web-1"} {"name":"www","persistentVolumeClaim":{"claimName":"www-web-1"}}
$ kubectl patch sts web -p '{"spec":{"replicas":1}}'
statefulset.apps/web patched
$ sleep 1
$ kubectl get pods
NAME    READY   STATUS        RESTARTS   AGE
web-0   1/1     Running       0          10s
web-1   1/1     Running       0          7s
web-2   1/1     Terminating   0          4s
$ sleep 40
$ kubectl get pods,pvc
NAME        READY   STATUS    RESTARTS   AGE
pod/web-0   1/1     Running   0          50s

NAME                              STATUS   VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE
persistentvolumeclaim/www-web-0   Bound    pvc-ce8169d6-d803-477f-829a-d278b0ff1659   1Gi        RWO            standard       <unset>                 50s
persistentvolumeclaim/www-web-1   Bound    pvc-2f79acd4-433e-4809-87c4-16cc31b10948   1Gi        RWO            standard       <unset>                 47s
persistentvolumeclaim/www-web-2   Bound    pvc-f13a2b37-0b82-4b9d-9091-fb316a2f8987   1Gi        RWO            standard       <unset>                 44s
$ kubectl delete sts web
statefulset.apps "web" deleted
$ sleep 40
$ kubectl get pods,pvc
NAME                              STATUS   VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE
persistentvolumeclaim/www-web-0   Bound    pvc-ce8169d6-d803-477f-829a-d278b0ff1659   1Gi        RWO            standard       <unset>                 90s
persistentvolumeclaim/www-web-1   Bound    pvc-2f79acd4-433e-4809-87c4-16cc31b10948   1Gi        RWO            standard       <unset>                 87s
persistentvolumeclaim/www-web-2   Bound    pvc-f13a2b37-0b82-4b9d-9091-fb316a2f8987   1Gi        RWO            standard       <unset>                 84s
$ kubectl get events --field-selector involvedObject.kind=StatefulSet
LAST SEEN   TYPE     REASON             OBJECT            MESSAGE
90s         Normal   SuccessfulCreate   statefulset/web   create Claim www-web-0 Pod web-0 in StatefulSet web success
90s         Normal   SuccessfulCreate   statefulset/web   create Pod web-0 in StatefulSet web successful
87s         Normal   SuccessfulCreate   statefulset/web   create Claim www-web-1 Pod web-1 in StatefulSet web success
87s         Normal   SuccessfulCreate   statefulset/web   create Pod web-1 in StatefulSet web successful
84s         Normal   SuccessfulCreate   statefulset/web   create Claim www-web-2 Pod web-2 in StatefulSet web success
84s         Normal   SuccessfulCreate   statefulset/web   create Pod web-2 in StatefulSet web successful
81s         Normal   SuccessfulDelete   statefulset/web   delete Pod web-2 in StatefulSet web successful
79s         Normal   SuccessfulDelete   statefulset/web   delete Pod web-1 in StatefulSet web successful
"#,
    );
}

/// Stable network identity: the governing headless Service's endpoints carry each pod's
/// hostname, so cluster DNS answers `web-0.nginx` (through the search list or fully qualified)
/// with that pod's address and `nginx` with every ready pod's; a name no pod has is NXDOMAIN.
#[test]
fn each_pod_has_a_dns_name_under_the_headless_service() {
    check(
        r#"kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  selector:
    app: nginx
  ports:
  - port: 80
    name: web
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
YAML
sleep 10
kubectl run client --image=busybox:1.36 -- sleep 3600
sleep 5
kubectl exec client -- nslookup web-0.nginx
kubectl exec client -- nslookup nginx
kubectl exec client -- nslookup web-2.nginx.default.svc.cluster.local
kubectl exec client -- nslookup web-7.nginx
kubectl exec client -- wget -qO- web-1.nginx
kubectl exec web-0 -- hostname
kubectl get endpoints nginx -o jsonpath='{.subsets[0].addresses[*].hostname}{"\n"}'
kubectl exec client -- nslookup kubernetes
kubectl exec client -- nslookup kubernetes.default.svc
"#,
        r#"$ kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  selector:
    app: nginx
  ports:
  - port: 80
    name: web
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
YAML
service/nginx created
statefulset.apps/web created
$ sleep 10
$ kubectl run client --image=busybox:1.36 -- sleep 3600
pod/client created
$ sleep 5
$ kubectl exec client -- nslookup web-0.nginx
Server:		10.96.0.10
Address:	10.96.0.10:53


Name:	web-0.nginx.default.svc.cluster.local
Address: 10.244.1.3

$ kubectl exec client -- nslookup nginx
Server:		10.96.0.10
Address:	10.96.0.10:53


Name:	nginx.default.svc.cluster.local
Address: 10.244.1.3
Name:	nginx.default.svc.cluster.local
Address: 10.244.2.3
Name:	nginx.default.svc.cluster.local
Address: 10.244.2.4

$ kubectl exec client -- nslookup web-2.nginx.default.svc.cluster.local
Server:		10.96.0.10
Address:	10.96.0.10:53


Name:	web-2.nginx.default.svc.cluster.local
Address: 10.244.2.4

$ kubectl exec client -- nslookup web-7.nginx
Server:		10.96.0.10
Address:	10.96.0.10:53

** server can't find web-7.nginx: NXDOMAIN

command terminated with exit code 1
$ kubectl exec client -- wget -qO- web-1.nginx
web-1
$ kubectl exec web-0 -- hostname
web-0
$ kubectl get endpoints nginx -o jsonpath='{.subsets[0].addresses[*].hostname}{"\n"}'
web-0 web-1 web-2
$ kubectl exec client -- nslookup kubernetes
Server:		10.96.0.10
Address:	10.96.0.10:53


Name:	kubernetes.default.svc.cluster.local
Address: 10.96.0.1

$ kubectl exec client -- nslookup kubernetes.default.svc
Server:		10.96.0.10
Address:	10.96.0.10:53


Name:	kubernetes.default.svc.cluster.local
Address: 10.96.0.1

"#,
    );
}

/// A revision keeps the set's change-cause from when it was made (`newRevision` copies the
/// annotations), so `set image --record` shows in the history; an undo renumbers the old
/// revision as the newest, which keeps its own (none).
#[test]
fn revisions_keep_their_change_cause_and_undo_renumbers() {
    check(
        r#"kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 2
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: db
        image: redis:7.2
YAML
kubectl rollout status sts/db
kubectl set image sts/db db=redis:7.4 --record
kubectl rollout status sts/db
kubectl rollout history sts/db
kubectl rollout undo sts/db
kubectl rollout status sts/db
kubectl rollout history sts/db
kubectl get pods -L controller-revision-hash
"#,
        r#"$ kubectl apply -f - <<'YAML'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 2
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: db
        image: redis:7.2
YAML
statefulset.apps/db created
$ kubectl rollout status sts/db
Waiting for 2 pods to be ready...
Waiting for 1 pods to be ready...
Waiting for 1 pods to be ready...
partitioned roll out complete: 2 new pods have been updated...
$ kubectl set image sts/db db=redis:7.4 --record
Flag --record has been deprecated, --record will be removed in the future
statefulset.apps/db image updated
$ kubectl rollout status sts/db
Waiting for partitioned roll out to finish: 0 out of 2 new pods have been updated...
Waiting for 1 pods to be ready...
Waiting for 1 pods to be ready...
Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...
Waiting for 1 pods to be ready...
Waiting for 1 pods to be ready...
partitioned roll out complete: 2 new pods have been updated...
$ kubectl rollout history sts/db
statefulset.apps/db 
REVISION  CHANGE-CAUSE
1         <none>
2         kubectl set image sts/db db=redis:7.4 --record=true

$ kubectl rollout undo sts/db
statefulset.apps/db rolled back
$ kubectl rollout status sts/db
Waiting for partitioned roll out to finish: 0 out of 2 new pods have been updated...
Waiting for 1 pods to be ready...
Waiting for 1 pods to be ready...
Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...
Waiting for 1 pods to be ready...
Waiting for 1 pods to be ready...
partitioned roll out complete: 2 new pods have been updated...
$ kubectl rollout history sts/db
statefulset.apps/db 
REVISION  CHANGE-CAUSE
2         kubectl set image sts/db db=redis:7.4 --record=true
3         <none>

$ kubectl get pods -L controller-revision-hash
NAME   READY   STATUS    RESTARTS   AGE   CONTROLLER-REVISION-HASH
db-0   1/1     Running   0          2s    db-65c686db78
db-1   1/1     Running   0          6s    db-65c686db78
"#,
    );
}

struct Scenario {
    replicas: u64,
    parallel: bool,
    min_ready: u64,
    claims: bool,
}

fn manifest(s: &Scenario, replicas: u64, partition: u64, image: &str) -> String {
    let policy = if s.parallel { "Parallel" } else { "OrderedReady" };
    let claims = if s.claims { "  volumeClaimTemplates:\n  - metadata:\n      name: data\n    spec:\n      accessModes: [ReadWriteOnce]\n      resources:\n        requests:\n          storage: 1Gi\n" } else { "" };
    format!(
        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  replicas: {replicas}\n  podManagementPolicy: {policy}\n  minReadySeconds: {}\n  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      partition: {partition}\n  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n      - name: db\n        image: {image}\n{claims}",
        s.min_ready
    )
}

/// At every tick: with OrderedReady at most one pod within `replicas` is unhealthy (not running
/// and ready, or terminating): pods are created and updated one at a time (pods above
/// `replicas` are removed while the others wait, as processCondemned allows); every pod's
/// claims exist.
fn check_state(sim: &Sim, s: &Scenario, replicas: u64) -> Result<(), String> {
    let store = sim.cluster.store();
    let Some(sts) = store.get::<StatefulSet>(&Key::new("default", "db")) else { return Err("set gone".into()) };
    let pods: Vec<_> = store.pods.iter().filter(|p| p.metadata.controller_ref().is_some_and(|o| o.uid == sts.metadata.uid)).cloned().collect();
    if !s.parallel {
        let in_range = |name: &str| name.strip_prefix("db-").and_then(|n| n.parse::<u64>().ok()).is_some_and(|n| n < replicas);
        let unhealthy: Vec<String> = pods.iter().filter(|p| in_range(&p.metadata.name)).filter(|p| p.metadata.is_deleting() || p.phase() != "Running" || !p.is_ready()).map(|p| p.metadata.name.to_string()).collect();
        if unhealthy.len() > 1 {
            return Err(format!("OrderedReady with {} unhealthy pods: {unhealthy:?}", unhealthy.len()));
        }
    }
    for pod in &pods {
        if s.claims {
            let claim = format!("data-{}", pod.metadata.name);
            if store.get::<PersistentVolumeClaim>(&Key::new("default", &claim)).is_none() {
                return Err(format!("pod {} without its claim {claim}", pod.metadata.name));
            }
        }
    }
    Ok(())
}

/// In the end: `replicas` ready pods named by ordinal; those at or above the partition at the
/// update revision, the others not newer; current and update revisions equal once nothing is
/// partitioned.
fn converged(sim: &Sim, replicas: u64, partition: u64) -> Result<(), String> {
    let store = sim.cluster.store();
    let sts = store.get::<StatefulSet>(&Key::new("default", "db")).ok_or("set gone")?;
    let update = sts.status.update_revision.clone().unwrap_or_default();
    for ordinal in 0..replicas {
        let pod = store.pods.get(&Key::new("default", &format!("db-{ordinal}"))).ok_or(format!("db-{ordinal} missing"))?;
        if !pod.is_ready() || pod.metadata.is_deleting() {
            return Err(format!("db-{ordinal} not ready"));
        }
        if ordinal >= partition && pod.metadata.labels.get(REVISION_LABEL) != Some(&update) {
            return Err(format!("db-{ordinal} not at the update revision {update}"));
        }
    }
    if store.pods.iter().filter(|p| p.metadata.name.starts_with("db-")).count() as u64 != replicas {
        return Err("pods beyond replicas remain".into());
    }
    if partition == 0 && sts.status.current_revision != sts.status.update_revision {
        return Err(format!("current revision {:?} != update revision {update}", sts.status.current_revision));
    }
    Ok(())
}

fn run(seed: u64) -> Result<(), String> {
    let mut rng = Rng::new(seed);
    let s = Scenario { replicas: rng.below(5) + 1, parallel: rng.below(3) == 0, min_ready: rng.below(3), claims: rng.below(2) == 0 };
    let mut sim = Sim::new(seed, Timing::realistic());
    let (mut replicas, mut partition, mut version) = (s.replicas, 0, 1);
    let created = sim.kubectl_stdin("kubectl apply -f -", &manifest(&s, replicas, partition, "img:v1"));
    if created.exit_code != 0 {
        return Err(format!("create failed: {}", created.combined));
    }
    let mut log = format!("replicas {} parallel {} minReady {} claims {};", s.replicas, s.parallel, s.min_ready, s.claims);
    for _ in 0..rng.below(4) + 1 {
        for _ in 0..rng.below(30) {
            sim.run_for(1);
            check_state(&sim, &s, replicas).map_err(|e| format!("{e} ({log} t{})", sim.cluster.now().as_secs()))?;
        }
        match rng.below(4) {
            0 | 1 => version += 1,
            2 => replicas = rng.below(5) + 1,
            _ => partition = rng.below(replicas + 1),
        }
        log.push_str(&format!(" replicas {replicas} partition {partition} v{version};"));
        let out = sim.kubectl_stdin("kubectl apply -f -", &manifest(&s, replicas, partition, &format!("img:v{version}")));
        if out.exit_code != 0 {
            return Err(format!("apply failed: {}", out.combined));
        }
        check_state(&sim, &s, replicas).map_err(|e| format!("after an action: {e} ({log})"))?;
    }
    for _ in 0..150 {
        sim.run_for(1);
        check_state(&sim, &s, replicas).map_err(|e| format!("{e} ({log} t{})", sim.cluster.now().as_secs()))?;
    }
    converged(&sim, replicas, partition).map_err(|e| format!("{e} ({log})\n{}", sim.kubectl("kubectl get sts,pods -L controller-revision-hash").combined))
}

#[test]
fn stateful_set_rollouts_keep_their_order_and_converge() {
    let mut failures = Vec::new();
    for seed in 0..200 {
        if let Err(message) = run(seed) {
            failures.push(format!("seed {seed}: {message}"));
        }
    }
    assert!(failures.is_empty(), "{} of 200 runs broke an invariant:\n{}", failures.len(), failures[..failures.len().min(8)].join("\n"));
}
