//! `cogov template`: writes the data template an association fills in, from the policies of
//! the base or a sector. A file already there is not overwritten unless asked: it may be a
//! template someone has filled in.

use std::path::{Path, PathBuf};

use clap::Args;

use super::{Failure, PolicyArgs, load_policies, write_output};
use crate::diagnostic::Problem;
use crate::message::Msg;
use crate::text::Lang;

#[derive(Debug, Args)]
pub(crate) struct TemplateArgs {
    #[command(flatten)]
    policy: PolicyArgs,
    /// The workbook to write (default: 协会数据模板.xlsx in the current folder)
    #[arg(short, long, value_name = "FILE.xlsx")]
    output: Option<PathBuf>,
    /// Replace the file if it exists
    #[arg(long)]
    force: bool,
}

/// Writes the template and says where.
pub(crate) fn run(lang: Lang, args: &TemplateArgs) -> Result<(), Failure> {
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(Msg::new("template-default-file").word(lang)));
    if !crate::data::workbook::is_workbook(&path) {
        let file = path.display().to_string();
        return Err(Failure::Usage(
            Msg::new("template-not-xlsx").arg("file", file),
        ));
    }
    if path.is_file() && !args.force {
        let file = path.display().to_string();
        return Err(Failure::Usage(
            Msg::new("template-exists").arg("file", file),
        ));
    }
    let policies = load_policies(&args.policy, None)?;
    let bytes = crate::template::write(&policies, lang).map_err(|e| cannot_make(&path, &e))?;
    write_output(Some(&path), |out| out.write_all(&bytes))?;
    let sector = match &policies.overlay {
        Some(o) => o.name.get(lang).to_string(),
        None => Msg::new("template-sector-base").word(lang),
    };
    let written = Msg::new("template-written")
        .arg("file", path.display().to_string())
        .arg("sector", sector)
        .arg("facts", policies.catalogue.facts.len())
        .arg("kinds", policies.catalogue.evidence.len());
    println!("{}", written.word(lang));
    Ok(())
}

fn cannot_make(path: &Path, e: &rust_xlsxwriter::XlsxError) -> Failure {
    let message = Msg::new("template-cannot-make").arg("error", e.to_string());
    Failure::from(Problem::in_file(path, message))
}
