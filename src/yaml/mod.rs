//! Manifests: YAML text to API objects. The only module that names serde_yaml.
//!
//! Parsing never panics: every document gives an object or an error that says what and where
//! (line and column for syntax errors; the field path for unknown fields and wrong types, as the
//! apiserver's strict decoding reports them).

use std::rc::Rc;

use serde::de::DeserializeOwned;

use crate::engine::api::core::{ConfigMap, Endpoints, Namespace, Node, Secret, Service, ServiceAccount};
use crate::engine::api::deployment::{Deployment, ReplicaSet};
use crate::engine::api::ingress::{Ingress, IngressClass};
use crate::engine::api::job::Job;
use crate::engine::api::storage::{PersistentVolume, PersistentVolumeClaim, StorageClass};
use crate::engine::api::pod::Pod;
use crate::engine::store::{Kind, Obj};
use crate::order::SharedSort;

pub mod diagnostic;
mod emitter;
pub mod json_stream;
pub mod schema;
mod strict;

/// One document that decoded into an object.
#[derive(Debug, Clone)]
pub struct Manifest {
    pub kind: Kind,
    pub object: Obj,
    /// The document as JSON (what kubectl sends and stores as last-applied).
    pub raw: serde_json::Value,
    /// 1-based line where the document starts.
    pub line: usize,
}

/// The kinds (and their versions) a manifest can create here, in the order the "does not
/// simulate" message lists them; `decode_value` decodes each of them.
pub const SIMULATED_KINDS: [(&str, &str); 29] = [
    ("Deployment", "apps/v1"),
    ("ReplicaSet", "apps/v1"),
    ("DaemonSet", "apps/v1"),
    ("StatefulSet", "apps/v1"),
    ("ReplicationController", "v1"),
    ("Pod", "v1"),
    ("Service", "v1"),
    ("Endpoints", "v1"),
    ("ConfigMap", "v1"),
    ("Secret", "v1"),
    ("ServiceAccount", "v1"),
    ("Namespace", "v1"),
    ("Node", "v1"),
    ("Job", "batch/v1"),
    ("Ingress", "networking.k8s.io/v1"),
    ("IngressClass", "networking.k8s.io/v1"),
    ("PersistentVolumeClaim", "v1"),
    ("PersistentVolume", "v1"),
    ("StorageClass", "storage.k8s.io/v1"),
    ("NetworkPolicy", "networking.k8s.io/v1"),
    ("LimitRange", "v1"),
    ("ResourceQuota", "v1"),
    ("CronJob", "batch/v1"),
    ("Role", "rbac.authorization.k8s.io/v1"),
    ("ClusterRole", "rbac.authorization.k8s.io/v1"),
    ("RoleBinding", "rbac.authorization.k8s.io/v1"),
    ("ClusterRoleBinding", "rbac.authorization.k8s.io/v1"),
    ("PodDisruptionBudget", "policy/v1"),
    ("HorizontalPodAutoscaler", "autoscaling/v2"),
];

/// `SIMULATED_KINDS` as a sentence: `Deployment, ReplicaSet, ... and StorageClass`.
pub fn simulated_kinds_sentence() -> String {
    let names: Vec<&str> = SIMULATED_KINDS.iter().map(|(kind, _)| *kind).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.join(""),
    }
}

/// Why a document did not decode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManifestError {
    /// YAML syntax: `yaml: line N: message`. `line` and `column` are where the problem is in the
    /// whole text (for the editor); `go_line` is the line go-yaml v2 names in kubectl's message
    /// (see `go_yaml_line`), `None` when it names none.
    Syntax { line: usize, column: usize, message: String, go_line: Option<usize> },
    /// Valid YAML that JSON cannot hold (sigs.k8s.io/yaml's `YAMLToJSON`): a non-finite number
    /// (`json: unsupported value: +Inf`) or a key that is a list or a map (`yaml: invalid map key: ...`).
    Convert { line: usize, message: String },
    /// A JSON stream Go's decoder refuses (`unexpected EOF`, `json: offset N: invalid character
    /// ...`; see `json_stream`).
    Json { line: usize, message: String },
    /// The document is not a mapping, or has no `kind` / `apiVersion`.
    Missing { what: &'static str, json: String },
    /// No such kind in that version on a real cluster.
    NoMatch { kind: String, api_version: String, name: String },
    /// A real kind kubeplay does not simulate.
    Unsupported { kind: String, api_version: String, name: String },
    /// The apiserver would refuse to decode it: unknown fields, wrong types.
    Decode { kind: String, name: String, message: String, path: String },
}

impl ManifestError {
    /// Line and column (1-based) for the editor, when known.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            ManifestError::Syntax { line, column, .. } => Some((*line, *column)),
            ManifestError::Convert { line, .. } | ManifestError::Json { line, .. } => Some((*line, 1)),
            _ => None,
        }
    }
}

/// Decodes one YAML document as `T` the way manifests are (YAML to JSON, then `strict` with the
/// path tracked), so the page carries no typed serde_yaml code for `T`. Errors read
/// "line L, column C: message" for YAML syntax and "path: message" for the rest.
pub fn decode_document<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|error| {
        let location = error.location().map(|l| format!("line {}, column {}: ", l.line(), l.column())).unwrap_or_default();
        format!("{location}{}", clean_yaml_message(&error.to_string()))
    })?;
    let json = yaml_to_json(&value)?;
    strict::from_value::<T>(&json).map(|(object, _)| object).map_err(|(error, path)| {
        let message = error.to_string();
        let location = locate(text, &path).map(|(line, column)| format!("line {line}, column {column}: ")).unwrap_or_default();
        if path.is_empty() || path == "." || message.starts_with(&path) {
            format!("{location}{message}")
        } else {
            format!("{location}{path}: {message}")
        }
    })
}

/// Where the node at `path` (`a.b[0].c`, as `strict` reports an error's path) starts in `text`,
/// as serde_yaml reports it: the location of an error raised when a walk down the document
/// reaches that node. One small visitor, instead of typed serde_yaml code for every type.
fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    let mut steps = Vec::new();
    for part in path.split('.').filter(|part| !part.is_empty()) {
        let (key, indices) = part.split_once('[').map_or((part, None), |(key, rest)| (key, Some(rest)));
        if !key.is_empty() {
            steps.push(Step::Key(key));
        }
        for index in indices.into_iter().flat_map(|rest| rest.split('[')) {
            steps.push(Step::Index(index.trim_end_matches(']').parse().ok()?));
        }
    }
    let error = serde::de::DeserializeSeed::deserialize(Walk(&steps), serde_yaml::Deserializer::from_str(text)).err()?;
    let location = error.location().filter(|_| error.to_string().contains(REACHED))?;
    Some((location.line(), location.column()))
}

enum Step<'p> {
    Key(&'p str),
    Index(usize),
}

/// The walk's own error (serde_yaml puts its path before it).
const REACHED: &str = "kubeplay: the walk reached the node";

/// Walks to the node at the remaining steps and fails there (see `locate`).
struct Walk<'s, 'p>(&'s [Step<'p>]);

impl<'de> serde::de::DeserializeSeed<'de> for Walk<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Walk<'_, '_> {
    fn here<E: serde::de::Error>(&self) -> Result<(), E> {
        if self.0.is_empty() { Err(E::custom(REACHED)) } else { Ok(()) }
    }
}

impl<'de> serde::de::Visitor<'de> for Walk<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML node")
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.here()
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.here()
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.here()
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        self.here()
    }
    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<(), E> {
        self.here()
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.here()
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.here()
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.here()?;
        while let Some(key) = map.next_key::<String>()? {
            match self.0.first() {
                Some(Step::Key(wanted)) if *wanted == key => map.next_value_seed(Walk(&self.0[1..]))?,
                _ => drop(map.next_value::<serde::de::IgnoredAny>()?),
            }
        }
        Ok(())
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.here()?;
        let mut index = 0;
        loop {
            let found = match self.0.first() {
                Some(Step::Index(wanted)) if *wanted == index => seq.next_element_seed(Walk(&self.0[1..]))?.is_some(),
                _ => seq.next_element::<serde::de::IgnoredAny>()?.is_some(),
            };
            if !found {
                return Ok(());
            }
            index += 1;
        }
    }
}

/// Splits a YAML stream into documents and decodes each. Empty documents are skipped.
pub fn parse_documents(text: &str) -> Vec<Result<Manifest, ManifestError>> {
    if json_stream::is_json(text) {
        return parse_json_stream(text);
    }
    let mut results = Vec::new();
    let mut line_offset = 0usize;
    for chunk in split_documents(text) {
        let (start_line, body) = chunk;
        line_offset = start_line;
        if body.trim().is_empty() || body.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
            continue;
        }
        let value: serde_yaml::Value = match serde_yaml::from_str(&body) {
            Ok(v) => v,
            Err(error) => {
                let (line, column) = error.location().map(|l| (l.line() + start_line - 1, l.column())).unwrap_or((start_line, 1));
                let (message, go_line) = go_yaml_error(&error, &body);
                results.push(Err(ManifestError::Syntax { line, column, message, go_line }));
                continue;
            }
        };
        if value.is_null() {
            continue;
        }
        let json = match yaml_to_json(&value) {
            Ok(json) => json,
            Err(message) => {
                results.push(Err(ManifestError::Convert { line: start_line, message }));
                continue;
            }
        };
        decode_value(json, start_line, &mut results);
    }
    let _ = line_offset;
    results
}

/// A JSON stream's values, one document each, up to the first error, as kubectl's JSON decoder
/// reads them.
fn parse_json_stream(text: &str) -> Vec<Result<Manifest, ManifestError>> {
    let mut results = Vec::new();
    let mut start = 0;
    loop {
        let from = start + text[start..].len() - text[start..].trim_start().len();
        if from >= text.len() {
            return results;
        }
        let line = text[..from].matches('\n').count() + 1;
        let scan = json_stream::scan_value(text, from);
        let json_stream::Scan::End(end) = scan else {
            results.push(Err(ManifestError::Json { line, message: scan.message().unwrap_or_default() }));
            return results;
        };
        match serde_json::from_str::<serde_json::Value>(&text[from..end]) {
            Ok(json) => decode_value(json, line, &mut results),
            Err(error) => {
                results.push(Err(ManifestError::Json { line, message: error.to_string() }));
                return results;
            }
        }
        start = end;
    }
}

/// Decodes one JSON document (or a `List`'s items) into manifests.
pub fn decode_value(json: serde_json::Value, line: usize, results: &mut Vec<Result<Manifest, ManifestError>>) {
    let serde_json::Value::Object(map) = &json else {
        results.push(Err(ManifestError::Missing { what: "Kind", json: json.to_string() }));
        return;
    };
    let kind = map.get("kind").and_then(|k| k.as_str()).unwrap_or("").to_string();
    let api_version = map.get("apiVersion").and_then(|k| k.as_str()).unwrap_or("").to_string();
    if kind.is_empty() {
        results.push(Err(ManifestError::Missing { what: "Kind", json: compact_json(&json) }));
        return;
    }
    if api_version.is_empty() {
        results.push(Err(ManifestError::Missing { what: "apiVersion", json: compact_json(&json) }));
        return;
    }
    if kind == "List" && api_version == "v1" {
        if let Some(items) = map.get("items").and_then(|i| i.as_array()) {
            for item in items {
                decode_value(item.clone(), line, results);
            }
        }
        return;
    }
    let name = json.pointer("/metadata/name").and_then(|n| n.as_str()).unwrap_or("").to_string();
    let decoded = match (kind.as_str(), api_version.as_str()) {
        ("Deployment", "apps/v1") => decode::<Deployment>(&json).map(|o| (Kind::Deployment, Obj::Deployment(Rc::new(o)))),
        ("ReplicaSet", "apps/v1") => decode::<ReplicaSet>(&json).map(|o| (Kind::ReplicaSet, Obj::ReplicaSet(Rc::new(o)))),
        ("Pod", "v1") => decode::<Pod>(&json).map(|o| (Kind::Pod, Obj::Pod(Rc::new(o)))),
        ("Service", "v1") => decode::<Service>(&json).map(|o| (Kind::Service, Obj::Service(Rc::new(o)))),
        ("ConfigMap", "v1") => decode::<ConfigMap>(&json).map(|o| (Kind::ConfigMap, Obj::ConfigMap(Rc::new(o)))),
        ("Secret", "v1") => decode::<Secret>(&json).map(|o| (Kind::Secret, Obj::Secret(Rc::new(o)))),
        ("Namespace", "v1") => decode::<Namespace>(&json).map(|o| (Kind::Namespace, Obj::Namespace(Rc::new(o)))),
        ("Node", "v1") => decode::<Node>(&json).map(|o| (Kind::Node, Obj::Node(Rc::new(o)))),
        ("Endpoints", "v1") => decode::<Endpoints>(&json).map(|o| (Kind::Endpoints, Obj::Endpoints(Rc::new(o)))),
        ("Job", "batch/v1") => decode::<Job>(&json).map(|o| (Kind::Job, Obj::Job(Rc::new(o)))),
        ("StorageClass", "storage.k8s.io/v1") => decode::<StorageClass>(&json).map(|o| (Kind::StorageClass, Obj::StorageClass(Rc::new(o)))),
        ("PersistentVolumeClaim", "v1") => decode::<PersistentVolumeClaim>(&json).map(|o| (Kind::PersistentVolumeClaim, Obj::PersistentVolumeClaim(Rc::new(o)))),
        ("PersistentVolume", "v1") => decode::<PersistentVolume>(&json).map(|o| (Kind::PersistentVolume, Obj::PersistentVolume(Rc::new(o)))),
        ("Ingress", "networking.k8s.io/v1") => decode::<Ingress>(&json).map(|o| (Kind::Ingress, Obj::Ingress(Rc::new(o)))),
        ("IngressClass", "networking.k8s.io/v1") => decode::<IngressClass>(&json).map(|o| (Kind::IngressClass, Obj::IngressClass(Rc::new(o)))),
        ("NetworkPolicy", "networking.k8s.io/v1") => decode::<crate::engine::api::network_policy::NetworkPolicy>(&json).map(|o| (Kind::NetworkPolicy, Obj::NetworkPolicy(Rc::new(o)))),
        ("CronJob", "batch/v1") => decode::<crate::engine::api::cron_job::CronJob>(&json).map(|o| (Kind::CronJob, Obj::CronJob(Rc::new(o)))),
        ("Role", "rbac.authorization.k8s.io/v1") => decode::<crate::engine::api::rbac::Role>(&json).map(|o| (Kind::Role, Obj::Role(Rc::new(o)))),
        ("ClusterRole", "rbac.authorization.k8s.io/v1") => decode::<crate::engine::api::rbac::ClusterRole>(&json).map(|o| (Kind::ClusterRole, Obj::ClusterRole(Rc::new(o)))),
        ("RoleBinding", "rbac.authorization.k8s.io/v1") => decode::<crate::engine::api::rbac::RoleBinding>(&json).map(|o| (Kind::RoleBinding, Obj::RoleBinding(Rc::new(o)))),
        ("ClusterRoleBinding", "rbac.authorization.k8s.io/v1") => decode::<crate::engine::api::rbac::ClusterRoleBinding>(&json).map(|o| (Kind::ClusterRoleBinding, Obj::ClusterRoleBinding(Rc::new(o)))),
        ("HorizontalPodAutoscaler", "autoscaling/v2") => decode::<crate::engine::api::horizontal_pod_autoscaler::HorizontalPodAutoscaler>(&json).map(|o| (Kind::HorizontalPodAutoscaler, Obj::HorizontalPodAutoscaler(Rc::new(o)))),
        ("HorizontalPodAutoscaler", "autoscaling/v1") => decode::<crate::engine::api::horizontal_pod_autoscaler::V1HorizontalPodAutoscaler>(&json).map(|o| (Kind::HorizontalPodAutoscaler, Obj::HorizontalPodAutoscaler(Rc::new(o.into())))),
        ("PodDisruptionBudget", "policy/v1") => decode::<crate::engine::api::pod_disruption_budget::PodDisruptionBudget>(&json).map(|o| (Kind::PodDisruptionBudget, Obj::PodDisruptionBudget(Rc::new(o)))),
        ("ServiceAccount", "v1") => decode::<ServiceAccount>(&json).map(|o| (Kind::ServiceAccount, Obj::ServiceAccount(Rc::new(o)))),
        ("DaemonSet", "apps/v1") => decode::<crate::engine::api::daemon_set::DaemonSet>(&json).map(|o| (Kind::DaemonSet, Obj::DaemonSet(Rc::new(o)))),
        ("StatefulSet", "apps/v1") => decode::<crate::engine::api::stateful_set::StatefulSet>(&json).map(|o| (Kind::StatefulSet, Obj::StatefulSet(Rc::new(o)))),
        ("ReplicationController", "v1") => decode::<crate::engine::api::replication_controller::ReplicationController>(&json).map(|o| (Kind::ReplicationController, Obj::ReplicationController(Rc::new(o)))),
        // A quantity that does not parse fails the decoding (resource.Quantity's UnmarshalJSON).
        ("LimitRange", "v1") => decode::<crate::engine::api::limit_range::LimitRange>(&json).and_then(|o| {
            let lists = o.spec.limits.iter().flat_map(|i| [&i.default, &i.default_request, &i.max, &i.min, &i.max_limit_request_ratio]);
            match crate::engine::quota_registry::first_bad_quantity(lists) {
                Some(message) => Err((message, String::new())),
                None => Ok((Kind::LimitRange, Obj::LimitRange(Rc::new(o)))),
            }
        }),
        ("ResourceQuota", "v1") => decode::<crate::engine::api::resource_quota::ResourceQuota>(&json).and_then(|o| match crate::engine::quota_registry::first_bad_quantity([&o.spec.hard]) {
            Some(message) => Err((message, String::new())),
            None => Ok((Kind::ResourceQuota, Obj::ResourceQuota(Rc::new(o)))),
        }),
        _ => {
            let error = if schema::is_known_kind(&kind, &api_version) {
                ManifestError::Unsupported { kind, api_version, name }
            } else {
                ManifestError::NoMatch { kind, api_version, name }
            };
            results.push(Err(error));
            return;
        }
    };
    match decoded {
        Ok((kind, object)) => results.push(Ok(Manifest { kind, object, raw: json, line })),
        Err((message, path)) => results.push(Err(ManifestError::Decode { kind, name, message, path })),
    }
}

/// Decodes strictly: type errors as Go's JSON decoder words them, unknown fields as
/// `strict decoding error: unknown field "spec.replica"`. Only the call to the deserializer
/// is generic; the rest is one copy for every kind.
#[inline(never)]
fn decode<T: DeserializeOwned + serde::Serialize>(json: &serde_json::Value) -> Result<T, (String, String)> {
    let body = without_type(json);
    match strict::from_value::<T>(&body) {
        Ok((object, ignored)) => check_unknown(json, ignored).map(|()| object),
        Err((error, path)) => Err(type_error(json, &error, path)),
    }
}

fn type_error(json: &serde_json::Value, error: &serde_json::Error, path: String) -> (String, String) {
    (go_type_error(&path, &error.to_string(), json), path)
}

/// The document without `apiVersion` and `kind`, which the typed objects do not hold.
fn without_type(json: &serde_json::Value) -> serde_json::Value {
    let mut body = json.clone();
    if let Some(map) = body.as_object_mut() {
        map.remove("apiVersion");
        map.remove("kind");
    }
    body
}

/// Fails with every unknown field, those the deserializer skipped and those in the
/// pass-through bags, sorted.
fn check_unknown(json: &serde_json::Value, ignored: Vec<String>) -> Result<(), (String, String)> {
    let mut unknown = ignored;
    unknown.extend(schema::unknown_extras(json));
    unknown.shared_sort();
    unknown.dedup();
    if !unknown.is_empty() {
        let list = unknown.iter().map(|p| format!("unknown field \"{p}\"")).collect::<Vec<_>>().join(", ");
        return Err((format!("strict decoding error: {list}"), unknown[0].clone()));
    }
    Ok(())
}

/// Words a serde type error like Go's `json: cannot unmarshal X into Go struct field Y of type Z`.
fn go_type_error(path: &str, message: &str, json: &serde_json::Value) -> String {
    let pointer = format!("/{}", path.replace('.', "/").replace('[', "/").replace(']', ""));
    let found = json.pointer(&pointer);
    let got = match found {
        Some(serde_json::Value::String(_)) => "string",
        Some(serde_json::Value::Number(_)) => "number",
        Some(serde_json::Value::Bool(_)) => "bool",
        Some(serde_json::Value::Array(_)) => "array",
        Some(serde_json::Value::Object(_)) => "object",
        Some(serde_json::Value::Null) | None => "",
    };
    let wanted = if message.contains("i32") || message.contains("i64") || message.contains("u32") || message.contains("out of range") {
        if message.contains("i64") { "int64" } else { "int32" }
    } else if message.contains("a string") || message.contains("string") && !message.contains("invalid type: string") {
        "string"
    } else if message.contains("boolean") || message.contains("bool") {
        "bool"
    } else if message.contains("sequence") {
        "[]"
    } else if message.contains("map") || message.contains("struct") {
        "object"
    } else {
        "value"
    };
    if got.is_empty() {
        return format!("json: {message}");
    }
    if let (Some(serde_json::Value::Number(number)), "int32" | "int64") = (found, wanted) {
        return format!("json: cannot unmarshal number {number} into Go struct field {} of type {wanted}", go_field(path));
    }
    format!("json: cannot unmarshal {got} into Go struct field {} of type {wanted}", go_field(path))
}

/// `DeploymentSpec.spec.replicas`-style names for the fields learners get wrong most.
fn go_field(path: &str) -> String {
    let clean: String = path.split('.').map(|part| part.split('[').next().unwrap_or(part)).collect::<Vec<_>>().join(".");
    let parent = clean.rsplit_once('.').map(|(p, _)| p).unwrap_or("");
    let struct_name = match parent.rsplit('.').next().unwrap_or("") {
        "spec" if clean.starts_with("spec.template.spec") => "PodSpec",
        "spec" => "DeploymentSpec",
        "metadata" => "ObjectMeta",
        "containers" => "Container",
        "ports" => "ContainerPort",
        "rollingUpdate" => "RollingUpdateDeployment",
        "strategy" => "DeploymentStrategy",
        "selector" => "LabelSelector",
        "template" => "PodTemplateSpec",
        "volumes" => "Volume",
        "configMap" => "ConfigMapVolumeSource",
        "secret" => "SecretVolumeSource",
        "env" => "EnvVar",
        "resources" => "ResourceRequirements",
        "httpGet" => "HTTPGetAction",
        "readinessProbe" | "livenessProbe" | "startupProbe" => "Probe",
        "volumeMounts" => "VolumeMount",
        "initContainers" => "Container",
        "rules" => "PolicyRule",
        "subjects" => "Subject",
        "roleRef" => "RoleRef",
        _ => "",
    };
    if struct_name.is_empty() {
        clean
    } else {
        format!("{struct_name}.{clean}")
    }
}

fn compact_json(json: &serde_json::Value) -> String {
    serde_json::to_string(json).unwrap_or_default()
}

/// Splits on `---` lines; returns (1-based start line, text) per document.
fn split_documents(text: &str) -> Vec<(usize, String)> {
    let mut documents = Vec::new();
    let mut current = String::new();
    let mut start = 1;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed.starts_with("--- ") || trimmed == "..." {
            documents.push((start, std::mem::take(&mut current)));
            start = index + 2;
            continue;
        }
        current.push_str(line);
        current.push('\n');
    }
    documents.push((start, current));
    documents
}

/// The message and line go-yaml v2 (sigs.k8s.io/yaml, which kubectl's decoder calls on each
/// document alone) gives for a syntax error serde_yaml's libyaml reported. Mirrors
/// `(*parser).fail` (go-yaml v2 decode.go): the problem's 0-based line, plus one for a scanner
/// error only; on the first line, the context's 0-based line; no line when both are 0. So a
/// parser error names the line before the problem's (`did not find expected key` on line 5 says
/// `line 4`) and an error on the document's first line often names none. An alias to no anchor
/// is the composer's `unknown anchor 'x' referenced`, without a line.
fn go_yaml_error(error: &serde_yaml::Error, body: &str) -> (String, Option<usize>) {
    let full = error.to_string();
    let problem = clean_yaml_message(&full);
    let location = error.location();
    if problem.starts_with("unknown anchor") {
        let anchor = location
            .and_then(|l| body.lines().nth(l.line().saturating_sub(1)).map(|text| text.chars().skip(l.column().saturating_sub(1)).collect::<String>()))
            .map(|rest| rest.trim_start_matches('*').chars().take_while(|c| !c.is_whitespace() && !",[]{}".contains(*c)).collect::<String>())
            .unwrap_or_default();
        return (format!("unknown anchor '{anchor}' referenced"), None);
    }
    // serde_yaml writes libyaml's error as `PROBLEM at line L column C, CONTEXT at line L2 column C2`,
    // the context's mark left out when it is the problem's.
    let context = full.split_once(", ").map(|(_, context)| context).unwrap_or("");
    let parser = context.starts_with("while parsing")
        || ["did not find expected <document start>", "found duplicate %YAML directive", "found incompatible YAML document", "found duplicate %TAG directive"].contains(&problem.as_str());
    let problem_line = location.map_or(0, |l| l.line().saturating_sub(1));
    let context_line = match context.rsplit_once(" at line ") {
        Some((_, mark)) => mark.split(' ').next().and_then(|n| n.parse::<usize>().ok()).map_or(0, |n| n.saturating_sub(1)),
        None => problem_line,
    };
    let line = if problem_line != 0 {
        problem_line + usize::from(!parser)
    } else {
        context_line
    };
    (problem, (line != 0).then_some(line))
}

fn clean_yaml_message(message: &str) -> String {
    // serde_yaml: "mapping values are not allowed in this context at line 5 column 7"
    match message.find(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}

/// A number as Go's `strconv`/`%v` writes it: integers as they are, whole floats without a
/// point (`2`), other floats shortest (`1.5`), and `+Inf`, `-Inf`, `NaN`.
fn go_number(n: &serde_yaml::Number) -> String {
    match (n.as_i64(), n.as_u64(), n.as_f64()) {
        (Some(i), _, _) => i.to_string(),
        (None, Some(u), _) => u.to_string(),
        (None, None, Some(f)) if !f.is_finite() => go_float_special(f).to_string(),
        (None, None, Some(f)) if f.fract() == 0.0 && f.abs() < 1e15 => (f as i64).to_string(),
        (None, None, Some(f)) => serde_json::Number::from_f64(f).map(|n| n.to_string()).unwrap_or_default(),
        (None, None, None) => String::new(),
    }
}

/// A YAML value as Go's `%#v` prints the `interface{}` yaml.v2 decodes it to, for
/// `yaml: invalid map key: []interface {}{"a", "b"}`; a map's keys sorted, as fmt sorts them.
fn go_sharp_v(value: &serde_yaml::Value) -> String {
    match value {
        serde_yaml::Value::Null => "interface {}(nil)".to_string(),
        serde_yaml::Value::Bool(b) => b.to_string(),
        serde_yaml::Value::Number(n) => go_number(n),
        serde_yaml::Value::String(s) => serde_json::Value::String(s.clone()).to_string(),
        serde_yaml::Value::Sequence(items) => format!("[]interface {{}}{{{}}}", items.iter().map(go_sharp_v).collect::<Vec<_>>().join(", ")),
        serde_yaml::Value::Mapping(map) => {
            let mut entries: Vec<(String, String)> = map.iter().map(|(k, v)| (go_sharp_v(k), go_sharp_v(v))).collect();
            entries.shared_sort();
            let entries: Vec<String> = entries.into_iter().map(|(k, v)| format!("{k}:{v}")).collect();
            format!("map[interface {{}}]interface {{}}{{{}}}", entries.join(", "))
        }
        serde_yaml::Value::Tagged(tagged) => go_sharp_v(&tagged.value),
    }
}

/// Go's `strconv.FormatFloat` of a value JSON cannot hold: `+Inf`, `-Inf`, `NaN`.
fn go_float_special(f: f64) -> &'static str {
    if f.is_nan() {
        "NaN"
    } else if f > 0.0 {
        "+Inf"
    } else {
        "-Inf"
    }
}

/// Converts YAML to JSON as kubectl's `yaml.YAMLToJSON` does (keys become strings).
pub fn yaml_to_json(value: &serde_yaml::Value) -> Result<serde_json::Value, String> {
    Ok(match value {
        serde_yaml::Value::Null => serde_json::Value::Null,
        serde_yaml::Value::Bool(b) => serde_json::Value::Bool(*b),
        serde_yaml::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                serde_json::Value::from(i)
            } else if let Some(u) = n.as_u64() {
                serde_json::Value::from(u)
            } else {
                let f = n.as_f64().unwrap_or(0.0);
                if f.is_finite() {
                    if f.fract() == 0.0 && f.abs() < 9.0e15 {
                        serde_json::Value::from(f as i64)
                    } else {
                        serde_json::Number::from_f64(f).map(serde_json::Value::Number).unwrap_or(serde_json::Value::Null)
                    }
                } else {
                    return Err(format!("json: unsupported value: {}", go_float_special(f)));
                }
            }
        }
        serde_yaml::Value::String(s) => serde_json::Value::String(s.clone()),
        serde_yaml::Value::Sequence(items) => serde_json::Value::Array(items.iter().map(yaml_to_json).collect::<Result<_, _>>()?),
        serde_yaml::Value::Mapping(map) => {
            let mut object = serde_json::Map::new();
            for (key, value) in map {
                let key = match key {
                    serde_yaml::Value::String(s) => s.clone(),
                    serde_yaml::Value::Number(n) => go_number(n),
                    serde_yaml::Value::Bool(b) => b.to_string(),
                    serde_yaml::Value::Null => "null".to_string(),
                    other => return Err(format!("yaml: invalid map key: {}", go_sharp_v(other))),
                };
                object.insert(key, yaml_to_json(value)?);
            }
            serde_json::Value::Object(object)
        }
        serde_yaml::Value::Tagged(tagged) => yaml_to_json(&tagged.value)?,
    })
}

/// Renders JSON as kubectl's YAML printer does: keys sorted, two-space indents, block style.
pub fn to_yaml(value: &serde_json::Value) -> String {
    let mut out = String::new();
    write_yaml(value, 0, &mut out, false);
    out
}

fn write_yaml(value: &serde_json::Value, indent: usize, out: &mut String, in_seq: bool) {
    let pad = " ".repeat(indent);
    match value {
        serde_json::Value::Object(map) if !map.is_empty() => {
            let mut first = true;
            for (key, child) in map {
                if !(first && in_seq) {
                    out.push_str(&pad);
                }
                first = false;
                out.push_str(&yaml_key(key));
                out.push(':');
                match child {
                    serde_json::Value::Object(m) if !m.is_empty() => {
                        out.push('\n');
                        write_yaml(child, indent + 2, out, false);
                    }
                    serde_json::Value::Array(a) if !a.is_empty() => {
                        out.push('\n');
                        write_yaml(child, indent, out, false);
                    }
                    _ => {
                        out.push(' ');
                        let column = indent + yaml_key(key).chars().count() + 2;
                        out.push_str(&scalar(child, indent + 2, column));
                        out.push('\n');
                    }
                }
            }
        }
        serde_json::Value::Array(items) if !items.is_empty() => {
            for item in items {
                out.push_str(&pad);
                out.push_str("- ");
                match item {
                    serde_json::Value::Object(m) if !m.is_empty() => write_yaml(item, indent + 2, out, true),
                    serde_json::Value::Array(a) if !a.is_empty() => {
                        out.push('\n');
                        write_yaml(item, indent + 2, out, false);
                    }
                    _ => {
                        out.push_str(&scalar(item, indent + 2, indent + 2));
                        out.push('\n');
                    }
                }
            }
        }
        other => {
            out.push_str(&pad);
            out.push_str(&scalar(other, indent, indent));
            out.push('\n');
        }
    }
}

/// A mapping key as go-yaml writes it: plain, quoted, never folded (a simple key).
fn yaml_key(key: &str) -> String {
    emitter::write(key, emitter::style(key, true), true, 0, 0)
}

/// A scalar value starting at `column`; folded and block lines are indented by `indent`.
/// Strings take go-yaml v2's style (see `emitter`): double quotes for text that would read as
/// another type or needs escapes, single quotes for text that merely cannot be plain
/// (`'containers with unready status: [app]'`), a `|` block for several lines.
fn scalar(value: &serde_json::Value, indent: usize, column: usize) -> String {
    match value {
        serde_json::Value::Null => "null".to_string(),
        serde_json::Value::Bool(b) => b.to_string(),
        serde_json::Value::Number(n) => n.to_string(),
        serde_json::Value::Object(_) => "{}".to_string(),
        serde_json::Value::Array(_) => "[]".to_string(),
        serde_json::Value::String(s) => match emitter::style(s, false) {
            emitter::Style::Literal => literal(s, indent),
            style => emitter::write(s, style, false, indent, column),
        },
    }
}

/// A `|` block: an indentation indicator when the text starts with a space or a break, `-`
/// when it does not end with a break, `+` when it ends with more than one (or is only one).
/// Mirrors yaml_emitter_write_literal_scalar and yaml_emitter_write_block_scalar_hints
/// (go-yaml v2 emitterc.go).
fn literal(text: &str, indent: usize) -> String {
    let mut header = String::from("|");
    if text.starts_with([' ', '\n']) {
        header.push('2');
    }
    if !text.ends_with('\n') {
        header.push('-');
    } else if text == "\n" || text.ends_with("\n\n") {
        header.push('+');
    }
    let pad = " ".repeat(indent);
    let content = text.strip_suffix('\n').unwrap_or(text);
    let body: Vec<String> = content.split('\n').map(|l| if l.is_empty() { String::new() } else { format!("{pad}{l}") }).collect();
    format!("{header}\n{}", body.join("\n"))
}

