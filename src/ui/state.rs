//! The page's state and its reducer: the only place that calls into the `Playground`.

use std::cell::RefCell;
use std::rc::Rc;

use yew::Reducible;

use crate::playground::{CommandOutput, Playground};
use crate::ui::i18n::Note;
use crate::ui::presets::{default_preset, preset, Preset, SETTLE_TICKS};
use crate::ui::timeline::Timeline;
use crate::view::ClusterView;

/// The name of the default scenario's Deployment file, as `kubectl apply -f` sees it.
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
    /// A note from the page, written in the page's language when drawn (`ui::i18n::Note`); the
    /// line's `text` is its argument (a node's name) or empty.
    Note(Note),
}

/// One line of terminal output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermLine {
    pub kind: LineKind,
    /// One line, without its newline.
    pub text: String,
}

/// One file of the editor: its name and the text being edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorFile {
    pub name: &'static str,
    pub text: Rc<str>,
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
    /// The scenario loaded last (its files and guide).
    pub preset: &'static Preset,
    /// The editor's files (at least one), and which one is shown.
    pub files: Rc<Vec<EditorFile>>,
    pub active_file: usize,
    /// A command to put into the terminal's prompt: a counter (new on every paste) and the text.
    pub paste: (u32, Rc<str>),
    /// Ready pods per image over the last two minutes.
    pub timeline: Rc<Timeline>,
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
    /// The shown file's new text.
    EditorChanged(String),
    /// The Apply button: `kubectl apply -f NAME` with the shown file's text.
    Apply,
    /// Shows the editor file with this index.
    SelectFile(usize),
    /// Shows the editor file with this name (a guide step).
    OpenFile(String),
    /// Puts the shown file's text back as the scenario had it.
    ResetFile,
    /// Resets the cluster and loads the preset with this id.
    LoadPreset(String),
    /// Puts a command into the terminal's prompt.
    Paste(String),
    /// Stops (`false`) or starts (`true`) a node's kubelet.
    SetNodeRunning(String, bool),
}

impl AppState {
    /// A page around `playground` with one file, `deployment.yaml`, holding `editor_text`, under
    /// the default preset's guide.
    pub fn new(playground: Playground, editor_text: String) -> AppState {
        let files = vec![EditorFile { name: EDITOR_FILE, text: editor_text.into() }];
        AppState::with_parts(playground, default_preset(), files, welcome_lines(), Timeline::default())
    }

    /// A fresh cluster (seed `seed`) with `preset`'s files applied and settled.
    pub fn load(preset: &'static Preset, seed: u64) -> AppState {
        let (playground, lines, timeline) = build_preset(preset, seed);
        let files = preset_files(preset);
        let mut terminal = welcome_lines();
        terminal.extend(lines);
        AppState::with_parts(playground, preset, files, terminal, timeline)
    }

    fn with_parts(
        playground: Playground,
        preset: &'static Preset,
        files: Vec<EditorFile>,
        terminal: Vec<TermLine>,
        mut timeline: Timeline,
    ) -> AppState {
        let view = Rc::new(playground.view());
        timeline.record(&view);
        AppState {
            playground: Rc::new(RefCell::new(playground)),
            view,
            terminal: Rc::new(terminal),
            history: Rc::new(Vec::new()),
            playing: true,
            speed: crate::ui::sim_clock::DEFAULT_SPEED,
            preset,
            files: Rc::new(files),
            active_file: 0,
            paste: (0, Rc::from("")),
            timeline: Rc::new(timeline),
        }
    }

    /// The file the editor shows.
    pub fn active(&self) -> &EditorFile {
        &self.files[self.active_file.min(self.files.len() - 1)]
    }

    fn refresh_view(&mut self) {
        self.view = Rc::new(self.playground.borrow().view());
        Rc::make_mut(&mut self.timeline).record(&self.view);
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
        self.push_lines(command_lines(command, &output));
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

    fn tick(&mut self, n_ticks: u32) {
        for _ in 0..n_ticks {
            self.playground.borrow_mut().tick();
            self.refresh_view();
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut state = (*self).clone();
        match action {
            Action::Tick(0) => return self,
            Action::Tick(n_ticks) => state.tick(n_ticks.min(MAX_TICKS_PER_ACTION)),
            Action::Step => state.tick(1),
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
            Action::EditorChanged(text) => {
                let index = state.active_file.min(state.files.len() - 1);
                Rc::make_mut(&mut state.files)[index].text = text.into();
            }
            Action::Apply => {
                let file = state.active().clone();
                let output = state.playground.borrow_mut().apply_file(file.name, &file.text);
                state.push_output(&format!("kubectl apply -f {}", file.name), output);
                state.refresh_view();
            }
            Action::SelectFile(index) if index < state.files.len() => state.active_file = index,
            Action::SelectFile(_) => return self,
            Action::OpenFile(name) => match state.files.iter().position(|file| file.name == name) {
                Some(index) => state.active_file = index,
                None => return self,
            },
            Action::ResetFile => {
                let index = state.active_file.min(state.files.len() - 1);
                let name = state.files[index].name;
                let original = state.preset.files.iter().find(|file| file.name == name).map(|file| file.text);
                let original = original.map(str::to_string).unwrap_or_else(default_editor_text);
                Rc::make_mut(&mut state.files)[index].text = original.into();
            }
            Action::LoadPreset(id) => {
                let Some(preset) = preset(&id) else { return self };
                let (playground, lines, timeline) = build_preset(preset, PAGE_SEED);
                state.playground = Rc::new(RefCell::new(playground));
                state.preset = preset;
                state.files = Rc::new(preset_files(preset));
                state.active_file = 0;
                state.timeline = Rc::new(timeline);
                state.push_lines(lines);
                state.refresh_view();
            }
            Action::Paste(command) => state.paste = (state.paste.0.wrapping_add(1), command.into()),
            Action::SetNodeRunning(node, running) => {
                state.playground.borrow_mut().set_node_running(&node, running);
                let note = if running { Note::NodeStarted } else { Note::NodeStopped };
                state.push_lines([TermLine { kind: LineKind::Note(note), text: node }]);
                state.refresh_view();
            }
        }
        Rc::new(state)
    }
}

/// The seed of the page's cluster: the same names on every load, like a recorded lesson.
pub const PAGE_SEED: u64 = 1;

/// The nginx Deployment the editor starts with (the same one the default scenario applies).
pub fn default_editor_text() -> String {
    crate::scenarios::NGINX_DEPLOYMENT.to_string()
}

/// A new cluster with `preset`'s files applied and `SETTLE_TICKS` run, the terminal lines
/// that tell what happened, and the timeline of those seconds (one sample per tick, so the
/// strip shows the pods coming up rather than one sliver at "now").
fn build_preset(preset: &'static Preset, seed: u64) -> (Playground, Vec<TermLine>, Timeline) {
    let mut playground = Playground::new(seed);
    let mut lines = vec![TermLine { kind: LineKind::Note(Note::Scenario(preset)), text: String::new() }];
    for file in preset.files.iter().filter(|file| file.apply_on_load) {
        let output = playground.apply_file(file.name, file.text);
        lines.extend(command_lines(&format!("kubectl apply -f {}", file.name), &output));
    }
    let mut timeline = Timeline::default();
    timeline.record(&playground.view());
    for _ in 0..SETTLE_TICKS {
        playground.tick();
        timeline.record(&playground.view());
    }
    (playground, lines, timeline)
}

fn preset_files(preset: &'static Preset) -> Vec<EditorFile> {
    let files: Vec<EditorFile> =
        preset.files.iter().map(|file| EditorFile { name: file.name, text: file.text.into() }).collect();
    if files.is_empty() {
        vec![EditorFile { name: EDITOR_FILE, text: Rc::from("") }]
    } else {
        files
    }
}

fn command_lines(command: &str, output: &CommandOutput) -> Vec<TermLine> {
    let mut lines = vec![TermLine { kind: LineKind::Command, text: command.to_string() }];
    lines.extend(output_lines(&output.stdout, LineKind::Stdout));
    lines.extend(output_lines(&output.stderr, LineKind::Stderr));
    lines
}

/// Splits command output into lines, dropping the final newline (but keeping blank lines inside).
fn output_lines(text: &str, kind: LineKind) -> impl Iterator<Item = TermLine> + '_ {
    let text = text.strip_suffix('\n').unwrap_or(text);
    let lines = if text.is_empty() { None } else { Some(text.split('\n')) };
    lines.into_iter().flatten().map(move |line| TermLine { kind, text: line.to_string() })
}

fn welcome_lines() -> Vec<TermLine> {
    vec![TermLine { kind: LineKind::Note(Note::Welcome), text: String::new() }]
}
