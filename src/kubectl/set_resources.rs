//! `kubectl set resources`, ported from kubectl 1.32 (pkg/cmd/set/set_resources.go): the
//! requests and limits of the selected containers of objects with a pod template, patched in
//! (a patch that changes nothing is not sent and prints nothing).

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::engine::store::Obj;
use crate::kubectl::args::Parsed;
use crate::kubectl::get::namespace;
use crate::kubectl::mutate::{send_and_print, targets, with_template, Unchanged};
use crate::kubectl::printers::print_flags;
use crate::kubectl::{objects, Ctx};

/// Mirrors `populateResourceListV1`: `cpu=200m,memory=512Mi` as a resource list, each value
/// parsed (`resource.ParseQuantity`) and kept in its canonical text.
fn resource_list(spec: &str) -> Result<BTreeMap<String, serde_json::Value>, String> {
    let mut list = BTreeMap::new();
    if spec.is_empty() {
        return Ok(list);
    }
    for statement in spec.split(',') {
        let parts: Vec<&str> = statement.split('=').collect();
        if parts.len() != 2 {
            return Err(format!("Invalid argument syntax {statement}, expected <resource>=<value>"));
        }
        let Some(quantity) = crate::engine::api::quantity::Quantity::parse(parts[1]) else {
            return Err("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'".to_string());
        };
        list.insert(parts[0].to_string(), quantity.to_json());
    }
    Ok(list)
}

/// Mirrors kubectl's `selectString`: `*` wildcards, matched left to right without backtracking.
pub fn select_string(name: &str, spec: &str) -> bool {
    if spec == "*" {
        return true;
    }
    if !spec.contains('*') {
        return name == spec;
    }
    let parts: Vec<&str> = spec.split('*').collect();
    let mut pos = 0usize;
    for (index, part) in parts.iter().enumerate() {
        if part.is_empty() {
            continue;
        }
        // `strings.Index(s[pos:], part)`: relative to pos, compared as the Go code does.
        let next = name.get(pos..).and_then(|rest| rest.find(part)).map_or(-1, |n| n as isize);
        if next < pos as isize || (index == 0 && pos != 0) || (index == parts.len() - 1 && name.len() as isize != part.len() as isize + next) {
            return false;
        }
        pos = next as usize;
    }
    true
}

/// Mirrors `SetResourcesOptions.Complete`, `Validate` and `Run`.
pub fn set_resources(ctx: &mut Ctx, parsed: &Parsed) {
    let Ok(output) = print_flags::output_or_fail(ctx, parsed) else { return };
    let ns = namespace(parsed);
    let Some((found, _)) = targets(ctx, &parsed.positional, &ns) else { return };
    if parsed.bool("all") && parsed.has("selector") {
        return ctx.out.fail("error: cannot set --all and --selector at the same time\n");
    }
    let (limits_text, requests_text) = (parsed.get("limits").unwrap_or(""), parsed.get("requests").unwrap_or(""));
    if limits_text.is_empty() && requests_text.is_empty() {
        return ctx.out.fail("error: you must specify an update to requests or limits (in the form of --requests/--limits)\n");
    }
    let (limits, requests) = match (resource_list(limits_text), resource_list(requests_text)) {
        (Ok(limits), Ok(requests)) => (limits, requests),
        (Err(message), _) | (_, Err(message)) => return ctx.out.fail(format!("error: {message}\n")),
    };
    let selector = parsed.get("containers").unwrap_or("*").to_string();
    let mut errors = Vec::new();
    for (resource, object) in found {
        let name = objects::meta(&object).name.clone();
        let mut matched = false;
        let change = |containers: &mut dyn Iterator<Item = &mut crate::engine::api::pod::Container>, matched: &mut bool| {
            for container in containers.filter(|c| select_string(&c.name, &selector)) {
                *matched = true;
                let resources = container.resources.get_or_insert_with(Default::default);
                resources.limits.extend(limits.iter().map(|(k, v)| (k.clone(), v.clone())));
                resources.requests.extend(requests.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
        };
        let updated = match &object {
            // `UpdatePodSpecForObject` takes a pod's own spec.
            Obj::Pod(pod) => {
                let mut pod = (**pod).clone();
                let spec = Rc::make_mut(&mut pod.spec);
                change(&mut spec.containers.iter_mut().chain(spec.init_containers.iter_mut()), &mut matched);
                pod.metadata.resource_version.clear();
                Some(Obj::Pod(Rc::new(pod)))
            }
            _ => with_template(&object, |template| change(&mut template.spec.containers.iter_mut().chain(template.spec.init_containers.iter_mut()), &mut matched)),
        };
        let Some(updated) = updated else {
            // `Info.ObjectName()`: the plural resource and the name.
            errors.push(format!("error: {}/{name} the object is not a pod or does not have a pod template: {}\n", resource.plural, go_type(resource.kind)));
            continue;
        };
        if !matched {
            errors.push(format!("error: unable to find container named {selector}\n"));
            continue;
        }
        // CalculatePatches: an object the change leaves as it was makes no request.
        if unchanged(&object, &updated) {
            continue;
        }
        if let Err(error) = send_and_print(ctx, parsed, output.as_deref(), &object, updated, &format!("{}/{name}", resource.qualified()), "resource requirements updated", Unchanged::Printed) {
            errors.push(format!("error: failed to patch resources update to pod template {}\n", error.status_message(resource.kind)));
        }
    }
    for error in errors {
        ctx.out.fail(error);
    }
}

/// Whether the pod template (or pod spec) came out the same.
fn unchanged(before: &Obj, after: &Obj) -> bool {
    crate::engine::objects::to_json(before).get("spec") == crate::engine::objects::to_json(after).get("spec")
}

/// The Go type `%T` names in `UpdatePodSpecForObject`'s refusal.
pub(crate) fn go_type(kind: crate::engine::store::Kind) -> String {
    match kind.api_version().split_once('/') {
        Some((group, version)) => format!("*{}{}.{}", group.split('.').next().unwrap_or(group), version, kind.name()),
        None => format!("*v1.{}", kind.name()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// kubectl's `selectString`, quirks included: a leading part is not anchored (`x*` selects
    /// `nginx`) and there is no backtracking (`a*b` misses `abcab`).
    #[test]
    fn container_wildcards_match_as_kubectl_does() {
        for (name, spec, want) in [
            ("nginx", "*", true),
            ("nginx", "nginx", true),
            ("nginx", "ngin", false),
            ("nginx", "ng*", true),
            ("nginx", "*nx", true),
            ("nginx", "n*x", true),
            ("nginx", "x*", true),
            ("sidecar-nginx", "nginx*", true),
            ("nginx", "*ngi", false),
            ("abcab", "a*b", false),
        ] {
            assert_eq!(select_string(name, spec), want, "{name} {spec}");
        }
    }

    #[test]
    fn resource_lists_parse_or_say_why() {
        assert_eq!(resource_list("cpu=0.5,memory=512Mi").unwrap().get("cpu"), Some(&serde_json::json!("500m")));
        assert_eq!(resource_list("cpu").unwrap_err(), "Invalid argument syntax cpu, expected <resource>=<value>");
        assert!(resource_list("cpu=lots").unwrap_err().starts_with("quantities must match"));
    }
}
