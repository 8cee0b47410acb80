//! Improvement triggers (`triggers.ron`, clause 7.4): conditions over the outcome that emit an
//! improvement action with its clause, target indicator, owner and due date.
//!
//! Table conditions cover the standard's cases (an indicator under a share of its points, a
//! score lower than last period, unmet two periods running); a Rhai script covers the rest.

use std::sync::Arc;

use serde::Deserialize;

use super::Sources;
use super::catalogue::{Catalogue, suggest};
use super::de::Spanned;
use super::rubric::Rubric;
use super::tree::Span;
use crate::diagnostic::{Problems, SourceFile};
use crate::message::Msg;
use crate::text::Text;

#[derive(Debug, Deserialize)]
#[serde(rename = "Triggers", deny_unknown_fields)]
pub(crate) struct RawTriggers {
    triggers: Vec<Spanned<RawTrigger>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename = "Trigger", deny_unknown_fields)]
pub(crate) struct RawTrigger {
    id: Spanned<String>,
    clause: String,
    zh: String,
    en: String,
    when: Spanned<Condition>,
    #[serde(default)]
    targets: Option<Spanned<Targets>>,
    action: RawText,
    owner: RawText,
    due_days: Spanned<u32>,
    #[serde(default)]
    escalates: Option<bool>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    zh: String,
    en: String,
}

/// The longest time an action may be given (ten years): beyond it a due date means nothing.
pub const MAX_DUE_DAYS: u32 = 3_660;

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
        /// Named numbers the script reads with `ctx.param(name)`, so editors tune them here.
        #[serde(default)]
        params: std::collections::BTreeMap<String, f64>,
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
    pub(crate) id: String,
    /// Clause of the standard it implements.
    pub(crate) clause: String,
    /// What it detects.
    pub(crate) name: Text,
    /// When it fires.
    pub(crate) when: Condition,
    /// Indicators it watches.
    pub(crate) targets: Targets,
    /// The improvement action it asks for.
    pub(crate) action: Text,
    /// Who owns the action.
    pub(crate) owner: Text,
    /// Days after the period end the action is due.
    pub(crate) due_days: u32,
    /// Whether its action takes over an earlier action on the same indicator that is still
    /// unmet (the 7.4 d path): as written, else when its condition looks at the previous
    /// period (`Declined`, `BelowTwice`).
    pub(crate) escalates: bool,
    /// The file that last set it.
    pub(crate) origin: Arc<SourceFile>,
    /// Where its condition is written.
    pub(crate) when_at: Span,
}

impl Trigger {
    /// Its id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The improvement action it asks for.
    pub fn action(&self) -> &Text {
        &self.action
    }

    /// Who owns the action.
    pub fn owner(&self) -> &Text {
        &self.owner
    }
}

/// Checks the merged triggers against the rubric and the catalogue and builds them; every
/// problem is reported with the span of the value that caused it. They are built even with
/// problems, so their scripts are still checked; the loader refuses the set as a whole.
pub(crate) fn compile(
    raw: RawTriggers,
    sources: &Sources,
    rubric: Option<&Rubric>,
    catalogue: Option<&Catalogue>,
    problems: &mut Problems,
) -> Vec<Trigger> {
    let indicator_ids: Vec<String> = rubric.map_or_else(Vec::new, |r| {
        r.indicators().map(|i| r.nodes[i].id.clone()).collect()
    });
    let mut seen = std::collections::BTreeSet::new();
    for t in &raw.triggers {
        let name = Text::new(&t.zh, &t.en);
        // "trigger `id` (its name)": the start of several messages.
        let named = |msg: Msg| msg.arg("trigger", &t.id.value).arg("name", &name);
        if !seen.insert(t.id.as_str()) {
            let p = sources.problem(t.id.span, named(Msg::new("rules-trigger-id-twice")));
            problems.push(p);
        }
        if *t.due_days == 0 || *t.due_days > MAX_DUE_DAYS {
            let message = Msg::new("rules-trigger-due-days")
                .arg("max", MAX_DUE_DAYS)
                .arg("found", *t.due_days);
            problems.push(sources.problem(t.due_days.span, message));
        }
        if let (Some(targets), Some(_)) = (&t.targets, rubric)
            && let Targets::Only(ids) = &targets.value
        {
            for id in ids.iter().filter(|id| !indicator_ids.contains(id)) {
                let message = named(Msg::new("rules-trigger-unknown-target")).arg("target", id);
                let p = sources.problem(targets.span, message);
                problems.push(p.with_help(suggest(id, indicator_ids.iter())));
            }
        }
        let when_problem = match &t.when.value {
            Condition::Below { share } | Condition::BelowTwice { share }
                if !share.is_finite() || !(0.0..=1.0).contains(share) =>
            {
                Some(named(Msg::new("rules-trigger-share")).arg("found", *share))
            }
            Condition::Declined { by } if !by.is_finite() || *by < 0.0 => {
                Some(named(Msg::new("rules-trigger-by")).arg("found", *by))
            }
            Condition::Script { params, .. } if params.values().any(|v| !v.is_finite()) => {
                Some(named(Msg::new("rules-trigger-params")))
            }
            Condition::Script { facts, .. } => {
                if let Some(catalogue) = catalogue {
                    for f in facts.iter().filter(|f| !catalogue.facts.contains_key(*f)) {
                        let message = named(Msg::new("rules-trigger-unknown-fact")).arg("fact", f);
                        let p = sources.problem(t.when.span, message);
                        problems.push(p.with_help(suggest(f, catalogue.facts.keys())));
                    }
                }
                None
            }
            _ => None,
        };
        if let Some(message) = when_problem {
            problems.push(sources.problem(t.when.span, message));
        }
    }
    raw.triggers
        .into_iter()
        .map(|t| trigger(t, sources))
        .collect()
}

fn trigger(raw: Spanned<RawTrigger>, sources: &Sources) -> Trigger {
    let origin = sources.file(raw.origin).clone();
    let raw = raw.value;
    let when_at = raw.when.span;
    let when = match raw.when.value {
        Condition::Script {
            file,
            facts,
            params,
        } => Condition::Script {
            file: sources.resolve(when_at.file, &file),
            facts,
            params,
        },
        other => other,
    };
    let looks_back = matches!(
        when,
        Condition::Declined { .. } | Condition::BelowTwice { .. }
    );
    Trigger {
        escalates: raw.escalates.unwrap_or(looks_back),
        id: raw.id.value,
        clause: raw.clause,
        name: Text::new(raw.zh, raw.en),
        when,
        targets: raw.targets.map(|t| t.value).unwrap_or_default(),
        action: Text::new(raw.action.zh, raw.action.en),
        owner: Text::new(raw.owner.zh, raw.owner.en),
        due_days: raw.due_days.value,
        origin,
        when_at,
    }
}
