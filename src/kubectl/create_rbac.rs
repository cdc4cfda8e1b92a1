//! `kubectl create role|clusterrole|rolebinding|clusterrolebinding`: the objects kubectl builds
//! and its client-side checks. Mirrors kubectl 1.32's pkg/cmd/create: `CreateRoleOptions`
//! (create_role.go: `Complete`, `Validate`, `validateResource`, `generateResourcePolicyRules`),
//! `CreateClusterRoleOptions` (create_clusterrole.go), `RoleBindingOptions`
//! (create_rolebinding.go) and `ClusterRoleBindingOptions` (create_clusterrolebinding.go).
//! Resource names are resolved against the cluster's discovery, as the REST mapper does.

use serde_json::{json, Value};

use crate::engine::store::Kind;
use crate::kubectl::args::Parsed;
use crate::kubectl::Ctx;

/// `validResourceVerbs`: other verbs are warned about, not refused.
const RESOURCE_VERBS: &[&str] = &["*", "get", "delete", "list", "create", "update", "patch", "watch", "proxy", "deletecollection", "use", "bind", "escalate", "impersonate"];

/// `validNonResourceVerbs`.
const NON_RESOURCE_VERBS: &[&str] = &["*", "get", "post", "put", "delete", "patch", "head", "options"];

/// `specialVerbs`: verbs that apply only to some resources (group, resource).
const SPECIAL_VERBS: &[(&str, &[(&str, &str)])] = &[
    ("use", &[("policy", "podsecuritypolicies"), ("extensions", "podsecuritypolicies")]),
    ("bind", &[("rbac.authorization.k8s.io", "roles"), ("rbac.authorization.k8s.io", "clusterroles")]),
    ("escalate", &[("rbac.authorization.k8s.io", "roles"), ("rbac.authorization.k8s.io", "clusterroles")]),
    ("impersonate", &[("", "users"), ("", "serviceaccounts"), ("", "groups"), ("authentication.k8s.io", "userextras")]),
];

/// Where the fields of the generated objects come in their Go structs, for `-o json` (one order
/// for all objects: a roleRef prints `kind` before `apiGroup`, the only difference).
const ROLE_FIELD_ORDER: &[&str] = &["kind", "apiVersion", "metadata", "name", "namespace", "creationTimestamp", "rules", "aggregationRule", "verbs", "apiGroups", "resources", "resourceNames", "nonResourceURLs"];
const BINDING_FIELD_ORDER: &[&str] = &["kind", "apiVersion", "metadata", "apiGroup", "name", "namespace", "creationTimestamp", "subjects", "roleRef"];

/// One `--resource` value: `resource.group/subresource`.
#[derive(Debug, Clone, PartialEq)]
struct ResourceOption {
    group: String,
    resource: String,
    subresource: String,
}

fn one_name(ctx: &mut Ctx, parsed: &Parsed, command: &str) -> Option<String> {
    let names = parsed.positional.len().saturating_sub(1);
    if names != 1 {
        ctx.out.fail(format!("error: exactly one NAME is required, got {names}\nSee 'kubectl create {command} -h' for help and examples\n"));
        return None;
    }
    Some(parsed.positional[1].clone())
}

/// A StringSlice flag's values: each occurrence split at commas.
fn slice(parsed: &Parsed, flag: &str) -> Vec<String> {
    parsed.all(flag).iter().flat_map(|v| v.split(',').map(str::to_string).collect::<Vec<_>>()).filter(|v| !v.is_empty()).collect()
}

fn dedup(items: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// The REST mapper's `ResourceFor`: a resource (plural, singular or short name) in a group (any
/// group when none is given), as (group, plural); `no matches for ...` otherwise.
fn resource_for(resource: &str, group: &str) -> Result<(String, String), String> {
    let found = crate::engine::discovery::RESOURCES.iter().find(|r| {
        let (candidate_group, _) = r.group_version.rsplit_once('/').unwrap_or(("", r.group_version));
        let name_matches = r.name == resource || r.kind.eq_ignore_ascii_case(resource) || r.short_names.contains(&resource);
        name_matches && (group.is_empty() || candidate_group == group)
    });
    match found {
        Some(r) => Ok((r.group_version.rsplit_once('/').map(|(g, _)| g).unwrap_or("").to_string(), r.name.to_string())),
        None => Err(format!("no matches for {group}/, Resource={resource}")),
    }
}

/// `Complete`'s reading of the verbs (`*` alone wins), resources and resource names.
fn rule_options(parsed: &Parsed) -> (Vec<String>, Vec<ResourceOption>, Vec<String>) {
    let mut verbs = Vec::new();
    for verb in slice(parsed, "verb") {
        if verb == "*" {
            verbs = vec!["*".to_string()];
            break;
        }
        if !verbs.contains(&verb) {
            verbs.push(verb);
        }
    }
    let mut resources = Vec::new();
    for text in slice(parsed, "resource") {
        let (base, subresource) = match text.split_once('/') {
            Some((base, sub)) => (base.to_string(), sub.to_string()),
            None => (text.clone(), String::new()),
        };
        let (resource, group) = match base.split_once('.') {
            Some((resource, group)) => (resource.to_string(), group.to_string()),
            None => (base.clone(), String::new()),
        };
        let option = ResourceOption { group, resource, subresource };
        if option.resource == "*" && !base.contains('.') && !text.contains('/') {
            resources = vec![option];
            break;
        }
        resources.push(option);
    }
    (verbs, resources, dedup(parsed.all("resource-name")))
}

/// Mirrors `validateResource`.
fn validate_resources(verbs: &[String], resources: &[ResourceOption]) -> Result<(), String> {
    for option in resources {
        if option.resource.is_empty() {
            return Err("resource must be specified if apiGroup/subresource specified".into());
        }
        if option.resource == "*" {
            return Ok(());
        }
        let mapped = resource_for(&option.resource, &option.group);
        let (group, resource) = mapped.clone().unwrap_or_else(|_| (option.group.clone(), option.resource.clone()));
        let mut error = mapped.err();
        for verb in verbs {
            if let Some((_, allowed)) = SPECIAL_VERBS.iter().find(|(v, _)| v == verb) {
                if !allowed.iter().any(|(g, r)| *g == group && *r == resource) {
                    return Err(format!("can not perform '{verb}' on '{resource}' in group '{group}'"));
                }
                error = None;
            }
        }
        if let Some(error) = error {
            return Err(error);
        }
    }
    Ok(())
}

/// Mirrors `generateResourcePolicyRules`: one rule per API group (groups sorted), resources in
/// the order given, then one rule for the non-resource URLs.
fn policy_rules(verbs: &[String], resources: &[ResourceOption], names: &[String], urls: &[String]) -> Vec<Value> {
    let mut by_group: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
    for option in resources {
        let (group, mut resource) = resource_for(&option.resource, &option.group).unwrap_or_else(|_| (option.group.clone(), option.resource.clone()));
        if !option.subresource.is_empty() {
            resource = format!("{resource}/{}", option.subresource);
        }
        let list = by_group.entry(group).or_default();
        if !list.contains(&resource) {
            list.push(resource);
        }
    }
    let mut rules = Vec::new();
    for (group, resources) in by_group {
        let mut rule = json!({"verbs": verbs, "apiGroups": [group], "resources": resources});
        if !names.is_empty() {
            rule["resourceNames"] = json!(names);
        }
        rules.push(rule);
    }
    if !urls.is_empty() {
        rules.push(json!({"verbs": verbs, "nonResourceURLs": urls}));
    }
    rules
}

fn warn_nonstandard(ctx: &mut Ctx, verbs: &[String]) {
    for verb in verbs {
        if !RESOURCE_VERBS.contains(&verb.as_str()) {
            ctx.out.err(format!("Warning: '{verb}' is not a standard resource verb\n"));
        }
    }
}

fn metadata(parsed: &Parsed, ns: &str, name: &str, namespaced: bool) -> Value {
    let mut metadata = json!({"creationTimestamp": null, "name": name});
    if namespaced && parsed.has("namespace") {
        metadata["namespace"] = Value::String(ns.to_string());
    }
    metadata
}

/// Prints the dry run or creates the object, reporting errors as the generator does.
fn finish(ctx: &mut Ctx, raw: Value, kind: Kind, name: &str, ns: &str, dry_run: Option<&str>, output: Option<&str>) {
    let order = if matches!(kind, Kind::Role | Kind::ClusterRole) { ROLE_FIELD_ORDER } else { BINDING_FIELD_ORDER };
    if let Some(mode) = dry_run {
        return crate::kubectl::apply::print_generated_dry_run_in(ctx, &raw, kind, name, output, mode, order);
    }
    let mut sent = raw;
    sent["metadata"] = if kind.namespaced() { json!({"name": name, "namespace": ns}) } else { json!({"name": name}) };
    crate::kubectl::apply::create_generated(ctx, sent, kind, name, output);
}

/// `kubectl create role NAME --verb=... --resource=... [--resource-name=...]`.
pub fn create_role(ctx: &mut Ctx, parsed: &Parsed, ns: &str, dry_run: Option<&str>, output: Option<&str>) {
    let Some(name) = one_name(ctx, parsed, "role") else { return };
    let (verbs, resources, names) = rule_options(parsed);
    if verbs.is_empty() {
        return ctx.out.fail("error: at least one verb must be specified\n");
    }
    warn_nonstandard(ctx, &verbs);
    if resources.is_empty() {
        return ctx.out.fail("error: at least one resource must be specified\n");
    }
    if let Err(message) = validate_resources(&verbs, &resources) {
        return ctx.out.fail(format!("error: {message}\n"));
    }
    let raw = json!({
        "apiVersion": "rbac.authorization.k8s.io/v1",
        "kind": "Role",
        "metadata": metadata(parsed, ns, &name, true),
        "rules": policy_rules(&verbs, &resources, &names, &[]),
    });
    finish(ctx, raw, Kind::Role, &name, ns, dry_run, output);
}

/// `kubectl create clusterrole NAME --verb=... (--resource=... | --non-resource-url=...)`;
/// `--aggregation-rule` is refused (no aggregation controller runs here).
pub fn create_cluster_role(ctx: &mut Ctx, parsed: &Parsed, ns: &str, dry_run: Option<&str>, output: Option<&str>) {
    let Some(name) = one_name(ctx, parsed, "clusterrole") else { return };
    if parsed.has("aggregation-rule") {
        return ctx.out.fail("error: kubeplay does not run the ClusterRole aggregation controller: create the ClusterRole with --verb and --resource instead of --aggregation-rule\n");
    }
    let urls = dedup(slice(parsed, "non-resource-url"));
    let (verbs, resources, names) = rule_options(parsed);
    if verbs.is_empty() {
        return ctx.out.fail("error: at least one verb must be specified\n");
    }
    if resources.is_empty() && urls.is_empty() {
        return ctx.out.fail("error: one of resource or nonResourceURL must be specified\n");
    }
    if !resources.is_empty() {
        warn_nonstandard(ctx, &verbs);
        if let Err(message) = validate_resources(&verbs, &resources) {
            return ctx.out.fail(format!("error: {message}\n"));
        }
    }
    if !urls.is_empty() {
        if let Some(verb) = verbs.iter().find(|v| !NON_RESOURCE_VERBS.contains(&v.as_str())) {
            return ctx.out.fail(format!("error: invalid verb: '{verb}' for nonResourceURL\n"));
        }
        for url in urls.iter().filter(|u| *u != "*") {
            if !url.starts_with('/') {
                return ctx.out.fail("error: nonResourceURL should start with /\n");
            }
            if url[..url.len() - 1].contains('*') {
                return ctx.out.fail("error: nonResourceURL only supports wildcard matches when '*' is at the end\n");
            }
        }
    }
    let raw = json!({
        "apiVersion": "rbac.authorization.k8s.io/v1",
        "kind": "ClusterRole",
        "metadata": metadata(parsed, ns, &name, false),
        "rules": policy_rules(&verbs, &resources, &names, &urls),
    });
    finish(ctx, raw, Kind::ClusterRole, &name, ns, dry_run, output);
}

/// The subjects of `--user`, `--group` and `--serviceaccount NS:NAME`, in that order.
fn subjects(parsed: &Parsed) -> Result<Vec<Value>, String> {
    let mut subjects = Vec::new();
    for user in parsed.all("user") {
        subjects.push(json!({"kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": user}));
    }
    for group in parsed.all("group") {
        subjects.push(json!({"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": group}));
    }
    for account in parsed.all("serviceaccount") {
        let tokens: Vec<&str> = account.split(':').collect();
        if tokens.len() != 2 || tokens[0].is_empty() || tokens[1].is_empty() {
            return Err("serviceaccount must be <namespace>:<name>".into());
        }
        subjects.push(json!({"kind": "ServiceAccount", "name": tokens[1], "namespace": tokens[0]}));
    }
    Ok(subjects)
}

fn binding(kind: &str, metadata: Value, subjects: Vec<Value>, role_kind: &str, role: &str) -> Value {
    let mut raw = json!({
        "apiVersion": "rbac.authorization.k8s.io/v1",
        "kind": kind,
        "metadata": metadata,
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": role_kind, "name": role},
    });
    if !subjects.is_empty() {
        raw["subjects"] = Value::Array(subjects);
    }
    raw
}

/// `kubectl create rolebinding NAME --clusterrole=NAME|--role=NAME [--user=...] [--group=...]
/// [--serviceaccount=NS:NAME]`.
pub fn create_role_binding(ctx: &mut Ctx, parsed: &Parsed, ns: &str, dry_run: Option<&str>, output: Option<&str>) {
    let Some(name) = one_name(ctx, parsed, "rolebinding") else { return };
    let role = parsed.get("role").unwrap_or("");
    let cluster_role = parsed.get("clusterrole").unwrap_or("");
    if role.is_empty() == cluster_role.is_empty() {
        return ctx.out.fail("error: exactly one of clusterrole or role must be specified\n");
    }
    let subjects = match subjects(parsed) {
        Ok(subjects) => subjects,
        Err(message) => return ctx.out.fail(format!("error: {message}\n")),
    };
    let (role_kind, role_name) = if role.is_empty() { ("ClusterRole", cluster_role) } else { ("Role", role) };
    let raw = binding("RoleBinding", metadata(parsed, ns, &name, true), subjects, role_kind, role_name);
    finish(ctx, raw, Kind::RoleBinding, &name, ns, dry_run, output);
}

/// `kubectl create clusterrolebinding NAME --clusterrole=NAME [--user=...] [--group=...]
/// [--serviceaccount=NS:NAME]`.
pub fn create_cluster_role_binding(ctx: &mut Ctx, parsed: &Parsed, ns: &str, dry_run: Option<&str>, output: Option<&str>) {
    // cobra checks the required flag before the command runs.
    if !parsed.has("clusterrole") {
        return ctx.out.fail("error: required flag(s) \"clusterrole\" not set\n");
    }
    let Some(name) = one_name(ctx, parsed, "clusterrolebinding") else { return };
    let subjects = match subjects(parsed) {
        Ok(subjects) => subjects,
        Err(message) => return ctx.out.fail(format!("error: {message}\n")),
    };
    let raw = binding("ClusterRoleBinding", metadata(parsed, ns, &name, false), subjects, "ClusterRole", parsed.get("clusterrole").unwrap_or(""));
    finish(ctx, raw, Kind::ClusterRoleBinding, &name, ns, dry_run, output);
}
