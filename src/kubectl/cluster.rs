//! Commands about the cluster and the client: `wait`, `cluster-info`, `config view`,
//! `config current-context`, `explain` (field documentation for the simulated kinds).

use crate::kubectl::args::{self, boolean, value, FlagSpec};
use crate::kubectl::get::namespace;
use crate::kubectl::{flag_error, objects, Ctx};

const WAIT_FLAGS: &[FlagSpec] = &[
    value("for", None),
    value("timeout", None),
    value("selector", Some('l')),
    value("field-selector", None),
    boolean("all", None),
    value("filename", Some('f')),
    value("output", Some('o')),
    boolean("all-namespaces", Some('A')),
];

/// `kubectl wait --for=condition=Ready|delete|jsonpath=... TYPE/NAME|-l`: advances the clock.
#[inline(never)]
pub fn wait(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, WAIT_FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "wait", &message),
    };
    // conditionFuncFor (kubectl/pkg/cmd/wait/wait.go) is asked before the resources are.
    let Some(condition) = parsed.get("for").map(str::to_string) else {
        return ctx.out.fail("error: unrecognized condition: \"\"\n");
    };
    let timeout = parsed.get("timeout").and_then(crate::kubectl::rollout::parse_duration).unwrap_or(30);
    let ns = namespace(&parsed);
    let Some(selector) = crate::kubectl::get::selector(ctx, &parsed, "wait") else { return };
    let request = match objects::parse_request(&parsed.positional) {
        Ok(request) => request,
        Err(message) => return ctx.out.fail(format!("error: {message}\n")),
    };
    if let Some(message) = crate::kubectl::get::names_with_selector(&parsed, &request) {
        return ctx.out.fail(format!("error: {message}\n"));
    }
    // The resource builder lists a type only with a selector or --all (`ResourceTypeOrNameArgs`);
    // a type alone is its "no name was specified" error.
    let selecting = ["selector", "field-selector"].iter().any(|flag| parsed.get(flag).is_some_and(|s| !s.is_empty())) || parsed.bool("all");
    if request.names.is_empty() && !request.types.is_empty() && !selecting {
        return ctx.out.fail("error: resource(s) were provided, but no name was specified\n");
    }
    let mut targets: Vec<(&'static crate::kubectl::resources::ResourceType, String, String)> = request.names.iter().map(|(resource, name)| (*resource, ns.clone(), name.clone())).collect();
    let scope = if parsed.bool("all-namespaces") { None } else { Some(ns.as_str()) };
    for resource in &request.types {
        let fields = match crate::kubectl::get::field_selector(&parsed, resource) {
            Ok(fields) => fields,
            Err(error) => return ctx.out.fail(error),
        };
        ctx.request("GET", &crate::kubectl::get::list_path(&parsed, resource, scope, None), 200);
        for object in objects::list(ctx.cluster, resource.kind, scope, &selector).into_iter().filter(|o| fields.matches(o)) {
            let meta = objects::meta(&object);
            targets.push((resource, meta.ns().to_string(), meta.name.to_string()));
        }
    }
    // Mirrors WaitOptions.RunWait (kubectl/pkg/cmd/wait/wait.go): nothing to wait for is
    // success for --for=delete and errNoMatchingResources for any other condition.
    if targets.is_empty() {
        if condition == "delete" {
            return;
        }
        return ctx.out.fail("error: no matching resources found\n");
    }
    let (kind_of_wait, wanted) = if condition == "delete" {
        ("delete", String::new())
    } else if let Some(rest) = condition.strip_prefix("condition=") {
        ("condition", rest.to_string())
    } else if let Some(rest) = condition.strip_prefix("jsonpath=") {
        ("jsonpath", rest.to_string())
    } else {
        return ctx.out.fail(format!("error: unrecognized condition: \"{condition}\"\n"));
    };
    let (condition_name, condition_value) = match wanted.split_once('=') {
        Some((n, v)) => (n.to_string(), v.to_string()),
        None => (wanted.clone(), "True".to_string()),
    };
    let met = |ctx: &Ctx, resource: &crate::kubectl::resources::ResourceType, ns: &str, name: &str| -> bool {
        let object = objects::get(ctx.cluster, resource.kind, ns, name);
        match kind_of_wait {
            "delete" => object.is_none(),
            "condition" => object.is_some_and(|o| {
                let json = objects::to_json(&o);
                json.pointer("/status/conditions").and_then(|c| c.as_array()).is_some_and(|conditions| {
                    conditions.iter().any(|c| {
                        c.get("type").and_then(|t| t.as_str()).is_some_and(|t| t.eq_ignore_ascii_case(&condition_name))
                            && c.get("status").and_then(|s| s.as_str()).is_some_and(|s| s.eq_ignore_ascii_case(&condition_value))
                    })
                })
            }),
            _ => object.is_some_and(|o| {
                crate::kubectl::printers::jsonpath::select(&objects::to_json(&o), &condition_name)
                    .ok()
                    .and_then(|v| v.first().map(crate::kubectl::printers::jsonpath::format_value))
                    .is_some_and(|v| v == condition_value)
            }),
        }
    };
    for (resource, target_ns, name) in targets {
        let mut waited = 0;
        while !met(ctx, resource, &target_ns, &name) && waited < timeout {
            ctx.tick();
            waited += 1;
        }
        if met(ctx, resource, &target_ns, &name) {
            let verb = match kind_of_wait {
                "delete" => "deleted".to_string(),
                "condition" => format!("condition met"),
                _ => "condition met".to_string(),
            };
            ctx.out.out(format!("{}/{name} {verb}\n", resource.qualified()));
        } else {
            ctx.out.fail(format!("error: timed out waiting for the condition on {}/{name}\n", resource.plural));
        }
    }
}

/// `kubectl cluster-info`.
#[inline(never)]
pub fn cluster_info(ctx: &mut Ctx, words: &[String]) {
    if words.first().map(String::as_str) == Some("dump") {
        return ctx.out.fail("kubeplay: cluster-info dump is not simulated; try kubectl get all -A -o yaml\n");
    }
    ctx.out.out("\u{1b}[0;32mKubernetes control plane\u{1b}[0m is running at \u{1b}[0;33mhttps://127.0.0.1:6443\u{1b}[0m\n\u{1b}[0;32mCoreDNS\u{1b}[0m is running at \u{1b}[0;33mhttps://127.0.0.1:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\u{1b}[0m\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
}

const KUBECONFIG: &str = "apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: DATA+OMITTED
    server: https://127.0.0.1:6443
  name: kubeplay
contexts:
- context:
    cluster: kubeplay
    user: learner
  name: kubeplay
current-context: kubeplay
kind: Config
preferences: {}
users:
- name: learner
  user:
    client-certificate-data: DATA+OMITTED
    client-key-data: DATA+OMITTED
";

/// The kubeconfig as `config view -o json` prints it: clientcmd's Config in its struct field
/// order, four-space indents.
const KUBECONFIG_JSON: &str = r#"{
    "kind": "Config",
    "apiVersion": "v1",
    "preferences": {},
    "clusters": [
        {
            "name": "kubeplay",
            "cluster": {
                "server": "https://127.0.0.1:6443",
                "certificate-authority-data": "DATA+OMITTED"
            }
        }
    ],
    "users": [
        {
            "name": "learner",
            "user": {
                "client-certificate-data": "DATA+OMITTED",
                "client-key-data": "DATA+OMITTED"
            }
        }
    ],
    "contexts": [
        {
            "name": "kubeplay",
            "context": {
                "cluster": "kubeplay",
                "user": "learner"
            }
        }
    ],
    "current-context": "kubeplay"
}
"#;

const CONFIG_VIEW_FLAGS: &[FlagSpec] = &[
    value("output", Some('o')),
    value("template", None),
    boolean("allow-missing-template-keys", None),
    boolean("show-managed-fields", None),
    boolean("minify", None),
    boolean("flatten", None),
    boolean("raw", None),
    value("merge", None),
];

/// `kubectl config view`: the playground's one context. Mirrors ViewOptions
/// (kubectl/pkg/cmd/config/view.go): no arguments, the printer from PrintFlags (YAML by default),
/// the object for templates being the Config as JSON.
fn config_view(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, CONFIG_VIEW_FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "config view", &message),
    };
    if !parsed.positional.is_empty() {
        return ctx.out.fail(format!("error: unexpected arguments: [{}]\nSee 'kubectl config view -h' for help and examples\n", parsed.positional.join(" ")));
    }
    let Ok(output) = crate::kubectl::printers::print_flags::output_or_fail(ctx, &parsed) else { return };
    let json: serde_json::Value = serde_json::from_str(KUBECONFIG_JSON).unwrap_or_default();
    match output.as_deref() {
        Some("json") => ctx.out.out(KUBECONFIG_JSON),
        // The Config carries no name the name printer knows.
        Some("name") => ctx.out.out("config/<unknown>\n"),
        other if crate::kubectl::printers::print_flags::print_template(ctx, other, &json) => {}
        _ => ctx.out.out(KUBECONFIG),
    }
}

/// `kubectl config get-contexts [NAME...]`: the table, then an error for each name that is not a
/// context (GetContextsOptions.RunGetContexts, kubectl/pkg/cmd/config/get_contexts.go).
fn config_get_contexts(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, &[value("output", Some('o')), boolean("no-headers", None)]) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "config get-contexts", &message),
    };
    let wanted = |name: &String| name == "kubeplay";
    match parsed.get("output") {
        Some("name") => {
            if parsed.positional.is_empty() || parsed.positional.iter().any(wanted) {
                ctx.out.out("kubeplay\n");
            }
        }
        Some(other) if !other.is_empty() => return ctx.out.fail(format!("error: --output {other} is not available in kubectl config get-contexts; resetting to default output format\n")),
        _ => {
            let shown = parsed.positional.is_empty() || parsed.positional.iter().any(wanted);
            let headers = !parsed.bool("no-headers");
            match (headers, shown) {
                (true, true) => ctx.out.out("CURRENT   NAME       CLUSTER    AUTHINFO   NAMESPACE\n*         kubeplay   kubeplay   learner    \n"),
                (true, false) => ctx.out.out("CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n"),
                (false, true) => ctx.out.out("*     kubeplay   kubeplay   learner   \n"),
                (false, false) => {}
            }
        }
    }
    // One error is `error: ...`; several an aggregate, one per line (cmdutil.CheckErr).
    let missing: Vec<String> = parsed.positional.iter().filter(|name| !wanted(name)).map(|name| format!("context {name} not found\n")).collect();
    match missing.len() {
        0 => {}
        1 => ctx.out.fail(format!("error: {}", missing[0])),
        _ => ctx.out.fail(missing.concat()),
    }
}

/// `kubectl config view|current-context|get-contexts|get-clusters|get-users|use-context`.
#[inline(never)]
pub fn config(ctx: &mut Ctx, words: &[String]) {
    match words.first().map(String::as_str) {
        Some("view") => config_view(ctx, &words[1..]),
        Some("current-context") => ctx.out.out("kubeplay\n"),
        Some("get-contexts") => config_get_contexts(ctx, &words[1..]),
        Some("get-clusters") => ctx.out.out("NAME\nkubeplay\n"),
        Some("get-users") => ctx.out.out("NAME\nlearner\n"),
        Some("use-context" | "use") if words.get(1).is_some_and(|name| name == "kubeplay") => ctx.out.out("Switched to context \"kubeplay\".\n"),
        Some("use-context" | "use") if words.len() == 2 && !words[1].starts_with('-') => ctx.out.fail(format!("error: no context exists with the name: \"{}\"\n", words[1])),
        Some("set-context") | Some("use-context") => ctx.out.fail("kubeplay: the playground has one context, kubeplay; pass -n NAMESPACE to commands instead\n"),
        Some(other) => ctx.out.fail(format!("error: unknown command \"{other}\" for \"kubectl config\"\n")),
        // `kubectl config` alone is kubectl::help's (the group's help).
        None => {}
    }
}
