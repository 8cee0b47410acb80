//! The archive as aligned terminal tables, in Chinese or English: a member's history with the
//! reasons of every record, and the members of one period.

use super::Record;
use crate::outcome::ReasonRule;
use crate::render::table::{Align, Table, num};
use crate::text::Lang;

struct Words {
    history: &'static str,
    listing: &'static str,
    period: &'static str,
    association: &'static str,
    code: &'static str,
    name: &'static str,
    score: &'static str,
    grade: &'static str,
    actions: &'static str,
    warnings: &'static str,
    run: &'static str,
    reasons: &'static str,
    event: &'static str,
    points: &'static str,
    why: &'static str,
    policy: &'static str,
    data: &'static str,
    separator: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Zh => Words {
            history: "信用档案",
            listing: "成员信用",
            period: "期间",
            association: "协会",
            code: "统一社会信用代码",
            name: "名称",
            score: "信用分",
            grade: "等级",
            actions: "奖惩措施",
            warnings: "预警",
            run: "记录",
            reasons: "信用分明细",
            event: "事件",
            points: "分值",
            why: "说明",
            policy: "政策",
            data: "数据",
            separator: "、",
        },
        Lang::En => Words {
            history: "credit archive",
            listing: "Member credit",
            period: "Period",
            association: "Association",
            code: "Credit code",
            name: "Name",
            score: "Score",
            grade: "Grade",
            actions: "Rewards and penalties",
            warnings: "Warnings",
            run: "Run",
            reasons: "credit account",
            event: "Event",
            points: "Points",
            why: "Why",
            policy: "policies",
            data: "data",
            separator: ", ",
        },
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

/// A member's records, oldest first, then the reasons of each.
pub(crate) fn history(records: &[Record], lang: Lang) -> String {
    let w = words(lang);
    let Some(latest) = records.last() else {
        return String::new();
    };
    let mut table = Table::new(&[
        (w.period, Align::Left),
        (w.association, Align::Left),
        (w.score, Align::Right),
        (w.grade, Align::Left),
        (w.actions, Align::Left),
        (w.warnings, Align::Left),
        (w.run, Align::Right),
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
    let mut out = match lang {
        Lang::Zh => format!(
            "{}（{}）{}\n\n",
            latest.credit.name, latest.credit.id, w.history
        ),
        Lang::En => format!(
            "{} ({}) {}\n\n",
            latest.credit.name, latest.credit.id, w.history
        ),
    };
    out.push_str(&table.render());
    for r in records {
        let stamp = format!(
            "{} {}, {} {}",
            w.policy, r.policy_digest, w.data, r.data_digest
        );
        out.push_str(&match lang {
            Lang::Zh => format!(
                "\n{} #{} {}（{}）\n",
                r.period,
                r.run,
                w.reasons,
                stamp.replace(", ", "，")
            ),
            Lang::En => format!("\n{} #{} {} ({stamp})\n", r.period, r.run, w.reasons),
        });
        out.push_str(&account(r, lang));
    }
    out
}

/// A record's credit account as archived: each line's event (if any), points and words. An
/// outcome names events by id only; `cogov explain --member` describes them from the data.
fn account(r: &Record, lang: Lang) -> String {
    let w = words(lang);
    let mut table = Table::new(&[
        (w.event, Align::Left),
        (w.points, Align::Right),
        (w.why, Align::Left),
    ]);
    for reason in &r.credit.reasons {
        let text = match (lang, &reason.text, &reason.text_en) {
            (Lang::En, _, Some(en)) => en.as_str(),
            (_, Some(zh), _) => zh.as_str(),
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
fn event_words(rule: ReasonRule, lang: Lang) -> &'static str {
    match (rule, lang) {
        (ReasonRule::Expired, Lang::Zh) => "已超过有效期，不计分",
        (ReasonRule::Expired, Lang::En) => "older than the validity window, not counted",
        (ReasonRule::Repaired, Lang::Zh) => "已完成信用修复，不再计分",
        (ReasonRule::Repaired, Lang::En) => "cleared by credit repair, not counted",
        (ReasonRule::Duplicate, Lang::Zh) => "只计一次，重复不计",
        (ReasonRule::Duplicate, Lang::En) => "counts once; repeat not counted",
        _ => "",
    }
}

/// The members of one period, by association and credit code.
pub(crate) fn list(records: &[Record], period: &str, lang: Lang) -> String {
    let w = words(lang);
    let mut associations: Vec<&str> = records.iter().map(|r| r.association_id.as_str()).collect();
    associations.dedup();
    let mut table = Table::new(&[
        (w.code, Align::Left),
        (w.name, Align::Left),
        (w.association, Align::Left),
        (w.score, Align::Right),
        (w.grade, Align::Left),
        (w.actions, Align::Left),
        (w.warnings, Align::Left),
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
    let summary = match lang {
        Lang::Zh => format!(
            "{} {period}：{} 个协会，{} 家成员",
            w.listing,
            associations.len(),
            records.len()
        ),
        Lang::En => format!(
            "{} {period}: {} association(s), {} member(s)",
            w.listing,
            associations.len(),
            records.len()
        ),
    };
    format!("{summary}\n\n{}", table.render())
}
