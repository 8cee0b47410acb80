//! A change report as terminal text, in Chinese or English, with tables aligned for Chinese
//! names. Only what moved is shown; a report where nothing moved is one line.

use super::{Added, ChangeReport, Direction, MemberChanges, MemberWarning, NAMED_MEMBERS, Points};
use crate::render::pick;
use crate::render::table::{Align, Table, num};
use crate::text::Lang;

/// Words of the report in one language.
struct Words {
    unchanged: &'static str,
    changed: &'static str,
    policies: &'static str,
    data: &'static str,
    same: &'static str,
    total: &'static str,
    grade: &'static str,
    up: &'static str,
    down: &'static str,
    id: &'static str,
    name: &'static str,
    score: &'static str,
    max: &'static str,
    absent: &'static str,
    actions: &'static str,
    clause: &'static str,
    action: &'static str,
    raised: &'static str,
    withdrawn: &'static str,
    members: &'static str,
    code: &'static str,
    credit: &'static str,
    warnings: &'static str,
    warning: &'static str,
    lifted: &'static str,
    change: &'static str,
    colon: &'static str,
    comma: &'static str,
    open: &'static str,
    close: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Zh => Words {
            unchanged: "结果无变化",
            changed: "结果有变化",
            policies: "政策",
            data: "数据",
            same: "未变",
            total: "总分",
            grade: "等级",
            up: "升",
            down: "降",
            id: "指标",
            name: "名称",
            score: "得分",
            max: "满分",
            absent: "无",
            actions: "改进措施",
            clause: "条款",
            action: "措施",
            raised: "新增",
            withdrawn: "撤销",
            members: "成员信用等级",
            code: "信用代码",
            credit: "信用分",
            warnings: "成员预警",
            warning: "预警",
            lifted: "解除",
            change: "变动",
            colon: "：",
            comma: "，",
            open: "（",
            close: "）",
        },
        Lang::En => Words {
            unchanged: "no result changed",
            changed: "results changed",
            policies: "policies",
            data: "data",
            same: "unchanged",
            total: "Total",
            grade: "Grade",
            up: "up",
            down: "down",
            id: "Id",
            name: "Name",
            score: "Score",
            max: "Max",
            absent: "none",
            actions: "Improvement actions",
            clause: "Clause",
            action: "Action",
            raised: "raised",
            withdrawn: "withdrawn",
            members: "Member credit grades",
            code: "Credit code",
            credit: "Credit",
            warnings: "Member warnings",
            warning: "Warning",
            lifted: "lifted",
            change: "Change",
            colon: ": ",
            comma: ", ",
            open: " (",
            close: ")",
        },
    }
}

/// `4`, or `4 → 3` when it moved; `无` / `none` stands for a side that does not exist.
fn arrow(from: Option<f64>, to: Option<f64>, absent: &str) -> String {
    let side = |x: Option<f64>| x.map_or(absent.to_string(), num);
    match (from, to) {
        (Some(f), Some(t)) if num(f) == num(t) => num(t),
        _ => format!("{} → {}", side(from), side(to)),
    }
}

/// `+1`, `-0.5`.
fn signed(delta: f64) -> String {
    if delta > 0.0 {
        format!("+{}", num(delta))
    } else {
        num(delta)
    }
}

impl ChangeReport {
    /// The report as aligned text in `lang`.
    pub fn to_text(&self, lang: Lang) -> String {
        let w = words(lang);
        let who = match lang {
            Lang::Zh => format!("{}（{}）{}", self.name, self.association, self.period),
            Lang::En => format!("{} ({}) {}", self.name, self.association, self.period),
        };
        if self.is_empty() {
            // Only the digests that moved: the change that had no effect.
            let moved: Vec<String> = [
                (w.policies, &self.policy.from, &self.policy.to),
                (w.data, &self.data.from, &self.data.to),
            ]
            .iter()
            .filter(|(_, from, to)| from != to)
            .map(|(label, from, to)| format!("{label} {from} → {to}"))
            .collect();
            let note = if moved.is_empty() {
                String::new()
            } else {
                format!("{}{}{}", w.open, moved.join(w.comma), w.close)
            };
            return format!("{who}{}{}{note}\n", w.colon, w.unchanged);
        }
        let mut out = format!("{who}{}{}\n{}\n", w.colon, w.changed, self.digests(&w));
        out.push_str(&self.headline(&w, lang));
        self.nodes(&mut out, &w, lang);
        self.actions(&mut out, &w, lang);
        members(&mut out, &self.members, &w, lang);
        warnings(&mut out, &self.warnings, &w, lang);
        out
    }

    /// `政策 a → b    数据 c（未变）`.
    fn digests(&self, w: &Words) -> String {
        let one = |label: &str, from: &str, to: &str| {
            if from == to {
                format!("{label} {to}{}{}{}", w.open, w.same, w.close)
            } else {
                format!("{label} {from} → {to}")
            }
        };
        format!(
            "{}    {}",
            one(w.policies, &self.policy.from, &self.policy.to),
            one(w.data, &self.data.from, &self.data.to)
        )
    }

    /// `总分 96.5 → 95.5 / 100（-1）    等级 优秀 → 良好（降）`.
    fn headline(&self, w: &Words, lang: Lang) -> String {
        let from = self.total.from.score;
        let Points { score: to, max } = self.total.to;
        let mut total = format!(
            "{} {} / {}",
            w.total,
            arrow(Some(from), Some(to), w.absent),
            num(max)
        );
        if num(from) != num(to) {
            total.push_str(&format!("{}{}{}", w.open, signed(to - from), w.close));
        }
        let g = &self.grade;
        let grade = if g.from == g.to {
            format!("{} {}", w.grade, pick(lang, &g.to, &g.to_en))
        } else {
            let moved = g
                .direction
                .map(|d| format!("{}{}{}", w.open, direction(d, w), w.close))
                .unwrap_or_default();
            format!(
                "{} {} → {}{moved}",
                w.grade,
                pick(lang, &g.from, &g.from_en),
                pick(lang, &g.to, &g.to_en)
            )
        };
        format!("{total}    {grade}\n")
    }

    fn nodes(&self, out: &mut String, w: &Words, lang: Lang) {
        if self.levels.is_empty() && self.indicators.is_empty() {
            return;
        }
        let mut table = Table::new(&[
            (w.id, Align::Left),
            (w.name, Align::Left),
            (w.score, Align::Right),
            (w.max, Align::Right),
        ]);
        for n in self.levels.iter().chain(&self.indicators) {
            let score = |p: Option<Points>| p.map(|p| p.score);
            let max = |p: Option<Points>| p.map(|p| p.max);
            table.row(vec![
                n.id.clone(),
                pick(lang, &n.name, &n.name_en).to_string(),
                arrow(score(n.from), score(n.to), w.absent),
                arrow(max(n.from), max(n.to), w.absent),
            ]);
        }
        out.push('\n');
        out.push_str(&table.render());
    }

    fn actions(&self, out: &mut String, w: &Words, lang: Lang) {
        let t = &self.triggers;
        if t.is_empty() {
            return;
        }
        out.push_str(&format!(
            "\n{}{}{} {}{}{} {}\n",
            w.actions,
            w.colon,
            w.raised,
            t.appeared.len(),
            w.comma,
            w.withdrawn,
            t.disappeared.len()
        ));
        let mut table = Table::new(&[
            (w.change, Align::Left),
            (w.id, Align::Left),
            (w.clause, Align::Left),
            (w.action, Align::Left),
        ]);
        let rows = t
            .appeared
            .iter()
            .map(|a| (w.raised, a))
            .chain(t.disappeared.iter().map(|a| (w.withdrawn, a)));
        for (what, a) in rows {
            table.row(vec![
                what.to_string(),
                a.target.clone(),
                a.clause.clone(),
                pick(lang, &a.action, &a.action_en).to_string(),
            ]);
        }
        out.push_str(&table.render());
    }
}

fn direction(d: Direction, w: &Words) -> &'static str {
    match d {
        Direction::Up => w.up,
        Direction::Down => w.down,
    }
}

fn members(out: &mut String, m: &MemberChanges, w: &Words, lang: Lang) {
    if m.changed == 0 && m.joined == 0 && m.left == 0 {
        return;
    }
    let line = match lang {
        Lang::Zh => format!(
            "\n{}：{} 家中 {} 家变化（升 {}，降 {}）；新加入 {} 家，退出 {} 家\n",
            w.members, m.compared, m.changed, m.up, m.down, m.joined, m.left
        ),
        Lang::En => format!(
            "\n{}: {} of {} changed ({} up, {} down); {} joined, {} left\n",
            w.members, m.changed, m.compared, m.up, m.down, m.joined, m.left
        ),
    };
    out.push_str(&line);
    if m.named.is_empty() {
        return;
    }
    let mut table = Table::new(&[
        (w.code, Align::Left),
        (w.name, Align::Left),
        (w.grade, Align::Left),
        (w.credit, Align::Right),
        (w.change, Align::Left),
    ]);
    for c in &m.named {
        table.row(vec![
            c.id.clone(),
            c.name.clone(),
            format!("{} → {}", c.grade.from, c.grade.to),
            arrow(Some(c.score.from), Some(c.score.to), w.absent),
            c.direction.map_or("", |d| direction(d, w)).to_string(),
        ]);
    }
    out.push_str(&table.render());
    let rest = m.changed - m.named.len();
    if rest > 0 {
        out.push_str(&match lang {
            Lang::Zh => format!("（另有 {rest} 家未列出）\n"),
            Lang::En => format!("({rest} more not listed)\n"),
        });
    }
}

fn warnings(out: &mut String, list: &Added<MemberWarning>, w: &Words, lang: Lang) {
    if list.is_empty() {
        return;
    }
    out.push_str(&format!(
        "\n{}{}{} {}{}{} {}\n",
        w.warnings,
        w.colon,
        w.raised,
        list.appeared.len(),
        w.comma,
        w.lifted,
        list.disappeared.len()
    ));
    let mut table = Table::new(&[
        (w.change, Align::Left),
        (w.code, Align::Left),
        (w.name, Align::Left),
        (w.warning, Align::Left),
    ]);
    // As many of each as members are named; the rest are counted.
    let rows = (list
        .appeared
        .iter()
        .take(NAMED_MEMBERS)
        .map(|x| (w.raised, x)))
    .chain(
        list.disappeared
            .iter()
            .take(NAMED_MEMBERS)
            .map(|x| (w.lifted, x)),
    );
    for (what, x) in rows {
        table.row(vec![
            what.to_string(),
            x.member.clone(),
            x.name.clone(),
            pick(lang, &x.text, &x.text_en).to_string(),
        ]);
    }
    out.push_str(&table.render());
    let rest = list.appeared.len().saturating_sub(NAMED_MEMBERS)
        + list.disappeared.len().saturating_sub(NAMED_MEMBERS);
    if rest > 0 {
        out.push_str(&match lang {
            Lang::Zh => format!("（另有 {rest} 条未列出）\n"),
            Lang::En => format!("({rest} more not listed)\n"),
        });
    }
}
