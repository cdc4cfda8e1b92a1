//! `kubectl describe replicationcontroller`, as `ReplicationControllerDescriber` of kubectl 1.32 prints it.

use std::fmt::Write as _;

use crate::engine::api::meta::format_labels;
use crate::engine::api::replication_controller::ReplicationController;
use crate::engine::api::selector::LabelSelector;
use crate::engine::clock::Time;
use crate::engine::events::events_for;
use crate::engine::store::Kind;
use crate::engine::Cluster;

use super::describe::{annotations_multiline, finish, labels_multiline, pod_status_for_controller, pod_template};

/// Mirrors `ReplicationControllerDescriber.Describe` and `describeReplicationController`
/// (pkg/describe/describe.go): the selector map as `labels.FormatLabels`; `Replicas` as the
/// status's count over the spec's; the phases of the pods `labels.SelectorFromSet(selector)`
/// matches whose controller is this RC (`getPodStatusForController`); `DescribePodTemplate`
/// (`<unset>` without a newline for a missing template); the status conditions, if any; the
/// events (`searchEvents`).
pub fn describe(cluster: &Cluster, rc: &ReplicationController, now: Time) -> String {
    let mut w = String::new();
    let _ = writeln!(w, "Name:\t{}", rc.metadata.name);
    let _ = writeln!(w, "Namespace:\t{}", rc.metadata.ns());
    let _ = writeln!(w, "Selector:\t{}", format_labels(&rc.spec.selector));
    labels_multiline(&mut w, "Labels", &rc.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &rc.metadata.annotations);
    let _ = writeln!(w, "Replicas:\t{} current / {} desired", rc.status.replicas, rc.replicas());
    // labels.SelectorFromSet: every label of the map must match (an empty map matches all).
    let selector = LabelSelector { match_labels: rc.spec.selector.clone(), ..LabelSelector::default() };
    let _ = writeln!(w, "Pods Status:\t{}", pod_status_for_controller(cluster, Some(&selector), &rc.metadata.uid));
    match &rc.spec.template {
        Some(template) => pod_template(&mut w, template),
        None => w.push_str("Pod Template:\n  <unset>"),
    }
    if !rc.status.conditions.is_empty() {
        w.push_str("Conditions:\n  Type\tStatus\tReason\n  ----\t------\t------\n");
        for condition in &rc.status.conditions {
            let field = |name: &str| condition.get(name).map(go_value).unwrap_or_default();
            let _ = writeln!(w, "  {} \t{}\t{}", field("type"), field("status"), field("reason"));
        }
    }
    finish(w, &events_for(cluster, Kind::ReplicationController, rc.metadata.ns(), &rc.metadata.name, &rc.metadata.uid), now)
}

/// A condition's field as `%v` prints the typed Go value (strings bare).
fn go_value(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}
