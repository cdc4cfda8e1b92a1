//! `kubectl drain` (kubectl 1.32, `pkg/cmd/drain` over `pkg/drain`): cordon the node, then
//! evict its pods through the eviction API and wait, on the virtual clock, until each is gone.

use std::rc::Rc;

use crate::engine::api::pod::Pod;
use crate::engine::error::ApiError;
use crate::engine::store::{Key, Kind, Obj};
use crate::kubectl::args::{self, boolean, value};
use crate::kubectl::{flag_error, objects, Ctx};

/// How long a drain without `--timeout` waits for its pods before giving up (a real one waits
/// for ever; a playground line must end).
const WAIT_CAP_SECONDS: u64 = 600;

/// The filters' messages (`pkg/drain/filters.go`).
const DAEMON_SET_FATAL: &str = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)";
const DAEMON_SET_WARNING: &str = "ignoring DaemonSet-managed Pods";
const LOCAL_STORAGE_FATAL: &str = "Pods with local storage (use --delete-emptydir-data to override)";
/// Sic: `errors()` puts "cannot delete " before it again, so kubectl says it twice.
const UNMANAGED_FATAL: &str = "cannot delete Pods that declare no controller (use --force to override)";
const UNMANAGED_WARNING: &str = "deleting Pods that declare no controller";

/// What the filters decided for one pod (`PodDeleteStatus`).
enum Status {
    Okay,
    Skip,
    Warning(bool, String),
    Error(String),
}

struct Options {
    ignore_daemon_sets: bool,
    delete_empty_dir: bool,
    force: bool,
    grace: Option<i64>,
    timeout: Option<u64>,
    pod_selector: crate::engine::api::selector::Selector,
    dry_run: Option<&'static str>,
    /// `--disable-eviction`: plain deletes, which no PodDisruptionBudget checks.
    disable_eviction: bool,
}

/// Mirrors `NewCmdDrain`: `RunCordonOrUncordon(true)`, then `deleteOrEvictPodsSimple` per node.
#[inline(never)]
pub fn drain(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(
        words,
        &[
            boolean("ignore-daemonsets", None),
            boolean("delete-emptydir-data", None),
            boolean("delete-local-data", None),
            boolean("force", None),
            boolean("disable-eviction", None),
            value("grace-period", None),
            value("timeout", None),
            value("pod-selector", None),
            value("selector", Some('l')),
            value("skip-wait-for-delete-timeout", None),
            value("chunk-size", None),
            args::DRY_RUN,
        ],
    ) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "drain", &message),
    };
    if parsed.has("delete-local-data") {
        ctx.out.err("Flag --delete-local-data has been deprecated, This option is deprecated and will be deleted. Use --delete-emptydir-data.\n");
    }
    let selector = parsed.get("selector").unwrap_or("");
    if parsed.positional.is_empty() && selector.is_empty() {
        return ctx.out.fail("error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n");
    }
    if !parsed.positional.is_empty() && !selector.is_empty() {
        return ctx.out.fail("error: error: cannot specify both a node name and a --selector option\nSee 'kubectl drain -h' for help and examples\n");
    }
    let pod_selector = match crate::engine::api::selector::Selector::parse(parsed.get("pod-selector").unwrap_or("")) {
        Ok(selector) => selector,
        Err(message) => return ctx.out.fail(format!("error: {message}\n")),
    };
    let options = Options {
        ignore_daemon_sets: parsed.bool("ignore-daemonsets"),
        delete_empty_dir: parsed.bool("delete-emptydir-data") || parsed.bool("delete-local-data"),
        force: parsed.bool("force"),
        grace: parsed.get("grace-period").and_then(|g| g.parse::<i64>().ok()).filter(|g| *g >= 0),
        timeout: parsed.get("timeout").and_then(crate::kubectl::rollout::parse_duration).filter(|t| *t > 0),
        pod_selector,
        dry_run: parsed.dry_run(),
        disable_eviction: parsed.bool("disable-eviction"),
    };
    // The nodes, by name or label.
    let mut nodes = Vec::new();
    if selector.is_empty() {
        for name in parsed.positional.iter().map(|arg| crate::kubectl::mutate::node_name(arg)) {
            match objects::get(ctx.cluster, Kind::Node, "", name) {
                Some(Obj::Node(node)) => nodes.push(node),
                _ => return ctx.out.fail(format!("Error from server (NotFound): nodes \"{name}\" not found\n")),
            }
        }
    } else {
        let node_selector = match crate::engine::api::selector::Selector::parse(selector) {
            Ok(selector) => selector,
            Err(message) => return ctx.out.fail(format!("error: {message}\n")),
        };
        nodes = ctx.cluster.store.nodes.iter().filter(|n| node_selector.matches(&n.metadata.labels)).cloned().collect();
    }
    let suffix = crate::kubectl::args::dry_run_suffix(options.dry_run);
    for node in &nodes {
        crate::kubectl::mutate::set_unschedulable(ctx, node, true, suffix, options.dry_run.is_some());
    }
    let mut fatal = Vec::new();
    let mut remaining = Vec::new();
    for node in &nodes {
        let name = node.metadata.name.to_string();
        match evict_node_pods(ctx, &name, &options, suffix) {
            Ok(()) => ctx.out.out(format!("node/{name} drained{suffix}\n")),
            Err(error) => {
                ctx.out.err(format!("error: unable to drain node {name:?} due to error: {error}, continuing command...\n"));
                fatal.push(error);
                remaining.push(name);
            }
        }
    }
    if !remaining.is_empty() {
        let mut text = String::from("There are pending nodes to be drained:\n");
        for name in &remaining {
            text.push_str(&format!(" {name}\n"));
        }
        ctx.out.err(text);
        ctx.out.fail(format!("error: {}\n", aggregate(&fatal)));
    }
}

/// `utilerrors.NewAggregate(...).Error()`: one error is itself, more a bracketed list.
fn aggregate(errors: &[String]) -> String {
    if errors.len() == 1 {
        errors[0].clone()
    } else {
        format!("[{}]", errors.join(", "))
    }
}

/// `deleteOrEvictPodsSimple`: the pods the filters let go are evicted and waited for.
fn evict_node_pods(ctx: &mut Ctx, node: &str, options: &Options, suffix: &str) -> Result<(), String> {
    // The API lists them by namespace and name (`spec.nodeName=NODE` and --pod-selector).
    let pods = objects::list(ctx.cluster, Kind::Pod, None, &options.pod_selector).into_iter().filter_map(|object| match object {
        Obj::Pod(pod) if pod.spec.node_name.as_deref() == Some(node) => Some(pod),
        _ => None,
    });
    let decided: Vec<(Rc<Pod>, Status)> = pods.map(|pod| {
        let status = filter(ctx, &pod, options);
        (pod, status)
    }).collect();
    // `errors()` and `Warnings()`: pods grouped by message (kubectl walks a map; here the
    // filters' order).
    let group = |wanted: &dyn Fn(&Status) -> Option<String>| -> Vec<(String, Vec<String>)> {
        let mut groups: Vec<(String, Vec<String>)> = Vec::new();
        for (pod, status) in &decided {
            if let Some(message) = wanted(status) {
                let name = format!("{}/{}", pod.metadata.ns(), pod.metadata.name);
                match groups.iter_mut().find(|(m, _)| *m == message) {
                    Some((_, pods)) => pods.push(name),
                    None => groups.push((message, vec![name])),
                }
            }
        }
        groups
    };
    let errors: Vec<String> = group(&|s| match s {
        Status::Error(message) => Some(message.clone()),
        _ => None,
    })
    .into_iter()
    .map(|(message, pods)| format!("cannot delete {message}: {}", pods.join(", ")))
    .collect();
    if !errors.is_empty() {
        return Err(aggregate(&errors));
    }
    let warnings: Vec<String> = group(&|s| match s {
        Status::Warning(_, message) => Some(message.clone()),
        _ => None,
    })
    .into_iter()
    .map(|(message, pods)| format!("{message}: {}", pods.join(", ")))
    .collect();
    if !warnings.is_empty() {
        ctx.out.err(format!("Warning: {}\n", warnings.join("; ")));
    }
    let to_evict: Vec<Rc<Pod>> = decided.into_iter().filter(|(_, s)| matches!(s, Status::Okay | Status::Warning(true, _))).map(|(p, _)| p).collect();
    if options.dry_run == Some("client") {
        for pod in &to_evict {
            ctx.out.out(format!("evicting pod {}/{} (dry run)\n", pod.metadata.ns(), pod.metadata.name));
        }
        return Ok(());
    }
    if options.dry_run == Some("server") {
        for pod in &to_evict {
            ctx.out.out(format!("evicting pod {}/{}{suffix}\n", pod.metadata.ns(), pod.metadata.name));
        }
        return Ok(());
    }
    evict_pods(ctx, node, to_evict, options)
}

/// Where one pod's eviction is (`evictPods`' goroutine for it).
enum Eviction {
    /// The next request is due at this second of the drain.
    Asking(u64),
    /// Evicted: `waitForDelete` polls every second until it is gone.
    Waiting,
    Finished,
}

/// Mirrors `evictPods`: every pod's eviction is asked for at once; one a PodDisruptionBudget
/// refuses (429) is asked for again after `EvictErrorRetryDelay` (5 s), each try printed; an
/// evicted pod is waited for until it is gone (`pod/NAME evicted`). A request due after the
/// global timeout fails with it, as does a wait still going then. The errors, aggregated, and
/// the pods still on the node are what `deleteOrEvictPodsSimple` reports.
fn evict_pods(ctx: &mut Ctx, node: &str, pods: Vec<Rc<Pod>>, options: &Options) -> Result<(), String> {
    const RETRY_SECONDS: u64 = 5;
    let limit = options.timeout.unwrap_or(WAIT_CAP_SECONDS);
    let timeout = crate::engine::clock::go_duration(limit * 1000);
    let mut states: Vec<Eviction> = pods.iter().map(|_| Eviction::Asking(0)).collect();
    // `deletePods`: every pod deleted at once, then waited for (`pod/NAME deleted`).
    let verb = if options.disable_eviction { "deleted" } else { "evicted" };
    if options.disable_eviction {
        for (pod, state) in pods.iter().zip(states.iter_mut()) {
            let _ = crate::engine::apiserver::delete_pod(ctx.cluster, &Key::of(&pod.metadata, true), options.grace);
            *state = Eviction::Waiting;
        }
    }
    let mut errors: Vec<String> = Vec::new();
    let mut elapsed = 0;
    loop {
        for (pod, state) in pods.iter().zip(states.iter_mut()) {
            if !matches!(state, Eviction::Asking(at) if *at == elapsed) {
                continue;
            }
            let (namespace, name) = (pod.metadata.ns(), &*pod.metadata.name);
            ctx.out.out(format!("evicting pod {namespace}/{name}\n"));
            if elapsed >= limit && options.timeout.is_some() {
                errors.push(format!("error when evicting pods/{name:?} -n {namespace:?}: global timeout reached: {timeout}"));
                *state = Eviction::Finished;
                continue;
            }
            let key = Key::of(&pod.metadata, true);
            *state = match crate::engine::eviction::evict(ctx.cluster, &key, options.grace) {
                Ok(()) => Eviction::Waiting,
                Err(ApiError::NotFound { .. }) => Eviction::Finished,
                Err(error @ ApiError::TooManyRequests { .. }) => {
                    ctx.out.err(format!("error when evicting pods/{name:?} -n {namespace:?} (will retry after {RETRY_SECONDS}s): {}\n", error.message()));
                    Eviction::Asking(elapsed + RETRY_SECONDS)
                }
                Err(error) => {
                    errors.push(format!("error when evicting pods/{name:?} -n {namespace:?}: {}", error.message()));
                    Eviction::Finished
                }
            };
        }
        ctx.cluster.settle();
        // The pods whose name is gone, or now names another pod (a StatefulSet's), are evicted.
        for (pod, state) in pods.iter().zip(states.iter_mut()) {
            let gone = || ctx.cluster.store.get::<Pod>(&Key::of(&pod.metadata, true)).is_none_or(|now| now.metadata.uid != pod.metadata.uid);
            if matches!(state, Eviction::Waiting) && gone() {
                ctx.out.out(format!("pod/{} {verb}\n", pod.metadata.name));
                *state = Eviction::Finished;
            }
        }
        if elapsed >= limit {
            for (pod, state) in pods.iter().zip(states.iter_mut()) {
                if matches!(state, Eviction::Waiting) {
                    errors.push(format!("error when waiting for pod {:?} in namespace {:?} to terminate: global timeout reached: {timeout}", &*pod.metadata.name, pod.metadata.ns()));
                    *state = Eviction::Finished;
                }
            }
            // Without --timeout a real drain waits for ever; here it stops at the cap.
            if options.timeout.is_none() {
                for (pod, state) in pods.iter().zip(states.iter_mut()) {
                    if matches!(state, Eviction::Asking(_)) {
                        errors.push(format!("error when evicting pods/{:?} -n {:?}: global timeout reached: {timeout}", &*pod.metadata.name, pod.metadata.ns()));
                        *state = Eviction::Finished;
                    }
                }
            }
        }
        if states.iter().all(|s| matches!(s, Eviction::Finished)) {
            break;
        }
        ctx.tick();
        elapsed += 1;
    }
    if errors.is_empty() {
        return Ok(());
    }
    // `GetPodsForDeletion` again: the pods still on the node.
    let pending: Vec<&Rc<Pod>> = pods.iter().filter(|pod| ctx.cluster.store.get::<Pod>(&Key::of(&pod.metadata, true)).is_some_and(|now| now.metadata.uid == pod.metadata.uid)).collect();
    let error = aggregate(&errors);
    if !pending.is_empty() {
        let mut text = format!("There are pending pods in node {node:?} when an error occurred: {error}\n");
        for pod in pending {
            text.push_str(&format!("pod/{}\n", pod.metadata.name));
        }
        ctx.out.err(text);
    }
    Err(error)
}

/// `filterPods` with `makeFilters` (skipDeleted, daemonSet, mirrorPod, localStorage,
/// unreplicated): each pod goes through the filters until one keeps it; the last filter run
/// decides, so a later Okay drops an earlier warning (the local-storage one, as kubectl's TODO
/// says).
fn filter(ctx: &Ctx, pod: &Pod, options: &Options) -> Status {
    let finished = matches!(pod.status.phase.as_deref(), Some("Succeeded" | "Failed"));
    let controller = pod.metadata.controller_ref();
    // daemonSetFilter
    if let Some(owner) = controller.filter(|o| o.kind == "DaemonSet") {
        if !finished {
            if objects::get(ctx.cluster, Kind::DaemonSet, pod.metadata.ns(), &owner.name).is_none() {
                let message = format!("daemonsets.apps \"{}\" not found", owner.name);
                return if options.force { Status::Warning(true, message) } else { Status::Error(message) };
            }
            return if options.ignore_daemon_sets { Status::Warning(false, DAEMON_SET_WARNING.to_string()) } else { Status::Error(DAEMON_SET_FATAL.to_string()) };
        }
    }
    // mirrorPodFilter
    if pod.metadata.annotations.contains_key("kubernetes.io/config.mirror") {
        return Status::Skip;
    }
    // localStorageFilter
    if !finished && pod.spec.volumes.iter().any(|v| v.extra.get("emptyDir").is_some()) && !options.delete_empty_dir {
        return Status::Error(LOCAL_STORAGE_FATAL.to_string());
    }
    // unreplicatedFilter
    if !finished && controller.is_none() {
        return if options.force { Status::Warning(true, UNMANAGED_WARNING.to_string()) } else { Status::Error(UNMANAGED_FATAL.to_string()) };
    }
    Status::Okay
}
