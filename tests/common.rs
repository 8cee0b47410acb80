//! Helpers shared by the tests: paths to the shipped files, a scratch copy of the policies,
//! and running the `cogov` binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped policy folder.
pub fn policies() -> PathBuf {
    root().join("policies")
}

/// A scenario data file.
pub fn scenario(path: &str) -> PathBuf {
    root().join("scenarios").join(path)
}

/// A private copy of the shipped policies, removed when dropped.
pub struct Scratch {
    pub dir: tempfile::TempDir,
}

impl Scratch {
    pub fn copy_of_shipped() -> Scratch {
        let dir = tempfile::tempdir().expect("temp dir");
        cogov::copy_dir(&policies(), dir.path()).expect("copy policies");
        Scratch { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Replaces the first `from` in a policy file with `to`; panics if `from` is absent.
    pub fn edit(&self, file: &str, from: &str, to: &str) {
        let path = self.path().join(file);
        let text = std::fs::read_to_string(&path).expect("read policy");
        assert!(text.contains(from), "{file} does not contain {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write policy");
    }

    pub fn write(&self, file: &str, text: &str) {
        let path = self.path().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// The cogov binary, run from the project root with no language chosen by the environment
/// (the tester's locale must not change what the tests read).
pub fn cogov_command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cogov"));
    command.current_dir(root());
    for var in ["COGOV_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "COLUMNS"] {
        command.env_remove(var);
    }
    command
}

/// Runs the cogov binary from the project root.
pub fn cogov(args: &[&str]) -> Output {
    cogov_command().args(args).output().expect("run cogov")
}

/// Runs the cogov binary on a terminal wide enough that no line wraps: for tests that read
/// what a line says, not how it is laid out (the terminal tests check that).
pub fn cogov_wide(args: &[&str]) -> Output {
    cogov_command()
        .args(args)
        .env("COLUMNS", "1000")
        .output()
        .expect("run cogov")
}

/// Standard output as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The revision of the rubric-revision scenario: one point moves from C20 (its six-report
/// step) to C21 (typical cases). B8 keeps its 7 points, so the set stays valid.
pub fn move_a_point_from_c20_to_c21(scratch: &Scratch) {
    let rubric = "base/rubric.ron";
    scratch.edit(
        rubric,
        "Indicator(id: \"C20\", zh: \"社会影响力\", en: \"Social influence\", points: 4,",
        "Indicator(id: \"C20\", zh: \"社会影响力\", en: \"Social influence\", points: 3,",
    );
    scratch.edit(
        rubric,
        "Evidence(id: \"C20.3\", kind: \"media_report\", at_least: 6, points: 1),",
        "// C20.3 moved to C21.2",
    );
    scratch.edit(
        rubric,
        "Indicator(id: \"C21\", zh: \"业内推广\", en: \"Promotion in the sector\", points: 3,",
        "Indicator(id: \"C21\", zh: \"业内推广\", en: \"Promotion in the sector\", points: 4,",
    );
    scratch.edit(
        rubric,
        "Evidence(kind: \"typical_case\", points: 1),",
        "Evidence(kind: \"typical_case\", points: 2),",
    );
}

/// Evaluates a data file under a policy folder, as `cogov eval` would.
pub fn evaluate_under(policies: &Path, data: &Path) -> (cogov::PolicySet, cogov::Outcome) {
    let set = cogov::PolicySet::load(policies, None).expect("valid policies");
    let dataset = cogov::Dataset::load(data, &set).expect("valid data");
    let outcome = cogov::evaluate(&set, &dataset, None).expect("evaluates");
    (set, outcome)
}
