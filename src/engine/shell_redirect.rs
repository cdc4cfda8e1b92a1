//! Redirections in a container shell's command: `> FILE`, `>> FILE`, `2> FILE`, `2>&1`, `>&2`,
//! `&> FILE`, `< FILE`, taken out of the command's text before its words are expanded, as a
//! shell's lexer reads them: only outside quotes and `$(...)`, glued to a word or not
//! (`echo hi>f`, `2>/dev/null`), a lone digit before the operator naming the descriptor.

/// One redirection, in the order written (bash applies them left to right).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Redirect {
    /// `N> FILE` (`append`: `N>>`); `&>` is stdout then `2>&1`.
    To { fd: u8, target: String, append: bool },
    /// `N>&M`: descriptor N becomes a copy of M.
    Dup { fd: u8, to: u8 },
    /// `< FILE`.
    From { target: String },
    /// `<<WORD`: the here-document `shell_heredoc::extract` took out, by index.
    Here { index: usize },
}

/// Splits `stage` into the command's text (words as written, quotes kept, for expansion) and
/// its redirections (targets as written, still to expand). Err: the shell's syntax error for an
/// operator with no word after it.
pub fn take(stage: &str) -> Result<(String, Vec<Redirect>), String> {
    let chars: Vec<char> = stage.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut redirects = Vec::new();
    let mut current = String::new();
    // An operator waiting for its target word: (fd, append, is input).
    let mut pending: Option<(u8, bool, bool)> = None;
    let mut quote: Option<char> = None;
    let mut depth = 0usize;
    let mut i = 0;
    let finish = |current: &mut String, words: &mut Vec<String>, pending: &mut Option<(u8, bool, bool)>, redirects: &mut Vec<Redirect>| {
        if current.is_empty() {
            return;
        }
        let word = std::mem::take(current);
        match pending.take() {
            Some((_, _, true)) => redirects.push(Redirect::From { target: word }),
            Some((fd, append, false)) => redirects.push(Redirect::To { fd, target: word, append }),
            None => words.push(word),
        }
    };
    while i < chars.len() {
        let c = chars[i];
        match (quote, c) {
            (Some(q), c) if c == q => {
                quote = None;
                current.push(c);
            }
            (Some('\''), c) => current.push(c),
            (Some(_), '\\') if i + 1 < chars.len() => {
                current.push(c);
                current.push(chars[i + 1]);
                i += 1;
            }
            (Some(_), c) => current.push(c),
            (None, '\\') if i + 1 < chars.len() => {
                current.push(c);
                current.push(chars[i + 1]);
                i += 1;
            }
            (None, '\'' | '"') => {
                quote = Some(c);
                current.push(c);
            }
            (None, '(') if depth > 0 || current.ends_with('$') => {
                depth += 1;
                current.push(c);
            }
            (None, ')') if depth > 0 => {
                depth -= 1;
                current.push(c);
            }
            (None, c) if depth == 0 && c.is_whitespace() => finish(&mut current, &mut words, &mut pending, &mut redirects),
            (None, '>' | '<') if depth == 0 => {
                if pending.is_some() {
                    if current.is_empty() {
                        return Err(format!("syntax error: unexpected \"{c}\""));
                    }
                    finish(&mut current, &mut words, &mut pending, &mut redirects);
                }
                // A lone descriptor number before the operator is its operand, not a word.
                let fd = match current.as_str() {
                    "0" | "1" | "2" => {
                        let fd = current.as_bytes()[0] - b'0';
                        current.clear();
                        Some(fd)
                    }
                    _ => None,
                };
                finish(&mut current, &mut words, &mut pending, &mut redirects);
                if c == '<' && chars.get(i + 1) == Some(&'<') {
                    // A here-document, its lines already taken out: `<<` REF INDEX.
                    let digits: String = chars[i + 2..].iter().skip_while(|c| **c == crate::engine::shell_heredoc::REF).take_while(|c| c.is_ascii_digit()).collect();
                    match chars.get(i + 2) {
                        Some(&crate::engine::shell_heredoc::REF) if !digits.is_empty() => {
                            redirects.push(Redirect::Here { index: digits.parse().unwrap_or(usize::MAX) });
                            i += 3 + digits.len();
                            continue;
                        }
                        _ => return Err("syntax error: unexpected redirection".into()),
                    }
                } else if c == '<' {
                    pending = Some((0, false, true));
                } else if chars.get(i + 1) == Some(&'&') && chars.get(i + 2).is_some_and(|d| matches!(d, '1' | '2')) {
                    let to = chars[i + 2] as u8 - b'0';
                    redirects.push(Redirect::Dup { fd: fd.unwrap_or(1), to });
                    i += 2;
                } else {
                    let append = chars.get(i + 1) == Some(&'>');
                    if append {
                        i += 1;
                    }
                    pending = Some((fd.unwrap_or(1), append, false));
                }
            }
            // `&>FILE`: stdout and stderr to the file.
            (None, '&') if depth == 0 && chars.get(i + 1) == Some(&'>') && current.is_empty() => {
                finish(&mut current, &mut words, &mut pending, &mut redirects);
                let append = chars.get(i + 2) == Some(&'>');
                i += if append { 2 } else { 1 };
                pending = Some((3, append, false));
            }
            (None, c) => current.push(c),
        }
        i += 1;
    }
    finish(&mut current, &mut words, &mut pending, &mut redirects);
    if pending.is_some() {
        return Err("syntax error: unexpected newline".into());
    }
    // `&>` (fd 3 above) is `>FILE 2>&1`.
    let redirects = redirects
        .into_iter()
        .flat_map(|r| match r {
            Redirect::To { fd: 3, target, append } => vec![Redirect::To { fd: 1, target, append }, Redirect::Dup { fd: 2, to: 1 }],
            other => vec![other],
        })
        .collect();
    Ok((words.join(" "), redirects))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to(fd: u8, target: &str, append: bool) -> Redirect {
        Redirect::To { fd, target: target.into(), append }
    }

    #[test]
    fn operators_are_taken_out_of_the_command() {
        let cases: Vec<(&str, &str, Vec<Redirect>)> = vec![
            ("echo hello > /tmp/a", "echo hello", vec![to(1, "/tmp/a", false)]),
            ("echo hi>>/tmp/a", "echo hi", vec![to(1, "/tmp/a", true)]),
            ("ls /nope 2>/dev/null", "ls /nope", vec![to(2, "/dev/null", false)]),
            ("ls /nope > out 2>&1", "ls /nope", vec![to(1, "out", false), Redirect::Dup { fd: 2, to: 1 }]),
            ("echo oops >&2", "echo oops", vec![Redirect::Dup { fd: 1, to: 2 }]),
            ("cat < /etc/hosts", "cat", vec![Redirect::From { target: "/etc/hosts".into() }]),
            ("curl -s web &> /tmp/log", "curl -s web", vec![to(1, "/tmp/log", false), Redirect::Dup { fd: 2, to: 1 }]),
            ("echo '>' \"a > b\" x\\>y", "echo '>' \"a > b\" x\\>y", vec![]),
            ("echo $(ls > /dev/null) 2", "echo $(ls > /dev/null) 2", vec![]),
            ("echo 12 > \"my file\"", "echo 12", vec![to(1, "\"my file\"", false)]),
        ];
        for (stage, command, redirects) in cases {
            assert_eq!(take(stage), Ok((command.to_string(), redirects)), "{stage}");
        }
        assert!(take("echo >").is_err());
        assert!(take("echo > > x").is_err());
    }
}
