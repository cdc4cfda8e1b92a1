//! What an update may change in a pod's spec: `ValidatePodUpdate` (pkg/apis/core/validation/
//! validation.go). Only the containers' and init containers' images, `activeDeadlineSeconds`,
//! added tolerations and a negative `terminationGracePeriodSeconds` set to 1 may change; anything
//! else is refused with the apiserver's Forbidden error, followed by what differs.

use crate::engine::api::pod::{Pod, PodSpec};
use crate::engine::api::validation::FieldError;
use crate::engine::error::ApiError;

/// `updatablePodSpecFieldsStrings`, joined as the message joins them.
const UPDATABLE: &str = "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

/// Mirrors `ValidatePodUpdate`'s spec rules: the containers may not be added or removed
/// (`ValidateContainerUpdates`), and the spec with its updatable fields set back to the old
/// values ("munged") must equal the old spec.
pub fn validate(old: &Pod, new: &Pod) -> Result<(), ApiError> {
    let name = &new.metadata.name;
    for (field, old_len, new_len) in [("spec.containers", old.spec.containers.len(), new.spec.containers.len()), ("spec.initContainers", old.spec.init_containers.len(), new.spec.init_containers.len())] {
        if old_len != new_len {
            return Err(ApiError::invalid("Pod", name, vec![FieldError::forbidden(field, "pod updates may not add or remove containers")]));
        }
    }
    let mut munged = (*new.spec).clone();
    munge(&mut munged, &old.spec);
    let (before, after) = (serde_json::to_value(&*old.spec).unwrap_or_default(), serde_json::to_value(&munged).unwrap_or_default());
    if before == after {
        return Ok(());
    }
    let mut lines = Vec::new();
    differences("", &before, &after, &mut lines);
    let diff = format!("\n  core.PodSpec{{\n{}  }}", lines.concat());
    Err(ApiError::invalid("Pod", name, vec![FieldError::forbidden("spec", &format!("pod updates may not change fields other than {UPDATABLE}{diff}"))]))
}

/// The munging `ValidatePodUpdate` does before it compares: the updatable fields of `spec` set
/// to the old spec's (tolerations only when the new ones keep every old one).
fn munge(spec: &mut PodSpec, old: &PodSpec) {
    for (container, before) in spec.containers.iter_mut().zip(old.containers.iter()) {
        container.image = before.image.clone();
    }
    for (container, before) in spec.init_containers.iter_mut().zip(old.init_containers.iter()) {
        container.image = before.image.clone();
    }
    spec.active_deadline_seconds = old.active_deadline_seconds;
    if old.tolerations.iter().all(|t| spec.tolerations.contains(t)) {
        spec.tolerations = old.tolerations.clone();
    }
    if old.termination_grace_period_seconds.is_some_and(|g| g < 0) && spec.termination_grace_period_seconds == Some(1) {
        spec.termination_grace_period_seconds = old.termination_grace_period_seconds;
    }
}

/// The updatable fields of `new` written into `spec` (the stored spec), once the update passed.
pub fn take_updatable(spec: &mut PodSpec, new: &PodSpec) {
    for (container, after) in spec.containers.iter_mut().zip(new.containers.iter()) {
        container.image = after.image.clone();
    }
    for (container, after) in spec.init_containers.iter_mut().zip(new.init_containers.iter()) {
        container.image = after.image.clone();
    }
    spec.active_deadline_seconds = new.active_deadline_seconds;
    spec.tolerations = new.tolerations.clone();
    spec.termination_grace_period_seconds = new.termination_grace_period_seconds;
}

/// The differing fields, as `- \tpath: old` / `+ \tpath: new` lines. The real message shows
/// go-cmp's diff of the internal PodSpec; this one names the same fields by their JSON paths.
fn differences(path: &str, before: &serde_json::Value, after: &serde_json::Value, lines: &mut Vec<String>) {
    use serde_json::Value;
    if before == after {
        return;
    }
    match (before, after) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let child = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                differences(&child, a.get(key).unwrap_or(&Value::Null), b.get(key).unwrap_or(&Value::Null), lines);
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (index, (x, y)) in a.iter().zip(b).enumerate() {
                differences(&format!("{path}[{index}]"), x, y, lines);
            }
        }
        _ => {
            if !before.is_null() {
                lines.push(format!("- \t{path}: {before}\n"));
            }
            if !after.is_null() {
                lines.push(format!("+ \t{path}: {after}\n"));
            }
        }
    }
}
