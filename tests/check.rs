//! `cogov check` validates the whole policy set and reports every problem with file and line.

use crate::common::{Scratch, cogov, stderr, stdout};

#[test]
fn the_shipped_policies_are_valid() {
    let out = cogov(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("22 个指标"), "{}", stdout(&out));
}

#[test]
fn a_broken_ron_file_a_broken_script_and_a_mis_summed_branch_are_all_reported() {
    let scratch = Scratch::copy_of_shipped();
    // RON syntax: a missing comma after a field.
    scratch.edit(
        "base/triggers.ron",
        "clause: \"7.4 b\",",
        "clause: \"7.4 b\"",
    );
    // Rhai syntax: an unclosed call.
    scratch.edit(
        "base/scorers/satisfaction.rhai",
        "let rate = ctx.fact(\"satisfaction_rate\");",
        "let rate = ctx.fact(\"satisfaction_rate\";",
    );
    // Points: C1 raised to 5 while B1 still says 8.
    scratch.edit(
        "base/rubric.ron",
        "Indicator(id: \"C1\", zh: \"工作机构\", en: \"Working body\", points: 4,",
        "Indicator(id: \"C1\", zh: \"工作机构\", en: \"Working body\", points: 5,",
    );

    let out = cogov(&[
        "check",
        "--lang",
        "en",
        "--policies",
        scratch.path().to_str().unwrap(),
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("base/triggers.ron:19:7"),
        "RON error with line: {err}"
    );
    assert!(
        err.contains("base/scorers/satisfaction.rhai:8:44"),
        "Rhai error with line: {err}"
    );
    assert!(
        err.contains("the children of `B1` add up to 9, but `B1` has 8 points"),
        "{err}"
    );
    assert!(
        err.contains("the criteria of `C1` add up to 4, but `C1` has 5 points"),
        "{err}"
    );
}

#[test]
fn unknown_evidence_kinds_facts_and_trigger_targets_are_named() {
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "base/rubric.ron",
        "Evidence(kind: \"appointment_document\", points: 2)",
        "Evidence(kind: \"appointment_doc\", points: 2)",
    );
    scratch.edit(
        "base/rubric.ron",
        "Fact(key: \"duties_assigned\", points: 1)",
        "Fact(key: \"trainees\", points: 1)",
    );
    scratch.edit(
        "base/triggers.ron",
        "targets: Only([\"C17\"])",
        "targets: Only([\"C71\"])",
    );

    let out = cogov(&[
        "check",
        "--lang",
        "en",
        "--policies",
        scratch.path().to_str().unwrap(),
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "names the evidence kind `appointment_doc`, which the catalogue does not declare"
        ),
        "{err}"
    );
    assert!(
        err.contains("did you mean `appointment_document`?"),
        "{err}"
    );
    assert!(
        err.contains("needs a yes/no fact, but `trainees` is a whole number"),
        "{err}"
    );
    assert!(
        err.contains("targets `C71`, which is not an indicator"),
        "{err}"
    );
    assert!(err.contains("3 problems found"), "{err}");
}

#[test]
fn completions_for_every_shell_and_a_man_page_name_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = cogov(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        for command in ["check", "eval", "explain", "archive", "diff"] {
            assert!(script.contains(command), "{shell} completes `{command}`");
        }
    }
    let out = cogov(&["completions", "tcsh"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown shell is a usage error"
    );
    let page = stdout(&cogov(&["man"]));
    assert!(
        page.starts_with(".ie") && page.contains(".TH cogov 1"),
        "{page}"
    );
    assert!(page.contains("check") && page.contains("archive"), "{page}");
}
