//! A terminal line as bash reads it before any command runs: lists (`;`, `&&`, `||`), variable
//! assignments (`POD=$(kubectl get pods -o name | head -1)`, `export NAME=...`), parameter
//! expansion (`$NAME`, `${NAME}`, `${NAME:-default}`, `$?`) and command substitution (`$(...)`
//! and backquotes), and the builtins `echo`, `export` and `unset`. Tutorials lean on these:
//! kubernetes.io's basics tutorial keeps a pod's name in `$POD_NAME` and runs
//! `kubectl exec "$POD_NAME" -- env`.
//!
//! Expansion works on the line's text: each value is put back quoted (single quotes, or escaped
//! inside double quotes), so [`crate::kubectl::args::shell_words`] then splits the words exactly
//! as bash does after expansion (unquoted values split at blanks, quoted ones kept whole).

pub use crate::engine::shell::is_name;
use crate::playground::CommandOutput;

/// How a command of a list runs after the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// The first command, or after `;`: always.
    Always,
    /// After `&&`: when the one before succeeded.
    And,
    /// After `||`: when the one before failed.
    Or,
}

impl Join {
    /// Whether the command runs after one that exited with `status`.
    pub fn runs_after(self, status: i32) -> bool {
        match self {
            Join::Always => true,
            Join::And => status == 0,
            Join::Or => status != 0,
        }
    }
}

/// bash's message for a construct that does not close.
fn unclosed(what: char) -> String {
    format!("unexpected EOF while looking for matching `{what}'")
}

/// The index just past the construct that starts at `at`: a quoted string, `$'...'`, `$(...)`,
/// `${...}`, a backquoted command or a backslash escape. `at` must be at one of those.
fn skip(text: &[u8], at: usize) -> Result<usize, String> {
    match text[at] {
        b'\\' => Ok((at + 2).min(text.len())),
        b'\'' => text[at + 1..].iter().position(|&b| b == b'\'').map(|end| at + end + 2).ok_or_else(|| unclosed('\'')),
        b'"' => {
            let mut i = at + 1;
            while i < text.len() {
                match text[i] {
                    b'"' => return Ok(i + 1),
                    b'\\' => i += 2,
                    b'$' if matches!(text.get(i + 1), Some(b'(' | b'{')) => i = skip(text, i)?,
                    b'`' => i = skip(text, i)?,
                    _ => i += 1,
                }
            }
            Err(unclosed('"'))
        }
        b'`' => {
            let mut i = at + 1;
            while i < text.len() {
                match text[i] {
                    b'`' => return Ok(i + 1),
                    b'\\' => i += 2,
                    _ => i += 1,
                }
            }
            Err(unclosed('`'))
        }
        b'$' => match text.get(at + 1) {
            Some(b'\'') => {
                let mut i = at + 2;
                while i < text.len() {
                    match text[i] {
                        b'\'' => return Ok(i + 1),
                        b'\\' => i += 2,
                        _ => i += 1,
                    }
                }
                Err(unclosed('\''))
            }
            Some(&open @ (b'(' | b'{')) => {
                let close = if open == b'(' { b')' } else { b'}' };
                let mut depth = 0usize;
                let mut i = at + 1;
                while i < text.len() {
                    match text[i] {
                        b if b == open => {
                            depth += 1;
                            i += 1;
                        }
                        b if b == close => {
                            depth -= 1;
                            i += 1;
                            if depth == 0 {
                                return Ok(i);
                            }
                        }
                        b'\\' | b'\'' | b'"' | b'`' => i = skip(text, i)?,
                        b'$' if matches!(text.get(i + 1), Some(b'(' | b'{' | b'\'')) => i = skip(text, i)?,
                        _ => i += 1,
                    }
                }
                Err(unclosed(close as char))
            }
            _ => Ok(at + 1),
        },
        _ => Ok(at + 1),
    }
}

/// Whether a construct that [`skip`] steps over starts at `at`.
fn opens(text: &[u8], at: usize) -> bool {
    match text[at] {
        b'\\' | b'\'' | b'"' | b'`' => true,
        b'$' => matches!(text.get(at + 1), Some(b'\'' | b'(' | b'{')),
        _ => false,
    }
}

/// The commands of a list, split at `;`, `&&` and `||` outside quotes and substitutions, each
/// with how it joins the one before. A comment (`#` starting a word) ends the line.
pub fn split_list(line: &str) -> Result<Vec<(Join, &str)>, String> {
    let text = line.as_bytes();
    let mut commands = Vec::new();
    let (mut start, mut join) = (0, Join::Always);
    let mut i = 0;
    while i < text.len() {
        // A loop is one command of the list, `;`s and all.
        if line.is_char_boundary(i) && line[start..i].trim().is_empty() {
            if let Some(span) = loop_span(line, i)? {
                i = span.end;
                continue;
            }
        }
        if opens(text, i) {
            i = skip(text, i)?;
            continue;
        }
        let next = text.get(i + 1).copied();
        let (found, width) = match (text[i], next) {
            (b';' | b'\n', _) => (Some(Join::Always), 1),
            (b'&', Some(b'&')) => (Some(Join::And), 2),
            (b'|', Some(b'|')) => (Some(Join::Or), 2),
            (b'#', _) if i == 0 || text[i - 1].is_ascii_whitespace() => break,
            _ => (None, 1),
        };
        if let Some(found) = found {
            let command = &line[start..i];
            // Blank lines between commands (a loop's body written over several lines).
            if text[i] == b'\n' && command.trim().is_empty() {
                start = i + 1;
                i += 1;
                continue;
            }
            if command.trim().is_empty() {
                let token = &line[i..i + width];
                return Err(format!("syntax error near unexpected token `{token}'"));
            }
            commands.push((join, command));
            start = i + width;
            join = found;
        }
        i += width;
    }
    let rest = &line[start..];
    if rest.trim().is_empty() && join != Join::Always {
        return Err("syntax error: unexpected end of file".to_string());
    }
    if !rest.trim().is_empty() || commands.is_empty() {
        commands.push((join, rest));
    }
    Ok(commands)
}

/// Where the parts of a loop (`for NAME in WORDS; do BODY; done`) are in its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoopSpan {
    /// The keyword (`for`, `while`, `until`) ends here; the head (`NAME in WORDS;`) follows.
    pub keyword_end: usize,
    /// The first `do` in command position starts here.
    pub do_start: usize,
    /// The body, between that `do` and the matching `done`.
    pub body: (usize, usize),
    /// Just past the matching `done`.
    pub end: usize,
}

/// The end of the unquoted token at `at`: a word stops at blanks and at `;`, `&`, `|`.
fn token_end(text: &[u8], mut at: usize) -> Result<usize, String> {
    while at < text.len() && !text[at].is_ascii_whitespace() && !matches!(text[at], b';' | b'&' | b'|') {
        at = if opens(text, at) { skip(text, at)? } else { at + 1 };
    }
    Ok(at)
}

/// The loop that starts at `at` (blanks before it allowed), if a `for`, `while` or `until` is
/// the first word there: its `do` and the `done` that closes it (loops nest).
pub fn loop_span(line: &str, at: usize) -> Result<Option<LoopSpan>, String> {
    let text = line.as_bytes();
    let mut i = at;
    while i < text.len() && text[i].is_ascii_whitespace() {
        i += 1;
    }
    let keyword_end = token_end(text, i)?;
    if !matches!(&line[i..keyword_end], "for" | "while" | "until") {
        return Ok(None);
    }
    let (mut depth, mut do_start, mut body_start) = (0usize, None, 0);
    let mut command_position = false;
    i = keyword_end;
    loop {
        while i < text.len() && text[i].is_ascii_whitespace() && text[i] != b'\n' {
            i += 1;
        }
        let Some(&byte) = text.get(i) else {
            return Err("syntax error: unexpected end of file".to_string());
        };
        if matches!(byte, b';' | b'\n' | b'&' | b'|') {
            command_position = true;
            i += 1;
            continue;
        }
        let end = token_end(text, i)?.max(i + 1);
        let word = &line[i..end];
        if command_position && word == "do" {
            depth += 1;
            if do_start.is_none() {
                do_start = Some(i);
                body_start = end;
            }
        } else if command_position && word == "done" {
            if depth == 0 {
                return Err("syntax error near unexpected token `done'".to_string());
            }
            depth -= 1;
            if depth == 0 {
                let do_start = do_start.unwrap_or(i);
                return Ok(Some(LoopSpan { keyword_end, do_start, body: (body_start, i), end }));
            }
        }
        // After these keywords the next word is a command again.
        command_position = command_position && matches!(word, "do" | "then" | "else" | "!");
        i = end;
    }
}

/// The end of the word starting at `at` (the next blank outside quotes and substitutions).
fn word_end(text: &[u8], mut at: usize) -> Result<usize, String> {
    while at < text.len() && !text[at].is_ascii_whitespace() {
        at = if opens(text, at) { skip(text, at)? } else { at + 1 };
    }
    Ok(at)
}

/// The assignments (`NAME=value`, the value as typed) that start a command, and the rest.
pub fn leading_assignments(command: &str) -> Result<(Vec<(&str, &str)>, &str), String> {
    let text = command.as_bytes();
    let mut assignments = Vec::new();
    let mut at = 0;
    loop {
        while at < text.len() && text[at].is_ascii_whitespace() {
            at += 1;
        }
        let end = word_end(text, at)?;
        let word = &command[at..end];
        match word.split_once('=') {
            Some((name, value)) if is_name(name) => assignments.push((name, value)),
            _ => return Ok((assignments, &command[at..])),
        }
        at = end;
    }
}

/// The first word a command runs (after its assignments), as typed; `None` when the command
/// only assigns variables.
pub fn command_word(command: &str) -> Option<String> {
    let (_, rest) = leading_assignments(command).ok()?;
    let text = rest.as_bytes();
    let end = word_end(text, 0).ok()?;
    (end > 0).then(|| rest[..end].to_string())
}

/// What expanding a text gave: the text with every value put back quoted, what the commands
/// substituted wrote to stderr (a terminal shows it), and the last one's exit status.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expanded {
    pub text: String,
    pub stderr: String,
    pub status: Option<i32>,
}

/// The variables and commands an expansion reads.
pub trait Shell {
    /// A variable's value (`?` is the last exit status).
    fn var(&self, name: &str) -> Option<String>;
    /// Sets a variable (an arithmetic expansion's `=`, `+=`, `++`).
    fn set_var(&mut self, name: &str, value: &str);
    /// Runs a substituted command line.
    fn run(&mut self, line: &str) -> CommandOutput;
}

/// How an expanded value is put back into the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    /// Unquoted in a command: split at blanks into words.
    Split,
    /// Unquoted in an assignment, or where bash does not split: one word.
    Whole,
    /// Inside double quotes.
    Quoted,
}

/// Appends `value` to `out` as `context` asks.
fn put(out: &mut String, value: &str, context: Context) {
    match context {
        Context::Quoted => {
            for c in value.chars() {
                if matches!(c, '\\' | '"' | '$' | '`') {
                    out.push('\\');
                }
                out.push(c);
            }
        }
        Context::Whole => single_quote(out, value),
        Context::Split => {
            // Blanks around the value end or start words; each field is one quoted word.
            if value.starts_with(|c: char| c.is_ascii_whitespace()) {
                out.push(' ');
            }
            for (index, field) in value.split_ascii_whitespace().enumerate() {
                if index > 0 {
                    out.push(' ');
                }
                single_quote(out, field);
            }
            if value.ends_with(|c: char| c.is_ascii_whitespace()) && !value.trim().is_empty() {
                out.push(' ');
            }
        }
    }
}

fn single_quote(out: &mut String, value: &str) {
    out.push('\'');
    out.push_str(&value.replace('\'', "'\\''"));
    out.push('\'');
}

/// Expands `text` (a command, or an assignment's value with `whole`) as bash does.
pub fn expand(text: &str, shell: &mut dyn Shell, whole: bool) -> Result<Expanded, String> {
    let bytes = text.as_bytes();
    let mut expanded = Expanded::default();
    let mut quoted = false;
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        let context = if quoted {
            Context::Quoted
        } else if whole {
            Context::Whole
        } else {
            Context::Split
        };
        let start = i;
        let value: Option<String> = match bytes[i] {
            b'"' => {
                quoted = !quoted;
                i += 1;
                None
            }
            b'\\' => {
                i = (i + 2).min(bytes.len());
                None
            }
            b'\'' if !quoted => {
                i = skip(bytes, i)?;
                None
            }
            b'{' if !quoted && !whole && (i == 0 || bytes[i - 1].is_ascii_whitespace()) => match brace_range(text, i) {
                Some((fields, end)) => {
                    i = end;
                    Some(fields.join(" "))
                }
                None => {
                    i += 1;
                    None
                }
            },
            b'$' if bytes.get(i + 1) == Some(&b'\'') && !quoted => {
                i = skip(bytes, i)?;
                None
            }
            b'`' | b'$' => {
                let (value, end) = expansion_at(text, i, shell, &mut expanded)?;
                i = end;
                value
            }
            _ => {
                i += 1;
                None
            }
        };
        if let Some(value) = value {
            expanded.text.push_str(&text[copied..start]);
            put(&mut expanded.text, &value, context);
            copied = i;
        }
    }
    if quoted {
        return Err(unclosed('"'));
    }
    expanded.text.push_str(&text[copied..]);
    Ok(expanded)
}

/// bash's brace expansion of a whole word `{1..5}`, `{5..1}`, `{a..e}`: the fields and the end
/// of the word; None for any other word (it stays as typed).
fn brace_range(text: &str, at: usize) -> Option<(Vec<String>, usize)> {
    let end = text[at..].find(|c: char| c.is_ascii_whitespace() || c == ';').map_or(text.len(), |n| at + n);
    let (first, last) = text[at..end].strip_prefix('{')?.strip_suffix('}')?.split_once("..")?;
    if let (Ok(first), Ok(last)) = (first.parse::<i64>(), last.parse::<i64>()) {
        if first.abs_diff(last) > 10_000 {
            return None;
        }
        let fields: Vec<String> = if first <= last { (first..=last).map(|n| n.to_string()).collect() } else { (last..=first).rev().map(|n| n.to_string()).collect() };
        return Some((fields, end));
    }
    let (&[first], &[last]) = (first.as_bytes(), last.as_bytes()) else { return None };
    if !first.is_ascii_alphabetic() || !last.is_ascii_alphabetic() {
        return None;
    }
    let fields: Vec<String> = if first <= last { (first..=last).map(|c| (c as char).to_string()).collect() } else { (last..=first).rev().map(|c| (c as char).to_string()).collect() };
    Some((fields, end))
}

/// `seq [FIRST [INCREMENT]] LAST` (integers), as coreutils prints it; its error otherwise.
pub fn seq(args: &[String]) -> Result<String, String> {
    let numbers: Vec<i64> = args
        .iter()
        .map(|arg| arg.parse::<i64>().map_err(|_| format!("seq: invalid floating point argument: '{arg}'\nTry 'seq --help' for more information.")))
        .collect::<Result<_, _>>()?;
    let (first, step, last) = match numbers.as_slice() {
        [last] => (1, 1, *last),
        [first, last] => (*first, 1, *last),
        [first, step, last] => (*first, *step, *last),
        [] => return Err("seq: missing operand\nTry 'seq --help' for more information.".to_string()),
        _ => return Err(format!("seq: extra operand '{}'\nTry 'seq --help' for more information.", args[3])),
    };
    if step == 0 {
        return Err(format!("seq: invalid Zero increment value: '{}'\nTry 'seq --help' for more information.", args[1]));
    }
    let mut out = String::new();
    let mut n = first;
    // A learner's terminal, not a benchmark: at most 10,000 lines.
    for _ in 0..10_000 {
        if (step > 0 && n > last) || (step < 0 && n < last) {
            break;
        }
        out.push_str(&format!("{n}\n"));
        n += step;
    }
    Ok(out)
}

/// What kubeplay says for a program a tutorial runs outside the cluster, or that only a real
/// shell has: where the learner's intent can be met here instead. None for any other word.
pub fn outside_program(program: &str) -> Option<String> {
    let advice = match program {
        "curl" | "wget" | "http" | "nc" | "telnet" | "ping" | "nslookup" | "dig" => {
            "nothing in kubeplay leaves the simulated cluster, so there is no machine of yours to run it on. Run it in a pod instead: `kubectl exec deploy/NAME -- curl -s SERVICE:PORT`"
        }
        "minikube" | "kind" | "k3d" | "kubeadm" | "microk8s" => "kubeplay is the cluster here. `kubectl get nodes -o wide` shows its nodes and their addresses",
        "docker" | "podman" | "crictl" | "ctr" | "nerdctl" => "containers run inside the simulated nodes; see them with `kubectl get pods` and `kubectl describe pod NAME`",
        "helm" | "kustomize" | "skaffold" | "terraform" => "only kubectl talks to this cluster; apply manifests with `kubectl apply -f FILE`",
        "watch" => "it reruns a command for ever. Watch with `kubectl get pods -w`, `kubectl rollout status`, or the cluster view",
        "ls" | "cd" | "pwd" | "mkdir" | "rm" | "cp" | "mv" | "touch" | "vi" | "vim" | "nano" | "code" | "less" | "more" => {
            "the files here are kubeplay's own (the editor's tabs, heredocs): `cat FILE` prints one, `kubectl ... > FILE` writes one"
        }
        "ssh" | "sudo" | "systemctl" | "journalctl" | "apt" | "apt-get" | "yum" | "brew" => "there is no machine behind this terminal, only the simulated cluster and kubectl",
        _ => return None,
    };
    Some(format!("kubeplay: {program}: {advice}"))
}

/// A backquoted command or a `$` expansion at `at`: its value (None for a `$` that expands
/// nothing) and where it ends.
fn expansion_at(text: &str, at: usize, shell: &mut dyn Shell, expanded: &mut Expanded) -> Result<(Option<String>, usize), String> {
    if text.as_bytes()[at] == b'`' {
        let end = skip(text.as_bytes(), at)?;
        let body = text[at + 1..end - 1].replace("\\`", "`");
        return Ok((Some(substitute(&body, shell, expanded)), end));
    }
    dollar(text, at, shell, expanded)
}

/// The expansion a `$` at `at` starts (`$(...)`, `${...}`, `$?`, `$0`-`$9`, `$NAME`) and where
/// it ends; None (and the next index) for a `$` that expands nothing.
fn dollar(text: &str, at: usize, shell: &mut dyn Shell, expanded: &mut Expanded) -> Result<(Option<String>, usize), String> {
    let bytes = text.as_bytes();
    Ok(match bytes.get(at + 1) {
        Some(b'(') if bytes.get(at + 2) == Some(&b'(') => {
            let end = skip(bytes, at)?;
            if !text[..end].ends_with("))") {
                return Err(unclosed(')'));
            }
            (Some(arithmetic(&text[at + 3..end - 2], shell, expanded)?.to_string()), end)
        }
        Some(b'(') => {
            let end = skip(bytes, at)?;
            (Some(substitute(&text[at + 2..end - 1], shell, expanded)), end)
        }
        Some(b'{') => {
            let end = skip(bytes, at)?;
            (Some(braced(&text[at + 2..end - 1], shell, expanded)?), end)
        }
        Some(b'?') => (Some(shell.var("?").unwrap_or_else(|| "0".to_string())), at + 2),
        Some(c) if c.is_ascii_digit() => (Some(if *c == b'0' { "bash".to_string() } else { String::new() }), at + 2),
        Some(c) if *c == b'_' || c.is_ascii_alphabetic() => {
            let end = bytes[at + 1..].iter().position(|b| !(*b == b'_' || b.is_ascii_alphanumeric())).map_or(bytes.len(), |n| at + 1 + n);
            (Some(shell.var(&text[at + 1..end]).unwrap_or_default()), end)
        }
        _ => (None, at + 1),
    })
}

/// The text of an unquoted heredoc (`<<EOF`, not `<<'EOF'`), as bash expands it: `$NAME`,
/// `${...}`, `$(...)` and backquotes replaced, `\$`, `\``, `\\` escaped, a backslash-newline
/// joined; quotes are plain characters there.
pub fn expand_heredoc(text: &str, shell: &mut dyn Shell) -> Result<Expanded, String> {
    let bytes = text.as_bytes();
    let mut expanded = Expanded::default();
    let (mut i, mut copied) = (0, 0);
    while i < bytes.len() {
        let start = i;
        let value = match bytes[i] {
            b'\\' if matches!(bytes.get(i + 1), Some(b'$' | b'`' | b'\\')) => {
                i += 2;
                Some(text[start + 1..i].to_string())
            }
            b'\\' if bytes.get(i + 1) == Some(&b'\n') => {
                i += 2;
                Some(String::new())
            }
            b'`' | b'$' => {
                let (value, end) = expansion_at(text, i, shell, &mut expanded)?;
                i = end;
                value
            }
            _ => {
                i += 1;
                None
            }
        };
        if let Some(value) = value {
            expanded.text.push_str(&text[copied..start]);
            expanded.text.push_str(&value);
            copied = i;
        }
    }
    expanded.text.push_str(&text[copied..]);
    Ok(expanded)
}

/// `$(body)`: the command's stdout without its trailing newlines; its stderr is kept to show.
fn substitute(body: &str, shell: &mut dyn Shell, expanded: &mut Expanded) -> String {
    let output = shell.run(body);
    expanded.stderr.push_str(&output.stderr);
    expanded.status = Some(output.exit_code);
    output.stdout.trim_end_matches('\n').to_string()
}

/// `$((EXPR))`: EXPR's `$` expansions and substitutions first, as in double quotes, then
/// bash's arithmetic (`arith.rs`).
fn arithmetic(inner: &str, shell: &mut dyn Shell, expanded: &mut Expanded) -> Result<i64, String> {
    let text = expand_heredoc(inner, shell)?;
    expanded.stderr.push_str(&text.stderr);
    struct ShellVars<'s>(&'s mut dyn Shell);
    impl crate::engine::arith::Vars for ShellVars<'_> {
        fn get(&self, name: &str) -> Option<String> {
            self.0.var(name)
        }
        fn set(&mut self, name: &str, value: &str) {
            self.0.set_var(name, value);
        }
    }
    crate::engine::arith::evaluate(&text.text, &mut ShellVars(shell))
}

/// `${NAME}`, `${NAME:-word}` / `${NAME-word}` (a default), `${#NAME}` (the length).
fn braced(inner: &str, shell: &mut dyn Shell, expanded: &mut Expanded) -> Result<String, String> {
    if let Some(name) = inner.strip_prefix('#').filter(|name| is_name(name)) {
        return Ok(shell.var(name).unwrap_or_default().chars().count().to_string());
    }
    let name_end = inner.find(|c: char| !(c == '_' || c == '?' || c.is_ascii_alphanumeric())).unwrap_or(inner.len());
    let (name, rest) = inner.split_at(name_end);
    if name.is_empty() {
        return Err(format!("${{{inner}}}: bad substitution"));
    }
    let value = shell.var(name);
    let (default, if_empty) = match rest {
        "" => return Ok(value.unwrap_or_default()),
        _ if rest.starts_with(":-") => (&rest[2..], true),
        _ if rest.starts_with('-') => (&rest[1..], false),
        _ => return Err(format!("${{{inner}}}: bad substitution")),
    };
    match value {
        Some(value) if !(if_empty && value.is_empty()) => Ok(value),
        _ => {
            let word = expand(default, shell, true)?;
            expanded.stderr.push_str(&word.stderr);
            Ok(crate::kubectl::args::shell_words(&word.text)?.concat())
        }
    }
}

/// An assignment's value: expanded without splitting, its quotes removed.
pub fn assigned_value(raw: &str, shell: &mut dyn Shell) -> Result<(String, Expanded), String> {
    let expanded = expand(raw, shell, true)?;
    let value = crate::kubectl::args::shell_words(&expanded.text)?.concat();
    Ok((value, expanded))
}

/// bash's `echo`: the words joined by spaces and a newline; `-n` drops the newline, `-e`
/// reads backslash escapes (`\n`, `\t`, `\\`, `\c` ends the output).
pub fn echo(words: &[String]) -> String {
    let (mut newline, mut escapes) = (true, false);
    let mut index = 0;
    while let Some(word) = words.get(index) {
        let flags = word.strip_prefix('-').filter(|f| !f.is_empty() && f.chars().all(|c| matches!(c, 'n' | 'e' | 'E')));
        let Some(flags) = flags else { break };
        for flag in flags.chars() {
            match flag {
                'n' => newline = false,
                'e' => escapes = true,
                _ => escapes = false,
            }
        }
        index += 1;
    }
    let mut text = words[index..].join(" ");
    if escapes {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('\\') => out.push('\\'),
                Some('c') => return out,
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            }
        }
        text = out;
    }
    if newline {
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Variables from a map; substituted commands print `<line>` and a newline.
    struct Fake(BTreeMap<String, String>, Vec<String>);

    impl Shell for Fake {
        fn var(&self, name: &str) -> Option<String> {
            self.0.get(name).cloned()
        }
        fn set_var(&mut self, name: &str, value: &str) {
            self.0.insert(name.to_string(), value.to_string());
        }
        fn run(&mut self, line: &str) -> CommandOutput {
            self.1.push(line.to_string());
            let stdout = format!("<{line}>\n\n");
            CommandOutput { combined: stdout.clone(), stdout, ..Default::default() }
        }
    }

    fn fake() -> Fake {
        let vars = [("POD", "web-1"), ("TWO", "a  b"), ("EMPTY", ""), ("Q", "it's")];
        Fake(vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(), Vec::new())
    }

    fn words(line: &str) -> Vec<String> {
        let expanded = expand(line, &mut fake(), false).unwrap();
        crate::kubectl::args::shell_words(&expanded.text).unwrap()
    }

    #[test]
    fn expansions_give_the_words_bash_gives() {
        let cases: &[(&str, &[&str])] = &[
            ("kubectl exec $POD -- env", &["kubectl", "exec", "web-1", "--", "env"]),
            ("kubectl exec \"$POD\" -- env", &["kubectl", "exec", "web-1", "--", "env"]),
            ("kubectl logs pod/${POD}", &["kubectl", "logs", "pod/web-1"]),
            ("echo '$POD'", &["echo", "$POD"]),
            ("echo $TWO", &["echo", "a", "b"]),
            ("echo \"$TWO\"", &["echo", "a  b"]),
            ("echo x$EMPTY y", &["echo", "x", "y"]),
            ("echo $EMPTY", &["echo"]),
            ("echo \"$EMPTY\"", &["echo", ""]),
            ("echo $Q \"$Q\"", &["echo", "it's", "it's"]),
            ("echo $MISSING done", &["echo", "done"]),
            ("echo ${MISSING:-nginx} ${EMPTY:-x} ${EMPTY-x}", &["echo", "nginx", "x"]),
            ("echo ${#POD}", &["echo", "5"]),
            ("echo \\$POD", &["echo", "$POD"]),
            ("echo $ 5$", &["echo", "$", "5$"]),
            ("kubectl exec $(kubectl get pods -o name) -- ls", &["kubectl", "exec", "<kubectl", "get", "pods", "-o", "name>", "--", "ls"]),
            ("kubectl exec \"$(kubectl get pods -o name)\" -- ls", &["kubectl", "exec", "<kubectl get pods -o name>", "--", "ls"]),
            ("echo `kubectl version`", &["echo", "<kubectl", "version>"]),
            ("echo \"$(kubectl get pods -o jsonpath='{.items[0].metadata.name}')\"", &["echo", "<kubectl get pods -o jsonpath='{.items[0].metadata.name}'>"]),
            ("echo Name of the Pod: $POD", &["echo", "Name", "of", "the", "Pod:", "web-1"]),
        ];
        for (line, expected) in cases {
            assert_eq!(words(line), expected.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "{line}");
        }
    }

    #[test]
    fn substitutions_run_once_each_and_nest_their_quotes() {
        let mut shell = fake();
        let expanded = expand("a $(kubectl get pods | grep \")\") `b` \"$(c)\"", &mut shell, false).unwrap();
        assert_eq!(shell.1, ["kubectl get pods | grep \")\"", "b", "c"]);
        assert_eq!(expanded.status, Some(0));
    }

    #[test]
    fn unclosed_constructs_are_bash_s_errors() {
        assert_eq!(expand("echo $(kubectl get pods", &mut fake(), false), Err("unexpected EOF while looking for matching `)'".to_string()));
        assert_eq!(expand("echo \"$POD", &mut fake(), false), Err("unexpected EOF while looking for matching `\"'".to_string()));
        assert_eq!(expand("echo ${POD", &mut fake(), false), Err("unexpected EOF while looking for matching `}'".to_string()));
        assert_eq!(expand("echo ${POD/x/y}", &mut fake(), false), Err("${POD/x/y}: bad substitution".to_string()));
    }

    #[test]
    fn lists_split_outside_quotes_and_substitutions() {
        let cases: &[(&str, &[(Join, &str)])] = &[
            ("kubectl get pods", &[(Join::Always, "kubectl get pods")]),
            ("a && b || c ; d", &[(Join::Always, "a "), (Join::And, " b "), (Join::Or, " c "), (Join::Always, " d")]),
            ("a; ", &[(Join::Always, "a")]),
            ("echo 'a && b' \"c;d\" $(e; f) x|y 2>&1", &[(Join::Always, "echo 'a && b' \"c;d\" $(e; f) x|y 2>&1")]),
            ("a # b && c", &[(Join::Always, "a # b && c")]),
        ];
        for (line, expected) in cases {
            assert_eq!(split_list(line).unwrap(), expected.to_vec(), "{line}");
        }
        assert_eq!(split_list("&& a"), Err("syntax error near unexpected token `&&'".to_string()));
        assert_eq!(split_list("a &&"), Err("syntax error: unexpected end of file".to_string()));
    }

    #[test]
    fn assignments_come_before_the_command() {
        assert_eq!(leading_assignments("POD=$(kubectl get pods -o name | head -1)").unwrap(), (vec![("POD", "$(kubectl get pods -o name | head -1)")], ""));
        assert_eq!(leading_assignments("A=1 B='x y' kubectl get pods").unwrap(), (vec![("A", "1"), ("B", "'x y'")], "kubectl get pods"));
        assert_eq!(leading_assignments("kubectl get pods A=1").unwrap(), (vec![], "kubectl get pods A=1"));
        assert_eq!(leading_assignments("1A=x").unwrap(), (vec![], "1A=x"));
        assert_eq!(command_word("POD=x kubectl get pods"), Some("kubectl".to_string()));
        assert_eq!(command_word("POD=x"), None);
        let (value, _) = assigned_value("\"$TWO\"-$TWO", &mut fake()).unwrap();
        assert_eq!(value, "a  b-a  b");
    }

    #[test]
    fn loops_are_one_command_with_their_body() {
        let line = "for i in 1 2; do echo $i; for j in a; do echo $j; done; done; echo after";
        let span = loop_span(line, 0).unwrap().unwrap();
        assert_eq!(&line[span.keyword_end..span.do_start], " i in 1 2; ");
        assert_eq!(&line[span.body.0..span.body.1], " echo $i; for j in a; do echo $j; done; ");
        assert_eq!(&line[span.end..], "; echo after");
        assert_eq!(split_list(line).unwrap(), vec![(Join::Always, &line[..span.end]), (Join::Always, " echo after")]);
        // `do`/`done` as arguments are words, not keywords.
        let quoted = "for w in do done; do echo done; done";
        assert_eq!(loop_span(quoted, 0).unwrap().unwrap().end, quoted.len());
        assert_eq!(loop_span("kubectl get pods", 0), Ok(None));
        assert_eq!(loop_span("for i in 1 2; do echo", 0), Err("syntax error: unexpected end of file".to_string()));
        assert_eq!(split_list("echo a\n\necho b").unwrap(), vec![(Join::Always, "echo a"), (Join::Always, "echo b")]);
    }

    #[test]
    fn brace_ranges_and_seq_count_as_bash_and_coreutils_do() {
        assert_eq!(words("for i in {1..3} {c..a} {x} {1..b}"), ["for", "i", "in", "1", "2", "3", "c", "b", "a", "{x}", "{1..b}"]);
        assert_eq!(words("echo \"{1..3}\""), ["echo", "{1..3}"]);
        let w = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(seq(&w(&["3"])), Ok("1\n2\n3\n".to_string()));
        assert_eq!(seq(&w(&["5", "-2", "1"])), Ok("5\n3\n1\n".to_string()));
        assert_eq!(seq(&w(&["2", "1"])), Ok(String::new()));
        assert_eq!(seq(&w(&["x"])), Err("seq: invalid floating point argument: 'x'\nTry 'seq --help' for more information.".to_string()));
        assert_eq!(seq(&w(&[])), Err("seq: missing operand\nTry 'seq --help' for more information.".to_string()));
    }

    #[test]
    fn echo_as_bash_s_builtin() {
        let w = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(echo(&w(&["a", "b"])), "a b\n");
        assert_eq!(echo(&w(&["-n", "a"])), "a");
        assert_eq!(echo(&w(&["-e", "a\\tb\\nc"])), "a\tb\nc\n");
        assert_eq!(echo(&w(&["a\\tb"])), "a\\tb\n");
        assert_eq!(echo(&w(&["-x", "a"])), "-x a\n");
        assert_eq!(echo(&w(&[])), "\n");
    }
}
