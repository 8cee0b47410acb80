//! Migrating an archive of an older schema to version 3 when it is opened: in one transaction,
//! under the write lock (another process may have migrated it meanwhile), every run is copied
//! over in order, keeping its number, time and columns, its rows encoded as version 3 writes
//! them, and chained anew.
//!
//! Version 2's chain is walked first: a migration computes new hashes, so a record edited
//! behind the program's back would pass into the new chain as genuine. An archive that does not
//! verify is left as it is, and the first place that no longer matches is named.
//!
//! Version 1 kept no association part, previous outcome or event descriptions; its runs have
//! none after the migration either.

use std::collections::BTreeMap;

use rusqlite::types::Value;

use super::events::Described;
use super::schema::{self, SCHEMA_VERSION, V2_RUN_COLUMNS};
use super::verify::{self, Layout};
use super::write::insert_run;
use super::{Archive, json_problem, problem, rows};
use crate::diagnostic::Problem;
use crate::message::Msg;
use crate::outcome::MemberResult;
use crate::text::Text;

impl Archive {
    /// Migrates an archive of version 1 or 2 to version 3.
    pub(super) fn migrate(&self) -> Result<(), Problem> {
        let fail = |e| {
            problem(
                &self.path,
                Msg::new("archive-cannot-migrate").arg("version", SCHEMA_VERSION),
                e,
            )
        };
        let conn = &self.conn;
        conn.execute_batch("BEGIN IMMEDIATE").map_err(fail)?;
        let migrated = (|| {
            let version: i64 = conn
                .query_row("SELECT version FROM schema_version", [], |r| r.get(0))
                .map_err(fail)?;
            if version == SCHEMA_VERSION {
                return Ok(());
            }
            if version == 2 {
                let found = verify::walk(conn, Layout::Two).map_err(fail)?;
                if let Some(first) = found.findings.first() {
                    let message = Msg::new("archive-not-migrated")
                        .arg("version", version)
                        .arg("finding", first.clone())
                        .arg("more", found.findings.len() - 1);
                    return Err(Problem::in_file(&self.path, message)
                        .with_help(Msg::new("archive-not-migrated-help")));
                }
            }
            schema::set_aside(conn, version).map_err(fail)?;
            if version == 1 {
                self.copy_version_1()?;
            } else {
                self.copy_version_2()?;
            }
            schema::drop_old(conn).map_err(fail)
        })();
        match migrated {
            Ok(()) => conn.execute_batch("COMMIT").map_err(fail),
            Err(p) => {
                // The migration's failure is what to report; a failed rollback adds nothing.
                let _ = conn.execute_batch("ROLLBACK");
                Err(p)
            }
        }
    }

    /// Copies every run of version 1's tables, in order: no previous outcome, association part
    /// or correction, no event descriptions.
    fn copy_version_1(&self) -> Result<(), Problem> {
        let runs = self.old_runs(
            "id, recorded_at, association_id, association_name, period, period_end, sector,
             policy_digest, data_digest, outcome_digest, legend",
        )?;
        for mut run in runs {
            let (members, _) = self.old_members(&run[0], false)?;
            // previous_digest after data_digest; then the association part, its digest, the
            // member count and no correction.
            run.insert(9, Value::Text(String::new()));
            run.extend([
                Value::Null,
                Value::Null,
                Value::Integer(members.len() as i64),
                Value::Null,
                Value::Null,
            ]);
            self.copy_run(run, &members, &Described::default())?;
        }
        Ok(())
    }

    /// Copies every run of version 2's tables, in order, with its columns and the description
    /// of every event its rows' accounts refer to.
    fn copy_version_2(&self) -> Result<(), Problem> {
        for run in self.old_runs(V2_RUN_COLUMNS)? {
            let (members, events) = self.old_members(&run[0], true)?;
            let described = self.described(&run[0], &members, events)?;
            self.copy_run(run, &members, &described)?;
        }
        Ok(())
    }

    fn copy_run(
        &self,
        run: Vec<Value>,
        members: &[MemberResult],
        described: &Described,
    ) -> Result<(), Problem> {
        let id = match run[0] {
            Value::Integer(id) => id,
            _ => 0,
        };
        let encoded = rows::encode(id, members, described);
        insert_run(&self.conn, run, &encoded).map_err(|e| self.cannot(e))
    }

    fn cannot(&self, e: rusqlite::Error) -> Problem {
        let message = Msg::new("archive-cannot-migrate").arg("version", SCHEMA_VERSION);
        problem(&self.path, message, e)
    }

    /// The set-aside runs' values, in order.
    fn old_runs(&self, columns: &str) -> Result<Vec<Vec<Value>>, Problem> {
        let n = columns.split(',').count();
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {columns} FROM old_run ORDER BY id"))
            .map_err(|e| self.cannot(e))?;
        let runs = stmt
            .query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
            .map_err(|e| self.cannot(e))?;
        runs.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.cannot(e))
    }

    /// A set-aside run's members as the outcome had them, by credit code, and (version 2) the
    /// description of the events each one's account refers to.
    #[allow(clippy::type_complexity)]
    fn old_members(
        &self,
        run: &Value,
        with_events: bool,
    ) -> Result<(Vec<MemberResult>, Vec<BTreeMap<String, Text>>), Problem> {
        let events = if with_events { "events" } else { "'{}'" };
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT member, name, score, grade, actions, warnings, reasons, {events}
                 FROM old_credit WHERE run = ?1 ORDER BY member"
            ))
            .map_err(|e| self.cannot(e))?;
        let mut rows = stmt.query([run]).map_err(|e| self.cannot(e))?;
        let (mut members, mut described) = (Vec::new(), Vec::new());
        while let Some(r) = rows.next().map_err(|e| self.cannot(e))? {
            let read = |i: usize| r.get::<_, String>(i).map_err(|e| self.cannot(e));
            let bad = |e| json_problem(&self.path, e);
            members.push(MemberResult {
                id: read(0)?,
                name: read(1)?,
                score: r.get(2).map_err(|e| self.cannot(e))?,
                grade: read(3)?,
                actions: serde_json::from_str(&read(4)?).map_err(bad)?,
                warnings: serde_json::from_str(&read(5)?).map_err(bad)?,
                reasons: serde_json::from_str(&read(6)?).map_err(bad)?,
            });
            described.push(serde_json::from_str(&read(7)?).map_err(bad)?);
        }
        Ok((members, described))
    }

    /// Version 2's descriptions by event id as version 3 keeps them: each distinct one once,
    /// referred to by the lines about its event. A description no line refers to cannot be
    /// kept, and is a damaged record (cogov described only the events accounts name).
    fn described(
        &self,
        run: &Value,
        members: &[MemberResult],
        events: Vec<BTreeMap<String, Text>>,
    ) -> Result<Described, Problem> {
        let mut numbers: BTreeMap<Text, u32> = BTreeMap::new();
        let mut described = Described::default();
        for (m, events) in members.iter().zip(events) {
            let lines = m
                .reasons
                .iter()
                .map(|r| {
                    let text = events.get(r.event.as_deref()?)?;
                    Some(*numbers.entry(text.clone()).or_insert_with(|| {
                        described.texts.push(text.clone());
                        described.texts.len() as u32 - 1
                    }))
                })
                .collect();
            described.lines.push(lines);
            let named = |id: &String| m.reasons.iter().any(|r| r.event.as_ref() == Some(id));
            if let Some(id) = events.keys().find(|id| !named(id)) {
                let run = match run {
                    Value::Integer(run) => *run,
                    _ => 0,
                };
                let message = Msg::new("archive-row-damaged")
                    .arg("run", run)
                    .arg("member", m.id.as_str())
                    .arg(
                        "error",
                        format!(
                            "the event `{id}` is described but no line of the account names it"
                        ),
                    );
                return Err(Problem::in_file(&self.path, message));
            }
        }
        Ok(described)
    }
}
