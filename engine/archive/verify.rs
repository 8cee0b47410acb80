//! `Archive::verify`: recomputes every row digest, every run's wording digest and content hash,
//! and the chain, and says where the file no longer matches what was recorded. The same walk
//! checks an archive of version 2 before it is migrated, so that a migration, which chains the
//! runs anew, never takes in a record edited behind the program's back.

use rusqlite::types::ValueRef;
use rusqlite::{Connection, Row};

use super::schema::{CREDIT_COLUMNS, RUN_COLUMNS, RUN_VALUES, V2_CREDIT_COLUMNS, V2_RUN_COLUMNS};
use super::{Archive, chain, problem, rows};
use crate::diagnostic::Problem;
use crate::message::Msg;

/// What a verification found.
#[derive(Clone, Debug, PartialEq)]
pub struct Verified {
    /// Runs checked.
    pub runs: usize,
    /// Credit records checked.
    pub records: usize,
    /// The last run's hash: the whole archive's fingerprint, to note elsewhere.
    pub head: Option<String>,
    /// Each place that no longer matches, worded.
    pub findings: Vec<Msg>,
}

/// The schema whose chain is walked.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Layout {
    /// Version 2: row digests stored as hex text, no wording.
    Two,
    /// Version 3 ([`super::schema::TABLES`]).
    Three,
}

impl Layout {
    fn run_columns(self) -> (&'static str, usize) {
        match self {
            Layout::Two => (V2_RUN_COLUMNS, 17),
            Layout::Three => (RUN_COLUMNS, RUN_VALUES),
        }
    }

    fn credit_columns(self) -> (&'static str, usize) {
        match self {
            Layout::Two => (V2_CREDIT_COLUMNS, 9),
            Layout::Three => (CREDIT_COLUMNS, 8),
        }
    }
}

impl Archive {
    /// Recomputes the chain from the first run to the last: a changed, added or deleted credit
    /// row or wording entry, a changed or deleted run, or a broken link is a finding naming the
    /// run (and the member).
    pub fn verify(&self) -> Result<Verified, Problem> {
        walk(&self.conn, Layout::Three)
            .map_err(|e| problem(&self.path, Msg::new("archive-cannot-read"), e))
    }
}

/// Walks the chain of an archive laid out as `layout`.
pub(super) fn walk(conn: &Connection, layout: Layout) -> rusqlite::Result<Verified> {
    let (run_columns, run_values) = layout.run_columns();
    let (credit_columns, credit_values) = layout.credit_columns();
    let mut runs = conn.prepare(&format!(
        "SELECT {run_columns}, content_hash, run_hash FROM run ORDER BY id"
    ))?;
    let mut credit = conn.prepare(&format!(
        "SELECT {credit_columns}, digest FROM credit WHERE run = ?1 ORDER BY member"
    ))?;
    let mut wording = match layout {
        Layout::Two => None,
        Layout::Three => Some(
            conn.prepare("SELECT kind, n, value FROM wording WHERE run = ?1 ORDER BY kind, n")?,
        ),
    };
    let mut found = Verified {
        runs: 0,
        records: 0,
        head: None,
        findings: Vec::new(),
    };
    let mut previous: (i64, String) = (0, chain::GENESIS.to_string());
    let mut rows = runs.query([])?;
    while let Some(r) = rows.next()? {
        let values: Vec<ValueRef> = (0..run_values)
            .map(|i| r.get_ref(i))
            .collect::<Result<_, _>>()?;
        let id: i64 = r.get(0)?;
        let members: i64 = r.get(14)?;
        let content: String = r.get(run_values)?;
        let link: String = r.get(run_values + 1)?;
        found.runs += 1;
        let mut run_changed = false;
        if let Some(wording) = &mut wording {
            let (count, digest): (i64, String) = (r.get(15)?, r.get(16)?);
            let (mut entries, mut recomputed) = (0, rows::WordingDigest::default());
            let mut stored = wording.query([id])?;
            while let Some(w) = stored.next()? {
                entries += 1;
                recomputed.add([w.get_ref(0)?, w.get_ref(1)?, w.get_ref(2)?]);
            }
            if entries != count || recomputed.finish() != digest {
                found
                    .findings
                    .push(Msg::new("archive-verify-wording-changed").arg("run", id));
                run_changed = true;
            }
        }
        let mut digests: Vec<[u8; 32]> = Vec::new();
        let mut credit_rows = credit.query([id])?;
        while let Some(c) = credit_rows.next()? {
            let digest = chain::digest((0..credit_values).map(|i| c.get_ref_unwrap(i)));
            if !stored_digest_is(layout, c, credit_values, &digest)? {
                let member = match c.get_ref(1)? {
                    ValueRef::Text(m) => String::from_utf8_lossy(m).into_owned(),
                    other => format!("{other:?}"),
                };
                found.findings.push(
                    Msg::new("archive-verify-row-changed")
                        .arg("run", id)
                        .arg("member", member),
                );
                run_changed = true;
            }
            digests.push(digest);
        }
        found.records += digests.len();
        if digests.len() as i64 != members {
            found.findings.push(
                Msg::new("archive-verify-row-count")
                    .arg("run", id)
                    .arg("recorded", members)
                    .arg("found", digests.len()),
            );
            run_changed = true;
        }
        let recomputed = match layout {
            Layout::Two => {
                let hexes: Vec<String> = digests.iter().map(|d| chain::hex(d)).collect();
                let hexes = hexes.iter().map(|h| ValueRef::Text(h.as_bytes()));
                chain::content_hash(&values, hexes)
            }
            Layout::Three => {
                chain::content_hash(&values, digests.iter().map(|d| ValueRef::Blob(d)))
            }
        };
        if recomputed != content && !run_changed {
            found
                .findings
                .push(Msg::new("archive-verify-run-changed").arg("run", id));
        }
        if id != previous.0 + 1 {
            found.findings.push(
                Msg::new("archive-verify-runs-missing")
                    .arg("from", previous.0 + 1)
                    .arg("to", id - 1)
                    .arg("n", id - 1 - previous.0)
                    .arg("run", id),
            );
        } else if chain::run_hash(&previous.1, &content) != link {
            found.findings.push(
                Msg::new("archive-verify-chain")
                    .arg("run", id)
                    .arg("previous", previous.0),
            );
        }
        previous = (id, link.clone());
        found.head = Some(link);
    }
    let tables: &[&str] = match layout {
        Layout::Two => &["credit"],
        Layout::Three => &["credit", "wording"],
    };
    for table in tables {
        let mut orphans = conn.prepare(&format!(
            "SELECT run, count(*) FROM {table} WHERE run NOT IN (SELECT id FROM run)
             GROUP BY run ORDER BY run"
        ))?;
        let orphaned = orphans.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
        for row in orphaned {
            let (run, n) = row?;
            let message = if *table == "credit" {
                Msg::new("archive-verify-orphans")
            } else {
                Msg::new("archive-verify-wording-orphans")
            };
            found.findings.push(message.arg("run", run).arg("n", n));
        }
    }
    Ok(found)
}

/// Whether the row's stored digest (after its values) is `digest`.
fn stored_digest_is(
    layout: Layout,
    row: &Row,
    at: usize,
    digest: &[u8; 32],
) -> rusqlite::Result<bool> {
    Ok(match (layout, row.get_ref(at)?) {
        (Layout::Two, ValueRef::Text(hex)) => hex == chain::hex(digest).as_bytes(),
        (Layout::Three, ValueRef::Blob(stored)) => stored == digest,
        _ => false,
    })
}
