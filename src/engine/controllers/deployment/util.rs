//! The Deployment controller's pure helpers: fenceposts, new-RS sizing, proportions, revisions,
//! conditions and ReplicaSet orderings. Mirrors `pkg/controller/deployment/util/deployment_util.go`.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::rc::Rc;

use crate::engine::api::deployment::{
    Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet, DESIRED_REPLICAS_ANNOTATION, LAST_APPLIED_ANNOTATION,
    MAX_REPLICAS_ANNOTATION, POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION,
};
use crate::engine::api::intstr::IntOrString;
use crate::engine::api::pod::PodTemplateSpec;
use crate::engine::clock::Time;
use crate::order::SharedSort;

/// Condition reasons (`deploymentutil`).
pub const NEW_RS_REASON: &str = "NewReplicaSetCreated";
pub const FOUND_NEW_RS_REASON: &str = "FoundNewReplicaSet";
pub const NEW_RS_AVAILABLE_REASON: &str = "NewReplicaSetAvailable";
pub const REPLICA_SET_UPDATED_REASON: &str = "ReplicaSetUpdated";
pub const TIMED_OUT_REASON: &str = "ProgressDeadlineExceeded";
pub const PAUSED_REASON: &str = "DeploymentPaused";
pub const RESUMED_REASON: &str = "DeploymentResumed";
pub const MIN_AVAILABLE_REASON: &str = "MinimumReplicasAvailable";
pub const MIN_UNAVAILABLE_REASON: &str = "MinimumReplicasUnavailable";
pub const FAILED_RS_CREATE_REASON: &str = "ReplicaSetCreateError";

/// Longest `revision-history` annotation, in characters (`maxRevHistoryLengthInChars`).
pub const MAX_REV_HISTORY_LENGTH_IN_CHARS: usize = 2000;

/// Mirrors `ResolveFenceposts`: maxSurge rounds up, maxUnavailable rounds down, and if both come
/// out 0, maxUnavailable becomes 1.
///
/// Example: 25%/25% of 3 replicas: surge ceil(0.75) = 1, unavailable floor(0.75) = 0.
pub fn resolve_fenceposts(max_surge: Option<&IntOrString>, max_unavailable: Option<&IntOrString>, desired: i32) -> Result<(i32, i32), String> {
    let zero = IntOrString::Int(0);
    let surge = max_surge.unwrap_or(&zero).scaled_value(desired, true)?;
    let mut unavailable = max_unavailable.unwrap_or(&zero).scaled_value(desired, false)?;
    if surge == 0 && unavailable == 0 {
        unavailable = 1;
    }
    Ok((surge, unavailable))
}

pub fn is_rolling_update(d: &Deployment) -> bool {
    d.spec.strategy.type_.as_deref() == Some("RollingUpdate")
}

/// Mirrors `MaxUnavailable`: 0 for Recreate or 0 replicas, capped at replicas.
pub fn max_unavailable(d: &Deployment) -> i32 {
    if !is_rolling_update(d) || d.replicas() == 0 {
        return 0;
    }
    let rolling = d.spec.strategy.rolling_update.clone().unwrap_or_default();
    let (_, unavailable) =
        resolve_fenceposts(rolling.max_surge.as_ref(), rolling.max_unavailable.as_ref(), d.replicas()).unwrap_or((0, 1));
    unavailable.min(d.replicas())
}

/// Mirrors `MaxSurge`: 0 for Recreate.
pub fn max_surge(d: &Deployment) -> i32 {
    if !is_rolling_update(d) {
        return 0;
    }
    let rolling = d.spec.strategy.rolling_update.clone().unwrap_or_default();
    resolve_fenceposts(rolling.max_surge.as_ref(), rolling.max_unavailable.as_ref(), d.replicas()).map_or(0, |(s, _)| s)
}

pub fn rs_replicas(rs: &ReplicaSet) -> i32 {
    rs.spec.replicas.unwrap_or(0)
}

/// Σ spec.replicas (`GetReplicaCountForReplicaSets`).
pub fn replica_count(rss: &[Rc<ReplicaSet>]) -> i32 {
    rss.iter().map(|rs| rs_replicas(rs)).sum()
}

/// Σ status.replicas (`GetActualReplicaCountForReplicaSets`).
pub fn actual_replica_count(rss: &[Rc<ReplicaSet>]) -> i32 {
    rss.iter().map(|rs| rs.status.replicas).sum()
}

pub fn ready_replica_count(rss: &[Rc<ReplicaSet>]) -> i32 {
    rss.iter().map(|rs| rs.status.ready_replicas).sum()
}

pub fn available_replica_count(rss: &[Rc<ReplicaSet>]) -> i32 {
    rss.iter().map(|rs| rs.status.available_replicas).sum()
}

/// Mirrors `NewRSNewReplicas`: how big the new ReplicaSet may be now.
///
/// Example: 3 replicas, maxSurge 1, old RS at 3, new at 0: total 3 < 4, so the new RS goes to 1.
pub fn new_rs_new_replicas(d: &Deployment, all: &[Rc<ReplicaSet>], new_rs_replicas: i32) -> Result<i32, String> {
    if d.is_recreate() {
        return Ok(d.replicas());
    }
    if !is_rolling_update(d) {
        return Err(format!("deployment type {:?} isn't supported", d.spec.strategy.type_.clone().unwrap_or_default()));
    }
    let rolling = d.spec.strategy.rolling_update.clone().unwrap_or_default();
    let surge = rolling.max_surge.unwrap_or(IntOrString::Int(0)).scaled_value(d.replicas(), true)?;
    let current = replica_count(all);
    let max_total = d.replicas() + surge;
    if current >= max_total {
        return Ok(new_rs_replicas);
    }
    let scale_up = (max_total - current).min(d.replicas() - new_rs_replicas);
    Ok(new_rs_replicas + scale_up)
}

fn annotation_i32(rs: &ReplicaSet, key: &str) -> Option<i32> {
    rs.metadata.annotation(key)?.parse::<i32>().ok()
}

pub fn desired_replicas_annotation(rs: &ReplicaSet) -> Option<i32> {
    annotation_i32(rs, DESIRED_REPLICAS_ANNOTATION)
}

pub fn max_replicas_annotation(rs: &ReplicaSet) -> Option<i32> {
    annotation_i32(rs, MAX_REPLICAS_ANNOTATION)
}

/// Mirrors `IsSaturated`: the new RS has all replicas, its annotation agrees, all available.
pub fn is_saturated(d: &Deployment, rs: Option<&Rc<ReplicaSet>>) -> bool {
    let Some(rs) = rs else { return false };
    let Some(desired) = desired_replicas_annotation(rs) else { return false };
    rs_replicas(rs) == d.replicas() && desired == d.replicas() && rs.status.available_replicas == d.replicas()
}

/// Mirrors `GetProportion` / `getReplicaSetFraction`: this RS's share of the replicas to add.
pub fn get_proportion(rs: &ReplicaSet, d: &Deployment, to_add: i32, added: i32) -> i32 {
    if rs_replicas(rs) == 0 || to_add == 0 || to_add == added {
        return 0;
    }
    let fraction = replica_set_fraction(rs, d);
    let allowed = to_add - added;
    if to_add > 0 {
        fraction.min(allowed)
    } else {
        fraction.max(allowed)
    }
}

fn replica_set_fraction(rs: &ReplicaSet, d: &Deployment) -> i32 {
    if d.replicas() == 0 {
        return -rs_replicas(rs);
    }
    let deployment_replicas = d.replicas() + max_surge(d);
    let annotated = max_replicas_annotation(rs).unwrap_or(d.status.replicas);
    if annotated == 0 {
        return 0;
    }
    let new_size = f64::from(rs_replicas(rs)) * f64::from(deployment_replicas) / f64::from(annotated);
    round_to_i32(new_size) - rs_replicas(rs)
}

/// Go's `integer.RoundToInt32`: half away from zero.
fn round_to_i32(value: f64) -> i32 {
    let rounded = if value < 0.0 { value - 0.5 } else { value + 0.5 };
    rounded.clamp(f64::from(i32::MIN), f64::from(i32::MAX)) as i32
}

/// Mirrors `EqualIgnoreHash`: templates equal once the pod-template-hash label is removed.
pub fn equal_ignore_hash(a: &PodTemplateSpec, b: &PodTemplateSpec) -> bool {
    if a.spec != b.spec {
        return false;
    }
    let strip = |t: &PodTemplateSpec| {
        let mut meta = t.metadata.clone();
        meta.labels.remove(POD_TEMPLATE_HASH_LABEL);
        meta
    };
    strip(a) == strip(b)
}

/// `ReplicaSetsByCreationTimestamp`: older first, ties by name.
pub fn by_creation(a: &ReplicaSet, b: &ReplicaSet) -> Ordering {
    a.metadata.creation_timestamp.cmp(&b.metadata.creation_timestamp).then_with(|| a.metadata.name.cmp(&b.metadata.name))
}

/// `ReplicaSetsBySizeOlder`: larger first, ties older first.
pub fn by_size_older(a: &ReplicaSet, b: &ReplicaSet) -> Ordering {
    rs_replicas(b).cmp(&rs_replicas(a)).then_with(|| by_creation(a, b))
}

/// `ReplicaSetsBySizeNewer`: larger first, ties newer first.
pub fn by_size_newer(a: &ReplicaSet, b: &ReplicaSet) -> Ordering {
    rs_replicas(b).cmp(&rs_replicas(a)).then_with(|| by_creation(b, a))
}

pub fn revision_of(rs: &ReplicaSet) -> i64 {
    rs.metadata.annotation(REVISION_ANNOTATION).and_then(|r| r.parse::<i64>().ok()).unwrap_or(0)
}

/// `ReplicaSetsByRevision` (v1.28 history cleanup order): lower revision first, ties by creation.
pub fn by_revision(a: &ReplicaSet, b: &ReplicaSet) -> Ordering {
    revision_of(a).cmp(&revision_of(b)).then_with(|| by_creation(a, b))
}

/// Mirrors `MaxRevision`.
pub fn max_revision(rss: &[Rc<ReplicaSet>]) -> i64 {
    rss.iter().map(|rs| revision_of(rs)).max().unwrap_or(0)
}

/// Mirrors `FindNewReplicaSet`: the oldest RS whose template equals the Deployment's.
pub fn find_new_replica_set(d: &Deployment, rss: &[Rc<ReplicaSet>]) -> Option<Rc<ReplicaSet>> {
    let mut sorted: Vec<&Rc<ReplicaSet>> = rss.iter().collect();
    sorted.shared_sort_by(|a, b| by_creation(a, b));
    sorted.into_iter().find(|rs| equal_ignore_hash(&rs.spec.template, &d.spec.template)).cloned()
}

/// `FilterActiveReplicaSets`: those with spec.replicas > 0.
pub fn active(rss: &[Rc<ReplicaSet>]) -> Vec<Rc<ReplicaSet>> {
    rss.iter().filter(|rs| rs_replicas(rs) > 0).cloned().collect()
}

/// Mirrors `FindActiveOrLatest`: the only active RS, or the newest if none is active.
pub fn find_active_or_latest(new_rs: Option<&Rc<ReplicaSet>>, old: &[Rc<ReplicaSet>]) -> Option<Rc<ReplicaSet>> {
    if new_rs.is_none() && old.is_empty() {
        return None;
    }
    let mut old_sorted = old.to_vec();
    old_sorted.shared_sort_by(|a, b| by_creation(b, a));
    let mut all = old_sorted.clone();
    if let Some(n) = new_rs {
        all.push(n.clone());
    }
    let active = active(&all);
    match active.len() {
        0 => new_rs.cloned().or_else(|| old_sorted.first().cloned()),
        1 => Some(active[0].clone()),
        _ => None,
    }
}

pub fn new_condition(type_: &str, status: &str, reason: &str, message: &str, now: Time) -> DeploymentCondition {
    DeploymentCondition {
        type_: type_.to_string(),
        status: status.to_string(),
        last_update_time: Some(now),
        last_transition_time: Some(now),
        reason: Some(reason.to_string()),
        message: Some(message.to_string()),
    }
}

pub fn get_condition<'a>(status: &'a DeploymentStatus, type_: &str) -> Option<&'a DeploymentCondition> {
    status.conditions.iter().find(|c| c.type_ == type_)
}

/// Mirrors `SetDeploymentCondition`: no-op when status and reason are unchanged; keeps
/// lastTransitionTime when only the reason changes; the condition moves to the end.
pub fn set_condition(status: &mut DeploymentStatus, mut condition: DeploymentCondition) {
    if let Some(current) = get_condition(status, &condition.type_) {
        if current.status == condition.status && current.reason == condition.reason {
            return;
        }
        if current.status == condition.status {
            condition.last_transition_time = current.last_transition_time;
        }
    }
    status.conditions.retain(|c| c.type_ != condition.type_);
    status.conditions.push(condition);
}

pub fn remove_condition(status: &mut DeploymentStatus, type_: &str) {
    status.conditions.retain(|c| c.type_ != type_);
}

/// Mirrors `HasProgressDeadline`: set and not MaxInt32.
pub fn has_progress_deadline(d: &Deployment) -> bool {
    d.spec.progress_deadline_seconds.is_some_and(|s| s != i32::MAX)
}

pub fn has_revision_history_limit(d: &Deployment) -> bool {
    d.spec.revision_history_limit.is_some_and(|l| l != i32::MAX)
}

/// Mirrors `DeploymentComplete`.
pub fn deployment_complete(d: &Deployment, status: &DeploymentStatus) -> bool {
    let replicas = d.replicas();
    status.updated_replicas == replicas
        && status.replicas == replicas
        && status.available_replicas == replicas
        && status.observed_generation >= d.metadata.generation
}

/// Mirrors `DeploymentProgressing`: more updated, fewer old, more ready or more available.
pub fn deployment_progressing(d: &Deployment, new_status: &DeploymentStatus) -> bool {
    let old = &d.status;
    let old_old_replicas = old.replicas - old.updated_replicas;
    let new_old_replicas = new_status.replicas - new_status.updated_replicas;
    new_status.updated_replicas > old.updated_replicas
        || new_old_replicas < old_old_replicas
        || new_status.ready_replicas > old.ready_replicas
        || new_status.available_replicas > old.available_replicas
}

/// Mirrors `DeploymentTimedOut`: lastUpdateTime + progressDeadlineSeconds is before now.
pub fn deployment_timed_out(d: &Deployment, new_status: &DeploymentStatus, now: Time) -> bool {
    if !has_progress_deadline(d) {
        return false;
    }
    let Some(condition) = get_condition(new_status, "Progressing") else { return false };
    match condition.reason.as_deref() {
        Some(NEW_RS_AVAILABLE_REASON) => return false,
        Some(TIMED_OUT_REASON) => return true,
        _ => {}
    }
    let Some(from) = condition.last_update_time else { return false };
    from.0 + i64::from(d.spec.progress_deadline_seconds.unwrap_or(0)) < now.0
}

/// Annotations a ReplicaSet never copies from its Deployment (`annotationsToSkip`).
pub fn skip_copy_annotation(key: &str) -> bool {
    matches!(
        key,
        LAST_APPLIED_ANNOTATION
            | REVISION_ANNOTATION
            | REVISION_HISTORY_ANNOTATION
            | DESIRED_REPLICAS_ANNOTATION
            | MAX_REPLICAS_ANNOTATION
            | "deprecated.deployment.rollback.to"
    )
}

/// Mirrors `copyDeploymentAnnotationsToReplicaSet`.
pub fn copy_deployment_annotations(d: &Deployment, rs: &mut ReplicaSet) -> bool {
    let mut changed = false;
    for (key, value) in &d.metadata.annotations {
        if skip_copy_annotation(key) || rs.metadata.annotations.get(key) == Some(value) {
            continue;
        }
        rs.metadata.annotations.insert(key.clone(), value.clone());
        changed = true;
    }
    changed
}

/// Mirrors `SetReplicasAnnotations`.
pub fn set_replicas_annotations(rs: &mut ReplicaSet, desired: i32, max: i32) -> bool {
    let mut changed = false;
    for (key, value) in [(DESIRED_REPLICAS_ANNOTATION, desired), (MAX_REPLICAS_ANNOTATION, max)] {
        let text = value.to_string();
        if rs.metadata.annotations.get(key) != Some(&text) {
            rs.metadata.annotations.insert(key.to_string(), text);
            changed = true;
        }
    }
    changed
}

/// Mirrors `ReplicasAnnotationsNeedUpdate`.
pub fn replicas_annotations_need_update(rs: &ReplicaSet, desired: i32, max: i32) -> bool {
    rs.metadata.annotation(DESIRED_REPLICAS_ANNOTATION) != Some(desired.to_string().as_str())
        || rs.metadata.annotation(MAX_REPLICAS_ANNOTATION) != Some(max.to_string().as_str())
}

/// Mirrors `SetNewReplicaSetAnnotations`: copy the Deployment's annotations, raise the revision,
/// keep the old revision in `revision-history` on a rollback, set the replica annotations on create.
pub fn set_new_replica_set_annotations(d: &Deployment, rs: &mut ReplicaSet, new_revision: &str, exists: bool) -> bool {
    let mut changed = copy_deployment_annotations(d, rs);
    let old_revision = rs.metadata.annotations.get(REVISION_ANNOTATION).cloned();
    let old_revision_int = match old_revision.as_deref() {
        None | Some("") => 0,
        Some(text) => match text.parse::<i64>() {
            Ok(n) => n,
            Err(_) => return false,
        },
    };
    let Ok(new_revision_int) = new_revision.parse::<i64>() else { return false };
    if old_revision_int < new_revision_int {
        rs.metadata.annotations.insert(REVISION_ANNOTATION.to_string(), new_revision.to_string());
        changed = true;
    }
    if let Some(old_revision) = old_revision.filter(|_| old_revision_int < new_revision_int) {
        let history = rs.metadata.annotations.get(REVISION_HISTORY_ANNOTATION).cloned().unwrap_or_default();
        if history.is_empty() {
            rs.metadata.annotations.insert(REVISION_HISTORY_ANNOTATION.to_string(), old_revision);
        } else {
            let mut revisions: Vec<&str> = history.split(',').collect();
            let mut total = history.len() + old_revision.len() + 1;
            let mut start = 0;
            while total > MAX_REV_HISTORY_LENGTH_IN_CHARS && start < revisions.len() {
                total -= revisions[start].len() + 1;
                start += 1;
            }
            if total <= MAX_REV_HISTORY_LENGTH_IN_CHARS {
                revisions = revisions.split_off(start);
                revisions.push(&old_revision);
                let joined = revisions.join(",");
                rs.metadata.annotations.insert(REVISION_HISTORY_ANNOTATION.to_string(), joined);
            }
        }
    }
    if !exists && set_replicas_annotations(rs, d.replicas(), d.replicas() + max_surge(d)) {
        changed = true;
    }
    changed
}

/// Mirrors `SetDeploymentRevision`.
pub fn set_deployment_revision(d: &mut Deployment, revision: &str) -> bool {
    if d.metadata.annotation(REVISION_ANNOTATION) == Some(revision) {
        return false;
    }
    d.metadata.annotations.insert(REVISION_ANNOTATION.to_string(), revision.to_string());
    true
}

/// The pod-template-hash: FNV-32a over a canonical dump of the template (plus the collision
/// count), its decimal digits mapped through the apiserver alphabet (`controller.ComputeHash`,
/// `rand.SafeEncodeString`). Opaque, as the reference says; deterministic per template.
pub fn compute_hash(template: &PodTemplateSpec, collision_count: Option<i32>) -> String {
    let dump = serde_json::to_string(template).unwrap_or_default();
    let mut hash: u32 = 0x811c_9dc5;
    let mut feed = |byte: u8| {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    };
    for byte in dump.bytes() {
        feed(byte);
    }
    if let Some(count) = collision_count {
        for byte in (count as u32).to_le_bytes() {
            feed(byte);
        }
        for _ in 0..4 {
            feed(0);
        }
    }
    let alphabet = crate::engine::rng::NAME_ALPHABET;
    hash.to_string().bytes().map(|b| alphabet[(b as usize) % alphabet.len()] as char).collect()
}

/// Labels plus `pod-template-hash`, for the new RS's template and selector.
pub fn with_hash_label(labels: &BTreeMap<String, String>, hash: &str) -> BTreeMap<String, String> {
    let mut labels = labels.clone();
    labels.insert(POD_TEMPLATE_HASH_LABEL.to_string(), hash.to_string());
    labels
}

#[cfg(test)]
mod tests {
    #[test]
    fn safe_encode_matches_the_reference_example() {
        // unit-cases.json: fnv32a 1773443253 encodes to 5cc7887697.
        let alphabet = crate::engine::rng::NAME_ALPHABET;
        let encoded: String = 1_773_443_253u32.to_string().bytes().map(|b| alphabet[(b as usize) % 27] as char).collect();
        assert_eq!(encoded, "5cc7887697");
    }
}
