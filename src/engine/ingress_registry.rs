//! The apiserver's write path for Ingresses and IngressClasses: the DefaultIngressClass
//! admission plugin and `ValidateIngress`/`ValidateIngressClass`
//! (pkg/apis/networking/validation/validation.go) for the fields kubeplay models.
//!
//! No ingress controller runs in kubeplay (as on a fresh minikube or kind cluster before an
//! ingress addon is installed): an Ingress is stored, listed and described, and its status stays
//! `loadBalancer: {}` (ADDRESS empty, `{.status.loadBalancer.ingress[0].ip}` prints nothing).

use std::rc::Rc;

use crate::engine::api::ingress::{Ingress, IngressBackend, IngressClass, DEFAULT_INGRESS_CLASS_ANNOTATION};
use crate::engine::api::validation::{self, FieldError};
use crate::engine::error::ApiError;
use crate::engine::store::{Key, Kind};
use crate::engine::Cluster;

/// The default IngressClass's name, if one is marked default (the newest wins, as
/// `GetDefaultClass` of the DefaultIngressClass admission plugin).
fn default_class_name(cluster: &Cluster) -> Option<String> {
    cluster
        .store
        .ingress_classes
        .iter()
        .filter(|c| c.metadata.annotation(DEFAULT_INGRESS_CLASS_ANNOTATION) == Some("true"))
        .max_by_key(|c| (c.metadata.creation_timestamp, c.metadata.name.clone()))
        .map(|c| c.metadata.name.to_string())
}

/// Ingress create: DefaultIngressClass admission (no class named and no deprecated
/// `kubernetes.io/ingress.class` annotation: the default class, if any), validation, the status
/// an apiserver stores (`loadBalancer: {}`).
#[inline(never)]
pub fn create_ingress(cluster: &mut Cluster, mut ingress: Ingress) -> Result<Rc<Ingress>, ApiError> {
    crate::engine::apiserver::ensure_namespace(cluster, Kind::Ingress, &ingress.metadata.name, ingress.metadata.ns())?;
    if ingress.spec.ingress_class_name.is_none() && !ingress.metadata.annotations.contains_key("kubernetes.io/ingress.class") {
        ingress.spec.ingress_class_name = default_class_name(cluster);
    }
    let errors = validate_ingress(&ingress);
    if !errors.is_empty() {
        return Err(ApiError::invalid("Ingress", &ingress.metadata.name, errors));
    }
    ingress.status = Default::default();
    let now = cluster.time();
    cluster.store.create(ingress, now, &mut cluster.rng)
}

/// Ingress update: validation again; the status is kept.
pub fn update_ingress(cluster: &mut Cluster, mut ingress: Ingress) -> Result<Rc<Ingress>, ApiError> {
    let Some(old) = cluster.store.get::<Ingress>(&Key::of(&ingress.metadata, true)) else {
        return Err(ApiError::not_found(Kind::Ingress, &ingress.metadata.name));
    };
    let errors = validate_ingress(&ingress);
    if !errors.is_empty() {
        return Err(ApiError::invalid("Ingress", &ingress.metadata.name, errors));
    }
    ingress.status = old.status.clone();
    cluster.store.update(ingress)
}

/// Mirrors `ValidateIngressSpec`: a default backend or rules, valid hosts, paths and backends,
/// TLS hosts, the class name.
pub fn validate_ingress(ingress: &Ingress) -> Vec<FieldError> {
    let mut errors = Vec::new();
    validation::validate_name(&ingress.metadata, false, &mut errors);
    let spec = &ingress.spec;
    if spec.rules.is_empty() && spec.default_backend.is_none() {
        errors.push(FieldError::invalid("spec", "[]networking.IngressRule(nil)", "either `defaultBackend` or `rules` must be specified"));
    }
    if let Some(backend) = &spec.default_backend {
        validate_backend(backend, "spec.defaultBackend", &mut errors);
    }
    for (index, rule) in spec.rules.iter().enumerate() {
        let path = format!("spec.rules[{index}]");
        if let Some(host) = rule.host.as_deref().filter(|h| !h.is_empty()) {
            validate_host(host, &format!("{path}.host"), &mut errors);
        }
        if let Some(http) = &rule.http {
            if http.paths.is_empty() {
                errors.push(FieldError::required(&format!("{path}.http.paths")));
            }
            for (p, entry) in http.paths.iter().enumerate() {
                let field = format!("{path}.http.paths[{p}]");
                // `validateHTTPIngressPath`: without a pathType nothing else of the path is checked.
                match entry.path_type.as_deref() {
                    None => {
                        errors.push(FieldError { field: format!("{field}.pathType"), message: "Required value: pathType must be specified".into() });
                        continue;
                    }
                    Some("Exact" | "Prefix") => {
                        let value = entry.path.clone().unwrap_or_default();
                        if !value.starts_with('/') {
                            errors.push(FieldError::invalid(&format!("{field}.path"), &format!("{value:?}"), "must be an absolute path"));
                        }
                        for sequence in ["//", "/./", "/../", "%2f", "%2F"] {
                            if value.contains(sequence) {
                                errors.push(FieldError::invalid(&format!("{field}.path"), &format!("{value:?}"), &format!("must not contain '{sequence}'")));
                            }
                        }
                        for suffix in ["/..", "/."] {
                            if value.ends_with(suffix) {
                                errors.push(FieldError::invalid(&format!("{field}.path"), &format!("{value:?}"), &format!("cannot end with '{suffix}'")));
                            }
                        }
                    }
                    Some("ImplementationSpecific") => {
                        if let Some(value) = entry.path.as_deref().filter(|v| !v.is_empty() && !v.starts_with('/')) {
                            errors.push(FieldError::invalid(&format!("{field}.path"), &format!("{value:?}"), "must be an absolute path"));
                        }
                    }
                    Some(other) => errors.push(FieldError::unsupported(&format!("{field}.pathType"), other, &["Exact", "ImplementationSpecific", "Prefix"])),
                }
                validate_backend(&entry.backend, &format!("{field}.backend"), &mut errors);
            }
        }
    }
    for (index, tls) in spec.tls.iter().enumerate() {
        for (h, host) in tls.hosts.iter().enumerate() {
            validate_host(host, &format!("spec.tls[{index}].hosts[{h}]"), &mut errors);
        }
    }
    if let Some(class) = &spec.ingress_class_name {
        if !validation::is_dns1123_subdomain(class) {
            errors.push(FieldError::invalid("spec.ingressClassName", &format!("{class:?}"), validation::DNS1123_SUBDOMAIN_MSG));
        }
    }
    errors
}

/// A rule's host: a DNS subdomain, optionally with a leading `*.`, and no IP address.
fn validate_host(host: &str, field: &str, errors: &mut Vec<FieldError>) {
    if host.parse::<std::net::IpAddr>().is_ok() {
        errors.push(FieldError::invalid(field, &format!("{host:?}"), "must be a DNS name, not an IP address"));
        return;
    }
    let name = host.strip_prefix("*.").unwrap_or(host);
    if !validation::is_dns1123_subdomain(name) {
        let message = if host.starts_with("*.") {
            "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
        } else {
            validation::DNS1123_SUBDOMAIN_MSG
        };
        errors.push(FieldError::invalid(field, &format!("{host:?}"), message));
    }
}

/// Mirrors `validateIngressBackend`: exactly one of service and resource; a service's name is a
/// DNS-1035 label and its port a name or a number (not both).
fn validate_backend(backend: &IngressBackend, field: &str, errors: &mut Vec<FieldError>) {
    match (&backend.service, &backend.resource) {
        (None, None) => errors.push(FieldError::invalid(field, "\"\"", "one backend (service or resource) must be specified")),
        (Some(_), Some(_)) => errors.push(FieldError::invalid(field, "\"\"", "cannot set both resource and service backends")),
        (Some(service), None) => {
            if !validation::is_dns1035_label(&service.name) {
                errors.push(FieldError::invalid(&format!("{field}.service.name"), &format!("{:?}", service.name), validation::DNS1035_LABEL_MSG));
            }
            let port_field = format!("{field}.service.port");
            match (service.port.name.as_deref().filter(|n| !n.is_empty()), service.port.number.filter(|n| *n != 0)) {
                (Some(_), Some(_)) => errors.push(FieldError::invalid(&port_field, "\"\"", "cannot set both port name & port number")),
                (Some(name), None) => {
                    let valid = name.len() <= 15 && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') && name.bytes().any(|b| b.is_ascii_lowercase()) && !name.starts_with('-') && !name.ends_with('-') && !name.contains("--");
                    if !valid {
                        errors.push(FieldError::invalid(&format!("{port_field}.name"), &format!("{name:?}"), "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"));
                    }
                }
                (None, Some(number)) => {
                    if !(1..=65535).contains(&number) {
                        errors.push(FieldError::invalid(&format!("{port_field}.number"), &number.to_string(), "must be between 1 and 65535, inclusive"));
                    }
                }
                (None, None) => errors.push(FieldError { field: port_field, message: "Required value: port name or number is required".into() }),
            }
        }
        (None, Some(_)) => {}
    }
}

/// IngressClass create and update: `ValidateIngressClass` (a controller, at most 250 characters,
/// a domain-prefixed path; immutable once set).
#[inline(never)]
pub fn create_ingress_class(cluster: &mut Cluster, class: IngressClass) -> Result<Rc<IngressClass>, ApiError> {
    let errors = validate_ingress_class(&class);
    if !errors.is_empty() {
        return Err(ApiError::invalid("IngressClass", &class.metadata.name, errors));
    }
    let now = cluster.time();
    cluster.store.create(class, now, &mut cluster.rng)
}

pub fn update_ingress_class(cluster: &mut Cluster, class: IngressClass) -> Result<Rc<IngressClass>, ApiError> {
    let mut errors = validate_ingress_class(&class);
    if let Some(old) = cluster.store.get::<IngressClass>(&Key::new("", &class.metadata.name)) {
        if old.spec.controller != class.spec.controller {
            errors.push(FieldError::invalid("spec.controller", &format!("{:?}", class.spec.controller.clone().unwrap_or_default()), "field is immutable"));
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::invalid("IngressClass", &class.metadata.name, errors));
    }
    cluster.store.update(class)
}

fn validate_ingress_class(class: &IngressClass) -> Vec<FieldError> {
    let mut errors = Vec::new();
    validation::validate_name(&class.metadata, false, &mut errors);
    match class.spec.controller.as_deref().unwrap_or("") {
        "" => errors.push(FieldError::required("spec.controller")),
        controller if controller.len() > 250 => errors.push(FieldError { field: "spec.controller".into(), message: format!("Too long: may not be more than 250 bytes") }),
        controller if !controller.split_once('/').is_some_and(|(domain, _)| validation::is_dns1123_subdomain(domain)) => {
            errors.push(FieldError::invalid("spec.controller", &format!("{controller:?}"), "must be a domain-prefixed path (such as \"acme.io/foo\")"));
        }
        _ => {}
    }
    errors
}
