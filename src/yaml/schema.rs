//! What the real API accepts beyond the fields kubeplay models: real kinds, and the valid field
//! names of the pass-through bags (`extra`), so that a typo is an error and a real field is kept.

use serde_json::Value;
use crate::order::SharedSort;

/// Real kinds and versions of a current cluster (kubectl 1.32 discovery), simulated or not.
pub fn is_known_kind(kind: &str, api_version: &str) -> bool {
    const KNOWN: &[(&str, &str)] = &[
        ("StatefulSet", "apps/v1"),
        ("DaemonSet", "apps/v1"),
        ("ControllerRevision", "apps/v1"),
        ("Job", "batch/v1"),
        ("CronJob", "batch/v1"),
        ("Ingress", "networking.k8s.io/v1"),
        ("IngressClass", "networking.k8s.io/v1"),
        ("NetworkPolicy", "networking.k8s.io/v1"),
        ("PersistentVolumeClaim", "v1"),
        ("PersistentVolume", "v1"),
        ("ServiceAccount", "v1"),
        ("LimitRange", "v1"),
        ("ResourceQuota", "v1"),
        ("ReplicationController", "v1"),
        ("PodTemplate", "v1"),
        ("Role", "rbac.authorization.k8s.io/v1"),
        ("RoleBinding", "rbac.authorization.k8s.io/v1"),
        ("ClusterRole", "rbac.authorization.k8s.io/v1"),
        ("ClusterRoleBinding", "rbac.authorization.k8s.io/v1"),
        ("HorizontalPodAutoscaler", "autoscaling/v2"),
        ("HorizontalPodAutoscaler", "autoscaling/v1"),
        ("PodDisruptionBudget", "policy/v1"),
        ("StorageClass", "storage.k8s.io/v1"),
        ("PriorityClass", "scheduling.k8s.io/v1"),
        ("CustomResourceDefinition", "apiextensions.k8s.io/v1"),
        ("EndpointSlice", "discovery.k8s.io/v1"),
        ("Lease", "coordination.k8s.io/v1"),
        ("ValidatingAdmissionPolicy", "admissionregistration.k8s.io/v1"),
        ("ValidatingAdmissionPolicyBinding", "admissionregistration.k8s.io/v1"),
        ("ValidatingWebhookConfiguration", "admissionregistration.k8s.io/v1"),
        ("MutatingWebhookConfiguration", "admissionregistration.k8s.io/v1"),
        ("FlowSchema", "flowcontrol.apiserver.k8s.io/v1"),
        ("PriorityLevelConfiguration", "flowcontrol.apiserver.k8s.io/v1"),
        ("RuntimeClass", "node.k8s.io/v1"),
        ("CSIDriver", "storage.k8s.io/v1"),
        ("VolumeAttachment", "storage.k8s.io/v1"),
        ("CertificateSigningRequest", "certificates.k8s.io/v1"),
    ];
    KNOWN.contains(&(kind, api_version))
}

const META_EXTRA: &[&str] = &["selfLink", "managedFields"];
const POD_SPEC_EXTRA: &[&str] = &[
    "affinity",
    "automountServiceAccountToken",
    "dnsConfig",
    "ephemeralContainers",
    "hostAliases",
    "hostIPC",
    "hostNetwork",
    "hostPID",
    "hostUsers",
    "imagePullSecrets",
    "os",
    "overhead",
    "priorityClassName",
    "readinessGates",
    "resourceClaims",
    "resources",
    "runtimeClassName",
    "schedulingGates",
    "setHostnameAsFQDN",
    "shareProcessNamespace",
    "topologySpreadConstraints",
];
const CONTAINER_EXTRA: &[&str] = &["lifecycle", "securityContext", "stdin", "stdinOnce", "tty", "volumeDevices", "resizePolicy", "restartPolicy"];
const VOLUME_EXTRA: &[&str] = &[
    "emptyDir", "hostPath", "persistentVolumeClaim", "projected", "downwardAPI", "nfs", "gitRepo", "awsElasticBlockStore", "gcePersistentDisk",
    "azureDisk", "azureFile", "cephfs", "cinder", "csi", "ephemeral", "fc", "flexVolume", "flocker", "glusterfs", "image", "iscsi",
    "photonPersistentDisk", "portworxVolume", "quobyte", "rbd", "scaleIO", "storageos", "vsphereVolume",
];
const MOUNT_EXTRA: &[&str] = &["mountPropagation", "subPathExpr", "recursiveReadOnly"];
const SERVICE_SPEC_EXTRA: &[&str] = &[
    "allocateLoadBalancerNodePorts",
    "healthCheckNodePort",
    "loadBalancerClass",
    "loadBalancerIP",
    "loadBalancerSourceRanges",
    "publishNotReadyAddresses",
    "sessionAffinityConfig",
    "trafficDistribution",
];
const SERVICE_PORT_EXTRA: &[&str] = &["appProtocol"];

/// Field paths (as strict decoding prints them) of keys that landed in a pass-through bag but are
/// not real fields.
pub fn unknown_extras(json: &Value) -> Vec<String> {
    let mut unknown = Vec::new();
    let kind = json.get("kind").and_then(Value::as_str).unwrap_or("");
    check_meta(json.get("metadata"), "metadata", &mut unknown);
    match kind {
        "Pod" => check_pod_spec(json.get("spec"), "spec", &mut unknown),
        "Deployment" | "ReplicaSet" | "Job" => {
            let template = json.pointer("/spec/template");
            check_meta(template.and_then(|t| t.get("metadata")), "spec.template.metadata", &mut unknown);
            check_pod_spec(template.and_then(|t| t.get("spec")), "spec.template.spec", &mut unknown);
            if kind == "ReplicaSet" {
                check_keys(json.get("spec"), "spec", &["replicas", "minReadySeconds", "selector", "template"], &mut unknown);
            }
        }
        "Service" => {
            let spec = json.get("spec");
            check_bag(spec, "spec", crate_service_spec_fields(), SERVICE_SPEC_EXTRA, &mut unknown);
            if let Some(Value::Array(ports)) = spec.and_then(|s| s.get("ports")) {
                for (index, port) in ports.iter().enumerate() {
                    check_bag(Some(port), &format!("spec.ports[{index}]"), &["name", "protocol", "port", "targetPort", "nodePort"], SERVICE_PORT_EXTRA, &mut unknown);
                }
            }
        }
        "PersistentVolume" => check_bag(json.get("spec"), "spec", PV_SPEC_FIELDS, PV_SPEC_EXTRA, &mut unknown),
        "PersistentVolumeClaim" => check_bag(json.get("status"), "status", &["phase", "accessModes", "capacity"], PVC_STATUS_EXTRA, &mut unknown),
        _ => {}
    }
    unknown
}

const PV_SPEC_FIELDS: &[&str] = &["capacity", "accessModes", "claimRef", "persistentVolumeReclaimPolicy", "storageClassName", "volumeMode", "mountOptions"];
const PV_SPEC_EXTRA: &[&str] = &[
    "hostPath", "local", "nfs", "csi", "nodeAffinity", "volumeAttributesClassName", "awsElasticBlockStore", "azureDisk", "azureFile", "cephfs",
    "cinder", "fc", "flexVolume", "flocker", "gcePersistentDisk", "glusterfs", "iscsi", "photonPersistentDisk", "portworxVolume", "quobyte", "rbd",
    "scaleIO", "storageos", "vsphereVolume",
];
const PVC_STATUS_EXTRA: &[&str] = &["conditions", "allocatedResources", "allocatedResourceStatuses", "currentVolumeAttributesClassName", "modifyVolumeStatus"];

fn crate_service_spec_fields() -> &'static [&'static str] {
    &[
        "ports", "selector", "clusterIP", "clusterIPs", "type", "externalIPs", "sessionAffinity", "externalName", "externalTrafficPolicy",
        "internalTrafficPolicy", "ipFamilies", "ipFamilyPolicy",
    ]
}

const META_FIELDS: &[&str] = &[
    "name", "generateName", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp",
    "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers",
];

fn check_meta(meta: Option<&Value>, path: &str, unknown: &mut Vec<String>) {
    check_bag(meta, path, META_FIELDS, META_EXTRA, unknown);
}

const POD_SPEC_FIELDS: &[&str] = &[
    "volumes", "initContainers", "containers", "restartPolicy", "terminationGracePeriodSeconds", "activeDeadlineSeconds", "dnsPolicy",
    "nodeSelector", "serviceAccountName", "serviceAccount", "nodeName", "securityContext", "hostname", "subdomain", "schedulerName",
    "tolerations", "priority", "enableServiceLinks", "preemptionPolicy",
];
const CONTAINER_FIELDS: &[&str] = &[
    "name", "image", "command", "args", "workingDir", "ports", "envFrom", "env", "resources", "volumeMounts", "livenessProbe", "readinessProbe",
    "startupProbe", "terminationMessagePath", "terminationMessagePolicy", "imagePullPolicy",
];

fn check_pod_spec(spec: Option<&Value>, path: &str, unknown: &mut Vec<String>) {
    check_bag(spec, path, POD_SPEC_FIELDS, POD_SPEC_EXTRA, unknown);
    let Some(spec) = spec else { return };
    for list in ["containers", "initContainers"] {
        if let Some(Value::Array(containers)) = spec.get(list) {
            for (index, container) in containers.iter().enumerate() {
                let container_path = format!("{path}.{list}[{index}]");
                check_bag(Some(container), &container_path, CONTAINER_FIELDS, CONTAINER_EXTRA, unknown);
                if let Some(Value::Array(mounts)) = container.get("volumeMounts") {
                    for (m, mount) in mounts.iter().enumerate() {
                        check_bag(Some(mount), &format!("{container_path}.volumeMounts[{m}]"), &["name", "mountPath", "readOnly", "subPath"], MOUNT_EXTRA, unknown);
                    }
                }
            }
        }
    }
    if let Some(Value::Array(volumes)) = spec.get("volumes") {
        for (index, volume) in volumes.iter().enumerate() {
            check_bag(Some(volume), &format!("{path}.volumes[{index}]"), &["name", "configMap", "secret"], VOLUME_EXTRA, unknown);
        }
    }
}

fn check_bag(value: Option<&Value>, path: &str, modelled: &[&str], extra: &[&str], unknown: &mut Vec<String>) {
    let Some(Value::Object(map)) = value else { return };
    for key in map.keys() {
        if !modelled.contains(&key.as_str()) && !extra.contains(&key.as_str()) {
            unknown.push(format!("{path}.{key}"));
        }
    }
}

fn check_keys(value: Option<&Value>, path: &str, allowed: &[&str], unknown: &mut Vec<String>) {
    check_bag(value, path, allowed, &[], unknown);
}

/// Real field names at a path of a kind, for "did you mean" (the modelled ones and the
/// pass-through bags' real fields).
pub fn fields_at(kind: &str, parent: &str) -> Vec<&'static str> {
    let clean: String = parent.split('.').map(|p| p.split('[').next().unwrap_or(p)).collect::<Vec<_>>().join(".");
    let mut fields: Vec<&'static str> = match (kind, clean.as_str()) {
        (_, "") => vec!["apiVersion", "kind", "metadata", "spec", "status", "data", "stringData", "type", "binaryData", "immutable"],
        (_, "metadata") | (_, "spec.template.metadata") => META_FIELDS.iter().chain(META_EXTRA).copied().collect(),
        ("Deployment", "spec") => vec!["replicas", "selector", "template", "strategy", "minReadySeconds", "revisionHistoryLimit", "paused", "progressDeadlineSeconds"],
        ("ReplicaSet", "spec") => vec!["replicas", "minReadySeconds", "selector", "template"],
        ("Service", "spec") => crate_service_spec_fields().iter().chain(SERVICE_SPEC_EXTRA).copied().collect(),
        ("Service", "spec.ports") => vec!["name", "protocol", "port", "targetPort", "nodePort", "appProtocol"],
        (_, "spec.strategy") => vec!["type", "rollingUpdate"],
        (_, "spec.strategy.rollingUpdate") => vec!["maxSurge", "maxUnavailable"],
        (_, "spec.selector") | (_, "spec.template.spec.affinity") => vec!["matchLabels", "matchExpressions"],
        ("Pod", "spec") | (_, "spec.template.spec") => POD_SPEC_FIELDS.iter().chain(POD_SPEC_EXTRA).copied().collect(),
        (_, p) if p.ends_with("containers") || p.ends_with("initContainers") => CONTAINER_FIELDS.iter().chain(CONTAINER_EXTRA).copied().collect(),
        (_, p) if p.ends_with("volumeMounts") => vec!["name", "mountPath", "readOnly", "subPath", "mountPropagation", "subPathExpr"],
        (_, p) if p.ends_with("volumes") => ["name", "configMap", "secret"].iter().chain(VOLUME_EXTRA).copied().collect(),
        (_, p) if p.ends_with("ports") => vec!["name", "containerPort", "hostPort", "protocol", "hostIP"],
        (_, p) if p.ends_with("readinessProbe") || p.ends_with("livenessProbe") || p.ends_with("startupProbe") => vec!["httpGet", "tcpSocket", "exec", "grpc", "initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold", "terminationGracePeriodSeconds"],
        (_, p) if p.ends_with("env") => vec!["name", "value", "valueFrom"],
        (_, p) if p.ends_with("resources") => vec!["limits", "requests", "claims"],
        _ => Vec::new(),
    };
    fields.shared_sort();
    fields.dedup();
    fields
}
