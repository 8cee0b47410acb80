//! Improvement measures (改进措施) recorded against earlier periods' actions: what was done,
//! when, on what evidence, and whether it completed the action.

use jiff::civil::Date;
use serde::Deserialize;

use crate::diagnostic::{Problem, SourceFile};
use crate::message::Msg;
use crate::policy::PolicySet;

/// One measure taken on an improvement action.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// Unique id within the dataset, e.g. `M001`.
    pub id: String,
    /// The action it works on, `<indicator>/<trigger>` as the earlier outcome names it.
    pub action: String,
    /// When it was taken, within the period.
    #[serde(deserialize_with = "crate::value::date")]
    pub date: Date,
    /// Evidence ids of this dataset that document it.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// What was done.
    pub note: String,
    /// Whether it completed the action (the action is then closed even if its indicator is
    /// still short).
    #[serde(default)]
    pub completed: bool,
}

/// Checks measures against the dataset and the policies: ids unique, dates in the period,
/// evidence on file, actions shaped `<indicator>/<trigger>` of a known indicator and trigger.
/// Whether each action was raised before is checked when the previous outcome is known.
pub(super) fn check(
    file: &SourceFile,
    measures: &[Measure],
    evidence: &[super::Evidence],
    period: &super::Period,
    policies: &PolicySet,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (m, nth) in super::numbered(measures, |m| &m.id) {
        if nth > 0 {
            problems.push(file.problem_at_value(
                &m.id,
                nth,
                Msg::new("data-measure-id-twice").arg("id", &m.id),
            ));
        }
        let at = |key: &str, message: Msg| file.problem_at_field(&m.id, nth, key, message);
        if let Some(message) = action_problem(&m.action, policies) {
            problems.push(
                at("action", message.arg("id", &m.id).arg("action", &m.action))
                    .with_help(Msg::new("data-measure-action-help")),
            );
        }
        if m.date < period.start || m.date > period.end {
            problems.push(at(
                "date",
                Msg::new("data-measure-outside-period")
                    .arg("id", &m.id)
                    .arg("date", m.date.to_string())
                    .arg("start", period.start.to_string())
                    .arg("end", period.end.to_string()),
            ));
        }
        for e in m
            .evidence
            .iter()
            .filter(|e| !evidence.iter().any(|r| &r.id == *e))
        {
            problems.push(at(
                "evidence",
                Msg::new("data-measure-evidence-unknown")
                    .arg("id", &m.id)
                    .arg("evidence", e),
            ));
        }
        if m.note.trim().is_empty() {
            problems.push(at(
                "note",
                Msg::new("data-measure-note-empty").arg("id", &m.id),
            ));
        }
    }
    problems
}

/// What is wrong with an action id, if anything.
fn action_problem(action: &str, policies: &PolicySet) -> Option<Msg> {
    let Some((indicator, trigger)) = action.split_once('/') else {
        return Some(Msg::new("data-measure-action-shape"));
    };
    if policies.rubric.find(indicator).is_none() {
        return Some(Msg::new("data-measure-action-indicator").arg("indicator", indicator));
    }
    if !policies.triggers.iter().any(|t| t.id == trigger) {
        return Some(Msg::new("data-measure-action-trigger").arg("trigger", trigger));
    }
    None
}
