//! Defaulting as the apiserver applies it on create and update (`SetObjectDefaults_*`, apps/v1 and core/v1).

use crate::engine::api::core::{Service, ServicePort};
use crate::engine::api::deployment::{Deployment, ReplicaSet, RollingUpdateDeployment};
use crate::engine::api::intstr::IntOrString;
use crate::engine::api::job::Job;
use crate::engine::api::pod::{Container, PodSpec, PodTemplateSpec, Probe};
use crate::engine::api::text::Text;

/// Mirrors `SetDefaults_Deployment` (apps/v1) plus the pod template defaults.
///
/// replicas 1, RollingUpdate with maxSurge and maxUnavailable 25%, revisionHistoryLimit 10,
/// progressDeadlineSeconds 600; minReadySeconds stays unset (0).
pub fn default_deployment(deployment: &mut Deployment) {
    let spec = &mut deployment.spec;
    spec.replicas.get_or_insert(1);
    let strategy = &mut spec.strategy;
    if strategy.type_.as_deref().unwrap_or("").is_empty() {
        strategy.type_ = Some("RollingUpdate".to_string());
    }
    if strategy.type_.as_deref() == Some("RollingUpdate") {
        let rolling = strategy.rolling_update.get_or_insert_with(RollingUpdateDeployment::default);
        rolling.max_unavailable.get_or_insert_with(|| IntOrString::Str("25%".to_string()));
        rolling.max_surge.get_or_insert_with(|| IntOrString::Str("25%".to_string()));
    }
    spec.revision_history_limit.get_or_insert(10);
    spec.progress_deadline_seconds.get_or_insert(600);
    default_template(&mut spec.template);
}

/// Mirrors `SetDefaults_ReplicaSet` (apps/v1): replicas 1, plus the pod template defaults.
pub fn default_replica_set(replica_set: &mut ReplicaSet) {
    replica_set.spec.replicas.get_or_insert(1);
    default_template(&mut replica_set.spec.template);
}

/// Mirrors `SetDefaults_Job` (batch/v1, with the JobPodReplacementPolicy gate on as in 1.32):
/// completions and parallelism 1 when both are unset (else parallelism 1), backoffLimit 6,
/// the Job's labels from the template's when it has none, completionMode NonIndexed, suspend
/// false, podReplacementPolicy TerminatingOrFailed (Failed with a podFailurePolicy), a
/// podFailurePolicy's onPodConditions status True, manualSelector false; plus the pod template
/// defaults.
pub fn default_job(job: &mut Job) {
    let spec = &mut job.spec;
    if spec.completions.is_none() && spec.parallelism.is_none() {
        spec.completions = Some(1);
        spec.parallelism = Some(1);
    }
    spec.parallelism.get_or_insert(1);
    if spec.backoff_limit.is_none() {
        spec.backoff_limit = Some(if spec.backoff_limit_per_index.is_some() { i32::MAX } else { 6 });
    }
    if !spec.template.metadata.labels.is_empty() && job.metadata.labels.is_empty() {
        job.metadata.labels = spec.template.metadata.labels.clone();
    }
    spec.completion_mode.get_or_insert_with(|| "NonIndexed".to_string());
    spec.suspend.get_or_insert(false);
    if let Some(policy) = &mut spec.pod_failure_policy {
        crate::engine::controllers::pod_failure_policy::default_policy(policy);
    }
    if spec.pod_replacement_policy.is_none() {
        spec.pod_replacement_policy = Some(if spec.pod_failure_policy.is_some() { "Failed" } else { "TerminatingOrFailed" }.to_string());
    }
    spec.manual_selector.get_or_insert(false);
    default_template(&mut spec.template);
}

pub fn default_template(template: &mut PodTemplateSpec) {
    default_pod_spec(&mut template.spec);
}

/// Mirrors `SetDefaults_PodSpec` and the container, port, probe and volume defaults.
pub fn default_pod_spec(spec: &mut PodSpec) {
    if spec.dns_policy.is_none() {
        spec.dns_policy = Some(Text::from_static("ClusterFirst"));
    }
    if spec.restart_policy.is_none() {
        spec.restart_policy = Some(Text::from_static("Always"));
    }
    spec.termination_grace_period_seconds.get_or_insert(30);
    if spec.security_context.is_none() {
        spec.security_context = Some(serde_json::json!({}));
    }
    if spec.scheduler_name.is_none() {
        spec.scheduler_name = Some(Text::from_static("default-scheduler"));
    }
    for container in spec.containers.iter_mut().chain(spec.init_containers.iter_mut()) {
        default_container(container);
    }
    for volume in &mut spec.volumes {
        if let Some(config_map) = &mut volume.config_map {
            config_map.default_mode.get_or_insert(420);
        }
        if let Some(secret) = &mut volume.secret {
            secret.default_mode.get_or_insert(420);
        }
    }
}

fn default_container(container: &mut Container) {
    if container.termination_message_path.is_none() {
        container.termination_message_path = Some(Text::from_static("/dev/termination-log"));
    }
    if container.termination_message_policy.is_none() {
        container.termination_message_policy = Some(Text::from_static("File"));
    }
    if container.image_pull_policy.is_none() {
        container.image_pull_policy = Some(Text::from_static(default_pull_policy(container.image.as_deref().unwrap_or(""))));
    }
    if container.resources.is_none() {
        container.resources = Some(Default::default());
    }
    for port in &mut container.ports {
        if port.protocol.is_none() {
            port.protocol = Some("TCP".to_string());
        }
    }
    for probe in [&mut container.liveness_probe, &mut container.readiness_probe, &mut container.startup_probe]
        .into_iter()
        .flatten()
    {
        default_probe(probe);
    }
    for env in &mut container.env {
        if let Some(source) = &mut env.value_from {
            if let Some(serde_json::Value::Object(field_ref)) = &mut source.field_ref {
                field_ref.entry("apiVersion").or_insert_with(|| serde_json::json!("v1"));
            }
        }
    }
}

fn default_probe(probe: &mut Probe) {
    probe.timeout_seconds.get_or_insert(1);
    probe.period_seconds.get_or_insert(10);
    probe.success_threshold.get_or_insert(1);
    probe.failure_threshold.get_or_insert(3);
    if let Some(http) = &mut probe.http_get {
        if http.scheme.is_none() {
            http.scheme = Some("HTTP".to_string());
        }
        if http.path.is_none() {
            http.path = Some("/".to_string());
        }
    }
}

/// `Always` for `:latest` or untagged images, `IfNotPresent` otherwise.
pub fn default_pull_policy(image: &str) -> &'static str {
    if image.contains('@') {
        return "IfNotPresent";
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.split_once(':') {
        Some((_, "latest")) | None => "Always",
        Some(_) => "IfNotPresent",
    }
}

/// Mirrors the Service defaults of core/v1: ClusterIP, None affinity, TCP ports, targetPort = port.
pub fn default_service(service: &mut Service) {
    let spec = &mut service.spec;
    if spec.type_.is_none() {
        spec.type_ = Some("ClusterIP".to_string());
    }
    if spec.session_affinity.is_none() {
        spec.session_affinity = Some("None".to_string());
    }
    let type_ = spec.type_.clone().unwrap_or_default();
    if type_ != "ExternalName" && spec.internal_traffic_policy.is_none() {
        spec.internal_traffic_policy = Some("Cluster".to_string());
    }
    if (type_ == "NodePort" || type_ == "LoadBalancer") && spec.external_traffic_policy.is_none() {
        spec.external_traffic_policy = Some("Cluster".to_string());
    }
    for port in &mut spec.ports {
        default_service_port(port);
    }
}

fn default_service_port(port: &mut ServicePort) {
    if port.protocol.is_none() {
        port.protocol = Some("TCP".to_string());
    }
    if port.target_port.is_none() {
        port.target_port = Some(IntOrString::Int(port.port));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pull_policy_follows_the_tag() {
        assert_eq!(default_pull_policy("nginx"), "Always");
        assert_eq!(default_pull_policy("nginx:latest"), "Always");
        assert_eq!(default_pull_policy("nginx:1.14"), "IfNotPresent");
        assert_eq!(default_pull_policy("localhost:5000/app"), "Always");
        assert_eq!(default_pull_policy("luksa/kubia:v1"), "IfNotPresent");
    }
}
