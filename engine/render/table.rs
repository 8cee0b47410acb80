//! A plain-text table that aligns Chinese text: columns are padded by display width (a Han
//! character takes two cells), not by character count.

pub use crate::value::num;
use unicode_width::UnicodeWidthStr;

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
    header: Vec<String>,
    align: Vec<Align>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column headers and alignments.
    pub fn new(columns: &[(&str, Align)]) -> Self {
        Self {
            header: columns.iter().map(|(h, _)| h.to_string()).collect(),
            align: columns.iter().map(|(_, a)| *a).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row (missing cells are blank).
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Renders the table; the last column is never padded on the right.
    pub fn render(&self) -> String {
        let n = self.header.len();
        let mut widths = vec![0; n];
        for row in std::iter::once(&self.header).chain(&self.rows) {
            for (i, cell) in row.iter().enumerate().take(n) {
                widths[i] = widths[i].max(cell.width());
            }
        }
        let mut out = String::new();
        let line = |out: &mut String, row: &[String]| {
            let mut text = String::new();
            for (i, (width, align)) in widths.iter().zip(&self.align).enumerate() {
                let cell = row.get(i).map_or("", String::as_str);
                let pad = " ".repeat(width - cell.width());
                if i > 0 {
                    text.push_str("  ");
                }
                match align {
                    Align::Left => {
                        text.push_str(cell);
                        text.push_str(&pad);
                    }
                    Align::Right => {
                        text.push_str(&pad);
                        text.push_str(cell);
                    }
                }
            }
            out.push_str(text.trim_end());
            out.push('\n');
        };
        line(&mut out, &self.header);
        let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
        line(&mut out, &rule);
        for row in &self.rows {
            line(&mut out, row);
        }
        out
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
    }
}
