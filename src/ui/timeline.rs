//! The timeline strip's data: ready pods per image over the last two minutes of virtual time.

use std::collections::VecDeque;

use crate::ui::layout::is_system_namespace;
use crate::view::ClusterView;

/// How much virtual time the strip shows, in seconds.
pub const WINDOW_SECONDS: u64 = 120;

/// Ready pods per image at one instant.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sample {
    pub at_seconds: u64,
    /// (image, ready pods), in the order images were first seen by the timeline.
    pub ready: Vec<(String, u32)>,
}

impl Sample {
    /// Ready pods of `image` in this sample.
    pub fn ready_of(&self, image: &str) -> u32 {
        self.ready.iter().find(|(name, _)| name == image).map_or(0, |&(_, n)| n)
    }

    pub fn total(&self) -> u32 {
        self.ready.iter().map(|&(_, n)| n).sum()
    }
}

/// Samples of the last `WINDOW_SECONDS`, oldest first, one per virtual second at most.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timeline {
    samples: VecDeque<Sample>,
    /// Every image seen so far, in order of appearance (stable stacking order and colours).
    images: Vec<String>,
}

impl Timeline {
    /// Adds the view's ready pods (system namespaces left out). A second sample at the same
    /// instant replaces the first; samples older than the window are dropped, except the newest
    /// of them, so that the strip's left edge still has a value.
    pub fn record(&mut self, view: &ClusterView) {
        let mut ready: Vec<(String, u32)> = Vec::new();
        for pod in view.pods.iter().filter(|pod| pod.ready && !is_system_namespace(&pod.namespace)) {
            match ready.iter_mut().find(|(image, _)| *image == pod.image) {
                Some((_, n)) => *n += 1,
                None => ready.push((pod.image.clone(), 1)),
            }
        }
        for (image, _) in &ready {
            if !self.images.contains(image) {
                self.images.push(image.clone());
            }
        }
        crate::ui::order::sort_by_key(&mut ready, |(image, _)| self.images.iter().position(|known| known == image));
        let sample = Sample { at_seconds: view.now_seconds, ready };
        match self.samples.back_mut() {
            Some(last) if last.at_seconds == sample.at_seconds => *last = sample,
            Some(last) if last.at_seconds > sample.at_seconds => {
                // The clock went back: a new cluster. Start over.
                self.samples.clear();
                self.samples.push_back(sample);
            }
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
    }

    /// The newest sample's time, or 0.
    pub fn now_seconds(&self) -> u64 {
        self.samples.back().map_or(0, |sample| sample.at_seconds)
    }

    /// The left edge of the window.
    pub fn start_seconds(&self) -> u64 {
        self.now_seconds().saturating_sub(WINDOW_SECONDS)
    }

    pub fn samples(&self) -> impl Iterator<Item = &Sample> {
        self.samples.iter()
    }

    /// Images that have ready pods somewhere in the window, in stacking order.
    pub fn images(&self) -> Vec<&str> {
        self.images
            .iter()
            .filter(|image| self.samples.iter().any(|sample| sample.ready_of(image) > 0))
            .map(String::as_str)
            .collect()
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
