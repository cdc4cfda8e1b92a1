//! The Recreate strategy: every old pod gone before a single new one starts.
//! Mirrors `pkg/controller/deployment/recreate.go`.

use std::rc::Rc;

use crate::engine::api::deployment::{Deployment, ReplicaSet};
use crate::engine::controllers::deployment::progress::sync_rollout_status;
use crate::engine::controllers::deployment::sync::{cleanup_deployment, get_all_replica_sets_and_sync_revision, scale_replica_set_and_record_event, with_new};
use crate::engine::controllers::deployment::util::{self, rs_replicas};
use crate::engine::controllers::deployment::SyncResult;
use crate::engine::Cluster;

/// Mirrors `rolloutRecreate`: scale old RSs to 0; wait while any old pod exists (terminating ones
/// included); then create or scale the new RS to the full count in one step.
pub fn rollout_recreate(cluster: &mut Cluster, d: &mut Deployment, rs_list: &[Rc<ReplicaSet>]) -> SyncResult {
    let (mut new_rs, mut old) = get_all_replica_sets_and_sync_revision(cluster, d, rs_list, false)?;
    let mut all = with_new(&old, new_rs.as_ref());

    let mut scaled_down = false;
    for rs in util::active(&old) {
        if rs_replicas(&rs) == 0 {
            continue;
        }
        let (scaled, _) = scale_replica_set_and_record_event(cluster, &rs, 0, d)?;
        scaled_down |= scaled;
    }
    if scaled_down {
        return sync_rollout_status(cluster, &all, new_rs.as_ref(), d);
    }
    if old_pods_running(cluster, new_rs.as_ref(), &old, d) {
        return sync_rollout_status(cluster, &all, new_rs.as_ref(), d);
    }
    if new_rs.is_none() {
        let (created, refreshed_old) = get_all_replica_sets_and_sync_revision(cluster, d, rs_list, true)?;
        new_rs = created;
        old = refreshed_old;
        all = with_new(&old, new_rs.as_ref());
    }
    if let Some(new_rs) = &new_rs {
        scale_replica_set_and_record_event(cluster, new_rs, d.replicas(), d)?;
    }
    if util::deployment_complete(d, &d.status) {
        cleanup_deployment(cluster, &old, d)?;
    }
    sync_rollout_status(cluster, &all, new_rs.as_ref(), d)
}

/// Mirrors `oldPodsRunning`: an old RS still reports pods, or a pod of an old RS exists in a
/// phase other than Succeeded or Failed (terminating pods count).
fn old_pods_running(cluster: &Cluster, new_rs: Option<&Rc<ReplicaSet>>, old: &[Rc<ReplicaSet>], d: &Deployment) -> bool {
    if util::actual_replica_count(old) > 0 {
        return true;
    }
    let selector = d.spec.selector.clone().unwrap_or_default();
    old.iter()
        .filter(|rs| new_rs.is_none_or(|n| n.metadata.uid != rs.metadata.uid))
        .flat_map(|rs| cluster.store.pods_owned_by(&rs.metadata.uid))
        .filter(|pod| selector.matches(&pod.metadata.labels))
        .any(|pod| pod.phase() != "Succeeded" && pod.phase() != "Failed")
}
