//! `cogov test`: runs scenarios' steps and expectations and reports what passed, in the
//! reader's language or as JUnit XML; with `--coverage`, which rules the scenarios exercised.

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;
use rayon::prelude::*;

use super::{Failure, LimitArgs, write_output};
use crate::message::Msg;
use crate::scenario::coverage::Coverage;
use crate::scenario::report::{self, Ran};
use crate::scenario::{self, Options};
use crate::text::Lang;
use crate::value::inert;

/// Output format of `cogov test`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum TestFormat {
    /// A line per scenario, then each expectation not met.
    #[default]
    Table,
    /// JUnit XML for CI systems (the text report goes to standard error).
    Junit,
    /// Coverage as JSON, `cogov.coverage/1` (the text report goes to standard error).
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct TestArgs {
    /// Scenario folders or files, or folders holding scenario folders (default: ./scenarios)
    #[arg(value_name = "SCENARIO|DIR")]
    paths: Vec<PathBuf>,
    /// Policy folder for scenarios that name none (default: the shipped `policies/`)
    #[arg(long, value_name = "DIR")]
    policies: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    format: TestFormat,
    /// Report which rules the scenarios exercised, per rule kind, file and sector set
    #[arg(long)]
    coverage: bool,
    /// Write a copy of each policy file into DIR with each rule's line marked ✓ or ✗
    #[arg(long, value_name = "DIR")]
    annotate: Option<PathBuf>,
    /// Fail when less than N % of the rules are exercised
    #[arg(long, value_name = "N")]
    threshold: Option<f64>,
    /// Write the report to a file instead of the terminal
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    limits: LimitArgs,
}

/// Runs every scenario named (in parallel), prints the report, and fails when an
/// expectation is not met or coverage is below the threshold.
pub(crate) fn run(lang: Lang, args: &TestArgs) -> Result<(), Failure> {
    let started = Instant::now();
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("scenarios")]
    } else {
        args.paths.clone()
    };
    let files: Vec<PathBuf> = paths
        .iter()
        .flat_map(|p| scenario::scenarios_in(p))
        .collect();
    // A path that names no scenario, or a folder with none in it, is a usage error.
    let empty = paths
        .iter()
        .find(|p| scenario::scenarios_in(p).iter().all(|f| !f.is_file()));
    if let Some(path) = empty {
        let path = path.display().to_string();
        return Err(Failure::Usage(
            Msg::new("test-no-scenario").arg("path", path),
        ));
    }
    let coverage = args.coverage
        || args.annotate.is_some()
        || args.threshold.is_some()
        || args.format == TestFormat::Json;
    let options = Options {
        lang,
        policies: args.policies.clone(),
        coverage,
        limits: args.limits.limits(),
    };
    let ran: Vec<Ran> = files
        .par_iter()
        .map(|path| {
            let at = Instant::now();
            let result = scenario::run(path, &options);
            Ran {
                path: path.clone(),
                result,
                time: at.elapsed(),
            }
        })
        .collect();
    let total = started.elapsed();
    let passed = ran.iter().all(Ran::passed);
    let mut cover = Coverage::default();
    for r in &ran {
        if let Ok(replay) = &r.result {
            cover.add(replay.exercised());
        }
    }
    let text = report::text(&ran, total, lang);
    let out = args.output.as_deref();
    match args.format {
        TestFormat::Table => {
            let mut all = text;
            if coverage {
                all.push('\n');
                all.push_str(&cover.to_text(lang));
            }
            write_output(out, |w| w.write_all(inert(&all).as_bytes()))?;
        }
        TestFormat::Junit => {
            eprint!("{}", inert(&text));
            if coverage {
                eprint!("\n{}", inert(&cover.to_text(lang)));
            }
            let xml = report::junit(&ran, total, lang);
            write_output(out, |w| w.write_all(xml.as_bytes()))?;
        }
        TestFormat::Json => {
            eprint!("{}", inert(&text));
            write_output(out, |w| w.write_all(cover.to_json().as_bytes()))?;
        }
    }
    if let Some(dir) = &args.annotate {
        let files = cover.annotated();
        for (file, text) in &files {
            let path = dir.join(file);
            if let Some(parent) = path.parent() {
                let _ = std::fs::create_dir_all(parent);
            }
            write_output(Some(&path), |w| w.write_all(text.as_bytes()))?;
        }
        let said = Msg::new("test-annotated")
            .arg("n", files.len())
            .arg("dir", dir.display().to_string());
        eprintln!("{}", said.word(lang));
    }
    let below = args.threshold.filter(|&n| cover.overall().percent() < n);
    if let Some(n) = below {
        let said = Msg::new("test-below-threshold")
            .arg("percent", format!("{:.1}", cover.overall().percent()))
            .arg("threshold", crate::value::num(n));
        eprintln!("{}", said.word(lang));
    }
    if passed && below.is_none() {
        Ok(())
    } else {
        Err(Failure::Reported)
    }
}
