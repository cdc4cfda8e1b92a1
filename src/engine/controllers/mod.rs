//! The controllers of kube-controller-manager that kubeplay runs, one module each.

pub mod daemon_set;
pub mod deployment;
pub mod endpoints;
pub mod garbage_collector;
pub mod handlers;
pub mod hostpath_provisioner;
pub mod job;
pub mod namespace;
pub mod node_lifecycle;
pub mod persistent_volume;
pub mod replica_set;
pub mod replication_controller;
pub mod service_account;
pub mod stateful_set;
pub mod ttl_after_finished;
