//! The self-evaluation score (绩效自评得分) of a project, by the national rule
//! for project self-evaluation (财预〔2020〕10号) as domain.md states it:
//! execution rate × its weight, plus each indicator's points, graded
//! 优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::calendar::ratio;
use super::indicator::{Comparator, Indicator, Measure, Quantity, Tier, compare};
use super::rules::{EqualRule, ScoringRules};
use super::settings::Weights;

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

/// Rounds each value to two decimals so that the rounded values add up to
/// their rounded sum (largest remainders first): the rows of a tier on the
/// form add up to the tier's points.
fn apportion(values: &[Decimal]) -> Vec<Decimal> {
    let cent = Decimal::new(1, 2);
    let floors: Vec<Decimal> = values
        .iter()
        .map(|v| v.round_dp_with_strategy(2, RoundingStrategy::ToZero))
        .collect();
    let target = points(values.iter().copied().sum());
    let mut short = ((target - floors.iter().copied().sum::<Decimal>()) / cent)
        .round()
        .to_string()
        .parse::<usize>()
        .unwrap_or(0);
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| (values[b] - floors[b]).cmp(&(values[a] - floors[a])));
    let mut out = floors;
    for n in order {
        if short == 0 {
            break;
        }
        out[n] += cent;
        short -= 1;
    }
    out.into_iter().map(points).collect()
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
    // A rate has no upper bound (a tiny budget, a large spend): saturate.
    let raw = rate.max(Decimal::ZERO).saturating_mul(rule.weight) / Decimal::ONE_HUNDRED;
    points(if rule.capped {
        raw.min(rule.weight)
    } else {
        raw
    })
}

/// Whether the target was met, when target and actual compare. An `=`
/// target under the national rule is met as `≥` is, and a target of 0 at any
/// actual ≤ 0.
fn met(indicator: &Indicator, actual: &Measure, rules: &ScoringRules) -> Option<bool> {
    let equalled = compare(&indicator.target, actual)?;
    let national_equal = rules.equal == EqualRule::National
        && indicator.target.comparator.unwrap_or(Comparator::Equal) == Comparator::Equal;
    match (indicator.target.value, actual.value) {
        (Some(Quantity::Number(target)), Some(Quantity::Number(got))) if national_equal => {
            Some(if target.is_zero() {
                got <= Decimal::ZERO
            } else {
                got >= target
            })
        }
        _ => Some(equalled),
    }
}

/// The share (0…1) of its weight an indicator earns, or `None` when it
/// needs the user's judgement (no actual yet, or a qualitative target nobody
/// has scored).
///
/// - met (computed from target and actual): all of it, whatever else was said;
/// - otherwise the user's score, when given, decides (score ÷ weight);
/// - `≥` missed: actual ÷ target;
/// - `≤` missed: actual between target and twice it earns
///   1 − (actual − target) ÷ target, beyond that nothing;
/// - `=` missed: by the ledger's [`EqualRule`] — nationally, a target of 0
///   is met only at an actual ≤ 0 and any other is scored like `≥`; strictly,
///   nothing;
/// - dates and prose: all when the user marked it met, nothing when marked
///   not met, else unknown.
pub fn indicator_share(indicator: &Indicator, rules: &ScoringRules) -> Option<Decimal> {
    let computed = indicator
        .actual
        .as_ref()
        .and_then(|actual| met(indicator, actual, rules).map(|met| (met, actual)));
    if let Some((true, _)) = computed {
        return Some(Decimal::ONE);
    }
    if let Some(score) = indicator.score
        && indicator.weight > Decimal::ZERO
    {
        return Some((score / indicator.weight).clamp(Decimal::ZERO, Decimal::ONE));
    }
    let marked = || {
        indicator
            .marked_met
            .map(|met| if met { Decimal::ONE } else { Decimal::ZERO })
    };
    let Some((_, actual)) = computed else {
        return marked();
    };
    let (Some(Quantity::Number(target)), Some(Quantity::Number(got))) =
        (indicator.target.value, actual.value)
    else {
        // A missed date: no pro rata rule; the user scores it.
        return marked();
    };
    Some(
        match indicator.target.comparator.unwrap_or(Comparator::Equal) {
            // Saturating: a target and an actual are typed as text, and one
            // tiny and the other huge would overflow a plain quotient.
            Comparator::AtLeast if target > Decimal::ZERO => {
                ratio(got, target).clamp(Decimal::ZERO, Decimal::ONE)
            }
            Comparator::AtMost if target > Decimal::ZERO => Decimal::ONE
                .saturating_sub(ratio(got.saturating_sub(target), target))
                .clamp(Decimal::ZERO, Decimal::ONE),
            Comparator::Equal if rules.equal == EqualRule::National && target > Decimal::ZERO => {
                ratio(got, target).clamp(Decimal::ZERO, Decimal::ONE)
            }
            _ => Decimal::ZERO,
        },
    )
}

/// How far an indicator was achieved, as the self-evaluation table says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Achievement {
    /// 达成: met, or judged in the 80–100 % band.
    Achieved,
    /// 部分达成: judged in the 60–80 % band.
    Partly,
    /// 未达成: missed, or judged below 60 %.
    NotAchieved,
    /// 待评: nobody has judged it yet.
    Open,
}

/// A computed comparison says met or missed; otherwise the grade the user
/// recorded, or the band of the user's score (the ledger's qualitative
/// bands); otherwise the user's mark.
pub fn achievement(indicator: &Indicator, rules: &ScoringRules) -> Achievement {
    let computed = indicator
        .actual
        .as_ref()
        .and_then(|actual| met(indicator, actual, rules));
    match (computed, indicator.score, indicator.marked_met) {
        (Some(true), _, _) => Achievement::Achieved,
        (Some(false), _, _) => Achievement::NotAchieved,
        (None, ..) if indicator.grade.is_some() => {
            indicator.grade.map_or(Achievement::Open, Achievement::from)
        }
        (None, Some(score), _) if indicator.weight > Decimal::ZERO => {
            rules.qualitative.band(ratio(score, indicator.weight))
        }
        (None, _, Some(true)) => Achievement::Achieved,
        (None, _, Some(false)) => Achievement::NotAchieved,
        _ => Achievement::Open,
    }
}

/// An indicator's points on its own weight: [`indicator_share`] × weight.
pub fn indicator_points(indicator: &Indicator, rules: &ScoringRules) -> Option<Decimal> {
    indicator_share(indicator, rules).map(|share| points(share * indicator.weight))
}

/// One first-level tier of a project's score (产出, 效益, 满意度).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierScore {
    pub tier: Tier,
    /// The tier's weight after a missing satisfaction tier moved to effects.
    pub weight: Decimal,
    pub points: Decimal,
    pub indicators: usize,
}

/// A project's score: execution and indicators, and the grade once every
/// indicator has points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectScore {
    pub execution_weight: Decimal,
    pub execution: Decimal,
    pub tiers: Vec<TierScore>,
    /// Each indicator's points in the order given, on its tier's scale;
    /// `None` while it waits for the user's judgement.
    pub indicator_points: Vec<Option<Decimal>>,
    /// Each indicator's weight on the form: its share of its tier's weight.
    pub indicator_weights: Vec<Decimal>,
    /// Σ points of the indicators that have them.
    pub indicators: Decimal,
    /// Indicators still waiting for the user's judgement.
    pub unscored: usize,
    /// Tiers that carry weight but have no indicator to earn it.
    pub empty_tiers: Vec<Tier>,
    pub total: Decimal,
    /// `None` while some indicator is unscored or a weighted tier has no
    /// indicator: a grade would be a guess.
    pub grade: Option<Grade>,
}

/// The first-level weights a project's indicators share. A tier without
/// indicators passes its weight on, as the demo's forms do: satisfaction to
/// effects (domain.md), effects to outputs.
fn tier_weights(weights: &Weights, indicators: &[&Indicator]) -> [(Tier, Decimal); 3] {
    let has = |tier: Tier| indicators.iter().any(|i| i.category.tier() == tier);
    let mut satisfaction = weights.satisfaction;
    let mut effect = weights.effect;
    let mut output = weights.output;
    if !has(Tier::Satisfaction) {
        effect += satisfaction;
        satisfaction = Decimal::ZERO;
    }
    if !has(Tier::Effect) {
        output += effect;
        effect = Decimal::ZERO;
    }
    [
        (Tier::Output, output),
        (Tier::Effect, effect),
        (Tier::Satisfaction, satisfaction),
    ]
}

/// A project's score under its first-level weights.
///
/// Within a tier, indicators share the tier's weight in proportion to their
/// own weights (equally when none has one), so indicator weights need not
/// add up to the tier's: an indicator's points are
/// `indicator_points × tier weight ÷ Σ indicator weights of the tier`.
pub fn project_score(
    rate: Option<Decimal>,
    indicators: &[&Indicator],
    weights: &Weights,
    rule: ExecutionRule,
    rules: &ScoringRules,
) -> ProjectScore {
    let execution = execution_points(
        rate,
        ExecutionRule {
            weight: weights.execution,
            ..rule
        },
    );
    let mut indicator_scores: Vec<Option<Decimal>> = vec![None; indicators.len()];
    let mut form_weights: Vec<Decimal> = vec![Decimal::ZERO; indicators.len()];
    let mut tiers = Vec::new();
    let mut empty_tiers = Vec::new();
    for (tier, weight) in tier_weights(weights, indicators) {
        let members: Vec<usize> = (0..indicators.len())
            .filter(|&n| indicators[n].category.tier() == tier)
            .collect();
        if members.is_empty() {
            if weight > Decimal::ZERO {
                empty_tiers.push(tier);
            }
            continue;
        }
        let own_total: Decimal = members.iter().map(|&n| indicators[n].weight).sum();
        let exact_weights: Vec<Decimal> = members
            .iter()
            .map(|&n| {
                if own_total > Decimal::ZERO {
                    indicators[n].weight * weight / own_total
                } else {
                    weight / Decimal::from(members.len())
                }
            })
            .collect();
        for (&n, w) in members.iter().zip(apportion(&exact_weights)) {
            form_weights[n] = w;
        }
        let earned: Vec<Option<Decimal>> = members
            .iter()
            .zip(&exact_weights)
            .map(|(&n, w)| indicator_share(indicators[n], rules).map(|share| share * w))
            .collect();
        let scored: Vec<Decimal> = earned.iter().flatten().copied().collect();
        let mut rounded = apportion(&scored).into_iter();
        for (&n, e) in members.iter().zip(&earned) {
            indicator_scores[n] = e.and_then(|_| rounded.next());
        }
        tiers.push(TierScore {
            tier,
            weight,
            points: points(scored.iter().copied().sum()),
            indicators: members.len(),
        });
    }
    let unscored = indicator_scores.iter().filter(|p| p.is_none()).count();
    let indicator_total: Decimal = tiers.iter().map(|t| t.points).sum();
    let total = points(execution + indicator_total);
    ProjectScore {
        execution_weight: weights.execution,
        execution,
        tiers,
        indicator_points: indicator_scores,
        indicator_weights: form_weights,
        indicators: points(indicator_total),
        unscored,
        grade: (unscored == 0 && empty_tiers.is_empty()).then(|| rules.grades.grade(total)),
        empty_tiers,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::indicator::Category;

    fn indicator(target: &str, actual: Option<&str>, weight: i64) -> Indicator {
        crate::domain::fixtures::indicator("p", Category::Quantity, target, actual, weight)
    }

    fn in_category(category: Category, mut i: Indicator) -> Indicator {
        i.category = category;
        i
    }

    fn indicator_points_of(i: &Indicator) -> Option<Decimal> {
        indicator_points(i, &ScoringRules::default())
    }

    fn achievement_of(i: &Indicator) -> Achievement {
        achievement(i, &ScoringRules::default())
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
    fn a_tiny_target_and_a_huge_actual_or_rate_score_without_overflowing() {
        let tiny = "0.0000000000000000000000000001";
        let huge = "79228162514264337593543950335";
        let missed = indicator(&format!("≤ {tiny} 吨"), Some(&format!("{huge} 吨")), 10);
        assert_eq!(indicator_points_of(&missed), Some(d("0.00")));
        let rule = ExecutionRule {
            weight: d("10"),
            capped: false,
        };
        assert!(execution_points(Some(Decimal::MAX), rule) > d("0"));
    }

    #[test]
    fn indicators_score_by_their_comparator() {
        // met
        assert_eq!(
            indicator_points_of(&indicator("≥ 160 人", Some("160 人"), 20)),
            Some(d("20.00"))
        );
        // ≥ missed: 150/160 × 20 = 18.75
        assert_eq!(
            indicator_points_of(&indicator("≥ 160 人", Some("150 人"), 20)),
            Some(d("18.75"))
        );
        // ≤ missed: 12 against ≤ 10 → (1 − 2/10) × 10 = 8; 25 is beyond twice → 0
        assert_eq!(
            indicator_points_of(&indicator("≤ 10 天", Some("12 天"), 10)),
            Some(d("8.00"))
        );
        assert_eq!(
            indicator_points_of(&indicator("≤ 10 天", Some("25 天"), 10)),
            Some(d("0.00"))
        );
        // = missed, national rule: scored like ≥, 6 ÷ 7 × 10 = 8.57
        assert_eq!(
            indicator_points_of(&indicator("= 7 大项", Some("6 大项"), 10)),
            Some(d("8.57"))
        );
        // no actual, or prose not yet judged: unknown
        assert_eq!(indicator_points_of(&indicator("≥ 95 %", None, 10)), None);
        assert_eq!(
            indicator_points_of(&indicator("按时完成", Some("已完成"), 10)),
            None
        );
        // the user's mark or score decides prose
        let mut q = indicator("按时完成", Some("已完成"), 10);
        q.marked_met = Some(true);
        assert_eq!(indicator_points_of(&q), Some(d("10.00")));
        q.score = Some(d("7.5"));
        assert_eq!(indicator_points_of(&q), Some(d("7.50")));
    }

    #[test]
    fn the_equal_rule_is_a_setting_national_by_default() {
        let national = ScoringRules::default();
        let strict = ScoringRules {
            equal: EqualRule::Strict,
            ..national
        };
        let scored = |i: &Indicator, rules: &ScoringRules| {
            (indicator_points(i, rules), achievement(i, rules))
        };
        // a target of 0: full only at an actual ≤ 0, under either rule
        let none = indicator("= 0 起", Some("0 起"), 10);
        let one = indicator("= 0 起", Some("1 起"), 10);
        for rules in [&national, &strict] {
            assert_eq!(
                scored(&none, rules),
                (Some(d("10.00")), Achievement::Achieved)
            );
            assert_eq!(
                scored(&one, rules),
                (Some(d("0.00")), Achievement::NotAchieved)
            );
        }
        // another target: nationally like ≥ (8 of = 7 is met, 6 earns 6/7),
        // strictly equalled or nothing
        let over = indicator("= 7 大项", Some("8 大项"), 10);
        let under = indicator("= 7 大项", Some("6 大项"), 10);
        assert_eq!(
            scored(&over, &national),
            (Some(d("10.00")), Achievement::Achieved)
        );
        assert_eq!(
            scored(&under, &national),
            (Some(d("8.57")), Achievement::NotAchieved)
        );
        assert_eq!(
            scored(&over, &strict),
            (Some(d("0.00")), Achievement::NotAchieved)
        );
        assert_eq!(
            scored(&under, &strict),
            (Some(d("0.00")), Achievement::NotAchieved)
        );
        // no comparator written reads as =
        let bare = indicator("12 台", Some("13 台"), 10);
        assert_eq!(scored(&bare, &national).0, Some(d("10.00")));
        assert_eq!(scored(&bare, &strict).0, Some(d("0.00")));
    }

    #[test]
    fn grade_and_qualitative_bands_are_settings() {
        use crate::domain::rules::{GradeBands, QualitativeBands};
        let a = indicator("≥ 160 人", Some("160 人"), 50);
        let mut q = in_category(Category::Social, indicator("按时完成", Some("已完成"), 30));
        q.score = Some(d("25.5")); // 85 % of 30
        let c = in_category(
            Category::Satisfaction,
            indicator("≥ 95 %", Some("95 %"), 10),
        );
        let national = ScoringRules::default();
        let provincial = ScoringRules {
            grades: GradeBands {
                excellent: d("80"),
                good: d("70"),
                fair: d("60"),
            },
            qualitative: QualitativeBands {
                achieved: d("90"),
                partly: d("70"),
            },
            ..national
        };
        // 0 (no budget) + 50 + 25.50 + 10 = 85.50: 良 nationally, 优 at 80/70/60
        let rule = ExecutionRule::default();
        let weights = Weights::default();
        let score = project_score(None, &[&a, &q, &c], &weights, rule, &national);
        assert_eq!((score.total, score.grade), (d("85.50"), Some(Grade::Good)));
        let score = project_score(None, &[&a, &q, &c], &weights, rule, &provincial);
        assert_eq!(
            (score.total, score.grade),
            (d("85.50"), Some(Grade::Excellent))
        );
        // 85 % of the weight: 达成 nationally (≥ 80), 部分达成 at 90/70
        assert_eq!(achievement(&q, &national), Achievement::Achieved);
        assert_eq!(achievement(&q, &provincial), Achievement::Partly);
    }

    #[test]
    fn a_project_is_graded_once_every_indicator_has_points() {
        let a = indicator("≥ 160 人", Some("160 人"), 50);
        let b = in_category(Category::Social, indicator("≥ 90 %", Some("95 %"), 30));
        let c = in_category(
            Category::Satisfaction,
            indicator("≥ 95 %", Some("90 %"), 10),
        );
        let weights = Weights::default();
        let rule = ExecutionRule::default();
        let score = project_score(
            Some(d("49.90")),
            &[&a, &b, &c],
            &weights,
            rule,
            &ScoringRules::default(),
        );
        // 4.99 + 50 + 30 + 90/95 × 10 (9.47) = 94.46
        assert_eq!(
            (score.execution, score.indicators, score.total),
            (d("4.99"), d("89.47"), d("94.46"))
        );
        assert_eq!(
            score.indicator_points,
            vec![Some(d("50.00")), Some(d("30.00")), Some(d("9.47"))]
        );
        assert_eq!(score.grade, Some(Grade::Excellent));
        let open = in_category(Category::Social, indicator("按时完成", None, 10));
        let score = project_score(
            Some(d("100")),
            &[&a, &open, &c],
            &weights,
            rule,
            &ScoringRules::default(),
        );
        assert_eq!((score.unscored, score.grade), (1, None));
        assert_eq!(Grade::of(d("89.99")), Grade::Good);
        assert_eq!(Grade::of(d("60")), Grade::Fair);
        assert_eq!(Grade::of(d("59.99")).zh(), "差");
    }

    #[test]
    fn indicators_share_their_tier_weight_in_proportion() {
        // Two output indicators weighted 20 and 5 share the output tier's 50:
        // 40 and 10. The second is missed at 3 of 4 (0.75 × 10 = 7.5).
        let a = indicator("≥ 160 人", Some("160 人"), 20);
        let b = indicator("≥ 4 次", Some("3 次"), 5);
        // No satisfaction indicator: effects carry 30 + 10 = 40.
        let e = in_category(Category::Social, indicator("≥ 1 个", Some("1 个"), 7));
        let score = project_score(
            Some(d("80")),
            &[&a, &b, &e],
            &Weights::default(),
            ExecutionRule::default(),
            &ScoringRules::default(),
        );
        assert_eq!(
            score.indicator_points,
            vec![Some(d("40.00")), Some(d("7.50")), Some(d("40.00"))]
        );
        let weights: Vec<_> = score.tiers.iter().map(|t| (t.tier, t.weight)).collect();
        assert_eq!(
            weights,
            vec![(Tier::Output, d("50")), (Tier::Effect, d("40"))]
        );
        // 8 + 47.5 + 40
        assert_eq!(score.total, d("95.50"));
        assert!(score.empty_tiers.is_empty());
        assert_eq!(score.grade, Some(Grade::Excellent));
    }

    #[test]
    fn empty_tiers_pass_their_weight_on_and_no_outputs_leaves_no_grade() {
        let a = indicator("≥ 160 人", Some("160 人"), 50);
        let weights = Weights {
            execution: d("20"),
            output: d("40"),
            ..Weights::default()
        };
        // Only an output indicator: satisfaction (10) passes to effects, and
        // effects (30 + 10) to outputs, which carry 40 + 40 = 80.
        let score = project_score(
            Some(d("50")),
            &[&a],
            &weights,
            ExecutionRule::default(),
            &ScoringRules::default(),
        );
        assert_eq!(score.execution, d("10.00"));
        assert_eq!(score.tiers[0].weight, d("80"));
        assert!(score.empty_tiers.is_empty());
        assert_eq!(
            (score.total, score.grade),
            (d("90.00"), Some(Grade::Excellent))
        );
        // Only a satisfaction indicator: outputs carry weight but nothing earns it.
        let s = in_category(
            Category::Satisfaction,
            indicator("≥ 90 %", Some("95 %"), 10),
        );
        let score = project_score(
            Some(d("100")),
            &[&s],
            &Weights::default(),
            ExecutionRule::default(),
            &ScoringRules::default(),
        );
        assert_eq!(score.empty_tiers, vec![Tier::Output]);
        // effects pass 30 to outputs, which have nothing to earn 80 with.
        assert_eq!(score.tiers.len(), 1);
        assert_eq!((score.total, score.grade), (d("20.00"), None));
    }

    #[test]
    fn a_computed_met_scores_full_weight_whatever_score_was_stored() {
        let mut i = indicator("≥ 90 %", Some("95 %"), 10);
        i.score = Some(d("8"));
        assert_eq!(indicator_points_of(&i), Some(d("10.00")));
        assert_eq!(achievement_of(&i), Achievement::Achieved);
        // missed: the user's score overrides pro rata
        i.actual = Some(crate::domain::Measure::parse("45 %"));
        assert_eq!(indicator_points_of(&i), Some(d("8.00")));
        assert_eq!(achievement_of(&i), Achievement::NotAchieved);
        i.score = None;
        assert_eq!(indicator_points_of(&i), Some(d("5.00")));
    }

    #[test]
    fn judged_indicators_fall_into_the_national_bands() {
        let mut q = indicator("按时完成", None, 10);
        assert_eq!(achievement_of(&q), Achievement::Open);
        for (score, band) in [
            ("8", Achievement::Achieved),
            ("7", Achievement::Partly),
            ("6", Achievement::Partly),
            ("5.99", Achievement::NotAchieved),
        ] {
            q.score = Some(d(score));
            assert_eq!(achievement_of(&q), band, "{score}");
        }
        q.score = None;
        q.marked_met = Some(false);
        assert_eq!(achievement_of(&q), Achievement::NotAchieved);
    }

    #[test]
    fn rounded_rows_add_up_to_their_tier() {
        // three equal outputs share 50: 16.666… each; the rows read
        // 16.67 + 16.67 + 16.66 = 50.00, and so do their weights on the form
        let a = indicator("≥ 1 个", Some("1 个"), 1);
        let e = in_category(Category::Social, indicator("≥ 1 个", Some("1 个"), 1));
        let score = project_score(
            Some(d("100")),
            &[&a, &a, &a, &e],
            &Weights::default(),
            ExecutionRule::default(),
            &ScoringRules::default(),
        );
        let points: Vec<Decimal> = score.indicator_points.iter().flatten().copied().collect();
        assert_eq!(points[..3], [d("16.67"), d("16.67"), d("16.66")]);
        assert_eq!(
            score.indicator_weights[..3],
            [d("16.67"), d("16.67"), d("16.66")]
        );
        assert_eq!(score.tiers[0].points, d("50.00"));
        assert_eq!(score.total, d("100.00"));
    }
}
