//! The ReplicationController controller: keeps `spec.replicas` pods matching a label map alive.
//!
//! kube-controller-manager's `ReplicationManager` (pkg/controller/replication) is the ReplicaSet
//! controller run on ReplicationControllers converted to ReplicaSets, with its own event source
//! (`replication-controller`) and owner references (v1 ReplicationController). So this mirrors
//! `syncReplicaSet`, `manageReplicas` (slow-start batches, the deletion ranking of
//! `getPodsToDelete`), `ClaimPods` and `calculateStatus`, as `controllers::replica_set` does,
//! sharing its ranking.

use std::rc::Rc;

use crate::engine::api::meta::{ObjectMeta, OwnerReference};
use crate::engine::api::pod::Pod;
use crate::engine::api::replication_controller::{ReplicationController, ReplicationControllerStatus};
use crate::engine::api::shared::Shared;
use crate::engine::apiserver;
use crate::engine::controllers::replica_set::{pods_to_delete, BURST_REPLICAS};
use crate::engine::events::{record, Involved};
use crate::engine::queue::QueueName;
use crate::engine::store::{Key, KeyRef, Kind};
use crate::engine::Cluster;

const COMPONENT: &str = "replication-controller";

pub fn enqueue(cluster: &mut Cluster, meta: &ObjectMeta) {
    cluster.rc_queue.add_ref(KeyRef::of(meta, true));
}

fn selects(rc: &ReplicationController, labels: &std::collections::BTreeMap<String, String>) -> bool {
    !rc.spec.selector.is_empty() && rc.spec.selector.iter().all(|(k, v)| labels.get(k) == Some(v))
}

/// `addPod` / `updatePod` / `deletePod`: the pod's controlling ReplicationController, or for an
/// orphan every one whose selector matches it.
pub fn observe_pod(cluster: &mut Cluster, pod: &Pod) {
    if let Some(owner) = pod.metadata.controller_ref() {
        if owner.kind == "ReplicationController" {
            cluster.rc_queue.add(Key::new(pod.metadata.ns(), &owner.name));
        }
        return;
    }
    let keys: Vec<Key> = cluster.store.replication_controllers.in_namespace(pod.metadata.ns()).filter(|rc| selects(rc, &pod.metadata.labels)).map(|rc| Key::of(&rc.metadata, true)).collect();
    for key in keys {
        cluster.rc_queue.add(key);
    }
}

/// `syncReplicaSet` for a ReplicationController.
#[inline(never)]
pub fn sync(cluster: &mut Cluster, key: &Key) {
    let Some(rc) = cluster.store.get::<ReplicationController>(key) else { return };
    let mut candidates = cluster.store.pods_owned_by(&rc.metadata.uid);
    candidates.extend(cluster.store.orphan_pods(rc.metadata.ns()));
    let active: Vec<Rc<Pod>> = candidates.into_iter().filter(|p| p.is_active()).collect();
    let claimed = claim_pods(cluster, &rc, active);
    let failed = !rc.metadata.is_deleting() && !manage_replicas(cluster, &rc, &claimed);
    let status = calculate_status(&rc, &claimed, cluster.time());
    write_status(cluster, &rc, status);
    cluster.sync_done(QueueName::ReplicationController, key, failed);
}

/// `ClaimPods` by the label map.
fn claim_pods(cluster: &mut Cluster, rc: &ReplicationController, pods: Vec<Rc<Pod>>) -> Vec<Rc<Pod>> {
    crate::engine::controllers::claim_pods(cluster, &rc.metadata, "v1", "ReplicationController", pods, |pod| selects(rc, &pod.metadata.labels))
}

/// `manageReplicas`: create in slow-start batches or delete the best-ranked victims, at most
/// `BURST_REPLICAS` per sync. False when a create failed.
fn manage_replicas(cluster: &mut Cluster, rc: &ReplicationController, claimed: &[Rc<Pod>]) -> bool {
    let wanted = rc.replicas().max(0) as usize;
    let involved = Involved::of(Kind::ReplicationController, &rc.metadata);
    if claimed.len() < wanted {
        let Some(template) = rc.spec.template.as_ref() else { return true };
        let mut remaining = (wanted - claimed.len()).min(BURST_REPLICAS);
        let mut batch = 1;
        while remaining > 0 {
            let size = batch.min(remaining);
            for _ in 0..size {
                let pod = Pod {
                    metadata: ObjectMeta {
                        generate_name: Some(format!("{}-", rc.metadata.name).into()),
                        namespace: Some(rc.metadata.ns_text()),
                        labels: template.metadata.labels.clone(),
                        annotations: template.metadata.annotations.clone(),
                        owner_references: Shared::new(vec![OwnerReference::controller_of("v1", "ReplicationController", &rc.metadata)]),
                        ..Default::default()
                    },
                    spec: Rc::new(template.spec.clone()),
                    status: Default::default(),
                };
                match apiserver::create_pod(cluster, pod) {
                    Ok(pod) => record(cluster, &involved, "Normal", "SuccessfulCreate", &format!("Created pod: {}", pod.metadata.name), COMPONENT, ""),
                    Err(error) => {
                        record(cluster, &involved, "Warning", "FailedCreate", &format!("Error creating: {}", error.message()), COMPONENT, "");
                        return false;
                    }
                }
            }
            remaining -= size;
            batch *= 2;
        }
    } else if claimed.len() > wanted {
        let diff = (claimed.len() - wanted).min(BURST_REPLICAS);
        for pod in pods_to_delete(claimed, claimed, diff, cluster.time()) {
            match apiserver::delete_pod(cluster, &Key::of(&pod.metadata, true), None) {
                Ok(()) => record(cluster, &involved, "Normal", "SuccessfulDelete", &format!("Deleted pod: {}", pod.metadata.name), COMPONENT, ""),
                Err(crate::engine::error::ApiError::NotFound { .. }) => {}
                Err(error) => record(cluster, &involved, "Warning", "FailedDelete", &format!("Error deleting: {}", error.message()), COMPONENT, ""),
            }
        }
    }
    true
}

/// `calculateStatus`: the claimed pods, those carrying all the template's labels, the ready and
/// the available ones.
fn calculate_status(rc: &ReplicationController, claimed: &[Rc<Pod>], now: crate::engine::clock::Time) -> ReplicationControllerStatus {
    let mut status = rc.status.clone();
    let template_labels = rc.spec.template.as_ref().map(|t| t.metadata.labels.clone()).unwrap_or_default();
    let min_ready = rc.min_ready_seconds();
    status.replicas = claimed.len() as i32;
    status.fully_labeled_replicas = claimed.iter().filter(|p| template_labels.iter().all(|(k, v)| p.metadata.labels.get(k) == Some(v))).count() as i32;
    status.ready_replicas = claimed.iter().filter(|p| p.is_ready()).count() as i32;
    status.available_replicas = claimed.iter().filter(|p| p.is_ready() && p.is_available(min_ready, now)).count() as i32;
    status
}

/// `updateReplicaSetStatus`: written only when something changed.
fn write_status(cluster: &mut Cluster, rc: &ReplicationController, mut status: ReplicationControllerStatus) {
    let Some(latest) = cluster.store.get::<ReplicationController>(&Key::of(&rc.metadata, true)) else { return };
    status.observed_generation = latest.metadata.generation;
    if latest.status == status {
        return;
    }
    let mut next = (*latest).clone();
    next.status = status;
    if cluster.store.update_status(next).is_err() {
        cluster.rc_queue.add(Key::of(&rc.metadata, true));
    }
}
