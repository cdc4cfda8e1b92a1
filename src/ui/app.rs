//! The page: clock controls, Share and the language switch on top; the scenario guide or the
//! lessons, and the YAML editor, beside the cluster view and its timeline; the terminal below.
//! Wires callbacks to `state::Action`s, provides the language (`ContextProvider<Lang>`) to every
//! component, and does the page's few side effects: reading its URL once (embed mode, a lesson,
//! a teacher's lesson URL, a share link), posting lesson events to a host page, keeping lesson
//! progress in local storage.

use std::rc::Rc;

use gloo::storage::{LocalStorage, Storage};
use yew::prelude::*;

use crate::embed::{PageParams, StoredProgress};
use crate::share::Session;
use crate::ui::browser;
use crate::ui::components::lesson_panel::{LessonEntry, LessonShown};
use crate::ui::components::{ClockControls, Guide, LanguageSwitch, LessonPanel, PodView, Terminal, TimelineStrip, YamlEditor};
use crate::ui::hooks::{use_cluster, use_explain_docs, use_lesson_catalog, use_sim_loop, CatalogStatus, LessonCatalog};
use crate::ui::i18n::{apply_to_document, initial_lang, save_lang, Lang};
use crate::ui::state::{Action, AppState, Panel};

/// The local-storage key of the learner's lesson progress (`embed::StoredProgress` as JSON).
pub const PROGRESS_KEY: &str = "kubeplay.progress";

/// The local-storage key of the lesson being followed, as a share link's fragment: a reload (or
/// coming back tomorrow) resumes it, files and cluster included.
pub const LESSON_SESSION_KEY: &str = "kubeplay.lesson-session";

/// The whole page. Mounted by `ui::start`.
#[component]
pub fn App() -> Html {
    let state = use_cluster();
    let dispatcher = state.dispatcher();
    // The dispatcher never changes, so these callbacks are made once and never re-render children.
    let on_ticks = use_callback(dispatcher.clone(), |n_ticks: u32, d| d.dispatch(Action::Tick(n_ticks)));
    let on_toggle = use_callback(dispatcher.clone(), |(), d| d.dispatch(Action::TogglePlaying));
    let on_step = use_callback(dispatcher.clone(), |(), d| d.dispatch(Action::Step));
    let on_speed = use_callback(dispatcher.clone(), |speed: f64, d| d.dispatch(Action::SetSpeed(speed)));
    // Terminal lines go through `explain_docs`: an `explain` fetches its documentation first, a
    // line that prints a help text kubectl's help texts.
    let explain_docs = use_explain_docs(dispatcher.clone(), state.has_explain_docs(), state.has_help_texts());
    let on_exec = use_callback(explain_docs.clone(), |line: String, docs| docs.run(Action::Exec(line)));
    // A pasted block: each line of it as the terminal would run it typed, heredocs with their
    // text, `cat > FILE <<EOF` into the editor.
    let on_script = use_callback(explain_docs.clone(), |text: String, docs| {
        for step in crate::script::parse(&text) {
            docs.run(Action::Pasted(step));
        }
    });
    let on_change = use_callback(dispatcher.clone(), |text: String, d| d.dispatch(Action::EditorChanged(text)));
    let on_apply = use_callback(dispatcher.clone(), |(), d| d.dispatch(Action::Apply));
    let on_select = use_callback(dispatcher.clone(), |index: usize, d| d.dispatch(Action::SelectFile(index)));
    let on_pod_click = use_callback(dispatcher.clone(), |name: String, d| {
        d.dispatch(Action::Exec(format!("kubectl describe pod {name}")))
    });
    let on_reset = use_callback(dispatcher.clone(), |(), d| d.dispatch(Action::ResetFile));
    let on_save_edit = use_callback(dispatcher.clone(), |(), d| d.dispatch(Action::SaveEdit));
    let on_cancel_edit = use_callback(dispatcher.clone(), |(), d| d.dispatch(Action::CancelEdit));
    let on_load = use_callback(dispatcher.clone(), |id: String, d| d.dispatch(Action::LoadPreset(id)));
    let on_paste = use_callback(dispatcher.clone(), |command: String, d| d.dispatch(Action::Paste(command)));
    let on_node =
        use_callback(dispatcher.clone(), |(node, running): (String, bool), d| d.dispatch(Action::SetNodeRunning(node, running)));
    let on_open_file = use_callback(dispatcher.clone(), |name: String, d| d.dispatch(Action::OpenFile(name)));
    let on_start = use_callback(dispatcher.clone(), |id: String, d| d.dispatch(Action::StartLesson(id)));
    let on_load_text = use_callback(dispatcher.clone(), |text: String, d| d.dispatch(Action::LoadLessonText(text)));
    let on_leave = use_callback(dispatcher.clone(), |(), d| {
        let _ = LocalStorage::raw().remove_item(LESSON_SESSION_KEY);
        d.dispatch(Action::LeaveLesson)
    });
    let on_restart = {
        let run = state.lesson.clone();
        use_callback((dispatcher.clone(), run), |(), (d, run)| {
            if let Some(run) = run {
                match &run.text {
                    Some(text) => d.dispatch(Action::LoadLessonText(text.to_string())),
                    None => d.dispatch(Action::StartLesson(run.lesson.id.clone())),
                }
            }
        })
    };
    let on_write_file = use_callback(dispatcher.clone(), |(name, text): (String, String), d| d.dispatch(Action::WriteFile(name, text)));
    let on_run = use_callback(explain_docs.clone(), |(line, stdin, expand): (String, String, bool), docs| docs.run(Action::ExecWithStdin(line, stdin, expand)));
    let on_candidates = use_callback(dispatcher.clone(), |(line, candidates): (String, Vec<String>), d| d.dispatch(Action::ShowCandidates(line, candidates)));
    let on_rewind = use_callback(dispatcher.clone(), |seconds: u64, d| d.dispatch(Action::Rewind(seconds)));
    let on_panel = use_callback(dispatcher.clone(), |panel: Panel, d| d.dispatch(Action::ShowPanel(panel)));
    // The built-in lessons are fetched when the Lessons tab shows (or a link needs one).
    let catalog = use_lesson_catalog(dispatcher.clone());
    {
        let catalog = catalog.clone();
        use_effect_with((state.panel, catalog.status), move |(panel, status)| {
            if *panel == Panel::Lessons && *status == CatalogStatus::Idle {
                catalog.request(None);
            }
        });
    }
    use_sim_loop(state.playing, state.speed, on_ticks);
    // The page's language: chosen once on mount (query, saved, browser), then by the switch.
    let lang = use_state(initial_lang);
    use_effect_with(*lang, |&lang| apply_to_document(lang));
    let on_lang = {
        let lang = lang.clone();
        Callback::from(move |chosen: Lang| {
            save_lang(chosen);
            lang.set(chosen);
        })
    };
    // The URL, read once: a share link wins over a lesson, a lesson over a lesson URL.
    let params = use_memo((), |()| crate::embed::parse(&browser::search(), &browser::hash()));
    {
        let dispatcher = dispatcher.clone();
        let set_lang = lang.setter();
        let catalog = catalog.clone();
        use_effect_with(params.clone(), move |params| open_from_url(params, &dispatcher, &set_lang, &catalog));
    }
    let lang = *lang;
    let texts = lang.texts();
    // Lesson events to the host page, and progress to local storage.
    let stored = use_state(|| StoredProgress::load(LocalStorage::raw().get_item(PROGRESS_KEY).ok().flatten().as_deref()));
    {
        let outbox = state.outbox.clone();
        use_effect_with(outbox.0, move |_| {
            for message in outbox.1.iter() {
                browser::post_to_host(&serde_json::to_string(message).unwrap_or_default());
            }
        });
    }
    {
        let stored = stored.clone();
        let passed = state.lesson.as_ref().map(|run| (run.lesson.id.clone(), run.progress.passed.clone()));
        use_effect_with(passed, move |passed| {
            if let Some((id, passed)) = passed {
                let mut updated = (*stored).clone();
                updated.record(id, passed);
                if updated != *stored {
                    // Storage can be full or disabled (private mode); lessons work without it.
                    let _ = LocalStorage::raw().set_item(PROGRESS_KEY, &updated.save());
                    stored.set(updated);
                }
            }
        });
    }
    // The lesson being followed is saved on every command, edit and passed check (not every
    // tick: a resumed lesson may be a few seconds younger).
    {
        let key = state.lesson.as_ref().map(|run| (run.lesson.id.clone(), run.progress.passed.clone(), state.history.len(), state.files.clone()));
        let state = state.clone();
        use_effect_with(key, move |key| {
            if key.is_some() {
                let _ = LocalStorage::raw().set_item(LESSON_SESSION_KEY, &state.session(lang).encode());
            }
        });
    }
    // Share: the fragment goes into the address bar and, if allowed, the clipboard.
    let share_url = state.share.as_ref().map(|fragment| format!("{}#{fragment}", browser::url_without_hash()));
    use_effect_with(share_url.clone(), |url| {
        if let Some(url) = url {
            if let Some((_, fragment)) = url.split_once('#') {
                browser::replace_hash(fragment);
            }
            browser::copy_to_clipboard(url);
        }
    });
    let on_share = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Share(lang)))
    };

    let embed = params.embed;
    let rewind_from = state.lesson.as_ref().map_or(0, |run| run.progress.start_seconds);
    // Parsing the catalogue is not for every render (the clock re-renders the page each tick).
    let lessons = use_memo(((*stored).clone(), catalog.status), |(stored, _)| lesson_entries(stored));
    let lessons_loading = catalog.status == CatalogStatus::Loading;
    let shown = state.lesson.as_ref().map(|run| {
        Rc::new(LessonShown {
            lesson: run.lesson.clone(),
            passed: run.progress.passed.clone(),
            next: next_lesson(&lessons, &run.lesson.id),
        })
    });
    let left = match state.panel {
        Panel::Lessons => html! {
            <LessonPanel lessons={lessons.clone()} {shown} loading={lessons_loading} error={state.lesson_error.clone()}
                {on_start} {on_load_text} {on_leave} {on_restart} on_paste={on_paste.clone()} on_open_file={on_open_file.clone()} {on_write_file} {on_run} />
        },
        Panel::Scenarios => html! {
            <Guide preset={state.preset} stopped_nodes={stopped_nodes(&state.view)} {on_load} on_paste={on_paste.clone()} {on_node} {on_open_file} />
        },
    };
    let tab = |panel: Panel, label: &'static str| {
        let selected = state.panel == panel;
        let on_panel = on_panel.clone();
        let catalog = catalog.clone();
        html! {
            <button type="button" role="tab" class={classes!("panel-tab", selected.then_some("active"))} aria-selected={selected.to_string()}
                onclick={Callback::from(move |_: MouseEvent| {
                    if panel == Panel::Lessons {
                        // Also a retry when the last fetch failed.
                        catalog.request(None);
                    }
                    on_panel.emit(panel)
                })}>{ label }</button>
        }
    };
    html! {
        <ContextProvider<Lang> context={lang}>
        <div class={classes!("app", embed.then_some("embed"))}>
            <header class="topbar">
                <h1 class="brand"><span class="logo" aria-hidden="true">{ "⎈" }</span><span class="brand-name">{ "kubeplay" }</span></h1>
                if !embed { <span class="tagline">{ texts.tagline }</span> }
                <ClockControls
                    playing={state.playing}
                    speed={state.speed}
                    now_seconds={state.view.now_seconds}
                    {on_toggle}
                    {on_step}
                    {on_speed}
                />
                <button type="button" class="button subtle share-button" title={texts.share_title} onclick={on_share}>{ texts.share }</button>
                <LanguageSwitch {lang} on_change={on_lang} />
            </header>
            if let Some(url) = share_url {
                <div class="share-bar" role="status">
                    <label>
                        <span>{ texts.share_link }</span>
                        <input type="text" readonly=true value={url} aria-label={texts.share_link} onfocus={Callback::from(select_all)} />
                    </label>
                    <span class="share-copied">{ texts.share_copied }</span>
                </div>
            }
            <main class="workspace">
                <section class="panel editor-panel" aria-label={texts.region_editor}>
                    // Embedded with a lesson: only the lesson (and, until it is fetched, its loading state).
                    if !(embed && (state.lesson.is_some() || (params.lesson.is_some() && lessons_loading))) {
                        <div class="panel-tabs" role="tablist">
                            { tab(Panel::Scenarios, texts.tab_scenarios) }
                            { tab(Panel::Lessons, texts.tab_lessons) }
                        </div>
                    }
                    { left }
                    <YamlEditor
                        files={state.files.clone()}
                        active={state.active_file}
                        {on_select}
                        {on_change}
                        {on_apply}
                        {on_reset}
                        editing={state.editing()}
                        {on_save_edit}
                        {on_cancel_edit}
                    />
                </section>
                <section class="panel cluster-panel" aria-label={texts.region_cluster}>
                    <PodView view={state.view.clone()} {on_pod_click} />
                    <TimelineStrip timeline={state.timeline.clone()} {rewind_from} {on_rewind} />
                </section>
                <section class="panel terminal-panel" aria-label={texts.region_terminal}>
                    <Terminal lines={state.terminal.clone()} history={state.history.clone()} paste={state.paste.clone()} {on_exec}
                        completer={state.completer()} {on_candidates} loading_docs={explain_docs.loading} loading_help={explain_docs.loading_help}
                        prompt={AttrValue::from(state.prompt())} {on_script} />
                </section>
            </main>
        </div>
        </ContextProvider<Lang>>
    }
}

/// What the URL asks for, once on load.
/// A built-in lesson is fetched first (the Lessons panel shows it loading meanwhile).
fn open_from_url(params: &PageParams, dispatcher: &UseReducerDispatcher<AppState>, set_lang: &UseStateSetter<Lang>, catalog: &LessonCatalog) {
    // A session naming a built-in lesson (not carrying its text) needs the catalogue first.
    let open = |session: Session, action: fn(Rc<Session>) -> Action| {
        if session.lesson.is_some() && session.lesson_text.is_none() {
            dispatcher.dispatch(Action::ShowPanel(Panel::Lessons));
            catalog.request(Some(action(Rc::new(session))));
        } else {
            dispatcher.dispatch(action(Rc::new(session)));
        }
    };
    if let Some(link) = &params.session {
        match Session::decode(link) {
            Ok(session) => {
                if let Some(lang) = Lang::parse(&session.lang) {
                    set_lang.set(lang);
                }
                return open(session, Action::Restore);
            }
            Err(error) => dispatcher.dispatch(Action::Report(error)),
        }
    }
    // A lesson saved in this browser is resumed when the URL asks for it, or asks for nothing.
    let saved = LocalStorage::raw().get_item(LESSON_SESSION_KEY).ok().flatten().and_then(|text| Session::decode(&text).ok());
    if let Some(saved) = saved.filter(|saved| saved.lesson.is_some() && params.lesson_url.is_none() && (params.lesson.is_none() || params.lesson == saved.lesson)) {
        return open(saved, Action::Resume);
    }
    if let Some(id) = &params.lesson {
        dispatcher.dispatch(Action::ShowPanel(Panel::Lessons));
        catalog.request(Some(Action::StartLesson(id.clone())));
    } else if let Some(url) = &params.lesson_url {
        let dispatcher = dispatcher.clone();
        browser::fetch_text(url.clone(), move |text| match text {
            Ok(text) => dispatcher.dispatch(Action::LoadLessonText(text)),
            Err(error) => dispatcher.dispatch(Action::LessonError(error)),
        });
    }
}

/// The built-in lessons with the learner's stored progress.
fn lesson_entries(stored: &StoredProgress) -> Vec<LessonEntry> {
    crate::lessons::catalog::lessons()
        .into_iter()
        .map(|lesson| LessonEntry { progress: stored.counts(&lesson.id), id: lesson.id, title: lesson.title, minutes: lesson.minutes })
        .collect()
}

fn next_lesson(lessons: &[LessonEntry], id: &str) -> Option<String> {
    let at = lessons.iter().position(|entry| entry.id == id)?;
    lessons.get(at + 1).map(|entry| entry.id.clone())
}

fn select_all(event: FocusEvent) {
    if let Some(input) = event.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok()) {
        input.select();
    }
}

/// The nodes whose kubelet is stopped, as the engine has them (the guide's Stop/Start buttons).
fn stopped_nodes(view: &crate::view::ClusterView) -> Rc<Vec<String>> {
    Rc::new(view.nodes.iter().filter(|node| !node.kubelet_running).map(|node| node.name.clone()).collect())
}
