//! `cogov archive`: append outcomes to the credit archive, and read back a member's history or
//! the members of one period.

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::{Args, Subcommand};

use super::{Failure, print_as};
use crate::archive::{Archive, DEFAULT_PATH, Recorded, has_member_credit, render};
use crate::data::credit_code;
use crate::message::Msg;
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
        ArchiveCommand::Record { outcome, db } => record(outcome, &db.db, lang),
        ArchiveCommand::History { code, db, format } => history(code, &db.db, lang, *format),
        ArchiveCommand::List { period, db, format } => list(period, &db.db, lang, *format),
    }
}

fn record(outcome: &Path, db: &Path, lang: Lang) -> Result<(), Failure> {
    let started = Instant::now();
    let outcome = Outcome::load(outcome)?;
    // Refused before the archive is opened, so that no empty archive is left behind.
    has_member_credit(&outcome, db)?;
    let mut archive = Archive::open_or_create(db)?;
    let (name, period) = (outcome.association.name.as_str(), outcome.period.as_str());
    let said = match archive.record(&outcome)? {
        Recorded::New { run, members } => Msg::new("archive-recorded")
            .arg("run", run)
            .arg("name", name)
            .arg("period", period)
            .arg("members", members)
            .arg("db", db.display().to_string())
            .arg("ms", started.elapsed().as_millis() as u64),
        Recorded::Already { run, recorded_at } => Msg::new("archive-already")
            .arg("run", run)
            .arg("at", recorded_at)
            .arg("name", name)
            .arg("period", period),
    };
    println!("{}", said.word(lang));
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
    let records = Archive::open(db)?.history(code)?;
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
    let records = archive.list(period)?;
    if records.is_empty() {
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
    } else {
        return print_as(&render::list_as(&records, period, lang, format), format);
    }
    Ok(())
}
