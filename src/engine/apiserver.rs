//! The apiserver's write path: defaulting, validation, admission, allocation and deletion with
//! propagation, for the kinds the store serves. Also the cluster's bootstrap objects.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use crate::engine::api::core::{ConfigMap, EndpointAddress, EndpointPort, EndpointSubset, Endpoints, Namespace, NamespaceStatus, Node, NodeAddress, NodeCondition, NodeSpec, NodeStatus, Secret, Service, ServiceAccount, ServicePort};
use crate::engine::api::defaults;
use crate::engine::api::deployment::{Deployment, ReplicaSet};
use crate::engine::api::intstr::IntOrString;
use crate::engine::api::job::{Job, CONTROLLER_UID_LABEL, JOB_NAME_LABEL, LEGACY_CONTROLLER_UID_LABEL, LEGACY_JOB_NAME_LABEL};
use crate::engine::api::meta::{ObjectMeta, OwnerReference};
use crate::engine::api::pod::{Pod, PodSpec};
use crate::engine::api::shared::Shared;
use crate::engine::api::text::Text;
use crate::order::CollectMap;
use crate::engine::api::validation;
use crate::engine::controllers::garbage_collector::{self, FOREGROUND_FINALIZER};
use crate::engine::error::ApiError;
use crate::engine::storage_registry;
use crate::engine::store::{Key, KeyRef, Kind, Obj, Stored};
use crate::engine::Cluster;

/// How dependents go when their owner is deleted (`propagationPolicy`, kubectl `--cascade`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Propagation {
    Background,
    Foreground,
    Orphan,
}

/// Cluster IPs and node ports handed out so far.
#[derive(Debug, Clone, Default)]
pub struct Allocator {
    cluster_ips: BTreeSet<String>,
    node_ports: BTreeSet<i32>,
    /// The last pod tolerations admitted and what admission made of them, so pods from one
    /// template share one list.
    tolerations: Option<(Shared<Vec<serde_json::Value>>, Shared<Vec<serde_json::Value>>)>,
    /// The projected source of every service-account token volume (the same for all pods).
    api_access_source: Option<Shared<BTreeMap<String, serde_json::Value>>>,
    /// The `generateName` and controller reference of the last ReplicaSet's pods, so its pods
    /// share one of each (five strings and two lists a pod otherwise).
    template_owner: Option<(Text, Shared<Vec<OwnerReference>>)>,
}

/// A node's machine ID (32 hex digits, `/etc/machine-id`), system UUID and boot ID, as its
/// kubelet reports them in `status.nodeInfo`: derived from its name, so every run has the same.
pub(crate) fn machine_ids(node: &str) -> (String, String, String) {
    let hex = |part: &str| {
        let (a, b) = crate::engine::fast_hash::digest(["node-identity", part, node]);
        format!("{a:016x}{b:016x}")
    };
    let uuid = |h: String| format!("{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32]);
    (hex("machine-id"), uuid(hex("system-uuid")), uuid(hex("boot-id")))
}

/// Creates the objects a fresh cluster has: namespaces, nodes, the `kubernetes` Service and
/// its Endpoints, and `kube-root-ca.crt` in each namespace.
pub fn bootstrap(cluster: &mut Cluster, n_nodes: usize) {
    // The cluster came up a quarter of an hour before the learner arrived.
    let born = crate::engine::clock::Time(-BOOTSTRAP_AGE_SECONDS);
    for name in ["default", "kube-node-lease", "kube-public", "kube-system"] {
        let _ = create_namespace_at(cluster, name, born);
        // The service accounts controller's `default`, and CoreDNS's own account.
        if let Some(namespace) = cluster.store.get::<Namespace>(&Key::new("", name)) {
            crate::engine::controllers::service_account::create(cluster, &namespace.metadata, "default", born);
            if name == "kube-system" {
                crate::engine::controllers::service_account::create(cluster, &namespace.metadata, "coredns", born);
            }
        }
    }
    for index in 1..=n_nodes {
        let name = format!("node-{index}");
        let internal_ip = format!("172.18.{}.{}", (index + 2) / 256, (index + 2) % 256);
        let machine_ids = machine_ids(&name);
        let node = Node {
            metadata: ObjectMeta {
                name: name.clone().into(),
                labels: [
                    ("beta.kubernetes.io/arch", "amd64"),
                    ("beta.kubernetes.io/os", "linux"),
                    ("kubernetes.io/arch", "amd64"),
                    ("kubernetes.io/hostname", name.as_str()),
                    ("kubernetes.io/os", "linux"),
                ]
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect_map(),
                ..Default::default()
            },
            spec: NodeSpec { pod_cidr: Some(format!("10.244.{}.0/24", index % 256)), pod_cidrs: vec![format!("10.244.{}.0/24", index % 256)], unschedulable: None, taints: vec![] },
            status: NodeStatus {
                capacity: node_resources(),
                allocatable: node_resources(),
                conditions: vec![
                    node_condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                    node_condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                    node_condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                    node_condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
                ],
                addresses: vec![
                    NodeAddress { type_: "InternalIP".into(), address: internal_ip },
                    NodeAddress { type_: "Hostname".into(), address: name.clone() },
                ],
                node_info: [
                    ("architecture", "amd64"),
                    ("bootID", machine_ids.2.as_str()),
                    ("containerRuntimeVersion", "containerd://1.7.24"),
                    ("kernelVersion", "6.8.0-kubeplay"),
                    ("kubeletVersion", "v1.32.5"),
                    ("kubeProxyVersion", "v1.32.5"),
                    ("machineID", machine_ids.0.as_str()),
                    ("operatingSystem", "linux"),
                    ("osImage", "Debian GNU/Linux 12 (bookworm)"),
                    ("systemUUID", machine_ids.1.as_str()),
                ]
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect_map(),
            },
        };
        let _ = cluster.store.create(node, born, &mut cluster.rng);
    }
    if let Ok(service) = create_service(cluster, kubernetes_service()) {
        let mut aged = (*service).clone();
        aged.metadata.creation_timestamp = Some(born);
        let _ = cluster.store.replace_unchecked(aged);
    }
    let _ = cluster.store.create(kubernetes_endpoints(), born, &mut cluster.rng);
    bootstrap_dns(cluster, born);
    storage_registry::bootstrap(cluster, born);
    crate::engine::rbac_bootstrap::bootstrap(cluster, born);
}

/// The `kubernetes` Service in `default`: the API server at the service range's first address.
fn kubernetes_service() -> Service {
    Service {
        metadata: ObjectMeta {
            name: "kubernetes".into(),
            namespace: Some("default".into()),
            labels: [("component", "apiserver"), ("provider", "kubernetes")].iter().map(|(k, v)| (k.to_string(), v.to_string())).collect_map(),
            ..Default::default()
        },
        spec: crate::engine::api::core::ServiceSpec {
            ports: vec![ServicePort { name: Some("https".into()), protocol: Some("TCP".into()), port: 443, target_port: Some(IntOrString::Int(6443)), node_port: None, extra: Default::default() }],
            cluster_ip: Some("10.96.0.1".into()),
            ..Default::default()
        },
        status: BTreeMap::new(),
    }
}

/// The `kubernetes` Service's Endpoints: the API server's address.
fn kubernetes_endpoints() -> Endpoints {
    Endpoints {
        metadata: ObjectMeta {
            name: "kubernetes".into(),
            namespace: Some("default".into()),
            labels: [("endpointslice.kubernetes.io/skip-mirror".to_string(), "true".to_string())].collect_map(),
            ..Default::default()
        },
        subsets: vec![EndpointSubset {
            addresses: vec![EndpointAddress { ip: "172.18.0.2".into(), hostname: None, node_name: None, target_ref: None }],
            not_ready_addresses: vec![],
            ports: vec![EndpointPort { name: Some("https".into()), port: 6443, protocol: Some("TCP".into()) }],
        }],
    }
}

/// How often the API server checks its `kubernetes` Service (kube-apiserver's
/// `--endpoint-reconciler` interval, `EndpointInterval`: 10 s).
pub const KUBERNETES_SERVICE_INTERVAL_SECONDS: i64 = 10;

/// Recreates the `kubernetes` Service and its Endpoints when they are gone (`kubectl delete all
/// --all` in `default` deletes the Service): mirrors the API server's kubernetesservice
/// Controller.UpdateKubernetesService (pkg/controlplane/controller/kubernetesservice), which
/// runs every 10 s and creates the Service, same ClusterIP, if it is missing, and the endpoint
/// reconciler, which writes the Endpoints back.
pub fn ensure_kubernetes_service(cluster: &mut Cluster) {
    let now = cluster.time();
    if (now.0 + BOOTSTRAP_AGE_SECONDS).rem_euclid(KUBERNETES_SERVICE_INTERVAL_SECONDS) != 0 {
        return;
    }
    if crate::engine::objects::get(cluster, Kind::Service, "default", "kubernetes").is_none() {
        let _ = create_service(cluster, kubernetes_service());
    }
    if crate::engine::objects::get(cluster, Kind::Endpoints, "default", "kubernetes").is_none() {
        let _ = cluster.store.create(kubernetes_endpoints(), now, &mut cluster.rng);
    }
}

const COREFILE: &str = ".:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
";

/// The `coredns` Deployment as kubeadm/kind install it (built here rather than parsed from JSON:
/// a JSON decoder for `Deployment` used once would be a second copy of it in the wasm).
fn coredns_deployment() -> Deployment {
    use crate::engine::api::deployment::{DeploymentSpec, DeploymentStrategy, RollingUpdateDeployment};
    use crate::engine::api::pod::{ConfigMapVolumeSource, Container, ContainerPort, HttpGetAction, KeyToPath, PodTemplateSpec, Probe, ResourceRequirements, Volume, VolumeMount};
    use crate::engine::api::selector::LabelSelector;
    use serde_json::json;
    let text = |text: &str| Some(text.to_string());
    let map = |pairs: &[(&str, &str)]| pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect_map::<BTreeMap<String, String>>();
    let quantities = |pairs: &[(&str, &str)]| pairs.iter().map(|(k, v)| (k.to_string(), json!(v))).collect_map::<BTreeMap<String, serde_json::Value>>();
    let labels = map(&[("k8s-app", "kube-dns")]);
    let port = |name: &str, protocol: &str, number: i32| ContainerPort { name: text(name), container_port: number, protocol: text(protocol), ..Default::default() };
    let http_get = |path: &str, port: i32| Some(HttpGetAction { path: text(path), port: IntOrString::Int(port), scheme: text("HTTP"), ..Default::default() });
    let container = Container {
        name: "coredns".into(),
        image: Some(Text::from_static("registry.k8s.io/coredns/coredns:v1.11.3")),
        image_pull_policy: Some(Text::from_static("IfNotPresent")),
        args: vec!["-conf".into(), "/etc/coredns/Corefile".into()].into(),
        resources: Some(ResourceRequirements { limits: quantities(&[("memory", "170Mi")]), requests: quantities(&[("cpu", "100m"), ("memory", "70Mi")]) }),
        volume_mounts: vec![VolumeMount { name: "config-volume".into(), mount_path: "/etc/coredns".into(), read_only: Some(true), ..Default::default() }],
        ports: vec![port("dns", "UDP", 53), port("dns-tcp", "TCP", 53), port("metrics", "TCP", 9153)],
        liveness_probe: Some(Box::new(Probe {
            http_get: http_get("/health", 8080),
            initial_delay_seconds: Some(60),
            timeout_seconds: Some(5),
            success_threshold: Some(1),
            failure_threshold: Some(5),
            ..Default::default()
        })),
        readiness_probe: Some(Box::new(Probe { http_get: http_get("/ready", 8181), ..Default::default() })),
        ..Default::default()
    };
    let volume = Volume {
        name: "config-volume".into(),
        config_map: Some(Box::new(ConfigMapVolumeSource {
            name: "coredns".into(),
            items: vec![KeyToPath { key: "Corefile".into(), path: "Corefile".into(), mode: None }],
            ..Default::default()
        })),
        ..Default::default()
    };
    let pod_spec = PodSpec {
        service_account_name: Some(Text::from_static("coredns")),
        tolerations: Shared::new(vec![
            json!({"key": "CriticalAddonsOnly", "operator": "Exists"}),
            json!({"effect": "NoSchedule", "key": "node-role.kubernetes.io/control-plane"}),
        ]),
        node_selector: map(&[("kubernetes.io/os", "linux")]).into(),
        containers: Shared::new(vec![container]),
        dns_policy: Some(Text::from_static("Default")),
        volumes: Shared::new(vec![volume]),
        extra: [("priorityClassName".to_string(), json!("system-cluster-critical"))].collect_map(),
        ..Default::default()
    };
    Deployment {
        metadata: ObjectMeta { name: "coredns".into(), namespace: Some(Text::from_static("kube-system")), labels: labels.clone().into(), ..Default::default() },
        spec: DeploymentSpec {
            replicas: Some(2),
            selector: Some(LabelSelector { match_labels: labels.clone(), ..Default::default() }),
            strategy: DeploymentStrategy {
                type_: text("RollingUpdate"),
                rolling_update: Some(RollingUpdateDeployment { max_unavailable: Some(IntOrString::Int(1)), max_surge: None }),
            },
            template: PodTemplateSpec { metadata: ObjectMeta { labels: labels.into(), ..Default::default() }, spec: pod_spec },
            ..Default::default()
        },
        ..Default::default()
    }
}

/// CoreDNS as kubeadm/kind install it: the `kube-dns` Service at 10.96.0.10 and the `coredns`
/// Deployment, created through the controllers and already running when the learner arrives.
fn bootstrap_dns(cluster: &mut Cluster, born: crate::engine::clock::Time) {
    let config = ConfigMap {
        metadata: ObjectMeta { name: "coredns".into(), namespace: Some("kube-system".into()), ..Default::default() },
        data: [("Corefile".to_string(), COREFILE.to_string())].collect_map(),
        ..Default::default()
    };
    let _ = cluster.store.create(config, born, &mut cluster.rng);
    let labels: BTreeMap<String, String> = [("k8s-app", "kube-dns"), ("kubernetes.io/cluster-service", "true"), ("kubernetes.io/name", "CoreDNS")].iter().map(|(k, v)| (k.to_string(), v.to_string())).collect_map();
    let port = |name: &str, protocol: &str, number: i32| ServicePort { name: Some(name.into()), protocol: Some(protocol.into()), port: number, target_port: Some(IntOrString::Int(number)), node_port: None, extra: Default::default() };
    let dns = Service {
        metadata: ObjectMeta { name: "kube-dns".into(), namespace: Some("kube-system".into()), labels: labels.into(), annotations: [("prometheus.io/port".to_string(), "9153".to_string()), ("prometheus.io/scrape".to_string(), "true".to_string())].collect_map(), ..Default::default() },
        spec: crate::engine::api::core::ServiceSpec {
            ports: vec![port("dns", "UDP", 53), port("dns-tcp", "TCP", 53), port("metrics", "TCP", 9153)],
            selector: [("k8s-app".to_string(), "kube-dns".to_string())].collect_map(),
            cluster_ip: Some("10.96.0.10".into()),
            ..Default::default()
        },
        status: BTreeMap::new(),
    };
    let _ = create_service(cluster, dns);
    let _ = create_deployment(cluster, coredns_deployment());
    cluster.settle();
    crate::engine::scheduler::schedule_pending(cluster);
    cluster.settle();
    let pods: Vec<Rc<Pod>> = cluster.store.pods.in_namespace("kube-system").cloned().collect();
    for pod in pods {
        crate::engine::kubelet::start_at_bootstrap(cluster, &pod);
    }
    cluster.settle();
    // Everything in kube-system was created when the cluster came up.
    macro_rules! age {
        ($field:ident) => {
            let items: Vec<_> = cluster.store.$field.in_namespace("kube-system").cloned().collect();
            for item in items {
                let mut aged = (*item).clone();
                aged.metadata.creation_timestamp = Some(born);
                let _ = cluster.store.replace_unchecked(aged);
            }
        };
    }
    age!(deployments);
    age!(replica_sets);
    age!(pods);
    age!(services);
    age!(endpoints);
    age!(config_maps);
    cluster.events.forget_bootstrap(&mut cluster.store);
}

/// How long before virtual time zero the bootstrap objects were created.
pub const BOOTSTRAP_AGE_SECONDS: i64 = 900;

fn node_resources() -> BTreeMap<String, String> {
    [("cpu", "4"), ("ephemeral-storage", "61255492Ki"), ("hugepages-2Mi", "0"), ("memory", "8Gi"), ("pods", "110")]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn node_condition(type_: &str, status: &str, reason: &str, message: &str) -> NodeCondition {
    NodeCondition {
        type_: type_.into(),
        status: status.into(),
        last_heartbeat_time: Some(crate::engine::clock::Time(0)),
        last_transition_time: Some(crate::engine::clock::Time(0)),
        reason: Some(reason.into()),
        message: Some(message.into()),
    }
}

/// Creates a namespace and its `kube-root-ca.crt` ConfigMap.
pub fn create_namespace(cluster: &mut Cluster, name: &str) -> Result<Rc<Namespace>, ApiError> {
    let now = cluster.time();
    create_namespace_at(cluster, name, now)
}

fn create_namespace_at(cluster: &mut Cluster, name: &str, at: crate::engine::clock::Time) -> Result<Rc<Namespace>, ApiError> {
    let namespace = Namespace {
        metadata: ObjectMeta { name: name.into(), labels: [("kubernetes.io/metadata.name".to_string(), name.to_string())].collect_map(), ..Default::default() },
        spec: [("finalizers".to_string(), serde_json::json!(["kubernetes"]))].collect_map(),
        status: NamespaceStatus { phase: Some("Active".into()), ..Default::default() },
    };
    create_namespace_object_at(cluster, namespace, at)
}

pub fn create_namespace_object(cluster: &mut Cluster, namespace: Namespace) -> Result<Rc<Namespace>, ApiError> {
    let now = cluster.time();
    create_namespace_object_at(cluster, namespace, now)
}

fn create_namespace_object_at(cluster: &mut Cluster, mut namespace: Namespace, now: crate::engine::clock::Time) -> Result<Rc<Namespace>, ApiError> {
    let mut errors = Vec::new();
    validation::validate_namespace_name(&namespace.metadata, &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::invalid("Namespace", &namespace.metadata.name, errors));
    }
    let name = namespace.metadata.name.clone();
    namespace.metadata.labels.insert("kubernetes.io/metadata.name".into(), name.to_string());
    // PrepareForCreate (pkg/registry/core/namespace/strategy.go): a new namespace is Active.
    namespace.status = NamespaceStatus { phase: Some("Active".into()), ..Default::default() };
    namespace.spec.entry("finalizers".into()).or_insert_with(|| serde_json::json!(["kubernetes"]));
    let created = cluster.store.create(namespace, now, &mut cluster.rng)?;
    let root_ca = ConfigMap {
        metadata: ObjectMeta {
            name: "kube-root-ca.crt".into(),
            namespace: Some(name),
            annotations: [("kubernetes.io/description".to_string(), "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IPs or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.".to_string())].collect_map(),
            ..Default::default()
        },
        data: [("ca.crt".to_string(), KUBEPLAY_CA.to_string())].collect_map(),
        ..Default::default()
    };
    let _ = cluster.store.create(root_ca, now, &mut cluster.rng);
    Ok(created)
}

/// A made-up CA certificate for `kube-root-ca.crt` (no real key exists).
const KUBEPLAY_CA: &str = "-----BEGIN CERTIFICATE-----\nMIIC/jCCAeagAwIBAgIBADANBgkqhkiG9w0BAQsFADAVMRMwEQYDVQQDEwprdWJl\ncGxheS1jYTAeFw0yNjExMjMwMDAwMDBaFw0zNjExMjEwMDAwMDBaMBUxEzARBgNV\nBAMTCmt1YmVwbGF5LWNhMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END CERTIFICATE-----\n";

/// The NamespaceLifecycle admission plugin on a create: the namespace must exist and must not be
/// terminating. Mirrors Lifecycle.Admit (staging/src/k8s.io/apiserver/pkg/admission/plugin/
/// namespace/lifecycle/admission.go) and admission.NewForbidden, whose message names the
/// resource and the object (`pods "p" is forbidden: ...`; without a name, `pods is forbidden`).
pub(crate) fn ensure_namespace(cluster: &Cluster, kind: Kind, name: &str, namespace: &str) -> Result<(), ApiError> {
    match cluster.store.get_ref::<Namespace>(KeyRef("", namespace)) {
        Some(ns) if ns.status.phase.as_deref() == Some("Terminating") || ns.metadata.is_deleting() => {
            let what = if name.is_empty() { kind.resource().to_string() } else { format!("{} \"{name}\"", kind.resource()) };
            Err(ApiError::Forbidden { message: format!("{what} is forbidden: unable to create new content in namespace {namespace} because it is being terminated") })
        }
        Some(_) => Ok(()),
        None => Err(ApiError::NotFound { resource: "namespaces".into(), name: namespace.into() }),
    }
}

/// The RBAC check of a request by the user a kubectl command impersonates (`--as`); the
/// learner's own requests (and the controllers') are not checked.
pub fn authorize(cluster: &Cluster, verb: &str, kind: Kind, namespace: &str, name: &str) -> Result<(), ApiError> {
    let Some(acting) = &cluster.acting else { return Ok(()) };
    let resource = crate::engine::resources::of_kind(kind);
    let attributes = crate::engine::rbac_authorizer::Attributes {
        verb: verb.into(),
        namespace: if kind.namespaced() { namespace.to_string() } else { String::new() },
        api_group: resource.group.into(),
        resource: resource.plural.into(),
        subresource: if verb == acting.update_verb { acting.subresource.into() } else { String::new() },
        name: name.to_string(),
        path: None,
    };
    let decision = crate::engine::rbac_authorizer::authorize(cluster, &acting.user, &attributes);
    if decision.allowed {
        return Ok(());
    }
    Err(ApiError::Forbidden { message: crate::engine::rbac_authorizer::forbidden_message(&acting.user, &attributes, kind.resource(), &decision.reason) })
}

/// Creates any object through the apiserver's write path.
pub fn create_object(cluster: &mut Cluster, object: Obj) -> Result<Obj, ApiError> {
    {
        let kind = crate::engine::objects::kind_of(&object);
        let meta = crate::engine::objects::meta(&object);
        authorize(cluster, "create", kind, meta.ns(), "")?;
    }
    // The ResourceQuota plugin on the kinds other than pods and claims (`create_pod` and
    // `create_claim` run it in its place): it charges the quotas first, so a create that then fails has their usage
    // recomputed.
    let kind = crate::engine::objects::kind_of(&object);
    let charged = !matches!(kind, Kind::Pod | Kind::PersistentVolumeClaim) && kind.namespaced() && !cluster.store.resource_quotas.is_empty();
    if charged {
        let name = crate::engine::objects::meta(&object).name.clone();
        crate::engine::quota_registry::quota_admit(cluster, &object)
            .map_err(|message| ApiError::Forbidden { message: format!("{} \"{name}\" is forbidden: {message}", kind.resource()) })?;
    }
    let namespace = crate::engine::objects::meta(&object).ns().to_string();
    let created = create_any(cluster, object);
    if charged && created.is_err() {
        crate::engine::controllers::resource_quota::resync_namespace(cluster, &namespace);
    }
    created
}

fn create_any(cluster: &mut Cluster, object: Obj) -> Result<Obj, ApiError> {
    Ok(match object {
        Obj::Deployment(d) => Obj::Deployment(create_deployment(cluster, (*d).clone())?),
        Obj::ReplicaSet(rs) => Obj::ReplicaSet(create_replica_set(cluster, (*rs).clone())?),
        Obj::Pod(pod) => Obj::Pod(create_pod(cluster, (*pod).clone())?),
        Obj::Service(svc) => Obj::Service(create_service(cluster, (*svc).clone())?),
        Obj::ConfigMap(cm) => Obj::ConfigMap(create_namespaced(cluster, (*cm).clone())?),
        Obj::Secret(secret) => Obj::Secret(create_secret(cluster, (*secret).clone())?),
        Obj::Namespace(ns) => Obj::Namespace(create_namespace_object(cluster, (*ns).clone())?),
        Obj::Endpoints(ep) => Obj::Endpoints(create_namespaced(cluster, (*ep).clone())?),
        Obj::Node(node) => {
            let now = cluster.time();
            let created = cluster.store.create((*node).clone(), now, &mut cluster.rng)?;
            crate::engine::scheduler::retry_unschedulable(cluster);
            Obj::Node(created)
        }
        Obj::Event(event) => Obj::Event(create_namespaced(cluster, (*event).clone())?),
        Obj::Job(job) => Obj::Job(create_job(cluster, (*job).clone())?),
        Obj::StorageClass(class) => Obj::StorageClass(storage_registry::create_storage_class(cluster, (*class).clone())?),
        Obj::PersistentVolumeClaim(claim) => Obj::PersistentVolumeClaim(storage_registry::create_claim(cluster, (*claim).clone())?),
        Obj::PersistentVolume(volume) => Obj::PersistentVolume(storage_registry::create_volume(cluster, (*volume).clone())?),
        Obj::Ingress(ingress) => Obj::Ingress(crate::engine::ingress_registry::create_ingress(cluster, (*ingress).clone())?),
        Obj::IngressClass(class) => Obj::IngressClass(crate::engine::ingress_registry::create_ingress_class(cluster, (*class).clone())?),
        Obj::ServiceAccount(account) => Obj::ServiceAccount(create_namespaced(cluster, (*account).clone())?),
        Obj::DaemonSet(ds) => Obj::DaemonSet(crate::engine::daemon_set_registry::create(cluster, (*ds).clone())?),
        Obj::StatefulSet(sts) => Obj::StatefulSet(crate::engine::stateful_set_registry::create(cluster, (*sts).clone())?),
        Obj::ReplicationController(rc) => Obj::ReplicationController(crate::engine::replication_controller_registry::create(cluster, (*rc).clone())?),
        Obj::NetworkPolicy(policy) => Obj::NetworkPolicy(crate::engine::network_policy_registry::create(cluster, (*policy).clone())?),
        Obj::PodDisruptionBudget(pdb) => Obj::PodDisruptionBudget(crate::engine::disruption_budget_registry::create(cluster, (*pdb).clone())?),
        Obj::HorizontalPodAutoscaler(hpa) => Obj::HorizontalPodAutoscaler(crate::engine::autoscaler_registry::create(cluster, (*hpa).clone())?),
        Obj::LimitRange(range) => Obj::LimitRange(crate::engine::quota_registry::create_limit_range(cluster, (*range).clone())?),
        Obj::ResourceQuota(quota) => Obj::ResourceQuota(crate::engine::quota_registry::create_quota(cluster, (*quota).clone())?),
        Obj::CronJob(cron_job) => Obj::CronJob(crate::engine::cron_job_registry::create(cluster, (*cron_job).clone())?),
        Obj::Role(_) | Obj::ClusterRole(_) | Obj::RoleBinding(_) | Obj::ClusterRoleBinding(_) => crate::engine::rbac_registry::create(cluster, object)?,
    })
}

pub(crate) fn create_namespaced<T: Stored>(cluster: &mut Cluster, object: T) -> Result<Rc<T>, ApiError> {
    ensure_namespace(cluster, T::KIND, &object.meta().name, object.meta().ns())?;
    let mut errors = Vec::new();
    validation::validate_name(object.meta(), false, &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::invalid(T::KIND.name(), &object.meta().name, errors));
    }
    let now = cluster.time();
    cluster.store.create(object, now, &mut cluster.rng)
}

pub fn create_deployment(cluster: &mut Cluster, mut deployment: Deployment) -> Result<Rc<Deployment>, ApiError> {
    defaults::default_deployment(&mut deployment);
    let errors = validation::validate_deployment(&deployment);
    if !errors.is_empty() {
        return Err(ApiError::invalid("Deployment", &deployment.metadata.name, errors));
    }
    deployment.status = Default::default();
    create_namespaced(cluster, deployment)
}

pub fn create_replica_set(cluster: &mut Cluster, mut replica_set: ReplicaSet) -> Result<Rc<ReplicaSet>, ApiError> {
    defaults::default_replica_set(&mut replica_set);
    let errors = validation::validate_replica_set(&replica_set);
    if !errors.is_empty() {
        return Err(ApiError::invalid("ReplicaSet", &replica_set.metadata.name, errors));
    }
    replica_set.status = Default::default();
    create_namespaced(cluster, replica_set)
}

/// The Job registry's create: defaults, then `PrepareForCreate` (`generateSelectorIfNeeded`,
/// which needs the UID, so it is drawn here), status cleared, `ValidateJob`. Mirrors
/// pkg/registry/batch/job/strategy.go.
#[inline(never)]
pub fn create_job(cluster: &mut Cluster, mut job: Job) -> Result<Rc<Job>, ApiError> {
    ensure_namespace(cluster, Kind::Job, &job.metadata.name, job.metadata.ns())?;
    defaults::default_job(&mut job);
    if job.metadata.name.is_empty() {
        if let Some(base) = job.metadata.generate_name.clone() {
            let base: String = base.chars().take(58).collect();
            job.metadata.name = format!("{base}{}", cluster.rng.name_suffix(5)).into();
        }
    }
    job.metadata.uid = cluster.rng.uid().into();
    if job.spec.manual_selector != Some(true) {
        generate_selector(&mut job);
    }
    // The stored Job is decoded (and defaulted) again when read: it takes the template's labels,
    // generated ones included, when it has none.
    if job.metadata.labels.is_empty() {
        job.metadata.labels = job.spec.template.metadata.labels.clone();
    }
    job.status = Default::default();
    let errors = validation::validate_job(&job);
    if !errors.is_empty() {
        return Err(ApiError::invalid("Job", &job.metadata.name, errors));
    }
    let uid = std::mem::take(&mut job.metadata.uid);
    let now = cluster.time();
    cluster.store.create_with_uid(job, uid.to_string(), now, &mut cluster.rng)
}

/// Mirrors `generateSelector` (pkg/registry/batch/job/strategy.go): the job-name and
/// controller-uid labels (legacy and prefixed) on the template unless given, and the selector
/// `batch.kubernetes.io/controller-uid=<uid>`.
fn generate_selector(job: &mut Job) {
    let (name, uid) = (job.metadata.name.clone(), job.metadata.uid.clone());
    let labels = &mut job.spec.template.metadata.labels;
    for (key, value) in [(LEGACY_JOB_NAME_LABEL, &name), (JOB_NAME_LABEL, &name), (LEGACY_CONTROLLER_UID_LABEL, &uid), (CONTROLLER_UID_LABEL, &uid)] {
        if !labels.contains_key(key) {
            labels.insert(key.to_string(), value.to_string());
        }
    }
    let selector = job.spec.selector.get_or_insert_with(Default::default);
    selector.match_labels.entry(CONTROLLER_UID_LABEL.to_string()).or_insert(uid.to_string());
}

/// Pod admission: defaults, the service account token volume, default tolerations, priority.
pub fn create_pod(cluster: &mut Cluster, mut pod: Pod) -> Result<Rc<Pod>, ApiError> {
    let spec = Rc::make_mut(&mut pod.spec);
    defaults::default_pod_spec(spec);
    crate::engine::quota_registry::default_pod_resources(&mut pod);
    let name = if pod.metadata.name.is_empty() { pod.metadata.generate_name.clone().unwrap_or_default() } else { pod.metadata.name.clone() };
    // Admission before validation, in the plugins' order: NamespaceLifecycle, LimitRanger, then
    // ServiceAccount; LimitRanger's and ResourceQuota's validation after it, on the named pod.
    ensure_namespace(cluster, Kind::Pod, &pod.metadata.name, pod.metadata.ns())?;
    let policies = crate::engine::quota_registry::has_policies(cluster, pod.metadata.ns());
    if policies {
        crate::engine::quota_registry::limit_ranger_mutate(cluster, &mut pod);
    }
    let account = service_account_of(cluster, &pod, &name)?;
    let mut errors = Vec::new();
    validation::validate_name(&pod.metadata, false, &mut errors);
    validation::validate_pod_spec(&pod.spec, "spec", false, &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::invalid("Pod", &name, errors));
    }
    admit_pod(cluster, Rc::make_mut(&mut pod.spec), &account);
    if policies {
        // The validating plugins see the generated name (`AdmissionToValidateObjectFunc`).
        cluster.store.generate_name(&mut pod, &mut cluster.rng);
        let shown = pod.metadata.name.clone();
        let forbidden = |message: String| ApiError::Forbidden { message: format!("pods \"{shown}\" is forbidden: {message}") };
        crate::engine::quota_registry::limit_ranger_validate(cluster, &pod).map_err(forbidden)?;
        crate::engine::quota_registry::quota_admit(cluster, &Obj::Pod(Rc::new(pod.clone()))).map_err(forbidden)?;
    }
    pod.status = crate::engine::api::pod::PodStatus { phase: Some(Text::from_static("Pending")), qos_class: Some(Text::from_static(qos_class(&pod.spec))), ..Default::default() };
    // The namespace and the name were checked above, in admission's order: stored as they are.
    let now = cluster.time();
    cluster.store.create(pod, now, &mut cluster.rng)
}

fn qos_class(spec: &PodSpec) -> &'static str {
    let mut any = false;
    let mut guaranteed = !spec.containers.is_empty();
    for container in &spec.containers {
        let none = Default::default();
        let resources = container.resources.as_ref().unwrap_or(&none);
        if !resources.requests.is_empty() || !resources.limits.is_empty() {
            any = true;
        }
        for key in ["cpu", "memory"] {
            let limit = resources.limits.get(key);
            if limit.is_none() || resources.requests.get(key).is_some_and(|r| Some(r) != limit) {
                guaranteed = false;
            }
        }
    }
    if guaranteed && any {
        "Guaranteed"
    } else if any {
        "Burstable"
    } else {
        "BestEffort"
    }
}

/// The ServiceAccount admission plugin's lookup (`Admit` and `getServiceAccount` in
/// plugin/pkg/admission/serviceaccount/admission.go): the pod's account, `default` when it names
/// none, must exist in its namespace, or the pod is forbidden (`NewForbidden` names a pod by its
/// generateName before a name is generated). For `default` the plugin retries for a second or
/// two, long enough for the service accounts controller to create it in a namespace just made:
/// that controller's sync runs here, in the wait.
fn service_account_of(cluster: &mut Cluster, pod: &Pod, shown_name: &str) -> Result<Rc<ServiceAccount>, ApiError> {
    use crate::engine::controllers::service_account::{self, DEFAULT_ACCOUNT};
    let account = pod.spec.service_account_name.as_deref().filter(|name| !name.is_empty()).unwrap_or(DEFAULT_ACCOUNT);
    let namespace = pod.metadata.ns();
    if account == DEFAULT_ACCOUNT && cluster.store.get_ref::<ServiceAccount>(KeyRef(namespace, account)).is_none() {
        service_account::sync(cluster, &Key::new("", namespace));
    }
    cluster.store.get_ref::<ServiceAccount>(KeyRef(namespace, account)).ok_or_else(|| ApiError::Forbidden {
        message: format!("pods \"{shown_name}\" is forbidden: error looking up service account {namespace}/{account}: serviceaccount \"{account}\" not found"),
    })
}

/// `shouldAutomount`: the pod's `automountServiceAccountToken` if set, else the account's, else
/// true.
fn should_automount(account: &ServiceAccount, spec: &PodSpec) -> bool {
    spec.extra.get("automountServiceAccountToken").and_then(serde_json::Value::as_bool).or(account.automount_service_account_token).unwrap_or(true)
}

fn admit_pod(cluster: &mut Cluster, spec: &mut PodSpec, account: &ServiceAccount) {
    if spec.service_account_name.as_deref().is_none_or(str::is_empty) {
        spec.service_account_name = Some(Text::from_static("default"));
    }
    spec.service_account = spec.service_account_name.clone();
    // The account's image pull secrets, when the pod has none of its own.
    let own_pull_secrets = spec.extra.get("imagePullSecrets").and_then(serde_json::Value::as_array).is_some_and(|list| !list.is_empty());
    if !own_pull_secrets && !account.image_pull_secrets.is_empty() {
        let names: Vec<serde_json::Value> = account.image_pull_secrets.iter().map(|s| serde_json::json!({"name": s.name.as_deref().unwrap_or_default()})).collect();
        spec.extra.insert("imagePullSecrets".to_string(), serde_json::Value::Array(names));
    }
    spec.enable_service_links.get_or_insert(true);
    spec.priority.get_or_insert(0);
    if spec.preemption_policy.is_none() {
        spec.preemption_policy = Some(Text::from_static("PreemptLowerPriority"));
    }
    match &cluster.allocator.tolerations {
        Some((given, admitted)) if *given == spec.tolerations => spec.tolerations = admitted.clone(),
        _ => {
            let given = spec.tolerations.clone();
            for key in ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"] {
                if !spec.tolerations.iter().any(|t| t.get("key").and_then(|k| k.as_str()) == Some(key)) {
                    spec.tolerations.push(serde_json::json!({"effect": "NoExecute", "key": key, "operator": "Exists", "tolerationSeconds": 300}));
                }
            }
            cluster.allocator.tolerations = Some((given, spec.tolerations.clone()));
        }
    }
    let mounted = spec.containers.iter().chain(&spec.init_containers).any(|c| c.volume_mounts.iter().any(|m| *m.mount_path == *SERVICE_ACCOUNT_MOUNT_PATH));
    if should_automount(account, spec) && !mounted && !spec.volumes.iter().any(|v| v.name.starts_with("kube-api-access-")) {
        let name = Text::from(format!("kube-api-access-{}", cluster.rng.name_suffix(5)));
        let source = cluster.allocator.api_access_source.get_or_insert_with(|| {
            let mut extra = BTreeMap::new();
            extra.insert(
                "projected".to_string(),
                serde_json::json!({
                    "defaultMode": 420,
                    "sources": [
                        {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                        {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}], "name": "kube-root-ca.crt"}},
                        {"downwardAPI": {"items": [{"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}, "path": "namespace"}]}}
                    ]
                }),
            );
            Shared::new(extra)
        });
        let volume = crate::engine::api::pod::Volume { name: name.clone(), extra: source.clone(), ..Default::default() };
        // Exact capacity: these lists are copied into every pod of a ReplicaSet.
        spec.volumes.reserve_exact(1);
        spec.volumes.push(volume);
        // Init containers first, then the containers (mountServiceAccountToken).
        for container in spec.init_containers.iter_mut().chain(spec.containers.iter_mut()) {
            container.volume_mounts.reserve_exact(1);
            let mount = crate::engine::api::pod::VolumeMount { name: name.clone(), mount_path: Text::from_static(SERVICE_ACCOUNT_MOUNT_PATH), read_only: Some(true), ..Default::default() };
            container.volume_mounts.push(mount);
        }
    }
}

/// `DefaultAPITokenMountPath`: where the token volume is mounted.
const SERVICE_ACCOUNT_MOUNT_PATH: &str = "/var/run/secrets/kubernetes.io/serviceaccount";

/// `CreatePodsWithControllerRef`: a pod from the ReplicaSet's template, named `<rs>-xxxxx`.
pub fn create_pod_from_template(cluster: &mut Cluster, rs: &ReplicaSet) -> Result<Rc<Pod>, ApiError> {
    let template = &rs.spec.template;
    let (generate_name, owner_references) = match &cluster.allocator.template_owner {
        Some((_, owners)) if owners[0].uid == *rs.metadata.uid && owners[0].name == *rs.metadata.name => cluster.allocator.template_owner.clone().expect("matched"),
        _ => {
            let made = (Text::from(format!("{}-", rs.metadata.name)), Shared::new(vec![OwnerReference::controller_of("apps/v1", "ReplicaSet", &rs.metadata)]));
            cluster.allocator.template_owner = Some(made.clone());
            made
        }
    };
    let pod = Pod {
        metadata: ObjectMeta {
            generate_name: Some(generate_name),
            namespace: Some(rs.metadata.ns_text()),
            labels: template.metadata.labels.clone(),
            annotations: template.metadata.annotations.clone(),
            owner_references,
            ..Default::default()
        },
        spec: Rc::new(template.spec.clone()),
        status: Default::default(),
    };
    create_pod(cluster, pod)
}

/// Service admission: defaults, a ClusterIP from 10.96.0.0/12, node ports from 30000-32767.
pub fn create_service(cluster: &mut Cluster, mut service: Service) -> Result<Rc<Service>, ApiError> {
    ensure_namespace(cluster, Kind::Service, &service.metadata.name, service.metadata.ns())?;
    defaults::default_service(&mut service);
    let errors = validation::validate_service(&service);
    if !errors.is_empty() {
        return Err(ApiError::invalid("Service", &service.metadata.name, errors));
    }
    let type_ = service.spec.type_.clone().unwrap_or_default();
    if type_ != "ExternalName" {
        let ip = match service.spec.cluster_ip.clone() {
            Some(ip) if ip == "None" => ip,
            Some(ip) if !ip.is_empty() => {
                if !cluster.allocator.cluster_ips.insert(ip.clone()) {
                    return Err(ApiError::invalid("Service", &service.metadata.name, vec![validation::FieldError::invalid("spec.clusterIPs", &format!("[]string{{{ip:?}}}"), &format!("failed to allocate IP {ip}: provided IP is already allocated"))]));
                }
                ip
            }
            _ => loop {
                let n = cluster.rng.below(0x000f_fffe) as u32 + 2;
                let ip = format!("10.{}.{}.{}", 96 + (n >> 16), (n >> 8) & 0xff, n & 0xff);
                if cluster.allocator.cluster_ips.insert(ip.clone()) {
                    break ip;
                }
            },
        };
        service.spec.cluster_ip = Some(ip.clone());
        service.spec.cluster_ips = vec![ip];
        service.spec.ip_families = vec!["IPv4".into()];
        service.spec.ip_family_policy.get_or_insert_with(|| "SingleStack".into());
    }
    if type_ == "NodePort" || type_ == "LoadBalancer" {
        for index in 0..service.spec.ports.len() {
            let requested = service.spec.ports[index].node_port.filter(|p| *p != 0);
            let port = match requested {
                Some(port) => {
                    if !cluster.allocator.node_ports.insert(port) {
                        return Err(ApiError::invalid("Service", &service.metadata.name, vec![validation::FieldError::invalid(&format!("spec.ports[{index}].nodePort"), &port.to_string(), "provided port is already allocated")]));
                    }
                    port
                }
                None => loop {
                    let port = 30000 + cluster.rng.below(2768) as i32;
                    if cluster.allocator.node_ports.insert(port) {
                        break port;
                    }
                },
            };
            service.spec.ports[index].node_port = Some(port);
        }
        if type_ == "LoadBalancer" {
            service.status.insert("loadBalancer".into(), serde_json::json!({}));
        }
    } else {
        service.status.insert("loadBalancer".into(), serde_json::json!({}));
    }
    let now = cluster.time();
    cluster.store.create(service, now, &mut cluster.rng)
}

/// Secret admission: `stringData` is merged into base64 `data`; type defaults to Opaque.
pub fn create_secret(cluster: &mut Cluster, mut secret: Secret) -> Result<Rc<Secret>, ApiError> {
    merge_string_data(&mut secret);
    create_namespaced(cluster, secret)
}

pub fn merge_string_data(secret: &mut Secret) {
    for (key, value) in std::mem::take(&mut secret.string_data) {
        secret.data.insert(key, crate::engine::base64::encode(value.as_bytes()));
    }
    if secret.type_.is_none() {
        secret.type_ = Some("Opaque".into());
    }
}

/// Replaces an object (kubectl apply, replace, set, scale, ...): defaults and validation as on
/// create, immutable fields checked, generation bumped by the store.
pub fn update_object(cluster: &mut Cluster, object: Obj) -> Result<Obj, ApiError> {
    if let Some(verb) = cluster.acting.as_ref().map(|acting| acting.update_verb) {
        let meta = crate::engine::objects::meta(&object);
        authorize(cluster, verb, crate::engine::objects::kind_of(&object), meta.ns(), &meta.name)?;
    }
    Ok(match object {
        Obj::Deployment(d) => {
            let mut d = (*d).clone();
            defaults::default_deployment(&mut d);
            let mut errors = validation::validate_deployment(&d);
            if let Some(old) = cluster.store.get::<Deployment>(&Key::of(&d.metadata, true)) {
                if old.spec.selector != d.spec.selector {
                    let shown = d.spec.selector.clone().unwrap_or_default();
                    errors.push(validation::FieldError::invalid(
                        "spec.selector",
                        &format!("v1.LabelSelector{{MatchLabels:{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}}", validation::go_map(&shown.match_labels)),
                        "field is immutable",
                    ));
                }
                d.status = old.status.clone();
            }
            if !errors.is_empty() {
                return Err(ApiError::invalid("Deployment", &d.metadata.name, errors));
            }
            Obj::Deployment(cluster.store.update(d)?)
        }
        Obj::ReplicaSet(rs) => {
            let mut rs = (*rs).clone();
            defaults::default_replica_set(&mut rs);
            let errors = validation::validate_replica_set(&rs);
            if !errors.is_empty() {
                return Err(ApiError::invalid("ReplicaSet", &rs.metadata.name, errors));
            }
            if let Some(old) = cluster.store.get::<ReplicaSet>(&Key::of(&rs.metadata, true)) {
                rs.status = old.status.clone();
            }
            Obj::ReplicaSet(cluster.store.update(rs)?)
        }
        Obj::Pod(pod) => {
            let mut pod = (*pod).clone();
            if let Some(old) = cluster.store.get::<Pod>(&Key::of(&pod.metadata, true)) {
                defaults::default_pod_spec(Rc::make_mut(&mut pod.spec));
                crate::engine::pod_update::validate(&old, &pod)?;
                // What may change is taken from the update; the rest is the stored spec.
                let mut spec = (*old.spec).clone();
                crate::engine::pod_update::take_updatable(&mut spec, &pod.spec);
                pod.spec = Rc::new(spec);
                pod.status = old.status.clone();
            }
            Obj::Pod(cluster.store.update(pod)?)
        }
        Obj::Service(svc) => {
            let mut svc = (*svc).clone();
            defaults::default_service(&mut svc);
            if let Some(old) = cluster.store.get::<Service>(&Key::of(&svc.metadata, true)) {
                if svc.spec.cluster_ip.is_none() {
                    svc.spec.cluster_ip = old.spec.cluster_ip.clone();
                    svc.spec.cluster_ips = old.spec.cluster_ips.clone();
                }
                svc.spec.ip_families = old.spec.ip_families.clone();
                svc.spec.ip_family_policy = old.spec.ip_family_policy.clone().or(svc.spec.ip_family_policy.clone());
                for port in &mut svc.spec.ports {
                    if port.node_port.is_none() {
                        port.node_port = old.spec.ports.iter().find(|p| p.port == port.port).and_then(|p| p.node_port);
                    }
                }
                svc.status = old.status.clone();
            }
            let errors = validation::validate_service(&svc);
            if !errors.is_empty() {
                return Err(ApiError::invalid("Service", &svc.metadata.name, errors));
            }
            Obj::Service(cluster.store.update(svc)?)
        }
        Obj::ConfigMap(cm) => Obj::ConfigMap(cluster.store.update((*cm).clone())?),
        Obj::Secret(secret) => {
            let mut secret = (*secret).clone();
            merge_string_data(&mut secret);
            Obj::Secret(cluster.store.update(secret)?)
        }
        Obj::Namespace(ns) => Obj::Namespace(cluster.store.update((*ns).clone())?),
        Obj::Endpoints(ep) => Obj::Endpoints(cluster.store.update((*ep).clone())?),
        Obj::Node(node) => Obj::Node(cluster.store.update((*node).clone())?),
        Obj::Event(event) => Obj::Event(cluster.store.update((*event).clone())?),
        Obj::Job(job) => Obj::Job(update_job(cluster, (*job).clone())?),
        Obj::StorageClass(class) => Obj::StorageClass(storage_registry::update_storage_class(cluster, (*class).clone())?),
        Obj::PersistentVolumeClaim(claim) => Obj::PersistentVolumeClaim(storage_registry::update_claim(cluster, (*claim).clone())?),
        Obj::PersistentVolume(volume) => Obj::PersistentVolume(storage_registry::update_volume(cluster, (*volume).clone())?),
        Obj::Ingress(ingress) => Obj::Ingress(crate::engine::ingress_registry::update_ingress(cluster, (*ingress).clone())?),
        Obj::IngressClass(class) => Obj::IngressClass(crate::engine::ingress_registry::update_ingress_class(cluster, (*class).clone())?),
        Obj::ServiceAccount(account) => Obj::ServiceAccount(cluster.store.update((*account).clone())?),
        Obj::DaemonSet(ds) => Obj::DaemonSet(crate::engine::daemon_set_registry::update(cluster, (*ds).clone())?),
        Obj::StatefulSet(sts) => Obj::StatefulSet(crate::engine::stateful_set_registry::update(cluster, (*sts).clone())?),
        Obj::ReplicationController(rc) => Obj::ReplicationController(crate::engine::replication_controller_registry::update(cluster, (*rc).clone())?),
        Obj::NetworkPolicy(policy) => Obj::NetworkPolicy(crate::engine::network_policy_registry::update(cluster, (*policy).clone())?),
        Obj::PodDisruptionBudget(pdb) => Obj::PodDisruptionBudget(crate::engine::disruption_budget_registry::update(cluster, (*pdb).clone())?),
        Obj::HorizontalPodAutoscaler(hpa) => Obj::HorizontalPodAutoscaler(crate::engine::autoscaler_registry::update(cluster, (*hpa).clone())?),
        Obj::LimitRange(range) => Obj::LimitRange(crate::engine::quota_registry::update_limit_range(cluster, (*range).clone())?),
        Obj::ResourceQuota(quota) => Obj::ResourceQuota(crate::engine::quota_registry::update_quota(cluster, (*quota).clone())?),
        Obj::CronJob(cron_job) => Obj::CronJob(crate::engine::cron_job_registry::update(cluster, (*cron_job).clone())?),
        Obj::Role(_) | Obj::ClusterRole(_) | Obj::RoleBinding(_) | Obj::ClusterRoleBinding(_) => crate::engine::rbac_registry::update(cluster, object)?,
    })
}

/// The Job registry's update: defaults, status kept, `ValidateJob` and `ValidateJobUpdate`'s
/// immutable template (selector too) while the Job is not suspended.
fn update_job(cluster: &mut Cluster, mut job: Job) -> Result<Rc<Job>, ApiError> {
    defaults::default_job(&mut job);
    let Some(old) = cluster.store.get::<Job>(&Key::of(&job.metadata, true)) else {
        return Err(ApiError::not_found(Kind::Job, &job.metadata.name));
    };
    job.metadata.uid = old.metadata.uid.clone();
    if job.spec.selector.is_none() {
        job.spec.selector = old.spec.selector.clone();
    }
    if job.spec.manual_selector != Some(true) {
        generate_selector(&mut job);
    }
    if job.metadata.labels.is_empty() {
        job.metadata.labels = job.spec.template.metadata.labels.clone();
    }
    job.status = old.status.clone();
    let mut errors = validation::validate_job(&job);
    if job.spec.selector != old.spec.selector {
        errors.push(validation::FieldError::invalid("spec.selector", &format!("{:?}", job.spec.selector.clone().unwrap_or_default().display()), "field is immutable"));
    }
    if job.spec.template != old.spec.template && !job.is_suspended() {
        errors.push(validation::FieldError::invalid("spec.template", "core.PodTemplateSpec{...}", "field is immutable"));
    }
    if job.spec.completion_mode != old.spec.completion_mode {
        errors.push(validation::FieldError::invalid("spec.completionMode", &format!("{:?}", job.spec.completion_mode.clone().unwrap_or_default()), "field is immutable"));
    }
    if !errors.is_empty() {
        return Err(ApiError::invalid("Job", &job.metadata.name, errors));
    }
    cluster.store.update(job)
}

/// Deletes a pod gracefully: it shows Terminating until the kubelet has stopped it.
pub fn delete_pod(cluster: &mut Cluster, key: &Key, grace: Option<i64>) -> Result<(), ApiError> {
    let Some(pod) = cluster.store.get::<Pod>(key) else {
        return Err(ApiError::not_found(Kind::Pod, &key.name));
    };
    let grace = grace.unwrap_or_else(|| pod.spec.termination_grace_period_seconds.unwrap_or(30));
    // An unscheduled pod, or one with grace 0, goes at once.
    if pod.spec.node_name.is_none() || grace == 0 && pod.status.phase.as_deref() != Some("Running") {
        cluster.store.remove::<Pod>(key)?;
        return Ok(());
    }
    let now = cluster.time();
    cluster.store.mark_deleting::<Pod>(key, now, Some(grace))?;
    Ok(())
}

fn delete_typed<T: Stored>(cluster: &mut Cluster, key: &Key, propagation: Propagation) -> Result<(), ApiError> {
    let Some(object) = cluster.store.get::<T>(key) else {
        return Err(ApiError::not_found(T::KIND, &key.name));
    };
    match propagation {
        Propagation::Background => {
            cluster.store.remove::<T>(key)?;
        }
        Propagation::Orphan => {
            // Dependents lose their ownerReference to this object, then it goes.
            let uid = object.meta().uid.clone();
            orphan_dependents(cluster, &uid);
            cluster.store.remove::<T>(key)?;
        }
        Propagation::Foreground => {
            if object.meta().is_deleting() {
                return Ok(());
            }
            let mut marked = (*object).clone();
            if !marked.meta().finalizers.iter().any(|f| f == FOREGROUND_FINALIZER) {
                marked.meta_mut().finalizers.push(FOREGROUND_FINALIZER.into());
            }
            marked.meta_mut().resource_version.clear();
            cluster.store.update(marked)?;
            let now = cluster.time();
            cluster.store.mark_deleting::<T>(key, now, None)?;
            garbage_collector::start_foreground(cluster, T::KIND, key, &object.meta().uid);
        }
    }
    Ok(())
}

fn orphan_dependents(cluster: &mut Cluster, uid: &str) {
    let replica_sets: Vec<Rc<ReplicaSet>> =
        cluster.store.replica_sets.iter().filter(|rs| rs.metadata.owner_references.iter().any(|r| r.uid == uid)).cloned().collect();
    for rs in replica_sets {
        let mut released = (*rs).clone();
        released.metadata.owner_references.retain(|r| r.uid != uid);
        released.metadata.resource_version.clear();
        let _ = cluster.store.update(released);
    }
    let jobs: Vec<Rc<Job>> = cluster.store.jobs.iter().filter(|j| j.metadata.owner_references.iter().any(|r| r.uid == uid)).cloned().collect();
    for job in jobs {
        let mut released = (*job).clone();
        released.metadata.owner_references.retain(|r| r.uid != uid);
        released.metadata.resource_version.clear();
        let _ = cluster.store.update(released);
    }
    for pod in cluster.store.pods_owned_by(uid) {
        let mut released = (*pod).clone();
        released.metadata.owner_references.retain(|r| r.uid != uid);
        released.metadata.resource_version.clear();
        let _ = cluster.store.update(released);
    }
}

/// Removes a finalizer; the object goes once it has none and is being deleted.
pub fn remove_finalizer_and_maybe_delete(cluster: &mut Cluster, kind: Kind, key: &Key, finalizer: &str) {
    fn run<T: Stored>(cluster: &mut Cluster, key: &Key, finalizer: &str) {
        let Some(object) = cluster.store.get::<T>(key) else { return };
        let mut updated = (*object).clone();
        updated.meta_mut().finalizers.retain(|f| f != finalizer);
        if updated.meta().finalizers.is_empty() && updated.meta().is_deleting() {
            let _ = cluster.store.remove::<T>(key);
        } else {
            updated.meta_mut().resource_version.clear();
            let _ = cluster.store.update(updated);
        }
    }
    match kind {
        Kind::Deployment => run::<Deployment>(cluster, key, finalizer),
        Kind::ReplicaSet => run::<ReplicaSet>(cluster, key, finalizer),
        Kind::Job => run::<Job>(cluster, key, finalizer),
        Kind::CronJob => run::<crate::engine::api::cron_job::CronJob>(cluster, key, finalizer),
        Kind::PersistentVolumeClaim => run::<crate::engine::api::storage::PersistentVolumeClaim>(cluster, key, finalizer),
        Kind::PersistentVolume => run::<crate::engine::api::storage::PersistentVolume>(cluster, key, finalizer),
        _ => {}
    }
}

/// Deletes any object with the given propagation (pods: graceful, with `grace` seconds).
pub fn delete_object(cluster: &mut Cluster, kind: Kind, key: &Key, propagation: Propagation, grace: Option<i64>) -> Result<(), ApiError> {
    authorize(cluster, "delete", kind, &key.namespace, &key.name)?;
    match kind {
        Kind::Pod => {
            if propagation == Propagation::Orphan {
                if let Some(pod) = cluster.store.get::<Pod>(key) {
                    orphan_dependents(cluster, &pod.metadata.uid.clone());
                }
            }
            delete_pod(cluster, key, grace)
        }
        Kind::Deployment => delete_typed::<Deployment>(cluster, key, propagation),
        Kind::ReplicaSet => delete_typed::<ReplicaSet>(cluster, key, propagation),
        Kind::Service => {
            let service = cluster.store.get::<Service>(key);
            delete_typed::<Service>(cluster, key, Propagation::Background)?;
            // The registry releases the Service's ClusterIPs and node ports (rest.go's delete:
            // releaseAllocatedResources), so the same address can be given again.
            if let Some(service) = service {
                for ip in &service.spec.cluster_ips {
                    cluster.allocator.cluster_ips.remove(ip);
                }
                for port in service.spec.ports.iter().filter_map(|p| p.node_port) {
                    cluster.allocator.node_ports.remove(&port);
                }
            }
            Ok(())
        }
        Kind::Endpoints => delete_typed::<Endpoints>(cluster, key, propagation),
        Kind::ConfigMap => delete_typed::<ConfigMap>(cluster, key, propagation),
        Kind::Secret => delete_typed::<Secret>(cluster, key, propagation),
        Kind::Node => delete_typed::<Node>(cluster, key, Propagation::Background),
        Kind::Event => delete_typed::<crate::engine::api::core::Event>(cluster, key, propagation),
        Kind::Job => delete_typed::<Job>(cluster, key, propagation),
        Kind::StorageClass | Kind::PersistentVolumeClaim | Kind::PersistentVolume => storage_registry::delete(cluster, kind, key),
        Kind::Ingress => delete_typed::<crate::engine::api::ingress::Ingress>(cluster, key, propagation),
        Kind::IngressClass => delete_typed::<crate::engine::api::ingress::IngressClass>(cluster, key, propagation),
        Kind::ServiceAccount => delete_typed::<crate::engine::api::core::ServiceAccount>(cluster, key, propagation),
        Kind::DaemonSet => delete_typed::<crate::engine::api::daemon_set::DaemonSet>(cluster, key, propagation),
        Kind::StatefulSet => delete_typed::<crate::engine::api::stateful_set::StatefulSet>(cluster, key, propagation),
        Kind::ReplicationController => delete_typed::<crate::engine::api::replication_controller::ReplicationController>(cluster, key, propagation),
        Kind::NetworkPolicy => delete_typed::<crate::engine::api::network_policy::NetworkPolicy>(cluster, key, propagation),
        Kind::PodDisruptionBudget => delete_typed::<crate::engine::api::pod_disruption_budget::PodDisruptionBudget>(cluster, key, propagation),
        Kind::HorizontalPodAutoscaler => delete_typed::<crate::engine::api::horizontal_pod_autoscaler::HorizontalPodAutoscaler>(cluster, key, propagation),
        Kind::LimitRange => delete_typed::<crate::engine::api::limit_range::LimitRange>(cluster, key, propagation),
        Kind::ResourceQuota => delete_typed::<crate::engine::api::resource_quota::ResourceQuota>(cluster, key, propagation),
        Kind::CronJob => delete_typed::<crate::engine::api::cron_job::CronJob>(cluster, key, propagation),
        Kind::Role => delete_typed::<crate::engine::api::rbac::Role>(cluster, key, propagation),
        Kind::ClusterRole => delete_typed::<crate::engine::api::rbac::ClusterRole>(cluster, key, propagation),
        Kind::RoleBinding => delete_typed::<crate::engine::api::rbac::RoleBinding>(cluster, key, propagation),
        Kind::ClusterRoleBinding => delete_typed::<crate::engine::api::rbac::ClusterRoleBinding>(cluster, key, propagation),
        Kind::Namespace => delete_namespace(cluster, key),
    }
}

/// Deletes a namespace: the first request marks it (deletionTimestamp, phase Terminating) and the
/// namespace controller (`controllers::namespace`) deletes its content, then removes the
/// `kubernetes` finalizer and deletes it again, for good. A further request while finalizers
/// remain is a Conflict. Mirrors REST.Delete (pkg/registry/core/namespace/storage/storage.go);
/// the immortal namespaces are refused as NamespaceLifecycle admission does.
fn delete_namespace(cluster: &mut Cluster, key: &Key) -> Result<(), ApiError> {
    let Some(namespace) = cluster.store.get::<Namespace>(key) else {
        return Err(ApiError::not_found(Kind::Namespace, &key.name));
    };
    if matches!(key.name.as_str(), "default" | "kube-system" | "kube-public" | "kube-node-lease") {
        return Err(ApiError::Forbidden { message: format!("namespaces \"{}\" is forbidden: this namespace may not be deleted", key.name) });
    }
    if !namespace.metadata.is_deleting() {
        // Upon the first request the namespace starts terminating, and nothing more.
        let mut terminating = (*namespace).clone();
        terminating.metadata.deletion_timestamp = Some(cluster.time());
        terminating.status.phase = Some("Terminating".into());
        terminating.metadata.resource_version.clear();
        // One write sets both, as the registry's GuaranteedUpdate does (the store's status path
        // is the one that lets a deletionTimestamp through).
        cluster.store.update_status(terminating)?;
        return Ok(());
    }
    // Prior to final deletion, spec.finalizers must be empty.
    if !crate::engine::controllers::namespace::finalized(&namespace) {
        return Err(ApiError::conflict_because(
            Kind::Namespace,
            &key.name,
            "The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.",
        ));
    }
    if namespace.metadata.finalizers.is_empty() {
        cluster.store.remove::<Namespace>(key)?;
    }
    Ok(())
}
