//! Stage 1, load policies: read the policy folder, resolve a sector overlay onto the base,
//! compile every script once and validate the whole into an immutable [`PolicySet`].
//!
//! A policy set is all or nothing: if any file has a problem, loading returns every problem
//! found and no policy set, so an evaluation never runs on half-applied rules.

pub mod catalogue;
pub mod credit;
pub mod rubric;
pub mod script;
pub mod triggers;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::diagnostic::{Problem, Problems, SourceFile};
use catalogue::Catalogue;
use rubric::{NodeKind, Rubric, Rule};
use script::Script;
use triggers::{Condition, Trigger};

/// A complete, validated rule set: what the evaluator runs.
pub struct PolicySet {
    /// The policy folder it was loaded from.
    pub root: PathBuf,
    /// The sector overlay applied, if any.
    pub sector: Option<String>,
    /// Declared evidence kinds and facts.
    pub catalogue: Catalogue,
    /// Appendix A with points and criteria.
    pub rubric: Rubric,
    /// Improvement triggers.
    pub triggers: Vec<Trigger>,
    /// Member credit rules.
    pub credit: credit::CreditPolicy,
    /// Compiled scripts by path relative to the policy folder.
    pub scripts: BTreeMap<String, Script>,
    /// The sandboxed script engine.
    pub engine: rhai::Engine,
    /// SHA-256 of every file read, in path order (first 16 hex digits).
    pub digest: String,
}

/// Entry function a rubric scorer defines.
pub const SCORER_ENTRY: &str = "score";
/// Entry function a trigger script defines.
pub const TRIGGER_ENTRY: &str = "fires";

/// Reads files under the policy folder and remembers them for the digest.
struct Reader {
    root: PathBuf,
    files: BTreeMap<String, Arc<SourceFile>>,
}

impl Reader {
    fn read(&mut self, relative: &str) -> Result<Arc<SourceFile>, Problem> {
        let file = Arc::new(SourceFile::read(&self.root.join(relative))?);
        self.files.insert(relative.to_string(), file.clone());
        Ok(file)
    }

    fn digest(&self) -> String {
        let mut hash = Sha256::new();
        for (path, file) in &self.files {
            hash.update(path.as_bytes());
            hash.update([0]);
            hash.update(file.text.as_bytes());
            hash.update([0]);
        }
        hex16(&hash.finalize())
    }
}

/// The first 16 hex digits of a hash: enough to tell runs apart, short enough to read.
pub fn hex16(bytes: &[u8]) -> String {
    bytes.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

impl PolicySet {
    /// Loads `root/base` (and the sector overlay) and validates the whole.
    pub fn load(root: &Path, sector: Option<&str>) -> Result<PolicySet, Problems> {
        let mut reader = Reader {
            root: root.to_path_buf(),
            files: BTreeMap::new(),
        };
        let mut problems = Problems::default();
        let catalogue = reader
            .read("base/catalogue.ron")
            .and_then(|f| Catalogue::parse(&f));
        let rubric = reader.read("base/rubric.ron").and_then(Rubric::parse);
        let triggers = reader.read("base/triggers.ron").and_then(triggers::parse);
        let credit_file = reader.read("base/credit.ron");
        let raw_credit = credit_file.clone().and_then(|f| credit::parse(&f));
        // Keep going after a file fails, so one run reports every problem in every file.
        let catalogue = catalogue.map_err(|p| problems.push(p)).ok();
        let mut rubric = rubric.map_err(|p| problems.push(p)).ok();
        let mut triggers = triggers.map_err(|p| problems.push(p)).ok();
        let credit = match (credit_file, raw_credit) {
            (Ok(file), Ok(raw)) => credit::compile(raw, file, catalogue.as_ref(), &mut problems),
            (Err(p), _) | (_, Err(p)) => {
                problems.push(p);
                None
            }
        };
        if let Some(rubric) = &mut rubric {
            rubric.validate(catalogue.as_ref(), &mut problems);
            if let Some(triggers) = &triggers {
                triggers::validate(triggers, rubric, catalogue.as_ref(), &mut problems);
            }
        }
        let engine = script::engine();
        let scripts = compile_scripts(
            &mut reader,
            &engine,
            rubric.as_mut(),
            triggers.as_deref_mut(),
            &mut problems,
        );
        let digest = reader.digest();
        let (Some(catalogue), Some(rubric), Some(triggers), Some(credit)) =
            (catalogue, rubric, triggers, credit)
        else {
            return Err(problems);
        };
        problems.into_result(PolicySet {
            root: root.to_path_buf(),
            sector: sector.map(str::to_string),
            catalogue,
            rubric,
            triggers,
            credit,
            scripts,
            engine,
            digest,
        })
    }

    /// The sector name for outputs (`base` when none).
    pub fn sector_name(&self) -> &str {
        self.sector.as_deref().unwrap_or("base")
    }
}

/// Compiles every script a criterion or trigger names. A script path is relative to the folder
/// of the file that names it; it is rewritten to the path relative to the policy folder, which
/// is also the key the evaluator looks it up by.
fn compile_scripts(
    reader: &mut Reader,
    engine: &rhai::Engine,
    rubric: Option<&mut Rubric>,
    triggers: Option<&mut [Trigger]>,
    problems: &mut Problems,
) -> BTreeMap<String, Script> {
    let mut scripts = BTreeMap::new();
    for node in rubric.into_iter().flat_map(|r| r.nodes.iter_mut()) {
        if let NodeKind::Indicator { criteria, .. } = &mut node.kind {
            for c in criteria {
                if let Rule::Script { file, .. } = &mut c.rule {
                    compile_one(
                        reader,
                        engine,
                        file,
                        SCORER_ENTRY,
                        &c.origin,
                        &mut scripts,
                        problems,
                    );
                }
            }
        }
    }
    for t in triggers.into_iter().flatten() {
        if let Condition::Script { file, .. } = &mut t.when {
            compile_one(
                reader,
                engine,
                file,
                TRIGGER_ENTRY,
                &t.origin,
                &mut scripts,
                problems,
            );
        }
    }
    scripts
}

fn compile_one(
    reader: &mut Reader,
    engine: &rhai::Engine,
    file: &mut String,
    entry: &str,
    named_in: &SourceFile,
    scripts: &mut BTreeMap<String, Script>,
    problems: &mut Problems,
) {
    if file.contains("..") || Path::new(file.as_str()).is_absolute() {
        problems.push(named_in.problem_at_value(
            file,
            0,
            "a script path must stay inside the policy folder",
        ));
        return;
    }
    let folder = named_in
        .path
        .parent()
        .and_then(|p| p.strip_prefix(&reader.root).ok())
        .unwrap_or(Path::new(""));
    let relative = folder
        .join(file.as_str())
        .to_string_lossy()
        .replace('\\', "/");
    if !scripts.contains_key(&relative) {
        let source = match reader.read(&relative) {
            Ok(source) => source,
            Err(_) => {
                let p = named_in.problem_at_value(
                    file,
                    0,
                    format!("the script `{file}` does not exist"),
                );
                problems.push(p.with_help(format!(
                    "looked for {}",
                    reader.root.join(&relative).display()
                )));
                return;
            }
        };
        match Script::compile(engine, &relative, source, entry) {
            Ok(script) => {
                scripts.insert(relative.clone(), script);
            }
            Err(p) => {
                problems.push(p);
                return;
            }
        }
    }
    *file = relative;
}
