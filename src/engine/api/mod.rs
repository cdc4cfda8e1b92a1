//! The API types of the kinds the engine serves, with their defaulting and validation.

pub mod core;
pub mod cron_job;
pub mod daemon_set;
pub mod defaults;
pub mod deployment;
pub mod ingress;
pub mod intstr;
pub mod job;
pub mod limit_range;
pub mod meta;
pub mod network_policy;
pub mod pod;
pub mod pod_disruption_budget;
pub mod horizontal_pod_autoscaler;
pub mod quantity;
pub mod rbac;
pub mod replication_controller;
pub mod resource_quota;
pub mod selector;
pub mod shared;
pub mod stateful_set;
pub mod sparse;
pub mod storage;
pub mod text;
pub mod validation;
