//! The follow-up of earlier periods' improvement actions (7.4 d), as a report section: each
//! action with the period it was raised in, its due date, where it stands and why.

use super::pick;
use super::table::{Align, Table};
use crate::message::Msg;
use crate::outcome::{ClosedBy, FollowUpStatus, Outcome};
use crate::text::Lang;

/// The section's heading.
pub(super) fn heading(lang: Lang) -> String {
    Msg::new("report-follow-ups").word(lang)
}

/// Column headings: action id, indicator, raised in, due, status, why (the action's own words
/// are those of the period that raised it).
pub(super) fn columns(lang: Lang) -> [String; 6] {
    [
        Msg::new("report-action-id").word(lang),
        Msg::new("report-indicator").word(lang),
        Msg::new("report-raised-in").word(lang),
        Msg::new("report-due").word(lang),
        Msg::new("report-status").word(lang),
        Msg::new("report-why").word(lang),
    ]
}

/// Where an action stands, as a short label.
pub(crate) fn status_label(
    status: FollowUpStatus,
    closed_by: Option<ClosedBy>,
    lang: Lang,
) -> String {
    match (status, closed_by) {
        (FollowUpStatus::Closed, Some(ClosedBy::Measure)) => {
            Msg::new("report-status-closed-measure")
        }
        (FollowUpStatus::Closed, _) => Msg::new("report-status-closed-improvement"),
        (FollowUpStatus::Open, _) => Msg::new("report-status-open"),
        (FollowUpStatus::Overdue, _) => Msg::new("report-status-overdue"),
        (FollowUpStatus::Escalated, _) => Msg::new("report-status-escalated"),
    }
    .word(lang)
}

/// One row per follow-up, in the outcome's order.
pub(super) fn rows(outcome: &Outcome, lang: Lang) -> Vec<Vec<String>> {
    outcome
        .follow_ups
        .iter()
        .map(|f| {
            let name = outcome
                .indicator(&f.target)
                .map_or(f.target.as_str(), |i| pick(lang, &i.name, &i.name_en));
            vec![
                f.action_id.clone(),
                format!("{}（{}）", name, f.target),
                f.raised_in.clone(),
                f.due.clone(),
                status_label(f.status, f.closed_by, lang),
                pick(lang, &f.reason, &f.reason_en).to_string(),
            ]
        })
        .collect()
}

/// The section as terminal text; empty when nothing was followed up.
pub(super) fn table(outcome: &Outcome, lang: Lang) -> String {
    if outcome.follow_ups.is_empty() {
        return String::new();
    }
    let c = columns(lang);
    let mut t = Table::new(&c.each_ref().map(|h| (h.as_str(), Align::Left)));
    for row in rows(outcome, lang) {
        t.row(row);
    }
    format!("\n{}\n{}", heading(lang), t.render())
}

/// The section as a Markdown table; empty when nothing was followed up.
pub(super) fn markdown(outcome: &Outcome, lang: Lang, escape: fn(&str) -> String) -> String {
    if outcome.follow_ups.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "\n## {}\n\n| {} |\n|---|---|---|---|---|---|\n",
        heading(lang),
        columns(lang).join(" | ")
    );
    for row in rows(outcome, lang) {
        let cells: Vec<String> = row.iter().map(|c| escape(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}
