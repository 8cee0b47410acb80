//! The credit benchmark: a fixed, seeded workload (members with 0 to 30 sampling, complaint,
//! honour, certification, standard, violation, commitment and CQO events each), evaluated by
//! cogov (its ordinary credit policy, `benches/credit/workload.ron` on the shipped base) and by
//! a hand-written native reference, which must agree on every member.
//!
//! Run: `cargo bench --bench credit` (100,000 and 1,000,000 members), or
//! `cargo bench --bench credit -- 20000` for a quick run with another size.

mod native;
mod workload;

/// The allocator `cogov` uses, so that parsing alone is timed under the same conditions.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use cogov::PolicySet;
use cogov::bench::Members;
use cogov::bench::{actions, score_all};
use cogov::{Problems, SourceFile};

fn main() {
    // Run as a child by `end_to_end`: parse a data file and nothing else, in a fresh process,
    // so it pays the same start-up and memory costs as `cogov eval` does, and no more.
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, path] = args.as_slice()
        && flag == "--parse-only"
    {
        let text = std::fs::read_to_string(path).unwrap();
        let parsed = serde_json::from_str::<workload::ParseOnly>(&text).unwrap();
        // Like `cogov eval`, leave the memory to the operating system at exit.
        std::mem::forget((text, std::hint::black_box(parsed)));
        return;
    }
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![100_000, 1_000_000]
    } else {
        sizes
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "cogov credit benchmark — {cores} cores, {}",
        jiff::Zoned::now().date()
    );

    let (root, _scratch) = policy_folder();
    let started = Instant::now();
    let policies =
        PolicySet::load(&root, Some("credit-workload")).expect("the workload policy is valid");
    let load = started.elapsed();
    println!(
        "policy load and compile (base + workload overlay): {}",
        ms(load)
    );
    let started = Instant::now();
    for sector in cogov::known_sectors(&root) {
        PolicySet::load(&root, Some(&sector)).expect("shipped sector loads");
    }
    PolicySet::load(&root, None).expect("base loads");
    println!(
        "load and check the base and all {} overlays: {}",
        cogov::known_sectors(&root).len(),
        ms(started.elapsed())
    );

    for n in sizes {
        run(&policies, n, cores);
    }
}

fn run(policies: &PolicySet, n: usize, cores: usize) {
    println!("\n== {n} members ==");
    let generated = workload::generate(n);
    println!(
        "events: {} ({:.1} per member)",
        generated.events.len(),
        generated.events.len() as f64 / n as f64
    );

    // Native reference, one thread.
    let native_members = native::from(&generated);
    let (native_time, native_results) = best_of(3, || {
        native_members
            .iter()
            .map(native::evaluate)
            .collect::<Vec<_>>()
    });

    // cogov: check and compact the events (turning members into the engine's value type),
    // on one thread and on all cores ...
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let build = || {
        let file = SourceFile::new(Path::new("generated"), "");
        let mut problems = Problems::default();
        let (roster, events, strings) = (
            generated.members.clone(),
            generated.events.clone(),
            generated.strings.clone(),
        );
        let started = Instant::now();
        let members = Members::build(
            &file,
            roster,
            events,
            strings,
            workload::period_end(),
            policies.credit(),
            &mut problems,
        );
        let took = started.elapsed();
        assert!(problems.is_empty(), "{problems}");
        (took, members)
    };
    // A first build, not timed, pays for fresh memory, as the first scoring run does below.
    drop(build());
    let (build_one, _) = one.install(build);
    let (build_all, members) = build();
    let cutoff = workload::cutoff(policies.credit());

    // ... then score, on one thread and on all cores.
    let (single, single_results) = best_of(3, || {
        one.install(|| score_all(policies.credit(), &members, cutoff))
    });
    let (parallel, parallel_results) =
        best_of(3, || score_all(policies.credit(), &members, cutoff));
    assert_eq!(
        single_results, parallel_results,
        "parallel results equal the single-threaded ones"
    );

    // Agreement with the native reference on every member (both are in credit code order).
    for (i, (c, expected)) in parallel_results.iter().zip(&native_results).enumerate() {
        let code = &members.list[i].code;
        assert_eq!(code, &generated.members[i].code);
        assert!(
            (c.score - expected.score).abs() < 1e-9,
            "{code}: cogov {} native {}",
            c.score,
            expected.score
        );
        assert_eq!(
            policies.credit().grade_id(c.grade),
            expected.grade,
            "{code}"
        );
        assert_eq!(actions(policies.credit(), c), expected.actions, "{code}");
    }
    println!("cogov == native on all {n} members (score, grade, actions)");

    let per = |d: Duration| d.as_nanos() as f64 / n as f64;
    println!("{:<46} {:>10} {:>12}", "", "ns/member", "total");
    println!(
        "{:<46} {:>10.0} {:>12}",
        "native reference, 1 thread",
        per(native_time),
        ms(native_time)
    );
    println!(
        "{:<46} {:>10.0} {:>12}",
        "cogov score, 1 thread",
        per(single),
        ms(single)
    );
    println!(
        "{:<46} {:>10.0} {:>12}",
        format!("cogov score, {cores} threads"),
        per(parallel),
        ms(parallel)
    );
    println!(
        "{:<46} {:>10.0} {:>12}",
        "cogov check + compact events (load), 1 thread",
        per(build_one),
        ms(build_one)
    );
    println!(
        "{:<46} {:>10.0} {:>12}",
        format!("cogov check + compact events, {cores} threads"),
        per(build_all),
        ms(build_all)
    );
    println!(
        "{:<46} {:>10.0} {:>12}",
        "cogov load + score, 1 thread",
        per(build_one + single),
        ms(build_one + single)
    );
    println!(
        "ratio cogov/native (score, 1 thread): {:.2}",
        per(single) / per(native_time)
    );

    if n <= 100_000 {
        end_to_end(&generated, n, policies.root());
    }
    println!("peak memory (VmHWM): {}", peak_memory());
}

/// End-to-end `cogov eval` of a JSON file against merely parsing it.
fn end_to_end(generated: &workload::Generated, n: usize, root: &Path) {
    let dir = tempfile_dir();
    let path = dir.join(format!("association-{n}.json"));
    std::fs::write(&path, generated.to_json()).expect("write the data file");
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    let (parse_warm, _) = best_of(RUNS, || {
        let text = std::fs::read_to_string(&path).unwrap();
        serde_json::from_str::<workload::ParseOnly>(&text).unwrap()
    });
    let (parse, ()) = best_of(RUNS, || {
        let exe = std::env::current_exe().unwrap();
        let status = std::process::Command::new(exe)
            .arg("--parse-only")
            .arg(&path)
            .status()
            .unwrap();
        assert!(status.success());
    });
    let eval = time_eval(&path, root, "json", &dir.join("outcome.json"));
    let eval_table = time_eval(&path, root, "table", &dir.join("outcome.txt"));
    let eval_xlsx = time_eval(&path, root, "xlsx", &dir.join("outcome.xlsx"));
    println!("data file: {:.1} MB", size as f64 / 1e6);
    println!(
        "parse into typed structs only, in this process:  {}",
        ms(parse_warm)
    );
    println!(
        "parse into typed structs only, a fresh process:  {}",
        ms(parse)
    );
    println!(
        "cogov eval, end to end, JSON outcome with accounts: {}  ({:.2}× parse)",
        ms(eval),
        eval.as_secs_f64() / parse.as_secs_f64()
    );
    println!(
        "cogov eval, end to end, table (the default):      {}  ({:.2}× parse)",
        ms(eval_table),
        eval_table.as_secs_f64() / parse.as_secs_f64()
    );
    println!(
        "cogov eval, end to end, Excel workbook:           {}  ({:.2}× parse)",
        ms(eval_xlsx),
        eval_xlsx.as_secs_f64() / parse.as_secs_f64()
    );
}

/// Runs of each end-to-end timing, of which the best is taken.
const RUNS: usize = 5;

/// The best of [`RUNS`] runs of the `cogov` binary evaluating `data` into `out`.
fn time_eval(data: &Path, root: &Path, format: &str, out: &Path) -> Duration {
    let (took, ()) = best_of(RUNS, || {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_cogov"))
            .args([
                "eval",
                data.to_str().unwrap(),
                "--policies",
                root.to_str().unwrap(),
            ])
            .args([
                "--sector",
                "credit-workload",
                "--format",
                format,
                "-o",
                out.to_str().unwrap(),
            ])
            .status()
            .unwrap();
        assert!(status.success());
    });
    took
}

/// The shipped policies with the workload overlay added, in a scratch folder.
fn policy_folder() -> (PathBuf, ScratchDir) {
    let dir = tempfile_dir();
    cogov::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("policies"),
        &dir,
    )
    .unwrap();
    let overlay = dir.join("sectors/credit-workload");
    std::fs::create_dir_all(&overlay).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/credit/workload.ron"),
        overlay.join("sector.ron"),
    )
    .unwrap();
    (dir.clone(), ScratchDir(dir))
}

fn tempfile_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cogov-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Removes the scratch folder at the end.
struct ScratchDir(PathBuf);

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        let value = std::hint::black_box(f());
        best = best.min(started.elapsed());
        last = Some(value);
    }
    (best, last.expect("at least one run"))
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        })
        .unwrap_or_else(|| "unknown".into())
}
