//! The YAML editor's problem list: what to show for each diagnostic and where it is in the text.
//! Pure (tested in `tests/wasm`); the component only renders these and moves the caret.

use crate::playground::Playground;
use crate::yaml::diagnostic::{Diagnostic, Severity};
use crate::order::SharedSort;

/// The problems of a manifest text, in the order of their lines.
pub fn problems(text: &str) -> Vec<Diagnostic> {
    let mut problems = Playground::diagnose(text);
    problems.shared_sort_by_key(|d| (d.line, d.column));
    problems
}

/// Whether an editor file is a manifest whose problems are shown: `.yaml`, `.yml` or `.json`,
/// or a name without an extension whose text names an `apiVersion` or a `kind`. A file copied
/// out of a container (`kubectl cp pod:/etc/passwd passwd`, an `index.html`) is only text.
pub fn is_manifest(name: &str, text: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((_, extension)) => matches!(extension.to_ascii_lowercase().as_str(), "yaml" | "yml" | "json"),
        None => text.lines().any(|line| line.starts_with("apiVersion:") || line.starts_with("kind:")),
    }
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

/// The 1-based line and column (in characters) of a textarea offset (`selectionStart`, in
/// UTF-16 units).
pub fn position_of(text: &str, offset: u32) -> (usize, usize) {
    let (mut line, mut column, mut units) = (1, 1, 0u32);
    for c in text.chars() {
        if units >= offset {
            break;
        }
        units += c.len_utf16() as u32;
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    (line, column)
}

/// A piece of the editor's mirror: text as it is, or a problem's characters (`index` into the
/// problems).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Text(String),
    Mark { index: usize, text: String },
}

/// The mirror of `text` that underlines `problems`: every line up to the last marked one (a
/// line without marks left empty: only its height matters), each mark at least one character
/// wide (a space past a line's end), overlapping marks on a line dropped after the first.
pub fn mark_segments(text: &str, problems: &[Diagnostic]) -> Vec<Segment> {
    let Some(last_line) = problems.iter().map(|d| d.line).max() else { return Vec::new() };
    let lines: Vec<&str> = text.split('\n').collect();
    let mut segments = Vec::new();
    let mut plain = String::new();
    for line in 1..=last_line {
        let line_text: Vec<char> = lines.get(line - 1).copied().unwrap_or("").trim_end_matches('\r').chars().collect();
        let mut on_line: Vec<usize> = (0..problems.len()).filter(|&i| problems[i].line == line).collect();
        on_line.shared_sort_by_key(|&i| problems[i].column);
        let mut at = 0usize; // characters of the line written so far
        for index in on_line {
            let d = &problems[index];
            let start = d.column.max(1) - 1;
            if start < at {
                continue;
            }
            let end = start + d.width.max(1);
            plain.extend(line_text.iter().take(start).skip(at));
            plain.extend(std::iter::repeat_n(' ', start.saturating_sub(line_text.len().max(at))));
            let mut marked: String = line_text.iter().take(end).skip(start).collect();
            while marked.chars().count() < end - start {
                marked.push(' ');
            }
            if !plain.is_empty() {
                segments.push(Segment::Text(std::mem::take(&mut plain)));
            }
            segments.push(Segment::Mark { index, text: marked });
            at = end;
        }
        if line < last_line {
            plain.push('\n');
        }
    }
    if !plain.is_empty() {
        segments.push(Segment::Text(plain));
    }
    segments
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
