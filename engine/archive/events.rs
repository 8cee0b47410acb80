//! What each event a member's account refers to was, in the policy's words, so the archive can
//! explain every line of an account without the data it came from.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::data::Dataset;
use crate::eval::describe_event;
use crate::outcome::Outcome;
use crate::policy::PolicySet;
use crate::text::Text;

/// For each member of the outcome, in its order, the description (Chinese and English) of every
/// event its account names, by event id.
pub fn describe(
    policies: &PolicySet,
    data: &Dataset,
    outcome: &Outcome,
) -> Vec<BTreeMap<String, Text>> {
    let Some(members) = &data.members else {
        return vec![BTreeMap::new(); outcome.members.len()];
    };
    let strings = &members.strings;
    let by_id: foldhash::HashMap<&str, _> = members
        .events
        .iter()
        .map(|e| (strings.get(e.id), e))
        .collect();
    outcome
        .members
        .par_iter()
        .map(|m| {
            m.reasons
                .iter()
                .filter_map(|r| r.event.as_deref())
                .filter_map(|id| by_id.get(id).map(|e| (id.to_string(), *e)))
                .map(|(id, e)| (id, describe_event(policies, strings, e)))
                .collect()
        })
        .collect()
}
