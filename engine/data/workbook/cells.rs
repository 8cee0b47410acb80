//! Reading the template's own sheets: the header row and the column of each header, the rows
//! that hold anything, and cells as text, dates, yes or no, and numbers, each problem placed at
//! its cell (sheet, row and the column's header).

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::layout::{Column, NO, Sheet, YES, same_words};
use crate::data::quoted;
use crate::data::table::{Cell, Col, Table};
use crate::diagnostic::{Problem, Problems};
use crate::message::Msg;
use crate::text::Lang;

/// A sheet of the template found in the workbook: its table, its header row and the column of
/// each header it has.
pub(super) struct Found<'a> {
    /// The table.
    pub(super) table: &'a Table,
    /// Index of the header row.
    pub(super) header: usize,
    /// Column of each header found, with the header as written.
    columns: BTreeMap<Column, (usize, String)>,
}

impl<'a> Found<'a> {
    /// Finds the header row (the first row that holds anything) and maps its headers; every
    /// unknown, repeated and missing header is a problem. `None` when a required column is
    /// missing or the sheet holds nothing.
    pub(super) fn new(
        table: &'a Table,
        sheet: Sheet,
        problems: &mut Problems,
    ) -> Option<Found<'a>> {
        let header = table.rows.iter().position(|r| !r.is_empty())?;
        let mut columns = BTreeMap::new();
        let known = sheet.columns();
        for (c, cell) in table.cells(header).enumerate() {
            let text = cell.text().into_owned();
            if text.is_empty() {
                continue;
            }
            match known.iter().find(|k| same_words(&text, &k.header())) {
                Some(k) if columns.contains_key(k) => problems.push(table.problem_at(
                    header,
                    Col::Cell(c),
                    Msg::new("template-header-twice").arg("header", &text),
                )),
                Some(k) => {
                    columns.insert(*k, (c, text));
                }
                None => {
                    let expected = quoted(known.iter().map(|k| k.header().word(Lang::Zh)));
                    problems.push(
                        table
                            .problem_at(
                                header,
                                Col::Cell(c),
                                Msg::new("template-header-unknown")
                                    .arg("header", &text)
                                    .arg("sheet", sheet.name()),
                            )
                            .with_help(Msg::new("template-headers").arg("headers", expected)),
                    );
                }
            }
        }
        let found = Found {
            table,
            header,
            columns,
        };
        let mut readable = true;
        for k in known.iter().filter(|k| k.required()) {
            if !found.columns.contains_key(k) {
                readable = false;
                problems.push(table.problem_at(
                    header,
                    Col::Row,
                    Msg::new("template-header-missing").arg("header", k.header()),
                ));
            }
        }
        for r in found.rows() {
            for (c, cell) in table.cells(r).enumerate() {
                let headed = found.columns.values().any(|(hc, _)| *hc == c);
                let under_header = table.cell(header, c).is_some_and(|h| !h.is_empty());
                if !headed && !under_header && !cell.is_empty() {
                    problems.push(
                        table
                            .problem_at(r, Col::Letter(c), Msg::new("import-value-without-header"))
                            .with_help(Msg::new("import-value-without-header-help")),
                    );
                }
            }
        }
        readable.then_some(found)
    }

    /// Indices of the rows below the header that hold anything.
    pub(super) fn rows(&self) -> impl Iterator<Item = usize> + '_ {
        (self.header + 1..self.table.rows.len()).filter(|r| !self.table.rows[*r].is_empty())
    }

    /// A column's place in a problem: the column named by its header (the row when the sheet
    /// has no such column).
    pub(super) fn col(&self, column: Column) -> Col<'_> {
        self.columns
            .get(&column)
            .map_or(Col::Row, |(c, header)| Col::Header(*c, header))
    }

    /// The column index and header of a column the sheet has.
    pub(super) fn column(&self, column: Column) -> Option<(usize, &str)> {
        self.columns.get(&column).map(|(c, h)| (*c, h.as_str()))
    }

    /// A problem at a cell.
    pub(super) fn problem(&self, row: usize, column: Column, message: Msg) -> Problem {
        self.table.problem_at(row, self.col(column), message)
    }

    /// A cell of a row.
    pub(super) fn cell(&self, row: usize, column: Column) -> Option<Cell<'a>> {
        let (c, _) = self.columns.get(&column)?;
        self.table.cell(row, *c)
    }

    /// A cell's text, `None` when empty or one of the `blank` words.
    pub(super) fn text(&self, row: usize, column: Column, blank: &[&str]) -> Option<String> {
        let text = self.cell(row, column)?.text();
        (!text.is_empty() && !blank.contains(&&*text)).then(|| text.into_owned())
    }
}

/// Whether a table holds any row below its first: a sheet left as the template wrote it has
/// only its header.
pub(super) fn has_entries(table: &Table) -> bool {
    table.rows.iter().filter(|r| !r.is_empty()).nth(1).is_some()
}

/// A date cell, or text in one of `forms` (strftime); else the problem's message and help.
pub(super) fn date(cell: Cell, forms: &[String]) -> Result<Date, (Msg, Msg)> {
    if let Cell::Date(d) = cell {
        return Ok(d);
    }
    let text = cell.text();
    forms
        .iter()
        .find_map(|f| Date::strptime(f, &*text).ok())
        .ok_or_else(|| {
            let sample = Date::constant(2024, 3, 15);
            let written = forms
                .iter()
                .filter_map(|f| jiff::fmt::strtime::format(f, sample).ok());
            (
                Msg::new("import-not-a-date").arg("text", &text),
                Msg::new("import-date-forms").arg("forms", quoted(written)),
            )
        })
}

/// 是 or 否 (an Excel TRUE or FALSE too); else the problem's message.
pub(super) fn yes_no(text: &str) -> Result<bool, Msg> {
    match text {
        YES | "TRUE" => Ok(true),
        NO | "FALSE" => Ok(false),
        _ => Err(Msg::new("template-not-yes-no")
            .arg("text", text)
            .arg("yes", YES)
            .arg("no", NO)),
    }
}

/// A finite number, written as a number or a per-cent (`93%` is 0.93); else the problem's
/// message.
pub(super) fn number(text: &str) -> Result<f64, Msg> {
    let (digits, scale) = match text.strip_suffix(['%', '％']) {
        Some(d) => (d.trim(), 100.0),
        None => (text, 1.0),
    };
    digits
        .parse::<f64>()
        .ok()
        .map(|n| n / scale)
        .filter(|n| n.is_finite())
        .ok_or_else(|| Msg::new("template-not-a-number").arg("text", text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_per_cent_is_a_share() {
        assert_eq!(number("93%"), Ok(0.93));
        assert_eq!(number("0.93"), Ok(0.93));
        assert_eq!(number("12"), Ok(12.0));
        assert!(number("十二").is_err());
        assert!(number("inf").is_err());
    }

    #[test]
    fn yes_and_no_are_the_words_of_the_drop_down_or_excel_booleans() {
        assert_eq!(yes_no("是"), Ok(true));
        assert_eq!(yes_no("FALSE"), Ok(false));
        assert!(yes_no("有").is_err());
    }
}
