//! Commands that change one field of existing objects: `set image`, `scale`, `label`,
//! `annotate`; and `version`.

use std::rc::Rc;

use crate::engine::apiserver;
use crate::engine::store::{Kind, Obj};
use crate::kubectl::args::{self, boolean, value, FlagSpec};
use crate::kubectl::get::namespace;
use crate::kubectl::objects;
use crate::kubectl::printers::print_flags;
use crate::kubectl::resources::{self, ResourceType};
use crate::kubectl::{flag_error, Ctx};

/// The named object, or None after printing the server's NotFound error.
fn found_or_fail(ctx: &mut Ctx, resource: &ResourceType, ns: &str, name: &str) -> Option<Obj> {
    let object = objects::get(ctx.cluster, resource.kind, ns, name);
    ctx.request("GET", &crate::kubectl::klog::item_path(resource, ns, name), if object.is_some() { 200 } else { 404 });
    if object.is_none() {
        ctx.klog_not_found(resource, name);
        ctx.out.fail(format!("Error from server (NotFound): {} \"{name}\" not found\n", resource.resource()));
    }
    object
}

/// Resolves `TYPE NAME` or `TYPE/NAME` arguments to objects, printing NotFound errors.
/// Returns the objects and the arguments left over.
pub fn targets(ctx: &mut Ctx, positional: &[String], ns: &str) -> Option<(Vec<(&'static ResourceType, Obj)>, Vec<String>)> {
    let Some(first) = positional.first() else {
        ctx.out.fail("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n");
        return None;
    };
    let mut found = Vec::new();
    let mut rest = Vec::new();
    if first.contains('/') {
        let mut index = 0;
        while index < positional.len() && positional[index].contains('/') && !positional[index].contains('=') {
            let (type_name, name) = positional[index].split_once('/').unwrap_or(("", ""));
            let resource = match objects::resolve_type(type_name) {
                Ok(resource) => resource,
                Err(message) => {
                    ctx.out.fail(format!("error: {message}\n"));
                    return None;
                }
            };
            found.push((resource, found_or_fail(ctx, resource, ns, name)?));
            index += 1;
        }
        rest.extend(positional[index..].iter().cloned());
        return Some((found, rest));
    }
    let resource = match objects::resolve_type(first) {
        Ok(resource) => resource,
        Err(message) => {
            ctx.out.fail(format!("error: {message}\n"));
            return None;
        }
    };
    let mut index = 1;
    while index < positional.len() && !positional[index].contains('=') && !positional[index].ends_with('-') {
        let name = &positional[index];
        found.push((resource, found_or_fail(ctx, resource, ns, name)?));
        index += 1;
    }
    rest.extend(positional[index..].iter().cloned());
    Some((found, rest))
}

/// The objects `label`/`annotate` select with `-l`, `--field-selector` or `--all`: one list
/// request per type with both selectors (`LabelSelectorParam`, `FieldSelectorParam` and
/// `ResourceTypeOrNameArgs` of the resource builder), the field selector checked as the
/// apiserver checks it (`get`'s BadRequest). Returns the objects and the `KEY=VALUE`/`KEY-`
/// arguments; `--all` with `TYPE/NAME` arguments falls back to the names.
fn selected_targets(ctx: &mut Ctx, parsed: &args::Parsed, ns: &str, command: &str) -> Option<(Vec<(&'static ResourceType, Obj)>, Vec<String>)> {
    let positional = &parsed.positional;
    if positional.is_empty() {
        return targets(ctx, positional, ns);
    }
    let split = positional.iter().position(|w| w.contains('=') || w.ends_with('-')).unwrap_or(positional.len());
    let (resource_words, pairs) = positional.split_at(split);
    let request = match objects::parse_request(resource_words) {
        Ok(request) => request,
        Err(message) => {
            ctx.out.fail(format!("error: {message}\n"));
            return None;
        }
    };
    if let Some(message) = crate::kubectl::get::names_with_selector(parsed, &request) {
        ctx.out.fail(format!("error: {message}\n"));
        return None;
    }
    if !request.names.is_empty() {
        return targets(ctx, positional, ns);
    }
    if pairs.is_empty() && !parsed.bool("list") {
        return Some((Vec::new(), Vec::new()));
    }
    let selector = crate::kubectl::get::selector(ctx, parsed, command)?;
    let scope = if parsed.bool("all-namespaces") { None } else { Some(ns) };
    let mut found = Vec::new();
    for resource in &request.types {
        let fields = match crate::kubectl::get::field_selector(parsed, resource) {
            Ok(fields) => fields,
            Err(error) => {
                ctx.out.fail(error);
                return None;
            }
        };
        ctx.request("GET", &crate::kubectl::get::list_path(parsed, resource, scope, None), 200);
        for object in objects::list(ctx.cluster, resource.kind, scope, &selector).into_iter().filter(|o| fields.matches(o)) {
            found.push((*resource, object));
        }
    }
    Some((found, pairs.to_vec()))
}

const SET_FLAGS: &[FlagSpec] = &[
    value("selector", Some('l')),
    boolean("all", None),
    boolean("record", None),
    value("filename", Some('f')),
    args::DRY_RUN,
    value("output", Some('o')),
    value("containers", Some('c')),
    value("env", Some('e')),
    value("from", None),
    boolean("list", None),
    boolean("overwrite", None),
    value("limits", None),
    value("requests", None),
    boolean("local", None),
    value("field-manager", None),
    value("user", None),
    value("group", None),
    value("serviceaccount", None),
];

/// `kubectl set image|env|resources`.
#[inline(never)]
pub fn set(ctx: &mut Ctx, words: &[String]) {
    let Some(sub) = words.first() else {
        return ctx.out.fail("error: Required resource not specified.\nSee 'kubectl set -h' for help and examples\n");
    };
    if sub == "selector" {
        return crate::kubectl::service::set_selector(ctx, &words[1..]);
    }
    let parsed = match args::parse(&words[1..], SET_FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, &format!("set {sub}"), &message),
    };
    if parsed.has("record") {
        ctx.out.err("Flag --record has been deprecated, --record will be removed in the future\n");
    }
    match sub.as_str() {
        "image" => set_image(ctx, &parsed, words),
        "env" => set_env(ctx, &parsed),
        "resources" => crate::kubectl::set_resources::set_resources(ctx, &parsed),
        "serviceaccount" | "sa" => set_service_account(ctx, &parsed),
        "subject" => set_subject(ctx, &parsed),
        other => ctx.out.fail(format!("error: unknown command \"{other}\" for \"kubectl set\"\n")),
    }
}

/// A copy of the object with its pod template changed, for the kinds kubeplay has of those
/// `updatePodSpecForObject` (pkg/polymorphichelpers/updatepodspec.go) accepts: Deployments,
/// ReplicaSets, DaemonSets, StatefulSets, ReplicationControllers (`*v1.ReplicationController`,
/// whose template the Go code allocates when it is nil; pods are set apart by the callers) and
/// CronJobs (their Job template's pod template). None for any other kind.
pub(crate) fn with_template<F: FnOnce(&mut crate::engine::api::pod::PodTemplateSpec)>(object: &Obj, f: F) -> Option<Obj> {
    match object {
        Obj::Deployment(d) => {
            let mut d = (**d).clone();
            f(&mut d.spec.template);
            d.metadata.resource_version.clear();
            Some(Obj::Deployment(Rc::new(d)))
        }
        Obj::ReplicaSet(rs) => {
            let mut rs = (**rs).clone();
            f(&mut rs.spec.template);
            rs.metadata.resource_version.clear();
            Some(Obj::ReplicaSet(Rc::new(rs)))
        }
        Obj::DaemonSet(ds) => {
            let mut ds = (**ds).clone();
            f(&mut ds.spec.template);
            ds.metadata.resource_version.clear();
            Some(Obj::DaemonSet(Rc::new(ds)))
        }
        Obj::StatefulSet(sts) => {
            let mut sts = (**sts).clone();
            f(&mut sts.spec.template);
            sts.metadata.resource_version.clear();
            Some(Obj::StatefulSet(Rc::new(sts)))
        }
        Obj::ReplicationController(rc) => {
            let mut rc = (**rc).clone();
            f(rc.spec.template.get_or_insert_with(Default::default));
            rc.metadata.resource_version.clear();
            Some(Obj::ReplicationController(Rc::new(rc)))
        }
        Obj::CronJob(cron_job) => {
            let mut cron_job = (**cron_job).clone();
            f(&mut cron_job.spec.job_template.spec.template);
            cron_job.metadata.resource_version.clear();
            Some(Obj::CronJob(Rc::new(cron_job)))
        }
        _ => None,
    }
}

fn set_image(ctx: &mut Ctx, parsed: &args::Parsed, words: &[String]) {
    let Ok(output) = print_flags::output_or_fail(ctx, parsed) else { return };
    let ns = namespace(parsed);
    // SetImageOptions.Complete (kubectl/pkg/cmd/set/set_image.go): the words without `=` are
    // resources, and the resource builder refuses `TYPE/NAME` beside a bare word.
    let resources: Vec<&String> = parsed.positional.iter().filter(|w| !w.contains('=')).collect();
    if resources.iter().any(|w| w.contains('/')) && resources.iter().any(|w| !w.contains('/')) {
        return ctx.out.fail("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n");
    }
    let Some((found, pairs)) = targets(ctx, &parsed.positional, &ns) else { return };
    if pairs.is_empty() {
        return ctx.out.fail("error: at least one image update is required\n");
    }
    let mut updates = Vec::new();
    for pair in &pairs {
        let Some((container, image)) = pair.split_once('=') else {
            return ctx.out.fail(format!("error: invalid image update {pair}, expected container=image\n"));
        };
        updates.push((container.to_string(), image.to_string()));
    }
    let cause = parsed.bool("record").then(|| format!("kubectl set image {} --record=true", words[1..].iter().filter(|w| !w.starts_with("--record")).cloned().collect::<Vec<_>>().join(" ")));
    for (resource, object) in found {
        let name = objects::meta(&object).name.clone();
        if let Obj::Pod(pod) = &object {
            let mut pod = (**pod).clone();
            let spec = Rc::make_mut(&mut pod.spec);
            for (container, image) in &updates {
                for c in spec.containers.iter_mut().filter(|c| container == "*" || c.name == *container) {
                    c.image = Some(image.as_str().into());
                }
            }
            pod.metadata.resource_version.clear();
            let qualified = format!("{}/{name}", resource.qualified());
            if let Err(error) = send_and_print(ctx, parsed, output.as_deref(), &object, Obj::Pod(Rc::new(pod)), &qualified, "image updated", Unchanged::Silent) {
                ctx.out.fail(crate::kubectl::error::render(&error, None));
            }
            continue;
        }
        let mut missing = None;
        let updated = with_template(&object, |template| {
            for (container, image) in &updates {
                let mut any = false;
                for c in template.spec.containers.iter_mut().chain(template.spec.init_containers.iter_mut()) {
                    if container == "*" || c.name == *container {
                        c.image = Some(image.as_str().into());
                        any = true;
                    }
                }
                if !any {
                    missing = Some(container.clone());
                }
            }
        });
        if let Some(container) = missing {
            ctx.out.fail(format!("error: unable to find container named \"{container}\"\n"));
            continue;
        }
        let Some(mut updated) = updated else {
            ctx.out.fail(format!("error: {}/{name} does not have a pod template\n", resource.qualified()));
            continue;
        };
        // ChangeCauseRecorder.Record (kubectl/pkg/cmd/util/record.go) annotates whatever kind it sets.
        if let Some(cause) = &cause {
            updated = replace_meta(&updated, |meta| {
                meta.annotations.insert("kubernetes.io/change-cause".into(), cause.clone());
            });
        }
        // SetImageOptions.Run: `failed to patch image update to pod template: %v`.
        if let Err(error) = send_and_print(ctx, parsed, output.as_deref(), &object, updated, &format!("{}/{name}", resource.qualified()), "image updated", Unchanged::Silent) {
            ctx.out.fail(format!("error: failed to patch image update to pod template: {}\n", error.status_message(resource.kind)));
        }
    }
}

fn set_env(ctx: &mut Ctx, parsed: &args::Parsed) {
    let Ok(output) = print_flags::output_or_fail(ctx, parsed) else { return };
    let ns = namespace(parsed);
    // EnvOptions.Complete (kubectl/pkg/cmd/set/set_env.go): resources are the words that are
    // neither `NAME=VALUE` nor `NAME-`.
    if !parsed.has("filename") && parsed.positional.iter().all(|w| w.contains('=') || w.ends_with('-')) {
        return ctx.out.fail("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n");
    }
    let Some((found, pairs)) = targets(ctx, &parsed.positional, &ns) else { return };
    let mut sets: Vec<(String, String)> = parsed.all("env").iter().filter_map(|e| e.split_once('=').map(|(k, v)| (k.to_string(), v.to_string()))).collect();
    let mut removes: Vec<String> = Vec::new();
    for pair in pairs {
        match pair.split_once('=') {
            Some((k, v)) => sets.push((k.to_string(), v.to_string())),
            None => match pair.strip_suffix('-') {
                Some(k) => removes.push(k.to_string()),
                None => return ctx.out.fail(format!("error: invalid env: {pair}\n")),
            },
        }
    }
    for (resource, object) in found {
        let name = objects::meta(&object).name.clone();
        let qualified = format!("{}/{name}", resource.qualified());
        let change = |containers: &mut dyn Iterator<Item = &mut crate::engine::api::pod::Container>| {
            for c in containers {
                for (k, v) in &sets {
                    match c.env.iter_mut().find(|e| e.name == *k) {
                        Some(existing) => {
                            existing.value = Some(v.clone());
                            existing.value_from = None;
                        }
                        None => c.env.push(crate::engine::api::pod::EnvVar { name: k.clone(), value: Some(v.clone()), value_from: None }),
                    }
                }
                c.env.retain(|e| !removes.contains(&e.name));
            }
        };
        // `UpdatePodSpecForObject` takes a pod's own spec; the apiserver refuses the change.
        if let Obj::Pod(pod) = &object {
            let mut pod = (**pod).clone();
            change(&mut Rc::make_mut(&mut pod.spec).containers.iter_mut());
            pod.metadata.resource_version.clear();
            if let Err(error) = send_and_print(ctx, parsed, output.as_deref(), &object, Obj::Pod(Rc::new(pod)), &qualified, "env updated", Unchanged::Silent) {
                ctx.out.fail(format!("error: failed to patch env update to pod template: {}\n", error.status_message(resource.kind)));
            }
            continue;
        }
        let updated = with_template(&object, |template| change(&mut template.spec.containers.iter_mut()));
        let Some(updated) = updated else { continue };
        if let Err(error) = send_and_print(ctx, parsed, output.as_deref(), &object, updated, &qualified, "env updated", Unchanged::Silent) {
            ctx.out.fail(crate::kubectl::error::render(&error, None));
        }
    }
}

/// How a `set` command prints an object it sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unchanged {
    /// Not at all: the command found no change to send (CalculatePatches' empty patch).
    Silent,
    /// As any other (set serviceaccount patches and prints without looking).
    Printed,
}

/// Sends a `set` command's local copy `updated` of `object` and prints the object as the
/// command's printer does (`print_flags::changed_object`, `print_flags::print_changed`). The
/// apiserver's refusal comes back for the command to word.
pub(crate) fn send_and_print(ctx: &mut Ctx, parsed: &args::Parsed, output: Option<&str>, object: &Obj, updated: Obj, qualified: &str, operation: &str, unchanged: Unchanged) -> Result<(), crate::engine::error::ApiError> {
    let after = apiserver::update_object(ctx.cluster, updated.clone())?;
    if unchanged == Unchanged::Printed || objects::meta(&after).resource_version != objects::meta(object).resource_version {
        let shown = print_flags::changed_object(parsed.dry_run(), &updated, after, object);
        print_flags::print_changed(ctx, output, &shown, qualified, operation);
    }
    Ok(())
}

/// The messages of a `set` command's failed objects, printed together at the end as
/// `utilerrors.NewAggregate` does.
fn report(ctx: &mut Ctx, errors: Vec<String>) {
    for error in errors {
        ctx.out.fail(error);
    }
}

/// `kubectl set serviceaccount|sa (TYPE NAME | TYPE/NAME) SERVICE_ACCOUNT`: the pod template's
/// `serviceAccountName`. Mirrors SetServiceAccountOptions (kubectl/pkg/cmd/set/set_serviceaccount.go):
/// the last word is the account, the others the resources; unlike the other `set` commands it
/// patches and prints even when nothing changes. A pod's own spec is sent too, and the apiserver
/// refuses it (`ValidatePodUpdate`). New pods then need the account to exist (the
/// ServiceAccount admission plugin), so a missing one shows as the ReplicaSet's FailedCreate.
fn set_service_account(ctx: &mut Ctx, parsed: &args::Parsed) {
    let Ok(output) = print_flags::output_or_fail(ctx, parsed) else { return };
    let Some((account, resources)) = parsed.positional.split_last() else {
        return ctx.out.fail("error: serviceaccount is required\n");
    };
    let ns = namespace(parsed);
    let Some((found, _)) = targets(ctx, resources, &ns) else { return };
    let account = crate::engine::api::text::Text::from(account.as_str());
    let mut errors = Vec::new();
    for (resource, object) in found {
        let name = objects::meta(&object).name.clone();
        let updated = match &object {
            Obj::Pod(pod) => {
                let mut pod = (**pod).clone();
                Rc::make_mut(&mut pod.spec).service_account_name = Some(account.clone());
                pod.metadata.resource_version.clear();
                Some(Obj::Pod(Rc::new(pod)))
            }
            _ => with_template(&object, |template| template.spec.service_account_name = Some(account.clone())),
        };
        let Some(updated) = updated else {
            errors.push(format!("error: {}/{name} the object is not a pod or does not have a pod template: {}\n", resource.plural, crate::kubectl::set_resources::go_type(resource.kind)));
            continue;
        };
        if let Err(error) = send_and_print(ctx, parsed, output.as_deref(), &object, updated, &format!("{}/{name}", resource.qualified()), "serviceaccount updated", Unchanged::Printed) {
            errors.push(format!("error: failed to patch ServiceAccountName {}\n", error.status_message(resource.kind)));
        }
    }
    report(ctx, errors);
}

/// `kubectl set subject (TYPE NAME | TYPE/NAME | -l ... | --all) --user|--group|--serviceaccount=NS:NAME`:
/// adds subjects to RoleBindings and ClusterRoleBindings. Mirrors SubjectOptions
/// (kubectl/pkg/cmd/set/set_subject.go): Validate's checks, then users, groups and service
/// accounts each sorted and deduplicated (`sets.NewString(...).List()`), a service account
/// without a namespace in the command's; `addSubjects` appends only the ones not there, and an
/// object left as it was prints nothing.
fn set_subject(ctx: &mut Ctx, parsed: &args::Parsed) {
    let Ok(output) = print_flags::output_or_fail(ctx, parsed) else { return };
    let ns = namespace(parsed);
    let selecting = parsed.has("selector") || parsed.bool("all");
    let selected = if selecting { selected_targets(ctx, parsed, &ns, "set subject") } else { targets(ctx, &parsed.positional, &ns) };
    let Some((found, _)) = selected else { return };
    if parsed.bool("all") && parsed.has("selector") {
        return ctx.out.fail("error: cannot set --all and --selector at the same time\n");
    }
    let sorted = |flag: &str| {
        let mut values: Vec<String> = parsed.all(flag).iter().map(|v| v.to_string()).collect();
        values.sort();
        values.dedup();
        values
    };
    let (users, groups, accounts) = (sorted("user"), sorted("group"), sorted("serviceaccount"));
    if users.is_empty() && groups.is_empty() && accounts.is_empty() {
        return ctx.out.fail("error: you must specify at least one value of user, group or serviceaccount\n");
    }
    for account in &accounts {
        let tokens: Vec<&str> = account.split(':').collect();
        if tokens.len() != 2 || tokens[1].is_empty() {
            return ctx.out.fail("error: serviceaccount must be <namespace>:<name>\n");
        }
        if tokens[0].is_empty() && found.iter().any(|(_, object)| matches!(object, Obj::ClusterRoleBinding(_))) {
            return ctx.out.fail("error: serviceaccount must be <namespace>:<name>, namespace must be specified\n");
        }
    }
    use crate::engine::api::rbac::Subject;
    let rbac = |kind: &str, name: &str| Subject { kind: kind.into(), api_group: "rbac.authorization.k8s.io".into(), name: name.into(), namespace: String::new() };
    let mut subjects: Vec<Subject> = users.iter().map(|u| rbac("User", u)).chain(groups.iter().map(|g| rbac("Group", g))).collect();
    for account in &accounts {
        let (namespace, name) = account.split_once(':').unwrap_or_default();
        subjects.push(Subject { kind: "ServiceAccount".into(), api_group: String::new(), name: name.into(), namespace: if namespace.is_empty() { ns.clone() } else { namespace.into() } });
    }
    let add = |existing: &mut Vec<Subject>| {
        let before = existing.len();
        for subject in &subjects {
            if !existing.contains(subject) {
                existing.push(subject.clone());
            }
        }
        existing.len() != before
    };
    let mut errors = Vec::new();
    for (resource, object) in found {
        let name = objects::meta(&object).name.clone();
        let updated = match &object {
            Obj::RoleBinding(binding) => {
                let mut binding = (**binding).clone();
                add(&mut binding.subjects).then(|| Obj::RoleBinding(Rc::new(binding)))
            }
            Obj::ClusterRoleBinding(binding) => {
                let mut binding = (**binding).clone();
                add(&mut binding.subjects).then(|| Obj::ClusterRoleBinding(Rc::new(binding)))
            }
            _ => {
                errors.push(format!("error: {}/{name} setting subjects is only supported for RoleBinding/ClusterRoleBinding\n", resource.plural));
                continue;
            }
        };
        let Some(updated) = updated else { continue };
        if let Err(error) = send_and_print(ctx, parsed, output.as_deref(), &object, updated, &format!("{}/{name}", resource.qualified()), "subjects updated", Unchanged::Silent) {
            errors.push(format!("error: failed to patch subjects to rolebinding: {}\n", error.status_message(resource.kind)));
        }
    }
    report(ctx, errors);
}

const SCALE_FLAGS: &[FlagSpec] = &[
    value("replicas", None),
    value("current-replicas", None),
    value("selector", Some('l')),
    boolean("all", None),
    value("filename", Some('f')),
    value("timeout", None),
    boolean("record", None),
    args::DRY_RUN,
    value("output", Some('o')),
    value("resource-version", None),
];

/// `kubectl scale TYPE NAME --replicas=N`: Deployments, ReplicaSets, StatefulSets and
/// ReplicationControllers, each through
/// its scale subresource as `ScaleOptions.RunScale` (pkg/cmd/scale/scale.go) does with
/// `scaler.Scale` (pkg/scale/scale.go): `--current-replicas` is `ScalePrecondition.validate`
/// ("Expected replicas to be N, was M"); a dry run is handled by the caller (`kubectl::dry_run`).
///
/// `-o` prints `info.Object`, the object as read before it was scaled (RunScale prints it after
/// `scaler.Scale`, and in a client dry run instead of it).
#[inline(never)]
pub fn scale(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, SCALE_FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "scale", &message),
    };
    let Ok(output) = print_flags::output_or_fail(ctx, &parsed) else { return };
    let Some(text) = parsed.get("replicas") else {
        return ctx.out.fail("error: required flag(s) \"replicas\" not set\n");
    };
    let replicas: i32 = match text.parse::<i32>() {
        Ok(n) if n >= 0 => n,
        Ok(_) => return ctx.out.fail("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n"),
        Err(_) => return ctx.out.fail(format!("error: invalid argument \"{text}\" for \"--replicas\" flag: strconv.ParseInt: parsing \"{text}\": invalid syntax\nSee 'kubectl scale --help' for usage.\n")),
    };
    let ns = namespace(&parsed);
    let Some((found, _)) = targets(ctx, &parsed.positional, &ns) else { return };
    for (resource, object) in found {
        let name = objects::meta(&object).name.clone();
        if let Some(current) = parsed.get("current-replicas").and_then(|c| c.parse::<i32>().ok()) {
            let actual = objects::scale_replicas(&object).unwrap_or(-1);
            if actual != current {
                ctx.out.fail(format!("error: Expected replicas to be {current}, was {actual}\n"));
                continue;
            }
        }
        // StatefulSets and ReplicationControllers scale through their scale subresource too
        // (pkg/scale's ScaleSimple: a PATCH of `/scale` with the new spec.replicas).
        let Some(updated) = objects::with_replicas(&object, replicas) else {
            // The GroupKind printed with %q: `{"batch" "CronJob"}`.
            ctx.out.fail(format!("error: no scaler has been implemented for {{\"{}\" \"{}\"}}\n", resource.group, resource.kind.name()));
            continue;
        };
        let scale_path = format!("{}/scale", crate::kubectl::klog::item_path(resource, objects::meta(&object).ns(), &name));
        match apiserver::update_object(ctx.cluster, updated) {
            Ok(_) => {
                ctx.request("PATCH", &scale_path, 200);
                print_flags::print_changed(ctx, output.as_deref(), &object, &format!("{}/{name}", resource.qualified()), "scaled");
            }
            Err(error) => ctx.out.fail(crate::kubectl::error::render(&error, None)),
        }
    }
}

const LABEL_FLAGS: &[FlagSpec] = &[
    boolean("overwrite", None),
    value("selector", Some('l')),
    boolean("all", None),
    boolean("all-namespaces", Some('A')),
    value("filename", Some('f')),
    boolean("list", None),
    boolean("local", None),
    value("resource-version", None),
    args::DRY_RUN,
    value("output", Some('o')),
    value("field-selector", None),
];

/// What `label` and `annotate` refuse in their arguments before they look anything up. Mirrors
/// LabelOptions.Complete (kubectl/pkg/cmd/label/label.go) and AnnotateOptions.Complete: the words
/// split into resources and changes (cmdutil.GetResourcesAndPairs: a change has `=` or ends in
/// `-`), at least one of each, then parseLabels / parseAnnotations (a label spec has one `=`;
/// nothing both set and removed).
fn label_args_error(positional: &[String], annotate: bool, list: bool) -> Option<String> {
    let noun = if annotate { "annotation" } else { "label" };
    let (changes, resources): (Vec<&String>, Vec<&String>) = positional.iter().partition(|w| w.contains('=') || w.ends_with('-'));
    if resources.is_empty() {
        return Some("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n".into());
    }
    if changes.is_empty() && !list {
        return Some(format!("error: at least one {noun} update is required\n"));
    }
    let mut set = Vec::new();
    let mut removed = Vec::new();
    for change in changes {
        if change.contains('=') {
            if !annotate && change.matches('=').count() != 1 {
                return Some(format!("error: invalid label spec: {change}\n"));
            }
            set.push(change.split('=').next().unwrap_or(""));
        } else {
            removed.push(change.trim_end_matches('-'));
        }
    }
    if removed.iter().any(|key| set.contains(key)) {
        let article = if annotate { "an" } else { "a" };
        return Some(format!("error: can not both modify and remove {article} {noun} in the same command\n"));
    }
    None
}

/// `kubectl label` / `kubectl annotate`: `key=value` sets, `key-` removes.
#[inline(never)]
pub fn label(ctx: &mut Ctx, words: &[String], annotate: bool) {
    let command = if annotate { "annotate" } else { "label" };
    let parsed = match args::parse(words, LABEL_FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, command, &message),
    };
    let Ok(output) = print_flags::output_or_fail(ctx, &parsed) else { return };
    let ns = namespace(&parsed);
    let list = parsed.bool("list");
    if let Some(message) = label_args_error(&parsed.positional, annotate, list) {
        return ctx.out.fail(message);
    }
    if list && output.is_some() {
        return ctx.out.fail("error: --list and --output may not be specified together\n");
    }
    // LabelOptions.Validate (kubectl/pkg/cmd/label/label.go); annotate has the same checks.
    let label_text = parsed.get("selector").unwrap_or("");
    let field_text = parsed.get("field-selector").unwrap_or("");
    if parsed.bool("all") && !label_text.is_empty() {
        return ctx.out.fail("error: cannot set --all and --selector at the same time\n");
    }
    if parsed.bool("all") && !field_text.is_empty() {
        return ctx.out.fail("error: cannot set --all and --field-selector at the same time\n");
    }
    let selecting = !label_text.is_empty() || !field_text.is_empty() || parsed.bool("all");
    let names_given = !selecting && parsed.positional.iter().skip(1).any(|w| !w.contains('=') && !w.ends_with('-')) || parsed.positional.first().is_some_and(|w| w.contains('/'));
    if parsed.bool("all-namespaces") && names_given {
        return ctx.out.fail(format!("error: {}\n", crate::kubectl::get::BY_NAME_ACROSS_NAMESPACES));
    }
    let selected = if selecting { selected_targets(ctx, &parsed, &ns, command) } else { targets(ctx, &parsed.positional, &ns) };
    let Some((found, pairs)) = selected else { return };
    if pairs.is_empty() && !list {
        return ctx.out.fail(format!("error: at least one {} update is required\nSee 'kubectl {command} -h' for help and examples\n", if annotate { "annotation" } else { "label" }));
    }
    // One object named (IntoSingleItemImplied): `--list` prints its pairs alone; else each
    // object's under a `Listing labels for KIND.GROUP/NAME:` line, indented.
    let one = !selecting && found.len() == 1;
    if !selecting && found.is_empty() {
        // `label pods k=v`: a type without names or a selector (the resource builder's
        // visitorResult in cli-runtime/pkg/resource/builder.go).
        return ctx.out.fail("error: resource(s) were provided, but no name was specified\n");
    }
    let mut sets = Vec::new();
    let mut removes = Vec::new();
    for pair in &pairs {
        if let Some((k, v)) = pair.split_once('=') {
            if !annotate {
                if let Err(message) = crate::engine::api::selector::validate_label_value(v) {
                    let _ = message;
                    return ctx.out.fail(format!("error: invalid label value: \"{pair}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')\n"));
                }
            }
            sets.push((k.to_string(), v.to_string()));
        } else if let Some(k) = pair.strip_suffix('-') {
            removes.push(k.to_string());
        } else {
            return ctx.out.fail(format!("error: invalid {} format: {pair}\n", if annotate { "annotation" } else { "label" }));
        }
    }
    // An empty list prints nothing: label and annotate visit what the list returned.
    for (resource, object) in found {
        let meta = objects::meta(&object).clone();
        let map: &std::collections::BTreeMap<String, String> = if annotate { &meta.annotations } else { &meta.labels };
        if !parsed.bool("overwrite") {
            if let Some((key, _)) = sets.iter().find(|(k, v)| map.get(k).is_some_and(|old| old != v)) {
                let old = map.get(key).cloned().unwrap_or_default();
                ctx.out.fail(format!("error: '{key}' already has a value ({old}), and --overwrite is false\n"));
                continue;
            }
        }
        let mut new_map = map.clone();
        for (k, v) in &sets {
            new_map.insert(k.clone(), v.clone());
        }
        for k in &removes {
            new_map.remove(k);
        }
        // `--list` changes nothing on the server: it prints the pairs (with any changes given
        // applied locally), in key order where Go's map order is random.
        if list {
            let indent = if one { "" } else { " " };
            if !one {
                ctx.out.out(format!("Listing {} for {}.{}/{}:\n", if annotate { "annotations" } else { "labels" }, resource.kind.name(), resource.group, meta.name));
            }
            ctx.out.out(new_map.iter().map(|(k, v)| format!("{indent}{k}={v}\n")).collect::<String>());
            continue;
        }
        if !annotate && parsed.dry_run() != Some("client") {
            for key in removes.iter().filter(|key| !map.contains_key(*key)) {
                ctx.out.out(format!("label {} not found.\n", serde_json::Value::String(key.clone())));
            }
        }
        // updateDataChangeMsg (label.go): `not labeled` when nothing changed, `unlabeled` when the
        // labels' JSON got shorter without --overwrite. Annotate always says `annotated`.
        let json_len = |labels: &std::collections::BTreeMap<String, String>| serde_json::to_string(labels).map_or(0, |t| t.len());
        let operation = match () {
            _ if annotate => "annotated",
            _ if new_map == *map => "not labeled",
            _ if !parsed.bool("overwrite") && json_len(&new_map) < json_len(map) => "unlabeled",
            _ => "labeled",
        };
        let qualified = format!("{}/{}", resource.qualified(), meta.name);
        let local = replace_meta(&object, |m| {
            if annotate {
                m.annotations = new_map.clone().into();
            } else {
                m.labels = new_map.clone().into();
            }
        });
        // Label prints `info.Object`, the copy it changed; annotate what the apiserver answered.
        let path = format!("{}?fieldManager=kubectl-{command}", crate::kubectl::klog::item_path(resource, meta.ns(), &meta.name));
        let answered = if new_map == *map {
            ctx.request("PATCH", &path, 200);
            Ok(object.clone())
        } else {
            let updated = replace_meta(&local, |m| m.resource_version.clear());
            apiserver::update_object(ctx.cluster, updated).inspect(|_| ctx.request("PATCH", &path, 200))
        };
        match answered {
            Ok(after) => {
                let shown = if annotate { print_flags::changed_object(parsed.dry_run(), &local, after, &object) } else { local };
                print_flags::print_changed(ctx, output.as_deref(), &shown, &qualified, operation);
            }
            Err(error) => ctx.out.fail(crate::kubectl::error::render(&error, None)),
        }
    }
}

/// A copy of the object with its metadata changed.
pub fn replace_meta(object: &Obj, f: impl FnOnce(&mut crate::engine::api::meta::ObjectMeta)) -> Obj {
    macro_rules! edit {
        ($o:expr, $variant:ident) => {{
            let mut copy = (**$o).clone();
            f(&mut copy.metadata);
            Obj::$variant(Rc::new(copy))
        }};
    }
    match object {
        Obj::Namespace(o) => edit!(o, Namespace),
        Obj::Node(o) => edit!(o, Node),
        Obj::Pod(o) => edit!(o, Pod),
        Obj::ReplicaSet(o) => edit!(o, ReplicaSet),
        Obj::Deployment(o) => edit!(o, Deployment),
        Obj::Service(o) => edit!(o, Service),
        Obj::Endpoints(o) => edit!(o, Endpoints),
        Obj::ConfigMap(o) => edit!(o, ConfigMap),
        Obj::Secret(o) => edit!(o, Secret),
        Obj::Event(o) => edit!(o, Event),
        Obj::Job(o) => edit!(o, Job),
        Obj::StorageClass(o) => edit!(o, StorageClass),
        Obj::PersistentVolumeClaim(o) => edit!(o, PersistentVolumeClaim),
        Obj::PersistentVolume(o) => edit!(o, PersistentVolume),
        Obj::Ingress(o) => edit!(o, Ingress),
        Obj::IngressClass(o) => edit!(o, IngressClass),
        Obj::ServiceAccount(o) => edit!(o, ServiceAccount),
        Obj::DaemonSet(o) => edit!(o, DaemonSet),
        Obj::StatefulSet(o) => edit!(o, StatefulSet),
        Obj::ReplicationController(o) => edit!(o, ReplicationController),
        Obj::NetworkPolicy(o) => edit!(o, NetworkPolicy),
        Obj::PodDisruptionBudget(o) => edit!(o, PodDisruptionBudget),
        Obj::HorizontalPodAutoscaler(o) => edit!(o, HorizontalPodAutoscaler),
        Obj::LimitRange(o) => edit!(o, LimitRange),
        Obj::ResourceQuota(o) => edit!(o, ResourceQuota),
        Obj::CronJob(o) => edit!(o, CronJob),
        Obj::Role(o) => edit!(o, Role),
        Obj::ClusterRole(o) => edit!(o, ClusterRole),
        Obj::RoleBinding(o) => edit!(o, RoleBinding),
        Obj::ClusterRoleBinding(o) => edit!(o, ClusterRoleBinding),
    }
}

/// `kubectl version`: a 1.32 client against a 1.32 control plane (no skew warning).
#[inline(never)]
pub fn version(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, &[boolean("client", None), value("output", Some('o'))]) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "version", &message),
    };
    let _ = resources::TYPES;
    let _ = Kind::Pod;
    // VersionOptions.Validate (kubectl/pkg/cmd/version/version.go).
    if !parsed.positional.is_empty() {
        return ctx.out.fail(format!("error: extra arguments: [{}]\n", parsed.positional.join(" ")));
    }
    let output = parsed.get("output").unwrap_or("");
    if !["", "yaml", "json"].contains(&output) {
        return ctx.out.fail("error: --output must be 'yaml' or 'json'\n");
    }
    let client = !parsed.bool("client");
    match output {
        "" => {
            ctx.out.out("Client Version: v1.32.5\nKustomize Version: v5.5.0\n");
            if client {
                ctx.out.out("Server Version: v1.32.5\n");
            }
        }
        // The server is a v1.32.5 apiserver of the same release build as the client.
        _ => {
            // VersionOptions.Run: `fmt.Fprintln` of yaml.Marshal (sorted keys, so a blank line
            // ends it) or of json.MarshalIndent with two spaces, in the structs' field order.
            let mut sections = vec![("clientVersion", version_info()), ("kustomizeVersion", serde_json::Value::from("v5.5.0"))];
            if client {
                sections.push(("serverVersion", version_info()));
            }
            if output == "yaml" {
                let info: serde_json::Map<String, serde_json::Value> = sections.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
                ctx.out.out(format!("{}\n", crate::yaml::to_yaml(&serde_json::Value::Object(info))));
            } else {
                let body: Vec<String> = sections
                    .iter()
                    .map(|(key, value)| match value {
                        serde_json::Value::String(text) => format!("  \"{key}\": {}", serde_json::Value::from(text.as_str())),
                        _ => format!("  \"{key}\": {{\n{}\n  }}", VERSION_FIELDS.iter().map(|(field, text)| format!("    \"{field}\": \"{text}\"")).collect::<Vec<_>>().join(",\n")),
                    })
                    .collect();
                ctx.out.out(format!("{{\n{}\n}}\n", body.join(",\n")));
            }
        }
    }
}

/// kubectl 1.32.5's `version.Info` (k8s.io/apimachinery/pkg/version), fields in struct order.
const VERSION_FIELDS: &[(&str, &str)] = &[
    ("major", "1"),
    ("minor", "32"),
    ("gitVersion", "v1.32.5"),
    ("gitCommit", "9894294ef13a5b32803e3ca2c0d620a088cc84d1"),
    ("gitTreeState", "clean"),
    ("buildDate", "2025-05-15T09:12:10Z"),
    ("goVersion", "go1.23.8"),
    ("compiler", "gc"),
    ("platform", "linux/amd64"),
];

/// `VERSION_FIELDS` as a JSON object (for the YAML printer, which sorts the keys).
fn version_info() -> serde_json::Value {
    serde_json::Value::Object(VERSION_FIELDS.iter().map(|(key, value)| (key.to_string(), serde_json::Value::from(*value))).collect())
}

/// `kubectl cordon|uncordon NODE`: mark a node (un)schedulable.
#[inline(never)]
pub fn cordon(ctx: &mut Ctx, words: &[String], unschedulable: bool) {
    let command = if unschedulable { "cordon" } else { "uncordon" };
    let parsed = match args::parse(words, &[value("selector", Some('l')), args::DRY_RUN]) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, command, &message),
    };
    if parsed.positional.is_empty() {
        return ctx.out.fail(format!("error: USAGE: {command} NODE [flags]\nSee 'kubectl {command} -h' for help and examples\n"));
    }
    for name in parsed.positional.iter().map(|arg| node_name(arg)) {
        let Some(Obj::Node(node)) = objects::get(ctx.cluster, Kind::Node, "", name) else {
            ctx.out.fail(format!("Error from server (NotFound): nodes \"{name}\" not found\n"));
            continue;
        };
        set_unschedulable(ctx, &node, unschedulable, "", false);
    }
}

/// A node argument as the resource builder's `ResourceNames("nodes", ...)` reads it: `NAME`, or
/// `TYPE/NAME` with the type a node's (`nodes/node-1`, as kubernetes.io's tutorials write).
pub(crate) fn node_name(arg: &str) -> &str {
    match arg.split_once('/') {
        Some((type_, name)) if crate::engine::resources::resolve(type_).is_some_and(|t| t.kind == Kind::Node) => name,
        _ => arg,
    }
}

/// `RunCordonOrUncordon` for one node (cordon, uncordon, and drain's first step): `node/NAME
/// cordoned`, or `already cordoned`; `suffix` is a dry run's, and a dry run changes nothing.
pub(crate) fn set_unschedulable(ctx: &mut Ctx, node: &crate::engine::api::core::Node, unschedulable: bool, suffix: &str, dry_run: bool) {
    let command = if unschedulable { "cordon" } else { "uncordon" };
    let name = &node.metadata.name;
    if node.spec.unschedulable.unwrap_or(false) == unschedulable {
        ctx.out.out(format!("node/{name} already {command}ed{suffix}\n"));
        return;
    }
    if dry_run {
        ctx.out.out(format!("node/{name} {command}ed{suffix}\n"));
        return;
    }
    let mut updated = node.clone();
    updated.spec.unschedulable = if unschedulable { Some(true) } else { None };
    updated.metadata.resource_version.clear();
    match apiserver::update_object(ctx.cluster, Obj::Node(Rc::new(updated))) {
        Ok(_) => ctx.out.out(format!("node/{name} {command}ed{suffix}\n")),
        Err(error) => ctx.out.fail(crate::kubectl::error::render(&error, None)),
    }
}
