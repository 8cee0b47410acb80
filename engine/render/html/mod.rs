//! The HTML report (`--format html`): the outcome laid out for the policy's `report.html`
//! template — summary, charts, indicators with their reasons, improvement actions and their
//! follow-up, member credit and provenance — in the reader's language. Texts are worded by the
//! same functions as the terminal and Markdown reports; the template escapes what it prints.

mod charts;

use minijinja::Value;

use super::credit::{action_name, grade_name, list};
use super::report::{TreeRow, tree_rows, trigger_rows};
use super::table::num;
use super::{follow_up, pick, warnings};
use crate::diagnostic::Problem;
use crate::message::Msg;
use crate::outcome::{FollowUpStatus, Outcome};
use crate::policy::PolicySet;
use crate::policy::templates::context::{
    ActionRow, Charts, Credit, FollowUpRow, GradeRow, IndicatorRow, MemberRow, MemberWarning,
    Provenance, ReasonRow, SectorWarningRow, Summary, Trend, TrendRow, lang_tag, words,
};
use crate::policy::templates::{REPORT, Report};
use crate::text::Lang;
use charts::Bar;

/// The report as a standalone HTML page, from the policy's `report.html`; `previous` is the
/// outcome the evaluation followed, for the trend.
pub(crate) fn page(
    policies: &PolicySet,
    outcome: &Outcome,
    previous: Option<&Outcome>,
    lang: Lang,
) -> Result<String, Problem> {
    let report = context(policies, outcome, previous, lang);
    let rows = outcome.members.len()
        + outcome
            .association
            .indicators
            .iter()
            .map(|i| i.reasons.len() + 1)
            .sum::<usize>()
        + outcome.triggers.len()
        + outcome.follow_ups.len();
    policies.templates.render(REPORT, &report, rows)
}

/// The sector as reports name it: the overlay's name, or the base's.
pub(crate) fn sector_name(policies: &PolicySet, lang: Lang) -> String {
    match &policies.overlay {
        Some(overlay) => overlay.name.get(lang).to_string(),
        None => Msg::new("workbook-sector-base").word(lang),
    }
}

fn percent(part: f64, whole: f64) -> String {
    if whole > 0.0 {
        format!("{}%", num(part * 100.0 / whole))
    } else {
        "—".to_string()
    }
}

fn share(part: f64, whole: f64) -> f64 {
    if whole > 0.0 { part / whole } else { 0.0 }
}

fn context(
    policies: &PolicySet,
    outcome: &Outcome,
    previous: Option<&Outcome>,
    lang: Lang,
) -> Report {
    let a = &outcome.association;
    let warned = outcome
        .members
        .iter()
        .filter(|m| !m.warnings.is_empty())
        .count();
    let w = words(lang, warned);
    let sector = sector_name(policies, lang);
    let tree = tree_rows(outcome, lang);
    let credit = credit(outcome, lang);
    let trend = previous.map(|p| trend(p, outcome, lang));
    let charts = Charts {
        levels: safe(level_chart(&tree, &w["chart_levels"])),
        indicators: safe(indicator_chart(&tree, &w["chart_indicators"])),
        credit: credit.as_ref().map_or(Value::from(""), |c| {
            safe(credit_chart(c, &w["chart_credit"]))
        }),
        trend: previous.map_or(Value::from(""), |p| {
            safe(trend_chart(p, outcome, lang, &w["chart_trend"]))
        }),
    };
    Report {
        lang: lang_tag(lang),
        summary: Summary {
            association: a.name.clone(),
            credit_code: a.id.clone(),
            period: outcome.period.clone(),
            period_end: outcome.period_end.clone(),
            sector: sector.clone(),
            total: num(a.score),
            max: num(a.max),
            share: percent(a.score, a.max),
            grade: pick(lang, &a.grade, &a.grade_en).to_string(),
        },
        charts,
        indicators: indicator_rows(outcome, tree, lang),
        actions: action_rows(outcome, lang),
        follow_ups: follow_up_rows(outcome, lang),
        credit,
        trend,
        provenance: Provenance {
            evaluated_as_of: outcome.period_end.clone(),
            version: env!("CARGO_PKG_VERSION"),
            policy_digest: outcome.policy.digest.clone(),
            data_digest: outcome.data.digest.clone(),
            sector: match &policies.overlay {
                Some(o) if lang == Lang::Zh => format!("{}（{sector}）", o.id),
                Some(o) => format!("{} ({sector})", o.id),
                None => sector,
            },
        },
        w,
    }
}

/// A table row's cells as an array (a missing cell is empty).
fn cells<const N: usize>(row: Vec<String>) -> [String; N] {
    let mut cells = row.into_iter();
    std::array::from_fn(|_| cells.next().unwrap_or_default())
}

fn safe(svg: String) -> Value {
    Value::from_safe_string(svg)
}

fn indicator_rows(outcome: &Outcome, tree: Vec<TreeRow>, lang: Lang) -> Vec<IndicatorRow> {
    tree.into_iter()
        .map(|row| {
            let indicator = outcome.indicator(&row.id);
            let reasons = indicator
                .map(|i| {
                    i.reasons
                        .iter()
                        .map(|r| ReasonRow {
                            criterion: r.criterion.clone(),
                            points: num(r.points),
                            max: num(r.max),
                            text: pick(lang, &r.text, &r.text_en).to_string(),
                            evidence: r.evidence.join(", "),
                        })
                        .collect()
                })
                .unwrap_or_default();
            IndicatorRow {
                depth: row.depth,
                indicator: indicator.is_some(),
                share: percent(row.score, row.max),
                id: row.id,
                name: row.name,
                score: num(row.score),
                max: num(row.max),
                reasons,
            }
        })
        .collect()
}

fn action_rows(outcome: &Outcome, lang: Lang) -> Vec<ActionRow> {
    outcome
        .triggers
        .iter()
        .zip(trigger_rows(outcome, lang))
        .map(|(t, row)| {
            let [id, clause, action, owner, due, why] = cells(row);
            let name = outcome
                .indicator(&t.target)
                .map_or(t.target.as_str(), |i| pick(lang, &i.name, &i.name_en));
            ActionRow {
                id,
                clause,
                indicator: format!("{name}（{}）", t.target),
                action,
                owner,
                due,
                why,
            }
        })
        .collect()
}

fn follow_up_rows(outcome: &Outcome, lang: Lang) -> Vec<FollowUpRow> {
    outcome
        .follow_ups
        .iter()
        .zip(follow_up::rows(outcome, lang))
        .map(|(f, row)| {
            let [id, indicator, raised_in, due, status, why] = cells(row);
            FollowUpRow {
                id,
                indicator,
                raised_in,
                due,
                status,
                status_id: match f.status {
                    FollowUpStatus::Closed => "closed",
                    FollowUpStatus::Open => "open",
                    FollowUpStatus::Overdue => "overdue",
                    FollowUpStatus::Escalated => "escalated",
                },
                why,
            }
        })
        .collect()
}

fn credit(outcome: &Outcome, lang: Lang) -> Option<Credit> {
    if outcome.members.is_empty() {
        return None;
    }
    let total = outcome.members.len();
    let semicolon = Msg::new("report-semicolon").word(lang);
    let names = |ids: &mut Vec<&str>| {
        ids.sort_unstable();
        ids.dedup();
        let names: Vec<&str> = ids.iter().map(|a| action_name(outcome, a, lang)).collect();
        list(lang, &names)
    };
    let grades = outcome
        .credit
        .grades
        .iter()
        .map(|g| {
            let members = outcome.members.iter().filter(|m| m.grade == g.id);
            let count = members.clone().count();
            let mut actions: Vec<&str> = members
                .flat_map(|m| m.actions.iter().map(String::as_str))
                .collect();
            GradeRow {
                id: g.id.clone(),
                name: pick(lang, &g.zh, &g.en).to_string(),
                count,
                share: percent(count as f64, total as f64),
                actions: names(&mut actions),
            }
        })
        .collect();
    let members = outcome
        .members
        .iter()
        .map(|m| MemberRow {
            code: m.id.clone(),
            name: m.name.clone(),
            score: num(m.score),
            grade: m.grade.clone(),
            grade_name: grade_name(outcome, &m.grade, lang).to_string(),
            actions: names(&mut m.actions.iter().map(String::as_str).collect()),
            warnings: m
                .warnings
                .iter()
                .map(|w| pick(lang, &w.text, &w.text_en).to_string())
                .collect(),
        })
        .collect();
    let member_warnings = outcome
        .members
        .iter()
        .filter(|m| !m.warnings.is_empty())
        .map(|m| MemberWarning {
            code: m.id.clone(),
            name: m.name.clone(),
            grade: m.grade.clone(),
            text: m
                .warnings
                .iter()
                .map(|w| pick(lang, &w.text, &w.text_en))
                .collect::<Vec<_>>()
                .join(&semicolon),
        })
        .collect();
    let sector_warnings = warnings::rows(outcome, lang)
        .into_iter()
        .map(|row| {
            let [date, text, subject, count, share, line] = cells(row);
            SectorWarningRow {
                date,
                text,
                subject,
                count,
                share,
                line,
            }
        })
        .collect();
    Some(Credit {
        members_total: total,
        grades,
        members,
        member_warnings,
        sector_warnings,
    })
}

fn trend(previous: &Outcome, outcome: &Outcome, lang: Lang) -> Trend {
    let row = |o: &Outcome| TrendRow {
        period: o.period.clone(),
        total: format!("{} / {}", num(o.association.score), num(o.association.max)),
        share: percent(o.association.score, o.association.max),
        grade: pick(lang, &o.association.grade, &o.association.grade_en).to_string(),
    };
    let change = outcome.association.score - previous.association.score;
    Trend {
        periods: vec![row(previous), row(outcome)],
        change: if change > 0.0 {
            format!("+{}", num(change))
        } else {
            num(change)
        },
    }
}

fn level_chart(tree: &[TreeRow], title: &str) -> String {
    let bars: Vec<Bar> = tree
        .iter()
        .filter(|r| r.depth < 2)
        .map(|r| Bar {
            label: format!("{}{} {}", "  ".repeat(r.depth), r.id, r.name),
            share: share(r.score, r.max),
            value: format!("{} / {}", num(r.score), num(r.max)),
            before: None,
            strong: r.depth == 0,
        })
        .collect();
    charts::bars(title, &bars, None)
}

fn indicator_chart(tree: &[TreeRow], title: &str) -> String {
    let bars: Vec<Bar> = tree
        .iter()
        .filter(|r| r.depth == 2)
        .map(|r| Bar {
            label: format!("{} {}", r.id, r.name),
            share: share(r.score, r.max),
            value: percent(r.score, r.max),
            before: None,
            strong: false,
        })
        .collect();
    charts::bars(title, &bars, None)
}

fn credit_chart(credit: &Credit, title: &str) -> String {
    let most = credit.grades.iter().map(|g| g.count).max().unwrap_or(0);
    let bars: Vec<Bar> = credit
        .grades
        .iter()
        .map(|g| Bar {
            label: format!("{} {}", g.id, g.name),
            share: share(g.count as f64, most as f64),
            value: format!("{}（{}）", g.count, g.share),
            before: None,
            strong: false,
        })
        .collect();
    charts::bars(title, &bars, None)
}

/// The total and each top level, the previous period's share behind this one's.
fn trend_chart(previous: &Outcome, outcome: &Outcome, lang: Lang, title: &str) -> String {
    let (p, a) = (&previous.association, &outcome.association);
    let total = Msg::new("report-total").word(lang);
    let mut bars = vec![Bar {
        label: total,
        share: share(a.score, a.max),
        value: format!("{} → {}", percent(p.score, p.max), percent(a.score, a.max)),
        before: Some(share(p.score, p.max)),
        strong: true,
    }];
    for l in a.levels.iter().filter(|l| l.parent.is_none()) {
        let before = p.levels.iter().find(|b| b.id == l.id);
        bars.push(Bar {
            label: format!("{} {}", l.id, pick(lang, &l.name, &l.name_en)),
            share: share(l.score, l.max),
            value: match before {
                Some(b) => format!("{} → {}", percent(b.score, b.max), percent(l.score, l.max)),
                None => percent(l.score, l.max),
            },
            before: before.map(|b| share(b.score, b.max)),
            strong: false,
        });
    }
    charts::bars(title, &bars, Some((&previous.period, &outcome.period)))
}
