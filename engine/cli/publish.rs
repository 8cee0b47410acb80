//! `cogov publish listing|warning DATA`: the documents an association publishes, from the data
//! evaluated as `eval` does — the members' credit listing (8.1.2.2 c) and the sector credit
//! warning notice (8.1.2.3 b) — as HTML or Markdown, dated `--date` (default today). With no
//! sector warning there is no notice: the command says so and exits 3, writing nothing.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use jiff::civil::Date;

use super::{Failure, Inputs, LimitArgs, PolicyArgs, evaluate_files, write_output};
use crate::eval::Accounts;
use crate::message::Msg;
use crate::render::publish::{self, Document, NotPublished};
use crate::text::Lang;

/// Make the documents an association publishes (公布文件).
#[derive(Debug, Args)]
pub struct PublishArgs {
    #[command(subcommand)]
    command: PublishCommand,
}

#[derive(Debug, Subcommand)]
enum PublishCommand {
    /// Members' credit listing: the grades the policy publishes, validity, how to object and by
    /// when, credit repair (信用公示)
    Listing(DocumentArgs),
    /// The sector credit warning notice; with no warning nothing is written, exit code 3 (信用预警)
    Warning(DocumentArgs),
}

#[derive(Debug, Args)]
struct DocumentArgs {
    #[command(flatten)]
    policy: PolicyArgs,
    /// The association's data file (.ron or .json), then any tables (.csv or .xlsx)
    #[arg(value_name = "DATA", required = true)]
    data: Vec<PathBuf>,
    /// The previous period's outcome
    #[arg(long, value_name = "OUTCOME.json")]
    previous: Option<PathBuf>,
    /// Output format
    #[arg(long, value_parser = format_parser(), default_value = "html")]
    format: Document,
    /// Write to a file instead of the terminal
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Publication date (default: today)
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    #[command(flatten)]
    limits: LimitArgs,
}

/// `--format html|md`.
fn format_parser() -> impl clap::builder::TypedValueParser<Value = Document> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(["html", "md"]).map(|s| match s.as_str() {
        "md" => Document::Md,
        _ => Document::Html,
    })
}

/// Runs a publish command.
pub(crate) fn run(lang: Lang, args: &PublishArgs) -> Result<(), Failure> {
    let (args, listing) = match &args.command {
        PublishCommand::Listing(args) => (args, true),
        PublishCommand::Warning(args) => (args, false),
    };
    let published = match &args.date {
        Some(date) => date.parse::<Date>().map_err(|_| {
            Failure::Usage(Msg::new("publish-bad-date").arg("value", date.as_str()))
        })?,
        None => jiff::Zoned::now().date(),
    };
    let run = evaluate_files(
        Inputs::files(
            &args.policy,
            &args.limits,
            &args.data,
            args.previous.as_deref(),
        ),
        Accounts::Omitted,
        lang,
    )?;
    let end = &run.outcome.period_end;
    if end.parse::<Date>().is_ok_and(|end| published < end) {
        let message = Msg::new("publish-date-before-period")
            .arg("date", published.to_string())
            .arg("end", end.as_str());
        return Err(Failure::Usage(message));
    }
    let (policies, outcome) = (&run.policies, &run.outcome);
    let made = if listing {
        publish::listing(policies, outcome, published, args.format, lang)
    } else {
        publish::warning(policies, outcome, published, args.format, lang)
    };
    let text = made.map_err(|e| match e {
        NotPublished::Problem(p) => Failure::from(p),
        NotPublished::Nothing(message) => Failure::Nothing(message),
    })?;
    let text = crate::value::inert(&text).into_owned();
    write_output(args.output.as_deref(), |out| out.write_all(text.as_bytes()))
}
