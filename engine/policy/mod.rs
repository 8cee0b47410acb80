//! Stage 1, load policies: parse → merge → check → compile, the way a compiler front end works.
//!
//! 1. **Parse.** Each policy file is read ([`source`]) and parsed into a spanned tree
//!    ([`tree`]): every value remembers its file, line and column.
//! 2. **Merge.** A sector overlay is merged onto the base trees by id ([`merge`]), before any
//!    check, and every change is recorded as data.
//! 3. **Check and compile.** The merged trees get their raw typed shape ([`de`]), and one pass
//!    per file checks them against each other and builds the compiled types the evaluator reads
//!    (rubric, triggers, credit, import); scripts are compiled once and probed.
//!
//! A policy set is all or nothing: if any file has a problem, loading returns every problem
//! found, each with the span of the value that caused it, and no policy set, so an evaluation
//! never runs on half-applied rules.

pub mod catalogue;
pub mod credit;
mod de;
pub mod import;
pub mod ledgers;
mod merge;
mod messages;
pub mod rubric;
pub mod script;
pub mod source;
pub(crate) mod templates;
mod tree;
pub mod triggers;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::diagnostic::{Problem, Problems, SourceFile};
use crate::message::Msg;
use crate::text::Text;
use catalogue::Catalogue;
use de::Spanned;
pub use merge::{Change, ChangeKind};
use rubric::{NodeKind, Rubric, Rule};
use script::Script;
pub use source::PolicySource;
use tree::{FileId, Node, Span};
use triggers::{Condition, Trigger};

/// A complete, validated rule set: what the evaluator runs.
pub struct PolicySet {
    /// The policy folder it was loaded from (for the embedded policies, the name they show).
    pub(crate) root: PathBuf,
    /// The sector overlay applied, if any.
    pub(crate) sector: Option<String>,
    /// What the overlay changed.
    pub(crate) overlay: Option<Overlay>,
    /// Declared evidence kinds and facts.
    pub(crate) catalogue: Catalogue,
    /// Appendix A with points and criteria.
    pub(crate) rubric: Rubric,
    /// Improvement triggers.
    pub(crate) triggers: Vec<Trigger>,
    /// Member credit rules.
    pub(crate) credit: credit::CreditPolicy,
    /// How member and event tables (CSV, Excel) are read.
    pub(crate) import: import::ImportPolicy,
    /// The ledgers that give facts and credit events (`ledgers.ron`, optional).
    pub(crate) ledgers: ledgers::Ledgers,
    /// Compiled scripts by path relative to the policy folder.
    pub(crate) scripts: BTreeMap<String, Script>,
    /// The sandboxed script engine.
    pub(crate) engine: Arc<rhai::Engine>,
    /// SHA-256 of every file read, in path order (first 16 hex digits).
    pub(crate) digest: String,
    /// Lints: what is valid but probably not meant (see `cogov check --deny-warnings`).
    pub(crate) warnings: Problems,
    /// The wording of reasons and warnings: the built-in catalogue with the policy's over it.
    pub(crate) messages: Arc<crate::message::Catalogue>,
    /// The report templates, compiled and tried.
    pub(crate) templates: templates::Templates,
}

/// The applied overlay: its name, file and changes.
#[derive(Clone, Debug)]
pub struct Overlay {
    /// Sector id (the folder name).
    pub(crate) id: String,
    /// Sector name.
    pub(crate) name: Text,
    /// The overlay file.
    pub(crate) file: Arc<SourceFile>,
    /// Every change, in the order written.
    pub(crate) changes: Vec<Change>,
}

impl Overlay {
    /// True when a change touched the item at `path` or anything inside it.
    pub fn touches(&self, path: &[&str]) -> bool {
        self.changes
            .iter()
            .any(|c| c.path.len() >= path.len() && c.path.iter().zip(path).all(|(a, b)| a == b))
    }
}

/// Entry function a rubric scorer defines.
pub const SCORER_ENTRY: &str = "score";
/// Function a rubric scorer defines to say the most points it gives.
pub const SCORER_MAX: &str = "max_points";
/// Entry function a trigger script defines.
pub const TRIGGER_ENTRY: &str = "fires";

/// The overlay file of a sector folder.
pub const OVERLAY_FILE: &str = "sector.ron";

/// The files a policy set was read from, by the [`FileId`] their spans carry.
#[derive(Clone, Default)]
pub(crate) struct Sources {
    files: Vec<(String, Arc<SourceFile>)>,
}

impl Sources {
    fn add(&mut self, relative: &str, file: Arc<SourceFile>) -> FileId {
        self.files.push((relative.to_string(), file));
        (self.files.len() - 1) as FileId
    }

    /// The file behind an id.
    pub(crate) fn file(&self, id: FileId) -> &Arc<SourceFile> {
        &self.files[id as usize].1
    }

    /// A problem at a span.
    pub(crate) fn problem(&self, span: Span, message: impl Into<crate::message::Msg>) -> Problem {
        self.file(span.file)
            .problem_at(span.start as usize, span.len(), message)
    }

    /// 1-based line and column of a span's start.
    pub(crate) fn line_col(&self, span: Span) -> (usize, usize) {
        self.file(span.file).line_col(span.start as usize)
    }

    fn text(&self, span: Span) -> String {
        let text = &self.file(span.file).text;
        text.get(span.start as usize..span.end as usize)
            .unwrap_or("")
            .to_string()
    }

    /// A script path as written in file `named_in`, relative to the policy folder: resolved
    /// against the folder of the file that names it (`..` is kept, for the reader to refuse).
    pub(crate) fn resolve(&self, named_in: FileId, written: &str) -> String {
        if Path::new(written).is_absolute() {
            return written.to_string();
        }
        let relative = &self.files[named_in as usize].0;
        let folder = Path::new(relative).parent().unwrap_or(Path::new(""));
        folder.join(written).to_string_lossy().replace('\\', "/")
    }

    fn digest(&self) -> String {
        let mut files: Vec<&(String, Arc<SourceFile>)> = self.files.iter().collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let mut hash = Sha256::new();
        for (path, file) in files {
            hash.update(path.as_bytes());
            hash.update([0]);
            hash.update(file.text.as_bytes());
            hash.update([0]);
        }
        hex16(&hash.finalize())
    }
}

/// Where a checking pass puts what it finds.
pub(crate) struct Check<'a> {
    pub(crate) sources: &'a Sources,
    pub(crate) problems: &'a mut Problems,
}

impl Check<'_> {
    /// A problem at a span, with advice when there is some.
    pub(crate) fn at(&mut self, span: Span, message: impl Into<Msg>, help: Option<Msg>) {
        let mut p = self.sources.problem(span, message);
        if let Some(h) = help {
            p = p.with_help(h);
        }
        self.problems.push(p);
    }

    /// A problem when a number is NaN or infinite.
    pub(crate) fn finite(&mut self, n: &Spanned<f64>, what: &str) {
        if let Some(p) = finite(self.sources, n, what) {
            self.problems.push(p);
        }
    }
}

/// A problem when a number is NaN or infinite.
pub(crate) fn finite(sources: &Sources, n: &Spanned<f64>, what: &str) -> Option<Problem> {
    (!n.is_finite()).then(|| {
        sources
            .problem(
                n.span,
                Msg::new("policy-not-finite")
                    .arg("field", what)
                    .arg("found", n.value.to_string()),
            )
            .with_help(Msg::new("policy-not-finite-help"))
    })
}

/// The first 16 hex digits of a hash: enough to tell runs apart, short enough to read.
pub fn hex16(bytes: &[u8]) -> String {
    bytes.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// The overlay file as written: a name and one section per base file. The sections are merged
/// from the tree; they are listed here so that a misspelt section is refused with the list.
#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(rename = "Overlay", deny_unknown_fields)]
struct RawOverlay {
    zh: String,
    en: String,
    #[serde(default)]
    catalogue: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    rubric: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    triggers: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    credit: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    import: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    ledgers: Option<serde::de::IgnoredAny>,
}

/// The base files in the order they are checked; `import.ron` and `ledgers.ron` may be absent.
const BASE_FILES: [&str; 6] = [
    "catalogue",
    "rubric",
    "triggers",
    "credit",
    "import",
    "ledgers",
];

/// The base files that may be absent.
const OPTIONAL_FILES: [&str; 2] = ["import", "ledgers"];

/// The base files read and parsed (criteria numbered), ready for any sector's overlay.
#[derive(Clone)]
struct BaseTrees<'a> {
    loader: Loader<'a>,
    docs: [Option<Node>; 6],
}

impl<'a> BaseTrees<'a> {
    fn read(source: &'a PolicySource) -> Self {
        let mut loader = Loader {
            source,
            sources: Sources::default(),
            problems: Problems::default(),
            warnings: Problems::default(),
        };
        let mut docs: [Option<Node>; 6] = Default::default();
        for (doc, name) in docs.iter_mut().zip(BASE_FILES) {
            let relative = format!("base/{name}.ron");
            // Without import.ron no table can be imported, which the import then says; without
            // ledgers.ron no ledger gives facts.
            if OPTIONAL_FILES.contains(&name) && !source.exists(&relative) {
                continue;
            }
            *doc = loader.tree(&relative);
        }
        if let Some(rubric) = &mut docs[1] {
            merge::name_criteria(rubric);
        }
        Self { loader, docs }
    }
}

/// One load in progress: the files read so far and every problem found.
#[derive(Clone)]
struct Loader<'a> {
    source: &'a PolicySource,
    sources: Sources,
    problems: Problems,
    warnings: Problems,
}

impl Loader<'_> {
    /// Reads and parses one file; its problems are kept and `None` returned.
    fn tree(&mut self, relative: &str) -> Option<Node> {
        let file = match self.source.read(relative) {
            Ok(file) => Arc::new(file),
            Err(p) => {
                self.problems.push(p);
                return None;
            }
        };
        let id = self.sources.add(relative, file.clone());
        match tree::parse(&file.text, id) {
            Ok(node) => Some(node),
            Err(errors) => {
                for e in errors {
                    let mut p = self.sources.problem(e.span, e.message);
                    if let Some(first) = e.first {
                        let (line, col) = self.sources.line_col(first);
                        p = p.with_help(
                            Msg::new("policy-duplicate-first")
                                .arg("line", line)
                                .arg("col", col),
                        );
                    } else {
                        p = p.with_help(Msg::new("file-see-comments"));
                    }
                    self.problems.push(p);
                }
                None
            }
        }
    }

    /// Gives a merged tree its raw typed shape; a shape problem is kept and `None` returned.
    fn shape<T: for<'de> Deserialize<'de>>(&mut self, node: &Node) -> Option<T> {
        match de::from_node::<T>(node) {
            Ok(v) => Some(v),
            Err(e) => {
                let p = match e.span {
                    Some(span) => self.sources.problem(span, e.message),
                    None => self.sources.problem(node.span, e.message),
                };
                self.problems.push(p);
                None
            }
        }
    }

    /// Reads the overlay of `sector` and merges it onto the base trees.
    fn overlay(&mut self, sector: &str, docs: &mut [Option<Node>; 6]) -> Option<Overlay> {
        if !source::is_sector_id(sector) {
            let p = Problem::in_file(
                &self.source.display_path("sectors"),
                Msg::new("policy-not-sector-id").arg("sector", sector),
            );
            self.problems
                .push(p.with_help(Msg::new("policy-sector-id-help")));
            return None;
        }
        let relative = format!("sectors/{sector}/{OVERLAY_FILE}");
        if !self.source.exists(&relative) {
            let known = self.source.sectors();
            let help = if known.is_empty() {
                Msg::new("policy-no-sectors-yet").arg("sector", sector)
            } else {
                Msg::new("policy-known-sectors")
                    .arg("sectors", known)
                    .arg("sector", sector)
            };
            let p = Problem::in_file(
                &self.source.display_path("sectors"),
                Msg::new("policy-no-sector").arg("sector", sector),
            );
            self.problems.push(p.with_help(help));
            return None;
        }
        let node = self.tree(&relative)?;
        let file = self.sources.file(node.span.file).clone();
        let header: RawOverlay = self.shape(&node)?;
        let mut merged = merge::Merged::default();
        let sources = &self.sources;
        let text = |span: Span| sources.text(span);
        if let tree::Kind::Record { fields, .. } = &node.kind {
            for f in fields {
                let Some(at) = BASE_FILES.iter().position(|b| *b == f.name) else {
                    continue;
                };
                match &mut docs[at] {
                    Some(doc) => merge::merge(
                        doc,
                        &f.value,
                        std::slice::from_ref(&f.name),
                        &text,
                        &mut merged,
                    ),
                    None if f.name == "import" => merged.problems.push(merge::MergeProblem {
                        span: f.name_span,
                        message: Msg::new("policy-overlay-no-import"),
                        help: Some(Msg::new("policy-overlay-no-import-help")),
                    }),
                    None if f.name == "ledgers" => merged.problems.push(merge::MergeProblem {
                        span: f.name_span,
                        message: Msg::new("ledger-overlay-no-base"),
                        help: Some(Msg::new("ledger-overlay-no-base-help")),
                    }),
                    None => {}
                }
            }
        }
        for p in merged.problems {
            let mut problem = self.sources.problem(p.span, p.message);
            if let Some(help) = p.help {
                problem = problem.with_help(help);
            }
            self.problems.push(problem);
        }
        for u in merged.unchanged {
            let message = Msg::new("policy-overlay-unchanged").arg("path", u.path.join("."));
            let p = self.sources.problem(u.span, message);
            self.warnings
                .push(p.with_help(Msg::new("policy-overlay-unchanged-help")));
        }
        Some(Overlay {
            id: sector.to_string(),
            name: Text::new(header.zh, header.en),
            file,
            changes: merged.changes,
        })
    }
}

impl PolicySet {
    /// Loads the policy folder `root`: the base, with the sector overlay
    /// `root/sectors/<sector>/sector.ron` merged on when one is named.
    pub fn load(root: &Path, sector: Option<&str>) -> Result<PolicySet, Problems> {
        Self::load_from(&PolicySource::Folder(root.to_path_buf()), sector)
    }

    /// Loads policies from a folder or the embedded copy. Keeps going after a file fails, so
    /// one run reports every problem in every file.
    pub fn load_from(source: &PolicySource, sector: Option<&str>) -> Result<PolicySet, Problems> {
        Self::load_on(BaseTrees::read(source), sector)
    }

    /// Merges the sector overlay onto base trees already read, then checks and compiles.
    fn load_on(base: BaseTrees, sector: Option<&str>) -> Result<PolicySet, Problems> {
        let BaseTrees {
            loader: mut l,
            mut docs,
        } = base;
        let source = l.source;
        let overlay = sector.and_then(|s| l.overlay(s, &mut docs));
        if let Some(rubric) = &mut docs[1] {
            // Criteria of a list an overlay wrote out whole are numbered by their position too.
            merge::name_criteria(rubric);
        }
        let mut empty = Vec::new();
        for doc in docs.iter().flatten() {
            tree::empty_names(doc, &mut empty);
        }
        for (span, lang) in empty {
            let p = l
                .sources
                .problem(span, Msg::new("policy-name-empty").arg("lang", lang));
            l.warnings
                .push(p.with_help(Msg::new("policy-name-empty-help")));
        }
        let [catalogue, rubric, triggers, credit, import, ledgers] = docs;
        let catalogue = catalogue
            .and_then(|n| l.shape(&n))
            .map(|raw| catalogue::compile(raw, &l.sources, &mut l.problems));
        let rubric = rubric.and_then(|n| l.shape(&n)).map(|raw| {
            rubric::compile(
                raw,
                &l.sources,
                catalogue.as_ref(),
                &mut l.problems,
                &mut l.warnings.0,
            )
        });
        let triggers = triggers.and_then(|n| l.shape(&n)).map(|raw| {
            triggers::compile(
                raw,
                &l.sources,
                rubric.as_ref(),
                catalogue.as_ref(),
                &mut l.problems,
            )
        });
        let credit = credit.and_then(|n| l.shape(&n)).and_then(|raw| {
            credit::compile(
                raw,
                &l.sources,
                catalogue.as_ref(),
                &mut l.problems,
                &mut l.warnings.0,
            )
        });
        let import = match import {
            None if !source.exists("base/import.ron") => Some(import::ImportPolicy::default()),
            None => None,
            Some(n) => l
                .shape(&n)
                .and_then(|raw| import::compile(raw, &l.sources, credit.as_ref(), &mut l.problems)),
        };
        let ledgers = match ledgers {
            None if !source.exists("base/ledgers.ron") => Some(ledgers::Ledgers::default()),
            None => None,
            Some(n) => l.shape(&n).and_then(|raw| {
                ledgers::compile(
                    raw,
                    &l.sources,
                    catalogue.as_ref(),
                    credit.as_ref(),
                    &mut l.problems,
                )
            }),
        };
        if let Some(catalogue) = &catalogue {
            catalogue::lint_unused(
                catalogue,
                &l.sources,
                rubric.as_ref(),
                triggers.as_deref(),
                credit.as_ref(),
                &mut l.warnings,
            );
        }
        let engine = script::engine();
        let scripts = compile_scripts(&mut l, &engine, rubric.as_ref(), triggers.as_deref());
        let messages = messages::load(&mut l, overlay.as_ref().map(|o| o.id.as_str()));
        let templates = templates::load(&mut l, overlay.as_ref().map(|o| o.id.as_str()));
        let digest = l.sources.digest();
        let warnings = Problems(
            l.warnings
                .0
                .into_iter()
                .map(Problem::into_warning)
                .collect(),
        );
        let (
            Some(catalogue),
            Some(rubric),
            Some(triggers),
            Some(credit),
            Some(import),
            Some(ledgers),
            Some(messages),
            Some(templates),
        ) = (
            catalogue, rubric, triggers, credit, import, ledgers, messages, templates,
        )
        else {
            return Err(l.problems);
        };
        l.problems.into_result(PolicySet {
            root: source.root(),
            sector: sector.map(str::to_string),
            overlay,
            catalogue,
            rubric,
            triggers,
            credit,
            import,
            ledgers,
            scripts,
            engine,
            digest,
            warnings,
            messages,
            templates,
        })
    }

    /// A reason or warning worded by the policy's catalogue.
    pub(crate) fn word(&self, msg: &crate::message::Msg, lang: crate::text::Lang) -> String {
        self.messages.word(msg, lang)
    }

    /// A reason or warning worded in both languages.
    pub(crate) fn word_both(&self, msg: &crate::message::Msg) -> Text {
        use crate::text::Lang;
        Text::new(self.word(msg, Lang::Zh), self.word(msg, Lang::En))
    }

    /// The sector name for outputs (`base` when none).
    pub fn sector_name(&self) -> &str {
        self.sector.as_deref().unwrap_or("base")
    }

    /// SHA-256 of every file read, in path order (first 16 hex digits).
    pub fn digest(&self) -> &str {
        &self.digest
    }

    /// The policy folder (for the embedded policies, the name they show).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The lints of the set: valid, but probably not meant.
    pub fn warnings(&self) -> &Problems {
        &self.warnings
    }

    /// The compiled member credit rules.
    pub fn credit(&self) -> &credit::CreditPolicy {
        &self.credit
    }

    /// The compiled improvement triggers.
    pub fn triggers(&self) -> &[Trigger] {
        &self.triggers
    }
}

/// The sectors with an overlay under `root/sectors/`, sorted.
pub fn known_sectors(root: &Path) -> Vec<String> {
    PolicySource::Folder(root.to_path_buf()).sectors()
}

/// Checks the base alone and then with every sector overlay, as `cogov check` does without
/// `--sector`: a base edit that breaks a sector is reported with the sector it breaks.
/// Returns the warnings of every set, or every problem.
pub fn check_all(source: &PolicySource) -> Result<(PolicySet, Problems), Problems> {
    let mut problems = Problems::default();
    let mut warnings = Problems::default();
    // The base files are read and parsed once; each sector merges onto a copy.
    let trees = BaseTrees::read(source);
    let base = PolicySet::load_on(trees.clone(), None);
    for sector in source.sectors() {
        match PolicySet::load_on(trees.clone(), Some(&sector)) {
            Ok(set) => warnings.0.extend(set.warnings.0.into_iter().filter(|w| {
                !base.as_ref().is_ok_and(|b| {
                    b.warnings
                        .0
                        .iter()
                        .any(|bw| bw.to_string() == w.to_string())
                })
            })),
            Err(found) => {
                let overlay = source.display_path(&format!("sectors/{sector}/{OVERLAY_FILE}"));
                for p in found.0 {
                    let base_also = base
                        .as_ref()
                        .err()
                        .is_some_and(|b| b.0.iter().any(|bp| bp.to_string() == p.to_string()));
                    if base_also {
                        continue;
                    }
                    let note = Msg::new("policy-found-in-sector")
                        .arg("sector", &sector)
                        .arg("overlay", overlay.display().to_string())
                        .arg("base", source.display_path("base").display().to_string());
                    problems.push(p.with_note(note));
                }
            }
        }
    }
    match base {
        Ok(set) if problems.is_empty() => {
            let mut all = set.warnings.clone();
            all.0.extend(warnings.0);
            Ok((set, all))
        }
        Ok(_) => Err(problems),
        Err(mut found) => {
            found.0.extend(problems.0);
            Err(found)
        }
    }
}

/// Compiles every script a criterion or trigger names, once each, and checks each scorer's
/// scale. Script paths are relative to the policy folder, the key the evaluator uses.
fn compile_scripts(
    l: &mut Loader,
    engine: &rhai::Engine,
    rubric: Option<&Rubric>,
    triggers: Option<&[Trigger]>,
) -> BTreeMap<String, Script> {
    let mut scripts = BTreeMap::new();
    let mut wanted: Vec<(&str, Span, &'static str)> = Vec::new();
    for node in rubric.into_iter().flat_map(|r| r.nodes.iter()) {
        if let NodeKind::Indicator { criteria, .. } = &node.kind {
            for c in criteria {
                if let Rule::Script { file, file_at, .. } = &c.rule {
                    wanted.push((file, *file_at, SCORER_ENTRY));
                }
            }
        }
    }
    for t in triggers.into_iter().flatten() {
        if let Condition::Script { file, .. } = &t.when {
            wanted.push((file, t.when_at, TRIGGER_ENTRY));
        }
    }
    for (relative, at, entry) in wanted {
        if scripts.contains_key(relative) {
            continue;
        }
        let file = match l.source.read_script(relative) {
            Ok(file) => Arc::new(file),
            Err(why) => {
                let written = l.sources.text(at);
                let written = written.trim_matches('"');
                let p = l.sources.problem(
                    at,
                    Msg::new("policy-script-unusable")
                        .arg("script", written)
                        .arg("why", why),
                );
                l.problems.push(p.with_help(Msg::new("policy-script-help")));
                continue;
            }
        };
        l.sources.add(relative, file.clone());
        match script::compiled(engine, file, entry) {
            Ok(script) => {
                scripts.insert(relative.to_string(), script);
            }
            Err(p) => l.problems.push(p),
        }
    }
    for node in rubric.into_iter().flat_map(|r| r.nodes.iter()) {
        for c in rubric.map_or(&[][..], |r| r.criteria_of(node)) {
            if let Rule::Script { file, .. } = &c.rule
                && let Some(script) = scripts.get(file)
            {
                for p in probe(engine, &l.sources, script, &node.id, c) {
                    let (line, col) = l.sources.line_col(c.span);
                    let at = format!("{}:{line}:{col}", c.origin.path.display());
                    l.problems
                        .push(p.with_note(Msg::new("policy-criterion-at").arg("at", at)));
                }
            }
        }
    }
    scripts
}

/// Runs a scorer once on data that reports nothing, as `check` does for every scorer, and then
/// on each of its criterion's worked examples: a scorer that throws, returns something that is
/// not points with reasons within its scale, or gives an example other points than it says,
/// fails here rather than in an evaluation. Examples are in the scorer's scale: its
/// `max_points()` when it declares one (so a sector may weigh the criterion differently and
/// keep them), else the criterion's points.
fn probe(
    engine: &rhai::Engine,
    sources: &Sources,
    script: &Script,
    indicator: &str,
    c: &rubric::Criterion,
) -> Vec<Problem> {
    let Rule::Script {
        facts,
        evidence,
        params,
        examples,
        ..
    } = &c.rule
    else {
        return Vec::new();
    };
    let scale = script.scale.unwrap_or(c.points);
    let run = |example: Option<&rubric::Example>, doing: &Msg| -> Result<f64, Problem> {
        let given = |map: Option<&BTreeMap<String, crate::value::FactValue>>| {
            facts
                .iter()
                .map(|f| (f.clone(), map.and_then(|m| m.get(f).copied())))
                .collect()
        };
        let ctx = script::ScriptContext::new(script::ContextData {
            indicator: indicator.to_string(),
            max: scale,
            fact_order: facts.clone(),
            params: params.clone(),
            facts: given(example.map(|e| &e.facts)),
            previous_facts: given(example.map(|e| &e.previous)),
            evidence: evidence
                .iter()
                .map(|k| {
                    let n = example
                        .and_then(|e| e.evidence.get(k))
                        .copied()
                        .unwrap_or(0);
                    (k.clone(), (1..=n).map(|i| format!("example-{i}")).collect())
                })
                .collect(),
            ..Default::default()
        });
        let value = script.call(engine, SCORER_ENTRY, ctx, doing.clone())?;
        Ok(script::scored(script, value, scale, doing.clone())?.points)
    };
    let mut problems = Vec::new();
    let doing = Msg::new("script-doing-probe").arg("criterion", &c.id);
    if let Err(p) = run(None, &doing) {
        // The examples would only repeat it.
        return vec![p];
    }
    for (n, (example, at)) in examples.iter().enumerate() {
        let doing = Msg::new("script-doing-example")
            .arg("n", n + 1)
            .arg("criterion", &c.id);
        match run(Some(example), &doing) {
            Ok(points) if (points - example.points).abs() > 0.005 => {
                let message = Msg::new("policy-example-points")
                    .arg("n", n + 1)
                    .arg("criterion", &c.id)
                    .arg("expected", crate::value::num(example.points))
                    .arg("got", crate::value::num(points));
                problems.push(sources.problem(*at, message));
            }
            Ok(_) => {}
            Err(p) => problems.push(p),
        }
    }
    problems
}
