//! Shared helpers: fixtures and a tiny driver around the public boundary (kubectl lines).

use kubeplay::engine::timing::Timing;
use kubeplay::engine::Cluster;
use kubeplay::playground::CommandOutput;

pub fn fixture(path: &str) -> String {
    let full = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

pub fn fixture_json(path: &str) -> serde_json::Value {
    serde_json::from_str(&fixture(path)).expect("fixture is JSON")
}

/// A cluster driven only through kubectl lines and the clock.
pub struct Sim {
    pub cluster: Cluster,
}

impl Sim {
    pub fn new(seed: u64, timing: Timing) -> Sim {
        Sim { cluster: Cluster::new(seed, timing) }
    }

    pub fn reference() -> Sim {
        let mut sim = Sim::new(1, Timing::reference());
        sim.cluster.events_mut().keep_all = true;
        sim
    }

    pub fn kubectl(&mut self, line: &str) -> CommandOutput {
        kubeplay::kubectl::run_line(&mut self.cluster, line, None)
    }

    pub fn kubectl_stdin(&mut self, line: &str, stdin: &str) -> CommandOutput {
        kubeplay::kubectl::run_line(&mut self.cluster, line, Some(stdin))
    }

    pub fn run_for(&mut self, seconds: u64) {
        self.cluster.run_for(seconds);
    }

    /// Runs a script and returns its transcript.
    pub fn script(&mut self, text: &str) -> kubeplay::script::Transcript {
        let steps = kubeplay::script::parse(text);
        kubeplay::script::run(&mut self.cluster, &steps)
    }
}

/// Runs `script` on a fresh cluster (seed 11, realistic timing) and compares its transcript with
/// `expected`, showing the whole transcript when they differ.
pub fn check(script: &str, expected: &str) {
    let transcript = Sim::new(11, Timing::realistic()).script(script).text;
    assert_eq!(transcript, expected, "\n--- got ---\n{transcript}");
}
