//! Member companies and their credit events (the quality credit archive, 8.1.2.2 c), checked
//! against the credit policy and turned into compact events for fast evaluation.
//!
//! Events may predate the period (the archive keeps history; the policy's validity window
//! decides whether they still count) but never follow its end.

use std::collections::{HashMap, HashSet};

use foldhash::fast::FixedState;
use rayon::prelude::*;

use jiff::civil::Date;
use serde::Deserialize;

use super::credit_code;
use super::strings::{self, Strings, Sym};
use super::{quoted, suggest};
use crate::diagnostic::{Problem, Problems, SourceFile};
use crate::message::Msg;
use crate::policy::credit::{CreditPolicy, Points};

/// A member company.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Unified social credit code (统一社会信用代码).
    pub code: String,
    /// Registered name.
    pub name: String,
    /// When the member's credit archive (信用档案) was last updated: evaluated and its
    /// information recorded. Never after the period end.
    #[serde(default, deserialize_with = "crate::value::some_date")]
    pub archive_updated: Option<Date>,
    /// The rewards and restrictions the association applied to the member (已落实措施), as
    /// action ids of the credit policy.
    #[serde(default)]
    pub applied: Vec<String>,
}

/// A failed inspection item of a sampling result.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FailedItem {
    /// Item name, e.g. 吸水率.
    pub name: Sym,
    /// Item class from the policy (`A` critical, `B` important).
    pub class: Sym,
}

/// A credit event in a member's archive, its strings in the archive's [`Strings`].
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Unique id.
    #[serde(deserialize_with = "strings::unique")]
    pub id: Sym,
    /// The member's credit code.
    pub member: Sym,
    /// When it happened.
    #[serde(deserialize_with = "crate::value::date")]
    pub date: Date,
    /// Event kind from the credit policy.
    pub kind: Sym,
    /// Level, for kinds scored by level.
    #[serde(default)]
    pub level: Option<Sym>,
    /// Product concerned (sampling).
    #[serde(default)]
    pub product: Option<Sym>,
    /// Failed items (sampling).
    #[serde(default)]
    pub items: Vec<FailedItem>,
    /// Whether it was handled within the time limit (complaints).
    #[serde(default)]
    pub on_time: Option<bool>,
    /// Free text.
    #[serde(default, deserialize_with = "strings::unique_opt")]
    pub detail: Option<Sym>,
}

impl Event {
    /// A place for an event, before the rows of a table, read in parallel, fill it in.
    pub(crate) fn unfilled() -> Event {
        Event {
            id: Sym::UNFILLED,
            member: Sym::UNFILLED,
            date: Date::ZERO,
            kind: Sym::UNFILLED,
            level: None,
            product: None,
            items: Vec::new(),
            on_time: None,
            detail: None,
        }
    }
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
    /// Bit per failed item class (the credit policy has at most 64).
    pub classes: u64,
    /// Product, if given.
    pub product: Option<Sym>,
    /// Index of the event in [`Members::events`].
    pub index: u32,
}

/// No level given.
pub const NO_LEVEL: u8 = u8::MAX;

/// The roster with every member's events, in credit code order.
#[derive(Clone, Debug, Default)]
pub struct Members {
    /// Members sorted by credit code.
    pub list: Vec<Member>,
    /// Events as loaded.
    pub events: Vec<Event>,
    /// The events' strings.
    pub strings: Strings,
    /// Compact events, grouped by member, each group by date then id.
    pub compact: Vec<CompactEvent>,
    /// For member `i`, its compact events are `compact[ranges[i].0..ranges[i].1]`.
    pub ranges: Vec<(u32, u32)>,
}

/// Points a problem with a roster entry or an event at where it was written: the association
/// file, or a row of an imported table.
pub trait Place: Sync {
    /// A problem with field `key` of roster entry `index` (in the order given to
    /// [`Members::build`]); `nth` counts the entries before it with the same code.
    fn member(&self, index: usize, member: &Member, nth: usize, key: &str, message: Msg)
    -> Problem;
    /// A problem with field `key` of event `index`, whose id is `id`; `nth` counts the events
    /// before it with the same id.
    fn event(&self, index: usize, id: &str, nth: usize, key: &str, message: Msg) -> Problem;
}

/// Roster and events written in the association file: problems point at the quoted code or id.
impl Place for SourceFile {
    fn member(&self, _: usize, member: &Member, nth: usize, key: &str, message: Msg) -> Problem {
        if key == "code" {
            self.problem_at_value(&member.code, nth, message)
        } else {
            self.problem_at_field(&member.code, nth, key, message)
        }
    }

    fn event(&self, _: usize, id: &str, nth: usize, key: &str, message: Msg) -> Problem {
        if key == "id" {
            self.problem_at_value(id, nth, message)
        } else {
            self.problem_at_field(id, nth, key, message)
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
    /// This runs once per event of a large archive, so events are checked a slice per core
    /// (problems keep file order), strings are compared as interned symbols, duplicate ids are
    /// found by sorting hashes, and events are grouped by member with a counting sort.
    pub fn build(
        place: &dyn Place,
        list: Vec<Member>,
        mut events: Vec<Event>,
        mut strings: Strings,
        period_end: Date,
        credit: &CreditPolicy,
        problems: &mut Problems,
    ) -> Members {
        check_roster_fields(place, &list, period_end, credit, problems);
        let emptied = normalise_names(&mut events, &mut strings);
        let list = sorted_roster(place, list, problems);
        // Members by the symbol of their code; a code no event names has none.
        let position: HashMap<Sym, u32, FixedState> = list
            .iter()
            .enumerate()
            .filter_map(|(i, m)| Some((strings.find(&m.code)?, i as u32)))
            .collect();
        let duplicates = duplicate_ids(&events, &strings);
        let mut slices: Vec<Checked> = events
            .par_chunks(CHECK_SLICE)
            .enumerate()
            .map(|(n, slice)| {
                let check = Check {
                    place,
                    strings: &strings,
                    period_end,
                    credit,
                    position: &position,
                    duplicates: &duplicates,
                    emptied: &emptied,
                    kinds: HashMap::default(),
                };
                check.slice(slice, n * CHECK_SLICE)
            })
            .collect();
        for slice in &mut slices {
            problems.0.append(&mut slice.problems.0);
        }
        let (compact, ranges) = group_by_member(list.len(), &slices, &events, &strings);
        Members {
            list,
            events,
            strings,
            compact,
            ranges,
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

/// The roster sorted by credit code, with members listed twice and invalid credit codes
/// reported in roster order. One sort, on every core, does both.
fn sorted_roster(place: &dyn Place, list: Vec<Member>, problems: &mut Problems) -> Vec<Member> {
    let mut sorted: Vec<(usize, Member)> = list.into_iter().enumerate().collect();
    // A stable sort: entries with the same code stay in roster order.
    sorted.par_sort_by(|a, b| a.1.code.cmp(&b.1.code));
    let invalid: Vec<Option<credit_code::CodeError>> = sorted
        .par_iter()
        .map(|(_, m)| credit_code::validate(&m.code).err())
        .collect();
    let mut found: Vec<(usize, Problem)> = Vec::new();
    let mut first = 0;
    for run in sorted.chunk_by(|a, b| a.1.code == b.1.code) {
        for (nth, (i, m)) in run.iter().enumerate() {
            if nth > 0 {
                let message = Msg::new("data-member-twice")
                    .arg("code", &m.code)
                    .arg("name", &m.name);
                found.push((*i, place.member(*i, m, nth, "code", message)));
            } else if let Some(e) = &invalid[first] {
                let message = Msg::new("data-member-code-invalid")
                    .arg("name", &m.name)
                    .arg("why", e.msg());
                found.push((*i, place.member(*i, m, 0, "code", message)));
            }
        }
        first += run.len();
    }
    found.sort_by_key(|(i, _)| *i);
    problems.0.extend(found.into_iter().map(|(_, p)| p));
    sorted.into_iter().map(|(_, m)| m).collect()
}

/// Checks what the roster says of each member's archive: an update no later than the period
/// end, measures applied that the credit policy names.
fn check_roster_fields(
    place: &dyn Place,
    list: &[Member],
    period_end: Date,
    credit: &CreditPolicy,
    problems: &mut Problems,
) {
    let wrong = |m: &Member| {
        m.archive_updated.is_some_and(|d| d > period_end)
            || m.applied.iter().any(|a| !credit.actions.contains_key(a))
    };
    // A problem names the member's place among those listed with its code, counted only
    // when there is a problem to place.
    if !list.par_iter().any(wrong) {
        return;
    }
    let mut seen: HashMap<&str, usize, FixedState> = HashMap::default();
    for (i, m) in list.iter().enumerate() {
        let count = seen.entry(m.code.as_str()).or_default();
        let nth = *count;
        *count += 1;
        if let Some(date) = m.archive_updated.filter(|d| *d > period_end) {
            let message = Msg::new("data-member-archive-after-period")
                .arg("name", &m.name)
                .arg("code", &m.code)
                .arg("date", date.to_string())
                .arg("end", period_end.to_string());
            problems.push(place.member(i, m, nth, "archive_updated", message));
        }
        for action in m
            .applied
            .iter()
            .filter(|a| !credit.actions.contains_key(*a))
        {
            let message = Msg::new("data-member-applied-unknown")
                .arg("name", &m.name)
                .arg("action", action);
            let help = suggest(action, credit.actions.keys());
            problems.push(place.member(i, m, nth, "applied", message).with_help(help));
        }
    }
}

/// Events checked in parallel, this many to a slice.
const CHECK_SLICE: usize = 1 << 16;

/// What checking events needs, and the kinds resolved so far.
struct Check<'a> {
    place: &'a dyn Place,
    strings: &'a Strings,
    period_end: Date,
    credit: &'a CreditPolicy,
    /// Roster index of each member code's symbol.
    position: &'a HashMap<Sym, u32, FixedState>,
    /// Events whose id an earlier event has, with how many earlier ones.
    duplicates: &'a HashMap<usize, usize>,
    /// Events whose product was written but is empty once normalised.
    emptied: &'a HashSet<usize>,
    /// Kind index of each kind symbol met (`None`: the policy has no such kind).
    kinds: HashMap<Sym, Option<u16>, FixedState>,
}

/// A slice of events checked: the problems found, and the sound events with their members.
struct Checked {
    problems: Problems,
    owners: Vec<u32>,
    kept: Vec<CompactEvent>,
}

impl Check<'_> {
    /// Checks a slice of events, the first of which is event `first`.
    fn slice(mut self, events: &[Event], first: usize) -> Checked {
        let mut out = Checked {
            problems: Problems::default(),
            owners: Vec::with_capacity(events.len()),
            kept: Vec::with_capacity(events.len()),
        };
        // Files list a member's events together: the last member is remembered.
        let mut last: Option<(Sym, Option<u32>)> = None;
        for (index, e) in (first..).zip(events) {
            if let Some(&nth) = self.duplicates.get(&index) {
                let id = self.strings.get(e.id);
                let message = Msg::new("data-event-id-twice").arg("id", id);
                out.problems
                    .push(self.place.event(index, id, nth, "id", message));
                continue;
            }
            let member = match last {
                Some((sym, member)) if sym == e.member => member,
                _ => self.position.get(&e.member).copied(),
            };
            last = Some((e.member, member));
            let checked = self.event(e, index, member, &mut out.problems);
            if let (Some(c), Some(member)) = (checked, member) {
                out.owners.push(member);
                out.kept.push(c);
            }
        }
        out
    }

    /// Checks event `index` of `member` (`None`: not on the roster), compacting it if sound.
    fn event(
        &mut self,
        e: &Event,
        index: usize,
        member: Option<u32>,
        problems: &mut Problems,
    ) -> Option<CompactEvent> {
        let (credit, strings) = (self.credit, self.strings);
        let id = strings.get(e.id);
        let place = self.place;
        let at = |key: &str, message: Msg| place.event(index, id, 0, key, message);
        let before = problems.0.len();
        if member.is_none() {
            let code = strings.get(e.member);
            problems.push(at(
                "member",
                Msg::new("data-event-member-unknown")
                    .arg("id", id)
                    .arg("code", code),
            ));
        }
        if e.date > self.period_end {
            problems.push(at(
                "date",
                Msg::new("data-event-after-period")
                    .arg("id", id)
                    .arg("date", e.date.to_string())
                    .arg("end", self.period_end.to_string()),
            ));
        }
        let kind_id = strings.get(e.kind);
        let kind = *self
            .kinds
            .entry(e.kind)
            .or_insert_with(|| credit.kind(kind_id));
        let Some(kind) = kind else {
            problems.push(
                at(
                    "kind",
                    Msg::new("data-event-kind-unknown")
                        .arg("id", id)
                        .arg("kind", kind_id),
                )
                .with_help(suggest(kind_id, credit.kind_index.keys())),
            );
            return None;
        };
        let spec = &credit.kinds[kind as usize];
        let level = match (&spec.points, e.level.map(|l| strings.get(l))) {
            (Points::ByLevel(_), None) => {
                problems.push(at(
                    "kind",
                    Msg::new("data-event-needs-level")
                        .arg("id", id)
                        .arg("kind", kind_id)
                        .arg("levels", quoted(&spec.levels)),
                ));
                NO_LEVEL
            }
            (Points::ByLevel(_), Some(l)) => match spec.levels.iter().position(|x| x == l) {
                Some(i) => i as u8,
                None => {
                    problems.push(
                        at(
                            "level",
                            Msg::new("data-event-level-unknown")
                                .arg("id", id)
                                .arg("level", l)
                                .arg("kind", kind_id),
                        )
                        .with_help(suggest(l, spec.levels.iter())),
                    );
                    NO_LEVEL
                }
            },
            (Points::Each(_), _) => NO_LEVEL,
        };
        if spec.needs_product && e.product.is_none() {
            problems.push(if self.emptied.contains(&index) {
                at(
                    "product",
                    Msg::new("data-event-product-empty")
                        .arg("id", id)
                        .arg("kind", kind_id)
                        .arg("name", &spec.name),
                )
            } else {
                at(
                    "kind",
                    Msg::new("data-event-needs-product")
                        .arg("id", id)
                        .arg("kind", kind_id),
                )
            });
        }
        let mut classes = 0u64;
        for item in &e.items {
            let class = strings.get(item.class);
            match credit.item_class(class) {
                Some(c) => classes |= 1 << c,
                None => {
                    let known: Vec<String> =
                        credit.item_classes.iter().map(|(c, _)| c.clone()).collect();
                    let name = strings.get(item.name);
                    problems.push(
                        at(
                            "items",
                            Msg::new("data-event-item-class-unknown")
                                .arg("id", id)
                                .arg("item", name)
                                .arg("class", class),
                        )
                        .with_help(suggest(class, known.iter())),
                    );
                }
            }
        }
        if problems.0.len() > before {
            return None;
        }
        Some(CompactEvent {
            day: day_number(e.date),
            kind,
            level,
            late: e.on_time == Some(false),
            classes,
            product: e.product,
            index: index as u32,
        })
    }
}

/// Gives every event's product and failed items their [`strings::normalised`] names, the one
/// point every source of events goes through (the association file and each imported table),
/// so that a repeat rule sees one product however its name was spaced or written. Returns
/// the events whose product was written but is empty: they have none.
fn normalise_names(events: &mut [Event], strings: &mut Strings) -> HashSet<usize> {
    let mut names: HashMap<Sym, Option<Sym>, FixedState> = HashMap::default();
    let mut name = |sym: Sym, strings: &mut Strings| {
        *names.entry(sym).or_insert_with(|| strings.normalise(sym))
    };
    let mut emptied = HashSet::new();
    for (i, e) in events.iter_mut().enumerate() {
        if let Some(product) = e.product {
            e.product = name(product, strings);
            if e.product.is_none() {
                emptied.insert(i);
            }
        }
        for item in &mut e.items {
            if let Some(normal) = name(item.name, strings) {
                item.name = normal;
            }
        }
    }
    emptied
}

/// Event indices whose id was used by an earlier event, with how many earlier ones.
/// Sorting 64-bit hashes touches memory in order; a hash set of 1.5 million strings does not.
fn duplicate_ids(events: &[Event], strings: &Strings) -> HashMap<usize, usize> {
    use std::hash::BuildHasher;
    let state = FixedState::default();
    let mut hashes: Vec<(u64, u32)> = events
        .par_iter()
        .enumerate()
        .map(|(i, e)| (state.hash_one(strings.get(e.id)), i as u32))
        .collect();
    hashes.par_sort_unstable();
    let mut duplicates = HashMap::new();
    for run in hashes
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() > 1)
    {
        // Equal hashes: compare the ids themselves, in file order.
        for (k, &(_, i)) in run.iter().enumerate() {
            let id = strings.get(events[i as usize].id);
            let earlier = run[..k]
                .iter()
                .filter(|&&(_, j)| strings.get(events[j as usize].id) == id)
                .count();
            if earlier > 0 {
                duplicates.insert(i as usize, earlier);
            }
        }
    }
    duplicates
}

/// Groups the compact events of the checked slices by member (a counting sort, the members
/// split among the cores, each core reading every slice for its own), each group by date then
/// id.
fn group_by_member(
    members: usize,
    slices: &[Checked],
    events: &[Event],
    strings: &Strings,
) -> (Vec<CompactEvent>, Vec<(u32, u32)>) {
    let mut starts = vec![0u32; members + 1];
    for &m in slices.iter().flat_map(|s| &s.owners) {
        starts[m as usize + 1] += 1;
    }
    for i in 0..members {
        starts[i + 1] += starts[i];
    }
    let ranges: Vec<(u32, u32)> = (0..members).map(|i| (starts[i], starts[i + 1])).collect();
    // Every place is filled below: each event goes to the next free place of its member.
    let filler = CompactEvent {
        day: 0,
        kind: 0,
        level: NO_LEVEL,
        late: false,
        classes: 0,
        product: None,
        index: 0,
    };
    let mut compact = vec![filler; starts[members] as usize];
    let cores = rayon::current_num_threads().clamp(1, members.max(1));
    let mut parts = Vec::with_capacity(cores);
    let mut rest = compact.as_mut_slice();
    for p in 0..cores {
        let (first, end) = (members * p / cores, members * (p + 1) / cores);
        let (part, after) = rest.split_at_mut((starts[end] - starts[first]) as usize);
        parts.push((first as u32..end as u32, part));
        rest = after;
    }
    parts.into_par_iter().for_each(|(own, part)| {
        let base = starts[own.start as usize];
        let mut next: Vec<u32> = starts[own.start as usize..own.end as usize].to_vec();
        for slice in slices {
            for (&m, c) in slice.owners.iter().zip(&slice.kept) {
                if own.contains(&m) {
                    let at = &mut next[(m - own.start) as usize];
                    part[(*at - base) as usize] = *c;
                    *at += 1;
                }
            }
        }
    });
    // Each member's events by date then id, members in parallel.
    let mut groups = Vec::with_capacity(members);
    let mut rest = compact.as_mut_slice();
    for &(start, end) in &ranges {
        let (group, after) = rest.split_at_mut((end - start) as usize);
        groups.push(group);
        rest = after;
    }
    groups.par_iter_mut().with_min_len(1024).for_each(|group| {
        group.sort_by(|a, b| {
            a.day.cmp(&b.day).then_with(|| {
                let id = |c: &CompactEvent| strings.get(events[c.index as usize].id);
                id(a).cmp(id(b))
            })
        });
    });
    (compact, ranges)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_grouped_by_member_each_by_day_then_id_from_whichever_slice() {
        let mut strings = Strings::default();
        let kind = strings.intern("sampling_fail");
        // (id, member, day) in file order, over two slices.
        let written = [
            ("抽查-9", 2, 5),
            ("抽查-10", 0, 3),
            ("抽查-11", 2, 5),
            ("抽查-12", 1, 1),
            ("抽查-13", 2, 4),
            ("抽查-2", 0, 3),
        ];
        let events: Vec<Event> = written
            .iter()
            .map(|(id, _, _)| Event {
                id: strings.add(id),
                member: kind,
                date: Date::constant(2024, 1, 1),
                kind,
                level: None,
                product: None,
                items: Vec::new(),
                on_time: None,
                detail: None,
            })
            .collect();
        let compact = |i: usize| CompactEvent {
            day: written[i].2,
            kind: 0,
            level: NO_LEVEL,
            late: false,
            classes: 0,
            product: None,
            index: i as u32,
        };
        let slice = |range: std::ops::Range<usize>| Checked {
            problems: Problems::default(),
            owners: range.clone().map(|i| written[i].1).collect(),
            kept: range.map(compact).collect(),
        };
        let slices = [slice(0..4), slice(4..6)];
        let (grouped, ranges) = group_by_member(4, &slices, &events, &strings);
        assert_eq!(ranges, [(0, 2), (2, 3), (3, 6), (6, 6)]);
        let ids: Vec<&str> = grouped
            .iter()
            .map(|c| strings.get(events[c.index as usize].id))
            .collect();
        assert_eq!(
            ids,
            [
                "抽查-10",
                "抽查-2",
                "抽查-12",
                "抽查-13",
                "抽查-11",
                "抽查-9"
            ]
        );
    }

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
