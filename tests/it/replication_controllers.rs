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

/// Over random runs (pods deleted, labelled out and back, the controller scaled), after every
/// action and every tick the controller owns exactly `replicas` active pods, each matching its
/// selector, and no active pod matching the selector is left without an owner.
#[test]
fn a_replication_controller_always_owns_exactly_its_replicas() {
    use kubeplay::engine::rng::Rng;
    use kubeplay::engine::timing::Timing;
    let manifest = |replicas: u64| format!("apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: kubia\nspec:\n  replicas: {replicas}\n  selector:\n    app: kubia\n  template:\n    metadata:\n      labels:\n        app: kubia\n    spec:\n      containers:\n      - name: kubia\n        image: luksa/kubia\n");
    let mut failures = Vec::new();
    for seed in 0..150u64 {
        let mut rng = Rng::new(seed);
        let mut sim = crate::support::Sim::new(seed, Timing::realistic());
        let mut replicas = rng.below(5) + 1;
        sim.kubectl_stdin("kubectl apply -f -", &manifest(replicas));
        let check = |sim: &crate::support::Sim, replicas: u64| -> Result<(), String> {
            let store = sim.cluster.store();
            let active: Vec<_> = store.pods.iter().filter(|p| p.is_active()).collect();
            let owned = active.iter().filter(|p| p.metadata.controller_ref().is_some_and(|o| o.kind == "ReplicationController")).count() as u64;
            let stray = active.iter().filter(|p| p.metadata.labels.get("app").is_some_and(|a| a == "kubia") && p.metadata.controller_ref().is_none()).count();
            if owned != replicas || stray > 0 {
                return Err(format!("{owned} owned active pods for {replicas} replicas, {stray} matching orphans"));
            }
            Ok(())
        };
        let mut log = String::new();
        let result = (|| -> Result<(), String> {
            for _ in 0..8 {
                let names: Vec<String> = sim.cluster.store().pods.iter().filter(|p| p.is_active()).map(|p| p.metadata.name.to_string()).collect();
                let pick = names.get(rng.below(names.len().max(1) as u64) as usize).cloned().unwrap_or_default();
                match rng.below(4) {
                    0 => { sim.kubectl(&format!("kubectl delete pod {pick} --wait=false")); log.push_str(" delete"); }
                    1 => { sim.kubectl(&format!("kubectl label pod {pick} app=foo --overwrite")); log.push_str(" out"); }
                    2 => { sim.kubectl(&format!("kubectl label pod {pick} app=kubia --overwrite")); log.push_str(" in"); }
                    _ => { replicas = rng.below(5) + 1; sim.kubectl_stdin("kubectl apply -f -", &manifest(replicas)); log.push_str(&format!(" scale {replicas}")); }
                }
                check(&sim, replicas)?;
                for _ in 0..rng.below(8) {
                    sim.run_for(1);
                    check(&sim, replicas)?;
                }
            }
            Ok(())
        })();
        if let Err(message) = result {
            failures.push(format!("seed {seed}: {message} ({log})"));
        }
    }
    assert!(failures.is_empty(), "{} of 150 runs broke the invariant:\n{}", failures.len(), failures[..failures.len().min(8)].join("\n"));
}
