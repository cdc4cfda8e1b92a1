//! The node lifecycle controller: a node whose kubelet stopped posting status turns
//! `Ready=Unknown` after the grace period, gets the `unreachable` taints, its pods are marked
//! not ready, and after their toleration (300 s by default) they are evicted, so their
//! ReplicaSets replace them elsewhere. Mirrors `pkg/controller/nodelifecycle` (with the
//! taint-based eviction of the NoExecute taint manager).

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::engine::api::core::Node;
use crate::engine::api::pod::Pod;
use crate::engine::clock::SimTime;
use crate::engine::events::{record, Involved};
use crate::engine::store::{Key, Kind};
use crate::engine::Cluster;

/// `--node-monitor-grace-period`: how long a silent kubelet is trusted.
pub const NODE_MONITOR_GRACE_SECONDS: u64 = 40;
const COMPONENT: &str = "node-controller";
const UNREACHABLE: &str = "node.kubernetes.io/unreachable";

/// Nodes whose kubelet is stopped, with when it stopped and whether the controller noticed.
#[derive(Debug, Clone, Default)]
pub struct NodeLifecycle {
    stopped: BTreeMap<String, (SimTime, bool)>,
    /// Pods the taint eviction controller will evict: when it was scheduled, and when it is due.
    evictions: BTreeMap<Key, (SimTime, SimTime)>,
}

impl NodeLifecycle {
    pub fn is_stopped(&self, node: &str) -> bool {
        self.stopped.contains_key(node)
    }
}

/// Stops or restarts a node's kubelet (what `docker stop` of a kind node does to a real cluster).
pub fn set_kubelet_running(cluster: &mut Cluster, node: &str, running: bool) {
    if running {
        if cluster.node_lifecycle.stopped.remove(node).is_some() {
            mark_node(cluster, node, true);
            // The kubelet looks at every pod it runs again.
            let pods: Vec<Rc<Pod>> = cluster.store.pods.iter().filter(|p| p.spec.node_name.as_deref() == Some(node)).cloned().collect();
            for pod in pods {
                crate::engine::kubelet::resync_after_restart(cluster, &pod);
                cluster.kubelet.wake(Key::of(&pod.metadata, true));
            }
        }
    } else if cluster.store.nodes.get(&Key::new("", node)).is_some() {
        let now = cluster.now();
        cluster.node_lifecycle.stopped.entry(node.to_string()).or_insert((now, false));
    }
    cluster.settle();
}

/// One controller pass per tick.
pub fn step(cluster: &mut Cluster) {
    let now = cluster.now();
    let due: Vec<String> = cluster
        .node_lifecycle
        .stopped
        .iter()
        .filter(|(_, (since, noticed))| !noticed && now.as_millis() >= since.as_millis() + NODE_MONITOR_GRACE_SECONDS * 1000)
        .map(|(name, _)| name.clone())
        .collect();
    for name in due {
        if let Some(entry) = cluster.node_lifecycle.stopped.get_mut(&name) {
            entry.1 = true;
        }
        mark_node(cluster, &name, false);
    }
    let evict: Vec<Key> = cluster.node_lifecycle.evictions.iter().filter(|(_, (_, at))| now >= *at).map(|(k, _)| k.clone()).collect();
    for key in evict {
        cluster.node_lifecycle.evictions.remove(&key);
        let Some(pod) = cluster.store.get::<Pod>(&key) else { continue };
        if pod.metadata.is_deleting() {
            continue;
        }
        let message = format!("Marking for deletion Pod {}/{}", key.namespace, key.name);
        record(cluster, &Involved::of(Kind::Pod, &pod.metadata), "Normal", "TaintManagerEviction", &message, "taint-eviction-controller", "");
        let _ = crate::engine::apiserver::delete_pod(cluster, &key, None);
    }
}

fn mark_node(cluster: &mut Cluster, name: &str, ready: bool) {
    let Some(node) = cluster.store.get::<Node>(&Key::new("", name)) else { return };
    let time = cluster.time();
    let mut updated = (*node).clone();
    for condition in &mut updated.status.conditions {
        if ready {
            let (status, reason, message) = match condition.type_.as_str() {
                "Ready" => ("True", "KubeletReady", "kubelet is posting ready status"),
                "MemoryPressure" => ("False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                "DiskPressure" => ("False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                _ => ("False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
            };
            condition.status = status.into();
            condition.reason = Some(reason.into());
            condition.message = Some(message.into());
        } else {
            condition.status = "Unknown".into();
            condition.reason = Some("NodeStatusUnknown".into());
            condition.message = Some("Kubelet stopped posting node status.".into());
        }
        condition.last_transition_time = Some(time);
    }
    updated.spec.taints.retain(|t| t.get("key").and_then(|k| k.as_str()) != Some(UNREACHABLE));
    if !ready {
        for effect in ["NoSchedule", "NoExecute"] {
            updated.spec.taints.push(serde_json::json!({"effect": effect, "key": UNREACHABLE, "timeAdded": time.rfc3339()}));
        }
    }
    updated.metadata.resource_version.clear();
    let _ = cluster.store.update(updated.clone());
    let _ = cluster.store.update_status(updated);
    let status = if ready { "NodeReady" } else { "NodeNotReady" };
    record(cluster, &Involved::of(Kind::Node, &node.metadata), "Normal", status, &format!("Node {name} status is now: {status}"), COMPONENT, "");
    if ready {
        return;
    }
    // MarkPodsNotReady, and schedule the NoExecute evictions by each pod's toleration.
    let pods: Vec<Rc<Pod>> = cluster.store.pods.iter().filter(|p| p.spec.node_name.as_deref() == Some(name)).cloned().collect();
    for pod in pods {
        record(cluster, &Involved::of(Kind::Pod, &pod.metadata), "Warning", "NodeNotReady", "Node is not ready", COMPONENT, "");
        let mut not_ready = (*pod).clone();
        for condition in not_ready.status.conditions.iter_mut().filter(|c| c.type_ == "Ready") {
            condition.status = "False".into();
            condition.last_transition_time = Some(time);
        }
        for status in &mut not_ready.status.container_statuses {
            status.ready = false;
        }
        not_ready.metadata.resource_version.clear();
        let _ = cluster.store.update_status(not_ready);
    }
    // The NoExecute evictions follow from the taints, through `taints_changed`.
    crate::engine::scheduler::retry_unschedulable(cluster);
}

/// The taint eviction controller on a node whose taints changed (`pkg/controller/tainteviction`,
/// `handleNodeUpdate` then `processPodOnNode` for each of its pods): a pod that does not tolerate
/// every NoExecute taint is evicted now; one that tolerates them all for a while is evicted when
/// the shortest `tolerationSeconds` is up (counted from when its eviction was first scheduled);
/// one that tolerates them for ever, or a node without NoExecute taints, cancels what was
/// scheduled ("Cancelling deletion of Pod"). Pending pods get another try with the scheduler.
pub fn taints_changed(cluster: &mut Cluster, node: &Node) {
    let name = node.metadata.name.clone();
    let taints: Vec<&serde_json::Value> = no_execute_taints(node).collect();
    let pods: Vec<Rc<Pod>> = cluster.store.pods.iter().filter(|p| p.spec.node_name.as_deref() == Some(&*name) && !p.metadata.is_deleting()).cloned().collect();
    for pod in pods {
        process_pod_on_node(cluster, &pod, &taints);
    }
    crate::engine::scheduler::retry_unschedulable(cluster);
}

fn no_execute_taints(node: &Node) -> impl Iterator<Item = &serde_json::Value> {
    node.spec.taints.iter().filter(|t| t.get("effect").and_then(|e| e.as_str()) == Some("NoExecute"))
}

/// `handlePodUpdate`: a pod bound to a node (or whose tolerations changed) is weighed against
/// that node's NoExecute taints, as when the taints change.
pub fn pod_changed(cluster: &mut Cluster, pod: &Rc<Pod>) {
    let Some(node_name) = pod.spec.node_name.as_deref() else { return };
    let Some(node) = cluster.store.nodes.get(&Key::new("", node_name)).cloned() else { return };
    let taints: Vec<&serde_json::Value> = no_execute_taints(&node).collect();
    if taints.is_empty() && !cluster.node_lifecycle.evictions.contains_key(&Key::of(&pod.metadata, true)) {
        return;
    }
    if !pod.metadata.is_deleting() {
        process_pod_on_node(cluster, pod, &taints);
    }
}

/// `processPodOnNode`: evict now, schedule, keep or cancel this pod's eviction.
fn process_pod_on_node(cluster: &mut Cluster, pod: &Rc<Pod>, taints: &[&serde_json::Value]) {
    let now = cluster.now();
    let key = Key::of(&pod.metadata, true);
    if taints.is_empty() {
        cancel_eviction(cluster, pod, &key);
        return;
    }
    // getMatchingTolerations: every taint must be tolerated, else the pod goes now.
    let mut seconds: Option<u64> = None;
    let mut forever = true;
    for taint in taints {
        let matching: Vec<&serde_json::Value> = pod.spec.tolerations.iter().filter(|t| crate::engine::node_affinity::tolerates(t, taint)).collect();
        if matching.is_empty() {
            cancel_eviction(cluster, pod, &key);
            cluster.node_lifecycle.evictions.insert(key, (now, now));
            return;
        }
        // getMinTolerationTime over the tolerations used: none with a time is for ever.
        for toleration in matching {
            if let Some(value) = toleration.get("tolerationSeconds").and_then(|s| s.as_i64()) {
                forever = false;
                let value = value.max(0) as u64;
                seconds = Some(seconds.map_or(value, |s| s.min(value)));
            }
        }
    }
    if forever {
        cancel_eviction(cluster, pod, &key);
        return;
    }
    let wait = seconds.unwrap_or(0);
    let mut start = now;
    if let Some((scheduled_start, _)) = cluster.node_lifecycle.evictions.get(&key).copied() {
        start = scheduled_start;
        if start.plus_secs(wait) < now.plus_secs(wait) {
            return;
        }
        cancel_eviction(cluster, pod, &key);
    }
    cluster.node_lifecycle.evictions.insert(key, (start, start.plus_secs(wait)));
}

/// `cancelWorkWithEvent`: drops a scheduled eviction, saying so on the pod.
fn cancel_eviction(cluster: &mut Cluster, pod: &Pod, key: &Key) {
    if cluster.node_lifecycle.evictions.remove(key).is_some() {
        let message = format!("Cancelling deletion of Pod {}/{}", key.namespace, key.name);
        record(cluster, &Involved::of(Kind::Pod, &pod.metadata), "Normal", "TaintManagerEviction", &message, "taint-eviction-controller", "");
    }
}
