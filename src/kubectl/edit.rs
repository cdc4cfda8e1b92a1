//! `kubectl edit`: the objects printed into a temporary file, an editor on it, and what was
//! saved sent back as patches, as kubectl 1.32's EditOptions.Run does in NormalEditMode
//! (pkg/cmd/util/editor/editoptions.go).
//!
//! The editor is whatever `KUBE_EDITOR` or `EDITOR` names, read as `defaultEnvEditor` reads it:
//! `sed -i ...` (the way scripts edit), `cat` and `true` run here. Without one, the page's YAML
//! panel is the editor: the command leaves an [`EditSession`] on the cluster and the panel's Save
//! goes on with [`editor_closed`]. The native runner has no panel, and says so.
//!
//! kubectl sends a strategic merge patch made by CreateTwoWayMergePatch; kubeplay sends the JSON
//! merge patch of the same two documents (lists replaced whole), which changes the object the
//! same way unless a list changed on the server while the editor was open.

use serde_json::{Map, Value};

use crate::engine::edit_session::EditSession;
use crate::engine::error::ApiError;
use crate::engine::resources::ResourceType;
use crate::engine::store::Obj;
use crate::engine::{apiserver, Cluster};
use crate::kubectl::args::{self, boolean, value, FlagSpec};
use crate::kubectl::get::namespace;
use crate::kubectl::printers::print_flags;
use crate::kubectl::{flag_error, objects, resources, Ctx};
use crate::yaml::{self, ManifestError};

const FLAGS: &[FlagSpec] = &[
    value("output", Some('o')),
    value("filename", Some('f')),
    value("selector", Some('l')),
    value("field-manager", None),
    boolean("output-patch", None),
    boolean("save-config", None),
    boolean("windows-line-endings", None),
];

/// Real flags of `kubectl edit` that kubeplay does not act on, refused rather than ignored.
const NOT_READ: [&str; 3] = ["output-patch", "save-config", "windows-line-endings"];

/// The editor's header (`editHeader.writeTo` in NormalEditMode).
const HEADER: &str = "# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n";

/// How many times an editor from `KUBE_EDITOR` may be reopened on errors before kubeplay stops
/// (kubectl loops until the file is saved unchanged; a `sed` edit may never settle).
const MAX_PASSES: usize = 10;

/// `kubectl edit ...` (the words after `edit`).
#[inline(never)]
pub fn edit(ctx: &mut Ctx, words: &[String]) {
    let line = format!("kubectl edit {}", words.join(" "));
    let Some(session) = open(ctx, words, &line) else { return };
    let editor = ctx.cluster.var("KUBE_EDITOR").filter(|e| !e.is_empty()).or_else(|| ctx.cluster.var("EDITOR").filter(|e| !e.is_empty())).map(str::to_string);
    match editor {
        Some(editor) => run_with(ctx, &editor, session),
        None if ctx.cluster.editor_panel => ctx.cluster.set_edit_session(Some(session)),
        None => ctx.out.fail(
            "kubeplay: kubectl edit would open vi here, and there is no terminal editor: in the page, kubectl edit opens the object in the YAML panel. In a script, name an editor that runs on its own, as on a real machine: KUBE_EDITOR=\"sed -i 's/replicas: 3/replicas: 5/'\" kubectl edit deployment/web\n",
        ),
    }
}

/// The panel's editor closed with `saved` in the file: kubectl goes on from `LaunchTempFile`.
/// The session stays open (its buffer now the reopened file) when kubectl would reopen the
/// editor.
pub fn editor_closed(cluster: &mut Cluster, saved: &str) -> crate::playground::CommandOutput {
    crate::kubectl::with_ctx(cluster, |ctx| {
        let Some(session) = ctx.cluster.edit_session().cloned() else {
            return ctx.out.fail("kubeplay: no kubectl edit is waiting for the editor\n");
        };
        ctx.cluster.set_edit_session(None);
        if let Some(reopened) = after_editor(ctx, &session, saved) {
            ctx.cluster.set_edit_session(Some(reopened));
        }
    })
}

/// Reads the objects and prints them as the editor opens them (`Complete`, then `editFn` up to
/// the editor). `None` after printing an error.
fn open(ctx: &mut Ctx, words: &[String], line: &str) -> Option<EditSession> {
    let parsed = match args::parse(words, FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => {
            flag_error(ctx, "edit", &message);
            return None;
        }
    };
    if let Some(flag) = NOT_READ.iter().find(|flag| parsed.has(flag)) {
        ctx.out.fail(format!("kubeplay: kubectl edit --{flag} is not simulated; kubectl edit without it sends the same changes\n"));
        return None;
    }
    let ns = namespace(&parsed);
    let found = originals(ctx, &parsed, &ns)?;
    if found.is_empty() {
        ctx.out.fail("error: edit cancelled, no objects found\n");
        return None;
    }
    let format = parsed.get("output").filter(|o| !o.is_empty()).unwrap_or("yaml");
    let mut values: Vec<Value> = found.iter().map(|(_, object)| objects::to_json(object)).collect();
    let document = match values.len() {
        1 => values.remove(0),
        _ => serde_json::json!({"apiVersion": "v1", "items": values, "kind": "List", "metadata": {}}),
    };
    let (text, extension) = match format {
        "yaml" => (format!("{HEADER}{}", yaml::to_yaml(&document)), "yaml"),
        "json" => (format!("{}\n", crate::kubectl::get::to_json_pretty(&document)), "json"),
        other => {
            ctx.out.fail(format!("error: unable to match a printer suitable for the output format {}, allowed formats are: json,yaml\n", crate::kubectl::apply::go_quote(other)));
            return None;
        }
    };
    // os.CreateTemp's random part, here a digest of what the file holds: the same edit of the
    // same objects gets the same name (no random draw, so a replayed journal matches).
    let (digest, _) = crate::engine::fast_hash::digest([line, text.as_str()]);
    let file = format!("/tmp/kubectl-edit-{}.{extension}", digest as u32);
    Some(EditSession { line: line.to_string(), words: words.to_vec(), file, buffer: text.clone(), original: text, reopened_from: None })
}

/// The objects named by `-f`, `TYPE NAME...`, `TYPE/NAME...` or `TYPE` (all of them, `-l`
/// selecting), as the builder's `ResourceTypeOrNameArgs` and `FilenameParam` read them.
fn originals(ctx: &mut Ctx, parsed: &args::Parsed, ns: &str) -> Option<Vec<(&'static ResourceType, Obj)>> {
    if parsed.has("filename") {
        let (targets, _) = crate::kubectl::apply::file_targets(ctx, &parsed.all("filename"), ns, "edited")?;
        let mut found = Vec::new();
        for (kind, key, name) in targets {
            let resource = resources::of_kind(kind);
            match objects::get(ctx.cluster, kind, &key.namespace, &name) {
                Some(object) => found.push((resource, object)),
                None => {
                    ctx.out.fail(format!("Error from server (NotFound): {} \"{name}\" not found\n", resource.resource()));
                    return None;
                }
            }
        }
        return Some(found);
    }
    if let [only] = parsed.positional.as_slice() {
        if !only.contains('/') {
            let resource = match objects::resolve_type(only) {
                Ok(resource) => resource,
                Err(message) => {
                    ctx.out.fail(format!("error: {message}\n"));
                    return None;
                }
            };
            let selector = crate::kubectl::get::selector(ctx, parsed, "edit")?;
            let listed = objects::list(ctx.cluster, resource.kind, Some(ns), &selector);
            return Some(listed.into_iter().map(|object| (resource, object)).collect());
        }
    }
    let (found, _) = crate::kubectl::mutate::targets(ctx, &parsed.positional, ns)?;
    Some(found)
}

/// Runs an editor named by `KUBE_EDITOR`/`EDITOR` on the file, and goes on as many times as
/// kubectl would reopen it.
fn run_with(ctx: &mut Ctx, editor: &str, mut session: EditSession) {
    for _ in 0..MAX_PASSES {
        let saved = match run_editor(ctx, editor, &session.buffer) {
            Ok(saved) => saved,
            Err(message) => {
                if session.reopened_from.is_some() {
                    stored(ctx, &session.file);
                }
                return ctx.out.fail(message);
            }
        };
        match after_editor(ctx, &session, &saved) {
            Some(reopened) => session = reopened,
            None => return,
        }
    }
    stored(ctx, &session.file);
    ctx.out.fail(format!("kubeplay: the editor \"{editor}\" was reopened {MAX_PASSES} times and kept saving changes that fail; kubectl would go on reopening it\n"));
}

/// The editor's words as `defaultEnvEditor` splits them: one word; words split at spaces; or,
/// with quotes or backslashes, the whole line for the shell.
fn editor_words(editor: &str) -> Vec<String> {
    if !editor.contains(' ') {
        return vec![editor.to_string()];
    }
    if !editor.contains(['"', '\'', '\\']) {
        return editor.split(' ').map(str::to_string).collect();
    }
    args::shell_words(editor).unwrap_or_else(|_| vec![editor.to_string()])
}

/// What the editor leaves in the file. `sed` with `-i` edits it (without, it prints the file
/// and leaves it); `cat` prints it; `true` and `:` leave it. Editors that need a terminal cannot
/// run here.
fn run_editor(ctx: &mut Ctx, editor: &str, buffer: &str) -> Result<String, String> {
    let words = editor_words(editor);
    let program = words.first().map(|w| w.rsplit('/').next().unwrap_or(w)).unwrap_or_default();
    match program {
        "sed" => {
            let in_place = words[1..].iter().any(|w| w == "-i" || w.starts_with("--in-place") || (w.starts_with("-i") && !w.starts_with("-i-")));
            let rest: Vec<String> = words[1..].iter().filter(|w| !(*w == "-i" || w.starts_with("--in-place") || w.starts_with("-i"))).cloned().collect();
            let (out, err, status) = crate::engine::text_filters::sed(&rest, buffer);
            ctx.out.err(err);
            if status != 0 {
                return Err(format!("error: there was a problem with the editor \"{}\"\n", launched(&words, editor)));
            }
            if in_place {
                Ok(out)
            } else {
                ctx.out.out(out);
                Ok(buffer.to_string())
            }
        }
        "cat" if words.len() == 1 => {
            ctx.out.out(buffer.to_string());
            Ok(buffer.to_string())
        }
        "true" | ":" => Ok(buffer.to_string()),
        _ => Err(format!(
            "kubeplay: the editor \"{editor}\" needs a terminal, which this one cannot give it. In the page, unset KUBE_EDITOR and EDITOR and kubectl edit opens the YAML panel; in a script, use KUBE_EDITOR=\"sed -i 's/OLD/NEW/'\"\n"
        )),
    }
}

/// The editor's command line as kubectl names it in errors: its words joined by spaces, or the
/// shell and `-c` before the line.
fn launched(words: &[String], editor: &str) -> String {
    if editor.contains(' ') && editor.contains(['"', '\'', '\\']) {
        format!("/bin/bash -c {editor}")
    } else {
        words.join(" ")
    }
}

/// `preservedFile`: where the changes were kept.
fn stored(ctx: &mut Ctx, file: &str) {
    ctx.out.err(format!("A copy of your changes has been stored to \"{file}\"\n"));
}

/// One reason the file is reopened, with its details (`editReason`).
struct Reason {
    head: String,
    other: Vec<String>,
}

/// The header with the reasons under it (`editHeader.writeTo`).
fn header(reasons: &[Reason]) -> String {
    let mut text = HEADER.to_string();
    for reason in reasons {
        let colon = if reason.other.is_empty() { "" } else { ":" };
        text.push_str(&format!("# {}{colon}\n", hash_on_line_break(&reason.head)));
        for other in &reason.other {
            text.push_str(&format!("# * {}\n", hash_on_line_break(other)));
        }
        text.push_str("#\n");
    }
    text
}

/// `hashOnLineBreak`: a `# ` after each line break not followed by one.
fn hash_on_line_break(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '\n' && chars.peek().is_some_and(|next| *next != '#') {
            out.push_str("# ");
        }
    }
    out
}

/// `cmdutil.ManualStrip`: the lines that are comments (`#`, not `#!`) dropped.
fn manual_strip(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with('#') && !trimmed.starts_with("#!") {
            continue;
        }
        out.push_str(line);
        if i < lines.len() - 1 {
            out.push('\n');
        }
    }
    out
}

/// `cmdutil.StripComments`: the text as JSON when it is YAML (so layout and comments do not
/// count), else without its comment lines.
fn strip_comments(text: &str) -> String {
    match serde_yaml::from_str::<serde_yaml::Value>(text).ok().and_then(|value| yaml::yaml_to_json(&value).ok()) {
        Some(json) => json.to_string(),
        None => manual_strip(text),
    }
}

/// `hasLines`: any line that is not blank and not a comment.
fn has_lines(text: &str) -> bool {
    text.lines().map(str::trim).any(|line| !line.is_empty() && !line.starts_with('#'))
}

/// The objects of a saved file as JSON (a List's items), or the builder's error.
fn objects_of(text: &str) -> Result<Vec<(crate::engine::store::Kind, Value)>, ManifestError> {
    yaml::parse_documents(text).into_iter().map(|document| document.map(|manifest| (manifest.kind, objects::to_json(&manifest.object)))).collect()
}

/// Everything after the editor: kubectl's loop body from `LaunchTempFile` on. `Some` is the
/// session with the file reopened.
fn after_editor(ctx: &mut Ctx, session: &EditSession, saved: &str) -> Option<EditSession> {
    if let Some(previous) = &session.reopened_from {
        if strip_comments(previous) == strip_comments(saved) {
            stored(ctx, &session.file);
            ctx.out.fail("error: Edit cancelled, no valid changes were saved.\n");
            return None;
        }
    }
    if strip_comments(&session.original) == strip_comments(saved) {
        ctx.out.err("Edit cancelled, no changes made.\n");
        return None;
    }
    if !has_lines(saved) {
        ctx.out.err("Edit cancelled, saved file was empty.\n");
        return None;
    }
    let reopen = |reasons: Vec<Reason>| {
        let mut buffer = header(&reasons);
        buffer.push_str(&manual_strip(saved));
        Some(EditSession { buffer, reopened_from: Some(saved.to_string()), ..session.clone() })
    };
    let edited = match objects_of(saved) {
        Ok(edited) => edited,
        Err(ManifestError::Decode { kind, name, message, .. }) => {
            // The builder reads the file unstructured; the apiserver's strict field validation
            // refuses the patch.
            let resource = resources::resolve(&kind.to_lowercase()).map(|r| r.resource()).unwrap_or_else(|| kind.to_lowercase());
            ctx.out.fail(format!("error: {resource} \"{name}\" could not be patched: {message}\n"));
            ctx.out.err(format!("You can run `kubectl replace -f {}` to try this update again.\n", session.file));
            return None;
        }
        Err(error) => {
            let text = crate::kubectl::apply::manifest_error_text("edited-file", &error, "edited", false);
            let head = format!("The edited file had a syntax error: {}", text.trim_end().trim_start_matches("error: "));
            return reopen(vec![Reason { head, other: Vec::new() }]);
        }
    };
    let originals = objects_of(&session.original).unwrap_or_default();
    let parsed = args::parse(&session.words, FLAGS).unwrap_or_default();
    let ns = namespace(&parsed);
    let output = parsed.get("output").filter(|o| *o == "yaml" || *o == "json").map(str::to_string);
    // RequireNamespace(o.CmdNamespace).
    for (kind, object) in &edited {
        let object_ns = object.pointer("/metadata/namespace").and_then(Value::as_str).unwrap_or("");
        if kind.namespaced() && !object_ns.is_empty() && object_ns != ns {
            stored(ctx, &session.file);
            ctx.out.fail(format!(
                "error: the namespace from the provided object \"{object_ns}\" does not match the namespace \"{ns}\". You must pass '--namespace={object_ns}' to perform this operation.\n"
            ));
            return None;
        }
    }
    let mut reasons = Vec::new();
    let (mut retryable, mut not_found, mut invalid) = (0, 0, 0);
    for (kind, object) in &edited {
        let uid = object.pointer("/metadata/uid").and_then(Value::as_str);
        let Some((_, original)) = originals.iter().find(|(_, o)| uid.is_some() && o.pointer("/metadata/uid").and_then(Value::as_str) == uid) else {
            stored(ctx, &session.file);
            let name = object.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("");
            ctx.out.fail(format!("error: no original object found for {} \"{name}\" (its metadata.uid must stay as it was)\n", kind.name()));
            return None;
        };
        let resource = resources::of_kind(*kind);
        let name = original.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("").to_string();
        let qualified = format!("{}/{name}", resource.qualified());
        if original == object {
            let shown = objects::get(ctx.cluster, *kind, &ns, &name);
            match shown {
                Some(current) => print_flags::print_changed(ctx, output.as_deref(), &current, &qualified, "skipped"),
                None => ctx.out.out(format!("{qualified} skipped\n")),
            }
            continue;
        }
        let patch = merge_patch(original, object);
        let changed_identity = ["apiVersion", "kind"].iter().any(|key| patch.get(*key).is_some()) || patch.pointer("/metadata/name").is_some();
        if changed_identity {
            stored(ctx, &session.file);
            ctx.out.fail("error: At least one of apiVersion, kind and name was changed\n");
            return None;
        }
        let object_ns = original.pointer("/metadata/namespace").and_then(Value::as_str).unwrap_or("");
        match send_patch(ctx.cluster, *kind, object_ns, &name, &patch) {
            Ok(after) => print_flags::print_changed(ctx, output.as_deref(), &after, &qualified, "edited"),
            Err(error) => {
                let resource_name = resource.resource();
                match &error {
                    ApiError::Invalid { causes, .. } => {
                        invalid += 1;
                        let other = causes.iter().map(|cause| format!("{}: {}", cause.field, cause.message)).collect();
                        reasons.push(Reason { head: format!("{resource_name} \"{name}\" was not valid"), other });
                        ctx.out.err(format!("error: {resource_name} \"{name}\" is invalid\n"));
                    }
                    ApiError::NotFound { .. } => {
                        not_found += 1;
                        ctx.out.err(format!("error: {resource_name} \"{name}\" could not be found on the server\n"));
                    }
                    other => {
                        retryable += 1;
                        ctx.out.err(format!("error: {resource_name} \"{name}\" could not be patched: {}\n", other.status_message(*kind)));
                    }
                }
            }
        }
    }
    if retryable > 0 {
        ctx.out.fail(format!("You can run `kubectl replace -f {}` to try this update again.\n", session.file));
        return None;
    }
    if not_found > 0 {
        ctx.out.fail(format!("The edits you made on deleted resources have been saved to \"{}\"\n", session.file));
        return None;
    }
    if invalid == 0 {
        return None;
    }
    reopen(reasons)
}

/// `jsonpatch.CreateMergePatch`: what turns `original` into `edited` (RFC 7386): changed keys,
/// removed ones as `null`, lists whole.
fn merge_patch(original: &Value, edited: &Value) -> Value {
    let (Value::Object(before), Value::Object(after)) = (original, edited) else {
        return edited.clone();
    };
    let mut patch = Map::new();
    for (key, value) in after {
        match before.get(key) {
            Some(old) if old == value => {}
            Some(old @ Value::Object(_)) if value.is_object() => {
                patch.insert(key.clone(), merge_patch(old, value));
            }
            _ => {
                patch.insert(key.clone(), value.clone());
            }
        }
    }
    for key in before.keys() {
        if !after.contains_key(key) {
            patch.insert(key.clone(), Value::Null);
        }
    }
    Value::Object(patch)
}

/// PATCH with a JSON merge patch: applied to the object as stored now, then written.
fn send_patch(cluster: &mut Cluster, kind: crate::engine::store::Kind, ns: &str, name: &str, patch: &Value) -> Result<Obj, ApiError> {
    let current = objects::get(cluster, kind, ns, name).ok_or_else(|| ApiError::not_found(kind, name))?;
    let mut json = objects::to_json(&current);
    crate::kubectl::patch::merge(&mut json, patch, false);
    let mut decoded = Vec::new();
    yaml::decode_value(json, 1, &mut decoded);
    match decoded.pop() {
        Some(Ok(manifest)) => apiserver::update_object(cluster, manifest.object),
        Some(Err(ManifestError::Decode { kind: kind_name, message, .. })) => {
            Err(ApiError::BadRequest { message: format!("{kind_name} in version \"v1\" cannot be handled as a {kind_name}: {message}") })
        }
        _ => Err(ApiError::BadRequest { message: "the edited object cannot be decoded".to_string() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_patch_holds_changes_removals_and_whole_lists() {
        let original = serde_json::json!({"a": 1, "b": {"c": 2, "d": 3}, "l": [1, 2], "gone": true});
        let edited = serde_json::json!({"a": 1, "b": {"c": 5, "d": 3}, "l": [1], "new": "x"});
        assert_eq!(merge_patch(&original, &edited), serde_json::json!({"b": {"c": 5}, "l": [1], "new": "x", "gone": null}));
        assert_eq!(merge_patch(&original, &original), serde_json::json!({}));
    }

    #[test]
    fn the_editor_is_split_as_default_env_editor_splits_it() {
        assert_eq!(editor_words("vi"), ["vi"]);
        assert_eq!(editor_words("code --wait"), ["code", "--wait"]);
        assert_eq!(editor_words("sed -i 's/a b/c/'"), ["sed", "-i", "s/a b/c/"]);
    }

    #[test]
    fn comments_are_stripped_as_manual_strip_does() {
        assert_eq!(manual_strip("# a\nb: 1\n  # c\n#!x\n"), "b: 1\n#!x\n");
        assert!(!has_lines("# only\n\n   \n"));
        assert!(has_lines("# c\nkind: x\n"));
        assert_eq!(hash_on_line_break("a\nb\n#c"), "a\n# b\n#c");
    }
}
