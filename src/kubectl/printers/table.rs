//! `kubectl get` tables: the server-side column sets of pkg/printers/internalversion, laid out
//! by a tabwriter with kubectl's settings (min width 6, padding 3, last column unpadded).

use std::rc::Rc;

use crate::engine::api::core::{ConfigMap, Endpoints, Event, Namespace, Node, Secret, Service};
use crate::engine::api::deployment::{Deployment, ReplicaSet};
use crate::engine::api::meta::{format_labels, ObjectMeta};
use crate::engine::api::pod::Pod;
use crate::engine::clock::Time;
use crate::engine::store::Obj;
use crate::kubectl::printers::age::human_duration;

/// A table before layout.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Lays out rows of cells with kubectl's table tabwriter settings.
pub fn layout(lines: &[Vec<String>]) -> String {
    let text: String = lines.iter().map(|cells| format!("{}\n", cells.join("\t"))).collect();
    crate::kubectl::printers::tabwriter::align(&text, crate::kubectl::printers::tabwriter::TABLE)
}

impl Table {
    pub fn render(&self, no_headers: bool) -> String {
        let mut lines = Vec::with_capacity(self.rows.len() + 1);
        if !no_headers {
            lines.push(self.headers.clone());
        }
        lines.extend(self.rows.iter().cloned());
        layout(&lines)
    }
}

fn age(meta: &ObjectMeta, now: Time) -> String {
    match meta.creation_timestamp {
        Some(t) => human_duration(now.0 - t.0),
        None => "<unknown>".to_string(),
    }
}

fn or_none(text: String) -> String {
    if text.is_empty() {
        "<none>".to_string()
    } else {
        text
    }
}

/// The header set of a kind (`wide` adds its extra columns).
pub fn headers(kind: crate::engine::store::Kind, wide: bool) -> Vec<&'static str> {
    use crate::engine::store::Kind;
    let mut headers: Vec<&'static str> = match kind {
        Kind::Pod => vec!["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
        Kind::Deployment => vec!["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
        Kind::ReplicaSet => vec!["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
        Kind::Service => vec!["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"],
        Kind::Endpoints => vec!["NAME", "ENDPOINTS", "AGE"],
        Kind::ConfigMap => vec!["NAME", "DATA", "AGE"],
        Kind::Secret => vec!["NAME", "TYPE", "DATA", "AGE"],
        Kind::Namespace => vec!["NAME", "STATUS", "AGE"],
        Kind::Node => vec!["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
        Kind::Event => vec!["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"],
        Kind::Job => vec!["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"],
        Kind::StorageClass => vec!["NAME", "PROVISIONER", "RECLAIMPOLICY", "VOLUMEBINDINGMODE", "ALLOWVOLUMEEXPANSION", "AGE"],
        Kind::PersistentVolumeClaim => vec!["NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS MODES", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "AGE"],
        Kind::Ingress => vec!["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"],
        Kind::IngressClass => vec!["NAME", "CONTROLLER", "PARAMETERS", "AGE"],
        Kind::ServiceAccount => vec!["NAME", "SECRETS", "AGE"],
        Kind::DaemonSet => vec!["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE"],
        Kind::StatefulSet => vec!["NAME", "READY", "AGE"],
        Kind::ReplicationController => vec!["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
        Kind::NetworkPolicy => vec!["NAME", "POD-SELECTOR", "AGE"],
        Kind::PodDisruptionBudget => vec!["NAME", "MIN AVAILABLE", "MAX UNAVAILABLE", "ALLOWED DISRUPTIONS", "AGE"],
        Kind::HorizontalPodAutoscaler => vec!["NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE"],
        Kind::LimitRange | Kind::Role | Kind::ClusterRole => vec!["NAME", "CREATED AT"],
        Kind::RoleBinding | Kind::ClusterRoleBinding => vec!["NAME", "ROLE", "AGE"],
        Kind::ResourceQuota => vec!["NAME", "AGE", "REQUEST", "LIMIT"],
        Kind::CronJob => vec!["NAME", "SCHEDULE", "TIMEZONE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "AGE"],
        Kind::PersistentVolume => vec!["NAME", "CAPACITY", "ACCESS MODES", "RECLAIM POLICY", "STATUS", "CLAIM", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "REASON", "AGE"],
    };
    if wide {
        headers.extend(match kind {
            Kind::Pod => vec!["IP", "NODE", "NOMINATED NODE", "READINESS GATES"],
            Kind::Deployment | Kind::ReplicaSet | Kind::Job | Kind::DaemonSet | Kind::ReplicationController | Kind::CronJob => vec!["CONTAINERS", "IMAGES", "SELECTOR"],
            Kind::StatefulSet => vec!["CONTAINERS", "IMAGES"],
            Kind::Service => vec!["SELECTOR"],
            Kind::PersistentVolumeClaim | Kind::PersistentVolume => vec!["VOLUMEMODE"],
            Kind::Node => vec!["INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"],
            Kind::Event => vec!["SUBOBJECT", "SOURCE", "MESSAGE", "FIRST SEEN", "COUNT", "NAME"],
            Kind::RoleBinding | Kind::ClusterRoleBinding => vec!["USERS", "GROUPS", "SERVICEACCOUNTS"],
            _ => vec![],
        });
        if kind == crate::engine::store::Kind::Event {
            headers = vec!["LAST SEEN", "TYPE", "REASON", "OBJECT", "SUBOBJECT", "SOURCE", "MESSAGE", "FIRST SEEN", "COUNT", "NAME"];
        }
    }
    headers
}

/// One row of an object's table.
pub fn row(object: &Obj, wide: bool, now: Time) -> Vec<String> {
    match object {
        Obj::Pod(pod) => pod_row(pod, wide, now),
        Obj::Deployment(d) => deployment_row(d, wide, now),
        Obj::ReplicaSet(rs) => replica_set_row(rs, wide, now),
        Obj::Service(svc) => service_row(svc, wide, now),
        Obj::Endpoints(ep) => endpoints_row(ep, now),
        Obj::ConfigMap(cm) => config_map_row(cm, now),
        Obj::Secret(secret) => secret_row(secret, now),
        Obj::Namespace(ns) => namespace_row(ns, now),
        Obj::Node(node) => node_row(node, wide, now),
        Obj::Event(event) => event_row(event, wide, now),
        Obj::Job(job) => job_row(job, wide, now),
        Obj::CronJob(cron_job) => cron_job_row(cron_job, wide, now),
        Obj::StorageClass(class) => storage_class_row(class, now),
        Obj::PersistentVolumeClaim(claim) => claim_row(claim, wide, now),
        Obj::PersistentVolume(volume) => volume_row(volume, wide, now),
        // Mirrors `printIngress`: CLASS `<none>` without a class name.
        Obj::Ingress(ingress) => vec![
            ingress.metadata.name.to_string(),
            ingress.spec.ingress_class_name.clone().unwrap_or_else(|| "<none>".into()),
            ingress.hosts_text(),
            ingress.address_text(wide),
            ingress.ports_text().to_string(),
            age(&ingress.metadata, now),
        ],
        Obj::IngressClass(class) => ingress_class_row(class, now),
        // Mirrors `printLimitRange`: the creation time as RFC 3339.
        Obj::LimitRange(range) => vec![range.metadata.name.to_string(), range.metadata.creation_timestamp.map(|t| t.rfc3339()).unwrap_or_default()],
        // Mirrors `printRole` and `printClusterRole`: the creation time as RFC 3339.
        Obj::Role(role) => vec![role.metadata.name.to_string(), role.metadata.creation_timestamp.map(|t| t.rfc3339()).unwrap_or_default()],
        Obj::ClusterRole(role) => vec![role.metadata.name.to_string(), role.metadata.creation_timestamp.map(|t| t.rfc3339()).unwrap_or_default()],
        Obj::RoleBinding(binding) => binding_row(&binding.metadata, &binding.role_ref, &binding.subjects, wide, now),
        Obj::ClusterRoleBinding(binding) => binding_row(&binding.metadata, &binding.role_ref, &binding.subjects, wide, now),
        Obj::ResourceQuota(quota) => resource_quota_row(quota, now),
        // Mirrors `printServiceAccount`: SECRETS counts the listed secrets.
        Obj::ServiceAccount(account) => vec![account.metadata.name.to_string(), account.secrets.len().to_string(), age(&account.metadata, now)],
        Obj::DaemonSet(ds) => daemon_set_row(ds, wide, now),
        // Mirrors `printNetworkPolicy`: POD-SELECTOR as `metav1.FormatLabelSelector` (`<none>` when empty).
        Obj::NetworkPolicy(policy) => vec![policy.metadata.name.to_string(), policy.spec.pod_selector.display(), age(&policy.metadata, now)],
        // Mirrors `printHorizontalPodAutoscaler`: REFERENCE as Kind/name, TARGETS from
        // `formatHPAMetrics`, MINPODS `<unset>` when unset, REPLICAS the status's current count.
        Obj::HorizontalPodAutoscaler(hpa) => {
            let reference = &hpa.spec.scale_target_ref;
            let min = hpa.spec.min_replicas.map_or_else(|| "<unset>".to_string(), |m| m.to_string());
            vec![hpa.metadata.name.to_string(), format!("{}/{}", reference.kind, reference.name), hpa_metrics(&hpa.spec.metrics), min, hpa.spec.max_replicas.to_string(), hpa.status.current_replicas.to_string(), age(&hpa.metadata, now)]
        }
        // Mirrors `printPodDisruptionBudget`: each bound as `IntOrString.String()`, `N/A` unset.
        Obj::PodDisruptionBudget(pdb) => {
            let bound = |value: &Option<crate::engine::api::intstr::IntOrString>| value.as_ref().map_or_else(|| "N/A".to_string(), |v| v.display());
            vec![pdb.metadata.name.to_string(), bound(&pdb.spec.min_available), bound(&pdb.spec.max_unavailable), pdb.status.disruptions_allowed.to_string(), age(&pdb.metadata, now)]
        }
        // Mirrors `printReplicationController`: SELECTOR as `labels.FormatLabels`.
        Obj::ReplicationController(rc) => {
            let mut row = vec![rc.metadata.name.to_string(), rc.replicas().to_string(), rc.status.replicas.to_string(), rc.status.ready_replicas.to_string(), age(&rc.metadata, now)];
            if wide {
                let (names, images) = rc.spec.template.as_ref().map(containers_images).unwrap_or_default();
                row.push(names);
                row.push(images);
                row.push(if rc.spec.selector.is_empty() { "<none>".to_string() } else { rc.spec.selector.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",") });
            }
            row
        }
        // Mirrors `printStatefulSet`: READY as ready/desired.
        Obj::StatefulSet(sts) => {
            let mut row = vec![sts.metadata.name.to_string(), format!("{}/{}", sts.status.ready_replicas, sts.replicas()), age(&sts.metadata, now)];
            if wide {
                let (names, images) = containers_images(&sts.spec.template);
                row.push(names);
                row.push(images);
            }
            row
        }
    }
}

fn pod_row(pod: &Rc<Pod>, wide: bool, now: Time) -> Vec<String> {
    let columns = pod.columns();
    let (ready, total, restarts) = (columns.ready, columns.total, columns.restarts);
    let restarts_text = match (restarts, columns.last_restart) {
        (0, _) | (_, None) => restarts.to_string(),
        (n, Some(at)) => format!("{n} ({} ago)", human_duration(now.0 - at.0)),
    };
    let mut row = vec![pod.metadata.name.to_string(), format!("{ready}/{total}"), columns.status, restarts_text, age(&pod.metadata, now)];
    if wide {
        row.push(pod.status.pod_ip.as_deref().unwrap_or("<none>").to_string());
        row.push(pod.spec.node_name.as_deref().unwrap_or("<none>").to_string());
        row.push("<none>".into());
        row.push("<none>".into());
    }
    row
}

fn containers_images(template: &crate::engine::api::pod::PodTemplateSpec) -> (String, String) {
    let names = template.spec.containers.iter().map(|c| c.name.clone()).collect::<Vec<_>>().join(",");
    let images = template.spec.containers.iter().map(|c| c.image.clone().unwrap_or_default()).collect::<Vec<_>>().join(",");
    (names, images)
}

fn deployment_row(d: &Rc<Deployment>, wide: bool, now: Time) -> Vec<String> {
    let mut row = vec![
        d.metadata.name.to_string(),
        format!("{}/{}", d.status.ready_replicas, d.replicas()),
        d.status.updated_replicas.to_string(),
        d.status.available_replicas.to_string(),
        age(&d.metadata, now),
    ];
    if wide {
        let (names, images) = containers_images(&d.spec.template);
        row.push(names);
        row.push(images);
        row.push(d.spec.selector.clone().unwrap_or_default().display());
    }
    row
}

/// Mirrors `printJob` (pkg/printers/internalversion/printers.go): the status word, `1/1`
/// completions, the duration (to completion, or until now while running; empty before start).
fn job_row(job: &Rc<crate::engine::api::job::Job>, wide: bool, now: Time) -> Vec<String> {
    let duration = match (job.status.start_time, job.status.completion_time) {
        (None, _) => String::new(),
        (Some(start), None) => human_duration(now.0 - start.0),
        (Some(start), Some(end)) => human_duration(end.0 - start.0),
    };
    let mut row = vec![job.metadata.name.to_string(), job.status_word().to_string(), job.completions_text(), duration, age(&job.metadata, now)];
    if wide {
        let (names, images) = containers_images(&job.spec.template);
        row.push(names);
        row.push(images);
        row.push(job.spec.selector.clone().unwrap_or_default().display());
    }
    row
}

/// Mirrors `printRoleBinding` and `printClusterRoleBinding`: ROLE as `Kind/name`; wide, the
/// subjects as `rbac.SubjectsStrings` sorts them out (service accounts as `namespace:name`).
fn binding_row(meta: &crate::engine::api::meta::ObjectMeta, role_ref: &crate::engine::api::rbac::RoleRef, subjects: &[crate::engine::api::rbac::Subject], wide: bool, now: Time) -> Vec<String> {
    let mut row = vec![meta.name.to_string(), format!("{}/{}", role_ref.kind, role_ref.name), age(meta, now)];
    if wide {
        let (users, groups, accounts) = crate::engine::rbac_authorizer::subjects_strings(subjects);
        row.extend([users.join(", "), groups.join(", "), accounts.join(", ")]);
    }
    row
}

/// Mirrors `printCronJob`: TIMEZONE and LAST SCHEDULE `<none>` when unset, SUSPEND as
/// `printBoolPtr`, ACTIVE the active Jobs; wide adds the template's containers and selector.
fn cron_job_row(cron_job: &crate::engine::api::cron_job::CronJob, wide: bool, now: Time) -> Vec<String> {
    let mut row = vec![
        cron_job.metadata.name.to_string(),
        cron_job.spec.schedule.clone(),
        cron_job.spec.time_zone.clone().unwrap_or_else(|| "<none>".into()),
        super::describe_cron_job::bool_ptr(cron_job.spec.suspend).to_string(),
        cron_job.status.active.len().to_string(),
        cron_job.status.last_schedule_time.map_or("<none>".to_string(), |t| human_duration(now.0 - t.0)),
        age(&cron_job.metadata, now),
    ];
    if wide {
        let template = &cron_job.spec.job_template.spec;
        let (names, images) = containers_images(&template.template);
        row.push(names);
        row.push(images);
        row.push(template.selector.clone().unwrap_or_default().display());
    }
    row
}

/// Mirrors `printStorageClass`: ` (default)` after the default class's name; Delete, Immediate
/// and false when unset.
fn storage_class_row(class: &crate::engine::api::storage::StorageClass, now: Time) -> Vec<String> {
    let name = if class.is_default() { format!("{} (default)", class.metadata.name) } else { class.metadata.name.to_string() };
    vec![
        name,
        class.provisioner.clone(),
        class.reclaim_policy.clone().unwrap_or_else(|| "Delete".into()),
        class.volume_binding_mode.clone().unwrap_or_else(|| "Immediate".into()),
        class.allow_volume_expansion.unwrap_or(false).to_string(),
        age(&class.metadata, now),
    ]
}

/// Mirrors `printPersistentVolumeClaim`: capacity and access modes only once bound (from the
/// status), Terminating while deleted.
fn claim_row(claim: &crate::engine::api::storage::PersistentVolumeClaim, wide: bool, now: Time) -> Vec<String> {
    use crate::engine::api::storage::{access_modes_text, canonical_quantity, quantity_text};
    let phase = if claim.metadata.is_deleting() { "Terminating".to_string() } else { claim.status.phase.clone().unwrap_or_default() };
    let volume = claim.spec.volume_name.clone().unwrap_or_default();
    let (capacity, modes) = if volume.is_empty() {
        (String::new(), String::new())
    } else {
        (claim.status.capacity.get("storage").map(|q| canonical_quantity(&quantity_text(q))).unwrap_or_else(|| "0".into()), access_modes_text(&claim.status.access_modes))
    };
    let mut row = vec![
        claim.metadata.name.to_string(),
        phase,
        volume,
        capacity,
        modes,
        claim.spec.storage_class_name.clone().unwrap_or_default(),
        claim.spec.volume_attributes_class_name.clone().unwrap_or_else(|| "<unset>".into()),
        age(&claim.metadata, now),
    ];
    if wide {
        row.push(claim.spec.volume_mode.clone().unwrap_or_else(|| "<unset>".into()));
    }
    row
}

/// Mirrors `printPersistentVolume`: the claim as `namespace/name`, Terminating while deleted.
fn volume_row(volume: &crate::engine::api::storage::PersistentVolume, wide: bool, now: Time) -> Vec<String> {
    use crate::engine::api::storage::{access_modes_text, canonical_quantity, quantity_text};
    let spec = &volume.spec;
    let claim = spec.claim_ref.as_ref().map(|c| format!("{}/{}", c.namespace.clone().unwrap_or_default(), c.name.clone().unwrap_or_default())).unwrap_or_default();
    let phase = if volume.metadata.is_deleting() { "Terminating".to_string() } else { volume.status.phase.clone().unwrap_or_default() };
    let mut row = vec![
        volume.metadata.name.to_string(),
        spec.capacity.get("storage").map(|q| canonical_quantity(&quantity_text(q))).unwrap_or_else(|| "0".into()),
        access_modes_text(&spec.access_modes),
        spec.persistent_volume_reclaim_policy.clone().unwrap_or_default(),
        phase,
        claim,
        spec.storage_class_name.clone().unwrap_or_default(),
        spec.extra.get("volumeAttributesClassName").and_then(|v| v.as_str()).unwrap_or("<unset>").to_string(),
        volume.status.reason.clone().unwrap_or_default(),
        age(&volume.metadata, now),
    ];
    if wide {
        row.push(spec.volume_mode.clone().unwrap_or_else(|| "<unset>".into()));
    }
    row
}

/// Mirrors `printResourceQuota`: each hard resource of the spec, in name order, as
/// `name: used/hard` from the status; `limits.*` in LIMIT, the others in REQUEST.
fn resource_quota_row(quota: &crate::engine::api::resource_quota::ResourceQuota, now: Time) -> Vec<String> {
    use crate::engine::api::quantity::Quantity;
    let (mut request, mut limit) = (Vec::new(), Vec::new());
    for name in quota.spec.hard.keys() {
        let read = |list: &crate::engine::api::limit_range::ResourceList| list.get(name).and_then(Quantity::from_json).unwrap_or_else(Quantity::zero);
        let cell = format!("{name}: {}/{}", read(&quota.status.used), read(&quota.status.hard));
        if name.split('.').next() == Some("limits") && name.contains('.') {
            limit.push(cell);
        } else {
            request.push(cell);
        }
    }
    vec![quota.metadata.name.to_string(), age(&quota.metadata, now), request.join(", "), limit.join(", ")]
}

/// Mirrors `printIngressClass`: PARAMETERS as `Kind.apiGroup/name`, `<none>` without.
fn ingress_class_row(class: &crate::engine::api::ingress::IngressClass, now: Time) -> Vec<String> {
    let parameters = match &class.spec.parameters {
        None => "<none>".to_string(),
        Some(p) => {
            let text = |key: &str| p.get(key).and_then(|v| v.as_str()).unwrap_or("").to_string();
            let mut kind = text("kind");
            if let Some(group) = p.get("apiGroup").and_then(|v| v.as_str()) {
                kind = format!("{kind}.{group}");
            }
            format!("{kind}/{}", text("name"))
        }
    };
    vec![class.metadata.name.to_string(), class.spec.controller.clone().unwrap_or_default(), parameters, age(&class.metadata, now)]
}

/// Mirrors `printDaemonSet`: the status counts, the template's nodeSelector as labels
/// (`<none>` without one).
fn daemon_set_row(ds: &crate::engine::api::daemon_set::DaemonSet, wide: bool, now: Time) -> Vec<String> {
    let status = &ds.status;
    let selector = &ds.spec.template.spec.node_selector;
    let node_selector = if selector.is_empty() { "<none>".to_string() } else { selector.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",") };
    let mut row = vec![
        ds.metadata.name.to_string(),
        status.desired_number_scheduled.to_string(),
        status.current_number_scheduled.to_string(),
        status.number_ready.to_string(),
        status.updated_number_scheduled.to_string(),
        status.number_available.to_string(),
        node_selector,
        age(&ds.metadata, now),
    ];
    if wide {
        let (names, images) = containers_images(&ds.spec.template);
        row.push(names);
        row.push(images);
        row.push(ds.spec.selector.clone().unwrap_or_default().display());
    }
    row
}

fn replica_set_row(rs: &Rc<ReplicaSet>, wide: bool, now: Time) -> Vec<String> {
    let mut row = vec![
        rs.metadata.name.to_string(),
        rs.spec.replicas.unwrap_or(0).to_string(),
        rs.status.replicas.to_string(),
        rs.status.ready_replicas.to_string(),
        age(&rs.metadata, now),
    ];
    if wide {
        let (names, images) = containers_images(&rs.spec.template);
        row.push(names);
        row.push(images);
        row.push(rs.spec.selector.clone().unwrap_or_default().display());
    }
    row
}

/// `PORT(S)`: `80/TCP`, `80:30907/TCP`, comma separated; `<none>` without ports.
pub fn service_ports(svc: &Service) -> String {
    let ports: Vec<String> = svc
        .spec
        .ports
        .iter()
        .map(|p| {
            let protocol = p.protocol.clone().unwrap_or_else(|| "TCP".into());
            match p.node_port {
                Some(node_port) if node_port != 0 => format!("{}:{node_port}/{protocol}", p.port),
                _ => format!("{}/{protocol}", p.port),
            }
        })
        .collect();
    or_none(ports.join(","))
}

/// `EXTERNAL-IP`: `<none>`, `<pending>` for a LoadBalancer without ingress, or the addresses.
pub fn external_ip(svc: &Service) -> String {
    let type_ = svc.spec.type_.as_deref().unwrap_or("ClusterIP");
    match type_ {
        "ExternalName" => svc.spec.external_name.clone().unwrap_or_default(),
        "LoadBalancer" => {
            let ingress: Vec<String> = svc
                .status
                .get("loadBalancer")
                .and_then(|lb| lb.get("ingress"))
                .and_then(|i| i.as_array())
                .map(|list| list.iter().filter_map(|i| i.get("ip").or_else(|| i.get("hostname")).and_then(|v| v.as_str()).map(str::to_string)).collect())
                .unwrap_or_default();
            let mut all = ingress;
            all.extend(svc.spec.external_ips.iter().cloned());
            if all.is_empty() {
                "<pending>".into()
            } else {
                all.join(",")
            }
        }
        _ => {
            if svc.spec.external_ips.is_empty() {
                "<none>".into()
            } else {
                svc.spec.external_ips.join(",")
            }
        }
    }
}

fn service_row(svc: &Rc<Service>, wide: bool, now: Time) -> Vec<String> {
    let type_ = svc.spec.type_.clone().unwrap_or_else(|| "ClusterIP".into());
    let cluster_ip = svc.spec.cluster_ip.clone().unwrap_or_else(|| "<none>".into());
    let mut row = vec![svc.metadata.name.to_string(), type_, cluster_ip, external_ip(svc), service_ports(svc), age(&svc.metadata, now)];
    if wide {
        row.push(format_labels(&svc.spec.selector));
    }
    row
}

/// `ENDPOINTS`: up to three `ip:port`, then ` + N more...`.
pub fn endpoints_text(ep: &Endpoints) -> String {
    let mut list = Vec::new();
    let mut count = 0;
    for subset in &ep.subsets {
        for address in &subset.addresses {
            if subset.ports.is_empty() {
                count += 1;
                if list.len() < 3 {
                    list.push(address.ip.clone());
                }
            }
            for port in &subset.ports {
                count += 1;
                if list.len() < 3 {
                    list.push(format!("{}:{}", address.ip, port.port));
                }
            }
        }
    }
    if list.is_empty() {
        return "<none>".into();
    }
    let mut text = list.join(",");
    if count > 3 {
        text.push_str(&format!(" + {} more...", count - 3));
    }
    text
}

fn endpoints_row(ep: &Rc<Endpoints>, now: Time) -> Vec<String> {
    vec![ep.metadata.name.to_string(), endpoints_text(ep), age(&ep.metadata, now)]
}

fn config_map_row(cm: &Rc<ConfigMap>, now: Time) -> Vec<String> {
    vec![cm.metadata.name.to_string(), (cm.data.len() + cm.binary_data.len()).to_string(), age(&cm.metadata, now)]
}

fn secret_row(secret: &Rc<Secret>, now: Time) -> Vec<String> {
    vec![
        secret.metadata.name.to_string(),
        secret.type_.clone().unwrap_or_else(|| "Opaque".into()),
        secret.data.len().to_string(),
        age(&secret.metadata, now),
    ]
}

fn namespace_row(ns: &Rc<Namespace>, now: Time) -> Vec<String> {
    let status = if ns.metadata.is_deleting() { "Terminating".to_string() } else { ns.status.phase.clone().unwrap_or_else(|| "Active".into()) };
    vec![ns.metadata.name.to_string(), status, age(&ns.metadata, now)]
}

fn node_row(node: &Rc<Node>, wide: bool, now: Time) -> Vec<String> {
    let mut status = if node.is_ready() { "Ready".to_string() } else if node.status.conditions.iter().any(|c| c.type_ == "Ready") { "NotReady".to_string() } else { "Unknown".to_string() };
    if node.spec.unschedulable == Some(true) {
        status.push_str(",SchedulingDisabled");
    }
    let roles: Vec<String> = node
        .metadata
        .labels
        .keys()
        .filter_map(|k| k.strip_prefix("node-role.kubernetes.io/").map(str::to_string))
        .collect();
    let mut row = vec![
        node.metadata.name.to_string(),
        status,
        or_none(roles.join(",")),
        age(&node.metadata, now),
        node.status.node_info.get("kubeletVersion").cloned().unwrap_or_default(),
    ];
    if wide {
        row.push(node.internal_ip().unwrap_or("<none>").to_string());
        row.push(node.status.addresses.iter().find(|a| a.type_ == "ExternalIP").map(|a| a.address.clone()).unwrap_or_else(|| "<none>".into()));
        row.push(node.status.node_info.get("osImage").cloned().unwrap_or_default());
        row.push(node.status.node_info.get("kernelVersion").cloned().unwrap_or_default());
        row.push(node.status.node_info.get("containerRuntimeVersion").cloned().unwrap_or_default());
    }
    row
}

fn event_row(event: &Rc<Event>, wide: bool, now: Time) -> Vec<String> {
    let last = event.last_timestamp.or(event.event_time).or(event.first_timestamp);
    let last_seen = last.map(|t| human_duration(now.0 - t.0)).unwrap_or_else(|| "<unknown>".into());
    let object = format!("{}/{}", event.involved_object.kind.to_ascii_lowercase(), event.involved_object.name);
    if wide {
        let first = event.first_timestamp.map(|t| human_duration(now.0 - t.0)).unwrap_or_else(|| "<unknown>".into());
        let source = if event.source.host.is_empty() { event.source.component.to_string() } else { format!("{}, {}", event.source.component, event.source.host) };
        return vec![
            last_seen,
            event.type_.to_string(),
            event.reason.to_string(),
            object,
            event.involved_object.field_path.as_deref().unwrap_or_default().to_string(),
            source,
            event.message.to_string(),
            first,
            event.count.to_string(),
            event.metadata.name.to_string(),
        ];
    }
    vec![last_seen, event.type_.to_string(), event.reason.to_string(), object, event.message.to_string()]
}

/// Mirrors `formatHPAMetrics` (kubectl 1.30+: a resource metric is prefixed with its name).
/// kubeplay runs no metrics-server, so every current value is `<unknown>`; at most two metrics
/// are listed, then `+ N more...`.
fn hpa_metrics(specs: &[crate::engine::api::horizontal_pod_autoscaler::MetricSpec]) -> String {
    use crate::kubectl::printers::describe_autoscaler::quantity;
    if specs.is_empty() {
        return "<none>".to_string();
    }
    let mut list: Vec<String> = specs
        .iter()
        .map(|spec| match spec.type_.as_str() {
            "External" => {
                let target = spec.external.as_ref().map(|e| e.target.clone()).unwrap_or_default();
                match &target.average_value {
                    Some(_) => format!("<unknown>/{} (avg)", quantity(&target.average_value)),
                    None => format!("<unknown>/{}", quantity(&target.value)),
                }
            }
            "Pods" => format!("<unknown>/{}", quantity(&spec.pods.as_ref().and_then(|p| p.target.average_value.clone()))),
            "Object" => {
                let target = spec.object.as_ref().map(|o| o.target.clone()).unwrap_or_default();
                match &target.average_value {
                    Some(_) => format!("<unknown>/{} (avg)", quantity(&target.average_value)),
                    None => format!("<unknown>/{}", quantity(&target.value)),
                }
            }
            "Resource" | "ContainerResource" => {
                let (name, target) = match (&spec.resource, &spec.container_resource) {
                    (Some(r), _) if spec.type_ == "Resource" => (r.name.clone(), r.target.clone()),
                    (_, Some(r)) => (r.name.clone(), r.target.clone()),
                    _ => Default::default(),
                };
                match &target.average_value {
                    Some(_) => format!("{name}: <unknown>/{}", quantity(&target.average_value)),
                    None => format!("{name}: <unknown>/{}", target.average_utilization.map_or_else(|| "<auto>".to_string(), |u| format!("{u}%"))),
                }
            }
            _ => "<unknown type>".to_string(),
        })
        .collect();
    let count = list.len();
    if count > 2 {
        list.truncate(2);
        return format!("{} + {} more...", list.join(", "), count - 2);
    }
    list.join(", ")
}

#[cfg(test)]
mod tests {
    use super::layout;

    #[test]
    fn columns_are_widest_cell_plus_three_and_the_last_is_unpadded() {
        let lines = vec![
            vec!["NAME".to_string(), "READY".to_string(), "AGE".to_string()],
            vec!["nginx-deployment".to_string(), "3/3".to_string(), "24s".to_string()],
        ];
        assert_eq!(layout(&lines), "NAME               READY   AGE\nnginx-deployment   3/3     24s\n");
        let narrow = vec![vec!["IP".to_string(), "X".to_string()]];
        assert_eq!(layout(&narrow), "IP    X\n");
    }
}

