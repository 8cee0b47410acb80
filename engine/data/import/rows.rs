//! Reading the rows of a recognised table: a roster row becomes a member, a sampling or event
//! row an event. What only a table has is checked here — empty required cells, words of the
//! policy (verdicts, levels, time limits, kinds by their Chinese names), dates written as text,
//! failed items with their classes (`items`), members named by company, the date a sampling row
//! takes from its cell, its notice's title or the command line — each problem at its cell. A
//! column the table lacks is the header's problem, reported once: its cells are not looked for,
//! and every other column of the row is still checked.

mod items;
mod roster;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use foldhash::fast::FixedState;
use jiff::civil::Date;

use super::layout::{Layout, TitleDate};
use crate::data::credit_code;
use crate::data::members::{Event, FailedItem, Member};
use crate::data::strings::{Strings, Sym};
use crate::data::table::{Cell, Col, Table};
use crate::data::{quoted, suggest};
use crate::diagnostic::{Problem, Problems};
use crate::message::Msg;
use crate::policy::credit::CreditPolicy;
use crate::policy::import::{DateSource, Field, ImportPolicy, ShapeKind, Unlisted, Verdict};
use items::{WrittenItem, split_items};
use roster::Listed;
pub(super) use roster::Roster;

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

impl<'a> At<'a> {
    /// The header of a field's column, as the table writes it.
    fn header(&self, field: Field) -> &'a str {
        self.layout
            .columns
            .get(&field)
            .map_or("", |(_, h)| h.as_str())
    }

    /// Whether the table has a column for the field.
    fn has(&self, field: Field) -> bool {
        self.layout.column(field).is_some()
    }

    fn cell(&self, field: Field) -> Option<Cell<'a>> {
        self.table.cell(self.row, self.layout.column(field)?)
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

    /// `<file name>-<row>`, with the sheet when the workbook gives several tables, added to
    /// `strings`.
    fn id(&self, strings: &mut Strings) -> Sym {
        let mut digits = itoa::Buffer::new();
        let (stem, number) = (
            &self.table.stem,
            digits.format(self.table.rows[self.row].number),
        );
        match self.table.sheet() {
            Some(sheet) if self.shared => strings.add_joined(&[stem, "-", sheet, "-", number]),
            _ => strings.add_joined(&[stem, "-", number]),
        }
    }
}

/// The member a row names, by its credit code.
enum Code<'a> {
    /// A member of the roster, by the symbol of its code.
    Listed(Sym),
    /// A code the roster does not have (the merge reports it), or any code when there is no
    /// roster at all.
    Unlisted(Cow<'a, str>),
}

/// Whose row a sampling or event row is.
enum Whose<'a> {
    /// The member's credit code.
    Member(Code<'a>),
    /// Not known: a problem says why (or the merge will, when there is no roster at all).
    Unknown,
    /// A firm not on the roster, left out as the policy says (`unlisted: Report`).
    LeftOut,
}

/// An event as its row writes it, its texts not yet interned (most of them borrowed from the
/// table and the policies): rows are read a slice per core, and their events interned in row
/// order.
pub(super) struct WrittenEvent<'a> {
    /// The row's own id; `None` when the event is named after its row.
    id: Option<Cow<'a, str>>,
    member: Code<'a>,
    date: Date,
    kind: &'a str,
    level: Option<Cow<'a, str>>,
    product: Option<Cow<'a, str>>,
    items: Vec<WrittenItem>,
    on_time: Option<bool>,
    detail: Option<Cow<'a, str>>,
}

impl<'a> WrittenEvent<'a> {
    /// The event of row `at`, its texts interned in the strings of the row's slice, and
    /// whether its member is too (a code the roster lacks) rather than by the roster's symbol.
    pub(super) fn intern(self, at: At<'a>, strings: &mut Strings) -> (Event, bool) {
        let (member, unlisted) = match self.member {
            Code::Listed(sym) => (sym, false),
            Code::Unlisted(code) => (strings.intern(&code), true),
        };
        let id = match self.id {
            Some(id) => strings.add(&id),
            None => at.id(strings),
        };
        let event = Event {
            id,
            member,
            date: self.date,
            kind: strings.intern(self.kind),
            level: self.level.map(|l| strings.intern(&l)),
            product: self.product.map(|p| strings.intern(&p)),
            items: self
                .items
                .iter()
                .map(|item| FailedItem {
                    name: strings.intern(&item.name),
                    class: strings.intern(&item.class),
                })
                .collect(),
            on_time: self.on_time,
            detail: self.detail.map(|d| strings.add(&d)),
        };
        (event, unlisted)
    }
}

/// The rows of `table` left out because their firms are not on the roster (one firm per row),
/// as one warning naming the firms; `None` when none was.
pub(super) fn left_out(table: &Table, rows: &[String]) -> Option<Problem> {
    if rows.is_empty() {
        return None;
    }
    let mut seen = HashSet::new();
    let firms: Vec<&String> = rows.iter().filter(|f| seen.insert(*f)).collect();
    let message = Msg::new("import-left-out")
        .arg("n", rows.len())
        .arg("firms", firms.len())
        .arg("names", quoted(firms));
    Some(
        table
            .problem(message)
            .with_help(Msg::new("import-left-out-help"))
            .into_warning(),
    )
}

/// Reads rows into members and events, collecting the problems.
pub(super) struct Rows<'a, 'p> {
    policy: &'a ImportPolicy,
    credit: &'a CreditPolicy,
    problems: &'p mut Problems,
    /// The date of the notice given on the command line.
    notice_date: Option<Date>,
    /// The firms of the rows of the table being read that were left out, one per row.
    left_out: Vec<String>,
    /// The length of the longest of the policy's blank words: a longer cell is none.
    longest_blank: usize,
    /// The dates read from text so far: a notice writes the same few hundred days.
    dates: HashMap<&'a str, Date, FixedState>,
}

impl<'a, 'p> Rows<'a, 'p> {
    pub(super) fn new(
        policy: &'a ImportPolicy,
        credit: &'a CreditPolicy,
        problems: &'p mut Problems,
        notice_date: Option<Date>,
    ) -> Self {
        Rows {
            policy,
            credit,
            problems,
            notice_date,
            left_out: Vec::new(),
            longest_blank: policy.blank.iter().map(String::len).max().unwrap_or(0),
            dates: HashMap::default(),
        }
    }

    /// The firms of the rows read so far that were left out, one per row.
    pub(super) fn take_left_out(&mut self) -> Vec<String> {
        std::mem::take(&mut self.left_out)
    }

    /// A cell's text, `None` when empty or written as blank (`/`, `—`, …).
    fn value(&self, at: At<'a>, field: Field) -> Option<Cow<'a, str>> {
        let text = at.cell(field)?.text();
        let blank = text.len() <= self.longest_blank && self.policy.blank.contains(&*text);
        (!text.is_empty() && !blank).then_some(text)
    }

    /// A required cell's text, or a problem saying it is empty (when the table has the
    /// column: a missing column is the header row's problem).
    fn required(&mut self, at: At<'a>, field: Field) -> Option<Cow<'a, str>> {
        let value = self.value(at, field);
        if value.is_none() && at.has(field) {
            self.problems
                .push(at.problem(field, Msg::new("import-cell-empty")));
        }
        value
    }

    /// A roster row's member, with when its archive was updated and the measures applied to
    /// it when the table says.
    pub(super) fn member(&mut self, at: At<'a>) -> Option<Member> {
        let name = self.required(at, Field::Name);
        let code = self.required(at, Field::Code);
        let archive_updated = match at.cell(Field::ArchiveUpdated) {
            Some(Cell::Date(d)) => Some(d),
            _ => match self.value(at, Field::ArchiveUpdated) {
                Some(text) => self.date_text(at, Field::ArchiveUpdated, text),
                None => None,
            },
        };
        // A bad date or measure is reported at its cell; the member stays on the roster, so its
        // events are not reported as well.
        let applied = self.applied(at);
        Some(Member {
            code: code?.into_owned(),
            name: name?.into_owned(),
            archive_updated,
            applied,
        })
    }

    /// The measures a roster row lists as applied: action ids, or their Chinese names in the
    /// credit policy, split by the policy's list separators.
    fn applied(&mut self, at: At<'a>) -> Vec<String> {
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

    /// A sampling or event row's event; `None` when the row has a problem or is left out.
    pub(super) fn event(&mut self, at: At<'a>, roster: &Roster<'a>) -> Option<WrittenEvent<'a>> {
        let before = self.problems.0.len();
        let shape = &self.policy.shapes[at.layout.shape];
        let (unlisted, date_from) = match &shape.kind {
            ShapeKind::Sampling {
                unlisted,
                date_from,
                ..
            } => (*unlisted, date_from.as_slice()),
            _ => (Unlisted::Error, [DateSource::Column].as_slice()),
        };
        let member = match self.member_of(at, roster, unlisted) {
            Whose::Member(code) => Some(code),
            Whose::Unknown => None,
            // A row left out is not read further: it counts for nobody.
            Whose::LeftOut => return None,
        };
        let date = self.date(at, date_from);
        let items = self.items(at);
        let detail = self.value(at, Field::Detail);
        let product = match shape.kind {
            ShapeKind::Sampling { .. } => self.required(at, Field::Product),
            _ => self.value(at, Field::Product),
        };
        let (id, kind, level, on_time) = match &shape.kind {
            ShapeKind::Sampling {
                verdicts, levels, ..
            } => {
                let id = self.value(at, Field::Id);
                let (kind, level) = self.verdict(at, verdicts, levels, &items)?;
                (Some(id), Some(kind), level, None)
            }
            ShapeKind::Events {
                level_words,
                on_time_yes,
                on_time_no,
            } => {
                let id = self.required(at, Field::Id).map(Some);
                let kind = self.kind(at);
                let level = self.level(at, kind, level_words);
                let on_time = self.on_time(at, on_time_yes, on_time_no);
                (id, kind, level, on_time)
            }
            ShapeKind::Roster => return None,
        };
        if self.problems.0.len() > before || !at.layout.complete {
            return None;
        }
        Some(WrittenEvent {
            id: id?,
            member: member?,
            date: date?,
            kind: kind?,
            level,
            product,
            items,
            on_time,
            detail,
        })
    }

    /// The member a row concerns: by credit code when given, else by the exact company name.
    /// A firm the roster does not have is left out when the policy says `unlisted: Report`.
    fn member_of(&mut self, at: At<'a>, roster: &Roster<'a>, unlisted: Unlisted) -> Whose<'a> {
        let written = (self.value(at, Field::Code), self.value(at, Field::Company));
        if unlisted == Unlisted::Report
            && let Some(firm) = unlisted_firm(roster, &written)
        {
            self.left_out.push(firm);
            return Whose::LeftOut;
        }
        match self.member_code(at, roster, written) {
            Some(code) => Whose::Member(code),
            None => Whose::Unknown,
        }
    }

    /// The member's code: by credit code when given, else by the exact company name; `None`
    /// when a problem says why.
    fn member_code(
        &mut self,
        at: At<'a>,
        roster: &Roster<'a>,
        (code, company): (Option<Cow<'a, str>>, Option<Cow<'a, str>>),
    ) -> Option<Code<'a>> {
        let (code_header, company_header) = (at.header(Field::Code), at.header(Field::Company));
        match (code, company) {
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
                let listed = roster.listed(&code);
                if let (Some(company), Some(Listed { name, .. })) = (company, listed)
                    && company != name
                {
                    self.problems.push(
                        at.problem(
                            Field::Company,
                            Msg::new("import-code-name-mismatch")
                                .arg("code_header", code_header)
                                .arg("code", &code)
                                .arg("name", name)
                                .arg("company", &*company),
                        ),
                    );
                    return None;
                }
                Some(match listed {
                    Some(Listed { sym, .. }) => Code::Listed(sym),
                    None => Code::Unlisted(code),
                })
            }
            (None, Some(company)) => {
                match roster.named(&company) {
                    Some(&[member]) => Some(Code::Listed(roster.code(member).1)),
                    Some(members) => {
                        self.problems.push(
                            at.problem(
                                Field::Company,
                                Msg::new("import-company-ambiguous")
                                    .arg("company", &*company)
                                    .arg("n", members.len())
                                    .arg("codes", quoted(members.iter().map(|&m| roster.code(m).0)))
                                    .arg("code_header", code_header),
                            ),
                        );
                        None
                    }
                    // With no roster at all, the merge says so once for the whole table.
                    None if roster.is_empty() => None,
                    None => {
                        let help = Msg::new("import-names-exact")
                            .arg("suggestion", suggest(&company, roster.names().iter()));
                        self.problems.push(
                            at.problem(
                                Field::Company,
                                Msg::new("import-company-unknown").arg("company", &*company),
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
                    // Neither column: the header row's problem.
                    [] => return None,
                };
                self.problems
                    .push(at.table.problem_at(at.row, Col::Row, message));
                None
            }
        }
    }

    /// A row's date from the first of the policy's sources that gives one: the row's cell (an
    /// Excel date cell, or text in one of the policy's date forms), the date in the table's
    /// title, the notice date given on the command line. A cell that is not a date is a
    /// problem, never passed over; no date at all is a problem at the row's date cell (a table
    /// without the column and without any other date was told once, at its header row).
    fn date(&mut self, at: At<'a>, sources: &[DateSource]) -> Option<Date> {
        for source in sources {
            match source {
                DateSource::Column => {
                    if let Some(Cell::Date(d)) = at.cell(Field::Date) {
                        return Some(d);
                    }
                    if let Some(text) = self.value(at, Field::Date) {
                        return self.date_text(at, Field::Date, text);
                    }
                }
                DateSource::Title => match at.layout.title_date {
                    TitleDate::Date(date) => return Some(date),
                    // The title's two dates were told once for the table.
                    TitleDate::Unclear => return None,
                    TitleDate::Absent => {}
                },
                DateSource::NoticeDate => {
                    if let Some(date) = self.notice_date {
                        return Some(date);
                    }
                }
            }
        }
        if !at.has(Field::Date) {
            return None;
        }
        let message = match sources {
            [DateSource::Column] => Msg::new("import-cell-empty"),
            _ => Msg::new("import-no-date").arg("sources", date_sources(sources)),
        };
        self.problems.push(at.problem(Field::Date, message));
        None
    }

    /// A date written as text in one of the policy's date forms, or a problem at the cell.
    fn date_text(&mut self, at: At<'a>, field: Field, text: Cow<'a, str>) -> Option<Date> {
        if let Some(date) = self.dates.get(&*text) {
            return Some(*date);
        }
        let date = self
            .policy
            .dates
            .iter()
            .find_map(|f| Date::strptime(f, &*text).ok());
        if let (Some(date), Cow::Borrowed(text)) = (date, &text) {
            self.dates.insert(text, date);
        }
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
    fn items(&mut self, at: At<'a>) -> Vec<WrittenItem> {
        let Some(cell) = self.value(at, Field::Items) else {
            return Vec::new();
        };
        let (items, errors) = split_items(&cell, &self.policy.items);
        for error in errors {
            let written = quoted(self.policy.items.classes.keys());
            let help = if self.policy.items.dictionary.is_empty() {
                Msg::new("import-items-help")
            } else {
                Msg::new("import-items-dictionary-help")
            };
            self.problems.push(
                at.problem(Field::Items, error)
                    .with_help(help.arg("classes", written)),
            );
        }
        items
    }

    /// The event kind and level of a sampling verdict; failures take their level from their
    /// items' classes, passes may list no failed item.
    fn verdict(
        &mut self,
        at: At<'a>,
        verdicts: &'a BTreeMap<String, Verdict>,
        levels: &'a [(String, String)],
        items: &[WrittenItem],
    ) -> Option<(&'a str, Option<Cow<'a, str>>)> {
        let word = self.required(at, Field::Verdict)?;
        let header = at.header(Field::Verdict);
        let Some(&Verdict { ref kind, by_level }) = verdicts.get(&*word) else {
            self.problems
                .push(at.problem(Field::Verdict, unexpected(&word, verdicts.keys())));
            return None;
        };
        match (by_level, self.value(at, Field::Items)) {
            // Without the column, the header row says so.
            (true, None) if !at.has(Field::Items) => return None,
            (true, None) => {
                self.problems.push(
                    at.problem(
                        Field::Items,
                        Msg::new("import-verdict-needs-items")
                            .arg("header", header)
                            .arg("word", &*word),
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
                            .arg("word", &*word)
                            .arg("cell", &*cell),
                    ),
                );
                return None;
            }
            _ => {}
        }
        let level = levels
            .iter()
            .find(|(class, _)| items.iter().any(|i| &i.class == class))
            .map(|(_, level)| Cow::Borrowed(level.as_str()));
        Some((kind.as_str(), level.filter(|_| by_level)))
    }

    /// A level, written as a level word of the policy or a level id, checked against the kind
    /// (when it is known) in the words of the table.
    fn level(
        &mut self,
        at: At<'a>,
        kind: Option<&str>,
        words: &'a BTreeMap<String, BTreeMap<String, String>>,
    ) -> Option<Cow<'a, str>> {
        let written = self.value(at, Field::Level)?;
        let words = kind.and_then(|k| words.get(k));
        let level = words
            .and_then(|w| w.get(&*written))
            .map_or_else(|| written.clone(), |l| Cow::Borrowed(l.as_str()));
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
                        .arg("written", &*written)
                        .arg("kind", &spec.name),
                ),
            );
        } else if !spec.levels.iter().any(|l| *l == level) {
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
                        .arg("written", &*written)
                        .arg("kind", &spec.name),
                )
                .with_help(Msg::new("import-level-help").arg("levels", accepted)),
            );
        }
        Some(level)
    }

    /// An event kind, written as its id or its Chinese name in the credit policy.
    fn kind(&mut self, at: At<'a>) -> Option<&'a str> {
        let written = self.required(at, Field::Kind)?;
        if let Some(k) = self.credit.kind(&written) {
            return Some(&self.credit.kinds[k as usize].id);
        }
        if let Some(k) = self.credit.kinds.iter().find(|k| k.name.zh == written) {
            return Some(&k.id);
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
                Msg::new("import-kind-unknown").arg("written", &*written),
            )
            .with_help(suggest(&written, names.iter())),
        );
        None
    }

    /// Whether the event was handled within its time limit, in the policy's words.
    fn on_time(
        &mut self,
        at: At<'a>,
        yes: &BTreeSet<String>,
        no: &BTreeSet<String>,
    ) -> Option<bool> {
        let word = self.value(at, Field::OnTime)?;
        if yes.contains(&*word) {
            return Some(true);
        }
        if no.contains(&*word) {
            return Some(false);
        }
        self.problems
            .push(at.problem(Field::OnTime, unexpected(&word, yes.iter().chain(no))));
        None
    }
}

/// The firm a row names by its code and company (as `written`), as the warning lists it, when
/// the roster does not have it: by a valid credit code (an invalid one is an error whatever the
/// policy), or by name alone. `None` with no roster at all: the merge says so once for the
/// whole table.
fn unlisted_firm(
    roster: &Roster,
    written: &(Option<Cow<'_, str>>, Option<Cow<'_, str>>),
) -> Option<String> {
    if roster.is_empty() {
        return None;
    }
    match written {
        (Some(code), company) => (credit_code::validate(code).is_ok()
            && roster.listed(code).is_none())
        .then(|| match company {
            Some(company) => format!("{company}（{code}）"),
            None => code.to_string(),
        }),
        (None, Some(company)) => roster.named(company).is_none().then(|| company.to_string()),
        (None, None) => None,
    }
}

/// The sources of a date tried and found wanting, in the policy's order.
pub(super) fn date_sources(sources: &[DateSource]) -> Vec<Msg> {
    sources
        .iter()
        .map(|s| match s {
            DateSource::Column => Msg::new("import-date-from-column"),
            DateSource::Title => Msg::new("import-date-from-title"),
            DateSource::NoticeDate => Msg::new("import-date-from-notice"),
        })
        .collect()
}

/// A cell holding `word` where one of `expected` (the policy's words) must be.
fn unexpected<'a>(word: &str, expected: impl Iterator<Item = &'a String>) -> Msg {
    let words = quoted(expected);
    Msg::new("import-word-unexpected")
        .arg("word", word)
        .arg("n", words.len())
        .arg("words", words)
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
