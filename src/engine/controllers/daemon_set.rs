//! The DaemonSet controller: one pod on every node the DaemonSet's pods may run on, replaced node
//! by node when the template changes.
//!
//! Mirrors `pkg/controller/daemon/daemon_controller.go` (`syncDaemonSet`, `manage`,
//! `podsShouldBeOnNode`, `syncNodes`, `updateDaemonSetStatus`, `NodeShouldRunDaemonPod`) and
//! `update.go` (`rollingUpdate`, `findUpdatedPodsOnNode`, `updatedDesiredNodeCounts`) of 1.32.
//! Revisions are identified by the template hash and generation labels; no ControllerRevision
//! objects are stored.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::engine::api::daemon_set::{DaemonSet, REVISION_HASH_LABEL, TEMPLATE_GENERATION_LABEL};
use crate::engine::api::intstr::IntOrString;
use crate::engine::api::meta::{ObjectMeta, OwnerReference};
use crate::engine::api::pod::{Pod, PodSpec};
use crate::engine::api::shared::Shared;
use crate::engine::api::core::Node;
use crate::engine::apiserver;
use crate::engine::events::{record, Involved};
use crate::engine::node_affinity;
use crate::engine::queue::QueueName;
use crate::engine::store::{Key, KeyRef, Kind};
use crate::engine::Cluster;
use crate::order::SharedSort;

const COMPONENT: &str = "daemonset-controller";
/// `--concurrent-daemonset-syncs`' burst (`BurstReplicas`): creates or deletes per sync.
const BURST_REPLICAS: usize = 250;

/// The DaemonSet's key, when something about it changed (its own events, its pods', a node's).
pub fn enqueue(cluster: &mut Cluster, meta: &ObjectMeta) {
    cluster.ds_queue.add_ref(KeyRef::of(meta, true));
}

/// `addNode` / `updateNode` / `deleteNode`: a node change may change where every DaemonSet runs.
pub fn nodes_changed(cluster: &mut Cluster) {
    let keys: Vec<Key> = cluster.store.daemon_sets.iter().map(|ds| Key::of(&ds.metadata, true)).collect();
    for key in keys {
        cluster.ds_queue.add(key);
    }
}

/// `addPod` / `updatePod` / `deletePod`: the pod's controlling DaemonSet, or for an orphan every
/// DaemonSet whose selector matches it (it may adopt it).
pub fn observe_pod(cluster: &mut Cluster, pod: &Pod) {
    if let Some(owner) = pod.metadata.controller_ref() {
        if owner.kind == "DaemonSet" {
            cluster.ds_queue.add(Key::new(pod.metadata.ns(), &owner.name));
        }
        return;
    }
    let keys: Vec<Key> = cluster
        .store
        .daemon_sets
        .in_namespace(pod.metadata.ns())
        .filter(|ds| ds.spec.selector.as_ref().is_some_and(|s| !s.is_empty() && s.matches(&pod.metadata.labels)))
        .map(|ds| Key::of(&ds.metadata, true))
        .collect();
    for key in keys {
        cluster.ds_queue.add(key);
    }
}

/// `syncDaemonSet`.
#[inline(never)]
pub fn sync(cluster: &mut Cluster, key: &Key) {
    let Some(ds) = cluster.store.get::<DaemonSet>(key) else { return };
    if ds.spec.selector.as_ref().is_none_or(|s| s.is_empty()) {
        let involved = Involved::of(Kind::DaemonSet, &ds.metadata);
        record(cluster, &involved, "Warning", "SelectingAll", "This daemon set is selecting all pods. A non-empty selector is required.", COMPONENT, "");
        return;
    }
    if ds.metadata.is_deleting() {
        return;
    }
    let hash = crate::engine::controllers::deployment::util::compute_hash(&ds.spec.template, ds.status.collision_count);
    let nodes: Vec<Rc<Node>> = cluster.store.nodes.iter().cloned().collect();
    let mut failed = manage(cluster, &ds, &nodes, &hash);
    if ds.is_rolling_update() {
        failed |= rolling_update(cluster, &ds, &nodes, &hash);
    }
    update_status(cluster, &ds, &nodes, &hash);
    cluster.sync_done(QueueName::DaemonSet, key, failed);
}

/// `NodeShouldRunDaemonPod`: (should run, should continue running) for `node`.
fn node_should_run(node: &Node, ds: &DaemonSet) -> (bool, bool) {
    let template = &ds.spec.template.spec;
    if template.node_name.as_deref().is_some_and(|name| !name.is_empty() && *name != *node.metadata.name) {
        return (false, false);
    }
    let fits_selector = template.node_selector.iter().all(|(k, v)| node.metadata.labels.get(k) == Some(v));
    if !fits_selector || !node_affinity::required_matches(template, &node.metadata.name, &node.metadata.labels) {
        return (false, false);
    }
    let tolerations = daemon_tolerations(template);
    let taints = &node.spec.taints;
    if node_affinity::has_untolerated(taints, &tolerations, |effect| effect == "NoExecute" || effect == "NoSchedule") {
        // Scheduled daemon pods keep running if they tolerate the NoExecute taints.
        return (false, !node_affinity::has_untolerated(taints, &tolerations, |effect| effect == "NoExecute"));
    }
    (true, true)
}

/// `AddOrUpdateDaemonPodTolerations`: the template's tolerations and those every daemon pod gets.
fn daemon_tolerations(spec: &PodSpec) -> Vec<serde_json::Value> {
    let mut tolerations: Vec<serde_json::Value> = spec.tolerations.to_vec();
    let mut add = |key: &str, effect: &str| {
        let toleration = serde_json::json!({"effect": effect, "key": key, "operator": "Exists"});
        let same = |t: &serde_json::Value| t.get("key") == toleration.get("key") && t.get("effect") == toleration.get("effect") && t.get("operator") == toleration.get("operator");
        if let Some(existing) = tolerations.iter_mut().find(|t| same(t)) {
            *existing = toleration;
        } else {
            tolerations.push(toleration);
        }
    };
    add("node.kubernetes.io/not-ready", "NoExecute");
    add("node.kubernetes.io/unreachable", "NoExecute");
    add("node.kubernetes.io/disk-pressure", "NoSchedule");
    add("node.kubernetes.io/memory-pressure", "NoSchedule");
    add("node.kubernetes.io/pid-pressure", "NoSchedule");
    add("node.kubernetes.io/unschedulable", "NoSchedule");
    if spec.extra.get("hostNetwork").and_then(serde_json::Value::as_bool) == Some(true) {
        add("node.kubernetes.io/network-unavailable", "NoSchedule");
    }
    tolerations
}

/// `getNodesToDaemonPods` after `getDaemonPods`' claim: the DaemonSet's pods by the node they
/// are for, oldest first (`podByCreationTimestampAndPhase`); deleted pods that already finished
/// are left out. Orphans matching the selector are adopted and owned pods that no longer match
/// are released (`ClaimPods`).
fn nodes_to_daemon_pods(cluster: &mut Cluster, ds: &DaemonSet) -> BTreeMap<String, Vec<Rc<Pod>>> {
    let selector = ds.spec.selector.clone().unwrap_or_default();
    let candidates: Vec<Rc<Pod>> = cluster.store.pods.in_namespace(ds.metadata.ns()).cloned().collect();
    let claimed = crate::engine::controllers::claim_pods(cluster, &ds.metadata, "apps/v1", "DaemonSet", candidates, |pod| selector.matches(&pod.metadata.labels));
    let mut by_node: BTreeMap<String, Vec<Rc<Pod>>> = BTreeMap::new();
    for pod in claimed {
        let finished = matches!(pod.phase(), "Succeeded" | "Failed");
        if finished && pod.metadata.is_deleting() {
            continue;
        }
        if let Some(node) = node_affinity::target_node(&pod.spec) {
            by_node.entry(node).or_default().push(pod);
        }
    }
    for pods in by_node.values_mut() {
        pods.shared_sort_by(|a, b| oldest_first(a, b));
    }
    by_node
}

/// `podByCreationTimestampAndPhase`: scheduled pods first, then by creation time, then name.
fn oldest_first(a: &Pod, b: &Pod) -> std::cmp::Ordering {
    b.spec.node_name.is_some().cmp(&a.spec.node_name.is_some()).then(a.metadata.creation_timestamp.cmp(&b.metadata.creation_timestamp)).then_with(|| a.metadata.name.cmp(&b.metadata.name))
}

/// `IsPodUpdated`: the pod carries the current hash or the current template generation.
fn is_updated(pod: &Pod, ds: &DaemonSet, hash: &str) -> bool {
    let labels = &pod.metadata.labels;
    let generation_matches = ds.template_generation().is_some_and(|g| labels.get(TEMPLATE_GENERATION_LABEL).is_some_and(|l| *l == g.to_string()));
    labels.get(REVISION_HASH_LABEL).is_some_and(|h| h == hash) || generation_matches
}

/// `manage`: the nodes needing a daemon pod and the pods to delete, then `syncNodes`. True when
/// a create or delete failed.
fn manage(cluster: &mut Cluster, ds: &Rc<DaemonSet>, nodes: &[Rc<Node>], hash: &str) -> bool {
    let by_node = nodes_to_daemon_pods(cluster, ds);
    let involved = Involved::of(Kind::DaemonSet, &ds.metadata);
    let mut needing = Vec::new();
    let mut to_delete: Vec<Rc<Pod>> = Vec::new();
    let surge = allows_surge(ds);
    for node in nodes {
        let (should_run, should_continue) = node_should_run(node, ds);
        let pods = by_node.get(&*node.metadata.name).map(Vec::as_slice).unwrap_or_default();
        let exists = !pods.is_empty();
        if should_run && !exists {
            needing.push(node.metadata.name.to_string());
        } else if should_continue {
            let mut running = Vec::new();
            for pod in pods.iter().filter(|p| !p.metadata.is_deleting()) {
                match pod.phase() {
                    "Failed" => {
                        let message = format!("Found failed daemon pod {}/{} on node {}, will try to kill it", pod.metadata.ns(), pod.metadata.name, node.metadata.name);
                        record(cluster, &involved, "Warning", "FailedDaemonPod", &message, COMPONENT, "");
                        to_delete.push(pod.clone());
                    }
                    "Succeeded" => {
                        let message = format!("Found succeeded daemon pod {}/{} on node {}, will try to delete it", pod.metadata.ns(), pod.metadata.name, node.metadata.name);
                        record(cluster, &involved, "Normal", "SucceededDaemonPod", &message, COMPONENT, "");
                        to_delete.push(pod.clone());
                    }
                    _ => running.push(pod.clone()),
                }
            }
            if !surge {
                // More than one running pod on a node: all but the oldest go.
                to_delete.extend(running.into_iter().skip(1));
            } else if running.is_empty() {
                if should_run {
                    needing.push(node.metadata.name.to_string());
                }
            } else if running.len() > 1 {
                // Surging: keep the oldest new and the oldest old pod; the old one goes once it is
                // not ready or the new one is available.
                let (mut newest, mut oldest_old) = (None, None);
                for pod in running {
                    let slot = if is_updated(&pod, ds, hash) { &mut newest } else { &mut oldest_old };
                    if slot.is_none() {
                        *slot = Some(pod);
                    } else {
                        to_delete.push(pod);
                    }
                }
                if let (Some(new), Some(old)) = (newest, oldest_old) {
                    if !old.is_ready() || new.is_available(ds.min_ready_seconds(), cluster.time()) {
                        to_delete.push(old);
                    }
                }
            }
        } else if exists {
            to_delete.extend(pods.iter().filter(|p| !p.metadata.is_deleting()).cloned());
        }
    }
    // Unscheduled pods for nodes that no longer exist.
    for (node, pods) in &by_node {
        if !nodes.iter().any(|n| *n.metadata.name == **node) {
            to_delete.extend(pods.iter().filter(|p| p.spec.node_name.is_none()).cloned());
        }
    }
    sync_nodes(cluster, ds, &to_delete, &needing, hash)
}

/// `AllowsSurge`: a RollingUpdate with a non-zero maxSurge.
fn allows_surge(ds: &DaemonSet) -> bool {
    ds.is_rolling_update() && ds.spec.update_strategy.rolling_update.as_ref().and_then(|r| r.max_surge.as_ref()).is_some_and(|s| s.scaled_value(100, true).is_ok_and(|v| v != 0))
}

/// `syncNodes`: delete the pods, create one pod per node in slow-start batches (1, 2, 4, ...),
/// at most `BURST_REPLICAS` of each per sync. True when one failed.
fn sync_nodes(cluster: &mut Cluster, ds: &Rc<DaemonSet>, to_delete: &[Rc<Pod>], needing: &[String], hash: &str) -> bool {
    let involved = Involved::of(Kind::DaemonSet, &ds.metadata);
    let create = needing.len().min(BURST_REPLICAS);
    let mut failed = false;
    let mut position = 0;
    let mut batch = create.min(1);
    while position < create && !failed {
        for node in &needing[position..position + batch] {
            match apiserver::create_pod(cluster, new_pod(ds, node, hash)) {
                Ok(pod) => record(cluster, &involved, "Normal", "SuccessfulCreate", &format!("Created pod: {}", pod.metadata.name), COMPONENT, ""),
                Err(error) => {
                    record(cluster, &involved, "Warning", "FailedCreate", &format!("Error creating: {}", error.message()), COMPONENT, "");
                    failed = true;
                }
            }
        }
        position += batch;
        batch = (2 * batch).min(create - position);
    }
    for pod in to_delete.iter().take(BURST_REPLICAS) {
        let key = Key::of(&pod.metadata, true);
        match apiserver::delete_pod(cluster, &key, None) {
            Ok(()) => record(cluster, &involved, "Normal", "SuccessfulDelete", &format!("Deleted pod: {}", pod.metadata.name), COMPONENT, ""),
            Err(crate::engine::error::ApiError::NotFound { .. }) => {}
            Err(error) => {
                record(cluster, &involved, "Warning", "FailedDelete", &format!("Error deleting: {}", error.message()), COMPONENT, "");
                failed = true;
            }
        }
    }
    failed
}

/// `CreatePodTemplate` with `ReplaceDaemonSetPodNodeNameNodeAffinity`: the template with the
/// generation and hash labels, the daemon tolerations, and required affinity to `node` by name.
fn new_pod(ds: &DaemonSet, node: &str, hash: &str) -> Pod {
    let template = &ds.spec.template;
    let mut labels = template.metadata.labels.clone();
    if let Some(generation) = ds.template_generation() {
        labels.insert(TEMPLATE_GENERATION_LABEL.to_string(), generation.to_string());
    }
    labels.insert(REVISION_HASH_LABEL.to_string(), hash.to_string());
    let mut spec = template.spec.clone();
    spec.tolerations = Shared::new(daemon_tolerations(&template.spec));
    let term = serde_json::json!({"matchFields": [{"key": "metadata.name", "operator": "In", "values": [node]}]});
    let mut affinity = spec.extra.get("affinity").cloned().unwrap_or_else(|| serde_json::json!({}));
    let required = serde_json::json!({"nodeSelectorTerms": [term]});
    match affinity.get_mut("nodeAffinity").and_then(serde_json::Value::as_object_mut) {
        Some(node_affinity) => match node_affinity.get_mut("requiredDuringSchedulingIgnoredDuringExecution").and_then(serde_json::Value::as_object_mut) {
            Some(existing) => {
                existing.insert("nodeSelectorTerms".to_string(), serde_json::json!([term]));
            }
            None => {
                node_affinity.insert("requiredDuringSchedulingIgnoredDuringExecution".to_string(), required);
            }
        },
        None => {
            if let Some(object) = affinity.as_object_mut() {
                object.insert("nodeAffinity".to_string(), serde_json::json!({"requiredDuringSchedulingIgnoredDuringExecution": required}));
            }
        }
    }
    spec.extra.insert("affinity".to_string(), affinity);
    Pod {
        metadata: ObjectMeta {
            generate_name: Some(format!("{}-", ds.metadata.name).into()),
            namespace: Some(ds.metadata.ns_text()),
            labels,
            annotations: template.metadata.annotations.clone(),
            owner_references: Shared::new(vec![OwnerReference::controller_of("apps/v1", "DaemonSet", &ds.metadata)]),
            ..Default::default()
        },
        spec: Rc::new(spec),
        status: Default::default(),
    }
}

/// `findUpdatedPodsOnNode`: the node's one new and one old live pod; `None` when it has more
/// than one of either (the manage loop cleans that up first).
fn updated_pods_on_node<'a>(pods: &'a [Rc<Pod>], ds: &DaemonSet, hash: &str) -> Option<(Option<&'a Rc<Pod>>, Option<&'a Rc<Pod>>)> {
    let (mut new, mut old) = (None, None);
    for pod in pods.iter().filter(|p| !p.metadata.is_deleting()) {
        let slot = if is_updated(pod, ds, hash) { &mut new } else { &mut old };
        if slot.is_some() {
            return None;
        }
        *slot = Some(pod);
    }
    Some((new, old))
}

/// `updatedDesiredNodeCounts`: (maxSurge, maxUnavailable) over the nodes that should run a
/// pod, rounded up; both 0 would stall, so maxUnavailable is then 1.
fn desired_counts(ds: &DaemonSet, nodes: &[Rc<Node>]) -> (i64, i64) {
    let desired = nodes.iter().filter(|n| node_should_run(n, ds).0).count() as i64;
    let rolling = ds.spec.update_strategy.rolling_update.clone().unwrap_or_default();
    let value = |v: Option<IntOrString>, default: i32| i64::from(v.unwrap_or(IntOrString::Int(default)).scaled_value(desired as i32, true).unwrap_or(0));
    let (surge, unavailable) = (value(rolling.max_surge, 0), value(rolling.max_unavailable, 1));
    if surge == 0 && unavailable == 0 {
        return (0, 1);
    }
    (surge, unavailable)
}

/// `rollingUpdate`: without surge, delete old pods while the unavailable ones stay within
/// maxUnavailable (the manage loop then creates their replacements once they are gone); with
/// surge, create new pods next to old available ones, up to maxSurge at a time, and delete an
/// old pod once its node's new pod is available. True when a create or delete failed.
fn rolling_update(cluster: &mut Cluster, ds: &Rc<DaemonSet>, nodes: &[Rc<Node>], hash: &str) -> bool {
    let by_node = nodes_to_daemon_pods(cluster, ds);
    let (max_surge, max_unavailable) = desired_counts(ds, nodes);
    let now = cluster.time();
    let min_ready = ds.min_ready_seconds();
    if max_surge == 0 {
        let mut unavailable = 0i64;
        let (mut replacements, mut candidates): (Vec<Rc<Pod>>, Vec<Rc<Pod>>) = (Vec::new(), Vec::new());
        for pods in by_node.values() {
            let Some((new, old)) = updated_pods_on_node(pods, ds, hash) else {
                unavailable += 1;
                continue;
            };
            match (new, old) {
                (None, None) | (Some(_), Some(_)) => unavailable += 1,
                (Some(new), None) => {
                    if !new.is_available(min_ready, now) {
                        unavailable += 1;
                    }
                }
                (None, Some(old)) => {
                    if !old.is_available(min_ready, now) {
                        replacements.push(old.clone());
                        unavailable += 1;
                    } else if unavailable < max_unavailable {
                        candidates.push(old.clone());
                    }
                }
            }
        }
        let remaining = (max_unavailable - unavailable).clamp(0, candidates.len() as i64) as usize;
        replacements.extend(candidates.into_iter().take(remaining));
        return sync_nodes(cluster, ds, &replacements, &[], hash);
    }
    let mut surging = 0i64;
    let (mut allowed_new, mut candidate_new, mut old_to_delete): (Vec<String>, Vec<String>, Vec<Rc<Pod>>) = (Vec::new(), Vec::new(), Vec::new());
    for (node, pods) in &by_node {
        let Some((new, old)) = updated_pods_on_node(pods, ds, hash) else { continue };
        if let Some(node_object) = nodes.iter().find(|n| *n.metadata.name == **node) {
            if !node_should_run(node_object, ds).0 {
                continue;
            }
        }
        match (new, old) {
            (None, Some(old)) => {
                if !old.is_available(min_ready, now) {
                    allowed_new.push(node.clone());
                } else {
                    candidate_new.push(node.clone());
                }
            }
            (Some(new), Some(old)) => {
                if new.is_available(min_ready, now) {
                    old_to_delete.push(old.clone());
                } else {
                    surging += 1;
                }
            }
            _ => {}
        }
    }
    let remaining = (max_surge - surging).clamp(0, candidate_new.len() as i64) as usize;
    allowed_new.extend(candidate_new.into_iter().take(remaining));
    sync_nodes(cluster, ds, &old_to_delete, &allowed_new, hash)
}

/// `updateDaemonSetStatus` and `storeDaemonSetStatus`: counts over the nodes that should run a
/// pod (their oldest pod), written only when they changed; a resync after minReadySeconds while
/// ready pods are not yet available.
fn update_status(cluster: &mut Cluster, ds: &Rc<DaemonSet>, nodes: &[Rc<Node>], hash: &str) {
    let by_node = nodes_to_daemon_pods(cluster, ds);
    let now = cluster.time();
    let min_ready = ds.min_ready_seconds();
    let (mut desired, mut current, mut misscheduled, mut ready, mut updated, mut available) = (0, 0, 0, 0, 0, 0);
    for node in nodes {
        let should_run = node_should_run(node, ds).0;
        let pods = by_node.get(&*node.metadata.name).filter(|p| !p.is_empty());
        match (should_run, pods) {
            (true, Some(pods)) => {
                desired += 1;
                current += 1;
                let pod = &pods[0];
                if pod.is_ready() {
                    ready += 1;
                    if pod.is_available(min_ready, now) {
                        available += 1;
                    }
                }
                if is_updated(pod, ds, hash) {
                    updated += 1;
                }
            }
            (true, None) => desired += 1,
            (false, Some(_)) => misscheduled += 1,
            (false, None) => {}
        }
    }
    let Some(latest) = cluster.store.get::<DaemonSet>(&Key::of(&ds.metadata, true)) else { return };
    let status = &latest.status;
    let same = (status.desired_number_scheduled, status.current_number_scheduled, status.number_misscheduled, status.number_ready, status.updated_number_scheduled, status.number_available, status.number_unavailable)
        == (desired, current, misscheduled, ready, updated, available, desired - available);
    if !(same && status.observed_generation >= latest.metadata.generation) {
        let mut next = (*latest).clone();
        next.status.observed_generation = latest.metadata.generation;
        next.status.desired_number_scheduled = desired;
        next.status.current_number_scheduled = current;
        next.status.number_misscheduled = misscheduled;
        next.status.number_ready = ready;
        next.status.updated_number_scheduled = updated;
        next.status.number_available = available;
        next.status.number_unavailable = desired - available;
        if cluster.store.update_status(next).is_err() {
            cluster.ds_queue.add(Key::of(&ds.metadata, true));
            return;
        }
    }
    if min_ready > 0 && ready != available {
        cluster.enqueue_after(QueueName::DaemonSet, Key::of(&ds.metadata, true), min_ready as u64 * 1000);
    }
}

