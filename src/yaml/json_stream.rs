//! Manifests that are JSON: kubectl reads a stream whose first non-space byte is `{` with Go's
//! JSON decoder, not the YAML one (apimachinery's YAMLOrJSONDecoder and GuessJSONStream), so
//! its errors are encoding/json's.

/// How one value of the stream ends: where it stops, or Go's error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scan {
    /// The value ends before this byte.
    End(usize),
    /// The text ended inside the value: `unexpected EOF`.
    Eof,
    /// `json: offset N: invalid character 'x' ...` (N counts the bytes read, the bad one too).
    Syntax { offset: usize, message: String },
}

impl Scan {
    /// The error as kubectl prints it after `error parsing FILE: `.
    pub fn message(&self) -> Option<String> {
        match self {
            Scan::End(_) => None,
            Scan::Eof => Some("unexpected EOF".to_string()),
            Scan::Syntax { offset, message } => Some(format!("json: offset {offset}: {message}")),
        }
    }
}

/// Whether kubectl decodes `text` as a JSON stream (GuessJSONStream's hasJSONPrefix).
pub fn is_json(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

/// Scans the value that starts at `start` (after any white space) as Go's scanner does
/// (encoding/json scanner.go), far enough to find its end or word its first error.
pub fn scan_value(text: &str, start: usize) -> Scan {
    let mut scanner = Scanner { bytes: text.as_bytes(), at: start };
    scanner.skip_space();
    match scanner.value() {
        Ok(()) => Scan::End(scanner.at),
        Err(scan) => scan,
    }
}

struct Scanner<'t> {
    bytes: &'t [u8],
    at: usize,
}

impl Scanner<'_> {
    fn skip_space(&mut self) {
        while self.at < self.bytes.len() && matches!(self.bytes[self.at], b' ' | b'\t' | b'\n' | b'\r') {
            self.at += 1;
        }
    }

    fn peek(&self) -> Result<u8, Scan> {
        self.bytes.get(self.at).copied().ok_or(Scan::Eof)
    }

    /// Go's `invalid character 'c' CONTEXT` at the current byte.
    fn fail(&self, context: &str) -> Scan {
        let text = std::str::from_utf8(&self.bytes[self.at..]).ok().and_then(|rest| rest.chars().next()).unwrap_or('\u{fffd}');
        Scan::Syntax { offset: self.at + 1, message: format!("invalid character {} {context}", quote_char(text)) }
    }

    fn value(&mut self) -> Result<(), Scan> {
        match self.peek()? {
            b'{' => self.object(),
            b'[' => self.array(),
            b'"' => self.string(),
            b'-' | b'0'..=b'9' => self.number(),
            b't' => self.literal("true"),
            b'f' => self.literal("false"),
            b'n' => self.literal("null"),
            _ => Err(self.fail("looking for beginning of value")),
        }
    }

    fn object(&mut self) -> Result<(), Scan> {
        self.at += 1;
        self.skip_space();
        if self.peek()? == b'}' {
            self.at += 1;
            return Ok(());
        }
        loop {
            if self.peek()? != b'"' {
                return Err(self.fail("looking for beginning of object key string"));
            }
            self.string()?;
            self.skip_space();
            if self.peek()? != b':' {
                return Err(self.fail("after object key"));
            }
            self.at += 1;
            self.skip_space();
            self.value()?;
            self.skip_space();
            match self.peek()? {
                b',' => {
                    self.at += 1;
                    self.skip_space();
                }
                b'}' => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(self.fail("after object key:value pair")),
            }
        }
    }

    fn array(&mut self) -> Result<(), Scan> {
        self.at += 1;
        self.skip_space();
        if self.peek()? == b']' {
            self.at += 1;
            return Ok(());
        }
        loop {
            self.value()?;
            self.skip_space();
            match self.peek()? {
                b',' => {
                    self.at += 1;
                    self.skip_space();
                }
                b']' => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(self.fail("after array element")),
            }
        }
    }

    fn string(&mut self) -> Result<(), Scan> {
        self.at += 1;
        loop {
            match self.peek()? {
                b'"' => {
                    self.at += 1;
                    return Ok(());
                }
                b'\\' => {
                    self.at += 1;
                    match self.peek()? {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => self.at += 1,
                        b'u' => {
                            self.at += 1;
                            for _ in 0..4 {
                                if !self.peek()?.is_ascii_hexdigit() {
                                    return Err(self.fail("in \\u hexadecimal character escape"));
                                }
                                self.at += 1;
                            }
                        }
                        _ => return Err(self.fail("in string escape code")),
                    }
                }
                byte if byte < 0x20 => return Err(self.fail("in string literal")),
                _ => self.at += 1,
            }
        }
    }

    fn number(&mut self) -> Result<(), Scan> {
        if self.peek()? == b'-' {
            self.at += 1;
            if !self.peek()?.is_ascii_digit() {
                return Err(self.fail("in numeric literal"));
            }
        }
        if self.peek()? == b'0' {
            self.at += 1;
        } else {
            self.digits();
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            if !self.peek()?.is_ascii_digit() {
                return Err(self.fail("after decimal point in numeric literal"));
            }
            self.digits();
        }
        if matches!(self.bytes.get(self.at), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek()?, b'+' | b'-') {
                self.at += 1;
            }
            if !self.peek()?.is_ascii_digit() {
                return Err(self.fail("in exponent of numeric literal"));
            }
            self.digits();
        }
        Ok(())
    }

    fn digits(&mut self) {
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
    }

    fn literal(&mut self, word: &str) -> Result<(), Scan> {
        for (index, expected) in word.bytes().enumerate() {
            if self.peek()? != expected {
                return Err(self.fail(&format!("in literal {word} (expecting {})", quote_char(char::from(word.as_bytes()[index])))));
            }
            self.at += 1;
        }
        Ok(())
    }
}

/// Go's quoteChar (encoding/json scanner.go): `'\''`, `'"'`, else strconv.Quote's body in
/// single quotes.
fn quote_char(c: char) -> String {
    match c {
        '\'' => r"'\''".to_string(),
        '"' => "'\"'".to_string(),
        '\u{7}' => r"'\a'".to_string(),
        '\u{8}' => r"'\b'".to_string(),
        '\u{c}' => r"'\f'".to_string(),
        '\n' => r"'\n'".to_string(),
        '\r' => r"'\r'".to_string(),
        '\t' => r"'\t'".to_string(),
        '\u{b}' => r"'\v'".to_string(),
        '\\' => r"'\\'".to_string(),
        c if (c as u32) < 0x20 || c == '\u{7f}' => format!("'\\x{:02x}'", c as u32),
        c => format!("'{c}'"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> Option<String> {
        scan_value(text, 0).message()
    }

    #[test]
    fn go_messages() {
        assert_eq!(error(r#"{"a": 1,}"#).unwrap(), "json: offset 9: invalid character '}' looking for beginning of object key string");
        assert_eq!(error(r#"{"a" 1}"#).unwrap(), "json: offset 6: invalid character '1' after object key");
        assert_eq!(error(r#"{"a": 1 "b": 2}"#).unwrap(), "json: offset 9: invalid character '\"' after object key:value pair");
        assert_eq!(error(r#"{"a": [1,]}"#).unwrap(), "json: offset 10: invalid character ']' looking for beginning of value");
        assert_eq!(error(r#"{'a': 1}"#).unwrap(), r"json: offset 2: invalid character '\'' looking for beginning of object key string");
        assert_eq!(error(r#"{"a": tru}"#).unwrap(), "json: offset 10: invalid character '}' in literal true (expecting 'e')");
        assert_eq!(error(r#"{"a": "#).unwrap(), "unexpected EOF");
        assert_eq!(error("{\"a\": \"\u{1}\"}").unwrap(), r"json: offset 8: invalid character '\x01' in string literal");
        assert_eq!(error("{\"a\": \"\t\"}").unwrap(), r"json: offset 8: invalid character '\t' in string literal");
        assert_eq!(scan_value(r#" {"a": [1, 2.5e3, "x\n"]} {"#, 0), Scan::End(25));
    }
}
