//! The regulator's sampling notices (监督抽查结果) import as published, by policy alone: a title
//! row with the notice's date, 序号, a credit code column or only 生产企业, a batch number under
//! 生产日期/批号, failed items joined with `、` without classes, verdicts such as 合格（复检） and
//! 拒检, no sampling-date column, and a 说明 sheet beside the table. Every problem comes out in
//! the first run, in UTF-8 CSV, GBK CSV and Excel alike.
//!
//! The notices of `scenarios/sampling-notice` are written from the description below
//! (`COGOV_WRITE_SCENARIO_WORKBOOKS=1 cargo test notices` writes them anew after an edit here).

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::{Scratch, cogov, cogov_command, policies, scenario, stderr, stdout};
use crate::import::{X, texts, write_xlsx};

const HENGSHUN: &str = "91440604MA4W00001Y";
const JINLING: &str = "91440604MA4W000022";
const HUACI: &str = "91440604MA4W000035";
const XINRUI: &str = "91440604MA4W000048";
const MEIJU: &str = "91440604MA4W00005B";
const YASHI: &str = "91440604MA4W00010W";
/// 雅石's code as the third notice misprints it: the check character is `X`, not `W`.
const YASHI_MISPRINTED: &str = "91440604MA4W00010X";

/// A notice as published: the title row, the header row and the entries.
struct Notice {
    title: &'static str,
    header: &'static [&'static str],
    rows: Vec<Vec<X>>,
}

/// The notes sheet a notice's workbook carries beside its table.
const NOTES: [&str; 4] = [
    "说明：",
    "1. 本期抽查依据 GB/T 4100-2015《陶瓷砖》、GB 6566-2010《建筑材料放射性核素限量》等标准。",
    "2. 抽查结果仅对所抽样品负责。",
    "3. 对抽查结果有异议的，可自收到检验结果之日起 15 日内申请复检。",
];

/// The third notice of 2024, as published (`corrected: false`, 雅石's code misprinted) or with
/// the code as the roster has it.
fn third_notice(corrected: bool) -> Notice {
    let yashi = if corrected { YASHI } else { YASHI_MISPRINTED };
    let row = |n: f64, product, code, firm, spec, batch: X, verdict, items| {
        vec![
            X::N(n),
            X::T(product),
            X::T(code),
            X::T(firm),
            X::T(spec),
            batch,
            X::T(verdict),
            X::T(items),
        ]
    };
    Notice {
        title: "佛山市市场监督管理局2024年第3期陶瓷砖产品质量监督抽查结果（2024年6月18日）",
        header: &[
            "序号",
            "产品名称",
            "企业统一社会信用代码",
            "生产企业",
            "规格型号",
            "生产日期/批号",
            "检验结论",
            "不合格项目",
        ],
        rows: vec![
            row(
                1.0,
                "陶瓷砖",
                HENGSHUN,
                "佛山市恒顺陶瓷有限公司",
                "600mm×600mm",
                X::D(2024, 3, 1),
                "合格",
                "/",
            ),
            row(
                2.0,
                "陶瓷砖",
                JINLING,
                "佛山市金岭建材有限公司",
                "800mm×800mm",
                X::T("JL20240312"),
                "不合格",
                "吸水率、破坏强度",
            ),
            row(
                3.0,
                "陶瓷砖",
                XINRUI,
                "佛山市南庄新锐陶瓷厂",
                "300mm×600mm",
                X::T("20240402"),
                "合格（复检）",
                "/",
            ),
            row(
                4.0,
                "陶瓷砖",
                MEIJU,
                "佛山市石湾美居陶瓷有限公司",
                "600mm×1200mm",
                X::T("2024.04.08"),
                "不合格",
                "边直度、表面平整度",
            ),
            row(
                5.0,
                "陶瓷砖",
                yashi,
                "佛山市雅石陶瓷有限公司",
                "600mm×600mm",
                X::T("B240415-2"),
                "不合格",
                "断裂模数",
            ),
            row(
                6.0,
                "坐便器",
                HUACI,
                "广东华瓷卫浴有限公司",
                "CL-3008",
                X::T("/"),
                "拒检",
                "/",
            ),
        ],
    }
}

/// The fourth notice of 2024: firms by name only, two of them not members.
fn fourth_notice() -> Notice {
    let row = |n: f64, firm, spec, batch, verdict, items| {
        vec![
            X::N(n),
            X::T("陶瓷砖"),
            X::T(firm),
            X::T(spec),
            X::T(batch),
            X::T(verdict),
            X::T(items),
        ]
    };
    Notice {
        title: "佛山市市场监督管理局2024年第4期陶瓷砖产品质量监督抽查结果（2024年9月12日）",
        header: &[
            "序号",
            "产品名称",
            "生产企业",
            "规格型号",
            "生产日期/批号",
            "检验结论",
            "不合格项目",
        ],
        rows: vec![
            row(
                1.0,
                "佛山市恒顺陶瓷有限公司",
                "800mm×800mm",
                "HS240801",
                "合格",
                "/",
            ),
            row(
                2.0,
                "佛山市金岭建材有限公司",
                "600mm×1200mm",
                "2024-08-02",
                "不合格",
                "吸水率",
            ),
            row(
                3.0,
                "佛山市三水宏达陶瓷有限公司",
                "600mm×600mm",
                "20240805",
                "不合格",
                "破坏强度、断裂模数",
            ),
            row(
                4.0,
                "佛山市高明新景建材有限公司",
                "300mm×600mm",
                "/",
                "合格",
                "/",
            ),
            row(
                5.0,
                "佛山市南庄新锐陶瓷厂",
                "600mm×600mm",
                "XR-0806",
                "不合格",
                "抗热震性",
            ),
        ],
    }
}

impl Notice {
    /// The sheets of its workbook: the table, and the notes.
    fn sheets(&self) -> Vec<(&'static str, Vec<Vec<X>>)> {
        let mut table = vec![texts(&[self.title]), texts(self.header)];
        table.extend(self.rows.iter().map(|r| r.iter().map(X::copy).collect()));
        let notes = NOTES.iter().map(|n| texts(&[n])).collect();
        vec![("抽查结果", table), ("说明", notes)]
    }

    /// The table as CSV text, as Excel saves it: a title cell then empty ones, CRLF.
    fn csv(&self) -> String {
        let width = self.header.len();
        let mut lines = vec![format!("{}{}", field(self.title), ",".repeat(width - 1))];
        lines.push(
            self.header
                .iter()
                .map(|h| field(h))
                .collect::<Vec<_>>()
                .join(","),
        );
        for row in &self.rows {
            lines.push(
                row.iter()
                    .map(|c| field(&c.text()))
                    .collect::<Vec<_>>()
                    .join(","),
            );
        }
        lines.join("\r\n") + "\r\n"
    }

    /// UTF-8 CSV with the byte-order mark Excel writes.
    fn utf8_csv(&self) -> Vec<u8> {
        format!("\u{feff}{}", self.csv()).into_bytes()
    }

    /// GBK CSV, as Chinese Excel saves CSV by default.
    fn gbk_csv(&self) -> Vec<u8> {
        let text = self.csv();
        let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    /// Writes the notice as `<stem>.xlsx`, `<stem>-utf8.csv` and `<stem>-gbk.csv` into `dir`.
    fn write_all(&self, dir: &Path, stem: &str) -> [String; 3] {
        write_xlsx(&dir.join(format!("{stem}.xlsx")), &self.sheets());
        std::fs::write(dir.join(format!("{stem}-utf8.csv")), self.utf8_csv()).unwrap();
        std::fs::write(dir.join(format!("{stem}-gbk.csv")), self.gbk_csv()).unwrap();
        ["xlsx", "utf8.csv", "gbk.csv"].map(|ext| match ext {
            "xlsx" => format!("{stem}.xlsx"),
            _ => format!("{stem}-{ext}"),
        })
    }
}

impl X {
    fn copy(&self) -> X {
        match self {
            X::T(s) => X::T(s),
            X::D(y, m, d) => X::D(*y, *m, *d),
            X::N(n) => X::N(*n),
        }
    }

    /// The cell as a CSV file writes it.
    fn text(&self) -> String {
        match self {
            X::T(s) => s.to_string(),
            X::D(y, m, d) => format!("{y}-{m:02}-{d:02}"),
            X::N(n) => format!("{n}"),
        }
    }
}

/// A CSV field, quoted when it must be.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// A folder with the scenario's association file, where notices are written and evaluated.
struct Folder {
    dir: tempfile::TempDir,
}

impl Folder {
    fn new() -> Folder {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(
            scenario("sampling-notice/2024.ron"),
            dir.path().join("2024.ron"),
        )
        .unwrap();
        Folder { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) {
        std::fs::write(self.path(name), bytes).unwrap();
    }

    /// `cogov eval 2024.ron TABLES… ARGS…` run in the folder, under `policies`.
    fn eval_under(&self, policies: &Path, tables: &[&str], args: &[&str]) -> Output {
        cogov_command()
            .current_dir(self.dir.path())
            .arg("eval")
            .arg("--policies")
            .arg(policies)
            .arg("2024.ron")
            .args(tables)
            .args(args)
            .output()
            .unwrap()
    }

    fn eval(&self, tables: &[&str], args: &[&str]) -> Output {
        self.eval_under(&policies(), tables, args)
    }

    /// `explain --member CODE --format json` under the shipped policies: the account's lines
    /// as `(points, why)`.
    fn account(&self, tables: &[&str], code: &str) -> Vec<(f64, String)> {
        let out = cogov_command()
            .current_dir(self.dir.path())
            .args(["explain", "--policies"])
            .arg(policies())
            .arg("2024.ron")
            .args(tables)
            .args(["--member", code, "--format", "json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                let why = l["why"].as_str().unwrap().to_string();
                (l["points"].as_f64().unwrap(), why)
            })
            .collect()
    }
}

/// Each member's `(code, score, grade)` in an evaluation that must succeed.
fn members(out: &Output) -> Vec<(String, f64, String)> {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["id"].as_str().unwrap().to_string(),
                m["score"].as_f64().unwrap(),
                m["grade"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn expected(list: &[(&str, f64, &str)]) -> Vec<(String, f64, String)> {
    list.iter()
        .map(|(c, s, g)| (c.to_string(), *s, g.to_string()))
        .collect()
}

/// The third notice's result under the ceramics policy.
const THIRD_NOTICE_CREDIT: [(&str, f64, &str); 6] = [
    (HENGSHUN, 100.0, "A"), // 合格
    (JINLING, 75.0, "C"),   // 吸水率 (A) and 破坏强度 (B): critical, -25; class A caps at C
    (HUACI, 80.0, "C"),     // 拒检: refused sampling, -20
    (XINRUI, 100.0, "A"),   // 合格（复检）: a pass
    (MEIJU, 88.0, "B"),     // 边直度、表面平整度: one item, 尺寸偏差 (B): major, -12
    (YASHI, 88.0, "B"),     // 断裂模数 (B): major, -12
];

#[test]
fn the_shipped_policy_classes_items_dates_rows_by_the_title_and_passes_over_the_notes_sheet() {
    // Defect 1: the policy demanded a class on every item and a 抽查日期 column, and a 说明 sheet
    // was an error; now the shipped ceramics policy reads the notice as published.
    let f = Folder::new();
    write_xlsx(&f.path("第3期.xlsx"), &third_notice(true).sheets());
    let out = f.eval(&["第3期.xlsx"], &["--format", "json"]);
    assert_eq!(members(&out), expected(&THIRD_NOTICE_CREDIT));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let account = f.account(&["第3期.xlsx"], JINLING);
    assert_eq!(
        account[1],
        (
            -25.0,
            "2024-06-18 监督抽查不合格（严重）（陶瓷砖） 不合格项目：吸水率［A 类（关键项目）］、破坏强度［B 类（重要项目）］".to_string()
        ),
        "the items take the dictionary's classes; the date is the notice's, from its title"
    );
    let account = f.account(&["第3期.xlsx"], XINRUI);
    assert!(
        account[1].1.starts_with("2024-06-18 监督抽查合格"),
        "the batch number 20240402 under 生产日期/批号 is not read as a date: {account:?}"
    );
    let account = f.account(&["第3期.xlsx"], HUACI);
    assert_eq!(
        account[1],
        (-20.0, "2024-06-18 拒绝监督抽查（坐便器）".to_string())
    );
}

#[test]
fn classed_items_joined_by_an_enumeration_comma_are_two_items_75_c_not_88_b() {
    // Defect 2: `吸水率（A类）、破坏强度（B类）` was one item `吸水率（A类）、破坏强度` of class B.
    let f = Folder::new();
    f.write(
        "抽查结果.csv",
        "产品名称,统一社会信用代码,检验结论,不合格项目,抽查日期\n\
         陶瓷砖,91440604MA4W000022,不合格,吸水率（A类）、破坏强度（B类）,2024-05-08\n",
    );
    let out = f.eval(&["抽查结果.csv"], &["--format", "json"]);
    let jinling = members(&out).into_iter().find(|m| m.0 == JINLING).unwrap();
    assert_eq!(jinling, (JINLING.to_string(), 75.0, "C".to_string()));
    let account = f.account(&["抽查结果.csv"], JINLING);
    assert!(
        account[1]
            .1
            .ends_with("不合格项目：吸水率［A 类（关键项目）］、破坏强度［B 类（重要项目）］"),
        "{account:?}"
    );
}

#[test]
fn row_checks_are_not_hidden_by_header_problems() {
    // Defect 3: a misspelt header stopped every row check; the three row errors below only
    // came out once the header was fixed.
    let f = Folder::new();
    f.write(
        "抽查结果.csv",
        "产品名称,统一社会信用代码,检验结论,不合格项,抽查日期\n\
         陶瓷砖,91440604MA4W00001Y,合格,/,2024-04-10\n\
         陶瓷砖,91440604MA4W000023,合格,/,2024-04-10\n\
         陶瓷砖,91440604MA4W000035,待定,/,2024-04-10\n\
         陶瓷砖,91440604MA4W000048,合格,/,2024-13-01\n",
    );
    let out = f.eval(&["抽查结果.csv"], &["--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    for expected in [
        "抽查结果.csv:1:20: row 1: `不合格项` is not a header of a supervision sampling results table",
        "抽查结果.csv:1:1: row 1: a supervision sampling results table needs a `不合格项目` column",
        "抽查结果.csv:3:5: row 3, column `统一社会信用代码`: `91440604MA4W000023` is invalid",
        "抽查结果.csv:4:24: row 4, column `检验结论`: the cell is `待定`",
        "抽查结果.csv:5:29: row 5, column `抽查日期`: `2024-13-01` is not a date",
        "5 problems found",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
}

/// The problems of an evaluation that must fail, in both languages.
fn problems(f: &Folder, tables: &[&str]) -> String {
    let zh = f.eval(tables, &[]);
    let en = f.eval(tables, &["--lang", "en"]);
    assert_eq!(zh.status.code(), Some(1), "{}", stdout(&zh));
    assert_eq!(en.status.code(), Some(1), "{}", stdout(&en));
    format!("{}---- en ----\n{}", stderr(&zh), stderr(&en))
}

#[test]
fn a_published_notice_imports_alike_from_utf8_csv_gbk_csv_and_xlsx_with_every_problem_at_once() {
    let f = Folder::new();
    let published = third_notice(false).write_all(f.dir.path(), "第3期");
    for (table, name) in published.iter().zip(["xlsx", "utf8_csv", "gbk_csv"]) {
        insta::assert_snapshot!(
            format!("published_third_notice_{name}"),
            problems(&f, &[table])
        );
    }
    let corrected = third_notice(true).write_all(f.dir.path(), "第3期-更正");
    for table in &corrected {
        let out = f.eval(&[table], &["--format", "json"]);
        assert_eq!(
            members(&out),
            expected(&THIRD_NOTICE_CREDIT),
            "{table} imports as the others do"
        );
    }
}

#[test]
fn firms_not_on_the_roster_are_errors_or_left_out_and_listed_as_the_policy_says() {
    let f = Folder::new();
    f.write("第4期.csv", fourth_notice().gbk_csv());
    let text = problems(&f, &["第4期.csv"]);
    for expected in [
        "第4期.csv:5:7: row 5 (`序号` 3), column `生产企业`: `佛山市三水宏达陶瓷有限公司` is not on the member roster",
        "第4期.csv:6:7: row 6 (`序号` 4), column `生产企业`: `佛山市高明新景建材有限公司` is not on the member roster",
        "2 problems found",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    let scratch = Scratch::copy_of_shipped();
    scratch.edit("base/import.ron", "unlisted: Error", "unlisted: Report");
    let out = f.eval_under(
        scratch.path(),
        &["第4期.csv"],
        &["--format", "json", "--lang", "en"],
    );
    let found = members(&out);
    assert_eq!(
        found.len(),
        6,
        "the left-out firms are no members: {found:?}"
    );
    assert!(found.contains(&(JINLING.to_string(), 75.0, "C".to_string())));
    assert!(found.contains(&(XINRUI.to_string(), 88.0, "B".to_string())));
    let warning = stderr(&out);
    assert!(
        warning.contains("⚠ 第4期.csv: 2 rows counted for no member: these 2 firms are not on the member roster: `佛山市三水宏达陶瓷有限公司`, `佛山市高明新景建材有限公司`"),
        "{warning}"
    );
    assert!(warning.ends_with("1 warning\n"), "{warning}");
}

#[test]
fn a_notice_dated_nowhere_takes_the_notice_date_given_on_the_command_line() {
    let f = Folder::new();
    f.write(
        "抽查结果.csv",
        "陶瓷砖产品质量监督抽查结果\n\
         序号,产品名称,统一社会信用代码,检验结论,不合格项目\n\
         1,陶瓷砖,91440604MA4W000022,不合格,吸水率\n",
    );
    let out = f.eval(&["抽查结果.csv"], &["--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(
        text.contains("抽查结果.csv:2:1: row 2: the rows of this supervision sampling results table have no date to take: the date cell is empty, the title gives no date, no `--notice-date` was given"),
        "{text}"
    );
    assert!(
        text.ends_with("1 problem found\n"),
        "one problem, not one per row:\n{text}"
    );
    let out = f.eval(
        &["抽查结果.csv"],
        &["--notice-date", "2024-09-12", "--format", "json"],
    );
    assert_eq!(
        members(&out)[1],
        (JINLING.to_string(), 75.0, "C".to_string())
    );
    let lines = f.account(&["抽查结果.csv", "--notice-date", "2024-09-12"], JINLING);
    assert!(lines[1].1.starts_with("2024-09-12 "), "{lines:?}");
    let out = f.eval(
        &["抽查结果.csv"],
        &["--notice-date", "2024-9-31", "--lang", "en"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("`--notice-date` must be a date written YYYY-MM-DD, not `2024-9-31`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_policy_orders_the_sources_of_a_date_and_a_title_with_two_dates_is_not_guessed() {
    let f = Folder::new();
    let table = "2024年第3期抽查结果（2024年6月18日）\n\
                 产品名称,统一社会信用代码,检验结论,不合格项目,抽查日期\n\
                 陶瓷砖,91440604MA4W000022,不合格,吸水率,2024-05-08\n\
                 陶瓷砖,91440604MA4W00001Y,合格,/,\n";
    f.write("抽查结果.csv", table);
    let tables = ["抽查结果.csv", "--notice-date", "2024-09-12"];
    let first = |code| f.account(&tables, code)[1].1.clone();
    assert!(
        first(JINLING).starts_with("2024-05-08 "),
        "the column first"
    );
    assert!(first(HENGSHUN).starts_with("2024-06-18 "), "then the title");
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "base/import.ron",
        "date_from: [Column, Title, NoticeDate]",
        "date_from: [NoticeDate, Column]",
    );
    let out = f.eval_under(scratch.path(), &tables, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    f.write(
        "抽查结果.csv",
        table.replace("（2024年6月18日）", "（2024年6月18日，2024年6月20日更正）"),
    );
    let out = f.eval(&["抽查结果.csv"], &["--lang", "en"]);
    let text = stderr(&out);
    assert!(
        text.contains("抽查结果.csv:1:1: row 1: the title rows give two different dates, 2024-06-18 and 2024-06-20: which one is the notice's cannot be told"),
        "{text}"
    );
    assert!(text.ends_with("1 problem found\n"), "{text}");
}

#[test]
fn only_the_sheets_the_policy_names_are_passed_over_and_only_when_they_hold_no_table() {
    let f = Folder::new();
    let mut sheets = third_notice(true).sheets();
    sheets[1].0 = "备注";
    write_xlsx(&f.path("第3期.xlsx"), &sheets);
    let text = problems(&f, &["第3期.xlsx"]);
    assert!(
        text.contains("第3期.xlsx: sheet `备注`: cannot tell what this table holds"),
        "a sheet the policy does not name is an error:\n{text}"
    );
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "base/import.ron",
        r#"skip_sheets: ["说明", "填表说明"]"#,
        r#"skip_sheets: ["说明", "填表说明", "备注"]"#,
    );
    let out = f.eval_under(scratch.path(), &["第3期.xlsx"], &["--format", "json"]);
    assert_eq!(members(&out), expected(&THIRD_NOTICE_CREDIT));
    // A sheet named 说明 that does hold a table is read: no row is dropped by a sheet's name.
    let mut sheets = third_notice(true).sheets();
    sheets[0].0 = "说明";
    sheets.pop();
    write_xlsx(&f.path("第3期.xlsx"), &sheets);
    let out = f.eval(&["第3期.xlsx"], &["--format", "json"]);
    assert_eq!(members(&out), expected(&THIRD_NOTICE_CREDIT));
}

#[test]
fn the_item_dictionary_and_the_date_sources_are_checked_where_written() {
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "sectors/ceramics/sector.ron",
        r#""破坏强度":     (class: "B"),"#,
        r#""破坏强度":     (class: "C"), "强度": (class: "B", aliases: ["吸水率"]),"#,
    );
    scratch.edit(
        "base/import.ron",
        "date_from: [Column, Title, NoticeDate]",
        "date_from: [Title, Title]",
    );
    let out = cogov(&[
        "check",
        "--lang",
        "en",
        "--policies",
        scratch.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    for expected in [
        "the item dictionary gives `破坏强度` class `C`, which is not one of the credit policy's `item_classes`",
        "the spelling `吸水率` stands for both `吸水率` and `强度` in the item dictionary",
        "the date source `Title` is listed twice under `date_from`",
        "the `date` column has header spellings, but `date_from` has no `Column`",
        "sectors/ceramics/sector.ron:",
        "base/import.ron:",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
}

/// The files of `scenarios/sampling-notice` hold what this source says.
#[test]
fn the_committed_notices_hold_what_this_source_says() {
    let folder = scenario("sampling-notice");
    let workbooks = [
        ("第3期抽查结果.xlsx", third_notice(false)),
        ("第3期抽查结果-更正.xlsx", third_notice(true)),
    ];
    let csv = ("第4期抽查结果.csv", fourth_notice().gbk_csv());
    if std::env::var_os("COGOV_WRITE_SCENARIO_WORKBOOKS").is_some() {
        for (name, notice) in &workbooks {
            write_xlsx(&folder.join(name), &notice.sheets());
        }
        std::fs::write(folder.join(csv.0), &csv.1).unwrap();
    }
    for (name, notice) in &workbooks {
        let path = folder.join(name);
        let written = tempfile::tempdir().unwrap();
        let again = written.path().join(name);
        write_xlsx(&again, &notice.sheets());
        assert_eq!(cells(&path), cells(&again), "{name}");
    }
    assert_eq!(
        std::fs::read(folder.join(csv.0)).unwrap(),
        csv.1,
        "{}",
        csv.0
    );
}

/// Every sheet's name and cells, as calamine reads them.
fn cells(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook(path).expect("the workbook exists");
    book.sheet_names()
        .into_iter()
        .map(|sheet| {
            let range = book.worksheet_range(&sheet).unwrap();
            let rows = range
                .rows()
                .map(|r| r.iter().map(|c| format!("{c:?}")).collect())
                .collect();
            (sheet, rows)
        })
        .collect()
}

#[test]
fn a_wrong_check_character_in_a_notice_row_is_an_error_at_its_cell() {
    let f = Folder::new();
    write_xlsx(&f.path("第3期.xlsx"), &third_notice(false).sheets());
    let text = problems(&f, &["第3期.xlsx"]);
    assert!(
        text.contains("第3期.xlsx: sheet `抽查结果`, row 7 (`序号` 5), column `企业统一社会信用代码`: `91440604MA4W00010X` is invalid: the check character (character 18) is `X`, which does not match the first 17 characters"),
        "{text}"
    );
}
