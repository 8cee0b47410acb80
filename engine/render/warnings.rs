//! Sector credit warnings (行业质量信用预警, 8.1.2.3 b) in every report: what crossed which
//! line, how many members, their share against the line, and the day the warning is issued as
//! of. The terminal table, Markdown and HTML (its template is given these rows) show the same
//! columns.

use super::pick;
use super::table::{Align, Table, num};
use crate::message::Msg;
use crate::outcome::Outcome;
use crate::text::Lang;

/// The column headings, in order, with their alignment.
pub(super) fn columns(lang: Lang) -> [(String, Align); 6] {
    [
        (Msg::new("report-warning-date").word(lang), Align::Left),
        (Msg::new("report-warning").word(lang), Align::Left),
        (Msg::new("report-warning-subject").word(lang), Align::Left),
        (Msg::new("report-credit-members").word(lang), Align::Right),
        (Msg::new("report-credit-share").word(lang), Align::Right),
        (Msg::new("report-warning-line").word(lang), Align::Right),
    ]
}

/// One row per warning, in the outcome's order.
pub(super) fn rows(outcome: &Outcome, lang: Lang) -> Vec<Vec<String>> {
    outcome
        .warnings
        .iter()
        .map(|w| {
            vec![
                w.date.clone(),
                pick(lang, &w.text, &w.text_en).to_string(),
                w.subject.clone(),
                w.count.to_string(),
                format!("{}%", num(w.share * 100.0)),
                format!("{}%", num(w.threshold * 100.0)),
            ]
        })
        .collect()
}

fn title(lang: Lang) -> String {
    Msg::new("report-sector-warnings").word(lang)
}

fn none(lang: Lang) -> String {
    Msg::new("report-none").word(lang)
}

/// The warnings for the terminal, under their heading.
pub(super) fn table(outcome: &Outcome, lang: Lang) -> String {
    let mut out = format!("\n{}\n", title(lang));
    if outcome.warnings.is_empty() {
        out.push_str(&format!("{}\n", none(lang)));
        return out;
    }
    let columns = columns(lang);
    let heads: Vec<(&str, Align)> = columns.iter().map(|(h, a)| (h.as_str(), *a)).collect();
    let mut t = Table::new(&heads);
    for row in rows(outcome, lang) {
        t.row(row);
    }
    out.push_str(&t.render());
    out
}

/// The warnings as a Markdown section; nothing when the data has no roster (no warning can
/// be raised without members).
pub(super) fn markdown(outcome: &Outcome, lang: Lang) -> String {
    if outcome.members.is_empty() {
        return String::new();
    }
    let mut out = format!("\n## {}\n\n", title(lang));
    if outcome.warnings.is_empty() {
        out.push_str(&format!("{}\n", none(lang)));
        return out;
    }
    let columns = columns(lang);
    let heads: Vec<&str> = columns.iter().map(|(h, _)| h.as_str()).collect();
    let rules: Vec<&str> = columns
        .iter()
        .map(|(_, a)| if *a == Align::Right { "--:" } else { "---" })
        .collect();
    out.push_str(&format!(
        "| {} |\n|{}|\n",
        heads.join(" | "),
        rules.join("|")
    ));
    for row in rows(outcome, lang) {
        let cells: Vec<String> = row.iter().map(|c| c.replace('|', "\\|")).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}
