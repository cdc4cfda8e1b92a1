//! `kubectl auth can-i VERB TYPE[/NAME] | NONRESOURCEURL`: a SelfSubjectAccessReview answered
//! by the RBAC authorizer (`engine::rbac_authorizer`), as the user the line impersonates
//! (`--as`, `--as-group`) or the learner (in `system:masters`: always yes). `--list` prints the
//! SelfSubjectRulesReview's rules. Mirrors kubectl 1.32's pkg/cmd/auth/cani.go (`Complete`,
//! `Validate`, `RunAccessCheck`, `RunAccessList`, `resourceFor`, `printStatus`). Its warnings
//! end in a newline and `WarningPrinter.Print` adds one: a blank line follows each.

use std::fmt::Write as _;

use crate::engine::discovery::{ApiResource, RESOURCES};
use crate::engine::rbac_authorizer::{self, Attributes, UserInfo};
use crate::kubectl::args::{self, boolean, value};
use crate::kubectl::printers::describe_rbac::{breakdown_rule, combine_resource_group, compact_rules, go_list};
use crate::kubectl::printers::tabwriter::{align, TABLE};
use crate::kubectl::{flag_error, Ctx};

const CAN_I_FLAGS: &[args::FlagSpec] = &[
    boolean("all-namespaces", Some('A')),
    boolean("quiet", Some('q')),
    value("subresource", None),
    boolean("list", None),
    boolean("no-headers", None),
];

/// `resourceVerbs` and `nonResourceURLVerbs`: other verbs are warned about.
const RESOURCE_VERBS: &[&str] = &["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "use", "bind", "impersonate", "*", "approve", "sign", "escalate", "attest"];
const NON_RESOURCE_VERBS: &[&str] = &["get", "put", "post", "head", "options", "delete", "patch", "*"];

/// `kubectl auth SUBCOMMAND`.
#[inline(never)]
pub fn auth(ctx: &mut Ctx, words: &[String]) {
    match words.first().map(String::as_str) {
        Some("can-i") => can_i(ctx, &words[1..]),
        Some("whoami") => whoami(ctx, &words[1..]),
        Some(other) => ctx.out.fail(crate::kubectl::help::not_simulated(&format!("auth {other}"))),
        None => ctx.out.fail(crate::kubectl::help::not_simulated("auth")),
    }
}

/// `kubectl auth whoami`: the SelfSubjectReview's user as a table (whoami.go,
/// `printTableSelfSubjectAccessReview`): the learner is minikube's client certificate user;
/// `--as`/`--as-group` show the impersonated user. Other output formats are not simulated.
fn whoami(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, &[value("output", Some('o'))]) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "auth whoami", &message),
    };
    if parsed.has("output") {
        return ctx.out.fail(crate::kubectl::help::not_simulated("auth whoami -o"));
    }
    let user = match parsed.get("as") {
        Some(name) if !name.is_empty() => rbac_authorizer::impersonated(name, &parsed.all("as-group")),
        _ => rbac_authorizer::learner(),
    };
    let text = format!("ATTRIBUTE\tVALUE\nUsername\t{}\nGroups\t{}\n", user.name, go_list(&user.groups));
    ctx.out.out(align(&text, TABLE));
}

/// The served resource a type name means (`resourceFor`: plural, singular, short name or kind,
/// with an optional `.group` or `.version.group`).
fn resource_for(argument: &str) -> Option<&'static ApiResource> {
    let lower = argument.to_ascii_lowercase();
    let group_of = |r: &ApiResource| r.group_version.rsplit_once('/').map(|(g, _)| g).unwrap_or("");
    let find = |name: &str, group: Option<&str>| {
        RESOURCES.iter().find(|r| {
            let names = r.name == name || r.kind.eq_ignore_ascii_case(name) || r.short_names.contains(&name) || r.name.strip_suffix('s') == Some(name);
            names && group.is_none_or(|g| g == group_of(r))
        })
    };
    let parts: Vec<&str> = lower.splitn(3, '.').collect();
    if parts.len() == 3 {
        if let Some(found) = find(parts[0], Some(parts[2])) {
            return Some(found);
        }
    }
    match lower.split_once('.') {
        Some((name, group)) => find(name, Some(group)),
        None => find(&lower, None),
    }
}

fn can_i(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, CAN_I_FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "auth can-i", &message),
    };
    let user = match parsed.get("as") {
        Some(name) if !name.is_empty() => rbac_authorizer::impersonated(name, &parsed.all("as-group")),
        _ => rbac_authorizer::learner(),
    };
    let all_namespaces = parsed.bool("all-namespaces");
    let namespace = if all_namespaces { String::new() } else { crate::kubectl::get::namespace(&parsed) };
    if parsed.bool("list") {
        if !parsed.positional.is_empty() {
            return ctx.out.fail("error: list option must be specified with no arguments\n");
        }
        if parsed.bool("quiet") || all_namespaces || parsed.has("subresource") {
            return ctx.out.fail("error: list option can't be specified with neither quiet, all-namespaces nor subresource options\n");
        }
        return list(ctx, &user, &namespace, parsed.bool("no-headers"));
    }
    if parsed.positional.len() != 2 {
        return ctx.out.fail("error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n");
    }
    let verb = parsed.positional[0].clone();
    let target = &parsed.positional[1];
    let subresource = parsed.get("subresource").unwrap_or("").to_string();
    let mut request = Attributes { verb: verb.clone(), namespace: namespace.clone(), subresource: subresource.clone(), ..Default::default() };
    if target.starts_with('/') {
        if !subresource.is_empty() {
            return ctx.out.fail("error: --subresource can not be used with NonResourceURL\n");
        }
        if !NON_RESOURCE_VERBS.contains(&verb.as_str()) {
            ctx.out.err(format!("Warning: verb '{verb}' is not a known verb\n\n"));
        }
        request = Attributes { verb: verb.clone(), path: Some(target.clone()), ..Default::default() };
    } else {
        let (type_name, name) = target.split_once('/').map(|(t, n)| (t, n.to_string())).unwrap_or((target.as_str(), String::new()));
        request.name = name;
        let mut served = None;
        if type_name == "*" {
            request.resource = "*".into();
        } else if let Some(found) = resource_for(type_name) {
            request.resource = found.name.to_string();
            request.api_group = found.group_version.rsplit_once('/').map(|(g, _)| g.to_string()).unwrap_or_default();
            served = Some(found);
        } else {
            let lower = type_name.to_ascii_lowercase();
            let (resource, group) = lower.split_once('.').unwrap_or((lower.as_str(), ""));
            if !matches!(lower.as_str(), "users" | "groups") {
                match group {
                    "" => ctx.out.err(format!("Warning: the server doesn't have a resource type '{resource}'\n\n")),
                    group => ctx.out.err(format!("Warning: the server doesn't have a resource type '{resource}' in group '{group}'\n\n")),
                }
            }
            request.resource = type_name.to_string();
        }
        if !all_namespaces {
            if let Some(found) = served.filter(|r| !r.namespaced) {
                match request.api_group.as_str() {
                    "" => ctx.out.err(format!("Warning: resource '{}' is not namespace scoped\n\n", found.name)),
                    group => ctx.out.err(format!("Warning: resource '{}' is not namespace scoped in group '{group}'\n\n", found.name)),
                }
            }
            if !RESOURCE_VERBS.contains(&verb.as_str()) {
                ctx.out.err(format!("Warning: verb '{verb}' is not a known verb\n\n"));
            }
        }
    }
    let decision = rbac_authorizer::authorize(ctx.cluster, &user, &request);
    let quiet = parsed.bool("quiet");
    if decision.allowed {
        if !quiet {
            ctx.out.out("yes\n");
        }
        return;
    }
    if !quiet {
        let reason = if decision.reason.is_empty() { String::new() } else { format!(" - {}", decision.reason) };
        ctx.out.out(format!("no{reason}\n"));
    }
    ctx.out.exit_code = 1;
}

/// Mirrors `RunAccessList` and `printStatus`: the rules broken down, compacted and sorted, as
/// `describe role` prints them.
fn list(ctx: &mut Ctx, user: &UserInfo, namespace: &str, no_headers: bool) {
    let (mut rules, errors) = rbac_authorizer::rules_for(ctx.cluster, user, namespace);
    if !errors.is_empty() {
        let error = if errors.len() == 1 { errors[0].clone() } else { format!("[{}]", errors.join(", ")) };
        ctx.out.err(format!("Warning: the list may be incomplete: {error}\n"));
    }
    // A SelfSubjectRulesReview reports resource rules before non-resource ones.
    rules.sort_by_key(|rule| !rule.non_resource_urls.is_empty());
    let broken: Vec<_> = rules.iter().flat_map(breakdown_rule).collect();
    let mut text = String::new();
    if !no_headers {
        text.push_str("Resources\tNon-Resource URLs\tResource Names\tVerbs\n");
    }
    for rule in compact_rules(&broken) {
        let _ = writeln!(text, "{}\t{}\t{}\t{}", combine_resource_group(&rule.resources, &rule.api_groups), go_list(&rule.non_resource_urls), go_list(&rule.resource_names), go_list(&rule.verbs));
    }
    ctx.out.out(align(&text, TABLE));
}
