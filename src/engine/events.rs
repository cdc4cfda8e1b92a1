//! Events: recorded like client-go's EventRecorder (dedupe by count, similar events combined),
//! stored as core/v1 Events with a one-hour TTL, and optionally logged for `--events`.

use std::collections::{HashSet, VecDeque};

use crate::engine::api::core::{Event, EventSource, ObjectReference};
use crate::engine::api::meta::ObjectMeta;
use crate::engine::api::text::Text;
use crate::engine::clock::{Time, EPOCH_UNIX};
use crate::engine::event_correlator::{Correlator, EventKey, Incoming, Observed};
use crate::engine::fast_hash::FastHash;
use crate::engine::store::{Key, Kind};
use crate::engine::Cluster;

/// How long an Event lives (`kube-apiserver --event-ttl`, default 1h).
const EVENT_TTL_SECONDS: i64 = 3600;
/// The scheduler records through `k8s.io/client-go/tools/events`, which has no spam filter.
const SCHEDULER: &str = "default-scheduler";

/// One event as a component recorded it, for `--events` and the page's feed: all of them,
/// including those the spam filter keeps from the API.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EmittedEvent {
    /// Virtual milliseconds.
    pub at_ms: u64,
    pub type_: Text,
    pub reason: Text,
    /// `Kind/name` (with the namespace in `namespace`).
    pub object: String,
    pub namespace: Text,
    pub message: String,
    pub component: Text,
}

/// The recorder's memory: dedupe keys, similar-event counts, the emitted list.
#[derive(Debug, Clone, Default)]
pub struct EventLog {
    correlator: Correlator,
    expiry: VecDeque<(Time, EventKey)>,
    emitted: Vec<EmittedEvent>,
    /// The short strings that recur in most events (a type, reason, component or host), shared
    /// between the events that name them rather than copied into each, by text.
    words: HashSet<Text, FastHash>,
    /// An empty `ObjectMeta` whose shared (empty) labels and owner references every Event's
    /// metadata starts from: `ObjectMeta::default()` allocates both.
    blank_meta: ObjectMeta,
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
        self.correlator.clear();
        self.expiry.clear();
    }

    /// A recorder that stores Event objects and keeps a bounded feed.
    pub fn new() -> EventLog {
        EventLog { store_objects: true, ..EventLog::default() }
    }

    /// The shared `Text` for `text` (made once per distinct text).
    fn word(&mut self, text: &str) -> Text {
        if let Some(word) = self.words.get(text) {
            return word.clone();
        }
        let word = Text::from(text);
        if self.words.len() < 4096 && !word.is_empty() {
            self.words.insert(word.clone());
        }
        word
    }

    pub fn emitted(&self) -> &[EmittedEvent] {
        &self.emitted
    }

    /// Emitted events from index `from` on (for streaming to a file or the page).
    pub fn emitted_since(&self, from: usize) -> &[EmittedEvent] {
        &self.emitted[from.min(self.emitted.len())..]
    }
}

/// Who an event is about.
#[derive(Debug, Clone)]
pub struct Involved {
    pub kind: Kind,
    pub namespace: Text,
    pub name: Text,
    pub uid: Text,
    pub field_path: Option<Text>,
}

impl Involved {
    pub fn of(kind: Kind, meta: &ObjectMeta) -> Involved {
        Involved {
            kind,
            namespace: if kind.namespaced() { meta.ns_text() } else { Text::default() },
            name: meta.name.clone(),
            uid: meta.uid.clone(),
            field_path: None,
        }
    }

    pub fn with_field_path(mut self, path: &str) -> Involved {
        self.field_path = Some(path.into());
        self
    }
}

/// Records an event as client-go's recorder would (`event_correlator`): a repeat is counted,
/// the tenth distinct message of a kind on one object starts `(combined from similar events):
/// ...`, and past 25 events from one source about one object, one more every five minutes
/// reaches the API. The emitted list (the page's feed, `--events`) keeps every event recorded.
pub fn record(cluster: &mut Cluster, involved: &Involved, type_: &str, reason: &str, message: &str, component: &str, host: &str) {
    let now = cluster.time();
    let at_ms = cluster.now().as_millis();
    let log = &mut cluster.events;
    // The shared words, looked up once for the feed and the Event object.
    let (type_word, reason_word, component_word) = (log.word(type_), log.word(reason), log.word(component));
    let emitted = EmittedEvent {
        at_ms,
        type_: type_word.clone(),
        reason: reason_word.clone(),
        object: format!("{}/{}", involved.kind.name(), involved.name),
        namespace: involved.namespace.clone(),
        message: message.to_string(),
        component: component_word.clone(),
    };
    log.emitted.push(emitted);
    if !log.keep_all && log.emitted.len() > 4000 {
        log.emitted.drain(..2000);
    }
    if !log.store_objects {
        return;
    }
    let incoming = Incoming {
        component,
        host,
        kind: involved.kind.name(),
        namespace: &involved.namespace,
        name: &involved.name,
        uid: &involved.uid,
        api_version: involved.kind.api_version(),
        field_path: involved.field_path.as_deref().unwrap_or(""),
        type_,
        reason,
        message,
    };
    let correlated = log.correlator.correlate(&incoming, at_ms, component != SCHEDULER);
    let observed = match correlated.seen {
        Some(seen) => Observed { count: seen.count + 1, ..seen },
        None => {
            log.seq += 1;
            let nanos = (EPOCH_UNIX as i128) * 1_000_000_000 + i128::from(at_ms) * 1_000_000 + i128::from(log.seq);
            let namespace = if involved.namespace.is_empty() { Text::from_static("default") } else { involved.namespace.clone() };
            Observed { count: 1, first: now, key: EventKey { namespace, name: format!("{}.{:x}", involved.name, nanos).into() } }
        }
    };
    log.correlator.observe(correlated.key, observed.clone());
    if correlated.skip {
        return;
    }
    let shown_message = || if correlated.combined { format!("(combined from similar events): {message}") } else { message.to_string() };
    // A repeat is a PATCH of count, lastTimestamp and message; if the Event is gone (expired),
    // it is created again under its name (`recordEvent` falls back to create on NotFound).
    if observed.count > 1 {
        let counted = cluster.store.count_event(observed.key.as_ref(), |event| {
            event.count = observed.count;
            event.last_timestamp = Some(now);
            if correlated.combined || event.message != message {
                event.message = shown_message().into();
            }
        });
        if counted {
            cluster.events.expiry.push_back((now, observed.key));
            return;
        }
    }
    let host = cluster.events.word(host);
    let event = Event {
        // The Event's namespace is its object's (shared), or "default" for cluster-scoped objects.
        metadata: ObjectMeta { name: observed.key.name.clone(), namespace: Some(observed.key.namespace.clone()), ..cluster.events.blank_meta.clone() },
        involved_object: ObjectReference {
            kind: Text::from_static(involved.kind.name()),
            namespace: if involved.namespace.is_empty() { None } else { Some(involved.namespace.clone()) },
            name: involved.name.clone(),
            uid: involved.uid.clone(),
            api_version: Text::from_static(involved.kind.api_version()),
            resource_version: Text::default(),
            field_path: involved.field_path.clone(),
        },
        reason: reason_word,
        message: shown_message().into(),
        source: EventSource { component: component_word.clone(), host: host.clone() },
        first_timestamp: Some(observed.first),
        last_timestamp: Some(now),
        count: observed.count,
        type_: type_word,
        event_time: None,
        reporting_component: component_word,
        reporting_instance: host,
    };
    if cluster.store.create(event, now, &mut cluster.rng).is_ok() {
        cluster.events.expiry.push_back((now, observed.key));
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
            .get_ref::<Event>(key.as_ref())
            .is_some_and(|e| e.last_timestamp.is_some_and(|t| now.0 - t.0 >= EVENT_TTL_SECONDS));
        if still_old {
            let _ = cluster.store.remove::<Event>(&key.as_ref().to_key());
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
    // The API lists by name (`<object>.<hex nanos>`, creation order); kubectl sorts by
    // lastTimestamp with Go's unstable sort.Sort (`DescribeEvents`: event.SortableEvents).
    crate::go_sort::sort(&mut list, |a, b| a.last_timestamp < b.last_timestamp);
    list
}

