//! `kubectl describe replicationcontroller`, as `ReplicationControllerDescriber` of kubectl 1.32 prints it.

use std::fmt::Write as _;

use crate::engine::api::replication_controller::ReplicationController;
use crate::engine::clock::Time;
use crate::engine::events::events_for;
use crate::engine::store::Kind;
use crate::engine::Cluster;

use super::describe::finish;

/// Mirrors `describeReplicationController`. (The header only until the describe work lands.)
pub fn describe(cluster: &Cluster, rc: &ReplicationController, now: Time) -> String {
    let mut w = String::new();
    let _ = writeln!(w, "Name:\t{}", rc.metadata.name);
    finish(w, &events_for(cluster, Kind::ReplicationController, rc.metadata.ns(), &rc.metadata.name, &rc.metadata.uid), now)
}
