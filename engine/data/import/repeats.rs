//! Rows that repeat another: a sampling result pasted twice, or the same notice imported as
//! two files, is one record written twice and must not count twice (two failures of one
//! member cost it twice the points).
//!
//! Two rows repeat each other when they say the same: the same member, date, event kind (the
//! verdict), level, product, failed items, time limit and remark, and the same text in every
//! other column (those no field reads, such as 规格型号 or 生产日期/批号: two samples of one
//! product on one day differ there), compared by header across tables; 序号, which only
//! numbers the entries, and empty cells are left out. Ids decide the rest. A row's own id (an
//! `编号` cell) makes it a record of its own: two rows with different ids are two records
//! however alike, and two with the same id are already refused for using it twice. So a pair
//! repeats only when at least one of the two has no id of its own and was named after its
//! file and row. The later row is the problem, naming the earlier; it gives no event.

use std::collections::BTreeSet;
use std::hash::{BuildHasher, Hash, Hasher};
use std::path::Path;

use foldhash::fast::FixedState;
use jiff::civil::Date;
use rayon::prelude::*;

use super::layout::Layout;
use crate::data::members::Event;
use crate::data::strings::{Strings, Sym};
use crate::data::table::{self, Cell, Col, Table};
use crate::diagnostic::Problems;
use crate::message::Msg;
use crate::policy::import::{Field, ImportPolicy, normalise_header};

/// What a row says, for comparing it with others.
#[derive(PartialEq, Eq)]
struct Said<'a> {
    member: Sym,
    date: Date,
    kind: Sym,
    level: Option<Sym>,
    product: Option<Sym>,
    items: Vec<(Sym, Sym)>,
    on_time: Option<bool>,
    detail: Option<&'a str>,
    /// The cells of the columns no field reads, by header, empty ones left out.
    others: Vec<(&'a str, Cell<'a>)>,
}

/// The tables the events came from, as the comparison reads them.
struct Rows<'a> {
    tables: &'a [Table],
    layouts: &'a [Option<Layout>],
    /// For each table, the columns no field reads (序号 left out), by header, sorted.
    others: Vec<Vec<(String, usize)>>,
    policy: &'a ImportPolicy,
    strings: &'a Strings,
}

impl<'a> Rows<'a> {
    fn new(
        tables: &'a [Table],
        layouts: &'a [Option<Layout>],
        policy: &'a ImportPolicy,
        strings: &'a Strings,
    ) -> Self {
        let others = tables
            .iter()
            .zip(layouts)
            .map(|(table, layout)| {
                let Some(layout) = layout else {
                    return Vec::new();
                };
                let read: BTreeSet<usize> = layout.columns.values().map(|(c, _)| *c).collect();
                let mut columns: Vec<(String, usize)> = table
                    .cells(layout.header)
                    .enumerate()
                    .filter(|(c, _)| !read.contains(c))
                    .map(|(c, header)| (normalise_header(&header.text()), c))
                    .filter(|(h, _)| !h.is_empty() && h != table::SERIAL)
                    .collect();
                columns.sort();
                columns
            })
            .collect();
        Rows {
            tables,
            layouts,
            others,
            policy,
            strings,
        }
    }

    fn said<'s>(&'s self, event: &'s Event, (t, r): (usize, usize)) -> Said<'s> {
        let table = &self.tables[t];
        let mut items: Vec<(Sym, Sym)> = event.items.iter().map(|i| (i.name, i.class)).collect();
        items.sort_unstable();
        let others = self.others[t]
            .iter()
            .filter_map(|(header, c)| {
                let cell = table.cell(r, *c)?;
                (!cell.is_empty()).then_some((header.as_str(), cell))
            })
            .collect();
        Said {
            member: event.member,
            date: event.date,
            kind: event.kind,
            level: event.level,
            product: event.product,
            items,
            on_time: event.on_time,
            detail: event.detail.map(|d| self.strings.get(d)),
            others,
        }
    }

    /// A hash of what a row says: equal for rows that say the same (items in any order),
    /// made without building what it says.
    fn hash(&self, state: &FixedState, event: &Event, (t, r): (usize, usize)) -> u64 {
        let mut h = state.build_hasher();
        let e = event;
        (e.member, e.date, e.kind, e.level, e.product, e.on_time).hash(&mut h);
        e.detail.map(|d| self.strings.get(d)).hash(&mut h);
        let items = e.items.iter().fold(0u64, |sum, i| {
            sum.wrapping_add(state.hash_one((i.name, i.class)))
        });
        items.hash(&mut h);
        let table = &self.tables[t];
        for (header, c) in &self.others[t] {
            if let Some(cell) = table.cell(r, *c).filter(|cell| !cell.is_empty()) {
                (header, cell).hash(&mut h);
            }
        }
        h.finish()
    }

    /// Whether the row gives its event an id of its own.
    fn has_own_id(&self, (t, r): (usize, usize)) -> bool {
        let Some(layout) = &self.layouts[t] else {
            return false;
        };
        let Some((c, _)) = layout.columns.get(&Field::Id) else {
            return false;
        };
        self.tables[t].cell(r, *c).is_some_and(|cell| {
            let text = cell.text();
            !text.is_empty() && !self.policy.blank.contains(&*text)
        })
    }
}

/// Reports every row that repeats an earlier one and removes its event; `rows[i]` is the
/// table and row of `events[i]`, in file order.
pub(super) fn drop_repeats(
    tables: &[Table],
    layouts: &[Option<Layout>],
    policy: &ImportPolicy,
    strings: &Strings,
    events: &mut Vec<Event>,
    rows: &mut Vec<(usize, usize)>,
    problems: &mut Problems,
) {
    let by = Rows::new(tables, layouts, policy, strings);
    let state = FixedState::default();
    let mut hashes: Vec<(u64, usize)> = events
        .par_iter()
        .zip(rows.par_iter())
        .enumerate()
        .map(|(i, (e, at))| (by.hash(&state, e, *at), i))
        .collect();
    hashes.par_sort_unstable();
    // (later, earlier) event indices.
    let mut repeats: Vec<(usize, usize)> = Vec::new();
    for run in hashes
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() > 1)
    {
        let said: Vec<Said> = run
            .iter()
            .map(|&(_, i)| by.said(&events[i], rows[i]))
            .collect();
        for k in 1..run.len() {
            let own = by.has_own_id(rows[run[k].1]);
            let earlier =
                (0..k).find(|&j| said[j] == said[k] && !(own && by.has_own_id(rows[run[j].1])));
            if let Some(j) = earlier {
                repeats.push((run[k].1, run[j].1));
            }
        }
    }
    repeats.sort_unstable();
    for &(later, earlier) in &repeats {
        let (t, r) = rows[later];
        let first = row_named(tables, rows[earlier], t);
        let id_header = layouts[t]
            .as_ref()
            .map_or("", |l| policy.shapes[l.shape].header_of(Field::Id));
        problems.push(
            tables[t]
                .problem_at(
                    r,
                    Col::Row,
                    Msg::new("table-row-repeats").arg("first", first),
                )
                .with_help(Msg::new("table-row-repeats-help").arg("id_header", id_header)),
        );
    }
    let dropped: BTreeSet<usize> = repeats.iter().map(|&(later, _)| later).collect();
    if dropped.is_empty() {
        return;
    }
    let mut i = 0;
    events.retain(|_| {
        i += 1;
        !dropped.contains(&(i - 1))
    });
    let mut i = 0;
    rows.retain(|_| {
        i += 1;
        !dropped.contains(&(i - 1))
    });
}

/// A row as a problem in table `from` names it: by its number in the same table, with its
/// sheet and file elsewhere.
fn row_named(tables: &[Table], (t, r): (usize, usize), from: usize) -> Msg {
    let table = &tables[t];
    let number = table.rows[r].number;
    if t == from {
        return Msg::new("table-row-same").arg("row", number);
    }
    let file = table
        .path()
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let same_file = Path::new(tables[from].path()) == table.path();
    match table.sheet() {
        Some(sheet) if same_file => Msg::new("table-row-sheet")
            .arg("sheet", sheet)
            .arg("row", number),
        Some(sheet) => Msg::new("table-row-file-sheet")
            .arg("file", file)
            .arg("sheet", sheet)
            .arg("row", number),
        None => Msg::new("table-row-file")
            .arg("file", file)
            .arg("row", number),
    }
}
