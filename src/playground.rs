//! The facade the page (and lessons) drive: one cluster, kubectl lines in, text and a view out.

use crate::engine::Cluster;
use crate::view::ClusterView;

/// What one terminal command printed, split the way a terminal receives it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommandOutput {
    /// What kubectl writes to stdout.
    pub stdout: String,
    /// What kubectl writes to stderr (errors, warnings, "No resources found").
    pub stderr: String,
    /// 0 on success, 1 on error, as kubectl exits.
    pub exit_code: i32,
    /// Both streams in the order they were written, as a terminal shows them.
    pub combined: String,
}

/// A playground session: the engine plus the file panel's names. Never panics on user input.
pub struct Playground {
    cluster: Cluster,
}

impl Playground {
    /// An empty cluster (two ready nodes, the `default` namespace) with the given seed.
    pub fn new(seed: u64) -> Playground {
        Playground { cluster: Cluster::new(seed, crate::engine::timing::Timing::realistic()) }
    }

    /// The default scenario of the page: the seeds' nginx Deployment (3 replicas) applied and running.
    pub fn with_default_scenario(seed: u64) -> Playground {
        let mut playground = Playground::new(seed);
        playground.cluster.add_file("nginx-deployment.yaml", crate::scenarios::NGINX_DEPLOYMENT);
        let _ = playground.exec("kubectl apply -f nginx-deployment.yaml");
        for _ in 0..15 {
            playground.tick();
        }
        playground
    }

    /// Runs one terminal line (`kubectl ...`); a line without `kubectl` is tried as kubectl too.
    pub fn exec(&mut self, line: &str) -> CommandOutput {
        crate::kubectl::run_line(&mut self.cluster, line, None)
    }

    /// `kubectl apply -f NAME` of an editor file's text: the file is saved under NAME first.
    pub fn apply_file(&mut self, name: &str, text: &str) -> CommandOutput {
        self.cluster.add_file(name, text);
        self.exec(&format!("kubectl apply -f {name}"))
    }

    /// Problems of an editor file, each at a line and column (syntax, unknown fields with a
    /// "did you mean", wrong types, validation), for inline underlines as the learner types.
    pub fn diagnose(text: &str) -> Vec<crate::yaml::diagnostic::Diagnostic> {
        crate::yaml::diagnostic::diagnose(text)
    }

    /// Advances the virtual clock by one tick (one second) and lets every controller settle.
    pub fn tick(&mut self) {
        self.cluster.tick();
    }

    /// Virtual seconds since the cluster started.
    pub fn now_seconds(&self) -> u64 {
        self.cluster.now().as_secs()
    }

    /// A snapshot for rendering: nodes, pods, ReplicaSets, Services and recent events.
    pub fn view(&self) -> ClusterView {
        crate::view::snapshot(&self.cluster)
    }

    /// Stops (`false`) or restarts (`true`) a node's kubelet: a node failure, as a learner would
    /// cause by stopping a machine. The node turns NotReady after 40 s and its pods are replaced
    /// after their 300 s toleration.
    pub fn set_node_running(&mut self, node: &str, running: bool) {
        self.cluster.set_kubelet_running(node, running);
    }

    /// The engine, for tests and lessons that need to look deeper.
    pub fn cluster(&self) -> &Cluster {
        &self.cluster
    }
}
