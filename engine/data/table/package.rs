//! A workbook's zip, looked at before calamine inflates anything.
//!
//! Two things in it would otherwise be believed: the sizes its parts inflate to, and the count
//! of shared strings, for which calamine reserves room up front (a count of four billion asks
//! for 96 GB). The sizes are declared in the zip's central directory and their sum is checked
//! against the limit; that they are true is enforced while the parts are read, by the zip
//! reader, which stops a part at the first byte past its declared size. When reading fails,
//! [`overrun`] inflates the parts again, counting, to tell the user that one declared less
//! than it holds.

use std::io::{Cursor, Read};
use std::path::Path;

use quick_xml::events::Event;
use zip::{CompressionMethod, ZipArchive};

use super::workbook::TableLimits;
use crate::diagnostic::Problem;
use crate::message::Msg;

/// How much of the shared strings part is read for its `<sst>` element.
const HEAD: u64 = 64 * 1024;

/// Refuses a workbook whose parts declare more than the inflated size allowed, or whose
/// shared strings declare more strings than the cells allowed. A file that is no zip is left
/// for the reader to refuse, with its own words.
pub(super) fn inspect(path: &Path, bytes: &[u8], limits: &TableLimits) -> Result<(), Problem> {
    let Ok(mut zip) = ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total: u64 = 0;
    let mut largest: (u64, String) = (0, String::new());
    let mut strings = Vec::new();
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index_raw(i) else {
            continue;
        };
        let (size, name) = (part.size(), part_name(&part));
        total = total.saturating_add(size);
        if name.to_ascii_lowercase().ends_with("sharedstrings.xml") {
            strings.push(i);
        }
        if size > largest.0 {
            largest = (size, name);
        }
    }
    if total > limits.inflated_bytes() {
        return Err(Problem::in_file(
            path,
            Msg::new("table-inflates-too-much")
                .arg("mb", megabytes(total))
                .arg("part", largest.1)
                .arg("part_mb", megabytes(largest.0))
                .arg("limit", limits.inflated_mb),
        )
        .with_help(Msg::new("table-inflates-too-much-help")));
    }
    for i in strings {
        let Some((name, count)) = shared_string_count(&mut zip, i) else {
            continue;
        };
        if count > limits.cells {
            return Err(Problem::in_file(
                path,
                Msg::new("table-too-many-strings")
                    .arg("part", name)
                    .arg("n", count)
                    .arg("limit", limits.cells),
            )
            .with_help(Msg::new("table-too-many-cells-help")));
        }
    }
    Ok(())
}

/// A part's name as the zip gives it.
fn part_name<R: Read>(part: &zip::read::ZipFile<'_, R>) -> String {
    part.name().map(|n| n.into_owned()).unwrap_or_default()
}

/// Megabytes, rounded up: a part of 1 byte is not `0 MB`.
fn megabytes(bytes: u64) -> u64 {
    bytes.div_ceil(1_000_000)
}

/// The `uniqueCount` of a shared strings part's `<sst>` element, read from its first bytes.
fn shared_string_count(zip: &mut ZipArchive<Cursor<&[u8]>>, index: usize) -> Option<(String, u64)> {
    let mut part = zip.by_index(index).ok()?;
    let name = part_name(&part);
    let mut head = Vec::new();
    // A part cut short or damaged gives what was read; the reader refuses the rest.
    let _ = (&mut part).take(HEAD).read_to_end(&mut head);
    let mut xml = quick_xml::Reader::from_reader(head.as_slice());
    let mut buf = Vec::new();
    loop {
        match xml.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "sst" => {
                let count = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == "uniqueCount")?;
                let count = count.value.trim().parse().ok()?;
                return Some((name, count));
            }
            Event::Eof => return None,
            _ => buf.clear(),
        }
    }
}

/// Why reading a workbook failed, when it is that a part inflates to more than the size it
/// declares: the first such part, counted by inflating every part again up to one byte past
/// its declared size.
pub(super) fn overrun(bytes: &[u8]) -> Option<Msg> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).ok()?;
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index_raw(i) else {
            continue;
        };
        let (declared, name) = (part.size(), part_name(&part));
        let mut inflated: Box<dyn Read> = match part.compression() {
            CompressionMethod::Stored => Box::new(part),
            CompressionMethod::Deflated => Box::new(flate2::read::DeflateDecoder::new(part)),
            _ => continue,
        };
        let counted = std::io::copy(
            &mut (&mut inflated).take(declared.saturating_add(1)),
            &mut std::io::sink(),
        );
        if counted.is_ok_and(|n| n > declared) {
            return Some(
                Msg::new("table-part-overruns")
                    .arg("part", name)
                    .arg("declared", declared),
            );
        }
    }
    None
}
