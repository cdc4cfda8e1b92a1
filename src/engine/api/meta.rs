//! Object metadata shared by every kind: names, labels, owners, timestamps.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::engine::api::sparse::Sparse;
use crate::engine::api::text::Text;
use crate::engine::clock::Time;
use crate::engine::api::selector::LabelSelector;

/// `metav1.ObjectMeta`, with the fields kubeplay gives meaning to and a bag for the rest.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectMeta {
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generate_name: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<Text>,
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub uid: Text,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub resource_version: String,
    #[serde(default, skip_serializing_if = "is_zero_i64")]
    pub generation: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_timestamp: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_timestamp: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_grace_period_seconds: Option<i64>,
    /// Shared between versions of an object (and the pods of one template) until one changes it.
    #[serde(default, skip_serializing_if = "crate::engine::api::shared::is_empty_map", deserialize_with = "null_as_default")]
    pub labels: crate::engine::api::shared::Shared<BTreeMap<String, String>>,
    /// Annotations, finalizers and the unknown fields are rare: one word each until written.
    #[serde(default, skip_serializing_if = "crate::engine::api::sparse::is_empty", deserialize_with = "null_as_default")]
    pub annotations: Sparse<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "crate::engine::api::shared::is_empty_vec", deserialize_with = "null_as_default")]
    pub owner_references: crate::engine::api::shared::Shared<Vec<OwnerReference>>,
    #[serde(default, skip_serializing_if = "crate::engine::api::sparse::is_empty", deserialize_with = "null_as_default")]
    pub finalizers: Sparse<Vec<String>>,
    /// Fields kubeplay stores but does not interpret (managedFields, selfLink, ...).
    #[serde(flatten)]
    pub extra: Sparse<BTreeMap<String, serde_json::Value>>,
}

/// `metav1.OwnerReference`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OwnerReference {
    pub api_version: String,
    pub kind: String,
    pub name: String,
    pub uid: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controller: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_owner_deletion: Option<bool>,
}

impl ObjectMeta {
    pub fn ns(&self) -> &str {
        self.namespace.as_deref().unwrap_or("default")
    }

    /// The namespace as a shared `Text` ("default" when unset), for an object made in it.
    pub fn ns_text(&self) -> Text {
        self.namespace.clone().unwrap_or(Text::from_static("default"))
    }

    /// The owner reference marked `controller: true`, as `metav1.GetControllerOf`.
    pub fn controller_ref(&self) -> Option<&OwnerReference> {
        self.owner_references.iter().find(|r| r.controller == Some(true))
    }

    pub fn is_deleting(&self) -> bool {
        self.deletion_timestamp.is_some()
    }

    pub fn annotation(&self, key: &str) -> Option<&str> {
        self.annotations.get(key).map(String::as_str)
    }
}

impl OwnerReference {
    /// `metav1.NewControllerRef`: controller and blockOwnerDeletion set.
    pub fn controller_of(api_version: &str, kind: &str, meta: &ObjectMeta) -> OwnerReference {
        OwnerReference {
            api_version: api_version.to_string(),
            kind: kind.to_string(),
            name: meta.name.to_string(),
            uid: meta.uid.to_string(),
            controller: Some(true),
            block_owner_deletion: Some(true),
        }
    }
}

pub(crate) fn is_zero_i32(value: &i32) -> bool {
    *value == 0
}

pub(crate) fn is_zero_i64(value: &i64) -> bool {
    *value == 0
}

/// Deserializes `null` as the type's default, as Go's JSON decoding does for maps and slices.
pub fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

impl Serialize for Time {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.rfc3339())
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Time, D::Error> {
        let text = String::deserialize(deserializer)?;
        Time::parse_rfc3339(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("parsing time \"{text}\" as \"2006-01-02T15:04:05Z07:00\": cannot parse")))
    }
}

/// Labels as `key=value,key=value` in key order, as kubectl prints selectors and label sets.
pub fn format_labels(labels: &BTreeMap<String, String>) -> String {
    if labels.is_empty() {
        return "<none>".to_string();
    }
    labels.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",")
}

/// A selector that also carries its source for printing.
pub fn selector_matches(selector: &LabelSelector, labels: &BTreeMap<String, String>) -> bool {
    selector.matches(labels)
}
