//! The archive as aligned terminal tables, in Chinese or English: a member's history with the
//! reasons of every record, an association's runs, and the associations and members of one
//! period.

use super::{Record, RunSummary, Standing};
use crate::message::Msg;
use crate::outcome::{CreditReason, ReasonRule};
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
                "events": r.events,
                "legend": r.legend,
                "standing": standing_json(&r.standing),
            })
        })
        .collect();
    let mut value = serde_json::json!({ "schema": SCHEMA, "records": records });
    value[extra.0] = extra.1;
    crate::render::pretty(&value)
}

/// `{"current": true, "corrects": 1, "reason": …}` or `{"current": false, "superseded_by": 2, …}`.
fn standing_json(standing: &Standing) -> serde_json::Value {
    match standing {
        Standing::Current { corrects: None } => serde_json::json!({ "current": true }),
        Standing::Current {
            corrects: Some((run, reason)),
        } => serde_json::json!({ "current": true, "corrects": run, "reason": reason }),
        Standing::Superseded { by: None } => serde_json::json!({ "current": false }),
        Standing::Superseded {
            by: Some((run, reason)),
        } => serde_json::json!({ "current": false, "superseded_by": run, "reason": reason }),
    }
}

/// The run cell: `#2`, `#2（更正 #1）`, `#1（已被 #2 更正）`.
fn run_cell(run: i64, standing: &Standing, lang: Lang) -> String {
    match standing {
        Standing::Current { corrects: None } => format!("#{run}"),
        Standing::Current {
            corrects: Some((old, _)),
        } => Msg::new("archive-run-corrects")
            .arg("run", run)
            .arg("old", *old)
            .word(lang),
        Standing::Superseded { by } => Msg::new("archive-run-superseded")
            .arg("run", run)
            .arg("by", by.as_ref().map_or(0, |b| b.0))
            .word(lang),
    }
}

/// The line under a run's heading saying what it corrects or what superseded it, and why.
fn standing_line(standing: &Standing, lang: Lang) -> Option<String> {
    let line = match standing {
        Standing::Current {
            corrects: Some((old, reason)),
        } => Msg::new("archive-correction-line")
            .arg("old", *old)
            .arg("reason", reason.as_str()),
        Standing::Superseded {
            by: Some((by, reason)),
        } => Msg::new("archive-superseded-line")
            .arg("by", *by)
            .arg("reason", reason.as_str()),
        Standing::Superseded { by: None } => Msg::new("archive-shadowed-line"),
        Standing::Current { corrects: None } => return None,
    };
    Some(line.word(lang))
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

/// The associations and members of one period in a format.
pub(crate) fn list_as(
    runs: &[RunSummary],
    records: &[Record],
    period: &str,
    lang: Lang,
    output: Output,
) -> String {
    match output {
        Output::Table => list(runs, records, period, lang),
        Output::Json => {
            let mut value: serde_json::Value =
                serde_json::from_str(&json(records, ("period", period.into())))
                    .expect("our own JSON");
            value["associations"] = runs.iter().map(run_json).collect();
            crate::render::pretty(&value)
        }
        Output::Csv => list_table(records, lang).csv(),
    }
}

/// An association's runs in a format.
pub(crate) fn runs_as(runs: &[RunSummary], lang: Lang, output: Output) -> String {
    match output {
        Output::Table => association_history(runs, lang),
        Output::Json => {
            let value = serde_json::json!({
                "schema": SCHEMA,
                "association": runs.last().map(|r| r.association_id.clone()),
                "runs": runs.iter().map(run_json).collect::<Vec<_>>(),
            });
            crate::render::pretty(&value)
        }
        Output::Csv => runs_table(runs, lang).csv(),
    }
}

/// A run as JSON: its stamps, digests, standing, and the association part as archived.
fn run_json(r: &RunSummary) -> serde_json::Value {
    serde_json::json!({
        "run": r.run,
        "recorded_at": r.recorded_at,
        "association_id": r.association_id,
        "association_name": r.association_name,
        "period": r.period,
        "period_end": r.period_end,
        "policy_digest": r.policy_digest,
        "data_digest": r.data_digest,
        "previous_digest": r.previous_digest,
        "outcome_digest": r.outcome_digest,
        "run_hash": r.run_hash,
        "members": r.members,
        "standing": standing_json(&r.standing),
        "association": r.association,
    })
}

/// `72.5`, `良好`, and the actions raised, or dashes for a run archived without its
/// association part.
fn association_cells(r: &RunSummary, lang: Lang) -> [String; 3] {
    match &r.association {
        Some(o) => {
            let grade = if lang == Lang::En {
                &o.association.grade_en
            } else {
                &o.association.grade
            };
            [
                num(o.association.score),
                grade.clone(),
                o.triggers.len().to_string(),
            ]
        }
        None => ["—".into(), "—".into(), "—".into()],
    }
}

fn runs_table(runs: &[RunSummary], lang: Lang) -> Table {
    let w = words(lang);
    let total = Msg::new("archive-word-total").word(lang);
    let raised = Msg::new("archive-word-raised").word(lang);
    let members = Msg::new("archive-word-members").word(lang);
    let mut table = Table::new(&[
        (w.period.as_str(), Align::Left),
        (total.as_str(), Align::Right),
        (w.grade.as_str(), Align::Left),
        (raised.as_str(), Align::Right),
        (members.as_str(), Align::Right),
        (w.run.as_str(), Align::Left),
    ]);
    for r in runs {
        let [score, grade, raised] = association_cells(r, lang);
        table.row(vec![
            r.period.clone(),
            score,
            grade,
            raised,
            r.members.to_string(),
            run_cell(r.run, &r.standing, lang),
        ]);
    }
    table
}

/// An association's runs, oldest first, then each run's digests, standing and actions.
fn association_history(runs: &[RunSummary], lang: Lang) -> String {
    let Some(latest) = runs.last() else {
        return String::new();
    };
    let mut out = format!(
        "{}\n\n",
        Msg::new("archive-association-heading")
            .arg("name", latest.association_name.as_str())
            .arg("code", latest.association_id.as_str())
            .word(lang)
    );
    out.push_str(&runs_table(runs, lang).render());
    for r in runs {
        let previous: crate::message::Arg = if r.previous_digest.is_empty() {
            Msg::new("archive-no-previous").into()
        } else {
            r.previous_digest.as_str().into()
        };
        out.push_str(&format!(
            "\n{}\n",
            Msg::new("archive-association-run")
                .arg("period", r.period.as_str())
                .arg("run", r.run)
                .arg("at", r.recorded_at.as_str())
                .arg("policy", r.policy_digest.as_str())
                .arg("data", r.data_digest.as_str())
                .arg("previous", previous)
                .arg("outcome", r.outcome_digest.as_str())
                .arg("hash", r.run_hash.as_str())
                .word(lang)
        ));
        if let Some(line) = standing_line(&r.standing, lang) {
            out.push_str(&format!("{line}\n"));
        }
        for t in r.association.iter().flat_map(|o| &o.triggers) {
            let (action, due) = (
                if lang == Lang::En {
                    &t.action_en
                } else {
                    &t.action
                },
                &t.due,
            );
            out.push_str(&format!(
                "{}\n",
                Msg::new("archive-association-action")
                    .arg("clause", t.clause.as_str())
                    .arg("action", action.as_str())
                    .arg("due", due.as_str())
                    .word(lang)
            ));
        }
    }
    out
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
            run_cell(r.run, &r.standing, lang),
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
        if let Some(line) = standing_line(&r.standing, lang) {
            out.push_str(&format!("{line}\n"));
        }
        out.push_str(&account(r, lang));
    }
    out
}

/// A record's credit account as archived: each line's event (if any), points and words; a line
/// about one event says what the event was, as described when it was archived.
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
            _ => event_words(reason, r, lang),
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

/// What an account line about one event says when it has no text of its own: the event as
/// archived, and why it did not count if it did not.
fn event_words(reason: &CreditReason, r: &Record, lang: Lang) -> String {
    let described = reason.event.as_ref().and_then(|id| r.events.get(id));
    let why = match reason.rule {
        ReasonRule::Expired => Some(Msg::new("report-archive-event-expired")),
        ReasonRule::Repaired => Some(Msg::new("report-event-repaired")),
        ReasonRule::Duplicate => Some(Msg::new("report-event-duplicate")),
        _ => None,
    };
    match (described, why) {
        (Some(what), Some(why)) => Msg::new("report-event-not-counted")
            .arg("event", what)
            .arg("why", why)
            .word(lang),
        (Some(what), None) => what.get(lang).to_string(),
        (None, Some(why)) => why.word(lang),
        (None, None) => String::new(),
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

/// The associations of one period with their total and grade, then their members, by
/// association and credit code.
pub(crate) fn list(runs: &[RunSummary], records: &[Record], period: &str, lang: Lang) -> String {
    let summary = Msg::new("report-archive-list-summary")
        .arg("period", period)
        .arg("associations", runs.len())
        .arg("members", records.len())
        .word(lang);
    let w = words(lang);
    let total = Msg::new("archive-word-total").word(lang);
    let raised = Msg::new("archive-word-raised").word(lang);
    let mut associations = Table::new(&[
        (w.code.as_str(), Align::Left),
        (w.association.as_str(), Align::Left),
        (total.as_str(), Align::Right),
        (w.grade.as_str(), Align::Left),
        (raised.as_str(), Align::Right),
        (w.run.as_str(), Align::Left),
    ]);
    for r in runs {
        let [score, grade, raised] = association_cells(r, lang);
        associations.row(vec![
            r.association_id.clone(),
            r.association_name.clone(),
            score,
            grade,
            raised,
            run_cell(r.run, &r.standing, lang),
        ]);
    }
    let mut out = format!("{summary}\n\n{}", associations.render());
    if !records.is_empty() {
        out.push_str(&format!("\n{}", list_table(records, lang).render()));
    }
    out
}
