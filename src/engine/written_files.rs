//! Files the learner's commands created in containers (`touch`): on a PersistentVolume they
//! outlive the pod and show in the next pod that mounts the claim; elsewhere (the container's
//! writable layer, an emptyDir) they go with the pod.
//!
//! Files are names only (empty contents): `touch`, `ls` and `cat` of an empty file are what the
//! lessons do with them.

use std::collections::{BTreeMap, BTreeSet};

use crate::engine::api::pod::{Container, Pod};
use crate::engine::api::storage::PersistentVolumeClaim;
use crate::engine::store::Key;
use crate::engine::Cluster;
use crate::order::SharedSort;

/// The files written so far.
#[derive(Debug, Clone, Default)]
pub struct WrittenFiles {
    /// Per PersistentVolume name: paths relative to the volume's root (`hello-world`, `a/b`).
    on_volume: BTreeMap<String, BTreeSet<String>>,
    /// Per pod UID: absolute paths in the pod's own storage (writable layer, emptyDir).
    in_pod: BTreeMap<String, BTreeSet<String>>,
}

/// Where a path of a container lands.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Place {
    /// On a bound PersistentVolume, at this relative path.
    Volume(String, String),
    /// In the pod's own storage.
    Pod(String),
    /// A read-only mount (ConfigMap, Secret, service-account token, readOnly).
    ReadOnly,
}

/// Joins `path` onto `/` when it is relative and drops `.`/`..`/empty segments.
pub fn absolute(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    format!("/{}", parts.join("/"))
}

/// The claim behind a pod volume, and the volume it is bound to.
fn bound_volume(cluster: &Cluster, pod: &Pod, volume_name: &str) -> Option<Option<String>> {
    let volume = pod.spec.volumes.iter().find(|v| v.name == volume_name)?;
    let claim = volume.extra.get("persistentVolumeClaim")?.get("claimName")?.as_str()?;
    let bound = cluster.store.get::<PersistentVolumeClaim>(&Key::new(pod.metadata.ns(), claim)).and_then(|c| c.spec.volume_name.clone()).filter(|v| !v.is_empty());
    Some(bound)
}

fn place(cluster: &Cluster, pod: &Pod, container: &Container, path: &str) -> Place {
    let best = container
        .volume_mounts
        .iter()
        .filter(|m| {
            let mount = m.mount_path.trim_end_matches('/');
            path == mount || path.starts_with(&format!("{mount}/"))
        })
        .max_by_key(|m| m.mount_path.len());
    let Some(mount) = best else { return Place::Pod(path.to_string()) };
    let read_only_source = pod.spec.volumes.iter().any(|v| v.name == mount.name && (v.config_map.is_some() || v.secret.is_some() || v.extra.contains_key("projected") || v.extra.contains_key("downwardAPI")));
    if mount.read_only == Some(true) || read_only_source {
        return Place::ReadOnly;
    }
    let relative = path[mount.mount_path.trim_end_matches('/').len()..].trim_start_matches('/').to_string();
    match bound_volume(cluster, pod, &mount.name) {
        Some(Some(volume)) => Place::Volume(volume, relative),
        _ => Place::Pod(path.to_string()),
    }
}

impl WrittenFiles {
    /// Forgets a deleted volume's files.
    pub fn forget_volume(&mut self, volume: &str) {
        self.on_volume.remove(volume);
    }

    /// Forgets a removed pod's own files.
    pub fn forget_pod(&mut self, uid: &str) {
        self.in_pod.remove(uid);
    }
}

/// `touch PATH`: creates an empty file. Err: the program's message (a read-only mount, or a
/// directory that does not exist).
pub fn touch(cluster: &mut Cluster, pod: &Pod, container: &Container, path: &str, directory_exists: bool) -> Result<(), String> {
    let path = absolute(path);
    if !directory_exists {
        return Err("No such file or directory".to_string());
    }
    match place(cluster, pod, container, &path) {
        Place::ReadOnly => Err("Read-only file system".to_string()),
        Place::Volume(volume, relative) => {
            cluster.written.on_volume.entry(volume).or_default().insert(relative);
            Ok(())
        }
        Place::Pod(path) => {
            cluster.written.in_pod.entry(pod.metadata.uid.to_string()).or_default().insert(path);
            Ok(())
        }
    }
}

/// Whether a file was written at this path.
pub fn exists(cluster: &Cluster, pod: &Pod, container: &Container, path: &str) -> bool {
    let path = absolute(path);
    match place(cluster, pod, container, &path) {
        Place::Volume(volume, relative) => cluster.written.on_volume.get(&volume).is_some_and(|files| files.contains(&relative)),
        Place::Pod(path) => cluster.written.in_pod.get(pod.metadata.uid.as_str()).is_some_and(|files| files.contains(&path)),
        Place::ReadOnly => false,
    }
}

/// The names written directly in a directory, and whether the directory is a writable mount
/// point (a PersistentVolume's or an emptyDir's, which exist even when empty).
pub fn entries(cluster: &Cluster, pod: &Pod, container: &Container, dir: &str) -> (Vec<String>, bool) {
    let dir = absolute(dir);
    let mount_point = container.volume_mounts.iter().any(|m| absolute(&m.mount_path) == dir) && place(cluster, pod, container, &dir) != Place::ReadOnly;
    let mut names: BTreeSet<String> = BTreeSet::new();
    let prefix = if dir == "/" { "/".to_string() } else { format!("{dir}/") };
    if let Some(files) = cluster.written.in_pod.get(pod.metadata.uid.as_str()) {
        for file in files {
            if let Some(rest) = file.strip_prefix(&prefix) {
                names.insert(rest.split('/').next().unwrap_or(rest).to_string());
            }
        }
    }
    if let Place::Volume(volume, relative) = place(cluster, pod, container, &dir) {
        let inner = if relative.is_empty() { String::new() } else { format!("{relative}/") };
        for file in cluster.written.on_volume.get(&volume).into_iter().flatten() {
            if let Some(rest) = file.strip_prefix(&inner) {
                names.insert(rest.split('/').next().unwrap_or(rest).to_string());
            }
        }
    }
    (names.into_iter().collect(), mount_point)
}

/// Mount points under `dir` that make a directory entry there (`/var/www` lists `html` when a
/// volume is mounted at `/var/www/html`).
pub fn mount_dirs(container: &Container, dir: &str) -> Vec<String> {
    let dir = absolute(dir);
    let prefix = if dir == "/" { "/".to_string() } else { format!("{dir}/") };
    let mut names: Vec<String> = container.volume_mounts.iter().filter_map(|m| absolute(&m.mount_path).strip_prefix(&prefix).map(|rest| rest.split('/').next().unwrap_or(rest).to_string())).collect();
    names.shared_sort();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_made_absolute() {
        for (given, want) in [("hello", "/hello"), ("/var/www/html/", "/var/www/html"), ("./a/../b", "/b"), ("/", "/"), ("", "/")] {
            assert_eq!(absolute(given), want, "{given}");
        }
    }
}
