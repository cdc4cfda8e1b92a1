//! Work queues with Kubernetes' semantics: a key queued twice is processed once.

use std::collections::{BTreeMap, HashSet, VecDeque};

use crate::engine::clock::SimTime;
use crate::engine::store::{Key, KeyRef};

/// A FIFO of keys without duplicates (`workqueue.Interface`). A key re-added while it is being
/// processed goes to the back, as `Done` does for a dirty key.
#[derive(Debug, Clone, Default)]
pub struct WorkQueue {
    order: VecDeque<Key>,
    queued: HashSet<Key>,
}

impl WorkQueue {
    pub fn add(&mut self, key: Key) {
        if self.queued.insert(key.clone()) {
            self.order.push_back(key);
        }
    }

    /// `add` without building a `Key` when it is already queued (the common case).
    pub fn add_ref(&mut self, key: KeyRef<'_>) {
        if !self.queued.contains(key.q()) {
            self.add(key.to_key());
        }
    }

    pub fn pop(&mut self) -> Option<Key> {
        let key = self.order.pop_front()?;
        self.queued.remove(&key);
        Some(key)
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }
}

/// Which controller a delayed key belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum QueueName {
    ReplicaSet,
    Deployment,
    Job,
    DaemonSet,
    StatefulSet,
    ReplicationController,
    CronJob,
    Disruption,
    Autoscaler,
}

/// `AddAfter`: keys that enter their queue when the virtual clock reaches their time.
#[derive(Debug, Clone, Default)]
pub struct DelayedQueue {
    items: BTreeMap<(SimTime, u64), (QueueName, Key)>,
    seq: u64,
}

impl DelayedQueue {
    pub fn add_at(&mut self, at: SimTime, queue: QueueName, key: Key) {
        self.seq += 1;
        self.items.insert((at, self.seq), (queue, key));
    }

    /// Removes and returns every item due at or before `now`, in due order.
    pub fn take_due(&mut self, now: SimTime) -> Vec<(QueueName, Key)> {
        let later = self.items.split_off(&(SimTime(now.0 + 1), 0));
        let due = std::mem::replace(&mut self.items, later);
        due.into_values().collect()
    }

    pub fn next_due(&self) -> Option<SimTime> {
        self.items.keys().next().map(|(t, _)| *t)
    }
}
