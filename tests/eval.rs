//! `cogov eval` and `cogov explain` as a user runs them.

use crate::common::{cogov, scenario, stderr, stdout};

fn eval_json(data: &str, extra: &[&str]) -> serde_json::Value {
    let path = scenario(data);
    let mut args = vec!["eval", path.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(extra);
    let out = cogov(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("outcome is JSON")
}

#[test]
fn json_gives_every_indicator_with_reasons_levels_total_and_grade() {
    let outcome = eval_json("well-run-association/2024.ron", &[]);
    assert_eq!(outcome["schema"], "cogov.outcome/1");
    let association = &outcome["association"];
    let indicators = association["indicators"].as_array().unwrap();
    let ids: Vec<&str> = indicators
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = (1..=22).map(|n| format!("C{n}")).collect();
    assert_eq!(ids, expected);
    for indicator in indicators {
        assert!(
            !indicator["reasons"].as_array().unwrap().is_empty(),
            "{indicator}"
        );
    }
    let levels: Vec<&str> = association["levels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        levels,
        [
            "A1", "B1", "B2", "B3", "B4", "A2", "B5", "B6", "A3", "B7", "B8", "B9"
        ]
    );
    assert_eq!(association["score"], 96.5);
    assert_eq!(association["grade"], "优秀");
    assert_eq!(association["grade_en"], "Excellent");
    assert_eq!(outcome["policy"]["sector"], "base");
    assert_eq!(outcome["policy"]["digest"].as_str().unwrap().len(), 16);
}

#[test]
fn the_same_inputs_give_the_same_bytes() {
    let path = scenario("improving-association/2024.ron");
    let args = ["eval", path.to_str().unwrap(), "--format", "json"];
    let first = cogov(&args);
    let second = cogov(&args);
    assert_eq!(first.status.code(), Some(0));
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn the_previous_outcome_feeds_trends_and_two_period_triggers() {
    let dir = tempfile::tempdir().unwrap();
    let previous = dir.path().join("2023.json");
    let data_2023 = scenario("improving-association/2023.ron");
    let out = cogov(&[
        "eval",
        data_2023.to_str().unwrap(),
        "--format",
        "json",
        "-o",
        previous.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).is_empty(),
        "-o writes to the file, not the terminal"
    );

    let outcome = eval_json(
        "improving-association/2024.ron",
        &["--previous", previous.to_str().unwrap()],
    );
    let fired: Vec<(String, String)> = outcome["triggers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["target"].as_str().unwrap().to_string(),
                t["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        fired.contains(&("C19".into(), "declined".into())),
        "{fired:?}"
    );
    assert!(
        fired.contains(&("C22".into(), "unmet-twice".into())),
        "{fired:?}"
    );
    let without_previous = eval_json("improving-association/2024.ron", &[]);
    assert!(
        !without_previous["triggers"]
            .to_string()
            .contains("unmet-twice")
    );
}

#[test]
fn a_previous_outcome_of_another_association_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let previous = dir.path().join("other.json");
    let other = scenario("new-association/2024.ron");
    cogov(&[
        "eval",
        other.to_str().unwrap(),
        "--format",
        "json",
        "-o",
        previous.to_str().unwrap(),
    ]);
    let data = scenario("improving-association/2024.ron");
    let out = cogov(&[
        "eval",
        data.to_str().unwrap(),
        "--previous",
        previous.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("上期结果属于协会 `51440604MJL200023U`，而不是 `51440606MJL300034F`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn explain_lists_every_criterion_with_its_rule_evidence_and_facts() {
    let data = scenario("well-run-association/2024.ron");
    let out = crate::common::cogov_wide(&["explain", data.to_str().unwrap(), "--indicator", "C17"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("C17 放心消费  得分 7 / 7"), "{text}");
    assert!(
        text.contains("C17.1  3 / 3  受理投诉 38 件，按时办结率 97.4%"),
        "{text}"
    );
    assert!(
        text.contains("规则：base/scorers/complaints.rhai（评分脚本）"),
        "{text}"
    );
    assert!(
        text.contains(
            "事实：在公开时限内办结的投诉数（`complaints_on_time`）= 37、受理消费投诉数（`complaints_received`）= 38"
        ),
        "{text}"
    );
    assert!(
        text.contains("C17.2  2 / 2  消费维权服务站：1 份（需 ≥1）"),
        "{text}"
    );
}

#[test]
fn explain_in_english_and_an_unknown_indicator_is_a_usage_error() {
    let data = scenario("well-run-association/2024.ron");
    let out = cogov(&[
        "explain",
        data.to_str().unwrap(),
        "--indicator",
        "C1",
        "--lang",
        "en",
    ]);
    assert!(
        stdout(&out).starts_with("C1 Working body  score 4 / 4"),
        "{}",
        stdout(&out)
    );
    let out = cogov(&["explain", data.to_str().unwrap(), "--indicator", "C99"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("没有指标 `C99`；现有指标：C1、C2"),
        "{}",
        stderr(&out)
    );
    let out = cogov(&[
        "explain",
        data.to_str().unwrap(),
        "--indicator",
        "C99",
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("there is no indicator `C99`; indicators are C1, C2"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_table_aligns_chinese_names() {
    let data = scenario("well-run-association/2024.ron");
    let out = cogov(&["eval", data.to_str().unwrap()]);
    let text = stdout(&out);
    let score_column: Vec<usize> = text
        .lines()
        .filter(|l| l.trim_start().starts_with('C') && l.ends_with(['4', '5', '6', '7', '8', '3']))
        .map(unicode_width::UnicodeWidthStr::width)
        .collect();
    assert_eq!(score_column.len(), 22, "{text}");
    assert!(score_column.windows(2).all(|w| w[0] == w[1]), "{text}");
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly_with_exit_0() {
    for args in [
        "eval scenarios/ceramics-credit/2024.ron --format json",
        "show --sector ceramics",
    ] {
        // With pipefail the pipeline fails when cogov does; head itself stops after 10 bytes.
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(format!(
                "set -o pipefail; '{}' {args} | head -c 10 >/dev/null",
                env!("CARGO_BIN_EXE_cogov")
            ))
            .current_dir(crate::common::root())
            .output()
            .unwrap();
        assert!(out.stderr.is_empty(), "{args}: {}", stderr(&out));
        assert_eq!(out.status.code(), Some(0), "{args}");
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cogov"))
        .args([
            "eval",
            "scenarios/ceramics-credit/2024.ron",
            "--format",
            "json",
        ])
        .current_dir(crate::common::root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
}

#[test]
fn a_file_size_limit_is_a_clear_message_with_exit_1_not_a_silent_kill() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("outcome.json");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -f 8; exec '{}' eval scenarios/ceramics-credit/2024.ron --format json -o '{}'",
            env!("CARGO_BIN_EXE_cogov"),
            target.display()
        ))
        .current_dir(crate::common::root())
        .env_remove("COGOV_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("outcome.json: 无法写入输出："),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_escape_sequence_in_a_member_name_prints_inert() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("2024.ron");
    let text = std::fs::read_to_string(scenario("ceramics-credit/2024.ron")).unwrap();
    let start = text.find("name: \"").expect("a member name") + "name: \"".len();
    let poisoned = format!(
        "{}\\u{{1b}}[2J\\u{{1b}}]0;pwned\\u{{7}}{}",
        &text[..start],
        &text[start..]
    );
    std::fs::write(&data, poisoned).unwrap();
    for format in ["table", "md"] {
        let out = cogov(&["eval", data.to_str().unwrap(), "--format", format]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(
            !out.stdout.contains(&0x1b),
            "{format}: a raw escape reached the output"
        );
        assert!(
            !out.stdout.contains(&0x07),
            "{format}: a raw bell reached the output"
        );
    }
    let out = cogov(&["eval", data.to_str().unwrap(), "--format", "json"]);
    assert!(
        stdout(&out).contains("\\u001b[2J"),
        "JSON keeps the text, escaped"
    );
    // A problem quoting the file shows the line inert too.
    let broken = std::fs::read_to_string(&data)
        .unwrap()
        .replacen("period:", "perod:", 1);
    std::fs::write(&data, broken).unwrap();
    let out = cogov(&["eval", data.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!out.stderr.contains(&0x1b), "{}", stderr(&out));
}

#[test]
fn a_write_that_fails_leaves_the_previous_output_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("outcome.json");
    let target_arg = target.to_str().unwrap();
    let small = cogov(&[
        "eval",
        "scenarios/new-association/2024.ron",
        "--format",
        "json",
        "-o",
        target_arg,
    ]);
    assert_eq!(small.status.code(), Some(0), "{}", stderr(&small));
    let before = std::fs::read(&target).unwrap();
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -f 64; exec '{}' eval scenarios/ceramics-credit/2024.ron --format json -o '{target_arg}'",
            env!("CARGO_BIN_EXE_cogov"),
        ))
        .current_dir(crate::common::root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(&target).unwrap(),
        before,
        "the previous outcome is untouched"
    );
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left.len(), 1, "no partial file is left: {left:?}");
}

#[test]
fn writing_to_a_pipe_or_device_writes_into_it_and_leaves_it_in_place() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("outcome.pipe");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let out = cogov(&[
        "eval",
        "scenarios/new-association/2024.ron",
        "--format",
        "json",
        "-o",
        fifo.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Checked before the reader is waited for: a pipe replaced by a file would leave it waiting.
    assert!(
        std::fs::metadata(&fifo).unwrap().file_type().is_fifo(),
        "the pipe is still a pipe"
    );
    let read = reader.join().unwrap();
    assert!(read.starts_with(b"{"), "the outcome went through the pipe");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left.len(), 1, "no partial file beside it: {left:?}");
}

#[test]
fn help_is_chinese_by_default_and_english_when_asked() {
    let out = cogov(&["--help"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let help = stdout(&out);
    for expected in [
        "用法：cogov [选项] <命令>",
        "\n命令：\n",
        "\n选项：\n",
        "评估一个协会某一期间的数据",
        "显示帮助",
        "显示版本",
    ] {
        assert!(help.contains(expected), "{expected}: {help}");
    }
    let eval = stdout(&cogov(&["eval", "-h"]));
    assert!(
        eval.contains("\n参数：\n") && eval.contains("上一期间的评估结果"),
        "{eval}"
    );
    let record = stdout(&cogov(&["archive", "record", "--help"]));
    assert!(record.starts_with("追加记录："), "{record}");

    let english = stdout(&cogov(&["eval", "--help", "--lang", "en"]));
    for expected in [
        "Usage: cogov eval [OPTIONS] <DATA>...",
        "Arguments:",
        "Options:",
        "The previous period's outcome",
        "Print help",
    ] {
        assert!(english.contains(expected), "{expected}: {english}");
    }
    let by_locale = crate::common::cogov_command()
        .args(["--help"])
        .env("LANG", "en_US.UTF-8")
        .output()
        .unwrap();
    assert!(
        stdout(&by_locale).contains("Usage: cogov [OPTIONS] <COMMAND>"),
        "{}",
        stdout(&by_locale)
    );
    let by_variable = crate::common::cogov_command()
        .args(["archive", "list", "--help"])
        .env("COGOV_LANG", "en")
        .output()
        .unwrap();
    assert!(
        stdout(&by_variable).starts_with("The associations and members of one period"),
        "{}",
        stdout(&by_variable)
    );
    let version = cogov(&["--version"]);
    assert_eq!(version.status.code(), Some(0));
    assert!(stdout(&version).starts_with("cogov "));
}

#[test]
fn a_usage_error_is_chinese_by_default_with_exit_2() {
    let out = cogov(&["eval", "--nonsense"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("错误：无法识别的参数 `--nonsense`"),
        "{err}"
    );
    assert!(err.contains("用法：cogov eval [选项] <DATA>..."), "{err}");
    assert!(err.contains("更多信息请使用 `--help`。"), "{err}");

    let out = cogov(&["eval", "--previ", "x.ron"]);
    assert!(
        stderr(&out).contains("提示：有相近的参数 `--previous`"),
        "{}",
        stderr(&out)
    );
    let out = cogov(&["eval"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("错误：缺少必需的参数：`<DATA>...`"),
        "{}",
        stderr(&out)
    );
    let out = cogov(&["eval", "x.ron", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("错误：参数 `--format <FORMAT>` 的值 `pdf` 无效"),
        "{err}"
    );
    assert!(
        err.contains("可选值：`table`、`json`、`md`、`html`"),
        "{err}"
    );
    let out = cogov(&["evaluate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("错误：无法识别的子命令 `evaluate`"),
        "{}",
        stderr(&out)
    );

    let out = cogov(&["eval", "--nonsense", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("error: unexpected argument `--nonsense` found"),
        "{err}"
    );
    assert!(err.contains("For more information, try `--help`."), "{err}");
}

#[test]
fn completions_and_the_manual_come_from_the_localized_command() {
    let script = stdout(&cogov(&["completions", "fish"]));
    for command in ["check", "eval", "explain", "archive", "record", "history"] {
        assert!(script.contains(command), "fish completes `{command}`");
    }
    assert!(script.contains("评估一个协会某一期间的数据"), "{script}");
    let script = stdout(&cogov(&["completions", "zsh", "--lang", "en"]));
    assert!(script.contains("Evaluate an association"), "{script}");
    let page = stdout(&cogov(&["man"]));
    assert!(
        page.contains(".SH 概要") && page.contains("校验政策文件"),
        "{page}"
    );
    let page = stdout(&cogov(&["man", "--lang", "en"]));
    assert!(
        page.contains(".SH SYNOPSIS") && page.contains("Validate the policies"),
        "{page}"
    );
}

/// `eval 2023 --previous <2024 outcome>` was accepted and raised 7.4 d actions against a "last
/// period" that was the following year.
#[test]
fn a_previous_outcome_of_a_later_period_is_refused_naming_both_periods() {
    let dir = tempfile::tempdir().unwrap();
    let later = dir.path().join("2024.json");
    let run = cogov(&[
        "eval",
        scenario("improving-association/2024.ron").to_str().unwrap(),
        "--format",
        "json",
        "-o",
        later.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let earlier = scenario("improving-association/2023.ron");
    let out = cogov(&[
        "eval",
        earlier.to_str().unwrap(),
        "--previous",
        later.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stderr(&out).contains(
            "上期结果的统计期 `2024`（2024-12-31 结束）不在本期 `2023`（2023-01-01 开始）之前"
        ),
        "{}",
        stderr(&out)
    );
    // The same period again is refused the same way; the period before is accepted.
    let same = cogov(&[
        "eval",
        scenario("improving-association/2024.ron").to_str().unwrap(),
        "--previous",
        later.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert_eq!(same.status.code(), Some(1));
    assert!(
        stderr(&same).contains("which does not end before period `2024` (starting 2024-01-01)"),
        "{}",
        stderr(&same)
    );
    let before = dir.path().join("2023.json");
    let first = cogov(&[
        "eval",
        earlier.to_str().unwrap(),
        "--format",
        "json",
        "-o",
        before.to_str().unwrap(),
    ]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let next = cogov(&[
        "eval",
        scenario("improving-association/2024.ron").to_str().unwrap(),
        "--previous",
        before.to_str().unwrap(),
    ]);
    assert_eq!(next.status.code(), Some(0), "{}", stderr(&next));
}
