//! Table tests over the real controller's outputs (shared/reference/unit-cases.json):
//! all 1,920 ResolveFenceposts cases, NewRSNewReplicas, and proportional scaling.

use std::rc::Rc;

use kubeplay::engine::api::deployment::{Deployment, ReplicaSet};
use kubeplay::engine::api::intstr::IntOrString;
use kubeplay::engine::controllers::deployment::util;
use kubeplay::engine::store::Key;
use kubeplay::engine::timing::Timing;

use crate::support::{fixture_json, Sim};

/// `intstr.Parse`: a numeric string is an int, anything else a string.
fn intstr(value: &serde_json::Value) -> IntOrString {
    match value {
        serde_json::Value::Number(n) => IntOrString::Int(n.as_i64().unwrap() as i32),
        serde_json::Value::String(s) => match s.parse::<i32>() {
            Ok(n) => IntOrString::Int(n),
            Err(_) => IntOrString::Str(s.clone()),
        },
        other => panic!("not an IntOrString: {other}"),
    }
}

#[test]
fn resolve_fenceposts_all_cases() {
    let cases = fixture_json("reference/unit-cases.json")["resolveFenceposts"]["cases"].as_array().unwrap().clone();
    assert_eq!(cases.len(), 1920);
    let mut failures = Vec::new();
    for case in &cases {
        let replicas = case["replicas"].as_i64().unwrap() as i32;
        let got = util::resolve_fenceposts(Some(&intstr(&case["maxSurge"])), Some(&intstr(&case["maxUnavailable"])), replicas);
        let expected = (case["resolvedMaxSurge"].as_i64().unwrap() as i32, case["resolvedMaxUnavailable"].as_i64().unwrap() as i32);
        if got != Ok(expected) {
            failures.push(format!("{case}: got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{} of 1920 differ:\n{}", failures.len(), failures.join("\n"));
}

fn deployment_with(replicas: i32, max_surge: &serde_json::Value, max_unavailable: &serde_json::Value) -> Deployment {
    let mut d = Deployment::default();
    d.metadata.name = "web".into();
    d.spec.replicas = Some(replicas);
    d.spec.strategy.type_ = Some("RollingUpdate".into());
    d.spec.strategy.rolling_update = Some(kubeplay::engine::api::deployment::RollingUpdateDeployment {
        max_surge: Some(intstr(max_surge)),
        max_unavailable: Some(intstr(max_unavailable)),
    });
    d
}

fn replica_set(replicas: i32) -> Rc<ReplicaSet> {
    let mut rs = ReplicaSet::default();
    rs.spec.replicas = Some(replicas);
    Rc::new(rs)
}

#[test]
fn new_rs_new_replicas_cases() {
    let cases = fixture_json("reference/unit-cases.json")["newRSNewReplicas"]["cases"].as_array().unwrap().clone();
    for case in &cases {
        let d = deployment_with(case["deploymentReplicas"].as_i64().unwrap() as i32, &case["maxSurge"], &case["maxUnavailable"]);
        let new_rs = case["newRSSpecReplicas"].as_i64().unwrap() as i32;
        let mut all: Vec<Rc<ReplicaSet>> = case["oldRSSpecReplicas"].as_array().unwrap().iter().map(|r| replica_set(r.as_i64().unwrap() as i32)).collect();
        all.push(replica_set(new_rs));
        let got = util::new_rs_new_replicas(&d, &all, new_rs);
        assert_eq!(got, Ok(case["newRSNewReplicas"].as_i64().unwrap() as i32), "{case}");
    }
}

/// The real `DeploymentController.scale()` on hand-built ReplicaSets, run through the engine:
/// the RSs exist in the store with the given sizes and annotations, and a paused Deployment whose
/// replicas changed is synced (the paused path only scales).
/// `r2-new` -> `new`.
fn strip_revision(word: &str) -> &str {
    match word.split_once('-') {
        Some((rev, rest)) if rev.starts_with('r') && rev[1..].parse::<u32>().is_ok() => rest,
        _ => word,
    }
}

/// An IntOrString as YAML: numbers bare, percentages quoted.
fn yaml_intstr(value: &serde_json::Value) -> String {
    match intstr(value) {
        IntOrString::Int(n) => n.to_string(),
        IntOrString::Str(s) => format!("\"{s}\""),
    }
}

#[test]
fn proportional_scaling_cases() {
    let cases = fixture_json("reference/unit-cases.json")["proportionalScaling"]["cases"].as_array().unwrap().clone();
    for case in &cases {
        let description = case["description"].as_str().unwrap();
        let mut sim = Sim::new(1, Timing::reference());
        let before = case["before"].as_array().unwrap();
        let newest = before.iter().map(|b| b["revision"].as_i64().unwrap()).max().unwrap();
        // The Deployment's template is the newest RS's; the others differ by image.
        let manifest = |replicas: i64, image: &str| {
            format!(
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  paused: true\n  replicas: {replicas}\n  strategy:\n    rollingUpdate:\n      maxSurge: {}\n      maxUnavailable: {}\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: app\n        image: {image}\n",
                yaml_intstr(&case["maxSurge"]),
                yaml_intstr(&case["maxUnavailable"])
            )
        };
        let previous = case["previousDeploymentReplicas"].as_i64().unwrap();
        let created = sim.kubectl_stdin("kubectl apply -f -", &manifest(previous, &format!("img:v{newest}")));
        assert_eq!(created.exit_code, 0, "{description}: {}", created.combined);
        let uid = sim.cluster.store().deployments.get(&Key::new("default", "web")).unwrap().metadata.uid.clone();
        // Remove what the paused controller made, then place the case's ReplicaSets.
        for rs in sim.cluster.store().replica_sets.iter().cloned().collect::<Vec<_>>() {
            sim.kubectl(&format!("kubectl delete rs {} --cascade=orphan --wait=false", rs.metadata.name));
        }
        // All ReplicaSets in one command, so the controller first sees them together. They are
        // created in the same second, so names starting with the revision keep the age order.
        let mut documents = String::new();
        for b in before {
            let revision = b["revision"].as_i64().unwrap();
            let name = format!("r{revision}-{}", b["name"].as_str().unwrap());
            documents.push_str(&format!(
                "---\napiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: {name}\n  labels:\n    app: web\n  annotations:\n    deployment.kubernetes.io/revision: \"{revision}\"\n    deployment.kubernetes.io/desired-replicas: \"{}\"\n    deployment.kubernetes.io/max-replicas: \"{}\"\n  ownerReferences:\n  - apiVersion: apps/v1\n    kind: Deployment\n    name: web\n    uid: {uid}\n    controller: true\n    blockOwnerDeletion: true\nspec:\n  replicas: {}\n  selector:\n    matchLabels:\n      app: web\n      rev: \"{revision}\"\n  template:\n    metadata:\n      labels:\n        app: web\n        rev: \"{revision}\"\n    spec:\n      containers:\n      - name: app\n        image: img:v{revision}\n",
                b["desiredReplicasAnnotation"],
                b["maxReplicasAnnotation"],
                b["specReplicas"]
            ));
        }
        let out = sim.kubectl_stdin("kubectl create -f -", &documents);
        assert_eq!(out.exit_code, 0, "{description}: {}", out.combined);
        for b in before {
            let name = format!("r{}-{}", b["revision"], b["name"].as_str().unwrap());
            let rs = sim.cluster.store().replica_sets.get(&Key::new("default", &name)).unwrap().clone();
            assert_eq!(i64::from(rs.spec.replicas.unwrap()), b["specReplicas"].as_i64().unwrap(), "{description}: the paused controller left {name} alone");
        }
        // The newest RS must carry the Deployment's template: same labels as the template.
        let template_labels = format!("      labels:\n        app: web\n        rev: \"{newest}\"\n");
        let updated = manifest(case["newDeploymentReplicas"].as_i64().unwrap(), &format!("img:v{newest}"))
            .replace("      labels:\n        app: web\n    spec:", &format!("{template_labels}    spec:"));
        let events_before = sim.cluster.events().emitted().len();
        let applied = sim.kubectl_stdin("kubectl apply -f -", &updated);
        assert_eq!(applied.exit_code, 0, "{description}: {}", applied.combined);
        let events: Vec<String> = sim.cluster.events().emitted()[events_before..]
            .iter()
            .filter(|e| e.reason == "ScalingReplicaSet")
            .map(|e| {
                let message = e.message.split(" from ").next().unwrap();
                let message = message.split_whitespace().map(|w| strip_revision(w)).collect::<Vec<_>>().join(" ");
                format!("{} {} {message}", e.type_, e.reason)
            })
            .collect();
        let expected_events: Vec<String> = case["events"].as_array().unwrap().iter().map(|e| e.as_str().unwrap().to_string()).collect();
        assert_eq!(events, expected_events, "{description}\n{}", sim.kubectl("kubectl get rs --show-labels").combined);
        for (name, replicas) in case["afterSpecReplicas"].as_object().unwrap() {
            let revision = before.iter().find(|b| b["name"] == name.as_str()).unwrap()["revision"].clone();
            let rs = sim.cluster.store().replica_sets.get(&Key::new("default", &format!("r{revision}-{name}"))).unwrap().clone();
            assert_eq!(i64::from(rs.spec.replicas.unwrap()), replicas.as_i64().unwrap(), "{description}: {name}");
            let annotations = &case["afterAnnotations"][name];
            assert_eq!(rs.metadata.annotation("deployment.kubernetes.io/desired-replicas"), annotations["desired-replicas"].as_str(), "{description}: {name}");
            assert_eq!(rs.metadata.annotation("deployment.kubernetes.io/max-replicas"), annotations["max-replicas"].as_str(), "{description}: {name}");
        }
    }
}
