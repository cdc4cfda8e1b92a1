//! Builds the page's render-ready view from the store.

use crate::engine::api::deployment::REVISION_ANNOTATION;
use crate::engine::store::Key;
use crate::engine::Cluster;
use crate::view::{ClusterView, DeploymentView, EventView, NodeView, PodView, ReplicaSetView, ServiceView, WorkloadView};

pub fn view(cluster: &Cluster) -> ClusterView {
    let store = cluster.store();
    let nodes = store
        .nodes
        .iter()
        .map(|n| NodeView {
            name: n.metadata.name.to_string(),
            ready: n.is_ready(),
            kubelet_running: !cluster.node_lifecycle.is_stopped(&n.metadata.name),
            unschedulable: n.spec.unschedulable == Some(true),
            taints: n.spec.taints.iter().map(crate::engine::node_affinity::stored_taint_text).collect(),
        })
        .collect();
    let pods = store
        .pods
        .iter()
        .map(|pod| {
            let owner = pod.metadata.controller_ref().map(|r| r.name.clone());
            let revision = owner.as_ref().and_then(|name| {
                store
                    .replica_sets
                    .get(&Key::new(pod.metadata.ns(), name))
                    .and_then(|rs| rs.metadata.annotation(REVISION_ANNOTATION).map(str::to_string))
            });
            let columns = pod.columns();
            PodView {
                namespace: pod.metadata.ns().to_string(),
                name: pod.metadata.name.to_string(),
                node: pod.spec.node_name.as_deref().map(str::to_string),
                status: columns.status,
                containers_ready: columns.ready,
                containers: columns.total,
                phase: pod.phase().to_string(),
                ready: pod.is_ready(),
                image: pod.spec.containers.first().and_then(|c| c.image.as_deref()).unwrap_or_default().to_string(),
                owner,
                revision,
                ip: pod.status.pod_ip.as_deref().map(str::to_string),
                restarts: columns.restarts,
                labels: pod.metadata.labels.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            }
        })
        .collect();
    let replica_sets = store
        .replica_sets
        .iter()
        .map(|rs| ReplicaSetView {
            namespace: rs.metadata.ns().to_string(),
            name: rs.metadata.name.to_string(),
            owner: rs.metadata.controller_ref().map(|r| r.name.clone()),
            revision: rs.metadata.annotation(REVISION_ANNOTATION).map(str::to_string),
            image: rs.spec.template.first_image().to_string(),
            desired: rs.spec.replicas.unwrap_or(0),
            current: rs.status.replicas,
            ready: rs.status.ready_replicas,
            available: rs.status.available_replicas,
        })
        .collect();
    let deployments = store
        .deployments
        .iter()
        .map(|d| DeploymentView {
            namespace: d.metadata.ns().to_string(),
            name: d.metadata.name.to_string(),
            strategy: d.spec.strategy.type_.clone().unwrap_or_default(),
            replicas: d.replicas(),
            updated: d.status.updated_replicas,
            ready: d.status.ready_replicas,
            available: d.status.available_replicas,
            paused: d.is_paused(),
            autoscaler: store
                .horizontal_pod_autoscalers
                .iter()
                .find(|hpa| {
                    let target = &hpa.spec.scale_target_ref;
                    hpa.metadata.ns() == d.metadata.ns() && target.kind == "Deployment" && target.name == *d.metadata.name && target.api_version == "apps/v1"
                })
                .map(|hpa| (hpa.metadata.name.to_string(), hpa.min_replicas(), hpa.spec.max_replicas)),
        })
        .collect();
    let image_of = |template: &crate::engine::api::pod::PodTemplateSpec| template.spec.containers.first().and_then(|c| c.image.as_deref()).unwrap_or_default().to_string();
    let daemon_sets = store.daemon_sets.iter().map(|ds| WorkloadView {
        kind: "ds",
        namespace: ds.metadata.ns().to_string(),
        name: ds.metadata.name.to_string(),
        image: image_of(&ds.spec.template),
        desired: ds.status.desired_number_scheduled,
        ready: ds.status.number_ready,
        updated: ds.status.updated_number_scheduled,
        available: ds.status.number_available,
        strategy: ds.spec.update_strategy.type_.clone().unwrap_or_default(),
    });
    let stateful_sets = store.stateful_sets.iter().map(|sts| WorkloadView {
        kind: "sts",
        namespace: sts.metadata.ns().to_string(),
        name: sts.metadata.name.to_string(),
        image: image_of(&sts.spec.template),
        desired: sts.replicas(),
        ready: sts.status.ready_replicas,
        updated: sts.status.updated_replicas,
        available: sts.status.available_replicas,
        strategy: sts.spec.update_strategy.type_.clone().unwrap_or_default(),
    });
    let workloads = daemon_sets.chain(stateful_sets).collect();
    let services = store
        .services
        .iter()
        .map(|svc| {
            let endpoints = store.endpoints.get(&Key::of(&svc.metadata, true));
            let names = |ready: bool| -> Vec<String> {
                endpoints
                    .map(|ep| {
                        ep.subsets
                            .iter()
                            .flat_map(|s| if ready { s.addresses.iter() } else { s.not_ready_addresses.iter() })
                            .filter_map(|a| a.target_ref.as_ref().and_then(|t| t.get("name")).and_then(|n| n.as_str()).map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default()
            };
            ServiceView {
                namespace: svc.metadata.ns().to_string(),
                name: svc.metadata.name.to_string(),
                selector: svc.spec.selector.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
                ready_pods: names(true),
                not_ready_pods: names(false),
            }
        })
        .collect();
    let emitted = cluster.events().emitted();
    let events = emitted[emitted.len().saturating_sub(200)..]
        .iter()
        .map(|e| EventView { at_seconds: e.at_ms / 1000, kind: e.type_.to_string(), reason: e.reason.to_string(), object: e.object.clone(), message: e.message.clone() })
        .collect();
    ClusterView { now_seconds: cluster.now().as_secs(), nodes, pods, replica_sets, deployments, workloads, services, events }
}
