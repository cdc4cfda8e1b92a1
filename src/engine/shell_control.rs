//! The container shells' compound commands, as POSIX sh (busybox ash, dash, bash) runs them:
//! `for NAME in WORDS; do ...; done`, `while LIST; do ...; done`, `until`, and
//! `if LIST; then ...; elif ...; else ...; fi`, nested, with `break` and `continue`; plus the
//! `test`/`[` builtin. A loop's commands run one after another in the same process (its
//! variables, its `$?`); virtual time does not pass during an exec, so a loop that would never
//! end is stopped after `MAX_ROUNDS` rounds with a line that says so.

use crate::engine::shell::{run_script, Output, Process};
use crate::engine::Cluster;

/// How many rounds a `while`/`until` loop may run in one exec.
pub const MAX_ROUNDS: usize = 1000;

/// One token of a command list at the top level: a word, or a separator (`;`, newline, `&&`,
/// `||`, `|`, `&`), with where it starts and ends in the text.
#[derive(Debug, Clone, PartialEq)]
struct Token {
    text: String,
    start: usize,
    end: usize,
}

impl Token {
    fn is_separator(&self) -> bool {
        matches!(self.text.as_str(), ";" | "\n" | "&&" | "||" | "|" | "&")
    }
}

/// The end of the quoted text or substitution that opens at `at` (`'...'`, `"..."`, `$(...)`,
/// `` `...` ``), or None when it does not close.
fn skip_group(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes[at] {
        b'\'' => bytes[at + 1..].iter().position(|b| *b == b'\'').map(|p| at + p + 2),
        b'`' => bytes[at + 1..].iter().position(|b| *b == b'`').map(|p| at + p + 2),
        b'"' => {
            let mut i = at + 1;
            while i < bytes.len() {
                match bytes[i] {
                    b'\\' => i += 2,
                    b'"' => return Some(i + 1),
                    b'$' if bytes.get(i + 1) == Some(&b'(') => i = skip_group(bytes, i)?,
                    _ => i += 1,
                }
            }
            None
        }
        b'$' => {
            let mut depth = 0usize;
            let mut i = at + 1;
            while i < bytes.len() {
                match bytes[i] {
                    b'(' => depth += 1,
                    b')' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    b'\'' | b'"' | b'`' => {
                        i = skip_group(bytes, i)?;
                        continue;
                    }
                    _ => {}
                }
                i += 1;
            }
            None
        }
        _ => Some(at + 1),
    }
}

/// The text's tokens; quotes and substitutions stay inside their words.
fn tokens(text: &str) -> Result<Vec<Token>, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' || b == b';' {
            out.push(Token { text: (b as char).to_string(), start: i, end: i + 1 });
            i += 1;
        } else if b == b'&' || b == b'|' {
            let double = bytes.get(i + 1) == Some(&b);
            let len = if double { 2 } else { 1 };
            out.push(Token { text: text[i..i + len].to_string(), start: i, end: i + len });
            i += len;
        } else if b.is_ascii_whitespace() {
            i += 1;
        } else if b == b'#' {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
        } else {
            let start = i;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b';' | b'&' | b'|') {
                i = match bytes[i] {
                    b'\\' => i + 2,
                    b'\'' | b'"' | b'`' => skip_group(bytes, i).ok_or("syntax error: unterminated quoted string")?,
                    b'$' if bytes.get(i + 1) == Some(&b'(') => skip_group(bytes, i).ok_or("syntax error: unterminated quoted string")?,
                    _ => i + 1,
                };
            }
            let end = i.min(bytes.len());
            out.push(Token { text: text[start..end].to_string(), start, end });
        }
    }
    Ok(out)
}

/// The keyword that closes a compound command, None for other words.
fn closer(keyword: &str) -> Option<&'static str> {
    match keyword {
        "for" | "while" | "until" => Some("done"),
        "if" => Some("fi"),
        _ => None,
    }
}

/// If the text starts with a compound command: where it ends (just past its `done`/`fi`).
/// Errors are the shell's syntax errors.
pub fn compound_end(text: &str) -> Result<Option<usize>, String> {
    let tokens = tokens(text)?;
    let Some(first) = tokens.first() else { return Ok(None) };
    if closer(&first.text).is_none() {
        return Ok(None);
    }
    let mut stack: Vec<&'static str> = Vec::new();
    let mut command_position = true;
    for token in &tokens {
        if token.is_separator() {
            command_position = true;
            continue;
        }
        if command_position {
            if let Some(end) = closer(&token.text) {
                stack.push(end);
            } else if stack.last() == Some(&token.text.as_str()) {
                stack.pop();
                if stack.is_empty() {
                    return Ok(Some(token.end));
                }
            }
        }
        // After these words the next one is a command again; `for NAME in WORDS` is not.
        command_position = matches!(token.text.as_str(), "do" | "then" | "else" | "elif" | "!" | "{");
    }
    Err(format!("syntax error: unexpected end of file (expecting \"{}\")", stack.last().copied().unwrap_or("done")))
}

/// How a loop's body ended a round.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Flow {
    Next,
    Break,
    Continue,
}

/// Runs a compound command (the whole text `compound_end` found).
pub fn run_compound(cluster: &mut Cluster, process: &mut Process, text: &str) -> Output {
    match parse(text) {
        Ok(compound) => {
            let mut output = Output::default();
            execute(cluster, process, &compound, &mut output);
            output
        }
        Err(message) => Output::fail(format!("sh: {message}\n"), 2),
    }
}

/// A parsed compound command.
#[derive(Debug, Clone, PartialEq)]
enum Compound {
    For { name: String, words: Option<String>, body: String },
    While { until: bool, condition: String, body: String },
    If { branches: Vec<(String, String)>, otherwise: Option<String> },
}

/// Splits a compound command into its parts, by its top-level keywords.
fn parse(text: &str) -> Result<Compound, String> {
    let tokens = tokens(text)?;
    // The keywords at depth 1 (this command's own), with their token index.
    let mut own = Vec::new();
    let mut depth = 0usize;
    let mut command_position = true;
    for (index, token) in tokens.iter().enumerate() {
        if token.is_separator() {
            command_position = true;
            continue;
        }
        if command_position {
            if closer(&token.text).is_some() {
                depth += 1;
                if depth == 1 {
                    own.push((index, token.text.clone()));
                }
            } else if matches!(token.text.as_str(), "done" | "fi") {
                if depth == 1 {
                    own.push((index, token.text.clone()));
                }
                depth = depth.saturating_sub(1);
            } else if depth == 1 && matches!(token.text.as_str(), "do" | "then" | "elif" | "else") {
                own.push((index, token.text.clone()));
            }
        }
        command_position = matches!(token.text.as_str(), "do" | "then" | "else" | "elif" | "!" | "{");
    }
    // The text between two tokens (after the first, before the second).
    let between = |a: usize, b: usize| text[tokens[a].end..tokens[b].start].to_string();
    let keyword = own.first().map(|(_, k)| k.as_str()).unwrap_or("");
    match keyword {
        "for" => {
            let Some(&(do_at, _)) = own.iter().find(|(_, k)| k == "do") else { return Err("syntax error: unexpected end of file (expecting \"do\")".into()) };
            let done_at = own.last().map(|(i, _)| *i).unwrap_or(tokens.len() - 1);
            let name = tokens.get(1).map(|t| t.text.clone()).unwrap_or_default();
            if !crate::engine::shell::is_name(&name) {
                return Err("syntax error: bad for loop variable".to_string());
            }
            let words = (tokens.get(2).map(|t| t.text.as_str()) == Some("in")).then(|| {
                let end = tokens[3..do_at].iter().position(Token::is_separator).map_or(do_at, |p| p + 3);
                if end > 3 { text[tokens[3].start..tokens[end - 1].end].to_string() } else { String::new() }
            });
            Ok(Compound::For { name, words, body: between(do_at, done_at) })
        }
        "while" | "until" => {
            let Some(&(do_at, _)) = own.iter().find(|(_, k)| k == "do") else { return Err("syntax error: unexpected end of file (expecting \"do\")".into()) };
            let done_at = own.last().map(|(i, _)| *i).unwrap_or(tokens.len() - 1);
            Ok(Compound::While { until: keyword == "until", condition: between(0, do_at), body: between(do_at, done_at) })
        }
        "if" => {
            let mut branches = Vec::new();
            let mut otherwise = None;
            let mut at = 1;
            let mut condition_from = 0;
            while at < own.len() {
                let (index, word) = (&own[at].0, own[at].1.as_str());
                match word {
                    "then" => {
                        let condition = between(own[condition_from].0, *index);
                        let next = own.get(at + 1).map(|(i, _)| *i).ok_or("syntax error: unexpected end of file (expecting \"fi\")")?;
                        branches.push((condition, between(*index, next)));
                    }
                    "elif" => condition_from = at,
                    "else" => {
                        let next = own.get(at + 1).map(|(i, _)| *i).ok_or("syntax error: unexpected end of file (expecting \"fi\")")?;
                        otherwise = Some(between(*index, next));
                    }
                    _ => {}
                }
                at += 1;
            }
            if branches.is_empty() {
                return Err("syntax error: unexpected \"fi\" (expecting \"then\")".into());
            }
            Ok(Compound::If { branches, otherwise })
        }
        _ => Err("syntax error".into()),
    }
}

/// Appends a part's output to the whole, in order.
fn append(total: &mut Output, part: Output) {
    total.extend(&part);
    total.exit = part.exit;
}

/// Runs a body; `break`/`continue` in it (as the last word run) end the round.
fn run_body(cluster: &mut Cluster, process: &mut Process, body: &str, total: &mut Output) -> Flow {
    process.flow = None;
    let output = run_script(cluster, process, body);
    append(total, output);
    match process.flow.take() {
        Some(true) => Flow::Break,
        Some(false) => Flow::Continue,
        None => Flow::Next,
    }
}

fn execute(cluster: &mut Cluster, process: &mut Process, compound: &Compound, total: &mut Output) {
    total.exit = 0;
    match compound {
        Compound::For { name, words, body } => {
            let words = match words {
                Some(text) => match crate::engine::shell::expand_words(cluster, process, text) {
                    Ok(words) => words,
                    Err(message) => return append(total, Output::fail(format!("sh: {message}\n"), 2)),
                },
                None => Vec::new(),
            };
            for word in words {
                process.vars.insert(name.clone(), word);
                if run_body(cluster, process, body, total) == Flow::Break || process.suspended {
                    break;
                }
            }
        }
        Compound::While { until, condition, body } => {
            let mut rounds = 0;
            loop {
                // A process run in rounds stops before its next round's test.
                if process.round_limit.is_some_and(|limit| rounds >= limit) {
                    process.suspended = true;
                    break;
                }
                // The condition's output shows; its status does not become the loop's (that is
                // its last body's, or 0 when the body never ran).
                let test = run_script(cluster, process, condition);
                total.extend(&test);
                if (test.exit == 0) == *until {
                    break;
                }
                rounds += 1;
                if rounds > MAX_ROUNDS {
                    // On a line of its own, after output that may not end one ("OK!OK!...").
                    let start = if total.stdout.is_empty() || total.stdout.ends_with('\n') { "" } else { "\n" };
                    let note = format!("{start}kubeplay: the loop was stopped after {MAX_ROUNDS} rounds: time does not pass while a command runs here, so it would never end\n");
                    append(total, Output::fail(note, 130));
                    break;
                }
                if run_body(cluster, process, body, total) == Flow::Break || process.suspended {
                    break;
                }
            }
        }
        Compound::If { branches, otherwise } => {
            for (condition, body) in branches {
                let test = run_script(cluster, process, condition);
                total.extend(&test);
                if test.exit == 0 {
                    append(total, run_script(cluster, process, body));
                    return;
                }
            }
            total.exit = 0;
            if let Some(body) = otherwise {
                append(total, run_script(cluster, process, body));
            }
        }
    }
}

/// The `test` / `[` builtin (POSIX test, as busybox and dash implement it): `-n -z`, string
/// `= != ==`, integer `-eq -ne -lt -le -gt -ge`, files `-e -f -d -s -r -w -x`, `!`, and one
/// argument (true when not empty). `exists` answers the file questions. Returns the exit status
/// (0 true, 1 false, 2 an error, with its message).
pub fn test(args: &[String], exists: &dyn Fn(&str, char) -> bool, program: &str) -> Result<bool, String> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let args: &[&str] = if program == "[" {
        match args.split_last() {
            Some((&"]", rest)) => rest,
            _ => return Err("[: missing ]".to_string()),
        }
    } else {
        &args
    };
    evaluate(args, exists, program)
}

fn evaluate(args: &[&str], exists: &dyn Fn(&str, char) -> bool, program: &str) -> Result<bool, String> {
    let integer = |text: &str| text.trim().parse::<i64>().map_err(|_| format!("{program}: {text}: bad number"));
    match args {
        [] => Ok(false),
        ["!", rest @ ..] => evaluate(rest, exists, program).map(|v| !v),
        [one] => Ok(!one.is_empty()),
        ["-n", value] => Ok(!value.is_empty()),
        ["-z", value] => Ok(value.is_empty()),
        [flag, path] if flag.len() == 2 && flag.starts_with('-') && "efdsrwxL".contains(&flag[1..]) => Ok(exists(path, flag.as_bytes()[1] as char)),
        [a, "=" | "==", b] => Ok(a == b),
        [a, "!=", b] => Ok(a != b),
        [a, op @ ("-eq" | "-ne" | "-lt" | "-le" | "-gt" | "-ge"), b] => {
            let (a, b) = (integer(a)?, integer(b)?);
            Ok(match *op {
                "-eq" => a == b,
                "-ne" => a != b,
                "-lt" => a < b,
                "-le" => a <= b,
                "-gt" => a > b,
                _ => a >= b,
            })
        }
        _ if args.len() > 3 && args.contains(&"-o") => {
            let at = args.iter().position(|a| *a == "-o").unwrap_or(0);
            Ok(evaluate(&args[..at], exists, program)? || evaluate(&args[at + 1..], exists, program)?)
        }
        _ if args.len() > 3 && args.contains(&"-a") => {
            let at = args.iter().position(|a| *a == "-a").unwrap_or(0);
            Ok(evaluate(&args[..at], exists, program)? && evaluate(&args[at + 1..], exists, program)?)
        }
        [_, op, _] => Err(format!("{program}: {op}: unknown operand")),
        _ => Err(format!("{program}: syntax error")),
    }
}

/// `seq [FIRST [INCREMENT]] LAST`, one number a line (integers, as busybox and coreutils print
/// them).
pub fn seq(args: &[String]) -> Result<String, String> {
    let numbers: Result<Vec<i64>, String> = args.iter().map(|a| a.parse::<i64>().map_err(|_| format!("seq: invalid number '{a}'"))).collect();
    let numbers = numbers?;
    let (first, step, last) = match numbers.as_slice() {
        [last] => (1, 1, *last),
        [first, last] => (*first, 1, *last),
        [first, step, last] => (*first, *step, *last),
        _ => return Err("seq: missing operand\n".trim_end().to_string()),
    };
    if step == 0 {
        return Err("seq: invalid Zero increment value: '0'".to_string());
    }
    let mut out = String::new();
    let mut value = first;
    let mut count = 0;
    while (step > 0 && value <= last) || (step < 0 && value >= last) {
        out.push_str(&format!("{value}\n"));
        value += step;
        count += 1;
        if count >= 100_000 {
            break;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compounds_end_at_their_own_closer() {
        assert_eq!(compound_end("for i in 1 2; do echo $i; done; echo after").unwrap(), Some(30));
        assert_eq!(compound_end("while true; do for j in a; do :; done; done").unwrap(), Some(43));
        assert_eq!(compound_end("if [ -f x ]; then echo 'fi'; fi").unwrap(), Some(31));
        assert_eq!(compound_end("echo for").unwrap(), None);
        assert!(compound_end("for i in 1; do echo").is_err());
    }

    #[test]
    fn test_builtin_answers_as_posix_test() {
        let none = |_: &str, _: char| false;
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(test(&s(&["3", "-lt", "10", "]"]), &none, "["), Ok(true));
        assert_eq!(test(&s(&["abc", "=", "abd"]), &none, "test"), Ok(false));
        assert_eq!(test(&s(&["!", "-z", "x"]), &none, "test"), Ok(true));
        assert_eq!(test(&s(&["-n", ""]), &none, "test"), Ok(false));
        assert_eq!(test(&s(&["x", "-lt", "1", "]"]), &none, "["), Err("[: x: bad number".into()));
        assert_eq!(test(&s(&["1"]), &none, "["), Err("[: missing ]".into()));
    }

    #[test]
    fn seq_counts_like_coreutils() {
        assert_eq!(seq(&["3".into()]).unwrap(), "1\n2\n3\n");
        assert_eq!(seq(&["5".into(), "-2".into(), "1".into()]).unwrap(), "5\n3\n1\n");
        assert_eq!(seq(&["2".into(), "1".into()]).unwrap(), "");
    }
}
