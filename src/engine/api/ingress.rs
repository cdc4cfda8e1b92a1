//! Ingresses and IngressClasses (networking.k8s.io/v1).

use serde::{Deserialize, Serialize};

use crate::engine::api::meta::{null_as_default, ObjectMeta};
use crate::order::SharedSort;

/// The annotation that makes an IngressClass the default (`networkingv1.AnnotationIsDefaultIngressClass`).
pub const DEFAULT_INGRESS_CLASS_ANNOTATION: &str = "ingressclass.kubernetes.io/is-default-class";

/// `networkingv1.Ingress`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Ingress {
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: IngressSpec,
    #[serde(default)]
    pub status: IngressStatus,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IngressSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ingress_class_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_backend: Option<IngressBackend>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub tls: Vec<IngressTls>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub rules: Vec<IngressRule>,
}

/// A service (`service`) or another object (`resource`, kept as written) that gets the traffic.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IngressBackend {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<IngressServiceBackend>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IngressServiceBackend {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub port: ServiceBackendPort,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceBackendPort {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<i32>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IngressTls {
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub hosts: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IngressRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http: Option<HttpIngressRuleValue>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpIngressRuleValue {
    #[serde(default, deserialize_with = "null_as_default")]
    pub paths: Vec<HttpIngressPath>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpIngressPath {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_type: Option<String>,
    #[serde(default)]
    pub backend: IngressBackend,
}

/// The status: the load balancer's addresses, written by an ingress controller (none runs in
/// kubeplay, so it stays `loadBalancer: {}`, as on a cluster without one).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IngressStatus {
    #[serde(default)]
    pub load_balancer: IngressLoadBalancerStatus,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IngressLoadBalancerStatus {
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub ingress: Vec<IngressLoadBalancerIngress>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IngressLoadBalancerIngress {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub ports: Vec<serde_json::Value>,
}

/// `networkingv1.IngressClass`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IngressClass {
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: IngressClassSpec,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IngressClassSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controller: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters: Option<serde_json::Value>,
}

impl IngressServiceBackend {
    /// `serviceBackendStringer`: `name:80` or `name:http`.
    pub fn text(&self) -> String {
        let port = match (&self.port.name, self.port.number) {
            (Some(name), _) if !name.is_empty() => name.clone(),
            (_, Some(number)) => number.to_string(),
            _ => String::new(),
        };
        format!("{}:{port}", self.name)
    }
}

impl Ingress {
    /// HOSTS: up to three hosts, `*` for none, ` + N more...` (`formatHosts` in printers.go).
    pub fn hosts_text(&self) -> String {
        let mut list: Vec<&str> = Vec::new();
        let mut more = false;
        for rule in &self.spec.rules {
            if list.len() == 3 {
                more = true;
            }
            if let Some(host) = rule.host.as_deref().filter(|h| !h.is_empty()) {
                if !more {
                    list.push(host);
                }
            }
        }
        if list.is_empty() {
            return "*".to_string();
        }
        let text = list.join(",");
        if more {
            format!("{text} + {} more...", self.spec.rules.len() - 3)
        } else {
            text
        }
    }

    /// PORTS: `80`, or `80, 443` with TLS (`formatPorts`).
    pub fn ports_text(&self) -> &'static str {
        if self.spec.tls.is_empty() {
            "80"
        } else {
            "80, 443"
        }
    }

    /// ADDRESS: the load balancer's IPs or host names, sorted, unique, comma-joined; clipped to 16
    /// characters unless wide (`ingressLoadBalancerStatusStringer`).
    pub fn address_text(&self, wide: bool) -> String {
        let mut set: Vec<String> = self.status.load_balancer.ingress.iter().filter_map(|i| i.ip.clone().filter(|s| !s.is_empty()).or_else(|| i.hostname.clone().filter(|s| !s.is_empty()))).collect();
        set.shared_sort();
        set.dedup();
        let text = set.join(",");
        if !wide && text.len() > 16 {
            format!("{}...", text.chars().take(13).collect::<String>())
        } else {
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(host: Option<&str>) -> IngressRule {
        IngressRule { host: host.map(str::to_string), http: None }
    }

    #[test]
    fn hosts_column_as_format_hosts_writes_it() {
        for (hosts, want) in [
            (vec![], "*"),
            (vec![None], "*"),
            (vec![Some("a.com")], "a.com"),
            (vec![Some("a.com"), None, Some("b.com")], "a.com,b.com"),
            (vec![Some("a"), Some("b"), Some("c"), Some("d"), Some("e")], "a,b,c + 2 more..."),
        ] {
            let mut ingress = Ingress::default();
            ingress.spec.rules = hosts.into_iter().map(rule).collect();
            assert_eq!(ingress.hosts_text(), want);
        }
    }

    #[test]
    fn address_column_is_clipped_unless_wide() {
        let mut ingress = Ingress::default();
        assert_eq!(ingress.address_text(false), "");
        for ip in ["192.168.49.2", "10.0.0.1", "192.168.49.2"] {
            ingress.status.load_balancer.ingress.push(IngressLoadBalancerIngress { ip: Some(ip.into()), ..Default::default() });
        }
        assert_eq!(ingress.address_text(true), "10.0.0.1,192.168.49.2");
        assert_eq!(ingress.address_text(false), "10.0.0.1,192....");
    }
}
