//! Stage 3, evaluate: a pure function from (policies, data, previous outcome) to an outcome.
//!
//! Same inputs give byte-identical outputs: everything is kept in reading order or sorted,
//! never in hash order.

pub mod credit;
mod follow_up;
mod members;

pub use members::describe_event;
mod rubric;
mod triggers;

use std::collections::BTreeMap;

use crate::data::Dataset;
use crate::diagnostic::{Problem, Problems};
use crate::message::Msg;
use crate::outcome::{
    AssociationResult, CreditLegend, DataStamp, GradeName, Outcome, PolicyStamp, SCHEMA, round2,
};
use crate::policy::PolicySet;
use crate::policy::credit::CreditPolicy;

/// Each member's credit grade in an earlier period, by credit code: what a grade-drop warning
/// compares with. It comes from the previous period's outcome, or from the credit archive.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PreviousGrades(BTreeMap<String, String>);

impl PreviousGrades {
    /// The member grades of an outcome.
    pub fn from_outcome(outcome: &Outcome) -> Self {
        outcome
            .members
            .iter()
            .map(|m| (m.id.clone(), m.grade.clone()))
            .collect()
    }

    /// A member's earlier grade.
    pub fn get(&self, code: &str) -> Option<&str> {
        self.0.get(code).map(String::as_str)
    }
}

impl FromIterator<(String, String)> for PreviousGrades {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> Self {
        PreviousGrades(iter.into_iter().collect())
    }
}

/// Whether an evaluation writes out each member's account: the lines of points that add up to
/// the score. A city's archive has millions of them, so reports that do not print them can leave
/// them out; nothing else in the outcome changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accounts {
    /// Every line of every member's account (JSON outcomes, `explain`).
    Full,
    /// Scores, grades, actions and warnings, with `reasons` left empty (tables and reports).
    Omitted,
}

/// Evaluates one association's data for one period under a policy set.
///
/// `previous` is the outcome of the period before, for trends and "unmet twice" triggers; the
/// members' earlier grades come from it too. Fails only when a script fails or runs away,
/// naming the script and the indicator.
pub fn evaluate(
    policies: &PolicySet,
    data: &Dataset,
    previous: Option<&Outcome>,
) -> Result<Outcome, Problems> {
    let grades = previous
        .map(PreviousGrades::from_outcome)
        .unwrap_or_default();
    evaluate_with_grades(policies, data, previous, &grades, Accounts::Full)
}

/// Evaluates like [`evaluate`], with the members' earlier grades given separately (from the
/// credit archive, say, when there is no previous outcome) and their accounts written out or
/// left out.
pub fn evaluate_with_grades(
    policies: &PolicySet,
    data: &Dataset,
    previous: Option<&Outcome>,
    grades: &PreviousGrades,
    accounts: Accounts,
) -> Result<Outcome, Problems> {
    if let Some(prev) = previous {
        check_previous(data, prev)?;
    }
    let mut facts = data.facts.clone();
    let mut member_results = Vec::new();
    let mut warnings = Vec::new();
    if let Some(roster) = &data.members {
        let credit = &policies.credit;
        let cutoff = members::cutoff(credit, data);
        let credits = credit::score_all(credit, roster, cutoff);
        let period = (data.period.start, data.period.end);
        facts.extend(members::derived_facts(credit, roster, &credits, period));
        data.check_counted_facts(policies, &facts)?;
        member_results = members::results(
            credit,
            &policies.messages,
            roster,
            &credits,
            cutoff,
            grades,
            accounts,
        );
        // Warnings are issued as of the period end.
        let date = data.period.end.to_string();
        warnings =
            members::sector_warnings(credit, &policies.messages, roster, &credits, cutoff, &date);
    }
    let scored = rubric::score(policies, data, &facts, previous)?;
    let grade = policies.rubric.grade_for(scored.total);
    let association = AssociationResult {
        id: data.profile.credit_code.clone(),
        name: data.profile.name.clone(),
        score: round2(scored.total),
        max: policies.rubric.total,
        grade: grade.name.zh.clone(),
        grade_en: grade.name.en.clone(),
        grade_id: grade.id.clone(),
        levels: scored.levels,
        indicators: scored.indicators,
        facts,
    };
    let mut outcome = Outcome {
        schema: SCHEMA.to_string(),
        policy: PolicyStamp {
            sector: policies.sector_name().to_string(),
            digest: policies.digest.clone(),
        },
        data: DataStamp {
            digest: data.digest.clone(),
        },
        period: data.period.id.clone(),
        period_end: data.period.end.to_string(),
        association,
        members: member_results,
        triggers: Vec::new(),
        follow_ups: Vec::new(),
        warnings,
        credit: legend(&policies.credit),
    };
    outcome.triggers = triggers::fire(policies, data, &outcome, previous)?;
    outcome.follow_ups = follow_up::follow_up(policies, data, &outcome, previous)?;
    Ok(outcome)
}

fn check_previous(data: &Dataset, previous: &Outcome) -> Result<(), Problem> {
    let here = &data.profile.credit_code;
    if &previous.association.id != here {
        return Err(Problem::in_file(
            &data.path,
            Msg::new("data-previous-other-association")
                .arg("previous", &previous.association.id)
                .arg("here", here),
        ));
    }
    // The previous period must be over before this one starts (its end date is the
    // contract's `period_end`; an outcome whose end cannot be read is not from before).
    let ended_before = previous
        .period_end
        .parse::<jiff::civil::Date>()
        .is_ok_and(|end| end < data.period.start);
    if !ended_before {
        return Err(Problem::in_file(
            &data.path,
            Msg::new("data-previous-not-before")
                .arg("previous", &previous.period)
                .arg("previous_end", &previous.period_end)
                .arg("period", &data.period.id)
                .arg("start", data.period.start.to_string()),
        )
        .with_help(Msg::new("data-previous-not-before-help")));
    }
    Ok(())
}

fn legend(credit: &CreditPolicy) -> CreditLegend {
    CreditLegend {
        grades: credit
            .grades
            .iter()
            .map(|g| GradeName {
                id: g.id.clone(),
                min: g.min,
                zh: g.name.zh.clone(),
                en: g.name.en.clone(),
            })
            .collect(),
        actions: credit.actions.clone(),
    }
}
