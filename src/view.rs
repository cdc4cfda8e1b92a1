//! A render-ready snapshot of the cluster for the page: plain data, no engine types.

use std::ops::Deref;

use crate::engine::Cluster;
use crate::explain::{self, Explanation};

/// How many of the newest events `snapshot` explains (the page lists as many).
pub const N_EXPLAINED: usize = 5;

/// Everything the cluster view draws, at one instant of virtual time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClusterView {
    /// Virtual seconds since the cluster started.
    pub now_seconds: u64,
    pub nodes: Vec<NodeView>,
    pub pods: Vec<PodView>,
    pub replica_sets: Vec<ReplicaSetView>,
    pub deployments: Vec<DeploymentView>,
    /// DaemonSets and StatefulSets, each drawn as a card above the lanes.
    pub workloads: Vec<WorkloadView>,
    pub services: Vec<ServiceView>,
    /// The newest events last, at most 200; the newest `N_EXPLAINED` explained.
    pub events: EventFeed,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct NodeView {
    pub name: String,
    pub ready: bool,
    /// Whether its kubelet runs (`Playground::set_node_running`); a stopped node stays Ready
    /// until the node lifecycle controller notices.
    pub kubelet_running: bool,
    /// Cordoned (`spec.unschedulable`): `kubectl get nodes` says `Ready,SchedulingDisabled`.
    pub unschedulable: bool,
    /// Its taints as `kubectl describe node` writes them (`dedicated=gpu:NoSchedule`).
    pub taints: Vec<String>,
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
    /// The READY column of `kubectl get pods`: ready containers, and containers (`1/2`).
    pub containers_ready: usize,
    pub containers: usize,
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
    /// The HorizontalPodAutoscaler that scales it: (its name, minReplicas, maxReplicas).
    pub autoscaler: Option<(String, i32, i32)>,
}

/// A DaemonSet (`kind` "ds") or StatefulSet ("sts"): how many pods it wants, has ready, has
/// updated and available, and how it updates them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WorkloadView {
    pub kind: &'static str,
    pub namespace: String,
    pub name: String,
    pub image: String,
    pub desired: i32,
    pub ready: i32,
    pub updated: i32,
    pub available: i32,
    pub strategy: String,
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

/// Recent events, oldest first, read as a slice of `EventView`s, with the explanations of the
/// newest few (`explain::explain`), which are computed only for those to keep a snapshot cheap.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventFeed {
    events: Vec<EventView>,
    /// The explanations of the last `explanations.len()` events, oldest first.
    explanations: Vec<Option<Explanation>>,
}

impl EventFeed {
    /// Why `self[index]` happened, if it is one of the explained newest events and has an explanation.
    pub fn explanation(&self, index: usize) -> Option<&Explanation> {
        let first_explained = self.events.len().checked_sub(self.explanations.len())?;
        self.explanations.get(index.checked_sub(first_explained)?)?.as_ref()
    }

    /// Explains the newest `n` events (at most as many as there are) against `cluster`, whose
    /// newest emitted event must be the feed's newest.
    pub fn explain_newest(&mut self, cluster: &Cluster, n: usize) {
        self.explanations = explain::explain_newest(cluster, n.min(self.events.len()));
    }

    /// Sets the explanations of the newest events directly (tests, hand-made views).
    pub fn with_explanations(mut self, explanations: Vec<Option<Explanation>>) -> EventFeed {
        self.explanations = explanations.into_iter().rev().take(self.events.len()).collect::<Vec<_>>().into_iter().rev().collect();
        self
    }
}

impl FromIterator<EventView> for EventFeed {
    fn from_iter<I: IntoIterator<Item = EventView>>(iter: I) -> EventFeed {
        EventFeed { events: iter.into_iter().collect(), explanations: Vec::new() }
    }
}

impl From<Vec<EventView>> for EventFeed {
    fn from(events: Vec<EventView>) -> EventFeed {
        EventFeed { events, explanations: Vec::new() }
    }
}

impl Deref for EventFeed {
    type Target = [EventView];
    fn deref(&self) -> &[EventView] {
        &self.events
    }
}

/// Builds the view from the engine's store, with the newest `N_EXPLAINED` events explained.
pub fn snapshot(cluster: &Cluster) -> ClusterView {
    let mut view = cluster.view();
    view.events.explain_newest(cluster, N_EXPLAINED);
    view
}
