//! Terminal tables that align and wrap Chinese text, laid out by comfy-table (which measures
//! display width with unicode-width: a Han character takes two cells).
//!
//! A table fits the output's width ([`width`]: `COLUMNS`, else the terminal's, else 100). When
//! it is too wide, cells wrap at word boundaries and between Chinese characters, never inside a
//! date, a number, a credit code or an id: every column is at least as wide as the longest such
//! unbreakable run it holds (a comfy-table lower-bound constraint), and the cells are broken
//! into lines by [`wrap`] at the widths comfy-table arranges. The look is the same as a table
//! that fits: a header, a rule under each column, two spaces between columns, no styling.
//!
//! The same table gives CSV (RFC 4180, with a header row, safe to open in a spreadsheet) and
//! JSON rows (an object per row, keyed by the columns' stable keys).

use std::sync::atomic::{AtomicUsize, Ordering};

use comfy_table::{
    CellAlignment, ColumnConstraint, ContentArrangement, ContentLineStyle, LineStyle, TableStyle,
    Width,
};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub use crate::value::num;

/// The width of output that is not a terminal.
pub const DEFAULT_WIDTH: usize = 100;

/// The narrowest width a table is laid out for.
const NARROWEST: usize = 20;

static WIDTH: AtomicUsize = AtomicUsize::new(DEFAULT_WIDTH);

/// The width tables are laid out for in this process ([`DEFAULT_WIDTH`] unless set).
pub fn width() -> usize {
    WIDTH.load(Ordering::Relaxed)
}

/// Sets the width tables are laid out for (the command line sets [`terminal_width`]).
pub fn set_width(columns: usize) {
    WIDTH.store(columns.max(NARROWEST), Ordering::Relaxed);
}

/// The width of standard output: `COLUMNS` if set and numeric, else the terminal's width when
/// standard output is a terminal, else [`DEFAULT_WIDTH`].
pub fn terminal_width() -> usize {
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|n| *n > 0)
    {
        return n;
    }
    tty_columns().unwrap_or(DEFAULT_WIDTH)
}

#[cfg(unix)]
fn tty_columns() -> Option<usize> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    let mut size: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: TIOCGWINSZ writes a `winsize` into the struct it is given, which lives here.
    let ok = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut size) } == 0;
    (ok && size.ws_col > 0).then_some(usize::from(size.ws_col))
}

#[cfg(not(unix))]
fn tty_columns() -> Option<usize> {
    None
}

/// Column alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Text.
    Left,
    /// Numbers.
    Right,
}

/// A table of text cells, rendered with columns aligned by display width.
#[derive(Debug, Default)]
pub struct Table {
    keys: Vec<&'static str>,
    header: Vec<String>,
    align: Vec<Align>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column headers and alignments.
    pub fn new(columns: &[(&str, Align)]) -> Self {
        Self {
            keys: Vec::new(),
            header: columns.iter().map(|(h, _)| h.to_string()).collect(),
            align: columns.iter().map(|(_, a)| *a).collect(),
            rows: Vec::new(),
        }
    }

    /// A table whose columns also have stable keys, for JSON: `(key, header, alignment)`.
    pub fn keyed(columns: &[(&'static str, String, Align)]) -> Self {
        Self {
            keys: columns.iter().map(|(k, _, _)| *k).collect(),
            header: columns.iter().map(|(_, h, _)| h.clone()).collect(),
            align: columns.iter().map(|(_, _, a)| *a).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row (missing cells are blank).
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// The rows as they are.
    pub fn rows(&self) -> &[Vec<String>] {
        &self.rows
    }

    /// Renders the table for the process's [`width`].
    pub fn render(&self) -> String {
        self.render_in(width())
    }

    /// Renders the table within `columns` display columns (wider only when an unbreakable
    /// run does not fit); lines are never padded on the right.
    pub fn render_in(&self, columns: usize) -> String {
        let n = self.header.len();
        if n == 0 {
            return String::new();
        }
        let cell = |row: &[String], i: usize| -> String {
            row.get(i).map_or(String::new(), |c| flatten(c))
        };
        let header: Vec<String> = (0..n).map(|i| cell(&self.header, i)).collect();
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| (0..n).map(|i| cell(r, i)).collect())
            .collect();
        let natural: Vec<usize> = (0..n)
            .map(|i| {
                std::iter::once(&header)
                    .chain(&rows)
                    .map(|r| r[i].width())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let fits = natural.iter().sum::<usize>() + 2 * (n - 1) <= columns;
        let (header, rows) = if fits {
            (header, rows)
        } else {
            let widths = self.arrange(&header, &rows, columns);
            let wrap_row = |r: &[String]| -> Vec<String> {
                r.iter()
                    .zip(&widths)
                    .map(|(c, w)| wrap(c, *w).join("\n"))
                    .collect()
            };
            (
                wrap_row(&header),
                rows.iter().map(|r| wrap_row(r)).collect(),
            )
        };
        // Laid out as the cells now are: every line fits its column.
        let mut table = comfy(&self.align, ContentArrangement::Disabled);
        table.set_header(header.clone());
        let mut widths = vec![0; n];
        for row in std::iter::once(&header).chain(&rows) {
            for (i, c) in row.iter().enumerate() {
                widths[i] = widths[i].max(c.lines().map(str::width).max().unwrap_or(0));
            }
        }
        for row in rows {
            table.add_row(row);
        }
        let header_height = header
            .iter()
            .map(|h| h.lines().count())
            .max()
            .unwrap_or(1)
            .max(1);
        let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
        let rule = rule.join("  ");
        let mut out = String::new();
        for (i, line) in table.lines().enumerate() {
            if i == header_height {
                out.push_str(rule.trim_end());
                out.push('\n');
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        if table.lines().count() == header_height {
            out.push_str(rule.trim_end());
            out.push('\n');
        }
        out
    }

    /// The content width of each column when the table must fit in `columns`: comfy-table's
    /// dynamic arrangement, with every column at least as wide as its longest unbreakable run.
    fn arrange(&self, header: &[String], rows: &[Vec<String>], columns: usize) -> Vec<usize> {
        let n = header.len();
        let least: Vec<usize> = (0..n)
            .map(|i| {
                std::iter::once(header)
                    .chain(rows.iter().map(Vec::as_slice))
                    .flat_map(|r| pieces(&r[i]))
                    .map(|p| p.text.width())
                    .max()
                    .unwrap_or(0)
                    .max(1)
            })
            .collect();
        let mut table = comfy(&self.align, ContentArrangement::Dynamic);
        table.style_mut().header_separator = LineStyle::none().fill('─').junction(' ');
        table.set_header(header.to_vec());
        for row in rows {
            table.add_row(row.clone());
        }
        // Padding of one on the right plus the junction make the two spaces between columns;
        // the last column's padding is not printed, so the table may use one column more.
        table.set_width(u16::try_from(columns + 1).unwrap_or(u16::MAX));
        for (i, column) in table.column_iter_mut().enumerate() {
            let least = u16::try_from(least[i] + 1).unwrap_or(u16::MAX);
            column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(least)));
        }
        let rule = table
            .lines()
            .find(|l| l.starts_with('─') && l.chars().all(|c| c == '─' || c == ' '))
            .unwrap_or_default();
        let mut widths: Vec<usize> = rule
            .split(' ')
            .map(|segment| segment.chars().count().saturating_sub(1))
            .collect();
        widths.resize(n, 1);
        widths
            .iter()
            .zip(&least)
            .map(|(w, l)| (*w).max(*l))
            .collect()
    }

    /// The table as CSV: a header row, then one record per row (RFC 4180 quoting), every cell
    /// trimmed and made safe for spreadsheets ([`formula_safe`]).
    pub fn csv(&self) -> String {
        let mut out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        let n = self.header.len();
        let record = |row: &[String]| -> Vec<String> {
            (0..n)
                .map(|i| formula_safe(row.get(i).map_or("", |c| c.trim())))
                .collect()
        };
        out.write_record(record(&self.header)).expect("in memory");
        for row in &self.rows {
            out.write_record(record(row)).expect("in memory");
        }
        String::from_utf8(out.into_inner().expect("in memory")).expect("cells are text")
    }

    /// The rows as JSON objects keyed by the columns' keys (a table made with [`Table::keyed`]);
    /// cells of right-aligned columns that are numbers are numbers, other cells are trimmed text.
    pub fn json_rows(&self) -> serde_json::Value {
        let rows = self
            .rows
            .iter()
            .map(|row| {
                let mut object = serde_json::Map::new();
                for (i, key) in self.keys.iter().enumerate() {
                    let cell = row.get(i).map_or("", |c| c.trim());
                    object.insert(key.to_string(), json_cell(cell, self.align[i]));
                }
                serde_json::Value::Object(object)
            })
            .collect();
        serde_json::Value::Array(rows)
    }
}

/// A table cell as JSON: a number in a numbers column, text otherwise.
pub fn json_cell(cell: &str, align: Align) -> serde_json::Value {
    if align == Align::Right
        && let Ok(n) = cell.parse::<f64>()
        && let Some(n) = serde_json::Number::from_f64(n)
    {
        return serde_json::Value::Number(n);
    }
    serde_json::Value::String(cell.to_string())
}

/// A comfy-table table in the look of this module: no borders, no styling, a space of padding
/// on the right and a space between columns.
fn comfy(align: &[Align], arrangement: ContentArrangement) -> comfy_table::Table {
    let mut table = comfy_table::Table::new();
    table
        .load_style(
            TableStyle::new()
                .header_lines(ContentLineStyle::none().junction(' '))
                .content_lines(ContentLineStyle::none().junction(' ')),
        )
        .set_content_arrangement(arrangement);
    let header: Vec<String> = align.iter().map(|_| String::new()).collect();
    table.set_header(header);
    for (column, align) in table.column_iter_mut().zip(align) {
        column.set_padding((0, 1));
        column.set_cell_alignment(match align {
            Align::Left => CellAlignment::Left,
            Align::Right => CellAlignment::Right,
        });
    }
    table
}

/// A cell on one line: line breaks and tabs of the data become spaces.
fn flatten(cell: &str) -> String {
    if cell.contains(['\n', '\r', '\t']) {
        cell.replace(['\n', '\r', '\t'], " ")
    } else {
        cell.to_string()
    }
}

/// A piece of text that is never broken: a run of letters, digits and signs (a date, a number,
/// a credit code, an id, an English word), or one wide character, with the punctuation that
/// may not begin a line (`，`, `）`, `%`) after it and any that may not end one (`（`) before it.
#[derive(Debug)]
struct Piece<'a> {
    /// Spaces before the piece (dropped at the start of a line).
    space: bool,
    text: &'a str,
}

/// Punctuation that does not begin a line.
fn closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | '）'
            | '】'
            | '」'
            | '』'
            | '”'
            | '’'
            | '》'
            | '〉'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '%'
            | '…'
    )
}

/// Punctuation that does not end a line.
fn opening(c: char) -> bool {
    matches!(
        c,
        '（' | '【' | '「' | '『' | '“' | '‘' | '《' | '〈' | '(' | '[' | '{'
    )
}

/// A character that is part of a run never broken: narrow, not a space.
fn narrow(c: char) -> bool {
    !c.is_whitespace() && c.width().unwrap_or(0) < 2
}

fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out: Vec<Piece> = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut space = false;
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        let mut end = start + c.len_utf8();
        if narrow(c) && !opening(c) {
            while let Some(&(i, d)) = chars.peek() {
                if !narrow(d) || opening(d) {
                    break;
                }
                chars.next();
                end = i + d.len_utf8();
            }
        }
        // Opening punctuation holds on to what follows it.
        if opening(c) {
            while let Some(&(i, d)) = chars.peek() {
                if d.is_whitespace() {
                    break;
                }
                chars.next();
                end = i + d.len_utf8();
                if !opening(d) {
                    if narrow(d) {
                        while let Some(&(j, e)) = chars.peek() {
                            if !narrow(e) || opening(e) {
                                break;
                            }
                            chars.next();
                            end = j + e.len_utf8();
                        }
                    }
                    break;
                }
            }
        }
        // Closing punctuation holds on to what precedes it.
        while let Some(&(i, d)) = chars.peek() {
            if !closing(d) {
                break;
            }
            chars.next();
            end = i + d.len_utf8();
        }
        out.push(Piece {
            space,
            text: &text[start..end],
        });
        space = false;
    }
    out
}

/// A line of text wrapped to the terminal's width: the first line after `first`, the rest
/// after `rest` (both indents of spaces), each ending in a newline.
pub fn indented(text: &str, first: &str, rest: &str) -> String {
    let width = width().saturating_sub(first.len().max(rest.len())).max(20);
    let mut out = String::new();
    for (n, piece) in wrap(text, width).iter().enumerate() {
        out.push_str(if n == 0 { first } else { rest });
        out.push_str(piece);
        out.push('\n');
    }
    out
}

/// Breaks text into lines of at most `width` display columns, at spaces and between pieces
/// (see [`Piece`]); a piece wider than a whole line is the one thing split.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    if text.width() <= width {
        return vec![text.to_string()];
    }
    // An indented cell (a level of the indicator tree) keeps its indent on every line.
    let body = text.trim_start_matches(' ');
    let indent = text.len() - body.len();
    if indent > 0 && indent < width {
        return wrap(body, width - indent)
            .into_iter()
            .map(|line| format!("{}{line}", " ".repeat(indent)))
            .collect();
    }
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for piece in pieces(text) {
        let w = piece.text.width();
        let gap = usize::from(piece.space && !line.is_empty());
        if used + gap + w <= width {
            if gap == 1 {
                line.push(' ');
            }
            line.push_str(piece.text);
            used += gap + w;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if w <= width {
            line.push_str(piece.text);
            used = w;
            continue;
        }
        for c in piece.text.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A cell made safe to open in a spreadsheet: text that begins with `=`, `+`, `-`, `@`, a tab
/// or a carriage return would be read as a formula, so it gets a leading `'`. A plain number
/// (`-25`, `+2`, `12.5`) is left as it is: a spreadsheet reads it as the number it is.
pub fn formula_safe(cell: &str) -> String {
    let number = cell.parse::<f64>().is_ok_and(f64::is_finite)
        && cell
            .bytes()
            .all(|b| b.is_ascii_digit() || b"+-.".contains(&b));
    if !number && cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_and_latin_cells_line_up() {
        let mut t = Table::new(&[
            ("id", Align::Left),
            ("名称", Align::Left),
            ("pts", Align::Right),
        ]);
        t.row(vec!["C1".into(), "工作机构".into(), "4".into()]);
        t.row(vec!["C10".into(), "Working body".into(), "12.5".into()]);
        let out = t.render();
        let widths: Vec<usize> = out.lines().map(UnicodeWidthStr::width).collect();
        assert_eq!(widths[2], widths[3], "{out}");
        assert!(out.contains("C1   工作机构         4\n"), "{out}");
        assert!(out.contains("───  ────────────  ────\n"), "{out}");
    }

    #[test]
    fn a_wide_table_wraps_within_the_width_and_keeps_dates_and_codes_whole() {
        let mut t = Table::new(&[
            ("统一社会信用代码", Align::Left),
            ("企业名称", Align::Left),
            ("预警", Align::Left),
        ]);
        let long = "同一产品多次抽查不合格：釉面砖（2 次）；于2024-12-31起同一检验项目多次不合格：釉面抗龟裂性（2 次）";
        t.row(vec![
            "91440604J60TWXBXFQ".into(),
            "佛山市禅城区丰强建材有限公司".into(),
            long.into(),
        ]);
        let out = t.render_in(60);
        for line in out.lines() {
            assert!(line.width() <= 60, "{out}");
        }
        assert!(out.contains("91440604J60TWXBXFQ"), "{out}");
        assert!(out.contains("2024-12-31"), "{out}");
    }

    #[test]
    fn wrapping_breaks_between_pieces_only() {
        assert_eq!(
            wrap("得分 1/4，低于满分的 60%", 8),
            ["得分", "1/4，低", "于满分的", "60%"]
        );
        assert_eq!(
            wrap("older than the validity", 10),
            ["older than", "the", "validity"]
        );
        assert_eq!(wrap("（critical）釉面砖", 12), ["（critical）", "釉面砖"]);
    }

    #[test]
    fn csv_cells_that_look_like_formulas_are_quoted_out() {
        assert_eq!(formula_safe("=1+1"), "'=1+1");
        assert_eq!(formula_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(formula_safe("-25"), "-25");
        assert_eq!(formula_safe("+2"), "+2");
        assert_eq!(formula_safe("-1+1"), "'-1+1");
        assert_eq!(formula_safe("守信"), "守信");
    }
}
