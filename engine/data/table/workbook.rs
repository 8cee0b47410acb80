//! Reading an Excel workbook within limits.
//!
//! calamine sizes what it allocates by what the file says: a sheet's cells become one dense
//! range from its first to its last cell, so a 7.8 KB workbook with one cell at `C4294967295`
//! asks for 687 GB. Here the parts are inspected first ([`super::package`]: the sizes they
//! inflate to, the shared string count), then each sheet's cells are streamed with calamine's
//! cell reader and placed row by row, every cell checked against the limits before it is kept:
//! its row and column, and the cells of the workbook so far. What a workbook's memory costs is
//! its cells, so that is what is counted — each row to its last filled cell, and an empty row
//! as one — never the extent a sheet declares.

use std::io::Cursor;
use std::path::Path;

use calamine::{DataRef, ExcelDateTime, Reader, Xlsx, XlsxError};
use jiff::civil::Date;

use std::borrow::Cow;

use super::{Col, EMPTY, Origin, OwnText, RowsBuilder, Stored, Table, column_letter, package};
use crate::diagnostic::{Problem, Problems};
use crate::message::Msg;

/// How much a workbook may hold. It is checked before anything is inflated and while cells
/// are read, so a damaged or hostile file is refused with a problem naming the limit and the
/// `--max-…` flag that raises it, in well under a second, instead of exhausting the machine.
///
/// The defaults let in a province's sampling results in one workbook — a million rows of a
/// notice's 10 to 20 columns — and refuse what no such table needs:
/// - rows and columns: Excel's own limits, 1,048,576 rows and 16,384 columns (`XFD`);
/// - cells: 30 million, a million rows of 30 columns; the tables hold about 40 bytes a cell,
///   so at most about 1.2 GB;
/// - inflated size: 1,500 MB for all the parts together. A million sampling rows of 12
///   columns inflate to about 650 MB written with shared strings, as Excel and WPS write
///   them, and to about 1,100 MB with every string inline, as some exporters do; a zip bomb
///   of 1.9 GB is refused unread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableLimits {
    /// Rows a sheet may have (`--max-rows`).
    pub rows: u32,
    /// Columns a sheet may have (`--max-columns`).
    pub columns: u32,
    /// Cells a workbook may hold, all sheets together, each row counted to its last filled
    /// cell and an empty row between filled ones as one (`--max-cells`).
    pub cells: u64,
    /// Megabytes (1,000,000 bytes) the workbook's parts may inflate to, together
    /// (`--max-inflated-mb`).
    pub inflated_mb: u64,
}

impl TableLimits {
    /// The limits when no flag says otherwise.
    pub const DEFAULT: TableLimits = TableLimits {
        rows: 1_048_576,
        columns: 16_384,
        cells: 30_000_000,
        inflated_mb: 1_500,
    };

    /// The inflated size allowed, in bytes.
    pub(super) fn inflated_bytes(&self) -> u64 {
        self.inflated_mb.saturating_mul(1_000_000)
    }
}

impl Default for TableLimits {
    fn default() -> Self {
        TableLimits::DEFAULT
    }
}

/// Reads every worksheet of a workbook that has a cell into a table, within `limits`.
pub(super) fn read(
    path: &Path,
    bytes: &[u8],
    stem: &str,
    limits: &TableLimits,
    problems: &mut Problems,
) -> Result<Vec<Table>, Problem> {
    package::inspect(path, bytes, limits)?;
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        let problem = match package::overrun(bytes) {
            Some(message) => Problem::in_file(path, message),
            None => Problem::in_file(
                path,
                Msg::new("import-not-a-workbook").arg("error", e.to_string()),
            ),
        };
        problem.with_help(Msg::new("import-not-a-table"))
    })?;
    let mut budget = Budget {
        used: 0,
        limit: limits.cells,
    };
    let mut tables = Vec::new();
    for sheet in workbook.sheet_names() {
        let at_sheet = |message: Msg| {
            Problem::in_file(
                path,
                Msg::new("import-at-sheet")
                    .arg("sheet", &sheet)
                    .arg("message", message),
            )
        };
        let unreadable =
            |e: XlsxError| {
                at_sheet(package::overrun(bytes).unwrap_or_else(|| {
                    Msg::new("import-sheet-unreadable").arg("error", e.to_string())
                }))
            };
        let mut reader = match workbook.worksheet_cells_reader(&sheet) {
            Ok(reader) => reader,
            // A chart sheet or a dialog sheet has no cells.
            Err(XlsxError::NotAWorksheet(_)) => continue,
            Err(e) => return Err(unreadable(e)),
        };
        let declared = reader.dimensions();
        if declared.end.0 >= limits.rows || declared.end.1 >= limits.columns {
            let (start, end) = (declared.start, declared.end);
            let span = format!(
                "{}:{}",
                reference(start.0, start.1),
                reference(end.0, end.1)
            );
            return Err(at_sheet(
                Msg::new("table-dimension-too-large")
                    .arg("span", span)
                    .arg("rows", limits.rows)
                    .arg("columns", limits.columns),
            )
            .with_help(Msg::new("table-dimension-too-large-help")));
        }
        let mut rows = SheetRows::default();
        let mut own = OwnText::default();
        let mut refused = Vec::new();
        while let Some(cell) = reader.next_cell().map_err(unreadable)? {
            let (r, c) = cell.get_position();
            if r >= limits.rows {
                return Err(at_sheet(
                    Msg::new("table-row-beyond")
                        .arg("cell", reference(r, c))
                        .arg("limit", limits.rows),
                )
                .with_help(Msg::new("table-row-beyond-help")));
            }
            if c >= limits.columns {
                return Err(at_sheet(
                    Msg::new("table-column-beyond")
                        .arg("cell", reference(r, c))
                        .arg("limit", limits.columns),
                )
                .with_help(Msg::new("table-column-beyond-help")));
            }
            let value = match value(cell.get_value()) {
                Value::Empty => continue,
                Value::Text(text) => own.keep(&text).ok_or_else(|| {
                    at_sheet(Msg::new("table-text-too-large").arg("cell", reference(r, c)))
                        .with_help(Msg::new("table-text-too-large-help"))
                })?,
                Value::Date(date) => Stored::date(date),
                Value::Refused(message, help) => {
                    refused.push((r, c, message, help));
                    EMPTY
                }
            };
            if !rows.put(r, c, value, &mut budget) {
                return Err(budget.exceeded(at_sheet, r));
            }
        }
        drop(reader);
        let Some((first, rows)) = rows.finish(&mut budget) else {
            if budget.used > budget.limit {
                return Err(budget.exceeded(at_sheet, 0));
            }
            continue;
        };
        let origin = Origin::Sheet {
            path: path.to_path_buf(),
            sheet,
        };
        let mut table = Table::new(origin, stem.to_string(), rows, own);
        // Each refused cell is a problem; its row is left empty, so it gives nothing else.
        for (r, c, message, help) in &refused {
            let row = (r - first) as usize;
            let col = Col::Letter(*c as usize);
            problems.push(
                table
                    .problem_at(row, col, message.clone())
                    .with_help(help.clone()),
            );
        }
        for (r, ..) in refused {
            table.rows[(r - first) as usize].clear();
        }
        tables.push(table);
    }
    Ok(tables)
}

/// `C5`: a cell as Excel names it, from its 0-based row and column.
fn reference(row: u32, col: u32) -> String {
    format!("{}{}", column_letter(col as usize), u64::from(row) + 1)
}

/// The cells a workbook holds so far, against the limit.
struct Budget {
    used: u64,
    limit: u64,
}

impl Budget {
    /// Takes `n` cells; false when that goes over the limit.
    fn take(&mut self, n: u64) -> bool {
        self.used = self.used.saturating_add(n);
        self.used <= self.limit
    }

    /// The problem of a workbook that holds more cells than allowed, on the sheet and at the
    /// (0-based) row where it went over.
    fn exceeded(&self, at_sheet: impl Fn(Msg) -> Problem, row: u32) -> Problem {
        at_sheet(
            Msg::new("table-too-many-cells")
                .arg("limit", self.limit)
                .arg("row", u64::from(row) + 1),
        )
        .with_help(Msg::new("table-too-many-cells-help"))
    }
}

/// One sheet's rows as its cells arrive. Cells come in order (row by row, left to right) from
/// every writer seen, and are placed straight into rows; one out of order turns the sheet into
/// a list of positioned cells, sorted when the sheet ends.
#[derive(Default)]
struct SheetRows {
    /// The 0-based row of `rows[0]`.
    first: u32,
    rows: RowsBuilder,
    /// The cells of a sheet whose cells came out of order, in the order they came.
    scattered: Option<Vec<(u32, u32, Stored)>>,
    /// What the sheet has taken from the budget.
    charged: u64,
}

impl SheetRows {
    /// Takes `n` cells from the budget for this sheet; false when that goes over the limit.
    fn charge(&mut self, budget: &mut Budget, n: u64) -> bool {
        self.charged += n;
        budget.take(n)
    }

    /// Places a cell, charging the budget for the rows and cells it adds; false when the
    /// budget is exceeded.
    fn put(&mut self, r: u32, c: u32, cell: Stored, budget: &mut Budget) -> bool {
        if let Some(scattered) = &mut self.scattered {
            scattered.push((r, c, cell));
            return self.charge(budget, 1);
        }
        let in_order = match self.rows.last_width() {
            None => {
                self.first = r;
                true
            }
            Some(width) => {
                let last_r = self.first as usize + self.rows.rows.len() - 1;
                r as usize > last_r || (r as usize == last_r && c as usize >= width)
            }
        };
        if !in_order {
            let mut scattered = self.scatter();
            scattered.push((r, c, cell));
            self.scattered = Some(scattered);
            return self.charge(budget, 1);
        }
        // Rows up to this cell's, each charged as one cell.
        let rows_now = (r - self.first) as usize + 1;
        let rows_before = self.rows.rows.len();
        if rows_now > rows_before {
            if !self.charge(budget, (rows_now - rows_before) as u64) {
                return false;
            }
            for i in rows_before..rows_now {
                self.rows.start_row(self.first as usize + i + 1);
            }
        }
        let width = c as usize + 1;
        let charged = self.rows.last_width().unwrap_or(0).max(1);
        if width > charged && !self.charge(budget, (width - charged) as u64) {
            return false;
        }
        self.rows.put(c as usize, cell);
        true
    }

    /// The cells placed so far as positioned cells (the empty ones padding rows left out).
    fn scatter(&mut self) -> Vec<(u32, u32, Stored)> {
        let first = self.first;
        let rows = std::mem::take(&mut self.rows);
        rows.rows
            .iter()
            .enumerate()
            .flat_map(|(i, row)| {
                rows.cells(row)
                    .iter()
                    .enumerate()
                    .filter(|(_, cell)| !cell.is_empty())
                    .map(move |(c, cell)| (first + i as u32, c as u32, *cell))
            })
            .collect()
    }

    /// The sheet's first row (0-based) and its rows; `None` when it has no cell or the
    /// budget is exceeded (then `budget.used` is over its limit).
    fn finish(mut self, budget: &mut Budget) -> Option<(u32, RowsBuilder)> {
        let Some(mut cells) = self.scattered.take() else {
            return (!self.rows.rows.is_empty()).then_some((self.first, self.rows));
        };
        // A later cell at the same place replaces an earlier one, as in calamine's ranges.
        cells.sort_by_key(|&(r, c, _)| (r, c));
        let mut placed: Vec<(u32, u32, Stored)> = Vec::with_capacity(cells.len());
        for cell in cells {
            match placed.last_mut() {
                Some(last) if (last.0, last.1) == (cell.0, cell.1) => *last = cell,
                _ => placed.push(cell),
            }
        }
        let (first, last) = (placed.first()?.0, placed.last()?.0);
        // What the rows hold replaces what was charged while the cells came.
        budget.used -= self.charged;
        let mut cost = u64::from(last - first) + 1;
        for row in placed.chunk_by(|a, b| a.0 == b.0) {
            cost += u64::from(row[row.len() - 1].1);
        }
        if !budget.take(cost) {
            return None;
        }
        let mut rows = RowsBuilder::default();
        let mut placed = placed.into_iter().peekable();
        for r in first..=last {
            rows.start_row(r as usize + 1);
            while let Some((_, c, cell)) = placed.next_if(|&(at, ..)| at == r) {
                rows.put(c as usize, cell);
            }
        }
        Some((first, rows))
    }
}

/// What a workbook cell gives.
enum Value<'a> {
    /// Nothing (a cell with only a format).
    Empty,
    /// Text (numbers as text).
    Text(Cow<'a, str>),
    /// A day.
    Date(Date),
    /// A cell that holds no value of its kind: why, and what to do.
    Refused(Msg, Msg),
}

/// A workbook cell's value: text (numbers as text, whole ones without decimals), or a day.
fn value<'a>(data: &DataRef<'a>) -> Value<'a> {
    let text = match data {
        DataRef::Empty => return Value::Empty,
        DataRef::String(s) => Cow::Owned(s.trim().to_string()),
        DataRef::SharedString(s) => Cow::Borrowed(s.trim()),
        DataRef::Int(i) => Cow::Owned(i.to_string()),
        DataRef::Float(f) if !f.is_finite() => return not_a_number(*f),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Cow::Owned(format!("{f:.0}")),
        DataRef::Float(f) => Cow::Owned(f.to_string()),
        DataRef::Bool(b) => Cow::Borrowed(if *b { "TRUE" } else { "FALSE" }),
        DataRef::DateTime(d) if d.is_datetime() => return day(d),
        DataRef::DateTime(d) if !d.as_f64().is_finite() => return not_a_number(d.as_f64()),
        DataRef::DateTime(d) => Cow::Owned(d.as_f64().to_string()),
        DataRef::DateTimeIso(s) => match s.get(..10).and_then(|d| d.parse::<Date>().ok()) {
            Some(date) => return Value::Date(date),
            None => Cow::Owned(s.clone()),
        },
        DataRef::DurationIso(s) => Cow::Owned(s.clone()),
        DataRef::Error(e) => Cow::Owned(e.to_string()),
    };
    Value::Text(text)
}

/// A number cell that holds NaN or an infinity, which Excel cannot write.
fn not_a_number(f: f64) -> Value<'static> {
    Value::Refused(
        Msg::new("table-number-not-finite").arg("value", f.to_string()),
        Msg::new("table-number-not-finite-help"),
    )
}

/// The day of an Excel date cell; the time of day is dropped. A serial below 0, NaN or
/// infinite, after 9999-12-31, or a day the calendar does not have (1900-01-00, which serial
/// 0 is, and the 1900-02-29 Excel counts) is no day: refused, so it cannot pass for one (a
/// penalty dated 1899-12-31 has long expired). A serial between 0 and 1 is a time of day
/// without a day and reads as that time, which a date column then refuses.
fn day(d: &ExcelDateTime) -> Value<'static> {
    let serial = d.as_f64();
    let refused = || {
        let shown = if serial.is_finite() && serial.fract() == 0.0 {
            format!("{serial:.0}")
        } else {
            serial.to_string()
        };
        Value::Refused(
            Msg::new("table-date-not-a-day").arg("value", shown),
            Msg::new("table-date-not-a-day-help"),
        )
    };
    if !serial.is_finite() || serial < 0.0 {
        return refused();
    }
    let (y, m, day, hour, minute, second, _) = d.to_ymd_hms_milli();
    if y < 1900 {
        // Day 0 of the 1900 date system.
        if serial > 0.0 {
            return Value::Text(Cow::Owned(format!("{hour:02}:{minute:02}:{second:02}")));
        }
        return refused();
    }
    // calamine reads any later serial as 9999-12-31; only these two serials are that day (in
    // the 1900 and the 1904 date system).
    if (y, m, day) == (9999, 12, 31) && !matches!(serial.floor(), 2_958_465.0 | 2_957_003.0) {
        return refused();
    }
    match Date::new(y as i16, m as i8, day as i8) {
        Ok(date) => Value::Date(date),
        Err(_) => refused(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    fn date_cell(serial: f64, is_1904: bool) -> Result<String, String> {
        let d = ExcelDateTime::new(serial, ExcelDateTimeType::DateTime, is_1904);
        match day(&d) {
            Value::Text(text) => Ok(text.into_owned()),
            Value::Date(date) => Ok(date.to_string()),
            Value::Refused(message, _) => Err(message.word(crate::text::Lang::En)),
            Value::Empty => unreachable!("a date cell has a value"),
        }
    }

    /// A cell of text, told apart from others by where it starts.
    fn text(start: u32) -> Stored {
        Stored { start, len: 1 }
    }

    /// Places the cells, as (row, column, cell), and gives the rows as (number, cells as
    /// their starts, whether empty), with the cells charged.
    fn placed(cells: &[(u32, u32, Stored)]) -> (Vec<(usize, Vec<u32>, bool)>, u64) {
        let mut budget = Budget {
            used: 0,
            limit: 1_000,
        };
        let mut rows = SheetRows::default();
        for &(r, c, cell) in cells {
            assert!(rows.put(r, c, cell, &mut budget));
        }
        let (_, rows) = rows.finish(&mut budget).unwrap();
        let rows = rows
            .rows
            .iter()
            .map(|row| {
                let cells = rows.cells(row).iter().map(|c| c.start).collect();
                (row.number, cells, row.is_empty())
            })
            .collect();
        (rows, budget.used)
    }

    #[test]
    fn cells_in_order_fill_their_rows_with_empty_cells_before_them() {
        let (rows, charged) = placed(&[(1, 1, text(7)), (1, 3, text(8)), (3, 0, text(9))]);
        assert_eq!(
            rows,
            [
                (2, vec![0, 7, 0, 8], false),
                (3, vec![], true),
                (4, vec![9], false)
            ]
        );
        assert_eq!(charged, 4 + 1 + 1);
    }

    #[test]
    fn cells_out_of_order_are_placed_where_they_belong_the_later_of_two_kept() {
        let (rows, charged) = placed(&[
            (1, 0, text(1)),
            (1, 2, text(2)),
            (3, 1, text(3)),
            (1, 1, text(4)),
            (3, 1, text(5)),
            (2, 0, EMPTY),
        ]);
        assert_eq!(
            rows,
            [
                (2, vec![1, 4, 2], false),
                (3, vec![0], true),
                (4, vec![0, 5], false)
            ]
        );
        // Three rows, each charged to its last cell past the first.
        assert_eq!(charged, 3 + 2 + 1);
    }

    #[test]
    fn date_cells_give_their_day_without_the_time() {
        assert_eq!(date_cell(45_397.0, false), Ok("2024-04-15".into()));
        assert_eq!(date_cell(45_397.75, false), Ok("2024-04-15".into()));
        assert_eq!(date_cell(1.0, false), Ok("1900-01-01".into()));
        assert_eq!(date_cell(61.0, false), Ok("1900-03-01".into()));
        assert_eq!(date_cell(2_958_465.9, false), Ok("9999-12-31".into()));
        assert_eq!(date_cell(0.0, true), Ok("1904-01-01".into()));
        assert_eq!(date_cell(2_957_003.0, true), Ok("9999-12-31".into()));
    }

    #[test]
    fn date_cells_that_are_no_day_are_refused() {
        for (serial, is_1904) in [
            (0.0, false),
            (-5.0, false),
            (-0.5, true),
            (f64::NAN, false),
            (f64::INFINITY, true),
            (60.0, false),
            (2_958_466.0, false),
            (2_957_004.0, true),
            (1e300, false),
        ] {
            assert!(
                date_cell(serial, is_1904).is_err(),
                "{serial} (1904: {is_1904}) is no day"
            );
        }
        assert_eq!(
            date_cell(-5.0, false),
            Err("the cell is an Excel date, but its value -5 is no day from 1900-01-01 to 9999-12-31".into())
        );
    }

    #[test]
    fn a_time_without_a_day_reads_as_the_time() {
        assert_eq!(date_cell(0.75, false), Ok("18:00:00".into()));
    }
}
