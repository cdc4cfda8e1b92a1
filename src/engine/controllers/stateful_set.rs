//! The StatefulSet controller: pods `<set>-0`, `<set>-1`, ... with their own claims, created in
//! order and each only once its predecessors are running and ready (OrderedReady), or all at
//! once (Parallel); removed from the highest ordinal down; updated from the highest ordinal down
//! to the partition, one pod at a time.
//!
//! Mirrors `pkg/controller/statefulset` of 1.32: `UpdateStatefulSet`, `getStatefulSetRevisions`,
//! `updateStatefulSet`, `processReplica`, `processCondemned`, `updateStatefulSetStatus` and
//! `completeRollingUpdate` (stateful_set_control.go), `newVersionedStatefulSetPod`,
//! `getPersistentVolumeClaims` (stateful_set_utils.go) and the events of stateful_pod_control.go.
//! Revisions (the ControllerRevisions of a real cluster) are kept by the controller itself:
//! their names, numbers and templates; no ControllerRevision objects are stored.

use std::rc::Rc;

use crate::engine::api::meta::{ObjectMeta, OwnerReference};
use crate::engine::api::pod::{Pod, PodTemplateSpec, Volume};
use crate::engine::api::shared::Shared;
use crate::engine::api::stateful_set::{StatefulSet, StatefulSetStatus, POD_INDEX_LABEL, POD_NAME_LABEL, REVISION_LABEL};
use crate::engine::api::storage::PersistentVolumeClaim;
use crate::engine::apiserver;
use crate::engine::events::{record, Involved};
use crate::engine::queue::QueueName;
use crate::engine::store::{Key, KeyRef, Kind};
use crate::engine::Cluster;
use crate::order::SharedSort;

const COMPONENT: &str = "statefulset-controller";

/// One revision of a set's template, as a ControllerRevision records it.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    pub name: String,
    pub number: i64,
    pub template: PodTemplateSpec,
    /// The set's `kubernetes.io/change-cause` when the revision was made (`newRevision` copies
    /// the set's annotations into the ControllerRevision).
    pub change_cause: Option<String>,
}

/// The revisions of every StatefulSet, by the set's UID, oldest number first.
pub type Revisions = std::collections::BTreeMap<String, Vec<Revision>>;

pub fn enqueue(cluster: &mut Cluster, meta: &ObjectMeta) {
    cluster.sts_queue.add_ref(KeyRef::of(meta, true));
}

/// `addPod` / `updatePod` / `deletePod`: the pod's controlling StatefulSet, or for an orphan every
/// StatefulSet that could adopt it.
pub fn observe_pod(cluster: &mut Cluster, pod: &Pod) {
    if let Some(owner) = pod.metadata.controller_ref() {
        if owner.kind == "StatefulSet" {
            cluster.sts_queue.add(Key::new(pod.metadata.ns(), &owner.name));
        }
        return;
    }
    let keys: Vec<Key> = cluster
        .store
        .stateful_sets
        .in_namespace(pod.metadata.ns())
        .filter(|sts| sts.spec.selector.as_ref().is_some_and(|s| !s.is_empty() && s.matches(&pod.metadata.labels)))
        .map(|sts| Key::of(&sts.metadata, true))
        .collect();
    for key in keys {
        cluster.sts_queue.add(key);
    }
}

/// `getOrdinal`: the number after `<set>-` in a member's name; None for a pod that is not one.
fn ordinal_of(sts: &StatefulSet, pod: &Pod) -> Option<i32> {
    let rest = pod.metadata.name.strip_prefix(&*sts.metadata.name)?.strip_prefix('-')?;
    if rest.is_empty() || rest.starts_with('+') || (rest.len() > 1 && rest.starts_with('0')) {
        return None;
    }
    rest.parse::<i32>().ok().filter(|n| *n >= 0)
}

/// `syncStatefulSet`: claim the pods, run `UpdateStatefulSet`, resync after minReadySeconds.
#[inline(never)]
pub fn sync(cluster: &mut Cluster, key: &Key) {
    let Some(sts) = cluster.store.get::<StatefulSet>(key) else {
        return;
    };
    if sts.spec.selector.as_ref().is_none_or(|s| s.is_empty()) {
        return;
    }
    let pods = claim_pods(cluster, &sts);
    let (current, update) = revisions(cluster, &sts, &pods);
    let (mut status, failed) = update_stateful_set(cluster, &sts, &current, &update, &pods);
    complete_rolling_update(&sts, &mut status);
    write_status(cluster, &sts, status.clone());
    cluster.sync_done(QueueName::StatefulSet, key, failed);
    let min_ready = sts.min_ready_seconds();
    if min_ready > 0 && status.available_replicas != sts.replicas() {
        cluster.enqueue_after(QueueName::StatefulSet, key.clone(), min_ready as u64 * 1000);
    }
}

/// `getPodsForStatefulSet` with `ClaimPods`: members that match the selector, adopting orphans
/// and releasing pods that no longer match.
fn claim_pods(cluster: &mut Cluster, sts: &StatefulSet) -> Vec<Rc<Pod>> {
    let selector = sts.spec.selector.clone().unwrap_or_default();
    let candidates: Vec<Rc<Pod>> = cluster.store.pods.in_namespace(sts.metadata.ns()).cloned().collect();
    crate::engine::controllers::claim_pods(cluster, &sts.metadata, "apps/v1", "StatefulSet", candidates, |pod| selector.matches(&pod.metadata.labels) && ordinal_of(sts, pod).is_some())
}

/// `getStatefulSetRevisions` and `truncateHistory`: the update revision is the set's template
/// (an equal older revision is renumbered to the newest instead of a new one made); the current
/// revision is the one `status.currentRevision` names, or the update revision at first.
fn revisions(cluster: &mut Cluster, sts: &StatefulSet, pods: &[Rc<Pod>]) -> (Revision, Revision) {
    let hash = crate::engine::controllers::deployment::util::compute_hash(&sts.spec.template, sts.status.collision_count);
    let history = cluster.sts_revisions.entry(sts.metadata.uid.to_string()).or_default();
    let next = history.iter().map(|r| r.number).max().unwrap_or(0) + 1;
    let latest = history.iter().max_by_key(|r| r.number).map(|r| r.name.clone());
    let update = match history.iter().position(|r| r.template == sts.spec.template) {
        Some(index) if latest.as_deref() == Some(history[index].name.as_str()) => history[index].clone(),
        Some(index) => {
            history[index].number = next;
            history[index].clone()
        }
        None => {
            let change_cause = sts.metadata.annotation("kubernetes.io/change-cause").map(str::to_string);
            let revision = Revision { name: format!("{}-{hash}", sts.metadata.name), number: next, template: sts.spec.template.clone(), change_cause };
            history.push(revision.clone());
            revision
        }
    };
    history.shared_sort_by(|a, b| a.number.cmp(&b.number));
    let current = sts.status.current_revision.as_ref().and_then(|name| history.iter().find(|r| r.name == *name)).cloned().unwrap_or_else(|| update.clone());
    // Non-live revisions beyond the history limit go, oldest first.
    let live = |r: &Revision| r.name == current.name || r.name == update.name || pods.iter().any(|p| p.metadata.labels.get(REVISION_LABEL) == Some(&r.name));
    let limit = sts.spec.revision_history_limit.unwrap_or(10).max(0) as usize;
    let old: Vec<String> = history.iter().filter(|r| !live(r)).map(|r| r.name.clone()).collect();
    let excess: Vec<String> = old.iter().take(old.len().saturating_sub(limit)).cloned().collect();
    history.retain(|r| !excess.contains(&r.name));
    (current, update)
}

/// The revisions kept for a set, oldest first (`kubectl rollout history` reads them).
pub fn history<'a>(cluster: &'a Cluster, sts: &StatefulSet) -> &'a [Revision] {
    cluster.sts_revisions.get(&*sts.metadata.uid).map(Vec::as_slice).unwrap_or_default()
}

fn is_running_and_ready(pod: &Pod) -> bool {
    pod.phase() == "Running" && pod.is_ready()
}

fn is_running_and_available(pod: &Pod, min_ready: i32, now: crate::engine::clock::Time) -> bool {
    pod.phase() == "Running" && pod.is_available(min_ready, now)
}

/// `isUnavailable`: not running, ready and available, or terminating.
fn is_unavailable(pod: &Pod, min_ready: i32, now: crate::engine::clock::Time) -> bool {
    !is_running_and_ready(pod) || pod.metadata.is_deleting() || !is_running_and_available(pod, min_ready, now)
}

/// `computeReplicaStatus` over the pods that exist.
fn replica_status(sts: &StatefulSet, pods: &[&Rc<Pod>], current: &Revision, update: &Revision, now: crate::engine::clock::Time) -> StatefulSetStatus {
    let mut status = StatefulSetStatus::default();
    for pod in pods {
        status.replicas += 1;
        if is_running_and_ready(pod) {
            status.ready_replicas += 1;
            if is_running_and_available(pod, sts.min_ready_seconds(), now) {
                status.available_replicas += 1;
            }
        }
        if !pod.metadata.is_deleting() {
            let revision = pod.metadata.labels.get(REVISION_LABEL).map(String::as_str).unwrap_or_default();
            if revision == current.name {
                status.current_replicas += 1;
            }
            if revision == update.name {
                status.updated_replicas += 1;
            }
        }
    }
    status
}

/// `updateStatefulSet`: returns the status to record and whether a create or delete failed.
fn update_stateful_set(cluster: &mut Cluster, sts: &Rc<StatefulSet>, current: &Revision, update: &Revision, pods: &[Rc<Pod>]) -> (StatefulSetStatus, bool) {
    let now = cluster.time();
    let min_ready = sts.min_ready_seconds();
    let count = sts.replicas().max(0) as usize;
    let start = sts.start_ordinal();
    let mut replicas: Vec<Option<Rc<Pod>>> = vec![None; count];
    let mut condemned: Vec<(i32, Rc<Pod>)> = Vec::new();
    for pod in pods {
        let Some(ordinal) = ordinal_of(sts, pod) else { continue };
        if ordinal >= start && ((ordinal - start) as usize) < count {
            replicas[(ordinal - start) as usize] = Some(pod.clone());
        } else {
            condemned.push((ordinal, pod.clone()));
        }
    }
    condemned.shared_sort_by(|a, b| b.0.cmp(&a.0));
    let existing: Vec<&Rc<Pod>> = pods.iter().filter(|p| ordinal_of(sts, p).is_some()).collect();
    let mut status = replica_status(sts, &existing, current, update, now);
    status.observed_generation = sts.metadata.generation;
    status.current_revision = Some(current.name.clone());
    status.update_revision = Some(update.name.clone());
    status.collision_count = Some(sts.status.collision_count.unwrap_or(0));
    // The first unhealthy pod: among the replicas in order (one still to be made counts, with
    // no name: the real code puts a new, uncreated pod in its place), else the condemned from
    // the lowest ordinal.
    let first_unhealthy: Option<crate::engine::api::text::Text> = replicas
        .iter()
        .find_map(|slot| match slot {
            None => Some(Default::default()),
            Some(pod) if is_unavailable(pod, min_ready, now) => Some(pod.metadata.name.clone()),
            Some(_) => None,
        })
        .or_else(|| condemned.iter().rev().map(|(_, p)| p).find(|p| is_unavailable(p, min_ready, now)).map(|p| p.metadata.name.clone()));
    if sts.metadata.is_deleting() {
        return (status, false);
    }
    let monotonic = !sts.allows_burst();
    let involved = Involved::of(Kind::StatefulSet, &sts.metadata);
    // processReplica for each ordinal in order.
    for index in 0..count {
        let ordinal = start + index as i32;
        let pod = match &replicas[index] {
            Some(pod) if matches!(pod.phase(), "Failed" | "Succeeded") => {
                if !pod.metadata.is_deleting() && !delete_pod(cluster, sts, pod, &involved) {
                    return (status, true);
                }
                if monotonic {
                    return (status, false);
                }
                continue;
            }
            Some(pod) => pod.clone(),
            None => {
                // newVersionedStatefulSetPod: below the partition (or, without a rollingUpdate,
                // below the current replicas) a pod is made at the current revision.
                let below = match &sts.spec.update_strategy.rolling_update {
                    Some(rolling) => ordinal < start + rolling.partition.unwrap_or(0),
                    None => ordinal < start + sts.status.current_replicas,
                };
                let (template, revision) = if sts.is_rolling_update() && below { (&current.template, &current.name) } else { (&update.template, &update.name) };
                match create_pod(cluster, sts, template, revision, ordinal, &involved) {
                    Some(pod) => {
                        replicas[index] = Some(pod.clone());
                        if monotonic {
                            return (status, false);
                        }
                        pod
                    }
                    None => return (status, true),
                }
            }
        };
        if pod.phase() == "Pending" && !create_missing_claims(cluster, sts, &pod, ordinal, &involved) {
            return (status, true);
        }
        if monotonic && (pod.metadata.is_deleting() || !is_running_and_ready(&pod) || !is_running_and_available(&pod, min_ready, now)) {
            return (status, false);
        }
    }
    // processCondemned, from the highest ordinal down.
    for (_, pod) in &condemned {
        if pod.metadata.is_deleting() {
            if monotonic {
                return (status, false);
            }
            continue;
        }
        let first = first_unhealthy.as_deref() == Some(&*pod.metadata.name);
        if monotonic && !first && (!is_running_and_ready(pod) || !is_running_and_available(pod, min_ready, now)) {
            return (status, false);
        }
        if !delete_pod(cluster, sts, pod, &involved) {
            return (status, true);
        }
        if monotonic {
            return (status, false);
        }
    }
    if !sts.is_rolling_update() {
        return (status, false);
    }
    // The pod with the largest ordinal not at the update revision goes; wait while one is unavailable.
    let partition = sts.partition().max(0) as usize;
    for target in (partition..count).rev() {
        let Some(pod) = replicas[target].clone() else { continue };
        let revision = pod.metadata.labels.get(REVISION_LABEL).map(String::as_str).unwrap_or_default();
        if revision != update.name && !pod.metadata.is_deleting() {
            if !delete_pod(cluster, sts, &pod, &involved) {
                return (status, true);
            }
            status.current_replicas -= 1;
            return (status, false);
        }
        if is_unavailable(&pod, min_ready, now) {
            return (status, false);
        }
    }
    (status, false)
}

/// `getPersistentVolumeClaimName` and `getPersistentVolumeClaims`: `<template>-<set>-<ordinal>`,
/// labelled with the set's matchLabels.
fn claims_for(sts: &StatefulSet, ordinal: i32) -> Vec<PersistentVolumeClaim> {
    let match_labels = sts.spec.selector.as_ref().map(|s| s.match_labels.clone()).unwrap_or_default();
    sts.spec
        .volume_claim_templates
        .iter()
        .map(|template| {
            let mut labels = template.metadata.labels.clone();
            for (key, value) in &match_labels {
                labels.insert(key.clone(), value.clone());
            }
            let mut metadata = template.metadata.clone();
            metadata.name = format!("{}-{}-{ordinal}", template.metadata.name, sts.metadata.name).into();
            metadata.namespace = Some(sts.metadata.ns_text());
            metadata.labels = labels;
            PersistentVolumeClaim { metadata, spec: template.spec.clone(), status: Default::default() }
        })
        .collect()
}

/// `createPersistentVolumeClaims`: each claim of the pod that does not exist yet, with its event.
fn create_missing_claims(cluster: &mut Cluster, sts: &StatefulSet, pod: &Pod, ordinal: i32, involved: &Involved) -> bool {
    let mut ok = true;
    for claim in claims_for(sts, ordinal) {
        if cluster.store.get::<PersistentVolumeClaim>(&Key::of(&claim.metadata, true)).is_some() {
            continue;
        }
        let name = claim.metadata.name.clone();
        match crate::engine::storage_registry::create_claim(cluster, claim) {
            Ok(_) => record(cluster, involved, "Normal", "SuccessfulCreate", &format!("create Claim {name} Pod {} in StatefulSet {} success", pod.metadata.name, sts.metadata.name), COMPONENT, ""),
            Err(error) => {
                let message = format!("create Claim {name} for Pod {} in StatefulSet {} failed error: {}", pod.metadata.name, sts.metadata.name, error.message());
                record(cluster, involved, "Warning", "FailedCreate", &message, COMPONENT, "");
                ok = false;
            }
        }
    }
    ok
}

/// `newVersionedStatefulSetPod` then `CreateStatefulPod`: the claims first, then the pod named
/// `<set>-<ordinal>` with its identity (hostname, subdomain, name and index labels), its claims
/// as volumes and its revision label.
fn create_pod(cluster: &mut Cluster, sts: &StatefulSet, template: &PodTemplateSpec, revision: &str, ordinal: i32, involved: &Involved) -> Option<Rc<Pod>> {
    let name = format!("{}-{ordinal}", sts.metadata.name);
    let mut labels = template.metadata.labels.clone();
    labels.insert(REVISION_LABEL.to_string(), revision.to_string());
    labels.insert(POD_NAME_LABEL.to_string(), name.clone());
    labels.insert(POD_INDEX_LABEL.to_string(), ordinal.to_string());
    let mut spec = template.spec.clone();
    spec.hostname = Some(name.clone().into());
    if let Some(service) = sts.spec.service_name.as_deref().filter(|s| !s.is_empty()) {
        spec.subdomain = Some(service.into());
    }
    let claims = claims_for(sts, ordinal);
    if !claims.is_empty() {
        let mut volumes: Vec<Volume> = spec.volumes.iter().filter(|v| !sts.spec.volume_claim_templates.iter().any(|t| *t.metadata.name == *v.name)).cloned().collect();
        for (template, claim) in sts.spec.volume_claim_templates.iter().zip(&claims) {
            let mut extra = std::collections::BTreeMap::new();
            extra.insert("persistentVolumeClaim".to_string(), serde_json::json!({"claimName": claim.metadata.name.to_string()}));
            volumes.push(Volume { name: template.metadata.name.clone(), extra: Shared::new(extra), ..Default::default() });
        }
        spec.volumes = Shared::new(volumes);
    }
    let pod = Pod {
        metadata: ObjectMeta {
            name: name.clone().into(),
            namespace: Some(sts.metadata.ns_text()),
            labels,
            annotations: template.metadata.annotations.clone(),
            owner_references: Shared::new(vec![OwnerReference::controller_of("apps/v1", "StatefulSet", &sts.metadata)]),
            ..Default::default()
        },
        spec: Rc::new(spec),
        status: Default::default(),
    };
    if !create_missing_claims(cluster, sts, &pod, ordinal, involved) {
        return None;
    }
    match apiserver::create_pod(cluster, pod) {
        Ok(created) => {
            record(cluster, involved, "Normal", "SuccessfulCreate", &format!("create Pod {name} in StatefulSet {} successful", sts.metadata.name), COMPONENT, "");
            Some(created)
        }
        Err(error) => {
            let message = format!("create Pod {name} in StatefulSet {} failed error: {}", sts.metadata.name, error.message());
            record(cluster, involved, "Warning", "FailedCreate", &message, COMPONENT, "");
            None
        }
    }
}

/// `DeleteStatefulPod` with its event; false when the delete failed.
fn delete_pod(cluster: &mut Cluster, sts: &StatefulSet, pod: &Pod, involved: &Involved) -> bool {
    match apiserver::delete_pod(cluster, &Key::of(&pod.metadata, true), None) {
        Ok(()) => {
            record(cluster, involved, "Normal", "SuccessfulDelete", &format!("delete Pod {} in StatefulSet {} successful", pod.metadata.name, sts.metadata.name), COMPONENT, "");
            true
        }
        Err(crate::engine::error::ApiError::NotFound { .. }) => true,
        Err(error) => {
            let message = format!("delete Pod {} in StatefulSet {} failed error: {}", pod.metadata.name, sts.metadata.name, error.message());
            record(cluster, involved, "Warning", "FailedDelete", &message, COMPONENT, "");
            false
        }
    }
}

/// `completeRollingUpdate`: once every replica is updated and ready, the update revision becomes
/// the current one.
fn complete_rolling_update(sts: &StatefulSet, status: &mut StatefulSetStatus) {
    if sts.is_rolling_update() && status.updated_replicas == status.replicas && status.ready_replicas == status.replicas {
        status.current_replicas = status.updated_replicas;
        status.current_revision = status.update_revision.clone();
    }
}

/// `updateStatefulSetStatus`: written only when it differs (`inconsistentStatus`).
fn write_status(cluster: &mut Cluster, sts: &StatefulSet, status: StatefulSetStatus) {
    let Some(latest) = cluster.store.get::<StatefulSet>(&Key::of(&sts.metadata, true)) else { return };
    let old = &latest.status;
    let same = status.observed_generation <= old.observed_generation
        && (status.replicas, status.ready_replicas, status.current_replicas, status.updated_replicas, status.available_replicas)
            == (old.replicas, old.ready_replicas, old.current_replicas, old.updated_replicas, old.available_replicas)
        && status.current_revision == old.current_revision
        && status.update_revision == old.update_revision;
    if same {
        return;
    }
    let mut next = (*latest).clone();
    let conditions = std::mem::take(&mut next.status.conditions);
    next.status = StatefulSetStatus { conditions, ..status };
    if cluster.store.update_status(next).is_err() {
        cluster.sts_queue.add(Key::of(&sts.metadata, true));
    }
}
