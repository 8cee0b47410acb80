//! Sector overlays (`sectors/<sector>/sector.ron`): what a sector changes on the shared base,
//! and nothing else. An overlay can change points, thresholds and texts; add indicators,
//! criteria, evidence kinds, facts, credit event kinds, vetoes, actions, triggers and warnings;
//! and remove an item only with a stated reason. The merged whole is validated like the base,
//! and every change is recorded so `cogov show` can mark it with its file.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Deserialize;

use super::catalogue::{Catalogue, FactKind};
use super::credit::{
    Points, RawCredit, RawGrade, RawKind, RawKindActions, RawName, RawRepeat, RawSectorWarning,
    RawVeto,
};
use super::rubric::{NodeKind, RawCriterion, RawNode, RawStep, Rubric, Rule, criterion};
use super::triggers::{Condition, RawTrigger, Targets, Trigger};
use crate::diagnostic::{Problem, Problems, SourceFile};
use crate::text::Text;

#[derive(Debug, Deserialize)]
#[serde(rename = "Overlay", deny_unknown_fields)]
pub(crate) struct RawOverlay {
    zh: String,
    en: String,
    #[serde(default)]
    catalogue: CataloguePatch,
    #[serde(default)]
    rubric: RubricPatch,
    #[serde(default)]
    triggers: TriggersPatch,
    #[serde(default)]
    credit: CreditPatch,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CataloguePatch {
    #[serde(default)]
    evidence: BTreeMap<String, RawName>,
    #[serde(default)]
    facts: BTreeMap<String, NewFact>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NewFact {
    kind: FactKind,
    zh: String,
    en: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RubricPatch {
    #[serde(default)]
    points: BTreeMap<String, f64>,
    #[serde(default)]
    indicators: BTreeMap<String, IndicatorPatch>,
    #[serde(default)]
    add: Vec<AddIndicator>,
    #[serde(default)]
    remove: Vec<Removal>,
    #[serde(default)]
    grades: Option<Vec<super::rubric::RawGrade>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorPatch {
    #[serde(default)]
    zh: Option<String>,
    #[serde(default)]
    en: Option<String>,
    #[serde(default)]
    outcome: Option<String>,
    #[serde(default)]
    criteria: BTreeMap<String, CriterionPatch>,
    #[serde(default)]
    add_criteria: Vec<RawCriterion>,
    #[serde(default)]
    remove_criteria: Vec<Removal>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CriterionPatch {
    #[serde(default)]
    points: Option<f64>,
    #[serde(default)]
    at_least: Option<u32>,
    #[serde(default)]
    value: Option<f64>,
    #[serde(default)]
    steps: Option<Vec<RawStep>>,
    #[serde(default)]
    params: BTreeMap<String, f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AddIndicator {
    under: String,
    indicator: RawNode,
}

/// Removing an item needs a stated reason.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Removal {
    id: String,
    why: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TriggersPatch {
    #[serde(default)]
    add: Vec<RawTrigger>,
    #[serde(default)]
    change: BTreeMap<String, TriggerPatch>,
    #[serde(default)]
    remove: Vec<Removal>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TriggerPatch {
    #[serde(default)]
    when: Option<Condition>,
    #[serde(default)]
    targets: Option<Targets>,
    #[serde(default)]
    due_days: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CreditPatch {
    #[serde(default)]
    validity_days: Option<u32>,
    #[serde(default)]
    item_classes: BTreeMap<String, RawName>,
    #[serde(default)]
    events: BTreeMap<String, KindPatch>,
    #[serde(default)]
    repeats: Vec<RawRepeat>,
    #[serde(default)]
    grades: Option<Vec<RawGrade>>,
    #[serde(default)]
    vetoes: Vec<RawVeto>,
    #[serde(default)]
    actions: BTreeMap<String, RawName>,
    #[serde(default)]
    grade_actions: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    kind_actions: Vec<RawKindActions>,
    #[serde(default)]
    sector_warnings: Vec<RawSectorWarning>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct KindPatch {
    #[serde(default)]
    zh: Option<String>,
    #[serde(default)]
    en: Option<String>,
    #[serde(default)]
    points: Option<Points>,
    #[serde(default)]
    cap: Option<f64>,
    #[serde(default)]
    once: Option<bool>,
    #[serde(default)]
    late: Option<f64>,
    #[serde(default)]
    needs_product: Option<bool>,
}

/// What an overlay changed, for `cogov show`.
#[derive(Clone, Debug)]
pub struct Change {
    /// The item changed (`C11`, `C11.4`, `credit sampling_fail`, …).
    pub item: String,
    /// What happened to it.
    pub what: String,
}

/// The applied overlay: its name, file and changes.
#[derive(Clone, Debug)]
pub struct Overlay {
    /// Sector id (the folder name).
    pub id: String,
    /// Sector name.
    pub name: Text,
    /// The overlay file.
    pub file: Arc<SourceFile>,
    /// Every change, in the order applied.
    pub changes: Vec<Change>,
}

/// Parses an overlay file.
pub(crate) fn parse(file: &SourceFile) -> Result<RawOverlay, Problem> {
    crate::diagnostic::parse_ron(file)
}

/// The parsed base an overlay applies to (a part that failed to load is `None`).
pub(crate) struct Base<'a> {
    pub(crate) catalogue: Option<&'a mut Catalogue>,
    pub(crate) rubric: Option<&'a mut Rubric>,
    pub(crate) triggers: Option<&'a mut Vec<Trigger>>,
    pub(crate) credit: Option<&'a mut RawCredit>,
}

/// Applies an overlay to the parsed base; problems name the overlay file.
pub(crate) fn apply(
    raw: RawOverlay,
    id: &str,
    file: Arc<SourceFile>,
    base: Base<'_>,
    problems: &mut Problems,
) -> Overlay {
    let mut changes = Vec::new();
    let mut note = |item: &str, what: String| {
        changes.push(Change {
            item: item.to_string(),
            what,
        })
    };
    if let Some(catalogue) = base.catalogue {
        for (kind, name) in raw.catalogue.evidence {
            note(&kind, "evidence kind added".into());
            catalogue.evidence.insert(kind, Text::new(name.zh, name.en));
        }
        for (key, fact) in raw.catalogue.facts {
            note(&key, "fact added".into());
            let decl = super::catalogue::FactDecl {
                kind: fact.kind,
                name: Text::new(fact.zh, fact.en),
                from_members: false,
            };
            catalogue.facts.insert(key, decl);
        }
    }
    if let Some(rubric) = base.rubric {
        patch_rubric(raw.rubric, rubric, &file, &mut note, problems);
    }
    if let Some(triggers) = base.triggers {
        patch_triggers(raw.triggers, triggers, &file, &mut note, problems);
    }
    if let Some(credit) = base.credit {
        patch_credit(raw.credit, credit, &file, &mut note, problems);
    }
    Overlay {
        id: id.to_string(),
        name: Text::new(raw.zh, raw.en),
        file,
        changes,
    }
}

fn removal_ok(r: &Removal, file: &SourceFile, problems: &mut Problems) -> bool {
    if r.why.trim().is_empty() {
        problems.push(file.problem_at_value(
            &r.id,
            0,
            format!("removing `{}` needs a reason: write it in `why`", r.id),
        ));
        return false;
    }
    true
}

fn patch_rubric(
    patch: RubricPatch,
    rubric: &mut Rubric,
    file: &Arc<SourceFile>,
    note: &mut impl FnMut(&str, String),
    problems: &mut Problems,
) {
    for add in patch.add {
        match rubric.find(&add.under) {
            Some(parent) if matches!(rubric.nodes[parent].kind, NodeKind::Level) => {
                let i = rubric.add(add.indicator, Some(parent), file);
                note(
                    &rubric.nodes[i].id.clone(),
                    format!("added under {}", add.under),
                );
            }
            _ => problems.push(file.problem_at_value(
                &add.under,
                0,
                format!("`{}` is not a level to add an indicator under", add.under),
            )),
        }
    }
    for r in &patch.remove {
        if !removal_ok(r, file, problems) {
            continue;
        }
        if rubric.remove(&r.id) {
            note(&r.id, format!("removed: {}", r.why));
        } else {
            problems.push(file.problem_at_value(
                &r.id,
                0,
                format!("cannot remove `{}`: no such level or indicator", r.id),
            ));
        }
    }
    for (id, points) in patch.points {
        match rubric.find(&id) {
            Some(i) => {
                let node = &mut rubric.nodes[i];
                note(&id, format!("points {} → {points}", node.points));
                node.points = points;
                node.origin = file.clone();
            }
            None => problems.push(file.problem_at_value(
                &id,
                0,
                format!("`{id}` is not a level or indicator of the base"),
            )),
        }
    }
    for (id, p) in patch.indicators {
        let Some(i) = rubric.find(&id) else {
            problems.push(file.problem_at_value(
                &id,
                0,
                format!("`{id}` is not an indicator of the base"),
            ));
            continue;
        };
        let node = &mut rubric.nodes[i];
        let NodeKind::Indicator { outcome, criteria } = &mut node.kind else {
            problems.push(file.problem_at_value(
                &id,
                0,
                format!("`{id}` is a level; only indicators have criteria"),
            ));
            continue;
        };
        node.origin = file.clone();
        if let Some(zh) = p.zh {
            node.name.zh = zh;
            note(&id, "Chinese name changed".into());
        }
        if let Some(en) = p.en {
            node.name.en = en;
            note(&id, "English name changed".into());
        }
        if let Some(o) = p.outcome {
            *outcome = o;
            note(&id, "expected outcome changed".into());
        }
        for r in &p.remove_criteria {
            if !removal_ok(r, file, problems) {
                continue;
            }
            let before = criteria.len();
            criteria.retain(|c| c.id != r.id);
            if criteria.len() == before {
                problems.push(file.problem_at_value(
                    &r.id,
                    0,
                    format!("`{id}` has no criterion `{}`", r.id),
                ));
            } else {
                note(&r.id, format!("removed: {}", r.why));
            }
        }
        for (cid, cp) in p.criteria {
            let Some(c) = criteria.iter_mut().find(|c| c.id == cid) else {
                let known: Vec<&str> = criteria.iter().map(|c| c.id.as_str()).collect();
                problems.push(
                    file.problem_at_value(&cid, 0, format!("`{id}` has no criterion `{cid}`"))
                        .with_help(format!("its criteria: {}", known.join(", "))),
                );
                continue;
            };
            c.origin = file.clone();
            patch_criterion(c, cp, &cid, file, note, problems);
        }
        let base = criteria.len();
        for (n, raw) in p.add_criteria.into_iter().enumerate() {
            let c = criterion(&id, base + n, raw, file);
            note(&c.id, format!("criterion added to {id}"));
            criteria.push(c);
        }
    }
    if let Some(grades) = patch.grades {
        rubric.grades = grades
            .into_iter()
            .map(|g| super::rubric::GradeBand {
                min: g.min,
                name: Text::new(g.zh, g.en),
            })
            .collect();
        rubric.origin = file.clone();
        note("grades", "association grade bands replaced".into());
    }
}

fn patch_criterion(
    c: &mut super::rubric::Criterion,
    p: CriterionPatch,
    cid: &str,
    file: &SourceFile,
    note: &mut impl FnMut(&str, String),
    problems: &mut Problems,
) {
    let mut wrong = |field: &str| {
        problems.push(file.problem_at_value(
            cid,
            0,
            format!("criterion `{cid}` has no `{field}` to change"),
        ));
    };
    let kind_fits = match c.rule {
        Rule::Evidence { .. } => p.value.is_none() && p.steps.is_none(),
        Rule::AtLeast { .. } => p.at_least.is_none() && p.steps.is_none(),
        Rule::Steps { .. } => p.at_least.is_none() && p.value.is_none(),
        _ => p.at_least.is_none() && p.value.is_none() && p.steps.is_none(),
    };
    if let Some(points) = p.points {
        if matches!(c.rule, Rule::Steps { .. }) {
            wrong("points (its points are its highest step)");
        } else {
            note(cid, format!("points {} → {points}", c.points));
            c.points = points;
        }
    }
    match &mut c.rule {
        Rule::Evidence { at_least, .. } => {
            if let Some(n) = p.at_least {
                note(cid, format!("at_least {at_least} → {n}"));
                *at_least = n;
            }
        }
        Rule::AtLeast { value, .. } => {
            if let Some(v) = p.value {
                note(cid, format!("value {value} → {v}"));
                *value = v;
            }
        }
        Rule::Steps { steps, .. } => {
            if let Some(new) = p.steps {
                *steps = new.iter().map(|s| (s.at_least, s.points)).collect();
                c.points = steps.iter().map(|s| s.1).fold(0.0, f64::max);
                note(cid, "steps changed".into());
            }
        }
        Rule::Script { params, .. } => {
            for (k, v) in p.params {
                note(cid, format!("param {k} = {v}"));
                params.insert(k, v);
            }
            return;
        }
        Rule::Fact { .. } => {}
    }
    if !p.params.is_empty() {
        wrong("params");
    }
    if !kind_fits {
        wrong("such threshold (at_least is for Evidence, value for AtLeast, steps for Steps)");
    }
}

fn patch_triggers(
    patch: TriggersPatch,
    triggers: &mut Vec<Trigger>,
    file: &Arc<SourceFile>,
    note: &mut impl FnMut(&str, String),
    problems: &mut Problems,
) {
    for r in &patch.remove {
        if !removal_ok(r, file, problems) {
            continue;
        }
        let before = triggers.len();
        triggers.retain(|t| t.id != r.id);
        if triggers.len() == before {
            problems.push(file.problem_at_value(
                &r.id,
                0,
                format!("there is no trigger `{}` to remove", r.id),
            ));
        } else {
            note(&r.id, format!("trigger removed: {}", r.why));
        }
    }
    for (id, p) in patch.change {
        let Some(t) = triggers.iter_mut().find(|t| t.id == id) else {
            problems.push(file.problem_at_value(
                &id,
                0,
                format!("there is no trigger `{id}` to change"),
            ));
            continue;
        };
        t.origin = file.clone();
        if let Some(when) = p.when {
            t.when = super::triggers::resolve(when, file);
            note(&id, "trigger condition changed".into());
        }
        if let Some(targets) = p.targets {
            t.targets = targets;
            note(&id, "trigger targets changed".into());
        }
        if let Some(days) = p.due_days {
            note(&id, format!("due_days {} → {days}", t.due_days));
            t.due_days = days;
        }
    }
    for raw in patch.add {
        let t = super::triggers::trigger(raw, file);
        note(&t.id, "trigger added".into());
        triggers.push(t);
    }
}

fn patch_credit(
    patch: CreditPatch,
    credit: &mut RawCredit,
    file: &SourceFile,
    note: &mut impl FnMut(&str, String),
    problems: &mut Problems,
) {
    if let Some(days) = patch.validity_days {
        note(
            "validity_days",
            format!("{} → {days}", or_none(credit.validity_days)),
        );
        credit.validity_days = Some(days);
    }
    for (class, name) in patch.item_classes {
        note(&class, "item class added".into());
        credit.item_classes.insert(class, name);
    }
    for (id, p) in patch.events {
        match credit.events.get_mut(&id) {
            Some(kind) => {
                if let Some(points) = p.points {
                    let merged = match (&kind.points, points) {
                        (Points::ByLevel(old), Points::ByLevel(new)) => {
                            let mut all = old.clone();
                            all.extend(new);
                            Points::ByLevel(all)
                        }
                        (_, new) => new,
                    };
                    note(
                        &format!("credit {id}"),
                        format!(
                            "points {} → {}",
                            show_points(&kind.points),
                            show_points(&merged)
                        ),
                    );
                    kind.points = merged;
                }
                if let Some(cap) = p.cap {
                    note(
                        &format!("credit {id}"),
                        format!("cap {} → {cap}", or_none(kind.cap)),
                    );
                    kind.cap = Some(cap);
                }
                if let Some(once) = p.once {
                    kind.once = once;
                    note(&format!("credit {id}"), format!("once = {once}"));
                }
                if let Some(late) = p.late {
                    kind.late = Some(late);
                    note(&format!("credit {id}"), format!("late = {late}"));
                }
                if let Some(n) = p.needs_product {
                    kind.needs_product = n;
                }
                if let Some(zh) = p.zh {
                    kind.zh = zh;
                }
                if let Some(en) = p.en {
                    kind.en = en;
                }
            }
            None => match (p.zh, p.en, p.points) {
                (Some(zh), Some(en), Some(points)) => {
                    note(
                        &format!("credit {id}"),
                        format!("event kind added: {}", show_points(&points)),
                    );
                    let kind = RawKind {
                        zh,
                        en,
                        points,
                        cap: p.cap,
                        once: p.once.unwrap_or(false),
                        late: p.late,
                        needs_product: p.needs_product.unwrap_or(false),
                    };
                    credit.events.insert(id, kind);
                }
                _ => problems.push(file.problem_at_value(
                    &id,
                    0,
                    format!("`{id}` is a new credit event kind: give its `zh`, `en` and `points`"),
                )),
            },
        }
    }
    for r in patch.repeats {
        note(&format!("credit {}", r.kind), "repeat rule added".into());
        credit.repeats.push(r);
    }
    if let Some(grades) = patch.grades {
        let ids: Vec<&str> = grades.iter().map(|g| g.grade.as_str()).collect();
        note(
            "credit grades",
            format!("grade bands replaced: {}", ids.join(", ")),
        );
        credit.grades = grades;
    }
    for v in patch.vetoes {
        note(
            &format!("credit {}", v.kind),
            format!("veto added: best {}", v.best),
        );
        credit.vetoes.push(v);
    }
    for (id, name) in patch.actions {
        note(&id, "action added".into());
        credit.actions.insert(id, name);
    }
    for (grade, list) in patch.grade_actions {
        note(
            &format!("credit grade {grade}"),
            format!("actions: {}", list.join(", ")),
        );
        credit.grade_actions.insert(grade, list);
    }
    for k in patch.kind_actions {
        note(
            &format!("credit grade {}", k.grade),
            format!("with {}: {}", k.with, k.actions.join(", ")),
        );
        credit.kind_actions.push(k);
    }
    for w in patch.sector_warnings {
        note(&w.id, "sector warning added".into());
        credit.sector_warnings.push(w);
    }
}

fn show_points(p: &Points) -> String {
    match p {
        Points::Each(x) => format!("{x} each"),
        Points::ByLevel(m) => {
            let parts: Vec<String> = m.iter().map(|(k, v)| format!("{k} {v}")).collect();
            parts.join(", ")
        }
    }
}

/// A new overlay that changes nothing, with every kind of change shown in comments.
pub fn template(sector: &str) -> String {
    format!(
        r#"// {sector} — sector overlay on policies/base/. It changes nothing yet.
//
// Write here only what differs for this sector, and say why in a comment: a fix to the base
// reaches every sector, so never copy the base. `cogov check --sector {sector}` validates the
// merged rules; `cogov show --sector {sector}` prints them, marking what this file changed.
Overlay(
  zh: "{sector}", en: "{sector}",
  // New evidence kinds and facts that criteria below may name:
  // catalogue: (evidence: {{"kind_id": (zh: "…", en: "…")}}, facts: {{"fact_id": (kind: Count, zh: "…", en: "…")}}),
  //
  // The rubric: change points (parents must still add up), thresholds and texts; add or
  // remove (with a reason) indicators and criteria.
  // rubric: (
  //   points: {{"B5": 25, "C11": 6, "B6": 20, "C16": 4}},
  //   indicators: {{
  //     "C11": (criteria: {{"C11.3": (points: 3)}}, add_criteria: [Evidence(kind: "…", points: 1)]),
  //     "C16": (remove_criteria: [(id: "C16.3", why: "…")]),
  //   }},
  //   add: [(under: "B6", indicator: Indicator(id: "C23", zh: "…", en: "…", points: 2, outcome: "…", criteria: [...]))],
  //   remove: [(id: "C21", why: "…")],
  // ),
  //
  // Improvement triggers: add, change (when, targets, due_days) or remove (with a reason).
  // triggers: (change: {{"unmet": (when: Below(share: 0.5))}}),
  //
  // Member credit: change or add event kinds (points, cap, once, late), repeats, vetoes,
  // grade bands, actions and sector warnings.
  // credit: (
  //   events: {{"sampling_fail": (points: ByLevel({{"critical": -30}}))}},
  //   vetoes: [(kind: "sampling_fail", item_class: "A", best: "B", zh: "…", en: "…")],
  // ),
)
"#
    )
}

/// A setting that may be absent, as an editor reads it.
fn or_none(value: Option<impl std::fmt::Display>) -> String {
    value.map_or_else(|| "none".to_string(), |v| v.to_string())
}
