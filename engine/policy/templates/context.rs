//! What a report template is given: the outcome laid out for printing, every text already in
//! the reader's language and every number already written, the charts as inline SVG, and the
//! words of the report (`w.<key>`) from the message catalogue. The same shape is filled with
//! trial data when the policy set loads ([`Report::probe`]), so a template that reads a value
//! the report does not have fails there.

use std::collections::BTreeMap;

use minijinja::Value;
use serde::Serialize;

use crate::message::Msg;
use crate::text::Lang;

/// The names a template finds at its top level.
pub(crate) const TOP_LEVEL: [&str; 10] = [
    "lang",
    "w",
    "summary",
    "charts",
    "indicators",
    "actions",
    "follow_ups",
    "credit",
    "trend",
    "provenance",
];

/// Everything a report template is given.
#[derive(Serialize)]
pub(crate) struct Report {
    /// The page's language tag: `zh-CN` or `en`.
    pub lang: &'static str,
    /// The words of the report, by key (see [`words`]).
    pub w: BTreeMap<&'static str, String>,
    /// The association's result.
    pub summary: Summary,
    /// Inline SVG charts (already escaped).
    pub charts: Charts,
    /// Levels and indicators in reading order.
    pub indicators: Vec<IndicatorRow>,
    /// Improvement actions raised (7.4).
    pub actions: Vec<ActionRow>,
    /// Earlier actions followed up (7.4 d).
    pub follow_ups: Vec<FollowUpRow>,
    /// Member credit, when the data has a roster.
    pub credit: Option<Credit>,
    /// The previous period against this one, when the evaluation had one.
    pub trend: Option<Trend>,
    /// Where the report comes from.
    pub provenance: Provenance,
}

/// The association's result.
#[derive(Serialize)]
pub(crate) struct Summary {
    /// Association name.
    pub association: String,
    /// Its unified social credit code.
    pub credit_code: String,
    /// Period id.
    pub period: String,
    /// Last day of the period.
    pub period_end: String,
    /// Sector name (the base's name when no overlay applies).
    pub sector: String,
    /// Total score.
    pub total: String,
    /// Most points.
    pub max: String,
    /// Total as a share of the maximum, `85.5%`.
    pub share: String,
    /// Grade name.
    pub grade: String,
}

/// The charts, each an `<svg>` element or empty when there is nothing to draw.
#[derive(Serialize)]
pub(crate) struct Charts {
    /// A and B levels against their maximum.
    pub levels: Value,
    /// C indicators, the share of their points.
    pub indicators: Value,
    /// Members by credit grade (empty without a roster).
    pub credit: Value,
    /// The previous period against this one (empty without one).
    pub trend: Value,
}

/// A level or indicator row.
#[derive(Serialize)]
pub(crate) struct IndicatorRow {
    /// 0 for a top level (A), 1 below it (B), 2 for an indicator (C).
    pub depth: usize,
    /// True for an indicator (it has reasons).
    pub indicator: bool,
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Score.
    pub score: String,
    /// Most points.
    pub max: String,
    /// Share of the points, `50%`.
    pub share: String,
    /// One reason per criterion.
    pub reasons: Vec<ReasonRow>,
}

/// Why a criterion earned its points.
#[derive(Serialize)]
pub(crate) struct ReasonRow {
    /// Criterion id, `C1.1`.
    pub criterion: String,
    /// Points earned.
    pub points: String,
    /// Most points.
    pub max: String,
    /// The reason.
    pub text: String,
    /// Evidence ids it rests on, as a list.
    pub evidence: String,
}

/// An improvement action raised.
#[derive(Serialize)]
pub(crate) struct ActionRow {
    /// Action id, `C12/unmet`.
    pub id: String,
    /// Clause of the standard.
    pub clause: String,
    /// The indicator it concerns, `名称（C12）`.
    pub indicator: String,
    /// The action.
    pub action: String,
    /// Who owns it.
    pub owner: String,
    /// Due date.
    pub due: String,
    /// Why it was raised.
    pub why: String,
}

/// An earlier action followed up.
#[derive(Serialize)]
pub(crate) struct FollowUpRow {
    /// Action id.
    pub id: String,
    /// The indicator it concerns.
    pub indicator: String,
    /// The period it was raised in.
    pub raised_in: String,
    /// Due date.
    pub due: String,
    /// Where it stands, worded.
    pub status: String,
    /// Where it stands, as an id: `closed`, `open`, `overdue`, `escalated` (for styling).
    pub status_id: &'static str,
    /// Why.
    pub why: String,
}

/// Member credit.
#[derive(Serialize)]
pub(crate) struct Credit {
    /// How many members.
    pub members_total: usize,
    /// Grades, best first, with their members and the actions they bring.
    pub grades: Vec<GradeRow>,
    /// Every member, by credit code.
    pub members: Vec<MemberRow>,
    /// The members with a warning.
    pub member_warnings: Vec<MemberWarning>,
    /// Sector credit warnings.
    pub sector_warnings: Vec<SectorWarningRow>,
}

/// A credit grade's members.
#[derive(Serialize)]
pub(crate) struct GradeRow {
    /// Grade id.
    pub id: String,
    /// Grade name.
    pub name: String,
    /// Members in it.
    pub count: usize,
    /// Their share, `12.5%`.
    pub share: String,
    /// The actions its members get, as a list.
    pub actions: String,
}

/// A member's credit.
#[derive(Serialize)]
pub(crate) struct MemberRow {
    /// Unified social credit code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Credit score.
    pub score: String,
    /// Grade id.
    pub grade: String,
    /// Grade name.
    pub grade_name: String,
    /// The actions its grade brings, as a list.
    pub actions: String,
    /// Its warnings.
    pub warnings: Vec<String>,
}

/// A member's warnings.
#[derive(Serialize)]
pub(crate) struct MemberWarning {
    /// Unified social credit code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Grade id.
    pub grade: String,
    /// The warnings, joined.
    pub text: String,
}

/// A sector credit warning.
#[derive(Serialize)]
pub(crate) struct SectorWarningRow {
    /// The day it is issued as of.
    pub date: String,
    /// The warning.
    pub text: String,
    /// What crossed the line.
    pub subject: String,
    /// How many members.
    pub count: String,
    /// Their share.
    pub share: String,
    /// The line.
    pub line: String,
}

/// The previous period against this one.
#[derive(Serialize)]
pub(crate) struct Trend {
    /// Both periods, the earlier first.
    pub periods: Vec<TrendRow>,
    /// The change of the total, signed: `+4.5`.
    pub change: String,
}

/// One period's total and grade.
#[derive(Serialize)]
pub(crate) struct TrendRow {
    /// Period id.
    pub period: String,
    /// Total.
    pub total: String,
    /// Share of the maximum.
    pub share: String,
    /// Grade name.
    pub grade: String,
}

/// Where the report comes from.
#[derive(Serialize)]
pub(crate) struct Provenance {
    /// The day the evaluation stands as of: the period end (the outcome has no clock time, so
    /// the same inputs give the same page).
    pub evaluated_as_of: String,
    /// The cogov version.
    pub version: &'static str,
    /// Digest of the policy files.
    pub policy_digest: String,
    /// Digest of the data files.
    pub data_digest: String,
    /// Sector overlay, `id（名称）`, or the base's name.
    pub sector: String,
}

/// The words of the report by key, in `lang`. `warned` counts the members with a warning
/// (their heading says how many).
pub(crate) fn words(lang: Lang, warned: usize) -> BTreeMap<&'static str, String> {
    let words = [
        ("title", Msg::new("html-title")),
        ("summary", Msg::new("html-summary")),
        ("association", Msg::new("html-association")),
        ("credit_code", Msg::new("report-credit-code")),
        ("period", Msg::new("report-period")),
        ("period_end", Msg::new("html-period-end")),
        ("sector", Msg::new("html-sector")),
        ("total", Msg::new("report-total")),
        ("max", Msg::new("report-max")),
        ("share", Msg::new("html-share")),
        ("grade", Msg::new("report-grade")),
        ("charts", Msg::new("html-charts")),
        ("chart_levels", Msg::new("html-chart-levels")),
        ("chart_indicators", Msg::new("html-chart-indicators")),
        ("chart_credit", Msg::new("html-chart-credit")),
        ("chart_trend", Msg::new("html-chart-trend")),
        ("indicators", Msg::new("html-indicators")),
        ("id", Msg::new("report-indicator")),
        ("name", Msg::new("report-name")),
        ("score", Msg::new("report-score")),
        ("reasons", Msg::new("html-reasons")),
        ("criterion", Msg::new("report-criterion")),
        ("points", Msg::new("report-points")),
        ("evidence", Msg::new("report-evidence")),
        ("why", Msg::new("report-why")),
        ("actions", Msg::new("report-triggers")),
        ("action_id", Msg::new("report-action-id")),
        ("clause", Msg::new("report-clause")),
        ("indicator", Msg::new("html-indicator")),
        ("action", Msg::new("report-action")),
        ("owner", Msg::new("report-owner")),
        ("due", Msg::new("report-due")),
        ("follow_ups", Msg::new("report-follow-ups")),
        ("raised_in", Msg::new("report-raised-in")),
        ("status", Msg::new("report-status")),
        ("none", Msg::new("report-none")),
        ("credit", Msg::new("report-credit-heading")),
        ("members", Msg::new("report-credit-members")),
        ("credit_share", Msg::new("report-credit-share")),
        ("credit_actions", Msg::new("report-credit-actions")),
        ("distribution", Msg::new("html-distribution")),
        ("actions_by_grade", Msg::new("html-actions-by-grade")),
        ("member_list", Msg::new("html-member-list")),
        ("company", Msg::new("report-company")),
        ("credit_score", Msg::new("html-credit-score")),
        ("warnings", Msg::new("html-warnings")),
        ("semicolon", Msg::new("report-semicolon")),
        (
            "member_warnings",
            Msg::new("report-member-warnings").arg("n", warned),
        ),
        ("sector_warnings", Msg::new("report-sector-warnings")),
        ("warning", Msg::new("report-warning")),
        ("warning_date", Msg::new("report-warning-date")),
        ("warning_subject", Msg::new("report-warning-subject")),
        ("warning_line", Msg::new("report-warning-line")),
        ("trend", Msg::new("html-trend")),
        ("change", Msg::new("html-change")),
        ("provenance", Msg::new("html-provenance")),
        ("evaluated_as_of", Msg::new("html-evaluated-as-of")),
        ("version", Msg::new("html-version")),
        ("policy_digest", Msg::new("html-policy-digest")),
        ("data_digest", Msg::new("html-data-digest")),
        ("standard", Msg::new("html-standard")),
        ("standard_name", Msg::new("html-standard-name")),
        ("policy_note", Msg::new("html-policy-note")),
        ("generated_by", Msg::new("html-generated-by")),
    ];
    words.into_iter().map(|(k, m)| (k, m.word(lang))).collect()
}

impl Report {
    /// Trial data of the report's shape: with `full`, one of everything (a roster, warnings,
    /// actions, follow-ups, a previous period); else every list empty and nothing optional.
    pub(crate) fn probe(lang: Lang, full: bool) -> Report {
        let s = |text: &str| text.to_string();
        let svg = || Value::from_safe_string(s("<svg></svg>"));
        let some = |n: usize| if full { n } else { 0 };
        let reason = || ReasonRow {
            criterion: s("C1.1"),
            points: s("1"),
            max: s("2"),
            text: s("…"),
            evidence: s("E001"),
        };
        let row = |depth: usize| IndicatorRow {
            depth,
            indicator: depth == 2,
            id: s("C1"),
            name: s("…"),
            score: s("1"),
            max: s("2"),
            share: s("50%"),
            reasons: (0..usize::from(depth == 2)).map(|_| reason()).collect(),
        };
        Report {
            lang: lang_tag(lang),
            w: words(lang, some(1)),
            summary: Summary {
                association: s("…"),
                credit_code: s("51440600MJL100012B"),
                period: s("2024"),
                period_end: s("2024-12-31"),
                sector: s("…"),
                total: s("80"),
                max: s("100"),
                share: s("80%"),
                grade: s("…"),
            },
            charts: Charts {
                levels: svg(),
                indicators: svg(),
                credit: if full { svg() } else { Value::from("") },
                trend: if full { svg() } else { Value::from("") },
            },
            indicators: vec![row(0), row(1), row(2)],
            actions: (0..some(1))
                .map(|_| ActionRow {
                    id: s("C1/unmet"),
                    clause: s("7.4 b"),
                    indicator: s("…"),
                    action: s("…"),
                    owner: s("…"),
                    due: s("2025-03-31"),
                    why: s("…"),
                })
                .collect(),
            follow_ups: (0..some(1))
                .map(|_| FollowUpRow {
                    id: s("C1/unmet"),
                    indicator: s("…"),
                    raised_in: s("2023"),
                    due: s("2024-03-31"),
                    status: s("…"),
                    status_id: "open",
                    why: s("…"),
                })
                .collect(),
            credit: full.then(|| Credit {
                members_total: 1,
                grades: vec![GradeRow {
                    id: s("A"),
                    name: s("…"),
                    count: 1,
                    share: s("100%"),
                    actions: s("…"),
                }],
                members: vec![MemberRow {
                    code: s("91440604MA4W00001Y"),
                    name: s("…"),
                    score: s("100"),
                    grade: s("A"),
                    grade_name: s("…"),
                    actions: s("…"),
                    warnings: vec![s("…")],
                }],
                member_warnings: vec![MemberWarning {
                    code: s("91440604MA4W00001Y"),
                    name: s("…"),
                    grade: s("A"),
                    text: s("…"),
                }],
                sector_warnings: vec![SectorWarningRow {
                    date: s("2024-12-31"),
                    text: s("…"),
                    subject: s("C/D"),
                    count: s("1"),
                    share: s("100%"),
                    line: s("30%"),
                }],
            }),
            trend: full.then(|| Trend {
                periods: vec![
                    TrendRow {
                        period: s("2023"),
                        total: s("70"),
                        share: s("70%"),
                        grade: s("…"),
                    },
                    TrendRow {
                        period: s("2024"),
                        total: s("80"),
                        share: s("80%"),
                        grade: s("…"),
                    },
                ],
                change: s("+10"),
            }),
            provenance: Provenance {
                evaluated_as_of: s("2024-12-31"),
                version: env!("CARGO_PKG_VERSION"),
                policy_digest: s("0123456789abcdef"),
                data_digest: s("0123456789abcdef"),
                sector: s("…"),
            },
        }
    }
}

/// The page's language tag.
pub(crate) fn lang_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    }
}
