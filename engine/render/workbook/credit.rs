//! Member credit (one row per member, by credit code) and the sector warnings (8.1.2.3 b).

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::{headed, pick};
use crate::message::Msg;
use crate::outcome::Outcome;
use crate::render::credit::{action_name, grade_name, list};
use crate::render::sheet::{Formats, date, finish, header, row_num};
use crate::render::warnings;
use crate::text::Lang;

/// One row per member, in the outcome's order (by credit code): code, name, score, grade id
/// and name, the actions the grade brings and the member's warnings.
pub(super) fn members(
    sheet: &mut Worksheet,
    o: &Outcome,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let columns = headed(
        sheet,
        &[
            Msg::new("report-credit-code"),
            Msg::new("report-company"),
            Msg::new("workbook-col-credit-score"),
            Msg::new("workbook-col-grade-id"),
            Msg::new("workbook-col-grade-name"),
            Msg::new("report-credit-actions"),
            Msg::new("workbook-col-warnings"),
        ],
        lang,
        f,
    )?;
    let semicolon = Msg::new("report-semicolon").word(lang);
    for (n, m) in o.members.iter().enumerate() {
        let r = row_num(n + 1);
        sheet.write_string(r, 0, &m.id)?;
        sheet.write_string(r, 1, &m.name)?;
        sheet.write_number(r, 2, m.score)?;
        sheet.write_string(r, 3, &m.grade)?;
        sheet.write_string(r, 4, grade_name(o, &m.grade, lang))?;
        if !m.actions.is_empty() {
            let names: Vec<&str> = m.actions.iter().map(|a| action_name(o, a, lang)).collect();
            sheet.write_string(r, 5, list(lang, &names))?;
        }
        if !m.warnings.is_empty() {
            let texts: Vec<&str> = m
                .warnings
                .iter()
                .map(|w| pick(lang, &w.text, &w.text_en))
                .collect();
            sheet.write_string(r, 6, texts.join(&semicolon))?;
        }
    }
    finish(sheet, o.members.len(), columns)?;
    sheet.set_column_width(0, 22)?;
    sheet.set_column_width(1, 30)?;
    sheet.set_column_width(5, 30)?;
    sheet.set_column_width(6, 50)?;
    Ok(())
}

/// One row per sector warning: the day, what, over which subject, how many members, their
/// share and the line (shares per cent).
pub(super) fn warnings(
    sheet: &mut Worksheet,
    o: &Outcome,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let h: Vec<String> = warnings::columns(lang)
        .into_iter()
        .map(|(h, _)| h)
        .collect();
    let columns = h.len();
    header(sheet, &h, f)?;
    for (n, w) in o.warnings.iter().enumerate() {
        let r = row_num(n + 1);
        date(sheet, r, 0, &w.date, f)?;
        sheet.write_string(r, 1, pick(lang, &w.text, &w.text_en))?;
        sheet.write_string(r, 2, &w.subject)?;
        sheet.write_number(r, 3, w.count as f64)?;
        sheet.write_number_with_format(r, 4, w.share, &f.percent)?;
        sheet.write_number_with_format(r, 5, w.threshold, &f.percent)?;
    }
    finish(sheet, o.warnings.len(), columns)?;
    sheet.set_column_width(0, 12)?;
    sheet.set_column_width(1, 60)?;
    Ok(())
}
