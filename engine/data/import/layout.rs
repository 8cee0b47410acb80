//! Recognising a table: which row holds the headers, which shape of the import policy the
//! table has, and which column holds each field. Every header problem is reported: headers the
//! policy does not know, columns given twice, required columns missing, cells without a
//! header, rows above the header that are not titles.

use std::collections::BTreeMap;

use super::is_empty_row;
use crate::data::table::{self, Cell, Table};
use crate::diagnostic::Problems;
use crate::policy::catalogue::suggest;
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
        let kinds: Vec<String> = policy
            .shapes
            .iter()
            .map(|s| {
                let marks: Vec<String> = s
                    .identify
                    .iter()
                    .map(|f| format!("`{}`", s.header_of(*f)))
                    .collect();
                format!("{} ({})", s.name.zh, marks.join(" and "))
            })
            .collect();
        let first = table.rows.iter().find(|r| !is_empty_row(r));
        let seen = first.map_or_else(
            || "the table is empty".to_string(),
            |r| {
                let cells: Vec<String> = r
                    .cells
                    .iter()
                    .map(Cell::text)
                    .filter(|c| !c.is_empty())
                    .map(|c| format!("`{c}`"))
                    .collect();
                format!("its first row has {}", cells.join(", "))
            },
        );
        problems.push(
            table
                .problem(format!(
                    "cannot tell what this table holds: no row has the headers of {}",
                    kinds.join(", ")
                ))
                .with_help(format!(
                    "{seen}; the header spellings are listed in import.ron"
                )),
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
                        None,
                        format!(
                            "this row is above the header row (row {}) but is not a title",
                            table.rows[header].number
                        ),
                    )
                    .with_help(
                        "a title row has one cell; move the row below the header, or delete it",
                    ),
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
                        .problem_at(
                            r,
                            Some(col),
                            format!(
                                "column {} has a value here but no header",
                                column_letter(col)
                            ),
                        )
                        .with_help("give the column a header, or clear its cells"),
                );
            }
        } else if let Some(field) = shape.headers.get(&normal) {
            if let Some((_, first)) = columns.get(field) {
                problems.push(table.problem_at(
                    header,
                    Some(col),
                    format!(
                        "`{header_text}` and `{first}` are both the {} column; keep one",
                        shape.header_of(*field)
                    ),
                ));
            } else {
                columns.insert(*field, (col, header_text));
            }
        } else if !shape.ignore.contains(&normal) {
            let known: Vec<String> = shape.headers.keys().chain(&shape.ignore).cloned().collect();
            let near = suggest(&normal, known.iter()).word(crate::text::Lang::En);
            let add = format!(
                "add `{header_text}` under `ignore` in import.ron if the column is not needed, or under the field it holds in `columns`"
            );
            let help = if near.starts_with("did you mean") {
                format!("{near} or {add}")
            } else {
                add
            };
            problems.push(
                table
                    .problem_at(
                        header,
                        Some(col),
                        format!("`{header_text}` is not a header of {}", shape.name.zh),
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
                        None,
                        format!(
                            "{} needs a `{}` column",
                            shape.name.zh,
                            shape.header_of(field)
                        ),
                    )
                    .with_help(format!(
                        "headers accepted for it: {}",
                        spellings(shape, field)
                    )),
            );
        }
    }
    let member = shape.member_fields();
    if !member.is_empty() && !member.iter().any(|f| columns.contains_key(f)) {
        readable = false;
        let names: Vec<String> = member
            .iter()
            .map(|f| format!("`{}`", shape.header_of(*f)))
            .collect();
        problems.push(table.problem_at(
            header,
            None,
            format!(
                "{} needs a {} column to tell which member each row concerns",
                shape.name.zh,
                names.join(" or ")
            ),
        ));
    }
    readable.then_some(Layout {
        shape: s,
        header,
        columns,
    })
}

fn spellings(shape: &Shape, field: Field) -> String {
    let list: Vec<String> = shape
        .spellings
        .get(&field)
        .into_iter()
        .flatten()
        .map(|s| format!("`{s}`"))
        .collect();
    list.join(", ")
}

/// `A`, `B`, … `Z`, `AA`: a column as Excel names it.
fn column_letter(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push((b'A' + rem as u8) as char);
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_excel_does() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
    }
}
