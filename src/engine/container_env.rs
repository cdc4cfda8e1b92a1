//! What a container sees: its environment (env, envFrom, service links) and its mounted
//! ConfigMap and Secret files; and the errors the kubelet reports when a reference is missing.
//!
//! A running container keeps what the kubelet gave it: its environment is fixed when it starts
//! and its files change only at the kubelet's volume syncs (`kubelet.rs` keeps both). The
//! `resolve_*` functions read the API as it is now; `environment` and `mounted_files` answer for
//! a started container from the kubelet's copy.

use std::collections::BTreeMap;

use crate::engine::api::core::{ConfigMap, Secret, Service};
use crate::engine::api::pod::{Container, Pod};
use crate::engine::store::Key;
use crate::engine::Cluster;

/// Why a container cannot start yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigProblem {
    /// An env reference is missing: `CreateContainerConfigError`.
    Config(String),
}

fn config_map(cluster: &Cluster, namespace: &str, name: &str) -> Option<std::rc::Rc<ConfigMap>> {
    cluster.store().get::<ConfigMap>(&Key::new(namespace, name))
}

fn secret(cluster: &Cluster, namespace: &str, name: &str) -> Option<std::rc::Rc<Secret>> {
    cluster.store().get::<Secret>(&Key::new(namespace, name))
}

fn decoded(secret: &Secret, key: &str) -> Option<String> {
    secret.data.get(key).and_then(|v| crate::engine::base64::decode(v)).map(|b| String::from_utf8_lossy(&b).to_string())
}

/// The pod's ConfigMap and Secret volumes whose object is missing (and not optional): the
/// first one's name and the reason its set-up fails.
pub fn check_volumes(cluster: &Cluster, pod: &Pod) -> Result<(), (String, String)> {
    let namespace = pod.metadata.ns();
    for volume in &pod.spec.volumes {
        if let Some(source) = &volume.config_map {
            if source.optional != Some(true) && config_map(cluster, namespace, &source.name).is_none() {
                return Err((volume.name.to_string(), format!("configmap \"{}\" not found", source.name)));
            }
        }
        if let Some(source) = &volume.secret {
            if source.optional != Some(true) && secret(cluster, namespace, &source.secret_name).is_none() {
                return Err((volume.name.to_string(), format!("secret \"{}\" not found", source.secret_name)));
            }
        }
    }
    Ok(())
}

/// What the container's process sees: the environment the kubelet fixed when the container
/// started (a Service or ConfigMap change after that is not in it, as in a real container whose
/// environment is set by `exec`), or, for a container not started yet, what it would get now.
pub fn environment(cluster: &Cluster, pod: &Pod, container: &Container) -> Result<Vec<(String, String)>, ConfigProblem> {
    match cluster.kubelet.started_environment(&pod.metadata.uid, &container.name) {
        Some(env) => Ok(env.to_vec()),
        None => resolve_environment(cluster, pod, container),
    }
}

/// The container's environment from the API as it is now, in the order the kubelet builds it:
/// service links (when `enableServiceLinks`), then `envFrom`, then `env` (later entries win).
/// Mirrors makeEnvironmentVariables (pkg/kubelet/kubelet_pods.go): service variables for the
/// Services of the pod's namespace (getServiceEnvVarMap; the master Service's too, which only
/// exists in `default` here), then envFrom, then env with its valueFrom sources.
pub fn resolve_environment(cluster: &Cluster, pod: &Pod, container: &Container) -> Result<Vec<(String, String)>, ConfigProblem> {
    let namespace = pod.metadata.ns();
    let mut env: BTreeMap<String, String> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let set = |env: &mut BTreeMap<String, String>, order: &mut Vec<String>, key: String, value: String| {
        if !env.contains_key(&key) {
            order.push(key.clone());
        }
        env.insert(key, value);
    };
    if pod.spec.enable_service_links != Some(false) {
        for (key, value) in service_variables(cluster, namespace) {
            set(&mut env, &mut order, key, value);
        }
    }
    for source in &container.env_from {
        let prefix = source.prefix.clone().unwrap_or_default();
        if let Some(reference) = &source.config_map_ref {
            match config_map(cluster, namespace, &reference.name) {
                Some(cm) => {
                    for (key, value) in &cm.data {
                        set(&mut env, &mut order, format!("{prefix}{key}"), value.clone());
                    }
                }
                None if reference.optional == Some(true) => {}
                None => return Err(ConfigProblem::Config(format!("configmap \"{}\" not found", reference.name))),
            }
        }
        if let Some(reference) = &source.secret_ref {
            match secret(cluster, namespace, &reference.name) {
                Some(s) => {
                    for key in s.data.keys() {
                        set(&mut env, &mut order, format!("{prefix}{key}"), decoded(&s, key).unwrap_or_default());
                    }
                }
                None if reference.optional == Some(true) => {}
                None => return Err(ConfigProblem::Config(format!("secret \"{}\" not found", reference.name))),
            }
        }
    }
    for var in &container.env {
        let value = match &var.value_from {
            None => var.value.clone().unwrap_or_default(),
            Some(source) => {
                if let Some(r) = &source.config_map_key_ref {
                    match config_map(cluster, namespace, &r.name) {
                        Some(cm) => match cm.data.get(&r.key) {
                            Some(v) => v.clone(),
                            None if r.optional == Some(true) => continue,
                            None => return Err(ConfigProblem::Config(format!("couldn't find key {} in ConfigMap {namespace}/{}", r.key, r.name))),
                        },
                        None if r.optional == Some(true) => continue,
                        None => return Err(ConfigProblem::Config(format!("configmap \"{}\" not found", r.name))),
                    }
                } else if let Some(r) = &source.secret_key_ref {
                    match secret(cluster, namespace, &r.name) {
                        Some(s) => match decoded(&s, &r.key) {
                            Some(v) => v,
                            None if r.optional == Some(true) => continue,
                            None => return Err(ConfigProblem::Config(format!("couldn't find key {} in Secret {namespace}/{}", r.key, r.name))),
                        },
                        None if r.optional == Some(true) => continue,
                        None => return Err(ConfigProblem::Config(format!("secret \"{}\" not found", r.name))),
                    }
                } else if let Some(field) = &source.field_ref {
                    field_value(pod, field.get("fieldPath").and_then(|v| v.as_str()).unwrap_or(""))
                } else {
                    String::new()
                }
            }
        };
        set(&mut env, &mut order, var.name.clone(), value);
    }
    Ok(order.into_iter().map(|k| {
        let v = env.get(&k).cloned().unwrap_or_default();
        (k, v)
    }).collect())
}

fn field_value(pod: &Pod, path: &str) -> String {
    match path {
        "metadata.name" => pod.metadata.name.to_string(),
        "metadata.namespace" => pod.metadata.ns().to_string(),
        "metadata.uid" => pod.metadata.uid.to_string(),
        "spec.nodeName" => pod.spec.node_name.as_deref().unwrap_or_default().to_string(),
        "spec.serviceAccountName" => pod.spec.service_account_name.as_deref().unwrap_or_default().to_string(),
        "status.hostIP" => pod.status.host_ip.as_deref().unwrap_or_default().to_string(),
        "status.podIP" => pod.status.pod_ip.as_deref().unwrap_or_default().to_string(),
        other => {
            if let Some(label) = other.strip_prefix("metadata.labels['").and_then(|l| l.strip_suffix("']")) {
                pod.metadata.labels.get(label).cloned().unwrap_or_default()
            } else if let Some(annotation) = other.strip_prefix("metadata.annotations['").and_then(|l| l.strip_suffix("']")) {
                pod.metadata.annotations.get(annotation).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        }
    }
}

/// Docker-link-style variables for every Service of the namespace (`REDIS_SERVICE_HOST`, ...).
pub fn service_variables(cluster: &Cluster, namespace: &str) -> Vec<(String, String)> {
    let mut variables = Vec::new();
    let services: Vec<std::rc::Rc<Service>> = cluster.store().services.in_namespace(namespace).cloned().collect();
    for service in services {
        let Some(ip) = service.spec.cluster_ip.clone().filter(|ip| ip != "None" && !ip.is_empty()) else { continue };
        let prefix = service.metadata.name.to_ascii_uppercase().replace('-', "_");
        let Some(first) = service.spec.ports.first() else { continue };
        variables.push((format!("{prefix}_SERVICE_HOST"), ip.clone()));
        variables.push((format!("{prefix}_SERVICE_PORT"), first.port.to_string()));
        for port in &service.spec.ports {
            if let Some(name) = port.name.as_deref().filter(|n| !n.is_empty()) {
                variables.push((format!("{prefix}_SERVICE_PORT_{}", name.to_ascii_uppercase().replace('-', "_")), port.port.to_string()));
            }
        }
        let protocol = first.protocol.clone().unwrap_or_else(|| "TCP".into()).to_ascii_lowercase();
        variables.push((format!("{prefix}_PORT"), format!("{protocol}://{ip}:{}", first.port)));
        for port in &service.spec.ports {
            let protocol = port.protocol.clone().unwrap_or_else(|| "TCP".into());
            let base = format!("{prefix}_PORT_{}_{}", port.port, protocol.to_ascii_uppercase());
            variables.push((base.clone(), format!("{}://{ip}:{}", protocol.to_ascii_lowercase(), port.port)));
            variables.push((format!("{base}_PROTO"), protocol.to_ascii_lowercase()));
            variables.push((format!("{base}_PORT"), port.port.to_string()));
            variables.push((format!("{base}_ADDR"), ip.clone()));
        }
    }
    variables
}

/// Files a container sees from its ConfigMap and Secret volumes: (mount path/file, content).
/// For a started container, the content as of the kubelet's last volume sync (see
/// `kubelet::refresh_volumes`); before the container starts, the API's content now.
pub fn mounted_files(cluster: &Cluster, pod: &Pod, container: &Container) -> Vec<(String, String)> {
    match cluster.kubelet.started_files(&pod.metadata.uid, &container.name) {
        Some(files) => files.to_vec(),
        None => resolve_mounted_files(cluster, pod, container, None),
    }
}

/// The ConfigMap and Secret files of the container's mounts as the API has them now: what the
/// volume plugins' SetUp writes (pkg/volume/configmap/configmap.go, pkg/volume/secret/secret.go).
/// A `subPath` mount is a bind mount of one file made when the container starts and never
/// updated: given the files the container already has (`previous`), it keeps that content.
pub fn resolve_mounted_files(cluster: &Cluster, pod: &Pod, container: &Container, previous: Option<&[(String, String)]>) -> Vec<(String, String)> {
    let namespace = pod.metadata.ns();
    let mut files = Vec::new();
    for mount in &container.volume_mounts {
        let Some(volume) = pod.spec.volumes.iter().find(|v| v.name == mount.name) else { continue };
        let entries: Vec<(String, String)> = if let Some(source) = &volume.config_map {
            config_map(cluster, namespace, &source.name).map(|cm| {
                if source.items.is_empty() {
                    cm.data.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
                } else {
                    source.items.iter().filter_map(|item| cm.data.get(&item.key).map(|v| (item.path.clone(), v.clone()))).collect()
                }
            }).unwrap_or_default()
        } else if let Some(source) = &volume.secret {
            secret(cluster, namespace, &source.secret_name).map(|s| {
                if source.items.is_empty() {
                    s.data.keys().map(|k| (k.clone(), decoded(&s, k).unwrap_or_default())).collect()
                } else {
                    source.items.iter().filter_map(|item| decoded(&s, &item.key).map(|v| (item.path.clone(), v))).collect()
                }
            }).unwrap_or_default()
        } else {
            Vec::new()
        };
        for (path, content) in entries {
            match mount.sub_path.as_deref().filter(|s| !s.is_empty()) {
                Some(sub) if sub == path => {
                    let kept = previous.and_then(|p| p.iter().find(|(p, _)| *p == mount.mount_path)).map(|(_, c)| c.clone());
                    files.push((mount.mount_path.to_string(), kept.unwrap_or(content)));
                }
                Some(_) => {}
                None => files.push((format!("{}/{path}", mount.mount_path.trim_end_matches('/')), content)),
            }
        }
    }
    files
}
