//! The page's state and its reducer: the only place that calls into the `Playground`.

use std::cell::RefCell;
use std::rc::Rc;

use yew::Reducible;

use crate::playground::{CommandOutput, Playground};
use crate::view::ClusterView;

/// The name of the editor's file, as `kubectl apply -f` sees it.
pub const EDITOR_FILE: &str = "deployment.yaml";

/// The most terminal lines kept; older ones scroll away for good.
pub const MAX_TERMINAL_LINES: usize = 2000;

/// The most history entries kept.
pub const MAX_HISTORY: usize = 200;

/// The most ticks one `Action::Tick` runs (one sim-loop call at 20× is 2-20 ticks).
pub const MAX_TICKS_PER_ACTION: u32 = 60;

/// What kind of text a terminal line holds; the terminal colours each differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// The echoed command, after a `$` prompt.
    Command,
    Stdout,
    Stderr,
    /// A note from the page itself (welcome text, hints).
    Info,
}

/// One line of terminal output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermLine {
    pub kind: LineKind,
    /// One line, without its newline.
    pub text: String,
}

/// Everything the page shows. Cloning is cheap: the big parts are behind `Rc`.
#[derive(Clone)]
pub struct AppState {
    /// The engine. Only `reduce` borrows it, so it is never borrowed twice.
    playground: Rc<RefCell<Playground>>,
    /// The snapshot the components render, taken after every change.
    pub view: Rc<ClusterView>,
    pub terminal: Rc<Vec<TermLine>>,
    /// Commands run from the terminal, oldest first.
    pub history: Rc<Vec<String>>,
    pub playing: bool,
    /// The speed multiplier (see `sim_clock::SPEEDS`).
    pub speed: f64,
    /// The YAML editor's text.
    pub editor_text: Rc<str>,
}

/// Everything that can happen to the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The sim loop spent this many whole ticks (capped at `MAX_TICKS_PER_ACTION`).
    Tick(u32),
    /// The Step button: one tick, whether playing or not.
    Step,
    TogglePlaying,
    SetSpeed(f64),
    /// A line typed into the terminal.
    Exec(String),
    EditorChanged(String),
    /// The Apply button: `kubectl apply -f deployment.yaml` with the editor's text.
    Apply,
}

impl AppState {
    /// A page around `playground`, with `editor_text` in the editor.
    pub fn new(playground: Playground, editor_text: String) -> AppState {
        let view = Rc::new(playground.view());
        AppState {
            playground: Rc::new(RefCell::new(playground)),
            view,
            terminal: Rc::new(welcome_lines()),
            history: Rc::new(Vec::new()),
            playing: true,
            speed: crate::ui::sim_clock::DEFAULT_SPEED,
            editor_text: editor_text.into(),
        }
    }

    fn refresh_view(&mut self) {
        self.view = Rc::new(self.playground.borrow().view());
    }

    fn push_lines(&mut self, lines: impl IntoIterator<Item = TermLine>) {
        let terminal = Rc::make_mut(&mut self.terminal);
        terminal.extend(lines);
        if terminal.len() > MAX_TERMINAL_LINES {
            let excess = terminal.len() - MAX_TERMINAL_LINES;
            terminal.drain(..excess);
        }
    }

    fn push_output(&mut self, command: &str, output: CommandOutput) {
        let mut lines = vec![TermLine { kind: LineKind::Command, text: command.to_string() }];
        lines.extend(output_lines(&output.stdout, LineKind::Stdout));
        lines.extend(output_lines(&output.stderr, LineKind::Stderr));
        self.push_lines(lines);
    }

    fn remember(&mut self, line: &str) {
        let history = Rc::make_mut(&mut self.history);
        if history.last().map(String::as_str) != Some(line) {
            history.push(line.to_string());
        }
        if history.len() > MAX_HISTORY {
            history.remove(0);
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut state = (*self).clone();
        match action {
            Action::Tick(0) => return self,
            Action::Tick(n_ticks) => {
                {
                    let mut playground = state.playground.borrow_mut();
                    for _ in 0..n_ticks.min(MAX_TICKS_PER_ACTION) {
                        playground.tick();
                    }
                }
                state.refresh_view();
            }
            Action::Step => {
                state.playground.borrow_mut().tick();
                state.refresh_view();
            }
            Action::TogglePlaying => state.playing = !state.playing,
            Action::SetSpeed(speed) if speed.is_finite() && speed > 0.0 => state.speed = speed,
            Action::SetSpeed(_) => return self,
            Action::Exec(line) => {
                let line = line.trim();
                match line {
                    "" => state.push_lines([TermLine { kind: LineKind::Command, text: String::new() }]),
                    "clear" => {
                        state.remember(line);
                        state.terminal = Rc::new(Vec::new());
                    }
                    _ => {
                        state.remember(line);
                        let output = state.playground.borrow_mut().exec(line);
                        state.push_output(line, output);
                        state.refresh_view();
                    }
                }
            }
            Action::EditorChanged(text) => state.editor_text = text.into(),
            Action::Apply => {
                let output = state.playground.borrow_mut().apply_file(EDITOR_FILE, &state.editor_text);
                state.push_output(&format!("kubectl apply -f {EDITOR_FILE}"), output);
                state.refresh_view();
            }
        }
        Rc::new(state)
    }
}

/// Splits command output into lines, dropping the final newline (but keeping blank lines inside).
fn output_lines(text: &str, kind: LineKind) -> impl Iterator<Item = TermLine> + '_ {
    let text = text.strip_suffix('\n').unwrap_or(text);
    let lines = if text.is_empty() { None } else { Some(text.split('\n')) };
    lines.into_iter().flatten().map(move |line| TermLine { kind, text: line.to_string() })
}

fn welcome_lines() -> Vec<TermLine> {
    [
        "Welcome to kubeplay: a simulated cluster with two nodes and an nginx Deployment.",
        "Try: kubectl get pods   ·   kubectl set image deployment/nginx-deployment nginx=nginx:1.15",
    ]
    .into_iter()
    .map(|text| TermLine { kind: LineKind::Info, text: text.to_string() })
    .collect()
}
