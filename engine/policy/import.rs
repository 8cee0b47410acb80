//! Table import policy (`import.ron`): how the tables associations keep — member rosters,
//! supervision sampling result lists, credit event tables, as CSV or Excel with Chinese
//! headers — map onto members and credit events.
//!
//! Which fields exist and which a table must have is the data model's business and is fixed
//! here; everything an editor may want to change is in the file: the header spellings of each
//! field, the headers to ignore, how a table is recognised, what 检验结论 words mean, how a
//! failed-items cell is split, the item dictionary that classes items a cell writes without a
//! class, how a failure's level follows from its items' classes, where a sampling row's date
//! comes from, what becomes of rows of firms not on the roster, the sheets that are notes, and
//! the words used for levels and time limits. The file is optional: without it, tables cannot
//! be imported and saying so is the import's job.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use serde::Deserialize;

use super::catalogue::suggest;
use super::credit::{CreditPolicy, Points};
use super::de::Spanned;
use super::{Check, Sources};
use crate::diagnostic::Problems;
use crate::message::Msg;
use crate::text::Text;

type S<T> = Spanned<T>;

#[derive(Debug, Deserialize)]
#[serde(rename = "Import", deny_unknown_fields)]
pub(crate) struct RawImport {
    #[serde(default)]
    blank: Vec<String>,
    dates: S<Vec<S<String>>>,
    items: RawItems,
    /// Strings between the values of a cell that lists several (已落实措施).
    #[serde(default)]
    lists: Option<S<Vec<String>>>,
    /// Worksheets passed over when no table shape is found on them (说明).
    #[serde(default)]
    skip_sheets: Vec<S<String>>,
    tables: Vec<S<RawShape>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItems {
    separators: S<Vec<String>>,
    open: S<Vec<String>>,
    close: S<Vec<String>>,
    classes: BTreeMap<String, S<String>>,
    /// Item name → its class and other spellings, for items written without a class.
    #[serde(default)]
    dictionary: BTreeMap<String, S<RawEntry>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    class: S<String>,
    #[serde(default)]
    aliases: Vec<S<String>>,
}

/// A table shape as written. The common fields are repeated in each variant (rather than
/// flattened) so that unknown fields are reported exactly.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
enum RawShape {
    Roster {
        zh: String,
        en: String,
        identify: Vec<S<String>>,
        columns: BTreeMap<String, S<Vec<S<String>>>>,
        #[serde(default)]
        ignore: Vec<S<String>>,
    },
    Sampling {
        zh: String,
        en: String,
        identify: Vec<S<String>>,
        columns: BTreeMap<String, S<Vec<S<String>>>>,
        #[serde(default)]
        ignore: Vec<S<String>>,
        verdicts: BTreeMap<String, S<String>>,
        levels: S<Vec<RawLevelRule>>,
        #[serde(default)]
        date_from: Option<S<Vec<S<DateSource>>>>,
        #[serde(default)]
        unlisted: Option<Unlisted>,
    },
    Events {
        zh: String,
        en: String,
        identify: Vec<S<String>>,
        columns: BTreeMap<String, S<Vec<S<String>>>>,
        #[serde(default)]
        ignore: Vec<S<String>>,
        #[serde(default)]
        level_words: BTreeMap<String, S<BTreeMap<String, S<String>>>>,
        on_time: RawYesNo,
    },
}

/// The fields every shape has.
struct RawCommon {
    zh: String,
    en: String,
    identify: Vec<S<String>>,
    columns: BTreeMap<String, S<Vec<S<String>>>>,
    ignore: Vec<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevelRule {
    class: S<String>,
    level: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawYesNo {
    yes: Vec<S<String>>,
    no: Vec<S<String>>,
}

/// Where a sampling row's date comes from; a table's sources are tried in the policy's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum DateSource {
    /// The row's cell in the date column (抽查日期).
    Column,
    /// The one date written in the title rows above the header (a notice's own date).
    Title,
    /// The date given on the command line (`--notice-date`).
    NoticeDate,
}

impl DateSource {
    /// The source as written in `import.ron`.
    pub fn id(self) -> &'static str {
        match self {
            DateSource::Column => "Column",
            DateSource::Title => "Title",
            DateSource::NoticeDate => "NoticeDate",
        }
    }
}

/// What becomes of a sampling row whose firm is not on the member roster.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub enum Unlisted {
    /// The row is an error at its cell.
    #[default]
    Error,
    /// The row is left out, counted for no member, and the firms left out are listed.
    Report,
}

/// A field a table column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// Event id (编号).
    Id,
    /// Unified social credit code.
    Code,
    /// A roster entry's registered name.
    Name,
    /// The company an event concerns, by name (生产企业).
    Company,
    /// Product (产品名称).
    Product,
    /// Date of the event (抽查日期).
    Date,
    /// Sampling verdict (检验结论).
    Verdict,
    /// Failed items with their classes (不合格项目).
    Items,
    /// Event kind (类型).
    Kind,
    /// Event level (级别).
    Level,
    /// Handled within the time limit (按时办结).
    OnTime,
    /// Free text (说明).
    Detail,
    /// When a roster member's credit archive was last updated (信用档案更新日期).
    ArchiveUpdated,
    /// The measures applied to a roster member (已落实措施), action ids or names.
    Applied,
}

impl Field {
    /// The field's id as written in `import.ron`.
    pub fn id(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Code => "code",
            Field::Name => "name",
            Field::Company => "company",
            Field::Product => "product",
            Field::Date => "date",
            Field::Verdict => "verdict",
            Field::Items => "items",
            Field::Kind => "kind",
            Field::Level => "level",
            Field::OnTime => "on_time",
            Field::Detail => "detail",
            Field::ArchiveUpdated => "archive_updated",
            Field::Applied => "applied",
        }
    }
}

/// Whether a table of a shape must have a field's column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Need {
    Required,
    Optional,
    /// At least one of the fields marked so (the member: by code or by name).
    Member,
}

/// What a verdict word of a sampling table says, resolved against the credit policy when the
/// policies load.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// The event kind id.
    pub kind: String,
    /// Whether the kind is scored by level, which a failure takes from its items' classes.
    pub by_level: bool,
}

/// What a shape's rows become, with the rules only that shape has.
#[derive(Clone, Debug)]
pub enum ShapeKind {
    /// Each row is a member (会员名录).
    Roster,
    /// Each row is a supervision sampling result (监督抽查结果).
    Sampling {
        /// 检验结论 word → what it says.
        verdicts: BTreeMap<String, Verdict>,
        /// `(item class, level)`: a failure's level is that of the first rule whose class
        /// one of its items has.
        levels: Vec<(String, String)>,
        /// Where a row's date comes from, first source first.
        date_from: Vec<DateSource>,
        /// What becomes of rows of firms not on the roster.
        unlisted: Unlisted,
    },
    /// Each row is a credit event of any kind.
    Events {
        /// Event kind → level word → level id.
        level_words: BTreeMap<String, BTreeMap<String, String>>,
        /// Words for "handled within the time limit".
        on_time_yes: BTreeSet<String>,
        /// Words for "not handled within the time limit".
        on_time_no: BTreeSet<String>,
    },
}

impl ShapeKind {
    fn fields(&self) -> &'static [(Field, Need)] {
        use Field::*;
        use Need::*;
        match self {
            ShapeKind::Roster => &[
                (Name, Required),
                (Code, Required),
                (ArchiveUpdated, Optional),
                (Applied, Optional),
            ],
            ShapeKind::Sampling { .. } => &[
                (Id, Optional),
                (Product, Required),
                (Company, Member),
                (Code, Member),
                // Required when the column is the only source of the date (see `required`).
                (Date, Optional),
                (Verdict, Required),
                (Items, Required),
                (Detail, Optional),
            ],
            ShapeKind::Events { .. } => &[
                (Id, Required),
                (Company, Member),
                (Code, Member),
                (Date, Required),
                (Kind, Required),
                (Level, Optional),
                (Product, Optional),
                (Items, Optional),
                (OnTime, Optional),
                (Detail, Optional),
            ],
        }
    }
}

/// A kind of table: how it is recognised and how its headers map to fields.
#[derive(Clone, Debug)]
pub struct Shape {
    /// What its rows become.
    pub(crate) kind: ShapeKind,
    /// Its name, e.g. 监督抽查结果.
    pub(crate) name: Text,
    /// Fields whose columns mark a table of this shape.
    pub(crate) identify: Vec<Field>,
    /// Header (without spaces) → field.
    pub(crate) headers: BTreeMap<String, Field>,
    /// Header spellings of each field, as written in the policy.
    pub(crate) spellings: BTreeMap<Field, Vec<String>>,
    /// Headers (without spaces) that are read past.
    pub(crate) ignore: BTreeSet<String>,
}

impl Shape {
    /// Fields a table of this shape must have a column for, and the member fields of which it
    /// needs one.
    pub fn required(&self) -> impl Iterator<Item = Field> + '_ {
        let date = match &self.kind {
            ShapeKind::Sampling { date_from, .. } => *date_from == [DateSource::Column],
            _ => false,
        };
        self.kind
            .fields()
            .iter()
            .filter(|(_, n)| *n == Need::Required)
            .map(|(f, _)| *f)
            .chain(date.then_some(Field::Date))
    }

    /// Fields that name the member (code, company), when the shape has any.
    pub fn member_fields(&self) -> Vec<Field> {
        self.kind
            .fields()
            .iter()
            .filter(|(_, n)| *n == Need::Member)
            .map(|(f, _)| *f)
            .collect()
    }

    /// The first spelling of a field: how messages name its column.
    pub fn header_of(&self, field: Field) -> &str {
        self.spellings
            .get(&field)
            .and_then(|s| s.first())
            .map_or(field.id(), String::as_str)
    }

    /// Whether a table with these (normalised) headers is of this shape.
    pub fn identifies(&self, headers: &[String]) -> bool {
        self.identify
            .iter()
            .all(|f| headers.iter().any(|h| self.headers.get(h) == Some(f)))
    }
}

/// How a failed-items cell is written.
#[derive(Clone, Debug, Default)]
pub struct ItemSyntax {
    /// Strings between items.
    pub(crate) separators: Vec<String>,
    /// Opening brackets of an item's class.
    pub(crate) open: Vec<String>,
    /// Closing brackets of an item's class.
    pub(crate) close: Vec<String>,
    /// Class as written (`A类`) → item class of the credit policy (`A`).
    pub(crate) classes: BTreeMap<String, String>,
    /// Items a cell may write without a class.
    pub(crate) dictionary: Dictionary,
}

/// The item dictionary: each spelling of an item (its name and its aliases, without spaces)
/// → the item's name and class.
#[derive(Clone, Debug, Default)]
pub struct Dictionary {
    entries: BTreeMap<String, (String, String)>,
    /// Spellings that hold a separator (`铬、镍含量`), longest first: matched before a cell is
    /// split.
    joined: Vec<String>,
}

impl Dictionary {
    /// The item's name and class for a spelling.
    pub fn get(&self, spelling: &str) -> Option<(&str, &str)> {
        self.entries
            .get(&normalise_header(spelling))
            .map(|(name, class)| (name.as_str(), class.as_str()))
    }

    /// Spellings holding a separator, longest first.
    pub fn joined(&self) -> &[String] {
        &self.joined
    }

    /// Whether the dictionary has no item.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Orders the spellings holding a separator longest first, so the longest matches.
    fn longest_first(&mut self) {
        self.joined
            .sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    }

    /// The classes its items are given.
    fn classes(&self) -> impl Iterator<Item = &String> {
        self.entries.values().map(|(_, class)| class)
    }

    /// A dictionary of `(name, class, aliases)`, for tests of the readers that use one.
    #[cfg(test)]
    pub(crate) fn from_entries(entries: &[(&str, &str, &[&str])], separators: &[&str]) -> Self {
        let mut dictionary = Dictionary::default();
        for (name, class, aliases) in entries {
            for spelling in std::iter::once(name).chain(aliases.iter()) {
                if separators.iter().any(|s| spelling.contains(s)) {
                    dictionary.joined.push(spelling.to_string());
                }
                let item = (name.to_string(), class.to_string());
                dictionary.entries.insert(normalise_header(spelling), item);
            }
        }
        dictionary.longest_first();
        dictionary
    }
}

/// The compiled import policy.
#[derive(Clone, Debug, Default)]
pub struct ImportPolicy {
    /// Cell values that mean empty.
    pub(crate) blank: BTreeSet<String>,
    /// Date formats (strftime) accepted in text cells.
    pub(crate) dates: Vec<String>,
    /// Failed-items syntax.
    pub(crate) items: ItemSyntax,
    /// Strings between the values of a cell that lists several.
    pub(crate) lists: Vec<String>,
    /// Table shapes, in the order they are tried.
    pub(crate) shapes: Vec<Shape>,
    /// Worksheet names (without spaces) passed over when they hold no table.
    pub(crate) skip_sheets: BTreeSet<String>,
}

/// A header as compared: without spaces or line breaks (Excel headers often wrap).
pub fn normalise_header(header: &str) -> String {
    header.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Checks the merged import policy against the credit policy and compiles it; every problem
/// is reported with the span of the value that caused it.
pub(crate) fn compile(
    raw: RawImport,
    sources: &Sources,
    credit: Option<&CreditPolicy>,
    problems: &mut Problems,
) -> Option<ImportPolicy> {
    let before = problems.0.len();
    let mut c = Check { sources, problems };
    c.dates(&raw.dates);
    let classes: Vec<String> = credit.map_or_else(Vec::new, |c| {
        c.item_classes.iter().map(|(id, _)| id.clone()).collect()
    });
    if credit.is_some() {
        for (written, class) in &raw.items.classes {
            if !classes.contains(&class.value) {
                let message = Msg::new("rules-import-unknown-class")
                    .arg("written", written)
                    .arg("class", &class.value);
                c.at(class.span, message, Some(suggest(class, classes.iter())));
            }
        }
    }
    for (list, what) in [
        (&raw.items.separators, "separators"),
        (&raw.items.open, "open"),
        (&raw.items.close, "close"),
    ] {
        if list.is_empty() || list.iter().any(String::is_empty) {
            let message = Msg::new("rules-import-items-list").arg("what", what);
            c.at(list.span, message, None);
        }
    }
    if let Some(lists) = raw
        .lists
        .as_ref()
        .filter(|l| l.iter().any(String::is_empty))
    {
        c.at(lists.span, Msg::new("rules-import-lists-empty"), None);
    }
    let dictionary = c.dictionary(
        raw.items.dictionary,
        &raw.items.separators,
        credit.map(|_| classes.as_slice()),
    );
    let item_classes: BTreeMap<String, String> = raw
        .items
        .classes
        .into_iter()
        .map(|(k, v)| (k, v.value))
        .collect();
    // Every class an item can be read with: written in a cell, or given by the dictionary.
    let readable: BTreeSet<String> = item_classes
        .values()
        .chain(dictionary.classes())
        .cloned()
        .collect();
    let shapes: Vec<Shape> = raw
        .tables
        .into_iter()
        .map(|s| c.shape(s, credit, &readable))
        .collect();
    (problems.0.len() == before).then(|| ImportPolicy {
        blank: raw.blank.into_iter().collect(),
        dates: raw.dates.value.into_iter().map(|d| d.value).collect(),
        items: ItemSyntax {
            separators: raw.items.separators.value,
            open: raw.items.open.value,
            close: raw.items.close.value,
            classes: item_classes,
            dictionary,
        },
        lists: raw.lists.map(|l| l.value).unwrap_or_default(),
        shapes,
        skip_sheets: raw
            .skip_sheets
            .iter()
            .map(|s| normalise_header(s))
            .collect(),
    })
}

fn values(list: &[S<String>]) -> Vec<String> {
    list.iter().map(|s| s.value.clone()).collect()
}

impl Check<'_> {
    /// The item dictionary: every class one of the credit policy's (`classes`, when there is a
    /// credit policy), every spelling non-empty and of one item only.
    fn dictionary(
        &mut self,
        raw: BTreeMap<String, S<RawEntry>>,
        separators: &[String],
        classes: Option<&[String]>,
    ) -> Dictionary {
        let mut dictionary = Dictionary::default();
        for (name, entry) in raw {
            if let Some(classes) = classes.filter(|c| !c.contains(&entry.class.value)) {
                let message = Msg::new("rules-import-dictionary-class")
                    .arg("item", &name)
                    .arg("class", &entry.class.value);
                let help = suggest(&entry.class, classes.iter());
                self.at(entry.class.span, message, Some(help));
            }
            let spellings = std::iter::once((name.as_str(), entry.span))
                .chain(entry.aliases.iter().map(|a| (a.value.as_str(), a.span)));
            for (spelling, span) in spellings {
                let key = normalise_header(spelling);
                if key.is_empty() {
                    let message = Msg::new("rules-import-dictionary-empty").arg("item", &name);
                    self.at(span, message, None);
                    continue;
                }
                let item = (name.clone(), entry.class.value.clone());
                match dictionary.entries.get(&key) {
                    Some((other, _)) if *other != name => {
                        let message = Msg::new("rules-import-dictionary-twice")
                            .arg("spelling", spelling)
                            .arg("first", other)
                            .arg("second", &name);
                        self.at(span, message, None);
                    }
                    Some(_) => {}
                    None => {
                        if separators.iter().any(|s| spelling.contains(s.as_str())) {
                            dictionary.joined.push(spelling.trim().to_string());
                        }
                        dictionary.entries.insert(key, item);
                    }
                }
            }
        }
        dictionary.longest_first();
        dictionary
    }

    /// Every date format must write and read back a date.
    fn dates(&mut self, dates: &S<Vec<S<String>>>) {
        if dates.is_empty() {
            self.at(dates.span, Msg::new("rules-import-no-dates"), None);
        }
        let sample = Date::constant(2024, 3, 15);
        for format in dates.iter() {
            let round_trip = jiff::fmt::strtime::format(format.as_str(), sample)
                .ok()
                .and_then(|written| Date::strptime(format.as_str(), &written).ok());
            if round_trip != Some(sample) {
                let message = Msg::new("rules-import-bad-date-format").arg("format", &format.value);
                let help = Msg::new("rules-import-date-format-help");
                self.at(format.span, message, Some(help));
            }
        }
    }

    fn shape(
        &mut self,
        raw: S<RawShape>,
        credit: Option<&CreditPolicy>,
        classes: &BTreeSet<String>,
    ) -> Shape {
        let shape_at = raw.span;
        let (common, kind) = match raw.value {
            RawShape::Roster {
                zh,
                en,
                identify,
                columns,
                ignore,
            } => (
                RawCommon {
                    zh,
                    en,
                    identify,
                    columns,
                    ignore,
                },
                ShapeKind::Roster,
            ),
            RawShape::Sampling {
                zh,
                en,
                identify,
                columns,
                ignore,
                verdicts,
                levels,
                date_from,
                unlisted,
            } => {
                let common = RawCommon {
                    zh,
                    en,
                    identify,
                    columns,
                    ignore,
                };
                if let Some(credit) = credit {
                    self.sampling(&verdicts, &levels, classes, credit);
                }
                let date_from = match date_from {
                    Some(sources) => self.date_sources(sources, &common.columns),
                    None => vec![DateSource::Column],
                };
                let levels = levels
                    .value
                    .into_iter()
                    .map(|r| (r.class.value, r.level.value))
                    .collect();
                let by_level = |kind: &str| {
                    credit.is_some_and(|c| {
                        c.kind(kind).is_some_and(|k| {
                            matches!(c.kinds[k as usize].points, Points::ByLevel(_))
                        })
                    })
                };
                let verdicts = verdicts
                    .into_iter()
                    .map(|(word, kind)| {
                        let by_level = by_level(&kind);
                        let kind = kind.value;
                        (word, Verdict { kind, by_level })
                    })
                    .collect();
                let kind = ShapeKind::Sampling {
                    verdicts,
                    levels,
                    date_from,
                    unlisted: unlisted.unwrap_or_default(),
                };
                (common, kind)
            }
            RawShape::Events {
                zh,
                en,
                identify,
                columns,
                ignore,
                level_words,
                on_time,
            } => {
                let common = RawCommon {
                    zh,
                    en,
                    identify,
                    columns,
                    ignore,
                };
                if let Some(credit) = credit {
                    self.level_words(&level_words, credit);
                }
                for word in on_time
                    .yes
                    .iter()
                    .filter(|w| on_time.no.iter().any(|n| n.value == w.value))
                {
                    let message = Msg::new("rules-import-on-time-both").arg("word", &word.value);
                    self.at(word.span, message, None);
                }
                let level_words = level_words
                    .into_iter()
                    .map(|(k, words)| {
                        (
                            k,
                            words.value.into_iter().map(|(w, l)| (w, l.value)).collect(),
                        )
                    })
                    .collect();
                let kind = ShapeKind::Events {
                    level_words,
                    on_time_yes: values(&on_time.yes).into_iter().collect(),
                    on_time_no: values(&on_time.no).into_iter().collect(),
                };
                (common, kind)
            }
        };
        let name = Text::new(&common.zh, &common.en);
        let allowed = kind.fields();
        let field_of = |id: &str| allowed.iter().find(|(f, _)| f.id() == id).map(|(f, _)| *f);
        let known_ids: Vec<String> = allowed.iter().map(|(f, _)| f.id().to_string()).collect();
        let mut headers = BTreeMap::new();
        let mut spellings = BTreeMap::new();
        for (id, list) in &common.columns {
            let Some(field) = field_of(id) else {
                let message = Msg::new("rules-import-no-field")
                    .arg("table", &name)
                    .arg("field", id);
                let help = suggest(id, known_ids.iter());
                self.at(list.span, message, Some(help));
                continue;
            };
            if list.is_empty() {
                let message = Msg::new("rules-import-no-spellings").arg("field", id);
                self.at(list.span, message, None);
            }
            for spelling in list.iter() {
                let header = normalise_header(spelling);
                if header.is_empty() {
                    let message = Msg::new("rules-import-empty-spelling").arg("field", id);
                    self.at(spelling.span, message, None);
                } else if let Some(other) = headers.insert(header, field)
                    && other != field
                {
                    let message = Msg::new("rules-import-header-twice")
                        .arg("header", &spelling.value)
                        .arg("first", other.id())
                        .arg("second", id);
                    self.at(spelling.span, message, None);
                }
            }
            spellings.insert(field, values(list));
        }
        let date_read = matches!(&kind, ShapeKind::Sampling { date_from, .. }
            if date_from.contains(&DateSource::Column));
        for (field, need) in allowed {
            let required = *need == Need::Required || (*field == Field::Date && date_read);
            if required && !spellings.contains_key(field) {
                let message = Msg::new("rules-import-needs-spellings")
                    .arg("table", &name)
                    .arg(
                        "fields",
                        Msg::new("rules-import-field").arg("field", field.id()),
                    );
                self.at(shape_at, message, None);
            }
        }
        let member: Vec<&str> = allowed
            .iter()
            .filter(|(_, n)| *n == Need::Member)
            .map(|(f, _)| f.id())
            .collect();
        if !member.is_empty()
            && !allowed
                .iter()
                .any(|(f, n)| *n == Need::Member && spellings.contains_key(f))
        {
            let fields = member.iter().skip(1).fold(
                Msg::new("rules-import-field").arg("field", member[0]),
                |either, field| {
                    Msg::new("rules-import-field-or")
                        .arg("either", either)
                        .arg("field", *field)
                },
            );
            let message = Msg::new("rules-import-needs-spellings")
                .arg("table", &name)
                .arg("fields", fields);
            self.at(shape_at, message, None);
        }
        let ignore: BTreeSet<String> = common.ignore.iter().map(|h| normalise_header(h)).collect();
        for spelling in &common.ignore {
            if let Some(field) = headers.get(&normalise_header(spelling)) {
                let message = Msg::new("rules-import-ignored-and-read")
                    .arg("header", &spelling.value)
                    .arg("field", field.id());
                self.at(spelling.span, message, None);
            }
        }
        let mut identify = Vec::new();
        for id in &common.identify {
            match field_of(id) {
                Some(f) if spellings.contains_key(&f) => identify.push(f),
                Some(_) => {
                    let message = Msg::new("rules-import-identify-unspelt")
                        .arg("field", &id.value)
                        .arg("table", &name);
                    self.at(id.span, message, None);
                }
                None => {
                    let message = Msg::new("rules-import-no-field")
                        .arg("table", &name)
                        .arg("field", &id.value);
                    let help = suggest(id, known_ids.iter());
                    self.at(id.span, message, Some(help));
                }
            }
        }
        if common.identify.is_empty() {
            let message = Msg::new("rules-import-no-identify").arg("table", &name);
            self.at(shape_at, message, None);
        }
        Shape {
            kind,
            name,
            identify,
            headers,
            spellings,
            ignore,
        }
    }

    /// A sampling table's date sources: at least one, none twice; the date column is read
    /// only when `Column` is one of them.
    fn date_sources(
        &mut self,
        sources: S<Vec<S<DateSource>>>,
        columns: &BTreeMap<String, S<Vec<S<String>>>>,
    ) -> Vec<DateSource> {
        if sources.is_empty() {
            self.at(sources.span, Msg::new("rules-import-date-from-empty"), None);
        }
        let mut seen = Vec::new();
        for source in sources.iter() {
            if seen.contains(&source.value) {
                let message = Msg::new("rules-import-date-from-twice").arg("source", source.id());
                self.at(source.span, message, None);
            } else {
                seen.push(source.value);
            }
        }
        if !seen.contains(&DateSource::Column)
            && let Some(spellings) = columns.get(Field::Date.id())
        {
            self.at(
                spellings.span,
                Msg::new("rules-import-date-column-unread"),
                None,
            );
        }
        seen
    }

    fn level_words(
        &mut self,
        level_words: &BTreeMap<String, S<BTreeMap<String, S<String>>>>,
        credit: &CreditPolicy,
    ) {
        for (kind, words) in level_words {
            let Some(k) = credit.kind(kind) else {
                let message = Msg::new("rules-credit-unknown-kind").arg("kind", kind);
                let help = suggest(kind, credit.kind_index.keys());
                self.at(words.span, message, Some(help));
                continue;
            };
            let spec = &credit.kinds[k as usize];
            for (word, level) in words
                .iter()
                .filter(|(_, l)| !spec.levels.contains(&l.value))
            {
                let message = if spec.levels.is_empty() {
                    Msg::new("rules-import-kind-has-no-levels")
                } else {
                    Msg::new("rules-import-unknown-level")
                };
                let message = message
                    .arg("word", word)
                    .arg("level", &level.value)
                    .arg("kind", kind)
                    .arg("name", &spec.name);
                let help = suggest(level, spec.levels.iter());
                self.at(level.span, message, Some(help));
            }
        }
    }

    fn sampling(
        &mut self,
        verdicts: &BTreeMap<String, S<String>>,
        levels: &S<Vec<RawLevelRule>>,
        classes: &BTreeSet<String>,
        credit: &CreditPolicy,
    ) {
        let known_classes: Vec<String> =
            credit.item_classes.iter().map(|(c, _)| c.clone()).collect();
        for rule in levels.iter() {
            if !known_classes.contains(&rule.class.value) {
                let message = Msg::new("rules-import-level-class").arg("class", &rule.class.value);
                let help = suggest(&rule.class, known_classes.iter());
                self.at(rule.class.span, message, Some(help));
            }
        }
        let mut by_level = false;
        for (word, kind) in verdicts {
            let Some(k) = credit.kind(kind) else {
                let message = Msg::new("rules-import-verdict-kind")
                    .arg("verdict", word)
                    .arg("kind", &kind.value);
                let help = suggest(kind, credit.kind_index.keys());
                self.at(kind.span, message, Some(help));
                continue;
            };
            let spec = &credit.kinds[k as usize];
            if matches!(spec.points, Points::ByLevel(_)) {
                by_level = true;
                for rule in levels
                    .iter()
                    .filter(|r| !spec.levels.contains(&r.level.value))
                {
                    let message = Msg::new("rules-import-verdict-level")
                        .arg("level", &rule.level.value)
                        .arg("kind", &kind.value)
                        .arg("name", &spec.name)
                        .arg("verdict", word);
                    let help = suggest(&rule.level, spec.levels.iter());
                    self.at(rule.level.span, message, Some(help));
                }
            }
        }
        if by_level {
            for class in classes
                .iter()
                .filter(|c| !levels.iter().any(|r| &r.class.value == *c))
            {
                let message = Msg::new("rules-import-class-without-level").arg("class", class);
                self.at(levels.span, message, None);
            }
        }
    }
}
