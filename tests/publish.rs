//! `cogov publish listing|warning`: the documents an association publishes (8.1.2.2 c, 8.1.2.3 b),
//! in HTML and Markdown, Chinese and English, from the policy's templates.

use std::path::Path;

use crate::common::{Scratch, cogov, cogov_command, scenario, stderr, stdout};

const CERAMICS: &str = "ceramics-credit/2024.ron";
const LIGHTING: &str = "sector-lighting/2024.ron";
/// A member name written to turn into a link, a heading, a script and a table cell.
const HOSTILE: &str = "[x](javascript:alert(1))\n# <script>alert(1)</script> & |";

/// `cogov publish KIND DATA --date 2025-01-15 …`, with the exit code and both streams.
fn publish(kind: &str, data: &Path, extra: &[&str]) -> (Option<i32>, String, String) {
    let mut args = vec![
        "publish",
        kind,
        data.to_str().unwrap(),
        "--date",
        "2025-01-15",
    ];
    args.extend_from_slice(extra);
    let out = cogov(&args);
    (out.status.code(), stdout(&out), stderr(&out))
}

/// The document, which must be published (exit 0).
fn published(kind: &str, data: &Path, extra: &[&str]) -> String {
    let (code, out, err) = publish(kind, data, extra);
    assert_eq!(code, Some(0), "{err}");
    out
}

/// The headings of a Markdown listing's grades: `### A 守信：211` → `A`.
fn listed_grades(md: &str) -> Vec<String> {
    md.lines()
        .filter_map(|l| l.strip_prefix("### "))
        .map(|l| l.split(' ').next().unwrap().to_string())
        .collect()
}

#[test]
fn listing_ignored_which_grades_the_policy_lists_publicly() {
    let data = scenario(CERAMICS);
    let md = published("listing", &data, &["--format", "md"]);
    assert_eq!(listed_grades(&md), ["A", "B", "C", "D"], "{md}");
    // An editor publishes only the untrustworthy and at-risk members: the listing follows.
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "base/credit.ron",
        r#"grades: ["A", "B", "C", "D"],"#,
        r#"grades: ["D", "C"],"#,
    );
    let policies = scratch.path().to_str().unwrap();
    let md = published(
        "listing",
        &data,
        &["--format", "md", "--policies", policies],
    );
    assert_eq!(listed_grades(&md), ["C", "D"], "{md}");
    assert!(
        !md.contains("佛山市禅城区荣恒建材有限公司"),
        "an A member is listed: {md}"
    );
    // 佛山市禅城区瑞蒙陶瓷制品厂 is the blacklisted member, grade D.
    assert!(
        md.contains("| 91440604AD7BWTWF5E | 佛山市禅城区瑞蒙陶瓷制品厂 |\n"),
        "{md}"
    );
    let html = published("listing", &data, &["--policies", policies]);
    assert!(!html.contains("<h3>A "), "{html}");
    assert!(html.contains("<h3>D 严重失信："), "{html}");
}

#[test]
fn listing_had_no_publication_date_validity_basis_or_objection_channel() {
    let data = scenario(CERAMICS);
    let md = published("listing", &data, &["--format", "md"]);
    for line in [
        "- 公布日期：2025-01-15\n",
        "- 评价依据：DB4406/T《制造业行业质量共治实施指南》\n",
        "- 评价规则：陶瓷\n",
        "- 有效期：自公布之日起 12 个月内有效（至 2026-01-15），下一次评价结果公布后以新结果为准\n",
        "- 异议截止日期：2025-01-25\n",
        "\n## 异议申诉\n\n成员单位对评价结果有异议的，可自公布之日起 10 日内（2025-01-25 前）\
         向佛山市禅城区陶瓷行业协会秘书处书面提出",
        "\n## 信用修复\n\n失信成员单位完成整改、消除不良影响后，可向佛山市禅城区陶瓷行业协会申请信用修复",
    ] {
        assert!(md.contains(line), "no {line:?} in\n{md}");
    }
    let en = published("listing", &data, &["--format", "md", "--lang", "en"]);
    assert!(en.contains("- Published: 2025-01-15\n"), "{en}");
    assert!(
        en.contains(r"within 10 days of publication \(by 2025-01-25\)"),
        "{en}"
    );
    // A policy that keeps listings until the next evaluation and gives 30 days to object.
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "base/credit.ron",
        "validity: Months(12),",
        "validity: UntilNext,",
    );
    scratch.edit(
        "base/credit.ron",
        "objection_days: 10,",
        "objection_days: 30,",
    );
    let policies = scratch.path().to_str().unwrap();
    let html = published("listing", &data, &["--policies", policies]);
    assert!(
        html.contains("<tr><th>有效期</th><td>有效至下一次信用评价结果公布</td></tr>"),
        "{html}"
    );
    assert!(
        html.contains("<tr><th>异议截止日期</th><td>2025-02-14</td></tr>"),
        "{html}"
    );
}

/// The ceramics data with one member's name replaced, in a temporary folder.
fn with_member_named(name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let text = std::fs::read_to_string(scenario(CERAMICS)).unwrap();
    let quoted = format!("{name:?}");
    let text = text.replacen("\"佛山市禅城区荣恒建材有限公司\"", &quoted, 1);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2024.ron");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn listing_copied_member_names_raw_into_the_published_file() {
    let (_dir, data) = with_member_named(HOSTILE);
    let md = published("listing", &data, &["--format", "md"]);
    let escaped = r"\[x\]\(javascript:alert\(1\)\) \# \<script\>alert\(1\)\</script\> \& \|";
    assert!(
        md.contains(&format!("| 9144060407C97XUFJ0 | {escaped} |\n")),
        "{md}"
    );
    assert!(!md.contains("[x](") && !md.contains("<script>"), "{md}");
    let html = published("listing", &data, &[]);
    assert!(
        html.contains(
            "<tr><td>9144060407C97XUFJ0</td><td>[x](javascript:alert(1))\n\
             # &lt;script&gt;alert(1)&lt;/script&gt; &amp; |</td></tr>"
        ),
        "{html}"
    );
    assert!(!html.to_lowercase().contains("<script"), "{html}");
    // The report's own listing (`eval --format md`) escapes the name the same way.
    let out = cogov(&["eval", data.to_str().unwrap(), "--format", "md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(&format!("| 9144060407C97XUFJ0 | {escaped} |\n")),
        "{}",
        stdout(&out)
    );
}

#[test]
fn the_warning_notice_says_what_crossed_which_line_since_when_and_what_to_do() {
    let data = scenario(LIGHTING);
    let html = published("warning", &data, &[]);
    assert!(
        html.contains(
            "<tr><td>2024-12-31</td><td>失信风险及严重失信成员占比超过三成：2/6 家（33.33%）评为 C/D，\
             超过 30%</td><td>C/D</td><td class=\"n\">2</td><td class=\"n\">33.33%</td>\
             <td class=\"n\">30%</td></tr>"
        ),
        "{html}"
    );
    assert!(html.contains("<h2>成员单位应采取的措施</h2>"), "{html}");
    let md = published("warning", &data, &["--format", "md", "--lang", "en"]);
    assert!(
        md.contains("| 2024-12-31 | More than three in ten members at risk or untrustworthy: 2 of 6 members \\(33.33%\\) graded C/D, above 30% | C/D | 2 | 33.33% | 30% |\n"),
        "{md}"
    );
}

#[test]
fn with_no_sector_warning_nothing_is_published_and_the_exit_code_is_3() {
    let data = scenario(CERAMICS);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("预警.html");
    let (code, out, err) = publish("warning", &data, &["-o", file.to_str().unwrap()]);
    assert_eq!(code, Some(3), "{err}");
    assert_eq!(out, "");
    assert_eq!(
        err,
        "佛山市禅城区陶瓷行业协会2024 期间没有行业质量信用预警，不发布预警通告\n"
    );
    assert!(!file.exists(), "an empty notice was written");
    let (code, _, err) = publish("warning", &data, &["--lang", "en"]);
    assert_eq!(code, Some(3));
    assert_eq!(
        err,
        "佛山市禅城区陶瓷行业协会 has no sector credit warning in 2024: no warning notice is published\n"
    );
}

#[test]
fn a_publication_date_before_the_period_ends_or_badly_written_is_a_usage_error() {
    let data = scenario(CERAMICS);
    let out = cogov(&[
        "publish",
        "listing",
        data.to_str().unwrap(),
        "--date",
        "2024-06-30",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("公布日期 2024-06-30 早于评价期间的结束日 2024-12-31"),
        "{}",
        stderr(&out)
    );
    let out = cogov(&[
        "publish",
        "listing",
        data.to_str().unwrap(),
        "--date",
        "15/01/2025",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("公布日期 `15/01/2025` 应写作 YYYY-MM-DD"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_policy_without_a_publication_section_is_told_what_to_add() {
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "base/credit.ron",
        "  publication: (\n    grades: [\"A\", \"B\", \"C\", \"D\"],\n    validity: Months(12),\n    objection_days: 10,\n  ),\n",
        "",
    );
    let policies = scratch.path().to_str().unwrap();
    let (code, _, err) = publish("listing", &scenario(CERAMICS), &["--policies", policies]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("没有公示部分 `publication`"), "{err}");
    assert!(err.contains("objection_days: 10"), "{err}");
}

#[test]
fn an_objection_period_of_no_days_is_refused_at_its_line() {
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "base/credit.ron",
        "objection_days: 10,",
        "objection_days: 0,",
    );
    let out = cogov(&["check", "--policies", scratch.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("异议期须为 1 至 366 天，此处为 0"), "{err}");
    assert!(err.contains("credit.ron:"), "{err}");
}

#[test]
fn the_listing_goes_through_a_temporary_file_to_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("公示.md");
    let data = scenario(CERAMICS);
    let out = cogov_command()
        .args([
            "publish",
            "listing",
            data.to_str().unwrap(),
            "--format",
            "md",
        ])
        .args(["--date", "2025-01-15", "-o", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(
        written.starts_with("# 佛山市禅城区陶瓷行业协会2024 年度成员单位质量信用评价结果公示\n")
    );
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "a partial file was left behind");
}

#[test]
fn snapshots_of_both_documents_in_both_languages() {
    for (kind, data) in [("listing", CERAMICS), ("warning", LIGHTING)] {
        for format in ["html", "md"] {
            for lang in ["zh", "en"] {
                let text = published(kind, &scenario(data), &["--format", format, "--lang", lang]);
                // The policy digest moves with every policy edit; the snapshot pins the rest.
                insta::with_settings!({filters => vec![(r"\b[0-9a-f]{16}\b", "[digest]")]}, {
                    insta::assert_snapshot!(format!("publish_{kind}_{format}_{lang}"), text);
                });
            }
        }
    }
}
