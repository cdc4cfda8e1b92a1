//! The built-in lessons, embedded from static/lessons/ by build.rs.

use crate::lessons::format::{self, Lesson};

include!(concat!(env!("OUT_DIR"), "/lessons.rs"));

/// Every built-in lesson, parsed, in file order. A lesson that does not parse is left out here
/// (the catalog test and `kubeplay lessons check` report it).
pub fn lessons() -> Vec<Lesson> {
    BUILT_IN.iter().filter_map(|(_, text)| format::parse(text).ok()).collect()
}

/// The built-in lesson with this id.
pub fn find(id: &str) -> Option<Lesson> {
    lessons().into_iter().find(|lesson| lesson.id == id)
}
