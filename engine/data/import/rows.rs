//! Reading the rows of a recognised table: a roster row becomes a member, a sampling or event
//! row an event. What only a table has is checked here — empty required cells, words of the
//! policy (verdicts, levels, time limits, kinds by their Chinese names), dates written as text,
//! failed items with their classes in brackets, members named by company — each problem at its
//! cell.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use super::layout::Layout;
use crate::data::credit_code;
use crate::data::members::{Event, FailedItem, Member};
use crate::data::strings::Strings;
use crate::data::table::{Cell, Col, Table};
use crate::data::{quoted, suggest};
use crate::diagnostic::{Problem, Problems};
use crate::message::Msg;
use crate::policy::credit::{CreditPolicy, Points};
use crate::policy::import::{Field, ImportPolicy, ItemSyntax, ShapeKind};

/// The roster as company names are matched against it.
pub(super) struct Roster<'a> {
    by_name: BTreeMap<&'a str, Vec<&'a str>>,
    by_code: BTreeMap<&'a str, &'a str>,
}

impl<'a> Roster<'a> {
    pub(super) fn new(members: impl Iterator<Item = &'a Member>) -> Self {
        let mut by_name: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        let mut by_code = BTreeMap::new();
        for m in members {
            by_name
                .entry(m.name.as_str())
                .or_default()
                .push(m.code.as_str());
            by_code.entry(m.code.as_str()).or_insert(m.name.as_str());
        }
        Roster { by_name, by_code }
    }
}

/// A data row of a recognised table: its cells are looked up by field, and a problem about a
/// field is placed at the field's cell.
#[derive(Clone, Copy)]
pub(super) struct At<'a> {
    /// The table.
    pub(super) table: &'a Table,
    /// Where its fields are.
    pub(super) layout: &'a Layout,
    /// Index of the row in the table's rows.
    pub(super) row: usize,
    /// Whether other tables share the table's workbook (ids made from rows then name the sheet).
    pub(super) shared: bool,
}

impl At<'_> {
    /// The header of a field's column, as the table writes it.
    fn header(&self, field: Field) -> &str {
        self.layout
            .columns
            .get(&field)
            .map_or("", |(_, h)| h.as_str())
    }

    fn cell(&self, field: Field) -> Option<&Cell> {
        let (col, _) = self.layout.columns.get(&field)?;
        self.table.rows[self.row].cell(*col)
    }

    /// A problem at a field's cell, its column named by its header (or the row, when the
    /// table has no such column).
    fn problem(&self, field: Field, message: Msg) -> Problem {
        let col = self
            .layout
            .columns
            .get(&field)
            .map_or(Col::Row, |(c, header)| Col::Header(*c, header));
        self.table.problem_at(self.row, col, message)
    }

    /// `<file name>-<row>`, with the sheet when the workbook gives several tables.
    fn id(&self) -> String {
        let number = self.table.rows[self.row].number;
        match self.table.sheet() {
            Some(sheet) if self.shared => format!("{}-{sheet}-{number}", self.table.stem),
            _ => format!("{}-{number}", self.table.stem),
        }
    }
}

/// Reads rows into members and events, collecting the problems.
pub(super) struct Rows<'a, 'p> {
    policy: &'a ImportPolicy,
    credit: &'a CreditPolicy,
    strings: &'p mut Strings,
    problems: &'p mut Problems,
}

impl<'a, 'p> Rows<'a, 'p> {
    pub(super) fn new(
        policy: &'a ImportPolicy,
        credit: &'a CreditPolicy,
        strings: &'p mut Strings,
        problems: &'p mut Problems,
    ) -> Self {
        Rows {
            policy,
            credit,
            strings,
            problems,
        }
    }

    /// A cell's text, `None` when empty or written as blank (`/`, `—`, …).
    fn value(&self, at: At, field: Field) -> Option<String> {
        let text = at.cell(field)?.text();
        (!text.is_empty() && !self.policy.blank.contains(&text)).then_some(text)
    }

    /// A required cell's text, or a problem saying it is empty.
    fn required(&mut self, at: At, field: Field) -> Option<String> {
        let value = self.value(at, field);
        if value.is_none() {
            self.problems
                .push(at.problem(field, Msg::new("import-cell-empty")));
        }
        value
    }

    /// A roster row's member, with when its archive was updated and the measures applied to
    /// it when the table says.
    pub(super) fn member(&mut self, at: At) -> Option<Member> {
        let name = self.required(at, Field::Name);
        let code = self.required(at, Field::Code);
        let archive_updated = match at.cell(Field::ArchiveUpdated) {
            Some(Cell::Date(d)) => Some(*d),
            _ => match self.value(at, Field::ArchiveUpdated) {
                Some(text) => self.date_text(at, Field::ArchiveUpdated, &text),
                None => None,
            },
        };
        // A bad date or measure is reported at its cell; the member stays on the roster, so its
        // events are not reported as well.
        let applied = self.applied(at);
        Some(Member {
            code: code?,
            name: name?,
            archive_updated,
            applied,
        })
    }

    /// The measures a roster row lists as applied: action ids, or their Chinese names in the
    /// credit policy, split by the policy's list separators.
    fn applied(&mut self, at: At) -> Vec<String> {
        let Some(cell) = self.value(at, Field::Applied) else {
            return Vec::new();
        };
        let parts = split_on(&cell, &self.policy.lists);
        let actions = &self.credit.actions;
        let mut ids = Vec::new();
        for part in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
            let id = if actions.contains_key(part) {
                Some(part.to_string())
            } else {
                actions
                    .iter()
                    .find(|(_, name)| name.zh == part)
                    .map(|(id, _)| id.clone())
            };
            match id {
                Some(id) => ids.push(id),
                None => {
                    let names: Vec<String> = actions.values().map(|n| n.zh.clone()).collect();
                    self.problems.push(
                        at.problem(
                            Field::Applied,
                            Msg::new("import-action-unknown").arg("written", part),
                        )
                        .with_help(suggest(part, names.iter())),
                    );
                }
            }
        }
        ids
    }

    /// A sampling or event row's event; `None` when the row has a problem.
    pub(super) fn event(&mut self, at: At, roster: &Roster) -> Option<Event> {
        let before = self.problems.0.len();
        let shape = &self.policy.shapes[at.layout.shape];
        let member = self.member_of(at, roster);
        let date = self.date(at);
        let items = self.items(at);
        let detail = self.value(at, Field::Detail);
        let product = match shape.kind {
            ShapeKind::Sampling { .. } => self.required(at, Field::Product),
            _ => self.value(at, Field::Product),
        };
        let (id, kind, level, on_time) = match &shape.kind {
            ShapeKind::Sampling { verdicts, levels } => {
                let id = self.value(at, Field::Id).unwrap_or_else(|| at.id());
                let (kind, level) = self.verdict(at, verdicts, levels, &items)?;
                (Some(id), Some(kind), level, None)
            }
            ShapeKind::Events {
                level_words,
                on_time_yes,
                on_time_no,
            } => {
                let id = self.required(at, Field::Id);
                let kind = self.kind(at);
                let level = self.level(at, kind.as_deref(), level_words);
                let on_time = self.on_time(at, on_time_yes, on_time_no);
                (id, kind, level, on_time)
            }
            ShapeKind::Roster => return None,
        };
        if self.problems.0.len() > before {
            return None;
        }
        let strings = &mut *self.strings;
        Some(Event {
            id: strings.add(&id?),
            member: strings.intern(&member?),
            date: date?,
            kind: strings.intern(&kind?),
            level: level.map(|l| strings.intern(&l)),
            product: product.map(|p| strings.intern(&p)),
            items: items
                .iter()
                .map(|item| FailedItem {
                    name: strings.intern(&item.name),
                    class: strings.intern(&item.class),
                })
                .collect(),
            on_time,
            detail: detail.map(|d| strings.add(&d)),
        })
    }

    /// The member a row concerns: by credit code when given, else by the exact company name.
    fn member_of(&mut self, at: At, roster: &Roster) -> Option<String> {
        let (code_header, company_header) = (at.header(Field::Code), at.header(Field::Company));
        match (self.value(at, Field::Code), self.value(at, Field::Company)) {
            (Some(code), company) => {
                if let Err(e) = credit_code::validate(&code) {
                    self.problems.push(
                        at.problem(
                            Field::Code,
                            Msg::new("import-code-invalid")
                                .arg("code", &code)
                                .arg("why", e.msg()),
                        ),
                    );
                    return None;
                }
                if let (Some(company), Some(name)) = (company, roster.by_code.get(code.as_str()))
                    && company != *name
                {
                    self.problems.push(
                        at.problem(
                            Field::Company,
                            Msg::new("import-code-name-mismatch")
                                .arg("code_header", code_header)
                                .arg("code", &code)
                                .arg("name", *name)
                                .arg("company", &company),
                        ),
                    );
                    return None;
                }
                Some(code)
            }
            (None, Some(company)) => {
                match roster.by_name.get(company.as_str()).map(Vec::as_slice) {
                    Some([code]) => Some(code.to_string()),
                    Some(codes) => {
                        self.problems.push(
                            at.problem(
                                Field::Company,
                                Msg::new("import-company-ambiguous")
                                    .arg("company", &company)
                                    .arg("n", codes.len())
                                    .arg("codes", quoted(codes.iter()))
                                    .arg("code_header", code_header),
                            ),
                        );
                        None
                    }
                    // With no roster at all, the merge says so once for the whole table.
                    None if roster.by_code.is_empty() => None,
                    None => {
                        let names: Vec<String> =
                            roster.by_name.keys().map(|n| n.to_string()).collect();
                        let help = Msg::new("import-names-exact")
                            .arg("suggestion", suggest(&company, names.iter()));
                        self.problems.push(
                            at.problem(
                                Field::Company,
                                Msg::new("import-company-unknown").arg("company", &company),
                            )
                            .with_help(help),
                        );
                        None
                    }
                }
            }
            (None, None) => {
                let given: Vec<&str> = [code_header, company_header]
                    .into_iter()
                    .filter(|h| !h.is_empty())
                    .collect();
                let message = match given.as_slice() {
                    [one] => Msg::new("import-no-member").arg("header", *one),
                    [first, second, ..] => Msg::new("import-no-member-two")
                        .arg("first", *first)
                        .arg("second", *second),
                    [] => Msg::new("import-no-member-column"),
                };
                self.problems
                    .push(at.table.problem_at(at.row, Col::Row, message));
                None
            }
        }
    }

    /// A date: an Excel date cell, or text in one of the policy's date forms.
    fn date(&mut self, at: At) -> Option<Date> {
        if let Some(Cell::Date(d)) = at.cell(Field::Date) {
            return Some(*d);
        }
        let text = self.required(at, Field::Date)?;
        self.date_text(at, Field::Date, &text)
    }

    /// A date written as text in one of the policy's date forms, or a problem at the cell.
    fn date_text(&mut self, at: At, field: Field, text: &str) -> Option<Date> {
        let date = self
            .policy
            .dates
            .iter()
            .find_map(|f| Date::strptime(f, text).ok());
        if date.is_none() {
            let sample = Date::constant(2024, 3, 15);
            let forms = quoted(
                self.policy
                    .dates
                    .iter()
                    .filter_map(|f| jiff::fmt::strtime::format(f, sample).ok()),
            );
            self.problems.push(
                at.problem(field, Msg::new("import-not-a-date").arg("text", text))
                    .with_help(Msg::new("import-date-forms").arg("forms", forms)),
            );
        }
        date
    }

    /// The failed items of the row, each with its class; a problem for each that has none.
    fn items(&mut self, at: At) -> Vec<WrittenItem> {
        let Some(cell) = self.value(at, Field::Items) else {
            return Vec::new();
        };
        let (items, errors) = split_items(&cell, &self.policy.items);
        for error in errors {
            let written = quoted(self.policy.items.classes.keys());
            self.problems.push(
                at.problem(Field::Items, error)
                    .with_help(Msg::new("import-items-help").arg("classes", written)),
            );
        }
        items
    }

    /// The event kind and level of a sampling verdict; failures take their level from their
    /// items' classes, passes may list no failed item.
    fn verdict(
        &mut self,
        at: At,
        verdicts: &BTreeMap<String, String>,
        levels: &[(String, String)],
        items: &[WrittenItem],
    ) -> Option<(String, Option<String>)> {
        let word = self.required(at, Field::Verdict)?;
        let header = at.header(Field::Verdict);
        let Some(kind) = verdicts.get(&word) else {
            self.problems
                .push(at.problem(Field::Verdict, unexpected(&word, verdicts.keys())));
            return None;
        };
        let by_level = self
            .credit
            .kind(kind)
            .is_some_and(|k| matches!(self.credit.kinds[k as usize].points, Points::ByLevel(_)));
        match (by_level, self.value(at, Field::Items)) {
            (true, None) => {
                self.problems.push(
                    at.problem(
                        Field::Items,
                        Msg::new("import-verdict-needs-items")
                            .arg("header", header)
                            .arg("word", &word),
                    ),
                );
                return None;
            }
            (false, Some(cell)) => {
                self.problems.push(
                    at.problem(
                        Field::Items,
                        Msg::new("import-verdict-lists-items")
                            .arg("header", header)
                            .arg("word", &word)
                            .arg("cell", cell),
                    ),
                );
                return None;
            }
            _ => {}
        }
        let level = levels
            .iter()
            .find(|(class, _)| items.iter().any(|i| &i.class == class))
            .map(|(_, level)| level.clone());
        Some((kind.clone(), level.filter(|_| by_level)))
    }

    /// A level, written as a level word of the policy or a level id, checked against the kind
    /// (when it is known) in the words of the table.
    fn level(
        &mut self,
        at: At,
        kind: Option<&str>,
        words: &BTreeMap<String, BTreeMap<String, String>>,
    ) -> Option<String> {
        let written = self.value(at, Field::Level)?;
        let words = kind.and_then(|k| words.get(k));
        let level = words
            .and_then(|w| w.get(&written))
            .cloned()
            .unwrap_or_else(|| written.clone());
        let Some(spec) = kind
            .and_then(|k| self.credit.kind(k))
            .map(|k| &self.credit.kinds[k as usize])
        else {
            return Some(level);
        };
        if spec.levels.is_empty() {
            self.problems.push(
                at.problem(
                    Field::Level,
                    Msg::new("import-level-none")
                        .arg("written", &written)
                        .arg("kind", &spec.name),
                ),
            );
        } else if !spec.levels.contains(&level) {
            let accepted = quoted(
                words
                    .into_iter()
                    .flatten()
                    .map(|(w, _)| w)
                    .chain(&spec.levels),
            );
            self.problems.push(
                at.problem(
                    Field::Level,
                    Msg::new("import-level-unknown")
                        .arg("written", &written)
                        .arg("kind", &spec.name),
                )
                .with_help(Msg::new("import-level-help").arg("levels", accepted)),
            );
        }
        Some(level)
    }

    /// An event kind, written as its id or its Chinese name in the credit policy.
    fn kind(&mut self, at: At) -> Option<String> {
        let written = self.required(at, Field::Kind)?;
        if self.credit.kind(&written).is_some() {
            return Some(written);
        }
        if let Some(k) = self.credit.kinds.iter().find(|k| k.name.zh == written) {
            return Some(k.id.clone());
        }
        let names: Vec<String> = self
            .credit
            .kinds
            .iter()
            .map(|k| k.name.zh.clone())
            .collect();
        self.problems.push(
            at.problem(
                Field::Kind,
                Msg::new("import-kind-unknown").arg("written", &written),
            )
            .with_help(suggest(&written, names.iter())),
        );
        None
    }

    /// Whether the event was handled within its time limit, in the policy's words.
    fn on_time(&mut self, at: At, yes: &BTreeSet<String>, no: &BTreeSet<String>) -> Option<bool> {
        let word = self.value(at, Field::OnTime)?;
        if yes.contains(&word) {
            return Some(true);
        }
        if no.contains(&word) {
            return Some(false);
        }
        self.problems
            .push(at.problem(Field::OnTime, unexpected(&word, yes.iter().chain(no))));
        None
    }
}

/// A cell holding `word` where one of `expected` (the policy's words) must be.
fn unexpected<'a>(word: &str, expected: impl Iterator<Item = &'a String>) -> Msg {
    let words = quoted(expected);
    Msg::new("import-word-unexpected")
        .arg("word", word)
        .arg("n", words.len())
        .arg("words", words)
}

/// A failed item as a cell writes it, its class read from the policy's words.
struct WrittenItem {
    name: String,
    class: String,
}

/// A cell split at every one of the policy's separators (`、`, `；`, …), parts untrimmed.
fn split_on(cell: &str, separators: &[String]) -> Vec<String> {
    let mut parts = vec![cell.to_string()];
    for sep in separators {
        parts = parts
            .iter()
            .flat_map(|p| p.split(sep.as_str()).map(str::to_string))
            .collect();
    }
    parts
}

/// Splits a failed-items cell into items with their classes; returns the items read and a
/// message for each item that could not be.
fn split_items(cell: &str, syntax: &ItemSyntax) -> (Vec<WrittenItem>, Vec<Msg>) {
    let parts = split_on(cell, &syntax.separators);
    let mut items = Vec::new();
    let mut errors = Vec::new();
    for part in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        let closed = syntax
            .close
            .iter()
            .find_map(|c| part.strip_suffix(c.as_str()));
        let opened = closed.and_then(|inner| {
            syntax
                .open
                .iter()
                .filter_map(|o| inner.rfind(o.as_str()).map(|i| (i, o.len())))
                .max_by_key(|(i, _)| *i)
                .map(|(i, len)| (inner[..i].trim(), inner[i + len..].trim()))
        });
        match opened {
            None => errors.push(Msg::new("import-item-no-class").arg("item", part)),
            Some(("", _)) => errors.push(Msg::new("import-item-no-name").arg("item", part)),
            Some((name, label)) => match syntax.classes.get(label) {
                Some(class) => items.push(WrittenItem {
                    name: name.to_string(),
                    class: class.clone(),
                }),
                None => errors.push(
                    Msg::new("import-item-class-unknown")
                        .arg("item", name)
                        .arg("class", label),
                ),
            },
        }
    }
    (items, errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;

    fn syntax() -> ItemSyntax {
        ItemSyntax {
            separators: vec!["；".into(), ";".into(), "\n".into()],
            open: vec!["（".into(), "(".into()],
            close: vec!["）".into(), ")".into()],
            classes: [("A类", "A"), ("B类", "B")]
                .into_iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        }
    }

    fn names(items: &[WrittenItem]) -> Vec<(&str, &str)> {
        items
            .iter()
            .map(|i| (i.name.as_str(), i.class.as_str()))
            .collect()
    }

    #[test]
    fn full_width_and_ascii_separators_and_brackets_are_both_read() {
        let (items, errors) = split_items(
            "吸水率（A类）；破坏强度(B类); 放射性核素（内照射指数）（A类）\n断裂模数（B类）",
            &syntax(),
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            names(&items),
            [
                ("吸水率", "A"),
                ("破坏强度", "B"),
                ("放射性核素（内照射指数）", "A"),
                ("断裂模数", "B")
            ]
        );
    }

    #[test]
    fn an_item_without_a_known_class_is_named() {
        let (items, errors) = split_items("吸水率；铬、镍含量（C类）；（A类）", &syntax());
        assert!(items.is_empty());
        let errors: Vec<String> = errors.iter().map(|e| e.word(Lang::En)).collect();
        assert_eq!(
            errors,
            [
                "`吸水率` has no class",
                "`铬、镍含量` has class `C类`, which the import policy does not know",
                "`（A类）` has no item name before its class",
            ]
        );
    }
}
