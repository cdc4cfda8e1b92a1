//! `kubectl create poddisruptionbudget NAME --selector=SELECTOR --min-available=N|--max-unavailable=N`
//! (alias `pdb`): the PodDisruptionBudget kubectl builds. Mirrors `PodDisruptionBudgetOpts`
//! (kubectl/pkg/cmd/create/create_pdb.go): `Validate`, then `createPodDisruptionBudgets` with
//! `metav1.ParseToLabelSelector` and `intstr.Parse`.

use std::collections::BTreeMap;

use crate::engine::api::selector::{Requirement, Selector};
use crate::engine::store::Kind;
use crate::kubectl::args::Parsed;
use crate::kubectl::Ctx;
use crate::order::SharedSort;

/// Runs `create pdb` with the words `create` parsed (the NAME already checked).
pub fn create_pdb(ctx: &mut Ctx, parsed: &Parsed, ns: &str, dry_run: Option<&str>, output: Option<&str>) {
    let name = parsed.positional.get(1).cloned().unwrap_or_default();
    let selector = parsed.get("selector").unwrap_or("");
    let min_available = parsed.get("min-available").unwrap_or("");
    let max_unavailable = parsed.get("max-unavailable").unwrap_or("");
    // Validate.
    let error = if selector.is_empty() {
        Some("a selector must be specified")
    } else if min_available.is_empty() && max_unavailable.is_empty() {
        Some("one of min-available or max-unavailable must be specified")
    } else if !min_available.is_empty() && !max_unavailable.is_empty() {
        Some("min-available and max-unavailable cannot be both specified")
    } else if !min_available.is_empty() && !is_number_or_percent(min_available) {
        Some("invalid format specified for min-available")
    } else if !max_unavailable.is_empty() && !is_number_or_percent(max_unavailable) {
        Some("invalid format specified for max-unavailable")
    } else {
        None
    };
    if let Some(error) = error {
        return ctx.out.fail(format!("error: {error}\n"));
    }
    let selector = match label_selector(selector) {
        Ok(selector) => selector,
        Err(message) => return ctx.out.fail(format!("error: {message}\n")),
    };
    let bound = |text: &str| serde_json::to_value(crate::engine::api::intstr::IntOrString::parse(text)).unwrap_or_default();
    let mut spec = serde_json::Map::new();
    if !min_available.is_empty() {
        spec.insert("minAvailable".into(), bound(min_available));
    }
    spec.insert("selector".into(), selector);
    if !max_unavailable.is_empty() {
        spec.insert("maxUnavailable".into(), bound(max_unavailable));
    }
    let mut metadata = serde_json::json!({"creationTimestamp": null, "name": name});
    if parsed.has("namespace") {
        metadata["namespace"] = serde_json::Value::String(ns.to_string());
    }
    let status = serde_json::json!({"disruptionsAllowed": 0, "currentHealthy": 0, "desiredHealthy": 0, "expectedPods": 0});
    let raw = serde_json::json!({"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": metadata, "spec": spec, "status": status});
    if let Some(mode) = dry_run {
        return crate::kubectl::apply::print_generated_dry_run_in(ctx, &raw, Kind::PodDisruptionBudget, &name, output, mode, FIELD_ORDER);
    }
    let mut sent = raw;
    sent["metadata"] = serde_json::json!({"name": name, "namespace": ns});
    if let Some(map) = sent.as_object_mut() {
        map.remove("status");
    }
    crate::kubectl::apply::create_generated(ctx, sent, Kind::PodDisruptionBudget, &name, output);
}

/// The Go struct order of the generated object's fields (TypeMeta, ObjectMeta,
/// PodDisruptionBudgetSpec, LabelSelector, PodDisruptionBudgetStatus).
const FIELD_ORDER: &[&str] = &[
    "kind",
    "apiVersion",
    "metadata",
    "name",
    "namespace",
    "creationTimestamp",
    "spec",
    "minAvailable",
    "selector",
    "matchLabels",
    "matchExpressions",
    "key",
    "operator",
    "values",
    "maxUnavailable",
    "status",
    "disruptionsAllowed",
    "currentHealthy",
    "desiredHealthy",
    "expectedPods",
];

/// `^[0-9]+%?$`, the format `Validate` accepts.
fn is_number_or_percent(text: &str) -> bool {
    let digits = text.strip_suffix('%').unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Mirrors `metav1.ParseToLabelSelector`: equality requirements become `matchLabels`, the
/// others `matchExpressions` (`!=` as NotIn), in the parser's order (sorted by key).
fn label_selector(text: &str) -> Result<serde_json::Value, String> {
    let selector = Selector::parse(text).map_err(|message| format!("couldn't parse the selector string \"{text}\": {message}"))?;
    let mut labels = BTreeMap::new();
    let mut expressions = Vec::new();
    // labels.Parse sorts the requirements by key; a set's values come out sorted.
    let mut requirements = selector.requirements.clone();
    requirements.shared_sort_by(|a, b| a.key().cmp(b.key()));
    let set = |values: &[String]| {
        let mut values = values.to_vec();
        values.shared_sort();
        values.dedup();
        values
    };
    for requirement in &requirements {
        let (key, operator, values): (&String, &str, Vec<String>) = match requirement {
            Requirement::Equals(key, value) => {
                labels.insert(key.clone(), value.clone());
                continue;
            }
            Requirement::NotEquals(key, value) => (key, "NotIn", vec![value.clone()]),
            Requirement::In(key, values) => (key, "In", set(values)),
            Requirement::NotIn(key, values) => (key, "NotIn", set(values)),
            Requirement::Exists(key) => (key, "Exists", Vec::new()),
            Requirement::DoesNotExist(key) => (key, "DoesNotExist", Vec::new()),
        };
        let mut expression = serde_json::json!({"key": key, "operator": operator});
        if !values.is_empty() {
            expression["values"] = serde_json::json!(values);
        }
        expressions.push(expression);
    }
    let mut selector = serde_json::Map::new();
    if !labels.is_empty() {
        selector.insert("matchLabels".into(), serde_json::json!(labels));
    }
    if !expressions.is_empty() {
        selector.insert("matchExpressions".into(), serde_json::Value::Array(expressions));
    }
    Ok(serde_json::Value::Object(selector))
}

