//! The archive's tables: the schema this program writes (version 2), the one before it
//! (version 1, kept to migrate from), and the migration.
//!
//! Version 2 keys credit rows by (run, member), so a run's rows are appended at the end of the
//! table however large the archive grows, with an index for looking a member up. Each run keeps
//! the association part of its outcome, the digest of the previous outcome it was evaluated
//! with, what it supersedes, and its place in the hash chain.

use rusqlite::Connection;

/// The schema version this program writes and reads.
pub const SCHEMA_VERSION: i64 = 2;

/// The tables of version 2, without `schema_version`.
pub(super) const TABLES: &str = "
CREATE TABLE run (
    id                 INTEGER PRIMARY KEY,
    recorded_at        TEXT NOT NULL,
    association_id     TEXT NOT NULL,
    association_name   TEXT NOT NULL,
    period             TEXT NOT NULL,
    period_end         TEXT NOT NULL,
    sector             TEXT NOT NULL,
    policy_digest      TEXT NOT NULL,
    data_digest        TEXT NOT NULL,
    previous_digest    TEXT NOT NULL,
    outcome_digest     TEXT NOT NULL,
    legend             TEXT NOT NULL,
    association        TEXT,
    association_digest TEXT,
    members            INTEGER NOT NULL,
    supersedes         INTEGER REFERENCES run (id),
    reason             TEXT,
    content_hash       TEXT NOT NULL,
    run_hash           TEXT NOT NULL,
    UNIQUE (association_id, period, policy_digest, data_digest, previous_digest)
);
CREATE INDEX run_by_supersedes ON run (supersedes);
CREATE TABLE credit (
    run      INTEGER NOT NULL REFERENCES run (id),
    member   TEXT NOT NULL,
    name     TEXT NOT NULL,
    score    REAL NOT NULL,
    grade    TEXT NOT NULL,
    actions  TEXT NOT NULL,
    warnings TEXT NOT NULL,
    reasons  TEXT NOT NULL,
    events   TEXT NOT NULL,
    digest   TEXT NOT NULL,
    PRIMARY KEY (run, member)
) WITHOUT ROWID;
CREATE INDEX credit_by_member ON credit (member);
CREATE VIEW current_run AS
    SELECT max(r.id) AS id FROM run r
    WHERE NOT EXISTS (SELECT 1 FROM run s WHERE s.supersedes = r.id)
    GROUP BY r.association_id, r.period;
CREATE TRIGGER run_is_append_only_update BEFORE UPDATE ON run
    BEGIN SELECT RAISE(ABORT, 'the credit archive is append-only'); END;
CREATE TRIGGER run_is_append_only_delete BEFORE DELETE ON run
    BEGIN SELECT RAISE(ABORT, 'the credit archive is append-only'); END;
CREATE TRIGGER credit_is_append_only_update BEFORE UPDATE ON credit
    BEGIN SELECT RAISE(ABORT, 'the credit archive is append-only'); END;
CREATE TRIGGER credit_is_append_only_delete BEFORE DELETE ON credit
    BEGIN SELECT RAISE(ABORT, 'the credit archive is append-only'); END;
";

/// The run columns the chain covers, in the order they are hashed (all but the hashes).
pub(super) const RUN_COLUMNS: &str = "id, recorded_at, association_id, association_name, period, \
    period_end, sector, policy_digest, data_digest, previous_digest, outcome_digest, legend, \
    association, association_digest, members, supersedes, reason";

/// The credit columns a row's digest covers, in the order they are hashed (all but the digest).
pub(super) const CREDIT_COLUMNS: &str =
    "run, member, name, score, grade, actions, warnings, reasons, events";

/// Version 1's tables, written as they were: what [`migrate_from_1`] starts from (and what
/// tests build a version-1 file with).
pub const VERSION_1: &str = "
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
INSERT INTO schema_version VALUES (1);
";

/// Moves version 1's tables aside and creates version 2's, inside the caller's transaction;
/// the caller then copies the runs over ([`super::write`]) and calls [`drop_version_1`].
pub(super) fn begin_migration(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(&format!(
        "DROP TRIGGER run_is_append_only_update;
         DROP TRIGGER run_is_append_only_delete;
         DROP TRIGGER credit_is_append_only_update;
         DROP TRIGGER credit_is_append_only_delete;
         DROP INDEX credit_by_run;
         ALTER TABLE credit RENAME TO v1_credit;
         ALTER TABLE run RENAME TO v1_run;
         {TABLES}"
    ))
}

/// Drops version 1's tables once their runs are copied, and marks the archive version 2.
pub(super) fn drop_version_1(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(&format!(
        "DROP TABLE v1_credit; DROP TABLE v1_run;
         UPDATE schema_version SET version = {SCHEMA_VERSION};"
    ))
}
