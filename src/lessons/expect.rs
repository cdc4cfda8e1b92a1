//! What a lesson check expects: predicates over the cluster's objects and the learner's
//! transcript, written in the lesson file as a one-key mapping:
//!
//! ```yaml
//! expect:
//!   pods: { deployment: web, revision: 2, ready: true, count: 3 }
//! ```
//!
//! The keys: `pods`, `deployment`, `service`, `object`, `objects`, `ran`, `event`, and the
//! combinators `all`, `any`, `not`. Every field is optional unless said otherwise; a field that
//! is given must match. Counting predicates take `count` (exactly), `min` and `max`; with none of
//! them, at least one must match.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::engine::api::deployment::Deployment;
use crate::engine::api::pod::Pod;
use crate::engine::api::selector::Selector;
use crate::engine::clock::Time;
use crate::engine::controllers::deployment::util;
use crate::engine::store::Kind;
use crate::engine::{objects, resources};
use crate::engine::Cluster;
use crate::playground::Ran;

/// One predicate.
#[derive(Debug, Clone, PartialEq)]
pub enum Expect {
    /// Pods matching every filter, counted.
    Pods(PodsExpect),
    /// A Deployment's spec, status, revision and rollout state.
    Deployment(DeploymentExpect),
    /// A Service's type, selector and ready endpoints.
    Service(ServiceExpect),
    /// Any object by kind and name, optionally a JSONPath value of it.
    Object(ObjectExpect),
    /// Objects of a kind matching a label selector, counted.
    Objects(ObjectsExpect),
    /// A command the learner ran in this lesson.
    Ran(RanExpect),
    /// An event recorded since the lesson started.
    Event(EventExpect),
    All(Vec<Expect>),
    Any(Vec<Expect>),
    Not(Box<Expect>),
}

/// The keys of [`Expect`], as a lesson writes them.
pub const KEYS: &[&str] = &["pods", "deployment", "service", "object", "objects", "ran", "event", "all", "any", "not"];

impl<'de> Deserialize<'de> for Expect {
    /// A mapping with exactly one of [`KEYS`] (serde_yaml would want a `!tag` for an enum).
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Expect, D::Error> {
        struct ExpectVisitor;
        impl<'de> serde::de::Visitor<'de> for ExpectVisitor {
            type Value = Expect;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                write!(f, "a mapping with one of: {}", KEYS.join(", "))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Expect, A::Error> {
                use serde::de::Error;
                let Some(key) = map.next_key::<String>()? else {
                    return Err(A::Error::custom(format!("empty; write one of: {}", KEYS.join(", "))));
                };
                let expect = match key.as_str() {
                    "pods" => Expect::Pods(map.next_value()?),
                    "deployment" => Expect::Deployment(map.next_value()?),
                    "service" => Expect::Service(map.next_value()?),
                    "object" => Expect::Object(map.next_value()?),
                    "objects" => Expect::Objects(map.next_value()?),
                    "ran" => Expect::Ran(map.next_value()?),
                    "event" => Expect::Event(map.next_value()?),
                    "all" => Expect::All(map.next_value()?),
                    "any" => Expect::Any(map.next_value()?),
                    "not" => Expect::Not(Box::new(map.next_value()?)),
                    other => return Err(A::Error::unknown_variant(other, KEYS)),
                };
                if let Some(extra) = map.next_key::<String>()? {
                    return Err(A::Error::custom(format!("`{key}` and `{extra}` in one expect: combine them with `all: [...]`")));
                }
                Ok(expect)
            }
        }
        deserializer.deserialize_map(ExpectVisitor)
    }
}

fn default_namespace() -> String {
    "default".to_string()
}

/// `count` / `min` / `max` of a counting predicate.
fn count_matches(n: usize, count: Option<usize>, min: Option<usize>, max: Option<usize>) -> bool {
    match (count, min, max) {
        (None, None, None) => n >= 1,
        _ => count.is_none_or(|c| n == c) && min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m),
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PodsExpect {
    #[serde(default = "default_namespace")]
    pub namespace: String,
    /// A label selector as `kubectl -l` takes it: `app=web,ver!=v1`.
    pub selector: Option<String>,
    /// Pods of this Deployment (through their ReplicaSet).
    pub deployment: Option<String>,
    /// Pods of this ReplicaSet.
    pub replicaset: Option<String>,
    /// Pods whose ReplicaSet carries this `deployment.kubernetes.io/revision`.
    pub revision: Option<i64>,
    /// Some container runs this image.
    pub image: Option<String>,
    /// The STATUS column of `kubectl get pods`: Running, Pending, ContainerCreating, …
    pub status: Option<String>,
    /// The Ready condition.
    pub ready: Option<bool>,
    /// Being deleted. Unset: terminating pods are left out, unless `status: Terminating`.
    pub terminating: Option<bool>,
    /// Has a controller owner (false: an orphan, as after `--cascade=orphan` or relabelling).
    pub owned: Option<bool>,
    pub node: Option<String>,
    /// The name starts with this.
    pub name: Option<String>,
    pub count: Option<usize>,
    pub min: Option<usize>,
    pub max: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionExpect {
    #[serde(rename = "type")]
    pub type_: String,
    pub status: Option<String>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeploymentExpect {
    /// Required.
    pub name: String,
    #[serde(default = "default_namespace")]
    pub namespace: String,
    /// false: the Deployment must not exist.
    pub exists: Option<bool>,
    /// spec.replicas.
    pub replicas: Option<i32>,
    /// status.readyReplicas, updatedReplicas, availableReplicas.
    pub ready: Option<i32>,
    pub updated: Option<i32>,
    pub available: Option<i32>,
    /// The `deployment.kubernetes.io/revision` annotation.
    pub revision: Option<i64>,
    /// Some container of the template runs this image.
    pub image: Option<String>,
    pub paused: Option<bool>,
    /// RollingUpdate or Recreate.
    pub strategy: Option<String>,
    /// As written: `1`, `25%`.
    pub max_surge: Option<String>,
    pub max_unavailable: Option<String>,
    pub min_ready_seconds: Option<i32>,
    pub progress_deadline_seconds: Option<i32>,
    /// The `kubernetes.io/change-cause` annotation contains this.
    pub change_cause: Option<String>,
    pub condition: Option<ConditionExpect>,
    /// What `kubectl rollout status` calls "successfully rolled out".
    pub complete: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceExpect {
    /// Required.
    pub name: String,
    #[serde(default = "default_namespace")]
    pub namespace: String,
    pub exists: Option<bool>,
    /// ClusterIP, NodePort, LoadBalancer.
    #[serde(rename = "type")]
    pub type_: Option<String>,
    /// The selector contains these labels.
    pub selector: Option<BTreeMap<String, String>>,
    /// How many ready endpoint addresses it has.
    pub endpoints: Option<usize>,
    /// Every ready endpoint is a pod running this image (and there is at least one).
    pub endpoints_image: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectExpect {
    /// A type as kubectl takes it: `configmap`, `cm`, `secrets`, `deploy`.
    pub kind: String,
    pub name: String,
    #[serde(default = "default_namespace")]
    pub namespace: String,
    /// Default true.
    pub exists: Option<bool>,
    /// A kubectl JSONPath template: `{.data.color}`. Its text must be non-empty, or equal/contain.
    pub path: Option<String>,
    pub equals: Option<String>,
    pub contains: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectsExpect {
    pub kind: String,
    /// `*` for every namespace.
    #[serde(default = "default_namespace")]
    pub namespace: String,
    pub selector: Option<String>,
    pub count: Option<usize>,
    pub min: Option<usize>,
    pub max: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RanExpect {
    /// Words the command line must contain, in any order (`kubectl` optional):
    /// `rollout undo --to-revision=1` matches `kubectl rollout undo deploy/web --to-revision 1`.
    pub command: String,
    /// It succeeded (true) or failed (false).
    pub ok: Option<bool>,
    /// Its output contains this.
    pub output: Option<String>,
    /// Only commands from the first one containing these words on (that one included):
    /// `since: run access=true` counts a `wget` typed in the shell that `kubectl run
    /// --labels=access=true ... -- sh` opened, and the one-shot `kubectl run
    /// --labels=access=true ... -- wget`, but not a `wget` before either.
    pub since: Option<String>,
    pub count: Option<usize>,
    pub min: Option<usize>,
    pub max: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventExpect {
    pub reason: Option<String>,
    /// `Kind/name` of the object, or a part of it: `Deployment/web`, `pod/web-`.
    pub object: Option<String>,
    pub message: Option<String>,
    /// Normal or Warning.
    #[serde(rename = "type")]
    pub type_: Option<String>,
    #[serde(default = "default_namespace")]
    pub namespace: String,
    pub count: Option<usize>,
    pub min: Option<usize>,
    pub max: Option<usize>,
}

/// What checks look at: the cluster and the transcript, and where the lesson started in them.
#[derive(Clone, Copy)]
pub struct Scope<'a> {
    pub cluster: &'a Cluster,
    /// The commands run so far (a blocking command shows up once it has finished).
    pub transcript: &'a [Ran],
    /// Commands from this index of the transcript on are the learner's.
    pub first_command: usize,
    /// Events at or after this time count.
    pub since: Time,
}

impl Expect {
    /// Whether the cluster and transcript satisfy this predicate now.
    pub fn holds(&self, scope: &Scope) -> bool {
        match self {
            Expect::Pods(e) => e.holds(scope),
            Expect::Deployment(e) => e.holds(scope),
            Expect::Service(e) => e.holds(scope),
            Expect::Object(e) => e.holds(scope),
            Expect::Objects(e) => e.holds(scope),
            Expect::Ran(e) => e.holds(scope),
            Expect::Event(e) => e.holds(scope),
            Expect::All(all) => all.iter().all(|e| e.holds(scope)),
            Expect::Any(any) => any.iter().any(|e| e.holds(scope)),
            Expect::Not(e) => !e.holds(scope),
        }
    }

    /// Problems a lesson author must fix (a selector that does not parse, an unknown kind),
    /// each with the path of the field.
    pub fn problems(&self, path: &str) -> Vec<String> {
        let mut problems = Vec::new();
        let mut selector = |field: &str, text: &Option<String>| {
            if let Some(text) = text {
                if let Err(error) = Selector::parse(text) {
                    problems.push(format!("{path}.{field}: {error}"));
                }
            }
        };
        match self {
            Expect::Pods(e) => selector("pods.selector", &e.selector),
            Expect::Objects(e) => {
                selector("objects.selector", &e.selector);
                if resources::resolve(&e.kind).is_none() {
                    problems.push(format!("{path}.objects.kind: unknown kind {:?}", e.kind));
                }
            }
            Expect::Object(e) => {
                if resources::resolve(&e.kind).is_none() {
                    problems.push(format!("{path}.object.kind: unknown kind {:?}", e.kind));
                }
                if e.path.is_none() && (e.equals.is_some() || e.contains.is_some()) {
                    problems.push(format!("{path}.object: `equals` and `contains` need a `path`"));
                }
            }
            Expect::Ran(e) => {
                if words(&e.command).is_empty() {
                    problems.push(format!("{path}.ran.command: empty"));
                }
                if e.since.as_ref().is_some_and(|since| words(since).is_empty()) {
                    problems.push(format!("{path}.ran.since: empty"));
                }
            }
            Expect::All(list) | Expect::Any(list) => {
                let key = if matches!(self, Expect::All(_)) { "all" } else { "any" };
                for (i, e) in list.iter().enumerate() {
                    problems.extend(e.problems(&format!("{path}.{key}[{i}]")));
                }
            }
            Expect::Not(e) => problems.extend(e.problems(&format!("{path}.not"))),
            _ => {}
        }
        problems
    }
}

fn selector_of(text: &Option<String>) -> Option<Selector> {
    match text {
        Some(text) => Selector::parse(text).ok(),
        None => Some(Selector::everything()),
    }
}

fn owner_uid(pod: &Pod) -> Option<&str> {
    pod.metadata.controller_ref().map(|o| o.uid.as_str())
}

impl PodsExpect {
    fn holds(&self, scope: &Scope) -> bool {
        let cluster = scope.cluster;
        let store = cluster.store();
        let Some(selector) = selector_of(&self.selector) else { return false };
        let deployment_uid = match &self.deployment {
            Some(name) => match store.deployments.in_namespace(&self.namespace).find(|d| &d.metadata.name == name) {
                Some(d) => Some(d.metadata.uid.clone()),
                None => return self.counted(0),
            },
            None => None,
        };
        let replica_set = |pod: &Pod| {
            let uid = owner_uid(pod)?;
            store.replica_sets.in_namespace(&self.namespace).find(|rs| rs.metadata.uid == uid).cloned()
        };
        let n = store
            .pods
            .in_namespace(&self.namespace)
            .filter(|pod| {
                let terminating = pod.metadata.deletion_timestamp.is_some();
                let wants_terminating = self.terminating.unwrap_or(self.status.as_deref() == Some("Terminating"));
                if terminating != wants_terminating && (self.terminating.is_some() || terminating) {
                    return false;
                }
                if !selector.matches(&pod.metadata.labels) {
                    return false;
                }
                if self.name.as_ref().is_some_and(|prefix| !pod.metadata.name.starts_with(prefix.as_str())) {
                    return false;
                }
                if self.owned.is_some_and(|owned| owned != owner_uid(pod).is_some()) {
                    return false;
                }
                if self.ready.is_some_and(|ready| ready != pod.is_ready()) {
                    return false;
                }
                if self.status.as_ref().is_some_and(|status| *status != pod.status_column()) {
                    return false;
                }
                if self.node.as_ref().is_some_and(|node| pod.spec.node_name.as_deref() != Some(node.as_str())) {
                    return false;
                }
                if self.image.as_ref().is_some_and(|image| !pod.spec.containers.iter().any(|c| c.image.as_deref() == Some(image.as_str()))) {
                    return false;
                }
                if self.replicaset.is_some() || self.deployment.is_some() || self.revision.is_some() {
                    let Some(rs) = replica_set(pod) else { return false };
                    if self.replicaset.as_ref().is_some_and(|name| *name != rs.metadata.name) {
                        return false;
                    }
                    if let Some(uid) = &deployment_uid {
                        if rs.metadata.controller_ref().map(|o| o.uid.as_str()) != Some(uid.as_str()) {
                            return false;
                        }
                    }
                    if self.revision.is_some_and(|revision| revision != util::revision_of(&rs)) {
                        return false;
                    }
                }
                true
            })
            .count();
        self.counted(n)
    }

    fn counted(&self, n: usize) -> bool {
        count_matches(n, self.count, self.min, self.max)
    }
}

/// `kubectl rollout status`'s test of a finished rollout (`DeploymentStatusViewer.Status`).
pub fn rollout_complete(d: &Deployment) -> bool {
    if d.metadata.generation > d.status.observed_generation {
        return false;
    }
    if util::get_condition(&d.status, "Progressing").is_some_and(|c| c.reason.as_deref() == Some("ProgressDeadlineExceeded")) {
        return false;
    }
    let replicas = d.spec.replicas.unwrap_or(1);
    d.status.updated_replicas >= replicas && d.status.replicas <= d.status.updated_replicas && d.status.available_replicas >= d.status.updated_replicas
}

impl DeploymentExpect {
    fn holds(&self, scope: &Scope) -> bool {
        let store = scope.cluster.store();
        let found = store.deployments.in_namespace(&self.namespace).find(|d| d.metadata.name == self.name);
        let Some(d) = found else { return self.exists == Some(false) };
        if self.exists == Some(false) {
            return false;
        }
        let rolling = d.spec.strategy.rolling_update.as_ref();
        let annotation = |key: &str| d.metadata.annotation(key).map(str::to_string);
        self.replicas.is_none_or(|n| d.spec.replicas.unwrap_or(1) == n)
            && self.ready.is_none_or(|n| d.status.ready_replicas == n)
            && self.updated.is_none_or(|n| d.status.updated_replicas == n)
            && self.available.is_none_or(|n| d.status.available_replicas == n)
            && self.revision.is_none_or(|n| annotation("deployment.kubernetes.io/revision").and_then(|r| r.parse().ok()) == Some(n))
            && self.image.as_ref().is_none_or(|image| d.spec.template.spec.containers.iter().any(|c| c.image.as_deref() == Some(image.as_str())))
            && self.paused.is_none_or(|paused| d.spec.paused.unwrap_or(false) == paused)
            && self.strategy.as_ref().is_none_or(|s| d.spec.strategy.type_.as_deref().unwrap_or("RollingUpdate") == s)
            && self.max_surge.as_ref().is_none_or(|s| rolling.and_then(|r| r.max_surge.as_ref()).map(|v| v.display()).as_ref() == Some(s))
            && self.max_unavailable.as_ref().is_none_or(|s| rolling.and_then(|r| r.max_unavailable.as_ref()).map(|v| v.display()).as_ref() == Some(s))
            && self.min_ready_seconds.is_none_or(|n| d.spec.min_ready_seconds.unwrap_or(0) == n)
            && self.progress_deadline_seconds.is_none_or(|n| d.spec.progress_deadline_seconds == Some(n))
            && self.change_cause.as_ref().is_none_or(|c| annotation("kubernetes.io/change-cause").is_some_and(|a| a.contains(c.as_str())))
            && self.condition.as_ref().is_none_or(|want| {
                util::get_condition(&d.status, &want.type_).is_some_and(|c| {
                    want.status.as_ref().is_none_or(|s| *s == c.status) && want.reason.as_ref().is_none_or(|r| c.reason.as_ref() == Some(r))
                })
            })
            && self.complete.is_none_or(|complete| rollout_complete(d) == complete)
    }
}

impl ServiceExpect {
    fn holds(&self, scope: &Scope) -> bool {
        let store = scope.cluster.store();
        let found = store.services.in_namespace(&self.namespace).find(|s| s.metadata.name == self.name);
        let Some(svc) = found else { return self.exists == Some(false) };
        if self.exists == Some(false) {
            return false;
        }
        if self.type_.as_ref().is_some_and(|t| svc.spec.type_.as_deref().unwrap_or("ClusterIP") != t) {
            return false;
        }
        if self.selector.as_ref().is_some_and(|want| want.iter().any(|(k, v)| svc.spec.selector.get(k) != Some(v))) {
            return false;
        }
        if self.endpoints.is_none() && self.endpoints_image.is_none() {
            return true;
        }
        let ready: Vec<String> = store
            .endpoints
            .in_namespace(&self.namespace)
            .filter(|ep| ep.metadata.name == self.name)
            .flat_map(|ep| ep.subsets.iter().flat_map(|s| s.addresses.iter()))
            .filter_map(|address| address.target_ref.as_ref()?.get("name")?.as_str().map(str::to_string))
            .collect();
        if self.endpoints.is_some_and(|n| ready.len() != n) {
            return false;
        }
        match &self.endpoints_image {
            None => true,
            Some(image) => {
                !ready.is_empty()
                    && ready.iter().all(|name| {
                        store
                            .pods
                            .in_namespace(&self.namespace)
                            .find(|p| &p.metadata.name == name)
                            .is_some_and(|p| p.spec.containers.iter().any(|c| c.image.as_deref() == Some(image.as_str())))
                    })
            }
        }
    }
}

impl ObjectExpect {
    fn holds(&self, scope: &Scope) -> bool {
        let Some(kind) = resources::resolve(&self.kind).map(|t| t.kind) else { return false };
        let found = objects::get(scope.cluster, kind, &self.namespace, &self.name)
            .filter(|o| !(kind == Kind::Namespace && objects::meta(o).is_deleting()));
        let Some(object) = found else { return self.exists == Some(false) };
        if self.exists == Some(false) {
            return false;
        }
        let Some(path) = &self.path else { return true };
        let value = objects::to_json(&object);
        let Ok(text) = crate::kubectl::printers::jsonpath::execute_with(path, &value, true) else { return false };
        match (&self.equals, &self.contains) {
            (None, None) => !text.is_empty(),
            (equals, contains) => {
                equals.as_ref().is_none_or(|e| text == *e) && contains.as_ref().is_none_or(|c| text.contains(c.as_str()))
            }
        }
    }
}

impl ObjectsExpect {
    fn holds(&self, scope: &Scope) -> bool {
        let Some(kind) = resources::resolve(&self.kind).map(|t| t.kind) else { return false };
        let Some(selector) = selector_of(&self.selector) else { return false };
        let namespace = (self.namespace != "*").then_some(self.namespace.as_str());
        let n = objects::list(scope.cluster, kind, namespace, &selector)
            .iter()
            .filter(|o| !objects::meta(o).is_deleting())
            .count();
        count_matches(n, self.count, self.min, self.max)
    }
}

/// The words of a command line without a leading `kubectl`/`k`, `--flag=value` split in two,
/// a `;` ending a command dropped (`... nginx; echo $?` has the word `nginx`).
fn words(line: &str) -> Vec<String> {
    let words = crate::kubectl::args::shell_words(line).unwrap_or_else(|_| line.split_whitespace().map(str::to_string).collect());
    let skip = usize::from(matches!(words.first().map(String::as_str), Some("kubectl") | Some("k")));
    words
        .into_iter()
        .skip(skip)
        .map(|w| match w.strip_suffix(';') {
            Some(stripped) if !stripped.is_empty() => stripped.to_string(),
            _ => w,
        })
        .flat_map(|w| match w.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => vec![flag.to_string(), value.to_string()],
            _ => vec![w],
        })
        .collect()
}

impl RanExpect {
    fn holds(&self, scope: &Scope) -> bool {
        let wanted = words(&self.command);
        let transcript = scope.transcript;
        let mut learners = &transcript[scope.first_command.min(transcript.len())..];
        if let Some(since) = &self.since {
            let since = words(since);
            match learners.iter().position(|ran| {
                let have = words(&ran.line);
                since.iter().all(|w| have.contains(w))
            }) {
                Some(first) => learners = &learners[first..],
                None => learners = &[],
            }
        }
        let n = learners
            .iter()
            .filter(|ran| {
                let have = words(&ran.line);
                wanted.iter().all(|w| have.contains(w))
                    && self.ok.is_none_or(|ok| ok == (ran.exit_code == 0))
                    && self.output.as_ref().is_none_or(|o| ran.output.contains(o.as_str()))
            })
            .count();
        count_matches(n, self.count, self.min, self.max)
    }
}

impl EventExpect {
    fn holds(&self, scope: &Scope) -> bool {
        let store = scope.cluster.store();
        let n = store
            .events
            .in_namespace(&self.namespace)
            .filter(|e| e.last_timestamp.or(e.first_timestamp).is_some_and(|t| t.0 >= scope.since.0))
            .filter(|e| {
                let object = format!("{}/{}", e.involved_object.kind, e.involved_object.name);
                self.reason.as_ref().is_none_or(|r| *r == e.reason)
                    && self.type_.as_ref().is_none_or(|t| *t == e.type_)
                    && self.message.as_ref().is_none_or(|m| e.message.contains(m.as_str()))
                    && self.object.as_ref().is_none_or(|o| object.to_ascii_lowercase().contains(&o.to_ascii_lowercase()))
            })
            .count();
        count_matches(n, self.count, self.min, self.max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        // (n, count, min, max) -> holds
        let table = [
            (0, None, None, None, false),
            (1, None, None, None, true),
            (3, Some(3), None, None, true),
            (2, Some(3), None, None, false),
            (0, Some(0), None, None, true),
            (4, None, Some(3), None, true),
            (2, None, Some(3), None, false),
            (0, None, None, Some(0), true),
            (5, None, Some(2), Some(4), false),
        ];
        for (n, count, min, max, want) in table {
            assert_eq!(count_matches(n, count, min, max), want, "{n} {count:?} {min:?} {max:?}");
        }
    }

    fn ran(line: &str, exit_code: i32, output: &str) -> Ran {
        Ran { line: line.to_string(), exit_code, output: output.to_string(), entry: 0 }
    }

    #[test]
    fn ran_since_counts_from_the_first_matching_command_on() {
        let cluster = Cluster::new(1, crate::engine::timing::Timing::reference());
        let transcript = [
            ran("kubectl get pods", 0, ""),
            ran("wget --spider nginx", 0, "remote file exists"),
            ran("kubectl run busybox --rm -ti --labels=\"access=true\" --image=busybox:1.28 -- /bin/sh", 0, ""),
            ran("wget --spider --timeout=1 nginx", 0, "remote file exists"),
        ];
        let expect = |yaml: &str| serde_yaml::from_str::<Expect>(yaml).unwrap();
        let holds = |yaml: &str, first_command: usize, len: usize| {
            let scope = Scope { cluster: &cluster, transcript: &transcript[..len], first_command, since: cluster.time() };
            expect(yaml).holds(&scope)
        };
        let since = "ran: { command: wget nginx, output: remote file exists, since: run access=true }";
        assert!(holds("ran: { command: wget nginx, output: remote file exists }", 0, 2));
        assert!(!holds(since, 0, 2), "before the labelled run");
        assert!(!holds(since, 0, 3), "the labelled run, no wget after it yet");
        assert!(holds(since, 0, 4));
        assert!(holds("ran: { command: wget nginx, since: run access=true, count: 1 }", 0, 4));
        assert!(!holds(since, 3, 4), "the labelled run came before the lesson");
        // The one-shot form: the run line itself carries both.
        let one_shot = [ran("kubectl run busybox --rm -i --labels=access=true --image=busybox:1.28 --restart=Never -- wget --spider nginx", 0, "remote file exists")];
        let scope = Scope { cluster: &cluster, transcript: &one_shot, first_command: 0, since: cluster.time() };
        assert!(expect(since).holds(&scope));
        assert_eq!(expect("ran: { command: get, since: ' ' }").problems("x"), ["x.ran.since: empty"]);
    }

    #[test]
    fn command_words() {
        assert_eq!(words("kubectl rollout undo deploy/web --to-revision=1"), ["rollout", "undo", "deploy/web", "--to-revision", "1"]);
        let wanted = words("rollout undo --to-revision=1");
        let have = words("k rollout undo deployment web --to-revision 1");
        assert!(wanted.iter().all(|w| have.contains(w)));
        assert_eq!(words("kubectl run b --rm -i --image=busybox -- wget nginx; echo \"status $?\""), ["run", "b", "--rm", "-i", "--image", "busybox", "--", "wget", "nginx", "echo", "status $?"]);
    }
}
