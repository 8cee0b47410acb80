//! Reading a CSV file into a table, without copying its text.
//!
//! The file is read in two passes. The first finds where each record starts and ends: a line
//! without a double quote or a lone carriage return — nearly every line of a notice — is one
//! record, found by looking for its line break; any other record is read by csv-core (the
//! parser of the `csv` crate, in its default dialect) from its first byte, where a parser is
//! always in the same state. The second pass splits the records into cells a slice per core: a
//! plain record at its commas, each cell a range of the file's text; a record with quotes by
//! csv-core, each cell kept unquoted as the table's own text. Cells are trimmed; empty lines
//! are no record, as csv-core has it.
//!
//! The SHA-256 of the file is taken on one core while the others find the records and split
//! them.

use std::path::Path;

use csv_core::ReadRecordResult;
use memchr::{memchr, memchr_iter, memchr2};
use rayon::prelude::*;

use super::{Origin, OwnText, RowsBuilder, Stored, Table, sha256};
use crate::diagnostic::{Problem, SourceFile};
use crate::message::Msg;

/// The byte-order mark Excel writes at the start of a UTF-8 CSV file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The most text a CSV file may hold: its unquoted cells, kept as the table's own text, go
/// after it, and the two together must stay within 4 GiB.
const MAX_TEXT: usize = (u32::MAX / 2) as usize;

/// How many records one core splits into cells at a time.
const SLICE: usize = 1 << 16;

/// Refuses a CSV file of `len` bytes before it is read, when even without a byte-order mark
/// its text would be more than a table holds ([`MAX_TEXT`]).
pub(super) fn check_file_size(path: &Path, len: u64) -> Result<(), Problem> {
    if len.saturating_sub(BOM.len() as u64) > MAX_TEXT as u64 {
        return Err(too_large(
            path,
            Msg::new("import-csv-file-too-large").arg("size", len),
        ));
    }
    Ok(())
}

/// The problem of a CSV file that is more than a table holds, as `message` says.
fn too_large(path: &Path, message: Msg) -> Problem {
    Problem::in_file(path, message).with_help(Msg::new("import-csv-too-large-help"))
}

/// A CSV file as a table, with the SHA-256 of its bytes. The text is UTF-8 (with or without a
/// byte-order mark) or, failing that, GB18030; UTF-8 bytes become the text without a copy.
pub(super) fn read(
    path: &Path,
    bytes: Vec<u8>,
    stem: String,
) -> Result<(Table, [u8; 32]), Problem> {
    // The digest of GB18030 bytes is taken before they are decoded; that of UTF-8 bytes later,
    // from the text after the byte-order mark it no longer holds.
    let (text, mark, decoded_digest) = match utf8(bytes) {
        Ok(mut text) if text.starts_with('\u{feff}') => {
            text.drain(..BOM.len());
            (text, BOM, None)
        }
        Ok(text) => (text, &b""[..], None),
        Err(bytes) => {
            let digest = sha256(&[&bytes]);
            (gb18030(path, &bytes)?, &b""[..], Some(digest))
        }
    };
    // GB18030 text may be longer than its bytes.
    if text.len() > MAX_TEXT {
        let message = Msg::new("import-csv-too-large").arg("size", text.len());
        return Err(too_large(path, message));
    }
    let file = SourceFile::new(path, text);
    let (digest, (records, slices)) = rayon::join(
        || decoded_digest.unwrap_or_else(|| sha256(&[mark, file.text.as_bytes()])),
        || {
            let records = records(file.text.as_bytes());
            let slices: Vec<(RowsBuilder, OwnText)> = records
                .par_chunks(SLICE)
                .enumerate()
                .map(|(n, slice)| rows(&file.text, slice, n * SLICE + 1))
                .collect();
            (records, slices)
        },
    );
    // Unquoted cells are shorter than the file: their text stays within 2 GiB. Each slice's
    // comes after the file's text as if it were the first.
    let base = file.text.len() as u32;
    let mut rows = RowsBuilder {
        rows: Vec::with_capacity(records.len()),
        blocks: Vec::with_capacity(slices.len()),
    };
    let mut own = OwnText::after(base);
    for (mut slice, text) in slices {
        let shift = own.text.len() as u32;
        own.text.push_str(&text.text);
        if shift > 0 && !text.text.is_empty() {
            for cell in slice
                .blocks
                .iter_mut()
                .flatten()
                .filter(|c| c.start >= base)
            {
                cell.start += shift;
            }
        }
        rows.append(slice);
    }
    let table = Table::new(Origin::Csv { file, records }, stem, rows, own);
    Ok((table, digest))
}

/// The bytes as text when they are UTF-8. They are checked with SIMD instructions, ten times
/// as fast as the standard library checks them, which would otherwise take a third of the
/// time a large file takes to read.
fn utf8(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        return Err(bytes);
    }
    // SAFETY: the bytes were just checked to be UTF-8.
    Ok(unsafe { String::from_utf8_unchecked(bytes) })
}

/// CSV bytes that are not UTF-8 read as GB18030 (GBK), as Chinese Excel saves CSV by default.
fn gb18030(path: &Path, bytes: &[u8]) -> Result<String, Problem> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| t.into_owned())
        .ok_or_else(|| {
            Problem::in_file(path, Msg::new("import-not-text"))
                .with_help(Msg::new("import-not-text-help"))
        })
}

/// The byte range of each record, from its first byte to its last before the line break.
fn records(text: &[u8]) -> Vec<(u32, u32)> {
    let mut records = Vec::with_capacity(text.len() / 64);
    let mut quoted = Quoted::new();
    let mut pos = 0;
    while pos < text.len() {
        // Line breaks where a record would start are empty lines: no record.
        if matches!(text[pos], b'\r' | b'\n') {
            pos += 1;
            continue;
        }
        let line_end = memchr(b'\n', &text[pos..]).map_or(text.len(), |i| pos + i);
        let end = if text[line_end - 1] == b'\r' {
            line_end - 1
        } else {
            line_end
        };
        if memchr2(b'"', b'\r', &text[pos..end]).is_none() {
            records.push((pos as u32, end as u32));
            pos = line_end;
            continue;
        }
        let read = quoted.read(&text[pos..]);
        let mut end = pos + read;
        while end > pos && matches!(text[end - 1], b'\r' | b'\n') {
            end -= 1;
        }
        records.push((pos as u32, end as u32));
        pos += read;
    }
    records
}

/// csv-core reading one record at a time, into buffers kept from record to record.
struct Quoted {
    parser: csv_core::Reader,
    /// The cells of the last record read, unquoted, one after the other.
    out: Vec<u8>,
    /// Where each cell ends in `out`.
    ends: Vec<usize>,
    /// How many cells the last record has.
    cells: usize,
}

impl Quoted {
    fn new() -> Self {
        Quoted {
            parser: csv_core::Reader::new(),
            out: vec![0; 1024],
            ends: vec![0; 32],
            cells: 0,
        }
    }

    /// Reads one record from the start of `input`; returns how many bytes it took, its line
    /// break too.
    fn read(&mut self, input: &[u8]) -> usize {
        self.parser.reset();
        let (mut read, mut written, mut ended) = (0, 0, 0);
        loop {
            let (result, nin, nout, nend) = self.parser.read_record(
                &input[read..],
                &mut self.out[written..],
                &mut self.ends[ended..],
            );
            read += nin;
            written += nout;
            ended += nend;
            match result {
                // With all the input given, an empty input is the end of the file.
                ReadRecordResult::InputEmpty if read < input.len() => {}
                ReadRecordResult::InputEmpty => {
                    let (_, _, _, nend) = self.parser.read_record(
                        &[],
                        &mut self.out[written..],
                        &mut self.ends[ended..],
                    );
                    ended += nend;
                    break;
                }
                ReadRecordResult::OutputFull => self.out.resize(self.out.len() * 2, 0),
                ReadRecordResult::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                ReadRecordResult::Record | ReadRecordResult::End => break,
            }
        }
        self.cells = ended;
        read
    }

    /// The cells of the last record read.
    fn cells(&self) -> impl Iterator<Item = &[u8]> {
        let ends = &self.ends[..self.cells];
        ends.iter()
            .enumerate()
            .map(|(i, &end)| &self.out[if i == 0 { 0 } else { ends[i - 1] }..end])
    }
}

/// The rows of consecutive records, the first numbered `first`, with the text of their
/// unquoted cells.
fn rows(text: &str, records: &[(u32, u32)], first: usize) -> (RowsBuilder, OwnText) {
    let mut own = OwnText::after(text.len() as u32);
    let mut quoted = Quoted::new();
    // Rows as wide as the first: nearly every table's rows are.
    let width = records.first().map_or(0, |&(start, end)| {
        memchr_iter(b',', &text.as_bytes()[start as usize..end as usize]).count() + 1
    });
    let mut rows = RowsBuilder::with_capacity(records.len(), width);
    for (i, &(start, end)) in records.iter().enumerate() {
        let (start, end) = (start as usize, end as usize);
        let record = &text[start..end];
        if memchr(b'"', record.as_bytes()).is_none() {
            rows.push_row(first + i, |cells| plain_cells(record, start, cells));
            continue;
        }
        quoted.read(record.as_bytes());
        rows.push_row(first + i, |cells| {
            cells.extend(quoted.cells().map(|cell| {
                // csv-core splits valid UTF-8 at ASCII bytes only: nothing is lost.
                let cell = String::from_utf8_lossy(cell);
                // Unquoted cells are shorter than the file's text, which is within 2 GiB
                // (`MAX_TEXT`): each is kept, none is ever left empty.
                own.keep(cell.trim())
                    .expect("a file within 2 GiB has unquoted cells within 4 GiB")
            }));
        });
    }
    (rows, own)
}

/// The cells of a record without quotes, which starts at byte `at` of the file, split at its
/// commas onto the end of `cells`: ranges of the file's text.
fn plain_cells(record: &str, at: usize, cells: &mut Vec<Stored>) {
    let mut from = 0;
    for to in memchr_iter(b',', record.as_bytes()).chain([record.len()]) {
        let cell = trimmed(&record[from..to]);
        let start = at + (cell.as_ptr() as usize - record.as_ptr() as usize);
        cells.push(Stored {
            start: start as u32,
            len: cell.len() as u32,
        });
        from = to + 1;
    }
}

/// A cell without the white space around it; an end that is a printable ASCII character, as
/// most are, is looked at no further.
fn trimmed(cell: &str) -> &str {
    let printable = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
    let cell = if printable(cell.as_bytes().first()) {
        cell
    } else {
        cell.trim_start()
    };
    if printable(cell.as_bytes().last()) {
        cell
    } else {
        cell.trim_end()
    }
}

/// Byte range of field `col` within one CSV record (quotes included), by the same rules the
/// reader follows: commas inside double quotes do not separate fields.
pub(super) fn field(record: &str, col: usize) -> Option<(usize, usize)> {
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
    use crate::data::table::Cell;

    fn table(text: &str) -> Table {
        read(Path::new("t.csv"), text.as_bytes().to_vec(), "t".into())
            .unwrap()
            .0
    }

    fn texts(table: &Table) -> Vec<Vec<String>> {
        (0..table.rows.len())
            .map(|r| table.cells(r).map(|c| c.text().into_owned()).collect())
            .collect()
    }

    /// What the `csv` crate reads from the text, each cell trimmed.
    fn as_csv_reads(text: &str) -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(|c| c.trim().to_string()).collect())
            .collect()
    }

    #[test]
    fn a_quoted_comma_does_not_end_a_field() {
        let record = "1,\"佛山,陶瓷\",合格\r\n";
        assert_eq!(field(record, 0), Some((0, 1)));
        assert_eq!(
            &record[field(record, 1).unwrap().0..field(record, 1).unwrap().1],
            "\"佛山,陶瓷\""
        );
        assert_eq!(
            &record[field(record, 2).unwrap().0..field(record, 2).unwrap().1],
            "合格"
        );
        assert_eq!(field(record, 3), None);
    }

    #[test]
    fn a_csv_file_read_a_slice_per_core_gives_the_rows_one_reader_gives() {
        let mut text = String::from("序号,产品名称,说明\r\n");
        for i in 0..(3 * SLICE + 7) {
            match i % 5 {
                0 => text.push_str(&format!("{i},\"陶瓷砖,\n600×600\",\"\"引号\"\"\"\r\n")),
                1 => text.push_str(&format!("{i},釉面砖,\n")),
                2 => text.push_str("\r\n"),
                _ => text.push_str(&format!("{i}, 抛光砖 ,\"第{i}行\r\n第二行\"\r\n")),
            }
        }
        let table = table(&text);
        let expected = as_csv_reads(&text);
        assert!(expected.len() > 2 * SLICE);
        assert_eq!(texts(&table), expected);
        assert!(
            table
                .rows
                .iter()
                .enumerate()
                .all(|(i, r)| r.number == i + 1)
        );
    }

    #[test]
    fn records_are_found_as_the_csv_crate_finds_them() {
        for text in [
            "a,b\rc,d\r\ne",
            "a,b\n\n\r\n,\n",
            "\"a\"\"b\",c\n\"x\ny\"\r\n\"z\"",
            "a\"b,c\n\"q\"r,s\n",
            "\"unclosed,\nmore\n",
            "  , x ,\u{3000}陶瓷砖\u{3000}\n",
            "a ,\t b\t, 陶瓷砖,釉面砖 , ,\r\n",
            "last line without a break",
            "\"quoted at the end\"",
            "",
            "\n\r\n",
        ] {
            assert_eq!(texts(&table(text)), as_csv_reads(text), "{text:?}");
        }
    }

    #[test]
    fn the_digest_is_of_the_file_as_written() {
        for bytes in [
            "序号,产品名称\n1,瓷砖\n".as_bytes().to_vec(),
            "\u{feff}序号,产品名称\n".as_bytes().to_vec(),
            encoding_rs::GB18030
                .encode("产品名称,检验结论\n瓷砖,合格\n")
                .0
                .into_owned(),
        ] {
            let (_, digest) = read(Path::new("t.csv"), bytes.clone(), "t".into()).unwrap();
            assert_eq!(digest, sha256(&[&bytes]));
        }
    }

    #[test]
    fn gbk_csv_is_read_as_chinese() {
        let (gbk, _, _) = encoding_rs::GB18030.encode("产品名称,检验结论\n瓷砖,合格\n");
        let (table, _) = read(Path::new("抽查.csv"), gbk.into_owned(), "抽查".into()).unwrap();
        assert_eq!(table.cell(0, 0), Some(Cell::Text("产品名称")));
        assert_eq!(table.cell(1, 1), Some(Cell::Text("合格")));
    }

    #[test]
    fn the_byte_order_mark_excel_writes_is_not_part_of_the_first_header() {
        let table = table("\u{feff}序号,产品名称\n");
        assert_eq!(table.cell(0, 0), Some(Cell::Text("序号")));
    }
}
