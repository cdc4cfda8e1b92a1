//! NetworkPolicy enforcement on the simulated pod network: whether a pod may open a connection
//! to a pod (or an address outside the pod network).
//!
//! kubeplay's network behaves as a cluster whose CNI plugin enforces policies (Calico, Cilium):
//! the rules are the API's, from the doc comments of k8s.io/api/networking/v1/types.go:
//!
//! - A pod is isolated for ingress if a policy in its namespace selects it (`podSelector`) and
//!   has `Ingress` in its `policyTypes`; likewise for egress. Traffic in a direction the pod is
//!   not isolated for is allowed.
//! - "Traffic is allowed to a pod if ... the traffic source is the pod's local node, OR if the
//!   traffic matches at least one ingress rule across all of the NetworkPolicy objects whose
//!   podSelector matches the pod": policies are additive, their order never matters. The
//!   kubelet's probes come from the node, so they are never blocked.
//! - A rule matches when the connection matches one of its `ports` (none: every port) and one of
//!   its peers (none: every peer). A peer's `podSelector` picks pods in the policy's namespace;
//!   with a `namespaceSelector` too, pods in the namespaces it selects (both must match); a
//!   `namespaceSelector` alone, every pod of those namespaces; an `ipBlock`, addresses (here also
//!   pod IPs, as Calico does).
//! - A port is a number (with `endPort`, a range) or the name of a container port of the
//!   destination pod; its protocol defaults to TCP.
//! - A connection needs both the source's egress and the destination's ingress to allow it.
//!
//! A pod talking to itself is not filtered (loopback).

use std::net::IpAddr;

use crate::engine::api::intstr::IntOrString;
use crate::engine::api::network_policy::{NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort};
use crate::engine::api::pod::Pod;
use crate::engine::Cluster;

/// One end of a connection other than the client pod.
#[derive(Clone, Copy)]
pub enum Endpoint<'a> {
    /// A pod of the cluster, reached on its IP.
    Pod(&'a Pod),
    /// An address that is no pod's (the API server on the control-plane node, the outside).
    Address(&'a str),
}

/// Whether `from` may open a connection to `to` on `port`/`protocol` (the pod's own port, after
/// a Service's translation): the source's egress and, for a pod, the destination's ingress.
pub fn allows(cluster: &Cluster, from: &Pod, to: Endpoint, port: i32, protocol: &str) -> bool {
    if let Endpoint::Pod(pod) = to {
        if pod.metadata.uid == from.metadata.uid {
            return true;
        }
    }
    egress_allows(cluster, from, to, port, protocol) && ingress_allows(cluster, Endpoint::Pod(from), to, port, protocol)
}

/// Whether `from` may reach the cluster's DNS (a CoreDNS pod, UDP port 53): a name lookup from an
/// egress-isolated pod fails unless a rule lets it out, a lesson of every "deny all egress".
pub fn dns_allowed(cluster: &Cluster, from: &Pod) -> bool {
    let selecting = egress_policies(cluster, from);
    if selecting.is_empty() {
        return true;
    }
    cluster
        .store()
        .pods
        .in_namespace("kube-system")
        .filter(|pod| pod.metadata.labels.get("k8s-app").map(String::as_str) == Some("kube-dns") && pod.status.pod_ip.is_some())
        .any(|dns| {
            selecting.iter().any(|policy| policy.spec.egress.iter().any(|rule| ports_match(&rule.ports, Endpoint::Pod(dns), 53, "UDP") && peers_match(cluster, policy, &rule.to, Endpoint::Pod(dns))))
                && ingress_allows(cluster, Endpoint::Pod(from), Endpoint::Pod(dns), 53, "UDP")
        })
}

/// The policies in the pod's namespace that select it and have `Egress` among their types.
fn egress_policies<'a>(cluster: &'a Cluster, pod: &'a Pod) -> Vec<&'a NetworkPolicy> {
    cluster.store().network_policies.in_namespace(pod.metadata.ns()).filter(|p| p.spec.affects_egress() && p.spec.pod_selector.matches(&pod.metadata.labels)).map(|p| &**p).collect()
}

fn egress_allows(cluster: &Cluster, from: &Pod, to: Endpoint, port: i32, protocol: &str) -> bool {
    let selecting = egress_policies(cluster, from);
    selecting.is_empty() || selecting.iter().any(|policy| policy.spec.egress.iter().any(|rule| ports_match(&rule.ports, to, port, protocol) && peers_match(cluster, policy, &rule.to, to)))
}

fn ingress_allows(cluster: &Cluster, from: Endpoint, to: Endpoint, port: i32, protocol: &str) -> bool {
    let Endpoint::Pod(pod) = to else { return true };
    let mut selecting = cluster.store().network_policies.in_namespace(pod.metadata.ns()).filter(|p| p.spec.affects_ingress() && p.spec.pod_selector.matches(&pod.metadata.labels)).peekable();
    if selecting.peek().is_none() {
        return true;
    }
    selecting.any(|policy| policy.spec.ingress.iter().any(|rule| ports_match(&rule.ports, to, port, protocol) && peers_match(cluster, policy, &rule.from, from)))
}

/// A rule's `ports`: empty matches every port; else one entry must match the protocol and the
/// port (a number, a range up to `endPort`, or a container port's name on the destination pod).
fn ports_match(ports: &[NetworkPolicyPort], destination: Endpoint, port: i32, protocol: &str) -> bool {
    ports.is_empty()
        || ports.iter().any(|entry| {
            entry.protocol.as_deref().unwrap_or("TCP") == protocol
                && match &entry.port {
                    None => true,
                    Some(IntOrString::Int(number)) => match entry.end_port {
                        Some(end) => (*number..=end).contains(&port),
                        None => *number == port,
                    },
                    Some(IntOrString::Str(name)) => match destination {
                        Endpoint::Pod(pod) => pod.spec.containers.iter().flat_map(|c| c.ports.iter()).any(|p| p.name.as_deref() == Some(name.as_str()) && p.container_port == port && p.protocol.as_deref().unwrap_or("TCP") == protocol),
                        Endpoint::Address(_) => false,
                    },
                }
        })
}

/// A rule's peers (`from` or `to`): empty matches every peer; else one must match.
fn peers_match(cluster: &Cluster, policy: &NetworkPolicy, peers: &[NetworkPolicyPeer], other: Endpoint) -> bool {
    peers.is_empty() || peers.iter().any(|peer| peer_matches(cluster, policy, peer, other))
}

/// Mirrors the `NetworkPolicyPeer` doc comment: pod and namespace selectors together select the
/// pods matching both; alone, a pod selector stays in the policy's namespace.
fn peer_matches(cluster: &Cluster, policy: &NetworkPolicy, peer: &NetworkPolicyPeer, other: Endpoint) -> bool {
    if let Some(block) = &peer.ip_block {
        let address = match other {
            Endpoint::Pod(pod) => pod.status.pod_ip.as_deref(),
            Endpoint::Address(address) => Some(address),
        };
        return address.and_then(|a| a.parse::<IpAddr>().ok()).is_some_and(|ip| block.contains(ip));
    }
    let Endpoint::Pod(pod) = other else { return false };
    let namespace_ok = match &peer.namespace_selector {
        Some(selector) => cluster.store().namespaces.iter().find(|ns| ns.metadata.name.as_str() == pod.metadata.ns()).is_some_and(|ns| selector.matches(&ns.metadata.labels)),
        None => pod.metadata.ns() == policy.metadata.ns(),
    };
    let pod_ok = peer.pod_selector.as_ref().is_none_or(|selector| selector.matches(&pod.metadata.labels));
    namespace_ok && pod_ok && (peer.pod_selector.is_some() || peer.namespace_selector.is_some())
}
