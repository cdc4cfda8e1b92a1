//! `apply`, `create`, `replace` and `delete`: manifests in, objects through the apiserver.

use std::rc::Rc;

use crate::engine::api::core::{ConfigMap, Namespace, Secret};
use crate::engine::api::deployment::{Deployment, LAST_APPLIED_ANNOTATION};
use crate::engine::api::meta::ObjectMeta;
use crate::engine::api::selector::Selector;
use crate::engine::apiserver::{self, Propagation};
use crate::engine::error::ApiError;
use crate::engine::store::{Key, Kind, Obj};
use crate::kubectl::args::{self, boolean, value, FlagSpec};
use crate::kubectl::get::namespace;
use crate::kubectl::objects;
use crate::kubectl::printers::print_flags;
use crate::kubectl::resources;
use crate::kubectl::{flag_error, Ctx};
use crate::yaml::{self, Manifest, ManifestError};
use crate::order::SharedSort;
use crate::order::CollectMap;

/// One file's documents, named as kubectl names the source in errors (`STDIN` for `-f -`).
pub(crate) struct Source {
    pub(crate) name: String,
    pub(crate) text: String,
}

fn read_sources(ctx: &mut Ctx, files: &[String]) -> Option<Vec<Source>> {
    if files.is_empty() {
        ctx.out.fail("error: must specify one of -f and -k\n");
        return None;
    }
    match read_files(ctx.cluster, ctx.stdin, files, Some("error: no objects passed to apply\n")) {
        Ok(sources) => Some(sources),
        Err(message) => {
            ctx.out.fail(message);
            None
        }
    }
}

/// The texts `-f` names, as the resource builder expands them (FilenameParam): `-` is the
/// heredoc or pipe, a file, or every .json, .yaml and .yml file under a directory, in name
/// order. The first error in file order is kubectl's text. `no_stdin`: the error for `-`
/// without a heredoc or pipe (apply's); without one, `-` reads nothing (diff's).
pub(crate) fn read_files(cluster: &crate::engine::Cluster, stdin: Option<&str>, files: &[String], no_stdin: Option<&str>) -> Result<Vec<Source>, String> {
    let mut sources = Vec::new();
    for file in files {
        if file == "-" {
            match (stdin, no_stdin) {
                (None, Some(error)) => return Err(error.to_string()),
                (text, _) => sources.push(Source { name: "STDIN".to_string(), text: text.unwrap_or("").to_string() }),
            }
            continue;
        }
        if file.starts_with("http://") || file.starts_with("https://") {
            return Err(format!("error: unable to read URL \"{file}\": kubeplay runs offline; paste the manifest into the YAML panel instead\n"));
        }
        if let Some(text) = cluster.file(file) {
            sources.push(Source { name: file.clone(), text: text.to_string() });
            continue;
        }
        // A directory: every .yaml, .yml and .json file under it, in name order.
        let prefix = format!("{}/", file.trim_end_matches('/'));
        let in_dir: Vec<Source> = cluster
            .files()
            .iter()
            .filter(|(name, _)| name.starts_with(&prefix) && (name.ends_with(".yaml") || name.ends_with(".yml") || name.ends_with(".json")))
            .map(|(name, text)| Source { name: name.clone(), text: text.clone() })
            .collect();
        if in_dir.is_empty() {
            // A directory with files, none of them a manifest: the resource builder's
            // FileExtensions check (cli-runtime builder.go, ExpandPathsToFileVisitors).
            if cluster.files().keys().any(|name| name.starts_with(&prefix)) {
                return Err(format!("error: error reading [{file}]: recognized file extensions are [.json .yaml .yml]\n"));
            }
            return Err(format!("error: the path \"{file}\" does not exist\n"));
        }
        sources.extend(in_dir);
    }
    Ok(sources)
}

/// The objects `-f` files name, as the resource builder visits them (kind, key, name): each
/// object in its own namespace, else `ns`; manifest errors reported as they are met (`verb` is
/// what would have been done). None when a file cannot be read; the flag says whether the files
/// held any document at all.
pub(crate) fn file_targets(ctx: &mut Ctx, files: &[String], ns: &str, verb: &str) -> Option<(Vec<(Kind, Key, String)>, bool)> {
    let sources = read_sources(ctx, files)?;
    let mut targets = Vec::new();
    let mut any = false;
    for source in sources {
        for document in yaml::parse_documents(&source.text) {
            any = true;
            match document {
                Ok(manifest) => {
                    let meta = objects::meta(&manifest.object);
                    let target_ns = meta.namespace.clone().unwrap_or_else(|| ns.into());
                    let key = if manifest.kind.namespaced() { Key::new(&target_ns, &meta.name) } else { Key::new("", &meta.name) };
                    targets.push((manifest.kind, key, meta.name.to_string()));
                }
                Err(error) => report_manifest_error(ctx, &source.name, &error, verb, false),
            }
        }
    }
    Some((targets, any))
}

/// Prints a manifest error as kubectl would; returns nothing.
fn report_manifest_error(ctx: &mut Ctx, source: &str, error: &ManifestError, verb: &str, validating: bool) {
    let text = manifest_error_text(source, error, verb, validating);
    ctx.out.fail(text);
}

/// What kubectl prints for a manifest the resource builder could not read, or the apiserver
/// could not decode (`verb`: created, configured, diffed; `validating`: the client-side schema
/// check ran).
pub(crate) fn manifest_error_text(source: &str, error: &ManifestError, verb: &str, validating: bool) -> String {
    match error {
        ManifestError::Syntax { go_line: Some(line), message, .. } => {
            format!("error: error parsing {source}: error converting YAML to JSON: yaml: line {line}: {message}\n")
        }
        ManifestError::Syntax { go_line: None, message, .. } => format!("error: error parsing {source}: error converting YAML to JSON: yaml: {message}\n"),
        ManifestError::Convert { message, .. } => format!("error: error parsing {source}: error converting YAML to JSON: {message}\n"),
        ManifestError::Json { message, .. } => format!("error: error parsing {source}: {message}\n"),
        ManifestError::Missing { json, .. } if validating => format!("error: error validating \"{source}\": error validating data: {}; if you choose to ignore these errors, turn validation off with --validate=false\n", object_kind_errors(json)),
        ManifestError::Missing { json, .. } if !json.starts_with('{') => {
            let type_ = match json.chars().next() {
                Some('"') => "string",
                Some('[') => "array",
                Some('t' | 'f') => "bool",
                _ => "number",
            };
            format!("error: unable to decode \"{source}\": json: cannot unmarshal {type_} into Go value of type unstructured.detector\n")
        }
        ManifestError::Missing { what, json } => format!("error: unable to decode \"{source}\": Object '{what}' is missing in '{json}'\n"),
        ManifestError::NoMatch { kind, api_version, name } => format!(
            "error: resource mapping not found for name: \"{name}\" namespace: \"\" from \"{source}\": no matches for kind \"{kind}\" in version \"{api_version}\"\nensure CRDs are installed first\n"
        ),
        ManifestError::Unsupported { kind, api_version, name } => format!(
            "error: kubeplay does not simulate kind \"{kind}\" ({api_version}) yet, so \"{name}\" from \"{source}\" was not {verb}; it simulates {}\n",
            crate::yaml::simulated_kinds_sentence()
        ),
        ManifestError::Decode { kind, message, .. } => format!(
            "Error from server (BadRequest): error when {} \"{source}\": {kind} in version \"v1\" cannot be handled as a {kind}: {message}\n",
            if verb == "created" { "creating" } else { "applying patch" }
        ),
    }
}

/// What the client-side schema check says of a document without a kind or apiVersion (`json`,
/// compact): `invalid object to validate` for one that is not a map, else each of `apiVersion
/// not set` and `kind not set` that applies, several as an aggregate (`[a, b]`). Mirrors
/// getObjectKind (kubectl/pkg/validation/schema.go), which fails before the OpenAPI schema is
/// fetched.
fn object_kind_errors(json: &str) -> String {
    let Ok(serde_json::Value::Object(fields)) = serde_json::from_str::<serde_json::Value>(json) else {
        return "invalid object to validate".to_string();
    };
    let mut errors = Vec::new();
    for (field, name) in [("apiVersion", "apiVersion"), ("kind", "kind")] {
        match fields.get(field) {
            None | Some(serde_json::Value::Null) => errors.push(format!("{name} not set")),
            Some(serde_json::Value::String(_)) => {}
            Some(_) => errors.push(format!("{name} isn't string type")),
        }
    }
    match errors.len() {
        1 => errors.remove(0),
        _ => format!("[{}]", errors.join(", ")),
    }
}

/// Whether `--validate` leaves the client-side schema check on (cmdutil.GetValidationDirective:
/// anything but `false` and `ignore`; bad values were refused before the command ran).
fn validating(parsed: &args::Parsed) -> bool {
    let value = parsed.get("validate").unwrap_or("strict");
    !matches!(value, "0" | "f" | "F" | "false" | "FALSE" | "False" | "ignore")
}

/// Sets the target namespace on a namespaced manifest; errors when it conflicts with `-n`.
fn place(ctx: &mut Ctx, manifest: &mut Manifest, ns: &str, explicit_ns: bool) -> bool {
    if !manifest.kind.namespaced() {
        return true;
    }
    let given = manifest.raw.pointer("/metadata/namespace").and_then(|v| v.as_str()).map(str::to_string);
    let target = match given {
        Some(given) if explicit_ns && given != ns => {
            ctx.out.fail(format!(
                "error: the namespace from the provided object \"{given}\" does not match the namespace \"{ns}\". You must pass '--namespace={given}' to perform this operation.\n"
            ));
            return false;
        }
        Some(given) => given,
        None => ns.to_string(),
    };
    if let Some(metadata) = manifest.raw.get_mut("metadata").and_then(|m| m.as_object_mut()) {
        metadata.insert("namespace".into(), serde_json::Value::String(target.clone()));
    }
    set_namespace(&mut manifest.object, &target);
    true
}

fn set_namespace(object: &mut Obj, ns: &str) {
    fn set<T: Clone>(rc: &mut Rc<T>, f: impl FnOnce(&mut T)) {
        f(Rc::make_mut(rc));
    }
    let ns: Option<crate::engine::api::text::Text> = Some(ns.into());
    match object {
        Obj::Pod(o) => set(o, |o| o.metadata.namespace = ns),
        Obj::Deployment(o) => set(o, |o| o.metadata.namespace = ns),
        Obj::ReplicaSet(o) => set(o, |o| o.metadata.namespace = ns),
        Obj::Service(o) => set(o, |o| o.metadata.namespace = ns),
        Obj::Endpoints(o) => set(o, |o| o.metadata.namespace = ns),
        Obj::ConfigMap(o) => set(o, |o| o.metadata.namespace = ns),
        Obj::Secret(o) => set(o, |o| o.metadata.namespace = ns),
        Obj::Event(o) => set(o, |o| o.metadata.namespace = ns),
        Obj::Job(o) => set(o, |o| o.metadata.namespace = ns),
        Obj::PersistentVolumeClaim(o) => set(o, |o| o.metadata.namespace = ns),
        Obj::Ingress(o) => set(o, |o| o.metadata.namespace = ns),
        Obj::ServiceAccount(o) => set(o, |o| o.metadata.namespace = ns),
        Obj::DaemonSet(o) => set(o, |o| o.metadata.namespace = ns),
        Obj::StatefulSet(o) => set(o, |o| o.metadata.namespace = ns),
        Obj::ReplicationController(o) => set(o, |o| o.metadata.namespace = ns),
        Obj::NetworkPolicy(o) => set(o, |o| o.metadata.namespace = ns),
        Obj::PodDisruptionBudget(o) => set(o, |o| o.metadata.namespace = ns),
        Obj::HorizontalPodAutoscaler(o) => set(o, |o| o.metadata.namespace = ns),
        Obj::LimitRange(o) => set(o, |o| o.metadata.namespace = ns),
        Obj::ResourceQuota(o) => set(o, |o| o.metadata.namespace = ns),
        Obj::CronJob(o) => set(o, |o| o.metadata.namespace = ns),
        Obj::Role(o) => set(o, |o| o.metadata.namespace = ns),
        Obj::RoleBinding(o) => set(o, |o| o.metadata.namespace = ns),
        Obj::Namespace(_) | Obj::Node(_) | Obj::StorageClass(_) | Obj::PersistentVolume(_) | Obj::IngressClass(_) | Obj::ClusterRole(_) | Obj::ClusterRoleBinding(_) => {}
    }
}

/// The last-applied annotation value: the manifest as sent, compact JSON, keys sorted, newline.
fn last_applied(raw: &serde_json::Value) -> String {
    let mut value = raw.clone();
    if let Some(metadata) = value.get_mut("metadata").and_then(|m| m.as_object_mut()) {
        let annotations = metadata.entry("annotations").or_insert_with(|| serde_json::json!({}));
        if let Some(map) = annotations.as_object_mut() {
            map.remove(LAST_APPLIED_ANNOTATION);
        } else {
            *annotations = serde_json::json!({});
        }
    }
    format!("{}\n", serde_json::to_string(&value).unwrap_or_default())
}

fn with_annotation(raw: &serde_json::Value, key: &str, value: &str) -> serde_json::Value {
    let mut raw = raw.clone();
    if let Some(metadata) = raw.get_mut("metadata").and_then(|m| m.as_object_mut()) {
        let annotations = metadata.entry("annotations").or_insert_with(|| serde_json::json!({}));
        if !annotations.is_object() {
            *annotations = serde_json::json!({});
        }
        if let Some(map) = annotations.as_object_mut() {
            map.insert(key.to_string(), serde_json::Value::String(value.to_string()));
        }
    }
    raw
}

/// A client-side three-way merge: start from the live object, drop what the last applied
/// manifest had and the new one does not, overlay the new manifest (maps merge, lists replace).
pub fn three_way_merge(live: &serde_json::Value, previous: Option<&serde_json::Value>, desired: &serde_json::Value) -> serde_json::Value {
    let mut result = live.clone();
    if let Some(previous) = previous {
        remove_dropped(&mut result, previous, desired);
    }
    overlay(&mut result, desired);
    result
}

fn remove_dropped(result: &mut serde_json::Value, previous: &serde_json::Value, desired: &serde_json::Value) {
    let (Some(result_map), Some(previous_map)) = (result.as_object_mut(), previous.as_object()) else { return };
    for (key, old_value) in previous_map {
        match desired.get(key) {
            None => {
                result_map.remove(key);
            }
            Some(new_value) if new_value.is_object() && old_value.is_object() => {
                if let Some(child) = result_map.get_mut(key) {
                    remove_dropped(child, old_value, new_value);
                }
            }
            Some(_) => {}
        }
    }
}

fn overlay(result: &mut serde_json::Value, desired: &serde_json::Value) {
    match (result.as_object_mut(), desired.as_object()) {
        (Some(result_map), Some(desired_map)) => {
            for (key, value) in desired_map {
                match result_map.get_mut(key) {
                    Some(existing) if existing.is_object() && value.is_object() => overlay(existing, value),
                    _ => {
                        result_map.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        _ => *result = desired.clone(),
    }
}

const APPLY_FLAGS: &[FlagSpec] = &[
    value("filename", Some('f')),
    args::DRY_RUN,
    value("output", Some('o')),
    boolean("recursive", Some('R')),
    args::VALIDATE,
    boolean("record", None),
    boolean("server-side", None),
    boolean("force", None),
    boolean("save-config", None),
    value("field-manager", None),
    value("selector", Some('l')),
    boolean("prune", None),
    boolean("overwrite", None),
    boolean("edit", None),
    value("kustomize", Some('k')),
    boolean("all", None),
    boolean("force-conflicts", None),
    value("template", None),
    boolean("allow-missing-template-keys", None),
    boolean("show-managed-fields", None),
];

/// What `kubectl apply` refuses before it reads a file, in the order kubectl 1.32 reports them:
/// arguments, no `-f`/`-k` or both (FilenameOptions.RequireFilenameOrKustomize), then
/// ApplyOptions.Validate (kubectl/pkg/cmd/apply/apply.go): `--force-conflicts` without `--server-side`,
/// `--force` or `--dry-run=client` with it, `--prune` without `--all` or a selector.
fn apply_flag_conflicts(parsed: &args::Parsed) -> Option<String> {
    let server_side = parsed.bool("server-side");
    let selector = parsed.get("selector").unwrap_or("");
    if !parsed.positional.is_empty() {
        Some(format!("error: Unexpected args: [{}]\nSee 'kubectl apply -h' for help and examples\n", parsed.positional.join(" ")))
    } else if !parsed.has("filename") && !parsed.has("kustomize") {
        Some("error: must specify one of -f and -k\n".into())
    } else if parsed.has("filename") && parsed.has("kustomize") {
        Some("error: only one of -f or -k can be specified\n".into())
    } else if parsed.bool("force-conflicts") && !server_side {
        Some("error: --force-conflicts only works with --server-side\n".into())
    } else if parsed.bool("force") && server_side {
        Some("error: --force cannot be used with --server-side\n".into())
    } else if parsed.dry_run() == Some("client") && server_side {
        Some("error: --dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)\n".into())
    } else if parsed.bool("prune") && parsed.bool("all") && !selector.is_empty() {
        Some("error: cannot set --all and --selector at the same time\n".into())
    } else if parsed.bool("prune") && !parsed.bool("all") && selector.is_empty() {
        Some("error: all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector\n".into())
    } else {
        None
    }
}

/// `kubectl apply -f FILE|-`: create or three-way merge each document.
#[inline(never)]
pub fn apply(ctx: &mut Ctx, words: &[String]) {
    match words.first().map(String::as_str) {
        Some("view-last-applied") => return crate::kubectl::apply_last_applied::view_last_applied(ctx, &words[1..]),
        Some(sub @ ("set-last-applied" | "edit-last-applied")) => return ctx.out.fail(crate::kubectl::help::not_simulated(&format!("apply {sub}"))),
        _ => {}
    }
    let parsed = match args::parse(words, APPLY_FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "apply", &message),
    };
    if parsed.has("record") {
        ctx.out.err("Flag --record has been deprecated, --record will be removed in the future\n");
    }
    let files = parsed.all("filename");
    if let Some(message) = apply_flag_conflicts(&parsed) {
        return ctx.out.fail(message);
    }
    if parsed.has("kustomize") {
        return ctx.out.fail("error: kubeplay does not run kustomize: apply the manifests with -f\n");
    }
    let Some(sources) = read_sources(ctx, &files) else { return };
    let ns = namespace(&parsed);
    let explicit_ns = parsed.has("namespace");
    let dry_run = parsed.dry_run().map(str::to_string);
    let Ok(output) = print_flags::output_or_fail(ctx, &parsed) else { return };
    let record = parsed.bool("record").then(|| record_cause(words, "apply"));
    let mut any = false;
    let mut collected = Vec::new();
    for source in sources {
        for document in yaml::parse_documents(&source.text) {
            any = true;
            let mut manifest = match document {
                Ok(manifest) => manifest,
                Err(error) => {
                    report_manifest_error(ctx, &source.name, &error, "created", validating(&parsed));
                    continue;
                }
            };
            if !place(ctx, &mut manifest, &ns, explicit_ns) {
                continue;
            }
            apply_one(ctx, &source.name, manifest, dry_run.as_deref(), output.as_deref(), record.as_deref(), &mut collected);
        }
    }
    if !any {
        ctx.out.fail("error: no objects passed to apply\n");
    }
    print_applied(ctx, output.as_deref(), collected);
}

/// Whether `-o` asks for the objects themselves (yaml, json, a template): apply then prints them
/// all at the end rather than a line each (ApplyOptions.shouldPrintObject).
fn prints_objects(output: Option<&str>) -> bool {
    output.is_some_and(|o| o != "name")
}

/// ApplyOptions.printObjects: one object as it is, several in a `v1` List (`corev1.List`, whose
/// empty ListMeta prints as `metadata: {}`).
fn print_applied(ctx: &mut Ctx, output: Option<&str>, mut collected: Vec<serde_json::Value>) {
    let object = match collected.len() {
        0 => return,
        1 => collected.pop().unwrap_or_default(),
        _ => serde_json::json!({"apiVersion": "v1", "items": collected, "kind": "List", "metadata": {}}),
    };
    print_as_read(ctx, &object, output);
}

/// One applied object's line (`NAME VERB`, or `NAME` for `-o name`), or the object kept for
/// `print_applied`.
fn applied(ctx: &mut Ctx, object: &serde_json::Value, kind: Kind, name: &str, verb: &str, output: Option<&str>, collected: &mut Vec<serde_json::Value>) {
    if prints_objects(output) {
        collected.push(object.clone());
    } else if output == Some("name") {
        ctx.out.out(format!("{}\n", qualified_name(kind, name)));
    } else {
        ctx.out.out(format!("{} {verb}\n", qualified_name(kind, name)));
    }
}

fn record_cause(words: &[String], command: &str) -> String {
    let mut parts = vec!["kubectl".to_string(), command.to_string()];
    let mut index = 0;
    while index < words.len() {
        let word = &words[index];
        if word == "--record" || word.starts_with("--record=") {
            index += 1;
            continue;
        }
        if word == "-f" && index + 1 < words.len() {
            parts.push(format!("--filename={}", words[index + 1]));
            index += 2;
            continue;
        }
        parts.push(word.clone());
        index += 1;
    }
    parts.push("--record=true".to_string());
    parts.join(" ")
}

fn qualified_name(kind: Kind, name: &str) -> String {
    format!("{}/{name}", resources::of_kind(kind).qualified())
}

/// `resource.Info.String()`: the mapping (`GroupVersionResource` and `GroupVersionKind` as
/// their `String()` writes them, `/v1, Resource=pods` for the core group) and the name.
fn info_string(kind: Kind, ns: &str, name: &str) -> String {
    let group_version = if kind.api_version().contains('/') { kind.api_version().to_string() } else { format!("/{}", kind.api_version()) };
    format!("Resource: \"{group_version}, Resource={}\", GroupVersionKind: \"{group_version}, Kind={}\"\nName: \"{name}\", Namespace: \"{ns}\"", resources::of_kind(kind).plural, kind.name())
}

fn apply_one(ctx: &mut Ctx, source: &str, manifest: Manifest, dry_run: Option<&str>, output: Option<&str>, record: Option<&str>, collected: &mut Vec<serde_json::Value>) {
    let kind = manifest.kind;
    let meta = objects::meta(&manifest.object).clone();
    let ns = meta.ns().to_string();
    let name = meta.name.clone();
    if name.is_empty() {
        ctx.out.fail(format!("error: error when retrieving current configuration of:\n{}\nfrom server for: \"{source}\": resource name may not be empty\n", info_string(kind, &ns, &name)));
        return;
    }
    // The GET of the live object, as the impersonated user (`--as`) when there is one.
    if let Err(error) = apiserver::authorize(ctx.cluster, "get", kind, &ns, &name) {
        ctx.out.fail(format!("Error from server (Forbidden): error when retrieving current configuration of:\n{}\nfrom server for: \"{source}\": {}\n", info_string(kind, &ns, &name), error.message()));
        return;
    }
    let mut desired = manifest.raw.clone();
    if let Some(cause) = record {
        desired = with_annotation(&desired, "kubernetes.io/change-cause", cause);
    }
    let annotation = last_applied(&desired);
    let desired = with_annotation(&desired, LAST_APPLIED_ANNOTATION, &annotation);
    let existing = objects::get(ctx.cluster, kind, &ns, &name);
    let resource = resources::of_kind(kind);
    ctx.request("GET", &crate::kubectl::klog::item_path(resource, &ns, &name), if existing.is_some() { 200 } else { 404 });
    let manager = "?fieldManager=kubectl-client-side-apply&fieldValidation=Strict";
    let Some(existing) = existing else {
        let mut created = Vec::new();
        yaml::decode_value(desired.clone(), manifest.line, &mut created);
        let Some(Ok(to_create)) = created.pop() else { return };
        if dry_run == Some("client") && prints_objects(output) {
            return collected.push(desired);
        }
        if dry_run == Some("client") || dry_run == Some("server") {
            if prints_objects(output) {
                return collected.push(objects::to_json(&to_create.object));
            }
            return print_dry_run(ctx, &to_create.object, kind, &name, "created", output, dry_run.unwrap_or(""));
        }
        let collection = crate::kubectl::klog::collection_path(resource, Some(&ns));
        match apiserver::create_object(ctx.cluster, to_create.object) {
            Ok(created) => {
                ctx.request("POST", &format!("{collection}{manager}"), 201);
                applied(ctx, &objects::to_json(&created), kind, &name, "created", output, collected);
                ctx.klog(6, "apply.go:548", "Running apply post-processor function");
            }
            Err(error) => {
                ctx.request("POST", &format!("{collection}{manager}"), crate::kubectl::klog::code_of(&error));
                ctx.out.fail(crate::kubectl::error::render(&error, Some(&format!("error when creating \"{source}\""))))
            }
        }
        return;
    };
    let live = objects::to_json(&existing);
    let previous = objects::meta(&existing)
        .annotation(LAST_APPLIED_ANNOTATION)
        .and_then(|text| serde_json::from_str::<serde_json::Value>(text).ok());
    let merged = three_way_merge(&live, previous.as_ref(), &desired);
    let mut decoded = Vec::new();
    yaml::decode_value(merged, manifest.line, &mut decoded);
    let merged_object = match decoded.pop() {
        Some(Ok(m)) => m.object,
        Some(Err(error)) => return report_manifest_error(ctx, source, &error, "configured", false),
        None => return,
    };
    // A client dry run of an existing object prints it as it is live: apply.go fetched it
    // (info.Get) and sends nothing.
    if dry_run == Some("client") && prints_objects(output) {
        return collected.push(live);
    }
    // applyOneObject: an object not made by apply (nor create --save-config) is warned about
    // before it is patched (the patch adds the annotation).
    if dry_run != Some("client") && objects::meta(&existing).annotation(LAST_APPLIED_ANNOTATION).is_none() {
        ctx.out.err(format!(
            "Warning: resource {}/{name} is missing the {LAST_APPLIED_ANNOTATION} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n",
            resource.plural
        ));
    }
    if dry_run.is_some() {
        if prints_objects(output) {
            return collected.push(objects::to_json(&merged_object));
        }
        return print_dry_run(ctx, &merged_object, kind, &name, "configured", output, dry_run.unwrap_or(""));
    }
    let before = objects::meta(&existing).resource_version.clone();
    // The strategic merge patch is computed from the OpenAPI v3 schema.
    ctx.request("GET", "/openapi/v3?timeout=32s", 200);
    let item = crate::kubectl::klog::item_path(resource, &ns, &name);
    match apiserver::update_object(ctx.cluster, merged_object) {
        Ok(updated) => {
            let after = &objects::meta(&updated).resource_version;
            let verb = if *after == before { "unchanged" } else { "configured" };
            if verb == "configured" {
                ctx.request("PATCH", &format!("{item}{manager}"), 200);
            }
            applied(ctx, &objects::to_json(&updated), kind, &name, verb, output, collected);
            ctx.klog(6, "apply.go:548", "Running apply post-processor function");
        }
        Err(error) => ctx.out.fail(crate::kubectl::error::render(&error, Some(&format!("error when applying patch:\n{}\nto:\nResource: \"{}\", GroupVersionKind: \"{}, Kind={}\"\nName: \"{name}\", Namespace: \"{ns}\"\nfor: \"{source}\"", serde_json::to_string(&desired).unwrap_or_default(), resources::of_kind(kind).resource(), kind.api_version(), kind.name())))),
    }
}

/// `-o yaml|json` of a client dry run: the object as kubectl holds it, unstructured (the file's
/// fields with the namespace and annotations kubectl set, or the live object), not a typed one
/// with the API's defaults (apply.go and create.go print `info.Object`). False for other outputs.
fn print_as_read(ctx: &mut Ctx, object: &serde_json::Value, output: Option<&str>) -> bool {
    if print_flags::print_template(ctx, output, object) {
        return true;
    }
    match output {
        Some("yaml") => ctx.out.out(crate::yaml::to_yaml(object)),
        Some("json") => ctx.out.out(format!("{}\n", crate::kubectl::get::to_json_pretty(object))),
        _ => return false,
    }
    true
}

fn print_dry_run(ctx: &mut Ctx, object: &Obj, kind: Kind, name: &str, verb: &str, output: Option<&str>, mode: &str) {
    let suffix = args::dry_run_suffix(Some(mode));
    if print_flags::print_template(ctx, output, &objects::to_json(object)) {
        return;
    }
    match output {
        Some("yaml") => ctx.out.out(crate::yaml::to_yaml(&objects::to_json(object))),
        Some("json") => ctx.out.out(format!("{}\n", crate::kubectl::get::to_json_pretty(&objects::to_json(object)))),
        Some("name") => ctx.out.out(format!("{}\n", qualified_name(kind, name))),
        _ => ctx.out.out(format!("{} {verb}{suffix}\n", qualified_name(kind, name))),
    }
}

/// The metadata a `create` generator sets: the name, the namespace only when `-n` was given (the
/// client leaves it to the request otherwise), and the zero creationTimestamp Go prints as null.
pub(crate) fn generated_metadata(parsed: &args::Parsed, ns: &str, name: &str) -> serde_json::Value {
    let mut metadata = serde_json::json!({"creationTimestamp": null, "name": name});
    if parsed.has("namespace") {
        metadata["namespace"] = serde_json::Value::String(ns.to_string());
    }
    metadata
}

/// `--dry-run` output of a `create` generator: the object as kubectl built it, not as the
/// apiserver would store it. YAML comes out with sorted keys (kubectl's YAML printer goes through
/// a map); JSON in the Go structs' field order (`json.MarshalIndent` of the typed object).
pub(crate) fn print_generated_dry_run(ctx: &mut Ctx, raw: &serde_json::Value, kind: Kind, name: &str, output: Option<&str>, mode: &str) {
    print_generated_dry_run_in(ctx, raw, kind, name, output, mode, GO_FIELD_ORDER);
}

/// `print_generated_dry_run` with the Go struct field order of the generated kind.
pub(crate) fn print_generated_dry_run_in(ctx: &mut Ctx, raw: &serde_json::Value, kind: Kind, name: &str, output: Option<&str>, mode: &str, order: &[&str]) {
    let suffix = args::dry_run_suffix(Some(mode));
    if print_flags::print_template(ctx, output, raw) {
        return;
    }
    match output {
        Some("yaml") => ctx.out.out(crate::yaml::to_yaml(raw)),
        Some("json") => ctx.out.out(format!("{}\n", go_struct_json(raw, order))),
        Some("name") => ctx.out.out(format!("{}\n", qualified_name(kind, name))),
        _ => ctx.out.out(format!("{} created{suffix}\n", qualified_name(kind, name))),
    }
}

/// Where each field comes in the Go structs of the objects `create` generates (TypeMeta,
/// ObjectMeta, DeploymentSpec, PodTemplateSpec, Container, ContainerPort, ConfigMap, Secret,
/// Namespace): `kind`, `apiVersion`, `metadata` (`name`, `namespace`, `creationTimestamp`,
/// `labels`), then the body, `status` last. Fields not listed keep their sorted order after these.
const GO_FIELD_ORDER: &[&str] = &[
    "kind",
    "apiVersion",
    "metadata",
    "name",
    "generateName",
    "namespace",
    "creationTimestamp",
    "labels",
    "annotations",
    "immutable",
    "data",
    "binaryData",
    "stringData",
    "type",
    "spec",
    "replicas",
    "selector",
    "matchLabels",
    "template",
    "strategy",
    "containers",
    "image",
    "command",
    "args",
    "ports",
    "containerPort",
    "protocol",
    "env",
    "resources",
    "status",
    "schedule",
    "jobTemplate",
];

/// JSON as `json.MarshalIndent(obj, "", "    ")` writes a typed object: fields in struct order
/// (`GO_FIELD_ORDER`), four-space indents, `{}` and `[]` when empty.
pub(crate) fn go_struct_json(value: &serde_json::Value, order: &[&str]) -> String {
    fn write(value: &serde_json::Value, indent: usize, order: &[&str], out: &mut String) {
        let pad = " ".repeat(indent + 4);
        match value {
            serde_json::Value::Object(map) if !map.is_empty() => {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.shared_sort_by_key(|k| (order.iter().position(|f| f == k).unwrap_or(order.len()), k.as_str()));
                out.push_str("{\n");
                for (index, key) in keys.iter().enumerate() {
                    out.push_str(&format!("{pad}{}: ", serde_json::Value::String(key.to_string())));
                    write(&map[*key], indent + 4, order, out);
                    out.push_str(if index + 1 < keys.len() { ",\n" } else { "\n" });
                }
                out.push_str(&" ".repeat(indent));
                out.push('}');
            }
            serde_json::Value::Array(items) if !items.is_empty() => {
                out.push_str("[\n");
                for (index, item) in items.iter().enumerate() {
                    out.push_str(&pad);
                    write(item, indent + 4, order, out);
                    out.push_str(if index + 1 < items.len() { ",\n" } else { "\n" });
                }
                out.push_str(&" ".repeat(indent));
                out.push(']');
            }
            other => out.push_str(&crate::kubectl::get::to_json_pretty(other)),
        }
    }
    let mut out = String::new();
    write(value, 0, order, &mut out);
    out
}

const CREATE_FLAGS: &[FlagSpec] = &[
    value("filename", Some('f')),
    value("image", None),
    value("replicas", Some('r')),
    value("port", None),
    args::DRY_RUN,
    value("output", Some('o')),
    boolean("record", None),
    boolean("save-config", None),
    value("from-literal", None),
    value("from-file", None),
    value("from-env-file", None),
    value("type", None),
    value("docker-server", None),
    value("docker-username", None),
    value("docker-password", None),
    value("docker-email", None),
    value("cert", None),
    value("key", None),
    value("tcp", None),
    args::VALIDATE,
    boolean("edit", None),
    value("from", None),
    value("rule", None),
    value("class", None),
    value("default-backend", None),
    value("annotation", None),
    value("template", None),
    boolean("allow-missing-template-keys", None),
    boolean("show-managed-fields", None),
    value("hard", None),
    value("scopes", None),
    value("schedule", None),
    value("restart", None),
    value("verb", None),
    value("resource", None),
    value("resource-name", None),
    value("non-resource-url", None),
    value("aggregation-rule", None),
    value("role", None),
    value("clusterrole", None),
    value("group", None),
    value("serviceaccount", None),
    value("selector", None),
    value("min-available", None),
    value("max-unavailable", None),
];

/// The generators `create` runs itself that take exactly one NAME, with the words naming them.
const ONE_NAME: &[(&[&str], &str)] = &[
    (&["deployment"], "deployment"),
    (&["deploy"], "deployment"),
    (&["namespace"], "namespace"),
    (&["ns"], "namespace"),
    (&["configmap"], "configmap"),
    (&["cm"], "configmap"),
    (&["job"], "job"),
    (&["ingress"], "ingress"),
    (&["ing"], "ingress"),
    (&["secret", "generic"], "secret generic"),
    (&["secret", "docker-registry"], "secret docker-registry"),
    (&["secret", "tls"], "secret tls"),
    (&["serviceaccount"], "serviceaccount"),
    (&["sa"], "serviceaccount"),
    (&["quota"], "quota"),
    (&["poddisruptionbudget"], "poddisruptionbudget"),
    (&["pdb"], "poddisruptionbudget"),
    (&["resourcequota"], "quota"),
];

/// `kubectl create -f`, `create deployment|namespace|configmap|secret generic`; `create service`
/// lives in `service.rs`.
/// `kubectl create` subcommands (name and aliases) that make kinds kubeplay does not run.
const UNSIMULATED_GENERATORS: &[(&[&str], &str)] = &[
    (&["priorityclass", "pc"], "PriorityClasses"),
];

#[inline(never)]
pub fn create(ctx: &mut Ctx, words: &[String]) {
    if matches!(words.first().map(String::as_str), Some("service" | "svc")) {
        return crate::kubectl::service::create_service(ctx, &words[1..]);
    }
    if words.first().map(String::as_str) == Some("token") {
        return crate::kubectl::create_token::create_token(ctx, &words[1..]);
    }
    // kubectl's own generators for kinds kubeplay does not run: said so plainly, before their
    // flags (`--schedule`, `--verb`) are taken for unknown ones.
    if let Some((command, kinds)) = words.first().and_then(|word| UNSIMULATED_GENERATORS.iter().find(|(names, _)| names.contains(&word.as_str()))).map(|(names, kinds)| (names[0], *kinds)) {
        let message = crate::kubectl::help::not_simulated(&format!("create {command}"));
        return ctx.out.fail(format!("{}: kubeplay does not run {kinds}\n", message.trim_end()));
    }
    // cobra parses a generator's words with its own flags: a flag error names the generator.
    let mut line = vec!["create".to_string()];
    line.extend_from_slice(words);
    let generator = crate::kubectl::help::command_flags(&line);
    let parsed = match args::parse(words, CREATE_FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => {
            if let Some((path, Err(real))) = generator.filter(|(path, _)| path != "create") {
                return flag_error(ctx, &path, &real);
            }
            return flag_error(ctx, "create", &message);
        }
    };
    // `create cronjob` and the RBAC generators take only their own flags (create's others are
    // unknown to them).
    let own_flags_only = ["create cronjob", "create role", "create clusterrole", "create rolebinding", "create clusterrolebinding"];
    if let Some((path, Err(real))) = generator.as_ref().filter(|(path, _)| own_flags_only.contains(&path.as_str())) {
        return flag_error(ctx, path, real);
    }
    if parsed.has("record") {
        ctx.out.err("Flag --record has been deprecated, --record will be removed in the future\n");
    }
    let ns = namespace(&parsed);
    let dry_run = parsed.dry_run().map(str::to_string);
    // Each generator's Complete: the NAME (cmdutil.NameFromCommandArgs), then the printer
    // (PrintFlags.ToPrinter), before anything is built or sent.
    if !parsed.has("filename") {
        for (words, command) in ONE_NAME {
            if parsed.positional.len() > words.len() - 1 && parsed.positional[..words.len()].iter().map(String::as_str).eq(words.iter().copied()) {
                let names = parsed.positional.len() - words.len();
                if names != 1 {
                    return ctx.out.fail(format!("error: exactly one NAME is required, got {names}\nSee 'kubectl create {command} -h' for help and examples\n"));
                }
            }
        }
    }
    let Ok(output) = print_flags::output_or_fail(ctx, &parsed) else { return };
    if !parsed.has("filename") {
        let sub = parsed.positional.first().map(String::as_str).unwrap_or("");
        let name = parsed.positional.get(1).cloned().unwrap_or_default();
        return match sub {
            "deployment" | "deploy" => create_deployment(ctx, &parsed, &ns, &name, dry_run.as_deref(), output.as_deref()),
            "namespace" | "ns" => {
                if name.is_empty() {
                    return ctx.out.fail("error: exactly one NAME is required, got 0\nSee 'kubectl create namespace -h' for help and examples\n");
                }
                if dry_run.as_deref() == Some("client") {
                    // create_namespace.go: a Namespace never carries a namespace, whatever -n says.
                    let raw = serde_json::json!({
                        "apiVersion": "v1",
                        "kind": "Namespace",
                        "metadata": {"creationTimestamp": null, "name": name},
                        "spec": {},
                        "status": {}
                    });
                    return print_generated_dry_run(ctx, &raw, Kind::Namespace, &name, output.as_deref(), "client");
                }
                let object = Obj::Namespace(Rc::new(Namespace { metadata: ObjectMeta { name: name.clone().into(), ..Default::default() }, ..Default::default() }));
                finish_create(ctx, object, Kind::Namespace, &name, dry_run.as_deref(), output.as_deref(), None);
            }
            "quota" | "resourcequota" => crate::kubectl::create_quota::create_quota(ctx, &parsed, &ns, dry_run.as_deref(), output.as_deref()),
            "role" => crate::kubectl::create_rbac::create_role(ctx, &parsed, &ns, dry_run.as_deref(), output.as_deref()),
            "clusterrole" => crate::kubectl::create_rbac::create_cluster_role(ctx, &parsed, &ns, dry_run.as_deref(), output.as_deref()),
            "rolebinding" => crate::kubectl::create_rbac::create_role_binding(ctx, &parsed, &ns, dry_run.as_deref(), output.as_deref()),
            "clusterrolebinding" => crate::kubectl::create_rbac::create_cluster_role_binding(ctx, &parsed, &ns, dry_run.as_deref(), output.as_deref()),
            "poddisruptionbudget" | "pdb" => crate::kubectl::create_pdb::create_pdb(ctx, &parsed, &ns, dry_run.as_deref(), output.as_deref()),
            "job" => crate::kubectl::create_job::create_job(ctx, &parsed, &ns, dry_run.as_deref(), output.as_deref()),
            "cronjob" | "cj" => crate::kubectl::create_cron_job::create_cron_job(ctx, &parsed, &ns, dry_run.as_deref(), output.as_deref()),
            "ingress" | "ing" => crate::kubectl::create_ingress::create_ingress(ctx, &parsed, &ns, dry_run.as_deref(), output.as_deref()),
            "configmap" | "cm" => create_config_map(ctx, &parsed, &ns, &name, dry_run.as_deref(), output.as_deref()),
            "serviceaccount" | "sa" => create_service_account(ctx, &parsed, &ns, &name, dry_run.as_deref(), output.as_deref()),
            "secret" => create_secret(ctx, &parsed, &ns, dry_run.as_deref(), output.as_deref()),
            "" => ctx.out.fail("error: must specify one of -f and -k\n"),
            // cobra runs `create` itself with the words it does not know as arguments, and
            // ValidateArgs refuses them (create.go).
            _ => {
                // cobra parsed the words with `create`'s own flags, which have no generator's.
                let mut line = vec!["create".to_string()];
                line.extend_from_slice(words);
                if let Some((_, Err(message))) = crate::kubectl::help::command_flags(&line).filter(|(_, parsed)| parsed.as_ref().is_err_and(|m| !m.contains("record"))) {
                    return flag_error(ctx, "create", &message);
                }
                ctx.out.fail(format!("error: Unexpected args: [{}]\nSee 'kubectl create -h' for help and examples\n", parsed.positional.join(" ")))
            }
        };
    }
    if !parsed.positional.is_empty() {
        return ctx.out.fail(format!("error: Unexpected args: [{}]\nSee 'kubectl create -h' for help and examples\n", parsed.positional.join(" ")));
    }
    let files = parsed.all("filename");
    let Some(sources) = read_sources(ctx, &files) else { return };
    let explicit_ns = parsed.has("namespace");
    let record = parsed.bool("record").then(|| record_cause(words, "create"));
    let mut any = false;
    for source in sources {
        for document in yaml::parse_documents(&source.text) {
            any = true;
            let mut manifest = match document {
                Ok(manifest) => manifest,
                Err(error) => {
                    report_manifest_error(ctx, &source.name, &error, "created", validating(&parsed));
                    continue;
                }
            };
            if !place(ctx, &mut manifest, &ns, explicit_ns) {
                continue;
            }
            if let Some(cause) = &record {
                let raw = with_annotation(&manifest.raw, "kubernetes.io/change-cause", cause);
                let mut redecoded = Vec::new();
                yaml::decode_value(raw, manifest.line, &mut redecoded);
                if let Some(Ok(m)) = redecoded.pop() {
                    manifest = m;
                }
            }
            let name = objects::meta(&manifest.object).name.clone();
            let kind = manifest.kind;
            if dry_run.as_deref() == Some("client") && print_as_read(ctx, &manifest.raw, output.as_deref()) {
                continue;
            }
            finish_create(ctx, manifest.object, kind, &name, dry_run.as_deref(), output.as_deref(), Some(&source.name));
        }
    }
    // Mirrors RunCreate (kubectl/pkg/cmd/create/create.go): nothing visited is an error.
    if !any {
        ctx.out.fail("error: no objects passed to create\n");
    }
}

pub(crate) fn finish_create(ctx: &mut Ctx, object: Obj, kind: Kind, name: &str, dry_run: Option<&str>, output: Option<&str>, source: Option<&str>) {
    if dry_run.is_some() {
        return print_dry_run(ctx, &object, kind, name, "created", output, dry_run.unwrap_or(""));
    }
    match apiserver::create_object(ctx.cluster, object) {
        Ok(created) => match output {
            _ if print_flags::print_template(ctx, output, &objects::to_json(&created)) => {}
            Some("yaml") => ctx.out.out(crate::yaml::to_yaml(&objects::to_json(&created))),
            Some("json") => ctx.out.out(format!("{}\n", crate::kubectl::get::to_json_pretty(&objects::to_json(&created)))),
            Some("name") => ctx.out.out(format!("{}\n", qualified_name(kind, name))),
            _ => ctx.out.out(format!("{} created\n", qualified_name(kind, name))),
        },
        Err(error) => match source {
            Some(source) => ctx.out.fail(crate::kubectl::error::render(&error, Some(&format!("error when creating \"{source}\"")))),
            None => ctx.out.fail(create_error(kind, &error)),
        },
    }
}

/// How `kubectl create KIND NAME` reports a server error. Each generator wraps it with
/// `fmt.Errorf`, so it is no longer a Status and prints as `error: ...` whatever its reason:
/// `failed to create deployment: %v` (create_deployment.go, create_configmap.go alike),
/// `failed to create secret %v`, no colon (create_secret.go, create_secret_tls.go,
/// create_secret_docker.go); `create namespace` returns the error as it came
/// (create_namespace.go), so it reads `Error from server (AlreadyExists): ...`.
///
/// Mirrors the `Create(context.TODO(), ...)` error paths of CreateDeploymentOptions.Run,
/// ConfigMapOptions.Run, CreateSecretOptions.Run and NamespaceOptions.Run
/// (kubectl/pkg/cmd/create).
fn create_error(kind: Kind, error: &ApiError) -> String {
    match kind {
        Kind::Namespace | Kind::Role | Kind::ClusterRole => crate::kubectl::error::render(error, None),
        Kind::Secret => format!("error: failed to create secret {}\n", error.status_message(kind)),
        Kind::PodDisruptionBudget => format!("error: failed to create poddisruptionbudgets: {}\n", error.status_message(kind)),
        _ => format!("error: failed to create {}: {}\n", resources::of_kind(kind).singular, error.status_message(kind)),
    }
}

/// Decodes a generator's object and creates it as `create -f` would, reporting errors as the
/// generator does (`failed to create KIND: ...`).
pub(crate) fn create_generated(ctx: &mut Ctx, raw: serde_json::Value, kind: Kind, name: &str, output: Option<&str>) {
    let mut decoded = Vec::new();
    yaml::decode_value(raw, 1, &mut decoded);
    match decoded.pop() {
        Some(Ok(manifest)) => finish_create(ctx, manifest.object, kind, name, None, output, None),
        Some(Err(error)) => report_manifest_error(ctx, "STDIN", &error, "created", false),
        None => {}
    }
}

/// `kubectl create deployment NAME --image=IMAGE [--replicas=N] [--port=P]`, as kubectl builds it.
fn create_deployment(ctx: &mut Ctx, parsed: &args::Parsed, ns: &str, name: &str, dry_run: Option<&str>, output: Option<&str>) {
    if name.is_empty() {
        return ctx.out.fail("error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n");
    }
    let images = parsed.all("image");
    if images.is_empty() {
        return ctx.out.fail("error: required flag(s) \"image\" not set\n");
    }
    let replicas: i32 = match parsed.get("replicas").map(|r| r.parse::<i32>()) {
        None => 1,
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            let text = parsed.get("replicas").unwrap_or("");
            return ctx.out.fail(format!("error: invalid argument \"{text}\" for \"-r, --replicas\" flag: strconv.ParseInt: parsing \"{text}\": invalid syntax\nSee 'kubectl create deployment --help' for usage.\n"));
        }
    };
    // CreateDeploymentOptions.Validate and buildPodSpec (create_deployment.go): a command (the
    // words after `--`) for one image only; the port, unless negative (the default -1), on the
    // first container.
    if images.len() > 1 && !parsed.after_dashes.is_empty() {
        return ctx.out.fail("error: cannot specify multiple --image options and command\n");
    }
    let port = parsed.get("port").and_then(|p| p.parse::<i32>().ok()).filter(|port| *port >= 0);
    let containers: Vec<serde_json::Value> = images
        .iter()
        .enumerate()
        .map(|(index, image)| {
            let base = image.rsplit('/').next().unwrap_or(image);
            let base = base.split(['@', ':']).next().unwrap_or(base);
            let mut container = serde_json::json!({"image": image, "name": base, "resources": {}});
            if !parsed.after_dashes.is_empty() {
                container["command"] = serde_json::json!(parsed.after_dashes);
            }
            if let (0, Some(port)) = (index, port) {
                container["ports"] = serde_json::json!([{"containerPort": port}]);
            }
            container
        })
        .collect();
    if let Some(mode) = dry_run {
        // The object kubectl would send, as its printer writes it (create_deployment.go): no
        // namespace unless `-n` was given, null creationTimestamps, empty strategy and status.
        let mut metadata = serde_json::json!({"creationTimestamp": null, "labels": {"app": name}, "name": name});
        if parsed.has("namespace") {
            metadata["namespace"] = serde_json::Value::String(ns.to_string());
        }
        let raw = serde_json::json!({
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": metadata,
            "spec": {
                "replicas": replicas,
                "selector": {"matchLabels": {"app": name}},
                "strategy": {},
                "template": {"metadata": {"creationTimestamp": null, "labels": {"app": name}}, "spec": {"containers": containers}}
            },
            "status": {}
        });
        return print_generated_dry_run(ctx, &raw, Kind::Deployment, name, output, mode);
    }
    let raw = serde_json::json!({
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"labels": {"app": name}, "name": name, "namespace": ns},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app": name}},
            "strategy": {},
            "template": {"metadata": {"labels": {"app": name}}, "spec": {"containers": containers}}
        }
    });
    let mut decoded = Vec::new();
    yaml::decode_value(raw, 1, &mut decoded);
    match decoded.pop() {
        Some(Ok(manifest)) => finish_create(ctx, manifest.object, Kind::Deployment, name, dry_run, output, None),
        Some(Err(error)) => report_manifest_error(ctx, "STDIN", &error, "created", false),
        None => {}
    }
}

/// Go's `%q` of a string (strconv.Quote): escapes for quotes, backslashes and control characters.
pub(crate) fn go_quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Mirrors `validation.IsConfigMapKey` (apimachinery/pkg/util/validation): at most 253
/// characters of `[-._a-zA-Z0-9]`, and not `.`, `..` or `..`-prefixed.
fn config_map_key_errors(key: &str) -> Vec<String> {
    let mut errors = Vec::new();
    if key.len() > 253 {
        errors.push("must be no more than 253 characters".to_string());
    }
    if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_')) {
        errors.push("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')".to_string());
    }
    match key {
        "." => errors.push("must not be '.'".to_string()),
        ".." => errors.push("must not be '..'".to_string()),
        _ if key.starts_with("..") => errors.push("must not start with '..'".to_string()),
        _ => {}
    }
    errors
}

/// The data of `create configmap|secret`: `--from-file` sources, then `--from-literal` ones, each
/// key checked as the generators do before anything is sent. Mirrors `ParseLiteralSource`,
/// `addKeyFromLiteralToConfigMap` (kubectl/pkg/cmd/create/create_configmap.go) and
/// `addKeyFromLiteralToSecret` (create_secret.go), whose messages differ.
fn literal_pairs(ctx: &mut Ctx, parsed: &args::Parsed, kind: Kind, name: &str) -> Option<Vec<(String, String)>> {
    // ConfigMapOptions.Validate / CreateSecretOptions.Validate.
    if parsed.has("from-env-file") && (parsed.has("from-file") || parsed.has("from-literal")) {
        ctx.out.fail("error: from-env-file cannot be combined with from-file or from-literal\n");
        return None;
    }
    // The sources in the order NewConfigMap / NewSecret read them: literals, files, env files.
    let mut sources: Vec<(String, String)> = Vec::new();
    for literal in parsed.all("from-literal") {
        let Some((key, value)) = literal.split_once('=').filter(|(key, _)| !key.is_empty()) else {
            ctx.out.fail(format!("error: invalid literal source {literal}, expected key=value\n"));
            return None;
        };
        sources.push((key.to_string(), value.to_string()));
    }
    for file in parsed.all("from-file") {
        let (key, path) = match file.split_once('=') {
            Some((k, p)) => (k.to_string(), p.to_string()),
            None => (file.rsplit('/').next().unwrap_or(&file).to_string(), file.clone()),
        };
        if let Some(text) = ctx.cluster.file(&path) {
            sources.push((key, text.to_string()));
            continue;
        }
        // A directory: one key per regular file directly in it (not recursive).
        let prefix = format!("{}/", path.trim_end_matches('/'));
        let in_dir: Vec<(String, String)> = ctx
            .cluster
            .files()
            .iter()
            .filter_map(|(name, text)| name.strip_prefix(&prefix).filter(|rest| !rest.contains('/')).map(|rest| (rest.to_string(), text.clone())))
            .collect();
        if in_dir.is_empty() {
            ctx.out.fail(format!("error: error reading {path}: no such file or directory\n"));
            return None;
        }
        sources.extend(in_dir);
    }
    for path in parsed.all("from-env-file") {
        let Some(text) = ctx.cluster.file(&path).map(str::to_string) else {
            ctx.out.fail(format!("error: error reading {path}: no such file or directory\n"));
            return None;
        };
        for line in text.lines() {
            match env_file_line(line) {
                Ok(Some(pair)) => sources.push(pair),
                Ok(None) => {}
                Err(message) => {
                    ctx.out.fail(format!("error: {message}\n"));
                    return None;
                }
            }
        }
    }
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (key, value) in sources {
        let errors = config_map_key_errors(&key);
        let duplicate = pairs.iter().any(|(k, _)| *k == key);
        let message = match (kind, errors.is_empty(), duplicate) {
            (Kind::Secret, false, _) => format!("{} is not valid key name for a Secret {}", go_quote(&key), errors.join(";")),
            (_, false, _) => format!("{} is not a valid key name for a ConfigMap: {}", go_quote(&key), errors.join(",")),
            (Kind::Secret, true, true) => format!("cannot add key {key}, another key by that name already exists"),
            (_, true, true) => format!("cannot add key {}, another key by that name already exists in Data for ConfigMap {}", go_quote(&key), go_quote(name)),
            (_, true, false) => {
                pairs.push((key, value));
                continue;
            }
        };
        ctx.out.fail(format!("error: {message}\n"));
        return None;
    }
    Some(pairs)
}

/// One line of an env file: `KEY=VALUE`, `KEY` alone (its value from the environment, which the
/// playground's kubectl does not have: empty), nothing for blank and `#` lines. Mirrors
/// processEnvFileLine (kubectl/pkg/cmd/util/env_file.go).
fn env_file_line(line: &str) -> Result<Option<(String, String)>, String> {
    let line = line.trim_start_matches('\u{feff}').trim_start();
    if line.is_empty() || line.starts_with('#') {
        return Ok(None);
    }
    let (key, value) = line.split_once('=').unwrap_or((line, ""));
    let valid = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || "-._".contains(c)) && key.chars().all(|c| c.is_ascii_alphanumeric() || "-._".contains(c));
    if !valid {
        return Err(format!("{} is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')", go_quote(key)));
    }
    Ok(Some((key.to_string(), value.to_string())))
}

fn create_config_map(ctx: &mut Ctx, parsed: &args::Parsed, ns: &str, name: &str, dry_run: Option<&str>, output: Option<&str>) {
    if name.is_empty() {
        return ctx.out.fail("error: exactly one NAME is required, got 0\nSee 'kubectl create configmap -h' for help and examples\n");
    }
    let Some(pairs) = literal_pairs(ctx, parsed, Kind::ConfigMap, name) else { return };
    if dry_run == Some("client") {
        // create_configmap.go: data only when there is some (omitempty).
        let mut raw = serde_json::json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": generated_metadata(parsed, ns, name)});
        if !pairs.is_empty() {
            raw["data"] = serde_json::json!(pairs.into_iter().collect_map::<std::collections::BTreeMap<_, _>>());
        }
        return print_generated_dry_run(ctx, &raw, Kind::ConfigMap, name, output, "client");
    }
    let config_map = ConfigMap {
        metadata: ObjectMeta { name: name.into(), namespace: Some(ns.into()), ..Default::default() },
        data: pairs.into_iter().collect(),
        ..Default::default()
    };
    finish_create(ctx, Obj::ConfigMap(Rc::new(config_map)), Kind::ConfigMap, name, dry_run, output, None);
}

/// `kubectl create serviceaccount NAME` (create_serviceaccount.go): an account with a name and
/// nothing else.
fn create_service_account(ctx: &mut Ctx, parsed: &args::Parsed, ns: &str, name: &str, dry_run: Option<&str>, output: Option<&str>) {
    if name.is_empty() {
        return ctx.out.fail("error: exactly one NAME is required, got 0\nSee 'kubectl create serviceaccount -h' for help and examples\n");
    }
    if dry_run == Some("client") {
        let raw = serde_json::json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": generated_metadata(parsed, ns, name)});
        return print_generated_dry_run(ctx, &raw, Kind::ServiceAccount, name, output, "client");
    }
    let account = crate::engine::api::core::ServiceAccount { metadata: ObjectMeta { name: name.into(), namespace: Some(ns.into()), ..Default::default() }, ..Default::default() };
    finish_create(ctx, Obj::ServiceAccount(Rc::new(account)), Kind::ServiceAccount, name, dry_run, output, None);
}

fn create_secret(ctx: &mut Ctx, parsed: &args::Parsed, ns: &str, dry_run: Option<&str>, output: Option<&str>) {
    let sub = parsed.positional.get(1).map(String::as_str).unwrap_or("");
    let typed_name = parsed.positional.get(2).cloned().unwrap_or_default();
    match sub {
        "docker-registry" => return crate::kubectl::create_secret_typed::docker_registry(ctx, parsed, ns, &typed_name, dry_run, output),
        "tls" => return crate::kubectl::create_secret_typed::tls(ctx, parsed, ns, &typed_name, dry_run, output),
        _ => {}
    }
    if sub != "generic" {
        return ctx.out.fail(format!("error: unknown command \"{sub}\" for \"kubectl create secret\"\n"));
    }
    let name = parsed.positional.get(2).cloned().unwrap_or_default();
    if name.is_empty() {
        return ctx.out.fail("error: exactly one NAME is required, got 0\nSee 'kubectl create secret generic -h' for help and examples\n");
    }
    let Some(pairs) = literal_pairs(ctx, parsed, Kind::Secret, &name) else { return };
    if dry_run == Some("client") {
        // create_secret.go: data when there is some, a type only when --type gives one (the
        // apiserver's defaulting adds Opaque).
        let mut raw = serde_json::json!({"apiVersion": "v1", "kind": "Secret", "metadata": generated_metadata(parsed, ns, &name)});
        if !pairs.is_empty() {
            raw["data"] = serde_json::json!(pairs.into_iter().map(|(k, v)| (k, crate::engine::base64::encode(v.as_bytes()))).collect_map::<std::collections::BTreeMap<_, _>>());
        }
        if let Some(type_) = parsed.get("type").filter(|t| !t.is_empty()) {
            raw["type"] = serde_json::Value::String(type_.to_string());
        }
        return print_generated_dry_run(ctx, &raw, Kind::Secret, &name, output, "client");
    }
    let secret = Secret {
        metadata: ObjectMeta { name: name.clone().into(), namespace: Some(ns.into()), ..Default::default() },
        data: pairs.into_iter().map(|(k, v)| (k, crate::engine::base64::encode(v.as_bytes()))).collect_map(),
        type_: Some(parsed.get("type").unwrap_or("Opaque").to_string()),
        ..Default::default()
    };
    finish_create(ctx, Obj::Secret(Rc::new(secret)), Kind::Secret, &name, dry_run, output, None);
}

/// `kubectl replace -f`: a full update (the object must exist).
#[inline(never)]
pub fn replace(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, APPLY_FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "replace", &message),
    };
    let files = parsed.all("filename");
    if files.is_empty() {
        return ctx.out.fail("error: must specify one of -f and -k\n");
    }
    let Ok(output) = print_flags::output_or_fail(ctx, &parsed) else { return };
    let Some(sources) = read_sources(ctx, &files) else { return };
    let ns = namespace(&parsed);
    let dry_run = parsed.dry_run();
    let operation = format!("replaced{}", args::dry_run_suffix(dry_run));
    for source in sources {
        for document in yaml::parse_documents(&source.text) {
            let mut manifest = match document {
                Ok(manifest) => manifest,
                Err(error) => {
                    report_manifest_error(ctx, &source.name, &error, "replaced", validating(&parsed));
                    continue;
                }
            };
            if !place(ctx, &mut manifest, &ns, parsed.has("namespace")) {
                continue;
            }
            let kind = manifest.kind;
            let name = objects::meta(&manifest.object).name.clone();
            let qualified = qualified_name(kind, &name);
            // ReplaceOptions.Run: a client dry run prints the object as read from the file; a
            // server one is the PUT with dryRun, which stores nothing.
            if dry_run == Some("client") {
                if !print_as_read(ctx, &manifest.raw, output.as_deref()) {
                    print_flags::print_changed(ctx, output.as_deref(), &manifest.object, &qualified, &operation);
                }
                continue;
            }
            let kept = dry_run.is_some().then(|| ctx.cluster.clone());
            let result = apiserver::update_object(ctx.cluster, manifest.object);
            if let Some(kept) = kept {
                *ctx.cluster = kept;
            }
            match result {
                Ok(after) => print_flags::print_changed(ctx, output.as_deref(), &after, &qualified, &operation),
                Err(error) => ctx.out.fail(crate::kubectl::error::render(&error, Some(&format!("error when replacing \"{}\"", source.name)))),
            }
        }
    }
}

const DELETE_FLAGS: &[FlagSpec] = &[
    value("filename", Some('f')),
    value("selector", Some('l')),
    value("field-selector", None),
    boolean("all", None),
    boolean("all-namespaces", Some('A')),
    value("cascade", None),
    value("grace-period", None),
    boolean("force", None),
    boolean("now", None),
    value("wait", None),
    boolean("ignore-not-found", None),
    value("timeout", None),
    value("output", Some('o')),
    args::DRY_RUN,
    boolean("recursive", Some('R')),
];

/// `kubectl delete`: by name, `-f`, `-l` or `--all`; waits for the objects to be gone.
#[inline(never)]
pub fn delete(ctx: &mut Ctx, words: &[String]) {
    let mut words = words.to_vec();
    // `--wait` is a boolean that takes `=false`; a bare `--wait` means true.
    for word in &mut words {
        if word == "--wait" {
            *word = "--wait=true".to_string();
        }
    }
    let parsed = match args::parse(&words, DELETE_FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "delete", &message),
    };
    let ns = namespace(&parsed);
    let propagation = match parsed.get("cascade").unwrap_or("background") {
        "background" | "true" => Propagation::Background,
        "foreground" => Propagation::Foreground,
        "orphan" | "false" => Propagation::Orphan,
        other => {
            return ctx.out.fail(format!("error: invalid cascade value ({other}). Must be \"background\", \"foreground\", or \"orphan\"\n"));
        }
    };
    let mut grace: Option<i64> = match parsed.get("grace-period").map(|g| g.parse::<i64>()) {
        None => None,
        Some(Ok(g)) if g >= 0 => Some(g),
        Some(Ok(_)) => None,
        Some(Err(_)) => return ctx.out.fail("error: invalid argument for --grace-period\n"),
    };
    // DeleteOptions.Complete (kubectl/pkg/cmd/delete/delete.go): --now is a grace period of 1;
    // 0 without --force becomes 1; --force alone is 0.
    let force = parsed.bool("force");
    if parsed.bool("now") {
        if parsed.has("grace-period") {
            return ctx.out.fail("error: --now and --grace-period cannot be specified together\n");
        }
        grace = Some(1);
    }
    if grace == Some(0) && !force {
        grace = Some(1);
    }
    if force && grace.is_none() {
        grace = Some(0);
    }
    // DeleteOptions.Validate.
    let output = parsed.get("output").unwrap_or("");
    if !output.is_empty() && output != "name" {
        return ctx.out.fail(format!("error: unexpected -o output mode: {output}. We only support '-o name'\n"));
    }
    match grace {
        Some(0) if force => ctx.out.err("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n"),
        Some(g) if g > 0 && force => return ctx.out.fail("error: --force and --grace-period greater than 0 cannot be specified together\n"),
        _ => {}
    }
    // DeleteOptions.PrintObj: the operation, with a dry run's suffix; `-o name` is `KIND/NAME`.
    let dry_run = parsed.dry_run();
    let operation = format!("{}{}", if grace == Some(0) { "force deleted" } else { "deleted" }, args::dry_run_suffix(dry_run));
    let print_deleted = |ctx: &mut Ctx, kind: Kind, name: &str| {
        if output == "name" {
            ctx.out.out(format!("{}/{name}\n", resources::of_kind(kind).qualified()));
        } else {
            ctx.out.out(format!("{} \"{name}\" {operation}\n", resources::of_kind(kind).qualified()));
        }
    };
    // A dry run does not wait (DeleteResult returns before `waitOptions.RunWait`).
    let wait = parsed.get("wait") != Some("false") && dry_run.is_none();
    let mut targets: Vec<(Kind, Key, String)> = Vec::new();
    if parsed.has("filename") {
        // Mirrors the resource builder's check (cli-runtime builder.go, visitorResult).
        if !parsed.positional.is_empty() {
            return ctx.out.fail("error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n");
        }
        let Some((found, any)) = file_targets(ctx, &parsed.all("filename"), &ns, "deleted") else { return };
        targets = found;
        // Files with no object: DeleteOptions.DeleteResult's message when nothing was found.
        if !any {
            return ctx.out.out("No resources found\n");
        }
    } else {
        if parsed.positional.is_empty() {
            return ctx.out.fail("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n");
        }
        let request = match objects::parse_request(&parsed.positional) {
            Ok(request) => request,
            Err(message) => return ctx.out.fail(format!("error: {message}\n")),
        };
        if let Some(message) = crate::kubectl::get::names_with_selector(&parsed, &request) {
            return ctx.out.fail(format!("error: {message}\n"));
        }
        if request.names.is_empty() {
            if !parsed.bool("all") && !parsed.has("selector") && !parsed.has("field-selector") {
                return ctx.out.fail("error: resource(s) were provided, but no name was specified\n");
            }
            let Some(selector) = crate::kubectl::get::selector(ctx, &parsed, "delete") else { return };
            for resource in &request.types {
                let fields = match crate::kubectl::get::field_selector(&parsed, resource) {
                    Ok(fields) => fields,
                    Err(error) => return ctx.out.fail(error),
                };
                let scope = if parsed.bool("all-namespaces") { None } else { Some(ns.as_str()) };
                for object in objects::list(ctx.cluster, resource.kind, scope, &selector).into_iter().filter(|o| fields.matches(o)) {
                    let meta = objects::meta(&object);
                    targets.push((resource.kind, Key::of(meta, resource.kind.namespaced()), meta.name.to_string()));
                }
            }
            if targets.is_empty() {
                ctx.out.out("No resources found\n");
                return;
            }
        } else {
            for (resource, name) in &request.names {
                let key = if resource.kind.namespaced() { Key::new(&ns, name) } else { Key::new("", name) };
                targets.push((resource.kind, key, name.clone()));
            }
        }
    }
    let _ = Selector::everything();
    // With --all, -l or --field-selector kubectl ignores NotFound unless told otherwise
    // (DeleteOptions.Complete), and it deletes what it listed faster than the controllers act:
    // `delete all --all` deletes a Deployment's ReplicaSet itself, before the garbage collector.
    let listed = !parsed.has("filename") && (parsed.bool("all") || parsed.has("selector") || parsed.has("field-selector"));
    let ignore_not_found = if parsed.has("ignore-not-found") { parsed.bool("ignore-not-found") } else { listed };
    // What `--wait` waits for, each object by its UID (delete.go's uidMap): a namesake made since,
    // as the service accounts controller remakes `default`, does not keep kubectl waiting.
    let mut waiting: Vec<(Kind, Key, String)> = Vec::new();
    // A client dry run sends nothing: the builder does not even read the objects
    // (RequireObject(false)), so a name that does not exist is printed too.
    if dry_run == Some("client") {
        for (kind, _, name) in targets {
            print_deleted(ctx, kind, &name);
        }
        return;
    }
    // A server dry run is the DELETE with dryRun: admission and the checks run, nothing is stored.
    let kept = dry_run.is_some().then(|| ctx.cluster.clone());
    for (kind, key, name) in targets {
        let item = crate::kubectl::klog::item_path(resources::of_kind(kind), &key.namespace, &key.name);
        let uid = objects::get(ctx.cluster, kind, &key.namespace, &key.name).map(|o| objects::meta(&o).uid.to_string()).unwrap_or_default();
        let result = apiserver::delete_object(ctx.cluster, kind, &key, propagation, grace);
        ctx.request("DELETE", &item, result.as_ref().map(|_| 200).unwrap_or_else(crate::kubectl::klog::code_of));
        if let Err(ApiError::NotFound { .. }) = &result {
            ctx.klog_not_found(resources::of_kind(kind), &name);
        }
        match result {
            Ok(()) => {
                print_deleted(ctx, kind, &name);
                waiting.push((kind, key, uid));
            }
            Err(ApiError::NotFound { .. }) if ignore_not_found => {}
            Err(error) => ctx.out.fail(crate::kubectl::error::render(&error, None)),
        }
        if !listed {
            ctx.cluster.settle();
        }
    }
    if let Some(kept) = kept {
        *ctx.cluster = kept;
        return;
    }
    ctx.cluster.settle();
    if wait {
        // kubectl waits (up to its timeout) until every deleted object is gone.
        // It reads each one first, then watches those still there.
        ctx.cluster.settle();
        for (kind, key, _) in &waiting {
            let gone = objects::get(ctx.cluster, *kind, &key.namespace, &key.name).is_none();
            ctx.request("GET", &crate::kubectl::klog::item_path(resources::of_kind(*kind), &key.namespace, &key.name), if gone { 404 } else { 200 });
        }
        let mut ticks = 0;
        let still_there = |cluster: &crate::engine::Cluster, (kind, key, uid): &(Kind, Key, String)| objects::get(cluster, *kind, &key.namespace, &key.name).is_some_and(|o| *objects::meta(&o).uid == **uid);
        while ticks < 3600 && waiting.iter().any(|item| still_there(ctx.cluster, item)) {
            ctx.tick();
            ticks += 1;
        }
    }
    let _ = Deployment::default;
}
