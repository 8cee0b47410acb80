//! Stage 1, load policies: read the policy folder, resolve a sector overlay onto the base,
//! compile every script once and validate the whole into an immutable [`PolicySet`].
//!
//! A policy set is all or nothing: if any file has a problem, loading returns every problem
//! found and no policy set, so an evaluation never runs on half-applied rules.

pub mod catalogue;
pub mod credit;
pub mod import;
pub mod overlay;
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
    /// What the overlay changed.
    pub overlay: Option<overlay::Overlay>,
    /// Declared evidence kinds and facts.
    pub catalogue: Catalogue,
    /// Appendix A with points and criteria.
    pub rubric: Rubric,
    /// Improvement triggers.
    pub triggers: Vec<Trigger>,
    /// Member credit rules.
    pub credit: credit::CreditPolicy,
    /// How member and event tables (CSV, Excel) are read.
    pub import: import::ImportPolicy,
    /// Compiled scripts by path relative to the policy folder.
    pub scripts: BTreeMap<String, Script>,
    /// The sandboxed script engine.
    pub engine: Arc<rhai::Engine>,
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

/// A script path as written in `named_in`, resolved against that file's folder.
pub(crate) fn resolve_script(named_in: &SourceFile, file: &str) -> String {
    if file.contains("..") || Path::new(file).is_absolute() {
        return file.to_string();
    }
    let folder = named_in.path.parent().unwrap_or(Path::new(""));
    folder.join(file).to_string_lossy().replace('\\', "/")
}

/// The first 16 hex digits of a hash: enough to tell runs apart, short enough to read.
pub fn hex16(bytes: &[u8]) -> String {
    bytes.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

impl PolicySet {
    /// Loads `root/base`, applies the sector overlay `root/sectors/<sector>/sector.ron` if one is
    /// named, and validates the whole. Keeps going after a file fails, so one run reports every
    /// problem in every file.
    pub fn load(root: &Path, sector: Option<&str>) -> Result<PolicySet, Problems> {
        let mut reader = Reader {
            root: root.to_path_buf(),
            files: BTreeMap::new(),
        };
        let mut problems = Problems::default();
        let mut catalogue = keep(
            reader
                .read("base/catalogue.ron")
                .and_then(|f| Catalogue::parse(&f)),
            &mut problems,
        );
        let mut rubric = keep(
            reader.read("base/rubric.ron").and_then(Rubric::parse),
            &mut problems,
        );
        let mut triggers = keep(
            reader.read("base/triggers.ron").and_then(triggers::parse),
            &mut problems,
        );
        let credit_file = keep(reader.read("base/credit.ron"), &mut problems);
        let mut raw_credit = credit_file
            .as_ref()
            .and_then(|f| keep(credit::parse(f), &mut problems));
        let mut credit_files: Vec<Arc<SourceFile>> = credit_file.into_iter().collect();
        let overlay = match sector {
            None => None,
            Some(name) => {
                let file = read_overlay(&mut reader, name).map_err(Problems::from)?;
                let raw = keep(overlay::parse(&file), &mut problems);
                credit_files.push(file.clone());
                raw.map(|raw| {
                    let base = overlay::Base {
                        catalogue: catalogue.as_mut(),
                        rubric: rubric.as_mut(),
                        triggers: triggers.as_mut(),
                        credit: raw_credit.as_mut(),
                    };
                    overlay::apply(raw, name, file, base, &mut problems)
                })
            }
        };
        let credit = raw_credit
            .and_then(|raw| credit::compile(raw, &credit_files, catalogue.as_ref(), &mut problems));
        // Optional: without import.ron no table can be imported, which the import then says.
        let import = if root.join("base/import.ron").is_file() {
            keep(
                reader
                    .read("base/import.ron")
                    .and_then(|f| import::parse(&f).map(|raw| (raw, f))),
                &mut problems,
            )
            .and_then(|(raw, f)| import::compile(raw, f, credit.as_ref(), &mut problems))
        } else {
            Some(import::ImportPolicy::default())
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
        let (Some(catalogue), Some(rubric), Some(triggers), Some(credit), Some(import)) =
            (catalogue, rubric, triggers, credit, import)
        else {
            return Err(problems);
        };
        problems.into_result(PolicySet {
            root: root.to_path_buf(),
            sector: sector.map(str::to_string),
            overlay,
            catalogue,
            rubric,
            triggers,
            credit,
            import,
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

/// The value of a load that worked; the problem of one that failed is kept for the report.
fn keep<T>(result: Result<T, Problem>, problems: &mut Problems) -> Option<T> {
    result.map_err(|p| problems.push(p)).ok()
}

/// The sectors with an overlay under `root/sectors/`, sorted.
pub fn known_sectors(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root.join("sectors"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().join(OVERLAY_FILE).is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The overlay file of a sector folder.
pub const OVERLAY_FILE: &str = "sector.ron";

fn read_overlay(reader: &mut Reader, sector: &str) -> Result<Arc<SourceFile>, Problem> {
    let relative = format!("sectors/{sector}/{OVERLAY_FILE}");
    if !reader.root.join(&relative).is_file() {
        let known = known_sectors(&reader.root);
        let list = if known.is_empty() {
            "none yet".to_string()
        } else {
            known.join(", ")
        };
        return Err(Problem::in_file(
            &reader.root.join("sectors"),
            format!("there is no sector `{sector}`"),
        )
        .with_help(format!(
            "known sectors: {list}; `cogov init {sector}` creates a new one"
        )));
    }
    reader.read(&relative)
}

/// Compiles every script a criterion or trigger names. Script paths were resolved against the
/// folder of the file that named them ([`resolve_script`]); here they are rewritten to the path
/// relative to the policy folder, which is also the key the evaluator looks them up by.
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
    let written = named_in
        .path
        .parent()
        .and_then(|dir| Path::new(file.as_str()).strip_prefix(dir).ok())
        .map_or(file.clone(), |p| p.to_string_lossy().replace('\\', "/"));
    let inside = Path::new(file.as_str())
        .strip_prefix(&reader.root)
        .ok()
        .filter(|p| !p.to_string_lossy().contains(".."));
    let Some(relative) = inside.map(|p| p.to_string_lossy().replace('\\', "/")) else {
        let message = "a script path must stay inside the policy folder";
        problems.push(named_in.problem_at_value(&written, 0, message));
        return;
    };
    if !scripts.contains_key(&relative) {
        let source = match reader.read(&relative) {
            Ok(source) => source,
            Err(_) => {
                let p = named_in.problem_at_value(
                    &written,
                    0,
                    format!("the script `{written}` does not exist"),
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
