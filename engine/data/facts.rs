//! The facts of an association file checked against the catalogue, as they load: each fact
//! declared, a value of its kind, a finite number within the range the catalogue declares, no
//! greater than the fact it is declared `at_most` (complaints closed on time no more than
//! those received), and each key written once. The relations between a typed fact and one
//! counted from the roster are checked once the evaluation has counted it.
//!
//! Every problem points at the value (or the repeated key) as written, located by
//! [`super::locate`], and names the fact in Chinese with its id.

use std::cell::OnceCell;
use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};

use super::locate::{Entry, fact_entries};
use crate::diagnostic::{Problem, Problems, SourceFile};
use crate::message::Msg;
use crate::policy::catalogue::{Catalogue, FactDecl, FactKind};
use crate::value::{FactValue, num};

/// The facts as written: the values by key, and each key written again after its first time.
#[derive(Clone, Debug, Default)]
pub(super) struct Written {
    /// The values by key (the last one written, for a key written twice).
    pub(super) values: BTreeMap<String, FactValue>,
    /// Keys written again, once per repetition, in file order.
    pub(super) repeated: Vec<String>,
}

impl Written {
    /// Adds a fact as written, keeping a key written before in view as a repetition.
    pub(super) fn insert(&mut self, key: String, value: FactValue) {
        if self.values.insert(key.clone(), value).is_some() {
            self.repeated.push(key);
        }
    }
}

/// Reads a map keeping every repetition of a key in view (a `BTreeMap` would keep the last
/// value silently).
impl<'de> Deserialize<'de> for Written {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Facts;
        impl<'de> Visitor<'de> for Facts {
            type Value = Written;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Written, A::Error> {
                let mut written = Written::default();
                while let Some((key, value)) = map.next_entry::<String, FactValue>()? {
                    written.insert(key, value);
                }
                Ok(written)
            }
        }
        d.deserialize_map(Facts)
    }
}

/// Where the facts are written, found the first time a problem needs it.
struct Places<'a> {
    file: &'a SourceFile,
    entries: OnceCell<Vec<Entry>>,
}

impl<'a> Places<'a> {
    fn new(file: &'a SourceFile) -> Self {
        Self {
            file,
            entries: OnceCell::new(),
        }
    }

    fn entries(&self) -> &[Entry] {
        self.entries.get_or_init(|| fact_entries(&self.file.text))
    }

    /// The `nth` entry written with `key`.
    fn entry(&self, key: &str, nth: usize) -> Option<&Entry> {
        self.entries().iter().filter(|e| e.key == key).nth(nth)
    }

    /// The entry whose value counts: the last one written.
    fn value_entry(&self, key: &str) -> Option<&Entry> {
        self.entries().iter().rev().find(|e| e.key == key)
    }

    /// The value of `key` as written, if it can be found.
    fn written(&self, key: &str) -> Option<&str> {
        let (start, end) = self.value_entry(key)?.value_at;
        self.file.text.get(start..end)
    }

    /// 1-based line and column of the value of `key`.
    fn value_line_col(&self, key: &str) -> Option<(usize, usize)> {
        let e = self.value_entry(key)?;
        Some(self.file.line_col(e.value_at.0))
    }

    /// A problem at the value of `key`, with its offset (for file order).
    fn at_value(&self, key: &str, message: Msg) -> (usize, Problem) {
        match self.value_entry(key) {
            Some(e) => (
                e.value_at.0,
                self.file
                    .problem_at(e.value_at.0, e.value_at.1 - e.value_at.0, message),
            ),
            None => self.at_key(key, 0, message),
        }
    }

    /// A problem at the `nth` time `key` is written.
    fn at_key(&self, key: &str, nth: usize, message: Msg) -> (usize, Problem) {
        match self.entry(key, nth) {
            Some(e) => (
                e.key_at.0,
                self.file
                    .problem_at(e.key_at.0, e.key_at.1 - e.key_at.0, message),
            ),
            None => (
                self.file.find_quoted(key, nth).unwrap_or(usize::MAX),
                self.file.problem_at_value(key, nth, message),
            ),
        }
    }
}

/// Checks the facts as written against the catalogue; problems in file order.
pub(super) fn check(
    file: &SourceFile,
    written: &Written,
    catalogue: &Catalogue,
    problems: &mut Problems,
) {
    let places = Places::new(file);
    let mut found: Vec<(usize, Problem)> = Vec::new();
    for (key, value) in &written.values {
        let Some(decl) = catalogue.facts.get(key) else {
            let (at, p) = places.at_key(key, 0, Msg::new("data-fact-unknown").arg("key", key));
            found.push((at, p.with_help(super::suggest(key, catalogue.facts.keys()))));
            continue;
        };
        let shown = || {
            places
                .written(key)
                .map_or_else(|| value.to_string(), str::to_string)
        };
        if let Some(message) = value_problem(key, decl, *value, shown) {
            let finite = message.code != "data-fact-not-finite";
            let (at, p) = places.at_value(key, message);
            let help = (!finite).then(|| Msg::new("data-fact-not-finite-help"));
            found.push((at, help.into_iter().fold(p, Problem::with_help)));
            continue;
        }
        let Some(other) = &decl.at_most else { continue };
        let (FactValue::Number(v), Some(FactValue::Number(bound)), Some(other_decl)) =
            (value, written.values.get(other), catalogue.facts.get(other))
        else {
            continue;
        };
        if v > bound
            && value_problem(other, other_decl, FactValue::Number(*bound), String::new).is_none()
        {
            let message = Msg::new("data-fact-exceeds")
                .arg("key", key)
                .arg("name", &decl.name)
                .arg("value", shown())
                .arg("other", other)
                .arg("other_name", &other_decl.name)
                .arg("bound", num(*bound));
            let (at, mut p) = places.at_value(key, message);
            if let Some((line, col)) = places.value_line_col(other) {
                p = p.with_help(
                    Msg::new("data-fact-other-at")
                        .arg("other", other)
                        .arg("line", line)
                        .arg("col", col),
                );
            }
            found.push((at, p));
        }
    }
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for key in &written.repeated {
        let nth = seen.entry(key).or_insert(0);
        *nth += 1;
        let message = match catalogue.facts.get(key) {
            Some(decl) => Msg::new("data-fact-twice")
                .arg("key", key)
                .arg("name", &decl.name),
            None => Msg::new("data-key-twice").arg("key", key),
        };
        let (at, mut p) = places.at_key(key, *nth, message);
        if let Some(first) = places.entry(key, 0) {
            let (line, col) = file.line_col(first.key_at.0);
            p = p.with_help(Msg::new("data-key-first").arg("line", line).arg("col", col));
        }
        found.push((at, p));
    }
    found.sort_by_key(|(at, _)| *at);
    problems.0.extend(found.into_iter().map(|(_, p)| p));
}

/// What is wrong with a fact's value on its own: not finite, not of its kind, outside its
/// declared range. `shown` gives the value as written.
fn value_problem(
    key: &str,
    decl: &FactDecl,
    value: FactValue,
    shown: impl Fn() -> String,
) -> Option<Msg> {
    let message = |m: Msg| {
        m.arg("key", key)
            .arg("name", &decl.name)
            .arg("value", shown())
    };
    let n = match value {
        FactValue::Number(n) if !n.is_finite() => {
            return Some(message(Msg::new("data-fact-not-finite")));
        }
        FactValue::Number(n) => Some(n),
        FactValue::YesNo(_) => None,
    };
    let fits = match (decl.kind, n) {
        (FactKind::YesNo, None) => true,
        (FactKind::Count, Some(n)) => n >= 0.0 && n.fract() == 0.0,
        (FactKind::Rate, Some(n)) => (0.0..=1.0).contains(&n),
        (FactKind::Amount, Some(n)) => n >= 0.0,
        _ => false,
    };
    if !fits {
        return Some(
            message(Msg::new("data-fact-out-of-range")).arg("kind", decl.kind.described()),
        );
    }
    let n = n?;
    if let Some(max) = decl.max.filter(|max| n > *max) {
        return Some(message(Msg::new("data-fact-above-max")).arg("max", num(max)));
    }
    if let Some(min) = decl.min.filter(|min| n < *min) {
        return Some(message(Msg::new("data-fact-below-min")).arg("min", num(min)));
    }
    None
}

/// Whether some declared relation joins a fact typed in the file with one that `counted`
/// says the roster gives: those can only be checked once the evaluation has counted it.
pub(super) fn relates_typed_to_counted(
    catalogue: &Catalogue,
    typed: &BTreeMap<String, FactValue>,
    counted: impl Fn(&str) -> bool,
) -> bool {
    catalogue.relations().any(|(fact, other)| {
        (typed.contains_key(fact) && counted(other)) || (counted(fact) && typed.contains_key(other))
    })
}

/// Checks each declared relation between a fact typed in the file and one counted from the
/// roster, with `facts` holding both; problems point at the typed value.
pub(super) fn check_counted(
    file: &SourceFile,
    typed: &BTreeMap<String, FactValue>,
    facts: &BTreeMap<String, FactValue>,
    catalogue: &Catalogue,
) -> Problems {
    let places = Places::new(file);
    let mut found: Vec<(usize, Problem)> = Vec::new();
    let number = |key: &str| match facts.get(key) {
        Some(FactValue::Number(n)) => Some(*n),
        _ => None,
    };
    for (fact, other) in catalogue.relations() {
        let (Some(v), Some(bound)) = (number(fact), number(other)) else {
            continue;
        };
        let (fact_typed, other_typed) = (typed.contains_key(fact), typed.contains_key(other));
        if v <= bound || fact_typed == other_typed {
            continue;
        }
        let name = |key: &str| catalogue.name_of(key);
        let (message, at) = if fact_typed {
            (Msg::new("data-fact-exceeds-counted"), fact)
        } else {
            (Msg::new("data-fact-counted-exceeds"), other)
        };
        let shown = |key: &str, n: f64| places.written(key).map_or_else(|| num(n), str::to_string);
        let message = message
            .arg("key", fact)
            .arg("name", name(fact))
            .arg("value", if fact_typed { shown(fact, v) } else { num(v) })
            .arg("other", other)
            .arg("other_name", name(other))
            .arg(
                "bound",
                if other_typed {
                    shown(other, bound)
                } else {
                    num(bound)
                },
            );
        found.push(places.at_value(at, message));
    }
    found.sort_by_key(|(at, _)| *at);
    Problems(found.into_iter().map(|(_, p)| p).collect())
}
