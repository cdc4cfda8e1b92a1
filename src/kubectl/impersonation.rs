//! `--as USER [--as-group GROUP]`: the first API requests a command makes (`get`, `describe`,
//! `delete`, `logs`, `exec`, and the builder's GET of what `scale`, `set`, `label`, ... change)
//! are authorized for the impersonated user by the RBAC authorizer, and a denied one is the
//! apiserver's Forbidden error; the writes of the commands that change objects are authorized
//! by the apiserver itself (`Cluster::acting`), so each command words a refusal its own way.
//! Mirrors `responsewriters.Forbidden` and `forbiddenMessage` (apiserver
//! pkg/endpoints/handlers/responsewriters/errors.go) and `errors.NewForbidden`.

use crate::engine::rbac_authorizer::{self, Attributes, UserInfo};
use crate::engine::resources::ResourceType;
use crate::kubectl::args::Parsed;
use crate::kubectl::Ctx;

/// One request a command makes: verb, resource type, subresource, name (empty for a list).
struct Request {
    verb: &'static str,
    resource: &'static ResourceType,
    subresource: &'static str,
    name: String,
}

/// Whether the line may run: true without `--as`, for commands not checked here, and when
/// every request is allowed; otherwise the Forbidden error is printed.
pub fn allowed(ctx: &mut Ctx, command: &str, parsed: Option<&Parsed>) -> bool {
    let Some(parsed) = parsed else { return true };
    let Some(name) = parsed.get("as").filter(|name| !name.is_empty()) else { return true };
    let user = rbac_authorizer::impersonated(name, &parsed.all("as-group"));
    let namespace = if parsed.bool("all-namespaces") { String::new() } else { crate::kubectl::get::namespace(parsed) };
    let mut denied = Vec::new();
    for request in requests(ctx, command, parsed, &namespace) {
        let namespace = if request.resource.kind.namespaced() { namespace.clone() } else { String::new() };
        let attributes = Attributes {
            verb: request.verb.into(),
            namespace,
            api_group: request.resource.group.into(),
            resource: request.resource.plural.into(),
            subresource: request.subresource.into(),
            name: request.name.clone(),
            path: None,
        };
        let decision = rbac_authorizer::authorize(ctx.cluster, &user, &attributes);
        if !decision.allowed {
            denied.push(format!("Error from server (Forbidden): {}\n", forbidden(&user, &attributes, &request, &decision.reason)));
            // Reads stop at the first refusal; `delete` reports each object it may not delete.
            if request.verb != "delete" {
                break;
            }
        }
    }
    if denied.is_empty() {
        return true;
    }
    ctx.out.fail(denied.concat());
    false
}

/// The requests a command's arguments make first: a list per type without names, a get per
/// name (`delete` gets or lists what it deletes first, then deletes each object; `logs` and
/// `exec` get their object, then a pod's `log` or `exec` subresource).
fn requests(ctx: &Ctx, command: &str, parsed: &Parsed, namespace: &str) -> Vec<Request> {
    let pods = || crate::engine::resources::resolve("pods").expect("pods are a resource type");
    let get = |resource, name: &str| Request { verb: "get", resource, subresource: "", name: name.to_string() };
    match command {
        "get" | "describe" | "delete" => {
            let Ok(request) = crate::engine::objects::parse_request(&parsed.positional) else { return Vec::new() };
            let mut requests: Vec<Request> = request.names.iter().map(|(resource, name)| get(*resource, name)).collect();
            let named: Vec<&str> = request.names.iter().map(|(resource, _)| resource.plural).collect();
            for resource in request.types.iter().filter(|t| !named.contains(&t.plural)) {
                requests.push(Request { verb: "list", resource, subresource: "", name: String::new() });
            }
            if command == "delete" {
                let mut deletes: Vec<Request> = request.names.iter().map(|(resource, name)| Request { verb: "delete", resource, subresource: "", name: name.clone() }).collect();
                // `--all` or `-l`: each object the list finds.
                let selector = crate::engine::api::selector::Selector::parse(parsed.get("selector").unwrap_or("")).unwrap_or_else(|_| crate::engine::api::selector::Selector::everything());
                for resource in request.types.iter().filter(|t| !named.contains(&t.plural)) {
                    let scope = (!namespace.is_empty()).then_some(namespace);
                    for object in crate::engine::objects::list(ctx.cluster, resource.kind, scope, &selector) {
                        deletes.push(Request { verb: "delete", resource, subresource: "", name: crate::engine::objects::meta(&object).name.to_string() });
                    }
                }
                requests.extend(deletes);
            }
            requests
        }
        "logs" | "log" | "exec" => {
            let Some(target) = parsed.positional.first() else { return Vec::new() };
            let (resource, name) = match target.split_once('/') {
                Some((type_name, name)) => match crate::engine::resources::resolve(type_name) {
                    Some(resource) => (resource, name.to_string()),
                    None => return Vec::new(),
                },
                None => (pods(), target.clone()),
            };
            let mut requests = vec![get(resource, &name)];
            if resource.plural == "pods" {
                let (verb, subresource) = if command == "exec" { ("create", "exec") } else { ("get", "log") };
                requests.push(Request { verb, resource, subresource, name });
            }
            requests
        }
        // The resource builder's GET of each named object, before the command changes it.
        "scale" | "label" | "annotate" | "patch" | "expose" | "autoscale" | "edit" | "set" | "rollout" => {
            // `parsed` is the subcommand's (`set image`, `rollout restart`): its words are the objects and changes.
            let words: Vec<String> = parsed.positional.iter().filter(|w| !w.contains('=') && !w.ends_with('-')).cloned().collect();
            let Ok(request) = crate::engine::objects::parse_request(&words) else { return Vec::new() };
            request.names.iter().map(|(resource, name)| get(*resource, name)).collect()
        }
        _ => Vec::new(),
    }
}

/// The impersonated user whose writes the apiserver authorizes during a command that changes
/// objects (`create`, `apply`, `run`, `scale`, `set`, ...): None without `--as`, and for the
/// commands that only read (their requests are checked before they run) or delete.
pub fn acting(command: &str, parsed: Option<&Parsed>) -> Option<rbac_authorizer::Acting> {
    let parsed = parsed?;
    let name = parsed.get("as").filter(|name| !name.is_empty())?;
    const WRITERS: [&str; 17] = ["create", "apply", "replace", "scale", "set", "label", "annotate", "patch", "run", "expose", "autoscale", "rollout", "edit", "cordon", "uncordon", "taint", "drain"];
    if !WRITERS.contains(&command) {
        return None;
    }
    let user = rbac_authorizer::impersonated(name, &parsed.all("as-group"));
    // kubectl sends PATCHes, `replace` a PUT; `scale` patches the scale subresource.
    let update_verb = if command == "replace" { "update" } else { "patch" };
    let subresource = if command == "scale" { "scale" } else { "" };
    Some(rbac_authorizer::Acting { user, update_verb, subresource })
}

/// The Forbidden error of a request, as `NewForbidden` words it.
fn forbidden(user: &UserInfo, attributes: &Attributes, request: &Request, reason: &str) -> String {
    rbac_authorizer::forbidden_message(user, attributes, &request.resource.resource(), reason)
}
