//! `cogov watch`: the editor's loop. A [`Session`] holds the policy sets and the outcomes it
//! serves; [`Session::reload`] rebuilds everything off to the side after a change and swaps a
//! policy set in only when the whole set is valid and every data file it serves evaluates
//! under it. A set that does not load, or that fails while evaluating (a script that errs or
//! runs away), is refused with its problems, and the last valid one keeps serving; invalid
//! data keeps its last good outcome. A session opens whatever state the files are in, and
//! serves each policy set and data file from the first reload that finds it valid.
//!
//! The session knows nothing of terminals or file events: [`follow`] turns file-system events
//! into bursts (one reload per burst), and the command line only prints. Tests drive the
//! session directly.

pub mod follow;
mod report;
mod trial;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::change::{ChangeReport, GradeScale};
use crate::data::{DataFile, Dataset, TableLimits};
use crate::diagnostic::Problems;
use crate::message::Msg;
use crate::outcome::Outcome;
use crate::policy::PolicySet;
use trial::{Plan, Step, blames_the_policies, load_policies, probe, sectors_in_use};

/// What a session watches: the policy folder, a sector that overrides the data's, the data.
#[derive(Clone, Debug)]
pub struct Config {
    /// The policy folder.
    pub policies: PathBuf,
    /// The sector overlay for every data file (default: the sector each file declares).
    pub sector: Option<String>,
    /// Association data files with their tables, in the order given.
    pub data: Vec<Input>,
    /// How much a workbook among the tables may hold.
    pub limits: TableLimits,
}

/// One association data file and the member, sampling or event tables merged into it, as
/// `cogov eval DATA [TABLE…]` takes them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// The association file (`.ron` or `.json`).
    pub data: PathBuf,
    /// Tables (`.csv`, `.xlsx`), in the order given.
    pub tables: Vec<PathBuf>,
}

impl From<PathBuf> for Input {
    /// A data file without tables.
    fn from(data: PathBuf) -> Self {
        Input {
            data,
            tables: Vec::new(),
        }
    }
}

/// The policy sets and outcomes being served.
pub struct Session {
    config: Config,
    /// The valid policy set serving each sector in use (`base` for none).
    policies: BTreeMap<String, Arc<PolicySet>>,
    /// One entry per data file, in the order given.
    files: Vec<Served>,
    /// The last refusal of each sector, to tell a repeat from news.
    refused: BTreeMap<String, Refusal>,
    /// The generation given to the last outcome evaluated.
    generation: u64,
}

/// What is served for one data file.
struct Served {
    input: Input,
    /// The data file as last parsed, with the digest of its text: after a policy edit it is
    /// checked again, not parsed again.
    parsed: Option<(String, DataFile)>,
    /// The last good outcome, once there is one.
    good: Option<Good>,
    /// The inputs of the last attempt, good or not: a reload with the same inputs is skipped.
    attempt: Option<Attempt>,
}

/// A data file's last good state.
struct Good {
    dataset: Dataset,
    /// The content digest (data and tables) and policy digest `dataset` was checked for.
    checked: (String, String),
    outcome: Outcome,
    /// Grade bands of the policy set `outcome` came from.
    scale: GradeScale,
    /// Distinct for every outcome evaluated, so later periods know to re-evaluate.
    generation: u64,
}

/// The inputs an evaluation of one file depends on.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Attempt {
    /// Digest of the data file and its tables.
    content: String,
    /// Digest of the policy set (empty when the data could not be read or had no valid set).
    policy: String,
    /// The previous period's outcome: its file and generation.
    previous: Option<(usize, u64)>,
    /// Whether the data passed checking against the policy set.
    checked: bool,
}

/// A sector's last refusal.
struct Refusal {
    /// The problems as printed.
    text: String,
    /// For a set that loaded but failed when evaluated: what was tried and what it said, so
    /// the same set on the same data is not evaluated again.
    trial: Option<FailedTrial>,
}

struct FailedTrial {
    digest: String,
    contents: Vec<String>,
    problems: Problems,
    evaluating: PathBuf,
}

/// What one reload did.
#[derive(Debug)]
pub struct Reload {
    /// One entry per sector in use.
    pub policies: Vec<PolicyChange>,
    /// One entry per data file, in the order given.
    pub files: Vec<FileChange>,
}

/// What became of one sector's policy set.
#[derive(Debug)]
pub enum PolicyChange {
    /// Rebuilt with the same digest: nothing to swap.
    Unchanged {
        /// Sector.
        sector: String,
        /// Digest of the set serving.
        digest: String,
    },
    /// A valid new set was swapped in.
    Swapped {
        /// Sector.
        sector: String,
        /// Digest of the set it replaced (`None` for a sector newly served).
        from: Option<String>,
        /// Digest of the new set.
        to: String,
    },
    /// The rebuilt set is invalid, or fails when evaluated; the last valid one (if any)
    /// keeps serving.
    Refused {
        /// Sector.
        sector: String,
        /// Every problem of the rebuilt set.
        problems: Problems,
        /// The same problems as the reload before (nothing was fixed or broken since).
        repeated: bool,
        /// The data file whose evaluation failed (`None`: the set did not load).
        evaluating: Option<PathBuf>,
        /// Digest of the set still serving.
        kept: Option<String>,
    },
}

/// What became of one data file.
#[derive(Debug)]
pub enum FileChange {
    /// Neither the file, its tables, its policies nor its previous period changed.
    Unchanged {
        /// The data file.
        path: PathBuf,
    },
    /// Evaluated again; what moved against the last outcome.
    Evaluated {
        /// The data file.
        path: PathBuf,
        /// What moved.
        report: Box<ChangeReport>,
    },
    /// Evaluated for the first time: what it now serves.
    Served {
        /// The data file.
        path: PathBuf,
        /// Its summary line.
        line: Vec<Msg>,
    },
    /// The file or its evaluation has problems; the last good outcome keeps serving.
    Kept {
        /// The data file.
        path: PathBuf,
        /// What is wrong.
        problems: Problems,
        /// The outcome still serving.
        score: f64,
        /// Its grade (Chinese, English).
        grade: (String, String),
    },
    /// The file, its evaluation or its policies have problems and it has no good outcome
    /// yet: it is served once they are fixed.
    Waiting {
        /// The data file.
        path: PathBuf,
        /// What is wrong with the file itself (empty when only its policies are).
        problems: Problems,
    },
}

impl Session {
    /// Opens a session on the files as they are and loads what is valid: the reload it
    /// returns holds every problem (an invalid policy set, invalid data), which later reloads
    /// serve once fixed.
    pub fn open(config: Config) -> (Session, Reload) {
        let files = config
            .data
            .iter()
            .map(|input| Served {
                input: input.clone(),
                parsed: None,
                good: None,
                attempt: None,
            })
            .collect();
        let mut session = Session {
            config,
            policies: BTreeMap::new(),
            files,
            refused: BTreeMap::new(),
            generation: 0,
        };
        let first = session.reload();
        (session, first)
    }

    /// Rebuilds every policy set in use and re-evaluates what depends on anything that
    /// changed. A policy set is swapped in only when valid and when every file it serves
    /// evaluates under it; a data file keeps its last good outcome when it (or its
    /// evaluation) has problems.
    pub fn reload(&mut self) -> Reload {
        let mut probes: Vec<trial::Probe> = self
            .files
            .iter()
            .map(|f| probe(&f.input, f.parsed.as_ref()))
            .collect();
        let sector_of = sectors_in_use(self, &probes);
        let in_use: BTreeSet<String> = sector_of.iter().flatten().cloned().collect();
        self.policies.retain(|sector, _| in_use.contains(sector));
        self.refused.retain(|sector, _| in_use.contains(sector));
        let contents_of = |sector: &str| -> Vec<String> {
            let of_sector = sector_of.iter().zip(&probes);
            of_sector
                .filter(|(s, _)| s.as_deref() == Some(sector))
                .map(|(_, p)| p.content.clone())
                .collect()
        };

        let mut changes = BTreeMap::new();
        let mut plan: Plan = self.policies.clone();
        // Sectors whose new set is being tried.
        let mut trying = BTreeSet::new();
        for sector in &in_use {
            let serving = self.policies.get(sector).map(|p| p.digest.clone());
            // Built off to the side; swapped in only when the whole set is valid.
            let change = match load_policies(&self.config.policies, sector) {
                Ok(set) if Some(&set.digest) == serving.as_ref() => {
                    self.refused.remove(sector);
                    PolicyChange::Unchanged {
                        sector: sector.clone(),
                        digest: set.digest,
                    }
                }
                Ok(set) => {
                    let failed = self.refused.get(sector).and_then(|r| r.trial.as_ref());
                    match failed {
                        Some(t) if t.digest == set.digest && t.contents == contents_of(sector) => {
                            PolicyChange::Refused {
                                sector: sector.clone(),
                                problems: t.problems.clone(),
                                repeated: true,
                                evaluating: Some(t.evaluating.clone()),
                                kept: serving,
                            }
                        }
                        _ => {
                            plan.insert(sector.clone(), Arc::new(set));
                            trying.insert(sector.clone());
                            continue;
                        }
                    }
                }
                Err(problems) => {
                    let text = problems.to_string();
                    let repeated = self.refused.get(sector).is_some_and(|r| r.text == text);
                    let trial = None;
                    self.refused.insert(sector.clone(), Refusal { text, trial });
                    PolicyChange::Refused {
                        sector: sector.clone(),
                        problems,
                        repeated,
                        evaluating: None,
                        kept: serving,
                    }
                }
            };
            changes.insert(sector.clone(), change);
        }

        // Every file under the new sets; a set blamed for a failed evaluation is refused and
        // the files are tried again under what keeps serving.
        let mut memo: Vec<Option<Step>> = (0..self.files.len()).map(|_| None).collect();
        let mut generation = self.generation;
        let steps = loop {
            let steps = self.trial(&plan, &probes, &mut memo, &mut generation);
            let blamed = self.blamed(&trying, &sector_of, &steps);
            if blamed.is_empty() {
                break steps;
            }
            for (sector, (problems, evaluating)) in blamed {
                let text = problems.to_string();
                let repeated = self.refused.get(&sector).is_some_and(|r| r.text == text);
                let trial = FailedTrial {
                    digest: plan[&sector].digest.clone(),
                    contents: contents_of(&sector),
                    problems: problems.clone(),
                    evaluating: evaluating.clone(),
                };
                let trial = Some(trial);
                self.refused.insert(sector.clone(), Refusal { text, trial });
                let kept = self.policies.get(&sector).map(|p| p.digest.clone());
                match self.policies.get(&sector) {
                    Some(serving) => plan.insert(sector.clone(), serving.clone()),
                    None => plan.remove(&sector),
                };
                trying.remove(&sector);
                let change = PolicyChange::Refused {
                    sector: sector.clone(),
                    problems,
                    repeated,
                    evaluating: Some(evaluating),
                    kept,
                };
                changes.insert(sector, change);
            }
            memo = steps.into_iter().map(Some).collect();
        };
        self.generation = generation;

        for sector in trying {
            let set = plan[&sector].clone();
            let from = self.policies.insert(sector.clone(), set.clone());
            self.refused.remove(&sector);
            let change = PolicyChange::Swapped {
                sector: sector.clone(),
                from: from.map(|p| p.digest.clone()),
                to: set.digest.clone(),
            };
            changes.insert(sector, change);
        }
        let files = steps
            .into_iter()
            .zip(&mut probes)
            .enumerate()
            .map(|(n, (step, probe))| self.commit(n, step, probe.parsed.take()))
            .collect();
        Reload {
            policies: changes.into_values().collect(),
            files,
        }
    }

    /// The sectors among `trying` whose new set failed while evaluating some file, with the
    /// problems and the first such file.
    fn blamed(
        &self,
        trying: &BTreeSet<String>,
        sector_of: &[Option<String>],
        steps: &[Step],
    ) -> BTreeMap<String, (Problems, PathBuf)> {
        let mut blamed: BTreeMap<String, (Problems, PathBuf)> = BTreeMap::new();
        for ((file, sector), step) in self.files.iter().zip(sector_of).zip(steps) {
            let Some(sector) = sector.as_ref().filter(|s| trying.contains(*s)) else {
                continue;
            };
            let Step::Failed {
                problems,
                evaluating: true,
                ..
            } = step
            else {
                continue;
            };
            if !blames_the_policies(problems, &file.input) {
                continue;
            }
            let (all, _) = blamed
                .entry(sector.clone())
                .or_insert_with(|| (Problems::default(), file.input.data.clone()));
            // Every file fails alike on a broken script: each problem is said once.
            for p in &problems.0 {
                if !all.0.iter().any(|q| q.to_string() == p.to_string()) {
                    all.push(p.clone());
                }
            }
        }
        blamed
    }

    /// Makes file `n`'s step what serves, and says what became of it.
    fn commit(&mut self, n: usize, step: Step, parsed: Option<(String, DataFile)>) -> FileChange {
        let served = &mut self.files[n];
        if parsed.is_some() {
            served.parsed = parsed;
        }
        let path = served.input.data.clone();
        match step {
            Step::Same => FileChange::Unchanged { path },
            Step::Fresh(good, attempt) => {
                served.attempt = Some(attempt);
                let change = match &served.good {
                    Some(old) => {
                        let scale = good.scale.clone().or_else(&old.scale);
                        let report = ChangeReport::between(&old.outcome, &good.outcome, &scale);
                        FileChange::Evaluated {
                            path,
                            report: Box::new(report),
                        }
                    }
                    None => {
                        let line = report::file_line(&path, &good.outcome);
                        FileChange::Served { path, line }
                    }
                };
                if let Some(old) = served.good.replace(*good) {
                    retire(old);
                }
                change
            }
            Step::Failed {
                problems, attempt, ..
            } => {
                served.attempt = Some(attempt);
                match &served.good {
                    Some(good) => {
                        let a = &good.outcome.association;
                        FileChange::Kept {
                            path,
                            problems,
                            score: a.score,
                            grade: (a.grade.clone(), a.grade_en.clone()),
                        }
                    }
                    None => FileChange::Waiting { path, problems },
                }
            }
        }
    }

    /// The policy folder.
    pub fn policy_root(&self) -> &Path {
        &self.config.policies
    }

    /// The data files with their tables, in the order given.
    pub fn inputs(&self) -> &[Input] {
        &self.config.data
    }

    /// Digest of the policy set serving each sector in use.
    pub fn policy_digests(&self) -> BTreeMap<String, String> {
        self.policies
            .iter()
            .map(|(sector, set)| (sector.clone(), set.digest.clone()))
            .collect()
    }

    /// The outcomes being served, one per data file that has a good one, in the order given.
    pub fn outcomes(&self) -> impl Iterator<Item = &Outcome> {
        self.files
            .iter()
            .filter_map(|f| f.good.as_ref())
            .map(|g| &g.outcome)
    }
}

/// Frees replaced datasets and outcomes (tens of megabytes with many members) on another
/// thread, so the change report is not kept waiting for it.
fn retire<T: Send + 'static>(old: T) {
    // When no thread can be started, `spawn` frees the value as it gives up.
    let _ = std::thread::Builder::new().spawn(move || drop(old));
}

/// The sector whose policies evaluate a file declaring `declared`.
fn effective_sector(config: &Config, declared: &str) -> String {
    config
        .sector
        .clone()
        .unwrap_or_else(|| declared.to_string())
}
