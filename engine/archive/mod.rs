//! The credit archive (质量信用档案, 8.1.2.2 c): every evaluation of an association — its
//! association part (total, grade, levels, indicators, triggers and whatever else the outcome
//! carries) and per member the score, grade, rewards and penalties, warnings, reasons and the
//! description of every event the account refers to — kept with the association, the period,
//! and the digests of the policies, data and previous outcome it was evaluated from.
//!
//! The store is one SQLite file. Records are appended, never rewritten: triggers in the schema
//! refuse any UPDATE or DELETE, a correction is a new run that supersedes the old one, and the
//! runs are hash-chained so that a file edited behind the program's back is found out by
//! [`Archive::verify`]. One recorded run is one transaction committed once at the end, under
//! SQLite's rollback journal: a run interrupted mid-write (a crash, a kill, a power cut) leaves
//! the archive as it was, and the next open rolls the journal back.
//!
//! Durability is chosen, not defaulted: `synchronous = EXTRA`. The journal is synced before the
//! file is written, the file before the journal is deleted, and — what EXTRA adds to FULL — the
//! folder after the deletion, so that once `record` has said a run is recorded, a power cut
//! cannot bring the journal back and roll the run back at the next open. The rollback journal
//! rather than a write-ahead log: a run is appended at the end of the file, so the journal holds
//! only the few pages it changes there, while a write-ahead log would write every page twice
//! (once to the log, once back into the file) and needs shared memory beside the file.
//!
//! The schema carries its version; an archive of version 1 or 2 is migrated when opened, one
//! written by a newer schema is refused rather than misread.

mod chain;
pub(crate) mod compare;
mod digest;
pub(crate) mod events;
mod migrate;
mod read;
pub(crate) mod render;
mod rows;
mod schema;
mod verify;
mod write;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::diagnostic::Problem;
use crate::message::Msg;
use crate::outcome::{CreditLegend, MemberResult, Outcome};
use crate::text::Text;

pub use events::Described;
pub use read::RunSummary;
pub use schema::{SCHEMA_VERSION, VERSION_1};

pub use verify::Verified;
pub use write::{Correction, Recorded, Recording};

/// Where the archive is when `--db` is not given: in the current folder.
pub const DEFAULT_PATH: &str = "cogov-archive.sqlite";

/// An open archive.
pub struct Archive {
    conn: Connection,
    path: PathBuf,
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
    /// What each event the account refers to was, by event id (none for runs archived before
    /// descriptions were kept).
    pub events: std::collections::BTreeMap<String, Text>,
    /// Whether the run is the current one of its association and period, or was superseded.
    pub standing: Standing,
}

/// Whether a run is the one in force for its association and period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Standing {
    /// The current run (a correction names the run it supersedes and why).
    Current {
        /// The run it corrects, with the reason given.
        corrects: Option<(i64, String)>,
    },
    /// Replaced by a correction (or, in an archive migrated from version 1, by a later run of
    /// the same period).
    Superseded {
        /// The run that replaced it and the reason given for the correction.
        by: Option<(i64, String)>,
    },
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
        let version = archive.check_schema()?;
        // A run is written whole in one transaction: with the default 2 MB page cache, a large
        // run spills pages to the file mid-transaction, and each spill syncs the journal first.
        // The cache is a limit, not an allocation.
        archive
            .conn
            .execute_batch("PRAGMA cache_size = -1048576; PRAGMA synchronous = EXTRA")
            .map_err(fail)?;
        if version < SCHEMA_VERSION {
            archive.migrate()?;
        }
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

    /// Creates the schema in a new file, or checks the version of an existing one: this one's,
    /// or an older one to migrate from.
    fn check_schema(&self) -> Result<i64, Problem> {
        if self.tables()? == 0 {
            self.create_schema()?;
        }
        let version: Option<i64> = self
            .conn
            .query_row("SELECT version FROM schema_version", [], |r| r.get(0))
            .optional()
            .map_err(|_| Problem::in_file(&self.path, Msg::new("archive-no-schema-table")))?;
        match version {
            Some(v @ (1 | 2 | SCHEMA_VERSION)) => Ok(v),
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
        // Takes effect only while the file is empty: the first to create the schema decides.
        self.conn
            .execute_batch(&format!("PRAGMA page_size = {}", schema::PAGE_SIZE))
            .map_err(fail)?;
        self.conn.execute_batch("BEGIN IMMEDIATE").map_err(fail)?;
        let created = match self.tables() {
            Ok(0) => self
                .conn
                .execute_batch(&format!(
                    "CREATE TABLE schema_version (version INTEGER NOT NULL);
                     {tables} INSERT INTO schema_version VALUES ({SCHEMA_VERSION});",
                    tables = schema::TABLES
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
}

/// A part of an outcome as the JSON text of its column.
fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("an outcome always serialises")
}

/// An outcome's digest: SHA-256 of its JSON as `cogov eval --format json` writes it (the first
/// 16 hex digits), computed without building the text.
pub fn outcome_digest(outcome: &Outcome) -> String {
    struct Hashing(Sha256);
    impl std::io::Write for Hashing {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.update(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut hashing = Hashing(Sha256::new());
    outcome
        .write_json(&mut hashing)
        .expect("an outcome always serialises");
    crate::policy::hex16(&hashing.0.finalize())
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
