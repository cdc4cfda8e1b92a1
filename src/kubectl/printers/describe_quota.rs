//! `kubectl describe` of LimitRanges and ResourceQuotas, and their sections in a namespace's
//! description, ported from kubectl 1.32's describers (pkg/describe/describe.go:
//! `describeLimitRange`, `describeLimitRangeSpec`, `describeQuota`, `DescribeLimitRanges`,
//! `DescribeResourceQuotas`).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::engine::api::limit_range::{LimitRange, LimitRangeSpec, ResourceList};
use crate::engine::api::quantity::Quantity;
use crate::engine::api::resource_quota::ResourceQuota;
use crate::kubectl::printers::tabwriter::{align, DESCRIBE};

fn text(list: &ResourceList, name: &str) -> Option<Quantity> {
    list.get(name).and_then(Quantity::from_json)
}

/// Mirrors `describeLimitRangeSpec`: one row per item and resource (the resources in name
/// order, where kubectl walks a Go map), `-` where the item sets nothing.
fn limit_range_rows(w: &mut String, spec: &LimitRangeSpec, prefix: &str) {
    for item in &spec.limits {
        let names: BTreeSet<&String> = [&item.max, &item.min, &item.default, &item.default_request, &item.max_limit_request_ratio].into_iter().flat_map(|l| l.keys()).collect();
        for name in names {
            let cell = |list: &ResourceList| text(list, name).map(|q| q.to_string()).unwrap_or_else(|| "-".into());
            let _ = writeln!(
                w,
                "{prefix}{}\t{name}\t{}\t{}\t{}\t{}\t{}",
                item.type_,
                cell(&item.min),
                cell(&item.max),
                cell(&item.default_request),
                cell(&item.default),
                cell(&item.max_limit_request_ratio)
            );
        }
    }
}

/// Mirrors `describeLimitRange` (no labels, annotations or events).
pub fn limit_range(range: &LimitRange) -> String {
    let mut w = String::new();
    let _ = writeln!(w, "Name:\t{}", range.metadata.name);
    let _ = writeln!(w, "Namespace:\t{}", range.metadata.ns());
    w.push_str("Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n");
    w.push_str("----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
    limit_range_rows(&mut w, &range.spec, "");
    align(&w, DESCRIBE)
}

const SCOPE_HELP: [(&str, &str); 4] = [
    ("Terminating", "Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system."),
    ("NotTerminating", "Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate."),
    ("BestEffort", "Matches all pods that do not have resource requirements set. These pods have a best effort quality of service."),
    ("NotBestEffort", "Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service."),
];

fn scopes(w: &mut String, quota: &ResourceQuota, indent: &str, bullet: &str) {
    if quota.spec.scopes.is_empty() {
        return;
    }
    let mut names = quota.spec.scopes.clone();
    names.sort();
    let _ = writeln!(w, "{indent}Scopes:\t{}", names.join(", "));
    for name in &names {
        if let Some((_, help)) = SCOPE_HELP.iter().find(|(scope, _)| scope == name) {
            let _ = writeln!(w, "{bullet}* {help}");
        }
    }
}

/// Mirrors `describeQuota`: status.hard's resources in name order, each used quantity printed
/// in its hard quantity's format when they differ.
pub fn resource_quota(quota: &ResourceQuota) -> String {
    let mut w = String::new();
    let _ = writeln!(w, "Name:\t{}", quota.metadata.name);
    let _ = writeln!(w, "Namespace:\t{}", quota.metadata.ns());
    scopes(&mut w, quota, "", " ");
    w.push_str("Resource\tUsed\tHard\n--------\t----\t----\n");
    for name in quota.status.hard.keys() {
        let hard = text(&quota.status.hard, name).unwrap_or_else(Quantity::zero);
        let mut used = text(&quota.status.used, name).unwrap_or_else(Quantity::zero);
        if used.format != hard.format {
            used = Quantity::new(used.value(), hard.format);
        }
        let _ = writeln!(w, "{name}\t{used}\t{hard}");
    }
    align(&w, DESCRIBE)
}

/// A namespace's quota and limit sections (`DescribeResourceQuotas`, `DescribeLimitRanges`),
/// unaligned: the namespace's describer aligns its whole text.
pub fn namespace_sections(w: &mut String, quotas: &[std::rc::Rc<ResourceQuota>], ranges: &[std::rc::Rc<LimitRange>]) {
    w.push('\n');
    if quotas.is_empty() {
        w.push_str("No resource quota.\n");
    } else {
        w.push_str("Resource Quotas\n");
        for quota in quotas {
            let _ = writeln!(w, "  Name:\t{}", quota.metadata.name);
            scopes(w, quota, "  ", "  ");
            w.push_str("  Resource\tUsed\tHard\n  --------\t---\t---\n");
            for name in quota.status.hard.keys() {
                let hard = text(&quota.status.hard, name).unwrap_or_else(Quantity::zero);
                let used = text(&quota.status.used, name).unwrap_or_else(Quantity::zero);
                let _ = writeln!(w, "  {name}\t{used}\t{hard}");
            }
        }
    }
    w.push('\n');
    if ranges.is_empty() {
        w.push_str("No LimitRange resource.\n");
    } else {
        w.push_str("Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n");
        w.push_str(" ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
        for range in ranges {
            limit_range_rows(w, &range.spec, " ");
        }
    }
}
