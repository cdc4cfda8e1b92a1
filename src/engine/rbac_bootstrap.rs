//! The RBAC bootstrap policy a fresh cluster has: the ClusterRoles and ClusterRoleBindings the
//! apiserver's `rbac/bootstrap-roles` post-start hook reconciles, ported from
//! plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go (`ClusterRoles`,
//! `ClusterRoleBindings`, `NodeRules`), with `admin`, `edit` and `view` holding the rules the
//! ClusterRole aggregation controller gives them (`syncClusterRole`: the rules of the selected
//! roles, sorted by name, without repeats), and the Roles and RoleBindings of kube-system and
//! kube-public (namespace_policy.go). The controllers' `system:controller:*` ClusterRoles
//! (controller_policy.go) are not included.
//!
//! The objects are seeded into the store as the cluster had them before the learner arrived:
//! fixed UIDs (a digest of the name) and their own resourceVersions, so they shift no later
//! object's UID or resourceVersion.

use std::collections::BTreeMap;

use crate::engine::api::meta::ObjectMeta;
use crate::engine::api::rbac::{AggregationRule, ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, RoleRef, Subject, GROUP};
use crate::engine::api::selector::LabelSelector;
use crate::engine::clock::Time;
use crate::engine::Cluster;

const READ: &[&str] = &["get", "list", "watch"];
const WRITE: &[&str] = &["create", "delete", "deletecollection", "patch", "update"];
const READ_UPDATE: &[&str] = &["get", "list", "watch", "update", "patch"];

/// `rbacv1helpers.NewRule(verbs).Groups(groups).Resources(resources)`. The builder sorts
/// nothing: each list keeps its order.
fn rule(verbs: &[&str], groups: &[&str], resources: &[&str]) -> PolicyRule {
    let list = |items: &[&str]| items.iter().map(|s| s.to_string()).collect();
    PolicyRule { verbs: list(verbs), api_groups: list(groups), resources: list(resources), ..Default::default() }
}

/// A rule on named objects only (`.Names(...)`).
fn named(verbs: &[&str], groups: &[&str], resources: &[&str], names: &[&str]) -> PolicyRule {
    PolicyRule { resource_names: names.iter().map(|s| s.to_string()).collect(), ..rule(verbs, groups, resources) }
}

/// A rule on non-resource URLs (`.URLs(...)`).
fn urls(verbs: &[&str], paths: &[&str]) -> PolicyRule {
    PolicyRule { verbs: verbs.iter().map(|s| s.to_string()).collect(), non_resource_urls: paths.iter().map(|s| s.to_string()).collect(), ..Default::default() }
}

/// `eventsRule()`: writing events in the core and events.k8s.io groups.
fn events_rule() -> PolicyRule {
    rule(&["create", "update", "patch"], &["", "events.k8s.io"], &["events"])
}

/// `NodeRules()` with 1.32's default feature gates.
fn node_rules() -> Vec<PolicyRule> {
    vec![
        rule(&["create"], &["authentication.k8s.io"], &["tokenreviews"]),
        rule(&["create"], &["authorization.k8s.io"], &["subjectaccessreviews", "localsubjectaccessreviews"]),
        rule(READ, &[""], &["services"]),
        rule(&["create", "get", "list", "watch"], &[""], &["nodes"]),
        rule(&["update", "patch"], &[""], &["nodes/status"]),
        rule(&["update", "patch"], &[""], &["nodes"]),
        rule(&["create", "update", "patch"], &[""], &["events"]),
        rule(READ, &[""], &["pods"]),
        rule(&["create", "delete"], &[""], &["pods"]),
        rule(&["update", "patch"], &[""], &["pods/status"]),
        rule(&["create"], &[""], &["pods/eviction"]),
        rule(&["get", "list", "watch"], &[""], &["secrets", "configmaps"]),
        rule(&["get"], &[""], &["persistentvolumeclaims", "persistentvolumes"]),
        rule(&["get"], &[""], &["endpoints"]),
        rule(&["create", "get", "list", "watch"], &["certificates.k8s.io"], &["certificatesigningrequests"]),
        rule(&["get", "create", "update", "patch", "delete"], &["coordination.k8s.io"], &["leases"]),
        rule(&["get"], &["storage.k8s.io"], &["volumeattachments"]),
        rule(&["get", "update", "patch"], &[""], &["persistentvolumeclaims/status"]),
        rule(&["create"], &[""], &["serviceaccounts/token"]),
        rule(&["get", "watch", "list"], &["storage.k8s.io"], &["csidrivers"]),
        rule(&["get", "create", "update", "patch", "delete"], &["storage.k8s.io"], &["csinodes"]),
        rule(&["get", "list", "watch"], &["node.k8s.io"], &["runtimeclasses"]),
    ]
}

fn aggregate_to_admin() -> Vec<PolicyRule> {
    vec![rule(&["create"], &["authorization.k8s.io"], &["localsubjectaccessreviews"]), rule(&["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"], &[GROUP], &["roles", "rolebindings"])]
}

fn aggregate_to_edit() -> Vec<PolicyRule> {
    vec![
        rule(READ, &[""], &["pods/attach", "pods/proxy", "pods/exec", "pods/portforward", "secrets", "services/proxy"]),
        rule(&["impersonate"], &[""], &["serviceaccounts"]),
        rule(WRITE, &[""], &["pods", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward"]),
        rule(&["create"], &[""], &["pods/eviction"]),
        rule(WRITE, &[""], &["replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/proxy", "endpoints", "persistentvolumeclaims", "configmaps", "secrets"]),
        rule(&["create"], &[""], &["serviceaccounts/token"]),
        rule(WRITE, &["apps"], &["statefulsets", "statefulsets/scale", "daemonsets", "deployments", "deployments/scale", "deployments/rollback", "replicasets", "replicasets/scale"]),
        rule(WRITE, &["autoscaling"], &["horizontalpodautoscalers"]),
        rule(WRITE, &["batch"], &["jobs", "cronjobs"]),
        rule(WRITE, &["extensions"], &["daemonsets", "deployments", "deployments/scale", "deployments/rollback", "ingresses", "replicasets", "replicasets/scale", "replicationcontrollers/scale", "networkpolicies"]),
        rule(WRITE, &["policy"], &["poddisruptionbudgets"]),
        rule(WRITE, &["networking.k8s.io"], &["networkpolicies", "ingresses"]),
    ]
}

fn aggregate_to_view() -> Vec<PolicyRule> {
    vec![
        rule(READ, &[""], &["pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/status", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "configmaps"]),
        rule(READ, &[""], &["limitranges", "resourcequotas", "bindings", "events", "pods/status", "resourcequotas/status", "namespaces/status", "replicationcontrollers/status", "pods/log"]),
        rule(READ, &[""], &["namespaces"]),
        rule(READ, &["discovery.k8s.io"], &["endpointslices"]),
        rule(READ, &["apps"], &["controllerrevisions", "statefulsets", "statefulsets/status", "statefulsets/scale", "daemonsets", "daemonsets/status", "deployments", "deployments/status", "deployments/scale", "replicasets", "replicasets/status", "replicasets/scale"]),
        rule(READ, &["autoscaling"], &["horizontalpodautoscalers", "horizontalpodautoscalers/status"]),
        rule(READ, &["batch"], &["jobs", "cronjobs", "cronjobs/status", "jobs/status"]),
        rule(READ, &["extensions"], &["daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "ingresses", "ingresses/status", "replicasets", "replicasets/scale", "replicasets/status", "replicationcontrollers/scale", "networkpolicies"]),
        rule(READ, &["policy"], &["poddisruptionbudgets", "poddisruptionbudgets/status"]),
        rule(READ, &["networking.k8s.io"], &["networkpolicies", "ingresses", "ingresses/status"]),
    ]
}

/// The aggregation controller's union: each rule once, in the order met.
fn union(lists: &[Vec<PolicyRule>]) -> Vec<PolicyRule> {
    let mut all: Vec<PolicyRule> = Vec::new();
    for rule in lists.iter().flatten() {
        if !all.contains(rule) {
            all.push(rule.clone());
        }
    }
    all
}

/// A bootstrap ClusterRole: its name, the role it is aggregated into (its
/// `aggregate-to-X` label), the roles it aggregates (its aggregation rule's label), its rules.
type RoleSpec = (&'static str, Option<&'static str>, Option<&'static str>, Vec<PolicyRule>);

/// The bootstrap ClusterRoles, by name.
fn cluster_roles() -> Vec<RoleSpec> {
    let view = aggregate_to_view();
    // `edit` selects `system:aggregate-to-edit` and `view` (sorted by name); `admin` selects
    // `edit` and `system:aggregate-to-admin`.
    let edit = union(&[aggregate_to_edit(), view.clone()]);
    let admin = union(&[edit.clone(), aggregate_to_admin()]);
    let discovery_urls = ["/livez", "/readyz", "/healthz", "/version", "/version/", "/openapi", "/openapi/*", "/api", "/api/*", "/apis", "/apis/*"];
    vec![
        ("admin", None, Some("admin"), admin),
        ("cluster-admin", None, None, vec![rule(&["*"], &["*"], &["*"]), urls(&["*"], &["*"])]),
        ("edit", Some("admin"), Some("edit"), edit),
        ("system:aggregate-to-admin", Some("admin"), None, aggregate_to_admin()),
        ("system:aggregate-to-edit", Some("edit"), None, aggregate_to_edit()),
        ("system:aggregate-to-view", Some("view"), None, aggregate_to_view()),
        ("system:auth-delegator", None, None, vec![rule(&["create"], &["authentication.k8s.io"], &["tokenreviews"]), rule(&["create"], &["authorization.k8s.io"], &["subjectaccessreviews"])]),
        ("system:basic-user", None, None, vec![rule(&["create"], &["authorization.k8s.io"], &["selfsubjectaccessreviews", "selfsubjectrulesreviews"]), rule(&["create"], &["authentication.k8s.io"], &["selfsubjectreviews"])]),
        ("system:certificates.k8s.io:certificatesigningrequests:nodeclient", None, None, vec![rule(&["create"], &["certificates.k8s.io"], &["certificatesigningrequests/nodeclient"])]),
        ("system:certificates.k8s.io:certificatesigningrequests:selfnodeclient", None, None, vec![rule(&["create"], &["certificates.k8s.io"], &["certificatesigningrequests/selfnodeclient"])]),
        ("system:certificates.k8s.io:kube-apiserver-client-approver", None, None, vec![named(&["approve"], &["certificates.k8s.io"], &["signers"], &["kubernetes.io/kube-apiserver-client"])]),
        ("system:certificates.k8s.io:kube-apiserver-client-kubelet-approver", None, None, vec![named(&["approve"], &["certificates.k8s.io"], &["signers"], &["kubernetes.io/kube-apiserver-client-kubelet"])]),
        ("system:certificates.k8s.io:kubelet-serving-approver", None, None, vec![named(&["approve"], &["certificates.k8s.io"], &["signers"], &["kubernetes.io/kubelet-serving"])]),
        ("system:certificates.k8s.io:legacy-unknown-approver", None, None, vec![named(&["approve"], &["certificates.k8s.io"], &["signers"], &["kubernetes.io/legacy-unknown"])]),
        ("system:discovery", None, None, vec![urls(&["get"], &discovery_urls)]),
        ("system:heapster", None, None, vec![rule(READ, &[""], &["events", "pods", "nodes", "namespaces"]), rule(READ, &["extensions"], &["deployments"])]),
        ("system:kube-aggregator", None, None, vec![rule(READ, &[""], &["services", "endpoints"])]),
        (
            "system:kube-controller-manager",
            None,
            None,
            vec![
                events_rule(),
                rule(&["create"], &["coordination.k8s.io"], &["leases"]),
                named(&["get", "update"], &["coordination.k8s.io"], &["leases"], &["kube-controller-manager"]),
                rule(&["create"], &[""], &["secrets", "serviceaccounts"]),
                rule(&["delete"], &[""], &["secrets"]),
                rule(&["get"], &[""], &["namespaces", "secrets", "serviceaccounts", "configmaps"]),
                rule(&["update"], &[""], &["secrets", "serviceaccounts"]),
                rule(&["create"], &["authentication.k8s.io"], &["tokenreviews"]),
                rule(&["create"], &["authorization.k8s.io"], &["subjectaccessreviews"]),
                rule(&["list", "watch"], &["*"], &["*"]),
                rule(&["create"], &[""], &["serviceaccounts/token"]),
            ],
        ),
        ("system:kube-dns", None, None, vec![rule(&["list", "watch"], &[""], &["endpoints", "services"])]),
        (
            "system:kube-scheduler",
            None,
            None,
            vec![
                events_rule(),
                rule(&["create"], &["coordination.k8s.io"], &["leases"]),
                named(&["get", "update"], &["coordination.k8s.io"], &["leases"], &["kube-scheduler"]),
                rule(READ, &[""], &["nodes"]),
                rule(&["get", "list", "watch", "delete"], &[""], &["pods"]),
                rule(&["create"], &[""], &["pods/binding", "bindings"]),
                rule(&["patch", "update"], &[""], &["pods/status"]),
                rule(READ, &[""], &["services", "replicationcontrollers"]),
                rule(READ, &["apps", "extensions"], &["replicasets"]),
                rule(READ, &["apps"], &["statefulsets"]),
                rule(READ, &["policy"], &["poddisruptionbudgets"]),
                rule(READ, &[""], &["persistentvolumeclaims", "persistentvolumes"]),
                rule(&["create"], &["authentication.k8s.io"], &["tokenreviews"]),
                rule(&["create"], &["authorization.k8s.io"], &["subjectaccessreviews"]),
                rule(READ, &["storage.k8s.io"], &["csinodes"]),
                rule(READ, &[""], &["namespaces"]),
                rule(READ, &["storage.k8s.io"], &["csidrivers"]),
                rule(READ, &["storage.k8s.io"], &["csistoragecapacities"]),
            ],
        ),
        ("system:kubelet-api-admin", None, None, vec![rule(&["get", "list", "watch"], &[""], &["nodes"]), rule(&["proxy"], &[""], &["nodes"]), rule(&["*"], &[""], &["nodes/proxy", "nodes/metrics", "nodes/stats", "nodes/log"])]),
        ("system:monitoring", None, None, vec![urls(&["get"], &["/metrics", "/metrics/slis", "/livez", "/readyz", "/healthz", "/livez/*", "/readyz/*", "/healthz/*"])]),
        ("system:node", None, None, node_rules()),
        ("system:node-bootstrapper", None, None, vec![rule(&["create", "get", "list", "watch"], &["certificates.k8s.io"], &["certificatesigningrequests"])]),
        ("system:node-problem-detector", None, None, vec![rule(&["get"], &[""], &["nodes"]), rule(&["patch"], &[""], &["nodes/status"]), events_rule()]),
        (
            "system:node-proxier",
            None,
            None,
            vec![rule(&["list", "watch"], &[""], &["services", "endpoints"]), rule(&["get", "list", "watch"], &[""], &["nodes"]), events_rule(), rule(&["list", "watch"], &["discovery.k8s.io"], &["endpointslices"])],
        ),
        (
            "system:persistent-volume-provisioner",
            None,
            None,
            vec![
                rule(&["get", "list", "watch", "create", "delete"], &[""], &["persistentvolumes"]),
                rule(&["get", "list", "watch", "update"], &[""], &["persistentvolumeclaims"]),
                rule(READ, &["storage.k8s.io"], &["storageclasses"]),
                rule(&["watch"], &[""], &["events"]),
                events_rule(),
            ],
        ),
        ("system:public-info-viewer", None, None, vec![urls(&["get"], &["/livez", "/readyz", "/healthz", "/version", "/version/"])]),
        ("system:service-account-issuer-discovery", None, None, vec![urls(&["get"], &["/.well-known/openid-configuration", "/.well-known/openid-configuration/", "/openid/v1/jwks", "/openid/v1/jwks/"])]),
        ("system:volume-scheduler", None, None, vec![rule(READ_UPDATE, &[""], &["persistentvolumes"]), rule(READ, &["storage.k8s.io"], &["storageclasses"]), rule(READ_UPDATE, &[""], &["persistentvolumeclaims"])]),
        ("view", Some("edit"), Some("view"), view),
    ]
}

/// A bootstrap binding's subject: `G:name` a Group, `U:name` a User, `SA:ns:name` a ServiceAccount.
fn subject(spec: &str) -> Subject {
    match spec.split_once(':').unwrap_or(("", spec)) {
        ("G", name) => Subject { kind: "Group".into(), api_group: GROUP.into(), name: name.into(), namespace: String::new() },
        ("U", name) => Subject { kind: "User".into(), api_group: GROUP.into(), name: name.into(), namespace: String::new() },
        (_, rest) => {
            let (namespace, name) = rest.split_once(':').unwrap_or(("", rest));
            Subject { kind: "ServiceAccount".into(), api_group: String::new(), name: name.into(), namespace: namespace.into() }
        }
    }
}

/// `ClusterRoleBindings()`: each binds the ClusterRole of its own name.
const CLUSTER_ROLE_BINDINGS: &[(&str, &[&str])] = &[
    ("cluster-admin", &["G:system:masters"]),
    ("system:basic-user", &["G:system:authenticated"]),
    ("system:discovery", &["G:system:authenticated"]),
    ("system:kube-controller-manager", &["U:system:kube-controller-manager"]),
    ("system:kube-dns", &["SA:kube-system:kube-dns"]),
    ("system:kube-scheduler", &["U:system:kube-scheduler"]),
    ("system:monitoring", &["G:system:monitoring"]),
    ("system:node", &[]),
    ("system:node-proxier", &["U:system:kube-proxy"]),
    ("system:public-info-viewer", &["G:system:authenticated", "G:system:unauthenticated"]),
    ("system:service-account-issuer-discovery", &["G:system:serviceaccounts"]),
    ("system:volume-scheduler", &["U:system:kube-scheduler"]),
];

/// namespace_policy.go's Roles: (namespace, name, rules).
fn namespace_roles() -> Vec<(&'static str, &'static str, Vec<PolicyRule>)> {
    vec![
        ("kube-system", "extension-apiserver-authentication-reader", vec![named(READ, &[""], &["configmaps"], &["extension-apiserver-authentication"])]),
        ("kube-system", "system:controller:bootstrap-signer", vec![rule(READ, &[""], &["secrets"])]),
        ("kube-system", "system:controller:cloud-provider", vec![rule(&["create", "get", "list", "watch"], &[""], &["configmaps"])]),
        ("kube-system", "system:controller:token-cleaner", vec![rule(&["get", "list", "watch", "delete"], &[""], &["secrets"]), events_rule()]),
        (
            "kube-system",
            "system::leader-locking-kube-controller-manager",
            vec![
                rule(&["watch"], &[""], &["configmaps"]),
                named(&["get", "update"], &[""], &["configmaps"], &["kube-controller-manager"]),
                rule(&["get", "watch", "list", "create", "update"], &["coordination.k8s.io"], &["leases"]),
            ],
        ),
        ("kube-system", "system::leader-locking-kube-scheduler", vec![rule(&["watch"], &[""], &["configmaps"]), named(&["get", "update"], &[""], &["configmaps"], &["kube-scheduler"])]),
        (
            "kube-public",
            "system:controller:bootstrap-signer",
            vec![rule(READ, &[""], &["configmaps"]), named(&["update"], &[""], &["configmaps"], &["cluster-info"]), events_rule()],
        ),
    ]
}

/// namespace_policy.go's RoleBindings: (namespace, name, the Role, subjects).
const NAMESPACE_ROLE_BINDINGS: &[(&str, &str, &str, &[&str])] = &[
    ("kube-system", "system::extension-apiserver-authentication-reader", "extension-apiserver-authentication-reader", &["U:system:kube-controller-manager", "U:system:kube-scheduler"]),
    ("kube-system", "system::leader-locking-kube-controller-manager", "system::leader-locking-kube-controller-manager", &["U:system:kube-controller-manager", "SA:kube-system:kube-controller-manager"]),
    ("kube-system", "system::leader-locking-kube-scheduler", "system::leader-locking-kube-scheduler", &["U:system:kube-scheduler", "SA:kube-system:kube-scheduler"]),
    ("kube-system", "system:controller:bootstrap-signer", "system:controller:bootstrap-signer", &["SA:kube-system:bootstrap-signer"]),
    ("kube-system", "system:controller:cloud-provider", "system:controller:cloud-provider", &["SA:kube-system:cloud-provider"]),
    ("kube-system", "system:controller:token-cleaner", "system:controller:token-cleaner", &["SA:kube-system:token-cleaner"]),
    ("kube-public", "system:controller:bootstrap-signer", "system:controller:bootstrap-signer", &["SA:kube-system:bootstrap-signer"]),
];

/// The metadata `addDefaultMetadata` gives: the bootstrapping label, the autoupdate annotation.
fn metadata(name: &str, extra_labels: &[(String, String)], born: Time, resource_version: usize) -> ObjectMeta {
    let mut labels: BTreeMap<String, String> = extra_labels.iter().cloned().collect();
    labels.insert("kubernetes.io/bootstrapping".into(), "rbac-defaults".into());
    let (a, b) = crate::engine::fast_hash::digest(["rbac-bootstrap", name]);
    ObjectMeta {
        name: name.to_string().into(),
        labels: labels.into(),
        annotations: [("rbac.authorization.kubernetes.io/autoupdate".to_string(), "true".to_string())].into_iter().collect::<BTreeMap<_, _>>().into(),
        uid: format!("{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xffff, a & 0xfff, 0x8000 | ((b >> 48) & 0x3fff), b & 0xffff_ffff_ffff).into(),
        resource_version: resource_version.to_string(),
        creation_timestamp: Some(born),
        ..Default::default()
    }
}

/// Seeds the bootstrap ClusterRoles and ClusterRoleBindings.
pub fn bootstrap(cluster: &mut Cluster, born: Time) {
    let mut version = 60;
    for (name, aggregated_into, selects, rules) in cluster_roles() {
        let labels: Vec<(String, String)> = aggregated_into.map(|into| (format!("rbac.authorization.k8s.io/aggregate-to-{into}"), "true".to_string())).into_iter().collect();
        let aggregation_rule = selects.map(|target| AggregationRule {
            cluster_role_selectors: vec![LabelSelector { match_labels: [(format!("rbac.authorization.k8s.io/aggregate-to-{target}"), "true".to_string())].into_iter().collect(), ..Default::default() }],
        });
        version += 1;
        cluster.store.seed(ClusterRole { metadata: metadata(name, &labels, born, version), rules, aggregation_rule });
    }
    for (name, subjects) in CLUSTER_ROLE_BINDINGS {
        version += 1;
        let role_ref = RoleRef { api_group: GROUP.into(), kind: "ClusterRole".into(), name: name.to_string() };
        cluster.store.seed(ClusterRoleBinding { metadata: metadata(name, &[], born, version), subjects: subjects.iter().map(|s| subject(s)).collect(), role_ref });
    }
    for (namespace, name, rules) in namespace_roles() {
        version += 1;
        let metadata = ObjectMeta { namespace: Some(namespace.into()), ..metadata(&format!("{namespace}/{name}"), &[], born, version) };
        cluster.store.seed(Role { metadata: ObjectMeta { name: name.to_string().into(), ..metadata }, rules });
    }
    for (namespace, name, role, subjects) in NAMESPACE_ROLE_BINDINGS {
        version += 1;
        let metadata = ObjectMeta { namespace: Some(namespace.to_string().into()), ..metadata(&format!("{namespace}/{name}"), &[], born, version) };
        let role_ref = RoleRef { api_group: GROUP.into(), kind: "Role".into(), name: role.to_string() };
        cluster.store.seed(RoleBinding { metadata: ObjectMeta { name: name.to_string().into(), ..metadata }, subjects: subjects.iter().map(|s| subject(s)).collect(), role_ref });
    }
}
