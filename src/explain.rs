//! Explains events in one plain sentence each: why a controller, the scheduler or a kubelet did
//! what the event reports, in English and in Korean.
//!
//! `explain` reads an emitted event, the events after it and the cluster as it is now, and
//! returns a typed `Explanation` (names and numbers as fields); `Explanation::en` and
//! `Explanation::ko` write the sentence. The sentences live here rather than in `ui/i18n` so that
//! they are tested natively, beside the rules they state.
//!
//! The Deployment controller's scaling events are told apart with the rules of `rolling.go`,
//! `recreate.go` and `sync.go` (`scale`), and with what the event log says about every
//! ReplicaSet of the Deployment at that moment: each scaling writes `Scaled up|down replica set X
//! to T from F` (or `to T` when X is created), so X's size just before event `i` is the `from` of
//! the first later event about X, or its size now if nothing changed it since. When the facts
//! needed to tell the cases apart are not there (the Deployment is gone, its template changed in
//! a way the log cannot place), the explanation is the plain one, `ScaledReplicaSet`.
//!
//! The Deployment's spec (replicas, strategy, maxSurge, maxUnavailable) is read as it is now. A
//! ReplicaSet left at 0 keeps the replica annotations of its last scaling; when one scaled at or
//! after the event disagrees with the spec now, the spec changed since, and the cases that quote
//! its numbers fall back to the plain one. A change that leaves no such trace (replicas changed
//! and changed back) is not seen; the page explains only its newest events, while they are fresh.

use crate::engine::api::deployment::{Deployment, ReplicaSet, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION};
use crate::engine::api::intstr::IntOrString;
use crate::engine::api::pod::Pod;
use crate::engine::controllers::deployment::util;
use crate::engine::events::EmittedEvent;
use crate::engine::store::Key;
use crate::engine::Cluster;
use crate::order::SharedSort;

/// A maxSurge or maxUnavailable as written (`25%` or `1`) and what it comes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fencepost {
    /// The pods it comes to, from `resolve_fenceposts`.
    pub value: i32,
    /// The percentage as written, if it is one (`"25%"`).
    pub percent: Option<String>,
}

impl Fencepost {
    fn of(written: Option<&IntOrString>, value: i32) -> Fencepost {
        Fencepost { value, percent: written.filter(|w| w.is_percent()).map(IntOrString::display) }
    }

    /// `1`, or `50% (2 pods)`.
    fn en(&self) -> String {
        match &self.percent {
            Some(percent) => format!("{percent} ({})", pods_en(self.value)),
            None => self.value.to_string(),
        }
    }

    /// `1`, or `50%(파드 2개)`.
    fn ko(&self) -> String {
        match &self.percent {
            Some(percent) => format!("{percent}(파드 {}개)", self.value),
            None => self.value.to_string(),
        }
    }
}

/// Why an event happened, with the names and numbers the sentence needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Explanation {
    // ---- The Deployment controller (ScalingReplicaSet).
    /// A new Deployment: its first ReplicaSet is created with every wanted replica.
    FirstReplicaSet { deployment: String, replica_set: String, replicas: i32 },
    /// RollingUpdate (`reconcileNewReplicaSet`): the new ReplicaSet grows until old and new
    /// together reach replicas + maxSurge.
    SurgeScaleUp { deployment: String, replica_set: String, from: Option<i32>, to: i32, max_surge: Fencepost, max_total: i32 },
    /// RollingUpdate (`reconcileOldReplicaSets`): an old ReplicaSet shrinks only while at least
    /// replicas − maxUnavailable pods stay available.
    AvailabilityScaleDown { deployment: String, replica_set: String, from: i32, to: i32, replicas: i32, max_unavailable: Fencepost, min_available: i32 },
    /// Recreate: every old ReplicaSet goes to 0 first.
    RecreateScaleDown { deployment: String, replica_set: String, from: i32 },
    /// Recreate: once every old pod is gone, the new ReplicaSet gets all replicas at once.
    RecreateScaleUp { deployment: String, replica_set: String, replicas: i32 },
    /// An older template came back (`kubectl rollout undo`, or the same edit by hand): the
    /// ReplicaSet made for it before is the new one again, under a new revision.
    Rollback { deployment: String, replica_set: String, revision: String, old_revision: String, from: i32, to: i32 },
    /// The ReplicaSet of the current template was set to the Deployment's replicas
    /// (`kubectl scale`, a replicas edit), with no other ReplicaSet holding pods.
    FollowsReplicas { deployment: String, replica_set: String, from: Option<i32>, to: i32 },
    /// The replicas changed during a rollout (`scale` in sync.go): every ReplicaSet with pods
    /// takes a share in proportion to its size, within replicas + maxSurge in all.
    ProportionalScaling { deployment: String, replica_set: String, from: i32, to: i32, replicas: i32, max_total: i32 },
    /// The plain fact, when the cause cannot be told for sure.
    ScaledReplicaSet { deployment: String, replica_set: String, from: Option<i32>, to: i32 },

    // ---- The ReplicaSet controller.
    /// SuccessfulCreate: fewer pods than wanted.
    CreatedPod { replica_set: String, pod: String, wanted: Option<i32> },
    /// SuccessfulDelete: more pods than wanted; `unscheduled` when the victim was on no node.
    DeletedPod { replica_set: String, pod: String, wanted: Option<i32>, unscheduled: bool },

    // ---- The scheduler.
    Scheduled { pod: String, node: String },
    /// FailedScheduling; `nodes` is the cluster's node count when the message gives it.
    FailedScheduling { pod: String, nodes: Option<u32> },

    // ---- The kubelet.
    Pulling { pod: String, image: String },
    Pulled { pod: String, image: String, already_present: bool },
    ImagePullFailed { pod: String },
    /// FailedMount: a volume could not be set up (`missing` names what is not there: a
    /// ConfigMap, a Secret, or a hostPath on the node), so nothing is pulled or started yet.
    VolumeNotMounted { pod: String, volume: String, missing: String },
    CreatedContainer { pod: String, container: String },
    /// Started; `readiness_probe` when the pod waits for one before it is Ready; `ephemeral`
    /// for a debug container (`kubectl debug`), which never changes readiness.
    /// `containers`: how many containers the pod has (its Ready waits for all of them).
    /// `post_start`: the container has a postStart hook, which runs before it is Running.
    Started { pod: String, container: String, readiness_probe: bool, ephemeral: bool, containers: usize, post_start: bool },
    /// Killing for a deleted pod: SIGTERM, then up to the grace period before SIGKILL; the
    /// Services whose endpoints it has left.
    Stopping { pod: String, container: String, grace_seconds: i64, services: Vec<String> },
    /// Killing after failed liveness probes.
    LivenessRestart { pod: String, container: String },
    /// A postStart hook failed: the container is killed, and restarts with back-off.
    PostStartHookFailed { pod: String, container: String },
    /// A preStop hook failed: the container is stopped all the same.
    PreStopHookFailed { pod: String, container: String },
    /// Unhealthy (readiness): the Services whose endpoints the pod leaves.
    ReadinessFailed { pod: String, failure_threshold: i32, services: Vec<String> },
    /// Unhealthy (liveness).
    LivenessFailed { pod: String, failure_threshold: i32 },
    /// BackOff restarting a failed container (CrashLoopBackOff); `init` for an init container
    /// (`Init:CrashLoopBackOff`: the pod's containers wait for it).
    CrashLoopBackOff { pod: String, container: String, init: bool },
    /// Started for an init container: the pod's containers start once it (and any after it,
    /// `remaining`) exits with 0; a sidecar (`restartPolicy: Always`) runs on beside them.
    InitStarted { pod: String, container: String, remaining: usize, sidecar: bool },

    /// FailedScheduling because of a PersistentVolumeClaim the pod mounts (VolumeBinding's
    /// PreFilter): missing, being deleted, or not bound yet.
    WaitingForClaim { pod: String, claim: Option<String>, problem: ClaimProblem },

    // ---- The Job controller.
    /// SuccessfulCreate: fewer pods run than the Job wants (parallelism, within the completions left).
    JobCreatedPod { job: String, pod: String, completions: Option<i32>, parallelism: i32 },
    /// Completed: enough pods succeeded.
    JobCompleted { job: String, succeeded: i32 },
    /// BackoffLimitExceeded: more pods failed than the Job allows.
    JobBackoffLimitExceeded { job: String, backoff_limit: i32 },
    /// DeadlineExceeded: the Job ran longer than activeDeadlineSeconds.
    JobDeadlineExceeded { job: String, seconds: i64 },
    /// PodFailurePolicy: a failed pod matched a FailJob rule of the Job's podFailurePolicy.
    JobPodFailurePolicy { job: String, pod: String, cause: PolicyCause, rule: usize },

    // ---- The CronJob controller.
    /// SuccessfulCreate: a scheduled time came.
    CronJobCreatedJob { cron_job: String, job: String, schedule: String },
    /// SawCompletedJob: a Job it started finished (`Complete` or `Failed`).
    CronJobSawFinishedJob { cron_job: String, job: String, condition: String },
    /// SuccessfulDelete: a finished Job beyond the history limits, or (`replaced`) a running Job
    /// at the next scheduled time under concurrencyPolicy Replace.
    CronJobDeletedJob { cron_job: String, job: String, replaced: bool, successful_limit: i32, failed_limit: i32 },
    /// JobAlreadyActive: a scheduled time came while a Job still runs, under Forbid.
    CronJobSkippedRun { cron_job: String },

    // ---- Nodes: taints and cordons.
    /// TaintManagerEviction "Marking for deletion": the pod does not tolerate a NoExecute taint
    /// of its node (or its tolerationSeconds ran out), so the taint eviction controller deletes it.
    TaintEviction { pod: String, node: Option<String> },
    /// TaintManagerEviction "Cancelling deletion": the taint went before the toleration ran out.
    TaintEvictionCancelled { pod: String },
    /// NodeNotSchedulable / NodeSchedulable: the node was cordoned or uncordoned.
    NodeCordoned { node: String, cordoned: bool },

    // ---- The disruption controller.
    /// NoPods: a PodDisruptionBudget's selector matches no pod (often a label that differs).
    BudgetSelectsNoPods { budget: String },
    /// UnmanagedPods: a percentage or maxUnavailable budget over pods no controller owns.
    BudgetUnmanagedPods { budget: String },
    /// CalculateExpectedPodCountFailed: a budget over pods whose controller has no scale (a Job's).
    BudgetWithoutScale { budget: String },

    // ---- The horizontal pod autoscaler.
    /// SuccessfulRescale: the target was outside minReplicas..maxReplicas and was moved inside.
    AutoscalerRescaled { autoscaler: String, size: i32, up: bool },
    /// FailedGetResourceMetric / FailedComputeMetricsReplicas: no metrics API in this cluster.
    AutoscalerWithoutMetrics { autoscaler: String },
    /// FailedGetScale: the scaleTargetRef names nothing that can be scaled.
    AutoscalerTargetMissing { autoscaler: String },

    // ---- Storage.
    /// ExternalProvisioning: the claim waits for its class's provisioner to make a volume.
    WaitingForVolume { claim: String, provisioner: String },
    /// ProvisioningSucceeded: the provisioner made a volume for the claim.
    VolumeProvisioned { claim: String, volume: String },

    // ---- The node lifecycle controller.
    NodeNotReady { node: String },
    NodeReady { node: String },
    /// NodeNotReady on a pod: its node stopped reporting.
    PodNodeNotReady { pod: String, toleration_seconds: Option<i64> },
    /// TaintManagerEviction.
    Evicted { pod: String, toleration_seconds: Option<i64> },
}

/// What made a failed pod match a FailJob rule (`matchPodFailurePolicy`'s message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyCause {
    ExitCode { container: String, code: i32 },
    Condition(String),
}

/// What is wrong with a claim a pending pod mounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimProblem {
    NotFound,
    BeingDeleted,
    Unbound,
}

fn pods_en(n: i32) -> String {
    if n == 1 {
        "1 pod".to_string()
    } else {
        format!("{n} pods")
    }
}

/// ` from 2` when there was a size before.
fn from_en(from: Option<i32>) -> String {
    from.map(|from| format!(" from {from}")).unwrap_or_default()
}

/// `2개에서 ` when there was a size before.
fn from_ko(from: Option<i32>) -> String {
    from.map(|from| format!("{from}개에서 ")).unwrap_or_default()
}

impl Explanation {
    /// The sentence in English.
    pub fn en(&self) -> String {
        self.en_first_load().unwrap_or_else(|| self.en_more())
    }

    /// `en` of the events of a Deployment's pods coming up, which the page's first load
    /// explains; apart from the others (`#[inline(never)]` both), so that the split of the
    /// page's wasm (scripts/split-wasm.mjs) leaves the others and their sentences to the rest.
    #[inline(never)]
    fn en_first_load(&self) -> Option<String> {
        use Explanation::*;
        let text = match self {
            FirstReplicaSet { replica_set, replicas, .. } => format!(
                "The Deployment is new, so the Deployment controller created its first ReplicaSet, {replica_set}, with all {replicas} wanted replicas at once."
            ),
            CreatedPod { pod, wanted, .. } => match wanted {
                Some(wanted) => format!("The ReplicaSet wants {} and had fewer, so the ReplicaSet controller created {pod}.", pods_en(*wanted)),
                None => format!("The ReplicaSet had fewer pods than it wants, so the ReplicaSet controller created {pod}."),
            },
            Scheduled { node, .. } => {
                format!("The scheduler chose {node} among the nodes that fit this pod; the kubelet on {node} starts it next.")
            }
            Pulling { image, .. } => format!("The kubelet downloads image {image} before it can start the container."),
            Pulled { image, already_present, .. } => {
                if *already_present {
                    format!("Image {image} was already on this node, so the kubelet can start the container right away.")
                } else {
                    format!("Image {image} is downloaded, so the kubelet creates the container next.")
                }
            }
            CreatedContainer { container, .. } => format!("The kubelet created container {container}; starting it comes next."),
            Started { container, ephemeral: true, .. } => {
                format!("Ephemeral container {container} runs beside the pod's own, for debugging; it has no probes and does not change whether the pod is Ready.")
            }
            Started { container, post_start: true, .. } => format!(
                "Container {container} started, and its postStart hook runs now: the container is Running, and can be ready, only when the hook has ended."
            ),
            Started { container, readiness_probe, containers, .. } if *containers > 1 => {
                let own = if *readiness_probe { "it is ready once its readiness probe passes" } else { "with no readiness probe, it is ready as soon as it runs" };
                format!("Container {container} runs; {own}. The pod is Ready, and gets Service traffic, only when all its {containers} containers are ready.")
            }
            Started { container, readiness_probe, .. } => {
                if *readiness_probe {
                    format!("Container {container} runs; the pod becomes Ready, and gets Service traffic, once its readiness probe passes.")
                } else {
                    format!("Container {container} runs; with no readiness probe, the pod is Ready as soon as it runs.")
                }
            }
            _ => return None,
        };
        Some(text)
    }

    /// `en` of every other event.
    #[inline(never)]
    fn en_more(&self) -> String {
        use Explanation::*;
        match self {
            SurgeScaleUp { replica_set, from, to, max_surge, max_total, .. } => format!(
                "maxSurge {} lets the total reach {max_total}, so the Deployment controller scaled the new ReplicaSet {replica_set} up to {to}{}.",
                max_surge.en(),
                from_en(*from)
            ),
            AvailabilityScaleDown { replica_set, from, to, replicas, max_unavailable, min_available, .. } => format!(
                "maxUnavailable {} keeps at least {min_available} of {replicas} pods available, so the Deployment controller scaled the old ReplicaSet {replica_set} down only as far as the available pods allow: to {to} from {from}.",
                max_unavailable.en()
            ),
            RecreateScaleDown { replica_set, from, .. } => format!(
                "The Recreate strategy takes every old ReplicaSet to 0 first, so the Deployment controller scaled {replica_set} down from {from} to 0; the new ReplicaSet starts only after every old pod is gone."
            ),
            RecreateScaleUp { replica_set, replicas, .. } => format!(
                "Every old pod is gone, so under the Recreate strategy the Deployment controller gave the new ReplicaSet {replica_set} all {replicas} replicas at once."
            ),
            Rollback { replica_set, revision, old_revision, from, to, .. } => format!(
                "An older pod template came back (kubectl rollout undo), so its ReplicaSet {replica_set} (revision {old_revision}, now {revision}) is the new one again and the Deployment controller scaled it up to {to} from {from}."
            ),
            FollowsReplicas { replica_set, from, to, .. } => format!(
                "The Deployment wants {to} replicas, so the Deployment controller set its ReplicaSet {replica_set} to {to}{}.",
                from_en(*from)
            ),
            ProportionalScaling { replica_set, from, to, replicas, max_total, .. } => format!(
                "The Deployment's replicas changed to {replicas} during a rollout, so the Deployment controller shared the change among its ReplicaSets in proportion to their sizes (at most {max_total} in all): {replica_set} went from {from} to {to}."
            ),
            ScaledReplicaSet { replica_set, from, to, .. } => format!(
                "The Deployment controller set ReplicaSet {replica_set} to {to} replicas{}; the ReplicaSet controller now creates or deletes pods to match.",
                from_en(*from)
            ),
            DeletedPod { pod, wanted: Some(0), .. } => {
                format!("The ReplicaSet wants no pods now, so the ReplicaSet controller deletes every one of its pods, {pod} among them.")
            }
            DeletedPod { pod, wanted, unscheduled, .. } => {
                let had = match wanted {
                    Some(wanted) => format!("The ReplicaSet had more than the {} it wants", pods_en(*wanted)),
                    None => "The ReplicaSet had more pods than it wants".to_string(),
                };
                let why = if *unscheduled {
                    "it was on no node yet, and such pods go first".to_string()
                } else {
                    "pods on no node go first, then pending ones, then not-ready ones; among ready ones, those sharing a node with more of its pods, then the newest".to_string()
                };
                format!("{had}, so the ReplicaSet controller deleted {pod}: {why}.")
            }
            FailedScheduling { nodes, .. } => match nodes {
                Some(nodes) => format!("None of the {nodes} nodes can take this pod now, so it stays Pending; the scheduler tries again when nodes or pods change."),
                None => "No node can take this pod now, so it stays Pending; the scheduler tries again when nodes or pods change.".to_string(),
            },
            WaitingForClaim { claim, problem, .. } => {
                let claim = claim.as_deref().map(|c| format!("PersistentVolumeClaim {c}")).unwrap_or_else(|| "a PersistentVolumeClaim".into());
                match problem {
                    ClaimProblem::NotFound => format!("The pod mounts {claim}, which does not exist, so no node is tried: it stays Pending until the claim is created and bound."),
                    ClaimProblem::BeingDeleted => format!("The pod mounts {claim}, which is being deleted, so it cannot be scheduled."),
                    ClaimProblem::Unbound => "The pod's claim has no volume yet (its class binds at once), so it stays Pending until the claim is Bound.".to_string(),
                }
            }
            JobCreatedPod { job, pod, completions, parallelism } => match completions {
                Some(completions) => format!("The Job controller created pod {pod} for Job {job}: it runs up to {parallelism} at a time until {completions} succeed."),
                None => format!("The Job controller created pod {pod} for Job {job}: it runs up to {parallelism} at a time until one succeeds."),
            },
            JobCompleted { job, succeeded } => format!("{} of Job {job} succeeded, so the Job is Complete; its pods stay (Completed) with their logs until the Job is deleted.", pods_en(*succeeded)),
            JobBackoffLimitExceeded { job, backoff_limit } => format!("More than {backoff_limit} pods of Job {job} failed (its backoffLimit), so the Job is Failed and starts no more pods."),
            JobDeadlineExceeded { job, seconds } => format!("Job {job} ran longer than its activeDeadlineSeconds ({seconds} s), so its pods are stopped and the Job is Failed."),
            JobPodFailurePolicy { job, pod, cause, rule } => {
                let cause = match cause {
                    PolicyCause::ExitCode { container, code } => format!("its container {container} exited with code {code}"),
                    PolicyCause::Condition(condition) => format!("it has the condition {condition}"),
                };
                format!("Pod {pod} of Job {job} failed and {cause}, which rule {rule} of the Job's podFailurePolicy answers with FailJob: the Job is Failed at once, without the retries backoffLimit allows, and its other pods are stopped.")
            }
            CronJobCreatedJob { cron_job, job, schedule } => format!("The schedule of CronJob {cron_job} ({schedule}) came due, so the CronJob controller created Job {job}; the Job controller runs its pod."),
            CronJobSawFinishedJob { cron_job, job, condition } => format!("Job {job} of CronJob {cron_job} finished ({condition}), so it is no longer active; it stays, with its pod and logs, until the history limit drops it."),
            CronJobDeletedJob { cron_job, job, replaced: true, .. } => format!("Job {job} was still running at the next scheduled time and CronJob {cron_job}'s concurrencyPolicy is Replace, so the CronJob controller deleted it (and its pod) to start the next."),
            CronJobDeletedJob { cron_job, job, successful_limit, failed_limit, .. } => format!("CronJob {cron_job} keeps at most {successful_limit} successful and {failed_limit} failed finished Jobs (its history limits), so the CronJob controller deleted the oldest, {job}, with its pod."),
            CronJobSkippedRun { cron_job } => format!("A Job of CronJob {cron_job} is still running and its concurrencyPolicy is Forbid, so the CronJob controller skipped this scheduled run."),
            TaintEviction { pod, node: Some(node) } => format!("Node {node} has a NoExecute taint that pod {pod} does not tolerate (or no longer, its tolerationSeconds are up), so the taint eviction controller deletes the pod; its controller, if it has one, makes a replacement elsewhere."),
            TaintEviction { pod, node: None } => format!("Pod {pod}'s node has a NoExecute taint it does not tolerate (or no longer), so the taint eviction controller deletes the pod."),
            TaintEvictionCancelled { pod } => format!("The NoExecute taint went before pod {pod}'s tolerationSeconds ran out, so its eviction is cancelled and it keeps running."),
            NodeCordoned { node, cordoned: true } => format!("Node {node} is cordoned (spec.unschedulable): the scheduler puts no new pod there; the pods it runs stay until drained."),
            NodeCordoned { node, cordoned: false } => format!("Node {node} is uncordoned: the scheduler may place pods there again, and pods waiting for a node are tried again."),
            BudgetSelectsNoPods { budget } => format!("PodDisruptionBudget {budget} selects no pod: compare its selector with the pods' labels (kubectl get pods --show-labels). It protects nothing until it matches."),
            BudgetUnmanagedPods { budget } => format!("PodDisruptionBudget {budget} covers pods that no controller owns: a percentage or maxUnavailable needs a controller's replica count, so set minAvailable to a number instead."),
            BudgetWithoutScale { budget } => format!("PodDisruptionBudget {budget} covers pods whose controller has no replica count (a Job's, a DaemonSet's): it allows no eviction until that is fixed."),
            AutoscalerRescaled { autoscaler, size, up: true } => format!("HorizontalPodAutoscaler {autoscaler} raised its target to minReplicas ({size}): the bounds apply at every sync (every 15 s), before any metric is read."),
            AutoscalerRescaled { autoscaler, size, up: false } => format!("HorizontalPodAutoscaler {autoscaler} lowered its target to maxReplicas ({size}): a replica count set by hand above the bound is undone at the next sync."),
            AutoscalerWithoutMetrics { autoscaler } => format!("HorizontalPodAutoscaler {autoscaler} cannot read CPU use: this cluster runs no metrics-server (as a fresh minikube or kind; there minikube addons enable metrics-server adds it). It keeps the replica count and only enforces minReplicas and maxReplicas."),
            AutoscalerTargetMissing { autoscaler } => format!("HorizontalPodAutoscaler {autoscaler} cannot read its target's scale: scaleTargetRef must name an existing Deployment, ReplicaSet, StatefulSet or ReplicationController with its current apiVersion (apps/v1, or v1 for a ReplicationController)."),
            WaitingForVolume { claim, provisioner } => format!("Claim {claim} has no matching volume, so its StorageClass's provisioner {provisioner} is asked to make one."),
            VolumeProvisioned { claim, volume } => format!("The provisioner created volume {volume} for claim {claim}; the PersistentVolume controller binds them."),
            ImagePullFailed { .. } => {
                "The kubelet could not pull this pod's image; it retries with growing pauses (ImagePullBackOff), and the pod stays not ready meanwhile.".to_string()
            }
            VolumeNotMounted { volume, missing, .. } => format!(
                "The kubelet cannot set up volume {volume} ({missing}), so the pod stays ContainerCreating: no image is pulled and no container starts until it mounts. It tries again, waiting twice as long each time (up to 2 minutes)."
            ),
            Stopping { container, grace_seconds, services, .. } => {
                let left = match services.as_slice() {
                    [] => String::new(),
                    [service] => format!(" it has left the endpoints of Service {service}, and"),
                    services => format!(" it has left the endpoints of Services {}, and", services.join(", ")),
                };
                format!(
                    "The pod is being deleted:{left} the kubelet asks container {container} to stop (SIGTERM) and kills it after {grace_seconds} s if it still runs."
                )
            }
            LivenessRestart { container, .. } => {
                format!("The liveness probe failed too many times in a row, so the kubelet kills container {container} and starts it again.")
            }
            PostStartHookFailed { container, .. } => format!(
                "The postStart hook of container {container} failed, so the kubelet killed the container: it is not Running until a start's hook succeeds, and it restarts with back-off (PostStartHookError, then CrashLoopBackOff)."
            ),
            PreStopHookFailed { container, .. } => {
                format!("The preStop hook of container {container} failed; the kubelet stops the container all the same, with SIGTERM now.")
            }
            ReadinessFailed { failure_threshold, services, .. } => {
                let traffic = match services.as_slice() {
                    [] => "it gets no traffic".to_string(),
                    [service] => format!("it leaves the endpoints of Service {service} and gets no traffic"),
                    services => format!("it leaves the endpoints of Services {} and gets no traffic", services.join(", ")),
                };
                format!(
                    "A readiness probe failed: after {failure_threshold} failures in a row (at once if the pod was not ready yet) the pod is not ready, so {traffic} until the probe passes again."
                )
            }
            LivenessFailed { failure_threshold, .. } => {
                format!("A liveness probe failed: after {failure_threshold} failures in a row the kubelet restarts the container.")
            }
            CrashLoopBackOff { container, init: true, .. } => format!(
                "Init container {container} keeps failing, so the kubelet waits longer before each restart (10 s, 20 s, 40 s, … up to 5 min): Init:CrashLoopBackOff. The pod's containers do not start until it exits with code 0."
            ),
            CrashLoopBackOff { container, .. } => format!(
                "Container {container} keeps exiting: the kubelet restarted it at once the first time, and now waits longer before each restart (10 s, 20 s, 40 s, … up to 5 min): CrashLoopBackOff."
            ),
            InitStarted { container, sidecar: true, .. } => format!(
                "Sidecar {container} (an init container with restartPolicy: Always) started; it keeps running beside the pod's containers, and the next container starts now."
            ),
            InitStarted { container, remaining, .. } => {
                let then = match remaining {
                    0 => "then the pod's containers start".to_string(),
                    1 => "then the next init container runs, and after it the pod's containers".to_string(),
                    n => format!("then the {n} init containers after it run one by one, and after them the pod's containers"),
                };
                format!("Init container {container} runs first: until it exits with code 0 the pod stays Init; {then}.")
            }
            NodeNotReady { node } => format!(
                "The kubelet on {node} stopped reporting for 40 s, so the node lifecycle controller marked the node NotReady and tainted it: no new pods go there, and its pods are evicted once their toleration runs out."
            ),
            NodeReady { node } => format!("The kubelet on {node} reports again, so the node is Ready and takes pods again."),
            PodNodeNotReady { toleration_seconds, .. } => {
                let after = match toleration_seconds {
                    Some(seconds) => format!("after its {seconds} s toleration"),
                    None => "once its toleration runs out".to_string(),
                };
                format!("The pod's node is not ready, so the pod is marked not ready (it leaves Service endpoints) and will be evicted {after}.")
            }
            Evicted { toleration_seconds, .. } => {
                let longer = match toleration_seconds {
                    Some(seconds) => format!("longer than its {seconds} s toleration"),
                    None => "longer than it tolerates".to_string(),
                };
                format!("The pod's node has been unreachable {longer}, so the pod is deleted; its ReplicaSet creates a replacement on a ready node.")
            }
            FirstReplicaSet { .. } | CreatedPod { .. } | Scheduled { .. } | Pulling { .. } | Pulled { .. } | CreatedContainer { .. } | Started { .. } => self.en_first_load().unwrap_or_default(),
        }
    }

    /// The sentence in Korean, in the words of the Korean Kubernetes docs.
    pub fn ko(&self) -> String {
        self.ko_first_load().unwrap_or_else(|| self.ko_more())
    }

    /// `ko` of the events of a Deployment's pods coming up, which the page's first load
    /// explains; apart from the others (`#[inline(never)]` both), so that the split of the
    /// page's wasm (scripts/split-wasm.mjs) leaves the others and their sentences to the rest.
    #[inline(never)]
    fn ko_first_load(&self) -> Option<String> {
        use Explanation::*;
        let text = match self {
            FirstReplicaSet { replica_set, replicas, .. } => format!(
                "디플로이먼트가 새로 만들어져서, 디플로이먼트 컨트롤러가 첫 레플리카셋 {replica_set}을(를) 의도한 레플리카 {replicas}개로 한 번에 만들었습니다."
            ),
            CreatedPod { pod, wanted, .. } => match wanted {
                Some(wanted) => format!("레플리카셋이 파드 {wanted}개를 원하는데 그보다 적어서, 레플리카셋 컨트롤러가 {pod}을(를) 만들었습니다."),
                None => format!("레플리카셋의 파드가 원하는 수보다 적어서, 레플리카셋 컨트롤러가 {pod}을(를) 만들었습니다."),
            },
            Scheduled { node, .. } => {
                format!("스케줄러가 이 파드를 받을 수 있는 노드 중에서 {node}을(를) 골랐습니다. 이제 {node}의 kubelet이 파드를 시작합니다.")
            }
            Pulling { image, .. } => format!("kubelet이 컨테이너를 시작하기 전에 이미지 {image}을(를) 내려받습니다."),
            Pulled { image, already_present, .. } => {
                if *already_present {
                    format!("이미지 {image}이(가) 이미 이 노드에 있어서 kubelet이 바로 컨테이너를 시작할 수 있습니다.")
                } else {
                    format!("이미지 {image}을(를) 다 내려받아서, kubelet이 다음으로 컨테이너를 만듭니다.")
                }
            }
            CreatedContainer { container, .. } => format!("kubelet이 컨테이너 {container}을(를) 만들었습니다. 다음은 시작입니다."),
            Started { container, ephemeral: true, .. } => {
                format!("임시(ephemeral) 컨테이너 {container}이(가) 디버깅을 위해 파드의 컨테이너들 곁에서 실행 중입니다. 프로브가 없고 파드의 준비 상태를 바꾸지 않습니다.")
            }
            Started { container, post_start: true, .. } => format!(
                "컨테이너 {container}이(가) 시작되었고 지금 postStart 훅이 실행됩니다. 훅이 끝나야 컨테이너가 Running이 되고 준비될 수 있습니다."
            ),
            Started { container, readiness_probe, containers, .. } if *containers > 1 => {
                let own = if *readiness_probe { "레디니스 프로브를 통과하면 준비됩니다" } else { "레디니스 프로브가 없으므로 실행되자마자 준비됩니다" };
                format!("컨테이너 {container}이(가) 실행 중입니다. 이 컨테이너는 {own}. 파드는 컨테이너 {containers}개가 모두 준비되어야 준비 상태가 되어 서비스 트래픽을 받습니다.")
            }
            Started { container, readiness_probe, .. } => {
                if *readiness_probe {
                    format!("컨테이너 {container}이(가) 실행 중입니다. 레디니스 프로브를 통과하면 파드가 준비 상태가 되어 서비스 트래픽을 받습니다.")
                } else {
                    format!("컨테이너 {container}이(가) 실행 중입니다. 레디니스 프로브가 없으므로 실행되자마자 파드가 준비 상태가 됩니다.")
                }
            }
            _ => return None,
        };
        Some(text)
    }

    /// `ko` of every other event.
    #[inline(never)]
    fn ko_more(&self) -> String {
        use Explanation::*;
        match self {
            SurgeScaleUp { replica_set, from, to, max_surge, max_total, .. } => format!(
                "maxSurge {} 덕분에 전체가 {max_total}개까지 늘 수 있어서, 디플로이먼트 컨트롤러가 새 레플리카셋 {replica_set}의 레플리카를 {}{to}개로 늘렸습니다.",
                max_surge.ko(),
                from_ko(*from)
            ),
            AvailabilityScaleDown { replica_set, from, to, replicas, max_unavailable, min_available, .. } => format!(
                "maxUnavailable {} 때문에 파드 {replicas}개 중 최소 {min_available}개는 사용 가능해야 해서, 디플로이먼트 컨트롤러가 이전 레플리카셋 {replica_set}의 레플리카를 사용 가능한 파드가 허락하는 만큼만 {from}개에서 {to}개로 줄였습니다.",
                max_unavailable.ko()
            ),
            RecreateScaleDown { replica_set, from, .. } => format!(
                "Recreate 전략은 이전 레플리카셋을 모두 먼저 0으로 줄이므로, 디플로이먼트 컨트롤러가 {replica_set}의 레플리카를 {from}개에서 0개로 줄였습니다. 새 레플리카셋은 이전 파드가 모두 사라진 뒤에야 시작합니다."
            ),
            RecreateScaleUp { replica_set, replicas, .. } => format!(
                "이전 파드가 모두 사라져서, Recreate 전략에 따라 디플로이먼트 컨트롤러가 새 레플리카셋 {replica_set}에 레플리카 {replicas}개를 한 번에 주었습니다."
            ),
            Rollback { replica_set, revision, old_revision, from, to, .. } => format!(
                "이전 파드 템플릿이 돌아와서(kubectl rollout undo) 그 레플리카셋 {replica_set}(리비전 {old_revision}, 이제 {revision})이(가) 다시 새 레플리카셋이 되었고, 디플로이먼트 컨트롤러가 레플리카를 {from}개에서 {to}개로 늘렸습니다."
            ),
            FollowsReplicas { replica_set, from, to, .. } => format!(
                "디플로이먼트의 의도한 레플리카 수가 {to}개라서, 디플로이먼트 컨트롤러가 레플리카셋 {replica_set}의 레플리카를 {}{to}개로 맞췄습니다.",
                from_ko(*from)
            ),
            ProportionalScaling { replica_set, from, to, replicas, max_total, .. } => format!(
                "롤아웃 중에 디플로이먼트의 레플리카 수가 {replicas}개로 바뀌어서, 디플로이먼트 컨트롤러가 그 변화를 레플리카셋들에 크기 비율대로 나눴습니다(전체 최대 {max_total}개). {replica_set}은(는) {from}개에서 {to}개가 되었습니다."
            ),
            ScaledReplicaSet { replica_set, from, to, .. } => format!(
                "디플로이먼트 컨트롤러가 레플리카셋 {replica_set}의 레플리카를 {}{to}개로 정했습니다. 이제 레플리카셋 컨트롤러가 그 수에 맞게 파드를 만들거나 지웁니다.",
                from_ko(*from)
            ),
            DeletedPod { pod, wanted: Some(0), .. } => {
                format!("레플리카셋이 이제 파드를 원하지 않아서, 레플리카셋 컨트롤러가 {pod}을(를) 포함해 모든 파드를 지웁니다.")
            }
            DeletedPod { pod, wanted, unscheduled, .. } => {
                let had = match wanted {
                    Some(wanted) => format!("레플리카셋의 파드가 원하는 {wanted}개보다 많아서"),
                    None => "레플리카셋의 파드가 원하는 수보다 많아서".to_string(),
                };
                let why = if *unscheduled {
                    "아직 어느 노드에도 없던 파드라서 먼저 지워졌습니다.".to_string()
                } else {
                    "노드에 없는 파드, Pending 파드, 준비되지 않은 파드 순으로 먼저 지우고, 준비된 파드 중에서는 자기 파드가 더 많은 노드의 파드, 그다음 가장 새 파드를 지웁니다.".to_string()
                };
                format!("{had} 레플리카셋 컨트롤러가 {pod}을(를) 지웠습니다. {why}")
            }
            FailedScheduling { nodes, .. } => match nodes {
                Some(nodes) => format!("노드 {nodes}개 중 어느 노드도 지금은 이 파드를 받을 수 없어서 Pending으로 남습니다. 노드나 파드가 바뀌면 스케줄러가 다시 시도합니다."),
                None => "지금은 어느 노드도 이 파드를 받을 수 없어서 Pending으로 남습니다. 노드나 파드가 바뀌면 스케줄러가 다시 시도합니다.".to_string(),
            },
            WaitingForClaim { claim, problem, .. } => {
                let claim = claim.as_deref().unwrap_or("");
                match problem {
                    ClaimProblem::NotFound => format!("파드가 마운트하는 퍼시스턴트볼륨클레임 {claim}이(가) 없어서 어느 노드도 검토하지 않습니다. 클레임이 만들어지고 바인딩될 때까지 Pending으로 남습니다."),
                    ClaimProblem::BeingDeleted => format!("파드가 마운트하는 클레임 {claim}이(가) 삭제되는 중이라 스케줄할 수 없습니다."),
                    ClaimProblem::Unbound => "파드의 클레임에 아직 볼륨이 없어서(스토리지클래스가 즉시 바인딩하는 방식), 클레임이 Bound가 될 때까지 Pending으로 남습니다.".to_string(),
                }
            }
            JobCreatedPod { job, pod, completions, parallelism } => match completions {
                Some(completions) => format!("잡 컨트롤러가 잡 {job}의 파드 {pod}을(를) 만들었습니다. 파드 {completions}개가 성공할 때까지 한 번에 최대 {parallelism}개를 실행합니다."),
                None => format!("잡 컨트롤러가 잡 {job}의 파드 {pod}을(를) 만들었습니다. 파드 하나가 성공할 때까지 한 번에 최대 {parallelism}개를 실행합니다."),
            },
            JobCompleted { job, succeeded } => format!("잡 {job}의 파드 {succeeded}개가 성공해서 잡이 Complete가 되었습니다. 파드는 잡을 삭제할 때까지 로그와 함께 (Completed로) 남습니다."),
            JobBackoffLimitExceeded { job, backoff_limit } => format!("잡 {job}의 파드가 backoffLimit({backoff_limit})보다 많이 실패해서 잡이 Failed가 되었고, 파드를 더 만들지 않습니다."),
            JobDeadlineExceeded { job, seconds } => format!("잡 {job}이(가) activeDeadlineSeconds({seconds}초)보다 오래 실행되어 파드가 중지되고 잡이 Failed가 되었습니다."),
            JobPodFailurePolicy { job, pod, cause, rule } => {
                let cause = match cause {
                    PolicyCause::ExitCode { container, code } => format!("컨테이너 {container}이(가) 종료 코드 {code}로 끝났고"),
                    PolicyCause::Condition(condition) => format!("{condition} 컨디션이 붙었고"),
                };
                format!("잡 {job}의 파드 {pod}이(가) 실패하면서 {cause}, 잡의 podFailurePolicy 규칙 {rule}이(가) 여기에 FailJob으로 답합니다. 그래서 backoffLimit만큼 재시도하지 않고 잡이 바로 Failed가 되며, 나머지 파드는 중지됩니다.")
            }
            CronJobCreatedJob { cron_job, job, schedule } => format!("크론잡 {cron_job}의 스케줄({schedule}) 시각이 되어 크론잡 컨트롤러가 잡 {job}을(를) 만들었습니다. 잡 컨트롤러가 그 파드를 실행합니다."),
            CronJobSawFinishedJob { cron_job, job, condition } => format!("크론잡 {cron_job}의 잡 {job}이(가) 끝나서({condition}) 더 이상 활성 잡이 아닙니다. 잡은 기록 한도를 넘을 때까지 파드, 로그와 함께 남습니다."),
            CronJobDeletedJob { cron_job, job, replaced: true, .. } => format!("다음 스케줄 시각에 잡 {job}이(가) 아직 실행 중이었고 크론잡 {cron_job}의 concurrencyPolicy가 Replace여서, 크론잡 컨트롤러가 다음 잡을 시작하려고 이 잡(과 파드)을 지웠습니다."),
            CronJobDeletedJob { cron_job, job, successful_limit, failed_limit, .. } => format!("크론잡 {cron_job}은(는) 끝난 잡을 성공 {successful_limit}개, 실패 {failed_limit}개까지만 남겨서(기록 한도), 크론잡 컨트롤러가 가장 오래된 잡 {job}을(를) 파드와 함께 지웠습니다."),
            CronJobSkippedRun { cron_job } => format!("크론잡 {cron_job}의 잡이 아직 실행 중이고 concurrencyPolicy가 Forbid여서, 크론잡 컨트롤러가 이번 스케줄 실행을 건너뛰었습니다."),
            TaintEviction { pod, node: Some(node) } => format!("노드 {node}에 파드 {pod}이(가) 톨러레이션하지 않는(또는 tolerationSeconds가 지난) NoExecute 테인트가 있어서, 테인트 축출 컨트롤러가 파드를 지웁니다. 파드에 컨트롤러가 있으면 다른 곳에 대체 파드를 만듭니다."),
            TaintEviction { pod, node: None } => format!("파드 {pod}의 노드에 톨러레이션하지 않는 NoExecute 테인트가 있어서, 테인트 축출 컨트롤러가 파드를 지웁니다."),
            TaintEvictionCancelled { pod } => format!("파드 {pod}의 tolerationSeconds가 지나기 전에 NoExecute 테인트가 사라져서 축출이 취소되고, 파드는 계속 실행됩니다."),
            NodeCordoned { node, cordoned: true } => format!("노드 {node}이(가) 코든되었습니다(spec.unschedulable). 스케줄러는 새 파드를 이 노드에 배치하지 않고, 실행 중인 파드는 드레인할 때까지 남습니다."),
            NodeCordoned { node, cordoned: false } => format!("노드 {node}의 코든이 풀렸습니다. 스케줄러가 다시 이 노드에 파드를 배치할 수 있고, 노드를 기다리던 파드를 다시 시도합니다."),
            BudgetSelectsNoPods { budget } => format!("PodDisruptionBudget {budget}의 셀렉터에 맞는 파드가 없습니다. 셀렉터와 파드 레이블(kubectl get pods --show-labels)을 비교하세요. 맞는 파드가 생기기 전까지는 아무것도 보호하지 않습니다."),
            BudgetUnmanagedPods { budget } => format!("PodDisruptionBudget {budget}이(가) 컨트롤러가 없는 파드를 대상으로 합니다. 퍼센트나 maxUnavailable은 컨트롤러의 레플리카 수가 필요하니 minAvailable을 숫자로 지정하세요."),
            BudgetWithoutScale { budget } => format!("PodDisruptionBudget {budget}이(가) 레플리카 수가 없는 컨트롤러(잡, 데몬셋)의 파드를 대상으로 합니다. 이를 고치기 전까지 축출을 허용하지 않습니다."),
            AutoscalerRescaled { autoscaler, size, up: true } => format!("HorizontalPodAutoscaler {autoscaler}이(가) 대상을 minReplicas({size})로 늘렸습니다. 최소·최대 범위는 메트릭을 읽기 전에 동기화할 때마다(15초마다) 적용됩니다."),
            AutoscalerRescaled { autoscaler, size, up: false } => format!("HorizontalPodAutoscaler {autoscaler}이(가) 대상을 maxReplicas({size})로 줄였습니다. 범위를 넘게 손으로 정한 레플리카 수는 다음 동기화에서 되돌려집니다."),
            AutoscalerWithoutMetrics { autoscaler } => format!("HorizontalPodAutoscaler {autoscaler}이(가) CPU 사용량을 읽지 못합니다. 이 클러스터에는 metrics-server가 없습니다(새 minikube나 kind와 같습니다. minikube에서는 minikube addons enable metrics-server로 추가합니다). 레플리카 수는 그대로 두고 minReplicas와 maxReplicas만 지킵니다."),
            AutoscalerTargetMissing { autoscaler } => format!("HorizontalPodAutoscaler {autoscaler}이(가) 대상의 스케일을 읽지 못합니다. scaleTargetRef는 현재 apiVersion(apps/v1, 레플리케이션컨트롤러는 v1)으로 존재하는 디플로이먼트, 레플리카셋, 스테이트풀셋 또는 레플리케이션컨트롤러를 가리켜야 합니다."),
            WaitingForVolume { claim, provisioner } => format!("클레임 {claim}에 맞는 볼륨이 없어서 스토리지클래스의 프로비저너 {provisioner}에게 볼륨을 만들도록 요청합니다."),
            VolumeProvisioned { claim, volume } => format!("프로비저너가 클레임 {claim}을(를) 위해 볼륨 {volume}을(를) 만들었고, 퍼시스턴트볼륨 컨트롤러가 둘을 바인딩합니다."),
            ImagePullFailed { .. } => {
                "kubelet이 이 파드의 이미지를 가져오지 못했습니다. 점점 더 오래 기다리며 다시 시도하고(ImagePullBackOff), 그동안 파드는 준비되지 않은 상태입니다.".to_string()
            }
            VolumeNotMounted { volume, missing, .. } => format!(
                "kubelet이 볼륨 {volume}을(를) 준비하지 못했습니다({missing}). 그래서 파드는 ContainerCreating 상태로 남고, 볼륨이 마운트될 때까지 이미지를 받지도 컨테이너를 시작하지도 않습니다. 기다리는 시간을 매번 두 배로 늘리며(최대 2분) 다시 시도합니다."
            ),
            Stopping { container, grace_seconds, services, .. } => {
                let left = match services.as_slice() {
                    [] => String::new(),
                    services => format!(" 서비스 {}의 엔드포인트에서 빠졌고,", services.join(", ")),
                };
                format!(
                    "파드가 삭제되는 중입니다.{left} kubelet이 컨테이너 {container}에 종료를 요청(SIGTERM)하고, {grace_seconds}초 뒤에도 실행 중이면 강제로 종료합니다."
                )
            }
            LivenessRestart { container, .. } => {
                format!("라이브니스 프로브가 연속으로 너무 많이 실패해서, kubelet이 컨테이너 {container}을(를) 종료하고 다시 시작합니다.")
            }
            PostStartHookFailed { container, .. } => format!(
                "컨테이너 {container}의 postStart 훅이 실패해서 kubelet이 컨테이너를 종료했습니다. 훅이 성공해야 Running이 되며, 컨테이너는 백오프를 두고 다시 시작됩니다(PostStartHookError, 이어서 CrashLoopBackOff)."
            ),
            PreStopHookFailed { container, .. } => {
                format!("컨테이너 {container}의 preStop 훅이 실패했습니다. kubelet은 그래도 컨테이너를 멈추며, 지금 SIGTERM을 보냅니다.")
            }
            ReadinessFailed { failure_threshold, services, .. } => {
                let traffic = match services.as_slice() {
                    [] => "트래픽을 받지 않습니다".to_string(),
                    services => format!("서비스 {}의 엔드포인트에서 빠져 트래픽을 받지 않습니다", services.join(", ")),
                };
                format!(
                    "레디니스 프로브가 실패했습니다. 연속 {failure_threshold}번 실패하면(아직 준비되지 않았다면 바로) 파드가 준비되지 않은 상태가 되어, 프로브를 다시 통과할 때까지 {traffic}."
                )
            }
            LivenessFailed { failure_threshold, .. } => {
                format!("라이브니스 프로브가 실패했습니다. 연속 {failure_threshold}번 실패하면 kubelet이 컨테이너를 다시 시작합니다.")
            }
            CrashLoopBackOff { container, init: true, .. } => format!(
                "초기화 컨테이너 {container}이(가) 계속 실패해서, kubelet이 재시작할 때마다 더 오래 기다립니다(10초, 20초, 40초, … 최대 5분): Init:CrashLoopBackOff. 이 컨테이너가 코드 0으로 끝나기 전에는 파드의 컨테이너가 시작되지 않습니다."
            ),
            CrashLoopBackOff { container, .. } => format!(
                "컨테이너 {container}이(가) 계속 종료됩니다. 처음에는 kubelet이 바로 재시작했고, 이제는 재시작할 때마다 더 오래 기다립니다(10초, 20초, 40초, … 최대 5분): CrashLoopBackOff."
            ),
            InitStarted { container, sidecar: true, .. } => format!(
                "사이드카 {container}(restartPolicy: Always인 초기화 컨테이너)이(가) 시작되었습니다. 파드의 컨테이너들 곁에서 계속 실행되고, 다음 컨테이너가 이제 시작됩니다."
            ),
            InitStarted { container, remaining, .. } => {
                let then = match remaining {
                    0 => "그다음 파드의 컨테이너가 시작됩니다".to_string(),
                    1 => "그다음 초기화 컨테이너가 하나 더 실행되고, 그 뒤에 파드의 컨테이너가 시작됩니다".to_string(),
                    n => format!("그다음 초기화 컨테이너 {n}개가 하나씩 실행되고, 그 뒤에 파드의 컨테이너가 시작됩니다"),
                };
                format!("초기화 컨테이너 {container}이(가) 먼저 실행됩니다. 코드 0으로 끝날 때까지 파드는 Init 상태이고, {then}.")
            }
            NodeNotReady { node } => format!(
                "{node}의 kubelet이 40초 동안 상태를 보고하지 않아서, 노드 라이프사이클 컨트롤러가 노드를 NotReady로 표시하고 테인트를 붙였습니다. 새 파드는 가지 않고, 기존 파드는 톨러레이션 시간이 지나면 축출됩니다."
            ),
            NodeReady { node } => format!("{node}의 kubelet이 다시 보고해서 노드가 Ready가 되었고 다시 파드를 받습니다."),
            PodNodeNotReady { toleration_seconds, .. } => {
                let after = match toleration_seconds {
                    Some(seconds) => format!("톨러레이션 {seconds}초가 지나면"),
                    None => "톨러레이션 시간이 지나면".to_string(),
                };
                format!("파드의 노드가 준비되지 않아서, 파드가 준비되지 않은 상태가 되고(서비스 엔드포인트에서 빠짐) {after} 축출됩니다.")
            }
            Evicted { toleration_seconds, .. } => {
                let longer = match toleration_seconds {
                    Some(seconds) => format!("톨러레이션 {seconds}초보다 오래"),
                    None => "허용하는 시간보다 오래".to_string(),
                };
                format!("파드의 노드에 {longer} 연결할 수 없어서 파드가 삭제됩니다. 레플리카셋이 준비된 노드에 대신할 파드를 만듭니다.")
            }
            FirstReplicaSet { .. } | CreatedPod { .. } | Scheduled { .. } | Pulling { .. } | Pulled { .. } | CreatedContainer { .. } | Started { .. } => self.ko_first_load().unwrap_or_default(),
        }
    }
}

/// Explains `events[index]`, reading the events after it and the cluster as it is now. None
/// for events this module does not explain (or an index out of range).
pub fn explain(cluster: &Cluster, events: &[EmittedEvent], index: usize) -> Option<Explanation> {
    let event = events.get(index)?;
    let (kind, name) = event.object.split_once('/')?;
    let namespace = if event.namespace.is_empty() { "default" } else { event.namespace.as_str() };
    let name = name.to_string();
    match (kind, event.reason.as_str()) {
        ("Deployment", "ScalingReplicaSet") => explain_scaling(cluster, events, index, namespace, &name),
        ("ReplicaSet", "SuccessfulCreate") => {
            let pod = event.message.strip_prefix("Created pod: ")?.to_string();
            Some(Explanation::CreatedPod { wanted: wanted_replicas(cluster, events, index, namespace, &name), replica_set: name, pod })
        }
        ("Pod", "Scheduled") => {
            let node = event.message.rsplit_once(" to ")?.1.to_string();
            Some(Explanation::Scheduled { pod: name, node })
        }
        ("Pod", "Pulling") => Some(Explanation::Pulling { image: quoted(&event.message)?, pod: name }),
        ("Pod", "Pulled") => {
            Some(Explanation::Pulled { image: quoted(&event.message)?, already_present: event.message.ends_with("already present on machine"), pod: name })
        }
        ("Pod", "Created") => Some(Explanation::CreatedContainer { container: event.message.strip_prefix("Created container ")?.to_string(), pod: name }),
        ("Pod", "Started") => {
            let container = event.message.strip_prefix("Started container ")?.to_string();
            let pod = find_pod(cluster, namespace, &name);
            if let Some((index, init)) = pod.as_ref().and_then(|pod| pod.spec.init_containers.iter().enumerate().find(|(_, c)| c.name == container)) {
                let remaining = pod.as_ref().map_or(0, |pod| pod.spec.init_containers.len() - index - 1);
                return Some(Explanation::InitStarted { sidecar: init.is_restartable_init(), pod: name, container, remaining });
            }
            let readiness_probe = pod.as_ref().is_some_and(|pod| pod.spec.containers.iter().any(|c| c.name == container && c.readiness_probe.is_some()));
            let ephemeral = pod.as_ref().is_some_and(|pod| pod.spec.ephemeral_containers().iter().any(|c| c.name == container));
            let containers = pod.as_ref().map_or(1, |pod| pod.spec.containers.len());
            let post_start = pod.as_ref().is_some_and(|pod| {
                pod.spec.containers.iter().any(|c| c.name == container && c.extra.get("lifecycle").and_then(|l| l.get("postStart")).is_some())
            });
            Some(Explanation::Started { pod: name, container, readiness_probe, ephemeral, containers, post_start })
        }
        _ => explain_more(cluster, events, index, event, kind, namespace, name),
    }
}

/// `explain` of every event but those of a Deployment's pods coming up, which the page's first
/// load explains: apart (`#[inline(never)]`), so that the split of the page's wasm
/// (scripts/split-wasm.mjs) leaves it to the rest.
#[inline(never)]
fn explain_more(cluster: &Cluster, events: &[EmittedEvent], index: usize, event: &EmittedEvent, kind: &str, namespace: &str, name: String) -> Option<Explanation> {
    match (kind, event.reason.as_str()) {
        ("ReplicaSet", "SuccessfulDelete") => {
            let pod = event.message.strip_prefix("Deleted pod: ")?.to_string();
            let unscheduled = find_pod(cluster, namespace, &pod).is_some_and(|p| p.spec.node_name.is_none());
            Some(Explanation::DeletedPod { wanted: wanted_replicas(cluster, events, index, namespace, &name), replica_set: name, pod, unscheduled })
        }
        ("Pod", "FailedScheduling") if event.message.contains("persistentvolumeclaim") || event.message.contains("PersistentVolumeClaims") => {
            let claim = quoted(&event.message);
            let problem = if event.message.contains("not found") {
                ClaimProblem::NotFound
            } else if event.message.contains("is being deleted") {
                ClaimProblem::BeingDeleted
            } else {
                ClaimProblem::Unbound
            };
            Some(Explanation::WaitingForClaim { pod: name, claim, problem })
        }
        ("Job", "SuccessfulCreate") => {
            let pod = event.message.strip_prefix("Created pod: ")?.to_string();
            let job = cluster.store().get::<crate::engine::api::job::Job>(&Key::new(namespace, &name));
            let (completions, parallelism) = job.map(|j| (j.spec.completions, j.parallelism())).unwrap_or((Some(1), 1));
            Some(Explanation::JobCreatedPod { job: name, pod, completions, parallelism })
        }
        ("Job", "Completed") => {
            let succeeded = cluster.store().get::<crate::engine::api::job::Job>(&Key::new(namespace, &name)).map(|j| j.status.succeeded).unwrap_or(1);
            Some(Explanation::JobCompleted { job: name, succeeded })
        }
        ("Job", "BackoffLimitExceeded") => {
            let backoff_limit = cluster.store().get::<crate::engine::api::job::Job>(&Key::new(namespace, &name)).map(|j| j.backoff_limit()).unwrap_or(6);
            Some(Explanation::JobBackoffLimitExceeded { job: name, backoff_limit })
        }
        ("Job", "PodFailurePolicy") => {
            // `Container C for pod NS/P failed with exit code N matching FailJob rule at index I`,
            // or `Pod NS/P has condition T matching FailJob rule at index I`.
            let (head, rule) = event.message.rsplit_once(" matching FailJob rule at index ")?;
            let rule = rule.parse().ok()?;
            let (pod, cause) = if let Some(rest) = head.strip_prefix("Container ") {
                let (container, rest) = rest.split_once(" for pod ")?;
                let (pod, code) = rest.split_once(" failed with exit code ")?;
                (pod, PolicyCause::ExitCode { container: container.to_string(), code: code.parse().ok()? })
            } else {
                let (pod, condition) = head.strip_prefix("Pod ")?.split_once(" has condition ")?;
                (pod, PolicyCause::Condition(condition.to_string()))
            };
            let pod = pod.split_once('/').map_or(pod, |(_, pod)| pod).to_string();
            Some(Explanation::JobPodFailurePolicy { job: name, pod, cause, rule })
        }
        ("Job", "DeadlineExceeded") => {
            let seconds = cluster.store().get::<crate::engine::api::job::Job>(&Key::new(namespace, &name)).and_then(|j| j.spec.active_deadline_seconds)?;
            Some(Explanation::JobDeadlineExceeded { job: name, seconds })
        }
        ("CronJob", "SuccessfulCreate") => {
            let job = event.message.strip_prefix("Created job ")?.to_string();
            let cron_job = cluster.store().get::<crate::engine::api::cron_job::CronJob>(&Key::new(namespace, &name));
            Some(Explanation::CronJobCreatedJob { schedule: cron_job.map(|c| c.spec.schedule.clone()).unwrap_or_default(), cron_job: name, job })
        }
        ("CronJob", "SawCompletedJob") => {
            let (job, condition) = event.message.strip_prefix("Saw completed job: ")?.split_once(", condition: ")?;
            Some(Explanation::CronJobSawFinishedJob { cron_job: name, job: job.to_string(), condition: condition.to_string() })
        }
        ("CronJob", "SuccessfulDelete") => {
            let job = event.message.strip_prefix("Deleted job ")?.to_string();
            // Under Replace the running Job is deleted just before the next is created, in the
            // same sync; history clean-up comes before anything else the sync reports.
            let replaced = events[index + 1..].iter().find(|e| e.object == event.object && e.namespace == event.namespace).is_some_and(|e| e.reason == "SuccessfulCreate");
            let cron_job = cluster.store().get::<crate::engine::api::cron_job::CronJob>(&Key::new(namespace, &name));
            let (successful_limit, failed_limit) = cron_job.map(|c| (c.spec.successful_jobs_history_limit.unwrap_or(3), c.spec.failed_jobs_history_limit.unwrap_or(1))).unwrap_or((3, 1));
            Some(Explanation::CronJobDeletedJob { cron_job: name, job, replaced, successful_limit, failed_limit })
        }
        ("CronJob", "JobAlreadyActive") => Some(Explanation::CronJobSkippedRun { cron_job: name }),
        ("PersistentVolumeClaim", "ExternalProvisioning") => {
            let provisioner = event.message.split('\'').nth(1)?.to_string();
            Some(Explanation::WaitingForVolume { claim: name, provisioner })
        }
        ("PersistentVolumeClaim", "ProvisioningSucceeded") => {
            let volume = event.message.strip_prefix("Successfully provisioned volume ")?.to_string();
            Some(Explanation::VolumeProvisioned { claim: name, volume })
        }
        ("Pod", "TaintManagerEviction") if event.message.starts_with("Cancelling deletion") => Some(Explanation::TaintEvictionCancelled { pod: name }),
        ("Node", "NodeNotSchedulable") => Some(Explanation::NodeCordoned { node: name, cordoned: true }),
        ("PodDisruptionBudget", "NoPods") => Some(Explanation::BudgetSelectsNoPods { budget: name }),
        ("PodDisruptionBudget", "UnmanagedPods") => Some(Explanation::BudgetUnmanagedPods { budget: name }),
        ("PodDisruptionBudget", "CalculateExpectedPodCountFailed") => Some(Explanation::BudgetWithoutScale { budget: name }),
        ("HorizontalPodAutoscaler", "SuccessfulRescale") => {
            let size = event.message.strip_prefix("New size: ")?.split(';').next()?.parse().ok()?;
            Some(Explanation::AutoscalerRescaled { autoscaler: name, size, up: event.message.contains("below Spec.MinReplicas") })
        }
        ("HorizontalPodAutoscaler", "FailedGetResourceMetric" | "FailedComputeMetricsReplicas") => Some(Explanation::AutoscalerWithoutMetrics { autoscaler: name }),
        ("HorizontalPodAutoscaler", "FailedGetScale") => Some(Explanation::AutoscalerTargetMissing { autoscaler: name }),
        ("Node", "NodeSchedulable") => Some(Explanation::NodeCordoned { node: name, cordoned: false }),
        ("Pod", "FailedScheduling") => {
            let nodes = event.message.split_once(" nodes are available").and_then(|(head, _)| head.split_once('/')).and_then(|(_, n)| n.parse().ok());
            Some(Explanation::FailedScheduling { pod: name, nodes })
        }
        ("Pod", "FailedMount") => {
            let rest = event.message.strip_prefix("MountVolume.SetUp failed for volume \"")?;
            let (volume, reason) = rest.split_once("\" : ")?;
            Some(Explanation::VolumeNotMounted { pod: name, volume: volume.to_string(), missing: reason.to_string() })
        }
        ("Pod", "Failed") if event.message.contains("ImagePull") || event.message.starts_with("Failed to pull image") => {
            Some(Explanation::ImagePullFailed { pod: name })
        }
        ("Pod", "BackOff") if event.message.starts_with("Back-off pulling image") => Some(Explanation::ImagePullFailed { pod: name }),
        ("Pod", "BackOff") => {
            let container = event.message.strip_prefix("Back-off restarting failed container ")?.split(' ').next()?.to_string();
            let init = find_pod(cluster, namespace, &name).is_some_and(|pod| pod.spec.init_containers.iter().any(|c| c.name == container));
            Some(Explanation::CrashLoopBackOff { pod: name, container, init })
        }
        ("Pod", "Killing") => {
            if let Some(container) = event.message.strip_prefix("Stopping container ") {
                let pod = find_pod(cluster, namespace, &name);
                let grace_seconds = pod
                    .as_ref()
                    .and_then(|p| p.metadata.deletion_grace_period_seconds.or(p.spec.termination_grace_period_seconds))
                    .unwrap_or(30);
                let services = pod.as_ref().map(|p| services_selecting(cluster, p)).unwrap_or_default();
                return Some(Explanation::Stopping { pod: name, container: container.to_string(), grace_seconds, services });
            }
            let container = event.message.strip_prefix("Container ")?.strip_suffix(" failed liveness probe, will be restarted")?;
            Some(Explanation::LivenessRestart { pod: name, container: container.to_string() })
        }
        ("Pod", reason @ ("FailedPostStartHook" | "FailedPreStopHook")) => {
            // `... lifecycle hook (...) for Container "NAME" in Pod ...`
            let container = event.message.split_once(" for Container \"")?.1.split_once('"')?.0.to_string();
            Some(if reason == "FailedPostStartHook" { Explanation::PostStartHookFailed { pod: name, container } } else { Explanation::PreStopHookFailed { pod: name, container } })
        }
        ("Pod", "Unhealthy") => {
            let pod = find_pod(cluster, namespace, &name);
            let readiness = event.message.starts_with("Readiness probe failed");
            let probe_threshold = |readiness: bool| {
                pod.as_ref()
                    .and_then(|p| p.spec.containers.first().cloned())
                    .and_then(|c| if readiness { c.readiness_probe } else { c.liveness_probe })
                    .and_then(|probe| probe.failure_threshold)
                    .unwrap_or(3)
            };
            if readiness {
                let services = pod.as_ref().map(|p| services_selecting(cluster, p)).unwrap_or_default();
                Some(Explanation::ReadinessFailed { failure_threshold: probe_threshold(true), pod: name, services })
            } else if event.message.starts_with("Liveness probe failed") {
                Some(Explanation::LivenessFailed { failure_threshold: probe_threshold(false), pod: name })
            } else {
                None
            }
        }
        ("Node", "NodeNotReady") => Some(Explanation::NodeNotReady { node: name }),
        ("Node", "NodeReady") => Some(Explanation::NodeReady { node: name }),
        ("Pod", "NodeNotReady") => {
            let toleration_seconds = find_pod(cluster, namespace, &name).and_then(|p| unreachable_toleration(&p));
            Some(Explanation::PodNodeNotReady { pod: name, toleration_seconds })
        }
        ("Pod", "TaintManagerEviction") => {
            let pod = find_pod(cluster, namespace, &name);
            let node = pod.as_ref().and_then(|p| p.spec.node_name.as_deref()).and_then(|n| cluster.store().get::<crate::engine::api::core::Node>(&crate::engine::store::Key::new("", n)));
            // An unreachable node's evictions (node failure) are told as such; any other
            // NoExecute taint's as a taint's.
            let unreachable = node.as_ref().is_some_and(|n| n.spec.taints.iter().any(|t| t.get("key").and_then(|k| k.as_str()) == Some("node.kubernetes.io/unreachable")));
            if unreachable {
                let toleration_seconds = pod.and_then(|p| unreachable_toleration(&p));
                return Some(Explanation::Evicted { pod: name, toleration_seconds });
            }
            Some(Explanation::TaintEviction { node: node.map(|n| n.metadata.name.to_string()), pod: name })
        }
        _ => None,
    }
}

/// Explanations of the newest `n` events (oldest of them first), for the page's feed.
pub fn explain_newest(cluster: &Cluster, n: usize) -> Vec<Option<Explanation>> {
    let events = cluster.events().emitted();
    let start = events.len().saturating_sub(n);
    (start..events.len()).map(|index| explain(cluster, events, index)).collect()
}

/// The text between the first pair of double quotes: the image of `Pulling image "nginx:1.15"`.
fn quoted(message: &str) -> Option<String> {
    let (_, rest) = message.split_once('"')?;
    Some(rest.split_once('"')?.0.to_string())
}

fn find_pod(cluster: &Cluster, namespace: &str, name: &str) -> Option<std::rc::Rc<Pod>> {
    cluster.store().get::<Pod>(&Key::new(namespace, name))
}

/// The Services in the pod's namespace whose selector matches its labels.
fn services_selecting(cluster: &Cluster, pod: &Pod) -> Vec<String> {
    cluster
        .store()
        .services
        .in_namespace(pod.metadata.ns())
        .filter(|svc| !svc.spec.selector.is_empty() && svc.spec.selector.iter().all(|(k, v)| pod.metadata.labels.get(k) == Some(v)))
        .map(|svc| svc.metadata.name.to_string())
        .collect()
}

/// The pod's `tolerationSeconds` for the `node.kubernetes.io/unreachable:NoExecute` taint.
fn unreachable_toleration(pod: &Pod) -> Option<i64> {
    pod.spec.tolerations.iter().find_map(|toleration| {
        let key = toleration.get("key").and_then(|k| k.as_str());
        let effect = toleration.get("effect").and_then(|e| e.as_str());
        if key == Some("node.kubernetes.io/unreachable") && effect.is_none_or(|e| e == "NoExecute") {
            toleration.get("tolerationSeconds").and_then(serde_json::Value::as_i64)
        } else {
            None
        }
    })
}

/// A `ScalingReplicaSet` message: `Scaled up|down replica set NAME to T[ from F]`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Scaling {
    up: bool,
    replica_set: String,
    to: i32,
    /// None when the ReplicaSet was created with `to` replicas.
    from: Option<i32>,
}

impl Scaling {
    fn parse(message: &str) -> Option<Scaling> {
        let (up, rest) = if let Some(rest) = message.strip_prefix("Scaled up replica set ") {
            (true, rest)
        } else {
            (false, message.strip_prefix("Scaled down replica set ")?)
        };
        let (replica_set, numbers) = rest.split_once(" to ")?;
        let (to, from) = match numbers.split_once(" from ") {
            Some((to, from)) => (to.parse().ok()?, Some(from.parse().ok()?)),
            None => (numbers.parse().ok()?, None),
        };
        Some(Scaling { up, replica_set: replica_set.to_string(), to, from })
    }

    /// A scaling that names the Deployment's new ReplicaSet: one is created, or one grows from
    /// nothing (only the new ReplicaSet, or the one `FindActiveOrLatest` picks, grows from 0).
    fn makes_new(&self) -> bool {
        self.up && self.from.unwrap_or(0) == 0
    }
}

/// The Deployment controller's scaling events about one Deployment, with their indexes.
fn scalings<'a>(events: &'a [EmittedEvent], namespace: &'a str, deployment: &'a str) -> impl DoubleEndedIterator<Item = (usize, Scaling)> + 'a {
    let object = format!("Deployment/{deployment}");
    events.iter().enumerate().filter_map(move |(index, event)| {
        let same_namespace = event.namespace == namespace || (event.namespace.is_empty() && namespace == "default");
        if event.reason != "ScalingReplicaSet" || event.object != object || !same_namespace {
            return None;
        }
        Some((index, Scaling::parse(&event.message)?))
    })
}

/// A ReplicaSet's spec.replicas just before `events[index]`: the `from` of the first scaling of
/// it at `index` or later (0 if that one created it), else its size now (nothing changed it).
fn size_before(cluster: &Cluster, events: &[EmittedEvent], index: usize, namespace: &str, replica_set: &str) -> i32 {
    for event in &events[index..] {
        if event.reason != "ScalingReplicaSet" || event.namespace != namespace {
            continue;
        }
        if let Some(scaling) = Scaling::parse(&event.message).filter(|s| s.replica_set == replica_set) {
            return scaling.from.unwrap_or(0);
        }
    }
    cluster.store().replica_sets.get(&Key::new(namespace, replica_set)).map_or(0, |rs| util::rs_replicas(rs))
}

/// The replicas a ReplicaSet wanted at `events[index]`, when the log or its owner can tell: the
/// size before the next scaling of it, or its size now when a Deployment owns it (a standalone
/// ReplicaSet may have been scaled by hand since, which leaves no event).
fn wanted_replicas(cluster: &Cluster, events: &[EmittedEvent], index: usize, namespace: &str, replica_set: &str) -> Option<i32> {
    for event in &events[index..] {
        if event.reason != "ScalingReplicaSet" || event.namespace != namespace {
            continue;
        }
        if let Some(scaling) = Scaling::parse(&event.message).filter(|s| s.replica_set == replica_set) {
            return scaling.from;
        }
    }
    let rs = cluster.store().replica_sets.get(&Key::new(namespace, replica_set))?;
    rs.metadata.controller_ref().filter(|owner| owner.kind == "Deployment")?;
    Some(util::rs_replicas(rs))
}

/// The Deployment's new ReplicaSet (the one of its template) when `events[index]` happened, if
/// that can be told. Creating a ReplicaSet or growing one from 0 makes it the new one; with no
/// such event after `index`, the answer must also be the new ReplicaSet now. A Recreate rollout
/// scales the old ReplicaSets down before it creates the new one, so for those the new one is
/// the next one made new after `index`.
fn new_replica_set_at(
    events: &[EmittedEvent],
    index: usize,
    namespace: &str,
    deployment: &str,
    scaling: &Scaling,
    recreate: bool,
    new_now: Option<&str>,
) -> Option<String> {
    let mut later = scalings(events, namespace, deployment).filter(|(i, s)| *i > index && s.makes_new());
    if recreate && !scaling.up {
        return match later.next() {
            Some((_, next)) => Some(next.replica_set),
            // Nothing happened since: the new ReplicaSet now, or none yet (old pods still going).
            None => Some(new_now.unwrap_or("").to_string()),
        };
    }
    let any_later = later.next().is_some();
    let latest = scalings(events, namespace, deployment).rfind(|(i, s)| *i <= index && s.makes_new()).map(|(_, s)| s.replica_set);
    match (latest, any_later) {
        (Some(latest), true) => Some(latest),
        (None, true) => None,
        (latest, false) => {
            let now = new_now?;
            latest.filter(|latest| latest != now).map_or(Some(now.to_string()), |_| None)
        }
    }
}

/// Mirrors the choice among `reconcileNewReplicaSet`, `reconcileOldReplicaSets`
/// (pkg/controller/deployment/rolling.go), `rolloutRecreate` (recreate.go) and `scale` (sync.go)
/// that wrote this `ScalingReplicaSet` event.
///
/// Example: 3 replicas, maxSurge 50% (2), maxUnavailable 50% (1), old ReplicaSet at 3. After
/// `kubectl set image` the new one is created with 2 (3 + 2 = 5 in all: `SurgeScaleUp`); the old
/// one goes to 2 (at least 3 − 1 = 2 stay available: `AvailabilityScaleDown`); the new one to 3
/// (2 + 3 = 5 again); the old one to 0.
fn explain_scaling(cluster: &Cluster, events: &[EmittedEvent], index: usize, namespace: &str, deployment_name: &str) -> Option<Explanation> {
    let scaling = Scaling::parse(&events[index].message)?;
    let plain = Explanation::ScaledReplicaSet {
        deployment: deployment_name.to_string(),
        replica_set: scaling.replica_set.clone(),
        from: scaling.from,
        to: scaling.to,
    };
    let Some(deployment) = cluster.store().deployments.get(&Key::new(namespace, deployment_name)).cloned() else { return Some(plain) };
    let owned: Vec<std::rc::Rc<ReplicaSet>> = cluster
        .store()
        .replica_sets
        .in_namespace(namespace)
        .filter(|rs| rs.metadata.controller_ref().is_some_and(|owner| owner.uid == deployment.metadata.uid))
        .cloned()
        .collect();
    let new_now = util::find_new_replica_set(&deployment, &owned).map(|rs| rs.metadata.name.clone());
    let recreate = deployment.is_recreate();
    let rolling = util::is_rolling_update(&deployment);
    let Some(new_then) = new_replica_set_at(events, index, namespace, deployment_name, &scaling, recreate, new_now.as_deref()) else {
        return Some(plain);
    };
    let is_new = new_then == scaling.replica_set;
    // Every other ReplicaSet of the Deployment: those it owns now and those the log names later.
    let mut others: Vec<String> = owned.iter().map(|rs| rs.metadata.name.to_string()).collect();
    others.extend(scalings(events, namespace, deployment_name).filter(|(i, _)| *i >= index).map(|(_, s)| s.replica_set));
    others.shared_sort();
    others.dedup();
    others.retain(|name| *name != scaling.replica_set);
    let others_before: i32 = others.iter().map(|name| size_before(cluster, events, index, namespace, name)).sum();

    let replicas = deployment.replicas();
    let (max_surge, max_unavailable) = fenceposts(&deployment);
    let max_total = replicas + max_surge.value;
    let this_rs = owned.iter().find(|rs| rs.metadata.name == scaling.replica_set);
    let names = |d: &str, rs: &str| (d.to_string(), rs.to_string());
    let (deployment_name, replica_set) = names(deployment_name, &scaling.replica_set);
    let (to, from, from_or_0) = (scaling.to, scaling.from, scaling.from.unwrap_or(0));

    // What each case below claims about the Deployment at that moment is either implied by the
    // event and the sizes before it, or checked against the Deployment's spec now (so a spec
    // changed since gives the plain fact rather than a wrong number).
    let created_at = |name: &str| owned.iter().find(|rs| rs.metadata.name == name).and_then(|rs| rs.metadata.creation_timestamp);
    let older_sibling = owned.iter().any(|rs| {
        rs.metadata.name != scaling.replica_set && created_at(&scaling.replica_set).is_none_or(|x| rs.metadata.creation_timestamp.is_none_or(|t| t <= x))
    });
    // A ReplicaSet at 0 keeps the replica annotations of its last scaling: if one scaled at or
    // after this event disagrees with the spec now, the spec changed since, and the numbers of
    // the spec now would not be those of this event.
    let spec_unchanged = scalings(events, namespace, &deployment_name).filter(|(i, _)| *i >= index).all(|(_, s)| {
        owned.iter().find(|rs| rs.metadata.name == s.replica_set).is_none_or(|rs| {
            util::rs_replicas(rs) != 0
                || (util::desired_replicas_annotation(rs).is_none_or(|d| d == replicas) && util::max_replicas_annotation(rs).is_none_or(|m| m == max_total))
        })
    });
    let explanation = if scaling.up && is_new {
        let revision = this_rs.and_then(|rs| rs.metadata.annotation(REVISION_ANNOTATION)).unwrap_or("");
        let old_revision = this_rs.and_then(|rs| rs.metadata.annotation(REVISION_HISTORY_ANNOTATION)).and_then(|h| h.rsplit(',').next());
        // The ReplicaSet that was the new one before this event, if the log tells.
        let new_before = scalings(events, namespace, &deployment_name).rfind(|(i, s)| *i < index && s.makes_new()).map(|(_, s)| s.replica_set);
        let rollout = new_before.as_ref().map_or(older_sibling, |before| *before != replica_set);
        if from.is_none() && others_before == 0 && this_rs.is_some() && !older_sibling && new_before.is_none() {
            // A first ReplicaSet starts with all replicas: NewRSNewReplicas is min(replicas + maxSurge, replicas).
            Explanation::FirstReplicaSet { deployment: deployment_name, replica_set, replicas: to }
        } else if let (Some(0), Some(old_revision), true) = (from, old_revision, others_before > 0) {
            Explanation::Rollback { deployment: deployment_name, replica_set, revision: revision.to_string(), old_revision: old_revision.to_string(), from: 0, to }
        } else if recreate && from_or_0 == 0 && others_before == 0 && rollout {
            // scaleUpNewReplicaSetForRecreate scales to spec.replicas.
            Explanation::RecreateScaleUp { deployment: deployment_name, replica_set, replicas: to }
        } else if rolling && spec_unchanged && others_before > 0 && to <= replicas && to + others_before == max_total {
            Explanation::SurgeScaleUp { deployment: deployment_name, replica_set, from, to, max_surge, max_total }
        } else if others_before == 0 {
            // Alone, the new ReplicaSet is set to spec.replicas (NewRSNewReplicas comes to
            // replicas when nothing else has pods; `scale` gives the only active one all).
            Explanation::FollowsReplicas { deployment: deployment_name, replica_set, from, to }
        } else {
            plain
        }
    } else if scaling.up {
        // An old ReplicaSet grows only in `scale`: a share of new replicas, or the only one with pods.
        if rolling && spec_unchanged && others_before > 0 && to + others_before <= max_total {
            Explanation::ProportionalScaling { deployment: deployment_name, replica_set, from: from_or_0, to, replicas, max_total }
        } else if others_before == 0 {
            Explanation::FollowsReplicas { deployment: deployment_name, replica_set, from, to }
        } else {
            plain
        }
    } else if is_new {
        if others_before == 0 || (rolling && spec_unchanged && to == replicas) {
            // reconcileNewReplicaSet scales a too-big new ReplicaSet down to spec.replicas.
            Explanation::FollowsReplicas { deployment: deployment_name, replica_set, from, to }
        } else if rolling && spec_unchanged && others_before > 0 {
            Explanation::ProportionalScaling { deployment: deployment_name, replica_set, from: from_or_0, to, replicas, max_total }
        } else {
            plain
        }
    } else if rolling {
        // maxScaledDown = Σspec − minAvailable − unavailable new pods, so at least minAvailable stay.
        let min_available = replicas - max_unavailable.value.min(replicas);
        if spec_unchanged && to + others_before >= min_available {
            Explanation::AvailabilityScaleDown { deployment: deployment_name, replica_set, from: from_or_0, to, replicas, max_unavailable, min_available }
        } else {
            plain
        }
    } else if recreate && to == 0 {
        Explanation::RecreateScaleDown { deployment: deployment_name, replica_set, from: from_or_0 }
    } else {
        plain
    };
    Some(explanation)
}

/// maxSurge and maxUnavailable as `MaxSurge` and `MaxUnavailable` resolve them (0 and 0 for
/// Recreate), with the percentages as written.
fn fenceposts(deployment: &Deployment) -> (Fencepost, Fencepost) {
    let replicas = deployment.replicas();
    if !util::is_rolling_update(deployment) {
        return (Fencepost { value: 0, percent: None }, Fencepost { value: 0, percent: None });
    }
    let rolling = deployment.spec.strategy.rolling_update.clone().unwrap_or_default();
    let (surge, unavailable) = util::resolve_fenceposts(rolling.max_surge.as_ref(), rolling.max_unavailable.as_ref(), replicas).unwrap_or((0, 1));
    let unavailable = if replicas == 0 { 0 } else { unavailable.min(replicas) };
    (Fencepost::of(rolling.max_surge.as_ref(), surge), Fencepost::of(rolling.max_unavailable.as_ref(), unavailable))
}

#[cfg(test)]
mod tests {
    use super::Explanation::*;
    use super::*;
    use crate::engine::timing::Timing;

    /// A cluster driven by kubectl lines and ticks, each event explained as soon as it is emitted
    /// (as the page shows it), so tests can compare that with the explanation at the end.
    struct Run {
        cluster: Cluster,
        live: Vec<Option<Explanation>>,
    }

    impl Run {
        fn new() -> Run {
            let mut cluster = Cluster::new(7, Timing::realistic());
            cluster.events_mut().keep_all = true;
            let mut run = Run { cluster, live: Vec::new() };
            run.catch_up();
            run
        }

        fn catch_up(&mut self) {
            let events = self.cluster.events().emitted();
            for index in self.live.len()..events.len() {
                self.live.push(explain(&self.cluster, events, index));
            }
        }

        fn kubectl(&mut self, line: &str) -> &mut Run {
            let out = crate::kubectl::run_line(&mut self.cluster, line, None);
            assert_eq!(out.exit_code, 0, "{line}: {}", out.stderr);
            self.catch_up();
            self
        }

        fn apply(&mut self, manifest: &str) -> &mut Run {
            let out = crate::kubectl::run_line(&mut self.cluster, "kubectl apply -f -", Some(manifest));
            assert_eq!(out.exit_code, 0, "{}", out.stderr);
            self.catch_up();
            self
        }

        fn sleep(&mut self, seconds: u64) -> &mut Run {
            for _ in 0..seconds {
                self.cluster.tick();
                self.catch_up();
            }
            self
        }

        /// The explanations of the events with `reason`, oldest first, as they were when each
        /// event was the newest (as the page showed them).
        fn explained(&self, reason: &str) -> Vec<Explanation> {
            let events = self.cluster.events().emitted();
            (0..events.len())
                .filter(|&index| events[index].reason == reason)
                .map(|index| self.live[index].clone().unwrap_or_else(|| panic!("no explanation for {:?}", events[index])))
                .collect()
        }

        /// Asserts that every explanation is the same now as when its event was the newest
        /// (nothing the explanations read has changed since).
        fn assert_stable(&self) {
            let events = self.cluster.events().emitted();
            for index in 0..events.len() {
                assert_eq!(explain(&self.cluster, events, index), self.live[index], "{:?}", events[index]);
            }
        }

        fn messages(&self, reason: &str) -> Vec<String> {
            self.cluster.events().emitted().iter().filter(|e| e.reason == reason).map(|e| e.message.clone()).collect()
        }
    }

    fn web(replicas: i32, strategy: &str, image: &str) -> String {
        format!(
            "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: {replicas}
  strategy:
{strategy}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: app
          image: {image}
"
        )
    }

    const SURGE_50: &str = "    type: RollingUpdate
    rollingUpdate:
      maxSurge: 50%
      maxUnavailable: 50%";
    const SURGE_1: &str = "    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0";
    const RECREATE: &str = "    type: Recreate";

    fn percent(value: i32, percent: &str) -> Fencepost {
        Fencepost { value, percent: Some(percent.to_string()) }
    }

    fn int(value: i32) -> Fencepost {
        Fencepost { value, percent: None }
    }

    /// The first two ReplicaSets the Deployment controller scaled, in that order.
    fn rs_names(run: &Run) -> (String, String) {
        rs_names_of_events(run)
    }

    #[test]
    fn rolling_update_rollout_scale_and_undo_as_the_default_page_runs_them() {
        let mut run = Run::new();
        run.apply(&web(3, SURGE_50, "nginx:1.14")).sleep(20);
        run.kubectl("kubectl set image deployment/web app=nginx:1.15").sleep(30);
        run.kubectl("kubectl scale deployment/web --replicas=5").sleep(20);
        // The old ReplicaSet, at 0, still says 3 replicas: the spec changed since the rollout,
        // whose scale-downs now read as the plain fact rather than with the numbers of 5.
        let events = run.cluster.events().emitted();
        let first_down = events.iter().position(|e| e.message.starts_with("Scaled down")).unwrap();
        assert!(matches!(explain(&run.cluster, events, first_down), Some(ScaledReplicaSet { to: 2, from: Some(3), .. })));
        run.kubectl("kubectl rollout undo deployment/web").sleep(30);
        let (v1, v2) = rs_names(&run);
        let d = || "web".to_string();
        let (surge_3, unavailable_3) = (percent(2, "50%"), percent(1, "50%"));
        let (surge_5, unavailable_5) = (percent(3, "50%"), percent(2, "50%"));
        assert_eq!(
            run.explained("ScalingReplicaSet"),
            vec![
                FirstReplicaSet { deployment: d(), replica_set: v1.clone(), replicas: 3 },
                SurgeScaleUp { deployment: d(), replica_set: v2.clone(), from: None, to: 2, max_surge: surge_3.clone(), max_total: 5 },
                AvailabilityScaleDown { deployment: d(), replica_set: v1.clone(), from: 3, to: 2, replicas: 3, max_unavailable: unavailable_3.clone(), min_available: 2 },
                SurgeScaleUp { deployment: d(), replica_set: v2.clone(), from: Some(2), to: 3, max_surge: surge_3, max_total: 5 },
                AvailabilityScaleDown { deployment: d(), replica_set: v1.clone(), from: 2, to: 0, replicas: 3, max_unavailable: unavailable_3, min_available: 2 },
                FollowsReplicas { deployment: d(), replica_set: v2.clone(), from: Some(3), to: 5 },
                Rollback { deployment: d(), replica_set: v1.clone(), revision: "3".into(), old_revision: "1".into(), from: 0, to: 3 },
                AvailabilityScaleDown { deployment: d(), replica_set: v2.clone(), from: 5, to: 3, replicas: 5, max_unavailable: unavailable_5.clone(), min_available: 3 },
                SurgeScaleUp { deployment: d(), replica_set: v1.clone(), from: Some(3), to: 5, max_surge: surge_5, max_total: 8 },
                AvailabilityScaleDown { deployment: d(), replica_set: v2.clone(), from: 3, to: 1, replicas: 5, max_unavailable: unavailable_5.clone(), min_available: 3 },
                AvailabilityScaleDown { deployment: d(), replica_set: v2.clone(), from: 1, to: 0, replicas: 5, max_unavailable: unavailable_5, min_available: 3 },
            ]
        );
    }

    #[test]
    fn the_issue_example_max_surge_1_lets_the_total_reach_4() {
        let mut run = Run::new();
        run.apply(&web(3, SURGE_1, "nginx:1.14")).sleep(20);
        run.kubectl("kubectl set image deployment/web app=nginx:1.15").sleep(40);
        let (_, v2) = rs_names(&run);
        let explained = run.explained("ScalingReplicaSet");
        assert_eq!(explained[1], SurgeScaleUp { deployment: "web".into(), replica_set: v2.clone(), from: None, to: 1, max_surge: int(1), max_total: 4 });
        assert_eq!(
            explained[1].en(),
            format!("maxSurge 1 lets the total reach 4, so the Deployment controller scaled the new ReplicaSet {v2} up to 1.")
        );
        assert_eq!(
            explained[1].ko(),
            format!("maxSurge 1 덕분에 전체가 4개까지 늘 수 있어서, 디플로이먼트 컨트롤러가 새 레플리카셋 {v2}의 레플리카를 1개로 늘렸습니다.")
        );
        // maxUnavailable 0: every step down waits for a new pod to be available.
        let downs: Vec<_> = explained.iter().filter(|e| matches!(e, AvailabilityScaleDown { .. })).collect();
        assert_eq!(downs.len(), 3, "{explained:#?}");
        assert!(downs.iter().all(|e| matches!(e, AvailabilityScaleDown { min_available: 3, max_unavailable, .. } if *max_unavailable == int(0))));
        let ups = explained.iter().filter(|e| matches!(e, SurgeScaleUp { max_total: 4, .. })).count();
        assert_eq!(ups, 3, "{explained:#?}");
        run.assert_stable();
    }

    #[test]
    fn recreate_scales_old_to_zero_first_and_the_new_one_after_every_old_pod_is_gone() {
        let mut run = Run::new();
        run.apply(&web(3, RECREATE, "nginx:1.14")).sleep(20);
        run.kubectl("kubectl set image deployment/web app=nginx:1.15").sleep(40);
        let (v1, v2) = rs_names(&run);
        assert_eq!(
            run.explained("ScalingReplicaSet"),
            vec![
                FirstReplicaSet { deployment: "web".into(), replica_set: v1.clone(), replicas: 3 },
                RecreateScaleDown { deployment: "web".into(), replica_set: v1, from: 3 },
                RecreateScaleUp { deployment: "web".into(), replica_set: v2, replicas: 3 },
            ]
        );
        run.assert_stable();
    }

    #[test]
    fn scaling_during_a_stuck_rollout_is_proportional() {
        let mut run = Run::new();
        run.apply(&web(10, "    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: 3\n      maxUnavailable: 2", "nginx:1.14")).sleep(30);
        run.kubectl("kubectl set image deployment/web app=kubeplay/never-ready:v1").sleep(30);
        let before = run.explained("ScalingReplicaSet").len();
        run.kubectl("kubectl scale deployment/web --replicas=15").sleep(5);
        let (v1, v2) = rs_names(&run);
        let messages = run.messages("ScalingReplicaSet");
        let explained = run.explained("ScalingReplicaSet");
        // The docs' example: old 8 and new 5 (13 = 10 + 3), then 15 replicas: 18 in all, old 11, new 7.
        assert_eq!(messages[before..], [format!("Scaled up replica set {v1} to 11 from 8"), format!("Scaled up replica set {v2} to 7 from 5")]);
        assert_eq!(
            explained[before..],
            [
                ProportionalScaling { deployment: "web".into(), replica_set: v1, from: 8, to: 11, replicas: 15, max_total: 18 },
                SurgeScaleUp { deployment: "web".into(), replica_set: v2, from: Some(5), to: 7, max_surge: int(3), max_total: 18 },
            ]
        );
    }

    #[test]
    fn replica_set_controller_creates_and_deletes_to_match() {
        let mut run = Run::new();
        run.apply(&web(3, SURGE_50, "nginx:1.14")).sleep(20);
        run.kubectl("kubectl scale deployment/web --replicas=1").sleep(5);
        let (v1, _) = rs_names(&run);
        let created = run.explained("SuccessfulCreate");
        assert_eq!(created.len(), 3);
        assert!(created.iter().all(|e| matches!(e, CreatedPod { replica_set, wanted: Some(3), .. } if *replica_set == v1)), "{created:#?}");
        let deleted = run.explained("SuccessfulDelete");
        assert_eq!(deleted.len(), 2);
        assert!(deleted.iter().all(|e| matches!(e, DeletedPod { wanted: Some(1), unscheduled: false, .. })), "{deleted:#?}");
        assert!(deleted[0].en().contains("pods on no node go first, then pending ones, then not-ready ones"), "{}", deleted[0].en());
    }

    #[test]
    fn a_debug_containers_start_says_it_leaves_readiness_alone() {
        let mut run = Run::new();
        run.apply(&web(1, SURGE_50, "nginx:1.14")).sleep(20);
        let pod = run.messages("Scheduled")[0].rsplit_once(" to ").unwrap().0.rsplit_once('/').unwrap().1.to_string();
        run.kubectl(&format!("kubectl debug {pod} --image=busybox:1.28 -c probe -- sleep 3600")).sleep(10);
        let started = run.explained("Started");
        assert_eq!(started.last(), Some(&Started { pod, container: "probe".into(), readiness_probe: false, ephemeral: true, containers: 1, post_start: false }), "{started:#?}");
        assert!(started.last().unwrap().en().contains("does not change whether the pod is Ready"));
    }

    #[test]
    fn a_container_of_several_starts_saying_the_pod_waits_for_all_of_them() {
        let mut run = Run::new();
        run.apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: duo\nspec:\n  containers:\n  - name: web\n    image: nginx:1.14\n  - name: helper\n    image: busybox:1.28\n    command: ['sh', '-c', 'sleep 3600']\n")
            .sleep(10);
        let started = run.explained("Started");
        assert_eq!(started.len(), 2, "{started:#?}");
        assert_eq!(started[1], Started { pod: "duo".into(), container: "helper".into(), readiness_probe: false, ephemeral: false, containers: 2, post_start: false });
        assert!(started[1].en().contains("only when all its 2 containers are ready"), "{}", started[1].en());
        assert!(started[1].ko().contains("컨테이너 2개가 모두 준비되어야"), "{}", started[1].ko());
    }

    #[test]
    fn failed_lifecycle_hooks_are_explained() {
        let mut run = Run::new();
        run.apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: hooked\nspec:\n  containers:\n  - name: web\n    image: nginx:1.14\n    lifecycle:\n      postStart:\n        exec:\n          command: ['sh', '-c', 'exit 3']\n")
            .sleep(10);
        assert_eq!(run.explained("FailedPostStartHook")[0], PostStartHookFailed { pod: "hooked".into(), container: "web".into() });
        let started = &run.explained("Started")[0];
        assert!(matches!(started, Started { post_start: true, .. }), "{started:?}");
        assert!(started.en().contains("its postStart hook runs now"), "{}", started.en());
        assert!(run.explained("FailedPostStartHook")[0].ko().contains("postStart 훅이 실패"));
        run.apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: stopper\nspec:\n  containers:\n  - name: web\n    image: nginx:1.14\n    lifecycle:\n      preStop:\n        httpGet:\n          port: 9999\n          path: /quit\n")
            .sleep(10);
        run.kubectl("kubectl delete pod stopper --wait=false").sleep(5);
        assert_eq!(run.explained("FailedPreStopHook")[0], PreStopHookFailed { pod: "stopper".into(), container: "web".into() });
        assert!(run.explained("FailedPreStopHook")[0].en().contains("stops the container all the same"));
    }

    #[test]
    fn scheduler_and_kubelet_events_are_explained() {
        let mut run = Run::new();
        run.apply(&web(1, SURGE_50, "nginx:1.14")).sleep(20);
        run.kubectl("kubectl delete deployment web").sleep(40);
        let pod = run.messages("Scheduled")[0].rsplit_once(" to ").unwrap().0.rsplit_once('/').unwrap().1.to_string();
        assert!(matches!(&run.explained("Scheduled")[0], Scheduled { pod: p, .. } if *p == pod));
        assert_eq!(run.explained("Pulling")[0], Pulling { pod: pod.clone(), image: "nginx:1.14".into() });
        assert!(matches!(&run.explained("Pulled")[0], Pulled { already_present: false, .. }));
        assert_eq!(run.explained("Created")[0], CreatedContainer { pod: pod.clone(), container: "app".into() });
        assert_eq!(run.explained("Started")[0], Started { pod: pod.clone(), container: "app".into(), readiness_probe: false, ephemeral: false, containers: 1, post_start: false });
        assert_eq!(run.explained("Killing")[0], Stopping { pod, container: "app".into(), grace_seconds: 30, services: vec![] });
    }

    #[test]
    fn a_volume_that_does_not_mount_is_explained_before_any_pull() {
        let mut run = Run::new();
        run.apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: strict\nspec:\n  containers:\n  - name: app\n    image: nginx:1.14\n    volumeMounts:\n    - name: logs\n      mountPath: /logs\n  volumes:\n  - name: logs\n    hostPath:\n      path: /var/log/app\n      type: Directory\n")
            .sleep(6);
        let explained = run.explained("FailedMount");
        assert_eq!(
            explained[0],
            VolumeNotMounted { pod: "strict".into(), volume: "logs".into(), missing: "hostPath type check failed: /var/log/app is not a directory".into() }
        );
        assert!(explained[0].en().contains("no image is pulled"));
        assert!(run.messages("Pulling").is_empty(), "nothing is pulled before the volume mounts");
    }

    #[test]
    fn init_containers_starts_and_back_offs_say_the_pod_waits_for_them() {
        let mut run = Run::new();
        let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: init\nspec:\n  initContainers:\n  - name: setup\n    image: busybox:1.28\n    command: ['sh', '-c', 'exit 0']\n  - name: check\n    image: busybox:1.28\n    command: ['sh', '-c', 'exit 1']\n  containers:\n  - name: app\n    image: nginx:1.14\n";
        run.apply(pod).sleep(20);
        let started = run.explained("Started");
        assert_eq!(started[0], InitStarted { pod: "init".into(), container: "setup".into(), remaining: 1, sidecar: false });
        assert_eq!(started[1], InitStarted { pod: "init".into(), container: "check".into(), remaining: 0, sidecar: false });
        assert!(started[1].en().contains("then the pod's containers start"), "{}", started[1].en());
        let back_off = run.explained("BackOff");
        assert_eq!(back_off[0], CrashLoopBackOff { pod: "init".into(), container: "check".into(), init: true });
        assert!(back_off[0].en().contains("Init:CrashLoopBackOff"));
        assert!(back_off[0].ko().contains("Init:CrashLoopBackOff"));
    }

    #[test]
    fn failed_scheduling_readiness_liveness_and_crash_loops() {
        let mut run = Run::new();
        run.apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: huge\nspec:\n  nodeSelector:\n    disk: none\n  containers:\n    - name: app\n      image: nginx\n").sleep(2);
        run.kubectl("kubectl run crash --image=kubeplay/crash-loop:v1").sleep(60);
        run.apply(
            "apiVersion: v1
kind: Pod
metadata:
  name: probed
  labels:
    app: probed
spec:
  containers:
    - name: app
      image: luksa/kubia:v3
      readinessProbe:
        httpGet:
          path: /
          port: 8080
        periodSeconds: 1
      livenessProbe:
        httpGet:
          path: /
          port: 8080
        periodSeconds: 1
        failureThreshold: 2
---
apiVersion: v1
kind: Service
metadata:
  name: probed
spec:
  selector:
    app: probed
  ports:
    - port: 80
      targetPort: 8080
",
        )
        .sleep(30);
        assert!(matches!(&run.explained("FailedScheduling")[0], FailedScheduling { pod, nodes: Some(2) } if pod == "huge"), "{:?}", run.messages("FailedScheduling"));
        assert_eq!(run.explained("BackOff")[0], CrashLoopBackOff { pod: "crash".into(), container: "crash".into(), init: false });
        let unhealthy = run.explained("Unhealthy");
        assert!(unhealthy.contains(&ReadinessFailed { pod: "probed".into(), failure_threshold: 3, services: vec!["probed".into()] }), "{unhealthy:#?}");
        assert!(unhealthy.contains(&LivenessFailed { pod: "probed".into(), failure_threshold: 2 }), "{unhealthy:#?}");
        assert!(run.explained("Killing").contains(&LivenessRestart { pod: "probed".into(), container: "app".into() }));
    }

    #[test]
    fn a_stopped_node_turns_not_ready_and_its_pods_are_evicted() {
        let mut run = Run::new();
        run.apply(&web(2, SURGE_50, "nginx:1.14")).sleep(20);
        let node = run.cluster.store().nodes.iter().next().unwrap().metadata.name.clone();
        run.cluster.set_kubelet_running(&node, false);
        run.sleep(400);
        assert_eq!(run.explained("NodeNotReady")[0], NodeNotReady { node: node.to_string() });
        let pods = run.explained("NodeNotReady");
        assert!(pods[1..].iter().all(|e| matches!(e, PodNodeNotReady { toleration_seconds: Some(300), .. })), "{pods:#?}");
        let evicted = run.explained("TaintManagerEviction");
        assert!(!evicted.is_empty() && evicted.iter().all(|e| matches!(e, Evicted { toleration_seconds: Some(300), .. })), "{evicted:#?}");
        run.cluster.set_kubelet_running(&node, true);
        run.sleep(5);
        assert_eq!(run.explained("NodeReady").last(), Some(&NodeReady { node: node.to_string() }));
    }

    #[test]
    fn without_the_deployment_the_sentence_is_the_plain_fact() {
        let mut run = Run::new();
        run.apply(&web(2, SURGE_50, "nginx:1.14")).sleep(5);
        run.kubectl("kubectl delete deployment web").sleep(5);
        let (v1, _) = rs_names_of_events(&run);
        assert_eq!(run.explained_now("ScalingReplicaSet"), vec![ScaledReplicaSet { deployment: "web".into(), replica_set: v1, from: None, to: 2 }]);
    }

    fn rs_names_of_events(run: &Run) -> (String, String) {
        let mut names: Vec<String> = Vec::new();
        for scaling in run.messages("ScalingReplicaSet").iter().filter_map(|m| Scaling::parse(m)) {
            if !names.contains(&scaling.replica_set) {
                names.push(scaling.replica_set);
            }
        }
        (names[0].clone(), names.get(1).cloned().unwrap_or_default())
    }

    impl Run {
        /// The explanations now, without comparing them with the live ones.
        fn explained_now(&self, reason: &str) -> Vec<Explanation> {
            let events = self.cluster.events().emitted();
            (0..events.len()).filter(|&i| events[i].reason == reason).filter_map(|i| explain(&self.cluster, events, i)).collect()
        }
    }

    fn s(text: &str) -> String {
        text.to_string()
    }

    /// One sentence in both languages.
    fn check(explanation: Explanation, en: &str, ko: &str) {
        assert_eq!(explanation.en(), en);
        assert_eq!(explanation.ko(), ko);
    }

    #[test]
    fn sentences() {
        let s = |text: &str| text.to_string();
        check(
            SurgeScaleUp { deployment: s("web"), replica_set: s("web-7dfcc"), from: Some(2), to: 3, max_surge: percent(2, "50%"), max_total: 5 },
            "maxSurge 50% (2 pods) lets the total reach 5, so the Deployment controller scaled the new ReplicaSet web-7dfcc up to 3 from 2.",
            "maxSurge 50%(파드 2개) 덕분에 전체가 5개까지 늘 수 있어서, 디플로이먼트 컨트롤러가 새 레플리카셋 web-7dfcc의 레플리카를 2개에서 3개로 늘렸습니다.",
        );
        check(
            AvailabilityScaleDown { deployment: s("web"), replica_set: s("web-5d4f"), from: 3, to: 2, replicas: 3, max_unavailable: int(1), min_available: 2 },
            "maxUnavailable 1 keeps at least 2 of 3 pods available, so the Deployment controller scaled the old ReplicaSet web-5d4f down only as far as the available pods allow: to 2 from 3.",
            "maxUnavailable 1 때문에 파드 3개 중 최소 2개는 사용 가능해야 해서, 디플로이먼트 컨트롤러가 이전 레플리카셋 web-5d4f의 레플리카를 사용 가능한 파드가 허락하는 만큼만 3개에서 2개로 줄였습니다.",
        );
        check(
            FirstReplicaSet { deployment: s("web"), replica_set: s("web-5d4f"), replicas: 3 },
            "The Deployment is new, so the Deployment controller created its first ReplicaSet, web-5d4f, with all 3 wanted replicas at once.",
            "디플로이먼트가 새로 만들어져서, 디플로이먼트 컨트롤러가 첫 레플리카셋 web-5d4f을(를) 의도한 레플리카 3개로 한 번에 만들었습니다.",
        );
        check(
            RecreateScaleDown { deployment: s("web"), replica_set: s("web-5d4f"), from: 3 },
            "The Recreate strategy takes every old ReplicaSet to 0 first, so the Deployment controller scaled web-5d4f down from 3 to 0; the new ReplicaSet starts only after every old pod is gone.",
            "Recreate 전략은 이전 레플리카셋을 모두 먼저 0으로 줄이므로, 디플로이먼트 컨트롤러가 web-5d4f의 레플리카를 3개에서 0개로 줄였습니다. 새 레플리카셋은 이전 파드가 모두 사라진 뒤에야 시작합니다.",
        );
        check(
            RecreateScaleUp { deployment: s("web"), replica_set: s("web-7dfcc"), replicas: 3 },
            "Every old pod is gone, so under the Recreate strategy the Deployment controller gave the new ReplicaSet web-7dfcc all 3 replicas at once.",
            "이전 파드가 모두 사라져서, Recreate 전략에 따라 디플로이먼트 컨트롤러가 새 레플리카셋 web-7dfcc에 레플리카 3개를 한 번에 주었습니다.",
        );
        check(
            Rollback { deployment: s("web"), replica_set: s("web-5d4f"), revision: s("3"), old_revision: s("1"), from: 0, to: 2 },
            "An older pod template came back (kubectl rollout undo), so its ReplicaSet web-5d4f (revision 1, now 3) is the new one again and the Deployment controller scaled it up to 2 from 0.",
            "이전 파드 템플릿이 돌아와서(kubectl rollout undo) 그 레플리카셋 web-5d4f(리비전 1, 이제 3)이(가) 다시 새 레플리카셋이 되었고, 디플로이먼트 컨트롤러가 레플리카를 0개에서 2개로 늘렸습니다.",
        );
        check(
            FollowsReplicas { deployment: s("web"), replica_set: s("web-7dfcc"), from: Some(3), to: 5 },
            "The Deployment wants 5 replicas, so the Deployment controller set its ReplicaSet web-7dfcc to 5 from 3.",
            "디플로이먼트의 의도한 레플리카 수가 5개라서, 디플로이먼트 컨트롤러가 레플리카셋 web-7dfcc의 레플리카를 3개에서 5개로 맞췄습니다.",
        );
        check(
            ProportionalScaling { deployment: s("web"), replica_set: s("web-5d4f"), from: 8, to: 11, replicas: 15, max_total: 18 },
            "The Deployment's replicas changed to 15 during a rollout, so the Deployment controller shared the change among its ReplicaSets in proportion to their sizes (at most 18 in all): web-5d4f went from 8 to 11.",
            "롤아웃 중에 디플로이먼트의 레플리카 수가 15개로 바뀌어서, 디플로이먼트 컨트롤러가 그 변화를 레플리카셋들에 크기 비율대로 나눴습니다(전체 최대 18개). web-5d4f은(는) 8개에서 11개가 되었습니다.",
        );
        check(
            ScaledReplicaSet { deployment: s("web"), replica_set: s("web-5d4f"), from: None, to: 2 },
            "The Deployment controller set ReplicaSet web-5d4f to 2 replicas; the ReplicaSet controller now creates or deletes pods to match.",
            "디플로이먼트 컨트롤러가 레플리카셋 web-5d4f의 레플리카를 2개로 정했습니다. 이제 레플리카셋 컨트롤러가 그 수에 맞게 파드를 만들거나 지웁니다.",
        );
        check(
            CreatedPod { replica_set: s("web-5d4f"), pod: s("web-5d4f-abcde"), wanted: Some(3) },
            "The ReplicaSet wants 3 pods and had fewer, so the ReplicaSet controller created web-5d4f-abcde.",
            "레플리카셋이 파드 3개를 원하는데 그보다 적어서, 레플리카셋 컨트롤러가 web-5d4f-abcde을(를) 만들었습니다.",
        );
        check(
            DeletedPod { replica_set: s("web-5d4f"), pod: s("web-5d4f-abcde"), wanted: Some(1), unscheduled: true },
            "The ReplicaSet had more than the 1 pod it wants, so the ReplicaSet controller deleted web-5d4f-abcde: it was on no node yet, and such pods go first.",
            "레플리카셋의 파드가 원하는 1개보다 많아서 레플리카셋 컨트롤러가 web-5d4f-abcde을(를) 지웠습니다. 아직 어느 노드에도 없던 파드라서 먼저 지워졌습니다.",
        );
        check(
            ReadinessFailed { pod: s("web-1"), failure_threshold: 3, services: vec![s("web")] },
            "A readiness probe failed: after 3 failures in a row (at once if the pod was not ready yet) the pod is not ready, so it leaves the endpoints of Service web and gets no traffic until the probe passes again.",
            "레디니스 프로브가 실패했습니다. 연속 3번 실패하면(아직 준비되지 않았다면 바로) 파드가 준비되지 않은 상태가 되어, 프로브를 다시 통과할 때까지 서비스 web의 엔드포인트에서 빠져 트래픽을 받지 않습니다.",
        );
        check(
            LivenessFailed { pod: s("web-1"), failure_threshold: 3 },
            "A liveness probe failed: after 3 failures in a row the kubelet restarts the container.",
            "라이브니스 프로브가 실패했습니다. 연속 3번 실패하면 kubelet이 컨테이너를 다시 시작합니다.",
        );
        check(
            Stopping { pod: s("web-1"), container: s("nginx"), grace_seconds: 30, services: vec![s("web")] },
            "The pod is being deleted: it has left the endpoints of Service web, and the kubelet asks container nginx to stop (SIGTERM) and kills it after 30 s if it still runs.",
            "파드가 삭제되는 중입니다. 서비스 web의 엔드포인트에서 빠졌고, kubelet이 컨테이너 nginx에 종료를 요청(SIGTERM)하고, 30초 뒤에도 실행 중이면 강제로 종료합니다.",
        );
        check(
            Stopping { pod: s("web-1"), container: s("nginx"), grace_seconds: 30, services: vec![] },
            "The pod is being deleted: the kubelet asks container nginx to stop (SIGTERM) and kills it after 30 s if it still runs.",
            "파드가 삭제되는 중입니다. kubelet이 컨테이너 nginx에 종료를 요청(SIGTERM)하고, 30초 뒤에도 실행 중이면 강제로 종료합니다.",
        );
        check(
            DeletedPod { replica_set: s("web-5d4f"), pod: s("web-5d4f-abcde"), wanted: Some(0), unscheduled: false },
            "The ReplicaSet wants no pods now, so the ReplicaSet controller deletes every one of its pods, web-5d4f-abcde among them.",
            "레플리카셋이 이제 파드를 원하지 않아서, 레플리카셋 컨트롤러가 web-5d4f-abcde을(를) 포함해 모든 파드를 지웁니다.",
        );
        check(
            Scheduled { pod: s("web-1"), node: s("node-1") },
            "The scheduler chose node-1 among the nodes that fit this pod; the kubelet on node-1 starts it next.",
            "스케줄러가 이 파드를 받을 수 있는 노드 중에서 node-1을(를) 골랐습니다. 이제 node-1의 kubelet이 파드를 시작합니다.",
        );
        check(
            Evicted { pod: s("web-1"), toleration_seconds: Some(300) },
            "The pod's node has been unreachable longer than its 300 s toleration, so the pod is deleted; its ReplicaSet creates a replacement on a ready node.",
            "파드의 노드에 톨러레이션 300초보다 오래 연결할 수 없어서 파드가 삭제됩니다. 레플리카셋이 준비된 노드에 대신할 파드를 만듭니다.",
        );
    }

    /// The CronJob controller's events: each scheduled Job, each finished one, the history
    /// clean-up, and Replace and Forbid with a Job that outlives a minute.
    #[test]
    fn cron_jobs_are_explained() {
        let mut run = Run::new();
        run.kubectl("kubectl create cronjob hello --image=busybox:1.36 --schedule='* * * * *' -- echo hello").sleep(250);
        let created: Vec<Explanation> = run.explained("SuccessfulCreate").into_iter().filter(|e| matches!(e, CronJobCreatedJob { .. })).collect();
        assert_eq!(created.len(), 4, "{created:?}");
        assert_eq!(created[0], CronJobCreatedJob { cron_job: s("hello"), job: s("hello-29923201"), schedule: s("* * * * *") });
        assert_eq!(run.explained("SawCompletedJob")[0], CronJobSawFinishedJob { cron_job: s("hello"), job: s("hello-29923201"), condition: s("Complete") });
        assert_eq!(run.explained("SuccessfulDelete"), vec![CronJobDeletedJob { cron_job: s("hello"), job: s("hello-29923201"), replaced: false, successful_limit: 3, failed_limit: 1 }]);
        run.kubectl("kubectl delete cronjob hello");
        for (name, policy) in [("forbid", "Forbid"), ("replace", "Replace")] {
            run.apply(&format!("apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: {name}\nspec:\n  schedule: \"* * * * *\"\n  concurrencyPolicy: {policy}\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - {{name: c, image: busybox:1.36, command: [sleep, \"90\"]}}\n          restartPolicy: Never\n"));
        }
        run.sleep(130);
        assert_eq!(run.explained("JobAlreadyActive"), vec![CronJobSkippedRun { cron_job: s("forbid") }]);
        let replaced: Vec<Explanation> = run.explained("SuccessfulDelete").into_iter().filter(|e| matches!(e, CronJobDeletedJob { replaced: true, .. })).collect();
        assert_eq!(replaced, vec![CronJobDeletedJob { cron_job: s("replace"), job: s("replace-29923205"), replaced: true, successful_limit: 3, failed_limit: 1 }]);
    }

    /// A cordon and an uncordon, a NoExecute taint's eviction and a cancelled one.
    #[test]
    fn taints_and_cordons_are_explained() {
        let mut run = Run::new();
        run.kubectl("kubectl cordon node-1").kubectl("kubectl uncordon node-1");
        assert_eq!(run.explained("NodeNotSchedulable"), vec![NodeCordoned { node: s("node-1"), cordoned: true }]);
        assert_eq!(run.explained("NodeSchedulable"), vec![NodeCordoned { node: s("node-1"), cordoned: false }]);
        run.kubectl("kubectl create pdb typo --selector=app=nginx --min-available=1");
        assert_eq!(run.explained("NoPods"), vec![BudgetSelectsNoPods { budget: s("typo") }]);
        run.kubectl("kubectl run lone --image=nginx --labels=app=lone").kubectl("kubectl create pdb lone --selector=app=lone --max-unavailable=50%");
        assert!(run.explained("UnmanagedPods").contains(&BudgetUnmanagedPods { budget: s("lone") }));
        run.kubectl("kubectl create job once --image=busybox -- sleep 60").kubectl("kubectl create pdb once --selector=job-name=once --min-available=50%");
        assert!(run.explained("CalculateExpectedPodCountFailed").contains(&BudgetWithoutScale { budget: s("once") }));
    }

    /// An HPA below its bound, then without metrics, then above its bound, then without target.
    #[test]
    fn autoscalers_are_explained() {
        let mut run = Run::new();
        run.kubectl("kubectl create deployment web --image=nginx --replicas=1").kubectl("kubectl autoscale deployment web --min=3 --max=5 --name=up");
        run.sleep(31);
        assert_eq!(run.explained("SuccessfulRescale"), vec![AutoscalerRescaled { autoscaler: s("up"), size: 3, up: true }]);
        assert!(run.explained("FailedGetResourceMetric").contains(&AutoscalerWithoutMetrics { autoscaler: s("up") }));
        run.kubectl("kubectl scale deployment web --replicas=9").sleep(15);
        assert_eq!(run.explained("SuccessfulRescale")[1], AutoscalerRescaled { autoscaler: s("up"), size: 5, up: false });
        run.kubectl("kubectl delete deployment web").sleep(15);
        assert!(run.explained("FailedGetScale").contains(&AutoscalerTargetMissing { autoscaler: s("up") }));
        run.apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: stays\nspec:\n  nodeName: node-2\n  tolerations:\n  - {key: maint, operator: Exists, effect: NoExecute, tolerationSeconds: 60}\n  containers:\n  - {name: c, image: nginx}\n");
        run.apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: goes\nspec:\n  nodeName: node-2\n  containers:\n  - {name: c, image: nginx}\n");
        run.sleep(5);
        run.kubectl("kubectl taint nodes node-2 maint:NoExecute").sleep(5).kubectl("kubectl taint nodes node-2 maint:NoExecute-");
        let evicted = run.explained("TaintManagerEviction");
        assert!(evicted.contains(&TaintEviction { pod: s("goes"), node: Some(s("node-2")) }), "{evicted:?}");
        assert!(evicted.contains(&TaintEvictionCancelled { pod: s("stays") }), "{evicted:?}");
    }

    #[test]
    fn jobs_and_claims_are_explained() {
        let mut run = Run::new();
        run.kubectl("kubectl create job hello --image=busybox:1.36 -- echo hello").sleep(4);
        assert_eq!(run.explained("SuccessfulCreate"), vec![JobCreatedPod { job: "hello".into(), pod: run.messages("SuccessfulCreate")[0].trim_start_matches("Created pod: ").into(), completions: Some(1), parallelism: 1 }]);
        assert_eq!(run.explained("Completed"), vec![JobCompleted { job: "hello".into(), succeeded: 1 }]);
        let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - {name: app, image: nginx}\n  volumes:\n  - name: data\n    persistentVolumeClaim: {claimName: data}\n";
        run.apply(pod).sleep(1);
        assert_eq!(run.explained("FailedScheduling")[0], WaitingForClaim { pod: "app".into(), claim: Some("data".into()), problem: ClaimProblem::NotFound });
        run.apply("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n");
        assert_eq!(run.explained("ExternalProvisioning"), vec![WaitingForVolume { claim: "data".into(), provisioner: "k8s.io/minikube-hostpath".into() }]);
        let volume = run.messages("ProvisioningSucceeded")[0].trim_start_matches("Successfully provisioned volume ").to_string();
        assert_eq!(run.explained("ProvisioningSucceeded"), vec![VolumeProvisioned { claim: "data".into(), volume }]);
        run.apply("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: failjob\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - {name: main, image: bash:5, command: [bash, -c, 'exit 42']}\n  podFailurePolicy:\n    rules:\n    - action: FailJob\n      onExitCodes: {operator: In, values: [42]}\n").sleep(10);
        let pod = run.messages("SuccessfulCreate").iter().filter_map(|m| m.strip_prefix("Created pod: ")).find(|p| p.starts_with("failjob-")).unwrap().to_string();
        assert_eq!(run.explained("PodFailurePolicy"), vec![JobPodFailurePolicy { job: s("failjob"), pod, cause: PolicyCause::ExitCode { container: s("main"), code: 42 }, rule: 0 }]);
        check(
            CronJobCreatedJob { cron_job: s("hello"), job: s("hello-29923201"), schedule: s("* * * * *") },
            "The schedule of CronJob hello (* * * * *) came due, so the CronJob controller created Job hello-29923201; the Job controller runs its pod.",
            "크론잡 hello의 스케줄(* * * * *) 시각이 되어 크론잡 컨트롤러가 잡 hello-29923201을(를) 만들었습니다. 잡 컨트롤러가 그 파드를 실행합니다.",
        );
        check(
            CronJobDeletedJob { cron_job: s("hello"), job: s("hello-29923201"), replaced: false, successful_limit: 3, failed_limit: 1 },
            "CronJob hello keeps at most 3 successful and 1 failed finished Jobs (its history limits), so the CronJob controller deleted the oldest, hello-29923201, with its pod.",
            "크론잡 hello은(는) 끝난 잡을 성공 3개, 실패 1개까지만 남겨서(기록 한도), 크론잡 컨트롤러가 가장 오래된 잡 hello-29923201을(를) 파드와 함께 지웠습니다.",
        );
        check(
            JobBackoffLimitExceeded { job: "fail".into(), backoff_limit: 4 },
            "More than 4 pods of Job fail failed (its backoffLimit), so the Job is Failed and starts no more pods.",
            "잡 fail의 파드가 backoffLimit(4)보다 많이 실패해서 잡이 Failed가 되었고, 파드를 더 만들지 않습니다.",
        );
        check(
            JobPodFailurePolicy { job: s("failjob"), pod: s("failjob-8ckj8"), cause: PolicyCause::ExitCode { container: s("main"), code: 42 }, rule: 0 },
            "Pod failjob-8ckj8 of Job failjob failed and its container main exited with code 42, which rule 0 of the Job's podFailurePolicy answers with FailJob: the Job is Failed at once, without the retries backoffLimit allows, and its other pods are stopped.",
            "잡 failjob의 파드 failjob-8ckj8이(가) 실패하면서 컨테이너 main이(가) 종료 코드 42로 끝났고, 잡의 podFailurePolicy 규칙 0이(가) 여기에 FailJob으로 답합니다. 그래서 backoffLimit만큼 재시도하지 않고 잡이 바로 Failed가 되며, 나머지 파드는 중지됩니다.",
        );
        check(
            WaitingForClaim { pod: "app".into(), claim: Some("data".into()), problem: ClaimProblem::NotFound },
            "The pod mounts PersistentVolumeClaim data, which does not exist, so no node is tried: it stays Pending until the claim is created and bound.",
            "파드가 마운트하는 퍼시스턴트볼륨클레임 data이(가) 없어서 어느 노드도 검토하지 않습니다. 클레임이 만들어지고 바인딩될 때까지 Pending으로 남습니다.",
        );
    }

    #[test]
    fn scaling_messages_parse() {
        assert_eq!(Scaling::parse("Scaled up replica set web-7dfcc to 2 from 1"), Some(Scaling { up: true, replica_set: "web-7dfcc".into(), to: 2, from: Some(1) }));
        assert_eq!(Scaling::parse("Scaled up replica set web-7dfcc to 3"), Some(Scaling { up: true, replica_set: "web-7dfcc".into(), to: 3, from: None }));
        assert_eq!(Scaling::parse("Scaled down replica set web-5d4f to 0 from 2"), Some(Scaling { up: false, replica_set: "web-5d4f".into(), to: 0, from: Some(2) }));
        assert_eq!(Scaling::parse("Scaled sideways"), None);
    }
}
