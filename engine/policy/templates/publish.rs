//! What the publication templates are given (`listing.*`: members' credit as an association
//! publishes it, 8.1.2.2 c; `warning.*`: the sector credit warning notice, 8.1.2.3 b): every
//! text already in the reader's language, dates already written, the words as `w.<key>`. Trial
//! data of the same shape ([`probe`]) is rendered when the policy set loads.

use std::collections::BTreeMap;

use minijinja::Value;
use serde::Serialize;

use super::context::{SectorWarningRow, lang_tag};
use crate::message::Msg;
use crate::text::Lang;

/// The listing templates (`cogov publish listing`), by format.
pub const LISTING: [&str; 2] = ["listing.html", "listing.md"];
/// The warning notice templates (`cogov publish warning`), by format.
pub const WARNING: [&str; 2] = ["warning.html", "warning.md"];

/// Where a published document comes from and when it is published.
#[derive(Serialize)]
pub(crate) struct Head {
    /// The page's language tag.
    pub lang: &'static str,
    /// The document's title: the association, what it publishes, the period.
    pub title: String,
    /// The words of the documents, by key (see [`words`]).
    pub w: BTreeMap<&'static str, String>,
    /// The association publishing.
    pub association: String,
    /// Its unified social credit code.
    pub credit_code: String,
    /// The period evaluated.
    pub period: String,
    /// Its last day.
    pub period_end: String,
    /// The publication date, `YYYY-MM-DD`.
    pub published: String,
    /// The standard it rests on.
    pub standard: String,
    /// The policy it was evaluated under: the sector's name.
    pub policy: String,
    /// The policy's digest.
    pub policy_digest: String,
}

/// The published credit listing.
#[derive(Serialize)]
pub(crate) struct Listing {
    /// Who, what and when.
    pub head: Head,
    /// How long the listing stands, as a sentence.
    pub validity: String,
    /// The grades the policy publishes, best first, each with its members.
    pub grades: Vec<ListedGrade>,
    /// How to object and by when, as a sentence.
    pub objection: String,
    /// The last day to object, `YYYY-MM-DD`.
    pub objection_deadline: String,
    /// How a member repairs its credit (信用修复), as a sentence.
    pub repair: String,
}

/// A published grade and its members.
#[derive(Serialize)]
pub(crate) struct ListedGrade {
    /// Grade id.
    pub id: String,
    /// Grade name.
    pub name: String,
    /// How many members.
    pub count: usize,
    /// Its members, by credit code.
    pub members: Vec<ListedMember>,
}

/// A member as published: credit code and name only.
#[derive(Serialize)]
pub(crate) struct ListedMember {
    /// Unified social credit code.
    pub code: String,
    /// Name, as the roster gives it.
    pub name: String,
}

/// The sector credit warning notice.
#[derive(Serialize)]
pub(crate) struct Notice {
    /// Who, what and when.
    pub head: Head,
    /// The warnings (never empty: a notice without one is not published).
    pub warnings: Vec<SectorWarningRow>,
    /// What members should do, as a sentence.
    pub advice: String,
}

/// The words of both documents by key, in `lang`.
pub(crate) fn words(lang: Lang) -> BTreeMap<&'static str, String> {
    let words = [
        ("colon", Msg::new("publish-colon")),
        ("association", Msg::new("html-association")),
        ("credit_code", Msg::new("report-credit-code")),
        ("period", Msg::new("report-period")),
        ("published", Msg::new("publish-published")),
        ("basis", Msg::new("publish-basis")),
        ("standard", Msg::new("html-standard")),
        ("policy", Msg::new("publish-policy")),
        ("policy_digest", Msg::new("html-policy-digest")),
        ("validity", Msg::new("publish-validity")),
        ("members", Msg::new("publish-members")),
        ("company", Msg::new("report-company")),
        ("count", Msg::new("report-credit-members")),
        ("none", Msg::new("publish-no-members")),
        ("objection", Msg::new("publish-objection-heading")),
        ("objection_deadline", Msg::new("publish-objection-deadline")),
        ("repair", Msg::new("publish-repair-heading")),
        ("warnings", Msg::new("report-sector-warnings")),
        ("warning", Msg::new("report-warning")),
        ("warning_date", Msg::new("report-warning-date")),
        ("warning_subject", Msg::new("report-warning-subject")),
        ("share", Msg::new("report-credit-share")),
        ("warning_line", Msg::new("report-warning-line")),
        ("advice", Msg::new("publish-advice-heading")),
    ];
    words.into_iter().map(|(k, m)| (k, m.word(lang))).collect()
}

/// Trial data for a publication template: with `full`, one of everything; else no members.
pub(crate) fn probe(name: &str, lang: Lang, full: bool) -> Value {
    let s = |t: &str| t.to_string();
    let head = Head {
        lang: lang_tag(lang),
        title: s("…"),
        w: words(lang),
        association: s("…"),
        credit_code: s("51440600MJL100012B"),
        period: s("2024"),
        period_end: s("2024-12-31"),
        published: s("2025-01-15"),
        standard: s("…"),
        policy: s("…"),
        policy_digest: s("0123456789abcdef"),
    };
    if WARNING.contains(&name) {
        return Value::from(minijinja::value::Serde(Notice {
            head,
            warnings: vec![SectorWarningRow {
                date: s("2024-12-31"),
                text: s("…"),
                subject: s("C/D"),
                count: s("1"),
                share: s("100%"),
                line: s("30%"),
            }],
            advice: s("…"),
        }));
    }
    let members = usize::from(full);
    Value::from(minijinja::value::Serde(Listing {
        head,
        validity: s("…"),
        grades: vec![ListedGrade {
            id: s("A"),
            name: s("…"),
            count: members,
            members: (0..members)
                .map(|_| ListedMember {
                    code: s("91440604MA4W00001Y"),
                    name: s("…"),
                })
                .collect(),
        }],
        objection: s("…"),
        objection_deadline: s("2025-01-25"),
        repair: s("…"),
    }))
}
