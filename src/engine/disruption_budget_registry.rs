//! The apiserver's write path for PodDisruptionBudgets (pkg/registry/policy/poddisruptionbudget):
//! `ValidatePodDisruptionBudget` (pkg/apis/policy/validation/validation.go) on create and
//! update; an update keeps the status (`PrepareForUpdate`) and bumps the generation when the
//! spec changes. policy/v1 has no defaults. The disruption controller
//! (`controllers::disruption`) keeps the status; `engine::eviction` reads it.

use std::rc::Rc;

use crate::engine::api::pod_disruption_budget::{PodDisruptionBudget, PodDisruptionBudgetSpec, UNHEALTHY_POD_EVICTION_POLICIES};
use crate::engine::api::validation::{self, FieldError};
use crate::engine::error::ApiError;
use crate::engine::store::{Key, Kind};
use crate::engine::Cluster;

/// PodDisruptionBudget create: validation, stored with generation 1 and an empty status.
#[inline(never)]
pub fn create(cluster: &mut Cluster, mut pdb: PodDisruptionBudget) -> Result<Rc<PodDisruptionBudget>, ApiError> {
    crate::engine::apiserver::ensure_namespace(cluster, Kind::PodDisruptionBudget, &pdb.metadata.name, pdb.metadata.ns())?;
    let errors = validate(&pdb);
    if !errors.is_empty() {
        return Err(ApiError::invalid("PodDisruptionBudget", &pdb.metadata.name, errors));
    }
    // `PrepareForCreate`: the status is the controller's to write.
    pdb.status = Default::default();
    let now = cluster.time();
    cluster.store.create(pdb, now, &mut cluster.rng)
}

/// PodDisruptionBudget update: validation again, the stored status kept.
pub fn update(cluster: &mut Cluster, mut pdb: PodDisruptionBudget) -> Result<Rc<PodDisruptionBudget>, ApiError> {
    let Some(old) = cluster.store.get::<PodDisruptionBudget>(&Key::of(&pdb.metadata, true)) else {
        return Err(ApiError::not_found(Kind::PodDisruptionBudget, &pdb.metadata.name));
    };
    let errors = validate(&pdb);
    if !errors.is_empty() {
        return Err(ApiError::invalid("PodDisruptionBudget", &pdb.metadata.name, errors));
    }
    pdb.status = old.status.clone();
    cluster.store.update(pdb)
}

/// Mirrors `ValidatePodDisruptionBudget` and `ValidatePodDisruptionBudgetSpec`: the name, not
/// both bounds, each bound a non-negative number or a percentage up to 100%, the eviction
/// policy, the selector.
pub fn validate(pdb: &PodDisruptionBudget) -> Vec<FieldError> {
    let mut errors = Vec::new();
    validation::validate_name(&pdb.metadata, false, &mut errors);
    let spec = &pdb.spec;
    if spec.min_available.is_some() && spec.max_unavailable.is_some() {
        errors.push(FieldError::invalid("spec", &go_spec_value(spec), "minAvailable and maxUnavailable cannot be both set"));
    }
    if let Some(min_available) = &spec.min_available {
        validation::validate_int_or_percent(min_available, "spec.minAvailable", &mut errors);
    }
    if let Some(max_unavailable) = &spec.max_unavailable {
        validation::validate_int_or_percent(max_unavailable, "spec.maxUnavailable", &mut errors);
    }
    if let Some(policy) = &spec.unhealthy_pod_eviction_policy {
        if !UNHEALTHY_POD_EVICTION_POLICIES.contains(&policy.as_str()) {
            errors.push(FieldError::unsupported("spec.unhealthyPodEvictionPolicy", policy, &UNHEALTHY_POD_EVICTION_POLICIES));
        }
    }
    if let Some(selector) = &spec.selector {
        crate::engine::network_policy_registry::validate_label_selector(selector, "spec.selector", &mut errors);
    }
    errors
}

/// The spec as the apiserver's `field.Invalid` prints a struct (`%#v` of the internal type).
/// Its pointers print as addresses, which differ on every real request; these are fixed.
fn go_spec_value(spec: &PodDisruptionBudgetSpec) -> String {
    let pointer = |set: bool, go_type: &str, address: &str| if set { format!("(*{go_type})({address})") } else { format!("(*{go_type})(nil)") };
    format!(
        "policy.PodDisruptionBudgetSpec{{MinAvailable:{}, Selector:{}, MaxUnavailable:{}, UnhealthyPodEvictionPolicy:{}}}",
        pointer(spec.min_available.is_some(), "intstr.IntOrString", "0xc000a3c0a0"),
        pointer(spec.selector.is_some(), "v1.LabelSelector", "0xc000b2e0c0"),
        pointer(spec.max_unavailable.is_some(), "intstr.IntOrString", "0xc000a3c0c0"),
        pointer(spec.unhealthy_pod_eviction_policy.is_some(), "policy.UnhealthyPodEvictionPolicyType", "0xc000c14330"),
    )
}
