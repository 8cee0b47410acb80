//! A whole association from one workbook: the data template `cogov template` writes, filled
//! in, read into the same raw data an association file (RON or JSON) gives, and checked by the
//! same checks.
//!
//! Reading happens in two steps, as for a file: [`read`] opens the workbook and finds its
//! sheets and the sector (which decides the policies); [`Workbook::fill`] then reads every
//! sheet with the policies — evidence kinds and indicators by name or id, facts by their kind,
//! the complaint ledger into facts and credit events — and hands the member and event sheets
//! to the import. The checks shared with RON and JSON point into a stand-in text ([`shadow`]),
//! and their problems are moved to the cells they are about; every problem names the sheet,
//! the row and the column.

mod cells;
pub(crate) mod layout;
mod shadow;
mod sheets;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use calamine::Reader;
use jiff::civil::Date;
use sha2::{Digest, Sha256};

use super::facts::Written;
use super::ledger::Counted;
use super::strings::Strings;
use super::table::{self, Table, TableLimits};
use super::{DataFile, Period, Profile, RawDataset};
use crate::diagnostic::{Problem, Problems, SourceFile};
use crate::message::Msg;
use crate::policy::PolicySet;
use cells::Found;
use layout::{Column, ProfileField, Sheet};
use shadow::{Places, Shadow};

/// A data workbook read, its sheets found, not yet read with the policies.
#[derive(Clone, Debug)]
pub(crate) struct Workbook {
    path: PathBuf,
    /// Every worksheet that has a cell.
    tables: Vec<Table>,
    /// The table of each sheet of the template found.
    sheets: BTreeMap<Sheet, usize>,
    /// What was found wrong while reading, reported with the check's problems.
    problems: Problems,
}

/// Whether a path names a workbook (`.xlsx`), which an association's data may be.
pub(crate) fn is_workbook(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// Whether a workbook is an association's data (it has the profile sheet, 基本信息), not a
/// table to merge into one.
pub(crate) fn is_association_workbook(path: &Path) -> bool {
    is_workbook(path)
        && calamine::open_workbook::<calamine::Xlsx<_>, _>(path).is_ok_and(|book| {
            book.sheet_names()
                .iter()
                .any(|n| Sheet::named(n) == Some(Sheet::Profile))
        })
}

/// Reads a data workbook: its sheets (an unknown sheet is a problem, the instructions sheet is
/// passed over) and the sector the profile sheet declares. Fails when the workbook cannot be
/// read or gives no sector; the other problems are reported when it is checked.
pub(super) fn read(path: &Path) -> Result<DataFile, Problems> {
    let mut problems = Problems::default();
    let (tables, bytes) = table::read(path, &TableLimits::DEFAULT, &mut problems)?;
    let mut sheets = BTreeMap::new();
    for (t, table) in tables.iter().enumerate() {
        let name = table.sheet().unwrap_or_default();
        match Sheet::named(name) {
            Some(Sheet::Instructions) => {}
            Some(sheet) => {
                if let Some(&first) = sheets.get(&sheet) {
                    let first: &Table = &tables[first];
                    problems.push(
                        table.problem(
                            Msg::new("template-sheet-twice")
                                .arg("first", first.sheet().unwrap_or_default()),
                        ),
                    );
                } else {
                    sheets.insert(sheet, t);
                }
            }
            None => {
                let names: Vec<Msg> = Sheet::ALL.iter().map(|s| s.name()).collect();
                problems.push(
                    table
                        .problem(Msg::new("template-sheet-unknown"))
                        .with_help(Msg::new("template-sheets").arg("sheets", names)),
                );
            }
        }
    }
    let Some(&p) = sheets.get(&Sheet::Profile) else {
        problems.push(
            Problem::in_file(
                path,
                Msg::new("template-no-profile").arg("sheet", Sheet::Profile.name()),
            )
            .with_help(Msg::new("template-no-profile-help")),
        );
        return Err(problems);
    };
    let before = problems.0.len();
    let sector = Found::new(&tables[p], Sheet::Profile, &mut problems).and_then(|found| {
        let rows = sheets::profile_rows(&found, &mut problems);
        let row = *rows.get(&ProfileField::Sector)?;
        let sector = found.text(row, Column::Value, &[]);
        if sector.is_none() {
            problems.push(found.problem(row, Column::Value, Msg::new("template-sector-empty")));
        }
        sector
    });
    let Some(sector) = sector else {
        if problems.0.len() == before {
            // A sheet of empty cells: no header row, no rows.
            let label = ProfileField::Sector.label();
            let message = Msg::new("template-profile-missing").arg("label", label);
            problems.push(tables[p].problem(message));
        }
        return Err(problems);
    };
    let raw = RawDataset {
        profile: Profile {
            name: String::new(),
            sector,
            credit_code: String::new(),
        },
        // The widest period until the profile sheet is read: nothing is outside it, so a
        // period that cannot be read is reported once, at its cells.
        period: Period {
            id: String::new(),
            start: Date::MIN,
            end: Date::MAX,
        },
        facts: Written::default(),
        evidence: Vec::new(),
        members: None,
        events: Vec::new(),
        measures: Vec::new(),
    };
    Ok(DataFile {
        file: SourceFile::new(path, ""),
        raw,
        strings: Strings::default(),
        hash: Sha256::new_with_prefix(bytes),
        workbook: Some(Box::new(Workbook {
            path: path.to_path_buf(),
            tables,
            sheets,
            problems,
        })),
    })
}

/// A workbook read with the policies: the stand-in texts the shared checks point into, the
/// sheets for the import, and the facts its ledgers counted.
pub(super) struct Filled {
    /// The stand-in for the profile, the facts and the evidence.
    pub(crate) file: SourceFile,
    /// The stand-in for the events the ledgers give.
    pub(crate) events: SourceFile,
    /// The member and event sheets that have entries, for the import to read.
    pub(crate) tables: Vec<Table>,
    /// The facts a ledger counted, with the ledger.
    pub(crate) counted: BTreeMap<String, Counted>,
    places: Places,
    /// The workbook's sheets but those handed to the import, in workbook order.
    sheets: Vec<Option<Table>>,
    /// The name of every sheet, in workbook order.
    names: Vec<String>,
}

impl Filled {
    /// Moves the problems found in the stand-in texts to their cells.
    pub(super) fn relocate(&self, problems: Problems) -> Problems {
        self.places.relocate(problems, &self.sheets, &self.names)
    }
}

impl Workbook {
    /// Reads every sheet into `raw` (the profile, facts, evidence, and the complaint ledger's
    /// facts and events, whose strings go into `strings`); every cell that cannot be read is
    /// a problem at the cell.
    pub(super) fn fill(
        self,
        raw: &mut RawDataset,
        strings: &mut Strings,
        policies: &PolicySet,
        problems: &mut Problems,
    ) -> Filled {
        problems.0.extend(self.problems.0);
        let blank: Vec<&str> = policies.import.blank.iter().map(String::as_str).collect();
        let cx = sheets::Context {
            tables: &self.tables,
            sheets: &self.sheets,
            policies,
            blank,
        };
        let with_entries = |sheet: Sheet| {
            self.sheets
                .get(&sheet)
                .filter(|t| cells::has_entries(&self.tables[**t]))
                .copied()
        };
        let roster = with_entries(Sheet::Members).is_some();
        let mut shadow = Shadow::default();
        sheets::profile(&cx, raw, &mut shadow, problems);
        let ledger = sheets::complaints(&cx, &raw.period, roster, problems);
        let mut given = BTreeMap::new();
        if roster {
            for fact in policies.credit.facts.keys() {
                given.insert(fact.clone(), sheets::Given::Members);
            }
        }
        let mut counted = BTreeMap::new();
        if let Some(read) = &ledger {
            for fact in read.ledger.facts() {
                given.insert(
                    fact.to_string(),
                    sheets::Given::Ledger(read.ledger.name.clone()),
                );
                counted.insert(
                    fact.to_string(),
                    Counted {
                        ledger: read.ledger.name.clone(),
                        entries: read.entries,
                    },
                );
            }
        }
        sheets::facts(&cx, raw, &given, &mut shadow, problems);
        if let Some(read) = &ledger {
            read.facts(raw, &mut shadow);
        }
        sheets::evidence(&cx, raw, &mut shadow, problems);
        shadow.start_events();
        if let Some(read) = &ledger {
            read.events(raw, strings, &mut shadow);
        }
        let imported: Vec<usize> = [Sheet::Members, Sheet::Events]
            .into_iter()
            .filter_map(with_entries)
            .collect();
        let names = self
            .tables
            .iter()
            .map(|t| t.sheet().unwrap_or_default().to_string())
            .collect();
        let mut sheets: Vec<Option<Table>> = self.tables.into_iter().map(Some).collect();
        // The stand-in texts never point into the roster and events: the import takes them.
        let tables = imported.iter().filter_map(|t| sheets[*t].take()).collect();
        let (file, events) = shadow.files(&self.path);
        Filled {
            file,
            events,
            tables,
            counted,
            places: shadow.places(&self.path),
            sheets,
            names,
        }
    }
}
