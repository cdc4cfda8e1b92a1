//! POSIX regular expressions as GNU grep 3.x reads them: BRE (the default), ERE (`-E`), fixed strings (`-F`).
//!
//! A pattern is parsed with glibc's rules (`posix/regcomp.c`: which `*`, `^` and `$` are literal,
//! when `{` starts an interval, the error messages) into a `Node` tree, compiled into a small
//! program (`Char`, `Split`, `Jmp`, ...), and run by a backtracking matcher that explores every
//! path from a start and keeps the longest end: POSIX leftmost-longest, the match `grep -o`
//! prints. Each (instruction, position, captures) state is explored once per search, so without
//! back-references a search costs at most program × line steps; with them `BACKREF_STEPS` bounds it.
//! Text is matched as characters with ASCII classes and ASCII case folding, which is the POSIX
//! locale's behaviour on the ASCII text the simulation prints.

use std::collections::HashSet;
use std::rc::Rc;

use crate::engine::fast_hash::FastHash;

/// A pattern's error: GNU grep's message, printed as `grep: MESSAGE` with exit status 2.
pub type Result<T, E = &'static str> = std::result::Result<T, E>;

const UNMATCHED_BRACKET: &str = "Unmatched [, [^, [:, [., or [=";
const UNMATCHED_OPEN: &str = "Unmatched ( or \\(";
const UNMATCHED_CLOSE: &str = "Unmatched ) or \\)";
const UNMATCHED_BRACE: &str = "Unmatched \\{";
const BAD_INTERVAL: &str = "Invalid content of \\{\\}";
const RANGE_END: &str = "Invalid range end";
const TOO_BIG: &str = "Regular expression too big";
const BAD_PATTERN: &str = "Invalid regular expression";
const BAD_BACKREF: &str = "Invalid back reference";
const BAD_CLASS: &str = "Invalid character class name";
const BAD_COLLATION: &str = "Invalid collation character";
const TRAILING_BACKSLASH: &str = "Trailing backslash";
const COLON_CLASS: &str = "character class syntax is [[:space:]], not [:space:]";

/// The largest interval count (glibc's RE_DUP_MAX).
const DUP_MAX: i64 = 32767;
/// The most instructions a program may have: `(a{1000}){1000}` is refused, not built.
const MAX_PROGRAM: usize = 100_000;
/// The most nested groups or stacked repetitions (`a****`), so parsing never runs out of stack.
const MAX_NESTING: usize = 100;
/// With back-references a state carries its captures, so there can be many more of them: a
/// search then explores at most this many times what one without them could, and gives up.
const BACKREF_STEPS: usize = 4;

/// The POSIX classes of the C locale, by name; `\w` is `alnum` and `_`, `\s` is `space`.
const CLASSES: [(&str, fn(&char) -> bool); 12] = [
    ("alpha", char::is_ascii_alphabetic),
    ("digit", char::is_ascii_digit),
    ("alnum", char::is_ascii_alphanumeric),
    ("upper", char::is_ascii_uppercase),
    ("lower", char::is_ascii_lowercase),
    ("space", |c: &char| matches!(*c, ' ' | '\t'..='\r')),
    ("blank", |c: &char| matches!(*c, ' ' | '\t')),
    ("punct", char::is_ascii_punctuation),
    ("print", |c: &char| matches!(*c, ' '..='~')),
    ("graph", char::is_ascii_graphic),
    ("cntrl", char::is_ascii_control),
    ("xdigit", char::is_ascii_hexdigit),
];
const ALNUM: usize = 2;
const SPACE: usize = 5;

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Which grammar patterns are read with: grep's `-G` (the default), `-E` or `-F`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Syntax {
    #[default]
    Basic,
    Extended,
    Fixed,
}

/// The grammar and grep's `-i` (ASCII folding), `-w` (whole words) and `-x` (whole line).
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    pub syntax: Syntax,
    pub ignore_case: bool,
    pub words: bool,
    pub whole_line: bool,
}

/// One or more compiled patterns; a line matches when any of them does.
#[derive(Debug)]
pub struct Regex {
    program: Vec<Inst>,
    n_slots: usize,
    options: Options,
    /// GNU grep's warnings about the patterns (`* at start of expression`), in order.
    pub warnings: Vec<&'static str>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Assert {
    LineStart,
    LineEnd,
    WordBoundary,
    NotWordBoundary,
    WordStart,
    WordEnd,
}

/// A bracket expression, `\w` or `\s`.
#[derive(Debug, Default)]
struct Set {
    negated: bool,
    ranges: Vec<(char, char)>,
    classes: Vec<usize>,
}

impl Set {
    /// Under `-i` a letter is in the set when either of its cases is (GNU: `[^a]` rejects `A`).
    fn contains(&self, c: char, ignore_case: bool) -> bool {
        let hit = |c: char| self.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) || self.classes.iter().any(|&i| (CLASSES[i].1)(&c));
        let found = hit(c) || ignore_case && (hit(c.to_ascii_lowercase()) || hit(c.to_ascii_uppercase()));
        found != self.negated
    }
}

#[derive(Debug)]
enum Node {
    Empty,
    Char(char),
    Any,
    Set(Rc<Set>),
    Assert(Assert),
    Group(Box<Node>, usize),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat(Box<Node>, u32, Option<u32>),
    Backref(usize),
}

enum Element {
    Char(char),
    Equiv(char),
    Class(usize),
}

struct Parser<'a> {
    chars: Vec<char>,
    pos: usize,
    extended: bool,
    ignore_case: bool,
    depth: usize,
    n_groups: usize,
    /// The groups 1 to 9 closed on the path parsed so far: what `\1`..`\9` may name.
    closed: u16,
    group_base: usize,
    has_backrefs: bool,
    warnings: &'a mut Vec<&'static str>,
}

impl Parser<'_> {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    fn at_alt(&self) -> bool {
        if self.extended { self.peek(0) == Some('|') } else { self.peek(0) == Some('\\') && self.peek(1) == Some('|') }
    }

    /// `)` closes a group only inside one (ERE reads a lone `)` literally); `\)` always tries to.
    fn at_close(&self) -> bool {
        if self.extended { self.depth > 0 && self.peek(0) == Some(')') } else { self.peek(0) == Some('\\') && self.peek(1) == Some(')') }
    }

    fn parse_alt(&mut self) -> Result<Node> {
        // Mirrors parse_reg_exp: a back-reference may not name a group of another alternative.
        let (initial, mut accumulated) = (self.closed, 0);
        let mut branches = vec![self.parse_branch()?];
        while self.at_alt() {
            self.pos += if self.extended { 1 } else { 2 };
            accumulated |= self.closed;
            self.closed = initial;
            branches.push(self.parse_branch()?);
        }
        self.closed |= accumulated;
        Ok(if branches.len() == 1 { branches.pop().expect("one branch") } else { Node::Alt(branches) })
    }

    fn parse_branch(&mut self) -> Result<Node> {
        let mut items: Vec<Node> = Vec::new();
        // dfa.c's `laststart`: only zero-width atoms since the branch began.
        let mut only_zero_width = true;
        let mut paren_literal = false;
        while self.peek(0).is_some() && !self.at_alt() && (paren_literal || !self.at_close()) {
            paren_literal = false;
            let at_start = items.last().is_none_or(|node| matches!(node, Node::Assert(_)));
            if let Some((min, max, warning)) = self.repetition(at_start)? {
                let last = items.pop();
                if last.as_ref().is_some_and(|node| repeat_depth(node) >= MAX_NESTING) {
                    return Err(TOO_BIG);
                }
                if at_start {
                    // ERE: an operator with nothing before it repeats the empty string (or the
                    // anchor before it, as dfa.c does) and the `)` right after it is literal (glibc).
                    if only_zero_width {
                        self.warnings.push(warning);
                    }
                    // dfa.c warns again after `*`, `+` or `?`, not after an interval; glibc skips
                    // only an interval's `{`, so a `)` after its `}` still closes a group.
                    only_zero_width &= !warning.starts_with('{');
                    paren_literal = !warning.starts_with('{');
                }
                items.extend(last.map(|node| Node::Repeat(Box::new(node), min, max)));
                continue;
            }
            let atom = self.atom(items.is_empty())?;
            only_zero_width &= matches!(atom, Node::Assert(_));
            items.push(atom);
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().expect("one item"),
            _ => Node::Concat(items),
        })
    }

    /// Consumes `*`, `+`, `?` or an interval (ERE; `\+`, `\?`, `\{` in BRE) and returns its counts
    /// and the warning GNU grep gives when it starts an ERE. In a BRE such an operator at the
    /// start of a branch or after an anchor is literal, and so is an ERE `{` that starts no interval.
    fn repetition(&mut self, at_start: bool) -> Result<Option<(u32, Option<u32>, &'static str)>> {
        let (len, op) = match (self.extended, self.peek(0), self.peek(1)) {
            (_, Some('*'), _) => (1, '*'),
            (true, Some(op @ ('+' | '?' | '{')), _) => (1, op),
            (false, Some('\\'), Some(op @ ('+' | '?' | '{'))) => (2, op),
            _ => return Ok(None),
        };
        if at_start && !self.extended {
            return Ok(None);
        }
        let start = self.pos;
        self.pos += len;
        Ok(Some(match op {
            '*' => (0, None, "* at start of expression"),
            '+' => (1, None, "+ at start of expression"),
            '?' => (0, Some(1), "? at start of expression"),
            _ => match self.interval() {
                Ok(Some((min, max))) => (min, max, "{...} at start of expression"),
                // dfa.c's message, in lower case, for `-E '{99999}'`.
                Err(TOO_BIG) if at_start => return Err("regular expression too big"),
                Err(message) if !at_start => return Err(message),
                // An ERE `{` that starts no interval, or an invalid one starting an ERE, is literal.
                _ => {
                    self.pos = start;
                    return Ok(None);
                }
            },
        }))
    }

    /// Reads `m,n}` after `{` as glibc's parse_dup_op does: `{,n}` is `{0,n}`, `{m,}` has no
    /// upper bound. Ok(None) is an ERE brace that starts no interval (so it is literal).
    fn interval(&mut self) -> Result<Option<(u32, Option<u32>)>> {
        let mut hit_end = false;
        let (mut min, mut closed) = self.fetch_number(&mut hit_end);
        if min == -1 {
            if closed {
                return Err(BAD_INTERVAL);
            }
            min = 0;
        }
        let mut max = min;
        if min == -2 {
            max = -2;
        } else if !closed {
            (max, closed) = self.fetch_number(&mut hit_end);
        }
        if min == -2 || max == -2 {
            return match (self.extended, hit_end) {
                (true, _) => Ok(None),
                (false, true) => Err(UNMATCHED_BRACE),
                (false, false) => Err(BAD_INTERVAL),
            };
        }
        if max != -1 && min > max || !closed {
            return Err(BAD_INTERVAL);
        }
        if min.max(max) > DUP_MAX {
            return Err(TOO_BIG);
        }
        Ok(Some((min as u32, (max >= 0).then_some(max as u32))))
    }

    /// Mirrors fetch_number: a count up to `,` (false) or the closing brace (true); -1 if it has
    /// no digits, -2 if it has anything else or the pattern ends first.
    fn fetch_number(&mut self, hit_end: &mut bool) -> (i64, bool) {
        let close: &[char] = if self.extended { &['}'] } else { &['\\', '}'] };
        let mut number = -1;
        loop {
            let Some(c) = self.peek(0) else {
                *hit_end = true;
                return (-2, false);
            };
            if self.chars[self.pos..].starts_with(close) {
                self.pos += close.len();
                return (number, true);
            }
            self.pos += 1;
            if c == ',' {
                return (number, false);
            }
            if c == '\\' && self.peek(0).is_some() {
                self.pos += 1;
            }
            number = match c.to_digit(10) {
                Some(digit) if number != -2 => (number.max(0) * 10 + i64::from(digit)).min(DUP_MAX + 1),
                _ => -2,
            };
        }
    }

    fn atom(&mut self, at_branch_start: bool) -> Result<Node> {
        let c = self.chars[self.pos];
        self.pos += 1;
        Ok(match c {
            '.' => Node::Any,
            '[' => self.bracket()?,
            '(' if self.extended => self.group()?,
            '^' if self.extended || at_branch_start => Node::Assert(Assert::LineStart),
            // A BRE `$` anchors only at the end of the pattern, of a group or of an alternative.
            '$' if self.extended || self.peek(0).is_none() || self.peek(0) == Some('\\') && matches!(self.peek(1), Some(')' | '|')) => Node::Assert(Assert::LineEnd),
            '\\' => self.escape()?,
            c => Node::Char(c),
        })
    }

    fn escape(&mut self) -> Result<Node> {
        let Some(c) = self.peek(0) else { return Err(TRAILING_BACKSLASH) };
        self.pos += 1;
        let set = |negated, ranges, class| Node::Set(Rc::new(Set { negated, ranges, classes: vec![class] }));
        Ok(match c {
            '(' if !self.extended => self.group()?,
            '1'..='9' => {
                let n = c as usize - '0' as usize;
                if self.closed & (1 << n) == 0 {
                    return Err(BAD_BACKREF);
                }
                self.has_backrefs = true;
                Node::Backref(self.group_base + n)
            }
            'w' | 'W' => set(c == 'W', vec![('_', '_')], ALNUM),
            's' | 'S' => set(c == 'S', Vec::new(), SPACE),
            'b' => Node::Assert(Assert::WordBoundary),
            'B' => Node::Assert(Assert::NotWordBoundary),
            '<' => Node::Assert(Assert::WordStart),
            '>' => Node::Assert(Assert::WordEnd),
            '`' => Node::Assert(Assert::LineStart),
            '\'' => Node::Assert(Assert::LineEnd),
            c => Node::Char(c),
        })
    }

    fn group(&mut self) -> Result<Node> {
        if self.depth >= MAX_NESTING {
            return Err(TOO_BIG);
        }
        self.n_groups += 1;
        let index = self.n_groups;
        self.depth += 1;
        let inner = self.parse_alt()?;
        if !self.at_close() {
            return Err(UNMATCHED_OPEN);
        }
        self.depth -= 1;
        self.pos += if self.extended { 1 } else { 2 };
        if index < 10 {
            self.closed |= 1 << index;
        }
        Ok(Node::Group(Box::new(inner), self.group_base + index))
    }

    /// Mirrors parse_bracket_exp: a leading `]` is literal, `-` is literal first or last,
    /// a range may not start or end with a class, `\` is literal.
    fn bracket(&mut self) -> Result<Node> {
        let mut set = Set::default();
        if self.peek(0) == Some('^') {
            set.negated = true;
            self.pos += 1;
        }
        if self.peek(0).is_none() {
            return Err(BAD_PATTERN);
        }
        let content = self.pos;
        let mut first = true;
        loop {
            match self.peek(0) {
                None => return Err(UNMATCHED_BRACKET),
                Some(']') if !first => break,
                _ => {}
            }
            let start = self.bracket_element(first)?;
            first = false;
            if let Element::Char(lo) = start {
                if self.peek(0) == Some('-') && self.peek(1).is_some_and(|c| c != ']') {
                    self.pos += 1;
                    // Under -i glibc checks the range on the upper-cased pattern (`[a-Z]` is
                    // accepted, `[Z-a]` is not), and dfa.c matches it as written, plus folding.
                    let ignore_case = self.ignore_case;
                    let upper = |c: char| if ignore_case { c.to_ascii_uppercase() } else { c };
                    match self.bracket_element(true)? {
                        Element::Char(hi) if upper(lo) <= upper(hi) => set.ranges.push((lo, hi)),
                        _ => return Err(RANGE_END),
                    }
                    continue;
                }
            }
            match start {
                Element::Char(c) | Element::Equiv(c) => set.ranges.push((c, c)),
                Element::Class(class) => set.classes.push(class),
            }
        }
        let raw = &self.chars[content..self.pos];
        self.pos += 1;
        // dfa.c refuses `[:space:]` (a learner's `[[:space:]]` missing a bracket).
        if raw.len() > 1 && raw[0] == ':' && raw[raw.len() - 1] == ':' && raw.iter().any(|&c| c != ':') && !raw.contains(&'-') {
            return Err(COLON_CLASS);
        }
        Ok(Node::Set(Rc::new(set)))
    }

    fn bracket_element(&mut self, accept_hyphen: bool) -> Result<Element> {
        let c = self.chars[self.pos];
        self.pos += 1;
        if let (Some(delim @ (':' | '.' | '=')), '[') = (self.peek(0), c) {
            self.pos += 1;
            let mut name = String::new();
            loop {
                let Some(ch) = self.peek(0).filter(|_| name.len() < 32 && self.peek(1).is_some()) else { return Err(UNMATCHED_BRACKET) };
                self.pos += 1;
                if ch == delim && self.peek(0) == Some(']') {
                    self.pos += 1;
                    break;
                }
                name.push(ch);
            }
            if delim == ':' {
                return CLASSES.iter().position(|(class, _)| *class == name).map(Element::Class).ok_or(BAD_CLASS);
            }
            let mut chars = name.chars();
            return match (chars.next(), chars.next()) {
                (Some(c), None) if delim == '=' => Ok(Element::Equiv(c)),
                (Some(c), None) => Ok(Element::Char(c)),
                _ => Err(BAD_COLLATION),
            };
        }
        if c == '-' && !accept_hyphen && self.peek(0).is_some_and(|next| next != ']') {
            return Err(RANGE_END);
        }
        Ok(Element::Char(c))
    }
}

fn repeat_depth(node: &Node) -> usize {
    match node {
        Node::Repeat(inner, ..) => 1 + repeat_depth(inner),
        _ => 0,
    }
}

#[derive(Debug)]
enum Inst {
    Char(char),
    Any,
    Set(Rc<Set>),
    Assert(Assert),
    Split(usize, usize),
    Jmp(usize),
    Save(usize),
    Backref(usize),
    Match,
}

struct Compiler {
    program: Vec<Inst>,
    /// Nodes emitted so far: `(){9999}{9999}` emits no instruction but must still stop.
    n_emitted: usize,
    captures: bool,
    ignore_case: bool,
}

impl Compiler {
    fn push(&mut self, inst: Inst) -> Result<usize> {
        if self.program.len() >= MAX_PROGRAM {
            return Err(TOO_BIG);
        }
        self.program.push(inst);
        Ok(self.program.len() - 1)
    }

    /// Emits `node`; `{m,n}` becomes m copies and n-m optional ones.
    fn emit(&mut self, node: &Node) -> Result<()> {
        self.n_emitted += 1;
        if self.n_emitted > 4 * MAX_PROGRAM {
            return Err(TOO_BIG);
        }
        match node {
            Node::Empty => {}
            Node::Char(c) => _ = self.push(Inst::Char(if self.ignore_case { c.to_ascii_lowercase() } else { *c }))?,
            Node::Any => _ = self.push(Inst::Any)?,
            Node::Set(set) => _ = self.push(Inst::Set(set.clone()))?,
            Node::Assert(assert) => _ = self.push(Inst::Assert(*assert))?,
            Node::Backref(group) => _ = self.push(Inst::Backref(*group))?,
            Node::Group(inner, group) => {
                if self.captures {
                    self.push(Inst::Save(2 * group))?;
                }
                self.emit(inner)?;
                if self.captures {
                    self.push(Inst::Save(2 * group + 1))?;
                }
            }
            Node::Concat(items) => items.iter().try_for_each(|item| self.emit(item))?,
            Node::Alt(branches) => {
                let mut exits = Vec::new();
                for (index, branch) in branches.iter().enumerate() {
                    if index + 1 == branches.len() {
                        self.emit(branch)?;
                        break;
                    }
                    let split = self.push(Inst::Split(0, 0))?;
                    self.emit(branch)?;
                    exits.push(self.push(Inst::Jmp(0))?);
                    self.program[split] = Inst::Split(split + 1, self.program.len());
                }
                let end = self.program.len();
                for exit in exits {
                    self.program[exit] = Inst::Jmp(end);
                }
            }
            Node::Repeat(inner, min, max) => {
                for _ in 0..*min {
                    self.emit(inner)?;
                }
                let optional = max.map_or(1, |max| max - min);
                for _ in 0..optional {
                    let split = self.push(Inst::Split(0, 0))?;
                    self.emit(inner)?;
                    if max.is_none() {
                        self.push(Inst::Jmp(split))?;
                    }
                    self.program[split] = Inst::Split(split + 1, self.program.len());
                }
            }
        }
        Ok(())
    }
}

/// A line as characters, with each one's byte offset (and the line's length last).
struct Text {
    chars: Vec<char>,
    offsets: Vec<usize>,
}

impl Text {
    fn new(line: &str) -> Text {
        let offsets = line.char_indices().map(|(offset, _)| offset).chain(std::iter::once(line.len())).collect();
        Text { chars: line.chars().collect(), offsets }
    }

    fn holds(&self, assert: Assert, pos: usize) -> bool {
        let before = pos > 0 && is_word(self.chars[pos - 1]);
        let after = pos < self.chars.len() && is_word(self.chars[pos]);
        match assert {
            Assert::LineStart => pos == 0,
            Assert::LineEnd => pos == self.chars.len(),
            Assert::WordBoundary => before != after,
            Assert::NotWordBoundary => before == after,
            Assert::WordStart => !before && after,
            Assert::WordEnd => before && !after,
        }
    }
}

impl Regex {
    /// Compiles `patterns` (grep's `-e` list; a line matches when any does), or returns GNU
    /// grep's message for the first invalid one.
    pub fn new(patterns: &[&str], options: Options) -> Result<Regex> {
        let (mut warnings, mut branches, mut n_groups, mut captures) = (Vec::new(), Vec::new(), 0, false);
        for pattern in patterns {
            if options.syntax == Syntax::Fixed {
                branches.push(Node::Concat(pattern.chars().map(Node::Char).collect()));
                continue;
            }
            let mut parser = Parser { chars: pattern.chars().collect(), pos: 0, extended: options.syntax == Syntax::Extended, ignore_case: options.ignore_case, depth: 0, n_groups: 0, closed: 0, group_base: n_groups, has_backrefs: false, warnings: &mut warnings };
            let node = parser.parse_alt()?;
            if parser.pos < parser.chars.len() {
                return Err(UNMATCHED_CLOSE);
            }
            (n_groups, captures) = (n_groups + parser.n_groups, captures || parser.has_backrefs);
            branches.push(node);
        }
        let mut compiler = Compiler { program: Vec::new(), n_emitted: 0, captures, ignore_case: options.ignore_case };
        compiler.emit(&Node::Alt(branches))?;
        compiler.push(Inst::Match)?;
        let n_slots = if captures { 2 * (n_groups + 1) } else { 0 };
        Ok(Regex { program: compiler.program, n_slots, options, warnings })
    }

    /// Whether `line` has a match: how grep selects lines.
    pub fn is_match(&self, line: &str) -> bool {
        self.search(&Text::new(line), 0, false).is_some()
    }

    /// The leftmost-longest match in `line`, as byte offsets.
    pub fn find(&self, line: &str) -> Option<(usize, usize)> {
        let text = Text::new(line);
        self.search(&text, 0, true).map(|(start, end)| (text.offsets[start], text.offsets[end]))
    }

    /// The non-empty matches `grep -o` prints, as byte offsets: each search resumes where the
    /// last match ended, one character on after an empty one, seeing the whole line (`^`, `\<`).
    pub fn find_iter(&self, line: &str) -> Vec<(usize, usize)> {
        let text = Text::new(line);
        let (mut found, mut from) = (Vec::new(), 0);
        while from < text.chars.len() {
            let Some((start, end)) = self.search(&text, from, true) else { break };
            if start < end {
                found.push((text.offsets[start], text.offsets[end]));
            }
            from = end.max(start + 1);
        }
        found
    }

    fn fold(&self, c: char) -> char {
        if self.options.ignore_case { c.to_ascii_lowercase() } else { c }
    }

    /// The first start at or after `from` with a match, and its longest end (any end, unless
    /// `longest`). A state explored from an earlier start led to no match, so `seen` is kept.
    fn search(&self, text: &Text, from: usize, longest: bool) -> Option<(usize, usize)> {
        let n = text.chars.len();
        let Options { words, whole_line, .. } = self.options;
        let mut seen: HashSet<(usize, usize, Vec<usize>), FastHash> = HashSet::default();
        let (mut stack, mut steps) = (Vec::new(), 0);
        let max_steps = if self.n_slots == 0 { usize::MAX } else { BACKREF_STEPS.saturating_mul(self.program.len()).saturating_mul(n + 1).saturating_add(10_000) };
        for start in from..=n {
            if whole_line && start > 0 {
                break;
            }
            if words && start > 0 && is_word(text.chars[start - 1]) {
                continue;
            }
            let mut best = None;
            stack.push((0, start, vec![usize::MAX; self.n_slots]));
            while let Some((pc, pos, caps)) = stack.pop() {
                if !seen.insert((pc, pos, caps.clone())) {
                    continue;
                }
                steps += 1;
                if steps > max_steps {
                    return best.map(|end| (start, end));
                }
                let consumes = match &self.program[pc] {
                    Inst::Char(c) => pos < n && self.fold(text.chars[pos]) == *c,
                    Inst::Any => pos < n,
                    Inst::Set(set) => pos < n && set.contains(text.chars[pos], self.options.ignore_case),
                    Inst::Assert(assert) => {
                        if text.holds(*assert, pos) {
                            stack.push((pc + 1, pos, caps));
                        }
                        continue;
                    }
                    Inst::Split(first, second) => {
                        stack.push((*second, pos, caps.clone()));
                        stack.push((*first, pos, caps));
                        continue;
                    }
                    Inst::Jmp(target) => {
                        stack.push((*target, pos, caps));
                        continue;
                    }
                    Inst::Save(slot) => {
                        let mut caps = caps;
                        caps[*slot] = pos;
                        stack.push((pc + 1, pos, caps));
                        continue;
                    }
                    Inst::Backref(group) => {
                        let (from, to) = (caps[2 * group], caps[2 * group + 1]);
                        if from <= to && to != usize::MAX && pos + (to - from) <= n && (0..to - from).all(|i| self.fold(text.chars[from + i]) == self.fold(text.chars[pos + i])) {
                            stack.push((pc + 1, pos + (to - from), caps));
                        }
                        continue;
                    }
                    Inst::Match => {
                        if (!whole_line || pos == n) && !(words && pos < n && is_word(text.chars[pos])) {
                            if !longest {
                                return Some((start, pos));
                            }
                            best = best.max(Some(pos));
                        }
                        continue;
                    }
                };
                if consumes {
                    stack.push((pc + 1, pos + 1, caps));
                }
            }
            if let Some(end) = best {
                return Some((start, end));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(flags: &str, patterns: &[&str]) -> Result<Regex> {
        let syntax = match () {
            _ if flags.contains('F') => Syntax::Fixed,
            _ if flags.contains('E') => Syntax::Extended,
            _ => Syntax::Basic,
        };
        Regex::new(patterns, Options { syntax, ignore_case: flags.contains('i'), words: flags.contains('w'), whole_line: flags.contains('x') })
    }

    /// (flags, pattern, line, the match): each expectation is what GNU grep 3.8 printed for
    /// `printf 'LINE\n' | LC_ALL=C grep -ob -FLAGS -e PATTERN`: the first non-empty match's byte
    /// range, "empty" for a line selected by empty matches only, "" for a line not selected.
    const CASES: &[(&str, &str, &str, &str)] = &[
            ("", "a.c", "xabcx", "1..4"),
            ("", "a*", "bbb", "empty"),
            ("", "ab*c", "xabbbcx", "1..6"),
            ("", "^ab", "ab ab", "0..2"),
            ("", "^ab", "xab", ""),
            ("", "ab$", "abab", "2..4"),
            ("", "a^b", "a^b", "0..3"),
            ("", "a$b", "a$b", "0..3"),
            ("", "x^*", "ax^^y", "1..4"),
            ("", "^*a", "*a", "0..2"),
            ("", "\\(ab\\)*c", "ababc", "0..5"),
            ("", "\\(a\\|b\\)*c", "xbabc", "1..5"),
            ("", "a\\{2\\}", "aaaa", "0..2"),
            ("", "a\\{2,3\\}", "aaaa", "0..3"),
            ("", "a\\{,2\\}b", "aaab", "1..4"),
            ("", "a\\{2,\\}", "xaaaaa", "1..6"),
            ("", "\\{1\\}", "a{1}", "1..4"),
            ("", "a\\}", "a}", "0..2"),
            ("", "*a", "x*a", "1..3"),
            ("", "\\(*a\\)", "*a", "0..2"),
            ("", "a\\|*b", "*b", "0..2"),
            ("", "\\+x", "a+x", "1..3"),
            ("", "\\?a", "?a", "0..2"),
            ("", "a\\+", "baaa", "1..4"),
            ("", "ab\\?c", "xac", "1..3"),
            ("", "colou\\?r", "color", "0..5"),
            ("", "[abc]", "xxbx", "2..3"),
            ("", "[^a-z]", "abC1", "2..3"),
            ("", "[]a]", "x]", "1..2"),
            ("", "[^]a]", "]ab", "2..3"),
            ("", "[a-]", "x-", "1..2"),
            ("", "[]-a]", "^", "0..1"),
            ("", "[%--]", ",", "0..1"),
            ("", "[a\\]]", "a]", "0..2"),
            ("", "[[:alpha:]]*", "12abc3", "2..5"),
            ("", "[[:digit:]]\\+", "ab123c", "2..5"),
            ("", "[[:space:]]", "a\tb", "1..2"),
            ("", "[[:alnum:]_]*", "-ab_1-", "1..5"),
            ("", "[[:upper:]][[:lower:]]", "xAbC", "1..3"),
            ("", "[[:punct:]]", "ab_c", "2..3"),
            ("", "[[.-.]]", "a-b", "1..2"),
            ("", "[[=a=]]b", "cab", "1..3"),
            ("", "[[:xdigit:]]*", "0xFfg", "0..1"),
            ("", "\\w\\+", "-- foo_1 --", "3..8"),
            ("", "\\W", "ab.c", "2..3"),
            ("", "\\s", "a b", "1..2"),
            ("", "\\S\\+", "  xy  ", "2..4"),
            ("", "\\bfoo\\b", "afoo foo", "5..8"),
            ("", "\\Bo", "foo", "1..2"),
            ("", "\\<b", "ab b", "3..4"),
            ("", "a\\>", "ab a", "3..4"),
            ("", "\\(a\\)\\1", "xaab", "1..3"),
            ("", "\\(a*\\)b\\1", "aabaa", "0..5"),
            ("", "\\(ab\\|a\\)\\(bc\\|c\\)", "abc", "0..3"),
            ("", ".*", "hello", "0..5"),
            ("", "x*", "abc", "empty"),
            ("E", "a|ab", "abcd", "0..2"),
            ("E", "(a|ab)(c|bcd)(d*)", "abcd", "0..4"),
            ("E", "(ab)+", "xababx", "1..5"),
            ("E", "colou?r", "colour", "0..6"),
            ("E", "a{2}", "aaa", "0..2"),
            ("E", "a{1,2}{2}", "aaaaa", "0..4"),
            ("E", "a{,}b", "aab", "0..3"),
            ("E", "a{", "a{", "0..2"),
            ("E", "a{1", "a{1", "0..3"),
            ("E", "a{x}", "a{x}", "0..4"),
            ("E", "()", "abc", "empty"),
            ("E", "a||b", "b", "0..1"),
            ("E", "x)y", "x)y", "0..3"),
            ("E", "(a))", "(a))", "1..3"),
            ("E", "^(ab|cd)$", "cd", "0..2"),
            ("E", "a^b", "a^b", ""),
            ("E", "a$b", "a$b", ""),
            ("E", "\\(a\\)", "(a)", "0..3"),
            ("E", "[0-9]+\\.[0-9]+", "v1.25.3", "1..5"),
            ("E", "(a)\\1", "aa", "0..2"),
            ("E", "^(HOSTNAME|NODE_VERSION)=", "NODE_VERSION=6.3.1", "0..13"),
            ("E", "Running|Pending", "web   0/1   Pending   0", "12..19"),
            ("E", "*a", "**a", "2..3"),
            ("E", "+x", "+x", "1..2"),
            ("i", "abc", "xABc", "1..4"),
            ("i", "[a-c]+", "X", ""),
            ("i", "[B-C]", "abc", "1..2"),
            ("i", "[^a]", "Aab", "2..3"),
            ("i", "[[:upper:]]", "abc", "0..1"),
            ("i", "\\(a\\)\\1", "aA", "0..2"),
            ("iE", "A|aB", "ab", "0..2"),
            ("w", "foo", "foobar foo", "7..10"),
            ("w", "foo", "foo_bar", ""),
            ("w", "fo*", "foobar foo", "7..10"),
            ("w", "ab*", "abb ab", "0..3"),
            ("x", "ab", "ab", "0..2"),
            ("x", "ab", "abc", ""),
            ("xE", "ab|abc", "abc", "0..3"),
            ("F", "a.c", "abc a.c", "4..7"),
            ("F", "[x]*", "a[x]*", "1..5"),
            ("Fi", "HELLO", "say hello", "4..9"),
            ("Fw", "foo", "foobar foo", "7..10"),
            ("Fx", "foo", "foo", "0..3"),
            ("E", "\\<(a|b)", "ca b", "3..4"),
            ("i", "[A-z]", "_", "0..1"),
            ("i", "[a-{]", "_B", "1..2"),
            ("i", "[a-Z]", "aZ", ""),
            ("", "10\\.[0-9.]*", "web-1   1/1   Running   0   5s   10.244.1.3   node-1", "33..43"),
    ];

    #[test]
    fn matches_leftmost_longest_as_gnu_grep_does() {
        let mut failures = Vec::new();
        for (flags, pattern, line, expected) in CASES {
            let regex = compile(flags, &[pattern]).unwrap_or_else(|message| panic!("grep -{flags} '{pattern}': {message}"));
            let found = match regex.find_iter(line).first() {
                Some((start, end)) => format!("{start}..{end}"),
                None if regex.is_match(line) => "empty".to_string(),
                None => String::new(),
            };
            if found != *expected || regex.is_match(line) == expected.is_empty() {
                failures.push(format!("grep -{flags} '{pattern}' on {line:?}: {found:?}, not {expected:?}"));
            }
        }
        assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    }

    #[test]
    fn finds_the_leftmost_match_even_when_it_is_empty() {
        assert_eq!(compile("", &["[[:alpha:]]*"]).unwrap().find("12abc3"), Some((0, 0)));
        assert_eq!(compile("E", &["x*|b"]).unwrap().find("abc"), Some((0, 0)));
        assert_eq!(compile("E", &["(a|ab)(c|bcd)(d*)"]).unwrap().find("xabcd"), Some((1, 5)));
    }

    /// GNU grep selects these lines (its dfa.c reads `^*` as an optional anchor and `{1` as
    /// literal) though its `-o` (glibc) then prints nothing or `1`; we follow the selection.
    #[test]
    fn selects_lines_where_gnu_grep_s_two_matchers_disagree() {
        assert_eq!(compile("E", &["^*a"]).unwrap().find("xa"), Some((1, 2)));
        assert_eq!(compile("E", &["{1"]).unwrap().find("{1"), Some((0, 2)));
    }

    /// (flags, pattern, what `grep -o` printed, space-separated): each search resumes where the
    /// last match ended and sees the whole line.
    #[test]
    fn finds_every_match_as_grep_o_does() {
        let cases = [
            ("", "\\w\\+", "kubectl get pods -o wide", "kubectl get pods o wide"),
            ("E", "[0-9]+", "a1b22c333", "1 22 333"),
            ("", "^a", "aaa", "a"),
            ("E", "x*", "axxbx", "xx x"),
            ("", "\\<.", "foo bar_baz qux", "f b q"),
            ("E", "a|ab", "abab", "ab ab"),
            ("w", "fo*", "foo fooo xfoo", "foo fooo"),
            ("i", "A", "aAbA", "a A A"),
            ("E", "\\bo", "foo o", "o"),
            ("", "b*", "abba", "bb"),
        ];
        for (flags, pattern, line, expected) in cases {
            let regex = compile(flags, &[pattern]).expect("valid");
            let found: Vec<&str> = regex.find_iter(line).into_iter().map(|(start, end)| &line[start..end]).collect();
            assert_eq!(found.join(" "), expected, "grep -o{flags} '{pattern}' on {line:?}");
        }
    }

    /// Each message is GNU grep 3.8's for the same pattern (it exits 2).
    #[test]
    fn refuses_invalid_patterns_as_gnu_grep_does() {
        let cases = [
            ("", "a[", "grep: Invalid regular expression"),
            ("", "[", "grep: Invalid regular expression"),
            ("", "[^", "grep: Invalid regular expression"),
            ("", "[a", "grep: Unmatched [, [^, [:, [., or [="),
            ("", "[]", "grep: Unmatched [, [^, [:, [., or [="),
            ("", "[^]", "grep: Unmatched [, [^, [:, [., or [="),
            ("", "[[:alpha:]", "grep: Unmatched [, [^, [:, [., or [="),
            ("", "[[:alpha", "grep: Unmatched [, [^, [:, [., or [="),
            ("", "[a-", "grep: Unmatched [, [^, [:, [., or [="),
            ("", "[[:foo:]]", "grep: Invalid character class name"),
            ("", "[:alpha:]", "grep: character class syntax is [[:space:]], not [:space:]"),
            ("", "[^:alpha:]", "grep: character class syntax is [[:space:]], not [:space:]"),
            ("", "[z-a]", "grep: Invalid range end"),
            ("", "[a-b-c]", "grep: Invalid range end"),
            ("", "[[:alpha:]-z]", "grep: Invalid range end"),
            ("", "[a-[:alpha:]]", "grep: Invalid range end"),
            ("", "[[.ab.]]", "grep: Invalid collation character"),
            ("", "[[=ab=]]", "grep: Invalid collation character"),
            ("", "\\(", "grep: Unmatched ( or \\("),
            ("", "\\(a\\|b", "grep: Unmatched ( or \\("),
            ("", "\\)", "grep: Unmatched ) or \\)"),
            ("", "a\\)", "grep: Unmatched ) or \\)"),
            ("E", "(", "grep: Unmatched ( or \\("),
            ("E", "(+)", "grep: Unmatched ( or \\("),
            ("E", "(^*)", "grep: Unmatched ( or \\("),
            ("", "a\\{1", "grep: Unmatched \\{"),
            ("", "a\\{1,2", "grep: Unmatched \\{"),
            ("", "a\\{1,0\\}", "grep: Invalid content of \\{\\}"),
            ("", "a\\{x\\}", "grep: Invalid content of \\{\\}"),
            ("", "a\\{1\\}\\}x\\{", "grep: Unmatched \\{"),
            ("", "x\\{\\}", "grep: Invalid content of \\{\\}"),
            ("E", "a{1,0}", "grep: Invalid content of \\{\\}"),
            ("E", "a{1,2,3}", "grep: Invalid content of \\{\\}"),
            ("E", "x{}", "grep: Invalid content of \\{\\}"),
            ("", "a\\{32768\\}", "grep: Regular expression too big"),
            ("E", "x{99999}", "grep: Regular expression too big"),
            ("", "a\\", "grep: Trailing backslash"),
            ("E", "a\\", "grep: Trailing backslash"),
            ("", "\\1", "grep: Invalid back reference"),
            ("", "\\(a\\)\\2", "grep: Invalid back reference"),
            ("E", "(a)|\\1", "grep: Invalid back reference"),
            ("E", "(a\\1)", "grep: Invalid back reference"),
            ("i", "[Z-a]", "grep: Invalid range end"),
        ];
        for (flags, pattern, expected) in cases {
            let message = compile(flags, &[pattern]).err();
            assert_eq!(message.map(|m| format!("grep: {m}")).as_deref(), Some(expected), "grep -{flags} '{pattern}'");
        }
    }

    #[test]
    fn warns_as_gnu_grep_does_about_an_operator_starting_an_ere() {
        let cases = [
            ("*a", "grep: warning: * at start of expression\n"),
            ("a|*b|+c", "grep: warning: * at start of expression\ngrep: warning: + at start of expression\n"),
            ("(?x)", "grep: warning: ? at start of expression\n"),
            ("^*", "grep: warning: * at start of expression\n"),
            ("{1}a", "grep: warning: {...} at start of expression\n"),
            ("{,}", "grep: warning: {...} at start of expression\n"),
            ("*{1}+", "grep: warning: * at start of expression\ngrep: warning: {...} at start of expression\n"),
            ("({1})a", "grep: warning: {...} at start of expression\n"),
            ("a{1}", ""),
            ("x$*", ""),
        ];
        for (pattern, expected) in cases {
            let regex = compile("E", &[pattern]).expect("valid");
            let printed: String = regex.warnings.iter().map(|w| format!("grep: warning: {w}\n")).collect();
            assert_eq!(printed, expected, "grep -E '{pattern}'");
        }
    }

    #[test]
    fn matches_any_of_several_patterns_each_with_its_own_groups() {
        let regex = compile("", &["fo*", "foob", "\\(x\\)\\1"]).unwrap();
        assert_eq!(regex.find("a foob"), Some((2, 6)));
        assert_eq!(regex.find("axx"), Some((1, 3)));
        assert!(!compile("", &["b", ""]).unwrap().find("a").is_none());
    }

    /// Patterns that make a naive backtracker take exponential time, and patterns too large or
    /// too deep to build, all answer at once.
    #[test]
    fn never_hangs_or_overflows() {
        let long = "a".repeat(2000);
        for (flags, pattern) in [("", "\\(a*\\)*b"), ("E", "(a|a)*b"), ("E", "(a*)*(a*)*(a*)*$"), ("", "\\(.*\\)\\(.*\\)\\2\\1b"), ("E", "(a?){30}a{30}")] {
            let regex = compile(flags, &[pattern]).unwrap();
            let _ = regex.find_iter(&long);
            let _ = regex.is_match(&long);
        }
        assert_eq!(compile("E", &["(a{1000}){1000}"]).err(), Some(TOO_BIG));
        assert_eq!(compile("E", &["(){32767}{32767}"]).err(), Some(TOO_BIG));
        assert_eq!(compile("E", &[&"(".repeat(5000)]).err(), Some(TOO_BIG));
        assert_eq!(compile("E", &[&format!("a{}", "*".repeat(5000))]).err(), Some(TOO_BIG));
    }

    /// Every pattern of up to three characters from regex syntax compiles or is refused, and
    /// matches without panicking.
    #[test]
    fn no_short_pattern_panics() {
        let alphabet: Vec<char> = "\\()[]{}*+?|^$.a1,-:=w<".chars().collect();
        let mut patterns = vec![String::new()];
        for _ in 0..3 {
            patterns = patterns.iter().flat_map(|p| alphabet.iter().map(move |c| format!("{p}{c}"))).chain(patterns.clone()).collect();
        }
        for pattern in &patterns {
            for flags in ["", "E", "iw"] {
                if let Ok(regex) = compile(flags, &[pattern]) {
                    let _ = regex.find_iter("a1 (b)[c]{d}*+?|^$.\\-:=");
                }
            }
        }
    }
}
