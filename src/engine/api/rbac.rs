//! RBAC objects (rbac.authorization.k8s.io/v1): Roles and ClusterRoles (lists of `PolicyRule`s),
//! RoleBindings and ClusterRoleBindings (subjects granted a role). The field layout follows
//! k8s.io/api/rbac/v1/types.go; `rules` and `verbs` have no `omitempty` there, so an empty
//! list is written as `null`.

use serde::{Deserialize, Serialize};

use crate::engine::api::meta::{null_as_default, ObjectMeta};

/// The API group of these kinds (`rbac.GroupName`).
pub const GROUP: &str = "rbac.authorization.k8s.io";

/// A list written as Go writes a nil slice without `omitempty`: `null` when empty.
mod null_when_empty {
    use serde::Serializer;

    pub fn serialize<S: Serializer, T: serde::Serialize>(list: &[T], serializer: S) -> Result<S::Ok, S::Error> {
        if list.is_empty() {
            serializer.serialize_none()
        } else {
            serializer.collect_seq(list)
        }
    }
}

/// `rbacv1.PolicyRule`: verbs on resources of API groups (optionally only some names), or on
/// non-resource URLs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyRule {
    #[serde(default, serialize_with = "null_when_empty::serialize", deserialize_with = "null_as_default")]
    pub verbs: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub api_groups: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub resources: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub resource_names: Vec<String>,
    #[serde(default, rename = "nonResourceURLs", skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub non_resource_urls: Vec<String>,
}

/// `rbacv1.Role`: rules within one namespace.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Role {
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default, serialize_with = "null_when_empty::serialize", deserialize_with = "null_as_default")]
    pub rules: Vec<PolicyRule>,
}

/// `rbacv1.AggregationRule`: the ClusterRoles whose rules a ClusterRole collects (kept, not run:
/// no aggregation controller here).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AggregationRule {
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub cluster_role_selectors: Vec<crate::engine::api::selector::LabelSelector>,
}

/// `rbacv1.ClusterRole`: rules across the cluster (or in one namespace, through a RoleBinding).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterRole {
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default, serialize_with = "null_when_empty::serialize", deserialize_with = "null_as_default")]
    pub rules: Vec<PolicyRule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aggregation_rule: Option<AggregationRule>,
}

/// `rbacv1.Subject`: a User, a Group or a ServiceAccount (which has a namespace).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Subject {
    #[serde(default)]
    pub kind: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub api_group: String,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub namespace: String,
}

/// `rbacv1.RoleRef`: the role a binding grants; immutable once created.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleRef {
    #[serde(default)]
    pub api_group: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub name: String,
}

impl RoleRef {
    /// Go's `%#v` of the internal type, as `field.Invalid` prints it.
    pub fn go_value(&self) -> String {
        format!("rbac.RoleRef{{APIGroup:{:?}, Kind:{:?}, Name:{:?}}}", self.api_group, self.kind, self.name)
    }
}

/// `rbacv1.RoleBinding`: subjects granted a Role of its namespace or a ClusterRole, in its
/// namespace.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleBinding {
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub subjects: Vec<Subject>,
    #[serde(default)]
    pub role_ref: RoleRef,
}

/// `rbacv1.ClusterRoleBinding`: subjects granted a ClusterRole everywhere.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterRoleBinding {
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub subjects: Vec<Subject>,
    #[serde(default)]
    pub role_ref: RoleRef,
}
