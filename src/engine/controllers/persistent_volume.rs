//! The PersistentVolume controller: binds claims to volumes (an Available one that fits, or one
//! provisioned for the claim), tracks the phases (Pending, Available, Bound, Released, Lost),
//! applies the reclaim policy, and the protection controllers' finalizer removal.
//!
//! Mirrors `pkg/controller/volume/persistentvolume/pv_controller.go` (`syncClaim`,
//! `syncUnboundClaim`, `syncBoundClaim`, `syncVolume`, `findBestMatchForClaim`, `bind`,
//! `provisionClaim` for external provisioners) and the pvc/pv protection controllers
//! (`pkg/controller/volume/pvcprotection`, `pvprotection`). Provisioning itself is the
//! external provisioner's (`hostpath_provisioner`).

use std::rc::Rc;

use crate::engine::api::pod::Pod;
use crate::engine::api::storage::{quantity_text, ClaimRef, PersistentVolume, PersistentVolumeClaim, StorageClass, PVC_PROTECTION_FINALIZER, PV_PROTECTION_FINALIZER};
use crate::engine::apiserver;
use crate::engine::controllers::hostpath_provisioner;
use crate::engine::events::{record, Involved};
use crate::engine::store::{Key, KeyRef, Kind};
use crate::engine::Cluster;

const COMPONENT: &str = "persistentvolume-controller";
pub const ANN_BIND_COMPLETED: &str = "pv.kubernetes.io/bind-completed";
pub const ANN_BOUND_BY_CONTROLLER: &str = "pv.kubernetes.io/bound-by-controller";
pub const ANN_STORAGE_PROVISIONER: &str = "volume.kubernetes.io/storage-provisioner";
pub const ANN_BETA_STORAGE_PROVISIONER: &str = "volume.beta.kubernetes.io/storage-provisioner";

/// A claim changed: sync it (claims are keyed by namespace and name).
pub fn observe_claim(cluster: &mut Cluster, claim: &PersistentVolumeClaim) {
    cluster.volume_queue.add_ref(KeyRef::of(&claim.metadata, true));
    // The volume it names learns of the change too (`deleteClaim` enqueues the volume).
    if let Some(volume) = claim.spec.volume_name.as_deref().filter(|v| !v.is_empty()) {
        cluster.volume_queue.add_ref(KeyRef("", volume));
    }
    // The scheduler retries pods that wait for claims (`VolumeBinding`'s cluster events).
    crate::engine::scheduler::retry_unschedulable(cluster);
}

/// A volume changed: sync it (volumes are keyed by name, with an empty namespace).
pub fn observe_volume(cluster: &mut Cluster, volume: &PersistentVolume) {
    cluster.volume_queue.add_ref(KeyRef("", &volume.metadata.name));
}

/// A pod went away or finished: the claims it mounted may lose their protection finalizer.
pub fn observe_pod(cluster: &mut Cluster, old: Option<&Rc<Pod>>, new: Option<&Rc<Pod>>) {
    let gone_or_done = match new {
        None => true,
        Some(pod) => pod.metadata.is_deleting() || matches!(pod.phase(), "Succeeded" | "Failed"),
    };
    if !gone_or_done {
        return;
    }
    let Some(pod) = new.or(old) else { return };
    for claim in claim_names(pod) {
        cluster.volume_queue.add(Key::new(pod.metadata.ns(), &claim));
    }
}

/// The claims a pod's volumes name.
pub fn claim_names(pod: &Pod) -> Vec<String> {
    pod.spec.volumes.iter().filter_map(|v| v.extra.get("persistentVolumeClaim").and_then(|c| c.get("claimName")).and_then(|c| c.as_str()).map(str::to_string)).collect()
}

/// The pods that mount a claim and have not finished (`podUsesPVC` of the pvc-protection
/// controller; a pod being deleted still uses it until it is gone), by name.
pub fn pods_using(cluster: &Cluster, claim: &PersistentVolumeClaim) -> Vec<String> {
    cluster
        .store
        .pods
        .in_namespace(claim.metadata.ns())
        .filter(|p| !matches!(p.phase(), "Succeeded" | "Failed") && claim_names(p).iter().any(|c| *c == claim.metadata.name))
        .map(|p| p.metadata.name.to_string())
        .collect()
}

/// Syncs the claim or the volume behind a key.
#[inline(never)]
pub fn sync(cluster: &mut Cluster, key: &Key) {
    if key.namespace.is_empty() {
        sync_volume(cluster, &key.name);
    } else {
        sync_claim(cluster, key);
    }
}

fn event(cluster: &mut Cluster, kind: Kind, meta: &crate::engine::api::meta::ObjectMeta, type_: &str, reason: &str, message: &str) {
    record(cluster, &Involved::of(kind, meta), type_, reason, message, COMPONENT, "");
}

/// Mirrors `syncClaim`: the protection finalizer of a deleted claim, then the unbound or the
/// bound path.
fn sync_claim(cluster: &mut Cluster, key: &Key) {
    let Some(claim) = cluster.store.get::<PersistentVolumeClaim>(key) else { return };
    if claim.metadata.is_deleting() {
        // pvcprotection: the finalizer goes once no pod uses the claim.
        if claim.metadata.finalizers.iter().any(|f| f == PVC_PROTECTION_FINALIZER) && pods_using(cluster, &claim).is_empty() {
            apiserver::remove_finalizer_and_maybe_delete(cluster, Kind::PersistentVolumeClaim, key, PVC_PROTECTION_FINALIZER);
        }
        return;
    }
    match claim.spec.volume_name.clone().filter(|n| !n.is_empty()) {
        None => sync_unbound_claim(cluster, &claim),
        Some(volume) => sync_bound_claim(cluster, &claim, &volume),
    }
}

/// Mirrors `syncUnboundClaim` for claims without `volumeName`: bind to the best Available volume,
/// else ask the class's provisioner (`provisionClaim`), else report why nothing happens.
fn sync_unbound_claim(cluster: &mut Cluster, claim: &Rc<PersistentVolumeClaim>) {
    if let Some(volume) = find_best_match(cluster, claim) {
        bind(cluster, claim, &volume);
        return;
    }
    let class_name = claim.spec.storage_class_name.clone().unwrap_or_default();
    if class_name.is_empty() {
        event(cluster, Kind::PersistentVolumeClaim, &claim.metadata, "Normal", "FailedBinding", "no persistent volumes available for this claim and no storage class is set");
        return;
    }
    let Some(class) = cluster.store.get::<StorageClass>(&Key::new("", &class_name)) else {
        event(cluster, Kind::PersistentVolumeClaim, &claim.metadata, "Warning", "ProvisioningFailed", &format!("storageclass.storage.k8s.io \"{class_name}\" not found"));
        return;
    };
    if class.volume_binding_mode.as_deref() == Some("WaitForFirstConsumer") && !claim.metadata.annotations.contains_key("volume.kubernetes.io/selected-node") {
        event(cluster, Kind::PersistentVolumeClaim, &claim.metadata, "Normal", "WaitForFirstConsumer", "waiting for first consumer to be created before binding");
        return;
    }
    if class.provisioner == "kubernetes.io/no-provisioner" {
        event(cluster, Kind::PersistentVolumeClaim, &claim.metadata, "Normal", "FailedBinding", "no persistent volumes available for this claim and no storage class is set");
        return;
    }
    // `provisionClaimOperationExternal`: mark the claim for the external provisioner and wait.
    let claim = if claim.metadata.annotation(ANN_STORAGE_PROVISIONER) != Some(class.provisioner.as_str()) {
        let mut marked = (**claim).clone();
        marked.metadata.annotations.insert(ANN_BETA_STORAGE_PROVISIONER.into(), class.provisioner.clone());
        marked.metadata.annotations.insert(ANN_STORAGE_PROVISIONER.into(), class.provisioner.clone());
        marked.metadata.resource_version.clear();
        match cluster.store.update(marked) {
            Ok(updated) => updated,
            Err(_) => return,
        }
    } else {
        claim.clone()
    };
    let message = format!(
        "Waiting for a volume to be created either by the external provisioner '{}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
        class.provisioner
    );
    event(cluster, Kind::PersistentVolumeClaim, &claim.metadata, "Normal", "ExternalProvisioning", &message);
    if class.provisioner == crate::engine::storage_registry::HOSTPATH_PROVISIONER {
        hostpath_provisioner::provision(cluster, &claim, &class);
    }
}

/// Mirrors `syncBoundClaim`: the claim names a volume; finish the binding, or mark it Lost.
fn sync_bound_claim(cluster: &mut Cluster, claim: &Rc<PersistentVolumeClaim>, volume_name: &str) {
    let Some(volume) = cluster.store.get::<PersistentVolume>(&Key::new("", volume_name)) else {
        if claim.status.phase.as_deref() != Some("Lost") {
            set_claim_phase(cluster, claim, "Lost");
            event(cluster, Kind::PersistentVolumeClaim, &claim.metadata, "Warning", "ClaimLost", "Bound claim has lost its PersistentVolume. Data on the volume is lost!");
        }
        return;
    };
    let bound_here = volume.spec.claim_ref.as_ref().is_some_and(|r| r.uid.as_deref() == Some(claim.metadata.uid.as_str()));
    if bound_here || volume.spec.claim_ref.is_none() {
        bind(cluster, claim, &volume);
    } else if claim.status.phase.as_deref() != Some("Lost") {
        set_claim_phase(cluster, claim, "Lost");
        event(cluster, Kind::PersistentVolumeClaim, &claim.metadata, "Warning", "ClaimMisbound", "Two claims are bound to the same volume, this one is bound incorrectly");
    }
}

/// Mirrors `syncVolume`: Available without a claim, Bound with its claim, Released when the
/// claim is gone (then the reclaim policy), and the pv-protection finalizer of a deleted volume.
fn sync_volume(cluster: &mut Cluster, name: &str) {
    let key = Key::new("", name);
    let Some(volume) = cluster.store.get::<PersistentVolume>(&key) else { return };
    if volume.metadata.is_deleting() {
        if volume.status.phase.as_deref() != Some("Bound") && volume.metadata.finalizers.iter().any(|f| f == PV_PROTECTION_FINALIZER) {
            apiserver::remove_finalizer_and_maybe_delete(cluster, Kind::PersistentVolume, &key, PV_PROTECTION_FINALIZER);
        }
        return;
    }
    let Some(claim_ref) = volume.spec.claim_ref.clone() else {
        if volume.status.phase.as_deref() != Some("Available") {
            set_volume_phase(cluster, &volume, "Available");
        }
        return;
    };
    let claim = cluster.store.get::<PersistentVolumeClaim>(&Key::new(claim_ref.namespace.as_deref().unwrap_or(""), claim_ref.name.as_deref().unwrap_or("")));
    let claim = claim.filter(|c| claim_ref.uid.as_deref().is_none_or(|uid| uid == c.metadata.uid));
    match claim {
        Some(claim) => {
            if claim.spec.volume_name.as_deref().is_none_or(str::is_empty) {
                // A volume made for this claim (pre-bound): bind the claim to it.
                bind(cluster, &claim, &volume);
            } else if claim.spec.volume_name.as_deref() == Some(name) && volume.status.phase.as_deref() != Some("Bound") {
                set_volume_phase(cluster, &volume, "Bound");
            }
        }
        None => {
            if volume.status.phase.as_deref() != Some("Released") && volume.status.phase.as_deref() != Some("Failed") {
                let Some(released) = set_volume_phase(cluster, &volume, "Released") else { return };
                reclaim(cluster, &released);
            }
        }
    }
}

/// Mirrors `reclaimVolume`: Retain keeps the Released volume; Delete has its provisioner delete
/// it (and its data).
fn reclaim(cluster: &mut Cluster, volume: &Rc<PersistentVolume>) {
    match volume.spec.persistent_volume_reclaim_policy.as_deref() {
        Some("Delete") => {
            let provisioner = volume.metadata.annotation("pv.kubernetes.io/provisioned-by").unwrap_or("");
            if provisioner == crate::engine::storage_registry::HOSTPATH_PROVISIONER {
                hostpath_provisioner::delete(cluster, volume);
            } else {
                let message = "error getting deleter volume plugin for volume: no deletable volume plugin matched";
                event(cluster, Kind::PersistentVolume, &volume.metadata, "Warning", "VolumeFailedDelete", message);
            }
        }
        Some("Recycle") => {
            event(cluster, Kind::PersistentVolume, &volume.metadata, "Warning", "VolumeFailedRecycle", "recycling is not simulated by kubeplay");
        }
        _ => {}
    }
}

/// Mirrors `findBestMatchForClaim` (`findMatchingVolume`): the smallest Available volume of the
/// claim's class with every requested access mode, the same volume mode and enough capacity, or
/// one pre-bound to this claim.
fn find_best_match(cluster: &Cluster, claim: &PersistentVolumeClaim) -> Option<Rc<PersistentVolume>> {
    let requested = claim.requested_storage().and_then(|q| crate::engine::scheduler::parse_memory(&q)).unwrap_or(0);
    let class = claim.spec.storage_class_name.clone().unwrap_or_default();
    let mut best: Option<(i64, Rc<PersistentVolume>)> = None;
    for volume in cluster.store.persistent_volumes.iter() {
        if volume.metadata.is_deleting() {
            continue;
        }
        let capacity = volume.spec.capacity.get("storage").and_then(|q| crate::engine::scheduler::parse_memory(&quantity_text(q))).unwrap_or(0);
        if let Some(reference) = &volume.spec.claim_ref {
            let for_this = reference.name.as_deref() == Some(claim.metadata.name.as_str()) && reference.namespace.as_deref() == Some(claim.metadata.ns()) && reference.uid.as_deref().is_none_or(|u| u == claim.metadata.uid);
            if for_this && capacity >= requested {
                return Some(volume.clone());
            }
            continue;
        }
        if volume.status.phase.as_deref() != Some("Available") || volume.spec.storage_class_name.clone().unwrap_or_default() != class {
            continue;
        }
        if volume.spec.volume_mode != claim.spec.volume_mode || !claim.spec.access_modes.iter().all(|m| volume.spec.access_modes.contains(m)) {
            continue;
        }
        if let Some(selector) = &claim.spec.selector {
            if !selector.matches(&volume.metadata.labels) {
                continue;
            }
        }
        if capacity >= requested && best.as_ref().is_none_or(|(size, _)| capacity < *size) {
            best = Some((capacity, volume.clone()));
        }
    }
    best.map(|(_, volume)| volume)
}

/// Mirrors `bind`: `bindVolumeToClaim` (claimRef, Bound), then `bindClaimToVolume` (volumeName,
/// the bind-completed and bound-by-controller annotations) and the claim's status (Bound, its
/// access modes and capacity from the volume).
fn bind(cluster: &mut Cluster, claim: &Rc<PersistentVolumeClaim>, volume: &Rc<PersistentVolume>) {
    let mut volume_now = volume.clone();
    let reference = ClaimRef {
        api_version: Some("v1".into()),
        kind: Some("PersistentVolumeClaim".into()),
        namespace: Some(claim.metadata.ns().to_string()),
        name: Some(claim.metadata.name.to_string()),
        uid: Some(claim.metadata.uid.to_string()),
        resource_version: Some(claim.metadata.resource_version.clone()),
    };
    if volume.spec.claim_ref.as_ref().is_none_or(|r| r.uid.as_deref() != Some(claim.metadata.uid.as_str())) {
        let mut updated = (**volume).clone();
        updated.spec.claim_ref = Some(reference);
        updated.metadata.annotations.insert(ANN_BOUND_BY_CONTROLLER.into(), "yes".into());
        updated.metadata.resource_version.clear();
        match cluster.store.update(updated) {
            Ok(stored) => volume_now = stored,
            Err(_) => return,
        }
    }
    if volume_now.status.phase.as_deref() != Some("Bound") {
        match set_volume_phase(cluster, &volume_now, "Bound") {
            Some(stored) => volume_now = stored,
            None => return,
        }
    }
    let mut claim_now = claim.clone();
    let needs_claim_update = claim.spec.volume_name.as_deref() != Some(volume_now.metadata.name.as_str()) || claim.metadata.annotation(ANN_BIND_COMPLETED) != Some("yes");
    if needs_claim_update {
        let mut updated = (**claim).clone();
        if updated.spec.volume_name.as_deref().is_none_or(str::is_empty) {
            updated.metadata.annotations.insert(ANN_BOUND_BY_CONTROLLER.into(), "yes".into());
        }
        updated.spec.volume_name = Some(volume_now.metadata.name.to_string());
        updated.metadata.annotations.insert(ANN_BIND_COMPLETED.into(), "yes".into());
        updated.metadata.resource_version.clear();
        match cluster.store.update(updated) {
            Ok(stored) => claim_now = stored,
            Err(_) => return,
        }
    }
    if claim_now.status.phase.as_deref() != Some("Bound") {
        let mut updated = (*claim_now).clone();
        updated.status.phase = Some("Bound".into());
        updated.status.access_modes = volume_now.spec.access_modes.clone();
        updated.status.capacity = volume_now.spec.capacity.clone();
        updated.metadata.resource_version.clear();
        let _ = cluster.store.update_status(updated);
    }
}

fn set_claim_phase(cluster: &mut Cluster, claim: &PersistentVolumeClaim, phase: &str) {
    let mut updated = claim.clone();
    updated.status.phase = Some(phase.into());
    updated.metadata.resource_version.clear();
    let _ = cluster.store.update_status(updated);
}

fn set_volume_phase(cluster: &mut Cluster, volume: &PersistentVolume, phase: &str) -> Option<Rc<PersistentVolume>> {
    let mut updated = volume.clone();
    updated.status.phase = Some(phase.into());
    updated.status.last_phase_transition_time = Some(cluster.time());
    updated.metadata.resource_version.clear();
    cluster.store.update_status(updated).ok()
}
