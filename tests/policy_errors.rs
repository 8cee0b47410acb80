//! A corpus of broken policy sets, one file each under `policy_errors/`: every input copies the
//! shipped policies, applies its edits and is checked as `cogov check` would (one sector, or
//! the base and every sector); the rendered diagnostics, in Chinese and then in English, are
//! its snapshot. Error cases are ordinary inputs named `err_*`, so a new one is a file, not a
//! test function.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::common::Scratch;

/// One broken set: edits on a copy of the shipped policies.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// The sector to check; none checks the base and every sector.
    #[serde(default)]
    sector: Option<String>,
    /// `(file, text, replacement)`: the first occurrence of `text` is replaced.
    #[serde(default)]
    edits: Vec<(String, String, String)>,
    /// Files written whole.
    #[serde(default)]
    files: BTreeMap<String, String>,
}

fn check(case: &Case) -> String {
    let scratch = Scratch::copy_of_shipped();
    for (file, from, to) in &case.edits {
        scratch.edit(file, from, to);
    }
    for (file, text) in &case.files {
        scratch.write(file, text);
    }
    let source = cogov::PolicySource::Folder(scratch.path().to_path_buf());
    let result = match &case.sector {
        Some(sector) => {
            cogov::PolicySet::load_from(&source, Some(sector)).map(|s| s.warnings().clone())
        }
        None => cogov::check_all(&source).map(|(_, w)| w),
    };
    // Chinese first, as the association's staff read it, then English.
    let rendered = match result {
        Ok(warnings) if warnings.is_empty() => "ok\n".to_string(),
        Ok(warnings) | Err(warnings) => format!(
            "{}---- en ----\n{}",
            warnings.render_plain(cogov::Lang::Zh),
            warnings.render_plain(cogov::Lang::En)
        ),
    };
    let root = format!("{}/", scratch.path().display());
    rendered.replace(&root, "policies/")
}

#[test]
fn every_broken_policy_set_is_reported_where_it_is_broken() {
    let mut mixed = Vec::new();
    insta::glob!("policy_errors/err_*.ron", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let case: Case = ron::from_str(&text).expect("a case file");
        let rendered = check(&case);
        assert!(rendered != "ok\n", "{} should not pass", path.display());
        let (zh, en) = rendered
            .split_once("---- en ----\n")
            .expect("two renderings");
        if let Some(why) = crate::diagnostics::mixed_language(zh, en) {
            mixed.push(format!("{}: {why}", path.display()));
        }
        insta::with_settings!({filters => vec![(r"\b[0-9a-f]{16}\b", "[digest]")]}, {
            insta::assert_snapshot!(rendered);
        });
    });
    assert!(mixed.is_empty(), "{}", mixed.join("\n\n"));
}
