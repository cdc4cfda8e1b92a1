//! The apiserver's write path for CronJobs: `SetDefaults_CronJob` (pkg/apis/batch/v1/defaults.go)
//! and the pod template's defaults, then `ValidateCronJobCreate`/`ValidateCronJobUpdate`
//! (pkg/apis/batch/validation/validation.go). The CronJob controller is
//! `controllers::cron_job`.

use std::rc::Rc;

use crate::engine::api::cron_job::{CronJob, JobTemplateSpec};
use crate::engine::api::defaults;
use crate::engine::api::validation::{self, FieldError};
use crate::engine::error::ApiError;
use crate::engine::store::{Key, Kind};
use crate::engine::Cluster;

/// CronJob create: defaults, status cleared, validation, stored with generation 1.
#[inline(never)]
pub fn create(cluster: &mut Cluster, mut cron_job: CronJob) -> Result<Rc<CronJob>, ApiError> {
    crate::engine::apiserver::ensure_namespace(cluster, Kind::CronJob, &cron_job.metadata.name, cron_job.metadata.ns())?;
    set_defaults(&mut cron_job);
    cron_job.status = Default::default();
    let mut errors = validate(&cron_job, None);
    // `ValidateCronJobCreate`: the controller appends an 11-character suffix (`-` and the
    // scheduled minute) to name each Job, and a Job's name must fit a 63-character label.
    if cron_job.metadata.name.len() > 52 {
        errors.push(FieldError::invalid("metadata.name", &format!("{:?}", cron_job.metadata.name), "must be no more than 52 characters"));
    }
    if !errors.is_empty() {
        return Err(ApiError::invalid("CronJob", &cron_job.metadata.name, errors));
    }
    let now = cluster.time();
    cluster.store.create(cron_job, now, &mut cluster.rng)
}

/// CronJob update: defaults and validation again (a schedule that already used `TZ` may keep
/// it, the time zone is checked only when it changed), the status kept.
pub fn update(cluster: &mut Cluster, mut cron_job: CronJob) -> Result<Rc<CronJob>, ApiError> {
    let Some(old) = cluster.store.get::<CronJob>(&Key::of(&cron_job.metadata, true)) else {
        return Err(ApiError::not_found(Kind::CronJob, &cron_job.metadata.name));
    };
    set_defaults(&mut cron_job);
    cron_job.status = old.status.clone();
    let errors = validate(&cron_job, Some(&old));
    if !errors.is_empty() {
        return Err(ApiError::invalid("CronJob", &cron_job.metadata.name, errors));
    }
    cluster.store.update(cron_job)
}

/// Mirrors `SetDefaults_CronJob`: concurrencyPolicy Allow, suspend false, history limits 3
/// successful and 1 failed; the pod template gets the pod defaults, but the Job template is
/// not defaulted as a Job (no backoffLimit, completions or selector until a Job is made).
pub fn set_defaults(cron_job: &mut CronJob) {
    let spec = &mut cron_job.spec;
    if spec.concurrency_policy.as_deref().unwrap_or("").is_empty() {
        spec.concurrency_policy = Some("Allow".into());
    }
    spec.suspend.get_or_insert(false);
    spec.successful_jobs_history_limit.get_or_insert(3);
    spec.failed_jobs_history_limit.get_or_insert(1);
    defaults::default_template(&mut spec.job_template.spec.template);
}

/// Mirrors `validateCronJobSpec` with the name's `ValidateObjectMeta` (a DNS subdomain): the
/// schedule (`validateScheduleFormat`), startingDeadlineSeconds, the time zone
/// (`validateTimeZone`), the concurrency policy, the Job template (`ValidateJobTemplateSpec`),
/// the history limits.
pub fn validate(cron_job: &CronJob, old: Option<&CronJob>) -> Vec<FieldError> {
    let mut errors = Vec::new();
    validation::validate_name(&cron_job.metadata, false, &mut errors);
    let spec = &cron_job.spec;
    if spec.schedule.is_empty() {
        errors.push(FieldError::required("spec.schedule"));
    } else {
        let allow_tz = old.is_some_and(|o| o.spec.schedule.contains("TZ"));
        let value = format!("{:?}", spec.schedule);
        if let Err(message) = crate::engine::cron::parse_standard(&spec.schedule) {
            errors.push(FieldError::invalid("spec.schedule", &value, &message));
        }
        if allow_tz && spec.schedule.contains("TZ") && spec.time_zone.is_some() {
            errors.push(FieldError::invalid("spec.schedule", &value, "cannot use both timeZone field and TZ or CRON_TZ in schedule"));
        } else if !allow_tz && spec.schedule.contains("TZ") {
            errors.push(FieldError::invalid("spec.schedule", &value, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
        }
    }
    if let Some(seconds) = spec.starting_deadline_seconds.filter(|s| *s < 0) {
        errors.push(FieldError::invalid("spec.startingDeadlineSeconds", &seconds.to_string(), "must be greater than or equal to 0"));
    }
    if old.is_none_or(|o| o.spec.time_zone != spec.time_zone) {
        validate_time_zone(spec.time_zone.as_deref(), &mut errors);
    }
    match spec.concurrency_policy.as_deref().unwrap_or("") {
        "Allow" | "Forbid" | "Replace" => {}
        "" => errors.push(FieldError::required("spec.concurrencyPolicy")),
        other => errors.push(FieldError::unsupported("spec.concurrencyPolicy", other, &["Allow", "Forbid", "Replace"])),
    }
    validate_job_template(&spec.job_template, "spec.jobTemplate", &mut errors);
    for (field, limit) in [("spec.successfulJobsHistoryLimit", spec.successful_jobs_history_limit), ("spec.failedJobsHistoryLimit", spec.failed_jobs_history_limit)] {
        if let Some(limit) = limit.filter(|l| *l < 0) {
            errors.push(FieldError::invalid(field, &limit.to_string(), "must be greater than or equal to 0"));
        }
    }
    errors
}

/// Mirrors `validateTimeZone`: non-empty, IANA name characters per component, not `Local`,
/// and a zone `time.LoadLocation` knows (here, kubeplay's table).
fn validate_time_zone(zone: Option<&str>, errors: &mut Vec<FieldError>) {
    let Some(zone) = zone else { return };
    let value = format!("{zone:?}");
    if zone.is_empty() {
        errors.push(FieldError::invalid("spec.timeZone", &value, "timeZone must be nil or non-empty string"));
        return;
    }
    let valid_part = |part: &str| (1..=14).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-+".contains(&b));
    if zone.split('/').any(|part| part == "." || part == ".." || part.starts_with('-') || !valid_part(part)) {
        errors.push(FieldError::invalid("spec.timeZone", &value, &format!("unknown time zone {zone}")));
        return;
    }
    if zone.eq_ignore_ascii_case("local") {
        errors.push(FieldError::invalid("spec.timeZone", &value, "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"));
    }
    if let Err(message) = crate::engine::cron::load_location(zone) {
        errors.push(FieldError::invalid("spec.timeZone", &value, &message));
    }
}

/// Mirrors `ValidateJobTemplateSpec` over `validateJobSpec`: the counts, the completion mode,
/// the pod template with restartPolicy OnFailure or Never; the selector is generated for each
/// Job, so none may be given.
fn validate_job_template(template: &JobTemplateSpec, field: &str, errors: &mut Vec<FieldError>) {
    let spec = &template.spec;
    for (name, value) in [("parallelism", spec.parallelism), ("completions", spec.completions), ("backoffLimit", spec.backoff_limit)] {
        if let Some(value) = value.filter(|v| *v < 0) {
            errors.push(FieldError::invalid(&format!("{field}.spec.{name}"), &value.to_string(), "must be greater than or equal to 0"));
        }
    }
    if let Some(parallelism) = spec.parallelism.filter(|p| *p > validation::MAX_REPLICAS) {
        errors.push(FieldError::invalid(&format!("{field}.spec.parallelism"), &parallelism.to_string(), &format!("must be less than or equal to {} in kubeplay", validation::MAX_REPLICAS)));
    }
    if let Some(ttl) = spec.ttl_seconds_after_finished.filter(|t| *t < 0) {
        errors.push(FieldError::invalid(&format!("{field}.spec.ttlSecondsAfterFinished"), &ttl.to_string(), "must be greater than or equal to 0"));
    }
    if let Some(seconds) = spec.active_deadline_seconds.filter(|s| *s <= 0) {
        errors.push(FieldError::invalid(&format!("{field}.spec.activeDeadlineSeconds"), &seconds.to_string(), "must be greater than 0"));
    }
    if let Some(mode) = spec.completion_mode.as_deref().filter(|m| *m != "NonIndexed" && *m != "Indexed") {
        errors.push(FieldError::unsupported(&format!("{field}.spec.completionMode"), mode, &["NonIndexed", "Indexed"]));
    }
    validation::validate_pod_spec(&spec.template.spec, &format!("{field}.spec.template.spec"), false, errors);
    let policy = spec.template.spec.restart_policy.as_deref().unwrap_or("");
    if policy != "OnFailure" && policy != "Never" {
        errors.push(FieldError::unsupported(&format!("{field}.spec.template.spec.restartPolicy"), policy, &["OnFailure", "Never"]));
    }
    if let Some(selector) = &spec.selector {
        // The selector printed as Go's %#v of the struct.
        let value = format!("v1.LabelSelector{{MatchLabels:{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}}", validation::go_map(&selector.match_labels));
        errors.push(FieldError::invalid(&format!("{field}.spec.selector"), &value, "`selector` will be auto-generated"));
    }
    if spec.manual_selector == Some(true) {
        // A bool is printed bare.
        errors.push(FieldError { field: format!("{field}.spec.manualSelector"), message: "Unsupported value: true: supported values: \"nil\", \"false\"".into() });
    }
}
