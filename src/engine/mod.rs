//! The engine: a deterministic Kubernetes control plane. Commands in, state and events out.
//!
//! `Cluster` owns the store, the virtual clock, the seeded RNG and every controller's queues.
//! After each kubelet step and after each API write the controllers run to a fixed point
//! ("settle"), the way the reference harness schedules the real controllers: pending watch events
//! are delivered, then one ReplicaSet sync if that queue has work, otherwise one Deployment sync,
//! and so on until every queue stays empty (shared/reference/README.md section 2).

pub mod api;
pub mod apiserver;
pub mod arith;
pub mod apps;
pub mod base64;
pub mod clock;
pub mod container_env;
pub mod controllers;
pub mod cron;
pub mod cron_job_registry;
pub mod daemon_set_registry;
pub mod discovery;
pub mod edit_session;
pub mod error;
pub mod event_correlator;
pub mod events;
pub mod fast_hash;
pub mod fields;
pub mod images;
pub mod ingress_registry;
pub mod network_policy;
pub mod network_policy_registry;
pub mod key_set;
pub mod kubelet;
pub mod node_affinity;
pub mod objects;
pub mod perl;
pub mod prober;
pub mod queue;
pub mod regex;
pub mod resources;
pub mod rng;
pub mod scheduler;
pub mod shell;
pub mod shell_redirect;
pub mod shell_heredoc;
pub mod shell_control;
pub mod text_filters;
pub mod replication_controller_registry;
pub mod quota_registry;
pub mod rbac_authorizer;
pub mod rbac_bootstrap;
pub mod rbac_registry;
pub mod disruption_budget_registry;
pub mod autoscaler_registry;
pub mod pod_update;
pub mod eviction;
pub mod stateful_set_registry;
pub mod storage_registry;
pub mod store;
pub mod timing;
pub mod wire_json;
pub mod written_files;
pub mod image_files;

use std::collections::BTreeMap;

use crate::engine::clock::{SimTime, Time};
use crate::engine::events::EventLog;
use crate::engine::queue::{DelayedQueue, QueueName, WorkQueue};
use crate::engine::rng::Rng;
use crate::engine::store::{Key, Store};
use crate::engine::timing::{Timing, TICK_MS};

/// The most controller syncs one settle may run before it stops and reports a livelock.
const MAX_SYNCS_PER_SETTLE: usize = 5_000_000;

/// A whole simulated cluster. Same seed and same calls give the same state, byte for byte.
/// A clone is an independent copy (a client-side dry run acts on one and drops it).
#[derive(Clone)]
pub struct Cluster {
    pub(crate) store: Store,
    now: SimTime,
    pub(crate) rng: Rng,
    timing: Timing,
    pub(crate) rs_queue: WorkQueue,
    pub(crate) deployment_queue: WorkQueue,
    pub(crate) endpoints_queue: WorkQueue,
    pub(crate) job_queue: WorkQueue,
    pub(crate) ds_queue: WorkQueue,
    pub(crate) sts_queue: WorkQueue,
    pub(crate) rc_queue: WorkQueue,
    pub(crate) cron_job_queue: WorkQueue,
    /// Every StatefulSet's revisions (its ControllerRevisions' names, numbers and templates).
    pub(crate) sts_revisions: controllers::stateful_set::Revisions,
    /// PersistentVolumeClaims (namespace, name) and PersistentVolumes ("", name) to sync.
    pub(crate) volume_queue: WorkQueue,
    /// Namespaces whose `default` ServiceAccount to check.
    pub(crate) service_account_queue: WorkQueue,
    /// ResourceQuotas whose usage to recompute.
    pub(crate) quota_queue: WorkQueue,
    /// PodDisruptionBudgets whose status the disruption controller recomputes.
    pub(crate) disruption_queue: WorkQueue,
    /// HorizontalPodAutoscalers to reconcile now, and when each one is next due.
    pub(crate) autoscaler_queue: WorkQueue,
    pub(crate) autoscaler_due: std::collections::HashMap<Key, clock::SimTime, fast_hash::FastHash>,
    /// The user the current kubectl command impersonates: its writes are authorized for that
    /// user. Never set while the clock runs (the controllers act as themselves).
    pub acting: Option<rbac_authorizer::Acting>,
    /// Files commands created in containers (`touch`), on volumes and in pods.
    pub(crate) written: written_files::WrittenFiles,
    pub(crate) delayed: DelayedQueue,
    pub(crate) kubelet: kubelet::Kubelet,
    pub(crate) scheduler: scheduler::Scheduler,
    pub(crate) gc: controllers::garbage_collector::GarbageCollector,
    pub(crate) node_lifecycle: controllers::node_lifecycle::NodeLifecycle,
    pub(crate) namespace_controller: controllers::namespace::NamespaceController,
    pub(crate) events: EventLog,
    pub(crate) allocator: apiserver::Allocator,
    /// Files the terminal and scripts can name with `-f` (the editor's tabs, heredocs).
    files: BTreeMap<String, String>,
    /// The terminal's shell variables (`POD=...`, `export NAME=...`, `?`), kept with its files.
    shell_vars: BTreeMap<String, String>,
    /// The container shell the terminal is in (`kubectl exec -it POD -- sh`), if any.
    exec_session: Option<shell::ExecSession>,
    /// The `kubectl edit` waiting for the page's YAML panel to save or cancel, if any.
    edit_session: Option<edit_session::EditSession>,
    /// Whether `kubectl edit` may open the page's YAML panel as its editor (set by the
    /// playground; the native runner has no panel and needs `KUBE_EDITOR`).
    pub editor_panel: bool,
    /// Number of controller syncs run so far (for benchmarks and tests).
    syncs: u64,
    /// Consecutive failed syncs per Deployment (the rate limiter's memory).
    pub(crate) deployment_retries: std::collections::HashMap<Key, u32>,
    /// Consecutive failed syncs per queue and key: the workqueue rate limiter's memory.
    sync_failures: std::collections::HashMap<(QueueName, Key), u32>,
}

impl Cluster {
    /// A new cluster: two ready nodes (`node-1`, `node-2`), the `default`, `kube-system`,
    /// `kube-public` and `kube-node-lease` namespaces and the `kubernetes` Service.
    pub fn new(seed: u64, timing: Timing) -> Cluster {
        Cluster::with_nodes(seed, timing, 2)
    }

    /// Like `new` with `n_nodes` nodes (`node-1` ...), each with 4 CPUs, 8Gi and 110 pods.
    pub fn with_nodes(seed: u64, timing: Timing, n_nodes: usize) -> Cluster {
        let mut cluster = Cluster {
            store: Store::default(),
            now: SimTime::ZERO,
            rng: Rng::new(seed),
            timing,
            rs_queue: WorkQueue::default(),
            deployment_queue: WorkQueue::default(),
            endpoints_queue: WorkQueue::default(),
            job_queue: WorkQueue::default(),
            ds_queue: WorkQueue::default(),
            sts_queue: WorkQueue::default(),
            rc_queue: WorkQueue::default(),
            cron_job_queue: WorkQueue::default(),
            sts_revisions: Default::default(),
            volume_queue: WorkQueue::default(),
            service_account_queue: WorkQueue::default(),
            quota_queue: WorkQueue::default(),
            disruption_queue: WorkQueue::default(),
            autoscaler_queue: WorkQueue::default(),
            autoscaler_due: Default::default(),
            acting: None,
            written: Default::default(),
            delayed: DelayedQueue::default(),
            kubelet: kubelet::Kubelet::default(),
            scheduler: scheduler::Scheduler::default(),
            gc: Default::default(),
            node_lifecycle: Default::default(),
            namespace_controller: Default::default(),
            events: EventLog::new(),
            allocator: apiserver::Allocator::default(),
            files: BTreeMap::new(),
            shell_vars: BTreeMap::new(),
            exec_session: None,
            edit_session: None,
            editor_panel: false,
            syncs: 0,
            deployment_retries: Default::default(),
            sync_failures: Default::default(),
        };
        apiserver::bootstrap(&mut cluster, n_nodes);
        cluster.settle();
        cluster
    }

    pub fn now(&self) -> SimTime {
        self.now
    }

    /// The current time as an API timestamp (whole seconds).
    pub fn time(&self) -> Time {
        self.now.to_time()
    }

    pub fn timing(&self) -> Timing {
        self.timing
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn syncs(&self) -> u64 {
        self.syncs
    }

    pub fn events(&self) -> &EventLog {
        &self.events
    }

    pub fn events_mut(&mut self) -> &mut EventLog {
        &mut self.events
    }

    /// Saves a file that `-f NAME` can read (an editor tab, a heredoc body).
    pub fn add_file(&mut self, name: &str, text: &str) {
        self.files.insert(name.to_string(), text.to_string());
    }

    pub fn file(&self, name: &str) -> Option<&str> {
        self.files.get(name).map(String::as_str)
    }

    pub fn files(&self) -> &BTreeMap<String, String> {
        &self.files
    }

    /// A shell variable of the terminal.
    pub fn var(&self, name: &str) -> Option<&str> {
        self.shell_vars.get(name).map(String::as_str)
    }

    pub fn set_var(&mut self, name: &str, value: &str) {
        self.shell_vars.insert(name.to_string(), value.to_string());
    }

    pub fn unset_var(&mut self, name: &str) {
        self.shell_vars.remove(name);
    }

    /// The container shell the terminal's lines go to, if one is open.
    pub fn exec_session(&self) -> Option<&shell::ExecSession> {
        self.exec_session.as_ref()
    }

    pub fn set_exec_session(&mut self, session: Option<shell::ExecSession>) {
        self.exec_session = session;
    }

    /// The `kubectl edit` the page's YAML panel is editing for, if one is open.
    pub fn edit_session(&self) -> Option<&edit_session::EditSession> {
        self.edit_session.as_ref()
    }

    pub fn set_edit_session(&mut self, session: Option<edit_session::EditSession>) {
        self.edit_session = session;
    }

    /// The terminal's shell variables, by name.
    pub fn vars(&self) -> &BTreeMap<String, String> {
        &self.shell_vars
    }

    /// Advances the virtual clock by one tick (one second): the kubelets act, then controllers settle.
    pub fn tick(&mut self) {
        let acting = self.acting.take();
        self.tick_as_cluster();
        self.acting = acting;
    }

    fn tick_as_cluster(&mut self) {
        self.now = SimTime(self.now.0 + TICK_MS);
        events::expire(self);
        kubelet::step(self);
        self.settle();
        controllers::node_lifecycle::step(self);
        scheduler::flush_leftover(self);
        apiserver::ensure_kubernetes_service(self);
        self.settle();
    }

    /// Advances the clock by `seconds` ticks.
    pub fn run_for(&mut self, seconds: u64) {
        for _ in 0..seconds {
            self.tick();
        }
    }

    /// Stops or restarts the kubelet of a node (a node failure, as `docker stop` of a kind node).
    pub fn set_kubelet_running(&mut self, node: &str, running: bool) {
        controllers::node_lifecycle::set_kubelet_running(self, node, running);
    }

    /// Runs every controller to a fixed point at the current time.
    pub fn settle(&mut self) {
        let acting = self.acting.take();
        self.settle_as_cluster();
        self.acting = acting;
    }

    fn settle_as_cluster(&mut self) {
        let mut budget = MAX_SYNCS_PER_SETTLE;
        loop {
            self.deliver();
            if budget == 0 {
                break;
            }
            budget -= 1;
            if let Some(key) = self.rs_queue.pop() {
                self.syncs += 1;
                controllers::replica_set::sync(self, &key);
                continue;
            }
            if let Some(key) = self.deployment_queue.pop() {
                self.syncs += 1;
                controllers::deployment::sync(self, &key);
                continue;
            }
            if self.gc.has_work() {
                controllers::garbage_collector::process(self);
                continue;
            }
            if let Some(key) = self.endpoints_queue.pop() {
                controllers::endpoints::sync(self, &key);
                continue;
            }
            if let Some(key) = self.job_queue.pop() {
                self.syncs += 1;
                controllers::job::sync(self, &key);
                continue;
            }
            if let Some(key) = self.cron_job_queue.pop() {
                self.syncs += 1;
                controllers::cron_job::sync(self, &key);
                continue;
            }
            if let Some(key) = self.rc_queue.pop() {
                self.syncs += 1;
                controllers::replication_controller::sync(self, &key);
                continue;
            }
            if let Some(key) = self.sts_queue.pop() {
                self.syncs += 1;
                controllers::stateful_set::sync(self, &key);
                continue;
            }
            if let Some(key) = self.ds_queue.pop() {
                self.syncs += 1;
                controllers::daemon_set::sync(self, &key);
                continue;
            }
            if let Some(key) = self.volume_queue.pop() {
                controllers::persistent_volume::sync(self, &key);
                continue;
            }
            if let Some(key) = self.service_account_queue.pop() {
                controllers::service_account::sync(self, &key);
                continue;
            }
            if let Some(key) = self.quota_queue.pop() {
                controllers::resource_quota::sync(self, &key);
                continue;
            }
            if let Some(key) = self.disruption_queue.pop() {
                controllers::disruption::sync(self, &key);
                continue;
            }
            if let Some(key) = self.autoscaler_queue.pop() {
                controllers::horizontal::sync(self, &key);
                continue;
            }
            if let Some(key) = self.namespace_controller.pop(self.now) {
                controllers::namespace::sync(self, &key);
                continue;
            }
            if self.scheduler.has_work() && !self.timing.is_reference() {
                scheduler::schedule_pending(self);
                continue;
            }
            let due = self.delayed.take_due(self.now);
            if due.is_empty() {
                break;
            }
            for (queue, key) in due {
                self.enqueue(queue, key);
            }
        }
    }

    pub(crate) fn enqueue(&mut self, queue: QueueName, key: Key) {
        match queue {
            QueueName::ReplicaSet => self.rs_queue.add(key),
            QueueName::Deployment => self.deployment_queue.add(key),
            QueueName::Job => self.job_queue.add(key),
            QueueName::DaemonSet => self.ds_queue.add(key),
            QueueName::StatefulSet => self.sts_queue.add(key),
            QueueName::ReplicationController => self.rc_queue.add(key),
            QueueName::CronJob => self.cron_job_queue.add(key),
            QueueName::Disruption => self.disruption_queue.add(key),
            QueueName::Autoscaler => self.autoscaler_queue.add(key),
        }
    }

    /// `processNextWorkItem`'s ending: a failed sync is requeued by the controllers' default
    /// rate limiter (`AddRateLimited`: 5 ms doubling per consecutive failure, at most 1000 s),
    /// a good one forgotten (`Forget`).
    pub(crate) fn sync_done(&mut self, queue: QueueName, key: &Key, failed: bool) {
        if !failed {
            self.sync_failures.remove(&(queue, key.clone()));
            return;
        }
        let failures = self.sync_failures.entry((queue, key.clone())).or_default();
        let delay = 5u64.saturating_mul(1u64 << (*failures).min(20)).min(1_000_000);
        *failures += 1;
        self.enqueue_after(queue, key.clone(), delay);
    }

    /// `AddAfter`: the key enters its queue once the clock reaches now + `millis`.
    pub(crate) fn enqueue_after(&mut self, queue: QueueName, key: Key, millis: u64) {
        let at = SimTime(self.now.0 + millis);
        if at <= self.now {
            self.enqueue(queue, key);
        } else {
            self.delayed.add_at(at, queue, key);
        }
    }

    /// Delivers pending watch events to every controller's handlers (the informers catching up).
    pub(crate) fn deliver(&mut self) {
        while self.store.has_pending() {
            for event in self.store.take_pending() {
                controllers::handlers::dispatch(self, &event);
            }
        }
    }

    /// The earliest virtual time at which something is scheduled to happen without user input.
    pub fn next_wakeup(&self) -> Option<SimTime> {
        [self.delayed.next_due(), self.namespace_controller.next_due()].into_iter().flatten().min()
    }

    /// A render-ready snapshot for the page.
    pub fn view(&self) -> crate::view::ClusterView {
        crate::engine::snapshot::view(self)
    }
}

pub mod snapshot;
