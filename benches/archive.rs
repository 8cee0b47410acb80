//! The archive benchmark: how long recording one run takes in an archive that already holds
//! many runs of the same size. The credit workload's generator (`benches/credit`) makes N
//! members with 0 to 30 events each; they are evaluated once, their event descriptions made
//! once, and the outcome is recorded as 20 earlier periods of one association (2004–2023,
//! each with the one before as its previous outcome), then timed as run 21 (2024).
//!
//! Run: `cargo bench --bench archive` (100,000 members), or `cargo bench --bench archive --
//! 20000` for another size.

#[allow(dead_code)]
#[path = "credit/workload.rs"]
mod workload;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use cogov::archiving::{Recording, describe, outcome_digest};
use cogov::{Archive, DataFile, Dataset, PolicySet};

/// Runs in the archive before the timed one.
const EARLIER: i32 = 20;

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "cogov archive benchmark — {n} members, {cores} cores, {}",
        jiff::Zoned::now().date()
    );
    let dir = scratch();
    let root = policy_folder(&dir);
    let policies = PolicySet::load(&root, Some("credit-workload")).expect("valid policies");
    let data_file = dir.join("association.json");
    std::fs::write(&data_file, workload::generate(n).to_json()).unwrap();
    let data = Dataset::check(DataFile::read(&data_file).unwrap(), &policies).unwrap();

    let started = Instant::now();
    let mut outcome = cogov::evaluate(&policies, &data, None).unwrap();
    println!(
        "evaluate (accounts included):      {}",
        ms(started.elapsed())
    );
    let started = Instant::now();
    let events = describe(&policies, &data, &outcome);
    println!(
        "describe every event referred to:  {}",
        ms(started.elapsed())
    );
    let referred: usize = events.lines.iter().flatten().flatten().count();
    println!(
        "events referred to, described:    {referred}, {} distinct descriptions",
        events.texts.len()
    );

    let db = dir.join("archive.sqlite");
    let mut archive = Archive::open_or_create(&db).unwrap();
    let mut previous = None;
    let mut times = Vec::new();
    for year in 2004..2004 + EARLIER + 1 {
        outcome.period = year.to_string();
        outcome.period_end = format!("{year}-12-31");
        outcome.data.digest = format!("{year:016}");
        let how = Recording {
            previous_digest: previous.take(),
            events: events.clone(),
            correction: None,
        };
        let started = Instant::now();
        archive.record(&mut outcome, &how).unwrap();
        times.push(started.elapsed());
        previous = Some(outcome_digest(&outcome));
    }
    let size = std::fs::metadata(&db).map_or(0, |m| m.len());
    // The digest recording put together is the outcome's own.
    let runs = archive.association_runs(&outcome.association.id).unwrap();
    assert_eq!(
        runs.last().map(|r| r.outcome_digest.clone()),
        Some(outcome_digest(&outcome))
    );
    println!("record run 1 (empty archive):      {}", ms(times[0]));
    println!(
        "record run {EARLIER} ({} runs before):      {}",
        EARLIER - 1,
        ms(times[EARLIER as usize - 1])
    );
    let timed = times[EARLIER as usize];
    println!(
        "record run {} ({EARLIER} runs before):      {}  (goal: under 1 s for 100,000 members)",
        EARLIER + 1,
        ms(timed)
    );
    let mean: Duration = times.iter().sum::<Duration>() / times.len() as u32;
    println!(
        "record, mean of {} runs:            {}",
        times.len(),
        ms(mean)
    );
    println!(
        "archive file:                      {:.0} MB ({:.1} KB a member record)",
        size as f64 / 1e6,
        size as f64 / 1e3 / (n as f64 * f64::from(EARLIER + 1))
    );
    let started = Instant::now();
    let verified = archive.verify().unwrap();
    assert!(verified.findings.is_empty());
    println!(
        "verify {} runs, {} records:   {}",
        verified.runs,
        verified.records,
        ms(started.elapsed())
    );
    drop(archive);
    let _ = std::fs::remove_dir_all(&dir);
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1e3)
}

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cogov-archive-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The shipped policies with the credit workload's overlay added.
fn policy_folder(dir: &Path) -> PathBuf {
    let root = dir.join("policies");
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    cogov::copy_dir(&here.join("policies"), &root).unwrap();
    let overlay = root.join("sectors/credit-workload");
    std::fs::create_dir_all(&overlay).unwrap();
    std::fs::copy(
        here.join("benches/credit/workload.ron"),
        overlay.join("sector.ron"),
    )
    .unwrap();
    root
}
