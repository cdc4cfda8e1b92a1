//! The timeline strip's data over the last two minutes of virtual time: ready and available
//! pods per version (image), and whether each Service had a ready endpoint (issue #4).

use std::collections::VecDeque;

use crate::ui::layout::is_system_namespace;
use crate::view::ClusterView;
use crate::order::SharedSort;

/// How much virtual time the timeline keeps (and the strip shows at most), in seconds.
pub const WINDOW_SECONDS: u64 = 120;

/// The strip's span grows in steps of this many seconds (`Timeline::span_seconds`).
pub const SPAN_STEP_SECONDS: u64 = 30;

/// Whether a Service could take traffic at one instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Serving {
    /// It has not had a ready endpoint yet (its pods are still starting): not an outage.
    Waiting,
    /// At least one ready endpoint.
    Up,
    /// No ready endpoint, after it had one: an outage (a Recreate rollout's gap).
    Down,
}

/// Ready and available pods per image, and each Service's state, at one instant.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sample {
    pub at_seconds: u64,
    /// (image, ready pods), in the order images were first seen by the timeline.
    pub ready: Vec<(String, u32)>,
    /// (image, available pods): the `availableReplicas` of the ReplicaSets with that image, so
    /// a pod counts once it has been Ready for its ReplicaSet's `minReadySeconds`. Same order.
    pub available: Vec<(String, u32)>,
    /// (Service, state) for every Service with a selector outside the system namespaces,
    /// named as `service_name` names it, in the order Services were first seen.
    pub services: Vec<(String, Serving)>,
}

impl Sample {
    /// Ready pods of `image` in this sample.
    pub fn ready_of(&self, image: &str) -> u32 {
        count_of(&self.ready, image)
    }

    /// Available pods of `image` in this sample.
    pub fn available_of(&self, image: &str) -> u32 {
        count_of(&self.available, image)
    }

    /// Ready pods of every image.
    pub fn total(&self) -> u32 {
        self.ready.iter().map(|&(_, n)| n).sum()
    }

    /// The state of `service` in this sample, `None` when it did not exist.
    pub fn serving(&self, service: &str) -> Option<Serving> {
        self.services.iter().find(|(name, _)| name == service).map(|&(_, serving)| serving)
    }
}

fn count_of(counts: &[(String, u32)], image: &str) -> u32 {
    counts.iter().find(|(name, _)| name == image).map_or(0, |&(_, n)| n)
}

/// A Service's name on the timeline: its name, with its namespace unless `default`.
pub fn service_name(namespace: &str, name: &str) -> String {
    if namespace == "default" {
        name.to_string()
    } else {
        format!("{namespace}/{name}")
    }
}

/// A stretch of samples in which a Service had no ready endpoint after having had one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outage {
    /// The first second seen without a ready endpoint.
    pub from_seconds: u64,
    /// The first second seen with one again; `None` while the outage goes on.
    pub to_seconds: Option<u64>,
    /// The sample just before the outage, where its drawing starts (`from_seconds` - 1 when
    /// the outage is the window's first sample).
    pub drawn_from_seconds: u64,
    /// The last second seen without a ready endpoint, where its drawing ends.
    pub drawn_to_seconds: u64,
}

/// Samples of the last `WINDOW_SECONDS`, oldest first, one per virtual second at most.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timeline {
    samples: VecDeque<Sample>,
    /// Every image seen so far, in order of appearance (stable stacking order and colours).
    images: Vec<String>,
    /// Every Service seen so far, in order of appearance, with the first second it had a ready
    /// endpoint (what tells an outage from a start).
    services: Vec<(String, Option<u64>)>,
}

impl Timeline {
    /// Adds the view's ready pods, available pods and Services (system namespaces left out). A
    /// second sample at the same instant replaces the first; samples older than the window are
    /// dropped, except the newest of them, so that the strip's left edge still has a value.
    pub fn record(&mut self, view: &ClusterView) {
        let mut ready: Vec<(String, u32)> = Vec::new();
        for pod in view.pods.iter().filter(|pod| pod.ready && !is_system_namespace(&pod.namespace)) {
            add(&mut ready, &pod.image, 1);
        }
        let mut available: Vec<(String, u32)> = Vec::new();
        for rs in view.replica_sets.iter().filter(|rs| rs.available > 0 && !is_system_namespace(&rs.namespace)) {
            add(&mut available, &rs.image, rs.available as u32);
        }
        for (image, _) in ready.iter().chain(&available) {
            if !self.images.contains(image) {
                self.images.push(image.clone());
            }
        }
        let rank = |image: &String| self.images.iter().position(|known| known == image);
        ready.shared_sort_by_key(|(image, _)| rank(image));
        available.shared_sort_by_key(|(image, _)| rank(image));
        if self.samples.back().is_some_and(|last| last.at_seconds > view.now_seconds) {
            // The clock went back: a new cluster. Start over.
            self.samples.clear();
            self.services.clear();
        }
        let mut services = Vec::new();
        // A Service without a selector (`kubernetes`) has endpoints no pod is behind.
        for service in view.services.iter().filter(|s| !s.selector.is_empty() && !is_system_namespace(&s.namespace)) {
            let name = service_name(&service.namespace, &service.name);
            let up = !service.ready_pods.is_empty();
            let index = match self.services.iter().position(|(known, _)| *known == name) {
                Some(index) => index,
                None => {
                    self.services.push((name.clone(), None));
                    self.services.len() - 1
                }
            };
            let first_up = &mut self.services[index].1;
            if up && first_up.is_none_or(|at| at > view.now_seconds) {
                *first_up = Some(view.now_seconds);
            }
            let serving = match (up, *first_up) {
                (true, _) => Serving::Up,
                (false, Some(at)) if at < view.now_seconds => Serving::Down,
                (false, _) => Serving::Waiting,
            };
            services.push((index, name, serving));
        }
        services.shared_sort_by_key(|&(index, _, _)| index);
        let services = services.into_iter().map(|(_, name, serving)| (name, serving)).collect();
        let sample = Sample { at_seconds: view.now_seconds, ready, available, services };
        match self.samples.back_mut() {
            Some(last) if last.at_seconds == sample.at_seconds => *last = sample,
            _ => self.samples.push_back(sample),
        }
        let start = self.start_seconds();
        while self.samples.len() > 1 && self.samples[1].at_seconds <= start {
            self.samples.pop_front();
        }
    }

    /// Forgets the samples after `seconds` (a rewind), keeping the ones before as they were.
    pub fn rewind_to(&mut self, seconds: u64) {
        while self.samples.back().is_some_and(|sample| sample.at_seconds > seconds) {
            self.samples.pop_back();
        }
        for (_, first_up) in &mut self.services {
            if first_up.is_some_and(|at| at > seconds) {
                *first_up = None;
            }
        }
    }

    /// The newest sample's time, or 0.
    pub fn now_seconds(&self) -> u64 {
        self.samples.back().map_or(0, |sample| sample.at_seconds)
    }

    /// How many seconds the strip spans: the history it holds, rounded up to a multiple of
    /// `SPAN_STEP_SECONDS`, at most `WINDOW_SECONDS`. A young cluster fills the strip instead
    /// of a sliver at its right edge: 27 s of history are drawn over 30 s, 95 s over 120 s.
    pub fn span_seconds(&self) -> u64 {
        let held = self.now_seconds() - self.samples.front().map_or(0, |sample| sample.at_seconds.min(self.now_seconds()));
        held.div_ceil(SPAN_STEP_SECONDS).max(1).saturating_mul(SPAN_STEP_SECONDS).min(WINDOW_SECONDS)
    }

    /// The left edge of the window.
    pub fn start_seconds(&self) -> u64 {
        self.now_seconds().saturating_sub(WINDOW_SECONDS)
    }

    pub fn samples(&self) -> impl Iterator<Item = &Sample> {
        self.samples.iter()
    }

    /// Images that have ready or available pods somewhere in the window, in stacking order.
    pub fn images(&self) -> Vec<&str> {
        self.images
            .iter()
            .filter(|image| self.samples.iter().any(|sample| sample.ready_of(image) > 0 || sample.available_of(image) > 0))
            .map(String::as_str)
            .collect()
    }

    /// Services that exist somewhere in the window, in order of appearance.
    pub fn services(&self) -> Vec<&str> {
        self.services
            .iter()
            .map(|(name, _)| name.as_str())
            .filter(|name| self.samples.iter().any(|sample| sample.serving(name).is_some()))
            .collect()
    }

    /// The stretches of the window in which `service` had no ready endpoint after having had
    /// one, oldest first. Each sample stands for the second(s) since the one before it.
    pub fn outages(&self, service: &str) -> Vec<Outage> {
        let mut outages: Vec<Outage> = Vec::new();
        let mut open: Option<Outage> = None;
        let mut previous: Option<u64> = None;
        for sample in &self.samples {
            let down = sample.serving(service) == Some(Serving::Down);
            match (&mut open, down) {
                (Some(outage), true) => outage.drawn_to_seconds = sample.at_seconds,
                (None, true) => {
                    let drawn_from_seconds = previous.unwrap_or(sample.at_seconds.saturating_sub(1));
                    open = Some(Outage { from_seconds: sample.at_seconds, to_seconds: None, drawn_from_seconds, drawn_to_seconds: sample.at_seconds });
                }
                (Some(_), false) => {
                    let mut outage = open.take().expect("matched Some");
                    // Back up, or gone (deleted): either way the outage ends here.
                    outage.to_seconds = Some(sample.at_seconds);
                    outages.push(outage);
                }
                (None, false) => {}
            }
            previous = Some(sample.at_seconds);
        }
        outages.extend(open);
        outages
    }

    /// The stretches of the window in which `service` had a ready endpoint, as (drawn from,
    /// drawn to) seconds, oldest first.
    pub fn up_spans(&self, service: &str) -> Vec<(u64, u64)> {
        let mut spans: Vec<(u64, u64)> = Vec::new();
        let mut previous: Option<u64> = None;
        let mut extending = false;
        for sample in &self.samples {
            let up = sample.serving(service) == Some(Serving::Up);
            if up {
                match spans.last_mut() {
                    Some(span) if extending => span.1 = sample.at_seconds,
                    _ => spans.push((previous.unwrap_or(sample.at_seconds.saturating_sub(1)), sample.at_seconds)),
                }
            }
            extending = up;
            previous = Some(sample.at_seconds);
        }
        spans
    }

    /// The most ready pods at any instant of the window (at least 1).
    pub fn max_total(&self) -> u32 {
        self.samples.iter().map(Sample::total).max().unwrap_or(0).max(1)
    }

    /// Whether two images had ready pods at the same instant somewhere in the window.
    pub fn overlap(&self) -> bool {
        self.samples.iter().any(|sample| sample.ready.iter().filter(|&&(_, n)| n > 0).count() > 1)
    }
}

fn add(counts: &mut Vec<(String, u32)>, image: &str, n: u32) {
    match counts.iter_mut().find(|(known, _)| known == image) {
        Some((_, count)) => *count += n,
        None => counts.push((image.to_string(), n)),
    }
}
