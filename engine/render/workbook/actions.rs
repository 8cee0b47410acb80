//! The improvement actions this period raised (7.4), and the follow-up of earlier ones
//! (7.4 d), one row each, due dates as date cells.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::{headed, pick};
use crate::message::Msg;
use crate::outcome::Outcome;
use crate::render::follow_up;
use crate::render::sheet::{Formats, date, finish, header, row_num};
use crate::text::Lang;

/// The indicator's name with its id, `投诉处理（C17）`.
fn indicator(o: &Outcome, id: &str, lang: Lang) -> String {
    match o.indicator(id) {
        Some(i) => format!("{}（{id}）", pick(lang, &i.name, &i.name_en)),
        None => id.to_string(),
    }
}

/// One row per action raised: its id, clause, indicator, what, who, by when and why.
pub(super) fn actions(
    sheet: &mut Worksheet,
    o: &Outcome,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let columns = headed(
        sheet,
        &[
            Msg::new("report-action-id"),
            Msg::new("report-clause"),
            Msg::new("report-indicator"),
            Msg::new("report-action"),
            Msg::new("report-owner"),
            Msg::new("report-due"),
            Msg::new("report-why"),
        ],
        lang,
        f,
    )?;
    for (n, t) in o.triggers.iter().enumerate() {
        let r = row_num(n + 1);
        sheet.write_string(r, 0, t.key())?;
        sheet.write_string(r, 1, &t.clause)?;
        sheet.write_string(r, 2, indicator(o, &t.target, lang))?;
        sheet.write_string(r, 3, pick(lang, &t.action, &t.action_en))?;
        sheet.write_string(r, 4, pick(lang, &t.owner, &t.owner_en))?;
        date(sheet, r, 5, &t.due, f)?;
        sheet.write_string(r, 6, pick(lang, &t.reason, &t.reason_en))?;
    }
    finish(sheet, o.triggers.len(), columns)?;
    sheet.set_column_width(0, 20)?;
    sheet.set_column_width(3, 40)?;
    sheet.set_column_width(5, 12)?;
    sheet.set_column_width(6, 40)?;
    Ok(())
}

/// One row per earlier action followed up, as the report shows it, the due date a date cell.
pub(super) fn follow_ups(
    sheet: &mut Worksheet,
    o: &Outcome,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    /// The due date's column.
    const DUE: usize = 3;
    let h = follow_up::columns(lang);
    header(sheet, &h, f)?;
    let columns = h.len();
    let rows = follow_up::rows(o, lang);
    for (n, row) in rows.iter().enumerate() {
        let r = row_num(n + 1);
        for (c, cell) in row.iter().enumerate() {
            let c16 = crate::render::sheet::col(c);
            if c == DUE {
                date(sheet, r, c16, cell, f)?;
            } else {
                sheet.write_string(r, c16, cell)?;
            }
        }
    }
    finish(sheet, rows.len(), columns)?;
    sheet.set_column_width(0, 20)?;
    sheet.set_column_width(3, 12)?;
    sheet.set_column_width(5, 40)?;
    Ok(())
}
