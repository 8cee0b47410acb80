//! The command line: arguments as typed by the user, turned once into loaded policies and data,
//! then handed to the pipeline. Exit codes: 0 ok, 1 invalid policy or data, 2 usage, 3 nothing
//! to publish (`publish warning` without a sector warning).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};

use crate::archive::Archive;
use crate::data::{DataFile, Dataset, TableLimits};
use crate::diagnostic::{Problem, Problems};
use crate::eval::{Accounts, PreviousGrades, evaluate_with_grades};
use crate::message::Msg;
use crate::outcome::Outcome;
use crate::policy::{PolicySet, PolicySource};
use crate::render::{self, Format};
use crate::text::Lang;
use crate::value::inert;
use crate::{diff, scenario, watch};
use clap::builder::TypedValueParser;

mod archive;
mod compare;
mod help;
mod publish;
mod template;
mod test;

/// `--lang zh|en`.
fn lang_parser() -> impl clap::builder::TypedValueParser<Value = Lang> {
    clap::builder::PossibleValuesParser::new(["zh", "en"])
        .map(|s| if s == "en" { Lang::En } else { Lang::Zh })
}

/// `--format table|json|md|html|xlsx`.
fn format_parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    clap::builder::PossibleValuesParser::new(["table", "json", "md", "html", "xlsx"]).map(|s| {
        match s.as_str() {
            "json" => Format::Json,
            "md" => Format::Md,
            "html" => Format::Html,
            "xlsx" => Format::Xlsx,
            _ => Format::Table,
        }
    })
}

/// `--format table|json|csv`.
pub(crate) fn output_parser() -> impl clap::builder::TypedValueParser<Value = render::Output> {
    clap::builder::PossibleValuesParser::new(["table", "json", "csv"]).map(|s| match s.as_str() {
        "json" => render::Output::Json,
        "csv" => render::Output::Csv,
        _ => render::Output::Table,
    })
}

/// cogov: industry quality co-governance rules engine (行业质量共治规则引擎)
#[derive(Debug, Parser)]
#[command(name = "cogov", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Language of every message and report: zh (中文, the default) or en; else $COGOV_LANG,
    /// else the locale
    #[arg(long, global = true, value_parser = lang_parser(), value_name = "zh|en")]
    lang: Option<Lang>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate the policies and print every problem (校验政策文件)
    Check(CheckArgs),
    /// Evaluate an association's data for one period (评估)
    Eval(EvalArgs),
    /// Explain an indicator's score or a member's credit (解释得分)
    Explain(ExplainArgs),
    /// Replay a scenario's steps (回放情景)
    Replay(ReplayArgs),
    /// Run scenarios' expectations and report what passed (运行情景测试)
    Test(test::TestArgs),
    /// Re-evaluate on every save and print what changed (编辑时热重载)
    ///
    /// Watches the policy folder (followed when it is replaced) and the folders of the data
    /// files and tables. After each burst of saves the whole policy set is rebuilt: a valid
    /// set that evaluates every data file replaces the one in use; an invalid one, or one that
    /// fails while evaluating, is refused with its problems while the last valid set keeps
    /// serving. Invalid data keeps its last good result. Invalid policies or data at the start
    /// are waited for. Stop with Ctrl-C.
    Watch(WatchArgs),
    /// What a rubric revision changes, before it is published (修订影响对比)
    ///
    /// Evaluates every dataset under both policy folders and reports what moves, then how
    /// many associations and members change grade. A scenario contributes the data of its
    /// `Eval` steps (its edits are not applied). Exits 1 when either policy set, or a dataset
    /// under either, is invalid.
    Diff(DiffArgs),
    /// Rank associations by their total as a share of the maximum, with movers, sectors and
    /// the indicator matrix (协会比较)
    ///
    /// Each input is an association's data file, an outcome or a scenario folder. The period
    /// compared is `--period`, else the latest among the inputs.
    Compare(compare::CompareArgs),
    /// Print the effective rules, marking what a sector changed (查看生效规则)
    Show(ShowArgs),
    /// Create a new sector overlay that changes nothing yet, or with --test a scenario (新建行业规则包或情景)
    Init(InitArgs),
    /// Write the data template an association fills in, from the policies (协会数据模板)
    ///
    /// One workbook for a whole association and period: the profile, every fact, the evidence
    /// register, the member roster, credit events and the complaint ledger, with drop-down lists
    /// from the policies. Evaluate it filled in with `cogov eval FILE.xlsx`.
    Template(template::TemplateArgs),
    /// Keep members' credit in the archive and read it back (质量信用档案)
    Archive(archive::ArchiveArgs),
    /// Make the documents an association publishes: the credit listing and the sector warning
    /// notice (公布文件)
    Publish(publish::PublishArgs),
    /// Print the shell completion script for bash, zsh, fish or powershell (命令补全脚本)
    ///
    /// bash: `cogov completions bash > /etc/bash_completion.d/cogov`; zsh: save it as `_cogov`
    /// in a folder on `$fpath`; fish: `cogov completions fish > ~/.config/fish/completions/cogov.fish`.
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page, in roff (使用手册): `cogov man > cogov.1; man ./cogov.1`
    Man,
}

#[derive(Debug, Args)]
struct ShowArgs {
    #[command(flatten)]
    policy: PolicyArgs,
    /// Output format: table, json (`cogov.show/1`) or csv
    #[arg(long, value_parser = output_parser(), default_value = "table")]
    format: render::Output,
    /// Print the sector's changed values whole, not cut at 60 characters
    #[arg(long)]
    all: bool,
}

#[derive(Debug, Args)]
struct InitArgs {
    /// Sector id: lower-case letters, digits and hyphens, e.g. `furniture`; with --test, the
    /// data file the scenario evaluates
    #[arg(value_name = "SECTOR|DATA")]
    target: String,
    /// Make a scenario `scenarios/NAME/` from the data file instead, its expectations filled
    /// from the current outcome
    #[arg(long, value_name = "NAME")]
    test: Option<String>,
    /// Policy folder (default: the shipped `policies/`)
    #[arg(long, value_name = "DIR")]
    policies: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct CheckArgs {
    #[command(flatten)]
    policy: PolicyArgs,
    /// Treat warnings (valid but probably not meant) as errors
    #[arg(long)]
    deny_warnings: bool,
}

/// Where the policies are and which sector overlay applies.
#[derive(Debug, Args)]
struct PolicyArgs {
    /// Policy folder (default: the shipped `policies/`)
    #[arg(long, value_name = "DIR")]
    policies: Option<PathBuf>,
    /// Sector overlay (default: the sector the data declares)
    #[arg(long, value_name = "NAME")]
    sector: Option<String>,
}

/// How much a workbook may hold before it is refused unread (`--max-…`), for every command
/// that reads tables.
#[derive(Debug, Args)]
pub(crate) struct LimitArgs {
    /// Rows a worksheet may have
    #[arg(long, value_name = "N", default_value_t = TableLimits::DEFAULT.rows,
          value_parser = clap::value_parser!(u32).range(1..))]
    max_rows: u32,
    /// Columns a worksheet may have
    #[arg(long, value_name = "N", default_value_t = TableLimits::DEFAULT.columns,
          value_parser = clap::value_parser!(u32).range(1..))]
    max_columns: u32,
    /// Cells a workbook may hold, each row counted to its last filled cell
    #[arg(long, value_name = "N", default_value_t = TableLimits::DEFAULT.cells,
          value_parser = clap::value_parser!(u64).range(1..))]
    max_cells: u64,
    /// Megabytes a workbook's parts may inflate to, together
    #[arg(long, value_name = "MB", default_value_t = TableLimits::DEFAULT.inflated_mb,
          value_parser = clap::value_parser!(u64).range(1..))]
    max_inflated_mb: u64,
}

impl LimitArgs {
    /// The limits the flags give.
    pub(crate) fn limits(&self) -> TableLimits {
        TableLimits {
            rows: self.max_rows,
            columns: self.max_columns,
            cells: self.max_cells,
            inflated_mb: self.max_inflated_mb,
        }
    }
}

#[derive(Debug, Args)]
struct EvalArgs {
    #[command(flatten)]
    policy: PolicyArgs,
    /// The association's data file (.ron or .json, or the filled-in data template .xlsx), then
    /// any member roster, sampling result or credit event tables (.csv or .xlsx) to merge into it
    #[arg(value_name = "DATA", required = true)]
    data: Vec<PathBuf>,
    /// The previous period's outcome (JSON from `eval --format json`)
    #[arg(long, value_name = "OUTCOME.json")]
    previous: Option<PathBuf>,
    /// The credit archive to take the previous outcome from (unless --previous gives it) and
    /// members' earlier grades: the latest run of this association that ended before this
    /// period
    #[arg(long, value_name = "FILE")]
    archive: Option<PathBuf>,
    /// Output format (xlsx needs `-o`)
    #[arg(long, value_parser = format_parser(), default_value = "table")]
    format: Format,
    /// Write to a file instead of the terminal
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// List every member warning in the table, not only the first 12
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    limits: LimitArgs,
    /// The date of the sampling notice the tables come from: the date of rows the import
    /// policy dates by the notice (`date_from`)
    #[arg(long, value_name = "YYYY-MM-DD")]
    notice_date: Option<String>,
}

#[derive(Debug, Args)]
struct ExplainArgs {
    #[command(flatten)]
    policy: PolicyArgs,
    /// The association's data file (.ron or .json), then any tables (.csv or .xlsx)
    #[arg(value_name = "DATA", required = true)]
    data: Vec<PathBuf>,
    /// The previous period's outcome
    #[arg(long, value_name = "OUTCOME.json")]
    previous: Option<PathBuf>,
    /// Indicator to explain, e.g. C17
    #[arg(
        long,
        value_name = "ID",
        required_unless_present = "member",
        conflicts_with = "member"
    )]
    indicator: Option<String>,
    /// Member to explain, by unified social credit code
    #[arg(long, value_name = "CODE")]
    member: Option<String>,
    /// Output format: table, json (`cogov.explain/1`) or csv
    #[arg(long, value_parser = output_parser(), default_value = "table")]
    format: render::Output,
    #[command(flatten)]
    limits: LimitArgs,
    /// The date of the sampling notice the tables come from
    #[arg(long, value_name = "YYYY-MM-DD")]
    notice_date: Option<String>,
}

#[derive(Debug, Args)]
struct ReplayArgs {
    /// The scenario file (scenarios/<name>/scenario.ron) or its folder
    #[arg(value_name = "SCENARIO")]
    scenario: PathBuf,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(Debug, Args)]
struct WatchArgs {
    #[command(flatten)]
    policy: PolicyArgs,
    /// Association data files (.ron or .json), each followed by any member roster, sampling
    /// result or credit event tables (.csv or .xlsx) to merge into it; their folders are
    /// watched too
    #[arg(value_name = "DATA", required = true)]
    data: Vec<PathBuf>,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(Debug, Args)]
struct DiffArgs {
    /// The policy folder in force
    #[arg(long, value_name = "DIR")]
    from: PathBuf,
    /// The revised policy folder
    #[arg(long, value_name = "DIR")]
    to: PathBuf,
    /// Sector overlay (default: the scenario's, else the sector the data declares)
    #[arg(long, value_name = "NAME")]
    sector: Option<String>,
    /// Data files, and scenarios (every `Eval` step's data)
    #[arg(value_name = "DATA|SCENARIO", required = true)]
    inputs: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    format: DiffFormat,
    #[command(flatten)]
    limits: LimitArgs,
}

/// Output format of `cogov diff`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
enum DiffFormat {
    /// Aligned text for a terminal.
    #[default]
    Table,
    /// JSON (`cogov.diff/1`).
    Json,
}

/// Runs the command line and returns the exit code.
pub fn run() -> i32 {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = Lang::chosen(&argv);
    let cli = match help::parse(argv, lang) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    render::table::set_width(render::table::terminal_width());
    let result = match cli.command {
        Command::Check(args) => check(lang, &args),
        Command::Eval(args) => eval(lang, &args),
        Command::Explain(args) => explain(lang, &args),
        Command::Replay(args) => replay_cmd(lang, &args),
        Command::Test(args) => test::run(lang, &args),
        Command::Show(args) => load_policies(&args.policy, None).and_then(|p| {
            print_as(
                &render::show_as(&p, lang, args.format, args.all),
                args.format,
            )
        }),
        Command::Init(args) => init(lang, &args),
        Command::Template(args) => template::run(lang, &args),
        Command::Watch(args) => watch_cmd(lang, &args),
        Command::Diff(args) => diff_cmd(lang, &args),
        Command::Compare(args) => compare::run(lang, &args),
        Command::Archive(args) => archive::run(lang, &args),
        Command::Publish(args) => publish::run(lang, &args),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut help::command(lang), "cogov", &mut script);
            print_raw(&String::from_utf8_lossy(&script))
        }
        Command::Man => help::man_page(lang)
            .map_err(|e| {
                let message = Msg::new("cli-man-failed").arg("error", e.to_string());
                Failure::from(Problem::in_file(Path::new("cogov.1"), message))
            })
            .and_then(|page| print_raw(&page)),
    };
    match result {
        Ok(()) => 0,
        Err(Failure::Invalid(problems)) => {
            eprint!("{}", render_problems(&problems, lang));
            1
        }
        Err(Failure::Reported) => 1,
        Err(Failure::Nothing(message)) => {
            eprintln!("{}", message.word(lang));
            3
        }
        Err(Failure::Usage(message)) => {
            eprintln!(
                "{}",
                Msg::new("cli-error").arg("message", message).word(lang)
            );
            2
        }
    }
}

/// Why a command did not finish.
pub(crate) enum Failure {
    /// Policies or data are invalid (exit 1).
    Invalid(Problems),
    /// Problems were already printed along the way (exit 1).
    Reported,
    /// The command was used wrongly (exit 2).
    Usage(Msg),
    /// There is nothing to publish, as the message says (exit 3).
    Nothing(Msg),
}

impl From<Problems> for Failure {
    fn from(p: Problems) -> Self {
        Failure::Invalid(p)
    }
}

impl From<Problem> for Failure {
    fn from(p: Problem) -> Self {
        Failure::Invalid(p.into())
    }
}

/// Problems with colour on a terminal, plain otherwise.
fn render_problems(problems: &Problems, lang: Lang) -> String {
    if std::io::stderr().is_terminal() {
        problems.render(miette::GraphicalTheme::unicode(), lang)
    } else {
        problems.render_plain(lang)
    }
}

/// The policy folder for commands that need one on disk (watch, replay, init): `--policies`,
/// else `$COGOV_POLICIES`, else `./policies`.
pub(crate) fn policy_folder(given: Option<&Path>) -> Result<PathBuf, Failure> {
    match PolicySource::find(given) {
        PolicySource::Folder(dir) => Ok(dir),
        PolicySource::Embedded => Err(Failure::Usage(
            Msg::new("cli-needs-policy-folder").arg("env", crate::policy::source::POLICIES_ENV),
        )),
    }
}

fn load_policies(args: &PolicyArgs, data_sector: Option<&str>) -> Result<PolicySet, Failure> {
    let source = PolicySource::find(args.policies.as_deref());
    let sector = args
        .sector
        .as_deref()
        .or(data_sector)
        .filter(|s| *s != "base");
    Ok(PolicySet::load_from(&source, sector)?)
}

/// Checks one sector when `--sector` says so, else the base and every sector; warnings are
/// printed and fail the check only with `--deny-warnings`.
fn check(lang: Lang, args: &CheckArgs) -> Result<(), Failure> {
    let started = std::time::Instant::now();
    let source = PolicySource::find(args.policy.policies.as_deref());
    let (policies, warnings, sectors) = match args.policy.sector.as_deref() {
        Some(sector) => {
            let set = PolicySet::load_from(&source, Some(sector).filter(|s| *s != "base"))?;
            let warnings = set.warnings.clone();
            (set, warnings, None)
        }
        None => {
            let (set, warnings) = crate::policy::check_all(&source)?;
            (set, warnings, Some(source.sectors().len()))
        }
    };
    if !warnings.is_empty() {
        eprint!("{}", render_problems(&warnings, lang));
        if args.deny_warnings {
            return Err(Failure::Reported);
        }
    }
    let indicators = policies.rubric.indicators().count();
    let scope: crate::message::Arg = match sectors {
        Some(n) => Msg::new("cli-check-scope-all").arg("n", n).into(),
        None => policies.sector_name().into(),
    };
    let ok = Msg::new("cli-check-ok")
        .arg("root", policies.root.display().to_string())
        .arg("scope", scope)
        .arg("indicators", indicators)
        .arg("triggers", policies.triggers.len())
        .arg("scripts", policies.scripts.len())
        .arg("digest", policies.digest.as_str())
        .arg("ms", started.elapsed().as_millis() as u64);
    println!("{}", ok.word(lang));
    Ok(())
}

/// Stage lines on a terminal while a large file is evaluated (a city's archive takes seconds);
/// silent for small files and when standard error is not a terminal.
struct Progress {
    started: Option<std::time::Instant>,
    lang: Lang,
}

impl Progress {
    /// Files above this size get stage lines.
    const LARGE: u64 = 20_000_000;

    fn for_file(path: &Path, lang: Lang) -> Progress {
        let large = std::fs::metadata(path).is_ok_and(|m| m.len() > Self::LARGE);
        let started = (large && std::io::stderr().is_terminal()).then(std::time::Instant::now);
        Progress { started, lang }
    }

    fn say(&self, stage: Msg) {
        if let Some(started) = self.started {
            let stage = stage.word(self.lang);
            eprintln!("[{:>6.1} s] {stage}", started.elapsed().as_secs_f64());
        }
    }
}

/// What one evaluation read and produced.
struct Evaluated {
    policies: PolicySet,
    data: Dataset,
    outcome: Outcome,
    /// The previous outcome it was evaluated with.
    previous: Option<Outcome>,
}

/// `--notice-date YYYY-MM-DD`, or a usage error naming what was given.
fn notice_date(given: Option<&str>) -> Result<Option<jiff::civil::Date>, Failure> {
    given
        .map(|text| {
            jiff::civil::Date::strptime("%Y-%m-%d", text)
                .map_err(|_| Failure::Usage(Msg::new("cli-notice-date-invalid").arg("value", text)))
        })
        .transpose()
}

/// What an evaluation reads, as its command's arguments give it.
struct Inputs<'a> {
    /// Where the policies are.
    policy: &'a PolicyArgs,
    /// The limits tables are read within.
    limits: &'a LimitArgs,
    /// The association file, then its tables.
    data: &'a [PathBuf],
    /// The previous period's outcome file.
    previous: Option<&'a Path>,
    /// The date of the sampling notice (`--notice-date`), as written.
    notice: Option<&'a str>,
    /// The archive that gives the previous outcome and members' earlier grades.
    archive: Option<&'a Path>,
}

impl<'a> Inputs<'a> {
    /// The policies, data and previous outcome, with no notice date and no archive.
    fn files(
        policy: &'a PolicyArgs,
        limits: &'a LimitArgs,
        data: &'a [PathBuf],
        previous: Option<&'a Path>,
    ) -> Self {
        Inputs {
            policy,
            limits,
            data,
            previous,
            notice: None,
            archive: None,
        }
    }
}

/// Loads policies for the data's sector, the data (an association file, then tables, dated by
/// the notice when `notice` gives its date) and the previous outcome, and evaluates. The
/// previous outcome is the file given, else the archive's latest run of the association that
/// ended before this period; members' earlier grades come from it, and from the archive for
/// members it does not have. Warnings about the tables (rows left out) go to standard error.
fn evaluate_files(inputs: Inputs, accounts: Accounts, lang: Lang) -> Result<Evaluated, Failure> {
    let Inputs {
        policy,
        limits,
        data,
        previous,
        notice,
        archive,
    } = inputs;
    let notice = notice_date(notice)?;
    let (association, tables) = data.split_first().expect("clap requires DATA");
    let progress = Progress::for_file(association, lang);
    progress.say(Msg::new("cli-progress-reading"));
    let file = DataFile::read(association)?;
    let policies = load_policies(policy, Some(file.sector()))?;
    progress.say(Msg::new("cli-progress-checking"));
    let dataset = Dataset::check_within(file, tables, &limits.limits(), notice, &policies)?;
    if !dataset.warnings.0.is_empty() {
        eprint!("{}", render_problems(&dataset.warnings, lang));
    }
    progress.say(Msg::new("cli-progress-evaluating"));
    let mut previous = previous.map(Outcome::load).transpose()?;
    let mut grades = Vec::new();
    if let Some(archive) = archive {
        let archive = Archive::open(archive)?;
        let (code, start) = (&dataset.profile.credit_code, dataset.period.start);
        grades = archive.grades_before(code, start)?;
        if previous.is_none() {
            previous = archive.previous_outcome(code, start)?;
        }
    }
    // The previous outcome's grades win over the archive's.
    let members = previous.iter().flat_map(|p| &p.members);
    grades.extend(members.map(|m| (m.id.clone(), m.grade.clone())));
    let grades: PreviousGrades = grades.into_iter().collect();
    let outcome = evaluate_with_grades(&policies, &dataset, previous.as_ref(), &grades, accounts)?;
    progress.say(Msg::new("cli-progress-done"));
    Ok(Evaluated {
        policies,
        data: dataset,
        outcome,
        previous,
    })
}

fn eval(lang: Lang, args: &EvalArgs) -> Result<(), Failure> {
    if args.format == Format::Xlsx && args.output.is_none() {
        return Err(Failure::Usage(Msg::new("workbook-needs-output")));
    }
    let run = evaluate_files(
        Inputs {
            notice: args.notice_date.as_deref(),
            archive: args.archive.as_deref(),
            ..Inputs::files(
                &args.policy,
                &args.limits,
                &args.data,
                args.previous.as_deref(),
            )
        },
        // Only the JSON outcome prints members' accounts.
        match args.format {
            Format::Json => Accounts::Full,
            _ => Accounts::Omitted,
        },
        lang,
    )?;
    let outcome = &run.outcome;
    let written = match args.format {
        // Large outcomes stream straight to the file.
        Format::Json => write_output(args.output.as_deref(), |out| outcome.write_json(out)),
        format => {
            let output = args.output.as_deref().unwrap_or(Path::new("-"));
            let bytes = render::render_all(
                &run.policies,
                outcome,
                run.previous.as_ref(),
                format,
                lang,
                args.all,
                output,
            )
            .map_err(Failure::from)?;
            write_output(args.output.as_deref(), |out| out.write_all(&bytes))
        }
    };
    // The process ends here: the operating system takes the memory back at once, where
    // freeing a large archive's millions of allocations one by one would take a while.
    std::mem::forget(run);
    written
}

/// Prints a command's text output, with control characters from the data made inert. When
/// the reader has gone (`cogov … | head`), the rest is not wanted: that ends the output
/// quietly; any other failure is a problem.
pub(crate) fn print_out(text: &str) -> Result<(), Failure> {
    print_raw(&inert(text))
}

/// Prints text as it is: JSON (serde has escaped its control characters), scripts, pages.
fn print_raw(text: &str) -> Result<(), Failure> {
    write_output(None, |out| out.write_all(text.as_bytes()))
}

/// Writes to a file (or standard output) through a buffer; a failure names the file. A file is
/// written whole or not at all: into a new file beside it, renamed over it once complete, so
/// a full disk or a kill leaves the previous file as it was. A closed pipe on standard output
/// is not a failure: the reader has what it wanted.
fn write_output(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), Failure> {
    use std::io::Write;
    let result = match path {
        // A device or pipe (`-o /dev/stdout`, a FIFO) is written as it is: renaming a file
        // over it would replace it.
        Some(path) if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) => {
            std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .and_then(|f| {
                    let mut out = std::io::BufWriter::with_capacity(1 << 20, f);
                    write(&mut out)?;
                    out.flush()
                })
        }
        Some(path) => {
            let name = path
                .file_name()
                .map_or("output".into(), |n| n.to_string_lossy());
            let partial = path.with_file_name(format!(".{name}.{}.partial", std::process::id()));
            let written = std::fs::File::create(&partial).and_then(|f| {
                // Large outcomes are written a megabyte at a time.
                let mut out = std::io::BufWriter::with_capacity(1 << 20, f);
                write(&mut out)?;
                // Flushed, not synced: the rename happens only once every byte was written, which
                // covers a full disk, a write error and a kill; syncing 100 MB would add half a
                // second for the one case left, a power cut between the write and the disk.
                out.flush()?;
                std::fs::rename(&partial, path)
            });
            if written.is_err() {
                let _ = std::fs::remove_file(&partial);
            }
            written
        }
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            write(&mut out).and_then(|()| out.flush())
        }
    };
    match result {
        Err(e) if path.is_none() && e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => {
            let error = e.to_string();
            let problem = match path {
                Some(path) => {
                    Problem::in_file(path, Msg::new("cli-cannot-write").arg("error", error))
                }
                // `-`: standard output, as on most command lines.
                None => Problem::in_file(
                    Path::new("-"),
                    Msg::new("cli-cannot-write-stdout").arg("error", error),
                ),
            };
            Err(problem.into())
        }
        Ok(()) => Ok(()),
    }
}

fn explain(lang: Lang, args: &ExplainArgs) -> Result<(), Failure> {
    let run = evaluate_files(
        Inputs {
            notice: args.notice_date.as_deref(),
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
    let explained = match (&args.indicator, &args.member) {
        (Some(id), _) => render::explain_indicator(&run.policies, &run.outcome, id, lang),
        (None, Some(code)) => {
            render::explain_member(&run.policies, &run.data, &run.outcome, code, lang)
        }
        (None, None) => unreachable!("clap requires --indicator or --member"),
    }
    .map_err(Failure::Usage)?;
    print_as(&explained.to(args.format), args.format)
}

/// Prints a command's output in a format: terminal text made inert; JSON (serde has escaped
/// its control characters) and CSV with any control character but CR and LF masked.
pub(crate) fn print_as(text: &str, format: render::Output) -> Result<(), Failure> {
    match format {
        render::Output::Table => print_out(text),
        // CSV records end in CRLF (RFC 4180): only the other control characters are masked.
        render::Output::Json | render::Output::Csv => {
            print_raw(&crate::value::inert_in_place(text))
        }
    }
}

fn replay_cmd(lang: Lang, args: &ReplayArgs) -> Result<(), Failure> {
    let options = scenario::Options {
        lang,
        limits: args.limits.limits(),
        ..scenario::Options::default()
    };
    let report = scenario::run(&args.scenario, &options)?;
    print_out(&report.transcript)?;
    if !report.problems.is_empty() {
        eprint!("{}", render_problems(&report.problems, lang));
    }
    let failed = report.failures().count();
    if failed > 0 {
        let failed = Msg::new("cli-replay-failed").arg("n", failed);
        eprintln!("{}", failed.word(lang));
    }
    if report.passed() {
        Ok(())
    } else {
        Err(Failure::Reported)
    }
}

fn init(lang: Lang, args: &InitArgs) -> Result<(), Failure> {
    if let Some(name) = &args.test {
        return init_test(
            lang,
            name,
            Path::new(&args.target),
            args.policies.as_deref(),
        );
    }
    let name = &args.target;
    if !crate::policy::source::is_sector_id(name) {
        return Err(Failure::Usage(
            Msg::new("cli-init-bad-sector").arg("name", name),
        ));
    }
    let root = policy_folder(args.policies.as_deref())?;
    let folder = root.join("sectors").join(name);
    if folder.exists() {
        let folder = folder.display().to_string();
        return Err(Failure::Usage(
            Msg::new("cli-init-exists").arg("folder", folder),
        ));
    }
    let file = folder.join(crate::policy::OVERLAY_FILE);
    std::fs::create_dir_all(&folder)
        .and_then(|()| std::fs::write(&file, crate::policy::source::overlay_template(name)))
        .map_err(|e| {
            let message = Msg::new("cli-init-cannot-create").arg("error", e.to_string());
            Problem::in_file(&file, message)
        })?;
    let policies = PolicySet::load(&root, Some(name))?;
    let created = Msg::new("cli-init-created")
        .arg("file", file.display().to_string())
        .arg("digest", policies.digest.as_str())
        .arg("name", name);
    println!("{}", created.word(lang));
    Ok(())
}

/// `cogov init --test NAME DATA`: a scenario under `./scenarios/` pinning the data's outcome.
fn init_test(lang: Lang, name: &str, data: &Path, policies: Option<&Path>) -> Result<(), Failure> {
    if !crate::policy::source::is_sector_id(name) {
        return Err(Failure::Usage(
            Msg::new("test-init-bad-name").arg("name", name),
        ));
    }
    let folder = Path::new("scenarios").join(name);
    if folder.exists() {
        let folder = folder.display().to_string();
        return Err(Failure::Usage(
            Msg::new("cli-init-exists").arg("folder", folder),
        ));
    }
    let root = policy_folder(policies)?;
    let file = scenario::scaffold::scaffold(&folder, data, &root)?;
    let created = Msg::new("test-init-created")
        .arg("file", file.display().to_string())
        .arg("folder", folder.display().to_string());
    println!("{}", created.word(lang));
    Ok(())
}

/// Opens a session, prints what it serves and what is wrong, then reloads after every burst
/// of changes until interrupted (Ctrl-C). Invalid policies or data at the start are printed
/// and waited for: they are served once fixed.
fn watch_cmd(lang: Lang, args: &WatchArgs) -> Result<(), Failure> {
    let config = watch::Config {
        policies: policy_folder(args.policy.policies.as_deref())?,
        sector: args.policy.sector.clone(),
        data: watch_inputs(&args.data)?,
        limits: args.limits.limits(),
    };
    let (mut session, opened) = watch::Session::open(config);
    let mut watcher = watch::follow::Watcher::new(&session, watch::follow::DEBOUNCE)?;
    let render = |p: &Problems| render_problems(p, lang);
    print!("{}", inert(&session.summary(lang)));
    // Standard error is the terminal's: a failure to write to it ends nothing.
    let _ = opened.write_problems(lang, &mut std::io::stderr(), &render);
    println!("{}", Msg::new("watch-watching").word(lang));
    let here = std::env::current_dir().unwrap_or_default();
    loop {
        let Some(burst) = watcher.next_burst(std::time::Duration::from_secs(3600)) else {
            continue;
        };
        for error in &burst.errors {
            eprintln!("{}", error.word(lang));
        }
        let paths: Vec<String> = burst
            .paths
            .iter()
            .map(|p| p.strip_prefix(&here).unwrap_or(p).display().to_string())
            .collect();
        let time = jiff::Zoned::now().strftime("%H:%M:%S");
        let mut report = format!("\n── {time}  {} ──\n", paths.join(", "));
        if burst.rewatched {
            report.push_str(&Msg::new("watch-policies-replaced").word(lang));
            report.push('\n');
        }
        let reload = session.reload();
        let (mut out, mut err) = (Vec::new(), std::io::stderr());
        let written = reload.write(lang, &mut out, &mut err, &render);
        report.push_str(&String::from_utf8_lossy(&out));
        // A closed terminal ends the loop like Ctrl-C does.
        if written.is_err()
            || std::io::stdout()
                .write_all(inert(&report).as_bytes())
                .and_then(|()| std::io::stdout().flush())
                .is_err()
        {
            return Ok(());
        }
    }
}

/// The data files given to `watch`, each with the tables that follow it, as `eval` takes one
/// data file and its tables: a `.ron` or `.json` file, or a data workbook (one with the
/// template's profile sheet), starts the next data file.
fn watch_inputs(given: &[PathBuf]) -> Result<Vec<watch::Input>, Failure> {
    let mut inputs: Vec<watch::Input> = Vec::new();
    for path in given {
        let ext = path.extension().and_then(|e| e.to_str());
        let ext = ext.map(str::to_ascii_lowercase);
        if matches!(ext.as_deref(), Some("ron" | "json"))
            || crate::data::workbook::is_association_workbook(path)
        {
            inputs.push(path.clone().into());
            continue;
        }
        match inputs.last_mut() {
            Some(input) => input.tables.push(path.clone()),
            None => {
                let table = path.display().to_string();
                let message = Msg::new("watch-table-before-data").arg("table", table);
                return Err(Failure::Usage(message));
            }
        }
    }
    Ok(inputs)
}

fn diff_cmd(lang: Lang, args: &DiffArgs) -> Result<(), Failure> {
    let request = diff::Request {
        from: args.from.clone(),
        to: args.to.clone(),
        sector: args.sector.clone(),
        inputs: args.inputs.clone(),
        limits: args.limits.limits(),
    };
    let diff = diff::diff(&request)?;
    match args.format {
        DiffFormat::Table => print_out(&diff.to_text(lang)),
        DiffFormat::Json => print_raw(&diff.to_json()),
    }
}
