//! kubectl's printers: tables (`get`), describe, YAML/JSON, name, jsonpath, Go templates, custom
//! columns.

pub mod age;
pub mod describe;
pub mod describe_cron_job;
pub mod describe_daemon_set;
pub mod describe_ingress;
pub mod describe_network_policy;
pub mod describe_disruption_budget;
pub mod describe_autoscaler;
pub mod describe_quota;
pub mod describe_rbac;
pub mod describe_replication_controller;
pub mod describe_stateful_set;
pub mod describe_storage;
pub mod go_template;
pub mod jsonpath;
pub mod print_flags;
pub mod table;
pub mod tabwriter;

use crate::engine::api::pod::Pod;

/// The STATUS column of `kubectl get pods` (see `Pod::status_column`).
pub fn pod_status(pod: &Pod) -> String {
    pod.status_column()
}
