//! `Archive::verify`: recomputes every row digest, every run's content hash and the chain, and
//! says where the file no longer matches what was recorded.

use rusqlite::types::Value;

use super::schema::{CREDIT_COLUMNS, RUN_COLUMNS};
use super::{Archive, chain, problem};
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

/// The number of run columns the chain covers.
const RUN_VALUES: usize = 17;

impl Archive {
    /// Recomputes the chain from the first run to the last: a changed, added or deleted credit
    /// row, a changed or deleted run, or a broken link is a finding naming the run (and the
    /// member).
    pub fn verify(&self) -> Result<Verified, Problem> {
        let fail = |e| problem(&self.path, Msg::new("archive-cannot-read"), e);
        let mut runs = self
            .conn
            .prepare(&format!(
                "SELECT {RUN_COLUMNS}, content_hash, run_hash FROM run ORDER BY id"
            ))
            .map_err(fail)?;
        let mut credit = self
            .conn
            .prepare(&format!(
                "SELECT {CREDIT_COLUMNS}, digest FROM credit WHERE run = ?1 ORDER BY member"
            ))
            .map_err(fail)?;
        let mut found = Verified {
            runs: 0,
            records: 0,
            head: None,
            findings: Vec::new(),
        };
        let mut previous: (i64, String) = (0, chain::GENESIS.to_string());
        let mut rows = runs.query([]).map_err(fail)?;
        while let Some(r) = rows.next().map_err(fail)? {
            let values: Vec<Value> = (0..RUN_VALUES)
                .map(|i| r.get::<_, Value>(i))
                .collect::<Result<_, _>>()
                .map_err(fail)?;
            let id: i64 = r.get(0).map_err(fail)?;
            let members: i64 = r.get(14).map_err(fail)?;
            let content: String = r.get(RUN_VALUES).map_err(fail)?;
            let link: String = r.get(RUN_VALUES + 1).map_err(fail)?;
            found.runs += 1;
            let mut digests = Vec::new();
            let mut rows_changed = false;
            let mut credit_rows = credit.query([id]).map_err(fail)?;
            while let Some(c) = credit_rows.next().map_err(fail)? {
                let values: Vec<Value> = (0..9)
                    .map(|i| c.get::<_, Value>(i))
                    .collect::<Result<_, _>>()
                    .map_err(fail)?;
                let stored: String = c.get(9).map_err(fail)?;
                let digest = chain::row_digest(&values);
                if digest != stored {
                    let member = match &values[1] {
                        Value::Text(m) => m.clone(),
                        other => format!("{other:?}"),
                    };
                    found.findings.push(
                        Msg::new("archive-verify-row-changed")
                            .arg("run", id)
                            .arg("member", member),
                    );
                    rows_changed = true;
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
                rows_changed = true;
            }
            let recomputed = chain::content_hash(&values, digests.iter().map(String::as_str));
            if recomputed != content && !rows_changed {
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
        let mut orphans = self
            .conn
            .prepare(
                "SELECT run, count(*) FROM credit WHERE run NOT IN (SELECT id FROM run)
                 GROUP BY run ORDER BY run",
            )
            .map_err(fail)?;
        let orphaned = orphans
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))
            .map_err(fail)?;
        for row in orphaned {
            let (run, n) = row.map_err(fail)?;
            found.findings.push(
                Msg::new("archive-verify-orphans")
                    .arg("run", run)
                    .arg("n", n),
            );
        }
        Ok(found)
    }
}
