//! The policy loader as editors meet it: every problem at its own line, overlays that can say
//! everything a sector needs, script files that are only ever what they claim to be, and a
//! binary that carries its own policies. Each test is named after what used to go wrong.

use std::path::Path;
use std::process::Command;

use cogov::{Dataset, PolicySet, evaluate};

use crate::common::{Scratch, cogov, policies, scenario, stderr, stdout};

fn check(scratch: &Scratch, extra: &[&str]) -> (Option<i32>, String, String) {
    let mut args = vec![
        "check",
        "--lang",
        "en",
        "--policies",
        scratch.path().to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let out = cogov(&args);
    (out.status.code(), stdout(&out), stderr(&out))
}

#[test]
fn setting_c15_3_at_least_to_zero_points_at_c15_3_not_c15_2() {
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "base/rubric.ron",
        "Evidence(id: \"C15.3\", kind: \"violation_lead\", at_least: 3,",
        "Evidence(id: \"C15.3\", kind: \"violation_lead\", at_least: 0,",
    );
    let (code, _, err) = check(&scratch, &[]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("base/rubric.ron:162:69: `at_least` must be 1 or more"),
        "{err}"
    );
}

#[test]
fn a_criterion_with_a_generated_id_is_located_at_its_own_line() {
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "base/rubric.ron",
        "Evidence(kind: \"liaison_designation\", points: 1)",
        "Evidence(kind: \"liaison_designation\", points: -1)",
    );
    let (_, _, err) = check(&scratch, &[]);
    assert!(
        err.contains("base/rubric.ron:38:59: `points` must be 0 or more, found -1"),
        "{err}"
    );
}

#[test]
fn a_trigger_due_in_eight_million_days_is_refused_by_check_and_eval_does_not_panic() {
    let scratch = Scratch::copy_of_shipped();
    scratch.edit("base/triggers.ron", "due_days: 90,", "due_days: 8000000,");
    let (code, _, err) = check(&scratch, &[]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("base/triggers.ron:24:17: `due_days` must be from 1 to 3660"),
        "{err}"
    );
    let data = scenario("new-association/2024.ron");
    let root = scratch.path().to_str().unwrap();
    let out = cogov(&["eval", "--policies", root, data.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

#[test]
fn a_nan_association_band_and_nan_credit_points_are_refused_where_written() {
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "base/rubric.ron",
        "(id: \"good\",      min: 75,",
        "(id: \"good\",      min: NaN,",
    );
    scratch.edit(
        "base/credit.ron",
        "points: Each(-15)),",
        "points: Each(NaN)),",
    );
    let (code, _, err) = check(&scratch, &[]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("base/rubric.ron:26:28: `min` must be a finite number, found NaN"),
        "{err}"
    );
    assert!(err.contains("base/credit.ron:44:"), "{err}");
    assert!(
        err.contains("the points of `penalty` must be finite numbers, found NaN"),
        "{err}"
    );
}

/// A credit policy whose item classes are K0…K(n-1), with a veto on the last class only.
fn with_item_classes(scratch: &Scratch, n: usize) {
    let classes: Vec<String> = (0..n)
        .map(|i| format!("\"K{i}\": (zh: \"类{i}\", en: \"class {i}\")"))
        .collect();
    scratch.edit(
        "base/credit.ron",
        "\"B\": (zh: \"B 类（重要项目）\", en: \"class B (important)\"),",
        &format!(
            "\"B\": (zh: \"B 类（重要项目）\", en: \"class B (important)\"), {},",
            classes.join(", ")
        ),
    );
    scratch.edit(
        "base/credit.ron",
        "  vetoes: [\n",
        &format!(
            "  vetoes: [\n    (id: \"last-class\", kind: \"sampling_fail\", item_class: \"K{}\", best: \"D\", zh: \"末类\", en: \"last class\"),\n",
            n - 1
        ),
    );
}

/// The grade of a member with one failed item of `class`, under the policies in `root`.
fn grade_with_failed_class(root: &Path, class: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.ron");
    std::fs::write(
        &path,
        format!(
            "Association(profile: (name: \"测试协会\", sector: \"base\", credit_code: \"51440600MJL100012B\"),\
             period: (id: \"2024\", start: \"2024-01-01\", end: \"2024-12-31\"),\
             members: [(code: \"91440604MA4W00001Y\", name: \"甲公司\")],\
             events: [(id: \"S1\", member: \"91440604MA4W00001Y\", date: \"2024-03-01\", kind: \"sampling_fail\",\
                       level: \"minor\", product: \"瓷砖\", items: [(name: \"某项\", class: \"{class}\")])])"
        ),
    )
    .unwrap();
    let policies = PolicySet::load(root, None).expect("policies load");
    let data = Dataset::load(&path, &policies).expect("data loads");
    let outcome = evaluate(&policies, &data, None).expect("evaluates");
    outcome.members[0].grade.clone()
}

#[test]
fn with_nine_item_classes_a_veto_fires_for_its_own_class_only() {
    let scratch = Scratch::copy_of_shipped();
    with_item_classes(&scratch, 9);
    assert_eq!(grade_with_failed_class(scratch.path(), "K8"), "D");
    assert_eq!(grade_with_failed_class(scratch.path(), "K0"), "B");
    assert_eq!(grade_with_failed_class(scratch.path(), "A"), "B");
}

#[test]
fn with_sixty_two_item_classes_and_the_shipped_two_a_veto_still_fires_for_its_own_class() {
    let scratch = Scratch::copy_of_shipped();
    with_item_classes(&scratch, 62);
    assert_eq!(grade_with_failed_class(scratch.path(), "K61"), "D");
    assert_eq!(grade_with_failed_class(scratch.path(), "K60"), "B");
}

#[test]
fn check_without_a_sector_reports_a_base_edit_that_breaks_a_sector_naming_both_files() {
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "base/rubric.ron",
        "Indicator(id: \"C16\"",
        "Indicator(id: \"C16x\"",
    );
    let (code, out, err) = check(&scratch, &[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        err.contains("sectors/ceramics/sector.ron:23:5: there is no `C16` to change"),
        "{err}"
    );
    assert!(
        err.contains("found when the sector `ceramics`") && err.contains("is applied to the base"),
        "{err}"
    );
}

#[test]
fn an_overlay_moving_c22_1_to_two_points_passes_check_and_its_scorer_is_scaled() {
    let scratch = Scratch::copy_of_shipped();
    scratch.write(
        "sectors/rated/sector.ron",
        r#"Overlay(zh: "评级", en: "Rated", rubric: (levels: (change: {
             "C22.1": (points: 2), "C22.2": (points: 2),
           })))"#,
    );
    let (code, _, err) = check(&scratch, &["--sector", "rated"]);
    assert_eq!(code, Some(0), "{err}");
    let data = scenario("well-run-association/2024.ron");
    let base = PolicySet::load(scratch.path(), None).unwrap();
    let rated = PolicySet::load(scratch.path(), Some("rated")).unwrap();
    let score = |set: &PolicySet| {
        let data = Dataset::load(&data, set).unwrap();
        let outcome = evaluate(set, &data, None).expect("evaluates");
        let c22 = outcome
            .association
            .indicators
            .iter()
            .find(|i| i.id == "C22")
            .unwrap();
        c22.reasons
            .iter()
            .find(|r| r.criterion == "C22.1")
            .unwrap()
            .points
    };
    let (full, scaled) = (score(&base), score(&rated));
    assert!(full > 0.0);
    assert!(
        (scaled - full * 2.0 / 3.0).abs() < 0.01,
        "{full} → {scaled}"
    );
}

#[test]
fn an_overlay_removes_a_veto_a_repeat_and_an_event_kind_each_with_its_reason() {
    let scratch = Scratch::copy_of_shipped();
    scratch.write(
        "sectors/lenient/sector.ron",
        r#"Overlay(zh: "宽松", en: "Lenient", credit: (
             events: (remove: [("certification", "本行业不计认证")]),
             repeats: (remove: [("same-product", "本行业按项目计重复")]),
             vetoes: (remove: [("penalty", "行政处罚另行处理")]),
           ))"#,
    );
    let set = PolicySet::load(scratch.path(), Some("lenient")).expect("valid");
    assert!(set.credit().kind("certification").is_none());
    assert_eq!(set.credit().repeat_ids().count(), 0);
    assert!(set.credit().veto_ids().all(|v| v != "penalty"));
    let root = scratch.path().to_str().unwrap();
    let out = cogov(&[
        "show",
        "--sector",
        "lenient",
        "--policies",
        root,
        "--lang",
        "zh",
    ]);
    let text = stdout(&out);
    assert!(
        text.contains("删除 成员信用 › 信用事件 › certification，理由：本行业不计认证"),
        "{text}"
    );
    assert!(
        text.contains("删除 成员信用 › 重复不合格 › same-product，理由：本行业按项目计重复"),
        "{text}"
    );
    assert!(
        text.contains("删除 成员信用 › 一票否决 › penalty，理由：行政处罚另行处理"),
        "{text}"
    );
}

#[test]
fn an_overlay_changes_a_triggers_text() {
    let scratch = Scratch::copy_of_shipped();
    scratch.write(
        "sectors/worded/sector.ron",
        r#"Overlay(zh: "措辞", en: "Worded", triggers: (change: {
             "unmet": (action: (zh: "召开专题会分析未达成指标", en: "Hold a meeting on the unmet indicator")),
           }))"#,
    );
    let set = PolicySet::load(scratch.path(), Some("worded")).expect("valid");
    let unmet = set.triggers().iter().find(|t| t.id() == "unmet").unwrap();
    assert_eq!(unmet.action().zh, "召开专题会分析未达成指标");
    assert_eq!(
        unmet.owner().zh,
        "协会秘书处",
        "the rest of the trigger stays"
    );
}

#[test]
fn an_overlay_extends_import_ron_with_a_verdict_word() {
    let scratch = Scratch::copy_of_shipped();
    let tables = tempfile::tempdir().unwrap();
    let csv = std::fs::read_to_string(scenario("messy-import/抽查结果-更正.csv")).unwrap();
    assert!(csv.contains(",合格,"));
    let rechecked = tables.path().join("抽查结果.csv");
    std::fs::write(&rechecked, csv.replacen(",合格,", ",所检项目合格,", 1)).unwrap();
    let data = scenario("messy-import/2024.ron");
    let roster = scenario("messy-import/会员名录-更正.xlsx");
    let args = |root: &str| {
        vec![
            "eval".to_string(),
            "--policies".into(),
            root.to_string(),
            data.display().to_string(),
            roster.display().to_string(),
            rechecked.display().to_string(),
        ]
    };
    let root = scratch.path().to_str().unwrap().to_string();
    let run = |a: Vec<String>| {
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        cogov(&a)
    };
    let before = run(args(&root));
    assert_eq!(
        before.status.code(),
        Some(1),
        "所检项目合格 is not a verdict yet"
    );
    scratch.edit(
        "sectors/ceramics/sector.ron",
        "  import: (",
        "  import: (tables: (change: {\"Sampling\": (verdicts: {\"所检项目合格\": \"sampling_pass\"})}),\n    ",
    );
    let after = run(args(&root));
    assert_eq!(after.status.code(), Some(0), "{}", stderr(&after));
}

#[test]
fn show_in_chinese_words_every_change_of_every_shipped_sector() {
    for sector in cogov::known_sectors(&policies()) {
        let out = crate::common::cogov_wide(&["show", "--sector", &sector, "--lang", "zh"]);
        let text = stdout(&out);
        let changes: Vec<&str> = text
            .split_once("本行业的修改，见")
            .expect("a change list")
            .1
            .lines()
            .skip(1)
            .collect();
        assert!(!changes.is_empty(), "{sector}");
        for line in changes {
            let words = ["新增 ", "修改 ", "删除 "];
            assert!(
                line.starts_with("  第 ") && words.iter().any(|w| line.contains(w)),
                "{sector}: {line}"
            );
        }
    }
}

#[test]
fn an_overlay_redeclaring_a_catalogue_entry_is_shown_as_a_change_not_silently_applied() {
    let scratch = Scratch::copy_of_shipped();
    scratch.write(
        "sectors/renamed/sector.ron",
        r#"Overlay(zh: "改名", en: "Renamed", catalogue: (evidence: {
             "annual_plan": (zh: "年度共治计划", en: "Annual co-governance plan"),
           }))"#,
    );
    let root = scratch.path().to_str().unwrap();
    let out = crate::common::cogov_wide(&["show", "--sector", "renamed", "--policies", root]);
    let text = stdout(&out);
    assert!(
        text.contains(
            "修改 目录 › 证据类型 › annual_plan（年度共治计划） › 中文名：\"年度工作计划\" → \"年度共治计划\""
        ),
        "{text}"
    );
}

#[test]
fn a_script_linked_to_dev_zero_is_refused_without_being_read() {
    let scratch = Scratch::copy_of_shipped();
    let script = scratch.path().join("base/scorers/satisfaction.rhai");
    std::fs::remove_file(&script).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &script).unwrap();
    let (code, _, err) = check(&scratch, &[]);
    assert_eq!(code, Some(1));
    assert!(err.contains("base/rubric.ron:195:26: the script `scorers/satisfaction.rhai` cannot be used: it is a link out of the policy folder"), "{err}");
}

#[test]
fn a_script_linked_out_of_the_policy_folder_is_refused() {
    let scratch = Scratch::copy_of_shipped();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("s.rhai");
    std::fs::write(
        &target,
        "fn score(ctx) { #{ points: 0.0, reasons: [\"x\"] } }",
    )
    .unwrap();
    let script = scratch.path().join("base/scorers/satisfaction.rhai");
    std::fs::remove_file(&script).unwrap();
    std::os::unix::fs::symlink(&target, &script).unwrap();
    let (code, _, err) = check(&scratch, &[]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("it is a link out of the policy folder"),
        "{err}"
    );
}

#[test]
fn a_fifo_script_is_refused_without_hanging() {
    let scratch = Scratch::copy_of_shipped();
    let script = scratch.path().join("base/scorers/satisfaction.rhai");
    std::fs::remove_file(&script).unwrap();
    let made = Command::new("mkfifo").arg(&script).status().unwrap();
    assert!(made.success());
    let (code, _, err) = check(&scratch, &[]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("it is not a regular file (a folder, device or pipe)"),
        "{err}"
    );
}

#[test]
fn a_script_with_a_byte_order_mark_compiles() {
    let scratch = Scratch::copy_of_shipped();
    let path = scratch.path().join("base/scorers/satisfaction.rhai");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("\u{feff}{text}")).unwrap();
    let (code, _, err) = check(&scratch, &[]);
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn a_non_utf8_script_is_reported_as_not_utf8_not_as_missing() {
    let scratch = Scratch::copy_of_shipped();
    let path = scratch.path().join("base/scorers/satisfaction.rhai");
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.splice(0..0, [0xb2, 0xe2]);
    std::fs::write(&path, bytes).unwrap();
    let (code, _, err) = check(&scratch, &[]);
    assert_eq!(code, Some(1));
    assert!(err.contains("the file is not UTF-8 text"), "{err}");
    assert!(err.contains("the first bad byte is at offset 0"), "{err}");
}

#[test]
fn the_binary_copied_alone_to_an_empty_folder_checks_and_evaluates_with_its_embedded_policies() {
    let alone = tempfile::tempdir().unwrap();
    let binary = alone.path().join("cogov");
    std::fs::copy(env!("CARGO_BIN_EXE_cogov"), &binary).unwrap();
    std::fs::copy(
        scenario("well-run-association/2024.ron"),
        alone.path().join("2024.ron"),
    )
    .unwrap();
    let run = |args: &[&str]| {
        Command::new(&binary)
            .args(args)
            .current_dir(alone.path())
            .env_remove("COGOV_POLICIES")
            .output()
            .unwrap()
    };
    let checked = run(&["check", "--lang", "en"]);
    assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));
    assert!(
        stdout(&checked).contains("<内置>/policies (base and 7 sectors)"),
        "{}",
        stdout(&checked)
    );
    let evaluated = run(&["eval", "2024.ron", "--format", "json"]);
    assert_eq!(evaluated.status.code(), Some(0), "{}", stderr(&evaluated));
    let json: serde_json::Value = serde_json::from_slice(&evaluated.stdout).unwrap();
    let shipped = cogov(&[
        "eval",
        "scenarios/well-run-association/2024.ron",
        "--format",
        "json",
    ]);
    let shipped: serde_json::Value = serde_json::from_slice(&shipped.stdout).unwrap();
    assert_eq!(json["policy"]["digest"], shipped["policy"]["digest"]);
    assert_eq!(
        json["association"]["score"],
        shipped["association"]["score"]
    );
}

#[test]
fn a_lint_is_a_warning_with_exit_0_and_an_error_with_deny_warnings() {
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "base/catalogue.ron",
        "\"satisfaction_rate\":",
        "\"unused_fact\": (kind: Count, zh: \"无用\", en: \"Unused\"),\n    \"satisfaction_rate\":",
    );
    let (code, out, err) = check(&scratch, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("ok:"), "{out}");
    assert!(
        err.contains("the fact `unused_fact` is declared, but nothing in the policies names it"),
        "{err}"
    );
    assert!(err.contains("1 warning"), "{err}");
    let (code, _, _) = check(&scratch, &["--deny-warnings"]);
    assert_eq!(code, Some(1));
}

#[test]
fn a_script_over_the_size_limit_is_refused_without_being_read_whole() {
    let scratch = Scratch::copy_of_shipped();
    let path = scratch.path().join("base/scorers/satisfaction.rhai");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}{}", "// 填充\n".repeat(40_000))).unwrap();
    let (code, _, err) = check(&scratch, &[]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("over the 262144-byte limit for a script"),
        "{err}"
    );
}

#[test]
fn cogov_policies_in_the_environment_is_used_when_no_folder_is_given() {
    let scratch = Scratch::copy_of_shipped();
    scratch.edit("base/triggers.ron", "due_days: 90,", "due_days: 0,");
    let elsewhere = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_cogov"))
        .arg("check")
        .current_dir(elsewhere.path())
        .env("COGOV_POLICIES", scratch.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("字段 `due_days` 必须在 1 到 3660 之间（十年），实际为 `0`"),
        "{}",
        stderr(&out)
    );
}

/// The shipped credit policy with `n` levels for honours: the three the import table names,
/// then `L003`…, each worth its number modulo 7.
fn with_honour_levels(scratch: &Scratch, n: usize) {
    let levels: Vec<String> = (0..n)
        .map(|i| match i {
            0 => "\"municipal\": 0".to_string(),
            1 => "\"provincial\": 1".to_string(),
            2 => "\"national\": 2".to_string(),
            _ => format!("\"L{i:03}\": {}", i % 7),
        })
        .collect();
    scratch.edit(
        "base/credit.ron",
        "points: ByLevel({\"municipal\": 2, \"provincial\": 4, \"national\": 6})",
        &format!("points: ByLevel({{{}}})", levels.join(", ")),
    );
    // Every level has a name.
    let names: Vec<String> = (3..n)
        .map(|i| format!("\"L{i:03}\": (zh: \"第 {i} 级\", en: \"level {i}\"),"))
        .collect();
    scratch.edit(
        "base/credit.ron",
        "  levels: {\n",
        &format!("  levels: {{\n{}\n", names.join("\n")),
    );
}

#[test]
fn an_event_kind_with_254_levels_scores_its_last_level_and_255_are_refused() {
    let scratch = Scratch::copy_of_shipped();
    with_honour_levels(&scratch, 254);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.ron");
    std::fs::write(
        &path,
        "Association(profile: (name: \"测试协会\", sector: \"base\", credit_code: \"51440600MJL100012B\"),\
         period: (id: \"2024\", start: \"2024-01-01\", end: \"2024-12-31\"),\
         members: [(code: \"91440604MA4W00001Y\", name: \"甲公司\")],\
         events: [(id: \"H1\", member: \"91440604MA4W00001Y\", date: \"2024-03-01\", kind: \"honor\", level: \"provincial\")])",
    )
    .unwrap();
    let policies = PolicySet::load(scratch.path(), None).expect("254 levels load");
    let data = Dataset::load(&path, &policies).expect("data loads");
    let outcome = evaluate(&policies, &data, None).expect("evaluates");
    // Levels are indexed in name order: `provincial` is the 254th and last, worth 1.
    assert_eq!(outcome.members[0].score, 101.0);

    let scratch = Scratch::copy_of_shipped();
    with_honour_levels(&scratch, 255);
    let (code, _, err) = check(&scratch, &[]);
    assert_eq!(code, Some(1));
    assert!(err.contains("`honor` has 255 levels; at most 254"), "{err}");
}

#[test]
fn a_sector_named_with_a_path_cannot_reach_an_overlay_outside_sectors() {
    let scratch = Scratch::copy_of_shipped();
    scratch.write("outside/sector.ron", "Overlay(zh: \"外\", en: \"Outside\")");
    for sector in ["../outside", "/tmp", "Ceramics"] {
        let problems = PolicySet::load(scratch.path(), Some(sector))
            .err()
            .expect("refused")
            .to_string();
        assert!(
            problems.contains(&format!("`{sector}` 不是有效的行业编号")),
            "{problems}"
        );
    }
}

#[test]
fn a_policy_file_saved_as_gbk_or_utf16_is_named_as_such() {
    for (encoding, bytes) in [
        (
            "GBK (GB18030)",
            encoding_rs::GB18030
                .encode("// 质量目录\nCatalogue(evidence: {}, facts: {})")
                .0
                .into_owned(),
        ),
        ("UTF-16", {
            let mut b = vec![0xff, 0xfe];
            b.extend("Catalogue()".encode_utf16().flat_map(|u| u.to_le_bytes()));
            b
        }),
    ] {
        let scratch = Scratch::copy_of_shipped();
        std::fs::write(scratch.path().join("base/catalogue.ron"), bytes).unwrap();
        let (code, _, err) = check(&scratch, &[]);
        assert_eq!(code, Some(1));
        assert!(
            err.contains(&format!("the file is {encoding} text")),
            "{err}"
        );
    }
}

#[test]
fn data_files_with_a_byte_order_mark_load_as_without_one() {
    let dir = tempfile::tempdir().unwrap();
    let plain = cogov(&[
        "eval",
        "scenarios/well-run-association/2024.ron",
        "--format",
        "json",
    ]);
    assert_eq!(plain.status.code(), Some(0));
    let ron = std::fs::read(scenario("well-run-association/2024.ron")).unwrap();
    let json = plain.stdout.clone();
    for (name, text) in [("2024.ron", ron), ("previous.json", json)] {
        let mut marked = vec![0xef, 0xbb, 0xbf];
        marked.extend(text);
        std::fs::write(dir.path().join(name), marked).unwrap();
    }
    let data = dir.path().join("2024.ron");
    let previous = dir.path().join("previous.json");
    let out = cogov(&["eval", data.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let with: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let without: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
    assert_eq!(with["association"], without["association"]);
    let out = cogov(&[
        "eval",
        data.to_str().unwrap(),
        "--previous",
        previous.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the same period is refused, after the file was read"
    );
    assert!(stderr(&out).contains("period"), "{}", stderr(&out));
}

#[test]
fn a_criterion_replaced_by_another_kind_keeps_its_id() {
    let scratch = Scratch::copy_of_shipped();
    scratch.write(
        "sectors/swap/sector.ron",
        r#"Overlay(zh: "换", en: "Swap", rubric: (levels: (change: {
             "C1": (criteria: (change: {"C1.2": Evidence(kind: "liaison_designation", at_least: 2, points: 1)})),
           })))"#,
    );
    let (code, out, err) = check(&scratch, &["--sector", "swap"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("ok:"), "{out}");
    assert!(!err.contains("changes nothing"), "{err}");
    let root = scratch.path().to_str().unwrap();
    let shown = stdout(&cogov(&["show", "--sector", "swap", "--policies", root]));
    assert!(shown.contains("C1.2   联络人指定文件 ≥2"), "{shown}");
}

#[test]
fn an_overlay_writing_an_indicators_criteria_out_whole_numbers_them() {
    let scratch = Scratch::copy_of_shipped();
    scratch.write(
        "sectors/whole/sector.ron",
        r#"Overlay(zh: "整", en: "Whole", rubric: (levels: (change: {
             "C1": (criteria: [
               Evidence(kind: "appointment_document", points: 3),
               Fact(key: "duties_assigned", points: 1),
             ]),
           })))"#,
    );
    let (code, _, err) = check(&scratch, &["--sector", "whole"]);
    assert_eq!(code, Some(0), "{err}");
    let root = scratch.path().to_str().unwrap();
    let shown = stdout(&cogov(&["show", "--sector", "whole", "--policies", root]));
    assert!(shown.contains("C1.1   任命文件 ≥1"), "{shown}");
    assert!(
        shown.contains("C1.2   共治工作定责到人或到岗：是"),
        "{shown}"
    );
    assert!(!shown.contains("C1.3"), "{shown}");
}
