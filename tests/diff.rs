//! `cogov diff`: what a rubric revision changes, for every dataset, before it is published.

use crate::common::{Scratch, cogov, move_a_point_from_c20_to_c21, stderr, stdout};

/// Runs `cogov diff` from the shipped policies to `to` over the inputs.
fn diff(to: &Scratch, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "diff",
        "--from",
        "policies",
        "--to",
        to.path().to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    cogov(&args)
}

#[test]
fn every_dataset_of_data_files_and_scenarios_is_compared_and_summed_up() {
    let revision = Scratch::copy_of_shipped();
    move_a_point_from_c20_to_c21(&revision);
    let out = diff(
        &revision,
        &[
            "scenarios/rubric-revision/2024.ron",
            "scenarios/improving-association",
        ],
    );
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let compared: Vec<&str> = text.lines().filter(|l| l.starts_with("== ")).collect();
    assert_eq!(
        compared,
        [
            "== scenarios/rubric-revision/2024.ron",
            "== scenarios/improving-association/2023.ron",
            "== scenarios/improving-association/2024.ron",
            "== scenarios/improving-association/2025.ron",
        ]
    );
    assert!(
        text.contains("总分 74 → 75 / 100（+1）    等级 合格 → 良好（升）"),
        "{text}"
    );
    assert!(
        text.ends_with("汇总：4 个协会评估中 1 个等级变化（升 1，降 0）\n"),
        "{text}"
    );
    let en = stdout(&diff(
        &revision,
        &["scenarios/rubric-revision/2024.ron", "--lang", "en"],
    ));
    assert!(
        en.ends_with("Summary: 1 of 1 association evaluations change grade (1 up, 0 down)\n"),
        "{en}"
    );
}

#[test]
fn the_same_policies_on_both_sides_change_nothing() {
    let same = Scratch::copy_of_shipped();
    let out = diff(&same, &["scenarios/well-run-association"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("佛山市模具行业协会（51440600MJL100012B）2024：结果无变化\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn the_json_is_deterministic_with_a_report_per_dataset_and_the_counts() {
    let revision = Scratch::copy_of_shipped();
    move_a_point_from_c20_to_c21(&revision);
    let args = ["scenarios/rubric-revision", "--format", "json"];
    let first = diff(&revision, &args);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert_eq!(first.stdout, diff(&revision, &args).stdout);
    let json: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    assert_eq!(json["schema"], "cogov.diff/1");
    assert_ne!(
        json["from"]["digests"]["base"],
        json["to"]["digests"]["base"]
    );
    let datasets = json["datasets"].as_array().unwrap();
    assert_eq!(
        datasets.len(),
        1,
        "the scenario evaluates the same data twice: compared once"
    );
    assert_eq!(datasets[0]["report"]["grade"]["direction"], "up");
    assert_eq!(json["summary"]["associations_up"], 1);
    assert_eq!(json["summary"]["associations_down"], 0);
}

#[test]
fn an_invalid_revision_exits_1_naming_the_file_and_line() {
    let revision = Scratch::copy_of_shipped();
    revision.edit(
        "base/rubric.ron",
        "Indicator(id: \"C21\", zh: \"业内推广\", en: \"Promotion in the sector\", points: 3,",
        "Indicator(id: \"C21\", zh: \"业内推广\", en: \"Promotion in the sector\", points: 4,",
    );
    let out = diff(&revision, &["scenarios/rubric-revision/2024.ron"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(stdout(&out).is_empty());
    assert!(
        err.contains(
            "base/rubric.ron:198:76: 层级 B8（经济社会效益）的下级合计 8 分，但该层级为 7 分"
        ),
        "{err}"
    );
}

#[test]
fn diff_without_data_is_a_usage_error() {
    let out = cogov(&["diff", "--from", "policies", "--to", "policies"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn a_stricter_credit_band_moves_members_down_and_is_counted() {
    let revision = Scratch::copy_of_shipped();
    revision.edit(
        "base/credit.ron",
        "(min: 85,  grade: \"B\"",
        "(min: 90,  grade: \"B\"",
    );
    let out = diff(
        &revision,
        &["scenarios/ceramics-credit", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let summary = &json["summary"];
    assert_eq!(
        summary["members"], 480,
        "240 members in each of two periods"
    );
    assert!(summary["members_down"].as_u64().unwrap() > 0, "{summary}");
    assert_eq!(summary["members_up"], 0, "{summary}");
    assert_eq!(summary["members_changed"], summary["members_down"]);
    for dataset in json["datasets"].as_array().unwrap() {
        for member in dataset["report"]["members"]["named"].as_array().unwrap() {
            assert_eq!(member["grade"]["from"], "B", "{member}");
            assert_eq!(member["grade"]["to"], "C", "{member}");
            let score = member["score"]["to"].as_f64().unwrap();
            assert!((85.0..90.0).contains(&score), "{member}");
        }
    }
}

#[test]
fn renaming_a_grade_label_is_a_label_change_not_a_grade_change() {
    let revision = Scratch::copy_of_shipped();
    revision.edit(
        "base/rubric.ron",
        "(id: \"good\",      min: 75, zh: \"良好\", en: \"Good\"),",
        "(id: \"good\",      min: 75, zh: \"良\", en: \"Good\"),",
    );
    let data = "scenarios/improving-association/2024.ron";
    let before = cogov(&["eval", data, "--format", "json"]);
    let outcome: serde_json::Value = serde_json::from_str(&stdout(&before)).unwrap();
    assert_eq!(
        outcome["association"]["grade_id"], "good",
        "the case needs a 良好 association"
    );
    let out = diff(&revision, &[data, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let grade = &json["datasets"][0]["report"]["grade"];
    assert_eq!(
        (grade["from_id"].as_str(), grade["to_id"].as_str()),
        (Some("good"), Some("good"))
    );
    assert_eq!(
        (grade["from"].as_str(), grade["to"].as_str()),
        (Some("良好"), Some("良"))
    );
    assert_eq!(grade["direction"], serde_json::Value::Null);
    assert_eq!(json["summary"]["associations_changed"], 0);
    let text = stdout(&diff(&revision, &[data]));
    assert!(
        text.contains("等级 良好 → 良（仅名称改动，等级未变）"),
        "{text}"
    );
    assert!(
        text.ends_with("汇总：1 个协会评估中 0 个等级变化（升 0，降 0）\n"),
        "{text}"
    );
}
