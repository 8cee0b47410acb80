//! Sector overlays: every shipped sector validates, a broken overlay names its own file, and
//! each sector's rules change an outcome against the base alone, for the reason stated here.

use cogov::MemberResult;
use cogov::{Dataset, Outcome, PolicySet, evaluate};

use crate::common::{Scratch, cogov, policies, scenario, stderr, stdout};

fn outcome(sector: Option<&str>, data: &str) -> Outcome {
    let policies = PolicySet::load(&policies(), sector).expect("policies load");
    let data = Dataset::load(&scenario(data), &policies).expect("data loads");
    evaluate(&policies, &data, None).expect("evaluates")
}

/// The same scenario data evaluated with the base alone and with the sector's overlay.
fn base_and(sector: &str) -> (Outcome, Outcome) {
    let data = format!("sector-{sector}/2024.ron");
    (outcome(None, &data), outcome(Some(sector), &data))
}

fn member<'a>(outcome: &'a Outcome, code: &str) -> &'a MemberResult {
    outcome
        .members
        .iter()
        .find(|m| m.id == code)
        .expect("member")
}

fn grade(outcome: &Outcome, code: &str) -> String {
    member(outcome, code).grade.clone()
}

/// A member's grade with the base and with the sector, for comparing at a glance.
fn grades<'a>(base: &'a Outcome, sector: &'a Outcome, code: &str) -> (&'a str, &'a str) {
    (
        member(base, code).grade.as_str(),
        member(sector, code).grade.as_str(),
    )
}

/// Whether a member's grade brings this action.
fn acts(outcome: &Outcome, code: &str, action: &str) -> bool {
    member(outcome, code).actions.iter().any(|a| a == action)
}

/// `(trigger, due date)` of every trigger that fired for an indicator.
fn triggers_on(outcome: &Outcome, indicator: &str) -> Vec<(String, String)> {
    outcome
        .triggers
        .iter()
        .filter(|t| t.target == indicator)
        .map(|t| (t.id.clone(), t.due.clone()))
        .collect()
}

const ONE_MEMBER: &str = "91440604MA55BXG01B";

/// Evaluates one member with these events under a sector's policies; the data declares the
/// sector, as a sector association's archive would.
fn one_member(sector: Option<&str>, events: &[&str]) -> Result<MemberResult, String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.ron");
    let events: Vec<String> = events
        .iter()
        .enumerate()
        .map(|(i, e)| format!("(id: \"X{i}\", member: \"{ONE_MEMBER}\", {e})"))
        .collect();
    let text = format!(
        "Association(profile: (name: \"测试协会\", sector: \"{}\", credit_code: \"51440600MJL100012B\"),\
         period: (id: \"2024\", start: \"2024-01-01\", end: \"2024-12-31\"),\
         members: [(code: \"{ONE_MEMBER}\", name: \"甲公司\")],\
         events: [{}])",
        sector.unwrap_or("base"),
        events.join(",")
    );
    std::fs::write(&path, text).unwrap();
    let policies = PolicySet::load(&policies(), sector).expect("policies load");
    let data = Dataset::load(&path, &policies).map_err(|p| p.render_plain(cogov::Lang::En))?;
    let outcome = evaluate(&policies, &data, None).expect("evaluates");
    Ok(outcome.members.into_iter().next().unwrap())
}

#[test]
fn every_shipped_sector_checks() {
    for sector in cogov::known_sectors(&policies()) {
        let out = cogov(&["check", "--sector", &sector]);
        assert_eq!(out.status.code(), Some(0), "{sector}: {}", stderr(&out));
    }
}

#[test]
fn an_unknown_sector_lists_the_known_ones() {
    let out = cogov(&["check", "--sector", "ceramic", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("there is no sector `ceramic`"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("known sectors: ") && stderr(&out).contains("ceramics"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_broken_overlay_is_named_in_the_problems() {
    let scratch = Scratch::copy_of_shipped();
    scratch.edit(
        "sectors/ceramics/sector.ron",
        "\"B5\": (points: 25)",
        "\"B5\": (points: 26)",
    );
    scratch.edit("sectors/ceramics/sector.ron", "(\"C16.3\",", "(\"C16.9\",");
    scratch.edit(
        "sectors/ceramics/sector.ron",
        "item_class: \"A\", best: \"C\"",
        "item_class: \"A\", best: \"E\"",
    );
    let out = cogov(&[
        "check",
        "--sector",
        "ceramics",
        "--lang",
        "en",
        "--policies",
        scratch.path().to_str().unwrap(),
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("sectors/ceramics/sector.ron:20:")
            && err.contains("the children of `B5` add up to 25, but `B5` has 26 points"),
        "{err}"
    );
    assert!(
        err.contains("sectors/ceramics/sector.ron:24:")
            && err.contains("there is no `C16.9` to remove"),
        "{err}"
    );
    assert!(
        err.contains("sectors/ceramics/sector.ron:36:")
            && err.contains("`E` is not a credit grade"),
        "{err}"
    );
}

#[test]
fn show_marks_what_the_sector_changed_and_names_the_file() {
    let out = crate::common::cogov_wide(&["show", "--sector", "ceramics"]);
    let text = stdout(&out);
    assert!(text.contains("*        C11"), "{text}");
    assert!(text.contains("*  sampling_fail"), "{text}");
    assert!(
        text.contains("本行业的修改，见 policies/sectors/ceramics/sector.ron"),
        "{text}"
    );
    assert!(
        text.contains(
            "删除 评估指标 › 指标 › C16（建立公共服务平台） › 评分细则 › C16.3，理由：陶瓷协会的服务以检测为主"
        ),
        "{text}"
    );
    assert!(
        text.contains("修改 成员信用 › 信用事件 › sampling_fail（监督抽查不合格） › 分值 › critical：-20 → -25"),
        "{text}"
    );
}

#[test]
fn init_scaffolds_an_overlay_that_changes_nothing() {
    let scratch = Scratch::copy_of_shipped();
    let root = scratch.path().to_str().unwrap();
    let out = cogov(&["init", "furniture", "--policies", root]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        scratch
            .path()
            .join("sectors/furniture/sector.ron")
            .is_file()
    );
    let base = PolicySet::load(scratch.path(), None).unwrap();
    let furniture = PolicySet::load(scratch.path(), Some("furniture")).unwrap();
    let data = Dataset::load(&scenario("sector-ceramics/2024.ron"), &base).unwrap();
    let (a, b) = (
        evaluate(&base, &data, None).unwrap(),
        evaluate(&furniture, &data, None).unwrap(),
    );
    assert_eq!(
        (&a.association, &a.members, &a.triggers),
        (&b.association, &b.members, &b.triggers)
    );
    let again = cogov(&["init", "furniture", "--policies", root]);
    assert_eq!(
        again.status.code(),
        Some(2),
        "an existing sector is not overwritten"
    );
    let bad = cogov(&["init", "Furniture!", "--policies", root]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn ceramics_caps_a_radionuclide_failure_at_c_and_charges_repeated_water_absorption() {
    let (base, ceramics) = (
        outcome(None, "sector-ceramics/2024.ron"),
        outcome(Some("ceramics"), "sector-ceramics/2024.ron"),
    );
    // Class A item (radionuclides) failed: B by score in both, the ceramics veto caps at C.
    assert_eq!(
        (
            grade(&base, "91440604MA55CER01R").as_str(),
            grade(&ceramics, "91440604MA55CER01R").as_str()
        ),
        ("B", "C")
    );
    // Water absorption failed twice: the per-item repeat rule and dearer failures drop it to C.
    assert_eq!(
        (
            grade(&base, "91440604MA55CER02W").as_str(),
            grade(&ceramics, "91440604MA55CER02W").as_str()
        ),
        ("B", "C")
    );
}

#[test]
fn gas_appliances_cap_a_safety_item_failure_at_c_and_hold_safety_work_to_80_percent() {
    let (base, gas) = base_and("gas-appliances");
    // CO in dry flue gas failed (class A): 97, B with the base; the critical failure costs 30
    // (87) and the class A veto caps the grade at C, with follow-up sampling.
    let co = "91440606MA55RQJ01U";
    assert_eq!(grades(&base, &gas, co), ("B", "C"));
    assert_eq!(member(&gas, co).score, 87.0);
    assert!(acts(&gas, co, "follow_up_sampling"));
    // Thermal efficiency is class B: no veto, B in both.
    assert_eq!(grades(&base, &gas, "91440606MA55RQJ02Y"), ("B", "B"));
    // Flame-failure device failed and a penalty: D in both, follow-up sampling only with gas.
    let flame = "91440606MA55RQJ058";
    assert_eq!(grades(&base, &gas, flame), ("D", "D"));
    assert!(!acts(&base, flame, "follow_up_sampling"));
    assert!(acts(&gas, flame, "follow_up_sampling"));
    // Sampling planning at 3 of 5 (60 %): not under the base's 60 %, but under gas's 80 %.
    assert_eq!(triggers_on(&base, "C11"), vec![]);
    assert_eq!(
        triggers_on(&gas, "C11"),
        vec![("safety-work".to_string(), "2025-01-30".to_string())]
    );
    assert_eq!(triggers_on(&gas, "C15"), vec![]);
}

#[test]
fn stainless_steel_caps_a_failed_chromium_nickel_content_at_c_and_rechecks_the_steel_grades() {
    let (base, steel) = base_and("stainless-steel");
    // Cr/Ni/Mn content failed on a pot marked 304 (class A): 95, B with the base; the veto
    // caps it at C, and grade C brings the spectrometric grade re-check.
    let pot = "91440604MA55BXG01B";
    assert_eq!(grades(&base, &steel, pot), ("B", "C"));
    assert_eq!(
        member(&steel, pot).actions,
        ["excluded_from_awards", "grade_verification"]
    );
    // A penalised member is C in both; only stainless steel re-checks its grades.
    let fined = "91440604MA55BXG05P";
    assert_eq!(grades(&base, &steel, fined), ("C", "C"));
    assert!(!acts(&base, fined, "grade_verification"));
    assert!(acts(&steel, fined, "grade_verification"));
    // C15: the monitoring report earns 1 instead of 2, and no screening report was filed.
    let c15 = |o: &Outcome| o.indicator("C15").expect("C15").score;
    assert_eq!((c15(&base), c15(&steel)), (4.0, 3.0));
}

#[test]
fn stainless_steel_grades_a_mislabelled_material_d_and_the_base_does_not_know_the_kind() {
    let event = "date: \"2024-05-02\", kind: \"material_mislabelled\", product: \"不锈钢保温杯（标称 304，实为 201）\"";
    let cert = "date: \"2024-02-01\", kind: \"certification\"";
    // 100 − 30 + 3 = 73 is C by score; the veto makes it D: the D actions and the grade
    // re-check.
    let m = one_member(Some("stainless-steel"), &[event, cert]).unwrap();
    assert_eq!((m.score, m.grade.as_str()), (73.0, "D"));
    assert_eq!(
        m.actions,
        [
            "credit_warning",
            "increase_sampling",
            "excluded_from_awards",
            "public_listing",
            "grade_verification"
        ]
    );
    let err = one_member(None, &[event]).unwrap_err();
    assert!(
        err.contains("`material_mislabelled`, which the credit policy does not define"),
        "{err}"
    );
}

#[test]
fn lighting_keeps_a_shock_protection_failure_from_a_and_warns_on_repeated_emc_failures() {
    let (base, lighting) = base_and("lighting");
    // National honours cover a major shock-protection failure by score (111, A), but the
    // class A veto rules out A.
    assert_eq!(grades(&base, &lighting, "91440605MA55LAM01J"), ("A", "B"));
    // Harmonic current failed on two lamps: 90, B with the base; 6 more for the same item: 84, C.
    let driver = "91440605MA55LAM02M";
    assert_eq!(grades(&base, &lighting, driver), ("B", "C"));
    assert_eq!(member(&lighting, driver).score, 84.0);
    // Two of six members at C (33 %, and the two lighting asks for) raise the sector warning;
    // with the base only one is.
    let warned = |o: &Outcome| o.warnings.iter().any(|w| w.id == "grade-cd-share");
    assert!(!warned(&base) && warned(&lighting));
    // 150 trainees are enough for the base, not for lighting's 200: C14 falls under 60 %.
    assert_eq!(triggers_on(&base, "C14"), vec![]);
    assert_eq!(
        triggers_on(&lighting, "C14"),
        vec![("unmet".to_string(), "2025-03-31".to_string())]
    );
}

#[test]
fn home_appliances_ask_105_for_a_charge_leakage_current_more_and_review_complaints_sooner() {
    let (base, home) = base_and("home-appliances");
    // A clean record with a chief quality officer and a commitment: 104 is A with the base,
    // B where A needs 105.
    assert_eq!(grades(&base, &home, "91440606MA55JDQ018"), ("A", "B"));
    // Two certifications reach 108: A in both.
    assert_eq!(grades(&base, &home, "91440606MA55JDQ02B"), ("A", "A"));
    // Leakage current, critical: 85 (B) with the base, 80 (C) when it costs 25.
    assert_eq!(grades(&base, &home, "91440606MA55JDQ03E"), ("B", "C"));
    // 10 of 12 complaints in time: the review is due in 15 days, not 30.
    assert_eq!(
        triggers_on(&base, "C17"),
        vec![("complaints-late".to_string(), "2025-01-30".to_string())]
    );
    assert_eq!(
        triggers_on(&home, "C17"),
        vec![("complaints-late".to_string(), "2025-01-15".to_string())]
    );
}

#[test]
fn home_appliances_cap_a_misstated_energy_label_at_c_and_recheck_the_filings() {
    let label = "date: \"2024-06-12\", kind: \"energy_label_misstated\", product: \"变频空调（标一级，实测三级）\"";
    let certs = [
        "date: \"2024-02-01\", kind: \"certification\"",
        "date: \"2024-03-01\", kind: \"certification\"",
        "date: \"2024-01-10\", kind: \"cqo_appointed\"",
        "date: \"2024-01-10\", kind: \"commitment_signed\"",
    ];
    let mut events = vec![label];
    events.extend(certs);
    // 100 − 15 + 6 + 2 + 2 = 95 is B by score; the veto caps it at C, with the label re-check.
    let m = one_member(Some("home-appliances"), &events).unwrap();
    assert_eq!((m.score, m.grade.as_str()), (95.0, "C"));
    assert_eq!(m.actions, ["excluded_from_awards", "energy_label_recheck"]);
    let err = one_member(None, &[label]).unwrap_err();
    assert!(
        err.contains("`energy_label_misstated`, which the credit policy does not define"),
        "{err}"
    );
}

#[test]
fn coatings_cap_harmful_substances_at_c_charge_repeated_items_and_count_three_certificates() {
    let (base, coatings) = base_and("coatings");
    // VOC failed (class A): 95, B with the base; the veto caps it at C.
    assert_eq!(grades(&base, &coatings, "91440606MA55TLC01L"), ("B", "C"));
    // Contrast ratio failed on two paints: 92, B; 8 more for the same item: 84, C.
    assert_eq!(grades(&base, &coatings, "91440606MA55TLC02P"), ("B", "C"));
    // Three environmental certifications: the base counts two (99, B), coatings three (102, A).
    let green = "91440606MA55TLC03T";
    assert_eq!(grades(&base, &coatings, green), ("B", "A"));
    assert_eq!(
        (member(&base, green).score, member(&coatings, green).score),
        (99.0, 102.0)
    );
}

#[test]
fn textiles_charge_repeated_fibre_content_cap_formaldehyde_at_c_and_forgive_one_label_slip() {
    let (base, textiles) = base_and("textiles");
    // Fibre content failed on two jeans: 87, B; minor 3 and 8 for the same item: 81, C.
    assert_eq!(grades(&base, &textiles, "91440606MA55TEX01R"), ("B", "C"));
    // One label slip with a certification: 98, B with the base; 100, A when minor costs 3.
    assert_eq!(grades(&base, &textiles, "91440606MA55TEX02W"), ("B", "A"));
    // Formaldehyde in infants' wear (class A): 95, B; the veto caps it at C.
    assert_eq!(grades(&base, &textiles, "91440606MA55TEX030"), ("B", "C"));
    // An 85 % awareness rate earns C18.2 1 point instead of 2: the association drops from a
    // pass (60) to a fail (59).
    assert_eq!(
        (base.association.score, textiles.association.score),
        (60.0, 59.0)
    );
    assert_eq!(
        (
            base.association.grade.as_str(),
            textiles.association.grade.as_str()
        ),
        ("合格", "不合格")
    );
}
