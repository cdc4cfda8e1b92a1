//! The YAML editor: one tab per file, a textarea and an Apply button (Ctrl+Enter applies too),
//! and under it the file's problems (syntax, unknown fields, types, validation), recomputed
//! 300 ms after the last keystroke. A problem's button puts the caret on it. Over the textarea,
//! a mirror of its text in transparent letters (same font, padding and horizontal scroll)
//! underlines each problem's characters with a wavy line; its message shows beside the mark
//! when the pointer is on it or the caret is in it.

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::ui::diagnostics::{has_errors, is_manifest, label, mark_segments, marked_lines, position_of, problems, selection, severity_name, Segment};
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
        let found = if is_manifest(name, text) { problems(text) } else { Vec::new() };
        Shown { name: name.clone(), text: text.clone(), problems: Rc::new(found) }
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
    /// The file of the `kubectl edit` waiting for this panel, if any: its tab has Save and
    /// Cancel instead of Reset and Apply.
    #[prop_or_default]
    pub editing: Option<Rc<str>>,
    /// The edit tab's Save (or Ctrl+Enter on it).
    #[prop_or_default]
    pub on_save_edit: Callback<()>,
    /// The edit tab's Cancel.
    #[prop_or_default]
    pub on_cancel_edit: Callback<()>,
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
    let marks_ref = use_node_ref();
    // The problem (index) under the pointer, and the one the caret is in: its message shows.
    let hovered = use_state(|| None::<usize>);
    let at_caret = use_state(|| None::<usize>);
    let Some(file) = props.files.get(active) else { return html! {} };
    let problems = shown.problems.clone();
    let errors = has_errors(&problems);
    let marks = marked_lines(&problems);
    let on_input = props.on_change.reform(|event: InputEvent| super::target_value(&event));
    // The mirror follows the textarea's horizontal scroll (the editor body scrolls both vertically).
    let on_scroll = {
        let marks_ref = marks_ref.clone();
        Callback::from(move |event: Event| {
            let Some(textarea) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) else { return };
            if let Some(marks) = marks_ref.cast::<web_sys::Element>() {
                let _ = marks.set_attribute("style", &format!("transform: translateX({}px)", -textarea.scroll_left()));
            }
        })
    };
    // Pointer over a mark: hit-test the marks' boxes (the mirror itself takes no pointer events).
    let on_mouse_move = {
        let marks_ref = marks_ref.clone();
        let hovered = hovered.clone();
        Callback::from(move |event: MouseEvent| {
            let (x, y) = (f64::from(event.client_x()), f64::from(event.client_y()));
            let found = marks_ref.cast::<web_sys::Element>().and_then(|marks| {
                let spans = marks.query_selector_all(".mark").ok()?;
                (0..spans.length()).filter_map(|i| spans.item(i)?.dyn_into::<web_sys::Element>().ok()).find_map(|span| {
                    let rect = super::pod_view::rect_of(&span);
                    let (left, top) = (rect.left(), rect.top());
                    let inside = x >= left && x <= left + rect.width() && y >= top - 2.0 && y <= top + rect.height() + 2.0;
                    inside.then(|| span.get_attribute("data-index")?.parse::<usize>().ok()).flatten()
                })
            });
            if *hovered != found {
                hovered.set(found);
            }
        })
    };
    let on_mouse_leave = {
        let hovered = hovered.clone();
        Callback::from(move |_: MouseEvent| hovered.set(None))
    };
    // The caret in a mark (typing, arrow keys, a click, a problem's button): its message shows.
    let caret_check = {
        let problems = problems.clone();
        let at_caret = at_caret.clone();
        move |textarea: &web_sys::HtmlTextAreaElement| {
            let caret = textarea.selection_start().ok().flatten().unwrap_or(0);
            let (line, column) = position_of(&textarea.value(), caret);
            let found = problems.iter().position(|d| d.line == line && column >= d.column && column <= d.column + d.width.max(1));
            if *at_caret != found {
                at_caret.set(found);
            }
        }
    };
    let on_caret = {
        let caret_check = caret_check.clone();
        Callback::from(move |event: Event| {
            if let Some(textarea) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
                caret_check(&textarea);
            }
        })
    };
    let on_blur = {
        let at_caret = at_caret.clone();
        Callback::from(move |_: FocusEvent| at_caret.set(None))
    };
    let tip = (*hovered).or(*at_caret).filter(|&index| index < problems.len());
    let edit_tab = props.editing.as_deref() == Some(&*file.name);
    let on_keydown = {
        let on_apply = if edit_tab { props.on_save_edit.clone() } else { props.on_apply.clone() };
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
            let caret_check = caret_check.clone();
            Callback::from(move |_: MouseEvent| {
                let Some(textarea) = textarea_ref.cast::<web_sys::HtmlTextAreaElement>() else { return };
                let (start, end) = selection(&textarea.value(), line, column, width);
                let _ = textarea.focus();
                let _ = textarea.set_selection_range(start, end);
                caret_check(&textarea);
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
                        // A path (kubectl edit's `/tmp/kubectl-edit-NNN.yaml`) shows its last
                        // part; the whole name is the tab's accessible name and tooltip.
                        let shown = file.name.rsplit('/').next().unwrap_or(&file.name);
                        let label = (shown != &*file.name).then(|| file.name.to_string());
                        html! {
                            <button type="button" role="tab" id={tab_id(index)} class={classes!("tab", selected.then_some("active"))}
                                aria-selected={selected.to_string()} tabindex={if selected { "0" } else { "-1" }}
                                aria-label={label.clone()} title={label}
                                {onclick} onkeydown={on_tab_keydown.clone()}>
                                { shown }
                            </button>
                        }
                    }) }
                </div>
                // Together at the right; under the tabs when the column is too narrow for both.
                <span class="tab-actions">
                    if edit_tab {
                        <button type="button" class="button subtle" onclick={props.on_cancel_edit.reform(|_: MouseEvent| ())} title={texts.cancel_edit_title}>{ texts.cancel_edit }</button>
                        <button type="button" class="button primary" onclick={props.on_save_edit.reform(|_: MouseEvent| ())} title={(texts.save_edit_title)(&file.name)}>{ texts.save_edit }</button>
                    } else {
                        <button type="button" class="button subtle" onclick={on_reset} title={(texts.reset_title)(&file.name)}>{ texts.reset }</button>
                        <button type="button" class="button primary" onclick={on_apply} title={(texts.apply_title)(&file.name, &summary)}>{ texts.apply }</button>
                    }
                </span>
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
                <div class="code-wrap">
                <textarea
                    ref={textarea_ref}
                    class={classes!("code", errors.then_some("has-errors"))}
                    aria-invalid={errors.then_some("true")}
                    aria-describedby={if tip.is_some() { "editor-problems mark-tip" } else { "editor-problems" }}
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
                    onscroll={on_scroll}
                    onmousemove={on_mouse_move}
                    onmouseleave={on_mouse_leave}
                    onkeyup={on_caret.reform(|event: KeyboardEvent| Event::from(event))}
                    onclick={on_caret.reform(|event: MouseEvent| Event::from(event))}
                    onselect={on_caret}
                    onblur={on_blur}
                />
                { render_marks(&file.text, &problems, tip, &marks_ref, texts) }
                </div>
            </div>
            <div id="editor-problems" class={classes!("problems", errors.then_some("has-errors"))} role="status" aria-live="polite">
                { problem_list }
            </div>
        </div>
    }
}

/// The mirror over the textarea: the text up to each marked line's last mark, in transparent
/// letters, each problem's characters in a `.mark` span (wavy underline, `data-line`,
/// `data-column`); the message of `tip` in a box under its mark.
fn render_marks(text: &str, problems: &[Diagnostic], tip: Option<usize>, marks_ref: &NodeRef, texts: &Texts) -> Html {
    if problems.is_empty() {
        return html! {};
    }
    html! {
        <pre class="code-marks" aria-hidden="true" ref={marks_ref.clone()}>
            { for mark_segments(text, problems).into_iter().map(|segment| match segment {
                Segment::Text(text) => html! { { text } },
                Segment::Mark { index, text } => {
                    let d = &problems[index];
                    html! {
                        <span class={classes!("mark", severity_name(d.severity))} data-index={index.to_string()}
                            data-line={d.line.to_string()} data-column={d.column.to_string()}>
                            { text }
                            if tip == Some(index) {
                                <span class={classes!("mark-tip", severity_name(d.severity))} id="mark-tip" role="tooltip">{ problem_text(d, texts) }</span>
                            }
                        </span>
                    }
                }
            }) }
        </pre>
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
