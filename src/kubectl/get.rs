//! `kubectl get` and `kubectl describe`.

use crate::engine::api::selector::Selector;
use crate::engine::fields::FieldSelector;
use crate::engine::store::{Kind, Obj};
use crate::kubectl::args::{self, boolean, value, FlagSpec};
use crate::kubectl::objects::{self, Request};
use crate::kubectl::printers::table::{self, layout};
use crate::kubectl::printers::tabwriter::{Writer, TABLE};

use crate::kubectl::resources::{self, ResourceType};
use crate::kubectl::{flag_error, Ctx};
use crate::order::SharedSort;

const GET_FLAGS: &[FlagSpec] = &[
    value("output", Some('o')),
    value("selector", Some('l')),
    boolean("all-namespaces", Some('A')),
    boolean("show-labels", None),
    value("label-columns", Some('L')),
    boolean("no-headers", None),
    value("sort-by", None),
    boolean("watch", Some('w')),
    boolean("watch-only", None),
    value("filename", Some('f')),
    value("field-selector", None),
    boolean("show-kind", None),
    boolean("ignore-not-found", None),
    value("chunk-size", None),
    value("raw", None),
    value("request-timeout", None),
    value("template", None),
    boolean("allow-missing-template-keys", None),
];

/// How long `get -w` watches when no `--request-timeout` is given (kubectl watches until
/// interrupted; a script has to end).
const DEFAULT_WATCH_SECONDS: u64 = 60;

/// The namespace a command works in: `-n`, else `default`.
pub fn namespace(parsed: &args::Parsed) -> String {
    parsed.get("namespace").unwrap_or("default").to_string()
}

pub fn selector(ctx: &mut Ctx, parsed: &args::Parsed, command: &str) -> Option<Selector> {
    match parsed.get("selector") {
        None => Some(Selector::everything()),
        Some(text) => match Selector::parse(text) {
            Ok(selector) => Some(selector),
            Err(message) => {
                let _ = command;
                ctx.out.fail(format!("error: unable to parse requirement: {message}\n"));
                None
            }
        },
    }
}

/// `--field-selector` as the apiserver applies it to one resource type: parsed (`ParseSelector`)
/// and checked against the kind's field labels; a bad selector is the list request's BadRequest,
/// which kubectl words with the request's selectors (`EnhanceListError` in
/// cli-runtime/pkg/resource/helper.go: `Unable to find "/v1, Resource=pods" that match label
/// selector "", field selector "foo=bar": field label not supported: foo`).
pub fn field_selector(parsed: &args::Parsed, resource: &ResourceType) -> Result<FieldSelector, String> {
    let text = parsed.get("field-selector").unwrap_or("").trim();
    let checked = FieldSelector::parse(text).and_then(|selector| selector.check(resource.kind).map(|()| selector));
    checked.map_err(|message| {
        let group_version = if resource.group.is_empty() { "/v1".to_string() } else { format!("{}/v1", resource.group) };
        let labels = parsed.get("selector").unwrap_or("").trim();
        format!("Error from server (BadRequest): Unable to find \"{group_version}, Resource={}\" that match label selector \"{labels}\", field selector \"{text}\": {message}\n", resource.plural)
    })
}

/// The resource builder's refusal of names with a selector (visitBySelector in
/// cli-runtime/pkg/resource/builder.go): None when there is nothing to refuse.
pub fn names_with_selector(parsed: &args::Parsed, request: &Request) -> Option<&'static str> {
    let has_selector = ["selector", "field-selector"].iter().any(|flag| parsed.get(flag).is_some_and(|s| !s.trim().is_empty()));
    if !has_selector || request.names.is_empty() {
        return None;
    }
    Some(if parsed.positional.first().is_some_and(|w| w.contains('/')) {
        "selectors and the all flag cannot be used when passing resource/name arguments"
    } else {
        "name cannot be provided when a selector is specified"
    })
}

/// The list request `get`, `describe` and `delete` make: the collection with the selectors as
/// typed and `limit` (kubectl's chunk size) when given.
pub fn list_path(parsed: &args::Parsed, resource: &ResourceType, scope: Option<&str>, limit: Option<&str>) -> String {
    let query = crate::kubectl::klog::query(&[
        ("fieldSelector", parsed.get("field-selector").unwrap_or("").trim()),
        ("labelSelector", parsed.get("selector").unwrap_or("").trim()),
        ("limit", limit.unwrap_or("")),
    ]);
    format!("{}{query}", crate::kubectl::klog::collection_path(resource, scope))
}

#[inline(never)]
pub fn get(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, GET_FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "get", &message),
    };
    if let Some(path) = parsed.get("raw") {
        if !parsed.positional.is_empty() {
            return ctx.out.fail("error: arguments may not be passed when --raw is specified\n");
        }
        return crate::kubectl::discovery::get_raw(ctx, path);
    }
    let from_files = parsed.has("filename");
    if from_files && !parsed.positional.is_empty() {
        // The resource builder's check (cli-runtime builder.go, visitorResult).
        return ctx.out.fail("error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n");
    }
    if parsed.positional.is_empty() && !from_files {
        ctx.out.fail("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples\n");
        return;
    }
    let output = parsed.get("output").unwrap_or("").to_string();
    let go_template = match go_template_of(ctx, &parsed, &output) {
        Ok(go_template) => go_template,
        Err(message) => return ctx.out.fail(format!("error: {message}\n")),
    };
    let template = output
        .strip_prefix("jsonpath=")
        .or_else(|| output.strip_prefix("jsonpath-as-json="))
        .map(str::to_string)
        .or_else(|| (output == "jsonpath" || output == "jsonpath-as-json").then(|| parsed.get("template").unwrap_or("").to_string()))
        .map(|t| t.trim_matches('\'').to_string());
    if template.as_deref() == Some("") {
        return ctx.out.fail("error: template format specified but no template given\n");
    }
    let columns = output.strip_prefix("custom-columns=").map(str::to_string);
    if go_template.is_none() && template.is_none() && columns.is_none() && !["", "wide", "yaml", "json", "name"].contains(&output.as_str()) {
        ctx.out.fail(format!(
            "error: unable to match a printer suitable for the output format \"{output}\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n"
        ));
        return;
    }
    let Some(selector) = selector(ctx, &parsed, "get") else { return };
    if let Some(names) = (!from_files).then(|| crate::kubectl::component_status::request(&parsed.positional)).flatten() {
        if go_template.is_some() || columns.is_some() {
            return ctx.out.fail("kubeplay: componentstatuses print as a table, or with -o yaml, json, name or jsonpath.\n");
        }
        return crate::kubectl::component_status::get(ctx, &parsed, &names, &output, template.as_deref());
    }
    let all_namespaces = parsed.bool("all-namespaces");
    let ns = namespace(&parsed);
    let is_all = !from_files && parsed.positional[0] == "all";
    let Some((request, file_keys)) = files_request(ctx, &parsed, &ns) else { return };
    let request = if let Some(request) = request {
        request
    } else if is_all {
        let types = objects::ALL_CATEGORY.iter().filter_map(|t| resources::resolve(t)).collect();
        Request { types, names: vec![] }
    } else {
        match objects::parse_request(&parsed.positional) {
            Ok(request) => request,
            Err(message) => return ctx.out.fail(format!("error: {message}\n")),
        }
    };
    if all_namespaces && request.names.iter().any(|(t, _)| t.kind.namespaced()) {
        return ctx.out.fail(format!("error: {BY_NAME_ACROSS_NAMESPACES}\n"));
    }
    if let Some(message) = names_with_selector(&parsed, &request) {
        return ctx.out.fail(format!("error: {message}\n"));
    }
    let distinct = crate::order::set_of(request.types.iter().chain(request.names.iter().map(|(t, _)| t)).map(|t| t.plural));
    let with_kind = is_all || distinct.len() > 1 || parsed.bool("show-kind");

    // Gather objects per type, in request order.
    let mut groups: Vec<(&'static ResourceType, Vec<Obj>)> = Vec::new();
    let mut errors = Vec::new();
    if request.names.is_empty() {
        for resource in &request.types {
            let fields = match field_selector(&parsed, resource) {
                Ok(fields) => fields,
                Err(error) => {
                    errors.push(error);
                    continue;
                }
            };
            let scope = if all_namespaces { None } else { Some(ns.as_str()) };
            let path = list_path(&parsed, resource, scope, Some("500"));
            ctx.request("GET", &path, 200);
            let mut items = objects::list(ctx.cluster, resource.kind, scope, &selector);
            items.retain(|o| fields.matches(o));
            // Events too come in the API's order (by name: the object's, then the hex time of
            // the first occurrence); `kubectl get` does not sort them, hence the tutorials'
            // `--sort-by=.metadata.creationTimestamp`.
            groups.push((resource, items));
        }
    } else {
        for (index, (resource, name)) in request.names.iter().enumerate() {
            let ns = file_keys.get(index).map_or(ns.as_str(), |key| key.namespace.as_str());
            let found = objects::get(ctx.cluster, resource.kind, ns, name);
            ctx.request("GET", &crate::kubectl::klog::item_path(resource, ns, name), if found.is_some() { 200 } else { 404 });
            if found.is_none() {
                ctx.klog_not_found(resource, name);
            }
            match found {
                Some(object) => match groups.iter_mut().find(|(t, _)| t.plural == resource.plural) {
                    Some((_, items)) => items.push(object),
                    None => groups.push((resource, vec![object])),
                },
                None => {
                    if !parsed.bool("ignore-not-found") {
                        errors.push(format!("Error from server (NotFound): {} \"{name}\" not found\n", resource.resource()));
                    }
                }
            }
        }
    }
    if let Some(sort_by) = parsed.get("sort-by") {
        for (_, items) in &mut groups {
            sort_objects(items, sort_by);
        }
    }
    let total: usize = groups.iter().map(|(_, items)| items.len()).sum();
    let now = ctx.cluster.time();
    if let Some(template) = template {
        let values: Vec<serde_json::Value> = groups.iter().flat_map(|(_, items)| items.iter().map(objects::to_json)).collect();
        let document = if request.names.len() == 1 && values.len() == 1 {
            values[0].clone()
        } else {
            serde_json::json!({"apiVersion": "v1", "items": values, "kind": "List", "metadata": {"resourceVersion": ""}})
        };
        // printGeneric: one named object that is not there is only its error (singleItemImplied).
        let single_missing = request.names.len() == 1 && values.is_empty() && !errors.is_empty();
        match crate::kubectl::printers::jsonpath::execute(&template, &document) {
            _ if single_missing => {}
            Ok(text) => ctx.out.out(text),
            Err(message) => ctx.out.fail(format!("error: {message}\n")),
        }
        for error in &errors {
            ctx.out.fail(error.clone());
        }
        return;
    }
    if let Some(go_template) = go_template {
        let values: Vec<serde_json::Value> = groups.iter().flat_map(|(_, items)| items.iter().map(objects::to_json)).collect();
        let single = request.names.len() == 1 && values.len() == 1 && !is_all;
        let documents = if single || total > 0 || request.names.is_empty() {
            vec![if single { values[0].clone() } else { serde_json::json!({"apiVersion": "v1", "items": values, "kind": "List", "metadata": {"resourceVersion": ""}}) }]
        } else {
            Vec::new()
        };
        for document in documents {
            print_go_template(ctx, &go_template, &document);
        }
        for error in &errors {
            ctx.out.fail(error.clone());
        }
        return;
    }
    if let Some(spec) = columns {
        let mut headers = Vec::new();
        let mut paths = Vec::new();
        for column in spec.split(',') {
            let Some((header, path)) = column.split_once(':') else {
                return ctx.out.fail(format!("error: expected <header>:<json-path>, got {column}\n"));
            };
            headers.push(header.to_string());
            paths.push(path.to_string());
        }
        let mut lines = Vec::new();
        if !parsed.bool("no-headers") {
            lines.push(headers);
        }
        for (_, items) in &groups {
            for item in items {
                let json = objects::to_json(item);
                let row = paths
                    .iter()
                    .map(|path| match crate::kubectl::printers::jsonpath::select(&json, path) {
                        Ok(values) if !values.is_empty() => values.iter().map(crate::kubectl::printers::jsonpath::format_value).collect::<Vec<_>>().join(","),
                        _ => "<none>".to_string(),
                    })
                    .collect();
                lines.push(row);
            }
        }
        if total > 0 {
            ctx.out.out(layout(&lines));
        }
        for error in &errors {
            ctx.out.fail(error.clone());
        }
        if total == 0 && errors.is_empty() && request.names.is_empty() {
            ctx.out.err(format!("No resources found in {ns} namespace.\n"));
        }
        return;
    }
    let mut watch_writer = Writer::new(TABLE);
    match output.as_str() {
        "yaml" | "json" => {
            let mut values: Vec<serde_json::Value> = groups.iter().flat_map(|(_, items)| items.iter().map(objects::to_json)).collect();
            let single = request.names.len() == 1 && values.len() == 1 && !is_all;
            if total > 0 || request.names.is_empty() {
                let document = if single {
                    values.remove(0)
                } else {
                    serde_json::json!({"apiVersion": "v1", "items": values, "kind": "List", "metadata": {"resourceVersion": ""}})
                };
                if output == "yaml" {
                    ctx.out.out(crate::yaml::to_yaml(&document));
                } else {
                    ctx.out.out(format!("{}\n", to_json_pretty(&document)));
                }
            }
        }
        "name" => {
            for (resource, items) in &groups {
                for item in items {
                    ctx.out.out(format!("{}/{}\n", resource.qualified(), objects::meta(item).name));
                }
            }
        }
        _ => {
            let wide = output == "wide";
            let mut printed_any = false;
            for (resource, items) in &groups {
                if items.is_empty() {
                    continue;
                }
                let mut headers: Vec<String> = table::headers(resource.kind, wide).iter().map(|h| h.to_string()).collect();
                let label_columns: Vec<String> = parsed.all("label-columns").iter().flat_map(|l| l.split(',').map(str::to_string).collect::<Vec<_>>()).collect();
                let show_namespace = all_namespaces && resource.kind.namespaced();
                if show_namespace {
                    headers.insert(0, "NAMESPACE".into());
                }
                for column in &label_columns {
                    headers.push(column.rsplit('/').next().unwrap_or(column).to_ascii_uppercase());
                }
                if parsed.bool("show-labels") {
                    headers.push("LABELS".into());
                }
                let mut lines = Vec::new();
                if !parsed.bool("no-headers") {
                    lines.push(headers);
                }
                for item in items {
                    let meta = objects::meta(item);
                    let mut row = table::row(item, wide, now);
                    if with_kind && resource.kind != Kind::Event {
                        row[0] = format!("{}/{}", resource.qualified(), row[0]);
                    }
                    if show_namespace {
                        row.insert(0, meta.ns().to_string());
                    }
                    for column in &label_columns {
                        row.push(meta.labels.get(column).cloned().unwrap_or_default());
                    }
                    if parsed.bool("show-labels") {
                        row.push(crate::engine::api::meta::format_labels(&meta.labels));
                    }
                    lines.push(row);
                }
                if printed_any {
                    ctx.out.out("\n");
                }
                // Each type's table is a writer of its own (SetRememberedWidths(nil)); a watch
                // goes on with the last one, its widths remembered.
                watch_writer = Writer::new(TABLE);
                ctx.out.out(watch_writer.flush(&lines.iter().map(|cells| format!("{}\n", cells.join("\t"))).collect::<String>()));
                printed_any = true;
            }
        }
    }
    for error in &errors {
        ctx.out.fail(error.clone());
    }
    if parsed.bool("watch") || parsed.bool("watch-only") {
        watch(ctx, &parsed, &request, &groups, &selector, all_namespaces, &ns, output == "wide", with_kind, &mut watch_writer);
        return;
    }
    if total == 0 && errors.is_empty() && request.names.is_empty() && output != "yaml" && output != "json" {
        let cluster_scoped = request.types.iter().all(|t| !t.kind.namespaced());
        if all_namespaces || cluster_scoped {
            ctx.out.err("No resources found\n");
        } else {
            ctx.out.err(format!("No resources found in {ns} namespace.\n"));
        }
    }
}

/// The resource builder's error for a name with `-A` (visitByName in
/// cli-runtime/pkg/resource/builder.go); cluster-scoped kinds are exempt.
pub const BY_NAME_ACROSS_NAMESPACES: &str = "a resource cannot be retrieved by name across all namespaces";

/// The Go template `-o go-template=T`, `-o template=T`, `-o go-template --template=T` or
/// `-o go-template-file=FILE` asks for, if any.
fn go_template_of(ctx: &Ctx, parsed: &args::Parsed, output: &str) -> Result<Option<String>, String> {
    let (format, inline) = match output.split_once('=') {
        Some((format, value)) => (format, Some(value.to_string())),
        None => (output, None),
    };
    let text = match format {
        "go-template" | "template" => inline.or_else(|| parsed.get("template").map(str::to_string)),
        "go-template-file" | "templatefile" => {
            let Some(path) = inline.or_else(|| parsed.get("template").map(str::to_string)) else {
                return Err("template format specified but no template file given".into());
            };
            match ctx.cluster.file(&path) {
                Some(text) => Some(text.to_string()),
                None => return Err(format!("error reading --template {path}, open {path}: no such file or directory")),
            }
        }
        _ => return Ok(None),
    };
    match text {
        Some(text) if !text.is_empty() => Ok(Some(text)),
        _ => Err("template format specified but no template given".into()),
    }
}

/// Prints one document through a Go template as kubectl's GoTemplatePrinter does: a parse error
/// before anything, an execution error after the output so far and a debugging dump on stdout.
fn print_go_template(ctx: &mut Ctx, template: &str, document: &serde_json::Value) {
    use crate::kubectl::printers::go_template::{self, TemplateError};
    match go_template::execute(template, document) {
        Ok(text) => ctx.out.out(text),
        Err(TemplateError::Parse(message)) => ctx.out.fail(format!("error: error parsing template {template}, {message}\n")),
        Err(TemplateError::Exec { message, partial }) => {
            ctx.out.out(format!(
                "{partial}Error executing template: {message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{template}\n\traw data was:\n\t\t{}\n\tobject given to template engine was:\n\t\t{}\n\n",
                serde_json::to_string(document).unwrap_or_default(),
                go_template::format_value(document)
            ));
            ctx.out.fail(format!("error: error executing template {}: {message}\n", serde_json::to_string(template).unwrap_or_default()));
        }
    }
}

/// JSON as kubectl prints it: 4-space indent, non-ASCII unescaped.
pub fn to_json_pretty(value: &serde_json::Value) -> String {
    let mut buffer = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut buffer, formatter);
    let _ = serde::Serialize::serialize(value, &mut serializer);
    String::from_utf8(buffer).unwrap_or_default()
}

/// `--sort-by` with a JSONPath field (`.metadata.name`, `{.metadata.creationTimestamp}`).
fn sort_objects(items: &mut [Obj], field: &str) {
    sort_by_field(items, field, objects::to_json);
}

/// `--sort-by=FIELD` over items seen as JSON: numbers by value, anything else by its JSON text.
pub(crate) fn sort_by_field<T>(items: &mut [T], field: &str, to_json: impl Fn(&T) -> serde_json::Value) {
    let key = |item: &T| crate::kubectl::printers::jsonpath::select(&to_json(item), field).ok().and_then(|v| v.into_iter().next()).unwrap_or(serde_json::Value::Null);
    items.shared_sort_by(|a, b| {
        let (ka, kb) = (key(a), key(b));
        match (ka.as_f64(), kb.as_f64()) {
            (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal),
            _ => ka.to_string().cmp(&kb.to_string()),
        }
    });
}

const DESCRIBE_FLAGS: &[FlagSpec] = &[value("selector", Some('l')), boolean("all-namespaces", Some('A')), boolean("show-events", None), value("filename", Some('f'))];

/// The requests a describer makes for one object (k8s.io/kubectl/pkg/describe): it reads the
/// object again, then what it shows beside it, then its events (`searchEvents`; the order of the
/// field selector's terms is Go's map order there, fixed here).
fn describe_requests(ctx: &mut Ctx, target: &Obj, show_events: bool) {
    use crate::kubectl::klog::{collection_path, item_path, query};
    if ctx.klog.verbosity < 6 {
        return;
    }
    let kind = objects::kind_of(target);
    let resource = resources::of_kind(kind);
    let meta = objects::meta(target).clone();
    let ns = if kind.namespaced() { meta.ns().to_string() } else { String::new() };
    ctx.request("GET", &item_path(resource, &ns, &meta.name), 200);
    let events_path = |ctx: &Ctx, with_kind: bool, uid: &str| {
        let kind_term = if with_kind { format!("involvedObject.kind={},", kind.name()) } else { String::new() };
        let fields = format!("involvedObject.name={},involvedObject.namespace={ns},{kind_term}involvedObject.uid={uid}", meta.name);
        let _ = ctx;
        format!("{}{}", collection_path(resources::of_kind(Kind::Event), (!ns.is_empty()).then_some(ns.as_str())), query(&[("fieldSelector", &fields), ("limit", "500")]))
    };
    let selector_of = |target: &Obj| match target {
        Obj::Deployment(d) => d.spec.selector.as_ref().map(|s| s.display()).unwrap_or_default(),
        Obj::ReplicaSet(rs) => rs.spec.selector.as_ref().map(|s| s.display()).unwrap_or_default(),
        Obj::DaemonSet(ds) => ds.spec.selector.as_ref().map(|s| s.display()).unwrap_or_default(),
        Obj::StatefulSet(sts) => sts.spec.selector.as_ref().map(|s| s.display()).unwrap_or_default(),
        Obj::ReplicationController(rc) => rc.spec.selector.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(","),
        _ => String::new(),
    };
    match kind {
        Kind::Pod => {
            if show_events {
                let path = events_path(ctx, false, &meta.uid);
                ctx.request("GET", &path, 200);
            }
        }
        Kind::Deployment => {
            if show_events {
                let path = events_path(ctx, true, &meta.uid);
                ctx.request("GET", &path, 200);
            }
            let selector = selector_of(target);
            ctx.request("GET", &format!("{}{}", collection_path(resources::of_kind(Kind::ReplicaSet), Some(&ns)), query(&[("labelSelector", &selector), ("limit", "500")])), 200);
        }
        // ReplicaSetDescriber, DaemonSetDescriber, StatefulSetDescriber and
        // ReplicationControllerDescriber: getPodStatusForController, then searchEvents.
        Kind::ReplicaSet | Kind::DaemonSet | Kind::StatefulSet | Kind::ReplicationController => {
            let selector = selector_of(target);
            ctx.request("GET", &format!("{}{}", collection_path(resources::of_kind(Kind::Pod), Some(&ns)), query(&[("labelSelector", &selector), ("limit", "500")])), 200);
            if show_events {
                let path = events_path(ctx, true, &meta.uid);
                ctx.request("GET", &path, 200);
            }
        }
        Kind::Service => {
            let selector = format!("kubernetes.io/service-name={}", meta.name);
            ctx.request("GET", &format!("/apis/discovery.k8s.io/v1/namespaces/{ns}/endpointslices{}", query(&[("labelSelector", &selector)])), 200);
            if show_events {
                let path = events_path(ctx, true, &meta.uid);
                ctx.request("GET", &path, 200);
            }
        }
        Kind::Node => {
            let fields = format!("spec.nodeName={},status.phase!=Succeeded,status.phase!=Failed", meta.name);
            ctx.request("GET", &format!("/api/v1/pods{}", query(&[("fieldSelector", &fields), ("limit", "500")])), 200);
            if show_events {
                let path = events_path(ctx, true, &meta.uid);
                ctx.request("GET", &path, 200);
            }
            if show_events {
                let path = events_path(ctx, true, &meta.name);
                ctx.request("GET", &path, 200);
            }
            ctx.request("GET", &format!("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/{}", meta.name), 200);
        }
        Kind::Namespace => {
            ctx.request("GET", &format!("/api/v1/namespaces/{}/resourcequotas?limit=500", meta.name), 200);
            ctx.request("GET", &format!("/api/v1/namespaces/{}/limitranges?limit=500", meta.name), 200);
        }
        _ => {
            if show_events {
                let path = events_path(ctx, true, &meta.uid);
                ctx.request("GET", &path, 200);
            }
        }
    }
}

/// `-f FILE...` as the resource builder reads it for `get` and `describe`: the objects the files
/// name, by type and name, and each one's key (its own namespace, else the command's). A `-n`
/// that differs from an object's namespace is kubectl's error. `Some((None, _))` without `-f`;
/// None when the command failed.
fn files_request(ctx: &mut Ctx, parsed: &args::Parsed, ns: &str) -> Option<(Option<Request>, Vec<crate::engine::store::Key>)> {
    if !parsed.has("filename") {
        return Some((None, Vec::new()));
    }
    let (targets, _) = crate::kubectl::apply::file_targets(ctx, &parsed.all("filename"), ns, "read")?;
    if parsed.has("namespace") {
        if let Some((_, key, _)) = targets.iter().find(|(kind, key, _)| kind.namespaced() && key.namespace != ns) {
            let given = &key.namespace;
            ctx.out.fail(format!("error: the namespace from the provided object \"{given}\" does not match the namespace \"{ns}\". You must pass '--namespace={given}' to perform this operation.\n"));
            return None;
        }
    }
    let names = targets.iter().map(|(kind, _, name)| (resources::of_kind(*kind), name.clone())).collect();
    let keys = targets.into_iter().map(|(_, key, _)| key).collect();
    Some((Some(Request { types: Vec::new(), names }), keys))
}

#[inline(never)]
pub fn describe(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, DESCRIBE_FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "describe", &message),
    };
    let from_files = parsed.has("filename");
    if from_files && !parsed.positional.is_empty() {
        return ctx.out.fail("error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n");
    }
    if parsed.positional.is_empty() && !from_files {
        ctx.out.fail("You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl describe -h' for help and examples\n");
        return;
    }
    let Some(selector) = selector(ctx, &parsed, "describe") else { return };
    let ns = namespace(&parsed);
    let Some((request, file_keys)) = files_request(ctx, &parsed, &ns) else { return };
    let request = match request {
        Some(request) => request,
        None => match objects::parse_request(&parsed.positional) {
            Ok(request) => request,
            Err(message) => return ctx.out.fail(format!("error: {message}\n")),
        },
    };
    let all_namespaces = parsed.bool("all-namespaces");
    if all_namespaces && request.names.iter().any(|(t, _)| t.kind.namespaced()) {
        return ctx.out.fail(format!("error: {BY_NAME_ACROSS_NAMESPACES}\n"));
    }
    let mut targets: Vec<Obj> = Vec::new();
    if request.names.is_empty() {
        for resource in &request.types {
            let scope = if all_namespaces { None } else { Some(ns.as_str()) };
            let path = list_path(&parsed, resource, scope, Some("500"));
            ctx.request("GET", &path, 200);
            targets.extend(objects::list(ctx.cluster, resource.kind, scope, &selector));
        }
    } else {
        for (index, (resource, name)) in request.names.iter().enumerate() {
            let ns = file_keys.get(index).map_or(ns.as_str(), |key| key.namespace.as_str()).to_string();
            let found = objects::get(ctx.cluster, resource.kind, &ns, name);
            ctx.request("GET", &crate::kubectl::klog::item_path(resource, &ns, name), if found.is_some() { 200 } else { 404 });
            match found {
                Some(object) => targets.push(object),
                None => {
                    let path = crate::kubectl::klog::collection_path(resource, Some(&ns));
                    ctx.request("GET", &format!("{path}?limit=500"), 200);
                    // describe also accepts a name prefix.
                    let prefixed: Vec<Obj> = objects::list(ctx.cluster, resource.kind, Some(&ns), &Selector::everything())
                        .into_iter()
                        .filter(|o| objects::meta(o).name.starts_with(name.as_str()))
                        .collect();
                    if prefixed.is_empty() {
                        ctx.klog_not_found(resource, name);
                        ctx.out.fail(format!("Error from server (NotFound): {} \"{name}\" not found\n", resource.resource()));
                    }
                    targets.extend(prefixed);
                }
            }
        }
    }
    let mut first = true;
    for target in targets {
        if !first {
            ctx.out.out("\n\n");
        }
        first = false;
        // DescriberSettings.ShowEvents: `--show-events=false` neither asks for events nor prints
        // the section (always the describer's last).
        let show_events = parsed.get("show-events") != Some("false");
        describe_requests(ctx, &target, show_events);
        let mut text = crate::kubectl::printers::describe::describe(ctx.cluster, &target);
        if !show_events {
            if let Some(at) = text.rfind("\nEvents:") {
                text.truncate(at + 1);
            }
        }
        ctx.out.out(text);
    }
    if request.names.is_empty() && first && ctx.out.exit_code == 0 {
        if all_namespaces {
            ctx.out.err("No resources found\n");
        } else {
            ctx.out.err(format!("No resources found in {ns} namespace.\n"));
        }
    }
}

/// `get -w`: after the listing, one row per change as the virtual clock runs, each flushed on its own
/// through the writer that printed the list (kubectl's `get.go` watch: one tab writer,
/// `Flush` after every event, widths remembered).
#[allow(clippy::too_many_arguments)]
fn watch(ctx: &mut Ctx, parsed: &args::Parsed, request: &Request, groups: &[(&'static ResourceType, Vec<Obj>)], selector: &Selector, all_namespaces: bool, ns: &str, wide: bool, with_kind: bool, writer: &mut Writer) {
    let seconds = parsed.get("request-timeout").and_then(crate::kubectl::rollout::parse_duration).filter(|s| *s > 0).unwrap_or(DEFAULT_WATCH_SECONDS);
    let kinds: Vec<&'static ResourceType> = if request.names.is_empty() { request.types.clone() } else { groups.iter().map(|(t, _)| *t).collect() };
    let names: Vec<String> = request.names.iter().map(|(_, n)| n.clone()).collect();
    let now_listed = groups.iter().map(|(_, items)| items.len()).sum::<usize>();
    if now_listed == 0 && !parsed.bool("watch-only") {
        ctx.out.err(if all_namespaces { "No resources found\n".to_string() } else { format!("No resources found in {ns} namespace.\n") });
    }
    ctx.cluster.store.start_recording();
    for _ in 0..seconds {
        ctx.tick();
        let now = ctx.cluster.time();
        for event in ctx.cluster.store.take_recorded() {
            let Some(object) = event.new.clone().or_else(|| event.old.clone()) else { continue };
            let kind = objects::kind_of(&object);
            let Some(resource) = kinds.iter().find(|t| t.kind == kind) else { continue };
            let meta = objects::meta(&object);
            if !all_namespaces && kind.namespaced() && meta.ns() != ns {
                continue;
            }
            if !names.is_empty() && !names.iter().any(|n| *n == meta.name) {
                continue;
            }
            if !selector.matches(&meta.labels) || !field_selector(parsed, resource).is_ok_and(|f| f.matches(&object)) {
                continue;
            }
            let mut row = table::row(&object, wide, now);
            if with_kind {
                row[0] = format!("{}/{}", resource.qualified(), row[0]);
            }
            if all_namespaces && kind.namespaced() {
                row.insert(0, meta.ns().to_string());
            }
            ctx.out.out(writer.flush(&format!("{}\n", row.join("\t"))));
        }
    }
    ctx.cluster.store.stop_recording();
}
