//! `kubectl create ingress NAME --rule=host/path=svc:port[,tls[=secret]] [--class]
//! [--default-backend=svc:port] [--annotation=k=v]`: the Ingress kubectl builds.
//! Mirrors `CreateIngressOptions` (kubectl/pkg/cmd/create/create_ingress.go of v0.32):
//! `Validate` (its rule regex, annotations, the default backend's form), `buildTLSRules`,
//! `buildIngressRules` (rules of one host share it), `buildHTTPIngressPath` (a trailing `*`
//! makes the path a Prefix, else Exact).

use crate::engine::store::Kind;
use crate::kubectl::args::Parsed;
use crate::kubectl::Ctx;

/// The Go struct order of the fields an Ingress generator writes (TypeMeta, ObjectMeta,
/// IngressSpec, IngressTLS, IngressRule, HTTPIngressPath, IngressBackend, ServiceBackendPort).
const INGRESS_FIELD_ORDER: &[&str] = &[
    "kind", "apiVersion", "metadata", "name", "namespace", "creationTimestamp", "annotations", "spec", "ingressClassName", "defaultBackend", "tls", "hosts",
    "secretName", "rules", "host", "http", "paths", "path", "pathType", "backend", "service", "port", "number", "status", "loadBalancer",
];

/// Go RE2's `\w` and the rule regex's other allowed characters.
fn word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// `^([\w\*\-\.]*)(/.*)=([\w\-]+):([\w\-]+)(,(tls)=?([\w\-]+)?)?` (not anchored at the end):
/// some `=` after the path's `/` is followed by `name:port`.
fn rule_matches(rule: &str) -> bool {
    let host_end = rule.find(|c: char| !(word(c) || c == '*' || c == '-' || c == '.')).unwrap_or(rule.len());
    let rest = &rule[host_end..];
    if !rest.starts_with('/') {
        return false;
    }
    let name_char = |c: char| word(c) || c == '-';
    rest.char_indices().filter(|(_, c)| *c == '=').any(|(at, _)| {
        let after = &rest[at + 1..];
        let name_end = after.find(|c: char| !name_char(c)).unwrap_or(after.len());
        name_end > 0 && after[name_end..].starts_with(':') && after[name_end + 1..].starts_with(name_char)
    })
}

/// `name:port` as a service backend: a number, or a port name (`intstr.Parse`).
fn backend(service: &str) -> serde_json::Value {
    let mut parts = service.split(':');
    let name = parts.next().unwrap_or("");
    let port = parts.next().unwrap_or("");
    let port = match port.parse::<i32>() {
        Ok(number) => serde_json::json!({"number": number}),
        Err(_) => serde_json::json!({"name": port}),
    };
    serde_json::json!({"service": {"name": name, "port": port}})
}

/// `buildHTTPIngressPath`.
fn http_path(path_and_service: &str) -> serde_json::Value {
    let mut parts = path_and_service.split('=');
    let mut path = format!("/{}", parts.next().unwrap_or(""));
    let service = parts.next().unwrap_or("");
    let mut path_type = "Exact";
    if path.ends_with('*') {
        path_type = "Prefix";
        path.pop();
    }
    serde_json::json!({"path": path, "pathType": path_type, "backend": backend(service)})
}

/// Runs `create ingress` with the words `create` parsed.
pub fn create_ingress(ctx: &mut Ctx, parsed: &Parsed, ns: &str, dry_run: Option<&str>, output: Option<&str>) {
    let names = &parsed.positional[1..];
    if names.len() != 1 {
        return ctx.out.fail(format!("error: exactly one NAME is required, got {}\nSee 'kubectl create ingress -h' for help and examples\n", names.len()));
    }
    let name = names[0].clone();
    let rules = parsed.all("rule");
    let default_backend = parsed.get("default-backend").unwrap_or("");
    let annotations = parsed.all("annotation");
    if default_backend.is_empty() && rules.is_empty() {
        return ctx.out.fail("error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)\n");
    }
    if let Some(rule) = rules.iter().find(|r| !rule_matches(r)) {
        return ctx.out.fail(format!("error: rule {rule} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]\n"));
    }
    if let Some(annotation) = annotations.iter().find(|a| !a.contains('=')) {
        return ctx.out.fail(format!("error: annotation {annotation} is invalid and should be in format key=[value]\n"));
    }
    if !default_backend.is_empty() && default_backend.split(':').count() != 2 {
        return ctx.out.fail("error: default-backend should be in format servicename:serviceport\n");
    }
    let mut spec = serde_json::Map::new();
    if let Some(class) = parsed.get("class").filter(|c| !c.is_empty()) {
        spec.insert("ingressClassName".into(), serde_json::json!(class));
    }
    if !default_backend.is_empty() {
        spec.insert("defaultBackend".into(), backend(default_backend));
    }
    // `buildTLSRules`: each host once; rules naming the same secret share its entry.
    let mut tls: Vec<(Vec<String>, String)> = Vec::new();
    let mut seen_hosts: Vec<String> = Vec::new();
    for rule in &rules {
        let parts: Vec<&str> = rule.split(',').collect();
        if parts.len() != 2 {
            continue;
        }
        let host = rule.split('/').next().unwrap_or("").to_string();
        let secret = parts[1].split('=').nth(1).unwrap_or("").to_string();
        if seen_hosts.contains(&host) {
            continue;
        }
        seen_hosts.push(host.clone());
        if let Some(entry) = tls.iter_mut().find(|(_, s)| *s == secret) {
            entry.0.push(host);
            continue;
        }
        let hosts = if host.is_empty() { vec![] } else { vec![host] };
        if !secret.is_empty() || !hosts.is_empty() {
            tls.push((hosts, secret));
        }
    }
    if !tls.is_empty() {
        let entries: Vec<serde_json::Value> = tls
            .into_iter()
            .map(|(hosts, secret)| {
                let mut entry = serde_json::Map::new();
                if !hosts.is_empty() {
                    entry.insert("hosts".into(), serde_json::json!(hosts));
                }
                if !secret.is_empty() {
                    entry.insert("secretName".into(), serde_json::json!(secret));
                }
                serde_json::Value::Object(entry)
            })
            .collect();
        spec.insert("tls".into(), serde_json::Value::Array(entries));
    }
    // `buildIngressRules`: paths of one host go into one rule.
    let mut built: Vec<(String, Vec<serde_json::Value>)> = Vec::new();
    for rule in &rules {
        let without_tls = rule.split(',').next().unwrap_or("");
        let (host, path_and_service) = without_tls.split_once('/').unwrap_or((without_tls, ""));
        let path = http_path(path_and_service);
        match built.iter_mut().find(|(h, _)| h == host) {
            Some((_, paths)) => paths.push(path),
            None => built.push((host.to_string(), vec![path])),
        }
    }
    if !built.is_empty() {
        let entries: Vec<serde_json::Value> = built
            .into_iter()
            .map(|(host, paths)| {
                let mut entry = serde_json::Map::new();
                if !host.is_empty() {
                    entry.insert("host".into(), serde_json::json!(host));
                }
                entry.insert("http".into(), serde_json::json!({"paths": paths}));
                serde_json::Value::Object(entry)
            })
            .collect();
        spec.insert("rules".into(), serde_json::Value::Array(entries));
    }
    let mut metadata = serde_json::json!({"creationTimestamp": null, "name": name});
    if parsed.has("namespace") {
        metadata["namespace"] = serde_json::json!(ns);
    }
    if !annotations.is_empty() {
        // Inserted, not collected: `collect()` into a map sorts first (see `order::CollectMap`).
        let mut map = serde_json::Map::new();
        for (k, v) in annotations.iter().filter_map(|a| a.split_once('=')) {
            map.insert(k.to_string(), serde_json::json!(v));
        }
        metadata["annotations"] = serde_json::Value::Object(map);
    }
    let raw = serde_json::json!({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": metadata, "spec": spec, "status": {"loadBalancer": {}}});
    if let Some(mode) = dry_run {
        return crate::kubectl::apply::print_generated_dry_run_in(ctx, &raw, Kind::Ingress, &name, output, mode, INGRESS_FIELD_ORDER);
    }
    let mut sent = raw;
    sent["metadata"]["namespace"] = serde_json::json!(ns);
    if let Some(map) = sent["metadata"].as_object_mut() {
        map.remove("creationTimestamp");
    }
    if let Some(map) = sent.as_object_mut() {
        map.remove("status");
    }
    crate::kubectl::apply::create_generated(ctx, sent, Kind::Ingress, &name, output);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_match_kubectls_regex() {
        for (rule, ok) in [
            ("foo.com/bar=svc1:8080,tls=my-cert", true),
            ("/path=svc:port", true),
            ("foo.com/*=svc:8080", true),
            ("*.foo.com/a/b=svc:http,tls", true),
            ("foo.com/a=b=svc:80", true),
            ("bad", false),
            ("foo.com=svc:80", false),
            ("foo.com/x=svc", false),
            ("foo.com/x=:80", false),
            ("foo@com/x=svc:80", false),
        ] {
            assert_eq!(rule_matches(rule), ok, "{rule}");
        }
    }
}
