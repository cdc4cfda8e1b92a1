//! Scaling, new ReplicaSets, revisions, history cleanup and status: the shared half of the
//! Deployment controller. Mirrors `pkg/controller/deployment/sync.go`.

use std::rc::Rc;

use crate::engine::api::deployment::{Deployment, DeploymentStatus, ReplicaSet, ReplicaSetSpec, REVISION_ANNOTATION};
use crate::engine::api::meta::{ObjectMeta, OwnerReference};
use crate::engine::api::pod::PodTemplateSpec;
use crate::engine::controllers::deployment::util::{self, rs_replicas};
use crate::engine::controllers::deployment::{SyncError, SyncResult, COMPONENT};
use crate::engine::error::ApiError;
use crate::engine::events::{record, Involved};
use crate::engine::store::{Key, Kind};
use crate::engine::Cluster;
use crate::order::SharedSort;

/// Mirrors `syncStatusOnly`: a Deployment being deleted only gets its status refreshed.
pub fn sync_status_only(cluster: &mut Cluster, d: &mut Deployment, rs_list: &[Rc<ReplicaSet>]) -> SyncResult {
    let (new_rs, old) = get_all_replica_sets_and_sync_revision(cluster, d, rs_list, false)?;
    let all = with_new(&old, new_rs.as_ref());
    sync_deployment_status(cluster, d, &all, new_rs.as_ref())
}

/// Mirrors `sync`: the path for scaling events and paused Deployments. No new ReplicaSet is
/// created and no rollout step is taken.
pub fn sync(cluster: &mut Cluster, d: &mut Deployment, rs_list: &[Rc<ReplicaSet>]) -> SyncResult {
    let (new_rs, old) = get_all_replica_sets_and_sync_revision(cluster, d, rs_list, false)?;
    scale(cluster, d, new_rs.as_ref(), &old)?;
    if d.is_paused() {
        cleanup_deployment(cluster, &old, d)?;
    }
    let all = with_new(&old, new_rs.as_ref());
    sync_deployment_status(cluster, d, &all, new_rs.as_ref())
}

pub(crate) fn with_new(old: &[Rc<ReplicaSet>], new_rs: Option<&Rc<ReplicaSet>>) -> Vec<Rc<ReplicaSet>> {
    let mut all = old.to_vec();
    if let Some(new_rs) = new_rs {
        all.push(new_rs.clone());
    }
    all
}

/// Mirrors `checkPausedConditions`: set Progressing to Unknown/DeploymentPaused on pause and
/// Unknown/DeploymentResumed on resume. The write's result is not kept, so `d` goes stale, as in Go.
pub fn check_paused_conditions(cluster: &mut Cluster, d: &mut Deployment) -> SyncResult {
    if !util::has_progress_deadline(d) {
        return Ok(());
    }
    let current = util::get_condition(&d.status, "Progressing").cloned();
    if current.as_ref().and_then(|c| c.reason.as_deref()) == Some(util::TIMED_OUT_REASON) {
        return Ok(());
    }
    let paused_exists = current.as_ref().and_then(|c| c.reason.as_deref()) == Some(util::PAUSED_REASON);
    let now = cluster.time();
    let condition = if d.is_paused() && !paused_exists {
        util::new_condition("Progressing", "Unknown", util::PAUSED_REASON, "Deployment is paused", now)
    } else if !d.is_paused() && paused_exists {
        util::new_condition("Progressing", "Unknown", util::RESUMED_REASON, "Deployment is resumed", now)
    } else {
        return Ok(());
    };
    util::set_condition(&mut d.status, condition);
    cluster.store.update_status(d.clone())?;
    Ok(())
}

/// Mirrors `getAllReplicaSetsAndSyncRevision`: (new RS if any, all old RSs).
pub fn get_all_replica_sets_and_sync_revision(
    cluster: &mut Cluster,
    d: &mut Deployment,
    rs_list: &[Rc<ReplicaSet>],
    create_if_not_existed: bool,
) -> SyncResult<(Option<Rc<ReplicaSet>>, Vec<Rc<ReplicaSet>>)> {
    let existing = util::find_new_replica_set(d, rs_list);
    let old: Vec<Rc<ReplicaSet>> = rs_list
        .iter()
        .filter(|rs| existing.as_ref().is_none_or(|n| n.metadata.uid != rs.metadata.uid))
        .cloned()
        .collect();
    let new_rs = get_new_replica_set(cluster, d, existing, &old, create_if_not_existed)?;
    Ok((new_rs, old))
}

/// Mirrors `getNewReplicaSet`: sync the existing new RS's annotations and the Deployment's
/// revision, or create the new RS (`<name>-<pod-template-hash>`) sized by `NewRSNewReplicas`.
fn get_new_replica_set(
    cluster: &mut Cluster,
    d: &mut Deployment,
    existing: Option<Rc<ReplicaSet>>,
    old: &[Rc<ReplicaSet>],
    create_if_not_existed: bool,
) -> SyncResult<Option<Rc<ReplicaSet>>> {
    let new_revision = (util::max_revision(old) + 1).to_string();
    let now = cluster.time();
    if let Some(existing) = existing {
        let mut copy = (*existing).clone();
        let annotations_updated = util::set_new_replica_set_annotations(d, &mut copy, &new_revision, true);
        let min_ready_needs_update = copy.spec.min_ready_seconds.unwrap_or(0) != d.min_ready_seconds();
        if annotations_updated || min_ready_needs_update {
            copy.spec.min_ready_seconds = d.spec.min_ready_seconds;
            let updated = cluster.store.update(copy)?;
            return Ok(Some(updated));
        }
        let revision = copy.metadata.annotation(REVISION_ANNOTATION).unwrap_or("").to_string();
        let mut needs_update = util::set_deployment_revision(d, &revision);
        if util::has_progress_deadline(d) && util::get_condition(&d.status, "Progressing").is_none() {
            let message = format!("Found new replica set \"{}\"", copy.metadata.name);
            util::set_condition(&mut d.status, util::new_condition("Progressing", "True", util::FOUND_NEW_RS_REASON, &message, now));
            needs_update = true;
        }
        if needs_update {
            cluster.store.update_status(d.clone())?;
        }
        return Ok(Some(Rc::new(copy)));
    }
    if !create_if_not_existed {
        return Ok(None);
    }

    let template = d.spec.template.clone();
    let hash = util::compute_hash(&template, d.status.collision_count);
    let mut new_template = PodTemplateSpec { metadata: template.metadata.clone(), spec: template.spec.clone() };
    new_template.metadata.labels = util::with_hash_label(&template.metadata.labels, &hash).into();
    let mut selector = d.spec.selector.clone().unwrap_or_default();
    selector.match_labels = util::with_hash_label(&selector.match_labels, &hash);
    let mut new_rs = ReplicaSet {
        metadata: ObjectMeta {
            name: format!("{}-{}", d.metadata.name, hash).into(),
            namespace: Some(d.metadata.ns_text()),
            owner_references: vec![OwnerReference::controller_of("apps/v1", "Deployment", &d.metadata)].into(),
            labels: new_template.metadata.labels.clone(),
            ..Default::default()
        },
        spec: ReplicaSetSpec {
            replicas: Some(0),
            min_ready_seconds: d.spec.min_ready_seconds,
            selector: Some(selector),
            template: new_template,
            extra: Default::default(),
        },
        status: Default::default(),
    };
    let mut all = old.to_vec();
    all.push(Rc::new(new_rs.clone()));
    let new_replicas = util::new_rs_new_replicas(d, &all, 0).map_err(SyncError)?;
    new_rs.spec.replicas = Some(new_replicas);
    util::set_new_replica_set_annotations(d, &mut new_rs, &new_revision, false);

    let involved = Involved::of(Kind::Deployment, &d.metadata);
    let mut already_exists = false;
    let created = match cluster.store.create(new_rs.clone(), now, &mut cluster.rng) {
        Ok(created) => created,
        Err(ApiError::AlreadyExists { .. }) => {
            already_exists = true;
            let key = Key::of(&new_rs.metadata, true);
            let found = cluster.store.get::<ReplicaSet>(&key).ok_or_else(|| SyncError("replica set vanished".into()))?;
            let owned = found.metadata.controller_ref().is_some_and(|o| o.uid == d.metadata.uid);
            if owned && util::equal_ignore_hash(&d.spec.template, &found.spec.template) {
                found
            } else {
                // A hash collision: bump collisionCount and retry on the next sync.
                let count = d.status.collision_count.unwrap_or(0) + 1;
                d.status.collision_count = Some(count);
                let _ = cluster.store.update_status(d.clone());
                return Err(SyncError(format!("replicasets.apps \"{}\" already exists", new_rs.metadata.name)));
            }
        }
        Err(error) => {
            let message = format!("Failed to create new replica set \"{}\": {}", new_rs.metadata.name, error.message());
            if util::has_progress_deadline(d) {
                util::set_condition(&mut d.status, util::new_condition("Progressing", "False", util::FAILED_RS_CREATE_REASON, &message, now));
                let _ = cluster.store.update_status(d.clone());
            }
            record(cluster, &involved, "Warning", util::FAILED_RS_CREATE_REASON, &message, COMPONENT, "");
            return Err(error.into());
        }
    };
    if !already_exists && new_replicas > 0 {
        let message = format!("Scaled up replica set {} to {}", created.metadata.name, new_replicas);
        record(cluster, &involved, "Normal", "ScalingReplicaSet", &message, COMPONENT, "");
    }
    let mut needs_update = util::set_deployment_revision(d, &new_revision);
    if !already_exists && util::has_progress_deadline(d) {
        let message = format!("Created new replica set \"{}\"", created.metadata.name);
        util::set_condition(&mut d.status, util::new_condition("Progressing", "True", util::NEW_RS_REASON, &message, now));
        needs_update = true;
    }
    if needs_update {
        cluster.store.update_status(d.clone())?;
    }
    Ok(Some(created))
}

/// Mirrors `isScalingEvent`: an active RS's desired-replicas annotation differs from spec.replicas.
pub fn is_scaling_event(cluster: &mut Cluster, d: &mut Deployment, rs_list: &[Rc<ReplicaSet>]) -> SyncResult<bool> {
    let (new_rs, old) = get_all_replica_sets_and_sync_revision(cluster, d, rs_list, false)?;
    let all = with_new(&old, new_rs.as_ref());
    Ok(util::active(&all)
        .iter()
        .filter_map(|rs| util::desired_replicas_annotation(rs))
        .any(|desired| desired != d.replicas()))
}

/// Mirrors `scale`: one active RS takes all replicas; a saturated new RS drains the old ones;
/// otherwise the difference is shared in proportion to each RS's size (larger first).
///
/// Example (the docs' stuck rollout): 10 -> 15 replicas, maxSurge 3, old RS 8 and new RS 5
/// (max-replicas 13): allowed 18, to add 5; old gets round(8*18/13)-8 = 3, new gets the 2 left:
/// old 11, new 7.
pub fn scale(cluster: &mut Cluster, d: &Deployment, new_rs: Option<&Rc<ReplicaSet>>, old: &[Rc<ReplicaSet>]) -> SyncResult {
    if let Some(target) = util::find_active_or_latest(new_rs, old) {
        if rs_replicas(&target) == d.replicas() {
            return Ok(());
        }
        scale_replica_set_and_record_event(cluster, &target, d.replicas(), d)?;
        return Ok(());
    }
    if util::is_saturated(d, new_rs) {
        for rs in util::active(old) {
            scale_replica_set_and_record_event(cluster, &rs, 0, d)?;
        }
        return Ok(());
    }
    if !util::is_rolling_update(d) {
        return Ok(());
    }
    let mut all = util::active(&with_new(old, new_rs));
    let total = util::replica_count(&all);
    let allowed = if d.replicas() > 0 { d.replicas() + util::max_surge(d) } else { 0 };
    let to_add = allowed - total;
    let operation = match to_add.cmp(&0) {
        std::cmp::Ordering::Greater => {
            all.shared_sort_by(|a, b| util::by_size_newer(a, b));
            "up"
        }
        std::cmp::Ordering::Less => {
            all.shared_sort_by(|a, b| util::by_size_older(a, b));
            "down"
        }
        std::cmp::Ordering::Equal => "",
    };
    let mut added = 0;
    let mut sizes: Vec<i32> = Vec::with_capacity(all.len());
    for rs in &all {
        if to_add != 0 {
            let proportion = util::get_proportion(rs, d, to_add, added);
            sizes.push(rs_replicas(rs) + proportion);
            added += proportion;
        } else {
            sizes.push(rs_replicas(rs));
        }
    }
    for (index, rs) in all.iter().enumerate() {
        if index == 0 && to_add != 0 {
            let leftover = to_add - added;
            sizes[0] = (sizes[0] + leftover).max(0);
        }
        scale_replica_set(cluster, rs, sizes[index], d, operation)?;
    }
    Ok(())
}

/// Mirrors `scaleReplicaSetAndRecordEvent`. Returns (scaled, the RS after the write).
pub fn scale_replica_set_and_record_event(
    cluster: &mut Cluster,
    rs: &Rc<ReplicaSet>,
    new_scale: i32,
    d: &Deployment,
) -> SyncResult<(bool, Rc<ReplicaSet>)> {
    if rs_replicas(rs) == new_scale {
        return Ok((false, rs.clone()));
    }
    let operation = if rs_replicas(rs) < new_scale { "up" } else { "down" };
    scale_replica_set(cluster, rs, new_scale, d, operation)
}

/// Mirrors `scaleReplicaSet`: write size and replica annotations; the event (v1.28+ text with
/// ` from <old>`) only when the size changed.
pub fn scale_replica_set(
    cluster: &mut Cluster,
    rs: &Rc<ReplicaSet>,
    new_scale: i32,
    d: &Deployment,
    operation: &str,
) -> SyncResult<(bool, Rc<ReplicaSet>)> {
    let size_needs_update = rs_replicas(rs) != new_scale;
    let max = d.replicas() + util::max_surge(d);
    let annotations_need_update = util::replicas_annotations_need_update(rs, d.replicas(), max);
    if !size_needs_update && !annotations_need_update {
        return Ok((false, rs.clone()));
    }
    let old_scale = rs_replicas(rs);
    let mut copy = (**rs).clone();
    copy.spec.replicas = Some(new_scale);
    util::set_replicas_annotations(&mut copy, d.replicas(), max);
    let updated = cluster.store.update(copy)?;
    if size_needs_update {
        let message = format!("Scaled {operation} replica set {} to {new_scale} from {old_scale}", updated.metadata.name);
        let involved = Involved::of(Kind::Deployment, &d.metadata);
        record(cluster, &involved, "Normal", "ScalingReplicaSet", &message, COMPONENT, "");
    }
    Ok((size_needs_update, updated))
}

/// Mirrors `cleanupDeployment` (v1.28+: lowest revision first): delete old, empty, fully observed
/// ReplicaSets beyond `revisionHistoryLimit`.
pub fn cleanup_deployment(cluster: &mut Cluster, old: &[Rc<ReplicaSet>], d: &Deployment) -> SyncResult {
    if !util::has_revision_history_limit(d) {
        return Ok(());
    }
    let mut cleanable: Vec<Rc<ReplicaSet>> = old.iter().filter(|rs| !rs.metadata.is_deleting()).cloned().collect();
    let limit = d.spec.revision_history_limit.unwrap_or(10).max(0) as usize;
    if cleanable.len() <= limit {
        return Ok(());
    }
    let diff = cleanable.len() - limit;
    cleanable.shared_sort_by(|a, b| util::by_revision(a, b));
    for rs in cleanable.into_iter().take(diff) {
        if rs.status.replicas != 0 || rs_replicas(&rs) != 0 || rs.metadata.generation > rs.status.observed_generation || rs.metadata.is_deleting() {
            continue;
        }
        let key = Key::of(&rs.metadata, true);
        match crate::engine::apiserver::delete_object(cluster, Kind::ReplicaSet, &key, crate::engine::apiserver::Propagation::Background, None) {
            Ok(()) | Err(ApiError::NotFound { .. }) => {}
            Err(error) => return Err(error.into()),
        }
    }
    Ok(())
}

/// Mirrors `syncDeploymentStatus`: write the calculated status if it changed.
pub fn sync_deployment_status(cluster: &mut Cluster, d: &mut Deployment, all: &[Rc<ReplicaSet>], new_rs: Option<&Rc<ReplicaSet>>) -> SyncResult {
    let new_status = calculate_status(all, new_rs, d, cluster.time());
    if d.status == new_status {
        return Ok(());
    }
    d.status = new_status;
    cluster.store.update_status(d.clone())?;
    Ok(())
}

/// Mirrors `calculateStatus`. Note `unavailableReplicas` uses Σ spec.replicas, not status.
pub fn calculate_status(all: &[Rc<ReplicaSet>], new_rs: Option<&Rc<ReplicaSet>>, d: &Deployment, now: crate::engine::clock::Time) -> DeploymentStatus {
    let available = util::available_replica_count(all);
    let total = util::replica_count(all);
    let mut status = DeploymentStatus {
        observed_generation: d.metadata.generation,
        replicas: util::actual_replica_count(all),
        updated_replicas: new_rs.map_or(0, |rs| rs.status.replicas),
        ready_replicas: util::ready_replica_count(all),
        available_replicas: available,
        unavailable_replicas: (total - available).max(0),
        conditions: d.status.conditions.clone(),
        collision_count: d.status.collision_count,
    };
    let condition = if available >= d.replicas() - util::max_unavailable(d) {
        util::new_condition("Available", "True", util::MIN_AVAILABLE_REASON, "Deployment has minimum availability.", now)
    } else {
        util::new_condition("Available", "False", util::MIN_UNAVAILABLE_REASON, "Deployment does not have minimum availability.", now)
    };
    util::set_condition(&mut status, condition);
    status
}
