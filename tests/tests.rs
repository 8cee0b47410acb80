//! cogov's integration tests: one binary, one module per concern.

mod common;

// Scenario replays as snapshots: every folder under scenarios/.
mod scenarios;
// `cogov check`: shipped policies pass; broken copies are reported with file and line.
mod check;
// A corpus of broken policy sets, each rendered into its snapshot.
mod policy_errors;
// The policy loader: locations, overlays, script files, the embedded policies.
mod policy_loading;
// Modules depend on each other in one direction.
mod layering;
// `cogov eval` and `explain` as a user runs them.
mod eval;
// Scoring, roll-up and trigger rules on small hand-written policies.
mod scoring;
// Member credit rules and explanations.
mod credit;
// Indicator C8 counted from the roster, and sector credit warnings in every report.
mod credit_management;
// Sector overlays and what each changes against the base.
mod sectors;
// Runaway scripts are stopped and named.
mod sandbox;
// Improvement actions followed up period after period.
mod follow_up;
// The change report between two outcomes.
mod change;
// `cogov watch`: the session's reloads and the file watcher's bursts.
mod watch;
// `cogov watch` run on real files: replaced policy folders, broken starts, runaway scorers, tables.
mod watch_cli;
// 200 quick saves, a third invalid, while the watcher runs.
mod reload_storm;
// `cogov diff`: a revision's impact on every dataset.
mod diff;
// `cogov compare`: associations ranked, with movers, sectors and the indicator matrix.
mod compare;
// `cogov eval --format xlsx`: the outcome as a workbook, read back.
mod workbook;
// Member rosters and credit events imported from CSV and Excel tables.
mod import;
// Workbooks read within limits, cells that hold no value, rows written twice.
mod table_safety;
// The regulator's sampling notices imported as published, by policy.
mod notices;
// `cogov template` and a whole association from one workbook, its ledgers giving facts.
mod template;
// The credit archive: append-only records, reading back, surviving a kill mid-write.
mod archive;
// Archives written by earlier versions: a real schema-2 file migrated and read back.
mod archive_schema;
// Reasons and grades worded by the policy: reworded and renamed without a rebuild.
mod wording;
// Broken data, tables and usage, reported in both languages.
mod diagnostics;
// Facts within their range and relations, keys written once, products named one way.
mod facts;
// Standing documents: plans and rules in force for years count in each period they cover.
mod standing;
// Terminal tables within the width; show, explain and archive as JSON and CSV.
mod terminal;
// The HTML reports in a headless Chromium: no errors, no network, key texts, CJK fonts, A4 pages.
mod browser;
// The HTML report from the policy's templates: self-contained, escaped, printable, editable.
mod report_html;
// `cogov publish`: the credit listing and the sector warning notice as published.
mod publish;
