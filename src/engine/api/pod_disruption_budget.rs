//! PodDisruptionBudgets (policy/v1): how many of a set of pods must stay up while pods are
//! evicted on purpose (`kubectl drain`, the eviction API). The disruption controller keeps the
//! status; the eviction subresource reads and decrements it (k8s.io/api/policy/v1/types.go).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::api::intstr::IntOrString;
use crate::engine::api::meta::{null_as_default, ObjectMeta};
use crate::engine::api::selector::LabelSelector;
use crate::engine::clock::Time;

/// `policyv1.PodDisruptionBudget`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodDisruptionBudget {
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: PodDisruptionBudgetSpec,
    #[serde(default)]
    pub status: PodDisruptionBudgetStatus,
}

/// `PodDisruptionBudgetSpec`: at most one of `minAvailable` and `maxUnavailable`, each a
/// number or a percentage; no defaults in policy/v1.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodDisruptionBudgetSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_available: Option<IntOrString>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<LabelSelector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_unavailable: Option<IntOrString>,
    /// `IfHealthyBudget` (the behaviour when unset) or `AlwaysAllow`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unhealthy_pod_eviction_policy: Option<String>,
}

/// `PodDisruptionBudgetStatus`. The four counts are always written, as Go writes them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodDisruptionBudgetStatus {
    #[serde(default, skip_serializing_if = "crate::engine::api::meta::is_zero_i64")]
    pub observed_generation: i64,
    /// Pods the eviction API let go that the controller has not seen deleted yet, with the time
    /// of their eviction.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "null_as_default")]
    pub disrupted_pods: BTreeMap<String, Time>,
    #[serde(default)]
    pub disruptions_allowed: i32,
    #[serde(default)]
    pub current_healthy: i32,
    #[serde(default)]
    pub desired_healthy: i32,
    #[serde(default)]
    pub expected_pods: i32,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub conditions: Vec<Condition>,
}

/// `metav1.Condition`: unlike the older condition types, `message` and `lastTransitionTime`
/// are always written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Condition {
    #[serde(rename = "type")]
    pub type_: String,
    pub status: String,
    #[serde(default, skip_serializing_if = "crate::engine::api::meta::is_zero_i64")]
    pub observed_generation: i64,
    pub last_transition_time: Option<Time>,
    pub reason: String,
    #[serde(default)]
    pub message: String,
}

/// The condition the controller keeps (`policy.DisruptionAllowedCondition`) and its reasons.
pub const DISRUPTION_ALLOWED: &str = "DisruptionAllowed";
pub const SUFFICIENT_PODS: &str = "SufficientPods";
pub const INSUFFICIENT_PODS: &str = "InsufficientPods";
pub const SYNC_FAILED: &str = "SyncFailed";

/// The values `unhealthyPodEvictionPolicy` may take.
pub const UNHEALTHY_POD_EVICTION_POLICIES: [&str; 2] = ["AlwaysAllow", "IfHealthyBudget"];

impl PodDisruptionBudgetStatus {
    /// Mirrors `apimeta.SetStatusCondition`: a new condition, or the existing one of that type
    /// with its fields replaced; the transition time moves only when the status changes.
    pub fn set_condition(&mut self, condition: Condition) {
        match self.conditions.iter_mut().find(|c| c.type_ == condition.type_) {
            Some(existing) => {
                if existing.status != condition.status {
                    existing.status = condition.status;
                    existing.last_transition_time = condition.last_transition_time;
                }
                existing.reason = condition.reason;
                existing.message = condition.message;
                existing.observed_generation = condition.observed_generation;
            }
            None => self.conditions.push(condition),
        }
    }

    /// Mirrors `pdbhelper.UpdateDisruptionAllowedCondition`: True/SufficientPods while a
    /// disruption is allowed, False/InsufficientPods otherwise.
    pub fn update_disruption_allowed(&mut self, now: Time) {
        let (status, reason) = if self.disruptions_allowed > 0 { ("True", SUFFICIENT_PODS) } else { ("False", INSUFFICIENT_PODS) };
        let observed_generation = self.observed_generation;
        self.set_condition(Condition {
            type_: DISRUPTION_ALLOWED.into(),
            status: status.into(),
            observed_generation,
            last_transition_time: Some(now),
            reason: reason.into(),
            message: String::new(),
        });
    }

    /// Mirrors `pdbhelper.ConditionsAreUpToDate`.
    pub fn conditions_up_to_date(&self, generation: i64) -> bool {
        let Some(condition) = self.conditions.iter().find(|c| c.type_ == DISRUPTION_ALLOWED) else { return false };
        if self.observed_generation != generation {
            return false;
        }
        if self.disruptions_allowed > 0 {
            condition.status == "True" && condition.reason == SUFFICIENT_PODS
        } else {
            condition.status == "False" && condition.reason == INSUFFICIENT_PODS
        }
    }
}
