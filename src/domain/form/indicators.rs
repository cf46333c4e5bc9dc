//! The indicator block of a form: each indicator scored only from what the
//! ledger holds, and what is missing before it can be.

use rust_decimal::Decimal;

use super::{Blank, FormIndicator, Missing};
use crate::domain::indicator::{Indicator, Quantity, Tier};
use crate::domain::rules::ScoringRules;
use crate::domain::score::{Achievement, ExecutionRule, ProjectScore, achievement, project_score};
use crate::domain::settings::Weights;
use crate::domain::vocabulary::Vocabulary;

pub(super) struct Scored {
    pub score: ProjectScore,
    pub rows: Vec<FormIndicator>,
    pub missing: Vec<Missing>,
}

/// The indicator as the form may score it. Without an actual value — the
/// evidence of a qualitative indicator, the survey figure of a satisfaction
/// one — neither a mark, a grade nor a score the user gave counts: no cell is
/// scored from nothing.
fn evidenced(indicator: &Indicator) -> Indicator {
    let mut i = indicator.clone();
    if i.actual.is_none() {
        i.marked_met = None;
        i.score = None;
        i.grade = None;
    }
    i
}

fn value_text(value: Option<Quantity>) -> Option<String> {
    value.map(|q| match q {
        Quantity::Number(n) => n.normalize().to_string(),
        Quantity::Date(d) => d.to_string(),
    })
}

fn missing(field: Blank, i: &Indicator) -> Missing {
    Missing {
        field,
        indicator: Some(i.id),
        name: Some(i.name.clone()),
        chars: None,
        limit: None,
    }
}

pub(super) fn score(
    own: &[&Indicator],
    rate: Option<Decimal>,
    weights: &Weights,
    rule: ExecutionRule,
    rules: &ScoringRules,
) -> Scored {
    let evidenced: Vec<Indicator> = own.iter().map(|i| evidenced(i)).collect();
    let refs: Vec<&Indicator> = evidenced.iter().collect();
    let score = project_score(rate, &refs, weights, rule, rules);
    let mut missing_list = Vec::new();
    let mut rows = Vec::new();
    for ((i, points), weight) in evidenced
        .iter()
        .zip(&score.indicator_points)
        .zip(&score.indicator_weights)
    {
        let achieved = achievement(i, rules);
        if i.actual.is_none() {
            missing_list.push(missing(Blank::Actual, i));
        } else if points.is_none() {
            missing_list.push(missing(Blank::Grade, i));
        } else if !matches!(achieved, Achievement::Achieved) && i.deviation_reason.is_none() {
            // Missed or partly achieved: the form asks why (未完成原因分析).
            missing_list.push(missing(Blank::Deviation, i));
        }
        rows.push(FormIndicator {
            id: i.id,
            tier: i.category.tier(),
            category: i.category,
            name: i.name.clone(),
            nature: i.target.comparator,
            value: value_text(i.target.value),
            unit: i.target.unit.clone(),
            target: i.target.text.clone(),
            actual: i.actual.as_ref().map(|a| a.text.clone()),
            weight: *weight,
            score: *points,
            achievement: achieved,
            deviation: i.deviation_reason.clone(),
            measures: i.measures.clone(),
        });
    }
    missing_list.extend(score.empty_tiers.iter().map(|tier: &Tier| Missing {
        field: Blank::Indicators,
        indicator: None,
        name: Some(tier.code().to_string()),
        chars: None,
        limit: None,
    }));
    Scored {
        score,
        rows,
        missing: missing_list,
    }
}
