//! bash's arithmetic expansion, `$((EXPR))`: 64-bit integers that wrap as bash's `intmax_t`
//! does, bash's operators and precedence, variables read (and, for `=`, `+=`, `++`, written)
//! through the terminal's shell, and bash's error texts with their "error token".
//!
//! Mirrors bash 5's `expr.c`: `expcomma` (`,`), `expassign` (`=` and `op=`), `expcond` (`?:`),
//! `explor` ... `exp2` (`*` `/` `%`), `exppower` (`**`, right-associative), `exp1` (unary
//! `!` `~` `-` `+`, prefix `++` `--`), `exp0` (numbers, names, `( )`, postfix `++` `--`), with
//! `noeval` for the branch `&&`, `||` and `?:` do not take (no division error and no assignment
//! there), and `strlong` for numbers (`0x1F`, `017`, `BASE#DIGITS`).

/// The variables an expression reads and assigns.
pub trait Vars {
    fn get(&self, name: &str) -> Option<String>;
    fn set(&mut self, name: &str, value: &str);
}

/// How deep variables may refer to expressions before bash gives up.
const MAX_DEPTH: usize = 32;

/// How deep parentheses and unary operators may nest: the parser recurses on each, and a line of
/// thousands of `(` must give an error, not overflow the page's stack.
const MAX_NESTING: usize = 64;

/// Evaluates `expr` (already `$`-expanded) as bash does. The error is bash's text without its
/// `bash: ` prefix, e.g. `1/0: division by 0 (error token is "0")`.
pub fn evaluate(expr: &str, vars: &mut dyn Vars) -> Result<i64, String> {
    evaluate_at(expr, vars, 0)
}

fn evaluate_at(expr: &str, vars: &mut dyn Vars, depth: usize) -> Result<i64, String> {
    if depth > MAX_DEPTH {
        return Err(format!("{}: expression recursion level exceeded (error token is \"{}\")", expr.trim_start(), expr.trim_start()));
    }
    let mut parser = Parser { text: expr, at: 0, token: Token::End, token_start: 0, last_start: 0, noeval: 0, vars, depth, nesting: 0 };
    parser.next()?;
    if parser.token == Token::End {
        return Ok(0);
    }
    let value = parser.comma()?;
    if parser.token != Token::End {
        return Err(parser.unexpected("syntax error in expression"));
    }
    Ok(value)
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Num(i64),
    Name(String),
    Op(&'static str),
    End,
}

/// The token an unknown character reads as.
const UNKNOWN: &str = "?unknown";

/// Operators, longest first so that `**=` is read before `**` and `*`.
const OPERATORS: [&str; 35] = [
    "<<=", ">>=", "**", "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "++", "--", "*",
    "/", "%", "+", "-", "<", ">", "&", "^", "|", "!", "~", "?", ":",
];

struct Parser<'a, 'v> {
    text: &'a str,
    at: usize,
    token: Token,
    /// Where the current token starts, and where the one before it started: bash's `tp` and
    /// `lasttp`, which its messages quote from.
    token_start: usize,
    last_start: usize,
    /// Above 0 inside a branch that is parsed but not evaluated.
    noeval: usize,
    vars: &'v mut dyn Vars,
    depth: usize,
    nesting: usize,
}

impl Parser<'_, '_> {
    /// bash's `evalerror`: the expression, the message, and the text from the token it stopped
    /// at (the token before, at the end of the expression).
    fn error(&self, message: &str) -> String {
        let from = if self.token == Token::End { self.last_start } else { self.token_start };
        self.error_at(message, from)
    }

    /// `message` for a token that cannot come here, or bash's own message when the token is
    /// no operator at all.
    fn unexpected(&self, message: &str) -> String {
        self.error(if self.is(UNKNOWN) { "syntax error: invalid arithmetic operator" } else { message })
    }

    fn error_at(&self, message: &str, from: usize) -> String {
        format!("{}: {message} (error token is \"{}\")", self.text.trim_start(), self.text[from..].trim_start())
    }

    /// Reads the next token (bash's `readtok`).
    fn next(&mut self) -> Result<(), String> {
        let bytes = self.text.as_bytes();
        while self.at < bytes.len() && bytes[self.at].is_ascii_whitespace() {
            self.at += 1;
        }
        self.last_start = self.token_start;
        self.token_start = self.at;
        let Some(&first) = bytes.get(self.at) else {
            self.token = Token::End;
            return Ok(());
        };
        if first.is_ascii_digit() {
            let end = bytes[self.at..].iter().position(|b| !(b.is_ascii_alphanumeric() || *b == b'#' || *b == b'@' || *b == b'_')).map_or(bytes.len(), |n| self.at + n);
            let digits = &self.text[self.at..end];
            self.at = end;
            self.token = Token::Num(number(digits).ok_or_else(|| self.error_at("value too great for base", self.token_start))?);
        } else if first == b'_' || first.is_ascii_alphabetic() {
            let end = bytes[self.at..].iter().position(|b| !(*b == b'_' || b.is_ascii_alphanumeric())).map_or(bytes.len(), |n| self.at + n);
            self.token = Token::Name(self.text[self.at..end].to_string());
            self.at = end;
        } else if first == b'(' || first == b')' {
            self.at += 1;
            self.token = Token::Op(if first == b'(' { "(" } else { ")" });
        } else if first == b'=' && bytes.get(self.at + 1) != Some(&b'=') {
            self.at += 1;
            self.token = Token::Op("=");
        } else if first == b',' {
            self.at += 1;
            self.token = Token::Op(",");
        } else {
            let rest = &self.text[self.at..];
            let Some(op) = OPERATORS.iter().find(|op| rest.starts_with(**op)) else {
                // An unknown character: a token of its own, which is no operand and no operator.
                self.at += rest.chars().next().map_or(1, char::len_utf8);
                self.token = Token::Op(UNKNOWN);
                return Ok(());
            };
            self.at += op.len();
            self.token = Token::Op(op);
        }
        Ok(())
    }

    fn is(&self, op: &str) -> bool {
        matches!(self.token, Token::Op(o) if o == op)
    }

    /// `expcomma`: `a, b` is b.
    fn comma(&mut self) -> Result<i64, String> {
        let mut value = self.assign()?;
        while self.is(",") {
            self.next()?;
            value = self.assign()?;
        }
        Ok(value)
    }

    /// `expassign`: `NAME = EXPR` and `NAME op= EXPR`, right-associative.
    fn assign(&mut self) -> Result<i64, String> {
        let target_start = self.token_start;
        let target = match &self.token {
            Token::Name(name) => Some(name.clone()),
            _ => None,
        };
        let value = self.conditional()?;
        let op = match self.token {
            Token::Op(op) if op == "=" || (op.len() >= 2 && op.ends_with('=') && !matches!(op, "==" | "!=" | "<=" | ">=")) => op,
            _ => return Ok(value),
        };
        // Only a bare name right before the operator is assigned (`x = 1`, not `x + y = 1` or
        // `(x) = 1`).
        let Some(name) = target.filter(|_| self.last_start == target_start) else {
            return Err(self.error("attempted assignment to non-variable"));
        };
        self.next()?;
        let right = self.assign()?;
        let result = if op == "=" { right } else { self.binary(&op[..op.len() - 1], value, right, self.token_start)? };
        if self.noeval == 0 {
            self.vars.set(&name, &result.to_string());
        }
        Ok(result)
    }

    /// `expcond`: `a ? b : c`, only the branch taken evaluated.
    fn conditional(&mut self) -> Result<i64, String> {
        let condition = self.or()?;
        if !self.is("?") {
            return Ok(condition);
        }
        self.next()?;
        if self.token == Token::End || self.is(":") {
            return Err(self.error("expression expected"));
        }
        self.noeval += usize::from(condition == 0);
        let yes = self.comma();
        self.noeval -= usize::from(condition == 0);
        let yes = yes?;
        if !self.is(":") {
            return Err(self.error("`:' expected for conditional expression"));
        }
        self.next()?;
        if self.token == Token::End {
            return Err(self.error("expression expected"));
        }
        self.noeval += usize::from(condition != 0);
        let no = self.conditional();
        self.noeval -= usize::from(condition != 0);
        let no = no?;
        Ok(if condition != 0 { yes } else { no })
    }

    /// `explor` and `expland`: `||` and `&&`, the right side not evaluated once decided.
    fn or(&mut self) -> Result<i64, String> {
        let mut value = self.and()?;
        while self.is("||") {
            self.next()?;
            self.noeval += usize::from(value != 0);
            let right = self.and();
            self.noeval -= usize::from(value != 0);
            value = i64::from(value != 0 || right? != 0);
        }
        Ok(value)
    }

    fn and(&mut self) -> Result<i64, String> {
        let mut value = self.level(0)?;
        while self.is("&&") {
            self.next()?;
            self.noeval += usize::from(value == 0);
            let right = self.level(0);
            self.noeval -= usize::from(value == 0);
            value = i64::from(value != 0 && right? != 0);
        }
        Ok(value)
    }

    /// The left-associative binary levels from `|` down to `* / %`.
    fn level(&mut self, level: usize) -> Result<i64, String> {
        const LEVELS: [&[&str]; 7] = [&["|"], &["^"], &["&"], &["==", "!="], &["<", ">", "<=", ">="], &["<<", ">>"], &["+", "-"]];
        if level == LEVELS.len() {
            return self.product();
        }
        let mut value = self.level(level + 1)?;
        while let Token::Op(op) = self.token {
            if !LEVELS[level].contains(&op) {
                break;
            }
            self.next()?;
            let start = self.token_start;
            let right = self.level(level + 1)?;
            value = self.binary(op, value, right, start)?;
        }
        Ok(value)
    }

    /// `exp2`: `*`, `/`, `%`.
    fn product(&mut self) -> Result<i64, String> {
        let mut value = self.power()?;
        while let Token::Op(op @ ("*" | "/" | "%")) = self.token {
            self.next()?;
            let start = self.token_start;
            let right = self.power()?;
            value = self.binary(op, value, right, start)?;
        }
        Ok(value)
    }

    /// `exppower`: `**`, right-associative; a negative exponent is an error.
    fn power(&mut self) -> Result<i64, String> {
        let base = self.unary()?;
        if !self.is("**") {
            return Ok(base);
        }
        self.next()?;
        let exponent = self.power()?;
        self.binary("**", base, exponent, self.token_start)
    }

    /// One binary operation as bash computes it (wrapping; `/` and `%` truncate toward zero).
    /// `operand_start` is where the right operand began, which a division error quotes.
    fn binary(&self, op: &str, left: i64, right: i64, operand_start: usize) -> Result<i64, String> {
        if self.noeval > 0 {
            return Ok(0);
        }
        Ok(match op {
            "+" => left.wrapping_add(right),
            "-" => left.wrapping_sub(right),
            "*" => left.wrapping_mul(right),
            "/" | "%" if right == 0 => return Err(self.error_at("division by 0", operand_start)),
            "/" => left.wrapping_div(right),
            "%" => left.wrapping_rem(right),
            "**" if right < 0 => return Err(self.error("exponent less than 0")),
            "**" => (0..right).fold(1i64, |acc, _| acc.wrapping_mul(left)),
            "<<" => left.wrapping_shl(right as u32),
            ">>" => left.wrapping_shr(right as u32),
            "&" => left & right,
            "^" => left ^ right,
            "|" => left | right,
            "==" => i64::from(left == right),
            "!=" => i64::from(left != right),
            "<" => i64::from(left < right),
            ">" => i64::from(left > right),
            "<=" => i64::from(left <= right),
            ">=" => i64::from(left >= right),
            _ => return Err(self.error("syntax error in expression")),
        })
    }

    /// `exp1`: `!`, `~`, `-`, `+`, and prefix `++`/`--` on a name.
    fn unary(&mut self) -> Result<i64, String> {
        self.nesting += 1;
        if self.nesting > MAX_NESTING {
            return Err(self.error("expression recursion level exceeded"));
        }
        let value = self.unary_inner();
        self.nesting -= 1;
        value
    }

    fn unary_inner(&mut self) -> Result<i64, String> {
        match self.token {
            Token::Op(op @ ("!" | "~" | "-" | "+")) => {
                self.next()?;
                let value = self.unary()?;
                Ok(match op {
                    "!" => i64::from(value == 0),
                    "~" => !value,
                    "-" => value.wrapping_neg(),
                    _ => value,
                })
            }
            Token::Op(op @ ("++" | "--")) => {
                self.next()?;
                let Token::Name(name) = self.token.clone() else {
                    return Err(self.error("syntax error: operand expected"));
                };
                let value = self.variable(&name)?.wrapping_add(if op == "++" { 1 } else { -1 });
                if self.noeval == 0 {
                    self.vars.set(&name, &value.to_string());
                }
                self.next()?;
                Ok(value)
            }
            _ => self.operand(),
        }
    }

    /// `exp0`: a number, a name (with postfix `++`/`--`), or a parenthesized expression.
    fn operand(&mut self) -> Result<i64, String> {
        match self.token.clone() {
            Token::Num(value) => {
                self.next()?;
                Ok(value)
            }
            Token::Name(name) => {
                let value = self.variable(&name)?;
                self.next()?;
                if let Token::Op(op @ ("++" | "--")) = self.token {
                    if self.noeval == 0 {
                        self.vars.set(&name, &value.wrapping_add(if op == "++" { 1 } else { -1 }).to_string());
                    }
                    self.next()?;
                }
                Ok(value)
            }
            Token::Op("(") => {
                self.next()?;
                let value = self.comma()?;
                if !self.is(")") {
                    return Err(self.unexpected("missing `)'"));
                }
                self.next()?;
                Ok(value)
            }
            _ => Err(self.error("syntax error: operand expected")),
        }
    }

    /// A variable's value: unset or empty is 0; anything else is itself an expression.
    fn variable(&mut self, name: &str) -> Result<i64, String> {
        let value = self.vars.get(name).unwrap_or_default();
        if value.trim().is_empty() {
            return Ok(0);
        }
        if let Some(number) = value.trim().parse::<i64>().ok().filter(|_| !value.trim().starts_with('0') || value.trim() == "0") {
            return Ok(number);
        }
        evaluate_at(&value, self.vars, self.depth + 1)
    }
}

/// bash's `strlong`: decimal, `0x` hex, leading-`0` octal, or `BASE#DIGITS` (base 2 to 64:
/// `0-9`, `a-z`, `A-Z`, `@`, `_`; letters fold case up to base 36), wrapping on overflow.
/// None when a digit is too great for the base.
fn number(text: &str) -> Option<i64> {
    let (base, digits) = if let Some((base, digits)) = text.split_once('#') {
        let base: i64 = base.parse().ok().filter(|b| (2..=64).contains(b))?;
        (base, digits)
    } else if let Some(hex) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        (16, hex)
    } else if text.len() > 1 && text.starts_with('0') {
        (8, &text[1..])
    } else {
        (10, text)
    };
    digits.bytes().try_fold(0i64, |acc, byte| {
        let digit = match byte {
            b'0'..=b'9' => i64::from(byte - b'0'),
            b'a'..=b'z' => i64::from(byte - b'a') + 10,
            b'A'..=b'Z' if base <= 36 => i64::from(byte - b'A') + 10,
            b'A'..=b'Z' => i64::from(byte - b'A') + 36,
            b'@' => 62,
            b'_' => 63,
            _ => return None,
        };
        (digit < base).then(|| acc.wrapping_mul(base).wrapping_add(digit))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(Default)]
    struct Map(BTreeMap<String, String>);

    impl Vars for Map {
        fn get(&self, name: &str) -> Option<String> {
            self.0.get(name).cloned()
        }
        fn set(&mut self, name: &str, value: &str) {
            self.0.insert(name.to_string(), value.to_string());
        }
    }

    fn eval(expr: &str) -> Result<i64, String> {
        let mut vars = Map::default();
        vars.set("x", "2");
        vars.set("indirect", "x*10");
        vars.set("bad", "1+");
        vars.set("r", "r+1");
        evaluate(expr, &mut vars)
    }

    /// Each expression with what bash 5.2 prints for `echo $((EXPR))` (checked with bash on
    /// this machine), its error without the `bash: ` prefix.
    #[test]
    fn expressions_give_what_bash_gives() {
        let ok: &[(&str, i64)] = &[
            ("", 0),
            ("  ", 0),
            ("1 + 2 * 3", 7),
            ("(1+2)*3", 9),
            ("-7/2", -3),
            ("-7%3", -1),
            ("2**10", 1024),
            ("1 ** 2 ** 3", 1),
            ("2**63", i64::MIN),
            ("9223372036854775807 + 1", i64::MIN),
            ("99999999999999999999", 7766279631452241919),
            ("010+0x10", 24),
            ("2#101", 5),
            ("0x", 0),
            ("!0", 1),
            ("~5", -6),
            ("3 == 3", 1),
            ("5 >= 6", 0),
            ("3>2 && 1", 1),
            ("0 && 1/0", 0),
            ("1 || 1/0", 1),
            ("1?2:3", 2),
            ("0 ? 1/0 : 4", 4),
            ("1<<65", 2),
            ("x*3", 6),
            ("y", 0),
            ("indirect + 1", 21),
            ("x = 3, x*2", 6),
            ("x++", 2),
            ("++x", 3),
            ("x+=5", 7),
            ("-(-9223372036854775807-1)/-1", i64::MIN),
        ];
        for (expr, want) in ok {
            assert_eq!(eval(expr), Ok(*want), "{expr}");
        }
        let errors: &[(&str, &str)] = &[
            ("1/0", "1/0: division by 0 (error token is \"0\")"),
            ("5%0", "5%0: division by 0 (error token is \"0\")"),
            ("4 / (2-2)", "4 / (2-2): division by 0 (error token is \"(2-2)\")"),
            ("1+", "1+: syntax error: operand expected (error token is \"+\")"),
            (" 1 + ", "1 + : syntax error: operand expected (error token is \"+ \")"),
            ("1 +* 2", "1 +* 2: syntax error: operand expected (error token is \"* 2\")"),
            ("1 2", "1 2: syntax error in expression (error token is \"2\")"),
            ("a b c", "a b c: syntax error in expression (error token is \"b c\")"),
            ("2**-1", "2**-1: exponent less than 0 (error token is \"1\")"),
            ("08", "08: value too great for base (error token is \"08\")"),
            ("1 ? 2", "1 ? 2: `:' expected for conditional expression (error token is \"2\")"),
            ("1 &&", "1 &&: syntax error: operand expected (error token is \"&&\")"),
            ("$", "$: syntax error: operand expected (error token is \"$\")"),
            ("1=2", "1=2: attempted assignment to non-variable (error token is \"=2\")"),
            ("bad+1", "1+: syntax error: operand expected (error token is \"+\")"),
            ("(x) = 1 ", "(x) = 1 : attempted assignment to non-variable (error token is \"= 1 \")"),
            ("x + x = 1", "x + x = 1: attempted assignment to non-variable (error token is \"= 1\")"),
            ("1 ? : 2 ", "1 ? : 2 : expression expected (error token is \": 2 \")"),
            ("1 ? 2 : ", "1 ? 2 : : expression expected (error token is \": \")"),
            ("x + + ", "x + + : syntax error: operand expected (error token is \"+ \")"),
            ("1 @ 2 ", "1 @ 2 : syntax error: invalid arithmetic operator (error token is \"@ 2 \")"),
            ("r", "r+1: expression recursion level exceeded (error token is \"r+1\")"),
        ];
        for (expr, want) in errors {
            assert_eq!(eval(expr), Err(want.to_string()), "{expr}");
        }
    }

    #[test]
    fn assignments_write_the_variable() {
        let mut vars = Map::default();
        vars.set("i", "4");
        assert_eq!(evaluate("i++", &mut vars), Ok(4));
        assert_eq!(vars.get("i").as_deref(), Some("5"));
        assert_eq!(evaluate("n = i * 2", &mut vars), Ok(10));
        assert_eq!(vars.get("n").as_deref(), Some("10"));
        // The branch not taken assigns nothing.
        assert_eq!(evaluate("0 && (n = 99)", &mut vars), Ok(0));
        assert_eq!(vars.get("n").as_deref(), Some("10"));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        for expr in ["(".repeat(100_000), "- ".repeat(100_000) + "1", "!".repeat(100_000) + "0"] {
            assert!(eval(&expr).unwrap_err().contains("expression recursion level exceeded"), "{}", &expr[..3]);
        }
        assert_eq!(eval(&("(".repeat(50) + "7" + &")".repeat(50))), Ok(7));
    }
}
