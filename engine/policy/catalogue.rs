//! The catalogue (`catalogue.ron`): every evidence kind and fact that criteria, scorers and
//! data may name, with its Chinese and English name and, for facts, the kind of value.
//!
//! Declaring them once lets `cogov check` catch a misspelt kind in a criterion and lets data
//! loading refuse a fact nobody declared, instead of silently ignoring it.

use std::collections::BTreeMap;

use serde::Deserialize;

use std::collections::BTreeSet;

use super::Sources;
use super::credit::CreditPolicy;
use super::de::Spanned;
use super::rubric::{Rubric, Rule};
use super::tree::Span;
use super::triggers::{Condition, Trigger};
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEvidence {
    zh: String,
    en: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFact {
    kind: FactKind,
    zh: String,
    en: String,
    #[serde(default)]
    from_members: bool,
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
}

/// Every evidence kind and fact the policies may name.
#[derive(Clone, Debug, Default)]
pub struct Catalogue {
    /// Evidence kinds by id.
    pub(crate) evidence: BTreeMap<String, Text>,
    /// Facts by key.
    pub(crate) facts: BTreeMap<String, FactDecl>,
    evidence_at: BTreeMap<String, Span>,
    facts_at: BTreeMap<String, Span>,
}

/// Builds the catalogue.
pub(crate) fn compile(raw: RawCatalogue) -> Catalogue {
    let mut catalogue = Catalogue::default();
    for (k, v) in raw.evidence {
        catalogue
            .evidence
            .insert(k.clone(), Text::new(&v.value.zh, &v.value.en));
        catalogue.evidence_at.insert(k, v.span);
    }
    for (k, v) in raw.facts {
        catalogue.facts_at.insert(k.clone(), v.span);
        let decl = FactDecl {
            kind: v.value.kind,
            name: Text::new(v.value.zh, v.value.en),
            from_members: v.value.from_members,
        };
        catalogue.facts.insert(k, decl);
    }
    catalogue
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
