//! A runaway script is stopped well under a second and reported with its file and indicator;
//! the evaluation fails rather than scoring zero. `check` runs every scorer once on data that
//! reports nothing and on its examples, so the scripts here misbehave only when the data
//! reports a rate, and run without examples: what they pin is the guard at evaluation time.

use std::time::{Duration, Instant};

use crate::common::{Scratch, scenario};

/// Well-behaved when nothing is reported, as `check` tries it.
const QUIET_WITHOUT_DATA: &str = "fn score(ctx) { if ctx.fact(\"satisfaction_rate\") == () { return #{ points: 0.0, reasons: [\"未报告\"] }; } ";

fn evaluate_with(script: &str) -> (Result<cogov::Outcome, cogov::Problems>, Duration) {
    let scratch = Scratch::copy_of_shipped();
    let script = script.replacen("fn score(ctx) { ", QUIET_WITHOUT_DATA, 1);
    scratch.write("base/scorers/satisfaction.rhai", &script);
    // The shipped examples report a rate, and would stop these scripts at `check`.
    scratch.edit(
        "base/rubric.ron",
        ", examples: [(facts: {\"satisfaction_rate\": 0.95}, previous: {\"satisfaction_rate\": 0.9}, points: 7), (facts: {\"satisfaction_rate\": 0.75}, points: 3.5)]",
        "",
    );
    let policies = cogov::PolicySet::load(scratch.path(), None).expect("the script compiles");
    let data = cogov::Dataset::load(&scenario("well-run-association/2024.ron"), &policies).unwrap();
    let started = Instant::now();
    let result = cogov::evaluate(&policies, &data, None);
    (result, started.elapsed())
}

#[test]
fn a_script_that_loops_forever_is_stopped_and_named() {
    let (result, took) = evaluate_with("fn score(ctx) { let n = 0; loop { n += 1; } }");
    let refused = result.expect_err("a runaway script fails the evaluation");
    let problems = refused.render_plain(cogov::Lang::En);
    assert!(took < Duration::from_secs(1), "took {took:?}");
    assert!(
        problems.contains("base/scorers/satisfaction.rhai"),
        "{problems}"
    );
    assert!(
        problems.contains("ran too long and was stopped"),
        "{problems}"
    );
    assert!(problems.contains("while scoring C19"), "{problems}");
    let zh = refused.to_string();
    assert!(
        zh.contains("脚本运行时间过长，已被停止（可能陷入了死循环）"),
        "{zh}"
    );
}

#[test]
fn a_script_that_builds_a_huge_string_is_stopped_and_named() {
    let (result, took) = evaluate_with("fn score(ctx) { let s = \"质量\"; loop { s += s; } }");
    let problems = result
        .expect_err("a runaway script fails the evaluation")
        .render_plain(cogov::Lang::En);
    assert!(took < Duration::from_secs(1), "took {took:?}");
    assert!(problems.contains("built a value too large"), "{problems}");
    assert!(problems.contains("while scoring C19"), "{problems}");
}

#[test]
fn deep_recursion_is_stopped() {
    let (result, _) = evaluate_with("fn dig(n) { dig(n + 1) } fn score(ctx) { dig(0) }");
    assert!(result.is_err(), "recursion fails the evaluation");
    let problems = result
        .expect_err("recursion fails the evaluation")
        .render_plain(cogov::Lang::En);
    assert!(
        problems.contains("called functions too deeply"),
        "{problems}"
    );
}

#[test]
fn scripts_that_eval_or_import_are_refused_when_the_policies_load() {
    for script in [
        "import \"secrets\" as s;\nfn score(ctx) { #{ points: 0.0 } }",
        "fn score(ctx) { eval(\"1\") }",
    ] {
        let scratch = Scratch::copy_of_shipped();
        scratch.write("base/scorers/satisfaction.rhai", script);
        let problems = cogov::PolicySet::load(scratch.path(), None)
            .err()
            .expect("refused")
            .render_plain(cogov::Lang::En);
        assert!(problems.contains("satisfaction.rhai"), "{problems}");
        assert!(
            problems.contains("the script does not compile"),
            "{problems}"
        );
    }
}

#[test]
fn a_scorer_giving_more_than_its_points_is_an_error_not_a_clamp() {
    let (result, _) = evaluate_with("fn score(ctx) { #{ points: 99.0, reasons: [\"多\"] } }");
    let problems = result
        .expect_err("out-of-range points refused")
        .render_plain(cogov::Lang::En);
    assert!(
        problems.contains("the scorer gave 99 points, outside 0 to 7"),
        "{problems}"
    );
}

#[test]
fn a_misspelt_function_is_caught_when_the_policies_load() {
    let scratch = Scratch::copy_of_shipped();
    scratch.write(
        "base/scorers/satisfaction.rhai",
        "fn score(ctx) {\n    let rate = ctx.facts(\"satisfaction_rate\");\n    #{ points: 0.0 }\n}\n",
    );
    let problems = cogov::PolicySet::load(scratch.path(), None)
        .err()
        .expect("refused")
        .render_plain(cogov::Lang::En);
    assert!(
        problems.contains("base/scorers/satisfaction.rhai:2:"),
        "{problems}"
    );
    assert!(
        problems.contains("the script calls `facts`, which is not a function scripts may use"),
        "{problems}"
    );
}

#[test]
fn a_scorer_that_loops_on_data_reporting_nothing_is_refused_by_check() {
    let scratch = Scratch::copy_of_shipped();
    scratch.write(
        "base/scorers/satisfaction.rhai",
        "fn score(ctx) { let n = 0; loop { n += 1; } }",
    );
    let problems = cogov::PolicySet::load(scratch.path(), None)
        .err()
        .expect("refused")
        .render_plain(cogov::Lang::En);
    assert!(
        problems.contains(
            "ran too long and was stopped (it may loop forever), while checking criterion C19.2"
        ),
        "{problems}"
    );
}
