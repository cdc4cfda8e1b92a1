//! Commands for Services built from flags: `kubectl create service clusterip|nodeport|
//! loadbalancer|externalname` and `kubectl set selector`.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::engine::api::selector::Requirement;
use crate::engine::apiserver;
use crate::engine::store::{Kind, Obj};
use crate::kubectl::args::{self, boolean, value, FlagSpec};
use crate::kubectl::get::namespace;
use crate::kubectl::printers::print_flags;
use crate::kubectl::{flag_error, objects, Ctx, Stream};
use crate::order::SharedSort;

/// The flags every `create service` subcommand takes; each adds its own (`--clusterip`,
/// `--node-port`, `--external-name`).
const COMMON_FLAGS: &[FlagSpec] = &[
    value("tcp", None),
    args::DRY_RUN,
    value("output", Some('o')),
    boolean("save-config", None),
    args::VALIDATE,
    value("field-manager", None),
    value("template", None),
    boolean("allow-missing-template-keys", None),
    boolean("show-managed-fields", None),
];

/// Where each field of a generated Service comes in the Go structs (TypeMeta, ObjectMeta,
/// ServiceSpec, ServicePort, ServiceStatus), for `-o json` of a dry run.
const SERVICE_FIELD_ORDER: &[&str] = &[
    "kind", "apiVersion", "metadata", "name", "namespace", "creationTimestamp", "labels", "spec", "ports", "protocol", "port", "targetPort", "nodePort", "selector", "clusterIP", "type",
    "externalName", "status", "loadBalancer",
];

/// `kubectl create service TYPE NAME [--tcp=PORT[:TARGET]]...`, as `ServiceOptions.createService`
/// (kubectl/pkg/cmd/create/create_service.go) builds it. `words` start after `service`.
pub fn create_service(ctx: &mut Ctx, words: &[String]) {
    let Some(sub) = words.first().filter(|w| !w.starts_with('-')) else {
        // Reached with a flag first (`create service --tcp=80`): the group's help, as cobra.
        crate::kubectl::help::print_text(ctx, "create service", Stream::Stderr);
        ctx.out.exit_code = 1;
        return;
    };
    let (type_, extra): (&str, FlagSpec) = match sub.as_str() {
        "clusterip" => ("ClusterIP", value("clusterip", None)),
        "nodeport" => ("NodePort", value("node-port", None)),
        "loadbalancer" => ("LoadBalancer", value("tcp", None)),
        "externalname" => ("ExternalName", value("external-name", None)),
        _ => {
            let unknown: Vec<&str> = words.iter().take_while(|w| !w.starts_with('-')).map(String::as_str).collect();
            return ctx.out.fail(format!("error: unknown command \"{}\"\nSee 'kubectl create service -h' for help and examples\n", unknown.join(" ")));
        }
    };
    let command = format!("create service {sub}");
    let specs: Vec<FlagSpec> = COMMON_FLAGS.iter().copied().chain([extra]).collect();
    let parsed = match args::parse(&words[1..], &specs) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, &command, &message),
    };
    if parsed.positional.len() != 1 {
        return ctx.out.fail(format!("error: exactly one NAME is required, got {}\nSee 'kubectl {command} -h' for help and examples\n", parsed.positional.len()));
    }
    let name = parsed.positional[0].clone();
    let Ok(output) = print_flags::output_or_fail(ctx, &parsed) else { return };
    let output = output.as_deref();
    let node_port: i64 = match parsed.get("node-port") {
        None => 0,
        Some(text) => match text.parse::<i32>() {
            Ok(port) => port.into(),
            Err(_) => return flag_error(ctx, &command, &format!("invalid argument \"{text}\" for \"--node-port\" flag: strconv.ParseInt: parsing \"{text}\": invalid syntax")),
        },
    };
    let cluster_ip = parsed.get("clusterip").unwrap_or("").to_string();
    let external_name = parsed.get("external-name").unwrap_or("").to_string();
    let tcp = parsed.all("tcp").iter().flat_map(|t| t.split(',').map(str::to_string).collect::<Vec<_>>()).collect::<Vec<_>>();
    if type_ == "ExternalName" && !parsed.has("external-name") {
        return ctx.out.fail("error: required flag(s) \"external-name\" not set\n");
    }
    if cluster_ip != "None" && tcp.is_empty() && type_ != "ExternalName" {
        return ctx.out.fail("error: at least one tcp port specifier must be provided\n");
    }
    if type_ == "ExternalName" && !is_dns1123_subdomain(&external_name) {
        return ctx.out.fail(format!("error: invalid service external name {external_name}\n"));
    }
    let mut ports = Vec::new();
    for spec in &tcp {
        let (port, target) = match parse_ports(spec) {
            Ok(pair) => pair,
            Err(message) => return ctx.out.fail(format!("error: {message}\n")),
        };
        let mut entry = serde_json::json!({"name": spec.replace(':', "-"), "port": port, "protocol": "TCP", "targetPort": target});
        if node_port != 0 {
            entry["nodePort"] = serde_json::Value::from(node_port);
        }
        ports.push(entry);
    }
    let selector = serde_json::json!({"app": name});
    let mut spec = serde_json::json!({"selector": selector, "type": type_});
    if !ports.is_empty() {
        spec["ports"] = serde_json::Value::Array(ports);
    }
    if !cluster_ip.is_empty() {
        spec["clusterIP"] = serde_json::Value::String(cluster_ip);
    }
    if !external_name.is_empty() {
        spec["externalName"] = serde_json::Value::String(external_name);
    }
    let ns = namespace(&parsed);
    let dry_run = parsed.dry_run();
    if let Some(mode) = dry_run {
        // What kubectl prints for a dry run is the object it would send: no namespace unless
        // `-n` was given, a null creationTimestamp and an empty status.
        let mut metadata = serde_json::json!({"creationTimestamp": null, "labels": {"app": name}, "name": name});
        if parsed.has("namespace") {
            metadata["namespace"] = serde_json::Value::String(ns.clone());
        }
        let raw = serde_json::json!({"apiVersion": "v1", "kind": "Service", "metadata": metadata, "spec": spec, "status": {"loadBalancer": {}}});
        let suffix = crate::kubectl::args::dry_run_suffix(Some(mode));
        return match output {
            _ if print_flags::print_template(ctx, output, &raw) => {}
            Some("yaml") => ctx.out.out(crate::yaml::to_yaml(&raw)),
            Some("json") => ctx.out.out(format!("{}\n", crate::kubectl::apply::go_struct_json(&raw, SERVICE_FIELD_ORDER))),
            Some("name") => ctx.out.out(format!("service/{name}\n")),
            _ => ctx.out.out(format!("service/{name} created{suffix}\n")),
        };
    }
    let raw = serde_json::json!({"apiVersion": "v1", "kind": "Service", "metadata": {"labels": {"app": name}, "name": name, "namespace": ns}, "spec": spec});
    let mut decoded = Vec::new();
    crate::yaml::decode_value(raw, 1, &mut decoded);
    let Some(Ok(manifest)) = decoded.pop() else {
        return ctx.out.fail("error: could not build the service\n");
    };
    match apiserver::create_object(ctx.cluster, manifest.object) {
        Ok(created) => match output {
            _ if print_flags::print_template(ctx, output, &objects::to_json(&created)) => {}
            Some("yaml") => ctx.out.out(crate::yaml::to_yaml(&objects::to_json(&created))),
            Some("json") => ctx.out.out(format!("{}\n", crate::kubectl::get::to_json_pretty(&objects::to_json(&created)))),
            Some("name") => ctx.out.out(format!("service/{name}\n")),
            _ => ctx.out.out(format!("service/{name} created\n")),
        },
        // Mirrors ServiceOptions.Run (kubectl/pkg/cmd/create/create_service.go): every server
        // error is wrapped, `failed to create %s service: %v`.
        Err(error) => ctx.out.fail(format!("error: failed to create {type_} service: {}\n", error.status_message(Kind::Service))),
    }
}

/// Mirrors parsePorts (create_service.go): `PORT` or `PORT:TARGET`, the target a number or a
/// port name.
fn parse_ports(spec: &str) -> Result<(i64, serde_json::Value), String> {
    let mut parts = spec.split(':');
    let first = parts.next().unwrap_or("");
    let port = parse_port(first)?;
    let Some(target) = parts.next() else {
        return Ok((port, serde_json::Value::from(port)));
    };
    match target.parse::<i64>() {
        Ok(number) if (1..=65535).contains(&number) => Ok((port, serde_json::Value::from(number))),
        Ok(_) => Err("must be between 1 and 65535, inclusive".to_string()),
        Err(_) => {
            let valid = !target.is_empty()
                && target.len() <= 15
                && target.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && target.chars().any(|c| c.is_ascii_lowercase())
                && !target.starts_with('-')
                && !target.ends_with('-')
                && !target.contains("--");
            if valid {
                Ok((port, serde_json::Value::String(target.to_string())))
            } else if target.len() > 15 {
                Err("must be no more than 15 characters".to_string())
            } else {
                Err("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)".to_string())
            }
        }
    }
}

/// `utilsnet.ParsePort(port, allowZero=true)`: Go's strconv.ParseUint errors for 16 bits.
fn parse_port(text: &str) -> Result<i64, String> {
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("strconv.ParseUint: parsing \"{text}\": invalid syntax"));
    }
    match text.parse::<u16>() {
        Ok(port) => Ok(port.into()),
        Err(_) => Err(format!("strconv.ParseUint: parsing \"{text}\": value out of range")),
    }
}

fn is_dns1123_subdomain(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 253
        && text.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') && !label.starts_with('-') && !label.ends_with('-')
        })
}

const SET_SELECTOR_FLAGS: &[FlagSpec] = &[
    boolean("all", None),
    value("filename", Some('f')),
    boolean("local", None),
    value("output", Some('o')),
    boolean("recursive", Some('R')),
    value("resource-version", None),
    args::DRY_RUN,
    value("field-manager", None),
    boolean("record", None),
    value("template", None),
    boolean("allow-missing-template-keys", None),
    boolean("show-managed-fields", None),
];

/// `kubectl set selector (TYPE NAME | TYPE/NAME | TYPE --all) EXPRESSIONS`: replaces a
/// Service's selector. Mirrors set_selector.go: the last argument is the selector, parsed by
/// `metav1.ParseToLabelSelector`; set-based requirements are refused for Services.
pub fn set_selector(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, SET_SELECTOR_FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "set selector", &message),
    };
    let Some((expression, resources)) = parsed.positional.split_last() else {
        return ctx.out.fail("error: one selector is required\n");
    };
    let selector = match crate::engine::api::selector::Selector::parse(expression) {
        Ok(selector) => selector,
        Err(message) => {
            // labels.Parser.parse wraps what parseRequirement reports; its own errors are bare.
            let top_level = ["expected: ',' or 'end of string'", "expected: identifier after ','", "expected: !, identifier, or 'end of string'"];
            let wrapped = if top_level.iter().any(|t| message.ends_with(t)) { message } else { format!("unable to parse requirement: {message}") };
            return ctx.out.fail(format!("error: couldn't parse the selector string \"{expression}\": {wrapped}\n"));
        }
    };
    let mut match_labels = BTreeMap::new();
    let mut expressions = Vec::new();
    let mut requirements = selector.requirements.clone();
    requirements.shared_sort_by(|a, b| a.key().cmp(b.key()));
    for requirement in requirements {
        match requirement {
            Requirement::Equals(key, value) => {
                match_labels.insert(key, value);
            }
            Requirement::NotEquals(key, value) => expressions.push(format!("{{{key} NotIn [{value}]}}")),
            Requirement::In(key, mut values) => {
                values.shared_sort();
                expressions.push(format!("{{{key} In [{}]}}", values.join(" ")));
            }
            Requirement::NotIn(key, mut values) => {
                values.shared_sort();
                expressions.push(format!("{{{key} NotIn [{}]}}", values.join(" ")));
            }
            Requirement::Exists(key) => expressions.push(format!("{{{key} Exists []}}")),
            Requirement::DoesNotExist(key) => expressions.push(format!("{{{key} DoesNotExist []}}")),
        }
    }
    let ns = namespace(&parsed);
    let found: Vec<(&'static crate::kubectl::resources::ResourceType, Obj)> = if parsed.bool("all") {
        let Some(type_name) = resources.first() else {
            return ctx.out.fail("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n");
        };
        let resource = match objects::resolve_type(type_name) {
            Ok(resource) => resource,
            Err(message) => return ctx.out.fail(format!("error: {message}\n")),
        };
        let everything = crate::engine::api::selector::Selector::everything();
        objects::list(ctx.cluster, resource.kind, Some(&ns), &everything).into_iter().map(|o| (resource, o)).collect()
    } else {
        if resources.len() == 1 && !resources[0].contains('/') {
            return ctx.out.fail("error: resource(s) were provided, but no name was specified\n");
        }
        let Some((found, _)) = crate::kubectl::mutate::targets(ctx, resources, &ns) else { return };
        found
    };
    let dry_run = parsed.dry_run();
    for (resource, object) in found {
        let name = objects::meta(&object).name.clone();
        let Obj::Service(service) = &object else {
            ctx.out.fail("error: setting a selector is only supported for Services\n");
            continue;
        };
        if !expressions.is_empty() {
            ctx.out.fail(format!("error: match expression [{}] not supported on this object\n", expressions.join(" ")));
            continue;
        }
        let mut service = (**service).clone();
        service.spec.selector = match_labels.clone();
        service.metadata.resource_version = parsed.get("resource-version").unwrap_or("").to_string();
        let qualified = format!("{}/{name}", resource.qualified());
        let result = if dry_run.is_some() { Ok(Obj::Service(Rc::new(service))) } else { apiserver::update_object(ctx.cluster, Obj::Service(Rc::new(service))) };
        match result {
            Ok(updated) => match parsed.get("output") {
                Some("yaml") => ctx.out.out(crate::yaml::to_yaml(&objects::to_json(&updated))),
                Some("json") => ctx.out.out(format!("{}\n", crate::kubectl::get::to_json_pretty(&objects::to_json(&updated)))),
                Some("name") => ctx.out.out(format!("{qualified}\n")),
                // A dry run's " (dry run)" is `kubectl::dry_run`'s, as for every in-place change.
                _ => ctx.out.out(format!("{qualified} selector updated\n")),
            },
            Err(error) => ctx.out.fail(crate::kubectl::error::render(&error, None)),
        }
    }
}

