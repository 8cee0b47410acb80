//! The catalogue (`catalogue.ron`): every evidence kind and fact that criteria, scorers and
//! data may name, with its Chinese and English name and, for facts, the kind of value.
//!
//! Declaring them once lets `cogov check` catch a misspelt kind in a criterion and lets data
//! loading refuse a fact nobody declared, instead of silently ignoring it.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diagnostic::{Problem, SourceFile};
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
    /// How the kind is described to an editor.
    pub fn describe(self) -> &'static str {
        match self {
            FactKind::YesNo => "true or false",
            FactKind::Count => "a whole number, 0 or more",
            FactKind::Rate => "a share between 0 and 1",
            FactKind::Amount => "a number, 0 or more",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvidence {
    zh: String,
    en: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFact {
    kind: FactKind,
    zh: String,
    en: String,
    #[serde(default)]
    from_members: bool,
}

#[derive(Debug, Deserialize)]
#[serde(rename = "Catalogue", deny_unknown_fields)]
struct RawCatalogue {
    evidence: BTreeMap<String, RawEvidence>,
    facts: BTreeMap<String, RawFact>,
}

/// A declared fact.
#[derive(Clone, Debug)]
pub struct FactDecl {
    /// Its kind of value.
    pub kind: FactKind,
    /// Its name.
    pub name: Text,
    /// Computed from the member roster and credit events when the data has them.
    pub from_members: bool,
}

/// Every evidence kind and fact the policies may name.
#[derive(Clone, Debug, Default)]
pub struct Catalogue {
    /// Evidence kinds by id.
    pub evidence: BTreeMap<String, Text>,
    /// Facts by key.
    pub facts: BTreeMap<String, FactDecl>,
}

impl Catalogue {
    /// Parses `catalogue.ron`.
    pub fn parse(file: &SourceFile) -> Result<Self, Problem> {
        let raw: RawCatalogue = crate::diagnostic::parse_ron(file)?;
        Ok(Self {
            evidence: raw
                .evidence
                .into_iter()
                .map(|(k, v)| (k, Text::new(v.zh, v.en)))
                .collect(),
            facts: raw
                .facts
                .into_iter()
                .map(|(k, v)| {
                    (
                        k,
                        FactDecl {
                            kind: v.kind,
                            name: Text::new(v.zh, v.en),
                            from_members: v.from_members,
                        },
                    )
                })
                .collect(),
        })
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

/// "did you mean" help for an unknown name, listing a few known ones.
pub fn suggest<'a>(unknown: &str, known: impl Iterator<Item = &'a String>) -> String {
    let known: Vec<&String> = known.collect();
    let close: Vec<&&String> = known
        .iter()
        .filter(|k| {
            // Short ids (C17) are near everything: only a one-letter slip counts for them.
            let short = unknown.chars().count() <= 4;
            let near = edit_distance(k, unknown) <= if short { 1 } else { 2 };
            near || (!short && (k.contains(unknown) || unknown.contains(k.as_str())))
        })
        .take(3)
        .collect();
    if !close.is_empty() {
        let list: Vec<String> = close.iter().map(|k| format!("`{k}`")).collect();
        return format!("did you mean {}?", list.join(" or "));
    }
    let list: Vec<String> = known.iter().take(12).map(|k| format!("`{k}`")).collect();
    let more = if known.len() > 12 { ", …" } else { "" };
    format!("known: {}{more}", list.join(", "))
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
