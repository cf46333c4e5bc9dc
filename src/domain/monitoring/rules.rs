//! The rules the finance bureau's in-year monitoring applies, national
//! defaults unless the department sets others: the warning-light bands, the
//! size rule for large project lines, the dated checkpoints ("时间过半、进度过半")
//! and the unspent share past which a line is proposed for an in-year cut.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::domain::money::Money;
use crate::domain::refusal::Refusal;

/// A dated target: by this day of every year, this percent of the budget spent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub month: u32,
    pub day: u32,
    /// Percent of the budget.
    pub target: Decimal,
}

impl Checkpoint {
    /// Its date in a year; `None` for a day the year lacks (checked away on input).
    pub fn date(self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, self.month, self.day)
    }
}

impl std::fmt::Display for Checkpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:02}-{:02}:{}",
            self.month,
            self.day,
            self.target.normalize()
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonitoringRules {
    /// A light ratio (execution ÷ expected progress × 100) below this is red.
    pub red_below: Decimal,
    /// Below this (and not red) yellow; at or above it green.
    pub yellow_below: Decimal,
    /// A project line or project of at least this budget …
    pub large_budget: Money,
    /// … this many points or more behind its expected progress is red whatever its ratio.
    pub large_behind: Decimal,
    /// In date order.
    pub checkpoints: Vec<Checkpoint>,
    /// A line projected to leave more than this percent of its budget unspent
    /// is proposed for an in-year reduction (调减建议).
    pub reduction_share: Decimal,
}

fn points(n: i64) -> Decimal {
    Decimal::from(n)
}

impl Default for MonitoringRules {
    /// Red < 60, yellow 60–<80, green ≥ 80; ≥ 10 million yuan and 20 points
    /// behind is red; 50 % by 30 June, 75 % by 30 September, 100 % by year
    /// end; the forms ask why below 90 %, so more than 10 % unspent is a cut.
    fn default() -> MonitoringRules {
        let checkpoint = |month, day, target| Checkpoint {
            month,
            day,
            target: points(target),
        };
        MonitoringRules {
            red_below: points(60),
            yellow_below: points(80),
            large_budget: Money::from_fen(1_000_000_000),
            large_behind: points(20),
            checkpoints: vec![
                checkpoint(6, 30, 50),
                checkpoint(9, 30, 75),
                checkpoint(12, 31, 100),
            ],
            reduction_share: points(10),
        }
    }
}

fn between(field: &'static str, value: Decimal, low: i64, high: i64) -> Result<(), Refusal> {
    if value < points(low) || value > points(high) {
        return Err(Refusal::field_in(
            field,
            format!("{value} is not between {low} and {high}"),
            format!("{value} 不在 {low} 到 {high} 之间"),
        ));
    }
    Ok(())
}

impl MonitoringRules {
    /// Bands in order inside 0–100, a size rule of sense, checkpoints on days
    /// every year has, in date order, targets 0–100 that never fall.
    pub fn check(&self) -> Result<(), Refusal> {
        between("light_bands", self.red_below, 0, 100)?;
        between("light_bands", self.yellow_below, 0, 100)?;
        if self.red_below > self.yellow_below {
            return Err(Refusal::field_in(
                "light_bands",
                format!(
                    "red below {} is above yellow below {}",
                    self.red_below, self.yellow_below
                ),
                format!("红灯线 {} 高于黄灯线 {}", self.red_below, self.yellow_below),
            ));
        }
        self.large_budget.check_bound("large_line")?;
        if self.large_budget.is_negative() {
            return Err(Refusal::field_in(
                "large_line",
                "the budget must not be negative",
                "金额不能为负数",
            ));
        }
        between("large_line", self.large_behind, 0, 100)?;
        between("reduction_share", self.reduction_share, 0, 100)?;
        check_checkpoints(&self.checkpoints)
    }

    /// The first checkpoint on or after a date: the one execution is heading for.
    pub fn next_checkpoint(&self, as_of: NaiveDate) -> Option<(NaiveDate, Decimal)> {
        use chrono::Datelike;
        self.checkpoints
            .iter()
            .filter_map(|c| Some((c.date(as_of.year())?, c.target)))
            .find(|(date, _)| *date >= as_of)
    }

    /// The checkpoints as typed: `06-30:50,09-30:75,12-31:100`.
    pub fn checkpoints_text(&self) -> String {
        let parts: Vec<String> = self.checkpoints.iter().map(|c| c.to_string()).collect();
        parts.join(",")
    }
}

fn check_checkpoints(checkpoints: &[Checkpoint]) -> Result<(), Refusal> {
    const FIELD: &str = "checkpoints";
    // 2001 has no 29 February: a checkpoint must exist in every year.
    for c in checkpoints {
        if c.date(2001).is_none() {
            return Err(Refusal::field_in(
                FIELD,
                format!(
                    "{:02}-{:02} is not a day of every year (month-day, e.g. 06-30)",
                    c.month, c.day
                ),
                format!(
                    "{:02}-{:02} 不是每年都有的日期（月-日，如 06-30）",
                    c.month, c.day
                ),
            ));
        }
        between(FIELD, c.target, 0, 100)?;
    }
    for pair in checkpoints.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if (b.month, b.day) <= (a.month, a.day) {
            return Err(Refusal::field_in(
                FIELD,
                format!("{b} does not come after {a}: list them in date order, each day once"),
                format!("{b} 不在 {a} 之后：请按日期先后列出，每个日期一次"),
            ));
        }
        if b.target < a.target {
            return Err(Refusal::field_in(
                FIELD,
                format!("{b} sets a lower target than {a}"),
                format!("{b} 的目标低于 {a}"),
            ));
        }
    }
    Ok(())
}

/// Reads `06-30:50,09-30:75,12-31:100` (a `%` after a target, full-width
/// commas and colons allowed); an empty text is no checkpoint at all.
pub fn parse_checkpoints(text: &str) -> Result<Vec<Checkpoint>, Refusal> {
    let bad = |item: &str| {
        Refusal::field_in(
            "checkpoints",
            format!("'{item}' is not month-day:percent (e.g. 06-30:50)"),
            format!("“{item}”应为 月-日:百分比（如 06-30:50）"),
        )
    };
    let checkpoints = text
        .split([',', '，'])
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| {
            let (date, target) = item.split_once([':', '：']).ok_or_else(|| bad(item))?;
            let (month, day) = date
                .trim()
                .split_once(['-', '/'])
                .ok_or_else(|| bad(item))?;
            let number = |s: &str| s.trim().parse::<u32>().map_err(|_| bad(item));
            let target = target.trim().trim_end_matches(['%', '％']).trim();
            Ok(Checkpoint {
                month: number(month)?,
                day: number(day)?,
                target: target.parse::<Decimal>().map_err(|_| bad(item))?,
            })
        })
        .collect::<Result<Vec<_>, Refusal>>()?;
    check_checkpoints(&checkpoints)?;
    Ok(checkpoints)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::d;

    #[test]
    fn the_national_defaults_pass_their_own_checks_and_print_as_typed() {
        let rules = MonitoringRules::default();
        assert_eq!(rules.check(), Ok(()));
        assert_eq!(rules.checkpoints_text(), "06-30:50,09-30:75,12-31:100");
        assert_eq!(
            parse_checkpoints(&rules.checkpoints_text()),
            Ok(rules.checkpoints)
        );
    }

    #[test]
    fn checkpoints_read_with_percent_signs_and_full_width_separators() {
        let read = parse_checkpoints(" 6-30：50%，9/30:75 ").unwrap();
        assert_eq!(
            read.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
            ["06-30:50", "09-30:75"]
        );
        assert_eq!(parse_checkpoints(""), Ok(vec![]));
    }

    #[test]
    fn a_checkpoint_on_a_day_not_every_year_has_out_of_order_or_falling_is_refused() {
        for (text, says) in [
            ("02-29:10", "02-29 is not a day of every year"),
            ("06-31:50", "06-31 is not a day"),
            ("09-30:75,06-30:50", "does not come after"),
            ("06-30:50,06-30:60", "does not come after"),
            ("06-30:60,09-30:50", "lower target"),
            ("06-30:150", "150 is not between 0 and 100"),
            ("06-30", "is not month-day:percent"),
            ("June:50", "is not month-day:percent"),
        ] {
            let err = parse_checkpoints(text).unwrap_err();
            assert_eq!(err.field_name(), "checkpoints", "{text}");
            assert!(err.to_string().contains(says), "{text}: {err}");
        }
    }

    #[test]
    fn the_next_checkpoint_is_the_first_on_or_after_the_date() {
        let rules = MonitoringRules::default();
        let target = |date: &str| {
            rules
                .next_checkpoint(d(date))
                .map(|(d, t)| (d.to_string(), t))
        };
        assert_eq!(
            target("2021-06-30"),
            Some(("2021-06-30".into(), points(50)))
        );
        assert_eq!(
            target("2021-07-01"),
            Some(("2021-09-30".into(), points(75)))
        );
        assert_eq!(
            target("2021-12-31"),
            Some(("2021-12-31".into(), points(100)))
        );
        let none = MonitoringRules {
            checkpoints: vec![],
            ..rules
        };
        assert_eq!(none.next_checkpoint(d("2021-01-01")), None);
    }

    #[test]
    fn bands_out_of_order_are_refused_naming_the_setting() {
        let rules = MonitoringRules {
            red_below: points(85),
            ..MonitoringRules::default()
        };
        let err = rules.check().unwrap_err();
        assert_eq!(err.field_name(), "light_bands");
    }
}
