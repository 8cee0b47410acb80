//! The data template (`cogov template`): a workbook an association fills in with one period's
//! data, written from the policies — the base and the sector's overlay — so that everything it
//! offers is what the policies know: the facts of the catalogue with the indicators that read
//! them, the evidence kinds and indicators, the credit event kinds and levels, the import's
//! headers for the roster and events, the complaint ledger's time limit.
//!
//! Every data sheet has a frozen header row, drop-down lists taken from the policies (kept on
//! the instructions sheet, which also lists them for the reader), an input hint on every column
//! and date-formatted date columns. The layout is [`crate::data::workbook::layout`]'s, which
//! the reader shares.

mod sheets;

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, Format, Formula, Workbook, Worksheet,
    XlsxError,
};

use crate::data::workbook::layout::{NO, Sheet, YES};
use crate::message::Msg;
use crate::policy::PolicySet;
use crate::policy::credit::Points;
use crate::policy::import::ShapeKind;
use crate::policy::rubric::Rule;
use crate::render::sheet::{col, row_num};
use crate::text::Lang;

/// The last row a column's hint and drop-down cover (Excel's last row).
const LAST_ROW: u32 = 1_048_575;

/// The column of the instructions sheet where the drop-down lists start.
const LISTS_COL: u16 = 4;

/// The template for the policies, in `lang`.
pub fn write(policies: &PolicySet, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let t = Template::new(policies, lang);
    let mut book = Workbook::new();
    t.instructions(new_sheet(&mut book, Sheet::Instructions, lang)?)?;
    t.profile(new_sheet(&mut book, Sheet::Profile, lang)?)?;
    t.facts(new_sheet(&mut book, Sheet::Facts, lang)?)?;
    t.evidence(new_sheet(&mut book, Sheet::Evidence, lang)?)?;
    if t.shape(|k| matches!(k, ShapeKind::Roster)).is_some() {
        t.members(new_sheet(&mut book, Sheet::Members, lang)?)?;
    }
    if t.shape(|k| matches!(k, ShapeKind::Events { .. })).is_some() {
        t.events(new_sheet(&mut book, Sheet::Events, lang)?)?;
    }
    if policies.ledgers.complaints.is_some() {
        t.complaints(new_sheet(&mut book, Sheet::Complaints, lang)?)?;
    }
    book.save_to_buffer()
}

/// A new sheet of the template, named in `lang`.
fn new_sheet(book: &mut Workbook, sheet: Sheet, lang: Lang) -> Result<&mut Worksheet, XlsxError> {
    let s = book.add_worksheet();
    s.set_name(sheet.name().word(lang))?;
    Ok(s)
}

/// A drop-down list of the template: what it offers and where the instructions sheet keeps it.
struct List {
    /// Its heading on the instructions sheet.
    heading: Msg,
    /// The values offered.
    values: Vec<String>,
    /// The range of cells that holds them, as a formula.
    range: String,
}

/// The drop-down lists the policies give.
struct Lists {
    indicators: List,
    evidence_kinds: List,
    event_kinds: List,
    levels: List,
    yes_no: List,
    on_time: List,
}

/// What writing the template needs: the policies, the language, the formats and the lists.
struct Template<'a> {
    policies: &'a PolicySet,
    lang: Lang,
    bold: Format,
    header: Format,
    title: Format,
    wrap: Format,
    date: Format,
    given: Format,
    lists: Lists,
}

impl<'a> Template<'a> {
    fn new(policies: &'a PolicySet, lang: Lang) -> Template<'a> {
        let sheet = Sheet::Instructions.name().word(lang);
        let mut n = 0;
        let mut list = |heading: Msg, values: Vec<String>| {
            let column = rust_xlsxwriter::utility::column_number_to_name(LISTS_COL + n);
            n += 1;
            let last = values.len().max(1) + 1;
            List {
                heading,
                range: format!("'{sheet}'!${column}$2:${column}${last}"),
                values,
            }
        };
        let lists = Lists {
            indicators: list(
                Msg::new("template-list-indicators"),
                indicators(policies, lang),
            ),
            evidence_kinds: list(
                Msg::new("template-list-evidence-kinds"),
                evidence_kinds(policies, lang),
            ),
            event_kinds: list(
                Msg::new("template-list-event-kinds"),
                event_kinds(policies, lang),
            ),
            levels: list(Msg::new("template-list-levels"), levels(policies, lang)),
            yes_no: list(
                Msg::new("template-list-yes-no"),
                vec![YES.into(), NO.into()],
            ),
            on_time: list(Msg::new("template-list-on-time"), on_time_words(policies)),
        };
        Template {
            policies,
            lang,
            bold: Format::new().set_bold(),
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xDDEBF7)),
            title: Format::new().set_bold().set_font_size(14),
            wrap: Format::new().set_text_wrap(),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            given: Format::new().set_background_color(Color::RGB(0xE7E6E6)),
            lists,
        }
    }

    /// A message in the template's language.
    fn word(&self, msg: Msg) -> String {
        msg.word(self.lang)
    }

    /// The import policy's first table shape of a kind.
    fn shape(&self, kind: impl Fn(&ShapeKind) -> bool) -> Option<&'a crate::policy::import::Shape> {
        self.policies.import.shapes.iter().find(|s| kind(&s.kind))
    }

    /// The header row, bold on a tint, frozen.
    fn headers(&self, sheet: &mut Worksheet, headers: &[String]) -> Result<(), XlsxError> {
        for (c, h) in headers.iter().enumerate() {
            sheet.write_string_with_format(0, col(c), h, &self.header)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        Ok(())
    }

    /// The instructions: what the template is for, how to fill it in, what each sheet holds,
    /// and the lists the drop-downs offer.
    fn instructions(&self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        let p = self.policies;
        let sector = match &p.overlay {
            Some(o) => o.name.get(self.lang).to_string(),
            None => self.word(Msg::new("template-sector-base")),
        };
        let title = Msg::new("template-title").arg("sector", sector.as_str());
        sheet.write_string_with_format(0, 0, self.word(title), &self.title)?;
        let intro = Msg::new("template-intro")
            .arg("digest", p.digest())
            .arg("version", env!("CARGO_PKG_VERSION"));
        sheet.write_string(1, 0, self.word(intro))?;
        let mut r = 3;
        sheet.write_string_with_format(r, 0, self.word(Msg::new("template-rules")), &self.bold)?;
        let sample = jiff::civil::Date::constant(2024, 3, 15);
        let forms: Vec<String> = p
            .import
            .dates
            .iter()
            .filter_map(|f| jiff::fmt::strtime::format(f, sample).ok())
            .collect();
        let rules = [
            Msg::new("template-rule-names"),
            Msg::new("template-rule-rows"),
            Msg::new("template-rule-dates").arg("forms", forms),
            Msg::new("template-rule-lists"),
            Msg::new("template-rule-given"),
            Msg::new("template-rule-run"),
        ];
        for rule in rules {
            r += 1;
            sheet.write_string(r, 0, self.word(rule))?;
        }
        r += 2;
        sheet.write_string_with_format(
            r,
            0,
            self.word(Msg::new("template-sheets-heading")),
            &self.bold,
        )?;
        let limit = p.ledgers.complaints.as_ref().map_or_else(
            || Msg::new("template-no-limit"),
            |c| c.time_limit.describe(),
        );
        let about = [
            (Sheet::Profile, Msg::new("template-about-profile")),
            (Sheet::Facts, Msg::new("template-about-facts")),
            (Sheet::Evidence, Msg::new("template-about-evidence")),
            (Sheet::Members, Msg::new("template-about-members")),
            (Sheet::Events, Msg::new("template-about-events")),
            (
                Sheet::Complaints,
                Msg::new("template-about-complaints").arg("limit", limit),
            ),
        ];
        for (s, what) in about {
            r += 1;
            sheet.write_string_with_format(r, 0, self.word(s.name()), &self.bold)?;
            sheet.write_string_with_format(r, 1, self.word(what), &self.wrap)?;
        }
        sheet.set_column_width(0, 16)?;
        sheet.set_column_width(1, 90)?;
        let l = &self.lists;
        let lists = [
            &l.indicators,
            &l.evidence_kinds,
            &l.event_kinds,
            &l.levels,
            &l.yes_no,
            &l.on_time,
        ];
        for (n, list) in lists.into_iter().enumerate() {
            let c = LISTS_COL + col(n);
            sheet.write_string_with_format(0, c, self.word(list.heading.clone()), &self.header)?;
            for (i, value) in list.values.iter().enumerate() {
                sheet.write_string(row_num(i + 1), c, value)?;
            }
            sheet.set_column_width(c, 24)?;
        }
        Ok(())
    }

    /// A rule with the hint shown when one of its cells is chosen: a title and a message,
    /// cut to Excel's limits.
    fn titled(
        &self,
        rule: DataValidation,
        title: &str,
        message: Msg,
    ) -> Result<DataValidation, XlsxError> {
        rule.set_input_title(fit(title, 32))?
            .set_input_message(fit(&self.word(message), 255))
    }

    /// A hint shown when a cell of the range is chosen, any value allowed.
    fn hint(&self, title: &str, message: Msg) -> Result<DataValidation, XlsxError> {
        self.titled(DataValidation::new().allow_any_value(), title, message)
    }

    /// A drop-down of one of the lists, with a hint; `strict` refuses other values, else
    /// Excel only notes that a value is not on the list (an id, which cogov reads too).
    fn drop_down(
        &self,
        title: &str,
        list: &List,
        message: Msg,
        strict: bool,
    ) -> Result<DataValidation, XlsxError> {
        let style = if strict {
            DataValidationErrorStyle::Stop
        } else {
            DataValidationErrorStyle::Information
        };
        let rule = DataValidation::new().allow_list_formula(Formula::new(&list.range));
        Ok(self.titled(rule, title, message)?.set_error_style(style))
    }
}

/// Text cut to fit `max` UTF-16 units (Excel's limits on hints), ending with `…` when cut.
fn fit(text: &str, max: usize) -> String {
    if text.encode_utf16().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 1;
    for c in text.chars() {
        used += c.len_utf16();
        if used > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// The indicators as the drop-down offers them: id and name (`C1 工作机构`), in reading order.
fn indicators(policies: &PolicySet, lang: Lang) -> Vec<String> {
    let rubric = &policies.rubric;
    rubric
        .indicators()
        .map(|i| format!("{} {}", rubric.nodes[i].id, rubric.nodes[i].name.get(lang)))
        .collect()
}

/// The evidence kinds by name, in the reading order of the indicators that count them, then
/// those none counts.
fn evidence_kinds(policies: &PolicySet, lang: Lang) -> Vec<String> {
    let rubric = &policies.rubric;
    let catalogue = &policies.catalogue;
    let mut ids: Vec<&str> = Vec::new();
    for i in rubric.indicators() {
        for c in rubric.criteria(i) {
            let kinds: Vec<&str> = match &c.rule {
                Rule::Evidence { kind, .. } => vec![kind.as_str()],
                Rule::Script { evidence, .. } => evidence.iter().map(String::as_str).collect(),
                _ => Vec::new(),
            };
            for k in kinds {
                if !ids.contains(&k) {
                    ids.push(k);
                }
            }
        }
    }
    for k in catalogue.evidence.keys() {
        if !ids.contains(&k.as_str()) {
            ids.push(k);
        }
    }
    ids.into_iter()
        .filter_map(|k| catalogue.evidence.get(k))
        .map(|name| name.get(lang).to_string())
        .collect()
}

/// Credit event kinds as the import reads them: by Chinese name, or (for English readers) id.
fn event_kinds(policies: &PolicySet, lang: Lang) -> Vec<String> {
    policies
        .credit
        .kinds
        .iter()
        .map(|k| match lang {
            Lang::Zh => k.name.zh.clone(),
            Lang::En => k.id.clone(),
        })
        .collect()
}

/// The levels events are given, as the import reads them: the event table's level words
/// (`严重`), else the level ids; for English readers, the ids.
fn levels(policies: &PolicySet, lang: Lang) -> Vec<String> {
    let words = policies.import.shapes.iter().find_map(|s| match &s.kind {
        ShapeKind::Events { level_words, .. } => Some(level_words),
        _ => None,
    });
    let mut out: Vec<String> = Vec::new();
    for k in &policies.credit.kinds {
        if !matches!(k.points, Points::ByLevel(_)) {
            continue;
        }
        for level in &k.levels {
            let word = words
                .and_then(|w| w.get(&k.id))
                .and_then(|w| w.iter().find(|(_, l)| *l == level))
                .map(|(w, _)| w.clone())
                .filter(|_| lang == Lang::Zh)
                .unwrap_or_else(|| level.clone());
            if !out.contains(&word) {
                out.push(word);
            }
        }
    }
    out
}

/// The words of "handled in time" and "not in time" the event table reads: 是 and 否 when the
/// policy has them, else its first words.
fn on_time_words(policies: &PolicySet) -> Vec<String> {
    let Some((yes, no)) = policies.import.shapes.iter().find_map(|s| match &s.kind {
        ShapeKind::Events {
            on_time_yes,
            on_time_no,
            ..
        } => Some((on_time_yes, on_time_no)),
        _ => None,
    }) else {
        return vec![YES.into(), NO.into()];
    };
    let pick = |words: &std::collections::BTreeSet<String>, preferred: &str| {
        if words.contains(preferred) {
            Some(preferred.to_string())
        } else {
            words.iter().next().cloned()
        }
    };
    pick(yes, YES).into_iter().chain(pick(no, NO)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_are_cut_to_excels_limit() {
        assert_eq!(fit("短", 32), "短");
        let long = "长".repeat(40);
        let cut = fit(&long, 32);
        assert_eq!(cut.encode_utf16().count(), 32);
        assert!(cut.ends_with('…'));
    }
}
