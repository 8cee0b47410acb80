//! Every scenario under scenarios/ replays into its own snapshot; scenarios whose data has
//! errors render the problems into the snapshot rather than failing the test. Digests are
//! masked, so a snapshot changes only when a scenario's results change, not whenever any
//! shipped policy file is touched.

#[test]
fn every_scenario_replays_as_its_snapshot() {
    insta::glob!("../scenarios", "*/scenario.ron", |path| {
        let replay = cogov::replay(path, cogov::Lang::Zh).expect("scenario file loads");
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/");
        insta::with_settings!({filters => vec![(r"\b[0-9a-f]{16}\b", "[digest]")]}, {
            insta::assert_snapshot!(replay.transcript.replace(root, ""));
        });
    });
}
