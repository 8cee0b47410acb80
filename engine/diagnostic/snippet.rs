//! The few lines of a file a problem's snippet shows, cut out once per problem with the help of
//! the file's line index, so that drawing many problems of a large file costs their snippets,
//! not the file up to each of them. Control characters in the lines are made inert, so printing
//! them cannot act on a terminal.

use std::collections::HashMap;
use std::sync::Arc;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// How many lines before and after a span a snippet keeps: more than the report draws.
const CONTEXT: usize = 4;

/// Where the lines of each file start, made once per file for all its problems: keyed by the
/// address of the file's shared text, which the problems being drawn hold.
#[derive(Default)]
pub(super) struct LineIndex(HashMap<*const String, Vec<usize>>);

impl LineIndex {
    /// The byte offsets where the lines of `text` start.
    fn starts(&mut self, text: &Arc<String>) -> &[usize] {
        self.0.entry(Arc::as_ptr(text)).or_insert_with(|| {
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// 1-based line and character column of a byte offset in `text`.
    pub(super) fn line_col(&mut self, text: &Arc<String>, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let starts = self.starts(text);
        let line = starts.partition_point(|&s| s <= offset) - 1;
        let column = text[starts[line]..offset].chars().count() + 1;
        (line + 1, column)
    }

    /// The lines around the span `offset..offset + len` of `text`, named `name`.
    pub(super) fn snippet(
        &mut self,
        name: String,
        text: &Arc<String>,
        offset: usize,
        len: usize,
    ) -> Snippet {
        let starts = self.starts(text);
        let line_of = |at: usize| starts.partition_point(|&s| s <= at) - 1;
        let first = line_of(offset).saturating_sub(CONTEXT);
        let last = line_of((offset + len).min(text.len())) + CONTEXT + 1;
        let start = starts[first];
        let end = starts.get(last).copied().unwrap_or(text.len());
        Snippet {
            name,
            lines: crate::value::inert_in_place(&text[start..end]).into_owned(),
            start,
            first_line: first,
        }
    }
}

/// Lines of a file, from the start of line `first_line` (0-based) at byte `start`.
#[derive(Debug)]
pub(super) struct Snippet {
    name: String,
    lines: String,
    start: usize,
    first_line: usize,
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let offset = span
            .offset()
            .checked_sub(self.start)
            .ok_or(MietteError::OutOfBounds)?;
        let within = SourceSpan::new(offset.into(), span.len());
        let found = self.lines.as_str().read_span(&within, before, after)?;
        let shown = SourceSpan::new(
            (found.span().offset() + self.start).into(),
            found.span().len(),
        );
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            found.data(),
            shown,
            found.line() + self.first_line,
            found.column(),
            found.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceFile;
    use crate::message::Msg;
    use crate::text::Lang;

    fn long_file() -> SourceFile {
        let text: String = (1..=10_000).map(|i| format!("line {i} cell\n")).collect();
        SourceFile::new(std::path::Path::new("t.csv"), text)
    }

    #[test]
    fn a_snippet_of_a_long_file_holds_only_the_lines_around_its_span() {
        let file = long_file();
        let offset = file.offset(9_000, 1);
        let snippet = LineIndex::default().snippet("t.csv".into(), &file.text, offset, 4);
        assert_eq!(snippet.first_line, 9_000 - 1 - CONTEXT);
        assert_eq!(snippet.lines.lines().count(), 2 * CONTEXT + 1);
        assert!(snippet.lines.starts_with("line 8996 "));
    }

    #[test]
    fn a_problem_is_drawn_from_its_snippet_as_from_the_whole_file() {
        let file = long_file();
        for line in [1, 2, 5_000, 10_000] {
            let problem = file.problem_at_line(line, 6, Msg::new("problems-found").arg("n", 1));
            let drawn = crate::diagnostic::Problems(vec![problem]).render_plain(Lang::En);
            assert!(
                drawn.contains(&format!("t.csv:{line}:6:")),
                "located at line {line}:\n{drawn}"
            );
            assert!(
                drawn.contains(&format!("{line} │ line {line} cell")),
                "line {line} shown and numbered:\n{drawn}"
            );
        }
    }

    #[test]
    fn control_characters_in_a_snippet_are_made_inert_keeping_the_offsets() {
        let file = SourceFile::new(std::path::Path::new("t.csv"), "名称,\u{1b}[31m红\n第二行\n");
        let snippet = LineIndex::default().snippet("t.csv".into(), &file.text, 7, 1);
        assert_eq!(snippet.lines.len(), file.text.len());
        assert!(!snippet.lines.contains('\u{1b}'));
    }
}
