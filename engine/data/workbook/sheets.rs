//! Reading the template's own sheets into raw data: the profile (基本信息), the facts (指标数据),
//! the evidence register (工作台账) and the complaint ledger (投诉台账). What only a workbook has
//! is checked here, at its cell — empty required cells, dates, yes or no, numbers, names of
//! kinds and indicators, a fact typed where the roster or a ledger gives it; what every
//! association file must satisfy is left to the shared checks, through the stand-in text.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::cells::{self, Found};
use super::layout::{Column, ProfileField, Sheet};
use super::shadow::{At, Shadow};
use crate::data::credit_code;
use crate::data::ledger::{self, Complaint};
use crate::data::strings::Strings;
use crate::data::table::Table;
use crate::data::{Evidence, Period, RawDataset, quoted, suggest};
use crate::diagnostic::Problems;
use crate::message::Msg;
use crate::policy::PolicySet;
use crate::policy::catalogue::FactKind;
use crate::policy::ledgers::ComplaintLedger;
use crate::policy::rubric::NodeKind;
use crate::text::Text;
use crate::value::FactValue;

/// What reading a sheet needs.
pub(super) struct Context<'a> {
    /// Every worksheet.
    pub(super) tables: &'a [Table],
    /// The table of each sheet found.
    pub(super) sheets: &'a BTreeMap<Sheet, usize>,
    /// The policies the data is read with.
    pub(super) policies: &'a PolicySet,
    /// Cell values that mean nothing is there (the import policy's).
    pub(super) blank: Vec<&'a str>,
}

impl Context<'_> {
    /// A sheet with its headers mapped, and its table's index; `None` when the workbook does
    /// not have it or its headers cannot be read.
    fn found(&self, sheet: Sheet, problems: &mut Problems) -> Option<(usize, Found<'_>)> {
        let t = *self.sheets.get(&sheet)?;
        Found::new(&self.tables[t], sheet, problems).map(|f| (t, f))
    }

    /// A required cell's text, or a problem saying it is empty.
    fn required(
        &self,
        f: &Found,
        row: usize,
        column: Column,
        problems: &mut Problems,
    ) -> Option<String> {
        let text = f.text(row, column, &self.blank);
        if text.is_none() {
            problems.push(f.problem(row, column, Msg::new("import-cell-empty")));
        }
        text
    }

    /// A date cell (required or not), or a problem at it.
    fn date(
        &self,
        f: &Found,
        row: usize,
        column: Column,
        required: bool,
        problems: &mut Problems,
    ) -> Option<Date> {
        let cell = f
            .cell(row, column)
            .filter(|_| f.text(row, column, &self.blank).is_some());
        let Some(cell) = cell else {
            if required {
                problems.push(f.problem(row, column, Msg::new("import-cell-empty")));
            }
            return None;
        };
        match cells::date(cell, &self.policies.import.dates) {
            Ok(d) => Some(d),
            Err((message, help)) => {
                problems.push(f.problem(row, column, message).with_help(help));
                None
            }
        }
    }
}

/// The place of a column in the stand-in text: its cells, or the row when the sheet lacks it.
fn at(f: &Found, column: Column) -> At {
    match f.column(column) {
        Some((c, header)) => At::Cell(c, header.to_string()),
        None => At::Row,
    }
}

/// Where a fact that may not be typed comes from.
pub(super) enum Given {
    /// The roster and the credit events.
    Members,
    /// A ledger, by name.
    Ledger(Text),
}

/// The row of each field of the profile sheet; an unknown or repeated label, and a missing
/// field, is a problem.
pub(super) fn profile_rows(f: &Found, problems: &mut Problems) -> BTreeMap<ProfileField, usize> {
    let mut rows = BTreeMap::new();
    for r in f.rows() {
        let label = f.text(r, Column::Item, &[]).unwrap_or_default();
        match ProfileField::labelled(&label) {
            Some(field) if rows.contains_key(&field) => problems.push(f.problem(
                r,
                Column::Item,
                Msg::new("template-profile-twice").arg("label", field.label()),
            )),
            Some(field) => {
                rows.insert(field, r);
            }
            None => {
                let labels: Vec<Msg> = ProfileField::ALL.iter().map(|p| p.label()).collect();
                problems.push(
                    f.problem(
                        r,
                        Column::Item,
                        Msg::new("template-profile-unknown").arg("label", &label),
                    )
                    .with_help(Msg::new("template-profile-labels").arg("labels", labels)),
                );
            }
        }
    }
    for field in ProfileField::ALL {
        if !rows.contains_key(&field) {
            problems.push(
                f.table
                    .problem(Msg::new("template-profile-missing").arg("label", field.label())),
            );
        }
    }
    rows
}

/// Reads the profile sheet: name, credit code, period. Its labels were checked when the
/// workbook was read.
pub(super) fn profile(
    cx: &Context,
    raw: &mut RawDataset,
    shadow: &mut Shadow,
    problems: &mut Problems,
) {
    let mut quiet = Problems::default();
    let Some((t, f)) = cx.found(Sheet::Profile, &mut quiet) else {
        return;
    };
    let rows = profile_rows(&f, &mut quiet);
    let value = |field| {
        rows.get(&field)
            .map(|&r| (r, f.text(r, Column::Value, &cx.blank)))
    };
    if let Some((r, name)) = value(ProfileField::Name) {
        match name {
            Some(name) => raw.profile.name = name,
            None => problems.push(f.problem(r, Column::Value, Msg::new("import-cell-empty"))),
        }
    }
    if let Some((r, id)) = value(ProfileField::Period) {
        match id {
            Some(id) => raw.period.id = id,
            None => problems.push(f.problem(r, Column::Value, Msg::new("import-cell-empty"))),
        }
    }
    // An empty or invalid code is the shared check's to report, at its cell.
    let code_row = rows.get(&ProfileField::CreditCode).copied();
    if let Some((_, Some(code))) = value(ProfileField::CreditCode) {
        raw.profile.credit_code = code;
    }
    for (field, slot) in [
        (ProfileField::Start, &mut raw.period.start),
        (ProfileField::End, &mut raw.period.end),
    ] {
        if let Some(&r) = rows.get(&field)
            && let Some(date) = cx.date(&f, r, Column::Value, true, problems)
        {
            *slot = date;
        }
    }
    let value_cell = || at(&f, Column::Value);
    shadow.line(
        t,
        code_row,
        vec![
            ("credit_code: ".into(), value_cell()),
            (format!("\"{}\"", raw.profile.credit_code), value_cell()),
        ],
    );
    let end_row = rows.get(&ProfileField::End).copied();
    shadow.line(t, end_row, vec![("end:".into(), value_cell())]);
}

/// Reads the facts sheet: one fact per row, its value read by the fact's kind; a value left
/// empty is not reported. A fact the roster or a ledger gives is refused at its value.
pub(super) fn facts(
    cx: &Context,
    raw: &mut RawDataset,
    given: &BTreeMap<String, Given>,
    shadow: &mut Shadow,
    problems: &mut Problems,
) {
    let Some((t, f)) = cx.found(Sheet::Facts, problems) else {
        return;
    };
    let catalogue = &cx.policies.catalogue;
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for r in f.rows() {
        let Some(id) = cx.required(&f, r, Column::FactId, problems) else {
            continue;
        };
        let decl = catalogue.facts.get(&id);
        let name = decl.map_or_else(|| Text::new(&id, &id), |d| d.name.clone());
        if let Some(first) = seen.get(&id) {
            problems.push(
                f.problem(
                    r,
                    Column::FactId,
                    Msg::new("template-fact-twice")
                        .arg("name", &name)
                        .arg("id", &id)
                        .arg("first", *first),
                ),
            );
            continue;
        }
        seen.insert(id.clone(), f.table.rows[r].number);
        let Some(text) = f.text(r, Column::FactValue, &cx.blank) else {
            continue;
        };
        if let Some(from) = given.get(&id) {
            let message = match from {
                Given::Members => Msg::new("template-fact-from-members"),
                Given::Ledger(ledger) => {
                    Msg::new("template-fact-from-ledger").arg("ledger", ledger)
                }
            };
            let message = message.arg("name", &name).arg("id", &id);
            problems.push(f.problem(r, Column::FactValue, message));
            continue;
        }
        let value = match decl.map(|d| d.kind) {
            Some(FactKind::YesNo) => cells::yes_no(&text).map(FactValue::YesNo),
            Some(_) => cells::number(&text).map(FactValue::Number),
            // The shared check refuses the id, with the ids it may have meant.
            None => Ok(FactValue::YesNo(false)),
        };
        let value = match value {
            Ok(v) => v,
            Err(message) => {
                let help = Msg::new("template-fact-range").arg("name", &name).arg(
                    "range",
                    decl.map_or_else(
                        || Msg::new("template-range-count"),
                        super::layout::fact_range,
                    ),
                );
                problems.push(f.problem(r, Column::FactValue, message).with_help(help));
                continue;
            }
        };
        let column = if decl.is_some() {
            Column::FactValue
        } else {
            Column::FactId
        };
        shadow.line(t, Some(r), vec![(format!("\"{id}\": "), at(&f, column))]);
        raw.facts.insert(id, value);
    }
}

/// The indicator a cell names: its id, its name (Chinese or English), or both as the
/// drop-down writes them (`C1 工作机构`); anything else as written, for the shared check to
/// refuse.
fn indicator(cx: &Context, written: &str) -> String {
    let rubric = &cx.policies.rubric;
    if rubric.find(written).is_some() {
        return written.to_string();
    }
    let named = |name: &str| {
        let by_name = |i: &usize| {
            let n = &rubric.nodes[*i].name;
            n.zh == name || n.en.eq_ignore_ascii_case(name)
        };
        rubric
            .indicators()
            .find(by_name)
            .or_else(|| {
                (0..rubric.nodes.len())
                    .filter(|i| matches!(rubric.nodes[*i].kind, NodeKind::Level))
                    .find(by_name)
            })
            .map(|i| rubric.nodes[i].id.clone())
    };
    if let Some((id, name)) = written.split_once(char::is_whitespace)
        && let Some(i) = rubric.find(id)
        && named(name.trim()).is_some_and(|n| n == rubric.nodes[i].id)
    {
        return id.to_string();
    }
    named(written).unwrap_or_else(|| written.to_string())
}

/// The evidence kind a cell names: its id or its name, Chinese or English.
fn evidence_kind(cx: &Context, written: &str) -> Result<String, (Msg, Msg)> {
    let kinds = &cx.policies.catalogue.evidence;
    if kinds.contains_key(written) {
        return Ok(written.to_string());
    }
    let named: Vec<&String> = kinds
        .iter()
        .filter(|(_, n)| n.zh == written || n.en.eq_ignore_ascii_case(written))
        .map(|(id, _)| id)
        .collect();
    match named.as_slice() {
        [one] => Ok(one.to_string()),
        [] => {
            let names: Vec<String> = kinds.values().map(|n| n.zh.clone()).collect();
            Err((
                Msg::new("template-kind-unknown").arg("written", written),
                suggest(written, names.iter()),
            ))
        }
        several => Err((
            Msg::new("template-kind-ambiguous").arg("written", written),
            Msg::new("template-kind-ids").arg("ids", quoted(several.iter())),
        )),
    }
}

/// Reads the evidence register: one record per row, filed under an indicator by id or name,
/// of a kind by id or name.
pub(super) fn evidence(
    cx: &Context,
    raw: &mut RawDataset,
    shadow: &mut Shadow,
    problems: &mut Problems,
) {
    let Some((t, f)) = cx.found(Sheet::Evidence, problems) else {
        return;
    };
    for r in f.rows() {
        let id = cx.required(&f, r, Column::EvidenceId, problems);
        let filed = cx.required(&f, r, Column::Indicator, problems);
        let kind = cx
            .required(&f, r, Column::EvidenceKind, problems)
            .and_then(|k| {
                evidence_kind(cx, &k)
                    .map_err(|(message, help)| {
                        problems.push(f.problem(r, Column::EvidenceKind, message).with_help(help));
                    })
                    .ok()
            });
        let date = cx.date(&f, r, Column::Date, true, problems);
        let title = cx.required(&f, r, Column::Title, problems);
        // Where the document is kept is the association's own reference; it is not scored.
        let valid_until = cx.date(&f, r, Column::ValidUntil, false, problems);
        if let (Some(from), Some(until)) = (date, valid_until)
            && until < from
        {
            problems.push(
                f.problem(
                    r,
                    Column::ValidUntil,
                    Msg::new("template-valid-until-before")
                        .arg("until", until.to_string())
                        .arg("date", from.to_string()),
                ),
            );
        }
        let (Some(id), Some(filed), Some(kind), Some(date), Some(title)) =
            (id, filed, kind, date, title)
        else {
            continue;
        };
        let cell = |column| at(&f, column);
        shadow.line(
            t,
            Some(r),
            vec![
                ("(id: ".into(), cell(Column::EvidenceId)),
                (format!("\"{id}\""), cell(Column::EvidenceId)),
                (", indicator:".into(), cell(Column::Indicator)),
                (", kind:".into(), cell(Column::EvidenceKind)),
                (", date:".into(), cell(Column::Date)),
                (", title:".into(), cell(Column::Title)),
                (", valid_until:)".into(), cell(Column::ValidUntil)),
            ],
        );
        raw.evidence.push(Evidence {
            id,
            indicator: indicator(cx, &filed),
            kind,
            date,
            title,
            // A validity ending before the date is reported above, at its cell.
            valid_until: valid_until.filter(|until| *until >= date),
            carried_until: None,
        });
    }
}

/// The complaint ledger read: its complaints with their rows, to give facts and events.
pub(super) struct LedgerRead<'a> {
    /// The policy's complaint ledger.
    pub(super) ledger: &'a ComplaintLedger,
    /// How many entries the sheet holds.
    pub(super) entries: usize,
    table: usize,
    period_end: Date,
    complaints: Vec<(usize, Complaint)>,
    /// Where each column is, for the events' places.
    places: BTreeMap<Column, At>,
}

/// Reads the complaint ledger; `None` when the workbook has none or it holds no entry. A
/// ledger with entries the policies do not define is refused.
pub(super) fn complaints<'a>(
    cx: &Context<'a>,
    period: &Period,
    roster: bool,
    problems: &mut Problems,
) -> Option<LedgerRead<'a>> {
    let (t, f) = cx.found(Sheet::Complaints, problems)?;
    let rows: Vec<usize> = f.rows().collect();
    if rows.is_empty() {
        return None;
    }
    let Some(ledger) = cx.policies.ledgers.complaints.as_ref() else {
        problems.push(f.table.problem(Msg::new("template-no-complaint-ledger")));
        return None;
    };
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut complaints = Vec::new();
    for &r in &rows {
        let id = cx.required(&f, r, Column::ComplaintId, problems);
        let received = cx.date(&f, r, Column::Received, true, problems);
        let closed = cx.date(&f, r, Column::Closed, false, problems);
        let verified = cx
            .required(&f, r, Column::Verified, problems)
            .and_then(|v| {
                cells::yes_no(&v)
                    .map_err(|m| problems.push(f.problem(r, Column::Verified, m)))
                    .ok()
            });
        let mut member = f.text(r, Column::Member, &cx.blank);
        if let Some(code) = &member
            && let Err(e) = credit_code::validate(code)
        {
            problems.push(
                f.problem(
                    r,
                    Column::Member,
                    Msg::new("import-code-invalid")
                        .arg("code", code)
                        .arg("why", e.msg()),
                ),
            );
            member = None;
        }
        if let (Some(code), Some(true), false) = (&member, verified, roster) {
            problems.push(
                f.problem(
                    r,
                    Column::Member,
                    Msg::new("template-complaint-needs-roster")
                        .arg("code", code)
                        .arg("roster", Sheet::Members.name()),
                ),
            );
            member = None;
        }
        if let Some(received) = received
            && (received < period.start || received > period.end)
        {
            problems.push(
                f.problem(
                    r,
                    Column::Received,
                    Msg::new("template-complaint-outside-period")
                        .arg("date", received.to_string())
                        .arg("start", period.start.to_string())
                        .arg("end", period.end.to_string()),
                ),
            );
        }
        if let (Some(received), Some(closed)) = (received, closed)
            && closed < received
        {
            problems.push(
                f.problem(
                    r,
                    Column::Closed,
                    Msg::new("template-complaint-closed-before")
                        .arg("closed", closed.to_string())
                        .arg("received", received.to_string()),
                ),
            );
        }
        if let Some(id) = &id {
            if let Some(first) = seen.get(id) {
                problems.push(
                    f.problem(
                        r,
                        Column::ComplaintId,
                        Msg::new("template-complaint-twice")
                            .arg("id", id)
                            .arg("first", *first),
                    ),
                );
            } else {
                seen.insert(id.clone(), f.table.rows[r].number);
            }
        }
        let (Some(id), Some(received), Some(verified)) = (id, received, verified) else {
            continue;
        };
        let note = f.text(r, Column::ComplaintNotes, &cx.blank);
        complaints.push((
            r,
            Complaint {
                id,
                received,
                closed,
                verified,
                member,
                note,
            },
        ));
    }
    let places = [Column::ComplaintId, Column::Received, Column::Member]
        .into_iter()
        .map(|column| (column, at(&f, column)))
        .collect();
    Some(LedgerRead {
        ledger,
        entries: rows.len(),
        table: t,
        period_end: period.end,
        complaints,
        places,
    })
}

impl LedgerRead<'_> {
    fn all(&self) -> Vec<Complaint> {
        self.complaints.iter().map(|(_, c)| c.clone()).collect()
    }

    /// Adds the facts the ledger counts.
    pub(super) fn facts(&self, raw: &mut RawDataset, shadow: &mut Shadow) {
        for (fact, value) in ledger::complaint_facts(self.ledger, &self.all(), self.period_end) {
            shadow.line(self.table, None, vec![(format!("\"{fact}\": "), At::Row)]);
            raw.facts.insert(fact, value);
        }
    }

    /// Adds the credit events of the verified complaints about members, on the events' text.
    pub(super) fn events(&self, raw: &mut RawDataset, strings: &mut Strings, shadow: &mut Shadow) {
        let all = self.all();
        let events = ledger::complaint_events(self.ledger, &all, self.period_end, strings);
        if events.is_empty() {
            return;
        }
        shadow.line(self.table, None, vec![("events:".into(), At::Row)]);
        let at = |column| self.places.get(&column).cloned().unwrap_or(At::Row);
        for (i, event) in events {
            let (row, complaint) = &self.complaints[i];
            shadow.line(
                self.table,
                Some(*row),
                vec![
                    ("(id: ".into(), at(Column::ComplaintId)),
                    (format!("\"{}\"", complaint.id), at(Column::ComplaintId)),
                    (", member:".into(), at(Column::Member)),
                    (", date:".into(), at(Column::Received)),
                    (", kind:, level:, product:, items:)".into(), At::Row),
                ],
            );
            raw.events.push(event);
        }
    }
}
