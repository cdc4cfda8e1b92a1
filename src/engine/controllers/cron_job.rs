//! The CronJob controller: creates a Job at each scheduled time on the virtual clock, keeps the
//! active list and the last schedule and success times, applies the concurrency policy and
//! deletes finished Jobs beyond the history limits.
//!
//! Mirrors `pkg/controller/cronjob/cronjob_controllerv2.go` of v1.32 (`sync`, `syncCronJob`,
//! `cleanupFinishedJobs`, `removeOldestJobs`, `deleteJob`, `formatSchedule`, the Job and CronJob
//! event handlers) and `utils.go` (`mostRecentScheduleTime`, `nextScheduleTime`,
//! `nextScheduleTimeDuration`, `getJobFromTemplate2`, `getTimeHashInMinutes`). The requeue is
//! at the scheduled second itself: the real controller adds 100 ms (`nextScheduleDelta`) so a
//! timer firing early does not miss it, which a virtual clock never does.

use std::rc::Rc;

use crate::engine::api::core::ObjectReference;
use crate::engine::api::cron_job::{CronJob, SCHEDULED_TIMESTAMP_ANNOTATION};
use crate::engine::api::job::Job;
use crate::engine::api::meta::{ObjectMeta, OwnerReference};
use crate::engine::apiserver::{self, Propagation};
use crate::engine::clock::{SimTime, Time, EPOCH_UNIX};
use crate::engine::cron::{self, Schedule};
use crate::engine::error::ApiError;
use crate::engine::events::{record, Involved};
use crate::engine::queue::QueueName;
use crate::engine::store::{Key, KeyRef, Kind};
use crate::engine::Cluster;
use crate::order::SharedSort;

const COMPONENT: &str = "cronjob-controller";

/// How many schedules were missed since the last one (`missedSchedulesType`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Missed {
    None,
    Few,
    Many,
}

/// A CronJob was added or deleted: sync it (`enqueueController`).
pub fn enqueue(cluster: &mut Cluster, meta: &ObjectMeta) {
    cluster.cron_job_queue.add_ref(KeyRef::of(meta, true));
}

/// Mirrors `updateCronJob`: a changed schedule or time zone requeues at the next scheduled
/// time, any other change syncs now.
pub fn observe_update(cluster: &mut Cluster, old: &CronJob, new: &CronJob) {
    if old.spec.schedule == new.spec.schedule && old.spec.time_zone == new.spec.time_zone {
        return enqueue(cluster, &new.metadata);
    }
    match cron::parse_standard(&format_schedule(cluster, new, false)) {
        Ok(schedule) => {
            let at = next_schedule_time_duration(new, cluster.time().unix(), &schedule);
            enqueue_at(cluster, &new.metadata, at);
        }
        Err(_) => record(
            cluster,
            &Involved::of(Kind::CronJob, &new.metadata),
            "Warning",
            "UnParseableCronJobSchedule",
            &format!("unparseable schedule for cronjob: {}", new.spec.schedule),
            COMPONENT,
            "",
        ),
    }
}

/// Mirrors `addJob`, `updateJob` and `deleteJob`: a Job's controlling CronJob syncs (the old
/// one too when the controller reference changed).
pub fn observe_job(cluster: &mut Cluster, old: Option<&Rc<Job>>, new: Option<&Rc<Job>>) {
    if cluster.store.cron_jobs.is_empty() {
        return;
    }
    if let (Some(old), Some(new)) = (old, new) {
        if old.metadata.resource_version == new.metadata.resource_version {
            return;
        }
        if old.metadata.controller_ref() != new.metadata.controller_ref() {
            enqueue_owner(cluster, &old.metadata);
        }
    }
    if let Some(job) = new.or(old) {
        enqueue_owner(cluster, &job.metadata);
    }
}

/// `resolveControllerRef` then `enqueueController`.
fn enqueue_owner(cluster: &mut Cluster, meta: &ObjectMeta) {
    let Some(owner) = meta.controller_ref().filter(|o| o.kind == "CronJob") else { return };
    let Some(cron_job) = cluster.store.get_ref::<CronJob>(KeyRef(meta.ns(), &owner.name)) else { return };
    if cron_job.metadata.uid == owner.uid {
        enqueue(cluster, &cron_job.metadata);
    }
}

/// `AddAfter` at an absolute Unix time.
fn enqueue_at(cluster: &mut Cluster, meta: &ObjectMeta, unix: i64) {
    let at = SimTime::from_secs(u64::try_from(unix - EPOCH_UNIX).unwrap_or(0));
    let millis = at.as_millis().saturating_sub(cluster.now().as_millis());
    cluster.enqueue_after(QueueName::CronJob, Key::of(meta, true), millis);
}

/// Mirrors `sync`: the Jobs it controls, `cleanupFinishedJobs`, `syncCronJob`, one status write,
/// the requeue at the next scheduled time.
#[inline(never)]
pub fn sync(cluster: &mut Cluster, key: &Key) {
    let Some(stored) = cluster.store.get::<CronJob>(key) else { return };
    // getJobsToBeReconciled: every Job in the namespace whose controller reference names it.
    let jobs: Vec<Rc<Job>> = cluster.store.jobs.in_namespace(stored.metadata.ns()).filter(|j| j.metadata.controller_ref().is_some_and(|r| r.name == stored.metadata.name)).cloned().collect();
    let mut cron_job = (*stored).clone();
    let cleaned = cleanup_finished_jobs(cluster, &mut cron_job, &jobs);
    let (requeue, synced, failed) = sync_cron_job(cluster, &mut cron_job, &jobs);
    if cleaned || synced {
        if cluster.store.update_status(cron_job).is_err() {
            return cluster.sync_done(QueueName::CronJob, key, true);
        }
    }
    if let Some(at) = requeue {
        cluster.sync_done(QueueName::CronJob, key, false);
        return enqueue_at(cluster, &stored.metadata, at);
    }
    cluster.sync_done(QueueName::CronJob, key, failed);
}

/// The scheduled time as a Unix time of a status timestamp.
fn unix(time: Option<Time>) -> Option<i64> {
    time.map(Time::unix)
}

/// Mirrors `syncCronJob`. Returns the Unix time to requeue at, whether the status changed, and
/// whether the sync failed (a rate-limited retry).
fn sync_cron_job(cluster: &mut Cluster, cron_job: &mut CronJob, jobs: &[Rc<Job>]) -> (Option<i64>, bool, bool) {
    let now = cluster.time().unix();
    let involved = Involved::of(Kind::CronJob, &cron_job.metadata);
    let mut update_status = false;
    for job in jobs {
        let found = cron_job.status.active.iter().any(|r| r.uid == job.metadata.uid);
        if !found && !job.is_finished() {
            record(cluster, &involved, "Warning", "UnexpectedJob", &format!("Saw a job that the controller did not create or forgot: {}", job.metadata.name), COMPONENT, "");
        } else if job.is_finished() {
            if found {
                let condition = if job.has_condition("Complete") { "Complete" } else { "Failed" };
                cron_job.status.active.retain(|r| r.uid != job.metadata.uid);
                record(cluster, &involved, "Normal", "SawCompletedJob", &format!("Saw completed job: {}, condition: {condition}", job.metadata.name), COMPONENT, "");
                update_status = true;
            }
            if job.has_condition("Complete") {
                if let Some(completed) = job.status.completion_time {
                    if cron_job.status.last_successful_time.is_none_or(|last| completed > last) {
                        cron_job.status.last_successful_time = Some(completed);
                        update_status = true;
                    }
                }
            }
        }
    }
    // Active references whose Job is gone.
    let missing: Vec<ObjectReference> = cron_job
        .status
        .active
        .iter()
        .filter(|r| !jobs.iter().any(|j| j.metadata.uid == r.uid) && cluster.store.get_ref::<Job>(KeyRef(r.namespace.as_deref().unwrap_or(""), &r.name)).is_none())
        .cloned()
        .collect();
    for reference in missing {
        record(cluster, &involved, "Normal", "MissingJob", &format!("Active job went missing: {}", reference.name), COMPONENT, "");
        cron_job.status.active.retain(|r| r.uid != reference.uid);
        update_status = true;
    }
    if cron_job.metadata.is_deleting() {
        return (None, update_status, false);
    }
    if let Some(zone) = &cron_job.spec.time_zone {
        if let Err(message) = cron::load_location(zone) {
            record(cluster, &involved, "Warning", "UnknownTimeZone", &format!("invalid timeZone: {zone:?}: {message}"), COMPONENT, "");
            return (None, update_status, false);
        }
    }
    if cron_job.is_suspended() {
        return (None, update_status, false);
    }
    let schedule = match cron::parse_standard(&format_schedule(cluster, cron_job, true)) {
        Ok(schedule) => schedule,
        Err(message) => {
            record(cluster, &involved, "Warning", "UnparseableSchedule", &format!("unparseable schedule: {:?} : {message}", cron_job.spec.schedule), COMPONENT, "");
            return (None, update_status, false);
        }
    };
    let scheduled = match next_schedule_time(cluster, cron_job, now, &schedule) {
        Ok(Some(scheduled)) => scheduled,
        Ok(None) => return (Some(next_schedule_time_duration(cron_job, now, &schedule)), update_status, false),
        Err(message) => {
            record(cluster, &involved, "Warning", "InvalidSchedule", &format!("invalid schedule: {} : {message}", cron_job.spec.schedule), COMPONENT, "");
            return (None, update_status, false);
        }
    };
    if let Some(deadline) = cron_job.spec.starting_deadline_seconds {
        if scheduled.saturating_add(deadline) < now {
            let missed = Time::from_unix(scheduled).rfc1123z();
            record(cluster, &involved, "Warning", "MissSchedule", &format!("Missed scheduled time to start a job: {missed}"), COMPONENT, "");
            return (Some(next_schedule_time_duration(cron_job, now, &schedule)), update_status, false);
        }
    }
    let job_name = job_name(cron_job, scheduled);
    if cron_job.status.active.iter().any(|r| *r.name == *job_name) || unix(cron_job.status.last_schedule_time) == Some(scheduled) {
        return (Some(next_schedule_time_duration(cron_job, now, &schedule)), update_status, false);
    }
    if cron_job.concurrency_policy() == "Forbid" && !cron_job.status.active.is_empty() {
        record(cluster, &involved, "Normal", "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid", COMPONENT, "");
        return (Some(next_schedule_time_duration(cron_job, now, &schedule)), update_status, false);
    }
    if cron_job.concurrency_policy() == "Replace" {
        for reference in cron_job.status.active.clone() {
            let ns = reference.namespace.as_deref().unwrap_or("").to_string();
            let Some(job) = cluster.store.get_ref::<Job>(KeyRef(&ns, &reference.name)) else {
                let error = ApiError::not_found(Kind::Job, &reference.name);
                record(cluster, &involved, "Warning", "FailedGet", &format!("Get job: {}", error.message()), COMPONENT, "");
                return (None, update_status, true);
            };
            if !delete_job(cluster, cron_job, &job) {
                return (None, update_status, true);
            }
            update_status = true;
        }
    }
    let request = job_from_template(cron_job, scheduled);
    let created = match apiserver::create_job(cluster, request) {
        Ok(job) => {
            record(cluster, &involved, "Normal", "SuccessfulCreate", &format!("Created job {}", job.metadata.name), COMPONENT, "");
            job
        }
        Err(ApiError::AlreadyExists { .. }) => {
            let Some(job) = cluster.store.get_ref::<Job>(KeyRef(cron_job.metadata.ns(), &job_name)) else { return (None, update_status, true) };
            let controlled = job.metadata.controller_ref().is_some_and(|r| r.uid == cron_job.metadata.uid);
            if !controlled || cron_job.status.active.iter().any(|r| r.uid == job.metadata.uid) {
                return (None, update_status, false);
            }
            job
        }
        Err(error @ ApiError::Forbidden { .. }) if error.message().contains("being terminated") => return (None, update_status, true),
        Err(error) => {
            record(cluster, &involved, "Warning", "FailedCreate", &format!("Error creating job: {}", error.message()), COMPONENT, "");
            return (None, update_status, true);
        }
    };
    cron_job.status.active.push(ObjectReference {
        kind: "Job".into(),
        namespace: Some(created.metadata.ns().into()),
        name: created.metadata.name.clone(),
        uid: created.metadata.uid.clone(),
        api_version: "batch/v1".into(),
        resource_version: created.metadata.resource_version.as_str().into(),
        field_path: None,
    });
    cron_job.status.last_schedule_time = Some(Time::from_unix(scheduled));
    (Some(next_schedule_time_duration(cron_job, now, &schedule)), true, false)
}

/// Mirrors `formatSchedule`: a schedule naming `TZ` is used as it is (with a warning when
/// syncing); else `TZ=<zone> ` goes in front when a valid time zone is set.
fn format_schedule(cluster: &mut Cluster, cron_job: &CronJob, warn: bool) -> String {
    let spec = &cron_job.spec;
    if spec.schedule.contains("TZ") {
        if warn {
            let message = format!("CRON_TZ or TZ used in schedule {:?} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details", spec.schedule);
            record(cluster, &Involved::of(Kind::CronJob, &cron_job.metadata), "Warning", "UnsupportedSchedule", &message, COMPONENT, "");
        }
        return spec.schedule.clone();
    }
    match spec.time_zone.as_deref() {
        Some(zone) if cron::load_location(zone).is_ok() => format!("TZ={zone} {}", spec.schedule),
        _ => spec.schedule.clone(),
    }
}

/// Mirrors `getJobName`: the CronJob's name and the scheduled time in minutes since the epoch
/// (`getTimeHashInMinutes`): `hello-29923201` for 2026-11-23T00:01:00Z.
pub fn job_name(cron_job: &CronJob, scheduled: i64) -> String {
    format!("{}-{}", cron_job.metadata.name, scheduled.div_euclid(60))
}

/// Mirrors `getJobFromTemplate2`: the template's labels and annotations, the scheduled-timestamp
/// annotation in the CronJob's zone, the controller reference, the template's spec.
pub fn job_from_template(cron_job: &CronJob, scheduled: i64) -> Job {
    let template = &cron_job.spec.job_template;
    let mut metadata = ObjectMeta {
        name: job_name(cron_job, scheduled).into(),
        namespace: cron_job.metadata.namespace.clone(),
        labels: template.metadata.labels.clone(),
        ..Default::default()
    };
    let mut annotations = template.metadata.annotations.clone();
    let zone = cron::load_location(cron_job.spec.time_zone.as_deref().unwrap_or("")).unwrap_or(&cron::UTC);
    annotations.insert(SCHEDULED_TIMESTAMP_ANNOTATION.to_string(), zone.rfc3339(scheduled));
    metadata.annotations = annotations;
    metadata.owner_references = vec![OwnerReference::controller_of("batch/v1", "CronJob", &cron_job.metadata)].into();
    Job { metadata, spec: template.spec.clone(), status: Default::default() }
}

/// Mirrors `mostRecentScheduleTime`: from the last schedule (or the creation), the most recent
/// scheduled time not after `now`, and how many were missed. Returns the earliest time, the most
/// recent (None when the next is still ahead), the misses, or the error of a schedule whose two
/// next times are not a second apart (such as `0 0 30 2 *`, which never comes).
///
/// Worked example: `*/5 * * * *`, last scheduled 00:05, now 00:23:10: t1 = 00:10, t2 = 00:15,
/// 300 s apart; 790 s since t1 make 3 missed; the search starts at 00:10 + (3-2)×300 = 00:15 and
/// finds 00:20.
pub fn most_recent_schedule_time(cron_job: &CronJob, now: i64, schedule: &Schedule, include_starting_deadline: bool) -> (i64, Option<i64>, Missed, Result<(), String>) {
    let mut earliest = unix(cron_job.status.last_schedule_time).or(unix(cron_job.metadata.creation_timestamp)).unwrap_or(now);
    if include_starting_deadline {
        if let Some(deadline) = cron_job.spec.starting_deadline_seconds {
            earliest = earliest.max(now.saturating_sub(deadline));
        }
    }
    let too_close = || (earliest, None, Missed::None, Err("time difference between two schedules is less than 1 second".to_string()));
    let Some(t1) = schedule.next(earliest) else { return too_close() };
    if now < t1 {
        return (earliest, None, Missed::None, Ok(()));
    }
    let Some(t2) = schedule.next(t1) else { return too_close() };
    if now < t2 {
        return (earliest, Some(t1), Missed::None, Ok(()));
    }
    let between = t2 - t1;
    if between < 1 {
        return too_close();
    }
    let missed_count = (now - t1) / between + 1;
    let potential_earliest = t1.saturating_add((missed_count - 2).saturating_mul(between));
    let mut most_recent = None;
    let mut t = schedule.next(potential_earliest);
    while let Some(at) = t.filter(|at| *at <= now) {
        most_recent = Some(at);
        t = schedule.next(at);
    }
    let missed = if missed_count > 100 { Missed::Many } else { Missed::Few };
    (earliest, most_recent, missed, Ok(()))
}

/// Mirrors `nextScheduleTimeDuration`, as the Unix time to look again at: the schedule's next
/// time after the most recent one (after the earliest when none was missed, after now else).
pub fn next_schedule_time_duration(cron_job: &CronJob, now: i64, schedule: &Schedule) -> i64 {
    let (earliest, most_recent, missed, result) = most_recent_schedule_time(cron_job, now, schedule, false);
    let from = match (result, most_recent) {
        (Err(_), _) => now,
        (Ok(()), Some(t)) => t,
        (Ok(()), None) if missed == Missed::None => earliest,
        (Ok(()), None) => now,
    };
    // Go's zero time is long past: the requeue is then immediate.
    schedule.next(from).unwrap_or(now)
}

/// Mirrors `nextScheduleTime`: the unmet scheduled time to start now, if any; with too many
/// missed, a `TooManyMissedTimes` warning.
fn next_schedule_time(cluster: &mut Cluster, cron_job: &CronJob, now: i64, schedule: &Schedule) -> Result<Option<i64>, String> {
    let (_, most_recent, missed, result) = most_recent_schedule_time(cron_job, now, schedule, true);
    let Some(most_recent) = most_recent.filter(|t| *t <= now) else { return result.map(|()| None) };
    if missed == Missed::Many {
        record(cluster, &Involved::of(Kind::CronJob, &cron_job.metadata), "Warning", "TooManyMissedTimes", "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew", COMPONENT, "");
    }
    result.map(|()| Some(most_recent))
}

/// Mirrors `cleanupFinishedJobs` and `removeOldestJobs`: beyond each history limit, the finished
/// Jobs that started first are deleted. Returns whether the status changed.
fn cleanup_finished_jobs(cluster: &mut Cluster, cron_job: &mut CronJob, jobs: &[Rc<Job>]) -> bool {
    let spec = &cron_job.spec;
    if spec.successful_jobs_history_limit.is_none() && spec.failed_jobs_history_limit.is_none() {
        return false;
    }
    let (successful_limit, failed_limit) = (spec.successful_jobs_history_limit, spec.failed_jobs_history_limit);
    let successful: Vec<Rc<Job>> = jobs.iter().filter(|j| j.has_condition("Complete")).cloned().collect();
    let failed: Vec<Rc<Job>> = jobs.iter().filter(|j| j.has_condition("Failed") && !j.has_condition("Complete")).cloned().collect();
    let mut update_status = false;
    for (mut finished, limit) in [(successful, successful_limit), (failed, failed_limit)] {
        let Some(limit) = limit else { continue };
        let to_delete = finished.len() as i64 - i64::from(limit);
        if to_delete <= 0 {
            continue;
        }
        // byJobStartTime: started ones first, by start time, then by name.
        finished.shared_sort_by(|a, b| match (a.status.start_time, b.status.start_time) {
            (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.metadata.name.cmp(&b.metadata.name)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        for job in finished.iter().take(to_delete as usize) {
            if delete_job(cluster, cron_job, job) {
                update_status = true;
            }
        }
    }
    update_status
}

/// Mirrors `deleteJob`: the Job deleted with background propagation, taken out of the active
/// list, `SuccessfulDelete` (or `FailedDelete`).
fn delete_job(cluster: &mut Cluster, cron_job: &mut CronJob, job: &Job) -> bool {
    let involved = Involved::of(Kind::CronJob, &cron_job.metadata);
    if let Err(error) = apiserver::delete_object(cluster, Kind::Job, &Key::of(&job.metadata, true), Propagation::Background, None) {
        record(cluster, &involved, "Warning", "FailedDelete", &format!("Deleted job: {}", error.message()), COMPONENT, "");
        return false;
    }
    cron_job.status.active.retain(|r| r.uid != job.metadata.uid);
    record(cluster, &involved, "Normal", "SuccessfulDelete", &format!("Deleted job {}", job.metadata.name), COMPONENT, "");
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cron_job(schedule: &str, created: i64, last: Option<i64>, deadline: Option<i64>) -> CronJob {
        let mut cron_job = CronJob::default();
        cron_job.metadata.name = "hello".into();
        cron_job.spec.schedule = schedule.into();
        cron_job.spec.starting_deadline_seconds = deadline;
        cron_job.metadata.creation_timestamp = Some(Time::from_unix(created));
        cron_job.status.last_schedule_time = last.map(Time::from_unix);
        cron_job
    }

    /// 2026-11-23 at hh:mm:ss, Unix seconds.
    fn at(h: i64, m: i64, s: i64) -> i64 {
        EPOCH_UNIX + h * 3600 + m * 60 + s
    }

    fn check(schedule: &str, created: i64, last: Option<i64>, deadline: Option<i64>, now: i64, want: (Option<i64>, Missed, i64)) {
        let cj = cron_job(schedule, created, last, deadline);
        let parsed = cron::parse_standard(schedule).unwrap();
        let (_, most_recent, missed, result) = most_recent_schedule_time(&cj, now, &parsed, true);
        assert!(result.is_ok(), "{schedule}");
        let next = next_schedule_time_duration(&cj, now, &parsed);
        assert_eq!((most_recent, missed, next), want, "{schedule} at {now}");
    }

    #[test]
    fn most_recent_and_next_schedule_times() {
        // Created 00:00:20: nothing due until 00:01, looked at again then.
        check("* * * * *", at(0, 0, 20), None, None, at(0, 0, 30), (None, Missed::None, at(0, 1, 0)));
        // At 00:01 exactly, 00:01 is due; the next look is at 00:02.
        check("* * * * *", at(0, 0, 20), None, None, at(0, 1, 0), (Some(at(0, 1, 0)), Missed::None, at(0, 2, 0)));
        check("* * * * *", at(0, 0, 20), Some(at(0, 1, 0)), None, at(0, 1, 30), (None, Missed::None, at(0, 2, 0)));
        // The worked example: three missed, the most recent is 00:20.
        check("*/5 * * * *", at(0, 0, 0), Some(at(0, 5, 0)), None, at(0, 23, 10), (Some(at(0, 20, 0)), Missed::Few, at(0, 25, 0)));
        // A day of minutes missed is too many; the deadline bounds the search.
        check("* * * * *", at(0, 0, 0), None, None, at(23, 0, 0), (Some(at(23, 0, 0)), Missed::Many, at(23, 1, 0)));
        check("* * * * *", at(0, 0, 0), None, Some(200), at(23, 0, 30), (Some(at(23, 0, 0)), Missed::Few, at(23, 1, 0)));
        check("@every 90s", at(0, 0, 0), None, None, at(0, 1, 30), (Some(at(0, 1, 30)), Missed::None, at(0, 3, 0)));
    }

    #[test]
    fn an_impossible_schedule_is_an_error() {
        let cj = cron_job("0 0 30 2 *", at(0, 0, 0), None, None);
        let (_, most_recent, _, result) = most_recent_schedule_time(&cj, at(1, 0, 0), &cron::parse_standard("0 0 30 2 *").unwrap(), true);
        assert_eq!((most_recent, result), (None, Err("time difference between two schedules is less than 1 second".into())));
    }

    #[test]
    fn jobs_are_named_by_the_scheduled_minute() {
        let cj = cron_job("* * * * *", at(0, 0, 0), None, None);
        assert_eq!(job_name(&cj, at(0, 1, 0)), "hello-29923201");
        let job = job_from_template(&cj, at(0, 1, 0));
        assert_eq!(job.metadata.annotations.get(SCHEDULED_TIMESTAMP_ANNOTATION).map(String::as_str), Some("2026-11-23T00:01:00Z"));
    }
}
