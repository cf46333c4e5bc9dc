//! How far a line should have come by a date: by time (序时进度), by its
//! contract schedule, or not at all for a line not paced.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::domain::calendar::percent;
use crate::domain::money::Money;

/// How a line's expected progress was worked out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Expectation {
    /// The share of the year elapsed.
    #[default]
    TimeProportional,
    /// What its contract schedule made due by now ÷ its budget.
    Schedule,
    /// None: the line is not paced (a lump sum paid whenever its bill comes).
    Unpaced,
}

/// A line's expected progress in percent and how it was found. `due` is what
/// its schedule made due by the date, `None` when it has no schedule.
pub fn expected_progress(
    paced: bool,
    budget: Money,
    due: Option<Money>,
    time_progress: Decimal,
) -> (Option<Decimal>, Expectation) {
    match due {
        _ if !paced => (None, Expectation::Unpaced),
        Some(due) if budget.is_positive() => (
            Some(percent(due.as_decimal(), budget.as_decimal()).min(Decimal::ONE_HUNDRED)),
            Expectation::Schedule,
        ),
        _ => (Some(time_progress), Expectation::TimeProportional),
    }
}

/// What a line should have spent by now, in yuan, for summing into a
/// group's expectation: a line not paced is where it should be, whatever it
/// spent; a line with no budget expects nothing.
pub fn expected_amount(
    expected: Option<Decimal>,
    expectation: Expectation,
    budget: Money,
    spent: Money,
) -> Decimal {
    match expected {
        Some(e) => e.saturating_mul(budget.as_decimal()) / Decimal::ONE_HUNDRED,
        None if expectation == Expectation::Unpaced => spent.as_decimal(),
        None => Decimal::ZERO,
    }
}

/// A group's expected progress: what its lines should have spent ÷ its budget.
pub fn group_expected(expected_amount: Decimal, budget: Money) -> Option<Decimal> {
    budget
        .is_positive()
        .then(|| percent(expected_amount, budget.as_decimal()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::m;

    #[test]
    fn a_schedule_sets_the_pace_of_a_paced_line_and_none_of_an_unpaced_one() {
        let fifty = Decimal::from(50);
        assert_eq!(
            expected_progress(true, m("1000"), Some(m("300")), fifty),
            (Some(Decimal::new(3000, 2)), Expectation::Schedule)
        );
        // more due than the budget: 100 %, not more
        assert_eq!(
            expected_progress(true, m("100"), Some(m("300")), fifty).0,
            Some(Decimal::new(10000, 2))
        );
        assert_eq!(
            expected_progress(false, m("1000"), Some(m("300")), fifty),
            (None, Expectation::Unpaced)
        );
        assert_eq!(
            expected_progress(true, m("1000"), None, fifty),
            (Some(fifty), Expectation::TimeProportional)
        );
    }

    #[test]
    fn a_group_expects_its_paced_lines_share_and_what_unpaced_lines_spent() {
        // 1000 paced at 50 % → 500; unpaced spent 40 → 40; of 2000 → 27.00 %
        let paced = expected_amount(
            Some(Decimal::from(50)),
            Expectation::TimeProportional,
            m("1000"),
            m("0"),
        );
        let lump = expected_amount(None, Expectation::Unpaced, m("1000"), m("40"));
        assert_eq!(
            group_expected(paced + lump, m("2000")),
            Some(Decimal::new(2700, 2))
        );
        assert_eq!(group_expected(paced, Money::ZERO), None);
    }
}
