//! `kubectl describe` of Ingresses and IngressClasses, ported from kubectl 1.32's describers
//! (pkg/describe/describe.go: `describeIngressV1`, `describeBackendV1`, `describeIngressClassV1`).

use std::fmt::Write as _;

use crate::engine::api::core::{Endpoints, Service};
use crate::engine::api::ingress::{Ingress, IngressBackend, IngressClass};
use crate::engine::clock::Time;
use crate::engine::events::events_for;
use crate::engine::store::{Key, Kind};
use crate::engine::Cluster;
use crate::kubectl::printers::describe::{annotations_multiline, finish, labels_multiline};

/// Mirrors `describeIngressV1`.
pub fn ingress(cluster: &Cluster, ingress: &Ingress, now: Time) -> String {
    let mut w = String::new();
    let ns = ingress.metadata.ns();
    let _ = writeln!(w, "Name:\t{}", ingress.metadata.name);
    labels_multiline(&mut w, "Labels", &ingress.metadata.labels);
    let _ = writeln!(w, "Namespace:\t{ns}");
    let _ = writeln!(w, "Address:\t{}", ingress.address_text(true));
    let _ = writeln!(w, "Ingress Class:\t{}", ingress.spec.ingress_class_name.as_deref().unwrap_or("<none>"));
    let default_backend = match &ingress.spec.default_backend {
        Some(backend) => describe_backend(cluster, ns, backend),
        None => "<default>".to_string(),
    };
    let _ = writeln!(w, "Default backend:\t{default_backend}");
    if !ingress.spec.tls.is_empty() {
        w.push_str("TLS:\n");
        for tls in &ingress.spec.tls {
            match tls.secret_name.as_deref().filter(|s| !s.is_empty()) {
                None => {
                    let _ = writeln!(w, "  SNI routes {}", tls.hosts.join(","));
                }
                Some(secret) => {
                    let _ = writeln!(w, "  {secret} terminates {}", tls.hosts.join(","));
                }
            }
        }
    }
    w.push_str("Rules:\n  Host\tPath\tBackends\n  ----\t----\t--------\n");
    let mut count = 0;
    for rule in &ingress.spec.rules {
        let Some(http) = &rule.http else { continue };
        count += 1;
        let host = rule.host.as_deref().filter(|h| !h.is_empty()).unwrap_or("*");
        let _ = writeln!(w, "  {host}\t");
        for path in &http.paths {
            let _ = writeln!(w, "    \t{} \t{}", path.path.as_deref().unwrap_or(""), describe_backend(cluster, ns, &path.backend));
        }
    }
    if count == 0 {
        let _ = writeln!(w, "  *\t*\t{default_backend}");
    }
    annotations_multiline(&mut w, "Annotations", &ingress.metadata.annotations);
    finish(w, &events_for(cluster, Kind::Ingress, ns, &ingress.metadata.name, &ingress.metadata.uid), now)
}

/// Mirrors `describeBackendV1` (1.32 reads the Endpoints): `name:port (ip:port,...)`, with the
/// lookup's error in the parentheses when the Service or its Endpoints are missing.
fn describe_backend(cluster: &Cluster, ns: &str, backend: &IngressBackend) -> String {
    if let Some(service) = &backend.service {
        let text = service.text();
        let Some(endpoints) = cluster.store().get::<Endpoints>(&Key::new(ns, &service.name)) else {
            return format!("{text} (endpoints \"{}\" not found)", service.name);
        };
        let Some(svc) = cluster.store().get::<Service>(&Key::new(ns, &service.name)) else {
            return format!("{text}(services \"{}\" not found)", service.name);
        };
        let mut port_name = String::new();
        for port in &svc.spec.ports {
            let name = port.name.clone().unwrap_or_default();
            if service.port.number.is_some_and(|n| n != 0 && n == port.port) || service.port.name.as_deref().is_some_and(|n| !n.is_empty() && n == name) {
                port_name = name;
            }
        }
        return format!("{text} ({})", format_endpoints(&endpoints, &port_name));
    }
    if let Some(resource) = &backend.resource {
        let field = |key: &str| resource.get(key).and_then(|v| v.as_str()).map(str::to_string);
        return format!("APIGroup: {}, Kind: {}, Name: {}", field("apiGroup").unwrap_or_else(|| "<none>".into()), field("kind").unwrap_or_default(), field("name").unwrap_or_default());
    }
    String::new()
}

/// Mirrors `formatEndpoints` with one port name: up to three `ip:port` of the ports with that
/// name, then ` + N more...`; `<none>` without subsets.
fn format_endpoints(endpoints: &Endpoints, port_name: &str) -> String {
    if endpoints.subsets.is_empty() {
        return "<none>".to_string();
    }
    let mut list = Vec::new();
    let mut count = 0;
    for subset in &endpoints.subsets {
        if subset.ports.is_empty() {
            count += subset.addresses.len();
            for address in &subset.addresses {
                if list.len() < 3 {
                    list.push(address.ip.clone());
                }
            }
            continue;
        }
        for port in subset.ports.iter().filter(|p| p.name.as_deref().unwrap_or("") == port_name) {
            count += subset.addresses.len();
            for address in &subset.addresses {
                if list.len() < 3 {
                    list.push(format!("{}:{}", address.ip, port.port));
                }
            }
        }
    }
    let text = list.join(",");
    if count > 3 {
        format!("{text} + {} more...", count - 3)
    } else {
        text
    }
}

/// Mirrors `describeIngressClassV1`.
pub fn ingress_class(cluster: &Cluster, class: &IngressClass, now: Time) -> String {
    let mut w = String::new();
    let _ = writeln!(w, "Name:\t{}", class.metadata.name);
    labels_multiline(&mut w, "Labels", &class.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &class.metadata.annotations);
    let _ = writeln!(w, "Controller:\t{}", class.spec.controller.as_deref().unwrap_or(""));
    if let Some(parameters) = &class.spec.parameters {
        let field = |key: &str| parameters.get(key).and_then(|v| v.as_str()).unwrap_or("").to_string();
        w.push_str("Parameters:\n");
        if let Some(group) = parameters.get("apiGroup").and_then(|v| v.as_str()) {
            let _ = writeln!(w, "  APIGroup:\t{group}");
        }
        let _ = writeln!(w, "  Kind:\t{}", field("kind"));
        let _ = writeln!(w, "  Name:\t{}", field("name"));
    }
    finish(w, &events_for(cluster, Kind::IngressClass, "", &class.metadata.name, &class.metadata.uid), now)
}
