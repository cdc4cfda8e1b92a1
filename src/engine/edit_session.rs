//! A `kubectl edit` between the command and its editor closing, when the editor is the page's
//! YAML panel: kubectl's `editFn` loop (pkg/cmd/util/editor/editoptions.go) paused at
//! `LaunchTempFile`, with what the loop keeps from one pass to the next.

/// One edit in progress. The objects were read when the command ran; the panel shows `buffer`
/// under the temporary file's name, and its Save (or Cancel: the buffer saved unchanged) goes
/// on from there (`kubectl::edit::editor_closed`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditSession {
    /// The line as typed, for the transcript.
    pub line: String,
    /// The command's words after `edit` (flags and arguments), read again when it goes on.
    pub words: Vec<String>,
    /// The temporary file kubectl names (`/tmp/kubectl-edit-NNN.yaml`), in its messages.
    pub file: String,
    /// What the editor shows: the header, then the objects (or what was saved, after errors).
    pub buffer: String,
    /// The objects as printed when the command read them, header included (`original`).
    pub original: String,
    /// What was saved last, when the buffer was reopened with the errors it caused
    /// (`containsError` and `editedDiff`).
    pub reopened_from: Option<String>,
}
