//! Scenarios: replayable steps (evaluate a period's data, edit a policy file, check) with each
//! outcome fed forward as the previous one, so triggers and their follow-up can be pinned
//! across periods, and so can rubric edits.
//!
//! A scenario that edits policies works on a private copy of the policy folder; the shipped
//! files are never touched.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::data::{DataFile, Dataset};
use crate::diagnostic::{Problem, Problems, SourceFile};
use crate::outcome::Outcome;
use crate::policy::PolicySet;
use crate::render::{self, Format};
use crate::text::Lang;

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
    /// Evaluate a data file (relative to the scenario); the previous outcome is fed forward.
    Eval { data: String },
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

/// Runs a scenario file (or a folder holding `scenario.ron`).
pub fn replay(path: &Path, lang: Lang) -> Result<Replay, Problems> {
    let path = if path.is_dir() {
        path.join("scenario.ron")
    } else {
        path.to_path_buf()
    };
    let file = SourceFile::read(&path)?;
    let scenario: RawScenario = crate::diagnostic::parse_ron(&file)?;
    let folder = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let shipped = match &scenario.policies {
        Some(p) => folder.join(p),
        None => crate::cli::default_policies(),
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
    let mut failed_steps = 0;
    for (n, step) in scenario.steps.iter().enumerate() {
        let result = match step {
            Step::Eval { data } => {
                transcript.push_str(&format!("\n## {}. eval {data}\n\n", n + 1));
                eval_step(
                    &root,
                    scenario.sector.as_deref(),
                    &folder.join(data),
                    outcomes.last(),
                    lang,
                )
                .map(|o| {
                    transcript.push_str(&render::render(&o, Format::Table, lang));
                    outcomes.push(o);
                })
            }
            Step::Edit {
                file,
                replace,
                with,
            } => {
                transcript.push_str(&format!(
                    "\n## {}. edit {file}: `{replace}` → `{with}`\n",
                    n + 1
                ));
                edit(&root.join(file), replace, with).map_err(Problems::from)
            }
            Step::Check => {
                transcript.push_str(&format!("\n## {}. check\n\n", n + 1));
                PolicySet::load(&root, scenario.sector.as_deref()).map(|p| {
                    transcript.push_str(&format!(
                        "ok: {} indicators\n",
                        p.rubric.indicators().count()
                    ));
                })
            }
        };
        if let Err(problems) = result {
            failed_steps += 1;
            transcript.push_str(&problems.render_plain());
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

fn eval_step(
    root: &Path,
    sector: Option<&str>,
    data: &Path,
    previous: Option<&Outcome>,
    _lang: Lang,
) -> Result<Outcome, Problems> {
    let file = DataFile::read(data)?;
    let sector = sector.or(Some(file.sector())).filter(|s| *s != "base");
    let policies = PolicySet::load(root, sector)?;
    let dataset = Dataset::check(file, &policies)?;
    crate::evaluate(&policies, &dataset, previous)
}

fn edit(path: &Path, replace: &str, with: &str) -> Result<(), Problem> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Problem::in_file(path, format!("cannot read: {e}")))?;
    if !text.contains(replace) {
        return Err(Problem::in_file(
            path,
            format!("the edit looks for `{replace}`, which the file does not contain"),
        ));
    }
    std::fs::write(path, text.replacen(replace, with, 1))
        .map_err(|e| Problem::in_file(path, format!("cannot write: {e}")))
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
        copy_dir(from, &root)
            .map_err(|e| Problem::in_file(from, format!("cannot copy the policies: {e}")))?;
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
