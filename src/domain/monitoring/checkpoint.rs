//! Where execution stands against the next checkpoint, and the money still to
//! pay to reach it ("9 月底须再支付 123.45 万元").

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::rules::MonitoringRules;
use crate::domain::money::Money;
use crate::domain::report::execution_rate;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckpointStatus {
    pub date: NaiveDate,
    /// Percent of the budget to have spent by `date`.
    pub target: Decimal,
    pub rate: Option<Decimal>,
    /// Still to pay by `date` to reach the target; zero once reached.
    pub to_pay: Money,
}

impl CheckpointStatus {
    pub fn reached(&self) -> bool {
        self.to_pay.is_zero()
    }
}

/// The next checkpoint of figures as of a date; none after the last one.
pub fn checkpoint_status(
    rules: &MonitoringRules,
    as_of: NaiveDate,
    budget: Money,
    spent: Money,
) -> Option<CheckpointStatus> {
    let (date, target) = rules.next_checkpoint(as_of)?;
    Some(CheckpointStatus {
        date,
        target,
        rate: execution_rate(spent, budget),
        to_pay: to_reach(target, budget, spent),
    })
}

/// What is still to pay for `spent` to reach `target` percent of `budget`,
/// rounded up to the fen so that paying it does reach the target.
pub fn to_reach(target: Decimal, budget: Money, spent: Money) -> Money {
    let needed = (target.saturating_mul(budget.as_decimal()) / Decimal::ONE_HUNDRED)
        .round_dp_with_strategy(2, RoundingStrategy::ToPositiveInfinity);
    let needed = Money::from_decimal(needed).unwrap_or(budget);
    (needed - spent).max(Money::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::{d, m};

    #[test]
    fn the_money_to_reach_the_next_checkpoint_is_rounded_up_and_never_negative() {
        let rules = MonitoringRules::default();
        // July: heading for 75 % by 30 September; 1,000.01 × 75 % = 750.0075 → 750.01
        let status = checkpoint_status(&rules, d("2021-07-31"), m("1000.01"), m("500")).unwrap();
        assert_eq!(
            (status.date, status.target),
            (d("2021-09-30"), Decimal::from(75))
        );
        assert_eq!(status.to_pay, m("250.01"));
        assert_eq!(status.rate, Some(Decimal::new(5000, 2)));
        assert!(!status.reached());
        // already past the target
        let ahead = checkpoint_status(&rules, d("2021-06-30"), m("1000"), m("600")).unwrap();
        assert_eq!((ahead.to_pay, ahead.reached()), (Money::ZERO, true));
        // on 31 December, the year's target itself
        let end = checkpoint_status(&rules, d("2021-12-31"), m("1000"), m("900")).unwrap();
        assert_eq!((end.target, end.to_pay), (Decimal::ONE_HUNDRED, m("100")));
    }
}
