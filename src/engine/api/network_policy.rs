//! NetworkPolicies (networking.k8s.io/v1): which traffic may reach (ingress) and leave (egress)
//! the pods a policy selects. The semantics, quoted from the API's doc comments
//! (k8s.io/api/networking/v1/types.go), are enforced by `engine::network_policy`.

use serde::{Deserialize, Serialize};

use crate::engine::api::intstr::IntOrString;
use crate::engine::api::meta::{null_as_default, ObjectMeta};
use crate::engine::api::selector::LabelSelector;

/// `networkingv1.NetworkPolicy`. It has no status (the field is tombstoned in types.go).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkPolicy {
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: NetworkPolicySpec,
}

/// `NetworkPolicySpec`. `podSelector` is always written (`{}` selects every pod of the
/// namespace); `policyTypes` is defaulted by the apiserver (`SetDefaults_NetworkPolicy`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkPolicySpec {
    #[serde(default, deserialize_with = "null_as_default")]
    pub pod_selector: LabelSelector,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub ingress: Vec<NetworkPolicyIngressRule>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub egress: Vec<NetworkPolicyEgressRule>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub policy_types: Vec<String>,
}

/// `NetworkPolicyIngressRule`: traffic must match both `ports` and `from`; an empty list
/// matches everything.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkPolicyIngressRule {
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub ports: Vec<NetworkPolicyPort>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub from: Vec<NetworkPolicyPeer>,
}

/// `NetworkPolicyEgressRule`: as an ingress rule, with destinations (`to`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkPolicyEgressRule {
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub ports: Vec<NetworkPolicyPort>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub to: Vec<NetworkPolicyPeer>,
}

/// `NetworkPolicyPort`: a protocol (defaulted to TCP), a port number or a container port's
/// name (none: every port), and with a number an optional inclusive `endPort`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkPolicyPort {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<IntOrString>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_port: Option<i32>,
}

/// `NetworkPolicyPeer`: pods by label (in the policy's namespace, or in the namespaces the
/// namespace selector picks when both are set), whole namespaces, or an IP block (alone).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkPolicyPeer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod_selector: Option<LabelSelector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace_selector: Option<LabelSelector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_block: Option<IpBlock>,
}

/// `IPBlock`: a CIDR, less the CIDRs in `except`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IpBlock {
    #[serde(default)]
    pub cidr: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub except: Vec<String>,
}

impl NetworkPolicySpec {
    /// Whether the policy has `Ingress` among its policy types (after defaulting).
    pub fn affects_ingress(&self) -> bool {
        self.policy_types.iter().any(|t| t == "Ingress")
    }

    /// Whether the policy has `Egress` among its policy types (after defaulting).
    pub fn affects_egress(&self) -> bool {
        self.policy_types.iter().any(|t| t == "Egress")
    }
}

/// A CIDR parsed as `net.ParseCIDR` reads one (IPv4 or IPv6, `address/prefix`), as the network
/// and its prefix length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    pub network: std::net::IpAddr,
    pub prefix: u8,
}

impl Cidr {
    /// Parses `10.0.0.0/16` or `2001:db8::/64`; the address is masked to its network, as
    /// `ParseCIDR` returns it.
    pub fn parse(text: &str) -> Option<Cidr> {
        let (address, prefix) = text.split_once('/')?;
        if prefix.is_empty() || prefix.len() > 3 || !prefix.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let prefix: u8 = prefix.parse().ok()?;
        let address: std::net::IpAddr = address.parse().ok()?;
        let bits = if address.is_ipv4() { 32 } else { 128 };
        if prefix > bits {
            return None;
        }
        let network = match address {
            std::net::IpAddr::V4(v4) => std::net::IpAddr::V4(std::net::Ipv4Addr::from(u32::from(v4) & mask32(prefix))),
            std::net::IpAddr::V6(v6) => std::net::IpAddr::V6(std::net::Ipv6Addr::from(u128::from(v6) & mask128(prefix))),
        };
        Some(Cidr { network, prefix })
    }

    /// Whether `ip` is inside the block (an address of the other family never is).
    pub fn contains(&self, ip: std::net::IpAddr) -> bool {
        match (self.network, ip) {
            (std::net::IpAddr::V4(net), std::net::IpAddr::V4(ip)) => u32::from(ip) & mask32(self.prefix) == u32::from(net),
            (std::net::IpAddr::V6(net), std::net::IpAddr::V6(ip)) => u128::from(ip) & mask128(self.prefix) == u128::from(net),
            _ => false,
        }
    }
}

fn mask32(prefix: u8) -> u32 {
    if prefix == 0 { 0 } else { u32::MAX << (32 - u32::from(prefix)) }
}

fn mask128(prefix: u8) -> u128 {
    if prefix == 0 { 0 } else { u128::MAX << (128 - u32::from(prefix)) }
}

impl IpBlock {
    /// Whether `ip` is in `cidr` and in none of `except` (unparsable CIDRs match nothing).
    pub fn contains(&self, ip: std::net::IpAddr) -> bool {
        Cidr::parse(&self.cidr).is_some_and(|c| c.contains(ip)) && !self.except.iter().any(|e| Cidr::parse(e).is_some_and(|c| c.contains(ip)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidrs_parse_and_contain_like_net_parse_cidr() {
        let block = Cidr::parse("172.17.1.5/16").expect("valid");
        assert_eq!(block.network.to_string(), "172.17.0.0");
        assert!(block.contains("172.17.200.1".parse().unwrap()));
        assert!(!block.contains("172.18.0.1".parse().unwrap()));
        assert!(Cidr::parse("0.0.0.0/0").unwrap().contains("10.1.2.3".parse().unwrap()));
        assert!(Cidr::parse("10.0.0.1/32").unwrap().contains("10.0.0.1".parse().unwrap()));
        for bad in ["10.0.0.0", "10.0.0.0/33", "10.0.0/8", "x/8", "10.0.0.0/", "10.0.0.0/+8"] {
            assert_eq!(Cidr::parse(bad), None, "{bad}");
        }
        let block = IpBlock { cidr: "10.244.0.0/16".into(), except: vec!["10.244.1.0/24".into()] };
        assert!(block.contains("10.244.0.9".parse().unwrap()));
        assert!(!block.contains("10.244.1.9".parse().unwrap()));
    }
}
