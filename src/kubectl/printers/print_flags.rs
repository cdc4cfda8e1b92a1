//! kubectl's PrintFlags for commands that print the object they made or changed: `-o` and
//! `--template` checked before the command acts, and the template printers.

use serde_json::Value;

use crate::engine::store::Obj;
use crate::kubectl::args::Parsed;
use crate::kubectl::Ctx;

/// The formats these commands print (PrintFlags.AllowedFormats: JSON/YAML, name, Go templates,
/// JSONPath), in the order kubectl lists them.
const ALLOWED: &str = "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml";

/// The output the flags ask for, in a canonical form the printing code matches on: `yaml`,
/// `json`, `name`, `go-template=TEXT`, `jsonpath=TEXT` or `jsonpath-as-json=TEXT` (a template
/// file already read), `None` for the default (`NAME created`). The error is kubectl's message,
/// without `error: `.
///
/// Mirrors PrintFlags.ToPrinter (cli-runtime/pkg/genericclioptions/print_flags.go): `--template`
/// without `-o` means `go-template`; JSONYamlPrintFlags and NamePrintFlags lower-case the format;
/// GoTemplatePrintFlags and JSONPathPrintFlags split `FORMAT=TEMPLATE`, read template files and
/// parse the template; anything else is a NoCompatiblePrinterError.
pub fn output(ctx: &Ctx, parsed: &Parsed) -> Result<Option<String>, String> {
    let template_flag = parsed.get("template").filter(|t| !t.is_empty());
    let format = match parsed.get("output") {
        Some(format) => format.to_string(),
        None if template_flag.is_some() => "go-template".to_string(),
        None => return Ok(None),
    };
    match format.to_lowercase().as_str() {
        "yaml" => return Ok(Some("yaml".into())),
        "json" => return Ok(Some("json".into())),
        "name" => return Ok(Some("name".into())),
        "" => return Ok(None),
        _ => {}
    }
    let (name, inline) = match template_flag {
        Some(template) => (format.as_str(), template.to_string()),
        None => match format.split_once('=') {
            Some((name, template)) => (name, template.to_string()),
            None => (format.as_str(), String::new()),
        },
    };
    let (kind, from_file) = match name {
        "go-template" | "template" => ("go-template", false),
        "go-template-file" | "templatefile" => ("go-template", true),
        "jsonpath" => ("jsonpath", false),
        "jsonpath-as-json" => ("jsonpath-as-json", false),
        "jsonpath-file" => ("jsonpath", true),
        _ => return Err(format!("unable to match a printer suitable for the output format \"{format}\", allowed formats are: {ALLOWED}")),
    };
    if inline.is_empty() {
        return Err("template format specified but no template given".into());
    }
    let template = if from_file {
        match ctx.cluster.file(&inline) {
            Some(text) => text.to_string(),
            None => return Err(format!("error reading --template {inline}, open {inline}: no such file or directory")),
        }
    } else {
        inline
    };
    if kind == "go-template" {
        crate::kubectl::printers::go_template::check(&template).map_err(|message| format!("error parsing template {template}, {message}"))?;
    } else {
        crate::kubectl::printers::jsonpath::check(&template).map_err(|message| format!("error parsing jsonpath {template}, {message}"))?;
    }
    Ok(Some(format!("{kind}={template}")))
}

/// `output` for a command, printing kubectl's error and exiting 1 when the flags name no printer.
pub fn output_or_fail(ctx: &mut Ctx, parsed: &Parsed) -> Result<Option<String>, ()> {
    output(ctx, parsed).map_err(|message| ctx.out.fail(format!("error: {message}\n")))
}

/// Prints `object` if `output` (from `output`) is a template; false for the other printers,
/// which the caller prints. As kubectl's GoTemplatePrinter and JSONPathPrinter do: no newline
/// added; `jsonpath-as-json` prints the results as an indented JSON array.
pub fn print_template(ctx: &mut Ctx, output: Option<&str>, object: &Value) -> bool {
    let Some((kind, template)) = output.and_then(|o| o.split_once('=')) else { return false };
    match kind {
        "go-template" => match crate::kubectl::printers::go_template::execute(template, object) {
            Ok(text) => ctx.out.out(text),
            Err(crate::kubectl::printers::go_template::TemplateError::Parse(message)) => ctx.out.fail(format!("error: error parsing template {template}, {message}\n")),
            Err(crate::kubectl::printers::go_template::TemplateError::Exec { message, partial }) => {
                ctx.out.out(partial);
                ctx.out.fail(format!("error: error executing template {}: {message}\n", serde_json::to_string(template).unwrap_or_default()));
            }
        },
        "jsonpath" => match crate::kubectl::printers::jsonpath::execute(template, object) {
            Ok(text) => ctx.out.out(text),
            Err(message) => ctx.out.fail(format!("error: {message}\n")),
        },
        "jsonpath-as-json" => match crate::kubectl::printers::jsonpath::values(template, object) {
            Ok(values) => ctx.out.out(format!("{}\n", crate::kubectl::get::to_json_pretty(&Value::Array(values)))),
            Err(message) => ctx.out.fail(format!("error: {message}\n")),
        },
        _ => return false,
    }
    true
}

/// What a command that changes objects in place prints for one of them, as the printer its
/// PrintFlags make (`PrintFlags.ToPrinter` once `NamePrintFlags.Operation` is set): `NAME
/// OPERATION` without `-o` (the dispatcher adds a dry run's suffix, `kubectl::dry_run`), `NAME`
/// alone for `-o name` (NamePrinter.ShortOutput), and for yaml, json and the templates the
/// object. `qualified` is `deployment.apps/web`; `output` comes from `output`.
pub fn print_changed(ctx: &mut Ctx, output: Option<&str>, object: &Obj, qualified: &str, operation: &str) {
    let json = || crate::kubectl::objects::to_json(object);
    match output {
        Some("yaml") => ctx.out.out(crate::yaml::to_yaml(&json())),
        Some("json") => ctx.out.out(format!("{}\n", crate::kubectl::get::to_json_pretty(&json()))),
        Some("name") => ctx.out.out(format!("{qualified}\n")),
        Some(_) if print_template(ctx, output, &json()) => {}
        _ => ctx.out.out(format!("{qualified} {operation}\n")),
    }
}

/// The object a `set` command or `annotate` prints after changing one: the local copy it changed
/// in a client dry run (`info.Object`, nothing sent), else what the apiserver answered. A dry
/// run's answer keeps the stored resourceVersion (DryRunnableStorage.GuaranteedUpdate hands the
/// update the object it read and stores nothing), and so does the local copy.
pub fn changed_object(dry_run: Option<&str>, local: &Obj, answered: Obj, original: &Obj) -> Obj {
    let version = crate::kubectl::objects::meta(original).resource_version.clone();
    match dry_run {
        None => answered,
        Some("client") => crate::kubectl::mutate::replace_meta(local, |meta| meta.resource_version = version),
        Some(_) => crate::kubectl::mutate::replace_meta(&answered, |meta| meta.resource_version = version),
    }
}
