//! What data may claim: facts within their declared range and relations, finite numbers, each
//! key written once, and products named one way wherever an event was written. Each test is
//! named after the defect it pins.

use std::path::{Path, PathBuf};

use cogov::{DataFile, Dataset, Lang, MemberResult, PolicySet, Problems, ReasonRule, evaluate};

use crate::common::{Scratch, policies};

/// A member on the roster of every file written here.
const A: &str = "91440604MA4W00001Y";

/// A folder with an association file; the file's facts, roster and events are given.
struct Data {
    dir: tempfile::TempDir,
}

impl Data {
    fn ron(facts: &str, events: &str) -> (Data, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2024.ron");
        let roster = if events.is_empty() {
            String::new()
        } else {
            format!(
                "  members: [(code: \"{A}\", name: \"佛山市金岭建材有限公司\")],\n  events: [\n{events}\n  ],\n"
            )
        };
        let text = format!(
            "Association(\n  profile: (name: \"测试协会\", sector: \"base\", credit_code: \"51440600MJL100012B\"),\n  period: (id: \"2024\", start: \"2024-01-01\", end: \"2024-12-31\"),\n  facts: {{\n{facts}\n  }},\n{roster})\n"
        );
        std::fs::write(&path, text).unwrap();
        (Data { dir }, path)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }
}

fn load_with(
    policies: &Path,
    path: &Path,
    tables: &[PathBuf],
) -> Result<(PolicySet, Dataset), Problems> {
    let set = PolicySet::load(policies, None).expect("policies load");
    let data = Dataset::check_with_tables(DataFile::read(path)?, tables, &set)?;
    Ok((set, data))
}

fn members_of(path: &Path, tables: &[PathBuf]) -> Vec<MemberResult> {
    let (set, data) = load_with(&policies(), path, tables).expect("data loads");
    evaluate(&set, &data, None).expect("evaluates").members
}

fn repeats(m: &MemberResult) -> usize {
    m.reasons
        .iter()
        .filter(|r| r.rule == ReasonRule::Repeat)
        .count()
}

/// Where each problem is and what it says, one line each.
fn lines(problems: &Problems, lang: Lang) -> Vec<String> {
    problems
        .0
        .iter()
        .map(|p| {
            let at = p.location();
            let file = at.rsplit('/').next().unwrap_or(&at).to_string();
            format!("{file}: {}", p.text(lang))
        })
        .collect()
}

fn failed(product: &str, date: &str, id: &str) -> String {
    format!(
        "    (id: \"{id}\", member: \"{A}\", date: \"{date}\", kind: \"sampling_fail\", level: \"minor\", product: \"{product}\"),"
    )
}

#[test]
fn a_product_with_a_full_width_space_was_a_second_product_and_missed_the_repeat_penalty() {
    let events = [
        failed("陶瓷砖", "2024-03-01", "S1"),
        failed("陶瓷砖\u{3000}", "2024-09-01", "S2"),
    ];
    let (_d, path) = Data::ron("", &events.join("\n"));
    let members = members_of(&path, &[]);
    assert_eq!(repeats(&members[0]), 1, "{:#?}", members[0].reasons);
    // 100 − 5 − 5 − 10 (the same product failed twice).
    assert_eq!(members[0].score, 80.0);
    let named: Vec<&str> = members[0]
        .reasons
        .iter()
        .filter_map(|r| r.text.as_deref())
        .filter(|t| t.contains("陶瓷砖"))
        .collect();
    assert!(
        named.iter().all(|t| !t.contains('\u{3000}')),
        "the product is shown as normalised: {named:?}"
    );
}

#[test]
fn a_product_written_in_full_width_in_a_table_was_another_product_than_in_the_file() {
    let (d, path) = Data::ron("", &failed("陶瓷砖(抛光砖)", "2024-03-01", "S1"));
    let notice = d.write(
        "抽查结果.csv",
        "序号,产品名称,生产企业,检验结论,不合格项目,抽查日期\n\
         1,陶瓷砖（抛光砖）,佛山市金岭建材有限公司,不合格,吸水率（A类）,2024-09-12\n",
    );
    let members = members_of(&path, &[notice]);
    assert_eq!(repeats(&members[0]), 1, "{:#?}", members[0].reasons);
}

#[test]
fn an_empty_product_satisfied_needs_product() {
    let events = [
        failed("", "2024-03-01", "S1"),
        failed("\u{3000} ", "2024-04-01", "S2"),
    ];
    let (_d, path) = Data::ron("", &events.join("\n"));
    let Err(problems) = load_with(&policies(), &path, &[]) else {
        panic!("empty products are refused");
    };
    let zh = lines(&problems, Lang::Zh);
    assert_eq!(zh.len(), 2, "{zh:#?}");
    assert!(
        zh[0].starts_with("2024.ron:9:")
            && zh[0].contains("`S1`（监督抽查不合格，`sampling_fail`）的产品名称为空"),
        "{zh:#?}"
    );
    assert!(zh[1].starts_with("2024.ron:10:"), "{zh:#?}");
    let en = lines(&problems, Lang::En);
    assert!(en[1].contains("has an empty `product`"), "{en:#?}");
    // The problem points at the product as written.
    let text = std::fs::read_to_string(&path).unwrap();
    let (line, col) = problems.0[0].line_col().unwrap();
    let at = text.lines().nth(line - 1).unwrap();
    assert!(
        at.chars()
            .skip(col - 1)
            .collect::<String>()
            .starts_with("product"),
        "{at}"
    );
}

/// The facts of a file as loaded, or its problems worded in `lang`.
fn fact_problems(facts: &str, lang: Lang) -> Vec<String> {
    let (_d, path) = Data::ron(facts, "");
    match load_with(&policies(), &path, &[]) {
        Ok(_) => Vec::new(),
        Err(problems) => lines(&problems, lang),
    }
}

#[test]
fn sixty_of_six_complaints_closed_on_time_were_scored_as_given() {
    let facts = "    \"complaints_received\": 6,\n    \"complaints_on_time\": 60,";
    assert_eq!(
        fact_problems(facts, Lang::Zh),
        [
            "2024.ron:6:27: 数据项 `complaints_on_time`（在公开时限内办结的投诉数）为 `60`，超过 `complaints_received`（受理消费投诉数）的 6"
        ]
    );
    assert_eq!(
        fact_problems(facts, Lang::En),
        [
            "2024.ron:6:27: `complaints_on_time` (Complaints closed within the published time limit) is `60`, more than the 6 of `complaints_received` (Consumer complaints received)"
        ]
    );
    let equal = "    \"complaints_received\": 6,\n    \"complaints_on_time\": 6,";
    assert!(fact_problems(equal, Lang::Zh).is_empty());
}

#[test]
fn five_hundred_of_ten_members_committed_were_scored_as_given() {
    let facts = "    \"members_total\": 10,\n    \"members_committed\": 500,\n    \"members_archived\": 11,";
    let zh = fact_problems(facts, Lang::Zh);
    assert_eq!(zh.len(), 2, "{zh:#?}");
    assert!(
        zh[0].starts_with("2024.ron:6:26: 数据项 `members_committed`（签署质量安全承诺的成员数）为 `500`，超过 `members_total`（成员单位数）的 10"),
        "{zh:#?}"
    );
    assert!(zh[1].starts_with("2024.ron:7:25: "), "{zh:#?}");
}

#[test]
fn an_organisation_rating_of_nine_on_a_zero_to_five_scale_was_scored_as_given() {
    assert_eq!(
        fact_problems("    \"organisation_rating\": 9,", Lang::Zh),
        [
            "2024.ron:5:28: 数据项 `organisation_rating`（社会组织评估等级（A 的个数，0–5））为 `9`，超过上限 5"
        ]
    );
    assert_eq!(
        fact_problems("    \"organisation_rating\": 9,", Lang::En),
        [
            "2024.ron:5:28: `organisation_rating` (Social organisation rating (number of A, 0–5)) is `9`, above its maximum of 5"
        ]
    );
    assert!(fact_problems("    \"organisation_rating\": 5,", Lang::Zh).is_empty());
}

#[test]
fn inf_nan_and_1e400_were_taken_for_numbers() {
    let facts =
        "    \"earmarked_funds\": inf,\n    \"trainees\": 1e400,\n    \"satisfaction_rate\": NaN,";
    let (_d, path) = Data::ron(facts, "");
    let Err(problems) = load_with(&policies(), &path, &[]) else {
        panic!("non-finite numbers are refused");
    };
    assert_eq!(
        lines(&problems, Lang::Zh),
        [
            "2024.ron:5:24: 数据项 `earmarked_funds`（专项资金（万元））的值 `inf` 不是有限的数",
            "2024.ron:6:17: 数据项 `trainees`（培训人次）的值 `1e400` 不是有限的数",
            "2024.ron:7:26: 数据项 `satisfaction_rate`（成员满意度（率））的值 `NaN` 不是有限的数",
        ]
    );
    assert!(
        problems.0[1]
            .advice(Lang::En)
            .is_some_and(|h| h.contains("`1e400`")),
        "{:?}",
        problems.0[1].advice(Lang::En)
    );
    // JSON has no `inf`; a number too large to hold is refused within it, as the parser
    // reads it.
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("2024.json");
    std::fs::write(
        &json,
        "{\"profile\": {\"name\": \"测试协会\", \"sector\": \"base\", \"credit_code\": \"51440600MJL100012B\"},\n\
         \"period\": {\"id\": \"2024\", \"start\": \"2024-01-01\", \"end\": \"2024-12-31\"},\n\
         \"facts\": {\"trainees\": 1e400}}",
    )
    .unwrap();
    let Err(problems) = load_with(&policies(), &json, &[]) else {
        panic!("1e400 is refused in JSON too");
    };
    assert!(
        problems.0[0].location().ends_with("2024.json:3:27"),
        "{problems}"
    );
}

#[test]
fn every_impossible_fact_is_reported_in_one_run_in_file_order() {
    let facts = "    \"organisation_rating\": 9,\n    \"complaints_received\": 6,\n    \"complaints_on_time\": 60,\n    \"trainees\": inf,\n    \"members_total\": 10,\n    \"members_committed\": 500,";
    let zh = fact_problems(facts, Lang::Zh);
    let at: Vec<&str> = zh.iter().map(|l| l.split(": ").next().unwrap()).collect();
    assert_eq!(
        at,
        [
            "2024.ron:5:28",
            "2024.ron:7:27",
            "2024.ron:8:17",
            "2024.ron:10:26"
        ]
    );
}

#[test]
fn a_fact_written_twice_silently_kept_the_last_value() {
    let facts = "    \"trainees\": 420,\n    \"liaison_meetings\": 4,\n    \"trainees\": 42,";
    let (_d, path) = Data::ron(facts, "");
    let Err(problems) = load_with(&policies(), &path, &[]) else {
        panic!("a repeated key is refused");
    };
    assert_eq!(
        lines(&problems, Lang::Zh),
        ["2024.ron:7:5: 数据项 `trainees`（培训人次）在 `facts` 中写了两次"]
    );
    assert_eq!(
        problems.0[0].advice(Lang::Zh).as_deref(),
        Some("第一次写在第 5 行第 5 列；请只保留一个")
    );
    assert_eq!(
        problems.0[0].advice(Lang::En).as_deref(),
        Some("the first is on line 5, column 5; keep one of them")
    );
}

#[test]
fn a_fact_written_twice_in_json_silently_kept_the_last_value() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("2024.json");
    std::fs::write(
        &json,
        "{\"profile\": {\"name\": \"测试协会\", \"sector\": \"base\", \"credit_code\": \"51440600MJL100012B\"},\n\
         \"period\": {\"id\": \"2024\", \"start\": \"2024-01-01\", \"end\": \"2024-12-31\"},\n\
         \"facts\": {\"trainees\": 420,\n  \"tainees\": 1, \"trainees\": 42, \"tainees\": 2}}",
    )
    .unwrap();
    let Err(problems) = load_with(&policies(), &json, &[]) else {
        panic!("a repeated key is refused");
    };
    let en = lines(&problems, Lang::En);
    assert_eq!(
        en,
        [
            "2024.json:4:3: `tainees` is not a fact the policies know",
            "2024.json:4:17: `trainees` (People trained) is written twice in `facts`",
            "2024.json:4:33: the key `tainees` is written twice in `facts`",
        ],
        "{en:#?}"
    );
    assert!(
        problems.0[2]
            .advice(Lang::En)
            .is_some_and(|h| h.contains("line 4, column 3")),
        "{:?}",
        problems.0[2].advice(Lang::En)
    );
}

#[test]
fn a_key_written_twice_in_a_policy_file_is_refused_naming_the_first() {
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "base/catalogue.ron",
        "    \"trainees\":",
        "    \"trainees\": (kind: Amount, zh: \"培训人次\", en: \"People trained\"),\n    \"trainees\":",
    );
    let Err(problems) = PolicySet::load(scratch.path(), None) else {
        panic!("a repeated key is refused");
    };
    let p = &problems.0[0];
    assert!(p.text(Lang::Zh).contains("`trainees`"), "{problems}");
    let (line, _) = p.line_col().unwrap();
    let advice = p.advice(Lang::Zh).unwrap();
    assert!(
        advice.starts_with(&format!("第一次出现在第 {} 行", line - 1)),
        "{advice}"
    );
}

#[test]
fn a_typed_fact_above_one_counted_from_the_roster_was_scored_as_given() {
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "base/catalogue.ron",
        "  facts: {",
        "  facts: {\n    \"members_trained\": (kind: Count, zh: \"参加培训的成员数\", en: \"Members trained\", at_most: \"members_total\"),\n    \"members_registered\": (kind: Count, zh: \"登记的成员数\", en: \"Members registered\"),",
    );
    scratch.edit(
        "base/catalogue.ron",
        "en: \"Member companies\", from_members: true",
        "en: \"Member companies\", from_members: true, at_most: \"members_registered\"",
    );
    let commitment = format!(
        "    (id: \"K1\", member: \"{A}\", date: \"2024-03-01\", kind: \"commitment_signed\"),"
    );
    let (_d, path) = Data::ron(
        "    \"members_trained\": 3,\n    \"members_registered\": 0,",
        &commitment,
    );
    let (set, data) =
        load_with(scratch.path(), &path, &[]).expect("loads: the roster is not counted yet");
    let Err(problems) = evaluate(&set, &data, None) else {
        panic!("the counted roster breaks both relations");
    };
    assert_eq!(
        lines(&problems, Lang::Zh),
        [
            "2024.ron:5:24: 数据项 `members_trained`（参加培训的成员数）为 `3`，超过按会员名录统计的 `members_total`（成员单位数）1",
            "2024.ron:6:27: 按会员名录统计的 `members_total`（成员单位数）为 1，超过数据项 `members_registered`（登记的成员数）的 `0`",
        ]
    );
    let en = lines(&problems, Lang::En);
    assert!(en[0].contains("counted from the member roster"), "{en:#?}");
}

#[test]
fn a_range_or_relation_the_catalogue_cannot_mean_is_refused() {
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "base/catalogue.ron",
        "  facts: {",
        "  facts: {\n    \"a\": (kind: YesNo, zh: \"甲\", en: \"A\", max: 1),\n    \"b\": (kind: Rate, zh: \"乙\", en: \"B\", max: 2),\n    \"c\": (kind: Count, zh: \"丙\", en: \"C\", min: 5, max: 3),\n    \"d\": (kind: Count, zh: \"丁\", en: \"D\", at_most: \"trainee\"),\n    \"e\": (kind: Count, zh: \"戊\", en: \"E\", at_most: \"e\"),\n    \"f\": (kind: Count, zh: \"己\", en: \"F\", at_most: \"a\", max: inf),",
    );
    let Err(problems) = PolicySet::load(scratch.path(), None) else {
        panic!("refused");
    };
    // Lines from the one that opens the facts.
    let text = std::fs::read_to_string(scratch.path().join("base/catalogue.ron")).unwrap();
    let facts = text.lines().position(|l| l == "  facts: {").unwrap() + 1;
    let zh: Vec<String> = problems
        .0
        .iter()
        .map(|p| format!("+{}: {}", p.line_col().unwrap().0 - facts, p.text(Lang::Zh)))
        .collect();
    assert_eq!(
        zh,
        [
            "+1: 事实 `a`（甲）是“是否”类，不能有 `max`",
            "+2: 事实 `b`（乙）的 `max` 为 2，超出其类型的范围：应为介于 0 到 1 之间的比例",
            "+3: 事实 `c`（丙）的下限 `min` 5 大于上限 `max` 3",
            "+4: 事实 `d`（丁）的 `at_most` 指向 `trainee`，但目录中没有声明这个事实",
            "+5: 事实 `e`（戊）的 `at_most` 指向它自己",
            "+6: `max` 必须是有限的数，实际为 inf",
            "+6: 事实 `f`（己）与 `a`（甲）不能比较大小：“是否”类事实没有大小",
        ],
        "{problems}"
    );
    assert!(
        problems.0[3]
            .advice(Lang::En)
            .is_some_and(|h| h.contains("`trainees`")),
        "{:?}",
        problems.0[3].advice(Lang::En)
    );
}
