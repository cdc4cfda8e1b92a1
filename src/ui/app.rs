//! The page: clock controls and the language switch on top; the scenario guide and the YAML
//! editor beside the cluster view and its timeline; the terminal below. Wires callbacks to
//! `state::Action`s and provides the language (`ContextProvider<Lang>`) to every component.

use yew::prelude::*;

use crate::ui::components::{ClockControls, Guide, LanguageSwitch, PodView, Terminal, TimelineStrip, YamlEditor};
use crate::ui::hooks::{use_cluster, use_sim_loop};
use crate::ui::i18n::{apply_to_document, initial_lang, save_lang, Lang};
use crate::ui::state::Action;

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
    let on_exec = use_callback(dispatcher.clone(), |line: String, d| d.dispatch(Action::Exec(line)));
    let on_change = use_callback(dispatcher.clone(), |text: String, d| d.dispatch(Action::EditorChanged(text)));
    let on_apply = use_callback(dispatcher.clone(), |(), d| d.dispatch(Action::Apply));
    let on_select = use_callback(dispatcher.clone(), |index: usize, d| d.dispatch(Action::SelectFile(index)));
    let on_pod_click = use_callback(dispatcher.clone(), |name: String, d| {
        d.dispatch(Action::Exec(format!("kubectl describe pod {name}")))
    });
    let on_reset = use_callback(dispatcher.clone(), |(), d| d.dispatch(Action::ResetFile));
    let on_load = use_callback(dispatcher.clone(), |id: String, d| d.dispatch(Action::LoadPreset(id)));
    let on_paste = use_callback(dispatcher.clone(), |command: String, d| d.dispatch(Action::Paste(command)));
    let on_node =
        use_callback(dispatcher.clone(), |(node, running): (String, bool), d| d.dispatch(Action::SetNodeRunning(node, running)));
    let on_open_file = use_callback(dispatcher, |name: String, d| d.dispatch(Action::OpenFile(name)));
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
    let lang = *lang;
    let texts = lang.texts();

    html! {
        <ContextProvider<Lang> context={lang}>
        <div class="app">
            <header class="topbar">
                <h1 class="brand"><span class="logo" aria-hidden="true">{ "⎈" }</span>{ "kubeplay" }</h1>
                <span class="tagline">{ texts.tagline }</span>
                <ClockControls
                    playing={state.playing}
                    speed={state.speed}
                    now_seconds={state.view.now_seconds}
                    {on_toggle}
                    {on_step}
                    {on_speed}
                />
                <LanguageSwitch {lang} on_change={on_lang} />
            </header>
            <main class="workspace">
                <section class="panel editor-panel" aria-label={texts.region_editor}>
                    <Guide
                        preset={state.preset}
                        stopped_nodes={stopped_nodes(&state.view)}
                        {on_load}
                        {on_paste}
                        {on_node}
                        {on_open_file}
                    />
                    <YamlEditor
                        files={state.files.clone()}
                        active={state.active_file}
                        {on_select}
                        {on_change}
                        {on_apply}
                        {on_reset}
                    />
                </section>
                <section class="panel cluster-panel" aria-label={texts.region_cluster}>
                    <PodView view={state.view.clone()} {on_pod_click} />
                    <TimelineStrip timeline={state.timeline.clone()} />
                </section>
                <section class="panel terminal-panel" aria-label={texts.region_terminal}>
                    <Terminal lines={state.terminal.clone()} history={state.history.clone()} paste={state.paste.clone()} {on_exec} />
                </section>
            </main>
        </div>
        </ContextProvider<Lang>>
    }
}

/// The nodes whose kubelet is stopped, as the engine has them (the guide's Stop/Start buttons).
fn stopped_nodes(view: &crate::view::ClusterView) -> std::rc::Rc<Vec<String>> {
    std::rc::Rc::new(view.nodes.iter().filter(|node| !node.kubelet_running).map(|node| node.name.clone()).collect())
}
