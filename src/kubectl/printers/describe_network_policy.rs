//! `kubectl describe networkpolicy`, ported from kubectl 1.32 (pkg/describe/describe.go:
//! `describeNetworkPolicy`, `describeNetworkPolicySpec`, `printNetworkPolicySpecIngressFrom`,
//! `printNetworkPolicySpecEgressTo`). It prints no Events section, as the real describer.

use std::fmt::Write as _;

use crate::engine::api::intstr::IntOrString;
use crate::engine::api::network_policy::{NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort};
use crate::engine::clock::Time;
use crate::engine::Cluster;
use crate::kubectl::printers::describe::{annotations_multiline, labels_multiline};
use crate::kubectl::printers::tabwriter::{align, DESCRIBE};

/// Mirrors `describeNetworkPolicy`.
pub fn describe(_cluster: &Cluster, policy: &NetworkPolicy, _now: Time) -> String {
    let mut w = String::new();
    let _ = writeln!(w, "Name:\t{}", policy.metadata.name);
    let _ = writeln!(w, "Namespace:\t{}", policy.metadata.ns());
    // `metav1.Time` printed with %s: Go's `time.Time.String()`, `2026-11-23 00:00:05 +0000 UTC`.
    let created = policy.metadata.creation_timestamp.map(|t| t.rfc3339().replace('T', " ").replace('Z', " +0000 UTC")).unwrap_or_else(|| "0001-01-01 00:00:00 +0000 UTC".into());
    let _ = writeln!(w, "Created on:\t{created}");
    labels_multiline(&mut w, "Labels", &policy.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &policy.metadata.annotations);
    let spec = &policy.spec;
    w.push_str("Spec:\n");
    // `w.Write(LEVEL_1, "PodSelector: ")` then `w.Write(LEVEL_2, ...)`: the second write's
    // four-space indent lands after the label.
    if spec.pod_selector.is_empty() {
        w.push_str("  PodSelector:     <none> (Allowing the specific traffic to all pods in this namespace)\n");
    } else {
        let _ = writeln!(w, "  PodSelector:     {}", spec.pod_selector.display());
    }
    if spec.affects_ingress() {
        w.push_str("  Allowing ingress traffic:\n");
        if spec.ingress.is_empty() {
            w.push_str("    <none> (Selected pods are isolated for ingress connectivity)\n");
        }
        for (i, rule) in spec.ingress.iter().enumerate() {
            ports(&mut w, &rule.ports);
            peers(&mut w, &rule.from, "From", "From: <any> (traffic not restricted by source)");
            if i + 1 != spec.ingress.len() {
                w.push_str("    ----------\n");
            }
        }
    } else {
        w.push_str("  Not affecting ingress traffic\n");
    }
    if spec.affects_egress() {
        w.push_str("  Allowing egress traffic:\n");
        if spec.egress.is_empty() {
            w.push_str("    <none> (Selected pods are isolated for egress connectivity)\n");
        }
        for (i, rule) in spec.egress.iter().enumerate() {
            ports(&mut w, &rule.ports);
            peers(&mut w, &rule.to, "To", "To: <any> (traffic not restricted by destination)");
            if i + 1 != spec.egress.len() {
                w.push_str("    ----------\n");
            }
        }
    } else {
        w.push_str("  Not affecting egress traffic\n");
    }
    let types = if spec.policy_types.is_empty() { "<none>".to_string() } else { spec.policy_types.join(", ") };
    let _ = writeln!(w, "  Policy Types: {types}");
    align(&w, DESCRIBE)
}

/// A rule's ports: `To Port: 80/TCP`, `To Port Range: 32000-32768/TCP`, or any port.
fn ports(w: &mut String, ports: &[NetworkPolicyPort]) {
    if ports.is_empty() {
        w.push_str("    To Port: <any> (traffic allowed to all ports)\n");
    }
    for port in ports {
        let protocol = port.protocol.as_deref().unwrap_or("TCP");
        // `%s` of a nil `*intstr.IntOrString` prints `<nil>`.
        let number = port.port.as_ref().map_or("<nil>".to_string(), IntOrString::display);
        match port.end_port {
            None => {
                let _ = writeln!(w, "    To Port: {number}/{protocol}");
            }
            Some(end) => {
                let _ = writeln!(w, "    To Port Range: {number}-{end}/{protocol}");
            }
        }
    }
}

/// A rule's peers, each under `From:` (or `To:`), or the line for any peer.
fn peers(w: &mut String, peers: &[NetworkPolicyPeer], label: &str, any: &str) {
    if peers.is_empty() {
        let _ = writeln!(w, "    {any}");
    }
    for peer in peers {
        let _ = writeln!(w, "    {label}:");
        match (&peer.pod_selector, &peer.namespace_selector, &peer.ip_block) {
            (Some(pods), Some(namespaces), _) => {
                let _ = writeln!(w, "      NamespaceSelector: {}", namespaces.display());
                let _ = writeln!(w, "      PodSelector: {}", pods.display());
            }
            (Some(pods), None, _) => {
                let _ = writeln!(w, "      PodSelector: {}", pods.display());
            }
            (None, Some(namespaces), _) => {
                let _ = writeln!(w, "      NamespaceSelector: {}", namespaces.display());
            }
            (None, None, Some(block)) => {
                let _ = writeln!(w, "      IPBlock:\n        CIDR: {}\n        Except: {}", block.cidr, block.except.join(", "));
            }
            (None, None, None) => {}
        }
    }
}
