//! kubectl's Go templates (`-o go-template=...`, `-o template=...`): a subset of Go's
//! text/template over the object as JSON, with kubectl's extra functions `exists` and
//! `base64decode`.
//!
//! Supported: text, `{{.a.b}}`, `{{$}}`, variables (`{{$x := .a}}`, `{{range $i, $e := .items}}`),
//! string/number/bool literals (`{{"\n"}}`), pipelines (`{{.a | printf "%q"}}`), parenthesised
//! sub-pipelines, `if`/`else if`/`else`, `range` (with `else`), `with`, `{{- ... -}}` trimming,
//! comments, and the functions `index`, `len`, `printf`, `print`, `println`, `eq`, `ne`, `lt`,
//! `le`, `gt`, `ge`, `and`, `or`, `not`, `exists`, `base64decode`. A missing key prints
//! `<no value>`, as kubectl's default `--allow-missing-template-keys=true` does.

use serde_json::Value;
use crate::order::SharedSort;

/// Why a template failed: at parse time (before any output) or while executing (after the
/// output so far).
#[derive(Debug, Clone, PartialEq)]
pub enum TemplateError {
    /// `template: output:LINE: MESSAGE`.
    Parse(String),
    /// `template: output:LINE:COL: executing "output" at <NODE>: MESSAGE`, and what was printed
    /// before the failure.
    Exec { message: String, partial: String },
}

#[derive(Debug, Clone, PartialEq)]
enum Arg {
    /// `.a.b` (empty chain: `.`).
    Field(Vec<String>),
    /// `$x.a.b` (`$` alone: the root).
    Variable(String, Vec<String>),
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Nil,
    /// A function name.
    Ident(String),
    /// `(pipeline).a.b`.
    Sub(Box<Pipeline>, Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
struct Command {
    args: Vec<Arg>,
    /// Byte offset of the node an error names, and its text.
    pos: usize,
    text: String,
}

#[derive(Debug, Clone, PartialEq)]
struct Pipeline {
    /// `$x :=` / `$i, $e :=`.
    decl: Vec<String>,
    commands: Vec<Command>,
}

#[derive(Debug, Clone, PartialEq)]
enum Node {
    Text(String),
    Action(Pipeline),
    If(Pipeline, Vec<Node>, Vec<Node>),
    Range(Pipeline, Vec<Node>, Vec<Node>),
    With(Pipeline, Vec<Node>, Vec<Node>),
}

const FUNCTIONS: &[&str] = &["index", "len", "printf", "print", "println", "eq", "ne", "lt", "le", "gt", "ge", "and", "or", "not", "exists", "base64decode"];

/// Renders `template` over `data`.
pub fn execute(template: &str, data: &Value) -> Result<String, TemplateError> {
    let nodes = parse(template).map_err(TemplateError::Parse)?;
    let mut state = State { source: template, out: String::new(), vars: vec![("$".to_string(), data.clone())] };
    match state.walk(&nodes, data) {
        Ok(()) => Ok(state.out),
        Err(message) => Err(TemplateError::Exec { message, partial: state.out }),
    }
}

/// Parses a template without running it (`template: output:LINE: MESSAGE`), as kubectl's
/// GoTemplatePrintFlags does before the command acts.
pub fn check(template: &str) -> Result<(), String> {
    parse(template).map(drop)
}

/// Go's `%v` of a value inside a composite (`<nil>` for null).
pub fn format_value(value: &Value) -> String {
    match value {
        Value::Null => "<nil>".to_string(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format_number(n),
        Value::Array(items) => format!("[{}]", items.iter().map(format_value).collect::<Vec<_>>().join(" ")),
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.shared_sort();
            format!("map[{}]", keys.iter().map(|k| format!("{k}:{}", format_value(&map[*k]))).collect::<Vec<_>>().join(" "))
        }
    }
}

fn format_number(n: &serde_json::Number) -> String {
    match (n.as_i64(), n.as_f64()) {
        (Some(i), _) => i.to_string(),
        (None, Some(f)) => format!("{f}"),
        _ => n.to_string(),
    }
}

/// What an action prints: `<no value>` for a missing key or null.
fn print_value(value: &Value) -> String {
    match value {
        Value::Null => "<no value>".to_string(),
        other => format_value(other),
    }
}

// ---------------------------------------------------------------- parsing

fn line_of(source: &str, pos: usize) -> usize {
    1 + source[..pos.min(source.len())].matches('\n').count()
}

fn parse(source: &str) -> Result<Vec<Node>, String> {
    // Frames: (keyword, pipeline, body, else body, in else).
    struct Frame {
        keyword: &'static str,
        pipeline: Option<Pipeline>,
        body: Vec<Node>,
        alternative: Vec<Node>,
        in_else: bool,
        /// `else if` chains close with the same `end`.
        chained: bool,
    }
    let mut stack: Vec<Frame> = vec![Frame { keyword: "", pipeline: None, body: Vec::new(), alternative: Vec::new(), in_else: false, chained: false }];
    let push = |stack: &mut Vec<Frame>, node: Node| {
        let frame = stack.last_mut().expect("the root frame stays");
        if frame.in_else {
            frame.alternative.push(node);
        } else {
            frame.body.push(node);
        }
    };
    let mut index = 0;
    let mut trim_next = false;
    while index < source.len() {
        let rest = &source[index..];
        let Some(open) = rest.find("{{") else {
            let mut text = rest.to_string();
            if trim_next {
                text = text.trim_start().to_string();
            }
            if !text.is_empty() {
                push(&mut stack, Node::Text(text));
            }
            break;
        };
        let mut text = rest[..open].to_string();
        if trim_next {
            text = text.trim_start().to_string();
        }
        let action_start = index + open;
        let mut inner_start = action_start + 2;
        let trim_left = source[inner_start..].starts_with("- ") || source[inner_start..].starts_with("-\n") || source[inner_start..].starts_with("-\t");
        if trim_left {
            text = text.trim_end().to_string();
            inner_start += 1;
        }
        if !text.is_empty() {
            push(&mut stack, Node::Text(text));
        }
        let Some(close) = find_action_end(source, inner_start) else {
            return Err(format!("template: output:{}: unclosed action", line_of(source, action_start)));
        };
        let mut inner_end = close;
        trim_next = false;
        if source[..close].ends_with(" -") || source[..close].ends_with("\n-") || source[..close].ends_with("\t-") {
            trim_next = true;
            inner_end = close - 1;
        }
        index = close + 2;
        let inner = &source[inner_start..inner_end];
        let trimmed = inner.trim();
        if trimmed.starts_with("/*") {
            if !trimmed.ends_with("*/") {
                return Err(format!("template: output:{}: unclosed comment", line_of(source, action_start)));
            }
            continue;
        }
        let line = line_of(source, action_start);
        let offset = inner_start + (inner.len() - inner.trim_start().len());
        let tokens = tokenize(trimmed, offset).map_err(|m| format!("template: output:{line}: {m}"))?;
        let keyword = match tokens.first() {
            Some(Token { kind: TokenKind::Ident(word), .. }) if ["if", "range", "with", "else", "end", "template", "define", "block", "break", "continue"].contains(&word.as_str()) => word.clone(),
            _ => String::new(),
        };
        match keyword.as_str() {
            "if" | "range" | "with" => {
                let pipeline = parse_pipeline(&tokens[1..], source, line)?;
                let keyword: &'static str = match keyword.as_str() {
                    "if" => "if",
                    "range" => "range",
                    _ => "with",
                };
                stack.push(Frame { keyword, pipeline: Some(pipeline), body: Vec::new(), alternative: Vec::new(), in_else: false, chained: false });
            }
            "else" => {
                let frame = stack.last_mut().expect("the root frame stays");
                if frame.keyword.is_empty() || frame.in_else {
                    return Err(format!("template: output:{line}: unexpected {{{{else}}}}"));
                }
                frame.in_else = true;
                if tokens.len() > 1 {
                    // `else if PIPELINE` / `else with PIPELINE`: a nested frame closed by the same end.
                    let keyword: &'static str = match &tokens[1].kind {
                        TokenKind::Ident(w) if w == "if" => "if",
                        TokenKind::Ident(w) if w == "with" => "with",
                        _ => return Err(format!("template: output:{line}: unexpected {} in else", tokens[1].text)),
                    };
                    let pipeline = parse_pipeline(&tokens[2..], source, line)?;
                    stack.push(Frame { keyword, pipeline: Some(pipeline), body: Vec::new(), alternative: Vec::new(), in_else: false, chained: true });
                }
            }
            "end" => loop {
                if stack.len() == 1 {
                    return Err(format!("template: output:{line}: unexpected {{{{end}}}}"));
                }
                let frame = stack.pop().expect("more than the root");
                let pipeline = frame.pipeline.expect("non-root frames have a pipeline");
                let node = match frame.keyword {
                    "if" => Node::If(pipeline, frame.body, frame.alternative),
                    "range" => Node::Range(pipeline, frame.body, frame.alternative),
                    _ => Node::With(pipeline, frame.body, frame.alternative),
                };
                push(&mut stack, node);
                if !frame.chained {
                    break;
                }
            },
            "template" | "define" | "block" | "break" | "continue" => {
                return Err(format!("template: output:{line}: kubeplay does not support {{{{{keyword}}}}} in templates"));
            }
            _ => {
                let pipeline = parse_pipeline(&tokens, source, line)?;
                push(&mut stack, Node::Action(pipeline));
            }
        }
    }
    if stack.len() > 1 {
        return Err(format!("template: output:{}: unexpected EOF", line_of(source, source.len())));
    }
    Ok(stack.pop().expect("the root frame").body)
}

/// The `}}` that closes the action starting at `from`, skipping quoted strings.
fn find_action_end(source: &str, from: usize) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut i = from;
    while i + 1 < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'`' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'`' {
                    i += 1;
                }
            }
            b'}' if bytes[i + 1] == b'}' => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

#[derive(Debug, Clone, PartialEq)]
enum TokenKind {
    /// `.a.b` as its parts (empty: `.`).
    Field(Vec<String>),
    Variable(String, Vec<String>),
    Str(String),
    Number(String),
    Ident(String),
    Open,
    Close(Vec<String>),
    Pipe,
    Declare,
    Comma,
}

#[derive(Debug, Clone, PartialEq)]
struct Token {
    kind: TokenKind,
    pos: usize,
    text: String,
}

fn tokenize(text: &str, offset: usize) -> Result<Vec<Token>, String> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    let fields_at = |i: &mut usize| -> Vec<String> {
        let mut parts = Vec::new();
        while *i < chars.len() && chars[*i].1 == '.' && chars.get(*i + 1).is_some_and(|(_, c)| c.is_alphanumeric() || *c == '_') {
            *i += 1;
            let start = *i;
            while *i < chars.len() && (chars[*i].1.is_alphanumeric() || chars[*i].1 == '_') {
                *i += 1;
            }
            parts.push(chars[start..*i].iter().map(|(_, c)| c).collect());
        }
        parts
    };
    while i < chars.len() {
        let (at, c) = chars[i];
        let start = i;
        let kind = match c {
            c if c.is_whitespace() => {
                i += 1;
                continue;
            }
            '.' => {
                let parts = fields_at(&mut i);
                if parts.is_empty() {
                    i += 1;
                }
                TokenKind::Field(parts)
            }
            '$' => {
                i += 1;
                let name_start = i;
                while i < chars.len() && (chars[i].1.is_alphanumeric() || chars[i].1 == '_') {
                    i += 1;
                }
                let name: String = std::iter::once('$').chain(chars[name_start..i].iter().map(|(_, c)| *c)).collect();
                TokenKind::Variable(name, fields_at(&mut i))
            }
            '"' => {
                i += 1;
                let mut value = String::new();
                loop {
                    let Some(&(_, ch)) = chars.get(i) else { return Err("unterminated quoted string".into()) };
                    i += 1;
                    match ch {
                        '"' => break,
                        '\\' => {
                            let Some(&(_, escaped)) = chars.get(i) else { return Err("unterminated quoted string".into()) };
                            i += 1;
                            value.push(match escaped {
                                'n' => '\n',
                                't' => '\t',
                                'r' => '\r',
                                '0' => '\0',
                                other => other,
                            });
                        }
                        other => value.push(other),
                    }
                }
                TokenKind::Str(value)
            }
            '`' => {
                i += 1;
                let begin = i;
                while i < chars.len() && chars[i].1 != '`' {
                    i += 1;
                }
                if i >= chars.len() {
                    return Err("unterminated raw quoted string".into());
                }
                let value: String = chars[begin..i].iter().map(|(_, c)| c).collect();
                i += 1;
                TokenKind::Str(value)
            }
            '(' => {
                i += 1;
                TokenKind::Open
            }
            ')' => {
                i += 1;
                TokenKind::Close(fields_at(&mut i))
            }
            '|' => {
                i += 1;
                TokenKind::Pipe
            }
            ',' => {
                i += 1;
                TokenKind::Comma
            }
            ':' if chars.get(i + 1).map(|(_, c)| *c) == Some('=') => {
                i += 2;
                TokenKind::Declare
            }
            '=' => {
                i += 1;
                TokenKind::Declare
            }
            c if c.is_ascii_digit() || c == '-' || c == '+' => {
                i += 1;
                while i < chars.len() && (chars[i].1.is_ascii_alphanumeric() || chars[i].1 == '.' || chars[i].1 == '_') {
                    i += 1;
                }
                TokenKind::Number(chars[start..i].iter().map(|(_, c)| c).collect())
            }
            c if c.is_alphabetic() || c == '_' => {
                while i < chars.len() && (chars[i].1.is_alphanumeric() || chars[i].1 == '_') {
                    i += 1;
                }
                TokenKind::Ident(chars[start..i].iter().map(|(_, c)| c).collect())
            }
            other => return Err(format!("unexpected \"{other}\" in command")),
        };
        let end = chars.get(i).map(|(p, _)| *p).unwrap_or(text.len());
        tokens.push(Token { kind, pos: offset + at, text: text[at..end].to_string() });
    }
    Ok(tokens)
}

fn parse_pipeline(tokens: &[Token], source: &str, line: usize) -> Result<Pipeline, String> {
    let mut index = 0;
    let pipeline = parse_pipeline_at(tokens, &mut index, source, line, false)?;
    if index < tokens.len() {
        return Err(format!("template: output:{line}: unexpected \"{}\" in operand", tokens[index].text));
    }
    Ok(pipeline)
}

fn parse_pipeline_at(tokens: &[Token], index: &mut usize, source: &str, line: usize, nested: bool) -> Result<Pipeline, String> {
    let mut decl = Vec::new();
    // `$x :=` or `$i, $e :=`.
    let lookahead: Vec<&TokenKind> = tokens[*index..].iter().take(4).map(|t| &t.kind).collect();
    match lookahead.as_slice() {
        [TokenKind::Variable(a, fa), TokenKind::Declare, ..] if fa.is_empty() => {
            decl.push(a.clone());
            *index += 2;
        }
        [TokenKind::Variable(a, fa), TokenKind::Comma, TokenKind::Variable(b, fb), TokenKind::Declare] if fa.is_empty() && fb.is_empty() => {
            decl.push(a.clone());
            decl.push(b.clone());
            *index += 4;
        }
        _ => {}
    }
    let mut commands = Vec::new();
    let mut current: Vec<Arg> = Vec::new();
    let mut start_pos = tokens.get(*index).map(|t| t.pos).unwrap_or(0);
    let finish = |current: &mut Vec<Arg>, commands: &mut Vec<Command>, start_pos: usize, end_pos: usize| -> Result<(), String> {
        if current.is_empty() {
            return Err(format!("template: output:{line}: missing value for command"));
        }
        let args = std::mem::take(current);
        // Errors about a lone field name the field's second part (Go's ChainNode position).
        let text = source[start_pos..end_pos.min(source.len())].trim().to_string();
        commands.push(Command { args, pos: start_pos, text });
        Ok(())
    };
    let mut end_pos = start_pos;
    while *index < tokens.len() {
        let token = &tokens[*index];
        match &token.kind {
            TokenKind::Pipe => {
                finish(&mut current, &mut commands, start_pos, end_pos)?;
                *index += 1;
                start_pos = tokens.get(*index).map(|t| t.pos).unwrap_or(end_pos);
                continue;
            }
            TokenKind::Close(fields) if nested => {
                let _ = fields;
                break;
            }
            TokenKind::Close(_) => return Err(format!("template: output:{line}: unexpected right paren")),
            TokenKind::Open => {
                *index += 1;
                let sub = parse_pipeline_at(tokens, index, source, line, true)?;
                let Some(Token { kind: TokenKind::Close(fields), pos, text }) = tokens.get(*index) else {
                    return Err(format!("template: output:{line}: unclosed left paren"));
                };
                current.push(Arg::Sub(Box::new(sub), fields.clone()));
                end_pos = pos + text.len();
                *index += 1;
                continue;
            }
            TokenKind::Field(parts) => current.push(Arg::Field(parts.clone())),
            TokenKind::Variable(name, parts) => current.push(Arg::Variable(name.clone(), parts.clone())),
            TokenKind::Str(value) => current.push(Arg::Str(value.clone())),
            TokenKind::Number(text) => {
                if let Ok(n) = text.parse::<i64>() {
                    current.push(Arg::Int(n));
                } else if let Ok(f) = text.parse::<f64>() {
                    current.push(Arg::Float(f));
                } else {
                    return Err(format!("template: output:{line}: bad number syntax: \"{text}\""));
                }
            }
            TokenKind::Ident(word) => match word.as_str() {
                "true" => current.push(Arg::Bool(true)),
                "false" => current.push(Arg::Bool(false)),
                "nil" => current.push(Arg::Nil),
                name if FUNCTIONS.contains(&name) => current.push(Arg::Ident(name.to_string())),
                name => return Err(format!("template: output:{line}: function \"{name}\" not defined")),
            },
            TokenKind::Declare | TokenKind::Comma => return Err(format!("template: output:{line}: unexpected \"{}\" in operand", token.text)),
        }
        end_pos = token.pos + token.text.len();
        *index += 1;
    }
    finish(&mut current, &mut commands, start_pos, end_pos)?;
    Ok(Pipeline { decl, commands })
}

// ---------------------------------------------------------------- execution

struct State<'a> {
    source: &'a str,
    out: String,
    vars: Vec<(String, Value)>,
}

impl State<'_> {
    fn error_at(&self, pos: usize, text: &str, message: &str) -> String {
        let before = &self.source[..pos.min(self.source.len())];
        let line = 1 + before.matches('\n').count();
        let col = before.rfind('\n').map(|n| pos - n - 1).unwrap_or(pos);
        format!("template: output:{line}:{col}: executing \"output\" at <{text}>: {message}")
    }

    fn walk(&mut self, nodes: &[Node], dot: &Value) -> Result<(), String> {
        for node in nodes {
            match node {
                Node::Text(text) => self.out.push_str(text),
                Node::Action(pipeline) => {
                    let value = self.pipeline(pipeline, dot)?;
                    if pipeline.decl.is_empty() {
                        self.out.push_str(&print_value(&value));
                    }
                }
                Node::If(pipeline, body, alternative) => {
                    let mark = self.vars.len();
                    let value = self.pipeline(pipeline, dot)?;
                    let result = if truth(&value) { self.walk(body, dot) } else { self.walk(alternative, dot) };
                    self.vars.truncate(mark);
                    result?;
                }
                Node::With(pipeline, body, alternative) => {
                    let mark = self.vars.len();
                    let value = self.pipeline(pipeline, dot)?;
                    let result = if truth(&value) { self.walk(body, &value) } else { self.walk(alternative, dot) };
                    self.vars.truncate(mark);
                    result?;
                }
                Node::Range(pipeline, body, alternative) => {
                    let mark = self.vars.len();
                    let bare = Pipeline { decl: Vec::new(), commands: pipeline.commands.clone() };
                    let value = self.pipeline(&bare, dot)?;
                    let items: Vec<(Value, Value)> = match &value {
                        Value::Array(items) => items.iter().enumerate().map(|(i, v)| (Value::from(i as i64), v.clone())).collect(),
                        Value::Object(map) => {
                            let mut keys: Vec<&String> = map.keys().collect();
                            keys.shared_sort();
                            keys.into_iter().map(|k| (Value::String(k.clone()), map[k].clone())).collect()
                        }
                        Value::Null => Vec::new(),
                        other => {
                            let command = &pipeline.commands[0];
                            return Err(self.error_at(command.pos, &command.text, &format!("range can't iterate over {}", print_value(other))));
                        }
                    };
                    if items.is_empty() {
                        self.walk(alternative, dot)?;
                    }
                    for (key, item) in items {
                        match pipeline.decl.as_slice() {
                            [element] => self.vars.push((element.clone(), item.clone())),
                            [index, element] => {
                                self.vars.push((index.clone(), key));
                                self.vars.push((element.clone(), item.clone()));
                            }
                            _ => {}
                        }
                        let result = self.walk(body, &item);
                        self.vars.truncate(mark);
                        result?;
                    }
                }
            }
        }
        Ok(())
    }

    fn pipeline(&mut self, pipeline: &Pipeline, dot: &Value) -> Result<Value, String> {
        let mut value: Option<Value> = None;
        for command in &pipeline.commands {
            value = Some(self.command(command, dot, value)?);
        }
        let value = value.unwrap_or(Value::Null);
        if let Some(name) = pipeline.decl.first() {
            self.vars.push((name.clone(), value.clone()));
        }
        Ok(value)
    }

    fn variable(&self, name: &str, command: &Command) -> Result<Value, String> {
        match self.vars.iter().rev().find(|(n, _)| n == name) {
            Some((_, value)) => Ok(value.clone()),
            None => Err(self.error_at(command.pos, &command.text, &format!("undefined variable: {name}"))),
        }
    }

    fn fields(&self, mut value: Value, fields: &[String], command: &Command) -> Result<Value, String> {
        for field in fields {
            value = match value {
                Value::Object(mut map) => map.remove(field).unwrap_or(Value::Null),
                Value::Null => Value::Null,
                _ => {
                    // Go names the chain node, positioned at its second field.
                    let pos = if fields.len() > 1 { command.text.find(&format!(".{}", fields[1])).map(|p| command.pos + p).unwrap_or(command.pos) } else { command.pos };
                    return Err(self.error_at(pos, &command.text, &format!("can't evaluate field {field} in type interface {{}}")));
                }
            };
        }
        Ok(value)
    }

    fn operand(&mut self, arg: &Arg, dot: &Value, command: &Command) -> Result<Value, String> {
        Ok(match arg {
            Arg::Field(parts) => self.fields(dot.clone(), parts, command)?,
            Arg::Variable(name, parts) => {
                let value = self.variable(name, command)?;
                self.fields(value, parts, command)?
            }
            Arg::Str(s) => Value::String(s.clone()),
            Arg::Int(n) => Value::from(*n),
            Arg::Float(f) => serde_json::Number::from_f64(*f).map(Value::Number).unwrap_or(Value::Null),
            Arg::Bool(b) => Value::Bool(*b),
            Arg::Nil => return Err(self.error_at(command.pos, &command.text, "nil is not a command")),
            Arg::Ident(name) => self.call(name, &[], command)?,
            Arg::Sub(pipeline, fields) => {
                let value = self.pipeline(pipeline, dot)?;
                self.fields(value, fields, command)?
            }
        })
    }

    fn command(&mut self, command: &Command, dot: &Value, piped: Option<Value>) -> Result<Value, String> {
        match &command.args[0] {
            Arg::Ident(name) => {
                let mut values = Vec::new();
                for arg in &command.args[1..] {
                    values.push(self.operand(arg, dot, command)?);
                }
                if let Some(value) = piped {
                    values.push(value);
                }
                self.call(name, &values, command)
            }
            first => {
                if command.args.len() > 1 || piped.is_some() {
                    return Err(self.error_at(command.pos, &command.text, &format!("can't give argument to non-function {}", command.text.split_whitespace().next().unwrap_or(""))));
                }
                self.operand(first, dot, command)
            }
        }
    }

    fn call(&mut self, name: &str, args: &[Value], command: &Command) -> Result<Value, String> {
        let fail = |state: &Self, message: String| Err(state.error_at(command.pos, &command.text, &message));
        let want = |n: usize| -> Option<String> { (args.len() != n).then(|| format!("wrong number of args for {name}: want {n} got {}", args.len())) };
        match name {
            "index" => {
                let Some(first) = args.first() else { return fail(self, "wrong number of args for index: want at least 1 got 0".into()) };
                let mut value = first.clone();
                for key in &args[1..] {
                    value = match (&value, key) {
                        (Value::Object(map), Value::String(k)) => map.get(k).cloned().unwrap_or(Value::Null),
                        (Value::Object(_), other) => return fail(self, format!("error calling index: value has type {}; should be string", go_type(other))),
                        (Value::Array(items), Value::Number(n)) => match n.as_i64() {
                            Some(i) if i >= 0 && (i as usize) < items.len() => items[i as usize].clone(),
                            _ => return fail(self, format!("error calling index: index out of range: {n}")),
                        },
                        (Value::Array(_), other) => return fail(self, format!("error calling index: cannot index slice/array with type {}", go_type(other))),
                        (Value::Null, _) => return fail(self, "error calling index: index of untyped nil".into()),
                        (other, _) => return fail(self, format!("error calling index: can't index item of type {}", go_type(other))),
                    };
                }
                Ok(value)
            }
            "len" => {
                if let Some(message) = want(1) {
                    return fail(self, message);
                }
                match &args[0] {
                    Value::String(s) => Ok(Value::from(s.len() as i64)),
                    Value::Array(items) => Ok(Value::from(items.len() as i64)),
                    Value::Object(map) => Ok(Value::from(map.len() as i64)),
                    Value::Null => fail(self, "error calling len: len of nil pointer".into()),
                    other => fail(self, format!("error calling len: len of type {}", go_type(other))),
                }
            }
            "printf" => {
                let Some(Value::String(format)) = args.first() else { return fail(self, "wrong type for value; expected string".into()) };
                Ok(Value::String(sprintf(format, &args[1..])))
            }
            "print" => {
                let mut out = String::new();
                for (i, arg) in args.iter().enumerate() {
                    if i > 0 && !matches!(arg, Value::String(_)) && !matches!(args[i - 1], Value::String(_)) {
                        out.push(' ');
                    }
                    out.push_str(&format_value(arg));
                }
                Ok(Value::String(out))
            }
            "println" => Ok(Value::String(format!("{}\n", args.iter().map(format_value).collect::<Vec<_>>().join(" ")))),
            "eq" | "ne" | "lt" | "le" | "gt" | "ge" => {
                if args.len() < 2 {
                    return fail(self, format!("error calling {name}: missing argument for comparison"));
                }
                let ordering = |a: &Value, b: &Value| -> Result<std::cmp::Ordering, String> {
                    match (a, b) {
                        (Value::Number(x), Value::Number(y)) => Ok(x.as_f64().unwrap_or(0.0).partial_cmp(&y.as_f64().unwrap_or(0.0)).unwrap_or(std::cmp::Ordering::Equal)),
                        (Value::String(x), Value::String(y)) => Ok(x.cmp(y)),
                        (Value::Bool(x), Value::Bool(y)) if name == "eq" || name == "ne" => Ok(x.cmp(y)),
                        (Value::Null, _) | (_, Value::Null) if name == "eq" || name == "ne" => Ok(if a == b { std::cmp::Ordering::Equal } else { std::cmp::Ordering::Less }),
                        _ => Err(format!("error calling {name}: incompatible types for comparison")),
                    }
                };
                let result = if name == "eq" {
                    let mut any = false;
                    for other in &args[1..] {
                        match ordering(&args[0], other) {
                            Ok(std::cmp::Ordering::Equal) => any = true,
                            Ok(_) => {}
                            Err(message) => return fail(self, message),
                        }
                    }
                    any
                } else {
                    let ord = match ordering(&args[0], &args[1]) {
                        Ok(ord) => ord,
                        Err(message) => return fail(self, message),
                    };
                    match name {
                        "ne" => ord != std::cmp::Ordering::Equal,
                        "lt" => ord == std::cmp::Ordering::Less,
                        "le" => ord != std::cmp::Ordering::Greater,
                        "gt" => ord == std::cmp::Ordering::Greater,
                        _ => ord != std::cmp::Ordering::Less,
                    }
                };
                Ok(Value::Bool(result))
            }
            "and" => Ok(args.iter().find(|a| !truth(a)).or(args.last()).cloned().unwrap_or(Value::Null)),
            "or" => Ok(args.iter().find(|a| truth(a)).or(args.last()).cloned().unwrap_or(Value::Null)),
            "not" => {
                if let Some(message) = want(1) {
                    return fail(self, message);
                }
                Ok(Value::Bool(!truth(&args[0])))
            }
            "exists" => {
                let Some(first) = args.first() else { return Ok(Value::Bool(false)) };
                let mut value = first.clone();
                for key in &args[1..] {
                    value = match (&value, key) {
                        (Value::Object(map), Value::String(k)) if map.contains_key(k) => map[k].clone(),
                        (Value::Array(items), Value::Number(n)) if n.as_u64().is_some_and(|i| (i as usize) < items.len()) => items[n.as_u64().unwrap_or(0) as usize].clone(),
                        _ => return Ok(Value::Bool(false)),
                    };
                }
                Ok(Value::Bool(true))
            }
            "base64decode" => {
                if let Some(message) = want(1) {
                    return fail(self, message);
                }
                let text = format_value(&args[0]);
                match crate::engine::base64::decode(&text) {
                    Some(bytes) => Ok(Value::String(String::from_utf8_lossy(&bytes).into_owned())),
                    None => fail(self, "error calling base64decode: base64 decode failed: illegal base64 data at input byte 0".into()),
                }
            }
            other => fail(self, format!("function \"{other}\" not defined")),
        }
    }
}

/// Go's `template.IsTrue`.
fn truth(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(items) => !items.is_empty(),
        Value::Object(map) => !map.is_empty(),
    }
}

fn go_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "nil",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_i64() || n.is_u64() => "int",
        Value::Number(_) => "float64",
        Value::String(_) => "string",
        Value::Array(_) => "[]interface {}",
        Value::Object(_) => "map[string]interface {}",
    }
}

/// Go's `fmt.Sprintf` for `%s`, `%d`, `%v`, `%q`, `%t`, `%f` and `%%`, with an optional width.
fn sprintf(format: &str, args: &[Value]) -> String {
    let mut out = String::new();
    let mut args = args.iter();
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut flags = String::new();
        while let Some(&f) = chars.peek() {
            if f == '-' || f.is_ascii_digit() || f == '.' {
                flags.push(f);
                chars.next();
            } else {
                break;
            }
        }
        let Some(verb) = chars.next() else {
            out.push_str("%!(NOVERB)");
            break;
        };
        if verb == '%' {
            out.push('%');
            continue;
        }
        let Some(arg) = args.next() else {
            out.push_str(&format!("%!{verb}(MISSING)"));
            continue;
        };
        let text = match verb {
            'q' => match arg {
                Value::String(s) => serde_json::to_string(s).unwrap_or_default(),
                other => format_value(other),
            },
            'd' if !matches!(arg, Value::Number(_)) => format!("%!d({}={})", go_type(arg), format_value(arg)),
            'f' => match arg.as_f64() {
                Some(f) => format!("{:.*}", flags.split_once('.').and_then(|(_, p)| p.parse().ok()).unwrap_or(6), f),
                None => format!("%!f({}={})", go_type(arg), format_value(arg)),
            },
            _ => format_value(arg),
        };
        let width: usize = flags.trim_start_matches('-').split('.').next().and_then(|w| w.parse().ok()).unwrap_or(0);
        if flags.starts_with('-') {
            out.push_str(&format!("{text:<width$}"));
        } else {
            out.push_str(&format!("{text:>width$}"));
        }
    }
    let extra: Vec<&Value> = args.collect();
    if !extra.is_empty() {
        out.push_str(&format!("%!(EXTRA {})", extra.iter().map(|v| format!("{}={}", go_type(v), format_value(v))).collect::<Vec<_>>().join(", ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(template: &str, expected: &str) {
        let data = serde_json::json!({
            "kind": "ConfigMap",
            "metadata": {"name": "c", "creationTimestamp": null},
            "data": {"a": "1", "b": "xyz"},
            "items": [{"metadata": {"name": "one"}}, {"metadata": {"name": "two"}}],
            "n": 3
        });
        assert_eq!(execute(template, &data), Ok(expected.to_string()), "{template}");
    }

    fn check_error(template: &str, expected: &str) {
        let data = serde_json::json!({"kind": "ConfigMap", "data": {"a": "1"}});
        let message = match execute(template, &data) {
            Err(TemplateError::Parse(m)) | Err(TemplateError::Exec { message: m, .. }) => m,
            Ok(text) => panic!("{template} printed {text}"),
        };
        assert_eq!(message, expected);
    }

    #[test]
    fn renders_what_go_renders() {
        // Each expectation was printed by kubectl 1.32 for the same data.
        check("{{.metadata.name}}", "c");
        check("{{.metadata}}|{{.data}}|{{.missing}}|{{.metadata.missing}}|{{.nope.deeper}}", "map[creationTimestamp:<nil> name:c]|map[a:1 b:xyz]|<no value>|<no value>|<no value>");
        check("{{.metadata.creationTimestamp}}", "<no value>");
        check("{{index .data \"a\"}}|{{len .data}}|{{index .data \"zz\"}}", "1|2|<no value>");
        check("{{range .items}}{{.metadata.name}}{{\"\\n\"}}{{end}}", "one\ntwo\n");
        check("{{range $k, $v := .data}}{{$k}}={{$v}};{{end}}", "a=1;b=xyz;");
        check("{{range .data}}{{.}},{{end}}|{{range $i, $e := .data}}{{$i}}{{end}}", "1,xyz,|ab");
        check("{{printf \"%s-%d\\n\" .metadata.name 3}}", "c-3\n");
        check("{{if eq .kind \"ConfigMap\"}}yes{{else}}no{{end}}", "yes");
        check("{{with .data}}{{.a}}{{end}}|{{with .nope}}x{{else}}none{{end}}|{{if and .data .kind}}both{{end}}", "1|none|both");
        check("{{if not .nope}}notnope{{end}}|{{or .nope \"dflt\"}}|{{.data.a | printf \"%q\"}}", "notnope|dflt|\"1\"");
        check("{{println \"x\" 1}}|{{print \"a\" \"b\" 1 2}}|{{len .kind}}|{{$x := .kind}}{{$x}}", "x 1\n|ab1 2|9|ConfigMap");
        check("{{ne 1 2}}|{{eq .data.a \"1\" \"2\"}}|{{lt 1 2}}", "true|true|true");
        check("{{/* comment */}}x{{- /* c2 */ -}} y{{range .nope}}a{{else}}empty{{end}}", "xyempty");
        check("{{.data.a}} {{ .kind }} {{- \" x\" }}", "1 ConfigMap x");
        check("{{base64decode \"aGk=\"}}|{{exists . \"data\" \"a\"}}", "hi|true");
        check("{{if .nope}}a{{else if .kind}}b{{else}}c{{end}}", "b");
        check("{{range $i, $e := .items}}{{$i}}:{{$e.metadata.name}} {{end}}{{$.n}}", "0:one 1:two 3");
    }

    #[test]
    fn errors_are_gos() {
        check_error("{{.data.a", "template: output:1: unclosed action");
        check_error("{{foo}}", "template: output:1: function \"foo\" not defined");
        check_error("{{end}}", "template: output:1: unexpected {{end}}");
        check_error("{{if .kind}}", "template: output:1: unexpected EOF");
        check_error("{{.kind.x}}", "template: output:1:7: executing \"output\" at <.kind.x>: can't evaluate field x in type interface {}");
        check_error("{{.data.a.b}}", "template: output:1:7: executing \"output\" at <.data.a.b>: can't evaluate field b in type interface {}");
        check_error("ab{{index .data 1}}", "template: output:1:4: executing \"output\" at <index .data 1>: error calling index: value has type int; should be string");
    }
}
