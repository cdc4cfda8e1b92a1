//! How kubectl's YAML printer (sigs.k8s.io/yaml, a fork of go-yaml v2) writes a string: plain,
//! 'single-quoted', "double-quoted" or a `|` literal block, and where it folds long lines.
//!
//! The choice takes two steps, as in go-yaml: the encoder double-quotes a string that would read
//! back as another type (`"true"`, `"1.5"`, `"2026-11-23T00:00:00Z"`, `""`) and asks for a
//! literal block when it holds a newline (encoder.stringv); the emitter then analyses the text
//! and falls back from plain to single quotes, and from single quotes or a block to double
//! quotes, when the text needs it (yaml_emitter_analyze_scalar, yaml_emitter_select_scalar_style).

/// go-yaml's `best_width`: plain and quoted scalars break at a space past this column.
const BEST_WIDTH: usize = 80;

/// The style a scalar is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
}

/// The style go-yaml v2 writes `text` in, as a mapping key (`key`: a simple key, never a block
/// and never folded) or as a value.
///
/// Mirrors encoder.stringv (go-yaml v2 encode.go) and yaml_emitter_select_scalar_style
/// (emitterc.go), with the emitter's `unicode` on, as yaml.Marshal sets it.
pub fn style(text: &str, key: bool) -> Style {
    let can_use_plain = resolves_to_str(text) && !is_base60_float(text);
    let mut style = if text.contains('\n') {
        Style::Literal
    } else if can_use_plain {
        Style::Plain
    } else {
        Style::DoubleQuoted
    };
    let analysis = analyze(text);
    if key && analysis.multiline {
        style = Style::DoubleQuoted;
    }
    if style == Style::Plain && (!analysis.block_plain_allowed || (text.is_empty() && key)) {
        style = Style::SingleQuoted;
    }
    if style == Style::SingleQuoted && !analysis.single_quoted_allowed {
        style = Style::DoubleQuoted;
    }
    if style == Style::Literal && (!analysis.block_allowed || key) {
        style = Style::DoubleQuoted;
    }
    style
}

/// Writes `text` as a mapping key or value starting at `column` (the column of its first
/// character); folded lines start at `indent`. A literal block is left to the caller.
pub fn write(text: &str, style: Style, key: bool, indent: usize, column: usize) -> String {
    match style {
        Style::Plain => plain(text, !key, indent, column),
        Style::SingleQuoted => single_quoted(text, !key, indent, column),
        Style::DoubleQuoted => double_quoted(text, !key, indent, column),
        Style::Literal => text.to_string(),
    }
}

/// What the emitter found in a scalar (yaml_emitter_analyze_scalar's `scalar_data`).
struct Analysis {
    multiline: bool,
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

/// Mirrors yaml_emitter_analyze_scalar (go-yaml v2 emitterc.go) for the block context.
fn analyze(text: &str) -> Analysis {
    if text.is_empty() {
        return Analysis { multiline: false, block_plain_allowed: true, single_quoted_allowed: true, block_allowed: false };
    }
    let chars: Vec<char> = text.chars().collect();
    let mut block_indicators = text.starts_with("---") || text.starts_with("...");
    let (mut line_breaks, mut special_characters) = (false, false);
    let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) = (false, false, false, false);
    let (mut break_space, mut space_break) = (false, false);
    let (mut previous_space, mut previous_break) = (false, false);
    let mut preceded_by_whitespace = true;
    for (i, &c) in chars.iter().enumerate() {
        let followed_by_whitespace = chars.get(i + 1).is_none_or(|&next| is_blank(next));
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"' | '%' | '@' | '`' => block_indicators = true,
                '?' | ':' | '-' if followed_by_whitespace => block_indicators = true,
                _ => {}
            }
        } else {
            match c {
                ':' if followed_by_whitespace => block_indicators = true,
                '#' if preceded_by_whitespace => block_indicators = true,
                _ => {}
            }
        }
        if !is_printable(c) {
            special_characters = true;
        }
        let last = i + 1 == chars.len();
        if c == ' ' {
            leading_space |= i == 0;
            trailing_space |= last;
            break_space |= previous_break;
            previous_space = true;
            previous_break = false;
        } else if is_break(c) {
            line_breaks = true;
            leading_break |= i == 0;
            trailing_break |= last;
            space_break |= previous_space;
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = is_blank(c) || is_break(c);
    }
    let mut analysis = Analysis { multiline: line_breaks, block_plain_allowed: true, single_quoted_allowed: true, block_allowed: true };
    if leading_space || leading_break || trailing_space || trailing_break {
        analysis.block_plain_allowed = false;
    }
    if trailing_space {
        analysis.block_allowed = false;
    }
    if break_space {
        analysis.block_plain_allowed = false;
        analysis.single_quoted_allowed = false;
    }
    if space_break || special_characters {
        analysis.block_plain_allowed = false;
        analysis.single_quoted_allowed = false;
        analysis.block_allowed = false;
    }
    if line_breaks || block_indicators {
        analysis.block_plain_allowed = false;
    }
    analysis
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// go-yaml v2's is_printable: tab, other control characters, the BOM and everything past the
/// Basic Multilingual Plane (emoji) are not.
fn is_printable(c: char) -> bool {
    matches!(c, '\n' | '\u{20}'..='\u{7E}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}') && c != '\u{FEFF}'
}

/// Whether a plain `text` would read back as a string. Mirrors resolve (go-yaml v2 resolve.go)
/// with no tag: the map of booleans and nulls, floats starting with `.`, then timestamps,
/// integers (any base) and floats for text starting with a digit or a sign.
fn resolves_to_str(text: &str) -> bool {
    const SPECIAL: &[&str] = &[
        "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", "", "~",
        "null", "Null", "NULL", ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
    ];
    let Some(first) = text.chars().next() else { return false };
    let hinted = first.is_ascii_digit() || "+-.yYnNtTfFoO~".contains(first);
    if !hinted {
        return true;
    }
    if SPECIAL.contains(&text) {
        return false;
    }
    match first {
        '.' => !is_go_float(text),
        '0'..='9' | '+' | '-' => {
            let plain = text.replace('_', "");
            !(is_timestamp(text) || is_go_int(&plain) || is_yaml_style_float(&plain) || binary_int(&plain))
        }
        _ => true,
    }
}

/// strconv.ParseInt(s, 0, 64) or strconv.ParseUint(s, 0, 64) succeeds: an optional sign, then
/// `0x`, `0o`, `0b`, a leading `0` (octal) or decimal digits, in range.
fn is_go_int(text: &str) -> bool {
    let (sign, digits) = match text.as_bytes().first() {
        Some(b'+') => (Some('+'), &text[1..]),
        Some(b'-') => (Some('-'), &text[1..]),
        _ => (None, text),
    };
    let lower = digits.to_ascii_lowercase();
    let (radix, body) = if let Some(rest) = lower.strip_prefix("0x") {
        (16, rest)
    } else if let Some(rest) = lower.strip_prefix("0o") {
        (8, rest)
    } else if let Some(rest) = lower.strip_prefix("0b") {
        (2, rest)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, &lower[1..])
    } else {
        (10, lower.as_str())
    };
    if body.is_empty() || !body.chars().all(|c| c.is_digit(radix)) {
        return false;
    }
    let Ok(magnitude) = u128::from_str_radix(body, radix) else { return false };
    match sign {
        None => magnitude <= u64::MAX as u128,
        Some('-') => magnitude <= 1 << 63,
        _ => magnitude < 1 << 63,
    }
}

/// `-0b...` and `0b...` as resolve's own binary fallback reads them.
fn binary_int(text: &str) -> bool {
    let body = text.strip_prefix("0b").or_else(|| text.strip_prefix("-0b"));
    body.is_some_and(|b| !b.is_empty() && b.len() <= 64 && b.chars().all(|c| c == '0' || c == '1'))
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$` (resolve.go yamlStyleFloat).
fn is_yaml_style_float(text: &str) -> bool {
    let t = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(at) => (&t[..at], Some(&t[at + 1..])),
        None => (t, None),
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some(("", fraction)) => digits(fraction),
        Some((whole, fraction)) => digits(whole) && (fraction.is_empty() || digits(fraction)),
        None => digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    mantissa_ok && exponent_ok
}

/// strconv.ParseFloat for text starting with `.`: `.5`, `.5e3` (underscores between digits).
fn is_go_float(text: &str) -> bool {
    let plain = text.replace('_', "");
    !plain.contains("._") && is_yaml_style_float(&plain)
}

/// `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`: YAML 1.1 base-60 floats (`1:20`), which
/// go-yaml quotes for other parsers' sake. Mirrors isBase60Float (encode.go).
fn is_base60_float(text: &str) -> bool {
    let t = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (body, fraction) = match t.split_once('.') {
        Some((body, fraction)) => (body, Some(fraction)),
        None => (t, None),
    };
    if fraction.is_some_and(|f| !f.chars().all(|c| c.is_ascii_digit() || c == '_')) {
        return false;
    }
    let mut parts = body.split(':');
    let head = parts.next().unwrap_or("");
    if !head.starts_with(|c: char| c.is_ascii_digit()) || !head.chars().all(|c| c.is_ascii_digit() || c == '_') {
        return false;
    }
    let sixties: Vec<&str> = parts.collect();
    !sixties.is_empty()
        && sixties.iter().all(|p| match p.as_bytes() {
            [d] => d.is_ascii_digit(),
            [a, b] => (b'0'..=b'5').contains(a) && b.is_ascii_digit(),
            _ => false,
        })
}

/// Whether time.Parse reads `text` with one of resolve's timestamp layouts:
/// `2006-1-2T15:4:5.999999999Z07:00` (also with `t`), `2006-1-2 15:4:5.999999999`, `2006-1-2`.
/// Mirrors parseTimestamp (resolve.go).
fn is_timestamp(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() < 5 || !bytes[..4].iter().all(u8::is_ascii_digit) || bytes[4] != b'-' {
        return false;
    }
    let mut at = 5;
    let number = |at: &mut usize, max_digits: usize| -> Option<u32> {
        let start = *at;
        while *at < bytes.len() && *at - start < max_digits && bytes[*at].is_ascii_digit() {
            *at += 1;
        }
        (*at > start).then(|| text[start..*at].parse().ok()).flatten()
    };
    let year: i64 = text[..4].parse().unwrap_or(0);
    let Some(month) = number(&mut at, 2) else { return false };
    if bytes.get(at) != Some(&b'-') {
        return false;
    }
    at += 1;
    let Some(day) = number(&mut at, 2) else { return false };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day == 0 || day > days_in_month {
        return false;
    }
    if at == bytes.len() {
        return true;
    }
    let separator = bytes[at];
    if !matches!(separator, b'T' | b't' | b' ') {
        return false;
    }
    at += 1;
    let Some(hour) = number(&mut at, 2) else { return false };
    if bytes.get(at) != Some(&b':') {
        return false;
    }
    at += 1;
    let Some(minute) = number(&mut at, 2) else { return false };
    if bytes.get(at) != Some(&b':') {
        return false;
    }
    at += 1;
    let Some(second) = number(&mut at, 2) else { return false };
    if hour > 23 || minute > 59 || second > 59 {
        return false;
    }
    if bytes.get(at) == Some(&b'.') {
        let start = at + 1;
        at = start;
        while at < bytes.len() && bytes[at].is_ascii_digit() {
            at += 1;
        }
        if at == start {
            return false;
        }
    }
    let zone = &text[at..];
    if separator == b' ' {
        return zone.is_empty();
    }
    zone == "Z" || {
        let z = zone.as_bytes();
        z.len() == 6 && matches!(z[0], b'+' | b'-') && z[1..3].iter().all(u8::is_ascii_digit) && z[3] == b':' && z[4..6].iter().all(u8::is_ascii_digit)
    }
}

/// Mirrors yaml_emitter_write_plain_scalar: a space past the best width (and not before another
/// space) becomes a line break and the indent.
fn plain(text: &str, allow_breaks: bool, indent: usize, column: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut column = column;
    let mut spaces = false;
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            if allow_breaks && !spaces && column > BEST_WIDTH && chars.get(i + 1) != Some(&' ') {
                column = newline(&mut out, indent);
            } else {
                out.push(c);
                column += 1;
            }
            spaces = true;
        } else {
            out.push(c);
            column += 1;
            spaces = false;
        }
    }
    out
}

/// Mirrors yaml_emitter_write_single_quoted_scalar: `'` doubled, folds as in plain (never at the
/// first or last character).
fn single_quoted(text: &str, allow_breaks: bool, indent: usize, column: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::from("'");
    let mut column = column + 1;
    let mut spaces = false;
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            if allow_breaks && !spaces && column > BEST_WIDTH && i > 0 && i + 1 < chars.len() && chars[i + 1] != ' ' {
                column = newline(&mut out, indent);
            } else {
                out.push(c);
                column += 1;
            }
            spaces = true;
        } else {
            if c == '\'' {
                out.push('\'');
                column += 1;
            }
            out.push(c);
            column += 1;
            spaces = false;
        }
    }
    out.push('\'');
    out
}

/// Mirrors yaml_emitter_write_double_quoted_scalar: escapes (`\t`, `\n`, `\x01`, `\u00A0`
/// style, `\U0001F600` past the BMP), and folds at spaces past the best width, with a `\` before
/// a space that would start the next line.
fn double_quoted(text: &str, allow_breaks: bool, indent: usize, column: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::from("\"");
    let mut column = column + 1;
    let mut spaces = false;
    for (i, &c) in chars.iter().enumerate() {
        if !is_printable(c) || is_break(c) || c == '"' || c == '\\' || c == '\u{FEFF}' {
            let escaped = match c {
                '\0' => "\\0".to_string(),
                '\u{7}' => "\\a".to_string(),
                '\u{8}' => "\\b".to_string(),
                '\t' => "\\t".to_string(),
                '\n' => "\\n".to_string(),
                '\u{b}' => "\\v".to_string(),
                '\u{c}' => "\\f".to_string(),
                '\r' => "\\r".to_string(),
                '\u{1b}' => "\\e".to_string(),
                '"' => "\\\"".to_string(),
                '\\' => "\\\\".to_string(),
                '\u{85}' => "\\N".to_string(),
                '\u{A0}' => "\\_".to_string(),
                '\u{2028}' => "\\L".to_string(),
                '\u{2029}' => "\\P".to_string(),
                c if (c as u32) <= 0xFF => format!("\\x{:02X}", c as u32),
                c if (c as u32) <= 0xFFFF => format!("\\u{:04X}", c as u32),
                c => format!("\\U{:08X}", c as u32),
            };
            column += escaped.chars().count();
            out.push_str(&escaped);
            spaces = false;
        } else if c == ' ' {
            if allow_breaks && !spaces && column > BEST_WIDTH && i > 0 && i + 1 < chars.len() {
                column = newline(&mut out, indent);
                if chars[i + 1] == ' ' {
                    out.push('\\');
                    column += 1;
                }
            } else {
                out.push(c);
                column += 1;
            }
            spaces = true;
        } else {
            out.push(c);
            column += 1;
            spaces = false;
        }
    }
    out.push('"');
    out
}

/// yaml_emitter_write_indent after a fold: a line break, then the indent.
fn newline(out: &mut String, indent: usize) -> usize {
    out.push('\n');
    out.push_str(&" ".repeat(indent));
    indent
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: Style) {
        assert_eq!(style(text, false), expected, "{text:?}");
    }

    #[test]
    fn strings_that_read_as_other_types_are_double_quoted() {
        for text in ["", "true", "True", "yes", "n", "off", "null", "~", "1", "-1", "+1", "0x1F", "0o17", "017", "08", "1.5", "1e5", ".5", ".inf", "-.Inf", "2026-11-23T00:00:00Z", "2026-11-23", "2026-1-2 3:04:05", "1:20", "0b101", "123456789012345678901234567890"] {
            check(text, Style::DoubleQuoted);
        }
    }

    #[test]
    fn strings_that_cannot_be_plain_are_single_quoted() {
        for text in ["containers with unready status: [app]", "a: b", "ends:", "- item", "*", "&x", "!tag", "%x", "@x", "`x", "|x", ">x", "#x", "a #b", "'x", "\"x", "[x", "{x", ",x", " lead", "trail ", "---", "...x", "? x", ": x"] {
            check(text, Style::SingleQuoted);
        }
    }

    #[test]
    fn the_rest_is_plain_or_a_block() {
        for text in ["nginx:1.25", "http://web:80/", "a#b", "-x", "?x", "1.2.3", "80:8080", "8080:80", "2026-13-01", "안녕", "a, b", "x]", "<<", "+", "-", "0x", "Yes please"] {
            let expected = if text == "-" { Style::SingleQuoted } else { Style::Plain };
            check(text, expected);
        }
        check("a\nb\n", Style::Literal);
        check("a \nb", Style::DoubleQuoted);
        check("tab\there", Style::DoubleQuoted);
        check("emoji \u{1F600}", Style::DoubleQuoted);
        assert_eq!(style("a\nb", true), Style::DoubleQuoted);
    }

    #[test]
    fn quoting_and_escapes() {
        assert_eq!(write("it's: here", Style::SingleQuoted, false, 2, 10), "'it''s: here'");
        assert_eq!(write("tab\there \"q\" \u{1}\u{1F600}", Style::DoubleQuoted, false, 2, 10), "\"tab\\there \\\"q\\\" \\x01\\U0001F600\"");
    }
}
