//! The API documentation `kubectl explain` reads, fetched on the first `explain` line instead of
//! being part of the page's first load (`static/explain/v1.32.json`, 285 KB).

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::ui::browser;
use crate::ui::state::{is_explain, Action, AppState};

/// Where the documentation is, relative to the page (Trunk copies `static/explain` there).
pub const EXPLAIN_DOCS_URL: &str = "explain/v1.32.json";

/// Whether the documentation is being fetched, and the lines waiting for it.
#[derive(Default)]
struct Waiting {
    fetching: bool,
    actions: Vec<Action>,
}

/// The handle `use_explain_docs` gives: `run` a terminal action, and whether a fetch is under way.
#[derive(Clone)]
pub struct ExplainDocs {
    /// A fetch is under way (the terminal says so).
    pub loading: bool,
    set_loading: UseStateSetter<bool>,
    /// Whether the page state has the documentation (read when `run` is called).
    loaded: bool,
    waiting: Rc<RefCell<Waiting>>,
    dispatcher: UseReducerDispatcher<AppState>,
}

impl PartialEq for ExplainDocs {
    fn eq(&self, other: &Self) -> bool {
        self.loading == other.loading && self.loaded == other.loaded && Rc::ptr_eq(&self.waiting, &other.waiting)
    }
}

impl ExplainDocs {
    /// Dispatches a terminal action (`Exec`, `ExecWithStdin`): at once, unless it is an
    /// `explain` line and the documentation is not there yet, when the documentation is fetched
    /// first (one fetch, however many ask) and installed, then the line runs. Lines entered
    /// while the fetch is under way wait behind it, so they run in the order typed. A failed
    /// fetch runs them anyway: `explain` then prints kubectl's "still loading" error, and the
    /// next `explain` fetches again.
    pub fn run(&self, action: Action) {
        let line = match &action {
            Action::Exec(line) | Action::ExecWithStdin(line, _) => line.as_str(),
            _ => "",
        };
        let mut waiting = self.waiting.borrow_mut();
        if waiting.fetching {
            waiting.actions.push(action);
            return;
        }
        if self.loaded || !is_explain(line) {
            drop(waiting);
            self.dispatcher.dispatch(action);
            return;
        }
        waiting.fetching = true;
        waiting.actions.push(action);
        self.set_loading.set(true);
        let (set_loading, waiting, dispatcher) = (self.set_loading.clone(), self.waiting.clone(), self.dispatcher.clone());
        browser::fetch_text(EXPLAIN_DOCS_URL.to_string(), move |text| {
            let actions = {
                let mut waiting = waiting.borrow_mut();
                waiting.fetching = false;
                std::mem::take(&mut waiting.actions)
            };
            // Without the text the lines still run (explain says the documentation is loading).
            if let Ok(text) = text {
                dispatcher.dispatch(Action::ExplainDocs(Rc::from(text)));
            }
            for action in actions {
                dispatcher.dispatch(action);
            }
            set_loading.set(false);
        });
    }
}

/// The way to run terminal lines that may need `kubectl explain`'s documentation; `loaded` is
/// `AppState::has_explain_docs`.
#[hook]
pub fn use_explain_docs(dispatcher: UseReducerDispatcher<AppState>, loaded: bool) -> ExplainDocs {
    let loading = use_state(|| false);
    let waiting = use_mut_ref(Waiting::default);
    ExplainDocs { loading: *loading, set_loading: loading.setter(), loaded, waiting, dispatcher }
}
