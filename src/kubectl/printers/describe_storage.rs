//! `kubectl describe` of StorageClasses, PersistentVolumeClaims and PersistentVolumes, ported from
//! kubectl's describers (pkg/describe/describe.go: `describeStorageClass`,
//! `describePersistentVolumeClaim`, `describePersistentVolume`).

use std::fmt::Write as _;

use crate::engine::api::meta::format_labels;
use crate::engine::api::storage::{access_modes_text, canonical_quantity, quantity_text, PersistentVolume, PersistentVolumeClaim, StorageClass};
use crate::engine::clock::Time;
use crate::engine::events::events_for;
use crate::engine::store::Kind;
use crate::engine::Cluster;
use crate::kubectl::printers::age::human_duration;
use crate::kubectl::printers::describe::{annotations_multiline, finish, labels_multiline};

/// Go's `%v` of a string slice: `[a b]`.
fn go_list(items: &[String]) -> String {
    format!("[{}]", items.join(" "))
}

/// Mirrors `describeStorageClass`.
pub fn storage_class(cluster: &Cluster, class: &StorageClass, now: Time) -> String {
    let mut w = String::new();
    let _ = writeln!(w, "Name:\t{}", class.metadata.name);
    let _ = writeln!(w, "IsDefaultClass:\t{}", if class.is_default() { "Yes" } else { "No" });
    let _ = writeln!(w, "Annotations:\t{}", format_labels(&class.metadata.annotations));
    let _ = writeln!(w, "Provisioner:\t{}", class.provisioner);
    let _ = writeln!(w, "Parameters:\t{}", format_labels(&class.parameters));
    let expansion = match class.allow_volume_expansion {
        None => "<unset>",
        Some(true) => "True",
        Some(false) => "False",
    };
    let _ = writeln!(w, "AllowVolumeExpansion:\t{expansion}");
    if class.mount_options.is_empty() {
        w.push_str("MountOptions:\t<none>\n");
    } else {
        w.push_str("MountOptions:\n");
        for option in &class.mount_options {
            let _ = writeln!(w, "  {option}");
        }
    }
    if let Some(policy) = &class.reclaim_policy {
        let _ = writeln!(w, "ReclaimPolicy:\t{policy}");
    }
    if let Some(mode) = &class.volume_binding_mode {
        let _ = writeln!(w, "VolumeBindingMode:\t{mode}");
    }
    finish(w, &events_for(cluster, Kind::StorageClass, "", &class.metadata.name, &class.metadata.uid), now)
}

/// Mirrors `describePersistentVolumeClaim` with `printPersistentVolumeClaim` and the pods that
/// mount it (`Used By`).
pub fn claim(cluster: &Cluster, claim: &PersistentVolumeClaim, now: Time) -> String {
    let mut w = String::new();
    let _ = writeln!(w, "Name:\t{}", claim.metadata.name);
    let _ = writeln!(w, "Namespace:\t{}", claim.metadata.ns());
    let _ = writeln!(w, "StorageClass:\t{}", claim.spec.storage_class_name.clone().unwrap_or_default());
    match claim.metadata.deletion_timestamp {
        Some(at) => {
            let _ = writeln!(w, "Status:\tTerminating (lasts {})", human_duration(now.0 - at.0));
        }
        None => {
            let _ = writeln!(w, "Status:\t{}", claim.status.phase.clone().unwrap_or_default());
        }
    }
    let volume = claim.spec.volume_name.clone().unwrap_or_default();
    let _ = writeln!(w, "Volume:\t{volume}");
    labels_multiline(&mut w, "Labels", &claim.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &claim.metadata.annotations);
    let _ = writeln!(w, "Finalizers:\t{}", go_list(&claim.metadata.finalizers));
    let (capacity, modes) = if volume.is_empty() {
        (String::new(), String::new())
    } else {
        (claim.status.capacity.get("storage").map(|q| canonical_quantity(&quantity_text(q))).unwrap_or_else(|| "0".into()), access_modes_text(&claim.status.access_modes))
    };
    let _ = writeln!(w, "Capacity:\t{capacity}");
    let _ = writeln!(w, "Access Modes:\t{modes}");
    if let Some(mode) = &claim.spec.volume_mode {
        let _ = writeln!(w, "VolumeMode:\t{mode}");
    }
    let users = crate::engine::controllers::persistent_volume::pods_using(cluster, claim);
    if users.is_empty() {
        w.push_str("Used By:\t<none>\n");
    } else {
        for (index, pod) in users.iter().enumerate() {
            let _ = writeln!(w, "{}\t{pod}", if index == 0 { "Used By:" } else { "" });
        }
    }
    finish(w, &events_for(cluster, Kind::PersistentVolumeClaim, claim.metadata.ns(), &claim.metadata.name, &claim.metadata.uid), now)
}

/// Mirrors `describePersistentVolume` (hostPath sources with `printHostPathVolumeSource`).
pub fn volume(cluster: &Cluster, volume: &PersistentVolume, now: Time) -> String {
    let mut w = String::new();
    let spec = &volume.spec;
    let _ = writeln!(w, "Name:\t{}", volume.metadata.name);
    labels_multiline(&mut w, "Labels", &volume.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &volume.metadata.annotations);
    let _ = writeln!(w, "Finalizers:\t{}", go_list(&volume.metadata.finalizers));
    let _ = writeln!(w, "StorageClass:\t{}", spec.storage_class_name.clone().unwrap_or_default());
    match volume.metadata.deletion_timestamp {
        Some(at) => {
            let _ = writeln!(w, "Status:\tTerminating (lasts {})", human_duration(now.0 - at.0));
        }
        None => {
            let _ = writeln!(w, "Status:\t{}", volume.status.phase.clone().unwrap_or_default());
        }
    }
    let claim = spec.claim_ref.as_ref().map(|c| format!("{}/{}", c.namespace.clone().unwrap_or_default(), c.name.clone().unwrap_or_default())).unwrap_or_default();
    let _ = writeln!(w, "Claim:\t{claim}");
    let _ = writeln!(w, "Reclaim Policy:\t{}", spec.persistent_volume_reclaim_policy.clone().unwrap_or_default());
    let _ = writeln!(w, "Access Modes:\t{}", access_modes_text(&spec.access_modes));
    if let Some(mode) = &spec.volume_mode {
        let _ = writeln!(w, "VolumeMode:\t{mode}");
    }
    let _ = writeln!(w, "Capacity:\t{}", spec.capacity.get("storage").map(|q| canonical_quantity(&quantity_text(q))).unwrap_or_else(|| "0".into()));
    if spec.extra.contains_key("nodeAffinity") {
        w.push_str("Node Affinity:\t(not shown by kubeplay)\n");
    } else {
        w.push_str("Node Affinity:\t<none>\n");
    }
    let _ = writeln!(w, "Message:\t{}", volume.status.message.clone().unwrap_or_default());
    w.push_str("Source:\n");
    if let Some(host_path) = spec.extra.get("hostPath") {
        let path = host_path.get("path").and_then(|p| p.as_str()).unwrap_or("");
        let type_ = host_path.get("type").and_then(|t| t.as_str()).unwrap_or("<none>");
        let _ = writeln!(w, "    Type:\tHostPath (bare host directory volume)\n    Path:\t{path}\n    HostPathType:\t{type_}");
    } else if let Some((source, _)) = spec.extra.iter().find(|(k, _)| *k != "nodeAffinity" && *k != "volumeAttributesClassName") {
        let _ = writeln!(w, "    Type:\t{source} (not described by kubeplay)");
    }
    finish(w, &events_for(cluster, Kind::PersistentVolume, "", &volume.metadata.name, &volume.metadata.uid), now)
}
