//! `kubectl autoscale`, ported from kubectl 1.32 (pkg/cmd/autoscale/autoscale.go): an
//! autoscaling/v1 HorizontalPodAutoscaler for each object named that has a scale subresource,
//! named after it (or `--name`), between `--min` and `--max` replicas, at `--cpu-percent`.

use crate::engine::store::{Kind, Obj};
use crate::kubectl::args::{self, boolean, value, FlagSpec};
use crate::kubectl::get::namespace;
use crate::kubectl::printers::print_flags;
use crate::kubectl::{flag_error, objects, Ctx};

const FLAGS: &[FlagSpec] = &[
    value("min", None),
    value("max", None),
    value("cpu-percent", None),
    value("name", None),
    args::DRY_RUN,
    value("output", Some('o')),
    value("filename", Some('f')),
    value("kustomize", Some('k')),
    boolean("recursive", Some('R')),
    boolean("save-config", None),
    value("field-manager", None),
    value("template", None),
    boolean("allow-missing-template-keys", None),
    boolean("show-managed-fields", None),
    boolean("record", None),
];

/// An `Int32Var` flag: -1 when not given; cobra's parse error otherwise.
fn int_flag(parsed: &args::Parsed, name: &str) -> Result<i32, String> {
    match parsed.get(name) {
        None => Ok(-1),
        Some(text) => text.parse::<i32>().map_err(|_| {
            format!("error: invalid argument \"{text}\" for \"--{name}\" flag: strconv.ParseInt: parsing \"{text}\": invalid syntax\nSee 'kubectl autoscale --help' for usage.\n")
        }),
    }
}

/// The group/version and resource of a kind, as `GroupVersionResource.String()` names it in
/// the scale-subresource error (`/v1, Resource=pods`).
fn group_version_resource(kind: Kind) -> String {
    let resource = crate::kubectl::resources::of_kind(kind);
    let version = kind.api_version();
    let group_version = if version.contains('/') { version.to_string() } else { format!("/{version}") };
    format!("{group_version}, Resource={}", resource.plural)
}

/// Mirrors `AutoscaleOptions.Validate` and `Run`.
#[inline(never)]
pub fn autoscale(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "autoscale", &message),
    };
    if !parsed.has("max") {
        return ctx.out.fail("error: required flag(s) \"max\" not set\n");
    }
    let (min, max, cpu) = match (int_flag(&parsed, "min"), int_flag(&parsed, "max"), int_flag(&parsed, "cpu-percent")) {
        (Ok(min), Ok(max), Ok(cpu)) => (min, max, cpu),
        (Err(message), _, _) | (_, Err(message), _) | (_, _, Err(message)) => return ctx.out.fail(message),
    };
    if max < 1 {
        return ctx.out.fail(format!("error: --max=MAXPODS is required and must be at least 1, max: {max}\n"));
    }
    if max < min {
        return ctx.out.fail(format!("error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: {max}, min: {min}\n"));
    }
    let Ok(output) = print_flags::output_or_fail(ctx, &parsed) else { return };
    let ns = namespace(&parsed);
    let found: Vec<(Kind, Obj)> = if parsed.has("filename") {
        let files = parsed.all("filename");
        let Some((targets, _)) = crate::kubectl::apply::file_targets(ctx, &files, &ns, "autoscaled") else { return };
        let mut found = Vec::new();
        for (kind, key, name) in targets {
            match objects::get(ctx.cluster, kind, &key.namespace, &name) {
                Some(object) => found.push((kind, object)),
                None => ctx.out.fail(format!("Error from server (NotFound): {} \"{name}\" not found\n", kind.resource())),
            }
        }
        found
    } else if parsed.positional.len() == 1 && !parsed.positional[0].contains('/') {
        // `TYPE` alone: every object of that type in the namespace (ResourceTypeOrNameArgs).
        let resource = match objects::resolve_type(&parsed.positional[0]) {
            Ok(resource) => resource,
            Err(message) => return ctx.out.fail(format!("error: {message}\n")),
        };
        let selector = crate::engine::api::selector::Selector::everything();
        objects::list(ctx.cluster, resource.kind, Some(&ns), &selector).into_iter().map(|object| (resource.kind, object)).collect()
    } else {
        let Some((found, _)) = crate::kubectl::mutate::targets(ctx, &parsed.positional, &ns) else { return };
        found.into_iter().map(|(resource, object)| (resource.kind, object)).collect()
    };
    if found.is_empty() {
        return ctx.out.fail("error: no objects passed to autoscale\n");
    }
    for (kind, object) in found {
        if !objects::has_scale(kind) {
            ctx.out.fail(format!("error: cannot autoscale a {}: could not find scale subresource for {} in discovery information\n", kind.name(), group_version_resource(kind)));
            continue;
        }
        let meta = objects::meta(&object);
        let target = meta.name.to_string();
        let name = parsed.get("name").filter(|n| !n.is_empty()).map_or_else(|| target.clone(), str::to_string);
        let target_ns = meta.ns().to_string();
        let mut spec = serde_json::json!({
            "scaleTargetRef": {"kind": kind.name(), "name": target, "apiVersion": kind.api_version()},
            "maxReplicas": max,
        });
        if min > 0 {
            spec["minReplicas"] = min.into();
        }
        if cpu >= 0 {
            spec["targetCPUUtilizationPercentage"] = cpu.into();
        }
        let raw = serde_json::json!({
            "apiVersion": "autoscaling/v1",
            "kind": "HorizontalPodAutoscaler",
            "metadata": {"name": name, "namespace": target_ns},
            "spec": spec,
        });
        // A client dry run prints what it would have created; the others what was autoscaled.
        let verb = if parsed.dry_run() == Some("client") { "created" } else { "autoscaled" };
        crate::kubectl::generate::create_generated(ctx, raw, Kind::HorizontalPodAutoscaler, &name, &parsed, output.as_deref(), verb);
    }
}
