//! A runaway script is stopped well under a second and reported with its file and indicator;
//! the evaluation fails rather than scoring zero.

use std::time::{Duration, Instant};

use crate::common::{Scratch, scenario};

fn evaluate_with(script: &str) -> (Result<cogov::Outcome, cogov::Problems>, Duration) {
    let scratch = Scratch::copy_of_shipped();
    scratch.write("base/scorers/satisfaction.rhai", script);
    let policies = cogov::PolicySet::load(scratch.path(), None).expect("the script compiles");
    let data = cogov::Dataset::load(&scenario("well-run-association/2024.ron"), &policies).unwrap();
    let started = Instant::now();
    let result = cogov::evaluate(&policies, &data, None);
    (result, started.elapsed())
}

#[test]
fn a_script_that_loops_forever_is_stopped_and_named() {
    let (result, took) = evaluate_with("fn score(ctx) { let n = 0; loop { n += 1; } }");
    let problems = result
        .expect_err("a runaway script fails the evaluation")
        .to_string();
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
}

#[test]
fn a_script_that_builds_a_huge_string_is_stopped_and_named() {
    let (result, took) = evaluate_with("fn score(ctx) { let s = \"质量\"; loop { s += s; } }");
    let problems = result
        .expect_err("a runaway script fails the evaluation")
        .to_string();
    assert!(took < Duration::from_secs(1), "took {took:?}");
    assert!(problems.contains("built a value too large"), "{problems}");
    assert!(problems.contains("while scoring C19"), "{problems}");
}

#[test]
fn deep_recursion_is_stopped() {
    let (result, _) = evaluate_with("fn dig(n) { dig(n + 1) } fn score(ctx) { dig(0) }");
    let problems = result
        .expect_err("recursion fails the evaluation")
        .to_string();
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
            .to_string();
        assert!(problems.contains("satisfaction.rhai"), "{problems}");
        assert!(
            problems.contains("the script does not compile"),
            "{problems}"
        );
    }
}

#[test]
fn a_scorer_giving_more_than_its_points_is_an_error_not_a_clamp() {
    let (result, _) = evaluate_with("fn score(ctx) { #{ points: 99.0, reasons: [] } }");
    let problems = result.expect_err("out-of-range points refused").to_string();
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
        .to_string();
    assert!(
        problems.contains("base/scorers/satisfaction.rhai:2:"),
        "{problems}"
    );
    assert!(
        problems.contains("the script calls `facts`, which is not a function scripts may use"),
        "{problems}"
    );
}
