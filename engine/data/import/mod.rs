//! Importing tables: member rosters, supervision sampling results and credit event tables (CSV
//! or Excel, Chinese headers) become members and events, merged with those of the association
//! file before they are checked and compacted together by [`Members::build`].
//!
//! How headers map to fields, what the verdict words mean and how failed items are written is
//! the import policy's (`import.ron`). Every row becomes a member or an event, or is a problem
//! naming the file, the sheet and the row; no row is skipped, and the problems of all tables
//! are reported together. Only wholly empty rows are passed over: they hold nothing.
//!
//! Checks are split by what they need. What only a table has — headers, empty cells, dates
//! written as text, verdict words, item classes in brackets, members named by company name — is
//! checked here. What every event must satisfy wherever it was written — known kind and level,
//! a member on the roster, a unique id, a date within the period — is checked once, by
//! [`Members::build`], and placed back at the row through [`Place`].

mod layout;
mod repeats;
mod rows;

use std::path::PathBuf;

use jiff::civil::Date;
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::members::{Event, Member, Members, Place};
use super::strings::{Absorbed, Strings};
use super::table::{self, Cell, Col, Table, TableLimits};
use crate::diagnostic::{Problem, Problems, SourceFile};
use crate::message::Msg;
use crate::policy::PolicySet;
use crate::policy::import::{Field, ImportPolicy, ShapeKind};
use crate::text::Text;
use layout::{Layout, layout};
use rows::{At, Roster, Rows};

/// What the tables hold, each member and event with the table row it came from.
#[derive(Default)]
pub(crate) struct Imported {
    tables: Vec<Table>,
    layouts: Vec<Option<Layout>>,
    members: Vec<Member>,
    member_rows: Vec<(usize, usize)>,
    events: Vec<Event>,
    event_rows: Vec<(usize, usize)>,
    /// SHA-256 of each table file, in the order given.
    digests: Vec<[u8; 32]>,
    /// The strings of the association file's events, with those of the tables' events added.
    strings: Strings,
    /// Warnings: the rows left out because their firms are not on the roster.
    pub(crate) warnings: Problems,
}

impl Imported {
    /// Whether some table is a member roster.
    pub(crate) fn has_roster(&self, policy: &ImportPolicy) -> bool {
        self.layouts
            .iter()
            .flatten()
            .any(|l| matches!(policy.shapes[l.shape].kind, ShapeKind::Roster))
    }

    /// Adds the table files to a digest of the data.
    pub(crate) fn digest_into(&self, hash: &mut Sha256) {
        for d in &self.digests {
            hash.update([0]);
            hash.update(d);
        }
    }
}

/// How many rows of a table one core reads at a time.
const ROW_SLICE: usize = 1 << 14;

/// How many rows ahead of the one being read a row's credit code is warmed on the roster: its
/// slot twice as far, its record this far.
const WARM_AHEAD: usize = 8;

/// What the association's own data brings to the import of its tables.
pub(crate) struct Given<'a> {
    /// Tables already read (a data workbook's member and event sheets), read after the files.
    pub sheets: Vec<Table>,
    /// The association file's own roster, against which company names are matched together
    /// with the roster tables.
    pub members: &'a [Member],
    /// The strings of its events, to which the tables' are added.
    pub strings: Strings,
    /// The date of the sampling notice given on the command line.
    pub notice_date: Option<Date>,
}

/// The rows of a slice of a table, read on one core into its own places of the table's
/// events, from the first on.
#[derive(Default)]
struct Slice {
    /// How many of its places the slice filled with events, their symbols those of `strings`
    /// (but for their members: see `unlisted`).
    filled: usize,
    /// The events whose member is a code the roster lacks, its symbol one of `strings`; every
    /// other event's member has the symbol the roster gave it.
    unlisted: Vec<usize>,
    /// The strings of the events.
    strings: Strings,
    /// The problems of the rows.
    found: Problems,
    /// The firms of the rows left out, one per row.
    left_out: Vec<String>,
}

impl Slice {
    /// Gives the slice's `events` the symbols their strings have where the slice's were
    /// `absorbed`.
    fn take_symbols(&self, events: &mut [Event], absorbed: &Absorbed) {
        for event in &mut events[..self.filled] {
            let here = |sym| absorbed.get(sym);
            event.id = here(event.id);
            event.kind = here(event.kind);
            event.level = event.level.map(here);
            event.product = event.product.map(here);
            event.detail = event.detail.map(here);
            for item in &mut event.items {
                item.name = here(item.name);
                item.class = here(item.class);
            }
        }
        for &e in &self.unlisted {
            events[e].member = absorbed.get(events[e].member);
        }
    }
}

/// Reads every table (workbooks within `limits`), recognises its shape and turns its rows into
/// members and events, with what the association's data has `given`.
pub(crate) fn read(
    paths: &[PathBuf],
    limits: &TableLimits,
    given: Given,
    policies: &PolicySet,
    problems: &mut Problems,
) -> Imported {
    let Given {
        sheets,
        members: inline,
        strings,
        notice_date,
    } = given;
    let policy = &policies.import;
    let mut imported = Imported {
        strings,
        ..Imported::default()
    };
    for path in paths {
        match table::read(path, limits, problems) {
            Ok((tables, digest)) => {
                imported.digests.push(digest);
                if tables.is_empty() {
                    problems.push(Problem::in_file(path, Msg::new("import-workbook-empty")));
                }
                imported.tables.extend(tables);
            }
            Err(p) => problems.push(p),
        }
    }
    imported.tables.extend(sheets);
    if imported.tables.is_empty() {
        return imported;
    }
    if policy.shapes.is_empty() {
        let folder = policies.root.join("base/import.ron");
        problems.push(
            Problem::in_file(imported.tables[0].path(), Msg::new("import-no-shapes")).with_help(
                Msg::new("import-no-shapes-help").arg("path", folder.display().to_string()),
            ),
        );
        return imported;
    }
    imported.layouts = imported
        .tables
        .iter()
        .map(|t| layout(t, policy, notice_date, problems))
        .collect();
    let shared = shared_workbooks(&imported.tables);
    let (rosters, others): (Vec<_>, Vec<_>) = imported
        .layouts
        .iter()
        .enumerate()
        .filter_map(|(t, l)| l.as_ref().map(|l| (t, l)))
        .partition(|(_, l)| matches!(policy.shapes[l.shape].kind, ShapeKind::Roster));
    let mut roster_rows = Rows::new(policy, &policies.credit, problems, notice_date);
    let (mut members, mut member_rows) = (Vec::new(), Vec::new());
    for &(t, layout) in &rosters {
        let table = &imported.tables[t];
        for row in data_rows(table, layout) {
            if let Some(m) = roster_rows.member(At {
                table,
                layout,
                row,
                shared: shared[t],
            }) {
                members.push(m);
                member_rows.push((t, row));
            }
        }
    }
    // Company names are matched against the whole roster: the file's and the tables'.
    let roster = Roster::new(inline.iter().chain(&members), &mut imported.strings);
    let (mut events, mut event_rows) = (Vec::new(), Vec::new());
    for &(t, layout) in &others {
        let table = &imported.tables[t];
        let numbers: Vec<usize> = data_rows(table, layout).collect();
        // A slice of rows per core, each slice with its problems, firms left out and strings,
        // joined in row order: problems and events come out as one reader would give them.
        // Each slice fills in its own places of one vector of events, which the joined
        // slices then close up: a million events are not copied from the slices.
        let mut table_events = vec![Event::unfilled(); numbers.len()];
        let mut table_rows = vec![(t, 0); numbers.len()];
        let slices: Vec<Slice> = numbers
            .par_chunks(ROW_SLICE)
            .zip(table_events.par_chunks_mut(ROW_SLICE))
            .zip(table_rows.par_chunks_mut(ROW_SLICE))
            .map(|((slice, events), event_rows)| {
                let mut found = Problems::default();
                let mut rows = Rows::new(policy, &policies.credit, &mut found, notice_date);
                let mut read = Slice::default();
                for (k, &row) in slice.iter().enumerate() {
                    warm_ahead(&roster, table, layout, slice, k);
                    let at = At {
                        table,
                        layout,
                        row,
                        shared: shared[t],
                    };
                    if let Some(event) = rows.event(at, &roster) {
                        let (event, unlisted) = event.intern(at, &mut read.strings);
                        if unlisted {
                            read.unlisted.push(read.filled);
                        }
                        events[read.filled] = event;
                        event_rows[read.filled].1 = row;
                        read.filled += 1;
                    }
                }
                read.left_out = rows.take_left_out();
                read.found = found;
                read
            })
            .collect();
        // The slices' strings are absorbed in row order, on one core; their events then take
        // the symbols absorbed a slice per core.
        imported
            .strings
            .reserve_for(slices.iter().map(|s| &s.strings));
        let absorbed: Vec<Absorbed> = slices
            .iter()
            .map(|s| imported.strings.absorb(&s.strings))
            .collect();
        table_events
            .par_chunks_mut(ROW_SLICE)
            .zip(&slices)
            .zip(&absorbed)
            .for_each(|((events, slice), here)| slice.take_symbols(events, here));
        let filled: Vec<usize> = slices.iter().map(|s| s.filled).collect();
        close_up(&mut table_events, &filled);
        close_up(&mut table_rows, &filled);
        if events.is_empty() {
            (events, event_rows) = (table_events, table_rows);
        } else {
            events.append(&mut table_events);
            event_rows.append(&mut table_rows);
        }
        let mut left_out = Vec::new();
        for slice in slices {
            problems.0.extend(slice.found.0);
            left_out.extend(slice.left_out);
        }
        imported.warnings.0.extend(rows::left_out(table, &left_out));
    }
    repeats::drop_repeats(
        &imported.tables,
        &imported.layouts,
        policy,
        &imported.strings,
        &mut events,
        &mut event_rows,
        problems,
    );
    imported.members = members;
    imported.member_rows = member_rows;
    imported.events = events;
    imported.event_rows = event_rows;
    imported
}

/// Merges the association file's roster and events with the tables' and checks and compacts
/// them all; `None` when neither gives a roster (events without one are a problem).
pub(crate) fn merge(
    file: &SourceFile,
    members: Option<Vec<Member>>,
    events: Vec<Event>,
    mut imported: Imported,
    policies: &PolicySet,
    period_end: Date,
    problems: &mut Problems,
) -> Option<Members> {
    if members.is_none() && !imported.has_roster(&policies.import) {
        if !events.is_empty() {
            problems.push(file.problem_at_key("events", Msg::new("data-events-need-roster")));
        }
        let roster = policies
            .import
            .shapes
            .iter()
            .find(|s| matches!(s.kind, ShapeKind::Roster))
            .map_or_else(
                || Text::new("会员名录", "member roster"),
                |s| s.name.clone(),
            );
        for (t, layout) in imported.layouts.iter().enumerate() {
            if layout.is_some() {
                problems.push(
                    imported.tables[t]
                        .problem(Msg::new("import-events-need-roster").arg("roster", &roster)),
                );
            }
        }
        return None;
    }
    let table_members = std::mem::take(&mut imported.members);
    let table_events = std::mem::take(&mut imported.events);
    let strings = std::mem::take(&mut imported.strings);
    let mut list = members.unwrap_or_default();
    let mut all_events = events;
    let place = Sources {
        file,
        inline_members: list.len(),
        inline_events: all_events.len(),
        imported: &imported,
    };
    list.extend(table_members);
    // A million events from the tables are not copied to follow none of the file's.
    if all_events.is_empty() {
        all_events = table_events;
    } else {
        all_events.extend(table_events);
    }
    Some(Members::build(
        &place,
        list,
        all_events,
        strings,
        period_end,
        &policies.credit,
        problems,
    ))
}

/// Where the merged roster and events were written: the association file first, then the rows.
struct Sources<'a> {
    file: &'a SourceFile,
    inline_members: usize,
    inline_events: usize,
    imported: &'a Imported,
}

impl Place for Sources<'_> {
    fn member(
        &self,
        index: usize,
        member: &Member,
        nth: usize,
        key: &str,
        message: Msg,
    ) -> Problem {
        if index < self.inline_members {
            return self.file.member(index, member, nth, key, message);
        }
        let (t, r) = self.imported.member_rows[index - self.inline_members];
        let fields: &[Field] = match key {
            "archive_updated" => &[Field::ArchiveUpdated],
            "applied" => &[Field::Applied],
            _ => &[Field::Code],
        };
        let col = self.column(t, fields);
        self.imported.tables[t].problem_at(r, col, message)
    }

    fn event(&self, index: usize, id: &str, nth: usize, key: &str, message: Msg) -> Problem {
        if index < self.inline_events {
            return self.file.event(index, id, nth, key, message);
        }
        let (t, r) = self.imported.event_rows[index - self.inline_events];
        let fields: &[Field] = match key {
            "id" => &[Field::Id],
            "member" => &[Field::Code, Field::Company],
            "date" => &[Field::Date],
            "kind" => &[Field::Kind, Field::Verdict],
            "level" => &[Field::Level, Field::Items],
            "items" => &[Field::Items],
            "product" => &[Field::Product],
            _ => &[],
        };
        let col = self.column(t, fields);
        self.imported.tables[t].problem_at(r, col, message)
    }
}

impl Sources<'_> {
    /// The column of the first of `fields` the table has, named by its header.
    fn column(&self, table: usize, fields: &[Field]) -> Col<'_> {
        let Some(layout) = self.imported.layouts[table].as_ref() else {
            return Col::Row;
        };
        fields
            .iter()
            .find_map(|f| layout.columns.get(f))
            .map_or(Col::Row, |(c, header)| Col::Header(*c, header))
    }
}

/// Closes up the places that slices of [`ROW_SLICE`] rows filled in, from the first of each,
/// `filled[s]` by slice `s`: the filled places in order, those left unfilled dropped.
fn close_up<T>(places: &mut Vec<T>, filled: &[usize]) {
    let mut end = 0;
    for (s, &n) in filled.iter().enumerate() {
        let first = s * ROW_SLICE;
        // The places from `end` to `first` are unfilled: the slice's own move before them.
        places[end..first + n].rotate_left(first - end);
        end += n;
    }
    places.truncate(end);
}

/// For each table, whether its workbook gives other tables too (rows without an id are then
/// named with the sheet as well as the file).
fn shared_workbooks(tables: &[Table]) -> Vec<bool> {
    tables
        .iter()
        .map(|t| tables.iter().filter(|o| o.path() == t.path()).count() > 1)
        .collect()
}

/// Indices of the rows below the header that hold anything.
fn data_rows<'a>(table: &'a Table, layout: &Layout) -> impl Iterator<Item = usize> + 'a {
    let header = layout.header;
    (header + 1..table.rows.len()).filter(move |r| !table.rows[*r].is_empty())
}

/// Warms the roster for the rows ahead of the `k`th of `slice`, so that their look-ups by
/// credit code wait on memory while this row and the next are read, not each in its turn.
fn warm_ahead(roster: &Roster, table: &Table, layout: &Layout, slice: &[usize], k: usize) {
    let Some(col) = layout.column(Field::Code) else {
        return;
    };
    let code = |ahead: usize| match slice.get(k + ahead).and_then(|&r| table.cell(r, col)) {
        Some(Cell::Text(code)) => Some(code),
        _ => None,
    };
    if let Some(code) = code(2 * WARM_AHEAD) {
        roster.warm_slot(code);
    }
    if let Some(code) = code(WARM_AHEAD) {
        roster.warm_record(code);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_closed_up_keep_what_each_filled_in_row_order() {
        let mut places: Vec<usize> = (0..2 * ROW_SLICE + 10).collect();
        close_up(&mut places, &[3, ROW_SLICE, 4]);
        let expected: Vec<usize> = (0..3)
            .chain(ROW_SLICE..2 * ROW_SLICE)
            .chain(2 * ROW_SLICE..2 * ROW_SLICE + 4)
            .collect();
        assert_eq!(places, expected);
        let mut none: Vec<usize> = (0..ROW_SLICE + 1).collect();
        close_up(&mut none, &[0, 0]);
        assert!(none.is_empty());
    }
}
