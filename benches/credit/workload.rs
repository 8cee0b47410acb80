//! The workload's data, generated deterministically from a seeded xorshift64* generator:
//! N members with 0..=30 events each, kinds, levels and products as the workload describes.

use cogov::CreditPolicy;
use cogov::bench::Strings;
use cogov::bench::{Event, Member, day_number};
use cogov::credit_code::with_check;
use jiff::civil::Date;
use serde::Deserialize;

/// The kinds, in the order the generator draws them.
pub const KINDS: [&str; 10] = [
    "sampling_pass",
    "sampling_fail",
    "complaint_verified",
    "complaint_on_time",
    "honor",
    "certification",
    "standard_led",
    "violation",
    "commitment_signed",
    "cqo_appointed",
];

/// xorshift64* (Vigna), seeded.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Generated members (sorted by credit code) and their events.
pub struct Generated {
    pub members: Vec<Member>,
    pub events: Vec<Event>,
    /// The events' strings.
    pub strings: Strings,
    /// Each member's events, by member index.
    pub ranges: Vec<std::ops::Range<usize>>,
}

pub fn period_end() -> Date {
    Date::constant(2024, 12, 31)
}

/// The validity cutoff as a day number, as the evaluator takes it.
pub fn cutoff(policy: &CreditPolicy) -> i32 {
    let end = day_number(period_end());
    policy.validity_days().map_or(i32::MIN, |d| end - d as i32)
}

/// A valid credit code whose order follows `i` (the alphabet is in ASCII order).
fn code(i: usize) -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    let mut body = [b'0'; 9];
    let mut x = i;
    for slot in body.iter_mut().rev() {
        *slot = ALPHABET[x % 31];
        x /= 31;
    }
    with_check(&format!("91440600{}", std::str::from_utf8(&body).unwrap()))
}

pub fn generate(n: usize) -> Generated {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut members = Vec::with_capacity(n);
    let mut events = Vec::with_capacity(n * 15);
    let mut ranges = Vec::with_capacity(n);
    let mut strings = Strings::default();
    for i in 0..n {
        let start = events.len();
        let member = code(i);
        let count = rng.below(31) as usize;
        for k in 0..count {
            // Violations are rare: about a third of members have one.
            let kind = if rng.below(37) == 0 {
                7
            } else {
                [0, 1, 2, 3, 4, 5, 6, 8, 9][rng.below(9) as usize]
            };
            let level = match kind {
                1 => Some(["minor", "major", "critical"][rng.below(3) as usize]),
                4 => Some(["municipal", "provincial", "national"][rng.below(3) as usize]),
                6 => Some(["national", "industry", "group"][rng.below(3) as usize]),
                _ => None,
            };
            let product = matches!(kind, 0 | 1).then(|| format!("P{}", rng.below(8)));
            let date = Date::constant(2024, 1 + rng.below(12) as i8, 1 + rng.below(28) as i8);
            events.push(Event {
                id: strings.add(&format!("{i}-{k}")),
                member: strings.intern(&member),
                date,
                kind: strings.intern(KINDS[kind]),
                level: level.map(|l| strings.intern(l)),
                product: product.map(|p| strings.intern(&p)),
                items: Vec::new(),
                on_time: None,
                detail: None,
            });
        }
        members.push(Member {
            code: member,
            name: format!("会员企业{i}"),
            archive_updated: None,
            applied: Vec::new(),
        });
        ranges.push(start..events.len());
    }
    Generated {
        members,
        events,
        strings,
        ranges,
    }
}

impl Generated {
    /// The data as an association JSON file.
    pub fn to_json(&self) -> String {
        let value = serde_json::json!({
            "profile": { "name": "基准协会", "sector": "credit-workload", "credit_code": with_check("51440600MJL900001") },
            "period": { "id": "2024", "start": "2024-01-01", "end": "2024-12-31" },
            "members": self.members.iter().map(|m| serde_json::json!({"code": m.code, "name": m.name})).collect::<Vec<_>>(),
            "events": self.events.iter().map(|e| {
                let text = |s| self.strings.get(s);
                let mut o = serde_json::json!({"id": text(e.id), "member": text(e.member), "date": e.date.to_string(), "kind": text(e.kind)});
                if let Some(l) = e.level { o["level"] = text(l).into(); }
                if let Some(p) = e.product { o["product"] = text(p).into(); }
                o
            }).collect::<Vec<_>>(),
        });
        serde_json::to_string(&value).unwrap()
    }
}

/// The file's shape, for timing a parse that does nothing else.
#[allow(dead_code)]
#[derive(Deserialize)]
pub struct ParseOnly {
    profile: serde_json::Value,
    period: serde_json::Value,
    members: Vec<ParseMember>,
    events: Vec<ParseEvent>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct ParseMember {
    code: String,
    name: String,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct ParseEvent {
    id: String,
    member: String,
    date: Date,
    kind: String,
    level: Option<String>,
    product: Option<String>,
}
