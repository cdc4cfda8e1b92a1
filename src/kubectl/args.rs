//! Command lines: shell-style words, and flags parsed the way cobra/pflag parse them.

use std::collections::BTreeMap;

/// Splits a line into words like a POSIX shell: quotes, backslashes, no expansion.
/// Returns an error for an unterminated quote.
pub fn shell_words(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut in_word = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(ch) => current.push(ch),
                        None => return Err("unexpected EOF while looking for matching `''".to_string()),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(ch @ ('"' | '\\' | '$' | '`')) => current.push(ch),
                            Some('\n') => {}
                            Some(ch) => {
                                current.push('\\');
                                current.push(ch);
                            }
                            None => return Err("unexpected EOF while looking for matching `\"'".to_string()),
                        },
                        Some(ch) => current.push(ch),
                        None => return Err("unexpected EOF while looking for matching `\"'".to_string()),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(ch) = chars.next() {
                    if ch != '\n' {
                        current.push(ch);
                    }
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut current));
                    in_word = false;
                }
            }
            '#' if !in_word => break,
            // Bash's ANSI-C quoting: `$'l\nk=v'` is `l`, a newline, `k=v`.
            '$' if chars.peek() == Some(&'\'') => {
                chars.next();
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some('\\') => match chars.next() {
                            Some('n') => current.push('\n'),
                            Some('t') => current.push('\t'),
                            Some('r') => current.push('\r'),
                            Some('a') => current.push('\u{7}'),
                            Some('b') => current.push('\u{8}'),
                            Some('f') => current.push('\u{c}'),
                            Some('v') => current.push('\u{b}'),
                            Some('e' | 'E') => current.push('\u{1b}'),
                            Some(ch @ ('\\' | '\'' | '"' | '?')) => current.push(ch),
                            Some(ch) => {
                                current.push('\\');
                                current.push(ch);
                            }
                            None => return Err("unexpected EOF while looking for matching `''".to_string()),
                        },
                        Some(ch) => current.push(ch),
                        None => return Err("unexpected EOF while looking for matching `''".to_string()),
                    }
                }
            }
            c => {
                in_word = true;
                current.push(c);
            }
        }
    }
    if in_word {
        words.push(current);
    }
    Ok(words)
}

/// How a flag takes its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagKind {
    /// `--all`, `--all=false`.
    Bool,
    /// `--image nginx`, `--image=nginx`, `-o yaml`, `-oyaml`.
    Value,
    /// A value flag with pflag's `NoOptDefVal`: `--dry-run` alone takes this value and never the
    /// next word; `--dry-run=client` a given one.
    Optional(&'static str),
}

/// A flag a command accepts: long name, optional shorthand.
#[derive(Debug, Clone, Copy)]
pub struct FlagSpec {
    pub long: &'static str,
    pub short: Option<char>,
    pub kind: FlagKind,
}

pub const fn value(long: &'static str, short: Option<char>) -> FlagSpec {
    FlagSpec { long, short, kind: FlagKind::Value }
}

pub const fn boolean(long: &'static str, short: Option<char>) -> FlagSpec {
    FlagSpec { long, short, kind: FlagKind::Bool }
}

/// `--dry-run` (cmdutil.AddDryRunFlag): `--dry-run` alone means `unchanged`, never the next word.
pub const DRY_RUN: FlagSpec = FlagSpec { long: "dry-run", short: None, kind: FlagKind::Optional("unchanged") };

/// `--validate` (cmdutil.AddValidateFlags): `--validate` alone means `strict`.
pub const VALIDATE: FlagSpec = FlagSpec { long: "validate", short: None, kind: FlagKind::Optional("strict") };

/// kubectl's global flags, accepted by every command.
pub const GLOBAL_FLAGS: &[FlagSpec] = &[
    value("namespace", Some('n')),
    value("kubeconfig", None),
    value("context", None),
    value("cluster", None),
    value("user", None),
    value("server", Some('s')),
    value("request-timeout", None),
    value("v", Some('v')),
    boolean("insecure-skip-tls-verify", None),
    value("token", None),
    value("as", None),
    value("as-group", None),
    value("cache-dir", None),
    boolean("match-server-version", None),
    boolean("warnings-as-errors", None),
    // cobra's own; `--help=false` reaches the command (help itself is kubectl::help's).
    boolean("help", Some('h')),
];

/// Parsed flags and positional arguments.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub positional: Vec<String>,
    /// Every value given for each long flag name, in order.
    pub flags: BTreeMap<String, Vec<String>>,
    /// Words after `--`.
    pub after_dashes: Vec<String>,
}

impl Parsed {
    pub fn get(&self, long: &str) -> Option<&str> {
        self.flags.get(long).and_then(|v| v.last()).map(String::as_str)
    }

    pub fn all(&self, long: &str) -> Vec<String> {
        self.flags.get(long).cloned().unwrap_or_default()
    }

    pub fn has(&self, long: &str) -> bool {
        self.flags.contains_key(long)
    }

    /// The dry-run strategy `--dry-run` asks for, as cmdutil.GetDryRunStrategy maps it:
    /// `Some("client")` for `client`, `unchanged` (the flag alone) and `true`, `Some("server")`,
    /// `None` for `none`, `false` or no flag. Values it refuses were refused before the command
    /// ran (see `kubectl::check_flag_values`).
    pub fn dry_run(&self) -> Option<&'static str> {
        match self.get("dry-run")? {
            "client" | "unchanged" | "true" => Some("client"),
            "server" => Some("server"),
            _ => None,
        }
    }

    /// A boolean flag: present without value, or `=true`.
    pub fn bool(&self, long: &str) -> bool {
        matches!(self.get(long), Some("true") | Some(""))
    }
}

/// What a printer adds to its operation for a dry run (`cmdutil.PrintFlagsWithDryRunStrategy`):
/// ` (dry run)` for a client one, ` (server dry run)`, nothing without.
pub fn dry_run_suffix(mode: Option<&str>) -> &'static str {
    match mode {
        Some("server") => " (server dry run)",
        Some(_) => " (dry run)",
        None => "",
    }
}

/// Parses `words` against the command's flags plus the global ones. Errors are kubectl's:
/// `unknown flag: --x`, `unknown shorthand flag: 'z' in -z`, `flag needs an argument: --image`.
pub fn parse(words: &[String], specs: &[FlagSpec]) -> Result<Parsed, String> {
    let find_long = |name: &str| specs.iter().chain(GLOBAL_FLAGS).find(|s| s.long == name).copied();
    let find_short = |c: char| specs.iter().chain(GLOBAL_FLAGS).find(|s| s.short == Some(c)).copied();
    let mut parsed = Parsed::default();
    let mut index = 0;
    while index < words.len() {
        let word = &words[index];
        index += 1;
        if word == "--" {
            parsed.after_dashes = words[index..].to_vec();
            break;
        }
        if let Some(body) = word.strip_prefix("--") {
            let (name, inline) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (body, None),
            };
            let Some(spec) = find_long(name) else {
                return Err(format!("unknown flag: --{name}"));
            };
            let value = match (spec.kind, inline) {
                (FlagKind::Bool, Some(v)) => {
                    if v.parse::<bool>().is_err() && !["1", "0", "t", "f", "T", "F", "TRUE", "FALSE", "True", "False"].contains(&v.as_str()) {
                        let shown = match spec.short {
                            Some(short) => format!("-{short}, --{name}"),
                            None => format!("--{name}"),
                        };
                        return Err(format!("invalid argument \"{v}\" for \"{shown}\" flag: strconv.ParseBool: parsing \"{v}\": invalid syntax"));
                    }
                    normalise_bool(&v)
                }
                (FlagKind::Bool, None) => "true".to_string(),
                (FlagKind::Value | FlagKind::Optional(_), Some(v)) => v,
                (FlagKind::Optional(default), None) => default.to_string(),
                (FlagKind::Value, None) => {
                    if index >= words.len() {
                        return Err(format!("flag needs an argument: --{name}"));
                    }
                    index += 1;
                    words[index - 1].clone()
                }
            };
            check_verbosity(spec, &value)?;
            parsed.flags.entry(spec.long.to_string()).or_default().push(value);
            continue;
        }
        if word.len() > 1 && word.starts_with('-') && !word[1..].starts_with(|c: char| c.is_ascii_digit()) {
            let shorts: Vec<char> = word[1..].chars().collect();
            let mut position = 0;
            while position < shorts.len() {
                let c = shorts[position];
                let Some(spec) = find_short(c) else {
                    return Err(format!("unknown shorthand flag: '{c}' in {word}"));
                };
                position += 1;
                match spec.kind {
                    FlagKind::Bool => {
                        let value = if shorts.get(position) == Some(&'=') {
                            let v: String = shorts[position + 1..].iter().collect();
                            position = shorts.len();
                            normalise_bool(&v)
                        } else {
                            "true".to_string()
                        };
                        parsed.flags.entry(spec.long.to_string()).or_default().push(value);
                    }
                    FlagKind::Optional(default) if position == shorts.len() => {
                        parsed.flags.entry(spec.long.to_string()).or_default().push(default.to_string());
                    }
                    FlagKind::Value | FlagKind::Optional(_) => {
                        let rest: String = shorts[position..].iter().collect();
                        // pflag: `-o=yaml` is `yaml`, but `-o=` alone is `=`.
                        let value = if !rest.is_empty() {
                            if rest.len() > 1 { rest.strip_prefix('=').unwrap_or(&rest) } else { &rest }.to_string()
                        } else if index < words.len() {
                            index += 1;
                            words[index - 1].clone()
                        } else {
                            return Err(format!("flag needs an argument: '{c}' in -{c}"));
                        };
                        check_verbosity(spec, &value)?;
                        parsed.flags.entry(spec.long.to_string()).or_default().push(value);
                        position = shorts.len();
                    }
                }
            }
            continue;
        }
        parsed.positional.push(word.clone());
    }
    Ok(parsed)
}

/// `-v` is klog's level, an integer: pflag's error for anything else.
fn check_verbosity(spec: FlagSpec, value: &str) -> Result<(), String> {
    if spec.long == "v" && value.parse::<i32>().is_err() {
        return Err(format!("invalid argument \"{value}\" for \"-v, --v\" flag: strconv.ParseInt: parsing \"{value}\": invalid syntax"));
    }
    Ok(())
}

fn normalise_bool(value: &str) -> String {
    match value {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => "true".to_string(),
        _ => "false".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        shell_words(line).unwrap()
    }

    #[test]
    fn shell_quoting() {
        assert_eq!(words(r#"kubectl annotate deploy/x kubernetes.io/change-cause="image 1.15""#), vec!["kubectl", "annotate", "deploy/x", "kubernetes.io/change-cause=image 1.15"]);
        assert_eq!(words("a 'b c' d\\ e"), vec!["a", "b c", "d e"]);
        assert_eq!(words("get pods # comment"), vec!["get", "pods"]);
        assert!(shell_words("echo 'open").is_err());
    }

    #[test]
    fn flags_parse_like_pflag() {
        let specs = [value("output", Some('o')), boolean("all", None), value("selector", Some('l'))];
        let parsed = parse(&words("pods -oyaml -n kube-system --all -l app=web x"), &specs).unwrap();
        assert_eq!(parsed.get("output"), Some("yaml"));
        assert_eq!(parsed.get("namespace"), Some("kube-system"));
        assert!(parsed.bool("all"));
        assert_eq!(parsed.positional, vec!["pods", "x"]);
        assert_eq!(parse(&words("--bogus-flag"), &specs).unwrap_err(), "unknown flag: --bogus-flag");
        assert_eq!(parse(&words("-z"), &specs).unwrap_err(), "unknown shorthand flag: 'z' in -z");
        assert_eq!(parse(&words("--output"), &specs).unwrap_err(), "flag needs an argument: --output");
    }
}
