//! A terminal line's shell redirections, as bash applies them: `> FILE`, `>> FILE`, `2> FILE`,
//! `2>> FILE`, `&> FILE`, `2>&1`, `/dev/null`; and `cat FILE...` to read what was written.
//! Files are the playground's (the editor's tabs, heredocs), so `kubectl create deployment web
//! --image=nginx --dry-run=client -o yaml > web.yaml` then `kubectl apply -f web.yaml` works as
//! in a shell.

use crate::engine::Cluster;
use crate::playground::CommandOutput;

/// Where a stream goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Terminal,
    /// `/dev/null`.
    Null,
    /// A file, appended to (`>>`) or truncated first (`>`).
    File { name: String, append: bool },
}

/// The redirections of one command of a line, in bash's left-to-right order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirects {
    pub stdout: Target,
    pub stderr: Target,
    /// `2>&1` while stdout was still the terminal or the pipe: stderr goes where stdout first
    /// went (into a pipe after the command, if there is one).
    pub stderr_with_stdout: bool,
    /// `< FILE`: the playground file the command reads as its standard input.
    pub stdin: Option<String>,
}

impl Default for Redirects {
    fn default() -> Redirects {
        Redirects { stdout: Target::Terminal, stderr: Target::Terminal, stderr_with_stdout: false, stdin: None }
    }
}

impl Redirects {
    pub fn is_empty(&self) -> bool {
        self.stdout == Target::Terminal && self.stderr == Target::Terminal && !self.stderr_with_stdout
    }
}

/// Takes the redirections out of `words`; the words left are the command. Fails with bash's
/// message when an operator has no file after it.
pub fn split(words: &[String]) -> Result<(Vec<String>, Redirects), String> {
    let mut command = Vec::new();
    let mut redirects = Redirects::default();
    let mut index = 0;
    while index < words.len() {
        let word = &words[index];
        index += 1;
        if word == "2>&1" {
            redirects.stderr = redirects.stdout.clone();
            redirects.stderr_with_stdout = redirects.stdout == Target::Terminal;
            continue;
        }
        if word == "1>&2" || word == ">&2" {
            redirects.stdout = redirects.stderr.clone();
            continue;
        }
        if let Some(rest) = word.strip_prefix("0<").or_else(|| word.strip_prefix('<')).filter(|rest| !rest.starts_with('<')) {
            redirects.stdin = Some(operand(rest, words, &mut index)?);
            continue;
        }
        let Some((operator, rest)) = operator(word) else {
            command.push(word.clone());
            continue;
        };
        let name = operand(rest, words, &mut index)?;
        let append = operator.ends_with(">>");
        let target = if name == "/dev/null" { Target::Null } else { Target::File { name, append } };
        match operator.trim_end_matches('>') {
            "" | "1" => redirects.stdout = target,
            "2" => redirects.stderr = target,
            _ => {
                redirects.stdout = target.clone();
                redirects.stderr = match target {
                    Target::File { name, .. } => Target::File { name, append: true },
                    other => other,
                };
            }
        }
    }
    Ok((command, redirects))
}

/// An operator's file: the rest of its word (`>out`), else the next word, which `index` then
/// passes; bash's syntax error when the line ends there.
fn operand(rest: &str, words: &[String], index: &mut usize) -> Result<String, String> {
    if !rest.is_empty() {
        return Ok(rest.to_string());
    }
    let next = words.get(*index).ok_or_else(|| "bash: syntax error near unexpected token `newline'".to_string())?;
    *index += 1;
    Ok(next.clone())
}

/// The operator a word starts with (`>`, `>>`, `1>`, `2>>`, `&>`, ...) and the rest of the word.
fn operator(word: &str) -> Option<(&str, &str)> {
    for op in ["&>>", "&>", "1>>", "2>>", ">>", "1>", "2>", ">"] {
        if let Some(rest) = word.strip_prefix(op) {
            return Some((op, rest));
        }
    }
    None
}

/// Sends `text` to `target`: kept for the terminal (returned), dropped, or written to a file
/// (bash opens, and so creates or truncates, the file even when nothing is written).
pub fn deliver(cluster: &mut Cluster, target: &Target, text: &str) -> String {
    match target {
        Target::Terminal => text.to_string(),
        Target::Null => String::new(),
        Target::File { name, append } => {
            let mut content = if *append { cluster.file(name).unwrap_or_default().to_string() } else { String::new() };
            content.push_str(text);
            cluster.add_file(name, &content);
            String::new()
        }
    }
}

/// Opens every file target first, as bash does before the command runs (`>` truncates at once).
pub fn open(cluster: &mut Cluster, redirects: &Redirects) {
    for target in [&redirects.stdout, &redirects.stderr] {
        deliver(cluster, target, "");
    }
}

/// `cat FILE...`: the files' text, or coreutils' message for a missing one, in order; without
/// a file, its standard input (a heredoc).
pub fn cat(cluster: &Cluster, names: &[String], stdin: Option<&str>) -> CommandOutput {
    let mut output = CommandOutput::default();
    if names.is_empty() || names == ["-"] {
        output.stdout = stdin.unwrap_or_default().to_string();
        output.combined = output.stdout.clone();
        return output;
    }
    for name in names {
        let (text, error) = match cluster.file(name) {
            Some(text) => (text.to_string(), false),
            None if cluster.files().keys().any(|f| f.starts_with(&format!("{}/", name.trim_end_matches('/')))) => (format!("cat: {name}: Is a directory\n"), true),
            None => (format!("cat: {name}: No such file or directory\n"), true),
        };
        if error {
            output.stderr.push_str(&text);
            output.exit_code = 1;
        } else {
            output.stdout.push_str(&text);
        }
        output.combined.push_str(&text);
    }
    output
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        crate::kubectl::args::shell_words(line).unwrap()
    }

    fn file(name: &str, append: bool) -> Target {
        Target::File { name: name.to_string(), append }
    }

    #[test]
    fn operators_as_bash_reads_them() {
        let cases: &[(&str, &str, Target, Target)] = &[
            ("kubectl get pods > out.txt", "kubectl get pods", file("out.txt", false), Target::Terminal),
            ("kubectl get pods >out.txt", "kubectl get pods", file("out.txt", false), Target::Terminal),
            ("kubectl get pods >> out.txt", "kubectl get pods", file("out.txt", true), Target::Terminal),
            ("kubectl get pods 2>/dev/null", "kubectl get pods", Target::Terminal, Target::Null),
            ("kubectl get pods 2> err.txt", "kubectl get pods", Target::Terminal, file("err.txt", false)),
            ("kubectl get pods > all.txt 2>&1", "kubectl get pods", file("all.txt", false), file("all.txt", false)),
            ("kubectl get pods 2>&1 > out.txt", "kubectl get pods", file("out.txt", false), Target::Terminal),
            ("kubectl get pods &> all.txt", "kubectl get pods", file("all.txt", false), file("all.txt", true)),
            ("kubectl get pods 1> out.txt", "kubectl get pods", file("out.txt", false), Target::Terminal),
            ("kubectl get pods -o jsonpath='{.a}>b'", "kubectl get pods -o jsonpath={.a}>b", Target::Terminal, Target::Terminal),
        ];
        for (line, command, stdout, stderr) in cases {
            let (left, redirects) = split(&words(line)).unwrap();
            assert_eq!(left.join(" "), *command, "{line}");
            assert_eq!((&redirects.stdout, &redirects.stderr), (stdout, stderr), "{line}");
        }
    }

    #[test]
    fn an_operator_without_a_file_is_bash_s_syntax_error() {
        assert_eq!(split(&words("kubectl get pods >")), Err("bash: syntax error near unexpected token `newline'".to_string()));
    }
}
