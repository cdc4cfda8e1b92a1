//! The LimitRange type (`corev1.LimitRange`): per-container and per-pod bounds and defaults of
//! compute resources, and bounds of claims' storage, in one namespace.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::api::meta::ObjectMeta;

/// A resource list as stored: resource name to quantity (`cpu: 500m`).
pub type ResourceList = BTreeMap<String, serde_json::Value>;

/// `corev1.LimitRange`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LimitRange {
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: LimitRangeSpec,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LimitRangeSpec {
    #[serde(default)]
    pub limits: Vec<LimitRangeItem>,
}

/// `corev1.LimitRangeItem`: the bounds of one type (`Container`, `Pod`, `PersistentVolumeClaim`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LimitRangeItem {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub default: ResourceList,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub default_request: ResourceList,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub max: ResourceList,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub max_limit_request_ratio: ResourceList,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub min: ResourceList,
    #[serde(rename = "type", default)]
    pub type_: String,
}
