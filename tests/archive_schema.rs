//! Archives written by earlier versions of cogov: a real schema-2 archive, committed as it was
//! written, opens and reads back as it did, verifies, and takes new runs after its own.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{cogov, root, scenario, stderr, stdout};

/// `tests/archives/schema-2.sqlite` was written by cogov's schema-2 code, with the shipped
/// policies, in four runs:
///
/// 1. the messy-import scenario's 2024 data with its corrected tables (an empty archive, so no
///    previous outcome);
/// 2. the same association in 2023, its two members graded A (`ASSOCIATION_2023` of the archive
///    tests);
/// 3. the 2024 data again, now with 2023 as its previous outcome from the archive: a correction
///    of run 1 (`--supersedes 1 --reason "补录 2023 年评估结果后重新评估"`), with 金岭's grade
///    drop warning;
/// 4. the well-run association's 2024 data, which has no members.
///
/// The JSON files in `tests/archives/schema-2/` are what that code printed for it:
/// `archive history 91440604MA4W000022 --format json`, the records of `archive list --period
/// 2024 --format json`, and the runs of `archive history 51440604MJL300033F --format json`
/// without their association parts (compared with the file's own) and run hashes.
const FIXTURE: &str = "tests/archives/schema-2.sqlite";

const JINLING: &str = "91440604MA4W000022";
const CERAMICS: &str = "51440604MJL300033F";

fn expected(name: &str) -> Value {
    let path = root().join("tests/archives/schema-2").join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A copy of the fixture to open (opening may migrate it).
fn copy_of_fixture(dir: &Path) -> PathBuf {
    let db = dir.join("archive.sqlite");
    std::fs::copy(root().join(FIXTURE), &db).unwrap();
    db
}

fn json_of(args: &[&str]) -> Value {
    let out = cogov(args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

/// Each run's association part as the fixture holds it, by run.
fn association_parts(db: &Path) -> Vec<(i64, Option<Value>)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT id, association FROM run ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| {
        let part: Option<String> = r.get(1)?;
        Ok((r.get(0)?, part.map(|p| serde_json::from_str(&p).unwrap())))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

#[test]
fn a_schema_2_archive_reads_back_as_it_did() {
    let dir = tempfile::tempdir().unwrap();
    let db = copy_of_fixture(dir.path());
    let db = db.to_str().unwrap();
    let parts = association_parts(&root().join(FIXTURE));

    let history = json_of(&[
        "archive", "history", JINLING, "--db", db, "--format", "json",
    ]);
    assert_eq!(history, expected("history-91440604MA4W000022.json"));
    let list = json_of(&[
        "archive", "list", "--period", "2024", "--db", db, "--format", "json",
    ]);
    assert_eq!(list["records"], expected("list-2024-records.json"));
    let mut runs = json_of(&[
        "archive", "history", CERAMICS, "--db", db, "--format", "json",
    ]);
    for run in runs["runs"].as_array_mut().unwrap() {
        let number = run["run"].as_i64().unwrap();
        let part = run.as_object_mut().unwrap().remove("association").unwrap();
        let archived = parts.iter().find(|(id, _)| *id == number).unwrap();
        assert_eq!(Some(part), archived.1, "run {number}'s association part");
        run.as_object_mut().unwrap().remove("run_hash");
    }
    assert_eq!(runs, expected("history-51440604MJL300033F-runs.json"));

    let version: i64 = rusqlite::Connection::open(db)
        .unwrap()
        .query_row("SELECT version FROM schema_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        version,
        cogov::archiving::SCHEMA_VERSION,
        "migrated when opened"
    );
    let verified = cogov(&["archive", "verify", "--db", db]);
    assert_eq!(verified.status.code(), Some(0), "{}", stderr(&verified));
    assert!(
        stdout(&verified).contains("已校验 4 次运行、22 条成员记录"),
        "{}",
        stdout(&verified)
    );
    // The previous outcome is rebuilt from the archive, and matches its digest.
    let folder = scenario("messy-import");
    let data = [
        folder.join("2024.ron"),
        folder.join("会员名录-更正.xlsx"),
        folder.join("抽查结果-更正.csv"),
    ];
    let mut eval = vec!["eval"];
    eval.extend(data.iter().map(|p| p.to_str().unwrap()));
    eval.extend(["--archive", db, "--format", "json"]);
    let outcome = json_of(&eval);
    assert_eq!(outcome["association"]["id"], CERAMICS);

    // A new run chains after the archive's own.
    let ceramics = scenario("ceramics-credit/2023.ron");
    let out = cogov(&["archive", "record", ceramics.to_str().unwrap(), "--db", db]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("已记录第 5 次运行"),
        "{}",
        stdout(&out)
    );
    let verified = cogov(&["archive", "verify", "--db", db]);
    assert_eq!(verified.status.code(), Some(0), "{}", stderr(&verified));
}

/// A migration chains the runs anew: a schema-2 archive with a row edited behind the program's
/// back would come out of it verifying as genuine. It is not migrated; the edit is named and the
/// file left as it was.
#[test]
fn a_schema_2_archive_edited_behind_the_programs_back_is_migrated_into_a_chain_that_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let db = copy_of_fixture(dir.path());
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "DROP TRIGGER credit_is_append_only_update;
         UPDATE credit SET score = 120, grade = 'A' WHERE member = '91440604MA4W000022' AND run = 3;",
    )
    .unwrap();
    drop(conn);
    let edited = std::fs::read(&db).unwrap();
    let out = cogov(&["archive", "verify", "--db", db.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stderr(&out).contains(
            "此信用档案（结构版本 2）未通过校验，未作迁移：第 3 次运行：成员 `91440604MA4W000022` 的记录在存档后被修改"
        ),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("archive.sqlite"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&db).unwrap(), edited, "the file is as it was");
}

/// The same four runs recorded afresh read back as the schema-2 archive did: the events are
/// described and the rows encoded as they were worded then.
#[test]
fn a_fresh_archive_reads_back_as_the_schema_2_one_did() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("archive.sqlite");
    let db = db.to_str().unwrap();
    let folder = scenario("messy-import");
    let data_2024: Vec<String> = ["2024.ron", "会员名录-更正.xlsx", "抽查结果-更正.csv"]
        .iter()
        .map(|f| folder.join(f).display().to_string())
        .collect();
    let data_2023 = dir.path().join("2023.ron");
    std::fs::write(&data_2023, crate::archive::ASSOCIATION_2023).unwrap();
    let record = |args: &[&str]| {
        let mut all = vec!["archive", "record", "--db", db];
        all.extend(args);
        let out = cogov(&all);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    };
    let data: Vec<&str> = data_2024.iter().map(String::as_str).collect();
    record(&data);
    record(&[data_2023.to_str().unwrap()]);
    let mut correction = data.clone();
    correction.extend([
        "--supersedes",
        "1",
        "--reason",
        "补录 2023 年评估结果后重新评估",
    ]);
    record(&correction);
    record(&[scenario("well-run-association/2024.ron").to_str().unwrap()]);

    // Records compared without their digests: the 2023 file is written anew here, and the
    // shipped policies have changed since the schema-2 archive was written.
    let without_digests = |mut records: Value| {
        for r in records.as_array_mut().unwrap() {
            let r = r.as_object_mut().unwrap();
            r.remove("data_digest");
            r.remove("policy_digest");
        }
        records
    };
    let history = json_of(&[
        "archive", "history", JINLING, "--db", db, "--format", "json",
    ]);
    let expected_history = expected("history-91440604MA4W000022.json");
    assert_eq!(
        without_digests(history["records"].clone()),
        without_digests(expected_history["records"].clone())
    );
    let list = json_of(&[
        "archive", "list", "--period", "2024", "--db", db, "--format", "json",
    ]);
    // Item names are normalised (NFKC) since the schema-2 archive was written: the full-width
    // brackets of 放射性核素（内照射指数） in the sampling table are recorded as ASCII ones.
    let normalised = serde_json::to_string(&expected("list-2024-records.json"))
        .unwrap()
        .replace("放射性核素（内照射指数）", "放射性核素(内照射指数)");
    assert_eq!(
        without_digests(list["records"].clone()),
        without_digests(serde_json::from_str(&normalised).unwrap())
    );
}
