//! The apiserver's write path for Roles, ClusterRoles, RoleBindings and ClusterRoleBindings:
//! `SetDefaults_RoleBinding`, `SetDefaults_ClusterRoleBinding` and `SetDefaults_Subject`
//! (pkg/apis/rbac/v1/defaults.go), then `ValidateRole`, `ValidateClusterRole`,
//! `ValidateRoleBinding`, `ValidateClusterRoleBinding` and their `...Update` forms
//! (pkg/apis/rbac/validation/validation.go). The learner is cluster-admin, so the registries'
//! escalation checks always pass. The bootstrap policy is in `rbac_bootstrap`.

use std::rc::Rc;

use crate::engine::api::meta::ObjectMeta;
use crate::engine::api::rbac::{ClusterRoleBinding, PolicyRule, RoleBinding, RoleRef, Subject, GROUP};
use crate::engine::api::validation::{self, FieldError};
use crate::engine::error::ApiError;
use crate::engine::store::{Key, Obj, Stored};
use crate::engine::Cluster;

/// Create of any of the four kinds: defaults, validation, stored.
#[inline(never)]
pub fn create(cluster: &mut Cluster, object: Obj) -> Result<Obj, ApiError> {
    Ok(match object {
        Obj::Role(role) => Obj::Role(create_checked(cluster, (*role).clone(), |r| validate_role(&r.metadata, &r.rules, true))?),
        Obj::ClusterRole(role) => Obj::ClusterRole(create_checked(cluster, (*role).clone(), |r| validate_role(&r.metadata, &r.rules, false))?),
        Obj::RoleBinding(binding) => {
            let mut binding = (*binding).clone();
            set_binding_defaults(&mut binding.role_ref, &mut binding.subjects);
            Obj::RoleBinding(create_checked(cluster, binding, |b| validate_binding(&b.metadata, &b.role_ref, &b.subjects, true))?)
        }
        Obj::ClusterRoleBinding(binding) => {
            let mut binding = (*binding).clone();
            set_binding_defaults(&mut binding.role_ref, &mut binding.subjects);
            Obj::ClusterRoleBinding(create_checked(cluster, binding, |b| validate_binding(&b.metadata, &b.role_ref, &b.subjects, false))?)
        }
        other => other,
    })
}

/// Update of any of the four kinds: defaults and validation again; a binding's roleRef may not
/// change (`ValidateRoleBindingUpdate`: `cannot change roleRef`).
pub fn update(cluster: &mut Cluster, object: Obj) -> Result<Obj, ApiError> {
    Ok(match object {
        Obj::Role(role) => Obj::Role(update_checked(cluster, (*role).clone(), |r, _| validate_role(&r.metadata, &r.rules, true))?),
        Obj::ClusterRole(role) => Obj::ClusterRole(update_checked(cluster, (*role).clone(), |r, _| validate_role(&r.metadata, &r.rules, false))?),
        Obj::RoleBinding(binding) => {
            let mut binding = (*binding).clone();
            set_binding_defaults(&mut binding.role_ref, &mut binding.subjects);
            Obj::RoleBinding(update_checked(cluster, binding, |b, old: &RoleBinding| {
                let mut errors = validate_binding(&b.metadata, &b.role_ref, &b.subjects, true);
                role_ref_unchanged(&old.role_ref, &b.role_ref, &mut errors);
                errors
            })?)
        }
        Obj::ClusterRoleBinding(binding) => {
            let mut binding = (*binding).clone();
            set_binding_defaults(&mut binding.role_ref, &mut binding.subjects);
            Obj::ClusterRoleBinding(update_checked(cluster, binding, |b, old: &ClusterRoleBinding| {
                let mut errors = validate_binding(&b.metadata, &b.role_ref, &b.subjects, false);
                role_ref_unchanged(&old.role_ref, &b.role_ref, &mut errors);
                errors
            })?)
        }
        other => other,
    })
}

fn create_checked<T: Stored>(cluster: &mut Cluster, object: T, validate: impl Fn(&T) -> Vec<FieldError>) -> Result<Rc<T>, ApiError> {
    if T::KIND.namespaced() {
        crate::engine::apiserver::ensure_namespace(cluster, T::KIND, &object.meta().name, object.meta().ns())?;
    }
    let errors = validate(&object);
    if !errors.is_empty() {
        return Err(ApiError::invalid(T::KIND.name(), &object.meta().name, errors));
    }
    let now = cluster.time();
    cluster.store.create(object, now, &mut cluster.rng)
}

fn update_checked<T: Stored>(cluster: &mut Cluster, object: T, validate: impl Fn(&T, &T) -> Vec<FieldError>) -> Result<Rc<T>, ApiError> {
    let Some(old) = cluster.store.get::<T>(&Key::of(object.meta(), T::KIND.namespaced())) else {
        return Err(ApiError::not_found(T::KIND, &object.meta().name));
    };
    let errors = validate(&object, &old);
    if !errors.is_empty() {
        return Err(ApiError::invalid(T::KIND.name(), &object.meta().name, errors));
    }
    cluster.store.update(object)
}

/// Mirrors `SetDefaults_RoleBinding` / `SetDefaults_ClusterRoleBinding` (the roleRef's group) and
/// `SetDefaults_Subject` (Users and Groups are in the RBAC group; ServiceAccounts in the core one).
pub fn set_binding_defaults(role_ref: &mut RoleRef, subjects: &mut [Subject]) {
    if role_ref.api_group.is_empty() {
        role_ref.api_group = GROUP.to_string();
    }
    for subject in subjects {
        if subject.api_group.is_empty() && matches!(subject.kind.as_str(), "User" | "Group") {
            subject.api_group = GROUP.to_string();
        }
    }
}

/// Mirrors `path.IsValidPathSegmentName`, the only rule RBAC names follow
/// (`minimalNameRequirements`).
fn path_segment_errors(name: &str) -> Vec<&'static str> {
    if name == "." {
        return vec!["may not be '.'"];
    }
    if name == ".." {
        return vec!["may not be '..'"];
    }
    let mut errors = Vec::new();
    if name.contains('/') {
        errors.push("may not contain '/'");
    }
    if name.contains('%') {
        errors.push("may not contain '%'");
    }
    errors
}

/// `ValidateObjectMeta` with `minimalNameRequirements`: a name (or generateName), labels.
fn validate_meta(meta: &ObjectMeta, errors: &mut Vec<FieldError>) {
    if meta.name.is_empty() {
        if meta.generate_name.is_none() {
            errors.push(FieldError { field: "metadata.name".into(), message: "Required value: name or generateName is required".into() });
        }
    } else {
        for message in path_segment_errors(&meta.name) {
            errors.push(FieldError::invalid("metadata.name", &format!("{:?}", meta.name), message));
        }
    }
    validation::validate_labels(&meta.labels, "metadata.labels", errors);
}

/// Go's `%#v` of a `[]string`, as `field.Invalid` prints a list.
fn go_strings(list: &[String]) -> String {
    format!("[]string{{{}}}", list.iter().map(|s| format!("{s:?}")).collect::<Vec<_>>().join(", "))
}

/// Mirrors `ValidateRole` and `ValidateClusterRole`: the name, then each rule
/// (`validatePolicyRule`).
pub fn validate_role(meta: &ObjectMeta, rules: &[PolicyRule], namespaced: bool) -> Vec<FieldError> {
    let mut errors = Vec::new();
    validate_meta(meta, &mut errors);
    for (i, rule) in rules.iter().enumerate() {
        validate_rule(rule, namespaced, &format!("rules[{i}]"), &mut errors);
    }
    errors
}

/// Mirrors `validatePolicyRule`.
fn validate_rule(rule: &PolicyRule, namespaced: bool, path: &str, errors: &mut Vec<FieldError>) {
    let required = |field: &str, detail: &str| FieldError { field: format!("{path}.{field}"), message: format!("Required value: {detail}") };
    if rule.verbs.is_empty() {
        errors.push(required("verbs", "verbs must contain at least one value"));
    }
    if !rule.non_resource_urls.is_empty() {
        let field = format!("{path}.nonResourceURLs");
        if namespaced {
            errors.push(FieldError::invalid(&field, &go_strings(&rule.non_resource_urls), "namespaced rules cannot apply to non-resource URLs"));
        }
        if !rule.api_groups.is_empty() || !rule.resources.is_empty() || !rule.resource_names.is_empty() {
            errors.push(FieldError::invalid(&field, &go_strings(&rule.non_resource_urls), "rules cannot apply to both regular resources and non-resource URLs"));
        }
        return;
    }
    if rule.api_groups.is_empty() {
        errors.push(required("apiGroups", "resource rules must supply at least one api group"));
    }
    if rule.resources.is_empty() {
        errors.push(required("resources", "resource rules must supply at least one resource"));
    }
    if !rule.resource_names.is_empty() && rule.resources.len() > 1 {
        errors.push(required("resourceNames", "resource names cannot apply to multiple resources"));
    }
}

/// Mirrors `ValidateRoleBinding` (namespaced) and `ValidateClusterRoleBinding`: the roleRef's
/// group, kind and name, then each subject (`validateRoleBindingSubject`).
pub fn validate_binding(meta: &ObjectMeta, role_ref: &RoleRef, subjects: &[Subject], namespaced: bool) -> Vec<FieldError> {
    let mut errors = Vec::new();
    validate_meta(meta, &mut errors);
    if role_ref.api_group != GROUP {
        errors.push(FieldError::unsupported("roleRef.apiGroup", &role_ref.api_group, &[GROUP]));
    }
    let kinds: &[&str] = if namespaced { &["Role", "ClusterRole"] } else { &["ClusterRole"] };
    if !kinds.contains(&role_ref.kind.as_str()) {
        errors.push(FieldError::unsupported("roleRef.kind", &role_ref.kind, kinds));
    }
    if role_ref.name.is_empty() {
        errors.push(FieldError::required("roleRef.name"));
    } else {
        for message in path_segment_errors(&role_ref.name) {
            errors.push(FieldError::invalid("roleRef.name", &format!("{:?}", role_ref.name), message));
        }
    }
    for (i, subject) in subjects.iter().enumerate() {
        validate_subject(subject, namespaced, &format!("subjects[{i}]"), &mut errors);
    }
    errors
}

/// Mirrors `validateRoleBindingSubject`.
fn validate_subject(subject: &Subject, namespaced: bool, path: &str, errors: &mut Vec<FieldError>) {
    let field = |child: &str| format!("{path}.{child}");
    if subject.name.is_empty() {
        errors.push(FieldError::required(&field("name")));
    }
    match subject.kind.as_str() {
        "ServiceAccount" => {
            if !subject.name.is_empty() && !validation::is_dns1123_subdomain(&subject.name) {
                errors.push(FieldError::invalid(&field("name"), &format!("{:?}", subject.name), validation::DNS1123_SUBDOMAIN_MSG));
            }
            if !subject.api_group.is_empty() {
                errors.push(FieldError::unsupported(&field("apiGroup"), &subject.api_group, &[""]));
            }
            if !namespaced && subject.namespace.is_empty() {
                errors.push(FieldError::required(&field("namespace")));
            }
        }
        "User" | "Group" => {
            if subject.name.is_empty() {
                let what = if subject.kind == "User" { "user" } else { "group" };
                errors.push(FieldError::invalid(&field("name"), "\"\"", &format!("{what} name cannot be empty")));
            }
            if subject.api_group != GROUP {
                errors.push(FieldError::unsupported(&field("apiGroup"), &subject.api_group, &[GROUP]));
            }
        }
        other => errors.push(FieldError::unsupported(&field("kind"), other, &["ServiceAccount", "User", "Group"])),
    }
}

/// `ValidateRoleBindingUpdate`'s roleRef rule.
fn role_ref_unchanged(old: &RoleRef, new: &RoleRef, errors: &mut Vec<FieldError>) {
    if old != new {
        errors.push(FieldError::invalid("roleRef", &new.go_value(), "cannot change roleRef"));
    }
}
