//! Terminal tables at a given width, and the JSON and CSV forms of `show`, `explain` and
//! `archive`: a wide case (the ceramics scenario under the shipped policies) fits in 100
//! columns without splitting a date, a credit code or a number.

use std::path::Path;

use unicode_width::UnicodeWidthStr;

use crate::common::{
    Scratch, cogov_command, move_a_point_from_c20_to_c21, scenario, stderr, stdout,
};

const DATA: &str = "ceramics-credit/2024.ron";
const MEMBER: &str = "91440604J60TWXBXFQ";

fn run_at(columns: &str, args: &[&str]) -> String {
    let out = cogov_command()
        .env("COLUMNS", columns)
        .args(args)
        .output()
        .expect("run cogov");
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

fn run(args: &[&str]) -> String {
    run_at("100", args)
}

/// Every `dddd-dd-dd` in a text.
fn dates(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let shape = |w: &[u8]| {
        w.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
    };
    let mut out: Vec<String> = b
        .windows(10)
        .filter(|w| shape(w))
        .map(|w| String::from_utf8(w.to_vec()).unwrap())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The credit codes of the outcome's members.
fn codes(outcome: &serde_json::Value) -> Vec<String> {
    outcome["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect()
}

/// Runs of letters, digits, `-`, `.`, `/` and `%`: what must never be split.
fn runs(line: &str) -> Vec<&str> {
    line.split(|c: char| !(c.is_ascii_alphanumeric() || "-./%".contains(c)))
        .filter(|r| !r.is_empty())
        .collect()
}

/// No line wider than `width`; every value that appears in the text appears whole on a line,
/// and no line holds a piece of one (a proper prefix or suffix of five characters or more).
fn check(text: &str, width: usize, values: &[String]) {
    for line in text.lines() {
        assert!(
            line.width() <= width,
            "wider than {width}: {line:?}\n{text}"
        );
    }
    for line in text.lines() {
        for run in runs(line) {
            for v in values {
                let piece = run.len() >= 5
                    && run.len() < v.len()
                    && (v.starts_with(run) || v.ends_with(run))
                    && !run.contains(v.as_str());
                assert!(!piece, "`{v}` is split: {line:?}\n{text}");
            }
        }
    }
}

fn outcome_json(data: &Path) -> (String, serde_json::Value) {
    let json = run(&["eval", data.to_str().unwrap(), "--format", "json"]);
    let value = serde_json::from_str(&json).unwrap();
    (json, value)
}

#[test]
fn every_table_fits_100_columns_and_splits_no_date_code_or_number() {
    let data = scenario(DATA);
    let data = data.to_str().unwrap();
    let (json, outcome) = outcome_json(Path::new(data));
    let mut values = dates(&json);
    values.extend(codes(&outcome));
    assert!(values.len() > 100, "{values:?}");

    let eval = run(&["eval", data, "--all"]);
    check(&eval, 100, &values);
    // Every member warning is listed whole with --all, each code on a line of its own row.
    for m in outcome["members"].as_array().unwrap() {
        if !m["warnings"].as_array().unwrap().is_empty() {
            let code = m["id"].as_str().unwrap();
            assert!(eval.lines().any(|l| l.starts_with(code)), "{code}\n{eval}");
        }
    }
    for date in dates(&eval) {
        assert!(eval.contains(&date));
    }
    // `show`: its tables and the list of the sector's changes, each wrapped under its words.
    let show = run(&["show", "--sector", "ceramics"]);
    assert!(show.contains("\n本行业的修改"), "{show}");
    check(&show, 100, &values);
    let explained = run(&["explain", data, "--member", MEMBER]);
    check(&explained, 100, &values);
    for date in ["2023-03-06", "2023-06-20", "2024-06-08", "2024-11-15"] {
        assert!(explained.contains(date), "{explained}");
    }
    check(&run(&["explain", data, "--indicator", "C17"]), 100, &values);

    let scratch = Scratch::copy_of_shipped();
    move_a_point_from_c20_to_c21(&scratch);
    let diff = run(&[
        "diff",
        "--from",
        "policies",
        "--to",
        scratch.path().to_str().unwrap(),
        data,
    ]);
    check(&diff, 100, &values);

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("outcome.json");
    std::fs::write(&file, &json).unwrap();
    let db = dir.path().join("archive.sqlite");
    let db = db.to_str().unwrap();
    run(&["archive", "record", data, "--db", db]);
    let list = run(&["archive", "list", "--period", "2024", "--db", db]);
    check(&list, 100, &values);
    for code in codes(&outcome) {
        assert!(list.contains(&code), "{code}");
    }
    let history = run(&["archive", "history", MEMBER, "--db", db]);
    check(&history, 100, &values);

    // Narrower still: 60 columns.
    check(&run_at("60", &["eval", data]), 60, &values);
    check(
        &run_at("60", &["archive", "list", "--period", "2024", "--db", db]),
        60,
        &values,
    );
}

#[test]
fn show_explain_and_archive_as_json_and_csv() {
    let data = scenario(DATA);
    let data = data.to_str().unwrap();

    let show: serde_json::Value =
        serde_json::from_str(&run(&["show", "--sector", "ceramics", "--format", "json"])).unwrap();
    assert_eq!(show["schema"], "cogov.show/1");
    assert_eq!(show["sector"], "ceramics");
    let c11 = show["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "C11")
        .unwrap();
    assert_eq!(c11["changed"], "*");
    assert_eq!(c11["points"], 6.0);
    assert_eq!(c11["depth"], 2);
    assert!(show["changes"].as_array().unwrap().len() > 3);
    assert!(show["credit"]["events"].as_array().unwrap().len() > 3);

    let csv = run(&["show", "--sector", "ceramics", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(reader.headers().unwrap().get(0), Some("table"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(
        rows.iter()
            .any(|r| &r[0] == "indicators" && &r[2] == "C11" && &r[1] == "*")
    );
    assert!(
        rows.iter()
            .any(|r| &r[0] == "credit_events" && &r[2] == "sampling_fail")
    );

    let member: serde_json::Value = serde_json::from_str(&run(&[
        "explain", data, "--member", MEMBER, "--format", "json",
    ]))
    .unwrap();
    assert_eq!(member["schema"], "cogov.explain/1");
    assert_eq!(member["member"]["id"], MEMBER);
    assert_eq!(member["member"]["grade"], "D");
    assert!(member["member"]["reasons"].as_array().unwrap().len() > 3);

    let indicator: serde_json::Value = serde_json::from_str(&run(&[
        "explain",
        data,
        "--indicator",
        "C17",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(indicator["indicator"]["id"], "C17");
    assert_eq!(
        indicator["indicator"]["reasons"].as_array().unwrap().len(),
        4
    );

    let csv = run(&[
        "explain", data, "--member", MEMBER, "--format", "csv", "--lang", "en",
    ]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["Event", "Points", "Why"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // Points stay numbers, not text a spreadsheet must be told about.
    assert!(
        rows.iter()
            .any(|r| &r[0] == "CR2023-0252" && &r[1] == "-25"),
        "{csv}"
    );

    // A company whose name looks like a formula is quoted out in CSV.
    // The archive records data, re-evaluated: two members' names in the data are formulas.
    let (_, outcome) = outcome_json(Path::new(data));
    let mut text = std::fs::read_to_string(data).unwrap();
    for (member, name) in [
        (0, "=HYPERLINK(\\\"http://x\\\",\\\"y\\\")"),
        (1, "@SUM(1+1)"),
    ] {
        let old = outcome["members"][member]["name"].as_str().unwrap();
        text = text.replacen(&format!("\"{old}\""), &format!("\"{name}\""), 1);
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("2024.ron");
    std::fs::write(&file, text).unwrap();
    let db = dir.path().join("archive.sqlite");
    let db = db.to_str().unwrap();
    run(&["archive", "record", file.to_str().unwrap(), "--db", db]);
    let csv = run(&[
        "archive", "list", "--period", "2024", "--db", db, "--format", "csv",
    ]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), outcome["members"].as_array().unwrap().len());
    let names: Vec<&str> = rows.iter().map(|r| r.get(1).unwrap()).collect();
    assert!(names.contains(&"'=HYPERLINK(\"http://x\",\"y\")"), "{csv}");
    assert!(names.contains(&"'@SUM(1+1)"), "{csv}");
    assert!(!names.iter().any(|n| n.starts_with(['=', '@'])), "{csv}");

    let list: serde_json::Value = serde_json::from_str(&run(&[
        "archive", "list", "--period", "2024", "--db", db, "--format", "json",
    ]))
    .unwrap();
    assert_eq!(list["schema"], "cogov.archive/1");
    assert_eq!(list["period"], "2024");
    let code = outcome["members"][2]["id"].as_str().unwrap();
    let history: serde_json::Value = serde_json::from_str(&run(&[
        "archive", "history", code, "--db", db, "--format", "json",
    ]))
    .unwrap();
    assert_eq!(history["member"], code);
    assert_eq!(history["records"][0]["credit"]["id"], code);
    assert!(history["records"][0]["credit"]["reasons"].is_array());
    let csv = run(&["archive", "history", code, "--db", db, "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(reader.records().count(), 1);
}
