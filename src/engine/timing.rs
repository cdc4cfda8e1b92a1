//! Timing profiles: how long the simulated kubelet takes for each step of a pod's life.

/// Which timing model the kubelet follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// Seconds of image pull and start, probes as declared, grace periods as the app honours them.
    Realistic,
    /// The measured model of shared/reference section 2: a pod is Running one tick after it is
    /// created and Ready one tick later; a deleted pod is gone one tick later. Ticks are 1 s.
    Reference,
}

/// The timing a cluster runs with. Ticks are always one virtual second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    pub profile: Profile,
}

impl Timing {
    pub fn realistic() -> Timing {
        Timing { profile: Profile::Realistic }
    }

    pub fn reference() -> Timing {
        Timing { profile: Profile::Reference }
    }

    pub fn is_reference(self) -> bool {
        self.profile == Profile::Reference
    }

    /// Parses `--timing` values: `realistic` (the default) or `reference`.
    pub fn parse(name: &str) -> Option<Timing> {
        match name {
            "realistic" | "default" => Some(Timing::realistic()),
            "reference" => Some(Timing::reference()),
            _ => None,
        }
    }
}

/// Milliseconds in one tick.
pub const TICK_MS: u64 = 1000;
