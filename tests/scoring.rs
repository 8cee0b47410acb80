//! Scoring, roll-up and trigger rules, each on a small policy written out in the test.

use cogov::{Dataset, Outcome, PolicySet, evaluate};

const CATALOGUE: &str = r#"Catalogue(
  evidence: { "plan": (zh: "计划", en: "Plan"), "report": (zh: "报告", en: "Report") },
  facts: {
    "team": (kind: YesNo, zh: "团队", en: "Team"),
    "meetings": (kind: Count, zh: "会议", en: "Meetings"),
    "rate": (kind: Rate, zh: "满意度", en: "Satisfaction"),
  },
)"#;

const RUBRIC: &str = r#"Rubric(
  total: 20,
  grades: [(id: "excellent", min: 15, zh: "优秀", en: "Excellent"), (id: "pass", min: 10, zh: "合格", en: "Pass"), (id: "fail", min: 0, zh: "不合格", en: "Fail")],
  levels: [
    Level(id: "A1", zh: "基本", en: "Basic", points: 20, children: [
      Level(id: "B1", zh: "组织", en: "Organisation", points: 10, children: [
        Indicator(id: "C1", zh: "机构", en: "Body", points: 6, outcome: "…", criteria: [
          Evidence(kind: "plan", at_least: 2, points: 3),
          Fact(key: "team", points: 3),
        ]),
        Indicator(id: "C2", zh: "运作", en: "Operation", points: 4, outcome: "…", criteria: [
          Steps(fact: "meetings", steps: [(at_least: 2, points: 1), (at_least: 4, points: 4)]),
        ]),
      ]),
      Level(id: "B2", zh: "成效", en: "Effect", points: 10, children: [
        Indicator(id: "C3", zh: "满意", en: "Satisfaction", points: 10, outcome: "…", criteria: [
          AtLeast(fact: "rate", value: 0.8, points: 6),
          Evidence(kind: "report", points: 4),
        ]),
      ]),
    ]),
  ],
)"#;

const TRIGGERS: &str = r#"Triggers(triggers: [
  Trigger(id: "unmet", clause: "7.4 b", zh: "未达成", en: "Unmet", when: Below(share: 0.5),
          action: (zh: "改进", en: "Improve"), owner: (zh: "秘书处", en: "Secretariat"), due_days: 90),
  Trigger(id: "declined", clause: "7.4 d", zh: "下降", en: "Declined", when: Declined(by: 0),
          targets: Only(["C3"]),
          action: (zh: "纠正", en: "Correct"), owner: (zh: "团队", en: "Team"), due_days: 30),
])"#;

const CREDIT: &str = r#"Credit(
  base: 100, min: 0, max: 120, item_classes: {},
  events: { "honor": (zh: "荣誉", en: "Honour", points: Each(2)) },
  grades: [(min: 90, grade: "A", zh: "守信", en: "Trustworthy"), (min: 0, grade: "D", zh: "失信", en: "Untrustworthy")],
  actions: {},
)"#;

struct Fixture {
    dir: tempfile::TempDir,
    policies: PolicySet,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("policies/base")).unwrap();
    for (name, text) in [
        ("catalogue.ron", CATALOGUE),
        ("rubric.ron", RUBRIC),
        ("triggers.ron", TRIGGERS),
        ("credit.ron", CREDIT),
    ] {
        std::fs::write(dir.path().join("policies/base").join(name), text).unwrap();
    }
    // The shipped wording of reasons.
    cogov::copy_dir(
        &crate::common::policies().join("base/messages"),
        &dir.path().join("policies/base/messages"),
    )
    .unwrap();
    let policies =
        PolicySet::load(&dir.path().join("policies"), None).expect("fixture policies are valid");
    Fixture { dir, policies }
}

impl Fixture {
    /// Evaluates data with these facts and evidence `(indicator, kind)` records.
    fn eval(&self, facts: &str, evidence: &[(&str, &str)], previous: Option<&Outcome>) -> Outcome {
        // A run given a previous outcome is 2024's; one without, 2023's (the periods in order).
        let year = if previous.is_some() { 2024 } else { 2023 };
        let records: Vec<String> = evidence
            .iter()
            .enumerate()
            .map(|(n, (ind, kind))| format!("(id: \"E{n}\", indicator: \"{ind}\", kind: \"{kind}\", date: \"{year}-03-01\", title: \"t\")"))
            .collect();
        let text = format!(
            "Association(profile: (name: \"测试协会\", sector: \"base\", credit_code: \"51440600MJL100012B\"),\
             period: (id: \"{year}\", start: \"{year}-01-01\", end: \"{year}-12-31\"), facts: {{ {facts} }}, evidence: [{}])",
            records.join(",")
        );
        let path = self.dir.path().join("data.ron");
        std::fs::write(&path, text).unwrap();
        let data = Dataset::load(&path, &self.policies).expect("fixture data is valid");
        evaluate(&self.policies, &data, previous).expect("evaluates")
    }
}

fn score(outcome: &Outcome, id: &str) -> f64 {
    outcome
        .indicator(id)
        .map(|i| i.score)
        .or_else(|| {
            outcome
                .association
                .levels
                .iter()
                .find(|l| l.id == id)
                .map(|l| l.score)
        })
        .unwrap()
}

#[test]
fn evidence_earns_its_points_only_at_the_required_count() {
    let f = fixture();
    assert_eq!(score(&f.eval("", &[("C1", "plan")], None), "C1"), 0.0);
    let two = f.eval("", &[("C1", "plan"), ("C1", "plan")], None);
    assert_eq!(score(&two, "C1"), 3.0);
    assert_eq!(
        two.indicator("C1").unwrap().reasons[0].evidence,
        ["E0", "E1"]
    );
}

#[test]
fn a_yes_no_fact_earns_only_when_yes_and_says_when_not_reported() {
    let f = fixture();
    assert_eq!(score(&f.eval("\"team\": true", &[], None), "C1"), 3.0);
    assert_eq!(score(&f.eval("\"team\": false", &[], None), "C1"), 0.0);
    let missing = f.eval("", &[], None);
    assert_eq!(
        missing.indicator("C1").unwrap().reasons[1].text,
        "团队：未报告"
    );
}

#[test]
fn steps_earn_the_highest_step_reached() {
    let f = fixture();
    assert_eq!(score(&f.eval("\"meetings\": 1", &[], None), "C2"), 0.0);
    assert_eq!(score(&f.eval("\"meetings\": 3", &[], None), "C2"), 1.0);
    assert_eq!(score(&f.eval("\"meetings\": 4", &[], None), "C2"), 4.0);
}

#[test]
fn at_least_compares_with_the_threshold_inclusive() {
    let f = fixture();
    assert_eq!(score(&f.eval("\"rate\": 0.79", &[], None), "C3"), 0.0);
    assert_eq!(score(&f.eval("\"rate\": 0.8", &[], None), "C3"), 6.0);
}

#[test]
fn levels_sum_their_children_and_the_total_picks_its_grade_band() {
    let f = fixture();
    let o = f.eval(
        "\"team\": true, \"meetings\": 4, \"rate\": 0.9",
        &[("C1", "plan"), ("C1", "plan")],
        None,
    );
    assert_eq!(score(&o, "B1"), 10.0);
    assert_eq!(score(&o, "B2"), 6.0);
    assert_eq!(score(&o, "A1"), 16.0);
    assert_eq!(o.association.score, 16.0);
    assert_eq!(o.association.grade, "优秀");
    // Exactly at a band's minimum earns that band.
    let at_min = f.eval(
        "\"team\": true, \"meetings\": 4, \"rate\": 0.5",
        &[("C3", "report")],
        None,
    );
    assert_eq!(at_min.association.score, 11.0);
    assert_eq!(at_min.association.grade, "合格");
}

#[test]
fn below_fires_under_the_share_and_not_at_it() {
    let f = fixture();
    let o = f.eval("\"team\": true, \"meetings\": 3", &[], None);
    let fired: Vec<(&str, &str)> = o
        .triggers
        .iter()
        .map(|t| (t.target.as_str(), t.id.as_str()))
        .collect();
    // C1 3/6 is exactly half: not below. C2 1/4 and C3 0/10 are.
    assert_eq!(fired, [("C2", "unmet"), ("C3", "unmet")]);
    assert_eq!(
        o.triggers[0].due, "2024-03-30",
        "90 days after the period ends (2023-12-31)"
    );
    assert_eq!(o.triggers[0].clause, "7.4 b");
}

#[test]
fn declined_needs_a_previous_outcome_and_only_watches_its_targets() {
    let f = fixture();
    let before = f.eval("\"rate\": 0.9, \"meetings\": 4", &[("C3", "report")], None);
    let after = f.eval(
        "\"rate\": 0.5, \"meetings\": 1",
        &[("C3", "report")],
        Some(&before),
    );
    let declined: Vec<&str> = after
        .triggers
        .iter()
        .filter(|t| t.id == "declined")
        .map(|t| t.target.as_str())
        .collect();
    assert_eq!(
        declined,
        ["C3"],
        "C2 also fell but the trigger only targets C3"
    );
    assert!(
        after
            .triggers
            .iter()
            .any(|t| t.reason == "得分由上期 10 降至 4")
    );
}

#[test]
fn data_naming_unknown_facts_or_uncounted_evidence_is_refused() {
    let f = fixture();
    let path = f.dir.path().join("bad.ron");
    std::fs::write(
        &path,
        "Association(profile: (name: \"x\", sector: \"base\", credit_code: \"51440600MJL100012B\"),\
         period: (id: \"2024\", start: \"2024-01-01\", end: \"2024-12-31\"), facts: { \"teams\": true },\
         evidence: [(id: \"E1\", indicator: \"C2\", kind: \"plan\", date: \"2024-03-01\", title: \"t\")])",
    )
    .unwrap();
    let problems = Dataset::load(&path, &f.policies)
        .expect_err("refused")
        .render_plain(cogov::Lang::En);
    assert!(
        problems.contains("`teams` is not a fact the policies know"),
        "{problems}"
    );
    assert!(
        problems.contains("evidence `E1` is of kind `plan`, which `C2` does not count"),
        "{problems}"
    );
}
