//! The report templates (`templates/*.html`): the HTML report is policy, rendered by minijinja
//! from the files the policy set ships, so an association restyles or rewords it without a
//! rebuild.
//!
//! The base's `templates/` holds them; a sector's `templates/` replaces any of the same name
//! (and may add its own partials). A policy folder without templates renders with the shipped
//! ones. Templates are compiled when the policy set loads and each entry template is rendered
//! there on trial data that fills every section and on data that leaves every section empty,
//! so a syntax error, an unknown filter or a value the report does not have (undefined values
//! are errors: strict mode) is reported at its file, line and column like any invalid policy,
//! never in the middle of an evaluation. `.html` templates escape every value they print for
//! HTML, `.md` templates for Markdown (the `md` filter does the same where asked for); trial
//! and real renders run on a fuel budget, so a runaway loop is stopped. The publication
//! templates (`listing.*`, `warning.*`) missing from a folder written before them are taken
//! from the shipped ones.

pub(crate) mod context;
pub(crate) mod publish;

use std::collections::BTreeMap;
use std::error::Error as _;
use std::sync::Arc;

use minijinja::{AutoEscape, Environment, ErrorKind, UndefinedBehavior, Value};

use super::{Loader, PolicySource};
use crate::diagnostic::{Problem, SourceFile};
use crate::message::Msg;
use crate::text::Lang;
pub(crate) use context::Report;

/// The template `--format html` renders.
pub const REPORT: &str = "report.html";
/// The templates rendered on trial data when the set loads.
const ENTRIES: [&str; 5] = [
    REPORT,
    publish::LISTING[0],
    publish::LISTING[1],
    publish::WARNING[0],
    publish::WARNING[1],
];
/// The auto-escape mode of `.md` templates.
const MARKDOWN: &str = "markdown";
/// Fuel of one trial render: far more than the shipped report needs, and a runaway loop stops
/// within a second.
const PROBE_FUEL: u64 = 20_000_000;
/// Fuel a real render has for each row it may print, beyond [`PROBE_FUEL`].
const FUEL_PER_ROW: u64 = 20_000;

/// The compiled templates of a policy set, with the files they came from.
pub(crate) struct Templates {
    env: Environment<'static>,
    /// Template name (relative to `templates/`) → the file it was read from.
    files: BTreeMap<String, Arc<SourceFile>>,
}

impl Templates {
    /// Renders a template; `rows` (members, indicators, reasons…) sizes the fuel budget. A
    /// failure is a problem at the template's line.
    pub(crate) fn render<T: serde::Serialize>(
        &self,
        name: &str,
        context: &T,
        rows: usize,
    ) -> Result<String, Problem> {
        let budget = PROBE_FUEL.saturating_add(FUEL_PER_ROW.saturating_mul(rows as u64));
        self.render_with(name, Value::from(minijinja::value::Serde(context)), budget)
    }

    fn render_with(&self, name: &str, context: Value, fuel: u64) -> Result<String, Problem> {
        let mut env = self.env.clone();
        env.set_fuel(Some(fuel));
        let rendered = env.get_template(name).and_then(|t| t.render(context));
        rendered.map_err(|e| self.problem(&e, name))
    }

    /// The template names, sorted.
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// A template error as a problem at its file, line and column: the innermost error of an
    /// include, in the template it happened in.
    fn problem(&self, error: &minijinja::Error, rendering: &str) -> Problem {
        let mut e = error;
        while matches!(e.kind(), ErrorKind::BadInclude | ErrorKind::EvalBlock) {
            match e
                .source()
                .and_then(|s| s.downcast_ref::<minijinja::Error>())
            {
                Some(inner) => e = inner,
                None => break,
            }
        }
        let name = e.name().unwrap_or(rendering);
        let Some(file) = self.files.get(name) else {
            let path = self.files.get(rendering).map(|f| f.path.clone());
            return Problem::in_file(
                &path.unwrap_or_else(|| REPORT.into()),
                message(e, None, self),
            );
        };
        let quoted = e
            .range()
            .and_then(|r| file.text.get(r))
            .map(|s| s.trim().to_string());
        let message = message(e, quoted.as_deref(), self);
        let p = match (e.range(), e.line()) {
            (Some(r), _) => file.problem_at(r.start, r.len().max(1), message),
            (None, Some(line)) => file.problem_at_line(line, 1, message),
            (None, None) => Problem::in_file(&file.path, message),
        };
        match help(e) {
            Some(h) => p.with_help(h),
            None => p,
        }
    }
}

/// What went wrong, in the reader's words; the engine's own detail is quoted.
fn message(e: &minijinja::Error, quoted: Option<&str>, t: &Templates) -> Msg {
    let detail = e.detail().unwrap_or("").to_string();
    let named = |prefix: &str, suffix: &str| {
        detail
            .strip_prefix(prefix)
            .and_then(|d| d.strip_suffix(suffix))
            .map_or(detail.clone(), str::to_string)
    };
    match e.kind() {
        ErrorKind::SyntaxError => Msg::new("template-syntax").arg("detail", &detail),
        ErrorKind::UnknownFilter => {
            Msg::new("template-unknown-filter").arg("name", named("filter ", " is unknown"))
        }
        ErrorKind::UnknownTest => {
            Msg::new("template-unknown-test").arg("name", named("test ", " is unknown"))
        }
        ErrorKind::UnknownFunction => Msg::new("template-unknown-function")
            .arg("name", quoted.map_or(detail.clone(), |q| q.to_string())),
        ErrorKind::UndefinedError => Msg::new("template-undefined")
            .arg("expr", quoted.map_or(detail.clone(), |q| q.to_string())),
        ErrorKind::TemplateNotFound => Msg::new("template-not-found")
            .arg("detail", &detail)
            .arg("known", t.names().collect::<Vec<_>>()),
        ErrorKind::OutOfFuel => Msg::new("template-too-long"),
        _ if detail.is_empty() => Msg::new("template-failed").arg("detail", e.to_string()),
        _ => Msg::new("template-failed").arg("detail", detail),
    }
}

/// Advice for the errors an editor makes most.
fn help(e: &minijinja::Error) -> Option<Msg> {
    match e.kind() {
        ErrorKind::SyntaxError => Some(Msg::new("template-syntax-help")),
        ErrorKind::UndefinedError => {
            Some(Msg::new("template-context-has").arg("names", context::TOP_LEVEL.to_vec()))
        }
        ErrorKind::UnknownFilter => Some(Msg::new("template-unknown-filter-help")),
        _ => None,
    }
}

/// Text escaped for HTML and SVG content and attributes: `&`, `<`, `>`, `"` and `'`
/// (minijinja's own escaping also writes `/` as `&#x2f;`, which dates, URLs and `C/D` need not
/// carry).
pub(crate) fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Text escaped for Markdown, so a name prints as itself wherever a template puts it (a table
/// cell, a heading, the start of a line). A backslash goes before every character that
/// Markdown or its inline HTML acts on anywhere (`` \\ ` * _ [ ] ( ) # ! | < > { } & ~ ``),
/// before `-`, `+` and `=` that start the value (a list item, a rule, a heading underline) and
/// before the `.` that ends a number starting the value (`1. `, an ordered list); CommonMark
/// takes any backslash-escaped punctuation literally. Line breaks, tabs and other control
/// characters become spaces, so no value can end a table row or start a block.
pub(crate) fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut at_start = true;
    let mut digits = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let ends_word = chars.peek().is_none_or(|n| n.is_whitespace());
        let escaped = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '#' | '!' | '|' | '<' | '>' | '{'
            | '}' | '&' | '~' => true,
            '-' | '+' | '=' => at_start,
            '.' => digits && !at_start && ends_word,
            _ => false,
        };
        if escaped {
            out.push('\\');
        }
        if c.is_control() {
            out.push(' ');
        } else {
            out.push(c);
        }
        if !c.is_whitespace() && !c.is_control() {
            at_start = false;
        }
        digits &= c.is_ascii_digit() || (at_start && (c.is_whitespace() || c.is_control()));
    }
    out
}

/// The `md` filter: a value escaped for Markdown, marked safe so it is not escaped twice.
fn md(value: &Value) -> Value {
    match value.as_str() {
        Some(text) => Value::from_safe_string(markdown_escape(text)),
        None if value.is_none() || value.is_undefined() => Value::from_safe_string(String::new()),
        None => Value::from_safe_string(markdown_escape(&value.to_string())),
    }
}

/// A value as the body of a CSS string (`content: "{{ x | css_string }}"` in a style sheet,
/// where HTML escaping does not apply): every character but letters, digits, spaces and
/// non-ASCII text is written as a CSS escape, so no value can close the string or the
/// `<style>` element.
fn css_string(value: &str) -> Value {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if c.is_alphanumeric() || c == ' ' || (!c.is_ascii() && !c.is_control()) {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", c as u32));
        }
    }
    Value::from_safe_string(out)
}

/// Where a folder's templates are.
fn folder_of(folder: &str) -> String {
    format!("{folder}/templates")
}

/// The template files of a folder: `.html` files, hidden ones (an editor's) passed over, by
/// name relative to its `templates/`.
fn templates_in(source: &PolicySource, folder: &str) -> Vec<(String, String)> {
    let templates = folder_of(folder);
    source
        .files_under(&templates)
        .into_iter()
        .filter_map(|relative| {
            let name = relative.strip_prefix(&templates)?.trim_start_matches('/');
            let hidden = name.split('/').any(|part| part.starts_with('.'));
            let template = name.ends_with(".html") || name.ends_with(".md");
            (!hidden && template).then(|| (name.to_string(), relative.clone()))
        })
        .collect()
}

/// Reads and compiles the base's templates with the sector's over them, then renders each
/// entry template on trial data; `None` after a problem (every problem is kept).
pub(super) fn load(l: &mut Loader, sector: Option<&str>) -> Option<Templates> {
    let mut chosen: BTreeMap<String, (PolicySource, String)> = BTreeMap::new();
    let base = templates_in(l.source, "base");
    // A policy folder written before reports were templates renders with the shipped ones.
    let base_source = if base.is_empty() {
        PolicySource::Embedded
    } else {
        l.source.clone()
    };
    for (name, relative) in templates_in(&base_source, "base") {
        chosen.insert(name, (base_source.clone(), relative));
    }
    // A folder written before the publication templates publishes with the shipped ones.
    for name in publish::LISTING.into_iter().chain(publish::WARNING) {
        if !chosen.contains_key(name) {
            let relative = format!("{}/{name}", folder_of("base"));
            chosen.insert(name.to_string(), (PolicySource::Embedded, relative));
        }
    }
    if let Some(sector) = sector {
        for (name, relative) in templates_in(l.source, &format!("sectors/{sector}")) {
            chosen.insert(name, (l.source.clone(), relative));
        }
    }
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") {
            AutoEscape::Html
        } else if name.ends_with(".md") {
            AutoEscape::Custom(MARKDOWN.into())
        } else {
            AutoEscape::None
        }
    });
    env.set_debug(true);
    env.add_filter("css_string", css_string);
    env.add_filter("md", md);
    env.set_formatter(
        |out, state, value| match (state.auto_escape(), value.as_str()) {
            (AutoEscape::Html, Some(text)) if !value.is_safe() => out
                .write_str(&html_escape(text))
                .map_err(|e| minijinja::Error::new(ErrorKind::WriteFailure, e.to_string())),
            (AutoEscape::Custom(mode), _) if mode == MARKDOWN => {
                let text = if value.is_safe() {
                    value.to_string()
                } else {
                    md(value).to_string()
                };
                out.write_str(&text)
                    .map_err(|e| minijinja::Error::new(ErrorKind::WriteFailure, e.to_string()))
            }
            _ => minijinja::escape_formatter(out, state, value),
        },
    );
    let mut templates = Templates {
        env,
        files: BTreeMap::new(),
    };
    let mut ok = true;
    for (name, (source, relative)) in chosen {
        let file = match source.read(&relative) {
            Ok(file) => Arc::new(file),
            Err(p) => {
                l.problems.push(p);
                ok = false;
                continue;
            }
        };
        l.sources.add(&relative, file.clone());
        templates.files.insert(name.clone(), file.clone());
        let text = file.text.to_string();
        if let Err(e) = templates.env.add_template_owned(name.clone(), text) {
            l.problems.push(templates.problem(&e, &name));
            ok = false;
        }
    }
    for entry in ENTRIES {
        if !templates.files.contains_key(entry) {
            let path = base_source.display_path(&format!("{}/{entry}", folder_of("base")));
            l.problems.push(
                Problem::in_file(&path, Msg::new("template-missing").arg("name", entry))
                    .with_help(Msg::new("template-missing-help")),
            );
            ok = false;
        }
    }
    if !ok {
        return None;
    }
    // Trial renders: every section filled in Chinese, every section empty in English.
    for entry in ENTRIES {
        for (lang, full) in [(Lang::Zh, true), (Lang::En, false)] {
            let trial = if entry == REPORT {
                Value::from(minijinja::value::Serde(Report::probe(lang, full)))
            } else {
                publish::probe(entry, lang, full)
            };
            if let Err(p) = templates.render_with(entry, trial, PROBE_FUEL) {
                let doing = if full {
                    Msg::new("template-doing-probe-full")
                } else {
                    Msg::new("template-doing-probe-empty")
                };
                l.problems.push(p.with_note(doing.arg("template", entry)));
                ok = false;
                break;
            }
        }
    }
    ok.then_some(templates)
}

#[cfg(test)]
mod tests {
    use super::markdown_escape;

    #[test]
    fn markdown_escaping_leaves_dates_and_numbers_alone_and_makes_markup_text() {
        assert_eq!(markdown_escape("2024-12-31"), "2024-12-31");
        assert_eq!(markdown_escape("33.33%"), "33.33%");
        assert_eq!(markdown_escape("佛山市（禅城）陶瓷"), "佛山市（禅城）陶瓷");
        assert_eq!(markdown_escape("1. 第一"), r"1\. 第一");
        assert_eq!(markdown_escape("- 列表"), r"\- 列表");
        assert_eq!(markdown_escape("+ x"), r"\+ x");
        assert_eq!(markdown_escape("=== x"), r"\=== x");
        assert_eq!(markdown_escape("a\nb\r\tc"), "a b  c");
        assert_eq!(
            markdown_escape("**b** _i_ `c` ~s~ <b> &amp; {x} !x | \\"),
            r"\*\*b\*\* \_i\_ \`c\` \~s\~ \<b\> \&amp; \{x\} \!x \| \\"
        );
    }
}
