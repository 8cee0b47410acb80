//! The outcome of an evaluation: the JSON contract `cogov.outcome/1`.
//!
//! Field names of the contract are fixed (others rely on them); fields added beyond it carry
//! names, English texts and the facts used, so a report can say why without the policies.
//! Chinese is the primary language of text fields; `*_en` fields carry the English.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::data::FactValue;
use crate::diagnostic::{Problem, SourceFile};

/// The schema id written into every outcome.
pub const SCHEMA: &str = "cogov.outcome/1";

/// Everything one evaluation produced, with the digests of what it came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// Always [`SCHEMA`].
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
    /// Member credit results, by credit code.
    #[serde(default)]
    pub members: Vec<MemberResult>,
    /// Improvement actions the triggers raised.
    pub triggers: Vec<TriggerResult>,
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
    /// Rewards and penalties the grade brings.
    pub actions: Vec<String>,
    /// Credit warnings.
    pub warnings: Vec<String>,
    /// Every event's effect, caps and vetoes.
    pub reasons: Vec<String>,
}

/// An improvement action raised by a trigger (clause 7.4).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriggerResult {
    /// Trigger id.
    pub id: String,
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
                format!(
                    "this is a `{}` file; a previous outcome must be `{SCHEMA}`",
                    outcome.schema
                ),
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

    /// The result of an indicator, by id.
    pub fn indicator(&self, id: &str) -> Option<&IndicatorResult> {
        self.association.indicators.iter().find(|i| i.id == id)
    }
}

/// Rounds a score to two decimals, so sums of halves print as written.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
