//! `kubectl diff -f FILE`: each object as it is live against what `apply` would make of it, as
//! `diff -u -N` prints the two directories of YAML files kubectl writes.
//!
//! Two halves. The command (mirrors kubectl 1.32 `pkg/cmd/diff/diff.go`): read the files, for
//! each object take the live one (LIVE) and what a server-side dry run of `apply` returns
//! (MERGED, computed on a copy of the cluster, so nothing changes), drop managedFields, mask a
//! Secret's values, print both as YAML. And GNU diff 3.8's unified output of those files (its
//! `analyze.c`, `io.c` and `context.c`): the same edit script, so the same hunks, byte for byte.

use std::collections::{BTreeMap, BTreeSet};

use crate::engine::api::deployment::LAST_APPLIED_ANNOTATION;
use crate::engine::api::selector::Selector;
use crate::engine::apiserver;
use crate::engine::clock::Time;
use crate::engine::fast_hash::digest;
use crate::engine::rng::Rng;
use crate::engine::store::{Kind, Obj};
use crate::engine::Cluster;
use crate::kubectl::args::{self, boolean, value, FlagSpec};
use crate::kubectl::get::namespace;
use crate::kubectl::objects;
use crate::kubectl::Ctx;
use crate::yaml::{self, Manifest, ManifestError};

/// What kubectl diff exits with when it fails: cmdutil.CheckDiffErr adds one to the usual 1, so
/// that 1 keeps meaning "differences found".
const ERROR_EXIT_CODE: i32 = 2;

/// The lines of context around each change, and the lines GNU diff keeps of the identical start
/// and end of the files (`horizon_lines`, at least the context).
const CONTEXT: usize = 3;

/// The masks diff.go's Masker puts in place of a Secret's values (`sensitiveMask*`).
const MASK: &str = "***";
const MASK_BEFORE: &str = "*** (before)";
const MASK_AFTER: &str = "*** (after)";

const DIFF_FLAGS: &[FlagSpec] = &[
    value("filename", Some('f')),
    value("kustomize", Some('k')),
    boolean("recursive", Some('R')),
    boolean("server-side", None),
    boolean("force-conflicts", None),
    value("field-manager", None),
    boolean("show-managed-fields", None),
    value("concurrency", None),
    boolean("prune", None),
    value("prune-allowlist", None),
    value("selector", Some('l')),
];

/// The two versions of one object, as the files `LIVE-N/NAME` and `MERGED-N/NAME` hold them.
struct ObjectFiles {
    live: String,
    merged: String,
    /// When both files were written (nanoseconds of virtual time; see `Stamps`).
    written_ns: u64,
}

/// `kubectl diff -f FILE|DIR|-`: prints the differences, exit 1; nothing, exit 0; an error,
/// exit 2. Mirrors NewCmdDiff and DiffOptions.Complete and Run (kubectl/pkg/cmd/diff/diff.go).
#[inline(never)]
pub fn diff(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, DIFF_FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return usage_error(ctx, &message),
    };
    if let Some(concurrency) = parsed.get("concurrency") {
        if concurrency.parse::<i64>().is_err() {
            return usage_error(ctx, &format!("invalid argument \"{concurrency}\" for \"--concurrency\" flag: strconv.ParseInt: parsing \"{concurrency}\": invalid syntax"));
        }
    }
    // DiffOptions.Complete: no arguments, -f or -k (FilenameOptions.RequireFilenameOrKustomize),
    // --force-conflicts only with --server-side.
    if !parsed.positional.is_empty() {
        return usage_error(ctx, &format!("Unexpected args: [{}]", parsed.positional.join(" ")));
    }
    match (parsed.has("filename"), parsed.has("kustomize")) {
        (false, false) => return fail(ctx, "error: must specify one of -f and -k\n"),
        (true, true) => return fail(ctx, "error: only one of -f or -k can be specified\n"),
        _ => {}
    }
    if parsed.bool("force-conflicts") && !parsed.bool("server-side") {
        return fail(ctx, "error: --force-conflicts only works with --server-side\n");
    }
    if parsed.has("kustomize") {
        return fail(ctx, "error: kubeplay does not run kustomize: diff the manifests with -f\n");
    }
    if parsed.bool("prune") {
        return fail(ctx, "kubeplay: kubectl diff --prune is not simulated; kubectl diff -f FILE shows what applying FILE would change\n");
    }
    let sources = match crate::kubectl::apply::read_files(ctx.cluster, ctx.stdin, &parsed.all("filename"), None) {
        Ok(sources) => sources,
        Err(message) => return fail(ctx, &message),
    };
    // The resource builder's LabelSelectorParam: an empty selector selects everything.
    let selector = match parsed.get("selector").filter(|text| !text.is_empty()) {
        None => None,
        Some(text) => match Selector::parse(text) {
            Ok(selector) => Some(selector),
            Err(message) => return fail(ctx, &format!("error: the provided selector \"{text}\" is not valid: unable to parse requirement: {message}\n")),
        },
    };
    let options = Options {
        ns: namespace(&parsed),
        explicit_ns: parsed.has("namespace"),
        show_managed_fields: parsed.bool("show-managed-fields"),
        selector,
    };
    let mut differ = Differ { stamps: Stamps::new(ctx.cluster, &sources), files: BTreeMap::new(), warned: BTreeSet::new() };
    // The builder visits the documents in order and stops at the first error; no diff runs then.
    for source in &sources {
        for (index, document) in yaml::parse_documents(&source.text).into_iter().enumerate() {
            let (manifest, unknown_fields) = match document {
                Ok(manifest) => (manifest, Vec::new()),
                Err(error) => match with_unknown_fields_dropped(&source.text, index, &error) {
                    Some(found) => found,
                    None => return fail(ctx, &manifest_error_text(&source.name, &error)),
                },
            };
            if let Err(message) = differ.visit(ctx, &options, &source.name, manifest, &unknown_fields) {
                return fail(ctx, &message);
            }
        }
    }
    let output = differ.run();
    if !output.is_empty() {
        ctx.out.out(output);
        // `diff` exits 1 when the files differ; kubectl exits 1 too, printing nothing more
        // (cmdutil.ErrExit).
        ctx.out.exit_code = 1;
    }
}

/// What the command line asked for, as each object's visit needs it.
struct Options {
    ns: String,
    explicit_ns: bool,
    show_managed_fields: bool,
    selector: Option<Selector>,
}

/// The two directories being filled, one file per object in each. Mirrors diff.go's Differ.
struct Differ {
    stamps: Stamps,
    files: BTreeMap<String, ObjectFiles>,
    /// The warnings printed so far: kubectl's warning handler prints each distinct one once
    /// (WarningWriterOptions.Deduplicate).
    warned: BTreeSet<String>,
}

/// An error as CheckDiffErr prints it: on stderr, exit code 2.
fn fail(ctx: &mut Ctx, text: &str) {
    ctx.out.err(text);
    ctx.out.exit_code = ERROR_EXIT_CODE;
}

/// A flag or argument error: cobra's message through diff's flag error func (UsageErrorf).
fn usage_error(ctx: &mut Ctx, message: &str) {
    fail(ctx, &format!("error: {message}\nSee 'kubectl diff -h' for help and examples\n"));
}



/// The text of the `index`th document `yaml::parse_documents` found in `text` (counting a
/// List's items), for a YAML stream cut at its `---` lines as parse_documents cuts it. None
/// for a JSON stream.
fn document_text(text: &str, mut index: usize) -> Option<String> {
    if yaml::json_stream::is_json(text) {
        return None;
    }
    let mut chunks = vec![String::new()];
    for line in text.lines() {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed.starts_with("--- ") || trimmed == "..." {
            chunks.push(String::new());
            continue;
        }
        let current = chunks.last_mut().expect("chunks starts with one");
        current.push_str(line);
        current.push('\n');
    }
    for chunk in chunks {
        let n_documents = yaml::parse_documents(&chunk).len();
        if index < n_documents {
            return Some(chunk);
        }
        index -= n_documents;
    }
    None
}

/// kubectl diff sends no `fieldValidation`, so the apiserver's default, Warn, applies: unknown
/// fields are dropped with a warning each instead of failing the request. Given the `index`th
/// document of `text`, whose strict decoding failed only for unknown fields, the document
/// without them and their paths.
fn with_unknown_fields_dropped(text: &str, index: usize, error: &ManifestError) -> Option<(Manifest, Vec<String>)> {
    let ManifestError::Decode { message, .. } = error else { return None };
    let list = message.strip_prefix("strict decoding error: ")?;
    let paths: Vec<String> = list.split("unknown field \"").skip(1).filter_map(|rest| rest.split('"').next()).map(str::to_string).collect();
    let mut json: serde_json::Value = yaml::decode_document(&document_text(text, index)?).ok()?;
    if json.get("kind").and_then(|kind| kind.as_str()) == Some("List") || paths.is_empty() {
        return None;
    }
    for path in &paths {
        remove_path(&mut json, path);
    }
    let mut decoded = Vec::new();
    yaml::decode_value(json, 1, &mut decoded);
    match decoded.pop() {
        Some(Ok(manifest)) if decoded.is_empty() => Some((manifest, paths)),
        _ => None,
    }
}

/// Removes the field at `path` (`spec.template.spec.containers[0].imagePullPolicyy`, as strict
/// decoding names it) from `json`.
fn remove_path(json: &mut serde_json::Value, path: &str) {
    let mut steps: Vec<Result<String, usize>> = Vec::new();
    for part in path.split('.') {
        let mut pieces = part.split('[');
        if let Some(key) = pieces.next().filter(|key| !key.is_empty()) {
            steps.push(Ok(key.to_string()));
        }
        for index in pieces {
            if let Ok(index) = index.trim_end_matches(']').parse::<usize>() {
                steps.push(Err(index));
            }
        }
    }
    let Some(last) = steps.pop() else { return };
    let mut node = json;
    for step in steps {
        let next = match step {
            Ok(key) => node.get_mut(key.as_str()),
            Err(index) => node.get_mut(index),
        };
        match next {
            Some(next) => node = next,
            None => return,
        }
    }
    if let (Ok(key), Some(map)) = (last, node.as_object_mut()) {
        map.remove(&key);
    }
}

/// A manifest the resource builder could not read, worded as it is (the texts `apply -f` prints
/// without client-side validation, which diff does not run).
fn manifest_error_text(source: &str, error: &ManifestError) -> String {
    match error {
        // The dry-run create's answer: the apiserver cannot decode the object.
        ManifestError::Decode { kind, message, .. } => format!("Error from server (BadRequest): {kind} in version \"v1\" cannot be handled as a {kind}: {message}\n"),
        other => crate::kubectl::apply::manifest_error_text(source, other, "diffed", false),
    }
}

impl Differ {
    /// One object of the files, as the `r.Visit` callback of DiffOptions.Run handles it: both
    /// versions written as YAML under the object's file name (nothing when the selector leaves
    /// it out), or the error that stops the command. The unknown fields the dry run dropped are
    /// warned about on stderr, as is a change to an object being deleted (apply.WarnIfDeleting).
    fn visit(&mut self, ctx: &mut Ctx, options: &Options, source: &str, mut manifest: Manifest, unknown_fields: &[String]) -> Result<(), String> {
        let dry_run_seed = self.stamps.rng.next_u64();
        if let Some(selector) = &options.selector {
            if !selector.matches(&labels_of(&manifest.raw)) {
                return Ok(());
            }
        }
        let kind = manifest.kind;
        let ns = place(&mut manifest.raw, kind, &options.ns, options.explicit_ns)?;
        let name = manifest.raw.pointer("/metadata/name").and_then(|name| name.as_str()).unwrap_or("").to_string();
        if name.is_empty() {
            return Err("error: resource name may not be empty\n".into());
        }
        let live = objects::get(ctx.cluster, kind, &ns, &name);
        for field in unknown_fields {
            let warning = format!("Warning: unknown field \"{field}\"\n");
            if self.warned.insert(warning.clone()) {
                ctx.out.err(warning);
            }
        }
        let merged = merged(ctx.cluster, source, &manifest, live.as_ref(), dry_run_seed);
        if let Some(live) = &live {
            if objects::meta(live).deletion_timestamp.is_some() {
                ctx.out.err(format!("Warning: Detected changes to resource {name} which is currently being deleted.\n"));
            }
        }
        let mut to = merged?;
        let mut from = live.as_ref().map(objects::to_json);
        if !options.show_managed_fields {
            for object in from.iter_mut().chain(std::iter::once(&mut to)) {
                if let Some(metadata) = object.get_mut("metadata").and_then(|m| m.as_object_mut()) {
                    metadata.remove("managedFields");
                }
            }
        }
        if kind == Kind::Secret {
            mask_secret_data(from.as_mut(), &mut to);
        }
        let live_text = from.as_ref().map(yaml::to_yaml).unwrap_or_default();
        let written_ns = self.stamps.next();
        self.files.insert(file_name(kind, &ns, &name), ObjectFiles { live: live_text, merged: yaml::to_yaml(&to), written_ns });
        Ok(())
    }

    /// What `diff -u -N LIVE-N MERGED-N` prints for the two directories: for each file name in
    /// byte order whose versions differ, the command line, the unified header with each file's
    /// path and modification time (`%Y-%m-%d %H:%M:%S.%N %z`, UTC) and the hunks.
    fn run(&self) -> String {
        let mut output = String::new();
        for (name, object) in &self.files {
            let hunks = unified_hunks(&object.live, &object.merged);
            if hunks.is_empty() {
                continue;
            }
            let (live, merged) = (format!("{}/{name}", self.stamps.live_dir), format!("{}/{name}", self.stamps.merged_dir));
            let stamp = file_time(object.written_ns);
            output.push_str(&format!("diff -u -N {live} {merged}\n--- {live}\t{stamp}\n+++ {merged}\t{stamp}\n{hunks}"));
        }
        output
    }
}

/// The object's labels, for the selector.
fn labels_of(raw: &serde_json::Value) -> BTreeMap<String, String> {
    let labels = raw.pointer("/metadata/labels").and_then(|labels| labels.as_object());
    labels.into_iter().flatten().map(|(key, value)| (key.clone(), value.as_str().unwrap_or("").to_string())).collect()
}

/// The namespace a namespaced object goes to (its own, else `-n`'s or `default`), written into
/// it; the builder's RequireNamespace error when `-n` was given and the object says otherwise.
/// Cluster-scoped objects have none (`""`).
fn place(raw: &mut serde_json::Value, kind: Kind, ns: &str, explicit_ns: bool) -> Result<String, String> {
    if !kind.namespaced() {
        return Ok(String::new());
    }
    let given = raw.pointer("/metadata/namespace").and_then(|ns| ns.as_str()).filter(|ns| !ns.is_empty()).map(str::to_string);
    let target = match given {
        Some(given) if explicit_ns && given != ns => {
            return Err(format!(
                "error: the namespace from the provided object \"{given}\" does not match the namespace \"{ns}\". You must pass '--namespace={given}' to perform this operation.\n"
            ))
        }
        Some(given) => given,
        None => ns.to_string(),
    };
    if let Some(metadata) = raw.get_mut("metadata").and_then(|m| m.as_object_mut()) {
        metadata.insert("namespace".into(), serde_json::Value::String(target.clone()));
    }
    Ok(target)
}

/// `group.version.Kind.namespace.name`, the file both directories hold for an object
/// (InfoObject.Name): `apps.v1.Deployment.default.web`, `v1.Namespace..dev`.
fn file_name(kind: Kind, ns: &str, name: &str) -> String {
    format!("{}.{}.{ns}.{name}", kind.api_version().replace('/', "."), kind.name())
}

/// What the apiserver answers a dry run of `apply` with (InfoObject.Merged): for a new object a
/// dry-run create of the file's object as it is (no last-applied annotation: diff sends the
/// local object); for an existing one the client-side apply patch (the file without its
/// last-applied annotation, util.GetModifiedConfiguration with annotate=false, merged three ways
/// with the live object and its last-applied configuration) sent with dry run. Both run through
/// the apiserver's write path on a copy of the cluster, so defaults, admission, validation and
/// the generation bump are the server's, and nothing is stored. A dry run stores nothing, so a
/// created object has no resourceVersion and an updated one keeps the live one. `dry_run_seed`
/// seeds the copy's random source.
fn merged(cluster: &Cluster, source: &str, manifest: &Manifest, live: Option<&Obj>, dry_run_seed: u64) -> Result<serde_json::Value, String> {
    let mut scratch = cluster.clone();
    // What a dry run generates (a uid) is random, not what a real create would get next.
    scratch.rng = Rng::new(dry_run_seed);
    let Some(live) = live else {
        let object = decode(manifest.raw.clone()).map_err(|error| manifest_error_text(source, &error))?;
        let created = apiserver::create_object(&mut scratch, object).map_err(|error| crate::kubectl::error::render(&error, None))?;
        let mut json = objects::to_json(&created);
        if let Some(metadata) = json.get_mut("metadata").and_then(|m| m.as_object_mut()) {
            metadata.remove("resourceVersion");
        }
        return Ok(json);
    };
    let patching = format!("error when patching \"{source}\"");
    let live_json = objects::to_json(live);
    let previous = objects::meta(live).annotation(LAST_APPLIED_ANNOTATION).and_then(|text| serde_json::from_str::<serde_json::Value>(text).ok());
    // GetModifiedConfiguration sets the annotations back without the last-applied one: `{}`
    // when there were none, as in the last-applied configuration, so none is deleted.
    let mut modified = manifest.raw.clone();
    if let Some(metadata) = modified.get_mut("metadata").and_then(|m| m.as_object_mut()) {
        let annotations = metadata.entry("annotations").or_insert_with(|| serde_json::json!({}));
        if let Some(annotations) = annotations.as_object_mut() {
            annotations.remove(LAST_APPLIED_ANNOTATION);
        }
    }
    let patched = crate::kubectl::apply::three_way_merge(&live_json, previous.as_ref(), &modified);
    let object = decode(patched).map_err(|error| match error {
        ManifestError::Decode { kind, message, .. } => format!("Error from server (BadRequest): {patching}: {kind} in version \"v1\" cannot be handled as a {kind}: {message}\n"),
        other => manifest_error_text(source, &other),
    })?;
    let updated = apiserver::update_object(&mut scratch, object).map_err(|error| crate::kubectl::error::render(&error, Some(&patching)))?;
    let mut json = objects::to_json(&updated);
    if let Some(metadata) = json.get_mut("metadata").and_then(|m| m.as_object_mut()) {
        metadata.insert("resourceVersion".into(), serde_json::Value::String(objects::meta(live).resource_version.clone()));
    }
    Ok(json)
}

/// One document's JSON as the typed object the apiserver's write path takes.
fn decode(json: serde_json::Value) -> Result<Obj, ManifestError> {
    let mut decoded = Vec::new();
    yaml::decode_value(json, 1, &mut decoded);
    match decoded.pop() {
        Some(Ok(manifest)) => Ok(manifest.object),
        Some(Err(error)) => Err(error),
        None => Err(ManifestError::Missing { what: "Kind", json: "{}".into() }),
    }
}

/// Hides a Secret's values and keeps which ones change visible. Mirrors Masker.run
/// (kubectl/pkg/cmd/diff/diff.go): a key in both versions is `***` when its value stays and
/// `*** (before)` / `*** (after)` when it changes; a key in one version only is `***`.
fn mask_secret_data(from: Option<&mut serde_json::Value>, to: &mut serde_json::Value) {
    let from_data = from.and_then(|from| from.get_mut("data")).and_then(|data| data.as_object_mut());
    let to_data = to.get_mut("data").and_then(|data| data.as_object_mut());
    let before = from_data.as_deref().cloned().unwrap_or_default();
    let after = to_data.as_deref().cloned().unwrap_or_default();
    let changed = |key: &str| matches!((before.get(key), after.get(key)), (Some(old), Some(new)) if old != new);
    for (data, changed_mask) in [(from_data, MASK_BEFORE), (to_data, MASK_AFTER)] {
        for (key, value) in data.into_iter().flatten() {
            *value = if changed(key) { changed_mask } else { MASK }.into();
        }
    }
}

/// The random parts of a real run, made repeatable: the numbers `os.MkdirTemp` appends to
/// `LIVE-` and `MERGED-` (a random uint32 in decimal), each dry run's random source, and the
/// files' modification times (some milliseconds apart per object, early in the current virtual
/// second). They come from a copy of the cluster's seeded generator (its own sequence is left
/// alone) mixed with the virtual clock and the input files: the same script and seed print the
/// same bytes, and diffs of different files get different directories.
struct Stamps {
    live_dir: String,
    merged_dir: String,
    rng: Rng,
    now_ns: u64,
}

impl Stamps {
    fn new(cluster: &Cluster, sources: &[crate::kubectl::apply::Source]) -> Stamps {
        let mut copy = cluster.rng.clone();
        let (input, _) = digest(sources.iter().map(|source| source.text.as_str()));
        let mut rng = Rng::new(copy.next_u64() ^ input ^ cluster.now().as_millis().wrapping_mul(0x9E37_79B9));
        let live_dir = format!("/tmp/LIVE-{}", rng.next_u64() as u32);
        let merged_dir = format!("/tmp/MERGED-{}", rng.next_u64() as u32);
        // Creating the directories and reading the files takes the first few milliseconds.
        let now_ns = cluster.now().as_millis() * 1_000_000 + 2_000_000 + rng.below(8_000_000);
        Stamps { live_dir, merged_dir, rng, now_ns }
    }

    /// When the next object's two files are written: a GET and a dry-run request later.
    fn next(&mut self) -> u64 {
        self.now_ns += 3_000_000 + self.rng.below(9_000_000);
        self.now_ns
    }
}

/// A file time as GNU diff's unified header prints it: `2026-11-23 00:00:05.004211790 +0000`.
fn file_time(ns: u64) -> String {
    let date = Time((ns / 1_000_000_000) as i64).rfc3339();
    format!("{} {}.{:09} +0000", &date[..10], &date[11..19], ns % 1_000_000_000)
}

// ---- GNU diff ----------------------------------------------------------------------------

/// One run of an edit script: `deleted` lines of the old text from line `line0` are replaced by
/// `inserted` lines of the new text from line `line1` (0-based). Mirrors `struct change`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Change {
    line0: usize,
    line1: usize,
    deleted: usize,
    inserted: usize,
}

/// The hunks `diff -u` prints for two texts (what follows the `---`/`+++` header), empty when
/// they are equal. Lines keep their newline; a last line without one is `\ No newline at end of
/// file`, and never equals a line that has one. Mirrors print_context_script, find_hunk and
/// pr_unidiff_hunk (diffutils 3.8 src/context.c).
fn unified_hunks(old: &str, new: &str) -> String {
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let script = edit_script(&old_lines, &new_lines);
    let mut output = String::new();
    let mut start = 0;
    while start < script.len() {
        // find_hunk: changes separated by at most 2 * CONTEXT unchanged lines share a hunk.
        let mut end = start + 1;
        while end < script.len() && script[end].line0 - (script[end - 1].line0 + script[end - 1].deleted) < 2 * CONTEXT + 1 {
            end += 1;
        }
        print_hunk(&mut output, &old_lines, &new_lines, &script[start..end]);
        start = end;
    }
    output
}

/// One hunk: its `@@ -a,b +c,d @@` line, then context, deleted and inserted lines.
fn print_hunk(output: &mut String, old: &[&str], new: &[&str], hunk: &[Change]) {
    let (first, last) = (hunk[0], hunk[hunk.len() - 1]);
    // analyze_hunk's ranges (internal line numbers: the last may be one before the first), then
    // a context's width either side, within the files.
    let first0 = first.line0 as isize - CONTEXT as isize;
    let first1 = first.line1 as isize - CONTEXT as isize;
    let last0 = (last.line0 + last.deleted) as isize - 1 + CONTEXT as isize;
    let last1 = (last.line1 + last.inserted) as isize - 1 + CONTEXT as isize;
    let (first0, first1) = (first0.max(0), first1.max(0));
    let (last0, last1) = (last0.min(old.len() as isize - 1), last1.min(new.len() as isize - 1));
    output.push_str(&format!("@@ -{} +{} @@\n", number_range(first0, last0), number_range(first1, last1)));
    let (mut i, mut j) = (first0 as usize, first1 as usize);
    let mut next = hunk.iter().peekable();
    while i as isize <= last0 || j as isize <= last1 {
        match next.peek() {
            Some(change) if i >= change.line0 => {
                for line in &old[i..i + change.deleted] {
                    print_line(output, '-', line);
                }
                for line in &new[j..j + change.inserted] {
                    print_line(output, '+', line);
                }
                i += change.deleted;
                j += change.inserted;
                next.next();
            }
            _ => {
                let Some(line) = old.get(i) else { break };
                print_line(output, ' ', line);
                i += 1;
                j += 1;
            }
        }
    }
}

/// A range of 0-based lines `first..=last` as a unified header writes it (1-based start and
/// count): `3,4`; one line is just `3`; no line is the line before and 0, `2,0` (`0,0` for an
/// empty file). Mirrors print_unidiff_number_range.
fn number_range(first: isize, last: isize) -> String {
    let (a, b) = (first + 1, last + 1);
    if b < a {
        format!("{b},0")
    } else if b == a {
        format!("{b}")
    } else {
        format!("{a},{}", b - a + 1)
    }
}

fn print_line(output: &mut String, flag: char, line: &str) {
    output.push(flag);
    match line.strip_suffix('\n') {
        Some(text) => {
            output.push_str(text);
            output.push('\n');
        }
        None => {
            output.push_str(line);
            output.push_str("\n\\ No newline at end of file\n");
        }
    }
}

/// The edit script GNU diff 3.8 finds between two lists of lines (without `--minimal` or `-H`),
/// in order. Mirrors diff_2_files (src/analyze.c): the identical start and end are set aside but
/// for `CONTEXT` lines each (find_identical_ends, src/io.c), lines are numbered by equivalence
/// class, lines without a match in the other file are left out of the search
/// (discard_confusing_lines), Myers' search runs on the rest (compareseq, gnulib diffseq.h),
/// runs of changes slide to merge and to end as late as they can (shift_boundaries), and
/// build_script lists them. Other minimal scripts exist; this is the one `diff` prints.
fn edit_script(old: &[&str], new: &[&str]) -> Vec<Change> {
    let common_prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let prefix = common_prefix.saturating_sub(CONTEXT);
    let room = old.len().min(new.len()) - prefix;
    let common_suffix = old.iter().rev().zip(new.iter().rev()).take(room).take_while(|(a, b)| a == b).count();
    let suffix = common_suffix.saturating_sub(CONTEXT);
    let buffered = [&old[prefix..old.len() - suffix], &new[prefix..new.len() - suffix]];
    // Equivalence classes from 1, as find_and_hash_each_line numbers them.
    let mut classes: BTreeMap<&str, usize> = BTreeMap::new();
    let equivs: Vec<Vec<usize>> = buffered
        .iter()
        .map(|lines| {
            lines
                .iter()
                .map(|line| {
                    let next = classes.len() + 1;
                    *classes.entry(line).or_insert(next)
                })
                .collect()
        })
        .collect();
    let n_classes = classes.len() + 1;
    let mut changed = [Flags::new(buffered[0].len()), Flags::new(buffered[1].len())];
    let (undiscarded, realindexes) = discard_confusing_lines(&equivs, n_classes, &mut changed);
    compare_seq(&undiscarded, &realindexes, &mut changed);
    shift_boundaries(&equivs, &mut changed);
    build_script(&changed)
        .into_iter()
        .map(|change| Change { line0: change.line0 + prefix, line1: change.line1 + prefix, ..change })
        .collect()
}

/// A file's `changed` flags with the zero sentinels GNU diff keeps before the first line and
/// after the last (indices -1 and len read as false).
struct Flags {
    flags: Vec<bool>,
}

impl Flags {
    fn new(len: usize) -> Flags {
        Flags { flags: vec![false; len + 2] }
    }

    fn len(&self) -> isize {
        self.flags.len() as isize - 2
    }

    fn get(&self, index: isize) -> bool {
        usize::try_from(index + 1).ok().and_then(|i| self.flags.get(i)).copied().unwrap_or(false)
    }

    fn set(&mut self, index: isize, value: bool) {
        if index >= 0 && index < self.len() {
            self.flags[(index + 1) as usize] = value;
        }
    }
}

/// Marks as changed the lines that match no line of the other file, and leaves out of the
/// search the lines with very many matches when they sit in a run of such lines. Returns, per
/// file, the classes of the lines kept and their indices. Mirrors discard_confusing_lines
/// (diffutils 3.8 src/analyze.c). Worked example: a line appearing more than `many` times in the
/// other file (5 for files under 256 lines) is "provisional"; it is only discarded inside a run
/// of discardable lines that starts and ends with a line matching nothing.
fn discard_confusing_lines(equivs: &[Vec<usize>], n_classes: usize, changed: &mut [Flags; 2]) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let mut counts = vec![vec![0usize; n_classes]; 2];
    for (f, lines) in equivs.iter().enumerate() {
        for &class in lines {
            counts[f][class] += 1;
        }
    }
    let mut discards: Vec<Vec<u8>> = equivs.iter().map(|lines| vec![0u8; lines.len()]).collect();
    for f in 0..2 {
        let end = equivs[f].len();
        let mut many = 5usize;
        let mut tem = end / 64;
        loop {
            tem >>= 2;
            if tem == 0 {
                break;
            }
            many *= 2;
        }
        for i in 0..end {
            let n_match = counts[1 - f][equivs[f][i]];
            if n_match == 0 {
                discards[f][i] = 1;
            } else if n_match > many {
                discards[f][i] = 2;
            }
        }
    }
    for discards in &mut discards {
        let end = discards.len() as isize;
        let at = |i: isize| i as usize;
        let mut i: isize = 0;
        while i < end {
            if discards[at(i)] == 2 {
                discards[at(i)] = 0;
            } else if discards[at(i)] != 0 {
                // A run of discardable lines starting with one that matches nothing.
                let mut j = i;
                let mut provisional = 0isize;
                while j < end && discards[at(j)] != 0 {
                    if discards[at(j)] == 2 {
                        provisional += 1;
                    }
                    j += 1;
                }
                while j > i && discards[at(j - 1)] == 2 {
                    j -= 1;
                    discards[at(j)] = 0;
                    provisional -= 1;
                }
                let length = j - i;
                if provisional * 4 > length {
                    while j > i {
                        j -= 1;
                        if discards[at(j)] == 2 {
                            discards[at(j)] = 0;
                        }
                    }
                } else {
                    let mut minimum: isize = 1;
                    let mut tem = length >> 2;
                    loop {
                        tem >>= 2;
                        if tem <= 0 {
                            break;
                        }
                        minimum <<= 1;
                    }
                    minimum += 1;
                    // Cancel any subrun of `minimum` or more provisionals.
                    let (mut j, mut consec) = (0isize, 0isize);
                    while j < length {
                        if discards[at(i + j)] != 2 {
                            consec = 0;
                        } else {
                            consec += 1;
                            if minimum == consec {
                                j -= consec;
                            } else if minimum < consec {
                                discards[at(i + j)] = 0;
                            }
                        }
                        j += 1;
                    }
                    // From the start of the run, until three non-provisionals in a row or one
                    // at least 8 lines in, cancel the provisionals; then the same from the end.
                    let (mut j, mut consec) = (0isize, 0isize);
                    while j < length {
                        if j >= 8 && discards[at(i + j)] == 1 {
                            break;
                        }
                        match discards[at(i + j)] {
                            2 => {
                                consec = 0;
                                discards[at(i + j)] = 0;
                            }
                            0 => consec = 0,
                            _ => consec += 1,
                        }
                        if consec == 3 {
                            break;
                        }
                        j += 1;
                    }
                    i += length - 1;
                    let (mut j, mut consec) = (0isize, 0isize);
                    while j < length {
                        if j >= 8 && discards[at(i - j)] == 1 {
                            break;
                        }
                        match discards[at(i - j)] {
                            2 => {
                                consec = 0;
                                discards[at(i - j)] = 0;
                            }
                            0 => consec = 0,
                            _ => consec += 1,
                        }
                        if consec == 3 {
                            break;
                        }
                        j += 1;
                    }
                }
            }
            i += 1;
        }
    }
    let mut undiscarded = vec![Vec::new(), Vec::new()];
    let mut realindexes = vec![Vec::new(), Vec::new()];
    for f in 0..2 {
        for (i, &class) in equivs[f].iter().enumerate() {
            if discards[f][i] == 0 {
                undiscarded[f].push(class);
                realindexes[f].push(i);
            } else {
                changed[f].set(i as isize, true);
            }
        }
    }
    (undiscarded, realindexes)
}

/// Where `diag` splits a search: the midpoint, and whether each half may be searched minimally.
struct Partition {
    xmid: isize,
    ymid: isize,
    lo_minimal: bool,
    hi_minimal: bool,
}

/// Myers' search state over two vectors of classes. Mirrors `struct context` (gnulib diffseq.h).
struct Search<'a> {
    xv: &'a [usize],
    yv: &'a [usize],
    /// Furthest-reaching x per diagonal, forward and backward, indexed by diagonal + `offset`.
    fd: Vec<isize>,
    bd: Vec<isize>,
    offset: isize,
    /// Edit costs beyond which a half-way answer is accepted: 4096 at least (src/analyze.c).
    too_expensive: isize,
}

impl Search<'_> {
    fn fd(&self, d: isize) -> isize {
        self.fd[(d + self.offset) as usize]
    }

    fn bd(&self, d: isize) -> isize {
        self.bd[(d + self.offset) as usize]
    }

    fn set_fd(&mut self, d: isize, x: isize) {
        self.fd[(d + self.offset) as usize] = x;
    }

    fn set_bd(&mut self, d: isize, x: isize) {
        self.bd[(d + self.offset) as usize] = x;
    }

    fn equal(&self, x: isize, y: isize) -> bool {
        self.xv[x as usize] == self.yv[y as usize]
    }

    /// The midpoint of a shortest edit script of `xv[xoff..xlim]` and `yv[yoff..ylim]`, searched
    /// from both ends at once. Mirrors `diag` (gnulib diffseq.h), without the `-H` heuristic.
    fn diag(&mut self, xoff: isize, xlim: isize, yoff: isize, ylim: isize, find_minimal: bool) -> Partition {
        let (dmin, dmax) = (xoff - ylim, xlim - yoff);
        let (fmid, bmid) = (xoff - yoff, xlim - ylim);
        let (mut fmin, mut fmax, mut bmin, mut bmax) = (fmid, fmid, bmid, bmid);
        let odd = (fmid - bmid) & 1 != 0;
        self.set_fd(fmid, xoff);
        self.set_bd(bmid, xlim);
        let mut cost: isize = 1;
        loop {
            // Extend the top-down search by an edit step in each diagonal.
            if fmin > dmin {
                fmin -= 1;
                self.set_fd(fmin - 1, -1);
            } else {
                fmin += 1;
            }
            if fmax < dmax {
                fmax += 1;
                self.set_fd(fmax + 1, -1);
            } else {
                fmax -= 1;
            }
            let mut d = fmax;
            while d >= fmin {
                let (tlo, thi) = (self.fd(d - 1), self.fd(d + 1));
                let x0 = if tlo < thi { thi } else { tlo + 1 };
                let (mut x, mut y) = (x0, x0 - d);
                while x < xlim && y < ylim && self.equal(x, y) {
                    x += 1;
                    y += 1;
                }
                self.set_fd(d, x);
                if odd && bmin <= d && d <= bmax && self.bd(d) <= x {
                    return Partition { xmid: x, ymid: y, lo_minimal: true, hi_minimal: true };
                }
                d -= 2;
            }
            // Similarly extend the bottom-up search.
            if bmin > dmin {
                bmin -= 1;
                self.set_bd(bmin - 1, isize::MAX);
            } else {
                bmin += 1;
            }
            if bmax < dmax {
                bmax += 1;
                self.set_bd(bmax + 1, isize::MAX);
            } else {
                bmax -= 1;
            }
            let mut d = bmax;
            while d >= bmin {
                let (tlo, thi) = (self.bd(d - 1), self.bd(d + 1));
                let x0 = if tlo < thi { tlo } else { thi - 1 };
                let (mut x, mut y) = (x0, x0 - d);
                while xoff < x && yoff < y && self.equal(x - 1, y - 1) {
                    x -= 1;
                    y -= 1;
                }
                self.set_bd(d, x);
                if !odd && fmin <= d && d <= fmax && x <= self.fd(d) {
                    return Partition { xmid: x, ymid: y, lo_minimal: true, hi_minimal: true };
                }
                d -= 2;
            }
            if !find_minimal && cost >= self.too_expensive {
                return self.halfway(xoff, xlim, yoff, ylim, (fmin, fmax, bmin, bmax));
            }
            cost += 1;
        }
    }

    /// Gone well beyond the call of duty: the better of the furthest forward and backward
    /// points so far (diffseq.h's TOO_EXPENSIVE heuristic, by Paul Eggert).
    fn halfway(&self, xoff: isize, xlim: isize, yoff: isize, ylim: isize, (fmin, fmax, bmin, bmax): (isize, isize, isize, isize)) -> Partition {
        let (mut fxybest, mut fxbest) = (-1isize, 0isize);
        let mut d = fmax;
        while d >= fmin {
            let mut x = self.fd(d).min(xlim);
            let mut y = x - d;
            if ylim < y {
                x = ylim + d;
                y = ylim;
            }
            if fxybest < x + y {
                fxybest = x + y;
                fxbest = x;
            }
            d -= 2;
        }
        let (mut bxybest, mut bxbest) = (isize::MAX, 0isize);
        let mut d = bmax;
        while d >= bmin {
            let mut x = self.bd(d).max(xoff);
            let mut y = x - d;
            if y < yoff {
                x = yoff + d;
                y = yoff;
            }
            if x + y < bxybest {
                bxybest = x + y;
                bxbest = x;
            }
            d -= 2;
        }
        if (xlim + ylim) - bxybest < fxybest - (xoff + yoff) {
            Partition { xmid: fxbest, ymid: fxybest - fxbest, lo_minimal: true, hi_minimal: false }
        } else {
            Partition { xmid: bxbest, ymid: bxybest - bxbest, lo_minimal: false, hi_minimal: true }
        }
    }
}

/// Marks the lines a shortest edit script of the kept lines deletes and inserts. Mirrors
/// compareseq (gnulib diffseq.h), with a stack instead of recursion (the halves are independent).
fn compare_seq(undiscarded: &[Vec<usize>], realindexes: &[Vec<usize>], changed: &mut [Flags; 2]) {
    let (n0, n1) = (undiscarded[0].len() as isize, undiscarded[1].len() as isize);
    let diags = n0 + n1 + 3;
    let mut too_expensive: isize = 1;
    let mut rest = diags;
    while rest != 0 {
        rest >>= 2;
        too_expensive <<= 1;
    }
    let mut search = Search {
        xv: &undiscarded[0],
        yv: &undiscarded[1],
        fd: vec![0; diags as usize],
        bd: vec![0; diags as usize],
        offset: n1 + 1,
        too_expensive: too_expensive.max(4096),
    };
    let mut stack = vec![(0isize, n0, 0isize, n1, false)];
    while let Some((mut xoff, mut xlim, mut yoff, mut ylim, find_minimal)) = stack.pop() {
        while xoff < xlim && yoff < ylim && search.equal(xoff, yoff) {
            xoff += 1;
            yoff += 1;
        }
        while xoff < xlim && yoff < ylim && search.equal(xlim - 1, ylim - 1) {
            xlim -= 1;
            ylim -= 1;
        }
        if xoff == xlim {
            for y in yoff..ylim {
                changed[1].set(realindexes[1][y as usize] as isize, true);
            }
        } else if yoff == ylim {
            for x in xoff..xlim {
                changed[0].set(realindexes[0][x as usize] as isize, true);
            }
        } else {
            let part = search.diag(xoff, xlim, yoff, ylim, find_minimal);
            stack.push((part.xmid, xlim, part.ymid, ylim, part.hi_minimal));
            stack.push((xoff, part.xmid, yoff, part.ymid, part.lo_minimal));
        }
    }
}

/// Slides each run of changed lines over identical lines: back to merge with an earlier run,
/// forward to merge with a later one and otherwise to end as late as it can, then back to face
/// a run of changes in the other file if one is there. Mirrors shift_boundaries (diffutils 3.8
/// src/analyze.c). Example: inserting `a` into `a a a` gives `+a` as the last line, not the first.
fn shift_boundaries(equivs: &[Vec<usize>], changed: &mut [Flags; 2]) {
    for f in 0..2 {
        let [first, second] = changed;
        let (changed, other) = if f == 0 { (first, &*second) } else { (second, &*first) };
        let equivs = &equivs[f];
        let class = |i: isize| equivs[i as usize];
        let i_end = changed.len();
        let (mut i, mut j): (isize, isize) = (0, 0);
        loop {
            // Find the start of the next run, keeping track of the corresponding point.
            while i < i_end && !changed.get(i) {
                while other.get(j) {
                    j += 1;
                }
                j += 1;
                i += 1;
            }
            if i == i_end {
                break;
            }
            let mut start = i;
            i += 1;
            while changed.get(i) {
                i += 1;
            }
            while other.get(j) {
                j += 1;
            }
            let mut corresponding;
            loop {
                let run_length = i - start;
                // Move the run back while the line before it matches its last line.
                while start > 0 && class(start - 1) == class(i - 1) {
                    start -= 1;
                    changed.set(start, true);
                    i -= 1;
                    changed.set(i, false);
                    while changed.get(start - 1) {
                        start -= 1;
                    }
                    j -= 1;
                    while other.get(j) {
                        j -= 1;
                    }
                }
                corresponding = if other.get(j - 1) { i } else { i_end };
                // Move it forward while its first line matches the line after it.
                while i != i_end && class(start) == class(i) {
                    changed.set(start, false);
                    start += 1;
                    changed.set(i, true);
                    i += 1;
                    while changed.get(i) {
                        i += 1;
                    }
                    j += 1;
                    while other.get(j) {
                        corresponding = i;
                        j += 1;
                    }
                }
                if run_length == i - start {
                    break;
                }
            }
            // Move the fully merged run back to a corresponding run in the other file.
            while corresponding < i {
                start -= 1;
                changed.set(start, true);
                i -= 1;
                changed.set(i, false);
                j -= 1;
                while other.get(j) {
                    j -= 1;
                }
            }
        }
    }
}

/// The runs of changed lines, in order. Mirrors build_script (diffutils 3.8 src/analyze.c).
fn build_script(changed: &[Flags; 2]) -> Vec<Change> {
    let mut script = Vec::new();
    let (mut i0, mut i1) = (changed[0].len(), changed[1].len());
    while i0 >= 0 || i1 >= 0 {
        if changed[0].get(i0 - 1) || changed[1].get(i1 - 1) {
            let (line0, line1) = (i0, i1);
            while changed[0].get(i0 - 1) {
                i0 -= 1;
            }
            while changed[1].get(i1 - 1) {
                i1 -= 1;
            }
            script.push(Change { line0: i0 as usize, line1: i1 as usize, deleted: (line0 - i0) as usize, inserted: (line1 - i1) as usize });
        }
        i0 -= 1;
        i1 -= 1;
    }
    script.reverse();
    script
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Compares `unified_hunks(old, new)` with what GNU diff 3.8 prints after its two header
    /// lines (each expectation was taken from `diff -u old new` on such files).
    fn check(old: &str, new: &str, expected: &str) {
        let got = unified_hunks(old, new);
        assert_eq!(got, expected, "\n--- got ---\n{got}");
    }

    fn numbered(n: usize, changed: &[(usize, &str)]) -> String {
        (1..=n).map(|i| format!("{}\n", changed.iter().find(|(at, _)| *at == i).map_or(i.to_string(), |(_, text)| text.to_string()))).collect()
    }

    #[test]
    fn equal_texts_have_no_hunk() {
        check("", "", "");
        check("a\nb\n", "a\nb\n", "");
    }

    #[test]
    fn a_change_with_three_lines_of_context() {
        check(&numbered(10, &[]), &numbered(10, &[(5, "five")]), "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
    }

    #[test]
    fn changes_six_lines_apart_share_a_hunk() {
        check(
            &numbered(20, &[]),
            &numbered(20, &[(3, "x"), (10, "x")]),
            "@@ -1,13 +1,13 @@\n 1\n 2\n-3\n+x\n 4\n 5\n 6\n 7\n 8\n 9\n-10\n+x\n 11\n 12\n 13\n",
        );
    }

    #[test]
    fn changes_seven_lines_apart_are_two_hunks() {
        check(
            &numbered(20, &[]),
            &numbered(20, &[(3, "x"), (11, "x")]),
            "@@ -1,6 +1,6 @@\n 1\n 2\n-3\n+x\n 4\n 5\n 6\n@@ -8,7 +8,7 @@\n 8\n 9\n 10\n-11\n+x\n 12\n 13\n 14\n",
        );
    }

    #[test]
    fn context_stops_at_the_start_and_end_of_the_files() {
        check("1\n2\n3\n4\n5\n", "zero\n1\n2\n3\n4\n5\nsix\n", "@@ -1,5 +1,7 @@\n+zero\n 1\n 2\n 3\n 4\n 5\n+six\n");
    }

    #[test]
    fn an_empty_side_is_the_line_before_and_zero() {
        check("", "a\nb\n", "@@ -0,0 +1,2 @@\n+a\n+b\n");
        check("a\nb\n", "", "@@ -1,2 +0,0 @@\n-a\n-b\n");
        check("a\n", "b\n", "@@ -1 +1 @@\n-a\n+b\n");
    }

    #[test]
    fn inserted_lines_slide_as_late_as_they_can() {
        check("a\na\na\na\n", "a\na\na\na\na\n", "@@ -2,3 +2,4 @@\n a\n a\n a\n+a\n");
        check("x\na\nb\na\nb\ny\n", "x\na\nb\na\nb\na\nb\ny\n", "@@ -3,4 +3,6 @@\n b\n a\n b\n+a\n+b\n y\n");
    }

    #[test]
    fn a_last_line_without_newline_is_marked() {
        check("a\nb", "a\nc", "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n");
        check("a\nb", "a\nb\n", "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
    }

    /// Lines matching nothing in the other file are left out of the search
    /// (discard_confusing_lines), which picks this script among the shortest ones.
    #[test]
    fn lines_without_a_match_are_discarded_first() {
        check(
            "l8\nl7\nl1\nl1\n",
            "l8\nl1\nl8\nl7\nl4\nl5\nl3\nl1\nl4\nl0\nl1\nl2\nl0\nl1\nl2\nl4\nl1\n",
            "@@ -1,4 +1,17 @@\n l8\n+l1\n+l8\n l7\n+l4\n+l5\n+l3\n+l1\n+l4\n+l0\n+l1\n+l2\n+l0\n l1\n+l2\n+l4\n l1\n",
        );
    }

    #[test]
    fn number_ranges() {
        for (first, last, expected) in [(0, -1, "0,0"), (0, 0, "1"), (2, 5, "3,4"), (3, 2, "3,0")] {
            assert_eq!(number_range(first, last), expected);
        }
    }

    #[test]
    fn secret_values_are_masked_and_changes_stay_visible() {
        let mut from = serde_json::json!({"data": {"same": "YQ==", "changed": "Yg==", "gone": "Yw=="}});
        let mut to = serde_json::json!({"data": {"same": "YQ==", "changed": "ZA==", "new": "ZQ=="}});
        mask_secret_data(Some(&mut from), &mut to);
        assert_eq!(from, serde_json::json!({"data": {"same": "***", "changed": "*** (before)", "gone": "***"}}));
        assert_eq!(to, serde_json::json!({"data": {"same": "***", "changed": "*** (after)", "new": "***"}}));
        let mut created = serde_json::json!({"data": {"a": "YQ=="}, "type": "Opaque"});
        mask_secret_data(None, &mut created);
        assert_eq!(created, serde_json::json!({"data": {"a": "***"}, "type": "Opaque"}));
    }

    #[test]
    fn unknown_fields_are_removed_by_path() {
        let mut json = serde_json::json!({"spec": {"replica": 2, "template": {"spec": {"containers": [{"name": "a", "imagePullPolicyy": "x"}]}}}});
        remove_path(&mut json, "spec.replica");
        remove_path(&mut json, "spec.template.spec.containers[0].imagePullPolicyy");
        remove_path(&mut json, "spec.missing.deeper");
        assert_eq!(json, serde_json::json!({"spec": {"template": {"spec": {"containers": [{"name": "a"}]}}}}));
    }

    #[test]
    fn file_names_and_times() {
        assert_eq!(file_name(Kind::Deployment, "default", "web"), "apps.v1.Deployment.default.web");
        assert_eq!(file_name(Kind::Pod, "dev", "x"), "v1.Pod.dev.x");
        assert_eq!(file_name(Kind::Namespace, "", "dev"), "v1.Namespace..dev");
        assert_eq!(file_time(5_004_211_790), "2026-11-23 00:00:05.004211790 +0000");
    }
}
