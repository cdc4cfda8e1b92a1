//! Owns the page state (and with it the engine) and keeps the editor's text in local storage.

use gloo::storage::{LocalStorage, Storage};
use yew::prelude::*;

use crate::playground::Playground;
use crate::ui::state::{AppState, EDITOR_FILE};

/// The seed of the page's cluster: the same names on every load, like a recorded lesson.
pub const PAGE_SEED: u64 = 1;

/// The local-storage key of the editor's text.
pub fn editor_storage_key() -> String {
    format!("kubeplay.editor.{EDITOR_FILE}")
}

/// The nginx Deployment the editor starts with (the same one the default scenario applied).
pub fn default_editor_text() -> String {
    crate::scenarios::NGINX_DEPLOYMENT.to_string()
}

/// The page state, created once with the default scenario; saves the editor's text on change.
#[hook]
pub fn use_cluster() -> UseReducerHandle<AppState> {
    let state = use_reducer(|| {
        let saved: Option<String> = LocalStorage::get(editor_storage_key()).ok();
        let editor_text = saved.filter(|text| !text.trim().is_empty()).unwrap_or_else(default_editor_text);
        AppState::new(Playground::with_default_scenario(PAGE_SEED), editor_text)
    });
    use_effect_with(state.editor_text.clone(), |text| {
        // Storage can be full or disabled (private mode); the editor still works without it.
        let _ = LocalStorage::set(editor_storage_key(), text.to_string());
    });
    state
}
