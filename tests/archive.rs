//! The credit archive: evaluations are appended and read back by member, association and
//! period, never rewritten; an outcome is archived only as its data evaluates; corrections
//! supersede; the hash chain finds edits made behind the program's back; a record interrupted
//! mid-write leaves the archive as it was; and an evaluation can take its previous outcome and
//! members' earlier grades from it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use cogov::Archive;
use cogov::DataFile;
use cogov::credit_code::with_check;
use cogov::{Dataset, Outcome, PolicySet};

use crate::common::{cogov_command, policies, scenario, stderr, stdout};

const JINLING: &str = "91440604MA4W000022";
const HENGSHUN: &str = "91440604MA4W00001Y";

/// The messy-import scenario's 2024 data with its corrected tables, as `archive record` and
/// `eval` take them.
fn data_2024() -> Vec<String> {
    let folder = scenario("messy-import");
    ["2024.ron", "会员名录-更正.xlsx", "抽查结果-更正.csv"]
        .iter()
        .map(|f| folder.join(f).display().to_string())
        .collect()
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// The ceramics association's 2024 outcome, from the corrected tables of the messy-import
/// scenario under the ceramics overlay: ten members, 金岭 graded D after two failed samplings of
/// the same product.
fn outcome_2024() -> Outcome {
    let folder = scenario("messy-import");
    let file = DataFile::read(&folder.join("2024.ron")).unwrap();
    let policies = PolicySet::load(&policies(), Some(file.sector())).unwrap();
    let tables = [
        folder.join("会员名录-更正.xlsx"),
        folder.join("抽查结果-更正.csv"),
    ];
    let data = Dataset::check_with_tables(file, &tables, &policies).unwrap();
    cogov::evaluate(&policies, &data, None).unwrap()
}

/// The same association in 2023: two of its members on the roster, no events, both graded A.
pub const ASSOCIATION_2023: &str = r#"Association(
  profile: (name: "佛山市陶瓷行业协会", sector: "base", credit_code: "51440604MJL300033F"),
  period: (id: "2023", start: "2023-01-01", end: "2023-12-31"),
  facts: { "duties_assigned": true },
  members: [
    (code: "91440604MA4W00001Y", name: "佛山市恒顺陶瓷有限公司"),
    (code: "91440604MA4W000022", name: "佛山市金岭建材有限公司"),
  ],
)"#;

struct Place {
    dir: tempfile::TempDir,
}

impl Place {
    fn new() -> Place {
        Place {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn db(&self) -> PathBuf {
        self.path("archive.sqlite")
    }

    /// Writes an outcome as `cogov eval --format json` does.
    fn write(&self, name: &str, outcome: &Outcome) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, outcome.to_json()).unwrap();
        path
    }

    /// Runs cogov in this folder.
    fn cogov(&self, args: &[&str]) -> Output {
        cogov_command()
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .unwrap()
    }

    /// `cogov archive record ARGS… --db archive.sqlite`.
    fn record(&self, args: &[&str]) -> Output {
        let db = self.db();
        let mut all = vec!["archive", "record"];
        all.extend(args);
        all.extend(["--db", db.to_str().unwrap()]);
        self.cogov(&all)
    }

    /// `cogov eval DATA… --format json -o NAME`, the outcome's path.
    fn eval_json(&self, data: &[&str], name: &str) -> PathBuf {
        let path = self.path(name);
        let mut args = vec!["eval"];
        args.extend(data);
        args.extend(["--format", "json", "-o", path.to_str().unwrap()]);
        self.ok(&args);
        path
    }

    /// The 2023 data of two members of the ceramics association, written here.
    fn data_2023(&self) -> String {
        let path = self.path("2023.ron");
        std::fs::write(&path, ASSOCIATION_2023).unwrap();
        path.display().to_string()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.cogov(args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out)
    }
}

/// Every row of the archive, as text, in a fixed order.
fn dump(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut rows = Vec::new();
    let mut runs = conn
        .prepare("SELECT id, association_id, period, data_digest, outcome_digest, recorded_at FROM run ORDER BY id")
        .unwrap();
    let found = runs.query_map([], |r| {
        Ok(format!(
            "run {} {} {} {} {} {}",
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?
        ))
    });
    rows.extend(found.unwrap().map(Result::unwrap));
    for table in ["credit", "wording"] {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2, 3"))
            .unwrap();
        let columns = stmt.column_count();
        let found = stmt.query_map([], |r| {
            let values: Vec<rusqlite::types::Value> =
                (0..columns).map(|i| r.get(i)).collect::<Result<_, _>>()?;
            Ok(format!("{table} {values:?}"))
        });
        rows.extend(found.unwrap().map(Result::unwrap));
    }
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    rows
}

#[test]
fn a_run_is_recorded_once_and_read_back_by_member_and_by_period() {
    let place = Place::new();
    let data = data_2024();
    let first = place.record(&strs(&data));
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert!(
        stdout(&first).starts_with("已记录第 1 次运行：佛山市陶瓷行业协会 2024，10 家成员，存于 "),
        "{}",
        stdout(&first)
    );
    let archived = dump(&place.db());
    let mut args = strs(&data);
    args.extend(["--lang", "en"]);
    let again = place.record(&args);
    assert_eq!(
        again.status.code(),
        Some(0),
        "recording twice is not an error"
    );
    assert!(
        stdout(&again).starts_with("already archived as run #1 (recorded "),
        "{}",
        stdout(&again)
    );
    assert!(
        stdout(&again).ends_with("佛山市陶瓷行业协会 2024; nothing written\n"),
        "{}",
        stdout(&again)
    );
    assert_eq!(
        dump(&place.db()),
        archived,
        "nothing was written the second time"
    );

    let db = place.db();
    let history = place.ok(&["archive", "history", JINLING, "--db", db.to_str().unwrap()]);
    assert!(
        history.starts_with("佛山市金岭建材有限公司（91440604MA4W000022）信用档案\n"),
        "{history}"
    );
    assert!(history.contains("2024 #1 信用分明细（政策 "), "{history}");
    assert!(
        history.contains("  -10  同一产品多次抽查不合格：陶瓷砖（2 次）\n"),
        "{history}"
    );

    let list = place.ok(&[
        "archive",
        "list",
        "--period",
        "2024",
        "--db",
        db.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert!(
        list.starts_with("Member credit 2024: 1 association(s), 10 member(s)\n"),
        "{list}"
    );
    assert!(
        list.contains("51440604MJL300033F"),
        "the association is listed: {list}"
    );
    assert!(list.contains("\n91440604MA4W00001Y  "), "{list}");
    let none = place.ok(&[
        "archive",
        "list",
        "--period",
        "2023",
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(none.contains("中没有期间 `2023` 的记录"), "{none}");
    assert!(none.ends_with("；已存档的期间：2024\n"), "{none}");
}

/// `archive history` named events by id only ("抽查结果-更正-4  -25"): each credit row now
/// keeps the description of every event its account refers to.
#[test]
fn archive_history_cannot_say_what_an_event_was() {
    let place = Place::new();
    place.record(&strs(&data_2024()));
    let db = place.db();
    let wide = |args: &[&str]| {
        let out = cogov_command()
            .args(args)
            .env("COLUMNS", "1000")
            .current_dir(place.dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out)
    };
    let history = wide(&["archive", "history", JINLING, "--db", db.to_str().unwrap()]);
    let line = history
        .lines()
        .find(|l| l.starts_with("抽查结果-更正-4 "))
        .unwrap_or_else(|| panic!("{history}"));
    assert!(line.contains("-25"), "{line}");
    assert!(line.contains("监督抽查不合格"), "{line}");
    assert!(line.contains("陶瓷砖"), "{line}");
    let english = wide(&[
        "archive",
        "history",
        JINLING,
        "--db",
        db.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    let line = english
        .lines()
        .find(|l| l.starts_with("抽查结果-更正-4 "))
        .unwrap();
    assert!(line.contains("ampling"), "{line}");
    let json: serde_json::Value = serde_json::from_str(&wide(&[
        "archive",
        "history",
        JINLING,
        "--db",
        db.to_str().unwrap(),
        "--format",
        "json",
    ]))
    .unwrap();
    let described = &json["records"][0]["events"]["抽查结果-更正-4"];
    assert!(
        described["zh"].as_str().unwrap().contains("陶瓷砖"),
        "{described}"
    );
}

#[test]
fn the_archive_is_in_the_current_folder_unless_told_otherwise() {
    let place = Place::new();
    let mut args = vec!["archive", "record"];
    let data = data_2024();
    args.extend(strs(&data));
    let out = place.cogov(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(place.path("cogov-archive.sqlite").is_file());
    let help = place.ok(&["archive", "record", "--help"]);
    assert!(
        help.contains("默认：当前文件夹中的 cogov-archive.sqlite"),
        "{help}"
    );
    let help = place.ok(&["archive", "record", "--help", "--lang", "en"]);
    assert!(
        help.contains("default: cogov-archive.sqlite in the current folder"),
        "{help}"
    );
}

#[test]
fn archived_records_are_never_rewritten() {
    let place = Place::new();
    place.record(&strs(&data_2024()));
    let conn = rusqlite::Connection::open(place.db()).unwrap();
    for sql in [
        "UPDATE credit SET grade = 'A'",
        "DELETE FROM credit",
        "UPDATE run SET period = '2023'",
        "DELETE FROM run",
    ] {
        let refused = conn.execute(sql, []).expect_err(sql).to_string();
        assert!(
            refused.contains("the credit archive is append-only"),
            "{sql}: {refused}"
        );
    }
}

/// A member changed from D/39 to A/120 in the outcome file was archived with exit 0, and the
/// genuine outcome recorded afterwards was refused: the forgery was permanent. Now the data is
/// re-evaluated and an outcome given with `--outcome` must equal it.
#[test]
fn a_hand_edited_outcome_is_archived_and_locks_out_the_genuine_one() {
    let place = Place::new();
    let data = data_2024();
    let genuine = place.eval_json(&strs(&data), "2024.json");
    let mut forged = Outcome::load(&genuine).unwrap();
    let jinling = forged.members.iter_mut().find(|m| m.id == JINLING).unwrap();
    assert_eq!((jinling.grade.as_str(), jinling.score), ("D", 50.0));
    jinling.grade = "A".into();
    jinling.score = 120.0;
    let forged = place.write("forged.json", &forged);

    let mut args = strs(&data);
    args.extend(["--outcome", forged.to_str().unwrap()]);
    let out = place.record(&args);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("forged.json"), "{err}");
    assert!(
        err.contains("此评估结果与其数据得出的结果不符：成员 `91440604MA4W000022`（佛山市金岭建材有限公司）不同：文件中为 120 A，重新评估为 50 D"),
        "{err}"
    );
    assert!(err.contains("未写入任何内容"), "{err}");
    assert!(
        !place.db().exists(),
        "nothing was written, not even an empty archive"
    );

    // An outcome alone, in the place of the data, is refused with the form that re-evaluates.
    let out = place.record(&[forged.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .contains("this file is an outcome, not data: an outcome alone cannot be trusted"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("cogov archive record DATA [TABLE…]"),
        "{}",
        stderr(&out)
    );

    let mut args = strs(&data);
    args.extend(["--outcome", genuine.to_str().unwrap()]);
    let out = place.record(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let db = place.db();
    let history = place.ok(&["archive", "history", JINLING, "--db", db.to_str().unwrap()]);
    assert!(history.contains("D 严重失信"), "{history}");
}

#[test]
fn an_association_total_that_differs_is_named_with_both_digests() {
    let place = Place::new();
    let data = data_2024();
    let genuine = place.eval_json(&strs(&data), "2024.json");
    let mut edited = Outcome::load(&genuine).unwrap();
    edited.association.score += 10.0;
    let edited = place.write("edited.json", &edited);
    let mut args = strs(&data);
    args.extend(["--outcome", edited.to_str().unwrap(), "--lang", "en"]);
    let out = place.record(&args);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("the association total differs: "), "{err}");
    assert!(err.contains("(outcome digest "), "{err}");
    assert!(err.contains(", re-evaluation "), "{err}");
}

/// Recording a run made without `--previous` refused the correct run made with it ("already
/// archives … with other results"): the previous outcome is part of a run's identity now, and
/// the later run is a correction of the earlier one.
#[test]
fn a_run_without_previous_locks_out_the_run_with_it() {
    let place = Place::new();
    let folder = scenario("ceramics-credit");
    let (d2023, d2024) = (folder.join("2023.ron"), folder.join("2024.ron"));
    let previous = place.eval_json(&[d2023.to_str().unwrap()], "2023.json");
    let first = place.record(&[d2024.to_str().unwrap()]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));

    let with = [
        d2024.to_str().unwrap(),
        "--previous",
        previous.to_str().unwrap(),
    ];
    let out = place.record(&with);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(
        err.contains("第 1 次运行已是 佛山市禅城区陶瓷行业协会 2024 的当前运行，它由不同的输入评估得出：上期结果当时为 无，此次为 "),
        "{err}"
    );
    assert!(err.contains("--supersedes 1 --reason"), "{err}");

    let mut correction = with.to_vec();
    correction.extend([
        "--supersedes",
        "1",
        "--reason",
        "补录 2023 年评估结果后重新评估",
    ]);
    let out = place.record(&correction);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("已记录第 2 次运行（更正第 1 次运行）："),
        "{}",
        stdout(&out)
    );
    // A correction of a run that is no longer current is refused.
    let mut again = with.to_vec();
    again.extend(["--supersedes", "1", "--reason", "再次"]);
    let db = place.db();
    let out = place.cogov(&{
        let mut a = vec!["archive", "record"];
        a.extend(&again);
        a.extend(["--db", db.to_str().unwrap()]);
        a
    });
    assert_eq!(
        out.status.code(),
        Some(0),
        "the same identity again is a no-op"
    );
    assert!(
        stdout(&out).starts_with("已作为第 2 次运行存档"),
        "{}",
        stdout(&out)
    );

    let list = place.ok(&[
        "archive",
        "list",
        "--period",
        "2024",
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(list.contains("#2（更正 #1）"), "{list}");
    assert!(
        !list.contains("#1（"),
        "only the current run is listed: {list}"
    );
    let history = place.ok(&[
        "archive",
        "history",
        "51440604MJL600561G",
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(history.contains("#1（已被 #2 更正）"), "{history}");
    assert!(
        history.contains("已被第 2 次运行更正：补录 2023 年评估结果后重新评估"),
        "{history}"
    );
    assert!(
        history.contains("更正第 1 次运行：补录 2023 年评估结果后重新评估"),
        "{history}"
    );
}

/// Editing the database with the triggers dropped went unnoticed: `archive verify` recomputes
/// the hash chain and names what no longer matches.
#[test]
fn editing_the_database_after_dropping_its_triggers_goes_unnoticed() {
    let place = Place::new();
    place.record(&[&place.data_2023()]);
    place.record(&strs(&data_2024()));
    let db = place.db();
    let intact = place.ok(&["archive", "verify", "--db", db.to_str().unwrap()]);
    assert!(
        intact.contains("完好：已校验 2 次运行、12 条成员记录；最后的哈希 "),
        "{intact}"
    );

    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "DROP TRIGGER credit_is_append_only_update;
         UPDATE credit SET score = 120, grade = 'A' WHERE member = '91440604MA4W000022' AND run = 2;",
    )
    .unwrap();
    let out = place.cogov(&["archive", "verify", "--db", db.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("第 2 次运行：成员 `91440604MA4W000022` 的记录在存档后被修改"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("archive.sqlite"),
        "located in the file"
    );

    // A deleted run breaks the chain where it was.
    let place = Place::new();
    place.record(&[&place.data_2023()]);
    place.record(&strs(&data_2024()));
    let db = place.db();
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "DROP TRIGGER run_is_append_only_delete; DROP TRIGGER credit_is_append_only_delete;
         DROP TRIGGER wording_is_append_only_delete;
         DELETE FROM credit WHERE run = 1; DELETE FROM wording WHERE run = 1;
         DELETE FROM run WHERE id = 1;",
    )
    .unwrap();
    let out = place.cogov(&[
        "archive",
        "verify",
        "--db",
        db.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("run 1 was deleted (the chain goes on at run 2)"),
        "{}",
        stderr(&out)
    );
    // A changed run column, and a deleted row.
    conn.execute_batch(
        "DROP TRIGGER run_is_append_only_update;
         UPDATE run SET period_end = '2024-06-30' WHERE id = 2;",
    )
    .unwrap();
    let out = place.cogov(&[
        "archive",
        "verify",
        "--db",
        db.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert!(
        stderr(&out).contains("run 2: the run was changed after it was archived"),
        "{}",
        stderr(&out)
    );
    conn.execute(
        "DELETE FROM credit WHERE run = 2 AND member = ?1",
        [HENGSHUN],
    )
    .unwrap();
    let out = place.cogov(&[
        "archive",
        "verify",
        "--db",
        db.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert!(
        stderr(&out).contains("run 2: 10 member records were archived, 9 are there"),
        "{}",
        stderr(&out)
    );
}

/// `--archive` dropped every 7.4 d action (ceramics 2024: 9 actions → 4; 8 since C8 counts
/// archives kept rather than events, and no longer declines): the association's evaluations
/// are archived now, and the previous outcome is rebuilt from the archive.
#[test]
fn eval_with_the_archive_drops_every_7_4_d_action() {
    let place = Place::new();
    let folder = scenario("ceramics-credit");
    let (d2023, d2024) = (folder.join("2023.ron"), folder.join("2024.ron"));
    let previous = place.eval_json(&[d2023.to_str().unwrap()], "2023.json");
    let out = place.record(&[d2023.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let db = place.db();
    let triggers = |args: &[&str]| -> Vec<serde_json::Value> {
        let mut all = vec!["eval", d2024.to_str().unwrap(), "--format", "json"];
        all.extend(args);
        let outcome: serde_json::Value = serde_json::from_str(&place.ok(&all)).unwrap();
        outcome["triggers"].as_array().unwrap().clone()
    };
    let from_file = triggers(&["--previous", previous.to_str().unwrap()]);
    let from_archive = triggers(&["--archive", db.to_str().unwrap()]);
    assert_eq!(from_file.len(), 8);
    let unmet_twice = from_file
        .iter()
        .filter(|t| t["id"] == "unmet-twice")
        .count();
    assert_eq!(unmet_twice, 4, "the 7.4 d actions need the previous period");
    assert_eq!(from_archive, from_file);
    let both = triggers(&[
        "--archive",
        db.to_str().unwrap(),
        "--previous",
        previous.to_str().unwrap(),
    ]);
    assert_eq!(both, from_file, "--archive and --previous may be combined");

    // Recording 2024 takes the previous outcome from the archive: the same run as with the
    // file.
    let out = place.record(&[d2024.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let with_file = place.record(&[
        d2024.to_str().unwrap(),
        "--previous",
        previous.to_str().unwrap(),
    ]);
    assert!(
        stdout(&with_file).starts_with("已作为第 2 次运行存档"),
        "{}{}",
        stdout(&with_file),
        stderr(&with_file)
    );
    let history = place.ok(&[
        "archive",
        "history",
        "51440604MJL600561G",
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(history.contains("协会评估档案"), "{history}");
    assert!(history.contains("7.4 d"), "{history}");
}

#[test]
fn an_association_only_outcome_is_archived() {
    let place = Place::new();
    let data = scenario("well-run-association/2024.ron");
    let out = place.record(&[data.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("0 家成员"), "{}", stdout(&out));
    let db = place.db();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let part: String = conn
        .query_row("SELECT association FROM run", [], |r| r.get(0))
        .unwrap();
    let part: serde_json::Value = serde_json::from_str(&part).unwrap();
    assert_eq!(part["members"], serde_json::json!([]));
    assert!(part["association"]["indicators"].as_array().unwrap().len() > 10);
    let code = part["association"]["id"].as_str().unwrap().to_string();
    let list = place.ok(&[
        "archive",
        "list",
        "--period",
        "2024",
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(list.contains(&code), "{list}");
    let history = place.ok(&[
        "archive",
        "history",
        &code,
        "--db",
        db.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let history: serde_json::Value = serde_json::from_str(&history).unwrap();
    assert_eq!(history["runs"][0]["run"], 1);
    assert_eq!(
        history["runs"][0]["association"]["association"]["id"],
        code.as_str()
    );
}

#[test]
fn an_archive_of_another_schema_or_no_archive_at_all_is_refused() {
    let place = Place::new();
    place.record(&strs(&data_2024()));
    let newer = cogov::archiving::SCHEMA_VERSION + 1;
    rusqlite::Connection::open(place.db())
        .unwrap()
        .execute("UPDATE schema_version SET version = ?1", [newer])
        .unwrap();
    let db = place.db();
    let out = place.cogov(&[
        "archive",
        "list",
        "--period",
        "2024",
        "--db",
        db.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!(
            "信用档案的结构版本为 {newer}，本版 cogov 只能读取版本 {}",
            newer - 1
        )),
        "{}",
        stderr(&out)
    );

    std::fs::write(place.path("notes.txt"), "会员名录\n".repeat(100)).unwrap();
    let out = place.cogov(&[
        "archive",
        "list",
        "--period",
        "2024",
        "--db",
        "notes.txt",
        "--lang",
        "en",
    ]);
    assert!(
        stderr(&out).contains("this file is not a credit archive (not an SQLite database)"),
        "{}",
        stderr(&out)
    );
    let out = place.cogov(&["archive", "history", JINLING, "--db", "missing.sqlite"]);
    assert!(
        stderr(&out).contains("missing.sqlite: 这里没有信用档案"),
        "{}",
        stderr(&out)
    );
    assert!(
        !place.path("missing.sqlite").exists(),
        "reading does not create an archive"
    );
    let out = place.cogov(&[
        "archive",
        "history",
        "91440604MA4W00002",
        "--db",
        db.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("错误：`91440604MA4W00002` 不是有效的统一社会信用代码：统一社会信用代码应为 18 位，此代码为 17 位"), "{}", stderr(&out));
    let out = place.cogov(&["archive", "history", "91440604MA4W00002", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: `91440604MA4W00002` is not a unified social credit code: a unified social credit code has 18 characters, this one has 17"), "{}", stderr(&out));
}

/// A version-1 archive, built here with version 1's schema and one run of the 2024 outcome
/// written as version 1 wrote it, is migrated when opened: the run keeps its number and time,
/// reads back, verifies, and a new run chains after it.
#[test]
fn a_version_1_archive_is_migrated_when_opened() {
    let place = Place::new();
    let outcome = outcome_2024();
    let conn = rusqlite::Connection::open(place.db()).unwrap();
    conn.execute_batch(cogov::archiving::VERSION_1).unwrap();
    conn.execute(
        "INSERT INTO run VALUES (1, '2025-01-02T03:04:05Z', ?1, ?2, '2024', '2024-12-31', 'ceramics', ?3, ?4, 'abc', ?5)",
        rusqlite::params![
            outcome.association.id,
            outcome.association.name,
            outcome.policy.digest,
            outcome.data.digest,
            serde_json::to_string(&outcome.credit).unwrap()
        ],
    )
    .unwrap();
    for m in &outcome.members {
        conn.execute(
            "INSERT INTO credit VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?7)",
            rusqlite::params![
                m.id,
                m.name,
                m.score,
                m.grade,
                serde_json::to_string(&m.actions).unwrap(),
                serde_json::to_string(&m.warnings).unwrap(),
                serde_json::to_string(&m.reasons).unwrap()
            ],
        )
        .unwrap();
    }
    drop(conn);
    let db = place.db();
    let history = place.ok(&["archive", "history", JINLING, "--db", db.to_str().unwrap()]);
    assert!(history.contains("2024 #1 信用分明细"), "{history}");
    let version: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT version FROM schema_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, cogov::archiving::SCHEMA_VERSION);
    let recorded_at: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT recorded_at FROM run WHERE id = 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(recorded_at, "2025-01-02T03:04:05Z");
    let verified = place.ok(&["archive", "verify", "--db", db.to_str().unwrap()]);
    assert!(verified.contains("1 次运行、10 条成员记录"), "{verified}");
    // The 2023 data records after it, as run 2, chained.
    let out = place.record(&[&place.data_2023()]);
    assert!(
        stdout(&out).starts_with("已记录第 2 次运行"),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let verified = place.ok(&["archive", "verify", "--db", db.to_str().unwrap()]);
    assert!(verified.contains("2 次运行、12 条成员记录"), "{verified}");
}

#[test]
fn eval_takes_members_earlier_grades_from_the_archive() {
    let place = Place::new();
    let out = place.record(&[&place.data_2023()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let db = place.db();
    let run = |extra: &[&str]| -> serde_json::Value {
        let data = data_2024();
        let mut args = vec!["eval"];
        args.extend(strs(&data));
        args.extend(extra);
        serde_json::from_str(&place.ok(&args)).unwrap()
    };
    let warnings = |outcome: &serde_json::Value, code: &str| -> Vec<String> {
        let m = outcome["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == code)
            .unwrap();
        m["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["text"].as_str().unwrap().to_string())
            .collect()
    };
    let with = run(&["--format", "json", "--archive", db.to_str().unwrap()]);
    assert!(
        warnings(&with, JINLING).contains(&"信用等级由 A 降至 D".to_string()),
        "{:?}",
        warnings(&with, JINLING)
    );
    assert!(warnings(&with, HENGSHUN).is_empty(), "A to A is no drop");
    let without = run(&["--format", "json"]);
    assert!(
        !warnings(&without, JINLING)
            .iter()
            .any(|w| w.starts_with("信用等级"))
    );
}

/// An association's data with `n` members, each with two sampling results, as JSON: its
/// credit code from `n` and `tag`, so each file is its own association.
fn large_data(n: usize, tag: usize) -> String {
    let members: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            serde_json::json!({
                "code": with_check(&format!("914406{i:011}")),
                "name": format!("佛山市第{i}号成员有限公司"),
            })
        })
        .collect();
    let events: Vec<serde_json::Value> = (0..n)
        .flat_map(|i| {
            let member = with_check(&format!("914406{i:011}"));
            [
                serde_json::json!({"id": format!("e{i}-1"), "member": member, "date": "2024-03-05", "kind": "sampling_pass", "product": "陶瓷砖"}),
                serde_json::json!({"id": format!("e{i}-2"), "member": member, "date": "2024-06-05", "kind": "sampling_fail", "level": "major", "product": "陶瓷砖"}),
            ]
        })
        .collect();
    serde_json::json!({
        "profile": {"name": "佛山市大型行业协会", "sector": "base", "credit_code": with_check(&format!("5144060{tag:05}MJL90"))},
        "period": {"id": "2024", "start": "2024-01-01", "end": "2024-12-31"},
        "facts": {"duties_assigned": true},
        "members": members,
        "events": events,
    })
    .to_string()
}

/// Kills `cogov archive record` (SIGKILL) on 20,000 members' data as soon as it starts writing
/// (its rollback journal appears), and checks after every kill that the archive opens and holds
/// exactly the records it held before.
#[test]
fn a_record_killed_mid_write_leaves_the_archive_as_it_was() {
    let place = Place::new();
    place.record(&strs(&data_2024()));
    place.record(&[&place.data_2023()]);
    let mut before = dump(&place.db());
    assert_eq!(before.iter().filter(|r| r.starts_with("run ")).count(), 2);

    let journal = PathBuf::from(format!("{}-journal", place.db().display()));
    let mut landed = 0;
    // A record that finishes between two looks at the journal is tried again.
    for n in 1..=5 {
        let file = place.path(&format!("large-{n}.json"));
        std::fs::write(&file, large_data(20_000, n)).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_cogov"))
            .args(["archive", "record", file.to_str().unwrap(), "--db"])
            .arg(place.db())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        let hot = loop {
            if std::fs::metadata(&journal).is_ok_and(|m| m.len() > 0) {
                break true;
            }
            if child.try_wait().unwrap().is_some() || started.elapsed() > Duration::from_secs(600) {
                break false;
            }
            std::thread::sleep(Duration::from_micros(200));
        };
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        Archive::open(&place.db()).expect("the archive opens after the kill");
        if !hot || status.success() {
            eprintln!("attempt {n} finished before it was killed");
            let _ = std::fs::remove_file(place.db());
            place.record(&strs(&data_2024()));
            place.record(&[&place.data_2023()]);
            before = dump(&place.db());
            continue;
        }
        assert_eq!(
            dump(&place.db()),
            before,
            "a kill mid-write changed the archive"
        );
        landed += 1;
        break;
    }
    assert_eq!(landed, 1, "no kill landed while a record was being written");
}

/// Two processes creating a new archive at once failed 9 times in 50 (`table schema_version
/// already exists`): the schema is now created under the write lock, after looking again.
#[test]
fn fifty_processes_creating_one_new_archive_at_once_all_succeed() {
    let place = Place::new();
    let data = data_2024();
    let db = place.db();
    let children: Vec<std::process::Child> = (0..50)
        .map(|_| {
            cogov_command()
                .args(["archive", "record"])
                .args(&data)
                .arg("--db")
                .arg(&db)
                .env("COGOV_LANG", "en")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut recorded = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        recorded += usize::from(!stdout(&out).contains("already"));
    }
    assert_eq!(
        recorded, 1,
        "one process records the run, the others find it there"
    );
    let list = place.ok(&[
        "archive",
        "list",
        "--period",
        "2024",
        "--db",
        db.to_str().unwrap(),
    ]);
    assert_eq!(list.matches(JINLING).count(), 1, "{list}");
}

/// Recording 30,000 members took 372 ms on the 4th run and 2,503 ms on the 23rd: the credit
/// key (member, run) put every insert at a random place in a growing tree. Rows are keyed by
/// (run, member) now, so a run's rows go at the end. Nor does an index lead from a member to its
/// runs any more: a run's members went into it all over, touching (and journaling) every page of
/// an index the size of the whole archive. A member's history looks the member up in each run
/// by the key instead (`cargo bench --bench archive` times recording).
#[test]
fn recording_time_grows_with_the_archive() {
    let place = Place::new();
    place.record(&strs(&data_2024()));
    let conn = rusqlite::Connection::open(place.db()).unwrap();
    let key = |table: &str| -> Vec<String> {
        let mut key = conn
            .prepare(&format!(
                "SELECT name FROM pragma_table_info('{table}') WHERE pk > 0 ORDER BY pk"
            ))
            .unwrap();
        key.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(key("credit"), ["run", "member"]);
    assert_eq!(key("wording"), ["run", "kind", "n"]);
    for table in ["credit", "wording"] {
        let indexes: i64 = conn
            .query_row(
                &format!("SELECT count(*) FROM pragma_index_list('{table}') WHERE origin != 'pk'"),
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(indexes, 0, "{table} has no index but its key");
    }
    let db = place.db();
    let history = place.ok(&["archive", "history", JINLING, "--db", db.to_str().unwrap()]);
    assert!(history.contains("2024 #1 信用分明细"), "{history}");
}

/// Recording 100,000 members took 6.7 s: each row carried its account lines and the description
/// of every event as JSON sentences in both languages, 4.7 KB a member, the same sentences over
/// and over. A run keeps each distinct sentence once now, and a row refers to them by number.
#[test]
fn member_rows_repeat_the_same_sentences_for_every_member() {
    let place = Place::new();
    let data = scenario("ceramics-credit/2024.ron");
    let outcome = place.eval_json(&[data.to_str().unwrap()], "2024.json");
    let outcome: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(outcome).unwrap()).unwrap();
    let lines: usize = outcome["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["reasons"].as_array().unwrap().len())
        .sum();
    let out = place.record(&[data.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let conn = rusqlite::Connection::open(place.db()).unwrap();
    let (members, bytes): (i64, i64) = conn
        .query_row(
            "SELECT count(*), sum(length(reasons)) FROM credit",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(members, 240);
    assert!(lines > 900, "{lines} account lines");
    assert!(
        (bytes as f64) < 12.0 * lines as f64,
        "{bytes} bytes for {lines} account lines"
    );
    eprintln!("{bytes} bytes for {lines} account lines");
    let (entries, distinct): (i64, i64) = conn
        .query_row(
            "SELECT count(*), count(DISTINCT kind || value) FROM wording",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(entries, distinct, "each sentence once");
    let mut described = conn
        .prepare("SELECT value FROM wording WHERE kind = 'event'")
        .unwrap();
    let described: Vec<String> = described
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(described.len() > 10, "{described:?}");
    for text in &described {
        let zh: serde_json::Value = serde_json::from_str(text).unwrap();
        let zh = zh["zh"].as_str().unwrap();
        let repeated: i64 = conn
            .query_row(
                "SELECT count(*) FROM credit WHERE instr(CAST(reasons AS TEXT), ?1) > 0",
                [zh],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(repeated, 0, "{zh} is in the rows");
    }
    let db = place.db();
    let verified = place.ok(&["archive", "verify", "--db", db.to_str().unwrap()]);
    assert!(verified.contains("1 次运行、240 条成员记录"), "{verified}");
}

/// The sentences a run's rows share are covered by the hash chain like the rows: one edited or
/// deleted with sqlite3 is found.
#[test]
fn a_shared_sentence_edited_behind_the_programs_back_is_found() {
    let place = Place::new();
    place.record(&[&place.data_2023()]);
    place.record(&strs(&data_2024()));
    let db = place.db();
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "DROP TRIGGER wording_is_append_only_update;
         UPDATE wording SET value = replace(value, '不合格', '合格')
         WHERE run = 2 AND kind = 'event';",
    )
    .unwrap();
    let out = place.cogov(&["archive", "verify", "--db", db.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stderr(&out).contains(
            "第 2 次运行：其成员记录共用的说明文字（事件描述、信用分明细、预警）在存档后被修改"
        ),
        "{}",
        stderr(&out)
    );
    assert!(
        !stderr(&out).contains("第 1 次运行"),
        "run 1 is intact: {}",
        stderr(&out)
    );
    conn.execute_batch(
        "DROP TRIGGER wording_is_append_only_delete;
         DELETE FROM wording WHERE run = 1;",
    )
    .unwrap();
    let out = place.cogov(&[
        "archive",
        "verify",
        "--db",
        db.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert!(
        stderr(&out).contains("run 1: the wording its member records share"),
        "{}",
        stderr(&out)
    );
}

/// The outcome digest a run archives is the digest of the outcome file `cogov eval --format
/// json` writes, for every shipped association with members and two without, the 2024
/// ceramics run with its previous outcome from the archive too: recording puts the digest together from the run's
/// shared wording instead of serialising the outcome again.
#[test]
fn the_archived_outcome_digest_is_the_digest_of_the_outcome_file() {
    use sha2::{Digest, Sha256};
    let hex16 = |bytes: &[u8]| -> String {
        Sha256::digest(bytes)[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    };
    let mut datasets: Vec<Vec<String>> = vec![data_2024()];
    for data in [
        "ceramics-credit/2023.ron",
        "ceramics-credit/2024.ron",
        "sector-ceramics/2024.ron",
        "sector-coatings/2024.ron",
        "sector-gas-appliances/2024.ron",
        "sector-home-appliances/2024.ron",
        "sector-lighting/2024.ron",
        "sector-stainless-steel/2024.ron",
        "sector-textiles/2024.ron",
        "well-run-association/2024.ron",
        // Association evaluations alone: the digest is the association part's.
        "new-association/2024.ron",
        "rubric-revision/2024.ron",
    ] {
        datasets.push(vec![scenario(data).display().to_string()]);
    }
    let place = Place::new();
    let db = place.db();
    for (k, data) in datasets.iter().enumerate() {
        // Recording takes the previous outcome and grades from the archive, as eval does with it.
        let mut args = strs(data);
        if db.exists() {
            args.extend(["--archive", db.to_str().unwrap()]);
        }
        let file = place.eval_json(&args, &format!("{k}.json"));
        let out = place.record(&strs(data));
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let archived: String = rusqlite::Connection::open(&db)
            .unwrap()
            .query_row(
                "SELECT outcome_digest FROM run ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(archived, hex16(&std::fs::read(&file).unwrap()), "{data:?}");
    }
}
