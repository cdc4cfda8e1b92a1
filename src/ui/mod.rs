//! The page shell: the only code that imports yew, gloo and web-sys. It drives the engine only
//! through `crate::playground::Playground` and renders `ClusterView` snapshots.

pub mod app;
pub mod browser;
pub mod components;
pub mod diagnostics;
pub mod hooks;
pub mod i18n;
pub mod layout;
pub mod presets;
pub mod sim_clock;
pub mod state;
pub mod terminal_history;
pub mod timeline;

pub use app::App;

/// The id of the loading indicator in index.html, removed once the app is mounted.
const LOADING_ID: &str = "loading";
/// The id of the element the app is mounted into (index.html).
const ROOT_ID: &str = "app";

/// Mounts `App` into `#app` and removes the loading indicator. Called once by `main`.
pub fn start() {
    yew::set_custom_panic_hook(Box::new(on_panic));
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

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// A panic is a bug (user input never panics the engine), and with `panic = "abort"` the page
/// stops: say so on the page as well as in the console, instead of freezing silently.
fn on_panic(info: &std::panic::PanicHookInfo<'_>) {
    console_error(&format!("kubeplay stopped because of a bug: {info}"));
    let message = (i18n::document_lang().texts().crash)(&info.to_string());
    let document = gloo::utils::document();
    if let (Ok(banner), Some(body)) = (document.create_element("div"), document.body()) {
        banner.set_class_name("crash");
        banner.set_attribute("role", "alert").ok();
        banner.set_text_content(Some(&message));
        body.append_child(&banner).ok();
    }
}
