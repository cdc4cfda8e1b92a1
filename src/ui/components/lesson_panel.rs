//! The lesson panel: the list of lessons with the learner's progress, and the lesson being
//! followed: its steps, prose, commands to paste, checks that tick as the learner works, hints
//! and the reference solution. Prose is rendered as elements from `lessons::prose` blocks, never
//! as HTML, so a lesson file cannot inject markup.

use std::rc::Rc;

use yew::prelude::*;

use crate::lessons::prose::{self, Block, Inline};
use crate::lessons::Lesson;
use crate::ui::i18n::{use_lang, Lang};

/// A lesson as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct LessonEntry {
    pub id: String,
    pub title: crate::lessons::text::Text,
    pub minutes: u32,
    /// Checks passed and in all, from local storage, if started.
    pub progress: Option<(usize, usize)>,
}

/// The lesson being followed.
#[derive(Debug, Clone, PartialEq)]
pub struct LessonShown {
    pub lesson: Rc<Lesson>,
    /// Per step, per check.
    pub passed: Vec<Vec<bool>>,
    /// The next lesson's id, for the button at the end.
    pub next: Option<String>,
}

#[derive(Properties, PartialEq)]
pub struct LessonPanelProps {
    pub lessons: Rc<Vec<LessonEntry>>,
    pub shown: Option<Rc<LessonShown>>,
    /// The built-in lessons are being fetched.
    #[prop_or_default]
    pub loading: bool,
    /// Why the last lesson file could not be loaded.
    pub error: Option<Rc<str>>,
    pub on_start: Callback<String>,
    /// A pasted lesson file's text.
    pub on_load_text: Callback<String>,
    pub on_leave: Callback<()>,
    /// Start the lesson over on a fresh cluster.
    pub on_restart: Callback<()>,
    pub on_paste: Callback<String>,
    pub on_open_file: Callback<String>,
    /// A solution's `cat > FILE <<EOF`: (file, text) into the editor.
    pub on_write_file: Callback<(String, String)>,
    /// A solution's `kubectl ... -f - <<EOF`: (line, heredoc) run at once.
    /// A heredoc command: the line, the heredoc's text, whether to expand it (`<<EOF`).
    pub on_run: Callback<(String, String, bool)>,
}

#[component]
pub fn LessonPanel(props: &LessonPanelProps) -> Html {
    let lang = use_lang();
    // A pasted lesson file, kept while the learner types it (hooks run on every render).
    let pasted = use_state(String::new);
    // When a step is done, the next one scrolls into view (without animation: reduced motion
    // or not, a jump of one step is easy to follow).
    let current = props.shown.as_ref().map(|shown| (shown.lesson.id.clone(), shown.passed.iter().position(|c| c.iter().any(|p| !p))));
    use_effect_with(current, |current| {
        if let Some((_, Some(step))) = current {
            let selector = format!(".lesson-step[data-step=\"{}\"]", step + 1);
            if let Ok(Some(element)) = gloo::utils::document().query_selector(&selector) {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                element.scroll_into_view_with_scroll_into_view_options(&options);
            }
        }
    });
    match &props.shown {
        Some(shown) => lesson_view(shown, props, lang),
        None => lesson_list(props, lang, pasted),
    }
}

fn lesson_list(props: &LessonPanelProps, lang: Lang, pasted: UseStateHandle<String>) -> Html {
    let texts = lang.texts();
    let on_input = {
        let pasted = pasted.clone();
        Callback::from(move |event: InputEvent| pasted.set(super::target_value(&event)))
    };
    let on_load = {
        let pasted = pasted.clone();
        props.on_load_text.reform(move |_: MouseEvent| (*pasted).clone())
    };
    html! {
        <div class="lessons" aria-label={texts.lessons}>
            if props.loading {
                <p class="lessons-loading" role="status"><span class="loading-spinner small" aria-hidden="true"></span>{ texts.lessons_loading }</p>
            }
            <ol class="lesson-list">
                { for props.lessons.iter().map(|entry| {
                    let id = entry.id.clone();
                    let done = entry.progress.is_some_and(|(passed, total)| total > 0 && passed == total);
                    html! {
                        <li>
                            <button type="button" class={classes!("lesson-item", done.then_some("done"))} data-lesson={entry.id.clone()}
                                onclick={props.on_start.reform(move |_: MouseEvent| id.clone())}>
                                <span class="lesson-title">{ entry.title.get(lang.code()) }</span>
                                <span class="lesson-meta">
                                    { (texts.minutes)(entry.minutes) }
                                    { match entry.progress {
                                        Some((passed, total)) if done => html! { <span class="lesson-done">{ " · ✓ " }{ texts.completed }{ format!(" ({passed}/{total})") }</span> },
                                        Some((passed, total)) => html! { <span>{ format!(" · {passed}/{total}") }</span> },
                                        None => html! {},
                                    } }
                                </span>
                            </button>
                        </li>
                    }
                }) }
            </ol>
            <details class="lesson-load" open={props.error.is_some()}>
                <summary>{ texts.load_lesson }</summary>
                <textarea aria-label={texts.lesson_file} spellcheck="false" rows="6" value={(*pasted).clone()} oninput={on_input}
                    placeholder="id: my-lesson&#10;title: { en: ..., ko: ... }&#10;steps: ..." />
                <button type="button" class="button" onclick={on_load}>{ texts.load }</button>
                { for props.error.iter().map(|error| html! { <p class="lesson-error" role="alert">{ error.to_string() }</p> }) }
            </details>
        </div>
    }
}

fn lesson_view(shown: &LessonShown, props: &LessonPanelProps, lang: Lang) -> Html {
    let texts = lang.texts();
    let lesson = &shown.lesson;
    let code = lang.code();
    let current = shown.passed.iter().position(|checks| checks.iter().any(|p| !p));
    let passed = shown.passed.iter().flatten().filter(|p| **p).count();
    let total = shown.passed.iter().flatten().count();
    html! {
        <div class="lesson" data-lesson={lesson.id.clone()} data-complete={current.is_none().to_string()}>
            <div class="lesson-head">
                <button type="button" class="button subtle" onclick={props.on_leave.reform(|_: MouseEvent| ())}>{ texts.all_lessons }</button>
                <button type="button" class="button subtle" onclick={props.on_restart.reform(|_: MouseEvent| ())}>{ texts.start_over }</button>
                <span class="lesson-progress" aria-live="polite">{ (texts.checks_passed)(passed, total) }</span>
            </div>
            <h2 class="lesson-heading">{ lesson.title.get(code) }</h2>
            { if lesson.summary.is_empty() { html! {} } else { html! { <p class="lesson-summary">{ lesson.summary.get(code) }</p> } } }
            <ol class="lesson-steps">
                { for lesson.steps.iter().enumerate().map(|(s, step)| {
                    let done = shown.passed[s].iter().all(|p| *p);
                    let open = current == Some(s);
                    let state = if done { "done" } else if open { "current" } else { "later" };
                    html! {
                        <li class={classes!("lesson-step", state)} data-step={(s + 1).to_string()} data-state={state}>
                            <h3 class="step-title">
                                <span class="step-mark" aria-hidden="true">{ if done { "✓" } else { "" } }</span>
                                { step.title.get(code) }
                            </h3>
                            { if open { step_body(step, &shown.passed[s], props, lang) } else { html! {} } }
                        </li>
                    }
                }) }
            </ol>
            { if current.is_none() {
                html! {
                    <div class="lesson-complete" role="status">
                        <p>{ texts.lesson_complete }</p>
                        { for shown.next.iter().map(|next| {
                            let next = next.clone();
                            html! { <button type="button" class="button" onclick={props.on_start.reform(move |_: MouseEvent| next.clone())}>{ texts.next_lesson }</button> }
                        }) }
                    </div>
                }
            } else { html! {} } }
        </div>
    }
}

fn step_body(step: &crate::lessons::format::Step, passed: &[bool], props: &LessonPanelProps, lang: Lang) -> Html {
    let texts = lang.texts();
    let code = lang.code();

    html! {
        <div class="step-body">
            <div class="prose">{ render_prose(step.text.get(code), props) }</div>
            { if step.try_commands.is_empty() { html! {} } else { html! {
                <ul class="try-list" aria-label={texts.try_these}>
                    { for step.try_commands.iter().map(|command| paste_button(command, props, texts.paste_title)) }
                </ul>
            } } }
            <ul class="check-list" aria-label={texts.checks}>
                { for step.checks.iter().zip(passed).map(|(check, passed)| html! {
                    <li class={classes!("check", passed.then_some("passed"))} data-check-passed={passed.to_string()}>
                        <span class="check-mark" aria-hidden="true">{ if *passed { "✓" } else { "○" } }</span>
                        <span class="check-title">{ check.title.get(code) }</span>
                        <span class="visually-hidden">{ if *passed { texts.check_passed } else { texts.check_open } }</span>
                        { if !*passed && !check.hint.is_empty() { html! {
                            <details class="hint"><summary>{ texts.hint }</summary><p>{ check.hint.get(code) }</p></details>
                        } } else { html! {} } }
                    </li>
                }) }
            </ul>
            <details class="solution">
                <summary>{ texts.show_solution }</summary>
                <ul class="try-list">{ for crate::script::parse(&step.solution).into_iter().map(|line| solution_button(line, props, lang)) }</ul>
            </details>
        </div>
    }
}

/// A line of the reference solution: pasted into the terminal, or (what a one-line terminal
/// cannot take) written into the editor or run at once.
fn solution_button(line: crate::script::Step, props: &LessonPanelProps, lang: Lang) -> Html {
    let texts = lang.texts();
    match line {
        crate::script::Step::WriteFile { name, text, .. } => {
            let label = (texts.write_file)(&name);
            html! {
                <li><button type="button" class="step-button" data-solution="write" onclick={props.on_write_file.reform(move |_: MouseEvent| (name.clone(), text.clone()))}>{ label }</button></li>
            }
        }
        crate::script::Step::Kubectl { line, stdin: Some(stdin), display, expand } => html! {
            <li>
                <button type="button" class="step-button command" data-solution="run" title={texts.run_title} onclick={props.on_run.reform(move |_: MouseEvent| (line.clone(), stdin.clone(), expand))}>
                    <code>{ display }</code>
                </button>
            </li>
        },
        crate::script::Step::Kubectl { display, .. } | crate::script::Step::Sleep { display, .. } | crate::script::Step::Unsupported { display, .. } => {
            paste_button(&display, props, texts.paste_title)
        }
    }
}

fn paste_button(command: &str, props: &LessonPanelProps, title: &'static str) -> Html {
    let text = command.to_string();
    html! {
        <li>
            <button type="button" class="step-button command" data-solution="paste" {title} onclick={props.on_paste.reform(move |_: MouseEvent| text.clone())}>
                <code>{ command }</code>
            </button>
        </li>
    }
}

/// Prose blocks as elements; `code` that names a lesson file opens it in the editor.
fn render_prose(text: &str, props: &LessonPanelProps) -> Html {
    html! {
        { for prose::parse(text).into_iter().map(|block| match block {
            Block::Paragraph(runs) => html! { <p>{ render_inline(runs, props) }</p> },
            Block::List(items) => html! { <ul>{ for items.into_iter().map(|runs| html! { <li>{ render_inline(runs, props) }</li> }) }</ul> },
            Block::Code(code) => html! { <pre><code>{ code }</code></pre> },
        }) }
    }
}

fn render_inline(runs: Vec<Inline>, props: &LessonPanelProps) -> Html {
    html! {
        { for runs.into_iter().map(|run| match run {
            Inline::Text(text) => html! { { text } },
            Inline::Strong(text) => html! { <strong>{ text }</strong> },
            Inline::Code(code) if code.ends_with(".yaml") || code.ends_with(".yml") => {
                let name = code.clone();
                html! { <button type="button" class="file-link" onclick={props.on_open_file.reform(move |_: MouseEvent| name.clone())}><code>{ code }</code></button> }
            }
            Inline::Code(code) => html! { <code>{ code }</code> },
        }) }
    }
}
