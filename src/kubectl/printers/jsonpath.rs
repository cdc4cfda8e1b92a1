//! kubectl's JSONPath templates (`-o jsonpath=...`, `--sort-by`, `custom-columns`):
//! `{.a.b}`, `{.items[*].metadata.name}`, `[0]`, `[1:3]`, `..name`, `[?(@.x=="y")]`,
//! `{range .items[*]}...{end}`, and literal text with `\n` and `\t`.

use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
enum Step {
    Field(String),
    Recursive(String),
    Index(i64),
    Slice(Option<i64>, Option<i64>),
    All,
    Filter(String, String, Value),
}

#[derive(Debug, Clone, PartialEq)]
enum Node {
    Text(String),
    Path(Vec<Step>),
    Range(Vec<Step>, Vec<Node>),
}

/// Parses a template; errors are kubectl's (`error parsing jsonpath ...`).
fn parse(template: &str) -> Result<Vec<Node>, String> {
    let mut stack: Vec<(Vec<Step>, Vec<Node>)> = vec![(Vec::new(), Vec::new())];
    let mut rest = template;
    while !rest.is_empty() {
        match rest.find('{') {
            Some(0) => {
                let end = find_close(rest).ok_or_else(|| format!("unclosed action"))?;
                let inner = rest[1..end].trim();
                rest = &rest[end + 1..];
                if inner == "end" {
                    let (steps, body) = stack.pop().ok_or("not in range, nothing to end")?;
                    let parent = stack.last_mut().ok_or("not in range, nothing to end")?;
                    parent.1.push(Node::Range(steps, body));
                    if stack.is_empty() {
                        return Err("not in range, nothing to end".into());
                    }
                } else if let Some(path) = inner.strip_prefix("range") {
                    stack.push((parse_path(path.trim())?, Vec::new()));
                } else if inner.starts_with('"') || inner.starts_with('\'') {
                    let text = inner.trim_matches(|c| c == '"' || c == '\'');
                    stack.last_mut().unwrap().1.push(Node::Text(unescape(text)));
                } else {
                    stack.last_mut().unwrap().1.push(Node::Path(parse_path(inner)?));
                }
            }
            Some(at) => {
                stack.last_mut().unwrap().1.push(Node::Text(unescape(&rest[..at])));
                rest = &rest[at..];
            }
            None => {
                stack.last_mut().unwrap().1.push(Node::Text(unescape(rest)));
                rest = "";
            }
        }
    }
    if stack.len() != 1 {
        return Err("unclosed range".into());
    }
    Ok(stack.pop().unwrap().1)
}

fn find_close(text: &str) -> Option<usize> {
    let mut quote = None;
    for (index, c) in text.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"') | (None, '\'') => quote = Some(c),
            (None, '}') => return Some(index),
            _ => {}
        }
    }
    None
}

fn unescape(text: &str) -> String {
    text.replace("\\n", "\n").replace("\\t", "\t")
}

fn parse_path(path: &str) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    let chars: Vec<char> = path.chars().collect();
    let mut i = 0;
    if chars.first() == Some(&'$') {
        i = 1;
    }
    while i < chars.len() {
        match chars[i] {
            '.' => {
                let recursive = chars.get(i + 1) == Some(&'.');
                i += if recursive { 2 } else { 1 };
                let (name, end) = scan_field(&chars, i);
                i = end;
                if name.is_empty() {
                    continue;
                }
                steps.push(if recursive { Step::Recursive(name) } else if name == "*" { Step::All } else { Step::Field(name) });
            }
            '[' => {
                let start = i + 1;
                let mut depth = 1;
                i += 1;
                while i < chars.len() && depth > 0 {
                    match chars[i] {
                        '[' => depth += 1,
                        ']' => depth -= 1,
                        _ => {}
                    }
                    i += 1;
                }
                let inner: String = chars[start..i.saturating_sub(1)].iter().collect();
                match dict_key(inner.trim()) {
                    // `['key']` is `.key` parsed again: dots split it unless escaped.
                    Some(key) => steps.extend(parse_path(&format!(".{key}"))?),
                    None => steps.push(parse_bracket(inner.trim())?),
                }
            }
            c if c.is_whitespace() => i += 1,
            _ => {
                let (name, end) = scan_field(&chars, i);
                i = end;
                steps.push(Step::Field(name));
            }
        }
    }
    Ok(steps)
}

/// Scans a field name from `start` up to the next unescaped `.` or `[`; a backslash escapes the
/// character after it and is then dropped, so `deployment\.kubernetes\.io/revision` is one key.
/// Returns the name and the index after it.
///
/// Mirrors Parser.parseField and Parser.advance (client-go util/jsonpath/parser.go):
/// `newField(strings.Replace(value, "\\", "", -1))`.
fn scan_field(chars: &[char], start: usize) -> (String, usize) {
    let mut name = String::new();
    let mut i = start;
    while i < chars.len() && chars[i] != '.' && chars[i] != '[' {
        if chars[i] == '\\' {
            if let Some(&escaped) = chars.get(i + 1) {
                name.push(escaped);
            }
            i += 2;
            continue;
        }
        name.push(chars[i]);
        i += 1;
    }
    (name, i.min(chars.len()))
}

/// The key of a `['key']` subscript: single quotes only, no quote inside (`["key"]` is an
/// invalid array index, as in kubectl).
///
/// Mirrors Parser.parseArray's dict key case (client-go util/jsonpath/parser.go): `dictKeyRex`
/// `^'([^']*)'$`, then `parseAction("arraydict", fmt.Sprintf(".%s", value[1]))`.
fn dict_key(inner: &str) -> Option<&str> {
    let key = inner.strip_prefix('\'')?.strip_suffix('\'')?;
    (!key.contains('\'')).then_some(key)
}

fn parse_bracket(inner: &str) -> Result<Step, String> {
    if inner == "*" {
        return Ok(Step::All);
    }
    if let Some(filter) = inner.strip_prefix("?(").and_then(|f| f.strip_suffix(')')) {
        let filter = filter.trim();
        for op in ["==", "!="] {
            if let Some((left, right)) = filter.split_once(op) {
                let field = left.trim().trim_start_matches('@').trim_start_matches('.').to_string();
                let right = right.trim();
                let value = if right.starts_with('"') || right.starts_with('\'') {
                    Value::String(right.trim_matches(|c| c == '"' || c == '\'').to_string())
                } else {
                    serde_json::from_str(right).unwrap_or(Value::String(right.to_string()))
                };
                return Ok(Step::Filter(field, op.to_string(), value));
            }
        }
        return Ok(Step::Filter(filter.trim_start_matches('@').trim_start_matches('.').to_string(), "exists".into(), Value::Null));
    }
    if let Some((a, b)) = inner.split_once(':') {
        let parse = |s: &str| if s.trim().is_empty() { Ok(None) } else { s.trim().parse::<i64>().map(Some).map_err(|_| format!("invalid array slice {inner}")) };
        return Ok(Step::Slice(parse(a)?, parse(b.split(':').next().unwrap_or(""))?));
    }
    inner.parse::<i64>().map(Step::Index).map_err(|_| format!("invalid array index {inner}"))
}

fn field_of<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').filter(|p| !p.is_empty()).try_fold(value, |v, part| v.get(part))
}

fn apply(values: Vec<Value>, step: &Step) -> Result<Vec<Value>, String> {
    let mut out = Vec::new();
    for value in values {
        match step {
            Step::Field(name) => match value.get(name) {
                Some(v) => out.push(v.clone()),
                None => {}
            },
            Step::Recursive(name) => collect_recursive(&value, name, &mut out),
            Step::All => match &value {
                Value::Array(items) => out.extend(items.iter().cloned()),
                Value::Object(map) => out.extend(map.values().cloned()),
                _ => {}
            },
            Step::Index(index) => {
                if let Value::Array(items) = &value {
                    let i = if *index < 0 { items.len() as i64 + index } else { *index };
                    match items.get(i as usize).filter(|_| i >= 0) {
                        Some(v) => out.push(v.clone()),
                        None => return Err(format!("array index out of bounds: index {index}, length {}", items.len())),
                    }
                }
            }
            Step::Slice(start, end) => {
                if let Value::Array(items) = &value {
                    let len = items.len() as i64;
                    let clamp = |v: i64| if v < 0 { (len + v).max(0) } else { v.min(len) };
                    let (s, e) = (clamp(start.unwrap_or(0)), clamp(end.unwrap_or(len)));
                    if s < e {
                        out.extend(items[s as usize..e as usize].iter().cloned());
                    }
                }
            }
            Step::Filter(field, op, expected) => {
                let items: Vec<Value> = match &value {
                    Value::Array(items) => items.clone(),
                    other => vec![other.clone()],
                };
                for item in items {
                    let found = field_of(&item, field);
                    let keep = match op.as_str() {
                        "==" => found == Some(expected),
                        "!=" => found != Some(expected),
                        _ => found.is_some(),
                    };
                    if keep {
                        out.push(item);
                    }
                }
            }
        }
    }
    Ok(out)
}

fn collect_recursive(value: &Value, name: &str, out: &mut Vec<Value>) {
    match value {
        Value::Object(map) => {
            if let Some(v) = map.get(name) {
                out.push(v.clone());
            }
            for child in map.values() {
                collect_recursive(child, name, out);
            }
        }
        Value::Array(items) => {
            for child in items {
                collect_recursive(child, name, out);
            }
        }
        _ => {}
    }
}

/// Evaluates a path to the list of values it selects.
pub fn select(value: &Value, path: &str) -> Result<Vec<Value>, String> {
    let steps = parse_path(path.trim().trim_start_matches('{').trim_end_matches('}'))?;
    steps.iter().try_fold(vec![value.clone()], |values, step| apply(values, step))
}

/// How kubectl prints a selected value: strings bare, others as JSON.
pub fn format_value(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

/// Executes a template against a value (kubectl's `-o jsonpath=TEMPLATE`, which allows missing
/// keys: they print nothing).
pub fn execute(template: &str, value: &Value) -> Result<String, String> {
    execute_with(template, value, true)
}

/// Executes a template; with `allow_missing` false a missing key is an error, as in `wait`.
pub fn execute_with(template: &str, value: &Value, allow_missing: bool) -> Result<String, String> {
    let nodes = parse(template).map_err(|e| format!("error parsing jsonpath {template}, {e}"))?;
    let mut out = String::new();
    run(&nodes, value, &mut out, allow_missing)?;
    Ok(out)
}

/// Parses a template without running it: the parser's message, as kubectl's JSONPathPrintFlags
/// reports it before the command acts.
pub fn check(template: &str) -> Result<(), String> {
    parse(template).map(drop)
}

/// The values the template's paths select, in order (`-o jsonpath-as-json`, which prints them
/// as a JSON array instead of text).
pub fn values(template: &str, value: &Value) -> Result<Vec<Value>, String> {
    let nodes = parse(template).map_err(|e| format!("error parsing jsonpath {template}, {e}"))?;
    let mut found = Vec::new();
    for node in &nodes {
        if let Node::Path(steps) = node {
            found.extend(steps.iter().try_fold(vec![value.clone()], |values, step| apply(values, step))?);
        }
    }
    Ok(found)
}

fn run(nodes: &[Node], value: &Value, out: &mut String, allow_missing: bool) -> Result<(), String> {
    for node in nodes {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Path(steps) => {
                let found = steps.iter().try_fold(vec![value.clone()], |values, step| apply(values, step))?;
                if found.is_empty() && !steps.is_empty() && !allow_missing {
                    if let Some(Step::Field(name)) = steps.last() {
                        return Err(format!("error executing jsonpath {:?}: {name} is not found", node_text(steps)));
                    }
                }
                out.push_str(&found.iter().map(format_value).collect::<Vec<_>>().join(" "));
            }
            Node::Range(steps, body) => {
                let found = steps.iter().try_fold(vec![value.clone()], |values, step| apply(values, step))?;
                for item in found {
                    run(body, &item, out, allow_missing)?;
                }
            }
        }
    }
    Ok(())
}

fn node_text(steps: &[Step]) -> String {
    let mut text = String::from("{");
    for step in steps {
        match step {
            Step::Field(name) => text.push_str(&format!(".{name}")),
            Step::Recursive(name) => text.push_str(&format!("..{name}")),
            Step::Index(i) => text.push_str(&format!("[{i}]")),
            Step::All => text.push_str("[*]"),
            _ => text.push_str("[...]"),
        }
    }
    text.push('}');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Value {
        serde_json::json!({"items": [
            {"metadata": {"name": "a", "labels": {"app": "web"}}, "status": {"phase": "Running"}},
            {"metadata": {"name": "b", "labels": {"app": "db"}}, "status": {"phase": "Pending"}}
        ]})
    }

    #[test]
    fn templates() {
        assert_eq!(execute("{.items[*].metadata.name}", &doc()).unwrap(), "a b");
        assert_eq!(execute("{.items[0].metadata.name}", &doc()).unwrap(), "a");
        assert_eq!(execute("{range .items[*]}{.metadata.name}{\"\\t\"}{.status.phase}{\"\\n\"}{end}", &doc()).unwrap(), "a\tRunning\nb\tPending\n");
        assert_eq!(execute("{.items[?(@.status.phase==\"Pending\")].metadata.name}", &doc()).unwrap(), "b");
        assert_eq!(execute("{..name}", &doc()).unwrap(), "a b");
        assert_eq!(execute("names: {.items[-1:].metadata.name}", &doc()).unwrap(), "names: b");
        assert_eq!(execute("{.items[*].nope}", &doc()).unwrap(), "");
        assert!(execute_with("{.items[*].nope}", &doc(), false).is_err());
        assert!(execute("{range .items[*]}", &doc()).is_err());
    }

    #[test]
    fn escaped_dots_and_dict_keys() {
        let doc = serde_json::json!({"metadata": {"labels": {"app.kubernetes.io/name": "web", "app": "x"}}});
        assert_eq!(execute(r"{.metadata.labels.app\.kubernetes\.io/name}", &doc).unwrap(), "web");
        assert_eq!(execute(r"{.metadata.labels['app\.kubernetes\.io/name']}", &doc).unwrap(), "web");
        assert_eq!(execute("{.metadata.labels['app.kubernetes.io/name']}", &doc).unwrap(), "");
        assert_eq!(execute("{.metadata.labels['app']}", &doc).unwrap(), "x");
        assert_eq!(execute("{.metadata.labels[\"app\"]}", &doc).unwrap_err(), "error parsing jsonpath {.metadata.labels[\"app\"]}, invalid array index \"app\"");
    }
}
