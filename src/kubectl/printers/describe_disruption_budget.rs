//! `kubectl describe poddisruptionbudget`, ported from kubectl 1.32 (pkg/describe/describe.go:
//! `describePodDisruptionBudgetV1`).

use std::fmt::Write as _;

use crate::engine::api::pod_disruption_budget::PodDisruptionBudget;
use crate::engine::clock::Time;
use crate::engine::events::events_for;
use crate::engine::store::Kind;
use crate::engine::Cluster;
use crate::kubectl::printers::describe::finish;

/// Mirrors `describePodDisruptionBudgetV1`: the bound that is set (minAvailable first), the
/// selector (`metav1.FormatLabelSelector`), the status counts, the events.
pub fn describe(cluster: &Cluster, pdb: &PodDisruptionBudget, now: Time) -> String {
    let mut w = String::new();
    let _ = writeln!(w, "Name:\t{}", pdb.metadata.name);
    let _ = writeln!(w, "Namespace:\t{}", pdb.metadata.ns());
    if let Some(min_available) = &pdb.spec.min_available {
        let _ = writeln!(w, "Min available:\t{}", min_available.display());
    } else if let Some(max_unavailable) = &pdb.spec.max_unavailable {
        let _ = writeln!(w, "Max unavailable:\t{}", max_unavailable.display());
    }
    match &pdb.spec.selector {
        Some(selector) => {
            let _ = writeln!(w, "Selector:\t{}", selector.display());
        }
        None => w.push_str("Selector:\t<unset>\n"),
    }
    let status = &pdb.status;
    w.push_str("Status:\n");
    let _ = writeln!(w, "    Allowed disruptions:\t{}", status.disruptions_allowed);
    let _ = writeln!(w, "    Current:\t{}", status.current_healthy);
    let _ = writeln!(w, "    Desired:\t{}", status.desired_healthy);
    let _ = writeln!(w, "    Total:\t{}", status.expected_pods);
    finish(w, &events_for(cluster, Kind::PodDisruptionBudget, pdb.metadata.ns(), &pdb.metadata.name, &pdb.metadata.uid), now)
}
