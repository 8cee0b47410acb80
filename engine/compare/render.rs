//! A comparison as a terminal text (the ranking, the sectors, the indicator matrix), as CSV
//! (one record per association, with its share of every level and indicator) and as an Excel
//! workbook (a ranking sheet and a matrix sheet, shares as numbers formatted as per cent).

use rust_xlsxwriter::{Workbook, XlsxError};

use super::{Comparison, Entry, Row};
use crate::message::Msg;
use crate::render::sheet::{Formats, col, finish, header, row_num};
use crate::render::table::{Align, Table, indented as wrapped, num};
use crate::text::Lang;

/// What a column of the ranking holds, for the workbook.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Text,
    Number,
    /// A share in per cent (a fraction with a per-cent format in the workbook).
    Share,
}

/// Associations shown as matrix columns in the terminal without `--all`.
pub const MATRIX_COLUMNS: usize = 6;

/// A share in per cent as a table shows it: one decimal, `%`.
fn pct(share_pct: f64) -> String {
    format!("{}%", num((share_pct * 10.0).round() / 10.0))
}

/// A change with its sign: `+5`, `-2.5`, `±0`.
fn signed(x: f64) -> String {
    if x > 0.0 {
        format!("+{}", num(x))
    } else if x < 0.0 {
        num(x)
    } else {
        "±0".to_string()
    }
}

/// The mover of an entry in words: `+5 个百分点，↑1`, or `新`.
fn mover(e: &Entry, lang: Lang) -> String {
    let Some(m) = &e.mover else {
        return Msg::new("compare-new").word(lang);
    };
    let n = m.rank_change.unsigned_abs();
    let rank = match m.rank_change {
        0 => Msg::new("compare-rank-same"),
        c if c > 0 => Msg::new("compare-rank-up").arg("n", n),
        _ => Msg::new("compare-rank-down").arg("n", n),
    };
    Msg::new("compare-mover")
        .arg("pp", signed(m.change_pp))
        .arg("rank", rank)
        .word(lang)
}

/// A row's label with its depth's indent.
fn indented(row: &Row, lang: Lang) -> (String, String) {
    let indent = "  ".repeat(row.depth);
    let name = if lang == Lang::En && !row.en.is_empty() {
        &row.en
    } else {
        &row.zh
    };
    (format!("{indent}{}", row.id), name.clone())
}

impl Comparison {
    /// The comparison as terminal text in `lang`; with `all`, the matrix has a column for
    /// every association, else for the first [`MATRIX_COLUMNS`].
    pub fn to_text(&self, lang: Lang, all: bool) -> String {
        let title = Msg::new("compare-title")
            .arg("period", self.period.as_str())
            .arg("n", self.ranking.len())
            .arg("sectors", self.sectors.len());
        let mut out = wrapped(&title.word(lang), "", "");
        out.push('\n');
        out.push_str(&Msg::new("compare-ranking").word(lang));
        out.push('\n');
        let mut t = Table::new(&[
            (&Msg::new("compare-col-rank").word(lang), Align::Right),
            (&Msg::new("compare-col-association").word(lang), Align::Left),
            (&Msg::new("compare-col-code").word(lang), Align::Left),
            (&Msg::new("compare-col-sector").word(lang), Align::Left),
            (&Msg::new("compare-col-points").word(lang), Align::Right),
            (&Msg::new("compare-col-share").word(lang), Align::Right),
            (&Msg::new("compare-col-grade").word(lang), Align::Left),
            (&Msg::new("compare-col-mover").word(lang), Align::Left),
        ]);
        for e in &self.ranking {
            t.row(vec![
                e.rank.to_string(),
                e.name.clone(),
                e.id.clone(),
                e.sector.text().get(lang).to_string(),
                format!("{}/{}", num(e.score), num(e.max)),
                pct(e.share_pct),
                e.grade.text().get(lang).to_string(),
                mover(e, lang),
            ]);
        }
        out.push_str(&t.render());
        out.push_str(&wrapped(
            &Msg::new("compare-mover-legend").word(lang),
            "",
            "",
        ));

        out.push('\n');
        out.push_str(&Msg::new("compare-by-sector").word(lang));
        out.push('\n');
        let mut t = Table::new(&[
            (&Msg::new("compare-col-sector").word(lang), Align::Left),
            (&Msg::new("compare-col-count").word(lang), Align::Right),
            (&Msg::new("compare-col-mean").word(lang), Align::Right),
            (&Msg::new("compare-col-members").word(lang), Align::Left),
        ]);
        for g in &self.sectors {
            let members: Vec<crate::message::Arg> = g
                .associations
                .iter()
                .filter_map(|id| self.ranking.iter().find(|e| &e.id == id))
                .map(|e| {
                    Msg::new("compare-member-rank")
                        .arg("name", e.name.as_str())
                        .arg("rank", e.rank)
                        .into()
                })
                .collect();
            t.row(vec![
                g.sector.text().get(lang).to_string(),
                g.associations.len().to_string(),
                pct(g.mean_share_pct),
                Msg::new("compare-list").arg("items", members).word(lang),
            ]);
        }
        out.push_str(&t.render());

        out.push('\n');
        out.push_str(&wrapped(&Msg::new("compare-matrix").word(lang), "", ""));
        let shown = if all {
            self.ranking.len()
        } else {
            self.ranking.len().min(MATRIX_COLUMNS)
        };
        let headers: Vec<String> = self.ranking[..shown]
            .iter()
            .map(|e| {
                Msg::new("compare-col-rank-n")
                    .arg("rank", e.rank)
                    .word(lang)
            })
            .collect();
        let mut columns = vec![
            (Msg::new("compare-col-indicator").word(lang), Align::Left),
            (Msg::new("compare-col-name").word(lang), Align::Left),
        ];
        columns.extend(headers.into_iter().map(|h| (h, Align::Right)));
        let columns: Vec<(&str, Align)> = columns.iter().map(|(h, a)| (h.as_str(), *a)).collect();
        let mut t = Table::new(&columns);
        for row in &self.matrix {
            let (id, name) = indented(row, lang);
            let mut cells = vec![id, name];
            cells.extend(self.ranking[..shown].iter().map(|e| {
                row.cells
                    .get(&e.id)
                    .map_or(String::new(), |c| pct(c.share_pct))
            }));
            t.row(cells);
        }
        out.push_str(&t.render());
        if shown < self.ranking.len() {
            let cut = Msg::new("compare-cut-columns").arg("n", self.ranking.len() - shown);
            out.push_str(&cut.word(lang));
            out.push('\n');
        }
        if !self.absent.is_empty() {
            let names: Vec<crate::message::Arg> = self
                .absent
                .iter()
                .map(|a| {
                    Msg::new("compare-absent-one")
                        .arg("name", a.name.as_str())
                        .arg("periods", a.periods.clone())
                        .into()
                })
                .collect();
            out.push('\n');
            let absent = Msg::new("compare-absent")
                .arg("period", self.period.as_str())
                .arg("n", self.absent.len())
                .arg("names", names);
            out.push_str(&wrapped(&absent.word(lang), "", ""));
        }
        out
    }

    /// The ranking's columns in `lang`, one row per association: the mover's parts and the
    /// share of every matrix row (blank where the association's sector has no such row).
    fn ranking_columns(&self, lang: Lang) -> Vec<(String, Kind)> {
        let mut columns: Vec<(String, Kind)> = [
            (Msg::new("compare-col-rank"), Kind::Number),
            (Msg::new("compare-col-code"), Kind::Text),
            (Msg::new("compare-col-association"), Kind::Text),
            (Msg::new("compare-col-sector-id"), Kind::Text),
            (Msg::new("compare-col-sector"), Kind::Text),
            (Msg::new("compare-col-score"), Kind::Number),
            (Msg::new("compare-col-max"), Kind::Number),
            (Msg::new("compare-col-share-pct"), Kind::Share),
            (Msg::new("compare-col-grade"), Kind::Text),
            (Msg::new("compare-col-previous"), Kind::Text),
            (Msg::new("compare-col-previous-rank"), Kind::Number),
            (Msg::new("compare-col-change"), Kind::Number),
            (Msg::new("compare-col-rank-change"), Kind::Number),
        ]
        .into_iter()
        .map(|(msg, kind)| (msg.word(lang), kind))
        .collect();
        columns.extend(self.matrix.iter().map(|r| {
            let name = if lang == Lang::En { &r.en } else { &r.zh };
            let h = Msg::new("compare-col-row-share")
                .arg("id", r.id.as_str())
                .arg("name", name.as_str());
            (h.word(lang), Kind::Share)
        }));
        columns
    }

    /// The cells of [`Comparison::ranking_columns`], numbers as written (shares in per cent).
    fn ranking_rows(&self, lang: Lang) -> Vec<Vec<String>> {
        let or_blank = |x: Option<String>| x.unwrap_or_default();
        self.ranking
            .iter()
            .map(|e| {
                let m = e.mover.as_ref();
                let mut cells = vec![
                    e.rank.to_string(),
                    e.id.clone(),
                    e.name.clone(),
                    e.sector.id.clone(),
                    e.sector.text().get(lang).to_string(),
                    num(e.score),
                    num(e.max),
                    num(e.share_pct),
                    e.grade.text().get(lang).to_string(),
                    or_blank(m.map(|m| m.period.clone())),
                    or_blank(m.map(|m| m.rank.to_string())),
                    or_blank(m.map(|m| num(m.change_pp))),
                    or_blank(m.map(|m| m.rank_change.to_string())),
                ];
                cells.extend(
                    self.matrix
                        .iter()
                        .map(|r| or_blank(r.cells.get(&e.id).map(|c| num(c.share_pct)))),
                );
                cells
            })
            .collect()
    }

    /// The comparison as CSV in `lang`: a header row, then one record per association in rank
    /// order (RFC 4180, cells that look like formulas quoted out).
    pub fn to_csv(&self, lang: Lang) -> String {
        let columns = self.ranking_columns(lang);
        let columns: Vec<(&str, Align)> = columns
            .iter()
            .map(|(h, k)| {
                (
                    h.as_str(),
                    if *k == Kind::Text {
                        Align::Left
                    } else {
                        Align::Right
                    },
                )
            })
            .collect();
        let mut t = Table::new(&columns);
        for row in self.ranking_rows(lang) {
            t.row(row);
        }
        t.csv()
    }

    /// The comparison as an Excel workbook in `lang`: the ranking sheet (one row per
    /// association, as the CSV) and the matrix sheet (a row per level and indicator, a
    /// column per association); header rows frozen with an autofilter, shares as numbers in a
    /// per-cent format.
    pub fn to_xlsx(&self, lang: Lang) -> Result<Vec<u8>, XlsxError> {
        let mut book = Workbook::new();
        let f = Formats::new();
        let columns = self.ranking_columns(lang);
        let rows = self.ranking_rows(lang);
        let sheet = book.add_worksheet();
        sheet.set_name(Msg::new("compare-sheet-ranking").word(lang))?;
        let heads: Vec<String> = columns.iter().map(|(h, _)| h.clone()).collect();
        header(sheet, &heads, &f)?;
        for (r, row) in rows.iter().enumerate() {
            let r = row_num(r + 1);
            for (c, (cell, (_, kind))) in row.iter().zip(&columns).enumerate() {
                match (kind, cell.parse::<f64>()) {
                    _ if cell.is_empty() => continue,
                    (Kind::Share, Ok(n)) => {
                        sheet.write_number_with_format(r, col(c), n / 100.0, &f.percent)
                    }
                    (Kind::Number, Ok(n)) => sheet.write_number(r, col(c), n),
                    _ => sheet.write_string(r, col(c), cell),
                }?;
            }
        }
        finish(sheet, rows.len(), columns.len())?;
        sheet.set_column_width(1, 20)?;
        sheet.set_column_width(2, 30)?;

        let sheet = book.add_worksheet();
        sheet.set_name(Msg::new("compare-sheet-matrix").word(lang))?;
        let mut heads = vec![
            Msg::new("compare-col-indicator").word(lang),
            Msg::new("compare-col-name").word(lang),
        ];
        heads.extend(
            self.ranking
                .iter()
                .map(|e| format!("{} {}", e.rank, e.name)),
        );
        header(sheet, &heads, &f)?;
        for (r, row) in self.matrix.iter().enumerate() {
            let r = row_num(r + 1);
            let (id, name) = indented(row, lang);
            sheet.write_string(r, 0, id)?;
            sheet.write_string(r, 1, name)?;
            for (c, e) in self.ranking.iter().enumerate() {
                if let Some(cell) = row.cells.get(&e.id) {
                    sheet.write_number_with_format(
                        r,
                        col(c + 2),
                        cell.share_pct / 100.0,
                        &f.percent,
                    )?;
                }
            }
        }
        finish(sheet, self.matrix.len(), heads.len())?;
        sheet.set_column_width(1, 30)?;
        book.save_to_buffer()
    }
}
