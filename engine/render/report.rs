//! The association report: total and grade, the indicator tree with scores, and the
//! improvement actions, as a terminal table or Markdown (HTML is the policy's template, `html/`).

use super::table::{Align, Table, num};
use super::{follow_up, pick};
use crate::message::Msg;
use crate::outcome::Outcome;
use crate::text::Lang;

/// Words of the report in one language.
struct Words {
    period: String,
    total: String,
    grade: String,
    id: String,
    name: String,
    score: String,
    max: String,
    triggers: String,
    action_id: String,
    clause: String,
    action: String,
    owner: String,
    due: String,
    why: String,
    none: String,
}

fn words(lang: Lang) -> Words {
    Words {
        period: Msg::new("report-period").word(lang),
        total: Msg::new("report-total").word(lang),
        grade: Msg::new("report-grade").word(lang),
        id: Msg::new("report-indicator").word(lang),
        name: Msg::new("report-name").word(lang),
        score: Msg::new("report-score").word(lang),
        max: Msg::new("report-max").word(lang),
        triggers: Msg::new("report-triggers").word(lang),
        action_id: Msg::new("report-action-id").word(lang),
        clause: Msg::new("report-clause").word(lang),
        action: Msg::new("report-action").word(lang),
        owner: Msg::new("report-owner").word(lang),
        due: Msg::new("report-due").word(lang),
        why: Msg::new("report-why").word(lang),
        none: Msg::new("report-none").word(lang),
    }
}

/// A row of the indicator tree: a level or an indicator.
pub(super) struct TreeRow {
    /// 0 for a top level.
    pub depth: usize,
    /// Level or indicator id.
    pub id: String,
    /// Name in the reader's language.
    pub name: String,
    /// The level above, none for a top level.
    pub parent: Option<String>,
    /// Score.
    pub score: f64,
    /// Most points.
    pub max: f64,
}

/// Rows of the indicator tree in reading order.
pub(super) fn tree_rows(outcome: &Outcome, lang: Lang) -> Vec<TreeRow> {
    fn walk(o: &Outcome, lang: Lang, parent: Option<&str>, depth: usize, out: &mut Vec<TreeRow>) {
        let a = &o.association;
        for l in a.levels.iter().filter(|l| l.parent.as_deref() == parent) {
            out.push(TreeRow {
                depth,
                id: l.id.clone(),
                name: pick(lang, &l.name, &l.name_en).into(),
                parent: l.parent.clone(),
                score: l.score,
                max: l.max,
            });
            walk(o, lang, Some(&l.id), depth + 1, out);
        }
        for i in a
            .indicators
            .iter()
            .filter(|i| Some(i.parent.as_str()) == parent)
        {
            out.push(TreeRow {
                depth,
                id: i.id.clone(),
                name: pick(lang, &i.name, &i.name_en).into(),
                parent: Some(i.parent.clone()),
                score: i.score,
                max: i.max,
            });
        }
    }
    let mut out = Vec::new();
    walk(outcome, lang, None, 0, &mut out);
    out
}

fn heading(outcome: &Outcome, lang: Lang) -> (String, String) {
    let w = words(lang);
    let a = &outcome.association;
    let title = format!("{}（{}）", a.name, a.id);
    let summary = format!(
        "{} {}    {} {} / {}    {} {}",
        w.period,
        outcome.period,
        w.total,
        num(a.score),
        num(a.max),
        w.grade,
        pick(lang, &a.grade, &a.grade_en)
    );
    (title, summary)
}

/// One row per improvement action: id, clause, action, owner, due date, why.
pub(super) fn trigger_rows(outcome: &Outcome, lang: Lang) -> Vec<Vec<String>> {
    outcome
        .triggers
        .iter()
        .map(|t| {
            vec![
                t.key().into_owned(),
                t.clause.clone(),
                pick(lang, &t.action, &t.action_en).to_string(),
                pick(lang, &t.owner, &t.owner_en).to_string(),
                t.due.clone(),
                pick(lang, &t.reason, &t.reason_en).to_string(),
            ]
        })
        .collect()
}

/// The report as aligned terminal text.
pub(super) fn table(outcome: &Outcome, lang: Lang) -> String {
    let w = words(lang);
    let (title, summary) = heading(outcome, lang);
    let mut scores = Table::new(&[
        (w.id.as_str(), Align::Left),
        (w.name.as_str(), Align::Left),
        (w.score.as_str(), Align::Right),
        (w.max.as_str(), Align::Right),
    ]);
    for TreeRow {
        depth,
        id,
        name,
        score,
        max,
        ..
    } in tree_rows(outcome, lang)
    {
        scores.row(vec![
            format!("{}{id}", "  ".repeat(depth)),
            name,
            num(score),
            num(max),
        ]);
    }
    let mut out = format!("{title}\n{summary}\n\n{}", scores.render());
    out.push_str(&format!("\n{}\n", w.triggers));
    if outcome.triggers.is_empty() {
        out.push_str(&format!("{}\n", w.none));
    } else {
        let mut t = Table::new(&[
            (w.action_id.as_str(), Align::Left),
            (w.clause.as_str(), Align::Left),
            (w.action.as_str(), Align::Left),
            (w.owner.as_str(), Align::Left),
            (w.due.as_str(), Align::Left),
            (w.why.as_str(), Align::Left),
        ]);
        for row in trigger_rows(outcome, lang) {
            t.row(row);
        }
        out.push_str(&t.render());
    }
    out.push_str(&follow_up::table(outcome, lang));
    out
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|")
}

/// The report as Markdown, for publishing (clause 4.3).
pub(super) fn markdown(outcome: &Outcome, lang: Lang) -> String {
    let w = words(lang);
    let (title, summary) = heading(outcome, lang);
    let mut out = format!(
        "# {title}\n\n{summary}\n\n| {} | {} | {} | {} |\n|---|---|--:|--:|\n",
        w.id, w.name, w.score, w.max
    );
    for TreeRow {
        depth,
        id,
        name,
        score,
        max,
        ..
    } in tree_rows(outcome, lang)
    {
        let id = if depth == 2 { id } else { format!("**{id}**") };
        out.push_str(&format!(
            "| {id} | {} | {} | {} |\n",
            md_escape(&name),
            num(score),
            num(max)
        ));
    }
    out.push_str(&format!("\n## {}\n\n", w.triggers));
    if outcome.triggers.is_empty() {
        out.push_str(&format!("{}\n", w.none));
    } else {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|\n",
            w.action_id, w.clause, w.action, w.owner, w.due, w.why
        ));
        for row in trigger_rows(outcome, lang) {
            let cells: Vec<String> = row.iter().map(|c| md_escape(c)).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
    }
    out.push_str(&follow_up::markdown(outcome, lang, md_escape));
    out
}
