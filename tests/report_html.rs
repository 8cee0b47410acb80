//! The HTML report (`cogov eval --format html`): rendered from the policy's templates, one
//! self-contained page with the member credit section, charts, warnings and provenance, in
//! Chinese and English; what the data says is escaped; a template edited in a copy of the
//! policies changes the report with no rebuild, and a broken one is refused where it is broken.

use std::path::{Path, PathBuf};

use crate::common::{Scratch, cogov, scenario, stderr, stdout};

/// The ceramics association's 2023 outcome, written into `dir`: the previous period of 2024.
fn ceramics_2023(dir: &Path) -> PathBuf {
    let previous = dir.join("2023.json");
    let data = scenario("ceramics-credit/2023.ron");
    let out = cogov(&[
        "eval",
        data.to_str().unwrap(),
        "--format",
        "json",
        "-o",
        previous.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    previous
}

/// `cogov eval DATA --format html` with more arguments; the page, after a successful run.
fn html(data: &Path, more: &[&str]) -> String {
    let mut args = vec!["eval", data.to_str().unwrap(), "--format", "html"];
    args.extend_from_slice(more);
    let out = cogov(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stdout(&out)
}

/// The 240-member ceramics report of 2024, after 2023, in a language.
fn ceramics(lang: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let previous = ceramics_2023(dir.path());
    html(
        &scenario("ceramics-credit/2024.ron"),
        &["--previous", previous.to_str().unwrap(), "--lang", lang],
    )
}

/// The part of a page from `start` to the next `end`.
fn between<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    let from = page
        .find(start)
        .unwrap_or_else(|| panic!("no {start}:\n{page}"));
    let rest = &page[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

#[test]
fn the_report_has_a_member_credit_section_with_every_member_not_only_the_association() {
    for lang in ["zh", "en"] {
        let page = ceramics(lang);
        let members = between(&page, "<table class=\"members\">", "</table>");
        assert_eq!(
            members.matches("<tr><td class=\"code\">").count(),
            240,
            "{lang}"
        );
        // A member with its score, grade, the actions its grade brings and its warning.
        let row = between(
            members,
            "<tr><td class=\"code\">91440604AD7BWTWF5E</td>",
            "</tr>",
        );
        assert!(row.contains("<td class=\"n\">39</td>"), "{row}");
        assert!(row.contains(">D</td>"), "{row}");
        let (action, warning) = match lang {
            "zh" => ("在行业内公示", "信用等级由"),
            _ => ("listed publicly in the sector", "credit grade fell from"),
        };
        assert!(row.to_lowercase().contains(action), "{lang}: {row}");
        assert!(row.contains(warning), "{lang}: {row}");
        // The distribution, each grade with what it brings.
        let grades = between(&page, "<table class=\"grades\">", "</table>");
        assert_eq!(grades.matches("<tr><td>").count(), 4, "{grades}");
    }
}

#[test]
fn the_report_has_charts_as_inline_svg() {
    let page = ceramics("zh");
    // A/B levels, C indicators, the credit grades and the trend against 2023.
    assert_eq!(page.matches("<svg class=\"chart\"").count(), 4, "{page}");
    assert!(
        page.contains("<title>一级、二级指标得分与满分</title>"),
        "{page}"
    );
    assert!(
        page.contains("<title>与上期对比（得分率）</title>"),
        "{page}"
    );
    let trend = between(&page, "<title>与上期对比（得分率）</title>", "</svg>");
    assert!(trend.contains(">2023</text>"), "{trend}");
    assert!(trend.contains("64.5% → 76.5%"), "{trend}");
    // Without a previous period there is no trend, and without a roster no credit chart.
    let page = html(&scenario("well-run-association/2024.ron"), &[]);
    assert_eq!(page.matches("<svg class=\"chart\"").count(), 2, "{page}");
    assert!(!page.contains("成员信用"), "{page}");
}

#[test]
fn the_report_has_sector_and_member_warnings_with_their_dates() {
    let page = html(&scenario("sector-lighting/2024.ron"), &[]);
    let warnings = between(&page, "<table class=\"warnings\">", "</table>");
    assert!(warnings.contains("<td>2024-12-31</td>"), "{warnings}");
    assert!(warnings.contains("<td>C/D</td>"), "{warnings}");
    let page = ceramics("en");
    assert!(page.contains("<h2>Sector credit warnings</h2>"), "{page}");
    let warned = between(&page, "<table class=\"member-warnings\">", "</table>");
    assert!(warned.contains("credit grade fell from A to B"), "{warned}");
    assert!(page.contains("<h3>Member credit warnings ("), "{page}");
}

#[test]
fn the_report_has_provenance_in_chinese_and_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let previous = ceramics_2023(dir.path());
    let data = scenario("ceramics-credit/2024.ron");
    let json = cogov(&["eval", data.to_str().unwrap(), "--format", "json"]);
    let outcome: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    for (lang, words) in [
        (
            "zh",
            [
                "来源与说明",
                "DB4406/T《制造业行业质量共治实施指南》",
                "不是标准本身的规定",
                "ceramics（陶瓷）",
            ],
        ),
        (
            "en",
            [
                "Provenance and notes",
                "制造业行业质量共治实施指南",
                "not of the standard",
                "ceramics (Ceramics)",
            ],
        ),
    ] {
        let page = html(
            &data,
            &["--previous", previous.to_str().unwrap(), "--lang", lang],
        );
        let provenance = between(&page, "<section id=\"provenance\"", "</section>");
        for word in words {
            assert!(provenance.contains(word), "{lang}: {word}: {provenance}");
        }
        for digest in [&outcome["policy"]["digest"], &outcome["data"]["digest"]] {
            assert!(
                provenance.contains(digest.as_str().unwrap()),
                "{provenance}"
            );
        }
        assert!(
            provenance.contains(env!("CARGO_PKG_VERSION")),
            "{provenance}"
        );
        assert!(provenance.contains("2024-12-31"), "{provenance}");
    }
}

#[test]
fn the_report_is_one_file_that_loads_nothing_from_outside() {
    for page in [ceramics("zh"), ceramics("en")] {
        for outside in [
            "http://", "https://", "<script", "<link", " src=", "url(", "@import",
        ] {
            assert!(!page.contains(outside), "{outside}");
        }
    }
}

#[test]
fn the_report_has_an_a4_print_layout_with_a_running_header_and_repeated_table_headers() {
    let page = ceramics("zh");
    let style = between(&page, "<style>", "</style>");
    for rule in [
        "@page { size: A4;",
        "@top-left { content: \"佛山市禅城区陶瓷行业协会 · 行业质量共治评价报告\"",
        "counter(page)",
        "section.page { break-before: page; }",
        "thead { display: table-header-group; }",
        "table-layout: fixed;",
        "overflow-wrap: anywhere;",
    ] {
        assert!(style.contains(rule), "{rule}: {style}");
    }
    // Every table repeats its header row on each printed page.
    assert_eq!(
        page.matches("<table").count(),
        page.matches("<thead>").count()
    );
}

#[test]
fn names_from_the_data_are_escaped_in_the_page_its_charts_and_its_style_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("2024.ron");
    let text = std::fs::read_to_string(scenario("ceramics-credit/2024.ron")).unwrap();
    let text = text
        .replacen(
            "name: \"佛山市禅城区瑞蒙陶瓷制品厂\"",
            "name: \"<script>alert(1)</script> & 瑞蒙\"",
            1,
        )
        .replacen(
            "name: \"佛山市禅城区陶瓷行业协会\"",
            "name: \"陶瓷协会\\\"; } </style><script>x()</script>\"",
            1,
        );
    std::fs::write(&data, text).unwrap();
    let page = html(&data, &[]);
    assert!(!page.contains("<script"), "{page}");
    assert!(
        page.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt; &amp; 瑞蒙</td>"),
        "{page}"
    );
    // In the running header's CSS string the association's name cannot end the string or the
    // style sheet.
    let style = between(&page, "<style>", "</style>");
    assert!(style.contains("@top-left { content: \"陶瓷协会\\22 \\3b  \\7d  \\3c \\2f style\\3e \\3c script\\3e x\\28 \\29 \\3c \\2f script\\3e "), "{style}");
}

#[test]
fn a_word_changed_in_a_copy_of_the_templates_changes_the_report_with_no_rebuild() {
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "base/templates/report.html",
        "<h2>{{ w.charts }}</h2>",
        "<h2>本会图表一览</h2>",
    );
    let data = scenario("ceramics-credit/2024.ron");
    let policies = scratch.path().to_str().unwrap();
    let page = html(&data, &["--policies", policies]);
    assert!(page.contains("<h2>本会图表一览</h2>"), "{page}");
    assert!(!html(&data, &[]).contains("本会图表一览"));
    // A sector's own template of the same name replaces the base's for that sector only.
    scratch.write(
        "sectors/ceramics/templates/credit.html",
        "<section id=\"credit\"><h2>陶瓷行业成员信用（{{ credit.members_total }} 家）</h2></section>",
    );
    let page = html(&data, &["--policies", policies]);
    assert!(
        page.contains("<h2>陶瓷行业成员信用（240 家）</h2>"),
        "{page}"
    );
    let lighting = html(
        &scenario("sector-lighting/2024.ron"),
        &["--policies", policies],
    );
    assert!(lighting.contains("<table class=\"members\">"), "{lighting}");
}

#[test]
fn a_broken_template_refuses_the_policies_at_its_line_and_column_in_both_languages() {
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "base/templates/credit.html",
        "{{ g.count }}",
        "{{ g.cuont }}",
    );
    let data = scenario("ceramics-credit/2024.ron");
    let policies = scratch.path().to_str().unwrap();
    for (lang, says) in [
        ("zh", "模板使用了报告中没有的值 `g.cuont`"),
        (
            "en",
            "the template uses `g.cuont`, which the report does not have",
        ),
    ] {
        let out = cogov(&[
            "eval",
            data.to_str().unwrap(),
            "--policies",
            policies,
            "--lang",
            lang,
        ]);
        assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
        let err = stderr(&out);
        assert!(err.contains("base/templates/credit.html:12:"), "{err}");
        assert!(err.contains(says), "{err}");
    }
}

#[test]
fn the_240_member_report_stays_small_and_is_the_same_bytes_every_run() {
    let page = ceramics("zh");
    assert_eq!(page, ceramics("zh"));
    // 240 members: about 95 KB (see the README), so it opens, mails and prints anywhere.
    assert!(
        (60_000..200_000).contains(&page.len()),
        "{} bytes",
        page.len()
    );
}

#[test]
fn the_templates_are_embedded_so_a_copied_binary_renders_the_report_as_shipped() {
    // No policy folder here and none named: the policies embedded in the binary.
    let dir = tempfile::tempdir().unwrap();
    let data = scenario("ceramics-credit/2024.ron");
    let out = crate::common::cogov_command()
        .current_dir(dir.path())
        .env_remove("COGOV_POLICIES")
        .args(["eval", data.to_str().unwrap(), "--format", "html"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = stdout(&out);
    assert_eq!(page, html(&data, &[]));
    assert_eq!(page.matches("<svg class=\"chart\"").count(), 3, "{page}");
}
