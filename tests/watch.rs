//! The watch session: valid edits are swapped in and reported, invalid ones refused while the
//! last valid set keeps serving; file events become one burst per burst of saves.

use std::path::{Path, PathBuf};
use std::time::Duration;

use cogov::Lang;
use cogov::PolicySet;
use cogov::watching::Watcher;
use cogov::watching::{Config, FileChange, Input, PolicyChange, Reload, Session};

use crate::common::{Scratch, move_a_point_from_c20_to_c21, scenario};

/// A scratch copy of the policies and of the data files named, and a session serving them.
struct Setup {
    policies: Scratch,
    data: tempfile::TempDir,
    session: Session,
}

fn setup(files: &[&str]) -> Setup {
    let policies = Scratch::copy_of_shipped();
    let data = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for file in files {
        let to = data.path().join(Path::new(file).file_name().unwrap());
        std::fs::copy(scenario(file), &to).unwrap();
        paths.push(to);
    }
    let (session, opened) = Session::open(Config {
        policies: policies.path().to_path_buf(),
        sector: None,
        data: paths.into_iter().map(Input::from).collect(),
        limits: Default::default(),
    });
    assert!(
        !opened.has_problems(),
        "the shipped policies and data are valid"
    );
    Setup {
        policies,
        data,
        session,
    }
}

impl Setup {
    fn data_file(&self, name: &str) -> PathBuf {
        self.data.path().join(name)
    }

    fn digest(&self) -> String {
        self.session.policy_digests()["base"].clone()
    }

    fn fresh_digest(&self) -> String {
        PolicySet::load(self.policies.path(), None)
            .unwrap()
            .digest()
            .to_string()
    }
}

/// What a reload printed: (stdout, stderr).
fn printed(reload: &Reload, lang: Lang) -> (String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    reload
        .write(lang, &mut out, &mut err, &|p| p.render_plain(lang))
        .unwrap();
    (
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

#[test]
fn a_valid_edit_is_swapped_in_and_what_changed_is_reported() {
    let mut s = setup(&["rubric-revision/2024.ron"]);
    let before = s.digest();
    move_a_point_from_c20_to_c21(&s.policies);
    let reload = s.session.reload();
    let after = s.fresh_digest();
    assert!(
        matches!(&reload.policies[..], [PolicyChange::Swapped { from: Some(f), to, .. }] if *f == before && *to == after),
        "{reload:?}"
    );
    let [FileChange::Evaluated { report, .. }] = &reload.files[..] else {
        panic!("{reload:?}");
    };
    assert_eq!(
        (report.grade.from.as_str(), report.grade.to.as_str()),
        ("合格", "良好")
    );
    assert_eq!(s.digest(), after);
    let served = s.session.outcomes().next().unwrap();
    assert_eq!(served.association.score, 75.0);
    let (out, err) = printed(&reload, Lang::Zh);
    assert!(
        out.starts_with(&format!("政策已更新（base）：{before} → {after}\n")),
        "{out}"
    );
    assert!(out.contains("等级 合格 → 良好（升）"), "{out}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn an_invalid_edit_is_refused_and_the_last_valid_set_keeps_serving() {
    let mut s = setup(&["rubric-revision/2024.ron"]);
    let good = s.digest();
    s.policies.edit(
        "base/rubric.ron",
        "Indicator(id: \"C21\", zh: \"业内推广\", en: \"Promotion in the sector\", points: 3,",
        "Indicator(id: \"C21\", zh: \"业内推广\", en: \"Promotion in the sector\", points: 5,",
    );
    let reload = s.session.reload();
    let [
        PolicyChange::Refused {
            problems,
            repeated: false,
            kept: Some(kept),
            ..
        },
    ] = &reload.policies[..]
    else {
        panic!("{reload:?}");
    };
    assert_eq!(*kept, good);
    assert_eq!(s.digest(), good, "the invalid set is never served");
    assert!(
        matches!(&reload.files[..], [FileChange::Unchanged { .. }]),
        "{reload:?}"
    );
    assert_eq!(problems.0.len(), 2, "{problems}");
    let (out, err) = printed(&reload, Lang::Zh);
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains(
            "base/rubric.ron:206:81: 指标 C21（业内推广）的评分细则合计 3 分，但该指标为 5 分"
        ),
        "{err}"
    );
    assert!(
        err.ends_with(&format!(
            "政策无效，继续使用上一版有效政策（base）：{good}\n"
        )),
        "{err}"
    );

    // Saving again without fixing anything does not repeat every problem.
    let again = s.session.reload();
    assert!(matches!(
        &again.policies[..],
        [PolicyChange::Refused { repeated: true, .. }]
    ));
    let (_, err) = printed(&again, Lang::En);
    assert_eq!(
        err,
        format!(
            "the policies are still invalid (the same 2 problems as before); still serving the last valid version (base): {good}\n"
        )
    );
}

#[test]
fn a_deleted_script_is_refused_and_restoring_it_is_no_change() {
    let mut s = setup(&["rubric-revision/2024.ron"]);
    let good = s.digest();
    let script = s.policies.path().join("base/scorers/satisfaction.rhai");
    let text = std::fs::read_to_string(&script).unwrap();
    std::fs::remove_file(&script).unwrap();
    let reload = s.session.reload();
    let (_, err) = printed(&reload, Lang::Zh);
    assert!(
        err.contains("脚本 `scorers/satisfaction.rhai` 无法使用：文件不存在"),
        "{err}"
    );
    assert_eq!(s.digest(), good);
    std::fs::write(&script, text).unwrap();
    let reload = s.session.reload();
    assert!(reload.is_quiet(), "{reload:?}");
    assert_eq!(printed(&reload, Lang::Zh).0, "政策和数据均无变化\n");
}

#[test]
fn invalid_data_keeps_the_last_good_outcome_until_it_is_fixed() {
    let mut s = setup(&["rubric-revision/2024.ron"]);
    let path = s.data_file("2024.ron");
    let good = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        good.replace("\"liaison_meetings\": 3", "\"liaison_meeting\": 3"),
    )
    .unwrap();
    let reload = s.session.reload();
    let [
        FileChange::Kept {
            problems, score, ..
        },
    ] = &reload.files[..]
    else {
        panic!("{reload:?}");
    };
    assert_eq!(*score, 74.0);
    assert!(
        problems
            .render_plain(Lang::En)
            .contains("`liaison_meeting` is not a fact the policies know")
    );
    let (_, err) = printed(&reload, Lang::Zh);
    assert!(
        err.ends_with("2024.ron：保留上一次有效结果（总分 74，等级 合格）\n"),
        "{err}"
    );
    assert_eq!(s.session.outcomes().next().unwrap().association.score, 74.0);

    std::fs::write(
        &path,
        good.replace("\"liaison_meetings\": 3", "\"liaison_meetings\": 4"),
    )
    .unwrap();
    let reload = s.session.reload();
    let [FileChange::Evaluated { report, .. }] = &reload.files[..] else {
        panic!("{reload:?}");
    };
    assert_eq!(
        (report.total.from.score, report.total.to.score),
        (74.0, 75.5)
    );
}

#[test]
fn a_broken_or_deleted_data_file_is_reported_once_and_its_result_stands() {
    let mut s = setup(&["rubric-revision/2024.ron"]);
    let path = s.data_file("2024.ron");
    let good = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, good.replacen("facts: {", "facts: {{", 1)).unwrap();
    let reload = s.session.reload();
    assert!(
        matches!(&reload.files[..], [FileChange::Kept { score: 74.0, .. }]),
        "{reload:?}"
    );
    let again = s.session.reload();
    assert!(
        again.is_quiet(),
        "the same broken content is not reported again: {again:?}"
    );

    std::fs::remove_file(&path).unwrap();
    let reload = s.session.reload();
    let (_, err) = printed(&reload, Lang::En);
    assert!(err.contains("cannot read the file"), "{err}");
    assert!(
        err.ends_with("keeping the last good result (total 74, grade Pass)\n"),
        "{err}"
    );

    std::fs::write(&path, &good).unwrap();
    let reload = s.session.reload();
    let [FileChange::Evaluated { report, .. }] = &reload.files[..] else {
        panic!("{reload:?}");
    };
    assert!(report.is_empty(), "back to the content last evaluated");
}

#[test]
fn a_later_period_is_evaluated_again_when_the_earlier_one_changes() {
    let mut s = setup(&[
        "improving-association/2024.ron",
        "improving-association/2023.ron",
    ]);
    let served: Vec<&str> = s.session.outcomes().map(|o| o.period.as_str()).collect();
    assert_eq!(served, ["2024", "2023"], "served in the order given");
    let declined = |s: &Setup| {
        let o = s.session.outcomes().next().unwrap();
        o.triggers
            .iter()
            .any(|t| t.id == "declined" && t.target == "C19")
    };
    assert!(declined(&s), "2023 is fed forward to 2024");
    // 2023's satisfaction was as low as 2024's: C19 no longer declined in 2024.
    let path = s.data_file("2023.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    let rate = text
        .lines()
        .find(|l| l.contains("\"satisfaction_rate\""))
        .unwrap();
    std::fs::write(
        &path,
        text.replace(rate, "    \"satisfaction_rate\": 0.78,"),
    )
    .unwrap();
    let reload = s.session.reload();
    assert!(
        matches!(
            &reload.files[..],
            [FileChange::Evaluated { .. }, FileChange::Evaluated { .. }]
        ),
        "{reload:?}"
    );
    assert!(!declined(&s));
    let [FileChange::Evaluated { report, .. }, _] = &reload.files[..] else {
        unreachable!()
    };
    let withdrawn: Vec<(&str, &str)> = report
        .triggers
        .disappeared
        .iter()
        .map(|t| (t.id.as_str(), t.target.as_str()))
        .collect();
    assert!(withdrawn.contains(&("declined", "C19")), "{withdrawn:?}");
}

#[test]
fn a_session_opens_on_invalid_policies_says_everything_wrong_and_serves_once_fixed() {
    let scratch = Scratch::copy_of_shipped();
    let triggers = std::fs::read_to_string(scratch.path().join("base/triggers.ron")).unwrap();
    scratch.write("base/triggers.ron", "Triggers(");
    scratch.edit(
        "base/rubric.ron",
        "Indicator(id: \"C21\", zh: \"业内推广\", en: \"Promotion in the sector\", points: 3,",
        "Indicator(id: \"C21\", zh: \"业内推广\", en: \"Promotion in the sector\", points: 5,",
    );
    let (mut session, opened) = Session::open(Config {
        policies: scratch.path().to_path_buf(),
        sector: None,
        data: vec![scenario("rubric-revision/2024.ron").into()],
        limits: Default::default(),
    });
    assert!(
        matches!(
            &opened.policies[..],
            [PolicyChange::Refused {
                kept: None,
                evaluating: None,
                ..
            }]
        ),
        "{opened:?}"
    );
    assert!(
        matches!(&opened.files[..], [FileChange::Waiting { problems, .. }] if problems.is_empty()),
        "the data itself is fine: {opened:?}"
    );
    assert_eq!(session.outcomes().count(), 0, "nothing is served");
    let (_, err) = printed(&opened, Lang::Zh);
    assert!(
        err.contains("base/triggers.ron:1:10: 缺少一个值：文件在此处结束"),
        "{err}"
    );
    assert!(
        err.contains("指标 C21（业内推广）的评分细则合计 3 分，但该指标为 5 分"),
        "{err}"
    );
    assert!(
        err.contains("政策无效（base），尚无有效版本，等待修正\n"),
        "{err}"
    );
    assert!(err.ends_with("2024.ron：尚无有效结果，等待修正\n"), "{err}");

    scratch.write("base/triggers.ron", &triggers);
    scratch.edit(
        "base/rubric.ron",
        "en: \"Promotion in the sector\", points: 5,",
        "en: \"Promotion in the sector\", points: 3,",
    );
    let fixed = session.reload();
    assert!(
        matches!(
            &fixed.policies[..],
            [PolicyChange::Swapped { from: None, .. }]
        ),
        "{fixed:?}"
    );
    let (out, err) = printed(&fixed, Lang::Zh);
    assert!(err.is_empty(), "{err}");
    assert!(out.starts_with("政策已更新（base）："), "{out}");
    assert!(
        out.contains("佛山市家具行业协会（51440605MJL400045P）2024  总分 74 / 100  等级 合格"),
        "{out}"
    );
    assert_eq!(session.outcomes().next().unwrap().association.score, 74.0);
}

#[test]
fn a_session_opens_on_invalid_data_and_serves_it_once_fixed() {
    let policies = Scratch::copy_of_shipped();
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join("2024.ron");
    let good = std::fs::read_to_string(scenario("rubric-revision/2024.ron")).unwrap();
    std::fs::write(
        &path,
        good.replace("\"liaison_meetings\": 3", "\"liaison_meeting\": 3"),
    )
    .unwrap();
    let (mut session, opened) = Session::open(Config {
        policies: policies.path().to_path_buf(),
        sector: None,
        data: vec![path.clone().into()],
        limits: Default::default(),
    });
    let (_, err) = printed(&opened, Lang::En);
    assert!(
        err.contains("`liaison_meeting` is not a fact the policies know"),
        "{err}"
    );
    assert!(
        err.ends_with("2024.ron: no good result yet; waiting for a fix\n"),
        "{err}"
    );
    let again = session.reload();
    assert!(again.is_quiet(), "the same problems are not reported again");

    std::fs::write(&path, &good).unwrap();
    let fixed = session.reload();
    assert!(
        matches!(&fixed.files[..], [FileChange::Served { .. }]),
        "{fixed:?}"
    );
    assert!(
        matches!(&fixed.policies[..], [PolicyChange::Unchanged { .. }]),
        "the policies were served all along: {fixed:?}"
    );
    assert_eq!(session.outcomes().next().unwrap().association.score, 74.0);
}

/// The satisfaction scorer (C19) looping forever once a rate is reported; `check` runs it on
/// no data, where it behaves, so the set loads.
const RUNAWAY_SCORER: &str = "fn score(ctx) { if ctx.fact(\"satisfaction_rate\") == () { return #{ points: 0.0, reasons: [\"未报告\"] }; } let n = 0; loop { n += 1; } }";

/// A copy of the shipped policies whose C19 examples are gone, so a scorer that misbehaves
/// only on real data loads.
fn without_c19_examples() -> Scratch {
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "base/rubric.ron",
        ", examples: [(facts: {\"satisfaction_rate\": 0.95}, previous: {\"satisfaction_rate\": 0.9}, points: 7), (facts: {\"satisfaction_rate\": 0.75}, points: 3.5)]",
        "",
    );
    scratch
}

#[test]
fn a_set_that_fails_when_evaluated_is_refused_and_the_last_valid_set_and_results_stay() {
    let policies = without_c19_examples();
    let (mut session, opened) = Session::open(Config {
        policies: policies.path().to_path_buf(),
        sector: None,
        data: vec![
            scenario("improving-association/2023.ron").into(),
            scenario("improving-association/2024.ron").into(),
        ],
        limits: Default::default(),
    });
    assert!(!opened.has_problems(), "{opened:?}");
    let good = session.policy_digests()["base"].clone();
    let scores: Vec<f64> = session.outcomes().map(|o| o.association.score).collect();
    let script = policies.path().join("base/scorers/satisfaction.rhai");
    let text = std::fs::read_to_string(&script).unwrap();
    std::fs::write(&script, RUNAWAY_SCORER).unwrap();

    let refused = session.reload();
    let [
        PolicyChange::Refused {
            problems,
            repeated: false,
            evaluating: Some(evaluating),
            kept: Some(kept),
            ..
        },
    ] = &refused.policies[..]
    else {
        panic!("{refused:?}");
    };
    assert_eq!(*kept, good);
    assert!(evaluating.ends_with("2023.ron"), "the first period first");
    assert_eq!(problems.0.len(), 1, "said once for both files: {problems}");
    assert!(
        matches!(
            &refused.files[..],
            [FileChange::Unchanged { .. }, FileChange::Unchanged { .. }]
        ),
        "evaluated under the set still serving, as before: {refused:?}"
    );
    assert_eq!(session.policy_digests()["base"], good);
    let kept_scores: Vec<f64> = session.outcomes().map(|o| o.association.score).collect();
    assert_eq!(kept_scores, scores);
    let (out, err) = printed(&refused, Lang::Zh);
    assert!(out.is_empty(), "nothing was swapped in: {out}");
    assert!(err.contains("scorers/satisfaction.rhai"), "{err}");
    assert!(
        err.contains("脚本运行时间过长，已被停止（可能陷入了死循环）"),
        "{err}"
    );
    assert!(
        err.ends_with(&format!(
            "2023.ron 时出错，继续使用上一版有效政策（base）：{good}\n"
        )),
        "{err}"
    );

    // The same set on the same data is not run again: it is refused as a repeat.
    let again = session.reload();
    assert!(
        matches!(
            &again.policies[..],
            [PolicyChange::Refused { repeated: true, .. }]
        ),
        "{again:?}"
    );

    std::fs::write(&script, &text).unwrap();
    let restored = session.reload();
    assert!(
        restored.is_quiet(),
        "the last valid set is back: {restored:?}"
    );
    std::fs::write(&script, RUNAWAY_SCORER).unwrap();
    let broken_again = session.reload();
    assert!(
        matches!(
            &broken_again.policies[..],
            [PolicyChange::Refused {
                repeated: false,
                ..
            }]
        ),
        "a fix in between makes the next refusal news: {broken_again:?}"
    );
}

/// A generous debounce, so a loaded machine does not split a burst.
const DEBOUNCE: Duration = Duration::from_millis(150);

#[test]
fn a_burst_of_saves_is_one_burst() {
    let s = setup(&["rubric-revision/2024.ron"]);
    let mut watcher = Watcher::new(&s.session, DEBOUNCE).unwrap();
    let rubric = s.policies.path().join("base/rubric.ron");
    let text = std::fs::read_to_string(&rubric).unwrap();
    for n in 0..20 {
        std::fs::write(&rubric, format!("{text}// save {n}\n")).unwrap();
        std::thread::sleep(Duration::from_millis(5));
    }
    let burst = watcher
        .next_burst(Duration::from_secs(5))
        .expect("the saves are seen");
    let rubric = rubric.canonicalize().unwrap();
    assert_eq!(burst.paths.into_iter().collect::<Vec<_>>(), [rubric]);
    assert!(
        watcher.next_burst(3 * DEBOUNCE).is_none(),
        "one burst, not one per save"
    );
}

#[test]
fn reads_scratch_files_and_other_files_beside_the_data_are_not_changes() {
    let mut s = setup(&["rubric-revision/2024.ron"]);
    let mut watcher = Watcher::new(&s.session, DEBOUNCE).unwrap();
    s.session.reload(); // reads every file
    s.policies.write("base/.rubric.ron.swp", "swap");
    s.policies.write("base/rubric.ron~", "backup");
    std::fs::write(s.data_file("notes.txt"), "not watched").unwrap();
    assert!(watcher.next_burst(4 * DEBOUNCE).is_none());
}

#[test]
fn a_data_file_replaced_by_rename_and_a_new_policy_folder_are_seen() {
    let s = setup(&["rubric-revision/2024.ron"]);
    let mut watcher = Watcher::new(&s.session, DEBOUNCE).unwrap();
    let data = s.data_file("2024.ron");
    let temp = s.data_file(".2024.ron.tmp");
    std::fs::copy(&data, &temp).unwrap();
    std::fs::rename(&temp, &data).unwrap();
    let burst = watcher
        .next_burst(Duration::from_secs(5))
        .expect("the rename is seen");
    assert!(
        burst.paths.contains(&data.canonicalize().unwrap()),
        "{burst:?}"
    );

    std::fs::create_dir(s.policies.path().join("base/notes")).unwrap();
    let burst = watcher
        .next_burst(Duration::from_secs(5))
        .expect("the folder is seen");
    assert!(
        burst.paths.iter().any(|p| p.ends_with("base/notes")),
        "{burst:?}"
    );
}
