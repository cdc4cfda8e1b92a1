//! The editor's mirror (`ui::diagnostics::mark_segments`) and caret positions (`position_of`).

use kubeplay::ui::diagnostics::{mark_segments, position_of, Segment};
use kubeplay::yaml::diagnostic::{Diagnostic, Severity};
use wasm_bindgen_test::wasm_bindgen_test;

fn at(line: usize, column: usize, width: usize) -> Diagnostic {
    Diagnostic { line, column, width, severity: Severity::Error, code: "unknown-field", message: String::new() }
}

fn text(segment: &Segment) -> String {
    match segment {
        Segment::Text(text) => text.clone(),
        Segment::Mark { index, text } => format!("[{index}:{text}]"),
    }
}

#[wasm_bindgen_test]
fn marks_sit_on_their_line_and_columns() {
    let yaml = "kind: Deployment\nspec:\n  replica: 3\n  x: y\n";
    let shown = |problems: &[Diagnostic]| mark_segments(yaml, problems).iter().map(text).collect::<String>();
    // Lines before a mark are empty (only their height matters); nothing after the last mark.
    assert_eq!(shown(&[at(3, 3, 7)]), "\n\n  [0:replica]");
    // Two marks, out of order; a zero-width one is a character wide; past the line's end, spaces.
    assert_eq!(shown(&[at(4, 7, 1), at(3, 3, 7), at(2, 6, 0)]), "\nspec:[2: ]\n  [1:replica]\n  x: y[0: ]");
    // Overlapping marks on one line: the first one wins.
    assert_eq!(shown(&[at(3, 3, 7), at(3, 5, 2)]), "\n\n  [0:replica]");
    assert!(mark_segments(yaml, &[]).is_empty());
}

#[wasm_bindgen_test]
fn caret_offsets_are_lines_and_columns() {
    let yaml = "a: 1\nbé: 2\n😀: 3\n";
    assert_eq!(position_of(yaml, 0), (1, 1));
    assert_eq!(position_of(yaml, 5), (2, 1));
    assert_eq!(position_of(yaml, 7), (2, 3));
    // 😀 is two UTF-16 units, one character.
    assert_eq!(position_of(yaml, 13), (3, 2));
}
