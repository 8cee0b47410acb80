//! The HTML reports as a reader sees them: each report below is written by `cogov eval
//! --format html`, loaded in one headless Chromium, and fails on any console error or uncaught
//! exception, on any request but the report's own file (outside addresses are also blocked),
//! on a key text missing from the rendered page, on Chinese characters drawn without a font
//! that covers Chinese (tofu), and on a print to A4 with no pages or more than the report's
//! bound. Each report's page (PNG) and print (PDF) are written to `target/browser/` (under
//! `CARGO_TARGET_DIR` when set) for a person to look at; the test prints their paths.
//!
//! The tests need Chromium and CJK fonts (Debian: `chromium`, `fonts-noto-cjk`; `.ci/run`
//! installs them) and fail, saying so, without them. `$COGOV_CHROMIUM` names another binary.

mod chromium;
mod page;
mod pdf;

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};

use crate::common::cogov_command;
use chromium::Chromium;
use page::{Rendered, Tab};

/// A report to render and what its rendered page must show.
struct Report {
    /// Its files under `target/browser/`: `<name>.html`, `.png`, `.pdf`.
    name: &'static str,
    /// The association data, under `scenarios/`.
    data: &'static str,
    /// `--lang`.
    lang: &'static str,
    /// Printed on A4 it takes at least one page and at most this many.
    max_pages: usize,
    /// Texts of `document.body.innerText` (runs of white space count as one space): the
    /// association, the total, the grade, some indicator names, the section headings.
    texts: &'static [&'static str],
}

/// The reports. A section added to the report adds its heading here.
const REPORTS: &[Report] = &[
    // 240 members, one row each in the member credit table (about 20 A4 pages), and the sector
    // credit warnings.
    Report {
        name: "ceramics-credit-zh",
        data: "ceramics-credit/2024.ron",
        lang: "zh",
        max_pages: 30,
        texts: &[
            "佛山市禅城区陶瓷行业协会",
            "75 / 100",
            "良好",
            "质量信用管理机制",
            "参与标准化活动",
            "质量人才培训",
            "改进和优化（7.4）",
            "行业质量信用预警",
        ],
    },
    Report {
        name: "ceramics-credit-en",
        data: "ceramics-credit/2024.ron",
        lang: "en",
        max_pages: 30,
        texts: &[
            "佛山市禅城区陶瓷行业协会",
            "75 / 100",
            "Good",
            "Credit management",
            "Standardisation",
            "Talent training",
            "Improvement actions (7.4)",
            "Sector credit warnings",
        ],
    },
    // The association alone, no roster.
    Report {
        name: "well-run-association-zh",
        data: "well-run-association/2024.ron",
        lang: "zh",
        max_pages: 8,
        texts: &[
            "佛山市模具行业协会",
            "96.5 / 100",
            "优秀",
            "质量信用管理机制",
            "社会影响力",
            "改进和优化（7.4）",
        ],
    },
    Report {
        name: "well-run-association-en",
        data: "well-run-association/2024.ron",
        lang: "en",
        max_pages: 8,
        texts: &[
            "佛山市模具行业协会",
            "96.5 / 100",
            "Excellent",
            "Credit management",
            "Social influence",
            "Improvement actions (7.4)",
        ],
    },
];

#[test]
fn every_report_renders_in_chromium_without_errors_requests_or_tofu() {
    let out = out_dir();
    let cjk = cjk_families();
    // The reports are written while the browser starts.
    let writing: Vec<Child> = REPORTS.iter().map(|r| write_report(r, &out)).collect();
    let mut browser = launch(&[]);
    let tab = Tab::open(&mut browser).unwrap_or_else(|e| panic!("{e}"));
    let mut failures = Vec::new();
    for (report, writer) in REPORTS.iter().zip(writing) {
        let written = writer.wait_with_output().expect("run cogov");
        let error = String::from_utf8_lossy(&written.stderr);
        assert_eq!(written.status.code(), Some(0), "{}: {error}", report.name);
        let html = out.join(format!("{}.html", report.name));
        let rendered = tab
            .render(&mut browser, &html)
            .unwrap_or_else(|e| panic!("{}: {e}", report.name));
        for failure in check(report, &rendered, &cjk) {
            failures.push(format!("{}: {failure}", report.name));
        }
        let png = out.join(format!("{}.png", report.name));
        let pdf = out.join(format!("{}.pdf", report.name));
        std::fs::write(&png, &rendered.png).expect("write into target/browser");
        std::fs::write(&pdf, &rendered.pdf).expect("write into target/browser");
        // Straight to standard error, past the test harness's capture: the files are for a
        // person to open.
        let _ = writeln!(std::io::stderr(), "{}\n{}", png.display(), pdf.display());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A page with every fault the checks look for.
const FAULTY: &str = r#"<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>faulty</title>
<link rel="stylesheet" href="https://fonts.example.com/noto.css">
</head><body>
<h1>佛山市陶瓷行业协会</h1>
<img src="http://192.0.2.7/logo.png" alt="">
<img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw==" alt="">
<script>console.error("the report's script failed"); notDefined();</script>
</body></html>
"#;

#[test]
fn the_checks_fail_a_page_with_errors_outside_requests_missing_texts_and_tofu() {
    let dir = tempfile::tempdir().unwrap();
    let faulty = dir.path().join("faulty.html");
    std::fs::write(&faulty, FAULTY).unwrap();
    let fonts = without_chinese_fonts(dir.path());
    let mut browser = launch(&[("FONTCONFIG_FILE", fonts.as_os_str())]);
    let tab = Tab::open(&mut browser).unwrap_or_else(|e| panic!("{e}"));
    let rendered = tab
        .render(&mut browser, &faulty)
        .unwrap_or_else(|e| panic!("{e}"));
    let report = Report {
        name: "faulty",
        data: "(not written by cogov)",
        lang: "zh",
        max_pages: 8,
        texts: &["佛山市陶瓷行业协会", "良好"],
    };
    let failures = check(&report, &rendered, &cjk_families());
    let all = failures.join("\n");
    for expected in [
        "console error: console.error: the report's script failed",
        "uncaught exception: ReferenceError: notDefined is not defined",
        "a request other than the report's own file: https://fonts.example.com/noto.css (blocked",
        "a request other than the report's own file: http://192.0.2.7/logo.png (blocked",
        "the rendered page does not show \"良好\"",
        "9 Chinese characters of \"佛山市陶瓷行业协会\" drawn with",
    ] {
        assert!(all.contains(expected), "{expected:?} is not among:\n{all}");
    }
    assert!(
        !all.contains("show \"佛山市陶瓷行业协会\""),
        "the name is there:\n{all}"
    );
    assert!(
        !all.contains("data:"),
        "a data: address is the page's own:\n{all}"
    );
    assert!(
        !all.contains("not blocked"),
        "outside addresses are blocked:\n{all}"
    );
}

/// A font configuration (for `FONTCONFIG_FILE`) with every installed font but those that
/// cover Chinese, linked into `dir`: a machine without fonts-noto-cjk.
fn without_chinese_fonts(dir: &Path) -> PathBuf {
    let files = |pattern: &str| {
        let listed = std::process::Command::new("fc-list")
            .args([pattern, "--format", "%{file}\\n"])
            .output()
            .expect("fc-list");
        String::from_utf8_lossy(&listed.stdout)
            .lines()
            .map(PathBuf::from)
            .collect::<std::collections::BTreeSet<_>>()
    };
    let chinese = files(":lang=zh");
    let fonts = dir.join("fonts");
    std::fs::create_dir(&fonts).unwrap();
    for (n, file) in files(":").difference(&chinese).enumerate() {
        let name = file.file_name().unwrap().to_string_lossy();
        std::os::unix::fs::symlink(file, fonts.join(format!("{n}-{name}"))).unwrap();
    }
    let config = dir.join("fonts.conf");
    let text = format!(
        "<?xml version=\"1.0\"?>\n<fontconfig><dir>{}</dir><cachedir>{}</cachedir></fontconfig>\n",
        fonts.display(),
        dir.join("font-cache").display()
    );
    std::fs::write(&config, text).unwrap();
    config
}

#[test]
fn without_chromium_the_tests_fail_saying_what_to_install() {
    let error = Chromium::launch(Path::new("/nonexistent/chromium"), &[])
        .err()
        .expect("no browser there");
    assert!(error.contains("`/nonexistent/chromium`"), "{error}");
    for needed in [
        "`chromium`",
        "`fonts-noto-cjk`",
        "`.ci/run`",
        "$COGOV_CHROMIUM",
    ] {
        assert!(error.contains(needed), "{needed} missing from: {error}");
    }
}

/// Everything wrong with a rendered report.
fn check(report: &Report, rendered: &Rendered, cjk: &[String]) -> Vec<String> {
    let mut failures = Vec::new();
    failures.extend(
        rendered
            .console_errors
            .iter()
            .map(|e| format!("console error: {e}")),
    );
    failures.extend(
        rendered
            .exceptions
            .iter()
            .map(|e| format!("uncaught exception: {e}")),
    );
    for request in &rendered.requests {
        if request.url != rendered.url && !request.url.starts_with("data:") {
            let blocked = request.failed.as_deref().unwrap_or("not blocked");
            failures.push(format!(
                "a request other than the report's own file: {} ({blocked})",
                request.url
            ));
        }
    }
    let missing: Vec<&str> = report
        .texts
        .iter()
        .copied()
        .filter(|text| !rendered.text.contains(text))
        .collect();
    for text in &missing {
        failures.push(format!("the rendered page does not show {text:?}"));
    }
    if !missing.is_empty() {
        let shown: String = rendered.text.chars().take(600).collect();
        failures.push(format!("the rendered page shows: {shown}…"));
    }
    match &rendered.han {
        Some(han) => {
            let drawn: u64 = han
                .fonts
                .iter()
                .filter(|(family, _)| cjk.contains(family))
                .map(|(_, glyphs)| glyphs)
                .sum();
            if drawn < han.han_characters as u64 {
                let fonts: Vec<String> = han
                    .fonts
                    .iter()
                    .map(|(family, glyphs)| format!("{family} ({glyphs} glyphs)"))
                    .collect();
                failures.push(format!(
                    "{} Chinese characters of {:?} drawn with {}, {drawn} of them in a font \
                     that covers Chinese: tofu; install fonts-noto-cjk",
                    han.han_characters,
                    han.text,
                    if fonts.is_empty() {
                        "no font".into()
                    } else {
                        fonts.join(", ")
                    },
                ));
            }
        }
        None if report.lang == "zh" => failures.push("no Chinese text on the page".into()),
        None => {}
    }
    match pdf::page_count(&rendered.pdf) {
        Ok(pages) if (1..=report.max_pages).contains(&pages) => {}
        Ok(pages) => failures.push(format!(
            "printed on A4 it takes {pages} pages, not 1 to {}",
            report.max_pages
        )),
        Err(e) => failures.push(format!("the printed PDF: {e}")),
    }
    failures
}

/// Starts `cogov eval` writing a report's HTML into `out`.
fn write_report(report: &Report, out: &Path) -> Child {
    let data = crate::common::scenario(report.data);
    let html = out.join(format!("{}.html", report.name));
    cogov_command()
        .args(["eval", "--format", "html", "--lang", report.lang])
        .arg(data)
        .arg("-o")
        .arg(html)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run cogov")
}

/// Chromium, or a failure saying how to install it.
fn launch(env: &[(&str, &OsStr)]) -> Chromium {
    Chromium::launch(&chromium::binary(), env).unwrap_or_else(|e| panic!("{e}"))
}

/// The font families that cover Chinese, as fontconfig (which Chromium uses) lists them.
fn cjk_families() -> Vec<String> {
    let listed = std::process::Command::new("fc-list")
        .args([":lang=zh", "family"])
        .output()
        .unwrap_or_else(|e| panic!("fc-list: {e}: install fontconfig and fonts-noto-cjk"));
    let families: Vec<String> = String::from_utf8_lossy(&listed.stdout)
        .lines()
        .flat_map(|line| line.split(','))
        .map(|family| family.trim().to_owned())
        .filter(|family| !family.is_empty())
        .collect();
    assert!(
        !families.is_empty(),
        "no font covers Chinese (fc-list :lang=zh lists none): install fonts-noto-cjk"
    );
    families
}

/// `target/browser/`, in the target folder the test binary was built in.
fn out_dir() -> PathBuf {
    let cogov = Path::new(env!("CARGO_BIN_EXE_cogov"));
    let target = cogov
        .ancestors()
        .nth(2)
        .expect("the binary is in <target>/<profile>/");
    let out = target.join("browser");
    std::fs::create_dir_all(&out).expect("create target/browser");
    out
}
