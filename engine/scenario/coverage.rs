//! Which rules the scenarios exercise: criteria, credit event kinds and their levels, caps,
//! repeats, vetoes, grade bands (association and member), credit actions, triggers and sector
//! warnings, per policy file and per merged sector set.
//!
//! A rule counts as exercised when it made a difference in at least one evaluation under the
//! policies as shipped (evaluations after a scenario's `Edit` do not count):
//! - a criterion earned more than 0 points;
//! - an event kind had an event counted in a member's account (expired, repaired and repeated
//!   once-only events are not counted), and a level had one of its kind at that level;
//! - a cap capped a kind's total; a repeat rule added its points; a veto lowered a grade;
//! - a grade band was the association's grade, or a member's; a credit action was given to
//!   a member;
//! - a trigger raised an action; a sector warning was raised.
//!
//! Rules come from the policy set each evaluation ran under, each with the file that last set
//! it (a sector overlay's for what the overlay changed) and its line, so `--annotate` can mark
//! the line.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::data::Dataset;
use crate::message::{Arg, Msg};
use crate::outcome::{Outcome, ReasonRule};
use crate::policy::PolicySet;
use crate::policy::credit::Points;
use crate::policy::rubric::NodeKind;
use crate::render::table::{Align, Table};
use crate::text::{Lang, Text};

/// A kind of rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A rubric criterion (`C1.1`).
    Criterion,
    /// An association grade band.
    Grade,
    /// An improvement trigger.
    Trigger,
    /// A credit event kind.
    Event,
    /// A level of an event kind scored by level (`sampling_fail/critical`).
    EventLevel,
    /// A cap on an event kind's total.
    Cap,
    /// A repeat rule.
    Repeat,
    /// A veto.
    Veto,
    /// A member credit grade band.
    MemberGrade,
    /// A credit reward or penalty.
    CreditAction,
    /// A sector credit warning.
    SectorWarning,
}

impl Kind {
    const ALL: [Kind; 11] = [
        Kind::Criterion,
        Kind::Grade,
        Kind::Trigger,
        Kind::Event,
        Kind::EventLevel,
        Kind::Cap,
        Kind::Repeat,
        Kind::Veto,
        Kind::MemberGrade,
        Kind::CreditAction,
        Kind::SectorWarning,
    ];

    fn name(self) -> Msg {
        match self {
            Kind::Criterion => Msg::new("coverage-kind-criterion"),
            Kind::Grade => Msg::new("coverage-kind-grade"),
            Kind::Trigger => Msg::new("coverage-kind-trigger"),
            Kind::Event => Msg::new("coverage-kind-event-kind"),
            Kind::EventLevel => Msg::new("coverage-kind-event-level"),
            Kind::Cap => Msg::new("coverage-kind-cap"),
            Kind::Repeat => Msg::new("coverage-kind-repeat"),
            Kind::Veto => Msg::new("coverage-kind-veto"),
            Kind::MemberGrade => Msg::new("coverage-kind-member-grade"),
            Kind::CreditAction => Msg::new("coverage-kind-credit-action"),
            Kind::SectorWarning => Msg::new("coverage-kind-sector-warning"),
        }
    }
}

/// A rule as written: its kind, id, file (relative to the policy folder) and line.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Rule {
    /// The policy file that sets it.
    pub file: String,
    /// Its line there (1-based).
    pub line: usize,
    /// Its kind.
    pub kind: Kind,
    /// Its id (`C1.1`, `sampling_fail/critical`, `A`).
    pub id: String,
}

/// What one evaluation ran under and exercised.
#[derive(Debug)]
pub struct Evaluation {
    /// The policy folder.
    root: PathBuf,
    /// The sector set: its id (`base` for none) and the overlay's name.
    set: (String, Option<Text>),
    /// Every rule of the set.
    rules: Vec<Rule>,
    /// The rules that made a difference, by kind and id.
    exercised: BTreeSet<(Kind, String)>,
}

/// Policy file texts read once, for finding rules' lines.
struct Files<'a> {
    root: &'a Path,
    texts: HashMap<String, String>,
}

impl Files<'_> {
    /// The file's text.
    fn text(&mut self, file: &str) -> &str {
        let root = self.root;
        self.texts
            .entry(file.to_string())
            .or_insert_with(|| std::fs::read_to_string(root.join(file)).unwrap_or_default())
    }

    /// Offset of the first of `needles` found after `from`, else of the first anywhere.
    fn find(&mut self, file: &str, from: usize, needles: &[String]) -> Option<usize> {
        let text = self.text(file);
        let after = |n: &String| text.get(from..)?.find(n.as_str()).map(|i| from + i);
        needles
            .iter()
            .find_map(after)
            .or_else(|| needles.iter().find_map(|n| text.find(n.as_str())))
    }

    fn line(&mut self, file: &str, offset: usize) -> usize {
        let text = self.text(file);
        text[..offset.min(text.len())].matches('\n').count() + 1
    }
}

/// A path relative to the policy folder, with `/`.
fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
        .replace('\\', "/")
}

/// The rules of a policy set, each at its file and line.
fn rules_of(policies: &PolicySet) -> Vec<Rule> {
    let root = &policies.root;
    let mut files = Files {
        root,
        texts: HashMap::new(),
    };
    let mut rules = Vec::new();
    let rubric = &policies.rubric;
    for node in &rubric.nodes {
        if let NodeKind::Indicator { criteria, .. } = &node.kind {
            for c in criteria {
                let (line, _) = c.origin.line_col(c.span.start as usize);
                let file = relative(root, &c.origin.path);
                rules.push(Rule {
                    file,
                    line,
                    kind: Kind::Criterion,
                    id: c.id.clone(),
                });
            }
        }
    }
    for g in &rubric.grades {
        let (line, _) = rubric.origin.line_col(g.min_at.start as usize);
        let file = relative(root, &rubric.origin.path);
        rules.push(Rule {
            file,
            line,
            kind: Kind::Grade,
            id: g.id.clone(),
        });
    }
    for t in &policies.triggers {
        let file = relative(root, &t.origin.path);
        let at = files.find(&file, 0, &[format!("id: \"{}\"", t.id)]);
        let line = at.map_or(1, |at| files.line(&file, at));
        rules.push(Rule {
            file,
            line,
            kind: Kind::Trigger,
            id: t.id.clone(),
        });
    }
    let overlay = policies.overlay.as_ref();
    let overlay_file = overlay.map(|o| relative(root, &o.file.path));
    // The file that sets a credit rule: the overlay's when it touched the rule.
    let file_of = |path: &[&str]| match (overlay, &overlay_file) {
        (Some(o), Some(file)) if o.touches(path) => file.clone(),
        _ => "base/credit.ron".to_string(),
    };
    let mut push = |files: &mut Files, kind, id: String, file: String, at: Option<usize>| {
        let line = at.map_or(1, |at| files.line(&file, at));
        rules.push(Rule {
            file,
            line,
            kind,
            id,
        });
    };
    let credit = &policies.credit;
    for k in &credit.kinds {
        let file = file_of(&["credit", "events", &k.id]);
        let key = [format!("\"{}\":", k.id)];
        let at = files.find(&file, 0, &key);
        push(&mut files, Kind::Event, k.id.clone(), file, at);
        if let Points::ByLevel(levels) = &k.points {
            for level in levels.keys() {
                let file = file_of(&["credit", "events", &k.id, "points", level]);
                let from = files.find(&file, 0, &key).unwrap_or(0);
                let at = files.find(&file, from, &[format!("\"{level}\":")]);
                let id = format!("{}/{level}", k.id);
                push(&mut files, Kind::EventLevel, id, file, at);
            }
        }
        if k.cap.is_some() {
            let file = file_of(&["credit", "events", &k.id, "cap"]);
            let from = files.find(&file, 0, &key).unwrap_or(0);
            let at = files.find(&file, from, &["cap:".to_string()]);
            push(&mut files, Kind::Cap, k.id.clone(), file, at);
        }
    }
    let by_id = |id: &str| [format!("id: \"{id}\"")];
    for r in &credit.repeats {
        let file = file_of(&["credit", "repeats", &r.id]);
        let at = files.find(&file, 0, &by_id(&r.id));
        push(&mut files, Kind::Repeat, r.id.clone(), file, at);
    }
    for v in &credit.vetoes {
        let file = file_of(&["credit", "vetoes", &v.id]);
        let at = files.find(&file, 0, &by_id(&v.id));
        push(&mut files, Kind::Veto, v.id.clone(), file, at);
    }
    for g in &credit.grades {
        let file = file_of(&["credit", "grades"]);
        let at = files.find(&file, 0, &[format!("grade: \"{}\"", g.id)]);
        push(&mut files, Kind::MemberGrade, g.id.clone(), file, at);
    }
    for a in credit.actions.keys() {
        let file = file_of(&["credit", "actions", a]);
        let at = files.find(&file, 0, &[format!("\"{a}\":")]);
        push(&mut files, Kind::CreditAction, a.clone(), file, at);
    }
    for w in &credit.sector_warnings {
        let file = file_of(&["credit", "sector_warnings", &w.id]);
        let at = files.find(&file, 0, &by_id(&w.id));
        push(&mut files, Kind::SectorWarning, w.id.clone(), file, at);
    }
    rules.sort();
    rules
}

impl Evaluation {
    /// What an evaluation of `data` under `policies`, which gave `outcome`, exercised.
    pub(crate) fn of(policies: &PolicySet, data: &Dataset, outcome: &Outcome) -> Evaluation {
        let mut exercised = BTreeSet::new();
        let mut hit = |kind, id: &str| {
            exercised.insert((kind, id.to_string()));
        };
        let a = &outcome.association;
        for ind in &a.indicators {
            for r in ind.reasons.iter().filter(|r| r.points > 0.0) {
                hit(Kind::Criterion, &r.criterion);
            }
        }
        hit(Kind::Grade, &a.grade_id);
        for t in &outcome.triggers {
            hit(Kind::Trigger, &t.id);
        }
        for w in &outcome.warnings {
            hit(Kind::SectorWarning, &w.id);
        }
        // Each event's kind and level, by event id.
        let mut events: HashMap<&str, (&str, Option<&str>)> = HashMap::new();
        if let Some(m) = &data.members {
            for e in &m.events {
                let level = e.level.map(|l| m.strings.get(l));
                events.insert(m.strings.get(e.id), (m.strings.get(e.kind), level));
            }
        }
        let credit = &policies.credit;
        let named = |r: &crate::outcome::CreditReason, arg: &str| match r.args.get(arg) {
            Some(Arg::Text(t)) => Some(t.clone()),
            _ => None,
        };
        for m in &outcome.members {
            hit(Kind::MemberGrade, &m.grade);
            for action in &m.actions {
                hit(Kind::CreditAction, action);
            }
            for r in &m.reasons {
                match r.rule {
                    ReasonRule::Event => {
                        let Some((kind, level)) = r.event.as_deref().and_then(|e| events.get(e))
                        else {
                            continue;
                        };
                        hit(Kind::Event, kind);
                        if let Some(level) = level {
                            hit(Kind::EventLevel, &format!("{kind}/{level}"));
                        }
                    }
                    ReasonRule::Cap => {
                        let name = named(r, "kind");
                        if let Some(k) =
                            credit.kinds.iter().find(|k| Some(&k.name) == name.as_ref())
                        {
                            hit(Kind::Cap, &k.id);
                        }
                    }
                    ReasonRule::Repeat => {
                        let name = named(r, "rule");
                        if let Some(x) = credit
                            .repeats
                            .iter()
                            .find(|x| Some(&x.name) == name.as_ref())
                        {
                            hit(Kind::Repeat, &x.id);
                        }
                    }
                    ReasonRule::Veto => {
                        let why = named(r, "why");
                        if let Some(v) = credit.vetoes.iter().find(|v| Some(&v.why) == why.as_ref())
                        {
                            hit(Kind::Veto, &v.id);
                        }
                    }
                    _ => {}
                }
            }
        }
        let name = policies.overlay.as_ref().map(|o| o.name.clone());
        Evaluation {
            root: policies.root.clone(),
            set: (policies.sector_name().to_string(), name),
            rules: rules_of(policies),
            exercised,
        }
    }
}

/// Coverage over every evaluation of the scenarios run.
#[derive(Debug, Default)]
pub struct Coverage {
    /// The policy folder of the first evaluation (where `--annotate` reads files from).
    root: Option<PathBuf>,
    /// Scenarios and evaluations counted.
    scenarios: usize,
    evaluations: usize,
    /// Per sector set: its name, and each rule with whether it was exercised.
    sets: BTreeMap<String, (Option<Text>, BTreeMap<Rule, bool>)>,
}

/// A file's marks: by line, each rule's id and whether it was exercised.
type Marks<'a> = BTreeMap<usize, Vec<(bool, &'a str)>>;

/// Covered and total.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Count {
    /// Rules exercised.
    pub covered: usize,
    /// Rules.
    pub total: usize,
}

impl Count {
    fn add(&mut self, covered: bool) {
        self.total += 1;
        self.covered += usize::from(covered);
    }

    /// The share covered, in percent (100 when there is nothing to cover).
    pub fn percent(&self) -> f64 {
        if self.total == 0 {
            100.0
        } else {
            self.covered as f64 * 100.0 / self.total as f64
        }
    }
}

impl Coverage {
    /// Adds one scenario's evaluations.
    pub fn add(&mut self, evaluations: &[Evaluation]) {
        self.scenarios += 1;
        for e in evaluations {
            self.evaluations += 1;
            self.root.get_or_insert_with(|| e.root.clone());
            let (_, rules) = self
                .sets
                .entry(e.set.0.clone())
                .or_insert_with(|| (e.set.1.clone(), BTreeMap::new()));
            for r in &e.rules {
                let hit = e.exercised.contains(&(r.kind, r.id.clone()));
                *rules.entry(r.clone()).or_default() |= hit;
            }
        }
    }

    /// Every rule written in a file, exercised when it was under any set it is in force in.
    pub fn rules(&self) -> BTreeMap<&Rule, bool> {
        let mut all: BTreeMap<&Rule, bool> = BTreeMap::new();
        for (_, rules) in self.sets.values() {
            for (r, hit) in rules {
                *all.entry(r).or_default() |= *hit;
            }
        }
        all
    }

    /// Covered and total over every rule.
    pub fn overall(&self) -> Count {
        let mut c = Count::default();
        for hit in self.rules().values() {
            c.add(*hit);
        }
        c
    }

    fn by<K: Ord>(&self, key: impl Fn(&Rule) -> K) -> BTreeMap<K, Count> {
        let mut out: BTreeMap<K, Count> = BTreeMap::new();
        for (r, hit) in self.rules() {
            out.entry(key(r)).or_default().add(hit);
        }
        out
    }

    fn per_set(&self) -> Vec<(String, Option<&Text>, Count)> {
        self.sets
            .iter()
            .map(|(id, (name, rules))| {
                let mut c = Count::default();
                for hit in rules.values() {
                    c.add(*hit);
                }
                (id.clone(), name.as_ref(), c)
            })
            .collect()
    }

    /// The text report: a summary per rule kind, per file and per sector set, then every
    /// rule never exercised.
    pub fn to_text(&self, lang: Lang) -> String {
        let word = |m: Msg| m.word(lang);
        let pct = |c: &Count| format!("{:.1}%", c.percent());
        let mut out = format!(
            "{}\n\n",
            word(
                Msg::new("coverage-title")
                    .arg("scenarios", self.scenarios)
                    .arg("evaluations", self.evaluations)
            )
        );
        let columns = |first: Msg| {
            Table::new(&[
                (&word(first), Align::Left),
                (&word(Msg::new("coverage-covered")), Align::Right),
                (&word(Msg::new("coverage-total")), Align::Right),
                (&word(Msg::new("coverage-share")), Align::Right),
            ])
        };
        let mut t = columns(Msg::new("coverage-kind"));
        let kinds = self.by(|r| r.kind);
        for kind in Kind::ALL {
            if let Some(c) = kinds.get(&kind) {
                let row = vec![
                    word(kind.name()),
                    c.covered.to_string(),
                    c.total.to_string(),
                ];
                t.row([row, vec![pct(c)]].concat());
            }
        }
        let all = self.overall();
        t.row(vec![
            word(Msg::new("coverage-overall")),
            all.covered.to_string(),
            all.total.to_string(),
            pct(&all),
        ]);
        out.push_str(&t.render());
        let mut t = columns(Msg::new("coverage-file"));
        for (file, c) in self.by(|r| r.file.clone()) {
            t.row(vec![
                file,
                c.covered.to_string(),
                c.total.to_string(),
                pct(&c),
            ]);
        }
        out.push('\n');
        out.push_str(&t.render());
        let mut t = columns(Msg::new("coverage-set"));
        for (id, name, c) in self.per_set() {
            let name = name.map_or_else(
                || word(Msg::new("coverage-base-set")),
                |n| n.get(lang).into(),
            );
            let set = format!("{id} ({name})");
            t.row(vec![
                set,
                c.covered.to_string(),
                c.total.to_string(),
                pct(&c),
            ]);
        }
        out.push('\n');
        out.push_str(&t.render());
        let missed: Vec<&Rule> = (self.rules().into_iter())
            .filter(|(_, hit)| !hit)
            .map(|(r, _)| r)
            .collect();
        out.push('\n');
        if missed.is_empty() {
            out.push_str(&format!("{}\n", word(Msg::new("coverage-all-exercised"))));
        } else {
            let head = Msg::new("coverage-never").arg("n", missed.len());
            out.push_str(&format!("{}\n", word(head)));
            for r in missed {
                let kind = word(r.kind.name());
                out.push_str(&format!("  {}:{}  {kind} {}\n", r.file, r.line, r.id));
            }
        }
        out
    }

    /// The report as JSON (`cogov.coverage/1`).
    pub fn to_json(&self) -> String {
        let count = |c: Count| {
            serde_json::json!({"covered": c.covered, "total": c.total,
                "percent": (c.percent() * 10.0).round() / 10.0})
        };
        let kinds: Vec<_> = (self.by(|r| r.kind).into_iter())
            .map(|(k, c)| serde_json::json!({"kind": k, "count": count(c)}))
            .collect();
        let files: Vec<_> = (self.by(|r| r.file.clone()).into_iter())
            .map(|(f, c)| serde_json::json!({"file": f, "count": count(c)}))
            .collect();
        let sets: Vec<_> = (self.per_set().into_iter())
            .map(|(id, name, c)| serde_json::json!({"set": id, "name": name, "count": count(c)}))
            .collect();
        let rules: Vec<_> = (self.rules().into_iter())
            .map(|(r, hit)| {
                serde_json::json!({"file": r.file, "line": r.line, "kind": r.kind,
                "id": r.id, "exercised": hit})
            })
            .collect();
        let json = serde_json::json!({
            "schema": "cogov.coverage/1",
            "scenarios": self.scenarios,
            "evaluations": self.evaluations,
            "overall": count(self.overall()),
            "kinds": kinds,
            "files": files,
            "sets": sets,
            "rules": rules,
        });
        let mut text = serde_json::to_string_pretty(&json).expect("JSON values serialise");
        text.push('\n');
        text
    }

    /// Each policy file with rules, its rules' lines marked `✓` (exercised) or `✗`, as
    /// `(file relative to the policy folder, text)`.
    pub fn annotated(&self) -> Vec<(String, String)> {
        let Some(root) = &self.root else {
            return Vec::new();
        };
        let mut by_file: BTreeMap<&str, Marks> = BTreeMap::new();
        for (r, hit) in self.rules() {
            let lines = by_file.entry(r.file.as_str()).or_default();
            lines.entry(r.line).or_default().push((hit, r.id.as_str()));
        }
        let mut out = Vec::new();
        for (file, marks) in by_file {
            let Ok(text) = std::fs::read_to_string(root.join(file)) else {
                continue;
            };
            let mut annotated = String::with_capacity(text.len() * 2);
            for (n, line) in text.lines().enumerate() {
                annotated.push_str(line);
                if let Some(ids) = marks.get(&(n + 1)) {
                    let said: Vec<String> = ids
                        .iter()
                        .map(|(hit, id)| format!("{} {id}", if *hit { "✓" } else { "✗" }))
                        .collect();
                    annotated.push_str(&format!("  // {}", said.join("  ")));
                }
                annotated.push('\n');
            }
            out.push((file.to_string(), annotated));
        }
        out
    }
}
