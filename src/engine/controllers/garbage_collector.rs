//! The garbage collector: dependents of a deleted owner are deleted (background), orphaned
//! (orphan) or deleted first (foreground, with the `foregroundDeletion` finalizer).
//! Mirrors the behaviour of `pkg/controller/garbagecollector` for ownerReferences.

use std::collections::{BTreeSet, VecDeque};

use crate::engine::api::deployment::{Deployment, ReplicaSet};
use crate::engine::apiserver::{self, Propagation};
use crate::engine::store::{Key, Kind, Obj};
use crate::engine::Cluster;

pub const FOREGROUND_FINALIZER: &str = "foregroundDeletion";
pub const ORPHAN_FINALIZER: &str = "orphan";

#[derive(Debug, Clone, Default)]
pub struct GarbageCollector {
    /// UIDs of owners that are gone: their dependents must go too.
    gone: VecDeque<String>,
    /// Owners waiting for their dependents (foreground deletion).
    pub(crate) foreground: BTreeSet<(Kind, Key)>,
    /// Foreground owners to look at again because a dependent went away.
    recheck: bool,
}

impl GarbageCollector {
    pub fn has_work(&self) -> bool {
        !self.gone.is_empty() || self.recheck
    }
}

fn uid_of(obj: &Obj) -> (&str, &[crate::engine::api::meta::OwnerReference]) {
    match obj {
        Obj::Deployment(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::ReplicaSet(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::Pod(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::Service(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::ConfigMap(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::Secret(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::Endpoints(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::Namespace(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::Node(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::Event(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::Job(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::StorageClass(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::PersistentVolumeClaim(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::PersistentVolume(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::Ingress(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::IngressClass(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::NetworkPolicy(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::PodDisruptionBudget(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::HorizontalPodAutoscaler(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::CronJob(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::Role(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::ClusterRole(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::RoleBinding(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::ClusterRoleBinding(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::ServiceAccount(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::DaemonSet(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::StatefulSet(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::ReplicationController(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::LimitRange(o) => (&o.metadata.uid, &o.metadata.owner_references),
        Obj::ResourceQuota(o) => (&o.metadata.uid, &o.metadata.owner_references),
    }
}

/// Called for every removed object.
pub fn owner_deleted(cluster: &mut Cluster, obj: &Obj) {
    if matches!(obj, Obj::Event(_) | Obj::Endpoints(_)) {
        return;
    }
    let (uid, owners) = uid_of(obj);
    cluster.gc.gone.push_back(uid.to_string());
    if !cluster.gc.foreground.is_empty() && !owners.is_empty() {
        cluster.gc.recheck = true;
    }
}

/// Dependents (kind, key) that name `uid` among their ownerReferences.
fn dependents(cluster: &Cluster, uid: &str) -> Vec<(Kind, Key)> {
    let mut found: Vec<(Kind, Key)> = cluster
        .store
        .replica_sets
        .iter()
        .filter(|rs| rs.metadata.owner_references.iter().any(|r| r.uid == uid))
        .map(|rs| (Kind::ReplicaSet, Key::of(&rs.metadata, true)))
        .collect();
    // A CronJob's Jobs.
    let jobs = cluster.store.jobs.iter().filter(|j| j.metadata.owner_references.iter().any(|r| r.uid == uid));
    found.extend(jobs.map(|j| (Kind::Job, Key::of(&j.metadata, true))));
    found.extend(cluster.store.pods_owned_by(uid).iter().map(|p| (Kind::Pod, Key::of(&p.metadata, true))));
    found
}

/// Processes removed owners and foreground owners whose dependents may be gone.
#[inline(never)]
pub fn process(cluster: &mut Cluster) {
    while let Some(uid) = cluster.gc.gone.pop_front() {
        for (kind, key) in dependents(cluster, &uid) {
            let _ = apiserver::delete_object(cluster, kind, &key, Propagation::Background, None);
        }
    }
    if std::mem::take(&mut cluster.gc.recheck) {
        let owners: Vec<(Kind, Key)> = cluster.gc.foreground.iter().cloned().collect();
        for (kind, key) in owners {
            finish_foreground(cluster, kind, &key);
        }
    }
}

/// Starts foreground deletion: dependents are deleted (foreground themselves if they have
/// dependents), and the owner goes once none is left.
pub fn start_foreground(cluster: &mut Cluster, kind: Kind, key: &Key, uid: &str) {
    cluster.gc.foreground.insert((kind, key.clone()));
    for (dep_kind, dep_key) in dependents(cluster, uid) {
        let dep_uid = match dep_kind {
            Kind::ReplicaSet => cluster.store.get::<ReplicaSet>(&dep_key).map(|r| r.metadata.uid.clone()),
            Kind::Job => cluster.store.get::<crate::engine::api::job::Job>(&dep_key).map(|j| j.metadata.uid.clone()),
            _ => None,
        };
        let has_own = dep_uid.as_ref().is_some_and(|u| !dependents(cluster, u).is_empty());
        let policy = if has_own { Propagation::Foreground } else { Propagation::Background };
        let _ = apiserver::delete_object(cluster, dep_kind, &dep_key, policy, None);
    }
    finish_foreground(cluster, kind, key);
}

fn finish_foreground(cluster: &mut Cluster, kind: Kind, key: &Key) {
    let uid = match kind {
        Kind::Deployment => cluster.store.get::<Deployment>(key).map(|d| d.metadata.uid.clone()),
        Kind::ReplicaSet => cluster.store.get::<ReplicaSet>(key).map(|r| r.metadata.uid.clone()),
        Kind::Job => cluster.store.get::<crate::engine::api::job::Job>(key).map(|j| j.metadata.uid.clone()),
        Kind::CronJob => cluster.store.get::<crate::engine::api::cron_job::CronJob>(key).map(|c| c.metadata.uid.clone()),
        _ => None,
    };
    let Some(uid) = uid else {
        cluster.gc.foreground.remove(&(kind, key.clone()));
        return;
    };
    if dependents(cluster, &uid).is_empty() {
        cluster.gc.foreground.remove(&(kind, key.clone()));
        apiserver::remove_finalizer_and_maybe_delete(cluster, kind, key, FOREGROUND_FINALIZER);
    }
}
