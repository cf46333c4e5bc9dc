//! The warning light (预算执行预警) of a line, project or group: execution
//! rate ÷ expected progress × 100, red below one band, yellow below the
//! next, green above; a large project line far behind is red whatever its ratio.

use rust_decimal::Decimal;

use super::rules::MonitoringRules;
use crate::domain::calendar::percent;
use crate::domain::money::Money;
use crate::domain::vocabulary::vocabulary;

vocabulary! {
    /// Always shown as its word as well as its colour.
    Light, "light" {
        Red => "red", "红", "red", ["红灯", "红色"];
        Yellow => "yellow", "黄", "yellow", ["黄灯", "黄色"];
        Green => "green", "绿", "green", ["绿灯", "绿色"];
    }
}

/// A light and the ratio it was read from; no ratio when nothing was
/// expected yet (green: nothing can be behind).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lit {
    pub light: Light,
    pub ratio: Option<Decimal>,
}

/// The light of figures with an execution rate and an expected progress (both
/// percent). None when either is missing: no budget, or a line not paced.
/// `large` says the size rule applies (a project line or project of at
/// least the rules' budget).
pub fn light(
    rate: Option<Decimal>,
    expected: Option<Decimal>,
    large: bool,
    rules: &MonitoringRules,
) -> Option<Lit> {
    let (rate, expected) = (rate?, expected?);
    if expected <= Decimal::ZERO {
        return Some(Lit {
            light: Light::Green,
            ratio: None,
        });
    }
    let ratio = percent(rate, expected);
    let far_behind = large && rate - expected <= -rules.large_behind;
    let light = if far_behind || ratio < rules.red_below {
        Light::Red
    } else if ratio < rules.yellow_below {
        Light::Yellow
    } else {
        Light::Green
    };
    Some(Lit {
        light,
        ratio: Some(ratio),
    })
}

/// Whether the size rule applies to a project line or project of this budget.
pub fn is_large(budget: Money, rules: &MonitoringRules) -> bool {
    budget >= rules.large_budget && budget.is_positive()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn lit(rate: &str, expected: &str, large: bool) -> Option<Lit> {
        light(
            Some(p(rate)),
            Some(p(expected)),
            large,
            &MonitoringRules::default(),
        )
    }

    #[test]
    fn the_band_edges_fall_on_the_upper_side() {
        // expected 100 %: the ratio is the rate itself
        let at = |rate| lit(rate, "100", false).unwrap();
        assert_eq!(at("59.99").light, Light::Red);
        assert_eq!(at("60.00").light, Light::Yellow);
        assert_eq!(at("79.99").light, Light::Yellow);
        assert_eq!(at("80.00").light, Light::Green);
        assert_eq!(at("79.99").ratio, Some(p("79.99")));
    }

    #[test]
    fn the_ratio_is_rate_over_expected_in_percent() {
        // June by month: 50 % expected; 29.99 % spent → 59.98 red, 30 % → 60.00 yellow
        assert_eq!(lit("29.99", "50", false).unwrap().ratio, Some(p("59.98")));
        assert_eq!(lit("30", "50", false).unwrap().light, Light::Yellow);
        assert_eq!(lit("40", "50", false).unwrap().light, Light::Green);
        // ahead is green, ratio above 100
        assert_eq!(
            lit("75", "50", false).unwrap(),
            Lit {
                light: Light::Green,
                ratio: Some(p("150.00"))
            }
        );
    }

    #[test]
    fn a_large_project_line_20_points_behind_is_red_whatever_its_ratio() {
        // 80 % expected, 60 % spent: ratio 75 (yellow), but 20 points behind
        assert_eq!(lit("60", "80", false).unwrap().light, Light::Yellow);
        assert_eq!(lit("60", "80", true).unwrap().light, Light::Red);
        // 19.99 points behind: the ratio decides (yellow)
        assert_eq!(lit("60.01", "80", true).unwrap().light, Light::Yellow);
        let rules = MonitoringRules::default();
        assert!(is_large(Money::from_fen(1_000_000_000), &rules));
        assert!(!is_large(Money::from_fen(999_999_999), &rules));
    }

    #[test]
    fn no_budget_or_not_paced_has_no_light_and_nothing_expected_is_green() {
        let rules = MonitoringRules::default();
        assert_eq!(light(None, Some(p("50")), false, &rules), None);
        assert_eq!(light(Some(p("10")), None, false, &rules), None);
        assert_eq!(
            lit("0", "0", false),
            Some(Lit {
                light: Light::Green,
                ratio: None
            })
        );
    }

    #[test]
    fn the_word_reads_in_either_language() {
        use crate::domain::Vocabulary;
        assert_eq!(Light::parse("红灯"), Ok(Light::Red));
        assert_eq!(Light::parse("Yellow"), Ok(Light::Yellow));
        assert_eq!(Light::Green.zh(), "绿");
        assert_eq!(serde_json::to_string(&Light::Red).unwrap(), "\"red\"");
    }
}
