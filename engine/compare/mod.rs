//! `cogov compare`: the regulator's comparison of associations in one period, built from
//! their outcomes alone (however they were obtained: evaluated here, read from outcome files,
//! or later from the credit archive).
//!
//! Each association (by credit code) has one entry: its outcome for the compared period
//! (`--period`, else the latest period present). Entries are ranked by their total as a share
//! of their own maximum, since a sector's overlay changes indicator maxima; ties go by credit
//! code. The mover is the change against the association's previous period among the same
//! outcomes (the latest that ended before this one starts): share in percentage points and
//! rank in that period's own ranking. The indicator matrix has a row for every level and
//! indicator any association has, in reading order, and a column per association in rank order.

mod render;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Serialize;

use crate::diagnostic::{Problem, Problems};
use crate::message::Msg;
use crate::outcome::{Outcome, round2};
use crate::text::Text;

/// The schema id of `compare --format json`.
pub const SCHEMA: &str = "cogov.compare/1";

/// The comparison of the associations in one period.
#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// The period compared.
    pub period: String,
    /// The associations with an outcome for the period, best first.
    pub ranking: Vec<Entry>,
    /// The sectors, best mean share first, each with its associations.
    pub sectors: Vec<SectorGroup>,
    /// A row per level and indicator, in reading order.
    pub matrix: Vec<Row>,
    /// Associations among the outcomes that have none for this period.
    pub absent: Vec<Absent>,
}

/// One association's place in the ranking.
#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    /// 1 for the best share.
    pub rank: usize,
    /// Unified social credit code.
    pub id: String,
    /// The association's name.
    pub name: String,
    /// The sector whose policies scored it.
    pub sector: Named,
    /// Total points.
    pub score: f64,
    /// Most points available under its sector's policies.
    pub max: f64,
    /// `score / max` in per cent, two decimals.
    pub share_pct: f64,
    /// The association's grade.
    pub grade: Named,
    /// The change against its previous period; `None` when it has none among the outcomes.
    pub mover: Option<Mover>,
    /// Where the outcome came from.
    pub source: String,
}

/// A sector, a grade: an id with its names.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Named {
    /// Id (`base` for the base policies; a grade's id may be empty in old outcomes).
    pub id: String,
    /// Chinese name.
    pub zh: String,
    /// English name.
    pub en: String,
}

impl Named {
    /// The names as a [`Text`].
    pub fn text(&self) -> Text {
        Text::new(&self.zh, &self.en)
    }
}

/// The change of an association against its previous period.
#[derive(Clone, Debug, Serialize)]
pub struct Mover {
    /// The previous period.
    pub period: String,
    /// Its share then, in per cent.
    pub share_pct: f64,
    /// Its rank in that period's ranking.
    pub rank: usize,
    /// The share now minus the share then, in percentage points.
    pub change_pp: f64,
    /// Places gained (positive) or lost (negative).
    pub rank_change: i64,
}

/// A sector's associations and their mean share.
#[derive(Clone, Debug, Serialize)]
pub struct SectorGroup {
    /// The sector.
    pub sector: Named,
    /// Mean share of its associations, in per cent.
    pub mean_share_pct: f64,
    /// Credit codes of its associations, in rank order.
    pub associations: Vec<String>,
}

/// A level or an indicator of the matrix.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    /// Level or indicator id.
    pub id: String,
    /// `level` or `indicator`.
    pub kind: &'static str,
    /// How deep in the tree (0 for a top level).
    pub depth: usize,
    /// Chinese name.
    pub zh: String,
    /// English name.
    pub en: String,
    /// The associations that have it, by credit code.
    pub cells: BTreeMap<String, Cell>,
}

/// One association's result for a level or indicator.
#[derive(Clone, Debug, Serialize)]
pub struct Cell {
    /// Points.
    pub score: f64,
    /// Most points.
    pub max: f64,
    /// `score / max` in per cent, two decimals (0 when the maximum is 0).
    pub share_pct: f64,
}

/// An association with outcomes, none of them for the compared period.
#[derive(Clone, Debug, Serialize)]
pub struct Absent {
    /// Unified social credit code.
    pub id: String,
    /// Name.
    pub name: String,
    /// The periods it has.
    pub periods: Vec<String>,
}

/// An outcome to compare and where it came from (a file, a scenario's data file, an archive).
#[derive(Clone, Debug)]
pub struct Sourced {
    /// The outcome.
    pub outcome: Outcome,
    /// The file it was read or evaluated from.
    pub source: PathBuf,
}

/// Compares the associations of `outcomes` in `period` (else the latest period present, by
/// end date). `sectors` names the sectors (a sector without a name shows its id). Fails, with
/// every problem, when two outcomes are of one association and period, or no outcome has
/// the period asked for.
pub fn compare(
    outcomes: &[Sourced],
    period: Option<&str>,
    sectors: &BTreeMap<String, Text>,
) -> Result<Comparison, Problems> {
    let mut problems = Problems::default();
    let mut by_key: BTreeMap<(&str, &str), &Sourced> = BTreeMap::new();
    for s in outcomes {
        let a = &s.outcome.association;
        let key = (a.id.as_str(), s.outcome.period.as_str());
        match by_key.get(&key) {
            Some(first) => problems.push(
                Problem::in_file(
                    &s.source,
                    Msg::new("compare-duplicate")
                        .arg("name", a.name.as_str())
                        .arg("code", a.id.as_str())
                        .arg("period", key.1)
                        .arg("first", first.source.display().to_string()),
                )
                .with_help(Msg::new("compare-duplicate-help")),
            ),
            None => {
                by_key.insert(key, s);
            }
        }
    }
    let period = match period {
        Some(p) => p.to_string(),
        None => latest_period(outcomes).unwrap_or_default(),
    };
    if !outcomes.iter().any(|s| s.outcome.period == period) {
        let known: BTreeSet<&str> = outcomes.iter().map(|s| s.outcome.period.as_str()).collect();
        let known: Vec<String> = known.into_iter().map(str::to_string).collect();
        problems.push(Problem::in_file(
            Path::new("--period"),
            Msg::new("compare-no-period")
                .arg("period", period.as_str())
                .arg("known", known),
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let unique: Vec<&Sourced> = by_key.into_values().collect();
    let ranking = rank(&unique, &period, sectors, true);
    let sectors = group(&ranking);
    let columns: Vec<&Outcome> = ranking
        .iter()
        .filter_map(|e| {
            unique
                .iter()
                .find(|s| s.outcome.association.id == e.id && s.outcome.period == period)
                .map(|s| &s.outcome)
        })
        .collect();
    let matrix = matrix(&columns);
    let ranked: BTreeSet<&str> = ranking.iter().map(|e| e.id.as_str()).collect();
    let mut absent: BTreeMap<&str, Absent> = BTreeMap::new();
    for s in &unique {
        let a = &s.outcome.association;
        if ranked.contains(a.id.as_str()) {
            continue;
        }
        let entry = absent.entry(a.id.as_str()).or_insert_with(|| Absent {
            id: a.id.clone(),
            name: a.name.clone(),
            periods: Vec::new(),
        });
        entry.periods.push(s.outcome.period.clone());
    }
    Ok(Comparison {
        schema: SCHEMA,
        period,
        ranking,
        sectors,
        matrix,
        absent: absent.into_values().collect(),
    })
}

/// The label of the period that ends last (ties: the greater label).
fn latest_period(outcomes: &[Sourced]) -> Option<String> {
    outcomes
        .iter()
        .map(|s| (end_of(&s.outcome), s.outcome.period.as_str()))
        .max()
        .map(|(_, p)| p.to_string())
}

fn end_of(outcome: &Outcome) -> Option<Date> {
    outcome.period_end.parse().ok()
}

fn share(score: f64, max: f64) -> f64 {
    if max > 0.0 { score / max } else { 0.0 }
}

/// The outcomes of `period` ranked by share, then credit code; with `movers`, each against
/// its association's previous period among `all`.
fn rank(
    all: &[&Sourced],
    period: &str,
    sectors: &BTreeMap<String, Text>,
    movers: bool,
) -> Vec<Entry> {
    let mut these: Vec<&Sourced> = all
        .iter()
        .copied()
        .filter(|s| s.outcome.period == period)
        .collect();
    these.sort_by(|x, y| {
        let (a, b) = (&x.outcome.association, &y.outcome.association);
        share(b.score, b.max)
            .total_cmp(&share(a.score, a.max))
            .then_with(|| a.id.cmp(&b.id))
    });
    these
        .iter()
        .enumerate()
        .map(|(n, s)| {
            let (o, a) = (&s.outcome, &s.outcome.association);
            let share = share(a.score, a.max);
            let mover = movers.then(|| previous(all, o)).flatten().map(|before| {
                let then = &before.outcome.association;
                let earlier = rank(all, &before.outcome.period, sectors, false);
                let was = earlier.iter().find(|e| e.id == a.id).map_or(0, |e| e.rank);
                let then_share = self::share(then.score, then.max);
                Mover {
                    period: before.outcome.period.clone(),
                    share_pct: round2(then_share * 100.0),
                    rank: was,
                    change_pp: round2((share - then_share) * 100.0),
                    rank_change: was as i64 - (n as i64 + 1),
                }
            });
            let sector = &o.policy.sector;
            let name = sectors.get(sector);
            Entry {
                rank: n + 1,
                id: a.id.clone(),
                name: a.name.clone(),
                sector: Named {
                    id: sector.clone(),
                    zh: name.map_or(sector.clone(), |t| t.zh.clone()),
                    en: name.map_or(sector.clone(), |t| t.en.clone()),
                },
                score: a.score,
                max: a.max,
                share_pct: round2(share * 100.0),
                grade: Named {
                    id: a.grade_id.clone(),
                    zh: a.grade.clone(),
                    en: a.grade_en.clone(),
                },
                mover,
                source: s.source.display().to_string(),
            }
        })
        .collect()
}

/// The same association's outcome for the latest period that ended before `outcome`'s
/// starts. An outcome's start is not recorded, so a period is before this one when it ends
/// before this one's end and is another period (the evaluator refuses overlapping previous
/// periods, so among one association's outcomes the two agree).
fn previous<'a>(all: &[&'a Sourced], outcome: &Outcome) -> Option<&'a Sourced> {
    let end = end_of(outcome)?;
    all.iter()
        .copied()
        .filter(|s| {
            s.outcome.association.id == outcome.association.id && s.outcome.period != outcome.period
        })
        .filter_map(|s| Some((end_of(&s.outcome)?, s)))
        .filter(|(e, _)| *e < end)
        .max_by_key(|(e, _)| *e)
        .map(|(_, s)| s)
}

/// The sectors of a ranking, best mean share first, then by id.
fn group(ranking: &[Entry]) -> Vec<SectorGroup> {
    let mut by_sector: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    for e in ranking {
        by_sector.entry(e.sector.id.as_str()).or_default().push(e);
    }
    let mut groups: Vec<SectorGroup> = by_sector
        .into_values()
        .map(|entries| {
            let mean = entries.iter().map(|e| e.share_pct).sum::<f64>() / entries.len() as f64;
            SectorGroup {
                sector: entries[0].sector.clone(),
                mean_share_pct: round2(mean),
                associations: entries.iter().map(|e| e.id.clone()).collect(),
            }
        })
        .collect();
    groups.sort_by(|a, b| {
        b.mean_share_pct
            .total_cmp(&a.mean_share_pct)
            .then_with(|| a.sector.id.cmp(&b.sector.id))
    });
    groups
}

/// The rows of one outcome's tree in reading order: levels, each followed by what it holds.
fn tree(outcome: &Outcome) -> Vec<Row> {
    fn walk(o: &Outcome, parent: Option<&str>, depth: usize, out: &mut Vec<Row>) {
        let a = &o.association;
        let cell = |score: f64, max: f64| {
            let cell = Cell {
                score,
                max,
                share_pct: round2(share(score, max) * 100.0),
            };
            BTreeMap::from([(a.id.clone(), cell)])
        };
        for l in a.levels.iter().filter(|l| l.parent.as_deref() == parent) {
            out.push(Row {
                id: l.id.clone(),
                kind: "level",
                depth,
                zh: l.name.clone(),
                en: l.name_en.clone(),
                cells: cell(l.score, l.max),
            });
            walk(o, Some(&l.id), depth + 1, out);
        }
        for i in a
            .indicators
            .iter()
            .filter(|i| Some(i.parent.as_str()) == parent)
        {
            out.push(Row {
                id: i.id.clone(),
                kind: "indicator",
                depth,
                zh: i.name.clone(),
                en: i.name_en.clone(),
                cells: cell(i.score, i.max),
            });
        }
    }
    let mut out = Vec::new();
    walk(outcome, None, 0, &mut out);
    out
}

/// The union of the outcomes' trees (in rank order): the first outcome's rows in its reading
/// order, and a row only a later one has placed after the row it follows there.
fn matrix(columns: &[&Outcome]) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for outcome in columns {
        let mut after: Option<usize> = None;
        for row in tree(outcome) {
            let at = match rows.iter().position(|r| r.id == row.id) {
                Some(at) => {
                    rows[at].cells.extend(row.cells);
                    at
                }
                None => {
                    let at = after.map_or(0, |a| a + 1);
                    rows.insert(at, row);
                    at
                }
            };
            after = Some(at);
        }
    }
    rows
}

impl Comparison {
    /// The comparison as pretty JSON with sorted keys and a final newline.
    pub fn to_json(&self) -> String {
        let value = serde_json::to_value(self).expect("a comparison always serialises");
        crate::render::pretty(&value)
    }
}
