//! `kubectl describe cronjob`, ported from kubectl 1.32 (pkg/describe/describe.go:
//! `describeCronJob`, `describeJobTemplate`, `printActiveJobs`).

use std::fmt::Write as _;

use crate::engine::api::cron_job::CronJob;
use crate::engine::clock::Time;
use crate::engine::events::events_for;
use crate::engine::store::Kind;
use crate::engine::Cluster;

use super::describe::{annotations_multiline, finish, labels_multiline, pod_template};

/// Mirrors `describeCronJob`: the schedule and policies (`<unset>` where nil), the Job
/// template, the last schedule time, the active Jobs' names, the events.
pub fn describe(cluster: &Cluster, cron_job: &CronJob, now: Time) -> String {
    let mut w = String::new();
    let spec = &cron_job.spec;
    let _ = writeln!(w, "Name:\t{}", cron_job.metadata.name);
    let _ = writeln!(w, "Namespace:\t{}", cron_job.metadata.ns());
    labels_multiline(&mut w, "Labels", &cron_job.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &cron_job.metadata.annotations);
    let _ = writeln!(w, "Schedule:\t{}", spec.schedule);
    let _ = writeln!(w, "Concurrency Policy:\t{}", spec.concurrency_policy.as_deref().unwrap_or(""));
    let _ = writeln!(w, "Suspend:\t{}", bool_ptr(spec.suspend));
    let unset = |value: Option<i64>, suffix: &str| value.map_or("<unset>".to_string(), |v| format!("{v}{suffix}"));
    let _ = writeln!(w, "Successful Job History Limit:\t{}", unset(spec.successful_jobs_history_limit.map(i64::from), ""));
    let _ = writeln!(w, "Failed Job History Limit:\t{}", unset(spec.failed_jobs_history_limit.map(i64::from), ""));
    let _ = writeln!(w, "Starting Deadline Seconds:\t{}", unset(spec.starting_deadline_seconds, "s"));
    // describeJobTemplate.
    let template = &spec.job_template.spec;
    match &template.selector {
        Some(selector) => {
            let _ = writeln!(w, "Selector:\t{}", selector.display());
        }
        None => w.push_str("Selector:\t<unset>\n"),
    }
    let _ = writeln!(w, "Parallelism:\t{}", unset(template.parallelism.map(i64::from), ""));
    let _ = writeln!(w, "Completions:\t{}", unset(template.completions.map(i64::from), ""));
    if let Some(seconds) = template.active_deadline_seconds {
        let _ = writeln!(w, "Active Deadline Seconds:\t{seconds}s");
    }
    pod_template(&mut w, &template.template);
    let _ = writeln!(w, "Last Schedule Time:\t{}", cron_job.status.last_schedule_time.map_or("<unset>".to_string(), |t| t.rfc1123z()));
    // printActiveJobs.
    let names: Vec<&str> = cron_job.status.active.iter().map(|r| &*r.name).collect();
    let _ = writeln!(w, "Active Jobs:\t{}", if names.is_empty() { "<none>".to_string() } else { names.join(", ") });
    finish(w, &events_for(cluster, Kind::CronJob, cron_job.metadata.ns(), &cron_job.metadata.name, &cron_job.metadata.uid), now)
}

/// `printBoolPtr`: `True`/`False`, `<unset>` when nil.
pub fn bool_ptr(value: Option<bool>) -> &'static str {
    match value {
        Some(true) => "True",
        Some(false) => "False",
        None => "<unset>",
    }
}
