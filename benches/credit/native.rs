//! The workload's rules written by hand in Rust over plain structs: the reference cogov is
//! measured against and must agree with.

use super::workload::{Generated, KINDS};
use cogov::bench::Strings;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    SamplingPass,
    SamplingFail,
    ComplaintVerified,
    ComplaintOnTime,
    Honor,
    Certification,
    StandardLed,
    Violation,
    CommitmentSigned,
    CqoAppointed,
}

#[derive(Clone, Copy)]
pub struct Ev {
    kind: Kind,
    level: u8,
    product: u8,
}

/// A member's result: score, grade and actions.
pub struct Result {
    pub score: f64,
    pub grade: &'static str,
    pub actions: Vec<String>,
}

/// Members' events as plain structs, in member order.
pub fn from(generated: &Generated) -> Vec<Vec<Ev>> {
    generated
        .ranges
        .iter()
        .map(|r| {
            generated.events[r.clone()]
                .iter()
                .map(|e| convert(&generated.strings, e))
                .collect()
        })
        .collect()
}

fn convert(strings: &Strings, e: &cogov::bench::Event) -> Ev {
    const KIND: [Kind; 10] = [
        Kind::SamplingPass,
        Kind::SamplingFail,
        Kind::ComplaintVerified,
        Kind::ComplaintOnTime,
        Kind::Honor,
        Kind::Certification,
        Kind::StandardLed,
        Kind::Violation,
        Kind::CommitmentSigned,
        Kind::CqoAppointed,
    ];
    let kind = KIND[KINDS
        .iter()
        .position(|k| *k == strings.get(e.kind))
        .expect("a workload kind")];
    let levels: &[&str] = match kind {
        Kind::SamplingFail => &["minor", "major", "critical"],
        Kind::Honor => &["municipal", "provincial", "national"],
        Kind::StandardLed => &["national", "industry", "group"],
        _ => &[],
    };
    let level = e
        .level
        .and_then(|l| levels.iter().position(|x| *x == strings.get(l)))
        .unwrap_or(0) as u8;
    let product = e
        .product
        .map_or(0, |p| strings.get(p)[1..].parse().expect("P0..P7"));
    Ev {
        kind,
        level,
        product,
    }
}

/// The workload's rules.
pub fn evaluate(events: &Vec<Ev>) -> Result {
    let (mut sampling, mut complaints, mut on_time, mut certs, mut others) =
        (0.0, 0.0, 0.0, 0.0, 0.0);
    let (mut commitment, mut cqo, mut violation) = (false, false, false);
    let mut fails_by_product = [0u8; 8];
    for e in events {
        match e.kind {
            Kind::SamplingPass => {}
            Kind::SamplingFail => {
                sampling += [-5.0, -10.0, -20.0][e.level as usize];
                fails_by_product[e.product as usize] += 1;
            }
            Kind::ComplaintVerified => complaints -= 2.0,
            Kind::ComplaintOnTime => on_time += 0.5,
            Kind::Honor => others += [2.0, 4.0, 6.0][e.level as usize],
            Kind::Certification => certs += 3.0,
            Kind::StandardLed => others += [5.0, 3.0, 2.0][e.level as usize],
            Kind::Violation => {
                others -= 15.0;
                violation = true;
            }
            Kind::CommitmentSigned => commitment = true,
            Kind::CqoAppointed => cqo = true,
        }
    }
    let repeats = fails_by_product.iter().filter(|&&n| n >= 2).count() as f64 * -10.0;
    let score = (100.0
        + sampling
        + repeats
        + f64::max(complaints, -10.0)
        + f64::min(on_time, 5.0)
        + f64::min(certs, 6.0)
        + others
        + if commitment { 2.0 } else { 0.0 }
        + if cqo { 2.0 } else { 0.0 })
    .clamp(0.0, 120.0);
    let mut grade = if score >= 100.0 {
        0
    } else if score >= 85.0 {
        1
    } else if score >= 70.0 {
        2
    } else {
        3
    };
    if violation && grade < 2 {
        grade = 2;
    }
    let actions: &[&str] = match (grade, violation) {
        (0, _) => &["recommend_for_award"],
        (3, _) => &["credit_warning", "increase_sampling"],
        (2, true) => &["credit_warning"],
        _ => &[],
    };
    Result {
        score,
        grade: ["A", "B", "C", "D"][grade],
        actions: actions.iter().map(|a| a.to_string()).collect(),
    }
}
