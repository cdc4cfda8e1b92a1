//! Pure arrangement of a `ClusterView` for drawing: node lanes, groups by owner, image colours.

use std::borrow::Cow;

use crate::view::{ClusterView, PodView};
use crate::order::SharedSort;

/// Namespaces the cluster itself runs in (CoreDNS and friends). The page hides them unless asked,
/// as `kubectl get pods` does: a learner's own objects are the story.
pub const SYSTEM_NAMESPACES: [&str; 3] = ["kube-system", "kube-public", "kube-node-lease"];

/// Whether `namespace` is one of `SYSTEM_NAMESPACES`.
pub fn is_system_namespace(namespace: &str) -> bool {
    SYSTEM_NAMESPACES.contains(&namespace)
}

/// The view without pods, ReplicaSets, Deployments and Services of system namespaces, unless
/// `show_system` (then the view itself, not a copy). Nodes and events are kept as they are.
pub fn visible_objects(view: &ClusterView, show_system: bool) -> Cow<'_, ClusterView> {
    let has_system = view.pods.iter().any(|pod| is_system_namespace(&pod.namespace))
        || view.replica_sets.iter().any(|rs| is_system_namespace(&rs.namespace))
        || view.deployments.iter().any(|deployment| is_system_namespace(&deployment.namespace))
        || view.workloads.iter().any(|workload| is_system_namespace(&workload.namespace))
        || view.services.iter().any(|service| is_system_namespace(&service.namespace));
    if show_system || !has_system {
        return Cow::Borrowed(view);
    }
    let mut visible = view.clone();
    visible.pods.retain(|pod| !is_system_namespace(&pod.namespace));
    visible.replica_sets.retain(|rs| !is_system_namespace(&rs.namespace));
    visible.deployments.retain(|deployment| !is_system_namespace(&deployment.namespace));
    visible.workloads.retain(|workload| !is_system_namespace(&workload.namespace));
    visible.services.retain(|service| !is_system_namespace(&service.namespace));
    Cow::Owned(visible)
}

/// How many pods of system namespaces the view has.
pub fn n_system_pods(view: &ClusterView) -> usize {
    view.pods.iter().filter(|pod| is_system_namespace(&pod.namespace)).count()
}

/// One horizontal lane of the cluster view: a node, or the pods no node has taken yet.
#[derive(Debug, Clone, PartialEq)]
pub struct Lane<'a> {
    /// The node's name; `None` for the lane of unscheduled (Pending) pods.
    pub node: Option<&'a str>,
    /// The node's Ready condition (true for the unscheduled lane).
    pub ready: bool,
    /// The pods on this node, grouped by owner (ReplicaSet, Job, DaemonSet, StatefulSet), oldest
    /// revision first.
    pub groups: Vec<PodGroup<'a>>,
}

/// The pods of one owner on one lane: a ReplicaSet (one Deployment revision), a Job, a
/// DaemonSet, a StatefulSet, or none.
#[derive(Debug, Clone, PartialEq)]
pub struct PodGroup<'a> {
    /// The owner's name (the pods' controller reference); `None` for bare pods.
    pub owner: Option<&'a str>,
    /// What kind of object the owner is; `None` for bare pods.
    pub owner_kind: Option<OwnerKind>,
    /// The ReplicaSet's `deployment.kubernetes.io/revision`.
    pub revision: Option<&'a str>,
    pub pods: Vec<&'a PodView>,
}

/// The kind of a pod's owner, as far as the view tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerKind {
    ReplicaSet,
    Job,
    DaemonSet,
    StatefulSet,
    ReplicationController,
    /// Some other controller (an ownerReference a learner wrote by hand).
    Other,
}

impl OwnerKind {
    /// kubectl's short word for the kind, as the drawing labels it (`rs`, `job`).
    pub fn short(self) -> &'static str {
        match self {
            OwnerKind::ReplicaSet => "rs",
            OwnerKind::Job => "job",
            OwnerKind::DaemonSet => "ds",
            OwnerKind::StatefulSet => "sts",
            OwnerKind::ReplicationController => "rc",
            OwnerKind::Other => "owner",
        }
    }
}

/// The kind of `pod`'s owner. The view names the owner but not its kind: a ReplicaSet of the
/// view is one; a Job's pods carry its name in `batch.kubernetes.io/job-name` (or the legacy
/// `job-name`), set by the Job's generated selector; a DaemonSet's pods carry its template
/// generation in `pod-template-generation` (set by the DaemonSet controller only); a
/// StatefulSet's pods are named `<set>-<ordinal>` and carry their own name in
/// `statefulset.kubernetes.io/pod-name` (set by the StatefulSet controller only); a pod whose
/// ReplicaSet was just deleted still has its `pod-template-hash`; a ReplicationController's
/// pods carry no label of their controller's, only the name its `generateName` gives
/// (`<rc>-` and five characters of the apiserver's alphabet), so a pod so named whose owner is
/// none of the kinds above is taken for an RC's.
pub fn owner_kind(view: &ClusterView, pod: &PodView) -> Option<OwnerKind> {
    let owner = pod.owner.as_deref()?;
    let label = |key: &str| pod.labels.iter().find(|(k, _)| k == key).map(|(_, value)| value.as_str());
    let kind = if view.replica_sets.iter().any(|rs| rs.name == owner && rs.namespace == pod.namespace) {
        OwnerKind::ReplicaSet
    } else if label("batch.kubernetes.io/job-name") == Some(owner) || label("job-name") == Some(owner) {
        OwnerKind::Job
    } else if label("pod-template-generation").is_some() {
        OwnerKind::DaemonSet
    } else if label("statefulset.kubernetes.io/pod-name") == Some(pod.name.as_str()) && pod.name.strip_prefix(owner).is_some_and(|rest| rest.starts_with('-')) {
        OwnerKind::StatefulSet
    } else if label("pod-template-hash").is_some_and(|hash| owner.ends_with(&format!("-{hash}"))) {
        OwnerKind::ReplicaSet
    } else if generated_from(&pod.name, owner) {
        OwnerKind::ReplicationController
    } else {
        OwnerKind::Other
    };
    Some(kind)
}

/// Whether `name` is `<owner>-` and five characters of the apiserver's generated-name alphabet
/// (`names.SimpleNameGenerator`), as a ReplicationController's pods are named.
fn generated_from(name: &str, owner: &str) -> bool {
    name.strip_prefix(owner)
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(|suffix| suffix.len() == 5 && suffix.bytes().all(|b| crate::engine::rng::NAME_ALPHABET.contains(&b)))
}

/// Arranges pods into lanes: one per node in the view's order, then the unscheduled lane if it
/// has pods (or if there are no nodes at all), then lanes for nodes the view did not list.
pub fn lanes(view: &ClusterView) -> Vec<Lane<'_>> {
    let mut lanes: Vec<Lane<'_>> = view
        .nodes
        .iter()
        .map(|node| Lane { node: Some(node.name.as_str()), ready: node.ready, groups: Vec::new() })
        .collect();
    let mut unscheduled = Lane { node: None, ready: true, groups: Vec::new() };
    for pod in &view.pods {
        let lane = match pod.node.as_deref() {
            None => &mut unscheduled,
            Some(node) => match lanes.iter().position(|lane| lane.node == Some(node)) {
                Some(i) => &mut lanes[i],
                None => {
                    lanes.push(Lane { node: Some(node), ready: false, groups: Vec::new() });
                    lanes.last_mut().expect("just pushed")
                }
            },
        };
        add_to_group(&mut lane.groups, pod, owner_kind(view, pod));
    }
    for lane in &mut lanes {
        lane.groups.shared_sort_by_key(|group| revision_order(group.revision));
    }
    unscheduled.groups.shared_sort_by_key(|group| revision_order(group.revision));
    if !unscheduled.groups.is_empty() || lanes.is_empty() {
        lanes.push(unscheduled);
    }
    lanes
}

fn add_to_group<'a>(groups: &mut Vec<PodGroup<'a>>, pod: &'a PodView, owner_kind: Option<OwnerKind>) {
    let owner = pod.owner.as_deref();
    match groups.iter_mut().find(|group| group.owner == owner && group.owner_kind == owner_kind) {
        Some(group) => group.pods.push(pod),
        None => groups.push(PodGroup { owner, owner_kind, revision: pod.revision.as_deref(), pods: vec![pod] }),
    }
}

/// Sorts revisions numerically ("2" before "10"); groups without a revision go last.
fn revision_order(revision: Option<&str>) -> (u8, u64) {
    match revision.and_then(|rev| rev.parse::<u64>().ok()) {
        Some(rev) => (0, rev),
        None => (1, 0),
    }
}

/// A palette of hues (degrees) that stay distinguishable next to each other, light or dark.
/// The order is chosen for the lessons' images: `nginx:1.14` is blue, `nginx:1.15` orange,
/// `nginx:1.16` green, `nginx:1.16.1` magenta (the hash below picks the entry).
const HUES: [u16; 10] = [350, 95, 320, 48, 250, 190, 280, 145, 28, 212];

/// The hue (0-359) that represents `image` everywhere on the page. Stable across reloads: a hash
/// of the text picks a palette entry, so `nginx:1.14.2` always has the same colour.
pub fn image_hue(image: &str) -> u16 {
    HUES[(fnv1a(image) % HUES.len() as u64) as usize]
}

/// FNV-1a, 64 bit: a tiny stable hash (std's `DefaultHasher` is not guaranteed stable).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ byte as u64).wrapping_mul(0x0000_0100_0000_01b3))
}

/// The part of a pod name after its ReplicaSet's name (`nginx-deployment-5d59d67564-abcde` owned by
/// `nginx-deployment-5d59d67564` gives `abcde`), or the whole name if it does not start so.
pub fn short_pod_name<'a>(pod_name: &'a str, owner: Option<&str>) -> &'a str {
    owner
        .and_then(|owner| pod_name.strip_prefix(owner))
        .and_then(|rest| rest.strip_prefix('-'))
        .filter(|rest| !rest.is_empty())
        .unwrap_or(pod_name)
}

/// The distinct images in the view, in order of first appearance among ReplicaSets then pods.
pub fn images(view: &ClusterView) -> Vec<&str> {
    let mut images: Vec<&str> = Vec::new();
    let all =
        view.replica_sets.iter().map(|rs| rs.image.as_str()).chain(view.pods.iter().map(|pod| pod.image.as_str()));
    for image in all {
        if !image.is_empty() && !images.contains(&image) {
            images.push(image);
        }
    }
    images
}

/// How much a pod card shows. `Full`: its name and STATUS; `Compact`: its name on one line (the
/// card's fill, outline, stripes and grey still tell the phase); `Dense`: a small square, named
/// only by its tooltip and accessible label; `Tiny`: a smaller square, for hundreds of pods. The
/// page picks the first that fits (`Fit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Density {
    #[default]
    Full,
    Compact,
    Dense,
    Tiny,
}

impl Density {
    /// The class on the drawing that sizes the cards (static/style.css).
    pub fn class(self) -> &'static str {
        match self {
            Density::Full => "density-full",
            Density::Compact => "density-compact",
            Density::Dense => "density-dense",
            Density::Tiny => "density-dense density-tiny",
        }
    }

    fn denser(self) -> Option<Density> {
        match self {
            Density::Full => Some(Density::Compact),
            Density::Compact => Some(Density::Dense),
            Density::Dense => Some(Density::Tiny),
            Density::Tiny => None,
        }
    }

    fn sparser(self) -> Option<Density> {
        match self {
            Density::Full => None,
            Density::Compact => Some(Density::Full),
            Density::Dense => Some(Density::Compact),
            Density::Tiny => Some(Density::Dense),
        }
    }
}

/// The cluster drawing's density, chosen by measuring: a drawing that spills out of its box
/// (an inner scrollbar that would hide a lane) becomes one step denser, and a denser drawing
/// tries one step sparser only once it has a fifth fewer pods (at least one) than when it had to
/// become denser. So a rollout that grows shrinks the cards as it needs to, and the cards do not
/// flip back and forth while the count stays where it is or creeps down (each try draws every
/// card twice, which a 300-pod rollout would feel at every deletion).
///
/// Example at 1280x720: 3 pods fit as full cards; scaling to 10 spills at 13 pods during the
/// surge, so `Compact` remembers 13; at 10 pods after the rollout (10 + 2 <= 13) it tries `Full`
/// again, which spills, so it is `Compact` again remembering 10, and stays so until at most 8
/// are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Fit {
    pub density: Density,
    /// The pods drawn when the drawing last became `Compact` (index 0), `Dense` (1), `Tiny` (2).
    raised_at: [usize; 3],
}

impl Fit {
    /// The density for the next render, after one that drew `n_pods` and did (`overflowing`)
    /// or did not spill out of its box.
    pub fn next(self, overflowing: bool, n_pods: usize) -> Fit {
        let level = |density: Density| density as usize - 1;
        match (overflowing, self.density.denser(), self.density.sparser()) {
            (true, Some(denser), _) => {
                let mut raised_at = self.raised_at;
                raised_at[level(denser)] = n_pods;
                Fit { density: denser, raised_at }
            }
            (false, _, Some(sparser)) if n_pods + (self.raised_at[level(self.density)] / 5).max(1) <= self.raised_at[level(self.density)] => {
                Fit { density: sparser, ..self }
            }
            _ => self,
        }
    }
}
