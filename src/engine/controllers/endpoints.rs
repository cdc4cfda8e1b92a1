//! The Endpoints controller: a Service's ready and not-ready pod addresses.
//! Mirrors `pkg/controller/endpoint/endpoints_controller.go` (`syncService`).

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::engine::api::core::{EndpointAddress, EndpointPort, EndpointSubset, Endpoints, Service};
use crate::engine::api::intstr::IntOrString;
use crate::engine::api::meta::ObjectMeta;
use crate::engine::api::pod::Pod;
use crate::engine::store::{Key, KeyRef};
use crate::engine::Cluster;
use crate::order::SharedSort;

/// Queues every Service whose selector matches the pod before or after the change.
pub fn observe_pod(cluster: &mut Cluster, old: Option<&Rc<Pod>>, new: Option<&Rc<Pod>>) {
    let Some(any) = new.or(old) else { return };
    let (store, queue) = (&cluster.store, &mut cluster.endpoints_queue);
    let matching = store.services.in_namespace(any.metadata.ns()).filter(|svc| !svc.spec.selector.is_empty()).filter(|svc| {
        let matches = |pod: Option<&Rc<Pod>>| pod.is_some_and(|p| svc.spec.selector.iter().all(|(k, v)| p.metadata.labels.get(k) == Some(v)));
        matches(old) || matches(new)
    });
    for svc in matching {
        queue.add_ref(KeyRef::of(&svc.metadata, true));
    }
}

/// Mirrors `syncService`: recompute the Endpoints of a selector Service from its pods.
pub fn sync(cluster: &mut Cluster, key: &Key) {
    let Some(service) = cluster.store.get::<Service>(key) else {
        let _ = cluster.store.remove::<Endpoints>(key);
        return;
    };
    if service.spec.selector.is_empty() || service.metadata.is_deleting() {
        return;
    }
    let subsets = compute_subsets(cluster, &service);
    let existing = cluster.store.get::<Endpoints>(key);
    let mut labels = service.metadata.labels.clone();
    labels.insert("endpoints.kubernetes.io/managed-by".into(), "endpoint-controller".into());
    labels.retain(|k, _| k != "service.kubernetes.io/headless");
    match existing {
        Some(current) => {
            if current.subsets == subsets && current.metadata.labels == labels {
                return;
            }
            let mut updated = (*current).clone();
            updated.subsets = subsets;
            updated.metadata.labels = labels;
            updated.metadata.resource_version.clear();
            let _ = cluster.store.update(updated);
        }
        None => {
            let endpoints = Endpoints {
                metadata: ObjectMeta { name: key.name.clone().into(), namespace: Some(key.namespace.clone().into()), labels, ..Default::default() },
                subsets,
            };
            let now = cluster.time();
            let _ = cluster.store.create(endpoints, now, &mut cluster.rng);
        }
    }
}

fn container_port(pod: &Pod, target: &IntOrString) -> Option<i32> {
    match target {
        IntOrString::Int(port) => Some(*port),
        IntOrString::Str(name) => pod
            .spec
            .containers
            .iter()
            .flat_map(|c| c.ports.iter())
            .find(|p| p.name.as_deref() == Some(name.as_str()))
            .map(|p| p.container_port),
    }
}

/// Groups addresses by their resolved port sets, as `RepackSubsets` does; addresses sorted by IP.
fn compute_subsets(cluster: &Cluster, service: &Service) -> Vec<EndpointSubset> {
    let mut groups: BTreeMap<Vec<(Option<String>, i32, Option<String>)>, (Vec<EndpointAddress>, Vec<EndpointAddress>)> = BTreeMap::new();
    let namespace = service.metadata.ns();
    for pod in cluster.store.pods.in_namespace(namespace) {
        if !service.spec.selector.iter().all(|(k, v)| pod.metadata.labels.get(k) == Some(v)) {
            continue;
        }
        let Some(ip) = pod.status.pod_ip.clone() else { continue };
        if pod.metadata.is_deleting() || matches!(pod.phase(), "Succeeded" | "Failed") {
            continue;
        }
        let mut ports = Vec::new();
        for port in &service.spec.ports {
            let target = port.target_port.clone().unwrap_or(IntOrString::Int(port.port));
            if let Some(number) = container_port(pod, &target) {
                ports.push((port.name.clone(), number, port.protocol.clone()));
            }
        }
        if ports.is_empty() && !service.spec.ports.is_empty() {
            continue;
        }
        // podToEndpointAddressForService: the hostname when the pod's subdomain is this Service.
        let hostname = pod.spec.hostname.as_deref().filter(|h| !h.is_empty() && pod.spec.subdomain.as_deref() == Some(&*service.metadata.name)).map(str::to_string);
        let address = EndpointAddress {
            ip: ip.to_string(),
            hostname,
            node_name: pod.spec.node_name.as_deref().map(str::to_string),
            target_ref: Some(serde_json::json!({
                "kind": "Pod",
                "name": pod.metadata.name,
                "namespace": namespace,
                "uid": pod.metadata.uid,
            })),
        };
        let entry = groups.entry(ports).or_default();
        if pod.is_ready() {
            entry.0.push(address);
        } else {
            entry.1.push(address);
        }
    }
    groups
        .into_iter()
        .map(|(ports, (mut ready, mut not_ready))| {
            let by_ip = |a: &EndpointAddress, b: &EndpointAddress| ip_key(&a.ip).cmp(&ip_key(&b.ip));
            ready.shared_sort_by(by_ip);
            not_ready.shared_sort_by(by_ip);
            EndpointSubset {
                addresses: ready,
                not_ready_addresses: not_ready,
                ports: ports.into_iter().map(|(name, port, protocol)| EndpointPort { name, port, protocol }).collect(),
            }
        })
        .collect()
}

fn ip_key(ip: &str) -> Vec<u32> {
    ip.split('.').map(|part| part.parse().unwrap_or(0)).collect()
}
