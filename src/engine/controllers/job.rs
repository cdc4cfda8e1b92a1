//! The Job controller: runs a Job's pods to completion, counts them into its status, and marks
//! it Complete or Failed.
//!
//! Mirrors `pkg/controller/job/job_controller.go` of v1.32 (with the JobPodReplacementPolicy,
//! JobSuccessPolicy and PodIndexLabel gates on, as in 1.32): `syncJob`, `manageJob`,
//! `trackJobStatusAndRemoveFinalizers`, `enactJobFinished`, the pod failure back-off,
//! `pastActiveDeadline`, the Suspended condition; Indexed Jobs (`completionMode: Indexed`) give
//! each pod a completion index (`job_indexes`) and count succeeded indexes. The informers'
//! expectations are not needed: a sync here always sees the store as it is. A
//! `podFailurePolicy` fails the Job at once (FailJob) or leaves a failure uncounted (Ignore),
//! as `pod_failure_policy` decides; success policies and `backoffLimitPerIndex` are stored but
//! not acted on.

use std::rc::Rc;

use crate::engine::api::job::{Job, JobCondition, UncountedTerminatedPods, JOB_TRACKING_FINALIZER};
use crate::engine::controllers::job_indexes::{index_of, Intervals, COMPLETION_INDEX};
use crate::engine::controllers::pod_failure_policy::{self, Policy};
use crate::engine::api::meta::{ObjectMeta, OwnerReference};
use crate::engine::api::pod::Pod;
use crate::engine::apiserver::{self, Propagation};
use crate::engine::clock::Time;
use crate::engine::events::{record, Involved};
use crate::engine::queue::QueueName;
use crate::engine::store::{Key, KeyRef, Kind};
use crate::engine::Cluster;
use crate::order::SharedSort;

const COMPONENT: &str = "job-controller";
/// `syncJobBatchPeriod`: pod events reach a Job's queue this much later, batched.
const SYNC_JOB_BATCH_MILLIS: u64 = 1000;
/// `MaxPodCreateDeletePerSync`: at most this many pods are created or deleted in one sync.
const MAX_POD_CREATE_DELETE_PER_SYNC: i32 = 500;
/// The longest a delayed sync waits (a deadline years away is looked at again then).
const MAX_WAIT_SECONDS: i64 = 365 * 24 * 3600;
/// `DefaultJobPodFailureBackOff` and `MaxJobPodFailureBackOff`.
const POD_FAILURE_BACKOFF_SECONDS: i64 = 10;
const MAX_POD_FAILURE_BACKOFF_SECONDS: i64 = 600;

/// A Job was added, changed or removed: sync it now (`addJob`, `updateJob`,
/// `enqueueSyncJobImmediately`).
pub fn observe_job(cluster: &mut Cluster, job: &Job) {
    cluster.job_queue.add_ref(KeyRef::of(&job.metadata, true));
}

/// A pod changed: its Job syncs a second later (`addPod`/`updatePod`/`deletePod` with
/// `enqueueSyncJobBatched`). Pods whose Job is gone lose the tracking finalizer (the orphan
/// worker's `handleOrphanPod`).
pub fn observe_pod(cluster: &mut Cluster, old: Option<&Rc<Pod>>, new: Option<&Rc<Pod>>) {
    for pod in [old, new].into_iter().flatten() {
        let Some(owner) = pod.metadata.controller_ref().filter(|o| o.kind == "Job") else { continue };
        let job = cluster.store.get_ref::<Job>(KeyRef(pod.metadata.ns(), &owner.name)).filter(|j| j.metadata.uid == owner.uid);
        match job {
            Some(job) => {
                let key = Key::of(&job.metadata, true);
                cluster.enqueue_after(QueueName::Job, key, SYNC_JOB_BATCH_MILLIS);
            }
            None if new.is_some_and(|p| Rc::ptr_eq(p, pod)) && has_tracking_finalizer(pod) => {
                remove_tracking_finalizer(cluster, pod);
            }
            None => {}
        }
    }
}

fn has_tracking_finalizer(pod: &Pod) -> bool {
    pod.metadata.finalizers.iter().any(|f| f == JOB_TRACKING_FINALIZER)
}

/// `removeTrackingFinalizerPatch`. Returns whether the pod is now without it (or gone).
fn remove_tracking_finalizer(cluster: &mut Cluster, pod: &Pod) -> bool {
    let Some(current) = cluster.store.get_ref::<Pod>(KeyRef::of(&pod.metadata, true)) else { return true };
    if !has_tracking_finalizer(&current) {
        return true;
    }
    let mut patched = (*current).clone();
    patched.metadata.finalizers.retain(|f| f != JOB_TRACKING_FINALIZER);
    patched.metadata.resource_version.clear();
    cluster.store.update(patched).is_ok()
}

/// `isPodFailed` with podReplacementPolicy TerminatingOrFailed and no podFailurePolicy: Failed,
/// or deleted before it succeeded.
fn is_pod_failed(pod: &Pod, job: &Job) -> bool {
    if pod.phase() == "Failed" {
        return true;
    }
    if job.spec.pod_failure_policy.is_some() || job.spec.pod_replacement_policy.as_deref() == Some("Failed") {
        return false;
    }
    pod.metadata.is_deleting() && pod.phase() != "Succeeded"
}

/// `controller.CountTerminatingPods`: deleted, not yet finished.
fn is_terminating(pod: &Pod) -> bool {
    pod.metadata.is_deleting() && pod.phase() != "Failed" && pod.phase() != "Succeeded"
}

fn new_condition(type_: &str, reason: &str, message: &str, now: Time) -> JobCondition {
    JobCondition {
        type_: type_.to_string(),
        status: "True".to_string(),
        last_probe_time: Some(now),
        last_transition_time: Some(now),
        reason: (!reason.is_empty()).then(|| reason.to_string()),
        message: (!message.is_empty()).then(|| message.to_string()),
    }
}

/// `ensureJobConditionStatus` for a True condition: appended when missing, updated when its
/// status differs.
fn ensure_condition(conditions: &mut Vec<JobCondition>, condition: &JobCondition) {
    match conditions.iter_mut().find(|c| c.type_ == condition.type_) {
        Some(existing) if existing.status != condition.status => *existing = condition.clone(),
        Some(_) => {}
        None => conditions.push(condition.clone()),
    }
}

/// When the pod finished: its last container's `finishedAt`, else its deletion time
/// (`getFinishedTime`).
fn finished_time(pod: &Pod, now: Time) -> Time {
    pod.status
        .container_statuses
        .iter()
        .filter_map(|s| s.state.terminated.as_ref().and_then(|t| t.finished_at))
        .max()
        .or(pod.metadata.deletion_timestamp)
        .unwrap_or(now)
}

/// Seconds to wait before the next pod may be created after failures: 10 s doubled per failure
/// since the last success, at most 10 min, counted from the last failure
/// (`backoffRecord.getRemainingTime`, `getRemainingTimeForFailuresCount`). The record is derived
/// from the pods, which this simulation keeps until the Job is deleted.
fn remaining_backoff(job: &Job, pods: &[Rc<Pod>], now: Time) -> i64 {
    let last_success = pods.iter().filter(|p| p.phase() == "Succeeded").map(|p| finished_time(p, now)).max();
    let failures: Vec<Time> = pods.iter().filter(|p| is_pod_failed(p, job)).map(|p| finished_time(p, now)).filter(|t| last_success.is_none_or(|s| *t > s)).collect();
    let Some(last_failure) = failures.iter().max().copied() else { return 0 };
    let mut backoff = POD_FAILURE_BACKOFF_SECONDS;
    for _ in 1..failures.len() {
        backoff *= 2;
        if backoff >= MAX_POD_FAILURE_BACKOFF_SECONDS {
            backoff = MAX_POD_FAILURE_BACKOFF_SECONDS;
            break;
        }
    }
    let elapsed = now.0 - last_failure.0;
    if backoff < elapsed {
        0
    } else {
        backoff - elapsed
    }
}

/// `pastBackoffLimitOnFailure`: with restartPolicy OnFailure, the restarts of running and
/// pending pods reach the backoff limit.
fn past_backoff_limit_on_failure(job: &Job, pods: &[Rc<Pod>]) -> bool {
    if job.spec.template.spec.restart_policy.as_deref() != Some("OnFailure") {
        return false;
    }
    let restarts: i32 = pods.iter().filter(|p| p.phase() == "Running" || p.phase() == "Pending").flat_map(|p| p.status.container_statuses.iter().map(|s| s.restart_count)).sum();
    if job.backoff_limit() == 0 {
        restarts > 0
    } else {
        restarts >= job.backoff_limit()
    }
}

/// The pods this Job controls, in name order (`getPodsForJob`; kubeplay does not adopt orphans).
fn pods_of(cluster: &Cluster, job: &Job) -> Vec<Rc<Pod>> {
    cluster.store.pods_owned_by(&job.metadata.uid)
}

/// What `syncJob` carries between its steps (`syncJobCtx`).
struct SyncContext {
    pods: Vec<Rc<Pod>>,
    finished_condition: Option<JobCondition>,
    succeeded: i32,
    /// An Indexed Job's succeeded indexes: as its status had them, and with the pods that
    /// succeeded since (`calculateSucceededIndexes`).
    previous_indexes: Intervals,
    succeeded_indexes: Intervals,
    terminating: i32,
    ready: i32,
    /// The Job's podFailurePolicy, read once for the sync.
    failure_policy: Option<Policy>,
}

/// Mirrors `syncJob`: count finished pods, decide whether the Job succeeded or failed, create
/// or delete pods (`manageJob`), then track the status (`trackJobStatusAndRemoveFinalizers`).
#[inline(never)]
pub fn sync(cluster: &mut Cluster, key: &Key) {
    let Some(shared) = cluster.store.get::<Job>(key) else { return };
    if shared.is_finished() {
        // The TTL-after-finished controller watches the same Jobs.
        crate::engine::controllers::ttl_after_finished::process(cluster, &shared);
        return;
    }
    if shared.spec.completion_mode.as_deref().is_some_and(|m| m != "NonIndexed" && m != "Indexed") {
        record(cluster, &Involved::of(Kind::Job, &shared.metadata), "Warning", "UnknownCompletionMode", "Skipped Job sync because completion mode is unknown", COMPONENT, "");
        return;
    }
    let mut job = (*shared).clone();
    let now = cluster.time();
    let uncounted = job.status.uncounted_terminated_pods.clone().unwrap_or_default();
    job.status.uncounted_terminated_pods = Some(uncounted.clone());
    let pods = pods_of(cluster, &job);
    let active_pods: Vec<Rc<Pod>> = pods.iter().filter(|p| p.is_active()).cloned().collect();
    let mut ctx = SyncContext {
        ready: active_pods.iter().filter(|p| p.is_ready()).count() as i32,
        terminating: pods.iter().filter(|p| is_terminating(p)).count() as i32,
        pods,
        finished_condition: None,
        succeeded: 0,
        previous_indexes: Intervals::default(),
        succeeded_indexes: Intervals::default(),
        failure_policy: Policy::of(&job),
    };
    let mut active = active_pods.len() as i32;
    // `getNewFinishedPods`: finished pods still carrying the finalizer and not yet listed as uncounted.
    let new_succeeded = ctx.pods.iter().filter(|p| has_tracking_finalizer(p) && !uncounted.succeeded.iter().any(|u| *u == p.metadata.uid) && p.phase() == "Succeeded").count() as i32;
    // `nonIgnoredFailedPodsCount`: a failure the pod failure policy ignores is not counted.
    let new_failed = ctx.pods.iter().filter(|p| has_tracking_finalizer(p) && !uncounted.failed.iter().any(|u| *u == p.metadata.uid) && is_pod_failed(p, &job) && pod_failure_policy::counts(ctx.failure_policy.as_ref(), p)).count() as i32;
    ctx.succeeded = job.status.succeeded + new_succeeded + uncounted.succeeded.len() as i32;
    let failed = job.status.failed + new_failed + uncounted.failed.len() as i32;

    // Job first start. Set StartTime only if the job is not in the suspended state.
    if job.status.start_time.is_none() && !job.is_suspended() {
        job.status.start_time = Some(now);
    }

    ctx.finished_condition = job.status.conditions.iter().find(|c| c.type_ == "SuccessCriteriaMet" && c.status == "True").cloned();
    if ctx.finished_condition.is_none() {
        let fail_job_message = || ctx.failure_policy.as_ref()?.fail_job_message(ctx.pods.iter().filter(|p| is_pod_failed(p, &job)).map(|p| &**p));
        if let Some(target) = job.status.conditions.iter().find(|c| c.type_ == "FailureTarget" && c.status == "True") {
            ctx.finished_condition = Some(new_condition("Failed", target.reason.as_deref().unwrap_or(""), target.message.as_deref().unwrap_or(""), now));
        } else if let Some(message) = fail_job_message() {
            // The interim FailureTarget records the message before the pods' finalizers go.
            ctx.finished_condition = Some(new_condition("FailureTarget", "PodFailurePolicy", &message, now));
        } else if failed > job.backoff_limit() || past_backoff_limit_on_failure(&job, &ctx.pods) {
            // `newFailureCondition` with the terminal condition delayed (1.32): FailureTarget first.
            ctx.finished_condition = Some(new_condition("FailureTarget", "BackoffLimitExceeded", "Job has reached the specified backoff limit", now));
        } else if let (Some(deadline), Some(start), false) = (job.spec.active_deadline_seconds, job.status.start_time, job.is_suspended()) {
            // `pastActiveDeadline`, else a sync when the deadline comes.
            let left = start.0.saturating_add(deadline).saturating_sub(now.0);
            if left <= 0 {
                ctx.finished_condition = Some(new_condition("FailureTarget", "DeadlineExceeded", "Job was active longer than specified deadline", now));
            } else {
                cluster.enqueue_after(QueueName::Job, key.clone(), left.min(MAX_WAIT_SECONDS) as u64 * 1000);
            }
        }
    }

    if let (true, Some(completions)) = (is_indexed(&job), job.spec.completions) {
        let completions = completions.max(0) as usize;
        ctx.previous_indexes = Intervals::parse(job.status.completed_indexes.as_deref().unwrap_or(""), completions);
        let mut new: Vec<usize> = ctx.pods.iter().filter(|p| p.phase() == "Succeeded" && has_tracking_finalizer(p)).filter_map(|p| index_of(p)).filter(|ix| *ix < completions).collect();
        new.sort_unstable();
        new.dedup();
        ctx.succeeded_indexes = ctx.previous_indexes.with(&new);
        ctx.succeeded = ctx.succeeded_indexes.total() as i32;
    }

    if ctx.finished_condition.is_some() {
        // `deleteActivePods`: the Job is done, its running pods go (finalizers stay until counted).
        let mut deleted_ready = 0;
        for pod in &active_pods {
            if apiserver::delete_object(cluster, Kind::Pod, &Key::of(&pod.metadata, true), Propagation::Background, None).is_ok() {
                active -= 1;
                ctx.terminating += 1;
                if pod.is_ready() {
                    deleted_ready += 1;
                }
            }
        }
        ctx.ready -= deleted_ready;
        // The pods' new state (deleted, finished) is read again for the tracking below.
        ctx.pods = pods_of(cluster, &job);
    } else {
        let manage_called = job.metadata.deletion_timestamp.is_none();
        if manage_called {
            active = manage_job(cluster, &job, &mut ctx, &active_pods);
        }
        let complete = match job.spec.completions {
            // Any success completes a Job without completions, once nothing runs.
            None => ctx.succeeded > 0 && active == 0,
            Some(completions) => ctx.succeeded >= completions && active == 0,
        };
        if complete {
            // `newSuccessCondition` with the terminal condition delayed: SuccessCriteriaMet first.
            ctx.finished_condition = Some(new_condition("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods", now));
        } else if manage_called {
            update_suspended_condition(cluster, &mut job, now);
        }
    }

    let suspend_changed = job.status.conditions != shared.status.conditions;
    let needs_update = suspend_changed || active != job.status.active || job.status.ready != Some(ctx.ready) || job.status.terminating != Some(ctx.terminating);
    job.status.active = active;
    job.status.ready = Some(ctx.ready);
    job.status.terminating = Some(ctx.terminating);
    track_status_and_remove_finalizers(cluster, job, &mut ctx, needs_update);
}

/// The Suspended condition as `syncJob` keeps it: True with `JobSuspended` while suspended,
/// False with `JobResumed` after (and a new startTime), each change with its event.
fn update_suspended_condition(cluster: &mut Cluster, job: &mut Job, now: Time) {
    let current = job.status.conditions.iter().position(|c| c.type_ == "Suspended");
    let involved = Involved::of(Kind::Job, &job.metadata);
    if job.is_suspended() {
        let condition = new_condition("Suspended", "JobSuspended", "Job suspended", now);
        match current {
            Some(index) if job.status.conditions[index].status == "True" => return,
            Some(index) => job.status.conditions[index] = condition,
            None => job.status.conditions.push(condition),
        }
        record(cluster, &involved, "Normal", "Suspended", "Job suspended", COMPONENT, "");
    } else if let Some(index) = current.filter(|i| job.status.conditions[*i].status == "True") {
        let mut condition = new_condition("Suspended", "JobResumed", "Job resumed", now);
        condition.status = "False".into();
        job.status.conditions[index] = condition;
        job.status.start_time = Some(now);
        record(cluster, &involved, "Normal", "Resumed", "Job resumed", COMPONENT, "");
    }
}

/// Mirrors `manageJob` for NonIndexed Jobs: delete pods above the wanted count, or create up to
/// it (parallelism, capped by the completions left), after the failure back-off. Returns the
/// number of active pods.
fn manage_job(cluster: &mut Cluster, job: &Job, ctx: &mut SyncContext, active_pods: &[Rc<Pod>]) -> i32 {
    let mut active = active_pods.len() as i32;
    let parallelism = job.parallelism();
    let key = Key::of(&job.metadata, true);
    let involved = Involved::of(Kind::Job, &job.metadata);
    if job.is_suspended() {
        for pod in active_pods {
            if delete_job_pod(cluster, pod) {
                active -= 1;
                ctx.terminating += 1;
                if pod.is_ready() {
                    ctx.ready -= 1;
                }
            }
        }
        return active;
    }
    let want_active = match job.spec.completions {
        None if ctx.succeeded > 0 => active,
        None => parallelism,
        Some(completions) => (completions - ctx.succeeded).min(parallelism).max(0),
    };
    let remove = (active - want_active).clamp(0, MAX_POD_CREATE_DELETE_PER_SYNC) as usize;
    if remove > 0 {
        // `activePodsForRemoval`: not ready before ready, unscheduled before scheduled, pending before running.
        let mut candidates: Vec<&Rc<Pod>> = active_pods.iter().collect();
        candidates.shared_sort_by_key(|p| (p.is_ready(), p.spec.node_name.is_some(), p.phase() == "Running"));
        for pod in candidates.into_iter().take(remove) {
            if delete_job_pod(cluster, pod) {
                active -= 1;
                ctx.terminating += 1;
                if pod.is_ready() {
                    ctx.ready -= 1;
                }
            }
        }
        return active;
    }
    // With podReplacementPolicy Failed, terminating pods still count against the wanted number.
    let terminating = if job.spec.pod_replacement_policy.as_deref() == Some("Failed") { ctx.terminating } else { 0 };
    let diff = (want_active - terminating - active).min(MAX_POD_CREATE_DELETE_PER_SYNC);
    if diff <= 0 {
        return active;
    }
    let remaining = remaining_backoff(job, &ctx.pods, cluster.time());
    if remaining > 0 {
        cluster.enqueue_after(QueueName::Job, key, remaining as u64 * 1000);
        return 0;
    }
    // An Indexed Job's pods take the lowest indexes neither succeeded nor running.
    let indexes: Vec<Option<usize>> = match (is_indexed(job), job.spec.completions) {
        (true, Some(completions)) => {
            let active_indexes: Vec<usize> = active_pods.iter().filter_map(|p| index_of(p)).collect();
            ctx.succeeded_indexes.first_pending(&active_indexes, diff as usize, completions.max(0) as usize).into_iter().map(Some).collect()
        }
        _ => vec![None; diff as usize],
    };
    for index in indexes {
        match create_pod(cluster, job, index) {
            Ok(pod) => {
                active += 1;
                record(cluster, &involved, "Normal", "SuccessfulCreate", &format!("Created pod: {}", pod.metadata.name), COMPONENT, "");
            }
            Err(error) => {
                record(cluster, &involved, "Warning", "FailedCreate", &format!("Error creating: {}", error.message()), COMPONENT, "");
                break;
            }
        }
    }
    active
}

/// `deleteJobPods`: the tracking finalizer comes off first, then the pod is deleted.
fn delete_job_pod(cluster: &mut Cluster, pod: &Pod) -> bool {
    if !remove_tracking_finalizer(cluster, pod) {
        return false;
    }
    let key = Key::of(&pod.metadata, true);
    apiserver::delete_object(cluster, Kind::Pod, &key, Propagation::Background, None).is_ok()
}

/// `CreatePodsWithGenerateName` from the template, with the tracking finalizer and the Job as
/// controller: `<job>-<5 characters>`. An Indexed Job's pod (`index`) is `<job>-<index>-<5
/// characters>` with the index as annotation and label, `<job>-<index>` as hostname, and
/// `JOB_COMPLETION_INDEX` in every container's environment (from the label), as manageJob and
/// `addCompletionIndexEnvVariables` make it.
fn create_pod(cluster: &mut Cluster, job: &Job, index: Option<usize>) -> Result<Rc<Pod>, crate::engine::error::ApiError> {
    let template = &job.spec.template;
    let mut finalizers = template.metadata.finalizers.clone();
    if !finalizers.iter().any(|f| f == JOB_TRACKING_FINALIZER) {
        finalizers.push(JOB_TRACKING_FINALIZER.to_string());
    }
    let mut spec = template.spec.clone();
    let mut labels = template.metadata.labels.clone();
    let mut annotations = template.metadata.annotations.clone();
    let mut generate_name = format!("{}-", job.metadata.name);
    if is_indexed(job) {
        let env = crate::engine::api::pod::EnvVar {
            name: COMPLETION_INDEX_ENV.to_string(),
            value: None,
            value_from: Some(crate::engine::api::pod::EnvVarSource {
                field_ref: Some(serde_json::json!({"apiVersion": "v1", "fieldPath": format!("metadata.labels['{COMPLETION_INDEX}']")})),
                ..Default::default()
            }),
        };
        for container in spec.init_containers.iter_mut().chain(spec.containers.iter_mut()) {
            if !container.env.iter().any(|e| e.name == COMPLETION_INDEX_ENV) {
                container.env.push(env.clone());
            }
        }
    }
    if let Some(index) = index {
        annotations.insert(COMPLETION_INDEX.to_string(), index.to_string());
        labels.insert(COMPLETION_INDEX.to_string(), index.to_string());
        spec.hostname = Some(format!("{}-{index}", job.metadata.name).into());
        generate_name = format!("{}-{index}-", job.metadata.name);
    }
    let pod = Pod {
        metadata: ObjectMeta {
            generate_name: Some(generate_name.into()),
            namespace: Some(job.metadata.ns_text()),
            labels,
            annotations,
            finalizers,
            owner_references: vec![OwnerReference::controller_of("batch/v1", "Job", &job.metadata)].into(),
            ..Default::default()
        },
        spec: Rc::new(spec),
        status: Default::default(),
    };
    apiserver::create_pod(cluster, pod)
}

/// `completionIndexEnvName`.
const COMPLETION_INDEX_ENV: &str = "JOB_COMPLETION_INDEX";

fn is_indexed(job: &Job) -> bool {
    job.spec.completion_mode.as_deref() == Some("Indexed")
}

/// Mirrors `trackJobStatusAndRemoveFinalizers`, `flushUncountedAndRemoveFinalizers` and
/// `enactJobFinished`: finished pods go to `uncountedTerminatedPods` (written first), lose their
/// finalizer, then move into the counters; the interim condition (SuccessCriteriaMet,
/// FailureTarget) is written before, and the terminal one (Complete, Failed) once nothing is
/// uncounted or terminating.
fn track_status_and_remove_finalizers(cluster: &mut Cluster, mut job: Job, ctx: &mut SyncContext, mut needs_flush: bool) {
    let now = cluster.time();
    let mut uncounted = job.status.uncounted_terminated_pods.take().unwrap_or_default();
    let with_finalizer: Vec<String> = ctx.pods.iter().filter(|p| has_tracking_finalizer(p)).map(|p| p.metadata.uid.to_string()).collect();
    if clean_uncounted(&mut job, &mut uncounted, &with_finalizer) {
        needs_flush = true;
    }
    let mut to_remove: Vec<Rc<Pod>> = Vec::new();
    let indexed = is_indexed(&job);
    let mut new_indexes: Vec<usize> = Vec::new();
    if indexed {
        // Completed indexes come in order.
        ctx.pods.shared_sort_by_key(|p| index_of(p));
    }
    for pod in &ctx.pods {
        if !has_tracking_finalizer(pod) {
            continue;
        }
        let failed = is_pod_failed(pod, &job);
        // `canRemoveFinalizer`.
        if !(job.metadata.is_deleting() || ctx.finished_condition.is_some() || pod.phase() == "Succeeded" || failed) {
            continue;
        }
        to_remove.push(pod.clone());
        let uid = &pod.metadata.uid;
        let completions = job.spec.completions.unwrap_or(0).max(0) as usize;
        if pod.phase() == "Succeeded" && !uncounted.failed.iter().any(|u| u == uid) {
            if indexed {
                // The completion index is enough to avoid counting a pod twice.
                if let Some(index) = index_of(pod).filter(|ix| *ix < completions && !ctx.previous_indexes.has(*ix)) {
                    new_indexes.push(index);
                    needs_flush = true;
                }
            } else if !uncounted.succeeded.iter().any(|u| u == uid) {
                needs_flush = true;
                uncounted.succeeded.push(uid.to_string());
            }
        } else if failed || ctx.finished_condition.as_ref().is_some_and(|c| c.type_ != "SuccessCriteriaMet") {
            let in_range = !indexed || index_of(pod).is_some_and(|ix| ix < completions);
            // A failure the pod failure policy ignores loses its finalizer uncounted.
            if !uncounted.failed.iter().any(|u| u == uid) && in_range && pod_failure_policy::counts(ctx.failure_policy.as_ref(), pod) {
                needs_flush = true;
                uncounted.failed.push(uid.to_string());
            }
        }
    }
    if indexed {
        new_indexes.sort_unstable();
        ctx.succeeded_indexes = ctx.succeeded_indexes.with(&new_indexes);
        let text = ctx.succeeded_indexes.to_string();
        if job.status.completed_indexes.as_deref().unwrap_or("") != text {
            needs_flush = true;
        }
        job.status.succeeded = ctx.succeeded_indexes.total() as i32;
        job.status.completed_indexes = (!text.is_empty()).then_some(text);
    }
    if let Some(condition) = ctx.finished_condition.clone() {
        match condition.type_.as_str() {
            "FailureTarget" => {
                job.status.conditions.push(condition.clone());
                needs_flush = true;
                ctx.finished_condition = Some(new_condition("Failed", condition.reason.as_deref().unwrap_or(""), condition.message.as_deref().unwrap_or(""), now));
            }
            "SuccessCriteriaMet" => {
                if !job.status.conditions.iter().any(|c| c.type_ == "SuccessCriteriaMet" && c.status == "True") {
                    job.status.conditions.push(condition.clone());
                    needs_flush = true;
                }
                ctx.finished_condition = Some(new_condition("Complete", condition.reason.as_deref().unwrap_or(""), condition.message.as_deref().unwrap_or(""), now));
            }
            _ => {}
        }
    }
    // `flushUncountedAndRemoveFinalizers`.
    job.status.uncounted_terminated_pods = Some(uncounted.clone());
    if needs_flush {
        match write_status(cluster, &job) {
            Some(written) => job = written,
            None => return,
        }
        needs_flush = false;
    }
    let mut still_with_finalizer = with_finalizer;
    for pod in &to_remove {
        if remove_tracking_finalizer(cluster, pod) {
            still_with_finalizer.retain(|uid| *uid != pod.metadata.uid);
        }
    }
    if clean_uncounted(&mut job, &mut uncounted, &still_with_finalizer) {
        needs_flush = true;
    }
    job.status.uncounted_terminated_pods = Some(uncounted);
    let finished = enact_job_finished(&mut job, ctx, now);
    if finished || needs_flush {
        if write_status(cluster, &job).is_none() {
            return;
        }
        if finished {
            record_job_finished(cluster, &job, ctx);
        }
    }
}

/// `cleanUncountedPodsWithoutFinalizers`: uncounted pods that lost their finalizer move into
/// the counters. Returns whether anything moved.
fn clean_uncounted(job: &mut Job, uncounted: &mut UncountedTerminatedPods, with_finalizer: &[String]) -> bool {
    let before = (uncounted.succeeded.len(), uncounted.failed.len());
    uncounted.succeeded.retain(|uid| with_finalizer.contains(uid));
    uncounted.failed.retain(|uid| with_finalizer.contains(uid));
    job.status.succeeded += (before.0 - uncounted.succeeded.len()) as i32;
    job.status.failed += (before.1 - uncounted.failed.len()) as i32;
    before != (uncounted.succeeded.len(), uncounted.failed.len())
}

/// `enactJobFinished`: the terminal condition once nothing is uncounted or terminating; a
/// Complete Job gets its completionTime.
fn enact_job_finished(job: &mut Job, ctx: &SyncContext, now: Time) -> bool {
    let Some(condition) = &ctx.finished_condition else { return false };
    if job.status.uncounted_terminated_pods.as_ref().is_some_and(|u| !u.succeeded.is_empty() || !u.failed.is_empty()) {
        return false;
    }
    if job.status.terminating.unwrap_or(0) > 0 {
        return false;
    }
    ensure_condition(&mut job.status.conditions, condition);
    if condition.type_ == "Complete" {
        job.status.completion_time = condition.last_transition_time.or(Some(now));
    }
    true
}

/// `recordJobFinished`: `Completed` or the failure reason as a Warning.
fn record_job_finished(cluster: &mut Cluster, job: &Job, ctx: &SyncContext) {
    let Some(condition) = &ctx.finished_condition else { return };
    let involved = Involved::of(Kind::Job, &job.metadata);
    if condition.type_ == "Complete" {
        if job.spec.completions.is_some_and(|c| job.status.succeeded > c) {
            record(cluster, &involved, "Warning", "TooManySucceededPods", "Too many succeeded pods running after completion count reached", COMPONENT, "");
        }
        record(cluster, &involved, "Normal", "Completed", "Job completed", COMPONENT, "");
    } else {
        record(cluster, &involved, "Warning", condition.reason.as_deref().unwrap_or(""), condition.message.as_deref().unwrap_or(""), COMPONENT, "");
    }
}

/// `updateJobStatus`: the status subresource, against the stored version.
fn write_status(cluster: &mut Cluster, job: &Job) -> Option<Job> {
    let mut update = job.clone();
    update.metadata.resource_version.clear();
    cluster.store.update_status(update).ok().map(|stored| (*stored).clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::api::pod::{ContainerState, ContainerStatus, StateTerminated};

    fn finished(phase: &str, at: i64) -> Rc<Pod> {
        let mut pod = Pod::default();
        pod.status.phase = Some(phase.into());
        let terminated = StateTerminated { finished_at: Some(Time(at)), ..Default::default() };
        pod.status.container_statuses = vec![ContainerStatus { state: ContainerState { terminated: Some(Box::new(terminated)), ..Default::default() }, ..Default::default() }];
        Rc::new(pod)
    }

    #[test]
    fn back_off_doubles_per_failure_since_the_last_success() {
        let job = Job::default();
        for (pods, now, want) in [
            (vec![], 100, 0),
            (vec![finished("Failed", 100)], 100, 10),
            (vec![finished("Failed", 100)], 104, 6),
            (vec![finished("Failed", 100)], 111, 0),
            (vec![finished("Failed", 90), finished("Failed", 100)], 100, 20),
            (vec![finished("Failed", 80), finished("Failed", 90), finished("Failed", 100)], 100, 40),
            (vec![finished("Failed", 80), finished("Succeeded", 90), finished("Failed", 100)], 100, 10),
            ((0..10).map(|i| finished("Failed", 91 + i)).collect(), 100, 600),
        ] {
            assert_eq!(remaining_backoff(&job, &pods, Time(now)), want, "{} pods at {now}", pods.len());
        }
    }
}
