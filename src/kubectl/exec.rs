//! `kubectl logs` and `kubectl exec` against the simulated containers, and the pipes a learner
//! puts after kubectl in a terminal (`| grep`, `| head`, `| tail`, `| wc -l`, `| sort`).

use std::rc::Rc;

use crate::engine::api::pod::{Container, Pod};
use crate::engine::store::{Key, Obj};
use crate::kubectl::args::{self, boolean, value, FlagSpec};
use crate::kubectl::get::namespace;
use crate::kubectl::objects;
use crate::kubectl::{flag_error, Ctx};

/// Resolves `POD`, `pod/NAME`, `deploy/NAME`, `rs/NAME`, `svc/NAME` to one pod, as kubectl's
/// `AttachablePodForObject` does (the first pod of a workload, by name).
fn pod_for(ctx: &mut Ctx, target: &str, ns: &str, command: &str) -> Option<(Rc<Pod>, usize)> {
    let (type_name, name) = match target.split_once('/') {
        Some((t, n)) => (t.to_string(), n.to_string()),
        None => ("pod".to_string(), target.to_string()),
    };
    let resource = match objects::resolve_type(&type_name) {
        Ok(resource) => resource,
        Err(message) => {
            ctx.out.fail(format!("error: {message}\n"));
            return None;
        }
    };
    let Some(object) = objects::get(ctx.cluster, resource.kind, ns, &name) else {
        ctx.out.fail(format!("Error from server (NotFound): {} \"{name}\" not found\n", resource.resource()));
        return None;
    };
    let selector = match &object {
        Obj::Pod(pod) => return Some((pod.clone(), 1)),
        Obj::Deployment(d) => d.spec.selector.clone().unwrap_or_default(),
        Obj::ReplicaSet(rs) => rs.spec.selector.clone().unwrap_or_default(),
        Obj::Service(svc) => crate::engine::api::selector::LabelSelector { match_labels: svc.spec.selector.clone(), match_expressions: vec![] },
        _ => {
            ctx.out.fail(format!("error: cannot attach to {}: selector for {} not implemented\n", resource.qualified(), resource.kind.name()));
            return None;
        }
    };
    let mut pods: Vec<Rc<Pod>> = ctx.cluster.store().pods.in_namespace(ns).filter(|p| selector.matches(&p.metadata.labels) && !p.metadata.is_deleting()).cloned().collect();
    pods.sort_by(|a, b| a.metadata.creation_timestamp.cmp(&b.metadata.creation_timestamp).then_with(|| a.metadata.name.cmp(&b.metadata.name)));
    match pods.first() {
        Some(pod) => Some((pod.clone(), pods.len())),
        None => {
            let _ = command;
            ctx.out.fail(format!("error: timed out waiting for the condition\n"));
            None
        }
    }
}

fn pick_container(ctx: &mut Ctx, pod: &Pod, wanted: Option<&str>) -> Option<Container> {
    match wanted {
        Some(name) => match pod.spec.containers.iter().find(|c| c.name == name) {
            Some(container) => Some(container.clone()),
            None => {
                ctx.out.fail(format!("error: container {name} is not valid for pod {}\n", pod.metadata.name));
                None
            }
        },
        None => {
            let first = pod.spec.containers.first()?.clone();
            if pod.spec.containers.len() > 1 {
                let names: Vec<&str> = pod.spec.containers.iter().map(|c| c.name.as_str()).collect();
                ctx.out.err(format!("Defaulted container \"{}\" out of: {}\n", first.name, names.join(", ")));
            }
            Some(first)
        }
    }
}

/// The reason a container is not running yet, as the apiserver's log/exec errors put it.
fn waiting_reason(pod: &Pod, container: &Container) -> Option<String> {
    let status = pod.status.container_statuses.iter().find(|s| s.name == container.name);
    match status {
        None => Some("ContainerCreating".to_string()),
        Some(s) if s.state.running.is_some() || s.state.terminated.is_some() || s.last_state.terminated.is_some() => None,
        Some(s) => Some(s.state.waiting.as_ref().and_then(|w| w.reason.clone()).unwrap_or_else(|| "ContainerCreating".into())),
    }
}

const LOGS_FLAGS: &[FlagSpec] = &[
    value("container", Some('c')),
    boolean("follow", Some('f')),
    value("tail", None),
    boolean("previous", Some('p')),
    boolean("timestamps", None),
    value("selector", Some('l')),
    boolean("all-containers", None),
    value("since", None),
    boolean("prefix", None),
    value("pod-running-timeout", None),
];

/// `kubectl logs`.
pub fn logs(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, LOGS_FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "logs", &message),
    };
    let ns = namespace(&parsed);
    if let Some(text) = parsed.get("selector") {
        // With a selector kubectl shows the last 10 lines of each matching pod (--tail default).
        let Ok(selector) = crate::engine::api::selector::Selector::parse(text) else {
            return ctx.out.fail(format!("error: unable to parse requirement: {text}\n"));
        };
        let tail = parsed.get("tail").and_then(|t| t.parse::<i64>().ok()).unwrap_or(10);
        let pods: Vec<Rc<Pod>> = ctx.cluster.store().pods.in_namespace(&ns).filter(|p| selector.matches(&p.metadata.labels)).cloned().collect();
        if pods.is_empty() {
            ctx.out.err(format!("No resources found in {ns} namespace.\n"));
            return;
        }
        for pod in pods {
            let Some(container) = pick_container(ctx, &pod, parsed.get("container")) else { continue };
            if waiting_reason(&pod, &container).is_some() {
                continue;
            }
            let text = crate::engine::apps::logs(ctx.cluster, &pod, &container);
            let lines: Vec<&str> = text.lines().collect();
            let start = if tail < 0 { 0 } else { lines.len().saturating_sub(tail as usize) };
            for line in &lines[start..] {
                if parsed.bool("prefix") {
                    ctx.out.out(format!("[pod/{}/{}] {line}\n", pod.metadata.name, container.name));
                } else {
                    ctx.out.out(format!("{line}\n"));
                }
            }
        }
        return;
    }
    let Some(target) = parsed.positional.first().cloned() else {
        return ctx.out.fail("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n");
    };
    let container_flag = parsed.get("container").map(str::to_string).or_else(|| parsed.positional.get(1).cloned());
    let Some((pod, several)) = pod_for(ctx, &target, &ns, "logs") else { return };
    if several > 1 {
        ctx.out.err(format!("Found {several} pods, using pod/{}\n", pod.metadata.name));
    }
    let Some(container) = pick_container(ctx, &pod, container_flag.as_deref()) else { return };
    if let Some(reason) = waiting_reason(&pod, &container) {
        let detail = match reason.as_str() {
            "ErrImagePull" | "ImagePullBackOff" => "trying and failing to pull image".to_string(),
            other => other.to_string(),
        };
        return ctx.out.fail(format!("Error from server (BadRequest): container \"{}\" in pod \"{}\" is waiting to start: {detail}\n", container.name, pod.metadata.name));
    }
    let mut text = crate::engine::apps::logs(ctx.cluster, &pod, &container);
    if parsed.bool("follow") {
        // Stream while the virtual clock runs, until the container stops (at most a minute).
        let key = Key::of(&pod.metadata, true);
        for _ in 0..60 {
            ctx.tick();
            let Some(current) = ctx.cluster.store().get::<Pod>(&key) else { break };
            if current.metadata.is_deleting() {
                break;
            }
            text = crate::engine::apps::logs(ctx.cluster, &current, &container);
        }
    }
    if let Some(tail) = parsed.get("tail").and_then(|t| t.parse::<i64>().ok()).filter(|t| *t >= 0) {
        let lines: Vec<&str> = text.lines().collect();
        let start = lines.len().saturating_sub(tail as usize);
        text = lines[start..].iter().map(|l| format!("{l}\n")).collect();
    }
    ctx.out.out(text);
}

const EXEC_FLAGS: &[FlagSpec] = &[value("container", Some('c')), boolean("stdin", Some('i')), boolean("tty", Some('t')), boolean("quiet", Some('q')), value("filename", Some('f')), value("pod-running-timeout", None)];

/// `kubectl exec POD -- COMMAND`: runs a command in the simulated container.
pub fn exec(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, EXEC_FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "exec", &message),
    };
    let ns = namespace(&parsed);
    let Some(target) = parsed.positional.first().cloned() else {
        return ctx.out.fail("error: pod, type/name or --filename must be specified\n");
    };
    if parsed.positional.len() > 1 {
        return ctx.out.fail("Error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n");
    }
    if parsed.after_dashes.is_empty() {
        return ctx.out.fail("error: you must specify at least one command for the container\n");
    }
    let Some((pod, _)) = pod_for(ctx, &target, &ns, "exec") else { return };
    // Mirrors ExecOptions.Run (kubectl/pkg/cmd/exec/exec.go): a finished pod is refused before
    // its container is chosen.
    if let Some(phase @ ("Succeeded" | "Failed")) = pod.status.phase.as_deref() {
        return ctx.out.fail(format!("error: cannot exec into a container in a completed pod; current phase is {phase}\n"));
    }
    let Some(container) = pick_container(ctx, &pod, parsed.get("container")) else { return };
    if waiting_reason(&pod, &container).is_some() || pod.metadata.is_deleting() && pod.status.phase.as_deref() != Some("Running") {
        return ctx.out.fail(format!("error: unable to upgrade connection: container not found (\"{}\")\n", container.name));
    }
    let command = parsed.after_dashes.clone();
    let shell_alone = command.len() == 1 && ["sh", "bash", "ash", "/bin/sh", "/bin/bash", "zsh"].contains(&command[0].as_str());
    if shell_alone {
        return ctx.out.fail(format!(
            "kubeplay: an interactive {} is not simulated; run one command at a time, e.g. `kubectl exec {target} -- printenv`, `-- cat /etc/hosts`, `-- ls /`, `-- curl -s SERVICE`, or `-- sh -c 'env | grep SERVICE'`\n",
            command[0]
        ));
    }
    let mut process = crate::engine::shell::Process::new(ctx.cluster, &pod, &container);
    let output = crate::engine::shell::run_argv(ctx.cluster, &mut process, &command);
    ctx.out.out(output.stdout);
    if !output.stderr.is_empty() {
        ctx.out.err(output.stderr);
    }
    if output.exit != 0 {
        ctx.out.fail(format!("command terminated with exit code {}\n", output.exit));
    }
}

/// Applies `| grep X`, `| head -n N`, `| tail -n N`, `| wc -l`, `| sort` to a command's stdout,
/// with the same filters the containers' shell has.
pub fn apply_pipes(mut stdout: String, filters: &[Vec<String>]) -> Result<String, String> {
    for filter in filters {
        let Some(program) = filter.first() else { continue };
        if !["grep", "head", "tail", "wc", "sort", "uniq", "tr"].contains(&program.as_str()) {
            return Err(format!("kubeplay: only grep, head, tail, wc, sort, uniq and tr can follow a pipe here, not {program}"));
        }
        stdout = crate::engine::shell::filter(program, &filter[1..], &stdout).stdout;
    }
    Ok(stdout)
}
