//! The RollingUpdate strategy: one step per sync, up first, then down within maxUnavailable.
//! Mirrors `pkg/controller/deployment/rolling.go`.

use std::rc::Rc;

use crate::engine::api::deployment::{Deployment, ReplicaSet};
use crate::engine::controllers::deployment::progress::sync_rollout_status;
use crate::engine::controllers::deployment::sync::{cleanup_deployment, get_all_replica_sets_and_sync_revision, scale_replica_set_and_record_event, with_new};
use crate::engine::controllers::deployment::util::{self, rs_replicas};
use crate::engine::controllers::deployment::{SyncError, SyncResult};
use crate::engine::Cluster;
use crate::order::SharedSort;

/// Mirrors `rolloutRolling`: scale the new RS up if the surge allows; otherwise scale old RSs
/// down if availability allows; otherwise, once complete, prune history. Then status.
pub fn rollout_rolling(cluster: &mut Cluster, d: &mut Deployment, rs_list: &[Rc<ReplicaSet>]) -> SyncResult {
    let (new_rs, old) = get_all_replica_sets_and_sync_revision(cluster, d, rs_list, true)?;
    let new_rs = new_rs.ok_or_else(|| SyncError("no new replica set".into()))?;
    let all = with_new(&old, Some(&new_rs));

    if reconcile_new_replica_set(cluster, &all, &new_rs, d)? {
        return sync_rollout_status(cluster, &all, Some(&new_rs), d);
    }
    if reconcile_old_replica_sets(cluster, &all, util::active(&old), &new_rs, d)? {
        return sync_rollout_status(cluster, &all, Some(&new_rs), d);
    }
    if util::deployment_complete(d, &d.status) {
        cleanup_deployment(cluster, &old, d)?;
    }
    sync_rollout_status(cluster, &all, Some(&new_rs), d)
}

/// Mirrors `reconcileNewReplicaSet`.
fn reconcile_new_replica_set(cluster: &mut Cluster, all: &[Rc<ReplicaSet>], new_rs: &Rc<ReplicaSet>, d: &Deployment) -> SyncResult<bool> {
    if rs_replicas(new_rs) == d.replicas() {
        return Ok(false);
    }
    if rs_replicas(new_rs) > d.replicas() {
        let (scaled, _) = scale_replica_set_and_record_event(cluster, new_rs, d.replicas(), d)?;
        return Ok(scaled);
    }
    let count = util::new_rs_new_replicas(d, all, rs_replicas(new_rs)).map_err(SyncError)?;
    let (scaled, _) = scale_replica_set_and_record_event(cluster, new_rs, count, d)?;
    Ok(scaled)
}

/// Mirrors `reconcileOldReplicaSets`.
///
/// maxScaledDown = Σspec(all) - minAvailable - unavailable pods of the new RS.
/// Example: 10 replicas, maxUnavailable 2 (minAvailable 8), maxSurge 3; old RS 10, new RS 3
/// with none available: 13 - 8 - 3 = 2, so the old RS may lose 2 (unhealthy ones first).
fn reconcile_old_replica_sets(
    cluster: &mut Cluster,
    all: &[Rc<ReplicaSet>],
    old: Vec<Rc<ReplicaSet>>,
    new_rs: &Rc<ReplicaSet>,
    d: &Deployment,
) -> SyncResult<bool> {
    if util::replica_count(&old) == 0 {
        return Ok(false);
    }
    let all_pods = util::replica_count(all);
    let min_available = d.replicas() - util::max_unavailable(d);
    let new_unavailable = rs_replicas(new_rs) - new_rs.status.available_replicas;
    let max_scaled_down = all_pods - min_available - new_unavailable;
    if max_scaled_down <= 0 {
        return Ok(false);
    }
    let Ok((old, cleaned)) = cleanup_unhealthy_replicas(cluster, old, d, max_scaled_down) else {
        return Ok(false);
    };
    let all = with_new(&old, Some(new_rs));
    let Ok(scaled_down) = scale_down_old_replica_sets_for_rolling_update(cluster, &all, old, d) else {
        return Ok(false);
    };
    Ok(cleaned + scaled_down > 0)
}

/// Mirrors `cleanupUnhealthyReplicas`: oldest first, drop unavailable replicas within the budget.
fn cleanup_unhealthy_replicas(
    cluster: &mut Cluster,
    mut old: Vec<Rc<ReplicaSet>>,
    d: &Deployment,
    max_cleanup: i32,
) -> SyncResult<(Vec<Rc<ReplicaSet>>, i32)> {
    old.shared_sort_by(|a, b| util::by_creation(a, b));
    let mut total = 0;
    for index in 0..old.len() {
        if total >= max_cleanup {
            break;
        }
        let target = old[index].clone();
        if rs_replicas(&target) == 0 || rs_replicas(&target) == target.status.available_replicas {
            continue;
        }
        let count = (max_cleanup - total).min(rs_replicas(&target) - target.status.available_replicas);
        let new_count = rs_replicas(&target) - count;
        if new_count > rs_replicas(&target) {
            return Err(SyncError(format!("when cleaning up unhealthy replicas, got invalid request to scale down {} {} -> {}", target.metadata.name, rs_replicas(&target), new_count)));
        }
        let (_, updated) = scale_replica_set_and_record_event(cluster, &target, new_count, d)?;
        total += count;
        old[index] = updated;
    }
    Ok((old, total))
}

/// Mirrors `scaleDownOldReplicaSetsForRollingUpdate`: remove Σavailable - minAvailable replicas,
/// oldest RS first.
fn scale_down_old_replica_sets_for_rolling_update(
    cluster: &mut Cluster,
    all: &[Rc<ReplicaSet>],
    mut old: Vec<Rc<ReplicaSet>>,
    d: &Deployment,
) -> SyncResult<i32> {
    let min_available = d.replicas() - util::max_unavailable(d);
    let available = util::available_replica_count(all);
    if available <= min_available {
        return Ok(0);
    }
    old.shared_sort_by(|a, b| util::by_creation(a, b));
    let budget = available - min_available;
    let mut total = 0;
    for target in old {
        if total >= budget {
            break;
        }
        if rs_replicas(&target) == 0 {
            continue;
        }
        let count = rs_replicas(&target).min(budget - total);
        let new_count = rs_replicas(&target) - count;
        scale_replica_set_and_record_event(cluster, &target, new_count, d)?;
        total += count;
    }
    Ok(total)
}
