//! Play/Pause, Step and the speed select, with the virtual clock's reading.

use yew::prelude::*;

use crate::ui::i18n::use_texts;
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

/// The "Play"/"Pause" toggle, "Step", the "Speed" select and the virtual time. The toggle's
/// accessible name is "Play" or "Pause" in every language; its visible label is translated.
#[component]
pub fn ClockControls(props: &ClockControlsProps) -> Html {
    let texts = use_texts();
    let on_toggle = props.on_toggle.reform(|_: MouseEvent| ());
    let on_step = props.on_step.reform(|_: MouseEvent| ());
    let on_speed = props.on_speed.reform(|event: Event| super::target_value(&event).parse::<f64>().unwrap_or(1.0));
    let (icon, name, label) =
        if props.playing { (pause_icon(), "Pause", texts.pause) } else { (play_icon(), "Play", texts.play) };
    html! {
        <div class="clock-controls" role="group" aria-label={texts.clock_group}>
            <button type="button" class="button play" onclick={on_toggle} aria-label={name}>
                { icon }<span class="button-label">{ label }</span>
            </button>
            <button type="button" class="button step" onclick={on_step} title={texts.step_title}>
                { step_icon() }<span class="button-label">{ texts.step }</span>
            </button>
            <label class="speed">
                <span class="speed-label">{ texts.speed }</span>
                <select onchange={on_speed} aria-label={texts.speed}>
                    { for SPEEDS.iter().map(|&speed| html! {
                        <option value={crate::fixed_point::short(speed, 2)} selected={speed == props.speed}>{ speed_label(speed) }</option>
                    }) }
                </select>
            </label>
            <span class={classes!("clock", props.playing.then_some("running"))} title={texts.virtual_time_title} aria-label={texts.virtual_time}>
                <span class="clock-dot" aria-hidden="true"></span>
                <time><span class="clock-prefix">{ "t = " }</span>{ format_clock(props.now_seconds) }</time>
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
