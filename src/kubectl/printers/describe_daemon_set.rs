//! `kubectl describe daemonset`, as `DaemonSetDescriber` of kubectl 1.32 prints it.

use std::fmt::Write as _;

use crate::engine::api::daemon_set::DaemonSet;
use crate::engine::api::meta::format_labels;
use crate::engine::clock::Time;
use crate::engine::events::events_for;
use crate::engine::store::Kind;
use crate::engine::Cluster;

use super::describe::{annotations_multiline, finish, labels_multiline, pod_status_for_controller, pod_template};

/// Mirrors `DaemonSetDescriber.Describe` and `describeDaemonSet` (pkg/describe/describe.go):
/// no Namespace line; the selector as `LabelSelectorAsSelector(...).String()` (requirements
/// sorted by key); the template's node selector as `labels.FormatLabels`; the five status counts
/// written without a tab (so the tabwriter leaves them unaligned and they end the block above);
/// the phases of the pods the selector matches and the DaemonSet controls; the pod template;
/// the events.
pub fn describe(cluster: &Cluster, ds: &DaemonSet, now: Time) -> String {
    let mut w = String::new();
    let _ = writeln!(w, "Name:\t{}", ds.metadata.name);
    let selector = ds.spec.selector.as_ref().and_then(|s| s.to_selector().ok()).map(|s| s.display()).unwrap_or_default();
    let _ = writeln!(w, "Selector:\t{selector}");
    let _ = writeln!(w, "Node-Selector:\t{}", format_labels(&ds.spec.template.spec.node_selector));
    labels_multiline(&mut w, "Labels", &ds.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &ds.metadata.annotations);
    let status = &ds.status;
    let _ = writeln!(w, "Desired Number of Nodes Scheduled: {}", status.desired_number_scheduled);
    let _ = writeln!(w, "Current Number of Nodes Scheduled: {}", status.current_number_scheduled);
    let _ = writeln!(w, "Number of Nodes Scheduled with Up-to-date Pods: {}", status.updated_number_scheduled);
    let _ = writeln!(w, "Number of Nodes Scheduled with Available Pods: {}", status.number_available);
    let _ = writeln!(w, "Number of Nodes Misscheduled: {}", status.number_misscheduled);
    let _ = writeln!(w, "Pods Status:\t{}", pod_status_for_controller(cluster, ds.spec.selector.as_ref(), &ds.metadata.uid));
    pod_template(&mut w, &ds.spec.template);
    finish(w, &events_for(cluster, Kind::DaemonSet, ds.metadata.ns(), &ds.metadata.name, &ds.metadata.uid), now)
}
