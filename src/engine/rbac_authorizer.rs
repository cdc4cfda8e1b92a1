//! The RBAC authorizer: whether a user may do a request, by the rules of the roles bound to it.
//! Mirrors `RBACAuthorizer.Authorize` and `RuleAllows` (plugin/pkg/auth/authorizer/rbac/rbac.go),
//! `DefaultRuleResolver.VisitRulesFor` and `appliesTo` (pkg/registry/rbac/validation/
//! rule.go) and the matching helpers of pkg/apis/rbac/v1/evaluation_helpers.go. Members of
//! `system:masters` are allowed everything before RBAC is asked, as the apiserver's privileged
//! group authorizer does.

use crate::engine::api::rbac::{PolicyRule, RoleRef, Subject};
use crate::engine::store::Key;
use crate::engine::Cluster;

/// `user.Info`: a name and its groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserInfo {
    pub name: String,
    pub groups: Vec<String>,
}

/// The learner's kubeconfig user: minikube's client certificate, in `system:masters`.
pub fn learner() -> UserInfo {
    UserInfo { name: "minikube-user".into(), groups: vec!["system:masters".into(), "system:authenticated".into()] }
}

/// The user an impersonating request (`--as`, `--as-group`) acts as, with the groups the
/// impersonation filter adds: a service account's (`system:serviceaccounts`,
/// `system:serviceaccounts:NS`) when no group is given, and `system:authenticated` unless that
/// or `system:unauthenticated` is among them (none for `system:anonymous`).
pub fn impersonated(name: &str, groups: &[String]) -> UserInfo {
    let mut all: Vec<String> = groups.to_vec();
    if all.is_empty() {
        if let Some(namespace) = name.strip_prefix("system:serviceaccount:").and_then(|rest| rest.split_once(':')).map(|(ns, _)| ns) {
            all = vec!["system:serviceaccounts".into(), format!("system:serviceaccounts:{namespace}")];
        }
    }
    if name == "system:anonymous" {
        if !all.iter().any(|g| g == "system:unauthenticated") {
            all.push("system:unauthenticated".into());
        }
    } else if !all.iter().any(|g| g == "system:authenticated" || g == "system:unauthenticated") {
        all.push("system:authenticated".into());
    }
    UserInfo { name: name.into(), groups: all }
}

/// `authorizer.Attributes`: a resource request (verb, group, resource, subresource, name, in a
/// namespace or none) or a non-resource one (verb and path).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attributes {
    pub verb: String,
    pub namespace: String,
    pub api_group: String,
    pub resource: String,
    pub subresource: String,
    pub name: String,
    /// Set for a non-resource request (`/healthz`).
    pub path: Option<String>,
}

/// The decision: allowed, or not with the reason RBAC gives (roles that bindings name and that
/// do not exist, `RBAC: role.rbac.authorization.k8s.io "x" not found`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub allowed: bool,
    pub reason: String,
}

/// The user a kubectl command impersonates (`--as`, `--as-group`), whose writes the apiserver
/// authorizes; with the verb its updates use (`patch` for kubectl's, `update` for `replace`) and
/// the subresource (`scale` for `kubectl scale`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acting {
    pub user: UserInfo,
    pub update_verb: &'static str,
    pub subresource: &'static str,
}

/// `forbiddenMessage` wrapped as `NewForbidden` words it: `pods "web" is forbidden: User "jane"
/// cannot get resource "pods" in API group "" in the namespace "default"` (no name for a
/// create or a list).
pub fn forbidden_message(user: &UserInfo, attributes: &Attributes, qualified: &str, reason: &str) -> String {
    let resource = if attributes.subresource.is_empty() { attributes.resource.clone() } else { format!("{}/{}", attributes.resource, attributes.subresource) };
    let scope = if attributes.namespace.is_empty() { "at the cluster scope".to_string() } else { format!("in the namespace {:?}", attributes.namespace) };
    let mut message = format!("User {:?} cannot {} resource {:?} in API group {:?} {scope}", user.name, attributes.verb, resource, attributes.api_group);
    if !reason.is_empty() {
        message = format!("{message}: {reason}");
    }
    if attributes.name.is_empty() {
        format!("{qualified} is forbidden: {message}")
    } else {
        format!("{qualified} {:?} is forbidden: {message}", attributes.name)
    }
}

/// Mirrors the union of the privileged group authorizer and `RBACAuthorizer.Authorize`.
pub fn authorize(cluster: &Cluster, user: &UserInfo, request: &Attributes) -> Decision {
    if user.groups.iter().any(|g| g == "system:masters") {
        return Decision { allowed: true, reason: String::new() };
    }
    let mut errors: Vec<String> = Vec::new();
    let mut allowed = false;
    visit_rules_for(cluster, user, &request.namespace, &mut |rule, error| {
        if let Some(error) = error {
            errors.push(error);
        }
        if let Some(rule) = rule {
            if rule_allows(request, rule) {
                allowed = true;
                return false;
            }
        }
        true
    });
    if allowed {
        return Decision { allowed: true, reason: String::new() };
    }
    let reason = match errors.len() {
        0 => String::new(),
        1 => format!("RBAC: {}", errors[0]),
        _ => {
            let mut seen = Vec::new();
            for error in errors {
                if !seen.contains(&error) {
                    seen.push(error);
                }
            }
            if seen.len() == 1 {
                format!("RBAC: {}", seen[0])
            } else {
                format!("RBAC: [{}]", seen.join(", "))
            }
        }
    };
    Decision { allowed: false, reason }
}

/// Mirrors `RulesFor` (what a SelfSubjectRulesReview answers): every rule granted to the user
/// in the namespace, and the errors met (roles that bindings name and that do not exist).
pub fn rules_for(cluster: &Cluster, user: &UserInfo, namespace: &str) -> (Vec<PolicyRule>, Vec<String>) {
    let (mut rules, mut errors) = (Vec::new(), Vec::new());
    visit_rules_for(cluster, user, namespace, &mut |rule, error| {
        rules.extend(rule.cloned());
        errors.extend(error);
        true
    });
    (rules, errors)
}

/// Mirrors `VisitRulesFor`: the rules of the ClusterRoles that ClusterRoleBindings grant the
/// user, then (with a namespace) those the namespace's RoleBindings grant. The visitor returns
/// false to stop.
fn visit_rules_for(cluster: &Cluster, user: &UserInfo, namespace: &str, visit: &mut dyn FnMut(Option<&PolicyRule>, Option<String>) -> bool) {
    let store = cluster.store();
    for binding in store.cluster_role_bindings.iter() {
        if !applies_to(user, &binding.subjects, "") {
            continue;
        }
        if !visit_role(cluster, &binding.role_ref, "", visit) {
            return;
        }
    }
    if namespace.is_empty() {
        return;
    }
    for binding in store.role_bindings.in_namespace(namespace) {
        if !applies_to(user, &binding.subjects, namespace) {
            continue;
        }
        if !visit_role(cluster, &binding.role_ref, namespace, visit) {
            return;
        }
    }
}

/// Mirrors `GetRoleReferenceRules`, feeding each rule (or the lookup's error) to the visitor.
fn visit_role(cluster: &Cluster, role_ref: &RoleRef, namespace: &str, visit: &mut dyn FnMut(Option<&PolicyRule>, Option<String>) -> bool) -> bool {
    let store = cluster.store();
    let rules = match role_ref.kind.as_str() {
        "Role" => store.roles.get(&Key::new(namespace, &role_ref.name)).map(|r| r.rules.clone()).ok_or_else(|| format!("role.rbac.authorization.k8s.io {:?} not found", role_ref.name)),
        "ClusterRole" => store.cluster_roles.get(&Key::new("", &role_ref.name)).map(|r| r.rules.clone()).ok_or_else(|| format!("clusterrole.rbac.authorization.k8s.io {:?} not found", role_ref.name)),
        other => Err(format!("unsupported role reference kind: {other:?}")),
    };
    match rules {
        Ok(rules) => rules.iter().all(|rule| visit(Some(rule), None)),
        Err(error) => visit(None, Some(error)),
    }
}

/// Mirrors `appliesTo` / `appliesToUser`: a User by name, a Group the user is in, a
/// ServiceAccount by its user name (its namespace defaulting to the binding's).
pub fn applies_to(user: &UserInfo, subjects: &[Subject], namespace: &str) -> bool {
    subjects.iter().any(|subject| match subject.kind.as_str() {
        "User" => user.name == subject.name,
        "Group" => user.groups.contains(&subject.name),
        "ServiceAccount" => {
            let namespace = if subject.namespace.is_empty() { namespace } else { &subject.namespace };
            !namespace.is_empty() && user.name == format!("system:serviceaccount:{namespace}:{}", subject.name)
        }
        _ => false,
    })
}

/// Mirrors `RuleAllows`.
pub fn rule_allows(request: &Attributes, rule: &PolicyRule) -> bool {
    if let Some(path) = &request.path {
        return verb_matches(rule, &request.verb) && non_resource_url_matches(rule, path);
    }
    let combined = if request.subresource.is_empty() { request.resource.clone() } else { format!("{}/{}", request.resource, request.subresource) };
    verb_matches(rule, &request.verb)
        && api_group_matches(rule, &request.api_group)
        && resource_matches(rule, &combined, &request.subresource)
        && resource_name_matches(rule, &request.name)
}

/// Mirrors `VerbMatches`.
pub fn verb_matches(rule: &PolicyRule, verb: &str) -> bool {
    rule.verbs.iter().any(|v| v == "*" || v == verb)
}

/// Mirrors `APIGroupMatches`.
pub fn api_group_matches(rule: &PolicyRule, group: &str) -> bool {
    rule.api_groups.iter().any(|g| g == "*" || g == group)
}

/// Mirrors `ResourceMatches`: `*`, the exact `resource/subresource`, or `*/subresource`.
pub fn resource_matches(rule: &PolicyRule, combined: &str, subresource: &str) -> bool {
    rule.resources.iter().any(|r| {
        r == "*" || r == combined || (!subresource.is_empty() && r.len() == subresource.len() + 2 && r.starts_with("*/") && r.ends_with(subresource))
    })
}

/// Mirrors `ResourceNameMatches`: no names means every name.
pub fn resource_name_matches(rule: &PolicyRule, name: &str) -> bool {
    rule.resource_names.is_empty() || rule.resource_names.iter().any(|n| n == name)
}

/// Mirrors `NonResourceURLMatches`: `*`, the exact path, or a prefix ending in `*`.
pub fn non_resource_url_matches(rule: &PolicyRule, path: &str) -> bool {
    rule.non_resource_urls.iter().any(|u| u == "*" || u == path || (u.ends_with('*') && path.starts_with(u.trim_end_matches('*'))))
}

/// Mirrors `rbac.SubjectsStrings`: users, groups and service accounts (`namespace/name`), for
/// display.
pub fn subjects_strings(subjects: &[Subject]) -> (Vec<String>, Vec<String>, Vec<String>) {
    let (mut users, mut groups, mut accounts) = (Vec::new(), Vec::new(), Vec::new());
    for subject in subjects {
        match subject.kind.as_str() {
            "ServiceAccount" => accounts.push(format!("{}/{}", subject.namespace, subject.name)),
            "User" => users.push(subject.name.clone()),
            "Group" => groups.push(subject.name.clone()),
            _ => {}
        }
    }
    (users, groups, accounts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(verbs: &[&str], groups: &[&str], resources: &[&str], names: &[&str]) -> PolicyRule {
        let list = |items: &[&str]| items.iter().map(|s| s.to_string()).collect();
        PolicyRule { verbs: list(verbs), api_groups: list(groups), resources: list(resources), resource_names: list(names), non_resource_urls: Vec::new() }
    }

    fn request(verb: &str, group: &str, resource: &str, subresource: &str, name: &str) -> Attributes {
        Attributes { verb: verb.into(), api_group: group.into(), resource: resource.into(), subresource: subresource.into(), name: name.into(), ..Default::default() }
    }

    #[test]
    fn rules_match_as_the_rbac_authorizer_matches_them() {
        let cases = [
            (rule(&["get"], &[""], &["pods"], &[]), request("get", "", "pods", "", ""), true),
            (rule(&["get"], &[""], &["pods"], &[]), request("list", "", "pods", "", ""), false),
            (rule(&["*"], &[""], &["pods"], &[]), request("delete", "", "pods", "", ""), true),
            (rule(&["get"], &["apps"], &["pods"], &[]), request("get", "", "pods", "", ""), false),
            (rule(&["get"], &["*"], &["deployments"], &[]), request("get", "apps", "deployments", "", ""), true),
            (rule(&["get"], &[""], &["*"], &[]), request("get", "", "secrets", "", ""), true),
            // A subresource is matched as `resource/subresource` or `*/subresource`.
            (rule(&["get"], &[""], &["pods"], &[]), request("get", "", "pods", "log", ""), false),
            (rule(&["get"], &[""], &["pods/log"], &[]), request("get", "", "pods", "log", ""), true),
            (rule(&["get"], &[""], &["*/log"], &[]), request("get", "", "pods", "log", ""), true),
            (rule(&["get"], &[""], &["*/log"], &[]), request("get", "", "pods", "", ""), false),
            (rule(&["get"], &[""], &["*/logs"], &[]), request("get", "", "pods", "log", ""), false),
            (rule(&["get"], &[""], &["pods/log"], &[]), request("get", "", "pods", "", ""), false),
            // Resource names narrow a rule; a request without a name matches only a rule without names.
            (rule(&["get"], &[""], &["pods"], &["web"]), request("get", "", "pods", "", "web"), true),
            (rule(&["get"], &[""], &["pods"], &["web"]), request("get", "", "pods", "", "db"), false),
            (rule(&["list"], &[""], &["pods"], &["web"]), request("list", "", "pods", "", ""), false),
            (rule(&["get"], &[""], &["pods"], &[]), request("get", "", "pods", "", "any"), true),
        ];
        for (rule, request, expected) in cases {
            assert_eq!(rule_allows(&request, &rule), expected, "{rule:?} {request:?}");
        }
    }

    #[test]
    fn non_resource_urls_match_exactly_or_by_a_star_prefix() {
        let rule = PolicyRule { verbs: vec!["get".into()], non_resource_urls: vec!["/healthz".into(), "/logs/*".into()], ..Default::default() };
        let at = |path: &str| Attributes { verb: "get".into(), path: Some(path.into()), ..Default::default() };
        assert!(rule_allows(&at("/healthz"), &rule));
        assert!(!rule_allows(&at("/healthz/ready"), &rule));
        assert!(rule_allows(&at("/logs/kube.log"), &rule));
        assert!(rule_allows(&at("/logs/"), &rule));
        assert!(!rule_allows(&at("/metrics"), &rule));
    }

    #[test]
    fn impersonation_adds_the_groups_the_apiserver_adds() {
        assert_eq!(impersonated("jane", &[]).groups, vec!["system:authenticated"]);
        assert_eq!(impersonated("system:serviceaccount:dev:bot", &[]).groups, vec!["system:serviceaccounts", "system:serviceaccounts:dev", "system:authenticated"]);
        assert_eq!(impersonated("jane", &["ops".to_string()]).groups, vec!["ops", "system:authenticated"]);
        assert_eq!(impersonated("system:anonymous", &[]).groups, vec!["system:unauthenticated"]);
    }

    #[test]
    fn service_account_subjects_default_to_the_binding_namespace() {
        let bot = impersonated("system:serviceaccount:dev:bot", &[]);
        let subject = Subject { kind: "ServiceAccount".into(), name: "bot".into(), ..Default::default() };
        assert!(applies_to(&bot, std::slice::from_ref(&subject), "dev"));
        assert!(!applies_to(&bot, std::slice::from_ref(&subject), "prod"));
        assert!(!applies_to(&bot, std::slice::from_ref(&subject), ""));
        let group = Subject { kind: "Group".into(), name: "system:serviceaccounts:dev".into(), ..Default::default() };
        assert!(applies_to(&bot, &[group], "prod"));
    }
}
