//! The facade the page (and lessons) drive: one cluster, kubectl lines in, text and a view out.
//!
//! Every change goes through here and is written to a [`Journal`]: the ticks between actions and
//! the actions themselves. Replaying a journal on a new playground with the same seed gives the
//! same cluster, byte for byte: that is what a share link holds.

use serde::{Deserialize, Serialize};

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

impl CommandOutput {
    /// The output's lines in the order a terminal shows them, each marked `true` when it came on
    /// stderr: `combined`'s lines, each taken from whichever stream's next line it is (stdout
    /// first when both are the same text). Where `combined` cannot be read that way (a line
    /// that mixes both streams), the rest of stdout and then the rest of stderr follow.
    pub fn lines_in_order(&self) -> Vec<(bool, String)> {
        fn lines(text: &str) -> std::collections::VecDeque<&str> {
            let text = text.strip_suffix('\n').unwrap_or(text);
            if text.is_empty() { Default::default() } else { text.split('\n').collect() }
        }
        let (mut out, mut err) = (lines(&self.stdout), lines(&self.stderr));
        let mut result = Vec::with_capacity(out.len() + err.len());
        for line in lines(&self.combined) {
            if out.front() == Some(&line) {
                result.push((false, out.pop_front().unwrap_or_default().to_string()));
            } else if err.front() == Some(&line) {
                result.push((true, err.pop_front().unwrap_or_default().to_string()));
            } else {
                break;
            }
        }
        result.extend(out.into_iter().map(|line| (false, line.to_string())));
        result.extend(err.into_iter().map(|line| (true, line.to_string())));
        result
    }
}

/// One change a learner (or a scenario, or a lesson's setup) made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Action {
    /// A file saved for `-f NAME` (an editor file, a `cat > FILE` heredoc).
    File { name: String, text: String },
    /// A terminal line, with its heredoc body.
    Exec {
        line: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        stdin: Option<String>,
    },
    /// A node's kubelet stopped or started.
    Node { name: String, running: bool },
    /// The YAML panel, the editor of a `kubectl edit`, saved this text and closed (Cancel saves
    /// the text it was opened with).
    Edited { text: String },
}

/// An action and how many one-second ticks ran before it (since the previous action).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    #[serde(default, skip_serializing_if = "is_zero")]
    pub ticks: u64,
    #[serde(flatten)]
    pub action: Action,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// Everything that happened to a playground since it was made, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journal {
    pub entries: Vec<Entry>,
    /// Ticks after the last action.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub ticks: u64,
}

/// A point in a journal: so many entries, then so many ticks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub entries: usize,
    pub ticks: u64,
}

impl Journal {
    /// The journal up to `mark` and the rest, so that replaying one then the other is replaying all.
    pub fn split(&self, mark: Mark) -> (Journal, Journal) {
        let at = mark.entries.min(self.entries.len());
        let mut tail = Journal { entries: self.entries[at..].to_vec(), ticks: self.ticks };
        match tail.entries.first_mut() {
            Some(first) => first.ticks = first.ticks.saturating_sub(mark.ticks),
            None => tail.ticks = tail.ticks.saturating_sub(mark.ticks),
        }
        (Journal { entries: self.entries[..at].to_vec(), ticks: mark.ticks }, tail)
    }
}

/// A command the terminal ran and how it ended: what lesson checks about the transcript read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ran {
    /// The line as typed.
    pub line: String,
    pub exit_code: i32,
    /// Both streams, cut to [`MAX_KEPT_OUTPUT`] bytes.
    pub output: String,
    /// Index of its entry in the journal.
    pub entry: usize,
}

/// How much of one command's output the transcript keeps.
pub const MAX_KEPT_OUTPUT: usize = 16 * 1024;

/// A playground session: the engine plus the journal of what was done to it. Never panics on
/// user input.
pub struct Playground {
    seed: u64,
    cluster: Cluster,
    journal: Journal,
    transcript: Vec<Ran>,
    /// The API documentation `kubectl explain` reads, once the page has fetched it. Not part
    /// of the journal: explain reads it and changes nothing.
    explain_docs: Option<crate::kubectl::explain::ExplainDocs>,
}

impl Playground {
    /// An empty cluster (two ready nodes, the `default` namespace) with the given seed.
    pub fn new(seed: u64) -> Playground {
        let mut cluster = Cluster::new(seed, crate::engine::timing::Timing::realistic());
        // `kubectl edit` opens the page's YAML panel (see `save_edit`).
        cluster.editor_panel = true;
        Playground {
            seed,
            cluster,
            journal: Journal::default(),
            transcript: Vec::new(),
            explain_docs: None,
        }
    }

    /// The default scenario of the page: the seeds' nginx Deployment (3 replicas) applied and running.
    pub fn with_default_scenario(seed: u64) -> Playground {
        let mut playground = Playground::new(seed);
        playground.add_file("nginx-deployment.yaml", crate::scenarios::NGINX_DEPLOYMENT);
        let _ = playground.exec("kubectl apply -f nginx-deployment.yaml");
        for _ in 0..15 {
            playground.tick();
        }
        playground
    }

    /// A new playground with `seed` on which `journal` is done again, calling `observe` after
    /// every action and every tick, those inside blocking commands too (lesson checks watch a
    /// replay this way, as they watched the learner).
    pub fn replay(seed: u64, journal: &Journal, mut observe: impl FnMut(&Cluster, &[Ran])) -> Playground {
        let mut playground = Playground::new(seed);
        playground.replay_onto(journal, &mut observe);
        playground
    }

    /// Does `journal` again on this playground, calling `observe` as `replay` does.
    pub fn replay_onto(&mut self, journal: &Journal, observe: &mut dyn FnMut(&Cluster, &[Ran])) {
        self.replay_until(journal, None, observe);
    }

    /// `replay_onto`, stopping before the first tick or action at or after virtual second
    /// `until` (a rewind: the journal of the result is what was replayed).
    pub fn replay_until(&mut self, journal: &Journal, until: Option<u64>, observe: &mut dyn FnMut(&Cluster, &[Ran])) {
        let reached = |playground: &Playground| until.is_some_and(|until| playground.now_seconds() >= until);
        for entry in &journal.entries {
            for _ in 0..entry.ticks {
                if reached(self) {
                    return;
                }
                self.tick();
                observe(&self.cluster, &self.transcript);
            }
            if reached(self) {
                return;
            }
            match &entry.action {
                Action::Exec { line, stdin } => {
                    self.exec_observed(line, stdin.as_deref(), observe);
                }
                other => {
                    self.perform(other);
                }
            }
            observe(&self.cluster, &self.transcript);
        }
        for _ in 0..journal.ticks {
            if reached(self) {
                return;
            }
            self.tick();
            observe(&self.cluster, &self.transcript);
        }
    }

    /// Where the journal is now (a lesson remembers where it started).
    pub fn mark(&self) -> Mark {
        Mark { entries: self.journal.entries.len(), ticks: self.journal.ticks }
    }

    /// Does one journal action (and journals it).
    pub fn perform(&mut self, action: &Action) -> Option<CommandOutput> {
        match action {
            Action::File { name, text } => {
                self.add_file(name, text);
                None
            }
            Action::Exec { line, stdin } => Some(self.exec_with_stdin(line, stdin.as_deref())),
            Action::Node { name, running } => {
                self.set_node_running(name, *running);
                None
            }
            Action::Edited { text } => Some(self.save_edit(text)),
        }
    }

    /// The `kubectl edit` waiting for the YAML panel, if any: the file to show and its text.
    pub fn edit_session(&self) -> Option<&crate::engine::edit_session::EditSession> {
        self.cluster.edit_session()
    }

    /// The YAML panel saved `text` as the open `kubectl edit`'s file and closed: kubectl goes on
    /// (patches, or the file reopened with the errors, or "Edit cancelled"). Journaled, and in
    /// the transcript under the edit's line.
    pub fn save_edit(&mut self, text: &str) -> CommandOutput {
        let line = self.cluster.edit_session().map(|session| session.line.clone()).unwrap_or_default();
        let entry = self.record(Action::Edited { text: text.to_string() });
        let output = crate::kubectl::edit::editor_closed(&mut self.cluster, text);
        self.keep(line, &output, entry);
        output
    }

    fn record(&mut self, action: Action) -> usize {
        let ticks = std::mem::take(&mut self.journal.ticks);
        self.journal.entries.push(Entry { ticks, action });
        self.journal.entries.len() - 1
    }

    /// Runs one terminal line (`kubectl ...`); a line without `kubectl` is tried as kubectl too.
    pub fn exec(&mut self, line: &str) -> CommandOutput {
        self.exec_with_stdin(line, None)
    }

    /// Runs one terminal line with what a heredoc feeds its standard input.
    pub fn exec_with_stdin(&mut self, line: &str, stdin: Option<&str>) -> CommandOutput {
        self.exec_observed(line, stdin, &mut |_, _| {})
    }

    /// Runs one terminal line, showing `observe` the cluster (and the transcript before this
    /// line) after every tick the command waits: `rollout status`, `wait`, `delete`, `get -w`.
    pub fn exec_observed(&mut self, line: &str, stdin: Option<&str>, observe: &mut dyn FnMut(&Cluster, &[Ran])) -> CommandOutput {
        let entry = self.record(Action::Exec { line: line.to_string(), stdin: stdin.map(str::to_string) });
        let transcript = &self.transcript;
        let docs = self.explain_docs.as_ref();
        let editing = self.cluster.edit_session().is_some();
        let output = crate::kubectl::run_line_with(&mut self.cluster, line, stdin, docs, &mut |cluster| observe(cluster, transcript));
        // An edit this line opened goes on under the line as typed.
        if let Some(session) = self.cluster.edit_session().filter(|_| !editing) {
            let session = crate::engine::edit_session::EditSession { line: line.to_string(), ..session.clone() };
            self.cluster.set_edit_session(Some(session));
        }
        self.keep(line.to_string(), &output, entry);
        output
    }

    /// Keeps a command's output in the transcript (cut to [`MAX_KEPT_OUTPUT`]).
    fn keep(&mut self, line: String, output: &CommandOutput, entry: usize) {
        let mut kept = output.combined.clone();
        if kept.len() > MAX_KEPT_OUTPUT {
            let mut cut = MAX_KEPT_OUTPUT;
            while !kept.is_char_boundary(cut) {
                cut -= 1;
            }
            kept.truncate(cut);
        }
        self.transcript.push(Ran { line, exit_code: output.exit_code, output: kept, entry });
    }

    /// An unquoted heredoc's text (`<<EOF`) with the terminal's variables and `$(...)` expanded,
    /// as bash expands it before the command reads it (errors of its substitutions dropped).
    pub fn expand_heredoc(&mut self, body: &str) -> String {
        crate::kubectl::expand_heredoc(&mut self.cluster, body).0
    }

    /// Saves a file for `kubectl ... -f NAME`.
    pub fn add_file(&mut self, name: &str, text: &str) {
        if self.cluster.file(name) == Some(text) {
            return;
        }
        self.record(Action::File { name: name.to_string(), text: text.to_string() });
        self.cluster.add_file(name, text);
    }

    /// `kubectl apply -f NAME` of an editor file's text: the file is saved under NAME first.
    pub fn apply_file(&mut self, name: &str, text: &str) -> CommandOutput {
        self.add_file(name, text);
        self.exec(&format!("kubectl apply -f {name}"))
    }

    /// Problems of an editor file, each at a line and column (syntax, unknown fields with a
    /// "did you mean", wrong types, validation), for inline underlines as the learner types.
    pub fn diagnose(text: &str) -> Vec<crate::yaml::diagnostic::Diagnostic> {
        crate::yaml::diagnostic::diagnose(text)
    }

    /// Advances the virtual clock by one tick (one second) and lets every controller settle.
    pub fn tick(&mut self) {
        self.journal.ticks += 1;
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
        self.record(Action::Node { name: node.to_string(), running });
        self.cluster.set_kubelet_running(node, running);
    }

    /// What Tab does to a terminal line (see `crate::completion`).
    pub fn complete(&self, line: &str) -> crate::completion::Completion {
        crate::completion::complete(&self.cluster, line)
    }

    /// The seed the cluster was made with.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// What was done to this playground, for a share link.
    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    /// The commands run so far, oldest first.
    pub fn transcript(&self) -> &[Ran] {
        &self.transcript
    }

    /// Gives `kubectl explain` its API documentation: the text of `static/explain/v1.32.json`,
    /// which the page fetches on the first `explain` instead of carrying it in the wasm.
    pub fn set_explain_docs(&mut self, json: &str) -> Result<(), String> {
        self.explain_docs = Some(crate::kubectl::explain::ExplainDocs::from_json(json)?);
        Ok(())
    }

    /// Whether `kubectl explain` has its documentation: set by `set_explain_docs`, or compiled
    /// into native builds. Until then the page's explain says it is still loading.
    pub fn explain_docs_loaded(&self) -> bool {
        self.explain_docs.is_some() || cfg!(not(target_arch = "wasm32"))
    }

    /// Gives kubectl its help texts: the text of `static/help/v1.32.json`, which the page fetches
    /// before the first line that prints one instead of carrying them in the wasm. The texts are
    /// kubectl 1.32's, the same for every playground, so this gives them to all (and, reading
    /// only, is not journaled). Native builds have them compiled in.
    pub fn install_help_texts(json: &str) -> Result<(), String> {
        crate::kubectl::help::install(json)
    }

    /// Whether kubectl has its help texts: compiled into native builds, in the page once
    /// installed. Until then a line that prints one says they are still loading.
    pub fn help_texts_loaded() -> bool {
        crate::kubectl::help::loaded()
    }

    /// Whether running `line` prints one of kubectl's help texts (`kubectl`, `kubectl help ...`,
    /// `... --help`, a group such as `kubectl rollout` run bare), decided without the texts.
    pub fn needs_help_texts(line: &str) -> bool {
        crate::kubectl::needs_help_texts(line)
    }

    /// The engine, for tests and lessons that need to look deeper.
    pub fn cluster(&self) -> &Cluster {
        &self.cluster
    }
}

#[cfg(test)]
mod tests {
    use super::CommandOutput;

    fn output(stdout: &str, stderr: &str, combined: &str) -> CommandOutput {
        CommandOutput { stdout: stdout.into(), stderr: stderr.into(), exit_code: 0, combined: combined.into() }
    }

    /// A drain's refusal comes between its evictions, as the terminal received it; a line that
    /// mixes both streams ends the interleaving (stdout, then stderr); blank lines are kept.
    #[test]
    fn lines_come_in_the_order_they_were_written() {
        let drain = output("evicting pod a\nevicting pod b\npod/a evicted\n", "error when evicting b\n", "evicting pod a\nevicting pod b\nerror when evicting b\npod/a evicted\n");
        assert_eq!(
            drain.lines_in_order(),
            vec![(false, "evicting pod a".into()), (false, "evicting pod b".into()), (true, "error when evicting b".into()), (false, "pod/a evicted".into())]
        );
        let mixed = output("abc", "x\n", "abcx\n");
        assert_eq!(mixed.lines_in_order(), vec![(false, "abc".into()), (true, "x".into())]);
        let blank = output("a\n\nb\n", "", "a\n\nb\n");
        assert_eq!(blank.lines_in_order(), vec![(false, "a".into()), (false, "".into()), (false, "b".into())]);
        assert_eq!(output("", "", "").lines_in_order(), vec![]);
    }
}
