//! kubeplay: a Kubernetes control plane simulated step for step, kubectl on top, a page around it.
//!
//! Dependencies point inward: `ui -> playground -> kubectl -> engine`, `kubectl -> yaml -> engine::api`.
//! The engine is a functional core: no browser, no wall clock, no unseeded randomness.

#[cfg(not(target_arch = "wasm32"))]
pub mod allocator;
pub mod bench;
pub mod completion;
pub mod embed;
pub mod engine;
pub mod explain;
pub mod fixed_point;
pub mod kubectl;
pub mod lessons;
pub mod go_sort;
pub mod order;
pub mod playground;
pub mod scenarios;
pub mod script;
pub mod share;
pub mod view;
pub mod yaml;

#[cfg(target_arch = "wasm32")]
pub mod ui;
