//! The policy's message catalogue (`messages/zh.ftl`, `messages/en.ftl`): the sentences of
//! reasons, actions' causes and warnings, which an editor rewords without rebuilding cogov.
//!
//! The base folder's files are required; a sector may add its own, whose messages replace the
//! base's of the same id. Every message the evaluator uses must be there in both languages and
//! word its arguments; an id the evaluator does not know is a warning (a typo would otherwise
//! leave the sentence it meant to change untouched).

use std::collections::BTreeSet;
use std::sync::Arc;

use fluent_bundle::FluentResource;

use super::Loader;
use super::tree::{FileId, Span};
use crate::diagnostic::SourceFile;
use crate::message::{Arg, Catalogue, Msg, builtin};
use crate::text::{Lang, Text};

/// The messages the evaluator words, with the arguments each is given.
pub(crate) const USED: &[(&str, &[&str])] = &[
    ("reason-evidence-met", &["kind", "n", "at_least"]),
    ("reason-evidence-short", &["kind", "n", "at_least"]),
    ("reason-evidence-standing", &["reason", "documents"]),
    ("reason-standing-document", &["id", "date", "until"]),
    ("reason-fact-yes", &["fact"]),
    ("reason-fact-no", &["fact"]),
    ("reason-not-reported", &["fact"]),
    ("reason-at-least", &["fact", "value", "want"]),
    ("reason-step-reached", &["fact", "value", "at_least"]),
    ("reason-step-below", &["fact", "value", "lowest"]),
    ("reason-script", &["reasons"]),
    ("reason-counted-from-ledger", &["reason", "ledger", "n"]),
    ("trigger-below", &["score", "max", "percent"]),
    ("trigger-declined", &["before", "score"]),
    ("trigger-below-twice", &["before", "score", "percent"]),
    ("trigger-script", &["reason"]),
    ("followup-closed-improved", &["score", "max", "trigger"]),
    ("followup-closed-measure", &["measure", "date", "note"]),
    ("followup-escalated", &["reason", "to"]),
    ("followup-overdue", &["due", "reason", "measures"]),
    ("followup-open", &["due", "reason", "measures"]),
    ("followup-indicator-gone", &["indicator"]),
    ("followup-trigger-gone", &["action"]),
    ("credit-base", &["base"]),
    ("credit-cap", &["kind", "total", "cap"]),
    ("credit-repeat", &["rule", "name", "count"]),
    ("credit-clamp", &["from", "min", "max", "to"]),
    ("credit-veto", &["why", "from", "to"]),
    ("credit-grade", &["score", "grade", "name"]),
    ("note-grade-drop", &["from", "to"]),
    (
        "event-described",
        &["date", "kind", "level", "product", "items", "late"],
    ),
    ("event-failed-item", &["item", "class"]),
    ("note-repeated-failure", &["rule", "name", "count"]),
    (
        "warning-grade-share",
        &["warning", "n", "total", "percent", "grades", "threshold"],
    ),
    (
        "warning-item-share",
        &["warning", "item", "n", "total", "percent", "threshold"],
    ),
    ("publish-valid-months", &["months", "until"]),
    ("publish-valid-until-next", &[]),
    ("publish-objection", &["association", "days", "deadline"]),
    ("publish-repair", &["association"]),
    ("publish-warning-advice", &["association"]),
];

/// Where a language's file is.
fn file_of(folder: &str, lang: Lang) -> String {
    format!("{folder}/messages/{}.ftl", lang.id())
}

/// Reads, parses and checks the base's and the sector's catalogues; `None` after a problem.
pub(super) fn load(l: &mut Loader, sector: Option<&str>) -> Option<Arc<Catalogue>> {
    let mut folders = vec!["base".to_string()];
    folders.extend(sector.map(|s| format!("sectors/{s}")));
    let mut resources: [Vec<Arc<FluentResource>>; 2] = Default::default();
    let mut files: Vec<(Lang, FileId, Arc<SourceFile>)> = Vec::new();
    let mut ok = true;
    for (i, folder) in folders.iter().enumerate() {
        for (slot, lang) in [Lang::Zh, Lang::En].into_iter().enumerate() {
            let relative = file_of(folder, lang);
            // A sector's catalogue is optional; the base's is not.
            if i > 0 && !l.source.exists(&relative) {
                continue;
            }
            let file = match l.source.read(&relative) {
                Ok(file) => Arc::new(file),
                Err(p) => {
                    l.problems.push(p);
                    ok = false;
                    continue;
                }
            };
            let id = l.sources.add(&relative, file.clone());
            match FluentResource::try_new(file.text.to_string()) {
                Ok(resource) => resources[slot].push(Arc::new(resource)),
                Err((_, errors)) => {
                    ok = false;
                    for e in errors {
                        let span = span(id, e.pos.start, e.pos.end.max(e.pos.start + 1));
                        l.problems.push(
                            l.sources
                                .problem(span, Msg::new("messages-syntax"))
                                .with_help(Msg::new("messages-syntax-help")),
                        );
                    }
                }
            }
            files.push((lang, id, file));
        }
    }
    if !ok {
        return None;
    }
    let catalogue = Catalogue::layered(&resources[0], &resources[1]);
    check(&catalogue, &files, l);
    Some(Arc::new(catalogue))
}

fn span(file: FileId, start: usize, end: usize) -> Span {
    Span {
        file,
        start: start as u32,
        end: end as u32,
    }
}

/// Every used message present and wording its arguments; unknown ids warned of.
fn check(catalogue: &Catalogue, files: &[(Lang, FileId, Arc<SourceFile>)], l: &mut Loader) {
    let used: BTreeSet<&str> = USED.iter().map(|(code, _)| *code).collect();
    for lang in [Lang::Zh, Lang::En] {
        let base = files.iter().find(|(l, _, _)| *l == lang);
        for (code, args) in USED {
            let mut msg = Msg::new(code);
            for name in *args {
                msg = msg.arg(name, Arg::Text(Text::new("…", "…")));
            }
            let problem = match catalogue.try_word(&msg, lang) {
                Ok(_) => continue,
                Err(_) if !catalogue.has(code, lang) => Msg::new("messages-missing")
                    .arg("id", *code)
                    .arg("args", args.to_vec()),
                Err(_) => Msg::new("messages-bad-argument")
                    .arg("id", *code)
                    .arg("args", args.to_vec()),
            };
            let at = files
                .iter()
                .rev()
                .filter(|(l, _, _)| *l == lang)
                .find_map(|(_, id, file)| Some((*id, definition(file, code)?)));
            let p = match (at, base) {
                (Some((id, (start, end))), _) => l.sources.problem(span(id, start, end), problem),
                (None, Some((_, _, file))) => {
                    crate::diagnostic::Problem::in_file(&file.path, problem)
                }
                (None, None) => continue,
            };
            l.problems.push(p);
        }
    }
    for (_, id, file) in files {
        for (code, start, end) in definitions(file) {
            if !used.contains(code) && !builtin().has(code, Lang::Zh) {
                l.warnings.push(
                    l.sources
                        .problem(
                            span(*id, start, end),
                            Msg::new("messages-unknown").arg("id", code),
                        )
                        .with_help(
                            Msg::new("messages-unknown-help")
                                .arg("known", USED.iter().map(|(c, _)| *c).collect::<Vec<_>>()),
                        ),
                );
            }
        }
    }
}

/// Byte range of each message id defined at the start of a line.
fn definitions(file: &SourceFile) -> Vec<(&str, usize, usize)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in file.text.split_inclusive('\n') {
        let id_len = line
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(line.len());
        if id_len > 0
            && line.as_bytes()[0].is_ascii_alphabetic()
            && line[id_len..].trim_start().starts_with('=')
        {
            out.push((&line[..id_len], offset, offset + id_len));
        }
        offset += line.len();
    }
    out
}

fn definition(file: &SourceFile, code: &str) -> Option<(usize, usize)> {
    definitions(file)
        .into_iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, s, e)| (s, e))
}
