//! Member credit evaluation: score, grade, rewards and penalties, warnings.
//!
//! One function, [`score_member`], holds the rules. It is generic over a [`Trace`]: the fast
//! path passes [`NoTrace`], which compiles away, and members are scored in parallel from
//! compact events; explanations pass [`Explain`], which records every point and why. So what
//! is explained is exactly what was computed.

use rayon::prelude::*;

use crate::data::members::{CompactEvent, Members, NO_LEVEL};
use crate::data::strings::Sym;
use crate::policy::credit::{CreditPolicy, MAX_KINDS, Same};

/// A member's credit, as numbers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MemberCredit {
    /// Score after caps, repeats and clamping.
    pub score: f64,
    /// Grade index (0 is best).
    pub grade: usize,
    /// Set of kinds with a counting event.
    pub kinds: u64,
    /// Some repeat rule fired.
    pub repeated: bool,
}

/// Why a point moved: recorded by [`Explain`]. `event` is an index into `Members::events`.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// An event counted for these points.
    Event {
        /// The event.
        event: u32,
        /// Points it earned or cost.
        points: f64,
    },
    /// An event did not count: older than the validity window.
    Expired {
        /// The event.
        event: u32,
    },
    /// An event did not count: cleared by credit repair.
    Repaired {
        /// The event.
        event: u32,
    },
    /// An event did not count: its kind counts once and already did.
    Duplicate {
        /// The event.
        event: u32,
    },
    /// A kind's total was capped.
    Cap {
        /// Kind index.
        kind: u16,
        /// Total before the cap.
        total: f64,
        /// The cap.
        cap: f64,
    },
    /// A repeat rule fired for a product or item.
    Repeat {
        /// Rule index.
        rule: usize,
        /// The product or item.
        name: Sym,
        /// How many failures.
        count: u32,
        /// Extra points.
        points: f64,
    },
    /// The score was clamped to the policy's range.
    Clamp {
        /// Score before.
        from: f64,
        /// Score after.
        to: f64,
    },
    /// A veto lowered the grade.
    Veto {
        /// Veto index.
        veto: usize,
        /// The event that triggered it.
        event: u32,
        /// Grade index before.
        from: usize,
        /// Grade index after.
        to: usize,
    },
}

/// Receives the steps of a member's evaluation.
pub trait Trace {
    /// Records a step.
    fn step(&mut self, step: Step);
}

/// Records nothing: the fast path.
pub struct NoTrace;

impl Trace for NoTrace {
    #[inline(always)]
    fn step(&mut self, _: Step) {}
}

/// Records every step.
#[derive(Debug, Default)]
pub struct Explain(pub Vec<Step>);

impl Trace for Explain {
    fn step(&mut self, step: Step) {
        self.0.push(step);
    }
}

/// Scratch space reused across members on one thread.
#[derive(Default)]
pub struct Scratch {
    keys: Vec<Sym>,
}

/// First day that still counts for a period ending on `end_day`.
pub fn cutoff(policy: &CreditPolicy, end_day: i32) -> i32 {
    policy
        .validity_days
        .map_or(i32::MIN, |d| end_day - d as i32)
}

/// Scores one member from its compact events (sorted by date).
pub fn score_member<T: Trace>(
    policy: &CreditPolicy,
    members: &Members,
    events: &[CompactEvent],
    cutoff: i32,
    scratch: &mut Scratch,
    trace: &mut T,
) -> MemberCredit {
    let mut totals = [0.0f64; MAX_KINDS];
    let mut kinds = 0u64;
    let repaired_until = policy.repair.and_then(|(kind, _)| {
        events
            .iter()
            .filter(|e| e.kind == kind && e.day >= cutoff)
            .map(|e| e.day)
            .max()
    });
    for e in events {
        let bit = 1u64 << e.kind;
        if e.day < cutoff {
            trace.step(Step::Expired { event: e.index });
            continue;
        }
        if let (Some(until), Some((_, clears))) = (repaired_until, policy.repair)
            && clears & bit != 0
            && e.day <= until
        {
            trace.step(Step::Repaired { event: e.index });
            continue;
        }
        let spec = &policy.kinds[e.kind as usize];
        if spec.once && kinds & bit != 0 {
            trace.step(Step::Duplicate { event: e.index });
            continue;
        }
        let level = (e.level != NO_LEVEL).then_some(e.level);
        let mut points = spec.points_for(level);
        if e.late {
            points += spec.late.unwrap_or(0.0);
        }
        totals[e.kind as usize] += points;
        kinds |= bit;
        trace.step(Step::Event {
            event: e.index,
            points,
        });
    }
    let mut sum = 0.0;
    for (k, spec) in policy.kinds.iter().enumerate() {
        let total = totals[k];
        let capped = match spec.cap {
            Some(cap) if cap < 0.0 && total < cap => cap,
            Some(cap) if cap > 0.0 && total > cap => cap,
            _ => total,
        };
        if capped != total {
            trace.step(Step::Cap {
                kind: k as u16,
                total,
                cap: capped,
            });
        }
        sum += capped;
    }
    let mut repeated = false;
    for (r, rule) in policy.repeats.iter().enumerate() {
        if kinds & (1 << rule.kind) == 0 {
            continue;
        }
        scratch.keys.clear();
        for e in events
            .iter()
            .filter(|e| e.kind == rule.kind && counts(policy, e, cutoff, repaired_until))
        {
            match rule.same {
                Same::Product => scratch.keys.extend(e.product),
                Same::Item => {
                    let items = &members.events[e.index as usize].items;
                    scratch.keys.extend(items.iter().map(|i| i.name));
                }
            }
        }
        scratch.keys.sort_unstable();
        for run in scratch.keys.chunk_by(|a, b| a == b) {
            if run.len() as u32 >= rule.at_least {
                sum += rule.points;
                repeated = true;
                trace.step(Step::Repeat {
                    rule: r,
                    name: run[0],
                    count: run.len() as u32,
                    points: rule.points,
                });
            }
        }
    }
    let raw = policy.base + sum;
    let score = raw.clamp(policy.min, policy.max);
    if score != raw {
        trace.step(Step::Clamp {
            from: raw,
            to: score,
        });
    }
    let mut grade = policy.grade_for(score);
    for (v, veto) in policy.vetoes.iter().enumerate() {
        if kinds & (1 << veto.kind) == 0 || grade >= veto.best {
            continue;
        }
        let hit = events.iter().find(|e| {
            e.kind == veto.kind
                && counts(policy, e, cutoff, repaired_until)
                && veto.item_class.is_none_or(|c| e.classes & (1u64 << c) != 0)
        });
        if let Some(e) = hit {
            trace.step(Step::Veto {
                veto: v,
                event: e.index,
                from: grade,
                to: veto.best,
            });
            grade = veto.best;
        }
    }
    MemberCredit {
        score,
        grade,
        kinds,
        repeated,
    }
}

/// Whether an event counts (not expired, not repaired); duplicates of once-only kinds are
/// not distinguished here because repeat and veto rules look at any counting event.
fn counts(
    policy: &CreditPolicy,
    e: &CompactEvent,
    cutoff: i32,
    repaired_until: Option<i32>,
) -> bool {
    if e.day < cutoff {
        return false;
    }
    match (repaired_until, policy.repair) {
        (Some(until), Some((_, clears))) => clears & (1 << e.kind) == 0 || e.day > until,
        _ => true,
    }
}

/// Scores every member in parallel; the result is in roster (credit code) order and identical
/// to scoring them one after another.
pub fn score_all(policy: &CreditPolicy, members: &Members, cutoff: i32) -> Vec<MemberCredit> {
    (0..members.list.len())
        .into_par_iter()
        .map_init(Scratch::default, |scratch, i| {
            score_member(
                policy,
                members,
                members.events_of(i),
                cutoff,
                scratch,
                &mut NoTrace,
            )
        })
        .collect()
}

/// The actions a member's grade and events bring, in policy order.
pub fn actions(policy: &CreditPolicy, credit: &MemberCredit) -> Vec<String> {
    let mut list = policy.grade_actions[credit.grade].clone();
    for (grade, kind, extra) in &policy.kind_actions {
        if *grade == credit.grade && credit.kinds & (1 << kind) != 0 {
            for a in extra {
                if !list.contains(a) {
                    list.push(a.clone());
                }
            }
        }
    }
    list
}

/// The restrictions (制约措施) a member's grade and events call for, in policy order; an action
/// named by both the grade and an event kind comes twice.
pub fn restrictions_due<'a>(
    policy: &'a CreditPolicy,
    credit: &'a MemberCredit,
) -> impl Iterator<Item = &'a str> + 'a {
    let by_kind = policy
        .kind_actions
        .iter()
        .filter(|(grade, kind, _)| *grade == credit.grade && credit.kinds & (1 << kind) != 0)
        .flat_map(|(_, _, list)| list);
    policy.grade_actions[credit.grade]
        .iter()
        .chain(by_kind)
        .filter(|a| policy.restrictions.contains(*a))
        .map(String::as_str)
}
