//! The horizontal pod autoscaler controller (pkg/controller/podautoscaler/horizontal.go):
//! every 15 seconds it reads each HPA's target through its scale subresource, keeps the replica
//! count between the bounds, and asks the metrics APIs for the rest. kubeplay's cluster runs
//! no metrics-server (as a fresh minikube or kind cluster: `kubectl top` says the Metrics API
//! is not available), so every metric fails the way the real controller reports it, and an
//! HPA only ever moves its target back inside minReplicas..maxReplicas.

use std::rc::Rc;

use crate::engine::api::horizontal_pod_autoscaler::{HorizontalPodAutoscaler, HorizontalPodAutoscalerStatus, MetricSpec, MetricStatus, ABLE_TO_SCALE, SCALING_ACTIVE};
use crate::engine::clock::Time;
use crate::engine::events::{record, Involved};
use crate::engine::queue::QueueName;
use crate::engine::store::{Key, Kind, Obj, WatchEvent, WatchType};
use crate::engine::Cluster;

/// The events' source (the controller's recorder).
const COMPONENT: &str = "horizontal-pod-autoscaler";

/// `--horizontal-pod-autoscaler-sync-period`: each HPA is reconciled this often, and first
/// this long after it is created (`enqueueHPA` adds with the queue's fixed-interval limiter).
pub const SYNC_PERIOD_SECONDS: u64 = 15;

/// Mirrors `enqueueHPA` / `deleteHPA`: an added or changed HPA is queued `SYNC_PERIOD_SECONDS`
/// later unless it already waits (the rate-limited queue drops a second request).
pub fn observe(cluster: &mut Cluster, event: &WatchEvent) {
    let hpa = match (event.type_, event.new.as_ref(), event.old.as_ref()) {
        (WatchType::Deleted, _, Some(Obj::HorizontalPodAutoscaler(hpa))) => {
            cluster.autoscaler_due.remove(&Key::of(&hpa.metadata, true));
            return;
        }
        (_, Some(Obj::HorizontalPodAutoscaler(hpa)), _) => hpa,
        _ => return,
    };
    let key = Key::of(&hpa.metadata, true);
    schedule(cluster, key);
}

/// Queues a reconcile one sync period from now, unless one already waits.
fn schedule(cluster: &mut Cluster, key: Key) {
    if cluster.autoscaler_due.contains_key(&key) {
        return;
    }
    let at = cluster.now().plus_secs(SYNC_PERIOD_SECONDS);
    cluster.autoscaler_due.insert(key.clone(), at);
    cluster.delayed.add_at(at, QueueName::Autoscaler, key);
}

/// Mirrors `processNextWorkItem` and `reconcileKey`: reconcile the HPA if it is still there,
/// then queue it again a sync period later.
#[inline(never)]
pub fn sync(cluster: &mut Cluster, key: &Key) {
    cluster.autoscaler_due.remove(key);
    let Some(hpa) = cluster.store.get::<HorizontalPodAutoscaler>(key) else { return };
    reconcile(cluster, &hpa);
    schedule(cluster, key.clone());
}

/// What the scale subresource of the target says (`autoscalingv1.Scale`).
struct Scale {
    kind: Kind,
    spec_replicas: i32,
}

/// Mirrors `reconcileAutoscaler`: the target's scale (or FailedGetScale), then the bounds
/// (ScalingDisabled at zero replicas, above max, below min), else the metrics; a rescale
/// writes the target's scale and records SuccessfulRescale.
fn reconcile(cluster: &mut Cluster, shared: &Rc<HorizontalPodAutoscaler>) {
    let now = cluster.time();
    let mut hpa = (**shared).clone();
    let involved = Involved::of(Kind::HorizontalPodAutoscaler, &hpa.metadata);
    let scale = match get_scale(cluster, &hpa) {
        Ok(scale) => scale,
        Err(error) => {
            record(cluster, &involved, "Warning", "FailedGetScale", &error, COMPONENT, "");
            hpa.status.set_condition(ABLE_TO_SCALE, "False", "FailedGetScale", format!("the HPA controller was unable to get the target's current scale: {error}"), now);
            write_status(cluster, shared, hpa.status);
            return;
        }
    };
    hpa.status.set_condition(ABLE_TO_SCALE, "True", "SucceededGetScale", "the HPA controller was able to get the target's current scale".into(), now);
    let current = scale.spec_replicas;
    let min = hpa.min_replicas();
    let max = hpa.spec.max_replicas;
    let (desired, reason) = if current == 0 && min != 0 {
        hpa.status.set_condition(SCALING_ACTIVE, "False", "ScalingDisabled", "scaling is disabled since the replica count of the target is zero".into(), now);
        (None, "")
    } else if current > max {
        (Some(max), "Current number of replicas above Spec.MaxReplicas")
    } else if current < min {
        (Some(min), "Current number of replicas below Spec.MinReplicas")
    } else {
        // `computeReplicasForMetrics`: with no metrics API every metric is invalid, so the
        // controller keeps the replica count, writes the empty metric statuses and stops.
        let error = invalid_metrics(cluster, &mut hpa, &involved, now);
        let desired_before = hpa.status.desired_replicas;
        set_status(&mut hpa.status, current, desired_before, Some(vec![MetricStatus::default(); hpa.spec.metrics.len()]), None);
        write_status(cluster, shared, hpa.status);
        record(cluster, &involved, "Warning", "FailedComputeMetricsReplicas", &error, COMPONENT, "");
        return;
    };
    match desired {
        Some(desired) => match update_scale(cluster, &hpa, scale.kind, desired) {
            Ok(()) => {
                hpa.status.set_condition(ABLE_TO_SCALE, "True", "SucceededRescale", format!("the HPA controller was able to update the target scale to {desired}"), now);
                record(cluster, &involved, "Normal", "SuccessfulRescale", &format!("New size: {desired}; reason: {reason}"), COMPONENT, "");
                set_status(&mut hpa.status, current, desired, None, Some(now));
            }
            Err(error) => {
                record(cluster, &involved, "Warning", "FailedRescale", &format!("New size: {desired}; reason: {reason}; error: {error}"), COMPONENT, "");
                hpa.status.set_condition(ABLE_TO_SCALE, "False", "FailedUpdateScale", format!("the HPA controller was unable to update the target scale: {error}"), now);
                let desired_before = hpa.status.desired_replicas;
                set_status(&mut hpa.status, current, desired_before, None, None);
            }
        },
        None => set_status(&mut hpa.status, current, current, None, None),
    }
    write_status(cluster, shared, hpa.status);
}

/// Mirrors `setStatus`: the counts and metric statuses replaced, the last scale time moved on a
/// rescale, the conditions kept.
fn set_status(status: &mut HorizontalPodAutoscalerStatus, current: i32, desired: i32, metrics: Option<Vec<MetricStatus>>, rescaled_at: Option<Time>) {
    status.current_replicas = current;
    status.desired_replicas = desired;
    status.current_metrics = metrics;
    if let Some(at) = rescaled_at {
        status.last_scale_time = Some(at);
    }
}

/// Mirrors `updateStatusIfNeeded`: a status write only when something changed.
fn write_status(cluster: &mut Cluster, shared: &Rc<HorizontalPodAutoscaler>, status: HorizontalPodAutoscalerStatus) {
    if shared.status == status {
        return;
    }
    let mut updated = (**shared).clone();
    updated.status = status;
    let _ = cluster.store.update_status(updated);
}

/// Mirrors `computeReplicasForMetrics` when no metric can be read: each metric's failure is an
/// event from `getUnableComputeReplicaCountCondition`, the first one's condition is kept as
/// ScalingActive, and the error names the first failure.
fn invalid_metrics(cluster: &mut Cluster, hpa: &mut HorizontalPodAutoscaler, involved: &Involved, now: Time) -> String {
    let total = hpa.spec.metrics.len();
    let mut first: Option<(String, String, String)> = None;
    for metric in &hpa.spec.metrics {
        let (reason, cause, wrapped) = metric_failure(metric);
        record(cluster, involved, "Warning", reason, &cause, COMPONENT, "");
        if first.is_none() {
            first = Some((reason.to_string(), format!("the HPA was unable to compute the replica count: {cause}"), wrapped));
        }
    }
    let Some((reason, message, error)) = first else {
        return "invalid metrics (0 invalid out of 0), first error is: <nil>".to_string();
    };
    hpa.status.set_condition(SCALING_ACTIVE, "False", &reason, message, now);
    format!("invalid metrics ({total} invalid out of {total}), first error is: {error}")
}

/// The error the metrics APIs give when nothing serves them.
const NO_RESOURCE_METRICS: &str = "unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)";
const NO_CUSTOM_METRICS: &str = "unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered";
const NO_EXTERNAL_METRICS: &str = "unable to fetch metrics from external metrics API: the server could not find the requested resource (get *.external.metrics.k8s.io)";

/// One metric's failure with no metrics API: (event reason, the error the event and the
/// condition carry, the error `computeReplicasForMetric` wraps it in). Mirrors
/// `computeStatusForResourceMetricGeneric` (`failed to get cpu utilization: ...`, `... usage`
/// for an average value), `GetResourceReplicas` and the resource metrics client.
fn metric_failure(metric: &MetricSpec) -> (&'static str, String, String) {
    let resource_cause = |name: &str, average_value: bool| {
        let how = if average_value { "usage" } else { "utilization" };
        format!("failed to get {name} {how}: unable to get metrics for resource {name}: {NO_RESOURCE_METRICS}")
    };
    match metric.type_.as_str() {
        "Resource" => {
            let (name, average_value) = metric.resource.as_ref().map_or(("", false), |r| (r.name.as_str(), r.target.average_value.is_some()));
            let cause = resource_cause(name, average_value);
            ("FailedGetResourceMetric", cause.clone(), format!("failed to get {name} resource metric value: {cause}"))
        }
        "ContainerResource" => {
            let (name, container, average_value) = metric.container_resource.as_ref().map_or(("", "", false), |r| (r.name.as_str(), r.container.as_str(), r.target.average_value.is_some()));
            let cause = resource_cause(name, average_value);
            ("FailedGetContainerResourceMetric", cause.clone(), format!("failed to get {container} container metric value: {cause}"))
        }
        "Pods" => {
            let name = metric.pods.as_ref().map_or("", |p| p.metric.name.as_str());
            let cause = format!("unable to get metric {name}: {NO_CUSTOM_METRICS}");
            ("FailedGetPodsMetric", cause.clone(), format!("failed to get pods metric value: {cause}"))
        }
        "Object" => {
            let name = metric.object.as_ref().map_or("", |o| o.metric.name.as_str());
            let cause = format!("unable to get metric {name}: {NO_CUSTOM_METRICS}");
            ("FailedGetObjectMetric", cause.clone(), format!("failed to get object metric value: {cause}"))
        }
        _ => {
            let name = metric.external.as_ref().map_or("", |e| e.metric.name.as_str());
            let cause = format!("unable to get external metric {name}: {NO_EXTERNAL_METRICS}");
            ("FailedGetExternalMetric", cause.clone(), format!("failed to get {name} external metric value: {cause}"))
        }
    }
}

/// Mirrors the start of `reconcileAutoscaler`: the reference's group and kind mapped to a
/// resource (`no matches for kind ...` when the group has no such kind; a kind without the scale
/// subresource is not found there), then its scale (`... not found`).
fn get_scale(cluster: &Cluster, hpa: &HorizontalPodAutoscaler) -> Result<Scale, String> {
    let reference = &hpa.spec.scale_target_ref;
    let group = reference.api_version.rsplit_once('/').map_or("", |(group, _)| group);
    let Some(kind) = crate::engine::resources::TYPES.iter().find(|t| t.kind.name() == reference.kind && t.group == group).map(|t| t.kind) else {
        return Err(format!("no matches for kind \"{}\" in group \"{group}\"", reference.kind));
    };
    if !crate::engine::objects::has_scale(kind) {
        return Err("the server could not find the requested resource".to_string());
    }
    let Some(replicas) = crate::engine::objects::get(cluster, kind, hpa.metadata.ns(), &reference.name).and_then(|o| crate::engine::objects::scale_replicas(&o)) else {
        return Err(format!("{} \"{}\" not found", kind.resource(), reference.name));
    };
    Ok(Scale { kind, spec_replicas: replicas })
}

/// The scale subresource's update: the target's spec.replicas set, as `kubectl scale` does.
fn update_scale(cluster: &mut Cluster, hpa: &HorizontalPodAutoscaler, kind: Kind, replicas: i32) -> Result<(), String> {
    let target = crate::engine::objects::get(cluster, kind, hpa.metadata.ns(), &hpa.spec.scale_target_ref.name);
    let Some(updated) = target.and_then(|object| crate::engine::objects::with_replicas(&object, replicas)) else {
        return Err(format!("{} \"{}\" not found", kind.resource(), hpa.spec.scale_target_ref.name));
    };
    crate::engine::apiserver::update_object(cluster, updated).map(|_| ()).map_err(|error| error.status_message(kind))
}
