//! One try at serving: every data file read from disk ([`Probe`]), then checked and evaluated
//! under a plan (the policy set each sector would serve), without changing the session. The
//! session tries a plan, refuses any new set that fails when evaluated, and tries again with the
//! sets that keep serving; only the last try is kept.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use sha2::{Digest, Sha256};

use super::{Attempt, Good, Input, Session, effective_sector};
use crate::change::GradeScale;
use crate::data::{DataFile, Dataset};
use crate::diagnostic::{Problem, Problems};
use crate::message::Msg;
use crate::outcome::Outcome;
use crate::policy::{PolicySet, hex16};

/// The policy set each sector would serve (a sector with no valid set is absent).
pub(super) type Plan = BTreeMap<String, Arc<PolicySet>>;

/// A data file and its tables as they are on disk, read ahead of the policies.
pub(super) struct Probe {
    /// Digest of the data file and of every table given with it.
    pub(super) content: String,
    /// The sector the data file declares, or why it cannot be read or parsed.
    pub(super) sector: Result<String, Problems>,
    /// The data file parsed anew (its text changed), with the digest of its text.
    pub(super) parsed: Option<(String, DataFile)>,
}

/// What became of one data file in a try.
pub(super) enum Step {
    /// Nothing it depends on changed since the last attempt.
    Same,
    /// Evaluated: what would serve, and the inputs it came from.
    Fresh(Box<Good>, Attempt),
    /// The data, or its evaluation, has problems.
    Failed {
        /// What is wrong.
        problems: Problems,
        /// The inputs that failed, so the same ones are not tried again.
        attempt: Attempt,
        /// Whether the data was valid and its evaluation failed.
        evaluating: bool,
    },
}

impl Step {
    fn attempt(&self) -> Option<&Attempt> {
        match self {
            Step::Same => None,
            Step::Fresh(_, attempt) | Step::Failed { attempt, .. } => Some(attempt),
        }
    }
}

/// A file's checked data waiting to be evaluated, or what became of it already.
enum Checked<'a> {
    Done(Step),
    Ready(Box<Ready<'a>>),
}

/// File `n`'s checked data, the set it was checked against and the digest of its content.
struct Ready<'a> {
    n: usize,
    dataset: Cow<'a, Dataset>,
    set: &'a Arc<PolicySet>,
    content: &'a str,
}

impl Session {
    /// Checks and evaluates every file under `plan`. A file evaluated in an earlier try with
    /// the same inputs takes that try's result from `memo`; each new outcome takes the next
    /// `generation`.
    pub(super) fn trial(
        &self,
        plan: &Plan,
        probes: &[Probe],
        memo: &mut [Option<Step>],
        generation: &mut u64,
    ) -> Vec<Step> {
        let mut steps: Vec<Option<Step>> = (0..self.files.len()).map(|_| None).collect();
        let mut ready = Vec::new();
        for (n, probe) in probes.iter().enumerate() {
            match self.check(n, probe, plan) {
                Checked::Done(step) => steps[n] = Some(step),
                Checked::Ready(checked) => ready.push(checked),
            }
        }
        // A period is evaluated before the one it is previous to; ties keep the order given.
        ready.sort_by_key(|r| (r.dataset.period.start, r.n));
        for r in ready {
            let n = r.n;
            let step = self.evaluate(*r, &steps, memo, generation);
            steps[n] = Some(step);
        }
        steps.into_iter().map(|s| s.unwrap_or(Step::Same)).collect()
    }

    /// File `n` checked under the set its sector would serve.
    fn check<'a>(&'a self, n: usize, probe: &'a Probe, plan: &'a Plan) -> Checked<'a> {
        let served = &self.files[n];
        let last = served.attempt.as_ref();
        let content = probe.content.as_str();
        let unchecked = |policy: &str| Attempt {
            content: content.to_string(),
            policy: policy.to_string(),
            previous: None,
            checked: false,
        };
        let sector = match &probe.sector {
            Ok(sector) => effective_sector(&self.config, sector),
            // Reading and parsing do not depend on the policies: the same content fails alike.
            Err(_) if last.is_some_and(|a| a.content == content) => {
                return Checked::Done(Step::Same);
            }
            Err(problems) => {
                return Checked::Done(Step::Failed {
                    problems: problems.clone(),
                    attempt: unchecked(""),
                    evaluating: false,
                });
            }
        };
        let Some(set) = plan.get(&sector) else {
            if last.is_some_and(|a| a.content == content && a.policy.is_empty()) {
                return Checked::Done(Step::Same);
            }
            // Until a set is valid there is nothing to check against; the refusal says why.
            let problems = match &served.good {
                Some(_) => Problem::in_file(
                    &served.input.data,
                    Msg::new("watch-sector-invalid").arg("sector", sector.as_str()),
                )
                .into(),
                None => Problems::default(),
            };
            return Checked::Done(Step::Failed {
                problems,
                attempt: unchecked(""),
                evaluating: false,
            });
        };
        let checked = served
            .good
            .as_ref()
            .filter(|g| g.checked.0 == content && g.checked.1 == set.digest);
        if let Some(good) = checked {
            return Checked::Ready(Box::new(Ready {
                n,
                dataset: Cow::Borrowed(&good.dataset),
                set,
                content,
            }));
        }
        let tried = last.is_some_and(|a| a.content == content && a.policy == set.digest);
        if tried && last.is_some_and(|a| !a.checked) {
            return Checked::Done(Step::Same);
        }
        // Parsed only when the file changed (by the probe); a policy edit checks it again.
        let Some((_, parsed)) = probe.parsed.as_ref().or(served.parsed.as_ref()) else {
            return Checked::Done(Step::Same);
        };
        let (tables, limits) = (&served.input.tables, &self.config.limits);
        match Dataset::check_within(parsed.clone(), tables, limits, None, set) {
            Ok(dataset) => Checked::Ready(Box::new(Ready {
                n,
                dataset: Cow::Owned(dataset),
                set,
                content,
            })),
            Err(problems) => Checked::Done(Step::Failed {
                problems,
                attempt: unchecked(&set.digest),
                evaluating: false,
            }),
        }
    }

    /// Evaluates a file's checked data, its previous period taken from `steps` (the files
    /// evaluated before it in this try) or from what serves.
    fn evaluate(
        &self,
        ready: Ready<'_>,
        steps: &[Option<Step>],
        memo: &mut [Option<Step>],
        generation: &mut u64,
    ) -> Step {
        let Ready {
            n,
            dataset,
            set,
            content,
        } = ready;
        let others = (0..self.files.len())
            .filter(|m| *m != n)
            .filter_map(|m| match &steps[m] {
                Some(Step::Fresh(good, _)) => Some(((m, good.generation), &good.outcome)),
                _ => self.files[m]
                    .good
                    .as_ref()
                    .map(|g| ((m, g.generation), &g.outcome)),
            });
        let previous = crate::periods::previous_for(others, &dataset);
        let attempt = Attempt {
            content: content.to_string(),
            policy: set.digest.clone(),
            previous: previous.map(|(key, _)| key),
            checked: true,
        };
        if self.files[n].attempt.as_ref() == Some(&attempt) {
            return Step::Same;
        }
        if memo[n].as_ref().and_then(Step::attempt) == Some(&attempt)
            && let Some(step) = memo[n].take()
        {
            return step;
        }
        let previous: Option<&Outcome> = previous.map(|(_, o)| o);
        match crate::evaluate(set, &dataset, previous) {
            Ok(outcome) => {
                *generation += 1;
                let good = Good {
                    dataset: dataset.into_owned(),
                    checked: (content.to_string(), set.digest.clone()),
                    outcome,
                    scale: GradeScale::of(set),
                    generation: *generation,
                };
                Step::Fresh(Box::new(good), attempt)
            }
            Err(problems) => Step::Failed {
                problems,
                attempt,
                evaluating: true,
            },
        }
    }
}

/// Whether some problem of a failed evaluation lies outside the data file and its tables: in
/// a policy file or script, so the policy set is to blame, not the data.
pub(super) fn blames_the_policies(problems: &Problems, input: &Input) -> bool {
    let of_data = |path: &Path| path == input.data || input.tables.iter().any(|t| t == path);
    problems.0.iter().any(|p| !of_data(p.path()))
}

/// Reads a data file and its tables: the digest of them all and the sector the data file
/// declares, parsing it only when its text differs from what was last parsed.
pub(super) fn probe(input: &Input, last: Option<&(String, DataFile)>) -> Probe {
    let bytes = match std::fs::read(&input.data) {
        Ok(b) => b,
        Err(e) => {
            let problem = Problem::in_file(
                &input.data,
                Msg::new("watch-cannot-read").arg("error", e.to_string()),
            );
            return Probe {
                content: String::new(),
                sector: Err(problem.into()),
                parsed: None,
            };
        }
    };
    let text = hex16(&Sha256::digest(&bytes));
    let mut all = Sha256::new_with_prefix(text.as_bytes());
    for table in &input.tables {
        all.update([0]);
        // A table that cannot be read is reported when the data is checked.
        match std::fs::read(table) {
            Ok(bytes) => all.update(Sha256::digest(&bytes)),
            Err(_) => all.update(b"unreadable"),
        }
    }
    let content = hex16(&all.finalize());
    match last {
        Some((digest, file)) if *digest == text => Probe {
            content,
            sector: Ok(file.sector().to_string()),
            parsed: None,
        },
        _ => match DataFile::read(&input.data) {
            Ok(file) => Probe {
                content,
                sector: Ok(file.sector().to_string()),
                parsed: Some((text, file)),
            },
            Err(problems) => Probe {
                content,
                sector: Err(problems),
                parsed: None,
            },
        },
    }
}

/// The sector in use for each file: the one it declares or, when it cannot be read, the one
/// it was last served under.
pub(super) fn sectors_in_use(session: &Session, probes: &[Probe]) -> Vec<Option<String>> {
    session
        .files
        .iter()
        .zip(probes)
        .map(|(file, probe)| match &probe.sector {
            Ok(sector) => Some(sector.as_str()),
            Err(_) => file
                .good
                .as_ref()
                .map(|g| g.dataset.profile.sector.as_str()),
        })
        .map(|declared| declared.map(|d| effective_sector(&session.config, d)))
        .collect()
}

/// Loads the policy set for a sector (`base` for none).
pub(super) fn load_policies(root: &Path, sector: &str) -> Result<PolicySet, Problems> {
    PolicySet::load(root, Some(sector).filter(|s| *s != "base"))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn a_failed_evaluation_blames_the_policies_only_for_problems_outside_the_data() {
        let input = Input {
            data: PathBuf::from("data/2024.ron"),
            tables: vec![PathBuf::from("data/抽查结果.csv")],
        };
        let at = |path: &str| -> Problems {
            Problem::in_file(Path::new(path), Msg::new("watch-not-a-data-file")).into()
        };
        assert!(!blames_the_policies(&at("data/2024.ron"), &input));
        assert!(!blames_the_policies(&at("data/抽查结果.csv"), &input));
        assert!(blames_the_policies(
            &at("policies/base/scorers/satisfaction.rhai"),
            &input
        ));
    }
}
