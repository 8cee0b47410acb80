//! Table import policy (`import.ron`): how the tables associations keep — member rosters,
//! supervision sampling result lists, credit event tables, as CSV or Excel with Chinese
//! headers — map onto members and credit events.
//!
//! Which fields exist and which a table must have is the data model's business and is fixed
//! here; everything an editor may want to change is in the file: the header spellings of each
//! field, the headers to ignore, how a table is recognised, what 检验结论 words mean, how a
//! failed-items cell is split, how a failure's level follows from its items' classes, and the
//! words used for levels and time limits. The file is optional: without it, tables cannot be
//! imported and saying so is the import's job.

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
    tables: Vec<S<RawShape>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItems {
    separators: S<Vec<String>>,
    open: S<Vec<String>>,
    close: S<Vec<String>>,
    classes: BTreeMap<String, S<String>>,
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

/// What a shape's rows become, with the rules only that shape has.
#[derive(Clone, Debug)]
pub enum ShapeKind {
    /// Each row is a member (会员名录).
    Roster,
    /// Each row is a supervision sampling result (监督抽查结果).
    Sampling {
        /// 检验结论 word → event kind id.
        verdicts: BTreeMap<String, String>,
        /// `(item class, level)`: a failure's level is that of the first rule whose class
        /// one of its items has.
        levels: Vec<(String, String)>,
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
                (Date, Required),
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
        self.kind
            .fields()
            .iter()
            .filter(|(_, n)| *n == Need::Required)
            .map(|(f, _)| *f)
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
    let item_classes: BTreeMap<String, String> = raw
        .items
        .classes
        .into_iter()
        .map(|(k, v)| (k, v.value))
        .collect();
    let shapes: Vec<Shape> = raw
        .tables
        .into_iter()
        .map(|s| c.shape(s, credit, &item_classes))
        .collect();
    (problems.0.len() == before).then(|| ImportPolicy {
        blank: raw.blank.into_iter().collect(),
        dates: raw.dates.value.into_iter().map(|d| d.value).collect(),
        items: ItemSyntax {
            separators: raw.items.separators.value,
            open: raw.items.open.value,
            close: raw.items.close.value,
            classes: item_classes,
        },
        lists: raw.lists.map(|l| l.value).unwrap_or_default(),
        shapes,
    })
}

fn values(list: &[S<String>]) -> Vec<String> {
    list.iter().map(|s| s.value.clone()).collect()
}

impl Check<'_> {
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
        classes: &BTreeMap<String, String>,
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
                let levels = levels
                    .value
                    .into_iter()
                    .map(|r| (r.class.value, r.level.value))
                    .collect();
                let verdicts = verdicts.into_iter().map(|(k, v)| (k, v.value)).collect();
                (common, ShapeKind::Sampling { verdicts, levels })
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
        for (field, need) in allowed {
            if *need == Need::Required && !spellings.contains_key(field) {
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
        classes: &BTreeMap<String, String>,
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
            let written: BTreeSet<&String> = classes.values().collect();
            for class in written
                .into_iter()
                .filter(|c| !levels.iter().any(|r| &r.class.value == *c))
            {
                let message = Msg::new("rules-import-class-without-level").arg("class", class);
                self.at(levels.span, message, None);
            }
        }
    }
}
