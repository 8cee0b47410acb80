//! Problems found in policy and data files, written for the editor who must fix them.
//!
//! Every problem names its file and, where it can, the line and column with a snippet of the
//! source. Loaders collect all the problems they find instead of stopping at the first, so one
//! `cogov check` shows everything that needs fixing.

mod snippet;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::message::Msg;
use crate::text::Lang;
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};
use snippet::{LineIndex, Snippet};

/// How many lines after a record's id its fields are looked for.
const RECORD_LINES: usize = 1;

/// A text file read for loading, kept so that problems can point into it.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as the user gave it (or relative to the policy folder).
    pub path: PathBuf,
    /// The whole text (shared with the problems that quote it; an `Arc<String>` rather than
    /// an `Arc<str>`, which would copy a large file once more).
    pub text: Arc<String>,
}

impl SourceFile {
    /// Reads a file as UTF-8 text; a missing or unreadable file is a problem naming it.
    pub fn read(path: &Path) -> Result<Self, Problem> {
        let bytes =
            std::fs::read(path).map_err(|e| Problem::in_file(path, cannot_read(io_reason(&e))))?;
        Self::decode(path, bytes)
    }

    /// UTF-8 text with or without a byte-order mark (Notepad and WPS write one); UTF-16 and
    /// GBK text are recognised and named, so the editor knows what to save the file as.
    pub fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<Self, Problem> {
        if bytes.starts_with(&[0xef, 0xbb, 0xbf]) {
            bytes.drain(..3);
        }
        let utf16 = bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]);
        match String::from_utf8(bytes) {
            Ok(text) if !utf16 => Ok(Self::new(path, text)),
            Ok(_) => Err(not_utf8(path, Msg::new("file-utf16"))),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                if utf16 {
                    return Err(not_utf8(path, Msg::new("file-utf16")));
                }
                let (_, _, gbk_failed) = encoding_rs::GB18030.decode(&bytes);
                if !gbk_failed {
                    return Err(not_utf8(path, Msg::new("file-gbk")));
                }
                Err(Problem::in_file(path, Msg::new("file-not-utf8"))
                    .with_help(Msg::new("file-first-bad-byte").arg("offset", at)))
            }
        }
    }

    /// Wraps text already in memory.
    pub fn new(path: &Path, text: impl Into<String>) -> Self {
        Self {
            path: path.to_path_buf(),
            text: Arc::new(text.into()),
        }
    }

    /// Byte offset of a 1-based line and character column.
    pub fn offset(&self, line: usize, col: usize) -> usize {
        let mut offset = 0;
        for (n, l) in self.text.split_inclusive('\n').enumerate() {
            if n + 1 == line {
                let within: usize = l
                    .chars()
                    .take(col.saturating_sub(1))
                    .map(char::len_utf8)
                    .sum();
                return offset + within;
            }
            offset += l.len();
        }
        self.text.len()
    }

    /// 1-based line and character column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let before = &self.text[..offset.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[line_start..].chars().count() + 1)
    }

    /// Offset of the `nth` (0-based) occurrence of `value` written as a quoted string.
    pub fn find_quoted(&self, value: &str, nth: usize) -> Option<usize> {
        let needle = format!("\"{value}\"");
        self.text.match_indices(&needle).nth(nth).map(|(i, _)| i)
    }

    /// Offset of `key` used as a field name (`key:` in RON, `"key":` in JSON) at or after `from`.
    pub fn find_key_after(&self, from: usize, key: &str) -> Option<usize> {
        let rest = self.text.get(from..)?;
        let mut search = 0;
        while let Some(i) = rest[search..].find(key) {
            let at = search + i;
            let before = rest[..at].chars().next_back();
            let after = rest[at + key.len()..].trim_start_matches('"').trim_start();
            let starts_word = !before.is_some_and(|c| c.is_alphanumeric() || c == '_');
            if starts_word && after.starts_with(':') {
                return Some(from + at);
            }
            search = at + key.len();
        }
        None
    }

    /// A problem at a byte offset in this file, spanning `len` bytes.
    pub fn problem_at(&self, offset: usize, len: usize, message: impl Into<Msg>) -> Problem {
        Problem(Box::new(Detail {
            path: self.path.clone(),
            source: Some(self.text.clone()),
            span: Some((offset.min(self.text.len()), len)),
            message: message.into(),
            help: Vec::new(),
            warning: false,
        }))
    }

    /// A problem at a 1-based line and column.
    pub fn problem_at_line(&self, line: usize, col: usize, message: impl Into<Msg>) -> Problem {
        let offset = self.offset(line, col);
        self.problem_at(offset, 1, message)
    }

    /// A problem pointing at the `nth` quoted occurrence of `value`, or at the file as a whole.
    pub fn problem_at_value(&self, value: &str, nth: usize, message: impl Into<Msg>) -> Problem {
        match self.find_quoted(value, nth) {
            Some(at) => self.problem_at(at, value.len() + 2, message),
            None => Problem::in_file(&self.path, message),
        }
    }

    /// A problem pointing at the first use of `key` as a field name.
    pub fn problem_at_key(&self, key: &str, message: impl Into<Msg>) -> Problem {
        match self.find_key_after(0, key) {
            Some(at) => self.problem_at(at, key.len(), message),
            None => Problem::in_file(&self.path, message),
        }
    }

    /// A problem pointing at field `key` of the record whose id `record` is quoted in the file.
    pub fn problem_at_field(
        &self,
        record: &str,
        nth: usize,
        key: &str,
        message: impl Into<Msg>,
    ) -> Problem {
        let Some(start) = self.find_quoted(record, nth) else {
            return Problem::in_file(&self.path, message);
        };
        // The field belongs to the record when it follows within the record's next lines.
        let window_end = self.text[start..]
            .match_indices('\n')
            .nth(RECORD_LINES)
            .map_or(self.text.len(), |(i, _)| start + i);
        match self
            .find_key_after(start, key)
            .filter(|&at| at < window_end)
        {
            Some(at) => self.problem_at(at, key.len(), message),
            None => self.problem_at(start, record.len() + 2, message),
        }
    }
}

fn not_utf8(path: &Path, what: Msg) -> Problem {
    Problem::in_file(path, what).with_help(Msg::new("file-save-as-utf8"))
}

/// "cannot read the file: …" with the reason.
pub fn cannot_read(why: Msg) -> Msg {
    Msg::new("file-cannot-read").arg("why", why)
}

/// Why a file could not be read: the system's words in English, the kind of failure in Chinese.
pub fn io_reason(e: &std::io::Error) -> Msg {
    let kind = match e.kind() {
        std::io::ErrorKind::NotFound => "not-found",
        std::io::ErrorKind::PermissionDenied => "denied",
        std::io::ErrorKind::IsADirectory => "folder",
        _ => "other",
    };
    Msg::new("file-io-reason")
        .arg("kind", kind)
        .arg("detail", e.to_string())
}

/// One problem in one file: what was expected, what was found, and where.
#[derive(Clone, Debug)]
pub struct Problem(Box<Detail>);

/// What a [`Problem`] holds (boxed: problems travel in `Result`s on every load path).
#[derive(Clone, Debug)]
struct Detail {
    path: PathBuf,
    source: Option<Arc<String>>,
    span: Option<(usize, usize)>,
    message: Msg,
    /// Context notes first, then advice.
    help: Vec<Msg>,
    warning: bool,
}

impl Problem {
    /// A problem about a whole file (or a file that could not be read).
    pub fn in_file(path: &Path, message: impl Into<Msg>) -> Self {
        Self(Box::new(Detail {
            path: path.to_path_buf(),
            source: None,
            span: None,
            message: message.into(),
            help: Vec::new(),
            warning: false,
        }))
    }

    /// Adds advice on how to fix the problem.
    pub fn with_help(mut self, help: impl Into<Msg>) -> Self {
        self.0.help.push(help.into());
        self
    }

    /// The same problem as a warning: worth fixing, but the policies stay usable.
    pub fn into_warning(mut self) -> Self {
        self.0.warning = true;
        self
    }

    /// True for a warning (a lint), false for an error.
    pub fn is_warning(&self) -> bool {
        self.0.warning
    }

    /// Adds a line of context before any advice (which sector, which step).
    pub fn with_note(mut self, note: impl Into<Msg>) -> Self {
        self.0.help.insert(0, note.into());
        self
    }

    /// The notes and advice, as data (notes first).
    pub fn help(&self) -> &[Msg] {
        &self.0.help
    }

    /// The file the problem is in.
    pub fn path(&self) -> &Path {
        &self.0.path
    }

    /// What is wrong, as data.
    pub fn msg(&self) -> &Msg {
        &self.0.message
    }

    /// What is wrong, in one line of `lang`.
    pub fn text(&self, lang: Lang) -> String {
        self.0.message.word(lang)
    }

    /// The notes and advice on how to fix it, one line each, if any.
    pub fn advice(&self, lang: Lang) -> Option<String> {
        let lines: Vec<String> = self.0.help.iter().map(|h| h.word(lang)).collect();
        (!lines.is_empty()).then(|| lines.join("\n"))
    }

    /// 1-based line and column, when the problem points into the file.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        let (offset, _) = self.0.span?;
        let text = self.0.source.as_ref()?;
        Some(
            SourceFile {
                path: self.0.path.clone(),
                text: text.clone(),
            }
            .line_col(offset),
        )
    }

    /// `file:line:col` (or just the file).
    pub fn location(&self) -> String {
        match self.line_col() {
            Some((line, col)) => format!("{}:{line}:{col}", self.0.path.display()),
            None => self.0.path.display().to_string(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.text(Lang::default()))
    }
}

impl std::error::Error for Problem {}

/// A problem worded in one language, for miette to draw; control characters in the words
/// (names from the data, reasons from scripts) are made inert.
struct Worded<'a> {
    problem: &'a Problem,
    message: String,
    help: Option<String>,
    snippet: Option<Snippet>,
}

impl<'a> Worded<'a> {
    /// The problem in `lang`, located and its snippet cut out with the files' `index`.
    fn new(problem: &'a Problem, lang: Lang, index: &mut LineIndex) -> Self {
        let inert = |s: String| crate::value::inert(&s).into_owned();
        let d = &problem.0;
        let path = d.path.display().to_string();
        let (location, snippet) = match (&d.source, d.span) {
            (Some(text), Some((offset, len))) => {
                let (line, col) = index.line_col(text, offset);
                let snippet = index.snippet(path.clone(), text, offset, len);
                (format!("{path}:{line}:{col}"), Some(snippet))
            }
            _ => (path, None),
        };
        Self {
            problem,
            message: inert(format!("{location}: {}", problem.text(lang))),
            help: problem.advice(lang).map(inert),
            snippet,
        }
    }
}

impl fmt::Debug for Worded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Worded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Worded<'_> {}

impl Diagnostic for Worded<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(if self.problem.0.warning {
            miette::Severity::Warning
        } else {
            miette::Severity::Error
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.snippet.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (offset, len) = self.problem.0.span?;
        let label = LabeledSpan::new(None, offset, len);
        Some(Box::new(std::iter::once(label)))
    }
}

/// Every problem found in one load: the reason a policy set or dataset was refused.
#[derive(Clone, Debug, Default)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    /// Adds a problem.
    pub fn push(&mut self, problem: Problem) {
        self.0.push(problem);
    }

    /// True when nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when no problem was found, else all of them.
    pub fn into_result<T>(self, value: T) -> Result<T, Problems> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }

    /// Renders every problem with its snippet in `lang`, without colour (stable for
    /// snapshots and logs).
    pub fn render_plain(&self, lang: Lang) -> String {
        self.render(GraphicalTheme::unicode_nocolor(), lang)
    }

    /// Renders every problem with its snippet in the given theme and language.
    pub fn render(&self, theme: GraphicalTheme, lang: Lang) -> String {
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(100)
            .with_links(false)
            .without_primary_span_start()
            .with_wrap_lines(false);
        let mut out = String::new();
        let mut index = LineIndex::default();
        for problem in &self.0 {
            let worded = Worded::new(problem, lang, &mut index);
            let mut one = String::new();
            if handler.render_report(&mut one, &worded).is_err() {
                one = format!("{}\n", worded.message);
            }
            out.push_str(&one);
        }
        let warnings = self.0.iter().filter(|p| p.is_warning()).count();
        let errors = self.0.len() - warnings;
        if errors > 0 || warnings == 0 {
            out.push_str(&Msg::new("problems-found").arg("n", errors).word(lang));
            out.push('\n');
        }
        if warnings > 0 {
            out.push_str(&Msg::new("warnings-found").arg("n", warnings).word(lang));
            out.push('\n');
        }
        out
    }
}

impl From<Problem> for Problems {
    fn from(problem: Problem) -> Self {
        Self(vec![problem])
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in &self.0 {
            writeln!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// Parses RON text into `T`, turning a syntax or shape error into a problem at its position.
pub fn parse_ron<T: serde::de::DeserializeOwned>(file: &SourceFile) -> Result<T, Problem> {
    parse_ron_with(file, ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parses RON text into `T` with these extensions, like [`parse_ron`].
pub fn parse_ron_with<T: serde::de::DeserializeOwned>(
    file: &SourceFile,
    extensions: ron::extensions::Extensions,
) -> Result<T, Problem> {
    let options = ron::Options::default().with_default_extension(extensions);
    options.from_str(&file.text).map_err(|e| {
        file.problem_at_line(e.span.start.line, e.span.start.col, ron_message(&e.code))
            .with_help(Msg::new("file-see-comments"))
    })
}

/// Parses JSON text into `T`, turning an error into a problem at its position.
pub fn parse_json<T: serde::de::DeserializeOwned>(file: &SourceFile) -> Result<T, Problem> {
    serde_json::from_str(&file.text).map_err(|e| {
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message);
        let msg = match e.classify() {
            serde_json::error::Category::Data => serde_message(message),
            _ => json_syntax(message),
        };
        file.problem_at_line(e.line(), e.column(), msg)
    })
}

/// What a JSON parser's syntax message says, by the words serde_json uses.
fn json_syntax(message: &str) -> Msg {
    const WORDS: [(&str, &str); 23] = [
        ("EOF while parsing a list", "eof-list"),
        ("EOF while parsing an object", "eof-object"),
        ("EOF while parsing a string", "eof-string"),
        ("EOF while parsing a value", "eof-value"),
        ("expected `:`", "colon"),
        ("expected `,` or `]`", "comma-list"),
        ("expected `,` or `}`", "comma-object"),
        ("expected ident", "ident"),
        ("expected value", "value"),
        ("expected `\"`", "quote"),
        ("invalid escape", "escape"),
        ("invalid number", "number"),
        ("number out of range", "range"),
        ("invalid unicode code point", "code-point"),
        (
            "control character (\\u0000-\\u001F) found while parsing a string",
            "control",
        ),
        ("key must be a string", "key-string"),
        (
            "invalid value: expected key to be a number in quotes",
            "key-number",
        ),
        ("float key must be finite (got NaN or +/-inf)", "key-finite"),
        ("lone leading surrogate in hex escape", "surrogate"),
        ("trailing comma", "trailing-comma"),
        ("trailing characters", "trailing"),
        ("unexpected end of hex escape", "hex-end"),
        ("recursion limit exceeded", "recursion"),
    ];
    match WORDS.iter().find(|(words, _)| *words == message) {
        Some((_, what)) => Msg::new("json-syntax").arg("what", *what),
        None => Msg::new("syntax-detail").arg("detail", message),
    }
}

/// `` `a` `` for each name.
fn quoted(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| format!("`{n}`")).collect()
}

/// serde's list of alternatives: `` `a` ``, `` `a` or `b` ``, `` one of `a`, `b`, `c` ``.
fn one_of(names: &[&str]) -> Msg {
    let q = quoted(names);
    let mut m = Msg::new("shape-one-of").arg("n", names.len());
    if let [first, second] = q.as_slice() {
        m = m.arg("first", first).arg("second", second);
    }
    m.arg("list", q)
}

/// RON's list of alternatives: `` expected `a` instead ``, `` expected either `a` or `b`
/// instead ``, `` expected one of `a`, `b`, or `c` instead ``.
fn ron_one_of(names: &[&str], none: &'static str) -> Msg {
    let q = quoted(names);
    match q.as_slice() {
        [] => Msg::new("ron-none").arg("what", none),
        [most @ .., last] => Msg::new("ron-one-of")
            .arg("n", names.len())
            .arg("list", most.to_vec())
            .arg("last", last),
    }
}

/// An unknown field or variant, serde's way.
pub(crate) fn unknown_name(msg: Msg, found: &str, expected: &[&str]) -> Msg {
    if expected.is_empty() {
        return msg.arg("found", found).arg("n", 0);
    }
    msg.arg("found", found)
        .arg("n", expected.len())
        .arg("expected", one_of(expected))
}

/// What serde's `Expected` says a value should be, as a coded description. Serde words it
/// with Rust's type names (`u32`, `struct Indicator`); the editor reads kinds of value.
pub(crate) fn expected_kind(description: &str) -> Msg {
    let kind = |k: &'static str| Msg::new("shape-expected").arg("kind", k);
    let d = description.trim();
    if let Some(name) = d
        .strip_prefix("struct ")
        .or(d.strip_prefix("tuple struct "))
    {
        return kind("record").arg("name", name);
    }
    if let Some(name) = d.strip_prefix("enum ") {
        return kind("variant").arg("name", name);
    }
    if let Some(n) = d
        .strip_prefix("a tuple of size ")
        .or(d.strip_prefix("tuple of size "))
    {
        return kind("tuple").arg("n", n);
    }
    match d {
        "f64" | "f32" | "a number" => kind("number"),
        "u8" | "u16" | "u32" | "u64" | "usize" => kind("unsigned"),
        "i8" | "i16" | "i32" | "i64" | "isize" | "a whole number" => kind("whole"),
        "a string" | "string" | "a borrowed string" => kind("string"),
        "a boolean" | "bool" => kind("bool"),
        "a sequence" => kind("list"),
        "a map" => kind("map"),
        "variant identifier" => kind("name"),
        "field identifier" => kind("field"),
        "option" => kind("option"),
        "unit" => kind("unit"),
        "a character" | "char" => kind("char"),
        "true, false or a number" => kind("fact-value"),
        "a value" => kind("value"),
        _ => kind("other").arg("text", d),
    }
}

/// What serde's `Unexpected` says was found, as a coded description.
pub(crate) fn found_kind(unexpected: serde::de::Unexpected) -> Msg {
    use serde::de::Unexpected as U;
    let kind = |k: &'static str| Msg::new("shape-found").arg("kind", k);
    match unexpected {
        U::Bool(b) => kind("bool").arg("value", b.to_string()),
        U::Unsigned(n) => kind("integer").arg("value", n.to_string()),
        U::Signed(n) => kind("integer").arg("value", n.to_string()),
        U::Float(n) => kind("float").arg(
            "value",
            serde::de::Unexpected::Float(n)
                .to_string()
                .trim_start_matches("floating point `")
                .trim_end_matches('`')
                .to_string(),
        ),
        U::Char(c) => kind("char").arg("value", c.to_string()),
        U::Str(s) => kind("string").arg("value", format!("{s:?}")),
        U::Bytes(_) => kind("bytes"),
        U::Unit => kind("unit"),
        U::Option => kind("option"),
        U::NewtypeStruct => kind("newtype"),
        U::Seq => kind("list"),
        U::Map => kind("map"),
        U::Enum => kind("enum"),
        U::UnitVariant => kind("unit-variant"),
        U::NewtypeVariant => kind("newtype-variant"),
        U::TupleVariant => kind("tuple-variant"),
        U::StructVariant => kind("struct-variant"),
        U::Other(other) => kind("other").arg("text", other),
    }
}

/// The same, from serde's words (a JSON error carries only its message).
fn found_words(words: &str) -> Msg {
    let kind = |k: &'static str| Msg::new("shape-found").arg("kind", k);
    let ticked = |rest: &str| {
        rest.trim_start_matches('`')
            .trim_end_matches('`')
            .to_string()
    };
    if let Some(rest) = words.strip_prefix("boolean ") {
        return kind("bool").arg("value", ticked(rest));
    }
    if let Some(rest) = words.strip_prefix("integer ") {
        return kind("integer").arg("value", ticked(rest));
    }
    if let Some(rest) = words.strip_prefix("floating point ") {
        return kind("float").arg("value", ticked(rest));
    }
    if let Some(rest) = words.strip_prefix("character ") {
        return kind("char").arg("value", ticked(rest));
    }
    if let Some(rest) = words.strip_prefix("string ") {
        return kind("string").arg("value", rest);
    }
    match words {
        "byte array" => kind("bytes"),
        "unit value" => kind("unit"),
        "Option value" => kind("option"),
        "newtype struct" => kind("newtype"),
        "sequence" => kind("list"),
        "map" => kind("map"),
        "enum" => kind("enum"),
        "unit variant" => kind("unit-variant"),
        "newtype variant" => kind("newtype-variant"),
        "tuple variant" => kind("tuple-variant"),
        "struct variant" => kind("struct-variant"),
        _ => kind("other").arg("text", words),
    }
}

/// The names written in backticks in serde's words.
fn ticked_names(words: &str) -> Vec<&str> {
    words.split('`').skip(1).step_by(2).collect()
}

/// A serde message (`unknown field …`, `invalid type: …, expected …`) as a coded message; words
/// that are no standard serde message are kept as the detail of a generic one.
pub(crate) fn serde_message(message: &str) -> Msg {
    if let Some(found) = message.strip_prefix(crate::value::NOT_A_DATE) {
        return Msg::new("data-not-a-date").arg("found", found);
    }
    let name_then = |rest: &str| -> Option<(String, String)> {
        let rest = rest.strip_prefix('`')?;
        let end = rest.find('`')?;
        Some((rest[..end].to_string(), rest[end + 1..].to_string()))
    };
    for (prefix, msg, none) in [
        (
            "unknown field ",
            Msg::new("shape-unknown-field"),
            ", there are no fields",
        ),
        (
            "unknown variant ",
            Msg::new("shape-unknown-variant"),
            ", there are no variants",
        ),
    ] {
        if let Some((found, rest)) = message.strip_prefix(prefix).and_then(name_then) {
            if rest == none {
                return unknown_name(msg, &found, &[]);
            }
            if let Some(list) = rest.strip_prefix(", expected ") {
                return unknown_name(msg, &found, &ticked_names(list));
            }
        }
    }
    for (prefix, code) in [
        ("missing field ", "shape-missing-field"),
        ("duplicate field ", "shape-duplicate-field"),
    ] {
        if let Some((field, rest)) = message.strip_prefix(prefix).and_then(name_then)
            && rest.is_empty()
        {
            return Msg::new(code).arg("field", field);
        }
    }
    for (prefix, code) in [
        ("invalid type: ", "shape-invalid-type"),
        ("invalid value: ", "shape-invalid-value"),
    ] {
        if let Some((found, expected)) = message
            .strip_prefix(prefix)
            .and_then(|rest| rest.rsplit_once(", expected "))
        {
            return Msg::new(code)
                .arg("found", found_words(found))
                .arg("expected", expected_kind(expected));
        }
    }
    if let Some((n, expected)) = message
        .strip_prefix("invalid length ")
        .and_then(|rest| rest.split_once(", expected "))
    {
        return Msg::new("shape-invalid-length")
            .arg("n", n)
            .arg("expected", expected_kind(expected));
    }
    Msg::new("syntax-detail").arg("detail", tidy_serde_message(message))
}

/// A RON parser's error as a coded message.
fn ron_message(e: &ron::Error) -> Msg {
    use ron::Error as E;
    let expected = |what: &'static str| Msg::new("ron-expected").arg("what", what);
    let in_outer = |bare: Msg, within: Msg, outer: &Option<String>| match outer {
        Some(o) => within.arg("outer", o.as_str()),
        None => bare,
    };
    match e {
        E::Message(m) => serde_message(m),
        E::Eof => Msg::new("ron-eof"),
        E::ExpectedArray => Msg::new("ron-expected-opening").arg("token", "["),
        E::ExpectedArrayEnd => Msg::new("ron-expected-closing").arg("token", "]"),
        E::ExpectedMap => Msg::new("ron-expected-opening").arg("token", "{"),
        E::ExpectedMapEnd => Msg::new("ron-expected-closing").arg("token", "}"),
        E::ExpectedStructLike => Msg::new("ron-expected-opening").arg("token", "("),
        E::ExpectedOptionEnd | E::ExpectedStructLikeEnd => {
            Msg::new("ron-expected-closing").arg("token", ")")
        }
        E::ExpectedBoolean => expected("boolean"),
        E::ExpectedComma => expected("comma"),
        E::ExpectedChar => expected("char"),
        E::ExpectedFloat => expected("float"),
        E::ExpectedInteger => expected("integer"),
        E::ExpectedOption => expected("option"),
        E::ExpectedMapColon => expected("colon"),
        E::ExpectedUnit => expected("unit"),
        E::ExpectedString => expected("string"),
        E::ExpectedStringEnd => expected("string-end"),
        E::ExpectedIdentifier => expected("identifier"),
        E::ExpectedDifferentStructName { expected, found } => Msg::new("ron-other-record-name")
            .arg("expected", *expected)
            .arg("found", found.as_str()),
        E::ExpectedNamedStructLike(name) if !name.is_empty() => {
            Msg::new("ron-expected-record").arg("name", *name)
        }
        E::ExpectedStructName(name) => {
            Msg::new("ron-expected-record-name").arg("name", name.as_str())
        }
        E::InvalidEscape(detail) => Msg::new("ron-invalid-escape").arg("detail", *detail),
        E::IntegerOutOfBounds => Msg::new("ron-integer-out-of-bounds"),
        E::UnexpectedChar(c) => Msg::new("ron-unexpected-char").arg("char", format!("{c:?}")),
        E::TrailingCharacters => Msg::new("ron-trailing"),
        E::UnclosedBlockComment => Msg::new("ron-unclosed-comment"),
        E::InvalidValueForType { expected, found } => Msg::new("ron-invalid-value")
            .arg("expected", expected_kind(expected))
            .arg("found", ron_found(found)),
        E::ExpectedDifferentLength { expected, found } => Msg::new("ron-invalid-length")
            .arg("expected", expected_kind(expected))
            .arg("n", *found),
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => in_outer(
            Msg::new("ron-unknown-variant"),
            Msg::new("ron-unknown-variant-in"),
            outer,
        )
        .arg("found", found.as_str())
        .arg("alternatives", ron_one_of(expected, "variants")),
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => in_outer(
            Msg::new("ron-unknown-field"),
            Msg::new("ron-unknown-field-in"),
            outer,
        )
        .arg("found", found.as_str())
        .arg("alternatives", ron_one_of(expected, "fields")),
        E::MissingStructField { field, outer } => in_outer(
            Msg::new("ron-missing-field"),
            Msg::new("ron-missing-field-in"),
            outer,
        )
        .arg("field", *field),
        E::DuplicateStructField { field, outer } => in_outer(
            Msg::new("ron-duplicate-field"),
            Msg::new("ron-duplicate-field-in"),
            outer,
        )
        .arg("field", *field),
        other => Msg::new("syntax-detail").arg("detail", tidy_serde_message(&other.to_string())),
    }
}

/// What RON says it found instead of the expected value (`the string "yes"`).
fn ron_found(words: &str) -> Msg {
    let kind = |k: &'static str| Msg::new("ron-found").arg("kind", k);
    let ticked = |rest: &str| {
        rest.trim_start_matches('`')
            .trim_end_matches('`')
            .to_string()
    };
    for (prefix, k) in [
        ("the boolean ", "bool"),
        ("the unsigned integer ", "integer"),
        ("the signed integer ", "signed"),
        ("the floating point number ", "float"),
        ("the UTF-8 character ", "char"),
    ] {
        if let Some(rest) = words.strip_prefix(prefix) {
            return kind(k).arg("value", ticked(rest));
        }
    }
    if let Some(rest) = words.strip_prefix("the string ") {
        return kind("string").arg("value", rest);
    }
    match words {
        "a unit value" => kind("unit"),
        "an optional value" => kind("option"),
        "a sequence" => kind("list"),
        "a map" => kind("map"),
        "an enum" | "a unit variant" | "a newtype variant" | "a tuple variant"
        | "a struct variant" | "a newtype struct" => kind("enum").arg("text", words),
        _ => kind("other").arg("text", words),
    }
}

/// Serde's messages name Rust types in places; say what an editor would understand (for the
/// words of a message no code stands for).
fn tidy_serde_message(message: &str) -> String {
    message
        .replace("f64", "a number")
        .replace("u32", "a whole number")
        .replace("u64", "a whole number")
        .replace("u16", "a whole number")
        .replace("usize", "a whole number")
        .replace("struct ", "")
        .replace("enum ", "")
        .replace("variant identifier", "name")
        .replace("field identifier", "field name")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Evidence {
        id: String,
        points: u32,
        done: bool,
        kind: Kind,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    enum Kind {
        Document,
        Photo,
    }

    /// Chinese words around the quoted values: no English word outside backticks and quotes,
    /// but for the few names a Chinese editor writes as they are.
    fn assert_chinese(text: &str) {
        let mut outside = String::new();
        for (n, part) in text.split('`').enumerate() {
            if n % 2 == 0 {
                for (m, p) in part.split('"').enumerate() {
                    if m % 2 == 0 {
                        outside.push_str(p);
                    }
                }
            }
        }
        const AS_WRITTEN: [&str; 8] = [
            "true", "false", "null", "UTF", "README", "BOM", "Unicode", "NaN",
        ];
        for word in outside.split(|c: char| !c.is_ascii_alphabetic()) {
            assert!(
                word.len() < 2 || AS_WRITTEN.contains(&word),
                "English `{word}` in {text:?}"
            );
        }
    }

    /// The English of a coded parse error is the parser's own words, tidied, as it was before
    /// the words had codes; the Chinese is Chinese.
    #[test]
    fn ron_and_json_errors_keep_their_english_and_read_as_chinese() {
        for text in [
            "(id: \"E1\", points: 1, done: true, kind: Document, titel: 1)",
            "(id: \"E1\", points: \"x\", done: true, kind: Document)",
            "(id: \"E1\", points: 1, done: true, kind: Video)",
            "(id: \"E1\", points: 1, done: true)",
            "(id: \"E1\", points: 1, done: true, kind: Document",
            "(id: \"E1\" points: 1)",
            "(id: \"E1\", points: 1, done: 5, kind: Photo)",
            "(id: \"E1\", points: 1, done: true, kind: Photo) x",
            "Other(id: \"E1\")",
        ] {
            let options = ron::Options::default()
                .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
            let e = options.from_str::<Evidence>(text).expect_err(text);
            let msg = ron_message(&e.code);
            assert_ne!(msg.code, "syntax-detail", "{text}: {}", e.code);
            assert_eq!(
                msg.word(Lang::En),
                tidy_serde_message(&e.code.to_string()),
                "{text}"
            );
            assert_chinese(&msg.word(Lang::Zh));
        }
        for text in [
            r#"{"id": "E1", "points": 1, "done": true, "kind": "Document", "titel": 1}"#,
            r#"{"id": "E1", "points": "x", "done": true, "kind": "Document"}"#,
            r#"{"id": "E1", "points": -1, "done": true, "kind": "Document"}"#,
            r#"{"id": "E1", "points": 1, "done": true, "kind": "Video"}"#,
            r#"{"id": "E1", "points": 1, "done": true}"#,
            r#"{"id": "E1", "points": 1, "done": true, "kind": "Photo", "id": "E2"}"#,
            r#"{"id": "E1", "points": 1, "done": true, "kind": "Photo""#,
            r#"{"id": "E1" "points": 1}"#,
            r#"{"id": "E1", "points": 1,}"#,
            r#"{"id": tru}"#,
        ] {
            let e = serde_json::from_str::<Evidence>(text).expect_err(text);
            let words = e.to_string();
            let words = words.split(" at line ").next().unwrap_or(&words);
            let msg = match e.classify() {
                serde_json::error::Category::Data => serde_message(words),
                _ => json_syntax(words),
            };
            assert_ne!(msg.code, "syntax-detail", "{text}: {words}");
            assert_eq!(msg.word(Lang::En), tidy_serde_message(words), "{text}");
            assert_chinese(&msg.word(Lang::Zh));
        }
    }

    #[test]
    fn a_file_not_in_utf8_is_named_in_both_languages() {
        let path = Path::new("catalogue.ron");
        let gbk = encoding_rs::GB18030.encode("// 质量目录\n").0.into_owned();
        let p = SourceFile::decode(path, gbk).expect_err("GBK");
        assert_eq!(
            p.text(Lang::En),
            "the file is GBK (GB18030) text, not UTF-8"
        );
        assert!(
            p.text(Lang::Zh).contains("GBK（GB18030）"),
            "{}",
            p.text(Lang::Zh)
        );
        let p = SourceFile::decode(path, vec![b'a', 0xff, 0xff, 0xff]).expect_err("not text");
        assert_eq!(
            p.advice(Lang::En).as_deref(),
            Some("save it as UTF-8 (the first bad byte is at offset 1)")
        );
        assert_chinese(&p.text(Lang::Zh));
    }
}
