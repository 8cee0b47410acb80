//! Tables as associations keep them — a CSV file, or the worksheets of an Excel workbook —
//! read into rows of cells that remember where they were, so that every problem can name the
//! file, the sheet and the row (and, in a CSV file, point at the cell).
//!
//! What the cells mean is not decided here; see [`super::import`].
//!
//! Row numbers are the ones a spreadsheet shows: the first row is 1, and a CSV record whose
//! quoted cell spans several lines is still one row. CSV text may be UTF-8 (with or without the
//! byte-order mark Excel writes) or GB18030 (GBK), as Chinese Excel saves CSV by default.
//!
//! A workbook is a zip of XML parts, and a few kilobytes of it can claim gigabytes: it is read
//! within [`TableLimits`] (see [`workbook`] and [`package`]), and refused with a problem that
//! names the limit and the flag that raises it before it can exhaust the machine.

mod package;
mod workbook;

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::diagnostic::{Problem, Problems, SourceFile};
use crate::message::Msg;

pub use workbook::TableLimits;

/// A cell's content.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Cell {
    /// Text (numbers are written as text, whole numbers without decimals), trimmed.
    Text(String),
    /// A cell Excel stores as a date.
    Date(Date),
}

impl Cell {
    /// Whether the cell holds nothing: empty text.
    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Text(t) if t.is_empty())
    }

    /// The cell as text (a date as `YYYY-MM-DD`).
    pub fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Date(d) => d.to_string(),
        }
    }
}

/// One row of a table.
#[derive(Clone, Debug)]
pub struct Row {
    /// The row number a spreadsheet shows (1-based).
    pub number: usize,
    /// Cells from the first column on.
    pub cells: Vec<Cell>,
}

impl Row {
    /// The cell in column `col` (`None` past the row's end).
    pub fn cell(&self, col: usize) -> Option<&Cell> {
        self.cells.get(col)
    }
}

/// Where a table came from.
#[derive(Clone, Debug)]
enum Origin {
    /// A CSV file, with the byte range of each row's record in its text.
    Csv {
        file: SourceFile,
        records: Vec<(usize, usize)>,
    },
    /// A worksheet of a workbook.
    Sheet { path: PathBuf, sheet: String },
}

/// A table: a CSV file or one worksheet.
#[derive(Clone, Debug)]
pub struct Table {
    origin: Origin,
    /// Name of the file without its extension, for naming rows that have no id.
    pub stem: String,
    /// Rows in order, wholly empty rows included (the import decides what they mean).
    pub rows: Vec<Row>,
}

/// The column a problem in a row is about.
#[derive(Clone, Copy, Debug)]
pub enum Col<'a> {
    /// The row as a whole.
    Row,
    /// A cell the message names itself (a CSV snippet points at it; the location does not
    /// name the column again).
    Cell(usize),
    /// A cell of the column with this header, named in the location.
    Header(usize, &'a str),
    /// A cell of a column without a header, named in the location by its letter.
    Letter(usize),
}

impl Col<'_> {
    fn index(self) -> Option<usize> {
        match self {
            Col::Row => None,
            Col::Cell(c) | Col::Header(c, _) | Col::Letter(c) => Some(c),
        }
    }

    /// How the location names the column, if it does.
    fn named(self) -> Option<Msg> {
        match self {
            Col::Header(_, header) => Some(Msg::new("import-column-header").arg("header", header)),
            Col::Letter(c) => {
                Some(Msg::new("import-column-letter").arg("letter", column_letter(c)))
            }
            Col::Row | Col::Cell(_) => None,
        }
    }
}

/// `A`, `B`, … `Z`, `AA`: a column as Excel names it.
pub fn column_letter(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push((b'A' + rem as u8) as char);
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// The header of the column that numbers the entries of a sampling notice.
pub(super) const SERIAL: &str = "序号";

/// A message placed at a row (and column) of a table, on a sheet when the table is one, with
/// the row's 序号 when the table numbers its entries (a notice is cited by it).
fn located(sheet: Option<&str>, row: usize, serial: Option<String>, col: Col, message: Msg) -> Msg {
    let at = match (sheet, col.named()) {
        (Some(sheet), Some(column)) => Msg::new("import-at-sheet-row-column")
            .arg("sheet", sheet)
            .arg("column", column),
        (Some(sheet), None) => Msg::new("import-at-sheet-row").arg("sheet", sheet),
        (None, Some(column)) => Msg::new("import-at-row-column").arg("column", column),
        (None, None) => Msg::new("import-at-row"),
    };
    let row = match serial {
        Some(serial) => Msg::new("import-row-serial")
            .arg("n", row)
            .arg("serial", serial),
        None => Msg::new("import-row").arg("n", row),
    };
    at.arg("row", row).arg("message", message)
}

impl Table {
    /// The worksheet's name, for a table read from a workbook.
    pub fn sheet(&self) -> Option<&str> {
        match &self.origin {
            Origin::Sheet { sheet, .. } => Some(sheet),
            Origin::Csv { .. } => None,
        }
    }

    /// The file the table is in.
    pub fn path(&self) -> &Path {
        match &self.origin {
            Origin::Csv { file, .. } => &file.path,
            Origin::Sheet { path, .. } => path,
        }
    }

    /// The row's 序号, when a row above it has that header and the row a number under it.
    fn serial(&self, row: usize) -> Option<String> {
        let column = self.rows[..row].iter().rev().find_map(|r| {
            r.cells
                .iter()
                .position(|c| matches!(c, Cell::Text(t) if t == SERIAL))
        })?;
        let text = self.rows[row].cell(column)?.text();
        (!text.is_empty()).then_some(text)
    }

    /// A problem about the table as a whole.
    pub fn problem(&self, message: Msg) -> Problem {
        match &self.origin {
            Origin::Sheet { path, sheet } => Problem::in_file(
                path,
                Msg::new("import-at-sheet")
                    .arg("sheet", sheet)
                    .arg("message", message),
            ),
            Origin::Csv { file, .. } => Problem::in_file(&file.path, message),
        }
    }

    /// A problem in row `row` (an index into [`Table::rows`]), pointing at column `col`; the
    /// message is placed at the sheet, the row and (when `col` names it) the column.
    pub fn problem_at(&self, row: usize, col: Col, message: Msg) -> Problem {
        let number = self.rows[row].number;
        let serial = self.serial(row);
        match &self.origin {
            Origin::Sheet { path, sheet } => {
                Problem::in_file(path, located(Some(sheet), number, serial, col, message))
            }
            Origin::Csv { file, records } => {
                let (start, end) = records[row];
                let record = &file.text[start..end];
                let (offset, len) = match col.index().and_then(|c| csv_field(record, c)) {
                    Some((from, to)) if to > from => (start + from, to - from),
                    Some((from, _)) => (start + from, 0),
                    None => (start, record.trim_end().len()),
                };
                file.problem_at(offset, len, located(None, number, serial, col, message))
            }
        }
    }
}

/// Reads a table file, with the SHA-256 of its bytes: a CSV file is one table, a workbook one
/// table per worksheet that has any cell, read within `limits`. Anything else is a problem
/// naming the file; so is a workbook that exceeds a limit. Cells that hold no value of their
/// kind (a date cell that is no day, a number cell that is no number) are each a problem in
/// `problems`, and their rows are left empty: the rest of the tables is still read.
pub fn read(
    path: &Path,
    limits: &TableLimits,
    problems: &mut Problems,
) -> Result<(Vec<Table>, [u8; 32]), Problem> {
    let bytes = std::fs::read(path).map_err(|e| {
        Problem::in_file(
            path,
            Msg::new("import-cannot-read").arg("error", e.to_string()),
        )
    })?;
    let stem = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let digest = Sha256::digest(&bytes).into();
    let tables = match ext.as_deref() {
        Some("csv") => vec![read_csv(path, bytes, stem)?],
        Some("xlsx") => workbook::read(path, &bytes, &stem, limits, problems)?,
        Some("xls") => {
            return Err(Problem::in_file(path, Msg::new("import-xls"))
                .with_help(Msg::new("import-xls-help")));
        }
        _ => {
            return Err(Problem::in_file(path, Msg::new("import-not-a-table")));
        }
    };
    Ok((tables, digest))
}

/// CSV text as UTF-8 (without a byte-order mark) or, failing that, GB18030. UTF-8 bytes
/// become the text without a copy.
fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<String, Problem> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Ok(text),
        Err(e) => e.into_bytes(),
    };
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(&bytes)
        .map(|t| t.into_owned())
        .ok_or_else(|| {
            Problem::in_file(path, Msg::new("import-not-text"))
                .with_help(Msg::new("import-not-text-help"))
        })
}

/// How many records one core turns into rows at a time.
const CSV_SLICE: usize = 1 << 16;

/// A CSV file as a table. The file is read in two passes: one finds where each record starts
/// and ends, which needs nothing but the parser; then the records become rows of cells a
/// slice per core, each slice parsed again from a record's start, where the parser is in the
/// state it was in the first pass. Making the cells is most of the work.
fn read_csv(path: &Path, bytes: Vec<u8>, stem: String) -> Result<Table, Problem> {
    let text = decode(path, bytes)?;
    let file = SourceFile::new(path, text);
    let records = csv_records(&file)?;
    let slices: Vec<Vec<Row>> = records
        .par_chunks(CSV_SLICE)
        .enumerate()
        .map(|(n, slice)| csv_rows(&file.text, slice, n * CSV_SLICE + 1))
        .collect();
    let mut rows = Vec::with_capacity(records.len());
    for slice in slices {
        rows.extend(slice);
    }
    Ok(Table {
        origin: Origin::Csv { file, records },
        stem,
        rows,
    })
}

fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
}

/// The byte range of each record of a CSV file, from its first cell to its line end.
fn csv_records(file: &SourceFile) -> Result<Vec<(usize, usize)>, Problem> {
    let mut reader = csv_reader(&file.text);
    let mut records = Vec::new();
    let mut record = csv::ByteRecord::new();
    loop {
        let start = reader.position().byte() as usize;
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let at = e.position().map_or(start, |p| p.byte() as usize);
                let message = Msg::new("import-bad-csv").arg("error", e.to_string());
                return Err(file.problem_at(
                    at,
                    1,
                    located(None, records.len() + 1, None, Col::Row, message),
                ));
            }
        }
        let end = reader.position().byte() as usize;
        // The reader may leave the `\n` of a `\r\n` before the next record's first cell.
        let start = start
            + (file.text[start..end].len()
                - file.text[start..end].trim_start_matches(['\r', '\n']).len());
        records.push((start, end));
    }
    Ok(records)
}

/// The rows of consecutive records, the first numbered `first`.
fn csv_rows(text: &str, records: &[(usize, usize)], first: usize) -> Vec<Row> {
    let (Some(&(start, _)), Some(&(_, end))) = (records.first(), records.last()) else {
        return Vec::new();
    };
    let mut reader = csv_reader(&text[start..end]);
    let mut record = csv::StringRecord::new();
    let mut rows = Vec::with_capacity(records.len());
    // The same parser read these bytes from the same state in the first pass.
    while rows.len() < records.len() && reader.read_record(&mut record).unwrap_or(false) {
        let cells = record
            .iter()
            .map(|c| Cell::Text(c.trim().to_string()))
            .collect();
        rows.push(Row {
            number: first + rows.len(),
            cells,
        });
    }
    rows
}

/// Byte range of field `col` within one CSV record (quotes included), by the same rules the
/// reader follows: commas inside double quotes do not separate fields.
fn csv_field(record: &str, col: usize) -> Option<(usize, usize)> {
    let mut field = 0;
    let mut start = 0;
    let mut quoted = false;
    for (i, c) in record.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                if field == col {
                    return Some((start, i));
                }
                field += 1;
                start = i + 1;
            }
            '\n' | '\r' if !quoted => break,
            _ => {}
        }
    }
    let end = record[start..]
        .find(['\r', '\n'])
        .map_or(record.len(), |i| start + i);
    (field == col).then_some((start, end))
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

    #[test]
    fn a_quoted_comma_does_not_end_a_field() {
        let record = "1,\"佛山,陶瓷\",合格\r\n";
        assert_eq!(csv_field(record, 0), Some((0, 1)));
        assert_eq!(
            &record[csv_field(record, 1).unwrap().0..csv_field(record, 1).unwrap().1],
            "\"佛山,陶瓷\""
        );
        assert_eq!(
            &record[csv_field(record, 2).unwrap().0..csv_field(record, 2).unwrap().1],
            "合格"
        );
        assert_eq!(csv_field(record, 3), None);
    }

    #[test]
    fn a_csv_file_read_a_slice_per_core_gives_the_rows_one_reader_gives() {
        let mut text = String::from("序号,产品名称,说明\r\n");
        for i in 0..(3 * CSV_SLICE + 7) {
            match i % 5 {
                0 => text.push_str(&format!("{i},\"陶瓷砖,\n600×600\",\"\"引号\"\"\"\r\n")),
                1 => text.push_str(&format!("{i},釉面砖,\n")),
                2 => text.push_str("\r\n"),
                _ => text.push_str(&format!("{i}, 抛光砖 ,\"第{i}行\r\n第二行\"\r\n")),
            }
        }
        let table = read_csv(Path::new("t.csv"), text.clone().into_bytes(), "t".into()).unwrap();
        let mut reader = csv_reader(&text);
        let expected: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(|c| c.trim().to_string()).collect())
            .collect();
        let read: Vec<Vec<String>> = table
            .rows
            .iter()
            .map(|r| r.cells.iter().map(Cell::text).collect())
            .collect();
        assert!(expected.len() > 2 * CSV_SLICE);
        assert_eq!(read, expected);
        assert!(
            table
                .rows
                .iter()
                .enumerate()
                .all(|(i, r)| r.number == i + 1)
        );
    }

    #[test]
    fn gbk_csv_is_read_as_chinese() {
        let (gbk, _, _) = encoding_rs::GB18030.encode("产品名称,检验结论\n瓷砖,合格\n");
        let path = Path::new("抽查.csv");
        let table = read_csv(path, gbk.into_owned(), "抽查".into()).unwrap();
        assert_eq!(table.rows[0].cells[0], Cell::Text("产品名称".into()));
        assert_eq!(table.rows[1].cells[1], Cell::Text("合格".into()));
    }

    #[test]
    fn the_byte_order_mark_excel_writes_is_not_part_of_the_first_header() {
        let table = read_csv(
            Path::new("t.csv"),
            "\u{feff}序号,产品名称\n".as_bytes().to_vec(),
            "t".into(),
        )
        .unwrap();
        assert_eq!(table.rows[0].cells[0], Cell::Text("序号".into()));
    }
}
