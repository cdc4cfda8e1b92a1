//! One integration binary: conformance against the measured reference, kubectl transcripts,
//! properties, determinism and the architecture's invariants.

mod behaviours;
mod daemon_set_properties;
mod daemon_sets;
mod daemon_sets_kubectl;
mod determinism;
mod exec_sessions;
mod explain_cmd;
mod ingress;
mod jobs;
mod kubectl_client;
mod kubectl_reference;
mod kubectl_gaps;
mod kubectl_help;
mod kubectl_leftovers;
mod kubectl_more;
mod lessons;
mod lifecycle;
mod probes_and_fields;
mod properties;
mod replication_controllers;
mod replication_controllers_kubectl;
mod robustness;
mod runner;
mod seeds;
mod service_accounts;
mod stateful_sets;
mod shell_redirects;
mod shell_variables;
mod stateful_sets_kubectl;
mod share;
mod storage;
mod support;
mod tidy;
mod traces;
mod unit_cases;
