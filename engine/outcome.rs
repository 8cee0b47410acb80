//! The outcome of an evaluation: the JSON contract `cogov.outcome/1`.
//!
//! Field names of the contract are fixed (others rely on them); fields added beyond it carry
//! names, English texts and the facts used, so a report can say why without the policies.
//! Chinese is the primary language of text fields; `*_en` fields carry the English.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Problem, SourceFile};
use crate::message::{Arg, Msg};
use crate::text::Text;
use crate::value::FactValue;

/// A message's arguments as written into an outcome.
pub type Args = BTreeMap<std::borrow::Cow<'static, str>, Arg>;

/// The schema id written into every outcome.
pub const SCHEMA: &str = "cogov.outcome/1";

/// Everything one evaluation produced, with the digests of what it came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// Always `cogov.outcome/1`.
    pub schema: String,
    /// Which policies.
    pub policy: PolicyStamp,
    /// Which data.
    pub data: DataStamp,
    /// Period label.
    pub period: String,
    /// Last day of the period (due dates count from it).
    pub period_end: String,
    /// The association's rubric result.
    pub association: AssociationResult,
    /// Member credit results, by credit code; in JSON, one member to a line.
    #[serde(default, serialize_with = "one_per_line")]
    pub members: Vec<MemberResult>,
    /// Improvement actions the triggers raised.
    pub triggers: Vec<TriggerResult>,
    /// The earlier periods' actions followed up in this one (7.4 d): closed, open, overdue or
    /// escalated, each with its reason.
    #[serde(default)]
    pub follow_ups: Vec<FollowUp>,
    /// Sector credit warnings (行业质量信用预警).
    #[serde(default)]
    pub warnings: Vec<SectorWarning>,
    /// Names of the credit grades and actions used above, for reports.
    #[serde(default)]
    pub credit: CreditLegend,
}

/// Names of credit grades and actions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditLegend {
    /// Grades, best first.
    pub grades: Vec<GradeName>,
    /// Actions by id.
    pub actions: BTreeMap<String, Text>,
}

/// A credit grade's id, name and lowest score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeName {
    /// Grade id.
    pub id: String,
    /// Lowest score.
    pub min: f64,
    /// Chinese name.
    pub zh: String,
    /// English name.
    pub en: String,
}

/// A sector warning (行业质量信用预警): a share of members crossing a threshold, as of a day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectorWarning {
    /// Warning id from the policy.
    pub id: String,
    /// What crossed it: grades, or a failed item.
    pub subject: String,
    /// The share found.
    pub share: f64,
    /// The policy's threshold.
    pub threshold: f64,
    /// How many members crossed it (0 in outcomes written before warnings were counted).
    #[serde(default)]
    pub count: usize,
    /// The day it is issued as of, `YYYY-MM-DD`: the period end (empty in outcomes written
    /// before warnings were dated).
    #[serde(default)]
    pub date: String,
    /// Explanation (Chinese).
    pub text: String,
    /// Explanation (English).
    pub text_en: String,
    /// The explanation as data: its message id...
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code: String,
    /// ...and the values worded into it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub args: Args,
}

/// A note with an id and text: a member warning.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// Id, e.g. `grade_drop`.
    pub id: String,
    /// Chinese.
    pub text: String,
    /// English.
    pub text_en: String,
    /// The text as data: its message id...
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code: String,
    /// ...and the values worded into it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub args: Args,
}

/// What a line of a member's credit account is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonRule {
    /// The base score.
    Base,
    /// An event counted for its points.
    Event,
    /// An event older than the validity window, not counted.
    Expired,
    /// An event cleared by credit repair, not counted.
    Repaired,
    /// A once-only kind again, not counted.
    Duplicate,
    /// A kind's total capped.
    Cap,
    /// A repeated failure's extra points.
    Repeat,
    /// The score clamped to the policy's range.
    Clamp,
    /// A veto lowering the grade.
    Veto,
    /// The grade band the score falls in.
    Grade,
}

/// One line of a member's credit account: the base, an event's points, a cap, a repeat, a veto,
/// the grade. The lines' points add up to the score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditReason {
    /// What the line is.
    pub rule: ReasonRule,
    /// The event it concerns, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// Points it added or took.
    pub points: f64,
    /// Chinese, for lines about a rule rather than one event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_en: Option<String>,
    /// The text as data: its message id (absent for lines about one event, which carry no
    /// text)...
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code: String,
    /// ...and the values worded into it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub args: Args,
}

/// The policy set an outcome came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyStamp {
    /// Sector overlay (`base` for none).
    pub sector: String,
    /// Digest of every policy file.
    pub digest: String,
}

/// The data an outcome came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataStamp {
    /// Digest of the data files.
    pub digest: String,
}

/// The association's scores.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssociationResult {
    /// Unified social credit code.
    pub id: String,
    /// Name.
    pub name: String,
    /// Total score.
    pub score: f64,
    /// Most points available.
    pub max: f64,
    /// Grade (Chinese name).
    pub grade: String,
    /// Grade (English name).
    pub grade_en: String,
    /// Grade id from the rubric's bands, e.g. `good`: what comparisons go by, so a renamed
    /// label is not a changed grade (empty in outcomes written before grades had ids).
    #[serde(default)]
    pub grade_id: String,
    /// A and B levels in reading order.
    pub levels: Vec<LevelResult>,
    /// C indicators in reading order.
    pub indicators: Vec<IndicatorResult>,
    /// The facts evaluated (as entered, plus those derived from member data).
    pub facts: BTreeMap<String, FactValue>,
}

/// A level's score: the sum of its children.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelResult {
    /// Level id.
    pub id: String,
    /// The level above (`null` for a top level).
    pub parent: Option<String>,
    /// Chinese name.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Score.
    pub score: f64,
    /// Most points.
    pub max: f64,
}

/// An indicator's score and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorResult {
    /// Indicator id.
    pub id: String,
    /// The level it belongs to.
    pub parent: String,
    /// Chinese name.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Score.
    pub score: f64,
    /// Most points.
    pub max: f64,
    /// One reason per criterion.
    pub reasons: Vec<Reason>,
}

/// Why a criterion earned what it earned.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reason {
    /// Criterion id, e.g. `C1.1`.
    pub criterion: String,
    /// Kind of rule: `evidence`, `fact`, `at_least`, `steps`, `script`.
    pub rule: String,
    /// The policy file that holds the rule.
    pub source: String,
    /// Points earned.
    pub points: f64,
    /// Most points.
    pub max: f64,
    /// Explanation in Chinese.
    pub text: String,
    /// Explanation in English.
    pub text_en: String,
    /// The explanation as data: its message id in the policy's catalogue (`messages/*.ftl`)...
    #[serde(default)]
    pub code: String,
    /// ...and the values worded into it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub args: Args,
    /// Evidence ids it rests on.
    pub evidence: Vec<String>,
    /// Facts it read, with their values (`null`: not reported).
    pub facts: BTreeMap<String, Option<FactValue>>,
}

/// A member company's credit result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberResult {
    /// Unified social credit code.
    pub id: String,
    /// Name.
    pub name: String,
    /// Credit score.
    pub score: f64,
    /// Credit grade.
    pub grade: String,
    /// Rewards and penalties the grade brings (action ids).
    pub actions: Vec<String>,
    /// Credit warnings.
    pub warnings: Vec<Note>,
    /// Every event's effect, caps, repeats, vetoes and the grade band.
    pub reasons: Vec<CreditReason>,
}

/// An improvement action raised by a trigger (clause 7.4).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriggerResult {
    /// Trigger id.
    pub id: String,
    /// The action's id, the same in every period it is raised or followed up in:
    /// `<indicator>/<trigger>`, e.g. `C11/unmet` (see [`action_id`]; empty in outcomes written
    /// before actions had ids, [`TriggerResult::key`] then makes it).
    #[serde(default)]
    pub action_id: String,
    /// Clause of the standard.
    pub clause: String,
    /// Indicator it concerns.
    pub target: String,
    /// The action (Chinese).
    pub action: String,
    /// The action (English).
    pub action_en: String,
    /// Who owns it (Chinese).
    pub owner: String,
    /// Who owns it (English).
    pub owner_en: String,
    /// Due date, `YYYY-MM-DD`.
    pub due: String,
    /// Why it fired (Chinese).
    pub reason: String,
    /// Why it fired (English).
    pub reason_en: String,
    /// Why it fired, as data: its message id...
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason_code: String,
    /// ...and the values worded into it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub reason_args: Args,
}

/// Where an earlier action stands after this period's evaluation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpStatus {
    /// Done: its indicator is met again, or a recorded measure completed it.
    Closed,
    /// Still unmet, not yet due.
    Open,
    /// Still unmet past its due date.
    Overdue,
    /// Still unmet, and a 7.4 d action (declined, unmet again) has taken it over.
    Escalated,
}

/// What closed an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClosedBy {
    /// The condition that raised it no longer holds.
    Improvement,
    /// A measure recorded in the data completed it.
    Measure,
}

/// An action raised in an earlier period, followed up in this one (7.4 d: 跟踪改进效果).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    /// The action's id, e.g. `C11/unmet`.
    pub action_id: String,
    /// The trigger that raised it.
    pub trigger: String,
    /// Clause of the standard.
    pub clause: String,
    /// Indicator it concerns.
    pub target: String,
    /// The action (Chinese).
    pub action: String,
    /// The action (English).
    pub action_en: String,
    /// The period it was first raised in.
    pub raised_in: String,
    /// Its due date, `YYYY-MM-DD`.
    pub due: String,
    /// Where it stands.
    pub status: FollowUpStatus,
    /// What closed it, when closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_by: Option<ClosedBy>,
    /// The 7.4 d action that took it over, when escalated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalated_to: Option<String>,
    /// Ids of the measures recorded for it this period, by date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<String>,
    /// Why it stands so (Chinese).
    pub reason: String,
    /// Why it stands so (English).
    pub reason_en: String,
    /// The reason as data: its message id...
    pub reason_code: String,
    /// ...and the values worded into it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub reason_args: Args,
}

/// The id of the action a trigger raises for an indicator: `<indicator>/<trigger>`.
pub fn action_id(indicator: &str, trigger: &str) -> String {
    format!("{indicator}/{trigger}")
}

impl TriggerResult {
    /// The action's id, made from the indicator and trigger when the outcome has none.
    pub fn key(&self) -> std::borrow::Cow<'_, str> {
        if self.action_id.is_empty() {
            action_id(&self.target, &self.id).into()
        } else {
            self.action_id.as_str().into()
        }
    }
}

impl Outcome {
    /// Reads an outcome written by `cogov eval --format json` (for `--previous`).
    pub fn load(path: &Path) -> Result<Outcome, Problem> {
        let file = SourceFile::read(path)?;
        let outcome: Outcome = crate::diagnostic::parse_json(&file)?;
        if outcome.schema != SCHEMA {
            return Err(file.problem_at_value(
                &outcome.schema,
                0,
                Msg::new("data-outcome-schema")
                    .arg("schema", &outcome.schema)
                    .arg("expected", SCHEMA),
            ));
        }
        Ok(outcome)
    }

    /// The outcome as pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).expect("an outcome always serialises");
        json.push('\n');
        json
    }

    /// Writes the outcome as pretty JSON with a final newline, without building it in memory.
    pub fn write_json(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, self)?;
        out.write_all(b"\n")
    }

    /// The result of an indicator, by id.
    pub fn indicator(&self, id: &str) -> Option<&IndicatorResult> {
        self.association.indicators.iter().find(|i| i.id == id)
    }
}

/// Writes member results one to a line inside the pretty-printed outcome: an archive of a
/// hundred thousand members stays readable line by line (one line per credit code) and takes
/// half the room. Lines are made on every core by a helper thread, a slice at a time, while
/// this thread writes the slices before.
fn one_per_line<S: serde::Serializer>(
    members: &[MemberResult],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use rayon::prelude::*;
    use serde::ser::{Error, SerializeSeq};
    use serde_json::value::{RawValue, to_raw_value};
    type Lines = serde_json::Result<Vec<Box<RawValue>>>;
    let mut seq = serializer.serialize_seq(Some(members.len()))?;
    std::thread::scope(|scope| {
        // Two slices in flight at most: one being written, one being made.
        let (send, receive) = std::sync::mpsc::sync_channel::<Lines>(1);
        scope.spawn(move || {
            for slice in members.chunks(4096) {
                let lines = slice.par_iter().map(to_raw_value).collect();
                if send.send(lines).is_err() {
                    break; // the writer stopped
                }
            }
        });
        for lines in receive {
            for line in lines.map_err(S::Error::custom)? {
                seq.serialize_element(&line)?;
            }
        }
        Ok(())
    })?;
    seq.end()
}

/// Rounds a score to two decimals, so sums of halves print as written.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
