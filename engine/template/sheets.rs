//! The data sheets of the template: the profile with the sector written in, one row per fact,
//! the evidence register, the roster and events in the import policy's headers, and the
//! complaint ledger.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Worksheet,
    XlsxError,
};

use super::{LAST_ROW, Template};
use crate::data::workbook::layout::{Column, ProfileField, Sheet, fact_kind, fact_range};
use crate::message::Msg;
use crate::policy::catalogue::FactKind;
use crate::policy::import::{Field, ShapeKind};
use crate::policy::rubric::Rule;
use crate::render::sheet::{col, row_num};

/// The fields of the roster as the template writes them, where the import policy has them.
const ROSTER: [Field; 4] = [
    Field::Name,
    Field::Code,
    Field::ArchiveUpdated,
    Field::Applied,
];

/// The fields of the event table as the template writes them.
const EVENTS: [Field; 10] = [
    Field::Id,
    Field::Code,
    Field::Company,
    Field::Date,
    Field::Kind,
    Field::Level,
    Field::Product,
    Field::Items,
    Field::OnTime,
    Field::Detail,
];

impl Template<'_> {
    /// The headers of one of the template's own sheets, written.
    fn own_headers(&self, sheet: &mut Worksheet, of: Sheet) -> Result<Vec<Column>, XlsxError> {
        let columns = of.columns().to_vec();
        let words: Vec<String> = columns.iter().map(|c| self.word(c.header())).collect();
        self.headers(sheet, &words)?;
        Ok(columns)
    }

    /// The first and last day a date cell may hold, with a hint.
    fn date_rule(&self, title: &str, message: Msg) -> Result<DataValidation, XlsxError> {
        let rule = DataValidationRule::Between(
            ExcelDateTime::from_ymd(1990, 1, 1)?,
            ExcelDateTime::from_ymd(2100, 12, 31)?,
        );
        let error = super::fit(&self.word(Msg::new("template-error-date")), 255);
        self.titled(DataValidation::new().allow_date(rule), title, message)?
            .set_error_message(error)
    }

    /// A whole column below the header: its hint or drop-down, and its date format.
    fn column(
        &self,
        sheet: &mut Worksheet,
        c: usize,
        rule: &DataValidation,
        date: bool,
    ) -> Result<(), XlsxError> {
        sheet.add_data_validation(1, col(c), LAST_ROW, col(c), rule)?;
        if date {
            sheet.set_column_format(col(c), &self.date)?;
            sheet.set_column_width(col(c), 12)?;
        }
        Ok(())
    }

    /// 基本信息: one row per field, the sector written in.
    pub(super) fn profile(&self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        self.own_headers(sheet, Sheet::Profile)?;
        let p = self.policies;
        for (i, field) in ProfileField::ALL.into_iter().enumerate() {
            let r = row_num(i + 1);
            let label = self.word(field.label());
            sheet.write_string_with_format(r, 0, &label, &self.bold)?;
            let note = match field {
                ProfileField::Name => Msg::new("template-note-name"),
                ProfileField::Sector => match &p.overlay {
                    Some(o) => Msg::new("template-note-sector").arg("name", &o.name),
                    None => Msg::new("template-note-sector-base"),
                },
                ProfileField::CreditCode => Msg::new("template-note-credit-code"),
                ProfileField::Period => Msg::new("template-note-period"),
                ProfileField::Start => Msg::new("template-note-start"),
                ProfileField::End => Msg::new("template-note-end"),
            };
            sheet.write_string(r, 2, self.word(note.clone()))?;
            match field {
                ProfileField::Sector => {
                    sheet.write_string(r, 1, p.sector_name())?;
                }
                ProfileField::Start | ProfileField::End => {
                    sheet.write_blank(r, 1, &self.date)?;
                    sheet.add_data_validation(r, 1, r, 1, &self.date_rule(&label, note)?)?;
                }
                _ => {
                    sheet.add_data_validation(r, 1, r, 1, &self.hint(&label, note)?)?;
                }
            }
        }
        sheet.set_column_width(0, 18)?;
        sheet.set_column_width(1, 36)?;
        sheet.set_column_width(2, 60)?;
        Ok(())
    }

    /// 指标数据: one row per fact of the catalogue, in the reading order of the indicators that
    /// read it; the value cell checked by the fact's kind, and greyed when the roster or a
    /// ledger gives the fact.
    pub(super) fn facts(&self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        self.own_headers(sheet, Sheet::Facts)?;
        let p = self.policies;
        let rubric = &p.rubric;
        let mut facts: Vec<(usize, &String)> = p
            .catalogue
            .facts
            .keys()
            .map(|key| {
                let first = feeding(p, key).first().copied().unwrap_or(usize::MAX);
                (first, key)
            })
            .collect();
        facts.sort();
        for (n, (_, key)) in facts.into_iter().enumerate() {
            let r = row_num(n + 1);
            let decl = &p.catalogue.facts[key];
            let fed: Vec<String> = feeding(p, key)
                .into_iter()
                .map(|i| {
                    format!(
                        "{} {}",
                        rubric.nodes[i].id,
                        rubric.nodes[i].name.get(self.lang)
                    )
                })
                .collect();
            let given = if p.credit.facts.contains_key(key) {
                Some(Msg::new("template-given-members"))
            } else {
                p.ledgers
                    .giving(key)
                    .map(|l| Msg::new("template-given-ledger").arg("ledger", &l.name))
            };
            let range = self.word(fact_range(decl));
            sheet.write_string(r, 0, key)?;
            sheet.write_string(r, 1, decl.name.get(self.lang))?;
            sheet.write_string(r, 2, self.word(fact_kind(decl)))?;
            sheet.write_string(r, 3, &range)?;
            sheet.write_string(
                r,
                4,
                self.word(Msg::new("template-fed").arg("indicators", fed)),
            )?;
            let name = decl.name.get(self.lang);
            let hint = Msg::new("template-hint-fact-value").arg("range", range.as_str());
            let rule = DataValidation::new();
            let mut rule = match decl.kind {
                FactKind::YesNo => self.drop_down(name, &self.lists.yes_no, hint, true)?,
                FactKind::Count => self.titled(
                    rule.allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)),
                    name,
                    hint,
                )?,
                FactKind::Rate => self.titled(
                    rule.allow_decimal_number(DataValidationRule::Between(0.0, 1.0)),
                    name,
                    hint,
                )?,
                FactKind::Amount => self.titled(
                    rule.allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0)),
                    name,
                    hint,
                )?,
            };
            if let Some(given) = &given {
                sheet.write_blank(r, 5, &self.given)?;
                sheet.write_string_with_format(r, 6, self.word(given.clone()), &self.given)?;
                // The roster or ledger may be left empty; then the value is typed after all.
                rule = rule.set_error_style(DataValidationErrorStyle::Warning);
            }
            sheet.add_data_validation(r, 5, r, 5, &rule)?;
        }
        for (c, width) in [
            (0, 28),
            (1, 36),
            (2, 10),
            (3, 22),
            (4, 30),
            (5, 12),
            (6, 40),
        ] {
            sheet.set_column_width(c, width)?;
        }
        Ok(())
    }

    /// 工作台账: one record per row, indicators and kinds from drop-downs.
    pub(super) fn evidence(&self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        let columns = self.own_headers(sheet, Sheet::Evidence)?;
        let l = &self.lists;
        for (c, column) in columns.into_iter().enumerate() {
            let title = self.word(column.header());
            let (rule, date) = match column {
                Column::Indicator => (
                    self.drop_down(
                        &title,
                        &l.indicators,
                        Msg::new("template-hint-indicator"),
                        false,
                    )?,
                    false,
                ),
                Column::EvidenceKind => (
                    self.drop_down(
                        &title,
                        &l.evidence_kinds,
                        Msg::new("template-hint-evidence-kind"),
                        false,
                    )?,
                    false,
                ),
                Column::Date => (
                    self.date_rule(&title, Msg::new("template-hint-evidence-date"))?,
                    true,
                ),
                Column::ValidUntil => (
                    self.date_rule(&title, Msg::new("template-hint-valid-until"))?,
                    true,
                ),
                Column::EvidenceId => (
                    self.hint(&title, Msg::new("template-hint-evidence-id"))?,
                    false,
                ),
                Column::Title => (self.hint(&title, Msg::new("template-hint-title"))?, false),
                _ => (self.hint(&title, Msg::new("template-hint-file"))?, false),
            };
            self.column(sheet, c, &rule, date)?;
        }
        for (c, width) in [
            (0, 10),
            (1, 24),
            (2, 26),
            (3, 12),
            (4, 44),
            (5, 30),
            (6, 12),
        ] {
            sheet.set_column_width(c, width)?;
        }
        Ok(())
    }

    /// The headers of an import table, in the policy's first spelling, for the fields it has.
    fn import_headers(
        &self,
        sheet: &mut Worksheet,
        kind: impl Fn(&ShapeKind) -> bool,
        fields: &[Field],
    ) -> Result<Vec<Field>, XlsxError> {
        let Some(shape) = self.shape(kind) else {
            return Ok(Vec::new());
        };
        let fields: Vec<Field> = fields
            .iter()
            .copied()
            .filter(|f| shape.spellings.contains_key(f))
            .collect();
        let words: Vec<String> = fields
            .iter()
            .map(|f| shape.header_of(*f).to_string())
            .collect();
        self.headers(sheet, &words)?;
        Ok(fields)
    }

    /// 会员名录: the import's roster.
    pub(super) fn members(&self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        let fields = self.import_headers(sheet, |k| matches!(k, ShapeKind::Roster), &ROSTER)?;
        let actions: Vec<String> = self
            .policies
            .credit
            .actions
            .values()
            .map(|n| n.zh.clone())
            .collect();
        for (c, field) in fields.iter().enumerate() {
            let title = self.policy_header(|k| matches!(k, ShapeKind::Roster), *field);
            let rule = match field {
                Field::ArchiveUpdated => {
                    self.date_rule(&title, Msg::new("template-hint-archive-updated"))?
                }
                Field::Applied => self.hint(
                    &title,
                    Msg::new("template-hint-applied").arg("actions", actions.clone()),
                )?,
                Field::Code => self.hint(&title, Msg::new("template-hint-code"))?,
                _ => self.hint(&title, Msg::new("template-hint-member-name"))?,
            };
            self.column(sheet, c, &rule, *field == Field::ArchiveUpdated)?;
            sheet.set_column_width(col(c), if *field == Field::Applied { 36 } else { 24 })?;
        }
        Ok(())
    }

    /// A field's header in the import policy's table of a kind.
    fn policy_header(&self, kind: impl Fn(&ShapeKind) -> bool, field: Field) -> String {
        self.shape(kind).map_or_else(
            || field.id().to_string(),
            |s| s.header_of(field).to_string(),
        )
    }

    /// 信用事件: the import's event table, kinds, levels and time limits from drop-downs.
    pub(super) fn events(&self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        let is_events = |k: &ShapeKind| matches!(k, ShapeKind::Events { .. });
        let fields = self.import_headers(sheet, is_events, &EVENTS)?;
        let l = &self.lists;
        let items = &self.policies.import.items;
        let first = |list: &[String]| list.first().cloned().unwrap_or_default();
        let example = Msg::new("template-items-example")
            .arg("open", first(&items.open))
            .arg("close", first(&items.close))
            .arg("separator", first(&items.separators));
        for (c, field) in fields.iter().enumerate() {
            let title = self.policy_header(is_events, *field);
            let rule = match field {
                Field::Kind => self.drop_down(
                    &title,
                    &l.event_kinds,
                    Msg::new("template-hint-event-kind"),
                    false,
                )?,
                Field::Level => {
                    self.drop_down(&title, &l.levels, Msg::new("template-hint-level"), false)?
                }
                Field::OnTime => {
                    self.drop_down(&title, &l.on_time, Msg::new("template-hint-on-time"), true)?
                }
                Field::Date => self.date_rule(&title, Msg::new("template-hint-event-date"))?,
                Field::Id => self.hint(&title, Msg::new("template-hint-event-id"))?,
                Field::Code => self.hint(&title, Msg::new("template-hint-event-code"))?,
                Field::Company => self.hint(&title, Msg::new("template-hint-event-company"))?,
                Field::Product => self.hint(&title, Msg::new("template-hint-product"))?,
                Field::Items => self.hint(
                    &title,
                    Msg::new("template-hint-items").arg("example", example.clone()),
                )?,
                _ => self.hint(&title, Msg::new("template-hint-detail"))?,
            };
            self.column(sheet, c, &rule, *field == Field::Date)?;
            if *field != Field::Date {
                sheet.set_column_width(col(c), 16)?;
            }
        }
        Ok(())
    }

    /// 投诉台账: one complaint per row.
    pub(super) fn complaints(&self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        let columns = self.own_headers(sheet, Sheet::Complaints)?;
        let limit = self.policies.ledgers.complaints.as_ref().map_or_else(
            || Msg::new("template-no-limit"),
            |c| c.time_limit.describe(),
        );
        for (c, column) in columns.into_iter().enumerate() {
            let title = self.word(column.header());
            let (rule, date) = match column {
                Column::Received => (
                    self.date_rule(&title, Msg::new("template-hint-received"))?,
                    true,
                ),
                Column::Closed => (
                    self.date_rule(
                        &title,
                        Msg::new("template-hint-closed").arg("limit", limit.clone()),
                    )?,
                    true,
                ),
                Column::Verified => (
                    self.drop_down(
                        &title,
                        &self.lists.yes_no,
                        Msg::new("template-hint-verified"),
                        true,
                    )?,
                    false,
                ),
                Column::Member => (
                    self.hint(&title, Msg::new("template-hint-complaint-member"))?,
                    false,
                ),
                Column::ComplaintId => (
                    self.hint(&title, Msg::new("template-hint-complaint-id"))?,
                    false,
                ),
                _ => (
                    self.hint(&title, Msg::new("template-hint-complaint-notes"))?,
                    false,
                ),
            };
            self.column(sheet, c, &rule, date)?;
        }
        for (c, width) in [(0, 14), (1, 12), (2, 12), (3, 10), (4, 22), (5, 44)] {
            sheet.set_column_width(c, width)?;
        }
        Ok(())
    }
}

/// The indicators whose criteria read a fact, in reading order (node indices).
fn feeding(policies: &crate::policy::PolicySet, fact: &str) -> Vec<usize> {
    let rubric = &policies.rubric;
    rubric
        .indicators()
        .filter(|&i| {
            rubric.criteria(i).iter().any(|c| match &c.rule {
                Rule::Fact { key } => key == fact,
                Rule::AtLeast { fact: f, .. } | Rule::Steps { fact: f, .. } => f == fact,
                Rule::Script { facts, .. } => facts.iter().any(|f| f == fact),
                Rule::Evidence { .. } => false,
            })
        })
        .collect()
}
