//! Appending runs: an evaluated outcome with the identity of its inputs, or a correction of the
//! current run. A run's rows are encoded on every core ([`super::rows`]) and written in one
//! transaction, through prepared statements, in key order.

use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params, params_from_iter};
use sha2::{Digest, Sha256};

use super::events::Described;
use super::rows::{self, Encoded};
use super::schema::{CREDIT_COLUMNS, RUN_COLUMNS, RUN_VALUES};
use super::{Archive, chain, digest, json, outcome_digest, problem};
use crate::diagnostic::Problem;
use crate::message::Msg;
use crate::outcome::Outcome;

/// How an outcome came to be, beside the outcome itself: what a run records with it.
#[derive(Clone, Debug, Default)]
pub struct Recording {
    /// The digest of the previous outcome it was evaluated with ([`super::outcome_digest`]),
    /// if any: part of the run's identity.
    pub previous_digest: Option<String>,
    /// What each event the members' accounts refer to was ([`super::events::describe`]);
    /// empty when there are none to give.
    pub events: Described,
    /// The run this one corrects, if it is a correction.
    pub correction: Option<Correction>,
}

/// A correction (更正): the current run it supersedes and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    /// The run superseded.
    pub supersedes: i64,
    /// Why, in the recorder's words.
    pub reason: String,
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
    /// The same run was archived before; nothing was written.
    Already {
        /// The run that holds it.
        run: i64,
        /// When that run was recorded (UTC).
        recorded_at: String,
    },
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

fn optional(s: Option<&str>) -> Value {
    s.map_or(Value::Null, text)
}

impl Archive {
    /// Appends an evaluated outcome as one run, in one transaction: its association part (the
    /// outcome without its members), each member's credit with the description of its events,
    /// and the run's link in the hash chain.
    ///
    /// A run's identity is its association, period, policies, data and previous outcome. The
    /// same identity with the same results is not written again; for an association and period
    /// that already has a current run, another identity is refused unless it is a correction
    /// of that run. The outcome's members are set aside while its association part is written,
    /// and put back.
    pub fn record(&mut self, outcome: &mut Outcome, how: &Recording) -> Result<Recorded, Problem> {
        let path = self.path.clone();
        let fail = |e| problem(&path, Msg::new("archive-cannot-write"), e);
        let (name, period) = (outcome.association.name.clone(), outcome.period.clone());
        if let Some(m) = outcome.members.iter().find(|m| m.reasons.is_empty()) {
            let message = Msg::new("archive-accounts-omitted")
                .arg("name", name.as_str())
                .arg("period", period.as_str())
                .arg("member", m.id.as_str());
            return Err(Problem::in_file(&path, message));
        }
        let members = std::mem::take(&mut outcome.members);
        let part = outcome.to_json();
        outcome.members = members;
        let previous = how.previous_digest.clone().unwrap_or_default();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(fail)?;
        let existing: Option<(i64, String, String)> = tx
            .query_row(
                "SELECT id, outcome_digest, recorded_at FROM run
                 WHERE association_id = ?1 AND period = ?2 AND policy_digest = ?3
                   AND data_digest = ?4 AND previous_digest = ?5",
                params![
                    outcome.association.id,
                    outcome.period,
                    outcome.policy.digest,
                    outcome.data.digest,
                    previous
                ],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(fail)?;
        if let Some((run, archived, recorded_at)) = existing {
            let digest = outcome_digest(outcome);
            if archived != digest {
                let message = Msg::new("archive-conflict")
                    .arg("run", run)
                    .arg("name", name.as_str())
                    .arg("period", period.as_str())
                    .arg("archived", archived)
                    .arg("now", digest);
                return Err(
                    Problem::in_file(&path, message).with_help(Msg::new("archive-conflict-help"))
                );
            }
            return Ok(Recorded::Already { run, recorded_at });
        }
        let current: Option<(i64, String, String, String)> = tx
            .query_row(
                "SELECT r.id, r.policy_digest, r.data_digest, r.previous_digest FROM run r
                 WHERE r.id IN (SELECT id FROM current_run)
                   AND r.association_id = ?1 AND r.period = ?2",
                params![outcome.association.id, outcome.period],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()
            .map_err(fail)?;
        match (&current, &how.correction) {
            (Some((run, policy, data, before)), None) => {
                let mut differs = Vec::new();
                if *policy != outcome.policy.digest {
                    differs.push(
                        Msg::new("archive-differs-policies")
                            .arg("archived", policy.as_str())
                            .arg("now", outcome.policy.digest.as_str()),
                    );
                }
                if *data != outcome.data.digest {
                    differs.push(
                        Msg::new("archive-differs-data")
                            .arg("archived", data.as_str())
                            .arg("now", outcome.data.digest.as_str()),
                    );
                }
                if *before != previous {
                    differs.push(
                        Msg::new("archive-differs-previous")
                            .arg("archived", digest_or_none(before))
                            .arg("now", digest_or_none(&previous)),
                    );
                }
                let message = Msg::new("archive-period-taken")
                    .arg("run", *run)
                    .arg("name", name.as_str())
                    .arg("period", period.as_str())
                    .arg("differs", differs);
                return Err(Problem::in_file(&path, message)
                    .with_help(Msg::new("archive-period-taken-help").arg("run", *run)));
            }
            (current, Some(c)) if current.as_ref().is_none_or(|cur| cur.0 != c.supersedes) => {
                let current: crate::message::Arg = match current {
                    Some(cur) => cur.0.into(),
                    None => Msg::new("archive-no-current-run").into(),
                };
                let message = Msg::new("archive-supersedes-not-current")
                    .arg("run", c.supersedes)
                    .arg("name", name.as_str())
                    .arg("period", period.as_str())
                    .arg("current", current);
                return Err(Problem::in_file(&path, message));
            }
            _ => {}
        }
        if how
            .correction
            .as_ref()
            .is_some_and(|c| c.reason.trim().is_empty())
        {
            return Err(Problem::in_file(
                &path,
                Msg::new("archive-correction-no-reason"),
            ));
        }
        let id = next_id(&tx).map_err(fail)?;
        let recorded_at = jiff::Timestamp::now()
            .strftime("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
        let association_digest = crate::policy::hex16(&Sha256::digest(part.as_bytes()));
        let outcome: &Outcome = outcome;
        let encoded = rows::encode(id, &outcome.members, &how.events);
        // The rows go in while the outcome's digest is made on the other core; the run row,
        // which holds the digest, last: its foreign keys are checked at the commit.
        tx.execute_batch("PRAGMA defer_foreign_keys = ON")
            .map_err(fail)?;
        let (digest, inserted) = std::thread::scope(|scope| {
            let digest = scope.spawn(|| digest::recorded(outcome, &part, &encoded));
            let inserted = insert_rows(&tx, id, &encoded);
            let digest = digest
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (digest, inserted)
        });
        inserted.map_err(fail)?;
        let run = vec![
            Value::Integer(id),
            text(&recorded_at),
            text(&outcome.association.id),
            text(&outcome.association.name),
            text(&outcome.period),
            text(&outcome.period_end),
            text(&outcome.policy.sector),
            text(&outcome.policy.digest),
            text(&outcome.data.digest),
            text(&previous),
            text(&digest),
            Value::Text(json(&outcome.credit)),
            Value::Text(part),
            Value::Text(association_digest),
            Value::Integer(outcome.members.len() as i64),
            how.correction
                .as_ref()
                .map_or(Value::Null, |c| Value::Integer(c.supersedes)),
            optional(how.correction.as_ref().map(|c| c.reason.as_str())),
        ];
        insert_run_row(&tx, run, &encoded).map_err(fail)?;
        tx.commit().map_err(fail)?;
        Ok(Recorded::New {
            run: id,
            members: encoded.rows.len(),
        })
    }
}

fn next_id(tx: &Connection) -> rusqlite::Result<i64> {
    tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM run", [], |r| r.get(0))
}

fn digest_or_none(digest: &str) -> crate::message::Arg {
    if digest.is_empty() {
        Msg::new("archive-no-previous").into()
    } else {
        digest.into()
    }
}

/// Inserts a run and its rows, chained to the last run. `run` holds the run's values in
/// [`RUN_COLUMNS`] order but the wording's count and digest, which are taken from `encoded`.
pub(super) fn insert_run(
    tx: &Connection,
    run: Vec<Value>,
    encoded: &Encoded,
) -> rusqlite::Result<()> {
    let id = match run[0] {
        Value::Integer(id) => id,
        _ => unreachable!("a run's first value is its number"),
    };
    insert_run_row(tx, run, encoded)?;
    insert_rows(tx, id, encoded)
}

/// Inserts a run's row, chained to the last run: its values as [`insert_run`] takes them.
fn insert_run_row(tx: &Connection, mut run: Vec<Value>, encoded: &Encoded) -> rusqlite::Result<()> {
    let last: Option<String> = tx
        .query_row(
            "SELECT run_hash FROM run ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let mut wording = rows::WordingDigest::default();
    for (kind, n, value) in encoded.wording.entries() {
        wording.add(rows::entry_values(kind, n, value));
    }
    // The wording's count and digest come after the member count, before the correction.
    run.splice(
        15..15,
        [
            Value::Integer(encoded.wording.len() as i64),
            Value::Text(wording.finish()),
        ],
    );
    debug_assert_eq!(run.len(), RUN_VALUES);
    let values: Vec<ValueRef> = run.iter().map(ValueRef::from).collect();
    let content = chain::content_hash(
        &values,
        encoded.rows.iter().map(|r| ValueRef::Blob(&r.digest)),
    );
    let link = chain::run_hash(last.as_deref().unwrap_or(chain::GENESIS), &content);
    tx.execute(
        &format!(
            "INSERT INTO run ({RUN_COLUMNS}, content_hash, run_hash) VALUES ({})",
            placeholders(RUN_VALUES + 2)
        ),
        params_from_iter(
            run.iter()
                .chain([&Value::Text(content), &Value::Text(link)]),
        ),
    )?;
    Ok(())
}

/// Inserts a run's wording and credit rows, in key order, through one prepared statement each.
fn insert_rows(tx: &Connection, id: i64, encoded: &Encoded) -> rusqlite::Result<()> {
    let mut insert =
        tx.prepare("INSERT INTO wording (run, kind, n, value) VALUES (?1, ?2, ?3, ?4)")?;
    for (kind, n, value) in encoded.wording.entries() {
        insert.execute(params![id, kind.name(), n, value])?;
    }
    let mut insert = tx.prepare(&format!(
        "INSERT INTO credit ({CREDIT_COLUMNS}, digest) VALUES ({})",
        placeholders(9)
    ))?;
    for r in &encoded.rows {
        insert.execute(params![
            id,
            r.member,
            r.name,
            r.score,
            r.grade,
            r.actions,
            r.warnings(),
            r.reasons(),
            &r.digest[..]
        ])?;
    }
    Ok(())
}

fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}
