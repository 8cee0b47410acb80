//! Periods in order: which earlier outcome is fed forward as the previous period of a dataset
//! when several association files are evaluated together (`watch`, `diff`, a scenario).
//!
//! The rule is the one `eval --previous` asks a user to follow by hand: the previous outcome is
//! the same association's, for the latest period that ended before this one starts. An outcome
//! for the same period (the same data evaluated again, say under a revised rubric) is never
//! fed forward: it is a comparison, not a history.

use jiff::civil::Date;

use crate::data::Dataset;
use crate::outcome::Outcome;

/// Of `earlier` outcomes (each with a key the caller wants back), the previous period of
/// `data`: the same association, the latest period that ended before `data`'s period starts.
pub fn previous_for<'a, K>(
    earlier: impl IntoIterator<Item = (K, &'a Outcome)>,
    data: &Dataset,
) -> Option<(K, &'a Outcome)> {
    let mut best: Option<(Date, K, &'a Outcome)> = None;
    for (key, outcome) in earlier {
        if outcome.association.id != data.profile.credit_code {
            continue;
        }
        let Ok(end) = outcome.period_end.parse::<Date>() else {
            continue;
        };
        let later = best.as_ref().is_none_or(|(b, _, _)| end >= *b);
        if end < data.period.start && later {
            best = Some((end, key, outcome));
        }
    }
    best.map(|(_, key, outcome)| (key, outcome))
}

/// Indices of `datasets` in the order to evaluate them: by period start, so that a period is
/// evaluated before the one it is previous to; ties keep the order given.
pub fn evaluation_order<'a>(datasets: impl IntoIterator<Item = &'a Dataset>) -> Vec<usize> {
    let mut order: Vec<(Date, usize)> = datasets
        .into_iter()
        .enumerate()
        .map(|(n, d)| (d.period.start, n))
        .collect();
    order.sort();
    order.into_iter().map(|(_, n)| n).collect()
}
