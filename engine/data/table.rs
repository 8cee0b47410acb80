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

mod csv_file;
mod package;
mod workbook;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use rayon::prelude::*;

use crate::diagnostic::{Problem, Problems, SourceFile};
use crate::message::Msg;

pub use workbook::TableLimits;

/// A cell's content, as its table holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cell<'t> {
    /// Text (numbers are written as text, whole numbers without decimals), trimmed.
    Text(&'t str),
    /// A cell Excel stores as a date.
    Date(Date),
}

impl<'t> Cell<'t> {
    /// Whether the cell holds nothing: empty text.
    pub fn is_empty(self) -> bool {
        matches!(self, Cell::Text(""))
    }

    /// The cell as text (a date as `YYYY-MM-DD`).
    pub fn text(self) -> Cow<'t, str> {
        match self {
            Cell::Text(s) => Cow::Borrowed(s),
            Cell::Date(d) => Cow::Owned(d.to_string()),
        }
    }
}

/// Where a table keeps a cell, in eight bytes however long its text: a range of the text the
/// table reads from — its CSV file's text (nearly every CSV cell), then the table's own text (a
/// workbook's cells, a quoted CSV cell without its quotes) — or, with [`DATE`] as its length, a
/// date. Reading a CSV file copies no text at all.
#[derive(Clone, Copy, Debug)]
struct Stored {
    start: u32,
    len: u32,
}

/// The length that marks a cell holding a date: `start` holds its year, month and day.
const DATE: u32 = u32::MAX;

/// An empty cell.
const EMPTY: Stored = Stored { start: 0, len: 0 };

impl Stored {
    fn date(date: Date) -> Stored {
        let start = (u32::from(date.year() as u16) << 16)
            | (u32::from(date.month() as u8) << 8)
            | u32::from(date.day() as u8);
        Stored { start, len: DATE }
    }

    /// The date a cell holds, if it holds one.
    fn as_date(self) -> Option<Date> {
        let Stored { start, len } = self;
        let (year, month, day) = ((start >> 16) as u16 as i16, (start >> 8) as u8, start as u8);
        (len == DATE)
            .then(|| Date::new(year, month as i8, day as i8).expect("a date kept is a date"))
    }

    fn is_empty(self) -> bool {
        self.len == 0
    }
}

/// Text a table keeps of its own, which its cells refer to by range after the `base` bytes of
/// its file's text; the two together at most 4 GiB.
#[derive(Clone, Debug, Default)]
struct OwnText {
    base: u32,
    text: String,
}

impl OwnText {
    /// The own text of a table that reads `base` bytes of a file's text before it.
    fn after(base: u32) -> OwnText {
        OwnText {
            base,
            text: String::new(),
        }
    }

    /// Keeps `text`; `None` when the text would pass 4 GiB.
    fn keep(&mut self, text: &str) -> Option<Stored> {
        let start = u32::try_from(self.text.len())
            .ok()?
            .checked_add(self.base)?;
        let len = u32::try_from(text.len()).ok()?;
        start.checked_add(len).filter(|end| *end < DATE)?;
        self.text.push_str(text);
        Some(Stored { start, len })
    }
}

/// One row of a table. Its cells are kept in one of its table's blocks, with the cells of the
/// rows around it: a million rows are a few blocks, not a million small allocations.
#[derive(Clone, Debug)]
pub struct Row {
    /// The row number a spreadsheet shows (1-based).
    pub number: usize,
    /// The block that holds the row's cells.
    block: u32,
    /// Where the row's cells start in the block.
    start: u32,
    /// How many cells the row has, up to its last.
    width: u32,
    /// Whether a cell of the row is filled in.
    filled: bool,
}

impl Row {
    /// How many cells the row has, up to its last.
    pub fn width(&self) -> usize {
        self.width as usize
    }

    /// Whether no cell of the row is filled in.
    pub fn is_empty(&self) -> bool {
        !self.filled
    }

    /// The row's cells in the blocks of its table.
    fn cells_in<'b>(&self, blocks: &'b [Vec<Stored>]) -> &'b [Stored] {
        &blocks[self.block as usize][self.start as usize..][..self.width as usize]
    }

    /// Leaves the row without cells.
    fn clear(&mut self) {
        self.width = 0;
        self.filled = false;
    }
}

/// How many cells a block holds before the next row starts a new one.
const BLOCK_CELLS: usize = 1 << 20;

/// Rows as they are read, one after the other, each row's cells placed after the last row's.
#[derive(Debug, Default)]
struct RowsBuilder {
    rows: Vec<Row>,
    blocks: Vec<Vec<Stored>>,
}

impl RowsBuilder {
    /// Rows for about `rows` rows of about `width` cells.
    fn with_capacity(rows: usize, width: usize) -> Self {
        RowsBuilder {
            rows: Vec::with_capacity(rows),
            blocks: vec![Vec::with_capacity(
                rows.saturating_mul(width).min(BLOCK_CELLS),
            )],
        }
    }

    /// Starts row `number`, without cells.
    fn start_row(&mut self, number: usize) {
        if self.blocks.last().is_none_or(|b| b.len() >= BLOCK_CELLS) {
            // The first block grows with the table; once one is full, the next is made full
            // size at once: a large sheet's cells are never copied into a larger block.
            let capacity = if self.blocks.is_empty() {
                0
            } else {
                BLOCK_CELLS
            };
            self.blocks.push(Vec::with_capacity(capacity));
        }
        let block = self.blocks.len() - 1;
        self.rows.push(Row {
            number,
            block: u32::try_from(block).expect("fewer blocks than four billion"),
            start: u32::try_from(self.blocks[block].len())
                .expect("a row starts within its block's first million cells"),
            width: 0,
            filled: false,
        });
    }

    /// Adds a cell to the last row, at column `col`, after empty ones up to it; the column is
    /// the row's width or past it.
    fn put(&mut self, col: usize, cell: Stored) {
        let row = self
            .rows
            .last_mut()
            .expect("a row is started before its cells");
        let block = &mut self.blocks[row.block as usize];
        block.resize(row.start as usize + col, EMPTY);
        block.push(cell);
        row.width = u32::try_from(col + 1).expect("a row of fewer than four billion cells");
        row.filled |= !cell.is_empty();
    }

    /// The width of the last row.
    fn last_width(&self) -> Option<usize> {
        self.rows.last().map(Row::width)
    }

    /// Adds row `number` with the cells `fill` pushes onto the end of its block.
    fn push_row(&mut self, number: usize, fill: impl FnOnce(&mut Vec<Stored>)) {
        self.start_row(number);
        let row = self.rows.last_mut().expect("the row just started");
        let block = &mut self.blocks[row.block as usize];
        fill(block);
        let cells = &block[row.start as usize..];
        row.width = u32::try_from(cells.len()).expect("a row of fewer than four billion cells");
        row.filled = cells.iter().any(|c| !c.is_empty());
    }

    /// The cells of a row built here.
    fn cells(&self, row: &Row) -> &[Stored] {
        row.cells_in(&self.blocks)
    }

    /// Appends the rows of `other`, after these.
    fn append(&mut self, other: RowsBuilder) {
        let shift = u32::try_from(self.blocks.len()).expect("fewer blocks than four billion");
        self.rows.extend(other.rows.into_iter().map(|mut row| {
            row.block += shift;
            row
        }));
        self.blocks.extend(other.blocks);
    }
}

/// Where a table came from.
#[derive(Clone, Debug)]
enum Origin {
    /// A CSV file, with the byte range of each row's record in its text.
    Csv {
        file: SourceFile,
        records: Vec<(u32, u32)>,
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
    /// The cells of the rows, in blocks.
    blocks: Vec<Vec<Stored>>,
    /// The text of the cells kept as the table's own.
    own: OwnText,
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
    /// The table of `rows` read from `origin`, with the text its cells keep of their own.
    fn new(origin: Origin, stem: String, rows: RowsBuilder, own: OwnText) -> Table {
        Table {
            origin,
            stem,
            rows: rows.rows,
            blocks: rows.blocks,
            own,
        }
    }

    /// The cell in row `row` (an index into [`Table::rows`]) and column `col`; `None` past
    /// the row's end.
    pub fn cell(&self, row: usize, col: usize) -> Option<Cell<'_>> {
        let stored = *self.stored(row).get(col)?;
        Some(self.content(stored))
    }

    /// The cells of row `row`, from the first column on.
    pub fn cells(&self, row: usize) -> impl ExactSizeIterator<Item = Cell<'_>> + '_ {
        self.stored(row).iter().map(|c| self.content(*c))
    }

    /// Where the cells of row `row` are kept.
    fn stored(&self, row: usize) -> &[Stored] {
        self.rows[row].cells_in(&self.blocks)
    }

    fn content(&self, stored: Stored) -> Cell<'_> {
        if let Some(date) = stored.as_date() {
            return Cell::Date(date);
        }
        let Stored { start, len } = stored;
        let (start, end) = (start as usize, start as usize + len as usize);
        let base = self.own.base as usize;
        if start < base {
            let Origin::Csv { file, .. } = &self.origin else {
                unreachable!("only a CSV file's text comes before a table's own");
            };
            Cell::Text(&file.text[start..end])
        } else {
            Cell::Text(&self.own.text[start - base..end - base])
        }
    }

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
        let column = (0..row)
            .rev()
            .find_map(|r| self.cells(r).position(|c| c == Cell::Text(SERIAL)))?;
        let text = self.cell(row, column)?.text();
        (!text.is_empty()).then(|| text.into_owned())
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
                let (start, end) = (start as usize, end as usize);
                let record = &file.text[start..end];
                let (offset, len) = match col.index().and_then(|c| csv_file::field(record, c)) {
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
    let cannot_read = |e: std::io::Error| {
        Problem::in_file(
            path,
            Msg::new("import-cannot-read").arg("error", e.to_string()),
        )
    };
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let file = std::fs::File::open(path).map_err(cannot_read)?;
    let len = file.metadata().map_err(cannot_read)?.len();
    if ext.as_deref() == Some("csv") {
        // A file too large for a table is refused before it is read into memory.
        csv_file::check_file_size(path, len)?;
    }
    let bytes = read_bytes(file, len).map_err(cannot_read)?;
    let stem = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    match ext.as_deref() {
        Some("csv") => {
            let (table, digest) = csv_file::read(path, bytes, stem)?;
            Ok((vec![table], digest))
        }
        Some("xlsx") => {
            let digest = sha256(&[&bytes]);
            Ok((
                workbook::read(path, &bytes, &stem, limits, problems)?,
                digest,
            ))
        }
        Some("xls") => {
            Err(Problem::in_file(path, Msg::new("import-xls"))
                .with_help(Msg::new("import-xls-help")))
        }
        _ => Err(Problem::in_file(path, Msg::new("import-not-a-table"))),
    }
}

/// How many bytes of a file one core reads at a time.
const READ_PART: usize = 1 << 24;

/// The bytes of an open file of `len` bytes, read a part per core: copying a large file out of
/// the operating system's cache, into memory touched for the first time, is otherwise a tenth
/// of the time it takes to import. Bytes the file gains while it is read are read after.
#[cfg(unix)]
fn read_bytes(mut file: std::fs::File, len: u64) -> std::io::Result<Vec<u8>> {
    use std::io::{Read, Seek, SeekFrom};
    use std::os::unix::fs::FileExt;
    let len = match usize::try_from(len) {
        Ok(len) if len > READ_PART => len,
        _ => return read_whole(file, len),
    };
    let mut bytes = vec![0; len];
    bytes
        .par_chunks_mut(READ_PART)
        .enumerate()
        .try_for_each(|(i, part)| file.read_exact_at(part, (i * READ_PART) as u64))?;
    file.seek(SeekFrom::Start(len as u64))?;
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(not(unix))]
fn read_bytes(file: std::fs::File, len: u64) -> std::io::Result<Vec<u8>> {
    read_whole(file, len)
}

/// The bytes of an open file of about `len` bytes, read on one core.
fn read_whole(mut file: std::fs::File, len: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The SHA-256 of bytes given in parts.
fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    for part in parts {
        hash.update(part);
    }
    hash.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_file_read_a_part_per_core_is_the_file() {
        let path = std::env::temp_dir().join(format!("cogov-read-{}.csv", std::process::id()));
        let bytes: Vec<u8> = (0..READ_PART * 5 / 2).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &bytes).unwrap();
        let file = std::fs::File::open(&path).unwrap();
        let read = read_bytes(file, bytes.len() as u64);
        std::fs::remove_file(&path).unwrap();
        assert!(read.unwrap() == bytes);
    }

    #[test]
    fn a_date_kept_in_a_cell_is_the_date() {
        let table = Table {
            origin: Origin::Sheet {
                path: PathBuf::from("t.xlsx"),
                sheet: "抽查".into(),
            },
            stem: "t".into(),
            rows: Vec::new(),
            blocks: Vec::new(),
            own: OwnText::default(),
        };
        for date in [
            Date::constant(1900, 1, 1),
            Date::constant(2024, 2, 29),
            Date::constant(9999, 12, 31),
            Date::constant(-5, 3, 15),
        ] {
            assert_eq!(table.content(Stored::date(date)), Cell::Date(date));
        }
    }

    #[test]
    fn rows_past_a_full_block_start_the_next_and_keep_their_cells() {
        let width = 1_000;
        let count = BLOCK_CELLS / width + 10;
        let mut rows = RowsBuilder::default();
        for r in 0..count {
            rows.start_row(r + 1);
            for c in 0..width {
                rows.put(c, Stored::date(Date::constant(2024, 1, 1 + (r % 28) as i8)));
            }
        }
        assert_eq!(rows.blocks.len(), 2);
        let origin = Origin::Sheet {
            path: PathBuf::from("t.xlsx"),
            sheet: "抽查".into(),
        };
        let table = Table::new(origin, "t".into(), rows, OwnText::default());
        for r in [0, BLOCK_CELLS / width - 1, BLOCK_CELLS / width, count - 1] {
            let day = Cell::Date(Date::constant(2024, 1, 1 + (r % 28) as i8));
            assert_eq!(table.rows[r].number, r + 1);
            assert_eq!(table.cells(r).len(), width);
            assert!(table.cells(r).all(|c| c == day), "row {r}");
        }
    }

    #[test]
    fn columns_are_lettered_as_excel_does() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
    }
}
