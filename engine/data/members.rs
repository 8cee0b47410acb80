//! Member companies and their credit events (the quality credit archive, 8.1.2.2 c), checked
//! against the credit policy and turned into compact events for fast evaluation.
//!
//! Events may predate the period (the archive keeps history; the policy's validity window
//! decides whether they still count) but never follow its end.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use serde::Deserialize;

use super::credit_code;
use crate::diagnostic::{Problems, SourceFile};
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

/// Days since 1970-01-01 of a date.
pub fn day_number(date: Date) -> i32 {
    date.since(Date::constant(1970, 1, 1))
        .map(|s| s.get_days())
        .unwrap_or(0)
}

impl Members {
    /// Checks the roster and events against the credit policy and compacts them.
    pub fn build(
        file: &SourceFile,
        mut list: Vec<Member>,
        events: Vec<Event>,
        period_end: Date,
        credit: &CreditPolicy,
        problems: &mut Problems,
    ) -> Members {
        check_members(file, &list, problems);
        list.sort_by(|a, b| a.code.cmp(&b.code));
        let position: HashMap<&str, usize> = list
            .iter()
            .enumerate()
            .map(|(i, m)| (m.code.as_str(), i))
            .collect();
        let mut interner = Interner::default();
        let mut per_member: Vec<Vec<CompactEvent>> = vec![Vec::new(); list.len()];
        let mut items = Vec::with_capacity(events.len());
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(events.len());
        for (index, e) in events.iter().enumerate() {
            let count = seen.entry(e.id.as_str()).or_insert(0);
            let nth = *count;
            *count += 1;
            if nth > 0 {
                problems.push(file.problem_at_value(
                    &e.id,
                    nth,
                    format!("the event id `{}` is used twice", e.id),
                ));
                items.push(Vec::new());
                continue;
            }
            let compact = check_event(
                file,
                e,
                index,
                period_end,
                credit,
                &position,
                &mut interner,
                problems,
            );
            items.push(e.items.iter().map(|i| interner.intern(&i.name)).collect());
            if let Some((member, c)) = compact {
                per_member[member].push(c);
            }
        }
        let mut compact = Vec::with_capacity(events.len());
        let mut ranges = Vec::with_capacity(list.len());
        for mut group in per_member {
            group.sort_by(|a, b| {
                a.day.cmp(&b.day).then_with(|| {
                    events[a.index as usize]
                        .id
                        .cmp(&events[b.index as usize].id)
                })
            });
            let start = compact.len() as u32;
            compact.extend(group);
            ranges.push((start, compact.len() as u32));
        }
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

fn check_members(file: &SourceFile, list: &[Member], problems: &mut Problems) {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for m in list {
        let count = seen.entry(m.code.as_str()).or_insert(0);
        if *count > 0 {
            problems.push(file.problem_at_value(
                &m.code,
                *count,
                format!("member `{}` ({}) is listed twice", m.code, m.name),
            ));
        } else if let Err(e) = credit_code::validate(&m.code) {
            problems.push(file.problem_at_value(
                &m.code,
                0,
                format!("member `{}` has an invalid credit code: {e}", m.name),
            ));
        }
        *count += 1;
    }
}

#[allow(clippy::too_many_arguments)]
fn check_event(
    file: &SourceFile,
    e: &Event,
    index: usize,
    period_end: Date,
    credit: &CreditPolicy,
    position: &HashMap<&str, usize>,
    interner: &mut Interner,
    problems: &mut Problems,
) -> Option<(usize, CompactEvent)> {
    let at = |key: &str, message: String| file.problem_at_field(&e.id, 0, key, message);
    let before = problems.0.len();
    let member = position.get(e.member.as_str()).copied();
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
    member.map(|m| (m, compact))
}
