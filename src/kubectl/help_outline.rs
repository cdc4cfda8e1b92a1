//! The outline of a kubectl help text: the lines `help.rs` reads to find commands and parse
//! their flags, without the prose. The page's build embeds only these outlines (`build.rs`
//! writes them from `src/kubectl/help/`) and fetches the whole texts when a line first prints
//! one (`static/help/v1.32.json`). Plain std, so that `build.rs` can include this file too.

/// The file names in `src/kubectl/help/` that are not a command's help text.
pub const NOT_COMMANDS: [&str; 4] = ["groups.txt", "help.txt", "options.txt", "usage.txt"];

/// The command path a help file holds (`rollout_undo.txt` is `rollout undo`, `kubectl.txt` the
/// root's `""`), or `None` for a file that is not a command's help.
pub fn command_path(file_name: &str) -> Option<String> {
    if NOT_COMMANDS.contains(&file_name) {
        return None;
    }
    let stem = file_name.strip_suffix(".txt")?;
    Some(if stem == "kubectl" { String::new() } else { stem.replace('_', " ") })
}

/// Whether a line heads a list of subcommands (`Available Commands:`, the root's
/// `Basic Commands (Beginner):`, ...).
pub fn is_commands_header(line: &str) -> bool {
    line.ends_with("Commands:") || line.ends_with("Commands (Beginner):") || line.ends_with("Commands (Intermediate):")
}

/// Keeps, of a help text: the first line of `kubectl options` ("The following options ..."),
/// each subcommand list (its header, each entry's name, the empty line that ends it), the
/// `Aliases:` line, and the flag lines under `Options:` (`    -o, --output='':`).
///
/// Example: `rollout`'s 1.6 KB text becomes
/// `Available Commands:\n  history\n  pause\n  restart\n  resume\n  status\n  undo\n\n` plus its
/// global-flags hint's nothing (it has no `Options:`).
pub fn outline(text: &str) -> String {
    let mut kept = String::new();
    let mut lines = text.lines().peekable();
    if let Some(first) = lines.peek().filter(|line| line.starts_with("The following options")) {
        kept.push_str(first);
        kept.push('\n');
    }
    let mut in_list = false;
    let mut in_options = text.starts_with("The following options");
    while let Some(line) = lines.next() {
        if is_commands_header(line) {
            kept.push_str(line);
            kept.push('\n');
            in_list = true;
        } else if line.is_empty() {
            if in_list {
                kept.push('\n');
            }
            in_list = false;
        } else if in_list {
            if let Some(name) = line.strip_prefix("  ").and_then(|rest| rest.split_whitespace().next()) {
                kept.push_str("  ");
                kept.push_str(name);
                kept.push('\n');
            }
        } else if line == "Aliases:" {
            kept.push_str("\nAliases:\n");
            if let Some(aliases) = lines.next() {
                kept.push_str(aliases);
                kept.push('\n');
            }
        } else if line == "Options:" {
            kept.push_str("\nOptions:\n");
            in_options = true;
        } else if in_options && line.starts_with("    -") && line.ends_with(':') && line.contains('=') {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    kept
}
