//! Container lifecycle hooks: `postStart` runs right after a container starts, and the container
//! is not Running until it ends; `preStop` runs when the container is stopped, before SIGTERM,
//! within the grace period. Mirrors `handlerRunner.Run` (pkg/kubelet/lifecycle/handlers.go): an
//! `exec` command run as ExecSync runs it, an `httpGet` request, or a `sleep`.

use crate::engine::api::intstr::IntOrString;
use crate::engine::api::pod::{Container, Pod};
use crate::engine::prober::go_quote as quoted;
use crate::engine::Cluster;

use super::pod_ref;

/// One hook of a container (`lifecycle.postStart` or `lifecycle.preStop`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Handler {
    Exec(Vec<String>),
    Http { path: String, port: IntOrString, host: Option<String> },
    Sleep(u64),
}

/// What running a hook did: how long it took, and the failure message the kubelet records
/// (`FailedPostStartHook`, `FailedPreStopHook`) if it failed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Outcome {
    pub seconds: u64,
    pub failure: Option<String>,
}

/// The container's hook `which` (`postStart` or `preStop`), if it declares one the kubelet runs.
pub(super) fn handler(container: &Container, which: &str) -> Option<Handler> {
    let hook = container.extra.get("lifecycle")?.get(which)?;
    if let Some(exec) = hook.get("exec") {
        let argv = exec.get("command").and_then(|c| c.as_array()).map(|a| a.iter().filter_map(|w| w.as_str().map(str::to_string)).collect()).unwrap_or_default();
        return Some(Handler::Exec(argv));
    }
    if let Some(http) = hook.get("httpGet") {
        let port = match http.get("port") {
            Some(serde_json::Value::Number(n)) => IntOrString::Int(n.as_i64().unwrap_or(0) as i32),
            Some(serde_json::Value::String(s)) => IntOrString::Str(s.clone()),
            _ => IntOrString::Int(0),
        };
        let path = http.get("path").and_then(|p| p.as_str()).unwrap_or_default().to_string();
        let host = http.get("host").and_then(|h| h.as_str()).filter(|h| !h.is_empty()).map(str::to_string);
        return Some(Handler::Http { path, port, host });
    }
    hook.get("sleep").and_then(|s| s.get("seconds")).and_then(serde_json::Value::as_u64).map(Handler::Sleep)
}

/// Runs the hook in (or against) the container, now. A command's `sleep`s are how long it
/// takes; one that never ends takes `limit` seconds (it is cut off then).
pub(super) fn run(cluster: &mut Cluster, pod: &Pod, container: &Container, handler: &Handler, limit: u64) -> Outcome {
    match handler {
        Handler::Exec(argv) => {
            let mut process = crate::engine::shell::Process::new(cluster, pod, container);
            let output = crate::engine::shell::run_argv(cluster, &mut process, argv);
            let seconds = crate::engine::apps::command_seconds(container, argv).unwrap_or(limit).min(limit);
            if output.exit == 0 {
                return Outcome { seconds, failure: None };
            }
            let program = argv.first().map(String::as_str).unwrap_or_default();
            let name = program.rsplit('/').next().unwrap_or(program);
            let (error, message) = if argv.is_empty() {
                ("rpc error: code = Unknown desc = failed to exec in container: process args cannot be empty".to_string(), String::new())
            } else if output.exit == 127 && output.stderr == format!("sh: {name}: not found\n") {
                let error = format!(
                    "rpc error: code = Unknown desc = failed to exec in container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: exec: {}: executable file not found in $PATH: unknown",
                    quoted(program)
                );
                (error, String::new())
            } else {
                // ExecSync's CodeExitError carries stderr; the message is both outputs.
                (format!("command '{}' exited with {}: {}", argv.join(" "), output.exit, output.stderr), format!("{}{}", output.stdout, output.stderr))
            };
            let failure = format!(
                "Exec lifecycle hook ([{}]) for Container {} in Pod {} failed - error: {error}, message: {}",
                argv.join(" "),
                quoted(&container.name),
                quoted(&pod_ref(pod)),
                quoted(&message)
            );
            Outcome { seconds, failure: Some(failure) }
        }
        Handler::Http { path, port, host } => {
            let path = if path.is_empty() || path.starts_with('/') { path.clone() } else { format!("/{path}") };
            let failure = |error: String| Some(format!("HTTP lifecycle hook ({path}) for Container {} in Pod {} failed - error: {error}", quoted(&container.name), quoted(&pod_ref(pod))));
            let number = match crate::engine::prober::resolve_container_port(port, container) {
                Ok(number) => number,
                Err(error) => return Outcome { seconds: 0, failure: failure(error) },
            };
            let target = host.clone().unwrap_or_else(|| pod.status.pod_ip.as_deref().unwrap_or_default().to_string());
            let node_ip = pod.status.host_ip.as_deref().unwrap_or_default().to_string();
            // The kubelet's own client (NewRequestForHTTPGetAction): no status code fails it.
            let starting = pod.status.container_statuses.iter().any(|s| s.name == container.name && s.state.running.is_none());
            match super::answer_http(cluster, pod, number, &path, &node_ip, "kube-lifecycle/1.32", starting) {
                Some(_) => Outcome::default(),
                None => Outcome { seconds: 0, failure: failure(format!("Get \"http://{target}:{number}{path}\": dial tcp {target}:{number}: connect: connection refused")) },
            }
        }
        Handler::Sleep(seconds) => Outcome { seconds: (*seconds).min(limit), failure: None },
    }
}
