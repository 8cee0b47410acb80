//! `cogov watch` as a user runs it, on real files in a temporary folder: the start summary,
//! a save's change report, a policy folder replaced under it, a start on broken policies, a
//! scorer that runs away, and the tables given with a data file. Each test reads the child's
//! output as it comes, waiting for a line with a deadline rather than sleeping.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use crate::common::{
    Scratch, cogov, cogov_command, move_a_point_from_c20_to_c21, scenario, stderr,
};

/// Lines a child process prints, read on a thread so the test can wait with a deadline.
fn lines_of(stream: impl std::io::Read + Send + 'static) -> Receiver<String> {
    use std::io::BufRead;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stream)
            .lines()
            .map_while(Result::ok)
        {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Waits until a line containing `text` arrives; returns everything read until then.
fn wait_for(lines: &Receiver<String>, text: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut seen = String::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match lines.recv_timeout(left) {
            Ok(line) => {
                seen.push_str(&line);
                seen.push('\n');
                if line.contains(text) {
                    return seen;
                }
            }
            Err(_) => break,
        }
    }
    panic!("`{text}` never came; the output was:\n{seen}");
}

/// A running `cogov watch`, killed when the test ends whether it passes or panics.
struct Watching {
    child: std::process::Child,
    out: Receiver<String>,
    err: Receiver<String>,
}

impl Watching {
    /// Starts `cogov watch --policies POLICIES FILES…` (Chinese, the default) and waits until
    /// it watches.
    fn start(policies: &Path, files: &[PathBuf]) -> (Watching, String) {
        let mut child = cogov_command()
            .arg("watch")
            .arg("--policies")
            .arg(policies)
            .args(files)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let out = lines_of(child.stdout.take().unwrap());
        let err = lines_of(child.stderr.take().unwrap());
        let watching = Watching { child, out, err };
        let start = watching.out("正在监视政策和数据文件，按 Ctrl-C 停止");
        (watching, start)
    }

    /// Standard output up to a line containing `text`.
    fn out(&self, text: &str) -> String {
        wait_for(&self.out, text)
    }

    /// Standard error up to a line containing `text`.
    fn err(&self, text: &str) -> String {
        wait_for(&self.err, text)
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn cogov_watch_prints_the_start_summary_then_what_each_save_changed() {
    let policies = Scratch::copy_of_shipped();
    let data = scenario("rubric-revision/2024.ron");
    let (watch, start) = Watching::start(policies.path(), &[data]);
    assert!(
        start.contains("佛山市家具行业协会（51440605MJL400045P）2024  总分 74 / 100  等级 合格"),
        "{start}"
    );

    move_a_point_from_c20_to_c21(&policies);
    let report = watch.out("撤销  C20");
    assert!(
        report.contains("总分 74 → 75 / 100（+1）    等级 合格 → 良好（升）"),
        "{report}"
    );

    policies.edit(
        "base/triggers.ron",
        "clause: \"7.4 b\",",
        "clause: \"7.4 b\"",
    );
    let refused = watch.err("政策无效，继续使用上一版有效政策（base）");
    assert!(refused.contains("base/triggers.ron:19:7"), "{refused}");
}

#[test]
fn replacing_the_policy_folder_under_a_running_watch_does_not_stop_it_seeing_edits() {
    // The policy folder lives in a folder of its own, so it can be removed, copied anew and
    // swapped by rename beside it, as checkouts and sync tools do.
    let parent = tempfile::tempdir().unwrap();
    let policies = Scratch {
        dir: tempfile::tempdir_in(parent.path()).unwrap(),
    };
    cogov::copy_dir(&crate::common::policies(), policies.path()).unwrap();
    let data = scenario("rubric-revision/2024.ron");
    let (watch, start) = Watching::start(policies.path(), &[data]);
    assert!(start.contains("总分 74 / 100"), "{start}");

    // Removed, then copied again.
    std::fs::remove_dir_all(policies.path()).unwrap();
    cogov::copy_dir(&crate::common::policies(), policies.path()).unwrap();
    watch.out("政策文件夹已被替换，已重新监视");
    move_a_point_from_c20_to_c21(&policies);
    let report = watch.out("等级 合格 → 良好");
    assert!(report.contains("总分 74 → 75 / 100"), "{report}");

    // A new folder renamed into place; the old one is edited no more.
    let next = parent.path().join("next");
    let old = parent.path().join("old");
    cogov::copy_dir(&crate::common::policies(), &next).unwrap();
    std::fs::rename(policies.path(), &old).unwrap();
    std::fs::rename(&next, policies.path()).unwrap();
    watch.out("政策文件夹已被替换，已重新监视");
    let report = watch.out("等级 良好 → 合格");
    assert!(report.contains("总分 75 → 74 / 100"), "{report}");
    move_a_point_from_c20_to_c21(&policies);
    let report = watch.out("等级 合格 → 良好");
    assert!(report.contains("总分 74 → 75 / 100"), "{report}");
}

#[test]
fn watch_started_on_invalid_policies_waits_for_the_fix_then_serves() {
    let policies = Scratch::copy_of_shipped();
    policies.edit(
        "base/triggers.ron",
        "clause: \"7.4 b\",",
        "clause: \"7.4 b\"",
    );
    let data = scenario("rubric-revision/2024.ron");
    let (watch, start) = Watching::start(policies.path(), &[data]);
    assert!(!start.contains("总分"), "nothing is served yet: {start}");
    let refused = watch.err("政策无效（base），尚无有效版本，等待修正");
    assert!(refused.contains("base/triggers.ron:19:7"), "{refused}");
    watch.err("2024.ron：尚无有效结果，等待修正");

    policies.edit(
        "base/triggers.ron",
        "clause: \"7.4 b\"",
        "clause: \"7.4 b\",",
    );
    let served = watch.out("总分 74 / 100");
    assert!(served.contains("政策已更新（base）："), "{served}");
    assert!(
        served.contains("佛山市家具行业协会（51440605MJL400045P）2024  总分 74 / 100  等级 合格"),
        "{served}"
    );
}

#[test]
fn a_scorer_that_runs_away_is_refused_and_the_last_results_stay_until_a_fix() {
    let policies = Scratch::copy_of_shipped();
    // Without C19's examples, `check` does not run the scorer on a rate, so a scorer that
    // loops on one loads and fails only when the data is evaluated.
    policies.edit(
        "base/rubric.ron",
        ", examples: [(facts: {\"satisfaction_rate\": 0.95}, previous: {\"satisfaction_rate\": 0.9}, points: 7), (facts: {\"satisfaction_rate\": 0.75}, points: 3.5)]",
        "",
    );
    let good = cogov::PolicySet::load(policies.path(), None)
        .unwrap()
        .digest()
        .to_string();
    let data = scenario("rubric-revision/2024.ron");
    let (watch, start) = Watching::start(policies.path(), &[data]);
    assert!(start.contains("总分 74 / 100"), "{start}");

    let script = "base/scorers/satisfaction.rhai";
    let text = std::fs::read_to_string(policies.path().join(script)).unwrap();
    policies.write(
        script,
        "fn score(ctx) { if ctx.fact(\"satisfaction_rate\") == () { return #{ points: 0.0, reasons: [\"未报告\"] }; } let n = 0; loop { n += 1; } }",
    );
    let refused = watch.err("继续使用上一版有效政策（base）");
    assert!(
        refused.contains("脚本运行时间过长，已被停止（可能陷入了死循环）"),
        "{refused}"
    );
    assert!(refused.contains("scorers/satisfaction.rhai"), "{refused}");
    assert!(
        refused.ends_with(&format!(
            "2024.ron 时出错，继续使用上一版有效政策（base）：{good}\n"
        )),
        "{refused}"
    );

    // The fix, with a point moved: the report starts from the results kept (74).
    policies.write(script, &text);
    move_a_point_from_c20_to_c21(&policies);
    let report = watch.out("等级 合格 → 良好");
    assert!(
        report.contains(&format!("政策已更新（base）：{good} → ")),
        "{report}"
    );
    assert!(report.contains("总分 74 → 75 / 100"), "{report}");
}

#[test]
fn a_table_given_to_watch_is_watched_and_its_change_re_evaluates_its_data_file() {
    let policies = Scratch::copy_of_shipped();
    let folder = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = ["2024.ron", "会员名录-更正.xlsx", "抽查结果-更正.csv"]
        .iter()
        .map(|name| {
            let to = folder.path().join(name);
            std::fs::copy(scenario(&format!("messy-import/{name}")), &to).unwrap();
            to
        })
        .collect();
    let (watch, start) = Watching::start(policies.path(), &files);
    assert!(start.contains("佛山市陶瓷行业协会"), "{start}");

    // 雅石's sample passes after all (saved as editors do, by a rename).
    let csv = &files[2];
    let text = std::fs::read_to_string(csv).unwrap();
    let failed = "不合格,放射性核素（内照射指数）（A类）";
    assert!(text.contains(failed));
    let temp = folder.path().join(".抽查结果-更正.csv.tmp");
    std::fs::write(&temp, text.replace(failed, "合格,/")).unwrap();
    std::fs::rename(&temp, csv).unwrap();
    let report = watch.out("佛山市雅石陶瓷有限公司");
    assert!(report.contains("抽查结果-更正.csv"), "{report}");
}

#[test]
fn a_table_before_any_data_file_is_a_usage_error() {
    let out = cogov(&["watch", "scenarios/messy-import/抽查结果.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`scenarios/messy-import/抽查结果.csv` 是表格，但它前面没有数据文件"),
        "{}",
        stderr(&out)
    );
}
