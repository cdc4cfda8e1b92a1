//! Jobs (batch/v1): spec, status and conditions.

use serde::{Deserialize, Serialize};

use crate::engine::api::meta::{null_as_default, ObjectMeta};
use crate::engine::api::pod::PodTemplateSpec;
use crate::engine::api::selector::LabelSelector;
use crate::engine::clock::Time;

/// The finalizer the Job controller puts on its pods until it has counted them
/// (`batch.JobTrackingFinalizer`).
pub const JOB_TRACKING_FINALIZER: &str = "batch.kubernetes.io/job-tracking";
/// The labels `generateSelector` adds to the template (`batch.ControllerUidLabel`, `batch.JobNameLabel`).
pub const CONTROLLER_UID_LABEL: &str = "batch.kubernetes.io/controller-uid";
pub const JOB_NAME_LABEL: &str = "batch.kubernetes.io/job-name";
/// The labels older clusters used, still added next to the prefixed ones.
pub const LEGACY_CONTROLLER_UID_LABEL: &str = "controller-uid";
pub const LEGACY_JOB_NAME_LABEL: &str = "job-name";

/// `batchv1.Job`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Job {
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: JobSpec,
    #[serde(default)]
    pub status: JobStatus,
}

/// `batchv1.JobSpec`. The pod failure policy is kept as given and read by the Job controller
/// (`controllers::pod_failure_policy`); a success policy is kept but not simulated.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JobSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parallelism: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completions: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_deadline_seconds: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod_failure_policy: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_policy: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backoff_limit: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backoff_limit_per_index: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_failed_indexes: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<LabelSelector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manual_selector: Option<bool>,
    #[serde(default)]
    pub template: PodTemplateSpec,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttl_seconds_after_finished: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion_mode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suspend: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod_replacement_policy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managed_by: Option<String>,
}

/// `batchv1.JobStatus`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JobStatus {
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub conditions: Vec<JobCondition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completion_time: Option<Time>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub active: i32,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub succeeded: i32,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub failed: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminating: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_indexes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_indexes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncounted_terminated_pods: Option<UncountedTerminatedPods>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready: Option<i32>,
}

/// `batchv1.UncountedTerminatedPods`: pods that finished but are not in the counters yet.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UncountedTerminatedPods {
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub succeeded: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_default")]
    pub failed: Vec<String>,
}

/// `batchv1.JobCondition`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JobCondition {
    #[serde(rename = "type")]
    pub type_: String,
    pub status: String,
    #[serde(default)]
    pub last_probe_time: Option<Time>,
    #[serde(default)]
    pub last_transition_time: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

fn is_zero(value: &i32) -> bool {
    *value == 0
}

impl Job {
    /// The condition of this type with status True, if any (`hasJobCondition` in printers.go).
    pub fn has_condition(&self, type_: &str) -> bool {
        self.status.conditions.iter().any(|c| c.type_ == type_ && c.status == "True")
    }

    /// Complete or Failed (`util.IsJobFinished`).
    pub fn is_finished(&self) -> bool {
        self.has_condition("Complete") || self.has_condition("Failed")
    }

    pub fn is_suspended(&self) -> bool {
        self.spec.suspend == Some(true)
    }

    pub fn backoff_limit(&self) -> i32 {
        self.spec.backoff_limit.unwrap_or(6)
    }

    pub fn parallelism(&self) -> i32 {
        self.spec.parallelism.unwrap_or(1)
    }

    /// The STATUS column of `kubectl get jobs`: mirrors the status switch of `printJob`
    /// (pkg/printers/internalversion/printers.go).
    pub fn status_word(&self) -> &'static str {
        if self.has_condition("Complete") {
            "Complete"
        } else if self.has_condition("Failed") {
            "Failed"
        } else if self.metadata.is_deleting() {
            "Terminating"
        } else if self.has_condition("Suspended") {
            "Suspended"
        } else if self.has_condition("FailureTarget") {
            "FailureTarget"
        } else {
            "Running"
        }
    }

    /// The COMPLETIONS column: `1/1`, or `0/1 of 3` without completions and with parallelism > 1.
    pub fn completions_text(&self) -> String {
        match self.spec.completions {
            Some(completions) => format!("{}/{completions}", self.status.succeeded),
            None if self.parallelism() > 1 => format!("{}/1 of {}", self.status.succeeded, self.parallelism()),
            None => format!("{}/1", self.status.succeeded),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(completions: Option<i32>, parallelism: Option<i32>, succeeded: i32, conditions: &[&str]) -> Job {
        let mut job = Job::default();
        job.spec.completions = completions;
        job.spec.parallelism = parallelism;
        job.status.succeeded = succeeded;
        job.status.conditions = conditions.iter().map(|t| JobCondition { type_: t.to_string(), status: "True".into(), ..Default::default() }).collect();
        job
    }

    #[test]
    fn completions_column_as_print_job_writes_it() {
        for (completions, parallelism, succeeded, want) in [
            (Some(1), Some(1), 0, "0/1"),
            (Some(3), Some(2), 2, "2/3"),
            (None, Some(1), 0, "0/1"),
            (None, Some(4), 1, "1/1 of 4"),
            (None, None, 0, "0/1"),
        ] {
            assert_eq!(job(completions, parallelism, succeeded, &[]).completions_text(), want);
        }
    }

    #[test]
    fn status_column_takes_the_first_matching_condition() {
        for (conditions, want) in [
            (&[][..], "Running"),
            (&["SuccessCriteriaMet"][..], "Running"),
            (&["SuccessCriteriaMet", "Complete"][..], "Complete"),
            (&["FailureTarget"][..], "FailureTarget"),
            (&["FailureTarget", "Failed"][..], "Failed"),
            (&["Suspended"][..], "Suspended"),
        ] {
            assert_eq!(job(Some(1), Some(1), 0, conditions).status_word(), want, "{conditions:?}");
        }
        let mut deleting = job(Some(1), Some(1), 0, &["Suspended"]);
        deleting.metadata.deletion_timestamp = Some(Time(1));
        assert_eq!(deleting.status_word(), "Terminating");
    }
}
