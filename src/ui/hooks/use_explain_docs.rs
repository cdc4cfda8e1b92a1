//! The API documentation `kubectl explain` reads, fetched on the first `explain` line instead of
//! being part of the page's first load (`static/explain/v1.32.json`, 285 KB); likewise
//! kubectl's help texts, fetched before the first line that prints one (`static/help/v1.32.json`,
//! 160 KB: `kubectl`, `kubectl help ...`, `... --help`, `kubectl rollout` run bare).

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::ui::browser;
use crate::ui::state::{is_explain, needs_help_texts, Action, AppState};

/// Where the documentation is, relative to the page (Trunk copies `static/explain` there).
pub const EXPLAIN_DOCS_URL: &str = "explain/v1.32.json";
/// Where kubectl's help texts are (Trunk copies `static/help` there).
pub const HELP_TEXTS_URL: &str = "help/v1.32.json";

/// How many fetches are under way, and the lines waiting for them.
#[derive(Default)]
struct Waiting {
    fetching: usize,
    actions: Vec<Action>,
}

/// The handle `use_explain_docs` gives: `run` a terminal action, and whether a fetch is under way.
#[derive(Clone)]
pub struct ExplainDocs {
    /// The documentation is being fetched (the terminal says so).
    pub loading: bool,
    /// The help texts are being fetched (the terminal says so).
    pub loading_help: bool,
    set_loading: UseStateSetter<bool>,
    set_loading_help: UseStateSetter<bool>,
    /// Whether the page state has the documentation (read when `run` is called).
    loaded: bool,
    /// Whether kubectl has its help texts (read when `run` is called).
    help_loaded: bool,
    waiting: Rc<RefCell<Waiting>>,
    dispatcher: UseReducerDispatcher<AppState>,
}

impl PartialEq for ExplainDocs {
    fn eq(&self, other: &Self) -> bool {
        (self.loading, self.loading_help, self.loaded, self.help_loaded) == (other.loading, other.loading_help, other.loaded, other.help_loaded)
            && Rc::ptr_eq(&self.waiting, &other.waiting)
    }
}

impl ExplainDocs {
    /// Dispatches a terminal action (`Exec`, `ExecWithStdin`): at once, unless it is an
    /// `explain` line and the documentation is not there yet, or a line that prints a help text
    /// and the help texts are not, when what it needs is fetched first (one fetch, however many
    /// ask) and installed, then the line runs. Lines entered while a fetch is under way wait
    /// behind it, so they run in the order typed. A failed fetch runs them anyway: they then
    /// print kubectl's "still loading" error, and the next such line fetches again.
    pub fn run(&self, action: Action) {
        let line = match &action {
            Action::Exec(line) | Action::ExecWithStdin(line, _, _) => line.as_str(),
            Action::Pasted(crate::script::Step::Kubectl { line, .. }) => line.as_str(),
            _ => "",
        };
        let mut waiting = self.waiting.borrow_mut();
        if waiting.fetching > 0 {
            waiting.actions.push(action);
            return;
        }
        let need_docs = !self.loaded && is_explain(line);
        let need_help = !self.help_loaded && needs_help_texts(line);
        if !need_docs && !need_help {
            drop(waiting);
            self.dispatcher.dispatch(action);
            return;
        }
        waiting.actions.push(action);
        waiting.fetching = usize::from(need_docs) + usize::from(need_help);
        drop(waiting);
        if need_docs {
            self.fetch(EXPLAIN_DOCS_URL, self.set_loading.clone(), Action::ExplainDocs);
        }
        if need_help {
            self.fetch(HELP_TEXTS_URL, self.set_loading_help.clone(), Action::HelpTexts);
        }
    }

    /// Fetches `url`, installs it (`install`: the action that gives the state the text), and
    /// once no fetch is under way any more, runs the lines that waited.
    fn fetch(&self, url: &str, set_loading: UseStateSetter<bool>, install: fn(Rc<str>) -> Action) {
        set_loading.set(true);
        let (waiting, dispatcher) = (self.waiting.clone(), self.dispatcher.clone());
        browser::fetch_text(url.to_string(), move |text| {
            // Without the text the lines still run (they say it is still loading).
            if let Ok(text) = text {
                dispatcher.dispatch(install(Rc::from(text)));
            }
            let actions = {
                let mut waiting = waiting.borrow_mut();
                waiting.fetching -= 1;
                if waiting.fetching > 0 { Vec::new() } else { std::mem::take(&mut waiting.actions) }
            };
            for action in actions {
                dispatcher.dispatch(action);
            }
            set_loading.set(false);
        });
    }
}

/// The way to run terminal lines that may need `kubectl explain`'s documentation or kubectl's
/// help texts; `loaded` is `AppState::has_explain_docs`, `help_loaded` `AppState::has_help_texts`.
#[hook]
pub fn use_explain_docs(dispatcher: UseReducerDispatcher<AppState>, loaded: bool, help_loaded: bool) -> ExplainDocs {
    let loading = use_state(|| false);
    let loading_help = use_state(|| false);
    let waiting = use_mut_ref(Waiting::default);
    ExplainDocs {
        loading: *loading,
        loading_help: *loading_help,
        set_loading: loading.setter(),
        set_loading_help: loading_help.setter(),
        loaded,
        help_loaded,
        waiting,
        dispatcher,
    }
}
