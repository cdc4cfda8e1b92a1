//! kubectl's help, as kubectl 1.32 prints it: `kubectl`, `kubectl --help`, `kubectl help [CMD]`,
//! `kubectl CMD [SUB] ... -h|--help`, and what a command group (`rollout`, `set`, `config`,
//! `create service`, ...) prints when run without a subcommand.
//!
//! The texts are the real client's, written into `src/kubectl/help/` by
//! `scripts/gen-kubectl-help` (one file per command kubeplay runs, `options.txt`, the root's
//! usage and which commands are groups). The flags each command takes are read back from its
//! text's `Options:` (and `options.txt` for the global ones), so a help request with a flag the
//! real command does not have fails as it does there: cobra parses the flags before it looks at
//! `--help`.
//!
//! Native builds (`kubeplay run`, the tests) compile the texts in. The page's build compiles in
//! only their outlines (`help_outline.rs`: the command lists, aliases and flags that command
//! lookup and flag parsing read) and prints the texts once it has fetched them
//! (`static/help/v1.32.json`, `install`); the page fetches them before running a line that
//! prints one (`prints_text`, `kubectl::needs_help_texts`), and until then such a line says
//! they are still loading.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::kubectl::args::{self, FlagKind, FlagSpec};
use crate::kubectl::{Ctx, Stream};

// Also `build.rs`'s; the crate reads its headers, and its tests the rest.
#[path = "help_outline.rs"]
#[cfg_attr(not(test), allow(dead_code))]
mod help_outline;

/// What a line that prints a help text prints in the page before the texts have arrived.
pub const LOADING: &str = "error: kubectl's help is still loading; try again in a moment\n";

/// Each command's `--help` text, by its path below `kubectl` (`""` is the root).
#[cfg(not(target_arch = "wasm32"))]
const TEXTS: &[(&str, &str)] = &[
    ("", include_str!("help/kubectl.txt")),
    ("annotate", include_str!("help/annotate.txt")),
    ("api-resources", include_str!("help/api-resources.txt")),
    ("api-versions", include_str!("help/api-versions.txt")),
    ("apply", include_str!("help/apply.txt")),
    ("apply view-last-applied", include_str!("help/apply_view-last-applied.txt")),
    ("attach", include_str!("help/attach.txt")),
    ("auth", include_str!("help/auth.txt")),
    ("auth can-i", include_str!("help/auth_can-i.txt")),
    ("autoscale", include_str!("help/autoscale.txt")),
    ("cluster-info", include_str!("help/cluster-info.txt")),
    ("completion", include_str!("help/completion.txt")),
    ("config", include_str!("help/config.txt")),
    ("config current-context", include_str!("help/config_current-context.txt")),
    ("config get-contexts", include_str!("help/config_get-contexts.txt")),
    ("config view", include_str!("help/config_view.txt")),
    ("cordon", include_str!("help/cordon.txt")),
    ("cp", include_str!("help/cp.txt")),
    ("create", include_str!("help/create.txt")),
    ("create clusterrole", include_str!("help/create_clusterrole.txt")),
    ("create clusterrolebinding", include_str!("help/create_clusterrolebinding.txt")),
    ("create configmap", include_str!("help/create_configmap.txt")),
    ("create cronjob", include_str!("help/create_cronjob.txt")),
    ("create deployment", include_str!("help/create_deployment.txt")),
    ("create ingress", include_str!("help/create_ingress.txt")),
    ("create job", include_str!("help/create_job.txt")),
    ("create namespace", include_str!("help/create_namespace.txt")),
    ("create poddisruptionbudget", include_str!("help/create_poddisruptionbudget.txt")),
    ("create quota", include_str!("help/create_quota.txt")),
    ("create role", include_str!("help/create_role.txt")),
    ("create rolebinding", include_str!("help/create_rolebinding.txt")),
    ("create secret", include_str!("help/create_secret.txt")),
    ("create secret docker-registry", include_str!("help/create_secret_docker-registry.txt")),
    ("create secret generic", include_str!("help/create_secret_generic.txt")),
    ("create secret tls", include_str!("help/create_secret_tls.txt")),
    ("create service", include_str!("help/create_service.txt")),
    ("create service clusterip", include_str!("help/create_service_clusterip.txt")),
    ("create service externalname", include_str!("help/create_service_externalname.txt")),
    ("create service loadbalancer", include_str!("help/create_service_loadbalancer.txt")),
    ("create service nodeport", include_str!("help/create_service_nodeport.txt")),
    ("create token", include_str!("help/create_token.txt")),
    ("debug", include_str!("help/debug.txt")),
    ("delete", include_str!("help/delete.txt")),
    ("describe", include_str!("help/describe.txt")),
    ("diff", include_str!("help/diff.txt")),
    ("drain", include_str!("help/drain.txt")),
    ("edit", include_str!("help/edit.txt")),
    ("events", include_str!("help/events.txt")),
    ("exec", include_str!("help/exec.txt")),
    ("explain", include_str!("help/explain.txt")),
    ("expose", include_str!("help/expose.txt")),
    ("get", include_str!("help/get.txt")),
    ("label", include_str!("help/label.txt")),
    ("logs", include_str!("help/logs.txt")),
    ("patch", include_str!("help/patch.txt")),
    ("port-forward", include_str!("help/port-forward.txt")),
    ("proxy", include_str!("help/proxy.txt")),
    ("replace", include_str!("help/replace.txt")),
    ("rollout", include_str!("help/rollout.txt")),
    ("rollout history", include_str!("help/rollout_history.txt")),
    ("rollout pause", include_str!("help/rollout_pause.txt")),
    ("rollout restart", include_str!("help/rollout_restart.txt")),
    ("rollout resume", include_str!("help/rollout_resume.txt")),
    ("rollout status", include_str!("help/rollout_status.txt")),
    ("rollout undo", include_str!("help/rollout_undo.txt")),
    ("run", include_str!("help/run.txt")),
    ("scale", include_str!("help/scale.txt")),
    ("set", include_str!("help/set.txt")),
    ("set env", include_str!("help/set_env.txt")),
    ("set image", include_str!("help/set_image.txt")),
    ("set resources", include_str!("help/set_resources.txt")),
    ("set selector", include_str!("help/set_selector.txt")),
    ("set serviceaccount", include_str!("help/set_serviceaccount.txt")),
    ("set subject", include_str!("help/set_subject.txt")),
    ("taint", include_str!("help/taint.txt")),
    ("top", include_str!("help/top.txt")),
    ("top node", include_str!("help/top_node.txt")),
    ("top pod", include_str!("help/top_pod.txt")),
    ("uncordon", include_str!("help/uncordon.txt")),
    ("version", include_str!("help/version.txt")),
    ("wait", include_str!("help/wait.txt")),
];

/// `kubectl options`: the global flags.
#[cfg(not(target_arch = "wasm32"))]
const OPTIONS: &str = include_str!("help/options.txt");
/// `kubectl help --help`.
#[cfg(not(target_arch = "wasm32"))]
const HELP_COMMAND: &str = include_str!("help/help.txt");
/// The root's usage, which `kubectl help NOSUCH` prints after its first line.
#[cfg(not(target_arch = "wasm32"))]
const ROOT_USAGE: &str = include_str!("help/usage.txt");

/// The outlines `build.rs` writes from the texts (`OUTLINES`, `OPTIONS_OUTLINE`).
#[cfg(any(target_arch = "wasm32", test))]
mod outlines {
    include!(concat!(env!("OUT_DIR"), "/help_outlines.rs"));
}

/// The text command lookup and flag parsing read for a command path: natively its help text,
/// in the page its outline (the same command lists, aliases and flags).
fn outline(path: &str) -> Option<&'static str> {
    #[cfg(not(target_arch = "wasm32"))]
    let table = TEXTS;
    #[cfg(target_arch = "wasm32")]
    let table = outlines::OUTLINES;
    table.iter().find(|(p, _)| *p == path).map(|(_, text)| *text)
}

/// What flag parsing reads of `kubectl options` (the global flags).
fn options_outline() -> &'static str {
    #[cfg(not(target_arch = "wasm32"))]
    return OPTIONS;
    #[cfg(target_arch = "wasm32")]
    return outlines::OPTIONS_OUTLINE;
}

/// Every help text, as the page fetches them (`static/help/v1.32.json`).
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct HelpTexts {
    /// Each command's `--help` text, by its path below `kubectl` (`""` is the root).
    commands: BTreeMap<String, String>,
    /// `kubectl options`.
    options: String,
    /// `kubectl help --help`.
    help: String,
    /// The root's usage, which `kubectl help NOSUCH` prints after its first line.
    usage: String,
}

impl HelpTexts {
    /// Parses the text of `static/help/v1.32.json`.
    pub fn from_json(json: &str) -> Result<HelpTexts, String> {
        let texts: HelpTexts = serde_json::from_str(json).map_err(|e| format!("kubectl's help texts do not parse: {e}"))?;
        if !texts.commands.contains_key("") {
            return Err("kubectl's help texts have no root text".to_string());
        }
        Ok(texts)
    }
}

/// The texts the page installed (`install`); native builds have theirs compiled in.
#[cfg(target_arch = "wasm32")]
static INSTALLED: std::sync::OnceLock<HelpTexts> = std::sync::OnceLock::new();

/// Gives the page's kubectl its help texts: the text of `static/help/v1.32.json`. They are the
/// same for every cluster, so once is enough (a second call changes nothing). Natively the
/// texts are compiled in, and this only checks the JSON.
pub fn install(json: &str) -> Result<(), String> {
    let texts = HelpTexts::from_json(json)?;
    #[cfg(target_arch = "wasm32")]
    let _ = INSTALLED.set(texts);
    #[cfg(not(target_arch = "wasm32"))]
    drop(texts);
    Ok(())
}

/// Whether the help texts are there to print: always natively, in the page once installed.
pub fn loaded() -> bool {
    #[cfg(target_arch = "wasm32")]
    return INSTALLED.get().is_some();
    #[cfg(not(target_arch = "wasm32"))]
    return true;
}

/// A help text a reply prints.
#[derive(Debug, Clone, PartialEq)]
enum Text {
    /// A command's `--help`, by its path.
    Command(String),
    /// `kubectl options`.
    Options,
    /// `kubectl help --help`.
    HelpCommand,
    /// The root's usage.
    RootUsage,
}

/// The text to print, if it is there (see `loaded`).
fn printed(text: &Text) -> Option<&'static str> {
    // Natively a command's outline is its whole text.
    #[cfg(not(target_arch = "wasm32"))]
    return Some(match text {
        Text::Command(path) => outline(path)?,
        Text::Options => OPTIONS,
        Text::HelpCommand => HELP_COMMAND,
        Text::RootUsage => ROOT_USAGE,
    });
    #[cfg(target_arch = "wasm32")]
    {
        let texts = INSTALLED.get()?;
        Some(match text {
            Text::Command(path) => texts.commands.get(path)?.as_str(),
            Text::Options => texts.options.as_str(),
            Text::HelpCommand => texts.help.as_str(),
            Text::RootUsage => texts.usage.as_str(),
        })
    }
}

/// Every help text as the JSON the page fetches: what `static/help/v1.32.json` must hold (a
/// test compares them; `UPDATE_EXPECT=1` rewrites the file).
#[cfg(not(target_arch = "wasm32"))]
pub fn texts_json() -> String {
    let texts = HelpTexts {
        commands: TEXTS.iter().map(|(path, text)| (path.to_string(), text.to_string())).collect(),
        options: OPTIONS.to_string(),
        help: HELP_COMMAND.to_string(),
        usage: ROOT_USAGE.to_string(),
    };
    let mut json = serde_json::to_string_pretty(&texts).expect("strings serialize");
    json.push('\n');
    json
}
/// The groups: `PATH<TAB>stdout|stderr`, the stream their help goes to when run bare.
const GROUPS: &str = include_str!("help/groups.txt");

/// Flags whose value is optional (pflag's `NoOptDefVal`), with the value they take alone:
/// `--dry-run` (cmdutil.AddDryRunFlag), `--cascade` (delete_flags.go), `--validate`
/// (cmdutil.AddValidateFlags), `config view --merge`.
const NO_OPT_DEFAULTS: &[(&str, &str)] = &[("dry-run", "unchanged"), ("cascade", "background"), ("validate", "strict"), ("merge", "true")];

/// The `--help` text of a command path (`"rollout status"`), if kubeplay has it and, in the
/// page, has fetched the texts.
pub fn text(path: &str) -> Option<&'static str> {
    printed(&Text::Command(path.to_string()))
}

/// Prints a command's `--help` text (`""`: the root's) on `stream`; in the page before the texts
/// have arrived, kubectl's help is still loading (exit 1).
pub fn print_text(ctx: &mut Ctx, path: &str, stream: Stream) {
    match text(path) {
        Some(text) => match stream {
            Stream::Stdout => ctx.out.out(text),
            Stream::Stderr => ctx.out.err(text),
        },
        None => ctx.out.fail(LOADING),
    }
}

/// A flag as a help text lists it: `    -o, --output='':`.
#[derive(Debug, Clone, Copy)]
struct Flag {
    long: &'static str,
    short: Option<char>,
    default: &'static str,
}

impl Flag {
    fn spec(self) -> FlagSpec {
        let kind = match NO_OPT_DEFAULTS.iter().find(|(long, _)| *long == self.long) {
            Some((_, value)) => FlagKind::Optional(value),
            None if matches!(self.default, "true" | "false") => FlagKind::Bool,
            None => FlagKind::Value,
        };
        FlagSpec { long: self.long, short: self.short, kind }
    }

    /// Whether the flag never takes the next word as its value (cobra's hasNoOptDefVal).
    fn no_opt_value(self) -> bool {
        !matches!(self.spec().kind, FlagKind::Value)
    }

    /// pflag's name for the flag in its errors: `-r, --replicas` or `--timeout`.
    fn display(self) -> String {
        match self.short {
            Some(short) => format!("-{short}, --{}", self.long),
            None => format!("--{}", self.long),
        }
    }

    /// The parse error pflag gives for a value its type refuses (ints and durations are typed;
    /// their defaults are unquoted numbers such as `0`, `-1`, `0s`, `1m0s`).
    fn check(self, value: &str) -> Result<(), String> {
        let default = self.default;
        if default.parse::<i64>().is_ok() && value.parse::<i64>().is_err() {
            let reason = if value.trim_start_matches(['-', '+']).chars().all(|c| c.is_ascii_digit()) && !value.trim_start_matches(['-', '+']).is_empty() { "value out of range" } else { "invalid syntax" };
            return Err(format!("invalid argument \"{value}\" for \"{}\" flag: strconv.ParseInt: parsing \"{value}\": {reason}", self.display()));
        }
        if default.starts_with(|c: char| c.is_ascii_digit()) && default.ends_with('s') {
            go_duration(value).map_err(|reason| format!("invalid argument \"{value}\" for \"{}\" flag: {reason}", self.display()))?;
        }
        Ok(())
    }
}

/// The flags a help text lists (from its `Options:` on; all of `options.txt`).
fn listed_flags(text: &'static str) -> impl Iterator<Item = Flag> {
    let section = match text.find("\nOptions:\n") {
        Some(at) => &text[at..],
        None if text.starts_with("The following options") => text,
        None => "",
    };
    section.lines().filter_map(|line| {
        let body = line.strip_prefix("    ")?.strip_suffix(':')?;
        let (names, default) = body.split_once('=')?;
        let (short, long) = match names.split_once(", ") {
            Some((short, long)) => (short.strip_prefix('-')?.chars().next(), long),
            None => (None, names),
        };
        let long = long.strip_prefix("--")?;
        Some(Flag { long, short, default })
    })
}

/// Every flag a command takes: its own, the global ones and cobra's `-h, --help`.
fn flags_of(path: &str) -> Vec<Flag> {
    let own = outline(path).filter(|_| !path.is_empty()).map(listed_flags);
    let mut flags: Vec<Flag> = own.into_iter().flatten().chain(listed_flags(options_outline())).collect();
    flags.push(Flag { long: "help", short: Some('h'), default: "false" });
    flags
}

/// The flags cobra knows while it looks for the command (`Command.Find`): without `--help`,
/// which it adds only to the command it then runs (`InitDefaultHelpFlag`). So `kubectl -h get`
/// takes `get` as the value of an unknown `-h` and shows the root's help.
fn find_flags(path: &str) -> Vec<Flag> {
    let mut flags = flags_of(path);
    flags.pop();
    flags
}

fn no_opt_long(flags: &[Flag], name: &str) -> bool {
    flags.iter().find(|f| f.long == name).is_some_and(|f| f.no_opt_value())
}

fn no_opt_short(flags: &[Flag], name: &str) -> bool {
    let mut chars = name.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else { return false };
    flags.iter().find(|f| f.short == Some(c)).is_some_and(|f| f.no_opt_value())
}

/// Whether a word is a flag that takes the next word as its value, as cobra's `stripFlags` and
/// `argsMinusFirstX` decide it (an unknown flag does).
fn takes_next(flags: &[Flag], word: &str) -> bool {
    if word.contains('=') {
        return false;
    }
    if let Some(name) = word.strip_prefix("--") {
        return !no_opt_long(flags, name);
    }
    word.len() == 2 && word.starts_with('-') && !no_opt_short(flags, &word[1..])
}

/// The words that are not flags or flag values. Mirrors cobra's stripFlags (command.go).
fn strip_flags(words: &[String], flags: &[Flag]) -> Vec<String> {
    let mut commands = Vec::new();
    let mut index = 0;
    while index < words.len() {
        let word = &words[index];
        index += 1;
        if word == "--" {
            break;
        }
        if word.starts_with('-') && takes_next(flags, word) {
            if words.len() - index <= 1 {
                break;
            }
            index += 1;
        } else if !word.is_empty() && !word.starts_with('-') {
            commands.push(word.clone());
        }
    }
    commands
}

/// `words` without the first `name` that is not a flag or a flag's value. Mirrors cobra's
/// Command.argsMinusFirstX.
fn minus_first(words: &[String], name: &str, flags: &[Flag]) -> Vec<String> {
    let mut index = 0;
    while index < words.len() {
        let word = &words[index];
        if word == "--" {
            break;
        }
        if word.starts_with('-') && takes_next(flags, word) {
            index += 2;
            continue;
        }
        if !word.starts_with('-') && word == name {
            let mut rest = words[..index].to_vec();
            rest.extend_from_slice(&words[index + 1..]);
            return rest;
        }
        index += 1;
    }
    words.to_vec()
}

/// The subcommands a command's help lists (`Available Commands:`, the root's groups), with
/// cobra's `help` and kubectl's hidden `options` under the root. Commands kubeplay does not run
/// are listed too: they are found, and then said to be unknown by the dispatcher.
fn children(path: &str) -> Vec<&'static str> {
    let mut names = outline(path).map(listed_commands).unwrap_or_default();
    if path.is_empty() {
        names.extend(["help", "options"]);
    }
    names
}

/// The subcommands a help text lists.
fn listed_commands(text: &'static str) -> Vec<&'static str> {
    let mut names = Vec::new();
    let mut in_list = false;
    for line in text.lines() {
        if help_outline::is_commands_header(line) {
            in_list = true;
        } else if line.is_empty() {
            in_list = false;
        } else if in_list {
            if let Some(name) = line.strip_prefix("  ").and_then(|l| l.split_whitespace().next()) {
                names.push(name);
            }
        }
    }
    names
}

/// A command's aliases, from its help's `Aliases:` (`service, svc`: the name, then the aliases).
fn aliases(text: &'static str) -> impl Iterator<Item = &'static str> {
    let line = text.split_once("\nAliases:\n").and_then(|(_, rest)| rest.lines().next()).unwrap_or("");
    line.split(", ").skip(1)
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() { name.to_string() } else { format!("{path} {name}") }
}

/// The child of `path` that `word` names (cobra's findNext: a name or an alias).
fn find_next(path: &str, word: &str) -> Option<String> {
    children(path).into_iter().map(|name| join(path, name)).find(|child| child.rsplit(' ').next() == Some(word) || outline(child).is_some_and(|t| aliases(t).any(|a| a == word)))
}

/// What `Command.Find` makes of a command line.
struct Found {
    /// The command's path below `kubectl` (`""` is the root).
    path: String,
    /// The words left for it: flags and arguments.
    rest: Vec<String>,
    /// The root was left with an argument that is not a command (legacyArgs' unknown command).
    unknown: bool,
}

/// Mirrors cobra's Command.Find (command.go): walks the subcommands the words name, skipping
/// flags and their values.
fn find(words: &[String]) -> Found {
    let mut path = String::new();
    let mut rest = words.to_vec();
    loop {
        let flags = find_flags(&path);
        let Some(next) = strip_flags(&rest, &flags).into_iter().next() else { break };
        let Some(child) = find_next(&path, &next) else { break };
        rest = minus_first(&rest, &next, &flags);
        path = child;
    }
    let unknown = path.is_empty() && !strip_flags(&rest, &find_flags("")).is_empty();
    Found { path, rest, unknown }
}

/// Whether the words before `--` ask for help in some form (`-h`, `--help`, `-Ah`, `--help=x`):
/// only then are a command's flags checked here against the real ones.
fn asks_help(words: &[String]) -> bool {
    words.iter().take_while(|w| *w != "--").any(|w| w.starts_with("--help") || (w.starts_with('-') && !w.starts_with("--") && w[1..].split('=').next().is_some_and(|s| s.contains('h'))))
}

/// Parses a command's words against its real flags, as cobra's ParseFlags with pflag's typed
/// values. The error is pflag's message.
fn parse(path: &str, words: &[String]) -> Result<args::Parsed, String> {
    let flags = flags_of(path);
    let specs: Vec<FlagSpec> = flags.iter().map(|f| f.spec()).collect();
    let parsed = args::parse(words, &specs)?;
    for flag in &flags {
        for value in parsed.flags.get(flag.long).into_iter().flatten() {
            flag.check(value)?;
        }
    }
    Ok(parsed)
}

/// cobra's flag error: the message and where to look (no help text).
fn flag_error(path: &str, message: &str) -> Reply {
    let command = if path.is_empty() { "kubectl".to_string() } else { format!("kubectl {path}") };
    Reply::Fail(format!("error: {message}\nSee '{command} --help' for usage.\n"))
}

fn group_stream(path: &str) -> Option<Stream> {
    GROUPS.lines().find_map(|line| {
        let (group, stream) = line.split_once('\t')?;
        (group == path).then_some(if stream == "stdout" { Stream::Stdout } else { Stream::Stderr })
    })
}

/// What kubectl answers a line with before any command sees it, decided from the outlines
/// alone (so the page knows, before it runs a line, whether the line prints a help text).
enum Reply {
    /// Not kubectl's own business: the command runs.
    Pass,
    /// An error without a help text: stderr, exit 1.
    Fail(String),
    /// Nothing at all (`kubectl options --help`).
    Nothing,
    /// A help text after `prefix`, on `stream`, with `exit_code`.
    Text { prefix: String, text: Text, stream: Stream, exit_code: i32 },
}

impl Reply {
    fn text(text: Text, stream: Stream, exit_code: i32) -> Reply {
        Reply::Text { prefix: String::new(), text, stream, exit_code }
    }
}

/// Handles a command line before the commands see it, when it is kubectl's business rather than
/// a command's: help (`kubectl`, `--help`, `help CMD`, `CMD -h`), a group run without its
/// subcommand, `kubectl options`, flags before an unknown command. Returns whether it did;
/// anything else goes to the command.
pub fn intercept(ctx: &mut Ctx, words: &[String]) -> bool {
    match reply(words) {
        Reply::Pass => false,
        Reply::Fail(message) => {
            ctx.out.fail(message);
            true
        }
        Reply::Nothing => true,
        Reply::Text { prefix, text, stream, exit_code } => {
            let Some(body) = printed(&text) else {
                ctx.out.fail(LOADING);
                return true;
            };
            let all = format!("{prefix}{body}");
            match stream {
                Stream::Stdout => ctx.out.out(all),
                Stream::Stderr => ctx.out.err(all),
            }
            if exit_code != 0 {
                ctx.out.exit_code = exit_code;
            }
            true
        }
    }
}

/// The command the words name (its path below `kubectl`, as in `create deployment`) and its
/// flags as kubectl 1.32 parses them (its flags and their types from the help texts), or pflag's
/// error; `None` for an unknown command.
pub fn command_flags(words: &[String]) -> Option<(String, Result<args::Parsed, String>)> {
    let found = find(words);
    if found.unknown || outline(&found.path).is_none() {
        return None;
    }
    let parsed = parse(&found.path, &found.rest);
    Some((found.path, parsed))
}

/// Whether `intercept` prints a help text for these words (without `kubectl`), decided without
/// the texts: `None` when it leaves them to the command.
pub fn prints_text(words: &[String]) -> Option<bool> {
    match reply(words) {
        Reply::Pass => None,
        Reply::Text { .. } => Some(true),
        Reply::Fail(_) | Reply::Nothing => Some(false),
    }
}

fn reply(words: &[String]) -> Reply {
    let found = find(words);
    if found.unknown {
        // kubectl's plugin lookup (cmd.go, HandlePluginCommand) runs first, and refuses flags
        // before the name; then cobra's unknown command, which the dispatcher prints.
        let first_word = words.iter().find(|w| !w.starts_with('-'));
        if first_word.is_some_and(|w| w != "help") && words[0].starts_with('-') {
            return Reply::Fail(format!("Error: flags cannot be placed before plugin name: {}\n", words[0]));
        }
        return Reply::Pass;
    }
    match found.path.as_str() {
        // The root's Run is its help (`kubectl`, `kubectl -n x`).
        "" => match parse("", &found.rest) {
            Ok(_) => Reply::text(Text::Command(String::new()), Stream::Stdout, 0),
            Err(message) => flag_error("", &message),
        },
        "help" => help_command(&found.rest),
        "options" => match parse("", &found.rest) {
            // kubectl's options command prints nothing for its own help.
            Ok(parsed) if parsed.bool("help") => Reply::Nothing,
            Ok(_) => Reply::text(Text::Options, Stream::Stdout, 0),
            Err(message) => flag_error("options", &message),
        },
        path => {
            let group = group_stream(path);
            if outline(path).is_none() || (group.is_none() && !asks_help(&found.rest)) {
                return Reply::Pass;
            }
            let parsed = match parse(path, &found.rest) {
                Ok(parsed) => parsed,
                Err(message) => return flag_error(path, &message),
            };
            if parsed.bool("help") {
                return Reply::text(Text::Command(path.to_string()), Stream::Stdout, 0);
            }
            let Some(stream) = group else { return Reply::Pass };
            // cmdutil.DefaultSubCommandRun: no arguments, then the help and exit 1.
            if !parsed.positional.is_empty() {
                return Reply::Fail(format!("error: unknown command \"{}\"\nSee 'kubectl {path} -h' for help and examples\n", parsed.positional.join(" ")));
            }
            Reply::text(Text::Command(path.to_string()), stream, 1)
        }
    }
}

/// `kubectl help [COMMAND...]`: cobra's help command (InitDefaultHelpCmd): the help of the
/// command the words find, or "Unknown help topic" and the root's usage on stderr (exit 0).
fn help_command(words: &[String]) -> Reply {
    let parsed = match parse("help", words) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error("help", &message),
    };
    if parsed.bool("help") {
        return Reply::text(Text::HelpCommand, Stream::Stdout, 0);
    }
    let found = find(&parsed.positional);
    if found.unknown {
        let topics: Vec<String> = parsed.positional.iter().map(|w| go_quote(w)).collect();
        let prefix = format!("Unknown help topic [{}]\n", topics.join(" "));
        return Reply::Text { prefix, text: Text::RootUsage, stream: Stream::Stderr, exit_code: 0 };
    }
    match found.path.as_str() {
        "options" => Reply::Nothing,
        "help" => Reply::text(Text::HelpCommand, Stream::Stdout, 0),
        path if outline(path).is_some() => Reply::text(Text::Command(path.to_string()), Stream::Stdout, 0),
        path => Reply::Fail(not_simulated(path)),
    }
}

/// Whether `name` is one of kubectl's own commands (its help lists it), run by kubeplay or not.
pub fn is_kubectl_command(name: &str) -> bool {
    children("").contains(&name)
}

/// What kubeplay says for a kubectl command it does not run (`drain`, `taint`, `cp`, ...).
pub fn not_simulated(name: &str) -> String {
    format!("kubeplay: kubectl {name} is not simulated in this playground\n")
}

/// cobra's "Did you mean this?" after an unknown command (Command.findSuggestions): the root's
/// commands, in the order kubectl adds them (its help's order), within two edits of the word
/// (ignoring case) or starting with it. Empty when none is close.
pub fn suggestions(word: &str) -> String {
    // The candidates are ASCII, so folding ASCII letters is cobra's strings.ToLower for them.
    let typed = word.to_ascii_lowercase();
    let close: Vec<&str> = children("")
        .into_iter()
        .filter(|name| !matches!(*name, "help" | "options"))
        .filter(|name| levenshtein(&typed, name) <= 2 || name.starts_with(&typed))
        .collect();
    if close.is_empty() {
        return String::new();
    }
    let mut text = String::from("\nDid you mean this?\n");
    for name in close {
        text.push_str(&format!("\t{name}\n"));
    }
    text
}

/// The edit distance of two strings, in characters (cobra's ld).
fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

/// Go's `%#q` of a string: backquoted when it can be (no backquote, only printable
/// characters), else `%q`'s double-quoted form.
pub fn go_quote(text: &str) -> String {
    if !text.contains('`') && text.chars().all(|c| c == '\t' || !c.is_control()) && !text.contains('\u{fffd}') {
        return format!("`{text}`");
    }
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            '\r' => quoted.push_str("\\r"),
            '\u{7}' => quoted.push_str("\\a"),
            '\u{8}' => quoted.push_str("\\b"),
            '\u{c}' => quoted.push_str("\\f"),
            '\u{b}' => quoted.push_str("\\v"),
            c if (c as u32) < 0x80 && c.is_control() => quoted.push_str(&format!("\\x{:02x}", c as u32)),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04x}", c as u32)),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// Go's time.ParseDuration, for its errors: `[-+]` then numbers (with an optional fraction)
/// each with a unit (ns us µs ms s m h); `0` alone.
fn go_duration(text: &str) -> Result<(), String> {
    let invalid = || format!("time: invalid duration \"{text}\"");
    let mut rest = text.strip_prefix(['-', '+']).unwrap_or(text);
    if rest == "0" {
        return Ok(());
    }
    if rest.is_empty() {
        return Err(invalid());
    }
    while !rest.is_empty() {
        if !rest.starts_with(|c: char| c == '.' || c.is_ascii_digit()) {
            return Err(invalid());
        }
        let whole = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        let mut number_len = whole;
        let mut fraction = 0;
        if rest[whole..].starts_with('.') {
            fraction = rest[whole + 1..].find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len() - whole - 1);
            number_len = whole + 1 + fraction;
        }
        if whole == 0 && fraction == 0 {
            return Err(invalid());
        }
        rest = &rest[number_len..];
        let unit_len = rest.find(|c: char| c == '.' || c.is_ascii_digit()).unwrap_or(rest.len());
        if unit_len == 0 {
            return Err(format!("time: missing unit in duration \"{text}\""));
        }
        let unit = &rest[..unit_len];
        if !matches!(unit, "ns" | "us" | "µs" | "μs" | "ms" | "s" | "m" | "h") {
            return Err(format!("time: unknown unit \"{unit}\" in duration \"{text}\""));
        }
        rest = &rest[unit_len..];
    }
    Ok(())
}

// The full texts are compiled in only natively (the page fetches them).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn every_generated_text_is_listed() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/kubectl/help");
        let mut files: Vec<String> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        files.retain(|f| !help_outline::NOT_COMMANDS.contains(&f.as_str()));
        files.sort();
        let mut listed: Vec<String> = TEXTS.iter().map(|(path, _)| if path.is_empty() { "kubectl.txt".to_string() } else { format!("{}.txt", path.replace(' ', "_")) }).collect();
        listed.sort();
        assert_eq!(files, listed);
        let mut paths: Vec<String> = files.iter().filter_map(|f| help_outline::command_path(f)).collect();
        paths.sort();
        assert_eq!(paths, TEXTS.iter().map(|(path, _)| path.to_string()).collect::<Vec<_>>(), "TEXTS in path order");
    }

    fn leak(text: String) -> &'static str {
        Box::leak(text.into_boxed_str())
    }

    fn flag_rows(text: &'static str) -> Vec<(&'static str, Option<char>, &'static str)> {
        listed_flags(text).map(|f| (f.long, f.short, f.default)).collect()
    }

    /// The page looks commands up and parses flags in the outlines: they must give what the
    /// texts give, for every command, and `build.rs` must have written them from these texts.
    #[test]
    fn outlines_keep_what_lookup_and_flags_read() {
        for (path, text) in TEXTS {
            let outline = leak(help_outline::outline(text));
            assert!(outline.len() < text.len() || text.len() < 200, "{path:?}");
            assert_eq!(flag_rows(outline), flag_rows(text), "{path:?}'s flags");
            assert_eq!(listed_commands(outline), listed_commands(text), "{path:?}'s subcommands");
            assert_eq!(aliases(outline).collect::<Vec<_>>(), aliases(text).collect::<Vec<_>>(), "{path:?}'s aliases");
        }
        let options = leak(help_outline::outline(OPTIONS));
        assert_eq!(flag_rows(options), flag_rows(OPTIONS));
        assert!(flag_rows(OPTIONS).len() > 20);
        assert!(!listed_commands(TEXTS[0].1).is_empty() && aliases(text("create service").unwrap()).next().is_some());
        let written: Vec<(String, String)> = outlines::OUTLINES.iter().map(|(p, o)| (p.to_string(), o.to_string())).collect();
        let expected: Vec<(String, String)> = TEXTS.iter().map(|(p, t)| (p.to_string(), help_outline::outline(t))).collect();
        assert_eq!(written, expected);
        assert_eq!(outlines::OPTIONS_OUTLINE, options);
    }

    /// static/help/v1.32.json is generated: it must hold exactly the texts of src/kubectl/help/.
    /// `UPDATE_EXPECT=1 cargo test --lib help` writes it (scripts/gen-kubectl-help runs that).
    #[test]
    fn the_pages_help_file_is_the_texts() {
        let file = concat!(env!("CARGO_MANIFEST_DIR"), "/static/help/v1.32.json");
        let json = texts_json();
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(file, &json).unwrap();
        }
        let on_disk = std::fs::read_to_string(file).unwrap_or_default();
        assert!(on_disk == json, "static/help/v1.32.json differs from src/kubectl/help/: run UPDATE_EXPECT=1 cargo test --lib help");
        let texts = HelpTexts::from_json(&on_disk).unwrap();
        assert_eq!(texts.commands.len(), TEXTS.len());
        assert_eq!(texts.commands["rollout undo"], text("rollout undo").unwrap());
        assert!(install(&on_disk).is_ok() && loaded());
        assert!(HelpTexts::from_json("{}").is_err());
    }

    #[test]
    fn flags_come_from_the_options_section() {
        let flags = flags_of("rollout status");
        let watch = flags.iter().find(|f| f.long == "watch").unwrap();
        assert_eq!((watch.short, watch.default), (Some('w'), "true"));
        assert!(flags.iter().any(|f| f.long == "namespace" && f.short == Some('n')));
        assert!(matches!(flags.iter().find(|f| f.long == "dry-run").map(|f| f.spec().kind), None));
        assert!(matches!(flags_of("apply").iter().find(|f| f.long == "dry-run").map(|f| f.spec().kind), Some(FlagKind::Optional("unchanged"))));
    }

    #[test]
    fn go_durations() {
        for good in ["0", "0s", "1m0s", "1.5h", "-3s", "300ms", "2h45m", "1.s"] {
            assert_eq!(go_duration(good), Ok(()), "{good}");
        }
        assert_eq!(go_duration("abc"), Err("time: invalid duration \"abc\"".to_string()));
        assert_eq!(go_duration(".s"), Err("time: invalid duration \".s\"".to_string()));
        assert_eq!(go_duration("5"), Err("time: missing unit in duration \"5\"".to_string()));
        assert_eq!(go_duration("1x"), Err("time: unknown unit \"x\" in duration \"1x\"".to_string()));
    }

    #[test]
    fn suggestions_follow_cobra() {
        assert_eq!(suggestions("gte"), "\nDid you mean this?\n\tget\n");
        assert_eq!(suggestions("co"), "\nDid you mean this?\n\ttop\n\tcordon\n\tcp\n\tcompletion\n\tconfig\n");
        assert_eq!(suggestions("xyz"), "");
        assert_eq!(levenshtein("kitten", "sitting"), 3);
    }

    #[test]
    fn go_quoting() {
        assert_eq!(go_quote("nosuch"), "`nosuch`");
        assert_eq!(go_quote("a`b"), "\"a`b\"");
        assert_eq!(go_quote("a\nb"), "\"a\\nb\"");
    }
}
