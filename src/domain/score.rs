//! The self-evaluation score (绩效自评得分) of a project, by the national rule
//! for project self-evaluation (财预〔2020〕10号) as domain.md states it:
//! execution rate × its weight, plus each indicator's points, graded
//! 优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::indicator::{Comparator, Indicator, Quantity, compare};

/// How a project's execution is scored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExecutionRule {
    /// Points for execution (the first-level weight, 10 by default).
    pub weight: Decimal,
    /// Whether a rate above 100 % still scores only the full weight (the
    /// common practice).
    pub capped: bool,
}

impl Default for ExecutionRule {
    fn default() -> ExecutionRule {
        ExecutionRule {
            weight: Decimal::TEN,
            capped: true,
        }
    }
}

/// 评价等级.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// 优: 90–100
    Excellent,
    /// 良: 80–<90
    Good,
    /// 中: 60–<80
    Fair,
    /// 差: < 60
    Poor,
}

impl Grade {
    pub fn of(score: Decimal) -> Grade {
        if score >= Decimal::from(90) {
            Grade::Excellent
        } else if score >= Decimal::from(80) {
            Grade::Good
        } else if score >= Decimal::from(60) {
            Grade::Fair
        } else {
            Grade::Poor
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Grade::Excellent => "优",
            Grade::Good => "良",
            Grade::Fair => "中",
            Grade::Poor => "差",
        }
    }
}

/// Two decimals, half-up: how forms write points.
fn points(value: Decimal) -> Decimal {
    let mut p = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    p.rescale(2);
    p
}

/// Execution's points: rate (percent) × weight ÷ 100, capped at the weight
/// when the rule says so; no rate (no budget) scores nothing.
pub fn execution_points(rate: Option<Decimal>, rule: ExecutionRule) -> Decimal {
    let Some(rate) = rate else {
        return points(Decimal::ZERO);
    };
    let raw = rate.max(Decimal::ZERO) * rule.weight / Decimal::ONE_HUNDRED;
    points(if rule.capped {
        raw.min(rule.weight)
    } else {
        raw
    })
}

/// An indicator's points, or `None` when it needs the user's judgement (no
/// actual yet, or a qualitative target nobody has scored).
///
/// - met: the full weight;
/// - `≥` missed: actual ÷ target × weight;
/// - `≤` missed: actual between target and twice it scores
///   (1 − (actual − target) ÷ target) × weight, beyond that 0;
/// - `=` missed: 0;
/// - dates and prose: the user's score (`Indicator::score`), else full
///   weight when marked met, else unknown.
pub fn indicator_points(indicator: &Indicator) -> Option<Decimal> {
    let weight = indicator.weight;
    if let Some(score) = indicator.score {
        return Some(points(score.clamp(Decimal::ZERO, weight)));
    }
    let actual = indicator.actual.as_ref()?;
    match compare(&indicator.target, actual) {
        Some(true) => Some(points(weight)),
        Some(false) => {
            let (Some(Quantity::Number(target)), Some(Quantity::Number(got))) =
                (indicator.target.value, actual.value)
            else {
                // A missed date: no pro rata rule; the user scores it.
                return None;
            };
            let share = match indicator.target.comparator.unwrap_or(Comparator::Equal) {
                Comparator::AtLeast if target > Decimal::ZERO => {
                    (got / target).clamp(Decimal::ZERO, Decimal::ONE)
                }
                Comparator::AtMost if target > Decimal::ZERO => {
                    (Decimal::ONE - (got - target) / target).clamp(Decimal::ZERO, Decimal::ONE)
                }
                _ => Decimal::ZERO,
            };
            Some(points(share * weight))
        }
        None => match indicator.marked_met {
            Some(true) => Some(points(weight)),
            _ => None,
        },
    }
}

/// A project's score: execution and indicators, and the grade once every
/// indicator has points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectScore {
    pub execution: Decimal,
    /// Σ points of the indicators that have them.
    pub indicators: Decimal,
    /// Indicators still waiting for the user's judgement.
    pub unscored: usize,
    pub total: Decimal,
    /// `None` while some indicator is unscored: a grade would be a guess.
    pub grade: Option<Grade>,
}

pub fn project_score(
    rate: Option<Decimal>,
    indicators: &[&Indicator],
    rule: ExecutionRule,
) -> ProjectScore {
    let execution = execution_points(rate, rule);
    let scored: Vec<Option<Decimal>> = indicators.iter().map(|i| indicator_points(i)).collect();
    let unscored = scored.iter().filter(|p| p.is_none()).count();
    let indicators: Decimal = scored.into_iter().flatten().sum();
    let total = points(execution + indicators);
    ProjectScore {
        execution,
        indicators: points(indicators),
        unscored,
        total,
        grade: (unscored == 0).then(|| Grade::of(total)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::indicator::{Category, Measure};

    fn indicator(target: &str, actual: Option<&str>, weight: i64) -> Indicator {
        Indicator {
            id: 1,
            project: "p".into(),
            category: Category::Quantity,
            name: "n".into(),
            target: Measure::parse(target),
            actual: actual.map(Measure::parse),
            weight: Decimal::from(weight),
            deviation_reason: None,
            marked_met: None,
            score: None,
            updated_by: "t".into(),
            updated_at: chrono::DateTime::UNIX_EPOCH,
        }
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn execution_scores_rate_times_weight_capped() {
        let rule = ExecutionRule::default();
        assert_eq!(execution_points(Some(d("49.90")), rule), d("4.99"));
        assert_eq!(execution_points(Some(d("120")), rule), d("10.00"));
        assert_eq!(
            execution_points(
                Some(d("120")),
                ExecutionRule {
                    capped: false,
                    ..rule
                }
            ),
            d("12.00")
        );
        assert_eq!(execution_points(None, rule), d("0.00"));
    }

    #[test]
    fn indicators_score_by_their_comparator() {
        // met
        assert_eq!(
            indicator_points(&indicator("≥ 160 人", Some("160 人"), 20)),
            Some(d("20.00"))
        );
        // ≥ missed: 150/160 × 20 = 18.75
        assert_eq!(
            indicator_points(&indicator("≥ 160 人", Some("150 人"), 20)),
            Some(d("18.75"))
        );
        // ≤ missed: 12 against ≤ 10 → (1 − 2/10) × 10 = 8; 25 is beyond twice → 0
        assert_eq!(
            indicator_points(&indicator("≤ 10 天", Some("12 天"), 10)),
            Some(d("8.00"))
        );
        assert_eq!(
            indicator_points(&indicator("≤ 10 天", Some("25 天"), 10)),
            Some(d("0.00"))
        );
        // = missed: nothing
        assert_eq!(
            indicator_points(&indicator("= 7 大项", Some("6 大项"), 10)),
            Some(d("0.00"))
        );
        // no actual, or prose not yet judged: unknown
        assert_eq!(indicator_points(&indicator("≥ 95 %", None, 10)), None);
        assert_eq!(
            indicator_points(&indicator("按时完成", Some("已完成"), 10)),
            None
        );
        // the user's mark or score decides prose
        let mut q = indicator("按时完成", Some("已完成"), 10);
        q.marked_met = Some(true);
        assert_eq!(indicator_points(&q), Some(d("10.00")));
        q.score = Some(d("7.5"));
        assert_eq!(indicator_points(&q), Some(d("7.50")));
    }

    #[test]
    fn a_project_is_graded_once_every_indicator_has_points() {
        let a = indicator("≥ 160 人", Some("160 人"), 50);
        let b = indicator("≥ 90 %", Some("95 %"), 30);
        let c = indicator("≥ 95 %", Some("90 %"), 10);
        let score = project_score(Some(d("49.90")), &[&a, &b, &c], ExecutionRule::default());
        // 4.99 + 50 + 30 + 90/95 × 10 (9.47) = 94.46
        assert_eq!(
            (score.execution, score.indicators, score.total),
            (d("4.99"), d("89.47"), d("94.46"))
        );
        assert_eq!(score.grade, Some(Grade::Excellent));
        let open = indicator("按时完成", None, 10);
        let score = project_score(Some(d("100")), &[&a, &open], ExecutionRule::default());
        assert_eq!((score.unscored, score.grade), (1, None));
        assert_eq!(Grade::of(d("89.99")), Grade::Good);
        assert_eq!(Grade::of(d("60")), Grade::Fair);
        assert_eq!(Grade::of(d("59.99")).zh(), "差");
    }
}
