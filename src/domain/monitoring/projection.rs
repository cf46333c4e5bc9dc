//! The projected year end (全年预计执行数) of a line: what it will have spent by
//! 31 December if it goes on as it is going.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::money::Money;

/// What a line's projection is read from.
#[derive(Clone, Copy, Debug)]
pub struct ProjectionInput {
    pub paced: bool,
    pub budget: Money,
    pub spent: Money,
    /// Unpaid instalments of its schedule due by 31 December; `None` when
    /// the line has no schedule.
    pub scheduled_unpaid: Option<Money>,
    /// From when the line could spend: its allocation or 1 January, whichever is later.
    pub active_from: NaiveDate,
    pub as_of: NaiveDate,
    pub year_end: NaiveDate,
}

/// The rule, in order: a line with a schedule projects what it spent plus its
/// unpaid instalments due by 31 December (or, not paced, its budget); another
/// paced line goes on at its own daily rate since it could spend, for the
/// days left, never past its budget; a line not paced projects what it spent.
pub fn projected_year_end(p: ProjectionInput) -> Money {
    match p.scheduled_unpaid {
        Some(_) if !p.paced => p.budget.max(p.spent),
        Some(unpaid) => p.spent + unpaid,
        None if !p.paced => p.spent,
        None => at_daily_rate(p),
    }
}

fn at_daily_rate(p: ProjectionInput) -> Money {
    if !p.spent.is_positive() || p.as_of >= p.year_end {
        return p.spent;
    }
    let elapsed = (p.as_of - p.active_from).num_days().max(0) + 1;
    let left = (p.year_end - p.as_of).num_days();
    let more = p.spent.as_decimal().saturating_mul(Decimal::from(left)) / Decimal::from(elapsed);
    let projected = p.spent.as_decimal().saturating_add(more).round_dp(2);
    let cap = p.budget.max(p.spent);
    Money::from_decimal(projected).map_or(cap, |m| m.min(cap))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::{d, m};

    fn input(budget: &str, spent: &str, as_of: &str) -> ProjectionInput {
        ProjectionInput {
            paced: true,
            budget: m(budget),
            spent: m(spent),
            scheduled_unpaid: None,
            active_from: d("2021-01-01"),
            as_of: d(as_of),
            year_end: d("2021-12-31"),
        }
    }

    #[test]
    fn a_paced_line_goes_on_at_its_own_daily_rate() {
        // 30 June is day 181: 181 yuan spent is 1 a day; 184 days left → 365
        assert_eq!(
            projected_year_end(input("1000", "181", "2021-06-30")),
            m("365")
        );
        // allocated 1 June: 30 days to 30 June, 60 spent → 2 a day × 184 → 428
        let late = ProjectionInput {
            active_from: d("2021-06-01"),
            ..input("1000", "60", "2021-06-30")
        };
        assert_eq!(projected_year_end(late), m("428"));
    }

    #[test]
    fn a_projection_never_passes_the_budget_nor_falls_below_what_was_spent() {
        assert_eq!(
            projected_year_end(input("300", "181", "2021-06-30")),
            m("300")
        );
        // already overspent: what was spent
        assert_eq!(
            projected_year_end(input("100", "181", "2021-06-30")),
            m("181")
        );
        assert_eq!(projected_year_end(input("1000", "0", "2021-06-30")), m("0"));
        assert_eq!(
            projected_year_end(input("1000", "400", "2021-12-31")),
            m("400")
        );
    }

    #[test]
    fn a_schedule_projects_its_unpaid_instalments_even_past_the_budget() {
        let scheduled = |unpaid: &str, paced| ProjectionInput {
            paced,
            scheduled_unpaid: Some(m(unpaid)),
            ..input("1000", "300", "2021-06-30")
        };
        assert_eq!(projected_year_end(scheduled("500", true)), m("800"));
        // a contract larger than the line shows as the overspend it will be
        assert_eq!(projected_year_end(scheduled("900", true)), m("1200"));
        // not paced but scheduled: its budget
        assert_eq!(projected_year_end(scheduled("500", false)), m("1000"));
    }

    #[test]
    fn a_line_not_paced_and_unscheduled_projects_what_it_spent() {
        let lump = ProjectionInput {
            paced: false,
            ..input("1000", "181", "2021-06-30")
        };
        assert_eq!(projected_year_end(lump), m("181"));
    }
}
