//! The API object store: typed tables, one global resourceVersion, conflicts, and a watch queue.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use crate::engine::api::text::Text;
use crate::engine::api::core::{ConfigMap, Endpoints, Event, Namespace, Node, Secret, Service, ServiceAccount};
use crate::engine::api::daemon_set::DaemonSet;
use crate::engine::api::stateful_set::StatefulSet;
use crate::engine::api::replication_controller::ReplicationController;
use crate::engine::api::deployment::{Deployment, ReplicaSet};
use crate::engine::api::ingress::{Ingress, IngressClass};
use crate::engine::api::network_policy::NetworkPolicy;
use crate::engine::api::pod_disruption_budget::PodDisruptionBudget;
use crate::engine::api::horizontal_pod_autoscaler::HorizontalPodAutoscaler;
use crate::engine::api::cron_job::CronJob;
use crate::engine::api::rbac::{ClusterRole, ClusterRoleBinding, Role, RoleBinding};
use crate::engine::api::job::Job;
use crate::engine::api::storage::{PersistentVolume, PersistentVolumeClaim, StorageClass};
use crate::engine::api::meta::ObjectMeta;
use crate::engine::api::pod::Pod;
use crate::engine::clock::Time;
use crate::engine::error::ApiError;
use crate::engine::fast_hash::FastHash;
use crate::engine::rng::Rng;
use crate::order::SharedSort;

/// Namespace (empty for cluster-scoped kinds) and name, ordered by namespace, then name, bytewise.
/// `Text`s: a key made from an object (`Key::of`) shares the object's strings, so the indexes
/// that keep a key per pod keep no copy of its name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    pub namespace: Text,
    pub name: Text,
}

impl Ord for Key {
    /// The derived order (namespace, then name, as `str` compares them), compared eight bytes at
    /// a time in line: the sorted maps of pods compare keys that share long prefixes
    /// (`default`, `web-5d8f7c9b6-`) millions of times, and a call into `memcmp` per field
    /// costs more than the comparison.
    #[inline]
    fn cmp(&self, other: &Key) -> std::cmp::Ordering {
        compare_parts(self.parts(), other.parts())
    }
}

impl PartialOrd for Key {
    #[inline]
    fn partial_cmp(&self, other: &Key) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Namespace, then name, bytewise: the one order of `Key` and of the borrowed `dyn KeyParts`.
#[inline]
fn compare_parts((a_ns, a_name): (&str, &str), (b_ns, b_name): (&str, &str)) -> std::cmp::Ordering {
    compare_bytes(a_ns.as_bytes(), b_ns.as_bytes()).then_with(|| compare_bytes(a_name.as_bytes(), b_name.as_bytes()))
}

/// Lexicographic byte order, as `[u8]::cmp`: a big-endian word orders as its bytes do.
#[inline]
fn compare_bytes(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    let common = a.len().min(b.len());
    let (mut a_words, mut b_words) = (a[..common].chunks_exact(8), b[..common].chunks_exact(8));
    for (x, y) in (&mut a_words).zip(&mut b_words) {
        let (x, y) = (u64::from_be_bytes(x.try_into().expect("eight bytes")), u64::from_be_bytes(y.try_into().expect("eight bytes")));
        if x != y {
            return x.cmp(&y);
        }
    }
    for (x, y) in a_words.remainder().iter().zip(b_words.remainder()) {
        if x != y {
            return x.cmp(y);
        }
    }
    a.len().cmp(&b.len())
}

/// A key's two parts as a lookup sees them, so that maps keyed by `Key` can be searched with
/// borrowed strings (`KeyRef`) instead of a `Key` built (two allocations) for every lookup.
pub trait KeyParts {
    fn parts(&self) -> (&str, &str);
}

impl KeyParts for Key {
    #[inline]
    fn parts(&self) -> (&str, &str) {
        (&self.namespace, &self.name)
    }
}

/// A borrowed key: namespace (empty for cluster-scoped kinds) and name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyRef<'a>(pub &'a str, pub &'a str);

impl<'a> KeyRef<'a> {
    /// `Key::of` without copying.
    #[inline]
    pub fn of(meta: &'a ObjectMeta, namespaced: bool) -> KeyRef<'a> {
        KeyRef(if namespaced { meta.ns() } else { "" }, &meta.name)
    }

    /// As a lookup argument for maps and sets keyed by `Key`.
    #[inline]
    pub fn q(&self) -> &(dyn KeyParts + 'a) {
        self
    }

    pub fn to_key(self) -> Key {
        Key::new(self.0, self.1)
    }
}

impl KeyParts for KeyRef<'_> {
    #[inline]
    fn parts(&self) -> (&str, &str) {
        (self.0, self.1)
    }
}

impl<'a> std::borrow::Borrow<dyn KeyParts + 'a> for Key {
    #[inline]
    fn borrow(&self) -> &(dyn KeyParts + 'a) {
        self
    }
}

impl Ord for dyn KeyParts + '_ {
    /// The same order as `Key`'s (the `Borrow` contract).
    #[inline]
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        compare_parts(self.parts(), other.parts())
    }
}

impl PartialOrd for dyn KeyParts + '_ {
    #[inline]
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for dyn KeyParts + '_ {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        self.parts() == other.parts()
    }
}

impl Eq for dyn KeyParts + '_ {}

impl std::hash::Hash for dyn KeyParts + '_ {
    /// As `Key`'s derived `Hash` (namespace, then name), for sets and maps keyed by `Key`.
    #[inline]
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let (namespace, name) = self.parts();
        namespace.hash(state);
        name.hash(state);
    }
}

impl Key {
    pub fn new(namespace: &str, name: &str) -> Key {
        Key { namespace: namespace.into(), name: name.into() }
    }

    pub fn of(meta: &ObjectMeta, namespaced: bool) -> Key {
        Key { namespace: if namespaced { meta.ns_text() } else { Text::default() }, name: meta.name.clone() }
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
    Job,
    StorageClass,
    PersistentVolumeClaim,
    PersistentVolume,
    Ingress,
    IngressClass,
    ServiceAccount,
    DaemonSet,
    StatefulSet,
    ReplicationController,
    NetworkPolicy,
    PodDisruptionBudget,
    HorizontalPodAutoscaler,
    LimitRange,
    ResourceQuota,
    CronJob,
    Role,
    ClusterRole,
    RoleBinding,
    ClusterRoleBinding,
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
            Kind::Job => "Job",
            Kind::StorageClass => "StorageClass",
            Kind::PersistentVolumeClaim => "PersistentVolumeClaim",
            Kind::PersistentVolume => "PersistentVolume",
            Kind::Ingress => "Ingress",
            Kind::IngressClass => "IngressClass",
            Kind::ServiceAccount => "ServiceAccount",
            Kind::DaemonSet => "DaemonSet",
            Kind::StatefulSet => "StatefulSet",
            Kind::ReplicationController => "ReplicationController",
            Kind::NetworkPolicy => "NetworkPolicy",
            Kind::PodDisruptionBudget => "PodDisruptionBudget",
            Kind::HorizontalPodAutoscaler => "HorizontalPodAutoscaler",
            Kind::LimitRange => "LimitRange",
            Kind::ResourceQuota => "ResourceQuota",
            Kind::CronJob => "CronJob",
            Kind::Role => "Role",
            Kind::ClusterRole => "ClusterRole",
            Kind::RoleBinding => "RoleBinding",
            Kind::ClusterRoleBinding => "ClusterRoleBinding",
        }
    }

    pub fn namespaced(self) -> bool {
        !matches!(self, Kind::Namespace | Kind::Node | Kind::StorageClass | Kind::PersistentVolume | Kind::IngressClass | Kind::ClusterRole | Kind::ClusterRoleBinding)
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
            Kind::Job => "jobs.batch",
            Kind::StorageClass => "storageclasses.storage.k8s.io",
            Kind::PersistentVolumeClaim => "persistentvolumeclaims",
            Kind::PersistentVolume => "persistentvolumes",
            Kind::Ingress => "ingresses.networking.k8s.io",
            Kind::IngressClass => "ingressclasses.networking.k8s.io",
            Kind::ServiceAccount => "serviceaccounts",
            Kind::DaemonSet => "daemonsets.apps",
            Kind::StatefulSet => "statefulsets.apps",
            Kind::ReplicationController => "replicationcontrollers",
            Kind::NetworkPolicy => "networkpolicies.networking.k8s.io",
            Kind::PodDisruptionBudget => "poddisruptionbudgets.policy",
            Kind::HorizontalPodAutoscaler => "horizontalpodautoscalers.autoscaling",
            Kind::LimitRange => "limitranges",
            Kind::ResourceQuota => "resourcequotas",
            Kind::CronJob => "cronjobs.batch",
            Kind::Role => "roles.rbac.authorization.k8s.io",
            Kind::ClusterRole => "clusterroles.rbac.authorization.k8s.io",
            Kind::RoleBinding => "rolebindings.rbac.authorization.k8s.io",
            Kind::ClusterRoleBinding => "clusterrolebindings.rbac.authorization.k8s.io",
        }
    }

    pub fn api_version(self) -> &'static str {
        match self {
            Kind::ReplicaSet | Kind::Deployment | Kind::DaemonSet | Kind::StatefulSet => "apps/v1",
            Kind::Job | Kind::CronJob => "batch/v1",
            Kind::StorageClass => "storage.k8s.io/v1",
            Kind::Ingress | Kind::IngressClass | Kind::NetworkPolicy => "networking.k8s.io/v1",
            Kind::Role | Kind::ClusterRole | Kind::RoleBinding | Kind::ClusterRoleBinding => "rbac.authorization.k8s.io/v1",
            Kind::PodDisruptionBudget => "policy/v1",
            Kind::HorizontalPodAutoscaler => "autoscaling/v2",
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
    Job(Rc<Job>),
    StorageClass(Rc<StorageClass>),
    PersistentVolumeClaim(Rc<PersistentVolumeClaim>),
    PersistentVolume(Rc<PersistentVolume>),
    Ingress(Rc<Ingress>),
    IngressClass(Rc<IngressClass>),
    ServiceAccount(Rc<ServiceAccount>),
    DaemonSet(Rc<DaemonSet>),
    StatefulSet(Rc<StatefulSet>),
    ReplicationController(Rc<ReplicationController>),
    NetworkPolicy(Rc<NetworkPolicy>),
    PodDisruptionBudget(Rc<PodDisruptionBudget>),
    HorizontalPodAutoscaler(Rc<HorizontalPodAutoscaler>),
    LimitRange(Rc<crate::engine::api::limit_range::LimitRange>),
    ResourceQuota(Rc<crate::engine::api::resource_quota::ResourceQuota>),
    CronJob(Rc<CronJob>),
    Role(Rc<Role>),
    ClusterRole(Rc<ClusterRole>),
    RoleBinding(Rc<RoleBinding>),
    ClusterRoleBinding(Rc<ClusterRoleBinding>),
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

/// One kind's objects by key: in name order for listing, and by a digest of the key for
/// lookups and replacements, so a write does not search the ordered map (a 150k-pod table is
/// five levels of string comparisons deep). Events, created by the hundred thousand and listed
/// only when someone asks, are put in order when listed (`lazily_ordered`).
#[derive(Debug, Clone)]
pub struct Table<T> {
    /// Each key's slot, in key order (empty for a lazily ordered kind).
    order: BTreeMap<Key, u32>,
    /// A lazily ordered kind's slots in key order, made on the first listing after a change.
    sorted: std::cell::OnceCell<Vec<u32>>,
    /// The objects by slot; `None` for a free slot.
    slots: Vec<Option<Rc<T>>>,
    free: Vec<u32>,
    /// Slots by `fast_hash::digest` of the key.
    by_digest: HashMap<(u64, u64), u32, FastHash>,
    /// Two keys had the same digest: lookups that miss fall back to `order`.
    collided: bool,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table {
            order: BTreeMap::new(),
            sorted: std::cell::OnceCell::new(),
            slots: Vec::new(),
            free: Vec::new(),
            by_digest: HashMap::default(),
            collided: false,
        }
    }
}

fn key_digest(key: KeyRef<'_>) -> (u64, u64) {
    crate::engine::fast_hash::lookup_digest([key.0, key.1])
}

impl<T: Stored> Table<T> {
    /// Whether this kind is ordered only when listed.
    fn lazily_ordered() -> bool {
        T::KIND == Kind::Event
    }

    pub fn get(&self, key: &Key) -> Option<&Rc<T>> {
        self.get_ref(KeyRef(&key.namespace, &key.name))
    }

    /// `get` with borrowed parts.
    #[inline]
    pub fn get_ref(&self, key: KeyRef<'_>) -> Option<&Rc<T>> {
        self.slot_of(key).and_then(|slot| self.slots[slot as usize].as_ref())
    }

    fn key_of(&self, slot: u32) -> Option<KeyRef<'_>> {
        self.slots[slot as usize].as_ref().map(|object| KeyRef::of(object.meta(), T::KIND.namespaced()))
    }

    fn slot_of(&self, key: KeyRef<'_>) -> Option<u32> {
        if let Some(&slot) = self.by_digest.get(&key_digest(key)) {
            if self.key_of(slot) == Some(key) {
                return Some(slot);
            }
        }
        if !self.collided {
            return None;
        }
        if Self::lazily_ordered() {
            return (0..self.slots.len() as u32).find(|&slot| self.key_of(slot) == Some(key));
        }
        self.order.get(key.q()).copied()
    }

    /// The slots in key order.
    fn slots_in_order(&self) -> impl Iterator<Item = u32> + '_ {
        let lazy = Self::lazily_ordered().then(|| {
            self.sorted.get_or_init(|| {
                let mut slots: Vec<u32> = (0..self.slots.len() as u32).filter(|&slot| self.slots[slot as usize].is_some()).collect();
                slots.shared_sort_unstable_by(|&a, &b| {
                    let (a, b) = (self.key_of(a).expect("a used slot"), self.key_of(b).expect("a used slot"));
                    compare_parts((a.0, a.1), (b.0, b.1))
                });
                slots
            })
        });
        let eager = (!Self::lazily_ordered()).then(|| self.order.values().copied());
        lazy.into_iter().flatten().copied().chain(eager.into_iter().flatten())
    }

    pub fn iter(&self) -> impl Iterator<Item = &Rc<T>> {
        self.slots_in_order().filter_map(|slot| self.slots[slot as usize].as_ref())
    }

    /// Objects of one namespace in name order.
    /// Boxed: the two orders are two iterator types, and one boxed type per kind keeps the
    /// page's wasm smaller (6 KB brotli against the unboxed chain) for one allocation a call.
    pub fn in_namespace<'a>(&'a self, namespace: &'a str) -> Box<dyn Iterator<Item = &'a Rc<T>> + 'a> {
        if Self::lazily_ordered() {
            return Box::new(self.iter().skip_while(move |o| o.meta().ns() < namespace).take_while(move |o| o.meta().ns() == namespace));
        }
        let start = KeyRef(namespace, "");
        Box::new(
            self.order
                .range::<dyn KeyParts + 'a, _>((std::ops::Bound::Included(start.q()), std::ops::Bound::Unbounded))
                .take_while(move |(k, _)| k.namespace == namespace)
                .filter_map(|(_, &slot)| self.slots[slot as usize].as_ref()),
        )
    }

    pub fn len(&self) -> usize {
        self.slots.len() - self.free.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Stores `object` under `key`, in place of the object there if any.
    fn insert(&mut self, key: Key, object: Rc<T>) {
        if let Some(slot) = self.slot_of(KeyRef(&key.namespace, &key.name)) {
            self.slots[slot as usize] = Some(object);
            return;
        }
        let slot = match self.free.pop() {
            Some(slot) => {
                self.slots[slot as usize] = Some(object);
                slot
            }
            None => {
                self.slots.push(Some(object));
                (self.slots.len() - 1) as u32
            }
        };
        let digest = key_digest(KeyRef(&key.namespace, &key.name));
        match self.by_digest.entry(digest) {
            std::collections::hash_map::Entry::Vacant(entry) => {
                entry.insert(slot);
            }
            std::collections::hash_map::Entry::Occupied(_) => self.collided = true,
        }
        if Self::lazily_ordered() {
            self.sorted.take();
        } else {
            self.order.insert(key, slot);
        }
    }

    /// Replaces the object under `key`; false if there is none.
    fn replace(&mut self, key: KeyRef<'_>, object: Rc<T>) -> bool {
        match self.slot_of(key) {
            Some(slot) => {
                self.slots[slot as usize] = Some(object);
                true
            }
            None => false,
        }
    }

    /// The object under `key`, to change in place.
    fn get_mut(&mut self, key: KeyRef<'_>) -> Option<&mut Rc<T>> {
        let slot = self.slot_of(key)?;
        self.slots[slot as usize].as_mut()
    }

    fn remove(&mut self, key: &Key) -> Option<Rc<T>> {
        let slot = if Self::lazily_ordered() {
            self.sorted.take();
            self.slot_of(KeyRef(&key.namespace, &key.name))?
        } else {
            self.order.remove(key)?
        };
        let digest = key_digest(KeyRef(&key.namespace, &key.name));
        if self.by_digest.get(&digest) == Some(&slot) {
            self.by_digest.remove(&digest);
        }
        self.free.push(slot);
        self.slots[slot as usize].take()
    }
}

/// What the ReplicaSet controller reads of an owned pod on every sync, kept with the pod so a
/// sync does not have to visit every pod (`controller.IsPodActive`, `podutil.IsPodReady` and the
/// fields `ActivePodsWithRanks` compares).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PodFacts {
    pub active: bool,
    pub ready: bool,
    /// The node's number in the store (`Store::node_id`), 0 when unassigned.
    pub node: u32,
    /// Pending 0, Unknown 1, Running 2 (others 0), as `ActivePodsWithRanks` orders phases.
    pub phase: u8,
    pub deletion_cost: i64,
    pub ready_time: Option<Time>,
    pub restarts: i32,
    pub created: Option<Time>,
}

/// Active pods of one owner that carry the same labels, counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelGroup {
    /// The pods' own label map, shared (equal groups compare by pointer first).
    pub labels: crate::engine::api::shared::Shared<BTreeMap<String, String>>,
    pub active: usize,
    pub ready: usize,
}

/// The pods of one controller owner and running counts over the active ones.
#[derive(Debug, Clone, Default)]
pub struct OwnedPods {
    /// By key, hashed: every write of a pod finds its entry here, and in a B-tree of a large
    /// ReplicaSet's pods that search was a chain of cache misses (a 150k-pod rollout spent about
    /// 8% of its time in it). Listing sorts by name (`iter`), which only the rare paths do.
    pods: HashMap<Key, (Rc<Pod>, PodFacts), FastHash>,
    /// Active pods grouped by their labels (a ReplicaSet's pods usually share one set).
    groups: Vec<LabelGroup>,
    /// Active pods per node number.
    active_on_node: Vec<i64>,
    /// The names of the active pods per node number, in name order (for `ranked_victims`;
    /// unassigned pods are not listed; the pods' own names, shared).
    by_node: Vec<Vec<Text>>,
    /// Active pods outside the usual class of a scale-down: unassigned, not Running, not Ready,
    /// or with a deletion cost.
    unusual: usize,
    /// Active pods by (creation time, restarts, ready time), the later ranking criteria.
    timings: HashMap<PodTiming, usize, FastHash>,
}

/// The ranking criteria after the node (`ActivePodsWithRanks`): ready time, restarts, creation.
pub type PodTiming = (Option<Time>, i32, Option<Time>);

impl OwnedPods {
    /// The pods with their facts, in name order (sorted here: the map's own order is not used).
    pub fn iter(&self) -> impl Iterator<Item = &(Rc<Pod>, PodFacts)> {
        let mut entries: Vec<(&Key, &(Rc<Pod>, PodFacts))> = self.pods.iter().collect();
        // Keys are unique, so an unstable sort gives the one name order.
        entries.shared_sort_unstable_by(|a, b| a.0.cmp(b.0));
        entries.into_iter().map(|(_, entry)| entry)
    }

    pub fn len(&self) -> usize {
        self.pods.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pods.is_empty()
    }

    /// The active pods, grouped by labels.
    pub fn groups(&self) -> &[LabelGroup] {
        &self.groups
    }

    /// How many active pods run on the node with this number (`Store::node_id`; 0: unassigned).
    pub fn active_on_node(&self, node: u32) -> i64 {
        self.active_on_node.get(node as usize).copied().unwrap_or(0)
    }

    /// One more than the highest node number counted so far.
    pub fn node_slots(&self) -> usize {
        self.active_on_node.len()
    }

    /// The names of the active pods on the node with this number (not 0), in name order.
    pub fn active_pods_on_node(&self, node: u32) -> &[Text] {
        self.by_node.get(node as usize).map_or(&[], Vec::as_slice)
    }

    /// An owned pod by name.
    pub fn pod(&self, namespace: &str, name: &str) -> Option<&Rc<Pod>> {
        self.pods.get(KeyRef(namespace, name).q()).map(|(pod, _)| pod)
    }

    /// Whether every active pod is assigned, Running, Ready, without deletion cost, and has the
    /// same ready time, restarts and creation time: then only the node's rank and the name
    /// order them for deletion.
    pub fn uniformly_ranked(&self) -> bool {
        self.unusual == 0 && self.timings.len() <= 1
    }

    fn count(&mut self, pod: &Pod, facts: &PodFacts, sign: i64) {
        if !facts.active {
            return;
        }
        let slot = facts.node as usize;
        if self.active_on_node.len() <= slot {
            self.active_on_node.resize(slot + 1, 0);
        }
        self.active_on_node[slot] += sign;
        if slot != 0 {
            if self.by_node.len() <= slot {
                self.by_node.resize(slot + 1, Vec::new());
            }
            let on_node = &mut self.by_node[slot];
            let name = &pod.metadata.name;
            match (sign > 0, on_node.binary_search_by(|p| p.as_str().cmp(name))) {
                (true, Err(at)) => on_node.insert(at, name.clone()),
                (false, Ok(at)) => {
                    on_node.remove(at);
                }
                _ => {}
            }
        }
        self.count_class(pod, facts, sign);
    }

    /// A pod's new version: when it stays active on the same node, only what changed is
    /// counted again (its place in the node's list stays).
    fn recount(&mut self, old: &Pod, old_facts: &PodFacts, new: &Pod, facts: &PodFacts) {
        if old_facts.active && facts.active && old_facts.node == facts.node {
            if old_facts != facts || old.metadata.labels != new.metadata.labels {
                self.count_class(old, old_facts, -1);
                self.count_class(new, facts, 1);
            }
            return;
        }
        self.count(old, old_facts, -1);
        self.count(new, facts, 1);
    }

    /// `count` of the labels and the ranking facts other than the node.
    fn count_class(&mut self, pod: &Pod, facts: &PodFacts, sign: i64) {
        if facts.node == 0 || facts.phase != 2 || !facts.ready || facts.deletion_cost != 0 {
            self.unusual = if sign > 0 { self.unusual + 1 } else { self.unusual - 1 };
        }
        let timing: PodTiming = (facts.ready_time, facts.restarts, facts.created);
        if sign > 0 {
            *self.timings.entry(timing).or_insert(0) += 1;
        } else if let Some(n) = self.timings.get_mut(&timing) {
            *n -= 1;
            if *n == 0 {
                self.timings.remove(&timing);
            }
        }
        let index = match self.groups.iter().position(|g| g.labels == pod.metadata.labels) {
            Some(index) => index,
            None => {
                self.groups.push(LabelGroup { labels: pod.metadata.labels.clone(), active: 0, ready: 0 });
                self.groups.len() - 1
            }
        };
        let group = &mut self.groups[index];
        let apply = |n: usize| if sign > 0 { n + 1 } else { n - 1 };
        group.active = apply(group.active);
        if facts.ready {
            group.ready = apply(group.ready);
        }
        if group.active == 0 {
            self.groups.remove(index);
        }
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
    pub jobs: Table<Job>,
    pub storage_classes: Table<StorageClass>,
    pub persistent_volume_claims: Table<PersistentVolumeClaim>,
    pub persistent_volumes: Table<PersistentVolume>,
    pub ingresses: Table<Ingress>,
    pub ingress_classes: Table<IngressClass>,
    pub service_accounts: Table<ServiceAccount>,
    pub daemon_sets: Table<DaemonSet>,
    pub stateful_sets: Table<StatefulSet>,
    pub replication_controllers: Table<ReplicationController>,
    pub network_policies: Table<NetworkPolicy>,
    pub pod_disruption_budgets: Table<PodDisruptionBudget>,
    pub horizontal_pod_autoscalers: Table<HorizontalPodAutoscaler>,
    pub limit_ranges: Table<crate::engine::api::limit_range::LimitRange>,
    pub resource_quotas: Table<crate::engine::api::resource_quota::ResourceQuota>,
    pub cron_jobs: Table<CronJob>,
    pub roles: Table<Role>,
    pub cluster_roles: Table<ClusterRole>,
    pub role_bindings: Table<RoleBinding>,
    pub cluster_role_bindings: Table<ClusterRoleBinding>,
    /// Changes not yet delivered to the controllers' handlers.
    pending: Vec<WatchEvent>,
    /// Pods by the UID of their controller owner (the ReplicaSet), for listing without scanning,
    /// with the counts the ReplicaSet controller reads on every sync.
    pods_by_owner: HashMap<String, OwnedPods, FastHash>,
    /// Small numbers for node names (0 is "no node"), for the per-owner counts by node.
    node_ids: HashMap<String, u32, FastHash>,
    /// Pods without a controller owner, per namespace (candidates for adoption).
    orphan_pods: BTreeMap<String, BTreeMap<Key, Rc<Pod>>>,
    /// How many pods each node runs (bound, not yet gone).
    pods_per_node: HashMap<String, usize, FastHash>,
    /// Goes up on every Node write, so caches of what nodes say know when to forget.
    node_writes: u64,
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
    // A Job's spec and status behave as a ReplicaSet's.
    (@extra Job) => {
        stored!(@extra ReplicaSet);
    };
    (@extra PersistentVolumeClaim) => {
        fn status_merge(old: &Self, mut new: Self) -> Self {
            new.spec = old.spec.clone();
            new
        }
    };
    (@extra PersistentVolume) => {
        stored!(@extra PersistentVolumeClaim);
    };
    (@extra Ingress) => {
        const HAS_GENERATION: bool = true;
        fn bumps_generation(old: &Self, new: &Self) -> bool {
            old.spec != new.spec
        }
        fn status_merge(old: &Self, mut new: Self) -> Self {
            new.spec = old.spec.clone();
            new
        }
    };
    (@extra DaemonSet) => {
        stored!(@extra Ingress);
    };
    (@extra StatefulSet) => {
        stored!(@extra Ingress);
    };
    (@extra ReplicationController) => {
        stored!(@extra Ingress);
    };
    (@extra PodDisruptionBudget) => {
        stored!(@extra Ingress);
    };
    (@extra HorizontalPodAutoscaler) => {
        stored!(@extra Ingress);
    };
    (@extra NetworkPolicy) => {
        stored!(@extra IngressClass);
    };
    (@extra CronJob) => {
        stored!(@extra Ingress);
    };
    (@extra IngressClass) => {
        const HAS_GENERATION: bool = true;
        fn bumps_generation(old: &Self, new: &Self) -> bool {
            old.spec != new.spec
        }
    };
    (@extra ResourceQuota) => {
        stored!(@extra PersistentVolumeClaim);
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
stored!(Job, Job, jobs);
stored!(StorageClass, StorageClass, storage_classes);
stored!(PersistentVolumeClaim, PersistentVolumeClaim, persistent_volume_claims);
stored!(PersistentVolume, PersistentVolume, persistent_volumes);
stored!(Ingress, Ingress, ingresses);
stored!(IngressClass, IngressClass, ingress_classes);
stored!(ServiceAccount, ServiceAccount, service_accounts);
stored!(DaemonSet, DaemonSet, daemon_sets);
stored!(StatefulSet, StatefulSet, stateful_sets);
stored!(ReplicationController, ReplicationController, replication_controllers);
stored!(NetworkPolicy, NetworkPolicy, network_policies);
stored!(PodDisruptionBudget, PodDisruptionBudget, pod_disruption_budgets);
stored!(HorizontalPodAutoscaler, HorizontalPodAutoscaler, horizontal_pod_autoscalers);
stored!(crate::engine::api::limit_range::LimitRange, LimitRange, limit_ranges);
stored!(crate::engine::api::resource_quota::ResourceQuota, ResourceQuota, resource_quotas);
stored!(CronJob, CronJob, cron_jobs);
stored!(Role, Role, roles);
stored!(ClusterRole, ClusterRole, cluster_roles);
stored!(RoleBinding, RoleBinding, role_bindings);
stored!(ClusterRoleBinding, ClusterRoleBinding, cluster_role_bindings);

impl Store {
    pub fn resource_version(&self) -> u64 {
        self.resource_version
    }

    pub fn get<T: Stored>(&self, key: &Key) -> Option<Rc<T>> {
        T::table(self).get(key).cloned()
    }

    /// `get` with borrowed parts (no `Key` built).
    #[inline]
    pub fn get_ref<T: Stored>(&self, key: KeyRef<'_>) -> Option<Rc<T>> {
        T::table(self).get_ref(key).cloned()
    }

    fn next_rv(&mut self) -> String {
        self.resource_version += 1;
        self.resource_version.to_string()
    }

    /// Creates an object: fills uid, resourceVersion, generation 1 and creationTimestamp; expands
    /// `generateName` with 5 characters of the apiserver alphabet. `AlreadyExists` if the name is taken.
    pub fn create<T: Stored>(&mut self, object: T, now: Time, rng: &mut Rng) -> Result<Rc<T>, ApiError> {
        self.create_inner(object, None, now, rng)
    }

    /// `create` with the UID the registry chose before storing (a Job's generated selector
    /// names it); the name must be set.
    pub fn create_with_uid<T: Stored>(&mut self, object: T, uid: String, now: Time, rng: &mut Rng) -> Result<Rc<T>, ApiError> {
        self.create_inner(object, Some(uid), now, rng)
    }

    /// Stores an object the cluster had before the learner arrived, with the UID and
    /// resourceVersion it brings: no new resourceVersion, no watch event (the RBAC bootstrap
    /// policy, which must not shift every later object's version).
    pub fn seed<T: Stored>(&mut self, object: T) {
        let key = Key::of(object.meta(), T::KIND.namespaced());
        T::table_mut(self).insert(key, Rc::new(object));
    }

    /// Expands an empty name's `generateName` with 5 characters of the apiserver alphabet, as
    /// `create` does; for the admission plugins that must see the name before the object is
    /// stored.
    pub fn generate_name<T: Stored>(&self, object: &mut T, rng: &mut Rng) {
        let namespaced = T::KIND.namespaced();
        let meta = object.meta_mut();
        if namespaced && meta.namespace.is_none() {
            meta.namespace = Some(Text::from_static("default"));
        }
        if !namespaced {
            meta.namespace = None;
        }
        if meta.name.is_empty() {
            if let Some(base) = meta.generate_name.clone() {
                let base: String = if base.len() > 58 { base[..58].to_string() } else { base.to_string() };
                meta.name = format!("{base}{}", rng.name_suffix(5)).into();
                // createWithGenerateNameRetry (RetryGenerateName, on in 1.32): a generated
                // name that is taken is drawn again, up to 8 attempts in all.
                for _ in 1..8 {
                    let taken = Key::of(object.meta(), namespaced);
                    if T::table(self).get(&taken).is_none() {
                        break;
                    }
                    object.meta_mut().name = format!("{base}{}", rng.name_suffix(5)).into();
                }
            }
        }
    }

    fn create_inner<T: Stored>(&mut self, mut object: T, uid: Option<String>, now: Time, rng: &mut Rng) -> Result<Rc<T>, ApiError> {
        let namespaced = T::KIND.namespaced();
        self.generate_name(&mut object, rng);
        let key = Key::of(object.meta(), namespaced);
        if T::table(self).get(&key).is_some() {
            return Err(ApiError::already_exists(T::KIND, &key.name));
        }
        let rv = self.next_rv();
        let meta = object.meta_mut();
        meta.uid = match uid {
            Some(uid) => uid.into(),
            None => rng.uid().into(),
        };
        meta.resource_version = rv;
        meta.generation = if T::HAS_GENERATION { 1 } else { 0 };
        meta.creation_timestamp = Some(now);
        meta.deletion_timestamp = None;
        let stored = Rc::new(object);
        self.index(None, Some(&stored));
        T::table_mut(self).insert(key, stored.clone());
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
        let key = KeyRef::of(object.meta(), T::KIND.namespaced());
        let Some(old) = T::table(self).get_ref(key).cloned() else {
            return Err(ApiError::not_found(T::KIND, key.1));
        };
        let given_rv = &object.meta().resource_version;
        if !given_rv.is_empty() && *given_rv != old.meta().resource_version {
            return Err(ApiError::conflict(T::KIND, key.1));
        }
        let mut new = if status { T::status_merge(&old, object) } else { object };
        {
            let meta = new.meta_mut();
            let old_meta = old.meta();
            // Usually equal already (the writer started from the stored object): `clone_from`
            // then copies into the existing buffer instead of allocating.
            meta.uid.clone_from(&old_meta.uid);
            meta.creation_timestamp = old_meta.creation_timestamp;
            meta.namespace.clone_from(&old_meta.namespace);
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
        Ok(self.commit_modified(old, new))
    }

    /// Stores `new` in place of `old` under a fresh resourceVersion and emits MODIFIED.
    fn commit_modified<T: Stored>(&mut self, old: Rc<T>, mut new: T) -> Rc<T> {
        self.resource_version += 1;
        let rv = &mut new.meta_mut().resource_version;
        rv.clear();
        let _ = std::fmt::Write::write_fmt(rv, format_args!("{}", self.resource_version));
        let stored = Rc::new(new);
        self.index(Some(&old), Some(&stored));
        let key = KeyRef::of(old.meta(), T::KIND.namespaced());
        T::table_mut(self).replace(key, stored.clone());
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
        if T::KIND == Kind::Node {
            self.node_writes += 1;
        }
        T::table_mut(self).insert(key, stored.clone());
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
        Ok(self.commit_modified(old, new))
    }

    /// Removes an object from the store for good.
    pub fn remove<T: Stored>(&mut self, key: &Key) -> Result<Rc<T>, ApiError> {
        let Some(old) = T::table_mut(self).remove(key) else {
            return Err(ApiError::not_found(T::KIND, &key.name));
        };
        self.next_rv();
        self.index(Some(&old), None);
        self.emit(WatchEvent { kind: T::KIND, type_: WatchType::Deleted, old: Some(T::wrap(old.clone())), new: None });
        Ok(old)
    }

    /// Queues a watch event for the controllers' handlers, and for a watcher (`get -w`) when
    /// recording. No controller watches Events, so theirs only go to a watcher: an Event being
    /// counted up is then referenced by the store alone and is updated in place
    /// (`count_event`).
    fn emit(&mut self, event: WatchEvent) {
        if event.kind == Kind::Event {
            if self.recording {
                self.recorded.push(event);
            }
            return;
        }
        if self.recording {
            self.recorded.push(event.clone());
        }
        self.pending.push(event);
    }

    /// Updates a stored Event in place (`f`), under a fresh resourceVersion: how the event
    /// recorder counts a repeated or combined event (`EventCorrelator`'s PATCH of count,
    /// lastTimestamp and message). Unlike `update`, the previous version is not copied unless
    /// a watcher still holds it. False if the Event is gone.
    pub fn count_event(&mut self, key: KeyRef<'_>, f: impl FnOnce(&mut Event)) -> bool {
        let Some(slot) = self.events.get_mut(key) else {
            return false;
        };
        self.resource_version += 1;
        let old = self.recording.then(|| slot.clone());
        let event = Rc::make_mut(slot);
        f(event);
        event.metadata.resource_version = self.resource_version.to_string();
        let new = slot.clone();
        self.emit(WatchEvent { kind: Kind::Event, type_: WatchType::Modified, old: old.map(Obj::Event), new: Some(Obj::Event(new)) });
        true
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

    /// How many times a Node was created, changed or removed so far.
    pub fn node_writes(&self) -> u64 {
        self.node_writes
    }

    fn index<T: Stored>(&mut self, old: Option<&Rc<T>>, new: Option<&Rc<T>>) {
        if T::KIND == Kind::Node {
            self.node_writes += 1;
        }
        if T::KIND != Kind::Pod {
            return;
        }
        let as_pod = |object: &Rc<T>| (object as &dyn std::any::Any).downcast_ref::<Rc<Pod>>().cloned();
        self.index_pods(old.and_then(as_pod), new.and_then(as_pod));
    }

    fn index_pods(&mut self, old: Option<Rc<Pod>>, new: Option<Rc<Pod>>) {
        let old_node = old.as_ref().and_then(|p| p.spec.node_name.as_deref());
        let new_node = new.as_ref().and_then(|p| p.spec.node_name.as_deref());
        if old_node != new_node || old.is_none() || new.is_none() {
            if let Some(node) = old_node {
                if let Some(count) = self.pods_per_node.get_mut(node) {
                    *count = count.saturating_sub(1);
                }
            }
            if let Some(node) = new_node {
                match self.pods_per_node.get_mut(node) {
                    Some(count) => *count += 1,
                    None => {
                        self.pods_per_node.insert(node.to_string(), 1);
                    }
                }
            }
        }
        fn owner_of(pod: &Option<Rc<Pod>>) -> Option<&str> {
            pod.as_ref().and_then(|p| p.metadata.controller_ref().map(|r| r.uid.as_str()))
        }
        // The same owner before and after: the entry is replaced where it is.
        if let (Some(old_pod), Some(new_pod), Some(owner)) = (&old, &new, owner_of(&new)) {
            if owner_of(&old) == Some(owner) {
                let facts = self.pod_facts(new_pod);
                let key = KeyRef::of(&new_pod.metadata, true);
                if let Some(owned) = self.pods_by_owner.get_mut(owner) {
                    if let Some(slot) = owned.pods.get_mut(key.q()) {
                        let old_facts = slot.1;
                        *slot = (new_pod.clone(), facts);
                        owned.recount(old_pod, &old_facts, new_pod, &facts);
                        return;
                    }
                }
            }
        }
        if let Some(pod) = &old {
            let key = KeyRef::of(&pod.metadata, true);
            match pod.metadata.controller_ref() {
                Some(owner) => {
                    if let Some(owned) = self.pods_by_owner.get_mut(&owner.uid) {
                        if let Some((stored, facts)) = owned.pods.remove(key.q()) {
                            owned.count(&stored, &facts, -1);
                        }
                        if owned.pods.is_empty() {
                            self.pods_by_owner.remove(&owner.uid);
                        }
                    }
                }
                None => {
                    if let Some(set) = self.orphan_pods.get_mut(key.0) {
                        set.remove(key.q());
                    }
                }
            }
        }
        if let Some(pod) = &new {
            let key = Key::of(&pod.metadata, true);
            match pod.metadata.controller_ref() {
                Some(owner) => {
                    let facts = self.pod_facts(pod);
                    let owned = match self.pods_by_owner.get_mut(owner.uid.as_str()) {
                        Some(owned) => owned,
                        None => self.pods_by_owner.entry(owner.uid.clone()).or_default(),
                    };
                    if let Some((stored, facts)) = owned.pods.insert(key, (pod.clone(), facts)) {
                        owned.count(&stored, &facts, -1);
                    }
                    owned.count(pod, &facts, 1);
                }
                None => {
                    self.orphan_pods.entry(key.namespace.to_string()).or_default().insert(key, pod.clone());
                }
            }
        }
    }

    /// The number of a node name for per-node counts (0: no node, or an empty name, which
    /// `ActivePodsWithRanks` treats alike), given out on first sight.
    pub fn node_id(&mut self, node: Option<&str>) -> u32 {
        let Some(node) = node.filter(|n| !n.is_empty()) else { return 0 };
        if let Some(&id) = self.node_ids.get(node) {
            return id;
        }
        let id = self.node_ids.len() as u32 + 1;
        self.node_ids.insert(node.to_string(), id);
        id
    }

    fn pod_facts(&mut self, pod: &Pod) -> PodFacts {
        use crate::engine::controllers::replica_set as rs;
        PodFacts {
            active: pod.is_active(),
            ready: pod.is_ready(),
            node: self.node_id(pod.spec.node_name.as_deref()),
            phase: rs::phase_ordinal(pod),
            deletion_cost: rs::deletion_cost(pod),
            ready_time: rs::ready_time(pod),
            restarts: pod.restart_count(),
            created: pod.metadata.creation_timestamp,
        }
    }

    /// Pods whose controller is the object with this UID, in name order.
    pub fn pods_owned_by(&self, uid: &str) -> Vec<Rc<Pod>> {
        self.pods_by_owner.get(uid).map(|owned| owned.iter().map(|(pod, _)| pod.clone()).collect()).unwrap_or_default()
    }

    /// The pods whose controller is the object with this UID, with their facts and counts.
    pub fn owned_pods(&self, uid: &str) -> Option<&OwnedPods> {
        self.pods_by_owner.get(uid)
    }

    pub fn count_pods_owned_by(&self, uid: &str) -> usize {
        self.pods_by_owner.get(uid).map_or(0, OwnedPods::len)
    }

    /// Pods of a namespace without a controller owner, in name order.
    pub fn orphan_pods(&self, namespace: &str) -> Vec<Rc<Pod>> {
        self.orphan_pods.get(namespace).map(|pods| pods.values().cloned().collect()).unwrap_or_default()
    }

    pub fn pods_on_node(&self, node: &str) -> usize {
        self.pods_per_node.get(node).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A generated name that is taken is drawn again (createWithGenerateNameRetry), instead of
    /// failing with AlreadyExists.
    #[test]
    fn a_taken_generated_name_is_drawn_again() {
        let mut store = Store::default();
        let mut rng = Rng::new(1);
        let predicted = rng.clone().name_suffix(5);
        let named = |name: String, generate: Option<&str>| Pod {
            metadata: ObjectMeta { name: name.into(), generate_name: generate.map(Text::from), namespace: Some(Text::from_static("default")), ..Default::default() },
            ..Default::default()
        };
        store.create_with_uid(named(format!("web-{predicted}"), None), "uid-1".to_string(), Time(0), &mut rng).expect("first");
        let generated = store.create(named(String::new(), Some("web-")), Time(0), &mut rng).expect("a second name is drawn");
        assert!(generated.metadata.name.starts_with("web-") && *generated.metadata.name != *format!("web-{predicted}"));
    }

    #[test]
    fn keys_order_as_the_derived_order_would() {
        let words = ["", "a", "ab", "b", "default", "defaulu", "kube-system", "web-5d8f7c9b6-abcde", "web-5d8f7c9b6-abcdf", "web-5d8f7c9b6-abcd", "web-5d8f7c9b6", "\u{e9}t\u{e9}", "z\u{0}"];
        for a in words {
            for b in words {
                for c in ["", "x", "web-5d8f7c9b6-abcde"] {
                    let (left, right) = (Key::new(a, c), Key::new(b, c));
                    assert_eq!(left.cmp(&right), (a, c).cmp(&(b, c)), "{a:?} {b:?}");
                    let (left, right) = (Key::new(c, a), Key::new(c, b));
                    assert_eq!(left.cmp(&right), (c, a).cmp(&(c, b)), "{a:?} {b:?}");
                }
            }
        }
    }

    fn config_map(namespace: &str, name: &str, value: &str) -> Rc<ConfigMap> {
        let mut object = ConfigMap::default();
        object.metadata.namespace = Some(namespace.into());
        object.metadata.name = name.into();
        object.data.insert("v".into(), value.into());
        Rc::new(object)
    }

    fn names(table: &Table<ConfigMap>) -> Vec<String> {
        table.iter().map(|c| format!("{}/{}={}", c.metadata.ns(), c.metadata.name, c.data["v"])).collect()
    }

    #[test]
    fn a_table_finds_replaces_and_lists_in_key_order_with_slots_reused() {
        let mut table = Table::<ConfigMap>::default();
        for (ns, name) in [("b", "x"), ("a", "y"), ("a", "x"), ("b", "a")] {
            table.insert(Key::new(ns, name), config_map(ns, name, "1"));
        }
        assert_eq!(names(&table), ["a/x=1", "a/y=1", "b/a=1", "b/x=1"]);
        assert!(table.replace(KeyRef("a", "y"), config_map("a", "y", "2")));
        assert!(!table.replace(KeyRef("a", "z"), config_map("a", "z", "2")));
        assert_eq!(table.get_ref(KeyRef("a", "y")).map(|c| c.data["v"].clone()), Some("2".into()));
        assert!(table.get_ref(KeyRef("b", "y")).is_none());
        assert!(table.remove(&Key::new("a", "x")).is_some());
        assert!(table.remove(&Key::new("a", "x")).is_none());
        assert!(table.get_ref(KeyRef("a", "x")).is_none());
        table.insert(Key::new("c", "new"), config_map("c", "new", "3"));
        assert_eq!(table.slots.len(), 4, "the freed slot is reused");
        assert_eq!(names(&table), ["a/y=2", "b/a=1", "b/x=1", "c/new=3"]);
        assert_eq!(table.in_namespace("b").map(|c| c.metadata.name.clone()).collect::<Vec<_>>(), ["a", "x"]);
        assert_eq!(table.len(), 4);
    }

    #[test]
    fn events_are_put_in_key_order_when_listed() {
        let event = |namespace: &str, name: &str| {
            let mut event = Event::default();
            event.metadata.namespace = Some(namespace.into());
            event.metadata.name = name.into();
            Rc::new(event)
        };
        let mut table = Table::<Event>::default();
        for (ns, name) in [("b", "p.2"), ("a", "q.1"), ("b", "a.9"), ("a", "p.3")] {
            table.insert(Key::new(ns, name), event(ns, name));
        }
        let listed = |t: &Table<Event>| t.iter().map(|e| format!("{}/{}", e.metadata.ns(), e.metadata.name)).collect::<Vec<_>>();
        assert_eq!(listed(&table), ["a/p.3", "a/q.1", "b/a.9", "b/p.2"]);
        assert_eq!(table.in_namespace("b").map(|e| e.metadata.name.clone()).collect::<Vec<_>>(), ["a.9", "p.2"]);
        assert!(table.remove(&Key::new("a", "p.3")).is_some());
        table.insert(Key::new("a", "a.0"), event("a", "a.0"));
        assert_eq!(listed(&table), ["a/a.0", "a/q.1", "b/a.9", "b/p.2"]);
        assert_eq!(table.len(), 4);
        assert!(table.get_ref(KeyRef("b", "p.2")).is_some() && table.get_ref(KeyRef("a", "p.3")).is_none());
    }

    #[test]
    fn a_digest_collision_falls_back_to_the_ordered_map() {
        let mut table = Table::<ConfigMap>::default();
        table.insert(Key::new("a", "x"), config_map("a", "x", "1"));
        // Pretend "a/y" has the digest "a/x" has: its lookups must not find "a/x".
        let digest = key_digest(KeyRef("a", "x"));
        table.collided = true;
        table.order.insert(Key::new("a", "y"), 1);
        table.slots.push(Some(config_map("a", "y", "2")));
        assert_eq!(table.by_digest.get(&digest), Some(&0));
        assert_eq!(table.get_ref(KeyRef("a", "y")).map(|c| c.data["v"].clone()), Some("2".into()));
        assert_eq!(table.get_ref(KeyRef("a", "x")).map(|c| c.data["v"].clone()), Some("1".into()));
        assert!(table.replace(KeyRef("a", "y"), config_map("a", "y", "3")));
        assert_eq!(names(&table), ["a/x=1", "a/y=3"]);
        assert!(table.remove(&Key::new("a", "y")).is_some());
        assert_eq!(table.get_ref(KeyRef("a", "x")).map(|c| c.data["v"].clone()), Some("1".into()), "the other key keeps its digest entry");
    }
}
