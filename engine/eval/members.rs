//! Member results for the outcome: each member's credit with its reasons, warnings and
//! actions; sector warnings; and the facts the rubric counts from members (C6, C7, C8).

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::credit::{self, Explain, MemberCredit, Scratch, Step};
use super::{Accounts, PreviousGrades};
use jiff::civil::Date;

use crate::data::members::{Event, Members, day_number};
use crate::data::strings::{Strings, Sym};
use crate::data::{Dataset, FactValue};
use crate::message::{Arg, Catalogue, Msg};
use crate::outcome::Args;
use crate::outcome::{CreditReason, MemberResult, Note, ReasonRule, SectorWarning, round2};
use crate::policy::PolicySet;
use crate::policy::credit::{CreditPolicy, MemberCount, SectorCondition};
use crate::text::{Lang, Text};
use crate::value::num;

/// A message worded in both languages, kept beside its code and arguments.
#[derive(Clone)]
struct Said {
    text: Text,
    code: String,
    args: Args,
}

fn say(messages: &Catalogue, msg: Msg) -> Said {
    Said {
        text: Text::new(messages.word(&msg, Lang::Zh), messages.word(&msg, Lang::En)),
        code: msg.code.into_owned(),
        args: msg.args,
    }
}

fn note(id: &str, said: Said) -> Note {
    Note {
        id: id.into(),
        text: said.text.zh,
        text_en: said.text.en,
        code: said.code,
        args: said.args,
    }
}

/// The first day whose events still count (the validity cutoff), as a day number.
pub(super) fn cutoff(policy: &CreditPolicy, data: &Dataset) -> i32 {
    credit::cutoff(policy, day_number(data.period.end))
}

/// Facts counted from members, as the credit policy defines them; `period` is the period's
/// first and last day.
pub(super) fn derived_facts(
    policy: &CreditPolicy,
    members: &Members,
    credits: &[MemberCredit],
    (start, end): (Date, Date),
) -> BTreeMap<String, FactValue> {
    let list = &members.list;
    let due = || {
        list.iter()
            .zip(credits)
            .filter(|(_, c)| credit::restrictions_due(policy, c).next().is_some())
    };
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
                MemberCount::ArchiveUpdatedInPeriod => list
                    .iter()
                    .filter(|m| m.archive_updated.is_some_and(|d| start <= d && d <= end))
                    .count(),
                MemberCount::RestrictionsDue => due().count(),
                MemberCount::RestrictionsApplied => due()
                    .filter(|(m, c)| {
                        credit::restrictions_due(policy, c)
                            .all(|a| m.applied.iter().any(|x| x == a))
                    })
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
    messages: &Catalogue,
    members: &Members,
    credits: &[MemberCredit],
    cutoff: i32,
    before: &PreviousGrades,
    accounts: Accounts,
) -> Vec<MemberResult> {
    // Every account opens with the same line and most close with one of few: they are worded
    // once, not once a member.
    let base = say(
        messages,
        Msg::new("credit-base").arg("base", num(policy.base)),
    );
    let lines = || Lines {
        base: base.clone(),
        graded: HashMap::new(),
    };
    (0..members.list.len())
        .into_par_iter()
        .map_init(
            || (Scratch::default(), Explain::default(), lines()),
            |(scratch, explain, lines), i| {
                let (member, c) = (&members.list[i], &credits[i]);
                let grade = &policy.grades[c.grade];
                let mut warnings = Vec::new();
                if let Some(old) = before.get(&member.code)
                    && policy.grade_index(old).is_some_and(|o| o < c.grade)
                {
                    let drop = Msg::new("note-grade-drop")
                        .arg("from", old)
                        .arg("to", &grade.id);
                    warnings.push(note("grade_drop", say(messages, drop)));
                }
                let mut reasons = Vec::new();
                // Repeated failures are warned of by name, which the account holds.
                if accounts == Accounts::Full || c.repeated {
                    explain.0.clear();
                    let again = credit::score_member(
                        policy,
                        members,
                        members.events_of(i),
                        cutoff,
                        scratch,
                        explain,
                    );
                    debug_assert_eq!(&again, c);
                    warnings.extend(repeat_warnings(policy, messages, members, explain));
                    if accounts == Accounts::Full {
                        reasons = account(policy, messages, members, c, explain, lines);
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
            },
        )
        .collect()
}

/// The lines of accounts worded so far on one thread: the base, and the closing line of each
/// score and grade met.
struct Lines {
    base: Said,
    graded: HashMap<(u64, usize), Said>,
}

/// A warning for each repeat rule that fired, naming the product or item.
fn repeat_warnings<'a>(
    policy: &'a CreditPolicy,
    messages: &'a Catalogue,
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
        let msg = Msg::new("note-repeated-failure")
            .arg("rule", &rule.name)
            .arg("name", name)
            .arg("count", *count);
        Some(note("repeated_failure", say(messages, msg)))
    })
}

/// A member's account: the base, a line for each step, and the grade it comes to.
fn account(
    policy: &CreditPolicy,
    messages: &Catalogue,
    members: &Members,
    c: &MemberCredit,
    explain: &Explain,
    lines: &mut Lines,
) -> Vec<CreditReason> {
    let grade = &policy.grades[c.grade];
    let mut reasons = Vec::with_capacity(explain.0.len() + 2);
    reasons.push(line(
        ReasonRule::Base,
        None,
        policy.base,
        Some(lines.base.clone()),
    ));
    reasons.extend(
        explain
            .0
            .iter()
            .map(|s| reason(policy, messages, members, s)),
    );
    let graded = lines
        .graded
        .entry((c.score.to_bits(), c.grade))
        .or_insert_with(|| {
            let msg = Msg::new("credit-grade")
                .arg("score", num(c.score))
                .arg("grade", &grade.id)
                .arg("name", &grade.name);
            say(messages, msg)
        })
        .clone();
    reasons.push(line(ReasonRule::Grade, None, 0.0, Some(graded)));
    reasons
}

fn line(rule: ReasonRule, event: Option<String>, points: f64, said: Option<Said>) -> CreditReason {
    let (text, code, args) = match said {
        Some(s) => (Some(s.text), s.code, s.args),
        None => (None, String::new(), Args::new()),
    };
    CreditReason {
        rule,
        event,
        points: round2(points),
        text: text.as_ref().map(|t| t.zh.clone()),
        text_en: text.map(|t| t.en),
        code,
        args,
    }
}

/// One line of a member's account. Lines about a single event carry its id and points only
/// (the event itself is in the data; `explain --member` describes it), which keeps outcomes of
/// large archives small; lines about rules carry their text.
fn reason(
    policy: &CreditPolicy,
    messages: &Catalogue,
    members: &Members,
    step: &Step,
) -> CreditReason {
    let id = |i: &u32| {
        Some(
            members
                .strings
                .get(members.events[*i as usize].id)
                .to_string(),
        )
    };
    let said = |msg: Msg| Some(say(messages, msg));
    match step {
        Step::Event { event, points } => line(ReasonRule::Event, id(event), *points, None),
        Step::Expired { event } => line(ReasonRule::Expired, id(event), 0.0, None),
        Step::Repaired { event } => line(ReasonRule::Repaired, id(event), 0.0, None),
        Step::Duplicate { event } => line(ReasonRule::Duplicate, id(event), 0.0, None),
        Step::Cap { kind, total, cap } => {
            let name = &policy.kinds[*kind as usize].name;
            let msg = Msg::new("credit-cap")
                .arg("kind", name)
                .arg("total", signed(*total))
                .arg("cap", signed(*cap));
            line(ReasonRule::Cap, None, cap - total, said(msg))
        }
        Step::Repeat {
            rule,
            name,
            count,
            points,
        } => {
            let r = &policy.repeats[*rule];
            let name = members.strings.get(*name);
            let msg = Msg::new("credit-repeat")
                .arg("rule", &r.name)
                .arg("name", name)
                .arg("count", *count);
            line(ReasonRule::Repeat, None, *points, said(msg))
        }
        Step::Clamp { from, to } => {
            let msg = Msg::new("credit-clamp")
                .arg("from", num(*from))
                .arg("min", num(policy.min))
                .arg("max", num(policy.max))
                .arg("to", num(*to));
            line(ReasonRule::Clamp, None, to - from, said(msg))
        }
        Step::Veto {
            veto,
            event,
            from,
            to,
        } => {
            let v = &policy.vetoes[*veto];
            let (f, t) = (&policy.grades[*from].id, &policy.grades[*to].id);
            let msg = Msg::new("credit-veto")
                .arg("why", &v.why)
                .arg("from", f)
                .arg("to", t);
            line(ReasonRule::Veto, id(event), 0.0, said(msg))
        }
    }
}

/// What an event was, in the policy's words: date, kind, level, product, failed items,
/// lateness (absent parts are given as `none`, which the message leaves out).
pub fn describe_event(policies: &PolicySet, strings: &Strings, e: &Event) -> Text {
    let policy = &policies.credit;
    let named =
        |name: Option<&Text>, id: &str| -> Arg { name.map_or_else(|| Arg::from(id), Arg::from) };
    let none = || Arg::from("none");
    let kind_id = strings.get(e.kind);
    let kind = policy.kind(kind_id).map(|k| &policy.kinds[k as usize].name);
    let level = e.level.map_or_else(none, |l| {
        let id = strings.get(l);
        named(policy.level_names.get(id), id)
    });
    let product = e.product.map_or_else(none, |p| Arg::from(strings.get(p)));
    let items = if e.items.is_empty() {
        none()
    } else {
        let items: Vec<Msg> = e
            .items
            .iter()
            .map(|i| {
                let class = strings.get(i.class);
                let class_name = policy.item_classes.iter().find(|(k, _)| k == class);
                Msg::new("event-failed-item")
                    .arg("item", strings.get(i.name))
                    .arg("class", named(class_name.map(|(_, n)| n), class))
            })
            .collect();
        Arg::from(items)
    };
    let msg = Msg::new("event-described")
        .arg("date", e.date.to_string())
        .arg("kind", named(kind, kind_id))
        .arg("level", level)
        .arg("product", product)
        .arg("items", items)
        .arg(
            "late",
            if e.on_time == Some(false) {
                "yes"
            } else {
                "no"
            },
        );
    policies.word_both(&msg)
}

fn signed(x: f64) -> String {
    if x > 0.0 {
        format!("+{}", num(x))
    } else {
        num(x)
    }
}

/// Sector warnings (行业质量信用预警, 8.1.2.3 b): shares of members crossing policy thresholds,
/// issued as of `date`.
pub(super) fn sector_warnings(
    policy: &CreditPolicy,
    messages: &Catalogue,
    members: &Members,
    credits: &[MemberCredit],
    cutoff: i32,
    date: &str,
) -> Vec<SectorWarning> {
    let total = credits.len();
    if total == 0 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for rule in &policy.sector_warnings {
        let (id, name) = (&rule.id, &rule.name);
        match &rule.when {
            SectorCondition::GradeShare { grades, above } => {
                let wanted: Vec<usize> = grades
                    .iter()
                    .filter_map(|g| policy.grade_index(g))
                    .collect();
                let n = credits.iter().filter(|c| wanted.contains(&c.grade)).count();
                let share = n as f64 / total as f64;
                if share > *above && n >= rule.min_members {
                    let msg = Msg::new("warning-grade-share")
                        .arg("warning", name)
                        .arg("n", n)
                        .arg("total", total)
                        .arg("percent", num(share * 100.0))
                        .arg("grades", grades.join("/"))
                        .arg("threshold", num(above * 100.0));
                    let crossed = Crossed {
                        subject: grades.join("/"),
                        count: n,
                        share,
                        threshold: *above,
                    };
                    out.push(warning(id, crossed, date, say(messages, msg)));
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
                        .filter(|e| e.kind == kind && e.day >= cutoff)
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
                    if share > *above && n >= rule.min_members {
                        let msg = Msg::new("warning-item-share")
                            .arg("warning", name)
                            .arg("item", item)
                            .arg("n", n)
                            .arg("total", total)
                            .arg("percent", num(share * 100.0))
                            .arg("threshold", num(above * 100.0));
                        let crossed = Crossed {
                            subject: item.to_string(),
                            count: n,
                            share,
                            threshold: *above,
                        };
                        out.push(warning(id, crossed, date, say(messages, msg)));
                    }
                }
            }
        }
    }
    out
}

/// What crossed a warning's line: the grades or the item, how many members, their share.
struct Crossed {
    subject: String,
    count: usize,
    share: f64,
    threshold: f64,
}

fn warning(id: &str, crossed: Crossed, date: &str, said: Said) -> SectorWarning {
    SectorWarning {
        id: id.to_string(),
        subject: crossed.subject,
        share: round2(crossed.share * 100.0) / 100.0,
        threshold: crossed.threshold,
        count: crossed.count,
        date: date.to_string(),
        text: said.text.zh,
        text_en: said.text.en,
        code: said.code,
        args: said.args,
    }
}
