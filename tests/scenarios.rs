//! Every scenario under scenarios/ replays into its own snapshot; scenarios whose data has
//! errors render the problems into the snapshot rather than failing the test. Digests are
//! masked, so a snapshot changes only when a scenario's results change, not whenever any
//! shipped policy file is touched.

#[test]
fn every_scenario_replays_as_its_snapshot() {
    insta::glob!("../scenarios", "*/scenario.ron", |path| {
        let replay = cogov::replay(path, cogov::Lang::Zh).expect("scenario file loads");
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/");
        insta::with_settings!({filters => vec![(r"\b[0-9a-f]{16}\b", "[digest]")]}, {
            insta::assert_snapshot!(replay.transcript.replace(root, ""));
        });
    });
}

use crate::common::{Scratch, cogov, cogov_command, root};

/// `cogov test` over a scratch folder of policies, from the project root.
fn cogov_test(args: &[&str]) -> std::process::Output {
    cogov_command()
        .arg("test")
        .args(args)
        .output()
        .expect("run cogov test")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn every_shipped_scenario_meets_its_expectations_under_cogov_test() {
    let out = cogov(&["test", "--lang", "en"]);
    let report = text(&out.stdout);
    assert!(
        out.status.success(),
        "cogov test failed:\n{report}{}",
        text(&out.stderr)
    );
    let scenarios = std::fs::read_dir(root().join("scenarios")).unwrap().count();
    assert_eq!(report.matches("✓ ").count(), scenarios, "{report}");
    assert!(
        report.contains(&format!("{scenarios} scenarios passed, 0 failed")),
        "{report}"
    );
}

#[test]
fn every_shipped_scenario_has_expectations() {
    for entry in std::fs::read_dir(root().join("scenarios")).unwrap() {
        let path = entry.unwrap().path().join("scenario.ron");
        let replay = cogov::replay(&path, cogov::Lang::En).expect("scenario loads");
        assert!(
            replay.checks.len() >= 3,
            "{} pins too little: {} expectations",
            path.display(),
            replay.checks.len()
        );
        assert!(replay.passed(), "{}", path.display());
    }
}

#[test]
fn replay_exits_0_when_the_failures_are_the_expected_ones() {
    for scenario in ["data-errors", "messy-import", "rubric-revision"] {
        let out = cogov(&["replay", &format!("scenarios/{scenario}")]);
        assert!(out.status.success(), "{scenario}: {}", text(&out.stderr));
    }
}

#[test]
fn a_one_point_rubric_change_fails_naming_scenario_expectation_values_and_criterion() {
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "base/rubric.ron",
        r#"Evidence(id: "C20.1", kind: "media_report", at_least: 1, points: 2),"#,
        r#"Evidence(id: "C20.1", kind: "media_report", at_least: 1, points: 1),"#,
    );
    scratch.edit(
        "base/rubric.ron",
        r#"Evidence(id: "C20.2", kind: "media_report", at_least: 3, points: 1),"#,
        r#"Evidence(id: "C20.2", kind: "media_report", at_least: 3, points: 2),"#,
    );
    let policies = scratch.path().display().to_string();
    let out = cogov_test(&["--lang", "en", "--policies", &policies]);
    let report = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{report}");
    let failed = report
        .lines()
        .find(|l| l.starts_with("✗ rubric-revision"))
        .unwrap_or_else(|| panic!("rubric-revision should fail:\n{report}"));
    assert!(failed.contains("not met"), "{failed}");
    assert!(
        report.contains("✗ step 2 (expect)  indicator C20 (Social influence) score"),
        "{report}"
    );
    assert!(report.contains("expected: 2"), "{report}");
    assert!(report.contains("found:    1"), "{report}");
    assert!(
        report.contains("C20.1 1/1: Positive media report"),
        "{report}"
    );
}

#[test]
fn an_unknown_indicator_or_member_in_an_expectation_is_a_problem_in_scenario_ron() {
    let dir = tempfile::tempdir().unwrap();
    let data = root().join("scenarios/well-run-association/2024.ron");
    std::fs::copy(&data, dir.path().join("2024.ron")).unwrap();
    let scenario = dir.path().join("scenario.ron");
    std::fs::write(
        &scenario,
        r#"Scenario(
  title: "unknown ids",
  steps: [
    Eval(data: "2024.ron"),
    Expect(
      total: 96.5,
      indicators: {"C99": 1},
      members: {"91440604MA4W00001Y": (score: 100)},
    ),
  ],
)
"#,
    )
    .unwrap();
    let replay = cogov::replay(&scenario, cogov::Lang::En).expect("scenario loads");
    assert!(!replay.passed());
    let located: Vec<String> = replay.problems.0.iter().map(|p| p.location()).collect();
    let file = scenario.display().to_string();
    assert_eq!(located, [format!("{file}:7:20"), format!("{file}:8:17")]);
    assert_eq!(replay.problems.0[0].msg().code, "test-unknown-indicator");
    assert_eq!(replay.problems.0[1].msg().code, "test-unknown-member");
}

#[test]
fn an_expected_failure_that_does_not_happen_fails_the_expectation() {
    let dir = tempfile::tempdir().unwrap();
    let data = root().join("scenarios/well-run-association/2024.ron");
    std::fs::copy(&data, dir.path().join("2024.ron")).unwrap();
    let scenario = dir.path().join("scenario.ron");
    std::fs::write(
        &scenario,
        r#"Scenario(
  title: "expects a failure",
  steps: [
    Eval(data: "2024.ron"),
    Expect(fails: [(code: "data-evidence-outside-period", at: "2024.ron:12:5")]),
  ],
)
"#,
    )
    .unwrap();
    let replay = cogov::replay(&scenario, cogov::Lang::En).expect("scenario loads");
    let failed: Vec<&cogov::Check> = replay.failures().collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(
        failed[0].expected,
        "data-evidence-outside-period @ 2024.ron:12:5"
    );
    assert_eq!(failed[0].found, "no problems");
}

#[test]
fn junit_has_a_suite_per_scenario_and_a_case_per_expectation() {
    let out = cogov_test(&["scenarios/well-run-association", "--format", "junit"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let xml = text(&out.stdout);
    assert!(
        xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
        "{xml}"
    );
    assert_eq!(xml.matches("<testsuite ").count(), 1, "{xml}");
    let cases = xml.matches("<testcase ").count();
    assert!(
        xml.contains(&format!("tests=\"{cases}\" failures=\"0\"")),
        "{xml}"
    );
}

#[test]
fn coverage_reports_every_rule_kind_and_the_rules_never_exercised() {
    let dir = tempfile::tempdir().unwrap();
    let annotated = dir.path().display().to_string();
    let out = cogov_test(&["--coverage", "--lang", "en", "--annotate", &annotated]);
    let report = text(&out.stdout);
    assert!(out.status.success(), "{report}{}", text(&out.stderr));
    for kind in [
        "Criteria",
        "Credit event kinds",
        "Vetoes",
        "Sector credit warnings",
        "All",
    ] {
        assert!(report.contains(kind), "{kind} missing:\n{report}");
    }
    assert!(report.contains("ceramics (Ceramics)"), "{report}");
    let rubric = std::fs::read_to_string(dir.path().join("base/rubric.ron")).unwrap();
    assert!(rubric.contains("// ✓ C1.1"), "{rubric}");
    let json = cogov_test(&["--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["schema"], "cogov.coverage/1");
    let too_high = cogov_test(&["--coverage", "--threshold", "100"]);
    assert_eq!(too_high.status.code(), Some(1));
}

#[test]
fn init_test_scaffolds_a_scenario_that_passes_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let data = root().join("scenarios/rubric-revision/2024.ron");
    let policies = root().join("policies");
    let out = cogov_command()
        .current_dir(dir.path())
        .args(["init", "--test", "furniture-2024"])
        .arg(&data)
        .arg("--policies")
        .arg(&policies)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let folder = dir.path().join("scenarios/furniture-2024");
    let written = std::fs::read_to_string(folder.join("scenario.ron")).unwrap();
    assert!(written.contains("Trim it"), "{written}");
    assert!(written.contains("\"C20\": 2,"), "{written}");
    assert!(folder.join("2024.ron").is_file());
    let out = cogov_command()
        .current_dir(dir.path())
        .arg("test")
        .arg("--policies")
        .arg(&policies)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stdout));
}

#[test]
fn a_folder_without_scenarios_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = cogov_test(&[&dir.path().display().to_string()]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}
