//! Performance indicators (绩效指标) of a project: target, actual, and whether
//! the target was met.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

use super::calendar::parse_date;
use super::vocabulary::vocabulary;

vocabulary! {
    /// 二级指标: the category an indicator belongs to.
    Category, "category" {
        Quantity => "quantity", "数量指标", "quantity", ["数量"];
        Quality => "quality", "质量指标", "quality", ["质量"];
        Timeliness => "timeliness", "时效指标", "timeliness", ["时效", "实效指标"];
        Cost => "cost", "成本指标", "cost", ["成本"];
        Economic => "economic", "经济效益指标", "economic effect", ["经济效益", "经济"];
        Social => "social", "社会效益指标", "social effect", ["社会效益", "社会"];
        Ecological => "ecological", "生态效益指标", "ecological effect", ["生态效益", "生态"];
        Sustainability => "sustainability", "可持续影响指标", "sustainability", ["可持续影响", "可持续"];
        Satisfaction => "satisfaction", "满意度指标", "satisfaction", ["满意度"];
    }
}

vocabulary! {
    /// 一级指标: the tier a category scores under.
    Tier, "tier" {
        Output => "output", "产出指标", "outputs", ["产出"];
        Effect => "effect", "效益指标", "effects", ["效益"];
        Satisfaction => "satisfaction", "满意度指标", "satisfaction", ["满意度"];
    }
}

impl Category {
    pub fn tier(self) -> Tier {
        match self {
            Category::Quantity | Category::Quality | Category::Timeliness | Category::Cost => {
                Tier::Output
            }
            Category::Economic
            | Category::Ecological
            | Category::Social
            | Category::Sustainability => Tier::Effect,
            Category::Satisfaction => Tier::Satisfaction,
        }
    }
}

/// 指标性质: how the actual value is compared with the target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Comparator {
    #[serde(rename = "≥")]
    AtLeast,
    #[serde(rename = "≤")]
    AtMost,
    #[serde(rename = "=")]
    Equal,
}

impl Comparator {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::AtLeast => "≥",
            Comparator::AtMost => "≤",
            Comparator::Equal => "=",
        }
    }
}

/// A number or a date that a target and its actual can be compared on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Quantity {
    Number(Decimal),
    Date(NaiveDate),
}

/// A target or an actual as written (`≥ 160 人`, `≥ 90 %`, `≤ 2021-12-31`,
/// `按时完成`), with its comparator, value and unit read out when it has them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measure {
    pub text: String,
    pub comparator: Option<Comparator>,
    pub value: Option<Quantity>,
    pub unit: Option<String>,
}

const PREFIXES: [(&str, Comparator); 12] = [
    ("≥", Comparator::AtLeast),
    (">=", Comparator::AtLeast),
    ("＞＝", Comparator::AtLeast),
    ("不低于", Comparator::AtLeast),
    ("不少于", Comparator::AtLeast),
    ("≤", Comparator::AtMost),
    ("<=", Comparator::AtMost),
    ("＜＝", Comparator::AtMost),
    ("不高于", Comparator::AtMost),
    ("不超过", Comparator::AtMost),
    ("=", Comparator::Equal),
    ("＝", Comparator::Equal),
];

/// Units longer than this are prose, not a unit: `3 大项服务内容按时完成`.
const MAX_UNIT_CHARS: usize = 6;

impl Measure {
    pub fn parse(input: &str) -> Measure {
        let text = input.trim().to_string();
        let (mut comparator, rest) = PREFIXES
            .iter()
            .find_map(|(prefix, c)| {
                text.strip_prefix(prefix)
                    .map(|rest| (Some(*c), rest.trim()))
            })
            .unwrap_or((None, text.as_str()));
        if let Ok(date) = parse_date(rest) {
            return Measure {
                comparator,
                value: Some(Quantity::Date(date)),
                unit: None,
                text,
            };
        }
        let number_end = rest
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
            .map_or(rest.len(), |(i, _)| i);
        let number = Decimal::from_str(&rest[..number_end].replace(',', "")).ok();
        let mut unit = rest[number_end..].trim().to_string();
        // 95%以上 / 5%以下: the comparator written after the number.
        for (suffix, c) in [
            ("以上", Comparator::AtLeast),
            ("以下", Comparator::AtMost),
            ("以内", Comparator::AtMost),
        ] {
            if let Some(stripped) = unit.strip_suffix(suffix) {
                comparator = comparator.or(Some(c));
                unit = stripped.trim().to_string();
            }
        }
        match number {
            Some(n) if unit.chars().count() <= MAX_UNIT_CHARS => Measure {
                comparator,
                value: Some(Quantity::Number(n)),
                unit: (!unit.is_empty()).then_some(unit),
                text,
            },
            _ => Measure {
                comparator: None,
                value: None,
                unit: None,
                text,
            },
        }
    }
}

/// 绩效指标: one promise of a project, measured at year end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    pub id: u64,
    pub project: String,
    pub category: Category,
    pub name: String,
    pub target: Measure,
    pub actual: Option<Measure>,
    /// 分值/权重: the points this indicator carries in the project's score.
    pub weight: Decimal,
    /// 偏离原因 (偏差原因分析): why the target was missed.
    #[serde(default)]
    pub deviation_reason: Option<String>,
    /// 改进措施: what will be done about the deviation. Since schema 4;
    /// older records read as none written.
    #[serde(default)]
    pub measures: Option<String>,
    /// The user's judgement, used when target and actual cannot be compared.
    #[serde(default)]
    pub marked_met: Option<bool>,
    /// Points the user gave a missed or qualitative indicator (achieved
    /// 80–100 %, partly 60–80 %, not 0–60 % of its weight).
    #[serde(default)]
    pub score: Option<Decimal>,
    /// The grade the user recorded with the score (达成, 部分达成, 未达成);
    /// the score lies inside its band. Since schema 5; older records have none.
    #[serde(default)]
    pub grade: Option<super::rules::Band>,
    pub updated_by: String,
    pub updated_at: DateTime<Utc>,
}

impl Indicator {}

/// `Some(met)` when target and actual are comparable.
pub fn compare(target: &Measure, actual: &Measure) -> Option<bool> {
    let (Some(goal), Some(got)) = (target.value, actual.value) else {
        return None;
    };
    if target.unit.is_some() && actual.unit.is_some() && target.unit != actual.unit {
        return None;
    }
    let comparable = matches!(
        (goal, got),
        (Quantity::Number(_), Quantity::Number(_)) | (Quantity::Date(_), Quantity::Date(_))
    );
    comparable.then(|| match target.comparator.unwrap_or(Comparator::Equal) {
        Comparator::AtLeast => got >= goal,
        Comparator::AtMost => got <= goal,
        Comparator::Equal => got == goal,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::vocabulary::Vocabulary;

    fn m(s: &str) -> Measure {
        Measure::parse(s)
    }

    #[test]
    fn reads_comparator_value_and_unit() {
        let t = m("≥ 160 人");
        assert_eq!(
            (t.comparator, t.value, t.unit.as_deref()),
            (
                Some(Comparator::AtLeast),
                Some(Quantity::Number(160.into())),
                Some("人")
            )
        );
        let t = m(">=90%");
        assert_eq!(
            (t.comparator, t.unit.as_deref()),
            (Some(Comparator::AtLeast), Some("%"))
        );
        let t = m("≤ 2021-12-31");
        assert_eq!(t.value, Some(Quantity::Date("2021-12-31".parse().unwrap())));
        let t = m("95%以上");
        assert_eq!(
            (t.comparator, t.unit.as_deref()),
            (Some(Comparator::AtLeast), Some("%"))
        );
        let t = m("1,100 册");
        assert_eq!(t.value, Some(Quantity::Number(1100.into())));
        let t = m("按时按质完成");
        assert_eq!((t.comparator, t.value), (None, None));
        assert_eq!(t.text, "按时按质完成");
        let t = m("7 大项服务内容全部按合同完成");
        assert_eq!(t.value, None);
    }

    #[test]
    fn met_is_computed_when_both_sides_compare() {
        assert_eq!(compare(&m("≥ 160 人"), &m("160 人")), Some(true));
        assert_eq!(compare(&m("≥ 160 人"), &m("150人")), Some(false));
        assert_eq!(compare(&m("≤ 2021-12-31"), &m("2021-06-30")), Some(true));
        assert_eq!(compare(&m("≤ 2021-12-31"), &m("2022-01-05")), Some(false));
        assert_eq!(compare(&m("= 1 个"), &m("1个")), Some(true));
        assert_eq!(compare(&m("12 台"), &m("11 台")), Some(false));
        // not comparable: units differ, number against date, prose
        assert_eq!(compare(&m("≥ 90 %"), &m("95 人")), None);
        assert_eq!(compare(&m("≥ 90"), &m("2021-01-01")), None);
        assert_eq!(compare(&m("按时完成"), &m("已完成")), None);
    }

    #[test]
    fn categories_fall_into_tiers() {
        assert_eq!(Category::parse("数量指标").unwrap().tier(), Tier::Output);
        assert_eq!(Category::parse("实效指标").unwrap(), Category::Timeliness);
        assert_eq!(Category::parse("social").unwrap().tier(), Tier::Effect);
        assert_eq!(Category::Satisfaction.tier(), Tier::Satisfaction);
        let unknown = Category::parse("vibes").unwrap_err();
        assert_eq!(unknown.field, "category");
        assert!(
            unknown
                .to_string()
                .starts_with("'vibes' is not one of: quantity"),
            "{unknown}"
        );
    }
}
