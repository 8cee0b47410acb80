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
use crate::diagnostic::{Problem, Problems, SourceFile};
use crate::text::Text;

#[derive(Debug, Deserialize)]
#[serde(rename = "Rubric", deny_unknown_fields)]
struct RawRubric {
    total: f64,
    grades: Vec<RawGrade>,
    levels: Vec<RawNode>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawGrade {
    pub(crate) min: f64,
    pub(crate) zh: String,
    pub(crate) en: String,
}

#[derive(Debug, Deserialize)]
pub(crate) enum RawNode {
    Level {
        id: String,
        zh: String,
        en: String,
        points: f64,
        children: Vec<RawNode>,
    },
    Indicator {
        id: String,
        zh: String,
        en: String,
        points: f64,
        outcome: String,
        criteria: Vec<RawCriterion>,
    },
}

/// A criterion as written in RON; `id` defaults to `<indicator>.<position>`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) enum RawCriterion {
    Evidence {
        #[serde(default)]
        id: Option<String>,
        kind: String,
        #[serde(default = "one")]
        at_least: u32,
        points: f64,
    },
    Fact {
        #[serde(default)]
        id: Option<String>,
        key: String,
        points: f64,
    },
    AtLeast {
        #[serde(default)]
        id: Option<String>,
        fact: String,
        value: f64,
        points: f64,
    },
    Steps {
        #[serde(default)]
        id: Option<String>,
        fact: String,
        steps: Vec<RawStep>,
    },
    Script {
        #[serde(default)]
        id: Option<String>,
        file: String,
        points: f64,
        #[serde(default)]
        facts: Vec<String>,
        #[serde(default)]
        evidence: Vec<String>,
        #[serde(default)]
        params: BTreeMap<String, f64>,
    },
}

fn one() -> u32 {
    1
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawStep {
    pub(crate) at_least: f64,
    pub(crate) points: f64,
}

/// A grade band: totals at or above `min` get this grade.
#[derive(Clone, Debug)]
pub struct GradeBand {
    /// Lowest total in the band.
    pub min: f64,
    /// Grade name.
    pub name: Text,
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
    },
}

/// One way an indicator earns points.
#[derive(Clone, Debug)]
pub struct Criterion {
    /// Stable id, e.g. `C1.1`.
    pub id: String,
    /// Most points it can earn.
    pub points: f64,
    /// How it earns them.
    pub rule: Rule,
    /// The policy file it was written in.
    pub origin: Arc<SourceFile>,
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
    pub id: String,
    /// Name from the standard.
    pub name: Text,
    /// Points it carries.
    pub points: f64,
    /// Parent node, `None` for a top level.
    pub parent: Option<usize>,
    /// Children in order.
    pub children: Vec<usize>,
    /// Branch or leaf.
    pub kind: NodeKind,
    /// The policy file that last set it.
    pub origin: Arc<SourceFile>,
}

/// The whole indicator tree, its total and grade bands.
#[derive(Clone, Debug)]
pub struct Rubric {
    /// Sum of the top levels.
    pub total: f64,
    /// Grade bands, highest first.
    pub grades: Vec<GradeBand>,
    /// Nodes in reading order (pre-order).
    pub nodes: Vec<Node>,
    /// The file the total and grades came from.
    pub origin: Arc<SourceFile>,
    /// The base rubric file (an overlay's changes come from elsewhere).
    pub base: Arc<SourceFile>,
}

const EPSILON: f64 = 1e-9;

impl Rubric {
    /// Parses `rubric.ron` into an unvalidated tree.
    pub fn parse(file: Arc<SourceFile>) -> Result<Self, Problem> {
        let raw: RawRubric = crate::diagnostic::parse_ron(&file)?;
        let mut rubric = Rubric {
            total: raw.total,
            grades: raw.grades.into_iter().map(grade_band).collect(),
            nodes: Vec::new(),
            origin: file.clone(),
            base: file.clone(),
        };
        for node in raw.levels {
            rubric.add(node, None, &file);
        }
        Ok(rubric)
    }

    /// Appends a raw node (and its subtree) under `parent`, returning its index.
    pub(crate) fn add(
        &mut self,
        raw: RawNode,
        parent: Option<usize>,
        origin: &Arc<SourceFile>,
    ) -> usize {
        let index = self.nodes.len();
        let (id, zh, en, points, kind, children) = match raw {
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
                let criteria = criteria
                    .into_iter()
                    .enumerate()
                    .map(|(n, c)| criterion(&id, n, c, origin))
                    .collect();
                (
                    id,
                    zh,
                    en,
                    points,
                    NodeKind::Indicator { outcome, criteria },
                    Vec::new(),
                )
            }
        };
        self.nodes.push(Node {
            id,
            name: Text::new(zh, en),
            points,
            parent,
            children: Vec::new(),
            kind,
            origin: origin.clone(),
        });
        if let Some(p) = parent {
            self.nodes[p].children.push(index);
        }
        for child in children {
            self.add(child, Some(index), origin);
        }
        index
    }

    /// Removes a node and its subtree; false when there is no such node.
    pub(crate) fn remove(&mut self, id: &str) -> bool {
        let Some(target) = self.find(id) else {
            return false;
        };
        let mut gone = vec![false; self.nodes.len()];
        let mut stack = vec![target];
        while let Some(i) = stack.pop() {
            gone[i] = true;
            stack.extend(&self.nodes[i].children);
        }
        let mut new_index = vec![usize::MAX; self.nodes.len()];
        let mut next = 0;
        for (i, g) in gone.iter().enumerate() {
            if !g {
                new_index[i] = next;
                next += 1;
            }
        }
        let old = std::mem::take(&mut self.nodes);
        for (i, mut node) in old.into_iter().enumerate() {
            if gone[i] {
                continue;
            }
            node.parent = node.parent.map(|p| new_index[p]);
            node.children = node
                .children
                .iter()
                .filter(|&&c| !gone[c])
                .map(|&c| new_index[c])
                .collect();
            self.nodes.push(node);
        }
        true
    }

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

    /// The grade band a total falls in.
    pub fn grade_for(&self, total: f64) -> &GradeBand {
        self.grades
            .iter()
            .find(|g| total + EPSILON >= g.min)
            .unwrap_or_else(|| {
                self.grades
                    .last()
                    .expect("validated: grade bands are not empty")
            })
    }

    /// Checks the whole tree against itself and the catalogue, collecting every problem.
    /// Without a catalogue (it failed to load), names of kinds and facts are not checked.
    pub fn validate(&mut self, catalogue: Option<&Catalogue>, problems: &mut Problems) {
        self.grades.sort_by(|a, b| b.min.total_cmp(&a.min));
        self.validate_grades(problems);
        let mut seen = BTreeSet::new();
        for node in &self.nodes {
            if !seen.insert(node.id.as_str()) {
                let p = node.origin.problem_at_value(
                    &node.id,
                    1,
                    format!("the id `{}` is used twice", node.id),
                );
                problems.push(p.with_help("every level and indicator needs its own id"));
            }
            if node.points < 0.0 {
                problems.push(node.origin.problem_at_field(
                    &node.id,
                    0,
                    "points",
                    "points cannot be negative",
                ));
            }
            match &node.kind {
                NodeKind::Level => self.validate_level(node, problems),
                NodeKind::Indicator { criteria, .. } => {
                    validate_indicator(node, criteria, catalogue, problems)
                }
            }
        }
        let top: f64 = self.roots().map(|i| self.nodes[i].points).sum();
        if (top - self.total).abs() > EPSILON {
            let list = self
                .roots()
                .map(|i| format!("{} {}", self.nodes[i].id, self.nodes[i].points));
            let message = format!(
                "the top levels add up to {top}, but `total` is {}",
                self.total
            );
            let p = self.origin.problem_at_key("total", message);
            problems.push(p.with_help(format!(
                "top levels: {}",
                list.collect::<Vec<_>>().join(", ")
            )));
        }
    }

    fn validate_grades(&self, problems: &mut Problems) {
        let file = &self.origin;
        if self.grades.is_empty() {
            problems.push(Problem::in_file(
                &file.path,
                "`grades` is empty: every total needs a grade",
            ));
            return;
        }
        if self.grades.last().is_some_and(|g| g.min > 0.0) {
            let lowest = self.grades.last().expect("not empty");
            problems.push(
                file.problem_at_value(
                    &lowest.name.zh,
                    0,
                    format!("no grade covers totals below {}", lowest.min),
                )
                .with_help("give the lowest grade band `min: 0`"),
            );
        }
        for pair in self.grades.windows(2) {
            if (pair[0].min - pair[1].min).abs() < EPSILON {
                let msg = format!(
                    "grades `{}` and `{}` start at the same total",
                    pair[0].name.zh, pair[1].name.zh
                );
                problems.push(file.problem_at_value(&pair[1].name.zh, 0, msg));
            }
        }
        for grade in &self.grades {
            if grade.min > self.total {
                let msg = format!(
                    "grade `{}` starts at {}, above the total of {}",
                    grade.name.zh, grade.min, self.total
                );
                problems.push(file.problem_at_value(&grade.name.zh, 0, msg));
            }
        }
    }

    fn validate_level(&self, node: &Node, problems: &mut Problems) {
        if node.children.is_empty() {
            let p = node.origin.problem_at_value(
                &node.id,
                0,
                format!("level `{}` has no children", node.id),
            );
            problems.push(p.with_help("add indicators under it, or remove it"));
            return;
        }
        let sum: f64 = node.children.iter().map(|&c| self.nodes[c].points).sum();
        if (sum - node.points).abs() > EPSILON {
            let parts: Vec<String> = node
                .children
                .iter()
                .map(|&c| format!("{} {}", self.nodes[c].id, self.nodes[c].points))
                .collect();
            let message = format!(
                "the children of `{}` add up to {sum}, but `{}` has {} points",
                node.id, node.id, node.points
            );
            // When a sector overlay changed a child but not the parent, the overlay caused it.
            let changed_child = node
                .children
                .iter()
                .map(|&c| &self.nodes[c])
                .find(|c| !Arc::ptr_eq(&c.origin, &self.base));
            let p = match changed_child {
                Some(child) if Arc::ptr_eq(&node.origin, &self.base) => {
                    child.origin.problem_at_value(&child.id, 0, message)
                }
                _ => node.origin.problem_at_field(&node.id, 0, "points", message),
            };
            problems.push(p.with_help(format!("children: {}", parts.join(" + "))));
        }
    }
}

fn validate_indicator(
    node: &Node,
    criteria: &[Criterion],
    catalogue: Option<&Catalogue>,
    problems: &mut Problems,
) {
    if criteria.is_empty() {
        let p = node.origin.problem_at_value(
            &node.id,
            0,
            format!("indicator `{}` has no criteria", node.id),
        );
        problems.push(
            p.with_help("every indicator must be scored from data: add at least one criterion"),
        );
        return;
    }
    let sum: f64 = criteria.iter().map(|c| c.points).sum();
    if (sum - node.points).abs() > EPSILON {
        let parts: Vec<String> = criteria
            .iter()
            .map(|c| format!("{} {}", c.id, c.points))
            .collect();
        let p = node.origin.problem_at_field(
            &node.id,
            0,
            "points",
            format!(
                "the criteria of `{}` add up to {sum}, but `{}` has {} points",
                node.id, node.id, node.points
            ),
        );
        problems.push(p.with_help(format!("criteria: {}", parts.join(" + "))));
    }
    let mut ids = BTreeSet::new();
    for c in criteria {
        if !ids.insert(c.id.as_str()) {
            problems.push(c.origin.problem_at_value(
                &c.id,
                1,
                format!("criterion id `{}` is used twice", c.id),
            ));
        }
        validate_rule(c, catalogue, problems);
    }
}

fn validate_rule(c: &Criterion, catalogue: Option<&Catalogue>, problems: &mut Problems) {
    if c.points < 0.0 {
        problems.push(
            c.origin
                .problem_at_value(&c.id, 0, "points cannot be negative"),
        );
    }
    let Some(catalogue) = catalogue else {
        return;
    };
    let fact_problem = |key: &str, want: &[FactKind]| -> Option<Problem> {
        match catalogue.facts.get(key) {
            None => Some(
                c.origin
                    .problem_at_value(key, 0, format!("criterion `{}` names the fact `{key}`, which the catalogue does not declare", c.id))
                    .with_help(suggest(key, catalogue.facts.keys())),
            ),
            Some(decl) if !want.contains(&decl.kind) => Some(c.origin.problem_at_value(
                key,
                0,
                format!("criterion `{}` needs a {} fact, but `{key}` is {}", c.id, kinds(want), decl.kind.describe()),
            )),
            Some(_) => None,
        }
    };
    let evidence_problem = |kind: &str| -> Option<Problem> {
        (!catalogue.evidence.contains_key(kind)).then(|| {
            c.origin
                .problem_at_value(kind, 0, format!("criterion `{}` names the evidence kind `{kind}`, which the catalogue does not declare", c.id))
                .with_help(suggest(kind, catalogue.evidence.keys()))
        })
    };
    const NUMERIC: &[FactKind] = &[FactKind::Count, FactKind::Rate, FactKind::Amount];
    match &c.rule {
        Rule::Evidence { kind, at_least } => {
            problems.0.extend(evidence_problem(kind));
            if *at_least == 0 {
                problems.push(
                    c.origin
                        .problem_at_value(kind, 0, "`at_least` must be 1 or more"),
                );
            }
        }
        Rule::Fact { key } => problems.0.extend(fact_problem(key, &[FactKind::YesNo])),
        Rule::AtLeast { fact, .. } => problems.0.extend(fact_problem(fact, NUMERIC)),
        Rule::Steps { fact, steps } => {
            problems.0.extend(fact_problem(fact, NUMERIC));
            let ascending = steps
                .windows(2)
                .all(|w| w[0].0 < w[1].0 && w[0].1 <= w[1].1);
            if steps.is_empty() || !ascending {
                problems.push(c.origin.problem_at_value(
                    fact,
                    0,
                    format!(
                        "the steps of criterion `{}` must rise: thresholds and points ascending",
                        c.id
                    ),
                ));
            }
        }
        Rule::Script {
            facts, evidence, ..
        } => {
            let any = [
                FactKind::YesNo,
                FactKind::Count,
                FactKind::Rate,
                FactKind::Amount,
            ];
            for f in facts {
                problems.0.extend(fact_problem(f, &any));
            }
            for e in evidence {
                problems.0.extend(evidence_problem(e));
            }
        }
    }
}

fn kinds(want: &[FactKind]) -> &'static str {
    if want == [FactKind::YesNo] {
        "yes/no"
    } else {
        "numeric"
    }
}

fn grade_band(raw: RawGrade) -> GradeBand {
    GradeBand {
        min: raw.min,
        name: Text::new(raw.zh, raw.en),
    }
}

/// Converts a raw criterion written at position `n` of `indicator`.
pub(crate) fn criterion(
    indicator: &str,
    n: usize,
    raw: RawCriterion,
    origin: &Arc<SourceFile>,
) -> Criterion {
    let default_id = || format!("{indicator}.{}", n + 1);
    let (id, points, rule) = match raw {
        RawCriterion::Evidence {
            id,
            kind,
            at_least,
            points,
        } => (id, points, Rule::Evidence { kind, at_least }),
        RawCriterion::Fact { id, key, points } => (id, points, Rule::Fact { key }),
        RawCriterion::AtLeast {
            id,
            fact,
            value,
            points,
        } => (id, points, Rule::AtLeast { fact, value }),
        RawCriterion::Steps { id, fact, steps } => {
            let steps: Vec<(f64, f64)> = steps.iter().map(|s| (s.at_least, s.points)).collect();
            let top = steps.iter().map(|s| s.1).fold(0.0, f64::max);
            (id, top, Rule::Steps { fact, steps })
        }
        RawCriterion::Script {
            id,
            file,
            points,
            facts,
            evidence,
            params,
        } => (
            id,
            points,
            Rule::Script {
                file: super::resolve_script(origin, &file),
                facts,
                evidence,
                params,
            },
        ),
    };
    Criterion {
        id: id.unwrap_or_else(default_id),
        points,
        rule,
        origin: origin.clone(),
    }
}
