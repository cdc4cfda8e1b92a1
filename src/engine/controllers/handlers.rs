//! The informers' event handlers: which watch event queues which key in which controller.
//!
//! Mirrors the `AddFunc`/`UpdateFunc`/`DeleteFunc` of the Deployment controller
//! (`addReplicaSet`, `updateReplicaSet`, `deleteReplicaSet`, `deletePod`) and the ReplicaSet
//! controller (`addPod`, `updatePod`, `deletePod`, `addRS`, `updateRS`, `deleteRS`).

use std::rc::Rc;

use crate::engine::api::deployment::{Deployment, ReplicaSet};
use crate::engine::api::meta::ObjectMeta;
use crate::engine::api::pod::Pod;
use crate::engine::queue::QueueName;
use crate::engine::store::{Key, KeyRef, Kind, Obj, WatchEvent, WatchType};
use crate::engine::Cluster;

pub fn dispatch(cluster: &mut Cluster, event: &WatchEvent) {
    match (event.old.as_ref(), event.new.as_ref()) {
        (_, Some(Obj::Deployment(d))) | (Some(Obj::Deployment(d)), None) => {
            cluster.deployment_queue.add_ref(KeyRef::of(&d.metadata, true));
        }
        _ => {}
    }
    match (event.old.as_ref(), event.new.as_ref()) {
        (old, Some(Obj::ReplicaSet(rs))) => {
            let old = match old {
                Some(Obj::ReplicaSet(o)) => Some(o.clone()),
                _ => None,
            };
            on_replica_set(cluster, old.as_ref(), Some(rs), event.type_);
        }
        (Some(Obj::ReplicaSet(rs)), None) => on_replica_set(cluster, Some(rs), None, event.type_),
        (old, Some(Obj::Pod(pod))) => {
            let old = match old {
                Some(Obj::Pod(o)) => Some(o.clone()),
                _ => None,
            };
            on_pod(cluster, old.as_ref(), Some(pod));
        }
        (Some(Obj::Pod(pod)), None) => on_pod(cluster, Some(pod), None),
        (old, Some(Obj::Node(node))) => {
            cluster.scheduler.nodes_changed();
            crate::engine::controllers::daemon_set::nodes_changed(cluster);
            let old_taints = match old {
                Some(Obj::Node(old)) => old.spec.taints.as_slice(),
                _ => &[],
            };
            if old_taints != node.spec.taints.as_slice() {
                crate::engine::controllers::node_lifecycle::taints_changed(cluster, node);
            }
            if let Some(Obj::Node(old)) = old {
                if old.spec.unschedulable.unwrap_or(false) != node.spec.unschedulable.unwrap_or(false) {
                    crate::engine::kubelet::schedulable_changed(cluster, node);
                    // The scheduling queue's NodeUpdate hint: pods it could not place get another
                    // try (an uncordoned node takes them).
                    crate::engine::scheduler::retry_unschedulable(cluster);
                }
            }
        }
        (Some(Obj::Node(_)), None) => {
            cluster.scheduler.nodes_changed();
            crate::engine::controllers::daemon_set::nodes_changed(cluster);
        }
        (_, Some(Obj::DaemonSet(ds))) | (Some(Obj::DaemonSet(ds)), None) => {
            crate::engine::controllers::daemon_set::enqueue(cluster, &ds.metadata);
        }
        (_, Some(Obj::StatefulSet(sts))) | (Some(Obj::StatefulSet(sts)), None) => {
            crate::engine::controllers::stateful_set::enqueue(cluster, &sts.metadata);
        }
        (_, Some(Obj::ReplicationController(rc))) | (Some(Obj::ReplicationController(rc)), None) => {
            crate::engine::controllers::replication_controller::enqueue(cluster, &rc.metadata);
        }
        (_, Some(Obj::Service(service))) | (Some(Obj::Service(service)), None) => {
            cluster.endpoints_queue.add_ref(KeyRef::of(&service.metadata, true));
        }
        (old, Some(Obj::Job(job))) => {
            crate::engine::controllers::job::observe_job(cluster, job);
            let old = match old {
                Some(Obj::Job(o)) => Some(o.clone()),
                _ => None,
            };
            crate::engine::controllers::cron_job::observe_job(cluster, old.as_ref(), Some(job));
        }
        (Some(Obj::Job(job)), None) => {
            crate::engine::controllers::job::observe_job(cluster, job);
            crate::engine::controllers::cron_job::observe_job(cluster, Some(job), None);
        }
        (Some(Obj::CronJob(old)), Some(Obj::CronJob(new))) => {
            crate::engine::controllers::cron_job::observe_update(cluster, old, new);
        }
        (_, Some(Obj::CronJob(cron_job))) | (Some(Obj::CronJob(cron_job)), None) => {
            crate::engine::controllers::cron_job::enqueue(cluster, &cron_job.metadata);
        }
        (_, Some(Obj::PersistentVolumeClaim(claim))) | (Some(Obj::PersistentVolumeClaim(claim)), None) => {
            crate::engine::controllers::persistent_volume::observe_claim(cluster, claim);
        }
        (_, Some(Obj::PersistentVolume(volume))) | (Some(Obj::PersistentVolume(volume)), None) => {
            crate::engine::controllers::persistent_volume::observe_volume(cluster, volume);
        }
        (_, Some(Obj::Namespace(namespace))) => {
            // The namespace controller's AddFunc/UpdateFunc.
            crate::engine::controllers::namespace::observe(cluster, namespace);
            crate::engine::controllers::service_account::observe_namespace(cluster, &namespace.metadata.name);
        }
        (Some(Obj::ServiceAccount(account)), None) => {
            crate::engine::controllers::service_account::observe_namespace(cluster, account.metadata.ns());
        }
        _ => {}
    }
    if !cluster.store.resource_quotas.is_empty() {
        crate::engine::controllers::resource_quota::observe(cluster, event);
    }
    if !cluster.store.pod_disruption_budgets.is_empty() {
        crate::engine::controllers::disruption::observe(cluster, event);
    }
    if matches!((&event.new, &event.old), (Some(Obj::HorizontalPodAutoscaler(_)), _) | (_, Some(Obj::HorizontalPodAutoscaler(_)))) {
        crate::engine::controllers::horizontal::observe(cluster, event);
    }
    if event.type_ == WatchType::Deleted {
        if let Some(old) = &event.old {
            crate::engine::controllers::garbage_collector::owner_deleted(cluster, old);
        }
    }
}

/// The controller owner of `meta` if it is a live object of `kind` with the same UID
/// (`resolveControllerRef`).
fn resolve_controller<T: crate::engine::store::Stored>(cluster: &Cluster, meta: &ObjectMeta, kind: Kind) -> Option<Rc<T>> {
    let owner = meta.controller_ref()?;
    if owner.kind != kind.name() {
        return None;
    }
    let found = cluster.store.get_ref::<T>(KeyRef(meta.ns(), &owner.name))?;
    (found.meta().uid == owner.uid).then_some(found)
}

fn deployments_selecting(cluster: &Cluster, meta: &ObjectMeta) -> Vec<Key> {
    cluster
        .store
        .deployments
        .in_namespace(meta.ns())
        .filter(|d| d.spec.selector.as_ref().is_some_and(|s| !s.is_empty() && s.matches(&meta.labels)))
        .map(|d| Key::of(&d.metadata, true))
        .collect()
}

fn replica_sets_selecting(cluster: &Cluster, meta: &ObjectMeta) -> Vec<Key> {
    cluster
        .store
        .replica_sets
        .in_namespace(meta.ns())
        .filter(|rs| rs.spec.selector.as_ref().is_some_and(|s| !s.is_empty() && s.matches(&meta.labels)))
        .map(|rs| Key::of(&rs.metadata, true))
        .collect()
}

fn on_replica_set(cluster: &mut Cluster, old: Option<&Rc<ReplicaSet>>, new: Option<&Rc<ReplicaSet>>, type_: WatchType) {
    // The ReplicaSet controller syncs its own object on every change.
    let any = new.or(old).expect("a watch event has an object");
    cluster.rs_queue.add_ref(KeyRef::of(&any.metadata, true));

    // The Deployment controller: enqueue the owner, or every Deployment selecting an orphan.
    match (old, new) {
        (None, Some(rs)) | (Some(rs), None) => {
            if let Some(d) = resolve_controller::<Deployment>(cluster, &rs.metadata, Kind::Deployment) {
                cluster.deployment_queue.add_ref(KeyRef::of(&d.metadata, true));
            } else if type_ == WatchType::Added && rs.metadata.controller_ref().is_none() {
                for key in deployments_selecting(cluster, &rs.metadata) {
                    cluster.deployment_queue.add(key);
                }
            }
        }
        (Some(old), Some(cur)) => {
            if old.metadata.resource_version == cur.metadata.resource_version {
                return;
            }
            let old_ref = old.metadata.controller_ref();
            let cur_ref = cur.metadata.controller_ref();
            let ref_changed = old_ref.map(|r| &r.uid) != cur_ref.map(|r| &r.uid);
            if ref_changed && old_ref.is_some() {
                if let Some(d) = resolve_controller::<Deployment>(cluster, &old.metadata, Kind::Deployment) {
                    cluster.deployment_queue.add_ref(KeyRef::of(&d.metadata, true));
                }
            }
            if cur_ref.is_some() {
                if let Some(d) = resolve_controller::<Deployment>(cluster, &cur.metadata, Kind::Deployment) {
                    cluster.deployment_queue.add_ref(KeyRef::of(&d.metadata, true));
                }
                return;
            }
            if old.metadata.labels != cur.metadata.labels || ref_changed {
                for key in deployments_selecting(cluster, &cur.metadata) {
                    cluster.deployment_queue.add(key);
                }
            }
        }
        (None, None) => {}
    }
}

/// The pod handlers of the DaemonSet, StatefulSet and ReplicationController controllers
/// (`addPod` / `updatePod` / `deletePod`): nothing while no such controller exists; otherwise
/// the owner, or the controllers an orphan matches (`observe`), and a resync after
/// minReadySeconds when the pod turns ready.
fn on_workload_pod<T: crate::engine::store::Stored>(
    cluster: &mut Cluster,
    old: Option<&Rc<Pod>>,
    new: Option<&Rc<Pod>>,
    queue: QueueName,
    min_ready_seconds: fn(&T) -> i32,
    observe: fn(&mut Cluster, &Pod),
) {
    if T::table(&cluster.store).is_empty() {
        return;
    }
    if let (Some(old), Some(cur)) = (old, new) {
        if old.metadata.resource_version == cur.metadata.resource_version {
            return;
        }
        if let Some(owner) = resolve_controller::<T>(cluster, &cur.metadata, T::KIND) {
            let seconds = min_ready_seconds(&owner);
            if !old.is_ready() && cur.is_ready() && seconds > 0 {
                cluster.enqueue_after(queue, Key::of(owner.meta(), true), (seconds as u64 + 1) * 1000);
            }
        }
    }
    for pod in old.into_iter().chain(new) {
        observe(cluster, pod);
    }
}

fn on_pod(cluster: &mut Cluster, old: Option<&Rc<Pod>>, new: Option<&Rc<Pod>>) {
    crate::engine::scheduler::observe(cluster, old, new);
    // The taint eviction controller's handlePodUpdate: a pod just bound, or whose tolerations
    // changed, is weighed against its node's NoExecute taints.
    if let Some(pod) = new.filter(|pod| pod.spec.node_name.is_some()) {
        if old.is_none_or(|old| old.spec.node_name.is_none() || old.spec.tolerations != pod.spec.tolerations) {
            crate::engine::controllers::node_lifecycle::pod_changed(cluster, pod);
        }
    }
    use crate::engine::api::{daemon_set::DaemonSet, replication_controller::ReplicationController, stateful_set::StatefulSet};
    use crate::engine::controllers::{daemon_set, replication_controller, stateful_set};
    on_workload_pod::<DaemonSet>(cluster, old, new, QueueName::DaemonSet, DaemonSet::min_ready_seconds, daemon_set::observe_pod);
    on_workload_pod::<StatefulSet>(cluster, old, new, QueueName::StatefulSet, StatefulSet::min_ready_seconds, stateful_set::observe_pod);
    on_workload_pod::<ReplicationController>(cluster, old, new, QueueName::ReplicationController, ReplicationController::min_ready_seconds, replication_controller::observe_pod);
    crate::engine::kubelet::observe(cluster, new);
    crate::engine::controllers::endpoints::observe_pod(cluster, old, new);
    crate::engine::controllers::job::observe_pod(cluster, old, new);
    crate::engine::controllers::persistent_volume::observe_pod(cluster, old, new);
    if let (Some(pod), None) = (old, new) {
        cluster.written.forget_pod(&pod.metadata.uid);
    }
    match (old, new) {
        (None, Some(pod)) => {
            if pod.metadata.is_deleting() {
                enqueue_pod_owner(cluster, pod);
                return;
            }
            if let Some(rs) = resolve_controller::<ReplicaSet>(cluster, &pod.metadata, Kind::ReplicaSet) {
                cluster.rs_queue.add_ref(KeyRef::of(&rs.metadata, true));
                return;
            }
            if pod.metadata.controller_ref().is_none() {
                for key in replica_sets_selecting(cluster, &pod.metadata) {
                    cluster.rs_queue.add(key);
                }
            }
        }
        (Some(old), Some(cur)) => {
            if old.metadata.resource_version == cur.metadata.resource_version {
                return;
            }
            let labels_changed = old.metadata.labels != cur.metadata.labels;
            if cur.metadata.is_deleting() {
                enqueue_pod_owner(cluster, cur);
                if labels_changed {
                    enqueue_pod_owner(cluster, old);
                }
                return;
            }
            let old_ref = old.metadata.controller_ref();
            let cur_ref = cur.metadata.controller_ref();
            let ref_changed = old_ref.map(|r| &r.uid) != cur_ref.map(|r| &r.uid);
            if ref_changed && old_ref.is_some() {
                enqueue_pod_owner(cluster, old);
            }
            if cur_ref.is_some() {
                if let Some(rs) = resolve_controller::<ReplicaSet>(cluster, &cur.metadata, Kind::ReplicaSet) {
                    cluster.rs_queue.add_ref(KeyRef::of(&rs.metadata, true));
                    // A pod that just turned Ready is available only after minReadySeconds: look again then.
                    let min_ready = rs.min_ready_seconds();
                    if !old.is_ready() && cur.is_ready() && min_ready > 0 {
                        cluster.enqueue_after(QueueName::ReplicaSet, Key::of(&rs.metadata, true), (min_ready as u64 + 1) * 1000);
                    }
                }
                return;
            }
            if labels_changed || ref_changed {
                for key in replica_sets_selecting(cluster, &cur.metadata) {
                    cluster.rs_queue.add(key);
                }
            }
        }
        (Some(pod), None) => {
            enqueue_pod_owner(cluster, pod);
            // The Deployment controller's deletePod: a Recreate rollout waits for the last old pod.
            if let Some(rs) = resolve_controller::<ReplicaSet>(cluster, &pod.metadata, Kind::ReplicaSet) {
                if let Some(d) = resolve_controller::<Deployment>(cluster, &rs.metadata, Kind::Deployment) {
                    if d.is_recreate() {
                        let remaining: usize = cluster
                            .store
                            .replica_sets
                            .in_namespace(d.metadata.ns())
                            .filter(|r| r.metadata.controller_ref().is_some_and(|o| o.uid == d.metadata.uid))
                            .map(|r| cluster.store.count_pods_owned_by(&r.metadata.uid))
                            .sum();
                        if remaining == 0 {
                            cluster.deployment_queue.add_ref(KeyRef::of(&d.metadata, true));
                        }
                    }
                }
            }
        }
        (None, None) => {}
    }
}

fn enqueue_pod_owner(cluster: &mut Cluster, pod: &Pod) {
    if let Some(rs) = resolve_controller::<ReplicaSet>(cluster, &pod.metadata, Kind::ReplicaSet) {
        cluster.rs_queue.add_ref(KeyRef::of(&rs.metadata, true));
    }
}
