//! Play/Pause, Step and the speed select, with the virtual clock's reading.

use yew::prelude::*;

use crate::ui::sim_clock::{format_clock, speed_label, SPEEDS};

/// The clock's state and the three things a learner can do with it.
#[derive(Properties, PartialEq)]
pub struct ClockControlsProps {
    pub playing: bool,
    /// The multiplier of real time, one of `SPEEDS`.
    pub speed: f64,
    /// Virtual seconds since the cluster started.
    pub now_seconds: u64,
    /// Play or Pause was pressed.
    pub on_toggle: Callback<()>,
    /// Step was pressed: one tick.
    pub on_step: Callback<()>,
    /// A new speed was chosen.
    pub on_speed: Callback<f64>,
}

/// The "Play"/"Pause" toggle, "Step", the "Speed" select and the virtual time.
#[component]
pub fn ClockControls(props: &ClockControlsProps) -> Html {
    let on_toggle = props.on_toggle.reform(|_: MouseEvent| ());
    let on_step = props.on_step.reform(|_: MouseEvent| ());
    let on_speed = props.on_speed.reform(|event: Event| super::target_value(&event).parse::<f64>().unwrap_or(1.0));
    let (icon, label) = if props.playing { (pause_icon(), "Pause") } else { (play_icon(), "Play") };
    html! {
        <div class="clock-controls" role="group" aria-label="Clock">
            <button type="button" class="button play" onclick={on_toggle}>
                { icon }{ label }
            </button>
            <button type="button" class="button step" onclick={on_step} title="Advance the cluster by one virtual second">
                { step_icon() }{ "Step" }
            </button>
            <label class="speed">
                <span>{ "Speed" }</span>
                <select onchange={on_speed} aria-label="Speed">
                    { for SPEEDS.iter().map(|&speed| html! {
                        <option value={speed.to_string()} selected={speed == props.speed}>{ speed_label(speed) }</option>
                    }) }
                </select>
            </label>
            <span class={classes!("clock", props.playing.then_some("running"))} title="Virtual time since the cluster started" aria-label="Virtual time">
                <span class="clock-dot" aria-hidden="true"></span>
                <time>{ format!("t = {}", format_clock(props.now_seconds)) }</time>
            </span>
        </div>
    }
}

// Icons are inline SVG: emoji-style glyphs (⏸, ⏭) are missing from many system fonts.

fn icon(path: &'static str) -> Html {
    html! {
        <svg class="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <path d={path} fill="currentColor" />
        </svg>
    }
}

fn play_icon() -> Html {
    icon("M4 2.5v11l9.5-5.5z")
}

fn pause_icon() -> Html {
    icon("M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z")
}

fn step_icon() -> Html {
    icon("M2.5 2.5v11l8-5.5zM11 2.5h2.5v11H11z")
}
