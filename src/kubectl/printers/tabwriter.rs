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
    let lines: Vec<Vec<&str>> = text.split_terminator('\n').map(|line| line.split('\t').collect()).collect();
    let mut out = String::with_capacity(text.len() + 64);
    let mut widths: Vec<usize> = Vec::new();
    format(&lines, 0, lines.len(), &mut widths, settings, &mut out);
    out
}

fn char_width(cell: &str) -> usize {
    cell.chars().count()
}

fn format(lines: &[Vec<&str>], mut line0: usize, line1: usize, widths: &mut Vec<usize>, settings: Settings, out: &mut String) {
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
        widths.push(width);
        format(lines, line0, this, widths, settings, out);
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
}
