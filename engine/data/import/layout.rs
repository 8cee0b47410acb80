//! Recognising a table: which row holds the headers, which shape of the import policy the
//! table has, which column holds each field, and the date its title gives. Every header
//! problem is reported: headers the policy does not know, columns given twice, required
//! columns missing, cells without a header, rows above the header that are not titles, a
//! title with two dates, a sampling table none of whose date sources gives a date. A
//! worksheet the policy lists under `skip_sheets` is passed over when it holds no table.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::rows::date_sources;
use crate::data::table::{self, Cell, Col, Table};
use crate::data::{did_you_mean, quoted};
use crate::diagnostic::Problems;
use crate::message::Msg;
use crate::policy::import::{DateSource, Field, ImportPolicy, Shape, ShapeKind, normalise_header};

/// How one table is laid out: its shape, its header row and the column of each field.
pub(super) struct Layout {
    /// Index into the policy's shapes.
    pub(super) shape: usize,
    /// Index of the header row in the table's rows.
    pub(super) header: usize,
    /// Column of each field the table has, and the header as the table writes it.
    pub(super) columns: BTreeMap<Field, (usize, String)>,
    /// The same columns by field number, as every cell of every row is looked up.
    by_field: Vec<Option<usize>>,
    /// The date written in the title rows, when the shape reads one (`DateSource::Title`).
    pub(super) title_date: TitleDate,
    /// Whether the table has every column its shape needs: rows of a table that lacks one are
    /// checked, but become no member or event.
    pub(super) complete: bool,
}

/// What the title rows say of the notice's date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TitleDate {
    /// No date (or the shape does not read one from the title).
    Absent,
    /// One date.
    Date(Date),
    /// Two different dates: a problem said so, and no row takes either.
    Unclear,
}

/// Finds the header row and shape of a table and maps its columns; every header problem is
/// reported. `None` when no shape is found (or the sheet is one the policy passes over).
pub(super) fn layout(
    table: &Table,
    policy: &ImportPolicy,
    notice_date: Option<Date>,
    problems: &mut Problems,
) -> Option<Layout> {
    let normalised = |row: usize| -> Vec<String> {
        table
            .cells(row)
            .map(|c| normalise_header(&c.text()))
            .collect()
    };
    let found = (0..table.rows.len()).find_map(|r| {
        let headers = normalised(r);
        policy
            .shapes
            .iter()
            .position(|s| s.identifies(&headers))
            .map(|s| (r, s, headers))
    });
    let Some((header, s, headers)) = found else {
        if table
            .sheet()
            .is_some_and(|sheet| policy.skip_sheets.contains(&normalise_header(sheet)))
        {
            return None;
        }
        let kinds: Vec<Msg> = policy
            .shapes
            .iter()
            .map(|s| {
                let marks = quoted(s.identify.iter().map(|f| s.header_of(*f)));
                Msg::new("import-shape-headers")
                    .arg("shape", &s.name)
                    .arg("headers", marks)
            })
            .collect();
        let first = (0..table.rows.len()).find(|r| !table.rows[*r].is_empty());
        let seen = first.map_or_else(
            || Msg::new("import-table-empty"),
            |r| {
                let cells = quoted(table.cells(r).map(Cell::text).filter(|c| !c.is_empty()));
                Msg::new("import-first-row").arg("cells", cells)
            },
        );
        problems.push(
            table
                .problem(Msg::new("import-unknown-shape").arg("shapes", kinds))
                .with_help(Msg::new("import-unknown-shape-help").arg("seen", seen)),
        );
        return None;
    };
    let shape = &policy.shapes[s];
    for r in 0..header {
        if table.cells(r).filter(|c| !c.is_empty()).count() > 1 {
            problems.push(
                table
                    .problem_at(
                        r,
                        Col::Row,
                        Msg::new("import-row-above-header")
                            .arg("header", table.rows[header].number),
                    )
                    .with_help(Msg::new("import-row-above-header-help")),
            );
        }
    }
    let mut columns: BTreeMap<Field, (usize, String)> = BTreeMap::new();
    let width = table.rows[header + 1..]
        .iter()
        .map(table::Row::width)
        .chain([headers.len()])
        .max()
        .unwrap_or(0);
    for col in 0..width {
        let header_text = table
            .cell(header, col)
            .map(|c| c.text().into_owned())
            .unwrap_or_default();
        let normal = headers.get(col).cloned().unwrap_or_default();
        if normal.is_empty() {
            let filled = (header + 1..table.rows.len())
                .find(|r| table.cell(*r, col).is_some_and(|c| !c.is_empty()));
            if let Some(r) = filled {
                problems.push(
                    table
                        .problem_at(r, Col::Letter(col), Msg::new("import-value-without-header"))
                        .with_help(Msg::new("import-value-without-header-help")),
                );
            }
        } else if let Some(field) = shape.headers.get(&normal) {
            if let Some((_, first)) = columns.get(field) {
                problems.push(
                    table.problem_at(
                        header,
                        Col::Cell(col),
                        Msg::new("import-column-twice")
                            .arg("header", &header_text)
                            .arg("first", first)
                            .arg("field", shape.header_of(*field)),
                    ),
                );
            } else {
                columns.insert(*field, (col, header_text));
            }
        } else if !shape.ignore.contains(&normal) {
            let known: Vec<String> = shape.headers.keys().chain(&shape.ignore).cloned().collect();
            let add = Msg::new("import-unknown-header-help").arg("header", &header_text);
            let help = match did_you_mean(&normal, known.iter()) {
                Some(near) => Msg::new("import-near-or").arg("near", near).arg("add", add),
                None => add,
            };
            problems.push(
                table
                    .problem_at(
                        header,
                        Col::Cell(col),
                        Msg::new("import-unknown-header")
                            .arg("header", &header_text)
                            .arg("shape", &shape.name),
                    )
                    .with_help(help),
            );
        }
    }
    let mut readable = true;
    for field in shape.required() {
        if !columns.contains_key(&field) {
            readable = false;
            problems.push(
                table
                    .problem_at(
                        header,
                        Col::Row,
                        Msg::new("import-needs-column")
                            .arg("shape", &shape.name)
                            .arg("header", shape.header_of(field)),
                    )
                    .with_help(
                        Msg::new("import-accepted-headers").arg("headers", spellings(shape, field)),
                    ),
            );
        }
    }
    let member = shape.member_fields();
    if !member.is_empty() && !member.iter().any(|f| columns.contains_key(f)) {
        readable = false;
        let names = quoted(member.iter().map(|f| shape.header_of(*f)));
        problems.push(
            table.problem_at(
                header,
                Col::Row,
                Msg::new("import-needs-member-column")
                    .arg("shape", &shape.name)
                    .arg("n", names.len())
                    .arg("headers", names),
            ),
        );
    }
    let title_date = match &shape.kind {
        ShapeKind::Sampling { date_from, .. } => {
            let title_date = if date_from.contains(&DateSource::Title) {
                title_date(table, header, &policy.dates, problems)
            } else {
                TitleDate::Absent
            };
            let column =
                date_from.contains(&DateSource::Column) && columns.contains_key(&Field::Date);
            let some_date = date_from.iter().any(|source| match source {
                DateSource::Column => column,
                DateSource::Title => title_date != TitleDate::Absent,
                DateSource::NoticeDate => notice_date.is_some(),
            });
            // With the column as the only source, a table without it was told above.
            if !some_date && *date_from != [DateSource::Column] {
                readable = false;
                problems.push(
                    table
                        .problem_at(
                            header,
                            Col::Row,
                            Msg::new("import-no-date-source")
                                .arg("shape", &shape.name)
                                .arg("sources", date_sources(date_from)),
                        )
                        .with_help(
                            Msg::new("import-no-date-source-help")
                                .arg("headers", spellings(shape, Field::Date)),
                        ),
                );
            }
            title_date
        }
        _ => TitleDate::Absent,
    };
    let mut by_field = vec![None; columns.keys().map(|f| *f as usize + 1).max().unwrap_or(0)];
    for (field, (c, _)) in &columns {
        by_field[*field as usize] = Some(*c);
    }
    Some(Layout {
        shape: s,
        header,
        columns,
        by_field,
        title_date,
        complete: readable,
    })
}

impl Layout {
    /// The column of a field, if the table has it.
    pub(super) fn column(&self, field: Field) -> Option<usize> {
        self.by_field.get(field as usize).copied().flatten()
    }
}

/// The one date the title rows above the header give (`…监督抽查结果（2024年6月18日）`), in
/// one of the policy's date forms. Two different dates are a problem at the row of the second:
/// which one is the notice's is not guessed.
fn title_date(
    table: &Table,
    header: usize,
    formats: &[String],
    problems: &mut Problems,
) -> TitleDate {
    let mut found: Option<Date> = None;
    for r in 0..header {
        for cell in table.cells(r) {
            let dates: Vec<Date> = match cell {
                Cell::Date(d) => vec![d],
                Cell::Text(text) => dates_in(text, formats),
            };
            for date in dates {
                match found {
                    None => found = Some(date),
                    Some(first) if first == date => {}
                    Some(first) => {
                        problems.push(
                            table
                                .problem_at(
                                    r,
                                    Col::Row,
                                    Msg::new("import-title-dates")
                                        .arg("first", first.to_string())
                                        .arg("second", date.to_string()),
                                )
                                .with_help(Msg::new("import-title-dates-help")),
                        );
                        return TitleDate::Unclear;
                    }
                }
            }
        }
    }
    found.map_or(TitleDate::Absent, TitleDate::Date)
}

/// The dates written in a text in one of the formats, each the longest run from a digit
/// that follows no digit to one that no digit follows (`2024年6月18日`, not `24年6月1`).
fn dates_in(text: &str, formats: &[String]) -> Vec<Date> {
    /// A date is written in fewer characters than this (`2024年12月31日` has 11).
    const LONGEST: usize = 16;
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let digit_at = |i: usize| text[i..].starts_with(|c: char| c.is_ascii_digit());
    let digit_before = |i: usize| text[..i].ends_with(|c: char| c.is_ascii_digit());
    let mut dates = Vec::new();
    let mut b = 0;
    while b < bounds.len() {
        let start = bounds[b];
        if !digit_at(start) || digit_before(start) {
            b += 1;
            continue;
        }
        let found = bounds[b + 1..]
            .iter()
            .take(LONGEST)
            .rev()
            .filter(|end| !digit_at(**end))
            .find_map(|&end| {
                let written = &text[start..end];
                formats
                    .iter()
                    .find_map(|f| Date::strptime(f, written).ok())
                    .map(|d| (d, end))
            });
        match found {
            Some((date, end)) => {
                dates.push(date);
                b = bounds.partition_point(|i| *i < end);
            }
            None => b += 1,
        }
    }
    dates
}

fn spellings(shape: &Shape, field: Field) -> Vec<String> {
    quoted(shape.spellings.get(&field).into_iter().flatten())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str) -> Vec<String> {
        let formats: Vec<String> = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d"]
            .map(String::from)
            .to_vec();
        dates_in(text, &formats)
            .iter()
            .map(Date::to_string)
            .collect()
    }

    #[test]
    fn a_notice_title_gives_its_date_and_not_its_issue_number() {
        assert_eq!(
            dates("佛山市市场监督管理局2024年第3期陶瓷砖产品质量监督抽查结果（2024年6月18日）"),
            ["2024-06-18"]
        );
        assert_eq!(
            dates("2024年第3期陶瓷砖产品质量监督抽查结果"),
            [] as [&str; 0]
        );
        assert_eq!(
            dates("抽查结果（2024-06-18发布，20240620更正）"),
            ["2024-06-18", "2024-06-20"]
        );
    }

    #[test]
    fn a_date_is_not_cut_out_of_a_longer_number() {
        assert_eq!(dates("批号 202406181"), [] as [&str; 0]);
        assert_eq!(dates("编号12024-06-18"), [] as [&str; 0]);
    }
}
