//! What each event a member's account refers to was, in the policy's words, so the archive can
//! explain every line of an account without the data it came from.
//!
//! A description depends on the event's date, kind, level, product, failed items and handling,
//! never on its id or member, and a large association's events repeat those few values: a
//! hundred thousand members' 1.5 million events have some fifteen thousand descriptions. Each
//! is worded once, and every line refers to it by number.

use std::collections::hash_map::Entry;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::data::Dataset;
use crate::data::members::Event;
use crate::data::strings::Sym;
use crate::eval::describe_event;
use crate::outcome::Outcome;
use crate::policy::PolicySet;
use crate::text::Text;

/// The events an outcome's accounts refer to, described: each description once, and for each
/// line of each member's account the description of the event it is about.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Described {
    /// The descriptions (Chinese and English), each once.
    pub texts: Vec<Text>,
    /// For each member of the outcome, in its order, and each line of its account: the index
    /// in `texts` of the description of the line's event, if the line is about an event of
    /// the data.
    pub lines: Vec<Vec<Option<u32>>>,
}

/// For each member and each line of its account, a description's number, if any.
type Lines = Vec<Vec<Option<u32>>>;

/// What a description depends on: the whole event but its id and member.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    date: Date,
    kind: Sym,
    level: Option<Sym>,
    product: Option<Sym>,
    items: Vec<(Sym, Sym)>,
    on_time: Option<bool>,
    detail: Option<Sym>,
}

impl Key {
    fn of(e: &Event) -> Key {
        // Every field named: a field added to events must be placed here or left out on
        // purpose, as the id and the member are.
        let Event {
            id: _,
            member: _,
            date,
            kind,
            level,
            product,
            items,
            on_time,
            detail,
        } = e;
        Key {
            date: *date,
            kind: *kind,
            level: *level,
            product: *product,
            items: items.iter().map(|i| (i.name, i.class)).collect(),
            on_time: *on_time,
            detail: *detail,
        }
    }
}

/// Members per slice described on one core.
const SLICE: usize = 2048;

/// Describes every event the outcome's accounts name: distinct events are found a slice of
/// members per core, numbered in the order the accounts first name them, and worded once each.
pub fn describe(policies: &PolicySet, data: &Dataset, outcome: &Outcome) -> Described {
    let Some(members) = &data.members else {
        return Described {
            texts: Vec::new(),
            lines: vec![Vec::new(); outcome.members.len()],
        };
    };
    let strings = &members.strings;
    let mut by_id: foldhash::HashMap<&str, &Event> = foldhash::HashMap::default();
    by_id.reserve(members.events.len());
    by_id.extend(members.events.iter().map(|e| (strings.get(e.id), e)));
    // Each slice: its distinct events in the order first named, and each line's number among them.
    let slices: Vec<(Vec<(Key, &Event)>, Lines)> = outcome
        .members
        .par_chunks(SLICE)
        .map(|slice| {
            let mut seen: foldhash::HashMap<Key, u32> = foldhash::HashMap::default();
            let mut first = Vec::new();
            let lines = slice
                .iter()
                .map(|m| {
                    m.reasons
                        .iter()
                        .map(|r| {
                            let e = *by_id.get(r.event.as_deref()?)?;
                            Some(match seen.entry(Key::of(e)) {
                                Entry::Occupied(o) => *o.get(),
                                Entry::Vacant(v) => {
                                    first.push((v.key().clone(), e));
                                    *v.insert(first.len() as u32 - 1)
                                }
                            })
                        })
                        .collect()
                })
                .collect();
            (first, lines)
        })
        .collect();
    // Number the slices' events across the outcome, in order.
    let mut numbers: foldhash::HashMap<Key, u32> = foldhash::HashMap::default();
    let mut distinct: Vec<&Event> = Vec::new();
    let renumbered: Vec<(Vec<u32>, Lines)> = slices
        .into_iter()
        .map(|(first, lines)| {
            let to = first
                .into_iter()
                .map(|(key, e)| {
                    *numbers.entry(key).or_insert_with(|| {
                        distinct.push(e);
                        distinct.len() as u32 - 1
                    })
                })
                .collect();
            (to, lines)
        })
        .collect();
    let texts = distinct
        .par_iter()
        .map(|e| describe_event(policies, strings, e))
        .collect();
    let lines = renumbered
        .into_par_iter()
        .flat_map_iter(|(to, lines)| {
            lines.into_iter().map(move |member| {
                member
                    .into_iter()
                    .map(|n| n.map(|n| to[n as usize]))
                    .collect()
            })
        })
        .collect();
    Described { texts, lines }
}
