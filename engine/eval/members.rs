//! Member results for the outcome: each member's credit with its reasons, warnings and
//! actions; sector warnings; and the facts the rubric counts from members (C6, C7, C8).

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::credit::{self, Explain, MemberCredit, Scratch, Step};
use super::{Accounts, PreviousGrades};
use crate::data::members::{Event, Members, day_number};
use crate::data::strings::{Strings, Sym};
use crate::data::{Dataset, FactValue};
use crate::outcome::{CreditReason, MemberResult, Note, ReasonRule, SectorWarning, round2};
use crate::policy::credit::{CreditPolicy, MemberCount, SectorCondition};
use crate::text::Text;
use crate::value::num;

/// The validity cutoff and the first day of the period, as day numbers.
pub(super) fn days(policy: &CreditPolicy, data: &Dataset) -> (i32, i32) {
    (
        credit::cutoff(policy, day_number(data.period.end)),
        day_number(data.period.start),
    )
}

/// Facts counted from members, as the credit policy defines them.
pub(super) fn derived_facts(
    policy: &CreditPolicy,
    credits: &[MemberCredit],
) -> BTreeMap<String, FactValue> {
    policy
        .facts
        .iter()
        .map(|(fact, how)| {
            let n = match how {
                MemberCount::All => credits.len(),
                MemberCount::WithEvent(kind) => {
                    let bit = policy.kind(kind).map_or(0, |k| 1u64 << k);
                    credits.iter().filter(|c| c.kinds & bit != 0).count()
                }
                MemberCount::WithEventInPeriod => credits.iter().filter(|c| c.in_period).count(),
                MemberCount::WithAction => credits
                    .iter()
                    .filter(|c| credit::has_action(policy, c))
                    .count(),
            };
            (fact.clone(), FactValue::Number(n as f64))
        })
        .collect()
}

/// Every member's result, in credit code order, with its account unless `accounts` leaves it
/// out; members are worked through in parallel.
pub(super) fn results(
    policy: &CreditPolicy,
    members: &Members,
    credits: &[MemberCredit],
    days: (i32, i32),
    before: &PreviousGrades,
    accounts: Accounts,
) -> Vec<MemberResult> {
    (0..members.list.len())
        .into_par_iter()
        .map_init(<(Scratch, Explain)>::default, |(scratch, explain), i| {
            let (member, c) = (&members.list[i], &credits[i]);
            let grade = &policy.grades[c.grade];
            let mut warnings = Vec::new();
            if let Some(old) = before.get(&member.code)
                && policy.grade_index(old).is_some_and(|o| o < c.grade)
            {
                warnings.push(Note {
                    id: "grade_drop".into(),
                    text: format!("信用等级由 {old} 降至 {}", grade.id),
                    text_en: format!("credit grade fell from {old} to {}", grade.id),
                });
            }
            let mut reasons = Vec::new();
            // Repeated failures are warned of by name, which the account holds.
            if accounts == Accounts::Full || c.repeated {
                explain.0.clear();
                let again = credit::score_member(
                    policy,
                    members,
                    members.events_of(i),
                    days,
                    scratch,
                    explain,
                );
                debug_assert_eq!(&again, c);
                warnings.extend(repeat_warnings(policy, members, explain));
                if accounts == Accounts::Full {
                    reasons = account(policy, members, c, explain);
                }
            }
            MemberResult {
                id: member.code.clone(),
                name: member.name.clone(),
                score: round2(c.score),
                grade: grade.id.clone(),
                actions: credit::actions(policy, c),
                warnings,
                reasons,
            }
        })
        .collect()
}

/// A warning for each repeat rule that fired, naming the product or item.
fn repeat_warnings<'a>(
    policy: &'a CreditPolicy,
    members: &'a Members,
    explain: &'a Explain,
) -> impl Iterator<Item = Note> + 'a {
    explain.0.iter().filter_map(|step| {
        let Step::Repeat {
            rule, name, count, ..
        } = step
        else {
            return None;
        };
        let name = members.strings.get(*name);
        let rule = &policy.repeats[*rule];
        Some(Note {
            id: "repeated_failure".into(),
            text: format!("{}：{name}（{count} 次）", rule.name.zh),
            text_en: format!("{}: {name} ({count} times)", rule.name.en),
        })
    })
}

/// A member's account: the base, a line for each step, and the grade it comes to.
fn account(
    policy: &CreditPolicy,
    members: &Members,
    c: &MemberCredit,
    explain: &Explain,
) -> Vec<CreditReason> {
    let grade = &policy.grades[c.grade];
    let mut reasons = Vec::with_capacity(explain.0.len() + 2);
    reasons.push(CreditReason {
        rule: ReasonRule::Base,
        event: None,
        points: policy.base,
        text: Some(format!("基础分 {}", num(policy.base))),
        text_en: Some(format!("base score {}", num(policy.base))),
    });
    reasons.extend(explain.0.iter().map(|s| reason(policy, members, s)));
    reasons.push(CreditReason {
        rule: ReasonRule::Grade,
        event: None,
        points: 0.0,
        text: Some(format!(
            "信用分 {}，评为 {}（{}）",
            num(c.score),
            grade.id,
            grade.name.zh
        )),
        text_en: Some(format!(
            "credit score {}, grade {} ({})",
            num(c.score),
            grade.id,
            grade.name.en
        )),
    });
    reasons
}

/// One line of a member's account. Lines about a single event carry its id and points only
/// (the event itself is in the data; `explain --member` describes it), which keeps outcomes of
/// large archives small; lines about rules carry their text.
fn reason(policy: &CreditPolicy, members: &Members, step: &Step) -> CreditReason {
    let id = |i: &u32| {
        Some(
            members
                .strings
                .get(members.events[*i as usize].id)
                .to_string(),
        )
    };
    let line = |rule: ReasonRule, event, points: f64, text: Option<Text>| CreditReason {
        rule,
        event,
        points: round2(points),
        text: text.as_ref().map(|t| t.zh.clone()),
        text_en: text.map(|t| t.en),
    };
    match step {
        Step::Event { event, points } => line(ReasonRule::Event, id(event), *points, None),
        Step::Expired { event } => line(ReasonRule::Expired, id(event), 0.0, None),
        Step::Repaired { event } => line(ReasonRule::Repaired, id(event), 0.0, None),
        Step::Duplicate { event } => line(ReasonRule::Duplicate, id(event), 0.0, None),
        Step::Cap { kind, total, cap } => {
            let name = &policy.kinds[*kind as usize].name;
            let text = Text::new(
                format!(
                    "{}合计 {}，以 {} 为限",
                    name.zh,
                    signed(*total),
                    signed(*cap)
                ),
                format!(
                    "{} total {} capped at {}",
                    name.en,
                    signed(*total),
                    signed(*cap)
                ),
            );
            line(ReasonRule::Cap, None, cap - total, Some(text))
        }
        Step::Repeat {
            rule,
            name,
            count,
            points,
        } => {
            let r = &policy.repeats[*rule];
            let name = members.strings.get(*name);
            let text = Text::new(
                format!("{}：{name}（{count} 次）", r.name.zh),
                format!("{}: {name} ({count} times)", r.name.en),
            );
            line(ReasonRule::Repeat, None, *points, Some(text))
        }
        Step::Clamp { from, to } => {
            let text = Text::new(
                format!(
                    "得分 {} 超出 {}–{} 范围，取 {}",
                    num(*from),
                    num(policy.min),
                    num(policy.max),
                    num(*to)
                ),
                format!(
                    "score {} outside {}–{}, set to {}",
                    num(*from),
                    num(policy.min),
                    num(policy.max),
                    num(*to)
                ),
            );
            line(ReasonRule::Clamp, None, to - from, Some(text))
        }
        Step::Veto {
            veto,
            event,
            from,
            to,
        } => {
            let v = &policy.vetoes[*veto];
            let (f, t) = (&policy.grades[*from].id, &policy.grades[*to].id);
            let text = Text::new(
                format!("一票否决：{}（等级由 {f} 降为 {t}）", v.why.zh),
                format!("veto: {} (grade {f} lowered to {t})", v.why.en),
            );
            line(ReasonRule::Veto, id(event), 0.0, Some(text))
        }
    }
}

/// What an event was, in words: date, kind, level, product, failed items, lateness.
pub fn describe_event(policy: &CreditPolicy, strings: &Strings, e: &Event) -> Text {
    let kind_id = strings.get(e.kind);
    let kind = policy.kind(kind_id).map(|k| &policy.kinds[k as usize].name);
    let mut zh = format!("{} {}", e.date, kind.map_or(kind_id, |n| n.zh.as_str()));
    let mut en = format!("{} {}", e.date, kind.map_or(kind_id, |n| n.en.as_str()));
    for extra in [e.level, e.product].into_iter().flatten() {
        let extra = strings.get(extra);
        zh.push_str(&format!("（{extra}）"));
        en.push_str(&format!(" ({extra})"));
    }
    if !e.items.is_empty() {
        let items: Vec<String> = e
            .items
            .iter()
            .map(|i| format!("{}[{}]", strings.get(i.name), strings.get(i.class)))
            .collect();
        zh.push_str(&format!(" 不合格项目：{}", items.join("、")));
        en.push_str(&format!(" failed: {}", items.join(", ")));
    }
    if e.on_time == Some(false) {
        zh.push_str(" 超时限处理");
        en.push_str(" handled late");
    }
    Text::new(zh, en)
}

fn signed(x: f64) -> String {
    if x > 0.0 {
        format!("+{}", num(x))
    } else {
        num(x)
    }
}

/// Sector warnings (行业质量信用预警, 8.1.2.3 b): shares of members crossing policy thresholds.
pub(super) fn sector_warnings(
    policy: &CreditPolicy,
    members: &Members,
    credits: &[MemberCredit],
    days: (i32, i32),
) -> Vec<SectorWarning> {
    let total = credits.len();
    if total == 0 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (id, when, name) in &policy.sector_warnings {
        match when {
            SectorCondition::GradeShare { grades, above } => {
                let wanted: Vec<usize> = grades
                    .iter()
                    .filter_map(|g| policy.grade_index(g))
                    .collect();
                let n = credits.iter().filter(|c| wanted.contains(&c.grade)).count();
                let share = n as f64 / total as f64;
                if share > *above {
                    out.push(SectorWarning {
                        id: id.clone(),
                        subject: grades.join("/"),
                        share: round2(share * 100.0) / 100.0,
                        threshold: *above,
                        text: format!(
                            "{}：{n}/{total} 家（{}%）评为 {}，超过 {}%",
                            name.zh,
                            num(share * 100.0),
                            grades.join("/"),
                            num(above * 100.0)
                        ),
                        text_en: format!(
                            "{}: {n} of {total} members ({}%) graded {}, above {}%",
                            name.en,
                            num(share * 100.0),
                            grades.join("/"),
                            num(above * 100.0)
                        ),
                    });
                }
            }
            SectorCondition::ItemShare { kind, above } => {
                let Some(kind) = policy.kind(kind) else {
                    continue;
                };
                // Members with a counting event of the kind naming each item.
                let mut by_item: BTreeMap<&str, usize> = BTreeMap::new();
                for m in 0..members.list.len() {
                    let mut seen: Vec<Sym> = members
                        .events_of(m)
                        .iter()
                        .filter(|e| e.kind == kind && e.day >= days.0)
                        .flat_map(|e| {
                            members.events[e.index as usize]
                                .items
                                .iter()
                                .map(|i| i.name)
                        })
                        .collect();
                    seen.sort_unstable();
                    seen.dedup();
                    for item in seen {
                        *by_item.entry(members.strings.get(item)).or_default() += 1;
                    }
                }
                for (item, n) in by_item {
                    let share = n as f64 / total as f64;
                    if share > *above {
                        out.push(SectorWarning {
                            id: id.clone(),
                            subject: item.to_string(),
                            share: round2(share * 100.0) / 100.0,
                            threshold: *above,
                            text: format!(
                                "{}：{item} 不合格涉及 {n}/{total} 家（{}%），超过 {}%",
                                name.zh,
                                num(share * 100.0),
                                num(above * 100.0)
                            ),
                            text_en: format!(
                                "{}: {item} failed at {n} of {total} members ({}%), above {}%",
                                name.en,
                                num(share * 100.0),
                                num(above * 100.0)
                            ),
                        });
                    }
                }
            }
        }
    }
    out
}
