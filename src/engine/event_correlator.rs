//! What the event recorder does before an Event reaches the API, as client-go's
//! `tools/record/events_cache.go` (`EventCorrelator.EventCorrelate`):
//! - `EventAggregator`: once an object has had ten distinct messages for one (source, type,
//!   reason) within ten minutes of each other, the next ones are combined into one Event,
//!   `(combined from similar events): ...`;
//! - `eventLogger`: an event seen before is counted up (a PATCH of count, lastTimestamp and
//!   message) instead of created again;
//! - `EventSourceObjectSpamFilter`: each source may send 25 events about one object, then one
//!   more every five minutes (a token bucket); the others never reach the API.
//!
//! Each keeps an LRU cache of 4096 entries, as the real ones do. Keys are 128-bit digests of the
//! strings client-go joins (the caches look keys up and never list them).

use std::collections::{HashMap, VecDeque};

use crate::engine::clock::Time;
use crate::engine::fast_hash::FastHash;
use crate::engine::api::text::Text;
use crate::engine::store::KeyRef;
use crate::order::SharedSort;

/// `maxLruCacheEntries`.
const CACHE_ENTRIES: usize = 4096;
/// `defaultAggregateMaxEvents`: distinct messages before similar events are combined.
const MAX_SIMILAR: usize = 10;
/// `defaultAggregateIntervalInSeconds`.
const AGGREGATE_INTERVAL_MS: u64 = 600_000;
/// `defaultSpamBurst`.
const SPAM_BURST: f64 = 25.0;

/// `defaultSpamQPS` (1/300 per second), as the float32 client-go hands to the rate limiter.
fn spam_qps() -> f64 {
    f64::from(1.0f32 / 300.0)
}

/// A 128-bit digest of the strings that make up a cache key.
pub type Digest = (u64, u64);

pub use crate::engine::fast_hash::lookup_digest as digest;

/// A least-recently-used cache (`github.com/golang/groupcache/lru`): `get` and `insert` make an
/// entry the most recent; inserting past the capacity drops the least recent.
#[derive(Debug, Clone)]
pub struct Lru<V> {
    entries: HashMap<Digest, (V, u64), FastHash>,
    /// Uses in order, oldest first; an entry's older uses are stale (their stamp is not its own).
    uses: VecDeque<(u64, Digest)>,
    stamp: u64,
    capacity: usize,
}

impl<V> Lru<V> {
    pub fn new(capacity: usize) -> Lru<V> {
        Lru { entries: HashMap::default(), uses: VecDeque::new(), stamp: 0, capacity }
    }

    pub fn get(&mut self, key: &Digest) -> Option<&mut V> {
        let stamp = self.touch(*key);
        let (value, used) = self.entries.get_mut(key)?;
        *used = stamp;
        Some(value)
    }

    pub fn insert(&mut self, key: Digest, value: V) {
        let stamp = self.touch(key);
        self.entries.insert(key, (value, stamp));
        while self.entries.len() > self.capacity {
            let Some((stamp, oldest)) = self.uses.pop_front() else { break };
            if self.entries.get(&oldest).is_some_and(|(_, used)| *used == stamp) {
                self.entries.remove(&oldest);
            }
        }
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.uses.clear();
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn touch(&mut self, key: Digest) -> u64 {
        self.stamp += 1;
        self.uses.push_back((self.stamp, key));
        if self.uses.len() > 2 * self.capacity + 64 {
            // Keep only each entry's latest use.
            let mut latest: Vec<(u64, Digest)> = self.entries.iter().map(|(k, (_, used))| (*used, *k)).collect();
            latest.shared_sort_unstable();
            self.uses = latest.into();
            self.uses.push_back((self.stamp, key));
        }
        self.stamp
    }
}

/// `aggregateRecord`: the distinct messages (as digests) and when the last similar event came.
#[derive(Debug, Clone, Copy)]
struct Aggregate {
    messages: [Digest; MAX_SIMILAR],
    len: usize,
    last_ms: u64,
}

/// `eventLog`: how often an event was seen, since when, and the Event that counts it.
#[derive(Debug, Clone)]
pub struct Observed {
    pub count: i32,
    pub first: Time,
    pub key: EventKey,
}

/// The namespace and name of the Event that counts an event, shared with the stored Event's
/// own (no copy of the name per Event).
#[derive(Debug, Clone)]
pub struct EventKey {
    pub namespace: Text,
    pub name: Text,
}

impl EventKey {
    pub fn as_ref(&self) -> KeyRef<'_> {
        KeyRef(&self.namespace, &self.name)
    }
}

/// A token bucket (`flowcontrol.NewTokenBucketRateLimiterWithClock`, x/time/rate's `Limiter`).
#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    last_ms: u64,
}

/// The strings of an event that the caches key on.
pub struct Incoming<'a> {
    pub component: &'a str,
    pub host: &'a str,
    pub kind: &'a str,
    pub namespace: &'a str,
    pub name: &'a str,
    pub uid: &'a str,
    pub api_version: &'a str,
    pub field_path: &'a str,
    pub type_: &'a str,
    pub reason: &'a str,
    pub message: &'a str,
}

/// What the correlator decided for one event.
pub struct Correlated {
    /// The event is one of similar events combined under one Event.
    pub combined: bool,
    /// The `eventLogger` key (the event's own, or the aggregate's).
    pub key: Digest,
    /// The earlier observation under `key`, if any.
    pub seen: Option<Observed>,
    /// The spam filter dropped the event.
    pub skip: bool,
}

#[derive(Debug, Clone)]
pub struct Correlator {
    aggregates: Lru<Aggregate>,
    observed: Lru<Observed>,
    spam: Lru<Bucket>,
}

impl Default for Correlator {
    fn default() -> Self {
        Correlator { aggregates: Lru::new(CACHE_ENTRIES), observed: Lru::new(CACHE_ENTRIES), spam: Lru::new(CACHE_ENTRIES) }
    }
}

impl Correlator {
    pub fn clear(&mut self) {
        self.aggregates.clear();
        self.observed.clear();
        self.spam.clear();
    }

    /// `EventCorrelate` up to the filter: the aggregation and the earlier observation.
    /// `rate_limited`: whether the source's recorder has the spam filter (the legacy
    /// `tools/record` recorder of the controllers and the kubelet; the scheduler's
    /// `tools/events` recorder has none).
    pub fn correlate(&mut self, event: &Incoming<'_>, now_ms: u64, rate_limited: bool) -> Correlated {
        let (combined, key) = self.aggregate(event, now_ms);
        let seen = self.observed.get(&key).cloned();
        let skip = rate_limited && !self.allow(event, now_ms);
        Correlated { combined, key, seen, skip }
    }

    /// Records an observation (`eventObserve` adds it to the cache before the filter runs, so a
    /// dropped event still counts).
    pub fn observe(&mut self, key: Digest, observed: Observed) {
        self.observed.insert(key, observed);
    }

    /// `EventAggregator.EventAggregate` with `EventAggregatorByReasonFunc`: the cache key of
    /// the event, and whether it is combined. Go pops any message once ten are known; the
    /// one just added is popped here, so the choice is deterministic.
    fn aggregate(&mut self, event: &Incoming<'_>, now_ms: u64) -> (bool, Digest) {
        let aggregate_key = digest([
            event.component,
            event.host,
            event.kind,
            event.namespace,
            event.name,
            event.uid,
            event.api_version,
            event.type_,
            event.reason,
            event.component,
            event.host,
        ]);
        let message = digest([event.message]);
        let mut record = match self.aggregates.get(&aggregate_key) {
            Some(record) if now_ms.saturating_sub(record.last_ms) <= AGGREGATE_INTERVAL_MS => *record,
            _ => Aggregate { messages: [(0, 0); MAX_SIMILAR], len: 0, last_ms: now_ms },
        };
        let known = record.messages[..record.len].contains(&message);
        let mut combined = false;
        if !known {
            if record.len + 1 < MAX_SIMILAR {
                record.messages[record.len] = message;
                record.len += 1;
            } else {
                combined = true;
            }
        }
        record.last_ms = now_ms;
        self.aggregates.insert(aggregate_key, record);
        if combined {
            return (true, aggregate_key);
        }
        let event_key = digest([
            event.component,
            event.host,
            event.kind,
            event.namespace,
            event.name,
            event.field_path,
            event.uid,
            event.api_version,
            event.type_,
            event.reason,
            event.message,
        ]);
        (false, event_key)
    }

    /// `EventSourceObjectSpamFilter.Filter` with `getSpamKey`: false when the source has no token
    /// left for the object.
    fn allow(&mut self, event: &Incoming<'_>, now_ms: u64) -> bool {
        let spam_key = digest([event.component, event.host, event.kind, event.namespace, event.name, event.uid, event.api_version]);
        let mut bucket = match self.spam.get(&spam_key) {
            Some(bucket) => *bucket,
            None => Bucket { tokens: SPAM_BURST, last_ms: now_ms },
        };
        let elapsed = now_ms.saturating_sub(bucket.last_ms) as f64 / 1000.0;
        let tokens = (bucket.tokens + elapsed * spam_qps()).min(SPAM_BURST);
        let allowed = tokens >= 1.0;
        if allowed {
            bucket = Bucket { tokens: tokens - 1.0, last_ms: now_ms };
        }
        self.spam.insert(spam_key, bucket);
        allowed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn created(message: &str) -> Incoming<'_> {
        Incoming {
            component: "replicaset-controller",
            host: "",
            kind: "ReplicaSet",
            namespace: "default",
            name: "web-1",
            uid: "u",
            api_version: "apps/v1",
            field_path: "",
            type_: "Normal",
            reason: "SuccessfulCreate",
            message,
        }
    }

    #[test]
    fn the_tenth_distinct_message_is_combined() {
        let mut correlator = Correlator::default();
        let combined: Vec<bool> = (0..12).map(|i| correlator.correlate(&created(&format!("Created pod: p{i}")), 0, false).combined).collect();
        assert_eq!(combined, [vec![false; 9], vec![true; 3]].concat());
        // A message among the first nine is still its own event.
        assert!(!correlator.correlate(&created("Created pod: p3"), 0, false).combined);
    }

    #[test]
    fn similar_events_ten_minutes_apart_start_over() {
        let mut correlator = Correlator::default();
        for i in 0..9 {
            correlator.correlate(&created(&format!("m{i}")), 1000 * i, false);
        }
        // The window slides with each event: 600 s after the last one is still inside it.
        assert!(correlator.correlate(&created("m9"), 8000 + 600_000, false).combined);
        assert!(!correlator.correlate(&created("m10"), 8000 + 2 * 600_000 + 1, false).combined);
    }

    #[test]
    fn a_source_sends_25_events_about_an_object_then_one_every_five_minutes() {
        let mut correlator = Correlator::default();
        let allowed = |c: &mut Correlator, at: u64| !c.correlate(&created("same"), at, true).skip;
        let first: Vec<bool> = (0..30).map(|_| allowed(&mut correlator, 0)).collect();
        assert_eq!(first, [vec![true; 25], vec![false; 5]].concat());
        assert!(!allowed(&mut correlator, 299_000));
        assert!(allowed(&mut correlator, 300_000));
        assert!(!allowed(&mut correlator, 300_000));
        // Unlimited sources (the scheduler's recorder) are never dropped.
        assert!(!correlator.correlate(&created("same"), 300_000, false).skip);
    }

    #[test]
    fn the_least_recently_used_entry_is_dropped() {
        let mut lru = Lru::new(2);
        lru.insert((1, 0), 'a');
        lru.insert((2, 0), 'b');
        assert_eq!(lru.get(&(1, 0)), Some(&mut 'a'));
        lru.insert((3, 0), 'c');
        assert_eq!(lru.get(&(2, 0)), None);
        assert_eq!(lru.get(&(1, 0)), Some(&mut 'a'));
        for i in 0..1000 {
            lru.get(&(1, 0));
            lru.insert((4 + i, 0), 'x');
        }
        assert_eq!(lru.len(), 2);
        assert!(lru.get(&(1, 0)).is_some(), "a hot entry survives");
    }
}
