//! The apiserver's write path for NetworkPolicies: `SetDefaults_NetworkPolicy` and
//! `SetDefaults_NetworkPolicyPort` (pkg/apis/networking/v1/defaults.go), then
//! `ValidateNetworkPolicy` (pkg/apis/networking/validation/validation.go). Enforcement is in
//! `engine::network_policy`; no controller acts on the objects.

use std::rc::Rc;

use crate::engine::api::intstr::IntOrString;
use crate::engine::api::network_policy::{Cidr, IpBlock, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort};
use crate::engine::api::selector::LabelSelector;
use crate::engine::api::validation::{self, FieldError};
use crate::engine::error::ApiError;
use crate::engine::store::{Key, Kind};
use crate::engine::Cluster;

/// NetworkPolicy create: defaults, validation, stored with generation 1.
#[inline(never)]
pub fn create(cluster: &mut Cluster, mut policy: NetworkPolicy) -> Result<Rc<NetworkPolicy>, ApiError> {
    crate::engine::apiserver::ensure_namespace(cluster, Kind::NetworkPolicy, &policy.metadata.name, policy.metadata.ns())?;
    set_defaults(&mut policy);
    let errors = validate(&policy);
    if !errors.is_empty() {
        return Err(ApiError::invalid("NetworkPolicy", &policy.metadata.name, errors));
    }
    let now = cluster.time();
    cluster.store.create(policy, now, &mut cluster.rng)
}

/// NetworkPolicy update: defaults and validation again (the generation goes up when the spec
/// changes, as the registry's `PrepareForUpdate`).
pub fn update(cluster: &mut Cluster, mut policy: NetworkPolicy) -> Result<Rc<NetworkPolicy>, ApiError> {
    if cluster.store.get::<NetworkPolicy>(&Key::of(&policy.metadata, true)).is_none() {
        return Err(ApiError::not_found(Kind::NetworkPolicy, &policy.metadata.name));
    }
    set_defaults(&mut policy);
    let errors = validate(&policy);
    if !errors.is_empty() {
        return Err(ApiError::invalid("NetworkPolicy", &policy.metadata.name, errors));
    }
    cluster.store.update(policy)
}

/// Mirrors `SetDefaults_NetworkPolicy` and `SetDefaults_NetworkPolicyPort`: without policy
/// types, `[Ingress]`, plus `Egress` when egress rules are present; each port's protocol TCP.
pub fn set_defaults(policy: &mut NetworkPolicy) {
    let spec = &mut policy.spec;
    if spec.policy_types.is_empty() {
        spec.policy_types.push("Ingress".into());
        if !spec.egress.is_empty() {
            spec.policy_types.push("Egress".into());
        }
    }
    let ports = spec.ingress.iter_mut().flat_map(|r| r.ports.iter_mut()).chain(spec.egress.iter_mut().flat_map(|r| r.ports.iter_mut()));
    for port in ports {
        if port.protocol.is_none() {
            port.protocol = Some("TCP".into());
        }
    }
}

/// Mirrors `ValidateNetworkPolicy`: the name (a DNS subdomain), the pod selector, each rule's
/// ports and peers, the policy types.
pub fn validate(policy: &NetworkPolicy) -> Vec<FieldError> {
    let mut errors = Vec::new();
    validation::validate_name(&policy.metadata, false, &mut errors);
    let spec = &policy.spec;
    validate_label_selector(&spec.pod_selector, "spec.podSelector", &mut errors);
    for (i, rule) in spec.ingress.iter().enumerate() {
        for (p, port) in rule.ports.iter().enumerate() {
            validate_port(port, &format!("spec.ingress[{i}].ports[{p}]"), &mut errors);
        }
        for (f, peer) in rule.from.iter().enumerate() {
            validate_peer(peer, &format!("spec.ingress[{i}].from[{f}]"), &mut errors);
        }
    }
    for (i, rule) in spec.egress.iter().enumerate() {
        for (p, port) in rule.ports.iter().enumerate() {
            validate_port(port, &format!("spec.egress[{i}].ports[{p}]"), &mut errors);
        }
        for (t, peer) in rule.to.iter().enumerate() {
            validate_peer(peer, &format!("spec.egress[{i}].to[{t}]"), &mut errors);
        }
    }
    if spec.policy_types.len() > 2 {
        let values = spec.policy_types.iter().map(|t| format!("{t:?}")).collect::<Vec<_>>().join(", ");
        errors.push(FieldError::invalid("spec.policyTypes", &format!("[]networking.PolicyType{{{values}}}"), "may not specify more than two policyTypes"));
        return errors;
    }
    for (i, policy_type) in spec.policy_types.iter().enumerate() {
        if policy_type != "Ingress" && policy_type != "Egress" {
            errors.push(FieldError::unsupported(&format!("spec.policyTypes[{i}]"), policy_type, &["Ingress", "Egress"]));
        }
    }
    errors
}

/// Mirrors `ValidateNetworkPolicyPort`: TCP, UDP or SCTP; a port number in 1..65535 (with an
/// `endPort` not below it) or a valid port name (without `endPort`).
fn validate_port(port: &NetworkPolicyPort, field: &str, errors: &mut Vec<FieldError>) {
    if let Some(protocol) = port.protocol.as_deref().filter(|p| !matches!(*p, "TCP" | "UDP" | "SCTP")) {
        errors.push(FieldError::unsupported(&format!("{field}.protocol"), protocol, &["TCP", "UDP", "SCTP"]));
    }
    let end_field = format!("{field}.endPort");
    match (&port.port, port.end_port) {
        (Some(IntOrString::Int(number)), end_port) => {
            if !(1..=65535).contains(number) {
                errors.push(FieldError::invalid(&format!("{field}.port"), &number.to_string(), "must be between 1 and 65535, inclusive"));
            }
            if let Some(end_port) = end_port {
                if end_port < *number {
                    errors.push(FieldError::invalid(&end_field, &end_port.to_string(), "must be greater than or equal to `port`"));
                }
                if !(1..=65535).contains(&end_port) {
                    errors.push(FieldError::invalid(&end_field, &end_port.to_string(), "must be between 1 and 65535, inclusive"));
                }
            }
        }
        (Some(IntOrString::Str(name)), end_port) => {
            if let Some(end_port) = end_port {
                errors.push(FieldError::invalid(&end_field, &end_port.to_string(), "may not be specified when `port` is non-numeric"));
            }
            for message in port_name_errors(name) {
                errors.push(FieldError::invalid(&format!("{field}.port"), &format!("{name:?}"), message));
            }
        }
        (None, Some(end_port)) => errors.push(FieldError::invalid(&end_field, &end_port.to_string(), "may not be specified when `port` is not specified")),
        (None, None) => {}
    }
}

/// Mirrors `validation.IsValidPortName` (k8s.io/apimachinery/pkg/util/validation): an IANA
/// service name, at most 15 lower-case letters, digits and single inner hyphens, with a letter.
fn port_name_errors(name: &str) -> Vec<&'static str> {
    let mut messages = Vec::new();
    if name.len() > 15 {
        messages.push("must be no more than 15 characters");
    }
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        messages.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    } else if !name.bytes().any(|b| b.is_ascii_lowercase()) {
        messages.push("must contain at least one letter (a-z)");
    }
    if name.contains("--") {
        messages.push("must not contain consecutive hyphens");
    }
    if name.starts_with('-') || name.ends_with('-') {
        messages.push("must not begin or end with a hyphen");
    }
    messages
}

/// Mirrors `ValidateNetworkPolicyPeer`: at least one of the three, and an IP block alone.
fn validate_peer(peer: &NetworkPolicyPeer, field: &str, errors: &mut Vec<FieldError>) {
    let mut n_peers = 0;
    if let Some(selector) = &peer.pod_selector {
        n_peers += 1;
        validate_label_selector(selector, &format!("{field}.podSelector"), errors);
    }
    if let Some(selector) = &peer.namespace_selector {
        n_peers += 1;
        validate_label_selector(selector, &format!("{field}.namespaceSelector"), errors);
    }
    if let Some(block) = &peer.ip_block {
        n_peers += 1;
        validate_ip_block(block, &format!("{field}.ipBlock"), errors);
    }
    if n_peers == 0 {
        errors.push(FieldError { field: field.to_string(), message: "Required value: must specify a peer".into() });
    } else if n_peers > 1 && peer.ip_block.is_some() {
        errors.push(FieldError::forbidden(field, "may not specify both ipBlock and another peer"));
    }
}

/// Mirrors `ValidateIPBlock` (1.32, with `IsValidCIDR`): a CIDR, and each `except` a CIDR
/// strictly inside it.
fn validate_ip_block(block: &IpBlock, field: &str, errors: &mut Vec<FieldError>) {
    const CIDR_MSG: &str = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";
    if block.cidr.is_empty() {
        errors.push(FieldError::required(&format!("{field}.cidr")));
        return;
    }
    let Some(cidr) = Cidr::parse(&block.cidr) else {
        errors.push(FieldError::invalid(&format!("{field}.cidr"), &format!("{:?}", block.cidr), CIDR_MSG));
        return;
    };
    for (i, text) in block.except.iter().enumerate() {
        let except_field = format!("{field}.except[{i}]");
        let Some(except) = Cidr::parse(text) else {
            errors.push(FieldError::invalid(&except_field, &format!("{text:?}"), CIDR_MSG));
            continue;
        };
        if !cidr.contains(except.network) || cidr.prefix >= except.prefix {
            errors.push(FieldError::invalid(&except_field, &format!("{text:?}"), "must be a strict subset of `cidr`"));
        }
    }
}

/// Mirrors `ValidateLabelSelector` (apimachinery's meta/v1/validation) without invalid label
/// values allowed: the match labels, each expression's operator, values and key.
pub fn validate_label_selector(selector: &LabelSelector, field: &str, errors: &mut Vec<FieldError>) {
    validation::validate_labels(&selector.match_labels, &format!("{field}.matchLabels"), errors);
    for (i, requirement) in selector.match_expressions.iter().enumerate() {
        let path = format!("{field}.matchExpressions[{i}]");
        match requirement.operator.as_str() {
            "In" | "NotIn" if requirement.values.is_empty() => {
                errors.push(FieldError { field: format!("{path}.values"), message: "Required value: must be specified when `operator` is 'In' or 'NotIn'".into() });
            }
            "Exists" | "DoesNotExist" if !requirement.values.is_empty() => {
                errors.push(FieldError::forbidden(&format!("{path}.values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
            }
            "In" | "NotIn" | "Exists" | "DoesNotExist" => {}
            other => errors.push(FieldError::invalid(&format!("{path}.operator"), &format!("{other:?}"), "not a valid selector operator")),
        }
        if crate::engine::api::selector::validate_label_key(&requirement.key).is_err() {
            errors.push(FieldError::invalid(&format!("{path}.key"), &format!("{:?}", requirement.key), validation::LABEL_NAME_MSG));
        }
        for (v, value) in requirement.values.iter().enumerate() {
            if crate::engine::api::selector::validate_label_value(value).is_err() {
                errors.push(FieldError::invalid(&format!("{path}.values[{v}]"), &format!("{value:?}"), validation::LABEL_VALUE_MSG));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_names_follow_is_valid_port_name() {
        assert!(port_name_errors("http").is_empty());
        assert!(port_name_errors("web-8080").is_empty());
        assert_eq!(port_name_errors("8080"), ["must contain at least one letter (a-z)"]);
        assert_eq!(port_name_errors("Http"), ["must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"]);
        assert_eq!(port_name_errors("a--b"), ["must not contain consecutive hyphens"]);
        assert_eq!(port_name_errors("-ab"), ["must not begin or end with a hyphen"]);
        assert_eq!(port_name_errors("abcdefghijklmnop"), ["must be no more than 15 characters"]);
    }

    #[test]
    fn policy_types_default_as_the_apiserver() {
        let mut policy = NetworkPolicy::default();
        set_defaults(&mut policy);
        assert_eq!(policy.spec.policy_types, ["Ingress"]);
        let mut policy = NetworkPolicy::default();
        policy.spec.egress.push(Default::default());
        set_defaults(&mut policy);
        assert_eq!(policy.spec.policy_types, ["Ingress", "Egress"]);
        let mut policy = NetworkPolicy::default();
        policy.spec.policy_types = vec!["Egress".into()];
        set_defaults(&mut policy);
        assert_eq!(policy.spec.policy_types, ["Egress"]);
    }
}
