//! Where policies come from: a policy folder, or the copy of the shipped `policies/` embedded
//! in the binary, so an installed or copied `cogov` works anywhere.
//!
//! Files are read as UTF-8 text with or without a byte-order mark. A script is read only when
//! it is a regular file inside the policy folder (no symlink out of it, no device, no FIFO) and
//! no larger than [`MAX_SCRIPT_BYTES`]; anything else is refused with the reason, never read.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::{Problem, SourceFile, cannot_read, io_reason};
use crate::message::Msg;

/// The largest script read (scorers are a few hundred bytes).
pub const MAX_SCRIPT_BYTES: u64 = 256 * 1024;
/// The largest policy file read.
const MAX_POLICY_BYTES: u64 = 8 * 1024 * 1024;

/// The environment variable naming the policy folder when `--policies` is not given.
pub const POLICIES_ENV: &str = "COGOV_POLICIES";

/// The shipped policies, `(path relative to policies/, text)`, embedded at build time.
const EMBEDDED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_policies.rs"));

/// A source of policy files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PolicySource {
    /// A policy folder (`base/`, `sectors/`).
    Folder(PathBuf),
    /// The shipped policies embedded in the binary.
    Embedded,
}

impl PolicySource {
    /// The policies to use: `--policies` when given, else `$COGOV_POLICIES`, else `./policies`
    /// when it holds a base, else the embedded copy.
    pub fn find(given: Option<&Path>) -> Self {
        if let Some(dir) = given {
            return Self::Folder(dir.to_path_buf());
        }
        if let Some(dir) = std::env::var_os(POLICIES_ENV).filter(|d| !d.is_empty()) {
            return Self::Folder(PathBuf::from(dir));
        }
        let here = PathBuf::from("policies");
        if here.join("base/rubric.ron").is_file() {
            return Self::Folder(here);
        }
        Self::Embedded
    }

    /// The folder, or the name the embedded policies go by in messages.
    pub fn root(&self) -> PathBuf {
        match self {
            Self::Folder(dir) => dir.clone(),
            Self::Embedded => PathBuf::from("<内置>/policies"),
        }
    }

    /// A path as shown in messages.
    pub fn display_path(&self, relative: &str) -> PathBuf {
        self.root().join(relative)
    }

    /// True when the file exists.
    pub fn exists(&self, relative: &str) -> bool {
        match self {
            Self::Folder(dir) => dir.join(relative).is_file(),
            Self::Embedded => EMBEDDED.iter().any(|(p, _)| *p == relative),
        }
    }

    /// The sectors with an overlay, sorted.
    pub fn sectors(&self) -> Vec<String> {
        let mut names: Vec<String> = match self {
            Self::Folder(dir) => std::fs::read_dir(dir.join("sectors"))
                .into_iter()
                .flatten()
                .flatten()
                .filter(|e| e.path().join(super::OVERLAY_FILE).is_file())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect(),
            Self::Embedded => EMBEDDED
                .iter()
                .filter_map(|(p, _)| p.strip_prefix("sectors/")?.strip_suffix("/sector.ron"))
                .map(str::to_string)
                .collect(),
        };
        names.sort();
        names
    }

    /// The files inside `folder` and its subfolders, relative to the policy folder, sorted
    /// (none when the folder is absent).
    pub fn files_under(&self, folder: &str) -> Vec<String> {
        let prefix = format!("{}/", folder.trim_end_matches('/'));
        let mut files: Vec<String> = match self {
            Self::Embedded => EMBEDDED
                .iter()
                .filter(|(p, _)| p.starts_with(&prefix))
                .map(|(p, _)| p.to_string())
                .collect(),
            Self::Folder(dir) => {
                let mut found = Vec::new();
                let mut stack = vec![prefix.clone()];
                while let Some(relative) = stack.pop() {
                    let Ok(entries) = std::fs::read_dir(dir.join(&relative)) else {
                        continue;
                    };
                    for entry in entries.flatten() {
                        let name = entry.file_name().to_string_lossy().into_owned();
                        let path = format!("{relative}{name}");
                        match entry.file_type() {
                            Ok(t) if t.is_dir() => stack.push(format!("{path}/")),
                            Ok(_) => found.push(path),
                            Err(_) => {}
                        }
                    }
                }
                found
            }
        };
        files.sort();
        files
    }

    /// Reads a policy file; a missing, unreadable or non-UTF-8 file is a problem naming it.
    pub fn read(&self, relative: &str) -> Result<SourceFile, Problem> {
        let path = self.display_path(relative);
        match self {
            Self::Embedded => EMBEDDED
                .iter()
                .find(|(p, _)| *p == relative)
                .map(|(_, text)| SourceFile::new(&path, *text))
                .ok_or_else(|| Problem::in_file(&path, Msg::new("policy-embedded-missing"))),
            Self::Folder(dir) => {
                let bytes = read_bounded(&dir.join(relative), MAX_POLICY_BYTES)
                    .map_err(|why| Problem::in_file(&path, cannot_read(why)))?;
                SourceFile::decode(&path, bytes)
            }
        }
    }

    /// Reads a script named by a policy, refusing what is not a regular UTF-8 file inside the
    /// policy folder; the error says why, for the editor.
    pub fn read_script(&self, relative: &str) -> Result<SourceFile, Msg> {
        let inside = Path::new(relative)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        if !inside {
            return Err(Msg::new("policy-script-outside"));
        }
        let path = self.display_path(relative);
        let missing = || Msg::new("policy-script-missing");
        let Self::Folder(dir) = self else {
            return self.read(relative).map_err(|_| missing());
        };
        let full = dir.join(relative);
        let meta = std::fs::symlink_metadata(&full).map_err(|_| missing())?;
        if meta.file_type().is_symlink() {
            let target =
                std::fs::canonicalize(&full).map_err(|_| Msg::new("policy-script-dangling"))?;
            let root = std::fs::canonicalize(dir).map_err(|e| io_reason(&e))?;
            if !target.starts_with(&root) {
                return Err(
                    Msg::new("policy-script-link-out").arg("target", target.display().to_string())
                );
            }
        }
        let meta = std::fs::metadata(&full).map_err(|_| missing())?;
        if !meta.is_file() {
            return Err(Msg::new("policy-script-not-file"));
        }
        if meta.len() > MAX_SCRIPT_BYTES {
            return Err(Msg::new("policy-script-too-large")
                .arg("size", meta.len())
                .arg("limit", MAX_SCRIPT_BYTES));
        }
        let bytes = read_bounded(&full, MAX_SCRIPT_BYTES)?;
        SourceFile::decode(&path, bytes).map_err(|p| {
            let mut m = Msg::new("policy-script-undecodable").arg("why", p.msg().clone());
            if let Some(help) = p.help().first() {
                m = m.arg("help", help.clone());
            }
            m
        })
    }
}

/// Reads at most `limit` bytes; a longer file is refused rather than read without end.
fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, Msg> {
    let meta = std::fs::metadata(path).map_err(|e| io_reason(&e))?;
    if !meta.is_file() {
        return Err(Msg::new("policy-file-not-regular"));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > limit {
        return Err(Msg::new("policy-file-too-large").arg("limit", limit));
    }
    Ok(bytes)
}

/// True for a sector id: lower-case letters, digits and hyphens, not starting with a hyphen
/// (so an id can never reach outside `sectors/`).
pub fn is_sector_id(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !name.starts_with('-')
}

/// A new overlay that changes nothing, with every kind of change shown in comments.
pub fn overlay_template(sector: &str) -> String {
    format!(
        r#"// {sector} — sector overlay on policies/base/. It changes nothing yet.
//
// Write here only what differs for this sector, and say why in a comment: a fix to the base
// reaches every sector, so never copy the base. `cogov check --sector {sector}` validates the
// merged rules; `cogov show --sector {sector}` prints them with every change this file makes.
//
// Each section has the shape of its base file and holds only what differs. Records and maps
// merge field by field; a list written out replaces the base's; a list of items with ids is
// changed with (add: [...], change: {{"id": (...)}}, remove: [("id", "why")]), and `change` and
// `remove` find an indicator or criterion wherever it is in the tree. A removal needs a reason.
Overlay(
  zh: "{sector}", en: "{sector}",
  // catalogue: (evidence: {{"kind_id": (zh: "…", en: "…")}}, facts: {{"fact_id": (kind: Count, zh: "…", en: "…")}}),
  //
  // rubric: (levels: (
  //   change: {{
  //     "B5": (points: 25),
  //     "C11": (points: 6, criteria: (add: [Evidence(kind: "…", points: 1)])),
  //     "C16": (criteria: (remove: [("C16.3", "…")])),
  //   }},
  // )),
  //
  // triggers: (change: {{"unmet": (when: Below(share: 0.5), action: (zh: "…", en: "…"))}}),
  //
  // credit: (
  //   events: {{"sampling_fail": (points: ByLevel({{"critical": -30}}))}},
  //   vetoes: (add: [(id: "class-a", kind: "sampling_fail", item_class: "A", best: "B", zh: "…", en: "…")],
  //            remove: [("penalty", "…")]),
  // ),
  //
  // import: (tables: (change: {{"Sampling": (verdicts: {{"合格（复检）": "sampling_pass"}})}})),
)
"#
    )
}
