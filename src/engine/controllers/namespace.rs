//! The namespace controller: empties a terminating namespace, then lets it go.
//!
//! Mirrors pkg/controller/namespace/namespace_controller.go (the queue, `enqueueNamespace`, the
//! worker's requeue rules) and deletion/namespaced_resources_deleter.go (`Delete`,
//! `deleteAllContent`, `deleteAllContentForGroupVersionResource`, `estimateGracefulTermination`),
//! with the status conditions of deletion/status_condition_utils.go.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use crate::engine::api::core::{ConfigMap, Endpoints, Event, Namespace, NamespaceCondition, Secret, Service};
use crate::engine::api::deployment::{Deployment, ReplicaSet};
use crate::engine::api::job::Job;
use crate::engine::api::pod::Pod;
use crate::engine::apiserver::{self, Propagation};
use crate::engine::clock::SimTime;
use crate::engine::queue::WorkQueue;
use crate::engine::store::{Key, Kind, Stored};
use crate::engine::Cluster;
use crate::order::SharedSort;

/// `namespaceDeletionGracePeriod`: events are handled this long after they arrive, so that every
/// apiserver has seen the deletion and late creations inside the namespace have landed.
const NAMESPACE_DELETION_GRACE_PERIOD_MS: u64 = 5_000;

/// `finalizerEstimateSeconds`: how long to wait for objects that are held by finalizers.
const FINALIZER_ESTIMATE_SECONDS: i64 = 15;

/// The finalizer the namespace controller owns (`spec.finalizers`).
pub const FINALIZER: &str = "kubernetes";

/// nsControllerRateLimiter: per-item exponential back-off from 5 ms, at most 60 s.
const BACKOFF_BASE_MS: u64 = 5;
const BACKOFF_MAX_MS: u64 = 60_000;

/// The controller's queue: a rate-limited delaying work queue of namespace keys.
#[derive(Debug, Clone, Default)]
pub struct NamespaceController {
    queue: WorkQueue,
    /// `AddAfter`: when each waiting key becomes ready (the earliest request wins, as in the
    /// delaying queue).
    waiting: BTreeMap<Key, SimTime>,
    /// Consecutive failed syncs per key (the rate limiter's memory; `Forget` clears it).
    failures: HashMap<Key, u32>,
}

impl NamespaceController {
    fn add_after(&mut self, key: Key, at: SimTime) {
        let slot = self.waiting.entry(key).or_insert(at);
        if at < *slot {
            *slot = at;
        }
    }

    /// The next key to sync at `now`: a ready one, or the first waiting one that is due.
    pub fn pop(&mut self, now: SimTime) -> Option<Key> {
        let due: Vec<Key> = self.waiting.iter().filter(|(_, at)| **at <= now).map(|(k, _)| k.clone()).collect();
        for key in due {
            self.waiting.remove(&key);
            self.queue.add(key);
        }
        self.queue.pop()
    }

    /// When the earliest waiting key becomes ready.
    pub fn next_due(&self) -> Option<SimTime> {
        self.waiting.values().min().copied()
    }
}

/// The informer's AddFunc/UpdateFunc: a namespace being deleted is queued, after the grace period
/// (`enqueueNamespace`).
pub fn observe(cluster: &mut Cluster, namespace: &Namespace) {
    if !namespace.metadata.is_deleting() {
        return;
    }
    let at = cluster.now().plus_millis(NAMESPACE_DELETION_GRACE_PERIOD_MS);
    cluster.namespace_controller.add_after(Key::of(&namespace.metadata, false), at);
}

/// `finalized`: no finalizer left in `spec.finalizers`.
pub fn finalized(namespace: &Namespace) -> bool {
    spec_finalizers(namespace).is_empty()
}

fn spec_finalizers(namespace: &Namespace) -> Vec<String> {
    namespace.spec.get("finalizers").and_then(|v| v.as_array()).map(|a| a.iter().filter_map(|f| f.as_str().map(str::to_string)).collect()).unwrap_or_default()
}

/// Why a sync did not finish the namespace.
enum SyncError {
    /// `ResourcesRemainingError`: content is still going away; look again in about this long.
    ResourcesRemaining(i64),
    /// Anything else: retry with back-off.
    Failed,
}

/// One pass of the worker: sync, then Forget, AddAfter(estimate/2 + 1 s) or AddRateLimited.
#[inline(never)]
pub fn sync(cluster: &mut Cluster, key: &Key) {
    let now = cluster.now();
    match delete(cluster, key) {
        Ok(()) => {
            cluster.namespace_controller.failures.remove(key);
        }
        Err(SyncError::ResourcesRemaining(estimate)) => {
            let seconds = (estimate / 2 + 1).max(1) as u64;
            cluster.namespace_controller.add_after(key.clone(), now.plus_secs(seconds));
        }
        Err(SyncError::Failed) => {
            let failures = cluster.namespace_controller.failures.entry(key.clone()).or_insert(0);
            let delay = BACKOFF_BASE_MS.saturating_mul(1u64 << (*failures).min(20)).min(BACKOFF_MAX_MS);
            *failures += 1;
            cluster.namespace_controller.add_after(key.clone(), now.plus_millis(delay));
        }
    }
}

/// Mirrors namespacedResourcesDeleter.Delete: for a namespace being deleted, make sure it shows
/// Terminating, delete everything in it, and once nothing is left remove the `kubernetes`
/// finalizer (the `finalize` subresource) and delete the namespace for good.
fn delete(cluster: &mut Cluster, key: &Key) -> Result<(), SyncError> {
    let Some(namespace) = cluster.store.get::<Namespace>(key) else { return Ok(()) };
    if !namespace.metadata.is_deleting() {
        return Ok(());
    }
    // updateNamespaceStatusFunc.
    let namespace = if namespace.status.phase.as_deref() != Some("Terminating") {
        let mut terminating = (*namespace).clone();
        terminating.status.phase = Some("Terminating".into());
        terminating.metadata.resource_version.clear();
        match cluster.store.update_status(terminating) {
            Ok(updated) => updated,
            Err(_) => return Err(SyncError::Failed),
        }
    } else {
        namespace
    };
    if finalized(&namespace) {
        return delete_namespace(cluster, key);
    }
    let estimate = delete_all_content(cluster, &namespace)?;
    if estimate > 0 {
        return Err(SyncError::ResourcesRemaining(estimate));
    }
    // finalizeNamespace: drop our token from spec.finalizers.
    let Some(latest) = cluster.store.get::<Namespace>(key) else { return Ok(()) };
    let mut finalizing = (*latest).clone();
    let rest: Vec<serde_json::Value> = spec_finalizers(&latest).into_iter().filter(|f| f != FINALIZER).map(serde_json::Value::String).collect();
    finalizing.spec.insert("finalizers".into(), serde_json::Value::Array(rest));
    finalizing.metadata.resource_version.clear();
    let finalizing = match cluster.store.update(finalizing) {
        Ok(updated) => updated,
        Err(_) => return Err(SyncError::Failed),
    };
    if finalized(&finalizing) {
        return delete_namespace(cluster, key);
    }
    Ok(())
}

/// deleteNamespace: the second delete request, which removes the finalized namespace.
fn delete_namespace(cluster: &mut Cluster, key: &Key) -> Result<(), SyncError> {
    match apiserver::delete_object(cluster, Kind::Namespace, key, Propagation::Background, None) {
        Ok(()) | Err(crate::engine::error::ApiError::NotFound { .. }) => Ok(()),
        Err(_) => Err(SyncError::Failed),
    }
}

/// What deleting one resource type left behind (`gvrDeletionMetadata`).
struct Remaining {
    estimate: i64,
    count: usize,
    finalizers: BTreeMap<String, usize>,
}

/// The namespaced resource types, in the order this controller deletes them (discovery's order
/// in the real controller; owners first here, so nothing recreates what was just deleted).
const KINDS: [Kind; 23] = [Kind::CronJob, Kind::Deployment, Kind::DaemonSet, Kind::StatefulSet, Kind::ReplicationController, Kind::ReplicaSet, Kind::Job, Kind::Pod, Kind::PersistentVolumeClaim, Kind::Ingress, Kind::NetworkPolicy, Kind::PodDisruptionBudget, Kind::HorizontalPodAutoscaler, Kind::Service, Kind::Endpoints, Kind::ConfigMap, Kind::Secret, Kind::ServiceAccount, Kind::Event, Kind::LimitRange, Kind::ResourceQuota, Kind::RoleBinding, Kind::Role];

/// Mirrors deleteAllContent: delete every resource type's objects in the namespace, record what
/// remains in the status conditions, and return the longest wait any type asked for.
fn delete_all_content(cluster: &mut Cluster, namespace: &Rc<Namespace>) -> Result<i64, SyncError> {
    let name = namespace.metadata.name.clone();
    let deleted_at = namespace.metadata.deletion_timestamp.map_or(0, |t| t.0);
    let mut estimate = 0;
    let mut errors: Vec<String> = Vec::new();
    let mut remaining_by_resource: Vec<String> = Vec::new();
    let mut remaining_by_finalizer: BTreeMap<String, usize> = BTreeMap::new();
    for kind in KINDS {
        let (left, error) = delete_all_content_for_resource(cluster, kind, &name, deleted_at);
        if let Some(error) = error {
            errors.push(error);
        }
        estimate = estimate.max(left.estimate);
        if left.count > 0 {
            remaining_by_resource.push(format!("{} has {} resource instances", qualified(kind), left.count));
        }
        for (finalizer, n) in left.finalizers {
            *remaining_by_finalizer.entry(finalizer).or_default() += n;
        }
    }
    let mut conditions: Vec<NamespaceCondition> = Vec::new();
    if !remaining_by_resource.is_empty() {
        remaining_by_resource.shared_sort();
        conditions.push(condition("NamespaceContentRemaining", "True", "SomeResourcesRemain", &format!("Some resources are remaining: {}", remaining_by_resource.join(", "))));
    }
    if !remaining_by_finalizer.is_empty() {
        let mut parts: Vec<String> = remaining_by_finalizer.iter().map(|(f, n)| format!("{f} in {n} resource instances")).collect();
        parts.shared_sort();
        conditions.push(condition("NamespaceFinalizersRemaining", "True", "SomeFinalizerRemain", &format!("Some finalizers are remaining: {}", parts.join(", "))));
    }
    if !errors.is_empty() {
        errors.shared_sort();
        conditions.push(condition("NamespaceDeletionContentFailure", "True", "ContentDeletionFailed", &format!("Failed to delete all resource types, {} remaining: {}", errors.len(), errors.join(", "))));
    }
    update_conditions(cluster, &namespace.metadata.name, &conditions);
    if errors.is_empty() {
        Ok(estimate)
    } else {
        Err(SyncError::Failed)
    }
}

/// `GROUP/RESOURCE` as the conditions write it: `pods.` for the core group, `deployments.apps`.
fn qualified(kind: Kind) -> String {
    let resource = kind.resource();
    if resource.contains('.') {
        resource.to_string()
    } else {
        format!("{resource}.")
    }
}

/// Mirrors deleteAllContentForGroupVersionResource: estimate the graceful termination, delete the
/// collection (background propagation), then list what is left. Left-overs are fine while pods
/// terminate (estimate) or finalizers hold them (15 s); otherwise they are an error.
fn delete_all_content_for_resource(cluster: &mut Cluster, kind: Kind, namespace: &str, deleted_at: i64) -> (Remaining, Option<String>) {
    let estimate = estimate_graceful_termination(cluster, kind, namespace, deleted_at);
    delete_collection(cluster, kind, namespace);
    let left = list_meta(cluster, kind, namespace);
    if left.is_empty() {
        return (Remaining { estimate: 0, count: 0, finalizers: BTreeMap::new() }, None);
    }
    let mut finalizers: BTreeMap<String, usize> = BTreeMap::new();
    for item in &left {
        for finalizer in item {
            *finalizers.entry(finalizer.clone()).or_default() += 1;
        }
    }
    let count = left.len();
    if estimate != 0 {
        return (Remaining { estimate, count, finalizers }, None);
    }
    if !finalizers.is_empty() {
        return (Remaining { estimate: FINALIZER_ESTIMATE_SECONDS, count, finalizers }, None);
    }
    let error = format!("unexpected items still remain in namespace: {namespace} for gvr: {}", gvr(kind));
    (Remaining { estimate, count, finalizers }, Some(error))
}

/// `schema.GroupVersionResource`'s String(): `/v1, Resource=pods`, `apps/v1, Resource=deployments`.
fn gvr(kind: Kind) -> String {
    let resource = kind.resource().split('.').next().unwrap_or_default();
    format!("{}, Resource={resource}", if kind.api_version().contains('/') { kind.api_version().to_string() } else { format!("/{}", kind.api_version()) })
}

/// Mirrors estimateGracefulTermination(ForPods): the longest terminationGracePeriodSeconds of the
/// namespace's non-terminal pods, or 0 once that long has passed since the namespace's deletion.
fn estimate_graceful_termination(cluster: &Cluster, kind: Kind, namespace: &str, deleted_at: i64) -> i64 {
    if kind != Kind::Pod {
        return 0;
    }
    let estimate = cluster
        .store
        .pods
        .in_namespace(namespace)
        .filter(|p| !matches!(p.status.phase.as_deref(), Some("Succeeded") | Some("Failed")))
        .filter_map(|p| p.spec.termination_grace_period_seconds)
        .max()
        .unwrap_or(0);
    let since_deletion = cluster.time().0 - deleted_at;
    if since_deletion >= estimate {
        0
    } else {
        estimate
    }
}

/// DeleteCollection with background propagation: every object of the type in the namespace is
/// deleted as `kubectl delete` would (pods gracefully, with their own grace period).
fn delete_collection(cluster: &mut Cluster, kind: Kind, namespace: &str) {
    fn keys<T: Stored>(cluster: &Cluster, namespace: &str, skip_deleting: bool) -> Vec<Key> {
        T::table(&cluster.store).in_namespace(namespace).filter(|o| !(skip_deleting && o.meta().is_deleting())).map(|o| Key::of(o.meta(), true)).collect()
    }
    let targets = match kind {
        Kind::Deployment => keys::<Deployment>(cluster, namespace, false),
        Kind::ReplicaSet => keys::<ReplicaSet>(cluster, namespace, false),
        // A second graceful delete of a terminating pod changes nothing.
        Kind::Pod => keys::<Pod>(cluster, namespace, true),
        Kind::Service => keys::<Service>(cluster, namespace, false),
        Kind::Endpoints => keys::<Endpoints>(cluster, namespace, false),
        Kind::ConfigMap => keys::<ConfigMap>(cluster, namespace, false),
        Kind::Secret => keys::<Secret>(cluster, namespace, false),
        Kind::DaemonSet => keys::<crate::engine::api::daemon_set::DaemonSet>(cluster, namespace, false),
        Kind::StatefulSet => keys::<crate::engine::api::stateful_set::StatefulSet>(cluster, namespace, false),
        Kind::ReplicationController => keys::<crate::engine::api::replication_controller::ReplicationController>(cluster, namespace, false),
        Kind::LimitRange => keys::<crate::engine::api::limit_range::LimitRange>(cluster, namespace, false),
        Kind::ResourceQuota => keys::<crate::engine::api::resource_quota::ResourceQuota>(cluster, namespace, false),
        Kind::ServiceAccount => keys::<crate::engine::api::core::ServiceAccount>(cluster, namespace, false),
        Kind::Event => keys::<Event>(cluster, namespace, false),
        Kind::Job => keys::<Job>(cluster, namespace, false),
        Kind::Ingress => keys::<crate::engine::api::ingress::Ingress>(cluster, namespace, false),
        Kind::NetworkPolicy => keys::<crate::engine::api::network_policy::NetworkPolicy>(cluster, namespace, false),
        Kind::PodDisruptionBudget => keys::<crate::engine::api::pod_disruption_budget::PodDisruptionBudget>(cluster, namespace, false),
        Kind::HorizontalPodAutoscaler => keys::<crate::engine::api::horizontal_pod_autoscaler::HorizontalPodAutoscaler>(cluster, namespace, false),
        Kind::CronJob => keys::<crate::engine::api::cron_job::CronJob>(cluster, namespace, false),
        Kind::Role => keys::<crate::engine::api::rbac::Role>(cluster, namespace, false),
        Kind::RoleBinding => keys::<crate::engine::api::rbac::RoleBinding>(cluster, namespace, false),
        Kind::PersistentVolumeClaim => keys::<crate::engine::api::storage::PersistentVolumeClaim>(cluster, namespace, true),
        Kind::Namespace | Kind::Node | Kind::StorageClass | Kind::PersistentVolume | Kind::IngressClass | Kind::ClusterRole | Kind::ClusterRoleBinding => Vec::new(),
    };
    for key in targets {
        let _ = apiserver::delete_object(cluster, kind, &key, Propagation::Background, None);
    }
}

/// The finalizers of each object of the type still in the namespace.
fn list_meta(cluster: &Cluster, kind: Kind, namespace: &str) -> Vec<Vec<String>> {
    fn finalizers<T: Stored>(cluster: &Cluster, namespace: &str) -> Vec<Vec<String>> {
        T::table(&cluster.store).in_namespace(namespace).map(|o| o.meta().finalizers.to_vec()).collect()
    }
    match kind {
        Kind::Deployment => finalizers::<Deployment>(cluster, namespace),
        Kind::ReplicaSet => finalizers::<ReplicaSet>(cluster, namespace),
        Kind::Pod => finalizers::<Pod>(cluster, namespace),
        Kind::Service => finalizers::<Service>(cluster, namespace),
        Kind::Endpoints => finalizers::<Endpoints>(cluster, namespace),
        Kind::ConfigMap => finalizers::<ConfigMap>(cluster, namespace),
        Kind::Secret => finalizers::<Secret>(cluster, namespace),
        Kind::DaemonSet => finalizers::<crate::engine::api::daemon_set::DaemonSet>(cluster, namespace),
        Kind::StatefulSet => finalizers::<crate::engine::api::stateful_set::StatefulSet>(cluster, namespace),
        Kind::ReplicationController => finalizers::<crate::engine::api::replication_controller::ReplicationController>(cluster, namespace),
        Kind::LimitRange => finalizers::<crate::engine::api::limit_range::LimitRange>(cluster, namespace),
        Kind::ResourceQuota => finalizers::<crate::engine::api::resource_quota::ResourceQuota>(cluster, namespace),
        Kind::ServiceAccount => finalizers::<crate::engine::api::core::ServiceAccount>(cluster, namespace),
        Kind::Event => finalizers::<Event>(cluster, namespace),
        Kind::Job => finalizers::<Job>(cluster, namespace),
        Kind::Ingress => finalizers::<crate::engine::api::ingress::Ingress>(cluster, namespace),
        Kind::NetworkPolicy => finalizers::<crate::engine::api::network_policy::NetworkPolicy>(cluster, namespace),
        Kind::PodDisruptionBudget => finalizers::<crate::engine::api::pod_disruption_budget::PodDisruptionBudget>(cluster, namespace),
        Kind::HorizontalPodAutoscaler => finalizers::<crate::engine::api::horizontal_pod_autoscaler::HorizontalPodAutoscaler>(cluster, namespace),
        Kind::CronJob => finalizers::<crate::engine::api::cron_job::CronJob>(cluster, namespace),
        Kind::Role => finalizers::<crate::engine::api::rbac::Role>(cluster, namespace),
        Kind::RoleBinding => finalizers::<crate::engine::api::rbac::RoleBinding>(cluster, namespace),
        Kind::PersistentVolumeClaim => finalizers::<crate::engine::api::storage::PersistentVolumeClaim>(cluster, namespace),
        Kind::Namespace | Kind::Node | Kind::StorageClass | Kind::PersistentVolume | Kind::IngressClass | Kind::ClusterRole | Kind::ClusterRoleBinding => Vec::new(),
    }
}

fn condition(type_: &str, status: &str, reason: &str, message: &str) -> NamespaceCondition {
    NamespaceCondition { type_: type_.into(), status: status.into(), last_transition_time: None, reason: Some(reason.into()), message: Some(message.into()) }
}

/// The conditions the deleter maintains, in order, with their "all is well" reason and message
/// (`conditionTypes`, `okReasons`, `okMessages`).
const CONDITION_TYPES: [(&str, &str, &str); 5] = [
    ("NamespaceDeletionDiscoveryFailure", "ResourcesDiscovered", "All resources successfully discovered"),
    ("NamespaceDeletionGroupVersionParsingFailure", "ParsedGroupVersions", "All legacy kube types successfully parsed"),
    ("NamespaceDeletionContentFailure", "ContentDeleted", "All content successfully deleted, may be waiting on finalization"),
    ("NamespaceContentRemaining", "ContentRemoved", "All content successfully removed"),
    ("NamespaceFinalizersRemaining", "ContentRemoved", "All content successfully removed"),
];

/// Mirrors updateConditions: each maintained condition takes its new value (or the successful
/// one); lastTransitionTime moves only when the status flips. Writes status only on a change.
fn update_conditions(cluster: &mut Cluster, name: &str, new_conditions: &[NamespaceCondition]) {
    let Some(namespace) = cluster.store.get::<Namespace>(&Key::new("", name)) else { return };
    let now = cluster.time();
    let mut updated = (*namespace).clone();
    let mut changed = false;
    for (type_, ok_reason, ok_message) in CONDITION_TYPES {
        let new = new_conditions.iter().find(|c| c.type_ == type_).cloned().unwrap_or_else(|| condition(type_, "False", ok_reason, ok_message));
        match updated.status.conditions.iter_mut().find(|c| c.type_ == type_) {
            None => {
                updated.status.conditions.push(NamespaceCondition { last_transition_time: Some(now), ..new });
                changed = true;
            }
            Some(old) if old.status != new.status || old.message != new.message || old.reason != new.reason => {
                if old.status != new.status {
                    old.last_transition_time = Some(now);
                }
                old.status = new.status;
                old.reason = new.reason;
                old.message = new.message;
                changed = true;
            }
            Some(_) => {}
        }
    }
    if changed {
        updated.metadata.resource_version.clear();
        let _ = cluster.store.update_status(updated);
    }
}
