//! Whether an outcome file is the outcome its inputs give: `archive record --outcome` archives
//! only an outcome equal to its re-evaluation, and says where a different one differs first.

use crate::message::Msg;
use crate::outcome::Outcome;

/// Where `given` first differs from `evaluated`, worded with both digests; None when they are
/// equal.
pub fn first_difference(given: &Outcome, evaluated: &Outcome) -> Option<Msg> {
    if given == evaluated {
        return None;
    }
    let part = part_differing(given, evaluated);
    Some(
        Msg::new("archive-outcome-differs")
            .arg("part", part)
            .arg("given", super::outcome_digest(given))
            .arg("evaluated", super::outcome_digest(evaluated)),
    )
}

fn part_differing(given: &Outcome, evaluated: &Outcome) -> Msg {
    let (g, e) = (&given.association, &evaluated.association);
    if given.policy != evaluated.policy {
        return Msg::new("archive-differs-part-policies")
            .arg("given", given.policy.digest.as_str())
            .arg("evaluated", evaluated.policy.digest.as_str());
    }
    if given.data != evaluated.data {
        return Msg::new("archive-differs-part-data")
            .arg("given", given.data.digest.as_str())
            .arg("evaluated", evaluated.data.digest.as_str());
    }
    if given.period != evaluated.period || given.period_end != evaluated.period_end {
        return Msg::new("archive-differs-part-period")
            .arg("given", given.period.as_str())
            .arg("evaluated", evaluated.period.as_str());
    }
    if g.score != e.score || g.grade_id != e.grade_id || g.grade != e.grade {
        return Msg::new("archive-differs-part-total")
            .arg("given", format!("{} {}", g.score, g.grade))
            .arg("evaluated", format!("{} {}", e.score, e.grade));
    }
    if let Some((a, b)) = g.indicators.iter().zip(&e.indicators).find(|(a, b)| a != b) {
        return Msg::new("archive-differs-part-indicator")
            .arg("id", b.id.as_str())
            .arg(
                "name",
                crate::text::Text::new(b.name.as_str(), b.name_en.as_str()),
            )
            .arg("given", a.score)
            .arg("evaluated", b.score);
    }
    if let Some((a, b)) = given
        .members
        .iter()
        .zip(&evaluated.members)
        .find(|(a, b)| a != b)
    {
        return Msg::new("archive-differs-part-member")
            .arg("id", b.id.as_str())
            .arg("name", b.name.as_str())
            .arg("given", format!("{} {}", a.score, a.grade))
            .arg("evaluated", format!("{} {}", b.score, b.grade));
    }
    if given.members.len() != evaluated.members.len() {
        return Msg::new("archive-differs-part-members")
            .arg("given", given.members.len())
            .arg("evaluated", evaluated.members.len());
    }
    if given.triggers != evaluated.triggers {
        return Msg::new("archive-differs-part-triggers")
            .arg("given", given.triggers.len())
            .arg("evaluated", evaluated.triggers.len());
    }
    Msg::new("archive-differs-part-other")
}
