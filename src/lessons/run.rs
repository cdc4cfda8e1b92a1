//! A lesson being followed: its cluster, and which checks have passed.
//!
//! Checks latch: once a check has held, it stays passed (a learner who saw old and new pods
//! side by side has seen it, even after the rollout ends). The current step is the first with a
//! check not yet passed; only checks up to it are evaluated, so a later step's check cannot pass
//! by accident before its step.

use crate::lessons::expect::Scope;
use crate::lessons::format::{Lesson, Start};
use crate::engine::Cluster;
use crate::playground::{CommandOutput, Playground, Ran};
use crate::script;

/// Where a lesson run stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// Per step, per check: passed.
    pub passed: Vec<Vec<bool>>,
    /// The transcript index of the learner's first command.
    pub first_command: usize,
    /// The virtual second the lesson started at (a rewind goes back at most to here).
    pub start_seconds: u64,
    /// When the lesson started (events from here on count).
    pub since: crate::engine::clock::Time,
}

/// A check that just passed: (step, check).
pub type Passed = (usize, usize);

impl Progress {
    /// A lesson starting on `playground` now (after its setup).
    pub fn start(lesson: &Lesson, playground: &Playground) -> Progress {
        Progress {
            passed: lesson.steps.iter().map(|step| vec![false; step.checks.len()]).collect(),
            first_command: playground.transcript().len(),
            start_seconds: playground.now_seconds(),
            since: playground.cluster().time(),
        }
    }

    pub fn scope<'a>(&self, playground: &'a Playground) -> Scope<'a> {
        self.scope_of(playground.cluster(), playground.transcript())
    }

    fn scope_of<'a>(&self, cluster: &'a Cluster, transcript: &'a [Ran]) -> Scope<'a> {
        Scope { cluster, transcript, first_command: self.first_command, since: self.since }
    }

    /// The first step with a check not passed; `None` when the lesson is complete.
    pub fn current_step(&self) -> Option<usize> {
        self.passed.iter().position(|checks| checks.iter().any(|passed| !passed))
    }

    pub fn is_complete(&self) -> bool {
        self.current_step().is_none()
    }

    pub fn step_done(&self, step: usize) -> bool {
        self.passed.get(step).is_some_and(|checks| checks.iter().all(|p| *p))
    }

    /// How many checks passed, of how many.
    pub fn counts(&self) -> (usize, usize) {
        let all = self.passed.iter().flatten();
        (all.clone().filter(|p| **p).count(), all.count())
    }

    /// Evaluates the open checks of the steps up to the current one; returns those that passed now.
    pub fn observe(&mut self, lesson: &Lesson, playground: &Playground) -> Vec<Passed> {
        self.observe_parts(lesson, playground.cluster(), playground.transcript())
    }

    /// `observe` on a cluster in the middle of a command (see `Playground::exec_observed`).
    pub fn observe_parts(&mut self, lesson: &Lesson, cluster: &Cluster, transcript: &[Ran]) -> Vec<Passed> {
        let scope = self.scope_of(cluster, transcript);
        let mut newly = Vec::new();
        loop {
            let Some(current) = self.current_step() else { break };
            let mut advanced = false;
            for s in 0..=current {
                for (c, check) in lesson.steps[s].checks.iter().enumerate() {
                    if !self.passed[s][c] && check.expect.holds(&scope) {
                        self.passed[s][c] = true;
                        newly.push((s, c));
                        advanced |= s == current;
                    }
                }
            }
            if !(advanced && self.step_done(current)) {
                break;
            }
        }
        newly
    }
}

/// The cluster a lesson starts on: its start state, its files, its setup script run (with what
/// each setup line printed).
pub fn begin(lesson: &Lesson) -> (Playground, Vec<ScriptLine>) {
    let mut playground = match lesson.start {
        Start::Empty => Playground::new(lesson.seed),
        Start::Default => Playground::with_default_scenario(lesson.seed),
    };
    for file in &lesson.files {
        playground.add_file(&file.name, &file.text);
    }
    let setup = run_script(&mut playground, &lesson.setup, |_, _| {});
    (playground, setup)
}

/// One line of a script as it ran.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptLine {
    pub display: String,
    pub output: Option<CommandOutput>,
}

/// Runs a script (kubectl lines, `sleep N`, `cat > FILE` heredocs) on the playground, calling
/// `observe` after every command, every tick a blocking command waits, and every tick of a sleep.
pub fn run_script(playground: &mut Playground, text: &str, mut observe: impl FnMut(&Cluster, &[Ran])) -> Vec<ScriptLine> {
    let mut lines = Vec::new();
    for step in script::parse(text) {
        // In a container's shell (`kubectl exec -it`, `kubectl debug -it`) every line is the
        // shell's, as typed, heredocs included.
        let step = match step {
            script::Step::Unsupported { display, .. } | script::Step::WriteFile { display, .. } | script::Step::Kubectl { stdin: Some(_), display, .. }
                if playground.cluster().exec_session().is_some() =>
            {
                script::Step::Kubectl { line: display.clone(), stdin: None, display, expand: false }
            }
            other => other,
        };
        match step {
            script::Step::Kubectl { line, stdin, display, expand } => {
                let stdin = if expand { stdin.map(|body| playground.expand_heredoc(&body)) } else { stdin };
                let output = playground.exec_observed(&line, stdin.as_deref(), &mut observe);
                observe(playground.cluster(), playground.transcript());
                lines.push(ScriptLine { display, output: Some(output) });
            }
            script::Step::Sleep { seconds, display } => {
                for _ in 0..seconds {
                    playground.tick();
                    observe(playground.cluster(), playground.transcript());
                }
                lines.push(ScriptLine { display, output: None });
            }
            script::Step::WriteFile { name, text, display } => {
                playground.add_file(&name, &text);
                lines.push(ScriptLine { display, output: None });
            }
            script::Step::Unsupported { display, message } => {
                let output = CommandOutput { stderr: message.clone(), exit_code: 1, combined: message, ..CommandOutput::default() };
                lines.push(ScriptLine { display, output: Some(output) });
            }
        }
    }
    lines
}
