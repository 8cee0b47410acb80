//! Scenarios: replayable steps (evaluate a period's data, edit a policy file, check) with each
//! outcome fed forward as the previous one, so triggers and their follow-up can be pinned
//! across periods, and so can rubric edits; `Expect` steps say what the outcome must be, or
//! which problems the step before must report, so `cogov test` runs them as tests.
//!
//! A scenario that edits policies works on a private copy of the policy folder; the shipped
//! files are never touched. An `Eval` after an `Edit` also shows what changed against the
//! evaluation of the same data before the edit; when an edit breaks the policies, the failing
//! step says which valid version and which result still stand.

pub mod coverage;
mod expect;
pub mod report;
pub mod scaffold;

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::change::{ChangeReport, GradeScale};
use crate::data::{DataFile, Dataset, TableLimits};
use crate::diagnostic::{Problem, Problems, SourceFile};
use crate::message::Msg;
use crate::outcome::Outcome;
use crate::periods::previous_for;
use crate::policy::PolicySet;
use crate::render;
use crate::text::{Lang, Text};
pub use expect::Check;
use expect::{Context, Expect, Known};

#[derive(Debug, Deserialize)]
#[serde(rename = "Scenario", deny_unknown_fields)]
struct RawScenario {
    title: String,
    #[serde(default)]
    policies: Option<String>,
    #[serde(default)]
    sector: Option<String>,
    steps: Vec<Step>,
}

/// One step of a scenario.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
enum Step {
    /// Evaluate a data file (relative to the scenario) with any member and event tables
    /// merged into it; the previous outcome is fed forward.
    Eval {
        data: String,
        #[serde(default)]
        tables: Vec<String>,
    },
    /// Replace text in a policy file (relative to the policy folder), then reload.
    Edit {
        file: String,
        replace: String,
        with: String,
    },
    /// Validate the policies and report.
    Check,
    /// What the last outcome must be, and which problems the step before must report.
    Expect(Box<Expect>),
}

/// How to run a scenario.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Language of the transcript and of the expectations' report.
    pub lang: Lang,
    /// The policy folder for scenarios that name none (default: `$COGOV_POLICIES`, else
    /// `./policies`).
    pub policies: Option<PathBuf>,
    /// Record which rules each evaluation exercised (see [`coverage`]).
    pub coverage: bool,
    /// How much a workbook among a step's tables may hold.
    pub limits: TableLimits,
}

/// What a replay produced.
#[derive(Debug)]
pub struct Replay {
    /// The scenario's title.
    pub title: String,
    /// Human-readable record of every step.
    pub transcript: String,
    /// The outcome of every successful `Eval` step, in order.
    pub outcomes: Vec<Outcome>,
    /// Steps that reported problems no `Expect(fails: …)` allowed for.
    pub failed_steps: usize,
    /// Every expectation checked, met or not, in step order.
    pub checks: Vec<Check>,
    /// Problems in the scenario's expectations themselves (an unknown indicator or member),
    /// located in `scenario.ron`.
    pub problems: Problems,
    /// What each evaluation under the policies as shipped exercised, when asked for.
    pub(crate) exercised: Vec<coverage::Evaluation>,
}

impl Replay {
    /// True when every expectation was met, no step failed unexpectedly and the expectations
    /// themselves are valid.
    pub fn passed(&self) -> bool {
        self.problems.is_empty() && self.checks.iter().all(|c| c.passed)
    }

    /// What each evaluation under the policies as shipped exercised (recorded when the
    /// options ask for coverage).
    pub fn exercised(&self) -> &[coverage::Evaluation] {
        &self.exercised
    }

    /// The expectations not met.
    pub fn failures(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|c| !c.passed)
    }
}

/// The scenario file a path names: the path itself, or `scenario.ron` in a folder.
fn scenario_file(path: &Path) -> PathBuf {
    if path.is_dir() {
        path.join("scenario.ron")
    } else {
        path.to_path_buf()
    }
}

fn read_scenario(path: &Path) -> Result<(RawScenario, SourceFile, PathBuf), Problems> {
    let file = SourceFile::read(path)?;
    let extensions = ron::extensions::Extensions::IMPLICIT_SOME
        | ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES;
    let scenario: RawScenario = crate::diagnostic::parse_ron_with(&file, extensions)?;
    let folder = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    Ok((scenario, file, folder))
}

/// Whether a path names a scenario (a folder, or a file called `scenario.ron`) rather than
/// an association data file.
pub fn is_scenario(path: &Path) -> bool {
    path.is_dir() || path.file_name().is_some_and(|n| n == "scenario.ron")
}

/// The scenarios a path names: a scenario folder or file itself, else every folder under it
/// holding a `scenario.ron`, sorted.
pub fn scenarios_in(path: &Path) -> Vec<PathBuf> {
    if !path.is_dir() || path.join("scenario.ron").is_file() {
        return vec![scenario_file(path)];
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir(path)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path().join("scenario.ron"))
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// A data file to evaluate and the tables merged into it.
pub type DataWithTables = (PathBuf, Vec<PathBuf>);

/// The data files a scenario's `Eval` steps evaluate, each with the tables merged into it, in
/// step order, and the sector it sets.
pub fn scenario_data(path: &Path) -> Result<(Option<String>, Vec<DataWithTables>), Problems> {
    let (scenario, _, folder) = read_scenario(&scenario_file(path))?;
    let data = scenario
        .steps
        .iter()
        .filter_map(|s| match s {
            Step::Eval { data, tables } => Some((
                folder.join(data),
                tables.iter().map(|t| folder.join(t)).collect(),
            )),
            _ => None,
        })
        .collect();
    Ok((scenario.sector, data))
}

/// Runs a scenario file (or a folder holding `scenario.ron`) with the default options.
pub fn replay(path: &Path, lang: Lang) -> Result<Replay, Problems> {
    run(
        path,
        &Options {
            lang,
            ..Options::default()
        },
    )
}

/// The step a problem list belongs to: its number, its label and what it reported.
struct Done {
    n: usize,
    label: String,
    problems: Option<Problems>,
    /// Whether an `Expect` has looked at this step's problems.
    judged: bool,
}

/// Runs a scenario file (or a folder holding `scenario.ron`): every step, then every
/// expectation against the step before it and the last outcome.
pub fn run(path: &Path, options: &Options) -> Result<Replay, Problems> {
    let lang = options.lang;
    let path = scenario_file(path);
    let (scenario, file, folder) = read_scenario(&path)?;
    let shipped = match (&scenario.policies, &options.policies) {
        (Some(p), _) => folder.join(p),
        (None, Some(p)) => p.clone(),
        (None, None) => match crate::policy::PolicySource::find(None) {
            crate::policy::PolicySource::Folder(dir) => dir,
            crate::policy::PolicySource::Embedded => {
                let help = Msg::new("replay-no-policies-help")
                    .arg("env", crate::policy::source::POLICIES_ENV);
                return Err(Problem::in_file(&path, Msg::new("replay-no-policies"))
                    .with_help(help)
                    .into());
            }
        },
    };
    let edits = scenario
        .steps
        .iter()
        .any(|s| matches!(s, Step::Edit { .. }));
    let workspace = if edits {
        Some(Workspace::copy_of(&shipped)?)
    } else {
        None
    };
    let root = workspace
        .as_ref()
        .map_or(shipped.clone(), |w| w.root.clone());

    let mut transcript = format!("# {}\n", scenario.title);
    let mut outcomes: Vec<Outcome> = Vec::new();
    // The grade bands of the policies each outcome came from, for change reports.
    let mut scales: Vec<GradeScale> = Vec::new();
    // The ids the policies of the last outcome know, for checking expectations' ids.
    let mut known: Option<Known> = None;
    // Digest of the last policy set that loaded: what stands when an edit breaks the set.
    let mut last_good: Option<String> = None;
    let mut edited = false;
    let mut edited_ever = false;
    let mut checks: Vec<Check> = Vec::new();
    let mut problems = Problems::default();
    let mut exercised = Vec::new();
    let mut last: Option<Done> = None;
    let mut expects = 0;
    let bases = [folder.clone(), root.clone()];
    for (n, step) in scenario.steps.iter().enumerate() {
        // On failure: the problems, and whether it is the policies that failed to load.
        let result: Result<(), (Problems, bool)> = match step {
            Step::Eval { data, tables } => {
                let named: String = tables.iter().map(|t| format!(" {t}")).collect();
                let step = Msg::new("replay-step-eval").arg("data", format!("{data}{named}"));
                transcript.push_str(&format!("\n## {}. {}\n\n", n + 1, step.word(lang)));
                let tables: Vec<PathBuf> = tables.iter().map(|t| folder.join(t)).collect();
                let record = options.coverage && !edited_ever;
                eval_step(
                    &root,
                    scenario.sector.as_deref(),
                    &folder.join(data),
                    &tables,
                    &options.limits,
                    &outcomes,
                    record,
                )
                .map(|evaluated| {
                    let Evaluated {
                        outcome,
                        scale,
                        known: k,
                        exercised: e,
                    } = evaluated;
                    exercised.extend(e);
                    known = Some(k);
                    last_good = Some(outcome.policy.digest.clone());
                    transcript.push_str(&render::terminal(&outcome, lang));
                    let same = outcomes.iter().rposition(|o| {
                        o.association.id == outcome.association.id && o.period == outcome.period
                    });
                    if let (true, Some(i)) = (edited, same) {
                        let scale = scale.clone().or_else(&scales[i]);
                        let report = ChangeReport::between(&outcomes[i], &outcome, &scale);
                        transcript.push_str(&format!(
                            "\n### {}\n\n{}",
                            Msg::new("replay-against-before").word(lang),
                            report.to_text(lang)
                        ));
                    }
                    edited = false;
                    outcomes.push(outcome);
                    scales.push(scale);
                })
            }
            Step::Edit {
                file,
                replace,
                with,
            } => {
                let step = Msg::new("replay-step-edit")
                    .arg("file", file.as_str())
                    .arg("replace", replace.as_str())
                    .arg("with", with.as_str());
                transcript.push_str(&format!("\n## {}. {}\n", n + 1, step.word(lang)));
                edited = true;
                edited_ever = true;
                edit(&root.join(file), replace, with).map_err(|p| (p.into(), false))
            }
            Step::Check => {
                let step = Msg::new("replay-step-check").word(lang);
                transcript.push_str(&format!("\n## {}. {step}\n\n", n + 1));
                match PolicySet::load(&root, scenario.sector.as_deref()) {
                    Ok(p) => {
                        last_good = Some(p.digest.clone());
                        let ok =
                            Msg::new("replay-check-ok").arg("n", p.rubric.indicators().count());
                        transcript.push_str(&ok.word(lang));
                        transcript.push('\n');
                        Ok(())
                    }
                    Err(problems) => Err((problems, true)),
                }
            }
            Step::Expect(expect) => {
                let label = Msg::new("replay-step-expect").word(lang);
                transcript.push_str(&format!("\n## {}. {label}\n\n", n + 1));
                let cx = Context {
                    step: n + 1,
                    label: &label,
                    lang,
                    file: &file,
                    from: nth_expect(&file.text, expects),
                    bases: &bases,
                };
                expects += 1;
                let before = checks.len();
                let mut found = Problems::default();
                let unjudged = last
                    .as_ref()
                    .is_some_and(|d| d.problems.is_some() && !d.judged);
                if !expect.fails.is_empty() || unjudged {
                    match last.as_mut() {
                        Some(done) => {
                            done.judged = true;
                            let step = Context {
                                step: done.n,
                                label: &done.label,
                                ..cx
                            };
                            expect::check_problems(
                                &expect.fails,
                                done.problems.as_ref(),
                                &step,
                                &mut checks,
                            );
                        }
                        None => found.push(cx.problem_here(Msg::new("test-expect-first"))),
                    }
                }
                expect.check_outcome(
                    outcomes.last(),
                    known.as_ref(),
                    &cx,
                    &mut checks,
                    &mut found,
                );
                transcript.push_str(&expect::summary(&checks[before..], lang));
                if !found.is_empty() {
                    transcript.push_str(&found.render_plain(lang));
                    problems.0.extend(found.0);
                }
                continue;
            }
        };
        if let Some(done) = last.take().filter(|d| !d.judged) {
            unexpected(done, &bases, lang, &mut checks);
        }
        let label = step_label(step, lang);
        let mut done = Done {
            n: n + 1,
            label,
            problems: None,
            judged: false,
        };
        if let Err((problems, policies_failed)) = result {
            transcript.push_str(&problems.render_plain(lang));
            if let (true, Some(digest)) = (policies_failed, &last_good) {
                transcript.push_str(&what_stands(digest, outcomes.last(), lang));
            }
            done.problems = Some(problems);
        }
        last = Some(done);
    }
    if let Some(done) = last.filter(|d| !d.judged) {
        unexpected(done, &bases, lang, &mut checks);
    }
    if let Some(w) = &workspace {
        let (from, to) = (w.root.display().to_string(), shipped.display().to_string());
        transcript = transcript.replace(&from, &to);
        for c in &mut checks {
            c.replace_path(&from, &to);
        }
    }
    let failed_steps = checks.iter().filter(|c| c.unexpected).count();
    Ok(Replay {
        title: scenario.title,
        transcript,
        outcomes,
        failed_steps,
        checks,
        problems,
        exercised,
    })
}

/// A step's problems that no expectation allowed for: a failed check of its own.
fn unexpected(done: Done, bases: &[PathBuf], lang: Lang, checks: &mut Vec<Check>) {
    if let Some(problems) = &done.problems {
        checks.push(expect::unexpected_problems(
            done.n,
            &done.label,
            problems,
            bases,
            lang,
        ));
    }
}

/// A step as the report names it.
fn step_label(step: &Step, lang: Lang) -> String {
    match step {
        Step::Eval { data, .. } => Msg::new("replay-step-eval").arg("data", data.as_str()),
        Step::Edit { file, .. } => Msg::new("test-step-edit").arg("file", file.as_str()),
        Step::Check => Msg::new("replay-step-check"),
        Step::Expect(_) => Msg::new("replay-step-expect"),
    }
    .word(lang)
}

/// Offset of the `nth` `Expect(` in the scenario file, where its ids are looked for.
fn nth_expect(text: &str, nth: usize) -> usize {
    text.match_indices("Expect(").nth(nth).map_or(0, |(i, _)| i)
}

/// One line after a failed policy load: the last valid policies and the last result stand.
fn what_stands(digest: &str, last: Option<&Outcome>, lang: Lang) -> String {
    let said = match last {
        Some(o) => {
            let a = &o.association;
            Msg::new("replay-stands-with-result")
                .arg("name", a.name.as_str())
                .arg("period", o.period.as_str())
                .arg("score", crate::value::num(a.score))
                .arg("grade", Text::new(a.grade.as_str(), a.grade_en.as_str()))
        }
        None => Msg::new("replay-stands"),
    };
    format!("{}\n", said.arg("digest", digest).word(lang))
}

/// What an `Eval` step produced.
struct Evaluated {
    outcome: Outcome,
    scale: GradeScale,
    known: Known,
    exercised: Option<coverage::Evaluation>,
}

/// Evaluates a data file under the policies as they are now, with the previous period's
/// outcome (if an earlier step evaluated it) fed forward; records what it exercised when
/// asked. On failure, says whether it was the policies that failed to load.
fn eval_step(
    root: &Path,
    sector: Option<&str>,
    data: &Path,
    tables: &[PathBuf],
    limits: &TableLimits,
    earlier: &[Outcome],
    record: bool,
) -> Result<Evaluated, (Problems, bool)> {
    let file = DataFile::read(data).map_err(|p| (p, false))?;
    let sector = sector.or(Some(file.sector())).filter(|s| *s != "base");
    let policies = PolicySet::load(root, sector).map_err(|p| (p, true))?;
    let dataset =
        Dataset::check_within(file, tables, limits, None, &policies).map_err(|p| (p, false))?;
    let previous = previous_for(earlier.iter().map(|o| ((), o)), &dataset).map(|(_, o)| o);
    let outcome = crate::evaluate(&policies, &dataset, previous).map_err(|p| (p, false))?;
    let exercised = record.then(|| coverage::Evaluation::of(&policies, &dataset, &outcome));
    Ok(Evaluated {
        scale: GradeScale::of(&policies),
        known: Known::of(&policies),
        exercised,
        outcome,
    })
}

fn edit(path: &Path, replace: &str, with: &str) -> Result<(), Problem> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Problem::in_file(
            path,
            Msg::new("replay-cannot-read").arg("error", e.to_string()),
        )
    })?;
    if !text.contains(replace) {
        return Err(Problem::in_file(
            path,
            Msg::new("replay-edit-not-found").arg("text", replace),
        ));
    }
    std::fs::write(path, text.replacen(replace, with, 1)).map_err(|e| {
        Problem::in_file(
            path,
            Msg::new("replay-cannot-write").arg("error", e.to_string()),
        )
    })
}

/// A private copy of a policy folder, removed when dropped.
struct Workspace {
    root: PathBuf,
}

impl Workspace {
    fn copy_of(from: &Path) -> Result<Workspace, Problem> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let root = std::env::temp_dir().join(format!("cogov-replay-{}-{n}", std::process::id()));
        copy_dir(from, &root).map_err(|e| {
            Problem::in_file(
                from,
                Msg::new("replay-cannot-copy").arg("error", e.to_string()),
            )
        })?;
        Ok(Workspace { root })
    }
}

impl Drop for Workspace {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}
