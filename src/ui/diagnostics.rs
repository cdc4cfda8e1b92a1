//! The YAML editor's problem list: what to show for each diagnostic and where it is in the text.
//! Pure (tested in `tests/wasm`); the component only renders these and moves the caret.

use crate::playground::Playground;
use crate::yaml::diagnostic::{Diagnostic, Severity};

/// The problems of a manifest text, in the order of their lines.
pub fn problems(text: &str) -> Vec<Diagnostic> {
    let mut problems = Playground::diagnose(text);
    crate::ui::order::sort_by_key(&mut problems, |d| (d.line, d.column));
    problems
}

/// What a learner reads: `Line 6, column 3: unknown field ...`, without the apiserver's
/// "strict decoding error: " prefix (the terminal keeps kubectl's exact words on Apply).
pub fn label(diagnostic: &Diagnostic) -> String {
    let message = diagnostic.message.strip_prefix("strict decoding error: ").unwrap_or(&diagnostic.message);
    format!("Line {}, column {}: {}", diagnostic.line, diagnostic.column, message)
}

/// `"error"` or `"warning"`: the text shown before the label and its CSS class.
pub fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// Whether any problem is an error (not only warnings).
pub fn has_errors(problems: &[Diagnostic]) -> bool {
    problems.iter().any(|d| d.severity == Severity::Error)
}

/// The textarea selection (`selectionStart`, `selectionEnd`, in UTF-16 code units as the DOM
/// counts them) of `width` characters at a 1-based `line` and `column` (in characters). Clamped
/// to the text: a line past the end means the last line, a column past the end the line's end.
pub fn selection(text: &str, line: usize, column: usize, width: usize) -> (u32, u32) {
    let mut offset = 0usize; // UTF-16 units before the current line
    let mut rest = text;
    for _ in 1..line.max(1) {
        match rest.find('\n') {
            Some(end) => {
                offset += rest[..=end].encode_utf16().count();
                rest = &rest[end + 1..];
            }
            None => break,
        }
    }
    let line_text = rest.split('\n').next().unwrap_or("").trim_end_matches('\r');
    let units = |chars: usize| line_text.chars().take(chars).map(char::len_utf16).sum::<usize>();
    let start_chars = column.max(1) - 1;
    let start = offset + units(start_chars);
    let end = offset + units(start_chars + width);
    (start as u32, end as u32)
}

/// Lines that have an error (`Error`) or only warnings, for the gutter: (line, severity).
pub fn marked_lines(problems: &[Diagnostic]) -> Vec<(usize, Severity)> {
    let mut lines: Vec<(usize, Severity)> = Vec::new();
    for d in problems {
        match lines.iter_mut().find(|(line, _)| *line == d.line) {
            Some((_, severity)) => {
                if d.severity == Severity::Error {
                    *severity = Severity::Error;
                }
            }
            None => lines.push((d.line, d.severity)),
        }
    }
    lines
}
