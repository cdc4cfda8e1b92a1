//! A pod's init containers, run one after another before its main containers, as the kubelet's
//! `computePodActions` (pkg/kubelet/kuberuntime/kuberuntime_manager.go) and
//! `computeInitContainerActions` (kuberuntime_container.go) have it: each init container is
//! pulled, created and started only once the one before it completed with exit code 0; a
//! failed one is restarted with the crash back-off unless the pod's restartPolicy is Never, which
//! fails the pod; a sidecar (`restartPolicy: Always`) is left running once started and the next
//! one starts. The statuses and conditions are the kubelet's (`convertToAPIContainerStatuses`
//! with `hasInitContainers`, `GeneratePodInitializedCondition` in pkg/kubelet/status/generate.go).
//!
//! An init container's script runs in the container shell. A script that waits in a loop (`until
//! nslookup myservice; do sleep 2; done`) is run in rounds: virtual time does not pass while a
//! script runs, so each poll runs it again from the start with one more round allowed, at the
//! time that round would begin; it completes once a round's test lets the loop end.

use std::rc::Rc;

use super::{condition, hex64, record, set_condition, set_stage, write_status, Stage, COMPONENT, MAX_BACKOFF_SECONDS};
use crate::engine::api::pod::{Container, ContainerState, ContainerStatus, Pod, StateRunning, StateTerminated, StateWaiting};
use crate::engine::api::text::Text;
use crate::engine::clock::SimTime;
use crate::engine::events::Involved;
use crate::engine::images;
use crate::engine::store::{Key, Kind};
use crate::engine::Cluster;

/// Where a pod is in its init containers.
#[derive(Debug, Clone, Default)]
pub(super) struct InitRun {
    /// How many init containers are done (completed, or started sidecars).
    done: usize,
    /// The current init container's restarts so far.
    restarts: i32,
    /// The current init container's crash back-off (10 s doubling to 5 min; 0: none yet), and
    /// whether the restart due ends a wait in it (and doubles it).
    backoff_seconds: u64,
    backing_off: bool,
    /// When the current run started, and how many rounds of its waiting loop are due.
    started_at: SimTime,
    rounds: usize,
    /// What the current run has logged so far.
    logged: String,
    /// The current run ended in failure and its status still says so (`Init:Error`); the next
    /// step writes the back-off.
    failed: bool,
}

/// Whether the pod still has init containers to run (before its main containers start).
pub(super) fn pending(pod: &Pod, runtime: &super::Runtime) -> bool {
    let done = runtime.init.as_ref().map_or(0, |init| init.done);
    done < pod.spec.init_containers.len()
}

/// The init container the pod is at, if it is still initializing.
pub(super) fn current<'a>(pod: &'a Pod, runtime: &super::Runtime) -> Option<&'a Container> {
    if !pending(pod, runtime) || runtime.init.is_none() {
        return None;
    }
    pod.spec.init_containers.get(runtime.init.as_ref().map_or(0, |init| init.done))
}

/// The events' object for an init container: `spec.initContainers{NAME}`.
pub(super) fn involved(pod: &Pod, name: &str) -> Involved {
    Involved::of(Kind::Pod, &pod.metadata).with_field_path(&format!("spec.initContainers{{{name}}}"))
}

fn waiting(reason: &'static str, message: Option<String>) -> ContainerState {
    ContainerState { waiting: Some(StateWaiting { reason: Some(Text::from_static(reason)), message: message.map(Text::from) }), ..Default::default() }
}

/// The init containers that have not completed (nor, for a sidecar, started), as the message
/// of the Initialized condition lists them.
fn incomplete(pod: &Pod, statuses: &[ContainerStatus]) -> Vec<String> {
    pod.spec
        .init_containers
        .iter()
        .filter(|c| {
            let status = statuses.iter().find(|s| s.name == c.name);
            let completed = status.and_then(|s| s.state.terminated.as_ref()).is_some_and(|t| t.exit_code == 0);
            let sidecar_started = c.is_restartable_init() && status.is_some_and(|s| s.started == Some(true));
            !completed && !sidecar_started
        })
        .map(|c| c.name.to_string())
        .collect()
}

/// The pod's Initialized condition from its init containers' statuses
/// (`GeneratePodInitializedCondition`): False with `ContainersNotInitialized` while any is
/// incomplete, True once none is.
fn set_initialized(pod: &mut Pod, now: crate::engine::clock::Time) {
    let names = incomplete(pod, &pod.status.init_container_statuses);
    if names.is_empty() {
        set_condition(pod, condition("Initialized", true, None, now));
    } else {
        let mut initialized = condition("Initialized", false, Some("ContainersNotInitialized"), now);
        initialized.message = Some(format!("containers with incomplete status: [{}]", names.join(" ")).into());
        set_condition(pod, initialized);
    }
}

/// The first sight of a pod with init containers: every init and main container waits with
/// `PodInitializing` (the default waiting state when a pod has init containers).
pub(super) fn initial_statuses(pod: &mut Pod, now: crate::engine::clock::Time) {
    pod.status.init_container_statuses = pod.spec.init_containers.iter().map(|c| status_of(pod, c, waiting("PodInitializing", None), ContainerState::default(), 0, false)).collect();
    for status in &mut pod.status.container_statuses {
        status.state = waiting("PodInitializing", None);
    }
    set_initialized(pod, now);
}

/// An init container's status. Its image ID and container ID once it has run; a completed init
/// container is ready (prober_manager's UpdatePodStatus), a started sidecar is started.
fn status_of(pod: &Pod, container: &Container, state: ContainerState, last: ContainerState, restarts: i32, ran: bool) -> ContainerStatus {
    let full_name = images::full_name(container.image.as_deref().unwrap_or_default());
    let container_id: Option<Text> = ran.then(|| format!("containerd://{}", hex64(&format!("{}{}init{restarts}", pod.metadata.uid, container.name))).into());
    let mut state = state;
    if let Some(terminated) = state.terminated.as_mut() {
        terminated.container_id = container_id.clone();
    }
    let completed = state.terminated.as_ref().is_some_and(|t| t.exit_code == 0);
    let sidecar_running = container.is_restartable_init() && state.running.is_some();
    ContainerStatus {
        name: container.name.clone(),
        ready: completed || (sidecar_running && container.readiness_probe.is_none()),
        restart_count: restarts,
        image_id: if ran { format!("{}@sha256:{}", images::split_image(&full_name).0, hex64(&full_name)).into() } else { Text::default() },
        image: full_name.into(),
        container_id,
        started: Some(state.running.is_some()),
        state,
        last_state: last,
    }
}

/// Writes the current init container's status (and the Initialized condition it implies).
fn write_init_status(cluster: &mut Cluster, pod: &Pod, index: usize, status: ContainerStatus) -> Option<Rc<Pod>> {
    let now = cluster.time();
    let mut updated = pod.clone();
    if updated.status.init_container_statuses.len() != pod.spec.init_containers.len() {
        initial_statuses(&mut updated, now);
    }
    if let Some(slot) = updated.status.init_container_statuses.get_mut(index) {
        *slot = status;
    }
    set_initialized(&mut updated, now);
    write_status(cluster, updated)
}

fn run_of(cluster: &Cluster, uid: &str) -> InitRun {
    cluster.kubelet.runtime.get(uid).and_then(|r| r.init.as_deref().cloned()).unwrap_or_default()
}

fn save_run(cluster: &mut Cluster, uid: &str, run: InitRun, stage: Stage) {
    if let Some(runtime) = cluster.kubelet.runtime.get_mut(uid) {
        runtime.init = Some(Box::new(run));
        runtime.stage = stage;
    }
}

/// The pod's volumes are mounted: its sandbox has an IP, and the next init container's image
/// is pulled or found on the node.
pub(super) fn begin(cluster: &mut Cluster, pod: &Rc<Pod>) -> bool {
    let now = cluster.now();
    let uid = pod.metadata.uid.clone();
    let node = pod.spec.node_name.clone().unwrap_or_default();
    let mut run = run_of(cluster, &uid);
    // What was written since the caller read the pod (its first status) is kept.
    let Some(pod) = cluster.store.get::<Pod>(&Key::of(&pod.metadata, true)) else { return false };
    let Some(container) = pod.spec.init_containers.get(run.done).cloned() else { return super::begin_main(cluster, &pod) };
    let image = container.image.clone().unwrap_or_default();
    let behaviour = images::behaviour(&image);
    let at = involved(&pod, &container.name);
    let present = cluster.kubelet.images_on_node.contains(&(node.clone(), image.clone()));
    let always = container.image_pull_policy.as_deref() == Some("Always");
    let stage = if behaviour.pull_error.is_some() || !present || always {
        record(cluster, &at, "Normal", "Pulling", &format!("Pulling image \"{image}\""), COMPONENT, &node);
        Stage::Pulling(now.plus_secs(if present { 1 } else { behaviour.pull_seconds }))
    } else {
        record(cluster, &at, "Normal", "Pulled", &format!("Container image \"{image}\" already present on machine"), COMPONENT, &node);
        Stage::Creating(now.plus_secs(1))
    };
    run.restarts = 0;
    run.backoff_seconds = 0;
    run.failed = false;
    save_run(cluster, &uid, run, stage);
    true
}

/// One kubelet step of a pod that is initializing. Whether it still needs the kubelet.
pub(super) fn step(cluster: &mut Cluster, pod: &Rc<Pod>, runtime: &super::Runtime) -> bool {
    let now = cluster.now();
    let uid = pod.metadata.uid.clone();
    let node = pod.spec.node_name.clone().unwrap_or_default();
    let mut run = run_of(cluster, &uid);
    let index = run.done;
    let Some(container) = pod.spec.init_containers.get(index).cloned() else { return false };
    let image = container.image.clone().unwrap_or_default();
    let behaviour = images::behaviour(&image);
    let at = involved(pod, &container.name);
    match runtime.stage {
        Stage::Pulling(until) | Stage::PullBackOff(until) if now >= until => {
            if let Some(error) = &behaviour.pull_error {
                let message = format!("Failed to pull image \"{image}\": {error}");
                record(cluster, &at, "Warning", "Failed", &message, COMPONENT, &node);
                record(cluster, &at, "Warning", "Failed", "Error: ErrImagePull", COMPONENT, &node);
                write_init_status(cluster, pod, index, status_of(pod, &container, waiting("ErrImagePull", Some(message)), ContainerState::default(), run.restarts, false));
                let delay = next_backoff(&mut run);
                save_run(cluster, &uid, run, Stage::PullBackOff(now.plus_secs(delay)));
                return true;
            }
            let pulling = matches!(runtime.stage, Stage::Pulling(_));
            cluster.kubelet.images_on_node.insert((node.clone(), image.clone()));
            let seconds = if pulling { behaviour.pull_seconds } else { 0 };
            let millis = seconds * 1000 + behaviour.size_bytes % 997;
            let message = super::pulled_message(&image, millis, behaviour.size_bytes);
            record(cluster, &at, "Normal", "Pulled", &message, COMPONENT, &node);
            run.backoff_seconds = 0;
            save_run(cluster, &uid, run, Stage::Creating(now));
            start(cluster, pod, &container)
        }
        Stage::PullBackOff(_) => {
            let status = pod.status.init_container_statuses.get(index);
            if status.and_then(|s| s.state.waiting.as_ref()).and_then(|w| w.reason.as_deref()) == Some("ErrImagePull") {
                let message = format!("Back-off pulling image \"{image}\"");
                record(cluster, &at, "Normal", "BackOff", &message, COMPONENT, &node);
                record(cluster, &at, "Warning", "Failed", "Error: ImagePullBackOff", COMPONENT, &node);
                write_init_status(cluster, pod, index, status_of(pod, &container, waiting("ImagePullBackOff", Some(message)), ContainerState::default(), run.restarts, false));
            }
            true
        }
        Stage::Creating(due) if now >= due => start(cluster, pod, &container),
        Stage::CrashBackOff(due) if now >= due => {
            // A restart goes through EnsureImageExists again: pulled anew under `Always`,
            // found on the node otherwise.
            run.restarts += 1;
            if run.backing_off {
                run.backoff_seconds = (run.backoff_seconds * 2).min(MAX_BACKOFF_SECONDS);
                run.backing_off = false;
            }
            if container.image_pull_policy.as_deref() == Some("Always") {
                record(cluster, &at, "Normal", "Pulling", &format!("Pulling image \"{image}\""), COMPONENT, &node);
                save_run(cluster, &uid, run, Stage::Pulling(now.plus_secs(1)));
                return true;
            }
            record(cluster, &at, "Normal", "Pulled", &format!("Container image \"{image}\" already present on machine"), COMPONENT, &node);
            save_run(cluster, &uid, run, Stage::Creating(now));
            start(cluster, pod, &container)
        }
        Stage::CrashBackOff(_) if run.failed => {
            // The kubelet's next sync finds the container in back-off (doBackOff): the status
            // waits with CrashLoopBackOff and keeps the failed run as its last state.
            run.failed = false;
            let last = pod.status.init_container_statuses.get(index).map(|s| s.state.clone()).unwrap_or_default();
            let (message, text) = super::crash_loop_texts(pod, &container.name, run.backoff_seconds);
            let mut status = status_of(pod, &container, waiting("CrashLoopBackOff", Some(message)), last, run.restarts, true);
            status.container_id = pod.status.init_container_statuses.get(index).and_then(|s| s.container_id.clone());
            write_init_status(cluster, pod, index, status);
            record(cluster, &at, "Warning", "BackOff", &text, COMPONENT, &node);
            let stage = runtime.stage;
            save_run(cluster, &uid, run, stage);
            true
        }
        Stage::Exiting(due, code) if now >= due => finish(cluster, pod, &container, code),
        Stage::Polling(due) if now >= due => {
            run.rounds += 1;
            let stage = run_script(cluster, pod, &container, &mut run);
            save_run(cluster, &uid, run, stage);
            match stage {
                Stage::Exiting(due, code) if due <= now => finish(cluster, pod, &container, code),
                _ => true,
            }
        }
        Stage::Running | Stage::Done => false,
        _ => true,
    }
}

fn next_backoff(run: &mut InitRun) -> u64 {
    run.backoff_seconds = if run.backoff_seconds == 0 { 10 } else { (run.backoff_seconds * 2).min(MAX_BACKOFF_SECONDS) };
    run.backoff_seconds
}

/// Creates and starts the current init container: its events, its status (running), and what
/// its process does: a sidecar runs on and the next container starts; a script runs in the
/// container shell (in rounds if it waits in a loop); a server runs for ever.
fn start(cluster: &mut Cluster, pod: &Rc<Pod>, container: &Container) -> bool {
    let now = cluster.now();
    let Some(pod) = cluster.store.get::<Pod>(&Key::of(&pod.metadata, true)) else { return false };
    let pod = &pod;
    let uid = pod.metadata.uid.clone();
    let node = pod.spec.node_name.clone().unwrap_or_default();
    let at = involved(pod, &container.name);
    let mut run = run_of(cluster, &uid);
    let index = run.done;
    if let Err(crate::engine::container_env::ConfigProblem::Config(message)) = crate::engine::container_env::resolve_environment(cluster, pod, container) {
        record(cluster, &at, "Warning", "Failed", &format!("Error: {message}"), COMPONENT, &node);
        write_init_status(cluster, pod, index, status_of(pod, container, waiting("CreateContainerConfigError", Some(message)), ContainerState::default(), run.restarts, false));
        save_run(cluster, &uid, run, Stage::Creating(now.plus_secs(5)));
        return true;
    }
    record(cluster, &at, "Normal", "Created", &format!("Created container {}", container.name), COMPONENT, &node);
    record(cluster, &at, "Normal", "Started", &format!("Started container {}", container.name), COMPONENT, &node);
    let last = pod.status.init_container_statuses.get(index).map(last_run).unwrap_or_default();
    let running = ContainerState { running: Some(StateRunning { started_at: Some(cluster.time()) }), ..Default::default() };
    if container.is_restartable_init() {
        // A sidecar keeps running beside the main containers; the next init container starts.
        let Some(pod) = write_init_status(cluster, pod, index, status_of(pod, container, running, last, run.restarts, true)) else { return false };
        run.done += 1;
        save_run(cluster, &uid, run, Stage::New);
        return begin(cluster, &pod);
    }
    run.started_at = now;
    run.rounds = 1;
    run.logged.clear();
    run.failed = false;
    let stage = run_script(cluster, pod, container, &mut run);
    save_run(cluster, &uid, run, stage);
    if let Stage::Exiting(due, code) = stage {
        if due <= now {
            // It ends as it starts: one status write says it ran and exited.
            return finish(cluster, pod, container, code);
        }
    }
    write_init_status(cluster, pod, index, status_of(pod, container, running, last, run_of(cluster, &uid).restarts, true));
    !matches!(stage, Stage::Running)
}

/// The run a new status keeps as its last state: the one that just ended, or the one kept.
fn last_run(status: &ContainerStatus) -> ContainerState {
    if status.state.terminated.is_some() { status.state.clone() } else { status.last_state.clone() }
}

/// Runs the init container's process (again, from the start) with `run.rounds` rounds of its
/// loops allowed, logs what it printed beyond what was logged already, and says what comes
/// next: `Exiting` at the time the script ends, `Polling` at the time its next round begins,
/// or `Running` for a process that never ends.
fn run_script(cluster: &mut Cluster, pod: &Rc<Pod>, container: &Container, run: &mut InitRun) -> Stage {
    let now = cluster.now();
    let script = match crate::engine::apps::lifetime(container) {
        crate::engine::apps::Lifetime::Exits { after, code, script: None } => return Stage::Exiting(now.plus_secs(after), code.unwrap_or(0)),
        crate::engine::apps::Lifetime::Exits { code: Some(code), after, .. } => return Stage::Exiting(now.plus_secs(after), code),
        lifetime => match crate::engine::apps::shell_script(container) {
            Some(script) => script,
            None if matches!(lifetime, crate::engine::apps::Lifetime::Forever) => return Stage::Running,
            None => return Stage::Exiting(now, 0),
        },
    };
    let mut process = crate::engine::shell::Process::new(cluster, pod, container);
    process.set_bash(crate::engine::apps::runs_bash(container));
    process.round_limit = Some(run.rounds.min(crate::engine::shell_control::MAX_ROUNDS));
    let output = crate::engine::shell::run_script(cluster, &mut process, &script);
    let text: String = output.in_order().into_iter().map(|(_, text)| text).collect();
    // A rerun repeats the rounds logged already (unless a test now ends the loop sooner).
    let fresh = text.strip_prefix(run.logged.as_str()).unwrap_or(&text).to_string();
    let time = cluster.time();
    let log = cluster.kubelet.requests.entry(pod.metadata.uid.to_string()).or_default().entry(container.name.to_string()).or_default();
    log.extend(fresh.lines().map(|line| (time, line.to_string())));
    run.logged = text;
    if process.slept.is_infinite() {
        return Stage::Running;
    }
    let ends_at = run.started_at.plus_secs(process.slept.ceil() as u64);
    if process.suspended && run.rounds < crate::engine::shell_control::MAX_ROUNDS {
        // The next round begins once this one's sleeps are over (at least a second on).
        return Stage::Polling(if ends_at > now { ends_at } else { now.plus_secs(1) });
    }
    if process.suspended {
        return Stage::Running;
    }
    Stage::Exiting(if ends_at > now { ends_at } else { now }, output.exit)
}

/// The current init container's process ended with `code`: completed (the next one begins, or
/// the main containers), or failed (back-off and restart, or the pod fails under
/// `restartPolicy: Never`).
fn finish(cluster: &mut Cluster, pod: &Rc<Pod>, container: &Container, code: i32) -> bool {
    let uid = pod.metadata.uid.clone();
    let time = cluster.time();
    let mut run = run_of(cluster, &uid);
    let index = run.done;
    let Some(pod) = cluster.store.get::<Pod>(&Key::of(&pod.metadata, true)) else { return false };
    let previous = pod.status.init_container_statuses.get(index);
    let started = previous.and_then(|s| s.state.running.as_ref()).and_then(|r| r.started_at).unwrap_or(time);
    let last = previous.map(last_run).unwrap_or_default();
    let reason = if code == 0 { "Completed" } else { "Error" };
    let terminated = ContainerState {
        terminated: Some(Box::new(StateTerminated { exit_code: code, reason: Some(reason.into()), message: None, started_at: Some(started), finished_at: Some(time), container_id: None })),
        ..Default::default()
    };
    let status = status_of(&pod, container, terminated, last, run.restarts, true);
    if code == 0 {
        let Some(pod) = write_init_status(cluster, &pod, index, status) else { return false };
        run.done += 1;
        save_run(cluster, &uid, run, Stage::New);
        return begin(cluster, &pod);
    }
    if pod.spec.restart_policy.as_deref() == Some("Never") {
        // `restartPolicy: Never`: a failed init container fails the pod (getPhase), in the
        // same status write.
        let mut updated = (*pod).clone();
        updated.status.phase = Some(Text::from_static("Failed"));
        write_init_status(cluster, &updated, index, status);
        set_stage(cluster, &uid, Stage::Done);
        return false;
    }
    write_init_status(cluster, &pod, index, status);
    // doBackOff: the first failure (no back-off entry yet) is restarted by the next sync and
    // starts the entry at 10 s; a failure within the back-off waits it out in CrashLoopBackOff.
    let now = cluster.now();
    if run.backoff_seconds == 0 {
        run.backoff_seconds = 10;
        run.backing_off = false;
        save_run(cluster, &uid, run, Stage::CrashBackOff(now.plus_secs(1)));
        return true;
    }
    run.backing_off = true;
    run.failed = true;
    let delay = run.backoff_seconds;
    save_run(cluster, &uid, run, Stage::CrashBackOff(now.plus_secs(delay)));
    true
}

/// The pod's containers have finished for good: the kubelet stops its sidecars (SIGTERM; a
/// sidecar that does not handle it ends with 143), with a Killing event for each. Returns the
/// names of the sidecars it stopped.
pub(super) fn stop_sidecars(pod: &mut Pod, now: crate::engine::clock::Time) -> Vec<Text> {
    let mut stopped = Vec::new();
    for status in &mut pod.status.init_container_statuses {
        let sidecar = pod.spec.init_containers.iter().any(|c| c.name == status.name && c.is_restartable_init());
        let Some(running) = status.state.running.as_ref().filter(|_| sidecar) else { continue };
        let terminated = StateTerminated {
            exit_code: 143,
            reason: Some(Text::from_static("Error")),
            message: None,
            started_at: running.started_at,
            finished_at: Some(now),
            container_id: status.container_id.clone(),
        };
        status.state = ContainerState { terminated: Some(Box::new(terminated)), ..Default::default() };
        status.ready = false;
        status.started = Some(false);
        stopped.push(status.name.clone());
    }
    stopped
}
