//! `kubeplay lessons check`: every lesson's reference solution, run through the engine.
//!
//! For each step in order: every check of the step must fail before its solution runs (a check
//! that already holds teaches nothing), every solution command must succeed, and every check
//! must have passed by the end of the solution (evaluated after each command and each tick, as
//! the page does). A lesson passes when no step has a problem.

use crate::lessons::format::Lesson;
use crate::lessons::run::{begin, run_script, Progress, ScriptLine};

/// What checking one lesson found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub id: String,
    /// Empty when the lesson passes.
    pub problems: Vec<String>,
    /// Virtual seconds the reference solution took.
    pub seconds: u64,
    pub checks: usize,
}

fn failures(what: &str, lines: Vec<ScriptLine>) -> Vec<String> {
    lines
        .into_iter()
        .filter_map(|line| {
            let output = line.output.filter(|o| o.exit_code != 0)?;
            Some(format!("{what}: `{}` failed: {}", line.display, output.combined.trim_end()))
        })
        .collect()
}

pub fn verify(lesson: &Lesson) -> Report {
    let (mut playground, setup) = begin(lesson);
    let start = playground.now_seconds();
    let mut problems = failures("setup", setup);
    let mut progress = Progress::start(lesson, &playground);
    for (s, step) in lesson.steps.iter().enumerate() {
        let scope = progress.scope(&playground);
        for (c, check) in step.checks.iter().enumerate() {
            if progress.passed[s][c] || check.expect.holds(&scope) {
                problems.push(format!("step {} check {} ({:?}) passes before the step's solution", s + 1, c + 1, check.title.en));
            }
        }
        let lines = run_script(&mut playground, &step.solution, |cluster, transcript| {
            progress.observe_parts(lesson, cluster, transcript);
        });
        problems.extend(failures(&format!("step {} solution", s + 1), lines));
        progress.observe(lesson, &playground);
        for (c, check) in step.checks.iter().enumerate() {
            if !progress.passed[s][c] {
                problems.push(format!("step {} check {} ({:?}) does not pass after the step's solution", s + 1, c + 1, check.title.en));
            }
        }
    }
    Report {
        id: lesson.id.clone(),
        problems,
        seconds: playground.now_seconds() - start,
        checks: lesson.steps.iter().map(|s| s.checks.len()).sum(),
    }
}
