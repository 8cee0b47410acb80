//! Member credit in reports: a summary by grade with warnings, `explain --member` (every point
//! accounted for), and the published listing of members by grade (clause 4.3), which carries
//! no internal detail.

use super::table::{Align, Table, num};
use super::{Explained, pick};
use crate::data::Dataset;
use crate::data::members::Event;
use crate::data::strings::Strings;
use crate::eval::describe_event;
use crate::message::Msg;
use crate::outcome::{CreditReason, MemberResult, Outcome, ReasonRule};
use crate::policy::PolicySet;
use crate::policy::templates::markdown_escape;
use crate::text::Lang;

/// How many member warnings the terminal summary lists before saying how many more.
const LISTED: usize = 12;

pub(super) fn grade_name<'a>(outcome: &'a Outcome, grade: &str, lang: Lang) -> &'a str {
    outcome
        .credit
        .grades
        .iter()
        .find(|g| g.id == grade)
        .map_or("", |g| pick(lang, &g.zh, &g.en))
}

pub(super) fn action_name<'a>(outcome: &'a Outcome, id: &'a str, lang: Lang) -> &'a str {
    outcome.credit.actions.get(id).map_or(id, |t| t.get(lang))
}

/// Members by grade, sector warnings and member warnings, for the terminal.
pub(super) fn summary(outcome: &Outcome, lang: Lang, all: bool) -> String {
    if outcome.members.is_empty() {
        return String::new();
    }
    let total = outcome.members.len();
    let mut out = format!("\n{}\n", Msg::new("report-credit-heading").word(lang));
    let mut t = Table::new(&[
        (&Msg::new("report-grade").word(lang), Align::Left),
        (&Msg::new("report-name").word(lang), Align::Left),
        (&Msg::new("report-credit-members").word(lang), Align::Right),
        (&Msg::new("report-credit-share").word(lang), Align::Right),
        (&Msg::new("report-credit-actions").word(lang), Align::Left),
    ]);
    for g in &outcome.credit.grades {
        let members: Vec<&MemberResult> =
            outcome.members.iter().filter(|m| m.grade == g.id).collect();
        let mut actions: Vec<&str> = members
            .iter()
            .flat_map(|m| m.actions.iter().map(String::as_str))
            .collect();
        actions.sort_unstable();
        actions.dedup();
        let names: Vec<&str> = actions
            .iter()
            .map(|a| action_name(outcome, a, lang))
            .collect();
        t.row(vec![
            g.id.clone(),
            pick(lang, &g.zh, &g.en).to_string(),
            members.len().to_string(),
            format!("{}%", num(members.len() as f64 * 100.0 / total as f64)),
            list(lang, &names),
        ]);
    }
    out.push_str(&t.render());
    out.push_str(&super::warnings::table(outcome, lang));
    let warned: Vec<&MemberResult> = outcome
        .members
        .iter()
        .filter(|m| !m.warnings.is_empty())
        .collect();
    out.push_str(&format!(
        "\n{}\n",
        Msg::new("report-member-warnings")
            .arg("n", warned.len())
            .word(lang)
    ));
    let mut t = Table::new(&[
        (&Msg::new("report-credit-code").word(lang), Align::Left),
        (&Msg::new("report-company").word(lang), Align::Left),
        (&Msg::new("report-grade").word(lang), Align::Left),
        (&Msg::new("report-warning").word(lang), Align::Left),
    ]);
    let listed = if all { warned.len() } else { LISTED };
    for m in warned.iter().take(listed) {
        let notes: Vec<&str> = m
            .warnings
            .iter()
            .map(|w| pick(lang, &w.text, &w.text_en))
            .collect();
        t.row(vec![
            m.id.clone(),
            m.name.clone(),
            m.grade.clone(),
            notes.join(&Msg::new("report-semicolon").word(lang)),
        ]);
    }
    out.push_str(&t.render());
    if warned.len() > listed {
        let more = warned.len() - listed;
        out.push_str(&format!(
            "{}\n",
            Msg::new("report-cut-members").arg("n", more).word(lang)
        ));
    }
    out
}

/// Names joined as a list in `lang` (`、` or `, `).
pub(super) fn list(lang: Lang, names: &[&str]) -> String {
    names.join(match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    })
}

/// Explains one member's credit: every line with its points, adding up to the score. Event
/// lines are described from the data the outcome came from.
pub fn explain_member(
    policies: &PolicySet,
    data: &Dataset,
    outcome: &Outcome,
    code: &str,
    lang: Lang,
) -> Result<Explained, Msg> {
    let (Some(m), Some(members)) = (
        outcome.members.iter().find(|m| m.id == code),
        data.members.as_ref(),
    ) else {
        return Err(if outcome.members.is_empty() {
            Msg::new("report-no-roster")
        } else {
            Msg::new("report-no-member").arg("code", code)
        });
    };
    let grade = grade_name(outcome, &m.grade, lang);
    let mut out = format!(
        "{} {}\n{}\n\n",
        m.id,
        m.name,
        Msg::new("report-member-score")
            .arg("score", num(m.score))
            .arg("grade", m.grade.as_str())
            .arg("name", grade)
            .word(lang)
    );
    let mut t = account_table(lang);
    // The member's own events, found through its compact events rather than a scan of all.
    let own: Vec<&Event> = members
        .find(code)
        .map(|i| {
            members
                .events_of(i)
                .iter()
                .map(|c| &members.events[c.index as usize])
                .collect()
        })
        .unwrap_or_default();
    let mut sum = 0.0;
    for r in &m.reasons {
        sum += r.points;
        let points = if r.points > 0.0 {
            format!("+{}", num(r.points))
        } else {
            num(r.points)
        };
        t.row(vec![
            r.event.clone().unwrap_or_default(),
            points,
            line(policies, &members.strings, &own, r, lang),
        ]);
    }
    out.push_str(&t.render());
    out.push_str(&format!(
        "{}\n",
        Msg::new("report-account-total")
            .arg("sum", num(sum))
            .word(lang)
    ));
    if !m.actions.is_empty() {
        let names: Vec<&str> = m
            .actions
            .iter()
            .map(|a| action_name(outcome, a, lang))
            .collect();
        out.push_str(&format!(
            "{}\n",
            Msg::new("report-member-actions")
                .arg("actions", list(lang, &names))
                .word(lang)
        ));
    }
    for w in &m.warnings {
        out.push_str(&format!(
            "{}\n",
            Msg::new("report-member-warning")
                .arg("text", pick(lang, &w.text, &w.text_en))
                .word(lang)
        ));
    }
    let json = serde_json::json!({
        "schema": super::EXPLAIN_SCHEMA,
        "association": outcome.association.id,
        "period": outcome.period,
        "member": m,
        "grade_name": grade,
        "lines": t.json_rows(),
    });
    Ok(Explained {
        text: out,
        table: t,
        json,
    })
}

/// The table of a member's account: event, points, why.
fn account_table(lang: Lang) -> Table {
    Table::keyed(&[
        ("event", Msg::new("report-event").word(lang), Align::Left),
        ("points", Msg::new("report-points").word(lang), Align::Right),
        ("why", Msg::new("report-why-line").word(lang), Align::Left),
    ])
}

/// The words of one account line: a rule's own text, or the event it names described.
fn line(
    policies: &PolicySet,
    strings: &Strings,
    own: &[&Event],
    r: &CreditReason,
    lang: Lang,
) -> String {
    if let (Some(zh), Some(en)) = (&r.text, &r.text_en) {
        return pick(lang, zh, en).to_string();
    }
    let Some(event) = r
        .event
        .as_deref()
        .and_then(|id| own.iter().find(|e| strings.get(e.id) == id))
    else {
        return String::new();
    };
    let what = describe_event(policies, strings, event);
    let days = policies.credit.validity_days.unwrap_or(0);
    let why = match r.rule {
        ReasonRule::Expired => Msg::new("report-event-expired-days").arg("days", days),
        ReasonRule::Repaired => Msg::new("report-event-repaired"),
        ReasonRule::Duplicate => Msg::new("report-event-duplicate"),
        _ => return what.get(lang).to_string(),
    };
    Msg::new("report-event-not-counted")
        .arg("event", &what)
        .arg("why", why)
        .word(lang)
}

/// The published listing: members by grade with their credit code and name only, escaped for
/// Markdown.
pub(super) fn listing(outcome: &Outcome, lang: Lang) -> String {
    if outcome.members.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "\n## {}\n",
        Msg::new("report-listing-heading")
            .arg("association", outcome.association.name.as_str())
            .arg("period", outcome.period.as_str())
            .word(lang)
    );
    for g in &outcome.credit.grades {
        let members: Vec<&MemberResult> =
            outcome.members.iter().filter(|m| m.grade == g.id).collect();
        let count = members.len();
        out.push_str(&format!(
            "\n### {}\n\n",
            Msg::new("report-listing-grade")
                .arg("grade", g.id.as_str())
                .arg("name", pick(lang, &g.zh, &g.en))
                .arg("n", count)
                .word(lang)
        ));
        if members.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "| {} | {} |\n|---|---|\n",
            Msg::new("report-credit-code").word(lang),
            Msg::new("report-company").word(lang)
        ));
        for m in members {
            // A name is data: escaped, so it cannot become a link, a heading or another row.
            let name = markdown_escape(&m.name);
            out.push_str(&format!("| {} | {name} |\n", markdown_escape(&m.id)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ceramics scenario with its warned members repeated until there are `n`.
    fn with_warned(n: usize) -> Outcome {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let policies = PolicySet::load(&root.join("policies"), Some("ceramics")).unwrap();
        let data = root.join("scenarios/ceramics-credit/2024.ron");
        let data = Dataset::load(&data, &policies).unwrap();
        let mut outcome = crate::evaluate(&policies, &data, None).unwrap();
        let warned: Vec<MemberResult> = outcome
            .members
            .iter()
            .filter(|m| !m.warnings.is_empty())
            .cloned()
            .collect();
        let mut i = 0;
        while outcome
            .members
            .iter()
            .filter(|m| !m.warnings.is_empty())
            .count()
            < n
        {
            let mut m = warned[i % warned.len()].clone();
            m.id = format!("91440604TEST{i:06}");
            outcome.members.push(m);
            i += 1;
        }
        outcome
    }

    #[test]
    fn the_cut_says_how_to_see_the_rest_and_all_lists_everyone() {
        let outcome = with_warned(14);
        let zh = summary(&outcome, Lang::Zh, false);
        assert!(zh.contains("…另有 2 家，加 `--all` 列出全部\n"), "{zh}");
        let en = summary(&outcome, Lang::En, false);
        assert!(
            en.contains("… and 2 more; add `--all` to list them all\n"),
            "{en}"
        );
        let all = summary(&outcome, Lang::Zh, true);
        assert!(!all.contains("另有"), "{all}");
        for m in outcome.members.iter().filter(|m| !m.warnings.is_empty()) {
            assert!(all.contains(&m.id), "{}: {all}", m.id);
        }
    }
}
