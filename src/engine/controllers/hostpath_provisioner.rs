//! minikube's storage-provisioner (`k8s.io/minikube-hostpath`), the external provisioner of the
//! default `standard` class: for each claim of its class it creates a hostPath volume
//! `pvc-<claim uid>` under `/tmp/hostpath-provisioner/<namespace>/<claim>`, pre-bound to the
//! claim, and deletes it (and the files on it) when its Delete policy reclaims it.
//!
//! Mirrors minikube's `hostPathProvisioner.Provision`/`Delete` (pkg/storage/storage_provisioner.go)
//! driven by sig-storage-lib-external-provisioner's `provisionClaimOperation` (its events
//! Provisioning and ProvisioningSucceeded, the `pv.kubernetes.io/provisioned-by` annotation).

use std::collections::BTreeMap;

use crate::engine::api::meta::ObjectMeta;
use crate::engine::api::storage::{ClaimRef, PersistentVolume, PersistentVolumeClaim, PersistentVolumeSpec, StorageClass};
use crate::engine::events::{record, Involved};
use crate::engine::storage_registry::HOSTPATH_PROVISIONER;
use crate::engine::store::{Key, Kind};
use crate::engine::Cluster;

/// Where the provisioner keeps volumes on the node.
const PV_DIR: &str = "/tmp/hostpath-provisioner";
/// The provisioner's identity (a UUID it draws at start; fixed here so nothing is drawn from
/// the seeded generator) and the event source it reports as (`<provisioner>_<host>_<identity>`).
const IDENTITY: &str = "9b1f3c2e-4d5a-4e6f-8a7b-0c1d2e3f4a5b";

fn component() -> String {
    format!("{HOSTPATH_PROVISIONER}_node-1_{IDENTITY}")
}

/// Provisions a volume for the claim, unless one exists already.
pub fn provision(cluster: &mut Cluster, claim: &PersistentVolumeClaim, class: &StorageClass) {
    let name = format!("pvc-{}", claim.metadata.uid);
    if cluster.store.get::<PersistentVolume>(&Key::new("", &name)).is_some() {
        return;
    }
    let involved = Involved::of(Kind::PersistentVolumeClaim, &claim.metadata);
    let component = component();
    record(cluster, &involved, "Normal", "Provisioning", &format!("External provisioner is provisioning volume for claim \"{}/{}\"", claim.metadata.ns(), claim.metadata.name), &component, "");
    let mut capacity = BTreeMap::new();
    if let Some(storage) = claim.spec.resources.requests.get("storage") {
        capacity.insert("storage".to_string(), storage.clone());
    }
    let mut extra = BTreeMap::new();
    extra.insert("hostPath".to_string(), serde_json::json!({"path": format!("{PV_DIR}/{}/{}", claim.metadata.ns(), claim.metadata.name), "type": ""}));
    let volume = PersistentVolume {
        metadata: ObjectMeta {
            name: name.clone().into(),
            annotations: [("hostPathProvisionerIdentity".to_string(), IDENTITY.to_string()), ("pv.kubernetes.io/provisioned-by".to_string(), HOSTPATH_PROVISIONER.to_string())].into(),
            ..Default::default()
        },
        spec: PersistentVolumeSpec {
            capacity,
            access_modes: claim.spec.access_modes.clone(),
            claim_ref: Some(ClaimRef {
                api_version: Some("v1".into()),
                kind: Some("PersistentVolumeClaim".into()),
                namespace: Some(claim.metadata.ns().to_string()),
                name: Some(claim.metadata.name.to_string()),
                uid: Some(claim.metadata.uid.to_string()),
                resource_version: Some(claim.metadata.resource_version.clone()),
            }),
            persistent_volume_reclaim_policy: class.reclaim_policy.clone(),
            storage_class_name: Some(class.metadata.name.to_string()),
            volume_mode: claim.spec.volume_mode.clone(),
            mount_options: class.mount_options.clone(),
            extra,
        },
        status: Default::default(),
    };
    match crate::engine::storage_registry::create_volume(cluster, volume) {
        Ok(_) => record(cluster, &involved, "Normal", "ProvisioningSucceeded", &format!("Successfully provisioned volume {name}"), &component, ""),
        Err(error) => record(cluster, &involved, "Warning", "ProvisioningFailed", &format!("failed to provision volume with StorageClass \"{}\": {}", class.metadata.name, error.message()), &component, ""),
    }
}

/// Deletes a Released volume it provisioned, and its directory (the files pods wrote there).
pub fn delete(cluster: &mut Cluster, volume: &PersistentVolume) {
    cluster.written.forget_volume(&volume.metadata.name);
    let _ = crate::engine::apiserver::delete_object(cluster, Kind::PersistentVolume, &Key::new("", &volume.metadata.name), crate::engine::apiserver::Propagation::Background, None);
}
