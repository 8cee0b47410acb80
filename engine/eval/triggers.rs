//! Fires improvement triggers (clause 7.4 b–d) over the scored outcome and the previous one.

use jiff::ToSpan;

use crate::data::Dataset;
use crate::diagnostic::{Problem, Problems};
use crate::message::Msg;
use crate::outcome::{IndicatorResult, Outcome, TriggerResult};
use crate::policy::PolicySet;
use crate::policy::script::{ContextData, ScriptContext, reason_text};
use crate::policy::triggers::{Condition, Targets, Trigger};

/// Every action the triggers raise, ordered by indicator (reading order), then trigger.
pub(super) fn fire(
    policies: &PolicySet,
    data: &Dataset,
    outcome: &Outcome,
    previous: Option<&Outcome>,
) -> Result<Vec<TriggerResult>, Problems> {
    let mut fired = Vec::new();
    let mut problems = Problems::default();
    for indicator in &outcome.association.indicators {
        let before = previous.and_then(|p| p.indicator(&indicator.id));
        for trigger in &policies.triggers {
            if let Targets::Only(ids) = &trigger.targets
                && !ids.contains(&indicator.id)
            {
                continue;
            }
            match condition(policies, data, trigger, indicator, before) {
                Ok(Some(why)) => match result(policies, data, trigger, indicator, why) {
                    Ok(r) => fired.push(r),
                    Err(p) => problems.push(p),
                },
                Ok(None) => {}
                Err(p) => problems.push(p),
            }
        }
    }
    problems.into_result(fired)
}

/// `Some(reason)` when the trigger fires for this indicator.
fn condition(
    policies: &PolicySet,
    data: &Dataset,
    trigger: &Trigger,
    now: &IndicatorResult,
    before: Option<&IndicatorResult>,
) -> Result<Option<Msg>, Problem> {
    let pct = |share: f64| share * 100.0;
    Ok(match &trigger.when {
        Condition::Below { share } => (now.score < share * now.max).then(|| {
            Msg::new("trigger-below")
                .arg("score", now.score)
                .arg("max", now.max)
                .arg("percent", pct(*share))
        }),
        Condition::Declined { by } => before.filter(|b| now.score < b.score - by).map(|b| {
            Msg::new("trigger-declined")
                .arg("before", b.score)
                .arg("score", now.score)
        }),
        Condition::BelowTwice { share } => before
            .filter(|b| b.score < share * b.max && now.score < share * now.max)
            .map(|b| {
                Msg::new("trigger-below-twice")
                    .arg("percent", pct(*share))
                    .arg("before", b.score)
                    .arg("score", now.score)
            }),
        Condition::Script {
            file,
            facts,
            params,
        } => {
            let script = &policies.scripts[file];
            let ctx = ScriptContext::new(ContextData {
                indicator: now.id.clone(),
                max: now.max,
                score: Some(now.score),
                previous_score: before.map(|b| b.score),
                params: params.clone(),
                fact_order: facts.clone(),
                facts: facts
                    .iter()
                    .map(|f| (f.clone(), data.facts.get(f).copied()))
                    .collect(),
                ..ContextData::default()
            });
            let doing = Msg::new("script-doing-trigger")
                .arg("trigger", &trigger.id)
                .arg("indicator", &now.id);
            let value = script.call(&policies.engine, crate::policy::TRIGGER_ENTRY, ctx, doing)?;
            if value.is_unit() {
                None
            } else {
                let reason = reason_text(value).ok_or_else(|| {
                    Problem::in_file(
                        &script.file.path,
                        Msg::new("trigger-fires-result")
                            .arg("trigger", &trigger.id)
                            .arg("indicator", &now.id),
                    )
                })?;
                Some(Msg::new("trigger-script").arg("reason", reason))
            }
        }
    })
}

fn result(
    policies: &PolicySet,
    data: &Dataset,
    trigger: &Trigger,
    indicator: &IndicatorResult,
    why: Msg,
) -> Result<TriggerResult, Problem> {
    let due = data
        .period
        .end
        .checked_add((trigger.due_days as i64).days())
        .map_err(|_| {
            trigger.origin.problem_at_field(
                &trigger.id,
                0,
                "due_days",
                Msg::new("trigger-due-outside-calendar"),
            )
        })?;
    let text = policies.word_both(&why);
    Ok(TriggerResult {
        id: trigger.id.clone(),
        action_id: crate::outcome::action_id(&indicator.id, &trigger.id),
        clause: trigger.clause.clone(),
        target: indicator.id.clone(),
        action: trigger.action.zh.clone(),
        action_en: trigger.action.en.clone(),
        owner: trigger.owner.zh.clone(),
        owner_en: trigger.owner.en.clone(),
        due: due.to_string(),
        reason: text.zh,
        reason_en: text.en,
        reason_code: why.code.into_owned(),
        reason_args: why.args,
    })
}
