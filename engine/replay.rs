//! Scenarios: replayable steps (evaluate a period's data, edit a policy file, check) with each
//! outcome fed forward as the previous one, so triggers and their follow-up can be pinned
//! across periods, and so can rubric edits.
//!
//! A scenario that edits policies works on a private copy of the policy folder; the shipped
//! files are never touched. An `Eval` after an `Edit` also shows what changed against the
//! evaluation of the same data before the edit; when an edit breaks the policies, the failing
//! step says which valid version and which result still stand.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::change::{ChangeReport, GradeScale};
use crate::data::{DataFile, Dataset};
use crate::diagnostic::{Problem, Problems, SourceFile};
use crate::message::Msg;
use crate::outcome::Outcome;
use crate::periods::previous_for;
use crate::policy::PolicySet;
use crate::render::{self, Format};
use crate::text::{Lang, Text};

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
}

/// What a replay produced.
#[derive(Debug)]
pub struct Replay {
    /// Human-readable record of every step.
    pub transcript: String,
    /// The outcome of every successful `Eval` step, in order.
    pub outcomes: Vec<Outcome>,
    /// Steps that reported problems.
    pub failed_steps: usize,
}

/// The scenario file a path names: the path itself, or `scenario.ron` in a folder.
fn scenario_file(path: &Path) -> PathBuf {
    if path.is_dir() {
        path.join("scenario.ron")
    } else {
        path.to_path_buf()
    }
}

fn read_scenario(path: &Path) -> Result<(RawScenario, PathBuf), Problems> {
    let file = SourceFile::read(path)?;
    let scenario: RawScenario = crate::diagnostic::parse_ron(&file)?;
    let folder = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    Ok((scenario, folder))
}

/// Whether a path names a scenario (a folder, or a file called `scenario.ron`) rather than
/// an association data file.
pub fn is_scenario(path: &Path) -> bool {
    path.is_dir() || path.file_name().is_some_and(|n| n == "scenario.ron")
}

/// A data file to evaluate and the tables merged into it.
pub type DataWithTables = (PathBuf, Vec<PathBuf>);

/// The data files a scenario's `Eval` steps evaluate, each with the tables merged into it, in
/// step order, and the sector it sets.
pub fn scenario_data(path: &Path) -> Result<(Option<String>, Vec<DataWithTables>), Problems> {
    let (scenario, folder) = read_scenario(&scenario_file(path))?;
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

/// Runs a scenario file (or a folder holding `scenario.ron`).
pub fn replay(path: &Path, lang: Lang) -> Result<Replay, Problems> {
    let path = scenario_file(path);
    let (scenario, folder) = read_scenario(&path)?;
    let shipped = match &scenario.policies {
        Some(p) => folder.join(p),
        None => match crate::policy::PolicySource::find(None) {
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
    // Digest of the last policy set that loaded: what stands when an edit breaks the set.
    let mut last_good: Option<String> = None;
    let mut edited = false;
    let mut failed_steps = 0;
    for (n, step) in scenario.steps.iter().enumerate() {
        // On failure: the problems, and whether it is the policies that failed to load.
        let result: Result<(), (Problems, bool)> = match step {
            Step::Eval { data, tables } => {
                let named: String = tables.iter().map(|t| format!(" {t}")).collect();
                let step = Msg::new("replay-step-eval").arg("data", format!("{data}{named}"));
                transcript.push_str(&format!("\n## {}. {}\n\n", n + 1, step.word(lang)));
                let tables: Vec<PathBuf> = tables.iter().map(|t| folder.join(t)).collect();
                eval_step(
                    &root,
                    scenario.sector.as_deref(),
                    &folder.join(data),
                    &tables,
                    &outcomes,
                )
                .map(|(outcome, scale)| {
                    last_good = Some(outcome.policy.digest.clone());
                    transcript.push_str(&render::render(&outcome, Format::Table, lang));
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
        };
        if let Err((problems, policies_failed)) = result {
            failed_steps += 1;
            transcript.push_str(&problems.render_plain(lang));
            if let (true, Some(digest)) = (policies_failed, &last_good) {
                transcript.push_str(&what_stands(digest, outcomes.last(), lang));
            }
        }
    }
    if let Some(w) = &workspace {
        transcript = transcript.replace(
            &w.root.display().to_string(),
            &shipped.display().to_string(),
        );
    }
    Ok(Replay {
        transcript,
        outcomes,
        failed_steps,
    })
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

/// Evaluates a data file under the policies as they are now, with the previous period's
/// outcome (if an earlier step evaluated it) fed forward. On failure, says whether it was the
/// policies that failed to load.
fn eval_step(
    root: &Path,
    sector: Option<&str>,
    data: &Path,
    tables: &[PathBuf],
    earlier: &[Outcome],
) -> Result<(Outcome, GradeScale), (Problems, bool)> {
    let file = DataFile::read(data).map_err(|p| (p, false))?;
    let sector = sector.or(Some(file.sector())).filter(|s| *s != "base");
    let policies = PolicySet::load(root, sector).map_err(|p| (p, true))?;
    let dataset = Dataset::check_with_tables(file, tables, &policies).map_err(|p| (p, false))?;
    let previous = previous_for(earlier.iter().map(|o| ((), o)), &dataset).map(|(_, o)| o);
    let outcome = crate::evaluate(&policies, &dataset, previous).map_err(|p| (p, false))?;
    Ok((outcome, GradeScale::of(&policies)))
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
