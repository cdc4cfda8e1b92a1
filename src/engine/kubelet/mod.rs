//! The simulated kubelets: pull images, start containers, run probes, restart with back-off,
//! terminate gracefully. One `step` per tick, for the pods that have something to do.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use crate::engine::fast_hash::FastHash;
use std::rc::Rc;

use crate::engine::api::pod::{ContainerState, ContainerStatus, Pod, PodCondition, Probe, StateRunning, StateTerminated, StateWaiting};
use crate::engine::api::text::Text;
use crate::engine::clock::{SimTime, Time};
use crate::engine::events::{record, Involved};
use crate::engine::images::{self, ImageBehaviour};
use crate::engine::prober::{self, ProbeResult, ProbeType};
use crate::engine::store::{Key, KeyRef, Kind};
use crate::engine::Cluster;
use crate::order::SharedSort;

mod hooks;
mod init_containers;
mod side_containers;

/// Where a pod's (first) container is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Bound, not yet seen by the kubelet.
    New,
    /// A volume could not be set up; the kubelet tries again at the given time.
    Mounting(SimTime),
    /// Pulling until the given time.
    Pulling(SimTime),
    /// Pull failed; retry at the given time.
    PullBackOff(SimTime),
    /// Image is there; the container starts at the given time.
    Creating(SimTime),
    Running,
    /// Exited while in back-off; restart at the given time (the back-off doubles then).
    CrashBackOff(SimTime),
    /// Exited out of back-off; restart at the given time (the kubelet's next sync).
    Restarting(SimTime),
    /// Running a finite command that ends at the given time with this exit code.
    Exiting(SimTime, i32),
    /// Ended for good (restartPolicy Never, or OnFailure after success).
    Done,
    /// An init container's script waits in a loop; its next round is due at the given time.
    Polling(SimTime),
    /// Being stopped; gone at the given time.
    Terminating(SimTime),
    /// Started, its postStart hook running until the given time (the container is not Running
    /// before it ends).
    PostStart(SimTime),
    /// Being killed after its postStart hook failed: stopped at the given time, with this
    /// exit code.
    HookKill(SimTime, i32),
}

#[derive(Debug, Clone)]
struct Runtime {
    stage: Stage,
    started_at: SimTime,
    restarts: i32,
    backoff_seconds: u64,
    /// The crash back-off of the (first) container (`flowcontrol.Backoff`'s entry): its current
    /// duration in seconds (0: no entry) and when it was last updated (the exit it was set for).
    crash_backoff: u64,
    crash_backoff_at: SimTime,
    requests_served: u32,
    readiness_successes: i32,
    readiness_failures: i32,
    liveness_failures: i32,
    startup_failures: i32,
    next_readiness_probe: SimTime,
    next_liveness_probe: SimTime,
    next_startup_probe: SimTime,
    ready: bool,
    /// The startup probe has passed (or there is none): readiness and liveness probes run.
    started: bool,
    /// Where the pod is in its init containers; None before they begin (or without any).
    init: Option<Box<init_containers::InitRun>>,
    /// The failure of the postStart hook under way (Stage::PostStart), recorded when it ends.
    hook_failure: Option<Box<str>>,
}

/// What the containers of a started pod were given, kept with the runtime and not in the API
/// object: each container's environment, fixed when it started, and its ConfigMap/Secret files
/// as of the last volume sync.
#[derive(Debug, Clone)]
struct Started {
    key: Key,
    /// Per container name.
    env: PerContainer,
    /// Per container name; empty when the pod mounts no ConfigMap or Secret.
    files: PerContainer,
    /// When the pod's next periodic sync refreshes its files (None: nothing to refresh).
    next_volume_sync: Option<SimTime>,
}

/// Name/value pairs per container name. A list, not a map: a pod has a container or two, and a
/// `BTreeMap` of one entry is a node of eleven (a few hundred bytes for every running pod).
type PerContainer = Vec<(Text, Rc<[(String, String)]>)>;

/// The pairs of the container with this name.
fn of_container<'a>(list: &'a PerContainer, container: &str) -> Option<&'a [(String, String)]> {
    list.iter().find(|(name, _)| name == container).map(|(_, pairs)| &pairs[..])
}

/// The kubelet's periodic pod sync (`--sync-frequency`, 1 min): the pod worker resyncs each pod
/// this long after its last sync (pod_workers.go completeWork, without the up-to-50 % jitter),
/// and that sync remounts the pod's volumes, so a changed ConfigMap reaches the files then.
pub const SYNC_FREQUENCY_SECONDS: u64 = 60;

/// Per-cluster kubelet state: which pods need attention, what each runs, which images nodes have.
#[derive(Debug, Clone, Default)]
pub struct Kubelet {
    active: crate::engine::key_set::KeySet,
    runtime: HashMap<Text, Runtime, FastHash>,
    /// Per pod UID: what its started containers were given.
    started: HashMap<Text, Started, FastHash>,
    /// Due volume syncs: (time, pod UID).
    volume_syncs: BTreeSet<(SimTime, String)>,
    images_on_node: HashSet<(Text, Text)>,
    next_ip: HashMap<String, (String, u32), FastHash>,
    /// Log lines after the startup output, per pod UID and container name (what `kubectl logs
    /// -c NAME` shows): the requests a server container answered, a script's output.
    requests: HashMap<String, BTreeMap<String, Vec<(Time, String)>>, FastHash>,
    /// The last environment made of service variables alone, shared by the containers started after it.
    service_env: Option<ServiceEnv>,
    /// Each node's InternalIP as of `Store::node_writes` (the first field); forgotten on any Node write.
    host_ips: (u64, HashMap<String, Option<Text>, FastHash>),
    /// Ephemeral containers being pulled or created, by pod UID and name: when they start, and
    /// whether their image is being pulled (so the start says it was pulled).
    ephemeral_due: BTreeMap<(Text, String), (SimTime, bool)>,
    /// Per pod UID: its containers after the first, once they have begun.
    sides: HashMap<Text, Box<[side_containers::Side]>, FastHash>,
}

/// The environment of a container without `env` or `envFrom` (with service links): only the
/// namespace's Services decide it. Valid while the namespace lists the very same stored Services
/// (the store never edits an object in place, so a changed or added Service is a new pointer).
#[derive(Debug, Clone)]
struct ServiceEnv {
    namespace: String,
    services: Vec<Rc<crate::engine::api::core::Service>>,
    env: Rc<[(String, String)]>,
}

/// The container's environment as `container_env::resolve_environment` gives it, shared with the
/// previous container when it can only be the same.
fn container_environment(cluster: &mut Cluster, pod: &Pod, container: &crate::engine::api::pod::Container) -> Rc<[(String, String)]> {
    let resolve = |cluster: &Cluster| Rc::from(crate::engine::container_env::resolve_environment(cluster, pod, container).unwrap_or_default());
    if !container.env.is_empty() || !container.env_from.is_empty() || pod.spec.enable_service_links == Some(false) {
        return resolve(cluster);
    }
    let namespace = pod.metadata.ns();
    let services: Vec<_> = cluster.store.services.in_namespace(namespace).cloned().collect();
    if let Some(cached) = &cluster.kubelet.service_env {
        let same = cached.namespace == namespace
            && cached.services.len() == services.len()
            && cached.services.iter().zip(&services).all(|(a, b)| Rc::ptr_eq(a, b));
        if same {
            return cached.env.clone();
        }
    }
    let env = resolve(cluster);
    cluster.kubelet.service_env = Some(ServiceEnv { namespace: namespace.to_string(), services, env: env.clone() });
    env
}

const COMPONENT: &str = "kubelet";
const MAX_BACKOFF_SECONDS: u64 = 300;
/// The longest wait between two attempts to set up a volume (`maxDurationBeforeRetry`, 2m2s).
const MAX_MOUNT_BACKOFF_SECONDS: u64 = 122;

/// Notes pods the kubelet must look at: newly bound, deleting, or still starting.
pub fn observe(cluster: &mut Cluster, pod: Option<&Rc<Pod>>) {
    let Some(pod) = pod else { return };
    let needs = pod.spec.node_name.is_some() || (cluster.timing().is_reference() && pod.metadata.is_deleting());
    // The reference model binds in the kubelet step.
    if needs || cluster.timing().is_reference() {
        cluster.kubelet.active.insert_of(&pod.metadata);
    }
}

impl Kubelet {
    /// Appends a line an app logged for a request (the newest thousand or so are kept).
    pub(crate) fn log_request(&mut self, uid: &str, container: &str, at: Time, line: String) {
        let log = self.requests.entry(uid.to_string()).or_default().entry(container.to_string()).or_default();
        log.push((at, line));
        if log.len() > 1000 {
            log.drain(..500);
        }
    }

    pub fn request_log(&self, uid: &str, container: &str) -> &[(Time, String)] {
        self.requests.get(uid).and_then(|logs| logs.get(container)).map_or(&[], Vec::as_slice)
    }

    /// Makes the kubelet look at a pod again on its next step.
    pub fn wake(&mut self, key: Key) {
        self.active.insert(key);
    }

    /// The environment a started container got when it started; None before it starts.
    pub fn started_environment(&self, uid: &str, container: &str) -> Option<&[(String, String)]> {
        self.started.get(uid).and_then(|s| of_container(&s.env, container))
    }

    /// A started container's ConfigMap/Secret files as of the last volume sync; None before it
    /// starts.
    pub fn started_files(&self, uid: &str, container: &str) -> Option<&[(String, String)]> {
        self.started.get(uid).and_then(|s| of_container(&s.files, container))
    }

    /// Drops everything the kubelet keeps for a pod that is gone.
    fn forget(&mut self, uid: &str) {
        self.runtime.remove(uid);
        self.sides.remove(uid);
        self.requests.remove(uid);
        self.ephemeral_due.retain(|(pod, _), _| pod.as_str() != uid);
        if let Some(started) = self.started.remove(uid) {
            if let Some(at) = started.next_volume_sync {
                self.volume_syncs.remove(&(at, uid.to_string()));
            }
        }
    }
}

fn mounts_config(pod: &Pod) -> bool {
    pod.spec.volumes.iter().any(|v| v.config_map.is_some() || v.secret.is_some())
}

/// The pod's containers start: each gets its environment, fixed from now on, and the current
/// content of its ConfigMap/Secret files; the next periodic sync is scheduled. Mirrors the
/// kubelet's syncPod: volumes are (re)mounted (WaitForAttachAndMount) and each container's
/// environment is computed once, in generateContainerConfig → makeEnvironmentVariables
/// (pkg/kubelet/kubelet_pods.go), and handed to the runtime; nothing updates it afterwards.
fn fix_started(cluster: &mut Cluster, pod: &Pod) {
    let uid = pod.metadata.uid.clone();
    let previous = cluster.kubelet.started.remove(&uid);
    if let Some(at) = previous.as_ref().and_then(|p| p.next_volume_sync) {
        cluster.kubelet.volume_syncs.remove(&(at, uid.to_string()));
    }
    let with_volumes = mounts_config(pod);
    let mut env = Vec::with_capacity(pod.spec.containers.len());
    let mut files = Vec::with_capacity(if with_volumes { pod.spec.containers.len() } else { 0 });
    for container in &pod.spec.containers {
        env.push((container.name.clone(), container_environment(cluster, pod, container)));
        if with_volumes {
            // A restarted container gets a fresh subPath bind mount: no previous content.
            files.push((container.name.clone(), Rc::from(crate::engine::container_env::resolve_mounted_files(cluster, pod, container, None))));
        }
    }
    let next_volume_sync = with_volumes.then(|| cluster.now().plus_secs(SYNC_FREQUENCY_SECONDS));
    if let Some(at) = next_volume_sync {
        cluster.kubelet.volume_syncs.insert((at, uid.to_string()));
    }
    cluster.kubelet.started.insert(uid.clone(), Started { key: Key::of(&pod.metadata, true), env, files, next_volume_sync });
}

/// The periodic pod syncs that are due: each remounts the pod's ConfigMap and Secret volumes, so
/// running containers see the objects' current content from now on (a `subPath` file excepted),
/// while their environment stays as it was. Mirrors the resync of pod_workers.go (every
/// `--sync-frequency`) and the configmap/secret volume plugins' SetUp on each syncPod. A stopped
/// kubelet syncs nothing until it is back.
fn refresh_volumes(cluster: &mut Cluster) {
    let now = cluster.now();
    while let Some((at, uid)) = cluster.kubelet.volume_syncs.first().cloned() {
        if at > now {
            break;
        }
        cluster.kubelet.volume_syncs.remove(&(at, uid.clone()));
        let Some(started) = cluster.kubelet.started.get(uid.as_str()).cloned() else { continue };
        let Some(pod) = cluster.store.get::<Pod>(&started.key).filter(|p| p.metadata.uid == uid) else {
            cluster.kubelet.forget(&uid);
            continue;
        };
        let next = now.plus_secs(SYNC_FREQUENCY_SECONDS);
        if !pod.spec.node_name.as_deref().is_some_and(|n| cluster.node_lifecycle.is_stopped(n)) {
            let mut files = Vec::with_capacity(pod.spec.containers.len());
            for container in &pod.spec.containers {
                let previous = of_container(&started.files, &container.name);
                files.push((container.name.clone(), Rc::from(crate::engine::container_env::resolve_mounted_files(cluster, &pod, container, previous))));
            }
            if let Some(entry) = cluster.kubelet.started.get_mut(uid.as_str()) {
                entry.files = files;
            }
        }
        if let Some(entry) = cluster.kubelet.started.get_mut(uid.as_str()) {
            entry.next_volume_sync = Some(next);
            cluster.kubelet.volume_syncs.insert((next, uid));
        }
    }
}

/// One tick of every kubelet. Pods on a node whose kubelet is stopped freeze as they are.
pub fn step(cluster: &mut Cluster) {
    refresh_volumes(cluster);
    // The pods to look at this step, moved out (not copied); what is kept goes back. Pods noted
    // while stepping (`observe`) land in the fresh set and wait for the next step.
    let keys = cluster.kubelet.active.take_sorted();
    for key in keys {
        let Some(pod) = cluster.store.get::<Pod>(&key) else {
            cluster.kubelet.active.remove(KeyRef(&key.namespace, &key.name));
            continue;
        };
        let stopped = pod.spec.node_name.as_deref().is_some_and(|n| cluster.node_lifecycle.is_stopped(n));
        let ephemeral = !stopped && step_ephemeral(cluster, &pod);
        let pod = if ephemeral { cluster.store.get::<Pod>(&key).unwrap_or(pod) } else { pod };
        let sides = !stopped && side_containers::step(cluster, &pod);
        let pod = if sides { cluster.store.get::<Pod>(&key).unwrap_or(pod) } else { pod };
        let main = !stopped && if cluster.timing().is_reference() { step_reference(cluster, &pod) } else { step_realistic(cluster, &pod) };
        let keep = stopped || ephemeral || sides || main;
        if keep {
            cluster.kubelet.active.insert(key);
        } else {
            cluster.kubelet.active.remove(KeyRef(&key.namespace, &key.name));
        }
    }
}

/// The ephemeral containers `kubectl debug` added to a running pod: each pulled (unless its
/// node has the image) and started as the kubelet starts a container, with its events, into
/// `status.ephemeralContainerStatuses`. Ephemeral containers are never restarted. Whether any
/// is still on its way.
fn step_ephemeral(cluster: &mut Cluster, pod: &Rc<Pod>) -> bool {
    if pod.metadata.is_deleting() || pod.status.phase.as_deref() != Some("Running") || !pod.spec.extra.contains_key("ephemeralContainers") {
        return false;
    }
    let now = cluster.now();
    let node = pod.spec.node_name.clone().unwrap_or_default();
    let mut pending = false;
    let mut updated: Option<Pod> = None;
    for container in pod.spec.ephemeral_containers() {
        let current = updated.as_ref().unwrap_or(pod);
        let status = current.status.ephemeral_container_statuses.iter().find(|s| *s.name == *container.name);
        if status.is_some_and(|s| s.state.waiting.is_none()) {
            continue;
        }
        let image = container.image.clone().unwrap_or_default();
        let name = container.name.to_string();
        let at = Involved::of(Kind::Pod, &pod.metadata).with_field_path(&format!("spec.ephemeralContainers{{{name}}}"));
        let key = (pod.metadata.uid.clone(), name.clone());
        let behaviour = images::behaviour(&image);
        match cluster.kubelet.ephemeral_due.get(&key).copied() {
            None => {
                let present = cluster.kubelet.images_on_node.contains(&(node.clone(), image.clone()));
                let due = if present {
                    record(cluster, &at, "Normal", "Pulled", &format!("Container image \"{image}\" already present on machine"), COMPONENT, &node);
                    now.plus_secs(1)
                } else {
                    record(cluster, &at, "Normal", "Pulling", &format!("Pulling image \"{image}\""), COMPONENT, &node);
                    now.plus_secs(behaviour.pull_seconds.max(1))
                };
                cluster.kubelet.ephemeral_due.insert(key, (due, !present));
                let waiting = ContainerState { waiting: Some(StateWaiting { reason: Some(Text::from_static("ContainerCreating")), message: None }), ..Default::default() };
                let next = updated.get_or_insert_with(|| (**pod).clone());
                next.status.ephemeral_container_statuses.push(ephemeral_status(&container, waiting, false));
                pending = true;
            }
            Some((due, pulled)) if now >= due => {
                cluster.kubelet.ephemeral_due.remove(&key);
                if pulled {
                    cluster.kubelet.images_on_node.insert((node.clone().into(), image.clone()));
                    let millis = behaviour.pull_seconds * 1000 + behaviour.size_bytes % 997;
                    let message = pulled_message(&image, millis, behaviour.size_bytes);
                    record(cluster, &at, "Normal", "Pulled", &message, COMPONENT, &node);
                }
                record(cluster, &at, "Normal", "Created", &format!("Created container {name}"), COMPONENT, &node);
                record(cluster, &at, "Normal", "Started", &format!("Started container {name}"), COMPONENT, &node);
                let started_at = Some(cluster.time());
                // A shell without stdin (`kubectl debug` without `-i`) reads end-of-file and
                // ends at once, as the image's default shell does.
                let stdin = container.extra.get("stdin").and_then(serde_json::Value::as_bool).unwrap_or(false);
                let state = if !stdin && container.command.is_empty() && container.args.is_empty() {
                    let terminated = StateTerminated { exit_code: 0, reason: Some(Text::from_static("Completed")), started_at, finished_at: started_at, ..Default::default() };
                    ContainerState { terminated: Some(Box::new(terminated)), ..Default::default() }
                } else {
                    ContainerState { running: Some(StateRunning { started_at }), ..Default::default() }
                };
                let next = updated.get_or_insert_with(|| (**pod).clone());
                let mut status = ephemeral_status(&container, state, true);
                if let Some(terminated) = status.state.terminated.as_mut() {
                    terminated.container_id = status.container_id.clone();
                }
                match next.status.ephemeral_container_statuses.iter_mut().find(|s| *s.name == *container.name) {
                    Some(slot) => *slot = status,
                    None => next.status.ephemeral_container_statuses.push(status),
                }
            }
            Some(_) => pending = true,
        }
    }
    if let Some(next) = updated {
        write_status(cluster, next);
    }
    pending
}

/// An ephemeral container's status: never ready, never restarted.
fn ephemeral_status(container: &crate::engine::api::pod::Container, state: ContainerState, running: bool) -> ContainerStatus {
    let full_name = images::full_name(container.image.as_deref().unwrap_or_default());
    ContainerStatus {
        name: container.name.clone(),
        state,
        last_state: ContainerState::default(),
        ready: false,
        restart_count: 0,
        image_id: if running { format!("{}@sha256:{}", images::split_image(&full_name).0, hex64(&full_name)).into() } else { Text::default() },
        image: full_name.clone().into(),
        container_id: running.then(|| format!("containerd://{}", hex64(&format!("{}{}", container.name, full_name))).into()),
        started: None,
    }
}

/// The main process of an ephemeral container ended (its attached shell left): terminated
/// with `code`, for good.
pub fn end_ephemeral(cluster: &mut Cluster, pod: &Pod, name: &str, code: i32) {
    let now = cluster.time();
    let mut updated = pod.clone();
    if let Some(status) = updated.status.ephemeral_container_statuses.iter_mut().find(|s| *s.name == *name) {
        let started_at = status.state.running.as_ref().and_then(|r| r.started_at);
        status.state = ContainerState {
            terminated: Some(Box::new(StateTerminated {
                exit_code: code,
                reason: Some(Text::from_static(if code == 0 { "Completed" } else { "Error" })),
                started_at,
                finished_at: Some(now),
                container_id: status.container_id.clone(),
                ..Default::default()
            })),
            ..Default::default()
        };
        write_status(cluster, updated);
    }
}

fn created_before_now(cluster: &Cluster, pod: &Pod) -> bool {
    pod.metadata.creation_timestamp.is_some_and(|t| t < cluster.time())
}

/// The reference timing model (shared/reference section 2): Running one tick after creation,
/// Ready one tick later, gone one tick after deletion. Returns whether to keep watching the pod.
fn step_reference(cluster: &mut Cluster, pod: &Rc<Pod>) -> bool {
    if pod.metadata.is_deleting() {
        let key = Key::of(&pod.metadata, true);
        let _ = cluster.store.remove::<Pod>(&key);
        cluster.kubelet.forget(&pod.metadata.uid);
        return false;
    }
    if pod.spec.node_name.is_none() {
        if !created_before_now(cluster, pod) {
            return true;
        }
        let key = Key::of(&pod.metadata, true);
        crate::engine::scheduler::schedule_one(cluster, &key);
        let Some(bound) = cluster.store.get::<Pod>(&key) else { return false };
        if bound.spec.node_name.is_none() {
            return true;
        }
        let behaviour = images::behaviour(bound.spec.containers.first().and_then(|c| c.image.as_deref()).unwrap_or(""));
        if behaviour.pull_error.is_some() || behaviour.exits_with.is_some() || !bound.spec.init_containers.is_empty() {
            // Failures, and init containers, follow the realistic model from here on.
            return step_realistic(cluster, &bound);
        }
        side_containers::begin(cluster, &bound);
        set_running(cluster, &bound, false);
        return true;
    }
    let Some(runtime) = cluster.kubelet.runtime.get(&pod.metadata.uid).cloned() else {
        return step_realistic(cluster, pod);
    };
    if runtime.stage == Stage::Running && !runtime.ready && !init_containers::pending(pod, &runtime) {
        let behaviour = behaviour_of(pod);
        if behaviour.never_ready {
            return false;
        }
        set_ready(cluster, pod, true);
        return false;
    }
    step_realistic(cluster, pod)
}

fn behaviour_of(pod: &Pod) -> ImageBehaviour {
    images::behaviour(pod.spec.containers.first().and_then(|c| c.image.as_deref()).unwrap_or(""))
}

fn runtime_default(now: SimTime) -> Runtime {
    Runtime {
        stage: Stage::New,
        started_at: now,
        restarts: 0,
        backoff_seconds: 0,
        crash_backoff: 0,
        crash_backoff_at: now,
        requests_served: 0,
        readiness_successes: 0,
        readiness_failures: 0,
        liveness_failures: 0,
        startup_failures: 0,
        next_readiness_probe: now,
        next_liveness_probe: now,
        next_startup_probe: now,
        ready: false,
        started: true,
        init: None,
        hook_failure: None,
    }
}

/// The next address of the node's pod CIDR (`10.244.N.0/24`), as host-local IPAM hands them out.
fn allocate_ip(cluster: &mut Cluster, node: &str) -> String {
    if !cluster.kubelet.next_ip.contains_key(node) {
        let cidr = cluster.store.get::<crate::engine::api::core::Node>(&Key::new("", node)).and_then(|n| n.spec.pod_cidr.clone());
        let prefix = cidr.as_deref().and_then(|c| c.strip_suffix(".0/24")).unwrap_or("10.244.0").to_string();
        cluster.kubelet.next_ip.insert(node.to_string(), (prefix, 2));
    }
    let entry = cluster.kubelet.next_ip.get_mut(node).expect("inserted above");
    let host = entry.1;
    entry.1 = if entry.1 >= 254 { 2 } else { entry.1 + 1 };
    format!("{}.{host}", entry.0)
}

/// The node's InternalIP, remembered per node until the next Node write.
fn host_ip(cluster: &mut Cluster, node: &str) -> Option<Text> {
    let writes = cluster.store.node_writes();
    let (stamp, ips) = &mut cluster.kubelet.host_ips;
    if *stamp != writes {
        *stamp = writes;
        ips.clear();
    }
    if let Some(ip) = ips.get(node) {
        return ip.clone();
    }
    let ip = cluster.store.get::<crate::engine::api::core::Node>(&Key::new("", node)).and_then(|n| n.internal_ip().map(Text::from));
    cluster.kubelet.host_ips.1.insert(node.to_string(), ip.clone());
    ip
}

fn condition(type_: &'static str, status: bool, reason: Option<&'static str>, now: Time) -> PodCondition {
    PodCondition {
        type_: Text::from_static(type_),
        status: Text::from_static(if status { "True" } else { "False" }),
        last_probe_time: None,
        last_transition_time: Some(now),
        reason: reason.map(Text::from_static),
        message: None,
    }
}

/// Sets a condition, keeping lastTransitionTime when the status does not change.
fn set_condition(pod: &mut Pod, new: PodCondition) {
    if let Some(existing) = pod.status.conditions.iter_mut().find(|c| c.type_ == new.type_) {
        if existing.status == new.status && existing.reason == new.reason {
            return;
        }
        let keep_time = existing.status == new.status;
        let time = existing.last_transition_time;
        *existing = new;
        if keep_time {
            existing.last_transition_time = time;
        }
    } else {
        pod.status.conditions.push(new);
    }
    // Kubernetes' order: PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled.
    let order = |t: &str| match t {
        "PodReadyToStartContainers" => 0,
        "Initialized" => 1,
        "Ready" => 2,
        "ContainersReady" => 3,
        "PodScheduled" => 4,
        _ => 5,
    };
    pod.status.conditions.shared_sort_by_key(|c| order(&c.type_));
}

/// The container statuses of a status write. What a write does not change (a container's name,
/// its image and image ID, the ID of the same run) is the previous status's `Text`, shared, not
/// computed and copied again: a pod's status is written four or five times on its way to Ready.
fn container_statuses(pod: &Pod, state: ContainerState, ready: bool, restarts: i32, started: bool, last: ContainerState) -> Vec<ContainerStatus> {
    (0..pod.spec.containers.len()).map(|index| container_status(pod, index, state.clone(), ready, restarts, started, last.clone())).collect()
}

/// The status of the container at `index` of the pod's spec, as `container_statuses` writes it.
fn container_status(pod: &Pod, index: usize, state: ContainerState, ready: bool, restarts: i32, started: bool, last: ContainerState) -> ContainerStatus {
    let c = &pod.spec.containers[index];
    let previous = pod.status.container_statuses.get(index).filter(|p| p.name == c.name.as_str());
    let full_name = images::full_name(c.image.as_deref().unwrap_or_default());
    let previous_image = previous.filter(|p| p.image == full_name);
    // A container waiting to restart still reports the run that ended: its container and
    // image IDs (convertToAPIContainerStatuses keeps them when it sets the Waiting state).
    let running = state.running.is_some() || state.terminated.is_some() || (state.waiting.is_some() && last.terminated.is_some());
    let image_id = match previous_image.filter(|p| !p.image_id.is_empty()) {
        Some(p) if running => p.image_id.clone(),
        _ if running => format!("{}@sha256:{}", images::split_image(&full_name).0, hex64(&full_name)).into(),
        _ => Text::default(),
    };
    let container_id = match previous_image.filter(|p| p.restart_count == restarts).and_then(|p| p.container_id.as_ref()) {
        Some(id) if running => Some(id.clone()),
        _ if running => Some(format!("containerd://{}", hex64(&format!("{}{}{}", pod.metadata.uid, c.name, restarts))).into()),
        _ => None,
    };
    ContainerStatus {
        name: previous.map_or_else(|| c.name.clone(), |p| p.name.clone()),
        state,
        last_state: last,
        ready,
        restart_count: restarts,
        image_id,
        image: previous_image.map_or_else(|| full_name.into(), |p| p.image.clone()),
        container_id,
        started: Some(started),
    }
}

/// The `Pulled` event of a pull that took `millis`. Mirrors EnsureImageExists
/// (pkg/kubelet/images/image_manager.go): both durations are time.Durations truncated to the
/// millisecond, printed with %v (`2.45s`, `850ms`).
fn pulled_message(image: &str, millis: u64, size_bytes: u64) -> String {
    use crate::engine::clock::go_duration;
    format!("Successfully pulled image \"{image}\" in {} ({} including waiting). Image size: {size_bytes} bytes.", go_duration(millis), go_duration(millis + 2))
}

/// `format.Pod`: `name_namespace(uid)`, as the kubelet names a pod in its messages.
fn pod_ref(pod: &Pod) -> String {
    format!("{}_{}({})", pod.metadata.name, pod.metadata.ns(), pod.metadata.uid)
}

/// doBackOff's texts for a container waiting out its crash back-off of `delay` seconds: the
/// waiting state's message (the delay is a time.Duration, so 80 s reads `1m20s` and the cap
/// `5m0s`) and the `BackOff` event's.
fn crash_loop_texts(pod: &Pod, container: &str, delay: u64) -> (String, String) {
    let pod_ref = pod_ref(pod);
    (
        format!("back-off {} restarting failed container={container} pod={pod_ref}", crate::engine::clock::go_duration(delay * 1000)),
        format!("Back-off restarting failed container {container} in pod {pod_ref}"),
    )
}

/// Whether the pod's first container has ended for good.
fn main_done(cluster: &Cluster, uid: &str) -> bool {
    cluster.kubelet.runtime.get(uid).is_some_and(|r| r.stage == Stage::Done)
}

/// 64 hex digits derived from `text` (container IDs and image digests look like sha256 sums).
fn hex64(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let mut rng = crate::engine::rng::Rng::new(hash);
    let mut digits = String::with_capacity(64);
    for _ in 0..4 {
        use std::fmt::Write;
        let _ = write!(digits, "{:016x}", rng.next_u64());
    }
    digits
}

fn write_status(cluster: &mut Cluster, pod: Pod) -> Option<Rc<Pod>> {
    let mut pod = pod;
    pod.metadata.resource_version.clear();
    side_containers::overlay(cluster, &mut pod);
    cluster.store.update_status(pod).ok()
}

fn involved(pod: &Pod) -> Involved {
    let container = pod.spec.containers.first().map(|c| c.name.clone()).unwrap_or_default();
    Involved::of(Kind::Pod, &pod.metadata).with_field_path(&format!("spec.containers{{{container}}}"))
}

/// First sight of a bound pod: Pending, ContainerCreating, host IP and start time.
fn set_creating(cluster: &mut Cluster, pod: &Rc<Pod>) {
    let now = cluster.time();
    let node = pod.spec.node_name.clone().unwrap_or_default();
    let mut updated = (**pod).clone();
    updated.status.phase = Some(Text::from_static("Pending"));
    updated.status.host_ip = host_ip(cluster, &node);
    updated.status.host_ips = updated.status.host_ip.iter().map(|ip| crate::engine::api::pod::IpEntry { ip: ip.clone() }).collect();
    updated.status.start_time.get_or_insert(now);
    set_condition(&mut updated, condition("PodReadyToStartContainers", false, None, now));
    if pod.spec.init_containers.is_empty() {
        set_condition(&mut updated, condition("Initialized", true, None, now));
    }
    set_condition(&mut updated, condition("Ready", false, Some("ContainersNotReady"), now));
    set_condition(&mut updated, condition("ContainersReady", false, Some("ContainersNotReady"), now));
    set_condition(&mut updated, condition("PodScheduled", true, None, now));
    for c in updated.status.conditions.iter_mut().filter(|c| c.reason.as_deref() == Some("ContainersNotReady")) {
        let names: Vec<&str> = pod.spec.containers.iter().map(|c| c.name.as_str()).collect();
        c.message = Some(format!("containers with unready status: [{}]", names.join(" ")).into());
    }
    let waiting = ContainerState { waiting: Some(StateWaiting { reason: Some(Text::from_static("ContainerCreating")), message: None }), ..Default::default() };
    updated.status.container_statuses = container_statuses(pod, waiting, false, 0, false, ContainerState::default());
    if !pod.spec.init_containers.is_empty() {
        // The sandbox and its network come before the first init container runs.
        let ip = Text::from(allocate_ip(cluster, &node));
        updated.status.pod_ips = vec![crate::engine::api::pod::IpEntry { ip: ip.clone() }];
        updated.status.pod_ip = Some(ip);
        set_condition(&mut updated, condition("PodReadyToStartContainers", true, None, now));
        init_containers::initial_statuses(&mut updated, now);
    }
    updated.status.qos_class.get_or_insert_with(|| Text::from_static("BestEffort"));
    write_status(cluster, updated);
}

/// The container runs: phase Running, an IP, Ready only if `ready`.
fn set_running(cluster: &mut Cluster, pod: &Rc<Pod>, ready: bool) {
    let updated = running_pod(cluster, pod, ready);
    write_status(cluster, updated);
}

/// The pod as the kubelet reports it once its container runs (not yet written): phase Running,
/// an IP, the conditions, Ready only if `ready`.
fn running_pod(cluster: &mut Cluster, pod: &Rc<Pod>, ready: bool) -> Pod {
    let now = cluster.time();
    let node = pod.spec.node_name.clone().unwrap_or_default();
    let runtime = cluster.kubelet.runtime.entry(pod.metadata.uid.clone()).or_insert_with(|| runtime_default(cluster_now(now)));
    let restarts = runtime.restarts;
    runtime.stage = Stage::Running;
    runtime.started_at = cluster_now(now);
    runtime.ready = ready;
    // A container with a startup probe is not `started` until the probe passes.
    let started = pod.spec.containers.first().is_none_or(|c| c.startup_probe.is_none());
    runtime.started = started;
    let mut updated = (**pod).clone();
    if updated.status.pod_ip.is_none() {
        let ip = allocate_ip(cluster, &node);
        let ip = Text::from(ip);
        updated.status.pod_ips = vec![crate::engine::api::pod::IpEntry { ip: ip.clone() }];
        updated.status.pod_ip = Some(ip);
    }
    updated.status.phase = Some(Text::from_static("Running"));
    updated.status.host_ip = host_ip(cluster, &node);
    updated.status.host_ips = updated.status.host_ip.iter().map(|ip| crate::engine::api::pod::IpEntry { ip: ip.clone() }).collect();
    updated.status.start_time.get_or_insert(now);
    // The five conditions of a running pod, in one allocation.
    let conditions = &mut updated.status.conditions;
    conditions.reserve_exact(5usize.saturating_sub(conditions.len()));
    set_condition(&mut updated, condition("PodReadyToStartContainers", true, None, now));
    set_condition(&mut updated, condition("Initialized", true, None, now));
    set_condition(&mut updated, condition("PodScheduled", true, None, now));
    apply_readiness(&mut updated, ready, now);
    let running = ContainerState { running: Some(StateRunning { started_at: Some(now) }), ..Default::default() };
    // A run that ended (and was restarted at once) becomes the last state.
    let last = pod.status.container_statuses.first().map(|c| if c.state.terminated.is_some() { c.state.clone() } else { c.last_state.clone() }).unwrap_or_default();
    updated.status.container_statuses = container_statuses(pod, running, ready, restarts, started, last);
    updated.status.qos_class.get_or_insert_with(|| Text::from_static("BestEffort"));
    // The containers start now, with the pod's IP known (the sandbox has it).
    fix_started(cluster, &updated);
    updated
}

fn cluster_now(now: Time) -> SimTime {
    SimTime::from_secs(now.0.max(0) as u64)
}

fn apply_readiness(pod: &mut Pod, ready: bool, now: Time) {
    let mut ready_condition = condition("Ready", ready, if ready { None } else { Some("ContainersNotReady") }, now);
    let mut containers_ready = condition("ContainersReady", ready, if ready { None } else { Some("ContainersNotReady") }, now);
    if !ready {
        let names: Vec<&str> = pod.spec.containers.iter().map(|c| c.name.as_str()).collect();
        let message = Some(Text::from(format!("containers with unready status: [{}]", names.join(" "))));
        ready_condition.message = message.clone();
        containers_ready.message = message;
    }
    set_condition(pod, ready_condition);
    set_condition(pod, containers_ready);
    for status in &mut pod.status.container_statuses {
        status.ready = ready;
    }
}

/// A kubelet back after a stop posts its own view of a running pod again (the status manager's
/// sync), undoing the node lifecycle controller's `MarkPodsNotReady`.
pub fn resync_after_restart(cluster: &mut Cluster, pod: &Rc<Pod>) {
    let Some(runtime) = cluster.kubelet.runtime.get(&pod.metadata.uid) else { return };
    if matches!(runtime.stage, Stage::Running) && !pod.metadata.is_deleting() && runtime.ready != pod.is_ready() {
        let ready = runtime.ready;
        set_ready(cluster, pod, ready);
    }
}

fn set_ready(cluster: &mut Cluster, pod: &Rc<Pod>, ready: bool) {
    let now = cluster.time();
    if let Some(runtime) = cluster.kubelet.runtime.get_mut(&pod.metadata.uid) {
        runtime.ready = ready;
    }
    let mut updated = (**pod).clone();
    apply_readiness(&mut updated, ready, now);
    write_status(cluster, updated);
}

fn set_waiting(cluster: &mut Cluster, pod: &Rc<Pod>, reason: &str, message: Option<String>, last: ContainerState) {
    let now = cluster.time();
    let restarts = cluster.kubelet.runtime.get(&pod.metadata.uid).map_or(0, |r| r.restarts);
    let mut updated = (**pod).clone();
    let waiting = ContainerState { waiting: Some(StateWaiting { reason: Some(reason.into()), message: message.map(Text::from) }), ..Default::default() };
    apply_readiness(&mut updated, false, now);
    updated.status.container_statuses = container_statuses(pod, waiting, false, restarts, false, last);
    write_status(cluster, updated);
}

fn next_backoff(runtime: &mut Runtime) -> u64 {
    runtime.backoff_seconds = if runtime.backoff_seconds == 0 { 10 } else { (runtime.backoff_seconds * 2).min(MAX_BACKOFF_SECONDS) };
    runtime.backoff_seconds
}

fn pull_policy_always(pod: &Pod) -> bool {
    pod.spec.containers.first().and_then(|c| c.image_pull_policy.as_deref()) == Some("Always")
}

/// The realistic model. Returns whether the pod still needs the kubelet's attention.
fn step_realistic(cluster: &mut Cluster, pod: &Rc<Pod>) -> bool {
    let now = cluster.now();
    let uid = pod.metadata.uid.clone();
    let node = pod.spec.node_name.clone().unwrap_or_default();
    let image = pod.spec.containers.first().and_then(|c| c.image.clone()).unwrap_or_default();
    let behaviour = images::behaviour(&image);
    let runtime = cluster.kubelet.runtime.entry(uid.clone()).or_insert_with(|| runtime_default(now)).clone();

    if pod.metadata.is_deleting() {
        return step_terminating(cluster, pod, &runtime, &behaviour);
    }
    if pod.spec.node_name.is_none() {
        return false;
    }
    match runtime.stage {
        Stage::Mounting(at) if now < at => true,
        Stage::New | Stage::Mounting(_) => {
            // The volume manager mounts the pod's volumes before any image is pulled
            // (WaitForAttachAndMount in SyncPod); until they mount, the pod is ContainerCreating
            // with a FailedMount event per attempt.
            if let Err((volume, message)) = mount_volumes(cluster, pod) {
                if matches!(runtime.stage, Stage::New) {
                    set_creating(cluster, pod);
                }
                let text = format!("MountVolume.SetUp failed for volume \"{volume}\" : {message}");
                record(cluster, &Involved::of(Kind::Pod, &pod.metadata), "Warning", "FailedMount", &text, COMPONENT, &node);
                // The operation executor's exponential back-off (goroutinemap's
                // exponentialbackoff: 500 ms doubling to 2m2s), in whole seconds.
                let wait = if runtime.backoff_seconds == 0 { 1 } else { (runtime.backoff_seconds * 2).min(MAX_MOUNT_BACKOFF_SECONDS) };
                if let Some(r) = cluster.kubelet.runtime.get_mut(&uid) {
                    r.backoff_seconds = wait;
                    r.stage = Stage::Mounting(now.plus_secs(wait));
                }
                return true;
            }
            if matches!(runtime.stage, Stage::New) {
                set_creating(cluster, pod);
            } else if let Some(r) = cluster.kubelet.runtime.get_mut(&uid) {
                // Mounted: the containers' own back-off starts afresh.
                r.backoff_seconds = 0;
            }
            if init_containers::pending(pod, &runtime) {
                return init_containers::begin(cluster, pod);
            }
            begin_main(cluster, pod)
        }
        _ if init_containers::pending(pod, &runtime) && !matches!(runtime.stage, Stage::Terminating(_)) => init_containers::step(cluster, pod, &runtime),
        Stage::Pulling(until) | Stage::PullBackOff(until) if now >= until => {
            if matches!(runtime.stage, Stage::PullBackOff(_)) {
                // Each attempt after the back-off is a pull of its own (EnsureImageExists).
                record(cluster, &involved(pod), "Normal", "Pulling", &format!("Pulling image \"{image}\""), COMPONENT, &node);
            }
            if let Some(error) = &behaviour.pull_error {
                let message = format!("Failed to pull image \"{image}\": {error}");
                record(cluster, &involved(pod), "Warning", "Failed", &message, COMPONENT, &node);
                record(cluster, &involved(pod), "Warning", "Failed", "Error: ErrImagePull", COMPONENT, &node);
                // SyncPod goes on to the pod's other containers: they start all the same.
                side_containers::begin(cluster, pod);
                set_waiting(cluster, pod, "ErrImagePull", Some(message), ContainerState::default());
                let mut runtime = runtime.clone();
                let delay = next_backoff(&mut runtime);
                runtime.stage = Stage::PullBackOff(now.plus_secs(delay));
                cluster.kubelet.runtime.insert(uid.clone(), runtime);
                // After a moment the kubelet reports the back-off.
                return true;
            }
            let seconds = match runtime.stage {
                Stage::Pulling(_) => behaviour.pull_seconds,
                _ => 0,
            };
            cluster.kubelet.images_on_node.insert((node.clone(), image.clone()));
            // Mirrors EnsureImageExists (pkg/kubelet/images/image_manager.go): both durations are
            // time.Durations truncated to the millisecond, printed with %v (`2.45s`, `850ms`).
            let pull_millis = seconds * 1000 + behaviour.size_bytes % 997;
            let message = pulled_message(&image, pull_millis, behaviour.size_bytes);
            record(cluster, &involved(pod), "Normal", "Pulled", &message, COMPONENT, &node);
            set_stage(cluster, &uid, Stage::Creating(now));
            step_realistic(cluster, pod)
        }
        Stage::PullBackOff(until) => {
            let waiting_reason = pod.status.container_statuses.first().and_then(|c| c.state.waiting.as_ref()).and_then(|w| w.reason.clone());
            if waiting_reason.as_deref() == Some("ErrImagePull") {
                record(cluster, &involved(pod), "Normal", "BackOff", &format!("Back-off pulling image \"{image}\""), COMPONENT, &node);
                record(cluster, &involved(pod), "Warning", "Failed", "Error: ImagePullBackOff", COMPONENT, &node);
                let message = format!("Back-off pulling image \"{image}\"");
                set_waiting(cluster, pod, "ImagePullBackOff", Some(message), ContainerState::default());
            }
            let _ = until;
            true
        }
        Stage::Pulling(_) => true,
        Stage::Creating(at) if now >= at => start_container(cluster, pod, &runtime, &behaviour),
        Stage::Creating(_) => true,
        Stage::PostStart(until) if now >= until => end_post_start(cluster, pod, &runtime, &behaviour),
        Stage::PostStart(_) => true,
        Stage::HookKill(until, code) if now >= until => end_hook_kill(cluster, pod, &runtime, code),
        Stage::HookKill(..) => true,
        Stage::CrashBackOff(until) | Stage::Restarting(until) if now >= until => restart_container(cluster, pod, &runtime, &behaviour),
        Stage::CrashBackOff(_) if pod.status.container_statuses.first().is_some_and(|c| c.state.terminated.is_some()) => crash_loop_back_off(cluster, pod, &runtime),
        Stage::CrashBackOff(_) | Stage::Restarting(_) => true,
        Stage::Running => run_probes(cluster, pod, runtime, &behaviour),
        Stage::Exiting(at, code) if now >= at => container_exit(cluster, pod, &runtime, code),
        Stage::Exiting(..) => {
            run_probes(cluster, pod, runtime, &behaviour);
            true
        }
        Stage::Done => false,
        Stage::Polling(_) => true,
        Stage::Terminating(_) => step_terminating(cluster, pod, &runtime, &behaviour),
    }
}

/// The pod's volumes are mounted and its init containers done: the (first) main container's
/// image is pulled, or found on the node (`EnsureImageExists`), and the container is created.
fn begin_main(cluster: &mut Cluster, pod: &Rc<Pod>) -> bool {
    let now = cluster.now();
    let uid = pod.metadata.uid.clone();
    let node = pod.spec.node_name.clone().unwrap_or_default();
    let image = pod.spec.containers.first().and_then(|c| c.image.clone()).unwrap_or_default();
    let behaviour = images::behaviour(&image);
    let reference = cluster.timing().is_reference();
    let present = cluster.kubelet.images_on_node.contains(&(node.clone(), image.clone()));
    let stage = if behaviour.pull_error.is_some() || !present || pull_policy_always(pod) {
        record(cluster, &involved(pod), "Normal", "Pulling", &format!("Pulling image \"{image}\""), COMPONENT, &node);
        let seconds = if reference { 0 } else if present { 1 } else { behaviour.pull_seconds };
        Stage::Pulling(now.plus_secs(seconds))
    } else {
        record(cluster, &involved(pod), "Normal", "Pulled", &format!("Container image \"{image}\" already present on machine"), COMPONENT, &node);
        // Containers do not all start in the same second: 1 to 2 s, seeded.
        let jitter = if reference { 0 } else { 1 + cluster.rng.below(2) };
        Stage::Creating(now.plus_secs(jitter))
    };
    set_stage(cluster, &uid, stage);
    if reference {
        return step_realistic(cluster, &cluster.store.get::<Pod>(&Key::of(&pod.metadata, true)).unwrap_or_else(|| pod.clone()));
    }
    true
}

/// The main process of a pod's container ends now with `code`: its attached stdin closed
/// (`stdinOnce`, the `kubectl run -it` shell the learner left with `exit N`). The kubelet
/// finishes or restarts it on its next step, as the restart policy says.
pub fn end_main_process(cluster: &mut Cluster, pod: &Pod, code: i32) {
    let now = cluster.now();
    set_stage(cluster, &pod.metadata.uid, Stage::Exiting(now, code));
    cluster.kubelet.active.insert(Key::of(&pod.metadata, true));
}

fn set_stage(cluster: &mut Cluster, uid: &str, stage: Stage) {
    if let Some(runtime) = cluster.kubelet.runtime.get_mut(uid) {
        runtime.stage = stage;
    }
}

/// The volume manager's set-up of a pod's volumes (`MountVolume.SetUp`): its ConfigMaps and
/// Secrets must exist unless optional (`container_env::check_volumes`), and its hostPath
/// volumes pass their type checks (`written_files::set_up_host_paths`). Err: the volume's name
/// and the reason.
fn mount_volumes(cluster: &mut Cluster, pod: &Pod) -> Result<(), (String, String)> {
    crate::engine::container_env::check_volumes(cluster, pod)?;
    crate::engine::written_files::set_up_host_paths(cluster, pod)
}

fn start_container(cluster: &mut Cluster, pod: &Rc<Pod>, runtime: &Runtime, behaviour: &ImageBehaviour) -> bool {
    let node = pod.spec.node_name.clone().unwrap_or_default();
    let container = pod.spec.containers.first().map(|c| c.name.clone()).unwrap_or_default();
    let now = cluster.now();
    // Env references must resolve before the container is created (the volumes mounted first).
    if let Some(first) = pod.spec.containers.first() {
        match crate::engine::container_env::resolve_environment(cluster, pod, first) {
            Ok(_) => {}
            Err(crate::engine::container_env::ConfigProblem::Config(message)) => {
                record(cluster, &involved(pod), "Warning", "Failed", &format!("Error: {message}"), COMPONENT, &node);
                side_containers::begin(cluster, pod);
                set_waiting(cluster, pod, "CreateContainerConfigError", Some(message), ContainerState::default());
                set_stage(cluster, &pod.metadata.uid, Stage::Creating(now.plus_secs(5)));
                return true;
            }
        }
    }
    record(cluster, &involved(pod), "Normal", "Created", &format!("Created container {container}"), COMPONENT, &node);
    record(cluster, &involved(pod), "Normal", "Started", &format!("Started container {container}"), COMPONENT, &node);
    if let Some(hook) = pod.spec.containers.first().and_then(|c| hooks::handler(c, "postStart")) {
        // startContainer runs the hook right after StartContainer and returns when it ends:
        // until then the pod's status is not written, so the container is not Running.
        let first = pod.spec.containers[0].clone();
        let outcome = hooks::run(cluster, pod, &first, &hook, POST_START_LIMIT_SECONDS);
        if outcome.seconds > 0 || outcome.failure.is_some() {
            if let Some(r) = cluster.kubelet.runtime.get_mut(&pod.metadata.uid) {
                r.hook_failure = outcome.failure.map(String::into_boxed_str);
                r.stage = Stage::PostStart(now.plus_secs(outcome.seconds));
            }
            return true;
        }
    }
    run_main(cluster, pod, runtime, behaviour)
}

/// How long a postStart hook that never ends is waited for (it blocks the container's start).
const POST_START_LIMIT_SECONDS: u64 = 10 * 365 * 24 * 3600;

/// The postStart hook ended: the container runs on, or, when the hook failed, the kubelet
/// records `FailedPostStartHook`, kills the container and reports `PostStartHookError`
/// (startContainer); it restarts as any exited container does.
fn end_post_start(cluster: &mut Cluster, pod: &Rc<Pod>, runtime: &Runtime, behaviour: &ImageBehaviour) -> bool {
    let Some(failure) = runtime.hook_failure.clone() else { return run_main(cluster, pod, runtime, behaviour) };
    let node = pod.spec.node_name.clone().unwrap_or_default();
    record(cluster, &involved(pod), "Warning", "FailedPostStartHook", &failure, COMPONENT, &node);
    record(cluster, &involved(pod), "Normal", "Killing", "FailedPostStartHook", COMPONENT, &node);
    // killContainer with the pod's grace period: an app that stops on SIGTERM exits 0 when it
    // has stopped; one that ignores it is killed (137) at the end of the grace period. The sync
    // waits for it, so the status stays as it was meanwhile.
    let (seconds, code) = kill_after_hook(pod, behaviour);
    set_stage(cluster, &pod.metadata.uid, Stage::HookKill(cluster.now().plus_secs(seconds), code));
    true
}

/// How long killing a container after its failed postStart hook takes, and its exit code.
fn kill_after_hook(pod: &Pod, behaviour: &ImageBehaviour) -> (u64, i32) {
    let grace = pod.spec.termination_grace_period_seconds.unwrap_or(30).max(0) as u64;
    match behaviour.stop_seconds {
        Some(stop) => (stop.min(grace), 0),
        None => (grace, 137),
    }
}

/// The container killed after its failed postStart hook is gone: it reports
/// `PostStartHookError`, and restarts as any exited container does.
fn end_hook_kill(cluster: &mut Cluster, pod: &Rc<Pod>, runtime: &Runtime, code: i32) -> bool {
    let failure = runtime.hook_failure.clone().unwrap_or_default();
    let mut runtime = runtime.clone();
    runtime.hook_failure = None;
    cluster.kubelet.runtime.insert(pod.metadata.uid.clone(), runtime.clone());
    let keep = container_exit(cluster, pod, &runtime, code);
    if let Some(Stage::Restarting(_)) = cluster.kubelet.runtime.get(&pod.metadata.uid).map(|r| r.stage) {
        let current = cluster.store.get::<Pod>(&Key::of(&pod.metadata, true)).unwrap_or_else(|| pod.clone());
        let last = current.status.container_statuses.first().map(|c| c.state.clone()).unwrap_or_default();
        set_waiting(cluster, &current, "PostStartHookError", Some(failure.to_string()), last);
    }
    keep
}

/// The started container's main process runs: its command (a script's output logged, an end
/// scheduled), and the status says Running.
fn run_main(cluster: &mut Cluster, pod: &Rc<Pod>, runtime: &Runtime, behaviour: &ImageBehaviour) -> bool {
    let now = cluster.now();
    if runtime.restarts == 0 {
        side_containers::begin(cluster, pod);
    }
    // What the main process does: run for ever, or end (now or later) with an exit code.
    let lifetime = pod.spec.containers.first().map(crate::engine::apps::lifetime).unwrap_or(crate::engine::apps::Lifetime::Forever);
    let mut ending: Option<(u64, i32)> = None;
    if let crate::engine::apps::Lifetime::Exits { after, code, script } = lifetime {
        let mut exit = code.unwrap_or(0);
        // The log keeps the earlier runs' lines (`logs --previous` reads them); each run's
        // lines are told apart by their times.
        if let (Some(script), Some(first)) = (script, pod.spec.containers.first()) {
            // The new container's script sees today's environment, not the last run's.
            if let Some(started) = cluster.kubelet.started.get_mut(&pod.metadata.uid) {
                started.env.clear();
                started.files.clear();
            }
            let mut process = crate::engine::shell::Process::new(cluster, pod, first);
            process.set_bash(crate::engine::apps::runs_bash(first));
            let output = crate::engine::shell::run_script(cluster, &mut process, &script);
            let at = cluster.time();
            let log = cluster.kubelet.requests.entry(pod.metadata.uid.to_string()).or_default().entry(first.name.to_string()).or_default();
            let text: String = output.in_order().into_iter().map(|(_, text)| text).collect();
            log.extend(text.lines().map(|line| (at, line.to_string())));
            if code.is_none() {
                exit = output.exit;
            }
        }
        ending = Some((after, exit));
    }
    if let Some((0, code)) = ending {
        // It ends as it starts: one status write says it ran and exited.
        let current = Rc::new(running_pod(cluster, pod, false));
        let runtime = cluster.kubelet.runtime.get(&pod.metadata.uid).cloned().unwrap_or_else(|| runtime.clone());
        return container_exit(cluster, &current, &runtime, code);
    }
    let has_readiness = pod.spec.containers.first().is_some_and(|c| c.readiness_probe.is_some() || c.startup_probe.is_some());
    let ready_now = !has_readiness && !behaviour.never_ready && !cluster.timing().is_reference();
    set_running(cluster, pod, ready_now);
    if let Some(r) = cluster.kubelet.runtime.get_mut(&pod.metadata.uid) {
        let first = pod.spec.containers.first();
        let delay = |p: Option<&Probe>| p.and_then(|p| p.initial_delay_seconds).unwrap_or(0).max(0) as u64;
        r.next_readiness_probe = now.plus_secs(delay(first.and_then(|c| c.readiness_probe.as_deref())));
        r.next_liveness_probe = now.plus_secs(delay(first.and_then(|c| c.liveness_probe.as_deref())));
        r.next_startup_probe = now.plus_secs(delay(first.and_then(|c| c.startup_probe.as_deref())));
        r.readiness_successes = 0;
        r.readiness_failures = 0;
        r.liveness_failures = 0;
        r.startup_failures = 0;
        r.requests_served = 0;
    }
    if let Some((after, code)) = ending {
        set_stage(cluster, &pod.metadata.uid, Stage::Exiting(now.plus_secs(after), code));
        return true;
    }
    // Keep watching when probes will run, or when readiness is still to come.
    has_readiness || pod.spec.containers.first().is_some_and(|c| c.liveness_probe.is_some()) || !ready_now
}

/// The main process ended: restart it (with back-off) as the restart policy says, or finish the
/// pod as Succeeded or Failed.
fn container_exit(cluster: &mut Cluster, pod: &Rc<Pod>, runtime: &Runtime, code: i32) -> bool {
    let now = cluster.now();
    let time = cluster.time();
    let started = pod.status.container_statuses.first().and_then(|c| c.state.running.as_ref().and_then(|r| r.started_at)).unwrap_or(time);
    let reason = if code == 0 { "Completed" } else { "Error" };
    let terminated = ContainerState {
        terminated: Some(Box::new(StateTerminated { exit_code: code, reason: Some(reason.into()), message: None, started_at: Some(started), finished_at: Some(time), container_id: None })),
        ..Default::default()
    };
    let policy = pod.spec.restart_policy.clone().unwrap_or_else(|| "Always".into());
    let restart = policy == "Always" || (policy == "OnFailure" && code != 0);
    let mut updated = (**pod).clone();
    apply_readiness(&mut updated, false, time);
    if !restart {
        updated.status.phase = Some(if code == 0 { "Succeeded" } else { "Failed" }.into());
        for c in updated.status.conditions.iter_mut().filter(|c| c.type_ == "Ready" || c.type_ == "ContainersReady") {
            c.reason = Some(Text::from_static("PodCompleted"));
            c.message = None;
        }
        let mut statuses = container_statuses(pod, terminated, false, runtime.restarts, false, ContainerState::default());
        for status in &mut statuses {
            if let Some(t) = &mut status.state.terminated {
                t.container_id = status.container_id.clone();
            }
        }
        updated.status.container_statuses = statuses;
        // A finished pod's sidecars are stopped.
        let sidecars = init_containers::stop_sidecars(&mut updated, time);
        write_status(cluster, updated);
        let node = pod.spec.node_name.clone().unwrap_or_default();
        for name in sidecars {
            record(cluster, &init_containers::involved(pod, &name), "Normal", "Killing", &format!("Stopping container {name}"), COMPONENT, &node);
        }
        set_stage(cluster, &pod.metadata.uid, Stage::Done);
        return false;
    }
    // Mirrors doBackOff (pkg/kubelet/kuberuntime/kuberuntime_manager.go) with
    // flowcontrol.Backoff: a container that exits with no back-off entry for it (or one last
    // updated more than twice the 5 min cap ago) is restarted by the next sync, and the entry
    // starts at 10 s; one that exits within its back-off waits it out in CrashLoopBackOff, and
    // the entry doubles when it restarts. The restart count is the restarts made so far.
    let mut next = runtime.clone();
    next.ready = false;
    let expired = now.as_millis().saturating_sub(runtime.crash_backoff_at.as_millis()) > 2 * MAX_BACKOFF_SECONDS * 1000;
    let last = pod.status.container_statuses.first().map(|c| c.last_state.clone()).unwrap_or_default();
    if runtime.crash_backoff == 0 || expired {
        next.crash_backoff = 10;
        next.crash_backoff_at = now;
        next.stage = Stage::Restarting(now.plus_secs(1));
        cluster.kubelet.runtime.insert(pod.metadata.uid.clone(), next.clone());
        let mut statuses = container_statuses(pod, terminated, false, runtime.restarts, false, last);
        for status in &mut statuses {
            if let Some(t) = &mut status.state.terminated {
                t.container_id = status.container_id.clone();
            }
        }
        updated.status.container_statuses = statuses;
        write_status(cluster, updated);
        return true;
    }
    next.crash_backoff_at = now;
    next.stage = Stage::CrashBackOff(now.plus_secs(runtime.crash_backoff));
    cluster.kubelet.runtime.insert(pod.metadata.uid.clone(), next);
    let mut statuses = container_statuses(pod, terminated, false, runtime.restarts, false, last);
    for status in &mut statuses {
        if let Some(t) = &mut status.state.terminated {
            t.container_id = status.container_id.clone();
        }
    }
    updated.status.container_statuses = statuses;
    write_status(cluster, updated);
    true
}

/// The sync after an exit within the back-off: the container waits in CrashLoopBackOff, its
/// exit kept as the last state, and the kubelet records BackOff (doBackOff).
fn crash_loop_back_off(cluster: &mut Cluster, pod: &Rc<Pod>, runtime: &Runtime) -> bool {
    let node = pod.spec.node_name.clone().unwrap_or_default();
    let container = pod.spec.containers.first().map(|c| c.name.clone()).unwrap_or_default();
    let (waiting_message, message) = crash_loop_texts(pod, &container, runtime.crash_backoff);
    let waiting = ContainerState {
        waiting: Some(StateWaiting { reason: Some(Text::from_static("CrashLoopBackOff")), message: Some(waiting_message.into()) }),
        ..Default::default()
    };
    let terminated = pod.status.container_statuses.first().map(|c| c.state.clone()).unwrap_or_default();
    let mut updated = (**pod).clone();
    updated.status.container_statuses = container_statuses(pod, waiting, false, runtime.restarts, false, terminated);
    write_status(cluster, updated);
    record(cluster, &involved(pod), "Warning", "BackOff", &message, COMPONENT, &node);
    true
}

/// The container restarts (after its back-off, or at once): the image is ensured again, as
/// every start does (`EnsureImageExists`: "already present", or a new pull under
/// `imagePullPolicy: Always`), then it is created and started with its restart counted. Out
/// of a back-off, the back-off entry doubles (up to 5 min).
fn restart_container(cluster: &mut Cluster, pod: &Rc<Pod>, runtime: &Runtime, behaviour: &ImageBehaviour) -> bool {
    let now = cluster.now();
    let node = pod.spec.node_name.clone().unwrap_or_default();
    let image = pod.spec.containers.first().and_then(|c| c.image.clone()).unwrap_or_default();
    let mut next = runtime.clone();
    next.restarts += 1;
    if matches!(runtime.stage, Stage::CrashBackOff(_)) {
        next.crash_backoff = (runtime.crash_backoff * 2).min(MAX_BACKOFF_SECONDS);
    }
    if pull_policy_always(pod) {
        // The image's layers are on the node: the pull only checks the registry, well under a
        // second, and the container starts in the same sync.
        record(cluster, &involved(pod), "Normal", "Pulling", &format!("Pulling image \"{image}\""), COMPONENT, &node);
        let millis = 300 + behaviour.size_bytes % 600;
        let message = pulled_message(&image, millis, behaviour.size_bytes);
        record(cluster, &involved(pod), "Normal", "Pulled", &message, COMPONENT, &node);
    } else {
        record(cluster, &involved(pod), "Normal", "Pulled", &format!("Container image \"{image}\" already present on machine"), COMPONENT, &node);
    }
    next.stage = Stage::Creating(now);
    cluster.kubelet.runtime.insert(pod.metadata.uid.clone(), next.clone());
    start_container(cluster, pod, &next, behaviour)
}

/// Runs one probe and records what the prober records: `Unhealthy` with `<Type> probe failed:`
/// or, when the probe could not run, `<Type> probe errored and resulted in unknown state:`.
/// Returns Some(passed), or None for an errored probe, whose result the worker throws away
/// (worker.go doProbe: "Prober error, throw away the result"). Mirrors `prober.probe`
/// (pkg/kubelet/prober/prober.go).
fn probe_once(cluster: &mut Cluster, pod: &Rc<Pod>, runtime: &mut Runtime, behaviour: &ImageBehaviour, probe: &Probe, probe_type: ProbeType) -> Option<bool> {
    let Some(container) = pod.spec.containers.first() else { return Some(true) };
    let node = pod.spec.node_name.clone().unwrap_or_default();
    let kind = probe_type.title();
    match prober::run_probe(cluster, pod, container, probe, probe_type, behaviour, &mut runtime.requests_served) {
        ProbeResult::Success => Some(true),
        ProbeResult::Failure(output) => {
            record(cluster, &involved(pod), "Warning", "Unhealthy", &format!("{kind} probe failed: {output}"), COMPONENT, &node);
            Some(false)
        }
        ProbeResult::Errored(error) => {
            record(cluster, &involved(pod), "Warning", "Unhealthy", &format!("{kind} probe errored and resulted in unknown state: {error}"), COMPONENT, &node);
            None
        }
    }
}

/// The probe workers of a running container, one tick: the startup probe until it passes, then
/// readiness and liveness, each on its period after its initial delay, with its thresholds.
/// Mirrors `worker.doProbe` (pkg/kubelet/prober/worker.go): readiness starts as a failure and
/// flips after `successThreshold` successes or `failureThreshold` failures in a row; a liveness
/// or startup probe failing `failureThreshold` times kills the container, which restarts.
fn run_probes(cluster: &mut Cluster, pod: &Rc<Pod>, mut runtime: Runtime, behaviour: &ImageBehaviour) -> bool {
    let now = cluster.now();
    let node = pod.spec.node_name.clone().unwrap_or_default();
    let Some(container) = pod.spec.containers.first().cloned() else { return false };
    if container.readiness_probe.is_none() && container.liveness_probe.is_none() && container.startup_probe.is_none() {
        // The reference model's second tick, or a never-ready image without probes.
        if !runtime.ready && !behaviour.never_ready {
            set_ready(cluster, pod, true);
        }
        return false;
    }
    let mut ready = runtime.ready;
    let mut kill: Option<ProbeType> = None;
    let mut just_started = false;
    if let (false, Some(probe)) = (runtime.started, &container.startup_probe) {
        if now >= runtime.next_startup_probe {
            let period = probe.period_seconds.unwrap_or(10).max(1) as u64;
            runtime.next_startup_probe = now.plus_secs(period);
            match probe_once(cluster, pod, &mut runtime, behaviour, probe, ProbeType::Startup) {
                Some(true) => {
                    // successThreshold must be 1 for a startup probe (validation).
                    runtime.started = true;
                    runtime.startup_failures = 0;
                    just_started = true;
                    // A due readiness probe runs in this same tick (prober_manager.go
                    // UpdatePodStatus triggers one as soon as the container has started).
                    if container.readiness_probe.is_none() && !behaviour.never_ready {
                        ready = true;
                    }
                }
                Some(false) => {
                    runtime.startup_failures += 1;
                    if runtime.startup_failures >= probe.failure_threshold.unwrap_or(3) {
                        kill = Some(ProbeType::Startup);
                    }
                }
                None => {}
            }
        }
    }
    if let (true, None, Some(probe)) = (runtime.started, kill, &container.readiness_probe) {
        if now >= runtime.next_readiness_probe {
            let period = probe.period_seconds.unwrap_or(10).max(1) as u64;
            runtime.next_readiness_probe = now.plus_secs(period);
            match probe_once(cluster, pod, &mut runtime, behaviour, probe, ProbeType::Readiness) {
                Some(true) => {
                    runtime.readiness_successes += 1;
                    runtime.readiness_failures = 0;
                    if runtime.readiness_successes >= probe.success_threshold.unwrap_or(1) {
                        ready = true;
                    }
                }
                Some(false) => {
                    runtime.readiness_failures += 1;
                    runtime.readiness_successes = 0;
                    if runtime.readiness_failures >= probe.failure_threshold.unwrap_or(3) || !runtime.ready {
                        ready = false;
                    }
                }
                None => {}
            }
        }
    }
    if let (true, None, Some(probe)) = (runtime.started, kill, &container.liveness_probe) {
        if now >= runtime.next_liveness_probe {
            let period = probe.period_seconds.unwrap_or(10).max(1) as u64;
            runtime.next_liveness_probe = now.plus_secs(period);
            match probe_once(cluster, pod, &mut runtime, behaviour, probe, ProbeType::Liveness) {
                Some(true) => runtime.liveness_failures = 0,
                Some(false) => {
                    runtime.liveness_failures += 1;
                    if runtime.liveness_failures >= probe.failure_threshold.unwrap_or(3) {
                        kill = Some(ProbeType::Liveness);
                    }
                }
                None => {}
            }
        }
    }
    let was_ready = runtime.ready;
    cluster.kubelet.runtime.insert(pod.metadata.uid.clone(), runtime.clone());
    if let Some(probe_type) = kill {
        // Mirrors computePodActions (pkg/kubelet/kuberuntime/kuberuntime_manager.go): the
        // container is killed with "Container NAME failed liveness probe, will be restarted".
        let what = if probe_type == ProbeType::Startup { "startup" } else { "liveness" };
        let message = format!("Container {} failed {what} probe, will be restarted", container.name);
        record(cluster, &involved(pod), "Normal", "Killing", &message, COMPONENT, &node);
        let time = cluster.time();
        // The run that ends started when the container last started running.
        let started = pod.status.container_statuses.first().and_then(|c| c.state.running.as_ref().and_then(|r| r.started_at)).unwrap_or(time);
        let terminated = ContainerState {
            terminated: Some(Box::new(StateTerminated { exit_code: 137, reason: Some(Text::from_static("Error")), message: None, started_at: Some(started), finished_at: Some(time), container_id: None })),
            ..Default::default()
        };
        let mut killed = (**pod).clone();
        apply_readiness(&mut killed, false, time);
        let mut statuses = container_statuses(pod, terminated, false, runtime.restarts, false, pod.status.container_statuses.first().map(|c| c.last_state.clone()).unwrap_or_default());
        for status in &mut statuses {
            if let Some(t) = &mut status.state.terminated {
                t.container_id = status.container_id.clone();
            }
        }
        killed.status.container_statuses = statuses;
        // The same sync starts it again, unless the container's back-off (doBackOff, checked
        // against the run that ended before this one) is still running: repeated kills come
        // to CrashLoopBackOff as repeated crashes do.
        let mut next = runtime;
        next.ready = false;
        let since_last_exit = now.as_millis().saturating_sub(next.crash_backoff_at.as_millis()) / 1000;
        if next.crash_backoff > 0 && since_last_exit < next.crash_backoff {
            next.crash_backoff_at = now;
            next.stage = Stage::CrashBackOff(now.plus_secs(next.crash_backoff - since_last_exit));
            cluster.kubelet.runtime.insert(pod.metadata.uid.clone(), next);
            write_status(cluster, killed);
            return true;
        }
        next.crash_backoff = if next.crash_backoff == 0 || since_last_exit > 2 * MAX_BACKOFF_SECONDS { 10 } else { (next.crash_backoff * 2).min(MAX_BACKOFF_SECONDS) };
        next.crash_backoff_at = now;
        next.stage = Stage::Restarting(now);
        cluster.kubelet.runtime.insert(pod.metadata.uid.clone(), next.clone());
        return restart_container(cluster, &Rc::new(killed), &next, behaviour);
    }
    if just_started {
        let time = cluster.time();
        let mut updated = (**pod).clone();
        for status in &mut updated.status.container_statuses {
            status.started = Some(true);
        }
        apply_readiness(&mut updated, ready, time);
        if let Some(r) = cluster.kubelet.runtime.get_mut(&pod.metadata.uid) {
            r.ready = ready;
        }
        write_status(cluster, updated);
        return true;
    }
    if ready != was_ready {
        set_ready(cluster, pod, ready);
    }
    true
}

fn step_terminating(cluster: &mut Cluster, pod: &Rc<Pod>, runtime: &Runtime, behaviour: &ImageBehaviour) -> bool {
    let now = cluster.now();
    let key = Key::of(&pod.metadata, true);
    let node = pod.spec.node_name.clone().unwrap_or_default();
    match runtime.stage {
        Stage::Terminating(until) => {
            if now >= until {
                let _ = cluster.store.remove::<Pod>(&key);
                cluster.kubelet.forget(&pod.metadata.uid);
                return false;
            }
            true
        }
        _ => {
            let grace = pod.metadata.deletion_grace_period_seconds.unwrap_or(30).max(0) as u64;
            // A finite command (`sleep 3600`) runs until its end: it is stopped like any process.
            let running = matches!(runtime.stage, Stage::Running | Stage::CrashBackOff(_) | Stage::Restarting(_) | Stage::Exiting(..) | Stage::Polling(_) | Stage::PostStart(_) | Stage::HookKill(..));
            let mut seconds = if cluster.timing().is_reference() || pod.spec.node_name.is_none() || !running {
                if grace == 0 || !running { 0 } else { 1 }
            } else {
                behaviour.stop_seconds.map_or(grace, |s| s.min(grace)).max(if grace == 0 { 0 } else { 1 })
            };
            // A command that ends on its own before it is killed ends the container then.
            if let Stage::Exiting(end, _) = runtime.stage {
                seconds = seconds.min(end.as_millis().saturating_sub(now.as_millis()).div_ceil(1000).max(1));
            }
            if running {
                let (at, container) = match init_containers::current(pod, runtime) {
                    Some(init) => (init_containers::involved(pod, &init.name), init.name.clone()),
                    None => (involved(pod), pod.spec.containers.first().map(|c| c.name.clone()).unwrap_or_default()),
                };
                record(cluster, &at, "Normal", "Killing", &format!("Stopping container {container}"), COMPONENT, &node);
                // The pod's other running containers are stopped with it.
                for name in side_containers::running(cluster, &pod.metadata.uid) {
                    let at = Involved::of(Kind::Pod, &pod.metadata).with_field_path(&format!("spec.containers{{{name}}}"));
                    record(cluster, &at, "Normal", "Killing", &format!("Stopping container {name}"), COMPONENT, &node);
                }
                // Sidecars are stopped after the main containers (the kubelet's ordered
                // termination of restartable init containers).
                let sidecars: Vec<Text> = pod
                    .status
                    .init_container_statuses
                    .iter()
                    .filter(|s| s.state.running.is_some() && s.name != container && pod.spec.init_containers.iter().any(|c| c.name == s.name && c.is_restartable_init()))
                    .map(|s| s.name.clone())
                    .collect();
                for name in sidecars {
                    record(cluster, &init_containers::involved(pod, &name), "Normal", "Killing", &format!("Stopping container {name}"), COMPONENT, &node);
                }
                let main_runs = matches!(runtime.stage, Stage::Running | Stage::Exiting(..)) && init_containers::current(pod, runtime).is_none();
                if let (true, false, Some(first)) = (main_runs && grace > 0, cluster.timing().is_reference(), pod.spec.containers.first()) {
                    seconds = seconds.max(pre_stop(cluster, pod, first, grace, behaviour).unwrap_or(0));
                }
                if grace > 0 && !cluster.timing().is_reference() {
                    seconds = seconds.max(side_containers::pre_stop(cluster, pod, grace));
                }
            }
            if seconds == 0 {
                let _ = cluster.store.remove::<Pod>(&key);
                cluster.kubelet.forget(&pod.metadata.uid);
                return false;
            }
            let mut next = runtime.clone();
            next.stage = Stage::Terminating(now.plus_secs(seconds));
            cluster.kubelet.runtime.insert(pod.metadata.uid.clone(), next);
            true
        }
    }
}

/// The container's preStop hook, run as killContainer runs it (kuberuntime_container.go):
/// before SIGTERM, for at most the grace period, a failure recorded as `FailedPreStopHook`; what
/// is left of the grace period (at least 2 s, `minimumGracePeriodInSeconds`) is the app's to
/// stop in, or it is killed. Seconds until the container is gone; None without a hook.
fn pre_stop(cluster: &mut Cluster, pod: &Rc<Pod>, container: &crate::engine::api::pod::Container, grace: u64, behaviour: &ImageBehaviour) -> Option<u64> {
    let hook = hooks::handler(container, "preStop")?;
    let outcome = hooks::run(cluster, pod, container, &hook, grace);
    if let Some(failure) = &outcome.failure {
        let node = pod.spec.node_name.clone().unwrap_or_default();
        record(cluster, &involved(pod), "Warning", "FailedPreStopHook", failure, COMPONENT, &node);
    }
    let left = grace.saturating_sub(outcome.seconds).max(2);
    Some(outcome.seconds + behaviour.stop_seconds.map_or(left, |s| s.min(left)).max(1))
}

/// Serves one HTTP GET on a pod's container (for `exec ... curl` and Services): counts the
/// request like a probe does (kubia v3 fails from the fifth), logs it, and answers.
/// None when the container is not running or does not listen on that port.
pub fn serve_http(cluster: &mut Cluster, pod: &Pod, port: i32, path: &str, client_ip: &str, user_agent: &str) -> Option<crate::engine::apps::HttpResponse> {
    if pod.metadata.is_deleting() {
        return None;
    }
    answer_http(cluster, pod, port, path, client_ip, user_agent, false)
}

/// `serve_http` once the pod's container is known to run: `starting` also answers from a
/// container whose process has started but whose status does not say Running yet (its
/// postStart hook is running).
fn answer_http(cluster: &mut Cluster, pod: &Pod, port: i32, path: &str, client_ip: &str, user_agent: &str, starting: bool) -> Option<crate::engine::apps::HttpResponse> {
    let container = pod.spec.containers.iter().find(|c| crate::engine::apps::listener(c, port) == Some(crate::engine::apps::Listener::Http))?.clone();
    let running = pod.status.container_statuses.iter().any(|s| s.name == container.name && (s.state.running.is_some() || starting && s.state.waiting.is_some()));
    if !running {
        return None;
    }
    let runtime = cluster.kubelet.runtime.get_mut(&pod.metadata.uid)?;
    runtime.requests_served += 1;
    let number = runtime.requests_served;
    let response = crate::engine::apps::http_get(pod, &container, port, path, number, &|file| crate::engine::shell::file_entry(cluster, pod, &container, file));
    let at = cluster.time();
    let request = crate::engine::apps::ServedRequest { client_ip, user_agent, path, status: response.status, bytes: response.body.len(), number, at };
    if let Some(line) = crate::engine::apps::request_log_line(pod, &container, &request) {
        cluster.kubelet.log_request(&pod.metadata.uid, &container.name, at, line);
    }
    Some(response)
}

/// Starts a pod at once, as if it had been running for a while (the cluster's own add-ons).
pub fn start_at_bootstrap(cluster: &mut Cluster, pod: &Rc<Pod>) {
    if pod.spec.node_name.is_none() {
        return;
    }
    let now = cluster.now();
    let image = pod.spec.containers.first().and_then(|c| c.image.clone()).unwrap_or_default();
    let node = pod.spec.node_name.clone().unwrap_or_default();
    cluster.kubelet.images_on_node.insert((node, image));
    cluster.kubelet.runtime.insert(pod.metadata.uid.clone(), runtime_default(now));
    set_running(cluster, pod, true);
    if let Some(runtime) = cluster.kubelet.runtime.get_mut(&pod.metadata.uid) {
        runtime.ready = true;
        runtime.readiness_successes = 1;
        runtime.next_readiness_probe = now.plus_secs(10);
        runtime.next_liveness_probe = now.plus_secs(60);
    }
}

/// The kubelet's node status setter for `spec.unschedulable` (pkg/kubelet/nodestatus,
/// `ReadyCondition`'s sibling that records schedulability): `Node NAME status is now:
/// NodeNotSchedulable` after a cordon, `NodeSchedulable` after an uncordon, on the node, from
/// the kubelet. A stopped kubelet records nothing.
pub fn schedulable_changed(cluster: &mut Cluster, node: &crate::engine::api::core::Node) {
    let name = node.metadata.name.to_string();
    if cluster.node_lifecycle.is_stopped(&name) {
        return;
    }
    let reason = if node.spec.unschedulable == Some(true) { "NodeNotSchedulable" } else { "NodeSchedulable" };
    record(cluster, &Involved::of(Kind::Node, &node.metadata), "Normal", reason, &format!("Node {name} status is now: {reason}"), COMPONENT, &name);
}
