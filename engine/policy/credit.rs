//! Member credit policy (`credit.ron`, clauses 8.1.2.2 c and 8.1.2.3 b–c): the base score, the
//! points each credit event earns or costs, caps, once-only kinds, repeated failures, how long
//! an event counts, credit repair, grade bands, vetoes (一票否决), the rewards and penalties each
//! grade brings, and member and sector warnings.
//!
//! The file is compiled once into [`CreditPolicy`]: event kinds and levels become small
//! integers, so evaluating a member walks arrays, never strings or maps.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Deserialize;

use super::catalogue::{Catalogue, suggest};
use crate::diagnostic::{Problem, Problems, SourceFile};
use crate::text::Text;

/// Most event kinds a credit policy may define (kinds are tracked in a 64-bit set).
pub const MAX_KINDS: usize = 64;

#[derive(Clone, Debug, Deserialize)]
#[serde(rename = "Credit", deny_unknown_fields)]
pub(crate) struct RawCredit {
    pub(crate) base: f64,
    pub(crate) min: f64,
    pub(crate) max: f64,
    #[serde(default)]
    pub(crate) validity_days: Option<u32>,
    pub(crate) item_classes: BTreeMap<String, RawName>,
    pub(crate) events: BTreeMap<String, RawKind>,
    #[serde(default)]
    pub(crate) repeats: Vec<RawRepeat>,
    #[serde(default)]
    pub(crate) repair: Option<RawRepair>,
    pub(crate) grades: Vec<RawGrade>,
    #[serde(default)]
    pub(crate) vetoes: Vec<RawVeto>,
    pub(crate) actions: BTreeMap<String, RawName>,
    #[serde(default)]
    pub(crate) grade_actions: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub(crate) kind_actions: Vec<RawKindActions>,
    #[serde(default)]
    pub(crate) sector_warnings: Vec<RawSectorWarning>,
    #[serde(default)]
    pub(crate) facts: BTreeMap<String, MemberCount>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawName {
    pub(crate) zh: String,
    pub(crate) en: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawKind {
    pub(crate) zh: String,
    pub(crate) en: String,
    pub(crate) points: Points,
    #[serde(default)]
    pub(crate) cap: Option<f64>,
    #[serde(default)]
    pub(crate) once: bool,
    #[serde(default)]
    pub(crate) late: Option<f64>,
    #[serde(default)]
    pub(crate) needs_product: bool,
}

/// Points an event of a kind earns (positive) or costs (negative).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub enum Points {
    /// The same for every event of the kind.
    Each(f64),
    /// By the event's level (`minor`, `national`, …); an event must give a listed level.
    ByLevel(BTreeMap<String, f64>),
}

/// What makes failures "the same" for a repeat rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum Same {
    /// The same product (产品名称).
    Product,
    /// The same failed inspection item.
    Item,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRepeat {
    pub(crate) kind: String,
    pub(crate) same: Same,
    pub(crate) at_least: u32,
    pub(crate) points: f64,
    pub(crate) zh: String,
    pub(crate) en: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRepair {
    pub(crate) kind: String,
    pub(crate) clears: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawGrade {
    pub(crate) min: f64,
    pub(crate) grade: String,
    pub(crate) zh: String,
    pub(crate) en: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawVeto {
    pub(crate) kind: String,
    #[serde(default)]
    pub(crate) item_class: Option<String>,
    pub(crate) best: String,
    pub(crate) zh: String,
    pub(crate) en: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawKindActions {
    pub(crate) grade: String,
    pub(crate) with: String,
    pub(crate) actions: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSectorWarning {
    pub(crate) id: String,
    pub(crate) when: SectorCondition,
    pub(crate) zh: String,
    pub(crate) en: String,
}

/// When a sector warning (行业质量信用预警) is raised.
#[derive(Clone, Debug, Deserialize)]
pub enum SectorCondition {
    /// The share of members in these grades is above `above`.
    GradeShare {
        /// Grades counted.
        grades: Vec<String>,
        /// Share, 0 to 1.
        above: f64,
    },
    /// The share of members with a failure naming one inspection item is above `above`.
    ItemShare {
        /// Event kind whose items are counted (e.g. `sampling_fail`).
        kind: String,
        /// Share, 0 to 1.
        above: f64,
    },
}

/// How a fact is counted from the members (for indicators such as C6, C7, C8).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub enum MemberCount {
    /// Every member on the roster.
    All,
    /// Members with a counting event of this kind.
    WithEvent(String),
    /// Members with any credit event dated within the period (archive kept current).
    WithEventInPeriod,
    /// Members whose grade brings at least one reward or penalty.
    WithAction,
}

/// A compiled event kind.
#[derive(Clone, Debug)]
pub struct KindSpec {
    /// Kind id, e.g. `sampling_fail`.
    pub id: String,
    /// Its name.
    pub name: Text,
    /// Points per event, or per level.
    pub points: Points,
    /// Level names in the order their index is stored in compact events.
    pub levels: Vec<String>,
    /// Points by level index (empty for `Each`).
    pub level_points: Vec<f64>,
    /// Bound on the kind's total: a floor when negative, a ceiling when positive.
    pub cap: Option<f64>,
    /// Only the first counting event of the kind counts.
    pub once: bool,
    /// Extra points when the event was handled late (`on_time: false`).
    pub late: Option<f64>,
    /// Events must name a product.
    pub needs_product: bool,
}

impl KindSpec {
    /// Points of an event at a level index (`None` for no level).
    pub fn points_for(&self, level: Option<u8>) -> f64 {
        match (&self.points, level) {
            (Points::Each(p), _) => *p,
            (Points::ByLevel(_), Some(l)) => self.level_points[l as usize],
            (Points::ByLevel(_), None) => 0.0,
        }
    }
}

/// A compiled repeat rule.
#[derive(Clone, Debug)]
pub struct RepeatRule {
    /// Kind index.
    pub kind: u16,
    /// Same product or same item.
    pub same: Same,
    /// Failures needed.
    pub at_least: u32,
    /// Extra points, once per product or item reaching the count.
    pub points: f64,
    /// What it means.
    pub name: Text,
}

/// A compiled veto: a member with such an event can be graded no better than `best`.
#[derive(Clone, Debug)]
pub struct Veto {
    /// Kind index.
    pub kind: u16,
    /// Only events with a failed item of this class (`None`: any).
    pub item_class: Option<u8>,
    /// Index of the best grade allowed.
    pub best: usize,
    /// Why (the policy's words).
    pub why: Text,
}

/// A credit grade band.
#[derive(Clone, Debug)]
pub struct CreditGrade {
    /// Lowest score in the band.
    pub min: f64,
    /// Grade id, e.g. `A` or `AAA`.
    pub id: String,
    /// Grade name.
    pub name: Text,
}

/// The compiled credit policy.
#[derive(Clone, Debug)]
pub struct CreditPolicy {
    /// Starting score.
    pub base: f64,
    /// Lowest score.
    pub min: f64,
    /// Highest score.
    pub max: f64,
    /// Days before the period end an event still counts (`None`: forever).
    pub validity_days: Option<u32>,
    /// Inspection item classes (`A`, `B`), by index.
    pub item_classes: Vec<(String, Text)>,
    /// Event kinds by index.
    pub kinds: Vec<KindSpec>,
    /// Kind index by id.
    pub kind_index: BTreeMap<String, u16>,
    /// Repeat rules.
    pub repeats: Vec<RepeatRule>,
    /// Credit repair: the repair kind and the set of kinds it clears.
    pub repair: Option<(u16, u64)>,
    /// Grade bands, best first.
    pub grades: Vec<CreditGrade>,
    /// Vetoes.
    pub vetoes: Vec<Veto>,
    /// Action names by id.
    pub actions: BTreeMap<String, Text>,
    /// Actions each grade brings, by grade index.
    pub grade_actions: Vec<Vec<String>>,
    /// `(grade index, kind index, actions)`: actions for a grade when the member has the kind.
    pub kind_actions: Vec<(usize, u16, Vec<String>)>,
    /// Sector warnings.
    pub sector_warnings: Vec<(String, SectorCondition, Text)>,
    /// Facts counted from members.
    pub facts: BTreeMap<String, MemberCount>,
    /// The file it came from.
    pub origin: Arc<SourceFile>,
}

impl CreditPolicy {
    /// The grade index a score falls in.
    pub fn grade_for(&self, score: f64) -> usize {
        self.grades
            .iter()
            .position(|g| score + 1e-9 >= g.min)
            .unwrap_or(self.grades.len() - 1)
    }

    /// Kind index of an id.
    pub fn kind(&self, id: &str) -> Option<u16> {
        self.kind_index.get(id).copied()
    }

    /// Item class index of a class id.
    pub fn item_class(&self, id: &str) -> Option<u8> {
        self.item_classes
            .iter()
            .position(|(c, _)| c == id)
            .map(|i| i as u8)
    }

    /// Grade index of a grade id.
    pub fn grade_index(&self, id: &str) -> Option<usize> {
        self.grades.iter().position(|g| g.id == id)
    }
}

/// Parses `credit.ron` into its raw form (overlays are applied before compiling).
pub(crate) fn parse(file: &SourceFile) -> Result<RawCredit, Problem> {
    crate::diagnostic::parse_ron(file)
}

/// Compiles and validates a raw credit policy; every problem is reported.
///
/// `files` are the base `credit.ron` and then any overlay: a problem points at the last file
/// that mentions the offending value, so an overlay's mistake names the overlay.
pub(crate) fn compile(
    raw: RawCredit,
    files: &[Arc<SourceFile>],
    catalogue: Option<&Catalogue>,
    problems: &mut Problems,
) -> Option<CreditPolicy> {
    let before = problems.0.len();
    let origin = files[0].clone();
    let at = |value: &str, message: String| {
        let file = files
            .iter()
            .rev()
            .find(|f| f.find_quoted(value, 0).is_some())
            .unwrap_or(&files[0]);
        file.problem_at_value(value, 0, message)
    };
    if raw.min > raw.max || !(raw.min..=raw.max).contains(&raw.base) {
        problems.push(origin.problem_at_key(
            "base",
            format!(
                "the base score {} must lie between `min` {} and `max` {}",
                raw.base, raw.min, raw.max
            ),
        ));
    }
    if raw.events.len() > MAX_KINDS {
        problems.push(Problem::in_file(
            &origin.path,
            format!(
                "at most {MAX_KINDS} event kinds, found {}",
                raw.events.len()
            ),
        ));
    }
    let item_classes: Vec<(String, Text)> = raw
        .item_classes
        .iter()
        .map(|(k, v)| (k.clone(), Text::new(&v.zh, &v.en)))
        .collect();
    let kind_index: BTreeMap<String, u16> = raw
        .events
        .keys()
        .enumerate()
        .map(|(i, k)| (k.clone(), i as u16))
        .collect();
    let kinds: Vec<KindSpec> = raw
        .events
        .iter()
        .map(|(id, k)| {
            let (levels, level_points) = match &k.points {
                Points::Each(_) => (Vec::new(), Vec::new()),
                Points::ByLevel(map) => (
                    map.keys().cloned().collect(),
                    map.values().copied().collect(),
                ),
            };
            if let Some(cap) = k.cap {
                let sign = match &k.points {
                    Points::Each(p) => *p,
                    Points::ByLevel(m) => m.values().copied().sum(),
                };
                if cap * sign < 0.0 {
                    problems.push(at(
                        id,
                        format!("`{id}`: the cap {cap} has the opposite sign of the kind's points"),
                    ));
                }
            }
            KindSpec {
                id: id.clone(),
                name: Text::new(&k.zh, &k.en),
                points: k.points.clone(),
                levels,
                level_points,
                cap: k.cap,
                once: k.once,
                late: k.late,
                needs_product: k.needs_product,
            }
        })
        .collect();
    let kind_of = |id: &str, problems: &mut Problems| -> Option<u16> {
        let found = kind_index.get(id).copied();
        if found.is_none() {
            problems.push(
                at(
                    id,
                    format!("`{id}` is not an event kind of the credit policy"),
                )
                .with_help(suggest(id, kind_index.keys())),
            );
        }
        found
    };
    let mut grades: Vec<CreditGrade> = raw
        .grades
        .iter()
        .map(|g| CreditGrade {
            min: g.min,
            id: g.grade.clone(),
            name: Text::new(&g.zh, &g.en),
        })
        .collect();
    grades.sort_by(|a, b| b.min.total_cmp(&a.min));
    if grades.is_empty() || grades.last().is_some_and(|g| g.min > raw.min) {
        problems.push(origin.problem_at_key("grades", format!(
            "the grade bands must cover every score down to `min` {}: give the lowest band `min: {}`",
            raw.min, raw.min
        )));
    }
    let grade_of = |id: &str, problems: &mut Problems| -> Option<usize> {
        let found = grades.iter().position(|g| g.id == id);
        if found.is_none() {
            let known: Vec<String> = grades.iter().map(|g| g.id.clone()).collect();
            problems.push(
                at(id, format!("`{id}` is not a credit grade"))
                    .with_help(suggest(id, known.iter())),
            );
        }
        found
    };
    let repeats = raw
        .repeats
        .iter()
        .filter_map(|r| {
            let kind = kind_of(&r.kind, problems)?;
            Some(RepeatRule {
                kind,
                same: r.same,
                at_least: r.at_least,
                points: r.points,
                name: Text::new(&r.zh, &r.en),
            })
        })
        .collect();
    let repair = raw.repair.as_ref().and_then(|r| {
        let kind = kind_of(&r.kind, problems);
        let clears = r
            .clears
            .iter()
            .filter_map(|c| kind_of(c, problems))
            .fold(0u64, |m, k| m | 1 << k);
        kind.map(|k| (k, clears))
    });
    let vetoes = raw
        .vetoes
        .iter()
        .filter_map(|v| {
            let kind = kind_of(&v.kind, problems);
            let best = grade_of(&v.best, problems);
            let item_class = match &v.item_class {
                None => None,
                Some(c) => match item_classes.iter().position(|(k, _)| k == c) {
                    Some(i) => Some(Some(i as u8)),
                    None => {
                        problems.push(at(c, format!("`{c}` is not one of the `item_classes`")));
                        None
                    }
                }?,
            };
            Some(Veto {
                kind: kind?,
                item_class,
                best: best?,
                why: Text::new(&v.zh, &v.en),
            })
        })
        .collect();
    let check_actions = |list: &[String], problems: &mut Problems| {
        for a in list.iter().filter(|a| !raw.actions.contains_key(*a)) {
            problems.push(
                at(a, format!("`{a}` is not listed under `actions`"))
                    .with_help(suggest(a, raw.actions.keys())),
            );
        }
    };
    let mut grade_actions = vec![Vec::new(); grades.len()];
    for (grade, list) in &raw.grade_actions {
        check_actions(list, problems);
        if let Some(g) = grade_of(grade, problems) {
            grade_actions[g] = list.clone();
        }
    }
    let kind_actions = raw
        .kind_actions
        .iter()
        .filter_map(|k| {
            check_actions(&k.actions, problems);
            Some((
                grade_of(&k.grade, problems)?,
                kind_of(&k.with, problems)?,
                k.actions.clone(),
            ))
        })
        .collect();
    let sector_warnings = raw
        .sector_warnings
        .iter()
        .map(|w| {
            match &w.when {
                SectorCondition::GradeShare { grades: g, above } => {
                    for id in g {
                        grade_of(id, problems);
                    }
                    share_ok(*above, &w.id, &origin, problems);
                }
                SectorCondition::ItemShare { kind, above } => {
                    kind_of(kind, problems);
                    share_ok(*above, &w.id, &origin, problems);
                }
            }
            (w.id.clone(), w.when.clone(), Text::new(&w.zh, &w.en))
        })
        .collect();
    for (fact, count) in &raw.facts {
        if let MemberCount::WithEvent(kind) = count {
            kind_of(kind, problems);
        }
        if let Some(catalogue) = catalogue {
            match catalogue.facts.get(fact) {
                Some(decl) if decl.from_members => {}
                Some(_) => problems.push(at(fact, format!(
                    "`{fact}` is counted from members here, but the catalogue does not mark it `from_members: true`"
                ))),
                None => problems.push(
                    at(fact, format!("`{fact}` is not a fact the catalogue declares"))
                        .with_help(suggest(fact, catalogue.facts.keys())),
                ),
            }
        }
    }
    (problems.0.len() == before).then(|| CreditPolicy {
        base: raw.base,
        min: raw.min,
        max: raw.max,
        validity_days: raw.validity_days,
        item_classes,
        kinds,
        kind_index,
        repeats,
        repair,
        grades,
        vetoes,
        actions: raw
            .actions
            .iter()
            .map(|(k, v)| (k.clone(), Text::new(&v.zh, &v.en)))
            .collect(),
        grade_actions,
        kind_actions,
        sector_warnings,
        facts: raw.facts,
        origin,
    })
}

fn share_ok(share: f64, id: &str, origin: &SourceFile, problems: &mut Problems) {
    if !(0.0..=1.0).contains(&share) {
        problems.push(origin.problem_at_value(
            id,
            0,
            format!("warning `{id}`: `above` must be a share between 0 and 1, found {share}"),
        ));
    }
}
