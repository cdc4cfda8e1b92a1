//! Hooks that own the page's browser resources: the engine's state, the timer, local storage,
//! the fetched lesson catalogue and explain's documentation.

pub mod use_cluster;
pub mod use_explain_docs;
pub mod use_lesson_catalog;
pub mod use_sim_loop;

pub use use_cluster::use_cluster;
pub use use_explain_docs::{use_explain_docs, ExplainDocs};
pub use use_lesson_catalog::{use_lesson_catalog, CatalogStatus, LessonCatalog};
pub use use_sim_loop::use_sim_loop;
