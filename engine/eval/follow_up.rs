//! Follows up the earlier periods' improvement actions (7.4 d: 跟踪改进效果并持续优化).
//!
//! The actions followed up are those the previous outcome raised, and those it followed up and
//! left open or overdue; an action is one id across periods (`<indicator>/<trigger>`), first
//! raised in one period and due on one date. Each one is, in this order of precedence:
//! - **closed by improvement** when the trigger that raised it no longer fires for its
//!   indicator;
//! - **closed by a measure** when the data records a measure that completed it;
//! - **escalated** when a trigger on the 7.4 d path (`escalates` in `triggers.ron`: by default
//!   a decline or unmet again) fired for its indicator and has taken it over;
//! - **overdue** when its due date is before this period's end;
//! - **open** otherwise.
//!
//! Closed and escalated actions end there; open and overdue ones are followed up again next
//! period. A measure naming an action nobody raised is an error, not a note that is ignored.

use std::collections::BTreeMap;

use crate::data::{Dataset, Measure};
use crate::diagnostic::{Problem, Problems};
use crate::message::{Arg, Msg};
use crate::outcome::{ClosedBy, FollowUp, FollowUpStatus, Outcome, TriggerResult};
use crate::policy::PolicySet;
use crate::policy::triggers::Targets;
use crate::text::Text;

/// An action of an earlier period that this one follows up.
struct Earlier<'a> {
    action_id: String,
    trigger: &'a str,
    clause: &'a str,
    target: &'a str,
    /// The indicator's name as the earlier outcome gave it.
    name: Text,
    action: Text,
    raised_in: &'a str,
    due: &'a str,
}

/// The follow-up of every earlier action, in the indicators' reading order, then by action id.
pub(super) fn follow_up(
    policies: &PolicySet,
    data: &Dataset,
    outcome: &Outcome,
    previous: Option<&Outcome>,
) -> Result<Vec<FollowUp>, Problems> {
    let earlier = previous.map(earlier_actions).unwrap_or_default();
    let mut problems = Problems::default();
    for (m, nth) in crate::data::numbered(&data.measures, |m| &m.id) {
        if !earlier.contains_key(m.action.as_str()) {
            problems.push(unknown_action(data, m, nth, previous));
        }
    }
    let order = |target: &str| {
        outcome
            .association
            .indicators
            .iter()
            .position(|i| i.id == target)
            .unwrap_or(usize::MAX)
    };
    let mut list: Vec<FollowUp> = earlier
        .values()
        .map(|e| status(policies, data, outcome, e))
        .collect();
    list.sort_by(|a, b| (order(&a.target), &a.action_id).cmp(&(order(&b.target), &b.action_id)));
    problems.into_result(list)
}

/// The previous outcome's actions and its unfinished follow-ups, by action id; an action both
/// carried over and raised again keeps the period it was first raised in and its first due date.
fn earlier_actions(previous: &Outcome) -> BTreeMap<String, Earlier<'_>> {
    let mut earlier = BTreeMap::new();
    for f in previous
        .follow_ups
        .iter()
        .filter(|f| matches!(f.status, FollowUpStatus::Open | FollowUpStatus::Overdue))
    {
        earlier.insert(
            f.action_id.clone(),
            Earlier {
                action_id: f.action_id.clone(),
                trigger: &f.trigger,
                clause: &f.clause,
                target: &f.target,
                name: indicator_name(previous, &f.target),
                action: Text::new(&f.action, &f.action_en),
                raised_in: &f.raised_in,
                due: &f.due,
            },
        );
    }
    for t in &previous.triggers {
        let id = t.key().into_owned();
        earlier.entry(id.clone()).or_insert(Earlier {
            action_id: id,
            trigger: &t.id,
            clause: &t.clause,
            target: &t.target,
            name: indicator_name(previous, &t.target),
            action: Text::new(&t.action, &t.action_en),
            raised_in: &previous.period,
            due: &t.due,
        });
    }
    earlier
}

fn status(policies: &PolicySet, data: &Dataset, outcome: &Outcome, e: &Earlier) -> FollowUp {
    let measures: Vec<&Measure> = {
        let mut m: Vec<&Measure> = data
            .measures
            .iter()
            .filter(|m| m.action == e.action_id)
            .collect();
        m.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        m
    };
    // A trigger that no longer watches the indicator cannot say whether it is met.
    let trigger = policies.triggers.iter().find(|t| {
        t.id == e.trigger
            && match &t.targets {
                Targets::All => true,
                Targets::Only(ids) => ids.iter().any(|id| id == e.target),
            }
    });
    let indicator = outcome.indicator(e.target);
    let again = outcome.triggers.iter().find(|t| t.key() == e.action_id);
    let completed = measures.iter().find(|m| m.completed);
    let escalation = outcome
        .triggers
        .iter()
        .find(|t| t.target == e.target && t.key() != e.action_id && escalates(policies, &t.id));
    let (status, closed_by, escalated_to, why) = match (indicator, trigger, again) {
        (None, _, _) => (
            FollowUpStatus::Open,
            None,
            None,
            Msg::new("followup-indicator-gone").arg("indicator", &e.name),
        ),
        (Some(_), None, _) => (
            FollowUpStatus::Open,
            None,
            None,
            Msg::new("followup-trigger-gone").arg("action", &e.action),
        ),
        (Some(i), Some(t), None) => (
            FollowUpStatus::Closed,
            Some(ClosedBy::Improvement),
            None,
            Msg::new("followup-closed-improved")
                .arg("score", i.score)
                .arg("max", i.max)
                .arg("trigger", &t.name),
        ),
        (Some(_), Some(_), Some(again)) => {
            if let Some(m) = completed {
                (
                    FollowUpStatus::Closed,
                    Some(ClosedBy::Measure),
                    None,
                    Msg::new("followup-closed-measure")
                        .arg("measure", &m.id)
                        .arg("date", m.date.to_string())
                        .arg("note", &m.note),
                )
            } else if let Some(to) = escalation {
                let name = policies
                    .triggers
                    .iter()
                    .find(|t| t.id == to.id)
                    .map(|t| &t.name);
                (
                    FollowUpStatus::Escalated,
                    None,
                    Some(to.key().into_owned()),
                    Msg::new("followup-escalated")
                        .arg("reason", reason(again))
                        .arg("to", name.map_or_else(|| Arg::from(&to.id), Arg::from)),
                )
            } else if e.due < outcome.period_end.as_str() {
                (
                    FollowUpStatus::Overdue,
                    None,
                    None,
                    Msg::new("followup-overdue")
                        .arg("due", e.due)
                        .arg("reason", reason(again))
                        .arg("measures", taken(&measures)),
                )
            } else {
                (
                    FollowUpStatus::Open,
                    None,
                    None,
                    Msg::new("followup-open")
                        .arg("due", e.due)
                        .arg("reason", reason(again))
                        .arg("measures", taken(&measures)),
                )
            }
        }
    };
    let text = policies.word_both(&why);
    FollowUp {
        action_id: e.action_id.clone(),
        trigger: e.trigger.to_string(),
        clause: e.clause.to_string(),
        target: e.target.to_string(),
        action: e.action.zh.clone(),
        action_en: e.action.en.clone(),
        raised_in: e.raised_in.to_string(),
        due: e.due.to_string(),
        status,
        closed_by,
        escalated_to,
        measures: measures.iter().map(|m| m.id.clone()).collect(),
        reason: text.zh,
        reason_en: text.en,
        reason_code: why.code.into_owned(),
        reason_args: why.args,
    }
}

/// An indicator's name in an outcome, or its id when the outcome lacks it.
fn indicator_name(outcome: &Outcome, id: &str) -> Text {
    outcome
        .indicator(id)
        .map_or_else(|| Text::new(id, id), |i| Text::new(&i.name, &i.name_en))
}

/// The measures recorded (none completed it), or `none`.
fn taken(measures: &[&Measure]) -> Arg {
    if measures.is_empty() {
        Arg::from("none")
    } else {
        Arg::List(measures.iter().map(|m| Arg::from(&m.id)).collect())
    }
}

/// Why an action fired again this period, in both languages.
fn reason(again: &TriggerResult) -> Text {
    Text::new(&again.reason, &again.reason_en)
}

/// Whether a trigger is on the 7.4 d path (its `escalates`).
fn escalates(policies: &PolicySet, trigger: &str) -> bool {
    policies
        .triggers
        .iter()
        .any(|t| t.id == trigger && t.escalates)
}

/// A measure whose action the previous outcome neither raised nor left open.
fn unknown_action(data: &Dataset, m: &Measure, nth: usize, previous: Option<&Outcome>) -> Problem {
    let message = match previous {
        Some(p) => Msg::new("data-measure-action-not-raised")
            .arg("id", &m.id)
            .arg("action", &m.action)
            .arg("previous", &p.period),
        None => Msg::new("data-measure-no-previous")
            .arg("id", &m.id)
            .arg("action", &m.action),
    };
    let help = match previous {
        Some(_) => Msg::new("data-measure-action-not-raised-help"),
        None => Msg::new("data-measure-no-previous-help"),
    };
    match &data.source {
        Some(file) => file.problem_at_field(&m.id, nth, "action", message),
        None => Problem::in_file(&data.path, message),
    }
    .with_help(help)
}
