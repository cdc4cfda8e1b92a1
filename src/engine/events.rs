//! Events: recorded like client-go's EventRecorder (dedupe by count, similar events combined),
//! stored as core/v1 Events with a one-hour TTL, and optionally logged for `--events`.

use std::collections::{HashMap, VecDeque};

use crate::engine::api::core::{Event, EventSource, ObjectReference};
use crate::engine::api::meta::ObjectMeta;
use crate::engine::clock::{Time, EPOCH_UNIX};
use crate::engine::fast_hash::FastHash;
use crate::engine::store::{Key, Kind};
use crate::engine::Cluster;

/// How long an Event lives (`kube-apiserver --event-ttl`, default 1h).
const EVENT_TTL_SECONDS: i64 = 3600;
/// Similar events (same object and reason, other messages) before they are combined.
const MAX_SIMILAR: usize = 10;

/// One event as it was emitted, for `--events` and the page's feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmittedEvent {
    /// Virtual milliseconds.
    pub at_ms: u64,
    pub type_: String,
    pub reason: String,
    /// `Kind/name` (with the namespace in `namespace`).
    pub object: String,
    pub namespace: String,
    pub message: String,
    pub component: String,
}

/// A 128-bit digest of the strings that make up a recorder cache key (`getEventKey`,
/// `EventAggregatorByReasonFunc`): the caches look keys up and never list them, so the key
/// strings need not be built (two allocations and a copy of every part per event).
type Digest = (u64, u64);

fn digest<'a>(parts: impl IntoIterator<Item = &'a str>) -> Digest {
    use std::hash::Hasher;
    let (mut a, mut b) = (crate::engine::fast_hash::FxHasher::default(), crate::engine::fast_hash::FxHasher::default());
    b.write_u64(0x9e37_79b9_7f4a_7c15);
    for part in parts {
        a.write(part.as_bytes());
        a.write_u8(1);
        b.write_u8(1);
        b.write(part.as_bytes());
    }
    (a.finish(), b.finish())
}

/// The recorder's memory: dedupe keys, similar-event counts, the emitted list.
#[derive(Debug, Clone, Default)]
pub struct EventLog {
    by_message: HashMap<Digest, Key, FastHash>,
    similar: HashMap<Digest, (Vec<String>, Time), FastHash>,
    expiry: VecDeque<(Time, Key)>,
    emitted: Vec<EmittedEvent>,
    /// Keep every emitted event (for `--events`); otherwise only the newest `feed_limit`.
    pub keep_all: bool,
    /// Whether Event objects are stored at all (benchmarks may turn this off to measure controllers).
    pub store_objects: bool,
    seq: u64,
}

impl EventLog {
    /// Forgets the events of the cluster's own start-up (they would have expired long ago).
    pub fn forget_bootstrap(&mut self, store: &mut crate::engine::store::Store) {
        let keys: Vec<Key> = store.events.iter().map(|e| Key::of(&e.metadata, true)).collect();
        for key in keys {
            let _ = store.remove::<Event>(&key);
        }
        let _ = store.take_pending();
        self.emitted.clear();
        self.by_message.clear();
        self.similar.clear();
        self.expiry.clear();
    }

    /// A recorder that stores Event objects and keeps a bounded feed.
    pub fn new() -> EventLog {
        EventLog { store_objects: true, ..EventLog::default() }
    }

    pub fn emitted(&self) -> &[EmittedEvent] {
        &self.emitted
    }

    /// Emitted events from index `from` on (for streaming to a file or the page).
    pub fn emitted_since(&self, from: usize) -> &[EmittedEvent] {
        &self.emitted[from.min(self.emitted.len())..]
    }
}

impl Default for EmittedEvent {
    fn default() -> Self {
        EmittedEvent {
            at_ms: 0,
            type_: String::new(),
            reason: String::new(),
            object: String::new(),
            namespace: String::new(),
            message: String::new(),
            component: String::new(),
        }
    }
}

/// Who an event is about.
#[derive(Debug, Clone)]
pub struct Involved {
    pub kind: Kind,
    pub namespace: String,
    pub name: String,
    pub uid: String,
    pub field_path: Option<String>,
}

impl Involved {
    pub fn of(kind: Kind, meta: &ObjectMeta) -> Involved {
        Involved {
            kind,
            namespace: if kind.namespaced() { meta.ns().to_string() } else { String::new() },
            name: meta.name.clone(),
            uid: meta.uid.clone(),
            field_path: None,
        }
    }

    pub fn with_field_path(mut self, path: &str) -> Involved {
        self.field_path = Some(path.to_string());
        self
    }
}

/// Records an event as client-go's recorder would: identical events bump `count`, and more than
/// ten similar ones on an object within ten minutes become `(combined from similar events): ...`.
pub fn record(cluster: &mut Cluster, involved: &Involved, type_: &str, reason: &str, message: &str, component: &str, host: &str) {
    let now = cluster.time();
    let at_ms = cluster.now().as_millis();
    let log = &mut cluster.events;
    log.emitted.push(EmittedEvent {
        at_ms,
        type_: type_.to_string(),
        reason: reason.to_string(),
        object: format!("{}/{}", involved.kind.name(), involved.name),
        namespace: involved.namespace.clone(),
        message: message.to_string(),
        component: component.to_string(),
    });
    if !log.keep_all && log.emitted.len() > 4000 {
        log.emitted.drain(..2000);
    }
    if !log.store_objects {
        return;
    }
    // The real EventCorrelator keeps LRU caches of 4096 entries; a bounded memory here too.
    if log.by_message.len() > 4096 {
        log.by_message.clear();
    }
    if log.similar.len() > 4096 {
        log.similar.clear();
    }
    let base_parts = [component, host, involved.kind.name(), &involved.namespace, &involved.name, &involved.uid, type_, reason];
    let base = digest(base_parts);
    // EventAggregator: count distinct messages per (source, object, type, reason) in a 10 min window.
    let (mut dedupe_key, mut shown_message) = (digest(base_parts.into_iter().chain([message])), message.to_string());
    let entry = log.similar.entry(base).or_insert_with(|| (Vec::new(), now));
    if now.0 - entry.1 .0 > 600 {
        *entry = (Vec::new(), now);
    }
    if !entry.0.iter().any(|m| m == message) && entry.0.len() < MAX_SIMILAR {
        entry.0.push(message.to_string());
    } else if !entry.0.iter().any(|m| m == message) {
        dedupe_key = base;
        shown_message = format!("(combined from similar events): {message}");
    }
    if let Some(existing_key) = log.by_message.get(&dedupe_key).cloned() {
        if let Some(existing) = cluster.store.get::<Event>(&existing_key) {
            let mut updated = (*existing).clone();
            updated.count += 1;
            updated.last_timestamp = Some(now);
            updated.message = shown_message;
            updated.metadata.resource_version.clear();
            let _ = cluster.store.update(updated);
            cluster.events.expiry.push_back((now, existing_key));
            return;
        }
    }
    cluster.events.seq += 1;
    let nanos = (EPOCH_UNIX as i128) * 1_000_000_000 + i128::from(at_ms) * 1_000_000 + i128::from(cluster.events.seq);
    let name = format!("{}.{:x}", involved.name, nanos);
    let event = Event {
        metadata: ObjectMeta {
            name,
            namespace: Some(if involved.namespace.is_empty() { "default".to_string() } else { involved.namespace.clone() }),
            ..Default::default()
        },
        involved_object: ObjectReference {
            kind: involved.kind.name().to_string(),
            namespace: if involved.namespace.is_empty() { None } else { Some(involved.namespace.clone()) },
            name: involved.name.clone(),
            uid: involved.uid.clone(),
            api_version: involved.kind.api_version().to_string(),
            resource_version: String::new(),
            field_path: involved.field_path.clone(),
        },
        reason: reason.to_string(),
        message: shown_message,
        source: EventSource { component: component.to_string(), host: host.to_string() },
        first_timestamp: Some(now),
        last_timestamp: Some(now),
        count: 1,
        type_: type_.to_string(),
        event_time: None,
        reporting_component: component.to_string(),
        reporting_instance: host.to_string(),
    };
    let now_time = cluster.time();
    if let Ok(created) = cluster.store.create(event, now_time, &mut cluster.rng) {
        let key = Key::of(&created.metadata, true);
        cluster.events.by_message.insert(dedupe_key, key.clone());
        cluster.events.expiry.push_back((now, key));
    }
}

/// Deletes Events whose last occurrence is older than the TTL.
pub fn expire(cluster: &mut Cluster) {
    let now = cluster.time();
    while let Some((at, key)) = cluster.events.expiry.front().cloned() {
        if now.0 - at.0 < EVENT_TTL_SECONDS {
            break;
        }
        cluster.events.expiry.pop_front();
        let still_old = cluster
            .store
            .get::<Event>(&key)
            .is_some_and(|e| e.last_timestamp.is_some_and(|t| now.0 - t.0 >= EVENT_TTL_SECONDS));
        if still_old {
            let _ = cluster.store.remove::<Event>(&key);
            cluster.events.by_message.retain(|_, k| *k != key);
        }
    }
}

/// Events about one object, oldest first, as `describe` lists them.
pub fn events_for(cluster: &Cluster, kind: Kind, namespace: &str, name: &str, uid: &str) -> Vec<std::rc::Rc<Event>> {
    let mut list: Vec<_> = cluster
        .store
        .events
        .in_namespace(if namespace.is_empty() { "default" } else { namespace })
        .filter(|e| e.involved_object.kind == kind.name() && e.involved_object.name == name && (uid.is_empty() || e.involved_object.uid == uid))
        .cloned()
        .collect();
    // The API lists by name (`<object>.<hex nanos>`, creation order); kubectl sorts by lastTimestamp.
    list.sort_by_key(|e| e.last_timestamp);
    list
}

