//! The YAML editor: one tab per file, a textarea and an Apply button (Ctrl+Enter applies too),
//! and under it the file's problems (syntax, unknown fields, types, validation), recomputed
//! 300 ms after the last keystroke. A problem's button puts the caret on it.

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::ui::diagnostics::{has_errors, label, marked_lines, problems, selection, severity_name};
use crate::ui::i18n::{use_texts, Texts};
use crate::ui::state::EditorFile;
use crate::yaml::diagnostic::{Diagnostic, Severity};

/// Real milliseconds of quiet typing before the problems are recomputed.
const DEBOUNCE_MS: u32 = 300;
/// The editor's line height in pixels (`.editor-body` in static/style.css).
const LINE_PX: i32 = 20;

/// The problems shown and the file and text they are about.
#[derive(PartialEq)]
struct Shown {
    name: Rc<str>,
    text: Rc<str>,
    problems: Rc<Vec<Diagnostic>>,
}

impl Shown {
    fn of(name: &Rc<str>, text: &Rc<str>) -> Shown {
        Shown { name: name.clone(), text: text.clone(), problems: Rc::new(problems(text)) }
    }
}

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
    let texts = use_texts();
    let active = props.active.min(props.files.len().saturating_sub(1));
    let (name, current): (Rc<str>, Rc<str>) =
        props.files.get(active).map(|file| (file.name.clone(), file.text.clone())).unwrap_or((Rc::from(""), Rc::from("")));
    let shown = use_state(|| Shown::of(&name, &current));
    {
        // Another file: its problems at once; the same file edited: once typing pauses.
        let shown = shown.clone();
        use_effect_with((name, current.clone()), move |(name, text)| {
            let mut timeout = None;
            if shown.name != *name {
                shown.set(Shown::of(name, text));
            } else if shown.text != *text {
                let (name, text) = (name.clone(), text.clone());
                timeout = Some(Timeout::new(DEBOUNCE_MS, move || shown.set(Shown::of(&name, &text))));
            }
            move || drop(timeout)
        });
    }
    let textarea_ref = use_node_ref();
    let body_ref = use_node_ref();
    let Some(file) = props.files.get(active) else { return html! {} };
    let problems = shown.problems.clone();
    let errors = has_errors(&problems);
    let marks = marked_lines(&problems);
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
    // A problem's button: select its characters in the textarea and scroll them into view.
    let go_to = {
        let textarea_ref = textarea_ref.clone();
        let body_ref = body_ref.clone();
        move |d: &Diagnostic| {
            let (line, column, width) = (d.line, d.column, d.width);
            let textarea_ref = textarea_ref.clone();
            let body_ref = body_ref.clone();
            Callback::from(move |_: MouseEvent| {
                let Some(textarea) = textarea_ref.cast::<web_sys::HtmlTextAreaElement>() else { return };
                let (start, end) = selection(&textarea.value(), line, column, width);
                let _ = textarea.focus();
                let _ = textarea.set_selection_range(start, end);
                if let Some(body) = body_ref.get().and_then(|body| body.dyn_into::<web_sys::Element>().ok()) {
                    let top = (line as i32 - 1) * LINE_PX;
                    let height = body.client_height();
                    if top < body.scroll_top() || top + 2 * LINE_PX > body.scroll_top() + height {
                        body.set_scroll_top((top - height / 3).max(0));
                    }
                }
            })
        }
    };
    let problem_list = if problems.is_empty() {
        html! { <p class="problems-none">{ texts.no_problems }</p> }
    } else {
        html! {
            <ul class="problem-list" aria-label={(texts.problems_in)(&file.name)}>
                { for problems.iter().map(|d| {
                    let severity = severity_name(d.severity);
                    html! {
                        <li class={classes!("problem", severity)}>
                            <button type="button" class="problem-button" data-line={d.line.to_string()} data-column={d.column.to_string()}
                                onclick={go_to(d)} title={texts.problem_title}>
                                <span class="problem-severity">{ severity_label(d.severity, texts) }</span>
                                <span class="problem-text">{ problem_text(d, texts) }</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
        }
    };
    let summary = (texts.problems_below)(problems.len());
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
                <div class="tab-list" role="tablist" aria-label={texts.files}>
                    { for props.files.iter().enumerate().map(|(index, file)| {
                        let selected = index == active;
                        let onclick = props.on_select.reform(move |_: MouseEvent| index);
                        html! {
                            <button type="button" role="tab" id={tab_id(index)} class={classes!("tab", selected.then_some("active"))}
                                aria-selected={selected.to_string()} tabindex={if selected { "0" } else { "-1" }}
                                {onclick} onkeydown={on_tab_keydown.clone()}>
                                { &*file.name }
                            </button>
                        }
                    }) }
                </div>
                <span class="tabs-spacer"></span>
                <button type="button" class="button subtle" onclick={on_reset} title={(texts.reset_title)(&file.name)}>{ texts.reset }</button>
                <button type="button" class="button primary" onclick={on_apply} title={(texts.apply_title)(&file.name, &summary)}>{ texts.apply }</button>
            </div>
            <div class="editor-body" key={&*file.name} role="tabpanel" aria-labelledby={tab_id(active)} ref={body_ref}>
                <div class="gutter" aria-hidden="true">
                    { for (1..=n_lines).map(|n| {
                        let mark = marks.iter().find(|(line, _)| *line == n).map(|(_, severity)| match severity {
                            Severity::Error => "error",
                            Severity::Warning => "warning",
                        });
                        html! { <div class={classes!(mark)}>{ n }</div> }
                    }) }
                </div>
                <textarea
                    ref={textarea_ref}
                    class={classes!("code", errors.then_some("has-errors"))}
                    aria-invalid={errors.then_some("true")}
                    aria-describedby="editor-problems"
                    aria-label={texts.yaml_editor}
                    data-file={file.name.to_string()}
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
            <div id="editor-problems" class={classes!("problems", errors.then_some("has-errors"))} role="status" aria-live="polite">
                { problem_list }
            </div>
        </div>
    }
}

/// The problem's place in the page's language and its message as the engine wrote it
/// (`diagnostics::label` after its `Line N, column M: ` prefix).
fn problem_text(d: &Diagnostic, texts: &Texts) -> String {
    let label = label(d);
    let message = label.split_once(": ").map_or(label.as_str(), |(_, message)| message);
    (texts.problem_at)(d.line, d.column, message)
}

fn severity_label(severity: Severity, texts: &Texts) -> &'static str {
    match severity {
        Severity::Error => texts.severity_error,
        Severity::Warning => texts.severity_warning,
    }
}

fn tab_id(index: usize) -> String {
    format!("tab-file-{index}")
}
