//! Here-documents in a container shell's script (`cat <<EOF > /usr/share/nginx/html/index.html`
//! ... `EOF`): their lines taken out of the script before it is split into commands, as the
//! shell's lexer reads them after the line with the operator. Each `<<[-]WORD` outside quotes
//! becomes `<<` followed by [`REF`] and the body's index, which the redirection lexer
//! (`shell_redirect`) turns into the command's stdin.

/// One here-document: its lines, and whether the shell expands `$NAME` and `$(...)` in them
/// (the word after `<<` was not quoted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HereDoc {
    pub body: String,
    pub expand: bool,
}

/// Marks an operator whose body was taken out: `<<` REF INDEX.
pub const REF: char = '\u{0}';

/// `script` without its here-documents' lines, each operator pointing at the body appended to
/// `bodies`. A body the script ends before its delimiter keeps the lines there are (bash
/// warns and does the same; busybox ash does too).
pub fn extract(script: &str, bodies: &mut Vec<HereDoc>) -> String {
    let lines: Vec<&str> = script.split_inclusive('\n').collect();
    let mut out = String::with_capacity(script.len());
    let mut quote: Option<char> = None;
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        index += 1;
        let chars: Vec<char> = line.chars().collect();
        // The operators of this line, waiting for the lines after it: (body index, delimiter, `<<-`).
        let mut pending: Vec<(usize, String, bool)> = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            match quote {
                Some(q) if c == q => quote = None,
                Some('"') if c == '\\' && i + 1 < chars.len() => {
                    out.push(c);
                    i += 1;
                    out.push(chars[i]);
                    i += 1;
                    continue;
                }
                Some(_) => {}
                None if c == '\\' && i + 1 < chars.len() => {
                    out.push(c);
                    i += 1;
                    out.push(chars[i]);
                    i += 1;
                    continue;
                }
                None if c == '\'' || c == '"' => quote = Some(c),
                None if c == '#' && (i == 0 || chars[i - 1].is_whitespace()) => {
                    out.extend(&chars[i..]);
                    break;
                }
                None if c == '<' && chars.get(i + 1) == Some(&'<') && chars.get(i + 2) != Some(&'<') && chars.get(i + 2) != Some(&REF) => {
                    let mut j = i + 2;
                    let strip_tabs = chars.get(j) == Some(&'-');
                    if strip_tabs {
                        j += 1;
                    }
                    while chars.get(j).is_some_and(|c| *c == ' ' || *c == '\t') {
                        j += 1;
                    }
                    let start = j;
                    while chars.get(j).is_some_and(|c| !c.is_whitespace() && !";&|<>()".contains(*c)) {
                        j += 1;
                    }
                    let word: String = chars[start..j].iter().collect();
                    if word.is_empty() {
                        // No delimiter: left for the lexer's syntax error.
                        out.push(c);
                        i += 1;
                        continue;
                    }
                    let delimiter: String = word.chars().filter(|c| !matches!(c, '\'' | '"' | '\\')).collect();
                    bodies.push(HereDoc { body: String::new(), expand: !word.contains(['\'', '"', '\\']) });
                    pending.push((bodies.len() - 1, delimiter, strip_tabs));
                    out.push_str(&format!("<<{REF}{}", bodies.len() - 1));
                    i = j;
                    continue;
                }
                None => {}
            }
            out.push(c);
            i += 1;
        }
        for (body_index, delimiter, strip_tabs) in pending {
            let mut body = String::new();
            while index < lines.len() {
                let raw = lines[index];
                index += 1;
                let text = raw.strip_suffix('\n').unwrap_or(raw);
                let text = if strip_tabs { text.trim_start_matches('\t') } else { text };
                if text == delimiter {
                    break;
                }
                body.push_str(text);
                body.push('\n');
            }
            bodies[body_index].body = body;
        }
    }
    out
}

/// Whether `text` still waits for lines: a here-document without its delimiter, or an open
/// quote (a shell reading a terminal prompts `> ` for more).
pub fn incomplete(text: &str) -> bool {
    // A sentinel line after the text: a body that took it in met no delimiter.
    let mut bodies = Vec::new();
    let rest = extract(&format!("{text}\n\u{1}"), &mut bodies);
    open_quote(&rest) || bodies.iter().any(|doc| doc.body.ends_with("\u{1}\n"))
}

/// Where the first here-document operator (`<<`, not `<<<`) outside quotes and comments is in
/// `line`, as a byte offset.
pub fn operator_at(line: &str) -> Option<usize> {
    let mut bodies = Vec::new();
    let marked = extract(line, &mut bodies);
    let at = marked.find(&format!("<<{REF}"))?;
    // Before the first operator `extract` changed nothing, so the offset is the line's.
    Some(at)
}

/// Whether a quote opened in `text` is still open at its end.
pub fn open_quote(text: &str) -> bool {
    let mut quote: Option<char> = None;
    let mut chars = text.chars().peekable();
    let mut previous = '\n';
    while let Some(c) = chars.next() {
        let before = std::mem::replace(&mut previous, c);
        match quote {
            // A comment runs to the end of its line; its quotes are words.
            None if c == '#' && before.is_whitespace() => {
                while chars.peek().is_some_and(|next| *next != '\n') {
                    chars.next();
                }
            }
            Some(q) if c == q => quote = None,
            Some('"') if c == '\\' => {
                chars.next();
            }
            Some(_) => {}
            None if c == '\\' => {
                chars.next();
            }
            None if c == '\'' || c == '"' => quote = Some(c),
            None => {}
        }
    }
    quote.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_taken_out_after_their_line() {
        let mut bodies = Vec::new();
        let script = "cat <<EOF > /tmp/a\nhello $HOSTNAME\nEOF\ncat <<-'END' | wc -l\n\tone\n\ttwo\n\tEND\necho '<<' \"a << b\" # <<x\n";
        let rest = extract(script, &mut bodies);
        assert_eq!(rest, "cat <<\u{0}0 > /tmp/a\ncat <<\u{0}1 | wc -l\necho '<<' \"a << b\" # <<x\n");
        assert_eq!(bodies, vec![HereDoc { body: "hello $HOSTNAME\n".into(), expand: true }, HereDoc { body: "one\ntwo\n".into(), expand: false }]);
        // Taken out once: a second pass changes nothing.
        assert_eq!(extract(&rest, &mut bodies), rest);
        assert_eq!(bodies.len(), 2);
    }

    #[test]
    fn a_script_waits_for_its_delimiter_and_closing_quotes() {
        assert!(incomplete("cat <<EOF > /tmp/a"));
        assert!(incomplete("cat <<EOF > /tmp/a\nhello"));
        assert!(!incomplete("cat <<EOF > /tmp/a\nhello\nEOF"));
        assert!(incomplete("echo 'one"));
        assert!(!incomplete("echo 'one\ntwo'"));
        assert!(!incomplete("echo '<<EOF'"));
        assert!(!incomplete("kubectl get pods # it's running"));
        assert!(incomplete("kubectl get pods # it's running\necho 'a"));
    }
}
