//! The lesson file: YAML that a teacher writes without Rust (see static/lessons/README.md).
//!
//! ```yaml
//! id: rolling-update
//! title: { en: Rolling update, ko: 롤링 업데이트 }
//! minutes: 8
//! start: empty            # or `default`: the page's nginx Deployment running
//! files:                  # editor tabs, also what `kubectl apply -f NAME` finds
//!   - name: web.yaml
//!     text: |
//!       apiVersion: apps/v1 ...
//! setup: |                # run before the first step, as a script (kubectl, sleep N, heredocs)
//!   kubectl apply -f web.yaml
//!   sleep 20
//! steps:
//!   - title: { en: ..., ko: ... }
//!     text: { en: ..., ko: ... }      # prose: paragraphs, `code`, **bold**, - lists, ``` blocks
//!     try: [kubectl get pods]         # commands the learner can paste with one click
//!     checks:
//!       - title: { en: 3 pods of revision 2 ready, ko: ... }
//!         hint: { en: ..., ko: ... }
//!         expect: { pods: { deployment: web, revision: 2, ready: true, count: 3 } }
//!     solution: |                     # the reference solution `kubeplay lessons check` runs
//!       kubectl set image deployment/web nginx=nginx:1.16
//!       sleep 30
//! ```

use serde::Deserialize;

use crate::lessons::expect::Expect;
use crate::lessons::text::Text;

/// How the cluster looks when the lesson starts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Start {
    /// Two ready nodes, the system namespaces and nothing of the learner's.
    #[default]
    Empty,
    /// The page's default scenario: the seeds' nginx Deployment (3 replicas) running.
    Default,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonFile {
    pub name: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    pub title: Text,
    #[serde(default)]
    pub hint: Text,
    pub expect: Expect,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub title: Text,
    #[serde(default)]
    pub text: Text,
    /// Commands to paste into the terminal with a click.
    #[serde(default, rename = "try")]
    pub try_commands: Vec<String>,
    pub checks: Vec<Check>,
    /// The reference solution: a script (see `crate::script`).
    pub solution: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// Lower-case letters, digits and dashes; names the lesson in URLs (`?lesson=ID`).
    pub id: String,
    pub title: Text,
    #[serde(default)]
    pub summary: Text,
    /// How long it takes, at most 10.
    #[serde(default = "default_minutes")]
    pub minutes: u32,
    /// The cluster's random seed (pod names, IPs).
    #[serde(default = "default_seed")]
    pub seed: u64,
    #[serde(default)]
    pub start: Start,
    #[serde(default)]
    pub files: Vec<LessonFile>,
    #[serde(default)]
    pub setup: String,
    pub steps: Vec<Step>,
}

fn default_minutes() -> u32 {
    10
}

fn default_seed() -> u64 {
    1
}

/// Lesson files bigger than this are refused (a lesson is prose and a few manifests).
pub const MAX_LESSON_BYTES: usize = 256 * 1024;

/// Reads a lesson file. An error names the line and column, and the field, in one sentence.
pub fn parse(text: &str) -> Result<Lesson, String> {
    if text.len() > MAX_LESSON_BYTES {
        return Err(format!("the lesson file is too big ({} bytes; at most {MAX_LESSON_BYTES})", text.len()));
    }
    // The page decodes lessons as it decodes manifests (no typed serde_yaml code in its wasm:
    // about 80 KB); natively, `lessons check` keeps the line and column of every error.
    #[cfg(target_arch = "wasm32")]
    let lesson: Lesson = crate::yaml::decode_document(text)?;
    #[cfg(not(target_arch = "wasm32"))]
    let lesson: Lesson = serde_path_to_error::deserialize(serde_yaml::Deserializer::from_str(text)).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        let location = inner.location().map(|l| format!("line {}, column {}: ", l.line(), l.column())).unwrap_or_default();
        let message = inner.to_string();
        // serde_yaml appends " at line L column C"; the location leads instead.
        let message = message.split(" at line ").next().unwrap_or(&message).to_string();
        if path.is_empty() || path == "." || message.starts_with(&path) {
            format!("{location}{message}")
        } else {
            format!("{location}{path}: {message}")
        }
    })?;
    let problems = problems(&lesson);
    if let Some(first) = problems.first() {
        return Err(if problems.len() == 1 { first.clone() } else { format!("{first} (and {} more problems)", problems.len() - 1) });
    }
    Ok(lesson)
}

/// What is wrong with a lesson that parsed: ids, empty steps, scripts kubeplay cannot run.
pub fn problems(lesson: &Lesson) -> Vec<String> {
    let mut problems = Vec::new();
    if lesson.id.is_empty() || !lesson.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        problems.push(format!("id: {:?} must be lower-case letters, digits and dashes", lesson.id));
    }
    if lesson.title.is_empty() {
        problems.push("title: empty".into());
    }
    if lesson.minutes == 0 || lesson.minutes > 10 {
        problems.push(format!("minutes: {} (a lesson takes 1 to 10 minutes)", lesson.minutes));
    }
    if lesson.steps.is_empty() {
        problems.push("steps: a lesson needs at least one step".into());
    }
    let mut names = std::collections::BTreeSet::new();
    for (i, file) in lesson.files.iter().enumerate() {
        if file.name.trim().is_empty() || !names.insert(file.name.as_str()) {
            problems.push(format!("files[{i}].name: {:?} is empty or used twice", file.name));
        }
    }
    problems.extend(script_problems("setup", &lesson.setup));
    for (s, step) in lesson.steps.iter().enumerate() {
        if step.title.is_empty() {
            problems.push(format!("steps[{s}].title: empty"));
        }
        if step.checks.is_empty() {
            problems.push(format!("steps[{s}].checks: a step needs at least one check"));
        }
        for (c, check) in step.checks.iter().enumerate() {
            problems.extend(check.expect.problems(&format!("steps[{s}].checks[{c}].expect")));
        }
        problems.extend(script_problems(&format!("steps[{s}].solution"), &step.solution));
    }
    problems
}

/// The lines of a script kubeplay cannot run. After a kubectl line that opens a container's
/// shell (`-it` on exec, debug, run or attach) the lines up to `exit` are that shell's.
fn script_problems(field: &str, script: &str) -> Vec<String> {
    let mut in_shell = false;
    let mut problems = Vec::new();
    for step in crate::script::parse(script) {
        match step {
            crate::script::Step::Kubectl { line, .. } if !in_shell => {
                let words = crate::kubectl::args::shell_words(&line).unwrap_or_default();
                let interactive = words.iter().any(|w| w == "-it" || w == "-ti") || (words.iter().any(|w| w == "-i" || w == "--stdin") && words.iter().any(|w| w == "-t" || w == "--tty"));
                // A command after `--` is run once, unless it is a shell.
                let after = words.iter().skip_while(|w| *w != "--").nth(1).map(|w| w.rsplit('/').next().unwrap_or(w).to_string());
                let shell = after.as_deref().is_none_or(|program| matches!(program, "sh" | "bash" | "ash"));
                in_shell = interactive && shell && words.iter().any(|w| matches!(w.as_str(), "exec" | "debug" | "run" | "attach"));
            }
            crate::script::Step::Kubectl { line, .. } if line.trim() == "exit" || line.trim().starts_with("exit ") => in_shell = false,
            crate::script::Step::Unsupported { display, .. } if in_shell && (display.trim() == "exit" || display.trim().starts_with("exit ")) => in_shell = false,
            crate::script::Step::Unsupported { .. } if in_shell => {}
            crate::script::Step::Unsupported { display, message } => problems.push(format!("{field}: `{display}`: {message}")),
            _ => {}
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::{parse, Lesson};

    /// The page decodes lessons through `yaml::decode_document`: every built-in lesson must come
    /// out exactly as the native, typed serde_yaml path reads it.
    #[test]
    fn the_pages_decoding_reads_every_built_in_lesson_as_the_native_one() {
        let built_in = crate::lessons::catalog::BUILT_IN;
        assert!(built_in.len() >= 10);
        for (name, text) in built_in {
            let native = parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            let page: Lesson = crate::yaml::decode_document(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(format!("{page:?}"), format!("{native:?}"), "{name}");
        }
    }

    #[test]
    fn the_pages_decoding_names_the_field_or_the_line_of_an_error() {
        let wrong_type = "id: x\ntitle: X\nminutes: many\nsteps: []\n";
        let error = crate::yaml::decode_document::<Lesson>(wrong_type).unwrap_err();
        assert!(error.starts_with("line 3, column 10: minutes: invalid type: string \"many\""), "{error}");
        // The same error, line and column as the native path gives.
        let native = parse(wrong_type).unwrap_err();
        assert_eq!(error, native);
        let nested = "id: x\ntitle: X\nsteps:\n  - title: one\n    checks:\n      - title: c\n        expect: 3\n";
        assert_eq!(crate::yaml::decode_document::<Lesson>(nested).unwrap_err(), parse(nested).unwrap_err());
        let bad_yaml = "id: x\ntitle: [\n";
        let error = crate::yaml::decode_document::<Lesson>(bad_yaml).unwrap_err();
        assert!(error.starts_with("line "), "{error}");
    }
}
