//! The timeline strip: ready pods per image over the last two minutes, as stacked areas.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::i18n::use_texts;
use crate::ui::layout::image_hue;
use crate::ui::timeline::{Timeline, WINDOW_SECONDS};

/// The drawing's height in SVG units (the width is `WINDOW_SECONDS`, stretched to the strip).
const HEIGHT: f64 = 40.0;

#[derive(Properties)]
pub struct TimelineStripProps {
    pub timeline: Rc<Timeline>,
    /// The earliest second a rewind may go back to (a lesson's start, else 0).
    pub rewind_from: u64,
    /// The Rewind slider was let go at this second.
    pub on_rewind: Callback<u64>,
}

impl PartialEq for TimelineStripProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.timeline, &other.timeline) && self.rewind_from == other.rewind_from && self.on_rewind == other.on_rewind
    }
}

/// An SVG (role "img", with a text summary) of stacked areas, one per image, oldest image at the
/// bottom. An instant with nothing ready is a gap down to the baseline.
#[component]
pub fn TimelineStrip(props: &TimelineStripProps) -> Html {
    let texts = use_texts();
    let timeline = &props.timeline;
    let now_seconds = timeline.now_seconds();
    let max = timeline.max_total() as f64;
    let images = timeline.images();
    let samples: Vec<_> = timeline.samples().collect();
    // "now" is the right edge, also while the cluster is younger than the window.
    let x = |at: u64| (WINDOW_SECONDS as f64 - now_seconds.saturating_sub(at) as f64).max(0.0);
    let y = |n: f64| HEIGHT - n / max * HEIGHT;
    let mut areas = Vec::new();
    for (i, image) in images.iter().enumerate() {
        let below = |sample: &crate::ui::timeline::Sample| -> f64 {
            images[..i].iter().map(|other| sample.ready_of(other) as f64).sum()
        };
        // Steps, not slopes: a pod is ready from one second to the next.
        let mut top = Vec::new();
        let mut bottom = Vec::new();
        // Each sample covers the second(s) since the one before it, so that even a lone first
        // sample has a width.
        for (k, sample) in samples.iter().enumerate() {
            let x1 = x(sample.at_seconds);
            let x0 = k.checked_sub(1).map_or(x1 - 1.0, |prev| x(samples[prev].at_seconds)).max(0.0);
            let base = below(sample);
            let height = base + sample.ready_of(image) as f64;
            top.push(format!("{x0:.2},{:.2} {x1:.2},{:.2}", y(height), y(height)));
            bottom.push(format!("{x1:.2},{:.2} {x0:.2},{:.2}", y(base), y(base)));
        }
        bottom.reverse();
        let points = format!("{} {}", top.join(" "), bottom.join(" "));
        areas.push(html! {
            <polygon key={image.to_string()} class="timeline-area" points={points}
                style={format!("--hue: {}", image_hue(image))} data-image={image.to_string()} />
        });
    }
    let now = samples.last();
    let summary = match now {
        Some(sample) if sample.total() > 0 => sample
            .ready
            .iter()
            .filter(|&&(_, n)| n > 0)
            .map(|(image, n)| format!("{n} × {image}"))
            .collect::<Vec<_>>()
            .join(", "),
        _ => texts.nothing.to_string(),
    };
    let label = (texts.timeline_summary)(WINDOW_SECONDS, &summary);
    let on_rewind = props.on_rewind.reform(|event: Event| super::target_value(&event).parse::<u64>().unwrap_or(u64::MAX));
    html! {
        <figure class="timeline" aria-label={texts.timeline}>
            <figcaption class="timeline-caption">
                <span>{ texts.ready_pods }</span>
                <span class="hint">{ (texts.timeline_max)(max as u32) }</span>
                <label class="rewind" title={texts.rewind_title}>
                    <span>{ texts.rewind }</span>
                    <input type="range" aria-label="Rewind to" min={props.rewind_from.to_string()} max={now_seconds.to_string()} step="1"
                        value={now_seconds.to_string()} disabled={now_seconds <= props.rewind_from} onchange={on_rewind} />
                </label>
            </figcaption>
            <div class="timeline-plot">
                <svg role="img" aria-label={label} viewBox={format!("0 0 {WINDOW_SECONDS} {HEIGHT}")}
                    preserveAspectRatio="none" data-overlap={timeline.overlap().to_string()}>
                    <line class="timeline-grid" x1="0" x2={WINDOW_SECONDS.to_string()} y1={HEIGHT.to_string()} y2={HEIGHT.to_string()} />
                    { for areas }
                </svg>
                <div class="timeline-axis" aria-hidden="true">
                    <span>{ format!("−{}:00", WINDOW_SECONDS / 60) }</span>
                    <span>{ "−1:00" }</span>
                    <span>{ texts.timeline_now }</span>
                </div>
            </div>
        </figure>
    }
}
