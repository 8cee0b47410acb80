//! The archive's tables: the schema this program writes (version 3), what the versions before
//! it looked like (to migrate from), and setting an older version's tables aside.
//!
//! Credit rows are keyed by (run, member) and nothing else indexes them, so a run's rows, its
//! wording and its run row are appended at the end of their trees and recording touches no page
//! of earlier runs, however large the archive grows. A member's history looks the member up in
//! each run by that key. Each run keeps the association part of its outcome, the digest of the
//! previous outcome it was evaluated with, what it supersedes, the wording its rows share
//! ([`super::rows`]) and its place in the hash chain.

use rusqlite::Connection;

/// The schema version this program writes and reads.
pub const SCHEMA_VERSION: i64 = 3;

/// The page size of a new archive: a run of a hundred thousand members is some twenty
/// megabytes written at the end of the file, in a quarter of the pages (and B-tree cells) 4 KB
/// pages would take.
pub(super) const PAGE_SIZE: u32 = 16384;

/// The tables of version 3, without `schema_version`.
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
    wording_count      INTEGER NOT NULL,
    wording_digest     TEXT NOT NULL,
    supersedes         INTEGER REFERENCES run (id),
    reason             TEXT,
    content_hash       TEXT NOT NULL,
    run_hash           TEXT NOT NULL,
    UNIQUE (association_id, period, policy_digest, data_digest, previous_digest)
);
CREATE INDEX run_by_supersedes ON run (supersedes);
CREATE TABLE wording (
    run   INTEGER NOT NULL REFERENCES run (id),
    kind  TEXT NOT NULL,
    n     INTEGER NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (run, kind, n)
) WITHOUT ROWID;
CREATE TABLE credit (
    run      INTEGER NOT NULL REFERENCES run (id),
    member   TEXT NOT NULL,
    name     TEXT NOT NULL,
    score    REAL NOT NULL,
    grade    TEXT NOT NULL,
    actions  INTEGER NOT NULL,
    warnings BLOB NOT NULL,
    reasons  BLOB NOT NULL,
    digest   BLOB NOT NULL,
    PRIMARY KEY (run, member)
) WITHOUT ROWID;
CREATE VIEW current_run AS
    SELECT max(r.id) AS id FROM run r
    WHERE NOT EXISTS (SELECT 1 FROM run s WHERE s.supersedes = r.id)
    GROUP BY r.association_id, r.period;
CREATE TRIGGER run_is_append_only_update BEFORE UPDATE ON run
    BEGIN SELECT RAISE(ABORT, 'the credit archive is append-only'); END;
CREATE TRIGGER run_is_append_only_delete BEFORE DELETE ON run
    BEGIN SELECT RAISE(ABORT, 'the credit archive is append-only'); END;
CREATE TRIGGER wording_is_append_only_update BEFORE UPDATE ON wording
    BEGIN SELECT RAISE(ABORT, 'the credit archive is append-only'); END;
CREATE TRIGGER wording_is_append_only_delete BEFORE DELETE ON wording
    BEGIN SELECT RAISE(ABORT, 'the credit archive is append-only'); END;
CREATE TRIGGER credit_is_append_only_update BEFORE UPDATE ON credit
    BEGIN SELECT RAISE(ABORT, 'the credit archive is append-only'); END;
CREATE TRIGGER credit_is_append_only_delete BEFORE DELETE ON credit
    BEGIN SELECT RAISE(ABORT, 'the credit archive is append-only'); END;
";

/// The run columns the chain covers, in the order they are hashed (all but the hashes).
pub(super) const RUN_COLUMNS: &str = "id, recorded_at, association_id, association_name, period, \
    period_end, sector, policy_digest, data_digest, previous_digest, outcome_digest, legend, \
    association, association_digest, members, wording_count, wording_digest, supersedes, reason";

/// How many run columns the chain covers.
pub(super) const RUN_VALUES: usize = 19;

/// The credit columns a row's digest covers, in the order they are hashed (all but the digest).
pub(super) const CREDIT_COLUMNS: &str =
    "run, member, name, score, grade, actions, warnings, reasons";

/// Version 2's run columns its chain covered, in its order.
pub(super) const V2_RUN_COLUMNS: &str = "id, recorded_at, association_id, association_name, \
    period, period_end, sector, policy_digest, data_digest, previous_digest, outcome_digest, \
    legend, association, association_digest, members, supersedes, reason";

/// Version 2's credit columns its row digests covered, in its order.
pub(super) const V2_CREDIT_COLUMNS: &str =
    "run, member, name, score, grade, actions, warnings, reasons, events";

/// Version 1's tables, written as they were: what the migration starts from (and what
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

/// Sets an older version's tables aside as `old_run` and `old_credit`, with their triggers,
/// indexes and views dropped, and creates version 3's, inside the caller's transaction; the
/// caller then copies the runs over and calls [`drop_old`].
pub(super) fn set_aside(conn: &Connection, version: i64) -> rusqlite::Result<()> {
    let older = if version == 1 {
        "DROP INDEX credit_by_run;"
    } else {
        "DROP VIEW current_run; DROP INDEX credit_by_member; DROP INDEX run_by_supersedes;"
    };
    conn.execute_batch(&format!(
        "DROP TRIGGER run_is_append_only_update;
         DROP TRIGGER run_is_append_only_delete;
         DROP TRIGGER credit_is_append_only_update;
         DROP TRIGGER credit_is_append_only_delete;
         {older}
         ALTER TABLE credit RENAME TO old_credit;
         ALTER TABLE run RENAME TO old_run;
         {TABLES}"
    ))
}

/// Drops the older tables once their runs are copied, and marks the archive version 3.
pub(super) fn drop_old(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(&format!(
        "DROP TABLE old_credit; DROP TABLE old_run;
         UPDATE schema_version SET version = {SCHEMA_VERSION};"
    ))
}
