//! `kubectl describe statefulset`, as `StatefulSetDescriber` of kubectl 1.32 prints it.

use std::fmt::Write as _;

use crate::engine::api::stateful_set::StatefulSet;
use crate::engine::clock::Time;
use crate::engine::events::events_for;
use crate::engine::store::Kind;
use crate::engine::Cluster;

use super::describe::finish;

/// Mirrors `describeStatefulSet`. (The header only until the describe work lands.)
pub fn describe(cluster: &Cluster, sts: &StatefulSet, now: Time) -> String {
    let mut w = String::new();
    let _ = writeln!(w, "Name:\t{}", sts.metadata.name);
    finish(w, &events_for(cluster, Kind::StatefulSet, sts.metadata.ns(), &sts.metadata.name, &sts.metadata.uid), now)
}
