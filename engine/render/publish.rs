//! The documents an association publishes, from an outcome and the policy's templates: the
//! members' credit listing (信用评价结果公示, 8.1.2.2 c) — the grades the policy publishes with
//! their members, the basis, the publication date and validity, how to object and by when, how
//! to repair credit — and the sector credit warning notice (行业质量信用预警, 8.1.2.3 b). Each
//! is HTML or Markdown; the templates escape every value for their format.

use jiff::ToSpan;
use jiff::civil::Date;

use super::html::sector_name;
use super::{pick, warnings};
use crate::diagnostic::Problem;
use crate::message::Msg;
use crate::outcome::Outcome;
use crate::policy::PolicySet;
use crate::policy::credit::Validity;
use crate::policy::templates::context::SectorWarningRow;
use crate::policy::templates::publish::{
    Head, LISTING, ListedGrade, ListedMember, Listing, Notice, WARNING, words,
};
use crate::text::Lang;

/// The format of a published document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Document {
    /// A standalone HTML page.
    #[default]
    Html,
    /// Markdown.
    Md,
}

impl Document {
    fn pick(self, [html, md]: [&'static str; 2]) -> &'static str {
        match self {
            Document::Html => html,
            Document::Md => md,
        }
    }
}

/// Why a document was not made.
#[derive(Debug)]
pub enum NotPublished {
    /// The policies or a template failed (exit 1).
    Problem(Problem),
    /// There is nothing to publish: said in a message.
    Nothing(Msg),
}

impl From<Problem> for NotPublished {
    fn from(p: Problem) -> Self {
        NotPublished::Problem(p)
    }
}

/// A rendered document, ending in a line break (a template's last one is trimmed).
fn ended(mut text: String) -> String {
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// A date as published, `YYYY-MM-DD`.
fn day(date: Date) -> String {
    date.strftime("%Y-%m-%d").to_string()
}

fn head(policies: &PolicySet, outcome: &Outcome, published: Date, title: Msg, lang: Lang) -> Head {
    let a = &outcome.association;
    let title = title
        .arg("association", a.name.as_str())
        .arg("period", outcome.period.as_str());
    Head {
        lang: crate::policy::templates::context::lang_tag(lang),
        title: title.word(lang),
        w: words(lang),
        association: a.name.clone(),
        credit_code: a.id.clone(),
        period: outcome.period.clone(),
        period_end: outcome.period_end.clone(),
        published: day(published),
        standard: Msg::new("html-standard-name").word(lang),
        policy: sector_name(policies, lang),
        policy_digest: outcome.policy.digest.clone(),
    }
}

/// The members' credit listing for exactly the grades the policy publishes.
pub fn listing(
    policies: &PolicySet,
    outcome: &Outcome,
    published: Date,
    format: Document,
    lang: Lang,
) -> Result<String, NotPublished> {
    let credit = policies.credit();
    let Some(publication) = credit.publication() else {
        let file = policies.root.join("base").join("credit.ron");
        let problem = Problem::in_file(&file, Msg::new("publish-no-publication"))
            .with_help(Msg::new("publish-no-publication-help"));
        return Err(problem.into());
    };
    let association = outcome.association.name.as_str();
    let grades: Vec<ListedGrade> = publication
        .grades
        .iter()
        .map(|&g| {
            let id = credit.grade_id(g);
            let members: Vec<ListedMember> = outcome
                .members
                .iter()
                .filter(|m| m.grade == id)
                .map(|m| ListedMember {
                    code: m.id.clone(),
                    name: m.name.clone(),
                })
                .collect();
            let name = outcome.credit.grades.iter().find(|n| n.id == id);
            ListedGrade {
                id: id.to_string(),
                name: name.map_or("", |n| pick(lang, &n.zh, &n.en)).to_string(),
                count: members.len(),
                members,
            }
        })
        .collect();
    let days = publication.objection_days;
    let deadline = day(published.saturating_add(i64::from(days).days()));
    let validity = match publication.validity {
        Validity::Months(months) => Msg::new("publish-valid-months").arg("months", months).arg(
            "until",
            day(published.saturating_add(i64::from(months).months())),
        ),
        Validity::UntilNext => Msg::new("publish-valid-until-next"),
    };
    let objection = Msg::new("publish-objection")
        .arg("association", association)
        .arg("days", days)
        .arg("deadline", deadline.as_str());
    let repair = Msg::new("publish-repair").arg("association", association);
    let rows = outcome.members.len() + grades.len();
    let document = Listing {
        head: head(
            policies,
            outcome,
            published,
            Msg::new("publish-listing-title"),
            lang,
        ),
        validity: policies.word(&validity, lang),
        grades,
        objection: policies.word(&objection, lang),
        objection_deadline: deadline,
        repair: policies.word(&repair, lang),
    };
    let text = policies
        .templates
        .render(format.pick(LISTING), &document, rows)?;
    Ok(ended(text))
}

/// The sector credit warning notice; nothing to publish when the outcome has no warning.
pub fn warning(
    policies: &PolicySet,
    outcome: &Outcome,
    published: Date,
    format: Document,
    lang: Lang,
) -> Result<String, NotPublished> {
    let association = outcome.association.name.as_str();
    if outcome.warnings.is_empty() {
        return Err(NotPublished::Nothing(
            Msg::new("publish-no-warning")
                .arg("association", association)
                .arg("period", outcome.period.as_str()),
        ));
    }
    let rows: Vec<SectorWarningRow> = warnings::rows(outcome, lang)
        .into_iter()
        .map(|row| {
            let mut cells = row.into_iter();
            let mut next = || cells.next().unwrap_or_default();
            SectorWarningRow {
                date: next(),
                text: next(),
                subject: next(),
                count: next(),
                share: next(),
                line: next(),
            }
        })
        .collect();
    let advice = Msg::new("publish-warning-advice").arg("association", association);
    let count = rows.len();
    let document = Notice {
        head: head(
            policies,
            outcome,
            published,
            Msg::new("publish-warning-title"),
            lang,
        ),
        warnings: rows,
        advice: policies.word(&advice, lang),
    };
    let text = policies
        .templates
        .render(format.pick(WARNING), &document, count)?;
    Ok(ended(text))
}
