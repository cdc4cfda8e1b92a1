//! The page shell: the only code that imports yew, gloo and web-sys. It drives the engine only
//! through `crate::playground::Playground` and renders `ClusterView` snapshots.

pub mod app;
pub mod components;
pub mod hooks;
pub mod layout;
pub mod sim_clock;
pub mod state;
pub mod terminal_history;

pub use app::App;

/// The id of the loading indicator in index.html, removed once the app is mounted.
const LOADING_ID: &str = "loading";
/// The id of the element the app is mounted into (index.html).
const ROOT_ID: &str = "app";

/// Mounts `App` into `#app` and removes the loading indicator. Called once by `main`.
pub fn start() {
    let document = gloo::utils::document();
    let renderer = match document.get_element_by_id(ROOT_ID) {
        Some(root) => yew::Renderer::<App>::with_root(root),
        None => yew::Renderer::<App>::new(),
    };
    renderer.render();
    if let Some(loading) = document.get_element_by_id(LOADING_ID) {
        loading.remove();
    }
}
