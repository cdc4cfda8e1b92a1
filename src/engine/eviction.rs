//! The pods' eviction subresource (pkg/registry/core/pod/storage/eviction.go): a delete that
//! PodDisruptionBudgets may refuse (429) while too few of their pods would stay healthy.
//! `kubectl drain` evicts through it.

use std::rc::Rc;

use crate::engine::api::pod::{Pod, PodCondition};
use crate::engine::api::pod_disruption_budget::PodDisruptionBudget;
use crate::engine::error::ApiError;
use crate::engine::store::{Key, Kind};
use crate::engine::Cluster;

/// The refusal's message (`createTooManyRequestsError` and `checkAndDecrement`).
pub const VIOLATES_BUDGET: &str = "Cannot evict pod as it would violate the pod's disruption budget.";

/// Mirrors `EvictionREST.Create`: a pod that is Pending, finished or already being deleted
/// goes without a budget check (`canIgnorePDB`); more than one budget is an error; a pod that is
/// not Ready goes without using up the budget when the budget is met anyway (or when its
/// `unhealthyPodEvictionPolicy` is AlwaysAllow); otherwise the budget must allow a disruption,
/// which the eviction uses up (`checkAndDecrement`). The pod then gets its DisruptionTarget
/// condition and is deleted with `grace` (its own grace period when `None`).
pub fn evict(cluster: &mut Cluster, key: &Key, grace: Option<i64>) -> Result<(), ApiError> {
    let Some(pod) = cluster.store.get::<Pod>(key) else {
        return Err(ApiError::not_found(Kind::Pod, &key.name));
    };
    if !can_ignore_budget(&pod) {
        let budgets = budgets_of(cluster, &pod);
        if budgets.len() > 1 {
            return Err(ApiError::InternalError { message: "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.".into() });
        }
        if let Some(pdb) = budgets.first() {
            let always_allow = pdb.spec.unhealthy_pod_eviction_policy.as_deref() == Some("AlwaysAllow");
            let budget_met = pdb.status.current_healthy >= pdb.status.desired_healthy && pdb.status.desired_healthy > 0;
            if pod.is_ready() || !(always_allow || budget_met) {
                check_and_decrement(cluster, &pod, pdb)?;
            }
        }
    }
    add_disruption_condition(cluster, &pod);
    crate::engine::apiserver::delete_pod(cluster, key, grace)
}

/// Mirrors `canIgnorePDB`.
fn can_ignore_budget(pod: &Pod) -> bool {
    matches!(pod.status.phase.as_deref(), Some("Succeeded" | "Failed" | "Pending")) || pod.metadata.deletion_timestamp.is_some()
}

/// Mirrors `getPodDisruptionBudgets`: the budgets of the pod's namespace whose selector, neither
/// missing nor empty, matches it.
fn budgets_of(cluster: &Cluster, pod: &Pod) -> Vec<Rc<PodDisruptionBudget>> {
    cluster
        .store
        .pod_disruption_budgets
        .in_namespace(pod.metadata.ns())
        .filter(|pdb| pdb.spec.selector.as_ref().is_some_and(|s| !s.is_empty() && s.matches(&pod.metadata.labels)))
        .cloned()
        .collect()
}

/// Mirrors `checkAndDecrement`: refused (429) while the controller has not seen the budget's
/// latest spec or no disruption is allowed; else one disruption fewer, and the pod noted as
/// disrupted so that the controller stops counting it as healthy.
fn check_and_decrement(cluster: &mut Cluster, pod: &Pod, pdb: &PodDisruptionBudget) -> Result<(), ApiError> {
    if pdb.status.observed_generation < pdb.metadata.generation || pdb.status.disruptions_allowed == 0 {
        return Err(ApiError::TooManyRequests { message: VIOLATES_BUDGET.into() });
    }
    if pdb.status.disruptions_allowed < 0 {
        return Err(ApiError::Forbidden { message: format!("poddisruptionbudgets.policy {:?} is forbidden: pdb disruptions allowed is negative", &*pdb.metadata.name) });
    }
    let now = cluster.time();
    let mut written = pdb.clone();
    written.status.disruptions_allowed -= 1;
    if written.status.disruptions_allowed == 0 {
        written.status.update_disruption_allowed(now);
    }
    written.status.disrupted_pods.insert(pod.metadata.name.to_string(), now);
    cluster.store.update_status(written)?;
    Ok(())
}

/// `addConditionAndDeletePod`: the DisruptionTarget condition (PodDisruptionConditions, GA in
/// 1.31) says why the pod is going.
fn add_disruption_condition(cluster: &mut Cluster, pod: &Pod) {
    if pod.metadata.deletion_timestamp.is_some() {
        return;
    }
    let now = cluster.time();
    let mut written = pod.clone();
    let condition = PodCondition {
        type_: "DisruptionTarget".into(),
        status: "True".into(),
        last_probe_time: None,
        last_transition_time: Some(now),
        reason: Some("EvictionByEvictionAPI".into()),
        message: Some("Eviction API: evicting".into()),
    };
    match written.status.conditions.iter_mut().find(|c| &*c.type_ == "DisruptionTarget") {
        Some(existing) if &*existing.status == "True" => return,
        Some(existing) => *existing = condition,
        None => written.status.conditions.push(condition),
    }
    let _ = cluster.store.update_status(written);
}
