//! `cogov init --test NAME DATA`: a new scenario folder with the data file copied and a
//! `scenario.ron` whose `Expect` step pins what the policies give the data now (total, grade,
//! every indicator, the actions raised), for the editor to trim to what matters.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::data::{DataFile, Dataset};
use crate::diagnostic::{Problem, Problems};
use crate::message::Msg;
use crate::outcome::Outcome;
use crate::policy::PolicySet;
use crate::value::num;

/// A RON string literal.
fn quoted(s: &str) -> String {
    format!("{s:?}")
}

/// The scenario file for one evaluation of `data` (named `file` in the folder).
fn scenario_text(outcome: &Outcome, file: &str) -> String {
    let a = &outcome.association;
    let mut out = format!(
        "// {} {}: made by `cogov init --test` from the policies as they were then.\n\
         // The Expect step pins every indicator. Trim it to what this scenario is about (the\n\
         // total, the grade and the few indicators, members or actions it shows), so that a\n\
         // rubric change elsewhere does not fail it; run it with `cogov test`.\n\
         Scenario(\n  title: {},\n",
        a.name,
        outcome.period,
        quoted(&format!("{}：{}", a.name, outcome.period))
    );
    let _ = write!(
        out,
        "  steps: [\n    Eval(data: {}),\n    Expect(\n      total: {},\n      grade: {},\n      indicators: {{\n",
        quoted(file),
        num(a.score),
        quoted(&a.grade_id)
    );
    for i in &a.indicators {
        let _ = writeln!(out, "        {}: {},", quoted(&i.id), num(i.score));
    }
    out.push_str("      },\n");
    let raised: Vec<String> = outcome.triggers.iter().map(|t| quoted(&t.key())).collect();
    if !raised.is_empty() {
        let _ = writeln!(out, "      raised: [{}],", raised.join(", "));
    }
    out.push_str("    ),\n  ],\n)\n");
    out
}

/// Creates `folder` with `data` copied into it and a scenario pinning its evaluation under
/// the policies in `root`; returns the scenario file.
pub fn scaffold(folder: &Path, data: &Path, root: &Path) -> Result<PathBuf, Problems> {
    let file = DataFile::read(data)?;
    // The scenario evaluates under the sector the data declares, as this does.
    let sector = Some(file.sector())
        .filter(|s| *s != "base")
        .map(str::to_string);
    let policies = PolicySet::load(root, sector.as_deref())?;
    let dataset = Dataset::check_with_tables(file, &[], &policies)?;
    let outcome = crate::evaluate(&policies, &dataset, None)?;
    let name = data
        .file_name()
        .map_or("data.ron".into(), |n| n.to_string_lossy().into_owned());
    let scenario = folder.join("scenario.ron");
    let failed = |e: std::io::Error| {
        Problem::in_file(
            folder,
            Msg::new("test-init-cannot-create").arg("error", e.to_string()),
        )
    };
    std::fs::create_dir_all(folder).map_err(failed)?;
    std::fs::copy(data, folder.join(&name)).map_err(failed)?;
    std::fs::write(&scenario, scenario_text(&outcome, &name)).map_err(failed)?;
    Ok(scenario)
}
