//! Which nodes a pod may run on beyond its nodeSelector: required node affinity and taints
//! against tolerations. Used by the scheduler's filters and the DaemonSet controller's
//! `NodeShouldRunDaemonPod`.
//!
//! Mirrors `nodeaffinity.GetRequiredNodeAffinity(pod).Match(node)`
//! (component-helpers/scheduling/corev1/nodeaffinity), `ToleratesTaint`
//! (pkg/apis/core/v1/helper) and `GetTargetNodeName` (pkg/controller/daemon/util).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::engine::api::pod::PodSpec;

/// The pod's `affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`.
fn required_terms(spec: &PodSpec) -> Option<&Vec<Value>> {
    spec.extra.get("affinity")?.get("nodeAffinity")?.get("requiredDuringSchedulingIgnoredDuringExecution")?.get("nodeSelectorTerms")?.as_array()
}

/// True when the pod has required node affinity terms (the scheduler then checks every node).
pub fn has_required(spec: &PodSpec) -> bool {
    required_terms(spec).is_some()
}

/// Whether a node with `name` and `labels` satisfies the pod's required node affinity: one of the
/// terms matches (a term matches when all its expressions and fields do; an empty term matches
/// nothing). No terms: every node.
pub fn required_matches(spec: &PodSpec, name: &str, labels: &BTreeMap<String, String>) -> bool {
    let Some(terms) = required_terms(spec) else { return true };
    terms.iter().any(|term| term_matches(term, name, labels))
}

fn term_matches(term: &Value, name: &str, labels: &BTreeMap<String, String>) -> bool {
    let expressions = term.get("matchExpressions").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let fields = term.get("matchFields").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    if expressions.is_empty() && fields.is_empty() {
        return false;
    }
    expressions.iter().all(|r| requirement_matches(r, labels.get(r.get("key").and_then(Value::as_str).unwrap_or_default()).map(String::as_str)))
        && fields.iter().all(|r| r.get("key").and_then(Value::as_str) == Some("metadata.name") && requirement_matches(r, Some(name)))
}

/// One `NodeSelectorRequirement` against a label's (or field's) value, if it has one.
fn requirement_matches(requirement: &Value, value: Option<&str>) -> bool {
    let values: Vec<&str> = requirement.get("values").and_then(Value::as_array).map(|v| v.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    let number = |text: &str| text.parse::<i64>().ok();
    match requirement.get("operator").and_then(Value::as_str).unwrap_or_default() {
        "In" => value.is_some_and(|v| values.contains(&v)),
        "NotIn" => value.is_none_or(|v| !values.contains(&v)),
        "Exists" => value.is_some(),
        "DoesNotExist" => value.is_none(),
        "Gt" => matches!((value.and_then(number), values.first().and_then(|v| number(v))), (Some(have), Some(bound)) if have > bound),
        "Lt" => matches!((value.and_then(number), values.first().and_then(|v| number(v))), (Some(have), Some(bound)) if have < bound),
        _ => false,
    }
}

/// `ToleratesTaint`: the toleration's effect is empty or the taint's; its key is empty with
/// `Exists` (every taint) or the taint's; `Exists` ignores the value, `Equal` (the default)
/// compares it.
/// `Taint.ToString`: `key=value:effect`, `key:effect`, `key=value:` or `key`.
pub fn taint_text(key: &str, value: &str, effect: &str) -> String {
    match (effect.is_empty(), value.is_empty()) {
        (true, true) => key.to_string(),
        (true, false) => format!("{key}={value}:"),
        (false, true) => format!("{key}:{effect}"),
        (false, false) => format!("{key}={value}:{effect}"),
    }
}

/// `taint_text` of a taint as stored.
pub fn stored_taint_text(taint: &Value) -> String {
    let field = |name: &str| taint.get(name).and_then(Value::as_str).unwrap_or("");
    taint_text(field("key"), field("value"), field("effect"))
}

pub fn tolerates(toleration: &Value, taint: &Value) -> bool {
    let text = |value: &Value, key: &str| value.get(key).and_then(Value::as_str).unwrap_or_default().to_string();
    let effect = text(toleration, "effect");
    if !effect.is_empty() && effect != text(taint, "effect") {
        return false;
    }
    let key = text(toleration, "key");
    let operator = text(toleration, "operator");
    if !key.is_empty() && key != text(taint, "key") {
        return false;
    }
    match operator.as_str() {
        "Exists" => true,
        "" | "Equal" => !key.is_empty() && text(toleration, "value") == text(taint, "value"),
        _ => false,
    }
}

/// `FindMatchingUntoleratedTaint` for the taints whose effect `filter` keeps: is one of them
/// not tolerated?
pub fn has_untolerated(taints: &[Value], tolerations: &[Value], filter: impl Fn(&str) -> bool) -> bool {
    taints
        .iter()
        .filter(|taint| filter(taint.get("effect").and_then(Value::as_str).unwrap_or_default()))
        .any(|taint| !tolerations.iter().any(|toleration| tolerates(toleration, taint)))
}

/// `GetTargetNodeName`: the node a DaemonSet pod is for: its nodeName, or the single name its
/// required affinity's `metadata.name In [...]` field names.
pub fn target_node(spec: &PodSpec) -> Option<String> {
    if let Some(name) = spec.node_name.as_deref() {
        return Some(name.to_string());
    }
    for term in required_terms(spec)? {
        for field in term.get("matchFields").and_then(Value::as_array).into_iter().flatten() {
            let values = field.get("values").and_then(Value::as_array);
            if field.get("key").and_then(Value::as_str) == Some("metadata.name") && field.get("operator").and_then(Value::as_str) == Some("In") && values.is_some_and(|v| v.len() == 1) {
                return values.and_then(|v| v[0].as_str()).map(str::to_string);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn spec(affinity: Value) -> PodSpec {
        let mut spec = PodSpec::default();
        spec.extra.insert("affinity".to_string(), affinity);
        spec
    }

    #[test]
    fn required_terms_are_ored_and_their_requirements_anded() {
        let labels: BTreeMap<String, String> = [("disk".to_string(), "ssd".to_string()), ("cores".to_string(), "8".to_string())].into();
        let terms = |terms: Value| spec(json!({"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": terms}}}));
        let cases = [
            (json!([{"matchExpressions": [{"key": "disk", "operator": "In", "values": ["ssd"]}]}]), true),
            (json!([{"matchExpressions": [{"key": "disk", "operator": "NotIn", "values": ["ssd"]}]}]), false),
            (json!([{"matchExpressions": [{"key": "gpu", "operator": "DoesNotExist"}, {"key": "cores", "operator": "Gt", "values": ["4"]}]}]), true),
            (json!([{"matchExpressions": [{"key": "cores", "operator": "Lt", "values": ["4"]}]}, {"matchFields": [{"key": "metadata.name", "operator": "In", "values": ["node-1"]}]}]), true),
            (json!([{"matchFields": [{"key": "metadata.name", "operator": "In", "values": ["node-2"]}]}]), false),
            (json!([{}]), false),
        ];
        for (terms_json, want) in cases {
            assert_eq!(required_matches(&terms(terms_json.clone()), "node-1", &labels), want, "{terms_json}");
        }
        assert!(required_matches(&PodSpec::default(), "node-1", &labels));
    }

    #[test]
    fn tolerations_match_taints_as_the_api_helper_does() {
        let taint = json!({"key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule"});
        assert!(tolerates(&json!({"key": "node.kubernetes.io/unschedulable", "operator": "Exists", "effect": "NoSchedule"}), &taint));
        assert!(tolerates(&json!({"operator": "Exists"}), &taint));
        assert!(!tolerates(&json!({"key": "node.kubernetes.io/unschedulable", "operator": "Exists", "effect": "NoExecute"}), &taint));
        assert!(tolerates(&json!({"key": "dedicated", "value": "gpu"}), &json!({"key": "dedicated", "value": "gpu", "effect": "NoSchedule"})));
        assert!(!tolerates(&json!({"key": "dedicated", "value": "cpu"}), &json!({"key": "dedicated", "value": "gpu", "effect": "NoSchedule"})));
        assert!(has_untolerated(&[taint.clone()], &[], |e| e == "NoSchedule"));
        assert!(!has_untolerated(&[taint], &[], |e| e == "NoExecute"));
    }

    #[test]
    fn a_daemon_pod_targets_the_node_its_affinity_names() {
        let pod = spec(json!({"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchFields": [{"key": "metadata.name", "operator": "In", "values": ["node-2"]}]}]}}}));
        assert_eq!(target_node(&pod), Some("node-2".to_string()));
        assert_eq!(target_node(&PodSpec::default()), None);
    }
}
