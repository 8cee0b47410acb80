//! `cogov watch`: the editor's loop. A [`Session`] holds the policy sets and the outcomes it
//! serves; [`Session::reload`] rebuilds everything off to the side after a change and swaps a
//! policy set in only when the whole set is valid. An invalid set is refused with its
//! problems, and the last valid one keeps serving; invalid data keeps its last good outcome.
//!
//! The session knows nothing of terminals or file events: [`follow`] turns file-system events
//! into bursts (one reload per burst), and the command line only prints. Tests drive the
//! session directly.

pub mod follow;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::change::{ChangeReport, GradeScale};
use crate::data::{DataFile, Dataset};
use crate::diagnostic::{Problem, Problems};
use crate::message::Msg;
use crate::outcome::Outcome;
use crate::periods::{evaluation_order, previous_for};
use crate::policy::{PolicySet, hex16};
use crate::text::{Lang, Text};
use crate::value::num;

/// What a session watches: the policy folder, a sector that overrides the data's, the data.
#[derive(Clone, Debug)]
pub struct Config {
    /// The policy folder.
    pub policies: PathBuf,
    /// The sector overlay for every data file (default: the sector each file declares).
    pub sector: Option<String>,
    /// Association data files, in the order given.
    pub data: Vec<PathBuf>,
}

/// The policy sets and outcomes being served.
pub struct Session {
    config: Config,
    /// The valid policy set serving each sector in use (`base` for none).
    policies: BTreeMap<String, Arc<PolicySet>>,
    /// One entry per data file, in the order given.
    files: Vec<Served>,
    /// The problems of the last refused set of each sector, to tell a repeat from news.
    refused: BTreeMap<String, String>,
}

/// What is served for one data file: its last good dataset and outcome.
struct Served {
    path: PathBuf,
    /// The file as last parsed, with the digest of its content: after a policy edit it is
    /// checked again, not parsed again.
    parsed: (String, DataFile),
    dataset: Dataset,
    /// Digest of the policy set `dataset` was checked against.
    checked_by: String,
    outcome: Outcome,
    /// Grade bands of the policy set `outcome` came from.
    scale: GradeScale,
    /// Bumped each time `outcome` is replaced, so later periods know to re-evaluate.
    generation: u64,
    /// The inputs of the last attempt, good or not: a reload with the same inputs is skipped.
    attempt: Attempt,
}

/// The inputs an evaluation of one file depends on.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Attempt {
    content: String,
    policy: String,
    previous: Option<(usize, u64)>,
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
        /// Digest of the set it replaced (`None` for a sector newly in use).
        from: Option<String>,
        /// Digest of the new set.
        to: String,
    },
    /// The rebuilt set is invalid; the last valid one (if any) keeps serving.
    Refused {
        /// Sector.
        sector: String,
        /// Every problem of the rebuilt set.
        problems: Problems,
        /// The same problems as the reload before (nothing was fixed or broken since).
        repeated: bool,
        /// Digest of the set still serving.
        kept: Option<String>,
    },
}

/// What became of one data file.
#[derive(Debug)]
pub enum FileChange {
    /// Neither the file, its policies nor its previous period changed.
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
}

/// A data file read ahead of the policies: its content digest, the sector it declares (or why
/// it cannot be read or parsed) and, when it changed, the file parsed anew.
struct Probe {
    content: String,
    sector: Result<String, Problems>,
    parsed: Option<DataFile>,
}

impl Session {
    /// Loads the policies and data and evaluates everything once. Fails with every problem
    /// when a policy set or a data file is invalid: a session starts from a valid state.
    pub fn open(config: Config) -> Result<Session, Problems> {
        let mut problems = Problems::default();
        let probes: Vec<Probe> = config.data.iter().map(|p| probe(p, None)).collect();
        let mut sectors_of = Vec::new();
        for probe in &probes {
            match &probe.sector {
                Ok(s) => sectors_of.push(effective_sector(&config, s)),
                Err(p) => problems.0.extend(p.0.iter().cloned()),
            }
        }
        let mut policies = BTreeMap::new();
        for sector in sectors_of.iter().collect::<BTreeSet<_>>() {
            match load_policies(&config.policies, sector) {
                Ok(set) => {
                    policies.insert(sector.clone(), Arc::new(set));
                }
                Err(p) => problems.0.extend(p.0),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut loaded = Vec::new();
        for (probe, sector) in probes.into_iter().zip(sectors_of) {
            let set = policies[&sector].clone();
            let parsed = probe
                .parsed
                .expect("a file read for the first time is parsed");
            match Dataset::check(parsed.clone(), &set) {
                Ok(dataset) => loaded.push(((probe.content, parsed), dataset, set)),
                Err(p) => problems.0.extend(p.0),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut files: Vec<Option<Served>> = (0..loaded.len()).map(|_| None).collect();
        for n in evaluation_order(loaded.iter().map(|(_, d, _)| d)) {
            let (parsed, dataset, set) = &loaded[n];
            let earlier = files
                .iter()
                .enumerate()
                .filter_map(|(m, f)| f.as_ref().map(|f| ((m, f.generation), &f.outcome)));
            let previous = previous_for(earlier, dataset);
            match crate::evaluate(set, dataset, previous.map(|(_, o)| o)) {
                Ok(outcome) => {
                    files[n] = Some(Served {
                        path: dataset.path.clone(),
                        parsed: parsed.clone(),
                        dataset: dataset.clone(),
                        checked_by: set.digest.clone(),
                        outcome,
                        scale: GradeScale::of(set),
                        generation: 0,
                        attempt: Attempt {
                            content: dataset.digest.clone(),
                            policy: set.digest.clone(),
                            previous: previous.map(|(k, _)| k),
                        },
                    })
                }
                Err(p) => problems.0.extend(p.0),
            }
        }
        problems.into_result(Session {
            config,
            policies,
            files: files.into_iter().flatten().collect(),
            refused: BTreeMap::new(),
        })
    }

    /// Rebuilds every policy set in use and re-evaluates what depends on anything that
    /// changed. A policy set is swapped in only when valid; a data file keeps its last good
    /// outcome when it (or its evaluation) has problems.
    pub fn reload(&mut self) -> Reload {
        let mut probes: Vec<Probe> = self.files.iter().map(|f| probe(&f.path, Some(f))).collect();
        let policies = self.reload_policies(&probes);
        let mut files: Vec<Option<FileChange>> = (0..self.files.len()).map(|_| None).collect();
        for n in evaluation_order(self.files.iter().map(|f| &f.dataset)) {
            files[n] = Some(self.reload_file(n, &mut probes[n]));
        }
        Reload {
            policies,
            files: files.into_iter().flatten().collect(),
        }
    }

    fn reload_policies(&mut self, probes: &[Probe]) -> Vec<PolicyChange> {
        let mut in_use = BTreeSet::new();
        for (file, probe) in self.files.iter().zip(probes) {
            let declared = probe
                .sector
                .as_deref()
                .unwrap_or(&file.dataset.profile.sector);
            in_use.insert(effective_sector(&self.config, declared));
        }
        self.policies.retain(|sector, _| in_use.contains(sector));
        self.refused.retain(|sector, _| in_use.contains(sector));
        let mut changes = Vec::new();
        for sector in in_use {
            let serving = self.policies.get(&sector).map(|p| p.digest.clone());
            // Built off to the side; swapped in only when the whole set is valid.
            let loaded = load_policies(&self.config.policies, &sector);
            let refusal = loaded.as_ref().err().map(Problems::to_string);
            let repeated = refusal.is_some() && refusal == self.refused.get(&sector).cloned();
            match refusal {
                Some(text) => self.refused.insert(sector.clone(), text),
                None => self.refused.remove(&sector),
            };
            let change = match loaded {
                Ok(set) if Some(&set.digest) == serving.as_ref() => PolicyChange::Unchanged {
                    sector,
                    digest: set.digest,
                },
                Ok(set) => {
                    let to = set.digest.clone();
                    self.policies.insert(sector.clone(), Arc::new(set));
                    PolicyChange::Swapped {
                        sector,
                        from: serving,
                        to,
                    }
                }
                Err(problems) => PolicyChange::Refused {
                    sector,
                    problems,
                    repeated,
                    kept: serving,
                },
            };
            changes.push(change);
        }
        changes
    }

    /// The previous period of `dataset` (file `n`) among the other files' outcomes, with
    /// the key that tells whether it changed since.
    fn previous(&self, n: usize, dataset: &Dataset) -> Option<((usize, u64), &Outcome)> {
        let others = self
            .files
            .iter()
            .enumerate()
            .filter(|(m, _)| *m != n)
            .map(|(m, f)| ((m, f.generation), &f.outcome));
        previous_for(others, dataset)
    }

    fn reload_file(&mut self, n: usize, probe: &mut Probe) -> FileChange {
        let path = self.files[n].path.clone();
        let sector = match &probe.sector {
            Ok(s) => s.clone(),
            // Reading and parsing do not depend on the policies: the same content fails alike.
            Err(_) if self.files[n].attempt.content == probe.content => {
                return FileChange::Unchanged { path };
            }
            Err(problems) => {
                let attempt = Attempt {
                    content: probe.content.clone(),
                    ..self.files[n].attempt.clone()
                };
                return self.keep(n, problems.clone(), Some(attempt));
            }
        };
        if let Some(parsed) = probe.parsed.take() {
            self.files[n].parsed = (probe.content.clone(), parsed);
        }
        let Some(set) = self
            .policies
            .get(&effective_sector(&self.config, &sector))
            .cloned()
        else {
            let problem = Problem::in_file(
                &path,
                Msg::new("watch-sector-invalid").arg("sector", sector.as_str()),
            );
            return self.keep(n, problem.into(), None);
        };
        let served = &self.files[n];
        if served.attempt.content == probe.content && served.attempt.policy == set.digest {
            let previous = self.previous(n, &served.dataset).map(|(k, _)| k);
            if previous == served.attempt.previous {
                return FileChange::Unchanged { path };
            }
        }
        let dataset = if served.dataset.digest == probe.content && served.checked_by == set.digest {
            served.dataset.clone()
        } else {
            let failed = Attempt {
                content: probe.content.clone(),
                policy: set.digest.clone(),
                previous: served.attempt.previous,
            };
            // Parsed only when the file changed (by the probe); a policy edit checks it again.
            match Dataset::check(served.parsed.1.clone(), &set) {
                Ok(d) => d,
                Err(problems) => return self.keep(n, problems, Some(failed)),
            }
        };
        let previous = self.previous(n, &dataset);
        let attempt = Attempt {
            content: probe.content.clone(),
            policy: set.digest.clone(),
            previous: previous.map(|(k, _)| k),
        };
        let outcome = match crate::evaluate(&set, &dataset, previous.map(|(_, o)| o)) {
            Ok(o) => o,
            Err(problems) => return self.keep(n, problems, Some(attempt)),
        };
        let served = &mut self.files[n];
        let scale = GradeScale::of(&set).or_else(&served.scale);
        let report = ChangeReport::between(&served.outcome, &outcome, &scale);
        // Later periods of this association are evaluated again (their previous changed).
        served.generation += 1;
        served.checked_by = set.digest.clone();
        served.scale = GradeScale::of(&set);
        served.attempt = attempt;
        let old = (
            std::mem::replace(&mut served.dataset, dataset),
            std::mem::replace(&mut served.outcome, outcome),
        );
        retire(old);
        FileChange::Evaluated {
            path,
            report: Box::new(report),
        }
    }

    /// Keeps file `n`'s last good outcome, remembering the attempt that failed so the same
    /// inputs are not tried (and reported) again.
    fn keep(&mut self, n: usize, problems: Problems, attempt: Option<Attempt>) -> FileChange {
        let served = &mut self.files[n];
        if let Some(attempt) = attempt {
            served.attempt = attempt;
        }
        let a = &served.outcome.association;
        FileChange::Kept {
            path: served.path.clone(),
            problems,
            score: a.score,
            grade: (a.grade.clone(), a.grade_en.clone()),
        }
    }

    /// The policy folder.
    pub fn policy_root(&self) -> &Path {
        &self.config.policies
    }

    /// The data files, in the order given.
    pub fn data_files(&self) -> &[PathBuf] {
        &self.config.data
    }

    /// Digest of the policy set serving each sector in use.
    pub fn policy_digests(&self) -> BTreeMap<String, String> {
        self.policies
            .iter()
            .map(|(sector, set)| (sector.clone(), set.digest.clone()))
            .collect()
    }

    /// The outcomes being served, one per data file in the order given.
    pub fn outcomes(&self) -> impl Iterator<Item = &Outcome> {
        self.files.iter().map(|f| &f.outcome)
    }

    /// One line per policy set and per data file: what is being served.
    pub fn summary(&self, lang: Lang) -> String {
        let mut out = String::new();
        for (sector, set) in &self.policies {
            let line = Msg::new("watch-summary-policies")
                .arg("root", set.root.display().to_string())
                .arg("sector", sector.as_str())
                .arg("indicators", set.rubric.indicators().count())
                .arg("digest", set.digest.as_str());
            out.push_str(&line.word(lang));
            out.push('\n');
        }
        for f in &self.files {
            let o = &f.outcome;
            let a = &o.association;
            let line = Msg::new("watch-summary-file")
                .arg("path", f.path.display().to_string())
                .arg("name", a.name.as_str())
                .arg("id", a.id.as_str())
                .arg("period", o.period.as_str())
                .arg("score", num(a.score))
                .arg("max", num(a.max))
                .arg("grade", Text::new(a.grade.as_str(), a.grade_en.as_str()))
                .arg("triggers", o.triggers.len());
            out.push_str(&line.word(lang));
            if !o.members.is_empty() {
                out.push_str("  ");
                out.push_str(
                    &Msg::new("watch-summary-members")
                        .arg("n", o.members.len())
                        .word(lang),
                );
            }
            out.push('\n');
        }
        out
    }
}

impl Reload {
    /// True when no policy set or data file changed at all.
    pub fn is_quiet(&self) -> bool {
        self.policies
            .iter()
            .all(|p| matches!(p, PolicyChange::Unchanged { .. }))
            && self
                .files
                .iter()
                .all(|f| matches!(f, FileChange::Unchanged { .. }))
    }

    /// Writes what the reload did: change reports to `out`; problems (rendered by
    /// `problems`) and what was kept instead to `err`.
    pub fn write(
        &self,
        lang: Lang,
        out: &mut dyn Write,
        err: &mut dyn Write,
        problems: &dyn Fn(&Problems) -> String,
    ) -> io::Result<()> {
        if self.is_quiet() {
            return writeln!(out, "{}", Msg::new("watch-no-change").word(lang));
        }
        for change in &self.policies {
            match change {
                PolicyChange::Unchanged { .. } => {}
                PolicyChange::Swapped { sector, from, to } => {
                    let said = match from {
                        Some(from) => {
                            Msg::new("watch-policies-reloaded").arg("from", from.as_str())
                        }
                        None => Msg::new("watch-policies-loaded"),
                    };
                    let said = said.arg("sector", sector.as_str()).arg("to", to.as_str());
                    writeln!(out, "{}", said.word(lang))?;
                }
                PolicyChange::Refused {
                    sector,
                    problems: p,
                    repeated,
                    kept,
                } => {
                    let still = if *repeated {
                        Msg::new("watch-still-invalid").arg("n", p.0.len())
                    } else {
                        write!(err, "{}", problems(p))?;
                        Msg::new("watch-invalid")
                    };
                    let said = match kept {
                        Some(d) => Msg::new("watch-serving-last-valid").arg("digest", d.as_str()),
                        None => Msg::new("watch-no-valid-yet"),
                    };
                    let said = said.arg("still", still).arg("sector", sector.as_str());
                    writeln!(err, "{}", said.word(lang))?;
                }
            }
        }
        for change in &self.files {
            match change {
                FileChange::Unchanged { .. } => {}
                FileChange::Evaluated { report, .. } => write!(out, "{}", report.to_text(lang))?,
                FileChange::Kept {
                    path,
                    problems: p,
                    score,
                    grade,
                } => {
                    write!(err, "{}", problems(p))?;
                    let said = Msg::new("watch-keeping-result")
                        .arg("path", path.display().to_string())
                        .arg("score", num(*score))
                        .arg("grade", Text::new(grade.0.as_str(), grade.1.as_str()));
                    writeln!(err, "{}", said.word(lang))?;
                }
            }
        }
        Ok(())
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

fn load_policies(root: &Path, sector: &str) -> Result<PolicySet, Problems> {
    PolicySet::load(root, Some(sector).filter(|s| *s != "base"))
}

/// Reads a data file's digest and the sector it declares, parsing it only when it differs
/// from what was last parsed.
fn probe(path: &Path, served: Option<&Served>) -> Probe {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let problem = Problem::in_file(
                path,
                Msg::new("watch-cannot-read").arg("error", e.to_string()),
            );
            return Probe {
                content: String::new(),
                sector: Err(problem.into()),
                parsed: None,
            };
        }
    };
    let content = hex16(&Sha256::digest(&bytes));
    match served {
        Some(f) if f.parsed.0 == content => Probe {
            content,
            sector: Ok(f.parsed.1.sector().to_string()),
            parsed: None,
        },
        _ => match DataFile::read(path) {
            Ok(parsed) => Probe {
                content,
                sector: Ok(parsed.sector().to_string()),
                parsed: Some(parsed),
            },
            Err(problems) => Probe {
                content,
                sector: Err(problems),
                parsed: None,
            },
        },
    }
}
