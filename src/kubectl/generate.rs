//! Commands that build an object from flags: `kubectl run` (a Pod) and `kubectl expose`
//! (a Service for a Deployment, ReplicaSet, Pod or Service), as kubectl's generators build them.

use crate::engine::store::{Kind, Obj};
use crate::kubectl::args::{self, boolean, value, FlagSpec};
use crate::kubectl::get::namespace;
use crate::kubectl::printers::print_flags;
use crate::engine::Cluster;
use crate::kubectl::{flag_error, objects, Ctx, Out};

const RUN_FLAGS: &[FlagSpec] = &[
    value("image", None),
    value("port", None),
    value("labels", Some('l')),
    value("env", None),
    value("restart", None),
    boolean("command", None),
    boolean("rm", None),
    boolean("stdin", Some('i')),
    boolean("tty", Some('t')),
    boolean("attach", None),
    args::DRY_RUN,
    value("output", Some('o')),
    value("image-pull-policy", None),
    boolean("expose", None),
    value("overrides", None),
    value("override-type", None),
    value("annotations", None),
    boolean("privileged", None),
    value("template", None),
    boolean("allow-missing-template-keys", None),
    boolean("show-managed-fields", None),
];

fn pairs(list: &[String]) -> Vec<(String, String)> {
    list.iter().flat_map(|l| l.split(',').map(str::to_string).collect::<Vec<_>>()).filter_map(|p| p.split_once('=').map(|(k, v)| (k.to_string(), v.to_string()))).collect()
}

/// `kubectl run NAME --image=IMAGE [--port] [--labels] [--env] [--restart] [--command] -- ARGS`.
#[inline(never)]
pub fn run(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, RUN_FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "run", &message),
    };
    // cobra's required flag, then RunOptions.Complete (the printer), then the checks of
    // RunOptions.Run (kubectl/pkg/cmd/run/run.go) before it builds the pod.
    let Some(image) = parsed.get("image").map(str::to_string) else {
        return ctx.out.fail("error: required flag(s) \"image\" not set\n");
    };
    let Ok(output) = print_flags::output_or_fail(ctx, &parsed) else { return };
    let Some(name) = parsed.positional.first().cloned() else {
        return ctx.out.fail("error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n");
    };
    if image.is_empty() {
        return ctx.out.fail("error: --image is required\n");
    }
    let usage = |message: &str| format!("error: {message}\nSee 'kubectl run -h' for help and examples\n");
    if parsed.bool("tty") && !parsed.bool("stdin") {
        return ctx.out.fail(usage("-i/--stdin is required for containers with -t/--tty=true"));
    }
    let attach = parsed.bool("stdin") || parsed.bool("attach");
    if attach && parsed.dry_run().is_some() {
        return ctx.out.fail(usage("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)"));
    }
    if !matches!(parsed.get("restart").unwrap_or("Always"), "Always" | "OnFailure" | "Never") {
        return ctx.out.fail(usage(&format!("invalid restart policy: {}", parsed.get("restart").unwrap_or(""))));
    }
    if parsed.bool("rm") && !attach {
        return ctx.out.fail(usage("--rm should only be used for attached containers"));
    }
    if parsed.bool("expose") && parsed.get("port").unwrap_or("").is_empty() {
        return ctx.out.fail(usage("--port must be set when exposing a service"));
    }
    // The generator's parameters (generate/versioned/run.go): labels `k=v` each, env `NAME=VALUE`,
    // the port an integer.
    if let Some(bad) = parsed.all("labels").iter().flat_map(|l| l.split(',').map(str::to_string).collect::<Vec<_>>()).find(|spec| spec.matches('=').count() != 1) {
        return ctx.out.fail(format!("error: unexpected label spec: {bad}\n"));
    }
    if let Some(bad) = parsed.all("env").into_iter().find(|env| !env.contains('=')) {
        return ctx.out.fail(format!("error: invalid env: {bad}\n"));
    }
    if let Some(port) = parsed.get("port").filter(|port| !port.is_empty() && port.parse::<i32>().is_err()) {
        return ctx.out.fail(format!("error: strconv.Atoi: parsing {}: invalid syntax\n", serde_json::Value::from(port)));
    }
    // getAnnotations: each `--annotations` is one KEY=VALUE (cmdutil.ParsePairs).
    let annotations = parsed.all("annotations");
    let bad: Vec<&String> = annotations.iter().filter(|pair| !pair.contains('=') || pair.starts_with('=')).collect();
    if !bad.is_empty() {
        return ctx.out.fail(format!("error: invalid annotations format: {}\n", bad.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")));
    }
    let mut labels = serde_json::Map::new();
    match parsed.get("labels") {
        // Inserted, not collected: `collect()` into a map sorts first (see `order::CollectMap`).
        Some(_) => pairs(&parsed.all("labels")).into_iter().for_each(|(k, v)| drop(labels.insert(k, serde_json::Value::String(v)))),
        None => drop(labels.insert("run".to_string(), serde_json::Value::String(name.clone()))),
    }
    let mut container = serde_json::json!({"image": image, "name": name, "resources": {}});
    let trailing: Vec<serde_json::Value> = parsed.after_dashes.iter().map(|a| serde_json::Value::String(a.clone())).collect();
    if !trailing.is_empty() {
        container[if parsed.bool("command") { "command" } else { "args" }] = serde_json::Value::Array(trailing);
    }
    if let Some(port) = parsed.get("port").and_then(|p| p.parse::<i32>().ok()) {
        container["ports"] = serde_json::json!([{"containerPort": port}]);
    }
    let env = pairs(&parsed.all("env"));
    if !env.is_empty() {
        container["env"] = serde_json::Value::Array(env.into_iter().map(|(k, v)| serde_json::json!({"name": k, "value": v})).collect());
    }
    if let Some(policy) = parsed.get("image-pull-policy") {
        container["imagePullPolicy"] = serde_json::Value::String(policy.to_string());
    }
    // generate/versioned/run.go: `-i` keeps the container's stdin open, once (`--attach`
    // reads stdin until it closes); `-t` gives it a terminal.
    if parsed.bool("stdin") {
        container["stdin"] = serde_json::Value::Bool(true);
        container["stdinOnce"] = serde_json::Value::Bool(attach);
    }
    if parsed.bool("tty") {
        container["tty"] = serde_json::Value::Bool(true);
    }
    if parsed.bool("privileged") {
        container["securityContext"] = serde_json::json!({"privileged": true});
    }
    // getRestartPolicy: an interactive pod (`-i`) restarts OnFailure unless told otherwise.
    let default_restart = if parsed.bool("stdin") { "OnFailure" } else { "Always" };
    let restart = parsed.get("restart").unwrap_or(default_restart).to_string();
    let mut pod = serde_json::json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"labels": labels, "name": name, "namespace": namespace(&parsed)},
        "spec": {"containers": [container], "dnsPolicy": "ClusterFirst", "restartPolicy": restart},
    });
    if !annotations.is_empty() {
        // A map: the last value of a key wins, and keys print sorted.
        let pairs: std::collections::BTreeMap<&str, &str> = annotations.iter().filter_map(|pair| pair.split_once('=')).collect();
        pod["metadata"]["annotations"] = serde_json::json!(pairs);
    }
    if let Err(message) = apply_overrides(&mut pod, &parsed) {
        return ctx.out.fail(format!("error: {message}\n"));
    }
    if attach {
        return run_attached(ctx, pod, &name, &parsed);
    }
    create_generated(ctx, pod, Kind::Pod, &name, &parsed, output.as_deref(), "created");
}

/// `--overrides` (Overrider.Apply, pkg/cmd/util/override_options.go): the generated object, as
/// JSON, changed by an RFC 7396 merge patch (`--override-type=merge`, the default), a strategic
/// merge patch (`strategic`: lists such as containers merged by name) or an RFC 6902 JSON patch
/// (`json`), before it is sent.
fn apply_overrides(object: &mut serde_json::Value, parsed: &args::Parsed) -> Result<(), String> {
    let Some(text) = parsed.get("overrides").filter(|text| !text.is_empty()) else { return Ok(()) };
    let kind = parsed.get("override-type").unwrap_or("merge");
    if !["json", "merge", "strategic"].contains(&kind) {
        return Err(format!("invalid override type: {kind}"));
    }
    let fragment: serde_json::Value = match serde_json::from_str(text) {
        Ok(value) => value,
        // evanphx/json-patch's MergePatch names no reason; encoding/json's syntax error otherwise.
        Err(_) if kind == "merge" => return Err("Invalid JSON Patch".to_string()),
        Err(_) => return Err(go_unmarshal_error(text)),
    };
    match kind {
        "json" => match fragment.as_array() {
            Some(operations) => crate::kubectl::patch::json_patch(object, operations),
            None => Err("json: cannot unmarshal object into Go value of type jsonpatch.Patch".to_string()),
        },
        other => {
            crate::kubectl::patch::merge(object, &fragment, other == "strategic");
            Ok(())
        }
    }
}

/// encoding/json's error for text `json.Unmarshal` refuses: the syntax error without the
/// stream decoder's `json: offset N:` prefix, and "unexpected end of JSON input" for text that
/// stops early.
fn go_unmarshal_error(text: &str) -> String {
    match crate::yaml::json_stream::scan_value(text, 0).message() {
        Some(message) if message.starts_with("json: offset ") => message.splitn(3, ": ").nth(2).unwrap_or(&message).to_string(),
        Some(message) if message != "unexpected EOF" => message,
        _ => "unexpected end of JSON input".to_string(),
    }
}

/// `kubectl run -i|-it|--attach NAME ...`, as RunOptions.Run and handleAttachPod do it: the pod
/// is created (not printed), kubectl waits (up to `--pod-running-timeout`, 1m) until it runs and
/// is ready or has finished. A finished pod's logs are printed. A shell left running with `-it`
/// becomes the terminal's session (`exec::run_session_line`: `exit` closes its stdin, the pod
/// ends, and `--rm` deletes it). Any other running container: its output so far, and a note
/// that it keeps running (kubectl would stay attached until it ends). After a finished pod,
/// `--rm` deletes it (`pod "NAME" deleted`), and a failed pod is kubectl's error with the
/// container's exit code.
fn run_attached(ctx: &mut Ctx, raw: serde_json::Value, name: &str, parsed: &args::Parsed) {
    let mut decoded = Vec::new();
    crate::yaml::decode_value(raw, 1, &mut decoded);
    let Some(Ok(manifest)) = decoded.pop() else {
        return ctx.out.fail("error: could not build the object\n");
    };
    let created = match crate::engine::apiserver::create_object(ctx.cluster, manifest.object) {
        Ok(Obj::Pod(pod)) => pod,
        Ok(_) => return ctx.out.fail("error: could not build the object\n"),
        Err(error) => return ctx.out.fail(crate::kubectl::error::render(&error, None)),
    };
    let key = crate::engine::store::Key::of(&created.metadata, true);
    let remove = parsed.bool("rm");
    let (stdin, tty) = (parsed.bool("stdin"), parsed.bool("tty"));
    // waitForPod(podRunningAndReady): running and ready, or finished.
    let mut pod = created;
    for _ in 0..=60 {
        let Some(current) = ctx.cluster.store().get::<crate::engine::api::pod::Pod>(&key) else {
            return ctx.out.fail(format!("Error from server (NotFound): pods \"{name}\" not found\n"));
        };
        pod = current;
        let phase = pod.status.phase.as_deref().unwrap_or("");
        let ready = pod.status.conditions.iter().any(|c| c.type_ == "Ready" && c.status == "True");
        if matches!(phase, "Succeeded" | "Failed") || (phase == "Running" && ready) {
            break;
        }
        ctx.tick();
    }
    let phase = pod.status.phase.clone().unwrap_or_default();
    if phase == "Running" {
        let container = pod.spec.containers.first().cloned().unwrap_or_default();
        let shell = crate::engine::apps::lifetime(&container) == crate::engine::apps::Lifetime::Forever && container.extra.get("stdin").and_then(|v| v.as_bool()) == Some(true);
        if shell && stdin && tty {
            ctx.out.err("If you don't see a command prompt, try pressing enter.\n");
            crate::kubectl::exec::attach_session(ctx.cluster, &pod, &container, remove);
            return;
        }
        ctx.out.out(pod_logs(ctx.cluster, &pod));
        ctx.out.err(format!("kubeplay: pod/{name} keeps running; kubectl would stay attached until it ends (follow it with `kubectl logs -f {name}`)\n"));
        return;
    }
    if !matches!(phase.as_str(), "Succeeded" | "Failed") {
        if remove {
            delete_pod(ctx.cluster, &mut ctx.out, name, pod.metadata.ns());
        }
        return ctx.out.fail("error: timed out waiting for the condition\n");
    }
    ctx.out.out(pod_logs(ctx.cluster, &pod));
    finish_attached(ctx.cluster, &mut ctx.out, &pod, remove);
}

/// What `kubectl logs POD` prints of the attached pod (logOpts).
fn pod_logs(cluster: &mut Cluster, pod: &crate::engine::api::pod::Pod) -> String {
    let words: Vec<String> = ["logs", &pod.metadata.name, "-n", pod.metadata.ns()].iter().map(|w| w.to_string()).collect();
    crate::kubectl::run_words(cluster, &words, None).stdout
}

/// After an attached pod finished: `--rm` deletes it; a failed one is kubectl's error with its
/// container's exit code (uexec.CodeExitError).
pub fn finish_attached(cluster: &mut Cluster, out: &mut Out, pod: &crate::engine::api::pod::Pod, remove: bool) {
    if remove {
        delete_pod(cluster, out, &pod.metadata.name, pod.metadata.ns());
    }
    if pod.status.phase.as_deref() == Some("Failed") {
        let terminated = pod.status.container_statuses.first().and_then(|s| s.state.terminated.as_ref());
        let code = terminated.map_or(0, |t| t.exit_code);
        let reason = terminated.and_then(|t| t.reason.clone()).unwrap_or_default();
        // `terminated (%s)\n%s` with the container's (empty) message; fatal adds no newline then.
        out.fail(format!("pod {}/{} terminated ({reason})\n", pod.metadata.ns(), pod.metadata.name));
        if code != 0 {
            out.exit_code = code;
        }
    }
}

/// RunOptions.removeCreatedObjects: `kubectl delete pod NAME`, waiting as delete does.
fn delete_pod(cluster: &mut Cluster, out: &mut Out, name: &str, namespace: &str) {
    let words: Vec<String> = ["delete", "pod", name, "-n", namespace].iter().map(|w| w.to_string()).collect();
    let output = crate::kubectl::run_words(cluster, &words, None);
    out.out(output.stdout);
    if !output.stderr.is_empty() {
        out.err(output.stderr);
    }
}

/// The object as the generator built it, which a dry run prints (RunOptions.Run, ExposeServiceOptions.RunExpose):
/// a null creationTimestamp, the namespace only when `-n` gave one (the request carries it
/// otherwise), an empty status (`loadBalancer: {}` for a Service).
fn as_sent(mut raw: serde_json::Value, kind: Kind, explicit_namespace: bool) -> serde_json::Value {
    if let Some(metadata) = raw.get_mut("metadata").and_then(|m| m.as_object_mut()) {
        metadata.insert("creationTimestamp".into(), serde_json::Value::Null);
        if !explicit_namespace {
            metadata.remove("namespace");
        }
    }
    raw["status"] = match kind {
        Kind::Service => serde_json::json!({"loadBalancer": {}}),
        // autoscaling/v1's status counts have no omitempty.
        Kind::HorizontalPodAutoscaler => serde_json::json!({"currentReplicas": 0, "desiredReplicas": 0}),
        _ => serde_json::json!({}),
    };
    raw
}

/// Where each field of a generated Pod or Service comes in the Go structs, for `-o json` of a
/// dry run (TypeMeta, ObjectMeta, PodSpec, Container, ServiceSpec, ServicePort).
const SENT_FIELD_ORDER: &[&str] = &[
    "kind", "apiVersion", "metadata", "name", "namespace", "creationTimestamp", "labels", "annotations", "spec", "containers", "image", "command", "args", "ports", "containerPort",
    "protocol", "port", "targetPort", "nodePort", "env", "value", "resources", "imagePullPolicy", "restartPolicy", "dnsPolicy", "selector", "clusterIP", "type", "externalIPs", "sessionAffinity", "loadBalancerIP", "status",
    "loadBalancer",
];

pub(crate) fn create_generated(ctx: &mut Ctx, raw: serde_json::Value, kind: Kind, name: &str, parsed: &args::Parsed, output: Option<&str>, verb: &str) {
    let mut decoded = Vec::new();
    crate::yaml::decode_value(raw.clone(), 1, &mut decoded);
    let object = match decoded.pop() {
        Some(Ok(manifest)) => manifest.object,
        _ => return ctx.out.fail("error: could not build the object\n"),
    };
    let qualified = format!("{}/{name}", crate::kubectl::resources::of_kind(kind).qualified());
    if let Some(mode) = parsed.dry_run() {
        let suffix = crate::kubectl::args::dry_run_suffix(Some(mode));
        let raw = as_sent(raw, kind, parsed.has("namespace"));
        return match output {
            _ if print_flags::print_template(ctx, output, &raw) => {}
            Some("yaml") => ctx.out.out(crate::yaml::to_yaml(&raw)),
            Some("json") => ctx.out.out(format!("{}\n", crate::kubectl::apply::go_struct_json(&raw, SENT_FIELD_ORDER))),
            Some("name") => ctx.out.out(format!("{qualified}\n")),
            _ => ctx.out.out(format!("{qualified} {verb}{suffix}\n")),
        };
    }
    match crate::engine::apiserver::create_object(ctx.cluster, object) {
        Ok(created) => match output {
            _ if print_flags::print_template(ctx, output, &objects::to_json(&created)) => {}
            Some("yaml") => ctx.out.out(crate::yaml::to_yaml(&objects::to_json(&created))),
            Some("json") => ctx.out.out(format!("{}\n", crate::kubectl::get::to_json_pretty(&objects::to_json(&created)))),
            Some("name") => ctx.out.out(format!("{qualified}\n")),
            _ => ctx.out.out(format!("{qualified} {verb}\n")),
        },
        Err(error) => ctx.out.fail(crate::kubectl::error::render(&error, None)),
    }
}

const EXPOSE_FLAGS: &[FlagSpec] = &[
    value("port", None),
    value("target-port", None),
    value("type", None),
    value("name", None),
    value("protocol", None),
    value("selector", None),
    value("labels", Some('l')),
    value("external-ip", None),
    value("cluster-ip", None),
    args::DRY_RUN,
    value("output", Some('o')),
    value("filename", Some('f')),
    value("session-affinity", None),
    value("load-balancer-ip", None),
    value("overrides", None),
    value("override-type", None),
    value("template", None),
    boolean("allow-missing-template-keys", None),
    boolean("show-managed-fields", None),
];

/// `kubectl expose TYPE NAME --port=P [--target-port] [--type] [--name]`.
#[inline(never)]
pub fn expose(ctx: &mut Ctx, words: &[String]) {
    let parsed = match args::parse(words, EXPOSE_FLAGS) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "expose", &message),
    };
    let Ok(output) = print_flags::output_or_fail(ctx, &parsed) else { return };
    let ns = namespace(&parsed);
    let Some((found, _)) = crate::kubectl::mutate::targets(ctx, &parsed.positional, &ns) else { return };
    for (resource, object) in found {
        let (selector, template_ports, labels): (std::collections::BTreeMap<String, String>, Vec<i32>, _) = match &object {
            Obj::Deployment(d) => {
                let selector = d.spec.selector.clone().unwrap_or_default();
                if !selector.match_expressions.is_empty() {
                    ctx.out.fail(format!("error: couldn't retrieve selectors via --selector flag or introspection: the deployment \"{}\" has a set-based selector\n", d.metadata.name));
                    continue;
                }
                (selector.match_labels, d.spec.template.spec.containers.iter().flat_map(|c| c.ports.iter().map(|p| p.container_port)).collect(), d.metadata.labels.clone())
            }
            Obj::ReplicaSet(rs) => (rs.spec.selector.clone().unwrap_or_default().match_labels, rs.spec.template.spec.containers.iter().flat_map(|c| c.ports.iter().map(|p| p.container_port)).collect(), rs.metadata.labels.clone()),
            Obj::Pod(pod) => ((*pod.metadata.labels).clone(), pod.spec.containers.iter().flat_map(|c| c.ports.iter().map(|p| p.container_port)).collect(), pod.metadata.labels.clone()),
            Obj::Service(svc) => (svc.spec.selector.clone(), svc.spec.ports.iter().map(|p| p.port).collect(), svc.metadata.labels.clone()),
            _ => {
                ctx.out.fail(format!("error: cannot expose a {}\n", resource.kind.name()));
                continue;
            }
        };
        if selector.is_empty() {
            ctx.out.fail(format!("error: couldn't retrieve selectors via --selector flag or introspection: the {} has no selector\n", resource.singular));
            continue;
        }
        let ports: Vec<i32> = match parsed.get("port") {
            Some(port) => match port.parse::<i32>() {
                Ok(port) => vec![port],
                Err(_) => return ctx.out.fail(format!("error: invalid port: {port}\n")),
            },
            None if !template_ports.is_empty() => template_ports,
            // A headless Service needs no port (ExposeServiceOptions.RunExpose).
            None if parsed.get("cluster-ip") == Some("None") => Vec::new(),
            None => {
                ctx.out.fail("error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples\n");
                continue;
            }
        };
        let name = parsed.get("name").map(str::to_string).unwrap_or_else(|| objects::meta(&object).name.to_string());
        let protocol = parsed.get("protocol").unwrap_or("TCP").to_string();
        let multiple = ports.len() > 1;
        let spec_ports: Vec<serde_json::Value> = ports
            .iter()
            .enumerate()
            .map(|(index, port)| {
                let target = match parsed.get("target-port") {
                    Some(t) => t.parse::<i64>().map(serde_json::Value::from).unwrap_or_else(|_| serde_json::Value::String(t.to_string())),
                    None => serde_json::Value::from(*port),
                };
                let mut entry = serde_json::json!({"port": port, "protocol": protocol, "targetPort": target});
                if multiple {
                    entry["name"] = serde_json::Value::String(format!("port-{}", index + 1));
                }
                entry
            })
            .collect();
        let mut spec = serde_json::json!({"ports": spec_ports, "selector": selector});
        if spec["ports"].as_array().is_some_and(Vec::is_empty) {
            spec.as_object_mut().expect("an object").remove("ports");
        }
        // ServiceGeneratorV2.generate (generate/versioned/service.go), in its order.
        if let Some(ip) = parsed.get("external-ip").filter(|ip| !ip.is_empty()) {
            spec["externalIPs"] = serde_json::json!([ip]);
        }
        if let Some(type_) = parsed.get("type").filter(|t| !t.is_empty()) {
            spec["type"] = serde_json::Value::String(type_.to_string());
            if type_ == "LoadBalancer" {
                if let Some(ip) = parsed.get("load-balancer-ip").filter(|ip| !ip.is_empty()) {
                    spec["loadBalancerIP"] = serde_json::Value::String(ip.to_string());
                }
            }
        }
        match parsed.get("session-affinity").filter(|a| !a.is_empty()) {
            None => {}
            Some(affinity @ ("None" | "ClientIP")) => spec["sessionAffinity"] = serde_json::Value::String(affinity.to_string()),
            Some(other) => return ctx.out.fail(format!("error: unknown session affinity: {other}\n")),
        }
        if let Some(ip) = parsed.get("cluster-ip").filter(|ip| !ip.is_empty()) {
            spec["clusterIP"] = serde_json::Value::String(ip.to_string());
        }
        let mut service = serde_json::json!({
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"labels": labels, "name": name, "namespace": ns},
            "spec": spec,
        });
        if let Err(message) = apply_overrides(&mut service, &parsed) {
            return ctx.out.fail(format!("error: {message}\n"));
        }
        create_generated(ctx, service, Kind::Service, &name, &parsed, output.as_deref(), "exposed");
    }
}
