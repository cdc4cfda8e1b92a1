//! The YAML editor: one file tab, a textarea and an Apply button (Ctrl+Enter applies too).

use yew::prelude::*;

/// What the editor shows and where its edits go; the text itself lives in `AppState`.
#[derive(Properties, PartialEq)]
pub struct YamlEditorProps {
    /// The file's name, shown on its tab (`deployment.yaml`).
    pub file_name: AttrValue,
    pub text: AttrValue,
    /// Every keystroke: the whole new text.
    pub on_change: Callback<String>,
    /// The Apply button or Ctrl+Enter.
    pub on_apply: Callback<()>,
    /// Puts the starting text back.
    pub on_reset: Callback<()>,
}

/// A one-file editor (`textarea`, accessible name "YAML editor") with line numbers and Apply.
#[component]
pub fn YamlEditor(props: &YamlEditorProps) -> Html {
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
    let n_lines = props.text.lines().count().max(1);
    html! {
        <div class="yaml-editor">
            <div class="tabs" role="tablist" aria-label="Files">
                <button type="button" role="tab" class="tab active" aria-selected="true" id="tab-file">{ props.file_name.clone() }</button>
                <span class="tabs-spacer"></span>
                <button type="button" class="button subtle" onclick={on_reset} title="Put the starting nginx Deployment back">{ "Reset" }</button>
                <button type="button" class="button primary" onclick={on_apply} title="kubectl apply -f (Ctrl+Enter)">{ "Apply" }</button>
            </div>
            <div class="editor-body" role="tabpanel" aria-labelledby="tab-file">
                <div class="gutter" aria-hidden="true">
                    { for (1..=n_lines).map(|n| html! { <div>{ n }</div> }) }
                </div>
                <textarea
                    class="code"
                    aria-label="YAML editor"
                    spellcheck="false"
                    autocomplete="off"
                    autocapitalize="off"
                    wrap="off"
                    rows={(n_lines + 1).to_string()}
                    value={props.text.clone()}
                    oninput={on_input}
                    onkeydown={on_keydown}
                />
            </div>
        </div>
    }
}
