//! The archive as aligned terminal tables, in Chinese or English: a member's history with the
//! reasons of every record, and the members of one period.

use super::Record;
use crate::message::Msg;
use crate::outcome::ReasonRule;
use crate::render::Output;
use crate::render::table::{Align, Table, num};
use crate::text::Lang;

struct Words {
    period: String,
    association: String,
    code: String,
    name: String,
    score: String,
    grade: String,
    actions: String,
    warnings: String,
    run: String,
    event: String,
    points: String,
    why: String,
    separator: &'static str,
}

fn words(lang: Lang) -> Words {
    Words {
        period: Msg::new("report-archive-period").word(lang),
        association: Msg::new("report-archive-association").word(lang),
        code: Msg::new("report-credit-code").word(lang),
        name: Msg::new("report-name").word(lang),
        score: Msg::new("report-archive-score").word(lang),
        grade: Msg::new("report-grade").word(lang),
        actions: Msg::new("report-archive-actions").word(lang),
        warnings: Msg::new("report-archive-warnings").word(lang),
        run: Msg::new("report-archive-run").word(lang),
        event: Msg::new("report-event").word(lang),
        points: Msg::new("report-points").word(lang),
        why: Msg::new("report-why-line").word(lang),
        separator: if lang == Lang::En { ", " } else { "、" },
    }
}

/// `A 守信`: the grade with its name from the run's legend.
fn grade(r: &Record, lang: Lang) -> String {
    match r.legend.grades.iter().find(|g| g.id == r.credit.grade) {
        Some(g) => format!("{} {}", g.id, if lang == Lang::En { &g.en } else { &g.zh }),
        None => r.credit.grade.clone(),
    }
}

fn actions(r: &Record, lang: Lang) -> String {
    let names: Vec<&str> = r
        .credit
        .actions
        .iter()
        .map(|a| r.legend.actions.get(a).map_or(a.as_str(), |t| t.get(lang)))
        .collect();
    names.join(words(lang).separator)
}

fn warnings(r: &Record, lang: Lang) -> String {
    let texts: Vec<&str> = r
        .credit
        .warnings
        .iter()
        .map(|n| {
            if lang == Lang::En {
                n.text_en.as_str()
            } else {
                n.text.as_str()
            }
        })
        .collect();
    texts.join(if lang == Lang::En { "; " } else { "；" })
}

/// Schema id of `archive history --format json` and `archive list --format json`.
pub const SCHEMA: &str = "cogov.archive/1";

/// Records as JSON: `{schema, records: [...]}`, each record with its run, association,
/// period, digests, the member's credit as archived (with its reasons) and the names of the
/// run's grades and actions.
fn json(records: &[Record], extra: (&str, serde_json::Value)) -> String {
    let records: Vec<serde_json::Value> = records
        .iter()
        .map(|r| {
            serde_json::json!({
                "run": r.run,
                "association_id": r.association_id,
                "association_name": r.association_name,
                "period": r.period,
                "period_end": r.period_end,
                "policy_digest": r.policy_digest,
                "data_digest": r.data_digest,
                "credit": r.credit,
                "legend": r.legend,
            })
        })
        .collect();
    let mut value = serde_json::json!({ "schema": SCHEMA, "records": records });
    value[extra.0] = extra.1;
    crate::render::pretty(&value)
}

/// A member's history in a format: the terminal text, JSON records, or CSV of the records
/// table.
pub(crate) fn history_as(records: &[Record], lang: Lang, output: Output) -> String {
    match output {
        Output::Table => history(records, lang),
        Output::Json => json(
            records,
            ("member", records.last().map(|r| r.credit.id.clone()).into()),
        ),
        Output::Csv => history_table(records, lang).csv(),
    }
}

/// The members of one period in a format.
pub(crate) fn list_as(records: &[Record], period: &str, lang: Lang, output: Output) -> String {
    match output {
        Output::Table => list(records, period, lang),
        Output::Json => json(records, ("period", period.into())),
        Output::Csv => list_table(records, lang).csv(),
    }
}

fn history_table(records: &[Record], lang: Lang) -> Table {
    let w = words(lang);
    let mut table = Table::new(&[
        (w.period.as_str(), Align::Left),
        (w.association.as_str(), Align::Left),
        (w.score.as_str(), Align::Right),
        (w.grade.as_str(), Align::Left),
        (w.actions.as_str(), Align::Left),
        (w.warnings.as_str(), Align::Left),
        (w.run.as_str(), Align::Right),
    ]);
    for r in records {
        table.row(vec![
            r.period.clone(),
            r.association_name.clone(),
            num(r.credit.score),
            grade(r, lang),
            actions(r, lang),
            warnings(r, lang),
            format!("#{}", r.run),
        ]);
    }
    table
}

/// A member's records, oldest first, then the reasons of each.
pub(crate) fn history(records: &[Record], lang: Lang) -> String {
    let Some(latest) = records.last() else {
        return String::new();
    };
    let table = history_table(records, lang);
    let mut out = format!(
        "{}\n\n",
        Msg::new("report-archive-history-heading")
            .arg("name", latest.credit.name.as_str())
            .arg("code", latest.credit.id.as_str())
            .word(lang)
    );
    out.push_str(&table.render());
    for r in records {
        out.push_str(&format!(
            "\n{}\n",
            Msg::new("report-archive-history-run")
                .arg("period", r.period.as_str())
                .arg("run", r.run)
                .arg("policy", r.policy_digest.as_str())
                .arg("data", r.data_digest.as_str())
                .word(lang)
        ));
        out.push_str(&account(r, lang));
    }
    out
}

/// A record's credit account as archived: each line's event (if any), points and words. An
/// outcome names events by id only; `cogov explain --member` describes them from the data.
fn account(r: &Record, lang: Lang) -> String {
    let w = words(lang);
    let mut table = Table::new(&[
        (w.event.as_str(), Align::Left),
        (w.points.as_str(), Align::Right),
        (w.why.as_str(), Align::Left),
    ]);
    for reason in &r.credit.reasons {
        let text = match (lang, &reason.text, &reason.text_en) {
            (Lang::En, _, Some(en)) => en.clone(),
            (_, Some(zh), _) => zh.clone(),
            _ => event_words(reason.rule, lang),
        };
        let points = if reason.points > 0.0 {
            format!("+{}", num(reason.points))
        } else {
            num(reason.points)
        };
        table.row(vec![
            reason.event.clone().unwrap_or_default(),
            points,
            text.to_string(),
        ]);
    }
    table.render()
}

/// What an account line about one event says when it has no text of its own: why it did not
/// count, or nothing when it counted (its id and points say it).
fn event_words(rule: ReasonRule, lang: Lang) -> String {
    match rule {
        ReasonRule::Expired => Msg::new("report-archive-event-expired").word(lang),
        ReasonRule::Repaired => Msg::new("report-event-repaired").word(lang),
        ReasonRule::Duplicate => Msg::new("report-event-duplicate").word(lang),
        _ => String::new(),
    }
}

fn list_table(records: &[Record], lang: Lang) -> Table {
    let w = words(lang);
    let mut table = Table::new(&[
        (w.code.as_str(), Align::Left),
        (w.name.as_str(), Align::Left),
        (w.association.as_str(), Align::Left),
        (w.score.as_str(), Align::Right),
        (w.grade.as_str(), Align::Left),
        (w.actions.as_str(), Align::Left),
        (w.warnings.as_str(), Align::Left),
    ]);
    for r in records {
        table.row(vec![
            r.credit.id.clone(),
            r.credit.name.clone(),
            r.association_name.clone(),
            num(r.credit.score),
            grade(r, lang),
            actions(r, lang),
            warnings(r, lang),
        ]);
    }
    table
}

/// The members of one period, by association and credit code.
pub(crate) fn list(records: &[Record], period: &str, lang: Lang) -> String {
    let mut associations: Vec<&str> = records.iter().map(|r| r.association_id.as_str()).collect();
    associations.dedup();
    let table = list_table(records, lang);
    let summary = Msg::new("report-archive-list-summary")
        .arg("period", period)
        .arg("associations", associations.len())
        .arg("members", records.len())
        .word(lang);
    format!("{summary}\n\n{}", table.render())
}
