//! `cogov explain --indicator`: every criterion of one indicator with the points it earned,
//! the rule that decided, the evidence and facts it rests on, and the file that holds the rule.

use super::table::{Align, Table, num};
use super::{Explained, pick};
use crate::message::Msg;
use crate::outcome::Outcome;
use crate::policy::PolicySet;
use crate::text::Lang;

/// Schema id of `explain --format json`.
pub const EXPLAIN_SCHEMA: &str = "cogov.explain/1";

/// Explains one indicator's score, with the work outcome the standard expects of it, or says
/// which indicators exist.
pub fn explain_indicator(
    policies: &PolicySet,
    outcome: &Outcome,
    id: &str,
    lang: Lang,
) -> Result<Explained, Msg> {
    let Some(ind) = outcome.indicator(id) else {
        let known: Vec<&str> = outcome
            .association
            .indicators
            .iter()
            .map(|i| i.id.as_str())
            .collect();
        return Err(Msg::new("report-no-indicator")
            .arg("id", id)
            .arg("known", known));
    };
    let word = |m: Msg| m.word(lang);
    let mut out = format!(
        "{} {}  {}\n",
        ind.id,
        pick(lang, &ind.name, &ind.name_en),
        word(
            Msg::new("report-explain-score")
                .arg("score", num(ind.score))
                .arg("max", num(ind.max))
        )
    );
    let expected = policies.rubric.outcome_of(id);
    if let Some(text) = expected {
        out.push_str(&format!(
            "{}\n",
            word(Msg::new("report-explain-expected").arg("text", text))
        ));
    }
    let mut table = Table::keyed(&[
        ("criterion", word(Msg::new("report-criterion")), Align::Left),
        ("points", word(Msg::new("report-score")), Align::Right),
        ("max", word(Msg::new("report-max")), Align::Right),
        ("why", word(Msg::new("report-why-line")), Align::Left),
        ("source", word(Msg::new("report-rule")), Align::Left),
        ("rule", word(Msg::new("report-rule-kind")), Align::Left),
        ("evidence", word(Msg::new("report-evidence")), Align::Left),
        ("facts", word(Msg::new("report-facts")), Align::Left),
    ]);
    let none = word(Msg::new("report-not-reported"));
    for r in &ind.reasons {
        let text = pick(lang, &r.text, &r.text_en);
        out.push_str(&format!(
            "\n  {}  {} / {}  {text}\n",
            r.criterion,
            num(r.points),
            num(r.max),
        ));
        detail(
            &mut out,
            &word(
                Msg::new("report-explain-rule")
                    .arg("source", r.source.as_str())
                    .arg(
                        "rule",
                        Msg::new("report-rule-kind").arg("rule", r.rule.as_str()),
                    ),
            ),
        );
        if !r.evidence.is_empty() {
            detail(
                &mut out,
                &word(Msg::new("report-explain-evidence").arg("list", r.evidence.clone())),
            );
        }
        let facts: Vec<String> = r
            .facts
            .iter()
            .map(|(k, v)| {
                let value = v.map_or(none.clone(), |v| v.to_string());
                word(
                    Msg::new("report-explain-fact")
                        .arg("name", policies.catalogue.name_of(k))
                        .arg("key", k.as_str())
                        .arg("value", value),
                )
            })
            .collect();
        if !r.facts.is_empty() {
            detail(
                &mut out,
                &word(Msg::new("report-explain-facts").arg("list", facts.clone())),
            );
        }
        table.row(vec![
            r.criterion.clone(),
            num(r.points),
            num(r.max),
            text.to_string(),
            r.source.clone(),
            r.rule.clone(),
            r.evidence.join(", "),
            facts.join(", "),
        ]);
    }
    let fired: Vec<_> = outcome.triggers.iter().filter(|t| t.target == id).collect();
    for t in &fired {
        out.push_str(&format!(
            "\n  → {} ({}): {}  [{}, {}]\n",
            t.id,
            t.clause,
            pick(lang, &t.action, &t.action_en),
            pick(lang, &t.owner, &t.owner_en),
            t.due
        ));
    }
    let json = serde_json::json!({
        "schema": EXPLAIN_SCHEMA,
        "association": outcome.association.id,
        "period": outcome.period,
        "indicator": ind,
        "expected": expected,
        "triggers": fired,
    });
    Ok(Explained {
        text: out,
        table,
        json,
    })
}

/// A detail line under a criterion, wrapped to the terminal and continued under itself.
fn detail(out: &mut String, text: &str) {
    let width = super::table::width().saturating_sub(8).max(20);
    for (n, piece) in super::table::wrap(text, width).iter().enumerate() {
        let indent = if n == 0 { "      " } else { "        " };
        out.push_str(indent);
        out.push_str(piece);
        out.push('\n');
    }
}
