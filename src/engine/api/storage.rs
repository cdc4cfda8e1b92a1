//! Storage: StorageClasses (storage.k8s.io/v1), PersistentVolumeClaims and PersistentVolumes (v1).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::api::meta::{null_as_default, ObjectMeta};
use crate::engine::api::selector::LabelSelector;
use crate::engine::clock::Time;

type Extra = BTreeMap<String, serde_json::Value>;

/// The annotation that makes a StorageClass the default (`storageutil.IsDefaultAnnotation`).
pub const DEFAULT_CLASS_ANNOTATION: &str = "storageclass.kubernetes.io/is-default-class";
/// The finalizers that keep a claim while a pod uses it, and a volume while a claim is bound to it.
pub const PVC_PROTECTION_FINALIZER: &str = "kubernetes.io/pvc-protection";
pub const PV_PROTECTION_FINALIZER: &str = "kubernetes.io/pv-protection";

/// `storagev1.StorageClass`: its fields sit at the top level (no spec).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StorageClass {
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub provisioner: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "null_as_default")]
    pub parameters: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reclaim_policy: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub mount_options: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_volume_expansion: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_binding_mode: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub allowed_topologies: Vec<serde_json::Value>,
}

impl StorageClass {
    /// `storageutil.IsDefaultAnnotation`: the annotation reads "true".
    pub fn is_default(&self) -> bool {
        self.metadata.annotation(DEFAULT_CLASS_ANNOTATION) == Some("true")
    }
}

/// `v1.PersistentVolumeClaim`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PersistentVolumeClaim {
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: PersistentVolumeClaimSpec,
    #[serde(default)]
    pub status: PersistentVolumeClaimStatus,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PersistentVolumeClaimSpec {
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub access_modes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<LabelSelector>,
    #[serde(default)]
    pub resources: VolumeResourceRequirements,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_class_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_mode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_source: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_source_ref: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_attributes_class_name: Option<String>,
}

/// `v1.VolumeResourceRequirements`: quantities as written (`10Mi`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VolumeResourceRequirements {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "null_as_default")]
    pub limits: BTreeMap<String, serde_json::Value>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "null_as_default")]
    pub requests: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PersistentVolumeClaimStatus {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub access_modes: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "null_as_default")]
    pub capacity: BTreeMap<String, serde_json::Value>,
    /// Conditions, resize and attributes-class status: kept as written.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `v1.PersistentVolume`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PersistentVolume {
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: PersistentVolumeSpec,
    #[serde(default)]
    pub status: PersistentVolumeStatus,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PersistentVolumeSpec {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "null_as_default")]
    pub capacity: BTreeMap<String, serde_json::Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub access_modes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_ref: Option<ClaimRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persistent_volume_reclaim_policy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_class_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_mode: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub mount_options: Vec<String>,
    /// The volume source (hostPath, local, nfs, csi, ...) and nodeAffinity, kept as written.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `v1.ObjectReference` as a PV's claimRef.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimRef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_version: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PersistentVolumeStatus {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_phase_transition_time: Option<Time>,
}

/// A quantity as written (`"10Mi"`, or a bare number).
pub fn quantity_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// A quantity in its canonical form, as `resource.Quantity.String()` prints it: the largest
/// suffix of the same family that keeps it an integer (`1024Mi` is `1Gi`, `1000` is `1k`,
/// `0.5Gi` is `512Mi`). Text that is no simple quantity is returned as it is.
pub fn canonical_quantity(text: &str) -> String {
    const BINARY: [(&str, u128); 6] = [("Ki", 1 << 10), ("Mi", 1 << 20), ("Gi", 1 << 30), ("Ti", 1 << 40), ("Pi", 1 << 50), ("Ei", 1 << 60)];
    const DECIMAL: [(&str, u128); 6] = [("k", 1_000), ("M", 1_000_000), ("G", 1_000_000_000), ("T", 1_000_000_000_000), ("P", 1_000_000_000_000_000), ("E", 1_000_000_000_000_000_000)];
    let digits_end = text.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(text.len());
    let (number, suffix) = text.split_at(digits_end);
    let (table, unit): (&[(&str, u128)], u128) = match suffix {
        "" => (&DECIMAL, 1),
        s => match BINARY.iter().find(|(name, _)| *name == s) {
            Some((_, unit)) => (&BINARY, *unit),
            None => match DECIMAL.iter().find(|(name, _)| *name == s) {
                Some((_, unit)) => (&DECIMAL, *unit),
                None => return text.to_string(),
            },
        },
    };
    // The value in base units, exactly: whole and fractional digits scaled.
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty() && fraction.is_empty() || fraction.len() > 18 {
        return text.to_string();
    }
    let scale = 10u128.pow(fraction.len() as u32);
    let Ok(mantissa) = format!("{whole}{fraction}").parse::<u128>() else { return text.to_string() };
    let Some(scaled) = mantissa.checked_mul(unit) else { return text.to_string() };
    if scaled % scale != 0 {
        return text.to_string();
    }
    let value = scaled / scale;
    if value == 0 {
        return "0".to_string();
    }
    match table.iter().rev().find(|(_, size)| value % size == 0) {
        Some((name, size)) => format!("{}{name}", value / size),
        None => value.to_string(),
    }
}

/// `ACCESS MODES` as kubectl abbreviates them (`GetAccessModesAsString`): RWO, ROX, RWX, RWOP,
/// in that order, each once.
pub fn access_modes_text(modes: &[String]) -> String {
    let mut parts = Vec::new();
    for (mode, short) in [("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"), ("ReadWriteOncePod", "RWOP")] {
        if modes.iter().any(|m| m == mode) {
            parts.push(short);
        }
    }
    parts.join(",")
}

impl PersistentVolumeClaim {
    /// The requested `storage`, as written.
    pub fn requested_storage(&self) -> Option<String> {
        self.spec.resources.requests.get("storage").map(quantity_text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_print_in_canonical_form() {
        for (given, want) in [("10Mi", "10Mi"), ("1024Mi", "1Gi"), ("0.5Gi", "512Mi"), ("1000", "1k"), ("1500", "1500"), ("1G", "1G"), ("2000M", "2G"), ("1536Mi", "1536Mi"), ("5", "5"), ("0", "0"), ("1e3", "1e3"), ("lots", "lots")] {
            assert_eq!(canonical_quantity(given), want, "{given}");
        }
    }

    #[test]
    fn access_modes_abbreviate_in_kubectls_order() {
        let modes = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        for (given, want) in [
            (modes(&["ReadWriteMany"]), "RWX"),
            (modes(&["ReadWriteMany", "ReadWriteOnce"]), "RWO,RWX"),
            (modes(&["ReadWriteOncePod", "ReadOnlyMany", "ReadOnlyMany"]), "ROX,RWOP"),
            (modes(&[]), ""),
        ] {
            assert_eq!(access_modes_text(&given), want, "{given:?}");
        }
    }
}
