//! `cogov explain --indicator`: every criterion of one indicator with the points it earned,
//! the rule that decided, the evidence and facts it rests on, and the file that holds the rule.

use super::pick;
use super::table::num;
use crate::outcome::Outcome;
use crate::policy::PolicySet;
use crate::text::Lang;

/// Explains one indicator's score, with the work outcome the standard expects of it, or says
/// which indicators exist.
pub fn explain_indicator(
    policies: &PolicySet,
    outcome: &Outcome,
    id: &str,
    lang: Lang,
) -> Result<String, String> {
    let Some(ind) = outcome.indicator(id) else {
        let known: Vec<&str> = outcome
            .association
            .indicators
            .iter()
            .map(|i| i.id.as_str())
            .collect();
        return Err(format!(
            "there is no indicator `{id}`; indicators are {}",
            known.join(", ")
        ));
    };
    let (points, evidence, facts, source, none, expected) = match lang {
        Lang::Zh => ("得分", "证据", "事实", "规则", "未报告", "工作成果"),
        Lang::En => (
            "score",
            "evidence",
            "facts",
            "rule",
            "not reported",
            "expected outcome (工作成果)",
        ),
    };
    let mut out = format!(
        "{} {}  {points} {} / {}\n",
        ind.id,
        pick(lang, &ind.name, &ind.name_en),
        num(ind.score),
        num(ind.max)
    );
    if let Some(text) = policies.rubric.outcome_of(id) {
        out.push_str(&format!("{expected}：{text}\n"));
    }
    for r in &ind.reasons {
        out.push_str(&format!(
            "\n  {}  {} / {}  {}\n",
            r.criterion,
            num(r.points),
            num(r.max),
            pick(lang, &r.text, &r.text_en)
        ));
        out.push_str(&format!("      {source}: {} ({})\n", r.source, r.rule));
        if !r.evidence.is_empty() {
            out.push_str(&format!("      {evidence}: {}\n", r.evidence.join(", ")));
        }
        if !r.facts.is_empty() {
            let list: Vec<String> = r
                .facts
                .iter()
                .map(|(k, v)| format!("{k} = {}", v.map_or(none.to_string(), |v| v.to_string())))
                .collect();
            out.push_str(&format!("      {facts}: {}\n", list.join(", ")));
        }
    }
    let fired: Vec<_> = outcome.triggers.iter().filter(|t| t.target == id).collect();
    for t in fired {
        out.push_str(&format!(
            "\n  → {} ({}): {}  [{}, {}]\n",
            t.id,
            t.clause,
            pick(lang, &t.action, &t.action_en),
            pick(lang, &t.owner, &t.owner_en),
            t.due
        ));
    }
    Ok(out)
}
