//! The apiserver's write path for StorageClasses, PersistentVolumeClaims and PersistentVolumes:
//! defaults, validation, the DefaultStorageClass and StorageObjectInUseProtection admission
//! plugins, and deletion behind the protection finalizers. Also the cluster's default class.

use std::rc::Rc;

use crate::engine::api::meta::ObjectMeta;
use crate::engine::api::storage::{PersistentVolume, PersistentVolumeClaim, StorageClass, DEFAULT_CLASS_ANNOTATION, PVC_PROTECTION_FINALIZER, PV_PROTECTION_FINALIZER};
use crate::engine::api::validation::{self, FieldError};
use crate::engine::clock::Time;
use crate::engine::error::ApiError;
use crate::engine::store::{Key, Kind};
use crate::engine::Cluster;

/// minikube's `standard` class, which the seed lesson lists: the storage-provisioner addon's
/// hostPath provisioner, Delete, Immediate, marked default.
pub const DEFAULT_CLASS: &str = "standard";
pub const HOSTPATH_PROVISIONER: &str = "k8s.io/minikube-hostpath";
/// Fixed, so that adding the class at bootstrap draws nothing from the seeded generator.
const DEFAULT_CLASS_UID: &str = "2f0c5a8e-7b1d-4c3a-9e6f-5d4b3a2c1e0f";

/// Creates the default StorageClass when the cluster comes up (minikube's addon manager does,
/// with its `EnsureExists` label).
pub fn bootstrap(cluster: &mut Cluster, born: Time) {
    let class = StorageClass {
        metadata: ObjectMeta {
            name: DEFAULT_CLASS.into(),
            labels: [("addonmanager.kubernetes.io/mode".to_string(), "EnsureExists".to_string())].into_iter().collect(),
            annotations: [(DEFAULT_CLASS_ANNOTATION.to_string(), "true".to_string())].into(),
            ..Default::default()
        },
        provisioner: HOSTPATH_PROVISIONER.into(),
        reclaim_policy: Some("Delete".into()),
        volume_binding_mode: Some("Immediate".into()),
        ..Default::default()
    };
    let _ = cluster.store.create_with_uid(class, DEFAULT_CLASS_UID.to_string(), born, &mut cluster.rng);
}

/// Mirrors `SetDefaults_StorageClass` (reclaimPolicy Delete, volumeBindingMode Immediate) and
/// `ValidateStorageClass` (provisioner required, known policies and modes).
#[inline(never)]
pub fn create_storage_class(cluster: &mut Cluster, mut class: StorageClass) -> Result<Rc<StorageClass>, ApiError> {
    default_storage_class(&mut class);
    let errors = validate_storage_class(&class);
    if !errors.is_empty() {
        return Err(ApiError::invalid("StorageClass", &class.metadata.name, errors));
    }
    let now = cluster.time();
    cluster.store.create(class, now, &mut cluster.rng)
}

fn default_storage_class(class: &mut StorageClass) {
    class.reclaim_policy.get_or_insert_with(|| "Delete".into());
    class.volume_binding_mode.get_or_insert_with(|| "Immediate".into());
}

fn validate_storage_class(class: &StorageClass) -> Vec<FieldError> {
    let mut errors = Vec::new();
    validation::validate_name(&class.metadata, false, &mut errors);
    if class.provisioner.is_empty() {
        errors.push(FieldError::required("provisioner"));
    }
    if let Some(policy) = class.reclaim_policy.as_deref().filter(|p| !["Delete", "Retain"].contains(p)) {
        errors.push(FieldError::unsupported("reclaimPolicy", policy, &["Delete", "Retain"]));
    }
    if let Some(mode) = class.volume_binding_mode.as_deref().filter(|m| !["Immediate", "WaitForFirstConsumer"].contains(m)) {
        errors.push(FieldError::unsupported("volumeBindingMode", mode, &["Immediate", "WaitForFirstConsumer"]));
    }
    errors
}

/// A StorageClass's parameters, provisioner and policies are immutable (`ValidateStorageClassUpdate`).
pub fn update_storage_class(cluster: &mut Cluster, mut class: StorageClass) -> Result<Rc<StorageClass>, ApiError> {
    default_storage_class(&mut class);
    let mut errors = validate_storage_class(&class);
    if let Some(old) = cluster.store.get::<StorageClass>(&Key::new("", &class.metadata.name)) {
        if old.parameters != class.parameters {
            errors.push(FieldError::forbidden("parameters", "updates to parameters are forbidden."));
        }
        if old.provisioner != class.provisioner {
            errors.push(FieldError::invalid("provisioner", &format!("{:?}", class.provisioner), "field is immutable"));
        }
        if old.reclaim_policy != class.reclaim_policy {
            errors.push(FieldError::forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."));
        }
        if old.volume_binding_mode != class.volume_binding_mode {
            errors.push(FieldError::invalid("volumeBindingMode", &format!("{:?}", class.volume_binding_mode.clone().unwrap_or_default()), "field is immutable"));
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::invalid("StorageClass", &class.metadata.name, errors));
    }
    cluster.store.update(class)
}

const ACCESS_MODES: &[&str] = &["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];

/// Quantities as the apiserver stores them: `resource.Quantity` serializes its canonical form
/// (`2048Mi` comes back as `2Gi`).
fn canonical_quantities(quantities: &mut std::collections::BTreeMap<String, serde_json::Value>) {
    for value in quantities.values_mut() {
        let text = crate::engine::api::storage::quantity_text(value);
        if is_quantity(&text) {
            *value = serde_json::Value::String(crate::engine::api::storage::canonical_quantity(&text));
        }
    }
}

/// The default class's name: the newest class marked default (`GetDefaultClass`).
pub fn default_class_name(cluster: &Cluster) -> Option<String> {
    cluster.store.storage_classes.iter().filter(|c| c.is_default()).max_by_key(|c| (c.metadata.creation_timestamp, c.metadata.name.clone())).map(|c| c.metadata.name.to_string())
}

/// PVC create: volumeMode Filesystem, the DefaultStorageClass admission (a claim without
/// `storageClassName` gets the default class), `ValidatePersistentVolumeClaim`, the
/// `kubernetes.io/pvc-protection` finalizer, phase Pending.
#[inline(never)]
pub fn create_claim(cluster: &mut Cluster, mut claim: PersistentVolumeClaim) -> Result<Rc<PersistentVolumeClaim>, ApiError> {
    crate::engine::apiserver::ensure_namespace(cluster, Kind::PersistentVolumeClaim, &claim.metadata.name, claim.metadata.ns())?;
    claim.spec.volume_mode.get_or_insert_with(|| "Filesystem".into());
    if claim.spec.storage_class_name.is_none() {
        claim.spec.storage_class_name = default_class_name(cluster);
    }
    let errors = validate_claim(&claim);
    if !errors.is_empty() {
        return Err(ApiError::invalid("PersistentVolumeClaim", &claim.metadata.name, errors));
    }
    canonical_quantities(&mut claim.spec.resources.requests);
    canonical_quantities(&mut claim.spec.resources.limits);
    crate::engine::quota_registry::admit_claim(cluster, &claim)?;
    if !claim.metadata.finalizers.iter().any(|f| f == PVC_PROTECTION_FINALIZER) {
        claim.metadata.finalizers.push(PVC_PROTECTION_FINALIZER.into());
    }
    claim.status = Default::default();
    claim.status.phase = Some("Pending".into());
    let now = cluster.time();
    cluster.store.create(claim, now, &mut cluster.rng)
}

/// Mirrors `ValidatePersistentVolumeClaimSpec` for the fields kubeplay gives meaning to.
fn validate_claim(claim: &PersistentVolumeClaim) -> Vec<FieldError> {
    let mut errors = Vec::new();
    validation::validate_name(&claim.metadata, false, &mut errors);
    let spec = &claim.spec;
    if spec.access_modes.is_empty() {
        errors.push(FieldError { field: "spec.accessModes".into(), message: "Required value: at least 1 access mode is required".into() });
    }
    for mode in &spec.access_modes {
        if !ACCESS_MODES.contains(&mode.as_str()) {
            errors.push(FieldError::unsupported("spec.accessModes", mode, ACCESS_MODES));
        }
    }
    match spec.resources.requests.get("storage") {
        None => errors.push(FieldError::required("spec.resources[storage]")),
        Some(quantity) => {
            let text = crate::engine::api::storage::quantity_text(quantity);
            match crate::engine::scheduler::parse_memory(&text).filter(|_| is_quantity(&text)) {
                Some(bytes) if bytes > 0 => {}
                Some(_) => errors.push(FieldError::invalid("spec.resources[storage]", &format!("{text:?}"), "must be greater than zero")),
                None => errors.push(FieldError::invalid("spec.resources.requests[storage]", &format!("{text:?}"), "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")),
            }
        }
    }
    if let Some(mode) = spec.volume_mode.as_deref().filter(|m| *m != "Filesystem" && *m != "Block") {
        errors.push(FieldError::unsupported("spec.volumeMode", mode, &["Block", "Filesystem"]));
    }
    errors
}

/// Whether text is a quantity as `resource.ParseQuantity` reads it: a decimal number, then a
/// binary (`Ki`..`Ei`) or decimal (`n`, `u`, `m`, `k`, `M`..`E`) suffix or an exponent (`e3`).
fn is_quantity(text: &str) -> bool {
    let body = text.strip_prefix(['+', '-']).unwrap_or(text);
    let number_end = body.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(body.len());
    let (number, suffix) = body.split_at(number_end);
    if number.is_empty() || number == "." || number.matches('.').count() > 1 {
        return false;
    }
    let exponent = suffix.strip_prefix(['e', 'E']).map(|e| e.strip_prefix(['+', '-']).unwrap_or(e));
    matches!(suffix, "" | "Ki" | "Mi" | "Gi" | "Ti" | "Pi" | "Ei" | "n" | "u" | "m" | "k" | "M" | "G" | "T" | "P" | "E")
        || exponent.is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}

/// PVC update: the spec is immutable except the requests of a bound claim (`ValidatePersistentVolumeClaimUpdate`).
pub fn update_claim(cluster: &mut Cluster, mut claim: PersistentVolumeClaim) -> Result<Rc<PersistentVolumeClaim>, ApiError> {
    let Some(old) = cluster.store.get::<PersistentVolumeClaim>(&Key::of(&claim.metadata, true)) else {
        return Err(ApiError::not_found(Kind::PersistentVolumeClaim, &claim.metadata.name));
    };
    claim.spec.volume_mode.get_or_insert_with(|| "Filesystem".into());
    if claim.spec.storage_class_name.is_none() {
        claim.spec.storage_class_name = old.spec.storage_class_name.clone();
    }
    if claim.spec.volume_name.is_none() {
        claim.spec.volume_name = old.spec.volume_name.clone();
    }
    for finalizer in &old.metadata.finalizers {
        if !claim.metadata.finalizers.contains(finalizer) {
            claim.metadata.finalizers.push(finalizer.clone());
        }
    }
    for (key, value) in &old.metadata.annotations {
        claim.metadata.annotations.entry(key.clone()).or_insert_with(|| value.clone());
    }
    claim.status = old.status.clone();
    let mut errors = validate_claim(&claim);
    let mut without_requests = claim.spec.clone();
    without_requests.resources = old.spec.resources.clone();
    if without_requests != old.spec {
        errors.push(FieldError::forbidden("spec", "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims"));
    }
    if !errors.is_empty() {
        return Err(ApiError::invalid("PersistentVolumeClaim", &claim.metadata.name, errors));
    }
    canonical_quantities(&mut claim.spec.resources.requests);
    canonical_quantities(&mut claim.spec.resources.limits);
    cluster.store.update(claim)
}

/// PV create: reclaim policy Retain and volumeMode Filesystem by default, `ValidatePersistentVolume`,
/// the `kubernetes.io/pv-protection` finalizer, phase Pending (the controller makes it Available).
#[inline(never)]
pub fn create_volume(cluster: &mut Cluster, mut volume: PersistentVolume) -> Result<Rc<PersistentVolume>, ApiError> {
    volume.spec.persistent_volume_reclaim_policy.get_or_insert_with(|| "Retain".into());
    volume.spec.volume_mode.get_or_insert_with(|| "Filesystem".into());
    let errors = validate_volume(&volume);
    if !errors.is_empty() {
        return Err(ApiError::invalid("PersistentVolume", &volume.metadata.name, errors));
    }
    canonical_quantities(&mut volume.spec.capacity);
    if !volume.metadata.finalizers.iter().any(|f| f == PV_PROTECTION_FINALIZER) {
        volume.metadata.finalizers.push(PV_PROTECTION_FINALIZER.into());
    }
    let now = cluster.time();
    volume.status = Default::default();
    volume.status.phase = Some("Pending".into());
    volume.status.last_phase_transition_time = Some(now);
    cluster.store.create(volume, now, &mut cluster.rng)
}

/// Mirrors `ValidatePersistentVolumeSpec` for capacity, access modes, policies and the source.
fn validate_volume(volume: &PersistentVolume) -> Vec<FieldError> {
    let mut errors = Vec::new();
    validation::validate_name(&volume.metadata, false, &mut errors);
    let spec = &volume.spec;
    if spec.access_modes.is_empty() {
        errors.push(FieldError::required("spec.accessModes"));
    }
    for mode in &spec.access_modes {
        if !ACCESS_MODES.contains(&mode.as_str()) {
            errors.push(FieldError::unsupported("spec.accessModes", mode, ACCESS_MODES));
        }
    }
    if spec.capacity.is_empty() {
        errors.push(FieldError::required("spec.capacity"));
    } else if !spec.capacity.contains_key("storage") || spec.capacity.len() > 1 {
        let shown = spec.capacity.keys().map(|k| format!("{k:?}")).collect::<Vec<_>>().join(", ");
        errors.push(FieldError { field: "spec.capacity".into(), message: format!("Unsupported value: core.ResourceList{{{shown}}}: supported values: \"storage\"") });
    }
    if let Some(policy) = spec.persistent_volume_reclaim_policy.as_deref().filter(|p| !["Delete", "Recycle", "Retain"].contains(p)) {
        errors.push(FieldError::unsupported("spec.persistentVolumeReclaimPolicy", policy, &["Delete", "Recycle", "Retain"]));
    }
    if spec.extra.keys().all(|k| k == "nodeAffinity" || k == "volumeAttributesClassName") {
        errors.push(FieldError { field: "spec".into(), message: "Required value: must specify a volume type".into() });
    }
    errors
}

/// PV update: the source is immutable; status kept.
pub fn update_volume(cluster: &mut Cluster, mut volume: PersistentVolume) -> Result<Rc<PersistentVolume>, ApiError> {
    let Some(old) = cluster.store.get::<PersistentVolume>(&Key::new("", &volume.metadata.name)) else {
        return Err(ApiError::not_found(Kind::PersistentVolume, &volume.metadata.name));
    };
    volume.spec.persistent_volume_reclaim_policy.get_or_insert_with(|| "Retain".into());
    volume.spec.volume_mode.get_or_insert_with(|| "Filesystem".into());
    if volume.spec.claim_ref.is_none() {
        volume.spec.claim_ref = old.spec.claim_ref.clone();
    }
    for finalizer in &old.metadata.finalizers {
        if !volume.metadata.finalizers.contains(finalizer) {
            volume.metadata.finalizers.push(finalizer.clone());
        }
    }
    volume.status = old.status.clone();
    let mut errors = validate_volume(&volume);
    if volume.spec.extra != old.spec.extra {
        errors.push(FieldError::forbidden("spec.persistentvolumesource", "spec.persistentvolumesource is immutable after creation"));
    }
    if !errors.is_empty() {
        return Err(ApiError::invalid("PersistentVolume", &volume.metadata.name, errors));
    }
    canonical_quantities(&mut volume.spec.capacity);
    cluster.store.update(volume)
}

/// Deletes a claim or a volume: with its protection finalizer it only starts terminating (the
/// PV controller's protection part removes the finalizer when nothing uses it any more).
pub fn delete(cluster: &mut Cluster, kind: Kind, key: &Key) -> Result<(), ApiError> {
    let now = cluster.time();
    match kind {
        Kind::PersistentVolumeClaim => {
            let Some(claim) = cluster.store.get::<PersistentVolumeClaim>(key) else {
                return Err(ApiError::not_found(kind, &key.name));
            };
            if claim.metadata.finalizers.is_empty() {
                cluster.store.remove::<PersistentVolumeClaim>(key)?;
            } else {
                cluster.store.mark_deleting::<PersistentVolumeClaim>(key, now, None)?;
            }
        }
        Kind::PersistentVolume => {
            let Some(volume) = cluster.store.get::<PersistentVolume>(key) else {
                return Err(ApiError::not_found(kind, &key.name));
            };
            if volume.metadata.finalizers.is_empty() {
                cluster.store.remove::<PersistentVolume>(key)?;
            } else {
                cluster.store.mark_deleting::<PersistentVolume>(key, now, None)?;
            }
        }
        Kind::StorageClass => {
            cluster.store.remove::<StorageClass>(key)?;
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_are_read_as_parse_quantity_reads_them() {
        for (text, ok) in [("10Mi", true), ("1Gi", true), ("0.5Gi", true), ("1e3", true), ("1E", true), ("500m", true), ("+3k", true), ("inf", false), ("NaN", false), ("1.2.3", false), ("Mi", false), ("10MB", false), ("1e", false), ("", false)] {
            assert_eq!(is_quantity(text), ok, "{text}");
        }
    }
}
