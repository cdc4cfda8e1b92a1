//! Reading objects for kubectl: by kind and name, by selector, and as JSON.

use crate::engine::api::meta::ObjectMeta;
use crate::engine::api::selector::Selector;
use crate::engine::store::{Key, Kind, Obj};
use crate::engine::Cluster;
use crate::engine::resources::{self, ResourceType};

pub fn meta(object: &Obj) -> &ObjectMeta {
    match object {
        Obj::Namespace(o) => &o.metadata,
        Obj::Node(o) => &o.metadata,
        Obj::Pod(o) => &o.metadata,
        Obj::ReplicaSet(o) => &o.metadata,
        Obj::Deployment(o) => &o.metadata,
        Obj::Service(o) => &o.metadata,
        Obj::Endpoints(o) => &o.metadata,
        Obj::ConfigMap(o) => &o.metadata,
        Obj::Secret(o) => &o.metadata,
        Obj::Event(o) => &o.metadata,
        Obj::Job(o) => &o.metadata,
        Obj::StorageClass(o) => &o.metadata,
        Obj::PersistentVolumeClaim(o) => &o.metadata,
        Obj::PersistentVolume(o) => &o.metadata,
        Obj::Ingress(o) => &o.metadata,
        Obj::IngressClass(o) => &o.metadata,
        Obj::ServiceAccount(o) => &o.metadata,
        Obj::DaemonSet(o) => &o.metadata,
        Obj::StatefulSet(o) => &o.metadata,
        Obj::ReplicationController(o) => &o.metadata,
        Obj::NetworkPolicy(o) => &o.metadata,
        Obj::PodDisruptionBudget(o) => &o.metadata,
        Obj::HorizontalPodAutoscaler(o) => &o.metadata,
        Obj::LimitRange(o) => &o.metadata,
        Obj::ResourceQuota(o) => &o.metadata,
        Obj::CronJob(o) => &o.metadata,
        Obj::Role(o) => &o.metadata,
        Obj::ClusterRole(o) => &o.metadata,
        Obj::RoleBinding(o) => &o.metadata,
        Obj::ClusterRoleBinding(o) => &o.metadata,
    }
}

pub fn kind_of(object: &Obj) -> Kind {
    match object {
        Obj::Namespace(_) => Kind::Namespace,
        Obj::Node(_) => Kind::Node,
        Obj::Pod(_) => Kind::Pod,
        Obj::ReplicaSet(_) => Kind::ReplicaSet,
        Obj::Deployment(_) => Kind::Deployment,
        Obj::Service(_) => Kind::Service,
        Obj::Endpoints(_) => Kind::Endpoints,
        Obj::ConfigMap(_) => Kind::ConfigMap,
        Obj::Secret(_) => Kind::Secret,
        Obj::Event(_) => Kind::Event,
        Obj::Job(_) => Kind::Job,
        Obj::StorageClass(_) => Kind::StorageClass,
        Obj::PersistentVolumeClaim(_) => Kind::PersistentVolumeClaim,
        Obj::PersistentVolume(_) => Kind::PersistentVolume,
        Obj::Ingress(_) => Kind::Ingress,
        Obj::IngressClass(_) => Kind::IngressClass,
        Obj::ServiceAccount(_) => Kind::ServiceAccount,
        Obj::DaemonSet(_) => Kind::DaemonSet,
        Obj::StatefulSet(_) => Kind::StatefulSet,
        Obj::ReplicationController(_) => Kind::ReplicationController,
        Obj::NetworkPolicy(_) => Kind::NetworkPolicy,
        Obj::PodDisruptionBudget(_) => Kind::PodDisruptionBudget,
        Obj::HorizontalPodAutoscaler(_) => Kind::HorizontalPodAutoscaler,
        Obj::LimitRange(_) => Kind::LimitRange,
        Obj::ResourceQuota(_) => Kind::ResourceQuota,
        Obj::CronJob(_) => Kind::CronJob,
        Obj::Role(_) => Kind::Role,
        Obj::ClusterRole(_) => Kind::ClusterRole,
        Obj::RoleBinding(_) => Kind::RoleBinding,
        Obj::ClusterRoleBinding(_) => Kind::ClusterRoleBinding,
    }
}

/// The object as the API returns it: apiVersion and kind first (keys sorted), status included.
pub fn to_json(object: &Obj) -> serde_json::Value {
    let value = match object {
        Obj::Namespace(o) => value_of(&**o),
        Obj::Node(o) => value_of(&**o),
        Obj::Pod(o) => value_of(&**o),
        Obj::ReplicaSet(o) => value_of(&**o),
        Obj::Deployment(o) => value_of(&**o),
        Obj::Service(o) => value_of(&**o),
        Obj::Endpoints(o) => value_of(&**o),
        Obj::ConfigMap(o) => value_of(&**o),
        Obj::Secret(o) => value_of(&**o),
        Obj::Event(o) => value_of(&**o),
        Obj::Job(o) => value_of(&**o),
        Obj::StorageClass(o) => value_of(&**o),
        Obj::PersistentVolumeClaim(o) => value_of(&**o),
        Obj::PersistentVolume(o) => value_of(&**o),
        Obj::Ingress(o) => value_of(&**o),
        Obj::IngressClass(o) => value_of(&**o),
        Obj::ServiceAccount(o) => value_of(&**o),
        Obj::DaemonSet(o) => value_of(&**o),
        Obj::StatefulSet(o) => value_of(&**o),
        Obj::ReplicationController(o) => value_of(&**o),
        Obj::NetworkPolicy(o) => value_of(&**o),
        Obj::PodDisruptionBudget(o) => value_of(&**o),
        Obj::HorizontalPodAutoscaler(o) => value_of(&**o),
        Obj::LimitRange(o) => value_of(&**o),
        Obj::ResourceQuota(o) => value_of(&**o),
        Obj::CronJob(o) => value_of(&**o),
        Obj::Role(o) => value_of(&**o),
        Obj::ClusterRole(o) => value_of(&**o),
        Obj::RoleBinding(o) => value_of(&**o),
        Obj::ClusterRoleBinding(o) => value_of(&**o),
    };
    let mut value = value.unwrap_or(serde_json::Value::Null);
    let kind = kind_of(object);
    if let serde_json::Value::Object(map) = &mut value {
        map.insert("apiVersion".into(), serde_json::Value::String(kind.api_version().to_string()));
        map.insert("kind".into(), serde_json::Value::String(kind.name().to_string()));
        if matches!(kind, Kind::Deployment | Kind::ReplicaSet | Kind::Job) {
            null_template_timestamp(map);
        }
        // A CronJob's Job template has the same zero timestamps, on itself and on its pod template.
        if let Some(serde_json::Value::Object(job_template)) = map.get_mut("spec").and_then(|spec| spec.get_mut("jobTemplate")) {
            if let Some(serde_json::Value::Object(metadata)) = job_template.get_mut("metadata") {
                metadata.entry("creationTimestamp").or_insert(serde_json::Value::Null);
            }
            null_template_timestamp(job_template);
        }
    }
    value
}

/// `serde_json::to_value` of one kind, kept a function of its own (not inlined into `to_json`'s
/// match) so that the page's first load carries only the kinds it shows (scripts/split-wasm.mjs).
#[inline(never)]
fn value_of<T: serde::Serialize>(object: &T) -> serde_json::Result<serde_json::Value> {
    serde_json::to_value(object)
}


/// A pod template's metadata as a 1.32 apiserver writes it: its zero `creationTimestamp` is a
/// `metav1.Time`, which `omitempty` keeps and Go marshals as null (`creationTimestamp: null`).
/// Only in what is returned: the template kubeplay stores and hashes has no such field.
fn null_template_timestamp(object: &mut serde_json::Map<String, serde_json::Value>) {
    let Some(serde_json::Value::Object(template)) = object.get_mut("spec").and_then(|spec| spec.get_mut("template")) else { return };
    let metadata = template.entry("metadata").or_insert_with(|| serde_json::Value::Object(Default::default()));
    if let serde_json::Value::Object(metadata) = metadata {
        metadata.entry("creationTimestamp").or_insert(serde_json::Value::Null);
    }
}

pub fn get(cluster: &Cluster, kind: Kind, namespace: &str, name: &str) -> Option<Obj> {
    let key = if kind.namespaced() { Key::new(namespace, name) } else { Key::new("", name) };
    let store = cluster.store();
    Some(match kind {
        Kind::Namespace => Obj::Namespace(store.namespaces.get(&key)?.clone()),
        Kind::Node => Obj::Node(store.nodes.get(&key)?.clone()),
        Kind::Pod => Obj::Pod(store.pods.get(&key)?.clone()),
        Kind::ReplicaSet => Obj::ReplicaSet(store.replica_sets.get(&key)?.clone()),
        Kind::Deployment => Obj::Deployment(store.deployments.get(&key)?.clone()),
        Kind::Service => Obj::Service(store.services.get(&key)?.clone()),
        Kind::Endpoints => Obj::Endpoints(store.endpoints.get(&key)?.clone()),
        Kind::ConfigMap => Obj::ConfigMap(store.config_maps.get(&key)?.clone()),
        Kind::Secret => Obj::Secret(store.secrets.get(&key)?.clone()),
        Kind::Event => Obj::Event(store.events.get(&key)?.clone()),
        Kind::Job => Obj::Job(store.jobs.get(&key)?.clone()),
        Kind::StorageClass => Obj::StorageClass(store.storage_classes.get(&key)?.clone()),
        Kind::PersistentVolumeClaim => Obj::PersistentVolumeClaim(store.persistent_volume_claims.get(&key)?.clone()),
        Kind::PersistentVolume => Obj::PersistentVolume(store.persistent_volumes.get(&key)?.clone()),
        Kind::Ingress => Obj::Ingress(store.ingresses.get(&key)?.clone()),
        Kind::IngressClass => Obj::IngressClass(store.ingress_classes.get(&key)?.clone()),
        Kind::ServiceAccount => Obj::ServiceAccount(store.service_accounts.get(&key)?.clone()),
        Kind::DaemonSet => Obj::DaemonSet(store.daemon_sets.get(&key)?.clone()),
        Kind::StatefulSet => Obj::StatefulSet(store.stateful_sets.get(&key)?.clone()),
        Kind::ReplicationController => Obj::ReplicationController(store.replication_controllers.get(&key)?.clone()),
        Kind::NetworkPolicy => Obj::NetworkPolicy(store.network_policies.get(&key)?.clone()),
        Kind::PodDisruptionBudget => Obj::PodDisruptionBudget(store.pod_disruption_budgets.get(&key)?.clone()),
        Kind::HorizontalPodAutoscaler => Obj::HorizontalPodAutoscaler(store.horizontal_pod_autoscalers.get(&key)?.clone()),
        Kind::LimitRange => Obj::LimitRange(store.limit_ranges.get(&key)?.clone()),
        Kind::ResourceQuota => Obj::ResourceQuota(store.resource_quotas.get(&key)?.clone()),
        Kind::CronJob => Obj::CronJob(store.cron_jobs.get(&key)?.clone()),
        Kind::Role => Obj::Role(store.roles.get(&key)?.clone()),
        Kind::ClusterRole => Obj::ClusterRole(store.cluster_roles.get(&key)?.clone()),
        Kind::RoleBinding => Obj::RoleBinding(store.role_bindings.get(&key)?.clone()),
        Kind::ClusterRoleBinding => Obj::ClusterRoleBinding(store.cluster_role_bindings.get(&key)?.clone()),
    })
}

/// Objects of a kind in a namespace (None: all namespaces), matching the selector, in key order.
pub fn list(cluster: &Cluster, kind: Kind, namespace: Option<&str>, selector: &Selector) -> Vec<Obj> {
    let store = cluster.store();
    macro_rules! collect {
        ($table:expr, $variant:ident) => {{
            let items: Vec<Obj> = match (namespace, kind.namespaced()) {
                (Some(ns), true) => $table.in_namespace(ns).map(|o| Obj::$variant(o.clone())).collect(),
                _ => $table.iter().map(|o| Obj::$variant(o.clone())).collect(),
            };
            items
        }};
    }
    let items = match kind {
        Kind::Namespace => collect!(store.namespaces, Namespace),
        Kind::Node => collect!(store.nodes, Node),
        Kind::Pod => collect!(store.pods, Pod),
        Kind::ReplicaSet => collect!(store.replica_sets, ReplicaSet),
        Kind::Deployment => collect!(store.deployments, Deployment),
        Kind::Service => collect!(store.services, Service),
        Kind::Endpoints => collect!(store.endpoints, Endpoints),
        Kind::ConfigMap => collect!(store.config_maps, ConfigMap),
        Kind::Secret => collect!(store.secrets, Secret),
        Kind::Event => collect!(store.events, Event),
        Kind::Job => collect!(store.jobs, Job),
        Kind::StorageClass => collect!(store.storage_classes, StorageClass),
        Kind::PersistentVolumeClaim => collect!(store.persistent_volume_claims, PersistentVolumeClaim),
        Kind::PersistentVolume => collect!(store.persistent_volumes, PersistentVolume),
        Kind::Ingress => collect!(store.ingresses, Ingress),
        Kind::IngressClass => collect!(store.ingress_classes, IngressClass),
        Kind::ServiceAccount => collect!(store.service_accounts, ServiceAccount),
        Kind::DaemonSet => collect!(store.daemon_sets, DaemonSet),
        Kind::StatefulSet => collect!(store.stateful_sets, StatefulSet),
        Kind::ReplicationController => collect!(store.replication_controllers, ReplicationController),
        Kind::NetworkPolicy => collect!(store.network_policies, NetworkPolicy),
        Kind::PodDisruptionBudget => collect!(store.pod_disruption_budgets, PodDisruptionBudget),
        Kind::HorizontalPodAutoscaler => collect!(store.horizontal_pod_autoscalers, HorizontalPodAutoscaler),
        Kind::LimitRange => collect!(store.limit_ranges, LimitRange),
        Kind::ResourceQuota => collect!(store.resource_quotas, ResourceQuota),
        Kind::CronJob => collect!(store.cron_jobs, CronJob),
        Kind::Role => collect!(store.roles, Role),
        Kind::ClusterRole => collect!(store.cluster_roles, ClusterRole),
        Kind::RoleBinding => collect!(store.role_bindings, RoleBinding),
        Kind::ClusterRoleBinding => collect!(store.cluster_role_bindings, ClusterRoleBinding),
    };
    items.into_iter().filter(|o| selector.matches(&meta(o).labels)).collect()
}

/// `TYPE NAME...`, `TYPE/NAME ...` or `TYPE1,TYPE2`: the requested (type, names) groups.
#[derive(Debug, Clone)]
pub struct Request {
    pub types: Vec<&'static ResourceType>,
    /// Names per type; empty means "all of that type".
    pub names: Vec<(&'static ResourceType, String)>,
}

/// The resources of the `all` category that kubeplay simulates, in the order kubectl expands
/// the category: discovery's order (core v1, then apps/v1, then batch/v1), as restmapper's
/// discoveryCategoryExpander.Expand gives them to `get all` and `delete all`.
pub const ALL_CATEGORY: &[&str] = &["pods", "replicationcontrollers", "services", "daemonsets", "deployments", "replicasets", "statefulsets", "horizontalpodautoscalers", "cronjobs", "jobs"];

/// Parses resource arguments; `all` in the type list is its category's resources. Errors are
/// kubectl's texts (without the `error: ` prefix).
pub fn parse_request(args: &[String]) -> Result<Request, String> {
    if args.is_empty() {
        return Err("Required resource not specified.".to_string());
    }
    let mut types = Vec::new();
    let mut names = Vec::new();
    if args[0].contains('/') {
        for arg in args {
            let Some((type_name, name)) = arg.split_once('/') else {
                return Err(format!("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'"));
            };
            let resource = resolve_type(type_name)?;
            if name.is_empty() {
                return Err(format!("arguments in resource/name form must have a single resource and name"));
            }
            names.push((resource, name.to_string()));
        }
        return Ok(Request { types, names });
    }
    for type_name in args[0].split(',') {
        if type_name == "all" {
            types.extend(ALL_CATEGORY.iter().filter_map(|name| resources::resolve(name)));
        } else {
            types.push(resolve_type(type_name)?);
        }
    }
    for name in &args[1..] {
        if name.contains('/') {
            return Err("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'".to_string());
        }
        for resource in &types {
            names.push((*resource, name.clone()));
        }
    }
    Ok(Request { types, names })
}

pub fn resolve_type(name: &str) -> Result<&'static ResourceType, String> {
    if let Some(resource) = resources::resolve(name) {
        return Ok(resource);
    }
    if resources::names_component_statuses(name) {
        return Err(format!("kubeplay answers \"{name}\" (componentstatuses) only with kubectl get: the API server builds them for each request and serves nothing else"));
    }
    if resources::known_but_unsimulated(name) {
        return Err(format!("kubeplay does not simulate \"{name}\" yet (it has {})", resources::simulated_list()));
    }
    Err(format!("the server doesn't have a resource type \"{name}\""))
}

/// The ReplicaSets whose controller is this Deployment (`deploymentutil.GetAllReplicaSets`).
pub fn replica_sets_of(cluster: &Cluster, d: &crate::engine::api::deployment::Deployment) -> Vec<std::rc::Rc<crate::engine::api::deployment::ReplicaSet>> {
    cluster
        .store()
        .replica_sets
        .in_namespace(d.metadata.ns())
        .filter(|rs| rs.metadata.controller_ref().is_some_and(|o| o.uid == d.metadata.uid))
        .cloned()
        .collect()
}

/// Whether a kind has the scale subresource (what `kubectl scale`, `kubectl autoscale` and an
/// HPA's target need).
pub fn has_scale(kind: Kind) -> bool {
    matches!(kind, Kind::Deployment | Kind::ReplicaSet | Kind::StatefulSet | Kind::ReplicationController)
}

/// What the scale subresource reads of an object: its `spec.replicas` (Deployments, ReplicaSets,
/// StatefulSets, ReplicationControllers; None for kinds without a scale subresource).
pub fn scale_replicas(object: &Obj) -> Option<i32> {
    match object {
        Obj::Deployment(d) => Some(d.replicas()),
        Obj::ReplicaSet(rs) => Some(rs.replicas()),
        Obj::StatefulSet(sts) => Some(sts.replicas()),
        Obj::ReplicationController(rc) => Some(rc.replicas()),
        _ => None,
    }
}

/// The scale subresource's update: a copy of the object with `spec.replicas` set and no
/// resourceVersion precondition (`kubectl scale`, the HPA controller); None for kinds without
/// a scale subresource.
pub fn with_replicas(object: &Obj, replicas: i32) -> Option<Obj> {
    macro_rules! scaled {
        ($o:expr, $variant:ident) => {{
            let mut copy = (**$o).clone();
            copy.spec.replicas = Some(replicas);
            copy.metadata.resource_version.clear();
            Some(Obj::$variant(std::rc::Rc::new(copy)))
        }};
    }
    match object {
        Obj::Deployment(o) => scaled!(o, Deployment),
        Obj::ReplicaSet(o) => scaled!(o, ReplicaSet),
        Obj::StatefulSet(o) => scaled!(o, StatefulSet),
        Obj::ReplicationController(o) => scaled!(o, ReplicationController),
        _ => None,
    }
}
