//! `kubectl describe statefulset`, as `StatefulSetDescriber` of kubectl 1.32 prints it.

use std::fmt::Write as _;

use crate::engine::api::stateful_set::{ClaimTemplate, StatefulSet};
use crate::engine::api::storage::{canonical_quantity, quantity_text};
use crate::engine::clock::Time;
use crate::engine::events::events_for;
use crate::engine::store::Kind;
use crate::engine::Cluster;

use super::describe::{annotations_multiline, finish, labels_multiline, pod_status_for_controller, pod_template};

/// The beta annotation `GetPersistentVolumeClaimClass` reads before `spec.storageClassName`.
const BETA_STORAGE_CLASS_ANNOTATION: &str = "volume.beta.kubernetes.io/storage-class";

/// Mirrors `StatefulSetDescriber.Describe` and `describeStatefulSet` (pkg/describe/describe.go):
/// name, namespace, creation time, the selector as `LabelSelectorAsSelector(...).String()`,
/// labels and annotations, `Replicas: N desired | M total`, the update strategy with its
/// partition (and maxUnavailable, printed only beside a partition, as the Go code nests it), the
/// phases of the pods the selector matches and the set controls (`getPodStatusForController`),
/// the pod template, the claim templates (`describeVolumeClaimTemplates`), the events.
pub fn describe(cluster: &Cluster, sts: &StatefulSet, now: Time) -> String {
    let mut w = String::new();
    let _ = writeln!(w, "Name:\t{}", sts.metadata.name);
    let _ = writeln!(w, "Namespace:\t{}", sts.metadata.ns());
    let _ = writeln!(w, "CreationTimestamp:\t{}", sts.metadata.creation_timestamp.map(|t| t.rfc1123z()).unwrap_or_default());
    let selector = sts.spec.selector.as_ref().and_then(|s| s.to_selector().ok()).map(|s| s.display()).unwrap_or_default();
    let _ = writeln!(w, "Selector:\t{selector}");
    labels_multiline(&mut w, "Labels", &sts.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &sts.metadata.annotations);
    let _ = writeln!(w, "Replicas:\t{} desired | {} total", sts.replicas(), sts.status.replicas);
    let _ = writeln!(w, "Update Strategy:\t{}", sts.spec.update_strategy.type_.as_deref().unwrap_or_default());
    if let Some(rolling) = &sts.spec.update_strategy.rolling_update {
        if let Some(partition) = rolling.partition {
            let _ = writeln!(w, "  Partition:\t{partition}");
            if let Some(max_unavailable) = &rolling.max_unavailable {
                let _ = writeln!(w, "  MaxUnavailable:\t{}", max_unavailable.display());
            }
        }
    }
    let _ = writeln!(w, "Pods Status:\t{}", pod_status_for_controller(cluster, sts.spec.selector.as_ref(), &sts.metadata.uid));
    pod_template(&mut w, &sts.spec.template);
    volume_claim_templates(&mut w, &sts.spec.volume_claim_templates);
    finish(w, &events_for(cluster, Kind::StatefulSet, sts.metadata.ns(), &sts.metadata.name, &sts.metadata.uid), now)
}

/// Mirrors `describeVolumeClaimTemplates`: each template's name, class
/// (`storageutil.GetPersistentVolumeClaimClass`: the beta annotation, then the spec's class),
/// labels and annotations (both as `printLabelsMultilineWithIndent` prints labels: `key=value`),
/// the requested storage as `Quantity.String()` (`<default>` without one) and the access modes
/// as Go's `%s` of a slice (`[ReadWriteOnce]`).
fn volume_claim_templates(w: &mut String, templates: &[ClaimTemplate]) {
    if templates.is_empty() {
        w.push_str("Volume Claims:\t<none>\n");
        return;
    }
    w.push_str("Volume Claims:\n");
    for claim in templates {
        let _ = writeln!(w, "  Name:\t{}", claim.metadata.name);
        let class = match claim.metadata.annotations.get(BETA_STORAGE_CLASS_ANNOTATION) {
            Some(class) => class.clone(),
            None => claim.spec.storage_class_name.clone().unwrap_or_default(),
        };
        let _ = writeln!(w, "  StorageClass:\t{class}");
        labels_multiline(w, "  Labels", &claim.metadata.labels);
        labels_multiline(w, "  Annotations", &claim.metadata.annotations);
        match claim.spec.resources.requests.get("storage") {
            Some(quantity) => {
                let _ = writeln!(w, "  Capacity:\t{}", canonical_quantity(&quantity_text(quantity)));
            }
            None => w.push_str("  Capacity:\t<default>\n"),
        }
        let _ = writeln!(w, "  Access Modes:\t[{}]", claim.spec.access_modes.join(" "));
    }
}
