//! `kubectl api-resources`, `api-versions` and `get --raw`, from the engine's discovery.

use crate::engine::discovery::{group_versions, raw, RESOURCES};
use crate::kubectl::args::{self, boolean, value, FlagSpec};
use crate::kubectl::printers::table::layout;
use crate::kubectl::{flag_error, Ctx};

const API_RESOURCES_FLAGS: &[FlagSpec] = &[value("output", Some('o')), value("api-group", None), boolean("namespaced", None), boolean("no-headers", None), value("verbs", None), value("sort-by", None), boolean("cached", None), value("categories", None)];

/// `kubectl api-resources`.
#[inline(never)]
pub fn api_resources(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, API_RESOURCES_FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "api-resources", &message),
    };
    // APIResourceOptions.Validate (kubectl/pkg/cmd/apiresources/apiresources.go).
    if !parsed.positional.is_empty() {
        return ctx.out.fail(format!("error: unexpected arguments: [{}]\nSee 'kubectl api-resources -h' for help and examples\n", parsed.positional.join(" ")));
    }
    let group_filter = parsed.get("api-group").map(str::to_string);
    let namespaced_filter = parsed.get("namespaced").map(|v| v == "true");
    let verbs: Vec<String> = parsed.get("verbs").map(|v| v.split(',').map(str::to_string).collect()).unwrap_or_default();
    let wide = parsed.get("output") == Some("wide");
    let names_only = parsed.get("output") == Some("name");
    let mut lines = Vec::new();
    if !parsed.bool("no-headers") && !names_only {
        let mut header: Vec<String> = ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"].iter().map(|s| s.to_string()).collect();
        if wide {
            header.extend(["VERBS".to_string(), "CATEGORIES".to_string()]);
        }
        lines.push(header);
    }
    for resource in RESOURCES {
        let group = resource.group_version.rsplit_once('/').map(|(g, _)| g).unwrap_or("");
        if group_filter.as_ref().is_some_and(|g| g != group) {
            continue;
        }
        if namespaced_filter.is_some_and(|n| n != resource.namespaced) {
            continue;
        }
        if !verbs.iter().all(|v| resource.verbs.contains(&v.as_str())) {
            continue;
        }
        if names_only {
            let name = if group.is_empty() { resource.name.to_string() } else { format!("{}.{group}", resource.name) };
            ctx.out.out(format!("{name}\n"));
            continue;
        }
        let mut row = vec![resource.name.to_string(), resource.short_names.join(","), resource.group_version.to_string(), resource.namespaced.to_string(), resource.kind.to_string()];
        if wide {
            row.push(format!("[{}]", resource.verbs.join(" ")));
            row.push(if ["pods", "deployments", "replicasets", "services", "daemonsets", "statefulsets", "jobs", "cronjobs", "replicationcontrollers"].contains(&resource.name) { "all".to_string() } else { String::new() });
        }
        lines.push(row);
    }
    if !names_only {
        ctx.out.out(layout(&lines));
    }
}

/// `kubectl api-versions`.
#[inline(never)]
pub fn api_versions(ctx: &mut Ctx, words: &[String]) {
    // APIVersionsOptions.Complete (kubectl/pkg/cmd/apiresources/apiversions.go); its only flags
    // are the global ones, which the dispatcher has checked.
    let extra = args::parse(words, &[]).map(|parsed| parsed.positional).unwrap_or_default();
    if !extra.is_empty() {
        return ctx.out.fail(format!("error: unexpected arguments: [{}]\nSee 'kubectl api-versions -h' for help and examples\n", extra.join(" ")));
    }
    for version in group_versions() {
        ctx.out.out(format!("{version}\n"));
    }
}

/// `kubectl get --raw PATH`: the server's JSON, compact, as served.
pub fn get_raw(ctx: &mut Ctx, path: &str) {
    match raw(ctx.cluster, path) {
        Ok(value) => ctx.out.out(format!("{}\n", crate::engine::wire_json::compact(&value))),
        Err(message) if message == "ok" => ctx.out.out("ok"),
        Err(message) => ctx.out.fail(format!("Error from server (NotFound): {message}\n")),
    }
}
