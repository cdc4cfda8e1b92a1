//! The timeline strip: ready and available pods per image over the last two minutes, as
//! stacked areas, and under them one band per Service, broken where it had no ready endpoint.

use std::rc::Rc;

use yew::prelude::*;

use crate::fixed_point::fixed;
use crate::ui::i18n::{use_texts, Texts};
use crate::ui::layout::image_hue;
use crate::ui::sim_clock::format_clock;
use crate::ui::timeline::{Sample, Serving, Timeline};

/// The drawing's height in SVG units (the width is the span in seconds, stretched to the strip).
const HEIGHT_UNITS: u32 = 40;
const HEIGHT: f64 = HEIGHT_UNITS as f64;

/// The most Service bands drawn (the summary still names every Service).
const MAX_BANDS: usize = 3;

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
/// bottom: full colour for available pods, pale for pods ready but not yet available
/// (`minReadySeconds`). An instant with nothing ready is a gap down to the baseline. Under it,
/// per Service, a band (role "img", its outages in words) that is green while the Service has a
/// ready endpoint and red-hatched where it has none after having had one.
#[component]
pub fn TimelineStrip(props: &TimelineStripProps) -> Html {
    let texts = use_texts();
    let timeline = &props.timeline;
    let now_seconds = timeline.now_seconds();
    let span = timeline.span_seconds();
    let max = timeline.max_total() as f64;
    let images = timeline.images();
    let samples: Vec<&Sample> = timeline.samples().collect();
    // "now" is the right edge, also while the cluster is younger than the window.
    let x = |at: u64| (span as f64 - now_seconds.saturating_sub(at) as f64).max(0.0);
    let y = |n: f64| HEIGHT - n / max * HEIGHT;
    let mut areas = Vec::new();
    for (i, image) in images.iter().enumerate() {
        let below = |sample: &Sample| -> f64 { images[..i].iter().map(|other| sample.ready_of(other) as f64).sum() };
        // Steps, not slopes: a pod is ready from one second to the next. Each sample covers the
        // second(s) since the one before it, so that even a lone first sample has a width.
        let area = |level: &dyn Fn(&Sample) -> f64| -> String {
            let mut top = Vec::new();
            let mut bottom = Vec::new();
            for (k, sample) in samples.iter().enumerate() {
                let x1 = x(sample.at_seconds);
                let x0 = k.checked_sub(1).map_or(x1 - 1.0, |prev| x(samples[prev].at_seconds)).max(0.0);
                let base = below(sample);
                let height = base + level(sample);
                let [x0, x1, top_y, base_y] = [x0, x1, y(height), y(base)].map(|n| fixed(n, 2));
                top.push(format!("{x0},{top_y} {x1},{top_y}"));
                bottom.push(format!("{x1},{base_y} {x0},{base_y}"));
            }
            bottom.reverse();
            format!("{} {}", top.join(" "), bottom.join(" "))
        };
        let ready = area(&|sample| sample.ready_of(image) as f64);
        // Available pods are ready pods; a ReplicaSet's status a moment behind its pods is
        // drawn no higher than them.
        let available = area(&|sample| sample.available_of(image).min(sample.ready_of(image)) as f64);
        let style = format!("--hue: {}", image_hue(image));
        areas.push(html! {
            <g key={image.to_string()} data-image={image.to_string()} style={style}>
                <polygon class="timeline-area timeline-ready" points={ready} />
                <polygon class="timeline-area timeline-available" points={available} />
            </g>
        });
    }
    let summary = match samples.last() {
        Some(sample) if sample.total() > 0 => sample
            .ready
            .iter()
            .filter(|&&(_, n)| n > 0)
            .map(|(image, n)| format!("{n} × {image} ({})", (texts.available_count)(sample.available_of(image))))
            .collect::<Vec<_>>()
            .join(", "),
        _ => texts.nothing.to_string(),
    };
    let label = (texts.timeline_summary)(span, &summary);
    let services = timeline.services();
    let bands = services.iter().take(MAX_BANDS).map(|service| service_band(timeline, service, texts, span, &x));
    // The Services past MAX_BANDS are told in words only.
    let unseen: Vec<String> = services.iter().skip(MAX_BANDS).map(|service| service_sentence(timeline, service, texts)).collect();
    let on_rewind = props.on_rewind.reform(|event: Event| super::target_value(&event).parse::<u64>().unwrap_or(u64::MAX));
    html! {
        <figure class="timeline" aria-label={texts.timeline}>
            <figcaption class="timeline-caption">
                <span>{ texts.ready_pods }</span>
                <span class="hint timeline-legend" title={texts.available_title}>
                    <span class="swatch" aria-hidden="true"></span>
                    { format!("{} · {}", texts.available_legend, (texts.timeline_max)(max as u32)) }
                </span>
                <label class="rewind" title={texts.rewind_title}>
                    <span>{ texts.rewind }</span>
                    <input type="range" aria-label="Rewind to" min={props.rewind_from.to_string()} max={now_seconds.to_string()} step="1"
                        value={now_seconds.to_string()} disabled={now_seconds <= props.rewind_from} onchange={on_rewind} />
                </label>
            </figcaption>
            <div class="timeline-plot">
                <svg class="timeline-pods" role="img" aria-label={label} viewBox={format!("0 0 {span} {HEIGHT_UNITS}")}
                    preserveAspectRatio="none" data-overlap={timeline.overlap().to_string()}>
                    <line class="timeline-grid" x1="0" x2={span.to_string()} y1={HEIGHT_UNITS.to_string()} y2={HEIGHT_UNITS.to_string()} />
                    { for areas }
                </svg>
                { for bands }
                if !unseen.is_empty() {
                    <p class="visually-hidden">{ unseen.join(". ") }</p>
                }
                <div class="timeline-axis" aria-hidden="true">
                    <span>{ format!("−{}", format_clock(span)) }</span>
                    <span>{ format!("−{}", format_clock(span / 2)) }</span>
                    <span>{ texts.timeline_now }</span>
                </div>
            </div>
        </figure>
    }
}

/// One Service's band: green spans while it had a ready endpoint, a red-hatched `rect` per
/// outage (`data-gap-from`/`data-gap-to`: its virtual seconds, `to` empty while it goes on).
fn service_band(timeline: &Timeline, service: &str, texts: &Texts, span: u64, x: &dyn Fn(u64) -> f64) -> Html {
    let sentence = service_sentence(timeline, service, texts);
    let outages = timeline.outages(service);
    let up = timeline.up_spans(service).into_iter().map(|(from, to)| {
        let (x0, x1) = (x(from), x(to));
        html! { <rect class="timeline-up" x={fixed(x0, 2).to_string()} y="0" width={fixed((x1 - x0).max(0.0), 2).to_string()} height="1" /> }
    });
    let gaps = outages.iter().map(|outage| {
        let (x0, x1) = (x(outage.drawn_from_seconds), x(outage.drawn_to_seconds));
        let to = outage.to_seconds.map(|to| to.to_string()).unwrap_or_default();
        html! {
            <rect class="timeline-gap" x={fixed(x0, 2).to_string()} y="0" width={fixed((x1 - x0).max(0.0), 2).to_string()} height="1"
                data-gap-from={outage.from_seconds.to_string()} data-gap-to={to} />
        }
    });
    let state = timeline.samples().last().and_then(|sample| sample.serving(service));
    let state = match state {
        Some(Serving::Up) => "up",
        Some(Serving::Down) => "down",
        Some(Serving::Waiting) => "waiting",
        None => "gone",
    };
    html! {
        <div class="timeline-service" data-service-band={service.to_string()} data-gaps={outages.len().to_string()} data-state={state}>
            <svg role="img" aria-label={sentence} viewBox={format!("0 0 {span} 1")} preserveAspectRatio="none">
                { for up }
                { for gaps }
            </svg>
            <span class="timeline-service-name" aria-hidden="true">{ format!("svc {service}") }</span>
        </div>
    }
}

/// "Service web: no ready endpoints from 34 s to 41 s", or that it never lost them, or has none yet.
pub fn service_sentence(timeline: &Timeline, service: &str, texts: &Texts) -> String {
    let outages = timeline.outages(service);
    if !outages.is_empty() {
        let spans: Vec<String> = outages.iter().map(|outage| (texts.service_outage)(outage.from_seconds, outage.to_seconds)).collect();
        (texts.service_down)(service, &spans.join(", "))
    } else if timeline.samples().any(|sample| sample.serving(service) == Some(Serving::Up)) {
        (texts.service_steady)(service)
    } else {
        (texts.service_waiting)(service)
    }
}
