//! Stage 4, render: an outcome as a terminal table, JSON (the contract), Markdown or HTML,
//! and `explain` for one indicator.

mod credit;
mod explain;
mod report;
mod show;
pub mod table;

pub use credit::explain_member;
pub use explain::explain_indicator;
pub use show::show;

use crate::outcome::Outcome;
use crate::text::Lang;

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
}

/// Renders an outcome in a format and language.
pub fn render(outcome: &Outcome, format: Format, lang: Lang) -> String {
    match format {
        Format::Table => report::table(outcome, lang) + credit::summary(outcome, lang).as_str(),
        Format::Json => outcome.to_json(),
        Format::Md => report::markdown(outcome, lang) + credit::listing(outcome, lang).as_str(),
        Format::Html => report::html(outcome, lang),
    }
}

/// Picks the text for a language from a Chinese and an English field.
pub(crate) fn pick<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::En if !en.is_empty() => en,
        _ => zh,
    }
}
