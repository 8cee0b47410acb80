//! `cogov compare`: associations of different sectors ranked by their share of the maximum,
//! with movers against their previous period, sectors and the indicator matrix, as a table,
//! JSON, CSV and an Excel workbook; bad inputs reported together.

use std::path::Path;

use crate::common::{cogov, cogov_wide, scenario, stderr, stdout};

/// Five shipped associations, each in its own sector (the base too), for 2024.
const FIVE: [&str; 5] = [
    "scenarios/sector-ceramics/2024.ron",
    "scenarios/sector-lighting/2024.ron",
    "scenarios/sector-textiles/2024.ron",
    "scenarios/sector-coatings/2024.ron",
    "scenarios/improving-association/2024.ron",
];

fn compare(extra: &[&str]) -> std::process::Output {
    let mut args = vec!["compare"];
    args.extend_from_slice(extra);
    cogov(&args)
}

fn json(out: &std::process::Output) -> serde_json::Value {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    serde_json::from_slice(&out.stdout).expect("compare writes JSON")
}

/// The five, then more arguments.
fn five_and<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    [&FIVE[..], extra].concat()
}

#[test]
fn five_associations_of_different_sectors_are_ranked_by_their_share_and_shown_in_the_matrix() {
    let zh = compare(&FIVE);
    assert_eq!(zh.status.code(), Some(0), "{}", stderr(&zh));
    let zh = stdout(&zh);
    assert!(
        zh.starts_with("2024 期间协会比较：5 家协会，5 个行业"),
        "{zh}"
    );
    insta::assert_snapshot!("compare_five_sectors_zh", zh);
    let en = stdout(&compare(&five_and(&["--lang", "en"])));
    assert!(en.contains("Ranking\n"), "{en}");
    for line in zh.lines().chain(en.lines()) {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 100, "{line}");
    }
    insta::assert_snapshot!("compare_five_sectors_en", en);

    let out = compare(&five_and(&["--format", "json"]));
    let v = json(&out);
    assert_eq!(v["schema"], "cogov.compare/1");
    assert_eq!(v["period"], "2024");
    let ranked: Vec<(&str, f64)> = v["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["sector"]["id"].as_str().unwrap(),
                e["share_pct"].as_f64().unwrap(),
            )
        })
        .collect();
    // Lighting and coatings share 73 %: the lower credit code ranks first.
    assert_eq!(
        ranked,
        [
            ("base", 78.5),
            ("lighting", 73.0),
            ("coatings", 73.0),
            ("textiles", 59.0),
            ("ceramics", 27.5)
        ]
    );
    assert_eq!(v["ranking"][4]["sector"]["zh"], "陶瓷");
    let rows: Vec<&str> = v["matrix"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(rows.len(), 3 + 9 + 22, "{rows:?}");
    assert_eq!(&rows[..4], ["A1", "B1", "C1", "C2"]);
    // Ceramics gives C11 six points, the base five: the matrix compares shares.
    let c11 = &v["matrix"][rows.iter().position(|r| *r == "C11").unwrap()]["cells"];
    assert_eq!(c11["51440604MJL700072T"]["max"], 6.0);
    assert_eq!(c11["51440604MJL700072T"]["share_pct"], 50.0);
    assert_eq!(c11["51440606MJL300034F"]["max"], 5.0);
    insta::assert_snapshot!("compare_five_sectors_json", stdout(&out));
}

#[test]
fn a_second_period_gives_each_association_its_mover() {
    let inputs = [
        "scenarios/improving-association/2023.ron",
        "scenarios/improving-association/2024.ron",
        "scenarios/ceramics-credit/2023.ron",
        "scenarios/ceramics-credit/2024.ron",
        "scenarios/sector-lighting/2024.ron",
    ];
    let mut args = inputs.to_vec();
    args.extend(["--format", "json"]);
    let v = json(&compare(&args));
    let movers: Vec<(&str, serde_json::Value)> = v["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["id"].as_str().unwrap(), e["mover"].clone()))
        .collect();
    let mover = |code: &str| movers.iter().find(|(c, _)| *c == code).unwrap().1.clone();
    let fan = mover("51440606MJL300034F");
    assert_eq!(fan["period"], "2023");
    // 2023 scored 33 of 100: second of two then, first of three now.
    assert_eq!(fan["share_pct"], 33.0);
    assert_eq!(fan["rank"], 2);
    assert_eq!(fan["rank_change"], 1);
    assert_eq!(
        fan["change_pp"],
        v["ranking"][0]["share_pct"].as_f64().unwrap() - 33.0
    );
    assert_eq!(mover("51440605MJL700083D"), serde_json::Value::Null);
    assert!(mover("51440604MJL600561G").is_object());

    let table = stdout(&cogov_wide(&[&["compare"], &inputs[..]].concat()));
    let fan = table
        .lines()
        .find(|l| l.contains("51440606MJL300034F"))
        .unwrap();
    assert!(fan.ends_with("升 1"), "{table}");
    let lighting = table
        .lines()
        .find(|l| l.contains("51440605MJL700083D"))
        .unwrap();
    assert!(lighting.ends_with("  新"), "{table}");
}

#[test]
fn the_compared_period_is_the_latest_unless_asked_and_the_others_are_named() {
    let inputs = [
        "scenarios/improving-association/2023.ron",
        "scenarios/sector-lighting/2024.ron",
    ];
    let latest = stdout(&cogov_wide(&[&["compare"], &inputs[..]].concat()));
    assert!(latest.starts_with("2024 期间"), "{latest}");
    assert!(
        latest.ends_with(
            "另有 1 家协会没有 2024 期间的结果，未列入：佛山市电风扇行业协会（有 2023）\n"
        ),
        "{latest}"
    );
    let asked = cogov_wide(&[&["compare", "--period", "2023"], &inputs[..]].concat());
    assert_eq!(asked.status.code(), Some(0));
    assert!(stdout(&asked).starts_with("2023 期间协会比较：1 家协会"));
    // One association is a ranking, not an error; it is said so.
    assert!(
        stderr(&asked).contains("只有 1 家协会有 2023 期间的结果"),
        "{}",
        stderr(&asked)
    );
}

#[test]
fn outcomes_compare_like_data_and_an_indicator_only_some_have_is_blank_for_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (n, data) in FIVE[..2].iter().enumerate() {
        let path = dir.path().join(format!("{n}.json"));
        let out = cogov(&[
            "eval",
            data,
            "--format",
            "json",
            "-o",
            path.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        files.push(path);
    }
    // The lighting outcome as a sector without C22 would write it.
    let mut lighting: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&files[1]).unwrap()).unwrap();
    let indicators = lighting["association"]["indicators"]
        .as_array_mut()
        .unwrap();
    indicators.retain(|i| i["id"] != "C22");
    std::fs::write(&files[1], serde_json::to_vec(&lighting).unwrap()).unwrap();

    let paths: Vec<&str> = files.iter().map(|p| p.to_str().unwrap()).collect();
    let v = json(&compare(&[paths[0], paths[1], "--format", "json"]));
    assert_eq!(v["ranking"][0]["sector"]["zh"], "照明灯具");
    let c22 = v["matrix"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "C22")
        .unwrap();
    let codes: Vec<&String> = c22["cells"].as_object().unwrap().keys().collect();
    assert_eq!(codes, ["51440604MJL700072T"]);
    let table = stdout(&cogov_wide(&["compare", paths[0], paths[1]]));
    let row = table.lines().find(|l| l.contains("C22")).unwrap();
    // Lighting ranks first and has no C22: its cell is blank.
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(cells, ["C22", "外部荣誉", "0%"], "{row:?}");
}

#[test]
fn csv_has_a_record_per_association_with_every_share_and_quotes_out_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(scenario("sector-ceramics/2024.ron")).unwrap();
    let formula = dir.path().join("2024.ron");
    std::fs::write(&formula, text.replace("佛山市陶瓷卫浴商会", "=SUM(1;2)")).unwrap();
    let out = compare(&[
        formula.to_str().unwrap(),
        "scenarios/sector-lighting/2024.ron",
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let csv = stdout(&out);
    let records: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(records.len(), 3, "{csv}");
    assert!(
        records[0]
            .starts_with("名次,统一社会信用代码,协会,行业代码,行业,得分,满分,占比（%）,等级,"),
        "{csv}"
    );
    assert!(records[0].ends_with(",C22 外部荣誉（%）"), "{csv}");
    assert!(
        records[1].starts_with(
            "1,51440605MJL700083D,佛山市南海区照明电器协会,lighting,照明灯具,73,100,73,合格,,,,,"
        ),
        "{csv}"
    );
    assert!(
        records[2].starts_with("2,51440604MJL700072T,'=SUM(1;2),ceramics,"),
        "{csv}"
    );
}

#[test]
fn xlsx_has_a_ranking_and_a_matrix_sheet_with_shares_as_numbers() {
    use calamine::{Data, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("比较.xlsx");
    let out = compare(&five_and(&[
        "--format",
        "xlsx",
        "-o",
        book.to_str().unwrap(),
    ]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    let mut xlsx: Xlsx<_> = calamine::open_workbook(&book).unwrap();
    assert_eq!(xlsx.sheet_names(), ["排名", "指标矩阵"]);
    let ranking = xlsx.worksheet_range("排名").unwrap();
    assert_eq!(ranking.height(), 6);
    assert_eq!(ranking.get((0, 0)), Some(&Data::String("名次".into())));
    assert_eq!(ranking.get((1, 0)), Some(&Data::Float(1.0)));
    assert_eq!(
        ranking.get((1, 1)),
        Some(&Data::String("51440606MJL300034F".into()))
    );
    assert_eq!(ranking.get((5, 7)), Some(&Data::Float(0.275)));
    let matrix = xlsx.worksheet_range("指标矩阵").unwrap();
    assert_eq!(matrix.height(), 1 + 34);
    assert_eq!(
        matrix.get((0, 2)),
        Some(&Data::String("1 佛山市电风扇行业协会".into()))
    );
    assert_eq!(matrix.get((1, 0)), Some(&Data::String("A1".into())));
    assert_eq!(matrix.get((1, 1)), Some(&Data::String("基本要求".into())));
    assert_eq!(matrix.get((1, 2)), Some(&Data::Float(1.0)));
    // Nothing is left beside the workbook.
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1);
}

#[test]
fn xlsx_without_an_output_file_is_a_usage_error() {
    let out = compare(&five_and(&["--format", "xlsx"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`--format xlsx` 需要用 `-o 文件.xlsx` 指定输出文件"));
}

#[test]
fn a_missing_file_a_table_and_broken_data_are_reported_together() {
    let out = compare(&[
        "scenarios/sector-lighting/2024.ron",
        "scenarios/nowhere/2024.ron",
        "scenarios/messy-import/抽查结果.csv",
        "scenarios/data-errors/2024-typo.ron",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("scenarios/nowhere/2024.ron: 无法读取文件"),
        "{err}"
    );
    assert!(
        err.contains("scenarios/messy-import/抽查结果.csv: 既不是协会数据文件"),
        "{err}"
    );
    assert!(
        err.contains("scenarios/data-errors/2024-typo.ron:"),
        "{err}"
    );
    assert_eq!(stdout(&out), "");
    let en = stderr(&compare(&[
        "scenarios/messy-import/抽查结果.csv",
        "--lang",
        "en",
    ]));
    assert!(en.contains("Neither association data"), "{en}");
}

#[test]
fn a_period_nobody_has_names_the_periods_there_are() {
    let out = compare(&five_and(&["--period", "2030"]));
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("--period: 没有哪个输入有 2030 期间的结果；输入中的期间：2024"),
        "{err}"
    );
}

#[test]
fn two_outcomes_of_one_association_and_period_name_both_files() {
    let dir = tempfile::tempdir().unwrap();
    let outcome = dir.path().join("lighting.json");
    let o = outcome.to_str().unwrap();
    cogov(&["eval", FIVE[1], "--format", "json", "-o", o]);
    let out = compare(&[FIVE[1], o]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("佛山市南海区照明电器协会（51440605MJL700083D）在 2024 期间有两个结果"),
        "{err}"
    );
    assert!(err.contains(FIVE[1]) && err.contains(o), "{err}");
    // The same file named twice is one input.
    assert_eq!(compare(&[FIVE[1], FIVE[1]]).status.code(), Some(0));
    assert!(Path::new(o).exists());
}

#[test]
fn the_matrix_shows_six_associations_unless_all_are_asked_for() {
    let eight = five_and(&[
        "scenarios/sector-gas-appliances/2024.ron",
        "scenarios/sector-home-appliances/2024.ron",
        "scenarios/sector-stainless-steel/2024.ron",
    ]);
    let cut = stdout(&cogov_wide(&[&["compare"], &eight[..]].concat()));
    let header = |text: &str| {
        text.lines()
            .find(|l| l.starts_with("指标 "))
            .unwrap()
            .to_string()
    };
    assert!(header(&cut).ends_with("第 6 名"), "{cut}");
    assert!(
        cut.contains("…另有 2 家协会未列入矩阵，加 `--all` 列出全部\n"),
        "{cut}"
    );
    let all = stdout(&cogov_wide(&[&["compare", "--all"], &eight[..]].concat()));
    assert!(header(&all).ends_with("第 8 名"), "{all}");
    assert!(!all.contains("另有"), "{all}");
}

#[test]
fn the_archive_alone_gives_the_same_comparison_as_the_data_files() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("archive.sqlite");
    let db = db.to_str().unwrap();
    let inputs = [
        "scenarios/improving-association/2023.ron",
        "scenarios/improving-association/2024.ron",
        "scenarios/ceramics-credit/2023.ron",
        "scenarios/ceramics-credit/2024.ron",
        "scenarios/sector-lighting/2024.ron",
    ];
    for data in inputs {
        let out = cogov(&["archive", "record", data, "--db", db]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let from_files = json(&compare(&[&inputs[..], &["--format", "json"]].concat()));
    let from_archive = json(&compare(&["--archive", db, "--format", "json"]));
    let ranking = |v: &serde_json::Value| -> Vec<(String, f64, serde_json::Value)> {
        v["ranking"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let id = e["id"].as_str().unwrap().to_string();
                (id, e["share_pct"].as_f64().unwrap(), e["mover"].clone())
            })
            .collect()
    };
    assert_eq!(ranking(&from_archive), ranking(&from_files));
    assert_eq!(from_archive["matrix"], from_files["matrix"]);
    assert_eq!(from_archive["period"], "2024");
}
