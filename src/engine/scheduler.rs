//! The scheduler: binds each pending pod to a node where its requests fit, spreading a
//! workload's pods, or leaves it Pending with a FailedScheduling event.
//!
//! Mirrors the shape of kube-scheduler's default profile: filter (NodeResourcesFit, unschedulable
//! nodes, nodeSelector), score a sample of feasible nodes (`percentageOfNodesToScore`, adaptive:
//! 50% - nodes/125, at least 100 nodes), prefer fewer pods of the same owner (PodTopologySpread's
//! system defaults) then the least allocated node, ties broken by the seeded RNG.

use std::collections::HashMap;

use crate::engine::key_set::KeySet;
use crate::engine::fast_hash::FastHash;
use std::borrow::Cow;
use std::rc::Rc;

use crate::engine::api::core::Node;
use crate::engine::api::pod::{Pod, PodCondition};
use crate::engine::api::text::Text;
use crate::engine::events::{record, Involved};
use crate::engine::store::{Key, KeyRef, Kind};
use crate::engine::Cluster;

/// Requests as the scheduler counts them (pods without requests count the non-zero defaults).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    pub cpu_milli: i64,
    pub memory: i64,
    pub pods: i64,
}

/// What the scheduler knows of a node, parsed once per node change.
#[derive(Debug, Clone)]
struct NodeSlot {
    name: Text,
    capacity: Usage,
    usage: Usage,
    ready: bool,
    unschedulable: bool,
    /// The node's NoSchedule and NoExecute taints.
    taints: Vec<serde_json::Value>,
    labels: std::collections::BTreeMap<String, String>,
}

/// What the scan of `choose_node` reads of a node, packed (40 bytes, in node order) and derived
/// from its `NodeSlot` whenever the usage changes: `blocked` when the node is not ready or
/// cordoned, the room left, and the least-allocated score's input (so scoring does not divide). A node that passes these checks
/// without a nodeSelector is feasible; anything else is looked at in full for its reason.
#[derive(Debug, Clone, Copy, Default)]
struct NodeHot {
    blocked: bool,
    pods_free: i64,
    cpu_free: i64,
    memory_free: i64,
    load: i64,
}

impl NodeHot {
    fn of(node: &NodeSlot) -> NodeHot {
        NodeHot {
            blocked: !node.ready || node.unschedulable || !node.taints.is_empty(),
            pods_free: node.capacity.pods - node.usage.pods,
            cpu_free: node.capacity.cpu_milli - node.usage.cpu_milli,
            memory_free: node.capacity.memory - node.usage.memory,
            load: load_of(node.capacity, node.usage),
        }
    }
}

/// Pods and CPU in use, each per mille of the node's allocatable (lower is emptier).
fn load_of(capacity: Usage, used: Usage) -> i64 {
    used.pods * 1000 / capacity.pods.max(1) + used.cpu_milli * 1000 / capacity.cpu_milli.max(1)
}

#[derive(Debug, Clone, Default)]
pub struct Scheduler {
    pending: KeySet,
    unschedulable: KeySet,
    /// When each unschedulable pod last failed (its `PodInfo.Timestamp`), for the leftover flush.
    unschedulable_since: std::collections::BTreeMap<Key, crate::engine::clock::SimTime>,
    /// Nodes in name order; rebuilt (with usage) from the store when `dirty`.
    nodes: Vec<NodeSlot>,
    /// `NodeHot::of` each of `nodes`, kept in step with them.
    hot: Vec<NodeHot>,
    index: HashMap<Text, usize, FastHash>,
    dirty: bool,
    /// Pods per node of each owner (by owner UID), indexed like `nodes`.
    by_owner: HashMap<String, Vec<i64>, FastHash>,
    next_start: usize,
    /// `choose_node`'s list of equally scored nodes, kept between pods for its capacity.
    draws: Vec<usize>,
}

impl Scheduler {
    pub fn has_work(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Requests of the pods bound to a node.
    pub fn usage(&self, node: &str) -> Usage {
        self.index.get(node).map(|i| self.nodes[*i].usage).unwrap_or_default()
    }

    /// Marks the node table stale (a node was added, changed or removed).
    pub fn nodes_changed(&mut self) {
        self.dirty = true;
    }

    fn account(&mut self, pod: &Pod, sign: i64) {
        let Some(node) = pod.spec.node_name.as_deref() else { return };
        let Some(&slot) = self.index.get(node) else { return };
        let requests = pod_requests(pod);
        let node = &mut self.nodes[slot];
        node.usage.cpu_milli += sign * requests.cpu_milli;
        node.usage.memory += sign * requests.memory;
        node.usage.pods += sign;
        self.hot[slot] = NodeHot::of(node);
        if let Some(owner) = owner_uid(pod) {
            if !self.by_owner.contains_key(owner) {
                self.by_owner.insert(owner.to_string(), vec![0; self.nodes.len()]);
            }
            let counts = self.by_owner.get_mut(owner).expect("inserted above");
            counts[slot] += sign;
        }
    }
}

/// Rebuilds the node table and the per-node accounting from the store, if stale.
fn ensure_nodes(cluster: &mut Cluster) {
    if !cluster.scheduler.dirty && !cluster.scheduler.nodes.is_empty() {
        return;
    }
    let nodes: Vec<NodeSlot> = cluster
        .store
        .nodes
        .iter()
        .map(|n| NodeSlot {
            name: n.metadata.name.clone(),
            capacity: allocatable(n),
            usage: Usage::default(),
            ready: n.is_ready(),
            unschedulable: n.spec.unschedulable == Some(true),
            // The TaintToleration filter looks at NoSchedule and NoExecute taints only
            // (PreferNoSchedule is a score).
            taints: n.spec.taints.iter().filter(|t| matches!(t.get("effect").and_then(|e| e.as_str()), Some("NoSchedule" | "NoExecute"))).cloned().collect(),
            labels: (*n.metadata.labels).clone(),
        })
        .collect();
    let scheduler = &mut cluster.scheduler;
    scheduler.index = nodes.iter().enumerate().map(|(i, n)| (n.name.clone(), i)).collect();
    scheduler.hot = nodes.iter().map(NodeHot::of).collect();
    scheduler.nodes = nodes;
    scheduler.by_owner.clear();
    scheduler.dirty = false;
    let pods: Vec<Rc<Pod>> = cluster.store.pods.iter().filter(|p| counts_on_node(p)).cloned().collect();
    for pod in pods {
        cluster.scheduler.account(&pod, 1);
    }
}

fn counts_on_node(pod: &Pod) -> bool {
    pod.spec.node_name.is_some() && !matches!(pod.phase(), "Succeeded" | "Failed")
}

/// Parses a CPU quantity to millicores (`100m`, `0.5`, `2`), rounded up (`MilliValue`).
pub fn parse_cpu(text: &str) -> Option<i64> {
    crate::engine::api::quantity::Quantity::parse(text).map(|q| q.milli_value())
}

/// Parses a memory quantity to bytes (`128Mi`, `1G`, `512k`, `1e9`), rounded up (`Value`).
pub fn parse_memory(text: &str) -> Option<i64> {
    crate::engine::api::quantity::Quantity::parse(text).map(|q| q.value())
}

fn quantity_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The pod's requests; containers without a request count 100m CPU and 200Mi for scoring only,
/// as `schedutil.GetNonzeroRequests`; for fitting, the real requests.
pub fn pod_requests(pod: &Pod) -> Usage {
    let mut usage = Usage { pods: 1, ..Default::default() };
    for container in &pod.spec.containers {
        if let Some(resources) = &container.resources {
            if let Some(cpu) = resources.requests.get("cpu").or_else(|| resources.limits.get("cpu")) {
                usage.cpu_milli += parse_cpu(&quantity_text(cpu)).unwrap_or(0);
            }
            if let Some(memory) = resources.requests.get("memory").or_else(|| resources.limits.get("memory")) {
                usage.memory += parse_memory(&quantity_text(memory)).unwrap_or(0);
            }
        }
    }
    usage
}

pub fn allocatable(node: &Node) -> Usage {
    let get = |key: &str| node.status.allocatable.get(key).cloned().unwrap_or_default();
    Usage {
        cpu_milli: parse_cpu(&get("cpu")).unwrap_or(0),
        memory: parse_memory(&get("memory")).unwrap_or(0),
        pods: get("pods").parse().unwrap_or(110),
    }
}

fn owner_uid(pod: &Pod) -> Option<&str> {
    pod.metadata.controller_ref().map(|r| r.uid.as_str())
}

/// Keeps the pending set and per-node accounting in step with pod changes.
pub fn observe(cluster: &mut Cluster, old: Option<&Rc<Pod>>, new: Option<&Rc<Pod>>) {
    let scheduler = &mut cluster.scheduler;
    // A status write to a bound pod (same spec, node and owner) leaves the accounting as it is.
    let unchanged = match (old, new) {
        (Some(old), Some(new)) => {
            counts_on_node(old) == counts_on_node(new) && Rc::ptr_eq(&old.spec, &new.spec) && owner_uid(old) == owner_uid(new)
        }
        _ => false,
    };
    if !scheduler.dirty && !unchanged {
        if let Some(old) = old.filter(|p| counts_on_node(p)) {
            scheduler.account(old, -1);
        }
        if let Some(new) = new.filter(|p| counts_on_node(p)) {
            scheduler.account(new, 1);
        }
    }
    match new {
        Some(pod) if pod.spec.node_name.is_none() && !pod.metadata.is_deleting() => {
            let key = KeyRef::of(&pod.metadata, true);
            if !scheduler.unschedulable.contains(key) {
                scheduler.pending.insert_of(&pod.metadata);
            }
        }
        Some(pod) => {
            if old.is_none_or(|o| o.spec.node_name.is_none()) {
                let key = KeyRef::of(&pod.metadata, true);
                scheduler.pending.remove(key);
                scheduler.unschedulable.remove(key);
            }
        }
        None => {
            if let Some(old) = old {
                let key = KeyRef::of(&old.metadata, true);
                scheduler.pending.remove(key);
                scheduler.unschedulable.remove(key);
                // Freed resources: give unschedulable pods another chance.
                if old.spec.node_name.is_some() && !scheduler.unschedulable.is_empty() {
                    let mut moved = std::mem::take(&mut scheduler.unschedulable);
                    scheduler.pending.append(&mut moved);
                }
            }
        }
    }
}

/// Gives unschedulable pods another try (a node was added or became ready).
pub fn retry_unschedulable(cluster: &mut Cluster) {
    cluster.scheduler.nodes_changed();
    let mut moved = std::mem::take(&mut cluster.scheduler.unschedulable);
    cluster.scheduler.pending.append(&mut moved);
    cluster.scheduler.unschedulable_since.clear();
}

/// How long a pod may wait among the unschedulable ones before it is tried again anyway
/// (`podMaxInUnschedulablePodsDuration`), and how often the queue looks (every 30 s).
const MAX_UNSCHEDULABLE_SECONDS: u64 = 300;
const FLUSH_EVERY_SECONDS: u64 = 30;

/// `flushUnschedulablePodsLeftover`: every 30 s, the pods that have waited 5 minutes since they
/// last failed go back to the queue, so a pod no event helped (a cordoned node still cordoned)
/// is tried, and its FailedScheduling counted, again.
pub fn flush_leftover(cluster: &mut Cluster) {
    let now = cluster.now();
    if cluster.scheduler.unschedulable_since.is_empty() || now.as_millis() % (FLUSH_EVERY_SECONDS * 1000) != 0 {
        return;
    }
    let due: Vec<Key> = cluster
        .scheduler
        .unschedulable_since
        .iter()
        .filter(|(_, since)| now.as_millis() >= since.as_millis() + MAX_UNSCHEDULABLE_SECONDS * 1000)
        .map(|(key, _)| key.clone())
        .collect();
    for key in due {
        cluster.scheduler.unschedulable_since.remove(&key);
        let reference = KeyRef(&key.namespace, &key.name);
        if cluster.scheduler.unschedulable.contains(reference) {
            cluster.scheduler.unschedulable.remove(reference);
            cluster.scheduler.pending.insert(key);
        }
    }
}

/// Schedules every pending pod, in name order.
pub fn schedule_pending(cluster: &mut Cluster) {
    if cluster.scheduler.pending.is_empty() {
        return;
    }
    let pending = cluster.scheduler.pending.take_sorted();
    ensure_nodes(cluster);
    for key in pending {
        let Some(pod) = cluster.store.get::<Pod>(&key) else { continue };
        if pod.spec.node_name.is_some() || pod.metadata.is_deleting() {
            continue;
        }
        match choose_node(cluster, &pod) {
            Ok(node) => bind(cluster, &pod, &node),
            Err(message) => unschedulable(cluster, &pod, &message),
        }
        // The next pod is scored with this one counted (the scheduler's cache assumes it).
        cluster.deliver();
    }
}

/// The first filter a node fails for a pod (None: it fits), in the default profile's filter
/// order: NodeUnschedulable, TaintToleration, NodeAffinity, NodeResourcesFit.
fn unfit_reason(node: &NodeSlot, pod: &Pod, requests: Usage) -> Option<Cow<'static, str>> {
    if node.unschedulable && !tolerates_unschedulable(pod) {
        return Some(Cow::Borrowed("node(s) were unschedulable"));
    }
    // TaintToleration's Filter: the first NoSchedule/NoExecute taint no toleration matches
    // (`v1helper.FindMatchingUntoleratedTaint`), as `{key: value}`.
    if let Some(taint) = node.taints.iter().find(|taint| !pod.spec.tolerations.iter().any(|t| crate::engine::node_affinity::tolerates(t, taint))) {
        let field = |name: &str| taint.get(name).and_then(|v| v.as_str()).unwrap_or("").to_string();
        return Some(Cow::Owned(format!("node(s) had untolerated taint {{{}: {}}}", field("key"), field("value"))));
    }
    if !node.ready {
        // Not ready before the node lifecycle controller taints it: its taint as it will be.
        return Some(Cow::Borrowed("node(s) had untolerated taint {node.kubernetes.io/unreachable: }"));
    }
    if !pod.spec.node_selector.iter().all(|(k, v)| node.labels.get(k) == Some(v)) || !crate::engine::node_affinity::required_matches(&pod.spec, &node.name, &node.labels) {
        return Some(Cow::Borrowed("node(s) didn't match Pod's node affinity/selector"));
    }
    let (capacity, used) = (node.capacity, node.usage);
    if used.pods + 1 > capacity.pods {
        return Some(Cow::Borrowed("Too many pods"));
    }
    if requests.cpu_milli > 0 && used.cpu_milli + requests.cpu_milli > capacity.cpu_milli {
        return Some(Cow::Borrowed("Insufficient cpu"));
    }
    if requests.memory > 0 && used.memory + requests.memory > capacity.memory {
        return Some(Cow::Borrowed("Insufficient memory"));
    }
    None
}

/// The NodeUnschedulable filter lets a pod that tolerates `node.kubernetes.io/unschedulable:NoSchedule`
/// (DaemonSet pods do) onto a cordoned node.
fn tolerates_unschedulable(pod: &Pod) -> bool {
    let taint = serde_json::json!({"key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule"});
    pod.spec.tolerations.iter().any(|t| crate::engine::node_affinity::tolerates(t, &taint))
}

/// VolumeBinding's PreFilter (pkg/scheduler/framework/plugins/volumebinding): every claim the
/// pod mounts must exist, not be being deleted, and be bound unless its class waits for the
/// first consumer (`podHasPVCs`, then `GetPodVolumeClaims`' unbound immediate claims).
fn claim_problem(cluster: &Cluster, pod: &Pod) -> Option<String> {
    use crate::engine::api::storage::{PersistentVolumeClaim, StorageClass};
    let mut unbound_immediate = false;
    for name in crate::engine::controllers::persistent_volume::claim_names(pod) {
        let Some(claim) = cluster.store.get::<PersistentVolumeClaim>(&Key::new(pod.metadata.ns(), &name)) else {
            return Some(format!("persistentvolumeclaim \"{name}\" not found"));
        };
        if claim.metadata.is_deleting() {
            return Some(format!("persistentvolumeclaim \"{name}\" is being deleted"));
        }
        if claim.spec.volume_name.as_deref().is_none_or(str::is_empty) {
            let class = claim.spec.storage_class_name.clone().unwrap_or_default();
            let delayed = cluster.store.get::<StorageClass>(&Key::new("", &class)).is_some_and(|c| c.volume_binding_mode.as_deref() == Some("WaitForFirstConsumer"));
            if !delayed {
                unbound_immediate = true;
            }
        }
    }
    unbound_immediate.then(|| "pod has unbound immediate PersistentVolumeClaims".to_string())
}

fn choose_node(cluster: &mut Cluster, pod: &Pod) -> Result<Text, String> {
    let n = cluster.scheduler.nodes.len();
    if n == 0 {
        return Err("no nodes available to schedule pods".to_string());
    }
    if let Some(problem) = claim_problem(cluster, pod) {
        return Err(format!("0/{n} nodes are available: {problem}. preemption: 0/{n} nodes are available: {n} Preemption is not helpful for scheduling."));
    }
    let requests = pod_requests(pod);
    let percentage = (50 - (n as i64) / 125).max(5) as usize;
    let to_find = if n < 100 { n } else { (n * percentage / 100).max(100) };
    let mut reasons: std::collections::BTreeMap<Cow<'static, str>, usize> = Default::default();
    // The best (same-owner pods, load) so far as one number (lexicographic: |load| < 2^63), and its node.
    let (mut best_key, mut best_slot) = (i128::MAX, None);
    let mut found = 0;
    let start = cluster.scheduler.next_start % n;
    let mut processed = 0;
    let mut draws = std::mem::take(&mut cluster.scheduler.draws);
    draws.clear();
    let scheduler = &cluster.scheduler;
    let owner_counts: &[i64] = owner_uid(pod).and_then(|o| scheduler.by_owner.get(o)).map_or(&[], Vec::as_slice);
    let any_selector = !pod.spec.node_selector.is_empty() || crate::engine::node_affinity::has_required(&pod.spec);
    let mut slot = start;
    for _ in 0..n {
        if found >= to_find {
            break;
        }
        processed += 1;
        let hot = &scheduler.hot[slot];
        let this = slot;
        slot = if slot + 1 == n { 0 } else { slot + 1 };
        let fits = !hot.blocked
            && hot.pods_free >= 1
            && (requests.cpu_milli <= 0 || requests.cpu_milli <= hot.cpu_free)
            && (requests.memory <= 0 || requests.memory <= hot.memory_free);
        if !fits || any_selector {
            if let Some(reason) = unfit_reason(&scheduler.nodes[this], pod, requests) {
                *reasons.entry(reason).or_default() += 1;
                continue;
            }
        }
        found += 1;
        let same_owner = owner_counts.get(this).copied().unwrap_or(0);
        let key = (i128::from(same_owner) << 64) + i128::from(hot.load);
        if key < best_key {
            best_key = key;
            best_slot = Some(this);
            draws.clear();
        } else if key == best_key {
            // Reservoir sampling among equal scores, as selectHost does.
            draws.push(this);
        }
    }
    cluster.scheduler.next_start = (start + processed) % n;
    match best_slot {
        Some(first) => {
            // selectHost picks uniformly among the best-scored nodes: one draw among the ties.
            let chosen = if draws.is_empty() {
                first
            } else {
                let pick = cluster.rng.below(draws.len() as u64 + 1) as usize;
                if pick == 0 { first } else { draws[pick - 1] }
            };
            cluster.scheduler.draws = draws;
            Ok(cluster.scheduler.nodes[chosen].name.clone())
        }
        None => {
            // FitError.Error: "COUNT REASON" strings, sorted as strings.
            let mut histogram: Vec<String> = reasons.iter().map(|(reason, count)| format!("{count} {reason}")).collect();
            histogram.sort();
            let detail = histogram.join(", ");
            Err(format!(
                "0/{n} nodes are available: {detail}. preemption: 0/{n} nodes are available: {n} No preemption victims found for incoming pod."
            ))
        }
    }
}

fn bind(cluster: &mut Cluster, pod: &Rc<Pod>, node: &Text) {
    let now = cluster.time();
    let mut bound = (**pod).clone();
    std::rc::Rc::make_mut(&mut bound.spec).node_name = Some(node.clone());
    bound.status.conditions.retain(|c| c.type_ != "PodScheduled");
    // Exact capacity: a first push would make room for four (conditions are 96 bytes each).
    bound.status.conditions.reserve_exact(1);
    bound.status.conditions.push(PodCondition {
        type_: Text::from_static("PodScheduled"),
        status: Text::from_static("True"),
        last_probe_time: None,
        last_transition_time: Some(now),
        reason: None,
        message: None,
    });
    bound.metadata.resource_version.clear();
    if cluster.store.update(bound).is_ok() {
        let message = format!("Successfully assigned {}/{} to {node}", pod.metadata.ns(), pod.metadata.name);
        record(cluster, &Involved::of(Kind::Pod, &pod.metadata), "Normal", "Scheduled", &message, "default-scheduler", "");
    }
}

fn unschedulable(cluster: &mut Cluster, pod: &Rc<Pod>, message: &str) {
    let now = cluster.time();
    let key = Key::of(&pod.metadata, true);
    cluster.scheduler.unschedulable_since.insert(key.clone(), cluster.now());
    cluster.scheduler.unschedulable.insert(key);
    let already = pod.condition("PodScheduled").is_some_and(|c| c.message.as_deref() == Some(message));
    if !already {
        let mut updated = (**pod).clone();
        updated.status.conditions.retain(|c| c.type_ != "PodScheduled");
        updated.status.conditions.push(PodCondition {
            type_: Text::from_static("PodScheduled"),
            status: Text::from_static("False"),
            last_probe_time: None,
            last_transition_time: Some(now),
            reason: Some(crate::engine::api::text::Text::from_static("Unschedulable")),
            message: Some(message.into()),
        });
        updated.metadata.resource_version.clear();
        let _ = cluster.store.update_status(updated);
    }
    record(cluster, &Involved::of(Kind::Pod, &pod.metadata), "Warning", "FailedScheduling", message, "default-scheduler", "");
}

/// Binds one pod right away (the reference profile binds in the kubelet step).
pub fn schedule_one(cluster: &mut Cluster, key: &Key) {
    let Some(pod) = cluster.store.get::<Pod>(key) else { return };
    if pod.spec.node_name.is_some() {
        return;
    }
    cluster.scheduler.pending.remove(KeyRef(&key.namespace, &key.name));
    ensure_nodes(cluster);
    match choose_node(cluster, &pod) {
        Ok(node) => bind(cluster, &pod, &node),
        Err(message) => unschedulable(cluster, &pod, &message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities() {
        assert_eq!(parse_cpu("100m"), Some(100));
        assert_eq!(parse_cpu("0.5"), Some(500));
        assert_eq!(parse_cpu("2"), Some(2000));
        assert_eq!(parse_memory("128Mi"), Some(134_217_728));
        assert_eq!(parse_memory("1G"), Some(1_000_000_000));
        assert_eq!(parse_memory("8Gi"), Some(8_589_934_592));
    }
}
