//! `kubectl debug`: an ephemeral container added to a running pod, or a debugging pod on a
//! node, then attached to, as kubectl 1.32's DebugOptions (pkg/cmd/debug/debug.go) runs them
//! with the default (legacy) profile; or a copy of the pod with a debug container
//! (`--copy-to`).

use std::rc::Rc;

use serde_json::{json, Value};

use crate::engine::api::pod::Pod;
use crate::engine::api::validation::FieldError;
use crate::engine::error::ApiError;
use crate::engine::store::{Key, Kind};
use crate::kubectl::args::{self, boolean, value, FlagSpec};
use crate::kubectl::get::namespace;
use crate::kubectl::{flag_error, objects, Ctx};

const FLAGS: &[FlagSpec] = &[
    value("image", None),
    value("container", Some('c')),
    value("target", None),
    boolean("stdin", Some('i')),
    boolean("tty", Some('t')),
    boolean("quiet", Some('q')),
    boolean("attach", None),
    value("profile", None),
    value("copy-to", None),
    boolean("replace", None),
    boolean("same-node", None),
    value("set-image", None),
    boolean("share-processes", None),
    value("env", None),
    boolean("arguments-only", None),
    value("image-pull-policy", None),
    value("filename", Some('f')),
    value("custom", None),
    boolean("keep-annotations", None),
    boolean("keep-labels", None),
    boolean("keep-liveness", None),
    boolean("keep-readiness", None),
    boolean("keep-startup", None),
    boolean("keep-init-containers", None),
];

const PROFILES: [&str; 6] = ["legacy", "general", "baseline", "netadmin", "restricted", "sysadmin"];

/// How long kubectl waits here for the debug container to run before giving up, in virtual
/// seconds (kubectl itself waits without end).
const WAIT_SECONDS: u32 = 300;

/// `kubectl debug (POD | TYPE/NAME) --image=IMAGE [-it] [-c NAME] [--target=C] [-- COMMAND]`.
#[inline(never)]
pub fn debug(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "debug", &message),
    };
    let image = parsed.get("image").unwrap_or("").to_string();
    let container_flag = parsed.get("container").unwrap_or("").to_string();
    let interactive = parsed.bool("stdin");
    let tty = parsed.bool("tty");
    let quiet = parsed.bool("quiet");
    let attach = if parsed.has("attach") { parsed.bool("attach") } else { interactive };
    let profile = parsed.get("profile").unwrap_or("legacy").to_string();
    // Complete: the profile's applier.
    if !PROFILES.contains(&profile.as_str()) {
        return ctx.out.fail(format!("error: unknown profile: {profile}\n"));
    }
    // Validate, in its order.
    if attach && parsed.has("attach") && image.is_empty() && container_flag.is_empty() {
        return ctx.out.fail("error: you must specify --container or create a new container using --image in order to attach.\n");
    }
    let copy_to = parsed.get("copy-to").unwrap_or("").to_string();
    let set_images = parsed.all("set-image").iter().flat_map(|list| list.split(',').map(str::to_string).collect::<Vec<_>>()).collect::<Vec<_>>();
    if !copy_to.is_empty() {
        if image.is_empty() && set_images.is_empty() && parsed.after_dashes.is_empty() {
            return ctx.out.fail("error: you must specify --image, --set-image or command arguments.\n");
        }
        if !parsed.after_dashes.is_empty() && container_flag.is_empty() && image.is_empty() {
            return ctx.out.fail("error: you must specify an existing container or a new image when specifying args.\n");
        }
    } else {
        for (flag, message) in [("replace", "--replace may only be used with --copy-to."), ("same-node", "--same-node may only be used with --copy-to."), ("set-image", "--set-image may only be used with --copy-to.")] {
            if parsed.has(flag) && (flag == "set-image" || parsed.bool(flag)) {
                return ctx.out.fail(format!("error: {message}\n"));
            }
        }
        if image.is_empty() {
            return ctx.out.fail("error: you must specify --image when not using --copy-to.\n");
        }
    }
    if !image.is_empty() && !valid_reference(&image) {
        return ctx.out.fail(format!("error: invalid image name \"{image}\": invalid reference format\n"));
    }
    if parsed.positional.is_empty() && !parsed.has("filename") {
        return ctx.out.fail("error: NAME or filename is required for debug\n");
    }
    let pull_policy = parsed.get("image-pull-policy").unwrap_or("").to_string();
    if !["Always", "IfNotPresent", "Never", ""].contains(&pull_policy.as_str()) {
        return ctx.out.fail(format!("error: invalid image pull policy: {pull_policy}\n"));
    }
    let mut images = Vec::new();
    for pair in &set_images {
        let Some((name, value)) = pair.split_once('=') else {
            return ctx.out.fail(format!("invalid argument \"{pair}\" for \"--set-image\" flag: {pair} must be formatted as key=value\n"));
        };
        if !valid_reference(value) {
            return ctx.out.fail(format!("error: invalid image name \"{value}\" for container \"{name}\": invalid reference format\n"));
        }
        images.push((name.to_string(), value.to_string()));
    }
    let target = parsed.get("target").unwrap_or("").to_string();
    if !target.is_empty() && !copy_to.is_empty() {
        return ctx.out.fail("error: --target is incompatible with --copy-to. Use --share-processes instead.\n");
    }
    if !target.is_empty() && !quiet {
        ctx.out.out(format!(
            "Targeting container \"{target}\". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n"
        ));
    }
    if tty && !interactive {
        return ctx.out.fail("error: -i/--stdin is required for containers with -t/--tty=true\n");
    }
    if profile == "legacy" {
        ctx.out.err("--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example \"--profile=general\".\n");
    }
    if parsed.has("filename") {
        return ctx.out.fail("kubeplay: kubectl debug -f is not simulated; name the pod: kubectl debug POD --image=IMAGE\n");
    }
    let ns = namespace(&parsed);
    let spec = DebugContainer {
        image,
        name: container_flag,
        target,
        interactive,
        attach: attach && interactive,
        tty,
        quiet,
        pull_policy,
        command: parsed.after_dashes.clone(),
        arguments_only: parsed.bool("arguments-only"),
        env: parsed.all("env"),
    };
    let copy = (!copy_to.is_empty()).then(|| CopyTo {
        name: copy_to,
        images,
        same_node: parsed.bool("same-node"),
        replace: parsed.bool("replace"),
        share_processes: parsed.has("share-processes").then(|| parsed.bool("share-processes")),
    });
    for target_name in &parsed.positional {
        let (type_name, name) = target_name.split_once('/').unwrap_or(("pod", target_name));
        let resource = match objects::resolve_type(type_name) {
            Ok(resource) => resource,
            Err(message) => return ctx.out.fail(format!("error: {message}\n")),
        };
        let opened = match resource.kind {
            Kind::Node => debug_node(ctx, &spec, &ns, name),
            Kind::Pod => match &copy {
                Some(copy) => debug_copy(ctx, &spec, copy, &ns, name),
                None => debug_pod(ctx, &spec, &ns, name),
            },
            other => {
                return ctx.out.fail(format!("error: \"{}\" not supported by debug\n", group_version_kind(other)));
            }
        };
        if !opened {
            return;
        }
    }
}

/// The Go `%q` of a GroupVersionKind, as `"%q not supported by debug"` prints it.
fn group_version_kind(kind: Kind) -> String {
    let (group, version) = kind.api_version().split_once('/').unwrap_or(("", kind.api_version()));
    format!("{group}/{version}, Kind={}", kind.name())
}

/// A loose check of a Docker reference (reference.ReferenceRegexp): lower-case repository
/// parts, an optional tag and digest, no spaces.
fn valid_reference(image: &str) -> bool {
    let (name, _) = image.split_once('@').unwrap_or((image, ""));
    let name = match name.rsplit_once(':') {
        Some((repo, tag)) if !tag.contains('/') => {
            if tag.is_empty() || !tag.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)) {
                return false;
            }
            repo
        }
        _ => name,
    };
    !name.is_empty() && name.split('/').all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-:".contains(c)))
}

/// The debug container the flags describe (generateDebugContainer, legacy profile).
struct DebugContainer {
    image: String,
    name: String,
    target: String,
    interactive: bool,
    /// Attached to once it runs: `--attach`, by default `-i` (a shell without stdin has
    /// nothing to attach to here).
    attach: bool,
    tty: bool,
    quiet: bool,
    pull_policy: String,
    command: Vec<String>,
    arguments_only: bool,
    env: Vec<String>,
}

impl DebugContainer {
    /// The container as sent, with the defaults the apiserver adds.
    fn json(&self, name: &str) -> Value {
        let mut container = json!({
            "name": name,
            "image": self.image,
            "imagePullPolicy": if self.pull_policy.is_empty() { crate::engine::api::defaults::default_pull_policy(&self.image).to_string() } else { self.pull_policy.clone() },
            "resources": {},
            "terminationMessagePath": "/dev/termination-log",
            "terminationMessagePolicy": "File",
        });
        if !self.command.is_empty() {
            container[if self.arguments_only { "args" } else { "command" }] = json!(self.command);
        }
        if !self.env.is_empty() {
            let env: Vec<Value> = self.env.iter().filter_map(|pair| pair.split_once('=')).map(|(k, v)| json!({"name": k, "value": v})).collect();
            container["env"] = json!(env);
        }
        if self.interactive {
            container["stdin"] = json!(true);
        }
        if self.tty {
            container["tty"] = json!(true);
        }
        container
    }
}

/// debugByEphemeralContainer: the container added through the pod's `ephemeralcontainers`
/// subresource, then waited for and attached to. Whether the command goes on.
fn debug_pod(ctx: &mut Ctx, spec: &DebugContainer, ns: &str, name: &str) -> bool {
    let key = Key::new(ns, name);
    let Some(pod) = ctx.cluster.store().get::<Pod>(&key) else {
        ctx.out.fail(format!("Error from server (NotFound): pods \"{name}\" not found\n"));
        return false;
    };
    let mut existing: Vec<String> = pod.spec.containers.iter().chain(pod.spec.init_containers.iter()).map(|c| c.name.to_string()).collect();
    let ephemeral = pod.spec.ephemeral_containers();
    existing.extend(ephemeral.iter().map(|c| c.name.to_string()));
    let container_name = debug_container_name(ctx, spec, &existing);
    let mut container = spec.json(&container_name);
    if !spec.target.is_empty() {
        container["targetContainerName"] = json!(spec.target);
    }
    // ValidatePodEphemeralContainersUpdate: names unique among all the pod's containers, the
    // target one of its containers.
    let index = ephemeral.len();
    let mut causes = Vec::new();
    if existing.contains(&container_name) {
        causes.push(FieldError { field: format!("spec.ephemeralContainers[{index}].name"), message: format!("Duplicate value: \"{container_name}\"") });
    }
    if !spec.target.is_empty() && !pod.spec.containers.iter().chain(pod.spec.init_containers.iter()).any(|c| *c.name == *spec.target) {
        causes.push(FieldError { field: format!("spec.ephemeralContainers[{index}].targetContainerName"), message: format!("Not found: \"{}\"", spec.target) });
    }
    if !causes.is_empty() {
        ctx.out.fail(crate::kubectl::error::render(&ApiError::invalid("Pod", name, causes), None));
        return false;
    }
    let mut updated = (*pod).clone();
    let spec_mut = Rc::make_mut(&mut updated.spec);
    let mut list = spec_mut.extra.get("ephemeralContainers").and_then(Value::as_array).cloned().unwrap_or_default();
    list.push(container);
    spec_mut.extra.insert("ephemeralContainers".to_string(), Value::Array(list));
    updated.metadata.resource_version.clear();
    if let Err(error) = ctx.cluster.store.update(updated) {
        ctx.out.fail(crate::kubectl::error::render(&error, None));
        return false;
    }
    ctx.cluster.kubelet.wake(key.clone());
    if !spec.attach {
        return true;
    }
    wait_and_attach(ctx, &key, &container_name)
}

/// visitNode: a pod on the node in its host namespaces, the node's root at `/host`
/// (generateNodeDebugPod, legacy profile), then waited for and attached to.
fn debug_node(ctx: &mut Ctx, spec: &DebugContainer, ns: &str, node: &str) -> bool {
    if ctx.cluster.store().get::<crate::engine::api::core::Node>(&Key::new("", node)).is_none() {
        ctx.out.fail(format!("Error from server (NotFound): nodes \"{node}\" not found\n"));
        return false;
    }
    let pod_name = format!("node-debugger-{node}-{}", ctx.cluster.rng.name_suffix(5));
    let container_name = if spec.name.is_empty() { "debugger".to_string() } else { spec.name.clone() };
    if !spec.quiet {
        ctx.out.out(format!("Creating debugging pod {pod_name} with container {container_name} on node {node}.\n"));
    }
    let mut container = spec.json(&container_name);
    container["volumeMounts"] = json!([{"mountPath": "/host", "name": "host-root"}]);
    let raw = json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": pod_name, "namespace": ns},
        "spec": {
            "containers": [container],
            "hostIPC": true,
            "hostNetwork": true,
            "hostPID": true,
            "nodeName": node,
            "restartPolicy": "Never",
            "tolerations": [{"operator": "Exists"}],
            "volumes": [{"name": "host-root", "hostPath": {"path": "/"}}],
        },
    });
    let mut decoded = Vec::new();
    crate::yaml::decode_value(raw, 1, &mut decoded);
    let Some(Ok(manifest)) = decoded.pop() else {
        ctx.out.fail("error: the debugging pod could not be made\n");
        return false;
    };
    if let Err(error) = crate::engine::apiserver::create_object(ctx.cluster, manifest.object) {
        ctx.out.fail(crate::kubectl::error::render(&error, None));
        return false;
    }
    if !spec.attach {
        return true;
    }
    wait_and_attach(ctx, &Key::new(ns, &pod_name), &container_name)
}

/// `--copy-to` and the flags that only go with it.
struct CopyTo {
    name: String,
    /// `--set-image NAME=IMAGE` (`*` for every container).
    images: Vec<(String, String)>,
    same_node: bool,
    replace: bool,
    /// `--share-processes`, when given.
    share_processes: Option<bool>,
}

/// debugByCopy / generatePodCopyWithDebugContainer: a new pod with the original's spec (no
/// ephemeral containers, unscheduled unless `--same-node`) and annotations, its labels dropped
/// (the legacy profile), the named container changed or a debug container added; `--replace`
/// deletes the original. Then waited for and attached to.
fn debug_copy(ctx: &mut Ctx, spec: &DebugContainer, copy: &CopyTo, ns: &str, name: &str) -> bool {
    let Some(pod) = ctx.cluster.store().get::<Pod>(&Key::new(ns, name)) else {
        ctx.out.fail(format!("Error from server (NotFound): pods \"{name}\" not found\n"));
        return false;
    };
    let mut copied = Pod::default();
    copied.metadata.name = copy.name.as_str().into();
    copied.metadata.namespace = Some(ns.into());
    copied.metadata.annotations = pod.metadata.annotations.clone();
    let mut pod_spec = (*pod.spec).clone();
    pod_spec.extra.remove("ephemeralContainers");
    if let Some(share) = copy.share_processes {
        pod_spec.extra.insert("shareProcessNamespace".to_string(), json!(share));
    }
    if !copy.same_node {
        pod_spec.node_name = None;
    }
    for container in pod_spec.containers.iter_mut() {
        let image = copy.images.iter().find(|(n, _)| *n == *container.name).or_else(|| copy.images.iter().find(|(n, _)| n == "*"));
        if let Some((_, image)) = image {
            container.image = Some(image.as_str().into());
        }
    }
    let mut existing: Vec<String> = pod_spec.containers.iter().chain(pod_spec.init_containers.iter()).map(|c| c.name.to_string()).collect();
    let index = match pod_spec.containers.iter().position(|c| !spec.name.is_empty() && *c.name == *spec.name) {
        Some(index) => index,
        None if spec.image.is_empty() => {
            // Only images set: the copy runs as it is, with nothing to attach to.
            if copy.images.is_empty() {
                ctx.out.fail("error: you must specify image when creating new container\n");
                return false;
            }
            return create_copy(ctx, copy, &pod, copied, pod_spec, None, spec);
        }
        None => {
            let container_name = debug_container_name(ctx, spec, &existing);
            existing.push(container_name.clone());
            let mut container = crate::engine::api::pod::Container { name: container_name.as_str().into(), ..Default::default() };
            container.termination_message_policy = Some("File".into());
            pod_spec.containers.push(container);
            pod_spec.containers.len() - 1
        }
    };
    let container = &mut pod_spec.containers[index];
    if !spec.command.is_empty() {
        if spec.arguments_only {
            *container.args = spec.command.clone();
        } else {
            *container.command = spec.command.clone();
            *container.args = Vec::new();
        }
    }
    if !spec.env.is_empty() {
        container.env = spec.env.iter().filter_map(|pair| pair.split_once('=')).map(|(k, v)| crate::engine::api::pod::EnvVar { name: k.into(), value: Some(v.into()), ..Default::default() }).collect();
    }
    if !spec.image.is_empty() {
        container.image = Some(spec.image.as_str().into());
    }
    if !spec.pull_policy.is_empty() {
        container.image_pull_policy = Some(spec.pull_policy.as_str().into());
    }
    container.extra.insert("stdin".to_string(), json!(spec.interactive));
    container.extra.insert("tty".to_string(), json!(spec.tty));
    for flag in ["stdin", "tty"] {
        if container.extra.get(flag) == Some(&json!(false)) {
            container.extra.remove(flag);
        }
    }
    let attach_to = container.name.to_string();
    create_copy(ctx, copy, &pod, copied, pod_spec, Some(attach_to), spec)
}

/// Creates the copy, deletes the original with `--replace`, and attaches to `container` with
/// `-i` once it runs.
fn create_copy(ctx: &mut Ctx, copy: &CopyTo, original: &Pod, mut copied: Pod, pod_spec: crate::engine::api::pod::PodSpec, container: Option<String>, spec: &DebugContainer) -> bool {
    copied.spec = Rc::new(pod_spec);
    // The copy goes through the API as a new pod: defaults and admission again.
    if let Err(error) = crate::engine::apiserver::create_object(ctx.cluster, crate::engine::store::Obj::Pod(Rc::new(copied))) {
        ctx.out.fail(crate::kubectl::error::render(&error, None));
        return false;
    }
    if copy.replace {
        let words: Vec<String> = ["delete", "pod", original.metadata.name.as_str(), "-n", original.metadata.ns(), "--grace-period=0", "--wait=false"].iter().map(|w| w.to_string()).collect();
        let _ = crate::kubectl::run_words(ctx.cluster, &words, None);
    }
    let (Some(container), true) = (container, spec.attach) else { return true };
    wait_and_attach(ctx, &Key::new(original.metadata.ns(), &copy.name), &container)
}

/// computeDebugContainerName: `-c`, or `debugger-` and five characters no container has
/// (said unless `-q`).
fn debug_container_name(ctx: &mut Ctx, spec: &DebugContainer, existing: &[String]) -> String {
    if !spec.name.is_empty() {
        return spec.name.clone();
    }
    let mut candidate = String::new();
    while candidate.is_empty() || existing.contains(&candidate) {
        candidate = format!("debugger-{}", ctx.cluster.rng.name_suffix(5));
    }
    if !spec.quiet {
        ctx.out.out(format!("Defaulting debug container name to {candidate}.\n"));
    }
    candidate
}

/// waitForContainer, then attach: the clock runs until the pod's container (or ephemeral
/// container) `name` runs, and the terminal is attached to its shell; a container that has
/// already ended, or a finished pod, leaves nothing to attach to.
fn wait_and_attach(ctx: &mut Ctx, key: &Key, name: &str) -> bool {
    for _ in 0..WAIT_SECONDS {
        let Some(pod) = ctx.cluster.store().get::<Pod>(key) else { break };
        let status = pod.status.container_statuses.iter().chain(&pod.status.ephemeral_container_statuses).find(|s| *s.name == *name);
        if status.is_some_and(|s| s.state.running.is_some()) {
            ctx.out.err("If you don't see a command prompt, try pressing enter.\n");
            let found = pod.spec.containers.iter().find(|c| *c.name == *name).cloned().or_else(|| pod.spec.ephemeral_containers().into_iter().find(|c| *c.name == *name));
            let Some(container) = found else { return false };
            crate::kubectl::exec::attach_session(ctx.cluster, &pod, &container, false);
            return true;
        }
        if status.is_some_and(|s| s.state.terminated.is_some()) || matches!(pod.status.phase.as_deref(), Some("Succeeded" | "Failed")) {
            return true;
        }
        ctx.tick();
    }
    ctx.out.fail("error: timed out waiting for the condition\n");
    false
}
