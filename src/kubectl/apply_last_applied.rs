//! `kubectl apply view-last-applied`: the configuration `apply` last sent, from the object's
//! `kubectl.kubernetes.io/last-applied-configuration` annotation, as kubectl 1.32's
//! ViewLastAppliedOptions (pkg/cmd/apply/apply_view_last_applied.go) prints it.

use crate::engine::api::deployment::LAST_APPLIED_ANNOTATION;
use crate::kubectl::args::{self, value, FlagSpec};
use crate::kubectl::get::namespace;
use crate::kubectl::{flag_error, objects, Ctx};

const FLAGS: &[FlagSpec] = &[value("output", Some('o')), value("filename", Some('f')), value("selector", Some('l'))];

/// The objects' annotations, each as YAML (`yaml.JSONToYAML`: keys sorted) or as JSON indented
/// by two spaces (`json.Indent`, which keeps the annotation's trailing newline). An object
/// without the annotation stops the command before anything is printed (Complete visits all
/// first).
pub fn view_last_applied(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "apply view-last-applied", &message),
    };
    let format = parsed.get("output").unwrap_or("yaml").to_string();
    let ns = namespace(&parsed);
    let Some((found, _)) = crate::kubectl::mutate::targets(ctx, &parsed.positional, &ns) else { return };
    let mut configurations = Vec::new();
    for (_, object) in &found {
        let meta = objects::meta(object);
        match meta.annotation(LAST_APPLIED_ANNOTATION) {
            Some(text) => configurations.push(text.to_string()),
            None => return ctx.out.fail(format!("error: no last-applied-configuration annotation found on resource: {}\n", meta.name)),
        }
    }
    for text in configurations {
        match format.as_str() {
            "json" => match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(value) => {
                    let trailing = &text[text.trim_end().len()..];
                    ctx.out.out(format!("{}{trailing}", serde_json::to_string_pretty(&value).unwrap_or_default()));
                }
                Err(_) => ctx.out.out(text),
            },
            "yaml" => match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(value) => ctx.out.out(crate::yaml::to_yaml(&value)),
                Err(_) => ctx.out.out(text),
            },
            other => {
                return ctx.out.fail(format!("error: Unexpected -o output mode: {other}, the flag 'output' must be one of yaml|json\nSee 'kubectl apply view-last-applied -h' for help and examples\n"));
            }
        }
    }
}
