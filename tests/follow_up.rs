//! Improvement actions followed up period after period (7.4 d): the improving association's
//! three periods, measures recorded against actions, and outcomes written before actions had ids.

use std::path::Path;

use serde_json::Value;

use crate::common::{cogov, cogov_wide, scenario, stderr, stdout};

/// Evaluates a data file as JSON into `dir/<name>.json`, with an optional previous outcome.
fn eval_json(dir: &Path, data: &Path, previous: Option<&Path>, name: &str) -> Value {
    let out_path = dir.join(format!("{name}.json"));
    let mut args = vec![
        "eval".to_string(),
        data.display().to_string(),
        "--format".into(),
        "json".into(),
        "-o".into(),
        out_path.display().to_string(),
    ];
    if let Some(p) = previous {
        args.extend(["--previous".into(), p.display().to_string()]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = cogov(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_str(&std::fs::read_to_string(out_path).unwrap()).unwrap()
}

/// The improving association's outcomes for 2023, 2024 and 2025, each fed forward.
fn three_periods(dir: &Path) -> [Value; 3] {
    let s = |y: &str| scenario(&format!("improving-association/{y}.ron"));
    let o23 = eval_json(dir, &s("2023"), None, "2023");
    let o24 = eval_json(dir, &s("2024"), Some(&dir.join("2023.json")), "2024");
    let o25 = eval_json(dir, &s("2025"), Some(&dir.join("2024.json")), "2025");
    [o23, o24, o25]
}

/// `action id → (status, closed_by, escalated_to)` of an outcome's follow-ups.
fn standing(outcome: &Value) -> Vec<(String, String, String, String)> {
    outcome["follow_ups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or("").to_string();
            (
                s("action_id"),
                s("status"),
                s("closed_by"),
                s("escalated_to"),
            )
        })
        .collect()
}

fn entry(id: &str, status: &str, by: &str, to: &str) -> (String, String, String, String) {
    (id.into(), status.into(), by.into(), to.into())
}

#[test]
fn the_first_period_has_nothing_to_follow_up_and_names_each_action_by_indicator_and_trigger() {
    let dir = tempfile::tempdir().unwrap();
    let [o23, _, _] = three_periods(dir.path());
    assert_eq!(o23["follow_ups"], serde_json::json!([]));
    let ids: Vec<&str> = o23["triggers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["action_id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"C12/unmet"), "{ids:?}");
    assert!(ids.contains(&"C17/complaints-late"), "{ids:?}");
}

#[test]
fn the_second_period_closes_what_improved_and_escalates_what_stayed_unmet() {
    let dir = tempfile::tempdir().unwrap();
    let [o23, o24, _] = three_periods(dir.path());
    let raised = o23["triggers"].as_array().unwrap().len();
    let follow = standing(&o24);
    assert_eq!(follow.len(), raised, "every 2023 action is followed up");
    assert!(follow.contains(&entry("C3/unmet", "closed", "improvement", "")));
    assert!(follow.contains(&entry("C17/complaints-late", "closed", "improvement", "")));
    assert!(follow.contains(&entry("C12/unmet", "escalated", "", "C12/unmet-twice")));
    assert!(follow.contains(&entry("C22/unmet", "escalated", "", "C22/unmet-twice")));
}

#[test]
fn the_third_period_closes_by_improvement_and_by_measure_and_finds_one_overdue_and_one_escalated() {
    let dir = tempfile::tempdir().unwrap();
    let [_, _, o25] = three_periods(dir.path());
    assert_eq!(
        standing(&o25),
        [
            entry("C12/unmet", "escalated", "", "C12/unmet-twice"),
            entry("C12/unmet-twice", "closed", "measure", ""),
            entry("C19/declined", "closed", "improvement", ""),
            entry("C19/unmet", "closed", "improvement", ""),
            entry("C22/unmet", "escalated", "", "C22/unmet-twice"),
            entry("C22/unmet-twice", "overdue", "", ""),
        ]
    );
    let overdue = &o25["follow_ups"][5];
    assert_eq!(overdue["raised_in"], "2024");
    assert_eq!(overdue["due"], "2025-01-30");
    assert_eq!(overdue["measures"], serde_json::json!(["M002"]));
    assert!(
        overdue["reason"]
            .as_str()
            .unwrap()
            .contains("已记录措施 M002，尚未完成"),
        "{overdue}"
    );
    let by_measure = &o25["follow_ups"][1];
    assert!(
        by_measure["reason"]
            .as_str()
            .unwrap()
            .starts_with("措施 M001（2025-03-18）已完成"),
        "{by_measure}"
    );
}

#[test]
fn an_overdue_action_is_followed_up_again_from_the_period_it_was_first_raised_in() {
    let dir = tempfile::tempdir().unwrap();
    three_periods(dir.path());
    // 2026: the 2025 data again, a year on, with no measures.
    let text = std::fs::read_to_string(scenario("improving-association/2025.ron")).unwrap();
    let cut = text.find("  // 改进措施").unwrap();
    let text = text[..cut].replace("2025", "2026") + ")\n";
    let data = dir.path().join("2026.ron");
    std::fs::write(&data, text).unwrap();
    let o26 = eval_json(
        dir.path(),
        &data,
        Some(&dir.path().join("2025.json")),
        "2026",
    );
    let carried = o26["follow_ups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["action_id"] == "C22/unmet-twice")
        .expect("C22/unmet-twice is followed up again");
    assert_eq!(carried["raised_in"], "2024");
    assert_eq!(carried["due"], "2025-01-30");
    assert_eq!(carried["status"], "overdue");
}

#[test]
fn a_measure_for_an_action_the_previous_period_did_not_raise_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    three_periods(dir.path());
    let text = std::fs::read_to_string(scenario("improving-association/2025.ron")).unwrap();
    let data = dir.path().join("2025.ron");
    std::fs::write(&data, text.replace("C22/unmet-twice", "C1/unmet")).unwrap();
    let previous = dir.path().join("2024.json");
    let out = cogov(&[
        "eval",
        data.to_str().unwrap(),
        "--previous",
        previous.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("改进措施 `M002` 所跟进的行动 `C1/unmet` 不是上期（2024）提出或仍未关闭的"),
        "{err}"
    );
    assert!(err.contains("2025.ron:76:18"), "{err}");
}

#[test]
fn an_outcome_written_before_actions_had_ids_is_followed_up_by_indicator_and_trigger() {
    let dir = tempfile::tempdir().unwrap();
    let [_, mut o24, o25] = three_periods(dir.path());
    for t in o24["triggers"].as_array_mut().unwrap() {
        t.as_object_mut().unwrap().remove("action_id");
    }
    o24.as_object_mut().unwrap().remove("follow_ups");
    let old = dir.path().join("2024-old.json");
    std::fs::write(&old, serde_json::to_string_pretty(&o24).unwrap()).unwrap();
    let again = eval_json(
        dir.path(),
        &scenario("improving-association/2025.ron"),
        Some(&old),
        "2025-again",
    );
    assert_eq!(standing(&again), standing(&o25));
}

#[test]
fn reports_show_the_follow_up_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    three_periods(dir.path());
    let data = scenario("improving-association/2025.ron");
    let previous = dir.path().join("2024.json");
    let (data, previous) = (data.to_str().unwrap(), previous.to_str().unwrap());
    let table = stdout(&cogov_wide(&["eval", data, "--previous", previous]));
    assert!(table.contains("上期改进行动的跟进（7.4 d）"), "{table}");
    assert!(
        table.contains("C22/unmet-twice  外部荣誉（C22）"),
        "{table}"
    );
    assert!(table.contains("已逾期"), "{table}");
    let md = stdout(&cogov(&[
        "eval",
        data,
        "--previous",
        previous,
        "--format",
        "md",
    ]));
    assert!(
        md.contains(
            "| C12/unmet-twice | 参与标准化活动（C12） | 2024 | 2025-01-30 | 已关闭（措施完成） |"
        ),
        "{md}"
    );
    let html = stdout(&cogov(&[
        "eval",
        data,
        "--previous",
        previous,
        "--format",
        "html",
        "--lang",
        "en",
    ]));
    assert!(
        html.contains("<h2>Follow-up of earlier improvement actions (7.4 d)</h2>"),
        "{html}"
    );
    assert!(html.contains("<td>escalated</td>"), "{html}");
}

#[test]
fn the_archive_alone_gives_the_same_follow_up_as_the_previous_outcomes() {
    let dir = tempfile::tempdir().unwrap();
    let [_, _, o25] = three_periods(dir.path());
    let db = dir.path().join("archive.sqlite");
    let db = db.to_str().unwrap();
    for year in ["2023", "2024"] {
        let data = scenario(&format!("improving-association/{year}.ron"));
        let out = cogov(&["archive", "record", data.to_str().unwrap(), "--db", db]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let data = scenario("improving-association/2025.ron");
    let out = cogov(&[
        "eval",
        data.to_str().unwrap(),
        "--archive",
        db,
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let from_archive: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(from_archive["follow_ups"], o25["follow_ups"]);
    assert_eq!(from_archive["triggers"], o25["triggers"]);
}

#[test]
fn which_triggers_escalate_is_the_policys_choice() {
    let dir = tempfile::tempdir().unwrap();
    three_periods(dir.path());
    let scratch = crate::common::Scratch::copy_of_shipped();
    scratch.edit(
        "base/triggers.ron",
        "when: BelowTwice(share: 0.6),",
        "when: BelowTwice(share: 0.6), escalates: false,",
    );
    let data = scenario("improving-association/2025.ron");
    let previous = dir.path().join("2024.json");
    let out = cogov(&[
        "eval",
        data.to_str().unwrap(),
        "--previous",
        previous.to_str().unwrap(),
        "--policies",
        scratch.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let o25: Value = serde_json::from_slice(&out.stdout).unwrap();
    // Unmet again, but `unmet-twice` no longer takes it over: past due, so overdue.
    assert!(standing(&o25).contains(&entry("C22/unmet", "overdue", "", "")));
}
