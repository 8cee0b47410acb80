//! Indicator C8 (质量信用管理机制) as the standard means it — archives kept current, restrictions
//! applied where grades called for them — and sector credit warnings (行业质量信用预警) dated
//! and shown in every report.

use crate::common::{cogov, scenario, stderr, stdout};

/// `cogov eval` of a scenario file in a format, its standard output.
fn eval_as(data: &str, format: &str) -> String {
    let path = scenario(data);
    let out = cogov(&["eval", path.to_str().unwrap(), "--format", format]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn sector_warnings_carry_their_date_and_appear_in_every_format() {
    // Lighting: two of six members graded C or D, over the 30 % line.
    let json: serde_json::Value =
        serde_json::from_str(&eval_as("sector-lighting/2024.ron", "json")).unwrap();
    let warning = &json["warnings"][0];
    assert_eq!(warning["date"], "2024-12-31", "{warning}");
    assert_eq!(warning["count"], 2, "{warning}");
    assert_eq!(warning["subject"], "C/D", "{warning}");
    let sentence = "失信风险及严重失信成员占比超过三成：2/6 家（33.33%）评为 C/D，超过 30%";
    let md = eval_as("sector-lighting/2024.ron", "md");
    assert!(md.contains("\n## 行业质量信用预警\n"), "{md}");
    assert!(
        md.contains(&format!(
            "| 2024-12-31 | {sentence} | C/D | 2 | 33.33% | 30% |\n"
        )),
        "{md}"
    );
    let html = eval_as("sector-lighting/2024.ron", "html");
    assert!(html.contains("<h2>行业质量信用预警</h2>"), "{html}");
    assert!(
        html.contains(&format!(
            "<tr><td>2024-12-31</td><td>{sentence}</td><td>C/D</td><td class=\"n\">2</td>\
             <td class=\"n\">33.33%</td><td class=\"n\">30%</td></tr>"
        )),
        "{html}"
    );
    let table = cogov(&[
        "eval",
        scenario("sector-lighting/2024.ron").to_str().unwrap(),
        "--lang",
        "en",
    ]);
    let table = stdout(&table);
    let section = table.split("Sector credit warnings").nth(1).unwrap();
    assert!(section.contains("As of"), "{table}");
    assert!(section.contains("2024-12-31"), "{table}");
}

#[test]
fn a_report_without_warnings_says_so_and_one_without_a_roster_has_no_warnings_section() {
    let md = eval_as("sector-coatings/2024.ron", "md");
    assert!(md.contains("\n## 行业质量信用预警\n\n无\n"), "{md}");
    let md = eval_as("well-run-association/2024.ron", "md");
    assert!(!md.contains("行业质量信用预警"), "{md}");
    let html = eval_as("well-run-association/2024.ron", "html");
    assert!(!html.contains("行业质量信用预警"), "{html}");
}

#[test]
fn an_outcome_written_before_warnings_were_dated_still_reads() {
    let json = eval_as("sector-lighting/2024.ron", "json");
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    for w in value["warnings"].as_array_mut().unwrap() {
        let w = w.as_object_mut().unwrap();
        w.remove("date");
        w.remove("count");
    }
    let outcome: cogov::Outcome = serde_json::from_value(value).expect("reads");
    assert_eq!(outcome.warnings[0].date, "");
    assert_eq!(outcome.warnings[0].count, 0);
}

const A: &str = "91440604MA4W00001Y";
const B: &str = "91440604MA4W000022";

/// An association file for 2024 with two members (`a` and `b` the rest of their roster
/// entries) and these events, in a temporary folder.
fn data_file(a: &str, b: &str, events: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.ron");
    let events: Vec<String> = events
        .iter()
        .enumerate()
        .map(|(i, e)| format!("(id: \"X{i}\", {e})"))
        .collect();
    let text = format!(
        "Association(profile: (name: \"测试协会\", sector: \"base\", credit_code: \"51440600MJL100012B\"),\n\
         period: (id: \"2024\", start: \"2024-01-01\", end: \"2024-12-31\"),\n\
         members: [\n\
         (code: \"{A}\", name: \"甲公司\"{a}),\n\
         (code: \"{B}\", name: \"乙公司\"{b}),\n\
         ],\n\
         events: [{}])\n",
        events.join(",")
    );
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// The outcome of a data file under the shipped base policies.
fn outcome_of(path: &std::path::Path) -> cogov::Outcome {
    let policies = cogov::PolicySet::load(&crate::common::policies(), None).expect("policies");
    let data = cogov::Dataset::load(path, &policies).expect("data loads");
    cogov::evaluate(&policies, &data, None).expect("evaluates")
}

fn fact(outcome: &cogov::Outcome, key: &str) -> f64 {
    match outcome.association.facts.get(key) {
        Some(cogov::FactValue::Number(n)) => *n,
        other => panic!("{key}: {other:?}"),
    }
}

/// Criterion `id`'s points and Chinese reason.
fn criterion(outcome: &cogov::Outcome, id: &str) -> (f64, String) {
    let c8 = outcome.indicator("C8").unwrap();
    let r = c8.reasons.iter().find(|r| r.criterion == id).unwrap();
    (r.points, r.text.clone())
}

#[test]
fn c8_3_counts_archives_updated_in_the_period_not_members_with_events_in_it() {
    // A clean year: no member has an event, both archives were updated at the year-end review.
    let (_dir, path) = data_file(
        ", archive_updated: \"2024-12-20\"",
        ", archive_updated: \"2024-12-20\"",
        &[],
    );
    let outcome = outcome_of(&path);
    assert_eq!(fact(&outcome, "members_archived"), 2.0);
    assert_eq!(criterion(&outcome, "C8.3").0, 2.0);
    // One archive last updated in 2023 is not current, whatever events the member had.
    let (_dir, path) = data_file(
        ", archive_updated: \"2023-12-20\"",
        ", archive_updated: \"2024-03-01\"",
        &[&format!(
            "member: \"{A}\", date: \"2024-05-01\", kind: \"certification\""
        )],
    );
    let outcome = outcome_of(&path);
    assert_eq!(fact(&outcome, "members_archived"), 1.0);
    assert_eq!(
        criterion(&outcome, "C8.3"),
        (0.0, "占比 50%，低于 80%".into())
    );
}

#[test]
fn c8_3_gives_the_ceramics_association_that_kept_every_archive_its_points() {
    let policies = cogov::PolicySet::load(&crate::common::policies(), Some("ceramics")).unwrap();
    let load = |year: &str| {
        let path = scenario(&format!("ceramics-credit/{year}.ron"));
        cogov::Dataset::load(&path, &policies).unwrap()
    };
    let before = cogov::evaluate(&policies, &load("2023"), None).unwrap();
    let outcome = cogov::evaluate(&policies, &load("2024"), Some(&before)).unwrap();
    assert_eq!(fact(&outcome, "members_archived"), 240.0);
    assert_eq!(fact(&outcome, "members_total"), 240.0);
    assert_eq!(criterion(&outcome, "C8.3").0, 2.0);
    // Kept every archive and applied every restriction: no action raised on C8.
    let c8: Vec<&str> = outcome
        .triggers
        .iter()
        .filter(|t| t.target == "C8")
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(c8, Vec::<&str>::new());
}

#[test]
fn c8_4_counts_restrictions_applied_not_members_whose_grade_brings_a_reward() {
    // Two members graded A: rewards only, so no restriction is due and none needs applying.
    let honour =
        |m: &str| format!("member: \"{m}\", date: \"2024-05-01\", kind: \"certification\"");
    let (_dir, path) = data_file("", "", &[&honour(A), &honour(B)]);
    let outcome = outcome_of(&path);
    assert_eq!(fact(&outcome, "credit_restrictions_due"), 0.0);
    assert_eq!(
        criterion(&outcome, "C8.4"),
        (1.0, "本期没有成员的信用等级需实施制约措施".into())
    );
    // A penalty caps 甲 at C, which calls for exclusion from awards and, with the penalty, a
    // credit warning; a blacklisting makes 乙 D, with four restrictions.
    let penalty = format!("member: \"{A}\", date: \"2024-05-01\", kind: \"penalty\"");
    let listed = format!("member: \"{B}\", date: \"2024-06-01\", kind: \"blacklisted\"");
    let events = [penalty.as_str(), listed.as_str()];
    let (_dir, path) = data_file("", "", &events);
    let outcome = outcome_of(&path);
    assert_eq!(fact(&outcome, "credit_restrictions_due"), 2.0);
    assert_eq!(fact(&outcome, "credit_restrictions_applied"), 0.0);
    assert_eq!(
        criterion(&outcome, "C8.4"),
        (0.0, "应实施制约措施 2 家，已落实 0 家（0%）".into())
    );
    // Only part of 甲's restrictions is not applied; 乙's all are.
    let (_dir, path) = data_file(
        ", applied: [\"excluded_from_awards\"]",
        ", applied: [\"credit_warning\", \"increase_sampling\", \"excluded_from_awards\", \"public_listing\"]",
        &events,
    );
    let outcome = outcome_of(&path);
    assert_eq!(fact(&outcome, "credit_restrictions_applied"), 1.0);
    assert_eq!(
        criterion(&outcome, "C8.4").1,
        "应实施制约措施 2 家，已落实 1 家（50%）"
    );
    let (_dir, path) = data_file(
        ", applied: [\"excluded_from_awards\", \"credit_warning\"]",
        ", applied: [\"credit_warning\", \"increase_sampling\", \"excluded_from_awards\", \"public_listing\"]",
        &events,
    );
    let outcome = outcome_of(&path);
    assert_eq!(
        criterion(&outcome, "C8.4"),
        (1.0, "应实施制约措施 2 家，已落实 2 家（100%）".into())
    );
}

#[test]
fn an_archive_updated_after_the_period_and_an_unknown_measure_are_refused_where_written() {
    let (_dir, path) = data_file(
        ", archive_updated: \"2025-01-06\"",
        ", applied: [\"public_listng\"]",
        &[],
    );
    let out = cogov(&["eval", path.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "data.ron:4:43: member `{A}` (甲公司) has its credit archive updated on 2025-01-06, \
             after the period ends on 2024-12-31"
        )),
        "{err}"
    );
    assert!(
        err.contains(
            "data.ron:5:43: member 乙公司 lists `public_listng` as applied, which is not an \
             action of the credit policy (`actions`)"
        ),
        "{err}"
    );
    assert!(err.contains("`public_listing`"), "{err}");
}

#[test]
fn a_roster_table_gives_archive_dates_and_measures_by_their_chinese_names() {
    let dir = tempfile::tempdir().unwrap();
    let (_data_dir, data) = data_file("", "", &[]);
    // The association file's own roster is replaced by the table's.
    let text = std::fs::read_to_string(&data).unwrap();
    let start = text.find("members:").unwrap();
    let end = text.find("events:").unwrap();
    let data_path = dir.path().join("data.ron");
    std::fs::write(&data_path, format!("{}{}", &text[..start], &text[end..])).unwrap();
    let roster = dir.path().join("会员名录.csv");
    std::fs::write(
        &roster,
        format!(
            "企业名称,统一社会信用代码,信用档案更新日期,已落实措施\n\
             甲公司,{A},2024年12月20日,不得参与评先评优、发出信用预警\n\
             乙公司,{B},2024-13-01,通报批评\n"
        ),
    )
    .unwrap();
    let out = cogov(&[
        "eval",
        data_path.to_str().unwrap(),
        roster.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("row 3"), "{err}");
    assert!(err.contains("`2024-13-01` is not a date"), "{err}");
    assert!(
        err.contains("`通报批评` is not a reward or restriction of the credit policy"),
        "{err}"
    );
    assert_eq!(err.matches("  × ").count(), 2, "{err}");
    std::fs::write(
        &roster,
        format!(
            "企业名称,统一社会信用代码,信用档案更新日期,已落实措施\n\
             甲公司,{A},2024年12月20日,不得参与评先评优、credit_warning\n\
             乙公司,{B},2023-12-01,/\n"
        ),
    )
    .unwrap();
    let policies = cogov::PolicySet::load(&crate::common::policies(), None).unwrap();
    let file = cogov::DataFile::read(&data_path).unwrap();
    let data = cogov::Dataset::check_with_tables(file, &[roster], &policies).expect("loads");
    let roster = data.members.as_ref().unwrap();
    let a = &roster.list[roster.find(A).unwrap()];
    assert_eq!(
        a.archive_updated.map(|d| d.to_string()).as_deref(),
        Some("2024-12-20")
    );
    assert_eq!(a.applied, ["excluded_from_awards", "credit_warning"]);
    let outcome = cogov::evaluate(&policies, &data, None).unwrap();
    assert_eq!(fact(&outcome, "members_archived"), 1.0);
}

#[test]
fn explain_c8_names_the_facts_it_counts_in_chinese() {
    let path = scenario("ceramics-credit/2024.ron");
    let out = crate::common::cogov_wide(&["explain", path.to_str().unwrap(), "--indicator", "C8"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for line in [
        "C8.3  2 / 2  占比 100%，达到 100% 得满分",
        "信用档案本期已更新的成员数（`members_archived`）= 240",
        "C8.4  1 / 1  应实施制约措施 7 家，已落实 7 家（100%）",
        "已落实制约措施的成员数（`credit_restrictions_applied`）= 7",
        "应实施制约措施的成员数（`credit_restrictions_due`）= 7",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
}
