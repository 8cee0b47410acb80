//! The member credit archive (质量信用档案, 8.1.2.2 c): every evaluation's member credit — per
//! member and period the score, grade, rewards and penalties, warnings and reasons — kept with
//! the association, the period, and the policy and data digests of the run that produced it.
//!
//! The store is one SQLite file. Records are appended, never rewritten: triggers in the schema
//! refuse any UPDATE or DELETE of a run or a credit record, and recording an outcome that is
//! already archived is a no-op that says so. One recorded outcome is one transaction committed
//! once at the end, under SQLite's rollback journal: a run interrupted mid-write (a crash, a
//! kill, a power cut) leaves the archive as it was, and the next open rolls the journal back.
//!
//! The schema carries its version; an archive written by a newer schema is refused rather than
//! misread.

pub(crate) mod render;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::diagnostic::Problem;
use crate::eval::PreviousGrades;
use crate::message::Msg;
use crate::outcome::{CreditLegend, MemberResult, Outcome};

/// The schema version this program writes and reads.
pub const SCHEMA_VERSION: i64 = 1;

/// Where the archive is when `--db` is not given: in the current folder.
pub const DEFAULT_PATH: &str = "cogov-archive.sqlite";

const SCHEMA: &str = "
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE run (
    id               INTEGER PRIMARY KEY,
    recorded_at      TEXT NOT NULL,
    association_id   TEXT NOT NULL,
    association_name TEXT NOT NULL,
    period           TEXT NOT NULL,
    period_end       TEXT NOT NULL,
    sector           TEXT NOT NULL,
    policy_digest    TEXT NOT NULL,
    data_digest      TEXT NOT NULL,
    outcome_digest   TEXT NOT NULL,
    legend           TEXT NOT NULL,
    UNIQUE (association_id, period, policy_digest, data_digest)
);
CREATE TABLE credit (
    member   TEXT NOT NULL,
    run      INTEGER NOT NULL REFERENCES run (id),
    name     TEXT NOT NULL,
    score    REAL NOT NULL,
    grade    TEXT NOT NULL,
    actions  TEXT NOT NULL,
    warnings TEXT NOT NULL,
    reasons  TEXT NOT NULL,
    PRIMARY KEY (member, run)
) WITHOUT ROWID;
CREATE INDEX credit_by_run ON credit (run);
CREATE TRIGGER run_is_append_only_update BEFORE UPDATE ON run
    BEGIN SELECT RAISE(ABORT, 'the credit archive is append-only'); END;
CREATE TRIGGER run_is_append_only_delete BEFORE DELETE ON run
    BEGIN SELECT RAISE(ABORT, 'the credit archive is append-only'); END;
CREATE TRIGGER credit_is_append_only_update BEFORE UPDATE ON credit
    BEGIN SELECT RAISE(ABORT, 'the credit archive is append-only'); END;
CREATE TRIGGER credit_is_append_only_delete BEFORE DELETE ON credit
    BEGIN SELECT RAISE(ABORT, 'the credit archive is append-only'); END;
";

/// An open archive.
pub struct Archive {
    conn: Connection,
    path: PathBuf,
}

/// What recording an outcome did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Recorded {
    /// A new run was appended with this many member records.
    New {
        /// The run's number.
        run: i64,
        /// Members recorded.
        members: usize,
    },
    /// The same outcome was archived before; nothing was written.
    Already {
        /// The run that holds it.
        run: i64,
        /// When that run was recorded (UTC).
        recorded_at: String,
    },
}

/// One archived credit record: a member's credit in one run.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// The run's number.
    pub run: i64,
    /// The association's credit code.
    pub association_id: String,
    /// The association's name.
    pub association_name: String,
    /// Period label.
    pub period: String,
    /// Last day of the period.
    pub period_end: String,
    /// Policy digest of the run.
    pub policy_digest: String,
    /// Data digest of the run.
    pub data_digest: String,
    /// The member's credit as the outcome gave it.
    pub credit: MemberResult,
    /// Names of the run's grades and actions.
    pub legend: CreditLegend,
}

impl Archive {
    /// Opens an archive, creating the file and its schema when there is none yet.
    pub fn open_or_create(path: &Path) -> Result<Archive, Problem> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE;
        Self::connect(path, flags)
    }

    /// Opens an existing archive; a missing file is a problem, not a new archive.
    pub fn open(path: &Path) -> Result<Archive, Problem> {
        if !path.is_file() {
            return Err(Problem::in_file(path, Msg::new("archive-missing"))
                .with_help(Msg::new("archive-missing-help")));
        }
        Self::connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
    }

    fn connect(path: &Path, flags: OpenFlags) -> Result<Archive, Problem> {
        let fail = |e: rusqlite::Error| problem(path, Msg::new("archive-cannot-open"), e);
        let conn = Connection::open_with_flags(path, flags).map_err(fail)?;
        conn.busy_timeout(Duration::from_secs(10)).map_err(fail)?;
        let archive = Archive {
            conn,
            path: path.to_path_buf(),
        };
        archive.check_schema()?;
        Ok(archive)
    }

    /// How many tables the file holds; a file that is no database is a problem saying so.
    fn tables(&self) -> Result<i64, Problem> {
        let fail = |e| problem(&self.path, Msg::new("archive-cannot-read"), e);
        self.conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
                [],
                |r| r.get(0),
            )
            .map_err(|e| match e {
                rusqlite::Error::SqliteFailure(f, _)
                    if f.code == rusqlite::ErrorCode::NotADatabase =>
                {
                    Problem::in_file(&self.path, Msg::new("archive-not-sqlite"))
                }
                e => fail(e),
            })
    }

    /// Creates the schema in a new file, or checks the version of an existing one.
    fn check_schema(&self) -> Result<(), Problem> {
        if self.tables()? == 0 {
            self.create_schema()?;
        }
        let version: Option<i64> = self
            .conn
            .query_row("SELECT version FROM schema_version", [], |r| r.get(0))
            .optional()
            .map_err(|_| Problem::in_file(&self.path, Msg::new("archive-no-schema-table")))?;
        match version {
            Some(SCHEMA_VERSION) => Ok(()),
            Some(v) if v > SCHEMA_VERSION => {
                let message = Msg::new("archive-newer-schema")
                    .arg("version", v)
                    .arg("ours", SCHEMA_VERSION);
                Err(Problem::in_file(&self.path, message)
                    .with_help(Msg::new("archive-newer-schema-help")))
            }
            Some(v) => Err(Problem::in_file(
                &self.path,
                Msg::new("archive-unknown-schema").arg("version", v),
            )),
            None => Err(Problem::in_file(
                &self.path,
                Msg::new("archive-no-schema-version"),
            )),
        }
    }

    /// Creates the schema under the write lock, after looking again: another process may have
    /// created it since the file was found empty (it waits for the lock, then finds it there).
    fn create_schema(&self) -> Result<(), Problem> {
        let fail = |e| problem(&self.path, Msg::new("archive-cannot-create"), e);
        self.conn.execute_batch("BEGIN IMMEDIATE").map_err(fail)?;
        let created = match self.tables() {
            Ok(0) => self
                .conn
                .execute_batch(&format!(
                    "{SCHEMA} INSERT INTO schema_version VALUES ({SCHEMA_VERSION});"
                ))
                .map_err(fail),
            Ok(_) => Ok(()),
            Err(p) => Err(p),
        };
        match created {
            Ok(()) => self.conn.execute_batch("COMMIT").map_err(fail),
            Err(p) => {
                // The problem is what to report; a failed rollback adds nothing to it.
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(p)
            }
        }
    }

    /// The file the archive is in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends an outcome's member credit as one run, in one transaction.
    ///
    /// An outcome of the same association, period, policies and data that is already archived
    /// is not written again; if its results differ from the archived ones, it is refused.
    pub fn record(&mut self, outcome: &Outcome) -> Result<Recorded, Problem> {
        let path = self.path.clone();
        let fail = |e| problem(&path, Msg::new("archive-cannot-write"), e);
        has_member_credit(outcome, &path)?;
        let digest = crate::policy::hex16(&Sha256::digest(outcome.to_json().as_bytes()));
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail)?;
        let existing: Option<(i64, String, String)> = tx
            .query_row(
                "SELECT id, outcome_digest, recorded_at FROM run
                 WHERE association_id = ?1 AND period = ?2 AND policy_digest = ?3 AND data_digest = ?4",
                params![outcome.association.id, outcome.period, outcome.policy.digest, outcome.data.digest],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(fail)?;
        if let Some((run, archived, recorded_at)) = existing {
            if archived != digest {
                let message = Msg::new("archive-conflict")
                    .arg("run", run)
                    .arg("name", outcome.association.name.as_str())
                    .arg("period", outcome.period.as_str());
                return Err(
                    Problem::in_file(&path, message).with_help(Msg::new("archive-conflict-help"))
                );
            }
            return Ok(Recorded::Already { run, recorded_at });
        }
        let legend = json(&outcome.credit);
        let recorded_at = jiff::Timestamp::now()
            .strftime("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
        tx.execute(
            "INSERT INTO run (recorded_at, association_id, association_name, period, period_end, sector,
                              policy_digest, data_digest, outcome_digest, legend)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                recorded_at,
                outcome.association.id,
                outcome.association.name,
                outcome.period,
                outcome.period_end,
                outcome.policy.sector,
                outcome.policy.digest,
                outcome.data.digest,
                digest,
                legend
            ],
        )
        .map_err(fail)?;
        let run = tx.last_insert_rowid();
        {
            let mut insert = tx
                .prepare("INSERT INTO credit (member, run, name, score, grade, actions, warnings, reasons)
                          VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                .map_err(fail)?;
            for m in &outcome.members {
                insert
                    .execute(params![
                        m.id,
                        run,
                        m.name,
                        m.score,
                        m.grade,
                        json(&m.actions),
                        json(&m.warnings),
                        json(&m.reasons)
                    ])
                    .map_err(fail)?;
            }
        }
        tx.commit().map_err(fail)?;
        Ok(Recorded::New {
            run,
            members: outcome.members.len(),
        })
    }

    /// Every record of a member, oldest period first (runs of one period in the order recorded).
    pub fn history(&self, member: &str) -> Result<Vec<Record>, Problem> {
        self.records("c.member = ?1 ORDER BY r.period_end, r.id", member)
    }

    /// The records of a period: for each association, those of its latest run for the period;
    /// by association, then member.
    pub fn list(&self, period: &str) -> Result<Vec<Record>, Problem> {
        self.records(
            "r.id IN (SELECT max(id) FROM run WHERE period = ?1 GROUP BY association_id)
             ORDER BY r.association_id, c.member",
            period,
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

    /// Each member's grade in the latest archived period of an association that ended before
    /// `before` (the first day of the period being evaluated).
    pub fn previous_grades(
        &self,
        association: &str,
        before: jiff::civil::Date,
    ) -> Result<PreviousGrades, Problem> {
        let fail = |e| problem(&self.path, Msg::new("archive-cannot-read"), e);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT c.member, c.grade FROM credit c JOIN run r ON r.id = c.run
                 WHERE r.association_id = ?1 AND r.period_end < ?2
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
        Ok(latest.into_iter().collect())
    }

    fn records(&self, condition: &str, key: &str) -> Result<Vec<Record>, Problem> {
        let fail = |e| problem(&self.path, Msg::new("archive-cannot-read"), e);
        let sql = format!(
            "SELECT r.id, r.association_id, r.association_name, r.period, r.period_end, r.policy_digest,
                    r.data_digest, r.legend, c.member, c.name, c.score, c.grade, c.actions, c.warnings, c.reasons
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
                            id: r.get(8)?,
                            name: r.get(9)?,
                            score: r.get(10)?,
                            grade: r.get(11)?,
                            actions: Vec::new(),
                            warnings: Vec::new(),
                            reasons: Vec::new(),
                        },
                        legend: CreditLegend::default(),
                    },
                    [
                        r.get::<_, String>(7)?,
                        r.get::<_, String>(12)?,
                        r.get::<_, String>(13)?,
                        r.get::<_, String>(14)?,
                    ],
                ))
            })
            .map_err(fail)?;
        let mut records = Vec::new();
        for row in rows {
            let (mut record, [legend, actions, warnings, reasons]) = row.map_err(fail)?;
            let bad = |e| json_problem(&self.path, e);
            record.legend = serde_json::from_str(&legend).map_err(bad)?;
            record.credit.actions = serde_json::from_str(&actions).map_err(bad)?;
            record.credit.warnings = serde_json::from_str(&warnings).map_err(bad)?;
            record.credit.reasons = serde_json::from_str(&reasons).map_err(bad)?;
            records.push(record);
        }
        Ok(records)
    }
}

/// An outcome without members (its data had no roster) has nothing to archive.
pub fn has_member_credit(outcome: &Outcome, archive: &Path) -> Result<(), Problem> {
    if outcome.members.is_empty() {
        let message = Msg::new("archive-no-member-credit")
            .arg("name", outcome.association.name.as_str())
            .arg("period", outcome.period.as_str());
        return Err(
            Problem::in_file(archive, message).with_help(Msg::new("archive-no-member-credit-help"))
        );
    }
    Ok(())
}

/// A part of an outcome as the JSON text of its column.
fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("an outcome always serialises")
}

/// `what` went wrong with the archive, with SQLite's reason.
fn problem(path: &Path, what: Msg, e: rusqlite::Error) -> Problem {
    Problem::in_file(path, what.arg("error", e.to_string()))
}

fn json_problem(path: &Path, e: serde_json::Error) -> Problem {
    Problem::in_file(
        path,
        Msg::new("archive-damaged").arg("error", e.to_string()),
    )
}
