//! Drives the virtual clock from a gloo `Interval` while the page is playing.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Interval;
use yew::prelude::*;

use crate::ui::sim_clock::FixedStep;

/// How often the loop wakes up, in real milliseconds.
pub const LOOP_PERIOD_MS: u32 = 100;

/// While `playing`, feeds real elapsed time × `speed` into a fixed-step accumulator and emits
/// `on_ticks(n)` whenever `n >= 1` whole virtual seconds have accumulated. The accumulator
/// survives speed changes and pauses (a paused half second resumes where it was). The interval
/// is dropped on pause and on unmount.
#[hook]
pub fn use_sim_loop(playing: bool, speed: f64, on_ticks: Callback<u32>) {
    let clock = use_mut_ref(FixedStep::default);
    use_effect_with((playing, speed.to_bits()), move |&(playing, _)| {
        let interval = playing.then(|| start_interval(clock, speed, on_ticks));
        move || drop(interval)
    });
}

fn start_interval(clock: Rc<RefCell<FixedStep>>, speed: f64, on_ticks: Callback<u32>) -> Interval {
    let mut last_ms = now_ms();
    Interval::new(LOOP_PERIOD_MS, move || {
        let now = now_ms();
        let n_ticks = {
            let mut clock = clock.borrow_mut();
            clock.accumulate(now - last_ms, speed);
            clock.expend()
        };
        last_ms = now;
        if n_ticks > 0 {
            on_ticks.emit(n_ticks);
        }
    })
}

/// Milliseconds from the page's performance clock (monotonic, unlike `Date.now()`).
fn now_ms() -> f64 {
    gloo::utils::window().performance().map(|performance| performance.now()).unwrap_or_else(js_sys::Date::now)
}
