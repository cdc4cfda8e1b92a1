//! The Scenario menu and its guide: a select that resets the cluster to a preset, the preset's
//! summary and its steps (commands to paste into the terminal, node buttons, files to open).

use std::rc::Rc;

use yew::prelude::*;

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
    let on_change = props.on_load.reform(|event: Event| super::target_value(&event));
    let preset = props.preset;
    html! {
        <div class="guide" data-preset={preset.id}>
            <div class="guide-head">
                <label class="scenario">
                    <span>{ "Scenario" }</span>
                    <select aria-label="Scenario" onchange={on_change} title="Resets the cluster and loads the scenario">
                        { for PRESETS.iter().map(|option| html! {
                            <option value={option.id} selected={option.id == preset.id}>{ option.title }</option>
                        }) }
                    </select>
                </label>
                <button type="button" class="button subtle" title="Reset the cluster to the scenario's start"
                    onclick={props.on_load.reform(move |_: MouseEvent| preset.id.to_string())}>
                    { "Restart" }
                </button>
            </div>
            <p class="guide-summary">{ preset.summary }</p>
            <ol class="guide-steps" aria-label="Try">
                { for preset.steps.iter().map(|step| html! {
                    <li>{ render_action(&step.action, props) }<span class="step-note">{ step.note }</span></li>
                }) }
            </ol>
        </div>
    }
}

fn render_action(action: &StepAction, props: &GuideProps) -> Html {
    match *action {
        StepAction::Paste(command) => html! {
            <button type="button" class="step-button command" title="Paste into the terminal (then press Enter)"
                onclick={props.on_paste.reform(move |_: MouseEvent| command.to_string())}>
                <code>{ command }</code>
            </button>
        },
        StepAction::Node(node, running) => {
            let stopped = props.stopped_nodes.iter().any(|name| name == node);
            let label = format!("{} {node}", if running { "Start" } else { "Stop" });
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
                { format!("Open {name}") }
            </button>
        },
    }
}
