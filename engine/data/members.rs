//! Member companies and their credit events (the quality credit archive, 8.1.2.2 c), checked
//! against the credit policy and turned into compact events for fast evaluation.
//!
//! Events may predate the period (the archive keeps history; the policy's validity window
//! decides whether they still count) but never follow its end.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use serde::Deserialize;

use super::credit_code;
use crate::diagnostic::{Problem, Problems, SourceFile};
use crate::policy::catalogue::suggest;
use crate::policy::credit::{CreditPolicy, Points};

/// A member company.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Unified social credit code (统一社会信用代码).
    pub code: String,
    /// Registered name.
    pub name: String,
}

/// A failed inspection item of a sampling result.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FailedItem {
    /// Item name, e.g. 吸水率.
    pub name: String,
    /// Item class from the policy (`A` critical, `B` important).
    pub class: String,
}

/// A credit event in a member's archive.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Unique id.
    pub id: String,
    /// The member's credit code.
    pub member: String,
    /// When it happened.
    pub date: Date,
    /// Event kind from the credit policy.
    pub kind: String,
    /// Level, for kinds scored by level.
    #[serde(default)]
    pub level: Option<String>,
    /// Product concerned (sampling).
    #[serde(default)]
    pub product: Option<String>,
    /// Failed items (sampling).
    #[serde(default)]
    pub items: Vec<FailedItem>,
    /// Whether it was handled within the time limit (complaints).
    #[serde(default)]
    pub on_time: Option<bool>,
    /// Free text.
    #[serde(default)]
    pub detail: Option<String>,
}

/// An event reduced to numbers: what the evaluator reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CompactEvent {
    /// Days since 1970-01-01.
    pub day: i32,
    /// Kind index.
    pub kind: u16,
    /// Level index, or [`NO_LEVEL`].
    pub level: u8,
    /// Handled late.
    pub late: bool,
    /// Bit per failed item class.
    pub classes: u8,
    /// Interned product, or [`NO_PRODUCT`].
    pub product: u32,
    /// Index of the event in [`Members::events`].
    pub index: u32,
}

/// No level given.
pub const NO_LEVEL: u8 = u8::MAX;
/// No product given.
pub const NO_PRODUCT: u32 = u32::MAX;

/// The roster with every member's events, in credit code order.
#[derive(Clone, Debug, Default)]
pub struct Members {
    /// Members sorted by credit code.
    pub list: Vec<Member>,
    /// Events as loaded.
    pub events: Vec<Event>,
    /// Compact events, grouped by member, each group by date then id.
    pub compact: Vec<CompactEvent>,
    /// For member `i`, its compact events are `compact[ranges[i].0..ranges[i].1]`.
    pub ranges: Vec<(u32, u32)>,
    /// Interned products and failed item names, by index.
    pub names: Vec<String>,
    /// Interned failed items of each event (by event index): indices into `names`.
    pub items: Vec<Vec<u32>>,
}

/// Points a problem with a roster entry or an event at where it was written: the association
/// file, or a row of an imported table.
pub trait Place {
    /// A problem with roster entry `index` (in the order given to [`Members::build`]); `nth`
    /// counts the entries before it with the same code.
    fn member(&self, index: usize, member: &Member, nth: usize, message: String) -> Problem;
    /// A problem with field `key` of event `index`; `nth` counts the events before it with the
    /// same id.
    fn event(&self, index: usize, event: &Event, nth: usize, key: &str, message: String)
    -> Problem;
}

/// Roster and events written in the association file: problems point at the quoted code or id.
impl Place for SourceFile {
    fn member(&self, _: usize, member: &Member, nth: usize, message: String) -> Problem {
        self.problem_at_value(&member.code, nth, message)
    }

    fn event(&self, _: usize, event: &Event, nth: usize, key: &str, message: String) -> Problem {
        if key == "id" {
            self.problem_at_value(&event.id, nth, message)
        } else {
            self.problem_at_field(&event.id, nth, key, message)
        }
    }
}

/// Days since 1970-01-01 of a date (H. Hinnant's days-from-civil; a calendar span
/// computation costs a hundred times more, and this runs once per event).
pub fn day_number(date: Date) -> i32 {
    let (y, m, d) = (
        i32::from(date.year()),
        i32::from(date.month()),
        i32::from(date.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

impl Members {
    /// Checks the roster and events against the credit policy and compacts them; `place` says
    /// where each was written.
    ///
    /// This runs once per event of a large archive, so it avoids per-event hashing where it
    /// can: files list a member's events together (the last member is remembered), duplicate
    /// ids are found by sorting hashes, and events are grouped by member with a counting sort.
    pub fn build(
        place: &dyn Place,
        mut list: Vec<Member>,
        events: Vec<Event>,
        period_end: Date,
        credit: &CreditPolicy,
        problems: &mut Problems,
    ) -> Members {
        check_members(place, &list, problems);
        list.sort_by(|a, b| a.code.cmp(&b.code));
        let position: HashMap<&str, u32> = list
            .iter()
            .enumerate()
            .map(|(i, m)| (m.code.as_str(), i as u32))
            .collect();
        let duplicates = duplicate_ids(&events);
        let mut interner = Interner::default();
        let mut owners: Vec<u32> = Vec::with_capacity(events.len());
        let mut kept: Vec<CompactEvent> = Vec::with_capacity(events.len());
        let mut items = Vec::with_capacity(events.len());
        let mut last: (&str, Option<u32>) = ("", None);
        for (index, e) in events.iter().enumerate() {
            items.push(e.items.iter().map(|i| interner.intern(&i.name)).collect());
            if let Some(&nth) = duplicates.get(&index) {
                let message = format!("the event id `{}` is used twice", e.id);
                problems.push(place.event(index, e, nth, "id", message));
                continue;
            }
            if last.0 != e.member {
                last = (e.member.as_str(), position.get(e.member.as_str()).copied());
            }
            let checked = check_event(
                place,
                e,
                index,
                last.1,
                period_end,
                credit,
                &mut interner,
                problems,
            );
            if let (Some(member), Some(c)) = (last.1, checked) {
                owners.push(member);
                kept.push(c);
            }
        }
        let (compact, ranges) = group_by_member(list.len(), &owners, kept, &events);
        Members {
            list,
            events,
            compact,
            ranges,
            names: interner.names,
            items,
        }
    }

    /// Index of a member by credit code.
    pub fn find(&self, code: &str) -> Option<usize> {
        self.list
            .binary_search_by(|m| m.code.as_str().cmp(code))
            .ok()
    }

    /// A member's compact events.
    pub fn events_of(&self, member: usize) -> &[CompactEvent] {
        let (start, end) = self.ranges[member];
        &self.compact[start as usize..end as usize]
    }
}

/// Strings turned into small integers once, at load time.
#[derive(Default)]
struct Interner {
    index: HashMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(s.to_string());
        self.index.insert(s.to_string(), i);
        i
    }
}

fn check_members(place: &dyn Place, list: &[Member], problems: &mut Problems) {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, m) in list.iter().enumerate() {
        let count = seen.entry(m.code.as_str()).or_insert(0);
        if *count > 0 {
            let message = format!("member `{}` ({}) is listed twice", m.code, m.name);
            problems.push(place.member(i, m, *count, message));
        } else if let Err(e) = credit_code::validate(&m.code) {
            let message = format!("member `{}` has an invalid credit code: {e}", m.name);
            problems.push(place.member(i, m, 0, message));
        }
        *count += 1;
    }
}

#[allow(clippy::too_many_arguments)]
fn check_event(
    place: &dyn Place,
    e: &Event,
    index: usize,
    member: Option<u32>,
    period_end: Date,
    credit: &CreditPolicy,
    interner: &mut Interner,
    problems: &mut Problems,
) -> Option<CompactEvent> {
    let at = |key: &str, message: String| place.event(index, e, 0, key, message);
    let before = problems.0.len();
    if member.is_none() {
        problems.push(at(
            "member",
            format!(
                "event `{}` names member `{}`, who is not on the roster",
                e.id, e.member
            ),
        ));
    }
    if e.date > period_end {
        problems.push(at(
            "date",
            format!(
                "event `{}` is dated {}, after the period ends on {period_end}",
                e.id, e.date
            ),
        ));
    }
    let Some(kind) = credit.kind(&e.kind) else {
        problems.push(
            at(
                "kind",
                format!(
                    "event `{}` is of kind `{}`, which the credit policy does not define",
                    e.id, e.kind
                ),
            )
            .with_help(suggest(&e.kind, credit.kind_index.keys())),
        );
        return None;
    };
    let spec = &credit.kinds[kind as usize];
    let level = match (&spec.points, &e.level) {
        (Points::ByLevel(_), None) => {
            let levels: Vec<String> = spec.levels.iter().map(|l| format!("`{l}`")).collect();
            problems.push(at(
                "kind",
                format!(
                    "event `{}` ({}) needs a `level`: one of {}",
                    e.id,
                    e.kind,
                    levels.join(", ")
                ),
            ));
            NO_LEVEL
        }
        (Points::ByLevel(_), Some(l)) => match spec.levels.iter().position(|x| x == l) {
            Some(i) => i as u8,
            None => {
                problems.push(
                    at(
                        "level",
                        format!("event `{}`: `{l}` is not a level of `{}`", e.id, e.kind),
                    )
                    .with_help(suggest(l, spec.levels.iter())),
                );
                NO_LEVEL
            }
        },
        (Points::Each(_), _) => NO_LEVEL,
    };
    if spec.needs_product && e.product.is_none() {
        problems.push(at(
            "kind",
            format!("event `{}` ({}) needs a `product`", e.id, e.kind),
        ));
    }
    let mut classes = 0u8;
    for item in &e.items {
        match credit.item_class(&item.class) {
            Some(c) => classes |= 1 << c,
            None => {
                let known: Vec<String> =
                    credit.item_classes.iter().map(|(c, _)| c.clone()).collect();
                problems.push(
                    at("items", format!("event `{}`: item `{}` has class `{}`, not one of the policy's item classes", e.id, item.name, item.class))
                        .with_help(suggest(&item.class, known.iter())),
                );
            }
        }
    }
    if problems.0.len() > before {
        return None;
    }
    let product = e
        .product
        .as_deref()
        .map_or(NO_PRODUCT, |p| interner.intern(p));
    let compact = CompactEvent {
        day: day_number(e.date),
        kind,
        level,
        late: e.on_time == Some(false),
        classes,
        product,
        index: index as u32,
    };
    Some(compact)
}

/// Event indices whose id was used by an earlier event, with how many earlier ones.
/// Sorting 64-bit hashes touches memory in order; a hash set of 1.5 million strings does not.
fn duplicate_ids(events: &[Event]) -> HashMap<usize, usize> {
    use std::hash::{BuildHasher, RandomState};
    let state = RandomState::new();
    let mut hashes: Vec<(u64, u32)> = events
        .iter()
        .enumerate()
        .map(|(i, e)| (state.hash_one(e.id.as_str()), i as u32))
        .collect();
    hashes.sort_unstable();
    let mut duplicates = HashMap::new();
    for run in hashes
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() > 1)
    {
        // Equal hashes: compare the ids themselves, in file order.
        for (k, &(_, i)) in run.iter().enumerate() {
            let id = &events[i as usize].id;
            let earlier = run[..k]
                .iter()
                .filter(|&&(_, j)| events[j as usize].id == *id)
                .count();
            if earlier > 0 {
                duplicates.insert(i as usize, earlier);
            }
        }
    }
    duplicates
}

/// Groups compact events by member (a counting sort), each group by date then id.
fn group_by_member(
    members: usize,
    owners: &[u32],
    kept: Vec<CompactEvent>,
    events: &[Event],
) -> (Vec<CompactEvent>, Vec<(u32, u32)>) {
    let mut starts = vec![0u32; members + 1];
    for &m in owners {
        starts[m as usize + 1] += 1;
    }
    for i in 0..members {
        starts[i + 1] += starts[i];
    }
    let ranges: Vec<(u32, u32)> = (0..members).map(|i| (starts[i], starts[i + 1])).collect();
    let mut next = starts;
    let mut compact = kept.clone();
    for (&m, c) in owners.iter().zip(kept) {
        compact[next[m as usize] as usize] = c;
        next[m as usize] += 1;
    }
    for &(start, end) in &ranges {
        compact[start as usize..end as usize].sort_by(|a, b| {
            a.day.cmp(&b.day).then_with(|| {
                events[a.index as usize]
                    .id
                    .cmp(&events[b.index as usize].id)
            })
        });
    }
    (compact, ranges)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_count_from_1970() {
        assert_eq!(day_number(Date::constant(1970, 1, 1)), 0);
        assert_eq!(day_number(Date::constant(1969, 12, 31)), -1);
        assert_eq!(day_number(Date::constant(2000, 3, 1)), 11_017);
        let (a, b) = (Date::constant(2024, 12, 31), Date::constant(2022, 1, 1));
        assert_eq!(day_number(a) - day_number(b), 1095);
        assert_eq!(
            day_number(a) - day_number(b),
            a.since(b).unwrap().get_days()
        );
    }
}
