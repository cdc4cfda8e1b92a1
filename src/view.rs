//! A render-ready snapshot of the cluster for the page: plain data, no engine types.

use crate::engine::Cluster;

/// Everything the cluster view draws, at one instant of virtual time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClusterView {
    /// Virtual seconds since the cluster started.
    pub now_seconds: u64,
    pub nodes: Vec<NodeView>,
    pub pods: Vec<PodView>,
    pub replica_sets: Vec<ReplicaSetView>,
    pub deployments: Vec<DeploymentView>,
    pub services: Vec<ServiceView>,
    /// The newest events last, at most 200.
    pub events: Vec<EventView>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct NodeView {
    pub name: String,
    pub ready: bool,
    /// Whether its kubelet runs (`Playground::set_node_running`); a stopped node stays Ready
    /// until the node lifecycle controller notices.
    pub kubelet_running: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PodView {
    pub namespace: String,
    pub name: String,
    /// The node it is bound to, if scheduled.
    pub node: Option<String>,
    /// The STATUS column of `kubectl get pods`: Pending, ContainerCreating, Running, Terminating, ...
    pub status: String,
    /// The pod phase: Pending, Running, Succeeded, Failed.
    pub phase: String,
    /// The Ready condition.
    pub ready: bool,
    /// The first container's image.
    pub image: String,
    /// The owning ReplicaSet's name, if any.
    pub owner: Option<String>,
    /// The owning ReplicaSet's `deployment.kubernetes.io/revision`, if any.
    pub revision: Option<String>,
    /// The pod's IP once it has one.
    pub ip: Option<String>,
    pub restarts: i32,
    pub labels: Vec<(String, String)>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReplicaSetView {
    pub namespace: String,
    pub name: String,
    pub owner: Option<String>,
    pub revision: Option<String>,
    pub image: String,
    pub desired: i32,
    pub current: i32,
    pub ready: i32,
    pub available: i32,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DeploymentView {
    pub namespace: String,
    pub name: String,
    pub strategy: String,
    pub replicas: i32,
    pub updated: i32,
    pub ready: i32,
    pub available: i32,
    pub paused: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServiceView {
    pub namespace: String,
    pub name: String,
    pub selector: Vec<(String, String)>,
    /// Names of the pods whose addresses are ready endpoints of this Service.
    pub ready_pods: Vec<String>,
    /// Names of matching pods that are not ready (no traffic).
    pub not_ready_pods: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventView {
    pub at_seconds: u64,
    pub kind: String,
    pub reason: String,
    pub object: String,
    pub message: String,
}

/// Builds the view from the engine's store.
pub fn snapshot(cluster: &Cluster) -> ClusterView {
    cluster.view()
}
