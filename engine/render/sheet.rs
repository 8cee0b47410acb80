//! What every Excel workbook cogov writes shares: a bold header row, frozen and filtered;
//! shares as numbers in a per-cent format; dates as date cells; text always as text, never a
//! formula, whatever it starts with.

use rust_xlsxwriter::{ExcelDateTime, Format, Worksheet, XlsxError};

/// The cell formats of a workbook.
pub(crate) struct Formats {
    /// Header cells.
    pub bold: Format,
    /// A fraction shown as per cent, one decimal.
    pub percent: Format,
    /// A date, `yyyy-mm-dd`.
    pub date: Format,
}

impl Formats {
    /// The formats, made once per workbook.
    pub fn new() -> Formats {
        Formats {
            bold: Format::new().set_bold(),
            percent: Format::new().set_num_format("0.0%"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
        }
    }
}

/// Writes the header row in bold.
pub(crate) fn header(
    sheet: &mut Worksheet,
    heads: &[String],
    f: &Formats,
) -> Result<(), XlsxError> {
    for (c, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(0, col(c), h, &f.bold)?;
    }
    Ok(())
}

/// Writes a `YYYY-MM-DD` date as a date cell; anything else (an empty date of an old outcome)
/// as text.
pub(crate) fn date(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    text: &str,
    f: &Formats,
) -> Result<(), XlsxError> {
    match ExcelDateTime::parse_from_str(text) {
        Ok(d) if text.len() == 10 => sheet.write_datetime_with_format(row, column, d, &f.date),
        _ => sheet.write_string(row, column, text),
    }?;
    Ok(())
}

/// The header row frozen and filtered, over `rows` rows below it.
pub(crate) fn finish(sheet: &mut Worksheet, rows: usize, columns: usize) -> Result<(), XlsxError> {
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, row_num(rows), col(columns.saturating_sub(1)))?;
    Ok(())
}

/// A column index as the workbook takes it.
pub(crate) fn col(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// A row index as the workbook takes it.
pub(crate) fn row_num(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
