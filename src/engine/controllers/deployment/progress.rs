//! Rollout progress: the Progressing condition and the progress-deadline re-check.
//! Mirrors `pkg/controller/deployment/progress.go`.

use std::rc::Rc;

use crate::engine::api::deployment::{Deployment, DeploymentStatus, ReplicaSet};
use crate::engine::controllers::deployment::sync::calculate_status;
use crate::engine::controllers::deployment::util;
use crate::engine::controllers::deployment::SyncResult;
use crate::engine::queue::QueueName;
use crate::engine::store::Key;
use crate::engine::Cluster;

/// Mirrors `syncRolloutStatus`: complete, progressing or timed out, then write if changed
/// (or requeue a stuck Deployment for its deadline).
pub fn sync_rollout_status(cluster: &mut Cluster, all: &[Rc<ReplicaSet>], new_rs: Option<&Rc<ReplicaSet>>, d: &mut Deployment) -> SyncResult {
    let now = cluster.time();
    let mut new_status = calculate_status(all, new_rs, d, now);
    if !util::has_progress_deadline(d) {
        util::remove_condition(&mut new_status, "Progressing");
    }
    let current = util::get_condition(&d.status, "Progressing").cloned();
    let is_complete = new_status.replicas == new_status.updated_replicas
        && current.as_ref().and_then(|c| c.reason.as_deref()) == Some(util::NEW_RS_AVAILABLE_REASON);
    if util::has_progress_deadline(d) && !is_complete {
        let name = new_rs.map(|rs| rs.metadata.name.clone());
        if util::deployment_complete(d, &new_status) {
            let message = match &name {
                Some(rs) => format!("ReplicaSet \"{rs}\" has successfully progressed."),
                None => format!("Deployment \"{}\" has successfully progressed.", d.metadata.name),
            };
            util::set_condition(&mut new_status, util::new_condition("Progressing", "True", util::NEW_RS_AVAILABLE_REASON, &message, now));
        } else if util::deployment_progressing(d, &new_status) {
            let message = match &name {
                Some(rs) => format!("ReplicaSet \"{rs}\" is progressing."),
                None => format!("Deployment \"{}\" is progressing.", d.metadata.name),
            };
            let mut condition = util::new_condition("Progressing", "True", util::REPLICA_SET_UPDATED_REASON, &message, now);
            if let Some(current) = &current {
                if current.status == "True" {
                    condition.last_transition_time = current.last_transition_time;
                }
                util::remove_condition(&mut new_status, "Progressing");
            }
            util::set_condition(&mut new_status, condition);
        } else if util::deployment_timed_out(d, &new_status, now) {
            let message = match &name {
                Some(rs) => format!("ReplicaSet \"{rs}\" has timed out progressing."),
                None => format!("Deployment \"{}\" has timed out progressing.", d.metadata.name),
            };
            util::set_condition(&mut new_status, util::new_condition("Progressing", "False", util::TIMED_OUT_REASON, &message, now));
        }
    }
    // Move a ReplicaSet's failure condition into the Deployment's (the new one's first).
    match replica_failure(all, new_rs) {
        Some(condition) => util::set_condition(&mut new_status, condition),
        None => util::remove_condition(&mut new_status, "ReplicaFailure"),
    }

    if d.status == new_status {
        requeue_stuck_deployment(cluster, d, &new_status);
        return Ok(());
    }
    d.status = new_status;
    cluster.store.update_status(d.clone())?;
    Ok(())
}

/// Mirrors `getReplicaFailures` and `ReplicaSetToDeploymentCondition`: the new ReplicaSet's
/// ReplicaFailure condition, else the first of the others', with its transition time as both
/// times.
fn replica_failure(all: &[Rc<ReplicaSet>], new_rs: Option<&Rc<ReplicaSet>>) -> Option<crate::engine::api::deployment::DeploymentCondition> {
    let failure = |rs: &Rc<ReplicaSet>| rs.status.conditions.iter().find(|c| c.get("type").and_then(|t| t.as_str()) == Some("ReplicaFailure")).cloned();
    let condition = new_rs.and_then(failure).or_else(|| all.iter().find_map(failure))?;
    let text = |key: &str| condition.get(key).and_then(|v| v.as_str()).map(str::to_string);
    let time: Option<crate::engine::clock::Time> = condition.get("lastTransitionTime").and_then(|t| serde_json::from_value(t.clone()).ok());
    Some(crate::engine::api::deployment::DeploymentCondition {
        type_: "ReplicaFailure".into(),
        status: text("status").unwrap_or_default(),
        last_update_time: time,
        last_transition_time: time,
        reason: text("reason"),
        message: text("message"),
    })
}

/// Mirrors `requeueStuckDeployment`: look again at lastUpdateTime + deadline (+1 s), or at the
/// next tick when less than a second is left.
fn requeue_stuck_deployment(cluster: &mut Cluster, d: &Deployment, new_status: &DeploymentStatus) {
    let Some(current) = util::get_condition(&d.status, "Progressing") else { return };
    if !util::has_progress_deadline(d) {
        return;
    }
    if util::deployment_complete(d, new_status) || current.reason.as_deref() == Some(util::TIMED_OUT_REASON) {
        return;
    }
    let Some(last_update) = current.last_update_time else { return };
    let deadline = i64::from(d.spec.progress_deadline_seconds.unwrap_or(0));
    let now_ms = cluster.now().as_millis() as i64;
    let after_ms = (last_update.0 + deadline) * 1000 - now_ms;
    let key = Key::of(&d.metadata, true);
    if after_ms < 1000 {
        // enqueueRateLimited: soon, but after time has moved on.
        cluster.enqueue_after(QueueName::Deployment, key, crate::engine::timing::TICK_MS);
    } else {
        cluster.enqueue_after(QueueName::Deployment, key, (after_ms + 1000) as u64);
    }
}
