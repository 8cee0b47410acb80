//! The import benchmark: how many sampling rows a second cogov imports from a CSV file and from
//! an Excel workbook, and the memory it takes.
//!
//! N rows of a supervision sampling notice (11 columns, as published: 序号, product, model,
//! brand, production date and batch, company, credit code, verdict, failed items with their
//! classes, sampling date as an Excel date cell, testing body; one row in ten a failure) over
//! N/10 member companies, with the roster as a CSV table, are imported into an association's
//! data file as `cogov eval DATA ROSTER SAMPLING` does: read, recognised, every row checked and
//! turned into an event, merged and compacted. Peak memory is the process's resident peak
//! (`VmHWM`), reset before each run.
//!
//! Run: `cargo bench --bench import` (1,000,000 rows; each import in a process of its own), or
//! `cargo bench --bench import -- 100000` for another size; `-- 100000 csv` (or `xlsx`) for one
//! format alone.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use cogov::credit_code::with_check;
use cogov::{DataFile, Dataset, PolicySet};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const PRODUCTS: [&str; 6] = [
    "陶瓷砖",
    "卫生陶瓷",
    "建筑陶瓷砖",
    "釉面砖",
    "抛光砖",
    "日用陶瓷",
];
const MODELS: [&str; 4] = ["600×600", "800×800", "300×600", "750×1500"];
const FAILED: [&str; 3] = [
    "吸水率（A类）",
    "破坏强度（B类）；断裂模数（B类）",
    "放射性核素（A类）",
];
const HEADERS: [&str; 11] = [
    "序号",
    "产品名称",
    "规格型号",
    "商标",
    "生产日期/批号",
    "生产企业",
    "统一社会信用代码",
    "检验结论",
    "不合格项目",
    "抽查日期",
    "承检机构",
];

/// One sampling row's cells; the sampling date as (month, day).
struct Sample {
    serial: usize,
    product: &'static str,
    model: &'static str,
    brand: String,
    batch: String,
    member: usize,
    verdict: &'static str,
    items: &'static str,
    date: (u8, u8),
}

fn sample(i: usize, members: usize) -> Sample {
    // A fixed mix: the same rows on every run.
    let h = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32;
    let fails = h.is_multiple_of(10);
    Sample {
        serial: i + 1,
        product: PRODUCTS[(h % 6) as usize],
        model: MODELS[(h / 6 % 4) as usize],
        brand: format!("牌{}", h % 500),
        batch: format!("2024-0{}-{:02}/B{i:07}", 1 + h % 9, 1 + h % 28),
        member: (h as usize) % members,
        verdict: if fails { "不合格" } else { "合格" },
        items: if fails {
            FAILED[(h / 10 % 3) as usize]
        } else {
            "/"
        },
        date: (1 + (h / 7 % 12) as u8, 1 + (h / 11 % 28) as u8),
    }
}

fn code(i: usize) -> String {
    with_check(&format!("9144060{i:010}"))
}

fn company(i: usize) -> String {
    format!("佛山市第{i}陶瓷有限公司")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, dir, format, n] = args.as_slice()
        && flag == "--import"
    {
        import(Path::new(dir), format, n.parse().unwrap());
        return;
    }
    let n: usize = args
        .iter()
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let formats: Vec<&str> = match args.iter().find(|a| *a == "csv" || *a == "xlsx") {
        Some(format) => vec![format.as_str()],
        None => vec!["csv", "xlsx"],
    };
    let members = (n / 10).max(10);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "cogov import benchmark — {n} sampling rows, {members} members, {cores} cores, {}",
        jiff::Zoned::now().date()
    );
    let dir = std::env::temp_dir().join(format!("cogov-import-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("2024.ron"),
        format!(
            r#"Association(
  profile: (name: "佛山市陶瓷行业协会", sector: "base", credit_code: "{}"),
  period: (id: "2024", start: "2024-01-01", end: "2024-12-31"),
  facts: {{ "duties_assigned": true }},
)"#,
            with_check("51440604MJL300033")
        ),
    )
    .unwrap();
    let mut text = String::from("序号,企业名称,统一社会信用代码\n");
    for m in 0..members {
        writeln!(text, "{},{},{}", m + 1, company(m), code(m)).unwrap();
    }
    std::fs::write(dir.join("会员名录.csv"), text).unwrap();
    for format in formats {
        let table = dir.join(format!("抽查结果.{format}"));
        match format {
            "csv" => write_csv(&table, n, members),
            _ => write_xlsx(&table, n, members),
        }
        // Each import in a process of its own, which has done nothing else: its peak memory
        // is the import's.
        let status = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--import", dir.to_str().unwrap(), format, &n.to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "the {format} import failed");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Imports the roster and the sampling table of `format` in `dir` into its association file.
fn import(dir: &Path, format: &str, n: usize) {
    let policies = PolicySet::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("policies"),
        None,
    )
    .expect("valid policies");
    let table = dir.join(format!("抽查结果.{format}"));
    run(
        &format.to_uppercase(),
        &dir.join("2024.ron"),
        &dir.join("会员名录.csv"),
        &table,
        n,
        &policies,
    );
}

fn write_csv(path: &Path, n: usize, members: usize) {
    let mut text = HEADERS.join(",");
    text.push('\n');
    for i in 0..n {
        let s = sample(i, members);
        writeln!(
            text,
            "{},{},{},{},{},{},{},{},{},2024-{:02}-{:02},佛山市质量计量监督检测中心",
            s.serial,
            s.product,
            s.model,
            s.brand,
            s.batch,
            company(s.member),
            code(s.member),
            s.verdict,
            s.items,
            s.date.0,
            s.date.1
        )
        .unwrap();
    }
    std::fs::write(path, text).unwrap();
}

fn write_xlsx(path: &Path, n: usize, members: usize) {
    let started = Instant::now();
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = book.add_worksheet();
    sheet.set_name("抽查结果").unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for i in 0..n {
        let s = sample(i, members);
        let r = i as u32 + 1;
        sheet.write_number(r, 0, s.serial as f64).unwrap();
        sheet.write_string(r, 1, s.product).unwrap();
        sheet.write_string(r, 2, s.model).unwrap();
        sheet.write_string(r, 3, &s.brand).unwrap();
        sheet.write_string(r, 4, &s.batch).unwrap();
        sheet.write_string(r, 5, company(s.member)).unwrap();
        sheet.write_string(r, 6, code(s.member)).unwrap();
        sheet.write_string(r, 7, s.verdict).unwrap();
        sheet.write_string(r, 8, s.items).unwrap();
        let day = ExcelDateTime::from_ymd(2024, s.date.0, s.date.1).unwrap();
        sheet.write_datetime_with_format(r, 9, day, &date).unwrap();
        sheet
            .write_string(r, 10, "佛山市质量计量监督检测中心")
            .unwrap();
    }
    book.save(path).unwrap();
    let (parts, inflated) = inflated(path);
    println!(
        "  (workbook written in {:.1} s: {:.1} MB, its {parts} parts inflate to {:.0} MB)",
        started.elapsed().as_secs_f64(),
        size_mb(path),
        inflated as f64 / 1e6
    );
}

/// The number of parts of a workbook and the bytes they inflate to.
fn inflated(path: &Path) -> (usize, u64) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut total = 0;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        total += std::io::copy(&mut part, &mut std::io::sink()).unwrap();
    }
    (zip.len(), total)
}

fn size_mb(path: &Path) -> f64 {
    std::fs::metadata(path).unwrap().len() as f64 / 1e6
}

/// Imports the roster and the sampling table into the association file, once, and prints
/// rows per second and the peak memory.
fn run(
    label: &str,
    association: &Path,
    roster: &Path,
    table: &Path,
    n: usize,
    policies: &PolicySet,
) {
    reset_peak();
    let before = resident_kb("VmRSS");
    let cpu = cpu_seconds();
    let started = Instant::now();
    let file = DataFile::read(association).unwrap();
    let tables: Vec<PathBuf> = vec![roster.to_path_buf(), table.to_path_buf()];
    let data = match Dataset::check_with_tables(file, &tables, policies) {
        Ok(data) => data,
        Err(problems) => panic!("{}", problems.render_plain(cogov::Lang::En)),
    };
    let took = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu;
    let peak = resident_kb("VmHWM");
    let members = data.members.as_ref().expect("a roster");
    assert_eq!(members.events.len(), n, "every row is an event");
    println!(
        "{label:5} {:>7.1} MB  {:>6.2} s ({cpu:.2} s of CPU)  {:>10.0} rows/s  peak {:>5.0} MB ({:.0} MB above the start)",
        size_mb(table),
        took,
        n as f64 / took,
        peak as f64 / 1024.0,
        (peak - before) as f64 / 1024.0,
    );
    // The process ends soon: the operating system takes the memory back at once.
    std::mem::forget(data);
}

/// The CPU time the process has used, all threads, user and system (from `/proc/self/stat`,
/// in clock ticks of 10 ms): on a busy machine it says what the work cost when the wall clock
/// also counts waiting for a core.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime: fields 14 and 15 of the line, the 12th and 13th after the name.
    (ticks(11) + ticks(12)) / 100.0
}

/// Resets the process's resident peak (`VmHWM`) to what it holds now.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// A `/proc/self/status` figure in kB.
fn resident_kb(key: &str) -> i64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| {
            l.strip_prefix(key)?
                .trim_start_matches(':')
                .trim()
                .strip_suffix("kB")
        })
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}
