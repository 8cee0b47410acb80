//! Reading the archive back: a member's records, an association's runs, a period's current
//! runs, and what an evaluation takes from the archive (the previous outcome, members' earlier
//! grades). Only current runs count for a period; histories show superseded runs as such.

use std::collections::BTreeMap;

use rusqlite::{OptionalExtension, params};

use super::{Archive, Record, Standing, json_problem, problem};
use crate::diagnostic::Problem;
use crate::eval::PreviousGrades;
use crate::message::Msg;
use crate::outcome::{CreditLegend, MemberResult, Outcome};

/// One run as an association's history lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct RunSummary {
    /// The run's number.
    pub run: i64,
    /// When it was recorded (UTC).
    pub recorded_at: String,
    /// The association's credit code.
    pub association_id: String,
    /// The association's name.
    pub association_name: String,
    /// Period label.
    pub period: String,
    /// Last day of the period.
    pub period_end: String,
    /// Policy digest.
    pub policy_digest: String,
    /// Data digest.
    pub data_digest: String,
    /// Digest of the previous outcome it was evaluated with (empty: none).
    pub previous_digest: String,
    /// Digest of the whole outcome.
    pub outcome_digest: String,
    /// The run's link in the hash chain.
    pub run_hash: String,
    /// Members recorded.
    pub members: i64,
    /// The outcome without its members (none for runs migrated from version 1).
    pub association: Option<Outcome>,
    /// Current or superseded.
    pub standing: Standing,
}

/// The columns that say whether a run is current: its correction, what superseded it, and
/// whether it is the current run of its period.
const STANDING: &str = "r.supersedes, r.reason,
    (SELECT s.id FROM run s WHERE s.supersedes = r.id ORDER BY s.id LIMIT 1),
    (SELECT s.reason FROM run s WHERE s.supersedes = r.id ORDER BY s.id LIMIT 1),
    r.id IN (SELECT id FROM current_run)";

fn standing(r: &rusqlite::Row, at: usize) -> rusqlite::Result<Standing> {
    let supersedes: Option<i64> = r.get(at)?;
    let reason: Option<String> = r.get(at + 1)?;
    let by: Option<i64> = r.get(at + 2)?;
    let by_reason: Option<String> = r.get(at + 3)?;
    Ok(if r.get(at + 4)? {
        Standing::Current {
            corrects: supersedes.map(|s| (s, reason.unwrap_or_default())),
        }
    } else {
        Standing::Superseded {
            by: by.map(|b| (b, by_reason.unwrap_or_default())),
        }
    })
}

impl Archive {
    /// Every record of a member, oldest period first (runs of one period in the order recorded,
    /// superseded ones marked so).
    pub fn history(&self, member: &str) -> Result<Vec<Record>, Problem> {
        self.records("c.member = ?1 ORDER BY r.period_end, r.id", member)
    }

    /// The member records of a period: for each association, those of its current run for the
    /// period; by association, then member.
    pub fn list(&self, period: &str) -> Result<Vec<Record>, Problem> {
        self.records(
            "r.period = ?1 AND r.id IN (SELECT id FROM current_run)
             ORDER BY r.association_id, c.member",
            period,
        )
    }

    /// The current runs of a period, by association.
    pub fn period_runs(&self, period: &str) -> Result<Vec<RunSummary>, Problem> {
        self.runs(
            "r.period = ?1 AND r.id IN (SELECT id FROM current_run) ORDER BY r.association_id",
            [period],
        )
    }

    /// Every run of an association, oldest period first, superseded ones included.
    pub fn association_runs(&self, association: &str) -> Result<Vec<RunSummary>, Problem> {
        self.runs(
            "r.association_id = ?1 ORDER BY r.period_end, r.id",
            [association],
        )
    }

    /// The current run of every association and period, by period end, then association:
    /// what the regulator's comparison reads (association parts only, no member rows).
    pub fn current_runs(&self) -> Result<Vec<RunSummary>, Problem> {
        self.runs(
            "r.id IN (SELECT id FROM current_run) ORDER BY r.period_end, r.association_id",
            [],
        )
    }

    /// The periods archived, by their last day.
    pub fn periods(&self) -> Result<Vec<String>, Problem> {
        let fail = |e| problem(&self.path, Msg::new("archive-cannot-read"), e);
        let mut stmt = self
            .conn
            .prepare("SELECT period FROM run GROUP BY period ORDER BY max(period_end), period")
            .map_err(fail)?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(fail)?;
        rows.collect::<Result<_, _>>().map_err(fail)
    }

    /// Each member's grade in the latest current run of an association whose period ended
    /// before `before` (the first day of the period being evaluated).
    pub fn previous_grades(
        &self,
        association: &str,
        before: jiff::civil::Date,
    ) -> Result<PreviousGrades, Problem> {
        Ok(self
            .grades_before(association, before)?
            .into_iter()
            .collect())
    }

    /// [`Archive::previous_grades`] as a list by credit code.
    pub(crate) fn grades_before(
        &self,
        association: &str,
        before: jiff::civil::Date,
    ) -> Result<Vec<(String, String)>, Problem> {
        let fail = |e| problem(&self.path, Msg::new("archive-cannot-read"), e);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT c.member, c.grade FROM credit c JOIN run r ON r.id = c.run
                 WHERE r.association_id = ?1 AND r.period_end < ?2
                   AND r.id IN (SELECT id FROM current_run)
                 ORDER BY c.member, r.period_end DESC, r.id DESC",
            )
            .map_err(fail)?;
        let rows = stmt
            .query_map(params![association, before.to_string()], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })
            .map_err(fail)?;
        let mut latest: Vec<(String, String)> = Vec::new();
        for row in rows {
            let (member, grade) = row.map_err(fail)?;
            if latest.last().is_none_or(|(m, _)| *m != member) {
                latest.push((member, grade));
            }
        }
        Ok(latest)
    }

    /// The outcome of the latest current run of an association whose period ended before
    /// `before`, rebuilt whole: its association part and its members' credit with their
    /// reasons. None when there is no such run, or it was archived before association parts
    /// were kept. A rebuilt outcome that does not match the run's digest is a damaged record.
    pub fn previous_outcome(
        &self,
        association: &str,
        before: jiff::civil::Date,
    ) -> Result<Option<Outcome>, Problem> {
        let fail = |e| problem(&self.path, Msg::new("archive-cannot-read"), e);
        let latest: Option<(i64, Option<String>, String)> = self
            .conn
            .query_row(
                "SELECT r.id, r.association, r.outcome_digest FROM run r
                 WHERE r.association_id = ?1 AND r.period_end < ?2
                   AND r.id IN (SELECT id FROM current_run)
                 ORDER BY r.period_end DESC, r.id DESC LIMIT 1",
                params![association, before.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(fail)?;
        let Some((run, Some(part), digest)) = latest else {
            return Ok(None);
        };
        let mut outcome: Outcome =
            serde_json::from_str(&part).map_err(|e| json_problem(&self.path, e))?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT member, name, score, grade, actions, warnings, reasons
                 FROM credit WHERE run = ?1 ORDER BY member",
            )
            .map_err(fail)?;
        let rows = stmt
            .query_map([run], |r| {
                Ok((
                    MemberResult {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        score: r.get(2)?,
                        grade: r.get(3)?,
                        actions: Vec::new(),
                        warnings: Vec::new(),
                        reasons: Vec::new(),
                    },
                    [
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, String>(6)?,
                    ],
                ))
            })
            .map_err(fail)?;
        for row in rows {
            let (mut member, [actions, warnings, reasons]) = row.map_err(fail)?;
            let bad = |e| json_problem(&self.path, e);
            member.actions = serde_json::from_str(&actions).map_err(bad)?;
            member.warnings = serde_json::from_str(&warnings).map_err(bad)?;
            member.reasons = serde_json::from_str(&reasons).map_err(bad)?;
            outcome.members.push(member);
        }
        let rebuilt = super::outcome_digest(&outcome);
        if rebuilt != digest {
            let message = Msg::new("archive-rebuilt-mismatch")
                .arg("run", run)
                .arg("archived", digest)
                .arg("rebuilt", rebuilt);
            return Err(
                Problem::in_file(&self.path, message).with_help(Msg::new("archive-verify-help"))
            );
        }
        Ok(Some(outcome))
    }

    /// Whether the archive holds runs of an association with this credit code.
    pub fn has_association(&self, code: &str) -> Result<bool, Problem> {
        let fail = |e| problem(&self.path, Msg::new("archive-cannot-read"), e);
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM run WHERE association_id = ?1)",
                [code],
                |r| r.get(0),
            )
            .map_err(fail)
    }

    fn runs(
        &self,
        condition: &str,
        key: impl rusqlite::Params,
    ) -> Result<Vec<RunSummary>, Problem> {
        let fail = |e| problem(&self.path, Msg::new("archive-cannot-read"), e);
        let sql = format!(
            "SELECT r.id, r.recorded_at, r.association_id, r.association_name, r.period,
                    r.period_end, r.policy_digest, r.data_digest, r.previous_digest,
                    r.outcome_digest, r.run_hash, r.members, r.association, {STANDING}
             FROM run r WHERE {condition}"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(fail)?;
        let rows = stmt
            .query_map(key, |r| {
                Ok((
                    RunSummary {
                        run: r.get(0)?,
                        recorded_at: r.get(1)?,
                        association_id: r.get(2)?,
                        association_name: r.get(3)?,
                        period: r.get(4)?,
                        period_end: r.get(5)?,
                        policy_digest: r.get(6)?,
                        data_digest: r.get(7)?,
                        previous_digest: r.get(8)?,
                        outcome_digest: r.get(9)?,
                        run_hash: r.get(10)?,
                        members: r.get(11)?,
                        association: None,
                        standing: standing(r, 13)?,
                    },
                    r.get::<_, Option<String>>(12)?,
                ))
            })
            .map_err(fail)?;
        let mut runs = Vec::new();
        for row in rows {
            let (mut run, part) = row.map_err(fail)?;
            run.association = part
                .map(|p| serde_json::from_str(&p))
                .transpose()
                .map_err(|e| json_problem(&self.path, e))?;
            runs.push(run);
        }
        Ok(runs)
    }

    fn records(&self, condition: &str, key: &str) -> Result<Vec<Record>, Problem> {
        let fail = |e| problem(&self.path, Msg::new("archive-cannot-read"), e);
        let sql = format!(
            "SELECT r.id, r.association_id, r.association_name, r.period, r.period_end,
                    r.policy_digest, r.data_digest, c.member, c.name, c.score, c.grade,
                    r.legend, c.actions, c.warnings, c.reasons, c.events, {STANDING}
             FROM credit c JOIN run r ON r.id = c.run WHERE {condition}"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(fail)?;
        let rows = stmt
            .query_map([key], |r| {
                Ok((
                    Record {
                        run: r.get(0)?,
                        association_id: r.get(1)?,
                        association_name: r.get(2)?,
                        period: r.get(3)?,
                        period_end: r.get(4)?,
                        policy_digest: r.get(5)?,
                        data_digest: r.get(6)?,
                        credit: MemberResult {
                            id: r.get(7)?,
                            name: r.get(8)?,
                            score: r.get(9)?,
                            grade: r.get(10)?,
                            actions: Vec::new(),
                            warnings: Vec::new(),
                            reasons: Vec::new(),
                        },
                        legend: CreditLegend::default(),
                        events: BTreeMap::new(),
                        standing: standing(r, 16)?,
                    },
                    [
                        r.get::<_, String>(11)?,
                        r.get::<_, String>(12)?,
                        r.get::<_, String>(13)?,
                        r.get::<_, String>(14)?,
                        r.get::<_, String>(15)?,
                    ],
                ))
            })
            .map_err(fail)?;
        let mut records = Vec::new();
        for row in rows {
            let (mut record, [legend, actions, warnings, reasons, events]) = row.map_err(fail)?;
            let bad = |e| json_problem(&self.path, e);
            record.legend = serde_json::from_str(&legend).map_err(bad)?;
            record.credit.actions = serde_json::from_str(&actions).map_err(bad)?;
            record.credit.warnings = serde_json::from_str(&warnings).map_err(bad)?;
            record.credit.reasons = serde_json::from_str(&reasons).map_err(bad)?;
            record.events = serde_json::from_str(&events).map_err(bad)?;
            records.push(record);
        }
        Ok(records)
    }
}
