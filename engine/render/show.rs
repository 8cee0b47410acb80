//! `cogov show`: the effective rules of a policy set (the base, or the base with a sector
//! overlay) as an editor reads them: the rubric with its criteria, the triggers and the credit
//! table, with every item a sector changed marked `*` and the list of changes with their file.

use std::sync::Arc;

use super::Output;
use super::table::{Align, Table, num};
use crate::message::Msg;
use crate::policy::credit::Points;
use crate::policy::rubric::{Criterion, NodeKind, Rule};
use crate::policy::triggers::{Condition, Targets};
use crate::policy::{Change, ChangeKind, PolicySet};
use crate::text::Lang;

/// How far a change's continuation lines are indented.
const CHANGE_INDENT: &str = "            ";

/// Schema id of `show --format json`.
pub const SHOW_SCHEMA: &str = "cogov.show/1";

/// Renders the effective rules in a format; with `all`, the values of the sector's changes
/// are printed whole instead of cut at 60 characters.
pub fn show_as(policies: &PolicySet, lang: Lang, output: Output, all: bool) -> String {
    let word = |m: Msg| m.word(lang);
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
            "{}\n",
            word(
                Msg::new("report-show-sector")
                    .arg("id", o.id.as_str())
                    .arg("name", &o.name)
                    .arg("digest", policies.digest.as_str())
            )
        ),
        None => format!(
            "{}\n",
            word(Msg::new("report-show-base").arg("digest", policies.digest.as_str()))
        ),
    };
    if policies.overlay.is_some() {
        out.push_str(&format!("{}\n", word(Msg::new("report-show-marks"))));
    }

    out.push_str(&format!("\n{}\n", word(Msg::new("report-show-indicators"))));
    let rubric = &policies.rubric;
    let mut t = Table::keyed(&[
        ("changed", String::new(), Align::Left),
        ("id", word(Msg::new("report-indicator")), Align::Left),
        (
            "name",
            word(Msg::new("report-show-name-criterion")),
            Align::Left,
        ),
        ("points", word(Msg::new("report-points")), Align::Right),
    ]);
    let mut depths = Vec::new();
    for node in &rubric.nodes {
        let depth = depth(rubric, node.parent);
        depths.push(depth);
        t.row(vec![
            changed(&node.origin).into(),
            format!("{}{}", "  ".repeat(depth), node.id),
            node.name.get(lang).into(),
            num(node.points),
        ]);
        if let NodeKind::Indicator { criteria, .. } = &node.kind {
            for c in criteria {
                depths.push(depth + 1);
                t.row(vec![
                    changed(&c.origin).into(),
                    format!("{}{}", "  ".repeat(depth + 1), c.id),
                    describe(policies, c, lang),
                    num(c.points),
                ]);
            }
        }
    }
    let indicators = t;
    out.push_str(&indicators.render());
    let grades: Vec<String> = rubric
        .grades
        .iter()
        .map(|g| format!("{} ≥{}", g.name.get(lang), num(g.min)))
        .collect();
    out.push_str(&format!(
        "{}{}\n",
        changed(&rubric.origin),
        word(Msg::new("report-show-grades").arg("list", grades))
    ));

    out.push_str(&format!("\n{}\n", word(Msg::new("report-show-triggers"))));
    let mut t = Table::keyed(&[
        ("changed", String::new(), Align::Left),
        ("id", "id".to_string(), Align::Left),
        ("name", word(Msg::new("report-name")), Align::Left),
        ("clause", word(Msg::new("report-clause")), Align::Left),
        ("when", word(Msg::new("report-show-when")), Align::Left),
        (
            "targets",
            word(Msg::new("report-show-targets")),
            Align::Left,
        ),
        (
            "due_days",
            word(Msg::new("report-show-due-days")),
            Align::Right,
        ),
    ]);
    for tr in &policies.triggers {
        let when = match &tr.when {
            Condition::Below { share } => format!("< {}%", num(share * 100.0)),
            Condition::Declined { by } => {
                word(Msg::new("report-show-declined").arg("by", num(*by)))
            }
            Condition::BelowTwice { share } => {
                word(Msg::new("report-show-below-twice").arg("share", num(share * 100.0)))
            }
            Condition::Script { file, .. } => file.clone(),
        };
        let targets = match &tr.targets {
            Targets::All => word(Msg::new("report-show-all-targets")),
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
    let triggers = t;
    out.push_str(&triggers.render());

    let credit = credit_table(policies, lang);
    out.push_str(&credit.text);

    let mut changes = Vec::new();
    if let Some(o) = &policies.overlay {
        out.push_str(&format!(
            "\n{}\n",
            word(Msg::new("report-show-changes").arg("file", o.file.path.display().to_string()))
        ));
        for c in &o.changes {
            let (line, _) = o.file.line_col(c.span.start as usize);
            let text = change_line(policies, c, line, lang, all);
            // Wrapped to the terminal, continued under the change's words.
            out.push_str(&super::table::indented(&text, "  ", CHANGE_INDENT));
            changes.push(serde_json::json!({
                "line": line,
                "path": c.path,
                "kind": match c.kind {
                    ChangeKind::Added => "added",
                    ChangeKind::Changed => "changed",
                    ChangeKind::Removed { .. } => "removed",
                },
                "text": text,
            }));
        }
    }
    match output {
        Output::Table => out,
        Output::Json => {
            let mut indicator_rows = indicators.json_rows();
            if let Some(rows) = indicator_rows.as_array_mut() {
                for (row, depth) in rows.iter_mut().zip(&depths) {
                    row["depth"] = (*depth).into();
                }
            }
            super::pretty(&serde_json::json!({
                "schema": SHOW_SCHEMA,
                "sector": policies.overlay.as_ref().map(|o| o.id.clone()),
                "digest": policies.digest,
                "indicators": indicator_rows,
                "grades": rubric.grades.iter().map(|g| serde_json::json!({
                    "name": g.name.get(lang), "min": g.min,
                })).collect::<Vec<_>>(),
                "triggers": triggers.json_rows(),
                "credit": credit.json,
                "changes": changes,
            }))
        }
        Output::Csv => {
            // The three tables as one: a column says which table a row is from.
            let mut all = Table::new(&[
                ("table", Align::Left),
                ("changed", Align::Left),
                ("id", Align::Left),
                ("name", Align::Left),
                ("points", Align::Left),
                ("clause", Align::Left),
                ("when", Align::Left),
                ("targets", Align::Left),
                ("due_days", Align::Left),
                ("cap", Align::Left),
                ("rule", Align::Left),
            ]);
            let s = |x: &str| x.to_string();
            for r in indicators.rows() {
                all.row(vec![
                    s("indicators"),
                    r[0].clone(),
                    r[1].clone(),
                    r[2].clone(),
                    r[3].clone(),
                ]);
            }
            for r in triggers.rows() {
                all.row(vec![
                    s("triggers"),
                    r[0].clone(),
                    r[1].clone(),
                    r[2].clone(),
                    String::new(),
                    r[3].clone(),
                    r[4].clone(),
                    r[5].clone(),
                    r[6].clone(),
                ]);
            }
            for r in credit.events.rows() {
                all.row(vec![
                    s("credit_events"),
                    r[0].clone(),
                    r[1].clone(),
                    r[2].clone(),
                    r[3].clone(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    r[4].clone(),
                    r[5].clone(),
                ]);
            }
            all.csv()
        }
    }
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
    match &c.rule {
        Rule::Evidence { kind, at_least } => format!("{} ≥{at_least}", name(kind)),
        Rule::Fact { key } => Msg::new("report-show-fact-yes")
            .arg("fact", name(key))
            .word(lang),
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

/// The credit section of `show`: its text, its event table and its JSON.
struct CreditShown {
    text: String,
    events: Table,
    json: serde_json::Value,
}

fn credit_table(policies: &PolicySet, lang: Lang) -> CreditShown {
    let word = |m: Msg| m.word(lang);
    let credit = &policies.credit;
    let overlay = policies.overlay.as_ref();
    let mark = |path: &[&str]| {
        if overlay.is_some_and(|o| o.touches(path)) {
            "*"
        } else {
            ""
        }
    };
    let validity = credit
        .validity_days
        .map_or("∞".to_string(), |d| d.to_string());
    let mut out = format!(
        "\n{}\n{}\n",
        word(Msg::new("report-show-credit")),
        word(
            Msg::new("report-show-credit-base")
                .arg("base", num(credit.base))
                .arg("min", num(credit.min))
                .arg("max", num(credit.max))
                .arg("days", validity.as_str())
        )
    );
    let mut t = Table::keyed(&[
        ("changed", String::new(), Align::Left),
        ("id", word(Msg::new("report-event")), Align::Left),
        ("name", word(Msg::new("report-name")), Align::Left),
        ("points", word(Msg::new("report-points")), Align::Left),
        ("cap", word(Msg::new("report-show-cap")), Align::Right),
        ("rule", word(Msg::new("report-rule")), Align::Left),
    ]);
    for k in &credit.kinds {
        let points = match &k.points {
            Points::Each(p) => num(*p),
            // Levels by their names (`严重 -20`), every one of which the policy gives.
            Points::ByLevel(m) => m
                .iter()
                .map(|(l, p)| {
                    let name = credit
                        .level_names
                        .get(l)
                        .map_or(l.as_str(), |n| n.get(lang));
                    format!("{name} {}", num(*p))
                })
                .collect::<Vec<_>>()
                .join(match lang {
                    Lang::Zh => "，",
                    Lang::En => ", ",
                }),
        };
        let mut rule = Vec::new();
        if k.once {
            rule.push(word(Msg::new("report-show-once")));
        }
        if let Some(l) = k.late {
            rule.push(word(Msg::new("report-show-late").arg("points", num(l))));
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
    let mut repeats = Vec::new();
    for r in &credit.repeats {
        out.push_str(&format!(
            "{}{}\n",
            mark(&["credit", "repeats", &r.id]),
            word(
                Msg::new("report-show-repeat")
                    .arg("name", &r.name)
                    .arg("n", r.at_least)
                    .arg("points", num(r.points))
            )
        ));
        repeats.push(serde_json::json!({
            "id": r.id, "name": r.name.get(lang), "at_least": r.at_least, "points": r.points,
        }));
    }
    let mut vetoes = Vec::new();
    for v in &credit.vetoes {
        out.push_str(&format!(
            "{}{}\n",
            mark(&["credit", "vetoes", &v.id]),
            word(Msg::new("report-show-veto").arg("why", &v.why))
        ));
        vetoes.push(serde_json::json!({ "id": v.id, "why": v.why.get(lang) }));
    }
    let mut grades = Vec::new();
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
            super::credit::list(lang, &actions)
        );
        out.push_str(line.trim_end());
        out.push('\n');
        grades.push(serde_json::json!({
            "id": g.id, "name": g.name.get(lang), "min": g.min, "actions": actions,
        }));
    }
    let json = serde_json::json!({
        "base": credit.base,
        "min": credit.min,
        "max": credit.max,
        "validity_days": credit.validity_days,
        "events": t.json_rows(),
        "repeats": repeats,
        "vetoes": vetoes,
        "grades": grades,
    });
    CreditShown {
        text: out,
        events: t,
        json,
    }
}

/// One change of an overlay, worded: what happened to which item, before and after (values
/// cut at 60 characters unless `all`).
fn change_line(policies: &PolicySet, c: &Change, line: usize, lang: Lang, all: bool) -> String {
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
        if !all && flat.chars().count() > 60 {
            format!("{}…", flat.chars().take(59).collect::<String>())
        } else {
            flat
        }
    };
    let what = match &c.kind {
        ChangeKind::Added => Msg::new("report-show-change-added")
            .arg("path", path)
            .arg("to", short(&c.to)),
        ChangeKind::Changed => Msg::new("report-show-change-changed")
            .arg("path", path)
            .arg("from", short(&c.from))
            .arg("to", short(&c.to)),
        ChangeKind::Removed { why } => Msg::new("report-show-change-removed")
            .arg("path", path)
            .arg("why", why.as_str()),
    };
    Msg::new("report-show-change-line")
        .arg("line", line)
        .arg("what", what)
        .word(lang)
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
