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

use crate::kubectl::args::{self, FlagKind, FlagSpec};
use crate::kubectl::{Ctx, Stream};

/// Each command's `--help` text, by its path below `kubectl` (`""` is the root).
const TEXTS: &[(&str, &str)] = &[
    ("", include_str!("help/kubectl.txt")),
    ("annotate", include_str!("help/annotate.txt")),
    ("api-resources", include_str!("help/api-resources.txt")),
    ("api-versions", include_str!("help/api-versions.txt")),
    ("apply", include_str!("help/apply.txt")),
    ("cluster-info", include_str!("help/cluster-info.txt")),
    ("completion", include_str!("help/completion.txt")),
    ("config", include_str!("help/config.txt")),
    ("config current-context", include_str!("help/config_current-context.txt")),
    ("config get-contexts", include_str!("help/config_get-contexts.txt")),
    ("config view", include_str!("help/config_view.txt")),
    ("cordon", include_str!("help/cordon.txt")),
    ("create", include_str!("help/create.txt")),
    ("create configmap", include_str!("help/create_configmap.txt")),
    ("create deployment", include_str!("help/create_deployment.txt")),
    ("create ingress", include_str!("help/create_ingress.txt")),
    ("create job", include_str!("help/create_job.txt")),
    ("create namespace", include_str!("help/create_namespace.txt")),
    ("create secret", include_str!("help/create_secret.txt")),
    ("create secret generic", include_str!("help/create_secret_generic.txt")),
    ("create service", include_str!("help/create_service.txt")),
    ("create service clusterip", include_str!("help/create_service_clusterip.txt")),
    ("create service externalname", include_str!("help/create_service_externalname.txt")),
    ("create service loadbalancer", include_str!("help/create_service_loadbalancer.txt")),
    ("create service nodeport", include_str!("help/create_service_nodeport.txt")),
    ("delete", include_str!("help/delete.txt")),
    ("describe", include_str!("help/describe.txt")),
    ("edit", include_str!("help/edit.txt")),
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
    ("set selector", include_str!("help/set_selector.txt")),
    ("top", include_str!("help/top.txt")),
    ("top node", include_str!("help/top_node.txt")),
    ("top pod", include_str!("help/top_pod.txt")),
    ("uncordon", include_str!("help/uncordon.txt")),
    ("version", include_str!("help/version.txt")),
    ("wait", include_str!("help/wait.txt")),
];

/// `kubectl options`: the global flags.
const OPTIONS: &str = include_str!("help/options.txt");
/// `kubectl help --help`.
const HELP_COMMAND: &str = include_str!("help/help.txt");
/// The root's usage, which `kubectl help NOSUCH` prints after its first line.
const ROOT_USAGE: &str = include_str!("help/usage.txt");
/// The groups: `PATH<TAB>stdout|stderr`, the stream their help goes to when run bare.
const GROUPS: &str = include_str!("help/groups.txt");

/// Flags whose value is optional (pflag's `NoOptDefVal`), with the value they take alone:
/// `--dry-run` (cmdutil.AddDryRunFlag), `--cascade` (delete_flags.go), `--validate`
/// (cmdutil.AddValidateFlags), `config view --merge`.
const NO_OPT_DEFAULTS: &[(&str, &str)] = &[("dry-run", "unchanged"), ("cascade", "background"), ("validate", "strict"), ("merge", "true")];

/// The `--help` text of `kubectl` itself, which `kubectl` without a command prints.
pub fn root() -> &'static str {
    TEXTS[0].1
}

/// The `--help` text of a command path (`"rollout status"`), if kubeplay has it.
pub fn text(path: &str) -> Option<&'static str> {
    TEXTS.iter().find(|(p, _)| *p == path).map(|(_, text)| *text)
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
    let own = text(path).filter(|_| !path.is_empty()).map(listed_flags);
    let mut flags: Vec<Flag> = own.into_iter().flatten().chain(listed_flags(OPTIONS)).collect();
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
    let Some(text) = text(path) else { return Vec::new() };
    let mut names = Vec::new();
    let mut in_list = false;
    for line in text.lines() {
        if line.ends_with("Commands:") || line.ends_with("Commands (Beginner):") || line.ends_with("Commands (Intermediate):") {
            in_list = true;
        } else if line.is_empty() {
            in_list = false;
        } else if in_list {
            if let Some(name) = line.strip_prefix("  ").and_then(|l| l.split_whitespace().next()) {
                names.push(name);
            }
        }
    }
    if path.is_empty() {
        names.extend(["help", "options"]);
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
    children(path).into_iter().map(|name| join(path, name)).find(|child| child.rsplit(' ').next() == Some(word) || text(child).is_some_and(|t| aliases(t).any(|a| a == word)))
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

fn flag_error(ctx: &mut Ctx, path: &str, message: &str) {
    let command = if path.is_empty() { "kubectl".to_string() } else { format!("kubectl {path}") };
    ctx.out.fail(format!("error: {message}\nSee '{command} --help' for usage.\n"));
}

fn group_stream(path: &str) -> Option<Stream> {
    GROUPS.lines().find_map(|line| {
        let (group, stream) = line.split_once('\t')?;
        (group == path).then_some(if stream == "stdout" { Stream::Stdout } else { Stream::Stderr })
    })
}

/// Handles a command line before the commands see it, when it is kubectl's business rather than
/// a command's: help (`kubectl`, `--help`, `help CMD`, `CMD -h`), a group run without its
/// subcommand, `kubectl options`, flags before an unknown command. Returns whether it did;
/// anything else goes to the command.
pub fn intercept(ctx: &mut Ctx, words: &[String]) -> bool {
    let found = find(words);
    if found.unknown {
        // kubectl's plugin lookup (cmd.go, HandlePluginCommand) runs first, and refuses flags
        // before the name; then cobra's unknown command, which the dispatcher prints.
        let first_word = words.iter().find(|w| !w.starts_with('-'));
        if first_word.is_some_and(|w| w != "help") && words[0].starts_with('-') {
            ctx.out.fail(format!("Error: flags cannot be placed before plugin name: {}\n", words[0]));
            return true;
        }
        return false;
    }
    match found.path.as_str() {
        "" => {
            // The root's Run is its help (`kubectl`, `kubectl -n x`).
            match parse("", &found.rest) {
                Ok(_) => ctx.out.out(root()),
                Err(message) => flag_error(ctx, "", &message),
            }
            true
        }
        "help" => {
            help_command(ctx, &found.rest);
            true
        }
        "options" => {
            match parse("", &found.rest) {
                // kubectl's options command prints nothing for its own help.
                Ok(parsed) if parsed.bool("help") => {}
                Ok(_) => ctx.out.out(OPTIONS),
                Err(message) => flag_error(ctx, "options", &message),
            }
            true
        }
        path => {
            let group = group_stream(path);
            let Some(text) = text(path) else { return false };
            if group.is_none() && !asks_help(&found.rest) {
                return false;
            }
            let parsed = match parse(path, &found.rest) {
                Ok(parsed) => parsed,
                Err(message) => {
                    flag_error(ctx, path, &message);
                    return true;
                }
            };
            if parsed.bool("help") {
                ctx.out.out(text);
                return true;
            }
            let Some(stream) = group else { return false };
            // cmdutil.DefaultSubCommandRun: no arguments, then the help and exit 1.
            if !parsed.positional.is_empty() {
                ctx.out.fail(format!("error: unknown command \"{}\"\nSee 'kubectl {path} -h' for help and examples\n", parsed.positional.join(" ")));
                return true;
            }
            match stream {
                Stream::Stdout => ctx.out.out(text),
                Stream::Stderr => ctx.out.err(text),
            }
            ctx.out.exit_code = 1;
            true
        }
    }
}

/// `kubectl help [COMMAND...]`: cobra's help command (InitDefaultHelpCmd): the help of the
/// command the words find, or "Unknown help topic" and the root's usage on stderr (exit 0).
fn help_command(ctx: &mut Ctx, words: &[String]) {
    let parsed = match parse("help", words) {
        Ok(parsed) => parsed,
        Err(message) => return flag_error(ctx, "help", &message),
    };
    if parsed.bool("help") {
        return ctx.out.out(HELP_COMMAND);
    }
    let found = find(&parsed.positional);
    if found.unknown {
        let topics: Vec<String> = parsed.positional.iter().map(|w| go_quote(w)).collect();
        ctx.out.err(format!("Unknown help topic [{}]\n{ROOT_USAGE}", topics.join(" ")));
        return;
    }
    match found.path.as_str() {
        "options" => {}
        "help" => ctx.out.out(HELP_COMMAND),
        path => match text(path) {
            Some(text) => ctx.out.out(text),
            None => ctx.out.fail(not_simulated(path)),
        },
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
    let typed = word.to_lowercase();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_generated_text_is_listed() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/kubectl/help");
        let mut files: Vec<String> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        files.retain(|f| !["groups.txt", "help.txt", "options.txt", "usage.txt"].contains(&f.as_str()));
        files.sort();
        let mut listed: Vec<String> = TEXTS.iter().map(|(path, _)| if path.is_empty() { "kubectl.txt".to_string() } else { format!("{}.txt", path.replace(' ', "_")) }).collect();
        listed.sort();
        assert_eq!(files, listed);
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
