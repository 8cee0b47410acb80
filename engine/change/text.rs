//! A change report as terminal text, in Chinese or English, with tables aligned for Chinese
//! names. Only what moved is shown; a report where nothing moved is one line.

use super::{
    Added, ChangeReport, Direction, MemberChanges, MemberWarning, NAMED_MEMBERS, Points, Standing,
};
use crate::message::Msg;
use crate::render::follow_up::status_label;
use crate::render::pick;
use crate::render::table::{Align, Table, num};
use crate::text::Lang;

/// Words of the report in one language.
struct Words {
    unchanged: String,
    changed: String,
    policies: String,
    data: String,
    same: String,
    total: String,
    grade: String,
    up: String,
    down: String,
    id: String,
    name: String,
    score: String,
    max: String,
    absent: String,
    actions: String,
    clause: String,
    action: String,
    raised: String,
    withdrawn: String,
    code: String,
    credit: String,
    warnings: String,
    warning: String,
    lifted: String,
    change: String,
    colon: String,
    comma: String,
    open: String,
    close: String,
}

fn words(lang: Lang) -> Words {
    Words {
        unchanged: Msg::new("report-change-unchanged").word(lang),
        changed: Msg::new("report-change-changed").word(lang),
        policies: Msg::new("report-change-policies").word(lang),
        data: Msg::new("report-change-data").word(lang),
        same: Msg::new("report-change-same").word(lang),
        total: Msg::new("report-total").word(lang),
        grade: Msg::new("report-grade").word(lang),
        up: Msg::new("report-change-up").word(lang),
        down: Msg::new("report-change-down").word(lang),
        id: Msg::new("report-indicator").word(lang),
        name: Msg::new("report-name").word(lang),
        score: Msg::new("report-score").word(lang),
        max: Msg::new("report-max").word(lang),
        absent: Msg::new("report-none").word(lang),
        actions: Msg::new("report-change-actions").word(lang),
        clause: Msg::new("report-clause").word(lang),
        action: Msg::new("report-change-action").word(lang),
        raised: Msg::new("report-change-raised").word(lang),
        withdrawn: Msg::new("report-change-withdrawn").word(lang),
        code: Msg::new("report-change-code").word(lang),
        credit: Msg::new("report-change-credit").word(lang),
        warnings: Msg::new("report-change-warnings").word(lang),
        warning: Msg::new("report-warning").word(lang),
        lifted: Msg::new("report-change-lifted").word(lang),
        change: Msg::new("report-change-change").word(lang),
        colon: Msg::new("report-change-colon").word(lang),
        comma: Msg::new("report-change-comma").word(lang),
        open: Msg::new("report-change-open").word(lang),
        close: Msg::new("report-change-close").word(lang),
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
        let who = Msg::new("report-change-who")
            .arg("name", self.name.as_str())
            .arg("association", self.association.as_str())
            .arg("period", self.period.as_str())
            .word(lang);
        if self.is_empty() {
            // Only the digests that moved: the change that had no effect.
            let moved: Vec<String> = [
                (&w.policies, &self.policy.from, &self.policy.to),
                (&w.data, &self.data.from, &self.data.to),
            ]
            .iter()
            .filter(|(_, from, to)| from != to)
            .map(|(label, from, to)| format!("{label} {from} → {to}"))
            .collect();
            let note = if moved.is_empty() {
                String::new()
            } else {
                format!("{}{}{}", w.open, moved.join(&w.comma), w.close)
            };
            return format!("{who}{}{}{note}\n", w.colon, w.unchanged);
        }
        let mut out = format!("{who}{}{}\n{}\n", w.colon, w.changed, self.digests(&w));
        out.push_str(&self.headline(&w, lang));
        self.nodes(&mut out, &w, lang);
        self.actions(&mut out, &w, lang);
        self.follow_ups(&mut out, &w, lang);
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
            one(&w.policies, &self.policy.from, &self.policy.to),
            one(&w.data, &self.data.from, &self.data.to)
        )
    }

    /// `总分 96.5 → 95.5 / 100（-1）    等级 优秀 → 良好（降）`.
    fn headline(&self, w: &Words, lang: Lang) -> String {
        let from = self.total.from.score;
        let Points { score: to, max } = self.total.to;
        let mut total = format!(
            "{} {} / {}",
            w.total,
            arrow(Some(from), Some(to), &w.absent),
            num(max)
        );
        if num(from) != num(to) {
            total.push_str(&format!("{}{}{}", w.open, signed(to - from), w.close));
        }
        let g = &self.grade;
        let grade = if g.renamed() {
            format!(
                "{} {} → {}{}{}{}",
                w.grade,
                pick(lang, &g.from, &g.from_en),
                pick(lang, &g.to, &g.to_en),
                w.open,
                Msg::new("report-change-grade-renamed").word(lang),
                w.close
            )
        } else if !g.changed() {
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
            (w.id.as_str(), Align::Left),
            (w.name.as_str(), Align::Left),
            (w.score.as_str(), Align::Right),
            (w.max.as_str(), Align::Right),
        ]);
        for n in self.levels.iter().chain(&self.indicators) {
            let score = |p: Option<Points>| p.map(|p| p.score);
            let max = |p: Option<Points>| p.map(|p| p.max);
            table.row(vec![
                n.id.clone(),
                pick(lang, &n.name, &n.name_en).to_string(),
                arrow(score(n.from), score(n.to), &w.absent),
                arrow(max(n.from), max(n.to), &w.absent),
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
            (w.change.as_str(), Align::Left),
            (w.id.as_str(), Align::Left),
            (w.clause.as_str(), Align::Left),
            (w.action.as_str(), Align::Left),
        ]);
        let rows = t
            .appeared
            .iter()
            .map(|a| (w.raised.as_str(), a))
            .chain(t.disappeared.iter().map(|a| (w.withdrawn.as_str(), a)));
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

impl ChangeReport {
    fn follow_ups(&self, out: &mut String, w: &Words, lang: Lang) {
        if self.follow_ups.is_empty() {
            return;
        }
        let heading = Msg::new("report-change-follow-ups")
            .arg("n", self.follow_ups.len())
            .word(lang);
        out.push_str(&format!("\n{heading}\n"));
        let status = Msg::new("report-status").word(lang);
        let why = Msg::new("report-why").word(lang);
        let action_id = Msg::new("report-action-id").word(lang);
        let mut table = Table::new(&[
            (action_id.as_str(), Align::Left),
            (w.action.as_str(), Align::Left),
            (status.as_str(), Align::Left),
            (why.as_str(), Align::Left),
        ]);
        let label = |s: Option<Standing>| {
            s.map_or_else(
                || w.absent.clone(),
                |s| status_label(s.status, s.closed_by, lang),
            )
        };
        for f in &self.follow_ups {
            let moved = format!("{} → {}", label(f.from), label(f.to));
            table.row(vec![
                f.action_id.clone(),
                pick(lang, &f.action, &f.action_en).to_string(),
                moved,
                pick(lang, &f.reason, &f.reason_en).to_string(),
            ]);
        }
        out.push_str(&table.render());
    }
}

fn direction(d: Direction, w: &Words) -> &str {
    match d {
        Direction::Up => &w.up,
        Direction::Down => &w.down,
    }
}

fn members(out: &mut String, m: &MemberChanges, w: &Words, lang: Lang) {
    if m.changed == 0 && m.joined == 0 && m.left == 0 {
        return;
    }
    let line = Msg::new("report-change-member-counts")
        .arg("compared", m.compared)
        .arg("changed", m.changed)
        .arg("up", m.up)
        .arg("down", m.down)
        .arg("joined", m.joined)
        .arg("left", m.left)
        .word(lang);
    out.push_str(&format!("\n{line}\n"));
    if m.named.is_empty() {
        return;
    }
    let mut table = Table::new(&[
        (w.code.as_str(), Align::Left),
        (w.name.as_str(), Align::Left),
        (w.grade.as_str(), Align::Left),
        (w.credit.as_str(), Align::Right),
        (w.change.as_str(), Align::Left),
    ]);
    for c in &m.named {
        table.row(vec![
            c.id.clone(),
            c.name.clone(),
            format!("{} → {}", c.grade.from, c.grade.to),
            arrow(Some(c.score.from), Some(c.score.to), &w.absent),
            c.direction.map_or("", |d| direction(d, w)).to_string(),
        ]);
    }
    out.push_str(&table.render());
    let rest = m.changed - m.named.len();
    if rest > 0 {
        out.push_str(&format!(
            "{}\n",
            Msg::new("report-change-more-members")
                .arg("n", rest)
                .word(lang)
        ));
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
        (w.change.as_str(), Align::Left),
        (w.code.as_str(), Align::Left),
        (w.name.as_str(), Align::Left),
        (w.warning.as_str(), Align::Left),
    ]);
    // As many of each as members are named; the rest are counted.
    let rows = (list
        .appeared
        .iter()
        .take(NAMED_MEMBERS)
        .map(|x| (w.raised.as_str(), x)))
    .chain(
        list.disappeared
            .iter()
            .take(NAMED_MEMBERS)
            .map(|x| (w.lifted.as_str(), x)),
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
        out.push_str(&format!(
            "{}\n",
            Msg::new("report-change-more-warnings")
                .arg("n", rest)
                .word(lang)
        ));
    }
}
