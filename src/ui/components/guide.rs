//! The Scenario menu and its guide: a select that resets the cluster to a preset, the preset's
//! summary and its steps (commands to paste into the terminal, node buttons, files to open).

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::i18n::{use_lang, Texts};
use crate::ui::presets::{Preset, StepAction, PRESETS};

#[derive(Properties, PartialEq)]
pub struct GuideProps {
    pub preset: &'static Preset,
    /// Nodes whose kubelet is stopped (their Stop button is disabled, Start enabled).
    pub stopped_nodes: Rc<Vec<String>>,
    /// A preset was chosen: its id.
    pub on_load: Callback<String>,
    /// A command step was pressed: the command.
    pub on_paste: Callback<String>,
    /// A node button was pressed: (node, running).
    pub on_node: Callback<(String, bool)>,
    /// An "Open FILE" step was pressed: the file's name.
    pub on_open_file: Callback<String>,
}

/// The menu (`select`, accessible name "Scenario") and the numbered steps.
#[component]
pub fn Guide(props: &GuideProps) -> Html {
    let lang = use_lang();
    let texts = lang.texts();
    let on_change = props.on_load.reform(|event: Event| super::target_value(&event));
    let preset = props.preset;
    html! {
        <div class="guide" data-preset={preset.id}>
            <div class="guide-head">
                <label class="scenario">
                    <span>{ texts.scenario }</span>
                    <select aria-label={texts.scenario} onchange={on_change} title={texts.scenario_title}>
                        { for PRESETS.iter().map(|option| html! {
                            <option value={option.id} selected={option.id == preset.id}>{ option.title.get(lang) }</option>
                        }) }
                    </select>
                </label>
                <button type="button" class="button subtle" title={texts.restart_title}
                    onclick={props.on_load.reform(move |_: MouseEvent| preset.id.to_string())}>
                    { texts.restart }
                </button>
            </div>
            <p class="guide-summary">{ preset.summary.get(lang) }</p>
            <ol class="guide-steps" aria-label={texts.steps_label}>
                { for preset.steps().iter().map(|step| html! {
                    <li>{ render_action(&step.action, props, texts) }<span class="step-note">{ step.note.get(lang) }</span></li>
                }) }
            </ol>
        </div>
    }
}

fn render_action(action: &StepAction, props: &GuideProps, texts: &Texts) -> Html {
    match *action {
        StepAction::Paste(command) => html! {
            <button type="button" class="step-button command" title={texts.paste_title}
                onclick={props.on_paste.reform(move |_: MouseEvent| command.to_string())}>
                <code>{ command }</code>
            </button>
        },
        StepAction::Node(node, running) => {
            let stopped = props.stopped_nodes.iter().any(|name| name == node);
            let label = if running { (texts.start_node)(node) } else { (texts.stop_node)(node) };
            html! {
                <button type="button" class={classes!("step-button", "node", (!running).then_some("danger"))}
                    disabled={stopped != running}
                    onclick={props.on_node.reform(move |_: MouseEvent| (node.to_string(), running))}>
                    { label }
                </button>
            }
        }
        StepAction::OpenFile(name) => html! {
            <button type="button" class="step-button" onclick={props.on_open_file.reform(move |_: MouseEvent| name.to_string())}>
                { (texts.open_file)(name) }
            </button>
        },
    }
}
