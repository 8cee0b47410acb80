//! `cogov template` and a whole association read from one workbook: the template of the base
//! and of every sector has its sheets, headers and drop-downs; filled in from a shipped
//! scenario's data it evaluates to the outcome of the scenario's RON file; the complaint
//! ledger gives facts and credit events; and a bad cell in every sheet is reported at its
//! sheet, row and column, all in one run.
//!
//! A test fills a template as a user would: `cogov template` writes it, calamine reads it back,
//! and a copy is written with rust_xlsxwriter, the data placed under the headers it names.

mod book;

use std::io::Read;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde_json::Value;

use crate::common::{Scratch, cogov_command, root, scenario, stderr, stdout};
use book::{Book, V, cogov_in, fill, text};

/// `cogov eval DATA --format json`, with a previous outcome when given; the outcome without
/// the digest of the data (a workbook's bytes are not the RON file's).
fn outcome(dir: &Path, data: &Path, previous: Option<&Path>) -> Value {
    let mut args = vec!["eval", data.to_str().unwrap(), "--format", "json"];
    if let Some(p) = previous {
        args.extend(["--previous", p.to_str().unwrap()]);
    }
    let out = cogov_in(dir, &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut json: Value = serde_json::from_slice(&out.stdout).unwrap();
    json["data"]["digest"] = Value::Null;
    json
}

/// The first place two JSON values differ, for a readable failure.
fn difference(a: &Value, b: &Value, at: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => x
            .keys()
            .chain(y.keys())
            .find_map(|k| {
                difference(
                    &x[k],
                    y.get(k).unwrap_or(&Value::Null),
                    &format!("{at}.{k}"),
                )
            })
            .or_else(|| (x.len() != y.len()).then(|| format!("{at}: keys differ"))),
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (p, q))| difference(p, q, &format!("{at}[{i}]"))),
        _ => (a != b).then(|| format!("{at}: {a} against {b}")),
    }
}

/// A shipped scenario's data file, filled into its sector's template, evaluates as the file
/// does (after its previous period, when given).
fn same_outcome_as_ron(data: &str, previous: Option<&str>) {
    let dir = tempfile::tempdir().unwrap();
    let ron = scenario(data);
    let previous = previous.map(|p| {
        let path = dir.path().join("previous.json");
        let out = cogov_in(
            dir.path(),
            &[
                "eval",
                scenario(p).to_str().unwrap(),
                "--format",
                "json",
                "-o",
                path.to_str().unwrap(),
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        path
    });
    let sector = cogov::DataFile::read(&ron).unwrap().sector().to_string();
    let overlay = Some(sector.as_str()).filter(|s| *s != "base");
    let set = cogov::PolicySet::load(&root().join("policies"), overlay).unwrap();
    let dataset = cogov::Dataset::load(&ron, &set).unwrap();
    let mut book = Book::template(dir.path(), &sector);
    fill(&mut book, &dataset);
    let filled = dir.path().join("协会.xlsx");
    book.save(&filled);
    let from_ron = outcome(dir.path(), &ron, previous.as_deref());
    let from_book = outcome(dir.path(), &filled, previous.as_deref());
    if let Some(diff) = difference(&from_ron, &from_book, "outcome") {
        panic!("{data}: the workbook's outcome differs at {diff}");
    }
}

#[test]
fn a_filled_template_of_the_well_run_association_evaluates_as_its_ron_file() {
    same_outcome_as_ron("well-run-association/2024.ron", None);
}

#[test]
fn a_filled_ceramics_template_with_members_and_sampling_evaluates_as_its_ron_file() {
    same_outcome_as_ron("sector-ceramics/2024.ron", None);
}

#[test]
fn a_filled_template_of_240_members_after_the_previous_period_evaluates_as_its_ron_file() {
    same_outcome_as_ron("ceramics-credit/2024.ron", Some("ceramics-credit/2023.ron"));
}

/// The data validations of a sheet of a written workbook, as XML elements.
fn validations(path: &Path, sheet: usize) -> Vec<String> {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{sheet}.xml"))
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml.split("<dataValidation ")
        .skip(1)
        .map(|v| v.split("</dataValidation>").next().unwrap().to_string())
        .collect()
}

#[test]
fn the_template_of_the_base_and_of_every_sector_has_its_sheets_headers_and_drop_downs() {
    let dir = tempfile::tempdir().unwrap();
    let mut sectors = cogov::known_sectors(&root().join("policies"));
    sectors.insert(0, "base".into());
    assert_eq!(sectors.len(), 8, "{sectors:?}");
    for sector in &sectors {
        let book = Book::template(dir.path(), sector);
        assert_eq!(
            book.names(),
            [
                "填写说明",
                "基本信息",
                "指标数据",
                "工作台账",
                "会员名录",
                "信用事件",
                "投诉台账"
            ],
            "{sector}"
        );
        assert_eq!(book.headers("基本信息"), ["项目", "填写内容", "说明"]);
        assert_eq!(
            book.headers("指标数据"),
            [
                "编号",
                "名称",
                "类型",
                "取值范围",
                "用于指标",
                "填写值",
                "说明"
            ]
        );
        assert_eq!(
            book.headers("工作台账"),
            [
                "编号",
                "指标",
                "类型",
                "日期",
                "标题",
                "文件或链接",
                "有效期至"
            ]
        );
        assert_eq!(
            book.headers("会员名录"),
            [
                "企业名称",
                "统一社会信用代码",
                "信用档案更新日期",
                "已落实措施"
            ]
        );
        assert_eq!(
            book.headers("信用事件"),
            [
                "编号",
                "统一社会信用代码",
                "企业名称",
                "日期",
                "类型",
                "级别",
                "产品",
                "不合格项目",
                "按时办结",
                "说明"
            ]
        );
        assert_eq!(
            book.headers("投诉台账"),
            [
                "编号",
                "受理日期",
                "办结日期",
                "是否核实",
                "涉及会员",
                "投诉内容"
            ]
        );
        let sector_row = &book.rows("基本信息")[2];
        assert_eq!(sector_row[..2], [text("所属行业"), text(sector.as_str())]);
        // Every fact has a row; the complaint facts feed C17 and come from the ledger.
        let facts = book.rows("指标数据");
        assert_eq!(facts.len(), 22, "{sector}: 21 facts and the header");
        let received = facts
            .iter()
            .find(|r| r[0] == text("complaints_received"))
            .unwrap();
        assert_eq!(received[1], text("受理消费投诉数"));
        assert_eq!(received[3], text("不小于 0 的整数"));
        assert!(
            matches!(&received[4], V::Text(t) if t.contains("C17 放心消费")),
            "{received:?}"
        );
        assert!(
            matches!(&received[6], V::Text(t) if t.contains("投诉台账")),
            "{received:?}"
        );
        let rate = facts
            .iter()
            .find(|r| r[0] == text("satisfaction_rate"))
            .unwrap();
        assert!(
            matches!(&rate[3], V::Text(t) if t.starts_with("0 到 1")),
            "{rate:?}"
        );
        assert_eq!(book.list("下拉选项：是/否"), ["是", "否"]);
        assert!(
            book.list("下拉选项：证据类型")
                .contains(&"任命文件".to_string())
        );
        assert_eq!(book.list("下拉选项：指标").len(), 22);
    }
    // The ceramics overlay's own evidence kind is offered in its template only.
    let ceramics = Book::open(&dir.path().join("模板-ceramics.xlsx"));
    let base = Book::open(&dir.path().join("模板-base.xlsx"));
    let kind = "抽查结果行业通报".to_string();
    assert!(ceramics.list("下拉选项：证据类型").contains(&kind));
    assert!(!base.list("下拉选项：证据类型").contains(&kind));
    // The evidence register offers indicators and kinds from the lists, hints every column
    // and checks its dates.
    let evidence = validations(&dir.path().join("模板-ceramics.xlsx"), 4);
    assert_eq!(evidence.len(), 7, "{evidence:?}");
    assert!(evidence[1].contains("type=\"list\"") && evidence[1].contains("'填写说明'!$E$2:$E$23"));
    assert!(evidence[2].contains("type=\"list\"") && evidence[2].contains("'填写说明'!$F$2"));
    assert!(evidence[3].contains("type=\"date\"") && evidence[3].contains("promptTitle=\"日期\""));
    assert!(evidence.iter().all(|v| v.contains("prompt=")));
    let complaints = validations(&dir.path().join("模板-ceramics.xlsx"), 7);
    assert!(
        complaints
            .iter()
            .any(|v| v.contains("type=\"list\"") && v.contains("sqref=\"D2:D1048576\""))
    );
}

#[test]
fn an_english_template_names_its_sheets_in_english_and_reads_as_a_chinese_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("template.xlsx");
    let out = cogov_in(
        dir.path(),
        &["template", "--lang", "en", "-o", "template.xlsx"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("Wrote the data template template.xlsx"),
        "{}",
        stdout(&out)
    );
    let mut book = Book::open(&path);
    assert_eq!(
        book.names(),
        [
            "Instructions",
            "Profile",
            "Facts",
            "Evidence",
            "Members",
            "Events",
            "Complaints"
        ]
    );
    assert_eq!(
        book.headers("Evidence"),
        [
            "Id",
            "Indicator",
            "Kind",
            "Date",
            "Title",
            "File or link",
            "Valid until"
        ]
    );
    book.set(
        "Profile",
        "Association name",
        "Value",
        text("佛山市模具行业协会"),
    );
    book.set(
        "Profile",
        "Credit code",
        "Value",
        text("51440600MJL100012B"),
    );
    book.set("Profile", "Period", "Value", text("2024"));
    book.set("Profile", "Start date", "Value", text("2024-01-01"));
    book.set("Profile", "End date", "Value", text("2024-12-31"));
    book.set("Facts", "liaison_meetings", "Value", V::Num(4.0));
    book.push(
        "Evidence",
        &[
            ("Id", text("E1")),
            ("Indicator", text("C1 Working body")),
            ("Kind", text("Appointment document")),
            ("Date", text("2024-01-08")),
            ("Title", text("关于成立质量共治工作小组的通知")),
        ],
    );
    book.save(&path);
    let json = outcome(dir.path(), &path, None);
    let c1 = &json["association"]["indicators"][0];
    assert_eq!(c1["id"], "C1");
    assert_eq!(c1["reasons"][0]["evidence"][0], "E1");
    assert_eq!(json["association"]["facts"]["liaison_meetings"], 4.0);
}

#[test]
fn the_template_is_written_under_its_default_name_and_never_over_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = cogov_in(dir.path(), &["template"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(dir.path().join("协会数据模板.xlsx").is_file());
    let again = cogov_in(dir.path(), &["template"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("已存在，未覆盖"),
        "{}",
        stderr(&again)
    );
    let forced = cogov_in(dir.path(), &["template", "--force"]);
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    let csv = cogov_in(dir.path(), &["template", "-o", "模板.csv"]);
    assert_eq!(csv.status.code(), Some(2));
    assert!(stderr(&csv).contains("`.xlsx`"), "{}", stderr(&csv));
}

const JIA: &str = "91440604MA4W00001Y";
const YI: &str = "91440604MA4W000022";

/// A base template with the profile, two members and a complaint ledger of four complaints:
/// two closed in time (one verified about 甲), one closed late (verified about 乙) and one
/// still open within its limit at the period end.
fn ledger_book(dir: &Path) -> Book {
    let mut book = Book::template(dir, "base");
    let profile = "基本信息";
    book.set(profile, "协会名称", "填写内容", text("佛山市陶瓷行业协会"));
    book.set(
        profile,
        "统一社会信用代码",
        "填写内容",
        text("51440604MJL300033F"),
    );
    book.set(profile, "评估期", "填写内容", text("2024"));
    book.set(
        profile,
        "开始日期",
        "填写内容",
        V::Date(Date::constant(2024, 1, 1)),
    );
    book.set(
        profile,
        "结束日期",
        "填写内容",
        V::Date(Date::constant(2024, 12, 31)),
    );
    for (name, code) in [("佛山市甲陶瓷有限公司", JIA), ("佛山市乙陶瓷有限公司", YI)]
    {
        book.push(
            "会员名录",
            &[("企业名称", text(name)), ("统一社会信用代码", text(code))],
        );
    }
    let complaints = [
        ("T1", (2024, 3, 1), Some((2024, 3, 20)), "否", ""),
        ("T2", (2024, 5, 6), Some((2024, 5, 10)), "是", JIA),
        // 45 working days after 2024-06-03 is 2024-08-05.
        ("T3", (2024, 6, 3), Some((2024, 9, 30)), "是", YI),
        ("T4", (2024, 12, 20), None, "否", ""),
    ];
    for (id, (y, m, d), closed, verified, member) in complaints {
        let mut cells = vec![
            ("编号", text(id)),
            ("受理日期", V::Date(Date::constant(y, m, d))),
            ("是否核实", text(verified)),
            ("涉及会员", text(member)),
            ("投诉内容", text("瓷砖空鼓")),
        ];
        if let Some((y, m, d)) = closed {
            cells.push(("办结日期", V::Date(Date::constant(y, m, d))));
        }
        book.push("投诉台账", &cells);
    }
    book
}

#[test]
fn the_complaint_ledger_counts_complaints_and_verified_ones_become_members_credit_events() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("协会.xlsx");
    ledger_book(dir.path()).save(&path);
    let json = outcome(dir.path(), &path, None);
    let facts = &json["association"]["facts"];
    assert_eq!(facts["complaints_received"], 4.0);
    assert_eq!(facts["complaints_on_time"], 2.0);
    let c17 = json["association"]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "C17")
        .unwrap();
    let reason = &c17["reasons"][0];
    assert_eq!(reason["code"], "reason-counted-from-ledger");
    assert_eq!(
        reason["text"],
        "受理投诉 4 件，按时办结率 50%（据投诉台账 4 条记录统计）"
    );
    assert_eq!(
        reason["text_en"],
        "4 complaints, 50% closed in time (counted from the complaint ledger, 4 entries)"
    );
    // The same counts and events typed by hand score the same.
    let typed = dir.path().join("协会.ron");
    std::fs::write(
        &typed,
        format!(
            r#"Association(
  profile: (name: "佛山市陶瓷行业协会", sector: "base", credit_code: "51440604MJL300033F"),
  period: (id: "2024", start: "2024-01-01", end: "2024-12-31"),
  facts: {{ "complaints_received": 4, "complaints_on_time": 2 }},
  members: [(code: "{JIA}", name: "佛山市甲陶瓷有限公司"), (code: "{YI}", name: "佛山市乙陶瓷有限公司")],
  events: [
    (id: "T2", member: "{JIA}", date: "2024-05-06", kind: "complaint_verified", on_time: true, detail: "瓷砖空鼓"),
    (id: "T3", member: "{YI}", date: "2024-06-03", kind: "complaint_verified", on_time: false, detail: "瓷砖空鼓"),
  ],
)"#
        ),
    )
    .unwrap();
    let by_hand = outcome(dir.path(), &typed, None);
    assert_eq!(
        json["association"]["score"],
        by_hand["association"]["score"]
    );
    assert_eq!(json["members"], by_hand["members"]);
    let scores: Vec<(&str, f64)> = json["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["id"].as_str().unwrap(), m["score"].as_f64().unwrap()))
        .collect();
    // A verified complaint costs 2; closed late, 1 more.
    assert_eq!(scores, [(JIA, 98.0), (YI, 97.0)]);
}

#[test]
fn a_sector_overlay_changes_the_complaint_time_limit_as_any_base_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("协会.xlsx");
    ledger_book(dir.path()).save(&path);
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "sectors/home-appliances/sector.ron",
        "  triggers: (change: {",
        "  ledgers: (complaints: (time_limit: Days(10))),\n  triggers: (change: {",
    );
    let policies = scratch.path().to_str().unwrap();
    let facts = |sector: &str| {
        let args = [
            "eval",
            "协会.xlsx",
            "--policies",
            policies,
            "--sector",
            sector,
            "--format",
            "json",
        ];
        let out = cogov_in(dir.path(), &args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        json["association"]["facts"]["complaints_on_time"].clone()
    };
    // T1 took 19 days: within 45 working days, not within 10 days.
    assert_eq!(facts("base"), 2.0);
    assert_eq!(facts("home-appliances"), 1.0);
}

#[test]
fn watch_serves_a_workbook_as_a_data_file() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    ledger_book(dir.path()).save(&dir.path().join("2024.xlsx"));
    let mut child = cogov_command()
        .current_dir(dir.path())
        .args([
            "watch",
            "--policies",
            root().join("policies").to_str().unwrap(),
            "2024.xlsx",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let mut seen = String::new();
    while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(line) if line.contains("正在监视") => break,
            Ok(line) => seen.push_str(&format!("{line}\n")),
            Err(_) => break,
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(seen.contains("佛山市陶瓷行业协会"), "{seen}");
}

#[test]
fn a_workbook_is_data_to_compare_replay_and_archive_as_a_file_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2024.xlsx");
    ledger_book(dir.path()).save(&path);
    let compared = cogov_in(dir.path(), &["compare", "2024.xlsx"]);
    assert_eq!(compared.status.code(), Some(0), "{}", stderr(&compared));
    assert!(
        stdout(&compared).contains("佛山市陶瓷行业协会"),
        "{}",
        stdout(&compared)
    );
    let recorded = cogov_in(
        dir.path(),
        &["archive", "record", "2024.xlsx", "--db", "a.sqlite"],
    );
    assert_eq!(recorded.status.code(), Some(0), "{}", stderr(&recorded));
    let scenario = dir.path().join("scenario.ron");
    std::fs::write(
        scenario,
        r#"Scenario(title: "投诉台账", steps: [
  Eval(data: "2024.xlsx"),
  Expect(members: {"91440604MA4W000022": (score: 97, grade: "B")}),
])"#,
    )
    .unwrap();
    let replayed = cogov_command()
        .current_dir(dir.path())
        .env("COGOV_POLICIES", root().join("policies"))
        .args(["replay", "."])
        .output()
        .unwrap();
    assert_eq!(
        replayed.status.code(),
        Some(0),
        "{}{}",
        stdout(&replayed),
        stderr(&replayed)
    );
}

/// A template filled in with a mistake in every sheet.
fn broken_book(dir: &Path) -> PathBuf {
    let mut book = ledger_book(dir);
    // The association's credit code has the wrong check character.
    book.set(
        "基本信息",
        "统一社会信用代码",
        "填写内容",
        text("51440604MJL300033X"),
    );
    book.set("指标数据", "liaison_meetings", "填写值", text("十二"));
    book.set("指标数据", "duties_assigned", "填写值", text("有"));
    book.set("指标数据", "satisfaction_rate", "填写值", V::Num(1.5));
    // Given by the ledger and the roster, which have entries.
    book.set("指标数据", "complaints_received", "填写值", V::Num(3.0));
    book.set("指标数据", "members_total", "填写值", V::Num(2.0));
    let evidence = [
        ("E1", "C1", "任命文件", text("2024-01-08")),
        ("E2", "C1", "任命文", text("2024-01-08")),
        (
            "E3",
            "C2 有效运作",
            "communication_channel",
            V::Date(Date::constant(2023, 5, 1)),
        ),
        ("E4", "C23", "任命文件", text("2024-02-01")),
        ("E1", "C9", "实施过程记录", text("2024-12-30")),
        ("E5", "C3", "incentive_rule", text("2024-02-30")),
    ];
    for (id, indicator, kind, date) in evidence {
        book.push(
            "工作台账",
            &[
                ("编号", text(id)),
                ("指标", text(indicator)),
                ("类型", text(kind)),
                ("日期", date),
                ("标题", text("文件")),
            ],
        );
    }
    book.push(
        "会员名录",
        &[
            ("企业名称", text("佛山市丙陶瓷有限公司")),
            ("统一社会信用代码", text("91440604MA4W000036")),
        ],
    );
    book.push(
        "信用事件",
        &[
            ("编号", text("S1")),
            ("统一社会信用代码", text(JIA)),
            ("日期", text("2024-05-01")),
            ("类型", text("抽查不合格")),
        ],
    );
    let complaints = [
        ("T5", (2024, 3, 1), Some((2024, 2, 1)), "否", ""),
        (
            "T6",
            (2024, 4, 1),
            Some((2024, 4, 2)),
            "是",
            "91440604MA4W000035",
        ),
        ("T7", (2025, 1, 5), None, "否", ""),
    ];
    for (id, (y, m, d), closed, verified, member) in complaints {
        let mut cells = vec![
            ("编号", text(id)),
            ("受理日期", V::Date(Date::constant(y, m, d))),
            ("是否核实", text(verified)),
            ("涉及会员", text(member)),
        ];
        if let Some((y, m, d)) = closed {
            cells.push(("办结日期", V::Date(Date::constant(y, m, d))));
        }
        book.push("投诉台账", &cells);
    }
    book.sheets
        .push(("Sheet1".into(), vec![vec![text("备注")]]));
    let path = dir.join("协会.xlsx");
    book.save(&path);
    path
}

#[test]
fn a_bad_cell_in_every_sheet_is_reported_at_its_sheet_row_and_column_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    broken_book(dir.path());
    let run = |lang: &str| {
        let out = cogov_in(dir.path(), &["eval", "协会.xlsx", "--lang", lang]);
        assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
        stderr(&out)
    };
    let zh = run("zh");
    for place in [
        "工作表 `Sheet1`",
        "工作表 `基本信息` 第 4 行 `填写内容` 列",
        "工作表 `指标数据`",
        "工作表 `工作台账` 第 3 行 `类型` 列",
        "工作表 `工作台账` 第 4 行 `日期` 列",
        "工作表 `会员名录` 第 4 行",
        "工作表 `信用事件` 第 2 行 `类型` 列",
        "工作表 `投诉台账` 第 6 行 `办结日期` 列",
        "工作表 `投诉台账` 第 7 行 `涉及会员` 列",
    ] {
        assert!(zh.contains(place), "{place} not in\n{zh}");
    }
    insta::assert_snapshot!(format!("---- zh ----\n{zh}---- en ----\n{}", run("en")));
}

#[test]
fn a_table_given_as_the_data_is_told_it_is_not_a_data_template() {
    // A roster workbook: its sheet is named as the template's roster sheet, but it has no
    // profile sheet.
    let out = cogov_command()
        .args(["eval", "scenarios/messy-import/会员名录.xlsx"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("工作簿中没有“基本信息”工作表，不是协会数据模板"),
        "{err}"
    );
    assert!(err.contains("表格请放在协会数据文件之后"), "{err}");
}
