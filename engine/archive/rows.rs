//! The compact credit rows of schema 3, and the run's shared wording they refer to.
//!
//! A hundred thousand members' accounts repeat the same few sentences: every base line and
//! grade band, every cap, the description of every event of the same day, kind, level and
//! product. A run keeps each distinct one once, in the `wording` table as JSON, numbered per
//! kind:
//!
//! - `line`: an account line without its event (rule, points, texts, message code and
//!   arguments), exactly as the outcome gives it, in the order the members (by credit code)
//!   first use it;
//! - `event`: an event's description in Chinese and English, as [`super::events`] numbers
//!   them;
//! - `note`: a member warning, and `actions`: the list of rewards and penalties a grade brings,
//!   in the order first used.
//!
//! A member's row keeps the score, grade and name, the number of its actions list, its
//! warnings as numbers, and its account as a blob: for each line, the number of its `line`
//! entry, then — if the line is about an event — the event's id (the bytes it shares with the
//! row's previous event id, then the rest) and the number of its description. Numbers are
//! LEB128 varints. Nothing is worded again when read: a row decodes to the member's result as
//! the outcome had it, byte for byte in its JSON, with the description of each event.

use std::collections::BTreeMap;
use std::collections::hash_map::Entry as Slot;
use std::hash::Hash;

use rayon::prelude::*;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Statement};
use serde::de::DeserializeOwned;

use super::chain;
use super::events::Described;
use crate::message::Arg;
use crate::outcome::{Args, CreditReason, MemberResult, Note};
use crate::text::Text;

/// What a shared wording entry is. Stored by name; names sort as the kinds do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Kind {
    /// A list of action ids.
    Actions,
    /// An event's description.
    Event,
    /// An account line without its event.
    Line,
    /// A member warning.
    Note,
}

impl Kind {
    /// The name stored in the `kind` column.
    pub(super) fn name(self) -> &'static str {
        match self {
            Kind::Actions => "actions",
            Kind::Event => "event",
            Kind::Line => "line",
            Kind::Note => "note",
        }
    }
}

/// A run's shared wording: each kind's entries as JSON, by number.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Wording {
    /// Lists of action ids.
    pub actions: Vec<String>,
    /// Event descriptions.
    pub events: Vec<String>,
    /// Account lines without their event.
    pub lines: Vec<String>,
    /// Member warnings.
    pub notes: Vec<String>,
}

impl Wording {
    /// Every entry in key order (by kind, then number), with its kind and number.
    pub(super) fn entries(&self) -> impl Iterator<Item = (Kind, u32, &str)> {
        [
            (Kind::Actions, &self.actions),
            (Kind::Event, &self.events),
            (Kind::Line, &self.lines),
            (Kind::Note, &self.notes),
        ]
        .into_iter()
        .flat_map(|(kind, values)| {
            values
                .iter()
                .enumerate()
                .map(move |(n, v)| (kind, n as u32, v.as_str()))
        })
    }

    /// How many entries there are.
    pub(super) fn len(&self) -> usize {
        self.actions.len() + self.events.len() + self.lines.len() + self.notes.len()
    }
}

/// The values an entry's digest covers: kind, number, JSON.
pub(super) fn entry_values(kind: Kind, n: u32, value: &str) -> [ValueRef<'_>; 3] {
    [
        ValueRef::Text(kind.name().as_bytes()),
        ValueRef::Integer(i64::from(n)),
        ValueRef::Text(value.as_bytes()),
    ]
}

/// The digest of a run's wording: each entry's kind, number and JSON, in key order.
#[derive(Default)]
pub(super) struct WordingDigest(sha2::Sha256);

impl WordingDigest {
    /// Adds the next entry's values ([`entry_values`]).
    pub(super) fn add(&mut self, values: [ValueRef<'_>; 3]) {
        values.into_iter().for_each(|v| chain::feed(&mut self.0, v));
    }

    /// The digest, in hex.
    pub(super) fn finish(self) -> String {
        use sha2::Digest;
        chain::hex(&self.0.finalize())
    }
}

/// One credit row as written, and its digest.
pub(super) struct Row<'a> {
    /// The member's place in the outcome.
    pub index: usize,
    /// The member's credit code.
    pub member: &'a str,
    /// Its name.
    pub name: &'a str,
    /// Its score.
    pub score: f64,
    /// Its grade id.
    pub grade: &'a str,
    /// The number of its actions list.
    pub actions: i64,
    /// Its warnings, then its account: the `warnings` and `reasons` columns.
    bytes: Vec<u8>,
    /// Where its account starts in `bytes`.
    split: usize,
    /// The numbers of its warnings' entries, then of its account lines' entries.
    numbers: Vec<u32>,
    /// How many account lines it has.
    lines: usize,
    /// SHA-256 of its values ([`Row::values`]).
    pub digest: [u8; 32],
}

impl Row<'_> {
    /// The `warnings` column: its warnings' entry numbers.
    pub(super) fn warnings(&self) -> &[u8] {
        &self.bytes[..self.split]
    }

    /// The `reasons` column: its account.
    pub(super) fn reasons(&self) -> &[u8] {
        &self.bytes[self.split..]
    }

    /// The numbers of its warnings' entries.
    pub(super) fn note_numbers(&self) -> &[u32] {
        &self.numbers[..self.numbers.len() - self.lines]
    }

    /// The numbers of its account lines' entries, line by line.
    pub(super) fn line_numbers(&self) -> &[u32] {
        &self.numbers[self.numbers.len() - self.lines..]
    }

    /// The values a row's digest covers, in [`super::schema::CREDIT_COLUMNS`] order.
    pub(super) fn values(&self, run: i64) -> [ValueRef<'_>; 8] {
        [
            ValueRef::Integer(run),
            ValueRef::Text(self.member.as_bytes()),
            ValueRef::Text(self.name.as_bytes()),
            ValueRef::Real(self.score),
            ValueRef::Text(self.grade.as_bytes()),
            ValueRef::Integer(self.actions),
            ValueRef::Blob(self.warnings()),
            ValueRef::Blob(self.reasons()),
        ]
    }
}

/// A run's members as rows, by credit code, and the wording they share.
pub(super) struct Encoded<'a> {
    /// Shared wording.
    pub wording: Wording,
    /// For each account line entry, the JSON of a line about an event cut where the event's
    /// id goes: what comes before it, and after.
    pub line_parts: Vec<(String, String)>,
    /// Rows, by credit code.
    pub rows: Vec<Row<'a>>,
}

/// An account line without its event: what two lines must share to share an entry. Every
/// field but the event is named, so a field added to account lines cannot be left out.
#[derive(Clone, PartialEq, Eq, Hash)]
struct LineKey<'a> {
    rule: u8,
    points: u64,
    text: Option<&'a str>,
    text_en: Option<&'a str>,
    code: &'a str,
    args: ArgsKey<'a>,
}

impl<'a> LineKey<'a> {
    fn of(line: &'a CreditReason) -> Self {
        let CreditReason {
            rule,
            event: _,
            points,
            text,
            text_en,
            code,
            args,
        } = line;
        LineKey {
            rule: *rule as u8,
            points: points.to_bits(),
            text: text.as_deref(),
            text_en: text_en.as_deref(),
            code,
            args: ArgsKey(args),
        }
    }
}

/// A message's arguments compared and hashed as they are written: numbers by their bits, so
/// that two arguments are the same key only if they are the same JSON.
#[derive(Clone, Copy)]
struct ArgsKey<'a>(&'a Args);

impl PartialEq for ArgsKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        same_args(self.0, other.0)
    }
}

impl Eq for ArgsKey<'_> {}

impl Hash for ArgsKey<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        hash_args(self.0, state);
    }
}

fn same_args(a: &Args, b: &Args) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|((ka, va), (kb, vb))| ka == kb && same_arg(va, vb))
}

fn same_arg(a: &Arg, b: &Arg) -> bool {
    match (a, b) {
        (Arg::Num(x), Arg::Num(y)) => x.to_bits() == y.to_bits(),
        (Arg::Str(x), Arg::Str(y)) => x == y,
        (Arg::Text(x), Arg::Text(y)) => x == y,
        (Arg::Msg(x), Arg::Msg(y)) => x.code == y.code && same_args(&x.args, &y.args),
        (Arg::List(x), Arg::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_arg(a, b))
        }
        _ => false,
    }
}

fn hash_args<H: std::hash::Hasher>(args: &Args, state: &mut H) {
    state.write_usize(args.len());
    for (key, value) in args {
        key.hash(state);
        hash_arg(value, state);
    }
}

fn hash_arg<H: std::hash::Hasher>(arg: &Arg, state: &mut H) {
    match arg {
        Arg::Num(x) => {
            state.write_u8(0);
            state.write_u64(x.to_bits());
        }
        Arg::Str(s) => {
            state.write_u8(1);
            s.hash(state);
        }
        Arg::Text(t) => {
            state.write_u8(2);
            t.zh.hash(state);
            t.en.hash(state);
        }
        Arg::Msg(m) => {
            state.write_u8(3);
            m.code.hash(state);
            hash_args(&m.args, state);
        }
        Arg::List(items) => {
            state.write_u8(4);
            state.write_usize(items.len());
            items.iter().for_each(|a| hash_arg(a, state));
        }
    }
}

/// Distinct keys numbered in the order first seen, each with what its entry is made from.
struct Numbering<K, V> {
    ids: foldhash::HashMap<K, u32>,
    first: Vec<(K, V)>,
}

impl<K, V> Default for Numbering<K, V> {
    fn default() -> Self {
        Numbering {
            ids: foldhash::HashMap::default(),
            first: Vec::new(),
        }
    }
}

impl<K: Hash + Eq + Clone, V> Numbering<K, V> {
    fn number(&mut self, key: K, value: impl FnOnce() -> V) -> u32 {
        match self.ids.entry(key) {
            Slot::Occupied(o) => *o.get(),
            Slot::Vacant(v) => {
                let n = self.first.len() as u32;
                self.first.push((v.key().clone(), value()));
                v.insert(n);
                n
            }
        }
    }

    /// Numbers another numbering's keys after these, in its order: each of its numbers here.
    fn absorb(&mut self, other: Numbering<K, V>) -> Vec<u32> {
        other
            .first
            .into_iter()
            .map(|(key, value)| self.number(key, || value))
            .collect()
    }
}

/// What one slice of members uses, numbered within the slice, and each member's numbers.
#[derive(Default)]
struct Slice<'a> {
    lines: Numbering<LineKey<'a>, &'a CreditReason>,
    notes: Numbering<String, ()>,
    actions: Numbering<&'a [String], ()>,
    /// Lines with no words of their own (most lines are about one event): their rule and
    /// points, and their number, found without hashing the whole line.
    bare: Vec<((u8, u64), u32)>,
    /// Per line of each member in turn: its line's number.
    line_numbers: Vec<u32>,
    /// Per warning of each member in turn.
    note_numbers: Vec<u32>,
    /// Per member.
    action_numbers: Vec<u32>,
}

/// Members per slice encoded on one core.
const SLICE: usize = 4096;

/// Encodes a run's members: the wording they share is numbered a slice of members per core,
/// the slices' numbers are joined in order, and each slice's rows are written and digested
/// on every core. Event descriptions keep the numbers `described` gives them.
pub(super) fn encode<'a>(
    run: i64,
    members: &'a [MemberResult],
    described: &'a Described,
) -> Encoded<'a> {
    let mut order: Vec<usize> = (0..members.len()).collect();
    if !members.is_sorted_by(|a, b| a.id <= b.id) {
        order.sort_by(|&a, &b| members[a].id.cmp(&members[b].id));
    }
    let slices: Vec<Slice> = order
        .par_chunks(SLICE)
        .map(|slice| number_slice(slice, members))
        .collect();
    let mut lines = Numbering::default();
    let mut notes = Numbering::default();
    let mut actions = Numbering::default();
    let mut plans = Vec::with_capacity(slices.len());
    for mut s in slices {
        let renumber = Renumber {
            lines: lines.absorb(std::mem::take(&mut s.lines)),
            notes: notes.absorb(std::mem::take(&mut s.notes)),
            actions: actions.absorb(std::mem::take(&mut s.actions)),
        };
        plans.push((s, renumber));
    }
    let rows = order
        .par_chunks(SLICE)
        .zip(plans.par_iter())
        .flat_map_iter(|(slice, (s, renumber))| {
            write_slice(run, slice, members, described, s, renumber)
        })
        .collect();
    let (line_values, line_parts) = lines.first.iter().map(|(_, line)| line_json(line)).unzip();
    let wording = Wording {
        actions: actions.first.iter().map(|(a, _)| super::json(a)).collect(),
        events: described.texts.iter().map(super::json).collect(),
        lines: line_values,
        notes: notes.first.into_iter().map(|(n, _)| n).collect(),
    };
    Encoded {
        wording,
        line_parts,
        rows,
    }
}

/// An account line's entry: its JSON without its event, and its JSON about an event cut where
/// the event's id goes.
fn line_json(line: &CreditReason) -> (String, (String, String)) {
    let mut line = line.clone();
    line.event = None;
    let bare = super::json(&line);
    // A control character no id or text is written with unescaped: its escape is found once,
    // where the event is.
    const HERE: &str = "\u{1}";
    line.event = Some(HERE.to_string());
    let about = super::json(&line);
    let here = super::json(&HERE);
    let at = about
        .find(&here)
        .expect("the event's placeholder is in the line's JSON");
    let after = at + here.len();
    (bare, (about[..at].to_string(), about[after..].to_string()))
}

/// A slice's numbers in the run's numbering.
struct Renumber {
    lines: Vec<u32>,
    notes: Vec<u32>,
    actions: Vec<u32>,
}

fn number_slice<'a>(slice: &[usize], members: &'a [MemberResult]) -> Slice<'a> {
    let mut s = Slice::default();
    for &i in slice {
        let m = &members[i];
        s.action_numbers
            .push(s.actions.number(m.actions.as_slice(), || ()));
        for w in &m.warnings {
            let n = s.notes.number(super::json(w), || ());
            s.note_numbers.push(n);
        }
        for line in &m.reasons {
            let n = if line.text.is_none()
                && line.text_en.is_none()
                && line.code.is_empty()
                && line.args.is_empty()
            {
                let bare = (line.rule as u8, line.points.to_bits());
                match s.bare.iter().find(|(key, _)| *key == bare) {
                    Some(&(_, n)) => n,
                    None => {
                        let n = s.lines.number(LineKey::of(line), || line);
                        s.bare.push((bare, n));
                        n
                    }
                }
            } else {
                s.lines.number(LineKey::of(line), || line)
            };
            s.line_numbers.push(n);
        }
    }
    s
}

fn write_slice<'a>(
    run: i64,
    slice: &[usize],
    members: &'a [MemberResult],
    described: &Described,
    s: &Slice,
    renumber: &Renumber,
) -> Vec<Row<'a>> {
    let (mut line, mut note) = (0, 0);
    slice
        .iter()
        .enumerate()
        .map(|(j, &i)| {
            let m = &members[i];
            let descriptions = described.lines.get(i);
            let mut numbers = Vec::with_capacity(m.warnings.len() + m.reasons.len());
            let mut bytes = Vec::with_capacity(m.reasons.len() * 8 + m.warnings.len());
            for _ in &m.warnings {
                let n = renumber.notes[s.note_numbers[note] as usize];
                note += 1;
                numbers.push(n);
                put(&mut bytes, n);
            }
            let split = bytes.len();
            let mut previous: &[u8] = &[];
            for (k, r) in m.reasons.iter().enumerate() {
                let n = renumber.lines[s.line_numbers[line] as usize];
                line += 1;
                numbers.push(n);
                put(&mut bytes, n);
                let Some(id) = &r.event else {
                    put(&mut bytes, 0);
                    continue;
                };
                let id = id.as_bytes();
                let shared = previous.iter().zip(id).take_while(|(a, b)| a == b).count();
                put(&mut bytes, 1 + shared as u32);
                put(&mut bytes, (id.len() - shared) as u32);
                bytes.extend_from_slice(&id[shared..]);
                let description = descriptions.and_then(|d| d.get(k).copied().flatten());
                put(&mut bytes, description.map_or(0, |d| d + 1));
                previous = id;
            }
            let mut row = Row {
                index: i,
                member: &m.id,
                name: &m.name,
                score: m.score,
                grade: &m.grade,
                actions: i64::from(renumber.actions[s.action_numbers[j] as usize]),
                bytes,
                split,
                numbers,
                lines: m.reasons.len(),
                digest: [0; 32],
            };
            row.digest = chain::digest(row.values(run));
            row
        })
        .collect()
}

/// Appends a LEB128 varint.
fn put(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Reads bytes written by [`put`] and raw byte strings, saying where they end too soon.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn done(&self) -> bool {
        self.bytes.is_empty()
    }

    fn number(&mut self) -> Result<u32, String> {
        let mut n: u64 = 0;
        for shift in (0..35).step_by(7) {
            let (&b, rest) = self.bytes.split_first().ok_or("a number is cut short")?;
            self.bytes = rest;
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return u32::try_from(n).map_err(|_| "a number is too large".into());
            }
        }
        Err("a number is too large".into())
    }

    fn take(&mut self, len: usize) -> Result<&'a [u8], String> {
        if len > self.bytes.len() {
            return Err("an event id is cut short".into());
        }
        let (taken, rest) = self.bytes.split_at(len);
        self.bytes = rest;
        Ok(taken)
    }
}

/// A member's actions, warnings, account lines and event descriptions, decoded.
pub(super) struct Account {
    /// Action ids.
    pub actions: Vec<String>,
    /// Warnings.
    pub warnings: Vec<Note>,
    /// Account lines.
    pub reasons: Vec<CreditReason>,
    /// The description of each event the lines are about, by event id.
    pub events: BTreeMap<String, Text>,
}

/// The wording of the runs being read, fetched entry by entry as rows need them and kept.
pub(super) struct Dictionary<'c> {
    fetch: Statement<'c>,
    actions: foldhash::HashMap<(i64, u32), Vec<String>>,
    events: foldhash::HashMap<(i64, u32), Text>,
    lines: foldhash::HashMap<(i64, u32), CreditReason>,
    notes: foldhash::HashMap<(i64, u32), Note>,
}

impl<'c> Dictionary<'c> {
    /// A dictionary reading from `conn`.
    pub(super) fn new(conn: &'c Connection) -> rusqlite::Result<Self> {
        Ok(Dictionary {
            fetch: conn
                .prepare("SELECT value FROM wording WHERE run = ?1 AND kind = ?2 AND n = ?3")?,
            actions: Default::default(),
            events: Default::default(),
            lines: Default::default(),
            notes: Default::default(),
        })
    }

    /// Decodes a row's actions, warnings and account.
    pub(super) fn decode(
        &mut self,
        run: i64,
        actions: i64,
        warnings: &[u8],
        reasons: &[u8],
    ) -> Result<Account, String> {
        let n = u32::try_from(actions).map_err(|_| "the actions number is out of range")?;
        let actions = entry(&mut self.fetch, &mut self.actions, run, Kind::Actions, n)?;
        let mut read = Reader { bytes: warnings };
        let mut notes = Vec::new();
        while !read.done() {
            let n = read.number()?;
            notes.push(entry(&mut self.fetch, &mut self.notes, run, Kind::Note, n)?);
        }
        let mut read = Reader { bytes: reasons };
        let mut lines = Vec::new();
        let mut events = BTreeMap::new();
        let mut previous: Vec<u8> = Vec::new();
        while !read.done() {
            let n = read.number()?;
            let mut line = entry(&mut self.fetch, &mut self.lines, run, Kind::Line, n)?;
            let shared = read.number()? as usize;
            if shared > 0 {
                let shared = shared - 1;
                if shared > previous.len() {
                    return Err("an event id shares more than the previous one has".into());
                }
                let rest = read.number()? as usize;
                previous.truncate(shared);
                previous.extend_from_slice(read.take(rest)?);
                let id = std::str::from_utf8(&previous)
                    .map_err(|_| "an event id is not UTF-8")?
                    .to_string();
                let described = read.number()?;
                if described > 0 {
                    let text = entry(
                        &mut self.fetch,
                        &mut self.events,
                        run,
                        Kind::Event,
                        described - 1,
                    )?;
                    events.insert(id.clone(), text);
                }
                line.event = Some(id);
            }
            lines.push(line);
        }
        Ok(Account {
            actions,
            warnings: notes,
            reasons: lines,
            events,
        })
    }
}

/// A wording entry, parsed once and kept.
fn entry<T: DeserializeOwned + Clone>(
    fetch: &mut Statement,
    kept: &mut foldhash::HashMap<(i64, u32), T>,
    run: i64,
    kind: Kind,
    n: u32,
) -> Result<T, String> {
    if let Some(value) = kept.get(&(run, n)) {
        return Ok(value.clone());
    }
    let json: String = fetch
        .query_row(rusqlite::params![run, kind.name(), n], |r| r.get(0))
        .map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => {
                format!("its {} entry {n} is missing", kind.name())
            }
            e => e.to_string(),
        })?;
    let value: T =
        serde_json::from_str(&json).map_err(|e| format!("its {} entry {n}: {e}", kind.name()))?;
    kept.insert((run, n), value.clone());
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::Arg;
    use crate::outcome::{Args, ReasonRule};

    fn line(
        rule: ReasonRule,
        event: Option<&str>,
        points: f64,
        text: Option<&str>,
    ) -> CreditReason {
        let mut args = Args::new();
        if let Some(t) = text {
            args.insert("what".into(), Arg::Str(t.to_string()));
            args.insert("n".into(), Arg::Num(points));
        }
        CreditReason {
            rule,
            event: event.map(str::to_string),
            points,
            text: text.map(str::to_string),
            text_en: text.map(|t| format!("{t} (en)")),
            code: text.map_or_else(String::new, |_| "credit-line".to_string()),
            args,
        }
    }

    fn member(id: &str, lines: Vec<CreditReason>, warnings: Vec<Note>) -> MemberResult {
        MemberResult {
            id: id.to_string(),
            name: format!("{id} 有限公司"),
            score: 87.5,
            grade: "B".to_string(),
            actions: vec!["credit_warning".to_string()],
            warnings,
            reasons: lines,
        }
    }

    /// Members given out of order, lines sharing everything but their event, points of 0 and
    /// -0, event ids sharing bytes inside a character, an event with no description and one
    /// description for several events, and warnings: every member reads back exactly, with
    /// its descriptions, and the shared wording holds each distinct entry once.
    #[test]
    fn rows_read_back_as_the_outcome_had_them() {
        let drop = Note {
            id: "grade_drop".into(),
            text: "信用等级由 A 降至 B".into(),
            text_en: "credit grade fell from A to B".into(),
            code: "warning-grade-drop".into(),
            args: Args::new(),
        };
        let members = vec![
            member(
                "91440604MA4W00002Z",
                vec![
                    line(ReasonRule::Base, None, 100.0, Some("基础分")),
                    line(ReasonRule::Event, Some("抽查结果-更正-4"), -10.0, None),
                    line(ReasonRule::Event, Some("抽查结果-更正-5"), -10.0, None),
                    line(
                        ReasonRule::Repeat,
                        Some("抽查结果-更正-5"),
                        -5.0,
                        Some("重复"),
                    ),
                    line(ReasonRule::Event, Some("抽查结果-更正-6"), 0.0, None),
                    line(ReasonRule::Expired, Some("抽查"), -0.0, None),
                ],
                vec![drop.clone()],
            ),
            member(
                "91440604MA4W00001Y",
                vec![
                    line(ReasonRule::Base, None, 100.0, Some("基础分")),
                    line(ReasonRule::Event, Some("S01"), -10.0, None),
                    // 更 and 曲 share their first two bytes.
                    line(ReasonRule::Event, Some("样品更"), -10.0, None),
                    line(ReasonRule::Event, Some("样品曲"), -10.0, None),
                    line(ReasonRule::Grade, None, 0.0, Some("评为 B")),
                ],
                vec![drop.clone(), drop],
            ),
        ];
        let sampled = Text::new("2024-05-08 监督抽查不合格", "2024-05-08 sampling failed");
        let described = Described {
            texts: vec![Text::new("未引用", "unused"), sampled.clone()],
            lines: vec![
                vec![None, Some(1), Some(1), Some(1), None, Some(1)],
                vec![None, Some(1), None, None, None],
            ],
        };
        let encoded = encode(7, &members, &described);
        assert_eq!(
            encoded.rows.iter().map(|r| r.member).collect::<Vec<_>>(),
            ["91440604MA4W00001Y", "91440604MA4W00002Z"],
            "rows by credit code"
        );
        let wording = &encoded.wording;
        assert_eq!(wording.events.len(), 2, "the descriptions as numbered");
        assert_eq!(wording.notes.len(), 1);
        assert_eq!(wording.actions.len(), 1);
        // base, -10 event, grade, repeat, 0 event, -0 expired
        assert_eq!(wording.lines.len(), 6);

        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE wording (run INTEGER, kind TEXT, n INTEGER, value TEXT,
                                   PRIMARY KEY (run, kind, n)) WITHOUT ROWID;",
        )
        .unwrap();
        for (kind, n, value) in encoded.wording.entries() {
            conn.execute(
                "INSERT INTO wording VALUES (7, ?1, ?2, ?3)",
                rusqlite::params![kind.name(), n, value],
            )
            .unwrap();
        }
        let mut dictionary = Dictionary::new(&conn).unwrap();
        for row in &encoded.rows {
            let m = members.iter().find(|m| m.id == row.member).unwrap();
            let back = dictionary
                .decode(7, row.actions, row.warnings(), row.reasons())
                .unwrap();
            assert_eq!(back.actions, m.actions);
            assert_eq!(back.warnings, m.warnings);
            assert_eq!(
                super::super::json(&back.reasons),
                super::super::json(&m.reasons)
            );
            let events: Vec<&str> = back.events.keys().map(String::as_str).collect();
            if m.id.ends_with('Z') {
                assert_eq!(events, ["抽查", "抽查结果-更正-4", "抽查结果-更正-5"]);
            } else {
                assert_eq!(events, ["S01"]);
            }
            assert!(back.events.values().all(|t| *t == sampled));
            assert_eq!(row.digest, chain::digest(row.values(7)));
        }
        let cut = encoded.rows[1].reasons();
        let cut = &cut[..cut.len() - 1];
        assert!(dictionary.decode(7, 0, &[], cut).is_err());
        assert!(
            dictionary.decode(7, 0, &[9], &[]).is_err(),
            "no such warning"
        );
    }

    #[test]
    fn numbers_are_read_back_as_written_and_cut_ones_are_found() {
        let mut bytes = Vec::new();
        for n in [0, 1, 127, 128, 300, 16_383, 16_384, u32::MAX] {
            put(&mut bytes, n);
        }
        let mut read = Reader { bytes: &bytes };
        let back: Vec<u32> = (0..8).map(|_| read.number().unwrap()).collect();
        assert_eq!(back, [0, 1, 127, 128, 300, 16_383, 16_384, u32::MAX]);
        assert!(read.done());
        let mut cut = Reader { bytes: &[0x80] };
        assert!(cut.number().is_err());
        let mut long = Reader {
            bytes: &[0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
        };
        assert!(long.number().is_err());
    }
}
