//! Resource types as kubectl names them: short names, plurals, groups, and `TYPE/NAME` arguments.

use crate::engine::store::Kind;

/// A resource type the terminal knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResourceType {
    pub kind: Kind,
    /// Plural as in URLs and `api-resources`: `deployments`.
    pub plural: &'static str,
    /// Singular lower case: `deployment`.
    pub singular: &'static str,
    /// The group, empty for core.
    pub group: &'static str,
    pub short_names: &'static [&'static str],
}

impl ResourceType {
    /// `deployment.apps` / `pod`: the prefix of `-o name` and of mutation messages.
    pub fn qualified(&self) -> String {
        if self.group.is_empty() {
            self.singular.to_string()
        } else {
            format!("{}.{}", self.singular, self.group)
        }
    }

    /// `deployments.apps` / `pods`: the resource in server errors.
    pub fn resource(&self) -> String {
        if self.group.is_empty() {
            self.plural.to_string()
        } else {
            format!("{}.{}", self.plural, self.group)
        }
    }
}

pub const TYPES: &[ResourceType] = &[
    ResourceType { kind: Kind::Pod, plural: "pods", singular: "pod", group: "", short_names: &["po"] },
    ResourceType { kind: Kind::Deployment, plural: "deployments", singular: "deployment", group: "apps", short_names: &["deploy"] },
    ResourceType { kind: Kind::ReplicaSet, plural: "replicasets", singular: "replicaset", group: "apps", short_names: &["rs"] },
    ResourceType { kind: Kind::Service, plural: "services", singular: "service", group: "", short_names: &["svc"] },
    ResourceType { kind: Kind::Endpoints, plural: "endpoints", singular: "endpoints", group: "", short_names: &["ep"] },
    ResourceType { kind: Kind::ConfigMap, plural: "configmaps", singular: "configmap", group: "", short_names: &["cm"] },
    ResourceType { kind: Kind::Secret, plural: "secrets", singular: "secret", group: "", short_names: &[] },
    ResourceType { kind: Kind::Namespace, plural: "namespaces", singular: "namespace", group: "", short_names: &["ns"] },
    ResourceType { kind: Kind::Node, plural: "nodes", singular: "node", group: "", short_names: &["no"] },
    ResourceType { kind: Kind::Event, plural: "events", singular: "event", group: "", short_names: &["ev"] },
    ResourceType { kind: Kind::Job, plural: "jobs", singular: "job", group: "batch", short_names: &[] },
    ResourceType { kind: Kind::PersistentVolumeClaim, plural: "persistentvolumeclaims", singular: "persistentvolumeclaim", group: "", short_names: &["pvc"] },
    ResourceType { kind: Kind::PersistentVolume, plural: "persistentvolumes", singular: "persistentvolume", group: "", short_names: &["pv"] },
    ResourceType { kind: Kind::StorageClass, plural: "storageclasses", singular: "storageclass", group: "storage.k8s.io", short_names: &["sc"] },
    ResourceType { kind: Kind::Ingress, plural: "ingresses", singular: "ingress", group: "networking.k8s.io", short_names: &["ing"] },
    ResourceType { kind: Kind::IngressClass, plural: "ingressclasses", singular: "ingressclass", group: "networking.k8s.io", short_names: &[] },
    ResourceType { kind: Kind::ServiceAccount, plural: "serviceaccounts", singular: "serviceaccount", group: "", short_names: &["sa"] },
    ResourceType { kind: Kind::DaemonSet, plural: "daemonsets", singular: "daemonset", group: "apps", short_names: &["ds"] },
    ResourceType { kind: Kind::StatefulSet, plural: "statefulsets", singular: "statefulset", group: "apps", short_names: &["sts"] },
    ResourceType { kind: Kind::ReplicationController, plural: "replicationcontrollers", singular: "replicationcontroller", group: "", short_names: &["rc"] },
    ResourceType { kind: Kind::NetworkPolicy, plural: "networkpolicies", singular: "networkpolicy", group: "networking.k8s.io", short_names: &["netpol"] },
    ResourceType { kind: Kind::LimitRange, plural: "limitranges", singular: "limitrange", group: "", short_names: &["limits"] },
    ResourceType { kind: Kind::ResourceQuota, plural: "resourcequotas", singular: "resourcequota", group: "", short_names: &["quota"] },
    ResourceType { kind: Kind::CronJob, plural: "cronjobs", singular: "cronjob", group: "batch", short_names: &["cj"] },
    ResourceType { kind: Kind::Role, plural: "roles", singular: "role", group: "rbac.authorization.k8s.io", short_names: &[] },
    ResourceType { kind: Kind::ClusterRole, plural: "clusterroles", singular: "clusterrole", group: "rbac.authorization.k8s.io", short_names: &[] },
    ResourceType { kind: Kind::RoleBinding, plural: "rolebindings", singular: "rolebinding", group: "rbac.authorization.k8s.io", short_names: &[] },
    ResourceType { kind: Kind::ClusterRoleBinding, plural: "clusterrolebindings", singular: "clusterrolebinding", group: "rbac.authorization.k8s.io", short_names: &[] },
    ResourceType { kind: Kind::PodDisruptionBudget, plural: "poddisruptionbudgets", singular: "poddisruptionbudget", group: "policy", short_names: &["pdb"] },
    ResourceType { kind: Kind::HorizontalPodAutoscaler, plural: "horizontalpodautoscalers", singular: "horizontalpodautoscaler", group: "autoscaling", short_names: &["hpa"] },
];

pub fn of_kind(kind: Kind) -> &'static ResourceType {
    TYPES.iter().find(|t| t.kind == kind).expect("every stored kind has a resource type")
}

/// Resolves a type name as the RESTMapper does: plural, singular, short name, Kind, with an
/// optional group suffix (`deployments.apps`, `deploy.apps`).
pub fn resolve(name: &str) -> Option<&'static ResourceType> {
    let lower = name.to_ascii_lowercase();
    let (base, group) = match lower.split_once('.') {
        Some((b, g)) => (b.to_string(), Some(g.to_string())),
        None => (lower.clone(), None),
    };
    TYPES.iter().find(|t| {
        let name_matches = t.plural == base || t.singular == base || t.short_names.contains(&base.as_str()) || t.kind.name().eq_ignore_ascii_case(&base);
        let group_matches = match &group {
            None => true,
            Some(g) => g == t.group || (t.group.is_empty() && (g == "v1" || g.is_empty())) || g == &format!("{}/v1", t.group) || g == "v1.apps" && t.group == "apps",
        };
        name_matches && group_matches
    })
}

/// Whether `name` is a resource a v1.32 API server serves (its discovery, the list `kubectl
/// api-resources` prints: plural, short name, kind or singular, with an optional `.group`) that
/// kubeplay does not store, for a clear message instead of "doesn't have a resource type".
pub fn known_but_unsimulated(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    crate::engine::discovery::RESOURCES.iter().any(|served| {
        let group = served.group_version.rsplit_once('/').map_or("", |(group, _)| group);
        let singular = served.kind.to_ascii_lowercase();
        let matches = |base: &str| {
            lower == base || lower.strip_prefix(base).and_then(|rest| rest.strip_prefix('.')).is_some_and(|rest| !group.is_empty() && (rest == group || rest.split_once('/').is_some_and(|(g, _)| g == group)))
        };
        matches(served.name) || matches(&singular) || served.short_names.iter().any(|short| matches(short))
    }) && resolve(name).is_none()
}

/// Whether `word` names componentstatuses (`cs`, `componentstatus`, `componentstatuses`,
/// `ComponentStatus`, with an optional `.v1`), which the API server builds for each request
/// instead of storing (`kubectl::component_status`).
pub fn names_component_statuses(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    let base = lower.strip_suffix(".v1").unwrap_or(&lower);
    matches!(base, "cs" | "componentstatus" | "componentstatuses")
}

/// The resources kubeplay stores, as a sentence: "pods, deployments, ... and
/// horizontalpodautoscalers".
pub fn simulated_list() -> String {
    let plurals: Vec<&str> = TYPES.iter().map(|t| t.plural).collect();
    let (last, rest) = plurals.split_last().expect("kinds");
    format!("{} and {last}", rest.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;


    /// Each resource the API server's discovery lists is either stored here or named as one
    /// kubeplay does not simulate, under its plural, its short names and its kind.
    #[test]
    fn every_served_resource_resolves_or_is_known() {
        for served in crate::engine::discovery::RESOURCES {
            for name in [served.name, served.kind].into_iter().chain(served.short_names.iter().copied()) {
                assert!(resolve(name).is_some() != known_but_unsimulated(name), "{name}");
            }
        }
        assert!(known_but_unsimulated("leases.coordination.k8s.io"));
        assert!(!known_but_unsimulated("leases.apps"));
        assert!(!known_but_unsimulated("foo"));
        assert!(!known_but_unsimulated("pods"));
    }
    #[test]
    fn names_resolve_like_the_rest_mapper() {
        for (name, kind) in [
            ("po", Kind::Pod),
            ("pods", Kind::Pod),
            ("Pod", Kind::Pod),
            ("deploy", Kind::Deployment),
            ("deployments.apps", Kind::Deployment),
            ("rs", Kind::ReplicaSet),
            ("replicaset", Kind::ReplicaSet),
            ("svc", Kind::Service),
            ("ep", Kind::Endpoints),
            ("cm", Kind::ConfigMap),
            ("ns", Kind::Namespace),
            ("no", Kind::Node),
            ("ev", Kind::Event),
            ("jobs", Kind::Job),
            ("job.batch", Kind::Job),
            ("pvc", Kind::PersistentVolumeClaim),
            ("pv", Kind::PersistentVolume),
            ("sc", Kind::StorageClass),
            ("ing", Kind::Ingress),
            ("ingresses.networking.k8s.io", Kind::Ingress),
            ("ingressclass", Kind::IngressClass),
            ("sa", Kind::ServiceAccount),
            ("ds", Kind::DaemonSet),
            ("sts", Kind::StatefulSet),
            ("rc", Kind::ReplicationController),
            ("daemonsets.apps", Kind::DaemonSet),
            ("serviceaccounts", Kind::ServiceAccount),
            ("storageclass.storage.k8s.io", Kind::StorageClass),
            ("jobs.batch/v1", Kind::Job),
            ("netpol", Kind::NetworkPolicy),
            ("cj", Kind::CronJob),
            ("cronjobs.batch", Kind::CronJob),
            ("clusterrole", Kind::ClusterRole),
            ("rolebindings.rbac.authorization.k8s.io", Kind::RoleBinding),
            ("networkpolicies.networking.k8s.io", Kind::NetworkPolicy),
            ("limits", Kind::LimitRange),
            ("limitrange", Kind::LimitRange),
            ("quota", Kind::ResourceQuota),
            ("resourcequotas", Kind::ResourceQuota),
        ] {
            assert_eq!(resolve(name).map(|t| t.kind), Some(kind), "{name}");
        }
        assert!(resolve("foo").is_none());
    }
}
