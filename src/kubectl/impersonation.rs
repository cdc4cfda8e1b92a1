//! `--as USER [--as-group GROUP]` on the commands that read or delete objects (`get`,
//! `describe`, `delete`, `logs`, `exec`): the first API requests the command makes are
//! authorized for the impersonated user by the RBAC authorizer, and a denied one is the
//! apiserver's Forbidden error. Mirrors `responsewriters.Forbidden` and `forbiddenMessage`
//! (apiserver pkg/endpoints/handlers/responsewriters/errors.go) and `errors.NewForbidden`.
//! Other commands run as the learner whatever `--as` says.

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
        _ => Vec::new(),
    }
}

/// `forbiddenMessage` wrapped as `NewForbidden` words it: `pods "web" is forbidden: User "jane"
/// cannot get resource "pods" in API group "" in the namespace "default"`.
fn forbidden(user: &UserInfo, attributes: &Attributes, request: &Request, reason: &str) -> String {
    let resource = if attributes.subresource.is_empty() { attributes.resource.clone() } else { format!("{}/{}", attributes.resource, attributes.subresource) };
    let scope = if attributes.namespace.is_empty() { "at the cluster scope".to_string() } else { format!("in the namespace {:?}", attributes.namespace) };
    let mut message = format!("User {:?} cannot {} resource {:?} in API group {:?} {scope}", user.name, attributes.verb, resource, attributes.api_group);
    if !reason.is_empty() {
        message = format!("{message}: {reason}");
    }
    let qualified = request.resource.resource();
    if request.name.is_empty() {
        format!("{qualified} is forbidden: {message}")
    } else {
        format!("{qualified} {:?} is forbidden: {message}", request.name)
    }
}
