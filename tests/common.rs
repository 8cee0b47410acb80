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
        cogov::replay::copy_dir(&policies(), dir.path()).expect("copy policies");
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

/// Runs the cogov binary from the project root.
pub fn cogov(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cogov"))
        .args(args)
        .current_dir(root())
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
