//! The apiserver's write path for HorizontalPodAutoscalers (pkg/registry/autoscaling/
//! horizontalpodautoscaler): the autoscaling/v2 defaults (`SetDefaults_HorizontalPodAutoscaler`,
//! pkg/apis/autoscaling/v2/defaults.go), `ValidateHorizontalPodAutoscaler`
//! (pkg/apis/autoscaling/validation/validation.go) on create and update; an update keeps the
//! status and bumps the generation when the spec changes. The HPA controller
//! (`controllers::horizontal`) keeps the status.

use std::rc::Rc;

use crate::engine::api::horizontal_pod_autoscaler::{cpu_utilization, Behavior, HorizontalPodAutoscaler, MetricSpec, MetricTarget, ScalingPolicy, ScalingRules};
use crate::engine::api::validation::{self, FieldError};
use crate::engine::error::ApiError;
use crate::engine::store::{Key, Kind};
use crate::engine::Cluster;

/// `autoscaling.DefaultCPUUtilization`: the target when a spec names no metric.
pub const DEFAULT_CPU_UTILIZATION: i32 = 80;

/// HorizontalPodAutoscaler create: defaults, validation, stored with generation 1 and an
/// empty status.
#[inline(never)]
pub fn create(cluster: &mut Cluster, mut hpa: HorizontalPodAutoscaler) -> Result<Rc<HorizontalPodAutoscaler>, ApiError> {
    crate::engine::apiserver::ensure_namespace(cluster, Kind::HorizontalPodAutoscaler, &hpa.metadata.name, hpa.metadata.ns())?;
    apply_defaults(&mut hpa);
    let errors = validate(&hpa);
    if !errors.is_empty() {
        return Err(ApiError::invalid("HorizontalPodAutoscaler", &hpa.metadata.name, errors));
    }
    // `PrepareForCreate`: the status is the controller's to write.
    hpa.status = Default::default();
    let now = cluster.time();
    cluster.store.create(hpa, now, &mut cluster.rng)
}

/// HorizontalPodAutoscaler update: defaults and validation again, the stored status kept.
pub fn update(cluster: &mut Cluster, mut hpa: HorizontalPodAutoscaler) -> Result<Rc<HorizontalPodAutoscaler>, ApiError> {
    let Some(old) = cluster.store.get::<HorizontalPodAutoscaler>(&Key::of(&hpa.metadata, true)) else {
        return Err(ApiError::not_found(Kind::HorizontalPodAutoscaler, &hpa.metadata.name));
    };
    apply_defaults(&mut hpa);
    let errors = validate(&hpa);
    if !errors.is_empty() {
        return Err(ApiError::invalid("HorizontalPodAutoscaler", &hpa.metadata.name, errors));
    }
    hpa.status = old.status.clone();
    cluster.store.update(hpa)
}

/// Mirrors `SetDefaults_HorizontalPodAutoscaler` (autoscaling/v2): minReplicas 1, a CPU
/// utilization target of 80% when no metric is named, and a behavior's missing rules and
/// fields filled in (`GenerateHPAScaleUpRules`, `GenerateHPAScaleDownRules`); no behavior stays
/// none.
pub fn apply_defaults(hpa: &mut HorizontalPodAutoscaler) {
    if hpa.spec.min_replicas.is_none() {
        hpa.spec.min_replicas = Some(1);
    }
    if hpa.spec.metrics.is_empty() {
        hpa.spec.metrics = vec![cpu_utilization(DEFAULT_CPU_UTILIZATION)];
    }
    if let Some(behavior) = &mut hpa.spec.behavior {
        behavior.scale_up = Some(scale_up_rules(behavior.scale_up.take()));
        behavior.scale_down = Some(scale_down_rules(behavior.scale_down.take()));
    }
    // Quantities are stored in their canonical text (`resource.Quantity` round-trips so).
    for metric in &mut hpa.spec.metrics {
        let targets = [
            metric.resource.as_mut().map(|r| &mut r.target),
            metric.container_resource.as_mut().map(|r| &mut r.target),
            metric.pods.as_mut().map(|p| &mut p.target),
            metric.object.as_mut().map(|o| &mut o.target),
            metric.external.as_mut().map(|e| &mut e.target),
        ];
        for target in targets.into_iter().flatten() {
            for value in [&mut target.value, &mut target.average_value].into_iter().flatten() {
                if let Some(quantity) = crate::engine::api::quantity::Quantity::from_json(value) {
                    *value = quantity.to_json();
                }
            }
        }
    }
}

/// Mirrors `GenerateHPAScaleUpRules`: no stabilization, the larger of doubling and 4 pods
/// every 15 seconds.
pub fn scale_up_rules(given: Option<ScalingRules>) -> ScalingRules {
    let defaults = ScalingRules {
        stabilization_window_seconds: Some(0),
        select_policy: Some("Max".into()),
        policies: vec![
            ScalingPolicy { type_: "Pods".into(), value: 4, period_seconds: 15 },
            ScalingPolicy { type_: "Percent".into(), value: 100, period_seconds: 15 },
        ],
    };
    fill(given, defaults)
}

/// Mirrors `GenerateHPAScaleDownRules`: a 300-second stabilization window, 100% every 15
/// seconds.
pub fn scale_down_rules(given: Option<ScalingRules>) -> ScalingRules {
    let defaults = ScalingRules {
        stabilization_window_seconds: None,
        select_policy: Some("Max".into()),
        policies: vec![ScalingPolicy { type_: "Percent".into(), value: 100, period_seconds: 15 }],
    };
    fill(given, defaults)
}

/// A rule's unset fields taken from the defaults.
fn fill(given: Option<ScalingRules>, defaults: ScalingRules) -> ScalingRules {
    let Some(mut rules) = given else { return defaults };
    if rules.select_policy.is_none() {
        rules.select_policy = defaults.select_policy;
    }
    if rules.policies.is_empty() {
        rules.policies = defaults.policies;
    }
    if rules.stabilization_window_seconds.is_none() {
        rules.stabilization_window_seconds = defaults.stabilization_window_seconds;
    }
    rules
}

/// A `field.Required` with a detail.
fn required(field: &str, detail: &str) -> FieldError {
    FieldError { field: field.to_string(), message: format!("Required value: {detail}") }
}

/// Mirrors `ValidateHorizontalPodAutoscaler`: the name, then `validateHorizontalPodAutoscalerSpec`
/// (bounds, the target reference, the metrics, the behavior).
pub fn validate(hpa: &HorizontalPodAutoscaler) -> Vec<FieldError> {
    let mut errors = Vec::new();
    validation::validate_name(&hpa.metadata, false, &mut errors);
    let spec = &hpa.spec;
    if let Some(min) = spec.min_replicas {
        if min < 1 {
            errors.push(FieldError::invalid("spec.minReplicas", &min.to_string(), "must be greater than or equal to 1"));
        }
    }
    if spec.max_replicas < 1 {
        errors.push(FieldError::invalid("spec.maxReplicas", &spec.max_replicas.to_string(), "must be greater than 0"));
    }
    if let Some(min) = spec.min_replicas {
        if spec.max_replicas < min {
            errors.push(FieldError::invalid("spec.maxReplicas", &spec.max_replicas.to_string(), "must be greater than or equal to `minReplicas`"));
        }
    }
    validate_reference(&spec.scale_target_ref, "spec.scaleTargetRef", &mut errors);
    for (index, metric) in spec.metrics.iter().enumerate() {
        validate_metric(metric, &format!("spec.metrics[{index}]"), &mut errors);
    }
    if let Some(behavior) = &spec.behavior {
        validate_behavior(behavior, &mut errors);
    }
    errors
}

/// Mirrors `ValidateCrossVersionObjectReference`: a kind and a name, each a valid path segment.
fn validate_reference(reference: &crate::engine::api::horizontal_pod_autoscaler::CrossVersionObjectReference, field: &str, errors: &mut Vec<FieldError>) {
    for (value, child) in [(&reference.kind, "kind"), (&reference.name, "name")] {
        let path = format!("{field}.{child}");
        if value.is_empty() {
            errors.push(FieldError::required(&path));
        } else {
            for message in path_segment_errors(value) {
                errors.push(FieldError::invalid(&path, &format!("\"{value}\""), &message));
            }
        }
    }
}

/// Mirrors `path.IsValidPathSegmentName`.
fn path_segment_errors(name: &str) -> Vec<String> {
    if name == "." || name == ".." {
        return vec![format!("may not be '{name}'")];
    }
    ["/", "%"].iter().filter(|bad| name.contains(**bad)).map(|bad| format!("may not contain '{bad}'")).collect()
}

/// The metric source types, as `validateMetricSpec` lists them.
const METRIC_TYPES: [&str; 5] = ["ContainerResource", "External", "Object", "Pods", "Resource"];

/// Mirrors `validateMetricSpec`: a known type, exactly its own source set, the source valid.
fn validate_metric(metric: &MetricSpec, field: &str, errors: &mut Vec<FieldError>) {
    if metric.type_.is_empty() {
        errors.push(required(&format!("{field}.type"), "must specify a metric source type"));
    } else if !METRIC_TYPES.contains(&metric.type_.as_str()) {
        errors.push(FieldError::unsupported(&format!("{field}.type"), &metric.type_, &METRIC_TYPES));
    }
    let sources = [
        ("Object", "object", metric.object.is_some()),
        ("Pods", "pods", metric.pods.is_some()),
        ("Resource", "resource", metric.resource.is_some()),
        ("ContainerResource", "containerResource", metric.container_resource.is_some()),
        ("External", "external", metric.external.is_some()),
    ];
    for (type_, child, set) in sources {
        if set && metric.type_ != type_ {
            errors.push(FieldError::forbidden(&format!("{field}.{child}"), "must populate the given metric source only"));
        }
        if !set && metric.type_ == type_ {
            errors.push(required(&format!("{field}.{child}"), "must populate information for the given metric source"));
        }
    }
    if let Some(resource) = &metric.resource {
        let path = format!("{field}.resource");
        if resource.name.is_empty() {
            errors.push(required(&format!("{path}.name"), "must specify a resource name"));
        }
        validate_resource_target(&resource.target, &path, errors);
    }
    if let Some(resource) = &metric.container_resource {
        let path = format!("{field}.containerResource");
        if resource.name.is_empty() {
            errors.push(required(&format!("{path}.name"), "must specify a resource name"));
        }
        if resource.container.is_empty() {
            errors.push(required(&format!("{path}.container"), "must specify a container"));
        }
        validate_resource_target(&resource.target, &path, errors);
    }
    let named = [
        ("pods", metric.pods.as_ref().map(|p| (&p.metric.name, &p.target))),
        ("object", metric.object.as_ref().map(|o| (&o.metric.name, &o.target))),
        ("external", metric.external.as_ref().map(|e| (&e.metric.name, &e.target))),
    ];
    for (child, source) in named {
        let Some((name, target)) = source else { continue };
        let path = format!("{field}.{child}");
        if name.is_empty() {
            errors.push(required(&format!("{path}.metric.name"), "must specify a metric name"));
        }
        validate_target(target, &format!("{path}.target"), errors);
    }
}

/// `validateResourceSource`'s target rules: exactly one of a utilization and an average value.
fn validate_resource_target(target: &MetricTarget, path: &str, errors: &mut Vec<FieldError>) {
    validate_target(target, &format!("{path}.target"), errors);
    if target.average_utilization.is_none() && target.average_value.is_none() {
        errors.push(required(&format!("{path}.target.averageUtilization"), "must set either a target raw value or a target utilization"));
    }
    if target.average_utilization.is_some() && target.average_value.is_some() {
        errors.push(FieldError::forbidden(&format!("{path}.target.averageValue"), "may not set both a target raw value and a target utilization"));
    }
}

/// Mirrors `validateMetricTarget`.
fn validate_target(target: &MetricTarget, path: &str, errors: &mut Vec<FieldError>) {
    if target.type_.is_empty() {
        errors.push(required(&format!("{path}.type"), "must specify a metric target type"));
    }
    if !["Utilization", "Value", "AverageValue"].contains(&target.type_.as_str()) {
        errors.push(FieldError::invalid(&format!("{path}.type"), &format!("\"{}\"", target.type_), "must be either Utilization, Value, or AverageValue"));
    }
    for (value, child) in [(&target.value, "value"), (&target.average_value, "averageValue")] {
        let Some(value) = value else { continue };
        let text = match value {
            serde_json::Value::String(text) => text.clone(),
            other => other.to_string(),
        };
        let positive = crate::engine::api::quantity::Quantity::from_json(value).is_some_and(|q| q.sign() == 1);
        if !positive {
            errors.push(FieldError::invalid(&format!("{path}.{child}"), &text, "must be positive"));
        }
    }
    if let Some(utilization) = target.average_utilization {
        if utilization < 1 {
            errors.push(FieldError::invalid(&format!("{path}.averageUtilization"), &utilization.to_string(), "must be greater than 0"));
        }
    }
}

/// Mirrors `validateBehavior` and `validateScalingRules`: windows within an hour, a known
/// select policy, at least one policy, each with a known type, a positive value and a period
/// of 1 to 1800 seconds.
fn validate_behavior(behavior: &Behavior, errors: &mut Vec<FieldError>) {
    for (rules, child) in [(&behavior.scale_up, "scaleUp"), (&behavior.scale_down, "scaleDown")] {
        let Some(rules) = rules else { continue };
        let path = format!("spec.behavior.{child}");
        if let Some(window) = rules.stabilization_window_seconds {
            if window < 0 {
                errors.push(FieldError::invalid(&format!("{path}.stabilizationWindowSeconds"), &window.to_string(), "must be greater than or equal to zero"));
            }
            if window > 3600 {
                errors.push(FieldError::invalid(&format!("{path}.stabilizationWindowSeconds"), &window.to_string(), "must be less than or equal to 3600"));
            }
        }
        if let Some(policy) = &rules.select_policy {
            const SELECT: [&str; 3] = ["Disabled", "Max", "Min"];
            if !SELECT.contains(&policy.as_str()) {
                errors.push(FieldError::unsupported(&format!("{path}.selectPolicy"), policy, &SELECT));
            }
        }
        for (index, policy) in rules.policies.iter().enumerate() {
            let path = format!("{path}.policies[{index}]");
            const TYPES: [&str; 2] = ["Percent", "Pods"];
            if !TYPES.contains(&policy.type_.as_str()) {
                errors.push(FieldError::unsupported(&format!("{path}.type"), &policy.type_, &TYPES));
            }
            if policy.value <= 0 {
                errors.push(FieldError::invalid(&format!("{path}.value"), &policy.value.to_string(), "must be greater than zero"));
            }
            if policy.period_seconds <= 0 {
                errors.push(FieldError::invalid(&format!("{path}.periodSeconds"), &policy.period_seconds.to_string(), "must be greater than zero"));
            }
            if policy.period_seconds > 1800 {
                errors.push(FieldError::invalid(&format!("{path}.periodSeconds"), &policy.period_seconds.to_string(), "must be less than or equal to 1800"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::api::horizontal_pod_autoscaler::{CrossVersionObjectReference, HorizontalPodAutoscalerSpec, ResourceMetricSource};

    fn hpa(spec: HorizontalPodAutoscalerSpec) -> HorizontalPodAutoscaler {
        let mut hpa = HorizontalPodAutoscaler { spec, ..Default::default() };
        hpa.metadata.name = "web".into();
        hpa
    }

    fn reference() -> CrossVersionObjectReference {
        CrossVersionObjectReference { kind: "Deployment".into(), name: "web".into(), api_version: "apps/v1".into() }
    }

    /// `validateHorizontalPodAutoscalerSpec` and its metric rules, one case each.
    #[test]
    fn validation_follows_the_apiservers_rules() {
        let memory = |target: MetricTarget| MetricSpec { type_: "Resource".into(), resource: Some(ResourceMetricSource { name: "memory".into(), target }), ..Default::default() };
        let cases: Vec<(HorizontalPodAutoscalerSpec, Vec<&str>)> = vec![
            (HorizontalPodAutoscalerSpec { scale_target_ref: reference(), max_replicas: 3, ..Default::default() }, vec![]),
            (
                HorizontalPodAutoscalerSpec { scale_target_ref: reference(), min_replicas: Some(5), max_replicas: 3, ..Default::default() },
                vec!["spec.maxReplicas: Invalid value: 3: must be greater than or equal to `minReplicas`"],
            ),
            (
                HorizontalPodAutoscalerSpec { min_replicas: Some(0), max_replicas: 0, ..Default::default() },
                vec![
                    "spec.minReplicas: Invalid value: 0: must be greater than or equal to 1",
                    "spec.maxReplicas: Invalid value: 0: must be greater than 0",
                    "spec.scaleTargetRef.kind: Required value",
                    "spec.scaleTargetRef.name: Required value",
                ],
            ),
            (
                HorizontalPodAutoscalerSpec { scale_target_ref: reference(), max_replicas: 3, metrics: vec![memory(MetricTarget { type_: "AverageValue".into(), average_value: Some("-1".into()), ..Default::default() })], ..Default::default() },
                vec!["spec.metrics[0].resource.target.averageValue: Invalid value: -1: must be positive"],
            ),
            (
                HorizontalPodAutoscalerSpec { scale_target_ref: reference(), max_replicas: 3, metrics: vec![memory(MetricTarget { type_: "Percent".into(), ..Default::default() })], ..Default::default() },
                vec![
                    "spec.metrics[0].resource.target.type: Invalid value: \"Percent\": must be either Utilization, Value, or AverageValue",
                    "spec.metrics[0].resource.target.averageUtilization: Required value: must set either a target raw value or a target utilization",
                ],
            ),
            (
                HorizontalPodAutoscalerSpec { scale_target_ref: reference(), max_replicas: 3, metrics: vec![MetricSpec { type_: "Pods".into(), ..Default::default() }], ..Default::default() },
                vec!["spec.metrics[0].pods: Required value: must populate information for the given metric source"],
            ),
        ];
        for (spec, expected) in cases {
            let mut object = hpa(spec.clone());
            apply_defaults(&mut object);
            let got: Vec<String> = validate(&object).iter().map(FieldError::text).collect();
            assert_eq!(got, expected, "{spec:?}");
        }
    }

    /// `SetDefaults_HorizontalPodAutoscaler`: min 1, CPU at 80%, a behavior completed only when
    /// one is given.
    #[test]
    fn defaults_fill_min_metrics_and_a_given_behavior() {
        let mut object = hpa(HorizontalPodAutoscalerSpec { scale_target_ref: reference(), max_replicas: 3, ..Default::default() });
        apply_defaults(&mut object);
        assert_eq!(object.spec.min_replicas, Some(1));
        assert_eq!(object.spec.metrics, vec![cpu_utilization(80)]);
        assert_eq!(object.spec.behavior, None);
        object.spec.behavior = Some(Behavior { scale_up: None, scale_down: Some(ScalingRules { stabilization_window_seconds: Some(60), ..Default::default() }) });
        apply_defaults(&mut object);
        let behavior = object.spec.behavior.unwrap();
        assert_eq!(behavior.scale_up, Some(scale_up_rules(None)));
        let down = behavior.scale_down.unwrap();
        assert_eq!((down.stabilization_window_seconds, down.select_policy.as_deref(), down.policies.len()), (Some(60), Some("Max"), 1));
    }
}
