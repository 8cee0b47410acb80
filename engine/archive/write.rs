//! Appending runs: an evaluated outcome with the identity of its inputs, or a correction of the
//! current run; and the migration of a version-1 archive, whose runs are copied over the same
//! way.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params, params_from_iter};
use sha2::{Digest, Sha256};

use super::schema::{self, CREDIT_COLUMNS, RUN_COLUMNS, SCHEMA_VERSION};
use super::{Archive, chain, json, outcome_digest, problem};
use crate::diagnostic::Problem;
use crate::message::Msg;
use crate::outcome::Outcome;
use crate::text::Text;

/// How an outcome came to be, beside the outcome itself: what a run records with it.
#[derive(Clone, Debug, Default)]
pub struct Recording {
    /// The digest of the previous outcome it was evaluated with ([`super::outcome_digest`]),
    /// if any: part of the run's identity.
    pub previous_digest: Option<String>,
    /// For each member of the outcome, in its order, what each event its account refers to
    /// was ([`super::events::describe`]); empty when there are none to give.
    pub events: Vec<BTreeMap<String, Text>>,
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

/// One credit row's values in [`CREDIT_COLUMNS`] order, and its digest.
type Row = (Vec<Value>, String);

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
        let digest = outcome_digest(outcome);
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
        let none = BTreeMap::new();
        let mut rows: Vec<Row> = outcome
            .members
            .par_iter()
            .enumerate()
            .map(|(i, m)| {
                let events = how.events.get(i).unwrap_or(&none);
                row(vec![
                    Value::Integer(id),
                    text(&m.id),
                    text(&m.name),
                    Value::Real(m.score),
                    text(&m.grade),
                    Value::Text(json(&m.actions)),
                    Value::Text(json(&m.warnings)),
                    Value::Text(json(&m.reasons)),
                    Value::Text(json(events)),
                ])
            })
            .collect();
        // Key order, as the chain reads them back.
        rows.sort_by(|a, b| member(&a.0).cmp(member(&b.0)));
        insert_run(&tx, run, &rows).map_err(fail)?;
        tx.commit().map_err(fail)?;
        Ok(Recorded::New {
            run: id,
            members: rows.len(),
        })
    }

    /// Migrates a version-1 archive to version 2 in one transaction, under the write lock
    /// (another process may have migrated it meanwhile): each run keeps its number and time,
    /// has no association part and no previous outcome, and is chained.
    pub(super) fn migrate(&self) -> Result<(), Problem> {
        let fail = |e| problem(&self.path, Msg::new("archive-cannot-migrate"), e);
        let conn = &self.conn;
        conn.execute_batch("BEGIN IMMEDIATE").map_err(fail)?;
        let migrated = (|| {
            let version: i64 =
                conn.query_row("SELECT version FROM schema_version", [], |r| r.get(0))?;
            if version == SCHEMA_VERSION {
                return Ok(());
            }
            schema::begin_migration(conn)?;
            copy_version_1(conn)?;
            schema::drop_version_1(conn)
        })();
        match migrated {
            Ok(()) => conn.execute_batch("COMMIT").map_err(fail),
            Err(e) => {
                // The migration's failure is what to report; a failed rollback adds nothing.
                let _ = conn.execute_batch("ROLLBACK");
                Err(fail(e))
            }
        }
    }
}

/// Copies every run of version 1's tables, in order, into version 2's.
fn copy_version_1(tx: &Connection) -> rusqlite::Result<()> {
    let runs: Vec<Vec<Value>> = {
        let mut stmt = tx.prepare(
            "SELECT id, recorded_at, association_id, association_name, period, period_end,
                    sector, policy_digest, data_digest, outcome_digest, legend
             FROM v1_run ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| (0..11).map(|i| r.get::<_, Value>(i)).collect())?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut credit = tx.prepare(
        "SELECT run, member, name, score, grade, actions, warnings, reasons
         FROM v1_credit WHERE run = ?1 ORDER BY member",
    )?;
    for mut run in runs {
        let rows: Vec<Row> = credit
            .query_map([&run[0]], |r| {
                let mut values: Vec<Value> = (0..8)
                    .map(|i| r.get::<_, Value>(i))
                    .collect::<rusqlite::Result<_>>()?;
                values.push(text("{}"));
                Ok(row(values))
            })?
            .collect::<rusqlite::Result<_>>()?;
        // previous_digest after data_digest; then the association part, its digest, the
        // member count and no correction.
        run.insert(9, text(""));
        run.extend([
            Value::Null,
            Value::Null,
            Value::Integer(rows.len() as i64),
            Value::Null,
            Value::Null,
        ]);
        insert_run(tx, run, &rows)?;
    }
    Ok(())
}

fn member(values: &[Value]) -> &str {
    match &values[1] {
        Value::Text(m) => m,
        _ => "",
    }
}

fn row(values: Vec<Value>) -> Row {
    let digest = chain::row_digest(&values);
    (values, digest)
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

/// Inserts a run (its values in [`RUN_COLUMNS`] order) and its rows, chained to the last run.
fn insert_run(tx: &Connection, run: Vec<Value>, rows: &[Row]) -> rusqlite::Result<()> {
    let last: Option<String> = tx
        .query_row(
            "SELECT run_hash FROM run ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let content = chain::content_hash(&run, rows.iter().map(|(_, d)| d.as_str()));
    let link = chain::run_hash(last.as_deref().unwrap_or(chain::GENESIS), &content);
    tx.execute(
        &format!(
            "INSERT INTO run ({RUN_COLUMNS}, content_hash, run_hash)
             VALUES ({})",
            placeholders(19)
        ),
        params_from_iter(
            run.into_iter()
                .chain([Value::Text(content), Value::Text(link)]),
        ),
    )?;
    let mut insert = tx.prepare(&format!(
        "INSERT INTO credit ({CREDIT_COLUMNS}, digest) VALUES ({})",
        placeholders(10)
    ))?;
    for (values, digest) in rows {
        insert.execute(params_from_iter(
            values
                .iter()
                .chain(std::iter::once(&Value::Text(digest.clone()))),
        ))?;
    }
    Ok(())
}

fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}
