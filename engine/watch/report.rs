//! What a session serves and what a reload did, in the reader's language: change reports on
//! standard output, problems and what is kept instead on standard error.

use std::io::{self, Write};
use std::path::Path;

use super::{FileChange, PolicyChange, Reload, Session};
use crate::diagnostic::Problems;
use crate::message::Msg;
use crate::outcome::Outcome;
use crate::text::{Lang, Text};
use crate::value::num;

impl Session {
    /// One line per policy set and per data file served: what is being served.
    pub fn summary(&self, lang: Lang) -> String {
        let mut out = String::new();
        for (sector, set) in &self.policies {
            let line = Msg::new("watch-summary-policies")
                .arg("root", set.root.display().to_string())
                .arg("sector", sector.as_str())
                .arg("indicators", set.rubric.indicators().count())
                .arg("digest", set.digest.as_str());
            out.push_str(&line.word(lang));
            out.push('\n');
        }
        for f in &self.files {
            if let Some(good) = &f.good {
                out.push_str(&words(&file_line(&f.input.data, &good.outcome), lang));
                out.push('\n');
            }
        }
        out
    }
}

/// The summary line of a data file's outcome: who, when, total, grade, actions, members.
pub(super) fn file_line(path: &Path, o: &Outcome) -> Vec<Msg> {
    let a = &o.association;
    let mut line = vec![
        Msg::new("watch-summary-file")
            .arg("path", path.display().to_string())
            .arg("name", a.name.as_str())
            .arg("id", a.id.as_str())
            .arg("period", o.period.as_str())
            .arg("score", num(a.score))
            .arg("max", num(a.max))
            .arg("grade", Text::new(a.grade.as_str(), a.grade_en.as_str()))
            .arg("triggers", o.triggers.len()),
    ];
    if !o.members.is_empty() {
        line.push(Msg::new("watch-summary-members").arg("n", o.members.len()));
    }
    line
}

/// A line of messages, two spaces apart.
fn words(line: &[Msg], lang: Lang) -> String {
    let words: Vec<String> = line.iter().map(|m| m.word(lang)).collect();
    words.join("  ")
}

impl Reload {
    /// True when no policy set or data file changed at all.
    pub fn is_quiet(&self) -> bool {
        self.policies
            .iter()
            .all(|p| matches!(p, PolicyChange::Unchanged { .. }))
            && self
                .files
                .iter()
                .all(|f| matches!(f, FileChange::Unchanged { .. }))
    }

    /// True when some policy set was refused or some data file has problems.
    pub fn has_problems(&self) -> bool {
        self.policies
            .iter()
            .any(|p| matches!(p, PolicyChange::Refused { .. }))
            || self
                .files
                .iter()
                .any(|f| matches!(f, FileChange::Kept { .. } | FileChange::Waiting { .. }))
    }

    /// Writes what the reload did: change reports to `out`; problems (rendered by
    /// `problems`) and what was kept instead to `err`.
    pub fn write(
        &self,
        lang: Lang,
        out: &mut dyn Write,
        err: &mut dyn Write,
        problems: &dyn Fn(&Problems) -> String,
    ) -> io::Result<()> {
        if self.is_quiet() {
            return writeln!(out, "{}", Msg::new("watch-no-change").word(lang));
        }
        self.write_changes(lang, out)?;
        self.write_problems(lang, err, problems)
    }

    /// Writes the policy sets swapped in and what moved in each file evaluated.
    fn write_changes(&self, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
        for change in &self.policies {
            if let PolicyChange::Swapped { sector, from, to } = change {
                let said = match from {
                    Some(from) => Msg::new("watch-policies-reloaded").arg("from", from.as_str()),
                    None => Msg::new("watch-policies-loaded"),
                };
                let said = said.arg("sector", sector.as_str()).arg("to", to.as_str());
                writeln!(out, "{}", said.word(lang))?;
            }
        }
        for change in &self.files {
            match change {
                FileChange::Evaluated { report, .. } => write!(out, "{}", report.to_text(lang))?,
                FileChange::Served { line, .. } => writeln!(out, "{}", words(line, lang))?,
                _ => {}
            }
        }
        Ok(())
    }

    /// Writes the problems of the policy sets refused and of the files that have any, each
    /// with what serves instead (or that nothing does yet).
    pub fn write_problems(
        &self,
        lang: Lang,
        err: &mut dyn Write,
        problems: &dyn Fn(&Problems) -> String,
    ) -> io::Result<()> {
        for change in &self.policies {
            let PolicyChange::Refused {
                sector,
                problems: p,
                repeated,
                evaluating,
                kept,
            } = change
            else {
                continue;
            };
            let still = if *repeated {
                Msg::new("watch-still-invalid").arg("n", p.0.len())
            } else {
                write!(err, "{}", problems(p))?;
                match evaluating {
                    Some(path) => {
                        Msg::new("watch-fails-evaluating").arg("path", path.display().to_string())
                    }
                    None => Msg::new("watch-invalid"),
                }
            };
            let said = match kept {
                Some(d) => Msg::new("watch-serving-last-valid").arg("digest", d.as_str()),
                None => Msg::new("watch-no-valid-yet"),
            };
            let said = said.arg("still", still).arg("sector", sector.as_str());
            writeln!(err, "{}", said.word(lang))?;
        }
        for change in &self.files {
            match change {
                FileChange::Kept {
                    path,
                    problems: p,
                    score,
                    grade,
                } => {
                    write!(err, "{}", problems(p))?;
                    let said = Msg::new("watch-keeping-result")
                        .arg("path", path.display().to_string())
                        .arg("score", num(*score))
                        .arg("grade", Text::new(grade.0.as_str(), grade.1.as_str()));
                    writeln!(err, "{}", said.word(lang))?;
                }
                FileChange::Waiting { path, problems: p } => {
                    if !p.is_empty() {
                        write!(err, "{}", problems(p))?;
                    }
                    let said =
                        Msg::new("watch-no-result-yet").arg("path", path.display().to_string());
                    writeln!(err, "{}", said.word(lang))?;
                }
                _ => {}
            }
        }
        Ok(())
    }
}
