//! An outcome as an Excel workbook, for staff to filter and sort: the summary, the indicator
//! tree, one row per criterion with its reason, the improvement actions and their follow-ups,
//! and, when the data has a roster, the members' credit and the sector warnings. Every header
//! is in the reader's language; numbers are numbers, shares per cent, dates date cells, and
//! text from the data is written as text (a name starting with `=` is not a formula).

mod actions;
mod credit;

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::pick;
use super::sheet::{Formats, date, finish, header, row_num};
use crate::message::Msg;
use crate::outcome::Outcome;
use crate::text::Lang;

/// The outcome as an `.xlsx` workbook in `lang`; `sector` is the sector's name.
pub fn to_xlsx(outcome: &Outcome, sector: &str, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let f = Formats::new();
    summary(
        new_sheet(&mut book, Msg::new("workbook-sheet-summary"), lang)?,
        outcome,
        sector,
        lang,
        &f,
    )?;
    indicators(
        new_sheet(&mut book, Msg::new("workbook-sheet-indicators"), lang)?,
        outcome,
        lang,
        &f,
    )?;
    criteria(
        new_sheet(&mut book, Msg::new("workbook-sheet-criteria"), lang)?,
        outcome,
        lang,
        &f,
    )?;
    actions::actions(
        new_sheet(&mut book, Msg::new("workbook-sheet-actions"), lang)?,
        outcome,
        lang,
        &f,
    )?;
    actions::follow_ups(
        new_sheet(&mut book, Msg::new("workbook-sheet-follow-ups"), lang)?,
        outcome,
        lang,
        &f,
    )?;
    if !outcome.members.is_empty() {
        credit::members(
            new_sheet(&mut book, Msg::new("workbook-sheet-members"), lang)?,
            outcome,
            lang,
            &f,
        )?;
        credit::warnings(
            new_sheet(&mut book, Msg::new("workbook-sheet-warnings"), lang)?,
            outcome,
            lang,
            &f,
        )?;
    }
    book.save_to_buffer()
}

/// A new sheet named in `lang`.
fn new_sheet(book: &mut Workbook, name: Msg, lang: Lang) -> Result<&mut Worksheet, XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name(name.word(lang))?;
    Ok(sheet)
}

/// Headers in `lang`.
/// Writes a sheet's header row, worded in `lang`, and gives the number of columns.
fn headed(
    sheet: &mut Worksheet,
    columns: &[Msg],
    lang: Lang,
    f: &Formats,
) -> Result<usize, XlsxError> {
    let words: Vec<String> = columns.iter().map(|m| m.word(lang)).collect();
    header(sheet, &words, f)?;
    Ok(words.len())
}

/// A score's share of its maximum, as a fraction (none for a maximum of 0).
fn share(score: f64, max: f64) -> Option<f64> {
    (max != 0.0).then(|| score / max)
}

/// Two columns, what and its value: the association, the period, the result and where it
/// came from.
fn summary(
    sheet: &mut Worksheet,
    o: &Outcome,
    sector: &str,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let a = &o.association;
    headed(
        sheet,
        &[Msg::new("workbook-field"), Msg::new("workbook-value")],
        lang,
        f,
    )?;
    let texts = [
        (Msg::new("workbook-association"), a.name.as_str()),
        (Msg::new("report-credit-code"), a.id.as_str()),
        (Msg::new("report-period"), o.period.as_str()),
    ];
    let mut r = 1;
    for (label, value) in texts {
        sheet.write_string(r, 0, label.word(lang))?;
        sheet.write_string(r, 1, value)?;
        r += 1;
    }
    sheet.write_string(r, 0, Msg::new("workbook-period-end").word(lang))?;
    date(sheet, r, 1, &o.period_end, f)?;
    sheet.write_string(r + 1, 0, Msg::new("workbook-sector").word(lang))?;
    sheet.write_string(r + 1, 1, sector)?;
    sheet.write_string(r + 2, 0, Msg::new("report-total").word(lang))?;
    sheet.write_number(r + 2, 1, a.score)?;
    sheet.write_string(r + 3, 0, Msg::new("report-max").word(lang))?;
    sheet.write_number(r + 3, 1, a.max)?;
    r += 4;
    let version = env!("CARGO_PKG_VERSION");
    let texts = [
        (Msg::new("report-grade"), pick(lang, &a.grade, &a.grade_en)),
        (Msg::new("workbook-policy-digest"), o.policy.digest.as_str()),
        (Msg::new("workbook-data-digest"), o.data.digest.as_str()),
        (Msg::new("workbook-version"), version),
    ];
    for (label, value) in texts {
        sheet.write_string(r, 0, label.word(lang))?;
        sheet.write_string(r, 1, value)?;
        r += 1;
    }
    sheet.set_column_width(0, 20)?;
    sheet.set_column_width(1, 40)?;
    Ok(())
}

/// One row per level and indicator in reading order: id, name, the level above, score, most
/// points and the share.
fn indicators(
    sheet: &mut Worksheet,
    o: &Outcome,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let columns = headed(
        sheet,
        &[
            Msg::new("workbook-col-id"),
            Msg::new("report-name"),
            Msg::new("workbook-col-parent"),
            Msg::new("report-score"),
            Msg::new("report-max"),
            Msg::new("workbook-col-share"),
        ],
        lang,
        f,
    )?;
    let rows = super::report::tree_rows(o, lang);
    for (n, row) in rows.iter().enumerate() {
        let r = row_num(n + 1);
        sheet.write_string(r, 0, &row.id)?;
        sheet.write_string(r, 1, &row.name)?;
        if let Some(parent) = &row.parent {
            sheet.write_string(r, 2, parent)?;
        }
        sheet.write_number(r, 3, row.score)?;
        sheet.write_number(r, 4, row.max)?;
        if let Some(s) = share(row.score, row.max) {
            sheet.write_number_with_format(r, 5, s, &f.percent)?;
        }
    }
    finish(sheet, rows.len(), columns)?;
    sheet.set_column_width(1, 36)?;
    Ok(())
}

/// One row per criterion, with its indicator: what it earned of its most points, by which
/// kind of rule, and why.
fn criteria(sheet: &mut Worksheet, o: &Outcome, lang: Lang, f: &Formats) -> Result<(), XlsxError> {
    let columns = headed(
        sheet,
        &[
            Msg::new("workbook-col-indicator"),
            Msg::new("workbook-col-indicator-name"),
            Msg::new("workbook-col-criterion"),
            Msg::new("workbook-col-rule"),
            Msg::new("report-score"),
            Msg::new("report-max"),
            Msg::new("workbook-col-reason"),
        ],
        lang,
        f,
    )?;
    let mut r = 0;
    for i in &o.association.indicators {
        let name = pick(lang, &i.name, &i.name_en);
        for reason in &i.reasons {
            r += 1;
            sheet.write_string(r, 0, &i.id)?;
            sheet.write_string(r, 1, name)?;
            sheet.write_string(r, 2, &reason.criterion)?;
            let kind = Msg::new("workbook-rule-kind").arg("rule", reason.rule.as_str());
            sheet.write_string(r, 3, kind.word(lang))?;
            sheet.write_number(r, 4, reason.points)?;
            sheet.write_number(r, 5, reason.max)?;
            sheet.write_string(r, 6, pick(lang, &reason.text, &reason.text_en))?;
        }
    }
    finish(sheet, r as usize, columns)?;
    sheet.set_column_width(1, 24)?;
    sheet.set_column_width(6, 60)?;
    Ok(())
}
