//! Hooks that own the page's browser resources: the engine's state, the timer, local storage.

pub mod use_cluster;
pub mod use_sim_loop;

pub use use_cluster::use_cluster;
pub use use_sim_loop::use_sim_loop;
