//! The service accounts controller: every active namespace has a ServiceAccount named `default`.
//!
//! Mirrors `ServiceAccountsController` (pkg/controller/serviceaccount/serviceaccounts_controller.go):
//! a namespace added or updated, or a ServiceAccount deleted, queues the namespace, and
//! `syncNamespace` creates each missing account of the list (`default` only) while the
//! namespace is Active. It records no events.

use crate::engine::api::core::{Namespace, ServiceAccount};
use crate::engine::api::meta::ObjectMeta;
use crate::engine::clock::Time;
use crate::engine::rng::Rng;
use crate::engine::store::Key;
use crate::engine::Cluster;

/// `DefaultServiceAccountsControllerOptions().ServiceAccounts`.
pub const DEFAULT_ACCOUNT: &str = "default";

/// `namespaceAdded` / `namespaceUpdated` / `serviceAccountDeleted`: the namespace to sync.
pub fn observe_namespace(cluster: &mut Cluster, namespace: &str) {
    cluster.service_account_queue.add(Key::new("", namespace));
}

/// `syncNamespace`: creates `default` in an Active namespace that lacks it.
#[inline(never)]
pub fn sync(cluster: &mut Cluster, key: &Key) {
    let Some(namespace) = cluster.store.get::<Namespace>(key) else { return };
    if namespace.status.phase.as_deref().is_some_and(|phase| phase != "Active") || namespace.metadata.is_deleting() {
        return;
    }
    let name = namespace.metadata.name.clone();
    if cluster.store.get::<ServiceAccount>(&Key::new(&name, DEFAULT_ACCOUNT)).is_some() {
        return;
    }
    let now = cluster.time();
    create(cluster, &namespace.metadata, DEFAULT_ACCOUNT, now);
}

/// Creates the account `name` in the namespace `namespace` at `at`. Its UID comes from the
/// namespace's own (seeded) UID and the store's resourceVersion rather than from the cluster's
/// generator, so that a namespace gaining its account does not shift every name generated after
/// it: same seed, same UIDs, and an account made again has a new one.
pub(crate) fn create(cluster: &mut Cluster, namespace: &ObjectMeta, name: &str, at: Time) {
    let account = ServiceAccount { metadata: ObjectMeta { name: name.into(), namespace: Some(namespace.name.clone()), ..Default::default() }, ..Default::default() };
    let version = cluster.store.resource_version().to_string();
    let (seed, _) = crate::engine::fast_hash::digest([&*namespace.uid, name, &version]);
    let uid = Rng::new(seed).uid();
    // Nothing can refuse it: the namespace is active and the name valid; a lost race (the
    // account created in between) is AlreadyExists, which the real controller ignores too.
    let _ = cluster.store.create_with_uid(account, uid, at, &mut cluster.rng);
}

#[cfg(test)]
mod tests {
    use crate::engine::api::core::ServiceAccount;
    use crate::engine::store::Key;
    use crate::engine::{Cluster, Timing};

    #[test]
    fn every_bootstrap_namespace_has_its_default_account() {
        let cluster = Cluster::new(1, Timing::reference());
        for namespace in ["default", "kube-node-lease", "kube-public", "kube-system"] {
            assert!(cluster.store.get::<ServiceAccount>(&Key::new(namespace, "default")).is_some(), "{namespace}");
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_account_uids_and_another_seed_others() {
        let uid = |seed| Cluster::new(seed, Timing::reference()).store.get::<ServiceAccount>(&Key::new("default", "default")).unwrap().metadata.uid.to_string();
        assert_eq!(uid(7), uid(7));
        assert_ne!(uid(7), uid(8));
    }
}
