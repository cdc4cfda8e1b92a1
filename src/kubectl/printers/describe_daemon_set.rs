//! `kubectl describe daemonset`, as `DaemonSetDescriber` of kubectl 1.32 prints it.

use std::fmt::Write as _;

use crate::engine::api::daemon_set::DaemonSet;
use crate::engine::clock::Time;
use crate::engine::events::events_for;
use crate::engine::store::Kind;
use crate::engine::Cluster;

use super::describe::finish;

/// Mirrors `describeDaemonSet`. (Written in full by the describe work; the header for now.)
pub fn describe(cluster: &Cluster, ds: &DaemonSet, now: Time) -> String {
    let mut w = String::new();
    let _ = writeln!(w, "Name:\t{}", ds.metadata.name);
    finish(w, &events_for(cluster, Kind::DaemonSet, ds.metadata.ns(), &ds.metadata.name, &ds.metadata.uid), now)
}
