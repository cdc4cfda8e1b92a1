//! `kubectl describe horizontalpodautoscaler`, ported from kubectl 1.32 (pkg/describe/describe.go:
//! `describeHorizontalPodAutoscalerV2`, `printDirectionBehavior`). kubectl reads the HPA as
//! autoscaling/v2, the version kubeplay stores.

use std::fmt::Write as _;

use crate::engine::api::horizontal_pod_autoscaler::{HorizontalPodAutoscaler, MetricTarget, ScalingRules};
use crate::engine::clock::Time;
use crate::engine::events::events_for;
use crate::engine::store::Kind;
use crate::engine::Cluster;
use crate::kubectl::printers::describe::{annotations_multiline, finish, labels_multiline};

/// A target quantity as `Quantity.String()` prints it.
pub fn quantity(value: &Option<serde_json::Value>) -> String {
    value.as_ref().and_then(crate::engine::api::quantity::Quantity::from_json).map_or_else(|| "0".to_string(), |q| q.to_string())
}

/// Mirrors `describeHorizontalPodAutoscalerV2`. kubeplay runs no metrics-server, so every
/// current value is `<unknown>`; the metric lines keep the real layout (the resource line is
/// written in two parts at LEVEL_1, so its percentage part starts two spaces further in).
pub fn describe(cluster: &Cluster, hpa: &HorizontalPodAutoscaler, now: Time) -> String {
    let mut w = String::new();
    let _ = writeln!(w, "Name:\t{}", hpa.metadata.name);
    let _ = writeln!(w, "Namespace:\t{}", hpa.metadata.ns());
    labels_multiline(&mut w, "Labels", &hpa.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &hpa.metadata.annotations);
    let _ = writeln!(w, "CreationTimestamp:\t{}", hpa.metadata.creation_timestamp.map(|t| t.rfc1123z()).unwrap_or_default());
    let reference = &hpa.spec.scale_target_ref;
    let _ = writeln!(w, "Reference:\t{}/{}", reference.kind, reference.name);
    w.push_str("Metrics:\t( current / target )\n");
    for metric in &hpa.spec.metrics {
        match metric.type_.as_str() {
            "External" => {
                let external = metric.external.clone().unwrap_or_default();
                if external.target.average_value.is_some() {
                    let _ = writeln!(w, "  {:?} (target average value):\t<unknown> / {}", external.metric.name, quantity(&external.target.average_value));
                } else {
                    let _ = writeln!(w, "  {:?} (target value):\t<unknown> / {}", external.metric.name, quantity(&external.target.value));
                }
            }
            "Pods" => {
                let pods = metric.pods.clone().unwrap_or_default();
                let _ = writeln!(w, "  {:?} on pods:\t<unknown> / {}", pods.metric.name, quantity(&pods.target.average_value));
            }
            "Object" => {
                let object = metric.object.clone().unwrap_or_default();
                let _ = write!(w, "  \"{}\" on {}/{} ", object.metric.name, object.described_object.kind, object.described_object.name);
                if object.target.type_ == "AverageValue" {
                    let _ = writeln!(w, "(target average value):\t<unknown> / {}", quantity(&object.target.average_value));
                } else {
                    let _ = writeln!(w, "(target value):\t<unknown> / {}", quantity(&object.target.value));
                }
            }
            "Resource" => {
                let resource = metric.resource.clone().unwrap_or_default();
                let _ = write!(w, "  resource {} on pods", resource.name);
                resource_target(&mut w, &resource.target);
            }
            "ContainerResource" => {
                let resource = metric.container_resource.clone().unwrap_or_default();
                let _ = write!(w, "  resource {} of container \"{}\" on pods", resource.name, resource.container);
                resource_target(&mut w, &resource.target);
            }
            other => {
                let _ = writeln!(w, "  <unknown metric type {other:?}>");
            }
        }
    }
    let min = hpa.spec.min_replicas.map_or_else(|| "<unset>".to_string(), |m| m.to_string());
    let _ = writeln!(w, "Min replicas:\t{min}");
    let _ = writeln!(w, "Max replicas:\t{}", hpa.spec.max_replicas);
    if let Some(behavior) = &hpa.spec.behavior {
        w.push_str("Behavior:\n");
        direction_behavior(&mut w, "Scale Up", &behavior.scale_up);
        direction_behavior(&mut w, "Scale Down", &behavior.scale_down);
    }
    let _ = writeln!(w, "{} pods:\t{} current / {} desired", reference.kind, hpa.status.current_replicas, hpa.status.desired_replicas);
    if !hpa.status.conditions.is_empty() {
        w.push_str("Conditions:\n  Type\tStatus\tReason\tMessage\n  ----\t------\t------\t-------\n");
        for c in &hpa.status.conditions {
            let _ = writeln!(w, "  {}\t{}\t{}\t{}", c.type_, c.status, c.reason, c.message);
        }
    }
    finish(w, &events_for(cluster, Kind::HorizontalPodAutoscaler, hpa.metadata.ns(), &hpa.metadata.name, &hpa.metadata.uid), now)
}

/// The rest of a resource metric's line: `:\t<unknown> / 100m` for an average value, else the
/// utilization part, written at LEVEL_1.
fn resource_target(w: &mut String, target: &MetricTarget) {
    if target.average_value.is_some() {
        let _ = writeln!(w, ":\t<unknown> / {}", quantity(&target.average_value));
    } else {
        let goal = target.average_utilization.map_or_else(|| "<auto>".to_string(), |u| format!("{u}%"));
        let _ = writeln!(w, "  (as a percentage of request):\t<unknown> / {goal}");
    }
}

/// Mirrors `printDirectionBehavior`.
fn direction_behavior(w: &mut String, direction: &str, rules: &Option<ScalingRules>) {
    let Some(rules) = rules else { return };
    let _ = writeln!(w, "  {direction}:");
    if let Some(window) = rules.stabilization_window_seconds {
        let _ = writeln!(w, "    Stabilization Window: {window} seconds");
    }
    if !rules.policies.is_empty() {
        let _ = writeln!(w, "    Select Policy: {}", rules.select_policy.as_deref().unwrap_or("Max"));
        w.push_str("    Policies:\n");
        for policy in &rules.policies {
            let _ = writeln!(w, "      - Type: {}\tValue: {}\tPeriod: {} seconds", policy.type_, policy.value, policy.period_seconds);
        }
    }
}
