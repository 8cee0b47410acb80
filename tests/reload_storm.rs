//! A storm of saves while `watch` runs: 200 writes of the rubric in quick succession, a third
//! of them invalid (truncated, mis-summed, broken syntax), some by writing a temporary file
//! and renaming it over the rubric, with folders created and removed on the way. The session
//! never serves an invalid set, never reloads once per save, and ends serving the last valid
//! content.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use cogov::PolicySet;
use cogov::watching::Watcher;
use cogov::watching::{Config, Session};

use crate::common::{Scratch, scenario};

const SAVES: usize = 200;
const GOOD_BAND: &str = "(id: \"good\",      min: 75, zh: \"良好\", en: \"Good\"),";

/// The rubric with the 良好 band starting at `min` instead of 75.
fn with_good_band_at(rubric: &str, min: usize) -> String {
    let band = GOOD_BAND.replace("75", &min.to_string());
    rubric.replacen(GOOD_BAND, &band, 1)
}

/// The valid version of save `n`: the 良好 band somewhere from 70 to 77.
fn valid_version(rubric: &str, n: usize) -> String {
    with_good_band_at(rubric, 70 + (n / 7 + 3) % 8)
}

/// An invalid version: truncated at some point, points that do not add up, or broken RON.
fn invalid_version(rubric: &str, n: usize) -> String {
    match n % 3 {
        0 => {
            let mut cut = (rubric.len() * (7 + n % 80)) / 100;
            while !rubric.is_char_boundary(cut) {
                cut -= 1;
            }
            rubric[..cut].to_string()
        }
        1 => rubric.replacen("points: 35, children:", "points: 36, children:", 1),
        _ => rubric.replacen("total: 100,", "total: 100", 1),
    }
}

fn digest_of(rubric: &str) -> String {
    let scratch = Scratch::copy_of_shipped();
    scratch.write("base/rubric.ron", rubric);
    PolicySet::load(scratch.path(), None)
        .expect("a valid version")
        .digest()
        .to_string()
}

/// Writes a file the way editors do: in place, or a temporary file renamed over it.
fn save(path: &Path, text: &str, by_rename: bool) {
    if by_rename {
        let temp = path.with_extension("ron.tmp");
        std::fs::write(&temp, text).unwrap();
        std::fs::rename(&temp, path).unwrap();
    } else {
        std::fs::write(path, text).unwrap();
    }
}

#[test]
fn two_hundred_quick_saves_never_serve_an_invalid_set_and_end_on_the_last_valid_one() {
    let started = Instant::now();
    let policies = Scratch::copy_of_shipped();
    let rubric_path = policies.path().join("base/rubric.ron");
    let rubric = std::fs::read_to_string(&rubric_path).unwrap();
    assert!(rubric.contains(GOOD_BAND));
    let mut valid: BTreeSet<String> = (70..78)
        .map(|min| digest_of(&with_good_band_at(&rubric, min)))
        .collect();
    let (mut session, opened) = Session::open(Config {
        policies: policies.path().to_path_buf(),
        sector: None,
        data: vec![scenario("rubric-revision/2024.ron").into()],
        limits: Default::default(),
    });
    assert!(!opened.has_problems(), "{opened:?}");
    valid.insert(session.policy_digests()["base"].clone());
    assert_eq!(
        valid.len(),
        8,
        "every valid version has its own digest (one is the shipped)"
    );
    let mut watcher = Watcher::new(&session, cogov::watching::DEBOUNCE).unwrap();

    let done = Arc::new(AtomicBool::new(false));
    let writer = {
        let (done, path, rubric) = (done.clone(), rubric_path.clone(), rubric.clone());
        let drafts = policies.path().join("base/drafts");
        std::thread::spawn(move || {
            for n in 0..SAVES {
                let text = if n % 3 == 1 && n != SAVES - 1 {
                    invalid_version(&rubric, n)
                } else {
                    valid_version(&rubric, n)
                };
                save(&path, &text, n % 4 == 0);
                if n % 25 == 0 {
                    std::fs::create_dir_all(&drafts).unwrap();
                } else if n % 25 == 12 {
                    std::fs::remove_dir_all(&drafts).unwrap();
                }
                // Pauses longer than the debounce let reloads happen mid-storm, some of them
                // right after an invalid save.
                let pause = if n % 40 == 39 || n == 100 { 300 } else { 2 };
                std::thread::sleep(Duration::from_millis(pause));
            }
            done.store(true, Ordering::SeqCst);
        })
    };

    let mut reloads = 0;
    loop {
        let finished = done.load(Ordering::SeqCst);
        let Some(_) = watcher.next_burst(Duration::from_millis(500)) else {
            if finished {
                break;
            }
            continue;
        };
        session.reload();
        reloads += 1;
        let serving = &session.policy_digests()["base"];
        assert!(
            valid.contains(serving),
            "serving `{serving}`, which is not a valid version"
        );
        for outcome in session.outcomes() {
            assert!(valid.contains(&outcome.policy.digest));
        }
    }
    writer.join().unwrap();

    let last = valid_version(&rubric, SAVES - 1);
    assert_eq!(std::fs::read_to_string(&rubric_path).unwrap(), last);
    let fresh = PolicySet::load(policies.path(), None)
        .unwrap()
        .digest()
        .to_string();
    assert_eq!(
        session.policy_digests()["base"],
        fresh,
        "ends on the last valid content"
    );
    assert_eq!(session.outcomes().next().unwrap().policy.digest, fresh);
    assert!(
        (1..=20).contains(&reloads),
        "{reloads} reloads for {SAVES} saves"
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}
