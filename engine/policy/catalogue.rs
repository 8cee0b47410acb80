//! The catalogue (`catalogue.ron`): every evidence kind and fact that criteria, scorers and
//! data may name, with its Chinese and English name and, for facts, the kind of value, the
//! range it must lie in and the fact it may not exceed.
//!
//! Declaring them once lets `cogov check` catch a misspelt kind in a criterion and lets data
//! loading refuse a fact nobody declared, or one no association can have (60 of 6 complaints
//! closed on time), instead of silently scoring it.

use std::collections::BTreeMap;

use serde::Deserialize;

use std::collections::BTreeSet;

use super::credit::CreditPolicy;
use super::de::Spanned;
use super::rubric::{Rubric, Rule};
use super::tree::Span;
use super::triggers::{Condition, Trigger};
use super::{Check, Sources};
use crate::diagnostic::Problems;
use crate::message::Msg;
use crate::text::Text;

/// The kind of value a fact holds; data must match it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum FactKind {
    /// true or false (是/否).
    YesNo,
    /// A whole number of things, 0 or more.
    Count,
    /// A share between 0 and 1 (e.g. 0.92 for 92 %).
    Rate,
    /// Any non-negative amount (money, people, hours).
    Amount,
}

impl FactKind {
    /// What a fact of this kind must be, in words.
    pub(crate) fn described(self) -> Msg {
        match self {
            FactKind::YesNo => Msg::new("data-kind-yes-no"),
            FactKind::Count => Msg::new("data-kind-count"),
            FactKind::Rate => Msg::new("data-kind-rate"),
            FactKind::Amount => Msg::new("data-kind-amount"),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEvidence {
    zh: String,
    en: String,
    #[serde(default)]
    valid_for: Option<Spanned<String>>,
}

/// How long a standing document (a plan, a rule) stays in force after it is adopted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Validity {
    /// Whole years (`3y`).
    years: i16,
    /// Whole months (`18m`).
    months: i16,
}

impl Validity {
    /// Reads `3y` (years) or `18m` (months): a whole number above 0 and its unit.
    pub(crate) fn parse(text: &str) -> Option<Validity> {
        let text = text.trim();
        let (at, _) = text.char_indices().next_back()?;
        let (number, unit) = text.split_at(at);
        let n: i16 = number
            .trim()
            .parse()
            .ok()
            .filter(|n| (1..=100 * 12).contains(n))?;
        match unit {
            "y" if n <= 100 => Some(Validity {
                years: n,
                months: 0,
            }),
            "m" => Some(Validity {
                years: 0,
                months: n,
            }),
            _ => None,
        }
    }

    /// The last day a document adopted on `date` is in force: `2023-03-01` for three years
    /// gives `2026-02-28`.
    pub fn until(&self, date: jiff::civil::Date) -> Option<jiff::civil::Date> {
        let span = jiff::Span::new().years(self.years).months(self.months);
        date.checked_add(span).ok()?.yesterday().ok()
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFact {
    kind: FactKind,
    zh: String,
    en: String,
    #[serde(default)]
    from_members: bool,
    #[serde(default)]
    min: Option<Spanned<f64>>,
    #[serde(default)]
    max: Option<Spanned<f64>>,
    #[serde(default)]
    at_most: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Catalogue", deny_unknown_fields)]
pub(crate) struct RawCatalogue {
    evidence: BTreeMap<String, Spanned<RawEvidence>>,
    facts: BTreeMap<String, Spanned<RawFact>>,
}

/// A declared fact.
#[derive(Clone, Debug)]
pub struct FactDecl {
    /// Its kind of value.
    pub(crate) kind: FactKind,
    /// Its name.
    pub(crate) name: Text,
    /// Computed from the member roster and credit events when the data has them.
    pub(crate) from_members: bool,
    /// The least value data may give (besides its kind's: 0 for numbers).
    pub(crate) min: Option<f64>,
    /// The greatest value data may give (besides its kind's: 1 for a rate).
    pub(crate) max: Option<f64>,
    /// The fact whose value this one may not exceed (the part of a whole: complaints closed
    /// on time of those received).
    pub(crate) at_most: Option<String>,
}

/// Every evidence kind and fact the policies may name.
#[derive(Clone, Debug, Default)]
pub struct Catalogue {
    /// Evidence kinds by id.
    pub(crate) evidence: BTreeMap<String, Text>,
    /// Facts by key.
    pub(crate) facts: BTreeMap<String, FactDecl>,
    /// How long a record of each standing evidence kind stays in force.
    pub(crate) valid_for: BTreeMap<String, Validity>,
    evidence_at: BTreeMap<String, Span>,
    facts_at: BTreeMap<String, Span>,
}

/// Builds the catalogue, checking each fact's range and relation and each standing kind's
/// validity.
pub(crate) fn compile(raw: RawCatalogue, sources: &Sources, problems: &mut Problems) -> Catalogue {
    let mut catalogue = Catalogue::default();
    let mut c = Check { sources, problems };
    for (k, v) in raw.evidence {
        let name = Text::new(&v.value.zh, &v.value.en);
        if let Some(written) = &v.value.valid_for {
            match Validity::parse(written) {
                Some(validity) => {
                    catalogue.valid_for.insert(k.clone(), validity);
                }
                None => {
                    let message = Msg::new("rules-catalogue-valid-for")
                        .arg("kind", &k)
                        .arg("name", &name)
                        .arg("found", written.as_str());
                    c.at(
                        written.span,
                        message,
                        Some(Msg::new("rules-catalogue-valid-for-help")),
                    );
                }
            }
        }
        catalogue.evidence.insert(k.clone(), name);
        catalogue.evidence_at.insert(k, v.span);
    }
    for (k, v) in &raw.facts {
        check_range(&mut c, k, &v.value);
        if let Some(other) = &v.value.at_most {
            check_relation(&mut c, k, &v.value, other, &raw.facts);
        }
    }
    for (k, v) in raw.facts {
        catalogue.facts_at.insert(k.clone(), v.span);
        let v = v.value;
        let decl = FactDecl {
            kind: v.kind,
            name: Text::new(v.zh, v.en),
            from_members: v.from_members,
            min: v.min.map(|m| m.value),
            max: v.max.map(|m| m.value),
            at_most: v.at_most.map(|o| o.value),
        };
        catalogue.facts.insert(k, decl);
    }
    catalogue
}

/// A fact's declared range: finite numbers, for a kind of number, within the kind's own range,
/// the least no greater than the greatest.
fn check_range(c: &mut Check, key: &str, fact: &RawFact) {
    let name = || Text::new(&fact.zh, &fact.en);
    let (low, high) = match fact.kind {
        FactKind::YesNo => (0.0, 0.0),
        FactKind::Rate => (0.0, 1.0),
        FactKind::Count | FactKind::Amount => (0.0, f64::INFINITY),
    };
    for (field, bound) in [("min", &fact.min), ("max", &fact.max)] {
        let Some(bound) = bound else { continue };
        if fact.kind == FactKind::YesNo {
            let message = Msg::new("rules-catalogue-range-yes-no")
                .arg("fact", key)
                .arg("name", name())
                .arg("field", field);
            c.at(bound.span, message, None);
        } else if !bound.is_finite() {
            c.finite(bound, field);
        } else if !(low..=high).contains(&bound.value) {
            let message = Msg::new("rules-catalogue-range-outside-kind")
                .arg("fact", key)
                .arg("name", name())
                .arg("field", field)
                .arg("value", crate::value::num(bound.value))
                .arg("kind", fact.kind.described());
            c.at(bound.span, message, None);
        }
    }
    if let (Some(min), Some(max)) = (&fact.min, &fact.max)
        && min.value > max.value
    {
        let message = Msg::new("rules-catalogue-range-reversed")
            .arg("fact", key)
            .arg("name", name())
            .arg("min", crate::value::num(min.value))
            .arg("max", crate::value::num(max.value));
        c.at(min.span, message, None);
    }
}

/// A fact's `at_most`: another declared fact, and both numbers.
fn check_relation(
    c: &mut Check,
    key: &str,
    fact: &RawFact,
    other: &Spanned<String>,
    facts: &BTreeMap<String, Spanned<RawFact>>,
) {
    let name = Text::new(&fact.zh, &fact.en);
    let Some(bound) = facts.get(other.as_str()) else {
        let message = Msg::new("rules-catalogue-relation-unknown")
            .arg("fact", key)
            .arg("name", name)
            .arg("other", other.as_str());
        c.at(other.span, message, Some(suggest(other, facts.keys())));
        return;
    };
    if other.as_str() == key {
        let message = Msg::new("rules-catalogue-relation-self")
            .arg("fact", key)
            .arg("name", name);
        c.at(other.span, message, None);
    } else if fact.kind == FactKind::YesNo || bound.kind == FactKind::YesNo {
        let message = Msg::new("rules-catalogue-relation-yes-no")
            .arg("fact", key)
            .arg("name", name)
            .arg("other", other.as_str())
            .arg("other_name", Text::new(&bound.zh, &bound.en));
        c.at(other.span, message, None);
    }
}

/// Lints catalogue entries nothing names: no criterion, scorer, trigger or credit rule.
pub(crate) fn lint_unused(
    catalogue: &Catalogue,
    sources: &Sources,
    rubric: Option<&Rubric>,
    triggers: Option<&[Trigger]>,
    credit: Option<&CreditPolicy>,
    warnings: &mut Problems,
) {
    let (Some(rubric), Some(triggers)) = (rubric, triggers) else {
        return;
    };
    let mut used: BTreeSet<&str> = BTreeSet::new();
    for i in rubric.indicators() {
        for c in rubric.criteria(i) {
            match &c.rule {
                Rule::Evidence { kind, .. } => {
                    used.insert(kind);
                }
                Rule::Fact { key } => {
                    used.insert(key);
                }
                Rule::AtLeast { fact, .. } | Rule::Steps { fact, .. } => {
                    used.insert(fact);
                }
                Rule::Script {
                    facts, evidence, ..
                } => {
                    used.extend(facts.iter().map(String::as_str));
                    used.extend(evidence.iter().map(String::as_str));
                }
            }
        }
    }
    for t in triggers {
        if let Condition::Script { facts, .. } = &t.when {
            used.extend(facts.iter().map(String::as_str));
        }
    }
    if let Some(credit) = credit {
        used.extend(credit.facts.keys().map(String::as_str));
    }
    for (what, at) in [
        ("evidence", &catalogue.evidence_at),
        ("fact", &catalogue.facts_at),
    ] {
        for (k, span) in at.iter().filter(|(k, _)| !used.contains(k.as_str())) {
            let message = Msg::new("policy-unused-entry")
                .arg("what", what)
                .arg("id", k);
            let p = sources.problem(*span, message);
            warnings.push(p.with_help(Msg::new("policy-unused-entry-help")));
        }
    }
}

impl Catalogue {
    /// Every declared relation: `(fact, other)` when `fact` may not exceed `other`.
    pub(crate) fn relations(&self) -> impl Iterator<Item = (&str, &str)> {
        self.facts
            .iter()
            .filter_map(|(k, f)| Some((k.as_str(), f.at_most.as_deref()?)))
    }

    /// The name of an evidence kind or fact, or the id itself when undeclared.
    pub fn name_of(&self, id: &str) -> Text {
        self.evidence
            .get(id)
            .cloned()
            .or_else(|| self.facts.get(id).map(|f| f.name.clone()))
            .unwrap_or_else(|| Text::new(id, id))
    }
}

/// Up to three of `known` close to `unknown`, closest first (short ids like `C17` are near
/// everything: only a one-letter slip counts for them).
pub(crate) fn closest<'a>(
    unknown: &str,
    known: impl Iterator<Item = &'a String>,
) -> Vec<&'a String> {
    let short = unknown.chars().count() <= 4;
    let mut close: Vec<(usize, &String)> = known
        .map(|k| (edit_distance(k, unknown), k))
        .filter(|(d, k)| {
            *d <= if short { 1 } else { 2 }
                || (!short && (k.contains(unknown) || unknown.contains(k.as_str())))
        })
        .collect();
    close.sort_by_key(|(d, _)| *d);
    close.into_iter().take(3).map(|(_, k)| k).collect()
}

/// "did you mean" help for an unknown name, listing a few known ones.
pub fn suggest<'a>(unknown: &str, known: impl Iterator<Item = &'a String>) -> Msg {
    let known: Vec<&String> = known.collect();
    let close = closest(unknown, known.iter().copied());
    if !close.is_empty() {
        // The words join alternatives with "or", so each is its own argument; `names` has them
        // all as a list.
        let list: Vec<String> = close.iter().map(|k| format!("`{k}`")).collect();
        let mut m = Msg::new("policy-did-you-mean").arg("n", list.len());
        for (name, k) in ["first", "second", "third"].into_iter().zip(&list) {
            m = m.arg(name, k);
        }
        return m.arg("names", list);
    }
    let list: Vec<String> = known.iter().take(12).map(|k| format!("`{k}`")).collect();
    Msg::new("policy-known-names")
        .arg("names", list)
        .arg("more", if known.len() > 12 { "yes" } else { "no" })
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(row[j + 1])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_validity_is_years_or_months_and_ends_the_day_before_its_anniversary() {
        let three = Validity::parse("3y").expect("3y");
        assert_eq!(three.until(date(2023, 3, 1)), Some(date(2026, 2, 28)));
        let months = Validity::parse("18m").expect("18m");
        assert_eq!(months.until(date(2024, 1, 1)), Some(date(2025, 6, 30)));
        for bad in ["", "y", "3", "3d", "-1y", "0m", "1.5y", "三年", "101y"] {
            assert_eq!(Validity::parse(bad), None, "{bad}");
        }
    }
}
