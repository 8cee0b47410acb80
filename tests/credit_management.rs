//! Indicator C8 (质量信用管理机制) as the standard means it — archives kept current, restrictions
//! applied where grades called for them — and sector credit warnings (行业质量信用预警) dated
//! and shown in every report.

use crate::common::{cogov, scenario, stderr, stdout};

/// `cogov eval` of a scenario file in a format, its standard output.
fn eval_as(data: &str, format: &str) -> String {
    let path = scenario(data);
    let out = cogov(&["eval", path.to_str().unwrap(), "--format", format]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn sector_warnings_carry_their_date_and_appear_in_every_format() {
    // Lighting: two of six members graded C or D, over the 30 % line.
    let json: serde_json::Value =
        serde_json::from_str(&eval_as("sector-lighting/2024.ron", "json")).unwrap();
    let warning = &json["warnings"][0];
    assert_eq!(warning["date"], "2024-12-31", "{warning}");
    assert_eq!(warning["count"], 2, "{warning}");
    assert_eq!(warning["subject"], "C/D", "{warning}");
    let sentence = "失信风险及严重失信成员占比超过三成：2/6 家（33.33%）评为 C/D，超过 30%";
    let md = eval_as("sector-lighting/2024.ron", "md");
    assert!(md.contains("\n## 行业质量信用预警\n"), "{md}");
    assert!(
        md.contains(&format!(
            "| 2024-12-31 | {sentence} | C/D | 2 | 33.33% | 30% |\n"
        )),
        "{md}"
    );
    let html = eval_as("sector-lighting/2024.ron", "html");
    assert!(html.contains("<h2>行业质量信用预警</h2>"), "{html}");
    assert!(
        html.contains(&format!(
            "<tr><td>2024-12-31</td><td>{sentence}</td><td>C/D</td><td class=\"n\">2</td>\
             <td class=\"n\">33.33%</td><td class=\"n\">30%</td></tr>"
        )),
        "{html}"
    );
    let table = cogov(&[
        "eval",
        scenario("sector-lighting/2024.ron").to_str().unwrap(),
        "--lang",
        "en",
    ]);
    let table = stdout(&table);
    let section = table.split("Sector credit warnings").nth(1).unwrap();
    assert!(section.contains("As of"), "{table}");
    assert!(section.contains("2024-12-31"), "{table}");
}

#[test]
fn a_report_without_warnings_says_so_and_one_without_a_roster_has_no_warnings_section() {
    let md = eval_as("sector-coatings/2024.ron", "md");
    assert!(md.contains("\n## 行业质量信用预警\n\n无\n"), "{md}");
    let md = eval_as("well-run-association/2024.ron", "md");
    assert!(!md.contains("行业质量信用预警"), "{md}");
    let html = eval_as("well-run-association/2024.ron", "html");
    assert!(!html.contains("行业质量信用预警"), "{html}");
}

#[test]
fn an_outcome_written_before_warnings_were_dated_still_reads() {
    let json = eval_as("sector-lighting/2024.ron", "json");
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    for w in value["warnings"].as_array_mut().unwrap() {
        let w = w.as_object_mut().unwrap();
        w.remove("date");
        w.remove("count");
    }
    let outcome: cogov::Outcome = serde_json::from_value(value).expect("reads");
    assert_eq!(outcome.warnings[0].date, "");
    assert_eq!(outcome.warnings[0].count, 0);
}
