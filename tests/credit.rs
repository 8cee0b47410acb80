//! Member credit: every point accounted for, the policy's rules (caps, once-only kinds,
//! repeats, validity, repair, vetoes, late handling) and edits to `credit.ron` taking effect
//! without a rebuild.

use cogov::{Dataset, Outcome, PolicySet, evaluate};
use cogov::{MemberResult, ReasonRule};

use crate::common::{Scratch, cogov, policies, scenario, stderr, stdout};

const A: &str = "91440604MA4W00001Y";
const B: &str = "91440604MA4W000022";

fn code_ok() {
    for code in [A, B] {
        assert_eq!(cogov::credit_code::validate(code), Ok(()), "{code}");
    }
}

/// Evaluates the shipped base policies (or `root`) on two members with these events.
fn credit_of(root: &std::path::Path, events: &[&str]) -> Vec<MemberResult> {
    code_ok();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.ron");
    let events: Vec<String> = events
        .iter()
        .enumerate()
        .map(|(i, e)| format!("(id: \"X{i}\", {e})"))
        .collect();
    let text = format!(
        "Association(profile: (name: \"测试协会\", sector: \"base\", credit_code: \"51440600MJL100012B\"),\
         period: (id: \"2024\", start: \"2024-01-01\", end: \"2024-12-31\"),\
         members: [(code: \"{A}\", name: \"甲公司\"), (code: \"{B}\", name: \"乙公司\")],\
         events: [{}])",
        events.join(",")
    );
    std::fs::write(&path, text).unwrap();
    let policies = PolicySet::load(root, None).expect("policies load");
    let data = Dataset::load(&path, &policies).expect("data loads");
    evaluate(&policies, &data, None).expect("evaluates").members
}

fn member<'a>(members: &'a [MemberResult], code: &str) -> &'a MemberResult {
    members.iter().find(|m| m.id == code).unwrap()
}

#[test]
fn verified_complaints_are_capped_and_late_handling_costs_extra() {
    let events: Vec<String> = (0..7)
        .map(|d| {
            format!(
                "member: \"{A}\", date: \"2024-03-0{}\", kind: \"complaint_verified\", on_time: {}",
                d + 1,
                d != 0
            )
        })
        .collect();
    let refs: Vec<&str> = events.iter().map(String::as_str).collect();
    let m = credit_of(&policies(), &refs);
    // 7 × −2 and one late −1 = −15, capped at −10.
    assert_eq!(member(&m, A).score, 90.0);
    assert!(
        member(&m, A)
            .reasons
            .iter()
            .any(|r| r.rule == ReasonRule::Cap
                && r.points == 5.0
                && r.text.as_deref() == Some("经核实的消费投诉合计 -15，以 -10 为限")),
        "{:#?}",
        member(&m, A).reasons
    );
}

#[test]
fn once_only_kinds_count_once() {
    let m = credit_of(
        &policies(),
        &[
            &format!("member: \"{A}\", date: \"2024-02-01\", kind: \"commitment_signed\""),
            &format!("member: \"{A}\", date: \"2024-08-01\", kind: \"commitment_signed\""),
        ],
    );
    assert_eq!(member(&m, A).score, 102.0);
    assert!(
        member(&m, A)
            .reasons
            .iter()
            .any(|r| r.event.as_deref() == Some("X1") && r.rule == ReasonRule::Duplicate)
    );
}

#[test]
fn the_same_product_failing_twice_costs_the_repeat_points_once() {
    let fail = |d: &str, p: &str| {
        format!(
            "member: \"{A}\", date: \"{d}\", kind: \"sampling_fail\", level: \"minor\", product: \"{p}\", items: [(name: \"吸水率\", class: \"B\")]"
        )
    };
    let m = credit_of(
        &policies(),
        &[
            &fail("2024-03-01", "抛光砖"),
            &fail("2024-06-01", "抛光砖"),
            &fail("2024-07-01", "坐便器"),
        ],
    );
    // 3 × −5, plus −10 once for 抛光砖.
    assert_eq!(member(&m, A).score, 75.0);
    assert_eq!(member(&m, A).warnings[0].id, "repeated_failure");
}

#[test]
fn events_older_than_the_validity_window_no_longer_count() {
    let m = credit_of(
        &policies(),
        &[
            &format!("member: \"{A}\", date: \"2021-12-30\", kind: \"penalty\""),
            &format!("member: \"{B}\", date: \"2022-01-01\", kind: \"penalty\""),
        ],
    );
    // 1095 days back from 2024-12-31 is 2022-01-01.
    assert_eq!(member(&m, A).score, 100.0);
    assert_eq!(member(&m, B).score, 85.0);
}

#[test]
fn credit_repair_clears_earlier_failures_but_not_later_ones() {
    let fail = |d: &str| {
        format!(
            "member: \"{A}\", date: \"{d}\", kind: \"sampling_fail\", level: \"major\", product: \"P{d}\""
        )
    };
    let m = credit_of(
        &policies(),
        &[
            &fail("2024-02-01"),
            &format!("member: \"{A}\", date: \"2024-05-01\", kind: \"credit_repaired\""),
            &fail("2024-09-01"),
        ],
    );
    assert_eq!(member(&m, A).score, 90.0);
    assert!(
        member(&m, A)
            .reasons
            .iter()
            .any(|r| r.event.as_deref() == Some("X0") && r.rule == ReasonRule::Repaired)
    );
}

#[test]
fn a_penalty_caps_the_grade_at_c_and_a_blacklisting_means_d() {
    let m = credit_of(
        &policies(),
        &[
            &format!("member: \"{A}\", date: \"2024-02-01\", kind: \"penalty\""),
            &format!("member: \"{A}\", date: \"2024-02-02\", kind: \"honor\", level: \"national\""),
            &format!(
                "member: \"{A}\", date: \"2024-02-03\", kind: \"standard_led\", level: \"national\""
            ),
            &format!("member: \"{A}\", date: \"2024-02-04\", kind: \"certification\""),
            &format!("member: \"{B}\", date: \"2024-02-01\", kind: \"blacklisted\""),
            &format!("member: \"{B}\", date: \"2024-02-02\", kind: \"honor\", level: \"national\""),
        ],
    );
    let a = member(&m, A);
    assert_eq!(
        (a.score, a.grade.as_str()),
        (99.0, "C"),
        "B by score, capped at C"
    );
    assert_eq!(a.actions, ["excluded_from_awards", "credit_warning"]);
    assert!(a.reasons.iter().any(|r| r.rule == ReasonRule::Veto));
    assert_eq!(member(&m, B).grade, "D");
}

#[test]
fn every_members_reasons_add_up_to_its_score() {
    let policies = PolicySet::load(&policies(), Some("ceramics")).unwrap();
    let data = Dataset::load(&scenario("ceramics-credit/2024.ron"), &policies).unwrap();
    let outcome: Outcome = evaluate(&policies, &data, None).unwrap();
    assert_eq!(outcome.members.len(), 240);
    for m in &outcome.members {
        let sum: f64 = m.reasons.iter().map(|r| r.points).sum();
        assert!(
            (sum - m.score).abs() < 1e-6,
            "{}: reasons add up to {sum}, score is {}",
            m.id,
            m.score
        );
    }
}

#[test]
fn a_json_outcome_gives_each_member_one_line_and_reads_back_unchanged() {
    let policies = PolicySet::load(&policies(), Some("ceramics")).unwrap();
    let data = Dataset::load(&scenario("ceramics-credit/2024.ron"), &policies).unwrap();
    let outcome = evaluate(&policies, &data, None).unwrap();
    let json = outcome.to_json();
    for m in &outcome.members {
        let line = format!("{{\"id\":\"{}\",", m.id);
        let lines: Vec<&str> = json.lines().filter(|l| l.contains(&line)).collect();
        assert_eq!(lines.len(), 1, "{}", m.id);
        assert!(lines[0].contains("\"reasons\":["), "{}", lines[0]);
    }
    assert!(
        json.contains("\n  \"association\": {\n"),
        "the rest stays pretty"
    );
    let read: Outcome = serde_json::from_str(&json).unwrap();
    assert_eq!(read, outcome);
}

#[test]
fn escaped_strings_in_a_json_file_read_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.json");
    // `\u00e9`-style escapes and quotes in ids, kinds and products.
    let text = format!(
        r#"{{"profile": {{"name": "测试协会", "sector": "base", "credit_code": "51440600MJL100012B"}},
        "period": {{"id": "2024", "start": "2024-01-01", "end": "2024-12-31"}},
        "members": [{{"code": "{A}", "name": "甲公司"}}],
        "events": [
          {{"id": "e\"1", "member": "{A}", "date": "2024-03-01", "kind": "sampling_fail", "level": "major", "product": "\u91c9\u9762\u7816"}},
          {{"id": "e2", "member": "\u0039{}", "date": "2024-04-01", "kind": "sampling_\u0066ail", "level": "major", "product": "釉面砖"}}
        ]}}"#,
        &A[1..]
    );
    std::fs::write(&path, text).unwrap();
    let policies = PolicySet::load(&policies(), None).unwrap();
    let data = Dataset::load(&path, &policies).expect("escaped strings are read");
    let outcome = evaluate(&policies, &data, None).unwrap();
    let reasons = &outcome.members[0].reasons;
    let events: Vec<&str> = reasons.iter().filter_map(|r| r.event.as_deref()).collect();
    assert_eq!(events, ["e\"1", "e2"]);
    // Both failures are of the one product, written once with escapes and once without.
    assert!(
        reasons.iter().any(|r| r.rule == ReasonRule::Repeat),
        "{reasons:?}"
    );
}

#[test]
fn leaving_accounts_out_changes_nothing_but_the_account_lines() {
    use cogov::{Accounts, PreviousGrades, evaluate_with_grades};
    let policies = PolicySet::load(&policies(), Some("ceramics")).unwrap();
    let data = Dataset::load(&scenario("ceramics-credit/2024.ron"), &policies).unwrap();
    let grades = PreviousGrades::default();
    let full = evaluate_with_grades(&policies, &data, None, &grades, Accounts::Full).unwrap();
    let omitted = evaluate_with_grades(&policies, &data, None, &grades, Accounts::Omitted).unwrap();
    let mut stripped = full.clone();
    for m in &mut stripped.members {
        m.reasons.clear();
    }
    assert_eq!(omitted, stripped);
    let warned = |o: &Outcome| {
        o.members
            .iter()
            .filter(|m| m.warnings.iter().any(|w| w.id == "repeated_failure"))
            .count()
    };
    assert!(warned(&omitted) > 0, "repeated failures are still named");
}

#[test]
fn explain_member_lists_every_event_and_the_total() {
    let data = scenario("ceramics-credit/2024.ron");
    let out = cogov(&[
        "explain",
        data.to_str().unwrap(),
        "--member",
        "91440604J60TWXBXFQ",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("信用分 52  等级 D（严重失信）"), "{text}");
    assert!(text.contains("基础分 100"), "{text}");
    assert!(
        text.contains("CR2023-0252   -25  2023-06-20 监督抽查不合格"),
        "{text}"
    );
    assert!(
        text.contains("-10  同一产品多次抽查不合格：釉面砖（2 次）"),
        "{text}"
    );
    assert!(text.contains("合计 52\n"), "{text}");
}

#[test]
fn editing_credit_ron_changes_the_outcome_without_a_rebuild() {
    let scratch = Scratch::copy_of_shipped();
    let events = [&format!("member: \"{A}\", date: \"2024-02-01\", kind: \"penalty\"") as &str];
    assert_eq!(member(&credit_of(scratch.path(), &events), A).score, 85.0);
    scratch.edit("base/credit.ron", "points: Each(-15)", "points: Each(-20)");
    assert_eq!(member(&credit_of(scratch.path(), &events), A).score, 80.0);
    scratch.edit(
        "base/credit.ron",
        "(min: 85,  grade: \"B\"",
        "(min: 80,  grade: \"B\"",
    );
    scratch.edit(
        "base/credit.ron",
        "kind: \"penalty\", best: \"C\",",
        "kind: \"penalty\", best: \"B\",",
    );
    assert_eq!(member(&credit_of(scratch.path(), &events), A).grade, "B");
}

#[test]
fn a_nine_grade_scale_is_policy_alone() {
    let scratch = Scratch::copy_of_shipped();
    let text = std::fs::read_to_string(scratch.path().join("base/credit.ron")).unwrap();
    let start = text.find("  grades: [").unwrap();
    let end = start + text[start..].find("  ],\n").unwrap() + 5;
    let nine = r#"  grades: [
    (min: 110, grade: "AAA", zh: "信用极好", en: "Excellent"), (min: 105, grade: "AA", zh: "信用优良", en: "Very good"),
    (min: 100, grade: "A", zh: "信用较好", en: "Good"), (min: 95, grade: "BBB", zh: "信用一般", en: "Fair"),
    (min: 90, grade: "BB", zh: "信用欠佳", en: "Weak"), (min: 85, grade: "B", zh: "信用较差", en: "Poor"),
    (min: 75, grade: "CCC", zh: "信用很差", en: "Very poor"), (min: 65, grade: "CC", zh: "信用极差", en: "Bad"),
    (min: 0, grade: "C", zh: "没有信用", en: "None"),
  ],
"#;
    let edited = format!("{}{nine}{}", &text[..start], &text[end..]);
    // The old lowest grade D becomes C, taking D's actions; the old C's line goes.
    let edited = edited
        .replace("    \"C\": [\"excluded_from_awards\"],\n", "")
        .replace("\"D\"", "\"C\"")
        .replace("best: \"C\",", "best: \"CCC\",");
    std::fs::write(scratch.path().join("base/credit.ron"), edited).unwrap();
    let m = credit_of(
        scratch.path(),
        &[
            &format!("member: \"{A}\", date: \"2024-02-02\", kind: \"honor\", level: \"national\""),
            &format!(
                "member: \"{A}\", date: \"2024-02-03\", kind: \"standard_led\", level: \"national\""
            ),
            &format!("member: \"{B}\", date: \"2024-02-01\", kind: \"complaint_verified\""),
        ],
    );
    assert_eq!(member(&m, A).grade, "AAA");
    assert_eq!(member(&m, B).grade, "BBB");
}

#[test]
fn events_naming_unknown_members_kinds_or_levels_are_refused_with_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, format!(
        "Association(profile: (name: \"测试协会\", sector: \"base\", credit_code: \"51440600MJL100012B\"),\n\
         period: (id: \"2024\", start: \"2024-01-01\", end: \"2024-12-31\"),\n\
         members: [(code: \"{A}\", name: \"甲公司\"), (code: \"91440604MA4W000023\", name: \"丙公司\")],\n\
         events: [\n\
           (id: \"X1\", member: \"{B}\", date: \"2024-02-01\", kind: \"penalty\"),\n\
           (id: \"X2\", member: \"{A}\", date: \"2024-02-01\", kind: \"sampling_fial\", product: \"砖\"),\n\
           (id: \"X3\", member: \"{A}\", date: \"2024-02-01\", kind: \"honor\", level: \"county\"),\n\
           (id: \"X4\", member: \"{A}\", date: \"2025-01-01\", kind: \"certification\"),\n\
         ])"
    )).unwrap();
    let policies = PolicySet::load(&policies(), None).unwrap();
    let refused = Dataset::load(&path, &policies).expect_err("refused");
    let zh = refused.to_string();
    assert!(
        zh.contains("bad.ron:3:")
            && zh.contains(
                "会员 `丙公司` 的统一社会信用代码无效：第 18 位校验码 `3` 与前 17 位不符"
            ),
        "{zh}"
    );
    let problems = refused.render_plain(cogov::Lang::En);
    assert!(
        problems.contains("bad.ron:3:") && problems.contains("丙公司` has an invalid credit code"),
        "{problems}"
    );
    assert!(
        problems.contains("bad.ron:5:")
            && problems.contains(&format!("names member `{B}`, who is not on the roster")),
        "{problems}"
    );
    assert!(
        problems.contains("bad.ron:6:") && problems.contains("did you mean `sampling_fail`?")
            || problems.contains("`sampling_fial`, which the credit policy does not define"),
        "{problems}"
    );
    assert!(
        problems.contains("bad.ron:7:") && problems.contains("`county` is not a level of `honor`"),
        "{problems}"
    );
    assert!(
        problems.contains("bad.ron:8:") && problems.contains("after the period ends on 2024-12-31"),
        "{problems}"
    );
}

/// Sector warnings fired at one member in five (no minimum count): a warning now needs the
/// policy's `min_members` over the line.
#[test]
fn a_sector_warning_needs_its_minimum_count_of_members() {
    let warnings = |policies: &std::path::Path| {
        let out = cogov(&[
            "eval",
            "--policies",
            policies.to_str().unwrap(),
            scenario("sector-gas-appliances/2024.ron").to_str().unwrap(),
            "--format",
            "json",
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let outcome: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let ids: Vec<String> = outcome["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["id"].as_str().unwrap().to_string())
            .collect();
        ids
    };
    // One of five members graded D is 20 %, over the 5 % line, but one member is no trend.
    assert_eq!(warnings(&policies()), Vec::<String>::new());
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "base/credit.ron",
        "GradeShare(grades: [\"D\"], above: 0.05), min_members: 3,",
        "GradeShare(grades: [\"D\"], above: 0.05), min_members: 1,",
    );
    assert!(warnings(scratch.path()).contains(&"grade-d-share".to_string()));
    scratch.edit("base/credit.ron", "min_members: 1,", "min_members: 0,");
    let out = cogov(&["check", "--policies", scratch.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .contains("行业预警 `grade-d-share`（严重失信成员占比过高）的 `min_members` 至少为 1"),
        "{}",
        stderr(&out)
    );
}
