//! The scoring rules provinces set differently, with the national defaults
//! (财预〔2020〕10号 as real forms apply it): the grade bands, the bands of a
//! qualitative indicator's grade, and how an `=` target is scored. The
//! execution cap is a setting of its own (`ExecutionRule`).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::refusal::Refusal;
use super::score::{Achievement, Grade};
use super::vocabulary::vocabulary;

/// The lowest totals of 优, 良 and 中; below `fair` is 差.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeBands {
    pub excellent: Decimal,
    pub good: Decimal,
    pub fair: Decimal,
}

impl Default for GradeBands {
    /// 优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60.
    fn default() -> GradeBands {
        GradeBands {
            excellent: Decimal::from(90),
            good: Decimal::from(80),
            fair: Decimal::from(60),
        }
    }
}

impl GradeBands {
    pub fn grade(&self, total: Decimal) -> Grade {
        if total >= self.excellent {
            Grade::Excellent
        } else if total >= self.good {
            Grade::Good
        } else if total >= self.fair {
            Grade::Fair
        } else {
            Grade::Poor
        }
    }

    /// Falling, inside 0–100: `0 < fair < good < excellent ≤ 100`.
    pub fn check(&self) -> Result<(), Refusal> {
        let hundred = Decimal::ONE_HUNDRED;
        let ordered = Decimal::ZERO < self.fair
            && self.fair < self.good
            && self.good < self.excellent
            && self.excellent <= hundred;
        if ordered {
            return Ok(());
        }
        Err(Refusal::field_in(
            "grade_bands",
            format!(
                "{},{},{} must fall from excellent to fair, each above 0 and at most 100 (national: 90,80,60)",
                self.excellent, self.good, self.fair
            ),
            format!(
                "{},{},{} 应依次为优、良、中的下限，递减，大于 0 且不超过 100（全国：90,80,60）",
                self.excellent, self.good, self.fair
            ),
        ))
    }
}

/// The lowest share of its weight (percent) a qualitative indicator earns in
/// 达成 and in 部分达成; below `partly` is 未达成.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualitativeBands {
    pub achieved: Decimal,
    pub partly: Decimal,
}

impl Default for QualitativeBands {
    /// 达成 80–100 %, 部分达成 60–<80 %, 未达成 < 60 %.
    fn default() -> QualitativeBands {
        QualitativeBands {
            achieved: Decimal::from(80),
            partly: Decimal::from(60),
        }
    }
}

impl QualitativeBands {
    /// The band of a share (0…1) of the weight.
    pub fn band(&self, share: Decimal) -> Achievement {
        let percent = share * Decimal::ONE_HUNDRED;
        if percent >= self.achieved {
            Achievement::Achieved
        } else if percent >= self.partly {
            Achievement::Partly
        } else {
            Achievement::NotAchieved
        }
    }

    /// Refuses a score outside the band recorded with it: 达成 from `achieved`
    /// to 100 % of the weight, 部分达成 from `partly` to below `achieved`,
    /// 未达成 below `partly`.
    pub fn check_score(&self, band: Band, score: Decimal, weight: Decimal) -> Result<(), Refusal> {
        if weight <= Decimal::ZERO || self.band(score / weight) == Achievement::from(band) {
            return Ok(());
        }
        let at = |percent: Decimal| (weight * percent / Decimal::ONE_HUNDRED).normalize();
        let (en, zh) = match band {
            Band::Achieved => (
                format!("from {} to {weight}", at(self.achieved)),
                format!("{} 至 {weight}", at(self.achieved)),
            ),
            Band::Partly => (
                format!("from {} to below {}", at(self.partly), at(self.achieved)),
                format!("{} 至小于 {}", at(self.partly), at(self.achieved)),
            ),
            Band::NotAchieved => (
                format!("below {}", at(self.partly)),
                format!("小于 {}", at(self.partly)),
            ),
        };
        use super::vocabulary::Vocabulary;
        Err(Refusal::field_in(
            "score",
            format!(
                "{score} is outside {} ({}), which scores {en} of the weight {weight}",
                band.code(),
                band.zh()
            ),
            format!(
                "{score} 不在“{}”的分值范围内（权重 {weight} 时应为 {zh}）",
                band.zh()
            ),
        ))
    }

    /// `0 < partly < achieved ≤ 100`.
    pub fn check(&self) -> Result<(), Refusal> {
        if Decimal::ZERO < self.partly
            && self.partly < self.achieved
            && self.achieved <= Decimal::ONE_HUNDRED
        {
            return Ok(());
        }
        Err(Refusal::field_in(
            "qualitative_bands",
            format!(
                "{},{} must be the lowest percent of achieved and of partly achieved, falling, above 0 and at most 100 (national: 80,60)",
                self.achieved, self.partly
            ),
            format!(
                "{},{} 应为达成、部分达成的最低百分比，递减，大于 0 且不超过 100（全国：80,60）",
                self.achieved, self.partly
            ),
        ))
    }
}

vocabulary! {
    /// The grade an evaluator records for an indicator no number settles;
    /// the score given with it must fall inside its band.
    Band, "grade" {
        Achieved => "achieved", "达成年度指标", "achieved", ["达成"];
        Partly => "partly", "部分达成年度指标并具有一定效果", "partly achieved", ["部分达成", "partly_achieved"];
        NotAchieved => "not_achieved", "未达成年度指标且效果较差", "not achieved", ["未达成", "not-achieved"];
    }
}

impl From<Band> for Achievement {
    fn from(band: Band) -> Achievement {
        match band {
            Band::Achieved => Achievement::Achieved,
            Band::Partly => Achievement::Partly,
            Band::NotAchieved => Achievement::NotAchieved,
        }
    }
}

vocabulary! {
    /// How an `=` target that was not equalled is scored.
    EqualRule, "equal_rule" {
        National => "national", "目标为0时实际≤0得满分，否则按≥计分", "target 0: full only at actual ≤ 0; otherwise as ≥", ["全国"];
        Strict => "strict", "等于目标得满分，否则不得分", "equalled or nothing", ["严格"];
    }
}

/// The scoring rules of a ledger (its JSON is stored in the ledger's settings).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoringRules {
    pub grades: GradeBands,
    pub qualitative: QualitativeBands,
    pub equal: EqualRule,
}

impl Default for ScoringRules {
    fn default() -> ScoringRules {
        ScoringRules {
            grades: GradeBands::default(),
            qualitative: QualitativeBands::default(),
            equal: EqualRule::National,
        }
    }
}

impl ScoringRules {
    pub fn check(&self) -> Result<(), Refusal> {
        self.grades.check()?;
        self.qualitative.check()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn grade_bands_grade_and_a_province_may_set_others() {
        let national = GradeBands::default();
        assert_eq!(national.grade(d("90")), Grade::Excellent);
        assert_eq!(national.grade(d("89.99")), Grade::Good);
        assert_eq!(national.grade(d("79.99")), Grade::Fair);
        assert_eq!(national.grade(d("59.99")), Grade::Poor);
        // 80/70/60, as some provinces grade
        let lower = GradeBands {
            excellent: d("80"),
            good: d("70"),
            fair: d("60"),
        };
        assert_eq!(lower.check(), Ok(()));
        assert_eq!(lower.grade(d("85")), Grade::Excellent);
        assert_eq!(lower.grade(d("75")), Grade::Good);
        let unordered = GradeBands {
            good: d("95"),
            ..national
        };
        assert_eq!(unordered.check().unwrap_err().field_name(), "grade_bands");
        let past_100 = GradeBands {
            excellent: d("101"),
            ..national
        };
        assert!(past_100.check().is_err());
    }

    #[test]
    fn a_score_outside_its_recorded_band_is_refused() {
        let national = QualitativeBands::default();
        // weight 10: 达成 8–10, 部分达成 6–<8, 未达成 < 6
        assert_eq!(
            national.check_score(Band::Achieved, d("8"), d("10")),
            Ok(())
        );
        assert_eq!(
            national.check_score(Band::Partly, d("7.99"), d("10")),
            Ok(())
        );
        assert_eq!(
            national.check_score(Band::NotAchieved, d("5.99"), d("10")),
            Ok(())
        );
        let err = national
            .check_score(Band::Partly, d("8"), d("10"))
            .unwrap_err();
        assert_eq!(err.field_name(), "score");
        assert!(
            err.to_string()
                .contains("from 6 to below 8 of the weight 10"),
            "{err}"
        );
        assert!(
            national
                .check_score(Band::Achieved, d("7"), d("10"))
                .is_err()
        );
        assert!(
            national
                .check_score(Band::NotAchieved, d("6"), d("10"))
                .is_err()
        );
    }

    #[test]
    fn qualitative_bands_band_a_share_of_the_weight() {
        let national = QualitativeBands::default();
        assert_eq!(national.band(d("0.8")), Achievement::Achieved);
        assert_eq!(national.band(d("0.7999")), Achievement::Partly);
        assert_eq!(national.band(d("0.6")), Achievement::Partly);
        assert_eq!(national.band(d("0.59")), Achievement::NotAchieved);
        let stricter = QualitativeBands {
            achieved: d("90"),
            partly: d("70"),
        };
        assert_eq!(stricter.band(d("0.85")), Achievement::Partly);
        let wrong = QualitativeBands {
            achieved: d("60"),
            partly: d("80"),
        };
        assert_eq!(wrong.check().unwrap_err().field_name(), "qualitative_bands");
    }
}
