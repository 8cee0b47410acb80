//! Scores every indicator by its criteria, with a reason per criterion, and rolls the scores
//! up to the B and A levels and the total.

use std::collections::BTreeMap;

use crate::data::{Dataset, FactValue};
use crate::diagnostic::Problems;
use crate::message::Msg;
use crate::outcome::{IndicatorResult, LevelResult, Outcome, Reason, round2};
use crate::policy::PolicySet;
use crate::policy::rubric::{Criterion, NodeKind, Rule};
use crate::policy::script::{ContextData, ScriptContext, scored};
use crate::text::Text;

/// Indicator and level results and the total.
pub(super) struct Scored {
    pub(super) total: f64,
    pub(super) levels: Vec<LevelResult>,
    pub(super) indicators: Vec<IndicatorResult>,
}

/// Scores the rubric; every script problem is collected before failing.
pub(super) fn score(
    policies: &PolicySet,
    data: &Dataset,
    facts: &BTreeMap<String, FactValue>,
    previous: Option<&Outcome>,
) -> Result<Scored, Problems> {
    let rubric = &policies.rubric;
    let mut node_scores = vec![0.0; rubric.nodes.len()];
    let mut indicators = Vec::new();
    let mut problems = Problems::default();
    for i in rubric.indicators() {
        let node = &rubric.nodes[i];
        let mut reasons = Vec::new();
        for criterion in rubric.criteria(i) {
            match score_criterion(policies, data, facts, previous, &node.id, criterion) {
                Ok(reason) => reasons.push(reason),
                Err(p) => problems.push(p),
            }
        }
        let score: f64 = reasons.iter().map(|r| r.points).sum();
        node_scores[i] = score;
        let parent = node
            .parent
            .map(|p| rubric.nodes[p].id.clone())
            .unwrap_or_default();
        indicators.push(IndicatorResult {
            id: node.id.clone(),
            parent,
            name: node.name.zh.clone(),
            name_en: node.name.en.clone(),
            score: round2(score),
            max: node.points,
            reasons,
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    // Children come after their parent in reading order: sum backwards.
    for i in (0..rubric.nodes.len()).rev() {
        if matches!(rubric.nodes[i].kind, NodeKind::Level) {
            node_scores[i] = rubric.nodes[i]
                .children
                .iter()
                .map(|&c| node_scores[c])
                .sum();
        }
    }
    let levels = rubric
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| matches!(n.kind, NodeKind::Level))
        .map(|(i, n)| LevelResult {
            id: n.id.clone(),
            parent: n.parent.map(|p| rubric.nodes[p].id.clone()),
            name: n.name.zh.clone(),
            name_en: n.name.en.clone(),
            score: round2(node_scores[i]),
            max: n.points,
        })
        .collect();
    let total = rubric.roots().map(|i| node_scores[i]).sum();
    Ok(Scored {
        total,
        levels,
        indicators,
    })
}

/// Scores one criterion and says why.
fn score_criterion(
    policies: &PolicySet,
    data: &Dataset,
    facts: &BTreeMap<String, FactValue>,
    previous: Option<&Outcome>,
    indicator: &str,
    c: &Criterion,
) -> Result<Reason, crate::diagnostic::Problem> {
    let name = |id: &str| policies.catalogue.name_of(id);
    let fact = |key: &str| facts.get(key).copied();
    let source = c
        .origin
        .path
        .strip_prefix(&policies.root)
        .unwrap_or(&c.origin.path);
    let mut reason = Reason {
        criterion: c.id.clone(),
        rule: String::new(),
        source: source.to_string_lossy().replace('\\', "/"),
        points: 0.0,
        max: c.points,
        text: String::new(),
        text_en: String::new(),
        code: String::new(),
        args: Default::default(),
        evidence: Vec::new(),
        facts: BTreeMap::new(),
    };
    let (points, why) = match &c.rule {
        Rule::Evidence { kind, at_least } => {
            reason.rule = "evidence".into();
            let ids = data.evidence_ids(indicator, kind);
            let n = ids.len();
            let kind_name = name(kind);
            reason.evidence = ids;
            let met = n >= *at_least as usize;
            let why = if met {
                Msg::new("reason-evidence-met")
            } else {
                Msg::new("reason-evidence-short")
            }
            .arg("kind", kind_name)
            .arg("n", n)
            .arg("at_least", *at_least);
            (
                if met { c.points } else { 0.0 },
                standing(data, indicator, kind, why),
            )
        }
        Rule::Fact { key } => {
            reason.rule = "fact".into();
            let value = fact(key);
            reason.facts.insert(key.clone(), value);
            let n = name(key);
            match value {
                Some(FactValue::YesNo(true)) => {
                    (c.points, Msg::new("reason-fact-yes").arg("fact", n))
                }
                Some(_) => (0.0, Msg::new("reason-fact-no").arg("fact", n)),
                None => (0.0, not_reported(&n)),
            }
        }
        Rule::AtLeast {
            fact: key,
            value: want,
        } => {
            reason.rule = "at_least".into();
            let value = fact(key);
            reason.facts.insert(key.clone(), value);
            let n = name(key);
            match number(value) {
                Some(v) => {
                    let met = v >= *want;
                    let why = Msg::new("reason-at-least")
                        .arg("fact", n)
                        .arg("value", v)
                        .arg("want", *want);
                    (if met { c.points } else { 0.0 }, why)
                }
                None => (0.0, not_reported(&n)),
            }
        }
        Rule::Steps { fact: key, steps } => {
            reason.rule = "steps".into();
            let value = fact(key);
            reason.facts.insert(key.clone(), value);
            let n = name(key);
            match number(value) {
                Some(v) => match steps.iter().rev().find(|(at_least, _)| v >= *at_least) {
                    Some((at_least, points)) => (
                        *points,
                        Msg::new("reason-step-reached")
                            .arg("fact", n)
                            .arg("value", v)
                            .arg("at_least", *at_least),
                    ),
                    None => (
                        0.0,
                        Msg::new("reason-step-below")
                            .arg("fact", n)
                            .arg("value", v)
                            .arg("lowest", steps[0].0),
                    ),
                },
                None => (0.0, not_reported(&n)),
            }
        }
        Rule::Script {
            file,
            facts: declared,
            evidence,
            params,
            ..
        } => {
            reason.rule = "script".into();
            reason.source = file.clone();
            let script = &policies.scripts[file];
            let scale = script.scale.unwrap_or(c.points);
            let ctx = ScriptContext::new(ContextData {
                indicator: indicator.to_string(),
                max: scale,
                previous_score: previous
                    .and_then(|p| p.indicator(indicator))
                    .map(|i| i.score),
                fact_order: declared.clone(),
                params: params.clone(),
                facts: declared.iter().map(|f| (f.clone(), fact(f))).collect(),
                previous_facts: declared
                    .iter()
                    .map(|f| {
                        (
                            f.clone(),
                            previous.and_then(|p| p.association.facts.get(f).copied()),
                        )
                    })
                    .collect(),
                evidence: evidence
                    .iter()
                    .map(|k| (k.clone(), data.evidence_ids(indicator, k)))
                    .collect(),
                ..ContextData::default()
            });
            let doing = Msg::new("script-doing-scoring")
                .arg("indicator", indicator)
                .arg("criterion", &c.id);
            let value = script.call(
                &policies.engine,
                crate::policy::SCORER_ENTRY,
                ctx.clone(),
                doing.clone(),
            )?;
            let result = scored(script, value, scale, doing)?;
            let earned = if scale > 0.0 {
                result.points * c.points / scale
            } else {
                0.0
            };
            for key in ctx.read() {
                if declared.contains(&key) {
                    reason.facts.insert(key.clone(), fact(&key));
                } else {
                    reason.evidence.extend(data.evidence_ids(indicator, &key));
                }
            }
            reason.evidence.sort();
            let zh: Vec<&str> = result.reasons.iter().map(|r| r.zh.as_str()).collect();
            let en: Vec<&str> = result.reasons.iter().map(|r| r.en.as_str()).collect();
            let reasons = Text::new(zh.join("；"), en.join("; "));
            (earned, Msg::new("reason-script").arg("reasons", reasons))
        }
    };
    reason.points = round2(points);
    let why = counted_from_ledger(data, &reason.facts, why);
    let text = policies.word_both(&why);
    reason.text = text.zh;
    reason.text_en = text.en;
    reason.code = why.code.into_owned();
    reason.args = why.args;
    Ok(reason)
}

/// The reason of an evidence criterion, saying of each standing document adopted before the
/// period that counted when it was adopted and until when it is in force.
fn standing(data: &Dataset, indicator: &str, kind: &str, why: Msg) -> Msg {
    let carried: Vec<Msg> = data
        .evidence
        .iter()
        .filter(|e| e.indicator == indicator && e.kind == kind)
        .filter_map(|e| {
            let until = e.carried_until?;
            Some(
                Msg::new("reason-standing-document")
                    .arg("id", &e.id)
                    .arg("date", e.date.to_string())
                    .arg("until", until.to_string()),
            )
        })
        .collect();
    if carried.is_empty() {
        return why;
    }
    Msg::new("reason-evidence-standing")
        .arg("reason", why)
        .arg("documents", carried)
}

/// The reason, saying which ledger counted the facts it read when a ledger did.
fn counted_from_ledger(
    data: &Dataset,
    facts: &BTreeMap<String, Option<FactValue>>,
    why: Msg,
) -> Msg {
    match facts.keys().find_map(|k| data.counted.get(k)) {
        Some(counted) => Msg::new("reason-counted-from-ledger")
            .arg("reason", why)
            .arg("ledger", &counted.ledger)
            .arg("n", counted.entries),
        None => why,
    }
}

fn number(value: Option<FactValue>) -> Option<f64> {
    match value {
        Some(FactValue::Number(n)) => Some(n),
        _ => None,
    }
}

fn not_reported(name: &Text) -> Msg {
    Msg::new("reason-not-reported").arg("fact", name)
}
