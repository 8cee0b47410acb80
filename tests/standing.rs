//! Standing documents: plans, rules and codes adopted once and in force for years count in
//! every period while they are in force (on the period's first day at least), with their
//! adoption and validity in the criterion's reason; a record dated before the period without a
//! validity is refused as before.

use std::path::{Path, PathBuf};

use cogov::{Dataset, Lang, Outcome, PolicySet, Problems, evaluate};

use crate::common::{Scratch, policies, scenario};

/// An association file for 2024 with these evidence records, in a folder of its own.
fn data(evidence: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2024.ron");
    let records: Vec<String> = evidence.iter().map(|e| format!("    {e},")).collect();
    let text = format!(
        "Association(\n  profile: (name: \"测试协会\", sector: \"base\", credit_code: \"51440600MJL100012B\"),\n  period: (id: \"2024\", start: \"2024-01-01\", end: \"2024-12-31\"),\n  evidence: [\n{}\n  ],\n)\n",
        records.join("\n")
    );
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

fn plan(id: &str, date: &str) -> String {
    format!(
        "(id: \"{id}\", indicator: \"C4\", kind: \"quality_development_plan\", date: \"{date}\", title: \"行业质量发展规划（三年）\")"
    )
}

fn outcome(policies: &Path, path: &Path) -> Result<Outcome, Problems> {
    let set = PolicySet::load(policies, None).expect("policies load");
    let data = Dataset::load(path, &set)?;
    Ok(evaluate(&set, &data, None).expect("evaluates"))
}

/// Points and reason (zh, en) of a criterion.
fn criterion(o: &Outcome, id: &str) -> (f64, String, String) {
    let r = o
        .association
        .indicators
        .iter()
        .flat_map(|i| &i.reasons)
        .find(|r| r.criterion == id)
        .expect("criterion");
    (r.points, r.text.clone(), r.text_en.clone())
}

fn problems(path: &Path, lang: Lang) -> Vec<String> {
    match outcome(&policies(), path) {
        Ok(_) => Vec::new(),
        Err(p) => {
            p.0.iter()
                .map(|p| {
                    let at = p.location();
                    format!("{}: {}", at.rsplit('/').next().unwrap(), p.text(lang))
                })
                .collect()
        }
    }
}

#[test]
fn a_three_year_plan_adopted_before_the_period_was_refused_as_outside_the_period() {
    let (_d, path) = data(&[&plan("E1", "2023-03-01")]);
    let o = outcome(&policies(), &path).expect("the plan is in force in 2024");
    let (points, zh, en) = criterion(&o, "C4.1");
    assert_eq!(points, 2.0);
    assert_eq!(
        zh,
        "行业质量发展规划：1 份（需 ≥1）；E1 2023-03-01 通过，有效期至 2026-02-28"
    );
    assert_eq!(
        en,
        "Industry quality development plan: 1 (needs ≥ 1); E1 adopted 2023-03-01, in force until 2026-02-28"
    );
    // A plan adopted within the period says nothing more.
    let (_d, path) = data(&[&plan("E1", "2024-03-01")]);
    let o = outcome(&policies(), &path).expect("loads");
    assert_eq!(criterion(&o, "C4.1").1, "行业质量发展规划：1 份（需 ≥1）");
}

#[test]
fn a_plan_counts_while_it_is_in_force_on_the_first_day_of_the_period() {
    // In force until 2024-01-01: the period's first day.
    let (_d, path) = data(&[&plan("E1", "2021-01-02")]);
    assert_eq!(problems(&path, Lang::Zh), Vec::<String>::new());
    // In force until 2023-12-31: expired when the period began.
    let (_d, path) = data(&[&plan("E1", "2021-01-01")]);
    assert_eq!(
        problems(&path, Lang::Zh),
        [
            "2024.ron:5:67: 证据 `E1`（行业质量发展规划）于 2021-01-01 通过，有效期至 2023-12-31，统计期 2024-01-01 开始时已失效"
        ]
    );
    assert_eq!(
        problems(&path, Lang::En),
        [
            "2024.ron:5:67: evidence `E1` (Industry quality development plan) was adopted on 2021-01-01 and in force until 2023-12-31: it had expired when the period began on 2024-01-01"
        ]
    );
}

#[test]
fn a_record_dated_before_the_period_without_a_validity_is_still_refused() {
    let annual = "(id: \"E2\", indicator: \"C4\", kind: \"annual_plan\", date: \"2023-12-20\", title: \"2023 年度工作计划\")";
    let (_d, path) = data(&[annual]);
    let Err(found) = outcome(&policies(), &path) else {
        panic!("an annual plan of last year does not count");
    };
    assert_eq!(
        found.0[0].text(Lang::Zh),
        "证据 `E2` 的日期为 2023-12-20，不在统计期 2024-01-01 至 2024-12-31 内"
    );
    assert!(
        found.0[0]
            .advice(Lang::En)
            .is_some_and(|h| h.contains("`valid_for`") && h.contains("`valid_until`")),
        "{:?}",
        found.0[0].advice(Lang::En)
    );
    // Nor does a plan dated after the period, however long it is valid.
    let (_d, path) = data(&[&plan("E1", "2025-01-05")]);
    assert_eq!(problems(&path, Lang::Zh).len(), 1);
}

#[test]
fn a_record_may_say_how_long_it_is_in_force() {
    let annual = "(id: \"E2\", indicator: \"C4\", kind: \"annual_plan\", date: \"2023-07-01\", valid_until: \"2024-06-30\", title: \"2023—2024 年度工作计划\")";
    let (_d, path) = data(&[annual, &plan("E1", "2023-03-01")]);
    let o = outcome(&policies(), &path).expect("both count");
    let (points, zh, _) = criterion(&o, "C4.3");
    assert_eq!(points, 1.0);
    assert!(
        zh.ends_with("E2 2023-07-01 通过，有效期至 2024-06-30"),
        "{zh}"
    );
    // Its own validity overrides its kind's.
    let short = "(id: \"E1\", indicator: \"C4\", kind: \"quality_development_plan\", date: \"2022-03-01\", valid_until: \"2023-03-01\", title: \"规划\")";
    let (_d, path) = data(&[short]);
    assert!(problems(&path, Lang::Zh)[0].contains("有效期至 2023-03-01"));
    let reversed = "(id: \"E1\", indicator: \"C4\", kind: \"quality_development_plan\", date: \"2024-03-01\", valid_until: \"2024-02-01\", title: \"规划\")";
    let (_d, path) = data(&[reversed]);
    assert_eq!(
        problems(&path, Lang::Zh),
        ["2024.ron:5:87: 证据 `E1` 的有效期至 2024-02-01，早于它自己的日期 2024-03-01"]
    );
}

#[test]
fn improving_association_carries_its_plans_and_rules_once_with_their_adoption_dates() {
    let dates = |year: &str| -> Vec<(String, String)> {
        let text = std::fs::read_to_string(scenario(&format!("improving-association/{year}.ron")))
            .unwrap();
        text.lines()
            .filter(|l| l.contains("_rule\"") || l.contains("_plan\"") || l.contains("_code\""))
            .filter(|l| !l.contains("annual_plan"))
            .map(|l| {
                let id = l.split("id: \"").nth(1).unwrap()[..4].to_string();
                let date = l.split("date: \"").nth(1).unwrap()[..10].to_string();
                (id, date)
            })
            .collect()
    };
    let (y2024, y2025) = (dates("2024"), dates("2025"));
    assert_eq!(y2024.len(), 6);
    for (id, date) in &y2025 {
        assert!(date.as_str() < "2025-01-01", "{id} re-dated {date}");
        if let Some((_, before)) = y2024.iter().find(|(i, _)| i == id) {
            assert_eq!(date, before, "{id}");
        }
    }
}

#[test]
fn a_validity_that_is_no_length_of_time_is_refused() {
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "base/catalogue.ron",
        "en: \"Co-governance work plan\", valid_for: \"3y\"",
        "en: \"Co-governance work plan\", valid_for: \"三年\"",
    );
    let Err(found) = PolicySet::load(scratch.path(), None) else {
        panic!("refused");
    };
    assert_eq!(
        found.0[0].text(Lang::Zh),
        "证据类型 `cogov_work_plan`（质量共治工作规划）的有效期 `valid_for` 写成了 `三年`，无法识别"
    );
    assert!(
        found.0[0].location().ends_with("catalogue.ron:31:90"),
        "{}",
        found.0[0].location()
    );
}
