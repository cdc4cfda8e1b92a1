//! `sed 's/RE/REPLACEMENT/[g]'` and `awk '[PATTERN] {print ...}'`: the two text filters
//! tutorials put after kubectl (`kubectl get pods | awk 'NR>1 {print $1}'`, `kubectl get deploy
//! web -o yaml | sed 's/1.25/1.26/' | kubectl apply -f -`), in the small subset they use. Anything
//! else is said to be outside it, never guessed at.

use crate::engine::regex::{Options, Regex, Syntax};

/// What a filter printed, its errors and its status (as `shell::Output` carries them).
pub type Filtered = (String, String, i32);

/// `sed [-e] 's/RE/REPLACEMENT/[g]' ...` (several expressions, `;`-separated too): RE is a basic
/// regular expression (GNU's, `-E` for extended), `&` in the replacement is the match, `\&`
/// and `\/` literal; `g` replaces every match of a line, otherwise the first.
pub fn sed(args: &[String], input: &str) -> Filtered {
    let mut syntax = Syntax::Basic;
    let mut scripts = Vec::new();
    let mut words = args.iter();
    while let Some(arg) = words.next() {
        match arg.as_str() {
            "-E" | "-r" | "--regexp-extended" => syntax = Syntax::Extended,
            "-e" => scripts.extend(words.next().cloned()),
            other if other.starts_with('-') && other.len() > 1 => {
                return (String::new(), format!("kubeplay: sed: only 's/RE/REPLACEMENT/[g]' runs here, not {other}\n"), 1);
            }
            other if scripts.is_empty() => scripts.push(other.to_string()),
            other => return (String::new(), format!("sed: can't read {other}: No such file or directory\n"), 2),
        }
    }
    let mut substitutions = Vec::new();
    for script in &scripts {
        for command in script.split(';').map(str::trim).filter(|c| !c.is_empty()) {
            match substitution(command, syntax) {
                Ok(found) => substitutions.push(found),
                Err(message) => return (String::new(), message, 1),
            }
        }
    }
    if substitutions.is_empty() {
        return (String::new(), "Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n".to_string(), 1);
    }
    let mut out = String::new();
    for line in input.lines() {
        let mut text = line.to_string();
        for (regex, replacement, global) in &substitutions {
            let matches = regex.find_iter(&text);
            let chosen = if *global { &matches[..] } else { &matches[..matches.len().min(1)] };
            let mut result = String::new();
            let mut copied = 0;
            for &(start, end) in chosen {
                result.push_str(&text[copied..start]);
                result.push_str(&expand_replacement(replacement, &text[start..end]));
                copied = end;
            }
            result.push_str(&text[copied..]);
            text = result;
        }
        out.push_str(&text);
        out.push('\n');
    }
    (out, String::new(), 0)
}

/// One `s/RE/REPLACEMENT/FLAGS` (any delimiter after the `s`).
fn substitution(command: &str, syntax: Syntax) -> Result<(Regex, String, bool), String> {
    let unsupported = || format!("kubeplay: sed: only 's/RE/REPLACEMENT/[g]' runs here, not `{command}`\n");
    let mut chars = command.chars();
    if chars.next() != Some('s') {
        return Err(unsupported());
    }
    let delimiter = chars.next().ok_or_else(unsupported)?;
    let mut parts = vec![String::new()];
    let mut escaped = false;
    for c in chars {
        if escaped {
            // `\/` is the delimiter itself; other escapes stay for the regex or the replacement.
            if c != delimiter {
                parts.last_mut().expect("a part").push('\\');
            }
            parts.last_mut().expect("a part").push(c);
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == delimiter {
            parts.push(String::new());
        } else {
            parts.last_mut().expect("a part").push(c);
        }
    }
    if parts.len() != 3 {
        return Err(format!("sed: -e expression #1, char {}: unterminated `s' command\n", command.chars().count()));
    }
    let flags = &parts[2];
    if flags.chars().any(|f| f != 'g') {
        return Err(unsupported());
    }
    let regex = Regex::new(&[parts[0].as_str()], Options { syntax, ignore_case: false, words: false, whole_line: false }).map_err(|message| format!("sed: -e expression #1, char {}: {message}\n", command.chars().count()))?;
    Ok((regex, parts[1].clone(), flags.contains('g')))
}

/// A replacement with `&` as the match and `\&`, `\\` as the characters.
fn expand_replacement(replacement: &str, matched: &str) -> String {
    let mut out = String::new();
    let mut chars = replacement.chars();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str(matched),
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            },
            _ => out.push(c),
        }
    }
    out
}

/// `awk [-F SEP] '[PATTERN] {print ITEMS}'`: PATTERN is `NR>N`, `NR==N`, `NR<N` or `/RE/`
/// (extended, as awk's); ITEMS are `$N`, `$0`, `$NF`, `NF`, `NR` and "strings", a comma printing
/// a space between them and juxtaposition none, as awk's `print` does.
pub fn awk(args: &[String], input: &str) -> Filtered {
    let unsupported = |program: &str| (String::new(), format!("kubeplay: awk: only '[NR>N|/RE/] {{print $N, ...}}' programs run here, not '{program}'\n"), 2);
    let mut separator: Option<String> = None;
    let mut program = None;
    let mut words = args.iter();
    while let Some(arg) = words.next() {
        if arg == "-F" {
            separator = words.next().cloned();
        } else if let Some(sep) = arg.strip_prefix("-F") {
            separator = Some(sep.to_string());
        } else if program.is_none() {
            program = Some(arg.clone());
        }
    }
    let Some(program) = program else {
        return (String::new(), "usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]\n".to_string(), 2);
    };
    // A pattern without an action prints the lines it selects.
    let (pattern, items) = match program.trim().split_once('{') {
        Some((pattern, body)) => {
            let Some(body) = body.trim().strip_suffix('}') else { return unsupported(&program) };
            let Some(items) = body.trim().strip_prefix("print") else { return unsupported(&program) };
            (pattern.trim(), items)
        }
        None => (program.trim(), ""),
    };
    let select: Box<dyn Fn(usize, &str) -> bool> = if pattern.is_empty() {
        Box::new(|_, _| true)
    } else if let Some(re) = pattern.strip_prefix('/').and_then(|p| p.strip_suffix('/')) {
        let Ok(regex) = Regex::new(&[re], Options { syntax: Syntax::Extended, ignore_case: false, words: false, whole_line: false }) else { return unsupported(&program) };
        Box::new(move |_, line| regex.is_match(line))
    } else if let Some(rest) = pattern.strip_prefix("NR") {
        let rest = rest.trim();
        let (op, number) = ["==", ">=", "<=", "!=", ">", "<"].iter().find_map(|op| rest.strip_prefix(op).map(|n| (*op, n.trim()))).unwrap_or(("", ""));
        let Ok(n) = number.parse::<usize>() else { return unsupported(&program) };
        Box::new(move |nr, _| match op {
            "==" => nr == n,
            ">=" => nr >= n,
            "<=" => nr <= n,
            "!=" => nr != n,
            ">" => nr > n,
            _ => nr < n,
        })
    } else {
        return unsupported(&program);
    };
    let Some(items) = print_items(items) else { return unsupported(&program) };
    let mut out = String::new();
    for (index, line) in input.lines().enumerate() {
        let nr = index + 1;
        if !select(nr, line) {
            continue;
        }
        let fields: Vec<&str> = match separator.as_deref() {
            None | Some(" ") => line.split_whitespace().collect(),
            Some(sep) => line.split(sep).collect(),
        };
        let mut text = String::new();
        for item in &items {
            match item {
                Item::Space => text.push(' '),
                Item::Field(0) => text.push_str(line),
                Item::Field(n) => text.push_str(fields.get(n - 1).copied().unwrap_or("")),
                Item::LastField => text.push_str(fields.last().copied().unwrap_or("")),
                Item::FieldCount => text.push_str(&fields.len().to_string()),
                Item::RecordNumber => text.push_str(&nr.to_string()),
                Item::Text(s) => text.push_str(s),
            }
        }
        out.push_str(&text);
        out.push('\n');
    }
    (out, String::new(), 0)
}

/// One piece of a `print` list.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    /// A comma: the output field separator.
    Space,
    Field(usize),
    LastField,
    FieldCount,
    RecordNumber,
    Text(String),
}

/// `print`'s arguments; None for anything outside the subset. `print` alone prints the line.
fn print_items(text: &str) -> Option<Vec<Item>> {
    let text = text.trim();
    if text.is_empty() {
        return Some(vec![Item::Field(0)]);
    }
    let mut items = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix(',') {
            items.push(Item::Space);
            rest = after;
        } else if let Some(after) = rest.strip_prefix("$NF") {
            items.push(Item::LastField);
            rest = after;
        } else if let Some(after) = rest.strip_prefix('$') {
            let digits = after.find(|c: char| !c.is_ascii_digit()).unwrap_or(after.len());
            items.push(Item::Field(after[..digits].parse().ok()?));
            rest = &after[digits..];
        } else if let Some(after) = rest.strip_prefix("NF") {
            items.push(Item::FieldCount);
            rest = after;
        } else if let Some(after) = rest.strip_prefix("NR") {
            items.push(Item::RecordNumber);
            rest = after;
        } else if let Some(after) = rest.strip_prefix('"') {
            let end = after.find('"')?;
            items.push(Item::Text(after[..end].replace("\\t", "\t")));
            rest = &after[end + 1..];
        } else {
            return None;
        }
    }
    Some(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    const PODS: &str = "NAME                   READY   STATUS    RESTARTS   AGE\nweb-6766cbdd68-2dw4q   1/1     Running   0          9s\nweb-6766cbdd68-cbv4x   0/1     Pending   0          9s\n";

    #[test]
    fn awk_prints_fields_as_awk_does() {
        let cases: &[(&[&str], &str)] = &[
            (&["{print $1}"], "NAME\nweb-6766cbdd68-2dw4q\nweb-6766cbdd68-cbv4x\n"),
            (&["NR>1 {print $1}"], "web-6766cbdd68-2dw4q\nweb-6766cbdd68-cbv4x\n"),
            (&["/Pending/ {print $1, $3}"], "web-6766cbdd68-cbv4x Pending\n"),
            (&["NR==2 {print $1\":\"$NF}"], "web-6766cbdd68-2dw4q:9s\n"),
            (&["NR==1 {print NF, NR}"], "5 1\n"),
            (&["-F", "-", "NR>1 {print $3}"], "2dw4q   1/1     Running   0          9s\ncbv4x   0/1     Pending   0          9s\n"),
            (&["NR==3"], "web-6766cbdd68-cbv4x   0/1     Pending   0          9s\n"),
        ];
        for (args, expected) in cases {
            assert_eq!(awk(&words(args), PODS).0, *expected, "{args:?}");
        }
        assert!(awk(&words(&["{ sum += $4 } END { print sum }"]), PODS).1.starts_with("kubeplay: awk: only"));
    }

    #[test]
    fn sed_substitutes_as_gnu_sed_does() {
        let yaml = "image: nginx:1.25\nreplicas: 1\n";
        assert_eq!(sed(&words(&["s/1.25/1.26/"]), yaml).0, "image: nginx:1.26\nreplicas: 1\n");
        assert_eq!(sed(&words(&["s/1/9/g"]), yaml).0, "image: nginx:9.25\nreplicas: 9\n");
        assert_eq!(sed(&words(&["s/1/9/"]), "1 1\n").0, "9 1\n");
        assert_eq!(sed(&words(&["s|nginx|[&]|"]), yaml).0, "image: [nginx]:1.25\nreplicas: 1\n");
        assert_eq!(sed(&words(&["-e", "s/a/b/", "-e", "s/b/c/"]), "a\n").0, "c\n");
        assert_eq!(sed(&words(&["s/a/b/;s/b/c/"]), "a\n").0, "c\n");
        assert_eq!(sed(&words(&["-E", "s/(ab)+/x/"]), "ababc\n").0, "xc\n");
        assert_eq!(sed(&words(&["s/a\\/b/c/"]), "a/b\n").0, "c\n");
        assert_eq!(sed(&words(&["s/a/b"]), "a\n").1, "sed: -e expression #1, char 5: unterminated `s' command\n");
        assert!(sed(&words(&["-n", "p"]), "a\n").1.starts_with("kubeplay: sed: only"));
        assert!(sed(&words(&["/x/d"]), "a\n").1.starts_with("kubeplay: sed: only"));
    }
}

/// `cut -d DELIM -f LIST`, `cut -c LIST` / `-b LIST` as GNU coreutils' cut does them (`-s`,
/// `--complement`, `--output-delimiter=S`, the long forms): the selected fields or characters
/// of each line, in their own order; a line without the delimiter whole unless `-s`. Its errors
/// and their `Try 'cut --help'` line, status 1.
pub fn cut(args: &[String], input: &str) -> Filtered {
    let fail = |message: &str| (String::new(), format!("cut: {message}\nTry 'cut --help' for more information.\n"), 1);
    let (mut delimiter, mut fields, mut chars): (Option<String>, Option<String>, Option<String>) = (None, None, None);
    let (mut only_delimited, mut complement, mut output_delimiter) = (false, false, None::<String>);
    let mut words = args.iter();
    while let Some(arg) = words.next() {
        let mut take = |inline: &str| if inline.is_empty() { words.next().cloned().unwrap_or_default() } else { inline.to_string() };
        match arg.as_str() {
            "-s" | "--only-delimited" => only_delimited = true,
            "--complement" => complement = true,
            _ if arg.starts_with("--output-delimiter=") => output_delimiter = Some(arg["--output-delimiter=".len()..].to_string()),
            _ if arg.starts_with("--delimiter=") => delimiter = Some(arg["--delimiter=".len()..].to_string()),
            _ if arg.starts_with("--fields=") => fields = Some(arg["--fields=".len()..].to_string()),
            _ if arg.starts_with("--characters=") || arg.starts_with("--bytes=") => chars = arg.split_once('=').map(|(_, list)| list.to_string()),
            _ if arg.starts_with("-d") => delimiter = Some(take(&arg[2..])),
            _ if arg.starts_with("-f") => fields = Some(take(&arg[2..])),
            _ if arg.starts_with("-c") || arg.starts_with("-b") => chars = Some(take(&arg[2..])),
            _ if arg.starts_with('-') && arg.len() > 1 => return fail(&format!("invalid option -- '{}'", &arg[1..2])),
            _ => {}
        }
    }
    let (list, by_field) = match (&fields, &chars) {
        (Some(list), None) => (list.clone(), true),
        (None, Some(list)) => (list.clone(), false),
        (None, None) => return fail("you must specify a list of bytes, characters, or fields"),
        (Some(_), Some(_)) => return fail("only one list may be specified"),
    };
    if !by_field && delimiter.is_some() {
        return fail("an input delimiter may be specified only when operating on fields");
    }
    let delimiter = delimiter.unwrap_or_else(|| "\t".to_string());
    if delimiter.chars().count() != 1 {
        return fail("the delimiter must be a single character");
    }
    let ranges = match cut_ranges(&list, by_field) {
        Ok(ranges) => ranges,
        Err(message) => return fail(&message),
    };
    let selected = |position: usize| ranges.iter().any(|(from, to)| *from <= position && position <= *to) != complement;
    let mut out = String::new();
    for line in input.lines() {
        if by_field {
            if !line.contains(delimiter.as_str()) {
                if !only_delimited {
                    out.push_str(line);
                    out.push('\n');
                }
                continue;
            }
            let kept: Vec<&str> = line.split(delimiter.as_str()).enumerate().filter(|(index, _)| selected(index + 1)).map(|(_, field)| field).collect();
            out.push_str(&kept.join(output_delimiter.as_deref().unwrap_or(&delimiter)));
        } else {
            out.extend(line.chars().enumerate().filter(|(index, _)| selected(index + 1)).map(|(_, c)| c));
        }
        out.push('\n');
    }
    (out, String::new(), 0)
}

/// A cut LIST: `N`, `N-`, `-M`, `N-M`, comma-separated, as inclusive 1-based ranges.
fn cut_ranges(list: &str, by_field: bool) -> Result<Vec<(usize, usize)>, String> {
    let numbered = if by_field { "fields are numbered from 1" } else { "byte/character positions are numbered from 1" };
    let invalid = |part: &str| if by_field { format!("invalid field value \u{2018}{part}\u{2019}") } else { format!("invalid byte/character position \u{2018}{part}\u{2019}") };
    let mut ranges = Vec::new();
    for part in list.split(',') {
        let number = |text: &str| -> Result<usize, String> {
            match text.parse::<usize>() {
                Ok(0) => Err(numbered.to_string()),
                Ok(n) => Ok(n),
                Err(_) => Err(invalid(part)),
            }
        };
        let range = match part.split_once('-') {
            None => {
                let n = number(part)?;
                (n, n)
            }
            Some(("", "")) => return Err("invalid range with no endpoint: -".to_string()),
            Some(("", to)) => (1, number(to)?),
            Some((from, "")) => (number(from)?, usize::MAX),
            Some((from, to)) => {
                let (from, to) = (number(from)?, number(to)?);
                if to < from {
                    return Err("invalid decreasing range".to_string());
                }
                (from, to)
            }
        };
        ranges.push(range);
    }
    Ok(ranges)
}

#[cfg(test)]
mod cut_tests {
    use super::cut;

    fn run(args: &str) -> (String, String, i32) {
        let args: Vec<String> = args.split(' ').filter(|a| !a.is_empty()).map(str::to_string).collect();
        cut(&args, "a:b:c\nnoDelim\nx:y\n")
    }

    /// Each case as GNU coreutils 9 prints it for the same input (checked on this machine).
    #[test]
    fn cut_selects_as_gnu_cut_does() {
        let ok = |args: &str, out: &str| assert_eq!(run(args), (out.to_string(), String::new(), 0), "cut {args}");
        ok("-d: -f2", "b\nnoDelim\ny\n");
        ok("-d: -f1,3", "a:c\nnoDelim\nx\n");
        ok("-d: -f2-", "b:c\nnoDelim\ny\n");
        ok("-d: -f-2", "a:b\nnoDelim\nx:y\n");
        ok("-d: -s -f2", "b\ny\n");
        ok("-c1-3", "a:b\nnoD\nx:y\n");
        ok("-c2,4", "::\noe\n:\n");
        ok("-f1", "a:b:c\nnoDelim\nx:y\n");
        ok("-d: --complement -f2", "a:c\nnoDelim\nx\n");
        ok("-d: -f1,2 --output-delimiter=,", "a,b\nnoDelim\nx,y\n");
        ok("-b2-", ":b:c\noDelim\n:y\n");
        ok("-d : -f 2", "b\nnoDelim\ny\n");
        let err = |args: &str, message: &str| assert_eq!(run(args), (String::new(), format!("cut: {message}\nTry 'cut --help' for more information.\n"), 1), "cut {args}");
        err("-d: -f0", "fields are numbered from 1");
        err("-d: -f3-1", "invalid decreasing range");
        err("-d: -fx", "invalid field value \u{2018}x\u{2019}");
        err("-dab -f1", "the delimiter must be a single character");
        err("", "you must specify a list of bytes, characters, or fields");
    }
}
