//! Ledgers (`ledgers.ron`): the registers an association keeps (台账) that give facts and credit
//! events when the data has them. The complaint ledger (投诉台账) counts the complaints accepted
//! and those closed within the published time limit (8.2.2.2 c, indicator C17), and a verified
//! complaint about a member becomes a credit event in the member's archive.
//!
//! The file is optional: without it no ledger is read, and a data workbook whose ledger sheet
//! has entries is refused.

use jiff::civil::{Date, Weekday};
use serde::Deserialize;

use super::Sources;
use super::catalogue::{Catalogue, FactKind, suggest};
use super::credit::{CreditPolicy, Points};
use super::de::Spanned;
use super::triggers::MAX_DUE_DAYS;
use crate::diagnostic::Problems;
use crate::message::Msg;
use crate::text::Text;

#[derive(Debug, Deserialize)]
#[serde(rename = "Ledgers", deny_unknown_fields)]
pub(crate) struct RawLedgers {
    #[serde(default)]
    complaints: Option<RawComplaints>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawComplaints {
    zh: String,
    en: String,
    time_limit: Spanned<TimeLimit>,
    received: Spanned<String>,
    on_time: Spanned<String>,
    verified: Spanned<String>,
}

/// How long a complaint may take from acceptance (受理) to closing (办结).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum TimeLimit {
    /// Calendar days.
    Days(u32),
    /// Working days, Monday to Friday.
    WorkingDays(u32),
}

impl TimeLimit {
    /// The number of days, whatever they count.
    fn days(self) -> u32 {
        match self {
            TimeLimit::Days(n) | TimeLimit::WorkingDays(n) => n,
        }
    }

    /// Whether `to` is within the limit counted from `from`: the days after `from` up to and
    /// including `to` (the working days among them) are no more than the limit.
    pub fn within(self, from: Date, to: Date) -> bool {
        if to <= from {
            return true;
        }
        let elapsed = match self {
            TimeLimit::Days(_) => (to - from).get_days().into(),
            TimeLimit::WorkingDays(n) => {
                let mut count = 0u32;
                let mut day = from;
                while day < to && count <= n {
                    day = day.tomorrow().unwrap_or(to);
                    if !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) {
                        count += 1;
                    }
                }
                i64::from(count)
            }
        };
        elapsed <= i64::from(self.days())
    }

    /// The limit as a phrase: `45 个工作日`, `30 days`.
    pub fn describe(self) -> Msg {
        match self {
            TimeLimit::Days(n) => Msg::new("ledger-limit-days").arg("n", n),
            TimeLimit::WorkingDays(n) => Msg::new("ledger-limit-working-days").arg("n", n),
        }
    }
}

/// The complaint ledger: what it counts and what a verified complaint becomes.
#[derive(Clone, Debug)]
pub struct ComplaintLedger {
    /// Its name, e.g. 投诉台账.
    pub(crate) name: Text,
    /// The published time limit from acceptance to closing.
    pub(crate) time_limit: TimeLimit,
    /// The fact counting the complaints accepted.
    pub(crate) received: String,
    /// The fact counting the complaints closed within the time limit.
    pub(crate) on_time: String,
    /// The credit event kind a verified complaint about a member becomes.
    pub(crate) verified: String,
}

impl ComplaintLedger {
    /// The facts the ledger gives.
    pub fn facts(&self) -> [&str; 2] {
        [&self.received, &self.on_time]
    }
}

/// The ledgers the policies define.
#[derive(Clone, Debug, Default)]
pub struct Ledgers {
    /// The complaint ledger, if the policies keep one.
    pub(crate) complaints: Option<ComplaintLedger>,
}

impl Ledgers {
    /// The ledger that gives a fact, if one does.
    pub fn giving(&self, fact: &str) -> Option<&ComplaintLedger> {
        self.complaints
            .as_ref()
            .filter(|c| c.facts().contains(&fact))
    }
}

/// Checks the ledgers against the catalogue and the credit policy and compiles them; every
/// problem is reported at the value that caused it. `None` after a problem.
pub(crate) fn compile(
    raw: RawLedgers,
    sources: &Sources,
    catalogue: Option<&Catalogue>,
    credit: Option<&CreditPolicy>,
    problems: &mut Problems,
) -> Option<Ledgers> {
    let before = problems.0.len();
    let complaints = raw.complaints.map(|c| {
        let days = c.time_limit.days();
        if days == 0 || days > MAX_DUE_DAYS {
            let message = Msg::new("ledger-time-limit")
                .arg("max", MAX_DUE_DAYS)
                .arg("found", days);
            problems.push(sources.problem(c.time_limit.span, message));
        }
        if let Some(catalogue) = catalogue {
            for fact in [&c.received, &c.on_time] {
                match catalogue.facts.get(&fact.value) {
                    None => {
                        let message = Msg::new("ledger-fact-unknown").arg("fact", &fact.value);
                        let p = sources.problem(fact.span, message);
                        problems.push(p.with_help(suggest(fact, catalogue.facts.keys())));
                    }
                    Some(decl) if decl.kind != FactKind::Count => {
                        let message = Msg::new("ledger-fact-not-count")
                            .arg("fact", &fact.value)
                            .arg("name", &decl.name);
                        problems.push(sources.problem(fact.span, message));
                    }
                    Some(_) => {}
                }
            }
        }
        if c.received.value == c.on_time.value {
            let name = catalogue.map_or_else(
                || Text::new(&c.on_time.value, &c.on_time.value),
                |k| k.name_of(&c.on_time),
            );
            let message = Msg::new("ledger-facts-same")
                .arg("fact", &c.on_time.value)
                .arg("name", name);
            problems.push(sources.problem(c.on_time.span, message));
        }
        if let Some(credit) = credit {
            match credit.kind(&c.verified).map(|k| &credit.kinds[k as usize]) {
                None => {
                    let message = Msg::new("ledger-kind-unknown").arg("kind", &c.verified.value);
                    let p = sources.problem(c.verified.span, message);
                    problems.push(p.with_help(suggest(&c.verified, credit.kind_index.keys())));
                }
                Some(spec) if matches!(spec.points, Points::ByLevel(_)) || spec.needs_product => {
                    let message = Msg::new("ledger-kind-unfit")
                        .arg("kind", &c.verified.value)
                        .arg("name", &spec.name);
                    problems.push(sources.problem(c.verified.span, message));
                }
                Some(_) => {}
            }
        }
        ComplaintLedger {
            name: Text::new(c.zh, c.en),
            time_limit: c.time_limit.value,
            received: c.received.value,
            on_time: c.on_time.value,
            verified: c.verified.value,
        }
    });
    (problems.0.len() == before).then_some(Ledgers { complaints })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_days_pass_over_weekends() {
        // 2024-03-01 is a Friday: the fifth working day after it is Friday 2024-03-08.
        let friday = Date::constant(2024, 3, 1);
        let limit = TimeLimit::WorkingDays(5);
        assert!(limit.within(friday, Date::constant(2024, 3, 8)));
        assert!(!limit.within(friday, Date::constant(2024, 3, 11)));
        assert!(limit.within(friday, friday));
    }

    #[test]
    fn calendar_days_count_every_day() {
        let from = Date::constant(2024, 12, 20);
        assert!(TimeLimit::Days(15).within(from, Date::constant(2025, 1, 4)));
        assert!(!TimeLimit::Days(15).within(from, Date::constant(2025, 1, 5)));
    }
}
