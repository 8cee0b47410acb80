//! `cogov show`: the effective rules of a policy set (the base, or the base with a sector
//! overlay) as an editor reads them: the rubric with its criteria, the triggers and the credit
//! table, with every item a sector changed marked `*` and the list of changes with their file.

use std::sync::Arc;

use super::table::{Align, Table, num};
use crate::policy::credit::Points;
use crate::policy::rubric::{Criterion, NodeKind, Rule};
use crate::policy::triggers::{Condition, Targets};
use crate::policy::{Change, ChangeKind, PolicySet};
use crate::text::Lang;

/// Renders the effective rules.
pub fn show(policies: &PolicySet, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let overlay_file = policies.overlay.as_ref().map(|o| o.file.clone());
    let changed = |origin: &Arc<crate::diagnostic::SourceFile>| {
        if overlay_file
            .as_ref()
            .is_some_and(|f| Arc::ptr_eq(f, origin))
        {
            "*"
        } else {
            ""
        }
    };
    let mut out = match &policies.overlay {
        Some(o) => format!(
            "{} {}（{}）  {} {}\n",
            if zh { "行业" } else { "Sector" },
            o.id,
            o.name.get(lang),
            if zh { "摘要" } else { "digest" },
            policies.digest
        ),
        None => format!(
            "{}  {} {}\n",
            if zh { "基础政策" } else { "Base policies" },
            if zh { "摘要" } else { "digest" },
            policies.digest
        ),
    };
    if policies.overlay.is_some() {
        out.push_str(if zh {
            "标 * 的为本行业修改的项目\n"
        } else {
            "* marks what the sector changed\n"
        });
    }

    out.push_str(&format!(
        "\n{}\n",
        if zh { "评估指标" } else { "Indicators" }
    ));
    let rubric = &policies.rubric;
    let mut t = Table::new(&[
        ("", Align::Left),
        (if zh { "指标" } else { "Id" }, Align::Left),
        (
            if zh {
                "名称 / 评分细则"
            } else {
                "Name / criterion"
            },
            Align::Left,
        ),
        (if zh { "分值" } else { "Points" }, Align::Right),
    ]);
    for node in &rubric.nodes {
        let depth = depth(rubric, node.parent);
        t.row(vec![
            changed(&node.origin).into(),
            format!("{}{}", "  ".repeat(depth), node.id),
            node.name.get(lang).into(),
            num(node.points),
        ]);
        if let NodeKind::Indicator { criteria, .. } = &node.kind {
            for c in criteria {
                t.row(vec![
                    changed(&c.origin).into(),
                    format!("{}{}", "  ".repeat(depth + 1), c.id),
                    describe(policies, c, lang),
                    num(c.points),
                ]);
            }
        }
    }
    out.push_str(&t.render());
    let grades: Vec<String> = rubric
        .grades
        .iter()
        .map(|g| format!("{} ≥{}", g.name.get(lang), num(g.min)))
        .collect();
    out.push_str(&format!(
        "{}{}: {}\n",
        changed(&rubric.origin),
        if zh { "等级" } else { "Grades" },
        grades.join(", ")
    ));

    out.push_str(&format!(
        "\n{}\n",
        if zh {
            "改进触发（7.4）"
        } else {
            "Improvement triggers (7.4)"
        }
    ));
    let mut t = Table::new(&[
        ("", Align::Left),
        ("id", Align::Left),
        (if zh { "名称" } else { "Name" }, Align::Left),
        (if zh { "条款" } else { "Clause" }, Align::Left),
        (if zh { "条件" } else { "When" }, Align::Left),
        (if zh { "对象" } else { "Targets" }, Align::Left),
        (if zh { "期限（天）" } else { "Due (days)" }, Align::Right),
    ]);
    for tr in &policies.triggers {
        let when = match &tr.when {
            Condition::Below { share } => format!("< {}%", num(share * 100.0)),
            Condition::Declined { by } => {
                format!("{} > {}", if zh { "下降" } else { "fell by" }, num(*by))
            }
            Condition::BelowTwice { share } => format!(
                "{} < {}%",
                if zh { "连续两期" } else { "twice" },
                num(share * 100.0)
            ),
            Condition::Script { file, .. } => file.clone(),
        };
        let targets = match &tr.targets {
            Targets::All => if zh { "全部" } else { "all" }.to_string(),
            Targets::Only(ids) => ids.join(", "),
        };
        t.row(vec![
            changed(&tr.origin).into(),
            tr.id.clone(),
            tr.name.get(lang).into(),
            tr.clause.clone(),
            when,
            targets,
            tr.due_days.to_string(),
        ]);
    }
    out.push_str(&t.render());

    out.push_str(&credit_table(policies, lang));

    if let Some(o) = &policies.overlay {
        out.push_str(&format!(
            "\n{} {}\n",
            if zh {
                "本行业的修改，见"
            } else {
                "Changes by"
            },
            o.file.path.display()
        ));
        for c in &o.changes {
            let (line, _) = o.file.line_col(c.span.start as usize);
            out.push_str(&format!("  {}\n", change_line(policies, c, line, lang)));
        }
    }
    out
}

fn depth(rubric: &crate::policy::rubric::Rubric, mut parent: Option<usize>) -> usize {
    let mut d = 0;
    while let Some(p) = parent {
        d += 1;
        parent = rubric.nodes[p].parent;
    }
    d
}

fn describe(policies: &PolicySet, c: &Criterion, lang: Lang) -> String {
    let name = |id: &str| policies.catalogue.name_of(id).get(lang).to_string();
    let zh = lang == Lang::Zh;
    match &c.rule {
        Rule::Evidence { kind, at_least } => format!("{} ≥{at_least}", name(kind)),
        Rule::Fact { key } => format!("{}{}", name(key), if zh { "：是" } else { ": yes" }),
        Rule::AtLeast { fact, value } => format!("{} ≥{}", name(fact), num(*value)),
        Rule::Steps { fact, steps } => {
            let s: Vec<String> = steps
                .iter()
                .map(|(at, p)| format!("≥{}→{}", num(*at), num(*p)))
                .collect();
            format!("{} {}", name(fact), s.join(" "))
        }
        Rule::Script { file, params, .. } => {
            let p: Vec<String> = params
                .iter()
                .map(|(k, v)| format!("{k}={}", num(*v)))
                .collect();
            let file = file.rsplit('/').next().unwrap_or(file);
            if p.is_empty() {
                file.to_string()
            } else {
                format!("{file} ({})", p.join(", "))
            }
        }
    }
}

fn credit_table(policies: &PolicySet, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let credit = &policies.credit;
    let overlay = policies.overlay.as_ref();
    let mark = |path: &[&str]| {
        if overlay.is_some_and(|o| o.touches(path)) {
            "*"
        } else {
            ""
        }
    };
    let mut out = format!(
        "\n{}\n{} {}  {} {}–{}  {} {}\n",
        if zh { "成员信用" } else { "Member credit" },
        if zh { "基础分" } else { "Base" },
        num(credit.base),
        if zh { "范围" } else { "range" },
        num(credit.min),
        num(credit.max),
        if zh {
            "有效期（天）"
        } else {
            "valid for (days)"
        },
        credit
            .validity_days
            .map_or("∞".to_string(), |d| d.to_string()),
    );
    let mut t = Table::new(&[
        ("", Align::Left),
        (if zh { "事件" } else { "Event" }, Align::Left),
        (if zh { "名称" } else { "Name" }, Align::Left),
        (if zh { "分值" } else { "Points" }, Align::Left),
        (if zh { "上限" } else { "Cap" }, Align::Right),
        (if zh { "规则" } else { "Rule" }, Align::Left),
    ]);
    for k in &credit.kinds {
        let points = match &k.points {
            Points::Each(p) => num(*p),
            Points::ByLevel(m) => m
                .iter()
                .map(|(l, p)| format!("{l} {}", num(*p)))
                .collect::<Vec<_>>()
                .join(", "),
        };
        let mut rule = Vec::new();
        if k.once {
            rule.push(if zh {
                "只计一次".to_string()
            } else {
                "once".to_string()
            });
        }
        if let Some(l) = k.late {
            rule.push(format!("{} {}", if zh { "超时限" } else { "late" }, num(l)));
        }
        t.row(vec![
            mark(&["credit", "events", &k.id]).into(),
            k.id.clone(),
            k.name.get(lang).into(),
            points,
            k.cap.map(num).unwrap_or_default(),
            rule.join(", "),
        ]);
    }
    out.push_str(&t.render());
    for r in &credit.repeats {
        out.push_str(&format!(
            "{}{}: {} ≥{} → {}\n",
            mark(&["credit", "repeats", &r.id]),
            if zh { "重复" } else { "Repeat" },
            r.name.get(lang),
            r.at_least,
            num(r.points)
        ));
    }
    for v in &credit.vetoes {
        out.push_str(&format!(
            "{}{}: {}\n",
            mark(&["credit", "vetoes", &v.id]),
            if zh { "一票否决" } else { "Veto" },
            v.why.get(lang)
        ));
    }
    for (i, g) in credit.grades.iter().enumerate() {
        let actions: Vec<&str> = credit.grade_actions[i]
            .iter()
            .map(|a| credit.actions.get(a).map_or(a.as_str(), |t| t.get(lang)))
            .collect();
        let line = format!(
            "{} {} ≥{}  {}",
            g.id,
            g.name.get(lang),
            num(g.min),
            actions.join(if zh { "、" } else { ", " })
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// One change of an overlay, worded: what happened to which item, before and after.
fn change_line(policies: &PolicySet, c: &Change, line: usize, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let path: Vec<String> = c
        .path
        .iter()
        .enumerate()
        .map(|(i, p)| match (zh, field_zh(p)) {
            (true, Some(word)) => word.to_string(),
            _ => named(
                policies,
                i.checked_sub(1).map(|i| c.path[i].as_str()),
                p,
                lang,
            ),
        })
        .collect();
    let path = path.join(" › ");
    let short = |v: &Option<String>| {
        let v = v.as_deref().unwrap_or("");
        let flat: String = v.split_whitespace().collect::<Vec<_>>().join(" ");
        if flat.chars().count() > 60 {
            format!("{}…", flat.chars().take(59).collect::<String>())
        } else {
            flat
        }
    };
    let what = match (&c.kind, zh) {
        (ChangeKind::Added, true) => format!("新增 {path}：{}", short(&c.to)),
        (ChangeKind::Added, false) => format!("added {path}: {}", short(&c.to)),
        (ChangeKind::Changed, true) => {
            format!("修改 {path}：{} → {}", short(&c.from), short(&c.to))
        }
        (ChangeKind::Changed, false) => {
            format!("changed {path}: {} → {}", short(&c.from), short(&c.to))
        }
        (ChangeKind::Removed { why }, true) => format!("删除 {path}，理由：{why}"),
        (ChangeKind::Removed { why }, false) => format!("removed {path}, because: {why}"),
    };
    if zh {
        format!("第 {line} 行  {what}")
    } else {
        format!("line {line}  {what}")
    }
}

/// An id with the name the policies give it (`sampling_fail（监督抽查不合格）`), by what the
/// path holds it under, or the id alone when nothing is named by it (a field, a criterion, an
/// item the sector removed).
fn named(policies: &PolicySet, under: Option<&str>, id: &str, lang: Lang) -> String {
    let name = match under {
        Some("levels" | "children") => policies
            .rubric
            .find(id)
            .map(|i| &policies.rubric.nodes[i].name),
        Some("events") => policies
            .credit
            .kind(id)
            .map(|k| &policies.credit.kinds[k as usize].name),
        Some("triggers") => policies
            .triggers
            .iter()
            .find(|t| t.id == id)
            .map(|t| &t.name),
        Some("actions") => policies.credit.actions.get(id),
        Some("evidence") => policies.catalogue.evidence.get(id),
        Some("facts") => policies.catalogue.facts.get(id).map(|f| &f.name),
        _ => None,
    };
    match name {
        Some(name) if lang == Lang::Zh => format!("{id}（{}）", name.get(lang)),
        Some(name) => format!("{id} ({})", name.get(lang)),
        None => id.to_string(),
    }
}

/// The Chinese name of a policy file's section or field, for the change list.
fn field_zh(field: &str) -> Option<&'static str> {
    Some(match field {
        "catalogue" => "目录",
        "rubric" => "评估指标",
        "triggers" => "改进触发",
        "credit" => "成员信用",
        "import" => "表格导入",
        "levels" | "children" => "指标",
        "criteria" => "评分细则",
        "points" => "分值",
        "value" => "阈值",
        "steps" => "分档",
        "at_least" => "至少",
        "params" => "参数",
        "outcome" => "工作成果",
        "zh" => "中文名",
        "en" => "英文名",
        "grades" => "等级",
        "min" => "下限",
        "evidence" => "证据类型",
        "facts" => "事实",
        "events" => "信用事件",
        "cap" => "上限",
        "late" => "超时限",
        "once" => "只计一次",
        "repeats" => "重复不合格",
        "vetoes" => "一票否决",
        "actions" => "措施",
        "grade_actions" => "等级措施",
        "kind_actions" => "事件措施",
        "sector_warnings" => "行业预警",
        "item_classes" => "项目类别",
        "validity_days" => "有效期（天）",
        "when" => "条件",
        "targets" => "对象",
        "due_days" => "期限（天）",
        "action" => "改进措施",
        "owner" => "责任方",
        "tables" => "表格",
        "columns" => "列",
        "ignore" => "忽略列",
        "verdicts" => "检验结论",
        "blank" => "空白值",
        "dates" => "日期格式",
        _ => return None,
    })
}
