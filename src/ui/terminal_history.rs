//! Shell-style command history for the terminal: ArrowUp goes back, ArrowDown forward.

/// Where the terminal input is in the history: `None` means editing a new line (the draft).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistoryCursor {
    /// How many entries back from the newest: `Some(0)` is the newest command.
    pub back: Option<usize>,
    /// What was typed before the first ArrowUp, restored by ArrowDown past the newest entry.
    pub draft: String,
}

impl HistoryCursor {
    /// ArrowUp: returns the text to show, or `None` when there is nothing older.
    pub fn older(&mut self, history: &[String], current_text: &str) -> Option<String> {
        let next_back = match self.back {
            None => {
                if history.is_empty() {
                    return None;
                }
                self.draft = current_text.to_string();
                0
            }
            Some(back) if back + 1 < history.len() => back + 1,
            Some(_) => return None,
        };
        self.back = Some(next_back);
        history.get(history.len() - 1 - next_back).cloned()
    }

    /// ArrowDown: returns the text to show, or `None` when already editing the draft.
    pub fn newer(&mut self, history: &[String]) -> Option<String> {
        match self.back {
            None => None,
            Some(0) => {
                self.back = None;
                Some(std::mem::take(&mut self.draft))
            }
            Some(back) => {
                self.back = Some(back - 1);
                history.get(history.len() - back).cloned()
            }
        }
    }

    /// After Enter: start a fresh line.
    pub fn reset(&mut self) {
        *self = HistoryCursor::default();
    }
}
