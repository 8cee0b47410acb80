//! Problems found in policy and data files, written for the editor who must fix them.
//!
//! Every problem names its file and, where it can, the line and column with a snippet of the
//! source. Loaders collect all the problems they find instead of stopping at the first, so one
//! `cogov check` shows everything that needs fixing.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::message::Msg;
use crate::text::Lang;
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};

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
        let bytes = std::fs::read(path)
            .map_err(|e| Problem::in_file(path, format!("cannot read the file: {e}")))?;
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
            Ok(_) => Err(not_utf8(path, "the file is UTF-16 text")),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                if utf16 {
                    return Err(not_utf8(path, "the file is UTF-16 text"));
                }
                let (_, _, gbk_failed) = encoding_rs::GB18030.decode(&bytes);
                if !gbk_failed {
                    return Err(not_utf8(path, "the file is GBK (GB18030) text, not UTF-8"));
                }
                Err(
                    Problem::in_file(path, "the file is not UTF-8 text").with_help(format!(
                        "save it as UTF-8 (the first bad byte is at offset {at})"
                    )),
                )
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
            named: Some(NamedSource::new(
                self.path.display().to_string(),
                self.text.clone(),
            )),
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

fn not_utf8(path: &Path, what: &str) -> Problem {
    Problem::in_file(path, what).with_help(
        "save it as UTF-8 (in Notepad or WPS: 另存为, encoding UTF-8); cogov reads UTF-8 with or without a byte-order mark",
    )
}

/// One problem in one file: what was expected, what was found, and where.
#[derive(Clone, Debug)]
pub struct Problem(Box<Detail>);

/// What a [`Problem`] holds (boxed: problems travel in `Result`s on every load path).
#[derive(Clone, Debug)]
struct Detail {
    path: PathBuf,
    source: Option<Arc<String>>,
    named: Option<NamedSource<Arc<String>>>,
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
            named: None,
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

    /// The same problem with the control characters of its text and source made inert, so
    /// printing it cannot act on a terminal (spans keep pointing where they did).
    pub fn inert(&self) -> Problem {
        let mut d = (*self.0).clone();
        if let Some(source) = &d.source
            && let std::borrow::Cow::Owned(clean) = crate::value::inert_in_place(source)
        {
            let clean = Arc::new(clean);
            d.named = Some(NamedSource::new(
                d.path.display().to_string(),
                clean.clone(),
            ));
            d.source = Some(clean);
        }
        Problem(Box::new(d))
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
}

impl<'a> Worded<'a> {
    fn new(problem: &'a Problem, lang: Lang) -> Self {
        let inert = |s: String| crate::value::inert(&s).into_owned();
        Self {
            problem,
            message: inert(format!("{}: {}", problem.location(), problem.text(lang))),
            help: problem.advice(lang).map(inert),
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
        self.problem.0.named.as_ref().map(|s| s as &dyn SourceCode)
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
        for problem in &self.0 {
            let worded = Worded::new(problem, lang);
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
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    options.from_str(&file.text).map_err(|e| {
        let message = format!("{}", e.code);
        file.problem_at_line(
            e.span.start.line,
            e.span.start.col,
            tidy_serde_message(&message),
        )
        .with_help("see the comments at the top of the file, or the README, for the expected form")
    })
}

/// Parses JSON text into `T`, turning an error into a problem at its position.
pub fn parse_json<T: serde::de::DeserializeOwned>(file: &SourceFile) -> Result<T, Problem> {
    serde_json::from_str(&file.text).map_err(|e| {
        let message = e.to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_string();
        file.problem_at_line(e.line(), e.column(), tidy_serde_message(&message))
    })
}

/// Serde's messages name Rust types in places; say what an editor would understand.
pub(crate) fn tidy_serde_message(message: &str) -> String {
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
