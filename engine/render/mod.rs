//! Stage 4, render: an outcome as a terminal table, JSON (the contract), Markdown, HTML (from the
//! policy's templates) or an Excel workbook, and `explain` for one indicator.

mod credit;
mod explain;
pub(crate) mod follow_up;
mod html;
pub(crate) mod publish;
mod report;
pub(crate) mod sheet;
mod show;
pub mod table;
mod warnings;
mod workbook;

pub use credit::explain_member;
pub use explain::{EXPLAIN_SCHEMA, explain_indicator};
pub use show::show_as;

use std::path::Path;

use crate::diagnostic::Problem;
use crate::message::Msg;
use crate::outcome::Outcome;
use crate::policy::PolicySet;
use crate::text::Lang;
use crate::value::inert;

/// Output format of `cogov eval`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Aligned text for a terminal.
    #[default]
    Table,
    /// The `cogov.outcome/1` JSON contract.
    Json,
    /// Markdown, for publishing.
    Md,
    /// A standalone HTML page, for publishing.
    Html,
    /// An Excel workbook, for staff to filter and sort.
    Xlsx,
}

/// Output format of `show`, `explain`, `archive list` and `archive history`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Output {
    /// Aligned text for a terminal.
    #[default]
    Table,
    /// JSON: a stable shape with sorted keys and a `schema` id.
    Json,
    /// CSV: a header row, then one record per table row.
    Csv,
}

/// What `explain` found: the text for the terminal, the table behind it (for CSV) and the
/// result with its reasons (for JSON).
#[derive(Debug)]
pub struct Explained {
    /// The explanation as terminal text.
    pub text: String,
    /// One row per criterion or account line.
    pub table: table::Table,
    /// The indicator's or member's result with its reasons.
    pub json: serde_json::Value,
}

impl Explained {
    /// The explanation in a format.
    pub fn to(&self, output: Output) -> String {
        match output {
            Output::Table => self.text.clone(),
            Output::Json => pretty(&self.json),
            Output::Csv => self.table.csv(),
        }
    }
}

/// JSON, pretty, with a final newline (keys sorted: serde_json's map is ordered).
pub(crate) fn pretty(value: &serde_json::Value) -> String {
    let mut json = serde_json::to_string_pretty(value).expect("a JSON value always serialises");
    json.push('\n');
    json
}

/// Renders an outcome as the terminal shows it: the report, then the members' credit.
pub fn terminal(outcome: &Outcome, lang: Lang) -> String {
    terminal_all(outcome, lang, false)
}

/// The terminal report; with `all`, every member warning instead of the first few.
fn terminal_all(outcome: &Outcome, lang: Lang, all: bool) -> String {
    report::table(outcome, lang) + credit::summary(outcome, lang, all).as_str()
}

/// Renders an outcome in a format and language, as the bytes to write: text with control
/// characters from the data made inert, JSON, the HTML report from the policies' templates, or
/// the workbook. `previous` is the outcome the evaluation followed (the HTML report's trend);
/// with `all`, the terminal table lists every member warning instead of the first few. A
/// failure names `output` (`-` for standard output), or the template at fault.
pub fn render_all(
    policies: &PolicySet,
    outcome: &Outcome,
    previous: Option<&Outcome>,
    format: Format,
    lang: Lang,
    all: bool,
    output: &Path,
) -> Result<Vec<u8>, Problem> {
    let text = match format {
        Format::Table => terminal_all(outcome, lang, all),
        Format::Json => return Ok(outcome.to_json().into_bytes()),
        Format::Md => {
            report::markdown(outcome, lang)
                + warnings::markdown(outcome, lang).as_str()
                + credit::listing(outcome, lang).as_str()
        }
        Format::Html => html::page(policies, outcome, previous, lang)?,
        Format::Xlsx => {
            let sector = html::sector_name(policies, lang);
            return workbook::to_xlsx(outcome, &sector, lang).map_err(|e| {
                let message = Msg::new("workbook-cannot-make").arg("error", e.to_string());
                Problem::in_file(output, message)
            });
        }
    };
    Ok(inert(&text).into_owned().into_bytes())
}

/// Picks the text for a language from a Chinese and an English field.
pub(crate) fn pick<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::En if !en.is_empty() => en,
        _ => zh,
    }
}
