//! The layout of the data template, shared by the writer (`cogov template`) and the reader:
//! its sheets, the columns of the sheets it defines itself, the rows of the profile sheet, and
//! how a fact's kind and range are said.
//!
//! Sheet names and headers are written in the template's language and read in either: a
//! workbook made with `--lang en` reads as one made in Chinese. The member and event sheets
//! take their headers from the import policy (`import.ron`), whose tables they are.

use crate::message::Msg;
use crate::policy::catalogue::{FactDecl, FactKind};
use crate::text::Lang;

/// A sheet of the template, in the order written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Sheet {
    /// 填写说明: how to fill it in, and the lists the drop-downs offer. Never read.
    Instructions,
    /// 基本信息: the association and the period.
    Profile,
    /// 指标数据: one fact per row.
    Facts,
    /// 工作台账: the evidence register.
    Evidence,
    /// 会员名录: the member roster, read by the import.
    Members,
    /// 信用事件: members' credit events, read by the import.
    Events,
    /// 投诉台账: the complaint ledger.
    Complaints,
}

impl Sheet {
    /// Every sheet, in the order written.
    pub(crate) const ALL: [Sheet; 7] = [
        Sheet::Instructions,
        Sheet::Profile,
        Sheet::Facts,
        Sheet::Evidence,
        Sheet::Members,
        Sheet::Events,
        Sheet::Complaints,
    ];

    /// The sheet's name.
    pub(crate) fn name(self) -> Msg {
        match self {
            Sheet::Instructions => Msg::new("template-sheet-instructions"),
            Sheet::Profile => Msg::new("template-sheet-profile"),
            Sheet::Facts => Msg::new("template-sheet-facts"),
            Sheet::Evidence => Msg::new("template-sheet-evidence"),
            Sheet::Members => Msg::new("template-sheet-members"),
            Sheet::Events => Msg::new("template-sheet-events"),
            Sheet::Complaints => Msg::new("template-sheet-complaints"),
        }
    }

    /// The sheet a worksheet's name names, in either language.
    pub(crate) fn named(name: &str) -> Option<Sheet> {
        Sheet::ALL.into_iter().find(|s| same_words(name, &s.name()))
    }

    /// The columns of a sheet the template defines itself (none for the import's sheets).
    pub(crate) fn columns(self) -> &'static [Column] {
        use Column::*;
        match self {
            Sheet::Profile => &[Item, Value, Notes],
            Sheet::Facts => &[
                FactId,
                FactName,
                FactKind,
                FactRange,
                FactIndicators,
                FactValue,
                FactNotes,
            ],
            Sheet::Evidence => &[
                EvidenceId,
                Indicator,
                EvidenceKind,
                Date,
                Title,
                FileOrLink,
                ValidUntil,
            ],
            Sheet::Complaints => &[
                ComplaintId,
                Received,
                Closed,
                Verified,
                Member,
                ComplaintNotes,
            ],
            Sheet::Instructions | Sheet::Members | Sheet::Events => &[],
        }
    }
}

/// A column of one of the template's own sheets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Column {
    /// 基本信息: what the row gives.
    Item,
    /// 基本信息: its value.
    Value,
    /// 基本信息: a note on it (not read).
    Notes,
    /// 指标数据: the fact's id.
    FactId,
    /// 指标数据: its name (not read).
    FactName,
    /// 指标数据: its kind (not read).
    FactKind,
    /// 指标数据: its range (not read).
    FactRange,
    /// 指标数据: the indicators it feeds (not read).
    FactIndicators,
    /// 指标数据: its value.
    FactValue,
    /// 指标数据: where it comes from when not typed (not read).
    FactNotes,
    /// 工作台账: the record's id.
    EvidenceId,
    /// 工作台账: the indicator it is filed under.
    Indicator,
    /// 工作台账: its evidence kind.
    EvidenceKind,
    /// 工作台账: its date.
    Date,
    /// 工作台账: its title.
    Title,
    /// 工作台账: the file or link where it is kept.
    FileOrLink,
    /// 工作台账: the last day it stays valid.
    ValidUntil,
    /// 投诉台账: the complaint's number.
    ComplaintId,
    /// 投诉台账: the day it was accepted.
    Received,
    /// 投诉台账: the day it was closed.
    Closed,
    /// 投诉台账: whether it was verified.
    Verified,
    /// 投诉台账: the member it concerns, by credit code.
    Member,
    /// 投诉台账: what it was about.
    ComplaintNotes,
}

impl Column {
    /// The column's header.
    pub(crate) fn header(self) -> Msg {
        use Column::*;
        match self {
            Item => Msg::new("template-col-item"),
            Value => Msg::new("template-col-value"),
            Notes | FactNotes => Msg::new("template-col-notes"),
            FactId | EvidenceId | ComplaintId => Msg::new("template-col-id"),
            FactName => Msg::new("template-col-fact-name"),
            FactKind | EvidenceKind => Msg::new("template-col-kind"),
            FactRange => Msg::new("template-col-range"),
            FactIndicators => Msg::new("template-col-indicators"),
            FactValue => Msg::new("template-col-fact-value"),
            Indicator => Msg::new("template-col-indicator"),
            Date => Msg::new("template-col-date"),
            Title => Msg::new("template-col-title"),
            FileOrLink => Msg::new("template-col-file"),
            ValidUntil => Msg::new("template-col-valid-until"),
            Received => Msg::new("template-col-received"),
            Closed => Msg::new("template-col-closed"),
            Verified => Msg::new("template-col-verified"),
            Member => Msg::new("template-col-member"),
            ComplaintNotes => Msg::new("template-col-complaint-notes"),
        }
    }

    /// Whether a sheet must have the column to be read.
    pub(crate) fn required(self) -> bool {
        use Column::*;
        matches!(
            self,
            Item | Value
                | FactId
                | FactValue
                | EvidenceId
                | Indicator
                | EvidenceKind
                | Date
                | Title
                | ComplaintId
                | Received
                | Closed
                | Verified
        )
    }
}

/// A row of the profile sheet (基本信息).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum ProfileField {
    /// The association's registered name.
    Name,
    /// The sector overlay its rules come from (written by the template).
    Sector,
    /// Its unified social credit code.
    CreditCode,
    /// The period's label.
    Period,
    /// The period's first day.
    Start,
    /// The period's last day.
    End,
}

impl ProfileField {
    /// Every row, in the order written.
    pub(crate) const ALL: [ProfileField; 6] = [
        ProfileField::Name,
        ProfileField::Sector,
        ProfileField::CreditCode,
        ProfileField::Period,
        ProfileField::Start,
        ProfileField::End,
    ];

    /// The row's label, in its 项目 cell.
    pub(crate) fn label(self) -> Msg {
        match self {
            ProfileField::Name => Msg::new("template-profile-name"),
            ProfileField::Sector => Msg::new("template-profile-sector"),
            ProfileField::CreditCode => Msg::new("template-profile-credit-code"),
            ProfileField::Period => Msg::new("template-profile-period"),
            ProfileField::Start => Msg::new("template-profile-start"),
            ProfileField::End => Msg::new("template-profile-end"),
        }
    }

    /// The field a label names, in either language.
    pub(crate) fn labelled(text: &str) -> Option<ProfileField> {
        ProfileField::ALL
            .into_iter()
            .find(|f| same_words(text, &f.label()))
    }
}

/// Whether a cell writes a message's words in either language, spaces and line breaks aside
/// (headers wrap) and English in any case.
pub(crate) fn same_words(cell: &str, words: &Msg) -> bool {
    let squeeze = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let cell = squeeze(cell);
    [Lang::Zh, Lang::En]
        .into_iter()
        .any(|lang| squeeze(&words.word(lang)) == cell)
}

/// What kind of value a fact holds, as the template says it.
pub(crate) fn fact_kind(decl: &FactDecl) -> Msg {
    match decl.kind {
        FactKind::YesNo => Msg::new("template-kind-yes-no"),
        FactKind::Count => Msg::new("template-kind-count"),
        FactKind::Rate => Msg::new("template-kind-rate"),
        FactKind::Amount => Msg::new("template-kind-amount"),
    }
}

/// The values a fact may take: what its kind allows. The one place a declared range of the
/// catalogue would be said too.
pub(crate) fn fact_range(decl: &FactDecl) -> Msg {
    match decl.kind {
        FactKind::YesNo => Msg::new("template-range-yes-no"),
        FactKind::Count => Msg::new("template-range-count"),
        FactKind::Rate => Msg::new("template-range-rate"),
        FactKind::Amount => Msg::new("template-range-amount"),
    }
}

/// The words of a yes in the template's yes/no cells.
pub(crate) const YES: &str = "是";
/// The words of a no.
pub(crate) const NO: &str = "否";
