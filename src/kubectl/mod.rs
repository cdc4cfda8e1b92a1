//! kubectl: parse a command line, run it against the engine, print what kubectl 1.32 prints.
//!
//! Every command writes stdout and stderr in order; errors are kubectl's texts with exit code 1.
//! Commands that block (`rollout status`, `delete` waiting for pods) advance the virtual clock.

pub mod apply;
pub mod apply_last_applied;
pub mod args;
pub mod autoscale;
pub mod set_resources;
pub mod cluster;
pub mod component_status;
pub mod completion;
pub mod create_ingress;
pub mod create_cron_job;
pub mod create_job;
pub mod auth;
pub mod impersonation;
pub mod create_quota;
pub mod create_rbac;
pub mod create_secret_typed;
pub mod create_token;
pub mod create_pdb;
pub mod copy;
pub mod debug;
pub mod diff;
pub mod edit;
pub mod discovery;
pub mod drain;
pub mod events;
pub mod error;
pub mod exec;
pub mod explain;
pub mod generate;
pub mod get;
pub mod help;
pub mod klog;
pub mod mutate;
pub mod patch;
pub mod printers;
pub mod redirect;
pub mod rollout;
pub mod service;
pub mod shell_line;
pub mod taint;

pub use crate::engine::{objects, resources};

use crate::engine::Cluster;
use crate::playground::CommandOutput;

/// Which stream a piece of output went to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// What a command printed so far, in order, and how it exits.
#[derive(Debug, Clone, Default)]
pub struct Out {
    pub chunks: Vec<(Stream, String)>,
    pub exit_code: i32,
}

impl Out {
    pub fn out(&mut self, text: impl Into<String>) {
        self.chunks.push((Stream::Stdout, text.into()));
    }

    pub fn err(&mut self, text: impl Into<String>) {
        self.chunks.push((Stream::Stderr, text.into()));
    }

    /// An error line on stderr and exit code 1.
    pub fn fail(&mut self, text: impl Into<String>) {
        self.err(text);
        self.exit_code = 1;
    }

    pub fn into_output(self) -> CommandOutput {
        let mut output = CommandOutput { exit_code: self.exit_code, ..Default::default() };
        for (stream, text) in self.chunks {
            match stream {
                Stream::Stdout => output.stdout.push_str(&text),
                Stream::Stderr => output.stderr.push_str(&text),
            }
            output.combined.push_str(&text);
        }
        output
    }
}

/// Something that watches every tick a blocking command spends (`rollout status`, `wait`,
/// `delete` waiting, `get -w`, `logs -f`): lesson checks and the page's timeline see the states
/// in between, as a learner watching a real cluster would.
pub type Observer<'o> = &'o mut dyn FnMut(&Cluster);

/// The context every command runs in.
pub struct Ctx<'a> {
    pub cluster: &'a mut Cluster,
    /// Text for `-f -` (a heredoc or pipe).
    pub stdin: Option<&'a str>,
    pub out: Out,
    observer: Option<Observer<'a>>,
    /// The API documentation `explain` reads (see `run_line_with`).
    explain_docs: Option<&'a explain::ExplainDocs>,
    /// `-v=N` and the klog lines written so far.
    pub klog: klog::Klog,
}

impl Ctx<'_> {
    /// One second of virtual time while the command waits, shown to the observer.
    pub fn tick(&mut self) {
        self.cluster.tick();
        if let Some(observer) = self.observer.as_mut() {
            observer(self.cluster);
        }
    }
}

impl<'a> Ctx<'a> {
    /// The API documentation the caller gave, if any.
    pub fn explain_docs(&self) -> Option<&'a explain::ExplainDocs> {
        self.explain_docs
    }
}

/// Runs one kubectl line. `stdin` is the text a heredoc or pipe provides for `-f -`.
/// Never panics: anything unexpected becomes an error message.
pub fn run_line(cluster: &mut Cluster, line: &str, stdin: Option<&str>) -> CommandOutput {
    run_line_observed(cluster, line, stdin, &mut |_| {})
}

/// `run_line`, with `observer` called after every tick the command waits.
pub fn run_line_observed(cluster: &mut Cluster, line: &str, stdin: Option<&str>, observer: Observer<'_>) -> CommandOutput {
    run_line_with(cluster, line, stdin, None, observer)
}

/// `run_line_observed` with the API documentation `explain` reads. Without it, native builds
/// use the copy compiled in and the page's build says the documentation is still loading.
///
/// The line is read as bash reads it first (`shell_line`): a list of commands (`;`, `&&`,
/// `||`), variable assignments, `$NAME` and `$(...)` expanded, `echo`, `export` and `unset`.
pub fn run_line_with(cluster: &mut Cluster, line: &str, stdin: Option<&str>, explain_docs: Option<&explain::ExplainDocs>, observer: Observer<'_>) -> CommandOutput {
    // Inside `kubectl exec -it POD -- sh`, the container's shell reads the line.
    if cluster.exec_session().is_some() {
        let output = exec::run_session_line(cluster, line);
        if cluster.exec_session().is_none() {
            cluster.set_var("?", &output.exit_code.to_string());
        }
        return output;
    }
    // While `kubectl edit` waits for its editor (the YAML panel), the terminal waits with it.
    if cluster.edit_session().is_some() {
        let mut out = Out::default();
        out.fail("kubeplay: kubectl edit is waiting for its editor, the YAML panel: Save there to send your changes, or Cancel to leave the objects as they are\n");
        return out.into_output();
    }
    if let Some(name) = plain_apply_file(line) {
        return apply_file(cluster, name, stdin, explain_docs, observer);
    }
    let list = match shell_line::split_list(line) {
        Ok(list) => list,
        Err(message) => return bash_error(&message, 2),
    };
    let mut total = CommandOutput::default();
    let mut stdin = stdin;
    let mut status = 0;
    for (join, command) in list {
        if !join.runs_after(status) {
            continue;
        }
        let output = run_simple(cluster, command, stdin.take(), explain_docs, &mut *observer);
        status = output.exit_code;
        cluster.set_var("?", &status.to_string());
        total.stdout.push_str(&output.stdout);
        total.stderr.push_str(&output.stderr);
        total.combined.push_str(&output.combined);
    }
    total.exit_code = status;
    total
}

/// NAME of a line that is exactly `kubectl apply -f NAME`, NAME a plain file name (letters,
/// digits, `.`, `_`, `-` and `/`, not first `-`): the line the page's scenarios apply their
/// files with, and its first load the default one.
fn plain_apply_file(line: &str) -> Option<&str> {
    let name = line.strip_prefix("kubectl apply -f ")?;
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '/');
    (!name.is_empty() && !name.starts_with('-') && name.chars().all(plain)).then_some(name)
}

/// `kubectl apply -f NAME` as the general path (`run_simple` to `run_command`) runs it, in the
/// one call that path ends in: a plain name expands to itself, the words ask for no help and
/// set no global flag, verbosity or impersonation (so `run_command` would act as nobody and
/// call `apply::apply`), and `$?` is set after. Kept apart so that the page's first load runs
/// neither the shell, nor the help outlines the dispatch reads, nor the dispatch itself,
/// which the split then leaves to the second part of the page's wasm (scripts/split-wasm.mjs);
/// `tests/it/apply_fast_path.rs` checks it against the general path.
fn apply_file(cluster: &mut Cluster, name: &str, stdin: Option<&str>, explain_docs: Option<&explain::ExplainDocs>, observer: Observer<'_>) -> CommandOutput {
    let words = ["-f".to_string(), name.to_string()];
    let mut ctx = Ctx { cluster, stdin, out: Out::default(), observer: Some(observer), explain_docs, klog: klog::Klog::new(0) };
    apply::apply(&mut ctx, &words);
    ctx.cluster.settle();
    let output = ctx.out.into_output();
    cluster.set_var("?", &output.exit_code.to_string());
    output
}

/// The longest `sleep` a line may ask for, in virtual seconds (as the page's own `sleep` line).
pub const MAX_SLEEP_SECONDS: u64 = 3600;

/// An unquoted heredoc's text as bash expands it (`shell_line::expand_heredoc`) with the
/// terminal's variables, and what its substituted commands wrote to stderr.
pub fn expand_heredoc(cluster: &mut Cluster, body: &str) -> (String, String) {
    let mut shell = LineShell { cluster, explain_docs: None };
    match shell_line::expand_heredoc(body, &mut shell) {
        Ok(expanded) => (expanded.text, expanded.stderr),
        Err(message) => (body.to_string(), format!("bash: {message}\n")),
    }
}

/// bash's own error for a line (`bash: ...`), with its exit status.
fn bash_error(message: &str, status: i32) -> CommandOutput {
    let mut out = Out::default();
    out.fail(format!("bash: {message}\n"));
    let mut output = out.into_output();
    output.exit_code = status;
    output
}

/// The shell a line's expansions read: the terminal's variables, and the cluster to run
/// substituted commands against.
struct LineShell<'c, 'd> {
    cluster: &'c mut Cluster,
    explain_docs: Option<&'d explain::ExplainDocs>,
}

impl shell_line::Shell for LineShell<'_, '_> {
    fn var(&self, name: &str) -> Option<String> {
        self.cluster.var(name).map(str::to_string)
    }

    fn set_var(&mut self, name: &str, value: &str) {
        self.cluster.set_var(name, value);
    }

    fn run(&mut self, line: &str) -> CommandOutput {
        run_line_with(self.cluster, line, None, self.explain_docs, &mut |_| {})
    }
}

/// One command of a list: its assignments (kept when the command is only assignments, or
/// `export`), its expansions, then the pipeline.
fn run_simple(cluster: &mut Cluster, command: &str, stdin: Option<&str>, explain_docs: Option<&explain::ExplainDocs>, observer: Observer<'_>) -> CommandOutput {
    match shell_line::loop_span(command, 0) {
        Ok(Some(span)) => return run_loop(cluster, command, span, explain_docs, observer),
        Ok(None) => {}
        Err(message) => return bash_error(&message, 2),
    }
    let (assignments, rest) = match shell_line::leading_assignments(command) {
        Ok(found) => found,
        Err(message) => return bash_error(&message, 2),
    };
    let mut shell = LineShell { cluster, explain_docs };
    let word = shell_line::command_word(rest);
    let (assignments, rest, prefix) = match word.as_deref() {
        None => (assignments, "", Vec::new()),
        Some("export") => match shell_line::leading_assignments(rest["export".len()..].trim_start()) {
            Ok((found, rest)) => (found, rest, Vec::new()),
            Err(message) => return bash_error(&message, 2),
        },
        _ => (Vec::new(), rest, assignments),
    };
    if word.is_none() || word.as_deref() == Some("export") {
        return assign(&mut shell, &assignments, rest, word.is_some());
    }
    // `NAME=value command`: the variables are the command's environment only (KUBE_EDITOR for
    // `kubectl edit`), set after the line is expanded and put back after the command.
    let mut environment = Vec::new();
    for (name, raw) in &prefix {
        match shell_line::assigned_value(raw, &mut shell) {
            Ok((value, _)) => environment.push((name.to_string(), value)),
            Err(message) => return bash_error(&message, 1),
        }
    }
    let expanded = match shell_line::expand(rest, &mut shell, false) {
        Ok(expanded) => expanded,
        Err(message) => return bash_error(&message, 1),
    };
    let kept: Vec<(String, Option<String>)> = environment.iter().map(|(name, _)| (name.clone(), shell.cluster.var(name).map(str::to_string))).collect();
    for (name, value) in &environment {
        shell.cluster.set_var(name, value);
    }
    let mut output = if word.as_deref() == Some("unset") {
        unset(shell.cluster, &expanded.text)
    } else {
        run_pipeline(shell.cluster, &expanded.text, stdin, explain_docs, observer)
    };
    for (name, value) in kept.into_iter().rev() {
        match value {
            Some(value) => shell.cluster.set_var(&name, &value),
            None => shell.cluster.unset_var(&name),
        }
    }
    if !expanded.stderr.is_empty() {
        output.stderr.insert_str(0, &expanded.stderr);
        output.combined.insert_str(0, &expanded.stderr);
    }
    output
}

/// `for NAME in WORDS; do BODY; done`: the body run once per word (expanded and split), with
/// NAME set to it. `while` and `until` are refused: nothing could stop one (a real terminal's
/// Ctrl-C), and a loop over `sleep` would run the virtual clock for ever.
fn run_loop(cluster: &mut Cluster, command: &str, span: shell_line::LoopSpan, explain_docs: Option<&explain::ExplainDocs>, observer: Observer<'_>) -> CommandOutput {
    let keyword = command[..span.keyword_end].trim();
    if keyword != "for" {
        let mut out = Out::default();
        out.fail(format!(
            "kubeplay: `{keyword}` loops do not run here: nothing could stop one. Watch with `kubectl get pods -w` or `kubectl rollout status`, or repeat with `for i in 1 2 3; do ...; done`\n"
        ));
        return out.into_output();
    }
    if !command[span.end..].trim().is_empty() {
        return bash_error(&format!("kubeplay: nothing may follow `done` here: `{}`", command[span.end..].trim()), 2);
    }
    let head = command[span.keyword_end..span.do_start].trim().trim_end_matches([';', '\n']).trim();
    let (name, words) = head.split_once(char::is_whitespace).map_or((head, ""), |(name, rest)| (name, rest.trim()));
    if !shell_line::is_name(name) {
        return bash_error(&format!("`{name}': not a valid identifier"), 1);
    }
    let words = match words.strip_prefix("in") {
        Some(rest) if rest.is_empty() || rest.starts_with(char::is_whitespace) => rest,
        _ if words.is_empty() => "",
        _ => return bash_error(&format!("syntax error near unexpected token `{}'", words.split_whitespace().next().unwrap_or_default()), 2),
    };
    let mut shell = LineShell { cluster, explain_docs };
    let expanded = match shell_line::expand(words, &mut shell, false) {
        Ok(expanded) => expanded,
        Err(message) => return bash_error(&message, 1),
    };
    let values = args::shell_words(&expanded.text).unwrap_or_default();
    let body = &command[span.body.0..span.body.1];
    let mut total = CommandOutput { stderr: expanded.stderr.clone(), combined: expanded.stderr, ..Default::default() };
    for value in values {
        cluster.set_var(name, &value);
        let output = run_line_with(cluster, body, None, explain_docs, &mut *observer);
        total.stdout.push_str(&output.stdout);
        total.stderr.push_str(&output.stderr);
        total.combined.push_str(&output.combined);
        total.exit_code = output.exit_code;
    }
    total
}

/// `NAME=value ...` and `export NAME=value ... NAME`: the variables set; `export` alone lists
/// them as bash's `declare -x` does. `names` are the words after the assignments of `export`.
fn assign(shell: &mut LineShell, assignments: &[(&str, &str)], names: &str, export: bool) -> CommandOutput {
    let mut output = CommandOutput::default();
    let mut status = None;
    for (name, raw) in assignments {
        match shell_line::assigned_value(raw, shell) {
            Ok((value, expanded)) => {
                output.stderr.push_str(&expanded.stderr);
                output.combined.push_str(&expanded.stderr);
                status = expanded.status.or(status);
                shell.cluster.set_var(name, &value);
            }
            Err(message) => return bash_error(&message, 1),
        }
    }
    let names = args::shell_words(names).unwrap_or_default();
    for name in &names {
        if !shell_line::is_name(name) {
            let text = format!("bash: export: `{name}': not a valid identifier\n");
            output.stderr.push_str(&text);
            output.combined.push_str(&text);
            status = Some(1);
        }
    }
    if export && assignments.is_empty() && names.is_empty() {
        for (name, value) in shell.cluster.vars().iter().filter(|(name, _)| shell_line::is_name(name)) {
            let escaped = value.replace('\\', "\\\\").replace('"', "\\\"").replace('$', "\\$").replace('`', "\\`");
            output.stdout.push_str(&format!("declare -x {name}=\"{escaped}\"\n"));
        }
        output.combined = output.stdout.clone();
    }
    // A bare assignment exits with the status of its last command substitution.
    output.exit_code = status.unwrap_or(0);
    output
}

/// `unset NAME...`.
fn unset(cluster: &mut Cluster, line: &str) -> CommandOutput {
    let mut output = CommandOutput::default();
    for name in args::shell_words(line).unwrap_or_default().iter().skip(1).filter(|w| !w.starts_with('-')) {
        if shell_line::is_name(name) {
            cluster.unset_var(name);
        } else {
            let text = format!("bash: unset: `{name}': not a valid identifier\n");
            output.stderr.push_str(&text);
            output.combined.push_str(&text);
            output.exit_code = 1;
        }
    }
    output
}

/// A pipeline with its redirections: `kubectl ... | grep X > out.txt`, `cat FILE`, `echo ...`.
fn run_pipeline(cluster: &mut Cluster, line: &str, stdin: Option<&str>, explain_docs: Option<&explain::ExplainDocs>, observer: Observer<'_>) -> CommandOutput {
    let words = match args::shell_words(line) {
        Ok(words) => words,
        Err(message) => {
            let mut out = Out::default();
            out.fail(format!("bash: {message}\n"));
            return out.into_output();
        }
    };
    run_word_pipeline(cluster, words, stdin, explain_docs, observer)
}

/// GNU xargs's invocations for `args` (its options, then the command, `echo` if none) over
/// `input`: blank-separated items appended, at most `-n N` at a time; with `-I R` one
/// invocation per line, R replaced in the command's words; none for empty input with `-r`
/// (without it, GNU runs the command once with no items). Each with whether `-t` traces it.
fn xargs_commands(args: &[String], input: &str) -> Result<Vec<(Vec<String>, bool)>, String> {
    let (mut per, mut replace, mut no_empty, mut trace) = (None::<usize>, None::<String>, false, false);
    let mut index = 0;
    while let Some(arg) = args.get(index) {
        match arg.as_str() {
            "-r" | "--no-run-if-empty" => no_empty = true,
            "-t" | "--verbose" => trace = true,
            "-n" | "-I" | "-L" => {
                index += 1;
                let Some(value) = args.get(index) else {
                    return Err(format!("xargs: option requires an argument -- '{}'\nTry 'xargs --help' for more information.\n", &arg[1..]));
                };
                match arg.as_str() {
                    "-I" => replace = Some(value.clone()),
                    _ => per = Some(xargs_count(&arg[1..2], value)?),
                }
            }
            _ if arg.starts_with("-n") && arg.len() > 2 => per = Some(xargs_count("n", &arg[2..])?),
            _ if arg.starts_with("-I") && arg.len() > 2 => replace = Some(arg[2..].to_string()),
            _ if arg.starts_with('-') => return Err(format!("xargs: invalid option -- '{}'\nTry 'xargs --help' for more information.\n", arg.chars().nth(1).unwrap_or('-'))),
            _ => break,
        }
        index += 1;
    }
    let command: Vec<String> = if index < args.len() { args[index..].to_vec() } else { vec!["echo".to_string()] };
    if let Some(replace) = replace {
        return Ok(input
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(|line| (command.iter().map(|word| word.replace(&replace, line)).collect(), trace))
            .collect());
    }
    let items: Vec<String> = input.split_whitespace().map(str::to_string).collect();
    if items.is_empty() {
        return Ok(if no_empty { Vec::new() } else { vec![(command, trace)] });
    }
    let per = per.unwrap_or(items.len());
    Ok(items.chunks(per).map(|chunk| (command.iter().cloned().chain(chunk.iter().cloned()).collect(), trace)).collect())
}

/// An xargs count (`-n N`, `-L N`): a number of at least 1, else GNU xargs's message.
fn xargs_count(option: &str, value: &str) -> Result<usize, String> {
    match value.parse::<usize>() {
        Ok(0) => Err(format!("xargs: value 0 for -{option} option should be >= 1\nTry 'xargs --help' for more information.\n")),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("xargs: invalid number \"{value}\" for -{option} option\nTry 'xargs --help' for more information.\n")),
    }
}

/// A pipeline's words. A `kubectl` after a pipe reads what the commands before it wrote
/// (`cat <<EOF | kubectl apply -f -`, `kubectl create deployment web --image=nginx
/// --dry-run=client -o yaml | kubectl apply -f -`): the part before it runs first, its errors
/// go to the terminal, and the line exits as the part from that `kubectl` on does.
fn run_word_pipeline(cluster: &mut Cluster, words: Vec<String>, stdin: Option<&str>, explain_docs: Option<&explain::ExplainDocs>, observer: Observer<'_>) -> CommandOutput {
    let bars: Vec<usize> = words.iter().enumerate().filter(|(_, w)| *w == "|").map(|(i, _)| i).collect();
    // `... | xargs [-n N] [-I R] [-r] [-t] COMMAND ARGS`: the words before run first; xargs runs
    // COMMAND with them as arguments.
    if let Some(&bar) = bars.last().filter(|&&bar| words.get(bar + 1).map(String::as_str) == Some("xargs")) {
        let (left, right) = (words[..bar].to_vec(), words[bar + 2..].to_vec());
        let before = run_word_pipeline(cluster, left, stdin, explain_docs, &mut *observer);
        let mut output = CommandOutput { stderr: before.stderr.clone(), combined: before.stderr.clone(), ..Default::default() };
        let invocations = match xargs_commands(&right, &before.stdout) {
            Ok(invocations) => invocations,
            Err(message) => {
                output.stderr.push_str(&message);
                output.combined.push_str(&message);
                output.exit_code = 1;
                return output;
            }
        };
        for (command, trace) in invocations {
            if trace {
                let line = format!("{}\n", command.join(" "));
                output.stderr.push_str(&line);
                output.combined.push_str(&line);
            }
            let ran = run_word_pipeline(cluster, command, None, explain_docs, &mut *observer);
            output.stdout.push_str(&ran.stdout);
            output.stderr.push_str(&ran.stderr);
            output.combined.push_str(&ran.combined);
            // GNU xargs: 123 if any invocation exited with 1 to 125.
            if (1..=125).contains(&ran.exit_code) {
                output.exit_code = 123;
            } else if ran.exit_code != 0 && output.exit_code == 0 {
                output.exit_code = ran.exit_code;
            }
        }
        return output;
    }
    if let Some(&bar) = bars.iter().rev().find(|&&bar| matches!(words.get(bar + 1).map(String::as_str), Some("kubectl" | "k"))) {
        let (left, right) = (words[..bar].to_vec(), words[bar + 1..].to_vec());
        let before = run_word_pipeline(cluster, left, stdin, explain_docs, &mut *observer);
        let after = run_word_pipeline(cluster, right, Some(&before.stdout), explain_docs, observer);
        let mut output = CommandOutput { stdout: after.stdout, stderr: before.stderr.clone(), exit_code: after.exit_code, combined: before.stderr };
        output.stderr.push_str(&after.stderr);
        output.combined.push_str(&after.combined);
        return output;
    }
    // `kubectl ... | grep X | head > out.txt`: the filters run on kubectl's stdout, as in a
    // shell; each command's redirections are taken out of its words first.
    let mut segments: Vec<Vec<String>> = words.split(|w| w == "|").map(<[String]>::to_vec).collect();
    let mut redirects = Vec::with_capacity(segments.len());
    for segment in &mut segments {
        match redirect::split(segment) {
            Ok((left, found)) => {
                *segment = left;
                redirects.push(found);
            }
            Err(message) => {
                let mut out = Out::default();
                out.fail(format!("{message}\n"));
                let mut output = out.into_output();
                output.exit_code = 2;
                return output;
            }
        }
    }
    for found in &redirects {
        redirect::open(cluster, found);
    }
    let command = segments.remove(0);
    let first = redirects.remove(0);
    let last = redirects.pop().unwrap_or_default();
    // `< FILE`: the command reads the file (a playground file) instead of the terminal.
    let file_input = match &first.stdin {
        Some(name) => match cluster.file(name) {
            Some(text) => Some(text.to_string()),
            None => return bash_error(&format!("{name}: No such file or directory"), 1),
        },
        None => None,
    };
    let stdin = file_input.as_deref().or(stdin);
    let filters = segments;
    let mut output = if command.first().map(String::as_str) == Some("cat") {
        redirect::cat(cluster, &command[1..], stdin)
    } else if command.first().map(String::as_str) == Some("sleep") {
        // `sleep 5 && kubectl get pods`: the virtual clock, as a line of its own moves it.
        match crate::script::sleep_of(&command.join(" ")) {
            Some(Ok(seconds)) => {
                for _ in 0..seconds.min(MAX_SLEEP_SECONDS) {
                    cluster.tick();
                    observer(cluster);
                }
                CommandOutput::default()
            }
            Some(Err(message)) => {
                let mut out = Out::default();
                out.fail(format!("{message}\n"));
                out.into_output()
            }
            None => CommandOutput::default(),
        }
    } else if let Some(message) = command.first().and_then(|program| shell_line::outside_program(program)) {
        let mut out = Out::default();
        out.fail(format!("{message}\n"));
        let mut output = out.into_output();
        output.exit_code = 127;
        output
    } else if command.first().map(String::as_str) == Some("seq") {
        match shell_line::seq(&command[1..]) {
            Ok(text) => CommandOutput { stdout: text.clone(), combined: text, ..Default::default() },
            Err(message) => {
                let mut out = Out::default();
                out.fail(format!("{message}\n"));
                out.into_output()
            }
        }
    } else if command.first().map(String::as_str) == Some("echo") {
        let text = shell_line::echo(&command[1..]);
        CommandOutput { stdout: text.clone(), combined: text, ..Default::default() }
    } else {
        run_words_observed(cluster, &command, stdin, Some(observer), explain_docs)
    };
    let mut piped_stderr = String::new();
    if first.stderr_with_stdout && !filters.is_empty() {
        // `2>&1 |`: stderr goes into the pipe with stdout, in the order they were written.
        piped_stderr = std::mem::take(&mut output.stderr);
        if first.stdout == redirect::Target::Terminal {
            output.stdout = std::mem::take(&mut output.combined);
            piped_stderr.clear();
        }
    }
    if first.stdout != redirect::Target::Terminal || first.stderr != redirect::Target::Terminal {
        // Both streams to one file keep the order they were written in.
        let same_file = matches!((&first.stdout, &first.stderr), (redirect::Target::File { name: a, .. }, redirect::Target::File { name: b, .. }) if a == b);
        if same_file {
            redirect::deliver(cluster, &redirect::Target::File { name: file_name(&first.stdout), append: true }, &output.combined);
            output.stdout.clear();
            output.stderr.clear();
        } else {
            output.stdout = redirect::deliver(cluster, &first.stdout, &output.stdout);
            output.stderr = redirect::deliver(cluster, &first.stderr, &output.stderr);
        }
        output.combined = format!("{}{}", output.stderr, output.stdout);
    }
    if !filters.is_empty() {
        // Each filter reads what the one before it wrote to the pipe; its stderr goes where its
        // own redirections say (the terminal after kubectl's, or on into the pipe with `2>&1`),
        // and the line exits with the last command's status, as bash's pipeline does.
        let mut input = format!("{piped_stderr}{}", std::mem::take(&mut output.stdout));
        let n_filters = filters.len();
        for (index, (filter, found)) in filters.iter().zip(redirects.iter().chain(std::iter::once(&last))).enumerate() {
            if filter.is_empty() {
                continue;
            }
            let stage = match exec::apply_pipes(&input, filter) {
                Ok(stage) => stage,
                Err(message) => {
                    output.stderr.push_str(&format!("{message}\n"));
                    output.stdout.clear();
                    output.exit_code = 1;
                    input.clear();
                    break;
                }
            };
            let is_last = index + 1 == n_filters;
            let (mut stdout, mut stderr) = (stage.stdout, stage.stderr);
            if found.stderr_with_stdout && !is_last {
                stdout = format!("{}{stdout}", std::mem::take(&mut stderr));
            }
            let same_file = matches!((&found.stdout, &found.stderr), (redirect::Target::File { name: a, .. }, redirect::Target::File { name: b, .. }) if a == b);
            if same_file {
                redirect::deliver(cluster, &redirect::Target::File { name: file_name(&found.stdout), append: true }, &format!("{stderr}{stdout}"));
                stdout.clear();
            } else {
                output.stderr.push_str(&redirect::deliver(cluster, &found.stderr, &stderr));
                stdout = redirect::deliver(cluster, &found.stdout, &stdout);
            }
            output.exit_code = stage.exit;
            input = stdout;
        }
        output.stdout = input;
        output.combined = format!("{}{}", output.stderr, output.stdout);
    }
    output
}

fn file_name(target: &redirect::Target) -> String {
    match target {
        redirect::Target::File { name, .. } => name.clone(),
        _ => String::new(),
    }
}

/// Runs `body` as a kubectl command would run: its output collected, the controllers settled after.
pub fn with_ctx(cluster: &mut Cluster, body: impl FnOnce(&mut Ctx)) -> CommandOutput {
    let mut ctx = Ctx { cluster, stdin: None, out: Out::default(), observer: None, explain_docs: None, klog: klog::Klog::new(0) };
    body(&mut ctx);
    ctx.cluster.settle();
    ctx.out.into_output()
}

/// Runs a command given as words (the first may be `kubectl`).
pub fn run_words(cluster: &mut Cluster, words: &[String], stdin: Option<&str>) -> CommandOutput {
    run_words_observed(cluster, words, stdin, None, None)
}

fn run_words_observed<'a>(
    cluster: &'a mut Cluster,
    words: &[String],
    stdin: Option<&'a str>,
    observer: Option<Observer<'a>>,
    explain_docs: Option<&'a explain::ExplainDocs>,
) -> CommandOutput {
    let verbosity = klog::verbosity(words);
    let mut ctx = Ctx { cluster, stdin, out: Out::default(), observer, explain_docs, klog: klog::Klog::new(verbosity) };
    let words: &[String] = match words.first().map(String::as_str) {
        Some("kubectl") | Some("k") => &words[1..],
        _ => words,
    };
    dispatch(&mut ctx, words);
    ctx.cluster.settle();
    ctx.out.into_output()
}

fn dispatch(ctx: &mut Ctx, words: &[String]) {
    // Help, groups run bare, `options`, flags before an unknown command: kubectl's own.
    if help::intercept(ctx, words) {
        return;
    }
    // The line's flags parsed once with the real command's flags (None for an unknown command).
    let flags = help::command_flags(words).filter(|(path, _)| !path.is_empty());
    if !check_flag_values(ctx, flags.as_ref()) {
        return;
    }
    let parsed = flags.as_ref().and_then(|(_, parsed)| parsed.as_ref().ok());
    // Global flags may come before the command: `kubectl -n kube-system get pods`.
    let index = leading_flags_end(words);
    let Some(command) = words.get(index) else {
        help::print_text(ctx, "", Stream::Stdout);
        return;
    };
    let mut rest: Vec<String> = words[index + 1..].to_vec();
    rest.extend_from_slice(&words[..index]);
    if DRY_RUNNABLE.contains(&command.as_str()) {
        if let Some((mode, parsed)) = parsed.and_then(|parsed| Some((parsed.dry_run()?, parsed))) {
            dry_run(ctx, command, &rest, mode, parsed);
            return;
        }
    }
    run_command(ctx, command, &rest, parsed);
}

/// The commands that change objects in place and print what they did: with `--dry-run` they
/// change nothing. (apply, create, delete, run, expose and rollout read `--dry-run` themselves.)
const DRY_RUNNABLE: [&str; 8] = ["set", "scale", "label", "annotate", "patch", "cordon", "uncordon", "taint"];

/// A dry run of a command that changes objects: it runs on a copy of the cluster, which is then
/// dropped, so nothing changes (no object, resourceVersion, event or generated name), and its
/// lines say so as kubectl's printers do with a dry-run strategy (`PrintFlags.Complete`:
/// `deployment.apps/web scaled (dry run)`, `(server dry run)`); `-o` output is the object as it
/// would be. The client dry run sends nothing; the server one validates and runs admission
/// without storing, and both print what the change would be.
fn dry_run(ctx: &mut Ctx, command: &str, rest: &[String], mode: &str, parsed: &args::Parsed) {
    let kept = ctx.cluster.clone();
    let start = ctx.out.chunks.len();
    run_command(ctx, command, rest, Some(parsed));
    *ctx.cluster = kept;
    if parsed.get("output").is_some_and(|o| !o.is_empty()) {
        return;
    }
    let suffix = args::dry_run_suffix(Some(mode));
    for (stream, text) in &mut ctx.out.chunks[start..] {
        if *stream == Stream::Stdout {
            *text = text.lines().map(|line| if line.is_empty() { "\n".to_string() } else { format!("{line}{suffix}\n") }).collect();
        }
    }
}

/// Runs a command; `parsed` is the line's flags as `dispatch` parsed them (`top` reads them).
fn run_command(ctx: &mut Ctx, command: &str, rest: &[String], parsed: Option<&args::Parsed>) {
    if !impersonation::allowed(ctx, command, parsed) {
        return;
    }
    ctx.cluster.acting = impersonation::acting(command, parsed);
    run_command_as(ctx, command, rest, parsed);
    ctx.cluster.acting = None;
}

/// Runs a command as whoever `Cluster::acting` says.
fn run_command_as(ctx: &mut Ctx, command: &str, rest: &[String], parsed: Option<&args::Parsed>) {
    match command {
        "get" => get::get(ctx, rest),
        "apply" => apply::apply(ctx, rest),
        "create" => apply::create(ctx, rest),
        "replace" => apply::replace(ctx, rest),
        "delete" => apply::delete(ctx, rest),
        "describe" => get::describe(ctx, rest),
        "diff" => diff::diff(ctx, rest),
        "events" => events::events(ctx, rest),
        "explain" => explain::explain(ctx, rest),
        "rollout" => rollout::rollout(ctx, rest),
        "set" => mutate::set(ctx, rest),
        "scale" => mutate::scale(ctx, rest),
        "label" => mutate::label(ctx, rest, false),
        "annotate" => mutate::label(ctx, rest, true),
        "version" => mutate::version(ctx, rest),
        "logs" | "log" => exec::logs(ctx, rest),
        "run" => generate::run(ctx, rest),
        "patch" => patch::patch(ctx, rest),
        "api-resources" => discovery::api_resources(ctx, rest),
        "wait" => cluster::wait(ctx, rest),
        "cluster-info" => cluster::cluster_info(ctx, rest),
        "completion" => completion::completion(ctx, rest),
        "config" => cluster::config(ctx, rest),
        "api-versions" => discovery::api_versions(ctx, rest),
        "expose" => generate::expose(ctx, rest),
        "autoscale" => autoscale::autoscale(ctx, rest),
        "exec" => exec::exec(ctx, rest),
        "cp" => copy::cp(ctx, rest),
        "attach" => exec::attach(ctx, rest),
        "port-forward" => ctx.out.fail("kubeplay: port-forward opens a port on your own machine, and nothing here leaves the browser. To reach a pod from inside the cluster, run `kubectl exec POD -- curl -s SERVICE:PORT`.\n"),
        "proxy" => ctx.out.fail("kubeplay: kubectl proxy serves the API on localhost:8001, which a browser tab cannot open. Ask the API server directly instead: `kubectl get --raw /apis/apps/v1`.\n"),
        // `top` asks metrics-server (metrics.k8s.io), which this cluster does not run: kubectl's
        // own answer then (top_pod.go / top_node.go, when the Metrics API is not discovered).
        "top" => {
            // TopPodOptions.Validate / TopNodeOptions.Validate check --sort-by first.
            match parsed.and_then(|parsed| parsed.get("sort-by")) {
                Some(sort_by) if !sort_by.is_empty() && sort_by != "cpu" && sort_by != "memory" => ctx.out.fail("error: --sort-by accepts only cpu or memory\n"),
                _ => ctx.out.fail("error: Metrics API not available\n"),
            }
        }
        "cordon" => mutate::cordon(ctx, rest, true),
        "uncordon" => mutate::cordon(ctx, rest, false),
        "taint" => taint::taint(ctx, rest),
        "auth" => auth::auth(ctx, rest),
        "drain" => drain::drain(ctx, rest),
        "edit" => edit::edit(ctx, rest),
        "debug" => debug::debug(ctx, rest),
        other if help::is_kubectl_command(other) => ctx.out.fail(help::not_simulated(other)),
        other => ctx.out.fail(format!("error: unknown command \"{other}\" for \"kubectl\"\n{}", help::suggestions(other))),
    }
}

/// Refuses flag values the way kubectl does before a command acts: pflag's typed values (as
/// parsed with the real command's flags), an unknown `--dry-run` (warning about the deprecated
/// ones) and an unknown `--validate`. Mirrors cmdutil.GetDryRunStrategy
/// (kubectl/pkg/cmd/util/helpers.go), which every command with the flag calls in its Complete;
/// the commands then read the strategy through `args::Parsed::dry_run`.
fn check_flag_values(ctx: &mut Ctx, flags: Option<&(String, Result<args::Parsed, String>)>) -> bool {
    let Some((path, parsed)) = flags else { return true };
    // pflag refuses a value its flag's type cannot hold (an int, a duration) as it parses, before
    // the command runs; kubeplay's commands parse their flags as strings. Unknown flags are left
    // to the command: the help texts do not list the hidden ones (`--record`).
    let parsed = match parsed {
        Ok(parsed) => parsed,
        Err(message) if message.starts_with("invalid argument") => {
            flag_error(ctx, path, message);
            return false;
        }
        Err(_) => return true,
    };
    match parsed.get("dry-run") {
        None | Some("client" | "server" | "none") => {}
        Some("unchanged") => ctx.klog_warning("helpers.go:702", "--dry-run is deprecated and can be replaced with --dry-run=client."),
        Some("true") => ctx.klog_warning("helpers.go:716", "--dry-run=true is deprecated (boolean value) and can be replaced with --dry-run=client."),
        Some("false") => ctx.klog_warning("helpers.go:719", "--dry-run=false is deprecated (boolean value) and can be replaced with --dry-run=none."),
        Some(other) => {
            ctx.out.fail(format!("error: Invalid dry-run value ({other}). Must be \"none\", \"server\", or \"client\".\n"));
            return false;
        }
    }
    // cmdutil.GetValidationDirective: a boolean (strconv.ParseBool), strict, warn or ignore.
    if let Some(value) = parsed.get("validate") {
        let known = matches!(value, "1" | "t" | "T" | "true" | "TRUE" | "True" | "0" | "f" | "F" | "false" | "FALSE" | "False" | "strict" | "warn" | "ignore");
        if !known {
            ctx.out.fail(format!("error: invalid - validate option \"{value}\"; must be one of: strict (or true), warn, ignore (or false)\n"));
            return false;
        }
    }
    true
}

/// Where the command starts after the global flags the dispatcher lets come first (and the
/// values of those that take one).
fn leading_flags_end(words: &[String]) -> usize {
    let mut index = 0;
    while index < words.len() && words[index].starts_with('-') {
        let takes_value = matches!(words[index].as_str(), "-n" | "--namespace" | "-v" | "--v" | "--context" | "--kubeconfig" | "-s" | "--server" | "--cluster" | "--user");
        index += 1;
        if takes_value && index < words.len() {
            index += 1;
        }
    }
    index
}

/// Whether running `line` prints one of kubectl's help texts (`kubectl`, `kubectl help ...`,
/// `... -h|--help`, a group run without its subcommand, `kubectl options`), decided without the
/// texts: the page fetches them before it runs such a line (see `help`).
pub fn needs_help_texts(line: &str) -> bool {
    let Ok(words) = args::shell_words(line) else { return false };
    let command = words.split(|w| w == "|").next().unwrap_or(&[]);
    let words = match command.first().map(String::as_str) {
        Some("kubectl") | Some("k") => &command[1..],
        _ => command,
    };
    match help::prints_text(words) {
        Some(prints) => prints,
        // The dispatcher prints the root's help when only global flags are left.
        None => leading_flags_end(words) >= words.len(),
    }
}

/// Reports a flag error the way cobra does, with the usage hint.
pub fn flag_error(ctx: &mut Ctx, command: &str, message: &str) {
    ctx.out.fail(format!("error: {message}\nSee 'kubectl {command} --help' for usage.\n"));
}
