//! `kubectl get componentstatuses` (`cs`): the API server's deprecated summary of the control
//! plane's health. It is not stored: the API server probes its servers on every request
//! (`REST.List` and `REST.Get` in pkg/registry/core/componentstatus/rest.go): the controller
//! manager's and the scheduler's `/healthz`, which answer `ok`, and etcd (`EtcdServer.
//! DoServerCheck`, message `ok` since 1.26). In kubeplay's cluster all three are always up.
//! The real list comes in the order its probes finish, so it varies from call to call; kubeplay
//! gives the order in which the API server names its servers.

use serde_json::{json, Value};

use crate::kubectl::args::Parsed;
use crate::kubectl::printers::tabwriter::{Writer, TABLE};
use crate::kubectl::Ctx;

/// The servers the API server checks (`componentStatusStorage.serversToValidate`).
const SERVERS: [&str; 3] = ["controller-manager", "scheduler", "etcd-0"];

/// The warning the API server sends with every request for the resource
/// (`DeprecatedWarning` of the registered v1 ComponentStatus).
const DEPRECATED: &str = "Warning: v1 ComponentStatus is deprecated in v1.19+\n";

/// The names a `get` asks for, if its arguments name this resource: `cs`, `cs NAME...` or
/// `cs/NAME...`. `None` when they name anything else (or this resource among others).
pub fn request(positional: &[String]) -> Option<Vec<String>> {
    let first = positional.first()?;
    if crate::engine::resources::names_component_statuses(first) {
        return Some(positional[1..].to_vec());
    }
    positional
        .iter()
        .map(|word| word.split_once('/').filter(|(kind, name)| crate::engine::resources::names_component_statuses(kind) && !name.is_empty()).map(|(_, name)| name.to_string()))
        .collect()
}

/// One server's status (`getComponentStatus`): a Healthy condition, its message `ok`.
fn status(name: &str) -> Value {
    json!({
        "apiVersion": "v1",
        "conditions": [{"message": "ok", "status": "True", "type": "Healthy"}],
        "kind": "ComponentStatus",
        "metadata": {"creationTimestamp": null, "name": name},
    })
}

/// `kubectl get componentstatuses [NAME...]` with the output flags `get` has checked: the
/// table (NAME, STATUS, MESSAGE, ERROR, as `printComponentStatus`), `-o wide` (the same),
/// `yaml`, `json`, `name` and `jsonpath`. A label or field selector matches none of them; a
/// watch is refused after the list, as the storage serves only get and list.
pub fn get(ctx: &mut Ctx, parsed: &Parsed, names: &[String], output: &str, jsonpath: Option<&str>) {
    ctx.out.err(DEPRECATED);
    let mut errors = Vec::new();
    let items: Vec<Value> = if names.is_empty() {
        ctx.request("GET", "/api/v1/componentstatuses?limit=500", 200);
        let selected = !parsed.has("selector") && !parsed.has("field-selector");
        SERVERS.iter().filter(|_| selected).map(|name| status(name)).collect()
    } else {
        let mut items = Vec::new();
        for name in names {
            let found = SERVERS.contains(&name.as_str());
            ctx.request("GET", &format!("/api/v1/componentstatuses/{name}"), if found { 200 } else { 404 });
            if found {
                items.push(status(name));
            } else if !parsed.bool("ignore-not-found") {
                errors.push(format!("Error from server (NotFound): componentstatus \"{name}\" not found\n"));
            }
        }
        items
    };
    let mut items = items;
    if let Some(field) = parsed.get("sort-by") {
        crate::kubectl::get::sort_by_field(&mut items, field, Value::clone);
    }
    let single = names.len() == 1 && items.len() == 1;
    let document = || if single { items[0].clone() } else { json!({"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}}) };
    match (output, jsonpath) {
        (_, Some(template)) => {
            if !(names.len() == 1 && items.is_empty()) {
                match crate::kubectl::printers::jsonpath::execute(template, &document()) {
                    Ok(text) => ctx.out.out(text),
                    Err(message) => ctx.out.fail(format!("error: {message}\n")),
                }
            }
        }
        ("yaml", _) if !items.is_empty() || names.is_empty() => ctx.out.out(crate::yaml::to_yaml(&document())),
        ("json", _) if !items.is_empty() || names.is_empty() => ctx.out.out(format!("{}\n", crate::kubectl::get::to_json_pretty(&document()))),
        ("name", _) => {
            for item in &items {
                ctx.out.out(format!("componentstatus/{}\n", item["metadata"]["name"].as_str().unwrap_or_default()));
            }
        }
        ("" | "wide", _) if !items.is_empty() => {
            let labels = parsed.bool("show-labels");
            let mut text = String::new();
            if !parsed.bool("no-headers") {
                text.push_str(if labels { "NAME\tSTATUS\tMESSAGE\tERROR\tLABELS\n" } else { "NAME\tSTATUS\tMESSAGE\tERROR\n" });
            }
            for item in &items {
                text.push_str(&format!("{}\tHealthy\tok\t{}\n", item["metadata"]["name"].as_str().unwrap_or_default(), if labels { "\t<none>" } else { "" }));
            }
            ctx.out.out(Writer::new(TABLE).flush(&text));
        }
        _ => {}
    }
    for error in errors {
        ctx.out.fail(error);
    }
    if parsed.bool("watch") || parsed.bool("watch-only") {
        // The REST storage has no Watch: the request after the list is refused.
        return ctx.out.fail("Error from server (MethodNotAllowed): the server does not allow this method on the requested resource\n");
    }
    if items.is_empty() && names.is_empty() && output != "yaml" && output != "json" {
        ctx.out.err("No resources found\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_name_the_resource_by_any_of_its_names() {
        let words = |list: &[&str]| list.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        assert_eq!(request(&words(&["cs"])), Some(vec![]));
        assert_eq!(request(&words(&["ComponentStatuses", "scheduler"])), Some(vec!["scheduler".to_string()]));
        assert_eq!(request(&words(&["componentstatus/etcd-0", "cs/scheduler"])), Some(vec!["etcd-0".to_string(), "scheduler".to_string()]));
        assert_eq!(request(&words(&["pods"])), None);
        assert_eq!(request(&words(&["cs/scheduler", "pod/web"])), None);
        assert_eq!(request(&words(&["cs,pods"])), None);
    }
}
