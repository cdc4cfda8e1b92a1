//! The built-in lessons, fetched when first needed (the Lessons tab, a `?lesson=` link, a share
//! link or a saved session naming one) instead of being part of the page's first load.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::lessons::catalog;
use crate::ui::browser;
use crate::ui::state::{Action, AppState};

/// Where the built-in lessons are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatalogStatus {
    /// Not asked for yet.
    Idle,
    Loading,
    Ready,
    /// The fetch failed (the reason went to the lesson panel); asking again retries.
    Failed,
}

/// The handle `use_lesson_catalog` gives: the status, and `request` to have the lessons.
#[derive(Clone)]
pub struct LessonCatalog {
    pub status: CatalogStatus,
    set_status: UseStateSetter<CatalogStatus>,
    /// Whether a fetch is under way, and the actions waiting for it.
    waiting: Rc<RefCell<(bool, Vec<Action>)>>,
    dispatcher: UseReducerDispatcher<AppState>,
}

impl LessonCatalog {
    /// Dispatches `then` once the built-in lessons are there: at once if they are, else after
    /// fetching them (one fetch, however many ask).
    pub fn request(&self, then: Option<Action>) {
        if catalog::is_loaded() {
            if let Some(action) = then {
                self.dispatcher.dispatch(action);
            }
            return;
        }
        let mut waiting = self.waiting.borrow_mut();
        waiting.1.extend(then);
        if waiting.0 {
            return;
        }
        waiting.0 = true;
        self.set_status.set(CatalogStatus::Loading);
        let urls = catalog::FILES.iter().map(|file| format!("lessons/{file}?v={}", catalog::VERSION)).collect();
        let (set_status, waiting, dispatcher) = (self.set_status.clone(), self.waiting.clone(), self.dispatcher.clone());
        browser::fetch_texts(urls, move |texts| {
            let actions = {
                let mut waiting = waiting.borrow_mut();
                waiting.0 = false;
                std::mem::take(&mut waiting.1)
            };
            match texts {
                Ok(texts) => {
                    catalog::install(texts);
                    set_status.set(CatalogStatus::Ready);
                    for action in actions {
                        dispatcher.dispatch(action);
                    }
                }
                Err(error) => {
                    set_status.set(CatalogStatus::Failed);
                    dispatcher.dispatch(Action::LessonError(error));
                }
            }
        });
    }
}

/// The built-in lessons' status, and the way to ask for them.
#[hook]
pub fn use_lesson_catalog(dispatcher: UseReducerDispatcher<AppState>) -> LessonCatalog {
    let status = use_state(|| if catalog::is_loaded() { CatalogStatus::Ready } else { CatalogStatus::Idle });
    let waiting = use_mut_ref(|| (false, Vec::new()));
    LessonCatalog { status: *status, set_status: status.setter(), waiting, dispatcher }
}
