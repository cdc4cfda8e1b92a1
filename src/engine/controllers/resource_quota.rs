//! The resource quota controller (pkg/controller/resourcequota/resource_quota_controller.go):
//! recomputes each quota's `status.used` from the namespace's objects, after the quota is
//! created or changed, and when an object it charges goes away (the replenishment controller:
//! a pod deleted or turned terminal, any other object deleted).

use std::rc::Rc;

use crate::engine::api::quantity::Quantity;
use crate::engine::api::resource_quota::ResourceQuota;
use crate::engine::api::selector::Selector;
use crate::engine::quota_registry::{object_usage, Usage};
use crate::engine::store::{Key, KeyRef, Kind, Obj, WatchEvent, WatchType};
use crate::engine::Cluster;

/// The kinds whose objects a quota may charge for by name, besides `count/<resource>`.
fn charged_kinds(hard: &crate::engine::api::limit_range::ResourceList) -> Vec<Kind> {
    let mut kinds = Vec::new();
    for name in hard.keys() {
        let kind = match name.as_str() {
            "pods" | "cpu" | "memory" | "ephemeral-storage" => Some(Kind::Pod),
            n if n.starts_with("requests.") && n != "requests.storage" || n.starts_with("limits.") || n.starts_with("hugepages-") => Some(Kind::Pod),
            "services" | "services.nodeports" | "services.loadbalancers" => Some(Kind::Service),
            "configmaps" => Some(Kind::ConfigMap),
            "secrets" => Some(Kind::Secret),
            "replicationcontrollers" => Some(Kind::ReplicationController),
            "resourcequotas" => Some(Kind::ResourceQuota),
            "persistentvolumeclaims" | "requests.storage" => Some(Kind::PersistentVolumeClaim),
            n if n.contains(".storageclass.storage.k8s.io/") => Some(Kind::PersistentVolumeClaim),
            n => n.strip_prefix("count/").and_then(|resource| crate::engine::resources::TYPES.iter().find(|t| t.kind.resource() == resource)).map(|t| t.kind),
        };
        if let Some(kind) = kind.filter(|k| !kinds.contains(k)) {
            kinds.push(kind);
        }
    }
    kinds
}

/// Mirrors `syncResourceQuota` and `CalculateUsage`: `status.hard` is the spec's, and
/// `status.used` each hard resource's sum over the namespace's objects (zero when nothing
/// charges it). Writes only a changed status.
#[inline(never)]
pub fn sync(cluster: &mut Cluster, key: &Key) {
    let Some(quota) = cluster.store.get::<ResourceQuota>(key) else { return };
    let now = cluster.time();
    let mut used: Usage = quota.spec.hard.keys().map(|name| (name.clone(), Quantity::zero())).collect();
    for kind in charged_kinds(&quota.spec.hard) {
        for object in crate::engine::objects::list(cluster, kind, Some(key.namespace.as_ref()), &Selector::everything()) {
            if !quota.spec.scopes.is_empty() && !matches!(object, Obj::Pod(_)) {
                continue;
            }
            if let Obj::Pod(pod) = &object {
                if !crate::engine::quota_registry::pod_in_scopes(&quota, pod) {
                    continue;
                }
            }
            for (name, amount) in object_usage(&object, now) {
                if let Some(total) = used.get_mut(&name) {
                    *total = total.add(&amount);
                }
            }
        }
    }
    let mut written = (*quota).clone();
    written.status.hard = quota.spec.hard.clone();
    written.status.used = used.iter().map(|(name, q)| (name.clone(), q.to_json())).collect();
    if written.status != quota.status {
        let _ = cluster.store.update_status(written);
    }
}

/// The controller's informers: a quota added or whose spec changed is synced; an object that
/// stops being charged (deleted, or a pod turned terminal) syncs its namespace's quotas.
pub fn observe(cluster: &mut Cluster, event: &WatchEvent) {
    match (event.old.as_ref(), event.new.as_ref()) {
        (old, Some(Obj::ResourceQuota(quota))) => {
            let changed = match old {
                Some(Obj::ResourceQuota(old)) => old.spec != quota.spec,
                _ => true,
            };
            if changed || quota.status.hard != quota.spec.hard {
                cluster.quota_queue.add_ref(KeyRef::of(&quota.metadata, true));
            }
        }
        (Some(old), new) => {
            let meta = crate::engine::objects::meta(old);
            let namespace = meta.ns();
            if namespace.is_empty() || cluster.store.resource_quotas.in_namespace(namespace).next().is_none() {
                return;
            }
            let replenished = match (old, new) {
                (_, None) => event.type_ == WatchType::Deleted,
                (Obj::Pod(before), Some(Obj::Pod(after))) => {
                    let now = cluster.time();
                    object_usage(&Obj::Pod(before.clone()), now).len() != object_usage(&Obj::Pod(after.clone()), now).len()
                }
                _ => false,
            };
            if replenished {
                let namespace = namespace.to_string();
                resync_namespace(cluster, &namespace);
            }
        }
        _ => {}
    }
}

/// Queues every quota of the namespace for a sync.
pub fn resync_namespace(cluster: &mut Cluster, namespace: &str) {
    let keys: Vec<Key> = cluster.store.resource_quotas.in_namespace(namespace).map(|q: &Rc<ResourceQuota>| Key::of(&q.metadata, true)).collect();
    for key in keys {
        cluster.quota_queue.add(key);
    }
}
