//! A corpus of broken inputs beyond the policies — data files, tables, usage — each run as a
//! user runs it, in Chinese and in English; the two renderings are its snapshot. Every
//! rendering is also checked for the other language leaking in: no English sentence in the
//! Chinese, no Chinese in the English other than what is quoted from the data.
//!
//! A case is a file `diagnostics/err_*.ron`: the command line, files written into an empty
//! folder (or copied from the project, then edited), and the folder is where it runs.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::common::{cogov_command, root};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// The command line after `cogov`.
    args: Vec<String>,
    /// Files written whole.
    #[serde(default)]
    files: BTreeMap<String, String>,
    /// Files copied from the project: `name: "path/in/project"`.
    #[serde(default)]
    copy: BTreeMap<String, String>,
    /// `(file, text, replacement)` applied after copying.
    #[serde(default)]
    edits: Vec<(String, String, String)>,
    /// Files written in another encoding than UTF-8: `name: "utf-16le" | "gbk"`.
    #[serde(default)]
    encoding: BTreeMap<String, String>,
}

fn run(case: &Case, dir: &Path, lang: &str) -> String {
    let out = cogov_command()
        .current_dir(dir)
        .args(&case.args)
        .env("COGOV_LANG", lang)
        .output()
        .expect("run cogov");
    let err = String::from_utf8_lossy(&out.stderr).replace(&format!("{}/", dir.display()), "");
    format!("exit {}\n{err}", out.status.code().unwrap_or(-1))
}

fn prepare(case: &Case, dir: &Path) {
    for (name, from) in &case.copy {
        std::fs::copy(root().join(from), dir.join(name)).expect("copy a project file");
    }
    for (name, text) in &case.files {
        let bytes = match case.encoding.get(name).map(String::as_str) {
            None => text.as_bytes().to_vec(),
            Some("utf-16le") => {
                let mut b = vec![0xff, 0xfe];
                b.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
                b
            }
            Some("gbk") => encoding_rs::GBK.encode(text).0.into_owned(),
            Some(other) => panic!("unknown encoding {other}"),
        };
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    for (name, from, to) in &case.edits {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains(from.as_str()),
            "{name} does not contain {from:?}"
        );
        std::fs::write(&path, text.replacen(from.as_str(), to, 1)).unwrap();
    }
}

/// Lines miette draws from the source (the quoted file), which hold the data's own text.
fn is_snippet(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('│')
        || t.starts_with('·')
        || t.starts_with('╭')
        || t.starts_with('╰')
        || t.split_once('│')
            .is_some_and(|(n, _)| n.trim().chars().all(|c| c.is_ascii_digit()))
}

/// The words of a rendering that belong to the message: snippets, the location before the
/// first `: ` of a headline, backticked quotes and file paths taken out.
fn own_words(rendering: &str) -> String {
    let mut out = String::new();
    // Usage lines are command syntax, not sentences.
    let syntax = |l: &str| l.starts_with("用法：") || l.starts_with("Usage:");
    for line in rendering.lines().filter(|l| !is_snippet(l) && !syntax(l)) {
        let mut line = line.trim_start().to_string();
        for mark in ["× ", "⚠ ", "help: ", "帮助："] {
            if let Some(rest) = line.strip_prefix(mark) {
                line = rest.to_string();
                if mark == "× " || mark == "⚠ " {
                    // The location: `path:line:col: ` (paths may hold Chinese file names).
                    if let Some((_, message)) = line.split_once(": ") {
                        line = message.to_string();
                    }
                }
            }
        }
        let mut quoted = false;
        for c in line.chars() {
            // Backticks quote what the user wrote; serde quotes found strings in double quotes.
            if c == '`' || c == '"' {
                quoted = !quoted;
                out.push(' ');
            } else if !quoted {
                out.push(c);
            }
        }
        out.push('\n');
    }
    out.split_whitespace()
        .filter(|w| {
            !w.contains('/')
                && !w.contains(".ron")
                && !w.contains(".csv")
                && !w.contains(".xlsx")
                && !w.contains(".json")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Why a pair of renderings is not each in one language: three English words in a row in the
/// Chinese, or a Chinese character outside quotes in the English.
pub fn mixed_language(zh: &str, en: &str) -> Option<String> {
    let mut run = 0;
    for w in own_words(zh).split_whitespace() {
        let w = w.trim_matches(|c: char| c.is_ascii_punctuation());
        if !w.is_empty() && w.chars().all(|c| c.is_ascii_alphabetic()) {
            run += 1;
            if run == 3 {
                return Some(format!(
                    "English in the Chinese rendering near `{w}`:\n{zh}"
                ));
            }
        } else {
            run = 0;
        }
    }
    let words = own_words(en);
    let is_cjk = |c: char| matches!(c as u32, 0x3000..=0x30ff | 0x4e00..=0x9fff | 0xff00..=0xffef);
    let cjk = words.chars().find(|c| is_cjk(*c))?;
    Some(format!("Chinese `{cjk}` in the English rendering:\n{en}"))
}

#[test]
fn every_broken_input_is_reported_in_chinese_and_in_english() {
    let mut mixed = Vec::new();
    insta::glob!("diagnostics/err_*.ron", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let case: Case = ron::from_str(&text).expect("a case file");
        let dir = tempfile::tempdir().unwrap();
        prepare(&case, dir.path());
        let zh = run(&case, dir.path(), "zh");
        let en = run(&case, dir.path(), "en");
        assert!(
            !zh.starts_with("exit 0"),
            "{} should fail:\n{zh}",
            path.display()
        );
        if let Some(why) = mixed_language(&zh, &en) {
            mixed.push(format!("{}: {why}", path.display()));
        }
        insta::assert_snapshot!(format!("---- zh ----\n{zh}---- en ----\n{en}"));
    });
    assert!(mixed.is_empty(), "{}", mixed.join("\n\n"));
}
