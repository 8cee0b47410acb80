//! Policy files as spanned trees: RON text parsed into [`Node`]s that remember where every
//! value was written (file and byte range), before anything gives them a type.
//!
//! The loader works on these trees: sector overlays are merged onto them by id
//! ([`super::merge`]), then [`super::de`] gives them their typed shape. Because every value keeps
//! its span through the merge, a problem found in any value points at the line and column where
//! it was written, in the base or in the overlay. Parsing also refuses what serde would pass
//! silently: a key written twice in one map or record.

use std::collections::HashMap;
use std::fmt;

use crate::message::Msg;

/// Index of a file in the loader's [`super::Sources`].
pub type FileId = u32;

/// Where a value was written: a byte range in one file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// The file.
    pub file: FileId,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    fn new(file: FileId, start: usize, end: usize) -> Self {
        Self {
            file,
            start: start as u32,
            end: end as u32,
        }
    }

    /// Length in bytes (at least 1, so an empty span still marks a place).
    pub fn len(&self) -> usize {
        (self.end.saturating_sub(self.start) as usize).max(1)
    }
}

/// One value of a policy file.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// What was written.
    pub kind: Kind,
    /// Where.
    pub span: Span,
    /// The file that last set something directly in this record: the file of `span`, or the
    /// overlay that patched one of its fields.
    pub origin: FileId,
}

/// A field of a record: `name: value`.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The field name.
    pub name: String,
    /// Where the name is written.
    pub name_span: Span,
    /// Its value.
    pub value: Node,
}

/// The kinds of RON value policy files use.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// `true` or `false`.
    Bool(bool),
    /// A number as written (`-20`, `0.05`, `1e3`, `inf`, `NaN`).
    Number(f64),
    /// A quoted string.
    Str(String),
    /// A bare word: a unit variant (`Product`, `All`) or `None`.
    Ident(String),
    /// `[a, b]`.
    List(Vec<Node>),
    /// `{"key": value}`.
    Map(Vec<(Node, Node)>),
    /// `Name(field: value, …)` or `(field: value, …)`.
    Record {
        /// The name before the parenthesis, if any.
        name: Option<String>,
        /// Fields in the order written.
        fields: Vec<Field>,
    },
    /// `Name(a, b)` or `(a, b)`: a tuple, a newtype variant such as `Each(-2)`, or `Some(x)`.
    Tuple {
        /// The name before the parenthesis, if any.
        name: Option<String>,
        /// Items in order.
        items: Vec<Node>,
    },
}

impl Node {
    /// The value of field `name`, when this is a record that has it.
    pub fn field(&self, name: &str) -> Option<&Node> {
        match &self.kind {
            Kind::Record { fields, .. } => fields.iter().find(|f| f.name == name).map(|f| &f.value),
            _ => None,
        }
    }

    /// The text of a string value.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Words for the kind of value, as an editor reads them.
    pub fn describe(&self) -> Msg {
        let kind = match &self.kind {
            Kind::Bool(_) => "bool",
            Kind::Number(_) => "number",
            Kind::Str(_) => "string",
            Kind::Ident(_) => "name",
            Kind::List(_) => "list",
            Kind::Map(_) => "map",
            Kind::Record { .. } => "record",
            Kind::Tuple { .. } => "tuple",
        };
        Msg::new("policy-kind").arg("kind", kind)
    }
}

/// Records that name something in Chinese and English (`zh`, `en`) with one of them left
/// empty: `(span of the empty name, "zh" or "en")`, in file order.
pub fn empty_names(node: &Node, out: &mut Vec<(Span, &'static str)>) {
    match &node.kind {
        Kind::Record { fields, .. } => {
            let zh = fields.iter().find(|f| f.name == "zh");
            let en = fields.iter().find(|f| f.name == "en");
            if let (Some(zh), Some(en)) = (zh, en) {
                for (f, lang) in [(zh, "zh"), (en, "en")] {
                    if f.value.as_str().is_some_and(|s| s.trim().is_empty()) {
                        out.push((f.value.span, lang));
                    }
                }
            }
            for f in fields {
                empty_names(&f.value, out);
            }
        }
        Kind::List(items) | Kind::Tuple { items, .. } => {
            for item in items {
                empty_names(item, out);
            }
        }
        Kind::Map(entries) => {
            for (_, v) in entries {
                empty_names(v, out);
            }
        }
        _ => {}
    }
}

/// A syntax problem: where, and what was expected.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    /// Where parsing stopped (or the key written twice).
    pub span: Span,
    /// What is wrong.
    pub message: Msg,
    /// Where the first of two equal keys is, for a duplicate.
    pub first: Option<Span>,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message.word(crate::text::Lang::default()))
    }
}

/// Parses a whole policy file (a leading byte-order mark is allowed). A syntax error stops the
/// parse; keys written twice are all collected, so the result is the tree or every problem.
pub fn parse(text: &str, file: FileId) -> Result<Node, Vec<SyntaxError>> {
    let mut p = Parser {
        text,
        at: usize::from(text.starts_with('\u{feff}')) * 3,
        file,
        duplicates: Vec::new(),
        depth: 0,
    };
    let node = p
        .skip()
        .and_then(|()| p.value())
        .and_then(|n| p.skip().map(|()| n))
        .and_then(|n| match p.peek() {
            None => Ok(n),
            Some(c) => Err(p.error(Msg::new("policy-syntax-after-end").arg("char", c.to_string()))),
        });
    p.duplicates.sort_by_key(|d| d.span.start);
    match node {
        Ok(n) if p.duplicates.is_empty() => Ok(n),
        Ok(_) => Err(p.duplicates),
        Err(e) => {
            let mut all = p.duplicates;
            all.push(e);
            Err(all)
        }
    }
}

/// Where `key` was first written, or `None` (remembering `at`) when this is the first time.
fn first_of<'a>(seen: &mut HashMap<&'a str, Span>, key: &'a str, at: Span) -> Option<Span> {
    match seen.get(key) {
        Some(first) => Some(*first),
        None => {
            seen.insert(key, at);
            None
        }
    }
}

/// Deepest nesting accepted (a policy file nests a handful of levels; this guards the stack).
const MAX_DEPTH: usize = 128;

struct Parser<'a> {
    text: &'a str,
    at: usize,
    file: FileId,
    duplicates: Vec<SyntaxError>,
    depth: usize,
}

type Parsed<T> = Result<T, SyntaxError>;

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    fn span_from(&self, start: usize) -> Span {
        Span::new(self.file, start, self.at)
    }

    fn error(&self, message: Msg) -> SyntaxError {
        let len = self.peek().map_or(0, char::len_utf8);
        SyntaxError {
            span: Span::new(self.file, self.at, self.at + len),
            message,
            first: None,
        }
    }

    fn found(&self) -> Msg {
        let rest = &self.text[self.at..];
        let word = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        match rest.chars().next() {
            None => Msg::new("policy-syntax-found-end"),
            Some(_) if word > 0 => Msg::new("policy-syntax-found").arg("text", &rest[..word]),
            Some(c) => Msg::new("policy-syntax-found").arg("text", c.to_string()),
        }
    }

    /// Skips whitespace and comments (`// …` and nested `/* … */`).
    fn skip(&mut self) -> Parsed<()> {
        loop {
            let rest = &self.text[self.at..];
            let trimmed = rest.trim_start();
            self.at += rest.len() - trimmed.len();
            if trimmed.starts_with("//") {
                self.at += trimmed.find('\n').unwrap_or(trimmed.len());
            } else if trimmed.starts_with("/*") {
                let start = self.at;
                let mut depth = 0usize;
                loop {
                    let rest = &self.text[self.at..];
                    if rest.starts_with("/*") {
                        depth += 1;
                        self.at += 2;
                    } else if rest.starts_with("*/") {
                        depth -= 1;
                        self.at += 2;
                        if depth == 0 {
                            break;
                        }
                    } else if let Some(c) = rest.chars().next() {
                        self.at += c.len_utf8();
                    } else {
                        self.at = start;
                        return Err(self.error(Msg::new("policy-syntax-comment-unclosed")));
                    }
                }
            } else {
                return Ok(());
            }
        }
    }

    fn eat(&mut self, c: char) -> Parsed<bool> {
        self.skip()?;
        if self.peek() == Some(c) {
            self.at += c.len_utf8();
            Ok(true)
        } else {
            Ok(false)
        }
    }

    fn node(&self, kind: Kind, start: usize) -> Node {
        Node {
            kind,
            span: self.span_from(start),
            origin: self.file,
        }
    }

    fn value(&mut self) -> Parsed<Node> {
        self.skip()?;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(Msg::new("policy-syntax-too-deep").arg("n", MAX_DEPTH)));
        }
        let start = self.at;
        let node = match self.peek() {
            None => Err(self.error(Msg::new("policy-syntax-value-missing"))),
            Some('"') => self.string().map(|s| self.node(Kind::Str(s), start)),
            Some('[') => self.list(start),
            Some('{') => self.map(start),
            Some('(') => self.parens(None, start),
            Some(c) if c == '-' || c == '+' || c == '.' || c.is_ascii_digit() => self.number(start),
            Some('r') if matches!(self.text[self.at + 1..].chars().next(), Some('"' | '#')) => {
                self.raw_string().map(|s| self.node(Kind::Str(s), start))
            }
            Some(c) if c.is_alphabetic() || c == '_' => self.word(start),
            Some(_) => {
                Err(self.error(Msg::new("policy-syntax-expected-value").arg("found", self.found())))
            }
        };
        self.depth -= 1;
        node
    }

    fn word(&mut self, start: usize) -> Parsed<Node> {
        let name = self.ident();
        match name.as_str() {
            "true" => return Ok(self.node(Kind::Bool(true), start)),
            "false" => return Ok(self.node(Kind::Bool(false), start)),
            "inf" => return Ok(self.node(Kind::Number(f64::INFINITY), start)),
            "NaN" => return Ok(self.node(Kind::Number(f64::NAN), start)),
            _ => {}
        }
        let before = self.at;
        self.skip()?;
        if self.peek() == Some('(') {
            self.parens(Some(name), start)
        } else {
            self.at = before;
            Ok(self.node(Kind::Ident(name), start))
        }
    }

    fn ident(&mut self) -> String {
        let rest = &self.text[self.at..];
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        self.at += len;
        rest[..len].to_string()
    }

    fn number(&mut self, start: usize) -> Parsed<Node> {
        let rest = &self.text[self.at..];
        let signed = rest.starts_with(['-', '+']);
        let body = &rest[usize::from(signed)..];
        if body.starts_with("inf") {
            self.at += usize::from(signed) + 3;
            let v = if rest.starts_with('-') {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            };
            return Ok(self.node(Kind::Number(v), start));
        }
        if body.starts_with("NaN") {
            self.at += usize::from(signed) + 3;
            return Ok(self.node(Kind::Number(f64::NAN), start));
        }
        let mut len = usize::from(signed);
        let bytes = rest.as_bytes();
        while len < bytes.len() {
            let b = bytes[len];
            let exponent_sign = (b == b'-' || b == b'+') && matches!(bytes[len - 1], b'e' | b'E');
            if b.is_ascii_digit()
                || b == b'.'
                || b == b'_'
                || b == b'e'
                || b == b'E'
                || exponent_sign
            {
                len += 1;
            } else {
                break;
            }
        }
        let written = &rest[..len];
        self.at += len;
        let clean: String = written.chars().filter(|&c| c != '_').collect();
        match clean.parse::<f64>() {
            Ok(v) => Ok(self.node(Kind::Number(v), start)),
            Err(_) => Err(SyntaxError {
                span: self.span_from(start),
                message: Msg::new("policy-syntax-not-number").arg("written", written),
                first: None,
            }),
        }
    }

    fn string(&mut self) -> Parsed<String> {
        let start = self.at;
        self.at += 1;
        let mut out = String::new();
        loop {
            let rest = &self.text[self.at..];
            let Some(c) = rest.chars().next() else {
                self.at = start;
                return Err(self.error(Msg::new("policy-syntax-string-unclosed")));
            };
            self.at += c.len_utf8();
            match c {
                '"' => return Ok(out),
                '\\' => out.push(self.escape()?),
                c => out.push(c),
            }
        }
    }

    fn escape(&mut self) -> Parsed<char> {
        let at = self.at - 1;
        let Some(c) = self.peek() else {
            return Err(self.error(Msg::new("policy-syntax-escape-at-end")));
        };
        self.at += c.len_utf8();
        let bad = |p: &Self| SyntaxError {
            span: p.span_from(at),
            message: Msg::new("policy-syntax-bad-escape"),
            first: None,
        };
        Ok(match c {
            '"' => '"',
            '\\' => '\\',
            '/' => '/',
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            '0' => '\0',
            'u' => {
                let rest = &self.text[self.at..];
                let (hex, used) = if let Some(inner) = rest.strip_prefix('{') {
                    let end = inner.find('}').ok_or_else(|| bad(self))?;
                    (&inner[..end], end + 2)
                } else {
                    (rest.get(..4).ok_or_else(|| bad(self))?, 4)
                };
                let code = u32::from_str_radix(hex, 16).map_err(|_| bad(self))?;
                self.at += used;
                char::from_u32(code).ok_or_else(|| bad(self))?
            }
            _ => return Err(bad(self)),
        })
    }

    fn raw_string(&mut self) -> Parsed<String> {
        let start = self.at;
        self.at += 1;
        let hashes = self.text[self.at..]
            .chars()
            .take_while(|&c| c == '#')
            .count();
        self.at += hashes;
        if self.peek() != Some('"') {
            return Err(self.error(Msg::new("policy-syntax-raw-open")));
        }
        self.at += 1;
        let close = format!("\"{}", "#".repeat(hashes));
        match self.text[self.at..].find(&close) {
            Some(end) => {
                let s = self.text[self.at..self.at + end].to_string();
                self.at += end + close.len();
                Ok(s)
            }
            None => {
                self.at = start;
                Err(self.error(Msg::new("policy-syntax-raw-unclosed")))
            }
        }
    }

    /// Items separated by commas up to `close`; a trailing comma is allowed.
    fn items<T>(
        &mut self,
        close: char,
        mut item: impl FnMut(&mut Self) -> Parsed<T>,
    ) -> Parsed<Vec<T>> {
        let mut out = Vec::new();
        loop {
            if self.eat(close)? {
                return Ok(out);
            }
            out.push(item(self)?);
            if self.eat(close)? {
                return Ok(out);
            }
            if !self.eat(',')? {
                // The next field begins where this one should have ended with a comma.
                let rest = &self.text[self.at..];
                let word = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(0);
                let next_field = word > 0 && rest[word..].trim_start().starts_with(':');
                let code = if next_field {
                    Msg::new("policy-syntax-comma-missing")
                } else {
                    Msg::new("policy-syntax-expected-separator")
                };
                let found = self.found();
                return Err(self.error(code.arg("close", close.to_string()).arg("found", found)));
            }
        }
    }

    fn list(&mut self, start: usize) -> Parsed<Node> {
        self.at += 1;
        let items = self.items(']', Self::value)?;
        Ok(self.node(Kind::List(items), start))
    }

    fn map(&mut self, start: usize) -> Parsed<Node> {
        self.at += 1;
        let entries = self.items('}', |p| {
            let key = p.value()?;
            if !p.eat(':')? {
                return Err(p.error(Msg::new("policy-syntax-key-colon").arg("found", p.found())));
            }
            Ok((key, p.value()?))
        })?;
        // Keys are strings in policy files; other keys are compared one by one.
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for (n, (key, _)) in entries.iter().enumerate() {
            let first = match key.as_str() {
                Some(text) => first_of(&mut seen, text, key.span),
                None => entries[..n]
                    .iter()
                    .find(|(k, _)| k.kind == key.kind)
                    .map(|(k, _)| k.span),
            };
            if let Some(first) = first {
                let message = match key.as_str() {
                    Some(s) => Msg::new("policy-syntax-key-twice").arg("key", s),
                    None => Msg::new("policy-syntax-this-key-twice"),
                };
                self.duplicates.push(SyntaxError {
                    span: key.span,
                    message,
                    first: Some(first),
                });
            }
        }
        Ok(self.node(Kind::Map(entries), start))
    }

    /// `( … )` after an optional name: a record when the first item is `word:`, else a tuple.
    fn parens(&mut self, name: Option<String>, start: usize) -> Parsed<Node> {
        self.skip()?;
        self.at += 1;
        self.skip()?;
        let rest = &self.text[self.at..];
        let word_len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let after = rest[word_len..].trim_start();
        let is_record = word_len > 0
            && !rest.starts_with(|c: char| c.is_ascii_digit())
            && after.starts_with(':')
            && !after.starts_with("::");
        if !is_record {
            let items = self.items(')', Self::value)?;
            return Ok(self.node(Kind::Tuple { name, items }, start));
        }
        let fields = self.items(')', |p| {
            p.skip()?;
            let at = p.at;
            let field = p.ident();
            if field.is_empty() {
                return Err(p.error(Msg::new("policy-syntax-field-name").arg("found", p.found())));
            }
            let name_span = p.span_from(at);
            if !p.eat(':')? {
                return Err(p.error(
                    Msg::new("policy-syntax-field-colon")
                        .arg("field", &field)
                        .arg("found", p.found()),
                ));
            }
            Ok(Field {
                name: field,
                name_span,
                value: p.value()?,
            })
        })?;
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for f in &fields {
            if let Some(first) = first_of(&mut seen, &f.name, f.name_span) {
                self.duplicates.push(SyntaxError {
                    span: f.name_span,
                    message: Msg::new("policy-syntax-field-twice").arg("field", &f.name),
                    first: Some(first),
                });
            }
        }
        Ok(self.node(Kind::Record { name, fields }, start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> Kind {
        parse(text, 0).expect("parses").kind
    }

    #[test]
    fn records_tuples_and_unit_words() {
        let Kind::Record { name, fields } = kind("Credit(base: 100, same: Product, p: Each(-2))")
        else {
            panic!("a record");
        };
        assert_eq!(name.as_deref(), Some("Credit"));
        assert_eq!(fields[0].value.kind, Kind::Number(100.0));
        assert_eq!(fields[1].value.kind, Kind::Ident("Product".into()));
        assert!(
            matches!(&fields[2].value.kind, Kind::Tuple { name: Some(n), items } if n == "Each" && items.len() == 1)
        );
    }

    #[test]
    fn spans_cover_the_value_as_written() {
        let text = "( a: [1, 2],\n  b: \"陶瓷\" )";
        let node = parse(text, 3).expect("parses");
        let b = node.field("b").expect("b");
        assert_eq!(
            &text[b.span.start as usize..b.span.end as usize],
            "\"陶瓷\""
        );
        assert_eq!(b.span.file, 3);
    }

    #[test]
    fn a_byte_order_mark_and_comments_are_skipped() {
        assert_eq!(
            kind("\u{feff}// c\n/* x /* nested */ */ 5"),
            Kind::Number(5.0)
        );
    }

    #[test]
    fn a_key_written_three_times_points_twice_at_the_first() {
        let errors = parse("{\"k\": 1, \"k\": 2, \"k\": 3}", 0).expect_err("duplicates");
        assert_eq!(errors.len(), 2);
        assert!(
            errors.iter().all(|e| e.first.map(|s| s.start) == Some(1)),
            "{errors:?}"
        );
    }

    #[test]
    fn keys_written_twice_are_each_reported() {
        let errors = parse("(a: 1, a: 2, m: {\"k\": 1, \"k\": 2})", 0).expect_err("duplicates");
        assert_eq!(errors.len(), 2);
        let en = |e: &SyntaxError| e.message.word(crate::text::Lang::En);
        assert!(en(&errors[0]).contains("`a`"));
        assert!(en(&errors[1]).contains("`k`"));
        let zh = errors[1].message.word(crate::text::Lang::Zh);
        assert!(zh.contains("`k`") && zh.contains("两次"), "{zh}");
    }

    #[test]
    fn non_finite_numbers_parse_so_that_checks_can_refuse_them() {
        assert!(matches!(kind("NaN"), Kind::Number(v) if v.is_nan()));
        assert_eq!(kind("1e400"), Kind::Number(f64::INFINITY));
        assert_eq!(kind("-inf"), Kind::Number(f64::NEG_INFINITY));
    }

    #[test]
    fn escapes_and_raw_strings() {
        assert_eq!(kind(r#""a\"b\u{4e2d}\n""#), Kind::Str("a\"b中\n".into()));
        assert_eq!(kind(r##"r#"x"y"#"##), Kind::Str("x\"y".into()));
    }

    #[test]
    fn a_shipped_file_cut_or_damaged_anywhere_is_an_error_never_a_panic() {
        let text = include_str!("../../policies/base/credit.ron");
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(3).collect();
        for &at in &cuts {
            let cut = &text[..at];
            let damaged: String = text[..at]
                .chars()
                .chain(text[at..].chars().skip(1))
                .collect();
            for input in [cut, damaged.as_str()] {
                if let Err(errors) = parse(input, 0) {
                    for e in errors {
                        assert!(e.span.start as usize <= input.len(), "{e:?}");
                        assert!(input.is_char_boundary(e.span.start as usize));
                    }
                }
            }
        }
    }

    #[test]
    fn an_unclosed_list_points_at_the_end() {
        let errors = parse("[1, 2", 0).expect_err("unclosed");
        let en = errors[0].message.word(crate::text::Lang::En);
        assert!(en.contains("expected `,` or `]`"), "{en}");
        let zh = errors[0].message.word(crate::text::Lang::Zh);
        assert!(zh.contains("`,` 或 `]`"), "{zh}");
    }
}
