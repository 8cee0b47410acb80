//! Member credit in reports: a summary by grade with warnings, `explain --member` (every point
//! accounted for), and the published listing of members by grade (clause 4.3), which carries
//! no internal detail.

use super::pick;
use super::table::{Align, Table, num};
use crate::data::Dataset;
use crate::data::members::Event;
use crate::data::strings::Strings;
use crate::eval::describe_event;
use crate::outcome::{CreditReason, MemberResult, Outcome, ReasonRule};
use crate::policy::PolicySet;
use crate::text::Lang;

/// How many member warnings the terminal summary lists before saying how many more.
const LISTED: usize = 12;

fn grade_name<'a>(outcome: &'a Outcome, grade: &str, lang: Lang) -> &'a str {
    outcome
        .credit
        .grades
        .iter()
        .find(|g| g.id == grade)
        .map_or("", |g| pick(lang, &g.zh, &g.en))
}

fn action_name<'a>(outcome: &'a Outcome, id: &'a str, lang: Lang) -> &'a str {
    outcome.credit.actions.get(id).map_or(id, |t| t.get(lang))
}

/// Members by grade, sector warnings and member warnings, for the terminal.
pub(super) fn summary(outcome: &Outcome, lang: Lang) -> String {
    if outcome.members.is_empty() {
        return String::new();
    }
    let zh = lang == Lang::Zh;
    let total = outcome.members.len();
    let mut out = format!(
        "\n{}\n",
        if zh {
            "成员单位质量信用"
        } else {
            "Member quality credit"
        }
    );
    let mut t = Table::new(&[
        (if zh { "等级" } else { "Grade" }, Align::Left),
        (if zh { "名称" } else { "Name" }, Align::Left),
        (if zh { "家数" } else { "Members" }, Align::Right),
        (if zh { "占比" } else { "Share" }, Align::Right),
        (if zh { "奖惩措施" } else { "Actions" }, Align::Left),
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
            names.join(if zh { "、" } else { ", " }),
        ]);
    }
    out.push_str(&t.render());
    let heading = if zh {
        "行业质量信用预警"
    } else {
        "Sector credit warnings"
    };
    out.push_str(&format!("\n{heading}\n"));
    if outcome.warnings.is_empty() {
        out.push_str(if zh { "无\n" } else { "none\n" });
    }
    for w in &outcome.warnings {
        out.push_str(&format!("- {}\n", pick(lang, &w.text, &w.text_en)));
    }
    let warned: Vec<&MemberResult> = outcome
        .members
        .iter()
        .filter(|m| !m.warnings.is_empty())
        .collect();
    let heading = if zh {
        "成员信用预警"
    } else {
        "Member credit warnings"
    };
    out.push_str(&format!("\n{heading}（{}）\n", warned.len()));
    let mut t = Table::new(&[
        (
            if zh {
                "统一社会信用代码"
            } else {
                "Credit code"
            },
            Align::Left,
        ),
        (if zh { "企业名称" } else { "Company" }, Align::Left),
        (if zh { "等级" } else { "Grade" }, Align::Left),
        (if zh { "预警" } else { "Warning" }, Align::Left),
    ]);
    for m in warned.iter().take(LISTED) {
        let notes: Vec<&str> = m
            .warnings
            .iter()
            .map(|w| pick(lang, &w.text, &w.text_en))
            .collect();
        t.row(vec![
            m.id.clone(),
            m.name.clone(),
            m.grade.clone(),
            notes.join("；"),
        ]);
    }
    out.push_str(&t.render());
    if warned.len() > LISTED {
        let more = warned.len() - LISTED;
        out.push_str(&if zh {
            format!("…另有 {more} 家\n")
        } else {
            format!("… and {more} more\n")
        });
    }
    out
}

/// Explains one member's credit: every line with its points, adding up to the score. Event
/// lines are described from the data the outcome came from.
pub fn explain_member(
    policies: &PolicySet,
    data: &Dataset,
    outcome: &Outcome,
    code: &str,
    lang: Lang,
) -> Result<String, String> {
    let (Some(m), Some(members)) = (
        outcome.members.iter().find(|m| m.id == code),
        data.members.as_ref(),
    ) else {
        return Err(if outcome.members.is_empty() {
            "the data has no member roster".to_string()
        } else {
            format!("there is no member `{code}` in the roster")
        });
    };
    let zh = lang == Lang::Zh;
    let grade = grade_name(outcome, &m.grade, lang);
    let mut out = format!(
        "{} {}\n{} {}  {} {}{}\n\n",
        m.id,
        m.name,
        if zh { "信用分" } else { "Credit score" },
        num(m.score),
        if zh { "等级" } else { "grade" },
        m.grade,
        if zh {
            format!("（{grade}）")
        } else {
            format!(" ({grade})")
        }
    );
    let mut t = Table::new(&[
        (if zh { "事件" } else { "Event" }, Align::Left),
        (if zh { "分值" } else { "Points" }, Align::Right),
        (if zh { "说明" } else { "Why" }, Align::Left),
    ]);
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
        "{} {}\n",
        if zh { "合计" } else { "Total" },
        num(sum)
    ));
    if !m.actions.is_empty() {
        let names: Vec<&str> = m
            .actions
            .iter()
            .map(|a| action_name(outcome, a, lang))
            .collect();
        out.push_str(&format!(
            "{}: {}\n",
            if zh { "奖惩措施" } else { "Actions" },
            names.join(if zh { "、" } else { ", " })
        ));
    }
    for w in &m.warnings {
        out.push_str(&format!(
            "{}: {}\n",
            if zh { "预警" } else { "Warning" },
            pick(lang, &w.text, &w.text_en)
        ));
    }
    Ok(out)
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
    let what = describe_event(&policies.credit, strings, event);
    let days = policies.credit.validity_days.unwrap_or(0);
    let why = match (r.rule, lang) {
        (ReasonRule::Expired, Lang::Zh) => format!("已超过 {days} 天有效期，不计分"),
        (ReasonRule::Expired, Lang::En) => {
            format!("older than the {days}-day validity window, not counted")
        }
        (ReasonRule::Repaired, Lang::Zh) => "已完成信用修复，不再计分".into(),
        (ReasonRule::Repaired, Lang::En) => "cleared by credit repair, not counted".into(),
        (ReasonRule::Duplicate, Lang::Zh) => "只计一次，重复不计".into(),
        (ReasonRule::Duplicate, Lang::En) => "counts once; repeat not counted".into(),
        _ => return what.get(lang).to_string(),
    };
    match lang {
        Lang::Zh => format!("{}：{why}", what.zh),
        Lang::En => format!("{}: {why}", what.en),
    }
}

/// The published listing: members by grade with their credit code and name only.
pub(super) fn listing(outcome: &Outcome, lang: Lang) -> String {
    if outcome.members.is_empty() {
        return String::new();
    }
    let zh = lang == Lang::Zh;
    let mut out = if zh {
        format!(
            "\n## {} {} 年度成员单位质量信用评价结果\n",
            outcome.association.name, outcome.period
        )
    } else {
        format!(
            "\n## {}: member quality credit, {}\n",
            outcome.association.name, outcome.period
        )
    };
    for g in &outcome.credit.grades {
        let members: Vec<&MemberResult> =
            outcome.members.iter().filter(|m| m.grade == g.id).collect();
        let count = members.len();
        out.push_str(&if zh {
            format!("\n### {} 级（{}）：{count} 家\n\n", g.id, g.zh)
        } else {
            format!("\n### Grade {} ({}): {count}\n\n", g.id, g.en)
        });
        if members.is_empty() {
            continue;
        }
        out.push_str(if zh {
            "| 统一社会信用代码 | 企业名称 |\n|---|---|\n"
        } else {
            "| Credit code | Company |\n|---|---|\n"
        });
        for m in members {
            out.push_str(&format!("| {} | {} |\n", m.id, m.name.replace('|', "\\|")));
        }
    }
    out
}
