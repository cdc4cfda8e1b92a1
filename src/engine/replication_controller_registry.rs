//! The ReplicationController write path: core/v1 defaulting and validation.
//!
//! Mirrors `SetDefaults_ReplicationController` (pkg/apis/core/v1/defaults.go) and
//! `ValidateReplicationController` / `ValidateReplicationControllerSpec` /
//! `ValidatePodTemplateSpecForRC` (pkg/apis/core/validation).

use std::rc::Rc;

use crate::engine::api::defaults;
use crate::engine::api::replication_controller::ReplicationController;
use crate::engine::api::validation::{self, FieldError};
use crate::engine::error::ApiError;
use crate::engine::store::{Key, Kind};
use crate::engine::Cluster;

/// `SetDefaults_ReplicationController`: the selector and the labels from the template's labels
/// when unset, 1 replica; the pod template's defaults.
pub fn default_replication_controller(rc: &mut ReplicationController) {
    if let Some(template) = rc.spec.template.as_mut() {
        let labels = template.metadata.labels.clone();
        if !labels.is_empty() {
            if rc.spec.selector.is_empty() {
                rc.spec.selector = (*labels).clone();
            }
            if rc.metadata.labels.is_empty() {
                rc.metadata.labels = labels;
            }
        }
        defaults::default_template(template);
    }
    rc.spec.replicas.get_or_insert(1);
}

/// `ValidateReplicationController`: the name, non-negative counts, a non-empty selector, and a
/// template whose labels the selector matches, with restartPolicy Always.
pub fn validate(rc: &ReplicationController) -> Vec<FieldError> {
    let mut errors = Vec::new();
    validation::validate_name(&rc.metadata, false, &mut errors);
    let spec = &rc.spec;
    if let Some(seconds) = spec.min_ready_seconds.filter(|s| *s < 0) {
        errors.push(FieldError::invalid("spec.minReadySeconds", &seconds.to_string(), "must be greater than or equal to 0"));
    }
    if spec.selector.is_empty() {
        errors.push(FieldError::required("spec.selector"));
    }
    let replicas = rc.replicas();
    if replicas < 0 {
        errors.push(FieldError::invalid("spec.replicas", &replicas.to_string(), "must be greater than or equal to 0"));
    }
    if replicas > validation::MAX_REPLICAS {
        errors.push(FieldError::invalid("spec.replicas", &replicas.to_string(), &format!("must be less than or equal to {} in kubeplay", validation::MAX_REPLICAS)));
    }
    match &spec.template {
        None => errors.push(FieldError::required("spec.template")),
        Some(template) => {
            let labels = &template.metadata.labels;
            if !spec.selector.is_empty() && !spec.selector.iter().all(|(k, v)| labels.get(k) == Some(v)) {
                errors.push(FieldError::invalid("spec.template.metadata.labels", &validation::go_map(labels), "`selector` does not match template `labels`"));
            }
            validation::validate_pod_spec(&template.spec, "spec.template.spec", true, &mut errors);
            if let Some(seconds) = template.spec.active_deadline_seconds {
                errors.push(FieldError::invalid("spec.template.spec.activeDeadlineSeconds", &seconds.to_string(), "activeDeadlineSeconds in ReplicationController is not Supported"));
            }
        }
    }
    errors
}

/// Creates a ReplicationController: defaults, validation, an empty status.
#[inline(never)]
pub fn create(cluster: &mut Cluster, mut rc: ReplicationController) -> Result<Rc<ReplicationController>, ApiError> {
    default_replication_controller(&mut rc);
    let errors = validate(&rc);
    if !errors.is_empty() {
        return Err(ApiError::invalid("ReplicationController", &rc.metadata.name, errors));
    }
    rc.status = Default::default();
    crate::engine::apiserver::create_namespaced(cluster, rc)
}

/// Updates a ReplicationController (its selector may change, unlike a ReplicaSet's in apps/v1);
/// the status is kept.
pub fn update(cluster: &mut Cluster, mut rc: ReplicationController) -> Result<Rc<ReplicationController>, ApiError> {
    default_replication_controller(&mut rc);
    let Some(old) = cluster.store.get::<ReplicationController>(&Key::of(&rc.metadata, true)) else {
        return Err(ApiError::not_found(Kind::ReplicationController, &rc.metadata.name));
    };
    let errors = validate(&rc);
    if !errors.is_empty() {
        return Err(ApiError::invalid("ReplicationController", &rc.metadata.name, errors));
    }
    rc.status = old.status.clone();
    cluster.store.update(rc)
}
