//! The YAML editor: one tab per file, a textarea and an Apply button (Ctrl+Enter applies too).

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::state::EditorFile;

/// The files and which one is shown; the texts live in `AppState`.
#[derive(Properties, PartialEq)]
pub struct YamlEditorProps {
    /// At least one file.
    pub files: Rc<Vec<EditorFile>>,
    /// The index of the shown file.
    pub active: usize,
    /// A tab was chosen: its index.
    pub on_select: Callback<usize>,
    /// Every keystroke: the shown file's whole new text.
    pub on_change: Callback<String>,
    /// The Apply button or Ctrl+Enter: `kubectl apply -f` of the shown file.
    pub on_apply: Callback<()>,
    /// Puts the shown file's starting text back.
    pub on_reset: Callback<()>,
}

/// A tabbed editor (`textarea`, accessible name "YAML editor") with line numbers and Apply.
#[component]
pub fn YamlEditor(props: &YamlEditorProps) -> Html {
    let active = props.active.min(props.files.len().saturating_sub(1));
    let Some(file) = props.files.get(active) else { return html! {} };
    let on_input = props.on_change.reform(|event: InputEvent| super::target_value(&event));
    let on_keydown = {
        let on_apply = props.on_apply.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" && (event.ctrl_key() || event.meta_key()) {
                event.prevent_default();
                on_apply.emit(());
            }
        })
    };
    let on_apply = props.on_apply.reform(|_: MouseEvent| ());
    let on_reset = props.on_reset.reform(|_: MouseEvent| ());
    // Arrow keys move between tabs, as in the WAI-ARIA tabs pattern.
    let on_tab_keydown = {
        let on_select = props.on_select.clone();
        let n_files = props.files.len();
        Callback::from(move |event: KeyboardEvent| {
            let next = match event.key().as_str() {
                "ArrowRight" => (active + 1) % n_files,
                "ArrowLeft" => (active + n_files - 1) % n_files,
                _ => return,
            };
            event.prevent_default();
            on_select.emit(next);
            let id = tab_id(next);
            if let Some(tab) = gloo::utils::document().get_element_by_id(&id) {
                let _ = js_sys::Reflect::get(&tab, &"focus".into())
                    .ok()
                    .and_then(|focus| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(focus).ok())
                    .map(|focus| focus.call0(&tab));
            }
        })
    };
    let text = file.text.to_string();
    let n_lines = text.lines().count().max(1);
    html! {
        <div class="yaml-editor">
            <div class="tabs">
                <div class="tab-list" role="tablist" aria-label="Files">
                    { for props.files.iter().enumerate().map(|(index, file)| {
                        let selected = index == active;
                        let onclick = props.on_select.reform(move |_: MouseEvent| index);
                        html! {
                            <button type="button" role="tab" id={tab_id(index)} class={classes!("tab", selected.then_some("active"))}
                                aria-selected={selected.to_string()} tabindex={if selected { "0" } else { "-1" }}
                                {onclick} onkeydown={on_tab_keydown.clone()}>
                                { file.name }
                            </button>
                        }
                    }) }
                </div>
                <span class="tabs-spacer"></span>
                <button type="button" class="button subtle" onclick={on_reset} title={format!("Put the scenario's {} back", file.name)}>{ "Reset" }</button>
                <button type="button" class="button primary" onclick={on_apply} title={format!("kubectl apply -f {} (Ctrl+Enter)", file.name)}>{ "Apply" }</button>
            </div>
            <div class="editor-body" key={file.name} role="tabpanel" aria-labelledby={tab_id(active)}>
                <div class="gutter" aria-hidden="true">
                    { for (1..=n_lines).map(|n| html! { <div>{ n }</div> }) }
                </div>
                <textarea
                    class="code"
                    aria-label="YAML editor"
                    data-file={file.name}
                    spellcheck="false"
                    autocomplete="off"
                    autocapitalize="off"
                    wrap="off"
                    rows={(n_lines + 1).to_string()}
                    value={text}
                    oninput={on_input}
                    onkeydown={on_keydown}
                />
            </div>
        </div>
    }
}

fn tab_id(index: usize) -> String {
    format!("tab-file-{index}")
}
