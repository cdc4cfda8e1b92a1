//! `kubectl rollout status|history|undo|pause|resume|restart` for Deployments, DaemonSets and
//! StatefulSets. Mirrors kubectl's `DeploymentStatusViewer`, `DaemonSetStatusViewer`,
//! `StatefulSetStatusViewer`, `DeploymentHistoryViewer`, `StatefulSetHistoryViewer`,
//! `DeploymentRollbacker`, `StatefulSetRollbacker` and the object pauser, resumer and restarter.
//! Any other kind (a ReplicationController, a ReplicaSet) gets the errors the polymorphic helpers
//! give it: `StatusViewerFor`, `HistoryViewerFor` and `RollbackerFor` have nothing for it, and
//! `defaultObjectPauser`, `defaultObjectResumer` and `defaultObjectRestarter` do not support it.

use std::rc::Rc;

use crate::engine::api::daemon_set::DaemonSet;
use crate::engine::api::deployment::{Deployment, ReplicaSet, CHANGE_CAUSE_ANNOTATION, POD_TEMPLATE_HASH_LABEL};
use crate::engine::api::pod::PodTemplateSpec;
use crate::engine::api::stateful_set::StatefulSet;
use crate::engine::apiserver;
use crate::engine::controllers::deployment::util;
use crate::engine::store::{Key, Obj};
use crate::kubectl::args::{self, boolean, value, FlagSpec};
use crate::kubectl::get::namespace;
use crate::kubectl::resources::ResourceType;
use crate::kubectl::printers::{describe, print_flags};
use crate::kubectl::{flag_error, Ctx};
use crate::order::SharedSort;

const ROLLOUT_FLAGS: &[FlagSpec] = &[
    value("timeout", None),
    value("watch", Some('w')),
    value("revision", None),
    value("to-revision", None),
    value("selector", Some('l')),
    value("filename", Some('f')),
    args::DRY_RUN,
    value("output", Some('o')),
    boolean("recursive", Some('R')),
];


#[inline(never)]
pub fn rollout(ctx: &mut Ctx, words: &[String]) {
    // `kubectl rollout` alone is kubectl::help's (the group's help).
    let Some(sub) = words.first().cloned() else { return };
    if !["status", "history", "undo", "pause", "resume", "restart"].contains(&sub.as_str()) {
        return ctx.out.fail(format!("error: unknown command \"{sub}\" for \"kubectl rollout\"\n"));
    }
    // `-w=false` / `--watch=false` are booleans with values; normalise a bare `-w`/`--watch`.
    let rest: Vec<String> = words[1..].iter().map(|w| if w == "-w" || w == "--watch" { "--watch=true".to_string() } else { w.clone() }).collect();
    let parsed = match args::parse(&rest, ROLLOUT_FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, &format!("rollout {sub}"), &message),
    };
    // undo, pause, resume and restart print through PrintFlags (`-o name|yaml|json|...`).
    let output = match sub.as_str() {
        "undo" | "pause" | "resume" | "restart" => match print_flags::output_or_fail(ctx, &parsed) {
            Ok(output) => output,
            Err(()) => return,
        },
        _ => None,
    };
    let output = output.as_deref();
    let ns = namespace(&parsed);
    let Some((targets, missing)) = resolve_targets(ctx, &parsed.positional, &ns) else { return };
    if targets.is_empty() && missing.is_empty() && matches!(sub.as_str(), "status" | "restart") {
        ctx.out.err(format!("No resources found in {ns} namespace.\n"));
        return;
    }
    if sub == "restart" {
        let failed: Vec<String> = targets.iter().filter_map(|(resource, object)| restart(ctx, resource, object, output).err()).collect();
        return report_restart_errors(ctx, &missing, &failed);
    }
    // The resource builder visits each object in turn (ContinueOnError); what was not found is
    // the aggregated error at the end.
    for (resource, object) in targets {
        run_on(ctx, &sub, &parsed, resource, &object, output);
    }
    for message in missing {
        ctx.out.fail(message);
    }
}

/// One rollout subcommand on one object.
fn run_on(ctx: &mut Ctx, sub: &str, parsed: &args::Parsed, resource: &'static ResourceType, object: &Obj, output: Option<&str>) {
    match (sub, object) {
        ("status", Obj::Deployment(_) | Obj::DaemonSet(_) | Obj::StatefulSet(_)) => status(ctx, parsed, resource, object),
        ("status", _) => ctx.out.fail(format!("error: no status viewer has been implemented for {}\n", group_kind(resource))),
        ("history", Obj::Deployment(d)) => history(ctx, parsed, d),
        ("undo", Obj::Deployment(d)) => undo(ctx, parsed, d, output),
        ("history", Obj::StatefulSet(sts)) => stateful_set_history(ctx, parsed, sts),
        ("undo", Obj::StatefulSet(sts)) => stateful_set_undo(ctx, parsed, sts),
        ("history" | "undo", Obj::DaemonSet(ds)) => without_controller_revisions(ctx, sub, &ds.metadata.name),
        ("history", _) => ctx.out.fail(format!("error: no history viewer has been implemented for {:?}\n", group_kind(resource))),
        ("undo", _) => ctx.out.fail(format!("error: no rollbacker has been implemented for {:?}\n", group_kind(resource))),
        ("pause", Obj::Deployment(d)) => pause(ctx, d, true, output),
        ("resume", Obj::Deployment(d)) => pause(ctx, d, false, output),
        ("pause" | "resume", _) => {
            // defaultObjectPauser / defaultObjectResumer: only Deployments pause.
            let verb = if sub == "pause" { "pausing" } else { "resuming" };
            ctx.out.fail(format!("error: {} {:?} {verb} is not supported\n", resource.resource(), crate::kubectl::objects::meta(object).name.as_str()))
        }
        _ => {}
    }
}

/// `GroupKind.String()`: `DaemonSet.apps`, `Pod`, as the polymorphic helpers' errors name a kind.
fn group_kind(resource: &ResourceType) -> String {
    if resource.group.is_empty() {
        resource.kind.name().to_string()
    } else {
        format!("{}.{}", resource.kind.name(), resource.group)
    }
}

/// The objects the resource builder finds (`ResourceTypeOrNameArgs(true, ...)`): `TYPE/NAME`
/// ..., `TYPE NAME ...`, or `TYPE` alone for all of that type in the namespace; with the
/// NotFound errors of the names that are not there. None (an error printed) when the arguments
/// name nothing usable.
#[allow(clippy::type_complexity)]
fn resolve_targets(ctx: &mut Ctx, positional: &[String], ns: &str) -> Option<(Vec<(&'static ResourceType, Obj)>, Vec<String>)> {
    let mut requests: Vec<(String, Option<String>)> = Vec::new();
    if positional.iter().any(|word| word.contains('/')) {
        for word in positional {
            let Some((type_name, name)) = word.split_once('/') else {
                ctx.out.fail("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n");
                return None;
            };
            requests.push((type_name.to_string(), Some(name.to_string())));
        }
    } else {
        match positional {
            [] => {
                ctx.out.fail("error: required resource not specified\n");
                return None;
            }
            [type_name] => requests.push((type_name.clone(), None)),
            [type_name, names @ ..] => requests.extend(names.iter().map(|name| (type_name.clone(), Some(name.clone())))),
        }
    }
    let (mut found, mut missing) = (Vec::new(), Vec::new());
    for (type_name, name) in requests {
        let Some(resource) = crate::kubectl::resources::resolve(&type_name) else {
            ctx.out.fail(format!("error: the server doesn't have a resource type \"{type_name}\"\n"));
            return None;
        };
        let Some(name) = name else {
            let everything = crate::engine::api::selector::Selector::everything();
            found.extend(crate::kubectl::objects::list(ctx.cluster, resource.kind, Some(ns), &everything).into_iter().map(|object| (resource, object)));
            continue;
        };
        let object = crate::kubectl::objects::get(ctx.cluster, resource.kind, ns, &name);
        ctx.request("GET", &crate::kubectl::klog::item_path(resource, ns, &name), if object.is_some() { 200 } else { 404 });
        match object {
            Some(object) => found.push((resource, object)),
            None => {
                ctx.klog_not_found(resource, &name);
                missing.push(format!("Error from server (NotFound): {} \"{name}\" not found\n", resource.resource()));
            }
        }
    }
    Some((found, missing))
}

/// `rollout history` and `undo` of a DaemonSet: kubectl's `DaemonSetHistoryViewer` and
/// `DaemonSetRollbacker` (pkg/polymorphichelpers/history.go, rollback.go) read the DaemonSet's
/// ControllerRevisions, which kubeplay does not store, so this says so instead of inventing a
/// history.
fn without_controller_revisions(ctx: &mut Ctx, sub: &str, name: &str) {
    let instead = if sub == "undo" { "; change the template with kubectl set image or kubectl apply instead" } else { "; kubectl describe ds shows the current template" };
    ctx.out.fail(format!(
        "kubeplay: rollout {sub} of daemonset.apps/{name} is not simulated: kubectl reads a DaemonSet's revisions from its ControllerRevisions, which kubeplay does not keep{instead}\n"
    ));
}

/// Mirrors `DeploymentStatusViewer.Status`: (message, done) or an error.
pub fn status_message(d: &Deployment) -> Result<(String, bool), String> {
    let name = &d.metadata.name;
    if d.metadata.generation <= d.status.observed_generation {
        if d.condition("Progressing").and_then(|c| c.reason.as_deref()) == Some(util::TIMED_OUT_REASON) {
            return Err(format!("deployment \"{name}\" exceeded its progress deadline"));
        }
        let status = &d.status;
        if status.updated_replicas < d.replicas() {
            return Ok((format!("Waiting for deployment \"{name}\" rollout to finish: {} out of {} new replicas have been updated...\n", status.updated_replicas, d.replicas()), false));
        }
        if status.replicas > status.updated_replicas {
            return Ok((format!("Waiting for deployment \"{name}\" rollout to finish: {} old replicas are pending termination...\n", status.replicas - status.updated_replicas), false));
        }
        if status.available_replicas < status.updated_replicas {
            return Ok((format!("Waiting for deployment \"{name}\" rollout to finish: {} of {} updated replicas are available...\n", status.available_replicas, status.updated_replicas), false));
        }
        return Ok((format!("deployment \"{name}\" successfully rolled out\n"), true));
    }
    Ok(("Waiting for deployment spec update to be observed...\n".to_string(), false))
}

/// Mirrors `DaemonSetStatusViewer.Status` (pkg/polymorphichelpers/rollout_status.go): (message,
/// done) or an error; only the RollingUpdate strategy has a status (the error names the
/// StatefulSet constant, which reads the same).
pub fn daemon_set_status_message(ds: &DaemonSet) -> Result<(String, bool), String> {
    if ds.spec.update_strategy.type_.as_deref() != Some("RollingUpdate") {
        return Err("rollout status is only available for RollingUpdate strategy type".to_string());
    }
    let name = &ds.metadata.name;
    if ds.metadata.generation <= ds.status.observed_generation {
        let status = &ds.status;
        if status.updated_number_scheduled < status.desired_number_scheduled {
            return Ok((format!("Waiting for daemon set \"{name}\" rollout to finish: {} out of {} new pods have been updated...\n", status.updated_number_scheduled, status.desired_number_scheduled), false));
        }
        if status.number_available < status.desired_number_scheduled {
            return Ok((format!("Waiting for daemon set \"{name}\" rollout to finish: {} of {} updated pods are available...\n", status.number_available, status.desired_number_scheduled), false));
        }
        return Ok((format!("daemon set \"{name}\" successfully rolled out\n"), true));
    }
    Ok(("Waiting for daemon set spec update to be observed...\n".to_string(), false))
}

/// Mirrors `StatefulSetStatusViewer.Status` (pkg/polymorphichelpers/rollout_status.go): (message,
/// done) or an error. Only the RollingUpdate strategy has a status; a set whose spec carries a
/// `rollingUpdate` (the API defaults one, with partition 0) reports the partitioned messages,
/// and the `rolling update ... at revision` ones are left for a set without it, as in the Go
/// code.
pub fn stateful_set_status_message(sts: &StatefulSet) -> Result<(String, bool), String> {
    let strategy = &sts.spec.update_strategy;
    if strategy.type_.as_deref() != Some("RollingUpdate") {
        return Err("rollout status is only available for RollingUpdate strategy type".to_string());
    }
    let status = &sts.status;
    if status.observed_generation == 0 || sts.metadata.generation > status.observed_generation {
        return Ok(("Waiting for statefulset spec update to be observed...\n".to_string(), false));
    }
    if let Some(replicas) = sts.spec.replicas {
        if status.ready_replicas < replicas {
            return Ok((format!("Waiting for {} pods to be ready...\n", replicas - status.ready_replicas), false));
        }
    }
    if let Some(rolling) = &strategy.rolling_update {
        if let (Some(replicas), Some(partition)) = (sts.spec.replicas, rolling.partition) {
            if status.updated_replicas < replicas - partition {
                return Ok((format!("Waiting for partitioned roll out to finish: {} out of {} new pods have been updated...\n", status.updated_replicas, replicas - partition), false));
            }
        }
        return Ok((format!("partitioned roll out complete: {} new pods have been updated...\n", status.updated_replicas), true));
    }
    let update = status.update_revision.as_deref().unwrap_or_default();
    let current = status.current_revision.as_deref().unwrap_or_default();
    if update != current {
        return Ok((format!("waiting for statefulset rolling update to complete {} pods at revision {update}...\n", status.updated_replicas), false));
    }
    Ok((format!("statefulset rolling update complete {} pods at revision {current}...\n", status.current_replicas), true))
}

/// The status viewer of the object's kind (`StatusViewerFor`), if it has one.
fn view_status(object: &Obj) -> Option<Result<(String, bool), String>> {
    match object {
        Obj::Deployment(d) => Some(status_message(d)),
        Obj::DaemonSet(ds) => Some(daemon_set_status_message(ds)),
        Obj::StatefulSet(sts) => Some(stateful_set_status_message(sts)),
        _ => None,
    }
}

/// Parses kubectl durations: `30s`, `5m`, `1h`, `0`.
pub fn parse_duration(text: &str) -> Option<u64> {
    if text == "0" {
        return Some(0);
    }
    let mut total = 0f64;
    let mut number = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || c == '.' {
            number.push(c);
            continue;
        }
        let value: f64 = number.parse().ok()?;
        number.clear();
        let unit = match c {
            'h' => 3600.0,
            's' => 1.0,
            'm' if chars.peek() == Some(&'s') => {
                chars.next();
                0.001
            }
            'm' => 60.0,
            _ => return None,
        };
        total += value * unit;
    }
    if !number.is_empty() {
        return None;
    }
    Some(total.ceil() as u64)
}

/// How long `rollout status` waits at most when no `--timeout` is given (kubectl waits for ever;
/// a stuck rollout ends earlier through its progress deadline).
const DEFAULT_WAIT_SECONDS: u64 = 3600;

/// Mirrors `RolloutStatusOptions.Run` (pkg/cmd/rollout/rollout_status.go): print the status of
/// every version of the object the watch sees, advancing the virtual clock, until done, failed
/// or timed out.
fn status(ctx: &mut Ctx, parsed: &args::Parsed, resource: &'static ResourceType, object: &Obj) {
    let watch = parsed.get("watch").is_none_or(|w| w != "false");
    let timeout = match parsed.get("timeout") {
        None => None,
        Some(text) => match parse_duration(text) {
            Some(0) => None,
            Some(seconds) => Some(seconds),
            None => return ctx.out.fail(format!("error: invalid argument \"{text}\" for \"--timeout\" flag: time: invalid duration \"{text}\"\n")),
        },
    };
    let key = Key::of(crate::kubectl::objects::meta(object), true);
    // The informer lists the object as it is now, not as the builder found it (an earlier
    // resource's wait may have moved the clock).
    let current = crate::kubectl::objects::get(ctx.cluster, resource.kind, &key.namespace, &key.name);
    let object = current.as_ref().unwrap_or(object);
    let is_watched = |candidate: &Obj| crate::kubectl::objects::kind_of(candidate) == resource.kind && Key::of(crate::kubectl::objects::meta(candidate), true) == key;
    // The watch behind `rollout status` (watchtools.UntilWithSync): an informer on this one name.
    const INFORMER: &str = "from k8s.io/client-go/tools/watch/informerwatcher.go:146";
    ctx.klog(6, "reflector.go:313", &format!("Starting reflector *unstructured.Unstructured (0s) {INFORMER}"));
    ctx.klog(6, "reflector.go:349", &format!("Listing and watching *unstructured.Unstructured {INFORMER}"));
    let list = format!(
        "{}{}",
        crate::kubectl::klog::collection_path(resource, Some(&key.namespace)),
        crate::kubectl::klog::query(&[("fieldSelector", &format!("metadata.name={}", key.name)), ("limit", "500"), ("resourceVersion", "0")])
    );
    ctx.request("GET", &list, 200);
    ctx.klog(6, "reflector.go:376", &format!("Caches populated for *unstructured.Unstructured {INFORMER}"));
    match view_status(object) {
        None => return,
        Some(Err(message)) => return ctx.out.fail(format!("error: {message}\n")),
        Some(Ok((message, done))) => {
            ctx.out.out(message);
            if done || !watch {
                return;
            }
        }
    }
    ctx.cluster.store.start_recording();
    let limit = timeout.unwrap_or(DEFAULT_WAIT_SECONDS);
    let mut waited = 0;
    let outcome = loop {
        if waited >= limit {
            break Err("timed out waiting for the condition".to_string());
        }
        ctx.tick();
        waited += 1;
        let mut finished = None;
        for event in ctx.cluster.store.take_recorded() {
            match (&event.new, &event.old) {
                (Some(new), _) if is_watched(new) => match view_status(new) {
                    None => {}
                    Some(Err(message)) => {
                        finished = Some(Err(message));
                        break;
                    }
                    Some(Ok((message, done))) => {
                        ctx.out.out(message);
                        if done {
                            finished = Some(Ok(()));
                            break;
                        }
                    }
                },
                (None, Some(old)) if is_watched(old) => {
                    finished = Some(Err("object has been deleted".to_string()));
                    break;
                }
                _ => {}
            }
        }
        if let Some(result) = finished {
            break result;
        }
    };
    ctx.cluster.store.stop_recording();
    if let Err(message) = outcome {
        ctx.out.fail(format!("error: {message}\n"));
    }
}


/// What the history viewer and the rollbacker read at `-v=6`: the Deployment again, then its
/// ReplicaSets by its selector (deploymentutil.GetAllReplicaSets).
fn history_requests(ctx: &mut Ctx, d: &Deployment) {
    use crate::kubectl::klog::{collection_path, item_path, query};
    use crate::kubectl::resources::of_kind;
    use crate::engine::store::Kind;
    let ns = d.metadata.ns();
    ctx.request("GET", &item_path(of_kind(Kind::Deployment), ns, &d.metadata.name), 200);
    let selector = d.spec.selector.as_ref().map(|s| s.display()).unwrap_or_default();
    ctx.request("GET", &format!("{}{}", collection_path(of_kind(Kind::ReplicaSet), Some(ns)), query(&[("labelSelector", &selector)])), 200);
}

/// A successful PATCH of the object by `kubectl rollout`.
fn patched(ctx: &mut Ctx, resource: &ResourceType, namespace: &str, name: &str) {
    let path = crate::kubectl::klog::item_path(resource, namespace, name);
    ctx.request("PATCH", &format!("{path}?fieldManager=kubectl-rollout"), 200);
}

/// Mirrors `DeploymentHistoryViewer.ViewHistory`.
fn history(ctx: &mut Ctx, parsed: &args::Parsed, d: &Deployment) {
    let revision: i64 = match parsed.get("revision").map(|r| r.parse::<i64>()) {
        None => 0,
        Some(Ok(r)) => r,
        Some(Err(_)) => return ctx.out.fail("error: invalid argument for --revision\n"),
    };
    history_requests(ctx, d);
    let mut entries: Vec<(i64, Rc<ReplicaSet>)> = crate::engine::objects::replica_sets_of(ctx.cluster, d)
        .into_iter()
        .filter_map(|rs| rs.revision().and_then(|r| r.parse::<i64>().ok()).map(|r| (r, rs)))
        .collect();
    entries.shared_sort_by_key(|(r, _)| *r);
    let header = format!("deployment.apps/{}", d.metadata.name);
    if entries.is_empty() {
        ctx.out.out(format!("{header} \nNo rollout history found.\n"));
        return;
    }
    if revision > 0 {
        let Some((_, rs)) = entries.iter().find(|(r, _)| *r == revision) else {
            return ctx.out.fail("error: unable to find the specified revision\n");
        };
        let mut template = rs.spec.template.clone();
        if let Some(cause) = rs.metadata.annotation(CHANGE_CAUSE_ANNOTATION) {
            template.metadata.annotations.insert(CHANGE_CAUSE_ANNOTATION.into(), cause.to_string());
        }
        let text = describe::pod_template_raw(&template);
        ctx.out.out(format!("{header} with revision #{revision}\n{text}\n"));
        return;
    }
    let mut table = String::from("REVISION\tCHANGE-CAUSE\n");
    for (revision, rs) in &entries {
        let cause = rs.metadata.annotation(CHANGE_CAUSE_ANNOTATION).filter(|c| !c.is_empty()).unwrap_or("<none>");
        table.push_str(&format!("{revision}\t{cause}\n"));
    }
    let aligned = crate::kubectl::printers::tabwriter::align(&table, crate::kubectl::printers::tabwriter::Settings { min_width: 0, padding: 2 });
    ctx.out.out(format!("{header} \n{aligned}\n"));
}

/// Mirrors `DeploymentRollbacker.Rollback`.
/// Prints `info.Object`, the Deployment as read before the rollback (RunUndo), with the
/// rollbacker's result as the operation.
fn undo(ctx: &mut Ctx, parsed: &args::Parsed, d: &Deployment, output: Option<&str>) {
    let to_revision: i64 = match parsed.get("to-revision").map(|r| r.parse::<i64>()) {
        None => 0,
        Some(Ok(r)) => r,
        Some(Err(_)) => return ctx.out.fail("error: invalid argument for --to-revision\n"),
    };
    if to_revision < 0 {
        return ctx.out.fail(format!("error: unable to find specified revision {to_revision} in history\n"));
    }
    history_requests(ctx, d);
    let all = crate::engine::objects::replica_sets_of(ctx.cluster, d);
    let mut latest: Option<(i64, Rc<ReplicaSet>)> = None;
    let mut previous: Option<(i64, Rc<ReplicaSet>)> = None;
    let mut chosen = None;
    for rs in &all {
        let Some(v) = rs.revision().and_then(|r| r.parse::<i64>().ok()) else { continue };
        if to_revision == 0 {
            if latest.as_ref().is_none_or(|(l, _)| *l < v) {
                previous = latest.take();
                latest = Some((v, rs.clone()));
            } else if previous.as_ref().is_none_or(|(p, _)| *p < v) {
                previous = Some((v, rs.clone()));
            }
        } else if to_revision == v {
            chosen = Some(rs.clone());
            break;
        }
    }
    let target = match (to_revision, chosen, previous) {
        (0, _, Some((_, rs))) => rs,
        (0, _, None) => return ctx.out.fail(format!("error: no rollout history found for deployment \"{}\"\n", d.metadata.name)),
        (_, Some(rs), _) => rs,
        (_, None, _) => return ctx.out.fail(format!("error: unable to find specified revision {to_revision} in history\n")),
    };
    if parsed.dry_run().is_some() {
        let text = describe::pod_template_raw(&target.spec.template);
        ctx.out.out(format!("deployment.apps/{}\n{text}\n", d.metadata.name));
        return;
    }
    if d.is_paused() {
        return ctx.out.fail("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n");
    }
    let read = Obj::Deployment(Rc::new(d.clone()));
    let qualified = format!("deployment.apps/{}", d.metadata.name);
    if util::equal_ignore_hash(&target.spec.template, &d.spec.template) {
        return print_flags::print_changed(ctx, output, &read, &qualified, &format!("skipped rollback (current template already matches revision {to_revision})"));
    }
    let mut template = target.spec.template.clone();
    template.metadata.labels.remove(POD_TEMPLATE_HASH_LABEL);
    let mut annotations = std::collections::BTreeMap::new();
    for (key, value) in &d.metadata.annotations {
        if util::skip_copy_annotation(key) {
            annotations.insert(key.clone(), value.clone());
        }
    }
    for (key, value) in &target.metadata.annotations {
        if !util::skip_copy_annotation(key) {
            annotations.insert(key.clone(), value.clone());
        }
    }
    let mut updated = d.clone();
    updated.spec.template = template;
    updated.metadata.annotations = annotations.into();
    updated.metadata.resource_version.clear();
    match apiserver::update_object(ctx.cluster, Obj::Deployment(Rc::new(updated))) {
        Ok(_) => {
            // DeploymentRollbacker.Rollback patches without a field manager.
            let path = crate::kubectl::klog::item_path(crate::kubectl::resources::of_kind(crate::engine::store::Kind::Deployment), d.metadata.ns(), &d.metadata.name);
            ctx.request("PATCH", &path, 200);
            print_flags::print_changed(ctx, output, &read, &qualified, "rolled back");
        }
        Err(error) => ctx.out.fail(format!("error: failed restoring revision {to_revision}: {}\n", error.message())),
    }
}

/// What `statefulSetHistory` (pkg/polymorphichelpers/history.go) reads at `-v=6`: the set again,
/// then the ControllerRevisions its selector matches (`controlledHistoryV1`). kubeplay keeps a
/// set's revisions in its controller (`controllers::stateful_set::history`) and answers from
/// those.
fn stateful_set_history_requests(ctx: &mut Ctx, sts: &StatefulSet) {
    use crate::engine::store::Kind;
    use crate::kubectl::klog::{item_path, query};
    use crate::kubectl::resources::of_kind;
    let ns = sts.metadata.ns();
    ctx.request("GET", &item_path(of_kind(Kind::StatefulSet), ns, &sts.metadata.name), 200);
    let selector = sts.spec.selector.as_ref().and_then(|s| s.to_selector().ok()).map(|s| s.display()).unwrap_or_default();
    ctx.request("GET", &format!("/apis/apps/v1/namespaces/{ns}/controllerrevisions{}", query(&[("labelSelector", &selector)])), 200);
}

/// `--revision` / `--to-revision` as an int64 flag (pflag refuses the rest before the command
/// runs; this is the fallback).
fn revision_flag(ctx: &mut Ctx, parsed: &args::Parsed, flag: &str) -> Option<i64> {
    match parsed.get(flag).map(|r| r.parse::<i64>()) {
        None => Some(0),
        Some(Ok(r)) => Some(r),
        Some(Err(_)) => {
            ctx.out.fail(format!("error: invalid argument for --{flag}\n"));
            None
        }
    }
}

/// Mirrors `StatefulSetHistoryViewer.ViewHistory` with `printHistory`
/// (pkg/polymorphichelpers/history.go) and `RolloutHistoryOptions.Run`: the revisions by number
/// with their change-cause (the `kubernetes.io/change-cause` annotation the ControllerRevision
/// copied from the set when it was made; `<none>` without), or one revision's pod template as
/// `DescribePodTemplate` writes it (raw tabs, no alignment) after `with revision #N`.
fn stateful_set_history(ctx: &mut Ctx, parsed: &args::Parsed, sts: &StatefulSet) {
    let Some(revision) = revision_flag(ctx, parsed, "revision") else { return };
    stateful_set_history_requests(ctx, sts);
    let mut history: Vec<crate::engine::controllers::stateful_set::Revision> = crate::engine::controllers::stateful_set::history(ctx.cluster, sts).to_vec();
    history.shared_sort_by_key(|r| r.number);
    let header = format!("statefulset.apps/{}", sts.metadata.name);
    if history.is_empty() {
        ctx.out.out(format!("{header} \nNo rollout history found.\n"));
        return;
    }
    if revision > 0 {
        let Some(found) = history.iter().find(|r| r.number == revision) else {
            return ctx.out.fail("error: unable to find the specified revision\n");
        };
        let text = describe::pod_template_raw(&found.template);
        ctx.out.out(format!("{header} with revision #{revision}\n{text}\n"));
        return;
    }
    let mut table = String::from("REVISION\tCHANGE-CAUSE\n");
    for entry in &history {
        table.push_str(&format!("{}\t{}\n", entry.number, entry.change_cause.as_deref().filter(|c| !c.is_empty()).unwrap_or("<none>")));
    }
    let aligned = crate::kubectl::printers::tabwriter::align(&table, crate::kubectl::printers::tabwriter::Settings { min_width: 0, padding: 2 });
    ctx.out.out(format!("{header} \n{aligned}\n"));
}

/// Mirrors `StatefulSetRollbacker.Rollback` (pkg/polymorphichelpers/rollback.go) with
/// `findHistory` and `statefulsetMatch`: revision 0 is the one before the newest (an error with
/// fewer than two); a client dry run prints the template it would restore (`printPodTemplate`);
/// a revision equal to the set's template is skipped; otherwise the revision's template is
/// patched back into the set (the controller then renumbers that revision as the newest).
fn stateful_set_undo(ctx: &mut Ctx, parsed: &args::Parsed, sts: &StatefulSet) {
    let Some(to_revision) = revision_flag(ctx, parsed, "to-revision") else { return };
    if to_revision < 0 {
        return ctx.out.fail(format!("error: unable to find specified revision {to_revision} in history\n"));
    }
    stateful_set_history_requests(ctx, sts);
    let mut history: Vec<crate::engine::controllers::stateful_set::Revision> = crate::engine::controllers::stateful_set::history(ctx.cluster, sts).to_vec();
    if to_revision == 0 && history.len() <= 1 {
        return ctx.out.fail("error: no last revision to roll back to\n");
    }
    history.shared_sort_by_key(|r| r.number);
    let target = if to_revision == 0 { history.get(history.len() - 2) } else { history.iter().find(|r| r.number == to_revision) };
    let Some(target) = target.cloned() else {
        return ctx.out.fail(format!("error: unable to find specified revision {to_revision} in history\n"));
    };
    let name = &sts.metadata.name;
    let dry_run = parsed.dry_run();
    if dry_run == Some("client") {
        let text = describe::pod_template_raw(&target.template);
        ctx.out.out(format!("statefulset.apps/{name} will roll back to {text} (dry run)\n"));
        return;
    }
    if target.template == sts.spec.template {
        let suffix = if dry_run == Some("server") { " (server dry run)" } else { "" };
        ctx.out.out(format!("statefulset.apps/{name} skipped rollback (current template already matches revision {to_revision}){suffix}\n"));
        return;
    }
    let path = crate::kubectl::klog::item_path(crate::kubectl::resources::of_kind(crate::engine::store::Kind::StatefulSet), sts.metadata.ns(), name);
    if dry_run == Some("server") {
        ctx.request("PATCH", &format!("{path}?dryRun=All"), 200);
        ctx.out.out(format!("statefulset.apps/{name} rolled back (server dry run)\n"));
        return;
    }
    let mut updated = sts.clone();
    updated.spec.template = target.template;
    updated.metadata.resource_version.clear();
    match apiserver::update_object(ctx.cluster, Obj::StatefulSet(Rc::new(updated))) {
        Ok(_) => {
            // The rollbacker patches without a field manager.
            ctx.request("PATCH", &path, 200);
            ctx.out.out(format!("statefulset.apps/{name} rolled back\n"))
        }
        Err(error) => ctx.out.fail(format!("error: failed restoring revision {to_revision}: {}\n", error.message())),
    }
}

/// Prints what the apiserver answered (`info.Refresh` after the patch).
fn pause(ctx: &mut Ctx, d: &Deployment, paused: bool, output: Option<&str>) {
    if d.is_paused() == paused {
        let state = if paused { "is already paused" } else { "is not paused" };
        return ctx.out.fail(format!("error: deployments.apps \"{}\" {state}\n", d.metadata.name));
    }
    let mut updated = d.clone();
    updated.spec.paused = if paused { Some(true) } else { None };
    updated.metadata.resource_version.clear();
    match apiserver::update_object(ctx.cluster, Obj::Deployment(Rc::new(updated))) {
        Ok(after) => {
            patched(ctx, crate::kubectl::resources::of_kind(crate::engine::store::Kind::Deployment), d.metadata.ns(), &d.metadata.name);
            print_flags::print_changed(ctx, output, &after, &format!("deployment.apps/{}", d.metadata.name), if paused { "paused" } else { "resumed" });
        }
        Err(error) => ctx.out.fail(crate::kubectl::error::render(&error, None)),
    }
}

/// The annotation `rollout restart` sets on the pod template.
const RESTARTED_AT_ANNOTATION: &str = "kubectl.kubernetes.io/restartedAt";

/// Mirrors `RestartOptions.RunRestart` (pkg/cmd/rollout/rollout_restart.go) with
/// `defaultObjectRestarter` (pkg/polymorphichelpers/objectrestarter.go): the template's
/// `restartedAt` set to now (RFC 3339, seconds) on a Deployment that is not paused, a
/// DaemonSet or a StatefulSet; a second restart within the same second makes an empty patch, which kubectl
/// refuses.
fn restart(ctx: &mut Ctx, resource: &'static ResourceType, object: &Obj, output: Option<&str>) -> Result<(), String> {
    let meta = crate::kubectl::objects::meta(object);
    let name = meta.name.to_string();
    let now = ctx.cluster.time().rfc3339();
    let restarted = |template: &mut PodTemplateSpec| {
        let unchanged = template.metadata.annotations.get(RESTARTED_AT_ANNOTATION) == Some(&now);
        template.metadata.annotations.insert(RESTARTED_AT_ANNOTATION.into(), now.clone());
        !unchanged
    };
    let (updated, changed) = match object {
        Obj::Deployment(d) if d.is_paused() => {
            return Err(format!("error: {} {name:?} can't restart paused deployment (run rollout resume first)", resource.resource()));
        }
        Obj::Deployment(d) => {
            let mut d = (**d).clone();
            let changed = restarted(&mut d.spec.template);
            d.metadata.resource_version.clear();
            (Obj::Deployment(Rc::new(d)), changed)
        }
        Obj::DaemonSet(ds) => {
            let mut ds = (**ds).clone();
            let changed = restarted(&mut ds.spec.template);
            ds.metadata.resource_version.clear();
            (Obj::DaemonSet(Rc::new(ds)), changed)
        }
        Obj::StatefulSet(sts) => {
            let mut sts = (**sts).clone();
            let changed = restarted(&mut sts.spec.template);
            sts.metadata.resource_version.clear();
            (Obj::StatefulSet(Rc::new(sts)), changed)
        }
        _ => return Err(format!("error: {} {name:?} restarting is not supported", resource.resource())),
    };
    if !changed {
        return Err(format!("failed to create patch for {name}: if restart has already been triggered within the past second, please wait before attempting to trigger another"));
    }
    match apiserver::update_object(ctx.cluster, updated) {
        Ok(after) => {
            patched(ctx, resource, meta.ns(), &name);
            print_flags::print_changed(ctx, output, &after, &format!("{}/{name}", resource.qualified()), "restarted");
            Ok(())
        }
        Err(error) => Err(format!("failed to patch: {}", error.status_message(resource.kind))),
    }
}

/// How `RunRestart`'s errors come out: `allErrs` is the resource builder's aggregate of the
/// names not found (if any), then each object's error, aggregated again; `CheckErr` unwraps an
/// aggregate of one and prints each error of an aggregate on its line (`MultipleErrors`), a
/// NotFound as `Error from server (NotFound): ...`, a nested aggregate as its `Error()` (one
/// message, or several in brackets), anything else as written (`error: ` added only to a lone
/// error that lacks it).
fn report_restart_errors(ctx: &mut Ctx, missing: &[String], failed: &[String]) {
    let bare: Vec<&str> = missing.iter().map(|m| m.trim_end().strip_prefix("Error from server (NotFound): ").unwrap_or(m.trim_end())).collect();
    match (missing.is_empty(), failed) {
        (true, []) => {}
        (false, []) => {
            for message in missing {
                ctx.out.fail(message.clone());
            }
        }
        (true, [only]) => ctx.out.fail(if only.starts_with("error: ") { format!("{only}\n") } else { format!("error: {only}\n") }),
        _ => {
            let mut text = String::new();
            match bare.as_slice() {
                [] => {}
                [one] => text.push_str(&format!("{one}\n")),
                several => text.push_str(&format!("[{}]\n", several.join(", "))),
            }
            for error in failed {
                text.push_str(&format!("{error}\n"));
            }
            ctx.out.fail(text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{daemon_set_status_message, parse_duration, stateful_set_status_message};
    use crate::engine::api::daemon_set::{DaemonSet, DaemonSetStatus};
    use crate::engine::api::stateful_set::{RollingUpdateStatefulSet, StatefulSet, StatefulSetStatus};

    /// StatefulSetStatusViewer.Status: the strategy, the observed generation (0 is never
    /// observed), the ready count, then the partition when the spec has a rollingUpdate, else
    /// the revisions.
    #[test]
    fn stateful_set_status_messages() {
        let sts = |strategy: &str, partition: Option<Option<i32>>, observed: i64, ready: i32, updated: i32, revisions: (&str, &str)| {
            let mut sts = StatefulSet::default();
            sts.metadata.name = "web".into();
            sts.metadata.generation = 2;
            sts.spec.replicas = Some(3);
            sts.spec.update_strategy.type_ = Some(strategy.to_string());
            sts.spec.update_strategy.rolling_update = partition.map(|partition| RollingUpdateStatefulSet { partition, ..Default::default() });
            sts.status = StatefulSetStatus {
                observed_generation: observed,
                ready_replicas: ready,
                updated_replicas: updated,
                current_replicas: 3 - updated,
                current_revision: Some(revisions.0.to_string()),
                update_revision: Some(revisions.1.to_string()),
                ..StatefulSetStatus::default()
            };
            sts
        };
        let ok = |text: &str, done: bool| Ok((format!("{text}\n"), done));
        let table = [
            (sts("OnDelete", None, 2, 3, 3, ("a", "a")), Err("rollout status is only available for RollingUpdate strategy type".to_string())),
            (sts("RollingUpdate", Some(Some(0)), 0, 3, 3, ("a", "a")), ok("Waiting for statefulset spec update to be observed...", false)),
            (sts("RollingUpdate", Some(Some(0)), 1, 3, 3, ("a", "a")), ok("Waiting for statefulset spec update to be observed...", false)),
            (sts("RollingUpdate", Some(Some(0)), 2, 1, 3, ("a", "a")), ok("Waiting for 2 pods to be ready...", false)),
            (sts("RollingUpdate", Some(Some(1)), 2, 3, 1, ("a", "b")), ok("Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...", false)),
            (sts("RollingUpdate", Some(Some(1)), 2, 3, 2, ("a", "b")), ok("partitioned roll out complete: 2 new pods have been updated...", true)),
            (sts("RollingUpdate", Some(None), 2, 3, 1, ("a", "b")), ok("partitioned roll out complete: 1 new pods have been updated...", true)),
            (sts("RollingUpdate", None, 2, 3, 1, ("a", "b")), ok("waiting for statefulset rolling update to complete 1 pods at revision b...", false)),
            (sts("RollingUpdate", None, 2, 3, 0, ("a", "a")), ok("statefulset rolling update complete 3 pods at revision a...", true)),
        ];
        for (sts, want) in table {
            assert_eq!(stateful_set_status_message(&sts), want);
        }
    }

    /// DaemonSetStatusViewer.Status: the strategy first, then the observed generation, then the
    /// updated and available counts against the desired one.
    #[test]
    fn daemon_set_status_messages() {
        let ds = |strategy: &str, generation: i64, observed: i64, updated: i32, available: i32| {
            let mut ds = DaemonSet::default();
            ds.metadata.name = "agent".into();
            ds.metadata.generation = generation;
            ds.spec.update_strategy.type_ = Some(strategy.to_string());
            ds.status = DaemonSetStatus { desired_number_scheduled: 3, observed_generation: observed, updated_number_scheduled: updated, number_available: available, ..DaemonSetStatus::default() };
            ds
        };
        let table = [
            (ds("OnDelete", 2, 2, 3, 3), Err("rollout status is only available for RollingUpdate strategy type".to_string())),
            (ds("RollingUpdate", 2, 1, 3, 3), Ok(("Waiting for daemon set spec update to be observed...\n".to_string(), false))),
            (ds("RollingUpdate", 2, 2, 1, 3), Ok(("Waiting for daemon set \"agent\" rollout to finish: 1 out of 3 new pods have been updated...\n".to_string(), false))),
            (ds("RollingUpdate", 2, 2, 3, 2), Ok(("Waiting for daemon set \"agent\" rollout to finish: 2 of 3 updated pods are available...\n".to_string(), false))),
            (ds("RollingUpdate", 2, 3, 3, 3), Ok(("daemon set \"agent\" successfully rolled out\n".to_string(), true))),
        ];
        for (ds, want) in table {
            assert_eq!(daemon_set_status_message(&ds), want);
        }
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30s"), Some(30));
        assert_eq!(parse_duration("5m"), Some(300));
        assert_eq!(parse_duration("1h30m"), Some(5400));
        assert_eq!(parse_duration("0"), Some(0));
        assert_eq!(parse_duration("abc"), None);
    }
}
