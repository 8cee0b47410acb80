//! Scores every indicator by its criteria, with a reason per criterion, and rolls the scores
//! up to the B and A levels and the total.

use std::collections::BTreeMap;

use crate::data::{Dataset, FactValue};
use crate::diagnostic::Problems;
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
        evidence: Vec::new(),
        facts: BTreeMap::new(),
    };
    let (points, text) = match &c.rule {
        Rule::Evidence { kind, at_least } => {
            reason.rule = "evidence".into();
            let ids = data.evidence_ids(indicator, kind);
            let n = ids.len();
            let kind_name = name(kind);
            reason.evidence = ids;
            let met = n >= *at_least as usize;
            let text = if met {
                Text::new(
                    format!("{}：{n} 份（需 ≥{at_least}）", kind_name.zh),
                    format!("{}: {n} (needs ≥ {at_least})", kind_name.en),
                )
            } else {
                Text::new(
                    format!("{}：{n} 份，未达 {at_least} 份", kind_name.zh),
                    format!("{}: {n}, fewer than {at_least}", kind_name.en),
                )
            };
            (if met { c.points } else { 0.0 }, text)
        }
        Rule::Fact { key } => {
            reason.rule = "fact".into();
            let value = fact(key);
            reason.facts.insert(key.clone(), value);
            let n = name(key);
            match value {
                Some(FactValue::YesNo(true)) => (
                    c.points,
                    Text::new(format!("{}：是", n.zh), format!("{}: yes", n.en)),
                ),
                Some(_) => (
                    0.0,
                    Text::new(format!("{}：否", n.zh), format!("{}: no", n.en)),
                ),
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
                    let text = Text::new(
                        format!("{} = {v}（需 ≥{want}）", n.zh),
                        format!("{} = {v} (needs ≥ {want})", n.en),
                    );
                    (if met { c.points } else { 0.0 }, text)
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
                        Text::new(
                            format!("{} = {v}，达到 ≥{at_least} 档", n.zh),
                            format!("{} = {v}, reaches the ≥ {at_least} step", n.en),
                        ),
                    ),
                    None => (
                        0.0,
                        Text::new(
                            format!("{} = {v}，未达最低档 ≥{}", n.zh, steps[0].0),
                            format!("{} = {v}, below the lowest step ≥ {}", n.en, steps[0].0),
                        ),
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
            let doing = format!("scoring {indicator} (criterion {})", c.id);
            let value = script.call(
                &policies.engine,
                crate::policy::SCORER_ENTRY,
                ctx.clone(),
                &doing,
            )?;
            let result = scored(script, value, scale, &doing)?;
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
            (earned, Text::new(zh.join("；"), en.join("; ")))
        }
    };
    reason.points = round2(points);
    reason.text = text.zh;
    reason.text_en = text.en;
    Ok(reason)
}

fn number(value: Option<FactValue>) -> Option<f64> {
    match value {
        Some(FactValue::Number(n)) => Some(n),
        _ => None,
    }
}

fn not_reported(name: &Text) -> Text {
    Text::new(
        format!("{}：未报告", name.zh),
        format!("{}: not reported", name.en),
    )
}
