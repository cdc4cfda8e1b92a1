//! `kubectl describe` layouts, ported from kubectl's describers (pkg/describe/describe.go):
//! a prefix writer builds `\t`-separated lines, the tabwriter aligns them, and the Events table
//! is aligned on its own (the describers flush before it).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::engine::api::core::{ConfigMap, Event, Namespace, Node, Secret, Service, ServiceAccount};
use crate::engine::api::deployment::{Deployment, ReplicaSet, LAST_APPLIED_ANNOTATION};
use crate::engine::api::pod::{Container, ContainerState, ContainerStatus, Pod, PodTemplateSpec, Probe, Volume};
use crate::engine::clock::Time;
use crate::engine::events::events_for;
use crate::engine::store::{Kind, Obj};
use crate::engine::Cluster;
use crate::kubectl::printers::age::human_duration;
use crate::kubectl::printers::tabwriter::{align, DESCRIBE};
use crate::order::SharedSort;

const MAX_ANNOTATION_LEN: usize = 140;

/// The describe text of an object.
pub fn describe(cluster: &Cluster, object: &Obj) -> String {
    let now = cluster.time();
    match object {
        Obj::Deployment(d) => describe_deployment(cluster, d, now),
        Obj::ReplicaSet(rs) => describe_replica_set(cluster, rs, now),
        Obj::Pod(pod) => describe_pod(cluster, pod, now),
        Obj::Service(svc) => describe_service(cluster, svc, now),
        Obj::ConfigMap(cm) => describe_config_map(cluster, cm, now),
        Obj::Secret(secret) => describe_secret(cluster, secret, now),
        Obj::Namespace(ns) => describe_namespace(cluster, ns),
        Obj::Node(node) => describe_node(cluster, node, now),
        Obj::Endpoints(ep) => {
            let mut w = String::new();
            let _ = writeln!(w, "Name:\t{}", ep.metadata.name);
            let _ = writeln!(w, "Namespace:\t{}", ep.metadata.ns());
            labels_multiline(&mut w, "Labels", &ep.metadata.labels);
            annotations_multiline(&mut w, "Annotations", &ep.metadata.annotations);
            w.push_str("Subsets:\n");
            for subset in &ep.subsets {
                let ready: Vec<String> = subset.addresses.iter().map(|a| a.ip.clone()).collect();
                let not_ready: Vec<String> = subset.not_ready_addresses.iter().map(|a| a.ip.clone()).collect();
                let _ = writeln!(w, "  Addresses:\t{}", if ready.is_empty() { "<none>".into() } else { ready.join(",") });
                let _ = writeln!(w, "  NotReadyAddresses:\t{}", if not_ready.is_empty() { "<none>".into() } else { not_ready.join(",") });
                w.push_str("  Ports:\n    Name\tPort\tProtocol\n    ----\t----\t--------\n");
                for port in &subset.ports {
                    let _ = writeln!(w, "    {}\t{}\t{}", port.name.clone().unwrap_or_else(|| "<unset>".into()), port.port, port.protocol.clone().unwrap_or_default());
                }
                w.push('\n');
            }
            finish(w, &events_for(cluster, Kind::Endpoints, ep.metadata.ns(), &ep.metadata.name, &ep.metadata.uid), now)
        }
        Obj::Event(event) => format!("Name:\t{}\n", event.metadata.name),
        Obj::Job(job) => describe_job(cluster, job, now),
        Obj::StorageClass(class) => super::describe_storage::storage_class(cluster, class, now),
        Obj::PersistentVolumeClaim(claim) => super::describe_storage::claim(cluster, claim, now),
        Obj::PersistentVolume(volume) => super::describe_storage::volume(cluster, volume, now),
        Obj::Ingress(ingress) => super::describe_ingress::ingress(cluster, ingress, now),
        Obj::IngressClass(class) => super::describe_ingress::ingress_class(cluster, class, now),
        Obj::ServiceAccount(account) => describe_service_account(cluster, account, now),
        Obj::DaemonSet(ds) => super::describe_daemon_set::describe(cluster, ds, now),
        Obj::StatefulSet(sts) => super::describe_stateful_set::describe(cluster, sts, now),
        Obj::ReplicationController(rc) => super::describe_replication_controller::describe(cluster, rc, now),
        Obj::NetworkPolicy(policy) => super::describe_network_policy::describe(cluster, policy, now),
        Obj::PodDisruptionBudget(pdb) => super::describe_disruption_budget::describe(cluster, pdb, now),
        Obj::HorizontalPodAutoscaler(hpa) => super::describe_autoscaler::describe(cluster, hpa, now),
        Obj::LimitRange(range) => super::describe_quota::limit_range(range),
        Obj::ResourceQuota(quota) => super::describe_quota::resource_quota(quota),
        Obj::CronJob(cron_job) => super::describe_cron_job::describe(cluster, cron_job, now),
        Obj::Role(role) => super::describe_rbac::role(&role.metadata, &role.rules),
        Obj::ClusterRole(role) => super::describe_rbac::role(&role.metadata, &role.rules),
        Obj::RoleBinding(b) => super::describe_rbac::binding(&b.metadata, &b.role_ref, &b.subjects),
        Obj::ClusterRoleBinding(b) => super::describe_rbac::binding(&b.metadata, &b.role_ref, &b.subjects),
    }
}

/// Aligns the body, then appends the Events section aligned on its own.
pub(crate) fn finish(body: String, events: &[std::rc::Rc<Event>], now: Time) -> String {
    if events.is_empty() {
        return align(&format!("{body}Events:\t<none>\n"), DESCRIBE);
    }
    let mut out = align(&body, DESCRIBE);
    out.push_str(&describe_events(events, now));
    out
}

/// Mirrors `DescribeEvents`.
pub fn describe_events(events: &[std::rc::Rc<Event>], now: Time) -> String {
    let mut w = String::from("Events:\n  Type\tReason\tAge\tFrom\tMessage\n  ----\t------\t----\t----\t-------\n");
    for event in events {
        let first = event.first_timestamp.map(|t| human_duration(now.0 - t.0)).unwrap_or_else(|| "<unknown>".into());
        let interval = if event.count > 1 {
            let last = event.last_timestamp.map(|t| human_duration(now.0 - t.0)).unwrap_or_else(|| "<unknown>".into());
            format!("{last} (x{} over {first})", event.count)
        } else {
            first
        };
        let source = if event.source.component.is_empty() { event.reporting_component.clone() } else { event.source.component.clone() };
        let _ = writeln!(w, "  {}\t{}\t{}\t{}\t{}", event.type_, event.reason, interval, source, event.message.trim());
    }
    align(&w, DESCRIBE)
}

/// Mirrors `printLabelsMultilineWithIndent` with `initialIndent` "" and `innerIndent` "\t".
pub(crate) fn labels_multiline(w: &mut String, title: &str, labels: &BTreeMap<String, String>) {
    let _ = write!(w, "{title}:\t");
    if labels.is_empty() {
        w.push_str("<none>\n");
        return;
    }
    for (index, (key, value)) in labels.iter().enumerate() {
        if index != 0 {
            w.push('\t');
        }
        let _ = writeln!(w, "{key}={value}");
    }
}

/// Mirrors `printAnnotationsMultilineWithIndent` (last-applied is skipped; long values wrap).
pub(crate) fn annotations_multiline(w: &mut String, title: &str, annotations: &BTreeMap<String, String>) {
    let _ = write!(w, "{title}:\t");
    let keys: Vec<&String> = annotations.keys().filter(|k| *k != LAST_APPLIED_ANNOTATION).collect();
    if keys.is_empty() {
        w.push_str("<none>\n");
        return;
    }
    for (index, key) in keys.iter().enumerate() {
        if index != 0 {
            w.push('\t');
        }
        let value = annotations[*key].trim_end_matches('\n');
        if value.len() + key.len() + 2 > MAX_ANNOTATION_LEN || value.contains('\n') {
            let _ = writeln!(w, "{key}:");
            for line in value.split('\n') {
                let shortened = if line.len() > MAX_ANNOTATION_LEN - 2 { format!("{}...", &line[..line.char_indices().nth(MAX_ANNOTATION_LEN - 5).map_or(line.len(), |(i, _)| i)]) } else { line.to_string() };
                let _ = writeln!(w, "\t  {shortened}");
            }
        } else {
            let _ = writeln!(w, "{key}: {value}");
        }
    }
}

fn tolerations_multiline(w: &mut String, title: &str, tolerations: &[serde_json::Value]) {
    let _ = write!(w, "{title}:\t");
    if tolerations.is_empty() {
        w.push_str("<none>\n");
        return;
    }
    let mut sorted: Vec<&serde_json::Value> = tolerations.iter().collect();
    sorted.shared_sort_by_key(|t| t.get("key").and_then(|k| k.as_str()).unwrap_or("").to_string());
    for (index, toleration) in sorted.iter().enumerate() {
        if index != 0 {
            w.push('\t');
        }
        let field = |name: &str| toleration.get(name).and_then(|v| v.as_str()).unwrap_or("").to_string();
        let (key, value, effect, operator) = (field("key"), field("value"), field("effect"), field("operator"));
        w.push_str(&key);
        if !value.is_empty() {
            let _ = write!(w, "={value}");
        }
        if !effect.is_empty() {
            let _ = write!(w, ":{effect}");
        }
        if operator == "Exists" && value.is_empty() {
            w.push_str(if !key.is_empty() || !effect.is_empty() { " op=Exists" } else { "op=Exists" });
        }
        if let Some(seconds) = toleration.get("tolerationSeconds").and_then(|v| v.as_i64()) {
            let _ = write!(w, " for {seconds}s");
        }
        w.push('\n');
    }
}

fn ports_text(container: &Container, host: bool) -> String {
    container
        .ports
        .iter()
        .map(|p| format!("{}/{}", if host { p.host_port.unwrap_or(0) } else { p.container_port }, p.protocol.clone().unwrap_or_else(|| "TCP".into())))
        .collect::<Vec<_>>()
        .join(", ")
}

fn or_none(text: String) -> String {
    if text.is_empty() {
        "<none>".into()
    } else {
        text
    }
}

fn bool_word(value: bool) -> &'static str {
    if value {
        "True"
    } else {
        "False"
    }
}

/// Mirrors `DescribeProbe`.
fn describe_probe(probe: &Probe) -> String {
    let attrs = format!(
        "delay={}s timeout={}s period={}s #success={} #failure={}",
        probe.initial_delay_seconds.unwrap_or(0),
        probe.timeout_seconds.unwrap_or(1),
        probe.period_seconds.unwrap_or(10),
        probe.success_threshold.unwrap_or(1),
        probe.failure_threshold.unwrap_or(3)
    );
    if let Some(exec) = &probe.exec {
        let command: Vec<String> = exec.get("command").and_then(|c| c.as_array()).map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()).unwrap_or_default();
        return format!("exec [{}] {attrs}", command.join(" "));
    }
    if let Some(http) = &probe.http_get {
        let scheme = http.scheme.clone().unwrap_or_else(|| "HTTP".into()).to_ascii_lowercase();
        let host = http.host.clone().unwrap_or_default();
        return format!("http-get {scheme}://{host}:{}{} {attrs}", http.port.display(), http.path.clone().unwrap_or_default());
    }
    if let Some(tcp) = &probe.tcp_socket {
        let port = tcp.get("port").map(|p| p.as_str().map(str::to_string).unwrap_or_else(|| p.to_string())).unwrap_or_default();
        let host = tcp.get("host").and_then(|h| h.as_str()).unwrap_or("");
        return format!("tcp-socket {host}:{port} {attrs}");
    }
    format!("unknown {attrs}")
}

fn describe_state(w: &mut String, name: &str, state: &ContainerState) {
    if let Some(running) = &state.running {
        let _ = writeln!(w, "    {name}:\tRunning");
        let _ = writeln!(w, "      Started:\t{}", running.started_at.map(|t| t.rfc1123z()).unwrap_or_default());
    } else if let Some(waiting) = &state.waiting {
        let _ = writeln!(w, "    {name}:\tWaiting");
        if let Some(reason) = waiting.reason.as_deref().filter(|r| !r.is_empty()) {
            let _ = writeln!(w, "      Reason:\t{reason}");
        }
    } else if let Some(terminated) = &state.terminated {
        let _ = writeln!(w, "    {name}:\tTerminated");
        if let Some(reason) = terminated.reason.as_deref().filter(|r| !r.is_empty()) {
            let _ = writeln!(w, "      Reason:\t{reason}");
        }
        if let Some(message) = terminated.message.as_deref().filter(|m| !m.is_empty()) {
            let _ = writeln!(w, "      Message:\t{message}");
        }
        let _ = writeln!(w, "      Exit Code:\t{}", terminated.exit_code);
        let _ = writeln!(w, "      Started:\t{}", terminated.started_at.map(|t| t.rfc1123z()).unwrap_or_default());
        let _ = writeln!(w, "      Finished:\t{}", terminated.finished_at.map(|t| t.rfc1123z()).unwrap_or_default());
    } else {
        let _ = writeln!(w, "    {name}:\tWaiting");
    }
}

/// Mirrors `describeContainers` (template: `space` "  ", pod: "").
fn describe_containers(w: &mut String, label: &str, containers: &[Container], statuses: &[ContainerStatus], space: &str) {
    let _ = writeln!(w, "{space}{label}:");
    let name_indent = if space.is_empty() { "" } else { " " };
    for container in containers {
        let status = statuses.iter().find(|s| s.name == container.name);
        let _ = writeln!(w, "  {name_indent}{}:", container.name);
        if let Some(status) = status {
            let _ = writeln!(w, "    Container ID:\t{}", status.container_id.clone().unwrap_or_default());
        }
        let _ = writeln!(w, "    Image:\t{}", container.image.clone().unwrap_or_default());
        if let Some(status) = status {
            let _ = writeln!(w, "    Image ID:\t{}", status.image_id);
        }
        let ports = ports_text(container, false);
        if ports.contains(',') {
            let _ = writeln!(w, "    Ports:\t{ports}");
        } else {
            let _ = writeln!(w, "    Port:\t{}", or_none(ports));
        }
        let host_ports = ports_text(container, true);
        if host_ports.contains(',') {
            let _ = writeln!(w, "    Host Ports:\t{host_ports}");
        } else {
            let _ = writeln!(w, "    Host Port:\t{}", or_none(host_ports));
        }
        if !container.command.is_empty() {
            w.push_str("    Command:\n");
            for part in &container.command {
                for line in part.split('\n') {
                    let _ = writeln!(w, "      {line}");
                }
            }
        }
        if !container.args.is_empty() {
            w.push_str("    Args:\n");
            for part in &container.args {
                for line in part.split('\n') {
                    let _ = writeln!(w, "      {line}");
                }
            }
        }
        if let Some(status) = status {
            describe_state(w, "State", &status.state);
            if status.last_state.terminated.is_some() {
                describe_state(w, "Last State", &status.last_state);
            }
            let _ = writeln!(w, "    Ready:\t{}", bool_word(status.ready));
            let _ = writeln!(w, "    Restart Count:\t{}", status.restart_count);
        }
        if let Some(resources) = &container.resources {
            for (title, map) in [("Limits", &resources.limits), ("Requests", &resources.requests)] {
                if !map.is_empty() {
                    let _ = writeln!(w, "    {title}:");
                    for (name, value) in map {
                        let text = value.as_str().map(str::to_string).unwrap_or_else(|| value.to_string());
                        let _ = writeln!(w, "      {name}:\t{text}");
                    }
                }
            }
        }
        if let Some(probe) = &container.liveness_probe {
            let _ = writeln!(w, "    Liveness:\t{}", describe_probe(probe));
        }
        if let Some(probe) = &container.readiness_probe {
            let _ = writeln!(w, "    Readiness:\t{}", describe_probe(probe));
        }
        if let Some(probe) = &container.startup_probe {
            let _ = writeln!(w, "    Startup:\t{}", describe_probe(probe));
        }
        if !container.env_from.is_empty() {
            w.push_str("    Environment Variables from:\n");
            for source in &container.env_from {
                let (name, from, optional) = match (&source.config_map_ref, &source.secret_ref) {
                    (Some(r), _) => (r.name.clone(), "ConfigMap", r.optional.unwrap_or(false)),
                    (_, Some(r)) => (r.name.clone(), "Secret", r.optional.unwrap_or(false)),
                    _ => (String::new(), "", false),
                };
                match source.prefix.as_deref().filter(|p| !p.is_empty()) {
                    None => {
                        let _ = writeln!(w, "      {name}\t{from}\tOptional: {optional}");
                    }
                    Some(prefix) => {
                        let _ = writeln!(w, "      {name}\t{from} with prefix '{prefix}'\tOptional: {optional}");
                    }
                }
            }
        }
        if container.env.is_empty() {
            w.push_str("    Environment:\t<none>\n");
        } else {
            w.push_str("    Environment:\n");
        }
        for env in &container.env {
            match &env.value_from {
                None => {
                    for (index, line) in env.value.clone().unwrap_or_default().split('\n').enumerate() {
                        if index == 0 {
                            let _ = writeln!(w, "      {}:\t{line}", env.name);
                        } else {
                            let _ = writeln!(w, "      \t{line}");
                        }
                    }
                }
                Some(source) => {
                    if let Some(r) = &source.secret_key_ref {
                        let _ = writeln!(w, "      {}:\t<set to the key '{}' in secret '{}'>\tOptional: {}", env.name, r.key, r.name, r.optional.unwrap_or(false));
                    } else if let Some(r) = &source.config_map_key_ref {
                        let _ = writeln!(w, "      {}:\t<set to the key '{}' of config map '{}'>\tOptional: {}", env.name, r.key, r.name, r.optional.unwrap_or(false));
                    } else if let Some(field) = &source.field_ref {
                        let api = field.get("apiVersion").and_then(|v| v.as_str()).unwrap_or("v1");
                        let path = field.get("fieldPath").and_then(|v| v.as_str()).unwrap_or("");
                        let _ = writeln!(w, "      {}:\t ({api}:{path})", env.name);
                    }
                }
            }
        }
        let mut mounts = container.volume_mounts.clone();
        mounts.shared_sort_by(|a, b| a.mount_path.cmp(&b.mount_path));
        if mounts.is_empty() {
            w.push_str("    Mounts:\t<none>\n");
        } else {
            w.push_str("    Mounts:\n");
        }
        for mount in &mounts {
            let mut flags = vec![if mount.read_only == Some(true) { "ro".to_string() } else { "rw".to_string() }];
            if let Some(sub) = mount.sub_path.as_deref().filter(|s| !s.is_empty()) {
                flags.push(format!("path={sub:?}"));
            }
            let _ = writeln!(w, "      {} from {} ({})", mount.mount_path, mount.name, flags.join(","));
        }
    }
}

/// Mirrors `describeVolumes`.
fn describe_volumes(w: &mut String, volumes: &[Volume], space: &str) {
    if volumes.is_empty() {
        let _ = writeln!(w, "{space}Volumes:\t<none>");
        return;
    }
    let _ = writeln!(w, "{space}Volumes:");
    let name_indent = if space.is_empty() { "" } else { " " };
    for volume in volumes {
        let _ = writeln!(w, "  {name_indent}{}:", volume.name);
        if let Some(cm) = &volume.config_map {
            let _ = writeln!(w, "    Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t{}\n    Optional:\t{}", cm.name, cm.optional.unwrap_or(false));
        } else if let Some(secret) = &volume.secret {
            let _ = writeln!(w, "    Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t{}\n    Optional:\t{}", secret.secret_name, secret.optional.unwrap_or(false));
        } else if let Some(projected) = volume.extra.get("projected") {
            w.push_str("    Type:\tProjected (a volume that contains injected data from multiple sources)\n");
            for source in projected.get("sources").and_then(|s| s.as_array()).into_iter().flatten() {
                if let Some(token) = source.get("serviceAccountToken") {
                    let _ = writeln!(w, "    TokenExpirationSeconds:\t{}", token.get("expirationSeconds").and_then(|v| v.as_i64()).unwrap_or(3607));
                } else if let Some(cm) = source.get("configMap") {
                    let optional = cm.get("optional").and_then(|v| v.as_bool()).map_or("<nil>".to_string(), |b| b.to_string());
                    let _ = writeln!(w, "    ConfigMapName:\t{}\n    ConfigMapOptional:\t{optional}", cm.get("name").and_then(|v| v.as_str()).unwrap_or(""));
                } else if source.get("downwardAPI").is_some() {
                    w.push_str("    DownwardAPI:\ttrue\n");
                }
            }
        } else if let Some(empty_dir) = volume.extra.get("emptyDir") {
            let medium = empty_dir.get("medium").and_then(|v| v.as_str()).unwrap_or("");
            let limit = empty_dir.get("sizeLimit").and_then(|v| v.as_str()).unwrap_or("<unset>");
            let _ = writeln!(w, "    Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t{medium}\n    SizeLimit:\t{limit}");
        } else if let Some(host_path) = volume.extra.get("hostPath") {
            let path = host_path.get("path").and_then(|v| v.as_str()).unwrap_or("");
            let type_ = host_path.get("type").and_then(|v| v.as_str()).unwrap_or("");
            let _ = writeln!(w, "    Type:\tHostPath (bare host directory volume)\n    Path:\t{path}\n    HostPathType:\t{type_}");
        } else if let Some(claim) = volume.extra.get("persistentVolumeClaim") {
            let name = claim.get("claimName").and_then(|v| v.as_str()).unwrap_or("");
            let read_only = claim.get("readOnly").and_then(|v| v.as_bool()).unwrap_or(false);
            let _ = writeln!(w, "    Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t{name}\n    ReadOnly:\t{read_only}");
        } else {
            let kind = volume.extra.keys().next().cloned().unwrap_or_default();
            let _ = writeln!(w, "    Type:\t{kind}");
        }
    }
}

/// Mirrors `DescribePodTemplate` into a prefix-writer buffer.
pub(crate) fn pod_template(w: &mut String, template: &PodTemplateSpec) {
    w.push_str("Pod Template:\n");
    labels_multiline(w, "  Labels", &template.metadata.labels);
    if !template.metadata.annotations.is_empty() {
        annotations_multiline(w, "  Annotations", &template.metadata.annotations);
    }
    if let Some(account) = template.spec.service_account_name.as_deref().filter(|s| !s.is_empty()) {
        let _ = writeln!(w, "  Service Account:\t{account}");
    }
    if !template.spec.init_containers.is_empty() {
        describe_containers(w, "Init Containers", &template.spec.init_containers, &[], "  ");
    }
    describe_containers(w, "Containers", &template.spec.containers, &[], "  ");
    describe_volumes(w, &template.spec.volumes, "  ");
    if let Some(class) = template.spec.extra.get("priorityClassName").and_then(|v| v.as_str()) {
        let _ = writeln!(w, "  Priority Class Name:\t{class}");
    }
    labels_multiline(w, "  Node-Selectors", &template.spec.node_selector);
    tolerations_multiline(w, "  Tolerations", &template.spec.tolerations);
}

/// The pod template as `rollout history --revision` prints it: raw tabs, no alignment.
pub fn pod_template_raw(template: &PodTemplateSpec) -> String {
    let mut w = String::new();
    pod_template(&mut w, template);
    w
}


/// `name (ready/desired replicas created)` list, as `printReplicaSetsByLabels`.
fn replica_sets_text(list: &[std::rc::Rc<ReplicaSet>]) -> String {
    let parts: Vec<String> = list.iter().map(|rs| format!("{} ({}/{} replicas created)", rs.metadata.name, rs.status.replicas, rs.spec.replicas.unwrap_or(0))).collect();
    if parts.is_empty() {
        "<none>".into()
    } else {
        parts.join(",")
    }
}

fn describe_deployment(cluster: &Cluster, d: &Deployment, now: Time) -> String {
    let mut w = String::new();
    let _ = writeln!(w, "Name:\t{}", d.metadata.name);
    let _ = writeln!(w, "Namespace:\t{}", d.metadata.ns());
    let _ = writeln!(w, "CreationTimestamp:\t{}", d.metadata.creation_timestamp.map(|t| t.rfc1123z()).unwrap_or_default());
    labels_multiline(&mut w, "Labels", &d.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &d.metadata.annotations);
    let _ = writeln!(w, "Selector:\t{}", d.spec.selector.clone().unwrap_or_default().display());
    let _ = writeln!(
        w,
        "Replicas:\t{} desired | {} updated | {} total | {} available | {} unavailable",
        d.replicas(),
        d.status.updated_replicas,
        d.status.replicas,
        d.status.available_replicas,
        d.status.unavailable_replicas
    );
    let _ = writeln!(w, "StrategyType:\t{}", d.spec.strategy.type_.clone().unwrap_or_default());
    let _ = writeln!(w, "MinReadySeconds:\t{}", d.min_ready_seconds());
    if let Some(rolling) = &d.spec.strategy.rolling_update {
        let show = |v: &Option<crate::engine::api::intstr::IntOrString>| v.as_ref().map(|v| v.display()).unwrap_or_else(|| "0".into());
        let _ = writeln!(w, "RollingUpdateStrategy:\t{} max unavailable, {} max surge", show(&rolling.max_unavailable), show(&rolling.max_surge));
    }
    pod_template(&mut w, &d.spec.template);
    if !d.status.conditions.is_empty() {
        w.push_str("Conditions:\n  Type\tStatus\tReason\n  ----\t------\t------\n");
        for c in &d.status.conditions {
            let _ = writeln!(w, "  {} \t{}\t{}", c.type_, c.status, c.reason.clone().unwrap_or_default());
        }
    }
    let all = crate::engine::objects::replica_sets_of(cluster, d);
    let new_rs = crate::engine::controllers::deployment::util::find_new_replica_set(d, &all);
    let old: Vec<_> = all.iter().filter(|rs| new_rs.as_ref().is_none_or(|n| n.metadata.uid != rs.metadata.uid)).cloned().collect();
    let _ = writeln!(w, "OldReplicaSets:\t{}", replica_sets_text(&old));
    let _ = writeln!(w, "NewReplicaSet:\t{}", replica_sets_text(&new_rs.into_iter().collect::<Vec<_>>()));
    finish(w, &events_for(cluster, Kind::Deployment, d.metadata.ns(), &d.metadata.name, &d.metadata.uid), now)
}

fn controlled_by(meta: &crate::engine::api::meta::ObjectMeta) -> Option<String> {
    meta.controller_ref().map(|r| format!("{}/{}", r.kind, r.name))
}

/// Mirrors `getPodStatusForController` (pkg/describe/describe.go): the phases of the pods the
/// selector matches whose controller is the object with `uid` (orphans and other controllers'
/// pods skipped), as the `Pods Status` line prints them. A missing selector matches nothing,
/// as `LabelSelectorAsSelector(nil)` does.
pub(crate) fn pod_status_for_controller(cluster: &Cluster, selector: Option<&crate::engine::api::selector::LabelSelector>, uid: &str) -> String {
    let (mut running, mut waiting, mut succeeded, mut failed) = (0, 0, 0, 0);
    for pod in cluster.store().pods_owned_by(uid) {
        if !selector.is_some_and(|s| s.matches(&pod.metadata.labels)) {
            continue;
        }
        match pod.phase() {
            "Running" => running += 1,
            "Pending" => waiting += 1,
            "Succeeded" => succeeded += 1,
            "Failed" => failed += 1,
            _ => {}
        }
    }
    format!("{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed")
}

fn describe_replica_set(cluster: &Cluster, rs: &ReplicaSet, now: Time) -> String {
    let mut w = String::new();
    let _ = writeln!(w, "Name:\t{}", rs.metadata.name);
    let _ = writeln!(w, "Namespace:\t{}", rs.metadata.ns());
    let _ = writeln!(w, "Selector:\t{}", rs.spec.selector.clone().unwrap_or_default().display());
    labels_multiline(&mut w, "Labels", &rs.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &rs.metadata.annotations);
    if let Some(owner) = controlled_by(&rs.metadata) {
        let _ = writeln!(w, "Controlled By:\t{owner}");
    }
    let _ = writeln!(w, "Replicas:\t{} current / {} desired", rs.status.replicas, rs.spec.replicas.unwrap_or(0));
    let _ = writeln!(w, "Pods Status:\t{}", pod_status_for_controller(cluster, rs.spec.selector.as_ref(), &rs.metadata.uid));
    pod_template(&mut w, &rs.spec.template);
    finish(w, &events_for(cluster, Kind::ReplicaSet, rs.metadata.ns(), &rs.metadata.name, &rs.metadata.uid), now)
}

/// Mirrors `describeJob` (kubectl pkg/describe/describe.go).
fn describe_job(cluster: &Cluster, job: &crate::engine::api::job::Job, now: Time) -> String {
    let mut w = String::new();
    let _ = writeln!(w, "Name:\t{}", job.metadata.name);
    let _ = writeln!(w, "Namespace:\t{}", job.metadata.ns());
    let _ = writeln!(w, "Selector:\t{}", job.spec.selector.clone().unwrap_or_default().display());
    labels_multiline(&mut w, "Labels", &job.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &job.metadata.annotations);
    if let Some(owner) = controlled_by(&job.metadata) {
        let _ = writeln!(w, "Controlled By:\t{owner}");
    }
    let _ = writeln!(w, "Parallelism:\t{}", job.parallelism());
    match job.spec.completions {
        Some(completions) => {
            let _ = writeln!(w, "Completions:\t{completions}");
        }
        None => w.push_str("Completions:\t<unset>\n"),
    }
    if let Some(mode) = &job.spec.completion_mode {
        let _ = writeln!(w, "Completion Mode:\t{mode}");
    }
    if let Some(suspend) = job.spec.suspend {
        let _ = writeln!(w, "Suspend:\t{suspend}");
    }
    if let Some(limit) = job.spec.backoff_limit {
        let _ = writeln!(w, "Backoff Limit:\t{limit}");
    }
    if let Some(ttl) = job.spec.ttl_seconds_after_finished {
        let _ = writeln!(w, "TTL Seconds After Finished:\t{ttl}");
    }
    if let Some(start) = job.status.start_time {
        let _ = writeln!(w, "Start Time:\t{}", start.rfc1123z());
    }
    if let Some(end) = job.status.completion_time {
        let _ = writeln!(w, "Completed At:\t{}", end.rfc1123z());
    }
    if let (Some(start), Some(end)) = (job.status.start_time, job.status.completion_time) {
        let _ = writeln!(w, "Duration:\t{}", human_duration(end.0 - start.0));
    }
    if let Some(seconds) = job.spec.active_deadline_seconds {
        let _ = writeln!(w, "Active Deadline Seconds:\t{seconds}s");
    }
    let status = &job.status;
    match status.ready {
        None => {
            let _ = writeln!(w, "Pods Statuses:\t{} Active / {} Succeeded / {} Failed", status.active, status.succeeded, status.failed);
        }
        Some(ready) => {
            let _ = writeln!(w, "Pods Statuses:\t{} Active ({ready} Ready) / {} Succeeded / {} Failed", status.active, status.succeeded, status.failed);
        }
    }
    if job.spec.completion_mode.as_deref() == Some("Indexed") {
        // capIndexesListOrNone: cut at the first comma after 50 characters.
        let indexes = job.status.completed_indexes.as_deref().unwrap_or("");
        let shown = match indexes {
            "" => "<none>".to_string(),
            text => match text.char_indices().skip(50).find(|(_, c)| *c == ',') {
                Some((at, _)) => format!("{}...", &text[..=at]),
                None => text.to_string(),
            },
        };
        let _ = writeln!(w, "Completed Indexes:\t{shown}");
    }
    pod_template(&mut w, &job.spec.template);
    finish(w, &events_for(cluster, Kind::Job, job.metadata.ns(), &job.metadata.name, &job.metadata.uid), now)
}

fn describe_pod(cluster: &Cluster, pod: &Pod, now: Time) -> String {
    let mut w = String::new();
    let _ = writeln!(w, "Name:\t{}", pod.metadata.name);
    let _ = writeln!(w, "Namespace:\t{}", pod.metadata.ns());
    if let Some(priority) = pod.spec.priority {
        let _ = writeln!(w, "Priority:\t{priority}");
    }
    if let Some(account) = pod.spec.service_account_name.as_deref().filter(|s| !s.is_empty()) {
        let _ = writeln!(w, "Service Account:\t{account}");
    }
    match &pod.spec.node_name {
        None => w.push_str("Node:\t<none>\n"),
        Some(node) => {
            let _ = writeln!(w, "Node:\t{node}/{}", pod.status.host_ip.clone().unwrap_or_default());
        }
    }
    if let Some(start) = pod.status.start_time {
        let _ = writeln!(w, "Start Time:\t{}", start.rfc1123z());
    }
    labels_multiline(&mut w, "Labels", &pod.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &pod.metadata.annotations);
    if let (Some(deletion), false) = (pod.metadata.deletion_timestamp, matches!(pod.phase(), "Failed" | "Succeeded")) {
        let _ = writeln!(w, "Status:\tTerminating (lasts {})", human_duration(now.0 - deletion.0));
        let _ = writeln!(w, "Termination Grace Period:\t{}s", pod.metadata.deletion_grace_period_seconds.unwrap_or(0));
    } else {
        let _ = writeln!(w, "Status:\t{}", pod.phase());
    }
    if let Some(reason) = pod.status.reason.as_deref().filter(|r| !r.is_empty()) {
        let _ = writeln!(w, "Reason:\t{reason}");
    }
    if let Some(message) = pod.status.message.as_deref().filter(|m| !m.is_empty()) {
        let _ = writeln!(w, "Message:\t{message}");
    }
    let _ = writeln!(w, "IP:\t{}", pod.status.pod_ip.clone().unwrap_or_default());
    if pod.status.pod_ips.is_empty() {
        w.push_str("IPs:\t<none>\n");
    } else {
        w.push_str("IPs:\n");
        for ip in &pod.status.pod_ips {
            let _ = writeln!(w, "  IP:\t{}", ip.ip);
        }
    }
    if let Some(owner) = controlled_by(&pod.metadata) {
        let _ = writeln!(w, "Controlled By:\t{owner}");
    }
    if !pod.spec.init_containers.is_empty() {
        describe_containers(&mut w, "Init Containers", &pod.spec.init_containers, &pod.status.init_container_statuses, "");
    }
    describe_containers(&mut w, "Containers", &pod.spec.containers, &pod.status.container_statuses, "");
    let ephemeral = pod.spec.ephemeral_containers();
    if !ephemeral.is_empty() {
        describe_containers(&mut w, "Ephemeral Containers", &ephemeral, &pod.status.ephemeral_container_statuses, "");
    }
    if !pod.status.conditions.is_empty() {
        w.push_str("Conditions:\n  Type\tStatus\n");
        for c in &pod.status.conditions {
            let _ = writeln!(w, "  {} \t{} ", c.type_, c.status);
        }
    }
    describe_volumes(&mut w, &pod.spec.volumes, "");
    let _ = writeln!(w, "QoS Class:\t{}", pod.status.qos_class.clone().unwrap_or_else(|| "BestEffort".into()));
    labels_multiline(&mut w, "Node-Selectors", &pod.spec.node_selector);
    tolerations_multiline(&mut w, "Tolerations", &pod.spec.tolerations);
    finish(w, &events_for(cluster, Kind::Pod, pod.metadata.ns(), &pod.metadata.name, &pod.metadata.uid), now)
}

fn describe_service(cluster: &Cluster, svc: &Service, now: Time) -> String {
    let mut w = String::new();
    let _ = writeln!(w, "Name:\t{}", svc.metadata.name);
    let _ = writeln!(w, "Namespace:\t{}", svc.metadata.ns());
    labels_multiline(&mut w, "Labels", &svc.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &svc.metadata.annotations);
    let selector = if svc.spec.selector.is_empty() { "<none>".to_string() } else { crate::engine::api::meta::format_labels(&svc.spec.selector) };
    let _ = writeln!(w, "Selector:\t{selector}");
    let _ = writeln!(w, "Type:\t{}", svc.spec.type_.clone().unwrap_or_default());
    if let Some(policy) = &svc.spec.ip_family_policy {
        let _ = writeln!(w, "IP Family Policy:\t{policy}");
    }
    let families = if svc.spec.ip_families.is_empty() { "<none>".to_string() } else { svc.spec.ip_families.join(",") };
    let _ = writeln!(w, "IP Families:\t{families}");
    let _ = writeln!(w, "IP:\t{}", svc.spec.cluster_ip.clone().unwrap_or_default());
    let ips = if svc.spec.cluster_ips.is_empty() { "<none>".to_string() } else { svc.spec.cluster_ips.join(",") };
    let _ = writeln!(w, "IPs:\t{ips}");
    if !svc.spec.external_ips.is_empty() {
        let _ = writeln!(w, "External IPs:\t{}", svc.spec.external_ips.join(","));
    }
    if let Some(name) = &svc.spec.external_name {
        let _ = writeln!(w, "External Name:\t{name}");
    }
    let endpoints = cluster.store().endpoints.get(&crate::engine::store::Key::of(&svc.metadata, true)).cloned();
    for port in &svc.spec.ports {
        let name = port.name.clone().filter(|n| !n.is_empty()).unwrap_or_else(|| "<unset>".into());
        let protocol = port.protocol.clone().unwrap_or_else(|| "TCP".into());
        let _ = writeln!(w, "Port:\t{name}\t{}/{protocol}", port.port);
        let target = port.target_port.clone().map(|t| t.display()).unwrap_or_else(|| port.port.to_string());
        let _ = writeln!(w, "TargetPort:\t{target}/{protocol}");
        if let Some(node_port) = port.node_port.filter(|p| *p != 0) {
            let _ = writeln!(w, "NodePort:\t{name}\t{node_port}/{protocol}");
        }
        // Mirrors formatEndpointSlices: ready addresses with this port, three at most.
        let mut list = Vec::new();
        if let Some(ep) = &endpoints {
            for subset in &ep.subsets {
                let number = subset.ports.iter().find(|p| p.name == port.name || subset.ports.len() == 1).map(|p| p.port);
                if let Some(number) = number {
                    for address in &subset.addresses {
                        list.push(format!("{}:{number}", address.ip));
                    }
                }
            }
        }
        let text = if list.is_empty() {
            "<none>".to_string()
        } else if list.len() > 3 {
            format!("{} + {} more...", list[..3].join(","), list.len() - 3)
        } else {
            list.join(",")
        };
        let _ = writeln!(w, "Endpoints:\t{text}");
    }
    let _ = writeln!(w, "Session Affinity:\t{}", svc.spec.session_affinity.clone().unwrap_or_else(|| "None".into()));
    if let Some(policy) = &svc.spec.internal_traffic_policy {
        let _ = writeln!(w, "Internal Traffic Policy:\t{policy}");
    }
    if let Some(policy) = &svc.spec.external_traffic_policy {
        let _ = writeln!(w, "External Traffic Policy:\t{policy}");
    }
    finish(w, &events_for(cluster, Kind::Service, svc.metadata.ns(), &svc.metadata.name, &svc.metadata.uid), now)
}

/// Mirrors `ServiceAccountDescriber.Describe` and `describeServiceAccount` of kubectl 1.32: the
/// image pull secrets, mountable secrets and token Secrets (type service-account-token, naming
/// this account by name and UID) under headers in sorted order, a listed secret that does not
/// exist marked `(not found)`.
fn describe_service_account(cluster: &Cluster, account: &ServiceAccount, now: Time) -> String {
    let namespace = account.metadata.ns();
    let secrets: Vec<&std::rc::Rc<Secret>> = cluster.store().secrets.in_namespace(namespace).collect();
    let tokens: Vec<String> = secrets
        .iter()
        .filter(|s| s.type_.as_deref() == Some("kubernetes.io/service-account-token"))
        .filter(|s| {
            let annotation = |key: &str| s.metadata.annotations.get(key).map(String::as_str);
            annotation("kubernetes.io/service-account.name") == Some(&*account.metadata.name) && annotation("kubernetes.io/service-account.uid") == Some(&*account.metadata.uid)
        })
        .map(|s| s.metadata.name.to_string())
        .collect();
    let exists = |name: &str| secrets.iter().any(|s| *s.metadata.name == *name);
    let names = |list: Vec<Option<&str>>| list.into_iter().map(|n| n.unwrap_or_default().to_string()).collect::<Vec<String>>();
    let pull = names(account.image_pull_secrets.iter().map(|s| s.name.as_deref()).collect());
    let mountable = names(account.secrets.iter().map(|s| s.name.as_deref()).collect());
    let missing: Vec<&String> = mountable.iter().chain(&pull).filter(|name| !exists(name)).collect();
    let mut w = String::new();
    let _ = writeln!(w, "Name:\t{}", account.metadata.name);
    let _ = writeln!(w, "Namespace:\t{namespace}");
    labels_multiline(&mut w, "Labels", &account.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &account.metadata.annotations);
    for (header, list) in [("Image pull secrets:", &pull), ("Mountable secrets: ", &mountable), ("Tokens:            ", &tokens)] {
        if list.is_empty() {
            let _ = writeln!(w, "{header}\t<none>");
        }
        let mut prefix = header;
        for name in list {
            let _ = writeln!(w, "{prefix}\t{name}{}", if missing.contains(&name) { " (not found)" } else { "" });
            prefix = "                   ";
        }
    }
    finish(w, &events_for(cluster, Kind::ServiceAccount, namespace, &account.metadata.name, &account.metadata.uid), now)
}

fn describe_config_map(cluster: &Cluster, cm: &ConfigMap, now: Time) -> String {
    let mut w = String::new();
    let _ = writeln!(w, "Name:\t{}", cm.metadata.name);
    let _ = writeln!(w, "Namespace:\t{}", cm.metadata.ns());
    labels_multiline(&mut w, "Labels", &cm.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &cm.metadata.annotations);
    let mut out = align(&w, DESCRIBE);
    out.push_str("\nData\n====\n");
    for (key, value) in &cm.data {
        let _ = write!(out, "{key}:\n----\n{value}\n\n");
    }
    out.push_str("\nBinaryData\n====\n");
    for (key, value) in &cm.binary_data {
        let _ = writeln!(out, "{key}: {} bytes", crate::engine::base64::decode(value).map_or(0, |b| b.len()));
    }
    out.push('\n');
    let events = events_for(cluster, Kind::ConfigMap, cm.metadata.ns(), &cm.metadata.name, &cm.metadata.uid);
    if events.is_empty() {
        out.push_str("Events:  <none>\n");
    } else {
        out.push_str(&describe_events(&events, now));
    }
    out
}

fn describe_secret(cluster: &Cluster, secret: &Secret, now: Time) -> String {
    let mut w = String::new();
    let _ = writeln!(w, "Name:\t{}", secret.metadata.name);
    let _ = writeln!(w, "Namespace:\t{}", secret.metadata.ns());
    labels_multiline(&mut w, "Labels", &secret.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &secret.metadata.annotations);
    w.push('\n');
    let _ = writeln!(w, "Type:\t{}", secret.type_.clone().unwrap_or_else(|| "Opaque".into()));
    w.push_str("\nData\n====\n");
    for (key, value) in &secret.data {
        let bytes = crate::engine::base64::decode(value).map_or(0, |b| b.len());
        let _ = writeln!(w, "{key}:\t{bytes} bytes");
    }
    let _ = (cluster, now);
    align(&w, DESCRIBE)
}

fn describe_namespace(cluster: &Cluster, ns: &Namespace) -> String {
    let mut w = String::new();
    let _ = writeln!(w, "Name:\t{}", ns.metadata.name);
    labels_multiline(&mut w, "Labels", &ns.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &ns.metadata.annotations);
    let _ = writeln!(w, "Status:\t{}", ns.status.phase.clone().unwrap_or_else(|| "Active".into()));
    // Mirrors describeNamespace (kubectl/pkg/describe/describe.go): the deletion conditions, their
    // times in RFC1123Z (a missing time is Go's zero time).
    if !ns.status.conditions.is_empty() {
        w.push_str("Conditions:\n  Type\tStatus\tLastTransitionTime\tReason\tMessage\n  ----\t------\t------------------\t------\t-------\n");
        for c in &ns.status.conditions {
            let _ = writeln!(
                w,
                "  {}\t{}\t{}\t{}\t{}",
                c.type_,
                c.status,
                c.last_transition_time.map(|t| t.rfc1123z()).unwrap_or_else(|| "Mon, 01 Jan 0001 00:00:00 +0000".into()),
                c.reason.as_deref().unwrap_or(""),
                c.message.as_deref().unwrap_or("")
            );
        }
    }
    let quotas: Vec<_> = cluster.store().resource_quotas.in_namespace(&ns.metadata.name).cloned().collect();
    let ranges: Vec<_> = cluster.store().limit_ranges.in_namespace(&ns.metadata.name).cloned().collect();
    super::describe_quota::namespace_sections(&mut w, &quotas, &ranges);
    align(&w, DESCRIBE)
}

/// Mirrors `printTaintsMultilineWithIndent`: sorted by effect, then key (`sort.Slice`), each as
/// `Taint.ToString`.
fn taints_multiline(w: &mut String, taints: &[serde_json::Value]) {
    w.push_str("Taints:\t");
    if taints.is_empty() {
        w.push_str("<none>\n");
        return;
    }
    let field = |taint: &serde_json::Value, name: &str| taint.get(name).and_then(|v| v.as_str()).unwrap_or("").to_string();
    let mut taints: Vec<&serde_json::Value> = taints.iter().collect();
    crate::go_sort::sort(&mut taints, |a, b| format!("{},{}", field(a, "effect"), field(a, "key")) < format!("{},{}", field(b, "effect"), field(b, "key")));
    for (index, taint) in taints.iter().enumerate() {
        if index != 0 {
            w.push('\t');
        }
        w.push_str(&crate::engine::node_affinity::stored_taint_text(taint));
        w.push('\n');
    }
}

/// Mirrors `describeNode` (k8s.io/kubectl/pkg/describe): the node's lease, conditions,
/// addresses, resources, system info, CIDRs, then `describeNodeResource` (the non-terminated
/// pods with their requests and limits, and their totals against the allocatable).
fn describe_node(cluster: &Cluster, node: &Node, now: Time) -> String {
    let mut w = String::new();
    let _ = writeln!(w, "Name:\t{}", node.metadata.name);
    let roles: Vec<String> = node.metadata.labels.keys().filter_map(|k| k.strip_prefix("node-role.kubernetes.io/").map(str::to_string)).collect();
    let _ = writeln!(w, "Roles:\t{}", or_none(roles.join(",")));
    labels_multiline(&mut w, "Labels", &node.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &node.metadata.annotations);
    let _ = writeln!(w, "CreationTimestamp:\t{}", node.metadata.creation_timestamp.map(|t| t.rfc1123z()).unwrap_or_default());
    taints_multiline(&mut w, &node.spec.taints);
    let _ = writeln!(w, "Unschedulable:\t{}", node.spec.unschedulable.unwrap_or(false));
    // describeNodeLease: the kubelet's lease in kube-node-lease, renewed every 10 s (a quarter
    // of its 40 s duration) while the kubelet runs; a stopped one's last renewal is its last
    // heartbeat.
    let ready = node.status.conditions.iter().find(|c| c.type_ == "Ready");
    let renewed = match (ready, node.metadata.creation_timestamp) {
        (Some(c), Some(created)) if c.status == "True" => Some(Time(created.0 + (now.0 - created.0).max(0) / 10 * 10)),
        (Some(c), _) => c.last_heartbeat_time,
        _ => None,
    };
    let _ = writeln!(w, "Lease:\n  HolderIdentity:\t{}\n  AcquireTime:\t<unset>\n  RenewTime:\t{}", node.metadata.name, renewed.map_or_else(|| "<unset>".to_string(), |t| t.rfc1123z()));
    if !node.status.conditions.is_empty() {
        w.push_str("Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n  ----\t------\t-----------------\t------------------\t------\t-------\n");
    }
    for c in &node.status.conditions {
        let _ = writeln!(
            w,
            "  {}\t{}\t{}\t{}\t{}\t{}",
            c.type_,
            c.status,
            c.last_heartbeat_time.map(|t| t.rfc1123z()).unwrap_or_default(),
            c.last_transition_time.map(|t| t.rfc1123z()).unwrap_or_default(),
            c.reason.clone().unwrap_or_default(),
            c.message.clone().unwrap_or_default()
        );
    }
    w.push_str("Addresses:\n");
    for address in &node.status.addresses {
        let _ = writeln!(w, "  {}:\t{}", address.type_, address.address);
    }
    for (title, map) in [("Capacity", &node.status.capacity), ("Allocatable", &node.status.allocatable)] {
        if map.is_empty() {
            continue;
        }
        let _ = writeln!(w, "{title}:");
        for (key, value) in map {
            let _ = writeln!(w, "  {key}:\t{value}");
        }
    }
    let info = |key: &str| node.status.node_info.get(key).cloned().unwrap_or_default();
    w.push_str("System Info:\n");
    for (label, key) in [
        ("Machine ID", "machineID"),
        ("System UUID", "systemUUID"),
        ("Boot ID", "bootID"),
        ("Kernel Version", "kernelVersion"),
        ("OS Image", "osImage"),
        ("Operating System", "operatingSystem"),
        ("Architecture", "architecture"),
        ("Container Runtime Version", "containerRuntimeVersion"),
        ("Kubelet Version", "kubeletVersion"),
        ("Kube-Proxy Version", "kubeProxyVersion"),
    ] {
        let _ = writeln!(w, "  {label}:\t{}", info(key));
    }
    if let Some(cidr) = node.spec.pod_cidr.as_deref().filter(|c| !c.is_empty()) {
        let _ = writeln!(w, "PodCIDR:\t{cidr}");
    }
    if !node.spec.pod_cidrs.is_empty() {
        let _ = writeln!(w, "PodCIDRs:\t{}", node.spec.pod_cidrs.join(","));
    }
    let pods: Vec<_> = cluster.store().pods.iter().filter(|p| p.spec.node_name.as_deref() == Some(node.metadata.name.as_str()) && !matches!(p.phase(), "Succeeded" | "Failed")).cloned().collect();
    node_resources(&mut w, node, &pods, now);
    finish(w, &events_for(cluster, Kind::Node, "", &node.metadata.name, &node.metadata.uid), now)
}

/// `describeNodeResource`: each pod's CPU and memory requests and limits and the totals, with
/// their share of the node's allocatable (truncated percents), then the huge pages.
fn node_resources(w: &mut String, node: &Node, pods: &[std::rc::Rc<Pod>], now: Time) {
    use crate::engine::api::quantity::Quantity;
    let allocatable = if node.status.allocatable.is_empty() { &node.status.capacity } else { &node.status.allocatable };
    let available = |name: &str| allocatable.get(name).and_then(|q| Quantity::parse(q)).unwrap_or_else(Quantity::zero);
    let share = |used: &Quantity, name: &str, milli: bool| {
        let total = available(name);
        let (used, total) = if milli { (used.milli_value(), total.milli_value()) } else { (used.value(), total.value()) };
        if total == 0 {
            0
        } else {
            (used as f64 / total as f64 * 100.0) as i64
        }
    };
    let _ = writeln!(w, "Non-terminated Pods:\t({} in total)", pods.len());
    w.push_str("  Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n  ---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
    let mut totals: (BTreeMap<String, Quantity>, BTreeMap<String, Quantity>) = Default::default();
    for pod in pods {
        let (requests, limits) = pod_requests_and_limits(pod);
        let get = |map: &BTreeMap<String, Quantity>, name: &str| map.get(name).cloned().unwrap_or_else(Quantity::zero);
        let (cpu_req, cpu_lim, mem_req, mem_lim) = (get(&requests, "cpu"), get(&limits, "cpu"), get(&requests, "memory"), get(&limits, "memory"));
        let _ = writeln!(
            w,
            "  {}\t{}\t\t{cpu_req} ({}%)\t{cpu_lim} ({}%)\t{mem_req} ({}%)\t{mem_lim} ({}%)\t{}",
            pod.metadata.ns(),
            pod.metadata.name,
            share(&cpu_req, "cpu", true),
            share(&cpu_lim, "cpu", true),
            share(&mem_req, "memory", false),
            share(&mem_lim, "memory", false),
            pod.metadata.creation_timestamp.map(|t| human_duration(now.0 - t.0)).unwrap_or_default()
        );
        for (total, pod_values) in [(&mut totals.0, requests), (&mut totals.1, limits)] {
            for (name, value) in pod_values {
                let sum = total.get(&name).map_or_else(|| value.clone(), |sum| sum.add(&value));
                total.insert(name, sum);
            }
        }
    }
    w.push_str("Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n  Resource\tRequests\tLimits\n  --------\t--------\t------\n");
    let total = |map: &BTreeMap<String, Quantity>, name: &str| map.get(name).cloned().unwrap_or_else(Quantity::zero);
    for (name, milli) in [("cpu", true), ("memory", false), ("ephemeral-storage", false)] {
        let (requests, limits) = (total(&totals.0, name), total(&totals.1, name));
        let _ = writeln!(w, "  {name}\t{requests} ({}%)\t{limits} ({}%)", share(&requests, name, milli), share(&limits, name, milli));
    }
    for name in allocatable.keys().filter(|name| name.starts_with("hugepages-")) {
        let (requests, limits) = (total(&totals.0, name), total(&totals.1, name));
        let _ = writeln!(w, "  {name}\t{requests} ({}%)\t{limits} ({}%)", share(&requests, name, false), share(&limits, name, false));
    }
}

/// `resourcehelper.PodRequestsAndLimits` for the resources a node describes: the containers'
/// sum, raised to any init container's own value (init containers run one at a time, before).
fn pod_requests_and_limits(pod: &Pod) -> (BTreeMap<String, crate::engine::api::quantity::Quantity>, BTreeMap<String, crate::engine::api::quantity::Quantity>) {
    use crate::engine::api::quantity::Quantity;
    let of = |container: &Container, limits: bool| -> BTreeMap<String, Quantity> {
        container
            .resources
            .as_ref()
            .map(|r| if limits { &r.limits } else { &r.requests })
            .into_iter()
            .flatten()
            .filter_map(|(name, value)| Quantity::from_json(value).map(|q| (name.clone(), q)))
            .collect()
    };
    let mut out: [BTreeMap<String, Quantity>; 2] = Default::default();
    for (index, limits) in [false, true].into_iter().enumerate() {
        let sums = &mut out[index];
        for container in &pod.spec.containers {
            for (name, value) in of(container, limits) {
                let sum = sums.get(&name).map_or_else(|| value.clone(), |sum| sum.add(&value));
                sums.insert(name, sum);
            }
        }
        for container in &pod.spec.init_containers {
            for (name, value) in of(container, limits) {
                if sums.get(&name).is_none_or(|sum| value > *sum) {
                    sums.insert(name, value);
                }
            }
        }
    }
    let [requests, limits] = out;
    (requests, limits)
}
