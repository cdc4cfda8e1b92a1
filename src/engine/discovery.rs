//! The API server's discovery as a v1.32 cluster serves it (`/api`, `/apis`, `/apis/apps/v1`,
//! ...) and its REST paths (`/api/v1/namespaces/default/pods`, ...): for `kubectl get --raw`,
//! `api-resources`, and `curl https://kubernetes/...` from inside a pod.

use crate::engine::api::selector::Selector;
use crate::engine::Cluster;
use crate::engine::{objects, resources};
use crate::order::SharedSort;

/// One served resource: name, short names, group/version, namespaced, kind, verbs.
pub struct ApiResource {
    pub name: &'static str,
    pub short_names: &'static [&'static str],
    pub group_version: &'static str,
    pub namespaced: bool,
    pub kind: &'static str,
    pub verbs: &'static [&'static str],
}

const CRUD: &[&str] = &["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
const NO_COLLECTION: &[&str] = &["create", "delete", "get", "list", "patch", "update", "watch"];
const CREATE_ONLY: &[&str] = &["create"];
const READ_ONLY: &[&str] = &["get", "list"];

macro_rules! r {
    ($name:expr, [$($s:expr),*], $gv:expr, $ns:expr, $kind:expr, $verbs:expr) => {
        ApiResource { name: $name, short_names: &[$($s),*], group_version: $gv, namespaced: $ns, kind: $kind, verbs: $verbs }
    };
}

/// The resources of a v1.32 cluster, in `kubectl api-resources` order (core, then groups).
pub const RESOURCES: &[ApiResource] = &[
    r!("bindings", [], "v1", true, "Binding", CREATE_ONLY),
    r!("componentstatuses", ["cs"], "v1", false, "ComponentStatus", READ_ONLY),
    r!("configmaps", ["cm"], "v1", true, "ConfigMap", CRUD),
    r!("endpoints", ["ep"], "v1", true, "Endpoints", CRUD),
    r!("events", ["ev"], "v1", true, "Event", CRUD),
    r!("limitranges", ["limits"], "v1", true, "LimitRange", CRUD),
    r!("namespaces", ["ns"], "v1", false, "Namespace", NO_COLLECTION),
    r!("nodes", ["no"], "v1", false, "Node", CRUD),
    r!("persistentvolumeclaims", ["pvc"], "v1", true, "PersistentVolumeClaim", CRUD),
    r!("persistentvolumes", ["pv"], "v1", false, "PersistentVolume", CRUD),
    r!("pods", ["po"], "v1", true, "Pod", CRUD),
    r!("podtemplates", [], "v1", true, "PodTemplate", CRUD),
    r!("replicationcontrollers", ["rc"], "v1", true, "ReplicationController", CRUD),
    r!("resourcequotas", ["quota"], "v1", true, "ResourceQuota", CRUD),
    r!("secrets", [], "v1", true, "Secret", CRUD),
    r!("serviceaccounts", ["sa"], "v1", true, "ServiceAccount", CRUD),
    r!("services", ["svc"], "v1", true, "Service", NO_COLLECTION),
    r!("mutatingwebhookconfigurations", [], "admissionregistration.k8s.io/v1", false, "MutatingWebhookConfiguration", CRUD),
    r!("validatingadmissionpolicies", [], "admissionregistration.k8s.io/v1", false, "ValidatingAdmissionPolicy", CRUD),
    r!("validatingadmissionpolicybindings", [], "admissionregistration.k8s.io/v1", false, "ValidatingAdmissionPolicyBinding", CRUD),
    r!("validatingwebhookconfigurations", [], "admissionregistration.k8s.io/v1", false, "ValidatingWebhookConfiguration", CRUD),
    r!("customresourcedefinitions", ["crd", "crds"], "apiextensions.k8s.io/v1", false, "CustomResourceDefinition", CRUD),
    r!("apiservices", [], "apiregistration.k8s.io/v1", false, "APIService", CRUD),
    r!("controllerrevisions", [], "apps/v1", true, "ControllerRevision", CRUD),
    r!("daemonsets", ["ds"], "apps/v1", true, "DaemonSet", CRUD),
    r!("deployments", ["deploy"], "apps/v1", true, "Deployment", CRUD),
    r!("replicasets", ["rs"], "apps/v1", true, "ReplicaSet", CRUD),
    r!("statefulsets", ["sts"], "apps/v1", true, "StatefulSet", CRUD),
    r!("selfsubjectreviews", [], "authentication.k8s.io/v1", false, "SelfSubjectReview", CREATE_ONLY),
    r!("tokenreviews", [], "authentication.k8s.io/v1", false, "TokenReview", CREATE_ONLY),
    r!("localsubjectaccessreviews", [], "authorization.k8s.io/v1", true, "LocalSubjectAccessReview", CREATE_ONLY),
    r!("selfsubjectaccessreviews", [], "authorization.k8s.io/v1", false, "SelfSubjectAccessReview", CREATE_ONLY),
    r!("selfsubjectrulesreviews", [], "authorization.k8s.io/v1", false, "SelfSubjectRulesReview", CREATE_ONLY),
    r!("subjectaccessreviews", [], "authorization.k8s.io/v1", false, "SubjectAccessReview", CREATE_ONLY),
    r!("horizontalpodautoscalers", ["hpa"], "autoscaling/v2", true, "HorizontalPodAutoscaler", CRUD),
    r!("cronjobs", ["cj"], "batch/v1", true, "CronJob", CRUD),
    r!("jobs", [], "batch/v1", true, "Job", CRUD),
    r!("certificatesigningrequests", ["csr"], "certificates.k8s.io/v1", false, "CertificateSigningRequest", CRUD),
    r!("leases", [], "coordination.k8s.io/v1", true, "Lease", CRUD),
    r!("endpointslices", [], "discovery.k8s.io/v1", true, "EndpointSlice", CRUD),
    r!("events", ["ev"], "events.k8s.io/v1", true, "Event", CRUD),
    r!("flowschemas", [], "flowcontrol.apiserver.k8s.io/v1", false, "FlowSchema", CRUD),
    r!("prioritylevelconfigurations", [], "flowcontrol.apiserver.k8s.io/v1", false, "PriorityLevelConfiguration", CRUD),
    r!("ingressclasses", [], "networking.k8s.io/v1", false, "IngressClass", CRUD),
    r!("ingresses", ["ing"], "networking.k8s.io/v1", true, "Ingress", CRUD),
    r!("networkpolicies", ["netpol"], "networking.k8s.io/v1", true, "NetworkPolicy", CRUD),
    r!("runtimeclasses", [], "node.k8s.io/v1", false, "RuntimeClass", CRUD),
    r!("poddisruptionbudgets", ["pdb"], "policy/v1", true, "PodDisruptionBudget", CRUD),
    r!("clusterrolebindings", [], "rbac.authorization.k8s.io/v1", false, "ClusterRoleBinding", CRUD),
    r!("clusterroles", [], "rbac.authorization.k8s.io/v1", false, "ClusterRole", CRUD),
    r!("rolebindings", [], "rbac.authorization.k8s.io/v1", true, "RoleBinding", CRUD),
    r!("roles", [], "rbac.authorization.k8s.io/v1", true, "Role", CRUD),
    r!("priorityclasses", ["pc"], "scheduling.k8s.io/v1", false, "PriorityClass", CRUD),
    r!("csidrivers", [], "storage.k8s.io/v1", false, "CSIDriver", CRUD),
    r!("csinodes", [], "storage.k8s.io/v1", false, "CSINode", CRUD),
    r!("csistoragecapacities", [], "storage.k8s.io/v1", true, "CSIStorageCapacity", CRUD),
    r!("storageclasses", ["sc"], "storage.k8s.io/v1", false, "StorageClass", CRUD),
    r!("volumeattachments", [], "storage.k8s.io/v1", false, "VolumeAttachment", CRUD),
];

/// Group versions in `kubectl api-versions` order.
pub fn group_versions() -> Vec<&'static str> {
    let mut versions: Vec<&'static str> = RESOURCES.iter().map(|r| r.group_version).collect();
    versions.extend(["authentication.k8s.io/v1", "autoscaling/v1", "flowcontrol.apiserver.k8s.io/v1beta3"]);
    versions.shared_sort();
    versions.dedup();
    versions
}

fn resource_list(group_version: &str) -> Option<serde_json::Value> {
    let resources: Vec<serde_json::Value> = RESOURCES
        .iter()
        .filter(|r| r.group_version == group_version)
        .map(|r| {
            let mut entry = serde_json::json!({
                "name": r.name,
                "singularName": r.kind.to_ascii_lowercase(),
                "namespaced": r.namespaced,
                "kind": r.kind,
                "verbs": r.verbs,
            });
            if !r.short_names.is_empty() {
                entry["shortNames"] = serde_json::json!(r.short_names);
            }
            if ["pods", "deployments", "replicasets", "services", "daemonsets", "statefulsets", "jobs", "cronjobs", "replicationcontrollers"].contains(&r.name) {
                entry["categories"] = serde_json::json!(["all"]);
            }
            entry
        })
        .collect();
    if resources.is_empty() {
        return None;
    }
    Some(serde_json::json!({"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": group_version, "resources": resources}))
}

fn group(name: &str) -> serde_json::Value {
    let versions: Vec<&str> = group_versions().into_iter().filter(|gv| gv.split_once('/').is_some_and(|(g, _)| g == name)).collect();
    let preferred = versions.iter().find(|v| v.ends_with("/v1") || v.ends_with("/v2")).or(versions.first()).copied().unwrap_or("");
    serde_json::json!({
        "name": name,
        "versions": versions.iter().map(|gv| serde_json::json!({"groupVersion": gv, "version": gv.split_once('/').map(|(_, v)| v).unwrap_or("")})).collect::<Vec<_>>(),
        "preferredVersion": {"groupVersion": preferred, "version": preferred.split_once('/').map(|(_, v)| v).unwrap_or("")},
    })
}

/// The JSON a path serves, or the message of a NotFound status ("ok" for health paths).
pub fn raw(cluster: &Cluster, path: &str) -> Result<serde_json::Value, String> {
    let path = path.split('?').next().unwrap_or(path).trim_end_matches('/');
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').filter(|p| !p.is_empty()).collect();
    let not_found = || Err(format!("the server could not find the requested resource"));
    match parts.as_slice() {
        ["api"] => Ok(serde_json::json!({"kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "172.18.0.2:6443"}]})),
        ["api", "v1"] => resource_list("v1").map_or_else(not_found, Ok),
        ["apis"] => {
            let mut names: Vec<&str> = group_versions().into_iter().filter_map(|gv| gv.split_once('/').map(|(g, _)| g)).collect();
            names.dedup();
            Ok(serde_json::json!({"kind": "APIGroupList", "apiVersion": "v1", "groups": names.into_iter().map(group).collect::<Vec<_>>()}))
        }
        ["apis", g] => {
            if group_versions().iter().any(|gv| gv.starts_with(&format!("{g}/"))) {
                let mut value = group(g);
                value["kind"] = serde_json::json!("APIGroup");
                value["apiVersion"] = serde_json::json!("v1");
                Ok(value)
            } else {
                not_found()
            }
        }
        ["apis", g, v] => resource_list(&format!("{g}/{v}")).map_or_else(not_found, Ok),
        ["version"] => Ok(serde_json::json!({"major": "1", "minor": "32", "gitVersion": "v1.32.5", "gitCommit": "9894294ef13a5b32803e3ca2c0d620a088cc84d1", "gitTreeState": "clean", "buildDate": "2025-05-15T09:45:10Z", "goVersion": "go1.23.8", "compiler": "gc", "platform": "linux/amd64"})),
        ["healthz"] | ["livez"] | ["readyz"] => Err("ok".to_string()),
        [] => Ok(serde_json::json!({"paths": root_paths()})),
        _ => objects_at(cluster, &parts),
    }
}

/// `/api/v1/[namespaces/NS/]RESOURCE[/NAME]` and `/apis/G/V/...`.
fn objects_at(cluster: &Cluster, parts: &[&str]) -> Result<serde_json::Value, String> {
    let rest: &[&str] = match parts {
        ["api", "v1", rest @ ..] => rest,
        ["apis", _, _, rest @ ..] => rest,
        _ => return Err("the server could not find the requested resource".to_string()),
    };
    let (namespace, rest) = match rest {
        ["namespaces", ns, rest @ ..] if !rest.is_empty() => (Some(*ns), rest),
        other => (None, other),
    };
    let (resource_name, name) = match rest {
        [resource] => (*resource, None),
        [resource, name] => (*resource, Some(*name)),
        _ => return Err("the server could not find the requested resource".to_string()),
    };
    let Some(resource) = resources::resolve(resource_name).filter(|r| r.plural == resource_name) else {
        return Err("the server could not find the requested resource".to_string());
    };
    match name {
        Some(name) => objects::get(cluster, resource.kind, namespace.unwrap_or(""), name)
            .map(|o| objects::to_json(&o))
            .ok_or_else(|| format!("{} \"{name}\" not found", resource.resource())),
        None => {
            let items: Vec<serde_json::Value> = objects::list(cluster, resource.kind, namespace, &Selector::everything()).iter().map(objects::to_json).collect();
            Ok(serde_json::json!({"kind": format!("{}List", resource.kind.name()), "apiVersion": resource.kind.api_version(), "metadata": {"resourceVersion": cluster.store().resource_version().to_string()}, "items": items}))
        }
    }
}


/// The paths `GET /` lists.
fn root_paths() -> Vec<String> {
    let mut paths = vec!["/api".to_string(), "/api/v1".to_string(), "/apis".to_string(), "/apis/".to_string()];
    let mut groups: Vec<&str> = group_versions().into_iter().filter_map(|gv| gv.split_once('/').map(|(g, _)| g)).collect();
    groups.dedup();
    for group in groups {
        paths.push(format!("/apis/{group}"));
        for gv in group_versions().into_iter().filter(|gv| gv.starts_with(&format!("{group}/"))) {
            paths.push(format!("/apis/{gv}"));
        }
    }
    paths.extend(["/healthz", "/livez", "/metrics", "/openapi/v2", "/openapi/v3", "/readyz", "/version"].iter().map(|s| s.to_string()));
    paths
}
