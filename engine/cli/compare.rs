//! `cogov compare`: the inputs (association data, outcomes, scenario folders) turned into
//! outcomes, then compared and rendered. Loading is kept apart from the comparison, which
//! sees only outcomes and where they came from.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::Args;
use clap::builder::TypedValueParser;

use super::{Failure, LimitArgs, print_as, write_output};
use crate::compare::{Sourced, compare};
use crate::data::{DataFile, Dataset, TableLimits};
use crate::diagnostic::{Problem, Problems, SourceFile};
use crate::eval::{Accounts, PreviousGrades, evaluate_with_grades};
use crate::message::Msg;
use crate::outcome::Outcome;
use crate::periods::{evaluation_order, previous_for};
use crate::policy::{PolicySet, PolicySource};
use crate::render::Output;
use crate::text::{Lang, Text};
use crate::{scenario, value};

/// Compare associations in one period (协会比较).
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Association data files, outcomes and scenario folders
    #[arg(value_name = "INPUT", required_unless_present = "archive")]
    inputs: Vec<PathBuf>,
    /// The credit archive: compare the associations' current runs archived in it
    #[arg(long, value_name = "FILE")]
    archive: Option<PathBuf>,
    /// The period to compare (default: the latest among the inputs)
    #[arg(long, value_name = "P")]
    period: Option<String>,
    /// Policy folder (default: the shipped `policies/`)
    #[arg(long, value_name = "DIR")]
    policies: Option<PathBuf>,
    /// Output format
    #[arg(long, value_parser = format_parser(), default_value = "table")]
    format: Format,
    /// Write to a file instead of the terminal
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// List every association in the indicator matrix
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    limits: LimitArgs,
}

/// Output format of `cogov compare`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Table,
    Json,
    Csv,
    Xlsx,
}

/// `--format table|json|csv|xlsx`.
fn format_parser() -> impl TypedValueParser<Value = Format> {
    clap::builder::PossibleValuesParser::new(["table", "json", "csv", "xlsx"]).map(|s| {
        match s.as_str() {
            "json" => Format::Json,
            "csv" => Format::Csv,
            "xlsx" => Format::Xlsx,
            _ => Format::Table,
        }
    })
}

/// Runs `cogov compare`.
pub(crate) fn run(lang: Lang, args: &CompareArgs) -> Result<(), Failure> {
    if args.format == Format::Xlsx && args.output.is_none() {
        return Err(Failure::Usage(Msg::new("compare-xlsx-needs-output")));
    }
    let source = PolicySource::find(args.policies.as_deref());
    let (mut outcomes, mut policies) = load(&args.inputs, &source, &args.limits.limits())?;
    if let Some(db) = &args.archive {
        outcomes.extend(archived(db)?);
    }
    let sectors = sector_names(&outcomes, &mut policies, &source);
    let comparison = compare(&outcomes, args.period.as_deref(), &sectors)?;
    if comparison.ranking.len() == 1 {
        let single = Msg::new("compare-single").arg("period", comparison.period.as_str());
        eprintln!("{}", single.word(lang));
    }
    let (text, output) = match args.format {
        Format::Xlsx => {
            let path = args.output.as_deref().expect("checked above");
            let book = comparison.to_xlsx(lang).map_err(|e| {
                let message = Msg::new("compare-cannot-write-xlsx").arg("error", e.to_string());
                Problem::in_file(path, message)
            })?;
            return write_output(Some(path), |out| out.write_all(&book));
        }
        Format::Table => (comparison.to_text(lang, args.all), Output::Table),
        Format::Json => (comparison.to_json(), Output::Json),
        Format::Csv => (comparison.to_csv(lang), Output::Csv),
    };
    match &args.output {
        None => print_as(&text, output),
        Some(path) => {
            let text = match output {
                Output::Table => value::inert(&text),
                Output::Json | Output::Csv => value::inert_in_place(&text),
            };
            write_output(Some(path), |out| out.write_all(text.as_bytes()))
        }
    }
}

/// The association evaluations an archive holds: every current run's association part.
fn archived(db: &Path) -> Result<Vec<Sourced>, Problem> {
    let runs = crate::archive::Archive::open(db)?.current_runs()?;
    Ok(runs
        .into_iter()
        .filter_map(|run| run.association)
        .map(|outcome| Sourced {
            outcome,
            source: db.to_path_buf(),
        })
        .collect())
}

/// The policy sets loaded, by sector (`None`: the sector's set has problems).
type Loaded = BTreeMap<String, Option<PolicySet>>;

/// What an input names.
enum Input {
    /// An association data file with the tables merged into it, and the sector a scenario
    /// sets for it.
    Data {
        path: PathBuf,
        tables: Vec<PathBuf>,
        sector: Option<String>,
    },
    /// An outcome written by `cogov eval --format json`.
    Outcome(PathBuf),
}

/// The inputs as outcomes, each with where it came from, and the policy sets loaded for them
/// by sector (their names are looked up there); workbooks are read within `limits`. Every
/// problem of every input is reported together.
fn load(
    inputs: &[PathBuf],
    source: &PolicySource,
    limits: &TableLimits,
) -> Result<(Vec<Sourced>, Loaded), Problems> {
    let mut problems = Problems::default();
    let mut found: Vec<Input> = Vec::new();
    for input in inputs {
        match classify(input) {
            Ok(more) => {
                for i in more {
                    let seen = found.iter().any(|f| same_input(f, &i));
                    if !seen {
                        found.push(i);
                    }
                }
            }
            Err(p) => problems.0.extend(p.0),
        }
    }
    let mut outcomes = Vec::new();
    let mut data = Vec::new();
    for input in found {
        match input {
            Input::Outcome(path) => match Outcome::load(&path) {
                Ok(outcome) => outcomes.push(Sourced {
                    outcome,
                    source: path,
                }),
                Err(p) => problems.push(p),
            },
            Input::Data {
                path,
                tables,
                sector,
            } => match DataFile::read(&path) {
                Ok(file) => {
                    let sector = sector.unwrap_or_else(|| file.sector().to_string());
                    data.push((path, tables, file, sector));
                }
                Err(p) => problems.0.extend(p.0),
            },
        }
    }
    let mut policies: BTreeMap<String, Option<PolicySet>> = BTreeMap::new();
    for (_, _, _, sector) in &data {
        if !policies.contains_key(sector) {
            let set = PolicySet::load_from(source, Some(sector.as_str()).filter(|s| *s != "base"));
            policies.insert(sector.clone(), set.map_err(|p| problems.0.extend(p.0)).ok());
        }
    }
    let mut checked = Vec::new();
    for (path, tables, file, sector) in data {
        let Some(Some(set)) = policies.get(&sector) else {
            continue;
        };
        match Dataset::check_within(file, &tables, limits, None, set) {
            Ok(dataset) => checked.push((path, dataset, set)),
            Err(p) => problems.0.extend(p.0),
        }
    }
    for n in evaluation_order(checked.iter().map(|(_, d, _)| d)) {
        let (path, dataset, set) = &checked[n];
        let earlier = outcomes.iter().map(|s: &Sourced| ((), &s.outcome));
        let previous = previous_for(earlier, dataset).map(|(_, o)| o);
        let grades = previous.map_or_else(PreviousGrades::default, PreviousGrades::from_outcome);
        match evaluate_with_grades(set, dataset, previous, &grades, Accounts::Omitted) {
            Ok(outcome) => outcomes.push(Sourced {
                outcome,
                source: path.clone(),
            }),
            Err(p) => problems.0.extend(p.0),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok((outcomes, policies))
}

/// The inputs a path names: a scenario's data files, a data file or an outcome.
fn classify(path: &Path) -> Result<Vec<Input>, Problems> {
    if scenario::is_scenario(path) {
        let (sector, files) = scenario::scenario_data(path)?;
        return Ok(files
            .into_iter()
            .map(|(path, tables)| Input::Data {
                path,
                tables,
                sector: sector.clone(),
            })
            .collect());
    }
    if std::fs::metadata(path).is_err() {
        // Says why it cannot be read.
        SourceFile::read(path)?;
    }
    let data = |path: &Path| Input::Data {
        path: path.to_path_buf(),
        tables: Vec::new(),
        sector: None,
    };
    match path.extension().and_then(|e| e.to_str()) {
        Some("ron") => Ok(vec![data(path)]),
        // An outcome says what it is; anything else is read (and checked) as data.
        Some("json") if is_outcome(path) => Ok(vec![Input::Outcome(path.to_path_buf())]),
        Some("json") => Ok(vec![data(path)]),
        _ if crate::data::workbook::is_association_workbook(path) => Ok(vec![data(path)]),
        _ => Err(Problem::in_file(path, Msg::new("compare-not-input"))
            .with_help(Msg::new("compare-not-input-help"))
            .into()),
    }
}

/// Whether a JSON file is an object with a `schema`: an outcome (or another of cogov's
/// outputs, which [`Outcome::load`] then refuses by its schema).
fn is_outcome(path: &Path) -> bool {
    #[derive(serde::Deserialize)]
    struct Peek {
        schema: Option<serde::de::IgnoredAny>,
    }
    std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Peek>(&bytes).ok())
        .is_some_and(|p| p.schema.is_some())
}

/// The same file (and tables) named twice, e.g. a scenario that evaluates one data file
/// before and after an edit: compared once.
fn same_input(a: &Input, b: &Input) -> bool {
    let same = |x: &Path, y: &Path| {
        x == y
            || std::fs::canonicalize(x)
                .ok()
                .is_some_and(|x| std::fs::canonicalize(y).ok() == Some(x))
    };
    match (a, b) {
        (Input::Outcome(x), Input::Outcome(y)) => same(x, y),
        (
            Input::Data {
                path: x, tables: t, ..
            },
            Input::Data {
                path: y, tables: u, ..
            },
        ) => same(x, y) && t.len() == u.len() && t.iter().zip(u).all(|(t, u)| same(t, u)),
        _ => false,
    }
}

/// The names of the outcomes' sectors: from the overlays loaded, else from the policies of
/// the sector when they load, else none (the id is shown).
fn sector_names(
    outcomes: &[Sourced],
    policies: &mut BTreeMap<String, Option<PolicySet>>,
    source: &PolicySource,
) -> BTreeMap<String, Text> {
    let base = Msg::new("compare-sector-base");
    let mut names = BTreeMap::new();
    for s in outcomes {
        let sector = &s.outcome.policy.sector;
        if names.contains_key(sector) {
            continue;
        }
        if sector == "base" {
            names.insert(
                sector.clone(),
                Text::new(base.word(Lang::Zh), base.word(Lang::En)),
            );
            continue;
        }
        let set = policies
            .entry(sector.clone())
            .or_insert_with(|| PolicySet::load_from(source, Some(sector)).ok());
        if let Some(overlay) = set.as_ref().and_then(|p| p.overlay.as_ref()) {
            names.insert(sector.clone(), overlay.name.clone());
        }
    }
    names
}
