//! Improvement triggers (`triggers.ron`, clause 7.4): conditions over the outcome that emit an
//! improvement action with its clause, target indicator, owner and due date.
//!
//! Table conditions cover the standard's cases (an indicator under a share of its points, a
//! score lower than last period, unmet two periods running); a Rhai script covers the rest.

use std::sync::Arc;

use serde::Deserialize;

use super::catalogue::{Catalogue, suggest};
use super::rubric::Rubric;
use crate::diagnostic::{Problem, Problems, SourceFile};
use crate::text::Text;

#[derive(Debug, Deserialize)]
#[serde(rename = "Triggers", deny_unknown_fields)]
struct RawTriggers {
    triggers: Vec<RawTrigger>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename = "Trigger", deny_unknown_fields)]
pub(crate) struct RawTrigger {
    id: String,
    clause: String,
    zh: String,
    en: String,
    when: Condition,
    #[serde(default)]
    targets: Targets,
    action: RawText,
    owner: RawText,
    due_days: u32,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    zh: String,
    en: String,
}

/// When a trigger fires for an indicator.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Condition {
    /// The score is below `share` of the indicator's points.
    Below {
        /// Share of the points, 0 to 1.
        share: f64,
    },
    /// The score fell by more than `by` points against the previous outcome.
    Declined {
        /// Points of tolerance.
        by: f64,
    },
    /// Below `share` of the points in this outcome and in the previous one.
    BelowTwice {
        /// Share of the points, 0 to 1.
        share: f64,
    },
    /// A Rhai script's `fn fires(ctx)` returns a reason (fires) or `()` (does not).
    Script {
        /// Script path relative to the policy folder.
        file: String,
        /// Facts the script may read.
        #[serde(default)]
        facts: Vec<String>,
    },
}

/// Which indicators a trigger watches.
#[derive(Clone, Debug, Default, Deserialize)]
pub enum Targets {
    /// Every indicator.
    #[default]
    All,
    /// Only these indicators.
    Only(Vec<String>),
}

/// A checked improvement trigger.
#[derive(Clone, Debug)]
pub struct Trigger {
    /// Stable id.
    pub id: String,
    /// Clause of the standard it implements.
    pub clause: String,
    /// What it detects.
    pub name: Text,
    /// When it fires.
    pub when: Condition,
    /// Indicators it watches.
    pub targets: Targets,
    /// The improvement action it asks for.
    pub action: Text,
    /// Who owns the action.
    pub owner: Text,
    /// Days after the period end the action is due.
    pub due_days: u32,
    /// The file it was written in.
    pub origin: Arc<SourceFile>,
}

/// Parses `triggers.ron`.
pub fn parse(file: Arc<SourceFile>) -> Result<Vec<Trigger>, Problem> {
    let raw: RawTriggers = crate::diagnostic::parse_ron(&file)?;
    Ok(raw
        .triggers
        .into_iter()
        .map(|t| trigger(t, &file))
        .collect())
}

/// Converts a raw trigger written in `origin`.
pub(crate) fn trigger(raw: RawTrigger, origin: &Arc<SourceFile>) -> Trigger {
    Trigger {
        id: raw.id,
        clause: raw.clause,
        name: Text::new(raw.zh, raw.en),
        when: resolve(raw.when, origin),
        targets: raw.targets,
        action: Text::new(raw.action.zh, raw.action.en),
        owner: Text::new(raw.owner.zh, raw.owner.en),
        due_days: raw.due_days,
        origin: origin.clone(),
    }
}

/// Resolves a script condition's path against the folder of the file that names it.
pub(crate) fn resolve(when: Condition, named_in: &SourceFile) -> Condition {
    match when {
        Condition::Script { file, facts } => Condition::Script {
            file: super::resolve_script(named_in, &file),
            facts,
        },
        other => other,
    }
}

/// Checks that triggers name real indicators and facts, with sensible shares and unique ids.
pub fn validate(
    triggers: &[Trigger],
    rubric: &Rubric,
    catalogue: Option<&Catalogue>,
    problems: &mut Problems,
) {
    let indicator_ids: Vec<String> = rubric
        .indicators()
        .map(|i| rubric.nodes[i].id.clone())
        .collect();
    for (n, t) in triggers.iter().enumerate() {
        if triggers[..n].iter().any(|o| o.id == t.id) {
            problems.push(t.origin.problem_at_value(
                &t.id,
                1,
                format!("the trigger id `{}` is used twice", t.id),
            ));
        }
        if let Targets::Only(ids) = &t.targets {
            for id in ids {
                if !indicator_ids.contains(id) {
                    problems.push(
                        t.origin
                            .problem_at_value(
                                id,
                                0,
                                format!(
                                    "trigger `{}` targets `{id}`, which is not an indicator",
                                    t.id
                                ),
                            )
                            .with_help(suggest(id, indicator_ids.iter())),
                    );
                }
            }
        }
        match &t.when {
            Condition::Below { share } | Condition::BelowTwice { share }
                if !(0.0..=1.0).contains(share) =>
            {
                problems.push(t.origin.problem_at_field(
                    &t.id,
                    0,
                    "share",
                    format!(
                        "trigger `{}`: `share` must be between 0 and 1, found {share}",
                        t.id
                    ),
                ));
            }
            Condition::Declined { by } if *by < 0.0 => {
                problems.push(
                    t.origin
                        .problem_at_field(&t.id, 0, "by", "`by` cannot be negative"),
                );
            }
            Condition::Script { facts, .. } => {
                let Some(catalogue) = catalogue else { continue };
                for f in facts.iter().filter(|f| !catalogue.facts.contains_key(*f)) {
                    problems.push(
                        t.origin
                            .problem_at_value(f, 0, format!("trigger `{}` names the fact `{f}`, which the catalogue does not declare", t.id))
                            .with_help(suggest(f, catalogue.facts.keys())),
                    );
                }
            }
            _ => {}
        }
    }
}
