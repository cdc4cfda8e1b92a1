//! JSON as the apiserver writes it on the wire (`get --raw`, curl from a pod): fields in the Go
//! structs' order rather than sorted, and list items without their own `kind`/`apiVersion`.
//!
//! The order is known for the envelope (TypeMeta, ObjectMeta and ListMeta, lists, discovery
//! documents, Status) and for the top-level fields of the stored kinds; deeper fields (a spec's
//! own) keep the sorted order serde_json gives them.

use serde_json::{Map, Value};
use crate::order::SharedSort;

/// Top-level fields of objects in Go struct order: TypeMeta, ObjectMeta, then the fields of
/// the kinds kubeplay serves (each kind's own order is a subsequence: ConfigMap, Secret,
/// Endpoints, Event, StorageClass), status last.
const OBJECT_FIELDS: &[&str] = &[
    "kind", "apiVersion", "metadata", "spec", "immutable", "data", "binaryData", "stringData", "subsets", "involvedObject", "reason", "message",
    "source", "firstTimestamp", "lastTimestamp", "count", "type", "eventTime", "series", "action", "related", "reportingComponent",
    "reportingInstance", "provisioner", "parameters", "reclaimPolicy", "mountOptions", "allowVolumeExpansion", "volumeBindingMode",
    "allowedTopologies", "items", "status",
];

/// `metav1.ObjectMeta` and `metav1.ListMeta`.
const META_FIELDS: &[&str] = &[
    "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "continue", "remainingItemCount", "generation",
    "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers",
    "managedFields",
];

/// `metav1.Status`.
const STATUS_FIELDS: &[&str] = &["kind", "apiVersion", "metadata", "status", "message", "reason", "details", "code"];

/// Discovery: `APIGroupList`, `APIGroup`, `APIVersions`, `APIResourceList`.
const DISCOVERY_FIELDS: &[&str] = &["kind", "apiVersion", "groups", "name", "groupVersion", "versions", "preferredVersion", "serverAddressByClientCIDRs", "resources"];

/// `version.Info` of `/version`.
const VERSION_FIELDS: &[&str] = &["major", "minor", "gitVersion", "gitCommit", "gitTreeState", "buildDate", "goVersion", "compiler", "platform"];

/// `metav1.APIResource`.
const RESOURCE_FIELDS: &[&str] = &["name", "singularName", "namespaced", "group", "version", "kind", "verbs", "shortNames", "categories", "storageVersionHash"];

/// `metav1.GroupVersionForDiscovery` and `metav1.APIGroup` inside a list.
const GROUP_FIELDS: &[&str] = &["name", "versions", "preferredVersion", "groupVersion", "version"];

/// Where an object sits, which decides its field order.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// A whole response or a list item.
    Top,
    Meta,
    Resource,
    Group,
    Other,
}

fn order(place: Place, map: &Map<String, Value>) -> &'static [&'static str] {
    match place {
        Place::Top => match map.get("kind").and_then(Value::as_str) {
            Some("Status") => STATUS_FIELDS,
            Some("APIGroupList" | "APIGroup" | "APIVersions" | "APIResourceList") => DISCOVERY_FIELDS,
            None if map.contains_key("gitVersion") => VERSION_FIELDS,
            _ => OBJECT_FIELDS,
        },
        Place::Meta => META_FIELDS,
        Place::Resource => RESOURCE_FIELDS,
        Place::Group => GROUP_FIELDS,
        Place::Other => &[],
    }
}

/// The place of a field's value, given the place of its parent.
fn child_place(parent: Place, key: &str, parent_kind: Option<&str>) -> Place {
    match (parent, key) {
        (Place::Top, "metadata") => Place::Meta,
        (Place::Top, "items") => Place::Top,
        (Place::Top, "resources") if parent_kind == Some("APIResourceList") => Place::Resource,
        (Place::Top, "groups" | "versions" | "preferredVersion") if parent_kind != Some("APIVersions") => Place::Group,
        (Place::Group, "versions" | "preferredVersion") => Place::Group,
        _ => Place::Other,
    }
}

/// The keys of an object in wire order (a list item's `kind`/`apiVersion` left out).
fn ordered_keys<'a>(map: &'a Map<String, Value>, place: Place, list_item: bool) -> Vec<&'a String> {
    let known = order(place, map);
    let mut keys: Vec<&String> = map.keys().filter(|k| !(list_item && (*k == "kind" || *k == "apiVersion"))).collect();
    keys.shared_sort_by_key(|k| (known.iter().position(|f| f == k).unwrap_or(known.len()), k.as_str()));
    keys
}

/// Compact JSON in wire order, as `kubectl get --raw` prints a response.
pub fn compact(value: &Value) -> String {
    let mut out = String::new();
    write(value, Place::Top, false, None, 0, &mut out);
    out
}

/// Indented JSON in wire order (two spaces), as the apiserver answers curl.
pub fn pretty(value: &Value) -> String {
    let mut out = String::new();
    write(value, Place::Top, false, Some(2), 0, &mut out);
    out
}

/// Writes a value with each object's keys in wire order (serde_json's maps are sorted, so the
/// order exists only here), indented like `json.MarshalIndent` when `indent` is given.
fn write(value: &Value, place: Place, list_item: bool, indent: Option<usize>, depth: usize, out: &mut String) {
    let newline = |out: &mut String, depth: usize| {
        if let Some(step) = indent {
            out.push('\n');
            out.push_str(&" ".repeat(step * depth));
        }
    };
    match value {
        Value::Object(map) if !map.is_empty() => {
            let kind = map.get("kind").and_then(Value::as_str);
            let is_list = place == Place::Top && !list_item && kind.is_some_and(|k| k.ends_with("List") && k != "APIGroupList" && k != "APIResourceList");
            out.push('{');
            for (index, key) in ordered_keys(map, place, list_item).into_iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                newline(out, depth + 1);
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                let items = is_list && key == "items";
                write(&map[key], child_place(place, key, kind), items, indent, depth + 1, out);
            }
            newline(out, depth);
            out.push('}');
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                newline(out, depth + 1);
                write(item, place, list_item, indent, depth + 1, out);
            }
            newline(out, depth);
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn envelopes_come_in_go_order() {
        for (value, want) in [
            (json!({"apiVersion": "v1", "kind": "APIGroup", "name": "batch", "preferredVersion": {"groupVersion": "batch/v1", "version": "v1"}, "versions": [{"groupVersion": "batch/v1", "version": "v1"}]}),
             r#"{"kind":"APIGroup","apiVersion":"v1","name":"batch","versions":[{"groupVersion":"batch/v1","version":"v1"}],"preferredVersion":{"groupVersion":"batch/v1","version":"v1"}}"#),
            (json!({"apiVersion": "batch/v1", "items": [{"apiVersion": "batch/v1", "kind": "Job", "metadata": {"uid": "u", "name": "pi", "namespace": "default"}, "status": {}, "spec": {"b": 1, "a": 2}}], "kind": "JobList", "metadata": {"resourceVersion": "7"}}),
             r#"{"kind":"JobList","apiVersion":"batch/v1","metadata":{"resourceVersion":"7"},"items":[{"metadata":{"name":"pi","namespace":"default","uid":"u"},"spec":{"a":2,"b":1},"status":{}}]}"#),
            (json!({"code": 403, "details": {}, "kind": "Status", "apiVersion": "v1", "message": "m", "metadata": {}, "reason": "Forbidden", "status": "Failure"}),
             r#"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"m","reason":"Forbidden","details":{},"code":403}"#),
            (json!({"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "batch/v1", "resources": [{"kind": "Job", "name": "jobs", "namespaced": true, "singularName": "job", "verbs": ["get"]}]}),
             r#"{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"batch/v1","resources":[{"name":"jobs","singularName":"job","namespaced":true,"kind":"Job","verbs":["get"]}]}"#),
            (json!({"kind": "APIVersions", "serverAddressByClientCIDRs": [{"serverAddress": "a", "clientCIDR": "c"}], "versions": ["v1"]}),
             r#"{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"c","serverAddress":"a"}]}"#),
        ] {
            assert_eq!(compact(&value), want);
        }
    }

    #[test]
    fn pretty_indents_as_marshal_indent() {
        let value = json!({"kind": "Status", "metadata": {}, "code": 403, "details": {"kind": "pods"}, "apiVersion": "v1"});
        assert_eq!(pretty(&value), "{\n  \"kind\": \"Status\",\n  \"apiVersion\": \"v1\",\n  \"metadata\": {},\n  \"details\": {\n    \"kind\": \"pods\"\n  },\n  \"code\": 403\n}");
    }
}
