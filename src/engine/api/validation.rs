//! Validation that rejects what the real apiserver rejects, with its `field.Error` texts.

use std::collections::BTreeMap;

use crate::engine::api::core::Service;
use crate::engine::api::deployment::{Deployment, ReplicaSet};
use crate::engine::api::intstr::IntOrString;
use crate::engine::api::job::{Job, CONTROLLER_UID_LABEL, JOB_NAME_LABEL, LEGACY_CONTROLLER_UID_LABEL, LEGACY_JOB_NAME_LABEL};
use crate::engine::api::meta::ObjectMeta;
use crate::engine::api::pod::{PodSpec, PodTemplateSpec};
use crate::engine::api::selector::LabelSelector;

/// The largest replica count one workload may ask for in kubeplay (a browser holds ~200k pods).
pub const MAX_REPLICAS: i32 = 200_000;

/// One `field.Error`: `path: Type: detail`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    /// The message after the field, e.g. `Required value` or `Invalid value: -1: must be ...`.
    pub message: String,
}

impl FieldError {
    pub fn required(field: &str) -> FieldError {
        FieldError { field: field.to_string(), message: "Required value".to_string() }
    }

    pub fn invalid(field: &str, value: &str, detail: &str) -> FieldError {
        FieldError { field: field.to_string(), message: format!("Invalid value: {value}: {detail}") }
    }

    pub fn forbidden(field: &str, detail: &str) -> FieldError {
        FieldError { field: field.to_string(), message: format!("Forbidden: {detail}") }
    }

    pub fn unsupported(field: &str, value: &str, supported: &[&str]) -> FieldError {
        let list = supported.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", ");
        FieldError { field: field.to_string(), message: format!("Unsupported value: \"{value}\": supported values: {list}") }
    }

    pub fn text(&self) -> String {
        format!("{}: {}", self.field, self.message)
    }
}

/// Go's `%#v` of a `map[string]string`, as validation messages print label maps.
pub fn go_map(labels: &BTreeMap<String, String>) -> String {
    let body = labels.iter().map(|(k, v)| format!("{k:?}:{v:?}")).collect::<Vec<_>>().join(", ");
    format!("map[string]string{{{body}}}")
}

pub const DNS1123_SUBDOMAIN_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1123_LABEL_MSG: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
pub const DNS1035_LABEL_MSG: &str = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

pub fn is_dns1123_label(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 63
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-')
}

pub fn is_dns1123_subdomain(name: &str) -> bool {
    name.len() <= 253 && name.split('.').all(is_dns1123_label)
}

pub fn is_dns1035_label(name: &str) -> bool {
    is_dns1123_label(name) && name.starts_with(|c: char| c.is_ascii_lowercase())
}

/// `metadata.name` must be a DNS-1123 subdomain (Services: a DNS-1035 label).
pub fn validate_name(meta: &ObjectMeta, dns1035: bool, errors: &mut Vec<FieldError>) {
    if meta.name.is_empty() {
        if meta.generate_name.is_none() {
            errors.push(FieldError::required("metadata.name"));
        }
        return;
    }
    if dns1035 {
        if !is_dns1035_label(&meta.name) {
            errors.push(FieldError::invalid("metadata.name", &format!("{:?}", meta.name), DNS1035_LABEL_MSG));
        }
    } else if !is_dns1123_subdomain(&meta.name) {
        errors.push(FieldError::invalid("metadata.name", &format!("{:?}", meta.name), DNS1123_SUBDOMAIN_MSG));
    }
    validate_labels(&meta.labels, "metadata.labels", errors);
}

/// `metadata.name` of a Namespace must be a DNS-1123 label, not a subdomain. Mirrors
/// `ValidateObjectMeta` with `ValidateNamespaceName` (NameIsDNSLabel) as `ValidateNamespace`
/// (pkg/apis/core/validation/validation.go) calls it.
pub fn validate_namespace_name(meta: &ObjectMeta, errors: &mut Vec<FieldError>) {
    if meta.name.is_empty() {
        if meta.generate_name.is_none() {
            errors.push(FieldError::required("metadata.name"));
        }
        return;
    }
    if !is_dns1123_label(&meta.name) {
        errors.push(FieldError::invalid("metadata.name", &format!("{:?}", meta.name), DNS1123_LABEL_MSG));
    }
    validate_labels(&meta.labels, "metadata.labels", errors);
}

/// `IsQualifiedName`'s message for a bad name part.
pub const LABEL_NAME_MSG: &str = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

/// `IsValidLabelValue`'s message.
pub const LABEL_VALUE_MSG: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/// Mirrors `ValidateLabels`: each key a qualified name, each value a label value.
pub(crate) fn validate_labels(labels: &BTreeMap<String, String>, field: &str, errors: &mut Vec<FieldError>) {
    for (key, value) in labels {
        if crate::engine::api::selector::validate_label_key(key).is_err() {
            errors.push(FieldError::invalid(field, &format!("{key:?}"), LABEL_NAME_MSG));
        }
        if crate::engine::api::selector::validate_label_value(value).is_err() {
            errors.push(FieldError::invalid(field, &format!("{value:?}"), LABEL_VALUE_MSG));
        }
    }
}

fn validate_replicas(replicas: Option<i32>, field: &str, errors: &mut Vec<FieldError>) {
    if let Some(replicas) = replicas {
        if replicas < 0 {
            errors.push(FieldError::invalid(field, &replicas.to_string(), "must be greater than or equal to 0"));
        }
    }
}

pub(crate) fn validate_selector_and_template(
    selector: Option<&LabelSelector>,
    template: &PodTemplateSpec,
    kind_allows_empty: bool,
    errors: &mut Vec<FieldError>,
) {
    match selector {
        None => errors.push(FieldError::required("spec.selector")),
        Some(selector) if selector.is_empty() && !kind_allows_empty => errors.push(FieldError::invalid(
            "spec.selector",
            "v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}",
            "empty selector is invalid for deployment",
        )),
        Some(selector) => {
            if let Err(message) = selector.to_selector() {
                errors.push(FieldError::invalid("spec.selector.matchExpressions[0].operator", "\"\"", &message));
            } else if !selector.matches(&template.metadata.labels) {
                errors.push(FieldError::invalid(
                    "spec.template.metadata.labels",
                    &go_map(&template.metadata.labels),
                    "`selector` does not match template `labels`",
                ));
            }
        }
    }
}

/// Mirrors `ValidatePodSpec` for the parts kubeplay simulates: containers, names, images, ports.
pub fn validate_pod_spec(spec: &PodSpec, field: &str, template: bool, errors: &mut Vec<FieldError>) {
    if spec.containers.is_empty() {
        errors.push(FieldError::required(&format!("{field}.containers")));
    }
    let mut seen = std::collections::BTreeSet::new();
    for (index, container) in spec.containers.iter().enumerate() {
        let path = format!("{field}.containers[{index}]");
        if container.name.is_empty() {
            errors.push(FieldError::required(&format!("{path}.name")));
        } else if !is_dns1123_label(&container.name) {
            errors.push(FieldError::invalid(&format!("{path}.name"), &format!("{:?}", container.name), DNS1123_LABEL_MSG));
        } else if !seen.insert(container.name.clone()) {
            errors.push(FieldError { field: format!("{path}.name"), message: format!("Duplicate value: {:?}", container.name) });
        }
        if container.image.as_deref().unwrap_or("").trim().is_empty() {
            errors.push(FieldError::required(&format!("{path}.image")));
        }
        if let Some(resources) = &container.resources {
            validate_resource_requirements(resources, &format!("{path}.resources"), errors);
        }
        for (port_index, port) in container.ports.iter().enumerate() {
            if !(1..=65535).contains(&port.container_port) {
                errors.push(FieldError::invalid(
                    &format!("{path}.ports[{port_index}].containerPort"),
                    &port.container_port.to_string(),
                    "must be between 1 and 65535, inclusive",
                ));
            }
        }
    }
    if let Some(policy) = &spec.restart_policy {
        if template && policy != "Always" {
            errors.push(FieldError::unsupported(&format!("{field}.restartPolicy"), policy, &["Always"]));
        } else if !["Always", "OnFailure", "Never"].contains(&policy.as_str()) {
            errors.push(FieldError::unsupported(&format!("{field}.restartPolicy"), policy, &["Always", "OnFailure", "Never"]));
        }
    }
}

/// Mirrors `ValidateResourceRequirements`' check that a request is at most its limit.
fn validate_resource_requirements(resources: &crate::engine::api::pod::ResourceRequirements, path: &str, errors: &mut Vec<FieldError>) {
    use crate::engine::api::quantity::Quantity;
    for (name, value) in &resources.requests {
        let (Some(request), Some(limit)) = (Quantity::from_json(value), resources.limits.get(name).and_then(Quantity::from_json)) else { continue };
        if request > limit {
            errors.push(FieldError::invalid(&format!("{path}.requests"), &format!("\"{request}\""), &format!("must be less than or equal to {name} limit of {limit}")));
        }
    }
}

pub(crate) fn validate_int_or_percent(value: &IntOrString, field: &str, errors: &mut Vec<FieldError>) -> Option<i64> {
    match value {
        IntOrString::Int(number) => {
            if *number < 0 {
                errors.push(FieldError::invalid(field, &number.to_string(), "must be greater than or equal to 0"));
                None
            } else {
                Some(i64::from(*number))
            }
        }
        IntOrString::Str(text) => {
            let number = text.strip_suffix('%').and_then(|n| n.parse::<i64>().ok());
            match number {
                None => {
                    errors.push(FieldError::invalid(field, &format!("{text:?}"), "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
                    None
                }
                Some(percent) if percent > 100 => {
                    errors.push(FieldError::invalid(field, &format!("{text:?}"), "must not be greater than 100%"));
                    None
                }
                Some(percent) => Some(percent),
            }
        }
    }
}

/// Mirrors `ValidateDeployment` (apps validation): the rules a learner trips over.
pub fn validate_deployment(deployment: &Deployment) -> Vec<FieldError> {
    let mut errors = Vec::new();
    validate_name(&deployment.metadata, false, &mut errors);
    let spec = &deployment.spec;
    validate_replicas(spec.replicas, "spec.replicas", &mut errors);
    if let Some(replicas) = spec.replicas {
        if replicas > MAX_REPLICAS {
            errors.push(FieldError::invalid("spec.replicas", &replicas.to_string(), &format!("must be less than or equal to {MAX_REPLICAS} in kubeplay")));
        }
    }
    validate_selector_and_template(spec.selector.as_ref(), &spec.template, false, &mut errors);
    validate_pod_spec(&spec.template.spec, "spec.template.spec", true, &mut errors);
    let strategy_type = spec.strategy.type_.as_deref().unwrap_or("RollingUpdate");
    match strategy_type {
        "Recreate" => {
            if spec.strategy.rolling_update.is_some() {
                errors.push(FieldError::forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"));
            }
        }
        "RollingUpdate" => {
            if let Some(rolling) = &spec.strategy.rolling_update {
                let unavailable = rolling
                    .max_unavailable
                    .as_ref()
                    .and_then(|v| validate_int_or_percent(v, "spec.strategy.rollingUpdate.maxUnavailable", &mut errors));
                let surge = rolling
                    .max_surge
                    .as_ref()
                    .and_then(|v| validate_int_or_percent(v, "spec.strategy.rollingUpdate.maxSurge", &mut errors));
                if unavailable == Some(0) && surge == Some(0) {
                    let shown = rolling.max_unavailable.as_ref().map(display_go).unwrap_or_default();
                    errors.push(FieldError::invalid("spec.strategy.rollingUpdate.maxUnavailable", &shown, "may not be 0 when `maxSurge` is 0"));
                }
            }
        }
        other => errors.push(FieldError::unsupported("spec.strategy.type", other, &["Recreate", "RollingUpdate"])),
    }
    if let Some(limit) = spec.revision_history_limit {
        if limit < 0 {
            errors.push(FieldError::invalid("spec.revisionHistoryLimit", &limit.to_string(), "must be greater than or equal to 0"));
        }
    }
    let min_ready = spec.min_ready_seconds.unwrap_or(0);
    if min_ready < 0 {
        errors.push(FieldError::invalid("spec.minReadySeconds", &min_ready.to_string(), "must be greater than or equal to 0"));
    }
    if let Some(deadline) = spec.progress_deadline_seconds {
        if deadline < 0 {
            errors.push(FieldError::invalid("spec.progressDeadlineSeconds", &deadline.to_string(), "must be greater than or equal to 0"));
        } else if deadline <= min_ready {
            errors.push(FieldError::invalid("spec.progressDeadlineSeconds", &deadline.to_string(), "must be greater than minReadySeconds"));
        }
    }
    errors
}

pub(crate) fn display_go(value: &IntOrString) -> String {
    match value {
        IntOrString::Int(n) => n.to_string(),
        IntOrString::Str(s) => format!("{s:?}"),
    }
}

/// Mirrors `ValidateReplicaSet`.
pub fn validate_replica_set(replica_set: &ReplicaSet) -> Vec<FieldError> {
    let mut errors = Vec::new();
    validate_name(&replica_set.metadata, false, &mut errors);
    validate_replicas(replica_set.spec.replicas, "spec.replicas", &mut errors);
    if replica_set.spec.replicas.unwrap_or(1) > MAX_REPLICAS {
        errors.push(FieldError::invalid("spec.replicas", &replica_set.replicas().to_string(), &format!("must be less than or equal to {MAX_REPLICAS} in kubeplay")));
    }
    validate_selector_and_template(replica_set.spec.selector.as_ref(), &replica_set.spec.template, false, &mut errors);
    validate_pod_spec(&replica_set.spec.template.spec, "spec.template.spec", true, &mut errors);
    errors
}

/// Mirrors `ValidateJob` (pkg/apis/batch/validation/validation.go) for what kubeplay simulates:
/// the name, `ValidateGeneratedSelector`, the counts (`ValidateNonnegativeField`), the
/// completion mode, the selector against the template, the pod template with restartPolicy
/// OnFailure or Never.
pub fn validate_job(job: &Job) -> Vec<FieldError> {
    let mut errors = Vec::new();
    validate_name(&job.metadata, false, &mut errors);
    let spec = &job.spec;
    if spec.manual_selector != Some(true) {
        if let Some(selector) = &spec.selector {
            let labels = &job.spec.template.metadata.labels;
            for (key, want) in [(LEGACY_CONTROLLER_UID_LABEL, &job.metadata.uid), (LEGACY_JOB_NAME_LABEL, &job.metadata.name), (CONTROLLER_UID_LABEL, &job.metadata.uid), (JOB_NAME_LABEL, &job.metadata.name)] {
                match labels.get(key) {
                    None => errors.push(FieldError { field: format!("spec.template.metadata.labels"), message: format!("Required value: must be '{want}'") }),
                    Some(value) if value != want => errors.push(FieldError::invalid("spec.template.metadata.labels", &format!("{value:?}"), &format!("must be '{want}'"))),
                    Some(_) => {}
                }
            }
            let expected: BTreeMap<String, String> = [(CONTROLLER_UID_LABEL.to_string(), job.metadata.uid.to_string())].into();
            if !selector.matches(&expected) {
                errors.push(FieldError::invalid(
                    "spec.selector",
                    &format!("v1.LabelSelector{{MatchLabels:{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}}", go_map(&selector.match_labels)),
                    "`selector` not auto-generated",
                ));
            }
        }
    }
    for (field, value) in [("spec.parallelism", spec.parallelism), ("spec.completions", spec.completions), ("spec.backoffLimit", spec.backoff_limit)] {
        if let Some(value) = value.filter(|v| *v < 0) {
            errors.push(FieldError::invalid(field, &value.to_string(), "must be greater than or equal to 0"));
        }
    }
    // As for ReplicaSets: a browser holds so many pods at most.
    if let Some(parallelism) = spec.parallelism.filter(|p| *p > MAX_REPLICAS) {
        errors.push(FieldError::invalid("spec.parallelism", &parallelism.to_string(), &format!("must be less than or equal to {MAX_REPLICAS} in kubeplay")));
    }
    if let Some(ttl) = spec.ttl_seconds_after_finished.filter(|t| *t < 0) {
        errors.push(FieldError::invalid("spec.ttlSecondsAfterFinished", &ttl.to_string(), "must be greater than or equal to 0"));
    }
    if let Some(seconds) = spec.active_deadline_seconds.filter(|s| *s <= 0) {
        errors.push(FieldError::invalid("spec.activeDeadlineSeconds", &seconds.to_string(), "must be greater than 0"));
    }
    if let Some(mode) = spec.completion_mode.as_deref() {
        if mode != "NonIndexed" && mode != "Indexed" {
            errors.push(FieldError::unsupported("spec.completionMode", mode, &["NonIndexed", "Indexed"]));
        }
    }
    match &spec.selector {
        None => errors.push(FieldError::required("spec.selector")),
        Some(selector) if selector.matches(&spec.template.metadata.labels) => {}
        Some(_) => errors.push(FieldError::invalid("spec.template.metadata.labels", &go_map(&spec.template.metadata.labels), "`selector` does not match template `labels`")),
    }
    validate_pod_spec(&spec.template.spec, "spec.template.spec", false, &mut errors);
    let policy = spec.template.spec.restart_policy.as_deref().unwrap_or("");
    if policy != "OnFailure" && policy != "Never" {
        errors.push(FieldError::unsupported("spec.template.spec.restartPolicy", policy, &["OnFailure", "Never"]));
    }
    if let Some(failure_policy) = &spec.pod_failure_policy {
        if policy == "OnFailure" {
            errors.push(FieldError::invalid("spec.template.spec.restartPolicy", &format!("{policy:?}"), "only \"Never\" is supported when podFailurePolicy is specified"));
        }
        validate_pod_failure_policy_actions(failure_policy, spec.backoff_limit_per_index.is_some(), &mut errors);
    }
    errors
}

/// The actions of `validatePodFailurePolicyRule`: one of Count, FailIndex (with
/// backoffLimitPerIndex), FailJob, Ignore.
fn validate_pod_failure_policy_actions(policy: &serde_json::Value, per_index: bool, errors: &mut Vec<FieldError>) {
    const ACTIONS: [&str; 4] = ["Count", "FailIndex", "FailJob", "Ignore"];
    let rules = policy.get("rules").and_then(|r| r.as_array()).map(Vec::as_slice).unwrap_or_default();
    for (index, rule) in rules.iter().enumerate() {
        let field = format!("spec.podFailurePolicy.rules[{index}].action");
        match rule.get("action").and_then(|a| a.as_str()).unwrap_or("") {
            "" => errors.push(FieldError { field, message: format!("Required value: valid values: [{}]", ACTIONS.map(|a| format!("{a:?}")).join(" ")) }),
            "FailIndex" if !per_index => errors.push(FieldError::invalid(&field, "\"FailIndex\"", "requires the backoffLimitPerIndex to be set")),
            action if !ACTIONS.contains(&action) => errors.push(FieldError::unsupported(&field, action, &ACTIONS)),
            _ => {}
        }
    }
}

/// Mirrors `ValidateService` for ports and types.
pub fn validate_service(service: &Service) -> Vec<FieldError> {
    let mut errors = Vec::new();
    validate_name(&service.metadata, true, &mut errors);
    let type_ = service.spec.type_.as_deref().unwrap_or("ClusterIP");
    if !["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"].contains(&type_) {
        errors.push(FieldError::unsupported("spec.type", type_, &["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]));
    }
    if type_ != "ExternalName" && service.spec.ports.is_empty() && service.spec.cluster_ip.as_deref() != Some("None") {
        errors.push(FieldError::required("spec.ports"));
    }
    for (index, port) in service.spec.ports.iter().enumerate() {
        if !(1..=65535).contains(&port.port) {
            errors.push(FieldError::invalid(&format!("spec.ports[{index}].port"), &port.port.to_string(), "must be between 1 and 65535, inclusive"));
        }
        if let Some(node_port) = port.node_port {
            if type_ == "ClusterIP" && node_port != 0 {
                errors.push(FieldError::forbidden(&format!("spec.ports[{index}].nodePort"), "may not be used when `type` is 'ClusterIP'"));
            } else if !(30000..=32767).contains(&node_port) && node_port != 0 {
                errors.push(FieldError::invalid(&format!("spec.ports[{index}].nodePort"), &node_port.to_string(), "provided port is not in the valid range. The range of valid ports is 30000-32767"));
            }
        }
    }
    if service.spec.ports.len() > 1 {
        for (index, port) in service.spec.ports.iter().enumerate() {
            if port.name.as_deref().unwrap_or("").is_empty() {
                errors.push(FieldError::required(&format!("spec.ports[{index}].name")));
            }
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_dns_rules() {
        assert!(is_dns1123_subdomain("nginx-deployment"));
        assert!(is_dns1123_subdomain("a.b-c"));
        assert!(!is_dns1123_subdomain("Web"));
        assert!(!is_dns1123_label("-x"));
        assert!(is_dns1035_label("web"));
        assert!(!is_dns1035_label("1web"));
    }

    #[test]
    fn go_map_prints_like_fmt_sharp_v() {
        let labels: BTreeMap<String, String> = [("app".to_string(), "nginx-other".to_string())].into();
        assert_eq!(go_map(&labels), r#"map[string]string{"app":"nginx-other"}"#);
    }
}
