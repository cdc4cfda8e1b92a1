//! The Deployment controller: one sync per queued Deployment, dispatching to the scaling path or
//! a strategy. Mirrors `syncDeployment` and friends in `pkg/controller/deployment/deployment_controller.go`.

pub mod progress;
pub mod recreate;
pub mod rolling;
pub mod sync;
pub mod util;

use std::rc::Rc;

use crate::engine::api::deployment::{Deployment, ReplicaSet};
use crate::engine::api::meta::OwnerReference;
use crate::engine::api::selector::LabelSelector;
use crate::engine::error::ApiError;
use crate::engine::events::{record, Involved};
use crate::engine::queue::QueueName;
use crate::engine::store::{Key, Kind};
use crate::engine::Cluster;

pub(crate) const COMPONENT: &str = "deployment-controller";
/// After this many failed syncs in a row a key is dropped (`maxRetries`).
const MAX_RETRIES: u32 = 15;

/// Why a sync stopped early; the key is requeued with rate limiting, as `handleErr` does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncError(pub String);

impl From<ApiError> for SyncError {
    fn from(error: ApiError) -> SyncError {
        SyncError(error.message())
    }
}

pub type SyncResult<T = ()> = Result<T, SyncError>;

/// Runs one sync and handles its error like `handleErr`: requeue, up to `MAX_RETRIES` times.
pub fn sync(cluster: &mut Cluster, key: &Key) {
    match sync_deployment(cluster, key) {
        Ok(()) => {
            cluster.deployment_retries.remove(key);
        }
        Err(_) => {
            let retries = cluster.deployment_retries.entry(key.clone()).or_default();
            *retries += 1;
            if *retries <= MAX_RETRIES {
                // The rate limiter's first delays (5 ms, 10 ms, ...) are far below one tick.
                cluster.enqueue(QueueName::Deployment, key.clone());
            } else {
                cluster.deployment_retries.remove(key);
            }
        }
    }
}

/// Mirrors `syncDeployment`.
fn sync_deployment(cluster: &mut Cluster, key: &Key) -> SyncResult {
    let Some(stored) = cluster.store.get::<Deployment>(key) else {
        return Ok(());
    };
    let mut d = (*stored).clone();
    let everything = LabelSelector::default();
    if d.spec.selector.as_ref().is_none_or(|s| *s == everything) {
        let involved = Involved::of(Kind::Deployment, &d.metadata);
        record(cluster, &involved, "Warning", "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.", COMPONENT, "");
        if d.status.observed_generation < d.metadata.generation {
            d.status.observed_generation = d.metadata.generation;
            let _ = cluster.store.update_status(d);
        }
        return Ok(());
    }
    let rs_list = replica_sets_for_deployment(cluster, &d)?;
    if d.metadata.is_deleting() {
        return sync::sync_status_only(cluster, &mut d, &rs_list);
    }
    sync::check_paused_conditions(cluster, &mut d)?;
    if d.is_paused() {
        return sync::sync(cluster, &mut d, &rs_list);
    }
    if sync::is_scaling_event(cluster, &mut d, &rs_list)? {
        return sync::sync(cluster, &mut d, &rs_list);
    }
    if d.is_recreate() {
        recreate::rollout_recreate(cluster, &mut d, &rs_list)
    } else {
        rolling::rollout_rolling(cluster, &mut d, &rs_list)
    }
}

/// Mirrors `getReplicaSetsForDeployment`: claim ReplicaSets by selector through ownerReferences,
/// adopting matching orphans and releasing owned ones that no longer match.
fn replica_sets_for_deployment(cluster: &mut Cluster, d: &Deployment) -> SyncResult<Vec<Rc<ReplicaSet>>> {
    let selector = d.spec.selector.clone().unwrap_or_default();
    let Ok(parsed) = selector.to_selector() else {
        return Err(SyncError(format!("deployment {}/{} has invalid label selector", d.metadata.ns(), d.metadata.name)));
    };
    let candidates: Vec<Rc<ReplicaSet>> = cluster.store.replica_sets.in_namespace(d.metadata.ns()).cloned().collect();
    let mut claimed = Vec::new();
    for rs in candidates {
        let matches = parsed.matches(&rs.metadata.labels);
        match rs.metadata.controller_ref() {
            Some(owner) if owner.uid == d.metadata.uid => {
                if matches {
                    claimed.push(rs);
                } else if !d.metadata.is_deleting() {
                    let mut released = (*rs).clone();
                    released.metadata.owner_references.retain(|r| r.uid != d.metadata.uid);
                    released.metadata.resource_version.clear();
                    let _ = cluster.store.update(released);
                }
            }
            Some(_) => {}
            None => {
                if matches && !d.metadata.is_deleting() && !rs.metadata.is_deleting() {
                    let mut adopted = (*rs).clone();
                    adopted.metadata.owner_references.push(OwnerReference::controller_of("apps/v1", "Deployment", &d.metadata));
                    adopted.metadata.resource_version.clear();
                    if let Ok(stored) = cluster.store.update(adopted) {
                        claimed.push(stored);
                    }
                }
            }
        }
    }
    Ok(claimed)
}
