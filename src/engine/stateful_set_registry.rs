//! The StatefulSet write path: apps/v1 defaulting and validation.
//!
//! Mirrors `SetDefaults_StatefulSet` (pkg/apis/apps/v1/defaults.go, with the StatefulSetAutoDeletePVC
//! defaults of 1.32), `ValidateStatefulSet` / `ValidateStatefulSetSpec` / `ValidateStatefulSetUpdate`
//! (pkg/apis/apps/validation) and the strategy's `PrepareForCreate` / `PrepareForUpdate`
//! (pkg/registry/apps/statefulset).

use std::rc::Rc;

use crate::engine::api::defaults;
use crate::engine::api::stateful_set::{RetentionPolicy, RollingUpdateStatefulSet, StatefulSet};
use crate::engine::api::validation::{self, FieldError};
use crate::engine::error::ApiError;
use crate::engine::store::{Key, Kind};
use crate::engine::Cluster;

/// `SetDefaults_StatefulSet`: OrderedReady, RollingUpdate with partition 0 (a rollingUpdate is
/// added only when the type was left empty), claims retained, 1 replica, a history of 10; the
/// claim templates' own defaults (apiVersion and kind, volumeMode Filesystem, phase Pending).
pub fn default_stateful_set(sts: &mut StatefulSet) {
    let spec = &mut sts.spec;
    spec.pod_management_policy.get_or_insert_with(|| "OrderedReady".to_string());
    if spec.update_strategy.type_.is_none() {
        spec.update_strategy.type_ = Some("RollingUpdate".to_string());
        spec.update_strategy.rolling_update.get_or_insert_with(RollingUpdateStatefulSet::default);
    }
    if spec.update_strategy.type_.as_deref() == Some("RollingUpdate") {
        if let Some(rolling) = spec.update_strategy.rolling_update.as_mut() {
            rolling.partition.get_or_insert(0);
        }
    }
    let retention = spec.persistent_volume_claim_retention_policy.get_or_insert_with(RetentionPolicy::default);
    retention.when_deleted.get_or_insert_with(|| "Retain".to_string());
    retention.when_scaled.get_or_insert_with(|| "Retain".to_string());
    spec.replicas.get_or_insert(1);
    spec.revision_history_limit.get_or_insert(10);
    for claim in &mut spec.volume_claim_templates {
        claim.api_version.get_or_insert_with(|| "v1".to_string());
        claim.kind.get_or_insert_with(|| "PersistentVolumeClaim".to_string());
        claim.spec.volume_mode.get_or_insert_with(|| "Filesystem".to_string());
        claim.status.phase.get_or_insert_with(|| "Pending".to_string());
    }
    defaults::default_template(&mut spec.template);
}

/// `ValidateStatefulSet` for what kubeplay simulates.
pub fn validate(sts: &StatefulSet) -> Vec<FieldError> {
    let mut errors = Vec::new();
    validation::validate_name(&sts.metadata, false, &mut errors);
    let spec = &sts.spec;
    match spec.pod_management_policy.as_deref().unwrap_or("OrderedReady") {
        "OrderedReady" | "Parallel" => {}
        other => errors.push(FieldError::unsupported("spec.podManagementPolicy", other, &["OrderedReady", "Parallel"])),
    }
    match spec.update_strategy.type_.as_deref().unwrap_or("RollingUpdate") {
        "RollingUpdate" => {
            if let Some(partition) = spec.update_strategy.rolling_update.as_ref().and_then(|r| r.partition).filter(|p| *p < 0) {
                errors.push(FieldError::invalid("spec.updateStrategy.rollingUpdate.partition", &partition.to_string(), "must be greater than or equal to 0"));
            }
        }
        "OnDelete" => {
            if spec.update_strategy.rolling_update.is_some() {
                errors.push(FieldError::invalid("spec.updateStrategy.rollingUpdate", "apps.RollingUpdateStatefulSetStrategy{...}", "only allowed for updateStrategy 'RollingUpdate'"));
            }
        }
        other => errors.push(FieldError::unsupported("spec.updateStrategy.type", other, &["OnDelete", "RollingUpdate"])),
    }
    if let Some(replicas) = spec.replicas.filter(|r| *r < 0) {
        errors.push(FieldError::invalid("spec.replicas", &replicas.to_string(), "must be greater than or equal to 0"));
    }
    if spec.replicas.unwrap_or(1) > validation::MAX_REPLICAS {
        errors.push(FieldError::invalid("spec.replicas", &spec.replicas.unwrap_or(1).to_string(), &format!("must be less than or equal to {} in kubeplay", validation::MAX_REPLICAS)));
    }
    if let Some(seconds) = spec.min_ready_seconds.filter(|s| *s < 0) {
        errors.push(FieldError::invalid("spec.minReadySeconds", &seconds.to_string(), "must be greater than or equal to 0"));
    }
    if let Some(start) = spec.ordinals.as_ref().map(|o| o.start).filter(|s| *s < 0) {
        errors.push(FieldError::invalid("spec.ordinals.start", &start.to_string(), "must be greater than or equal to 0"));
    }
    validation::validate_selector_and_template(spec.selector.as_ref(), &spec.template, true, &mut errors);
    if spec.selector.as_ref().is_some_and(|s| s.is_empty()) {
        errors.push(FieldError::invalid(
            "spec.selector",
            "v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}",
            "empty selector is invalid for statefulset",
        ));
    }
    validation::validate_pod_spec(&spec.template.spec, "spec.template.spec", true, &mut errors);
    if let Some(seconds) = spec.template.spec.active_deadline_seconds {
        errors.push(FieldError::invalid("spec.template.spec.activeDeadlineSeconds", &seconds.to_string(), "activeDeadlineSeconds in StatefulSet is not Supported"));
    }
    for (index, claim) in spec.volume_claim_templates.iter().enumerate() {
        if claim.metadata.name.is_empty() {
            errors.push(FieldError::required(&format!("spec.volumeClaimTemplates[{index}].metadata.name")));
        }
    }
    errors
}

/// Creates a StatefulSet: defaults, validation, an empty status.
#[inline(never)]
pub fn create(cluster: &mut Cluster, mut sts: StatefulSet) -> Result<Rc<StatefulSet>, ApiError> {
    default_stateful_set(&mut sts);
    let errors = validate(&sts);
    if !errors.is_empty() {
        return Err(ApiError::invalid("StatefulSet", &sts.metadata.name, errors));
    }
    sts.status = Default::default();
    crate::engine::apiserver::create_namespaced(cluster, sts)
}

/// Updates a StatefulSet: only replicas, ordinals, template, updateStrategy,
/// revisionHistoryLimit, the claim retention policy and minReadySeconds may change
/// (`ValidateStatefulSetUpdate`); the status is kept.
pub fn update(cluster: &mut Cluster, mut sts: StatefulSet) -> Result<Rc<StatefulSet>, ApiError> {
    default_stateful_set(&mut sts);
    let Some(old) = cluster.store.get::<StatefulSet>(&Key::of(&sts.metadata, true)) else {
        return Err(ApiError::not_found(Kind::StatefulSet, &sts.metadata.name));
    };
    let mut errors = validate(&sts);
    let frozen = |s: &StatefulSet| (s.spec.selector.clone(), s.spec.volume_claim_templates.clone(), s.spec.service_name.clone(), s.spec.pod_management_policy.clone());
    if frozen(&old) != frozen(&sts) {
        errors.push(FieldError::forbidden(
            "spec",
            "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::invalid("StatefulSet", &sts.metadata.name, errors));
    }
    sts.status = old.status.clone();
    cluster.store.update(sts)
}
