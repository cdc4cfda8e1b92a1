//! Go's `text/tabwriter`, as kubectl uses it: tab-terminated cells aligned per column block
//! (a run of consecutive lines that all have a cell in that column); the last cell of a line is
//! not aligned. Widths count characters (runes), as Go does.

/// The settings kubectl passes to `tabwriter.NewWriter`.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub min_width: usize,
    pub padding: usize,
}

/// `kubectl get` tables (`printers.GetNewTabWriter`): min width 6, padding 3.
pub const TABLE: Settings = Settings { min_width: 6, padding: 3 };
/// `kubectl describe` (`tabbedString`): min width 0, padding 2.
pub const DESCRIBE: Settings = Settings { min_width: 0, padding: 2 };

/// Aligns `text` (lines of `\t`-separated cells). A form feed-free, flush-at-end writer.
pub fn align(text: &str, settings: Settings) -> String {
    let mut writer = Writer::new(settings);
    writer.remember = false;
    writer.flush(text)
}

/// A writer flushed more than once: kubectl's table writer (`printers.GetNewTabWriter`) is
/// liggitt/tabwriter with `RememberWidths`, so a column is never narrower than it was in an
/// earlier flush. That shows in `get -w` and `events -w`, which flush after every row.
#[derive(Debug, Clone)]
pub struct Writer {
    settings: Settings,
    /// The widest each column has been (liggitt/tabwriter's `maxwidths`), used when `remember`
    /// (not for plain text/tabwriter, which `describe` uses: there each block of a column has
    /// its own width).
    remembered: Vec<usize>,
    remember: bool,
}

impl Writer {
    pub fn new(settings: Settings) -> Writer {
        Writer { settings, remembered: Vec::new(), remember: true }
    }

    /// Aligns `text` as one flush.
    pub fn flush(&mut self, text: &str) -> String {
        let lines: Vec<Vec<&str>> = text.split_terminator('\n').map(|line| line.split('\t').collect()).collect();
        let mut out = String::with_capacity(text.len() + 64);
        let mut widths: Vec<usize> = Vec::new();
        let remembered = if self.remember { Some(&mut self.remembered) } else { None };
        format(&lines, 0, lines.len(), &mut widths, self.settings, remembered, &mut out);
        out
    }
}

fn char_width(cell: &str) -> usize {
    cell.chars().count()
}

fn format(lines: &[Vec<&str>], mut line0: usize, line1: usize, widths: &mut Vec<usize>, settings: Settings, mut remembered: Option<&mut Vec<usize>>, out: &mut String) {
    let column = widths.len();
    let mut this = line0;
    while this < line1 {
        let line = &lines[this];
        if column + 1 >= line.len() {
            this += 1;
            continue;
        }
        // A cell exists in this column: print the lines before the block, then measure it.
        write_lines(lines, line0, this, widths, out);
        line0 = this;
        let mut width = settings.min_width;
        while this < line1 {
            let line = &lines[this];
            if column + 1 >= line.len() {
                break;
            }
            width = width.max(char_width(line[column]) + settings.padding);
            this += 1;
        }
        // RememberWidths: the column is at least as wide as before, and remembers this width.
        if let Some(remembered) = remembered.as_deref_mut() {
            if remembered.len() < widths.len() {
                remembered.extend_from_slice(&widths[remembered.len()..]);
            }
            match remembered.get(column).copied() {
                None => remembered.push(width),
                Some(before) if before > width => width = before,
                Some(_) => remembered[column] = width,
            }
        }
        widths.push(width);
        format(lines, line0, this, widths, settings, remembered.as_deref_mut(), out);
        widths.pop();
        line0 = this;
    }
    write_lines(lines, line0, line1, widths, out);
}

fn write_lines(lines: &[Vec<&str>], line0: usize, line1: usize, widths: &[usize], out: &mut String) {
    for line in &lines[line0..line1] {
        for (index, cell) in line.iter().enumerate() {
            out.push_str(cell);
            if index + 1 < line.len() {
                // A tab-terminated cell: pad to the column width (cells beyond known widths are
                // already handled by the recursion, so every terminated cell has a width here).
                let width = widths.get(index).copied().unwrap_or(0);
                let pad = width.saturating_sub(char_width(cell));
                out.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_align_only_consecutive_lines() {
        let text = "Name:\tweb\nReplicas:\t3\nPod Template:\n  Labels:\tapp=web\n";
        assert_eq!(align(text, DESCRIBE), "Name:      web\nReplicas:  3\nPod Template:\n  Labels:  app=web\n");
    }

    #[test]
    fn conditions_align_with_the_lines_after_them() {
        let text = "Conditions:\n  Type\tStatus\tReason\n  ----\t------\t------\n  Available \tTrue\tMinimumReplicasAvailable\nOldReplicaSets:\tweb-1 (0/0 replicas created)\n";
        let aligned = align(text, DESCRIBE);
        assert!(aligned.contains("  Type           Status  Reason\n"), "{aligned}");
        assert!(aligned.contains("OldReplicaSets:  web-1"), "{aligned}");
    }

    /// liggitt/tabwriter's RememberWidths: a later flush keeps a column as wide as an earlier
    /// one made it, and widens it (for later flushes too) when its cells are wider.
    #[test]
    fn a_writer_remembers_column_widths_between_flushes() {
        let mut writer = Writer::new(TABLE);
        assert_eq!(writer.flush("NAME\tSTATUS\tAGE\nweb-1\tContainerCreating\t1s\n"), "NAME    STATUS              AGE\nweb-1   ContainerCreating   1s\n");
        assert_eq!(writer.flush("web-1\tRunning\t2s\n"), "web-1   Running             2s\n");
        assert_eq!(writer.flush("a-much-longer-name\tRunning\t3s\n"), "a-much-longer-name   Running             3s\n");
        assert_eq!(writer.flush("web-1\tRunning\t4s\n"), "web-1                Running             4s\n");
    }
}
