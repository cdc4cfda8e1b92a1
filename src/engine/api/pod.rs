//! Pods: the spec a learner writes (containers, probes, env, volumes) and the status the kubelet reports.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::engine::api::meta::{null_as_default, ObjectMeta};
use crate::engine::api::intstr::IntOrString;
use crate::engine::api::shared::{is_empty_vec, Shared};
use crate::engine::api::sparse::Sparse;
use crate::engine::api::text::Text;
use crate::engine::clock::Time;

type Extra = BTreeMap<String, serde_json::Value>;

/// `v1.Pod`. The spec is shared (`Rc`) so status updates do not copy it, and its lists are
/// `Shared` so a new spec (binding sets `nodeName`) copies pointers, not containers.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pod {
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: Rc<PodSpec>,
    #[serde(default)]
    pub status: PodStatus,
}

impl PartialEq for Pod {
    /// Equal specs are usually the same `Rc`: compare the pointer before the contents.
    fn eq(&self, other: &Pod) -> bool {
        self.metadata == other.metadata && self.status == other.status && (Rc::ptr_eq(&self.spec, &other.spec) || self.spec == other.spec)
    }
}

/// `v1.PodTemplateSpec`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodTemplateSpec {
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: PodSpec,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodSpec {
    #[serde(default, skip_serializing_if = "is_empty_vec", deserialize_with = "null_as_default")]
    pub volumes: Shared<Vec<Volume>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub init_containers: Vec<Container>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub containers: Shared<Vec<Container>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restart_policy: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub termination_grace_period_seconds: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_deadline_seconds: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dns_policy: Option<Text>,
    /// Sparse, as the unknown fields: rarely set, and the spec is copied when a pod is bound.
    #[serde(default, skip_serializing_if = "crate::engine::api::sparse::is_empty", deserialize_with = "null_as_default")]
    pub node_selector: Sparse<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_account_name: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_account: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_name: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_context: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hostname: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subdomain: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduler_name: Option<Text>,
    #[serde(default, skip_serializing_if = "is_empty_vec", deserialize_with = "null_as_default")]
    pub tolerations: Shared<Vec<serde_json::Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_service_links: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preemption_policy: Option<Text>,
    /// Valid PodSpec fields kubeplay keeps but does not simulate (affinity, hostNetwork, ...).
    #[serde(flatten)]
    pub extra: Sparse<Extra>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
/// The probes are boxed and the command, args and unknown fields sparse: most containers have
/// none, and a container is copied into every pod of a ReplicaSet (admission gives each pod its
/// own service-account mount).
pub struct Container {
    #[serde(default)]
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<Text>,
    #[serde(default, skip_serializing_if = "crate::engine::api::sparse::is_empty", deserialize_with = "null_as_default")]
    pub command: Sparse<Vec<String>>,
    #[serde(default, skip_serializing_if = "crate::engine::api::sparse::is_empty", deserialize_with = "null_as_default")]
    pub args: Sparse<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_dir: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub ports: Vec<ContainerPort>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub env_from: Vec<EnvFromSource>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub env: Vec<EnvVar>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<ResourceRequirements>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub volume_mounts: Vec<VolumeMount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub liveness_probe: Option<Box<Probe>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readiness_probe: Option<Box<Probe>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub startup_probe: Option<Box<Probe>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub termination_message_path: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub termination_message_policy: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_pull_policy: Option<Text>,
    #[serde(flatten)]
    pub extra: Sparse<Extra>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerPort {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_port: Option<i32>,
    #[serde(default)]
    pub container_port: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_ip: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvVar {
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_from: Option<EnvVarSource>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvVarSource {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config_map_key_ref: Option<KeySelector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_key_ref: Option<KeySelector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_ref: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_field_ref: Option<serde_json::Value>,
}

/// `ConfigMapKeySelector` / `SecretKeySelector`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeySelector {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvFromSource {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config_map_ref: Option<LocalRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_ref: Option<LocalRef>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LocalRef {
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceRequirements {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "null_as_default")]
    pub limits: BTreeMap<String, serde_json::Value>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "null_as_default")]
    pub requests: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VolumeMount {
    #[serde(default)]
    pub name: Text,
    #[serde(default)]
    pub mount_path: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_only: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_path: Option<String>,
    #[serde(flatten)]
    pub extra: Sparse<Extra>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Volume {
    #[serde(default)]
    pub name: Text,
    /// Boxed, as the secret source: every pod has a volume of its own (its service-account
    /// token's), which has neither.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config_map: Option<Box<ConfigMapVolumeSource>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<Box<SecretVolumeSource>>,
    /// Other volume sources (emptyDir, hostPath, persistentVolumeClaim, projected, ...), kept as
    /// written; shared, since every pod's service-account volume has the same source.
    #[serde(flatten)]
    pub extra: Shared<Extra>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfigMapVolumeSource {
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub items: Vec<KeyToPath>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_mode: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SecretVolumeSource {
    #[serde(default)]
    pub secret_name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub items: Vec<KeyToPath>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_mode: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyToPath {
    pub key: String,
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<i32>,
}

/// `v1.Probe`: the handler is kept as written; timing fields drive the kubelet.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Probe {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_get: Option<HttpGetAction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tcp_socket: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exec: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grpc: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_delay_seconds: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_seconds: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_seconds: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_threshold: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_threshold: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub termination_grace_period_seconds: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpGetAction {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub port: IntOrString,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub http_headers: Vec<serde_json::Value>,
}

impl Default for IntOrString {
    fn default() -> Self {
        IntOrString::Int(0)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodStatus {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub conditions: Vec<PodCondition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "hostIP")]
    pub host_ip: Option<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", rename = "hostIPs", deserialize_with = "null_as_default")]
    pub host_ips: Vec<IpEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "podIP")]
    pub pod_ip: Option<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", rename = "podIPs", deserialize_with = "null_as_default")]
    pub pod_ips: Vec<IpEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Time>,
    /// The init containers' statuses, in the spec's order (written from the kubelet's first
    /// sight of a pod that has init containers).
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub init_container_statuses: Vec<ContainerStatus>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub container_statuses: Vec<ContainerStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qos_class: Option<Text>,
    /// The ephemeral containers the kubelet started (`kubectl debug`).
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub ephemeral_container_statuses: Vec<ContainerStatus>,
}

/// `{ip: ...}` entries of podIPs and hostIPs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IpEntry {
    pub ip: Text,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodCondition {
    /// `type` and `status` are almost always one of a few words: literals, not copied, when the
    /// kubelet and the scheduler write them (every status write copies the conditions).
    #[serde(rename = "type")]
    pub type_: Text,
    pub status: Text,
    #[serde(default)]
    pub last_probe_time: Option<Time>,
    #[serde(default)]
    pub last_transition_time: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<Text>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerStatus {
    pub name: Text,
    #[serde(default)]
    pub state: ContainerState,
    #[serde(default)]
    pub last_state: ContainerState,
    pub ready: bool,
    pub restart_count: i32,
    pub image: Text,
    #[serde(rename = "imageID", default)]
    pub image_id: Text,
    #[serde(rename = "containerID", default, skip_serializing_if = "Option::is_none")]
    pub container_id: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerState {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiting: Option<StateWaiting>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub running: Option<StateRunning>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Boxed: a status is copied on every write, and few containers have terminated.
    pub terminated: Option<Box<StateTerminated>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StateWaiting {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<Text>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StateRunning {
    #[serde(default)]
    pub started_at: Option<Time>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StateTerminated {
    pub exit_code: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<Text>,
    #[serde(default)]
    pub started_at: Option<Time>,
    #[serde(default)]
    pub finished_at: Option<Time>,
    #[serde(rename = "containerID", default, skip_serializing_if = "Option::is_none")]
    pub container_id: Option<Text>,
}

impl Pod {
    pub fn condition(&self, type_: &str) -> Option<&PodCondition> {
        self.status.conditions.iter().find(|c| c.type_ == type_)
    }

    /// `podutil.IsPodReady`: the Ready condition is True.
    pub fn is_ready(&self) -> bool {
        self.condition("Ready").is_some_and(|c| c.status == "True")
    }

    /// `podutil.IsPodAvailable`: Ready for longer than minReadySeconds (strictly) at `now`.
    pub fn is_available(&self, min_ready_seconds: i32, now: Time) -> bool {
        let Some(ready) = self.condition("Ready").filter(|c| c.status == "True") else {
            return false;
        };
        if min_ready_seconds <= 0 {
            return true;
        }
        ready.last_transition_time.is_some_and(|t| t.0 + i64::from(min_ready_seconds) < now.0)
    }

    pub fn phase(&self) -> &str {
        self.status.phase.as_deref().unwrap_or("Pending")
    }

    /// `controller.IsPodActive`: not Succeeded, not Failed, not being deleted.
    pub fn is_active(&self) -> bool {
        let phase = self.phase();
        phase != "Succeeded" && phase != "Failed" && self.metadata.deletion_timestamp.is_none()
    }

    /// The status of the container with this name: a main, init or ephemeral container's.
    pub fn container_status(&self, name: &str) -> Option<&ContainerStatus> {
        let status = &self.status;
        status.container_statuses.iter().chain(&status.init_container_statuses).chain(&status.ephemeral_container_statuses).find(|s| *s.name == *name)
    }

    pub fn restart_count(&self) -> i32 {
        self.status.container_statuses.iter().map(|c| c.restart_count).max().unwrap_or(0)
    }
}

/// The READY, STATUS and RESTARTS columns of a pod's row, as `printPod` computes them.
#[derive(Debug, Clone, PartialEq)]
pub struct PodColumns {
    pub ready: usize,
    pub total: usize,
    pub status: String,
    pub restarts: i32,
    /// When the latest counted restart's run ended (RESTARTS prints `N (AGE ago)`).
    pub last_restart: Option<Time>,
}

impl Container {
    /// `isRestartableInitContainer`: an init container with `restartPolicy: Always` (a sidecar).
    pub fn is_restartable_init(&self) -> bool {
        self.extra.get("restartPolicy").and_then(serde_json::Value::as_str) == Some("Always")
    }
}

impl Pod {
    /// The STATUS column of `kubectl get pods` (see `columns`).
    pub fn status_column(&self) -> String {
        self.columns().status
    }

    /// The READY, STATUS and RESTARTS columns of `kubectl get pods`. Mirrors `printPod`
    /// (pkg/printers/internalversion/printers.go, 1.32): the phase or the pod's reason; while an
    /// init container has not completed, `Init:N/M`, `Init:REASON` (waiting other than
    /// PodInitializing, or terminated in failure) and the init containers' restarts; otherwise
    /// the last waiting/terminated main container's reason; sidecars (restartable init
    /// containers) count among the containers and their restarts always count; `Terminating`
    /// once a deletionTimestamp is set, unless the pod has finished (`Unknown` when the node is
    /// lost). The main containers'
    /// restarts are their largest count: the simulated kubelet restarts a pod's containers
    /// together, so a sum would count one restart once per container.
    pub fn columns(&self) -> PodColumns {
        let mut reason = self.status.phase.clone().unwrap_or(Text::from_static("Pending"));
        if let Some(r) = &self.status.reason {
            reason = r.clone();
        }
        let init_spec = |name: &str| self.spec.init_containers.iter().find(|c| *c.name == *name);
        let total = self.spec.containers.len() + self.spec.init_containers.iter().filter(|c| c.is_restartable_init()).count();
        let mut ready = 0;
        let mut restarts = 0;
        let mut sidecar_restarts = 0;
        let mut last_restart: Option<Time> = None;
        let mut sidecar_last_restart: Option<Time> = None;
        let mut initializing = false;
        for (index, container) in self.status.init_container_statuses.iter().enumerate() {
            restarts += container.restart_count;
            let finished = container.last_state.terminated.as_ref().and_then(|t| t.finished_at);
            last_restart = last_restart.max(finished);
            let restartable = init_spec(&container.name).is_some_and(Container::is_restartable_init);
            if restartable {
                sidecar_restarts += container.restart_count;
                sidecar_last_restart = sidecar_last_restart.max(finished);
            }
            match (&container.state.terminated, &container.state.waiting) {
                (Some(t), _) if t.exit_code == 0 => continue,
                _ if restartable && container.started == Some(true) => {
                    if container.ready {
                        ready += 1;
                    }
                    continue;
                }
                (Some(t), _) => {
                    reason = match t.reason.as_ref().filter(|r| !r.is_empty()) {
                        Some(r) => format!("Init:{r}").into(),
                        None => format!("Init:ExitCode:{}", t.exit_code).into(),
                    };
                }
                (None, Some(w)) if w.reason.as_deref().is_some_and(|r| !r.is_empty() && r != "PodInitializing") => {
                    reason = format!("Init:{}", w.reason.as_deref().unwrap_or_default()).into();
                }
                _ => reason = format!("Init:{index}/{}", self.spec.init_containers.len()).into(),
            }
            initializing = true;
            break;
        }
        let initialized = self.condition("Initialized").is_some_and(|c| c.status == "True");
        if !initializing || initialized {
            restarts = sidecar_restarts + self.status.container_statuses.iter().map(|c| c.restart_count).max().unwrap_or(0);
            last_restart = sidecar_last_restart;
            let mut has_running = false;
            for container in self.status.container_statuses.iter().rev() {
                last_restart = last_restart.max(container.last_state.terminated.as_ref().and_then(|t| t.finished_at));
                if let Some(waiting) = container.state.waiting.as_ref().filter(|w| w.reason.as_deref().is_some_and(|r| !r.is_empty())) {
                    reason = waiting.reason.clone().unwrap_or_default();
                } else if let Some(terminated) = &container.state.terminated {
                    reason = match terminated.reason.as_ref().filter(|r| !r.is_empty()) {
                        Some(r) => r.clone(),
                        None => format!("ExitCode:{}", terminated.exit_code).into(),
                    };
                } else if container.ready && container.state.running.is_some() {
                    has_running = true;
                    ready += 1;
                }
            }
            if reason == "Completed" && has_running {
                reason = Text::from_static(if self.is_ready() { "Running" } else { "NotReady" });
            }
        }
        // A finished pod (Succeeded, Failed) being deleted keeps its status word.
        let terminal = matches!(self.status.phase.as_deref(), Some("Succeeded" | "Failed"));
        if self.metadata.deletion_timestamp.is_some() && self.status.reason.as_deref() == Some("NodeLost") {
            reason = Text::from_static("Unknown");
        } else if self.metadata.deletion_timestamp.is_some() && !terminal {
            reason = Text::from_static("Terminating");
        }
        PodColumns { ready, total, status: reason.to_string(), restarts, last_restart }
    }
}

impl PodTemplateSpec {
    /// The first container's image, which the views use as the "version" of a template.
    pub fn first_image(&self) -> &str {
        self.spec.containers.first().and_then(|c| c.image.as_deref()).unwrap_or("")
    }
}

impl PodSpec {
    /// The ephemeral containers (`kubectl debug`), kept as the API has them in `extra` (each as
    /// a container: its `targetContainerName` among the unknown fields). Entries that are not
    /// containers are skipped.
    pub fn ephemeral_containers(&self) -> Vec<Container> {
        self.extra
            .get("ephemeralContainers")
            .and_then(serde_json::Value::as_array)
            .map(|list| list.iter().filter_map(|item| serde_json::from_value::<Container>(item.clone()).ok()).collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pod with these init containers (a sidecar when the name starts with `side`) and one
    /// main container, its statuses given as JSON.
    fn pod(init: &[&str], init_statuses: serde_json::Value, main_status: serde_json::Value, initialized: bool) -> Pod {
        let init_containers: Vec<serde_json::Value> =
            init.iter().map(|name| if name.starts_with("side") { serde_json::json!({"name": name, "restartPolicy": "Always"}) } else { serde_json::json!({"name": name}) }).collect();
        serde_json::from_value(serde_json::json!({
            "metadata": {"name": "p"},
            "spec": {"initContainers": init_containers, "containers": [{"name": "app"}]},
            "status": {
                "phase": "Pending",
                "conditions": [{"type": "Initialized", "status": if initialized { "True" } else { "False" }}],
                "initContainerStatuses": init_statuses,
                "containerStatuses": [main_status],
            }
        }))
        .expect("a valid pod")
    }

    /// The READY, STATUS and RESTARTS columns `printPod` gives a pod in its init containers.
    #[test]
    fn init_container_columns_are_printed_as_print_pod_does() {
        let waiting = |reason: &str| serde_json::json!({"waiting": {"reason": reason}});
        let done = serde_json::json!({"terminated": {"exitCode": 0, "reason": "Completed"}});
        let main_waiting = serde_json::json!({"name": "app", "ready": false, "restartCount": 0, "image": "nginx", "state": waiting("PodInitializing")});
        let main_running = serde_json::json!({"name": "app", "ready": true, "restartCount": 0, "image": "nginx", "state": {"running": {}}});
        let status = |name: &str, state: serde_json::Value, restarts: i32| serde_json::json!({"name": name, "ready": false, "image": "busybox", "state": state, "restartCount": restarts});
        let cases = [
            // (init containers, their statuses, main status, initialized) -> (ready, total, status, restarts)
            (pod(&["a", "b"], serde_json::json!([status("a", waiting("PodInitializing"), 0), status("b", waiting("PodInitializing"), 0)]), main_waiting.clone(), false), (0, 1, "Init:0/2", 0)),
            (pod(&["a", "b"], serde_json::json!([status("a", done.clone(), 0), status("b", serde_json::json!({"running": {}}), 0)]), main_waiting.clone(), false), (0, 1, "Init:1/2", 0)),
            (pod(&["a"], serde_json::json!([status("a", waiting("CrashLoopBackOff"), 3)]), main_waiting.clone(), false), (0, 1, "Init:CrashLoopBackOff", 3)),
            (pod(&["a"], serde_json::json!([status("a", serde_json::json!({"terminated": {"exitCode": 1, "reason": "Error"}}), 0)]), main_waiting.clone(), false), (0, 1, "Init:Error", 0)),
            (pod(&["a"], serde_json::json!([status("a", serde_json::json!({"terminated": {"exitCode": 2}}), 0)]), main_waiting.clone(), false), (0, 1, "Init:ExitCode:2", 0)),
            (pod(&["a"], serde_json::json!([status("a", done.clone(), 2)]), main_waiting.clone(), true), (0, 1, "PodInitializing", 0)),
            // A started sidecar counts among the containers (and as ready), its restarts always.
            (pod(&["side"], serde_json::json!([{"name": "side", "ready": true, "started": true, "restartCount": 1, "image": "busybox", "state": {"running": {}}}]), main_running, true), (2, 2, "Pending", 1)),
        ];
        // Being deleted: Terminating, unless finished (a Job's completed pod stays Completed).
        let deleting = |phase: &str, state: serde_json::Value| {
            let mut pod: Pod = serde_json::from_value(serde_json::json!({
                "metadata": {"name": "p", "deletionTimestamp": "2026-11-23T00:00:00Z"},
                "spec": {"containers": [{"name": "app"}]},
                "status": {"phase": phase, "containerStatuses": [{"name": "app", "ready": false, "restartCount": 0, "image": "busybox", "state": state}]}
            }))
            .expect("a valid pod");
            pod.metadata.deletion_grace_period_seconds = Some(30);
            pod.columns().status
        };
        assert_eq!(deleting("Succeeded", done.clone()), "Completed");
        assert_eq!(deleting("Running", serde_json::json!({"running": {}})), "Terminating");
        for (index, (pod, (ready, total, status, restarts))) in cases.into_iter().enumerate() {
            let columns = pod.columns();
            assert_eq!((columns.ready, columns.total, columns.status.as_str(), columns.restarts), (ready, total, status, restarts), "case {index}");
        }
    }
}
