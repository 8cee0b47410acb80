//! Reading the archive back: a member's records, an association's runs, a period's current
//! runs, and what an evaluation takes from the archive (the previous outcome, members' earlier
//! grades). Only current runs count for a period; histories show superseded runs as such.

use std::collections::BTreeMap;

use rusqlite::{OptionalExtension, params};

use super::rows::Dictionary;
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
        let mut dictionary = Dictionary::new(&self.conn).map_err(fail)?;
        let mut rows = stmt.query([run]).map_err(fail)?;
        while let Some(r) = rows.next().map_err(fail)? {
            let id: String = r.get(0).map_err(fail)?;
            let account = dictionary
                .decode(
                    run,
                    r.get(4).map_err(fail)?,
                    blob(r, 5).map_err(fail)?,
                    blob(r, 6).map_err(fail)?,
                )
                .map_err(|e| self.damaged(run, &id, e))?;
            outcome.members.push(MemberResult {
                id,
                name: r.get(1).map_err(fail)?,
                score: r.get(2).map_err(fail)?,
                grade: r.get(3).map_err(fail)?,
                actions: account.actions,
                warnings: account.warnings,
                reasons: account.reasons,
            });
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

    /// Member records of the runs that meet `condition`: each run is looked up first, then the
    /// member rows in it by their key (no index leads from a member to its runs).
    fn records(&self, condition: &str, key: &str) -> Result<Vec<Record>, Problem> {
        let fail = |e| problem(&self.path, Msg::new("archive-cannot-read"), e);
        let sql = format!(
            "SELECT r.id, r.association_id, r.association_name, r.period, r.period_end,
                    r.policy_digest, r.data_digest, c.member, c.name, c.score, c.grade,
                    r.legend, c.actions, c.warnings, c.reasons, {STANDING}
             FROM run r CROSS JOIN credit c ON c.run = r.id WHERE {condition}"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(fail)?;
        let mut dictionary = Dictionary::new(&self.conn).map_err(fail)?;
        let mut legends: BTreeMap<i64, CreditLegend> = BTreeMap::new();
        let mut records = Vec::new();
        let mut rows = stmt.query([key]).map_err(fail)?;
        while let Some(r) = rows.next().map_err(fail)? {
            let run: i64 = r.get(0).map_err(fail)?;
            let member: String = r.get(7).map_err(fail)?;
            let legend = match legends.get(&run) {
                Some(legend) => legend.clone(),
                None => {
                    let legend: CreditLegend =
                        serde_json::from_str(&r.get::<_, String>(11).map_err(fail)?)
                            .map_err(|e| json_problem(&self.path, e))?;
                    legends.insert(run, legend.clone());
                    legend
                }
            };
            let account = dictionary
                .decode(
                    run,
                    r.get(12).map_err(fail)?,
                    blob(r, 13).map_err(fail)?,
                    blob(r, 14).map_err(fail)?,
                )
                .map_err(|e| self.damaged(run, &member, e))?;
            records.push(Record {
                run,
                association_id: r.get(1).map_err(fail)?,
                association_name: r.get(2).map_err(fail)?,
                period: r.get(3).map_err(fail)?,
                period_end: r.get(4).map_err(fail)?,
                policy_digest: r.get(5).map_err(fail)?,
                data_digest: r.get(6).map_err(fail)?,
                credit: MemberResult {
                    id: member,
                    name: r.get(8).map_err(fail)?,
                    score: r.get(9).map_err(fail)?,
                    grade: r.get(10).map_err(fail)?,
                    actions: account.actions,
                    warnings: account.warnings,
                    reasons: account.reasons,
                },
                legend,
                events: account.events,
                standing: standing(r, 15).map_err(fail)?,
            });
        }
        Ok(records)
    }

    /// A row that does not decode: named by run and member, to verify.
    fn damaged(&self, run: i64, member: &str, error: String) -> Problem {
        let message = Msg::new("archive-row-damaged")
            .arg("run", run)
            .arg("member", member)
            .arg("error", error);
        Problem::in_file(&self.path, message).with_help(Msg::new("archive-verify-help"))
    }
}

/// A blob column (a text one is read as its bytes).
fn blob<'r>(r: &'r rusqlite::Row, i: usize) -> rusqlite::Result<&'r [u8]> {
    let value = r.get_ref(i)?;
    match value {
        rusqlite::types::ValueRef::Blob(b) | rusqlite::types::ValueRef::Text(b) => Ok(b),
        other => Err(rusqlite::Error::InvalidColumnType(
            i,
            String::new(),
            other.data_type(),
        )),
    }
}
