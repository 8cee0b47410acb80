//! Every scenario under scenarios/ replays into its own snapshot; scenarios whose data has
//! errors render the problems into the snapshot rather than failing the test.

#[test]
fn every_scenario_replays_as_its_snapshot() {
    insta::glob!("../scenarios", "*/scenario.ron", |path| {
        let replay =
            cogov::replay::replay(path, cogov::text::Lang::Zh).expect("scenario file loads");
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/");
        insta::assert_snapshot!(replay.transcript.replace(root, ""));
    });
}
