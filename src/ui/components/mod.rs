//! Function components of the page. They render props and emit callbacks; no engine calls here.

pub mod clock_controls;
pub mod guide;
pub mod language_switch;
pub mod lesson_panel;
pub mod pod_view;
pub mod terminal;
pub mod timeline_strip;
pub mod yaml_editor;

pub use clock_controls::ClockControls;
pub use guide::Guide;
pub use language_switch::LanguageSwitch;
pub use lesson_panel::LessonPanel;
pub use pod_view::PodView;
pub use terminal::Terminal;
pub use timeline_strip::TimelineStrip;
pub use yaml_editor::YamlEditor;

/// The `value` of an event's target (`<select>`, `<input>`, `<textarea>`), or "" if it has none.
/// Uses reflection so it works for any element without a web-sys feature per element type.
pub(crate) fn target_value(event: &yew::Event) -> String {
    event
        .target()
        .and_then(|target| js_sys::Reflect::get(&target, &"value".into()).ok())
        .and_then(|value| value.as_string())
        .unwrap_or_default()
}
