//! A Job's `podFailurePolicy`: which failed pods fail the Job at once, which are not counted
//! against `backoffLimit`, and which count as usual.
//!
//! Mirrors `pkg/controller/job/pod_failure_policy.go` of v1.32: `matchPodFailurePolicy`,
//! `matchOnExitCodes`, `getMatchingContainerFromList`, `isOnExitCodesOperatorMatching`,
//! `matchOnPodConditions`; and `getFailJobMessage` of `job_controller.go`. The policy is kept in
//! the Job as given (a JSON value); it is read here when a pod has failed.

use serde::Deserialize;

use crate::engine::api::job::Job;
use crate::engine::api::pod::{ContainerStatus, Pod};

/// `batchv1.PodFailurePolicy`, read once per Job sync.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Policy {
    #[serde(default)]
    rules: Vec<Rule>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    #[serde(default)]
    action: String,
    #[serde(default)]
    on_exit_codes: Option<OnExitCodes>,
    #[serde(default)]
    on_pod_conditions: Option<Vec<ConditionPattern>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct OnExitCodes {
    #[serde(default)]
    container_name: Option<String>,
    #[serde(default)]
    operator: String,
    #[serde(default)]
    values: Vec<i32>,
}

#[derive(Debug, Deserialize)]
struct ConditionPattern {
    #[serde(rename = "type", default)]
    type_: String,
    /// Defaulted to "True" by the apiserver (`SetDefaults_PodFailurePolicyOnPodConditionsPattern`).
    #[serde(default = "condition_true")]
    status: String,
}

fn condition_true() -> String {
    "True".to_string()
}

/// What a policy makes of a failed pod: `matchPodFailurePolicy`'s three results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Set when a FailJob rule matched: the Job's failure message.
    pub fail_job: Option<String>,
    /// Whether the failure counts against `backoffLimit` (false for Ignore).
    pub count_failed: bool,
    /// The action of the rule that matched, if any.
    pub action: Option<&'static str>,
}

impl Verdict {
    const NO_MATCH: Verdict = Verdict { fail_job: None, count_failed: true, action: None };
}

impl Policy {
    /// The Job's policy, if it has one.
    pub fn of(job: &Job) -> Option<Policy> {
        job.spec.pod_failure_policy.as_ref().map(|value| Policy::deserialize(value).unwrap_or_default())
    }

    /// `matchPodFailurePolicy`: the first rule that matches the failed pod decides; rules with an
    /// action kubeplay does not know (FailIndex needs backoffLimitPerIndex) are passed over.
    pub fn verdict(&self, pod: &Pod) -> Verdict {
        for (index, rule) in self.rules.iter().enumerate() {
            let matched = if let Some(requirement) = &rule.on_exit_codes {
                match_on_exit_codes(pod, requirement).map(|status| {
                    let code = status.state.terminated.as_ref().map_or(0, |t| t.exit_code);
                    format!("Container {} for pod {}/{} failed with exit code {code} matching {} rule at index {index}", status.name, pod.metadata.ns(), pod.metadata.name, rule.action)
                })
            } else if let Some(patterns) = &rule.on_pod_conditions {
                match_on_pod_conditions(pod, patterns).map(|condition| format!("Pod {}/{} has condition {condition} matching {} rule at index {index}", pod.metadata.ns(), pod.metadata.name, rule.action))
            } else {
                None
            };
            let Some(message) = matched else { continue };
            match rule.action.as_str() {
                "Ignore" => return Verdict { fail_job: None, count_failed: false, action: Some("Ignore") },
                "Count" => return Verdict { fail_job: None, count_failed: true, action: Some("Count") },
                "FailJob" => return Verdict { fail_job: Some(message), count_failed: true, action: Some("FailJob") },
                _ => {}
            }
        }
        Verdict::NO_MATCH
    }

    /// `getFailJobMessage`: the message of the first failed pod (in the order given) a FailJob
    /// rule matches.
    pub fn fail_job_message<'a>(&self, failed_pods: impl IntoIterator<Item = &'a Pod>) -> Option<String> {
        failed_pods.into_iter().find_map(|pod| self.verdict(pod).fail_job)
    }
}

/// Whether a failed pod counts against `backoffLimit` (`nonIgnoredFailedPodsCount`): always
/// without a policy, else unless an Ignore rule matches it.
pub fn counts(policy: Option<&Policy>, pod: &Pod) -> bool {
    policy.is_none_or(|policy| policy.verdict(pod).count_failed)
}

/// `matchOnExitCodes`: a terminated, non-zero app container first, then an init container.
fn match_on_exit_codes<'a>(pod: &'a Pod, requirement: &OnExitCodes) -> Option<&'a ContainerStatus> {
    let matching = |statuses: &'a [ContainerStatus]| {
        statuses.iter().find(|status| {
            let Some(terminated) = &status.state.terminated else { return false };
            requirement.container_name.as_deref().is_none_or(|name| name == &*status.name)
                && terminated.exit_code != 0
                && match requirement.operator.as_str() {
                    "In" => requirement.values.contains(&terminated.exit_code),
                    "NotIn" => !requirement.values.contains(&terminated.exit_code),
                    _ => false,
                }
        })
    };
    matching(&pod.status.container_statuses).or_else(|| matching(&pod.status.init_container_statuses))
}

/// `matchOnPodConditions`: the first of the pod's conditions that a pattern names, with its status.
fn match_on_pod_conditions<'a>(pod: &'a Pod, patterns: &[ConditionPattern]) -> Option<&'a str> {
    pod.status.conditions.iter().find(|condition| patterns.iter().any(|p| *p.type_ == *condition.type_ && *p.status == *condition.status)).map(|condition| &*condition.type_)
}

/// The apiserver's defaulting of a policy: each `onPodConditions` pattern's status is "True"
/// when unset.
pub fn default_policy(policy: &mut serde_json::Value) {
    let Some(rules) = policy.get_mut("rules").and_then(|r| r.as_array_mut()) else { return };
    for rule in rules {
        let Some(patterns) = rule.get_mut("onPodConditions").and_then(|p| p.as_array_mut()) else { continue };
        for pattern in patterns.iter_mut().filter_map(|p| p.as_object_mut()) {
            pattern.entry("status").or_insert_with(|| serde_json::Value::String("True".into()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::api::pod::{ContainerState, PodCondition, StateTerminated};

    fn job(policy: serde_json::Value) -> Job {
        let mut job = Job::default();
        job.spec.pod_failure_policy = Some(policy);
        job
    }

    fn failed_pod(containers: &[(&str, i32)], conditions: &[(&str, &str)]) -> Pod {
        let mut pod = Pod::default();
        pod.metadata.name = "pi-abcde".into();
        pod.metadata.namespace = Some("default".into());
        for (name, code) in containers {
            pod.status.container_statuses.push(ContainerStatus {
                name: (*name).into(),
                state: ContainerState { terminated: Some(Box::new(StateTerminated { exit_code: *code, ..Default::default() })), ..Default::default() },
                ..Default::default()
            });
        }
        for (type_, status) in conditions {
            pod.status.conditions.push(PodCondition { type_: (*type_).into(), status: (*status).into(), ..Default::default() });
        }
        pod
    }

    fn kubernetes_io_example() -> serde_json::Value {
        // job-pod-failure-policy-example.yaml, its onPodConditions status defaulted.
        let mut policy = serde_json::json!({"rules": [
            {"action": "FailJob", "onExitCodes": {"containerName": "main", "operator": "In", "values": [42]}},
            {"action": "Ignore", "onPodConditions": [{"type": "DisruptionTarget"}]},
        ]});
        default_policy(&mut policy);
        policy
    }

    #[test]
    fn rules_match_in_order_as_match_pod_failure_policy_does() {
        let policy = Policy::of(&job(kubernetes_io_example())).unwrap();
        let cases: &[(&[(&str, i32)], &[(&str, &str)], Verdict)] = &[
            (&[("main", 42)], &[], Verdict { fail_job: Some("Container main for pod default/pi-abcde failed with exit code 42 matching FailJob rule at index 0".into()), count_failed: true, action: Some("FailJob") }),
            // Another exit code: no rule, counted.
            (&[("main", 1)], &[], Verdict::NO_MATCH),
            // Another container's 42: the rule names main.
            (&[("sidecar", 42), ("main", 1)], &[], Verdict::NO_MATCH),
            // Evicted (DisruptionTarget True): ignored, not counted.
            (&[("main", 137)], &[("DisruptionTarget", "True")], Verdict { fail_job: None, count_failed: false, action: Some("Ignore") }),
            // The condition's status must match the pattern's (defaulted True).
            (&[("main", 137)], &[("DisruptionTarget", "False")], Verdict::NO_MATCH),
            // The exit-code rule comes first.
            (&[("main", 42)], &[("DisruptionTarget", "True")], Verdict { fail_job: Some("Container main for pod default/pi-abcde failed with exit code 42 matching FailJob rule at index 0".into()), count_failed: true, action: Some("FailJob") }),
        ];
        for (containers, conditions, want) in cases {
            assert_eq!(&policy.verdict(&failed_pod(containers, conditions)), want, "{containers:?} {conditions:?}");
        }
    }

    #[test]
    fn not_in_skips_zero_and_the_listed_codes() {
        let policy = Policy::of(&job(serde_json::json!({"rules": [{"action": "Count", "onExitCodes": {"operator": "NotIn", "values": [1, 2]}}, {"action": "FailJob", "onExitCodes": {"operator": "In", "values": [1]}}]}))).unwrap();
        let cases = [(1, Some("FailJob")), (3, Some("Count")), (0, None)];
        for (code, action) in cases {
            assert_eq!(policy.verdict(&failed_pod(&[("main", code)], &[])).action, action, "exit {code}");
        }
        let on_condition = Policy::of(&job(serde_json::json!({"rules": [{"action": "FailJob", "onPodConditions": [{"type": "ConfigIssue", "status": "True"}]}]}))).unwrap();
        assert_eq!(on_condition.verdict(&failed_pod(&[("main", 1)], &[("ConfigIssue", "True")])).fail_job.as_deref(), Some("Pod default/pi-abcde has condition ConfigIssue matching FailJob rule at index 0"));
    }
}
