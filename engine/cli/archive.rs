//! `cogov archive`: evaluate an association's data and append the result to the credit archive,
//! read back a member's or an association's history or the associations and members of one
//! period, and verify the archive's hash chain.

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::{Args, Subcommand};

use super::{Failure, Inputs, LimitArgs, PolicyArgs, evaluate_files, print_as};
use crate::archive::{
    Archive, Correction, DEFAULT_PATH, Recorded, Recording, compare, events, outcome_digest, render,
};
use crate::data::credit_code;
use crate::diagnostic::{Problem, Problems};
use crate::eval::Accounts;
use crate::message::Msg;
use crate::outcome::Outcome;
use crate::render::Output;
use crate::text::Lang;

/// Keep associations' and members' credit in the archive and read it back (质量信用档案).
#[derive(Debug, Args)]
pub struct ArchiveArgs {
    #[command(subcommand)]
    command: ArchiveCommand,
}

#[derive(Debug, Subcommand)]
enum ArchiveCommand {
    /// Evaluate the data and append the result as one run; a run already archived is not
    /// written again (追加记录)
    Record(RecordArgs),
    /// A member's credit, or an association's runs, in every period archived (信用档案)
    History {
        /// A member's or an association's unified social credit code
        #[arg(value_name = "CODE")]
        code: String,
        #[command(flatten)]
        db: Db,
        /// Output format: table, json (`cogov.archive/1`) or csv
        #[arg(long, value_parser = super::output_parser(), default_value = "table")]
        format: Output,
    },
    /// The associations and members of one period (期间信用)
    List {
        /// Period label, e.g. 2024
        #[arg(long, value_name = "P")]
        period: String,
        #[command(flatten)]
        db: Db,
        /// Output format: table, json (`cogov.archive/1`) or csv
        #[arg(long, value_parser = super::output_parser(), default_value = "table")]
        format: Output,
    },
    /// Recompute the hash chain and report every run that no longer matches (校验档案)
    Verify {
        #[command(flatten)]
        db: Db,
    },
}

#[derive(Debug, Args)]
struct RecordArgs {
    #[command(flatten)]
    policy: PolicyArgs,
    /// The association's data file (.ron or .json), then any tables (.csv or .xlsx)
    #[arg(value_name = "DATA", required = true)]
    data: Vec<PathBuf>,
    /// The previous period's outcome (default: the archive's latest earlier run)
    #[arg(long, value_name = "OUTCOME.json")]
    previous: Option<PathBuf>,
    /// An outcome file to archive only if it equals the re-evaluation
    #[arg(long, value_name = "OUTCOME.json")]
    outcome: Option<PathBuf>,
    /// Record a correction (更正) of this current run
    #[arg(long, value_name = "RUN", requires = "reason")]
    supersedes: Option<i64>,
    /// Why the correction is made
    #[arg(long, value_name = "TEXT", requires = "supersedes")]
    reason: Option<String>,
    #[command(flatten)]
    db: Db,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(Debug, Args)]
struct Db {
    /// The archive file (default: cogov-archive.sqlite in the current folder)
    #[arg(long, value_name = "FILE", default_value = DEFAULT_PATH, hide_default_value = true)]
    db: PathBuf,
}

/// Runs an archive command.
pub(crate) fn run(lang: Lang, args: &ArchiveArgs) -> Result<(), Failure> {
    match &args.command {
        ArchiveCommand::Record(args) => record(args, lang),
        ArchiveCommand::History { code, db, format } => history(code, &db.db, lang, *format),
        ArchiveCommand::List { period, db, format } => list(period, &db.db, lang, *format),
        ArchiveCommand::Verify { db } => verify(&db.db, lang),
    }
}

/// An outcome given where the data belongs: it cannot be trusted alone, so it is refused with
/// the form that re-evaluates.
fn refuse_outcome(path: &Path) -> Result<(), Failure> {
    let mut head = [0u8; 512];
    let n = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .unwrap_or(0);
    let head = String::from_utf8_lossy(&head[..n]);
    let start = head.trim_start();
    if start.starts_with('{') && start.contains(r#""schema": "cogov.outcome/"#) {
        return Err(
            Problem::in_file(path, Msg::new("archive-record-outcome-given"))
                .with_help(Msg::new("archive-record-outcome-given-help"))
                .into(),
        );
    }
    Ok(())
}

fn record(args: &RecordArgs, lang: Lang) -> Result<(), Failure> {
    let started = Instant::now();
    refuse_outcome(&args.data[0])?;
    let db = &args.db.db;
    // A new archive holds no earlier run; it is created only once there is a run to record.
    let earlier = db.is_file().then_some(db.as_path());
    let run = evaluate_files(
        Inputs {
            archive: earlier,
            ..Inputs::files(
                &args.policy,
                &args.limits,
                &args.data,
                args.previous.as_deref(),
            )
        },
        Accounts::Full,
        lang,
    )?;
    let mut outcome = run.outcome;
    if let Some(given) = &args.outcome {
        let file = Outcome::load(given)?;
        if let Some(difference) = compare::first_difference(&file, &outcome) {
            let message = Msg::new("archive-outcome-refused").arg("difference", difference);
            return Err(Problem::in_file(given, message)
                .with_help(Msg::new("archive-outcome-refused-help"))
                .into());
        }
    }
    let how = Recording {
        previous_digest: run.previous.as_ref().map(outcome_digest),
        events: events::describe(&run.policies, &run.data, &outcome),
        correction: args.supersedes.map(|supersedes| Correction {
            supersedes,
            reason: args.reason.clone().unwrap_or_default(),
        }),
    };
    let mut archive = Archive::open_or_create(db)?;
    let (name, period) = (outcome.association.name.clone(), outcome.period.clone());
    let said = match archive.record(&mut outcome, &how)? {
        Recorded::New { run, members } => Msg::new("archive-recorded")
            .arg("run", run)
            .arg("name", name)
            .arg("period", period)
            .arg("members", members)
            .arg("db", db.display().to_string())
            .arg("ms", started.elapsed().as_millis() as u64)
            .arg("corrects", args.supersedes.unwrap_or(0)),
        Recorded::Already { run, recorded_at } => Msg::new("archive-already")
            .arg("run", run)
            .arg("at", recorded_at)
            .arg("name", name)
            .arg("period", period),
    };
    println!("{}", said.word(lang));
    // The process ends here: the operating system takes the memory back at once.
    std::mem::forget((outcome, how, run.policies, run.data, run.previous));
    Ok(())
}

fn history(code: &str, db: &Path, lang: Lang, format: Output) -> Result<(), Failure> {
    if let Err(e) = credit_code::validate(code) {
        let reason = e.msg();
        let message = Msg::new("archive-not-a-credit-code")
            .arg("code", code)
            .arg("reason", reason);
        return Err(Failure::Usage(message));
    }
    let archive = Archive::open(db)?;
    if archive.has_association(code)? {
        let runs = archive.association_runs(code)?;
        return print_as(&render::runs_as(&runs, lang, format), format);
    }
    let records = archive.history(code)?;
    if records.is_empty() {
        let none = Msg::new("archive-no-history")
            .arg("code", code)
            .arg("db", db.display().to_string());
        println!("{}", none.word(lang));
    } else {
        return print_as(&render::history_as(&records, lang, format), format);
    }
    Ok(())
}

fn list(period: &str, db: &Path, lang: Lang, format: Output) -> Result<(), Failure> {
    let archive = Archive::open(db)?;
    let runs = archive.period_runs(period)?;
    if runs.is_empty() {
        let periods = archive.periods()?;
        let known: crate::message::Arg = if periods.is_empty() {
            Msg::new("archive-no-periods").into()
        } else {
            periods.into()
        };
        let none = Msg::new("archive-no-period")
            .arg("period", period)
            .arg("db", db.display().to_string())
            .arg("known", known);
        println!("{}", none.word(lang));
        return Ok(());
    }
    let records = archive.list(period)?;
    print_as(
        &render::list_as(&runs, &records, period, lang, format),
        format,
    )
}

fn verify(db: &Path, lang: Lang) -> Result<(), Failure> {
    let verified = Archive::open(db)?.verify()?;
    if verified.findings.is_empty() {
        let ok = Msg::new("archive-verified")
            .arg("runs", verified.runs)
            .arg("records", verified.records)
            .arg("db", db.display().to_string())
            .arg("head", verified.head.unwrap_or_default());
        println!("{}", ok.word(lang));
        return Ok(());
    }
    let problems = verified
        .findings
        .into_iter()
        .map(|m| Problem::in_file(db, m))
        .collect();
    Err(Failure::Invalid(Problems(problems)))
}
