//! Owns the page state (and with it the engine) and keeps the default scenario's Deployment
//! text in local storage.

use std::rc::Rc;

use gloo::storage::{LocalStorage, Storage};
use yew::prelude::*;

use crate::ui::presets::default_preset;
use crate::ui::state::{Action, AppState, EDITOR_FILE, PAGE_SEED};

pub use crate::ui::state::default_editor_text;

/// The local-storage key of the editor's text.
pub fn editor_storage_key() -> String {
    format!("kubeplay.editor.{EDITOR_FILE}")
}

/// The page state, created once with the default preset. While that preset is loaded, the
/// Deployment file's text is saved on change and restored (not applied) on the next visit.
#[hook]
pub fn use_cluster() -> UseReducerHandle<AppState> {
    let state = use_reducer(|| {
        let state = AppState::load(default_preset(), PAGE_SEED);
        let saved: Option<String> = LocalStorage::get(editor_storage_key()).ok();
        match saved.filter(|text| !text.trim().is_empty()) {
            Some(text) => Rc::new(state).reduce(Action::EditorChanged(text)).as_ref().clone(),
            None => state,
        }
    });
    let saved_text = (state.preset.id == default_preset().id)
        .then(|| state.files.iter().find(|file| &*file.name == EDITOR_FILE).map(|file| file.text.clone()))
        .flatten();
    use_effect_with(saved_text, |text| {
        // Storage can be full or disabled (private mode); the editor still works without it.
        if let Some(text) = text {
            let _ = LocalStorage::set(editor_storage_key(), text.to_string());
        }
    });
    state
}
