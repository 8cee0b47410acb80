//! `cogov diff`: the impact of a rubric revision before it is published. Every dataset (a data
//! file, or every `Eval` step of a scenario) is evaluated under the current policies and under
//! the revision, and each pair of outcomes gives a [`ChangeReport`]; a summary counts the
//! associations and members whose grade changes, and in which direction.
//!
//! A scenario contributes the data of its `Eval` steps; its `Edit` steps are not applied (the
//! revision is the `--to` folder). Each side evaluates its datasets as a history: an earlier period of the same association is
//! fed forward as the previous one, so trend triggers are compared too. Both policy sets must
//! be valid, and every dataset must be valid under both (a revision that makes existing data
//! invalid is a finding, reported as a problem).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::change::{ChangeReport, Direction, GradeScale};
use crate::data::{DataFile, Dataset, TableLimits};
use crate::diagnostic::Problems;
use crate::message::Msg;
use crate::outcome::Outcome;
use crate::periods::{evaluation_order, previous_for};
use crate::policy::PolicySet;
use crate::scenario;
use crate::text::Lang;

/// The schema id of `diff --format json`.
pub const SCHEMA: &str = "cogov.diff/1";

/// What to compare.
#[derive(Clone, Debug)]
pub struct Request {
    /// The policy folder in force.
    pub from: PathBuf,
    /// The revised policy folder.
    pub to: PathBuf,
    /// A sector overlay for every dataset (default: the scenario's, else the data's).
    pub sector: Option<String>,
    /// Data files and scenarios (files or folders).
    pub inputs: Vec<PathBuf>,
    /// How much a workbook among the tables may hold.
    pub limits: TableLimits,
}

/// The impact of a revision on every dataset.
#[derive(Clone, Debug, Serialize)]
pub struct Diff {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// The policies in force: folder and digest per sector.
    pub from: Side,
    /// The revision: folder and digest per sector.
    pub to: Side,
    /// One report per dataset, in the order given.
    pub datasets: Vec<DatasetDiff>,
    /// The counts over all datasets.
    pub summary: Summary,
}

/// One policy folder as loaded.
#[derive(Clone, Debug, Serialize)]
pub struct Side {
    /// The folder.
    pub policies: String,
    /// Digest of the policy set of each sector used.
    pub digests: BTreeMap<String, String>,
}

/// One dataset's change report.
#[derive(Clone, Debug, Serialize)]
pub struct DatasetDiff {
    /// The data file.
    pub data: String,
    /// What the revision changes.
    pub report: ChangeReport,
}

/// How many associations and members change grade.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Datasets (association and period) compared.
    pub associations: usize,
    /// Of those, how many change grade.
    pub associations_changed: usize,
    /// Of those, how many go up.
    pub associations_up: usize,
    /// Of those, how many go down.
    pub associations_down: usize,
    /// Member evaluations compared, over all datasets (a member in two periods counts twice).
    pub members: usize,
    /// Of those, how many change credit grade.
    pub members_changed: usize,
    /// Of those, how many go up.
    pub members_up: usize,
    /// Of those, how many go down.
    pub members_down: usize,
}

/// A dataset to evaluate (read once, checked under each side) with the tables merged into it,
/// and the sector it asks for.
struct Item {
    path: PathBuf,
    tables: Vec<PathBuf>,
    file: DataFile,
    sector: String,
}

impl Item {
    /// The data file, and the tables merged into it when there are any.
    fn label(&self) -> String {
        let path = self.path.display().to_string();
        if self.tables.is_empty() {
            return path;
        }
        let tables: Vec<String> = self
            .tables
            .iter()
            .map(|t| t.display().to_string())
            .collect();
        format!("{path} + {}", tables.join(", "))
    }
}

/// Evaluates every dataset under both policy folders and reports what changes. Fails with
/// every problem of either policy set and of any dataset under either.
pub fn diff(request: &Request) -> Result<Diff, Problems> {
    let mut problems = Problems::default();
    let mut items = Vec::new();
    for input in &request.inputs {
        let (scenario_sector, files) = if scenario::is_scenario(input) {
            match scenario::scenario_data(input) {
                Ok(found) => found,
                Err(p) => {
                    problems.0.extend(p.0);
                    continue;
                }
            }
        } else {
            (None, vec![(input.clone(), Vec::new())])
        };
        for (path, tables) in files {
            // A scenario may evaluate the same data twice (before and after its edits, which
            // a diff does not apply): each dataset is compared once.
            if items
                .iter()
                .any(|i: &Item| i.path == path && i.tables == tables)
            {
                continue;
            }
            let file = match DataFile::read(&path) {
                Ok(file) => file,
                Err(p) => {
                    problems.0.extend(p.0);
                    continue;
                }
            };
            let sector = request
                .sector
                .clone()
                .or_else(|| scenario_sector.clone())
                .unwrap_or_else(|| file.sector().to_string());
            items.push(Item {
                path,
                tables,
                file,
                sector,
            });
        }
    }
    let before = evaluate_all(&request.from, &items, &request.limits);
    let after = evaluate_all(&request.to, &items, &request.limits);
    let (before, after) = match (before, after) {
        (Ok(b), Ok(a)) if problems.is_empty() => (b, a),
        (b, a) => {
            problems.0.extend(b.err().into_iter().flat_map(|p| p.0));
            problems.0.extend(a.err().into_iter().flat_map(|p| p.0));
            return Err(problems);
        }
    };
    let mut datasets = Vec::new();
    for (n, item) in items.iter().enumerate() {
        let old = &before.policies[&item.sector];
        let new = &after.policies[&item.sector];
        let scale = GradeScale::of(new).or_else(&GradeScale::of(old));
        datasets.push(DatasetDiff {
            data: item.label(),
            report: ChangeReport::between(&before.outcomes[n], &after.outcomes[n], &scale),
        });
    }
    let summary = summarise(&datasets);
    Ok(Diff {
        schema: SCHEMA,
        from: before.side(&request.from),
        to: after.side(&request.to),
        datasets,
        summary,
    })
}

/// Every dataset evaluated under one policy folder.
struct Evaluated {
    policies: BTreeMap<String, PolicySet>,
    outcomes: Vec<Outcome>,
}

impl Evaluated {
    fn side(&self, root: &Path) -> Side {
        Side {
            policies: root.display().to_string(),
            digests: self
                .policies
                .iter()
                .map(|(sector, set)| (sector.clone(), set.digest.clone()))
                .collect(),
        }
    }
}

fn evaluate_all(root: &Path, items: &[Item], limits: &TableLimits) -> Result<Evaluated, Problems> {
    let mut problems = Problems::default();
    let mut policies = BTreeMap::new();
    for item in items {
        if policies.contains_key(&item.sector) {
            continue;
        }
        let overlay = Some(item.sector.as_str()).filter(|s| *s != "base");
        match PolicySet::load(root, overlay) {
            Ok(set) => {
                policies.insert(item.sector.clone(), set);
            }
            Err(p) => problems.0.extend(p.0),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut datasets = Vec::new();
    for item in items {
        let set = &policies[&item.sector];
        match Dataset::check_within(item.file.clone(), &item.tables, limits, None, set) {
            Ok(d) => datasets.push(d),
            Err(p) => problems.0.extend(p.0),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut outcomes: Vec<Option<Outcome>> = datasets.iter().map(|_| None).collect();
    for n in evaluation_order(&datasets) {
        let earlier = outcomes.iter().flatten().map(|o| ((), o));
        let previous = previous_for(earlier, &datasets[n]).map(|(_, o)| o);
        match crate::evaluate(&policies[&items[n].sector], &datasets[n], previous) {
            Ok(o) => outcomes[n] = Some(o),
            Err(p) => problems.0.extend(p.0),
        }
    }
    problems.into_result(Evaluated {
        policies,
        outcomes: outcomes.into_iter().flatten().collect(),
    })
}

fn summarise(datasets: &[DatasetDiff]) -> Summary {
    let mut s = Summary::default();
    for d in datasets {
        let r = &d.report;
        s.associations += 1;
        if r.grade.changed() {
            s.associations_changed += 1;
        }
        match r.grade.direction {
            Some(Direction::Up) => s.associations_up += 1,
            Some(Direction::Down) => s.associations_down += 1,
            None => {}
        }
        s.members += r.members.compared;
        s.members_changed += r.members.changed;
        s.members_up += r.members.up;
        s.members_down += r.members.down;
    }
    s
}

impl Diff {
    /// The diff as pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).expect("a diff always serialises");
        json.push('\n');
        json
    }

    /// The diff as text in `lang`: the two policy sets, one report per dataset, the summary.
    pub fn to_text(&self, lang: Lang) -> String {
        let mut out = String::new();
        for (label, side) in [
            (Msg::new("report-diff-from"), &self.from),
            (Msg::new("report-diff-to"), &self.to),
        ] {
            let digests: Vec<String> = side
                .digests
                .iter()
                .map(|(sector, digest)| format!("{sector} {digest}"))
                .collect();
            out.push_str(&format!(
                "{}\n",
                Msg::new("report-diff-side")
                    .arg("label", label)
                    .arg("policies", side.policies.as_str())
                    .arg("digests", digests)
                    .word(lang)
            ));
        }
        for d in &self.datasets {
            out.push_str(&format!("\n== {}\n", d.data));
            out.push_str(&d.report.to_text(lang));
        }
        let s = &self.summary;
        out.push('\n');
        out.push_str(
            &Msg::new("report-diff-summary")
                .arg("n", s.associations)
                .arg("changed", s.associations_changed)
                .arg("up", s.associations_up)
                .arg("down", s.associations_down)
                .word(lang),
        );
        if s.members > 0 {
            out.push_str(
                &Msg::new("report-diff-summary-members")
                    .arg("n", s.members)
                    .arg("changed", s.members_changed)
                    .arg("up", s.members_up)
                    .arg("down", s.members_down)
                    .word(lang),
            );
        }
        out.push('\n');
        out
    }
}
