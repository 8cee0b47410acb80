//! A stand-in text for a workbook's data, so that the checks every association file goes
//! through — the same code for RON, JSON and workbooks — can point into it, and each problem
//! they find is then moved to the cell it is about.
//!
//! The checks find a record by its id written in quotes and a field by its key after it
//! (`problem_at_value`, `problem_at_field`); the stand-in writes each record on one line with
//! its id quoted and its keys, and remembers the sheet, row and column each part of the line
//! stands for. Only ids and codes are quoted, so no other text can be mistaken for one.

use std::path::{Path, PathBuf};

use crate::data::table::{Col, Table};
use crate::diagnostic::{Problem, Problems, SourceFile};
use crate::message::Arg;

/// Where a part of a line points.
#[derive(Clone, Debug)]
pub(super) enum At {
    /// A cell of the row, in the column with this index and header.
    Cell(usize, String),
    /// The row as a whole.
    Row,
}

/// What a line of the stand-in text stands for: a row of a sheet (or the sheet as a whole),
/// and the column each part of the line stands for, by the character column it starts at.
#[derive(Clone, Debug)]
struct Line {
    table: usize,
    row: Option<usize>,
    parts: Vec<(usize, At)>,
}

/// The stand-in text being written, line by line.
#[derive(Clone, Debug, Default)]
pub(super) struct Shadow {
    text: String,
    lines: Vec<Line>,
    /// Where the second text (the ledgers' events) starts: its line index.
    split: Option<usize>,
}

impl Shadow {
    /// Writes one line from its parts, each standing for a place in row `row` (or, `None`,
    /// the sheet) of table `table`. A line break inside a cell's text is written as a space,
    /// so that every line of the text stays one row.
    pub(super) fn line(&mut self, table: usize, row: Option<usize>, parts: Vec<(String, At)>) {
        let mut col = 1;
        let mut places = Vec::new();
        for (text, at) in parts {
            places.push((col, at));
            col += text.chars().count();
            self.text.push_str(&text.replace(['\n', '\r'], " "));
        }
        self.text.push('\n');
        self.lines.push(Line {
            table,
            row,
            parts: places,
        });
    }

    /// Starts the second text: the lines written from now on are the events' text.
    pub(super) fn start_events(&mut self) {
        self.split = Some(self.lines.len());
    }

    /// The two texts as files of the workbook's path: the profile, facts and evidence, and the
    /// events (whose lines are numbered after the first text's, so a line names one place).
    pub(super) fn files(&self, path: &Path) -> (SourceFile, SourceFile) {
        let split = self.split.unwrap_or(self.lines.len());
        let offset = match split.checked_sub(1) {
            None => 0,
            Some(last) => self
                .text
                .match_indices('\n')
                .nth(last)
                .map_or(self.text.len(), |(i, _)| i + 1),
        };
        let first = SourceFile::new(path, &self.text[..offset]);
        let events = format!("{}{}", "\n".repeat(split), &self.text[offset..]);
        (first, SourceFile::new(path, events))
    }

    /// The places the lines stand for, to move problems to their cells.
    pub(super) fn places(self, path: &Path) -> Places {
        Places {
            path: path.to_path_buf(),
            lines: self.lines,
        }
    }
}

/// The cell behind each line of the stand-in texts.
#[derive(Clone, Debug)]
pub(crate) struct Places {
    path: PathBuf,
    lines: Vec<Line>,
}

impl Places {
    /// Moves every problem found in the stand-in texts to the cell it is about, with its
    /// advice, and orders the workbook's problems sheet by sheet and row by row, as they are
    /// fixed (the problems of other files follow, in their order).
    pub(super) fn relocate(
        &self,
        problems: Problems,
        tables: &[Option<Table>],
        names: &[String],
    ) -> Problems {
        let mut moved: Vec<Problem> = problems
            .0
            .into_iter()
            .map(|p| self.moved(&p, tables).unwrap_or(p))
            .collect();
        moved.sort_by_key(|p| self.order(p, names));
        Problems(moved)
    }

    /// Where a problem is in the workbook: the sheet's place (0 for the workbook as a whole)
    /// and the row (0 for the whole sheet); after every sheet for another file's problem.
    fn order(&self, p: &Problem, names: &[String]) -> (usize, usize) {
        if p.path() != self.path {
            return (usize::MAX, 0);
        }
        let args = &p.msg().args;
        let Some(Arg::Str(sheet)) = args.get("sheet") else {
            return (0, 0);
        };
        let t = names.iter().position(|n| n == sheet).map_or(0, |t| t + 1);
        let row = match args.get("row") {
            Some(Arg::Msg(row)) => match row.args.get("n") {
                Some(Arg::Num(n)) => *n as usize,
                _ => 0,
            },
            _ => 0,
        };
        (t, row)
    }

    fn moved(&self, p: &Problem, tables: &[Option<Table>]) -> Option<Problem> {
        if p.path() != self.path {
            return None;
        }
        let (line, col) = p.line_col()?;
        let line = self.lines.get(line.checked_sub(1)?)?;
        let table = tables.get(line.table)?.as_ref()?;
        let at = line
            .parts
            .iter()
            .rev()
            .find(|(start, _)| *start <= col)
            .map_or(&At::Row, |(_, at)| at);
        let message = p.msg().clone();
        let mut moved = match (line.row, at) {
            (None, _) => table.problem(message),
            (Some(row), At::Cell(c, header)) => {
                table.problem_at(row, Col::Header(*c, header), message)
            }
            (Some(row), At::Row) => table.problem_at(row, Col::Row, message),
        };
        for help in p.help() {
            moved = moved.with_help(help.clone());
        }
        Some(moved)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_break_in_a_cell_does_not_shift_the_lines_after_it() {
        let mut shadow = Shadow::default();
        shadow.line(0, Some(1), vec![("\"E\n1\"".into(), At::Row)]);
        shadow.line(0, Some(2), vec![("\"E2\"".into(), At::Row)]);
        let (first, _) = shadow.files(Path::new("协会.xlsx"));
        let at = first.find_quoted("E2", 0).unwrap();
        assert_eq!(first.line_col(at).0, 2);
    }

    #[test]
    fn the_events_text_numbers_its_lines_after_the_first() {
        let mut shadow = Shadow::default();
        shadow.line(0, Some(1), vec![("credit_code: \"X\"".into(), At::Row)]);
        shadow.line(0, Some(2), vec![("end:".into(), At::Row)]);
        shadow.start_events();
        shadow.line(1, Some(1), vec![("(id: \"T1\")".into(), At::Row)]);
        let (first, events) = shadow.files(Path::new("协会.xlsx"));
        assert_eq!(first.text.as_str(), "credit_code: \"X\"\nend:\n");
        let at = events.find_quoted("T1", 0).unwrap();
        assert_eq!(events.line_col(at), (3, 6));
        assert_eq!(first.find_quoted("T1", 0), None);
    }
}
