//! The controllers of kube-controller-manager that kubeplay runs, one module each.

pub mod cron_job;
pub mod daemon_set;
pub mod deployment;
pub mod disruption;
pub mod horizontal;
pub mod endpoints;
pub mod garbage_collector;
pub mod handlers;
pub mod hostpath_provisioner;
pub mod job;
pub mod job_indexes;
pub mod namespace;
pub mod node_lifecycle;
pub mod persistent_volume;
pub mod pod_failure_policy;
pub mod replica_set;
pub mod replication_controller;
pub mod resource_quota;
pub mod service_account;
pub mod stateful_set;
pub mod ttl_after_finished;

use std::rc::Rc;

use crate::engine::api::meta::{ObjectMeta, OwnerReference};
use crate::engine::api::pod::Pod;
use crate::engine::Cluster;

/// `PodControllerRefManager.ClaimPods` (`ClaimObject`, pkg/controller/controller_ref_manager.go):
/// of `pods`, those `owner` controls and that still match are kept; those it controls that no
/// longer match are released, unless it is being deleted; matching orphans are adopted (a
/// controller reference `api_version`/`kind` added) unless the owner or the pod is being
/// deleted. Pods other controllers own are left alone.
pub(crate) fn claim_pods(cluster: &mut Cluster, owner: &ObjectMeta, api_version: &str, kind: &str, pods: Vec<Rc<Pod>>, matches: impl Fn(&Pod) -> bool) -> Vec<Rc<Pod>> {
    let mut claimed = Vec::with_capacity(pods.len());
    for pod in pods {
        match pod.metadata.controller_ref() {
            Some(reference) if reference.uid == owner.uid => {
                if matches(&pod) {
                    claimed.push(pod);
                } else if !owner.is_deleting() {
                    let mut released = (*pod).clone();
                    released.metadata.owner_references.retain(|r| r.uid != owner.uid);
                    released.metadata.resource_version.clear();
                    let _ = cluster.store.update(released);
                }
            }
            Some(_) => {}
            None => {
                if matches(&pod) && !owner.is_deleting() && !pod.metadata.is_deleting() {
                    let mut adopted = (*pod).clone();
                    adopted.metadata.owner_references.push(OwnerReference::controller_of(api_version, kind, owner));
                    adopted.metadata.resource_version.clear();
                    if let Ok(stored) = cluster.store.update(adopted) {
                        claimed.push(stored);
                    }
                }
            }
        }
    }
    claimed
}
