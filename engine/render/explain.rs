//! `cogov explain --indicator`: every criterion of one indicator with the points it earned,
//! the rule that decided, the evidence and facts it rests on, and the file that holds the rule.

use super::table::{Align, Table, indented, num};
use super::{Explained, pick};
use crate::message::Msg;
use crate::outcome::Outcome;
use crate::policy::PolicySet;
use crate::text::Lang;

/// Where a criterion's detail lines start, and where they continue when wrapped.
const DETAIL: &str = "      ";
const DETAIL_MORE: &str = "        ";

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
        (
            "rule",
            word(Msg::new("report-rule-kind-heading")),
            Align::Left,
        ),
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
        let rule = Msg::new("report-explain-rule")
            .arg("source", r.source.as_str())
            .arg(
                "rule",
                Msg::new("report-rule-kind").arg("rule", r.rule.as_str()),
            );
        out.push_str(&indented(&word(rule), DETAIL, DETAIL_MORE));
        if !r.evidence.is_empty() {
            let evidence = Msg::new("report-explain-evidence").arg("list", r.evidence.clone());
            out.push_str(&indented(&word(evidence), DETAIL, DETAIL_MORE));
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
            let listed = Msg::new("report-explain-facts").arg("list", facts.clone());
            out.push_str(&indented(&word(listed), DETAIL, DETAIL_MORE));
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
