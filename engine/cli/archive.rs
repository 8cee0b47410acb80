//! `cogov archive`: append outcomes to the credit archive, and read back a member's history or
//! the members of one period.

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::{Args, Subcommand};

use super::{Failure, print_as};
use crate::archive::{Archive, DEFAULT_PATH, Recorded, has_member_credit, render};
use crate::data::credit_code;
use crate::outcome::Outcome;
use crate::render::Output;
use crate::text::Lang;


/// Keep members' credit in the archive and read it back (质量信用档案).
#[derive(Debug, Args)]
pub struct ArchiveArgs {
    #[command(subcommand)]
    command: ArchiveCommand,
}

#[derive(Debug, Subcommand)]
enum ArchiveCommand {
    /// Append an outcome's member credit as one run; an outcome already archived is not written
    /// again (追加记录)
    Record {
        /// An outcome written by `cogov eval --format json`
        #[arg(value_name = "OUTCOME.json")]
        outcome: PathBuf,
        #[command(flatten)]
        db: Db,
    },
    /// One member's credit in every period archived, with the reasons (成员信用档案)
    History {
        /// The member's unified social credit code
        #[arg(value_name = "CODE")]
        code: String,
        #[command(flatten)]
        db: Db,
        /// Output format: table, json (`cogov.archive/1`) or csv
        #[arg(long, value_parser = super::output_parser(), default_value = "table")]
        format: Output,
    },
    /// Every member's credit in one period (期间成员信用)
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
        ArchiveCommand::Record { outcome, db } => record(outcome, &db.db),
        ArchiveCommand::History { code, db, format } => history(code, &db.db, lang, *format),
        ArchiveCommand::List { period, db, format } => list(period, &db.db, lang, *format),
    }
}

fn record(outcome: &Path, db: &Path) -> Result<(), Failure> {
    let started = Instant::now();
    let outcome = Outcome::load(outcome)?;
    // Refused before the archive is opened, so that no empty archive is left behind.
    has_member_credit(&outcome, db)?;
    let mut archive = Archive::open_or_create(db)?;
    let what = format!("{} {}", outcome.association.name, outcome.period);
    match archive.record(&outcome)? {
        Recorded::New { run, members } => println!(
            "recorded run #{run}: {what}, {members} members, in {} ({} ms)",
            db.display(),
            started.elapsed().as_millis()
        ),
        Recorded::Already { run, recorded_at } => println!(
            "already archived as run #{run} (recorded {recorded_at}): {what}; nothing written"
        ),
    }
    Ok(())
}

fn history(code: &str, db: &Path, lang: Lang, format: Output) -> Result<(), Failure> {
    if let Err(e) = credit_code::validate(code) {
        return Err(Failure::Usage(format!(
            "`{code}` is not a unified social credit code: {e}"
        )));
    }
    let records = Archive::open(db)?.history(code)?;
    if records.is_empty() {
        println!("no records of `{code}` in {}", db.display());
    } else {
        return print_as(&render::history_as(&records, lang, format), format);
    }
    Ok(())
}

fn list(period: &str, db: &Path, lang: Lang, format: Output) -> Result<(), Failure> {
    let archive = Archive::open(db)?;
    let records = archive.list(period)?;
    if records.is_empty() {
        let periods = archive.periods()?;
        let known = if periods.is_empty() {
            "none".to_string()
        } else {
            periods.join(", ")
        };
        println!(
            "no records for period `{period}` in {}; periods archived: {known}",
            db.display()
        );
    } else {
        return print_as(&render::list_as(&records, period, lang, format), format);
    }
    Ok(())
}
