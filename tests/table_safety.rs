//! Reading tables safely and honestly: a workbook that claims more than it should (a cell
//! four billion rows down, a zip bomb, a shared string count of four billion, a part that
//! inflates past its declared size) is refused quickly with a problem naming the limit and
//! its `--max-…` flag, on every command that reads tables; date and number cells that hold no
//! value are refused at their cell; a row written twice is reported, not counted twice.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use flate2::{Compress, Compression, FlushCompress};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::common::{cogov, cogov_command, stderr, stdout};
use crate::import::{BING, JIA, X, YI, texts, write_xlsx};

/// 佛山市陶瓷行业协会's 2024 file without members or events: the tables bring them.
const ASSOCIATION: &str = r#"Association(
  profile: (name: "佛山市陶瓷行业协会", sector: "base", credit_code: "51440604MJL300033F"),
  period: (id: "2024", start: "2024-01-01", end: "2024-12-31"),
  facts: { "duties_assigned": true },
)"#;

const ROSTER_CSV: &str = "序号,企业名称,统一社会信用代码\n\
1,佛山市甲陶瓷有限公司,91440604MA4W00001Y\n\
2,佛山市乙陶瓷有限公司,91440604MA4W000022\n\
3,佛山市丙陶瓷有限公司,91440604MA4W000035\n";

/// A cell of a sampling workbook written by these tests.
enum W {
    T(&'static str),
    /// An Excel date cell.
    Day(u16, u8, u8),
    /// A number formatted as a date, as Excel stores a date: its serial.
    Serial(f64),
}

const SAMPLING_HEADERS: [&str; 7] = [
    "序号",
    "产品名称",
    "生产企业",
    "统一社会信用代码",
    "检验结论",
    "不合格项目",
    "抽查日期",
];

/// A sampling row of 甲 failing a class A item (−20 points: 80, grade C), sampled on `date`.
fn jia_fails(serial: &'static str, date: W) -> Vec<W> {
    vec![
        W::T(serial),
        W::T("陶瓷砖"),
        W::T("佛山市甲陶瓷有限公司"),
        W::T(JIA),
        W::T("不合格"),
        W::T("吸水率（A类）"),
        date,
    ]
}

/// A sampling row of 乙 passing.
fn yi_passes(serial: &'static str) -> Vec<W> {
    vec![
        W::T(serial),
        W::T("陶瓷砖"),
        W::T("佛山市乙陶瓷有限公司"),
        W::T(YI),
        W::T("合格"),
        W::T("/"),
        W::Day(2024, 5, 6),
    ]
}

/// Writes a workbook with one sheet `抽查结果`: the sampling headers, then `rows`.
fn write_sampling(path: &Path, rows: Vec<Vec<W>>) {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = book.add_worksheet();
    sheet.set_name("抽查结果").unwrap();
    for (c, h) in SAMPLING_HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match cell {
                W::T("") => {}
                W::T(s) => {
                    sheet.write_string(r, c, *s).unwrap();
                }
                W::Day(y, m, d) => {
                    let day = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                    sheet.write_datetime_with_format(r, c, day, &date).unwrap();
                }
                W::Serial(n) => {
                    sheet.write_number_with_format(r, c, *n, &date).unwrap();
                }
            }
        }
    }
    book.save(path).unwrap();
}

/// A folder with the association file and the roster.
struct Files {
    dir: tempfile::TempDir,
}

impl Files {
    fn new() -> Files {
        let files = Files {
            dir: tempfile::tempdir().unwrap(),
        };
        files.write("2024.ron", ASSOCIATION);
        files.write("会员名录.csv", ROSTER_CSV);
        files
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// `cogov eval 2024.ron 会员名录.csv TABLES… --format json --lang en` and `extra`.
    fn eval(&self, tables: &[&str], extra: &[&str]) -> std::process::Output {
        let paths: Vec<String> = ["2024.ron", "会员名录.csv"]
            .iter()
            .chain(tables)
            .map(|t| self.path(t).display().to_string())
            .collect();
        let mut args = vec!["eval"];
        args.extend(paths.iter().map(String::as_str));
        args.extend(["--format", "json", "--lang", "en"]);
        args.extend(extra);
        cogov(&args)
    }

    /// The problems of an evaluation that must fail, with this folder's path left out.
    fn problems(&self, tables: &[&str], extra: &[&str]) -> String {
        let out = self.eval(tables, extra);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(out.stdout.is_empty(), "nothing is evaluated");
        stderr(&out).replace(&format!("{}/", self.dir.path().display()), "")
    }

    /// `(score, grade)` of a member after an evaluation that must succeed.
    fn member(&self, tables: &[&str], code: &str) -> (f64, String) {
        let out = self.eval(tables, &[]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let outcome: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let m = outcome["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == code)
            .expect("member in outcome");
        (
            m["score"].as_f64().unwrap(),
            m["grade"].as_str().unwrap().into(),
        )
    }
}

fn assert_has(text: &str, lines: &[&str]) {
    for line in lines {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
}

/// A workbook's parts, to be edited and zipped again by hand, with sizes that may lie, as
/// a damaged or hostile file's may.
struct Parts(Vec<(String, Part)>);

enum Part {
    /// The part's bytes, deflated when written.
    Plain(Vec<u8>),
    /// An already deflated part and the size it declares.
    Deflated { raw: Vec<u8>, declared: u64 },
}

impl Parts {
    fn of(path: &Path) -> Parts {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
        Parts(
            (0..zip.len())
                .map(|i| {
                    let mut part = zip.by_index(i).unwrap();
                    let mut bytes = Vec::new();
                    part.read_to_end(&mut bytes).unwrap();
                    (part.name().unwrap().into_owned(), Part::Plain(bytes))
                })
                .collect(),
        )
    }

    fn text(&self, name: &str) -> String {
        match self.0.iter().find(|(n, _)| n == name) {
            Some((_, Part::Plain(bytes))) => String::from_utf8(bytes.clone()).unwrap(),
            _ => panic!("no plain part {name}"),
        }
    }

    /// Replaces the first `from` in a part with `to`.
    fn edit(&mut self, name: &str, from: &str, to: &str) {
        let text = self.text(name);
        assert!(text.contains(from), "{name} has no {from:?}:\n{text}");
        self.set(name, Part::Plain(text.replacen(from, to, 1).into_bytes()));
    }

    fn set(&mut self, name: &str, part: Part) {
        let slot = self.0.iter_mut().find(|(n, _)| n == name).unwrap();
        slot.1 = part;
    }

    /// The zip, every part deflated, with a local header and a central directory entry each.
    fn write(&self, path: &Path) {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for (name, part) in &self.0 {
            let (raw, crc, declared) = match part {
                Part::Plain(bytes) => {
                    let mut crc = flate2::Crc::new();
                    crc.update(bytes);
                    (
                        deflate(bytes, FlushCompress::Finish),
                        crc.sum(),
                        bytes.len() as u64,
                    )
                }
                // Never read to its end: the checksum does not matter.
                Part::Deflated { raw, declared } => (raw.clone(), 0, *declared),
            };
            let offset = out.len() as u32;
            let fields = |sig: u32, central: bool| {
                let mut h = Vec::new();
                h.extend(sig.to_le_bytes());
                if central {
                    h.extend(20u16.to_le_bytes());
                }
                h.extend(20u16.to_le_bytes());
                h.extend(0u16.to_le_bytes()); // flags
                h.extend(8u16.to_le_bytes()); // deflated
                h.extend(0u32.to_le_bytes()); // time and date
                h.extend(crc.to_le_bytes());
                h.extend((raw.len() as u32).to_le_bytes());
                h.extend((declared as u32).to_le_bytes());
                h.extend((name.len() as u16).to_le_bytes());
                h.extend(0u16.to_le_bytes()); // extra field
                if central {
                    h.extend([0; 6]); // comment, disk, internal attributes
                    h.extend(0u32.to_le_bytes()); // external attributes
                    h.extend(offset.to_le_bytes());
                }
                h.extend(name.as_bytes());
                h
            };
            out.extend(fields(0x0403_4b50, false));
            out.extend(&raw);
            central.extend(fields(0x0201_4b50, true));
        }
        let at = out.len() as u32;
        out.extend(&central);
        out.extend(0x0605_4b50u32.to_le_bytes());
        out.extend([0; 4]);
        out.extend((self.0.len() as u16).to_le_bytes());
        out.extend((self.0.len() as u16).to_le_bytes());
        out.extend((central.len() as u32).to_le_bytes());
        out.extend(at.to_le_bytes());
        out.extend(0u16.to_le_bytes());
        std::fs::File::create(path)
            .unwrap()
            .write_all(&out)
            .unwrap();
    }
}

/// Raw deflate of `input` by a fresh compressor, ending with `flush`.
fn deflate(input: &[u8], flush: FlushCompress) -> Vec<u8> {
    let mut compress = Compress::new(Compression::best(), false);
    let mut out = Vec::with_capacity(input.len() + 1024);
    compress.compress_vec(input, &mut out, flush).unwrap();
    assert_eq!(
        compress.total_in(),
        input.len() as u64,
        "one call deflates it all"
    );
    out
}

/// A deflate stream of `head`, `times` megabytes of spaces, then `tail`, and its size when
/// inflated. After a full flush a compressor starts afresh, so one megabyte deflated alone
/// (about a kilobyte) is repeated: a stream of gigabytes is written in milliseconds.
fn padded(head: &str, times: usize, tail: &str) -> (Vec<u8>, u64) {
    const MB: usize = 1 << 20;
    let mut raw = deflate(head.as_bytes(), FlushCompress::Full);
    let spaces = deflate(&[b' '; MB], FlushCompress::Full);
    for _ in 0..times {
        raw.extend(&spaces);
    }
    raw.extend(deflate(tail.as_bytes(), FlushCompress::Finish));
    (raw, (head.len() + times * MB + tail.len()) as u64)
}

#[test]
fn the_padded_stream_inflates_to_what_it_says() {
    let (raw, size) = padded("<a>", 3, "</a>");
    let mut inflated = Vec::new();
    flate2::read::DeflateDecoder::new(raw.as_slice())
        .read_to_end(&mut inflated)
        .unwrap();
    assert_eq!(inflated.len() as u64, size);
    assert!(inflated.starts_with(b"<a>   ") && inflated.ends_with(b"   </a>"));
}

/// A sampling workbook of two rows, as its parts.
fn sampling_parts(f: &Files) -> Parts {
    let path = f.path("plain.xlsx");
    write_sampling(
        &path,
        vec![jia_fails("1", W::Day(2024, 4, 1)), yi_passes("2")],
    );
    Parts::of(&path)
}

const SHEET: &str = "xl/worksheets/sheet1.xml";

/// Runs `eval` on the workbook and returns its problems, checking it took less than 20
/// seconds (a debug build on a busy machine; a release build refuses in milliseconds, see
/// the README) and printed nothing.
fn refused_quickly(f: &Files, table: &str, extra: &[&str]) -> String {
    let started = Instant::now();
    let problems = f.problems(&[table], extra);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "refused in {:?}",
        started.elapsed()
    );
    problems
}

#[test]
fn a_cell_reference_of_c4294967295_is_refused_instead_of_asking_for_687_gb() {
    let f = Files::new();
    let mut parts = sampling_parts(&f);
    parts.edit(SHEET, r#"<c r="C3""#, r#"<c r="C4294967295""#);
    parts.write(&f.path("抽查.xlsx"));
    assert!(std::fs::metadata(f.path("抽查.xlsx")).unwrap().len() < 10_000);
    let problems = refused_quickly(&f, "抽查.xlsx", &[]);
    assert_has(
        &problems,
        &[
            "抽查.xlsx: sheet `抽查结果`: cell `C4294967295` is beyond the 1048576 rows a sheet may have",
            "raise the limit with `--max-rows`",
            "1 problem found",
        ],
    );
    // Raising the row limit lets the cell through to the cell limit: the four billion rows
    // above it are refused before any is made.
    let problems = refused_quickly(&f, "抽查.xlsx", &["--max-rows", "4294967295"]);
    assert_has(
        &problems,
        &[
            "抽查.xlsx: sheet `抽查结果`: the workbook holds more than the 30000000 cells allowed (this sheet reaches them at row 4294967295)",
            "raise the limit with `--max-cells`",
        ],
    );
}

#[test]
fn a_csv_file_over_2_gib_is_refused_before_it_is_read() {
    let f = Files::new();
    // A sparse file: 2 GiB of text and three bytes more than a byte-order mark, on no disk.
    let path = f.write("抽查.csv", "序号,产品名称\n");
    let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.set_len((1 << 31) + 3).unwrap();
    let problems = refused_quickly(&f, "抽查.csv", &[]);
    assert_has(
        &problems,
        &[
            "抽查.csv: the file is 2147483651 bytes long; a CSV table can hold at most 2 GiB",
            "split the table into several files, each under 2 GiB, and give them all",
            "1 problem found",
        ],
    );
}

#[test]
fn a_sheet_declaring_cells_beyond_the_limits_is_refused_before_its_cells_are_read() {
    let f = Files::new();
    let mut parts = sampling_parts(&f);
    let sheet = parts.text(SHEET);
    let declared = sheet
        .split("<dimension ref=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    parts.edit(
        SHEET,
        &format!("<dimension ref=\"{declared}\""),
        "<dimension ref=\"A1:XFE3\"",
    );
    parts.write(&f.path("抽查.xlsx"));
    let problems = refused_quickly(&f, "抽查.xlsx", &[]);
    assert_has(
        &problems,
        &[
            "sheet `抽查结果`: the sheet declares that its cells span `A1:XFE3`, beyond the 1048576 rows and 16384 columns a sheet may have",
            "`--max-rows` and `--max-columns`",
        ],
    );
}

#[test]
fn a_column_beyond_the_limit_is_refused_and_the_flag_lowers_it() {
    let f = Files::new();
    let mut parts = sampling_parts(&f);
    parts.edit(SHEET, r#"<c r="G3""#, r#"<c r="XFE3""#);
    parts.write(&f.path("抽查.xlsx"));
    let problems = refused_quickly(&f, "抽查.xlsx", &[]);
    assert_has(
        &problems,
        &[
            "sheet `抽查结果`: cell `XFE3` is beyond the 16384 columns a sheet may have",
            "raise the limit with `--max-columns`",
        ],
    );
    write_sampling(
        &f.path("抽查.xlsx"),
        vec![jia_fails("1", W::Day(2024, 4, 1))],
    );
    assert_eq!(f.member(&["抽查.xlsx"], JIA), (80.0, "C".into()));
    let problems = refused_quickly(&f, "抽查.xlsx", &["--max-columns", "6"]);
    assert_has(
        &problems,
        &[
            "sheet `抽查结果`: the sheet declares that its cells span `A1:G2`, beyond the 1048576 rows and 6 columns a sheet may have",
        ],
    );
}

#[test]
fn a_zip_bomb_of_1_9_mb_that_inflates_to_1_9_gb_is_refused_unread() {
    let f = Files::new();
    let mut parts = sampling_parts(&f);
    let sheet = parts.text(SHEET);
    let (head, tail) = sheet.split_at(sheet.find("<sheetData>").unwrap() + "<sheetData>".len());
    let (raw, declared) = padded(head, 1800, tail);
    assert!(declared > 1_880_000_000);
    parts.set(SHEET, Part::Deflated { raw, declared });
    parts.write(&f.path("炸弹.xlsx"));
    let size = std::fs::metadata(f.path("炸弹.xlsx")).unwrap().len();
    assert!((1_800_000..2_000_000).contains(&size), "{size} bytes");
    let problems = refused_quickly(&f, "炸弹.xlsx", &[]);
    assert_has(
        &problems,
        &[
            "炸弹.xlsx: the workbook's parts inflate to 1888 MB (`xl/worksheets/sheet1.xml` alone to 1888 MB), more than the 1500 MB allowed",
            "raise the limit with `--max-inflated-mb`",
        ],
    );
}

#[test]
fn a_bomb_that_declares_a_small_size_is_stopped_at_it() {
    let f = Files::new();
    let mut parts = sampling_parts(&f);
    let sheet = parts.text(SHEET);
    let (head, tail) = sheet.split_at(sheet.find("<sheetData>").unwrap() + "<sheetData>".len());
    let (raw, _) = padded(head, 1800, tail);
    let declared = sheet.len() as u64;
    parts.set(SHEET, Part::Deflated { raw, declared });
    parts.write(&f.path("炸弹.xlsx"));
    let problems = refused_quickly(&f, "炸弹.xlsx", &[]);
    assert_has(
        &problems,
        &[&format!(
            "炸弹.xlsx: sheet `抽查结果`: `xl/worksheets/sheet1.xml` inflates to more than the {declared} bytes the workbook declares for it: the file is damaged, or made to exhaust memory"
        )],
    );
}

#[test]
fn a_shared_string_count_of_four_billion_is_refused_before_room_is_made_for_it() {
    let f = Files::new();
    let mut parts = sampling_parts(&f);
    let strings = "xl/sharedStrings.xml";
    let text = parts.text(strings);
    let count = text
        .split("uniqueCount=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    parts.edit(
        strings,
        &format!("uniqueCount=\"{count}\""),
        "uniqueCount=\"4294967295\"",
    );
    parts.write(&f.path("抽查.xlsx"));
    let problems = refused_quickly(&f, "抽查.xlsx", &[]);
    assert_has(
        &problems,
        &[
            "抽查.xlsx: `xl/sharedStrings.xml` declares 4294967295 shared strings, more than the 30000000 cells a workbook may hold",
            "`--max-cells`",
        ],
    );
}

#[test]
fn the_cell_limit_counts_every_sheet_of_a_workbook() {
    let f = Files::new();
    let headers = || texts(&SAMPLING_HEADERS);
    let row = |serial, code| {
        vec![
            X::T(serial),
            X::T("陶瓷砖"),
            X::T(""),
            X::T(code),
            X::T("合格"),
            X::T(""),
            X::D(2024, 4, 1),
        ]
    };
    // 3 rows of 7 cells, then 2 rows of 7 cells, one of them empty up to its code.
    write_xlsx(
        &f.path("抽查.xlsx"),
        &[
            ("上半年", vec![headers(), row("1", JIA), row("2", YI)]),
            ("下半年", vec![headers(), row("1", BING)]),
        ],
    );
    let out = f.eval(&["抽查.xlsx"], &["--max-cells", "35"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let problems = f.problems(&["抽查.xlsx"], &["--max-cells", "34"]);
    assert_has(
        &problems,
        &[
            "抽查.xlsx: sheet `下半年`: the workbook holds more than the 34 cells allowed (this sheet reaches them at row 2)",
        ],
    );
}

#[test]
fn a_date_cell_of_0_nan_or_minus_5_is_refused_at_its_cell_not_read_as_1899_12_31() {
    let f = Files::new();
    write_sampling(
        &f.path("抽查.xlsx"),
        vec![jia_fails("1", W::Day(2024, 4, 1)), yi_passes("2")],
    );
    assert_eq!(
        f.member(&["抽查.xlsx"], JIA),
        (80.0, "C".into()),
        "a class A failure in 2024 costs 20 points"
    );
    // The same failure dated by a date cell that holds no day: read as 1899-12-31 it would
    // have expired long ago and left 甲 at 100, grade A.
    let mut parts = {
        write_sampling(
            &f.path("plain.xlsx"),
            vec![
                jia_fails("1", W::Serial(0.0)),
                jia_fails("2", W::Serial(-5.0)),
                jia_fails("3", W::Serial(12345.0)),
                yi_passes("4"),
            ],
        );
        Parts::of(&f.path("plain.xlsx"))
    };
    parts.edit(SHEET, "<v>12345</v>", "<v>NaN</v>");
    parts.write(&f.path("抽查.xlsx"));
    let problems = f.problems(&["抽查.xlsx"], &[]);
    assert_has(
        &problems,
        &[
            "抽查.xlsx: sheet `抽查结果`, row 2 (`序号` 1), column G: the cell is an Excel date, but its value 0 is no day from 1900-01-01 to 9999-12-31",
            "抽查.xlsx: sheet `抽查结果`, row 3 (`序号` 2), column G: the cell is an Excel date, but its value -5 is no day",
            "抽查.xlsx: sheet `抽查结果`, row 4 (`序号` 3), column G: the cell is an Excel date, but its value NaN is no day",
            "type the date again, e.g. 2024-03-15, or clear the cell",
            "3 problems found",
        ],
    );
}

#[test]
fn a_date_cell_with_a_time_of_day_gives_its_day() {
    let f = Files::new();
    write_sampling(
        &f.path("抽查.xlsx"),
        vec![jia_fails("1", W::Serial(45_383.75)), yi_passes("2")],
    );
    assert_eq!(
        f.member(&["抽查.xlsx"], JIA),
        (80.0, "C".into()),
        "2024-04-01 18:00 is 2024-04-01"
    );
}

#[test]
fn a_number_cell_holding_nan_or_infinity_is_refused_at_its_cell() {
    let f = Files::new();
    let path = f.path("plain.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("抽查结果").unwrap();
    for (c, h) in SAMPLING_HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in [jia_fails("1", W::T("2024-04-01")), yi_passes("2")]
        .iter()
        .enumerate()
    {
        let r = r as u32 + 1;
        sheet.write_number(r, 0, 1000.0 + f64::from(r)).unwrap();
        for (c, cell) in row.iter().enumerate().skip(1) {
            match cell {
                W::T(s) => {
                    sheet.write_string(r, c as u16, *s).unwrap();
                }
                _ => {
                    sheet.write_string(r, c as u16, "2024-05-06").unwrap();
                }
            }
        }
    }
    book.save(&path).unwrap();
    let mut parts = Parts::of(&path);
    parts.edit(SHEET, "<v>1001</v>", "<v>NaN</v>");
    parts.edit(SHEET, "<v>1002</v>", "<v>inf</v>");
    parts.write(&f.path("抽查.xlsx"));
    let problems = f.problems(&["抽查.xlsx"], &[]);
    assert_has(
        &problems,
        &[
            "sheet `抽查结果`, row 2, column A: the cell is a number, but its value NaN is not a finite number",
            "sheet `抽查结果`, row 3, column A: the cell is a number, but its value inf is not a finite number",
            "type the number again, or clear the cell",
            "2 problems found",
        ],
    );
}

/// A sampling notice as CSV, with 丙 failing a class B item (−10 points: 90, grade B).
const NOTICE_HEAD: &str =
    "序号,产品名称,规格型号,生产企业,统一社会信用代码,检验结论,不合格项目,抽查日期\n";
const BING_FAILS: &str =
    "陶瓷砖,800×800,佛山市丙陶瓷有限公司,91440604MA4W000035,不合格,断裂模数（B类）,2024-05-03\n";

#[test]
fn a_duplicated_csv_row_is_reported_naming_both_rows_and_not_counted_twice() {
    let f = Files::new();
    f.write(
        "抽查.csv",
        &format!("{NOTICE_HEAD}1,{BING_FAILS}2,陶瓷砖,600×600,佛山市乙陶瓷有限公司,91440604MA4W000022,合格,/,2024-05-03\n"),
    );
    assert_eq!(f.member(&["抽查.csv"], BING), (90.0, "B".into()));
    // The failure pasted again below: counted twice, 丙 would fall to 70 and grade C (a
    // product failing again costs 10 more).
    f.write(
        "抽查.csv",
        &format!("{NOTICE_HEAD}1,{BING_FAILS}2,陶瓷砖,600×600,佛山市乙陶瓷有限公司,91440604MA4W000022,合格,/,2024-05-03\n3,{BING_FAILS}"),
    );
    let problems = f.problems(&["抽查.csv"], &[]);
    assert_has(
        &problems,
        &[
            "抽查.csv:4:1: row 4 (`序号` 3): this row says what row 2 says (the same member, date, verdict or kind, product, items and other cells): one record written twice is not counted twice",
            "delete one of the two rows; if they are two records (two samples of one product on one day), give each its own id in a `编号` column",
            "1 problem found",
        ],
    );
}

#[test]
fn two_samples_that_differ_in_a_column_no_field_reads_are_two_records() {
    let f = Files::new();
    let other_model = BING_FAILS.replace("800×800", "600×600");
    f.write(
        "抽查.csv",
        &format!("{NOTICE_HEAD}1,{BING_FAILS}2,{other_model}"),
    );
    assert_eq!(
        f.member(&["抽查.csv"], BING),
        (70.0, "C".into()),
        "two failures of one product: −10 twice, and −10 for failing again"
    );
}

#[test]
fn rows_with_ids_of_their_own_are_two_records_however_alike() {
    let f = Files::new();
    f.write(
        "抽查.csv",
        &format!("编号,{NOTICE_HEAD}S01,1,{BING_FAILS}S02,2,{BING_FAILS}"),
    );
    assert_eq!(f.member(&["抽查.csv"], BING), (70.0, "C".into()));
    // One of them without its id repeats the other.
    f.write(
        "抽查.csv",
        &format!("编号,{NOTICE_HEAD}S01,1,{BING_FAILS},2,{BING_FAILS}"),
    );
    let problems = f.problems(&["抽查.csv"], &[]);
    assert_has(
        &problems,
        &["row 3 (`序号` 2): this row says what row 2 says"],
    );
}

#[test]
fn the_same_row_in_two_tables_is_reported_naming_the_other_file() {
    let f = Files::new();
    f.write("抽查.csv", &format!("{NOTICE_HEAD}1,{BING_FAILS}"));
    f.write("抽查-副本.csv", &format!("{NOTICE_HEAD}7,{BING_FAILS}"));
    let problems = f.problems(&["抽查.csv", "抽查-副本.csv"], &[]);
    assert_has(
        &problems,
        &["抽查-副本.csv:2:1: row 2 (`序号` 7): this row says what row 2 of `抽查.csv` says"],
    );
}

/// A folder holding a scenario whose step reads a workbook of three rows (rows 1 to 4).
fn scenario_with_a_workbook() -> Files {
    let f = Files::new();
    write_sampling(
        &f.path("抽查.xlsx"),
        vec![
            jia_fails("1", W::Day(2024, 4, 1)),
            yi_passes("2"),
            yi_passes("3")
                .into_iter()
                .take(6)
                .chain([W::Day(2024, 6, 1)])
                .collect(),
        ],
    );
    f.write(
        "scenario.ron",
        r#"Scenario(title: "限制", steps: [Eval(data: "2024.ron", tables: ["会员名录.csv", "抽查.xlsx"])])"#,
    );
    f
}

#[test]
fn every_command_that_reads_tables_takes_the_limits() {
    let f = scenario_with_a_workbook();
    let s = |name: &str| f.path(name).display().to_string();
    let (data, roster, table, dir) = (s("2024.ron"), s("会员名录.csv"), s("抽查.xlsx"), s(""));
    let db = s("archive.sqlite");
    let policies = crate::common::policies().display().to_string();
    let limit = ["--max-rows", "3", "--lang", "en"];
    let commands: Vec<Vec<&str>> = vec![
        vec!["eval", &data, &roster, &table],
        vec!["explain", &data, &roster, &table, "--member", JIA],
        vec!["archive", "record", &data, &roster, &table, "--db", &db],
        vec!["replay", &dir],
        vec!["test", &dir],
        vec!["diff", "--from", &policies, "--to", &policies, &dir],
        vec!["compare", &dir],
    ];
    let refusal = "the sheet declares that its cells span `A1:G4`, beyond the 3 rows";
    for command in &commands {
        let out = cogov(&[command.as_slice(), &limit].concat());
        let said = format!("{}{}", stdout(&out), stderr(&out));
        assert_eq!(out.status.code(), Some(1), "{command:?}:\n{said}");
        assert!(said.contains(refusal), "{command:?}:\n{said}");
        let out = cogov(command);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{command:?} without the limit:\n{}{}",
            stdout(&out),
            stderr(&out)
        );
    }
    // watch says so when it starts, and waits for a fix.
    let mut child = cogov_command()
        .args(["watch", &data, &roster, &table])
        .args(limit)
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut err = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buf = [0; 4096];
        while let Ok(n) = err.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen.extend(&buf[..n]);
            if tx
                .send(String::from_utf8_lossy(&seen).into_owned())
                .is_err()
            {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut seen = String::new();
    while !seen.contains(refusal) {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(text) => seen = text,
            Err(_) => break,
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(seen.contains(refusal), "watch said:\n{seen}");
}
