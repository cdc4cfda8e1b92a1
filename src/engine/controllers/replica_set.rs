//! The ReplicaSet controller: keeps `spec.replicas` pods alive, adopts and releases pods by
//! label, and reports how many are ready and available.
//!
//! Mirrors `pkg/controller/replicaset/replica_set.go` (v1.28+ victim ranking).

use std::cmp::Ordering;
use std::rc::Rc;

use crate::engine::api::deployment::ReplicaSet;
use crate::engine::api::pod::Pod;
use crate::engine::api::selector::Selector;
use crate::engine::apiserver;
use crate::engine::clock::Time;
use crate::engine::events::{record, Involved};
use crate::engine::queue::QueueName;
use crate::engine::store::{Key, Kind};
use crate::engine::Cluster;
use crate::order::SharedSort;

/// `--concurrent-replicaset-syncs` burst: at most this many creates or deletes per sync.
pub const BURST_REPLICAS: usize = 500;
const COMPONENT: &str = "replicaset-controller";

/// Mirrors `syncReplicaSet`: claim pods, create or delete the difference, then write status.
///
/// The status is computed from the pods seen *before* this sync created or deleted any, exactly
/// as the real controller does; the pods' own watch events bring the next sync.
///
/// The real controller lists every pod on each sync. When nothing is to be adopted or released
/// and availability does not depend on time (`counted`), the counts kept by the store's owner
/// index give the same result without visiting each pod.
pub fn sync(cluster: &mut Cluster, key: &Key) {
    let Some(rs) = cluster.store.get::<ReplicaSet>(key) else {
        return;
    };
    let Ok(selector) = rs.spec.selector.clone().unwrap_or_default().to_selector() else {
        return;
    };
    let claimed = match counted(cluster, &rs, &selector) {
        Some(counts) => {
            debug_assert!(counted_agrees(cluster, &rs, &counts), "counts of {key:?} differ from a listing");
            Claimed::Counted(counts)
        }
        None => {
            let candidates = candidate_pods(cluster, &rs);
            let active: Vec<Rc<Pod>> = candidates.into_iter().filter(|p| p.is_active()).collect();
            Claimed::Listed(claim_pods(cluster, &rs, &selector, active))
        }
    };

    let mut manage_error = None;
    if !rs.metadata.is_deleting() {
        manage_error = manage_replicas(cluster, &rs, &claimed);
    }

    let mut new_status = match &claimed {
        Claimed::Listed(filtered) => calculate_status(&rs, filtered, cluster.time()),
        Claimed::Counted(counts) => status_from_counts(&rs, counts),
    };
    replica_failure(&mut new_status, manage_error.as_deref(), claimed.len() as i64 - i64::from(rs.replicas()), cluster.time());
    let Some(updated) = update_status(cluster, &rs, new_status) else {
        cluster.enqueue(QueueName::ReplicaSet, key.clone());
        return;
    };
    cluster.sync_done(QueueName::ReplicaSet, key, manage_error.is_some());
    // Resync after minReadySeconds as a last line of defence (all ready, not all available).
    let min_ready = updated.min_ready_seconds();
    if manage_error.is_none()
        && min_ready > 0
        && updated.status.ready_replicas == updated.replicas()
        && updated.status.available_replicas != updated.replicas()
    {
        cluster.enqueue_after(QueueName::ReplicaSet, key.clone(), min_ready as u64 * 1000);
    }
}

/// Mirrors `calculateStatus`' ReplicaFailure condition: set (FailedCreate when pods were
/// missing, FailedDelete when there were too many) by a sync whose `manageReplicas` failed,
/// removed by one that succeeded. `diff` is the claimed pods less the replicas wanted.
fn replica_failure(status: &mut crate::engine::api::deployment::ReplicaSetStatus, error: Option<&str>, diff: i64, now: Time) {
    let is_failure = |c: &serde_json::Value| c.get("type").and_then(|t| t.as_str()) == Some("ReplicaFailure");
    let present = status.conditions.iter().any(is_failure);
    match error {
        Some(message) if !present => {
            let reason = match diff.cmp(&0) {
                std::cmp::Ordering::Less => "FailedCreate",
                std::cmp::Ordering::Greater => "FailedDelete",
                std::cmp::Ordering::Equal => "",
            };
            status.conditions.push(serde_json::json!({
                "lastTransitionTime": now,
                "message": message,
                "reason": reason,
                "status": "True",
                "type": "ReplicaFailure",
            }));
        }
        None if present => status.conditions.retain(|c| !is_failure(c)),
        _ => {}
    }
}

/// The pods a sync works on: listed and claimed one by one, or only counted.
enum Claimed {
    Listed(Vec<Rc<Pod>>),
    Counted(Counts),
}

impl Claimed {
    fn len(&self) -> usize {
        match self {
            Claimed::Listed(pods) => pods.len(),
            Claimed::Counted(counts) => counts.replicas,
        }
    }
}

/// What `calculateStatus` counts over the claimed pods.
#[derive(Debug, Clone, Copy)]
struct Counts {
    replicas: usize,
    fully_labeled: usize,
    ready: usize,
}

/// The counts of the claimed pods, when `ClaimPods` would neither adopt nor release a pod and
/// every claimed pod that is Ready is also available (minReadySeconds 0): every active owned pod
/// matches the selector, and no active orphan does. None otherwise (the caller lists the pods).
fn counted(cluster: &Cluster, rs: &ReplicaSet, selector: &Selector) -> Option<Counts> {
    if rs.min_ready_seconds() > 0 {
        return None;
    }
    let mut counts = Counts { replicas: 0, fully_labeled: 0, ready: 0 };
    if let Some(owned) = cluster.store.owned_pods(&rs.metadata.uid) {
        let template_labels = &rs.spec.template.metadata.labels;
        for group in owned.groups() {
            if !selector.matches(&group.labels) {
                return None;
            }
            counts.replicas += group.active;
            counts.ready += group.ready;
            if template_labels.iter().all(|(k, v)| group.labels.get(k) == Some(v)) {
                counts.fully_labeled += group.active;
            }
        }
    }
    let adoptable = cluster.store.orphan_pods(rs.metadata.ns()).iter().any(|p| p.is_active() && selector.matches(&p.metadata.labels));
    (!adoptable).then_some(counts)
}

/// Debug builds check the counts, and the ranking from facts, against the listing they replace.
fn counted_agrees(cluster: &Cluster, rs: &ReplicaSet, counts: &Counts) -> bool {
    let filtered: Vec<Rc<Pod>> = cluster.store.pods_owned_by(&rs.metadata.uid).into_iter().filter(|p| p.is_active()).collect();
    let now = cluster.time();
    if calculate_status(rs, &filtered, now) != status_from_counts(rs, counts) {
        return false;
    }
    let wanted = rs.replicas().max(0) as usize;
    if filtered.len() > wanted {
        let diff = (filtered.len() - wanted).min(BURST_REPLICAS);
        if let Some(victims) = ranked_victims(cluster, rs, diff) {
            let listed = pods_to_delete(&filtered, &related_pods(cluster, rs), diff, now);
            return victims.iter().map(|p| &p.metadata.name).eq(listed.iter().map(|p| &p.metadata.name));
        }
    }
    true
}

/// `calculateStatus` from counts (every Ready pod is available when minReadySeconds is 0).
fn status_from_counts(rs: &ReplicaSet, counts: &Counts) -> crate::engine::api::deployment::ReplicaSetStatus {
    let mut status = rs.status.clone();
    status.replicas = counts.replicas as i32;
    status.fully_labeled_replicas = counts.fully_labeled as i32;
    status.ready_replicas = counts.ready as i32;
    status.available_replicas = counts.ready as i32;
    status
}

/// Pods that may belong to `rs`: its own (by owner index) and the namespace's orphans.
/// The real controller lists the whole namespace; the claim below gives the same result.
fn candidate_pods(cluster: &Cluster, rs: &ReplicaSet) -> Vec<Rc<Pod>> {
    let mut pods = cluster.store.pods_owned_by(&rs.metadata.uid);
    pods.extend(cluster.store.orphan_pods(rs.metadata.ns()));
    pods
}

/// Mirrors `PodControllerRefManager.ClaimPods` (a ReplicaSet with an empty selector adopts
/// nothing).
fn claim_pods(cluster: &mut Cluster, rs: &ReplicaSet, selector: &Selector, pods: Vec<Rc<Pod>>) -> Vec<Rc<Pod>> {
    crate::engine::controllers::claim_pods(cluster, &rs.metadata, "apps/v1", "ReplicaSet", pods, |pod| !selector.requirements.is_empty() && selector.matches(&pod.metadata.labels))
}

/// Mirrors `manageReplicas`: create in slow-start batches (1, 2, 4, ...) or delete the
/// best-ranked victims, at most `BURST_REPLICAS` per sync.
fn manage_replicas(cluster: &mut Cluster, rs: &ReplicaSet, claimed: &Claimed) -> Option<String> {
    let wanted = rs.replicas().max(0) as usize;
    let involved = Involved::of(Kind::ReplicaSet, &rs.metadata);
    if claimed.len() < wanted {
        let diff = (wanted - claimed.len()).min(BURST_REPLICAS);
        let mut remaining = diff;
        let mut batch = 1;
        while remaining > 0 {
            let size = batch.min(remaining);
            for _ in 0..size {
                match apiserver::create_pod_from_template(cluster, rs) {
                    Ok(pod) => {
                        let message = format!("Created pod: {}", pod.metadata.name);
                        record(cluster, &involved, "Normal", "SuccessfulCreate", &message, COMPONENT, "");
                    }
                    Err(error) => {
                        let message = format!("Error creating: {}", error.message());
                        record(cluster, &involved, "Warning", "FailedCreate", &message, COMPONENT, "");
                        // Slow start stops at the first failing batch.
                        return Some(error.message());
                    }
                }
            }
            remaining -= size;
            batch *= 2;
        }
    } else if claimed.len() > wanted {
        let diff = (claimed.len() - wanted).min(BURST_REPLICAS);
        let victims = match claimed {
            Claimed::Listed(filtered) => pods_to_delete(filtered, &related_pods(cluster, rs), diff, cluster.time()),
            Claimed::Counted(_) => match ranked_victims(cluster, rs, diff) {
                Some(victims) => victims,
                None => {
                    let filtered: Vec<Rc<Pod>> = cluster.store.pods_owned_by(&rs.metadata.uid).into_iter().filter(|p| p.is_active()).collect();
                    pods_to_delete(&filtered, &related_pods(cluster, rs), diff, cluster.time())
                }
            },
        };
        for pod in victims {
            let key = Key::of(&pod.metadata, true);
            match apiserver::delete_pod(cluster, &key, None) {
                Ok(()) => {
                    let message = format!("Deleted pod: {}", pod.metadata.name);
                    record(cluster, &involved, "Normal", "SuccessfulDelete", &message, COMPONENT, "");
                }
                Err(error) => {
                    let message = format!("Error deleting: {}", error.message());
                    record(cluster, &involved, "Warning", "FailedDelete", &message, COMPONENT, "");
                }
            }
        }
    }
    None
}

/// Mirrors `getIndirectlyRelatedPods`: the pods of every ReplicaSet with the same controller.
fn related_pods(cluster: &Cluster, rs: &ReplicaSet) -> Vec<Rc<Pod>> {
    let Some(owner) = rs.metadata.controller_ref() else {
        return cluster.store.pods_owned_by(&rs.metadata.uid);
    };
    cluster
        .store
        .replica_sets
        .in_namespace(rs.metadata.ns())
        .filter(|other| other.metadata.controller_ref().is_some_and(|o| o.uid == owner.uid))
        .flat_map(|other| cluster.store.pods_owned_by(&other.metadata.uid))
        .collect()
}

/// `getPodsToDelete` over counted pods (every active owned pod is claimed), from the facts the
/// store keeps. `ActivePodsWithRanks.Less` is then a total order by (unassigned, phase, ready,
/// deletion cost, related pods on the node, name) provided the later criteria cannot decide:
/// all candidates have the same creation time, restart count and (the Ready ones) ready time;
/// when they differ, every criterion is compared (`compare_facts`) with the selection
/// `pods_to_delete` makes over the listed pods, so the victims are the same. Either way from
/// the store's facts, without listing pods or reading their conditions and annotations. When
/// only the node and the name can decide (the usual scale-down of Running, Ready pods), the
/// victims come from the owner index's pods per node (`victims_by_node`), so a scale-down of a
/// large ReplicaSet in steps of `burstReplicas` costs each step its victims, not a pass over
/// every pod. None when the ReplicaSet owns no pods.
fn ranked_victims(cluster: &Cluster, rs: &ReplicaSet, diff: usize) -> Option<Vec<Rc<Pod>>> {
    let owned = cluster.store.owned_pods(&rs.metadata.uid)?;
    let active = || owned.iter().filter(|(_, facts)| facts.active);
    let n_active: usize = owned.groups().iter().map(|g| g.active).sum();
    if diff >= n_active {
        // No ranking at all: every pod goes, in name order.
        return Some(active().take(diff).map(|(pod, _)| pod.clone()).collect());
    }
    // Related pods per node: the active pods of every ReplicaSet with the same controller.
    let related: Vec<&crate::engine::store::OwnedPods> = match rs.metadata.controller_ref() {
        None => vec![owned],
        Some(owner) => cluster
            .store
            .replica_sets
            .in_namespace(rs.metadata.ns())
            .filter(|other| other.metadata.controller_ref().is_some_and(|o| o.uid == owner.uid))
            .filter_map(|other| cluster.store.owned_pods(&other.metadata.uid))
            .collect(),
    };
    // By node number, summed once per sync rather than once per pod.
    let n_nodes = related.iter().map(|o| o.node_slots()).max().unwrap_or(0);
    let on_node: Vec<i64> = (0..n_nodes as u32).map(|node| related.iter().map(|o| o.active_on_node(node)).sum()).collect();
    let rank = |node: u32| on_node.get(node as usize).copied().unwrap_or(0);
    if owned.uniformly_ranked() {
        let victims = victims_by_node(owned, rs.metadata.ns(), &rank, diff);
        debug_assert!(
            victims.iter().map(|p| &p.metadata.name).eq(victims_by_scan(cluster, owned, &rank, diff).iter().map(|p| &p.metadata.name)),
            "the victims by node differ from a scan"
        );
        return Some(victims);
    }
    Some(victims_by_scan(cluster, owned, &rank, diff))
}

/// `ranked_victims` when only the node's rank and the name decide (`uniformly_ranked`): the
/// nodes by rank, highest first, and the pods of equally ranked nodes merged in name order, from
/// the owner index's pods per node. Visits the nodes and the victims, not every pod, so the
/// steps of a large scale-down do not each cost a pass over the ReplicaSet.
fn victims_by_node(owned: &crate::engine::store::OwnedPods, namespace: &str, rank: &dyn Fn(u32) -> i64, diff: usize) -> Vec<Rc<Pod>> {
    let mut nodes: Vec<(i64, u32)> =
        (1..owned.node_slots() as u32).filter(|node| !owned.active_pods_on_node(*node).is_empty()).map(|node| (rank(node), node)).collect();
    nodes.shared_sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut victims = Vec::with_capacity(diff);
    for group in nodes.chunk_by(|a, b| a.0 == b.0) {
        // A k-way merge by name of the group's lists, each in name order.
        let lists: Vec<&[crate::engine::api::text::Text]> = group.iter().map(|(_, node)| owned.active_pods_on_node(*node)).collect();
        let mut heads: std::collections::BinaryHeap<std::cmp::Reverse<(&str, usize, usize)>> =
            lists.iter().enumerate().map(|(i, list)| std::cmp::Reverse((&*list[0], i, 0))).collect();
        while victims.len() < diff {
            let Some(std::cmp::Reverse((name, i, at))) = heads.pop() else { break };
            victims.extend(owned.pod(namespace, name).cloned());
            if let Some(next) = lists[i].get(at + 1) {
                heads.push(std::cmp::Reverse((&**next, i, at + 1)));
            }
        }
        if victims.len() == diff {
            break;
        }
    }
    victims
}

/// `ranked_victims` over every active pod: the `diff` first under the total order.
fn victims_by_scan(cluster: &Cluster, owned: &crate::engine::store::OwnedPods, rank: &dyn Fn(u32) -> i64, diff: usize) -> Vec<Rc<Pod>> {
    let active = || owned.iter().filter(|(_, facts)| facts.active);
    // The `diff` first under the total order, kept in a bounded max-heap. Name order is the
    // order of the owner index, so the position breaks ties as the name would.
    let mut kept: std::collections::BinaryHeap<Ranked> = std::collections::BinaryHeap::with_capacity(diff + 1);
    let mut first: Option<crate::engine::store::PodFacts> = None;
    let mut first_ready: Option<Option<Time>> = None;
    for (position, (pod, facts)) in active().enumerate() {
        let first = *first.get_or_insert(*facts);
        if facts.ready {
            first_ready.get_or_insert(facts.ready_time);
        }
        if facts.created != first.created || facts.restarts != first.restarts || (facts.ready && first_ready != Some(facts.ready_time)) {
            // The later criteria may decide: rank with all of them, as `pods_to_delete` does.
            let now = cluster.time();
            let mut all: Vec<(i64, &crate::engine::store::PodFacts, &Rc<Pod>)> = active().map(|(pod, facts)| (rank(facts.node), facts, pod)).collect();
            let order = |a: &(i64, &crate::engine::store::PodFacts, &Rc<Pod>), b: &(i64, &crate::engine::store::PodFacts, &Rc<Pod>)| {
                compare_facts((a.1, a.0, &a.2.metadata.uid), (b.1, b.0, &b.2.metadata.uid), now).then_with(|| a.2.metadata.name.cmp(&b.2.metadata.name))
            };
            first_in_order(&mut all, diff, order);
            return all.into_iter().take(diff).map(|(_, _, pod)| pod.clone()).collect();
        }
        let ranked = Ranked { key: (facts.node != 0, facts.phase, facts.ready, facts.deletion_cost, -rank(facts.node)), position, pod };
        if kept.len() < diff {
            kept.push(ranked);
        } else if kept.peek().is_some_and(|last| ranked < *last) {
            kept.pop();
            kept.push(ranked);
        }
    }
    kept.into_sorted_vec().into_iter().map(|ranked| ranked.pod.clone()).collect()
}

/// A deletion candidate under `ranked_victims`' total order (smaller goes first).
struct Ranked<'a> {
    key: (bool, u8, bool, i64, i64),
    position: usize,
    pod: &'a Rc<Pod>,
}

impl PartialEq for Ranked<'_> {
    fn eq(&self, other: &Self) -> bool {
        (self.key, self.position) == (other.key, other.position)
    }
}

impl Eq for Ranked<'_> {}

impl PartialOrd for Ranked<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.key, self.position).cmp(&(other.key, other.position))
    }
}

/// Mirrors `getPodsToDelete`: rank by `ActivePodsWithRanks` and take the first `diff`.
pub fn pods_to_delete(filtered: &[Rc<Pod>], related: &[Rc<Pod>], diff: usize, now: Time) -> Vec<Rc<Pod>> {
    let mut pods: Vec<Rc<Pod>> = filtered.to_vec();
    if diff < pods.len() {
        let mut on_node: std::collections::HashMap<&str, i64> = std::collections::HashMap::new();
        for pod in related.iter().filter(|p| p.is_active()) {
            *on_node.entry(pod.spec.node_name.as_deref().unwrap_or("")).or_default() += 1;
        }
        let mut ranked: Vec<(i64, Rc<Pod>)> = pods
            .into_iter()
            .map(|p| (on_node.get(p.spec.node_name.as_deref().unwrap_or("")).copied().unwrap_or(0), p))
            .collect();
        let order = |a: &(i64, Rc<Pod>), b: &(i64, Rc<Pod>)| compare_for_deletion(&a.1, a.0, &b.1, b.0, now).then_with(|| a.1.metadata.name.cmp(&b.1.metadata.name));
        first_in_order(&mut ranked, diff, order);
        pods = ranked.into_iter().map(|(_, p)| p).collect();
    }
    pods.truncate(diff);
    pods
}

/// Leaves the first `diff` of `items` under `order`, sorted. The ranking is made total (ties by
/// name), so selecting them and sorting only those gives what sorting everything would, in
/// linear time; `pods_to_delete` and `ranked_victims` select alike, so they choose alike.
fn first_in_order<T>(items: &mut Vec<T>, diff: usize, order: impl Fn(&T, &T) -> Ordering) {
    if diff > 0 && diff < items.len() {
        items.select_nth_unstable_by(diff - 1, &order);
        items.truncate(diff);
    }
    items.shared_sort_by(order);
}

pub(crate) fn phase_ordinal(pod: &Pod) -> u8 {
    match pod.phase() {
        "Pending" => 0,
        "Unknown" => 1,
        "Running" => 2,
        _ => 0,
    }
}

pub(crate) fn ready_time(pod: &Pod) -> Option<Time> {
    pod.condition("Ready").filter(|c| c.status == "True").and_then(|c| c.last_transition_time)
}

pub(crate) fn deletion_cost(pod: &Pod) -> i64 {
    pod.metadata
        .annotation("controller.kubernetes.io/pod-deletion-cost")
        .and_then(|v| v.parse::<i32>().ok())
        .map_or(0, i64::from)
}

/// log2 of the age in nanoseconds, as `logarithmicRankDiff` buckets it (-1 for no age).
/// Ages under 2^40 ns (about 18 minutes) take the integer floor of log2, which equals the float
/// one there (f64 holds those integers and their log2 exactly enough): the ranking compares ages
/// many times per scale-down.
fn log_bucket(at: Time, now: Time) -> i64 {
    let seconds = now.0 - at.0;
    if seconds > 0 && seconds < (1 << 40) / 1_000_000_000 {
        return 63 - i64::from((seconds as u64 * 1_000_000_000).leading_zeros());
    }
    log_bucket_float(seconds)
}

fn log_bucket_float(seconds: i64) -> i64 {
    let nanos = seconds as f64 * 1e9;
    if nanos > 0.0 {
        nanos.log2() as i64
    } else {
        -1
    }
}

/// Mirrors `ActivePodsWithRanks.Less` with PodDeletionCost and LogarithmicScaleDown (on by default
/// since v1.22): `Less` means "delete first".
pub fn compare_for_deletion(a: &Pod, rank_a: i64, b: &Pod, rank_b: i64, now: Time) -> Ordering {
    let facts = |pod: &Pod| crate::engine::store::PodFacts {
        active: pod.is_active(),
        ready: pod.is_ready(),
        // Only assigned or not matters to the ranking.
        node: u32::from(pod.spec.node_name.as_deref().is_some_and(|n| !n.is_empty())),
        phase: phase_ordinal(pod),
        deletion_cost: deletion_cost(pod),
        ready_time: ready_time(pod),
        restarts: pod.restart_count(),
        created: pod.metadata.creation_timestamp,
    };
    compare_facts((&facts(a), rank_a, &a.metadata.uid), (&facts(b), rank_b, &b.metadata.uid), now)
}

/// `ActivePodsWithRanks.Less` over what the store keeps of each pod (`PodFacts`), the number of
/// related pods on its node and its UID.
pub fn compare_facts(a: (&crate::engine::store::PodFacts, i64, &str), b: (&crate::engine::store::PodFacts, i64, &str), now: Time) -> Ordering {
    let ((a, rank_a, uid_a), (b, rank_b, uid_b)) = (a, b);
    // 1. Unassigned before assigned.
    let (assigned_a, assigned_b) = (a.node != 0, b.node != 0);
    if assigned_a != assigned_b {
        return if !assigned_a { Ordering::Less } else { Ordering::Greater };
    }
    // 2. Pending < Unknown < Running.
    if a.phase != b.phase {
        return a.phase.cmp(&b.phase);
    }
    // 3. Not ready before ready.
    if a.ready != b.ready {
        return if !a.ready { Ordering::Less } else { Ordering::Greater };
    }
    // 4. Lower pod-deletion-cost first.
    if a.deletion_cost != b.deletion_cost {
        return a.deletion_cost.cmp(&b.deletion_cost);
    }
    // 5. More related pods on the same node first.
    if rank_a != rank_b {
        return rank_b.cmp(&rank_a);
    }
    // 6. Ready more recently first (log2 buckets, ties by UID).
    if a.ready && b.ready && a.ready_time != b.ready_time {
        match (a.ready_time, b.ready_time) {
            (Some(ta), Some(tb)) => {
                let diff = log_bucket(ta, now) - log_bucket(tb, now);
                if diff == 0 {
                    return uid_a.cmp(uid_b);
                }
                return diff.cmp(&0);
            }
            // afterOrZero: a zero time sorts first.
            (None, _) => return Ordering::Less,
            (_, None) => return Ordering::Greater,
        }
    }
    // 7. Higher restart count first.
    if a.restarts != b.restarts {
        return b.restarts.cmp(&a.restarts);
    }
    // 8. Newer first (log2 buckets, ties by UID).
    if a.created != b.created {
        return match (a.created, b.created) {
            (Some(ta), Some(tb)) => {
                let diff = log_bucket(ta, now) - log_bucket(tb, now);
                if diff == 0 {
                    uid_a.cmp(uid_b)
                } else {
                    diff.cmp(&0)
                }
            }
            (None, _) => Ordering::Less,
            (_, None) => Ordering::Greater,
        };
    }
    Ordering::Equal
}

/// Mirrors `calculateStatus` of the ReplicaSet controller.
pub fn calculate_status(rs: &ReplicaSet, filtered: &[Rc<Pod>], now: Time) -> crate::engine::api::deployment::ReplicaSetStatus {
    let mut status = rs.status.clone();
    let template_labels = &rs.spec.template.metadata.labels;
    let min_ready = rs.min_ready_seconds();
    let (mut fully_labeled, mut ready, mut available) = (0, 0, 0);
    for pod in filtered {
        if template_labels.iter().all(|(k, v)| pod.metadata.labels.get(k) == Some(v)) {
            fully_labeled += 1;
        }
        if pod.is_ready() {
            ready += 1;
            if pod.is_available(min_ready, now) {
                available += 1;
            }
        }
    }
    status.replicas = filtered.len() as i32;
    status.fully_labeled_replicas = fully_labeled;
    status.ready_replicas = ready;
    status.available_replicas = available;
    status
}

/// Mirrors `updateReplicaSetStatus`: skip when nothing changed, otherwise write with one retry
/// on a fresh copy. None when the write failed (the caller requeues).
fn update_status(
    cluster: &mut Cluster,
    rs: &Rc<ReplicaSet>,
    new_status: crate::engine::api::deployment::ReplicaSetStatus,
) -> Option<Rc<ReplicaSet>> {
    let old = &rs.status;
    if old.replicas == new_status.replicas
        && old.fully_labeled_replicas == new_status.fully_labeled_replicas
        && old.ready_replicas == new_status.ready_replicas
        && old.available_replicas == new_status.available_replicas
        && rs.metadata.generation == old.observed_generation
        && old.conditions == new_status.conditions
    {
        return Some(rs.clone());
    }
    let mut attempt = (**rs).clone();
    for _ in 0..2 {
        let mut status = new_status.clone();
        status.observed_generation = attempt.metadata.generation;
        attempt.status = status;
        match cluster.store.update_status(attempt.clone()) {
            Ok(updated) => return Some(updated),
            Err(_) => {
                let fresh = cluster.store.get::<ReplicaSet>(&Key::of(&rs.metadata, true))?;
                attempt = (*fresh).clone();
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_integer_log_bucket_equals_the_float_one() {
        let now = Time(2_000_000);
        for age in (-3..5_000).chain([1_098, 1_099, 1_100, 100_000, 1_999_999]) {
            assert_eq!(log_bucket(Time(now.0 - age), now), log_bucket_float(age), "age {age} s");
        }
    }
}
