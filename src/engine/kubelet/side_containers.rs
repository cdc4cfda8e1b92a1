//! The containers of a pod after its first, each with a life of its own: SyncPod starts them in
//! turn after the first (`startContainer` for each of ContainersToStart: EnsureImageExists, then
//! create, then start; a failed one does not stop the next), each is pulled, fails to pull and
//! backs off, runs, exits and restarts under doBackOff, and is probed, as the first is. Their
//! statuses go into `status.containerStatuses` with every status write of the pod
//! (`overlay`), which also makes the pod Ready only when all its containers are and finishes
//! it (Succeeded or Failed) only when all have ended (`getPhase`, pkg/kubelet/kubelet_pods.go).

use std::rc::Rc;

use crate::engine::api::pod::{Container, ContainerState, ContainerStatus, Pod, Probe, StateRunning, StateTerminated, StateWaiting};
use crate::engine::api::text::Text;
use crate::engine::clock::SimTime;
use crate::engine::events::{record, Involved};
use crate::engine::images::{self, ImageBehaviour};
use crate::engine::prober::{self, ProbeResult, ProbeType};
use crate::engine::store::Kind;
use crate::engine::Cluster;

use super::{condition, container_status, pulled_message, set_condition, Stage, COMPONENT, MAX_BACKOFF_SECONDS};

/// One container after the first: where it is, its back-offs, its probes, and the status it
/// reports.
#[derive(Debug, Clone)]
pub(super) struct Side {
    stage: Stage,
    restarts: i32,
    /// The image pull back-off (10 s doubling to 5 min).
    pull_backoff: u64,
    /// The crash back-off entry (`flowcontrol.Backoff`): its duration and when it was set.
    crash_backoff: u64,
    crash_backoff_at: SimTime,
    /// How long the pull under way takes, in milliseconds (what its `Pulled` event says).
    pull_millis: u64,
    /// The failure of the postStart hook under way (Stage::PostStart).
    hook_failure: Option<String>,
    readiness_successes: i32,
    readiness_failures: i32,
    liveness_failures: i32,
    startup_failures: i32,
    next_readiness: SimTime,
    next_liveness: SimTime,
    next_startup: SimTime,
    requests_served: u32,
    status: ContainerStatus,
}

fn at(pod: &Pod, name: &str) -> Involved {
    Involved::of(Kind::Pod, &pod.metadata).with_field_path(&format!("spec.containers{{{name}}}"))
}

fn waiting(reason: &'static str, message: Option<String>) -> ContainerState {
    ContainerState { waiting: Some(StateWaiting { reason: Some(Text::from_static(reason)), message: message.map(Text::from) }), ..Default::default() }
}

/// Whether the pod's other containers have begun (the first container has started once).
pub(super) fn begun(cluster: &Cluster, pod: &Pod) -> bool {
    pod.spec.containers.len() > 1 && cluster.kubelet.sides.contains_key(&pod.metadata.uid)
}

/// The first container has started for the first time: the others begin, in order, now.
pub(super) fn begin(cluster: &mut Cluster, pod: &Pod) {
    if pod.spec.containers.len() < 2 || begun(cluster, pod) {
        return;
    }
    let now = cluster.now();
    let sides: Vec<Side> = (1..pod.spec.containers.len())
        .map(|index| Side {
            stage: Stage::New,
            restarts: 0,
            pull_backoff: 0,
            crash_backoff: 0,
            crash_backoff_at: now,
            pull_millis: 0,
            hook_failure: None,
            readiness_successes: 0,
            readiness_failures: 0,
            liveness_failures: 0,
            startup_failures: 0,
            next_readiness: now,
            next_liveness: now,
            next_startup: now,
            requests_served: 0,
            status: container_status(pod, index, waiting("ContainerCreating", None), false, 0, false, ContainerState::default()),
        })
        .collect();
    cluster.kubelet.sides.insert(pod.metadata.uid.clone(), sides.into_boxed_slice());
    advance(cluster, pod);
}

/// One kubelet step for the pod's other containers; writes the pod's status if any changed.
/// Whether they still need the kubelet's attention.
pub(super) fn step(cluster: &mut Cluster, pod: &Rc<Pod>) -> bool {
    if !begun(cluster, pod) || pod.metadata.is_deleting() {
        return false;
    }
    let (changed, busy) = advance(cluster, pod);
    if changed {
        super::write_status(cluster, (**pod).clone());
    }
    busy
}

/// Moves each container along as far as it goes now. Returns (whether a status changed,
/// whether any container still needs attention).
fn advance(cluster: &mut Cluster, pod: &Pod) -> (bool, bool) {
    let Some(mut sides) = cluster.kubelet.sides.remove(&pod.metadata.uid) else { return (false, false) };
    let mut changed = false;
    let mut busy = false;
    // Pulls are serial (the kubelet's default `serializeImagePulls`): a container is not pulled
    // while the one before it still is.
    let mut pulling = false;
    for (offset, side) in sides.iter_mut().enumerate() {
        let index = offset + 1;
        let Some(container) = pod.spec.containers.get(index) else { continue };
        if pulling && side.stage == Stage::New {
            busy = true;
            continue;
        }
        for _ in 0..4 {
            let before = side.stage;
            changed |= advance_one(cluster, pod, index, container, side);
            // A failure is reported now; its back-off shows from the next sync.
            if side.stage == before || matches!(side.stage, Stage::PullBackOff(_) | Stage::CrashBackOff(_)) {
                break;
            }
        }
        pulling |= matches!(side.stage, Stage::Pulling(_));
        busy |= needs_attention(side, container);
    }
    cluster.kubelet.sides.insert(pod.metadata.uid.clone(), sides);
    (changed, busy)
}

fn needs_attention(side: &Side, container: &Container) -> bool {
    match side.stage {
        Stage::Done => false,
        Stage::Running => container.readiness_probe.is_some() || container.liveness_probe.is_some() || side.status.started != Some(true),
        _ => true,
    }
}

/// One transition of one container. Whether its status changed.
fn advance_one(cluster: &mut Cluster, pod: &Pod, index: usize, container: &Container, side: &mut Side) -> bool {
    let now = cluster.now();
    let node = pod.spec.node_name.clone().unwrap_or_default();
    let image = container.image.clone().unwrap_or_default();
    let behaviour = images::behaviour(&image);
    let here = at(pod, &container.name);
    let reference = cluster.timing().is_reference();
    match side.stage {
        Stage::New => {
            // EnsureImageExists (pkg/kubelet/images/image_manager.go).
            let present = cluster.kubelet.images_on_node.contains(&(node.clone(), image.clone()));
            if behaviour.pull_error.is_some() || !present || container.image_pull_policy.as_deref() == Some("Always") {
                record(cluster, &here, "Normal", "Pulling", &format!("Pulling image \"{image}\""), COMPONENT, &node);
                // An image already on the node only has its manifest checked: under a second.
                side.pull_millis = if present { 300 + behaviour.size_bytes % 600 } else { behaviour.pull_seconds * 1000 + behaviour.size_bytes % 997 };
                let seconds = if reference { 0 } else { side.pull_millis.div_ceil(1000) };
                side.stage = Stage::Pulling(now.plus_secs(seconds));
                false
            } else {
                record(cluster, &here, "Normal", "Pulled", &format!("Container image \"{image}\" already present on machine"), COMPONENT, &node);
                start(cluster, pod, index, container, side, &behaviour)
            }
        }
        Stage::Pulling(until) if now >= until => {
            if let Some(error) = &behaviour.pull_error {
                let message = format!("Failed to pull image \"{image}\": {error}");
                record(cluster, &here, "Warning", "Failed", &message, COMPONENT, &node);
                record(cluster, &here, "Warning", "Failed", "Error: ErrImagePull", COMPONENT, &node);
                side.status = container_status(pod, index, waiting("ErrImagePull", Some(message)), false, side.restarts, false, side.status.last_state.clone());
                side.pull_backoff = if side.pull_backoff == 0 { 10 } else { (side.pull_backoff * 2).min(MAX_BACKOFF_SECONDS) };
                side.stage = Stage::PullBackOff(now.plus_secs(side.pull_backoff));
                return true;
            }
            cluster.kubelet.images_on_node.insert((node.clone(), image.clone()));
            record(cluster, &here, "Normal", "Pulled", &pulled_message(&image, side.pull_millis, behaviour.size_bytes), COMPONENT, &node);
            start(cluster, pod, index, container, side, &behaviour)
        }
        Stage::PullBackOff(until) if now >= until => {
            // The next sync tries the pull again.
            record(cluster, &here, "Normal", "Pulling", &format!("Pulling image \"{image}\""), COMPONENT, &node);
            side.pull_millis = behaviour.pull_seconds * 1000 + behaviour.size_bytes % 997;
            side.stage = Stage::Pulling(now);
            false
        }
        Stage::PullBackOff(_) if side.status.state.waiting.as_ref().and_then(|w| w.reason.as_deref()) == Some("ErrImagePull") => {
            let message = format!("Back-off pulling image \"{image}\"");
            record(cluster, &here, "Normal", "BackOff", &message, COMPONENT, &node);
            record(cluster, &here, "Warning", "Failed", "Error: ImagePullBackOff", COMPONENT, &node);
            side.status = container_status(pod, index, waiting("ImagePullBackOff", Some(message)), false, side.restarts, false, side.status.last_state.clone());
            true
        }
        Stage::Creating(until) if now >= until => start(cluster, pod, index, container, side, &behaviour),
        Stage::PostStart(until) if now >= until => end_post_start(cluster, pod, index, container, side, &behaviour),
        Stage::HookKill(until, code) if now >= until => end_hook_kill(cluster, pod, index, side, code),
        Stage::Exiting(until, code) if now >= until => exit(cluster, pod, index, side, code),
        Stage::Restarting(until) | Stage::CrashBackOff(until) if now >= until => {
            side.restarts += 1;
            if matches!(side.stage, Stage::CrashBackOff(_)) {
                side.crash_backoff = (side.crash_backoff * 2).min(MAX_BACKOFF_SECONDS);
            }
            if container.image_pull_policy.as_deref() == Some("Always") {
                record(cluster, &here, "Normal", "Pulling", &format!("Pulling image \"{image}\""), COMPONENT, &node);
                record(cluster, &here, "Normal", "Pulled", &pulled_message(&image, 300 + behaviour.size_bytes % 600, behaviour.size_bytes), COMPONENT, &node);
            } else {
                record(cluster, &here, "Normal", "Pulled", &format!("Container image \"{image}\" already present on machine"), COMPONENT, &node);
            }
            start(cluster, pod, index, container, side, &behaviour)
        }
        Stage::CrashBackOff(_) if side.status.state.terminated.is_some() => {
            // The sync after an exit within the back-off: CrashLoopBackOff (doBackOff).
            let (message, event) = super::crash_loop_texts(pod, &container.name, side.crash_backoff);
            let last = side.status.state.clone();
            side.status = container_status(pod, index, waiting("CrashLoopBackOff", Some(message)), false, side.restarts, false, last);
            record(cluster, &here, "Warning", "BackOff", &event, COMPONENT, &node);
            true
        }
        Stage::Running | Stage::Exiting(..) => probe(cluster, pod, index, container, side, &behaviour),
        _ => false,
    }
}

/// Creates and starts the container (its environment resolved first): it runs, or ends at once
/// or later as its command says.
fn start(cluster: &mut Cluster, pod: &Pod, index: usize, container: &Container, side: &mut Side, behaviour: &ImageBehaviour) -> bool {
    let now = cluster.now();
    let node = pod.spec.node_name.clone().unwrap_or_default();
    let here = at(pod, &container.name);
    if let Err(crate::engine::container_env::ConfigProblem::Config(message)) = crate::engine::container_env::resolve_environment(cluster, pod, container) {
        record(cluster, &here, "Warning", "Failed", &format!("Error: {message}"), COMPONENT, &node);
        side.status = container_status(pod, index, waiting("CreateContainerConfigError", Some(message)), false, side.restarts, false, side.status.last_state.clone());
        side.stage = Stage::Creating(now.plus_secs(5));
        return true;
    }
    record(cluster, &here, "Normal", "Created", &format!("Created container {}", container.name), COMPONENT, &node);
    record(cluster, &here, "Normal", "Started", &format!("Started container {}", container.name), COMPONENT, &node);
    if let Some(hook) = super::hooks::handler(container, "postStart") {
        // As for the first container: not Running until the hook ends.
        let outcome = super::hooks::run(cluster, pod, container, &hook, super::POST_START_LIMIT_SECONDS);
        if outcome.seconds > 0 || outcome.failure.is_some() {
            side.hook_failure = outcome.failure;
            side.stage = Stage::PostStart(now.plus_secs(outcome.seconds));
            return false;
        }
    }
    run(cluster, pod, index, container, side, behaviour)
}

/// The postStart hook ended: the container runs on, or is killed (`FailedPostStartHook`) and
/// reports `PostStartHookError` until it restarts.
fn end_post_start(cluster: &mut Cluster, pod: &Pod, index: usize, container: &Container, side: &mut Side, behaviour: &ImageBehaviour) -> bool {
    let Some(failure) = side.hook_failure.take() else { return run(cluster, pod, index, container, side, behaviour) };
    let node = pod.spec.node_name.clone().unwrap_or_default();
    let here = at(pod, &container.name);
    record(cluster, &here, "Warning", "FailedPostStartHook", &failure, COMPONENT, &node);
    record(cluster, &here, "Normal", "Killing", "FailedPostStartHook", COMPONENT, &node);
    let (seconds, code) = super::kill_after_hook(pod, behaviour);
    side.hook_failure = Some(failure);
    side.stage = Stage::HookKill(cluster.now().plus_secs(seconds), code);
    false
}

/// The container killed after its failed postStart hook is gone: `PostStartHookError` until
/// it restarts.
fn end_hook_kill(cluster: &mut Cluster, pod: &Pod, index: usize, side: &mut Side, code: i32) -> bool {
    let failure = side.hook_failure.take().unwrap_or_default();
    exit(cluster, pod, index, side, code);
    if matches!(side.stage, Stage::Restarting(_)) {
        let last = side.status.state.clone();
        side.status = container_status(pod, index, waiting("PostStartHookError", Some(failure)), false, side.restarts, false, last);
    }
    true
}

/// The started container's process runs: Running, its probes due, its command's end scheduled.
fn run(cluster: &mut Cluster, pod: &Pod, index: usize, container: &Container, side: &mut Side, behaviour: &ImageBehaviour) -> bool {
    let now = cluster.now();
    let time = cluster.time();
    // A run that ended becomes the last state.
    let last = if side.status.state.terminated.is_some() { side.status.state.clone() } else { side.status.last_state.clone() };
    let probed = container.readiness_probe.is_some() || container.startup_probe.is_some();
    // Started once its startup probe passes (or at once without one); ready at once only
    // without a probe to pass first.
    let started = container.startup_probe.is_none();
    let ready = !probed && !behaviour.never_ready;
    let delay = |p: Option<&Probe>| now.plus_secs(p.and_then(|p| p.initial_delay_seconds).unwrap_or(0).max(0) as u64);
    side.next_readiness = delay(container.readiness_probe.as_deref());
    side.next_liveness = delay(container.liveness_probe.as_deref());
    side.next_startup = delay(container.startup_probe.as_deref());
    side.readiness_successes = 0;
    side.readiness_failures = 0;
    side.liveness_failures = 0;
    side.startup_failures = 0;
    let running = ContainerState { running: Some(StateRunning { started_at: Some(time) }), ..Default::default() };
    side.status = container_status(pod, index, running, ready, side.restarts, started, last);
    side.stage = Stage::Running;
    if let crate::engine::apps::Lifetime::Exits { after, code, script } = crate::engine::apps::lifetime(container) {
        let mut exit_code = code.unwrap_or(0);
        if let Some(script) = script {
            let mut process = crate::engine::shell::Process::new(cluster, pod, container);
            process.set_bash(crate::engine::apps::runs_bash(container));
            let output = crate::engine::shell::run_script(cluster, &mut process, &script);
            let text: String = output.in_order().into_iter().map(|(_, text)| text).collect();
            let log = cluster.kubelet.requests.entry(pod.metadata.uid.to_string()).or_default().entry(container.name.to_string()).or_default();
            log.extend(text.lines().map(|line| (time, line.to_string())));
            if code.is_none() {
                exit_code = output.exit;
            }
        }
        side.stage = Stage::Exiting(now.plus_secs(after), exit_code);
        if after == 0 {
            // It ends as it starts: the status says it ran and exited.
            return exit(cluster, pod, index, side, exit_code);
        }
    }
    true
}

/// The container's main process ended with `code`: restarted as the pod's restart policy says
/// (at the next sync, or after its crash back-off), or ended for good.
fn exit(cluster: &mut Cluster, pod: &Pod, index: usize, side: &mut Side, code: i32) -> bool {
    let now = cluster.now();
    let time = cluster.time();
    let started_at = side.status.state.running.as_ref().and_then(|r| r.started_at).unwrap_or(time);
    let mut status = container_status(pod, index, terminated(code, if code == 0 { "Completed" } else { "Error" }, started_at, time), false, side.restarts, false, side.status.last_state.clone());
    status.container_id = side.status.container_id.clone().or(status.container_id);
    if let Some(t) = status.state.terminated.as_mut() {
        t.container_id = status.container_id.clone();
    }
    side.status = status;
    let policy = pod.spec.restart_policy.as_deref().unwrap_or("Always");
    if !(policy == "Always" || (policy == "OnFailure" && code != 0)) {
        side.stage = Stage::Done;
        return true;
    }
    // doBackOff (kuberuntime_manager.go), as for the first container.
    let expired = now.as_millis().saturating_sub(side.crash_backoff_at.as_millis()) > 2 * MAX_BACKOFF_SECONDS * 1000;
    if side.crash_backoff == 0 || expired {
        side.crash_backoff = 10;
        side.crash_backoff_at = now;
        side.stage = Stage::Restarting(now.plus_secs(1));
    } else {
        side.crash_backoff_at = now;
        side.stage = Stage::CrashBackOff(now.plus_secs(side.crash_backoff));
    }
    true
}

fn terminated(code: i32, reason: &'static str, started: crate::engine::clock::Time, finished: crate::engine::clock::Time) -> ContainerState {
    let state = StateTerminated { exit_code: code, reason: Some(Text::from_static(reason)), message: None, started_at: Some(started), finished_at: Some(finished), container_id: None };
    ContainerState { terminated: Some(Box::new(state)), ..Default::default() }
}

/// The container's probe workers, one tick (worker.doProbe, as `super::run_probes` for the
/// first container): startup until it passes, then readiness and liveness on their periods.
/// A liveness or startup probe failing `failureThreshold` times kills the container.
fn probe(cluster: &mut Cluster, pod: &Pod, index: usize, container: &Container, side: &mut Side, behaviour: &ImageBehaviour) -> bool {
    let now = cluster.now();
    let period = |p: &Probe| p.period_seconds.unwrap_or(10).max(1) as u64;
    let mut kill = None;
    // The status holds whether the container is ready and started; the probes change it.
    let (mut ready, mut started) = (side.status.ready, side.status.started == Some(true));
    let was = (ready, started);
    if let (false, Some(p)) = (started, container.startup_probe.as_deref()) {
        if now >= side.next_startup {
            side.next_startup = now.plus_secs(period(p));
            match probe_once(cluster, pod, container, side, behaviour, p, ProbeType::Startup) {
                Some(true) => {
                    started = true;
                    ready = container.readiness_probe.is_none() && !behaviour.never_ready;
                }
                Some(false) => {
                    side.startup_failures += 1;
                    if side.startup_failures >= p.failure_threshold.unwrap_or(3) {
                        kill = Some("startup");
                    }
                }
                None => {}
            }
        }
    }
    if let (true, None, Some(p)) = (started, kill, container.readiness_probe.as_deref()) {
        if now >= side.next_readiness {
            side.next_readiness = now.plus_secs(period(p));
            match probe_once(cluster, pod, container, side, behaviour, p, ProbeType::Readiness) {
                Some(true) => {
                    side.readiness_successes += 1;
                    side.readiness_failures = 0;
                    ready |= side.readiness_successes >= p.success_threshold.unwrap_or(1);
                }
                Some(false) => {
                    side.readiness_failures += 1;
                    side.readiness_successes = 0;
                    if side.readiness_failures >= p.failure_threshold.unwrap_or(3) {
                        ready = false;
                    }
                }
                None => {}
            }
        }
    }
    if let (true, None, Some(p)) = (started, kill, container.liveness_probe.as_deref()) {
        if now >= side.next_liveness {
            side.next_liveness = now.plus_secs(period(p));
            match probe_once(cluster, pod, container, side, behaviour, p, ProbeType::Liveness) {
                Some(true) => side.liveness_failures = 0,
                Some(false) => {
                    side.liveness_failures += 1;
                    if side.liveness_failures >= p.failure_threshold.unwrap_or(3) {
                        kill = Some("liveness");
                    }
                }
                None => {}
            }
        }
    }
    if let Some(what) = kill {
        // computePodActions: killed, then restarted by the same sync unless within its back-off.
        let node = pod.spec.node_name.clone().unwrap_or_default();
        let message = format!("Container {} failed {what} probe, will be restarted", container.name);
        record(cluster, &at(pod, &container.name), "Normal", "Killing", &message, COMPONENT, &node);
        let time = cluster.time();
        let started_at = side.status.state.running.as_ref().and_then(|r| r.started_at).unwrap_or(time);
        let mut status = container_status(pod, index, terminated(137, "Error", started_at, time), false, side.restarts, false, side.status.last_state.clone());
        if let Some(t) = status.state.terminated.as_mut() {
            t.container_id = status.container_id.clone();
        }
        side.status = status;
        let since_last_exit = now.as_millis().saturating_sub(side.crash_backoff_at.as_millis()) / 1000;
        if side.crash_backoff > 0 && since_last_exit < side.crash_backoff {
            side.crash_backoff_at = now;
            side.stage = Stage::CrashBackOff(now.plus_secs(side.crash_backoff - since_last_exit));
        } else {
            side.crash_backoff = if side.crash_backoff == 0 || since_last_exit > 2 * MAX_BACKOFF_SECONDS { 10 } else { (side.crash_backoff * 2).min(MAX_BACKOFF_SECONDS) };
            side.crash_backoff_at = now;
            side.stage = Stage::Restarting(now);
        }
        return true;
    }
    if (ready, started) != was {
        side.status.ready = ready;
        side.status.started = Some(started);
        return true;
    }
    false
}

/// One probe, with the `Unhealthy` event a failure or an error records (prober.probe).
fn probe_once(cluster: &mut Cluster, pod: &Pod, container: &Container, side: &mut Side, behaviour: &ImageBehaviour, probe: &Probe, probe_type: ProbeType) -> Option<bool> {
    let node = pod.spec.node_name.clone().unwrap_or_default();
    let kind = probe_type.title();
    let (passed, message) = match prober::run_probe(cluster, pod, container, probe, probe_type, behaviour, &mut side.requests_served) {
        ProbeResult::Success => return Some(true),
        ProbeResult::Failure(output) => (Some(false), format!("{kind} probe failed: {output}")),
        ProbeResult::Errored(error) => (None, format!("{kind} probe errored and resulted in unknown state: {error}")),
    };
    record(cluster, &at(pod, &container.name), "Warning", "Unhealthy", &message, COMPONENT, &node);
    passed
}

/// A status write of the pod: the other containers' own statuses replace what the write says
/// of them; the pod is Ready only when every container is (the unready ones named, as
/// `GeneratePodReadyCondition` does), and it ends only when every container has
/// (`getPhase`: Running while one still runs or restarts; then Failed if one failed).
pub(super) fn overlay(cluster: &Cluster, pod: &mut Pod) {
    if pod.spec.containers.len() < 2 {
        return;
    }
    let Some(sides) = cluster.kubelet.sides.get(&pod.metadata.uid) else { return };
    for (offset, side) in sides.iter().enumerate() {
        if let Some(slot) = pod.status.container_statuses.get_mut(offset + 1).filter(|s| s.name == side.status.name) {
            *slot = side.status.clone();
        }
    }
    let now = cluster.time();
    if sides.iter().all(|s| s.stage == Stage::Done) && super::main_done(cluster, &pod.metadata.uid) {
        // Every container has ended for good: the pod is terminal.
        let failed = pod.status.container_statuses.iter().any(|s| s.state.terminated.as_ref().is_some_and(|t| t.exit_code != 0));
        pod.status.phase = Some(Text::from_static(if failed { "Failed" } else { "Succeeded" }));
        for c in pod.status.conditions.iter_mut().filter(|c| c.type_ == "Ready" || c.type_ == "ContainersReady") {
            c.status = Text::from_static("False");
            c.reason = Some(Text::from_static("PodCompleted"));
            c.message = None;
        }
        return;
    }
    pod.status.phase = Some(Text::from_static(phase(pod)));
    let unready: Vec<&str> = pod.status.container_statuses.iter().filter(|s| !s.ready).map(|s| s.name.as_str()).collect();
    let ready = unready.is_empty();
    let reason = if ready { None } else { Some("ContainersNotReady") };
    let message = (!ready).then(|| Text::from(format!("containers with unready status: [{}]", unready.join(" "))));
    for type_ in ["Ready", "ContainersReady"] {
        set_condition(pod, condition(type_, ready, reason, now));
        if let Some(c) = pod.status.conditions.iter_mut().find(|c| c.type_ == type_) {
            c.message = message.clone();
        }
    }
}

/// The phase of a pod not yet terminal, from its containers' states. Mirrors `getPhase`
/// (pkg/kubelet/kubelet_pods.go): a container waiting that has never run (being created,
/// or its image not pulled) keeps the pod Pending, even while another runs; else one running
/// makes it Running; with all stopped, it is Running under `Always` (they restart), and
/// under the other policies Succeeded if all succeeded, else Failed (`Never`) or Running
/// (`OnFailure`, the failed ones restart).
fn phase(pod: &Pod) -> &'static str {
    let (mut running, mut stopped, mut succeeded, mut waiting) = (0, 0, 0, 0);
    for status in &pod.status.container_statuses {
        if status.state.running.is_some() {
            running += 1;
        } else if let Some(t) = &status.state.terminated {
            stopped += 1;
            succeeded += usize::from(t.exit_code == 0);
        } else if status.last_state.terminated.is_some() {
            stopped += 1;
        } else {
            waiting += 1;
        }
    }
    let policy = pod.spec.restart_policy.as_deref().unwrap_or("Always");
    match () {
        _ if waiting > 0 => "Pending",
        _ if running > 0 => "Running",
        _ if stopped > 0 && policy == "Always" => "Running",
        _ if stopped > 0 && stopped == succeeded => "Succeeded",
        _ if stopped > 0 && policy == "Never" => "Failed",
        _ if stopped > 0 => "Running",
        _ => "Pending",
    }
}

/// The preStop hooks of the pod's other running containers, run as the pod is deleted (the
/// kubelet stops its containers together): the seconds until the slowest is gone.
pub(super) fn pre_stop(cluster: &mut Cluster, pod: &Rc<Pod>, grace: u64) -> u64 {
    let names = running(cluster, &pod.metadata.uid);
    let mut seconds = 0;
    for container in pod.spec.containers.iter().skip(1).filter(|c| names.contains(&c.name)) {
        let behaviour = images::behaviour(container.image.as_deref().unwrap_or_default());
        seconds = seconds.max(super::pre_stop(cluster, pod, container, grace, &behaviour).unwrap_or(0));
    }
    seconds
}

/// Whether a pod's other containers are running (the ones `kubectl delete` stops): their names.
pub(super) fn running(cluster: &Cluster, uid: &str) -> Vec<Text> {
    cluster.kubelet.sides.get(uid).map_or_else(Vec::new, |sides| sides.iter().filter(|s| s.status.state.running.is_some()).map(|s| s.status.name.clone()).collect())
}
