//! A line's budget (预算数) over time: allocated + Σ adjustments, where a
//! transfer between lines counts on both.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::entries::Adjustment;
use super::line::BudgetLine;
use super::money::Money;

impl Adjustment {
    /// The lines an adjustment moves and by how much: its own line, and for a
    /// transfer the line the money comes from, by the opposite amount.
    pub fn legs(&self) -> impl Iterator<Item = (&str, Money)> {
        std::iter::once((self.line.as_str(), self.amount))
            .chain(self.from_line.as_deref().map(|from| (from, -self.amount)))
    }
}

impl Adjustment {
    /// The day an adjustment counts from: its date, or the day the last of the
    /// lines it touches was allocated, if later (treasury exports can date a
    /// change before the allocation it changes is recorded).
    pub fn effective_date(&self, allocated_on: &HashMap<&str, NaiveDate>) -> NaiveDate {
        self.legs()
            .filter_map(|(line, _)| allocated_on.get(line).copied())
            .fold(self.date, NaiveDate::max)
    }
}

/// When each line was allocated, for [`Adjustment::effective_date`].
pub fn allocation_dates(lines: &[BudgetLine]) -> HashMap<&str, NaiveDate> {
    lines
        .iter()
        .map(|l| (l.code.as_str(), l.allocated_on))
        .collect()
}

/// Σ adjustments per line in effect on `until` (all of them without a date).
pub fn adjustments_by_line(
    adjustments: &[Adjustment],
    lines: &[BudgetLine],
    until: Option<NaiveDate>,
) -> HashMap<String, Money> {
    let allocated_on = allocation_dates(lines);
    let mut by_line: HashMap<String, Money> = HashMap::new();
    for adjustment in adjustments
        .iter()
        .filter(|a| until.is_none_or(|d| a.effective_date(&allocated_on) <= d))
    {
        for (line, amount) in adjustment.legs() {
            *by_line.entry(line.to_string()).or_default() += amount;
        }
    }
    by_line
}

/// A line's budget given the sum of its adjustments.
pub fn budget_of(line: &BudgetLine, adjusted: Money) -> Money {
    line.allocated + adjusted
}

/// The first date on which a line's budget would be negative, and the budget
/// then, given its allocation and every dated change to it. A budget must
/// hold on every day of the year, not only at its end, or a report as of an
/// earlier date would show a negative budget.
pub fn first_negative_budget(
    allocated: Money,
    changes: impl IntoIterator<Item = (NaiveDate, Money)>,
) -> Option<(NaiveDate, Money)> {
    let mut changes: Vec<(NaiveDate, Money)> = changes.into_iter().collect();
    changes.sort_by_key(|(date, _)| *date);
    let mut budget = allocated;
    let mut index = 0;
    while index < changes.len() {
        let date = changes[index].0;
        // All changes of one day apply together: their order within the day does not matter.
        while index < changes.len() && changes[index].0 == date {
            budget += changes[index].1;
            index += 1;
        }
        if budget.is_negative() {
            return Some((date, budget));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        s.parse().unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_budget_must_hold_on_every_day() {
        // +50 on 06-01, −150 on 03-01: the final budget is 0, but in March it is −50
        let changes = [(d("2021-06-01"), m("50")), (d("2021-03-01"), m("-150"))];
        assert_eq!(
            first_negative_budget(m("100"), changes),
            Some((d("2021-03-01"), m("-50")))
        );
        let changes = [(d("2021-03-01"), m("50")), (d("2021-06-01"), m("-150"))];
        assert_eq!(first_negative_budget(m("100"), changes), None);
        // same-day changes apply together
        let changes = [(d("2021-03-01"), m("-150")), (d("2021-03-01"), m("60"))];
        assert_eq!(first_negative_budget(m("100"), changes), None);
    }
}
