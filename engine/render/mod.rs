//! Stage 4, render: an outcome as a terminal table, JSON (the contract), Markdown, HTML or an
//! Excel workbook, and `explain` for one indicator.

mod credit;
mod explain;
pub(crate) mod follow_up;
mod report;
pub(crate) mod sheet;
mod show;
pub mod table;
mod warnings;
mod workbook;

pub use credit::explain_member;
pub use explain::{EXPLAIN_SCHEMA, explain_indicator};
pub use show::show_as;

use crate::message::Msg;
use crate::outcome::Outcome;
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
/// characters from the data made inert, JSON, or the workbook. `sector` names the sector (in
/// the workbook's summary); with `all`, the terminal table lists every member warning instead
/// of the first few.
pub fn render_all(
    outcome: &Outcome,
    format: Format,
    sector: &str,
    lang: Lang,
    all: bool,
) -> Result<Vec<u8>, Msg> {
    let text = match format {
        Format::Table => terminal_all(outcome, lang, all),
        Format::Json => return Ok(outcome.to_json().into_bytes()),
        Format::Md => {
            report::markdown(outcome, lang)
                + warnings::markdown(outcome, lang).as_str()
                + credit::listing(outcome, lang).as_str()
        }
        Format::Html => report::html(outcome, lang),
        Format::Xlsx => {
            return workbook::to_xlsx(outcome, sector, lang)
                .map_err(|e| Msg::new("workbook-cannot-make").arg("error", e.to_string()));
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
