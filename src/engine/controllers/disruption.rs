//! The disruption controller (pkg/controller/disruption/disruption.go): keeps each
//! PodDisruptionBudget's status (expected, desired and healthy pods, how many disruptions are
//! allowed now, the pods being evicted) from its pods and their controllers' scale, for the
//! eviction subresource (`engine::eviction`) to check against.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::engine::api::intstr::IntOrString;
use crate::engine::api::pod::Pod;
use crate::engine::api::pod_disruption_budget::{Condition, PodDisruptionBudget, PodDisruptionBudgetStatus, DISRUPTION_ALLOWED, SYNC_FAILED};
use crate::engine::api::selector::LabelSelector;
use crate::engine::clock::{SimTime, Time};
use crate::engine::events::{record, Involved};
use crate::engine::queue::QueueName;
use crate::engine::store::{Key, KeyRef, Kind, Obj, WatchEvent};
use crate::engine::Cluster;

/// The events' source (kube-controller-manager's recorder for this controller).
const COMPONENT: &str = "controllermanager";

/// `DeletionTimeout`: how long an evicted pod may take to go before the controller counts it
/// again.
pub const DELETION_TIMEOUT_SECONDS: i64 = 120;

/// Mirrors `sync` and `trySync`: the pods the budget selects, the expected count and the
/// desired healthy count (from the controllers' scale when the budget is a percentage or a
/// maxUnavailable), the evicted pods still expected to go, the healthy ones; on failure,
/// `failSafe` (no disruption allowed, a SyncFailed condition).
#[inline(never)]
pub fn sync(cluster: &mut Cluster, key: &Key) {
    let Some(pdb) = cluster.store.get::<PodDisruptionBudget>(key) else { return };
    let involved = Involved::of(Kind::PodDisruptionBudget, &pdb.metadata);
    let pods = pods_for(cluster, &pdb);
    if pods.is_empty() {
        record(cluster, &involved, "Normal", "NoPods", "No matching pods found", COMPONENT, "");
    }
    let (expected, desired, unmanaged) = match expected_pod_count(cluster, &pdb, &pods) {
        Ok(counts) => counts,
        Err(error) => {
            record(cluster, &involved, "Warning", "CalculateExpectedPodCountFailed", &format!("Failed to calculate the number of expected pods: {error}"), COMPONENT, "");
            fail_safe(cluster, &pdb, &error);
            return;
        }
    };
    if unmanaged {
        let selector = pdb.spec.selector.as_ref().map_or_else(|| "nil".to_string(), go_selector_string);
        let message = format!(
            "Pods selected by this PodDisruptionBudget (selector: {selector}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set \".spec.minAvailable\" field of the PDB to an integer value."
        );
        record(cluster, &involved, "Warning", "UnmanagedPods", &message, COMPONENT, "");
    }
    let now = cluster.time();
    let (disrupted, recheck) = build_disrupted_pod_map(cluster, &pdb, &pods, now);
    let healthy = count_healthy_pods(&pods, &disrupted, now);
    update_status(cluster, &pdb, healthy, desired, expected, disrupted);
    if let Some(at) = recheck {
        let at = SimTime::from_secs(u64::try_from(at.0).unwrap_or(0));
        cluster.delayed.add_at(at.max(cluster.now()), QueueName::Disruption, key.clone());
    }
}

/// Mirrors `getPodsForPdb`: the namespace's pods the selector matches (no selector: none; an
/// empty one: all).
fn pods_for(cluster: &Cluster, pdb: &PodDisruptionBudget) -> Vec<Rc<Pod>> {
    let Some(selector) = &pdb.spec.selector else { return Vec::new() };
    cluster.store.pods.in_namespace(pdb.metadata.ns()).filter(|pod| selector.matches(&pod.metadata.labels)).cloned().collect()
}

/// Mirrors `getExpectedPodCount`: (expected pods, desired healthy pods, whether some pods have
/// no controller).
fn expected_pod_count(cluster: &Cluster, pdb: &PodDisruptionBudget, pods: &[Rc<Pod>]) -> Result<(i32, i32, bool), String> {
    if let Some(max_unavailable) = &pdb.spec.max_unavailable {
        let (expected, unmanaged) = expected_scale(cluster, pods)?;
        let max_unavailable = max_unavailable.scaled_value(expected, true)?;
        return Ok((expected, (expected - max_unavailable).max(0), unmanaged));
    }
    match &pdb.spec.min_available {
        Some(IntOrString::Int(min_available)) => Ok((pods.len() as i32, *min_available, false)),
        Some(min_available) => {
            let (expected, unmanaged) = expected_scale(cluster, pods)?;
            Ok((expected, min_available.scaled_value(expected, true)?, unmanaged))
        }
        None => Ok((0, 0, false)),
    }
}

/// Mirrors `getExpectedScale`: the sum of the scale of every controller of the pods, each
/// counted once (a Deployment's, not its ReplicaSets', during a rollout). A pod with no
/// controller is unmanaged; one whose controller has no scale is an error.
fn expected_scale(cluster: &Cluster, pods: &[Rc<Pod>]) -> Result<(i32, bool), String> {
    let mut scales: BTreeMap<String, i32> = BTreeMap::new();
    let mut unmanaged = false;
    for pod in pods {
        let Some(owner) = pod.metadata.controller_ref() else {
            unmanaged = true;
            continue;
        };
        if scales.contains_key(owner.uid.as_str()) {
            continue;
        }
        match controller_scale(cluster, pod.metadata.ns(), owner) {
            Some((uid, scale)) => {
                scales.insert(uid, scale);
            }
            None => return Err(format!("found no controllers for pod {:?}", &*pod.metadata.name)),
        }
    }
    Ok((scales.values().sum(), unmanaged))
}

/// The finders in order (`getPodReplicationController`, `getPodDeployment`,
/// `getPodReplicaSet`, `getPodStatefulSet`): the controller's UID and `spec.replicas`.
fn controller_scale(cluster: &Cluster, namespace: &str, owner: &crate::engine::api::meta::OwnerReference) -> Option<(String, i32)> {
    let store = &cluster.store;
    let same = |uid: &str| uid == owner.uid;
    match owner.kind.as_str() {
        "ReplicationController" => {
            let rc = store.get_ref::<crate::engine::api::replication_controller::ReplicationController>(KeyRef(namespace, &owner.name)).filter(|rc| same(&rc.metadata.uid))?;
            Some((rc.metadata.uid.to_string(), rc.replicas()))
        }
        "ReplicaSet" => {
            let rs = store.get_ref::<crate::engine::api::deployment::ReplicaSet>(KeyRef(namespace, &owner.name)).filter(|rs| same(&rs.metadata.uid))?;
            match rs.metadata.controller_ref() {
                Some(parent) if parent.kind == "Deployment" => {
                    let deployment = store.get_ref::<crate::engine::api::deployment::Deployment>(KeyRef(namespace, &parent.name)).filter(|d| d.metadata.uid == parent.uid)?;
                    Some((deployment.metadata.uid.to_string(), deployment.replicas()))
                }
                _ => Some((rs.metadata.uid.to_string(), rs.replicas())),
            }
        }
        "StatefulSet" => {
            let sts = store.get_ref::<crate::engine::api::stateful_set::StatefulSet>(KeyRef(namespace, &owner.name)).filter(|sts| same(&sts.metadata.uid))?;
            Some((sts.metadata.uid.to_string(), sts.replicas()))
        }
        _ => None,
    }
}

/// Mirrors `countHealthyPods`: Ready pods neither being deleted nor evicted in the last
/// `DeletionTimeout`.
fn count_healthy_pods(pods: &[Rc<Pod>], disrupted: &BTreeMap<String, Time>, now: Time) -> i32 {
    pods.iter()
        .filter(|pod| pod.metadata.deletion_timestamp.is_none())
        .filter(|pod| disrupted.get(pod.metadata.name.as_str()).is_none_or(|at| at.0 + DELETION_TIMEOUT_SECONDS <= now.0))
        .filter(|pod| pod.is_ready())
        .count() as i32
}

/// Mirrors `buildDisruptedPodMap`: the evicted pods still there and not yet being deleted,
/// within their timeout (a late one gets a NotDeleted event and counts again), and when to look
/// again.
fn build_disrupted_pod_map(cluster: &mut Cluster, pdb: &PodDisruptionBudget, pods: &[Rc<Pod>], now: Time) -> (BTreeMap<String, Time>, Option<Time>) {
    let mut result = BTreeMap::new();
    let mut recheck: Option<Time> = None;
    for pod in pods {
        if pod.metadata.deletion_timestamp.is_some() {
            continue;
        }
        let Some(&at) = pdb.status.disrupted_pods.get(pod.metadata.name.as_str()) else { continue };
        let expected = Time(at.0 + DELETION_TIMEOUT_SECONDS);
        if expected < now {
            // Sic: the namespace twice, as the Go format's arguments are.
            let message = format!("Pod was expected by PDB {}/{} to be deleted but it wasn't", pdb.metadata.ns(), pdb.metadata.ns());
            record(cluster, &Involved::of(Kind::Pod, &pod.metadata), "Warning", "NotDeleted", &message, COMPONENT, "");
        } else {
            if recheck.is_none_or(|r| expected < r) {
                recheck = Some(expected);
            }
            result.insert(pod.metadata.name.to_string(), at);
        }
    }
    (result, recheck)
}

/// Mirrors `updatePdbStatus`: no disruption allowed while nothing is expected; written only
/// when something changed.
fn update_status(cluster: &mut Cluster, pdb: &PodDisruptionBudget, healthy: i32, desired: i32, expected: i32, disrupted: BTreeMap<String, Time>) {
    let mut allowed = healthy - desired;
    if expected <= 0 || allowed <= 0 {
        allowed = 0;
    }
    let status = &pdb.status;
    if status.current_healthy == healthy
        && status.desired_healthy == desired
        && status.expected_pods == expected
        && status.disruptions_allowed == allowed
        && status.disrupted_pods == disrupted
        && status.observed_generation == pdb.metadata.generation
        && status.conditions_up_to_date(pdb.metadata.generation)
    {
        return;
    }
    let mut written = pdb.clone();
    written.status = PodDisruptionBudgetStatus {
        observed_generation: pdb.metadata.generation,
        disrupted_pods: disrupted,
        disruptions_allowed: allowed,
        current_healthy: healthy,
        desired_healthy: desired,
        expected_pods: expected,
        conditions: pdb.status.conditions.clone(),
    };
    written.status.update_disruption_allowed(cluster.time());
    let _ = cluster.store.update_status(written);
}

/// Mirrors `failSafe`: at least stop evictions, and say why.
fn fail_safe(cluster: &mut Cluster, pdb: &PodDisruptionBudget, error: &str) {
    let mut written = pdb.clone();
    written.status.disruptions_allowed = 0;
    let observed_generation = written.status.observed_generation;
    written.status.set_condition(Condition {
        type_: DISRUPTION_ALLOWED.into(),
        status: "False".into(),
        observed_generation,
        last_transition_time: Some(cluster.time()),
        reason: SYNC_FAILED.into(),
        message: error.to_string(),
    });
    if written.status != pdb.status {
        let _ = cluster.store.update_status(written);
    }
}

/// The controller's informers: a budget added or changed is synced; a pod added, changed or
/// deleted syncs the budgets that select it (`getPdbForPod`).
pub fn observe(cluster: &mut Cluster, event: &WatchEvent) {
    match (event.old.as_ref(), event.new.as_ref()) {
        (old, Some(Obj::PodDisruptionBudget(pdb))) => {
            let changed = match old {
                Some(Obj::PodDisruptionBudget(old)) => old.spec != pdb.spec || old.metadata.generation != pdb.metadata.generation,
                _ => true,
            };
            if changed {
                cluster.disruption_queue.add_ref(KeyRef::of(&pdb.metadata, true));
            }
        }
        (_, Some(Obj::Pod(pod))) | (Some(Obj::Pod(pod)), None) => {
            let keys: Vec<Key> = cluster
                .store
                .pod_disruption_budgets
                .in_namespace(pod.metadata.ns())
                .filter(|pdb| pdb.spec.selector.as_ref().is_some_and(|s| s.matches(&pod.metadata.labels)))
                .map(|pdb| Key::of(&pdb.metadata, true))
                .collect();
            for key in keys {
                cluster.disruption_queue.add(key);
            }
        }
        _ => {}
    }
}

/// A `*metav1.LabelSelector` printed with `%v` (its generated `String()`):
/// `&LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}`.
fn go_selector_string(selector: &LabelSelector) -> String {
    let labels: String = selector.match_labels.iter().map(|(key, value)| format!("{key}: {value},")).collect();
    let expressions: String = selector
        .match_expressions
        .iter()
        .map(|e| format!("LabelSelectorRequirement{{Key:{},Operator:{},Values:[{}],}},", e.key, e.operator, e.values.join(" ")))
        .collect();
    format!("&LabelSelector{{MatchLabels:map[string]string{{{labels}}},MatchExpressions:[]LabelSelectorRequirement{{{expressions}}},}}")
}
