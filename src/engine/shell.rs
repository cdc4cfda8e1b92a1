//! The simulated container's userland: a small POSIX-like shell (`;`, `&&`, `||`, `|`,
//! `VAR=value`, `$VAR`, `${VAR}`, `$(...)`, quotes) over the programs a learner runs in a pod:
//! printenv, env, echo, cat, ls (-l, -a), base64, hostname, curl, wget, nslookup, date, grep, head, tail, wc, cut,
//! sort, and the usual no-ops. Files are the pod's ConfigMap/Secret mounts plus what the kubelet
//! writes (/etc/hosts, /etc/resolv.conf, the service-account token).

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::engine::api::core::Service;
use crate::engine::api::pod::{Container, Pod};
use crate::engine::container_env;
use crate::engine::store::Key;
use crate::engine::Cluster;
use crate::order::SharedSort;
use crate::order::CollectMap;

/// What a command printed and how it exited.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub exit: i32,
    /// How many bytes of `stderr` were written before `stdout` began (busybox wget's
    /// `Connecting to` before the page), so a terminal shows them in order; 0: stdout first.
    pub stderr_lead: usize,
    /// A list's output in the order a terminal shows it (`ls /nope; echo $?`: the error, then
    /// the 1), as (is stderr, text); empty for a single command, whose order `stderr_lead` says.
    pub chunks: Vec<(bool, String)>,
}

impl Output {
    fn ok(stdout: impl Into<String>) -> Output {
        Output { stdout: stdout.into(), ..Default::default() }
    }

    pub(crate) fn fail(stderr: impl Into<String>, exit: i32) -> Output {
        Output { stderr: stderr.into(), exit, ..Default::default() }
    }

    /// Appends a later part's output in the order a terminal shows it; the exit status stays
    /// the caller's to set.
    pub(crate) fn extend(&mut self, part: &Output) {
        self.chunks.extend(part.in_order().into_iter().map(|(is_stderr, text)| (is_stderr, text.to_string())));
        self.stdout.push_str(&part.stdout);
        self.stderr.push_str(&part.stderr);
    }

    /// What a terminal shows, in order: (is stderr, text), empty texts left out.
    pub fn in_order(&self) -> Vec<(bool, &str)> {
        if !self.chunks.is_empty() {
            return self.chunks.iter().map(|(is_stderr, text)| (*is_stderr, text.as_str())).collect();
        }
        let (before, after) = self.stderr_around_stdout();
        [(true, before), (false, self.stdout.as_str()), (true, after)].into_iter().filter(|(_, text)| !text.is_empty()).collect()
    }

    /// `stderr` split where `stdout` began: what a terminal shows before it, and after it.
    pub fn stderr_around_stdout(&self) -> (&str, &str) {
        let lead = self.stderr_lead.min(self.stderr.len());
        if self.stderr.is_char_boundary(lead) { self.stderr.split_at(lead) } else { ("", &self.stderr) }
    }
}

/// Where a command runs.
pub struct Process<'a> {
    pub pod: &'a Pod,
    pub container: &'a Container,
    pub(crate) vars: BTreeMap<String, String>,
    /// Variables the shell exported beyond the environment it started with, in export order
    /// (the environment's own are exported already).
    exported: Vec<String>,
    /// bash words a missing program its own way (`bash: x: command not found`); sh as busybox's.
    bash: bool,
    /// A `break` (true) or `continue` (false) the innermost loop has yet to act on.
    pub(crate) flow: Option<bool>,
    /// The here-documents taken out of the scripts this process ran (`shell_heredoc`).
    pub(crate) heredocs: Vec<crate::engine::shell_heredoc::HereDoc>,
    /// What `kubectl exec -i` sends: read by the first program that reads its stdin.
    pub stdin: Option<String>,
    /// A container's main process run in rounds (an init container waiting for a Service): a
    /// loop that would start round `N + 1` stops the whole script there (`suspended`) instead
    /// of running on; None: loops run up to `shell_control::MAX_ROUNDS`.
    pub round_limit: Option<usize>,
    /// The script stopped at `round_limit`: it is still running and goes on later.
    pub suspended: bool,
    /// The seconds its `sleep` commands would have taken (infinite for `sleep infinity`):
    /// virtual time does not pass while a script runs, so the kubelet waits this long after.
    pub slept: f64,
}

impl<'a> Process<'a> {
    pub fn new(cluster: &Cluster, pod: &'a Pod, container: &'a Container) -> Process<'a> {
        let mut vars: BTreeMap<String, String> = environment(cluster, pod, container).into_iter().collect_map();
        // The shells set PWD as they start (a variable of theirs, not in `env`).
        vars.entry("PWD".into()).or_insert_with(|| "/".into());
        Process { pod, container, vars, exported: Vec::new(), bash: false, flow: None, heredocs: Vec::new(), stdin: None, round_limit: None, suspended: false, slept: 0.0 }
    }

    /// A process of the shell `program` (`sh`, `/bin/bash`) that goes on with the variables an
    /// earlier line of the same shell left.
    pub fn resume(pod: &'a Pod, container: &'a Container, vars: BTreeMap<String, String>, exported: Vec<String>, program: &str) -> Process<'a> {
        Process { pod, container, vars, exported, bash: program.rsplit('/').next() == Some("bash"), flow: None, heredocs: Vec::new(), stdin: None, round_limit: None, suspended: false, slept: 0.0 }
    }

    /// The process is bash (`bash -c SCRIPT`): bash's words, and its arrays.
    pub fn set_bash(&mut self, bash: bool) {
        self.bash = bash;
    }

    /// The variables exported beyond the starting environment (for a session's next line).
    pub fn exported(&self) -> &[String] {
        &self.exported
    }

    fn export(&mut self, name: &str) {
        if !self.exported.iter().any(|n| n == name) {
            self.exported.push(name.to_string());
        }
    }

    /// The environment a program started now gets (`env`): the starting environment with the
    /// shell's current values (less what it unset), then what it exported since.
    fn environ(&self, cluster: &Cluster) -> Vec<(String, String)> {
        let start = environment(cluster, self.pod, self.container);
        let mut environ: Vec<(String, String)> = start.iter().filter_map(|(k, _)| self.vars.get(k).map(|v| (k.clone(), v.clone()))).collect();
        for name in &self.exported {
            if !start.iter().any(|(k, _)| k == name) {
                if let Some(value) = self.vars.get(name) {
                    environ.push((name.clone(), value.clone()));
                }
            }
        }
        environ
    }

    /// `export` (or `export -p`) without names: every exported variable, sorted, as the shell
    /// prints them: bash's `declare -x NAME="value"`, ash's and dash's `export NAME='value'`.
    fn export_listing(&self, cluster: &Cluster) -> String {
        let mut environ = self.environ(cluster);
        environ.sort();
        environ
            .iter()
            .map(|(name, value)| {
                if self.bash {
                    let escaped: String = value.chars().flat_map(|c| if matches!(c, '"' | '\\' | '$' | '`') { vec!['\\', c] } else { vec![c] }).collect();
                    format!("declare -x {name}=\"{escaped}\"\n")
                } else {
                    format!("export {name}='{}'\n", value.replace('\'', "'\"'\"'"))
                }
            })
            .collect()
    }

    /// The working directory (`cd` keeps it in PWD); `/` until one is chosen.
    pub fn cwd(&self) -> &str {
        self.vars.get("PWD").map_or("/", String::as_str)
    }

    /// The shell's variables now (its environment and what its lines assigned).
    pub fn vars(&self) -> &BTreeMap<String, String> {
        &self.vars
    }
}

/// An interactive shell in a container (`kubectl exec -it POD -- sh`): the terminal's next
/// lines run there until `exit`, keeping their variables between lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecSession {
    pub namespace: String,
    pub pod: String,
    /// The pod's UID when the session began: a pod of the same name made since is another.
    pub uid: String,
    pub container: String,
    /// The shell as the learner named it (`sh`, `bash`, `/bin/sh`).
    pub program: String,
    pub vars: BTreeMap<String, String>,
    /// What the shell exported beyond its starting environment (`Process::exported`).
    pub exported: Vec<String>,
    /// The shell is the container's own main process, attached by `kubectl run -it`: leaving
    /// it closes its stdin and ends the container.
    pub attached: bool,
    /// `kubectl run --rm`: the pod is deleted once it has ended.
    pub remove: bool,
}

impl ExecSession {
    /// The shell's prompt as the image's shell prints it for root: bash's `root@HOST:/# `,
    /// busybox's `/ # `, dash's `# `.
    pub fn prompt(&self, container: &Container) -> String {
        let program = self.program.rsplit('/').next().unwrap_or(&self.program);
        let cwd = self.vars.get("PWD").map_or("/", String::as_str);
        if program == "bash" {
            format!("root@{}:{}# ", self.pod, if cwd == "/root" { "~" } else { cwd })
        } else if busybox_based(container) {
            format!("{cwd} # ")
        } else {
            "# ".to_string()
        }
    }
}

/// The environment as `env` prints it: runtime and image variables, the container's own and the
/// service links, HOME last.
pub fn environment(cluster: &Cluster, pod: &Pod, container: &Container) -> Vec<(String, String)> {
    let (repo, tag) = crate::engine::images::split_image(container.image.as_deref().unwrap_or(""));
    let mut env = vec![
        ("PATH".to_string(), "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".to_string()),
        ("HOSTNAME".to_string(), pod.spec.hostname.as_deref().unwrap_or(&pod.metadata.name).to_string()),
    ];
    match repo.rsplit('/').next().unwrap_or("") {
        "nginx" => {
            let release = crate::engine::images::nginx_release(&tag);
            env.push(("NGINX_VERSION".into(), release.version));
            if let Some(pkg_release) = release.pkg_release {
                env.push(("PKG_RELEASE".into(), pkg_release));
            }
        }
        "kubia" | "kubia-unhealthy" => {
            env.push(("NODE_VERSION".into(), "7.10.1".into()));
            env.push(("YARN_VERSION".into(), "0.24.4".into()));
        }
        // FROM node:6.3.1.
        "kubernetes-bootcamp" => {
            env.push(("NPM_CONFIG_LOGLEVEL".into(), "info".into()));
            env.push(("NODE_VERSION".into(), "6.3.1".into()));
        }
        _ => {}
    }
    let mut declared = container_env::environment(cluster, pod, container).unwrap_or_default();
    for index in 0..declared.len() {
        let value = declared[index].1.clone();
        if value.contains("$(") {
            let mut expanded = value.clone();
            for (key, other) in declared[..index].iter().chain(env.iter()) {
                expanded = expanded.replace(&format!("$({key})"), other);
            }
            declared[index].1 = expanded;
        }
    }
    env.extend(declared);
    env.push(("HOME".to_string(), "/root".to_string()));
    env
}

/// Runs a command given as argv (what `kubectl exec POD -- ARGV` sends). `sh -c SCRIPT` runs the
/// script through the shell.
pub fn run_argv(cluster: &mut Cluster, process: &mut Process, argv: &[String]) -> Output {
    let Some(first) = argv.first() else { return Output::default() };
    let program = first.rsplit('/').next().unwrap_or(first);
    if ["sh", "bash", "ash", "dash"].contains(&program) && argv.get(1).map(String::as_str) == Some("-c") {
        process.bash = program == "bash";
        return run_script(cluster, process, argv.get(2).map(String::as_str).unwrap_or(""));
    }
    let input = if READS_STDIN.contains(&program) { process.stdin.take().unwrap_or_default() } else { String::new() };
    run_program(cluster, process, argv, &input)
}

/// Runs a shell script: `;`/newline sequences, `&&`, `||`, pipes, assignments, expansions.
pub fn run_script(cluster: &mut Cluster, process: &mut Process, script: &str) -> Output {
    let mut total = Output::default();
    let script = crate::engine::shell_heredoc::extract(script, &mut process.heredocs);
    let parts = split_list(&script);
    let mut index = 0;
    while index < parts.len() {
        let (connector, command) = &parts[index];
        let (command, compound) = match gather_compound(&parts, &mut index) {
            Ok(Some(text)) => (text, true),
            Ok(None) => (command.clone(), false),
            Err(message) => {
                total.stderr.push_str(&format!("sh: {message}\n"));
                total.chunks.push((true, format!("sh: {message}\n")));
                total.exit = 2;
                break;
            }
        };
        index += 1;
        let proceed = match connector.as_str() {
            "&&" => total.exit == 0,
            "||" => total.exit != 0,
            _ => true,
        };
        if !proceed {
            continue;
        }
        // A `break` or `continue` ends the rest of the body; the loop acts on it. A suspended
        // script runs nothing more.
        if process.flow.is_some() || process.suspended {
            break;
        }
        let result = if compound { crate::engine::shell_control::run_compound(cluster, process, &command) } else { run_pipeline(cluster, process, &command) };
        if total.stdout.is_empty() && total.stderr.is_empty() {
            total.stderr_lead = result.stderr_lead;
        }
        total.extend(&result);
        total.exit = result.exit;
        // `$?`: kept with the shell's variables, so an interactive session's next line sees it.
        process.vars.insert("?".to_string(), result.exit.to_string());
    }
    total
}

/// If the part at `index` starts a compound command (`for`, `while`, `until`, `if`), the parts
/// it spans joined back into its text, `index` left at its last part. `split_list` cut it at
/// its `;` and newlines; joining with `; ` runs the same.
fn gather_compound(parts: &[(String, String)], index: &mut usize) -> Result<Option<String>, String> {
    let first = parts[*index].1.trim_start();
    if !matches!(first.split_whitespace().next(), Some("for" | "while" | "until" | "if")) {
        return Ok(None);
    }
    let mut text = first.to_string();
    loop {
        match crate::engine::shell_control::compound_end(&text) {
            Ok(Some(end)) if text[end..].trim().is_empty() => return Ok(Some(text)),
            Ok(Some(end)) => return Err(format!("syntax error: unexpected word after \"{}\"", text[..end].split_whitespace().last().unwrap_or(""))),
            Ok(None) => return Ok(None),
            Err(message) if *index + 1 >= parts.len() => return Err(message),
            Err(_) => {
                *index += 1;
                let (connector, next) = &parts[*index];
                text = format!("{text}{} {next}", if connector == ";" { ";".to_string() } else { format!(" {connector}") });
            }
        }
    }
}

/// Splits at unquoted `;`, newlines, `&&` and `||`: (connector before, command).
pub(crate) fn split_list(script: &str) -> Vec<(String, String)> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut connector = String::from(";");
    let mut quote: Option<char> = None;
    let mut depth = 0;
    let chars: Vec<char> = script.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match (quote, c) {
            (Some(q), c) if c == q => {
                quote = None;
                current.push(c);
            }
            (Some(_), c) => current.push(c),
            (None, '\'') | (None, '"') => {
                quote = Some(c);
                current.push(c);
            }
            (None, '(') if i > 0 && chars[i - 1] == '$' => {
                depth += 1;
                current.push(c);
            }
            (None, ')') if depth > 0 => {
                depth -= 1;
                current.push(c);
            }
            (None, ';') | (None, '\n') if depth == 0 => {
                parts.push((std::mem::replace(&mut connector, ";".into()), std::mem::take(&mut current)));
            }
            (None, '&') | (None, '|') if depth == 0 && chars.get(i + 1) == Some(&c) => {
                parts.push((std::mem::replace(&mut connector, format!("{c}{c}")), std::mem::take(&mut current)));
                i += 1;
            }
            _ => current.push(c),
        }
        i += 1;
    }
    parts.push((connector, current));
    parts.into_iter().filter(|(_, c)| !c.trim().is_empty()).collect()
}

fn run_pipeline(cluster: &mut Cluster, process: &mut Process, command: &str) -> Output {
    let stages = split_pipes(command);
    let mut input = String::new();
    let mut last = Output::default();
    let mut stderr = String::new();
    for (index, stage) in stages.iter().enumerate() {
        // bash's arithmetic command `(( EXPR ))`: status 0 when the value is not 0 (its `<` and
        // `>` compare, they do not redirect). sh has none: there `((` is a command not found.
        let trimmed = stage.trim();
        if process.bash && trimmed.len() >= 4 && trimmed.starts_with("((") && trimmed.ends_with("))") {
            let expression = expand_names(process, &trimmed[2..trimmed.len() - 2]);
            last = match crate::engine::arith::evaluate(&expression, &mut ShellVars(&mut process.vars)) {
                Ok(value) => Output { exit: i32::from(value == 0), ..Default::default() },
                Err(message) => Output::fail(format!("bash: ((: {message}\n"), 1),
            };
            stderr.push_str(&last.stderr);
            input.clear();
            continue;
        }
        // bash's array assignment `NAME=(WORDS)` (busybox's ash has no arrays).
        if array_assignment(stage).is_some() && !process.bash {
            return Output::fail("sh: syntax error: unexpected \"(\"\n", 2);
        }
        if let Some((name, elements)) = array_assignment(stage) {
            match expand_words(cluster, process, elements) {
                Ok(words) => set_array(process, name, &words),
                Err(message) => return Output::fail(format!("bash: {message}\n"), 2),
            }
            last = Output::default();
            continue;
        }
        let (stage, redirects) = match crate::engine::shell_redirect::take(stage) {
            Ok(taken) => taken,
            Err(message) => return Output::fail(format!("sh: {message}\n"), 2),
        };
        let words = match expand_words(cluster, process, &stage) {
            Ok(words) => words,
            Err(message) => return Output::fail(format!("sh: {message}\n"), 2),
        };
        // Leading assignments set shell variables (or the command's environment); so do
        // `export NAME=value` and `unset NAME`.
        let mut words: &[String] = &words;
        while let Some((name, value)) = words.first().and_then(|w| w.split_once('=')).filter(|(n, _)| is_name(n)) {
            process.vars.insert(name.to_string(), value.to_string());
            words = &words[1..];
        }
        match words.first().map(String::as_str) {
            Some("export") => {
                let names: Vec<&String> = words[1..].iter().filter(|w| *w != "-p").collect();
                if names.is_empty() {
                    last = Output::ok(process.export_listing(cluster));
                    input = std::mem::take(&mut last.stdout);
                    continue;
                }
                for word in names {
                    let (name, value) = word.split_once('=').map_or((word.as_str(), None), |(n, v)| (n, Some(v)));
                    if !is_name(name) {
                        continue;
                    }
                    if let Some(value) = value {
                        process.vars.insert(name.to_string(), value.to_string());
                    }
                    process.export(name);
                }
                continue;
            }
            Some("unset") => {
                for name in &words[1..] {
                    process.vars.remove(name);
                    process.exported.retain(|n| n != name);
                }
                continue;
            }
            _ => {}
        }
        if words.is_empty() && redirects.is_empty() {
            continue;
        }
        let sinks = match open_redirects(cluster, process, &redirects) {
            Ok(sinks) => sinks,
            Err(failed) => {
                last = failed;
                stderr.push_str(&last.stderr);
                input.clear();
                continue;
            }
        };
        // `kubectl exec -i`'s input goes to the first program that reads its stdin.
        let exec_input = (index == 0 && sinks.stdin.is_none() && words.first().is_some_and(|w| READS_STDIN.contains(&w.rsplit('/').next().unwrap_or(w)))).then(|| process.stdin.take()).flatten();
        let piped = if index == 0 { exec_input.as_deref().unwrap_or("") } else { input.as_str() };
        let stdin = sinks.stdin.as_deref().unwrap_or(piped).to_string();
        last = if words.is_empty() { Output::default() } else { run_program(cluster, process, words, &stdin) };
        if !redirects.is_empty() {
            last = route(cluster, process, last, &sinks);
        }
        stderr.push_str(&last.stderr);
        input = std::mem::take(&mut last.stdout);
    }
    let stderr_lead = if stderr.len() == last.stderr.len() { last.stderr_lead } else { 0 };
    Output { stdout: input, stderr, exit: last.exit, stderr_lead, ..Default::default() }
}

/// Where a descriptor writes once a command's redirections are applied.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Sink {
    Stdout,
    Stderr,
    Null,
    /// A file, already created (or emptied, for `>`) when the redirections were opened.
    File(String),
}

/// The programs that read their stdin when they have no file operands.
const READS_STDIN: [&str; 12] = ["cat", "grep", "head", "tail", "wc", "sort", "uniq", "tr", "sed", "awk", "cut", "base64"];

/// A command's descriptors after its redirections: stdout, stderr, and stdin when `<` gave one.
struct Sinks {
    out: Sink,
    err: Sink,
    stdin: Option<String>,
}

/// Opens a command's redirections left to right, as the shell does before it runs the
/// command: `>` empties (or creates) the file, `>>` creates it, `<` reads it. Err: the shell's
/// complaint (busybox ash's `can't create`/`can't open`, bash's own), with the command not run.
fn open_redirects(cluster: &mut Cluster, process: &mut Process, redirects: &[crate::engine::shell_redirect::Redirect]) -> Result<Sinks, Output> {
    use crate::engine::shell_redirect::Redirect;
    use crate::engine::written_files::{self, Write};
    let mut sinks = Sinks { out: Sink::Stdout, err: Sink::Stderr, stdin: None };
    let (pod, container) = (process.pod, process.container);
    for redirect in redirects {
        match redirect {
            Redirect::Dup { fd, to } => {
                let copy = if *to == 1 { sinks.out.clone() } else { sinks.err.clone() };
                if *fd == 2 {
                    sinks.err = copy;
                } else {
                    sinks.out = copy;
                }
            }
            Redirect::To { fd, target, append } => {
                let path = target_path(cluster, process, target);
                let sink = match path.as_str() {
                    "/dev/null" => Sink::Null,
                    "/dev/stdout" => Sink::Stdout,
                    "/dev/stderr" => Sink::Stderr,
                    _ => {
                        let absolute = in_cwd(process, &path);
                        let reason = if list_dir(cluster, pod, container, &absolute).is_some() {
                            Err("Is a directory".to_string())
                        } else {
                            let exists = parent_exists(cluster, pod, container, &absolute);
                            written_files::write(cluster, pod, container, &absolute, exists, if *append { Write::Touch } else { Write::Replace("") })
                        };
                        if let Err(reason) = reason {
                            let message = if process.bash {
                                format!("bash: {path}: {reason}\n")
                            } else {
                                let reason = if reason == "No such file or directory" { "nonexistent directory".to_string() } else { reason };
                                format!("sh: can't create {path}: {reason}\n")
                            };
                            return Err(Output::fail(message, 1));
                        }
                        Sink::File(absolute)
                    }
                };
                if *fd == 2 {
                    sinks.err = sink;
                } else {
                    sinks.out = sink;
                }
            }
            Redirect::Here { index } => {
                let Some(doc) = process.heredocs.get(*index).cloned() else { return Err(Output::fail("sh: syntax error: unexpected redirection\n", 2)) };
                // An unquoted delimiter: `$NAME`, `${...}` and `$(...)` expanded, as between
                // double quotes (where `"` alone is literal here).
                let body = if doc.expand {
                    let quoted = format!("\"{}\"", doc.body.replace('"', "\\\""));
                    expand_words(cluster, process, &quoted).ok().and_then(|words| words.into_iter().next()).unwrap_or(doc.body)
                } else {
                    doc.body
                };
                sinks.stdin = Some(body);
            }
            Redirect::From { target } => {
                let path = target_path(cluster, process, target);
                match read_file(cluster, pod, container, &in_cwd(process, &path)) {
                    Some(text) => sinks.stdin = Some(text),
                    None if process.bash => return Err(Output::fail(format!("bash: {path}: No such file or directory\n"), 1)),
                    None => return Err(Output::fail(format!("sh: can't open '{path}': No such file or directory\n"), 1)),
                }
            }
        }
    }
    Ok(sinks)
}

/// A redirection's target word, expanded (its first word; bash's "ambiguous redirect" aside).
fn target_path(cluster: &mut Cluster, process: &mut Process, target: &str) -> String {
    expand_words(cluster, process, target).ok().and_then(|words| words.into_iter().next()).unwrap_or_default()
}

/// `path` from the shell's working directory, absolute.
fn in_cwd(process: &Process, path: &str) -> String {
    from_cwd(process.cwd(), path)
}

/// `path` made absolute from the working directory `cwd` (an absolute path stays as it is).
fn from_cwd(cwd: &str, path: &str) -> String {
    crate::engine::written_files::absolute(&if path.starts_with('/') { path.to_string() } else { format!("{cwd}/{path}") })
}

/// Sends a command's stdout and stderr where its redirections say; what goes to a file is
/// appended to it (the file was emptied when it was opened).
fn route(cluster: &mut Cluster, process: &Process, output: Output, sinks: &Sinks) -> Output {
    let mut routed = Output { exit: output.exit, ..Default::default() };
    for (text, sink) in [(output.stdout, &sinks.out), (output.stderr, &sinks.err)] {
        match sink {
            Sink::Stdout => routed.stdout.push_str(&text),
            Sink::Stderr => routed.stderr.push_str(&text),
            Sink::Null => {}
            Sink::File(path) => {
                let _ = crate::engine::written_files::write(cluster, process.pod, process.container, path, true, crate::engine::written_files::Write::Append(&text));
            }
        }
    }
    routed
}

/// An expansion's value added to the word being built: quoted, as it is; unquoted, split at
/// blanks into words (field splitting with the default IFS), the first joining the word before.
fn push_expansion(words: &mut Vec<String>, current: &mut String, value: &str, split: bool) {
    if !split || !value.contains(|c: char| c.is_ascii_whitespace()) {
        current.push_str(value);
        return;
    }
    let pieces: Vec<&str> = value.split_ascii_whitespace().collect();
    let Some((last, first)) = pieces.split_last() else { return };
    if value.starts_with(|c: char| c.is_ascii_whitespace()) && !current.is_empty() {
        words.push(std::mem::take(current));
    }
    for piece in first {
        current.push_str(piece);
        words.push(std::mem::take(current));
    }
    current.push_str(last);
}

/// `$NAME` and `${NAME}` in an arithmetic expression replaced by their values (bash expands
/// them before it evaluates); bare names are read by the evaluator.
fn expand_names(process: &Process, expression: &str) -> String {
    let chars: Vec<char> = expression.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '$' {
            let braced = chars.get(i + 1) == Some(&'{');
            let start = if braced { i + 2 } else { i + 1 };
            let mut j = start;
            while j < chars.len() && (chars[j].is_ascii_alphanumeric() || chars[j] == '_') {
                j += 1;
            }
            if j > start {
                let name: String = chars[start..j].iter().collect();
                out.push_str(process.vars.get(&name).map_or("", String::as_str));
                i = if braced && chars.get(j) == Some(&'}') { j + 1 } else { j };
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// The shell's variables as the arithmetic evaluator reads and assigns them.
struct ShellVars<'a>(&'a mut BTreeMap<String, String>);

impl crate::engine::arith::Vars for ShellVars<'_> {
    fn get(&self, name: &str) -> Option<String> {
        self.0.get(name).cloned()
    }

    fn set(&mut self, name: &str, value: &str) {
        self.0.insert(name.to_string(), value.to_string());
    }
}

/// Whether `text` is a variable name the shell accepts (`[A-Za-z_][A-Za-z0-9_]*`).
pub fn is_name(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !text.starts_with(|c: char| c.is_ascii_digit())
}

fn split_pipes(command: &str) -> Vec<String> {
    let mut stages = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    let mut depth = 0;
    let mut previous = ' ';
    for c in command.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'') | (None, '"') => quote = Some(c),
            (None, '(') if previous == '$' => depth += 1,
            (None, ')') if depth > 0 => depth -= 1,
            (None, '|') if depth == 0 => {
                stages.push(std::mem::take(&mut current));
                previous = c;
                continue;
            }
            _ => {}
        }
        current.push(c);
        previous = c;
    }
    stages.push(current);
    stages
}

/// Word splitting with quotes and expansions (`$VAR`, `${VAR}`, `$(cmd)`; none inside '...').
pub(crate) fn expand_words(cluster: &mut Cluster, process: &mut Process, text: &str) -> Result<Vec<String>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    let mut in_word = false;
    let mut i = 0;
    let mut quote: Option<char> = None;
    // The word has an unquoted `*`, `?` or `[`: pathname expansion when it ends.
    let mut glob = false;
    while i < chars.len() {
        let c = chars[i];
        match (quote, c) {
            (Some('\''), '\'') | (Some('"'), '"') => {
                quote = None;
                i += 1;
            }
            (Some('\''), c) => {
                current.push(c);
                i += 1;
            }
            (None, '\'') | (None, '"') => {
                quote = Some(c);
                in_word = true;
                i += 1;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    push_word(cluster, process, &mut words, std::mem::take(&mut current), std::mem::take(&mut glob));
                    in_word = false;
                }
                i += 1;
            }
            // A backslash and a newline join the lines, in quotes or not.
            (_, '\\') if chars.get(i + 1) == Some(&'\n') => i += 2,
            // Outside quotes a backslash keeps the next character literal; inside double quotes
            // only before `$`, `` ` ``, `"` and `\` (POSIX 2.2.3), so `grep "A\|B"` gets `A\|B`.
            (None, '\\') | (Some('"'), '\\') if i + 1 < chars.len() => {
                let next = chars[i + 1];
                if quote.is_some() && !matches!(next, '$' | '`' | '"' | '\\') {
                    current.push('\\');
                }
                current.push(next);
                in_word = true;
                i += 2;
            }
            (_, '$') if i + 1 < chars.len() => {
                in_word = true;
                let next = chars[i + 1];
                if next == '(' {
                    let mut depth = 1;
                    let mut j = i + 2;
                    while j < chars.len() && depth > 0 {
                        match chars[j] {
                            '(' => depth += 1,
                            ')' => depth -= 1,
                            _ => {}
                        }
                        j += 1;
                    }
                    if depth > 0 {
                        return Err("syntax error: unterminated quoted string".to_string());
                    }
                    let inner: String = chars[i + 2..j - 1].iter().collect();
                    if inner.len() >= 2 && inner.starts_with('(') && inner.ends_with(')') {
                        // `$((EXPR))`: arithmetic, its `$NAME`s read first.
                        let expression = expand_names(process, &inner[1..inner.len() - 1]);
                        match crate::engine::arith::evaluate(&expression, &mut ShellVars(&mut process.vars)) {
                            Ok(value) => current.push_str(&value.to_string()),
                            // bash's own words under bash; busybox ash's otherwise.
                            Err(message) if process.bash => return Err(message),
                            Err(message) if message.contains("division by 0") => return Err("divide by zero".to_string()),
                            Err(_) => return Err("arithmetic syntax error".to_string()),
                        }
                    } else {
                        let output = run_script(cluster, process, &inner);
                        push_expansion(&mut words, &mut current, output.stdout.trim_end_matches('\n'), quote.is_none());
                    }
                    i = j;
                } else if next == '{' {
                    let end = chars[i..].iter().position(|c| *c == '}').map(|p| i + p).ok_or("bad substitution")?;
                    let name: String = chars[i + 2..end].iter().collect();
                    match array_reference(&name) {
                        Some(reference) => current.push_str(&array_value(process, reference)?),
                        None => current.push_str(process.vars.get(&name).map(String::as_str).unwrap_or("")),
                    }
                    i = end + 1;
                } else if next == '?' {
                    current.push_str(process.vars.get("?").map_or("0", String::as_str));
                    i += 2;
                } else if next.is_ascii_alphabetic() || next == '_' {
                    let mut j = i + 1;
                    while j < chars.len() && (chars[j].is_ascii_alphanumeric() || chars[j] == '_') {
                        j += 1;
                    }
                    let name: String = chars[i + 1..j].iter().collect();
                    let value = process.vars.get(&name).cloned().unwrap_or_default();
                    push_expansion(&mut words, &mut current, &value, quote.is_none());
                    i = j;
                } else {
                    current.push('$');
                    i += 1;
                }
            }
            // Tilde expansion: a word's unquoted leading `~` (alone or before `/`) is HOME.
            (None, '~') if !in_word && chars.get(i + 1).is_none_or(|n| *n == '/' || n.is_whitespace()) => {
                current.push_str(process.vars.get("HOME").map_or("/root", String::as_str));
                in_word = true;
                i += 1;
            }
            (_, c) => {
                glob |= quote.is_none() && matches!(c, '*' | '?' | '[');
                current.push(c);
                in_word = true;
                i += 1;
            }
        }
    }
    if quote.is_some() {
        return Err("syntax error: unterminated quoted string".into());
    }
    if in_word {
        push_word(cluster, process, &mut words, current, glob);
    }
    Ok(words)
}

/// `NAME=(WORDS)`: the array's name and the text of its elements.
fn array_assignment(stage: &str) -> Option<(&str, &str)> {
    let (name, rest) = stage.trim().split_once("=(")?;
    let elements = rest.strip_suffix(')')?;
    (is_name(name) && !elements.contains(')')).then_some((name, elements))
}

/// Stores a bash array as the shell keeps it here: each element under `NAME[i]`, the count
/// under `NAME[#]`, and `$NAME` as its first element (bash reads a bare array name so).
fn set_array(process: &mut Process, name: &str, words: &[String]) {
    let prefix = format!("{name}[");
    process.vars.retain(|key, _| !key.starts_with(&prefix));
    for (index, word) in words.iter().enumerate() {
        process.vars.insert(format!("{name}[{index}]"), word.clone());
    }
    process.vars.insert(format!("{name}[#]"), words.len().to_string());
    process.vars.insert(name.to_string(), words.first().cloned().unwrap_or_default());
}

/// An array reference inside `${...}`: `NAME[INDEX]`, `NAME[@]`/`NAME[*]`, `#NAME[@]`.
enum ArrayReference<'a> {
    Element(&'a str, &'a str),
    All(&'a str),
    Count(&'a str),
}

fn array_reference(inside: &str) -> Option<ArrayReference<'_>> {
    let (counted, inside) = match inside.strip_prefix('#') {
        Some(rest) => (true, rest),
        None => (false, inside),
    };
    let (name, index) = inside.strip_suffix(']')?.split_once('[')?;
    if !is_name(name) {
        return None;
    }
    Some(match (counted, index) {
        (true, "@" | "*") => ArrayReference::Count(name),
        (false, "@" | "*") => ArrayReference::All(name),
        (false, index) => ArrayReference::Element(name, index),
        (true, _) => return None,
    })
}

/// The value of an array reference: an element (its index an arithmetic expression, negative
/// from the end), all elements joined by spaces, or their count.
fn array_value(process: &mut Process, reference: ArrayReference) -> Result<String, String> {
    let count = |process: &Process, name: &str| process.vars.get(&format!("{name}[#]")).and_then(|c| c.parse::<i64>().ok()).unwrap_or(i64::from(process.vars.contains_key(name)));
    Ok(match reference {
        ArrayReference::Count(name) => count(process, name).to_string(),
        ArrayReference::All(name) => {
            let n = count(process, name);
            if process.vars.contains_key(&format!("{name}[#]")) {
                (0..n).filter_map(|i| process.vars.get(&format!("{name}[{i}]")).cloned()).collect::<Vec<_>>().join(" ")
            } else {
                process.vars.get(name).cloned().unwrap_or_default()
            }
        }
        ArrayReference::Element(name, index) => {
            let expression = expand_names(process, index);
            let mut index = crate::engine::arith::evaluate(&expression, &mut ShellVars(&mut process.vars))?;
            if index < 0 {
                index += count(process, name);
            }
            if !process.vars.contains_key(&format!("{name}[#]")) {
                // A plain variable is an array of one.
                return Ok(if index == 0 { process.vars.get(name).cloned().unwrap_or_default() } else { String::new() });
            }
            process.vars.get(&format!("{name}[{index}]")).cloned().unwrap_or_default()
        }
    })
}

/// Adds a finished word; one with an unquoted pattern character becomes the paths it matches,
/// sorted (pathname expansion), or stays as written when none does.
fn push_word(cluster: &Cluster, process: &Process, words: &mut Vec<String>, word: String, glob: bool) {
    if glob {
        let matches = glob_paths(cluster, process.pod, process.container, process.cwd(), &word);
        if !matches.is_empty() {
            words.extend(matches);
            return;
        }
    }
    words.push(word);
}

/// The paths `pattern` matches in the container, as bash's pathname expansion finds them: each
/// component with a pattern matched against its directory's entries (hidden ones only by a
/// pattern that starts with `.`), relative patterns from `/` (the working directory), sorted.
fn glob_paths(cluster: &Cluster, pod: &Pod, container: &Container, cwd: &str, pattern: &str) -> Vec<String> {
    let absolute = pattern.starts_with('/');
    // Where a found path is looked up: itself when absolute, else under the working directory.
    let base = if absolute { String::new() } else { cwd.trim_end_matches('/').to_string() };
    let parts: Vec<&str> = pattern.split('/').filter(|p| !p.is_empty()).collect();
    let mut found: Vec<String> = vec![String::new()];
    for part in &parts {
        let mut next = Vec::new();
        for prefix in &found {
            let join = |name: &str| if prefix.is_empty() { name.to_string() } else { format!("{prefix}/{name}") };
            if part.contains(['*', '?', '[']) {
                let Some(entries) = list_dir(cluster, pod, container, &format!("{base}/{prefix}")) else { continue };
                next.extend(entries.iter().filter(|e| (!e.starts_with('.') || part.starts_with('.')) && wildcard_match(part, e)).map(|e| join(e)));
            } else {
                next.push(join(part));
            }
        }
        found = next;
    }
    // What a directory listing gave exists; a literal last component has to be looked up.
    let listed = parts.last().is_some_and(|part| part.contains(['*', '?', '[']));
    let mut paths: Vec<String> = found
        .into_iter()
        .filter(|p| listed || read_file(cluster, pod, container, &format!("{base}/{p}")).is_some() || list_dir(cluster, pod, container, &format!("{base}/{p}")).is_some())
        .map(|p| if absolute { format!("/{p}") } else { p })
        .collect();
    paths.shared_sort();
    paths
}

/// Whether `name` matches the shell pattern `pattern`: `*`, `?`, and brackets (`[abc]`,
/// `[a-z]`, `[!x]`); other characters match themselves. The usual greedy matcher with one
/// backtrack point (the last `*`), so any pattern takes time linear in its length times the name's.
fn wildcard_match(pattern: &str, name: &str) -> bool {
    let (p, n): (Vec<char>, Vec<char>) = (pattern.chars().collect(), name.chars().collect());
    // One pattern element at `p[i]` against `c`: Some(element length) when it matches.
    let single = |i: usize, c: char| -> Option<usize> {
        match p[i] {
            '?' => Some(1),
            '[' => {
                let Some(close) = p.iter().skip(i + 2).position(|x| *x == ']').map(|k| k + i + 2) else {
                    return (c == '[').then_some(1);
                };
                let (negated, set) = match p[i + 1] {
                    '!' | '^' => (true, &p[i + 2..close]),
                    _ => (false, &p[i + 1..close]),
                };
                let mut hit = false;
                let mut k = 0;
                while k < set.len() {
                    if k + 2 < set.len() && set[k + 1] == '-' {
                        hit |= set[k] <= c && c <= set[k + 2];
                        k += 3;
                    } else {
                        hit |= set[k] == c;
                        k += 1;
                    }
                }
                (hit != negated).then_some(close + 1 - i)
            }
            literal => (literal == c).then_some(1),
        }
    };
    let (mut i, mut j) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while j < n.len() {
        if i < p.len() && p[i] == '*' {
            star = Some((i, j));
            i += 1;
        } else if let Some(step) = (i < p.len()).then(|| single(i, n[j])).flatten() {
            i += step;
            j += 1;
        } else if let Some((star_i, star_j)) = star {
            i = star_i + 1;
            j = star_j + 1;
            star = Some((star_i, star_j + 1));
        } else {
            return false;
        }
    }
    p[i..].iter().all(|c| *c == '*')
}

fn run_program(cluster: &mut Cluster, process: &mut Process, argv: &[String], input: &str) -> Output {
    let program = argv[0].rsplit('/').next().unwrap_or(&argv[0]).to_string();
    let cwd = process.cwd().to_string();
    let resolved = (cwd != "/").then(|| resolve_operands(&program, &argv[1..], &cwd));
    let args = resolved.as_deref().unwrap_or(&argv[1..]);
    let pod = process.pod;
    let container = process.container;
    match program.as_str() {
        // The working directory: `cd` checks the directory and keeps it in PWD, as the shells do.
        "cd" => {
            let target = args.first().map_or("/root", String::as_str);
            let path = from_cwd(&cwd, target);
            if list_dir(cluster, pod, container, &path).is_some() {
                process.vars.insert("PWD".into(), path);
                return Output::default();
            }
            let reason = if read_file(cluster, pod, container, &path).is_some() { "Not a directory" } else { "No such file or directory" };
            if process.bash {
                Output::fail(format!("bash: cd: {target}: {reason}\n"), 1)
            } else {
                Output::fail(format!("sh: cd: can't cd to {target}: {reason}\n"), 2)
            }
        }
        "pwd" => Output::ok(format!("{cwd}\n")),
        "printenv" => {
            let env = process.environ(cluster);
            if args.is_empty() {
                return Output::ok(env.iter().map(|(k, v)| format!("{k}={v}\n")).collect::<String>());
            }
            let mut out = String::new();
            let mut exit = 0;
            for name in args {
                match env.iter().rev().find(|(k, _)| k == name) {
                    Some((_, v)) => out.push_str(&format!("{v}\n")),
                    None => exit = 1,
                }
            }
            Output { stdout: out, exit, ..Default::default() }
        }
        "env" => Output::ok(process.environ(cluster).iter().map(|(k, v)| format!("{k}={v}\n")).collect::<String>()),
        "sh" | "bash" | "ash" if args.first().map(String::as_str) == Some("-c") => {
            // The child shell's own dialect (its `export` listing, its not-found message).
            let outer = std::mem::replace(&mut process.bash, program == "bash");
            let output = run_script(cluster, process, args.get(1).map(String::as_str).unwrap_or(""));
            process.bash = outer;
            output
        }
        // In the node's network namespace (`hostNetwork`, a node debugging pod) the node's name.
        "hostname" if pod.spec.extra.get("hostNetwork").and_then(serde_json::Value::as_bool) == Some(true) => {
            Output::ok(format!("{}\n", pod.spec.node_name.as_deref().unwrap_or_default()))
        }
        // The pod's hostname: `spec.hostname` when set (an Indexed Job's `JOB-INDEX`), else its name.
        "hostname" => Output::ok(format!("{}\n", pod.spec.hostname.as_deref().unwrap_or(&pod.metadata.name))),
        "nginx" if nginx_tag(container).is_some() => nginx(cluster, args, &nginx_tag(container).unwrap_or_default()),
        "perl" if has_perl(container) => {
            let output = crate::engine::perl::run(args);
            Output { stdout: output.stdout, stderr: output.stderr, exit: output.exit, ..Default::default() }
        }
        "echo" => {
            let (newline, words) = match args.first().map(String::as_str) {
                Some("-n") => (false, &args[1..]),
                _ => (true, args),
            };
            Output::ok(format!("{}{}", words.join(" "), if newline { "\n" } else { "" }))
        }
        "cat" => {
            if args.is_empty() {
                return Output::ok(input.to_string());
            }
            let mut out = Output::default();
            for path in args {
                match read_file(cluster, pod, container, path) {
                    Some(text) => out.stdout.push_str(&text),
                    None => {
                        let reason = if list_dir(cluster, pod, container, path).is_some() { "Is a directory" } else { "No such file or directory" };
                        // busybox's wording, or GNU coreutils' (the Debian-based images).
                        out.stderr.push_str(&if busybox_based(container) { format!("cat: can't open '{path}': {reason}\n") } else { format!("cat: {path}: {reason}\n") });
                        out.exit = 1;
                    }
                }
            }
            out
        }
        "head" | "tail" | "wc" | "sort" | "uniq" | "rev" if !file_operands(&program, args).is_empty() => {
            // FILE operands instead of stdin: their texts in turn (wc names the file it counted).
            let files = file_operands(&program, args);
            let options: Vec<String> = args.iter().filter(|a| !files.contains(a)).cloned().collect();
            let mut text = String::new();
            let mut out = Output::default();
            for path in &files {
                match read_file(cluster, pod, container, path) {
                    Some(content) => text.push_str(&content),
                    None => {
                        out.stderr.push_str(&if busybox_based(container) { format!("{program}: can't open '{path}': No such file or directory\n") } else { format!("{program}: cannot open '{path}' for reading: No such file or directory\n") });
                        out.exit = 1;
                    }
                }
            }
            let mut filtered = filter(&program, &options, &text);
            if program == "wc" && files.len() == 1 && out.exit == 0 {
                // Named as given, not as resolved from the working directory.
                let shown = file_operands(&program, &argv[1..]).into_iter().next().unwrap_or_default();
                filtered.stdout = format!("{} {shown}\n", filtered.stdout.trim_end_matches('\n'));
            }
            filtered.stderr.insert_str(0, &out.stderr);
            filtered.exit = filtered.exit.max(out.exit);
            filtered
        }
        "ls" => ls(cluster, pod, container, args, &cwd),
        "touch" => touch(cluster, pod, container, args),
        "base64" => base64(args, input, &|path| read_file(cluster, pod, container, path)),
        "grep" if !grep_files(args).files.is_empty() => grep_in_files(cluster, pod, container, &grep_files(args), input),
        "grep" | "head" | "tail" | "wc" | "sort" | "uniq" | "tr" | "sed" | "awk" | "cut" | "rev" => filter(&program, args, input),
        "curl" | "wget" => http_client(cluster, pod, &program, args, busybox_up_to_1_28(container)),
        "nslookup" if busybox_up_to_1_28(container) => {
            let Some(name) = args.iter().find(|a| !a.starts_with('-')) else { return Output::fail("", 1) };
            busybox_128_nslookup(cluster, pod.metadata.ns(), name)
        }
        "nslookup" | "host" | "dig" => {
            let Some(name) = args.iter().find(|a| !a.starts_with('-')) else { return Output::fail("", 1) };
            match resolve_all(cluster, pod.metadata.ns(), name) {
                Some((fqdn, ips)) => {
                    let records: String = ips.iter().map(|ip| format!("Name:\t{fqdn}\nAddress: {ip}\n")).collect();
                    Output::ok(format!("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n\n{records}\n"))
                }
                None => Output { stdout: format!("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find {name}: NXDOMAIN\n\n"), exit: 1, ..Default::default() },
            }
        }
        "date" => {
            // busybox/coreutils default: "Mon Nov 23 00:01:02 UTC 2026"
            let rfc = cluster.time().rfc1123z();
            let parts: Vec<&str> = rfc.split_whitespace().collect();
            Output::ok(format!("{} {} {} {} UTC {}\n", parts[0].trim_end_matches(','), parts[2], parts[1], parts[4], parts[3]))
        }
        "whoami" => Output::ok("root\n"),
        "id" => Output::ok("uid=0(root) gid=0(root) groups=0(root)\n"),
        "uname" => Output::ok(if args.iter().any(|a| a == "-a") { format!("Linux {} 6.8.0-kubeplay #1 SMP x86_64 GNU/Linux\n", pod.metadata.name) } else { "Linux\n".into() }),
        "sleep" => match sleep_duration(args, busybox_based(container)) {
            // Virtual time does not pass during an exec; the valid sleep returns at once.
            Ok(for_how_long) => {
                process.slept += match for_how_long {
                    SleepFor::Forever => f64::INFINITY,
                    SleepFor::Seconds(seconds) => seconds,
                };
                Output::default()
            }
            Err(message) => Output::fail(message, 1),
        },
        "break" | "continue" => {
            process.flow = Some(program == "break");
            Output::default()
        }
        "test" | "[" => {
            let exists = |path: &str, what: char| match what {
                'd' => is_directory(path),
                _ => read_file(cluster, pod, container, path).is_some() || is_directory(path),
            };
            match crate::engine::shell_control::test(args, &exists, &program) {
                Ok(true) => Output::default(),
                Ok(false) => Output::fail("", 1),
                Err(message) => Output::fail(format!("sh: {message}\n"), 2),
            }
        }
        "seq" => match crate::engine::shell_control::seq(args) {
            Ok(text) => Output::ok(text),
            Err(message) => Output::fail(format!("{message}\n"), 1),
        },
        "mkdir" => make_dirs(cluster, pod, container, args),
        "rm" => remove_files(cluster, pod, container, args),
        "cp" | "mv" => copy_file(cluster, pod, container, &program, args),
        "true" | "export" | "set" | "trap" | ":" => Output::default(),
        "false" => Output::fail("", 1),
        "exit" => Output::fail("", args.first().and_then(|a| a.parse().ok()).unwrap_or(0)),
        other if process.bash => Output::fail(format!("bash: {other}: command not found\n"), 127),
        other => Output::fail(format!("sh: {other}: not found\n"), 127),
    }
}

/// A program's path operands made absolute from the working directory `cwd` (the file functions
/// read relative paths from `/`; `ls` resolves its own, to show them as given).
fn resolve_operands(program: &str, args: &[String], cwd: &str) -> Vec<String> {
    let operands: Vec<String> = match program {
        "cat" | "touch" | "base64" | "mkdir" | "rm" | "cp" | "mv" => args.iter().filter(|a| !a.starts_with('-')).cloned().collect(),
        "head" | "tail" | "wc" | "sort" | "uniq" => file_operands(program, args),
        "grep" => grep_files(args).files,
        _ => return args.to_vec(),
    };
    args.iter().map(|a| if operands.contains(a) && !a.starts_with('/') { from_cwd(cwd, a) } else { a.clone() }).collect()
}

/// The FILE operands of `head`, `tail`, `wc`, `sort` or `uniq`: the words that are not options
/// nor an option's value (`head -n 3 FILE`).
fn file_operands(program: &str, args: &[String]) -> Vec<String> {
    let mut files = Vec::new();
    let mut index = 0;
    while index < args.len() {
        let arg = &args[index];
        index += 1;
        if arg.starts_with('-') && arg.len() > 1 {
            let takes_value = matches!((program, arg.as_str()), ("head" | "tail", "-n" | "-c") | ("sort", "-k" | "-t"));
            if takes_value {
                index += 1;
            }
            continue;
        }
        files.push(arg.clone());
    }
    files
}

/// GNU `wc` on standard input: `-l` newlines, `-w` words, `-m` characters, `-c` bytes, `-L` the
/// longest line, in that order whatever the flags' order (all but `-m` and `-L` when none is
/// given); one count alone printed bare, several each right-aligned in 7 columns.
fn wc(args: &[String], input: &str) -> String {
    let mut wanted: Vec<char> = args.iter().filter(|a| a.starts_with('-') && a.len() > 1 && !a.starts_with("--")).flat_map(|a| a[1..].chars()).collect();
    for long in args.iter().filter_map(|a| a.strip_prefix("--")) {
        wanted.extend(match long {
            "lines" => Some('l'),
            "words" => Some('w'),
            "chars" => Some('m'),
            "bytes" => Some('c'),
            "max-line-length" => Some('L'),
            _ => None,
        });
    }
    if wanted.is_empty() {
        wanted = vec!['l', 'w', 'c'];
    }
    let counts: Vec<usize> = ['l', 'w', 'm', 'c', 'L']
        .iter()
        .filter(|flag| wanted.contains(flag))
        .map(|flag| match flag {
            'l' => input.matches('\n').count(),
            'w' => input.split_whitespace().count(),
            'm' => input.chars().count(),
            'c' => input.len(),
            _ => input.lines().map(|line| line.chars().count()).max().unwrap_or(0),
        })
        .collect();
    if counts.len() == 1 {
        return format!("{}\n", counts[0]);
    }
    let fields: Vec<String> = counts.iter().map(|count| format!("{count:>7}")).collect();
    format!("{}\n", fields.join(" "))
}

/// The text filters (`grep`, `head`, `tail`, `wc`, `sort`, `uniq`, `rev`, `tr`) over `input`.
pub fn filter(program: &str, args: &[String], input: &str) -> Output {
    let lines: Vec<&str> = input.lines().collect();
    let text: String = match program {
        "grep" => return grep(args, input),
        "sed" | "awk" | "cut" => {
            let (stdout, stderr, exit) = match program {
                "sed" => crate::engine::text_filters::sed(args, input),
                "awk" => crate::engine::text_filters::awk(args, input),
                _ => crate::engine::text_filters::cut(args, input),
            };
            return Output { stdout, stderr, exit, ..Default::default() };
        }
        "head" | "tail" => {
            let n = args.iter().filter_map(|a| a.trim_start_matches("-n").trim_start_matches('-').parse::<usize>().ok()).next().unwrap_or(10);
            let selected: Vec<&&str> = if program == "head" { lines.iter().take(n).collect() } else { lines.iter().skip(lines.len().saturating_sub(n)).collect() };
            selected.iter().map(|l| format!("{l}\n")).collect()
        }
        "wc" => wc(args, input),
        // Each line's characters in reverse order (indexed-job's worker: `rev /input/data.txt`).
        "rev" => lines.iter().map(|l| format!("{}\n", l.chars().rev().collect::<String>())).collect(),
        "sort" => {
            let mut sorted = lines.clone();
            sorted.shared_sort();
            sorted.iter().map(|l| format!("{l}\n")).collect()
        }
        "uniq" => {
            let mut unique: Vec<&str> = lines.clone();
            unique.dedup();
            unique.iter().map(|l| format!("{l}\n")).collect()
        }
        _ => {
            let (from, to) = (args.first().cloned().unwrap_or_default(), args.get(1).cloned().unwrap_or_default());
            input.chars().map(|c| from.find(c).and_then(|i| to.chars().nth(i).or(to.chars().last())).unwrap_or(c)).collect()
        }
    };
    Output::ok(text)
}

/// A grep command line taken apart as GNU grep's getopt_long reads it: options may come after
/// operands, `--` ends them, and an option's argument may be glued (`-A2`, `--context=2`) or the
/// next word (`-A 2`, `-e PAT`, `-m 1`, `--context 2`), so it is never taken for an operand.
#[derive(Debug, Default, PartialEq)]
struct GrepArgs {
    /// The words `grep` reads: its options (`-e`, `-A`, `-B`, `-C` with their values as
    /// separate words), then `--` and the pattern operand unless `-e` or `-f` gave the patterns.
    words: Vec<String>,
    /// The one-letter options without arguments, in order (long ones as their letters).
    letters: String,
    /// `-f FILE`: files whose lines are patterns.
    pattern_files: Vec<String>,
    /// `-A`/`-B`/`-C` asked for lines of context.
    context: bool,
    /// The FILE operands (`-` is standard input).
    files: Vec<String>,
}

/// Parses grep's argv (after `grep`); see `GrepArgs`. Options GNU grep has that this grep does
/// not apply (`-m N`, `-d ACTION`, `--include=GLOB`, ...) are consumed with their arguments and
/// dropped.
fn grep_files(args: &[String]) -> GrepArgs {
    // GNU grep 3.8's short options with an argument (`A:B:C:D:X:d:e:f:m:`) and long ones.
    const SHORT_VALUED: &str = "ABCDXdefm";
    const LONG_VALUED: [(&str, char); 15] = [
        ("regexp", 'e'), ("file", 'f'), ("after-context", 'A'), ("before-context", 'B'), ("context", 'C'), ("max-count", 'm'), ("devices", 'D'), ("directories", 'd'),
        ("label", '-'), ("include", '-'), ("exclude", '-'), ("exclude-from", '-'), ("exclude-dir", '-'), ("binary-files", '-'), ("group-separator", '-'),
    ];
    const LONG_FLAGS: [(&str, char); 20] = [
        ("invert-match", 'v'), ("ignore-case", 'i'), ("only-matching", 'o'), ("count", 'c'), ("line-number", 'n'), ("quiet", 'q'), ("silent", 'q'),
        ("extended-regexp", 'E'), ("fixed-strings", 'F'), ("basic-regexp", 'G'), ("word-regexp", 'w'), ("line-regexp", 'x'), ("no-messages", 's'),
        ("with-filename", 'H'), ("no-filename", 'h'), ("files-with-matches", 'l'), ("files-without-match", 'L'), ("recursive", 'r'), ("no-ignore-case", '-'), ("text", 'a'),
    ];
    let mut parsed = GrepArgs::default();
    let mut operands = Vec::new();
    let mut valued: Vec<(char, String)> = Vec::new();
    let mut options_done = false;
    let mut index = 0;
    while index < args.len() {
        let arg = &args[index];
        index += 1;
        if options_done || arg == "-" || !arg.starts_with('-') {
            operands.push(arg.clone());
            continue;
        }
        if let Some(long) = arg.strip_prefix("--") {
            if long.is_empty() {
                options_done = true;
                continue;
            }
            let (name, value) = long.split_once('=').map_or((long, None), |(name, value)| (name, Some(value.to_string())));
            if let Some((_, letter)) = LONG_VALUED.iter().find(|(long_name, _)| *long_name == name) {
                let value = value.or_else(|| {
                    index += 1;
                    args.get(index - 1).cloned()
                });
                // Without its argument, `grep` itself reports the missing value.
                match value {
                    Some(value) => valued.push((*letter, value)),
                    None => parsed.words.push(arg.clone()),
                }
            } else if let Some((_, letter)) = LONG_FLAGS.iter().find(|(long_name, _)| *long_name == name) {
                parsed.letters.push(*letter);
                parsed.words.push(arg.clone());
            }
            continue;
        }
        for (at, letter) in arg[1..].char_indices() {
            if !SHORT_VALUED.contains(letter) {
                parsed.letters.push(letter);
                continue;
            }
            let rest = &arg[1 + at + letter.len_utf8()..];
            let value = if rest.is_empty() {
                index += 1;
                args.get(index - 1).cloned()
            } else {
                Some(rest.to_string())
            };
            match value {
                Some(value) => valued.push((letter, value)),
                None => parsed.words.push(format!("-{letter}")),
            }
            break;
        }
        let flags: String = arg[1..].chars().take_while(|letter| !SHORT_VALUED.contains(*letter)).collect();
        if !flags.is_empty() {
            parsed.words.push(format!("-{flags}"));
        }
    }
    let mut has_patterns = false;
    for (letter, value) in valued {
        match letter {
            'e' | 'A' | 'B' | 'C' => {
                has_patterns |= letter == 'e';
                parsed.context |= letter != 'e' && value != "0";
                parsed.words.push(format!("-{letter}"));
                parsed.words.push(value);
            }
            'f' => parsed.pattern_files.push(value),
            _ => {}
        }
    }
    let mut operands = operands.into_iter();
    if !has_patterns && parsed.pattern_files.is_empty() {
        if let Some(pattern) = operands.next() {
            parsed.words.push("--".into());
            parsed.words.push(pattern);
        }
    }
    parsed.files = operands.collect();
    parsed
}

/// `grep [OPTION]... PATTERNS FILE...` as GNU grep runs it: the pattern is compiled once (an
/// invalid one is its message and status 2 before any file is read); each FILE's lines are
/// prefixed `FILE:` (context lines `FILE-`) when there are several (`-H`/`-h` force it either
/// way), `-l`/`-L` name the files instead, and context groups from different files are apart by
/// `--`. A missing file is `grep: FILE: No such file or directory` (silenced by `-s`). The status
/// is 2 after any error, else 0 if a line was selected, else 1; but `-q` exits 0 at its first
/// selected line, reading no further file.
fn grep_in_files(cluster: &Cluster, pod: &Pod, container: &Container, parsed: &GrepArgs, input: &str) -> Output {
    let mut out = Output { exit: 1, ..Default::default() };
    let mut words = parsed.words.clone();
    for name in &parsed.pattern_files {
        let absolute = if name.starts_with('/') { name.clone() } else { format!("/{name}") };
        let Some(text) = (if name == "-" { Some(input.to_string()) } else { read_file(cluster, pod, container, &absolute) }) else {
            return Output::fail(format!("grep: {name}: No such file or directory\n"), 2);
        };
        for line in text.lines() {
            words.push("-e".into());
            words.push(line.to_string());
        }
    }
    // `-f` of an empty file: no pattern, so no line is selected.
    let no_patterns = !parsed.pattern_files.is_empty() && !words.iter().any(|word| word == "-e");
    // Compiling against no input gives the pattern's error, or its warnings, once.
    let compiled = grep(&words, "");
    out.stderr = compiled.stderr;
    if compiled.exit == 2 {
        out.exit = 2;
        return out;
    }
    let last_of = |choices: &str| parsed.letters.chars().rev().find(|letter| choices.contains(*letter));
    let [quiet, silent, count, numbers] = ["q", "s", "c", "n"].map(|letter| parsed.letters.contains(letter));
    let list = last_of("lL");
    let with_names = match last_of("hH") {
        Some(letter) => letter == 'H',
        None => parsed.files.len() > 1,
    };
    // Numbered lines tell selected lines (`N:`) from context lines (`N-`) and separators (`--`).
    let numbered: Vec<String> = std::iter::once("-n".to_string()).chain(words).collect();
    let (mut errors, mut printed) = (false, false);
    for path in &parsed.files {
        let absolute = if path.starts_with('/') { path.clone() } else { format!("/{path}") };
        let (name, text) = if path == "-" {
            ("(standard input)", Some(input.to_string()))
        } else {
            (path.as_str(), read_file(cluster, pod, container, &absolute))
        };
        let Some(text) = text else {
            errors = true;
            if !silent {
                let reason = if list_dir(cluster, pod, container, &absolute).is_some() { "Is a directory" } else { "No such file or directory" };
                out.stderr.push_str(&format!("grep: {path}: {reason}\n"));
            }
            continue;
        };
        let result = if no_patterns { Output::fail("", 1) } else { grep(&numbered, &text) };
        if result.exit == 0 {
            out.exit = 0;
            if quiet {
                return out;
            }
        }
        if quiet {
            continue;
        }
        if let Some(letter) = list {
            if (letter == 'l') == (result.exit == 0) {
                out.stdout.push_str(&format!("{name}\n"));
            }
            continue;
        }
        if count {
            out.stdout.push_str(&if with_names { format!("{name}:{}", result.stdout) } else { result.stdout });
            continue;
        }
        if parsed.context && printed && !result.stdout.is_empty() {
            out.stdout.push_str("--\n");
        }
        printed |= !result.stdout.is_empty();
        for line in result.stdout.lines() {
            let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let (number, rest) = line.split_at(digits);
            let Some(separator) = rest.chars().next().filter(|_| digits > 0) else {
                out.stdout.push_str(&format!("{line}\n"));
                continue;
            };
            let text = &rest[1..];
            let file = if with_names { format!("{name}{separator}") } else { String::new() };
            let number = if numbers { format!("{number}{separator}") } else { String::new() };
            out.stdout.push_str(&format!("{file}{number}{text}\n"));
        }
    }
    if errors {
        out.exit = 2;
    }
    out
}

/// `grep [-vioncqEFGwx] [-A N] [-B N] [-C N] [-e PATTERN]... [PATTERN]` over `input`, with GNU
/// grep's regular expressions (`engine::regex`: BRE by default, ERE with `-E`, fixed strings with
/// `-F`; an invalid pattern prints GNU grep's message and exits 2). Options may be bundled
/// (`-in`, `-A2`) and long (`--ignore-case`, `--context=2`; others such as `--color` are ignored).
/// `-o` prints each match on its own line; `-A`/`-B`/`-C` add lines of context after, before or
/// around each match, groups apart separated by `--` (context lines numbered `N-` under `-n`), as
/// GNU grep prints them.
fn grep(args: &[String], input: &str) -> Output {
    use crate::engine::regex::{Options, Regex, Syntax};
    const LONG: [(&str, char); 17] = [
        ("max-count", 'm'),
        ("regexp", 'e'), ("after-context", 'A'), ("before-context", 'B'), ("context", 'C'), ("invert-match", 'v'), ("ignore-case", 'i'), ("only-matching", 'o'), ("count", 'c'),
        ("line-number", 'n'), ("quiet", 'q'), ("silent", 'q'), ("extended-regexp", 'E'), ("fixed-strings", 'F'), ("basic-regexp", 'G'), ("word-regexp", 'w'), ("line-regexp", 'x'),
    ];
    let usage = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";
    let (mut flags, mut valued, mut operand) = (String::new(), Vec::new(), None);
    let mut words = args.iter();
    let mut options_done = false;
    while let Some(arg) = words.next() {
        if options_done || arg == "-" || !arg.starts_with('-') {
            // The first operand is the pattern unless -e gave one; FILE operands are the caller's.
            operand = operand.or(Some(arg.clone()));
            continue;
        }
        let (letters, inline) = match arg.strip_prefix("--") {
            Some("") => {
                options_done = true;
                continue;
            }
            Some(long) => {
                let (name, value) = long.split_once('=').map_or((long, None), |(name, value)| (name, Some(value.to_string())));
                match LONG.iter().find(|(long_name, _)| *long_name == name) {
                    Some((_, letter)) => (letter.to_string(), value),
                    None => continue,
                }
            }
            None => (arg[1..].to_string(), None),
        };
        for (at, letter) in letters.char_indices() {
            if !matches!(letter, 'e' | 'A' | 'B' | 'C' | 'm') {
                flags.push(letter);
                continue;
            }
            let rest = &letters[at + letter.len_utf8()..];
            let value = if !rest.is_empty() { Some(rest.to_string()) } else { inline.clone().or_else(|| words.next().cloned()) };
            let Some(value) = value else { return Output::fail(format!("grep: option requires an argument -- '{letter}'\n{usage}"), 2) };
            valued.push((letter, value));
            break;
        }
    }
    let (mut patterns, mut after, mut before) = (Vec::new(), 0usize, 0usize);
    let mut max_count: Option<usize> = None;
    for (letter, value) in valued {
        if letter == 'e' {
            patterns.push(value);
            continue;
        }
        if letter == 'm' {
            match value.parse::<usize>() {
                Ok(n) => max_count = Some(n),
                Err(_) => return Output::fail("grep: invalid max count\n", 2),
            }
            continue;
        }
        let Ok(lines) = value.parse::<usize>() else {
            return Output::fail(format!("grep: {value}: invalid context length argument\n"), 2);
        };
        match letter {
            'A' => after = lines,
            'B' => before = lines,
            _ => (after, before) = (lines, lines),
        }
    }
    if patterns.is_empty() {
        let Some(pattern) = operand else { return Output::fail(usage, 2) };
        patterns.push(pattern);
    }
    let (invert, only, count, numbers, quiet) = (flags.contains('v'), flags.contains('o'), flags.contains('c'), flags.contains('n'), flags.contains('q'));
    let syntax = match flags.chars().rev().find(|c| matches!(c, 'E' | 'F' | 'G')) {
        Some('E') => Syntax::Extended,
        Some('F') => Syntax::Fixed,
        _ => Syntax::Basic,
    };
    // A container runs in the POSIX locale (no LANG), where grep -i folds ASCII letters only.
    let options = Options { syntax, ignore_case: flags.contains('i'), words: flags.contains('w'), whole_line: flags.contains('x') };
    // A pattern with newlines is several patterns, as GNU grep reads it.
    let patterns: Vec<&str> = patterns.iter().flat_map(|pattern| pattern.split('\n')).collect();
    let regex = match Regex::new(&patterns, options) {
        Ok(regex) => regex,
        Err(message) => return Output::fail(format!("grep: {message}\n"), 2),
    };
    let warnings: String = regex.warnings.iter().map(|warning| format!("grep: warning: {warning}\n")).collect();
    let mut out = String::new();
    let mut n_selected = 0;
    let all: Vec<&str> = input.lines().collect();
    let selected: Vec<bool> = all.iter().map(|line| regex.is_match(line) != invert).collect();
    let context = (after > 0 || before > 0) && !only;
    let mut last_printed: Option<usize> = None;
    let mut last_selected: Option<usize> = None;
    for (number, line) in all.iter().enumerate() {
        // `-m N`: after N selected lines grep stops reading; the lines after the last one are
        // still printed as its trailing context (`-A`), matching or not.
        if max_count.is_some_and(|max| n_selected >= max) {
            if only || last_selected.is_none_or(|last| number > last + after) {
                break;
            }
            out.push_str(&format!("{}{line}\n", if numbers { format!("{}-", number + 1) } else { String::new() }));
            last_printed = Some(number);
            continue;
        }
        if !selected[number] {
            let near = context && (number.saturating_sub(after)..number).any(|i| selected[i]) || context && (number + 1..=(number + before).min(all.len().saturating_sub(1))).any(|i| selected[i]);
            if near {
                if last_printed.is_some_and(|last| number > last + 1) {
                    out.push_str("--\n");
                }
                out.push_str(&format!("{}{line}\n", if numbers { format!("{}-", number + 1) } else { String::new() }));
                last_printed = Some(number);
            }
            continue;
        }
        n_selected += 1;
        last_selected = Some(number);
        if context && last_printed.is_some_and(|last| number > last + 1) {
            out.push_str("--\n");
        }
        last_printed = Some(number);
        let prefix = if numbers { format!("{}:", number + 1) } else { String::new() };
        if only && !invert {
            for (start, end) in regex.find_iter(line) {
                out.push_str(&format!("{prefix}{}\n", &line[start..end]));
            }
        } else {
            out.push_str(&format!("{prefix}{line}\n"));
        }
    }
    let exit = if n_selected == 0 { 1 } else { 0 };
    if quiet {
        return Output { stderr: warnings, exit, ..Default::default() };
    }
    if count {
        return Output { stdout: format!("{n_selected}\n"), stderr: warnings, exit, ..Default::default() };
    }
    Output { stdout: out, stderr: warnings, exit, ..Default::default() }
}

fn hosts_file(pod: &Pod) -> String {
    let mut text = String::from("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n");
    if let Some(ip) = &pod.status.pod_ip {
        text.push_str(&format!("{ip}\t{}\n", pod.metadata.name));
    }
    text
}

const SA_DIR: &str = "/var/run/secrets/kubernetes.io/serviceaccount";

fn read_file(cluster: &Cluster, pod: &Pod, container: &Container, path: &str) -> Option<String> {
    let path = path.replace("/run/secrets/", "/var/run/secrets/").replace("/var/var/", "/var/");
    match path.as_str() {
        "/etc/hosts" => return Some(hosts_file(pod)),
        "/etc/resolv.conf" => {
            let ns = pod.metadata.ns();
            return Some(format!("search {ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n"));
        }
        "/etc/hostname" => return Some(format!("{}\n", pod.metadata.name)),
        "/etc/mtab" | "/proc/mounts" => {
            let mut text = String::from("overlay / overlay rw,relatime 0 0\nproc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n");
            for mount in &container.volume_mounts {
                let secret = pod.spec.volumes.iter().any(|v| v.name == mount.name && (v.secret.is_some() || v.extra.contains_key("projected")));
                let flags = if mount.read_only == Some(true) || secret { "ro" } else { "rw" };
                let fs = if secret { "tmpfs" } else { "/dev/vda1" };
                let kind = if secret { "tmpfs" } else { "ext4" };
                text.push_str(&format!("{fs} {} {kind} {flags},relatime 0 0\n", mount.mount_path.replace("/var/run/", "/run/")));
            }
            return Some(text);
        }
        _ => {}
    }
    if let Some(file) = path.strip_prefix(&format!("{SA_DIR}/")) {
        return match file {
            "namespace" => Some(pod.metadata.ns().to_string()),
            "ca.crt" => cluster.store().config_maps.get(&Key::new(pod.metadata.ns(), "kube-root-ca.crt")).and_then(|cm| cm.data.get("ca.crt").cloned()),
            "token" => Some(service_account_token(pod)),
            _ => None,
        };
    }
    if let Some(text) = crate::engine::written_files::read(cluster, pod, container, &path) {
        return Some(text.to_string());
    }
    if let Some(text) = container_env::mounted_files(cluster, pod, container).into_iter().find(|(p, _)| *p == path).map(|(_, text)| text) {
        return Some(text);
    }
    // The image's own files, unless a volume is mounted over them or they were removed.
    if crate::engine::written_files::under_mount(container, &path) || crate::engine::written_files::hidden(cluster, pod, &path) {
        return None;
    }
    crate::engine::image_files::file(container, &path).map(str::to_string)
}

/// The entries of a directory in the container, if `path` is one (`kubectl cp` of a directory).
pub fn directory_entries(cluster: &Cluster, pod: &Pod, container: &Container, path: &str) -> Vec<String> {
    list_dir(cluster, pod, container, path).unwrap_or_default()
}

/// What the container's file system holds at `path`, for a server reading it (nginx).
pub fn file_entry(cluster: &Cluster, pod: &Pod, container: &Container, path: &str) -> crate::engine::apps::FileEntry {
    use crate::engine::apps::FileEntry;
    if let Some(text) = read_file(cluster, pod, container, path) {
        return FileEntry::File(text);
    }
    if list_dir(cluster, pod, container, path).is_some() {
        return FileEntry::Directory;
    }
    FileEntry::Missing
}

/// The directory a path is in.
fn parent_of(path: &str) -> String {
    path.rsplit_once('/').map(|(p, _)| if p.is_empty() { "/" } else { p }).unwrap_or("/").to_string()
}

/// Whether the directory `path` (absolute) would be written in exists.
fn parent_exists(cluster: &Cluster, pod: &Pod, container: &Container, path: &str) -> bool {
    list_dir(cluster, pod, container, &parent_of(path)).is_some()
}

/// `mkdir [-p] DIR...`: directories in the pod's storage (or its volume). Without `-p` the
/// parent must exist and the directory must not; with it, the missing parents are made too.
fn make_dirs(cluster: &mut Cluster, pod: &Pod, container: &Container, args: &[String]) -> Output {
    let busybox = busybox_based(container);
    let parents = args.iter().any(|a| a.starts_with('-') && a.contains('p'));
    let mut out = Output::default();
    for dir in args.iter().filter(|a| !a.starts_with('-')) {
        let path = crate::engine::written_files::absolute(dir);
        let mut fail = |reason: &str| {
            out.stderr.push_str(&if busybox { format!("mkdir: can't create directory '{dir}': {reason}\n") } else { format!("mkdir: cannot create directory '{dir}': {reason}\n") });
            out.exit = 1;
        };
        if list_dir(cluster, pod, container, &path).is_some() || read_file(cluster, pod, container, &path).is_some() {
            if !parents {
                fail("File exists");
            }
            continue;
        }
        if !parents && !parent_exists(cluster, pod, container, &path) {
            fail("No such file or directory");
            continue;
        }
        // The directory, then (with -p) each missing parent up to one that exists.
        let mut chain = vec![path.clone()];
        while parents && !parent_exists(cluster, pod, container, &chain[chain.len() - 1]) {
            chain.push(parent_of(&chain[chain.len() - 1]));
        }
        for made in chain.iter().rev() {
            if let Err(reason) = crate::engine::written_files::make_dir(cluster, pod, container, made) {
                fail(&reason);
                break;
            }
        }
    }
    out
}

/// `rm [-f] [-r] PATH...`: files (and with `-r` directories) the learner wrote, or the image's
/// own, which then stay gone from this container.
fn remove_files(cluster: &mut Cluster, pod: &Pod, container: &Container, args: &[String]) -> Output {
    let busybox = busybox_based(container);
    let flags: String = args.iter().filter(|a| a.starts_with('-')).flat_map(|a| a.chars().skip(1)).collect();
    let (force, recursive) = (flags.contains('f'), flags.contains('r') || flags.contains('R'));
    let mut out = Output::default();
    for target in args.iter().filter(|a| !a.starts_with('-')) {
        let path = crate::engine::written_files::absolute(target);
        let is_dir = list_dir(cluster, pod, container, &path).is_some();
        let reason = if is_dir && !recursive {
            Some(if busybox { format!("rm: '{target}' is a directory\n") } else { format!("rm: cannot remove '{target}': Is a directory\n") })
        } else if !is_dir && read_file(cluster, pod, container, &path).is_none() {
            (!force).then(|| if busybox { format!("rm: can't remove '{target}': No such file or directory\n") } else { format!("rm: cannot remove '{target}': No such file or directory\n") })
        } else {
            let image = crate::engine::image_files::file(container, &path).is_some();
            crate::engine::written_files::remove(cluster, pod, container, &path, image).err().map(|reason| {
                if busybox { format!("rm: can't remove '{target}': {reason}\n") } else { format!("rm: cannot remove '{target}': {reason}\n") }
            })
        };
        if let Some(message) = reason {
            out.stderr.push_str(&message);
            out.exit = 1;
        }
    }
    out
}

/// `cp SOURCE DEST` / `mv SOURCE DEST`: one file's text to DEST (into it, under the source's
/// name, when DEST is a directory); `mv` then removes the source.
fn copy_file(cluster: &mut Cluster, pod: &Pod, container: &Container, program: &str, args: &[String]) -> Output {
    let busybox = busybox_based(container);
    let operands: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let [source, destination] = operands.as_slice() else {
        let message = match (busybox, operands.len()) {
            (true, _) => format!("BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: {program} [OPTIONS] SOURCE... DIRECTORY\n"),
            (false, 0) => format!("{program}: missing file operand\nTry '{program} --help' for more information.\n"),
            (false, _) => format!("{program}: missing destination file operand after '{}'\nTry '{program} --help' for more information.\n", operands[0]),
        };
        return Output::fail(message, 1);
    };
    let from = crate::engine::written_files::absolute(source);
    let Some(text) = read_file(cluster, pod, container, &from) else {
        let message = match (busybox, program) {
            (true, "cp") => format!("cp: can't stat '{source}': No such file or directory\n"),
            (true, _) => format!("mv: can't rename '{source}': No such file or directory\n"),
            (false, _) => format!("{program}: cannot stat '{source}': No such file or directory\n"),
        };
        return Output::fail(message, 1);
    };
    let mut to = crate::engine::written_files::absolute(destination);
    if list_dir(cluster, pod, container, &to).is_some() {
        to = crate::engine::written_files::absolute(&format!("{to}/{}", from.rsplit('/').next().unwrap_or("")));
    }
    let exists = parent_exists(cluster, pod, container, &to);
    if let Err(reason) = crate::engine::written_files::write(cluster, pod, container, &to, exists, crate::engine::written_files::Write::Replace(&text)) {
        let message = if busybox { format!("{program}: can't create '{destination}': {reason}\n") } else { format!("{program}: cannot create regular file '{destination}': {reason}\n") };
        return Output::fail(message, 1);
    }
    if program == "mv" {
        let image = crate::engine::image_files::file(container, &from).is_some();
        if let Err(reason) = crate::engine::written_files::remove(cluster, pod, container, &from, image) {
            return Output::fail(format!("mv: cannot remove '{source}': {reason}\n"), 1);
        }
    }
    Output::default()
}

/// `touch FILE...`: creates empty files (`written_files`); options are accepted and ignored.
fn touch(cluster: &mut Cluster, pod: &Pod, container: &Container, args: &[String]) -> Output {
    let busybox = busybox_based(container);
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    if files.is_empty() {
        return Output::fail(if busybox { "BusyBox: touch: missing operand\n".to_string() } else { "touch: missing file operand\nTry 'touch --help' for more information.\n".to_string() }, 1);
    }
    let mut out = Output::default();
    for file in files {
        let path = crate::engine::written_files::absolute(file);
        if list_dir(cluster, pod, container, &path).is_some() {
            continue;
        }
        let exists = parent_exists(cluster, pod, container, &path);
        if let Err(reason) = crate::engine::written_files::touch(cluster, pod, container, &path, exists) {
            out.stderr.push_str(&if busybox { format!("touch: {file}: {reason}\n") } else { format!("touch: cannot touch '{file}': {reason}\n") });
            out.exit = 1;
        }
    }
    out
}

fn service_account_token(pod: &Pod) -> String {
    let header = crate::engine::base64::encode(br#"{"alg":"RS256","kid":"kubeplay"}"#).trim_end_matches('=').to_string();
    let claims = format!(r#"{{"iss":"https://kubernetes.default.svc.cluster.local","sub":"system:serviceaccount:{}:{}"}}"#, pod.metadata.ns(), pod.spec.service_account_name.as_deref().unwrap_or("default"));
    format!("{header}.{}.kubeplay-signature", crate::engine::base64::encode(claims.as_bytes()).trim_end_matches('='))
}

fn list_dir(cluster: &Cluster, pod: &Pod, container: &Container, path: &str) -> Option<Vec<String>> {
    let path = path.trim_end_matches('/').replace("/run/secrets/", "/var/run/secrets/").replace("/var/var/", "/var/");
    if path.is_empty() {
        let mut root: Vec<String> = root_entries(container).iter().map(|s| s.to_string()).collect();
        root.extend(crate::engine::written_files::entries(cluster, pod, container, "/").0);
        root.extend(crate::engine::written_files::mount_dirs(container, "/"));
        root.shared_sort();
        root.dedup();
        return Some(root);
    }
    if path == SA_DIR {
        return Some(vec!["ca.crt".into(), "namespace".into(), "token".into()]);
    }
    let prefix = format!("{path}/");
    let mut entries: Vec<String> = container_env::mounted_files(cluster, pod, container)
        .into_iter()
        .filter_map(|(p, _)| p.strip_prefix(&prefix).map(|rest| rest.split('/').next().unwrap_or(rest).to_string()))
        .collect();
    let (written, mount_point) = crate::engine::written_files::entries(cluster, pod, container, &path);
    entries.extend(written);
    if !crate::engine::written_files::under_mount(container, &path) {
        let image = crate::engine::image_files::dir(container, &path).into_iter().flatten();
        entries.extend(image.filter(|name| !crate::engine::written_files::hidden(cluster, pod, &format!("{path}/{name}"))).map(|name| name.to_string()));
    }
    entries.extend(crate::engine::written_files::mount_dirs(container, &path));
    entries.shared_sort();
    entries.dedup();
    if entries.is_empty() && (mount_point || crate::engine::written_files::is_dir(cluster, pod, container, &path)) {
        return Some(entries);
    }
    if entries.is_empty() {
        let known = ["/bin", "/etc", "/usr", "/usr/share", "/var", "/tmp", "/root", "/home", "/dev", "/proc", "/sys", "/run"];
        if path == "/docker-entrypoint.d" && root_entries(container).contains(&"docker-entrypoint.d") {
            // The scripts nginx's entrypoint runs (its startup log names them).
            return Some(["10-listen-on-ipv6-by-default.sh", "15-local-resolvers.envsh", "20-envsubst-on-templates.sh", "30-tune-worker-processes.sh"].iter().map(|s| s.to_string()).collect());
        }
        let in_root = path.strip_prefix('/').is_some_and(|name| !name.contains('/') && !name.ends_with(".sh") && root_entries(container).contains(&name));
        return (known.contains(&path.as_str()) || in_root).then(Vec::new);
    }
    Some(entries)
}

/// How long `sleep` sleeps.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SleepFor {
    Seconds(f64),
    Forever,
}

/// The time `sleep ARGS` sleeps: the sum of its operands, each a decimal number with an optional
/// suffix `s`, `m`, `h` or `d` (`sleep 1h 30m` is 5400 s), or `infinity`. An operand that is no
/// duration is the program's error text (busybox: `invalid number`, GNU: `invalid time interval`),
/// with exit code 1.
///
/// Mirrors busybox's sleep_main (coreutils/sleep.c: `inf` first operand, then
/// parse_duration_str in libbb/duration.c summed over the operands) and GNU coreutils'
/// sleep main (src/sleep.c: `cl_strtod` then `apply_suffix`, summed).
pub fn sleep_duration(args: &[String], busybox: bool) -> Result<SleepFor, String> {
    if args.is_empty() {
        // busybox:latest's banner (1.37.0), then sleep's usage.
        return Err(if busybox {
            "BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: sleep [N]...\n\nPause for a time equal to the total of the args given, where each arg can\nhave an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays\n".into()
        } else {
            "sleep: missing operand\nTry 'sleep --help' for more information.\n".into()
        });
    }
    let mut total = 0.0;
    for (index, arg) in args.iter().enumerate() {
        let infinite = if busybox { index == 0 && arg.len() >= 3 && arg[..3].eq_ignore_ascii_case("inf") } else { arg.eq_ignore_ascii_case("inf") || arg.eq_ignore_ascii_case("infinity") };
        if infinite {
            return Ok(SleepFor::Forever);
        }
        match parse_interval(arg) {
            Some(seconds) => total += seconds,
            None if busybox => return Err(format!("sleep: invalid number '{arg}'\n")),
            None => return Err(format!("sleep: invalid time interval '{arg}'\nTry 'sleep --help' for more information.\n")),
        }
    }
    Ok(SleepFor::Seconds(total))
}

/// One operand of `sleep`: `N`, `N.F` or `.F`, then at most one of `s`, `m`, `h`, `d`.
fn parse_interval(arg: &str) -> Option<f64> {
    let (number, multiplier) = match arg.char_indices().last()? {
        (at, 's') => (&arg[..at], 1.0),
        (at, 'm') => (&arg[..at], 60.0),
        (at, 'h') => (&arg[..at], 3600.0),
        (at, 'd') => (&arg[..at], 86400.0),
        _ => (arg, 1.0),
    };
    let well_formed = number.chars().all(|c| c.is_ascii_digit() || c == '.') && number.chars().filter(|&c| c == '.').count() <= 1 && number.chars().any(|c| c.is_ascii_digit());
    well_formed.then(|| number.parse::<f64>().ok()).flatten().map(|n| n * multiplier)
}

/// Whether the image's userland is busybox (busybox, alpine and `*-alpine` tags), whose
/// programs word their errors differently from GNU coreutils'.
/// The image's root directory: nginx's Debian image (bookworm, with its entrypoint), else a small
/// busybox-like root.
fn root_entries(container: &Container) -> &'static [&'static str] {
    let (repo, tag) = crate::engine::images::split_image(container.image.as_deref().unwrap_or(""));
    if repo.rsplit('/').next() == Some("nginx") && !tag.contains("alpine") {
        return &[
            "bin", "boot", "dev", "docker-entrypoint.d", "docker-entrypoint.sh", "etc", "home", "lib", "lib64", "media", "mnt", "opt", "proc", "root", "run",
            "sbin", "srv", "sys", "tmp", "usr", "var",
        ];
    }
    &["bin", "dev", "etc", "home", "proc", "root", "run", "sys", "tmp", "usr", "var"]
}

/// Images that ship perl: the perl images (and nginx's `perl` variants).
/// The tag of an nginx image, None for other images.
fn nginx_tag(container: &Container) -> Option<String> {
    let (repo, tag) = crate::engine::images::split_image(container.image.as_deref().unwrap_or(""));
    (repo.rsplit('/').next() == Some("nginx")).then(|| tag.to_string())
}

/// The nginx binary's quick options, written to stderr as nginx writes them: `-v` (its
/// version), `-t` (the configuration test; the image's configuration is the stock one), `-s
/// reload|reopen` (a master process told to reload; the running server keeps serving). Anything
/// else would start a second server, which the exec refuses as the port is taken.
fn nginx(cluster: &Cluster, args: &[String], tag: &str) -> Output {
    let version = crate::engine::images::nginx_release(tag).version;
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    let stderr = |text: String, exit: i32| Output { stderr: text, exit, ..Default::default() };
    let stamp = cluster.time().rfc3339().replace('-', "/").replace('T', " ").trim_end_matches('Z').to_string();
    match words.as_slice() {
        ["-v"] => stderr(format!("nginx version: nginx/{version}\n"), 0),
        ["-t"] => stderr("nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n".into(), 0),
        ["-s", "reload" | "reopen"] => stderr(format!("{stamp} [notice] 29#29: signal process started\n"), 0),
        // ngx_open_listening_sockets: five tries at each of the stock listens, then it gives up.
        _ => {
            let mut text = String::new();
            for _ in 0..5 {
                for address in ["0.0.0.0:80", "[::]:80"] {
                    text.push_str(&format!("{stamp} [emerg] 29#29: bind() to {address} failed (98: Address already in use)\nnginx: [emerg] bind() to {address} failed (98: Address already in use)\n"));
                }
            }
            text.push_str(&format!("{stamp} [emerg] 29#29: still could not bind()\nnginx: [emerg] still could not bind()\n"));
            stderr(text, 1)
        }
    }
}

/// The directories every image has, for `test -d`.
fn is_directory(path: &str) -> bool {
    matches!(path.trim_end_matches('/'), "" | "/tmp" | "/etc" | "/usr" | "/bin" | "/var" | "/root" | "/home" | "/proc" | "/dev" | "/sys" | "/usr/bin" | "/usr/local" | "/var/log" | "/usr/share" | "/usr/share/nginx/html")
}

fn has_perl(container: &Container) -> bool {
    let (repo, tag) = crate::engine::images::split_image(container.image.as_deref().unwrap_or(""));
    repo.rsplit('/').next() == Some("perl") || tag.contains("perl")
}

pub(crate) fn busybox_based(container: &Container) -> bool {
    let (repo, tag) = crate::engine::images::split_image(container.image.as_deref().unwrap_or(""));
    matches!(repo.rsplit('/').next().unwrap_or(""), "busybox" | "alpine" | "curl") || tag.contains("alpine")
}

/// One line of `ls -l`.
struct LongEntry {
    mode: &'static str,
    links: u32,
    size: usize,
    name: String,
    target: Option<String>,
}

/// `ls [-1alA] [PATH]...`: one name a line (stdout is not a terminal); several paths get
/// `PATH:` headers; `-l` is the long format, with the files as the kubelet lays out ConfigMap and
/// Secret volumes (each key a symlink into `..data`). Relative paths are read from the working
/// directory `cwd` and shown as given.
fn ls(cluster: &Cluster, pod: &Pod, container: &Container, args: &[String], cwd: &str) -> Output {
    let busybox = busybox_based(container);
    let mut long = false;
    let mut all = false;
    let mut paths = Vec::new();
    for arg in args {
        match arg.strip_prefix('-') {
            Some(letters) if !letters.is_empty() && !arg.starts_with("--") => {
                long |= letters.contains('l');
                all |= letters.contains('a');
            }
            _ => paths.push(arg.clone()),
        }
    }
    if paths.is_empty() {
        paths.push(".".into());
    }
    let several = paths.len() > 1;
    let when = listing_time(cluster, pod);
    let mut out = Output::default();
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for path in &paths {
        let absolute = from_cwd(cwd, path);
        if let Some(entries) = list_dir(cluster, pod, container, &absolute) {
            dirs.push((path.clone(), absolute, entries));
        } else if let Some(text) = read_file(cluster, pod, container, &absolute) {
            files.push(LongEntry { mode: "-rw-r--r--", links: 1, size: text.len(), name: path.clone(), target: None });
        } else {
            out.stderr.push_str(&if busybox { format!("ls: {path}: No such file or directory\n") } else { format!("ls: cannot access '{path}': No such file or directory\n") });
            out.exit = if busybox { 1 } else { 2 };
        }
    }
    let mut sections = Vec::new();
    if !files.is_empty() {
        sections.push(if long { long_lines(&files, &when, busybox) } else { files.iter().map(|f| format!("{}\n", f.name)).collect() });
    }
    for (shown, absolute, names) in dirs {
        let mut text = String::new();
        if several || !sections.is_empty() {
            text.push_str(&format!("{shown}:\n"));
        }
        let mut entries: Vec<LongEntry> = Vec::new();
        let volume_dir = is_volume_dir(pod, container, &absolute);
        if all {
            entries.push(LongEntry { mode: if volume_dir { "drwxrwxrwx" } else { "drwxr-xr-x" }, links: 3, size: 4096, name: ".".into(), target: None });
            entries.push(LongEntry { mode: "drwxr-xr-x", links: 1, size: 4096, name: "..".into(), target: None });
            if volume_dir {
                // The kubelet's atomic writer: a timestamped directory and `..data` pointing at it.
                let stamp = atomic_writer_dir(cluster, pod);
                entries.push(LongEntry { mode: "drwxr-xr-x", links: 2, size: 4096, name: stamp.clone(), target: None });
                entries.push(LongEntry { mode: "lrwxrwxrwx", links: 1, size: stamp.len(), name: "..data".into(), target: Some(stamp) });
            }
        }
        for name in names {
            let child = format!("{}/{name}", absolute.trim_end_matches('/'));
            entries.push(if volume_dir {
                let target = format!("..data/{name}");
                LongEntry { mode: "lrwxrwxrwx", links: 1, size: target.len(), name, target: Some(target) }
            } else if list_dir(cluster, pod, container, &child).is_some() {
                LongEntry { mode: "drwxr-xr-x", links: 1, size: 4096, name, target: None }
            } else {
                let size = read_file(cluster, pod, container, &child).map(|t| t.len()).unwrap_or(0);
                LongEntry { mode: "-rw-r--r--", links: 1, size, name, target: None }
            });
        }
        if long {
            let blocks: usize = entries.iter().map(|e| if e.mode.starts_with('l') { 0 } else { e.size.div_ceil(4096) * 4 }).sum();
            text.push_str(&format!("total {blocks}\n"));
            text.push_str(&long_lines(&entries, &when, busybox));
        } else {
            text.push_str(&entries.iter().map(|e| format!("{}\n", e.name)).collect::<String>());
        }
        sections.push(text);
    }
    out.stdout = sections.join("\n");
    out
}

/// The long format: GNU aligns each column to its widest cell; busybox uses fixed widths.
fn long_lines(entries: &[LongEntry], when: &str, busybox: bool) -> String {
    let links_width = entries.iter().map(|e| e.links.to_string().len()).max().unwrap_or(1);
    let size_width = entries.iter().map(|e| e.size.to_string().len()).max().unwrap_or(1);
    entries
        .iter()
        .map(|e| {
            let target = e.target.as_ref().map(|t| format!(" -> {t}")).unwrap_or_default();
            if busybox {
                format!("{} {:>4} {:<8} {:<8} {:>9} {when} {}{target}\n", e.mode, e.links, "root", "root", e.size, e.name)
            } else {
                format!("{} {:>links_width$} root root {:>size_width$} {when} {}{target}\n", e.mode, e.links, e.size, e.name)
            }
        })
        .collect()
}

/// `Nov 23 00:00`: when the pod started (its volumes were written then), on the virtual clock.
fn listing_time(cluster: &Cluster, pod: &Pod) -> String {
    let text = pod.status.start_time.map(|t| t.rfc1123z()).unwrap_or_else(|| cluster.time().rfc1123z());
    // "Mon, 23 Nov 2026 00:01:02 +0000"
    let parts: Vec<&str> = text.split_whitespace().collect();
    let (day, month, clock) = (parts.get(1).copied().unwrap_or("1"), parts.get(2).copied().unwrap_or("Jan"), parts.get(4).copied().unwrap_or("00:00:00"));
    format!("{month} {:>2} {}", day.trim_start_matches('0'), &clock[..clock.len().min(5)])
}

/// `..2026_11_23_00_00_05.1234567890`: the directory the atomic writer made when the pod started
/// (the digits come from the pod's uid, so they stay the same for a seed).
fn atomic_writer_dir(cluster: &Cluster, pod: &Pod) -> String {
    let text = pod.status.start_time.map(|t| t.rfc3339()).unwrap_or_else(|| cluster.time().rfc3339());
    let stamp: String = text.trim_end_matches('Z').chars().map(|c| if c.is_ascii_digit() { c } else { '_' }).collect();
    let digits: u32 = pod.metadata.uid.bytes().fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32));
    format!("..{stamp}.{digits}")
}

/// Whether `path` is where a ConfigMap, Secret or projected volume is mounted (not a subPath).
fn is_volume_dir(pod: &Pod, container: &Container, path: &str) -> bool {
    let path = path.trim_end_matches('/').replace("/run/secrets/", "/var/run/secrets/").replace("/var/var/", "/var/");
    path == SA_DIR
        || container.volume_mounts.iter().any(|m| {
            m.sub_path.is_none()
                && m.mount_path.trim_end_matches('/') == path
                && pod.spec.volumes.iter().any(|v| v.name == m.name && (v.config_map.is_some() || v.secret.is_some() || v.extra.contains_key("projected")))
        })
}

/// `base64 [-d] [-w COLS] [FILE]`: coreutils/busybox base64, lines wrapped at 76 columns.
/// `base64 [-d] [-w N] [FILE]` (GNU's and busybox's options); `read` gives a FILE's text.
pub fn base64(args: &[String], input: &str, read: &dyn Fn(&str) -> Option<String>) -> Output {
    let mut decode = false;
    let mut wrap = 76;
    let mut file = None;
    let mut index = 0;
    while index < args.len() {
        match args[index].as_str() {
            "-d" | "--decode" | "-D" => decode = true,
            "-w" | "--wrap" => {
                wrap = args.get(index + 1).and_then(|w| w.parse().ok()).unwrap_or(76);
                index += 1;
            }
            "-w0" => wrap = 0,
            a if a.starts_with("--wrap=") => wrap = a["--wrap=".len()..].parse().unwrap_or(76),
            "-i" | "--ignore-garbage" => {}
            "-" => file = None,
            a => file = Some(a.to_string()),
        }
        index += 1;
    }
    let data = match &file {
        Some(path) => match read(path) {
            Some(text) => text,
            None => return Output::fail(format!("base64: {path}: No such file or directory\n"), 1),
        },
        None => input.to_string(),
    };
    if decode {
        let compact: String = data.chars().filter(|c| !c.is_whitespace()).collect();
        return match crate::engine::base64::decode(&compact) {
            Some(bytes) => Output::ok(String::from_utf8_lossy(&bytes).into_owned()),
            None => Output::fail("base64: invalid input\n", 1),
        };
    }
    let encoded = crate::engine::base64::encode(data.as_bytes());
    if encoded.is_empty() {
        return Output::ok("");
    }
    let lines: Vec<String> = if wrap == 0 { vec![encoded] } else { encoded.as_bytes().chunks(wrap).map(|c| String::from_utf8_lossy(c).into_owned()).collect() };
    Output::ok(lines.iter().map(|l| format!("{l}\n")).collect::<String>())
}

/// Cluster DNS as CoreDNS answers a pod (resolv.conf's search list `<ns>.svc.cluster.local
/// svc.cluster.local cluster.local`, ndots 5): an IP as itself; a Service's cluster IP; a headless
/// Service's ready pod IPs; `<hostname>.<service>` for a pod whose hostname and subdomain a
/// headless Service's endpoints carry (a StatefulSet's pods). The name found and its addresses.
/// Whether the container's busybox is older than 1.29: its nslookup (the applet was rewritten
/// then) and its wget, which does not yet say `writing to stdout`/`saving to`: `busybox:1.28`,
/// the image kubernetes.io's DNS debugging and network policy pages pin.
fn busybox_up_to_1_28(container: &Container) -> bool {
    let (repo, tag) = crate::engine::images::split_image(container.image.as_deref().unwrap_or(""));
    if repo.rsplit('/').next() != Some("busybox") {
        return false;
    }
    let mut numbers = tag.split(['.', '-']).map(|part| part.parse::<u32>());
    matches!((numbers.next(), numbers.next()), (Some(Ok(1)), Some(Ok(minor))) if minor <= 28)
}

/// busybox 1.28's nslookup: the server and each address with its reverse name, the name as
/// asked; `can't resolve` (exit 1) for a missing one.
fn busybox_128_nslookup(cluster: &Cluster, namespace: &str, name: &str) -> Output {
    let server = "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n";
    let Some((fqdn, ips)) = resolve_all(cluster, namespace, name) else {
        return Output { stdout: server.to_string(), stderr: format!("nslookup: can't resolve '{name}'\n"), exit: 1, ..Default::default() };
    };
    let mut out = format!("{server}Name:      {name}\n");
    for (index, ip) in ips.iter().enumerate() {
        out.push_str(&format!("Address {}: {ip} {}\n", index + 1, reverse_name(cluster, ip, &fqdn)));
    }
    Output::ok(out)
}

/// The PTR name CoreDNS gives an address: a Service's name for its ClusterIP; for a pod, its
/// `hostname.subdomain` name when it has one, else the dashed address under the Service asked.
fn reverse_name(cluster: &Cluster, ip: &str, fqdn: &str) -> String {
    if let Some(service) = cluster.store().services.iter().find(|s| s.spec.cluster_ip.as_deref() == Some(ip)) {
        return format!("{}.{}.svc.cluster.local", service.metadata.name, service.metadata.ns());
    }
    if let Some(pod) = cluster.store().pods.iter().find(|p| p.status.pod_ip.as_deref() == Some(ip)) {
        if let (Some(host), Some(sub)) = (pod.spec.hostname.as_deref(), pod.spec.subdomain.as_deref()) {
            return format!("{host}.{sub}.{}.svc.cluster.local", pod.metadata.ns());
        }
        return format!("{}.{}", ip.replace('.', "-"), fqdn.split_once('.').map_or(fqdn, |(_, rest)| rest));
    }
    fqdn.to_string()
}

pub fn resolve_all(cluster: &Cluster, namespace: &str, name: &str) -> Option<(String, Vec<String>)> {
    if name.split('.').count() == 4 && name.split('.').all(|p| p.parse::<u8>().is_ok()) {
        return Some((name.to_string(), vec![name.to_string()]));
    }
    let absolute = name.ends_with('.') || name.matches('.').count() >= 5;
    let name = name.trim_end_matches('.');
    let mut candidates = Vec::new();
    if !absolute {
        for domain in [format!("{namespace}.svc.cluster.local"), "svc.cluster.local".to_string(), "cluster.local".to_string()] {
            candidates.push(format!("{name}.{domain}"));
        }
    }
    candidates.push(name.to_string());
    candidates.into_iter().find_map(|fqdn| lookup(cluster, &fqdn).map(|ips| (fqdn, ips)))
}

/// One fully qualified name: `<svc>.<ns>.svc.cluster.local` or
/// `<hostname>.<svc>.<ns>.svc.cluster.local`.
fn lookup(cluster: &Cluster, fqdn: &str) -> Option<Vec<String>> {
    let parts: Vec<&str> = fqdn.strip_suffix(".svc.cluster.local")?.split('.').collect();
    let (host, service, ns) = match parts.as_slice() {
        [service, ns] => (None, *service, *ns),
        [host, service, ns] => (Some(*host), *service, *ns),
        _ => return None,
    };
    let svc = cluster.store().get::<Service>(&Key::new(ns, service))?;
    let headless = svc.spec.cluster_ip.as_deref() == Some("None");
    if !headless {
        return if host.is_none() { svc.spec.cluster_ip.clone().map(|ip| vec![ip]) } else { None };
    }
    let endpoints = cluster.store().get::<crate::engine::api::core::Endpoints>(&Key::new(ns, service));
    let addresses = endpoints.iter().flat_map(|e| e.subsets.iter().flat_map(|s| s.addresses.iter()));
    let ips: Vec<String> = match host {
        None => addresses.map(|a| a.ip.clone()).collect(),
        Some(host) => addresses.filter(|a| a.hostname.as_deref() == Some(host)).map(|a| a.ip.clone()).collect(),
    };
    (!ips.is_empty()).then_some(ips)
}

/// `resolve_all` with one address: the first, as a client takes the first record.
pub fn resolve(cluster: &Cluster, namespace: &str, name: &str) -> Option<(String, String)> {
    resolve_all(cluster, namespace, name).and_then(|(fqdn, ips)| ips.into_iter().next().map(|ip| (fqdn, ip)))
}

/// `curl` / `wget` through kube-proxy: a Service's ready endpoints (chosen at random, as
/// iptables does), a pod IP, or the API server behind `kubernetes`; NetworkPolicies decide
/// whether the connection gets through (`engine::network_policy`).
///
/// busybox's wget (`networking/wget.c`, `download_one_url`) says on stderr, unless `-q`,
/// `Connecting to HOST (IP:PORT)` once the name is resolved; with `--spider` then
/// `remote file exists` and no body; else `writing to stdout` (or `saving to 'FILE'`), the
/// progress line and `written to stdout` (or `'FILE' saved`); busybox 1.28 (`old_busybox`)
/// prints only the progress line of those.
///
/// A connection a policy drops is not refused: the client waits. busybox wget's `-T`/`--timeout`
/// alarm says `download timed out`; without it the kernel gives up first (about 130 s of SYN
/// retries: `Connection timed out`). curl with `--connect-timeout`/`-m` says `Timeout was
/// reached` after that time, else it fails after the kernel's 130 s. Virtual time does not pass
/// during an exec (as for `sleep`), so the wait is only told.
fn http_client(cluster: &mut Cluster, from: &Pod, program: &str, args: &[String], old_busybox: bool) -> Output {
    let args = expand_short_flags(program, args);
    let mut url = None;
    let mut headers = Vec::new();
    let mut insecure = false;
    let mut ca = false;
    let mut silent = false;
    let mut show_error = false;
    let mut fail_on_http_error = false;
    let mut discard_body = false;
    let mut write_out: Option<String> = None;
    let mut spider = false;
    // wget's -O: None saves to a file named after the path; `-` writes to stdout.
    let mut output_document: Option<String> = None;
    // Seconds: wget's -T, curl's --connect-timeout and -m (the shorter wins).
    let mut timeout: Option<u64> = None;
    let seconds = |text: &str| text.parse::<f64>().ok().filter(|s| s.is_finite() && *s > 0.0).map(|s| s.ceil() as u64);
    let mut index = 0;
    while index < args.len() {
        let arg = &args[index];
        let value = args.get(index + 1).cloned().unwrap_or_default();
        match (program, arg.as_str()) {
            ("wget", "--spider") => spider = true,
            ("wget", "-O" | "--output-document") => {
                output_document = Some(value);
                index += 1;
            }
            ("wget", a) if a.starts_with("--output-document=") => output_document = Some(a["--output-document=".len()..].to_string()),
            ("wget", "-T" | "--timeout") => {
                timeout = seconds(&value);
                index += 1;
            }
            ("wget", a) if a.starts_with("--timeout=") => timeout = seconds(&a["--timeout=".len()..]),
            ("curl", "-m" | "--max-time" | "--connect-timeout") => {
                timeout = match (timeout, seconds(&value)) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                index += 1;
            }
            (_, "-H" | "--header") => {
                headers.push(value);
                index += 1;
            }
            ("curl", "--cacert") => {
                ca = true;
                index += 1;
            }
            ("curl", "-o" | "--output") => {
                // No file system to write to: the body goes nowhere, as with -o /dev/null.
                discard_body = true;
                index += 1;
            }
            ("curl", "-w" | "--write-out") => {
                write_out = Some(value);
                index += 1;
            }
            ("curl", "-s" | "--silent") | ("wget", "-q" | "--quiet") => silent = true,
            ("curl", "-S" | "--show-error") => show_error = true,
            ("curl", "-f" | "--fail") => fail_on_http_error = true,
            ("curl", "-X" | "--request" | "-d" | "--data" | "--data-raw" | "-T" | "-u" | "--user" | "-A" | "--user-agent" | "-e" | "-b" | "-c" | "-x" | "-E" | "-K" | "-D" | "-r" | "-y" | "-Y" | "-z" | "-C" | "--retry" | "--resolve")
            | ("wget", "-U" | "--user-agent" | "-P" | "-Y" | "-o") => index += 1,
            (_, "-k" | "--insecure" | "--no-check-certificate") => insecure = true,
            (_, a) if a.starts_with('-') && a.len() > 1 => {}
            (_, a) => url = Some(a.to_string()),
        }
        index += 1;
    }
    let quiet_errors = program == "curl" && silent && !show_error;
    let fail = |code: i32, message: String| {
        if program == "curl" {
            Output::fail(if quiet_errors { String::new() } else { format!("curl: ({code}) {message}\n") }, code)
        } else {
            Output::fail(format!("wget: {message}\n"), 1)
        }
    };
    let Some(url) = url else { return fail(2, "no URL specified".into()) };
    let (scheme, without_scheme) = match url.split_once("://") {
        Some((s, r)) => (s.to_string(), r.to_string()),
        None => ("http".to_string(), url.clone()),
    };
    let (host_port, path) = match without_scheme.find('/') {
        Some(i) => (without_scheme[..i].to_string(), without_scheme[i..].to_string()),
        None => (without_scheme.clone(), "/".to_string()),
    };
    let default_port = if scheme == "https" { 443 } else { 80 };
    let (host, port) = match host_port.rsplit_once(':') {
        Some((h, p)) => (h.to_string(), p.parse::<i32>().unwrap_or(default_port)),
        None => (host_port.clone(), default_port),
    };
    let client_ip = from.status.pod_ip.as_deref().unwrap_or_default().to_string();
    let host = if host == "localhost" || host == "127.0.0.1" { client_ip.clone() } else { host };
    let resolved = if host == client_ip { Some((host.clone(), host.clone())) } else { resolve(cluster, from.metadata.ns(), &host) };
    // A name needs the cluster DNS, which an egress policy may cut off.
    let by_name = host != client_ip && host.parse::<std::net::IpAddr>().is_err();
    let resolved = resolved.filter(|_| !by_name || crate::engine::network_policy::dns_allowed(cluster, from));
    let Some((_, ip)) = resolved else {
        return if program == "wget" { fail(1, format!("bad address '{host}'")) } else { fail(6, format!("Could not resolve host: {host}")) };
    };
    let verbose_wget = program == "wget" && !silent;
    let connecting = if verbose_wget { format!("Connecting to {host} ({ip}:{port})\n") } else { String::new() };
    let fail = |code: i32, message: String| {
        let mut output = fail(code, message);
        output.stderr.insert_str(0, &connecting);
        output
    };
    // Busybox wget (busybox and alpine images) names the address it could not reach.
    let refused = |ip: &str, port: i32, timed_out: bool| {
        if program == "wget" {
            fail(1, format!("can't connect to remote host ({ip}): {}", if timed_out { "Connection timed out" } else { "Connection refused" }))
        } else if timed_out {
            fail(28, format!("Failed to connect to {host} port {port} after 1000 ms: Timeout was reached"))
        } else {
            fail(7, format!("Failed to connect to {host} port {port} after 0 ms: Couldn't connect to server"))
        }
    };
    // Dropped by a policy, not refused: the client waits for its own timeout or the kernel's.
    let dropped = || match (program, timeout) {
        ("wget", Some(_)) => fail(1, "download timed out".into()),
        ("wget", None) => refused(&ip, port, true),
        (_, Some(seconds)) => fail(28, format!("Failed to connect to {host} port {port} after {} ms: Timeout was reached", seconds * 1000 + 2)),
        (_, None) => fail(28, format!("Failed to connect to {host} port {port} after 130001 ms: Couldn't connect to server")),
    };
    if ip == "10.96.0.1" || host == "172.18.0.2" {
        // The API server is no pod: only an egress rule's ipBlock can let an isolated pod reach
        // its endpoint (the control-plane node's 172.18.0.2:6443, behind the `kubernetes` Service).
        if !crate::engine::network_policy::allows(cluster, from, crate::engine::network_policy::Endpoint::Address("172.18.0.2"), 6443, "TCP") {
            return dropped();
        }
        if scheme != "https" {
            return fail(52, "Empty reply from server".into());
        }
        if !ca && !insecure {
            return fail(60, "SSL certificate problem: unable to get local issuer certificate\nMore details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the web page mentioned above.".into());
        }
        let authenticated = headers.iter().any(|h| h.to_ascii_lowercase().starts_with("authorization: bearer ") && h.len() > 22);
        return Output::ok(api_server_answer(cluster, from, &path, authenticated));
    }
    let service = cluster.store().services.iter().find(|s| s.spec.cluster_ip.as_deref() == Some(ip.as_str())).cloned();
    let target: Option<(Rc<Pod>, i32)> = match &service {
        Some(svc) => {
            let Some(service_port) = svc.spec.ports.iter().find(|p| p.port == port) else {
                return refused(&ip, port, true);
            };
            let endpoints = cluster.store().endpoints.get(&Key::of(&svc.metadata, true)).cloned();
            let ready: Vec<(String, i32)> = endpoints
                .map(|ep| {
                    ep.subsets
                        .iter()
                        .flat_map(|s| {
                            let number = s.ports.iter().find(|p| p.name == service_port.name || s.ports.len() == 1).map(|p| p.port).unwrap_or(port);
                            s.addresses.iter().filter_map(move |a| a.target_ref.as_ref().and_then(|t| t.get("name")).and_then(|n| n.as_str()).map(|n| (n.to_string(), number)))
                        })
                        .collect()
                })
                .unwrap_or_default();
            if ready.is_empty() {
                return refused(&ip, port, false);
            }
            let (name, number) = ready[cluster.rng.below(ready.len() as u64) as usize].clone();
            cluster.store().get::<Pod>(&Key::new(svc.metadata.ns(), &name)).map(|p| (p, number))
        }
        None => cluster.store().pods.iter().find(|p| p.status.pod_ip.as_deref() == Some(ip.as_str())).cloned().map(|p| (p, port)),
    };
    let Some((pod, target_port)) = target else {
        return refused(&ip, port, false);
    };
    if !crate::engine::network_policy::allows(cluster, from, crate::engine::network_policy::Endpoint::Pod(&pod), target_port, "TCP") {
        return dropped();
    }
    if scheme == "https" {
        return fail(35, format!("OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number"));
    }
    // busybox's wget says `Wget`; the curl the images carry is 8.5.0.
    let user_agent = if program == "wget" { "Wget" } else { "curl/8.5.0" };
    match crate::engine::kubelet::serve_http(cluster, &pod, target_port, &path, &client_ip, user_agent) {
        Some(response) if program == "wget" && response.status >= 400 => fail(8, format!("server returned error: HTTP/1.1 {} {}", response.status, reason_phrase(response.status))),
        Some(response) if fail_on_http_error && response.status >= 400 => fail(22, format!("The requested URL returned error: {}", response.status)),
        Some(response) if program == "wget" => {
            let mut output = Output { stderr: connecting.clone(), ..Default::default() };
            if spider {
                if verbose_wget {
                    output.stderr.push_str("remote file exists\n");
                }
                return output;
            }
            let to_stdout = output_document.as_deref() == Some("-");
            if to_stdout {
                output.stdout = response.body.clone();
            }
            if verbose_wget && to_stdout && !old_busybox {
                output.stderr.push_str("writing to stdout\n");
            }
            output.stderr_lead = output.stderr.len();
            if verbose_wget {
                let file = match &output_document {
                    Some(name) => name.clone(),
                    None => path.rsplit('/').next().filter(|n| !n.is_empty()).unwrap_or("index.html").to_string(),
                };
                if !old_busybox && !to_stdout {
                    output.stderr.push_str(&format!("saving to '{file}'\n"));
                }
                let shown = file.rsplit('/').next().unwrap_or(&file).to_string();
                output.stderr.push_str(&format!("{shown:<20.20} 100% |********************************| {:>5}  0:00:00 ETA\n", response.body.len()));
                if !old_busybox {
                    output.stderr.push_str(&if to_stdout { "written to stdout\n".to_string() } else { format!("'{file}' saved\n") });
                }
            }
            output
        }
        Some(response) => {
            let mut body = if discard_body { String::new() } else { response.body };
            if let Some(format) = write_out {
                body.push_str(&write_out_text(&format, response.status, &ip, port));
            }
            Output::ok(body)
        }
        None if program == "wget" => refused(&ip, port, false),
        None => fail(7, format!("Failed to connect to {host} port {port} after 0 ms: Connection refused")),
    }
}

/// Splits combined short options as curl's and busybox's getopt do: `-fsSL` is `-f -s -S -L`;
/// an option taking a value takes the rest of the word (`-qO-`, `-HHost:x`) or the next word.
fn expand_short_flags(program: &str, args: &[String]) -> Vec<String> {
    let takes_value: &[char] = if program == "curl" { &['H', 'X', 'o', 'm', 'w', 'd', 'T', 'u', 'A', 'e', 'b', 'c', 'x', 'E', 'K', 'D', 'r', 'y', 'Y', 'z', 'C'] } else { &['O', 'T', 'U', 'P', 'Y', 'o', 'H'] };
    let mut expanded = Vec::new();
    let mut index = 0;
    while index < args.len() {
        let arg = &args[index];
        index += 1;
        if arg == "--" || !arg.starts_with('-') || arg.starts_with("--") || arg.chars().count() <= 2 {
            expanded.push(arg.clone());
            // A value-taking flag given alone keeps its next word as is (`-o -`, `-H 'A: b'`).
            if arg.chars().count() == 2 && arg.chars().nth(1).is_some_and(|c| takes_value.contains(&c)) && index < args.len() {
                expanded.push(args[index].clone());
                index += 1;
            }
            continue;
        }
        let letters: Vec<char> = arg.chars().skip(1).collect();
        for (position, letter) in letters.iter().enumerate() {
            expanded.push(format!("-{letter}"));
            if takes_value.contains(letter) {
                let rest: String = letters[position + 1..].iter().collect();
                if !rest.is_empty() {
                    expanded.push(rest);
                } else if index < args.len() {
                    expanded.push(args[index].clone());
                    index += 1;
                }
                break;
            }
        }
    }
    expanded
}

/// curl's `-w` variables that make sense here, and its `\n`/`\t` escapes.
fn write_out_text(format: &str, status: u16, ip: &str, port: i32) -> String {
    format
        .replace("%{http_code}", &status.to_string())
        .replace("%{response_code}", &status.to_string())
        .replace("%{remote_ip}", ip)
        .replace("%{remote_port}", &port.to_string())
        .replace("\\n", "\n")
        .replace("\\t", "\t")
}

fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Error",
    }
}

/// What the API server answers curl (pretty JSON, as it does for curl's user agent): discovery
/// for authenticated clients, 403 for what the default service account may not read.
fn api_server_answer(cluster: &Cluster, pod: &Pod, path: &str, authenticated: bool) -> String {
    let user = if authenticated { format!("system:serviceaccount:{}:{}", pod.metadata.ns(), pod.spec.service_account_name.as_deref().unwrap_or("default")) } else { "system:anonymous".to_string() };
    let public = ["/version", "/healthz", "/livez", "/readyz"].contains(&path);
    let discovery = path == "/" || path == "/api" || path == "/apis" || path.starts_with("/api/v1") && path.matches('/').count() == 2 || path.starts_with("/apis/") && path.trim_end_matches('/').matches('/').count() <= 3;
    if public || (authenticated && discovery) {
        return match crate::engine::discovery::raw(cluster, path) {
            Ok(value) => format!("{}\n", crate::engine::wire_json::pretty(&value)),
            Err(message) if message == "ok" => "ok".to_string(),
            Err(_) => not_found(),
        };
    }
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    let (resource, namespace) = match parts.as_slice() {
        ["api", "v1", "namespaces", ns, resource, ..] | ["apis", _, _, "namespaces", ns, resource, ..] => (resource.to_string(), Some(ns.to_string())),
        ["api", "v1", resource, ..] | ["apis", _, _, resource, ..] => (resource.to_string(), None),
        _ => (String::new(), None),
    };
    let group = match parts.as_slice() {
        ["apis", group, ..] => group.to_string(),
        _ => String::new(),
    };
    let message = if resource.is_empty() {
        format!("forbidden: User \"{user}\" cannot get path \"{path}\"")
    } else {
        let scope = namespace.map(|ns| format!(" in the namespace \"{ns}\"")).unwrap_or_else(|| " at the cluster scope".to_string());
        format!("{resource} is forbidden: User \"{user}\" cannot list resource \"{resource}\" in API group \"{group}\"{scope}")
    };
    let mut status = serde_json::json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure", "message": message, "reason": "Forbidden", "details": {}, "code": 403});
    if !resource.is_empty() {
        status["details"] = serde_json::json!({"kind": resource});
    }
    format!("{}\n", crate::engine::wire_json::pretty(&status))
}

fn not_found() -> String {
    "{\n  \"kind\": \"Status\",\n  \"apiVersion\": \"v1\",\n  \"metadata\": {},\n  \"status\": \"Failure\",\n  \"message\": \"the server could not find the requested resource\",\n  \"reason\": \"NotFound\",\n  \"details\": {},\n  \"code\": 404\n}\n".to_string()
}

#[cfg(test)]
mod tests {
    use super::{filter, split_list};

    /// Each expectation is what GNU coreutils 9's wc printed for the same input and flags.
    #[test]
    fn wc_counts_as_gnu_wc_does() {
        let wc = |args: &[&str], input: &str| filter("wc", &args.iter().map(|a| a.to_string()).collect::<Vec<_>>(), input).stdout;
        assert_eq!(wc(&[], "hello world\nfoo\n"), "      2       3      16\n");
        assert_eq!(wc(&["-w"], "hello world\nfoo\n"), "3\n");
        assert_eq!(wc(&["-lc"], "hello world\nfoo\n"), "      2      16\n");
        assert_eq!(wc(&["-l"], "hello world\nfoo"), "1\n");
        assert_eq!(wc(&[], ""), "      0       0       0\n");
        assert_eq!(wc(&["-m"], "h\u{e9}llo\n"), "6\n");
        assert_eq!(wc(&["-c"], "h\u{e9}llo\n"), "7\n");
        assert_eq!(wc(&["-L"], "a\nbcd\n"), "3\n");
    }

    /// Each expectation is what GNU grep 3.8 printed for the same lines and flags.
    #[test]
    fn grep_prints_context_as_gnu_grep_does() {
        let input = "a\nb\nmatch1\nc\nd\ne\nf\nmatch2\ng\nh\n";
        let grep = |args: &[&str]| {
            let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
            let out = filter("grep", &args, input);
            format!("{}{}", out.stdout, out.stderr)
        };
        assert_eq!(grep(&["-A1", "match"]), "match1\nc\n--\nmatch2\ng\n");
        assert_eq!(grep(&["-B", "2", "-n", "match"]), "1-a\n2-b\n3:match1\n--\n6-e\n7-f\n8:match2\n");
        assert_eq!(grep(&["-C1", "match2"]), "f\nmatch2\ng\n");
        assert_eq!(grep(&["-A3", "-B1", "match1"]), "b\nmatch1\nc\nd\ne\n");
        assert_eq!(grep(&["-A", "x", "match"]), "grep: x: invalid context length argument\n");
    }

    #[test]
    fn lists_split_at_separators_outside_quotes() {
        let parts = split_list("A=1; echo 'a;b' && echo $(echo x; echo y) || false");
        let commands: Vec<&str> = parts.iter().map(|(_, c)| c.trim()).collect();
        assert_eq!(commands, vec!["A=1", "echo 'a;b'", "echo $(echo x; echo y)", "false"]);
    }
}
