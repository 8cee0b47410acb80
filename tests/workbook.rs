//! `cogov eval --format xlsx`: the outcome as a workbook staff filter and sort, read back.

use calamine::{Data, Reader, Xlsx};

use crate::common::{cogov, scenario, stderr};

/// Evaluates the ceramics association's 2024 data (after 2023, so earlier actions are
/// followed up) into a workbook in `lang`, and opens it.
fn ceramics_book(lang: &str) -> (tempfile::TempDir, Xlsx<std::io::BufReader<std::fs::File>>) {
    let dir = tempfile::tempdir().unwrap();
    let previous = dir.path().join("2023.json");
    let out = cogov(&[
        "eval",
        scenario("ceramics-credit/2023.ron").to_str().unwrap(),
        "--format",
        "json",
        "-o",
        previous.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let book = dir.path().join("2024.xlsx");
    let out = cogov(&[
        "eval",
        scenario("ceramics-credit/2024.ron").to_str().unwrap(),
        "--previous",
        previous.to_str().unwrap(),
        "--format",
        "xlsx",
        "-o",
        book.to_str().unwrap(),
        "--lang",
        lang,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let xlsx = calamine::open_workbook(&book).unwrap();
    (dir, xlsx)
}

/// The header row of a sheet.
fn headers(xlsx: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str) -> Vec<String> {
    let range = xlsx.worksheet_range(sheet).unwrap();
    let row = range.rows().next().unwrap();
    row.iter().map(|c| c.to_string()).collect()
}

/// The row of a sheet whose first cell is `key`.
fn row_of(range: &calamine::Range<Data>, key: &str) -> Vec<Data> {
    range
        .rows()
        .find(|r| r[0] == Data::String(key.into()))
        .unwrap_or_else(|| panic!("no row {key}"))
        .to_vec()
}

#[test]
fn xlsx_has_every_sheet_in_order_with_chinese_headers() {
    let (_dir, mut xlsx) = ceramics_book("zh");
    assert_eq!(
        xlsx.sheet_names(),
        [
            "概况",
            "指标",
            "评分依据",
            "改进措施",
            "跟进",
            "成员信用",
            "行业预警"
        ]
    );
    assert_eq!(headers(&mut xlsx, "概况"), ["项目", "内容"]);
    assert_eq!(
        headers(&mut xlsx, "指标"),
        ["编号", "名称", "上级", "得分", "满分", "得分率"]
    );
    assert_eq!(
        headers(&mut xlsx, "成员信用"),
        [
            "统一社会信用代码",
            "企业名称",
            "信用分",
            "等级代码",
            "等级名称",
            "奖惩措施",
            "成员预警"
        ]
    );
    assert_eq!(
        headers(&mut xlsx, "跟进"),
        ["行动编号", "指标", "提出期间", "期限", "状态", "原因"]
    );
}

#[test]
fn xlsx_in_english_names_sheets_and_headers_in_english() {
    let (_dir, mut xlsx) = ceramics_book("en");
    assert_eq!(
        xlsx.sheet_names(),
        [
            "Summary",
            "Indicators",
            "Criteria",
            "Actions",
            "Follow-ups",
            "Members",
            "Sector warnings"
        ]
    );
    assert_eq!(headers(&mut xlsx, "Summary"), ["Field", "Value"]);
    let summary = xlsx.worksheet_range("Summary").unwrap();
    assert_eq!(
        row_of(&summary, "Sector")[1],
        Data::String("Ceramics".into())
    );
}

#[test]
fn xlsx_cells_hold_numbers_dates_and_localized_labels() {
    let (_dir, mut xlsx) = ceramics_book("zh");
    let summary = xlsx.worksheet_range("概况").unwrap();
    // As `eval --format json --previous 2023.json` gives it.
    assert_eq!(row_of(&summary, "总分")[1], Data::Float(76.5));
    assert!(
        matches!(row_of(&summary, "期间截止日")[1], Data::DateTime(_)),
        "the period end is a date cell"
    );
    let indicators = xlsx.worksheet_range("指标").unwrap();
    let c17 = row_of(&indicators, "C17");
    assert_eq!(c17[3], Data::Float(6.0));
    assert!(matches!(c17[5], Data::Float(_)), "the share is a number");
    let members = xlsx.worksheet_range("成员信用").unwrap();
    let member = row_of(&members, "9144060407C97XUFJ0");
    assert_eq!(
        member[1],
        Data::String("佛山市禅城区荣恒建材有限公司".into())
    );
    assert_eq!(member[3], Data::String("A".into()));
    let follow_ups = xlsx.worksheet_range("跟进").unwrap();
    let c10 = row_of(&follow_ups, "C10/unmet");
    assert_eq!(c10[4], Data::String("已升级".into()));
    assert!(
        matches!(c10[3], Data::DateTime(_)),
        "the due date is a date cell"
    );
}

#[test]
fn xlsx_without_an_output_file_is_a_usage_error() {
    let out = cogov(&[
        "eval",
        scenario("well-run-association/2024.ron").to_str().unwrap(),
        "--format",
        "xlsx",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`--format xlsx` 需要用 `-o 文件.xlsx` 指定输出文件"));
    assert!(out.stdout.is_empty());
}

#[test]
fn xlsx_writes_a_member_name_that_looks_like_a_formula_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(scenario("sector-lighting/2024.ron")).unwrap();
    let text = text.replacen(
        "佛山市南海区桂城照明科技有限公司",
        "=HYPERLINK(\\\"x\\\")",
        1,
    );
    let data = dir.path().join("2024.ron");
    std::fs::write(&data, text).unwrap();
    let book = dir.path().join("book.xlsx");
    let out = cogov(&[
        "eval",
        data.to_str().unwrap(),
        "--format",
        "xlsx",
        "-o",
        book.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut xlsx: Xlsx<_> = calamine::open_workbook(&book).unwrap();
    let members = xlsx.worksheet_range("成员信用").unwrap();
    let member = row_of(&members, "91440605MA55LAM01J");
    assert_eq!(member[1], Data::String("=HYPERLINK(\"x\")".into()));
    let formulas = xlsx.worksheet_formula("成员信用").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no formula"
    );
    let warnings = xlsx.worksheet_range("行业预警").unwrap();
    let row = warnings.rows().nth(1).expect("a warning");
    assert!(
        matches!(row[0], Data::DateTime(_)),
        "the warning's date is a date cell"
    );
    assert_eq!(row[3], Data::Float(2.0));
}
