//! Lessons: files teachers write (static/lessons/*.yaml), with steps, prose in Korean and
//! English, and checks over the cluster and the transcript that the page runs as the learner
//! works. `kubeplay lessons check` runs every lesson's reference solution through the engine.
//!
//! - `format`: the lesson file and its validation.
//! - `text`: Korean/English texts.
//! - `prose`: the little markup of lesson prose.
//! - `expect`: the predicates of checks.
//! - `run`: a lesson being followed: its cluster and latched checks.
//! - `verify`: the reference-solution check.
//! - `catalog`: the built-in lessons.

pub mod catalog;
pub mod expect;
pub mod format;
pub mod prose;
pub mod run;
pub mod text;
pub mod verify;

pub use format::{parse, Lesson};
pub use run::Progress;
