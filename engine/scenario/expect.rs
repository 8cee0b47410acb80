//! Expectations: what a scenario's `Expect` step says the last outcome must be (total, grade,
//! level, indicator and member scores, actions raised and not raised, follow-ups, warnings)
//! and which problems the step before it must report, by message code and location.
//!
//! Each expectation checked becomes a [`Check`]: what was expected, what was found, and the
//! reasons behind the found value (an indicator's criteria, a member's account lines, a
//! trigger's reason), worded in the reader's language. An id the policies or the outcome do
//! not know is a problem located in `scenario.ron`, not a failed check.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde::Deserialize;

use crate::diagnostic::{Problem, Problems, SourceFile};
use crate::message::{Arg, Msg};
use crate::outcome::{FollowUpStatus, IndicatorResult, MemberResult, Outcome};
use crate::policy::PolicySet;
use crate::text::{Lang, Text};
use crate::value::num;

/// How far a found number may be from the expected one, unless the `Expect` says otherwise.
pub const TOLERANCE: f64 = 0.005;

/// An `Expect` step as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Expect {
    /// The problems the step before must report, every one of them.
    #[serde(default)]
    pub(crate) fails: Vec<ExpectedProblem>,
    /// The association's total.
    #[serde(default)]
    total: Option<f64>,
    /// The association's grade, by id or name.
    #[serde(default)]
    grade: Option<String>,
    /// Level scores by id.
    #[serde(default)]
    levels: BTreeMap<String, f64>,
    /// Indicator scores by id.
    #[serde(default)]
    indicators: BTreeMap<String, f64>,
    /// Members by credit code.
    #[serde(default)]
    members: BTreeMap<String, MemberExpect>,
    /// Improvement actions that must be raised, by action id (`C12/unmet`).
    #[serde(default)]
    raised: Vec<String>,
    /// Improvement actions that must not be raised.
    #[serde(default)]
    not_raised: Vec<String>,
    /// Earlier actions' status after this period, by action id.
    #[serde(default)]
    follow_ups: BTreeMap<String, FollowUpStatus>,
    /// Exactly the sector warnings raised, by id (`[]`: none).
    #[serde(default)]
    sector_warnings: Option<Vec<String>>,
    /// How far numbers may be off (default [`TOLERANCE`]).
    #[serde(default)]
    tolerance: Option<f64>,
}

/// What a member's result must be.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MemberExpect {
    #[serde(default)]
    score: Option<f64>,
    /// By id or name.
    #[serde(default)]
    grade: Option<String>,
    /// Exactly these rewards and penalties, by action id.
    #[serde(default)]
    actions: Option<Vec<String>>,
    /// Exactly these member warnings, by id.
    #[serde(default)]
    warnings: Option<Vec<String>>,
}

/// A problem a step must report: its message code and, optionally, where
/// (`2024.ron:12:5`, `2024.ron:12`, `2024.ron`, or for a worksheet `名录.xlsx:信用事件:6`;
/// paths relative to the scenario folder, or to the policy folder for policy files).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExpectedProblem {
    code: String,
    #[serde(default)]
    at: Option<String>,
}

/// One expectation checked.
#[derive(Clone, Debug)]
pub struct Check {
    /// The step it is about (1-based).
    pub step: usize,
    /// That step, as the report names it.
    pub step_label: String,
    /// What was checked, e.g. "indicator C20 (社会影响力) score".
    pub what: String,
    /// What the scenario expects.
    pub expected: String,
    /// What the run found.
    pub found: String,
    /// The reasons behind the found value, one line each.
    pub why: Vec<String>,
    /// Met.
    pub passed: bool,
    /// A step's problems that no expectation allowed for.
    pub unexpected: bool,
}

impl Check {
    /// Replaces a path in the texts (the private policy copy by the folder it copies).
    pub(crate) fn replace_path(&mut self, from: &str, to: &str) {
        for s in [&mut self.found, &mut self.expected] {
            *s = s.replace(from, to);
        }
        for line in &mut self.why {
            *line = line.replace(from, to);
        }
    }
}

/// The ids a policy set knows, for checking the ids an expectation names.
#[derive(Debug)]
pub(crate) struct Known {
    triggers: BTreeSet<String>,
    sector_warnings: BTreeSet<String>,
    /// Association grade bands: id and name.
    grades: Vec<(String, Text)>,
    /// Member credit grades: id and name.
    member_grades: Vec<(String, Text)>,
    actions: BTreeSet<String>,
}

impl Known {
    /// What `policies` define.
    pub(crate) fn of(policies: &PolicySet) -> Known {
        let credit = &policies.credit;
        Known {
            triggers: policies.triggers.iter().map(|t| t.id.clone()).collect(),
            sector_warnings: credit
                .sector_warnings
                .iter()
                .map(|w| w.id.clone())
                .collect(),
            grades: (policies.rubric.grades.iter())
                .map(|g| (g.id.clone(), g.name.clone()))
                .collect(),
            member_grades: (credit.grades.iter())
                .map(|g| (g.id.clone(), g.name.clone()))
                .collect(),
            actions: credit.actions.keys().cloned().collect(),
        }
    }
}

/// Where an expectation is checked: its step, the scenario file (for problems in it) and the
/// folders problem paths are given relative to.
#[derive(Clone, Copy)]
pub(crate) struct Context<'a> {
    pub(crate) step: usize,
    pub(crate) label: &'a str,
    pub(crate) lang: Lang,
    pub(crate) file: &'a SourceFile,
    /// Offset of the `Expect` in the file.
    pub(crate) from: usize,
    pub(crate) bases: &'a [PathBuf],
}

impl Context<'_> {
    /// A problem at the `Expect` itself.
    pub(crate) fn problem_here(&self, message: Msg) -> Problem {
        self.file.problem_at(self.from, "Expect".len(), message)
    }

    /// A problem at the quoted `value` in this `Expect`.
    fn problem_at(&self, value: &str, message: Msg) -> Problem {
        let needle = format!("\"{value}\"");
        match self
            .file
            .text
            .get(self.from..)
            .and_then(|t| t.find(&needle))
        {
            Some(i) => self.file.problem_at(self.from + i, needle.len(), message),
            None => self.problem_here(message),
        }
    }

    fn word(&self, msg: Msg) -> String {
        msg.word(self.lang)
    }

    fn check(&self, what: Msg, expected: String, found: String, passed: bool) -> Check {
        Check {
            step: self.step,
            step_label: self.label.to_string(),
            what: self.word(what),
            expected,
            found,
            why: Vec::new(),
            passed,
            unexpected: false,
        }
    }
}

fn pick(lang: Lang, zh: &str, en: &str) -> String {
    Text::new(zh, en).get(lang).to_string()
}

/// Ids joined for a report, or "none".
fn ids(lang: Lang, list: &[String]) -> String {
    if list.is_empty() {
        Msg::new("test-none").word(lang)
    } else {
        list.join(", ")
    }
}

/// A summary line of an `Expect` step's checks for the transcript, and each one not met.
pub(crate) fn summary(checks: &[Check], lang: Lang) -> String {
    let failed: Vec<&Check> = checks.iter().filter(|c| !c.passed).collect();
    let mut out = Msg::new("replay-expect-summary")
        .arg("met", checks.len() - failed.len())
        .arg("n", checks.len())
        .word(lang);
    out.push('\n');
    for c in failed {
        out.push_str(&super::report::failure_lines(c, lang));
    }
    out
}

impl Expect {
    /// Checks the last outcome against the expectation, pushing a check per value named and a
    /// problem per id the policies or the outcome do not know.
    pub(crate) fn check_outcome(
        &self,
        outcome: Option<&Outcome>,
        known: Option<&Known>,
        cx: &Context,
        checks: &mut Vec<Check>,
        problems: &mut Problems,
    ) {
        let wants_outcome = self.total.is_some()
            || self.grade.is_some()
            || !self.levels.is_empty()
            || !self.indicators.is_empty()
            || !self.members.is_empty()
            || !self.raised.is_empty()
            || !self.not_raised.is_empty()
            || !self.follow_ups.is_empty()
            || self.sector_warnings.is_some();
        let (Some(o), Some(known)) = (outcome, known) else {
            if wants_outcome {
                problems.push(cx.problem_here(Msg::new("test-no-outcome")));
            }
            return;
        };
        let tol = self.tolerance.unwrap_or(TOLERANCE);
        let lang = cx.lang;
        let close = |a: f64, b: f64| (a - b).abs() <= tol + 1e-9;
        let a = &o.association;
        if let Some(total) = self.total {
            let mut c = cx.check(
                Msg::new("test-what-total"),
                num(total),
                num(a.score),
                close(total, a.score),
            );
            c.why = (a.levels.iter().filter(|l| l.parent.is_none()))
                .map(|l| part(lang, &l.id, &l.name, &l.name_en, l.score, l.max))
                .collect();
            checks.push(c);
        }
        if let Some(grade) = &self.grade {
            if names_grade(&known.grades, grade) {
                let found = pick(lang, &a.grade, &a.grade_en);
                let passed = [&a.grade_id, &a.grade, &a.grade_en].contains(&grade);
                let mut c = cx.check(Msg::new("test-what-grade"), grade.clone(), found, passed);
                c.why = vec![
                    Msg::new("test-why-total")
                        .arg("score", num(a.score))
                        .arg("max", num(a.max))
                        .word(lang),
                ];
                checks.push(c);
            } else {
                let names: Vec<String> = known.grades.iter().map(|(id, _)| id.clone()).collect();
                let msg = Msg::new("test-unknown-grade")
                    .arg("grade", grade.as_str())
                    .arg("known", names);
                problems.push(cx.problem_at(grade, msg));
            }
        }
        for (id, &score) in &self.levels {
            let Some(l) = a.levels.iter().find(|l| &l.id == id) else {
                let msg = Msg::new("test-unknown-level").arg("id", id.as_str());
                problems.push(cx.problem_at(id, msg));
                continue;
            };
            let what = Msg::new("test-what-level")
                .arg("id", id.as_str())
                .arg("name", Text::new(&l.name, &l.name_en));
            let mut c = cx.check(what, num(score), num(l.score), close(score, l.score));
            c.why = (a.levels.iter().filter(|x| x.parent.as_ref() == Some(id)))
                .map(|x| part(lang, &x.id, &x.name, &x.name_en, x.score, x.max))
                .chain(
                    (a.indicators.iter().filter(|i| &i.parent == id))
                        .map(|i| part(lang, &i.id, &i.name, &i.name_en, i.score, i.max)),
                )
                .collect();
            checks.push(c);
        }
        for (id, &score) in &self.indicators {
            let Some(ind) = o.indicator(id) else {
                let msg = Msg::new("test-unknown-indicator").arg("id", id.as_str());
                problems.push(cx.problem_at(id, msg));
                continue;
            };
            let what = Msg::new("test-what-indicator")
                .arg("id", id.as_str())
                .arg("name", Text::new(&ind.name, &ind.name_en));
            let mut c = cx.check(what, num(score), num(ind.score), close(score, ind.score));
            c.why = criteria(ind, lang);
            checks.push(c);
        }
        for (code, m) in &self.members {
            let Some(found) = o.members.iter().find(|x| &x.id == code) else {
                let msg = Msg::new("test-unknown-member").arg("code", code.as_str());
                problems.push(cx.problem_at(code, msg));
                continue;
            };
            self.check_member(m, found, o, known, cx, checks, problems);
        }
        self.check_actions(o, known, cx, checks, problems);
        if let Some(expected) = &self.sector_warnings {
            for id in expected
                .iter()
                .filter(|id| !known.sector_warnings.contains(*id))
            {
                let msg = Msg::new("test-unknown-sector-warning").arg("id", id.as_str());
                problems.push(cx.problem_at(id, msg));
            }
            let mut want: Vec<String> = expected.clone();
            want.sort();
            let mut found: Vec<String> = o.warnings.iter().map(|w| w.id.clone()).collect();
            found.sort();
            let passed = want == found;
            let mut c = cx.check(
                Msg::new("test-what-sector-warnings"),
                ids(lang, &want),
                ids(lang, &found),
                passed,
            );
            c.why = o
                .warnings
                .iter()
                .map(|w| format!("{}: {}", w.id, pick(lang, &w.text, &w.text_en)))
                .collect();
            checks.push(c);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn check_member(
        &self,
        m: &MemberExpect,
        found: &MemberResult,
        o: &Outcome,
        known: &Known,
        cx: &Context,
        checks: &mut Vec<Check>,
        problems: &mut Problems,
    ) {
        let lang = cx.lang;
        let tol = self.tolerance.unwrap_or(TOLERANCE);
        let who = |what: Msg| {
            what.arg("code", found.id.as_str())
                .arg("name", found.name.as_str())
        };
        let account = account(found, lang);
        if let Some(score) = m.score {
            let passed = (score - found.score).abs() <= tol + 1e-9;
            let what = who(Msg::new("test-what-member-score"));
            let mut c = cx.check(what, num(score), num(found.score), passed);
            c.why = account.clone();
            checks.push(c);
        }
        if let Some(grade) = &m.grade {
            if names_grade(&known.member_grades, grade) {
                let name = o.credit.grades.iter().find(|g| g.id == found.grade);
                let passed =
                    found.grade == *grade || name.is_some_and(|n| n.zh == *grade || n.en == *grade);
                let shown = match name {
                    Some(n) => format!("{} {}", found.grade, pick(lang, &n.zh, &n.en)),
                    None => found.grade.clone(),
                };
                let what = who(Msg::new("test-what-member-grade"));
                let mut c = cx.check(what, grade.clone(), shown, passed);
                c.why = account.clone();
                checks.push(c);
            } else {
                let names: Vec<String> = known.member_grades.iter().map(|g| g.0.clone()).collect();
                let msg = Msg::new("test-unknown-grade")
                    .arg("grade", grade.as_str())
                    .arg("known", names);
                problems.push(cx.problem_at(grade, msg));
            }
        }
        if let Some(actions) = &m.actions {
            for a in actions.iter().filter(|a| !known.actions.contains(*a)) {
                let msg = Msg::new("test-unknown-credit-action").arg("id", a.as_str());
                problems.push(cx.problem_at(a, msg));
            }
            let (mut want, mut have) = (actions.clone(), found.actions.clone());
            want.sort();
            have.sort();
            let what = who(Msg::new("test-what-member-actions"));
            let passed = want == have;
            let mut c = cx.check(what, ids(lang, &want), ids(lang, &have), passed);
            c.why = account.clone();
            checks.push(c);
        }
        if let Some(warnings) = &m.warnings {
            let mut want = warnings.clone();
            want.sort();
            let mut have: Vec<String> = found.warnings.iter().map(|w| w.id.clone()).collect();
            have.sort();
            let what = who(Msg::new("test-what-member-warnings"));
            let passed = want == have;
            let mut c = cx.check(what, ids(lang, &want), ids(lang, &have), passed);
            c.why = (found.warnings.iter())
                .map(|w| format!("{}: {}", w.id, pick(lang, &w.text, &w.text_en)))
                .collect();
            checks.push(c);
        }
    }

    /// Actions raised and not raised, and earlier actions' follow-ups.
    fn check_actions(
        &self,
        o: &Outcome,
        known: &Known,
        cx: &Context,
        checks: &mut Vec<Check>,
        problems: &mut Problems,
    ) {
        let lang = cx.lang;
        let valid = |id: &String, problems: &mut Problems| {
            let ok = id.split_once('/').is_some_and(|(ind, trigger)| {
                o.indicator(ind).is_some() && known.triggers.contains(trigger)
            });
            if !ok {
                let triggers: Vec<String> = known.triggers.iter().cloned().collect();
                let msg = Msg::new("test-unknown-action")
                    .arg("id", id.as_str())
                    .arg("triggers", triggers);
                problems.push(cx.problem_at(id, msg));
            }
            ok
        };
        let yes = || Msg::new("test-raised-yes").word(lang);
        let no = || Msg::new("test-raised-no").word(lang);
        for (id, must) in (self.raised.iter().map(|i| (i, true)))
            .chain(self.not_raised.iter().map(|i| (i, false)))
        {
            if !valid(id, problems) {
                continue;
            }
            let trigger = o.triggers.iter().find(|t| t.key() == id.as_str());
            let what = Msg::new("test-what-action").arg("id", id.as_str());
            let (expected, found) = (
                if must { yes() } else { no() },
                if trigger.is_some() { yes() } else { no() },
            );
            let mut c = cx.check(what, expected, found, trigger.is_some() == must);
            c.why = match trigger {
                Some(t) => vec![pick(lang, &t.reason, &t.reason_en)],
                None => id
                    .split_once('/')
                    .and_then(|(ind, _)| o.indicator(ind))
                    .map(|ind| criteria(ind, lang))
                    .unwrap_or_default(),
            };
            checks.push(c);
        }
        for (id, status) in &self.follow_ups {
            if !valid(id, problems) {
                continue;
            }
            let f = o.follow_ups.iter().find(|f| &f.action_id == id);
            let what = Msg::new("test-what-follow-up").arg("id", id.as_str());
            let found = f.map_or_else(
                || Msg::new("test-follow-up-absent").word(lang),
                |f| {
                    let label = crate::render::follow_up::status_label(f.status, f.closed_by, lang);
                    format!("{} ({label})", status_id(f.status))
                },
            );
            let passed = f.is_some_and(|f| f.status == *status);
            let mut c = cx.check(what, status_id(*status), found, passed);
            c.why = f
                .map(|f| vec![pick(lang, &f.reason, &f.reason_en)])
                .unwrap_or_default();
            checks.push(c);
        }
    }
}

/// A follow-up status as a scenario writes it: `closed`, `open`, `overdue`, `escalated`.
fn status_id(status: FollowUpStatus) -> String {
    serde_json::to_value(status)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Whether `grade` is the id or a name of one of the bands.
fn names_grade(bands: &[(String, Text)], grade: &str) -> bool {
    bands
        .iter()
        .any(|(id, name)| id == grade || name.zh == grade || name.en == grade)
}

/// `C20 社会影响力 2/4`.
fn part(lang: Lang, id: &str, zh: &str, en: &str, score: f64, max: f64) -> String {
    format!("{id} {} {}/{}", pick(lang, zh, en), num(score), num(max))
}

/// An indicator's criteria, one line each: id, points of most, and the reason.
fn criteria(ind: &IndicatorResult, lang: Lang) -> Vec<String> {
    ind.reasons
        .iter()
        .map(|r| {
            format!(
                "{} {}/{}: {}",
                r.criterion,
                num(r.points),
                num(r.max),
                pick(lang, &r.text, &r.text_en)
            )
        })
        .collect()
}

/// A member's account, one line each: the event (if any), the points and the rule's words.
fn account(m: &MemberResult, lang: Lang) -> Vec<String> {
    m.reasons
        .iter()
        .map(|r| {
            let points = if r.points > 0.0 {
                format!("+{}", num(r.points))
            } else {
                num(r.points)
            };
            let text = match (&r.text, &r.text_en) {
                (Some(zh), Some(en)) => pick(lang, zh, en),
                (Some(zh), None) => zh.clone(),
                _ => String::new(),
            };
            let event = r.event.as_deref().unwrap_or("");
            format!("{event} {points} {text}").trim().to_string()
        })
        .collect()
}

/// The code a problem is matched by: the innermost message of a table location.
fn code_of(msg: &Msg) -> &str {
    let mut m = msg;
    while m.code.starts_with("import-at-") {
        match m.args.get("message") {
            Some(Arg::Msg(inner)) => m = inner,
            _ => break,
        }
    }
    &m.code
}

/// Where a problem is, as an expectation writes it: the file relative to the scenario (or
/// policy) folder, then `:line:col`, or `:sheet:row` for a worksheet.
pub(crate) fn location(p: &Problem, bases: &[PathBuf]) -> String {
    let path = p.path();
    let file = bases
        .iter()
        .find_map(|b| path.strip_prefix(b).ok())
        .unwrap_or(path);
    let mut at = file.display().to_string().replace('\\', "/");
    if let Some((line, col)) = p.line_col() {
        at.push_str(&format!(":{line}:{col}"));
    } else if let Some(Arg::Str(sheet)) = p.msg().args.get("sheet") {
        at.push_str(&format!(":{sheet}"));
        if let Some(Arg::Msg(row)) = p.msg().args.get("row")
            && let Some(Arg::Num(n)) = row.args.get("n")
        {
            at.push_str(&format!(":{n}"));
        }
    }
    at
}

/// `code @ location`.
fn described(p: &Problem, bases: &[PathBuf]) -> String {
    format!("{} @ {}", code_of(p.msg()), location(p, bases))
}

/// Whether a problem is the expected one: same code, and at the place named (a place names
/// a file, a line in it, or a line and column).
fn matches(e: &ExpectedProblem, p: &Problem, bases: &[PathBuf]) -> bool {
    code_of(p.msg()) == e.code
        && e.at.as_ref().is_none_or(|at| {
            let found = location(p, bases);
            found == *at || found.starts_with(&format!("{at}:"))
        })
}

/// Checks a step's problems against those expected: every expected problem reported, and
/// nothing else.
pub(crate) fn check_problems(
    expected: &[ExpectedProblem],
    found: Option<&Problems>,
    cx: &Context,
    checks: &mut Vec<Check>,
) {
    let lang = cx.lang;
    let found: &[Problem] = found.map_or(&[], |p| &p.0);
    let mut unmatched: Vec<&Problem> = found.iter().collect();
    let mut missing = Vec::new();
    for e in expected {
        match unmatched.iter().position(|p| matches(e, p, cx.bases)) {
            Some(i) => {
                unmatched.remove(i);
            }
            None => missing.push(e),
        }
    }
    let list = |lines: Vec<String>| {
        if lines.is_empty() {
            Msg::new("test-no-problems").word(lang)
        } else {
            lines.join("\n")
        }
    };
    let expected_text = list(
        expected
            .iter()
            .map(|e| match &e.at {
                Some(at) => format!("{} @ {at}", e.code),
                None => e.code.clone(),
            })
            .collect(),
    );
    let found_text = list(found.iter().map(|p| described(p, cx.bases)).collect());
    let passed = missing.is_empty() && unmatched.is_empty();
    let mut c = cx.check(
        Msg::new("test-what-problems"),
        expected_text,
        found_text,
        passed,
    );
    c.why = (missing.iter())
        .map(|e| {
            Msg::new("test-problem-missing")
                .arg("code", e.code.as_str())
                .word(lang)
        })
        .chain(unmatched.iter().map(|p| {
            Msg::new("test-problem-unexpected")
                .arg("at", described(p, cx.bases))
                .arg("text", p.text(lang))
                .word(lang)
        }))
        .collect();
    checks.push(c);
}

/// A step that reported problems no `Expect` allowed for.
pub(crate) fn unexpected_problems(
    step: usize,
    label: &str,
    problems: &Problems,
    bases: &[PathBuf],
    lang: Lang,
) -> Check {
    Check {
        step,
        step_label: label.to_string(),
        what: Msg::new("test-what-problems").word(lang),
        expected: Msg::new("test-no-problems").word(lang),
        found: (problems.0.iter())
            .map(|p| described(p, bases))
            .collect::<Vec<_>>()
            .join("\n"),
        why: (problems.0.iter())
            .map(|p| format!("{}: {}", p.location(), p.text(lang)))
            .collect(),
        passed: false,
        unexpected: true,
    }
}
