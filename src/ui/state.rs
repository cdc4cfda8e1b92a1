//! The page's state and its reducer: the only place that calls into the `Playground`.

use std::cell::RefCell;
use std::rc::Rc;

use yew::Reducible;

use crate::embed::LessonMessage;
use crate::lessons::{Lesson, Progress};
use crate::playground::{CommandOutput, Mark, Playground};
use crate::share::{Session, SharedFile};
use crate::ui::i18n::{Lang, Note};
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

/// The longest `sleep N` the terminal runs at once (virtual seconds).
pub const MAX_SLEEP_SECONDS: u64 = crate::kubectl::MAX_SLEEP_SECONDS;

/// How many of the newest events the page's snapshot explains: every one the events feed lists.
pub const N_EVENTS_EXPLAINED: usize = 20;

/// The snapshot the page renders: the cluster's view with its newest `N_EVENTS_EXPLAINED`
/// events explained.
pub fn page_view(playground: &Playground) -> ClusterView {
    let mut view = playground.cluster().view();
    view.events.explain_newest(playground.cluster(), N_EVENTS_EXPLAINED);
    view
}

/// What kind of text a terminal line holds; the terminal colours each differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// The echoed command, after a `$` prompt.
    Command,
    /// A line typed into a container's shell (`kubectl exec -it POD -- sh`), its prompt included.
    InPod,
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
    pub name: Rc<str>,
    pub text: Rc<str>,
    /// The text the file started with (Reset puts it back).
    pub original: Rc<str>,
}

impl EditorFile {
    pub fn new(name: &str, text: &str) -> EditorFile {
        let text: Rc<str> = Rc::from(text);
        EditorFile { name: Rc::from(name), text: text.clone(), original: text }
    }
}

/// What the left panel shows: a scenario's guide or the lessons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    Scenarios,
    Lessons,
}

/// A lesson being followed: the lesson, its latched checks, and where in the playground's
/// journal it started (a share link replays to there, then lets the checks watch the rest).
#[derive(Debug, Clone, PartialEq)]
pub struct LessonRun {
    pub lesson: Rc<Lesson>,
    pub progress: Progress,
    pub mark: Mark,
    /// The lesson file's text when it is not built in (pasted or fetched by a teacher).
    pub text: Option<Rc<str>>,
}

/// Tab completion against the cluster of the moment, for the terminal (compared by pointer:
/// a new cluster is a new completer).
#[derive(Clone)]
pub struct Completer(Rc<RefCell<Playground>>);

impl Completer {
    pub fn complete(&self, line: &str) -> crate::completion::Completion {
        self.0.borrow().complete(line)
    }
}

impl PartialEq for Completer {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
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
    pub panel: Panel,
    /// The lesson being followed, if any.
    pub lesson: Option<Rc<LessonRun>>,
    /// Why the last lesson file could not be loaded (shown under the paste box).
    pub lesson_error: Option<Rc<str>>,
    /// Messages for the host page from the last change, with a counter that changes with them.
    pub outbox: (u32, Rc<Vec<LessonMessage>>),
    /// The share link's fragment made by the last Share, if any.
    pub share: Option<Rc<str>>,
    /// The text of `explain/v1.32.json` once fetched (`Action::ExplainDocs`): kept here, not
    /// only in the playground, so that a new cluster (a scenario, a lesson, a rewind) has it too.
    explain_docs: Option<Rc<str>>,
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
    /// The edit tab's Save: `kubectl edit` goes on with its file's text.
    SaveEdit,
    /// The edit tab's Cancel: the editor closed with the file as it was opened.
    CancelEdit,
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
    /// Shows the scenario guide or the lessons.
    ShowPanel(Panel),
    /// Starts the built-in lesson with this id on a fresh cluster.
    StartLesson(String),
    /// Starts a lesson from a file's text (pasted, or fetched from `?lesson-url=`).
    LoadLessonText(String),
    /// Leaves the lesson (the cluster stays as it is).
    LeaveLesson,
    /// Makes a share link of everything, in this language.
    Share(Lang),
    /// Replaces everything by what a share link holds.
    Restore(Rc<Session>),
    /// Replaces everything by the lesson session saved in this browser (a reload, a return).
    Resume(Rc<Session>),
    /// A lesson file could not be had (a fetch failed): the sentence, under the lesson list.
    LessonError(String),
    /// A problem of the page's own (a damaged share link), as a line in the terminal.
    Report(String),
    /// Tab found several candidates for the typed line: show them, as a shell does.
    ShowCandidates(String, Vec<String>),
    /// Goes back to this virtual second: the journal replayed up to it (the editor keeps its
    /// text; what is done next is a new branch of history).
    Rewind(u64),
    /// Replaces an editor file's text (adding the file if new) and shows it.
    WriteFile(String, String),
    /// A kubectl line with a heredoc for its standard input, expanded first when its marker
    /// was unquoted (`<<EOF`).
    ExecWithStdin(String, String, bool),
    /// One step of a pasted block: in a container's shell (`kubectl exec -it`) its text as
    /// typed, heredoc lines included, goes to that shell; otherwise it runs as `Exec`,
    /// `ExecWithStdin` or `WriteFile` would.
    Pasted(crate::script::Step),
    /// The API documentation `kubectl explain` reads (the text of `explain/v1.32.json`),
    /// fetched by the page on the first `explain`.
    ExplainDocs(Rc<str>),
    /// kubectl's help texts (the text of `help/v1.32.json`), fetched by the page before the
    /// first line that prints one.
    HelpTexts(Rc<str>),
}

/// Whether a terminal line prints one of kubectl's help texts (`kubectl`, `kubectl help ...`,
/// `... -h|--help`, `kubectl rollout` without its subcommand): the lines the page fetches the
/// texts for first. The terminal's own lines (empty, `clear`, `sleep N`) are not.
pub fn needs_help_texts(line: &str) -> bool {
    let line = line.trim();
    !matches!(line, "" | "clear") && crate::script::sleep_of(line).is_none() && Playground::needs_help_texts(line)
}

/// Whether a terminal line runs `kubectl explain` (also `explain ...`, `k explain ...`, after
/// global flags such as `-n NS`, and before a pipe): the command that needs the API
/// documentation the page fetches on first use. A line that does not parse is not one.
pub fn is_explain(line: &str) -> bool {
    let Ok(words) = crate::kubectl::args::shell_words(line) else { return false };
    let mut words = words.iter().map(String::as_str).take_while(|word| *word != "|").peekable();
    if matches!(words.peek(), Some(&("kubectl" | "k"))) {
        words.next();
    }
    while let Some(word) = words.next() {
        if !word.starts_with('-') {
            return word == "explain";
        }
        // The global flags kubectl's dispatcher lets a value follow as the next word.
        if matches!(word, "-n" | "--namespace" | "--context" | "--kubeconfig" | "-s" | "--server" | "--cluster" | "--user") {
            words.next();
        }
    }
    false
}

impl AppState {
    /// A page around `playground` with one file, `deployment.yaml`, holding `editor_text`, under
    /// the default preset's guide.
    pub fn new(playground: Playground, editor_text: String) -> AppState {
        let mut files = vec![EditorFile::new(EDITOR_FILE, &default_editor_text())];
        files[0].text = editor_text.into();
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
        let view = Rc::new(page_view(&playground));
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
            panel: Panel::Scenarios,
            lesson: None,
            lesson_error: None,
            outbox: (0, Rc::new(Vec::new())),
            share: None,
            explain_docs: None,
        }
    }

    /// The page after `StartLesson`: a fresh cluster with the lesson's files and setup.
    pub fn with_lesson(mut self, lesson: Lesson, text: Option<Rc<str>>) -> AppState {
        let (playground, setup) = crate::lessons::run::begin(&lesson);
        let mut lines = vec![TermLine { kind: LineKind::Note(Note::Lesson), text: format!("{}\u{0}{}", lesson.title.en, lesson.title.ko) }];
        for line in setup {
            match line.output {
                Some(output) => lines.extend(command_lines("$ ", &line.display, &output)),
                None => lines.push(TermLine { kind: LineKind::Command, text: line.display }),
            }
        }
        let progress = Progress::start(&lesson, &playground);
        let mark = playground.mark();
        self.playground = Rc::new(RefCell::new(playground));
        self.files = Rc::new(if lesson.files.is_empty() {
            vec![EditorFile::new(EDITOR_FILE, "")]
        } else {
            lesson.files.iter().map(|file| EditorFile::new(&file.name, &file.text)).collect()
        });
        self.active_file = 0;
        self.timeline = Rc::new(Timeline::default());
        self.panel = Panel::Lessons;
        self.lesson_error = None;
        // A lesson starts on a clean terminal: earlier output was about another cluster.
        self.terminal = Rc::new(Vec::new());
        self.push_lines(lines);
        let started = crate::embed::started(&lesson.id, &progress);
        self.lesson = Some(Rc::new(LessonRun { lesson: Rc::new(lesson), progress, mark, text }));
        self.outbox = (self.outbox.0.wrapping_add(1), Rc::new(vec![started]));
        self.refresh_view();
        self
    }

    /// The share link's session: the journal and the page around it.
    pub fn session(&self, lang: Lang) -> Session {
        let mut session = Session::of(&self.playground.borrow());
        session.lang = lang.code().to_string();
        session.preset = (self.lesson.is_none()).then(|| self.preset.id.to_string());
        if let Some(run) = &self.lesson {
            session.lesson = Some(run.lesson.id.clone());
            session.lesson_text = run.text.as_ref().map(|t| t.to_string());
            session.lesson_mark = Some(run.mark);
        }
        session.files = self.files.iter().map(|f| SharedFile { name: f.name.to_string(), text: f.text.to_string() }).collect();
        session.active = self.active_file;
        session
    }

    /// The page a share link describes. `None` (with the reason) when its lesson is unknown.
    pub fn restored(mut self, session: &Session) -> Result<AppState, String> {
        let lesson = match (&session.lesson_text, &session.lesson) {
            (Some(text), _) => Some(crate::lessons::parse(text).map_err(|e| format!("the shared lesson: {e}"))?),
            (None, Some(id)) => Some(crate::lessons::catalog::find(id).ok_or_else(|| format!("no lesson {id:?} here"))?),
            (None, None) => None,
        };
        let (playground, progress) = session.restore(lesson.as_ref());
        if let Some(preset) = session.preset.as_deref().and_then(preset) {
            self.preset = preset;
        }
        self.playground = Rc::new(RefCell::new(playground));
        self.files = Rc::new(if session.files.is_empty() {
            vec![EditorFile::new(EDITOR_FILE, "")]
        } else {
            session.files.iter().map(|f| EditorFile::new(&f.name, &f.text)).collect()
        });
        self.active_file = session.active.min(self.files.len() - 1);
        self.show_edit_file();
        self.timeline = Rc::new(Timeline::default());
        self.lesson = match (lesson, progress, session.lesson_mark) {
            (Some(lesson), Some(progress), Some(mark)) => {
                self.panel = Panel::Lessons;
                let text = session.lesson_text.as_deref().map(Rc::from);
                Some(Rc::new(LessonRun { lesson: Rc::new(lesson), progress, mark, text }))
            }
            _ => None,
        };
        self.playing = false;
        let seconds = self.playground.borrow().now_seconds().to_string();
        self.push_lines([TermLine { kind: LineKind::Note(Note::Restored), text: seconds }]);
        self.refresh_view();
        Ok(self)
    }

    /// Runs a terminal line; while it waits (`rollout status`, `wait`, `get -w`) the lesson's
    /// checks and the timeline see every second of it, as they would watching a real cluster.
    fn exec_watched(&mut self, line: &str, stdin: Option<&str>) -> CommandOutput {
        self.save_files();
        self.give_explain_docs(line);
        let files_before = self.playground.borrow().cluster().files().clone();
        let mut run = self.lesson.as_deref().cloned();
        let mut newly = Vec::new();
        let timeline = Rc::make_mut(&mut self.timeline);
        let output = self.playground.borrow_mut().exec_observed(line, stdin, &mut |cluster, transcript| {
            if let Some(run) = run.as_mut().filter(|run| !run.progress.is_complete()) {
                newly.extend(run.progress.observe_parts(&run.lesson, cluster, transcript));
            }
            timeline.record(&cluster.view());
        });
        if let Some(run) = run.filter(|_| !newly.is_empty()) {
            let messages = crate::embed::messages(&run.lesson.id, &run.progress, &newly);
            Rc::make_mut(&mut self.outbox.1).extend(messages);
            self.lesson = Some(Rc::new(run));
        }
        self.observe_lesson();
        self.refresh_view();
        // What the line wrote (`kubectl ... -o yaml > web.yaml`) opens in the editor.
        let written: Vec<(String, String)> =
            self.playground.borrow().cluster().files().iter().filter(|(name, text)| files_before.get(*name) != Some(*text)).map(|(n, t)| (n.clone(), t.clone())).collect();
        for (name, text) in written {
            self.write_editor_file(&name, &text);
        }
        output
    }

    /// Shows `text` as the editor file `name`, opening a tab for a new one.
    fn write_editor_file(&mut self, name: &str, text: &str) {
        let files = Rc::make_mut(&mut self.files);
        match files.iter().position(|file| *file.name == *name) {
            Some(index) => {
                files[index].text = text.into();
                self.active_file = index;
            }
            None => {
                files.push(EditorFile::new(name, text));
                self.active_file = files.len() - 1;
            }
        }
    }

    /// Lets the lesson's checks look at the cluster; what passed goes to the outbox.
    fn observe_lesson(&mut self) {
        let Some(run) = &self.lesson else { return };
        if run.progress.is_complete() {
            return;
        }
        let mut updated = (**run).clone();
        let newly = updated.progress.observe(&updated.lesson, &self.playground.borrow());
        if newly.is_empty() {
            return;
        }
        let messages = crate::embed::messages(&updated.lesson.id, &updated.progress, &newly);
        let outbox = Rc::make_mut(&mut self.outbox.1);
        outbox.extend(messages);
        self.lesson = Some(Rc::new(updated));
    }

    /// Whether the page has the API documentation `kubectl explain` reads.
    pub fn has_explain_docs(&self) -> bool {
        self.explain_docs.is_some()
    }

    /// Whether kubectl has its help texts (fetched once for every cluster of the page).
    pub fn has_help_texts(&self) -> bool {
        Playground::help_texts_loaded()
    }

    /// Before an `explain` line: gives the playground the documentation the page holds, if it
    /// does not have it yet (a new cluster since the fetch). Read-only, so not journaled.
    fn give_explain_docs(&mut self, line: &str) {
        let Some(text) = &self.explain_docs else { return };
        let mut playground = self.playground.borrow_mut();
        if !playground.explain_docs_loaded() && is_explain(line) {
            // The text parsed once already (`Action::ExplainDocs`), so this cannot fail.
            let _ = playground.set_explain_docs(text);
        }
    }

    /// Tab completion for the terminal.
    pub fn completer(&self) -> Completer {
        Completer(self.playground.clone())
    }

    /// The file the editor shows.
    pub fn active(&self) -> &EditorFile {
        &self.files[self.active_file.min(self.files.len() - 1)]
    }

    fn refresh_view(&mut self) {
        self.view = Rc::new(page_view(&self.playground.borrow()));
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
        self.push_lines(command_lines("$ ", command, &output));
    }

    /// The prompt the terminal shows now: `$ `, or a container shell's inside `kubectl exec -it`.
    pub fn prompt(&self) -> String {
        crate::kubectl::exec::prompt(self.playground.borrow().cluster())
    }

    /// The file of the `kubectl edit` waiting for the YAML panel, if one is.
    pub fn editing(&self) -> Option<Rc<str>> {
        self.playground.borrow().edit_session().map(|session| Rc::from(session.file.as_str()))
    }

    /// Shows the waiting `kubectl edit`'s file in its own tab (opened, or reopened with errors).
    fn show_edit_file(&mut self) {
        let session = self.playground.borrow().edit_session().map(|session| (session.file.clone(), session.buffer.clone()));
        if let Some((file, buffer)) = session {
            self.write_editor_file(&file, &buffer);
            if let Some(index) = self.files.iter().position(|f| *f.name == *file) {
                Rc::make_mut(&mut self.files)[index].original = buffer.into();
            }
        }
    }

    /// The editor of a `kubectl edit` closed with `text` saved: kubectl's output, then the file
    /// reopened (errors) or its tab closed.
    fn close_editor(&mut self, text: Option<String>) {
        let Some((file, buffer)) = self.playground.borrow().edit_session().map(|session| (session.file.clone(), session.buffer.clone())) else { return };
        let text = text.or_else(|| self.files.iter().find(|f| *f.name == *file).map(|f| f.text.to_string())).unwrap_or(buffer);
        let output = self.playground.borrow_mut().save_edit(&text);
        self.push_lines(output_lines(&output));
        if self.playground.borrow().edit_session().is_some() {
            self.show_edit_file();
        } else if let Some(index) = self.files.iter().position(|f| *f.name == *file).filter(|_| self.files.len() > 1) {
            // The temporary file is removed once kubectl is done with it.
            Rc::make_mut(&mut self.files).remove(index);
            if self.active_file >= index {
                self.active_file = self.active_file.saturating_sub(1);
            }
            self.active_file = self.active_file.min(self.files.len() - 1);
        }
        self.observe_lesson();
        self.refresh_view();
    }

    /// Runs a typed line and echoes it after the prompt it was typed at.
    fn exec_and_echo(&mut self, line: &str, stdin: Option<&str>) {
        let prompt = self.prompt();
        let editing = self.editing().is_some();
        let output = self.exec_watched(line, stdin);
        // A line that goes on over several (a heredoc typed into a container's shell): its
        // first after the prompt, the others after `> `, as the shell echoes them.
        let (first, more) = line.split_once('\n').unwrap_or((line, ""));
        let mut lines = command_lines(&prompt, first, &output);
        if !more.is_empty() {
            let continued = more.split('\n').map(|text| TermLine { kind: LineKind::InPod, text: format!("> {text}") });
            lines.splice(1..1, continued);
        }
        // A heredoc's text, as bash echoes it after its `> ` prompts.
        if let Some(body) = stdin {
            let echoed = body.strip_suffix('\n').unwrap_or(body).split('\n').map(|text| TermLine { kind: LineKind::InPod, text: format!("> {text}") });
            lines.splice(1..1, echoed);
        }
        self.push_lines(lines);
        if let Some(file) = self.editing().filter(|_| !editing) {
            self.push_lines([TermLine { kind: LineKind::Note(Note::Editing), text: file.to_string() }]);
            self.show_edit_file();
        }
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

    /// The editor's files as the terminal's `-f FILE` reads them: what the learner sees is what
    /// kubectl reads (journaled only when a text changed).
    fn save_files(&mut self) {
        let mut playground = self.playground.borrow_mut();
        for file in self.files.iter() {
            playground.add_file(&file.name, &file.text);
        }
    }

    /// Ticks the clock `n` times. The lesson's checks and the timeline see every second (the
    /// timeline from the engine's plain view); the rendered view, with its event explanations,
    /// is taken once at the end.
    fn tick(&mut self, n_ticks: u64) {
        for _ in 0..n_ticks {
            self.playground.borrow_mut().tick();
            self.observe_lesson();
            let sample = self.playground.borrow().cluster().view();
            Rc::make_mut(&mut self.timeline).record(&sample);
        }
        self.refresh_view();
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let action = match action {
            Action::Pasted(step) => {
                use crate::script::Step;
                let in_shell = self.playground.borrow().cluster().exec_session().is_some();
                match step {
                    Step::Kubectl { display, .. } | Step::WriteFile { display, .. } | Step::Sleep { display, .. } | Step::Unsupported { display, .. } if in_shell => Action::Exec(display),
                    Step::Kubectl { line, stdin: Some(stdin), expand, .. } => Action::ExecWithStdin(line, stdin, expand),
                    Step::Kubectl { line, stdin: None, .. } => Action::Exec(line),
                    Step::Sleep { display, .. } | Step::Unsupported { display, .. } => Action::Exec(display),
                    Step::WriteFile { name, text, .. } => Action::WriteFile(name, text),
                }
            }
            other => other,
        };
        let mut state = (*self).clone();
        // Messages are for one change: a new batch (and counter) only when checks pass.
        state.outbox = (state.outbox.0.wrapping_add(1), Rc::new(Vec::new()));
        match action {
            Action::Tick(0) => return self,
            Action::Tick(n_ticks) => state.tick(u64::from(n_ticks.min(MAX_TICKS_PER_ACTION))),
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
                        match crate::script::sleep_of(line) {
                            Some(Ok(seconds)) => {
                                let prompt = state.prompt();
                                state.push_lines([command_line(&prompt, line)]);
                                state.tick(seconds.min(MAX_SLEEP_SECONDS));
                            }
                            Some(Err(message)) => {
                                state.push_lines([TermLine { kind: LineKind::Command, text: line.to_string() }]);
                                state.push_lines([TermLine { kind: LineKind::Stderr, text: message }]);
                            }
                            None => state.exec_and_echo(line, None),
                        }
                    }
                }
            }
            Action::EditorChanged(text) => {
                let index = state.active_file.min(state.files.len() - 1);
                Rc::make_mut(&mut state.files)[index].text = text.into();
            }
            Action::Apply => {
                let file = state.active().clone();
                let output = state.playground.borrow_mut().apply_file(&file.name, &file.text);
                state.push_output(&format!("kubectl apply -f {}", file.name), output);
                state.observe_lesson();
                state.refresh_view();
            }
            Action::SaveEdit => state.close_editor(None),
            Action::CancelEdit => {
                let opened = state.playground.borrow().edit_session().map(|session| session.buffer.clone());
                state.close_editor(opened);
            }
            Action::SelectFile(index) if index < state.files.len() => state.active_file = index,
            Action::SelectFile(_) => return self,
            Action::OpenFile(name) => match state.files.iter().position(|file| *file.name == *name) {
                Some(index) => state.active_file = index,
                None => return self,
            },
            Action::ResetFile => {
                let index = state.active_file.min(state.files.len() - 1);
                let file = &mut Rc::make_mut(&mut state.files)[index];
                file.text = file.original.clone();
            }
            Action::LoadPreset(id) => {
                let Some(preset) = preset(&id) else { return self };
                let (playground, lines, timeline) = build_preset(preset, PAGE_SEED);
                state.playground = Rc::new(RefCell::new(playground));
                state.preset = preset;
                state.files = Rc::new(preset_files(preset));
                state.active_file = 0;
                state.timeline = Rc::new(timeline);
                state.lesson = None;
                state.panel = Panel::Scenarios;
                state.push_lines(lines);
                state.refresh_view();
            }
            Action::Paste(command) => state.paste = (state.paste.0.wrapping_add(1), command.into()),
            Action::SetNodeRunning(node, running) => {
                state.playground.borrow_mut().set_node_running(&node, running);
                let note = if running { Note::NodeStarted } else { Note::NodeStopped };
                state.push_lines([TermLine { kind: LineKind::Note(note), text: node }]);
                state.observe_lesson();
                state.refresh_view();
            }
            Action::ShowPanel(panel) => state.panel = panel,
            Action::StartLesson(id) => match crate::lessons::catalog::find(&id) {
                Some(lesson) => return Rc::new(state.with_lesson(lesson, None)),
                None => state.lesson_error = Some(Rc::from(format!("no lesson {id:?}"))),
            },
            Action::LoadLessonText(text) => match crate::lessons::parse(&text) {
                Ok(lesson) => return Rc::new(state.with_lesson(lesson, Some(Rc::from(text)))),
                Err(error) => {
                    state.panel = Panel::Lessons;
                    state.lesson_error = Some(Rc::from(error));
                }
            },
            Action::LeaveLesson => state.lesson = None,
            Action::LessonError(error) => {
                state.panel = Panel::Lessons;
                state.lesson_error = Some(Rc::from(error));
            }
            Action::WriteFile(name, text) => state.write_editor_file(&name, &text),
            // Turned into one of the others above.
            Action::Pasted(_) => return self,
            Action::ExecWithStdin(line, stdin, expand) => {
                state.remember(&line);
                let stdin = if expand { state.playground.borrow_mut().expand_heredoc(&stdin) } else { stdin };
                state.exec_and_echo(&line, Some(&stdin));
            }
            Action::ShowCandidates(line, candidates) => {
                state.push_lines([
                    TermLine { kind: LineKind::Command, text: line },
                    TermLine { kind: LineKind::Info, text: candidates.join("  ") },
                ]);
            }
            Action::Rewind(seconds) => {
                let now = state.playground.borrow().now_seconds();
                let floor = state.lesson.as_ref().map_or(0, |run| run.progress.start_seconds);
                if seconds >= now || seconds < floor {
                    return self;
                }
                let session = state.session(Lang::En);
                let (playground, progress) = session.restore_until(state.lesson.as_ref().map(|run| &*run.lesson), Some(seconds));
                if let (Some(run), Some(progress)) = (state.lesson.as_ref(), progress) {
                    state.lesson = Some(Rc::new(LessonRun { progress, ..(**run).clone() }));
                }
                let at = playground.now_seconds();
                state.playground = Rc::new(RefCell::new(playground));
                Rc::make_mut(&mut state.timeline).rewind_to(at);
                state.playing = false;
                state.push_lines([TermLine { kind: LineKind::Note(Note::Rewound), text: at.to_string() }]);
                state.refresh_view();
            }
            Action::ExplainDocs(text) => {
                let installed = state.playground.borrow_mut().set_explain_docs(&text);
                match installed {
                    Ok(()) => state.explain_docs = Some(text),
                    Err(error) => state.push_lines([TermLine { kind: LineKind::Stderr, text: error }]),
                }
            }
            Action::HelpTexts(text) => {
                if let Err(error) = Playground::install_help_texts(&text) {
                    state.push_lines([TermLine { kind: LineKind::Stderr, text: error }]);
                }
            }
            Action::Report(error) => state.push_lines([TermLine { kind: LineKind::Stderr, text: error }]),
            Action::Share(lang) => state.share = Some(Rc::from(state.session(lang).encode())),
            Action::Resume(session) => match state.clone().restored(&session) {
                Ok(mut restored) => {
                    if let Some(last) = Rc::make_mut(&mut restored.terminal).last_mut() {
                        last.kind = LineKind::Note(Note::Resumed);
                    }
                    return Rc::new(restored);
                }
                Err(_) => return self,
            },
            Action::Restore(session) => match state.clone().restored(&session) {
                Ok(restored) => return Rc::new(restored),
                Err(error) => state.push_lines([TermLine { kind: LineKind::Stderr, text: error }]),
            },
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
    for file in preset.files().iter().filter(|file| file.apply_on_load) {
        let output = playground.apply_file(file.name, file.text);
        lines.extend(command_lines("$ ", &format!("kubectl apply -f {}", file.name), &output));
    }
    let mut timeline = Timeline::default();
    timeline.record(&playground.cluster().view());
    for _ in 0..SETTLE_TICKS {
        playground.tick();
        timeline.record(&playground.cluster().view());
    }
    (playground, lines, timeline)
}

fn preset_files(preset: &'static Preset) -> Vec<EditorFile> {
    let files: Vec<EditorFile> =
        preset.files().iter().map(|file| EditorFile::new(file.name, file.text)).collect();
    if files.is_empty() {
        vec![EditorFile::new(EDITOR_FILE, "")]
    } else {
        files
    }
}

/// A typed line as the terminal echoes it: after `$ `, or after a container shell's prompt.
fn command_line(prompt: &str, command: &str) -> TermLine {
    if prompt == "$ " {
        TermLine { kind: LineKind::Command, text: command.to_string() }
    } else {
        TermLine { kind: LineKind::InPod, text: format!("{prompt}{command}") }
    }
}

fn command_lines(prompt: &str, command: &str, output: &CommandOutput) -> Vec<TermLine> {
    let mut lines = vec![command_line(prompt, command)];
    lines.extend(output_lines(output));
    lines
}

/// A command's output lines, both streams interleaved as written: a drain's refusals between
/// its evictions.
fn output_lines(output: &CommandOutput) -> impl Iterator<Item = TermLine> {
    output.lines_in_order().into_iter().map(|(is_stderr, text)| TermLine { kind: if is_stderr { LineKind::Stderr } else { LineKind::Stdout }, text })
}

fn welcome_lines() -> Vec<TermLine> {
    vec![TermLine { kind: LineKind::Note(Note::Welcome), text: String::new() }]
}
