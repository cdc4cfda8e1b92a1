//! The kubectl terminal: an output log and one input line with shell-style history.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

use crate::ui::i18n::{use_lang, Lang};
use crate::ui::state::{Completer, LineKind, TermLine};
use crate::ui::terminal_history::HistoryCursor;

/// The terminal's log and history (both owned by `AppState`), compared by pointer.
#[derive(Properties)]
pub struct TerminalProps {
    pub lines: Rc<Vec<TermLine>>,
    /// Commands run so far, oldest first.
    pub history: Rc<Vec<String>>,
    /// A line was entered (Enter).
    pub on_exec: Callback<String>,
    /// Tab: completes the line against the cluster.
    pub completer: Completer,
    /// Tab found several candidates: (the line, the candidates), to show in the log.
    pub on_candidates: Callback<(String, Vec<String>)>,
    /// A command to put into the prompt (a guide step): a counter that changes on every paste,
    /// and the text. Counter 0 is "nothing pasted yet".
    #[prop_or((0, Rc::from("")))]
    pub paste: (u32, Rc<str>),
    /// `kubectl explain`'s documentation is being fetched: a line under the log says so.
    #[prop_or(false)]
    pub loading_docs: bool,
    /// kubectl's help texts are being fetched: a line under the log says so.
    #[prop_or(false)]
    pub loading_help: bool,
    /// The prompt before the input: `$`, or a container shell's (`root@web-...:/#`).
    #[prop_or(AttrValue::Static("$ "))]
    pub prompt: AttrValue,
    /// Several lines were pasted (a tutorial's heredoc block, a few commands): run as a script.
    #[prop_or_default]
    pub on_script: Callback<String>,
}

impl PartialEq for TerminalProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.lines, &other.lines)
            && Rc::ptr_eq(&self.history, &other.history)
            && self.on_exec == other.on_exec
            && self.completer == other.completer
            && self.paste.0 == other.paste.0
            && self.loading_docs == other.loading_docs
            && self.loading_help == other.loading_help
            && self.prompt == other.prompt
            && self.on_script == other.on_script
    }
}

/// The log (role "log", polite live region) and the `$` input (accessible name "kubectl").
#[component]
pub fn Terminal(props: &TerminalProps) -> Html {
    let lang = use_lang();
    let texts = lang.texts();
    let input_ref = use_node_ref();
    let output_ref = use_node_ref();
    // A ref, not state: two key presses before a render must see each other's cursor.
    let cursor = use_mut_ref(HistoryCursor::default);
    // The lines entered so far of a command that goes on (a heredoc before its delimiter, an
    // open quote, a `for` loop before `done`): shown after the log, the prompt `> ` meanwhile.
    let pending = use_state(|| None::<String>);

    {
        // The prompt has the focus when the page opens: a learner can type at once.
        let input_ref = input_ref.clone();
        use_effect_with((), move |_| {
            if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                crate::ui::browser::focus_without_scroll(&input);
            }
        });
    }
    {
        // A pasted command replaces the prompt's text and takes the focus: Enter runs it.
        let input_ref = input_ref.clone();
        let (count, text) = props.paste.clone();
        use_effect_with(count, move |&count| {
            if let (true, Some(input)) = (count > 0, input_ref.cast::<HtmlInputElement>()) {
                input.set_value(&text);
                let end = text.len() as u32;
                let _ = input.focus();
                let _ = input.set_selection_range(end, end);
            }
        });
    }
    {
        // Keep the newest output in sight.
        let output_ref = output_ref.clone();
        use_effect_with((props.lines.clone(), props.loading_docs, props.loading_help, (*pending).clone()), move |_| {
            if let Some(output) = output_ref.cast::<Element>() {
                output.set_scroll_top(output.scroll_height());
            }
        });
    }

    // A paste of several lines would lose its newlines in a one-line input: it runs as the
    // lines of a script instead (what was typed before it comes first), as a shell runs a paste.
    let on_paste = {
        let input_ref = input_ref.clone();
        let on_script = props.on_script.clone();
        Callback::from(move |event: Event| {
            let Some(clipboard) = event.dyn_ref::<web_sys::ClipboardEvent>().and_then(|e| e.clipboard_data()) else { return };
            let Ok(text) = clipboard.get_data("text") else { return };
            let text = text.replace("\r\n", "\n");
            if !text.trim_end_matches('\n').contains('\n') {
                return;
            }
            event.prevent_default();
            let Some(input) = input_ref.cast::<HtmlInputElement>() else { return };
            let script = format!("{}{text}", input.value());
            input.set_value("");
            on_script.emit(script);
        })
    };

    let on_keydown = {
        let input_ref = input_ref.clone();
        let history = props.history.clone();
        let on_exec = props.on_exec.clone();
        let completer = props.completer.clone();
        let on_candidates = props.on_candidates.clone();
        let on_script = props.on_script.clone();
        let pending = pending.clone();
        let in_shell = props.prompt.as_str() != "$ ";
        let last_tab = use_mut_ref(String::new);
        Callback::from(move |event: KeyboardEvent| {
            let Some(input) = input_ref.cast::<HtmlInputElement>() else { return };
            let shown = match event.key().as_str() {
                // Tab completes a typed line; on an empty prompt (or with Shift) it moves the
                // focus on, so the page stays usable from the keyboard.
                "Tab" if !event.shift_key() && !input.value().trim().is_empty() => {
                    event.prevent_default();
                    let typed = input.value();
                    let completion = completer.complete(&typed);
                    // A second Tab on the same line lists the candidates, as bash does.
                    if completion.line == typed && completion.candidates.len() > 1 && *last_tab.borrow() == typed {
                        on_candidates.emit((typed.clone(), completion.candidates));
                    }
                    *last_tab.borrow_mut() = completion.line.clone();
                    Some(completion.line)
                }
                "Enter" => {
                    event.prevent_default();
                    cursor.borrow_mut().reset();
                    let typed = input.value();
                    let text = match &*pending {
                        Some(before) => format!("{before}\n{typed}"),
                        None => typed.clone(),
                    };
                    let loop_open = !in_shell && crate::kubectl::shell_line::loop_span(&text, 0).is_err_and(|e| e.contains("end of file"));
                    if crate::engine::shell_heredoc::incomplete(&text) || loop_open {
                        pending.set(Some(text));
                    } else if pending.is_some() {
                        pending.set(None);
                        on_script.emit(text);
                    } else {
                        on_exec.emit(typed);
                    }
                    Some(String::new())
                }
                // Escape drops the lines of an unfinished command, as Ctrl+C does in a shell.
                "Escape" if pending.is_some() => {
                    pending.set(None);
                    Some(String::new())
                }
                "ArrowUp" => {
                    event.prevent_default();
                    cursor.borrow_mut().older(&history, &input.value())
                }
                "ArrowDown" => {
                    event.prevent_default();
                    cursor.borrow_mut().newer(&history)
                }
                _ => None,
            };
            if let Some(text) = shown {
                input.set_value(&text);
                let end = text.len() as u32;
                let _ = input.set_selection_range(end, end);
            }
        })
    };

    let on_output_click = {
        let input_ref = input_ref.clone();
        Callback::from(move |_: MouseEvent| {
            // Clicking the log focuses the prompt, unless the user is selecting text to copy.
            if let (false, Some(input)) = (has_text_selection(), input_ref.cast::<HtmlInputElement>()) {
                let _ = input.focus();
            }
        })
    };

    html! {
        <div class="terminal">
            <div class="panel-title"><span>{ texts.terminal }</span><span class="hint">{ texts.terminal_hint }</span></div>
            <div class="terminal-output" ref={output_ref} role="log" aria-live="polite" aria-label={texts.terminal_output} onclick={on_output_click}>
                { for props.lines.iter().map(|line| render_line(line, lang)) }
                if props.loading_docs {
                    <div class="line info loading-docs" role="status">{ texts.explain_loading }</div>
                }
                if props.loading_help {
                    <div class="line info loading-docs" role="status">{ texts.help_loading }</div>
                }
                if let Some(text) = &*pending {
                    { for text.split('\n').enumerate().map(|(n, line)| {
                        let prompt = if n == 0 { props.prompt.to_string() } else { "> ".to_string() };
                        html! { <div class="line command in-pod pending" lang="en">{ prompt }{ line }</div> }
                    }) }
                }
            </div>
            <div class="terminal-prompt">
                <span class="prompt" aria-hidden="true">{ if pending.is_some() { ">" } else { props.prompt.trim_end() } }</span>
                <input
                    ref={input_ref}
                    type="text"
                    class="terminal-input"
                    aria-label="kubectl"
                    placeholder={if props.prompt.as_str() == "$ " { "kubectl get pods" } else { "" }}
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    onkeydown={on_keydown}
                    onpaste={on_paste}
                />
            </div>
        </div>
    }
}

/// One line; the page's own notes in `lang`, kubectl's output as it is.
fn render_line(line: &TermLine, lang: Lang) -> Html {
    let (class, prompt) = match line.kind {
        LineKind::Command => ("line command", "$ "),
        LineKind::InPod => ("line command in-pod", ""),
        LineKind::Stdout => ("line stdout", ""),
        LineKind::Stderr => ("line stderr", ""),
        LineKind::Info | LineKind::Note(_) => ("line info", ""),
    };
    // kubectl's words stay English: say so, for screen readers reading a Korean page.
    let (text, text_lang) = match line.kind {
        LineKind::Note(note) => (note.text(lang, &line.text), None),
        _ => (line.text.clone(), Some("en")),
    };
    html! { <div class={class} lang={text_lang}>{ prompt }{ text }</div> }
}

/// Whether the user has selected text on the page (`getSelection().isCollapsed` is false),
/// through reflection because web-sys's `Selection` feature is not enabled.
fn has_text_selection() -> bool {
    let window = gloo::utils::window();
    js_sys::Reflect::get(&window, &"getSelection".into())
        .ok()
        .and_then(|get_selection| get_selection.dyn_into::<js_sys::Function>().ok())
        .and_then(|get_selection| get_selection.call0(&window).ok())
        .and_then(|selection| js_sys::Reflect::get(&selection, &"isCollapsed".into()).ok())
        .and_then(|collapsed| collapsed.as_bool())
        .is_some_and(|collapsed| !collapsed)
}
