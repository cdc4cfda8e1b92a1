//! Scripts of kubectl commands, as a learner types them and as bash would run them:
//! `kubectl ...` lines (shell quoting, `\` continuations), heredocs (`kubectl apply -f - <<'EOF'`),
//! `cat > FILE <<'EOF'` to write a file, `sleep N` (advances the virtual clock), `#` comments.
//! Running a script prints a transcript: `$ ` and the command, then what kubectl printed.

use crate::engine::Cluster;
use crate::playground::CommandOutput;

/// One step of a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A kubectl command (or a line of bash's own: assignments, `echo`, `export`, `unset`) with
    /// its heredoc body, if any. `display` is the text as typed. `expand`: the heredoc's marker
    /// was unquoted (`<<EOF`), so bash expands `$NAME` and `$(...)` in its text when it runs.
    Kubectl { line: String, stdin: Option<String>, display: String, expand: bool },
    /// `sleep N`: advance the clock N seconds.
    Sleep { seconds: u64, display: String },
    /// `cat > FILE <<'EOF'`: save a file for later `-f FILE`.
    WriteFile { name: String, text: String, display: String },
    /// A line kubeplay cannot run.
    Unsupported { display: String, message: String },
}

/// Parses a script. Never fails: unknown lines become `Unsupported` steps.
pub fn parse(text: &str) -> Vec<Step> {
    let lines: Vec<&str> = text.lines().collect();
    let mut steps = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let mut line = lines[index].to_string();
        index += 1;
        while line.trim_end().ends_with('\\') && index < lines.len() {
            let trimmed = line.trim_end();
            line = format!("{} {}", &trimmed[..trimmed.len() - 1], lines[index].trim_start());
            index += 1;
        }
        // A quoted word goes on over lines until its quote closes, as bash reads it
        // (`sh -c 'cat <<EOF > /tmp/a` ... `EOF'`).
        while index < lines.len() && crate::engine::shell_heredoc::open_quote(&line) {
            line.push('\n');
            line.push_str(lines[index]);
            index += 1;
        }
        // A loop written over several lines (`for i in 1 2 3; do` ... `done`) is one command.
        while index < lines.len() && crate::kubectl::shell_line::loop_span(&line, 0).is_err_and(|e| e.contains("end of file")) {
            line.push('\n');
            line.push_str(lines[index]);
            index += 1;
        }
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let (command, heredoc) = split_heredoc(trimmed);
        let mut body = None;
        let mut display = trimmed.to_string();
        let expand = heredoc.as_ref().is_some_and(|(_, _, quoted)| !quoted);
        if let Some((marker, strip_tabs, _)) = heredoc {
            let mut collected = String::new();
            while index < lines.len() {
                let raw = lines[index];
                index += 1;
                let candidate = if strip_tabs { raw.trim_start_matches('\t') } else { raw };
                if candidate == marker {
                    break;
                }
                collected.push_str(candidate);
                collected.push('\n');
            }
            display = format!("{trimmed}\n{collected}{marker}");
            body = Some(collected);
        }
        steps.push(match classify(&command, body, display) {
            Step::Kubectl { line, stdin, display, .. } => Step::Kubectl { line, stdin, display, expand },
            other => other,
        });
    }
    steps
}

/// Finds `<<'EOF'`, `<<"EOF"`, `<<EOF` or `<<-EOF`; returns the command without it, and the
/// marker, whether tabs are stripped (`<<-`) and whether the marker was quoted.
fn split_heredoc(line: &str) -> (String, Option<(String, bool, bool)>) {
    // Outside quotes only: `sh -c "echo '<<'"` has none.
    let Some(at) = crate::engine::shell_heredoc::operator_at(line) else {
        return (line.to_string(), None);
    };
    let before = line[..at].trim_end();
    let mut rest = &line[at + 2..];
    let strip_tabs = rest.starts_with('-');
    if strip_tabs {
        rest = &rest[1..];
    }
    let rest = rest.trim_start();
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let quoted = rest[..end].contains(['\'', '"', '\\']);
    let marker = rest[..end].trim_matches(|c| c == '\'' || c == '"').replace('\\', "");
    let after = rest[end..].trim();
    let command = if after.is_empty() { before.to_string() } else { format!("{before} {after}") };
    (command, Some((marker, strip_tabs, quoted)))
}

fn classify(command: &str, body: Option<String>, display: String) -> Step {
    let words = crate::kubectl::args::shell_words(command).unwrap_or_default();
    // Lines of bash itself run as the terminal runs them: assignments (`POD=$(kubectl ...)`), `export`, `unset`, `echo`, and lists
    // (`sleep 5 && kubectl get pods`).
    let shell_word = crate::kubectl::shell_line::command_word(command);
    let list = crate::kubectl::shell_line::split_list(command).map_or(1, |list| list.len());
    // `NAME=value kubectl ...` too: the variables are kubectl's environment (`KUBE_EDITOR`).
    if list > 1 || shell_word.is_none() || matches!(shell_word.as_deref(), Some("export" | "unset" | "echo" | "seq" | "for" | "while" | "until" | "kubectl" | "k")) {
        return Step::Kubectl { line: command.to_string(), stdin: body, display, expand: false };
    }
    match words.first().map(String::as_str) {
        Some("kubectl") | Some("k") => Step::Kubectl { line: command.to_string(), stdin: body, display, expand: false },
        Some("sleep") => match words.get(1).and_then(|s| s.trim_end_matches('s').parse::<f64>().ok()) {
            Some(seconds) if seconds >= 0.0 => Step::Sleep { seconds: seconds.ceil() as u64, display },
            _ => Step::Unsupported { display, message: format!("sleep: invalid time interval '{}'", words.get(1).cloned().unwrap_or_default()) },
        },
        Some("cat") if body.is_some() && command.contains('>') => {
            let target = words.iter().position(|w| w == ">").and_then(|i| words.get(i + 1)).cloned().or_else(|| words.iter().find_map(|w| w.strip_prefix('>').map(str::to_string)));
            match target {
                Some(name) => Step::WriteFile { name, text: body.unwrap_or_default(), display },
                None => Step::Unsupported { display, message: "cat: only `cat > FILE <<'EOF'` is supported".into() },
            }
        }
        // `cat FILE`: a file written before (a heredoc, `kubectl ... > FILE`), as the terminal reads it.
        Some("cat") => Step::Kubectl { line: command.to_string(), stdin: body, display, expand: false },
        Some(other) if crate::kubectl::shell_line::outside_program(other).is_some() => {
            Step::Unsupported { display, message: crate::kubectl::shell_line::outside_program(other).unwrap_or_default() }
        }
        Some(other) => Step::Unsupported { display, message: format!("kubeplay: {other}: only kubectl, sleep, cat, echo, seq, variables (NAME=..., export, unset), for loops and cat > FILE heredocs run here") },
        None => Step::Unsupported { display, message: "kubeplay: empty command".into() },
    }
}

/// `sleep N` typed into the page's terminal: the seconds to let pass, or bash's error text.
/// `None` for any other line.
pub fn sleep_of(line: &str) -> Option<Result<u64, String>> {
    let words = crate::kubectl::args::shell_words(line).ok()?;
    if words.first().map(String::as_str) != Some("sleep") || crate::kubectl::shell_line::split_list(line).map_or(true, |list| list.len() > 1) {
        return None;
    }
    Some(match classify(line.trim(), None, line.to_string()) {
        Step::Sleep { seconds, .. } => Ok(seconds),
        Step::Unsupported { message, .. } => Err(message),
        _ => Err("sleep: missing operand".into()),
    })
}

/// What running a script produced.
#[derive(Debug, Clone, Default)]
pub struct Transcript {
    pub text: String,
    pub failed: usize,
    pub outputs: Vec<CommandOutput>,
}

/// Runs every step (a failing command does not stop the script) and builds the transcript.
pub fn run(cluster: &mut Cluster, steps: &[Step]) -> Transcript {
    let mut transcript = Transcript::default();
    for step in steps {
        // Inside `kubectl exec -it POD -- sh` every line is the container shell's, shown after
        // its prompt.
        let prompt = crate::kubectl::exec::prompt(cluster);
        let in_session = cluster.exec_session().is_some();
        // The container's shell reads the lines as typed, heredocs included (`cat > FILE
        // <<EOF` writes in the container, not a playground file).
        let step = match step {
            Step::Unsupported { display, .. } | Step::WriteFile { display, .. } | Step::Kubectl { stdin: Some(_), display, .. } if in_session => {
                &Step::Kubectl { line: display.clone(), stdin: None, display: display.clone(), expand: false }
            }
            other => other,
        };
        match step {
            Step::Kubectl { line, stdin, display, expand } => {
                transcript.text.push_str(&format!("{prompt}{display}\n"));
                let (stdin, expansion_errors) = match stdin {
                    Some(body) if *expand => {
                        let (text, errors) = crate::kubectl::expand_heredoc(cluster, body);
                        (Some(text), errors)
                    }
                    other => (other.clone(), String::new()),
                };
                transcript.text.push_str(&expansion_errors);
                let output = crate::kubectl::run_line(cluster, line, stdin.as_deref());
                transcript.text.push_str(&output.combined);
                // A terminal would show the next prompt right after output without a newline
                // (`-o jsonpath`); the transcript starts each command on its own line.
                if !output.combined.is_empty() && !output.combined.ends_with('\n') {
                    transcript.text.push('\n');
                }
                if output.exit_code != 0 {
                    transcript.failed += 1;
                }
                transcript.outputs.push(output);
            }
            Step::Sleep { seconds, display } => {
                transcript.text.push_str(&format!("{prompt}{display}\n"));
                cluster.run_for(*seconds);
            }
            Step::WriteFile { name, text, display } => {
                transcript.text.push_str(&format!("$ {display}\n"));
                cluster.add_file(name, text);
            }
            Step::Unsupported { display, message } => {
                transcript.text.push_str(&format!("$ {display}\n{message}\n"));
                transcript.failed += 1;
            }
        }
    }
    transcript
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heredocs_sleep_and_comments() {
        let steps = parse("# a lesson\nkubectl apply -f - <<'EOF'\nkind: Pod\nEOF\nsleep 5\ncat > web.yaml <<EOF\nx: 1\nEOF\nls -l\n");
        assert_eq!(steps.len(), 4);
        assert!(matches!(&steps[0], Step::Kubectl { line, stdin: Some(body), .. } if line == "kubectl apply -f -" && body == "kind: Pod\n"));
        assert!(matches!(&steps[1], Step::Sleep { seconds: 5, .. }));
        assert!(matches!(&steps[2], Step::WriteFile { name, text, .. } if name == "web.yaml" && text == "x: 1\n"));
        assert!(matches!(&steps[3], Step::Unsupported { .. }));
    }

    #[test]
    fn quotes_go_on_over_lines_and_hide_heredoc_operators() {
        let steps = parse("kubectl exec web -- sh -c 'cat <<EOF > /tmp/a\nhi\nEOF'\nkubectl exec web -- sh -c \"echo '<<' x\"\nkubectl get pods\n");
        assert_eq!(steps.len(), 3);
        assert!(matches!(&steps[0], Step::Kubectl { line, stdin: None, .. } if line == "kubectl exec web -- sh -c 'cat <<EOF > /tmp/a\nhi\nEOF'"));
        assert!(matches!(&steps[1], Step::Kubectl { stdin: None, .. }));
    }

    #[test]
    fn sleep_in_the_terminal() {
        assert_eq!(sleep_of("sleep 30"), Some(Ok(30)));
        assert_eq!(sleep_of("sleep 2.5s"), Some(Ok(3)));
        assert_eq!(sleep_of("sleep x"), Some(Err("sleep: invalid time interval 'x'".into())));
        assert_eq!(sleep_of("kubectl get pods"), None);
    }
}
