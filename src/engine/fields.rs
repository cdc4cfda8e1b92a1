//! Field selectors as the apiserver reads them: parsed terms, the field labels each kind
//! accepts, and the selectable fields of each object.

use std::collections::BTreeMap;

use crate::engine::store::{Kind, Obj};
use crate::order::SharedSort;

/// One `field=value`, `field==value` or `field!=value` term.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    field: String,
    value: String,
    not: bool,
}

/// A parsed field selector: every term must hold (an empty selector matches everything).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldSelector {
    terms: Vec<Term>,
}

/// Splits at commas not escaped by a backslash. Mirrors `splitTerms`
/// (staging/src/k8s.io/apimachinery/pkg/fields/selector.go).
fn split_terms(selector: &str) -> Vec<String> {
    if selector.is_empty() {
        return Vec::new();
    }
    let mut terms = Vec::new();
    let mut current = String::new();
    let mut escaped = false;
    for c in selector.chars() {
        if escaped {
            current.push(c);
            escaped = false;
        } else if c == '\\' {
            current.push(c);
            escaped = true;
        } else if c == ',' {
            terms.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    terms.push(current);
    terms
}

/// The first operator in the term, trying `!=`, `==`, `=` at each position. Mirrors `splitTerm`.
fn split_term(term: &str) -> Option<(&str, &str, &str)> {
    for (i, _) in term.char_indices() {
        let rest = &term[i..];
        for op in ["!=", "==", "="] {
            if rest.starts_with(op) {
                return Some((&term[..i], op, &term[i + op.len()..]));
            }
        }
    }
    None
}

/// Mirrors `UnescapeValue`: `\\`, `\,` and `\=` stand for themselves; a bare `,` or `=` and any
/// other escape are errors.
fn unescape_value(value: &str) -> Result<String, String> {
    if !value.contains(['\\', ',', '=']) {
        return Ok(value.to_string());
    }
    let mut out = String::new();
    let mut in_slash = false;
    for c in value.chars() {
        if in_slash {
            match c {
                '\\' | ',' | '=' => out.push(c),
                _ => return Err(format!("invalid field selector: invalid escape sequence: \\{c}")),
            }
            in_slash = false;
            continue;
        }
        match c {
            '\\' => in_slash = true,
            // Go prints the rune with %v: its number.
            ',' | '=' => return Err(format!("invalid field selector: unescaped character in value: {}", c as u32)),
            _ => out.push(c),
        }
    }
    if in_slash {
        return Err("invalid field selector: invalid escape sequence: \\".to_string());
    }
    Ok(out)
}

impl FieldSelector {
    /// Mirrors `ParseSelector` (apimachinery/pkg/fields/selector.go): terms sorted, each split at
    /// its first operator, values unescaped.
    pub fn parse(selector: &str) -> Result<FieldSelector, String> {
        let mut parts = split_terms(selector);
        parts.shared_sort();
        let mut terms = Vec::new();
        for part in parts.iter().filter(|p| !p.is_empty()) {
            let Some((field, op, value)) = split_term(part) else {
                return Err(format!("invalid selector: '{selector}'; can't understand '{part}'"));
            };
            terms.push(Term { field: field.to_string(), value: unescape_value(value)?, not: op == "!=" });
        }
        Ok(FieldSelector { terms })
    }

    /// The apiserver's check of each term's field for the kind (`ConvertFieldLabel`, in sorted
    /// order: the first unsupported field is the error). Mirrors the field label conversion
    /// functions of pkg/apis/core/v1/conversion.go and pkg/apis/apps/v1/conversion.go, and
    /// `runtime.DefaultMetaV1FieldSelectorConversion` for kinds without one.
    pub fn check(&self, kind: Kind) -> Result<(), String> {
        for term in &self.terms {
            let field = term.field.as_str();
            let supported: Option<&[&str]> = match kind {
                Kind::Pod => Some(&[
                    "metadata.name",
                    "metadata.namespace",
                    "spec.nodeName",
                    "spec.restartPolicy",
                    "spec.schedulerName",
                    "spec.serviceAccountName",
                    "spec.hostNetwork",
                    "status.phase",
                    "status.podIP",
                    "status.nominatedNodeName",
                    "spec.host",
                ]),
                Kind::Event => Some(&[
                    "involvedObject.kind",
                    "involvedObject.namespace",
                    "involvedObject.name",
                    "involvedObject.uid",
                    "involvedObject.apiVersion",
                    "involvedObject.resourceVersion",
                    "involvedObject.fieldPath",
                    "reason",
                    "reportingComponent",
                    "source",
                    "type",
                    "metadata.namespace",
                    "metadata.name",
                ]),
                Kind::Node => Some(&["metadata.name", "spec.unschedulable"]),
                Kind::Namespace => Some(&["status.phase", "metadata.name"]),
                Kind::Secret => Some(&["type", "metadata.namespace", "metadata.name"]),
                Kind::ReplicaSet => Some(&["metadata.name", "metadata.namespace", "status.replicas"]),
                Kind::Job => Some(&["metadata.name", "metadata.namespace", "status.successful"]),
                _ => None,
            };
            match supported {
                Some(fields) if fields.contains(&field) => {}
                Some(_) => return Err(format!("field label not supported: {field}")),
                None if field == "metadata.name" || field == "metadata.namespace" => {}
                None => return Err(format!("\"{field}\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")),
            }
        }
        Ok(())
    }

    /// Whether the object's selectable fields satisfy every term (a field the object does not
    /// have reads as empty).
    pub fn matches(&self, object: &Obj) -> bool {
        if self.terms.is_empty() {
            return true;
        }
        let fields = selectable_fields(object);
        self.terms.iter().all(|term| {
            // `spec.host` is the old name of `spec.nodeName`.
            let field = if term.field == "spec.host" { "spec.nodeName" } else { term.field.as_str() };
            let value = fields.get(field).map_or("", String::as_str);
            (value == term.value) != term.not
        })
    }
}

/// The fields a field selector can test, per kind. Mirrors `generic.ObjectMetaFieldsSet`
/// (metadata.name, and metadata.namespace for namespaced kinds) with `PodToSelectableFields`
/// (pkg/registry/core/pod/strategy.go), `ToSelectableFields` of events
/// (pkg/registry/core/event/strategy.go), of nodes, namespaces and secrets, and the ReplicaSet's
/// `status.replicas` (pkg/registry/apps/replicaset/strategy.go).
pub fn selectable_fields(object: &Obj) -> BTreeMap<&'static str, String> {
    let meta = crate::engine::objects::meta(object);
    let mut fields = BTreeMap::new();
    fields.insert("metadata.name", meta.name.to_string());
    if crate::engine::objects::kind_of(object).namespaced() {
        fields.insert("metadata.namespace", meta.ns().to_string());
    }
    match object {
        Obj::Pod(pod) => {
            fields.insert("spec.nodeName", pod.spec.node_name.as_deref().unwrap_or_default().to_string());
            fields.insert("spec.restartPolicy", pod.spec.restart_policy.as_deref().unwrap_or_default().to_string());
            fields.insert("spec.schedulerName", pod.spec.scheduler_name.as_deref().unwrap_or_default().to_string());
            fields.insert("spec.serviceAccountName", pod.spec.service_account_name.as_deref().unwrap_or_default().to_string());
            let host_network = pod.spec.extra.get("hostNetwork").and_then(|v| v.as_bool()).unwrap_or(false);
            fields.insert("spec.hostNetwork", host_network.to_string());
            fields.insert("status.phase", pod.status.phase.as_deref().unwrap_or_default().to_string());
            fields.insert("status.podIP", pod.status.pod_ips.first().map(|ip| ip.ip.to_string()).unwrap_or_default());
            fields.insert("status.nominatedNodeName", String::new());
        }
        Obj::Event(event) => {
            let involved = &event.involved_object;
            fields.insert("involvedObject.kind", involved.kind.to_string());
            fields.insert("involvedObject.namespace", involved.namespace.as_deref().unwrap_or_default().to_string());
            fields.insert("involvedObject.name", involved.name.to_string());
            fields.insert("involvedObject.uid", involved.uid.to_string());
            fields.insert("involvedObject.apiVersion", involved.api_version.to_string());
            fields.insert("involvedObject.resourceVersion", involved.resource_version.to_string());
            fields.insert("involvedObject.fieldPath", involved.field_path.as_deref().unwrap_or_default().to_string());
            fields.insert("reason", event.reason.to_string());
            fields.insert("reportingComponent", event.reporting_component.to_string());
            let source = if event.source.component.is_empty() { event.reporting_component.to_string() } else { event.source.component.to_string() };
            fields.insert("source", source);
            fields.insert("type", event.type_.to_string());
        }
        Obj::Node(node) => {
            fields.insert("spec.unschedulable", node.spec.unschedulable.unwrap_or(false).to_string());
        }
        Obj::Namespace(namespace) => {
            fields.insert("status.phase", namespace.status.phase.clone().unwrap_or_default());
        }
        Obj::Secret(secret) => {
            fields.insert("type", secret.type_.clone().unwrap_or_default());
        }
        Obj::ReplicaSet(rs) => {
            fields.insert("status.replicas", rs.status.replicas.to_string());
        }
        Obj::Job(job) => {
            fields.insert("status.successful", job.status.succeeded.to_string());
        }
        _ => {}
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_as_the_apiserver_does() {
        let parsed = FieldSelector::parse("type!=Normal,reason==Pulled,metadata.name=a\\,b").unwrap();
        let fields: Vec<(&str, &str, bool)> = parsed.terms.iter().map(|t| (t.field.as_str(), t.value.as_str(), t.not)).collect();
        assert_eq!(fields, vec![("metadata.name", "a,b", false), ("reason", "Pulled", false), ("type", "Normal", true)]);
        assert_eq!(FieldSelector::parse("foo").unwrap_err(), "invalid selector: 'foo'; can't understand 'foo'");
        assert_eq!(FieldSelector::parse("a=b=c").unwrap_err(), "invalid field selector: unescaped character in value: 61");
        assert!(FieldSelector::parse("").unwrap().terms.is_empty());
    }

    #[test]
    fn unknown_fields_are_refused_per_kind() {
        let selector = FieldSelector::parse("foo=bar").unwrap();
        assert_eq!(selector.check(Kind::Pod).unwrap_err(), "field label not supported: foo");
        assert_eq!(selector.check(Kind::Deployment).unwrap_err(), "\"foo\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
        assert_eq!(FieldSelector::parse("metadata.namespace=x").unwrap().check(Kind::Node).unwrap_err(), "field label not supported: metadata.namespace");
        assert!(FieldSelector::parse("status.phase=Running,spec.nodeName=node-1").unwrap().check(Kind::Pod).is_ok());
    }
}
