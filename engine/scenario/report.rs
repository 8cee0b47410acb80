//! The report of `cogov test`: a line per scenario, and for each expectation not met the step,
//! the expectation, expected against found and the reasons behind the found value; or the
//! same as JUnit XML for CI systems (a test suite per scenario, a test case per expectation).

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{Check, Replay};
use crate::diagnostic::Problems;
use crate::message::Msg;
use crate::text::Lang;

/// One scenario run by `cogov test`.
pub struct Ran {
    /// The scenario file.
    pub path: PathBuf,
    /// Its replay, or why it could not be read.
    pub result: Result<Replay, Problems>,
    /// How long it took.
    pub time: Duration,
}

impl Ran {
    /// The scenario's name: its folder's.
    pub fn name(&self) -> String {
        let folder = self.path.parent().unwrap_or(Path::new(""));
        folder.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into(),
        )
    }

    /// True when it ran and met every expectation.
    pub fn passed(&self) -> bool {
        self.result.as_ref().is_ok_and(Replay::passed)
    }
}

/// An expectation not met: the step and expectation, expected and found, and the reasons,
/// indented under a scenario line.
pub(crate) fn failure_lines(c: &Check, lang: Lang) -> String {
    let step = Msg::new("test-report-step")
        .arg("n", c.step)
        .arg("step", c.step_label.as_str())
        .word(lang);
    let mut out = format!("  ✗ {step}  {}\n", c.what);
    let block = |label: Msg, value: &str| {
        let mut lines = value.lines();
        let first = lines.next().unwrap_or("");
        let mut s = format!("      {}\n", label.arg("value", first).word(lang));
        for line in lines {
            s.push_str(&format!("        {line}\n"));
        }
        s
    };
    out.push_str(&block(Msg::new("test-report-expected"), &c.expected));
    out.push_str(&block(Msg::new("test-report-found"), &c.found));
    if !c.why.is_empty() {
        out.push_str(&format!(
            "      {}\n",
            Msg::new("test-report-why").word(lang)
        ));
        for line in &c.why {
            out.push_str(&format!("        {line}\n"));
        }
    }
    out
}

/// The text report: a line per scenario, the failures under it, then the totals.
pub fn text(ran: &[Ran], total: Duration, lang: Lang) -> String {
    let mut out = String::new();
    let mut checks = 0;
    for r in ran {
        let name = r.name();
        match &r.result {
            Ok(replay) => {
                let n = replay.checks.len();
                let failed = replay.failures().count();
                checks += n;
                let line = if replay.passed() {
                    Msg::new("test-report-pass")
                } else {
                    Msg::new("test-report-fail").arg("failed", failed)
                };
                let line = line
                    .arg("name", name.as_str())
                    .arg("title", replay.title.as_str())
                    .arg("n", n);
                out.push_str(&format!("{}\n", line.word(lang)));
                for c in replay.failures() {
                    out.push_str(&failure_lines(c, lang));
                }
                if !replay.problems.is_empty() {
                    out.push_str(&replay.problems.render_plain(lang));
                }
            }
            Err(problems) => {
                let line = Msg::new("test-report-error").arg("name", name.as_str());
                out.push_str(&format!("{}\n", line.word(lang)));
                out.push_str(&problems.render_plain(lang));
            }
        }
    }
    let passed = ran.iter().filter(|r| r.passed()).count();
    let summary = Msg::new("test-report-summary")
        .arg("passed", passed)
        .arg("failed", ran.len() - passed)
        .arg("checks", checks)
        .arg("ms", total.as_millis() as u64);
    out.push_str(&format!("\n{}\n", summary.word(lang)));
    out
}

/// Text with the five characters XML gives meaning to escaped, and control characters other
/// than tab and line breaks (which XML 1.0 cannot carry) dropped.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The report as JUnit XML: a `testsuite` per scenario, a `testcase` per expectation with a
/// `failure` when not met; a scenario that could not be read, or whose expectations name
/// what does not exist, has an `error` case.
pub fn junit(ran: &[Ran], total: Duration, lang: Lang) -> String {
    let mut suites = String::new();
    let (mut tests, mut failures, mut errors) = (0, 0, 0);
    for r in ran {
        let name = xml(&r.name());
        let mut cases = String::new();
        let (mut n, mut failed, mut errored) = (0, 0, 0);
        let error_case = |cases: &mut String, problems: &Problems| {
            cases.push_str(&format!(
                "    <testcase classname=\"{name}\" name=\"scenario.ron\">\n      <error message=\"{}\">{}</error>\n    </testcase>\n",
                xml(&problems.0.first().map(|p| p.text(lang)).unwrap_or_default()),
                xml(&problems.render_plain(lang))
            ));
        };
        match &r.result {
            Ok(replay) => {
                for c in &replay.checks {
                    n += 1;
                    let case = xml(&format!("{}. {}: {}", c.step, c.step_label, c.what));
                    if c.passed {
                        cases.push_str(&format!(
                            "    <testcase classname=\"{name}\" name=\"{case}\"/>\n"
                        ));
                    } else {
                        failed += 1;
                        let message = Msg::new("test-junit-message")
                            .arg("expected", c.expected.as_str())
                            .arg("found", c.found.as_str())
                            .word(lang);
                        cases.push_str(&format!(
                            "    <testcase classname=\"{name}\" name=\"{case}\">\n      <failure message=\"{}\">{}</failure>\n    </testcase>\n",
                            xml(&message),
                            xml(&failure_lines(c, lang))
                        ));
                    }
                }
                if !replay.problems.is_empty() {
                    n += 1;
                    errored += 1;
                    error_case(&mut cases, &replay.problems);
                }
            }
            Err(problems) => {
                n += 1;
                errored += 1;
                error_case(&mut cases, problems);
            }
        }
        suites.push_str(&format!(
            "  <testsuite name=\"{name}\" tests=\"{n}\" failures=\"{failed}\" errors=\"{errored}\" time=\"{:.3}\">\n{cases}  </testsuite>\n",
            r.time.as_secs_f64()
        ));
        tests += n;
        failures += failed;
        errors += errored;
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"cogov\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" time=\"{:.3}\">\n{suites}</testsuites>\n",
        total.as_secs_f64()
    )
}
