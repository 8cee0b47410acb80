//! The rubric (`rubric.ron`): Appendix A's indicator tree with points, criteria and grade bands.
//!
//! The file is read into raw serde structs that mirror it, converted into a flat tree of
//! [`Node`]s that remember the file each came from (so a sector overlay that breaks something is
//! named), and validated as a whole: ids unique, children adding up to their parent, criteria
//! adding up to their indicator, every evidence kind and fact declared in the catalogue.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::Deserialize;

use super::catalogue::{Catalogue, FactKind, suggest};
use super::de::Spanned;
use super::tree::{FileId, Span};
use super::{Sources, finite};
use crate::diagnostic::{Problem, Problems, SourceFile};
use crate::message::Msg;
use crate::text::Text;
use crate::value::FactValue;

#[derive(Debug, Deserialize)]
#[serde(rename = "Rubric", deny_unknown_fields)]
pub(crate) struct RawRubric {
    total: Spanned<f64>,
    grades: Vec<Spanned<RawGrade>>,
    levels: Vec<Spanned<RawNode>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawGrade {
    id: String,
    min: Spanned<f64>,
    zh: String,
    en: String,
}

#[derive(Debug, Deserialize)]
pub(crate) enum RawNode {
    Level {
        id: Spanned<String>,
        zh: String,
        en: String,
        points: Spanned<f64>,
        children: Vec<Spanned<RawNode>>,
    },
    Indicator {
        id: Spanned<String>,
        zh: String,
        en: String,
        points: Spanned<f64>,
        outcome: String,
        criteria: Vec<Spanned<RawCriterion>>,
    },
}

/// A criterion as written in RON; the loader gives it the id `<indicator>.<position>` when it
/// has none.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) enum RawCriterion {
    Evidence {
        id: Spanned<String>,
        kind: Spanned<String>,
        #[serde(default)]
        at_least: Option<Spanned<u32>>,
        points: Spanned<f64>,
    },
    Fact {
        id: Spanned<String>,
        key: Spanned<String>,
        points: Spanned<f64>,
    },
    AtLeast {
        id: Spanned<String>,
        fact: Spanned<String>,
        value: Spanned<f64>,
        points: Spanned<f64>,
    },
    Steps {
        id: Spanned<String>,
        fact: Spanned<String>,
        steps: Spanned<Vec<Spanned<RawStep>>>,
    },
    Script {
        id: Spanned<String>,
        file: Spanned<String>,
        points: Spanned<f64>,
        #[serde(default)]
        facts: Vec<Spanned<String>>,
        #[serde(default)]
        evidence: Vec<Spanned<String>>,
        #[serde(default)]
        params: BTreeMap<String, Spanned<f64>>,
        #[serde(default)]
        examples: Vec<Spanned<Example>>,
    },
}

/// A worked example of a scorer, run by `cogov check`: these facts (and the previous
/// period's, and this many evidence records of a kind) give these points.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// Facts reported this period.
    #[serde(default)]
    pub(crate) facts: BTreeMap<String, FactValue>,
    /// Facts of the previous period.
    #[serde(default)]
    pub(crate) previous: BTreeMap<String, FactValue>,
    /// Evidence records filed, by kind.
    #[serde(default)]
    pub(crate) evidence: BTreeMap<String, u32>,
    /// The points the criterion must give.
    pub(crate) points: f64,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawStep {
    at_least: Spanned<f64>,
    points: Spanned<f64>,
}

/// A grade band: totals at or above `min` get this grade.
#[derive(Clone, Debug)]
pub struct GradeBand {
    /// Grade id, e.g. `excellent`.
    pub(crate) id: String,
    /// Lowest total in the band.
    pub(crate) min: f64,
    /// Grade name.
    pub(crate) name: Text,
    /// Where `min` is written.
    pub(crate) min_at: Span,
}

/// How a criterion earns its points.
#[derive(Clone, Debug)]
pub enum Rule {
    /// At least `at_least` evidence records of `kind` filed under the indicator.
    Evidence {
        /// Evidence kind id.
        kind: String,
        /// Records needed.
        at_least: u32,
    },
    /// A yes/no fact is yes.
    Fact {
        /// Fact key.
        key: String,
    },
    /// A numeric fact reaches `value`.
    AtLeast {
        /// Fact key.
        fact: String,
        /// Threshold.
        value: f64,
    },
    /// A numeric fact earns the points of the highest step it reaches.
    Steps {
        /// Fact key.
        fact: String,
        /// `(at_least, points)`, ascending.
        steps: Vec<(f64, f64)>,
    },
    /// A Rhai scorer decides, reading only the declared facts and evidence kinds.
    Script {
        /// Script path relative to the policy folder.
        file: String,
        /// Facts the script may read.
        facts: Vec<String>,
        /// Evidence kinds the script may read.
        evidence: Vec<String>,
        /// Named numbers the script reads with `ctx.param(name)`, so editors tune them here.
        params: BTreeMap<String, f64>,
        /// Where the script's path is written.
        file_at: Span,
        /// Worked examples that `check` runs, with where each is written.
        examples: Vec<(Example, Span)>,
    },
}

/// One way an indicator earns points.
#[derive(Clone, Debug)]
pub struct Criterion {
    /// Stable id, e.g. `C1.1`.
    pub(crate) id: String,
    /// Most points it can earn.
    pub(crate) points: f64,
    /// How it earns them.
    pub(crate) rule: Rule,
    /// The policy file that last set it.
    pub(crate) origin: Arc<SourceFile>,
    /// Where it is written.
    pub(crate) span: Span,
    /// Where its `points` are written.
    pub(crate) points_at: Span,
}

/// Whether a node is a branch (A/B level) or a scored leaf (C indicator).
#[derive(Clone, Debug)]
pub enum NodeKind {
    /// A branch whose score is the sum of its children.
    Level,
    /// A leaf scored by its criteria.
    Indicator {
        /// The expected work outcome (工作成果) from the standard.
        outcome: String,
        /// What earns its points.
        criteria: Vec<Criterion>,
    },
}

/// A node of the indicator tree.
#[derive(Clone, Debug)]
pub struct Node {
    /// Id such as `A1`, `B4`, `C17`.
    pub(crate) id: String,
    /// Name from the standard.
    pub(crate) name: Text,
    /// Points it carries.
    pub(crate) points: f64,
    /// Parent node, `None` for a top level.
    pub(crate) parent: Option<usize>,
    /// Children in order.
    pub(crate) children: Vec<usize>,
    /// Branch or leaf.
    pub(crate) kind: NodeKind,
    /// The policy file that last set it.
    pub(crate) origin: Arc<SourceFile>,
    /// Where its `points` are written.
    pub(crate) points_at: Span,
    /// Where its id is written.
    pub(crate) id_at: Span,
}

/// The whole indicator tree, its total and grade bands.
#[derive(Clone, Debug)]
pub struct Rubric {
    /// Sum of the top levels.
    pub(crate) total: f64,
    /// Grade bands, highest first.
    pub(crate) grades: Vec<GradeBand>,
    /// Nodes in reading order (pre-order).
    pub(crate) nodes: Vec<Node>,
    /// The file that last set the total and grades.
    pub(crate) origin: Arc<SourceFile>,
}

const EPSILON: f64 = 1e-9;

impl Rubric {
    /// Index of the node with this id.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.id == id)
    }

    /// Indices of the leaves (indicators) in reading order.
    pub fn indicators(&self) -> impl Iterator<Item = usize> + '_ {
        self.nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| matches!(n.kind, NodeKind::Indicator { .. }))
            .map(|(i, _)| i)
    }

    /// Indices of the top levels.
    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        self.nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.parent.is_none())
            .map(|(i, _)| i)
    }

    /// The criteria of an indicator (empty for a level).
    pub fn criteria(&self, node: usize) -> &[Criterion] {
        match &self.nodes[node].kind {
            NodeKind::Indicator { criteria, .. } => criteria,
            NodeKind::Level => &[],
        }
    }

    /// The work outcome (工作成果) the standard expects of an indicator.
    pub fn outcome_of(&self, id: &str) -> Option<&str> {
        match &self.nodes[self.find(id)?].kind {
            NodeKind::Indicator { outcome, .. } => Some(outcome),
            NodeKind::Level => None,
        }
    }

    /// The criteria of a node (empty for a level).
    pub fn criteria_of<'a>(&self, node: &'a Node) -> &'a [Criterion] {
        match &node.kind {
            NodeKind::Indicator { criteria, .. } => criteria,
            NodeKind::Level => &[],
        }
    }

    /// The grade band a total falls in.
    pub fn grade_for(&self, total: f64) -> &GradeBand {
        self.grades
            .iter()
            .find(|g| total + EPSILON >= g.min)
            .unwrap_or_else(|| {
                self.grades
                    .last()
                    .expect("checked: grade bands are not empty")
            })
    }
}

/// Checks the merged rubric against itself and the catalogue and builds the indicator tree;
/// every problem is reported with the span of the value that caused it. The rubric is built
/// even with problems, so its scripts are still checked; the loader refuses the set as a whole.
/// Without a catalogue
/// (it failed to load), names of kinds and facts are not checked.
pub(crate) fn compile(
    raw: Spanned<RawRubric>,
    sources: &Sources,
    catalogue: Option<&Catalogue>,
    problems: &mut Problems,
    warnings: &mut Vec<Problem>,
) -> Rubric {
    let mut c = Compiler {
        sources,
        catalogue,
        problems,
        warnings,
        nodes: Vec::new(),
        base: raw.span.file,
    };
    let RawRubric {
        total,
        grades,
        levels,
    } = raw.value;
    c.number(&total, "total", Range::NonNegative);
    for level in levels {
        c.node(level, None);
    }
    let written_order: Vec<f64> = grades.iter().map(|g| *g.value.min).collect();
    if written_order.windows(2).any(|w| w[0] < w[1])
        && let Some(first) = grades.first()
    {
        let p = c
            .sources
            .problem(first.span, Msg::new("rules-grades-order"));
        c.warnings
            .push(p.with_help(Msg::new("rules-grades-order-help")));
    }
    let mut grades: Vec<GradeBand> = grades
        .into_iter()
        .map(|g| {
            c.number(&g.min, "min", Range::NonNegative);
            GradeBand {
                id: g.value.id,
                min: *g.value.min,
                name: Text::new(g.value.zh, g.value.en),
                min_at: g.value.min.span,
            }
        })
        .collect();
    grades.sort_by(|a, b| b.min.total_cmp(&a.min));
    let rubric = Rubric {
        total: *total,
        grades,
        nodes: std::mem::take(&mut c.nodes),
        origin: sources.file(raw.origin).clone(),
    };
    c.tree(&rubric, total.span, raw.span);
    rubric
}

/// What a number may be, besides finite.
#[derive(Clone, Copy)]
pub(crate) enum Range {
    Any,
    NonNegative,
}

struct Compiler<'a> {
    sources: &'a Sources,
    catalogue: Option<&'a Catalogue>,
    problems: &'a mut Problems,
    warnings: &'a mut Vec<Problem>,
    nodes: Vec<Node>,
    /// The base rubric file.
    base: FileId,
}

impl Compiler<'_> {
    fn number(&mut self, n: &Spanned<f64>, what: &str, range: Range) {
        if let Some(p) = finite(self.sources, n, what) {
            self.problems.push(p);
            return;
        }
        let ok = match range {
            Range::Any => true,
            Range::NonNegative => **n >= 0.0,
        };
        if !ok {
            let message = Msg::new("rules-non-negative")
                .arg("field", what)
                .arg("found", **n);
            self.problems.push(self.sources.problem(n.span, message));
        }
    }

    fn node(&mut self, raw: Spanned<RawNode>, parent: Option<usize>) {
        let index = self.nodes.len();
        let origin = self.sources.file(raw.origin).clone();
        let (id, zh, en, points, kind, children) = match raw.value {
            RawNode::Level {
                id,
                zh,
                en,
                points,
                children,
            } => (id, zh, en, points, NodeKind::Level, children),
            RawNode::Indicator {
                id,
                zh,
                en,
                points,
                outcome,
                criteria,
            } => {
                let criteria = criteria.into_iter().map(|c| self.criterion(c)).collect();
                let kind = NodeKind::Indicator { outcome, criteria };
                (id, zh, en, points, kind, Vec::new())
            }
        };
        self.number(&points, "points", Range::NonNegative);
        self.nodes.push(Node {
            id: id.value,
            name: Text::new(zh, en),
            points: *points,
            parent,
            children: Vec::new(),
            kind,
            origin,
            points_at: points.span,
            id_at: id.span,
        });
        if let Some(p) = parent {
            self.nodes[p].children.push(index);
        }
        for child in children {
            self.node(child, Some(index));
        }
    }

    fn criterion(&mut self, raw: Spanned<RawCriterion>) -> Criterion {
        let origin = self.sources.file(raw.origin).clone();
        let span = raw.span;
        let (id, points, points_at, rule) = match raw.value {
            RawCriterion::Evidence {
                id,
                kind,
                at_least,
                points,
            } => {
                self.evidence(&id, &kind);
                let at_least = match at_least {
                    Some(n) if *n == 0 => {
                        let p = self
                            .sources
                            .problem(n.span, Msg::new("rules-evidence-at-least"));
                        self.problems.push(p);
                        0
                    }
                    Some(n) => *n,
                    None => 1,
                };
                let rule = Rule::Evidence {
                    kind: kind.value,
                    at_least,
                };
                (id, *points, points.span, rule)
            }
            RawCriterion::Fact { id, key, points } => {
                self.fact(&id, &key, &[FactKind::YesNo]);
                (id, *points, points.span, Rule::Fact { key: key.value })
            }
            RawCriterion::AtLeast {
                id,
                fact,
                value,
                points,
            } => {
                self.fact(&id, &fact, NUMERIC);
                self.number(&value, "value", Range::Any);
                self.never_met(&id, &fact, *value, value.span);
                if *value <= 0.0 {
                    let message = Msg::new("rules-criterion-always-met")
                        .arg("criterion", &id.value)
                        .arg("value", *value);
                    let p = self.sources.problem(value.span, message);
                    self.warnings
                        .push(p.with_help(Msg::new("rules-criterion-always-met-help")));
                }
                let rule = Rule::AtLeast {
                    fact: fact.value,
                    value: *value,
                };
                (id, *points, points.span, rule)
            }
            RawCriterion::Steps { id, fact, steps } => {
                self.fact(&id, &fact, NUMERIC);
                for s in steps.iter() {
                    self.number(&s.at_least, "at_least", Range::NonNegative);
                    self.number(&s.points, "points", Range::NonNegative);
                }
                let pairs: Vec<(f64, f64)> =
                    steps.iter().map(|s| (*s.at_least, *s.points)).collect();
                let ascending = pairs
                    .windows(2)
                    .all(|w| w[0].0 < w[1].0 && w[0].1 <= w[1].1);
                if pairs.is_empty() || !ascending {
                    let p = self.sources.problem(
                        steps.span,
                        Msg::new("rules-criterion-steps-rise").arg("criterion", &id.value),
                    );
                    self.problems.push(p);
                }
                if let Some(first) = steps.first() {
                    self.never_met(&id, &fact, *first.at_least, first.at_least.span);
                }
                let top = pairs.iter().map(|s| s.1).fold(0.0, f64::max);
                (
                    id,
                    top,
                    steps.span,
                    Rule::Steps {
                        fact: fact.value,
                        steps: pairs,
                    },
                )
            }
            RawCriterion::Script {
                id,
                file,
                points,
                facts,
                evidence,
                params,
                examples,
            } => {
                let any = [
                    FactKind::YesNo,
                    FactKind::Count,
                    FactKind::Rate,
                    FactKind::Amount,
                ];
                for e in &examples {
                    let unlisted = e
                        .facts
                        .keys()
                        .chain(e.previous.keys())
                        .find(|k| !facts.iter().any(|f| f.value == **k))
                        .or_else(|| {
                            e.evidence
                                .keys()
                                .find(|k| !evidence.iter().any(|v| v.value == **k))
                        });
                    if let Some(name) = unlisted {
                        let message = Msg::new("rules-example-unlisted")
                            .arg("criterion", &id.value)
                            .arg("name", name);
                        self.problems.push(self.sources.problem(e.span, message));
                    }
                }
                for f in &facts {
                    self.fact(&id, f, &any);
                }
                for e in &evidence {
                    self.evidence(&id, e);
                }
                for (name, v) in &params {
                    if let Some(p) = finite(self.sources, v, name) {
                        self.problems.push(p);
                    }
                }
                let rule = Rule::Script {
                    file: self.sources.resolve(file.span.file, &file),
                    facts: facts.into_iter().map(|f| f.value).collect(),
                    evidence: evidence.into_iter().map(|e| e.value).collect(),
                    params: params.into_iter().map(|(k, v)| (k, v.value)).collect(),
                    file_at: file.span,
                    examples: examples.into_iter().map(|e| (e.value, e.span)).collect(),
                };
                (id, *points, points.span, rule)
            }
        };
        let written = Spanned {
            value: points,
            span: points_at,
            origin: span.file,
        };
        self.number(&written, "points", Range::NonNegative);
        Criterion {
            id: id.value,
            points,
            rule,
            origin,
            span,
            points_at,
        }
    }

    /// Lints a threshold on a rate above 1 (100 %): no reported rate reaches it.
    fn never_met(&mut self, criterion: &str, fact: &Spanned<String>, threshold: f64, at: Span) {
        let rate = self
            .catalogue
            .and_then(|c| c.facts.get(fact.as_str()))
            .is_some_and(|d| d.kind == FactKind::Rate);
        if rate && threshold > 1.0 {
            let name = self
                .catalogue
                .map(|c| c.name_of(fact.as_str()))
                .unwrap_or_default();
            let message = Msg::new("rules-criterion-never-met")
                .arg("criterion", criterion)
                .arg("fact", &fact.value)
                .arg("name", name)
                .arg("threshold", threshold);
            let p = self.sources.problem(at, message);
            self.warnings
                .push(p.with_help(Msg::new("rules-rate-as-share")));
        }
    }

    fn evidence(&mut self, criterion: &str, kind: &Spanned<String>) {
        let Some(catalogue) = self.catalogue else {
            return;
        };
        if !catalogue.evidence.contains_key(kind.as_str()) {
            let message = Msg::new("rules-criterion-unknown-evidence")
                .arg("criterion", criterion)
                .arg("kind", &kind.value);
            let p = self.sources.problem(kind.span, message);
            self.problems
                .push(p.with_help(suggest(kind, catalogue.evidence.keys())));
        }
    }

    fn fact(&mut self, criterion: &str, key: &Spanned<String>, want: &[FactKind]) {
        let Some(catalogue) = self.catalogue else {
            return;
        };
        let p = match catalogue.facts.get(key.as_str()) {
            None => self
                .sources
                .problem(
                    key.span,
                    Msg::new("rules-criterion-unknown-fact")
                        .arg("criterion", criterion)
                        .arg("fact", &key.value),
                )
                .with_help(suggest(key, catalogue.facts.keys())),
            Some(decl) if !want.contains(&decl.kind) => self.sources.problem(
                key.span,
                Msg::new("rules-criterion-fact-kind")
                    .arg("criterion", criterion)
                    .arg("want", kinds(want))
                    .arg("fact", &key.value)
                    .arg("name", &decl.name)
                    .arg("kind", kind_id(decl.kind)),
            ),
            Some(_) => return,
        };
        self.problems.push(p);
    }

    /// Where a sum that does not add up is reported: at the parent's points, unless only a
    /// part's points were set by an overlay, which then caused it.
    fn blame(&self, parent: Span, parts: impl Iterator<Item = Span>) -> Span {
        if parent.file != self.base {
            return parent;
        }
        parts
            .into_iter()
            .find(|p| p.file != self.base)
            .unwrap_or(parent)
    }

    /// Checks that need the whole tree: ids unique, points adding up, grade bands.
    fn tree(&mut self, rubric: &Rubric, total_at: Span, rubric_at: Span) {
        let mut seen: BTreeMap<&str, Span> = BTreeMap::new();
        for node in &rubric.nodes {
            if let Some(first) = seen.insert(node.id.as_str(), node.id_at) {
                let message = Msg::new("rules-id-twice")
                    .arg("id", &node.id)
                    .arg("name", &node.name);
                let p = self.sources.problem(node.id_at, message);
                let (line, _) = self.sources.line_col(first);
                self.problems.push(
                    p.with_help(
                        Msg::new("rules-id-twice-help")
                            .arg("id", &node.id)
                            .arg("line", line),
                    ),
                );
            }
            match &node.kind {
                NodeKind::Level => self.level(rubric, node),
                NodeKind::Indicator { criteria, .. } => self.indicator(node, criteria),
            }
        }
        let top: f64 = rubric.roots().map(|i| rubric.nodes[i].points).sum();
        if (top - rubric.total).abs() > EPSILON && rubric.total.is_finite() {
            let list: Vec<String> = rubric
                .roots()
                .map(|i| format!("{} {}", rubric.nodes[i].id, rubric.nodes[i].points))
                .collect();
            let message = Msg::new("rules-top-levels-sum")
                .arg("top", top)
                .arg("total", rubric.total);
            let p = self.sources.problem(total_at, message);
            self.problems
                .push(p.with_help(Msg::new("rules-top-levels-list").arg("list", list)));
        }
        self.grades(rubric, rubric_at);
    }

    fn grades(&mut self, rubric: &Rubric, rubric_at: Span) {
        let Some(lowest) = rubric.grades.last() else {
            let p = self
                .sources
                .problem(rubric_at, Msg::new("rules-grades-empty"));
            self.problems.push(p);
            return;
        };
        if lowest.min > 0.0 {
            let p = self.sources.problem(
                lowest.min_at,
                Msg::new("rules-grades-below").arg("min", lowest.min),
            );
            self.problems
                .push(p.with_help(Msg::new("rules-grades-below-help")));
        }
        for pair in rubric.grades.windows(2) {
            if (pair[0].min - pair[1].min).abs() < EPSILON {
                let msg = Msg::new("rules-grades-same-min")
                    .arg("first", &pair[0].name.zh)
                    .arg("second", &pair[1].name.zh);
                self.problems
                    .push(self.sources.problem(pair[1].min_at, msg));
            }
        }
        let mut ids = BTreeSet::new();
        for grade in &rubric.grades {
            if !ids.insert(grade.id.as_str()) {
                let msg = Msg::new("rules-grade-id-twice").arg("id", &grade.id);
                self.problems.push(self.sources.problem(grade.min_at, msg));
            }
            if grade.min > rubric.total {
                let msg = Msg::new("rules-grade-unreachable")
                    .arg("grade", &grade.name.zh)
                    .arg("min", grade.min)
                    .arg("total", rubric.total);
                self.problems.push(self.sources.problem(grade.min_at, msg));
            }
        }
    }

    fn level(&mut self, rubric: &Rubric, node: &Node) {
        if node.children.is_empty() {
            let message = Msg::new("rules-level-no-children")
                .arg("id", &node.id)
                .arg("name", &node.name);
            let p = self.sources.problem(node.id_at, message);
            self.problems
                .push(p.with_help(Msg::new("rules-level-no-children-help")));
            return;
        }
        let sum: f64 = node.children.iter().map(|&c| rubric.nodes[c].points).sum();
        if (sum - node.points).abs() > EPSILON && sum.is_finite() && node.points.is_finite() {
            let parts: Vec<String> = node
                .children
                .iter()
                .map(|&c| format!("{} {}", rubric.nodes[c].id, rubric.nodes[c].points))
                .collect();
            let message = Msg::new("rules-children-sum")
                .arg("id", &node.id)
                .arg("name", &node.name)
                .arg("sum", sum)
                .arg("points", node.points);
            let children = node.children.iter().map(|&c| rubric.nodes[c].points_at);
            let at = self.blame(node.points_at, children);
            let p = self.sources.problem(at, message);
            let help = Msg::new("rules-children-list").arg("list", parts.join(" + "));
            self.problems.push(p.with_help(help));
        }
    }

    fn indicator(&mut self, node: &Node, criteria: &[Criterion]) {
        if criteria.is_empty() {
            let message = Msg::new("rules-indicator-no-criteria")
                .arg("id", &node.id)
                .arg("name", &node.name);
            let p = self.sources.problem(node.id_at, message);
            self.problems
                .push(p.with_help(Msg::new("rules-indicator-no-criteria-help")));
            return;
        }
        let sum: f64 = criteria.iter().map(|c| c.points).sum();
        if (sum - node.points).abs() > EPSILON && sum.is_finite() && node.points.is_finite() {
            let parts: Vec<String> = criteria
                .iter()
                .map(|c| format!("{} {}", c.id, c.points))
                .collect();
            let message = Msg::new("rules-criteria-sum")
                .arg("id", &node.id)
                .arg("name", &node.name)
                .arg("sum", sum)
                .arg("points", node.points);
            let at = self.blame(node.points_at, criteria.iter().map(|c| c.points_at));
            let p = self.sources.problem(at, message);
            let help = Msg::new("rules-criteria-list").arg("list", parts.join(" + "));
            self.problems.push(p.with_help(help));
        }
        let mut ids = BTreeSet::new();
        for c in criteria {
            if !ids.insert(c.id.as_str()) {
                let p = self.sources.problem(
                    c.span,
                    Msg::new("rules-criterion-id-twice").arg("id", &c.id),
                );
                self.problems.push(p);
            }
        }
    }
}

const NUMERIC: &[FactKind] = &[FactKind::Count, FactKind::Rate, FactKind::Amount];

/// The kind of fact a criterion needs, as the catalogue words it (`yes-no` or `numeric`).
fn kinds(want: &[FactKind]) -> &'static str {
    if want == [FactKind::YesNo] {
        "yes-no"
    } else {
        "numeric"
    }
}

/// A fact kind as the catalogue selects its wording.
fn kind_id(kind: FactKind) -> &'static str {
    match kind {
        FactKind::YesNo => "yes-no",
        FactKind::Count => "count",
        FactKind::Rate => "rate",
        FactKind::Amount => "amount",
    }
}
