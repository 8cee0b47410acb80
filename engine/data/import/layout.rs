//! Recognising a table: which row holds the headers, which shape of the import policy the
//! table has, and which column holds each field. Every header problem is reported: headers the
//! policy does not know, columns given twice, required columns missing, cells without a
//! header, rows above the header that are not titles.

use std::collections::BTreeMap;

use super::is_empty_row;
use crate::data::table::{self, Cell, Col, Table};
use crate::data::{did_you_mean, quoted};
use crate::diagnostic::Problems;
use crate::message::Msg;
use crate::policy::import::{Field, ImportPolicy, Shape, normalise_header};

/// How one table is laid out: its shape, its header row and the column of each field.
pub(super) struct Layout {
    /// Index into the policy's shapes.
    pub(super) shape: usize,
    /// Index of the header row in the table's rows.
    pub(super) header: usize,
    /// Column of each field the table has, and the header as the table writes it.
    pub(super) columns: BTreeMap<Field, (usize, String)>,
}

/// Finds the header row and shape of a table and maps its columns; every header problem is
/// reported. `None` when the rows cannot be read (no shape, or a required column missing).
pub(super) fn layout(
    table: &Table,
    policy: &ImportPolicy,
    problems: &mut Problems,
) -> Option<Layout> {
    let normalised = |row: &table::Row| -> Vec<String> {
        row.cells
            .iter()
            .map(|c| normalise_header(&c.text()))
            .collect()
    };
    let found = table.rows.iter().enumerate().find_map(|(r, row)| {
        let headers = normalised(row);
        policy
            .shapes
            .iter()
            .position(|s| s.identifies(&headers))
            .map(|s| (r, s, headers))
    });
    let Some((header, s, headers)) = found else {
        let kinds: Vec<Msg> = policy
            .shapes
            .iter()
            .map(|s| {
                let marks = quoted(s.identify.iter().map(|f| s.header_of(*f)));
                Msg::new("import-shape-headers")
                    .arg("shape", &s.name)
                    .arg("headers", marks)
            })
            .collect();
        let first = table.rows.iter().find(|r| !is_empty_row(r));
        let seen = first.map_or_else(
            || Msg::new("import-table-empty"),
            |r| {
                let cells = quoted(r.cells.iter().map(Cell::text).filter(|c| !c.is_empty()));
                Msg::new("import-first-row").arg("cells", cells)
            },
        );
        problems.push(
            table
                .problem(Msg::new("import-unknown-shape").arg("shapes", kinds))
                .with_help(Msg::new("import-unknown-shape-help").arg("seen", seen)),
        );
        return None;
    };
    let shape = &policy.shapes[s];
    for (r, row) in table.rows[..header].iter().enumerate() {
        if row.cells.iter().filter(|c| !c.text().is_empty()).count() > 1 {
            problems.push(
                table
                    .problem_at(
                        r,
                        Col::Row,
                        Msg::new("import-row-above-header")
                            .arg("header", table.rows[header].number),
                    )
                    .with_help(Msg::new("import-row-above-header-help")),
            );
        }
    }
    let mut columns: BTreeMap<Field, (usize, String)> = BTreeMap::new();
    let width = table.rows[header + 1..]
        .iter()
        .map(|r| r.cells.len())
        .chain([headers.len()])
        .max()
        .unwrap_or(0);
    for col in 0..width {
        let header_text = table.rows[header]
            .cell(col)
            .map(Cell::text)
            .unwrap_or_default();
        let normal = headers.get(col).cloned().unwrap_or_default();
        if normal.is_empty() {
            let filled = (header + 1..table.rows.len()).find(|r| {
                table.rows[*r]
                    .cell(col)
                    .is_some_and(|c| !c.text().is_empty())
            });
            if let Some(r) = filled {
                problems.push(
                    table
                        .problem_at(r, Col::Letter(col), Msg::new("import-value-without-header"))
                        .with_help(Msg::new("import-value-without-header-help")),
                );
            }
        } else if let Some(field) = shape.headers.get(&normal) {
            if let Some((_, first)) = columns.get(field) {
                problems.push(
                    table.problem_at(
                        header,
                        Col::Cell(col),
                        Msg::new("import-column-twice")
                            .arg("header", &header_text)
                            .arg("first", first)
                            .arg("field", shape.header_of(*field)),
                    ),
                );
            } else {
                columns.insert(*field, (col, header_text));
            }
        } else if !shape.ignore.contains(&normal) {
            let known: Vec<String> = shape.headers.keys().chain(&shape.ignore).cloned().collect();
            let add = Msg::new("import-unknown-header-help").arg("header", &header_text);
            let help = match did_you_mean(&normal, known.iter()) {
                Some(near) => Msg::new("import-near-or").arg("near", near).arg("add", add),
                None => add,
            };
            problems.push(
                table
                    .problem_at(
                        header,
                        Col::Cell(col),
                        Msg::new("import-unknown-header")
                            .arg("header", &header_text)
                            .arg("shape", &shape.name),
                    )
                    .with_help(help),
            );
        }
    }
    let mut readable = true;
    for field in shape.required() {
        if !columns.contains_key(&field) {
            readable = false;
            problems.push(
                table
                    .problem_at(
                        header,
                        Col::Row,
                        Msg::new("import-needs-column")
                            .arg("shape", &shape.name)
                            .arg("header", shape.header_of(field)),
                    )
                    .with_help(
                        Msg::new("import-accepted-headers").arg("headers", spellings(shape, field)),
                    ),
            );
        }
    }
    let member = shape.member_fields();
    if !member.is_empty() && !member.iter().any(|f| columns.contains_key(f)) {
        readable = false;
        let names = quoted(member.iter().map(|f| shape.header_of(*f)));
        problems.push(
            table.problem_at(
                header,
                Col::Row,
                Msg::new("import-needs-member-column")
                    .arg("shape", &shape.name)
                    .arg("n", names.len())
                    .arg("headers", names),
            ),
        );
    }
    readable.then_some(Layout {
        shape: s,
        header,
        columns,
    })
}

fn spellings(shape: &Shape, field: Field) -> Vec<String> {
    quoted(shape.spellings.get(&field).into_iter().flatten())
}
