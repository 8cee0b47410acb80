//! The wording of reasons and grades is policy: an editor rewords a sentence or renames a grade
//! in the policy folder, and the next run says it the new way without anything rebuilt.

use crate::common::{Scratch, cogov, scenario, stderr, stdout};

fn eval_json(policies: &Scratch, data: &str) -> serde_json::Value {
    let out = cogov(&[
        "eval",
        "--policies",
        policies.path().to_str().unwrap(),
        scenario(data).to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

/// `cogov check` of a policy folder: the exit code and what it printed on stderr.
fn check(policies: &Scratch, extra: &[&str]) -> (Option<i32>, String) {
    let mut args = vec!["check", "--policies", policies.path().to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = cogov(&args);
    (out.status.code(), stderr(&out))
}

fn reason_of<'a>(outcome: &'a serde_json::Value, criterion: &str) -> &'a serde_json::Value {
    outcome["association"]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|i| i["reasons"].as_array().unwrap())
        .find(|r| r["criterion"] == criterion)
        .unwrap()
}

#[test]
fn a_reason_carries_its_code_and_arguments_beside_its_text() {
    let scratch = Scratch::copy_of_shipped();
    let outcome = eval_json(&scratch, "well-run-association/2024.ron");
    let reason = reason_of(&outcome, "C1.1");
    assert_eq!(reason["code"], "reason-evidence-met");
    assert_eq!(reason["args"]["n"], 1.0);
    assert_eq!(reason["args"]["kind"]["zh"], "任命文件");
    assert_eq!(reason["text"], "任命文件：1 份（需 ≥1）");
    assert_eq!(reason["text_en"], "Appointment document: 1 (needs ≥ 1)");
}

#[test]
fn rewording_a_reason_in_the_catalogue_changes_the_report_without_a_rebuild() {
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "base/messages/zh.ftl",
        "reason-evidence-met = { $kind }：{ $n } 份（需 ≥{ $at_least }）",
        "reason-evidence-met = 已提交{ $kind } { $n } 份，满足要求",
    );
    let outcome = eval_json(&scratch, "well-run-association/2024.ron");
    assert_eq!(
        reason_of(&outcome, "C1.1")["text"],
        "已提交任命文件 1 份，满足要求"
    );
    let out = cogov(&[
        "explain",
        "--policies",
        scratch.path().to_str().unwrap(),
        scenario("well-run-association/2024.ron").to_str().unwrap(),
        "--indicator",
        "C1",
    ]);
    assert!(
        stdout(&out).contains("已提交任命文件 1 份，满足要求"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_broken_or_incomplete_catalogue_is_refused_where_it_is_broken() {
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "base/messages/en.ftl",
        "reason-fact-yes = { $fact }: yes\n",
        "reason-fact-yes = { $fact: yes\n",
    );
    scratch.edit(
        "base/messages/zh.ftl",
        "credit-base = 基础分 { $base }\n",
        "credit-base = 基础分 { $points }\n",
    );
    let (code, err) = check(&scratch, &[]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("messages/en.ftl:"), "{err}");
    assert!(err.contains("此处的 Fluent 消息写法有误"), "{err}");
    let (_, en) = check(&scratch, &["--lang", "en"]);
    assert!(
        en.contains("this Fluent message is not written correctly"),
        "{en}"
    );
}

#[test]
fn a_message_using_a_value_evaluation_does_not_give_is_refused() {
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "base/messages/zh.ftl",
        "credit-base = 基础分 { $base }\n",
        "credit-base = 基础分 { $points }\n",
    );
    let (code, err) = check(&scratch, &[]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("messages/zh.ftl:"), "{err}");
    assert!(
        err.contains("消息 `credit-base` 用到了评价时不提供的值；可用的值：base"),
        "{err}"
    );
}

#[test]
fn a_misspelt_message_id_is_a_warning() {
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "base/messages/zh.ftl",
        "credit-base = 基础分 { $base }\n",
        "credit-base = 基础分 { $base }\ncredit-bsae = 起始分 { $base }\n",
    );
    let (code, err) = check(&scratch, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("评价不使用消息 `credit-bsae`"), "{err}");
}

#[test]
fn a_sector_rewords_a_reason_for_its_own_pack_only() {
    let scratch = Scratch::copy_of_shipped();
    scratch.write(
        "sectors/ceramics/messages/zh.ftl",
        "reason-fact-yes = { $fact }：已落实\n",
    );
    let run = |sector: &str| {
        let out = cogov(&[
            "eval",
            "--policies",
            scratch.path().to_str().unwrap(),
            "--sector",
            sector,
            scenario("well-run-association/2024.ron").to_str().unwrap(),
            "--format",
            "json",
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let outcome: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        reason_of(&outcome, "C1.2")["text"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(run("ceramics").ends_with("：已落实"), "{}", run("ceramics"));
    assert!(run("base").ends_with("：是"), "{}", run("base"));
}

#[test]
fn an_event_level_is_named_in_chinese_not_shown_as_its_id() {
    let out = cogov(&[
        "explain",
        scenario("ceramics-credit/2024.ron").to_str().unwrap(),
        "--member",
        "914406044UWLHGULRG",
    ]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(text.contains("质量荣誉（市级）"), "{text}");
    for id in [
        "（critical）",
        "（major）",
        "（minor）",
        "（national）",
        "（municipal）",
    ] {
        assert!(!text.contains(id), "{id} in\n{text}");
    }
}

#[test]
fn a_level_without_a_name_is_refused() {
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "base/credit.ron",
        "\"major\":      (zh: \"较重\", en: \"major\"),\n",
        "",
    );
    let (code, err) = check(&scratch, &[]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("事件类型 `sampling_fail` 的等级 `major` 没有名称"),
        "{err}"
    );
}

#[test]
fn show_names_the_levels_of_an_event_kind_in_the_readers_language() {
    let zh = stdout(&cogov(&["show"]));
    assert!(zh.contains("严重 -20，较重 -10，一般 -5"), "{zh}");
    assert!(!zh.contains("municipal 2"), "{zh}");
    let en = stdout(&cogov(&["show", "--lang", "en"]));
    assert!(en.contains("critical -20, major -10"), "{en}");
}

#[test]
fn an_event_is_described_in_the_policys_words() {
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "base/messages/zh.ftl",
        "event-failed-item = { $item }［{ $class }］",
        "event-failed-item = { $item }（{ $class }）",
    );
    let out = crate::common::cogov_wide(&[
        "explain",
        "--policies",
        scratch.path().to_str().unwrap(),
        scenario("ceramics-credit/2024.ron").to_str().unwrap(),
        "--member",
        "91440604L8AAMRCQUT",
    ]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        text.contains(
            "2023-05-07 监督抽查不合格（较重）（抛光砖） 不合格项目：断裂模数（B 类（重要项目））"
        ),
        "{text}"
    );
}
