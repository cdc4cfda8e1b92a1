//! The TTL-after-finished controller: a finished Job with `ttlSecondsAfterFinished` is deleted
//! (with its pods, foreground) that many seconds after it finished.
//!
//! Mirrors `pkg/controller/ttlafterfinished/ttlafterfinished_controller.go` (`processJob`,
//! `processTTL`, `timeLeft`, `jobFinishTime`).

use crate::engine::api::job::Job;
use crate::engine::apiserver::{self, Propagation};
use crate::engine::queue::QueueName;
use crate::engine::store::{Key, Kind};
use crate::engine::Cluster;

/// The time the Job finished: its Complete or Failed condition's transition (`jobFinishTime`).
fn finish_time(job: &Job) -> Option<i64> {
    job.status.conditions.iter().find(|c| (c.type_ == "Complete" || c.type_ == "Failed") && c.status == "True").and_then(|c| c.last_transition_time).map(|t| t.0)
}

/// Deletes the Job if its time is up, or looks again when it will be (`processJob`).
pub fn process(cluster: &mut Cluster, job: &Job) {
    let Some(ttl) = job.spec.ttl_seconds_after_finished else { return };
    if job.metadata.is_deleting() {
        return;
    }
    let Some(finished) = finish_time(job) else { return };
    let left = finished + i64::from(ttl) - cluster.time().0;
    let key = Key::of(&job.metadata, true);
    if left > 0 {
        cluster.enqueue_after(QueueName::Job, key, left as u64 * 1000);
        return;
    }
    let _ = apiserver::delete_object(cluster, Kind::Job, &key, Propagation::Foreground, None);
}
