//! `kubectl describe role|clusterrole|rolebinding|clusterrolebinding`, ported from kubectl 1.32
//! (pkg/describe/describe.go: `RoleDescriber`, `ClusterRoleDescriber`, `CombineResourceGroup`,
//! `RoleBindingDescriber`, `ClusterRoleBindingDescriber`) and the rule helpers of
//! pkg/util/rbac/rbac.go (`BreakdownRule`, `CompactRules`, `SortableRuleSlice`). No Events
//! section, as the real describers.

use std::fmt::Write as _;

use crate::engine::api::meta::ObjectMeta;
use crate::engine::api::rbac::{PolicyRule, RoleRef, Subject};
use crate::kubectl::printers::describe::{annotations_multiline, labels_multiline};
use crate::kubectl::printers::tabwriter::{align, DESCRIBE};

/// Mirrors `RoleDescriber` and `ClusterRoleDescriber`: the rules broken down, compacted and
/// sorted, one row per resource (with its group) or non-resource URL.
pub fn role(meta: &ObjectMeta, rules: &[PolicyRule]) -> String {
    let mut w = String::new();
    let _ = writeln!(w, "Name:\t{}", meta.name);
    labels_multiline(&mut w, "Labels", &meta.labels);
    annotations_multiline(&mut w, "Annotations", &meta.annotations);
    w.push_str("PolicyRule:\n");
    w.push_str("  Resources\tNon-Resource URLs\tResource Names\tVerbs\n");
    w.push_str("  ---------\t-----------------\t--------------\t-----\n");
    for rule in compact_rules(&rules.iter().flat_map(breakdown_rule).collect::<Vec<_>>()) {
        let _ = writeln!(
            w,
            "  {}\t{}\t{}\t{}",
            combine_resource_group(&rule.resources, &rule.api_groups),
            go_list(&rule.non_resource_urls),
            go_list(&rule.resource_names),
            go_list(&rule.verbs)
        );
    }
    align(&w, DESCRIBE)
}

/// Mirrors `RoleBindingDescriber` and `ClusterRoleBindingDescriber`.
pub fn binding(meta: &ObjectMeta, role_ref: &RoleRef, subjects: &[Subject]) -> String {
    let mut w = String::new();
    let _ = writeln!(w, "Name:\t{}", meta.name);
    labels_multiline(&mut w, "Labels", &meta.labels);
    annotations_multiline(&mut w, "Annotations", &meta.annotations);
    w.push_str("Role:\n");
    let _ = writeln!(w, "  Kind:\t{}", role_ref.kind);
    let _ = writeln!(w, "  Name:\t{}", role_ref.name);
    w.push_str("Subjects:\n");
    w.push_str("  Kind\tName\tNamespace\n");
    w.push_str("  ----\t----\t---------\n");
    for subject in subjects {
        let _ = writeln!(w, "  {}\t{}\t{}", subject.kind, subject.name, subject.namespace);
    }
    align(&w, DESCRIBE)
}

/// Go's `%v` of a `[]string`: `[a b]`.
pub fn go_list(items: &[String]) -> String {
    format!("[{}]", items.join(" "))
}

/// Mirrors `CombineResourceGroup`: `resource.group/subresource` of the first resource and group.
pub fn combine_resource_group(resources: &[String], groups: &[String]) -> String {
    let Some(first) = resources.first() else { return String::new() };
    let (resource, subresource) = match first.split_once('/') {
        Some((resource, sub)) => (resource, Some(sub)),
        None => (first.as_str(), None),
    };
    let mut combined = resource.to_string();
    if let Some(group) = groups.first().filter(|g| !g.is_empty()) {
        combined = format!("{combined}.{group}");
    }
    if let Some(sub) = subresource {
        combined = format!("{combined}/{sub}");
    }
    combined
}

/// Mirrors `BreakdownRule`: one rule per group, resource, verb (and name), then per URL and verb.
pub fn breakdown_rule(rule: &PolicyRule) -> Vec<PolicyRule> {
    let one = |s: &String| vec![s.clone()];
    let mut subrules = Vec::new();
    for group in &rule.api_groups {
        for resource in &rule.resources {
            for verb in &rule.verbs {
                if rule.resource_names.is_empty() {
                    subrules.push(PolicyRule { api_groups: one(group), resources: one(resource), verbs: one(verb), ..Default::default() });
                }
                for name in &rule.resource_names {
                    subrules.push(PolicyRule { api_groups: one(group), resources: one(resource), verbs: one(verb), resource_names: one(name), ..Default::default() });
                }
            }
        }
    }
    for url in &rule.non_resource_urls {
        for verb in &rule.verbs {
            subrules.push(PolicyRule { non_resource_urls: one(url), verbs: one(verb), ..Default::default() });
        }
    }
    subrules
}

/// Mirrors `CompactRules` then `sort.Stable(SortableRuleSlice)`: rules on one resource of one
/// group (and at most one name) merged, their verbs in first-seen order; sorted by the
/// rules' `String()` (`&PolicyRule{Verbs:[...],APIGroups:[...],...}`).
pub fn compact_rules(rules: &[PolicyRule]) -> Vec<PolicyRule> {
    let mut compacted: Vec<PolicyRule> = Vec::new();
    // (group, resource, name) of each simple rule, with the rule its verbs are merged into.
    type Simple = ((String, String, Option<String>), PolicyRule);
    let mut simple: Vec<Simple> = Vec::new();
    for rule in rules {
        let is_simple = rule.resource_names.len() <= 1 && rule.non_resource_urls.is_empty() && rule.api_groups.len() == 1 && rule.resources.len() == 1;
        if !is_simple {
            compacted.push(rule.clone());
            continue;
        }
        let key = (rule.api_groups[0].clone(), rule.resources[0].clone(), rule.resource_names.first().cloned());
        match simple.iter_mut().find(|(k, _)| *k == key) {
            Some((_, existing)) => {
                for verb in &rule.verbs {
                    if !existing.verbs.contains(verb) {
                        existing.verbs.push(verb.clone());
                    }
                }
            }
            None => simple.push((key, rule.clone())),
        }
    }
    compacted.extend(simple.into_iter().map(|(_, rule)| rule));
    compacted.sort_by_cached_key(rule_string);
    compacted
}

/// The generated `PolicyRule.String()`.
fn rule_string(rule: &PolicyRule) -> String {
    format!(
        "&PolicyRule{{Verbs:{},APIGroups:{},Resources:{},ResourceNames:{},NonResourceURLs:{},}}",
        go_list(&rule.verbs),
        go_list(&rule.api_groups),
        go_list(&rule.resources),
        go_list(&rule.resource_names),
        go_list(&rule.non_resource_urls)
    )
}
