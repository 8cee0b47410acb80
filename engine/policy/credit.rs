//! Member credit policy (`credit.ron`, clauses 8.1.2.2 c and 8.1.2.3 b–c): the base score, the
//! points each credit event earns or costs, caps, once-only kinds, repeated failures, how long
//! an event counts, credit repair, grade bands, vetoes (一票否决), the rewards and penalties each
//! grade brings, and member and sector warnings.
//!
//! The file is compiled once into [`CreditPolicy`]: event kinds and levels become small
//! integers, so evaluating a member walks arrays, never strings or maps.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use super::catalogue::{Catalogue, suggest};
use super::de::Spanned;
use super::tree::Span;
use super::{Check, Sources};
use crate::diagnostic::{Problem, Problems};
use crate::message::Msg;
use crate::text::Text;

/// Most event kinds a credit policy may define (kinds are tracked in a 64-bit set).
pub const MAX_KINDS: usize = 64;

/// Most item classes a credit policy may define (a failed event's classes are a 64-bit set).
pub const MAX_ITEM_CLASSES: usize = 64;
/// Most levels an event kind may have (a level index is a byte, one value meaning none).
pub const MAX_LEVELS: usize = 254;

type S<T> = Spanned<T>;

#[derive(Clone, Debug, Deserialize)]
#[serde(rename = "Credit", deny_unknown_fields)]
pub(crate) struct RawCredit {
    base: S<f64>,
    min: S<f64>,
    max: S<f64>,
    #[serde(default)]
    validity_days: Option<S<u32>>,
    item_classes: S<BTreeMap<String, RawName>>,
    /// Names of the levels events are given (`critical`, `national`, …).
    #[serde(default)]
    levels: BTreeMap<String, RawName>,
    events: S<BTreeMap<String, S<RawKind>>>,
    #[serde(default)]
    repeats: Vec<S<RawRepeat>>,
    #[serde(default)]
    repair: Option<RawRepair>,
    grades: S<Vec<S<RawGrade>>>,
    #[serde(default)]
    vetoes: Vec<S<RawVeto>>,
    actions: BTreeMap<String, RawAction>,
    #[serde(default)]
    grade_actions: BTreeMap<String, S<Vec<S<String>>>>,
    #[serde(default)]
    kind_actions: Vec<S<RawKindActions>>,
    #[serde(default)]
    sector_warnings: Vec<S<RawSectorWarning>>,
    #[serde(default)]
    facts: BTreeMap<String, S<MemberCount>>,
    #[serde(default)]
    publication: Option<S<RawPublication>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawName {
    zh: String,
    en: String,
}

/// A reward or restriction a grade may bring.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAction {
    zh: String,
    en: String,
    /// A restriction (制约措施) rather than a reward (激励措施).
    #[serde(default)]
    restriction: bool,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawKind {
    zh: String,
    en: String,
    points: S<Points>,
    #[serde(default)]
    cap: Option<S<f64>>,
    #[serde(default)]
    once: bool,
    #[serde(default)]
    late: Option<S<f64>>,
    #[serde(default)]
    needs_product: bool,
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
    id: S<String>,
    kind: S<String>,
    same: Same,
    at_least: S<u32>,
    points: S<f64>,
    zh: String,
    en: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRepair {
    kind: S<String>,
    clears: Vec<S<String>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawGrade {
    min: S<f64>,
    grade: S<String>,
    zh: String,
    en: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawVeto {
    id: S<String>,
    kind: S<String>,
    #[serde(default)]
    item_class: Option<S<String>>,
    best: S<String>,
    zh: String,
    en: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawKindActions {
    /// The id an overlay changes or removes it by (the merge reads it from the tree).
    #[allow(dead_code)]
    id: S<String>,
    grade: S<String>,
    with: S<String>,
    actions: Vec<S<String>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSectorWarning {
    id: S<String>,
    when: S<SectorCondition>,
    /// Fewest members that must cross the line (a share of a handful says little).
    #[serde(default)]
    min_members: Option<S<u32>>,
    zh: String,
    en: String,
}

/// A sector warning as compiled: raised when its condition holds for at least `min_members`.
#[derive(Clone, Debug)]
pub struct SectorWarningRule {
    /// Id from the policy.
    pub(crate) id: String,
    /// When it is raised.
    pub(crate) when: SectorCondition,
    /// Fewest members crossing the line for it to be raised.
    pub(crate) min_members: usize,
    /// Its name.
    pub(crate) name: Text,
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
    /// Members whose credit archive was updated within the period (`archive_updated` on the
    /// roster): evaluated and recorded, the archive kept current.
    ArchiveUpdatedInPeriod,
    /// Members whose grade (or grade with an event kind) calls for a restriction (制约措施).
    RestrictionsDue,
    /// Of the members a restriction is due for, those with every restriction called for
    /// recorded as applied (`applied` on the roster).
    RestrictionsApplied,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPublication {
    grades: S<Vec<S<String>>>,
    validity: S<Validity>,
    objection_days: S<u32>,
}

/// How long a published listing stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum Validity {
    /// This many months from the publication date.
    Months(u32),
    /// Until the next evaluation is published.
    UntilNext,
}

/// How members' credit and sector warnings are published (8.1.2.2 c, 8.1.2.3 b).
#[derive(Clone, Debug)]
pub struct Publication {
    /// Grade indices the published listing shows, best first.
    pub(crate) grades: Vec<usize>,
    /// How long a listing stands.
    pub(crate) validity: Validity,
    /// Days members have to object, from the publication date.
    pub(crate) objection_days: u32,
}

/// Most days a policy may give members to object (a year).
pub const MAX_OBJECTION_DAYS: u32 = 366;
/// Longest a listing may stand, in months (ten years).
pub const MAX_VALIDITY_MONTHS: u32 = 120;

/// A compiled event kind.
#[derive(Clone, Debug)]
pub struct KindSpec {
    /// Kind id, e.g. `sampling_fail`.
    pub(crate) id: String,
    /// Its name.
    pub(crate) name: Text,
    /// Points per event, or per level.
    pub(crate) points: Points,
    /// Level names in the order their index is stored in compact events.
    pub(crate) levels: Vec<String>,
    /// Points by level index (empty for `Each`).
    pub(crate) level_points: Vec<f64>,
    /// Bound on the kind's total: a floor when negative, a ceiling when positive.
    pub(crate) cap: Option<f64>,
    /// Only the first counting event of the kind counts.
    pub(crate) once: bool,
    /// Extra points when the event was handled late (`on_time: false`).
    pub(crate) late: Option<f64>,
    /// Events must name a product.
    pub(crate) needs_product: bool,
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
    /// Rule id.
    pub(crate) id: String,
    /// Kind index.
    pub(crate) kind: u16,
    /// Same product or same item.
    pub(crate) same: Same,
    /// Failures needed.
    pub(crate) at_least: u32,
    /// Extra points, once per product or item reaching the count.
    pub(crate) points: f64,
    /// What it means.
    pub(crate) name: Text,
}

/// A compiled veto: a member with such an event can be graded no better than `best`.
#[derive(Clone, Debug)]
pub struct Veto {
    /// Kind index.
    pub(crate) kind: u16,
    /// Only events with a failed item of this class (`None`: any).
    pub(crate) item_class: Option<u8>,
    /// Veto id.
    pub(crate) id: String,
    /// Index of the best grade allowed.
    pub(crate) best: usize,
    /// Why (the policy's words).
    pub(crate) why: Text,
}

/// A credit grade band.
#[derive(Clone, Debug)]
pub struct CreditGrade {
    /// Lowest score in the band.
    pub(crate) min: f64,
    /// Grade id, e.g. `A` or `AAA`.
    pub(crate) id: String,
    /// Grade name.
    pub(crate) name: Text,
}

/// The compiled credit policy.
#[derive(Clone, Debug)]
pub struct CreditPolicy {
    /// Starting score.
    pub(crate) base: f64,
    /// Lowest score.
    pub(crate) min: f64,
    /// Highest score.
    pub(crate) max: f64,
    /// Days before the period end an event still counts (`None`: forever).
    pub(crate) validity_days: Option<u32>,
    /// Inspection item classes (`A`, `B`), by index.
    pub(crate) item_classes: Vec<(String, Text)>,
    /// Level names by id.
    pub(crate) level_names: BTreeMap<String, Text>,
    /// Event kinds by index.
    pub(crate) kinds: Vec<KindSpec>,
    /// Kind index by id.
    pub(crate) kind_index: BTreeMap<String, u16>,
    /// Repeat rules.
    pub(crate) repeats: Vec<RepeatRule>,
    /// Credit repair: the repair kind and the set of kinds it clears.
    pub(crate) repair: Option<(u16, u64)>,
    /// Grade bands, best first.
    pub(crate) grades: Vec<CreditGrade>,
    /// Vetoes.
    pub(crate) vetoes: Vec<Veto>,
    /// Action names by id.
    pub(crate) actions: BTreeMap<String, Text>,
    /// The actions that are restrictions (制约措施); the others are rewards.
    pub(crate) restrictions: BTreeSet<String>,
    /// Actions each grade brings, by grade index.
    pub(crate) grade_actions: Vec<Vec<String>>,
    /// `(grade index, kind index, actions)`: actions for a grade when the member has the kind.
    pub(crate) kind_actions: Vec<(usize, u16, Vec<String>)>,
    /// Sector warnings.
    pub(crate) sector_warnings: Vec<SectorWarningRule>,
    /// Facts counted from members.
    pub(crate) facts: BTreeMap<String, MemberCount>,
    /// How results are published (`None`: the policy does not say).
    pub(crate) publication: Option<Publication>,
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

    /// The id of the grade at an index (as the evaluator's results give it).
    pub fn grade_id(&self, index: usize) -> &str {
        &self.grades[index].id
    }

    /// Days before the period end an event still counts (`None`: forever).
    pub fn validity_days(&self) -> Option<u32> {
        self.validity_days
    }

    /// The ids of the repeat rules.
    pub fn repeat_ids(&self) -> impl Iterator<Item = &str> {
        self.repeats.iter().map(|r| r.id.as_str())
    }

    /// The ids of the vetoes.
    pub fn veto_ids(&self) -> impl Iterator<Item = &str> {
        self.vetoes.iter().map(|v| v.id.as_str())
    }

    /// How results are published, when the policy says.
    pub fn publication(&self) -> Option<&Publication> {
        self.publication.as_ref()
    }

    /// Grade index of a grade id.
    pub fn grade_index(&self, id: &str) -> Option<usize> {
        self.grades.iter().position(|g| g.id == id)
    }
}

/// The longest an event may count (fifty years).
pub const MAX_VALIDITY_DAYS: u32 = 18_262;

/// Compiles and checks the merged credit policy; every problem is reported with the span of
/// the value that caused it (in the base or the overlay that wrote it).
pub(crate) fn compile(
    raw: RawCredit,
    sources: &Sources,
    catalogue: Option<&Catalogue>,
    problems: &mut Problems,
    warnings: &mut Vec<Problem>,
) -> Option<CreditPolicy> {
    let before = problems.0.len();
    let mut c = Check { sources, problems };
    for n in [&raw.base, &raw.min, &raw.max] {
        c.finite(n, "score");
    }
    if *raw.min > *raw.max || !(*raw.min..=*raw.max).contains(&*raw.base) {
        let message = Msg::new("rules-credit-base-range")
            .arg("base", *raw.base)
            .arg("min", *raw.min)
            .arg("max", *raw.max);
        c.at(raw.base.span, message, None);
    }
    if let Some(days) = &raw.validity_days
        && (**days == 0 || **days > MAX_VALIDITY_DAYS)
    {
        let message = Msg::new("rules-credit-validity-days")
            .arg("max", MAX_VALIDITY_DAYS)
            .arg("found", **days);
        let help = Msg::new("rules-credit-validity-days-help");
        c.at(days.span, message, Some(help));
    }
    if raw.item_classes.len() > MAX_ITEM_CLASSES {
        let message = Msg::new("rules-credit-too-many-item-classes")
            .arg("max", MAX_ITEM_CLASSES)
            .arg("found", raw.item_classes.len());
        c.at(raw.item_classes.span, message, None);
    }
    if raw.events.len() > MAX_KINDS {
        let message = Msg::new("rules-credit-too-many-kinds")
            .arg("max", MAX_KINDS)
            .arg("found", raw.events.len());
        c.at(raw.events.span, message, None);
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
    let kinds: Vec<KindSpec> = raw.events.iter().map(|(id, k)| c.kind(id, k)).collect();
    let level_names: BTreeMap<String, Text> = raw
        .levels
        .iter()
        .map(|(k, v)| (k.clone(), Text::new(&v.zh, &v.en)))
        .collect();
    for (kind, k) in raw.events.iter().zip(&kinds) {
        for level in k.levels.iter().filter(|l| !level_names.contains_key(*l)) {
            let problem = c
                .sources
                .problem(
                    kind.1.points.span,
                    crate::message::Msg::new("credit-level-unnamed")
                        .arg("level", level)
                        .arg("kind", kind.0),
                )
                .with_help(
                    crate::message::Msg::new("credit-level-unnamed-help").arg("level", level),
                );
            c.problems.push(problem);
        }
    }
    let written: Vec<f64> = raw.grades.iter().map(|g| *g.min).collect();
    if written.windows(2).any(|w| w[0] < w[1]) {
        let p = sources.problem(raw.grades.span, Msg::new("rules-credit-grades-order"));
        warnings.push(p.with_help(Msg::new("rules-grades-order-help")));
    }
    let mut grades: Vec<(CreditGrade, Span)> = raw
        .grades
        .iter()
        .map(|g| {
            c.finite(&g.min, "min");
            let grade = CreditGrade {
                min: *g.min,
                id: g.grade.value.clone(),
                name: Text::new(&g.zh, &g.en),
            };
            (grade, g.min.span)
        })
        .collect();
    grades.sort_by(|a, b| b.0.min.total_cmp(&a.0.min));
    if grades.last().is_none_or(|g| g.0.min > *raw.min) {
        let message = Msg::new("rules-credit-grades-cover").arg("min", *raw.min);
        let at = grades.last().map_or(raw.grades.span, |g| g.1);
        c.at(at, message, None);
    }
    for pair in grades.windows(2) {
        if pair[0].0.min == pair[1].0.min {
            let message = Msg::new("rules-credit-grades-same-min")
                .arg("first", &pair[0].0.id)
                .arg("first_name", &pair[0].0.name)
                .arg("second", &pair[1].0.id)
                .arg("second_name", &pair[1].0.name);
            c.at(pair[1].1, message, None);
        }
    }
    for (g, at) in &grades {
        if g.min > *raw.max {
            let message = Msg::new("rules-credit-grade-unreachable")
                .arg("grade", &g.id)
                .arg("name", &g.name)
                .arg("min", g.min)
                .arg("max", *raw.max);
            warnings.push(sources.problem(*at, message));
        }
    }
    let grades: Vec<CreditGrade> = grades.into_iter().map(|g| g.0).collect();
    let grade_ids: Vec<String> = grades.iter().map(|g| g.id.clone()).collect();
    let kind_ids: Vec<String> = kind_index.keys().cloned().collect();
    let kind_of = |c: &mut Check, id: &S<String>| -> Option<u16> {
        let found = kind_index.get(id.as_str()).copied();
        if found.is_none() {
            let message = Msg::new("rules-credit-unknown-kind").arg("kind", &id.value);
            c.at(id.span, message, Some(suggest(id, kind_ids.iter())));
        }
        found
    };
    let grade_of = |c: &mut Check, id: &S<String>| -> Option<usize> {
        let found = grades.iter().position(|g| g.id == id.value);
        if found.is_none() {
            let message = Msg::new("rules-credit-unknown-grade").arg("grade", &id.value);
            c.at(id.span, message, Some(suggest(id, grade_ids.iter())));
        }
        found
    };
    let repeats = raw
        .repeats
        .iter()
        .filter_map(|r| {
            c.finite(&r.points, "points");
            if *r.at_least < 2 {
                let message = Msg::new("rules-credit-repeat-at-least")
                    .arg("id", &r.id.value)
                    .arg("name", Text::new(&r.zh, &r.en))
                    .arg("found", *r.at_least);
                c.at(r.at_least.span, message, None);
            }
            Some(RepeatRule {
                id: r.id.value.clone(),
                kind: kind_of(&mut c, &r.kind)?,
                same: r.same,
                at_least: *r.at_least,
                points: *r.points,
                name: Text::new(&r.zh, &r.en),
            })
        })
        .collect();
    let repair = raw.repair.as_ref().and_then(|r| {
        let kind = kind_of(&mut c, &r.kind);
        let clears = r
            .clears
            .iter()
            .filter_map(|k| kind_of(&mut c, k))
            .fold(0u64, |m, k| m | 1u64 << k);
        kind.map(|k| (k, clears))
    });
    let vetoes = raw
        .vetoes
        .iter()
        .filter_map(|v| {
            let kind = kind_of(&mut c, &v.kind);
            let best = grade_of(&mut c, &v.best);
            let item_class = match &v.item_class {
                None => None,
                Some(class) => match item_classes.iter().position(|(k, _)| *k == class.value) {
                    Some(i) => Some(i as u8),
                    None => {
                        let known: Vec<String> =
                            item_classes.iter().map(|(k, _)| k.clone()).collect();
                        let message =
                            Msg::new("rules-credit-unknown-item-class").arg("class", &class.value);
                        let help = suggest(class, known.iter());
                        c.at(class.span, message, Some(help));
                        return None;
                    }
                },
            };
            Some(Veto {
                kind: kind?,
                item_class,
                id: v.id.value.clone(),
                best: best?,
                why: Text::new(&v.zh, &v.en),
            })
        })
        .collect();
    let check_actions = |c: &mut Check, list: &[S<String>]| {
        for a in list
            .iter()
            .filter(|a| !raw.actions.contains_key(a.as_str()))
        {
            let message = Msg::new("rules-credit-unknown-action").arg("action", &a.value);
            c.at(a.span, message, Some(suggest(a, raw.actions.keys())));
        }
    };
    let mut grade_actions = vec![Vec::new(); grades.len()];
    for (grade, list) in &raw.grade_actions {
        check_actions(&mut c, list);
        let id = S {
            value: grade.clone(),
            span: list.span,
            origin: list.origin,
        };
        if let Some(g) = grade_of(&mut c, &id) {
            grade_actions[g] = list.iter().map(|a| a.value.clone()).collect();
        }
    }
    let kind_actions = raw
        .kind_actions
        .iter()
        .filter_map(|k| {
            check_actions(&mut c, &k.actions);
            let actions = k.actions.iter().map(|a| a.value.clone()).collect();
            Some((
                grade_of(&mut c, &k.grade)?,
                kind_of(&mut c, &k.with)?,
                actions,
            ))
        })
        .collect();
    let sector_warnings = raw
        .sector_warnings
        .iter()
        .map(|w| {
            let above = match &w.when.value {
                SectorCondition::GradeShare { grades: g, above } => {
                    for id in g {
                        let id = S {
                            value: id.clone(),
                            span: w.when.span,
                            origin: w.when.origin,
                        };
                        grade_of(&mut c, &id);
                    }
                    *above
                }
                SectorCondition::ItemShare { kind, above } => {
                    let id = S {
                        value: kind.clone(),
                        span: w.when.span,
                        origin: w.when.origin,
                    };
                    kind_of(&mut c, &id);
                    *above
                }
            };
            if !above.is_finite() || !(0.0..=1.0).contains(&above) {
                let message = Msg::new("rules-credit-warning-share")
                    .arg("id", &w.id.value)
                    .arg("name", Text::new(&w.zh, &w.en))
                    .arg("found", above);
                c.at(w.when.span, message, None);
            }
            let min_members = w.min_members.as_ref().map_or(1, |m| m.value);
            if let Some(m) = w.min_members.as_ref().filter(|m| m.value == 0) {
                let message = Msg::new("credit-warning-min-members")
                    .arg("id", &w.id.value)
                    .arg("name", Text::new(&w.zh, &w.en));
                c.at(m.span, message, None);
            }
            SectorWarningRule {
                id: w.id.value.clone(),
                when: w.when.value.clone(),
                min_members: min_members as usize,
                name: Text::new(&w.zh, &w.en),
            }
        })
        .collect();
    for (fact, count) in &raw.facts {
        if let MemberCount::WithEvent(kind) = &count.value {
            let id = S {
                value: kind.clone(),
                span: count.span,
                origin: count.origin,
            };
            kind_of(&mut c, &id);
        }
        let Some(catalogue) = catalogue else { continue };
        match catalogue.facts.get(fact) {
            Some(decl) if decl.from_members => {}
            Some(decl) => {
                let message = Msg::new("rules-credit-fact-not-from-members")
                    .arg("fact", fact)
                    .arg("name", &decl.name);
                c.at(count.span, message, None);
            }
            None => c.at(
                count.span,
                Msg::new("rules-credit-unknown-fact").arg("fact", fact),
                Some(suggest(fact, catalogue.facts.keys())),
            ),
        }
    }
    let publication = raw
        .publication
        .as_ref()
        .map(|p| publication(&mut c, p, grade_of));
    let ok = c.problems.0.len() == before;
    ok.then(|| CreditPolicy {
        base: *raw.base,
        min: *raw.min,
        max: *raw.max,
        validity_days: raw.validity_days.map(|d| d.value),
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
        restrictions: raw
            .actions
            .iter()
            .filter(|(_, v)| v.restriction)
            .map(|(k, _)| k.clone())
            .collect(),
        level_names,
        grade_actions,
        kind_actions,
        sector_warnings,
        facts: raw.facts.into_iter().map(|(k, v)| (k, v.value)).collect(),
        publication,
    })
}

/// Checks the publication section: known grades, a validity and an objection period in range.
fn publication(
    c: &mut Check,
    p: &RawPublication,
    grade_of: impl Fn(&mut Check<'_>, &S<String>) -> Option<usize>,
) -> Publication {
    let mut grades: Vec<usize> = p.grades.iter().filter_map(|g| grade_of(c, g)).collect();
    grades.sort_unstable();
    grades.dedup();
    if let Validity::Months(months) = *p.validity
        && !(1..=MAX_VALIDITY_MONTHS).contains(&months)
    {
        let message = Msg::new("rules-credit-publication-months")
            .arg("max", MAX_VALIDITY_MONTHS)
            .arg("found", months);
        c.at(p.validity.span, message, None);
    }
    if !(1..=MAX_OBJECTION_DAYS).contains(&*p.objection_days) {
        let message = Msg::new("rules-credit-publication-days")
            .arg("max", MAX_OBJECTION_DAYS)
            .arg("found", *p.objection_days);
        c.at(p.objection_days.span, message, None);
    }
    Publication {
        grades,
        validity: *p.validity,
        objection_days: *p.objection_days,
    }
}

impl Check<'_> {
    fn kind(&mut self, id: &str, k: &S<RawKind>) -> KindSpec {
        let name = Text::new(&k.zh, &k.en);
        let (levels, level_points) = match &k.points.value {
            Points::Each(p) => {
                self.number(*p, k.points.span, id, &name);
                (Vec::new(), Vec::new())
            }
            Points::ByLevel(map) => {
                for v in map.values() {
                    self.number(*v, k.points.span, id, &name);
                }
                if map.len() > MAX_LEVELS {
                    let message = Msg::new("rules-credit-too-many-levels")
                        .arg("kind", id)
                        .arg("name", &name)
                        .arg("n", map.len())
                        .arg("max", MAX_LEVELS);
                    self.at(k.points.span, message, None);
                }
                (
                    map.keys().cloned().collect(),
                    map.values().copied().collect(),
                )
            }
        };
        for extra in [&k.cap, &k.late].into_iter().flatten() {
            self.finite(extra, "points");
        }
        if let Some(cap) = &k.cap {
            let sign = match &k.points.value {
                Points::Each(p) => *p,
                Points::ByLevel(m) => m.values().copied().sum(),
            };
            if **cap * sign < 0.0 {
                let message = Msg::new("rules-credit-cap-sign")
                    .arg("kind", id)
                    .arg("name", &name)
                    .arg("cap", **cap);
                self.at(cap.span, message, None);
            }
        }
        KindSpec {
            id: id.to_string(),
            name,
            points: k.points.value.clone(),
            levels,
            level_points,
            cap: k.cap.as_ref().map(|c| c.value),
            once: k.once,
            late: k.late.as_ref().map(|l| l.value),
            needs_product: k.needs_product,
        }
    }

    fn number(&mut self, v: f64, span: Span, id: &str, name: &Text) {
        if !v.is_finite() {
            let message = Msg::new("rules-credit-points-finite")
                .arg("kind", id)
                .arg("name", name)
                .arg("found", v);
            self.at(span, message, None);
        }
    }
}
