//! Stage 2, load data: one association's data for one period (RON or JSON, the same schema)
//! into a checked [`Dataset`].
//!
//! Loading refuses anything it cannot account for: unknown fields, wrong types, duplicate ids,
//! dates outside the period, facts the catalogue does not declare, evidence filed under an
//! indicator that does not exist or does not count that kind. Every problem names the file,
//! line and column. Nothing is defaulted or dropped.
//!
//! Member rosters and credit events may also come from CSV and Excel tables, merged into the
//! file's (`import`, `table`); a bad row is named by file, sheet and row. A whole association
//! may come as the filled-in data template (`workbook`), read into the same raw data and
//! checked by the same checks; its ledgers give facts and credit events (`ledger`).

pub mod credit_code;
mod facts;
mod import;
mod ledger;
mod locate;
mod measures;
pub mod members;
mod prefetch;
pub mod strings;
mod table;
pub(crate) mod workbook;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::diagnostic::{Problem, Problems, SourceFile};
use crate::message::Msg;
use crate::policy::PolicySet;
use crate::policy::rubric::{NodeKind, Rule};
use strings::Strings;

pub use ledger::Counted;
pub use measures::Measure;
pub use table::TableLimits;

pub use crate::value::FactValue;

#[derive(Clone, Debug, Deserialize)]
#[serde(rename = "Association", deny_unknown_fields)]
struct RawDataset {
    profile: Profile,
    period: Period,
    #[serde(default)]
    facts: facts::Written,
    #[serde(default)]
    evidence: Vec<Evidence>,
    #[serde(default)]
    members: Option<Vec<members::Member>>,
    #[serde(default)]
    events: Vec<members::Event>,
    #[serde(default)]
    measures: Vec<Measure>,
}

/// Who the association is.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Registered name.
    pub name: String,
    /// Sector overlay it uses (`base` for none).
    pub sector: String,
    /// Its unified social credit code.
    pub credit_code: String,
}

/// The period the data covers.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// Label, e.g. `2024`.
    pub id: String,
    /// First day.
    #[serde(deserialize_with = "crate::value::date")]
    pub start: Date,
    /// Last day.
    #[serde(deserialize_with = "crate::value::date")]
    pub end: Date,
}

/// One evidence record: a document or activity filed under an indicator.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Unique id within the dataset.
    pub id: String,
    /// Indicator it is filed under, e.g. `C1`.
    pub indicator: String,
    /// Evidence kind from the catalogue.
    pub kind: String,
    /// Date of the document or activity: for a plan or rule, the day it was adopted.
    #[serde(deserialize_with = "crate::value::date")]
    pub date: Date,
    /// Title.
    pub title: String,
    /// The last day a standing document (a plan, a rule) is in force, when the record says;
    /// otherwise its kind's validity in the catalogue applies, if it has one.
    #[serde(default, deserialize_with = "crate::value::some_date")]
    pub valid_until: Option<Date>,
    /// For a standing document adopted before the period and still in force during it: the
    /// last day it is in force. Set when the data is checked.
    #[serde(skip)]
    pub carried_until: Option<Date>,
}

/// An association file read and parsed, not yet checked: its sector decides which policies
/// check it. Large files are read and parsed once.
#[derive(Clone)]
pub struct DataFile {
    file: SourceFile,
    raw: RawDataset,
    /// The events' strings.
    strings: Strings,
    /// SHA-256 of the text so far; the tables imported with it are added when it is checked.
    hash: Sha256,
    /// The data workbook the data comes from, read into `raw` when checked.
    workbook: Option<Box<workbook::Workbook>>,
}

impl DataFile {
    /// Reads and parses an association file (`.ron` or `.json`), or opens a filled-in data
    /// template (`.xlsx`).
    pub fn read(path: &Path) -> Result<DataFile, Problems> {
        if workbook::is_workbook(path) {
            return workbook::read(path);
        }
        let parse: fn(&SourceFile) -> Result<RawDataset, Problem> =
            match path.extension().and_then(|e| e.to_str()) {
                Some("ron") => crate::diagnostic::parse_ron,
                Some("json") => crate::diagnostic::parse_json,
                _ => {
                    return Err(Problem::in_file(path, Msg::new("data-file-extension")).into());
                }
            };
        let file = SourceFile::read(path)?;
        // A large file takes as long to hash as to parse: one core does each.
        let ((raw, strings), hash) = rayon::join(
            || strings::collect(Strings::default(), || parse(&file)),
            || Sha256::new_with_prefix(file.text.as_bytes()),
        );
        Ok(DataFile {
            raw: raw?,
            file,
            strings,
            hash,
            workbook: None,
        })
    }

    /// The sector the file declares.
    pub fn sector(&self) -> &str {
        &self.raw.profile.sector
    }
}

/// One association's checked data for one period.
#[derive(Clone, Debug)]
pub struct Dataset {
    /// The file it came from.
    pub path: PathBuf,
    /// SHA-256 of the file and of any tables imported with it (first 16 hex digits).
    pub digest: String,
    /// Who.
    pub profile: Profile,
    /// When.
    pub period: Period,
    /// Facts by key.
    pub facts: BTreeMap<String, FactValue>,
    /// Evidence records in file order.
    pub evidence: Vec<Evidence>,
    /// The member roster and credit events, when the data has them.
    pub members: Option<members::Members>,
    /// Measures taken on earlier periods' improvement actions, in file order.
    pub measures: Vec<Measure>,
    /// The file's text, kept when it records measures or types a fact related to one counted
    /// from its roster: whether each measure's action was raised before, and what the roster
    /// counts, are only known at evaluation, whose problems point into the file.
    pub source: Option<SourceFile>,
    /// Warnings about the tables: sampling rows left out because their firms are not on the
    /// roster (`unlisted: Report`), each table's firms listed.
    pub warnings: Problems,
    /// The facts a ledger of the data counted instead of their being entered, by key.
    pub counted: BTreeMap<String, Counted>,
}

impl Dataset {
    /// Reads and checks an association file (`.ron` or `.json`) against the policies.
    pub fn load(path: &Path, policies: &PolicySet) -> Result<Dataset, Problems> {
        Dataset::check(DataFile::read(path)?, policies)
    }

    /// Checks a data file read with [`DataFile::read`] against the policies.
    pub fn check(data: DataFile, policies: &PolicySet) -> Result<Dataset, Problems> {
        Dataset::check_with_tables(data, &[], policies)
    }

    /// Checks a data file together with member and event tables (`.csv`, `.xlsx`) whose rosters
    /// and events are merged into the file's, workbooks read within the default limits.
    pub fn check_with_tables(
        data: DataFile,
        tables: &[PathBuf],
        policies: &PolicySet,
    ) -> Result<Dataset, Problems> {
        Dataset::check_within(data, tables, &TableLimits::DEFAULT, None, policies)
    }

    /// Checks a data file together with tables, as [`Dataset::check_with_tables`] does, with
    /// workbooks read within `limits` (a workbook beyond them is a problem, read no further)
    /// and sampling rows taking `notice_date` (the notice's date, `--notice-date`) when the
    /// import policy lists it as a source of their date. Warnings come with the dataset, or
    /// after the problems when there are any.
    pub fn check_within(
        data: DataFile,
        tables: &[PathBuf],
        limits: &TableLimits,
        notice_date: Option<Date>,
        policies: &PolicySet,
    ) -> Result<Dataset, Problems> {
        let DataFile {
            file,
            mut raw,
            mut strings,
            mut hash,
            workbook,
        } = data;
        let mut problems = Problems::default();
        // A workbook's sheets become raw data, and a stand-in text the checks point into.
        let mut book = workbook.map(|w| w.fill(&mut raw, &mut strings, policies, &mut problems));
        let file = book.as_ref().map_or(file, |b| b.file.clone());
        let path = file.path.as_path();
        check_profile(&file, &raw, &mut problems);
        facts::check(&file, &raw.facts, &policies.catalogue, &mut problems);
        check_evidence(
            &file,
            &mut raw.evidence,
            &raw.period,
            policies,
            &mut problems,
        );
        for p in measures::check(&file, &raw.measures, &raw.evidence, &raw.period, policies) {
            problems.push(p);
        }
        let inline = raw.members.as_deref().unwrap_or_default();
        let sheets = book.as_mut().map(|b| std::mem::take(&mut b.tables));
        let given = import::Given {
            sheets: sheets.unwrap_or_default(),
            members: inline,
            strings,
            notice_date,
        };
        let mut imported = import::read(tables, limits, given, policies, &mut problems);
        let warnings = std::mem::take(&mut imported.warnings);
        if raw.members.is_some() || imported.has_roster(&policies.import) {
            check_member_facts(&file, &raw.facts.values, policies, &mut problems);
        }
        imported.digest_into(&mut hash);
        let digest = crate::policy::hex16(&hash.finalize());
        let members = import::merge(
            book.as_ref().map_or(&file, |b| &b.events),
            raw.members,
            raw.events,
            imported,
            policies,
            raw.period.end,
            &mut problems,
        );
        let counted = |k: &str| policies.credit.facts.contains_key(k);
        let relates_to_roster = members.is_some()
            && facts::relates_typed_to_counted(&policies.catalogue, &raw.facts.values, counted);
        if let Some(book) = &book {
            problems = book.relocate(problems);
        }
        if !problems.0.is_empty() {
            problems.0.extend(warnings.0);
            return Err(problems);
        }
        Ok(Dataset {
            path: path.to_path_buf(),
            digest,
            profile: raw.profile,
            period: raw.period,
            facts: raw.facts.values,
            evidence: raw.evidence,
            members,
            source: (!raw.measures.is_empty() || relates_to_roster).then(|| file.clone()),
            measures: raw.measures,
            warnings,
            counted: book.map(|b| b.counted).unwrap_or_default(),
        })
    }

    /// Checks the declared relations between the facts typed in the file and those counted
    /// from its roster, `facts` holding both as the evaluation counted them (members committed
    /// no more than members, whichever of the two the file gives).
    pub fn check_counted_facts(
        &self,
        policies: &PolicySet,
        facts: &BTreeMap<String, FactValue>,
    ) -> Result<(), Problems> {
        let Some(file) = &self.source else {
            return Ok(());
        };
        facts::check_counted(file, &self.facts, facts, &policies.catalogue).into_result(())
    }

    /// Ids of the evidence records of `kind` filed under `indicator`, in file order.
    pub fn evidence_ids(&self, indicator: &str, kind: &str) -> Vec<String> {
        self.evidence
            .iter()
            .filter(|e| e.indicator == indicator && e.kind == kind)
            .map(|e| e.id.clone())
            .collect()
    }
}

fn check_profile(file: &SourceFile, raw: &RawDataset, problems: &mut Problems) {
    if let Err(e) = credit_code::validate(&raw.profile.credit_code) {
        problems.push(file.problem_at_value(
            &raw.profile.credit_code,
            0,
            Msg::new("data-association-code-invalid").arg("why", e.msg()),
        ));
    }
    if raw.period.start > raw.period.end {
        problems.push(
            file.problem_at_key(
                "end",
                Msg::new("data-period-reversed")
                    .arg("end", raw.period.end.to_string())
                    .arg("start", raw.period.start.to_string()),
            ),
        );
    }
}

/// With a roster, the facts counted from members may not also be entered by hand.
fn check_member_facts(
    file: &SourceFile,
    facts: &BTreeMap<String, FactValue>,
    policies: &PolicySet,
    problems: &mut Problems,
) {
    for key in facts
        .keys()
        .filter(|k| policies.credit.facts.contains_key(*k))
    {
        problems.push(file.problem_at_value(
            key,
            0,
            Msg::new("data-fact-from-roster").arg("key", key),
        ));
    }
}

/// A "did you mean" message for the names close to `unknown`, `None` when none is.
pub(crate) fn did_you_mean<'a>(
    unknown: &str,
    known: impl Iterator<Item = &'a String>,
) -> Option<Msg> {
    let close = crate::policy::catalogue::closest(unknown, known);
    (!close.is_empty()).then(|| {
        Msg::new("data-did-you-mean")
            .arg("n", close.len())
            .arg("names", quoted(close))
    })
}

/// Help for an unknown name: the close names, or else the first known ones.
pub(crate) fn suggest<'a>(unknown: &str, known: impl Iterator<Item = &'a String>) -> Msg {
    let known: Vec<&String> = known.collect();
    if let Some(near) = did_you_mean(unknown, known.iter().copied()) {
        return near;
    }
    let first: Vec<String> = known.iter().take(12).map(|k| k.to_string()).collect();
    Msg::new("data-known")
        .arg("names", quoted(first))
        .arg("more", if known.len() > 12 { "yes" } else { "no" })
}

/// Names as a list argument, each in backticks.
pub(crate) fn quoted<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> Vec<String> {
    names
        .into_iter()
        .map(|n| format!("`{}`", n.as_ref()))
        .collect()
}

/// Each record with how many records before it have the same id (0 for the first): a
/// problem about a record points at the `nth` place its id is written.
pub(crate) fn numbered<T>(
    records: &[T],
    id: impl Fn(&T) -> &str,
) -> impl Iterator<Item = (&T, usize)> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    records.iter().map(move |r| {
        let count = seen.entry(id(r).to_string()).or_insert(0);
        *count += 1;
        (r, *count - 1)
    })
}

/// Evidence kinds each indicator counts: from its evidence criteria and its scorers' lists.
fn accepted_kinds(policies: &PolicySet) -> BTreeMap<&str, BTreeSet<&str>> {
    let rubric = &policies.rubric;
    rubric
        .indicators()
        .map(|i| {
            let kinds = rubric.criteria(i).iter().flat_map(|c| match &c.rule {
                Rule::Evidence { kind, .. } => vec![kind.as_str()],
                Rule::Script { evidence, .. } => evidence.iter().map(String::as_str).collect(),
                _ => Vec::new(),
            });
            (rubric.nodes[i].id.as_str(), kinds.collect())
        })
        .collect()
}

/// Checks each evidence record: a unique id, filed under an indicator that counts its kind,
/// dated within the period, or adopted before it and still in force during it (a standing
/// document: its own `valid_until`, or its kind's `valid_for`), which it then records.
fn check_evidence(
    file: &SourceFile,
    evidence: &mut [Evidence],
    period: &Period,
    policies: &PolicySet,
    problems: &mut Problems,
) {
    let accepted = accepted_kinds(policies);
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for e in evidence.iter_mut() {
        let count = seen.entry(e.id.clone()).or_insert(0);
        let nth = *count;
        *count += 1;
        if nth > 0 {
            problems.push(file.problem_at_value(
                &e.id,
                nth,
                Msg::new("data-evidence-id-twice").arg("id", &e.id),
            ));
        }
        let at = |key: &str, message: Msg| file.problem_at_field(&e.id, nth, key, message);
        match accepted.get(e.indicator.as_str()) {
            None => {
                let is_level = policies
                    .rubric
                    .find(&e.indicator)
                    .is_some_and(|i| matches!(policies.rubric.nodes[i].kind, NodeKind::Level));
                let message = if is_level {
                    Msg::new("data-evidence-under-level")
                } else {
                    Msg::new("data-evidence-not-indicator")
                };
                let message = message.arg("id", &e.id).arg("indicator", &e.indicator);
                problems.push(
                    at("indicator", message).with_help(Msg::new("data-evidence-indicators-help")),
                );
            }
            Some(kinds) if !kinds.contains(e.kind.as_str()) => {
                problems.push(
                    at(
                        "kind",
                        Msg::new("data-evidence-kind-not-counted")
                            .arg("id", &e.id)
                            .arg("kind", &e.kind)
                            .arg("indicator", &e.indicator),
                    )
                    .with_help(
                        Msg::new("data-evidence-kinds-counted")
                            .arg("indicator", &e.indicator)
                            .arg("kinds", quoted(kinds.iter())),
                    ),
                );
            }
            Some(_) => {}
        }
        if let Some(until) = e.valid_until.filter(|u| *u < e.date) {
            problems.push(at(
                "valid_until",
                Msg::new("data-evidence-valid-until-before-date")
                    .arg("id", &e.id)
                    .arg("until", until.to_string())
                    .arg("date", e.date.to_string()),
            ));
            continue;
        }
        let outside = || {
            Msg::new("data-evidence-outside-period")
                .arg("id", &e.id)
                .arg("date", e.date.to_string())
                .arg("start", period.start.to_string())
                .arg("end", period.end.to_string())
        };
        if e.date > period.end {
            problems.push(at("date", outside()));
        } else if e.date < period.start {
            let until = e.valid_until.or_else(|| {
                let validity = policies.catalogue.valid_for.get(&e.kind)?;
                validity.until(e.date)
            });
            match until {
                None => problems.push(
                    at("date", outside()).with_help(Msg::new("data-evidence-outside-period-help")),
                ),
                Some(until) if until < period.start => problems.push(at(
                    "date",
                    Msg::new("data-evidence-expired")
                        .arg("id", &e.id)
                        .arg("kind", policies.catalogue.name_of(&e.kind))
                        .arg("date", e.date.to_string())
                        .arg("until", until.to_string())
                        .arg("start", period.start.to_string()),
                )),
                Some(until) => e.carried_until = Some(until),
            }
        }
    }
}
