//! The digest of an outcome being recorded — [`super::outcome_digest`], SHA-256 of its JSON as
//! `cogov eval --format json` writes it — put together from what recording has made already
//! instead of serialising the outcome again: the association part (the outcome's JSON without
//! its members) and, for each member, its line of JSON written from the run's shared wording,
//! which holds the JSON of each distinct account line, warning and actions list. Only the
//! member's own values (credit code, name, score, grade, event ids) are written per member.
//!
//! The lines are those serde writes for [`MemberResult`] (tests compare the two digests on
//! every shipped scenario, the benchmark on its hundred thousand members); the association
//! part is the outcome's pretty JSON, its empty members list `[]` standing where the lines go,
//! one to a line as [`Outcome::write_json`] writes them.

use sha2::{Digest, Sha256};

use super::rows::Encoded;
use crate::outcome::{MemberResult, Outcome};

/// Where the members go in the association part.
const MEMBERS: &str = "\n  \"members\": [";

/// The digest of `outcome`, whose association part is `part` and whose members are `encoded`.
pub(super) fn recorded(outcome: &Outcome, part: &str, encoded: &Encoded) -> String {
    if outcome.members.is_empty() {
        return crate::policy::hex16(&Sha256::digest(part.as_bytes()));
    }
    let Some(at) = part.find(MEMBERS) else {
        return super::outcome_digest(outcome);
    };
    let open = at + MEMBERS.len();
    let mut rows: Vec<usize> = vec![0; encoded.rows.len()];
    for (k, r) in encoded.rows.iter().enumerate() {
        rows[r.index] = k;
    }
    let mut hasher = Sha256::new();
    hasher.update(&part.as_bytes()[..open]);
    let mut line = Vec::with_capacity(1 << 16);
    for (i, m) in outcome.members.iter().enumerate() {
        line.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
        member_line(&mut line, m, encoded, rows[i]);
        if line.len() > 1 << 15 {
            hasher.update(&line);
            line.clear();
        }
    }
    hasher.update(&line);
    hasher.update(b"\n  ");
    hasher.update(&part.as_bytes()[open..]);
    crate::policy::hex16(&hasher.finalize())
}

/// Writes a member's result as serde writes it, compact.
fn member_line(out: &mut Vec<u8>, m: &MemberResult, encoded: &Encoded, row: usize) {
    // Every field named, in the order serde writes them.
    let MemberResult {
        id,
        name,
        score,
        grade,
        actions: _,
        warnings: _,
        reasons,
    } = m;
    let row = &encoded.rows[row];
    let wording = &encoded.wording;
    out.extend_from_slice(b"{\"id\":");
    string(out, id);
    out.extend_from_slice(b",\"name\":");
    string(out, name);
    out.extend_from_slice(b",\"score\":");
    serde_json::to_writer(&mut *out, score).expect("a number always serialises");
    out.extend_from_slice(b",\"grade\":");
    string(out, grade);
    out.extend_from_slice(b",\"actions\":");
    out.extend_from_slice(wording.actions[row.actions as usize].as_bytes());
    out.extend_from_slice(b",\"warnings\":[");
    for (k, &n) in row.note_numbers().iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        out.extend_from_slice(wording.notes[n as usize].as_bytes());
    }
    out.extend_from_slice(b"],\"reasons\":[");
    for (k, (r, &n)) in reasons.iter().zip(row.line_numbers()).enumerate() {
        if k > 0 {
            out.push(b',');
        }
        match &r.event {
            None => out.extend_from_slice(wording.lines[n as usize].as_bytes()),
            Some(event) => {
                let (before, after) = &encoded.line_parts[n as usize];
                out.extend_from_slice(before.as_bytes());
                string(out, event);
                out.extend_from_slice(after.as_bytes());
            }
        }
    }
    out.extend_from_slice(b"]}");
}

/// A JSON string as serde writes it: as it is between quotes when nothing in it is escaped
/// (no quote, backslash or control character), else by serde.
fn string(out: &mut Vec<u8>, s: &str) {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        serde_json::to_writer(out, s).expect("a string always serialises");
    }
}
