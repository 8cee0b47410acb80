//! The command line in the reader's language: every command's about text, every argument's
//! help, the help headings and the parser's own errors come from the catalogue.
//!
//! The command is built from the derive once (so the built-in `--help`, `--version` and the
//! `help` subcommand exist), then walked: each command and argument takes its text from a
//! catalogue entry named after its place, `cli-about-<command>` and
//! `cli-help-<command>-<argument>` (an argument shared by several commands may have one
//! `cli-help-<argument>`). Values, defaults and headings that clap would print in English are
//! written by the walk too.

use std::io::IsTerminal;

use clap::builder::PossibleValue;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command, CommandFactory};

use super::Cli;
use crate::message::{Arg as MsgArg, Msg};
use crate::text::Lang;

/// Every help entry, by code (the codes are literals so the catalogue check sees them).
fn entries() -> Vec<Msg> {
    vec![
        Msg::new("cli-about"),
        Msg::new("cli-about-check"),
        Msg::new("cli-about-eval"),
        Msg::new("cli-about-explain"),
        Msg::new("cli-about-replay"),
        Msg::new("cli-about-test"),
        Msg::new("cli-about-watch"),
        Msg::new("cli-long-about-watch"),
        Msg::new("cli-about-diff"),
        Msg::new("cli-long-about-diff"),
        Msg::new("cli-about-compare"),
        Msg::new("cli-long-about-compare"),
        Msg::new("cli-about-show"),
        Msg::new("cli-about-init"),
        Msg::new("cli-about-template"),
        Msg::new("cli-long-about-template"),
        Msg::new("cli-about-archive"),
        Msg::new("cli-about-archive-record"),
        Msg::new("cli-about-archive-history"),
        Msg::new("cli-about-archive-list"),
        Msg::new("cli-about-archive-verify"),
        Msg::new("cli-about-completions"),
        Msg::new("cli-long-about-completions"),
        Msg::new("cli-about-man"),
        Msg::new("cli-about-help"),
        Msg::new("cli-help-lang"),
        Msg::new("cli-help-help"),
        Msg::new("cli-help-help-more"),
        Msg::new("cli-help-help-summary"),
        Msg::new("cli-help-version"),
        Msg::new("cli-help-policies"),
        Msg::new("cli-help-sector"),
        Msg::new("cli-help-format"),
        Msg::new("cli-help-db"),
        Msg::new("cli-help-max-rows"),
        Msg::new("cli-help-max-columns"),
        Msg::new("cli-help-max-cells"),
        Msg::new("cli-help-max-inflated-mb"),
        Msg::new("cli-help-check-deny-warnings"),
        Msg::new("cli-help-eval-data"),
        Msg::new("cli-help-eval-previous"),
        Msg::new("cli-help-eval-archive"),
        Msg::new("cli-help-eval-output"),
        Msg::new("cli-help-eval-all"),
        Msg::new("cli-help-notice-date"),
        Msg::new("cli-help-eval-format"),
        Msg::new("cli-help-show-all"),
        Msg::new("cli-help-explain-data"),
        Msg::new("cli-help-explain-previous"),
        Msg::new("cli-help-explain-indicator"),
        Msg::new("cli-help-explain-member"),
        Msg::new("cli-help-replay-scenario"),
        Msg::new("cli-help-watch-data"),
        Msg::new("cli-help-diff-from"),
        Msg::new("cli-help-diff-to"),
        Msg::new("cli-help-diff-sector"),
        Msg::new("cli-help-diff-inputs"),
        Msg::new("cli-value-diff-format-table"),
        Msg::new("cli-value-diff-format-json"),
        Msg::new("cli-help-compare-inputs"),
        Msg::new("cli-help-compare-period"),
        Msg::new("cli-help-compare-archive"),
        Msg::new("cli-help-compare-format"),
        Msg::new("cli-help-compare-output"),
        Msg::new("cli-help-compare-all"),
        Msg::new("cli-help-init-target"),
        Msg::new("cli-help-init-test"),
        Msg::new("cli-help-template-sector"),
        Msg::new("cli-help-template-output"),
        Msg::new("cli-help-template-force"),
        Msg::new("cli-help-test-paths"),
        Msg::new("cli-help-test-coverage"),
        Msg::new("cli-help-test-annotate"),
        Msg::new("cli-help-test-threshold"),
        Msg::new("cli-help-test-output"),
        Msg::new("cli-value-test-format-table"),
        Msg::new("cli-value-test-format-junit"),
        Msg::new("cli-value-test-format-json"),
        Msg::new("cli-help-archive-record-data"),
        Msg::new("cli-help-archive-record-previous"),
        Msg::new("cli-help-archive-record-outcome"),
        Msg::new("cli-help-archive-record-supersedes"),
        Msg::new("cli-help-archive-record-reason"),
        Msg::new("cli-help-archive-history-code"),
        Msg::new("cli-help-archive-list-period"),
        Msg::new("cli-help-completions-shell"),
        Msg::new("cli-about-publish"),
        Msg::new("cli-about-publish-listing"),
        Msg::new("cli-about-publish-warning"),
        Msg::new("cli-help-publish-listing-data"),
        Msg::new("cli-help-publish-warning-data"),
        Msg::new("cli-help-publish-listing-previous"),
        Msg::new("cli-help-publish-warning-previous"),
        Msg::new("cli-help-publish-listing-output"),
        Msg::new("cli-help-publish-warning-output"),
        Msg::new("cli-help-publish-listing-date"),
        Msg::new("cli-help-publish-warning-date"),
    ]
}

/// Looks entries up by code, noting the codes asked for that have no entry.
struct Texts {
    lang: Lang,
    entries: Vec<Msg>,
    /// Codes looked up and found.
    used: Vec<String>,
    /// What has no entry: a command or argument without a text.
    missing: Vec<String>,
}

impl Texts {
    fn new(lang: Lang) -> Texts {
        Texts {
            lang,
            entries: entries(),
            used: Vec::new(),
            missing: Vec::new(),
        }
    }

    /// The first of `codes` that has an entry, worded; else notes the first as missing.
    fn get(&mut self, codes: &[String]) -> Option<String> {
        for code in codes {
            if let Some(msg) = self.entries.iter().find(|m| m.code == code.as_str()) {
                self.used.push(code.clone());
                return Some(msg.word(self.lang));
            }
        }
        self.missing.push(codes[0].clone());
        None
    }

    fn word(&self, msg: Msg) -> String {
        msg.word(self.lang)
    }
}

/// The command line with every text in `lang`.
pub(crate) fn command(lang: Lang) -> Command {
    localized(lang).0
}

/// The localized command and the walk's record of what it looked up.
fn localized(lang: Lang) -> (Command, Texts) {
    let mut cmd = Cli::command();
    cmd.build();
    let mut texts = Texts::new(lang);
    let cmd = localize(cmd, &mut texts, &[]);
    (cmd, texts)
}

/// The place of a command in the keys: `eval`, `archive-record`; the copies of the commands
/// under `help` (which only name them) take the texts of the commands themselves.
fn place(path: &[String]) -> String {
    match path.last() {
        Some(last) if last == "help" => "help".to_string(),
        _ => path
            .iter()
            .filter(|p| *p != "help")
            .cloned()
            .collect::<Vec<_>>()
            .join("-"),
    }
}

fn code(prefix: &str, place: &str, rest: &str) -> String {
    [prefix, place, rest]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

fn localize(mut cmd: Command, texts: &mut Texts, path: &[String]) -> Command {
    let here = place(path);
    if cmd.get_about().is_some()
        && let Some(about) = texts.get(&[code("cli-about", &here, "")])
    {
        cmd = cmd.about(about);
    }
    if cmd.get_long_about().is_some()
        && let Some(about) = texts.get(&[code("cli-long-about", &here, "")])
    {
        cmd = cmd.long_about(about);
    }
    cmd = cmd.mut_args(|arg| localize_arg(arg, texts, &here));
    let template = template(&cmd, texts);
    cmd = cmd
        // Without clap's `string` feature these take only static text: a few words, once.
        .subcommand_help_heading(texts.word(Msg::new("cli-man-commands")).leak() as &str)
        .subcommand_value_name(texts.word(Msg::new("cli-placeholder-command")).leak() as &str)
        .help_template(template);
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let mut sub_path = path.to_vec();
        sub_path.push(name.clone());
        cmd = cmd.mut_subcommand(&name, |sub| localize(sub, texts, &sub_path));
    }
    cmd
}

/// The help layout with the headings in the reader's language.
fn template(cmd: &Command, texts: &Texts) -> String {
    let styles = cmd.get_styles();
    let (h, r) = (
        styles.get_header().render(),
        styles.get_header().render_reset(),
    );
    let u = styles.get_usage().render();
    let heading = |msg| format!("{h}{}{r}\n", texts.word(msg));
    let usage = Msg::new("cli-usage-usage").arg("usage", format!("{r}{{usage}}"));
    let mut t = format!(
        "{{before-help}}{{about-with-newline}}\n{u}{}",
        texts.word(usage)
    );
    let mut section = |title: String, tag: &str| {
        t.push_str("\n\n");
        t.push_str(&title);
        t.push_str(tag);
    };
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        section(heading(Msg::new("cli-heading-commands")), "{subcommands}");
    }
    if cmd.get_positionals().any(|a| !a.is_hide_set()) {
        section(heading(Msg::new("cli-heading-arguments")), "{positionals}");
    }
    if cmd
        .get_arguments()
        .any(|a| !a.is_positional() && !a.is_hide_set())
    {
        section(heading(Msg::new("cli-heading-options")), "{options}");
    }
    t.push_str("{after-help}");
    t
}

fn localize_arg(mut arg: Arg, texts: &mut Texts, here: &str) -> Arg {
    if arg.is_hide_set() {
        return arg;
    }
    let id = arg.get_id().as_str().replace('_', "-");
    let own = code("cli-help", here, &id);
    let shared = code("cli-help", "", &id);
    let mut help = match (id.as_str(), arg.get_long_help().is_some()) {
        ("help", true) => {
            if let Some(long) = texts.get(&["cli-help-help-summary".to_string()]) {
                arg = arg.long_help(long);
            }
            texts.get(&["cli-help-help-more".to_string()])
        }
        _ => texts.get(&[own, shared]),
    }
    .unwrap_or_default();
    let mut long = None;
    let takes_values = arg.get_num_args().is_some_and(|n| n.takes_values());
    if takes_values && !arg.is_hide_possible_values_set() {
        let values: Vec<PossibleValue> = arg
            .get_possible_values()
            .into_iter()
            .filter(|v| !v.is_hide_set())
            .collect();
        if !values.is_empty() {
            let names: Vec<String> = values.iter().map(|v| v.get_name().to_string()).collect();
            let list = texts.word(Msg::new("cli-help-possible-values").arg("values", names));
            if values.iter().any(|v| v.get_help().is_some()) {
                let mut text = help.clone();
                for v in &values {
                    let name = v.get_name();
                    let said = texts
                        .get(&[code("cli-value", here, &format!("{id}-{name}"))])
                        .unwrap_or_default();
                    let line = Msg::new("cli-help-value")
                        .arg("name", name)
                        .arg("text", said);
                    text.push_str(&format!("\n- {}", texts.word(line)));
                }
                long = Some(text);
            }
            help = format!("{help} {list}");
        }
        arg = arg.hide_possible_values(true);
    }
    if takes_values && !arg.is_hide_default_value_set() {
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        if !defaults.is_empty() {
            let default = texts.word(Msg::new("cli-help-default").arg("value", defaults.join(",")));
            help = format!("{help} {default}");
            long = long.map(|l| format!("{l}\n{default}"));
        }
        arg = arg.hide_default_value(true);
    }
    if let Some(long) = long {
        arg = arg.long_help(long);
    }
    arg.help(help)
}

/// Parses the command line with the localized command; help, a version or a usage error is
/// printed here and ends the process with clap's exit code (0 for help and the version, 2
/// for a usage error).
pub(crate) fn parse(argv: Vec<std::ffi::OsString>, lang: Lang) -> Result<Cli, i32> {
    use clap::FromArgMatches;
    let mut cmd = command(lang);
    let parsed = cmd
        .try_get_matches_from_mut(argv)
        .and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        Ok(cli) => Ok(cli),
        Err(e) => Err(report(&e, lang)),
    }
}

/// Prints a parse result that is not a command to run, and returns the exit code.
fn report(e: &clap::Error, lang: Lang) -> i32 {
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        | ErrorKind::DisplayVersion => {
            let styled = e.render();
            let terminal = if e.use_stderr() {
                std::io::stderr().is_terminal()
            } else {
                std::io::stdout().is_terminal()
            };
            let text = if terminal {
                styled.ansi().to_string()
            } else {
                styled.to_string()
            };
            let text = placeholders(&text, lang);
            if e.use_stderr() {
                eprint!("{text}");
            } else {
                print!("{text}");
            }
        }
        _ => eprint!("{}", usage_error(e, lang)),
    }
    e.exit_code()
}

/// Puts clap's English placeholders in usage lines into the reader's language.
fn placeholders(text: &str, lang: Lang) -> String {
    text.replace("[OPTIONS]", &Msg::new("cli-placeholder-options").word(lang))
}

fn string(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    }
}

fn strings(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(s)) => s.clone(),
        _ => Vec::new(),
    }
}

fn number(e: &clap::Error, kind: ContextKind) -> isize {
    match e.get(kind) {
        Some(ContextValue::Number(n)) => *n,
        _ => 0,
    }
}

/// Quoted names as a list argument.
fn quoted(names: Vec<String>) -> MsgArg {
    names
        .into_iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .into()
}

/// What the parser found wrong, as a message.
fn what_is_wrong(e: &clap::Error) -> Msg {
    let arg = string(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = string(e, ContextKind::InvalidValue).unwrap_or_default();
    match e.kind() {
        ErrorKind::UnknownArgument => Msg::new("cli-usage-unknown-argument").arg("arg", arg),
        ErrorKind::InvalidSubcommand => Msg::new("cli-usage-unknown-command").arg(
            "name",
            string(e, ContextKind::InvalidSubcommand).unwrap_or_default(),
        ),
        ErrorKind::InvalidValue if value.is_empty() => {
            Msg::new("cli-usage-value-missing").arg("arg", arg)
        }
        ErrorKind::InvalidValue => Msg::new("cli-usage-invalid-value")
            .arg("arg", arg)
            .arg("value", value),
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(e).map(|s| s.to_string());
            match reason {
                Some(reason) => Msg::new("cli-usage-invalid-value-because")
                    .arg("arg", arg)
                    .arg("value", value)
                    .arg("reason", reason),
                None => Msg::new("cli-usage-invalid-value")
                    .arg("arg", arg)
                    .arg("value", value),
            }
        }
        ErrorKind::MissingRequiredArgument => {
            Msg::new("cli-usage-missing").arg("args", quoted(strings(e, ContextKind::InvalidArg)))
        }
        ErrorKind::MissingSubcommand => Msg::new("cli-usage-missing-command").arg(
            "name",
            string(e, ContextKind::InvalidSubcommand).unwrap_or_default(),
        ),
        ErrorKind::ArgumentConflict => {
            let arg = string(e, ContextKind::InvalidArg)
                .or_else(|| string(e, ContextKind::InvalidSubcommand))
                .unwrap_or_default();
            match e.get(ContextKind::PriorArg) {
                Some(ContextValue::String(prior)) if *prior == arg => {
                    Msg::new("cli-usage-repeated").arg("arg", arg)
                }
                Some(ContextValue::String(_) | ContextValue::Strings(_)) => {
                    Msg::new("cli-usage-conflict")
                        .arg("arg", arg)
                        .arg("others", quoted(strings(e, ContextKind::PriorArg)))
                }
                _ => Msg::new("cli-usage-conflict-others").arg("arg", arg),
            }
        }
        ErrorKind::NoEquals => Msg::new("cli-usage-no-equals").arg("arg", arg),
        ErrorKind::TooManyValues => Msg::new("cli-usage-too-many")
            .arg("arg", arg)
            .arg("value", value),
        ErrorKind::TooFewValues => Msg::new("cli-usage-too-few")
            .arg("arg", arg)
            .arg("min", number(e, ContextKind::MinValues) as i64)
            .arg("actual", number(e, ContextKind::ActualNumValues) as i64),
        ErrorKind::WrongNumberOfValues => Msg::new("cli-usage-wrong-number")
            .arg("arg", arg)
            .arg("expected", number(e, ContextKind::ExpectedNumValues) as i64)
            .arg("actual", number(e, ContextKind::ActualNumValues) as i64),
        ErrorKind::InvalidUtf8 => Msg::new("cli-usage-invalid-utf8"),
        _ => Msg::new("cli-usage-failed").arg("reason", e.kind().to_string()),
    }
}

/// A tip clap wrote in English, as a message when it is one of the tips clap gives.
fn tip(text: &str) -> Msg {
    let unquote = |s: &str| s.trim().trim_matches('\'').to_string();
    if let Some(rest) = text.strip_prefix("to pass ")
        && let Some((arg, used)) = rest.split_once(" as a value, use ")
    {
        return Msg::new("cli-usage-tip-as-value")
            .arg("arg", unquote(arg))
            .arg("use", unquote(used));
    }
    if let Some(rest) = text.strip_prefix("subcommand ")
        && let Some((name, _)) = rest.split_once(" exists; to use it")
    {
        return Msg::new("cli-usage-tip-remove-dashes").arg("name", unquote(name));
    }
    if let Some(what) = text.strip_suffix(" exists") {
        return Msg::new("cli-usage-tip-exists").arg("what", unquote(what));
    }
    Msg::new("cli-usage-tip").arg("text", text)
}

/// A usage error as the reader reads it: what is wrong, the values or names that would do,
/// a tip, the usage line and where to read more.
pub(crate) fn usage_error(e: &clap::Error, lang: Lang) -> String {
    let mut out = Msg::new("cli-error")
        .arg("message", what_is_wrong(e))
        .word(lang);
    let valid = strings(e, ContextKind::ValidValue);
    if !valid.is_empty() {
        out.push_str("\n  ");
        out.push_str(
            &Msg::new("cli-usage-possible-values")
                .arg("values", quoted(valid))
                .word(lang),
        );
    }
    let commands = strings(e, ContextKind::ValidSubcommand);
    if !commands.is_empty() {
        out.push_str("\n  ");
        out.push_str(
            &Msg::new("cli-usage-commands")
                .arg("names", quoted(commands))
                .word(lang),
        );
    }
    let mut tips = Vec::new();
    for (kind, code) in [
        (ContextKind::SuggestedSubcommand, "command"),
        (ContextKind::SuggestedArg, "argument"),
        (ContextKind::SuggestedValue, "value"),
    ] {
        let names = strings(e, kind);
        if !names.is_empty() {
            let msg = match code {
                "command" => Msg::new("cli-usage-similar-command"),
                "argument" => Msg::new("cli-usage-similar-argument"),
                _ => Msg::new("cli-usage-similar-value"),
            };
            tips.push(msg.arg("names", quoted(names)));
        }
    }
    if let Some(ContextValue::StyledStrs(suggested)) = e.get(ContextKind::Suggested) {
        tips.extend(suggested.iter().map(|s| tip(&s.to_string())));
    }
    if !tips.is_empty() {
        out.push('\n');
        for t in tips {
            out.push_str("\n  ");
            out.push_str(&t.word(lang));
        }
    }
    if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.trim_start_matches("Usage:").trim();
        out.push_str("\n\n");
        out.push_str(
            &Msg::new("cli-usage-usage")
                .arg("usage", placeholders(usage, lang))
                .word(lang),
        );
    }
    out.push_str("\n\n");
    out.push_str(&Msg::new("cli-usage-more").arg("flag", "--help").word(lang));
    out.push('\n');
    out
}

/// The manual page in roff, its texts and section names in `lang`.
pub(crate) fn man_page(lang: Lang) -> std::io::Result<String> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command(lang)).render(&mut page)?;
    let mut page = String::from_utf8_lossy(&page).into_owned();
    for (english, msg) in [
        ("NAME", Msg::new("cli-man-name")),
        ("SYNOPSIS", Msg::new("cli-man-synopsis")),
        ("DESCRIPTION", Msg::new("cli-man-description")),
        ("OPTIONS", Msg::new("cli-man-options")),
        ("VERSION", Msg::new("cli-man-version")),
    ] {
        page = page.replace(
            &format!("\n.SH {english}\n"),
            &format!("\n.SH {}\n", msg.word(lang)),
        );
    }
    Ok(placeholders(&page, lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::builtin;

    #[test]
    fn every_command_and_argument_has_a_help_text_in_both_languages() {
        for lang in [Lang::Zh, Lang::En] {
            let (_, texts) = localized(lang);
            assert!(
                texts.missing.is_empty(),
                "no help text: {:?}",
                texts.missing
            );
            for msg in entries() {
                assert!(
                    builtin().has(&msg.code, Lang::Zh),
                    "{} has no zh text",
                    msg.code
                );
                assert!(
                    builtin().has(&msg.code, Lang::En),
                    "{} has no en text",
                    msg.code
                );
                assert!(
                    texts.used.iter().any(|u| *u == msg.code),
                    "{} names no command or argument",
                    msg.code
                );
            }
        }
    }

    #[test]
    fn help_is_chinese_by_default_and_english_when_asked() {
        let help = |lang| {
            command(lang)
                .find_subcommand_mut("eval")
                .unwrap()
                .render_help()
                .to_string()
        };
        let zh = help(Lang::Zh);
        assert!(zh.contains("用法：cogov eval"), "{zh}");
        assert!(
            zh.contains("\n选项：\n") && zh.contains("\n参数：\n"),
            "{zh}"
        );
        assert!(zh.contains("上一期间的评估结果"), "{zh}");
        assert!(zh.contains("[默认：table]"), "{zh}");
        let en = help(Lang::En);
        assert!(en.contains("Usage:") && en.contains("Options:"), "{en}");
        assert!(en.contains("The previous period's outcome"), "{en}");
    }
}
