//! The change report: what moved between two outcomes, in text (zh and en) and JSON.

use cogov::Lang;
use cogov::{ChangeReport, Direction, GradeScale, NAMED_MEMBERS};
use cogov::{MemberResult, Note};
use unicode_width::UnicodeWidthStr;

use crate::common::{Scratch, evaluate_under, move_a_point_from_c20_to_c21, policies, scenario};

/// The rubric-revision association under the shipped rubric and under the revision.
fn before_and_after() -> ChangeReport {
    let data = scenario("rubric-revision/2024.ron");
    let scratch = Scratch::copy_of_shipped();
    move_a_point_from_c20_to_c21(&scratch);
    let (old_set, before) = evaluate_under(&policies(), &data);
    let (new_set, after) = evaluate_under(scratch.path(), &data);
    let scale = GradeScale::of(&new_set).or_else(&GradeScale::of(&old_set));
    ChangeReport::between(&before, &after, &scale)
}

#[test]
fn the_same_outcome_twice_changes_nothing_and_says_so_in_one_line() {
    let (set, outcome) = evaluate_under(&policies(), &scenario("rubric-revision/2024.ron"));
    let report = ChangeReport::between(&outcome, &outcome, &GradeScale::of(&set));
    assert!(report.is_empty());
    assert_eq!(
        report.to_text(Lang::Zh),
        "佛山市家具行业协会（51440605MJL400045P）2024：结果无变化\n"
    );
    assert_eq!(
        report.to_text(Lang::En),
        "佛山市家具行业协会 (51440605MJL400045P) 2024: no result changed\n"
    );
}

#[test]
fn moving_a_point_reports_the_indicators_levels_total_grade_and_withdrawn_action() {
    let report = before_and_after();
    assert!(!report.is_empty());
    type ScoreOutOf = Option<(f64, f64)>;
    let moved: Vec<(&str, ScoreOutOf, ScoreOutOf)> = report
        .indicators
        .iter()
        .map(|n| {
            let pair = |p: Option<cogov::Points>| p.map(|p| (p.score, p.max));
            (n.id.as_str(), pair(n.from), pair(n.to))
        })
        .collect();
    assert_eq!(
        moved,
        [
            ("C20", Some((2.0, 4.0)), Some((2.0, 3.0))),
            ("C21", Some((1.0, 3.0)), Some((2.0, 4.0))),
        ]
    );
    let levels: Vec<&str> = report.levels.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(levels, ["A3", "B8"], "A1, A2, B1–B7 and B9 did not move");
    assert_eq!(
        (report.total.from.score, report.total.to.score),
        (74.0, 75.0)
    );
    assert_eq!(
        (report.grade.from.as_str(), report.grade.to.as_str()),
        ("合格", "良好")
    );
    assert_eq!(report.grade.direction, Some(Direction::Up));
    let withdrawn: Vec<(&str, &str)> = report
        .triggers
        .disappeared
        .iter()
        .map(|t| (t.id.as_str(), t.target.as_str()))
        .collect();
    assert_eq!(withdrawn, [("unmet", "C20")]);
    assert!(report.triggers.appeared.is_empty());
    assert_ne!(report.policy.from, report.policy.to);
    assert_eq!(report.data.from, report.data.to);
}

#[test]
fn the_text_names_what_moved_in_either_language_with_aligned_columns() {
    let report = before_and_after();
    let zh = report.to_text(Lang::Zh);
    assert!(
        zh.contains("总分 74 → 75 / 100（+1）    等级 合格 → 良好（升）"),
        "{zh}"
    );
    assert!(zh.contains("改进措施：新增 0，撤销 1"), "{zh}");
    let rows: Vec<&str> = zh
        .lines()
        .skip_while(|l| !l.starts_with("指标"))
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(rows.len(), 2 + 4, "header, rule, A3, B8, C20, C21:\n{zh}");
    let ends: Vec<usize> = rows.iter().map(|r| r.width()).collect();
    assert!(
        ends.iter().all(|w| *w == ends[0]),
        "right-aligned columns end together:\n{zh}"
    );
    let en = report.to_text(Lang::En);
    assert!(
        en.contains("Total 74 → 75 / 100 (+1)    Grade Pass → Good (up)"),
        "{en}"
    );
    assert!(en.contains("C21  Promotion in the sector"), "{en}");
    assert!(en.contains("withdrawn  C20"), "{en}");
}

#[test]
fn the_json_is_deterministic_and_gives_both_sides_of_every_move() {
    let report = before_and_after();
    let json = report.to_json();
    assert_eq!(json, before_and_after().to_json());
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["grade"]["direction"], "up");
    assert_eq!(value["indicators"][1]["id"], "C21");
    assert_eq!(value["indicators"][1]["from"]["max"], 3.0);
    assert_eq!(value["indicators"][1]["to"]["max"], 4.0);
    assert_eq!(value["triggers"]["disappeared"][0]["target"], "C20");
    assert_eq!(value["members"]["changed"], 0);
}

fn member(id: &str, score: f64, grade: &str, warnings: &[(&str, &str)]) -> MemberResult {
    MemberResult {
        id: id.to_string(),
        name: format!("成员{id}"),
        score,
        grade: grade.to_string(),
        actions: Vec::new(),
        warnings: warnings
            .iter()
            .map(|(id, text)| Note {
                id: id.to_string(),
                text: text.to_string(),
                text_en: id.replace('_', " "),
                code: String::new(),
                args: Default::default(),
            })
            .collect(),
        reasons: Vec::new(),
    }
}

#[test]
fn member_grade_changes_are_counted_up_and_down_and_the_first_named_by_credit_code() {
    let (set, outcome) = evaluate_under(&policies(), &scenario("rubric-revision/2024.ron"));
    let mut before = outcome.clone();
    let mut after = outcome;
    // Listed out of order on purpose: the report names members by credit code.
    for n in (0..15).rev() {
        let id = format!("M{n:02}");
        before.members.push(member(&id, 90.0, "B", &[]));
        let (score, grade) = match n {
            0..=7 => (80.0, "C"),   // eight down
            8..=11 => (100.0, "A"), // four up
            _ => (92.0, "B"),       // three keep their grade
        };
        let warnings: &[(&str, &str)] = if n == 0 {
            &[("grade_drop", "信用等级下降")]
        } else {
            &[]
        };
        after.members.push(member(&id, score, grade, warnings));
    }
    before
        .members
        .push(member("M99", 70.0, "C", &[("rectifying", "整改中")]));
    after.members.push(member("M50", 100.0, "A", &[]));

    let report = ChangeReport::between(&before, &after, &GradeScale::of(&set));
    let m = &report.members;
    assert_eq!((m.compared, m.changed, m.up, m.down), (15, 12, 4, 8));
    assert_eq!((m.joined, m.left), (1, 1));
    let named: Vec<&str> = m.named.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(named.len(), NAMED_MEMBERS);
    assert_eq!(
        named,
        [
            "M00", "M01", "M02", "M03", "M04", "M05", "M06", "M07", "M08", "M09"
        ]
    );
    assert_eq!(m.named[8].direction, Some(Direction::Up));
    let raised: Vec<(&str, &str)> = report
        .warnings
        .appeared
        .iter()
        .map(|w| (w.member.as_str(), w.text.as_str()))
        .collect();
    assert_eq!(raised, [("M00", "信用等级下降")]);
    assert_eq!(report.warnings.disappeared[0].member, "M99");
    let zh = report.to_text(Lang::Zh);
    assert!(
        zh.contains("成员信用等级：15 家中 12 家变化（升 4，降 8）；新加入 1 家，退出 1 家"),
        "{zh}"
    );
    assert!(zh.contains("（另有 2 家未列出）"), "{zh}");
    assert!(zh.contains("成员预警：新增 1，解除 1"), "{zh}");
}

#[test]
fn completing_a_measure_moves_its_action_from_overdue_to_closed_in_the_change_report() {
    let policies = cogov::PolicySet::load(&policies(), None).expect("shipped policies");
    let data = |text: &str| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2025.ron");
        std::fs::write(&path, text).unwrap();
        let set = cogov::Dataset::load(&path, &policies).expect("data");
        (dir, set)
    };
    let s = |y: &str| scenario(&format!("improving-association/{y}.ron"));
    let load = |p: &std::path::Path| cogov::Dataset::load(p, &policies).expect("data");
    let o23 = cogov::evaluate(&policies, &load(&s("2023")), None).unwrap();
    let o24 = cogov::evaluate(&policies, &load(&s("2024")), Some(&o23)).unwrap();
    let text = std::fs::read_to_string(s("2025")).unwrap();
    let (_a, as_shipped) = data(&text);
    let done = text.replace(
        "note: \"已向区市场监管局咨询",
        "completed: true, note: \"已向区市场监管局咨询",
    );
    let (_b, completed) = data(&done);
    let before = cogov::evaluate(&policies, &as_shipped, Some(&o24)).unwrap();
    let after = cogov::evaluate(&policies, &completed, Some(&o24)).unwrap();
    let report = ChangeReport::between(&before, &after, &GradeScale::of(&policies));
    let moved: Vec<(&str, &str)> = report
        .follow_ups
        .iter()
        .map(|f| (f.action_id.as_str(), f.reason.as_str()))
        .collect();
    assert_eq!(moved.len(), 1, "{moved:?}");
    assert_eq!(moved[0].0, "C22/unmet-twice");
    let text = report.to_text(Lang::Zh);
    assert!(text.contains("上期改进行动的跟进有变化（1 项）"), "{text}");
    assert!(text.contains("已逾期 → 已关闭"), "{text}");
    assert_eq!(
        report.follow_ups[0].to.map(|s| s.closed_by),
        Some(Some(cogov::ClosedBy::Measure))
    );
}
