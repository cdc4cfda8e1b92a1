//! Files the learner's commands wrote in containers (`touch`, `echo ... > FILE`): on a
//! PersistentVolume they outlive the pod and show in the next pod that mounts the claim; under a
//! hostPath volume they are the node's files, shared by every pod on that node that mounts the
//! path and kept after the pods go (`kubectl debug node/NAME` mounts the node's root at
//! `/host`); elsewhere (the container's writable layer, an emptyDir) they go with the pod. Each
//! keeps its text, which `cat` reads and nginx serves.

use std::collections::{BTreeMap, BTreeSet};

use crate::engine::api::pod::{Container, Pod};
use crate::engine::api::storage::PersistentVolumeClaim;
use crate::engine::store::Key;
use crate::engine::Cluster;
use crate::order::SharedSort;

/// The files written so far.
#[derive(Debug, Clone, Default)]
pub struct WrittenFiles {
    /// Per PersistentVolume name: paths relative to the volume's root (`hello-world`, `a/b`),
    /// and their text.
    on_volume: BTreeMap<String, BTreeMap<String, String>>,
    /// Per node name: paths relative to the node's root (`mnt/data/index.html`), and their text.
    /// A node starts with the files `node_files` names.
    on_node: BTreeMap<String, BTreeMap<String, String>>,
    /// Per pod UID: absolute paths in the pod's own storage (writable layer, emptyDir), and
    /// their text. A directory made with `mkdir` is its path with a trailing `/`.
    in_pod: BTreeMap<String, BTreeMap<String, String>>,
    /// Per pod UID: the image's own files that were removed (`rm`), hidden from then on.
    removed: BTreeMap<String, BTreeSet<String>>,
}

/// Storage that outlives pods.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Shared {
    /// A bound PersistentVolume, by name.
    Volume(String),
    /// A node's own filesystem (hostPath volumes), by node name.
    Node(String),
}

/// Where a path of a container lands.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Place {
    /// In storage that outlives the pod, at this path relative to its root; the flag says the
    /// path is the mount point itself (a directory even when nothing was written there).
    Volume(Shared, String, bool),
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

/// Where a path's files are. A read-only mount of a writable volume (a hostPath mounted
/// `readOnly: true`) is `ReadOnly` for a write and its volume for a read.
fn place(cluster: &Cluster, pod: &Pod, container: &Container, path: &str) -> Place {
    place_for(cluster, pod, container, path, true)
}

fn place_for(cluster: &Cluster, pod: &Pod, container: &Container, path: &str, writing: bool) -> Place {
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
    if (writing && mount.read_only == Some(true)) || read_only_source {
        return Place::ReadOnly;
    }
    let relative = path[mount.mount_path.trim_end_matches('/').len()..].trim_start_matches('/').to_string();
    let at_mount_point = relative.is_empty();
    if let (Some(root), Some(node)) = (host_path(pod, &mount.name), pod.spec.node_name.as_deref().filter(|n| !n.is_empty())) {
        let on_node = absolute(&format!("{root}/{relative}"));
        return Place::Volume(Shared::Node(node.to_string()), on_node.trim_start_matches('/').to_string(), at_mount_point);
    }
    match bound_volume(cluster, pod, &mount.name) {
        Some(Some(volume)) => Place::Volume(Shared::Volume(volume), relative, at_mount_point),
        // An emptyDir is the pod's, shared by every container that mounts it, wherever each
        // mounts it (an init container's `/work-dir` is nginx's document root): kept under a
        // key of the volume's (`//emptyDir/NAME/...`, which no absolute path can be).
        _ if is_empty_dir(pod, &mount.name) => Place::Pod(empty_dir_key(&mount.name, &relative)),
        _ => Place::Pod(path.to_string()),
    }
}

fn is_empty_dir(pod: &Pod, volume_name: &str) -> bool {
    pod.spec.volumes.iter().any(|v| v.name == volume_name && v.extra.contains_key("emptyDir"))
}

fn empty_dir_key(volume_name: &str, relative: &str) -> String {
    if relative.is_empty() { format!("//emptyDir/{volume_name}") } else { format!("//emptyDir/{volume_name}/{relative}") }
}

/// The node path of a pod's hostPath volume (`spec.volumes[].hostPath.path`).
fn host_path<'p>(pod: &'p Pod, volume_name: &str) -> Option<&'p str> {
    pod.spec.volumes.iter().find(|v| v.name == volume_name)?.extra.get("hostPath")?.get("path")?.as_str()
}

/// The files a node has before anything is written there: its host name, its machine ID (the
/// `machineID` it reports; kubernetes.io's basic DaemonSet mounts it), and its operating
/// system's release (the `osImage` it reports, Debian 12).
fn node_files(node: &str) -> BTreeMap<String, String> {
    BTreeMap::from([
        ("etc/hostname".to_string(), format!("{node}\n")),
        ("etc/machine-id".to_string(), format!("{}\n", crate::engine::apiserver::machine_ids(node).0)),
        ("etc/os-release".to_string(), crate::engine::image_files::DEBIAN_OS_RELEASE.to_string()),
    ])
}

impl WrittenFiles {
    /// Forgets a deleted volume's files.
    pub fn forget_volume(&mut self, volume: &str) {
        self.on_volume.remove(volume);
    }

    /// The files of this storage, if any were written (or, for a node, its own files).
    fn shared(&self, storage: &Shared) -> Option<std::borrow::Cow<'_, BTreeMap<String, String>>> {
        match storage {
            Shared::Volume(volume) => self.on_volume.get(volume).map(std::borrow::Cow::Borrowed),
            Shared::Node(node) => Some(self.on_node.get(node).map_or_else(|| std::borrow::Cow::Owned(node_files(node)), std::borrow::Cow::Borrowed)),
        }
    }

    fn shared_mut(&mut self, storage: Shared) -> &mut BTreeMap<String, String> {
        match storage {
            Shared::Volume(volume) => self.on_volume.entry(volume).or_default(),
            Shared::Node(node) => self.on_node.entry(node.clone()).or_insert_with(|| node_files(&node)),
        }
    }

    /// Forgets a removed pod's own files.
    pub fn forget_pod(&mut self, uid: &str) {
        self.in_pod.remove(uid);
        self.removed.remove(uid);
    }
}

/// The written files `path` (absolute) belongs with, and its key among them: the volume's
/// (relative to its root) or the pod's own. Err for a read-only mount.
fn files_at<'c>(cluster: &'c mut Cluster, pod: &Pod, container: &Container, path: &str) -> Result<(&'c mut BTreeMap<String, String>, String), String> {
    Ok(match place(cluster, pod, container, path) {
        Place::ReadOnly => return Err("Read-only file system".to_string()),
        Place::Volume(storage, relative, _) => (cluster.written.shared_mut(storage), relative),
        Place::Pod(path) => (cluster.written.in_pod.entry(pod.metadata.uid.to_string()).or_default(), path),
    })
}

/// The kubelet's set-up of a pod's hostPath volumes before its containers start
/// (`hostPathMounter.SetUpAt`, `checkTypeInternal` in pkg/volume/hostpath/host_path.go):
/// `DirectoryOrCreate` and `FileOrCreate` make what is missing on the node, as does an unset
/// type (containerd creates a missing bind-mount source as a directory); `Directory` and `File`
/// must find one; the node has no sockets or devices. Err: the volume's name and the message
/// of its FailedMount event.
pub fn set_up_host_paths(cluster: &mut Cluster, pod: &Pod) -> Result<(), (String, String)> {
    let Some(node) = pod.spec.node_name.as_deref().filter(|n| !n.is_empty()) else { return Ok(()) };
    for volume in &pod.spec.volumes {
        let Some(source) = volume.extra.get("hostPath") else { continue };
        let Some(path) = source.get("path").and_then(|p| p.as_str()) else { continue };
        let kind = source.get("type").and_then(|t| t.as_str()).unwrap_or("");
        let on_node = absolute(path).trim_start_matches('/').to_string();
        let files = cluster.written.shared_mut(Shared::Node(node.to_string()));
        let is_file = files.contains_key(&on_node);
        let prefix = format!("{on_node}/");
        let is_dir = on_node.is_empty() || files.range(prefix.clone()..).next().is_some_and(|(key, _)| key.starts_with(&prefix));
        let failed = |what: &str| Err((volume.name.to_string(), format!("hostPath type check failed: {path} is not a {what}")));
        match kind {
            "" | "DirectoryOrCreate" if !is_file && !is_dir => {
                files.insert(prefix, String::new());
            }
            "FileOrCreate" if !is_file && !is_dir => {
                files.insert(on_node, String::new());
            }
            "" => {}
            "DirectoryOrCreate" | "Directory" if !is_dir => return failed("directory"),
            "FileOrCreate" | "File" if !is_file => return failed("file"),
            "Socket" => return failed("socket file"),
            "CharDevice" => return failed("character device"),
            "BlockDevice" => return failed("block device"),
            _ => {}
        }
    }
    Ok(())
}

/// How a write changes a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Write<'a> {
    /// `touch`: created empty if missing, its text kept otherwise.
    Touch,
    /// `>`: the file's text replaced.
    Replace(&'a str),
    /// `>>`: added to the end.
    Append(&'a str),
}

/// Writes the file at `path`. Err: the system's reason (a read-only mount, or a directory that
/// does not exist), which each program words its own way.
pub fn write(cluster: &mut Cluster, pod: &Pod, container: &Container, path: &str, directory_exists: bool, how: Write) -> Result<(), String> {
    let path = absolute(path);
    if !directory_exists {
        return Err("No such file or directory".to_string());
    }
    if let Some(hidden) = cluster.written.removed.get_mut(pod.metadata.uid.as_str()) {
        hidden.remove(&path);
    }
    let (files, key) = files_at(cluster, pod, container, &path)?;
    let text = files.entry(key).or_default();
    match how {
        Write::Touch => {}
        Write::Replace(new) => *text = new.to_string(),
        Write::Append(more) => text.push_str(more),
    }
    Ok(())
}

/// `touch PATH`: creates an empty file (`write` with `Write::Touch`).
pub fn touch(cluster: &mut Cluster, pod: &Pod, container: &Container, path: &str, directory_exists: bool) -> Result<(), String> {
    write(cluster, pod, container, path, directory_exists, Write::Touch)
}

/// The text of the file written at this path, if one was.
pub fn read<'a>(cluster: &'a Cluster, pod: &Pod, container: &Container, path: &str) -> Option<std::borrow::Cow<'a, str>> {
    let path = absolute(path);
    match place_for(cluster, pod, container, &path, false) {
        Place::Volume(storage, relative, _) => match cluster.written.shared(&storage)? {
            std::borrow::Cow::Borrowed(files) => files.get(&relative).map(|text| std::borrow::Cow::Borrowed(text.as_str())),
            std::borrow::Cow::Owned(mut files) => files.remove(&relative).map(std::borrow::Cow::Owned),
        },
        Place::Pod(path) => cluster.written.in_pod.get(pod.metadata.uid.as_str())?.get(&path).map(|text| std::borrow::Cow::Borrowed(text.as_str())),
        Place::ReadOnly => None,
    }
}

/// Whether `path` is a directory the learner made (`mkdir`) or one that holds written files.
pub fn is_dir(cluster: &Cluster, pod: &Pod, container: &Container, path: &str) -> bool {
    let path = absolute(path);
    let within = |files: Option<&BTreeMap<String, String>>, dir: &str| {
        let prefix = format!("{}/", dir.trim_end_matches('/'));
        files.is_some_and(|files| files.range(prefix.clone()..).next().is_some_and(|(key, _)| key.starts_with(&prefix)))
    };
    match place_for(cluster, pod, container, &path, false) {
        Place::Pod(path) => within(cluster.written.in_pod.get(pod.metadata.uid.as_str()), &path),
        Place::Volume(storage, relative, at_mount_point) => at_mount_point || relative.is_empty() || within(cluster.written.shared(&storage).as_deref(), &relative),
        Place::ReadOnly => false,
    }
}

/// `mkdir PATH`: a directory (its parent must exist; the caller checks).
pub fn make_dir(cluster: &mut Cluster, pod: &Pod, container: &Container, path: &str) -> Result<(), String> {
    let (files, key) = files_at(cluster, pod, container, &absolute(path))?;
    files.insert(format!("{key}/"), String::new());
    Ok(())
}

/// `rm PATH` (`rm -r` of a directory): what was written there goes, with everything under it;
/// an image file is hidden (`image` says the image has one there).
pub fn remove(cluster: &mut Cluster, pod: &Pod, container: &Container, path: &str, image: bool) -> Result<(), String> {
    let path = absolute(path);
    let (files, key) = files_at(cluster, pod, container, &path)?;
    let prefix = format!("{key}/");
    files.retain(|file, _| *file != key && !file.starts_with(&prefix));
    if image {
        cluster.written.removed.entry(pod.metadata.uid.to_string()).or_default().insert(path);
    }
    Ok(())
}

/// Whether the image's file at `path` was removed.
pub fn hidden(cluster: &Cluster, pod: &Pod, path: &str) -> bool {
    cluster.written.removed.get(pod.metadata.uid.as_str()).is_some_and(|paths| paths.contains(&absolute(path)))
}

/// Whether a volume is mounted at `dir` or above it: the image's own files there are hidden.
pub fn under_mount(container: &Container, path: &str) -> bool {
    let path = absolute(path);
    container.volume_mounts.iter().any(|m| {
        let mount = absolute(&m.mount_path);
        path == mount || path.starts_with(&format!("{}/", mount.trim_end_matches('/')))
    })
}

/// The names written directly in a directory, and whether the directory is a writable mount
/// point (a PersistentVolume's or an emptyDir's, which exist even when empty).
pub fn entries(cluster: &Cluster, pod: &Pod, container: &Container, dir: &str) -> (Vec<String>, bool) {
    let dir = absolute(dir);
    let mount_point = container.volume_mounts.iter().any(|m| absolute(&m.mount_path) == dir) && place(cluster, pod, container, &dir) != Place::ReadOnly;
    let mut names: BTreeSet<String> = BTreeSet::new();
    // The pod's own files there: under the directory's path, or its emptyDir's key.
    let in_pod = match place_for(cluster, pod, container, &dir, false) {
        Place::Pod(key) => key,
        _ => dir.clone(),
    };
    let prefix = if in_pod == "/" { "/".to_string() } else { format!("{in_pod}/") };
    if let Some(files) = cluster.written.in_pod.get(pod.metadata.uid.as_str()) {
        for file in files.keys() {
            if let Some(rest) = file.strip_prefix(&prefix).filter(|rest| !rest.is_empty()) {
                names.insert(rest.split('/').next().unwrap_or(rest).to_string());
            }
        }
    }
    if let Place::Volume(storage, relative, _) = place_for(cluster, pod, container, &dir, false) {
        let inner = if relative.is_empty() { String::new() } else { format!("{relative}/") };
        for file in cluster.written.shared(&storage).iter().flat_map(|files| files.keys()) {
            if let Some(rest) = file.strip_prefix(&inner).filter(|rest| !rest.is_empty()) {
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
