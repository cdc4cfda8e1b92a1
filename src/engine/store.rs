//! The API object store: typed tables, one global resourceVersion, conflicts, and a watch queue.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use crate::engine::api::core::{ConfigMap, Endpoints, Event, Namespace, Node, Secret, Service};
use crate::engine::api::deployment::{Deployment, ReplicaSet};
use crate::engine::api::meta::ObjectMeta;
use crate::engine::api::pod::Pod;
use crate::engine::clock::Time;
use crate::engine::error::ApiError;
use crate::engine::rng::Rng;

/// Namespace (empty for cluster-scoped kinds) and name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    pub namespace: String,
    pub name: String,
}

impl Key {
    pub fn new(namespace: &str, name: &str) -> Key {
        Key { namespace: namespace.to_string(), name: name.to_string() }
    }

    pub fn of(meta: &ObjectMeta, namespaced: bool) -> Key {
        Key { namespace: if namespaced { meta.ns().to_string() } else { String::new() }, name: meta.name.clone() }
    }
}

/// The kinds the store serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Namespace,
    Node,
    Pod,
    ReplicaSet,
    Deployment,
    Service,
    Endpoints,
    ConfigMap,
    Secret,
    Event,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Namespace => "Namespace",
            Kind::Node => "Node",
            Kind::Pod => "Pod",
            Kind::ReplicaSet => "ReplicaSet",
            Kind::Deployment => "Deployment",
            Kind::Service => "Service",
            Kind::Endpoints => "Endpoints",
            Kind::ConfigMap => "ConfigMap",
            Kind::Secret => "Secret",
            Kind::Event => "Event",
        }
    }

    pub fn namespaced(self) -> bool {
        !matches!(self, Kind::Namespace | Kind::Node)
    }

    /// The plural resource, with its group, as errors name it: `deployments.apps`, `pods`.
    pub fn resource(self) -> &'static str {
        match self {
            Kind::Namespace => "namespaces",
            Kind::Node => "nodes",
            Kind::Pod => "pods",
            Kind::ReplicaSet => "replicasets.apps",
            Kind::Deployment => "deployments.apps",
            Kind::Service => "services",
            Kind::Endpoints => "endpoints",
            Kind::ConfigMap => "configmaps",
            Kind::Secret => "secrets",
            Kind::Event => "events",
        }
    }

    pub fn api_version(self) -> &'static str {
        match self {
            Kind::ReplicaSet | Kind::Deployment => "apps/v1",
            _ => "v1",
        }
    }
}

/// Any stored object, shared.
#[derive(Debug, Clone)]
pub enum Obj {
    Namespace(Rc<Namespace>),
    Node(Rc<Node>),
    Pod(Rc<Pod>),
    ReplicaSet(Rc<ReplicaSet>),
    Deployment(Rc<Deployment>),
    Service(Rc<Service>),
    Endpoints(Rc<Endpoints>),
    ConfigMap(Rc<ConfigMap>),
    Secret(Rc<Secret>),
    Event(Rc<Event>),
}

/// What happened to an object, as a watch reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WatchType {
    Added,
    Modified,
    Deleted,
}

/// One change, with the object before and after, for the controllers' event handlers.
#[derive(Debug, Clone)]
pub struct WatchEvent {
    pub kind: Kind,
    pub type_: WatchType,
    pub old: Option<Obj>,
    pub new: Option<Obj>,
}

/// A kind the store holds: how to reach its table and wrap it for watchers.
pub trait Stored: Clone + PartialEq + Sized + 'static {
    const KIND: Kind;
    /// Whether the apiserver tracks `metadata.generation` for this kind.
    const HAS_GENERATION: bool = false;
    fn meta(&self) -> &ObjectMeta;
    fn meta_mut(&mut self) -> &mut ObjectMeta;
    fn table(store: &Store) -> &Table<Self>;
    fn table_mut(store: &mut Store) -> &mut Table<Self>;
    fn wrap(object: Rc<Self>) -> Obj;
    /// Whether `generation` must go up from `old` to `new` (spec changes; annotations for Deployments).
    fn bumps_generation(_old: &Self, _new: &Self) -> bool {
        false
    }
    /// For status writes: keep what the status subresource may not change (spec, and more per kind).
    fn status_merge(old: &Self, new: Self) -> Self {
        let _ = old;
        new
    }
}

/// One kind's objects by key.
#[derive(Debug, Clone)]
pub struct Table<T> {
    items: BTreeMap<Key, Rc<T>>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table { items: BTreeMap::new() }
    }
}

impl<T: Stored> Table<T> {
    pub fn get(&self, key: &Key) -> Option<&Rc<T>> {
        self.items.get(key)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Rc<T>> {
        self.items.values()
    }

    /// Objects of one namespace in name order.
    pub fn in_namespace<'a>(&'a self, namespace: &'a str) -> impl Iterator<Item = &'a Rc<T>> + 'a {
        let start = Key { namespace: namespace.to_string(), name: String::new() };
        self.items.range(start..).take_while(move |(k, _)| k.namespace == namespace).map(|(_, v)| v)
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// All objects, the resourceVersion counter, the pending watch events and the pod indexes.
#[derive(Debug, Clone, Default)]
pub struct Store {
    resource_version: u64,
    pub namespaces: Table<Namespace>,
    pub nodes: Table<Node>,
    pub pods: Table<Pod>,
    pub replica_sets: Table<ReplicaSet>,
    pub deployments: Table<Deployment>,
    pub services: Table<Service>,
    pub endpoints: Table<Endpoints>,
    pub config_maps: Table<ConfigMap>,
    pub secrets: Table<Secret>,
    pub events: Table<Event>,
    /// Changes not yet delivered to the controllers' handlers.
    pending: Vec<WatchEvent>,
    /// Pods by the UID of their controller owner (the ReplicaSet), for listing without scanning.
    pods_by_owner: HashMap<String, BTreeMap<Key, Rc<Pod>>>,
    /// Pods without a controller owner, per namespace (candidates for adoption).
    orphan_pods: BTreeMap<String, BTreeMap<Key, Rc<Pod>>>,
    /// How many pods each node runs (bound, not yet gone).
    pods_per_node: HashMap<String, usize>,
    /// While set, every change is also kept here for a watcher (`rollout status`, `get -w`).
    recording: bool,
    recorded: Vec<WatchEvent>,
}

macro_rules! stored {
    ($type:ty, $kind:ident, $field:ident) => {
        impl Stored for $type {
            const KIND: Kind = Kind::$kind;
            fn meta(&self) -> &ObjectMeta {
                &self.metadata
            }
            fn meta_mut(&mut self) -> &mut ObjectMeta {
                &mut self.metadata
            }
            fn table(store: &Store) -> &Table<Self> {
                &store.$field
            }
            fn table_mut(store: &mut Store) -> &mut Table<Self> {
                &mut store.$field
            }
            fn wrap(object: Rc<Self>) -> Obj {
                Obj::$kind(object)
            }
            stored!(@extra $kind);
        }
    };
    (@extra Deployment) => {
        const HAS_GENERATION: bool = true;
        fn bumps_generation(old: &Self, new: &Self) -> bool {
            old.spec != new.spec || old.metadata.annotations != new.metadata.annotations
        }
        fn status_merge(old: &Self, mut new: Self) -> Self {
            new.spec = old.spec.clone();
            new.metadata.labels = old.metadata.labels.clone();
            new
        }
    };
    (@extra ReplicaSet) => {
        const HAS_GENERATION: bool = true;
        fn bumps_generation(old: &Self, new: &Self) -> bool {
            old.spec != new.spec
        }
        fn status_merge(old: &Self, mut new: Self) -> Self {
            new.spec = old.spec.clone();
            new
        }
    };
    (@extra Pod) => {
        fn status_merge(old: &Self, mut new: Self) -> Self {
            // The spec is shared: this clones a pointer, not the spec.
            new.spec = old.spec.clone();
            new.metadata.owner_references = old.metadata.owner_references.clone();
            new
        }
    };
    (@extra $other:ident) => {};
}

stored!(Namespace, Namespace, namespaces);
stored!(Node, Node, nodes);
stored!(Pod, Pod, pods);
stored!(ReplicaSet, ReplicaSet, replica_sets);
stored!(Deployment, Deployment, deployments);
stored!(Service, Service, services);
stored!(Endpoints, Endpoints, endpoints);
stored!(ConfigMap, ConfigMap, config_maps);
stored!(Secret, Secret, secrets);
stored!(Event, Event, events);

impl Store {
    pub fn resource_version(&self) -> u64 {
        self.resource_version
    }

    pub fn get<T: Stored>(&self, key: &Key) -> Option<Rc<T>> {
        T::table(self).get(key).cloned()
    }

    fn next_rv(&mut self) -> String {
        self.resource_version += 1;
        self.resource_version.to_string()
    }

    /// Creates an object: fills uid, resourceVersion, generation 1 and creationTimestamp; expands
    /// `generateName` with 5 characters of the apiserver alphabet. `AlreadyExists` if the name is taken.
    pub fn create<T: Stored>(&mut self, mut object: T, now: Time, rng: &mut Rng) -> Result<Rc<T>, ApiError> {
        let namespaced = T::KIND.namespaced();
        {
            let meta = object.meta_mut();
            if namespaced && meta.namespace.is_none() {
                meta.namespace = Some("default".to_string());
            }
            if !namespaced {
                meta.namespace = None;
            }
            if meta.name.is_empty() {
                if let Some(base) = meta.generate_name.clone() {
                    let base: String = if base.len() > 58 { base[..58].to_string() } else { base };
                    meta.name = format!("{base}{}", rng.name_suffix(5));
                }
            }
        }
        let key = Key::of(object.meta(), namespaced);
        if T::table(self).get(&key).is_some() {
            return Err(ApiError::already_exists(T::KIND, &key.name));
        }
        let rv = self.next_rv();
        let meta = object.meta_mut();
        meta.uid = rng.uid();
        meta.resource_version = rv;
        meta.generation = if T::HAS_GENERATION { 1 } else { 0 };
        meta.creation_timestamp = Some(now);
        meta.deletion_timestamp = None;
        let stored = Rc::new(object);
        self.index(None, Some(&stored));
        T::table_mut(self).items.insert(key, stored.clone());
        self.emit(WatchEvent { kind: T::KIND, type_: WatchType::Added, old: None, new: Some(T::wrap(stored.clone())) });
        Ok(stored)
    }

    /// Replaces an object's spec and metadata. A non-empty, stale resourceVersion is a `Conflict`;
    /// generation goes up when the spec (or a Deployment's annotations) changed.
    pub fn update<T: Stored>(&mut self, object: T) -> Result<Rc<T>, ApiError> {
        self.write(object, false)
    }

    /// Writes the status subresource: the spec (and for Deployments, labels) stay as stored.
    pub fn update_status<T: Stored>(&mut self, object: T) -> Result<Rc<T>, ApiError> {
        self.write(object, true)
    }

    fn write<T: Stored>(&mut self, object: T, status: bool) -> Result<Rc<T>, ApiError> {
        let key = Key::of(object.meta(), T::KIND.namespaced());
        let Some(old) = T::table(self).get(&key).cloned() else {
            return Err(ApiError::not_found(T::KIND, &key.name));
        };
        let given_rv = &object.meta().resource_version;
        if !given_rv.is_empty() && *given_rv != old.meta().resource_version {
            return Err(ApiError::conflict(T::KIND, &key.name));
        }
        let mut new = if status { T::status_merge(&old, object) } else { object };
        {
            let meta = new.meta_mut();
            let old_meta = old.meta();
            meta.uid = old_meta.uid.clone();
            meta.creation_timestamp = old_meta.creation_timestamp;
            meta.namespace = old_meta.namespace.clone();
            meta.generation = old_meta.generation;
            if !status {
                // Deletion state is only changed through delete.
                meta.deletion_timestamp = old_meta.deletion_timestamp;
                meta.deletion_grace_period_seconds = old_meta.deletion_grace_period_seconds;
            }
        }
        if !status && T::bumps_generation(&old, &new) {
            new.meta_mut().generation += 1;
        }
        // A write that changes nothing is a no-op and does not bump resourceVersion.
        new.meta_mut().resource_version.clone_from(&old.meta().resource_version);
        if new == *old {
            return Ok(old);
        }
        Ok(self.commit_modified(key, old, new))
    }

    /// Stores `new` in place of `old` under a fresh resourceVersion and emits MODIFIED.
    fn commit_modified<T: Stored>(&mut self, key: Key, old: Rc<T>, mut new: T) -> Rc<T> {
        new.meta_mut().resource_version = self.next_rv();
        let stored = Rc::new(new);
        self.index(Some(&old), Some(&stored));
        T::table_mut(self).items.insert(key, stored.clone());
        self.emit(WatchEvent {
            kind: T::KIND,
            type_: WatchType::Modified,
            old: Some(T::wrap(old)),
            new: Some(T::wrap(stored.clone())),
        });
        stored
    }

    /// Replaces a stored object as it is, without a watch event (bootstrap only).
    pub fn replace_unchecked<T: Stored>(&mut self, object: T) -> Result<Rc<T>, ApiError> {
        let key = Key::of(object.meta(), T::KIND.namespaced());
        if T::table(self).get(&key).is_none() {
            return Err(ApiError::not_found(T::KIND, &key.name));
        }
        let stored = Rc::new(object);
        T::table_mut(self).items.insert(key, stored.clone());
        Ok(stored)
    }

    /// Marks an object as being deleted (graceful deletion, finalizers): sets deletionTimestamp.
    pub fn mark_deleting<T: Stored>(&mut self, key: &Key, now: Time, grace: Option<i64>) -> Result<Rc<T>, ApiError> {
        let Some(old) = T::table(self).get(key).cloned() else {
            return Err(ApiError::not_found(T::KIND, &key.name));
        };
        if old.meta().deletion_timestamp.is_some() {
            return Ok(old);
        }
        let mut new = (*old).clone();
        new.meta_mut().deletion_timestamp = Some(Time(now.0 + grace.unwrap_or(0)));
        new.meta_mut().deletion_grace_period_seconds = grace.or(Some(0));
        Ok(self.commit_modified(key.clone(), old, new))
    }

    /// Removes an object from the store for good.
    pub fn remove<T: Stored>(&mut self, key: &Key) -> Result<Rc<T>, ApiError> {
        let Some(old) = T::table_mut(self).items.remove(key) else {
            return Err(ApiError::not_found(T::KIND, &key.name));
        };
        self.next_rv();
        self.index(Some(&old), None);
        self.emit(WatchEvent { kind: T::KIND, type_: WatchType::Deleted, old: Some(T::wrap(old.clone())), new: None });
        Ok(old)
    }

    fn emit(&mut self, event: WatchEvent) {
        if self.recording {
            self.recorded.push(event.clone());
        }
        self.pending.push(event);
    }

    /// Starts keeping every change for a watcher.
    pub fn start_recording(&mut self) {
        self.recording = true;
        self.recorded.clear();
    }

    /// The changes kept since the last call.
    pub fn take_recorded(&mut self) -> Vec<WatchEvent> {
        std::mem::take(&mut self.recorded)
    }

    pub fn stop_recording(&mut self) {
        self.recording = false;
        self.recorded.clear();
    }

    /// Takes the changes not yet delivered to the controllers.
    pub fn take_pending(&mut self) -> Vec<WatchEvent> {
        std::mem::take(&mut self.pending)
    }

    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    fn index<T: Stored>(&mut self, old: Option<&Rc<T>>, new: Option<&Rc<T>>) {
        if T::KIND != Kind::Pod {
            return;
        }
        // Same owner and node: only the stored pointer changes.
        if let (Some(Obj::Pod(old_pod)), Some(Obj::Pod(new_pod))) = (old.map(|o| T::wrap(o.clone())), new.map(|o| T::wrap(o.clone()))) {
            let same_owner = old_pod.metadata.controller_ref().map(|r| &r.uid) == new_pod.metadata.controller_ref().map(|r| &r.uid);
            if same_owner && old_pod.spec.node_name == new_pod.spec.node_name {
                let key = Key::of(&new_pod.metadata, true);
                let slot = match new_pod.metadata.controller_ref() {
                    Some(owner) => self.pods_by_owner.get_mut(&owner.uid).and_then(|set| set.get_mut(&key)),
                    None => self.orphan_pods.get_mut(&key.namespace).and_then(|set| set.get_mut(&key)),
                };
                if let Some(slot) = slot {
                    *slot = new_pod;
                    return;
                }
            }
        }
        if let Some(Obj::Pod(pod)) = old.map(|o| T::wrap(o.clone())) {
            self.index_pod(&pod, false);
        }
        if let Some(Obj::Pod(pod)) = new.map(|o| T::wrap(o.clone())) {
            self.index_pod(&pod, true);
        }
    }

    fn index_pod(&mut self, pod: &Rc<Pod>, add: bool) {
        let key = Key::of(&pod.metadata, true);
        let set = match pod.metadata.controller_ref() {
            Some(owner) => {
                if !add {
                    if let Some(set) = self.pods_by_owner.get_mut(&owner.uid) {
                        set.remove(&key);
                        if set.is_empty() {
                            self.pods_by_owner.remove(&owner.uid);
                        }
                    }
                    None
                } else {
                    Some(self.pods_by_owner.entry(owner.uid.clone()).or_default())
                }
            }
            None => Some(self.orphan_pods.entry(key.namespace.clone()).or_default()),
        };
        if let Some(set) = set {
            if add {
                set.insert(key, pod.clone());
            } else {
                set.remove(&key);
            }
        }
        if let Some(node) = &pod.spec.node_name {
            let count = self.pods_per_node.entry(node.clone()).or_default();
            if add {
                *count += 1;
            } else {
                *count = count.saturating_sub(1);
            }
        }
    }

    /// Pods whose controller is the object with this UID, in name order.
    pub fn pods_owned_by(&self, uid: &str) -> Vec<Rc<Pod>> {
        self.pods_by_owner.get(uid).map(|pods| pods.values().cloned().collect()).unwrap_or_default()
    }

    pub fn count_pods_owned_by(&self, uid: &str) -> usize {
        self.pods_by_owner.get(uid).map_or(0, BTreeMap::len)
    }

    /// Pods of a namespace without a controller owner, in name order.
    pub fn orphan_pods(&self, namespace: &str) -> Vec<Rc<Pod>> {
        self.orphan_pods.get(namespace).map(|pods| pods.values().cloned().collect()).unwrap_or_default()
    }

    pub fn pods_on_node(&self, node: &str) -> usize {
        self.pods_per_node.get(node).copied().unwrap_or(0)
    }
}
