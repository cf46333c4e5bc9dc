//! Cumulative execution month by month (累计执行进度): the execution rate at
//! each month end, for the whole year or one project, to set against time
//! progress (month ÷ 12). The Review tab draws it as a chart.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::budget::adjustments_by_line;
use super::calendar::FiscalYear;
use super::entries::Adjustment;
use super::line::{BudgetLine, Kind};
use super::money::Money;
use super::report::execution_rate;

/// A set of lines month by month, January first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlyExecution {
    /// The budget in force at each month end.
    pub budget: [Money; 12],
    /// Net paid in each month.
    pub paid: [Money; 12],
}

/// Which lines a [`MonthlyExecution`] sums: every line, or the lines of one
/// project (as the report's projects group them).
pub fn in_set(line: &BudgetLine, project: Option<&str>) -> bool {
    match project {
        None => true,
        Some(p) => line.kind == Kind::Project && line.project.as_deref() == Some(p),
    }
}

/// The budget at each month end and what was paid in each month, of the
/// lines `project` selects (see [`in_set`]). A month end's budget is what
/// the report as of that day counts: a line's allocation once allocated,
/// plus the adjustments in effect by then. `lines` must be every line, as a
/// transfer's date depends on the allocation of both of its lines.
pub fn monthly_execution(
    year: FiscalYear,
    lines: &[BudgetLine],
    adjustments: &[Adjustment],
    paid_by_line: &BTreeMap<String, [Money; 12]>,
    project: Option<&str>,
) -> MonthlyExecution {
    let mut out = MonthlyExecution::default();
    let chosen: Vec<&BudgetLine> = lines.iter().filter(|l| in_set(l, project)).collect();
    for (month0, budget) in out.budget.iter_mut().enumerate() {
        let Some(end) = year.month_end(month0 as u32 + 1) else {
            continue;
        };
        let adjusted = adjustments_by_line(adjustments, lines, Some(end));
        *budget = chosen
            .iter()
            .map(|l| {
                let allocated = if l.allocated_on <= end {
                    l.allocated
                } else {
                    Money::ZERO
                };
                allocated + adjusted.get(&l.code).copied().unwrap_or_default()
            })
            .sum();
    }
    for line in &chosen {
        if let Some(months) = paid_by_line.get(&line.code) {
            for (total, paid) in out.paid.iter_mut().zip(months) {
                *total += *paid;
            }
        }
    }
    out
}

/// 累计执行率 at each month end: paid from January to that month ÷ the budget
/// at that month end, in percent (two decimals, half-up); `None` while there
/// is no budget. Each month end's own budget, not the year end's, is used, so
/// every point is the rate the report as of that day shows, and an allocation
/// added in November does not make the spring look slow in hindsight (the
/// curve steps down where money is added).
pub fn cumulative_rates(execution: &MonthlyExecution) -> [Option<Decimal>; 12] {
    let mut paid = Money::ZERO;
    let mut rates = [None; 12];
    for (month0, rate) in rates.iter_mut().enumerate() {
        paid += execution.paid[month0];
        *rate = execution_rate(paid, execution.budget[month0]);
    }
    rates
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::{d, line, m};
    use crate::domain::line::Source;

    fn adjustment(code: &str, date: &str, amount: &str) -> Adjustment {
        Adjustment {
            id: 1,
            line: code.into(),
            date: d(date),
            amount: m(amount),
            doc_no: String::new(),
            reason: String::new(),
            batch_no: None,
            from_line: None,
            entered_by: "t".into(),
            entered_at: chrono::DateTime::UNIX_EPOCH,
        }
    }

    fn months(paid: &[(usize, &str)]) -> [Money; 12] {
        let mut out = [Money::ZERO; 12];
        for (month, amount) in paid {
            out[month - 1] = m(amount);
        }
        out
    }

    fn rates(text: [&str; 12]) -> [Option<Decimal>; 12] {
        text.map(|t| t.parse().ok())
    }

    /// A: basic, 1000 from January, +1000 on 07-01; B: a project line of
    /// 1000 allocated 04-15. A pays 100 in January, 200 in March, 300 in
    /// August; B pays 500 in May.
    fn a_year() -> (
        Vec<BudgetLine>,
        Vec<Adjustment>,
        BTreeMap<String, [Money; 12]>,
    ) {
        let lines = vec![
            line("A", Kind::Basic, Source::Initial, "2021-01-01", "1000"),
            line(
                "B",
                Kind::Project,
                Source::Supplementary,
                "2021-04-15",
                "1000",
            ),
        ];
        let adjustments = vec![adjustment("A", "2021-07-01", "1000")];
        let paid = [
            (
                "A".to_string(),
                months(&[(1, "100"), (3, "200"), (8, "300")]),
            ),
            ("B".to_string(), months(&[(5, "500")])),
        ]
        .into();
        (lines, adjustments, paid)
    }

    #[test]
    fn the_whole_year_against_each_month_ends_budget() {
        let (lines, adjustments, paid) = a_year();
        let year = FiscalYear::new(2021).unwrap();
        let all = monthly_execution(year, &lines, &adjustments, &paid, None);
        // budget 1000 to March, 2000 once B is allocated in April, 3000 from July
        assert_eq!(all.budget[2], m("1000"));
        assert_eq!(all.budget[3], m("2000"));
        assert_eq!(all.budget[6], m("3000"));
        assert_eq!(all.budget[11], m("3000"));
        // cumulative paid 100, 100, 300, 300, 800, 800, 800, 1100 …
        // July: 800 / 3000 = 26.67 (half-up); the added 1000 pulls the curve down
        assert_eq!(
            cumulative_rates(&all),
            rates([
                "10.00", "10.00", "30.00", "15.00", "40.00", "40.00", "26.67", "36.67", "36.67",
                "36.67", "36.67", "36.67"
            ])
        );
    }

    #[test]
    fn a_project_counts_its_own_lines_and_has_no_rate_before_its_budget() {
        let (lines, adjustments, paid) = a_year();
        let year = FiscalYear::new(2021).unwrap();
        let project = monthly_execution(year, &lines, &adjustments, &paid, Some("救援队"));
        assert_eq!(project.paid, months(&[(5, "500")]));
        assert_eq!(
            cumulative_rates(&project),
            rates([
                "", "", "", "0.00", "50.00", "50.00", "50.00", "50.00", "50.00", "50.00", "50.00",
                "50.00"
            ])
        );
        // a project nothing funds: no budget, no rate, nothing paid
        let none = monthly_execution(year, &lines, &adjustments, &paid, Some("无此项目"));
        assert_eq!(none, MonthlyExecution::default());
        assert_eq!(cumulative_rates(&none), [None; 12]);
    }
}
