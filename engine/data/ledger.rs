//! Ledgers an association keeps (台账) become facts and credit events, as the policy's ledgers
//! say (`ledgers.ron`). The complaint ledger (投诉台账) counts the complaints accepted and those
//! closed within the published time limit, counted from the day a complaint was accepted (受理日期)
//! to the day it was closed (办结日期); a verified complaint about a member becomes the credit
//! event of the policy's kind, dated the day it was accepted.
//!
//! Where the entries were written is the reader's business: this module only counts.

use jiff::civil::Date;

use super::members::Event;
use super::strings::Strings;
use crate::policy::ledgers::ComplaintLedger;
use crate::text::Text;
use crate::value::FactValue;

/// One complaint as the complaint ledger records it.
#[derive(Clone, Debug)]
pub(crate) struct Complaint {
    /// Its number in the ledger (编号), the credit event's id when it becomes one.
    pub(crate) id: String,
    /// The day it was accepted (受理日期).
    pub(crate) received: Date,
    /// The day it was closed (办结日期), `None` while open.
    pub(crate) closed: Option<Date>,
    /// Whether it was verified (是否核实).
    pub(crate) verified: bool,
    /// The member it concerns, by credit code (涉及会员).
    pub(crate) member: Option<String>,
    /// What it was about (说明).
    pub(crate) note: Option<String>,
}

/// Where a fact was counted from instead of entered: a ledger of the data and its entries.
#[derive(Clone, Debug, PartialEq)]
pub struct Counted {
    /// The ledger's name, e.g. 投诉台账.
    pub ledger: Text,
    /// How many entries it holds.
    pub entries: usize,
}

/// Whether a complaint was handled within the time limit, as of the period end: closed in
/// time (`Some(true)`), closed late or still open once the limit passed (`Some(false)`), or
/// still open and not yet due (`None`).
pub(crate) fn on_time(ledger: &ComplaintLedger, c: &Complaint, period_end: Date) -> Option<bool> {
    match c.closed {
        Some(closed) => Some(ledger.time_limit.within(c.received, closed)),
        None if ledger.time_limit.within(c.received, period_end) => None,
        None => Some(false),
    }
}

/// The facts the complaint ledger gives: every complaint accepted, and those closed within
/// the time limit.
pub(crate) fn complaint_facts(
    ledger: &ComplaintLedger,
    complaints: &[Complaint],
    period_end: Date,
) -> [(String, FactValue); 2] {
    let closed_in_time = complaints
        .iter()
        .filter(|c| c.closed.is_some() && on_time(ledger, c, period_end) == Some(true))
        .count();
    [
        (
            ledger.received.clone(),
            FactValue::Number(complaints.len() as f64),
        ),
        (
            ledger.on_time.clone(),
            FactValue::Number(closed_in_time as f64),
        ),
    ]
}

/// The credit events of the verified complaints that name a member, each with the index of
/// the complaint it comes from.
pub(crate) fn complaint_events(
    ledger: &ComplaintLedger,
    complaints: &[Complaint],
    period_end: Date,
    strings: &mut Strings,
) -> Vec<(usize, Event)> {
    complaints
        .iter()
        .enumerate()
        .filter(|(_, c)| c.verified)
        .filter_map(|(i, c)| {
            let member = c.member.as_deref()?;
            let event = Event {
                id: strings.add(&c.id),
                member: strings.intern(member),
                date: c.received,
                kind: strings.intern(&ledger.verified),
                level: None,
                product: None,
                items: Vec::new(),
                on_time: on_time(ledger, c, period_end),
                detail: c.note.as_deref().map(|n| strings.add(n)),
            };
            Some((i, event))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::ledgers::TimeLimit;

    fn ledger() -> ComplaintLedger {
        ComplaintLedger {
            name: Text::new("投诉台账", "complaint ledger"),
            time_limit: TimeLimit::Days(30),
            received: "complaints_received".into(),
            on_time: "complaints_on_time".into(),
            verified: "complaint_verified".into(),
        }
    }

    fn complaint(received: Date, closed: Option<Date>) -> Complaint {
        Complaint {
            id: "T1".into(),
            received,
            closed,
            verified: true,
            member: Some("91440604MA4W00001Y".into()),
            note: None,
        }
    }

    #[test]
    fn an_open_complaint_is_late_only_once_its_limit_has_passed() {
        let end = Date::constant(2024, 12, 31);
        let open_early = complaint(Date::constant(2024, 11, 1), None);
        let open_late = complaint(Date::constant(2024, 12, 20), None);
        let closed = complaint(
            Date::constant(2024, 3, 1),
            Some(Date::constant(2024, 3, 31)),
        );
        let slow = complaint(Date::constant(2024, 3, 1), Some(Date::constant(2024, 4, 1)));
        assert_eq!(on_time(&ledger(), &open_early, end), Some(false));
        assert_eq!(on_time(&ledger(), &open_late, end), None);
        assert_eq!(on_time(&ledger(), &closed, end), Some(true));
        assert_eq!(on_time(&ledger(), &slow, end), Some(false));
        let facts = complaint_facts(&ledger(), &[open_early, open_late, closed, slow], end);
        assert_eq!(facts[0].1, FactValue::Number(4.0));
        assert_eq!(facts[1].1, FactValue::Number(1.0));
    }
}
