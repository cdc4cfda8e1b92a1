//! Turns real elapsed milliseconds into whole simulation ticks (a fixed-step accumulator).
//!
//! Mirrors Bevy's `Time<Fixed>` (`crates/bevy_time/src/fixed.rs`): real time is accumulated,
//! scaled by the speed, and spent in fixed one-second steps; speed never changes the step size.

/// One tick of the engine is one virtual second.
pub const TICK_MS: f64 = 1000.0;

/// The most real time one call may feed in. A background tab's timers fire rarely (or not at
/// all); without this cap, coming back to the tab would replay minutes of cluster in one frame.
pub const MAX_REAL_MS_PER_CALL: f64 = 1000.0;

/// The speeds offered by the clock controls, as multipliers of real time.
pub const SPEEDS: [f64; 7] = [0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0];

/// The speed the page starts at.
pub const DEFAULT_SPEED: f64 = 1.0;

/// Accumulates scaled real time and hands it out as whole ticks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FixedStep {
    /// Virtual milliseconds accumulated but not yet spent; always below `TICK_MS` after `expend`.
    overstep_ms: f64,
}

impl FixedStep {
    /// Adds `real_ms` of wall time at `speed`. Negative or non-finite input is ignored.
    ///
    /// Worked example: at speed 2.0, four calls of 300 ms add 4 × 600 = 2400 virtual ms;
    /// `expend` then returns 2 ticks and keeps 400 ms for next time.
    pub fn accumulate(&mut self, real_ms: f64, speed: f64) {
        if !(real_ms.is_finite() && speed.is_finite()) || real_ms <= 0.0 || speed <= 0.0 {
            return;
        }
        self.overstep_ms += real_ms.min(MAX_REAL_MS_PER_CALL) * speed;
    }

    /// Takes out as many whole ticks as have accumulated.
    pub fn expend(&mut self) -> u32 {
        let n_ticks = (self.overstep_ms / TICK_MS).floor();
        self.overstep_ms -= n_ticks * TICK_MS;
        n_ticks as u32
    }

    /// How far into the next tick the clock is, from 0.0 to 1.0 (for a progress hint).
    pub fn fraction(&self) -> f64 {
        (self.overstep_ms / TICK_MS).clamp(0.0, 1.0)
    }
}

/// The label of a speed in the speed select: `0.25×`, `1×`, `20×`.
pub fn speed_label(speed: f64) -> String {
    format!("{}×", crate::fixed_point::short(speed, 2))
}

/// Formats virtual seconds as a clock reading: `0:07`, `12:34`, `1:02:03`.
pub fn format_clock(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}
