//! Importing member rosters, sampling results and credit events from CSV and Excel tables, as
//! `cogov eval ASSOCIATION TABLE…` does: imported events score like written ones, and every bad
//! row is named with its file, sheet and row.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::common::{Scratch, cogov, stderr, stdout};

/// A cell of a workbook written by a test.
pub enum X {
    /// Text.
    T(&'static str),
    /// An Excel date cell.
    D(u16, u8, u8),
    /// A number.
    N(f64),
}

/// Writes a workbook with these sheets (rows of cells, from A1).
pub fn write_xlsx(path: &Path, sheets: &[(&str, Vec<Vec<X>>)]) {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    X::T("") => {}
                    X::T(s) => {
                        sheet.write_string(r, c, *s).unwrap();
                    }
                    X::D(y, m, d) => {
                        sheet
                            .write_datetime_with_format(
                                r,
                                c,
                                ExcelDateTime::from_ymd(*y, *m, *d).unwrap(),
                                &date,
                            )
                            .unwrap();
                    }
                    X::N(n) => {
                        sheet.write_number(r, c, *n).unwrap();
                    }
                }
            }
        }
    }
    book.save(path).unwrap();
}

/// Text cells of one row.
pub fn texts(cells: &[&'static str]) -> Vec<X> {
    cells.iter().map(|c| X::T(c)).collect()
}

/// 佛山市陶瓷行业协会's 2024 file without members or events: the tables bring them.
const ASSOCIATION: &str = r#"Association(
  profile: (name: "佛山市陶瓷行业协会", sector: "base", credit_code: "51440604MJL300033F"),
  period: (id: "2024", start: "2024-01-01", end: "2024-12-31"),
  facts: { "duties_assigned": true },
)"#;

pub const JIA: &str = "91440604MA4W00001Y";
pub const YI: &str = "91440604MA4W000022";
pub const BING: &str = "91440604MA4W000035";

/// A roster of three ceramics makers, with the title row and BOM Excel leaves in a CSV.
const ROSTER_CSV: &str = "\u{feff}佛山市陶瓷行业协会会员名录,,,\n\
序号,企业名称,统一社会信用代码,联系人\n\
1,佛山市甲陶瓷有限公司,91440604MA4W00001Y,张三\n\
2,佛山市乙陶瓷有限公司,91440604MA4W000022,李四\n\
3,佛山市丙陶瓷有限公司,91440604MA4W000035,王五\n";

struct Files {
    dir: tempfile::TempDir,
}

impl Files {
    fn new() -> Files {
        let files = Files {
            dir: tempfile::tempdir().unwrap(),
        };
        files.write("2024.ron", ASSOCIATION);
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

    /// `cogov eval 2024.ron TABLES… --format json` and any extra arguments.
    fn eval(&self, tables: &[&str], extra: &[&str]) -> std::process::Output {
        let paths: Vec<String> = std::iter::once("2024.ron")
            .chain(tables.iter().copied())
            .map(|t| self.path(t).display().to_string())
            .collect();
        let mut args = vec!["eval"];
        args.extend(paths.iter().map(String::as_str));
        args.extend(["--format", "json"]);
        args.extend(extra);
        cogov(&args)
    }

    fn outcome(&self, tables: &[&str]) -> serde_json::Value {
        let out = self.eval(tables, &[]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// The problems of an evaluation that must fail, with this folder's path left out.
    fn problems(&self, tables: &[&str]) -> String {
        let out = self.eval(tables, &["--lang", "en"]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        stderr(&out).replace(&format!("{}/", self.dir.path().display()), "")
    }
}

/// `(score, grade, event ids)` of a member in an outcome.
fn member(outcome: &serde_json::Value, code: &str) -> (f64, String, Vec<String>) {
    let m = outcome["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == code)
        .expect("member in outcome");
    let events = m["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["event"].as_str().map(str::to_string))
        .collect();
    (
        m["score"].as_f64().unwrap(),
        m["grade"].as_str().unwrap().to_string(),
        events,
    )
}

#[test]
fn sampling_results_from_csv_score_by_the_classes_of_their_failed_items() {
    let f = Files::new();
    f.write("会员名录.csv", ROSTER_CSV);
    f.write(
        "抽查结果.csv",
        "2024年佛山市陶瓷砖产品质量监督抽查结果,,,,,,,,\n\
         序号,产品名称,规格型号,商标,\"生产日期\n/批号\",生产企业,检验结论,不合格项目,抽查日期\n\
         1,陶瓷砖,600×600,甲牌,2024-03-01,佛山市甲陶瓷有限公司,合格,/,2024-04-10\n\
         2,陶瓷砖,800×800,乙牌,2024-03-02,佛山市乙陶瓷有限公司,不合格,吸水率（A类）；破坏强度(B类),2024/4/12\n\
         3,陶瓷砖,300×600,丙牌,2024-03-05,佛山市丙陶瓷有限公司,不合格,断裂模数（B类）,2024年5月3日\n\
         ,,,,,,,,\n",
    );
    let outcome = f.outcome(&["会员名录.csv", "抽查结果.csv"]);
    assert_eq!(
        member(&outcome, JIA),
        (100.0, "A".into(), vec!["抽查结果-3".into()]),
        "a pass costs nothing"
    );
    assert_eq!(
        member(&outcome, YI),
        (80.0, "C".into(), vec!["抽查结果-4".into()]),
        "a class A item makes the failure critical: -20"
    );
    assert_eq!(
        member(&outcome, BING),
        (90.0, "B".into(), vec!["抽查结果-5".into()]),
        "class B items only: major, -10"
    );
    assert_eq!(outcome["association"]["facts"]["members_total"], 3.0);
    let paths: Vec<String> = ["2024.ron", "会员名录.csv", "抽查结果.csv"]
        .iter()
        .map(|t| f.path(t).display().to_string())
        .collect();
    let explained = cogov(&["explain", &paths[0], &paths[1], &paths[2], "--member", YI]);
    // The table wraps at 100 columns: the line is read with its breaks taken out.
    let unwrapped: String = stdout(&explained).split_whitespace().collect();
    assert!(
        unwrapped.contains("抽查结果-4-202024-04-12监督抽查不合格（严重）（陶瓷砖）不合格项目：吸水率［A类（关键项目）］、破坏强度［B类（重要项目）］"),
        "explain --member describes imported events:\n{}{}",
        stdout(&explained),
        stderr(&explained)
    );
}

#[test]
fn a_workbook_gives_the_roster_and_events_in_sheets_with_excel_dates() {
    let f = Files::new();
    write_xlsx(
        &f.path("会员.xlsx"),
        &[
            (
                "会员名录",
                vec![
                    texts(&["佛山市陶瓷行业协会会员名录（2024年）"]),
                    texts(&["序号", "企业名称", "统一社会信用代码", "入会时间"]),
                    vec![
                        X::N(1.0),
                        X::T("佛山市甲陶瓷有限公司"),
                        X::T(JIA),
                        X::D(2019, 5, 1),
                    ],
                    vec![
                        X::N(2.0),
                        X::T("佛山市乙陶瓷有限公司"),
                        X::T(YI),
                        X::D(2021, 3, 1),
                    ],
                ],
            ),
            (
                "信用事件",
                vec![
                    texts(&[
                        "编号",
                        "统一社会信用代码",
                        "企业名称",
                        "日期",
                        "类型",
                        "级别",
                        "按时办结",
                        "说明",
                    ]),
                    vec![
                        X::T("X01"),
                        X::T(JIA),
                        X::T("佛山市甲陶瓷有限公司"),
                        X::D(2024, 6, 1),
                        X::T("签署质量安全承诺"),
                        X::T(""),
                        X::T(""),
                        X::T(""),
                    ],
                    vec![
                        X::T("X02"),
                        X::T(JIA),
                        X::T(""),
                        X::D(2024, 9, 9),
                        X::T("质量荣誉"),
                        X::T("省级"),
                        X::T(""),
                        X::T("广东省名牌产品"),
                    ],
                    vec![
                        X::T("X03"),
                        X::T(""),
                        X::T("佛山市乙陶瓷有限公司"),
                        X::T("2024/7/8"),
                        X::T("complaint_verified"),
                        X::T(""),
                        X::T("否"),
                        X::T(""),
                    ],
                ],
            ),
            ("Sheet3", vec![]),
        ],
    );
    let outcome = f.outcome(&["会员.xlsx"]);
    assert_eq!(
        member(&outcome, JIA),
        (106.0, "A".into(), vec!["X01".into(), "X02".into()]),
        "commitment +2, provincial honour +4"
    );
    assert_eq!(
        member(&outcome, YI),
        (97.0, "B".into(), vec!["X03".into()]),
        "a complaint handled late: -2 and -1"
    );
    assert_eq!(outcome["association"]["facts"]["members_committed"], 1.0);
}

#[test]
fn every_bad_row_of_a_workbook_is_named_by_sheet_and_row_in_one_run() {
    let f = Files::new();
    f.write("会员名录.csv", ROSTER_CSV);
    write_xlsx(
        &f.path("抽查.xlsx"),
        &[(
            "抽查结果",
            vec![
                texts(&[
                    "编号",
                    "产品名称",
                    "生产企业",
                    "统一社会信用代码",
                    "检验结论",
                    "不合格项目",
                    "抽查日期",
                ]),
                vec![
                    X::T("C1"),
                    X::T("陶瓷砖"),
                    X::T("佛山市甲陶瓷有限公司"),
                    X::T(""),
                    X::T("合格"),
                    X::T(""),
                    X::D(2024, 4, 1),
                ],
                vec![
                    X::T("C2"),
                    X::T("陶瓷砖"),
                    X::T("佛山市丁陶瓷有限公司"),
                    X::T(""),
                    X::T("合格"),
                    X::T(""),
                    X::D(2024, 4, 1),
                ],
                vec![
                    X::T("C3"),
                    X::T("陶瓷砖"),
                    X::T(""),
                    X::T("91440604MA4W000023"),
                    X::T("合格"),
                    X::T(""),
                    X::D(2024, 4, 1),
                ],
                vec![
                    X::T("C4"),
                    X::T("陶瓷砖"),
                    X::T("佛山市乙陶瓷有限公司"),
                    X::T(""),
                    X::T("待定"),
                    X::T(""),
                    X::D(2024, 4, 1),
                ],
                vec![
                    X::T("C5"),
                    X::T("陶瓷砖"),
                    X::T("佛山市乙陶瓷有限公司"),
                    X::T(""),
                    X::T("不合格"),
                    X::T("吸水率"),
                    X::D(2024, 4, 1),
                ],
                vec![
                    X::T("C6"),
                    X::T(""),
                    X::T("佛山市乙陶瓷有限公司"),
                    X::T(""),
                    X::T("合格"),
                    X::T(""),
                    X::T("2024-02-30"),
                ],
                vec![
                    X::T("C1"),
                    X::T("陶瓷砖"),
                    X::T("佛山市丙陶瓷有限公司"),
                    X::T(BING),
                    X::T("合格"),
                    X::T(""),
                    X::D(2024, 4, 1),
                ],
                vec![
                    X::T("C8"),
                    X::T("陶瓷砖"),
                    X::T("佛山市丙陶瓷有限公司"),
                    X::T(YI),
                    X::T("合格"),
                    X::T(""),
                    X::D(2024, 4, 1),
                ],
            ],
        )],
    );
    let problems = f.problems(&["会员名录.csv", "抽查.xlsx"]);
    let expected = [
        "抽查.xlsx: sheet `抽查结果`, row 3, column `生产企业`: `佛山市丁陶瓷有限公司` is not on the member roster",
        "抽查.xlsx: sheet `抽查结果`, row 4, column `统一社会信用代码`: `91440604MA4W000023` is invalid: the check character (character 18) is `3`, which does not match the first 17 characters",
        "抽查.xlsx: sheet `抽查结果`, row 5, column `检验结论`: the cell is `待定`; expected one of `不合格`, `不合格(复检)`, `不合格（复检）`, `合格`, `合格(复检)`, `合格（复检）`, `拒检`, `拒绝抽查`, `拒绝抽检`",
        "抽查.xlsx: sheet `抽查结果`, row 6, column `不合格项目`: `吸水率` has no class",
        "抽查.xlsx: sheet `抽查结果`, row 7, column `抽查日期`: `2024-02-30` is not a date",
        "抽查.xlsx: sheet `抽查结果`, row 7, column `产品名称`: the cell is empty",
        "抽查.xlsx: sheet `抽查结果`, row 9, column `生产企业`: `统一社会信用代码` `91440604MA4W000022` is `佛山市乙陶瓷有限公司` on the roster, but this cell is `佛山市丙陶瓷有限公司`",
        "抽查.xlsx: sheet `抽查结果`, row 8, column `编号`: the event id `C1` is used twice",
        "8 problems found",
    ];
    for line in expected {
        assert!(problems.contains(line), "missing {line:?} in\n{problems}");
    }
}

#[test]
fn a_csv_problem_points_at_the_cell_with_a_snippet() {
    let f = Files::new();
    f.write("会员名录.csv", ROSTER_CSV);
    f.write(
        "抽查结果.csv",
        "产品名称,生产企业,检验结论,不合格项目,抽查日期\n\
         陶瓷砖,佛山市甲陶瓷有限公司,合格,/,2024-04-10\n\
         陶瓷砖,佛山市乙陶瓷有限公司,合 格,/,2024-04-10\n",
    );
    let problems = f.problems(&["会员名录.csv", "抽查结果.csv"]);
    assert!(
        problems.contains(
            "× 抽查结果.csv:3:16: row 3, column `检验结论`: the cell is `合 格`; expected one of `不合格`, `不合格(复检)`, `不合格（复检）`, `合格`, `合格(复检)`, `合格（复检）`, `拒检`, `拒绝抽查`, `拒绝抽检`"
        ),
        "{problems}"
    );
    assert!(
        problems.contains(" 3 │ 陶瓷砖,佛山市乙陶瓷有限公司,合 格,/,2024-04-10"),
        "the snippet shows the row:\n{problems}"
    );
}

#[test]
fn unknown_headers_and_missing_columns_are_named_once_at_the_header_row() {
    let f = Files::new();
    f.write("会员名录.csv", ROSTER_CSV);
    f.write("抽查结果.csv", "产品名称,生产企业,检验结论,抽检人,抽查日期\n陶瓷砖,佛山市甲陶瓷有限公司,合格,赵六,2024-04-10\n");
    let problems = f.problems(&["会员名录.csv", "抽查结果.csv"]);
    assert!(
        problems
            .contains("row 1: `抽检人` is not a header of a supervision sampling results table"),
        "{problems}"
    );
    assert!(
        problems.contains("help: add `抽检人` under `ignore` in import.ron if the column is not needed, or under the field it holds in `columns`"),
        "{problems}"
    );
    assert!(
        problems
            .contains("row 1: a supervision sampling results table needs a `不合格项目` column"),
        "{problems}"
    );
    assert!(
        problems.contains(
            "headers accepted for it: `不合格项目`, `不合格项目（类别）`, `主要不合格项目`"
        ),
        "{problems}"
    );
    assert!(
        problems.ends_with("2 problems found\n"),
        "a missing column is told once, at the header row, not again at each row:\n{problems}"
    );
}

#[test]
fn a_table_that_is_no_known_shape_is_refused_with_its_headers() {
    let f = Files::new();
    f.write(
        "名单.csv",
        "序号,公司,代码\n1,佛山市甲陶瓷有限公司,91440604MA4W00001Y\n",
    );
    let problems = f.problems(&["名单.csv"]);
    assert!(
        problems.contains("名单.csv: cannot tell what this table holds: no row has the headers of supervision sampling results (`检验结论`), credit events (`类型`), member roster (`企业名称`, `统一社会信用代码`)"),
        "{problems}"
    );
    assert!(
        problems.contains("its first row has `序号`, `公司`, `代码`"),
        "{problems}"
    );
}

#[test]
fn roster_rows_are_checked_like_members_of_the_association_file() {
    let f = Files::new();
    f.write(
        "会员名录.csv",
        "企业名称,统一社会信用代码\n佛山市甲陶瓷有限公司,91440604MA4W00001Y\n佛山市乙陶瓷有限公司,91440604MA4W00002X\n佛山市甲陶瓷有限公司,91440604MA4W00001Y\n,91440604MA4W000035\n",
    );
    let problems = f.problems(&["会员名录.csv"]);
    assert!(
        problems.contains("会员名录.csv:3:12: row 3, column `统一社会信用代码`: member `佛山市乙陶瓷有限公司` has an invalid credit code: the check character (character 18) is `X`, which does not match the first 17 characters"),
        "{problems}"
    );
    assert!(
        problems
            .contains("row 4, column `统一社会信用代码`: member `91440604MA4W00001Y` (`佛山市甲陶瓷有限公司`) is listed twice"),
        "{problems}"
    );
    assert!(
        problems.contains("row 5, column `企业名称`: the cell is empty"),
        "{problems}"
    );
}

#[test]
fn events_without_a_roster_are_refused() {
    let f = Files::new();
    f.write("抽查结果.csv", "产品名称,统一社会信用代码,检验结论,不合格项目,抽查日期\n陶瓷砖,91440604MA4W00001Y,合格,,2024-04-10\n");
    let problems = f.problems(&["抽查结果.csv"]);
    assert!(
        problems.contains("抽查结果.csv: these credit events need a member roster"),
        "{problems}"
    );
}

#[test]
fn the_tables_are_part_of_the_data_digest() {
    let f = Files::new();
    f.write("会员名录.csv", ROSTER_CSV);
    let alone = f.outcome(&[]);
    let with_roster = f.outcome(&["会员名录.csv"]);
    assert_ne!(alone["data"]["digest"], with_roster["data"]["digest"]);
    f.write("会员名录.csv", &ROSTER_CSV.replace("张三", "赵六"));
    let edited = f.outcome(&["会员名录.csv"]);
    assert_ne!(
        with_roster["data"]["digest"], edited["data"]["digest"],
        "any byte of a table counts"
    );
}

#[test]
fn the_import_policy_is_checked_with_the_other_policies() {
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "base/import.ron",
        r#"(class: "A", level: "critical")"#,
        r#"(class: "A", level: "serious")"#,
    );
    scratch.edit(
        "base/import.ron",
        r#""B类": "B""#,
        r#""B类": "B", "C类": "C""#,
    );
    scratch.edit(
        "base/import.ron",
        r#""合格": "sampling_pass""#,
        r#""合格": "sampling_passed""#,
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
        "the verdict `合格` stands for `sampling_passed`, which is not an event kind of the credit policy",
        "did you mean `sampling_pass`?",
        "`serious` is not a level of `sampling_fail`, the kind of verdict `不合格`",
        "`C类` stands for class `C`, which is not one of the credit policy's `item_classes`",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    assert!(
        text.contains("base/import.ron:"),
        "problems name the file and line:\n{text}"
    );
}

#[test]
fn diff_reads_the_tables_of_a_scenarios_steps() {
    let f = Files::new();
    let shipped = crate::common::scenario("messy-import");
    for name in ["2024.ron", "会员名录-更正.xlsx", "抽查结果-更正.csv"] {
        std::fs::copy(shipped.join(name), f.path(name)).unwrap();
    }
    f.write(
        "scenario.ron",
        r#"Scenario(title: "t", steps: [Eval(data: "2024.ron", tables: ["会员名录-更正.xlsx", "抽查结果-更正.csv"])])"#,
    );
    let scenario = f.path("scenario.ron");
    let out = cogov(&[
        "diff",
        "--from",
        "policies",
        "--to",
        "policies",
        scenario.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["summary"]["members"], 10,
        "the members come from the tables"
    );
    let label = json["datasets"][0]["data"].as_str().unwrap();
    assert!(label.ends_with("抽查结果-更正.csv"), "{label}");
}

#[test]
fn without_an_import_policy_tables_are_refused_and_the_rest_still_loads() {
    let scratch = Scratch::copy_of_shipped();
    std::fs::remove_file(scratch.path().join("base/import.ron")).unwrap();
    // The base alone: the ceramics and stainless-steel overlays extend import.ron, and an
    // overlay cannot extend a file the base does not have.
    let check = cogov(&[
        "check",
        "--sector",
        "base",
        "--policies",
        scratch.path().to_str().unwrap(),
    ]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "import.ron is optional: {}",
        stderr(&check)
    );
    let f = Files::new();
    f.write("会员名录.csv", ROSTER_CSV);
    let out = f.eval(
        &["会员名录.csv"],
        &[
            "--policies",
            scratch.path().to_str().unwrap(),
            "--lang",
            "en",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "会员名录.csv: tables cannot be imported: the policies declare no table shapes"
        ),
        "{}",
        stderr(&out)
    );
}

/// The two workbooks of `scenarios/messy-import`, as this source describes them: messy (every
/// kind of mistake the scenario shows) and corrected. The test checks the committed files hold
/// exactly these cells; `COGOV_WRITE_SCENARIO_WORKBOOKS=1 cargo test scenario_workbooks` writes
/// them anew after an edit here.
mod scenario_workbooks {
    use super::{X, texts, write_xlsx};
    use calamine::{Data, Reader, Xlsx};

    type Sheets = Vec<(&'static str, Vec<Vec<X>>)>;

    /// `(企业名称, 统一社会信用代码, 会员类别, 入会时间, 信用档案更新日期, 已落实措施)`
    type RosterRow = (
        &'static str,
        &'static str,
        &'static str,
        (u16, u8, u8),
        (u16, u8, u8),
        &'static str,
    );

    const ROSTER: [RosterRow; 10] = [
        (
            "佛山市恒顺陶瓷有限公司",
            "91440604MA4W00001Y",
            "理事单位",
            (2015, 3, 1),
            (2024, 12, 16),
            "推荐参与评先评优",
        ),
        (
            "佛山市金岭建材有限公司",
            "91440604MA4W000022",
            "会员单位",
            (2016, 7, 15),
            (2024, 12, 16),
            "发出信用预警、提高抽查频次、不得参与评先评优、在行业内公示",
        ),
        (
            "广东华瓷卫浴有限公司",
            "91440604MA4W000035",
            "会员单位",
            (2017, 1, 9),
            (2024, 12, 17),
            "/",
        ),
        (
            "佛山市南庄新锐陶瓷厂",
            "91440604MA4W000048",
            "会员单位",
            (2018, 5, 20),
            (2024, 12, 17),
            "",
        ),
        (
            "佛山市石湾美居陶瓷有限公司",
            "91440604MA4W00005B",
            "副会长单位",
            (2015, 3, 1),
            (2024, 12, 18),
            "推荐参与评先评优；减少抽查频次",
        ),
        (
            "佛山市澜石瓷砖有限公司",
            "91440604MA4W00006E",
            "会员单位",
            (2019, 11, 2),
            (2024, 12, 18),
            "",
        ),
        (
            "佛山市宏宇釉料有限公司",
            "91440604MA4W00007H",
            "会员单位",
            (2020, 4, 18),
            (2024, 12, 19),
            "不得参与评先评优、发出信用预警",
        ),
        (
            "佛山市利达陶瓷（集团）有限公司",
            "91440604MA4W00008L",
            "常务理事单位",
            (2015, 3, 1),
            (2024, 12, 19),
            "",
        ),
        (
            "佛山市康华洁具有限公司",
            "91440604MA4W00009P",
            "会员单位",
            (2021, 8, 30),
            (2023, 11, 20),
            "",
        ),
        (
            "佛山市雅石陶瓷有限公司",
            "91440604MA4W00010W",
            "会员单位",
            (2022, 6, 6),
            (2024, 12, 20),
            "不得参与评先评优",
        ),
    ];

    /// `(编号, 统一社会信用代码, 企业名称, 日期, 类型, 级别, 按时办结, 说明)`
    type EventRow = (
        &'static str,
        &'static str,
        &'static str,
        (u16, u8, u8),
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    );

    const EVENTS: [EventRow; 9] = [
        (
            "E24-001",
            "91440604MA4W00001Y",
            "佛山市恒顺陶瓷有限公司",
            (2024, 3, 15),
            "签署质量安全承诺",
            "",
            "",
            "",
        ),
        (
            "E24-002",
            "91440604MA4W000022",
            "",
            (2024, 3, 15),
            "签署质量安全承诺",
            "",
            "",
            "",
        ),
        (
            "E24-003",
            "91440604MA4W000035",
            "",
            (2024, 3, 18),
            "签署质量安全承诺",
            "",
            "",
            "",
        ),
        (
            "E24-004",
            "91440604MA4W00001Y",
            "",
            (2024, 5, 20),
            "设立首席质量官",
            "",
            "",
            "",
        ),
        (
            "E24-005",
            "91440604MA4W00005B",
            "",
            (2024, 6, 1),
            "质量荣誉",
            "省级",
            "",
            "广东省名优产品",
        ),
        (
            "E24-006",
            "91440604MA4W00009P",
            "",
            (2024, 7, 9),
            "经核实的消费投诉",
            "",
            "否",
            "釉面开裂投诉，超时限办结",
        ),
        (
            "E24-007",
            "91440604MA4W00007H",
            "",
            (2024, 8, 12),
            "行政处罚",
            "",
            "",
            "产品标识不符",
        ),
        (
            "E24-008",
            "91440604MA4W00010W",
            "",
            (2024, 9, 30),
            "主导制修订标准",
            "团体标准",
            "",
            "T/FSTC 岩板团体标准",
        ),
        (
            "E24-009",
            "91440604MA4W00008L",
            "",
            (2024, 12, 15),
            "设立首席质量官",
            "",
            "",
            "",
        ),
    ];

    fn roster_sheet(rows: &[RosterRow]) -> Vec<Vec<X>> {
        let mut sheet = vec![
            texts(&["佛山市陶瓷行业协会会员名录（2024年）"]),
            texts(&[
                "序号",
                "企业名称",
                "统一社会信用代码",
                "会员类别",
                "入会时间",
                "信用档案更新日期",
                "已落实措施",
            ]),
        ];
        for (n, (name, code, class, (y, m, d), (ay, am, ad), applied)) in rows.iter().enumerate() {
            sheet.push(vec![
                X::N(n as f64 + 1.0),
                X::T(name),
                X::T(code),
                X::T(class),
                X::D(*y, *m, *d),
                X::D(*ay, *am, *ad),
                X::T(applied),
            ]);
        }
        sheet
    }

    fn events_sheet(rows: &[EventRow]) -> Vec<Vec<X>> {
        let mut sheet = vec![texts(&[
            "编号",
            "统一社会信用代码",
            "企业名称",
            "日期",
            "类型",
            "级别",
            "按时办结",
            "说明",
        ])];
        for (id, code, name, (y, m, d), kind, level, on_time, detail) in rows {
            sheet.push(vec![
                X::T(id),
                X::T(code),
                X::T(name),
                X::D(*y, *m, *d),
                X::T(kind),
                X::T(level),
                X::T(on_time),
                X::T(detail),
            ]);
        }
        sheet
    }

    fn corrected() -> Sheets {
        vec![
            ("会员名录", roster_sheet(&ROSTER)),
            ("信用事件", events_sheet(&EVENTS)),
            ("Sheet3", vec![]),
        ]
    }

    /// Row 8: a wrong check character; row 10: an archive updated after the period and a
    /// measure the policy does not know; row 13: a second factory under the first one's code.
    /// Events: a level the kind does not have, a time-limit word not in the policy, a kind
    /// written as nobody calls it, an event after the period.
    fn messy() -> Sheets {
        let mut roster = ROSTER.to_vec();
        roster[5].1 = "91440604MA4W00006F";
        roster[7].4 = (2025, 1, 6);
        roster[7].5 = "通报批评";
        roster.push((
            "佛山市南庄新锐陶瓷厂（二厂）",
            "91440604MA4W000048",
            "会员单位",
            (2023, 2, 1),
            (2024, 12, 16),
            "",
        ));
        let mut events = EVENTS.to_vec();
        events[4].5 = "特级";
        events[5].6 = "未知";
        events[7].4 = "表彰";
        events[8].3 = (2025, 1, 15);
        vec![
            ("会员名录", roster_sheet(&roster)),
            ("信用事件", events_sheet(&events)),
            ("Sheet3", vec![]),
        ]
    }

    fn same(cell: &X, data: &Data) -> bool {
        match (cell, data) {
            (X::T(""), Data::Empty) => true,
            (X::T(s), Data::String(d)) => s == d,
            (X::N(n), Data::Float(f)) => n == f,
            (X::D(y, m, d), Data::DateTime(dt)) => {
                let (yy, mm, dd, ..) = dt.to_ymd_hms_milli();
                (*y, *m, *d) == (yy, mm, dd)
            }
            _ => false,
        }
    }

    fn check(name: &str, sheets: Sheets) {
        let path = crate::common::scenario("messy-import").join(name);
        if std::env::var_os("COGOV_WRITE_SCENARIO_WORKBOOKS").is_some() {
            write_xlsx(&path, &sheets);
        }
        let mut book: Xlsx<_> =
            calamine::open_workbook(&path).expect("the scenario workbook exists");
        assert_eq!(
            book.sheet_names(),
            sheets
                .iter()
                .map(|(s, _)| s.to_string())
                .collect::<Vec<_>>()
        );
        for (sheet, rows) in &sheets {
            let range = book.worksheet_range(sheet).unwrap();
            let found: Vec<&[Data]> = range.rows().collect();
            assert_eq!(found.len(), rows.len(), "{name}, sheet {sheet}");
            for (r, (want, got)) in rows.iter().zip(found).enumerate() {
                let padded = got.iter().chain(std::iter::repeat(&Data::Empty));
                for (c, (w, g)) in want.iter().zip(padded).enumerate() {
                    assert!(
                        same(w, g),
                        "{name}, sheet {sheet}, row {}, column {}: found {g:?}",
                        r + 1,
                        c + 1
                    );
                }
            }
        }
    }

    #[test]
    fn the_committed_workbooks_hold_what_this_source_says() {
        check("会员名录.xlsx", messy());
        check("会员名录-更正.xlsx", corrected());
    }
}

#[test]
fn a_wrong_check_character_is_named_without_a_suggested_fix() {
    // 91440604MA4W00006 calls for the check character `E`, which none of the first 17 are, so
    // an `E` anywhere in a message would be the suggested fix.
    let first17 = "91440604MA4W00006";
    let good = cogov::credit_code::with_check(first17);
    let expected = good.chars().last().unwrap();
    assert_eq!(expected, 'E');
    assert!(!first17.contains(expected));
    let wrong = format!("{first17}3");
    let error = cogov::credit_code::validate(&wrong).expect_err("a wrong check character");
    assert!(
        !error.to_string().contains(expected),
        "the reason suggests the check character: {error}"
    );
    let f = Files::new();
    f.write(
        "会员名录.csv",
        &format!("企业名称,统一社会信用代码\n佛山市丁陶瓷有限公司,{wrong}\n"),
    );
    let zh = f.eval(&["会员名录.csv"], &[]);
    assert_eq!(zh.status.code(), Some(1), "{}", stderr(&zh));
    let en = f.problems(&["会员名录.csv"]);
    // The temporary folder's random name could hold the character: it is left out.
    let zh = stderr(&zh).replace(&format!("{}/", f.dir.path().display()), "");
    for text in [zh.clone(), en.clone()] {
        assert!(!text.contains(&good), "the correct code is shown:\n{text}");
        // The message and help lines, without the snippet that quotes the file.
        let said: Vec<&str> = text
            .lines()
            .filter(|l| l.contains('×') || l.trim_start().starts_with("help:"))
            .collect();
        assert!(!said.is_empty(), "{text}");
        for line in said {
            assert!(
                !line.contains(expected),
                "the message suggests the check character `{expected}`: {line}"
            );
        }
    }
    assert!(
        zh.contains("第 2 行 `统一社会信用代码` 列：会员 `佛山市丁陶瓷有限公司` 的统一社会信用代码无效：第 18 位校验码 `3` 与前 17 位不符"),
        "{zh}"
    );
    assert!(
        en.contains("row 2, column `统一社会信用代码`: member `佛山市丁陶瓷有限公司` has an invalid credit code: the check character (character 18) is `3`, which does not match the first 17 characters"),
        "{en}"
    );
}

/// More rows than one core reads at a time: rows are read a slice per core and joined, so the
/// problems of rows in different slices come out in row order, and every good row is counted
/// once.
#[test]
fn a_long_table_read_a_slice_per_core_reports_its_problems_in_row_order() {
    let f = Files::new();
    f.write("会员名录.csv", ROSTER_CSV);
    let firms = [
        "佛山市甲陶瓷有限公司",
        "佛山市乙陶瓷有限公司",
        "佛山市丙陶瓷有限公司",
    ];
    let strangers = [
        (7, "佛山市丁陶瓷有限公司"),
        (20_001, "佛山市戊陶瓷有限公司"),
        (39_998, "佛山市己陶瓷有限公司"),
    ];
    let mut good = String::from("序号,产品名称,规格型号,生产企业,检验结论,不合格项目,抽查日期\n");
    for i in 1..=40_000 {
        good.push_str(&format!(
            "{i},陶瓷砖,型{i},{},合格,/,2024-04-10\n",
            firms[i % 3]
        ));
    }
    f.write("抽查结果.csv", &good);
    let outcome = f.outcome(&["会员名录.csv", "抽查结果.csv"]);
    let counted: usize = [JIA, YI, BING]
        .iter()
        .map(|code| member(&outcome, code).2.len())
        .sum();
    assert_eq!(counted, 40_000, "every row is one event");

    let mut bad = String::from("序号,产品名称,规格型号,生产企业,检验结论,不合格项目,抽查日期\n");
    for i in 1..=40_000 {
        let firm = strangers
            .iter()
            .find(|(row, _)| *row == i)
            .map_or(firms[i % 3], |(_, name)| name);
        bad.push_str(&format!("{i},陶瓷砖,型{i},{firm},合格,/,2024-04-10\n"));
    }
    f.write("抽查结果.csv", &bad);
    let problems = f.problems(&["会员名录.csv", "抽查结果.csv"]);
    let places: Vec<usize> = strangers
        .iter()
        .map(|(_, name)| {
            problems
                .find(&format!("`{name}`"))
                .unwrap_or_else(|| panic!("{name} is reported:\n{problems}"))
        })
        .collect();
    assert!(places.is_sorted(), "problems in row order:\n{problems}");
    for (row, _) in strangers {
        // The header is line 1: row i of the data is line i + 1.
        assert!(
            problems.contains(&format!("抽查结果.csv:{}:", row + 1)),
            "row {row} is located:\n{problems}"
        );
    }
}

/// A notice pasted twice into one table: every repeated row is reported in one run, each
/// located and shown with its own line (a snippet is cut from the file's line index).
#[test]
fn two_thousand_repeated_rows_of_a_long_table_are_all_reported_with_their_own_lines() {
    let f = Files::new();
    f.write("会员名录.csv", ROSTER_CSV);
    let mut text = String::from("序号,产品名称,规格型号,生产企业,检验结论,不合格项目,抽查日期\n");
    for i in 1..=4_000 {
        // Rows 2,001 to 4,000 say again what rows 1 to 2,000 said.
        let model = (i - 1) % 2_000;
        text.push_str(&format!(
            "{i},陶瓷砖,型{model},佛山市甲陶瓷有限公司,合格,/,2024-04-10\n"
        ));
    }
    f.write("抽查结果.csv", &text);
    let problems = f.problems(&["会员名录.csv", "抽查结果.csv"]);
    assert_eq!(problems.matches("this row says what").count(), 2_000);
    assert!(
        problems.contains("抽查结果.csv:4001:"),
        "the last repeat is located"
    );
    assert!(
        problems.contains("4001 │ 4000,陶瓷砖,型1999,佛山市甲陶瓷有限公司"),
        "its snippet shows its own line, numbered:\n{}",
        &problems[problems.len().saturating_sub(2000)..]
    );
}
