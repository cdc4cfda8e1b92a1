//! kubectl's printers: tables (`get`), describe, YAML/JSON, name, jsonpath, custom columns.

pub mod age;
pub mod describe;
pub mod jsonpath;
pub mod table;
pub mod tabwriter;

use crate::engine::api::pod::Pod;

/// The STATUS column of `kubectl get pods` (mirrors `printPod` in pkg/printers/internalversion):
/// the phase, or the pod's reason, or the first waiting/terminated container reason;
/// `Terminating` once a deletionTimestamp is set (unless the node is lost: `Unknown`).
pub fn pod_status(pod: &Pod) -> String {
    let mut reason = pod.status.phase.clone().unwrap_or_else(|| "Pending".to_string());
    if let Some(r) = &pod.status.reason {
        reason = r.clone();
    }
    let mut initializing = false;
    let _ = &mut initializing;
    let mut has_running = false;
    for container in pod.status.container_statuses.iter().rev() {
        if let Some(waiting) = &container.state.waiting {
            if let Some(r) = waiting.reason.as_deref().filter(|r| !r.is_empty()) {
                reason = r.to_string();
            }
        } else if let Some(terminated) = &container.state.terminated {
            reason = match terminated.reason.as_deref().filter(|r| !r.is_empty()) {
                Some(r) => r.to_string(),
                None if terminated.exit_code != 0 => format!("ExitCode:{}", terminated.exit_code),
                None => "Completed".to_string(),
            };
        } else if container.ready && container.state.running.is_some() {
            has_running = true;
        }
    }
    if reason == "Completed" && has_running {
        reason = if pod.is_ready() { "Running".to_string() } else { "NotReady".to_string() };
    }
    if pod.metadata.deletion_timestamp.is_some() {
        reason = if pod.status.reason.as_deref() == Some("NodeLost") { "Unknown".to_string() } else { "Terminating".to_string() };
    }
    reason
}
