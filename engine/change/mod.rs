//! What changed between two outcomes of the same association and period: after an edit to a
//! policy or data file (`watch`, a scenario's `Edit` step) or between two revisions of the
//! rubric (`diff`).
//!
//! A [`ChangeReport`] lists only what moved: the total and grade, levels and indicators whose
//! score or points moved, members whose credit grade changed (counted up and down, the first
//! few named), improvement actions raised or withdrawn, member warnings raised or lifted. Every
//! list keeps a fixed order (reading order of the outcome, or credit code order), so the same
//! two outcomes always give the same report, as text or JSON.

mod text;

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::outcome::{
    ClosedBy, FollowUp, FollowUpStatus, IndicatorResult, LevelResult, MemberResult, Outcome,
    TriggerResult, round2,
};
use crate::policy::PolicySet;

/// How many members whose grade changed a report names; the rest are counted.
pub const NAMED_MEMBERS: usize = 10;

/// Everything that moved between two outcomes of one association and period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChangeReport {
    /// The association's unified social credit code.
    pub association: String,
    /// The association's name.
    pub name: String,
    /// The period of the later outcome.
    pub period: String,
    /// Digests of the policy sets the two outcomes came from.
    pub policy: Pair<String>,
    /// Digests of the data the two outcomes came from.
    pub data: Pair<String>,
    /// The total before and after (the headline, given even when it did not move).
    pub total: Pair<Points>,
    /// The association's grade before and after (given even when it did not change).
    pub grade: GradeChange,
    /// Levels whose score or points moved, or that were added or removed.
    pub levels: Vec<NodeChange>,
    /// Indicators whose score or points moved, or that were added or removed.
    pub indicators: Vec<NodeChange>,
    /// Member credit grades that changed.
    pub members: MemberChanges,
    /// Improvement actions raised or withdrawn.
    pub triggers: Added<TriggerRef>,
    /// Earlier actions whose follow-up moved: a status that changed, or a follow-up only one
    /// side has.
    pub follow_ups: Vec<FollowUpChange>,
    /// Member warnings raised or lifted.
    pub warnings: Added<MemberWarning>,
}

/// A value before and after.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pair<T> {
    /// Before.
    pub from: T,
    /// After.
    pub to: T,
}

/// A score out of the most points available.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Points {
    /// Score.
    pub score: f64,
    /// Most points.
    pub max: f64,
}

/// Whether a grade went up or down.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// A better grade.
    Up,
    /// A worse grade.
    Down,
}

/// The association's grade before and after.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GradeChange {
    /// Grade id before.
    pub from_id: String,
    /// Grade id after.
    pub to_id: String,
    /// Grade before (Chinese name).
    pub from: String,
    /// Grade before (English name).
    pub from_en: String,
    /// Grade after (Chinese name).
    pub to: String,
    /// Grade after (English name).
    pub to_en: String,
    /// Better or worse (`null` when unchanged, or when neither the grade bands nor the score
    /// tell).
    pub direction: Option<Direction>,
}

impl GradeChange {
    /// True when the grade itself changed (by id; by name for outcomes without grade ids).
    pub fn changed(&self) -> bool {
        if self.from_id.is_empty() || self.to_id.is_empty() {
            self.from != self.to
        } else {
            self.from_id != self.to_id
        }
    }

    /// True when the grade stayed but its name was reworded.
    pub fn renamed(&self) -> bool {
        !self.changed() && (self.from != self.to || self.from_en != self.to_en)
    }
}

/// A level or indicator whose score or points moved. `from` is `null` for one the later
/// rubric added, `to` for one it removed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NodeChange {
    /// Level or indicator id.
    pub id: String,
    /// Chinese name.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Before.
    pub from: Option<Points>,
    /// After.
    pub to: Option<Points>,
}

/// Member credit grades compared member by member (by credit code).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct MemberChanges {
    /// Members in both outcomes.
    pub compared: usize,
    /// Of those, members whose grade changed.
    pub changed: usize,
    /// Of those, members whose grade went up.
    pub up: usize,
    /// Of those, members whose grade went down.
    pub down: usize,
    /// Members only in the later outcome.
    pub joined: usize,
    /// Members only in the earlier outcome.
    pub left: usize,
    /// The first [`NAMED_MEMBERS`] members whose grade changed, by credit code.
    pub named: Vec<MemberGradeChange>,
}

/// One member's credit grade before and after.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MemberGradeChange {
    /// Unified social credit code.
    pub id: String,
    /// Name.
    pub name: String,
    /// Grade before and after.
    pub grade: Pair<String>,
    /// Credit score before and after.
    pub score: Pair<f64>,
    /// Better or worse (`null` when neither the grade bands nor the score tell).
    pub direction: Option<Direction>,
}

/// Items present only after (`appeared`) or only before (`disappeared`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Added<T> {
    /// Only in the later outcome, in its order.
    pub appeared: Vec<T>,
    /// Only in the earlier outcome, in its order.
    pub disappeared: Vec<T>,
}

impl<T> Added<T> {
    /// True when nothing appeared or disappeared.
    pub fn is_empty(&self) -> bool {
        self.appeared.is_empty() && self.disappeared.is_empty()
    }
}

/// An improvement action, identified by its trigger and target indicator.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TriggerRef {
    /// Trigger id.
    pub id: String,
    /// Indicator it concerns.
    pub target: String,
    /// Clause of the standard.
    pub clause: String,
    /// The action (Chinese).
    pub action: String,
    /// The action (English).
    pub action_en: String,
}

/// Where an earlier action stands: its status and, when closed, what closed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Standing {
    /// Status.
    pub status: FollowUpStatus,
    /// What closed it.
    pub closed_by: Option<ClosedBy>,
}

/// An earlier action whose follow-up moved. `from` is `null` when only the later outcome
/// follows it up, `to` when only the earlier one did.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FollowUpChange {
    /// The action's id.
    pub action_id: String,
    /// Indicator it concerns.
    pub target: String,
    /// The action (Chinese).
    pub action: String,
    /// The action (English).
    pub action_en: String,
    /// Before.
    pub from: Option<Standing>,
    /// After.
    pub to: Option<Standing>,
    /// Why it stands as it does after (before, when only the earlier outcome has it; Chinese).
    pub reason: String,
    /// The same in English.
    pub reason_en: String,
}

/// A credit warning on one member.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct MemberWarning {
    /// The member's credit code.
    pub member: String,
    /// The warning's id, e.g. `grade_drop`.
    pub id: String,
    /// The member's name.
    pub name: String,
    /// The warning (Chinese).
    pub text: String,
    /// The warning (English).
    pub text_en: String,
}

/// Grade names best first, so a report can say whether a grade went up or down.
///
/// A grade is looked up in the later policy set's bands first, then in the earlier one's (a
/// revision may rename a grade). A grade neither knows is compared by score.
#[derive(Clone, Debug, Default)]
pub struct GradeScale {
    association: Vec<Vec<String>>,
    members: Vec<Vec<String>>,
}

impl GradeScale {
    /// The grade bands of one policy set: the rubric's and the member credit's.
    pub fn of(policies: &PolicySet) -> Self {
        let association = policies
            .rubric
            .grades
            .iter()
            .map(|g| g.id.clone())
            .collect();
        let members = policies
            .credit
            .grades
            .iter()
            .map(|g| g.id.clone())
            .collect();
        GradeScale {
            association: vec![association],
            members: vec![members],
        }
    }

    /// This scale, falling back on an earlier policy set's for grades it does not know.
    pub fn or_else(mut self, earlier: &GradeScale) -> Self {
        self.association.extend(earlier.association.iter().cloned());
        self.members.extend(earlier.members.iter().cloned());
        self
    }

    fn direction(bands: &[Vec<String>], from: (&str, f64), to: (&str, f64)) -> Option<Direction> {
        let rank = |grade: &str| bands.iter().find_map(|b| b.iter().position(|g| g == grade));
        match (rank(from.0), rank(to.0)) {
            (Some(a), Some(b)) if a != b => Some(if b < a {
                Direction::Up
            } else {
                Direction::Down
            }),
            _ if to.1 > from.1 => Some(Direction::Up),
            _ if to.1 < from.1 => Some(Direction::Down),
            _ => None,
        }
    }
}

impl ChangeReport {
    /// What moved from `before` to `after` (two outcomes of the same association).
    pub fn between(before: &Outcome, after: &Outcome, scale: &GradeScale) -> ChangeReport {
        let (b, a) = (&before.association, &after.association);
        let total = Pair {
            from: Points {
                score: b.score,
                max: b.max,
            },
            to: Points {
                score: a.score,
                max: a.max,
            },
        };
        let mut grade = GradeChange {
            from_id: b.grade_id.clone(),
            to_id: a.grade_id.clone(),
            from: b.grade.clone(),
            from_en: b.grade_en.clone(),
            to: a.grade.clone(),
            to_en: a.grade_en.clone(),
            direction: None,
        };
        if grade.changed() {
            grade.direction = GradeScale::direction(
                &scale.association,
                (&b.grade_id, b.score),
                (&a.grade_id, a.score),
            );
        }
        let levels = nodes(
            b.levels.iter().map(Row::level).collect(),
            a.levels.iter().map(Row::level).collect(),
        );
        let indicators = nodes(
            b.indicators.iter().map(Row::indicator).collect(),
            a.indicators.iter().map(Row::indicator).collect(),
        );
        ChangeReport {
            association: a.id.clone(),
            name: a.name.clone(),
            period: after.period.clone(),
            policy: Pair {
                from: before.policy.digest.clone(),
                to: after.policy.digest.clone(),
            },
            data: Pair {
                from: before.data.digest.clone(),
                to: after.data.digest.clone(),
            },
            total,
            grade,
            levels,
            indicators,
            members: members(&before.members, &after.members, scale),
            triggers: triggers(&before.triggers, &after.triggers),
            follow_ups: follow_ups(&before.follow_ups, &after.follow_ups),
            warnings: warnings(&before.members, &after.members),
        }
    }

    /// True when no result moved (the digests may differ: a change with no effect).
    pub fn is_empty(&self) -> bool {
        !moved(Some(self.total.from), Some(self.total.to))
            && !self.grade.changed()
            && !self.grade.renamed()
            && self.levels.is_empty()
            && self.indicators.is_empty()
            && self.members.changed == 0
            && self.members.joined == 0
            && self.members.left == 0
            && self.triggers.is_empty()
            && self.follow_ups.is_empty()
            && self.warnings.is_empty()
    }

    /// The report as pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut json =
            serde_json::to_string_pretty(self).expect("a change report always serialises");
        json.push('\n');
        json
    }
}

/// Whether a score or its maximum moved (scores are compared as printed, to two decimals).
fn moved(from: Option<Points>, to: Option<Points>) -> bool {
    match (from, to) {
        (Some(f), Some(t)) => round2(f.score) != round2(t.score) || round2(f.max) != round2(t.max),
        (None, None) => false,
        _ => true,
    }
}

/// A level or indicator as the comparison sees it.
#[derive(Clone, Copy)]
struct Row<'a> {
    id: &'a str,
    name: &'a str,
    name_en: &'a str,
    points: Points,
}

impl<'a> Row<'a> {
    fn level(l: &'a LevelResult) -> Self {
        Row {
            id: &l.id,
            name: &l.name,
            name_en: &l.name_en,
            points: Points {
                score: l.score,
                max: l.max,
            },
        }
    }

    fn indicator(i: &'a IndicatorResult) -> Self {
        Row {
            id: &i.id,
            name: &i.name,
            name_en: &i.name_en,
            points: Points {
                score: i.score,
                max: i.max,
            },
        }
    }

    fn change(&self, from: Option<Points>, to: Option<Points>) -> NodeChange {
        NodeChange {
            id: self.id.to_string(),
            name: self.name.to_string(),
            name_en: self.name_en.to_string(),
            from,
            to,
        }
    }
}

/// Nodes that moved: the later outcome's in its order, then those only the earlier one had.
fn nodes(before: Vec<Row<'_>>, after: Vec<Row<'_>>) -> Vec<NodeChange> {
    let earlier: BTreeMap<&str, Points> = before.iter().map(|r| (r.id, r.points)).collect();
    let later: BTreeSet<&str> = after.iter().map(|r| r.id).collect();
    let mut changes = Vec::new();
    for row in &after {
        let from = earlier.get(row.id).copied();
        if moved(from, Some(row.points)) {
            changes.push(row.change(from, Some(row.points)));
        }
    }
    for row in before.iter().filter(|r| !later.contains(r.id)) {
        changes.push(row.change(Some(row.points), None));
    }
    changes
}

/// Members in credit code order (outcomes list them so already; sorting a sorted list is
/// linear, and keeps the comparison right for any list).
fn by_code(list: &[MemberResult]) -> Vec<&MemberResult> {
    let mut sorted: Vec<&MemberResult> = list.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    sorted
}

/// Compares members by credit code, walking both lists in step (tens of thousands of
/// members compare in a few milliseconds).
fn members(before: &[MemberResult], after: &[MemberResult], scale: &GradeScale) -> MemberChanges {
    let (earlier, later) = (by_code(before), by_code(after));
    let mut changes = MemberChanges::default();
    let (mut i, mut j) = (0, 0);
    loop {
        let order = match (earlier.get(i), later.get(j)) {
            (None, None) => break,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some(old), Some(now)) => old.id.cmp(&now.id),
        };
        match order {
            Ordering::Less => {
                changes.left += 1;
                i += 1;
            }
            Ordering::Greater => {
                changes.joined += 1;
                j += 1;
            }
            Ordering::Equal => {
                changes.compare(earlier[i], later[j], scale);
                i += 1;
                j += 1;
            }
        }
    }
    changes
}

impl MemberChanges {
    /// Counts (and names, while fewer than [`NAMED_MEMBERS`] are) a member in both outcomes.
    fn compare(&mut self, old: &MemberResult, now: &MemberResult, scale: &GradeScale) {
        self.compared += 1;
        if old.grade == now.grade {
            return;
        }
        let direction = GradeScale::direction(
            &scale.members,
            (&old.grade, old.score),
            (&now.grade, now.score),
        );
        self.changed += 1;
        match direction {
            Some(Direction::Up) => self.up += 1,
            Some(Direction::Down) => self.down += 1,
            None => {}
        }
        if self.named.len() < NAMED_MEMBERS {
            self.named.push(MemberGradeChange {
                id: now.id.clone(),
                name: now.name.clone(),
                grade: Pair {
                    from: old.grade.clone(),
                    to: now.grade.clone(),
                },
                score: Pair {
                    from: old.score,
                    to: now.score,
                },
                direction,
            });
        }
    }
}

fn triggers(before: &[TriggerResult], after: &[TriggerResult]) -> Added<TriggerRef> {
    let keys = |list: &[TriggerResult]| -> BTreeSet<(String, String)> {
        list.iter()
            .map(|t| (t.id.clone(), t.target.clone()))
            .collect()
    };
    let (earlier, later) = (keys(before), keys(after));
    let only = |list: &[TriggerResult], other: &BTreeSet<(String, String)>| {
        list.iter()
            .filter(|t| !other.contains(&(t.id.clone(), t.target.clone())))
            .map(|t| TriggerRef {
                id: t.id.clone(),
                target: t.target.clone(),
                clause: t.clause.clone(),
                action: t.action.clone(),
                action_en: t.action_en.clone(),
            })
            .collect()
    };
    Added {
        appeared: only(after, &earlier),
        disappeared: only(before, &later),
    }
}

/// Follow-ups whose standing moved, in the later outcome's order, then those only the earlier
/// one has.
fn follow_ups(before: &[FollowUp], after: &[FollowUp]) -> Vec<FollowUpChange> {
    let standing = |f: &FollowUp| Standing {
        status: f.status,
        closed_by: f.closed_by,
    };
    let find = |list: &[FollowUp], id: &str| list.iter().find(|f| f.action_id == id).map(standing);
    let change = |f: &FollowUp, from: Option<Standing>, to: Option<Standing>| FollowUpChange {
        action_id: f.action_id.clone(),
        target: f.target.clone(),
        action: f.action.clone(),
        action_en: f.action_en.clone(),
        from,
        to,
        reason: f.reason.clone(),
        reason_en: f.reason_en.clone(),
    };
    let mut list: Vec<FollowUpChange> = after
        .iter()
        .filter_map(|f| {
            let from = find(before, &f.action_id);
            (from != Some(standing(f))).then(|| change(f, from, Some(standing(f))))
        })
        .collect();
    list.extend(
        before
            .iter()
            .filter(|f| find(after, &f.action_id).is_none())
            .map(|f| change(f, Some(standing(f)), None)),
    );
    list
}

fn warnings(before: &[MemberResult], after: &[MemberResult]) -> Added<MemberWarning> {
    let all = |list: &[MemberResult]| -> BTreeSet<MemberWarning> {
        list.iter()
            .flat_map(|m| {
                m.warnings.iter().map(|w| MemberWarning {
                    member: m.id.clone(),
                    id: w.id.clone(),
                    name: m.name.clone(),
                    text: w.text.clone(),
                    text_en: w.text_en.clone(),
                })
            })
            .collect()
    };
    let (earlier, later) = (all(before), all(after));
    Added {
        appeared: later.difference(&earlier).cloned().collect(),
        disappeared: earlier.difference(&later).cloned().collect(),
    }
}
