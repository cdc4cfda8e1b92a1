//! What the page reads from its URL and tells a host page: pure functions, tested natively.
//!
//! - Query parameters: `?embed` (minimal chrome for an iframe), `lesson=ID` (a built-in
//!   lesson), `lesson-url=URL` (a teacher's lesson file), `lang=en|ko`; the fragment `#s=...` is a
//!   share link (see `crate::share`). Anything else is ignored; values that do not validate are
//!   dropped, so nothing from the URL reaches the page except an id, a language, a URL to fetch
//!   as text, and a session to replay.
//! - Messages to the host page (`window.parent.postMessage`): JSON objects with
//!   `source: "kubeplay"` and a `type` (see [`LessonMessage`]). The page listens to no message,
//!   so a host page cannot drive it or inject anything through messages.
//! - Progress kept in local storage: per lesson, which checks passed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What the page was opened with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageParams {
    /// `?embed`: an iframe on a tutorial site (no header chrome, no scenario list).
    pub embed: bool,
    /// `?lesson=ID`: a built-in lesson's id.
    pub lesson: Option<String>,
    /// `?lesson-url=URL`: an http(s) URL of a lesson file to fetch.
    pub lesson_url: Option<String>,
    /// `?lang=en|ko`.
    pub lang: Option<&'static str>,
    /// `#s=...`: a share link's session text (decoded by `Session::decode`).
    pub session: Option<String>,
}

/// Reads `location.search` (with or without `?`) and `location.hash` (with or without `#`).
pub fn parse(search: &str, hash: &str) -> PageParams {
    let mut params = PageParams::default();
    for pair in search.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode(value);
        match key {
            "embed" => params.embed = !matches!(value.as_str(), "0" | "false"),
            "lesson" if is_id(&value) => params.lesson = Some(value),
            "lesson-url" if is_http_url(&value) => params.lesson_url = Some(value),
            "lang" => params.lang = language(&value),
            _ => {}
        }
    }
    let hash = hash.trim_start_matches('#');
    if hash.split('&').any(|part| part.starts_with(crate::share::PREFIX)) {
        params.session = Some(hash.to_string());
    }
    params
}

/// `en` or `ko` (or a browser tag like `ko-KR`); `None` otherwise.
pub fn language(tag: &str) -> Option<&'static str> {
    let tag = tag.to_ascii_lowercase();
    if tag == "ko" || tag.starts_with("ko-") {
        Some("ko")
    } else if tag == "en" || tag.starts_with("en-") {
        Some("en")
    } else {
        None
    }
}

/// A lesson id: lower-case letters, digits and dashes, at most 64.
pub fn is_id(text: &str) -> bool {
    !text.is_empty() && text.len() <= 64 && text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn is_http_url(text: &str) -> bool {
    (text.starts_with("https://") || text.starts_with("http://")) && text.len() <= 2048 && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// `%XX` and `+` decoding of a query value; invalid escapes stay as they are.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match text.get(i + 1..i + 3).and_then(|hex| u8::from_str_radix(hex, 16).ok()).ok_or(()) {
                    Ok(byte) => {
                        out.push(byte);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A message to the host page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LessonMessage {
    /// Always `kubeplay`, so a host can tell our messages from others.
    pub source: &'static str,
    /// `lesson-started`, `check-passed`, `step-completed`, `lesson-completed`.
    #[serde(rename = "type")]
    pub type_: &'static str,
    pub lesson: String,
    /// 1-based step and check, for `check-passed` and `step-completed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check: Option<usize>,
    /// Checks passed and in all, after this event.
    pub passed: usize,
    pub total: usize,
}

/// The messages for what just happened in a lesson: checks `newly` passed, in order, each
/// followed by `step-completed` when it finished its step, and `lesson-completed` at the end.
pub fn messages(lesson: &str, progress: &crate::lessons::Progress, newly: &[crate::lessons::run::Passed]) -> Vec<LessonMessage> {
    let (_, total) = progress.counts();
    let before = progress.counts().0 - newly.len();
    let message = |type_, step, check, passed| LessonMessage { source: "kubeplay", type_, lesson: lesson.to_string(), step, check, passed, total };
    let mut out = Vec::new();
    for (i, &(step, check)) in newly.iter().enumerate() {
        out.push(message("check-passed", Some(step + 1), Some(check + 1), before + i + 1));
        let last_of_step = !newly[i + 1..].iter().any(|(s, _)| *s == step);
        if last_of_step && progress.step_done(step) {
            out.push(message("step-completed", Some(step + 1), None, before + i + 1));
        }
    }
    if !newly.is_empty() && progress.is_complete() {
        out.push(message("lesson-completed", None, None, total));
    }
    out
}

/// The message when a lesson starts.
pub fn started(lesson: &str, progress: &crate::lessons::Progress) -> LessonMessage {
    let (passed, total) = progress.counts();
    LessonMessage { source: "kubeplay", type_: "lesson-started", lesson: lesson.to_string(), step: None, check: None, passed, total }
}

/// What local storage keeps of the learner's progress (key `kubeplay.progress`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredProgress {
    /// Per lesson id: checks passed, per step.
    #[serde(default)]
    pub lessons: BTreeMap<String, Vec<Vec<bool>>>,
}

impl StoredProgress {
    /// Reads what was stored; anything unreadable is a fresh start.
    pub fn load(text: Option<&str>) -> StoredProgress {
        text.and_then(|t| serde_json::from_str(t).ok()).unwrap_or_default()
    }

    pub fn save(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Remembers a lesson's checks (a check once passed stays passed here too).
    pub fn record(&mut self, lesson: &str, passed: &[Vec<bool>]) {
        let entry = self.lessons.entry(lesson.to_string()).or_default();
        if entry.len() != passed.len() || entry.iter().zip(passed).any(|(a, b)| a.len() != b.len()) {
            *entry = passed.to_vec();
        } else {
            for (old, new) in entry.iter_mut().zip(passed) {
                for (o, n) in old.iter_mut().zip(new) {
                    *o |= *n;
                }
            }
        }
    }

    /// (checks passed, checks in all) of a lesson, if it was started.
    pub fn counts(&self, lesson: &str) -> Option<(usize, usize)> {
        let steps = self.lessons.get(lesson)?;
        Some((steps.iter().flatten().filter(|p| **p).count(), steps.iter().flatten().count()))
    }

    pub fn completed(&self, lesson: &str) -> bool {
        self.counts(lesson).is_some_and(|(passed, total)| total > 0 && passed == total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params() {
        let p = parse("?embed&lesson=rolling-update&lang=ko", "");
        assert_eq!(p, PageParams { embed: true, lesson: Some("rolling-update".into()), lang: Some("ko"), ..PageParams::default() });
        // Values that do not validate are dropped, not passed on.
        let p = parse("lesson=%3Cscript%3E&lang=fr&lesson-url=javascript:alert(1)&embed=0", "#x=1");
        assert_eq!(p, PageParams::default());
        let p = parse("lesson-url=https%3A%2F%2Fexample.org%2Fl.yaml", "#s=abc");
        assert_eq!(p.lesson_url.as_deref(), Some("https://example.org/l.yaml"));
        assert_eq!(p.session.as_deref(), Some("s=abc"));
        assert_eq!(language("ko-KR"), Some("ko"));
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("%ED%95%9C+x"), "한 x");
    }

    #[test]
    fn stored_progress_latches_and_survives_garbage() {
        let mut stored = StoredProgress::load(Some("not json"));
        stored.record("a", &[vec![true, false], vec![false]]);
        stored.record("a", &[vec![false, true], vec![false]]);
        assert_eq!(stored.counts("a"), Some((2, 3)));
        assert!(!stored.completed("a"));
        let again = StoredProgress::load(Some(&stored.save()));
        assert_eq!(again, stored);
    }
}
