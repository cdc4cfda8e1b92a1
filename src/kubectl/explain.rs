//! `kubectl explain`: the fields and descriptions of the real API, from its OpenAPI v3 documents.
//!
//! The documents (`static/explain/v1.32.json`, made by `scripts/gen-explain-docs` from
//! Kubernetes' v1.32 OpenAPI v3 specification) are not compiled into the page: the caller holds
//! them as an [`ExplainDocs`] and hands them to kubectl through [`crate::kubectl::run_line_with`].
//! Native builds (tests, `kubeplay run`) fall back to a copy embedded at compile time.
//!
//! The output mirrors kubectl 1.32's OpenAPI v3 explain: the `plaintext` template
//! (`pkg/explain/v2/templates/plaintext.tmpl`), its functions (`pkg/explain/v2/funcs.go`: `wrap`
//! is go-wordwrap's `WrapString`, `indent` pads every line) and the command
//! (`pkg/cmd/explain/explain.go`, `pkg/explain/explain.go` for splitting `TYPE.field.field`).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::kubectl::args::{self, FlagSpec};
use crate::kubectl::{flag_error, objects, Ctx};

/// What the page prints while it is still fetching the documents.
pub const LOADING: &str = "error: the API documentation is still loading; try again in a moment\n";

/// The part of an OpenAPI v3 document explain reads: the resources kubeplay simulates and the
/// schemas reachable from their kinds, each once under its name.
#[derive(Debug, Clone, Deserialize)]
pub struct ExplainDocs {
    resources: Vec<DocResource>,
    schemas: BTreeMap<String, Schema>,
}

/// A resource of the documents: where its operations live and the kind they take.
#[derive(Debug, Clone, Deserialize)]
struct DocResource {
    group: String,
    version: String,
    resource: String,
    kind: String,
    schema: String,
}

/// A JSON schema cut to the keys the explain template reads. `$ref` is a schema's name.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Schema {
    #[serde(default)]
    description: String,
    #[serde(rename = "type")]
    type_name: Option<String>,
    #[serde(rename = "$ref")]
    reference: Option<String>,
    #[serde(default)]
    properties: BTreeMap<String, Schema>,
    #[serde(default)]
    required: Vec<String>,
    items: Option<Box<Schema>>,
    additional_properties: Option<Box<Schema>>,
    #[serde(default)]
    all_of: Vec<Schema>,
    /// Values as the template prints them (`""` for the empty string).
    #[serde(default, rename = "enum")]
    enum_values: Vec<String>,
}

impl ExplainDocs {
    /// Parses `static/explain/v1.32.json`.
    pub fn from_json(json: &str) -> Result<ExplainDocs, String> {
        let docs: ExplainDocs = serde_json::from_str(json).map_err(|e| format!("the API documentation does not parse: {e}"))?;
        if let Some(missing) = docs.resources.iter().find(|r| !docs.schemas.contains_key(&r.schema)) {
            return Err(format!("the API documentation has no schema {}", missing.schema));
        }
        Ok(docs)
    }

    fn resource(&self, group: &str, version: &str, resource: &str) -> Option<&DocResource> {
        self.resources.iter().find(|r| r.group == group && r.version == version && r.resource == resource)
    }

    fn has_group_version(&self, group: &str, version: &str) -> bool {
        self.resources.iter().any(|r| r.group == group && r.version == version)
    }
}

/// The documents compiled into native builds (tests, `kubeplay run`); the page fetches its own.
#[cfg(not(target_arch = "wasm32"))]
pub fn embedded() -> &'static ExplainDocs {
    static DOCS: std::sync::OnceLock<ExplainDocs> = std::sync::OnceLock::new();
    DOCS.get_or_init(|| ExplainDocs::from_json(include_str!("../../static/explain/v1.32.json")).expect("the embedded API documentation parses"))
}

fn fallback_docs<'a>() -> Option<&'a ExplainDocs> {
    #[cfg(not(target_arch = "wasm32"))]
    return Some(embedded());
    #[cfg(target_arch = "wasm32")]
    return None;
}

const FLAGS: &[FlagSpec] = &[args::boolean("recursive", None), args::value("api-version", None), args::value("output", Some('o'))];

/// `kubectl explain TYPE[.field...] [--recursive] [--api-version=GROUP/VERSION] [-o plaintext]`.
#[inline(never)]
pub fn explain(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "explain", &message),
    };
    // ExplainOptions.Validate.
    match parsed.positional.len() {
        0 => return ctx.out.fail("error: You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n"),
        1 => {}
        _ => return ctx.out.fail("error: We accept only this format: explain RESOURCE\n"),
    }
    let api_version = parsed.get("api-version").unwrap_or("");
    let request = match split_request(&parsed.positional[0], api_version) {
        Ok(request) => request,
        Err(message) => return ctx.out.fail(format!("error: {message}\n")),
    };
    let format = parsed.get("output").unwrap_or("plaintext");
    if format == "plaintext-openapiv2" {
        return ctx.out.fail("error: kubeplay explains from the OpenAPI v3 documents only: use --output=plaintext\n");
    }
    // printModelDescriptionWithGenerator: the group version's document first, then the template.
    let group_version = if request.group.is_empty() { request.version.clone() } else { format!("{}/{}", request.group, request.version) };
    if !crate::engine::discovery::group_versions().contains(&group_version.as_str()) {
        return ctx.out.fail(format!("error: couldn't find resource for \"{}\"\n", request.gvr()));
    }
    if format != "plaintext" {
        return ctx.out.fail(format!("error: unrecognized format: {format}\n"));
    }
    let Some(docs) = ctx.explain_docs().or_else(fallback_docs) else {
        return ctx.out.fail(LOADING);
    };
    // The documents are cut for the resources kubeplay simulates (static/explain); a kind added
    // to the engine before the documents are cut again says so rather than pretend the server
    // lacks it.
    if !docs.has_group_version(&request.group, &request.version) {
        return ctx.out.fail(format!("error: kubeplay has no API documentation of {group_version} yet\n"));
    }
    let simulated = crate::engine::resources::TYPES.iter().any(|t| t.plural == request.resource && t.group == request.group);
    if simulated && docs.resource(&request.group, &request.version, &request.resource).is_none() {
        return ctx.out.fail(format!("error: kubeplay has no API documentation of {} yet\n", request.resource));
    }
    match render(docs, &request, parsed.bool("recursive")) {
        Ok(text) => ctx.out.out(text),
        Err(message) => ctx.out.fail(format!("{message}\n")),
    }
}

/// A resource and the field path under it, as the user asked for them.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Request {
    group: String,
    version: String,
    resource: String,
    fields: Vec<String>,
}

impl Request {
    /// `GroupVersionResource.String()`: `apps/v1, Resource=deployments`, `/v1, Resource=pods`.
    fn gvr(&self) -> String {
        format!("{}/{}, Resource={}", self.group, self.version, self.resource)
    }
}

/// Splits `TYPE.field.field` into a resource and fields. Without `--api-version` this mirrors
/// `SplitAndParseResourceRequestWithMatchingPrefix` (`deployments.apps.spec` names the group,
/// anything else is fields); with it, `SplitAndParseResourceRequest`, then the given group and
/// version replace the resource's.
fn split_request(input: &str, api_version: &str) -> Result<Request, String> {
    let trimmed = input.strip_suffix('.').unwrap_or(input);
    let segments: Vec<&str> = trimmed.split('.').collect();
    let resource = objects::resolve_type(segments[0])?;
    // The preferred version of the resource's group (autoscaling/v2 for HPAs; v1 elsewhere).
    let preferred = resource.kind.api_version().rsplit('/').next().unwrap_or("v1");
    let mut request = Request { group: resource.group.to_string(), version: preferred.to_string(), resource: resource.plural.to_string(), fields: Vec::new() };
    let fields: Vec<&str> = if !api_version.is_empty() {
        if segments[1..].iter().any(|s| !is_field(s)) {
            return Err("invalid jsonpath syntax, all nodes must be field nodes".into());
        }
        let (group, version) = match api_version.matches('/').count() {
            0 => ("", api_version),
            1 => api_version.split_once('/').expect("one slash"),
            _ => return Err(format!("unexpected GroupVersion string: {api_version}")),
        };
        request.group = group.to_string();
        request.version = version.to_string();
        segments[1..].to_vec()
    } else if let Some(suffix) = input.strip_prefix(resource.resource().as_str()) {
        // The suffix is parsed as `{.SUFFIX}` and its first node dropped: `.spec` gives a
        // recursive-descent node then `spec`; `x.spec` gives `x` then `spec`.
        let suffix = suffix.strip_suffix('.').unwrap_or(suffix);
        match suffix.strip_prefix('.') {
            Some(rest) => rest.split('.').collect(),
            None => suffix.split('.').skip(1).collect(),
        }
    } else {
        segments[1..].to_vec()
    };
    if fields.iter().any(|s| !is_field(s)) {
        return Err("invalid jsonpath syntax, first node must be field node".into());
    }
    request.fields = fields.into_iter().map(str::to_string).collect();
    Ok(request)
}

/// Whether a path segment is a JSONPath field node (not `..`, `[0]` or a filter).
fn is_field(segment: &str) -> bool {
    !segment.is_empty() && !segment.contains(['[', ']', '(', ')', '*', '@', '$', '{', '}', ' '])
}

/// Renders the `plaintext` template for a resource, or its `throw`n error (`error: ...`).
fn render(docs: &ExplainDocs, request: &Request, recursive: bool) -> Result<String, String> {
    let Some(resource) = docs.resource(&request.group, &request.version, &request.resource) else {
        return Err(format!("error: GVR ({}) not found in OpenAPI schema", request.gvr()));
    };
    let root = docs.schemas.get(&resource.schema).ok_or_else(|| format!("error: GVK {} not found in OpenAPI schema", resource.kind))?;
    let mut text = String::new();
    if !resource.group.is_empty() {
        text.push_str(&format!("GROUP:      {}\n", resource.group));
    }
    text.push_str(&format!("KIND:       {}\n", resource.kind));
    text.push_str(&format!("VERSION:    {}\n\n", resource.version));
    let template = Template { docs, recursive };
    let body = template.output(root, &request.fields, &[]);
    if body.is_empty() {
        let last = request.fields.last().map(String::as_str).unwrap_or("");
        return Err(format!("error: field \"{last}\" does not exist"));
    }
    text.push_str(&body);
    text.push('\n');
    Ok(text)
}

/// The sub-templates of `plaintext.tmpl`, each a method of the same name. `history` holds the
/// `$ref`s followed so far, to stop at cycles.
struct Template<'d> {
    docs: &'d ExplainDocs,
    recursive: bool,
}

impl<'d> Template<'d> {
    /// `resolveRef`: the named schema, or the schema itself when it is not a reference.
    fn resolve(&self, schema: &'d Schema) -> &'d Schema {
        schema.reference.as_ref().and_then(|name| self.docs.schemas.get(name)).unwrap_or(schema)
    }

    /// The `output` template: follows `path` down the schema, then prints the field's
    /// description and field list. Empty when the path does not exist.
    fn output(&self, schema: &'d Schema, path: &[String], history: &[&'d str]) -> String {
        let reference = schema.reference.as_deref().unwrap_or("");
        let mut next_history = history.to_vec();
        next_history.push(reference);
        let resolved = self.resolve(schema);
        let Some(first) = path.first() else {
            let mut text = String::from("DESCRIPTION:\n");
            let mut description = self.description(resolved);
            if description.is_empty() {
                description = "<empty>".to_string();
            }
            text.push_str(&indent(4, &wrap_string(&description, 76)));
            text.push('\n');
            let fields = self.field_list(resolved, 1, &[]);
            if !fields.is_empty() {
                text.push_str("FIELDS:\n");
                text.push_str(&fields);
            }
            return text;
        };
        if !reference.is_empty() && history.contains(&reference) {
            return String::new();
        }
        if let Some(sub) = resolved.properties.get(first) {
            let mut text = String::new();
            if path.len() == 1 {
                text.push_str(&format!("FIELD: {first} <{}>\n", self.type_guess(sub)));
                text.push_str(&extract_enum(sub, true, -1, 0));
                text.push_str("\n\n");
            }
            let rest = self.output(sub, &path[1..], &[]);
            if rest.is_empty() {
                return String::new();
            }
            text.push_str(&rest);
            return text;
        }
        if let Some(items) = &resolved.items {
            return self.output(items, path, &next_history);
        }
        if let Some(values) = &resolved.additional_properties {
            return self.output(values, path, &next_history);
        }
        resolved.all_of.iter().map(|sub| self.output(sub, path, &next_history)).find(|text| !text.is_empty()).unwrap_or_default()
    }

    /// The `fieldList` template: each property (with its description, or with its own fields
    /// indented under it when recursive), then those of `allOf`, `items` and map values.
    fn field_list(&self, schema: &'d Schema, level: usize, history: &[&'d str]) -> String {
        let reference = schema.reference.as_deref().unwrap_or("");
        if !reference.is_empty() && history.contains(&reference) {
            return String::new();
        }
        let mut next_history = history.to_vec();
        next_history.push(reference);
        let resolved = self.resolve(schema);
        let mut text = String::new();
        for (name, property) in &resolved.properties {
            text.push_str(&self.field_detail(name, resolved, level));
            if self.recursive {
                text.push_str(&self.field_list(property, level + 1, &next_history));
            }
        }
        for sub in &resolved.all_of {
            text.push_str(&self.field_list(sub, level, &next_history));
        }
        if let Some(items) = &resolved.items {
            text.push_str(&self.field_list(items, level, &next_history));
        }
        if let Some(values) = &resolved.additional_properties {
            text.push_str(&self.field_list(values, level, &next_history));
        }
        text
    }

    /// The `fieldDetail` template: `name<TAB><type>`, ` -required-`, the enum, and (unless
    /// recursive) the description wrapped at `78 - indent` and indented two more.
    fn field_detail(&self, name: &str, parent: &'d Schema, level: usize) -> String {
        let indent_amount = level * 2;
        let field = &parent.properties[name];
        let mut text = format!("{}\t<{}>", indent(indent_amount, name), self.type_guess(field));
        if parent.required.iter().any(|r| r == name) {
            text.push_str(" -required-");
        }
        text.push_str(&extract_enum(field, false, 4, indent_amount));
        text.push('\n');
        if !self.recursive {
            let description = if field.description.is_empty() { "<no description>" } else { &field.description };
            text.push_str(&indent(indent_amount + 2, &wrap_string(description, 78 - indent_amount)));
            text.push_str("\n\n");
        }
        text
    }

    /// The `description` template: the schema's description and those of its `allOf`, items
    /// and map values, each ending a line.
    fn description(&self, schema: &'d Schema) -> String {
        let resolved = self.resolve(schema);
        let mut text = String::new();
        if !resolved.description.is_empty() {
            text.push_str(&resolved.description);
            text.push('\n');
        }
        for sub in &resolved.all_of {
            text.push_str(&self.description(sub));
        }
        if let Some(items) = &resolved.items {
            text.push_str(&self.description(items));
        }
        if let Some(values) = &resolved.additional_properties {
            text.push_str(&self.description(values));
        }
        text
    }

    /// The `typeGuess` template: `string`, `[]Container`, `map[string]string`, `Object`, or the
    /// name of a referenced object schema (`ObjectMeta`, `IntOrString`).
    fn type_guess(&self, schema: &'d Schema) -> String {
        if let Some(items) = &schema.items {
            return format!("[]{}", self.type_guess(items));
        }
        if let Some(values) = &schema.additional_properties {
            return format!("map[string]{}", self.type_guess(values));
        }
        if schema.all_of.len() == 1 && schema.properties.is_empty() {
            return self.type_guess(&schema.all_of[0]);
        }
        if let Some(reference) = &schema.reference {
            let target = self.docs.schemas.get(reference);
            return match target.and_then(|t| t.type_name.as_deref()) {
                Some(type_name) if type_name != "object" => type_name.to_string(),
                _ => match reference.rsplit('.').next() {
                    Some(name) if !name.is_empty() => name.to_string(),
                    _ => "Object".to_string(),
                },
            };
        }
        match schema.type_name.as_deref() {
            Some("object") | None | Some("") => "Object".to_string(),
            Some(other) => other.to_string(),
        }
    }
}

/// The `extractEnum` template: `ENUM:` with one value a line under a `FIELD:` (the long view),
/// or a `enum: A, B, C, D, ....` line under a field of a list, cut after `limit` values.
fn extract_enum(schema: &Schema, long_view: bool, limit: i64, indent_amount: usize) -> String {
    if schema.enum_values.is_empty() {
        return String::new();
    }
    let mut text = if long_view { "ENUM:".to_string() } else { format!("\n{}enum: ", " ".repeat(indent_amount)) };
    for (index, value) in schema.enum_values.iter().enumerate() {
        if limit > -1 && index as i64 >= limit {
            text.push_str(", ....");
            break;
        }
        if index > 0 && !long_view {
            text.push_str(", ");
        } else if long_view {
            text.push_str("\n    ");
        }
        text.push_str(value);
    }
    text
}

/// The template's `indent`: `amount` spaces before the text and after every newline in it.
fn indent(amount: usize, text: &str) -> String {
    let pad = " ".repeat(amount);
    format!("{pad}{}", text.replace('\n', &format!("\n{pad}")))
}

/// The template's `wrap`: go-wordwrap's `WrapString` (v1.0.1), which breaks lines at white space
/// so they stay within `limit` characters. A word longer than the limit stays whole; newlines
/// in the text are kept; spaces at a break are dropped. Counts characters, not bytes.
///
/// Worked example, limit 10: "aaa bbb ccc ddd" becomes "aaa bbb\nccc ddd": after "aaa bbb"
/// (7 characters) the pending space and "ccc" would end at column 11, so the line breaks there
/// and the space is dropped.
pub fn wrap_string(text: &str, limit: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / limit.max(1));
    let mut current = 0usize;
    let (mut word, mut space) = (String::new(), String::new());
    let (mut word_len, mut space_len) = (0usize, 0usize);
    for c in text.chars() {
        if c == '\n' {
            flush_end(&mut out, &space, &word, current + space_len <= limit);
            space.clear();
            word.clear();
            (space_len, word_len) = (0, 0);
            out.push('\n');
            current = 0;
        } else if c.is_whitespace() && c != '\u{a0}' {
            if space.is_empty() || !word.is_empty() {
                current += space_len + word_len;
                out.push_str(&space);
                out.push_str(&word);
                space.clear();
                word.clear();
                (space_len, word_len) = (0, 0);
            }
            space.push(c);
            space_len += 1;
        } else {
            word.push(c);
            word_len += 1;
            if current + space_len + word_len > limit && word_len < limit {
                out.push('\n');
                current = 0;
                space.clear();
                space_len = 0;
            }
        }
    }
    flush_end(&mut out, &space, &word, current + space_len <= limit);
    out
}

/// The end of a line or of the text: the pending word with its spaces, or the pending spaces
/// alone if they still fit (go-wordwrap's `WrapString` at a newline and at the end).
fn flush_end(out: &mut String, space: &str, word: &str, spaces_fit: bool) {
    if !word.is_empty() || spaces_fit {
        out.push_str(space);
    }
    out.push_str(word);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_wrap(text: &str, limit: usize, expected: &str) {
        assert_eq!(wrap_string(text, limit), expected, "{text:?} at {limit}");
    }

    #[test]
    fn wrap_breaks_at_spaces_like_go_wordwrap() {
        check_wrap("aaa bbb ccc ddd", 10, "aaa bbb\nccc ddd");
        check_wrap("aaa bbb ccc ddd", 7, "aaa bbb\nccc ddd");
        check_wrap("a verylongwordthatdoesnotfit b", 8, "a\nverylongwordthatdoesnotfit\nb");
        check_wrap("one\ntwo three", 5, "one\ntwo\nthree");
        check_wrap("trailing \n", 20, "trailing \n");
        check_wrap("", 10, "");
        check_wrap("élan élan élan", 9, "élan élan\nélan");
    }

    #[test]
    fn indent_pads_every_line() {
        assert_eq!(indent(4, "a\nb\n"), "    a\n    b\n    ");
        assert_eq!(indent(2, ""), "  ");
    }

    #[test]
    fn requests_split_like_kubectl() {
        let fields = |input: &str| split_request(input, "").map(|r| (r.group, r.resource, r.fields.join(".")));
        assert_eq!(fields("pods"), Ok(("".into(), "pods".into(), "".into())));
        assert_eq!(fields("po.spec.containers"), Ok(("".into(), "pods".into(), "spec.containers".into())));
        assert_eq!(fields("Deployment.spec."), Ok(("apps".into(), "deployments".into(), "spec".into())));
        assert_eq!(fields("deployments.apps.spec.strategy"), Ok(("apps".into(), "deployments".into(), "spec.strategy".into())));
        assert_eq!(fields("deployments.spec"), Ok(("apps".into(), "deployments".into(), "spec".into())));
        assert_eq!(fields("pods..spec"), Err("invalid jsonpath syntax, first node must be field node".into()));
        assert_eq!(fields("foo.bar"), Err("the server doesn't have a resource type \"foo\"".into()));
        let versioned = split_request("deploy.spec", "apps/v1").unwrap();
        assert_eq!((versioned.gvr(), versioned.fields), ("apps/v1, Resource=deployments".into(), vec!["spec".to_string()]));
        assert_eq!(split_request("pods", "a/b/c"), Err("unexpected GroupVersion string: a/b/c".into()));
    }
}
