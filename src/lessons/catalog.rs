//! The built-in lessons (static/lessons/*.yaml, listed by build.rs). Natively they are embedded
//! (`BUILT_IN`); the page (wasm) fetches the files when it needs them and `install`s them here,
//! which keeps about 150 KB of lesson text out of its first load.

use crate::lessons::format::{self, Lesson};

include!(concat!(env!("OUT_DIR"), "/lesson_files.rs"));

#[cfg(not(target_arch = "wasm32"))]
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/lessons.rs"));
}
#[cfg(not(target_arch = "wasm32"))]
pub use embedded::BUILT_IN;

#[cfg(target_arch = "wasm32")]
thread_local! {
    static FETCHED: std::cell::RefCell<Option<Vec<String>>> = const { std::cell::RefCell::new(None) };
}

/// Makes `texts` (one per entry of `FILES`, in that order) the built-in lessons on the page.
#[cfg(target_arch = "wasm32")]
pub fn install(texts: Vec<String>) {
    FETCHED.with(|fetched| *fetched.borrow_mut() = Some(texts));
}

/// Whether the page has the built-in lessons (`install` was called).
#[cfg(target_arch = "wasm32")]
pub fn is_loaded() -> bool {
    FETCHED.with(|fetched| fetched.borrow().is_some())
}

/// Each built-in lesson that parses, in file order.
fn parsed() -> Vec<Lesson> {
    #[cfg(not(target_arch = "wasm32"))]
    return BUILT_IN.iter().filter_map(|(_, text)| format::parse(text).ok()).collect();
    #[cfg(target_arch = "wasm32")]
    return FETCHED.with(|fetched| fetched.borrow().iter().flatten().filter_map(|text| format::parse(text).ok()).collect());
}

/// Every built-in lesson, parsed, in file order. A lesson that does not parse is left out here
/// (the catalog test and `kubeplay lessons check` report it). On the page: none until `install`.
pub fn lessons() -> Vec<Lesson> {
    parsed()
}

/// The built-in lesson with this id.
pub fn find(id: &str) -> Option<Lesson> {
    lessons().into_iter().find(|lesson| lesson.id == id)
}
