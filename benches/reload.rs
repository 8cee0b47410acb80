//! Reload latency of `cogov watch`: from a policy file's write to the change report being
//! ready, for the shipped base policies and one association with many members.
//!
//!     cargo bench --bench reload                      10,000 members, 50 edits
//!     cargo bench --bench reload -- --members 2000 --edits 20
//!
//! Each edit is saved as editors do (a temporary file renamed over the policy file) and
//! alternates between the credit table (a verified complaint costs 2, 3 or 4 points: member
//! scores and grades move) and the rubric (a point moves between C20 and C21: indicators,
//! levels and the total move), so every reload swaps in a new set, checks the data against it,
//! evaluates every member and compares the outcomes.
//!
//! Three measurements:
//! - reload: the write, then `Session::reload` and the report rendered as text. This is the
//!   latency without the debounce delay.
//! - data edit: the same for a save of the association file (a fact toggled), which is
//!   parsed again.
//! - watched: the write, then the file watcher's burst, the reload and the text. This adds
//!   the debounce delay (`watch::follow::DEBOUNCE`, 100 ms after the last change, plus 50 ms
//!   in which the debouncer groups the events of one save).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use cogov::Lang;
use cogov::watching::{Config, FileChange, PolicyChange, Reload, Session};
use cogov::watching::{DEBOUNCE, Watcher};

fn main() {
    let mut members = 10_000;
    let mut edits = 50;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().and_then(|v| v.parse().ok());
        match arg.as_str() {
            "--members" => members = value().expect("--members N"),
            "--edits" => edits = value().expect("--edits N"),
            _ => {} // `--bench`, passed by cargo
        }
    }

    let scratch = tempfile::tempdir().expect("temp dir");
    let policies = scratch.path().join("policies");
    cogov::copy_dir(&shipped_policies(), &policies).expect("copy the policies");
    let data = scratch.path().join("data").join("association.ron");
    std::fs::create_dir_all(data.parent().unwrap()).unwrap();
    let text = association(members);
    std::fs::write(&data, &text).unwrap();

    let started = Instant::now();
    let (mut session, opened) = Session::open(Config {
        policies: policies.clone(),
        sector: None,
        data: vec![data.clone().into()],
        limits: Default::default(),
    });
    assert!(!opened.has_problems(), "{}", print_problems(&opened));
    let opened = started.elapsed();
    let served = session.outcomes().next().unwrap();
    assert_eq!(served.members.len(), members);
    println!(
        "{members} members, {} events, data file {:.1} MB; first load and evaluation {:.1} ms",
        text.matches("(id: \"CR").count(),
        text.len() as f64 / 1e6,
        ms(opened)
    );

    let mut editor = Editor::new(&policies);
    let mut reload = Vec::new();
    for _ in 0..edits {
        let written = editor.save_next();
        let report = print(&session.reload());
        reload.push(written.elapsed());
        assert!(
            !report.contains("结果无变化"),
            "every edit changes a result:\n{report}"
        );
    }
    summary("reload (write → report, without the debounce)", &mut reload);

    let mut data_edits = Vec::new();
    for n in 0..edits.min(20) {
        let meetings = if n % 2 == 0 { 3 } else { 12 };
        let edited = text.replacen(
            "\"liaison_meetings\": 12,",
            &format!("\"liaison_meetings\": {meetings},"),
            1,
        );
        let temp = data.with_extension("ron.tmp");
        std::fs::write(&temp, edited).unwrap();
        std::fs::rename(&temp, &data).unwrap();
        let written = Instant::now();
        print_data(&session.reload());
        data_edits.push(written.elapsed());
    }
    summary("data edit (write → report, parsed again)", &mut data_edits);

    let mut watcher = Watcher::new(&session, DEBOUNCE).expect("watch");
    let mut watched = Vec::new();
    for _ in 0..edits.min(20) {
        let written = editor.save_next();
        watcher
            .next_burst(Duration::from_secs(10))
            .expect("the save is seen");
        print(&session.reload());
        watched.push(written.elapsed());
    }
    summary(
        &format!(
            "watched (write → report, with the {} ms debounce)",
            DEBOUNCE.as_millis()
        ),
        &mut watched,
    );
}

/// The report after a data edit; checks the data was evaluated again.
fn print_data(reload: &Reload) -> String {
    assert!(
        matches!(&reload.files[..], [FileChange::Evaluated { report, .. }] if !report.is_empty()),
        "{reload:?}"
    );
    let (mut out, mut err) = (Vec::new(), Vec::new());
    reload
        .write(Lang::Zh, &mut out, &mut err, &|p| p.render_plain(Lang::Zh))
        .unwrap();
    String::from_utf8(out).unwrap()
}

/// The report as the terminal would show it; checks the reload swapped and evaluated.
fn print(reload: &Reload) -> String {
    assert!(
        matches!(&reload.policies[..], [PolicyChange::Swapped { .. }]),
        "{reload:?}"
    );
    assert!(
        matches!(&reload.files[..], [FileChange::Evaluated { .. }]),
        "{reload:?}"
    );
    let (mut out, mut err) = (Vec::new(), Vec::new());
    reload
        .write(Lang::Zh, &mut out, &mut err, &|p| p.render_plain(Lang::Zh))
        .unwrap();
    String::from_utf8(out).unwrap()
}

/// The problems a reload found, as the terminal would show them.
fn print_problems(reload: &Reload) -> String {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    reload
        .write(Lang::Zh, &mut out, &mut err, &|p| p.render_plain(Lang::Zh))
        .unwrap();
    String::from_utf8(err).unwrap()
}

fn shipped_policies() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("policies")
}

/// Saves the policy edits in turn, each by writing a temporary file and renaming it.
struct Editor {
    credit: (PathBuf, String),
    rubric: (PathBuf, String),
    n: usize,
}

impl Editor {
    fn new(policies: &Path) -> Self {
        let read = |file: &str| {
            let path = policies.join(file);
            let text = std::fs::read_to_string(&path).unwrap();
            (path, text)
        };
        Editor {
            credit: read("base/credit.ron"),
            rubric: read("base/rubric.ron"),
            n: 0,
        }
    }

    /// Writes the next edit and returns when it was on disk.
    fn save_next(&mut self) -> Instant {
        self.n += 1;
        let (path, text) = if self.n % 2 == 1 {
            let points = format!("points: Each(-{}), cap: -10", 2 + (self.n / 2 + 1) % 3);
            let text = self
                .credit
                .1
                .replacen("points: Each(-2), cap: -10", &points, 1);
            (&self.credit.0, text)
        } else if self.n % 4 == 2 {
            let text = self
                .rubric
                .1
                .replacen(
                    "en: \"Social influence\", points: 4,",
                    "en: \"Social influence\", points: 3,",
                    1,
                )
                .replacen(
                    "Evidence(id: \"C20.3\", kind: \"media_report\", at_least: 6, points: 1),",
                    "// C20.3 moved to C21.2",
                    1,
                )
                .replacen(
                    "en: \"Promotion in the sector\", points: 3,",
                    "en: \"Promotion in the sector\", points: 4,",
                    1,
                )
                .replacen(
                    "Evidence(kind: \"typical_case\", points: 1)",
                    "Evidence(kind: \"typical_case\", points: 2)",
                    1,
                );
            (&self.rubric.0, text)
        } else {
            (&self.rubric.0, self.rubric.1.clone())
        };
        let temp = path.with_extension("ron.tmp");
        std::fs::write(&temp, text).unwrap();
        std::fs::rename(&temp, path).unwrap();
        Instant::now()
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn summary(what: &str, samples: &mut [Duration]) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    println!(
        "{what}: {} edits, median {:.1} ms, p95 {:.1} ms, min {:.1} ms, max {:.1} ms",
        samples.len(),
        ms(at(0.5)),
        ms(at(0.95)),
        ms(samples[0]),
        ms(samples[samples.len() - 1])
    );
}

/// A unified social credit code with its check character (GB 32100).
fn credit_code(first17: &str) -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    const WEIGHTS: [usize; 17] = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    let sum: usize = first17
        .bytes()
        .zip(WEIGHTS)
        .map(|(c, w)| w * ALPHABET.iter().position(|a| *a == c).unwrap())
        .sum();
    let check = ALPHABET[(31 - sum % 31) % 31] as char;
    format!("{first17}{check}")
}

/// A deterministic pseudo-random sequence (a linear congruential generator).
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// An association file: the well-run association's facts and evidence, and `members`
/// member companies with about two credit events each.
fn association(members: usize) -> String {
    let shipped = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/well-run-association/2024.ron"),
    )
    .unwrap();
    // Counted from the roster when there is one: not entered by hand.
    let counted = [
        "members_total",
        "members_committed",
        "members_with_cqo",
        "members_archived",
        "credit_restrictions_due",
        "credit_restrictions_applied",
    ];
    let body: Vec<&str> = shipped
        .lines()
        .filter(|l| !counted.iter().any(|c| l.contains(&format!("\"{c}\""))))
        .collect();
    let body = body.join("\n");
    let end = body.rfind(')').unwrap();
    let mut out = body[..end].to_string();
    out.push_str("  members: [\n");
    let mut dice = Dice(20241231);
    let codes: Vec<String> = (0..members)
        .map(|n| credit_code(&format!("91440600{n:09}")))
        .collect();
    for (n, code) in codes.iter().enumerate() {
        out.push_str(&format!(
            "    (code: \"{code}\", name: \"佛山市模具成员企业{n:05}有限公司\"),\n"
        ));
    }
    out.push_str("  ],\n  events: [\n");
    let mut id = 0;
    let mut event = |out: &mut String, member: &str, day: u64, rest: &str| {
        id += 1;
        let (month, day) = (1 + day % 12, 1 + day % 28);
        out.push_str(&format!(
            "    (id: \"CR{id:06}\", member: \"{member}\", date: \"2024-{month:02}-{day:02}\"{rest}),\n"
        ));
    };
    for code in &codes {
        let day = dice.below(336);
        if dice.below(10) < 7 {
            event(&mut out, code, day, ", kind: \"commitment_signed\"");
        }
        if dice.below(10) < 2 {
            event(&mut out, code, day + 1, ", kind: \"certification\"");
        }
        if dice.below(10) < 3 {
            let on_time = dice.below(4) > 0;
            event(
                &mut out,
                code,
                day + 2,
                &format!(", kind: \"complaint_verified\", on_time: {on_time}"),
            );
        }
        if dice.below(20) == 0 {
            let level = ["minor", "major", "critical"][dice.below(3) as usize];
            event(
                &mut out,
                code,
                day + 3,
                &format!(
                    ", kind: \"sampling_fail\", level: \"{level}\", product: \"注塑模具\", items: [(name: \"尺寸精度\", class: \"B\")]"
                ),
            );
        }
    }
    out.push_str("  ],\n)\n");
    out
}
