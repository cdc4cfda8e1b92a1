//! The DaemonSet write path: apps/v1 defaulting, validation, and the registry strategy's
//! template generation (the `deprecated.daemonset.template.generation` annotation).
//!
//! Mirrors `SetDefaults_DaemonSet` (pkg/apis/apps/v1/defaults.go), `ValidateDaemonSet` /
//! `ValidateDaemonSetSpec` / `ValidateDaemonSetUpdateStrategy` (pkg/apis/apps/validation) and
//! the strategy's `PrepareForCreate` / `PrepareForUpdate` (pkg/registry/apps/daemonset).

use std::rc::Rc;

use crate::engine::api::daemon_set::{DaemonSet, RollingUpdateDaemonSet, TEMPLATE_GENERATION_ANNOTATION};
use crate::engine::api::defaults;
use crate::engine::api::intstr::IntOrString;
use crate::engine::api::validation::{self, FieldError};
use crate::engine::error::ApiError;
use crate::engine::store::{Key, Kind};
use crate::engine::Cluster;

/// `SetDefaults_DaemonSet`: RollingUpdate with maxUnavailable 1 and maxSurge 0, a history of 10,
/// and the pod template's defaults.
pub fn default_daemon_set(ds: &mut DaemonSet) {
    let strategy = &mut ds.spec.update_strategy;
    let type_ = strategy.type_.get_or_insert_with(|| "RollingUpdate".to_string());
    if type_ == "RollingUpdate" {
        let rolling = strategy.rolling_update.get_or_insert_with(RollingUpdateDaemonSet::default);
        rolling.max_unavailable.get_or_insert(IntOrString::Int(1));
        rolling.max_surge.get_or_insert(IntOrString::Int(0));
    }
    ds.spec.revision_history_limit.get_or_insert(10);
    defaults::default_template(&mut ds.spec.template);
}

/// `ValidateDaemonSet` for what kubeplay simulates.
pub fn validate(ds: &DaemonSet) -> Vec<FieldError> {
    let mut errors = Vec::new();
    validation::validate_name(&ds.metadata, false, &mut errors);
    let spec = &ds.spec;
    validation::validate_selector_and_template(spec.selector.as_ref(), &spec.template, true, &mut errors);
    if spec.selector.as_ref().is_some_and(|s| s.is_empty()) {
        errors.push(FieldError::invalid(
            "spec.selector",
            "v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}",
            "empty selector is invalid for daemonset",
        ));
    }
    validation::validate_pod_spec(&spec.template.spec, "spec.template.spec", true, &mut errors);
    if let Some(seconds) = spec.template.spec.active_deadline_seconds {
        errors.push(FieldError::invalid("spec.template.spec.activeDeadlineSeconds", &seconds.to_string(), "activeDeadlineSeconds in DaemonSet is not Supported"));
    }
    if let Some(seconds) = spec.min_ready_seconds.filter(|s| *s < 0) {
        errors.push(FieldError::invalid("spec.minReadySeconds", &seconds.to_string(), "must be greater than or equal to 0"));
    }
    match spec.update_strategy.type_.as_deref().unwrap_or("RollingUpdate") {
        "OnDelete" => {}
        "RollingUpdate" => match &spec.update_strategy.rolling_update {
            None => errors.push(FieldError::required("spec.updateStrategy.rollingUpdate")),
            Some(rolling) => validate_rolling_update(rolling, &mut errors),
        },
        other => errors.push(FieldError::unsupported("spec.updateStrategy", other, &["RollingUpdate", "OnDelete"])),
    }
    if let Some(limit) = spec.revision_history_limit.filter(|l| *l < 0) {
        errors.push(FieldError::invalid("spec.revisionHistoryLimit", &limit.to_string(), "must be greater than or equal to 0"));
    }
    errors
}

/// `ValidateRollingUpdateDaemonSet`: non-negative ints or percents up to 100%, and exactly one of
/// the two non-zero.
fn validate_rolling_update(rolling: &RollingUpdateDaemonSet, errors: &mut Vec<FieldError>) {
    let unavailable = rolling.max_unavailable.as_ref().and_then(|v| validation::validate_int_or_percent(v, "spec.updateStrategy.rollingUpdate.maxUnavailable", errors));
    let surge = rolling.max_surge.as_ref().and_then(|v| validation::validate_int_or_percent(v, "spec.updateStrategy.rollingUpdate.maxSurge", errors));
    let (has_unavailable, has_surge) = (unavailable.unwrap_or(0) != 0, surge.unwrap_or(0) != 0);
    if has_unavailable && has_surge {
        let shown = rolling.max_surge.as_ref().map(validation::display_go).unwrap_or_default();
        errors.push(FieldError::invalid("spec.updateStrategy.rollingUpdate.maxSurge", &shown, "may not be set when maxUnavailable is non-zero"));
    } else if !has_unavailable && !has_surge {
        errors.push(FieldError { field: "spec.updateStrategy.rollingUpdate.maxUnavailable".to_string(), message: "Required value: cannot be 0 when maxSurge is 0".to_string() });
    }
}

/// Creates a DaemonSet: defaults, validation, an empty status and template generation 1
/// (`PrepareForCreate`).
#[inline(never)]
pub fn create(cluster: &mut Cluster, mut ds: DaemonSet) -> Result<Rc<DaemonSet>, ApiError> {
    default_daemon_set(&mut ds);
    let errors = validate(&ds);
    if !errors.is_empty() {
        return Err(ApiError::invalid("DaemonSet", &ds.metadata.name, errors));
    }
    ds.status = Default::default();
    ds.metadata.annotations.insert(TEMPLATE_GENERATION_ANNOTATION.to_string(), "1".to_string());
    crate::engine::apiserver::create_namespaced(cluster, ds)
}

/// Updates a DaemonSet: the selector is immutable, the status is kept, and a changed template
/// raises the template generation (`PrepareForUpdate`); the store raises `generation` on any
/// spec change.
pub fn update(cluster: &mut Cluster, mut ds: DaemonSet) -> Result<Rc<DaemonSet>, ApiError> {
    default_daemon_set(&mut ds);
    let Some(old) = cluster.store.get::<DaemonSet>(&Key::of(&ds.metadata, true)) else {
        return Err(ApiError::not_found(Kind::DaemonSet, &ds.metadata.name));
    };
    let mut errors = validate(&ds);
    if old.spec.selector != ds.spec.selector {
        let shown = ds.spec.selector.clone().unwrap_or_default();
        errors.push(FieldError::invalid(
            "spec.selector",
            &format!("v1.LabelSelector{{MatchLabels:{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}}", validation::go_map(&shown.match_labels)),
            "field is immutable",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::invalid("DaemonSet", &ds.metadata.name, errors));
    }
    ds.status = old.status.clone();
    let generation = old.template_generation().unwrap_or(1);
    let generation = if old.spec.template != ds.spec.template { generation + 1 } else { generation };
    ds.metadata.annotations.insert(TEMPLATE_GENERATION_ANNOTATION.to_string(), generation.to_string());
    cluster.store.update(ds)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors_of(strategy: (Option<IntOrString>, Option<IntOrString>)) -> Vec<String> {
        let rolling = RollingUpdateDaemonSet { max_unavailable: strategy.0, max_surge: strategy.1 };
        let mut errors = Vec::new();
        validate_rolling_update(&rolling, &mut errors);
        errors.iter().map(FieldError::text).collect()
    }

    #[test]
    fn exactly_one_of_max_unavailable_and_max_surge_is_non_zero() {
        use IntOrString::{Int, Str};
        assert!(errors_of((Some(Int(1)), Some(Int(0)))).is_empty());
        assert!(errors_of((Some(Int(0)), Some(Str("25%".into())))).is_empty());
        assert_eq!(errors_of((Some(Int(1)), Some(Int(1)))), ["spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero"]);
        assert_eq!(errors_of((Some(Int(0)), Some(Int(0)))), ["spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0"]);
        assert_eq!(errors_of((Some(Str("0%".into())), Some(Int(0)))), ["spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0"]);
    }
}
