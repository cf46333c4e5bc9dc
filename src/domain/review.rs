//! The month-end review (月末执行分析): what the head of finance reads at the
//! end of a month — lines behind their expected progress first, overspent
//! lines, lines that have not moved, contract payments overdue or falling due
//! next month, and what was paid this month against the month before.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::calendar::FiscalYear;
use super::line::{Kind, Source};
use super::money::Money;
use super::monitoring::expectation::{expected_amount, expected_progress, group_expected};
use super::monitoring::light::{is_large, light};
use super::monitoring::{
    AgedCarryover, CheckpointStatus, Light, MonitoringRules, ReductionCandidate, checkpoint_status,
};
use super::report::{ExecutionReport, execution_rate};
use super::schedule::InstalmentStatus;

pub use super::monitoring::Expectation;

/// Days without a payment after which a line with money left is idle, unless
/// the user says otherwise: about a month, the review's own rhythm.
pub const DEFAULT_IDLE_DAYS: i64 = 30;

/// Everything [`month_review`] needs, read as of the month's last day.
#[derive(Clone, Debug)]
pub struct ReviewInput {
    pub year: FiscalYear,
    pub month: u32,
    /// Percentage points a line may trail its expected progress.
    pub tolerance: Decimal,
    /// A line with money left and no payment for this many days is idle.
    pub idle_days: i64,
    pub report: ExecutionReport,
    /// Every instalment as of the month's end.
    pub instalments: Vec<InstalmentStatus>,
    pub paid_this_month: BTreeMap<String, Money>,
    pub paid_last_month: BTreeMap<String, Money>,
    /// Each line's last payment on or before the month's end.
    pub last_paid: BTreeMap<String, NaiveDate>,
    pub rules: MonitoringRules,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewLine {
    pub code: String,
    pub name: String,
    pub budget: Money,
    pub spent: Money,
    pub remaining: Money,
    /// Scheduled and not yet paid.
    pub committed: Money,
    pub rate: Option<Decimal>,
    /// Percent of its budget the line should have spent by now; none for a
    /// line not paced.
    pub expected: Option<Decimal>,
    pub expectation: Expectation,
    /// rate − expected, in percentage points.
    pub gap: Option<Decimal>,
    pub lagging: bool,
    pub overspent: bool,
    pub last_paid: Option<NaiveDate>,
    pub idle: bool,
    /// The warning light against the review's expectation (by month or schedule).
    #[serde(default)]
    pub light: Option<Light>,
    #[serde(default)]
    pub light_ratio: Option<Decimal>,
    /// 全年预计执行数, as the report projects it.
    #[serde(default)]
    pub projected: Money,
    #[serde(default)]
    pub projected_rate: Option<Decimal>,
}

/// A project in the month-end review: the sum of its lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewProject {
    pub project: String,
    pub budget: Money,
    pub spent: Money,
    pub remaining: Money,
    pub committed: Money,
    pub rate: Option<Decimal>,
    /// Percent of its budget the project should have spent by now: what its
    /// paced lines should have spent (by time or by schedule), plus what its
    /// lines not paced did spend, ÷ its budget.
    pub expected: Option<Decimal>,
    pub gap: Option<Decimal>,
    pub lagging: bool,
    pub overspent: bool,
    #[serde(default)]
    pub light: Option<Light>,
    #[serde(default)]
    pub light_ratio: Option<Decimal>,
    #[serde(default)]
    pub projected: Money,
    #[serde(default)]
    pub projected_rate: Option<Decimal>,
    /// The next checkpoint and the money still to pay to reach it.
    #[serde(default)]
    pub checkpoint: Option<CheckpointStatus>,
}

impl ReviewProject {
    /// Measured as the finance bureau lights the whole department: against
    /// 序时进度 itself, whatever its lines' schedules say.
    fn against(mut self, progress: Decimal, tolerance: Decimal, rules: &MonitoringRules) -> Self {
        self.expected = self.budget.is_positive().then_some(progress);
        self.gap = self.rate.zip(self.expected).map(|(r, e)| r - e);
        self.lagging = self.gap.is_some_and(|g| g < -tolerance);
        let lit = light(self.rate, self.expected, false, rules);
        self.light = lit.map(|l| l.light);
        self.light_ratio = lit.and_then(|l| l.ratio);
        self
    }
}

/// Paid in a month by kind and source, against the month before.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthFlow {
    pub group: String,
    pub this_month: Money,
    pub last_month: Money,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthReview {
    pub year: i32,
    pub month: u32,
    pub as_of: NaiveDate,
    /// 序时进度 by month: month ÷ 12.
    pub time_progress: Decimal,
    /// Every line in force, lagging ones first (furthest behind first).
    pub lines: Vec<ReviewLine>,
    /// Every project, lagging ones first, in the same order.
    #[serde(default)]
    pub projects: Vec<ReviewProject>,
    /// Every line together, summed like a project (named "all").
    pub all: ReviewProject,
    /// Paced lines projected to leave more than the rules' share unspent.
    #[serde(default)]
    pub reductions: Vec<ReductionCandidate>,
    /// Carry-over money two or more years old with money left.
    #[serde(default)]
    pub aged_carryover: Vec<AgedCarryover>,
    pub overdue: Vec<InstalmentStatus>,
    /// Instalments falling due in the next month and not yet paid.
    pub due_next_month: Vec<InstalmentStatus>,
    pub flows: Vec<MonthFlow>,
}

impl MonthReview {
    pub fn lagging(&self) -> impl Iterator<Item = &ReviewLine> {
        self.lines.iter().filter(|l| l.lagging)
    }

    pub fn idle(&self) -> impl Iterator<Item = &ReviewLine> {
        self.lines.iter().filter(|l| l.idle)
    }

    /// The execution rate of every line together at the month's end: the
    /// report's whole-year rate as of that day.
    pub fn rate(&self) -> Option<Decimal> {
        self.all.rate
    }
}

pub fn month_review(input: ReviewInput) -> MonthReview {
    let as_of = input
        .year
        .month_end(input.month)
        .unwrap_or(input.report.as_of);
    let progress = FiscalYear::month_progress(input.month);
    let rules = &input.rules;
    // Σ instalments due by the month end; every scheduled line has an entry.
    let mut due_by_line: BTreeMap<&str, Money> = BTreeMap::new();
    let mut committed: BTreeMap<&str, Money> = BTreeMap::new();
    for s in &input.instalments {
        let due = due_by_line.entry(&s.item.line).or_default();
        if s.item.due <= as_of {
            *due += s.item.amount;
        }
        *committed.entry(&s.item.line).or_default() += s.outstanding;
    }
    let mut lines: Vec<ReviewLine> = input
        .report
        .lines
        .iter()
        .map(|row| {
            let due = due_by_line.get(row.code.as_str()).copied();
            let (expected, expectation) = expected_progress(row.paced, row.budget, due, progress);
            let gap = row.rate.zip(expected).map(|(r, e)| r - e);
            let last_paid = input.last_paid.get(&row.code).copied();
            let idle = row.remaining.is_positive()
                && last_paid.is_none_or(|d| (as_of - d).num_days() > input.idle_days);
            let large = row.kind == Kind::Project && is_large(row.budget, rules);
            let lit = light(row.rate, expected, large, rules);
            ReviewLine {
                light: lit.map(|l| l.light),
                light_ratio: lit.and_then(|l| l.ratio),
                projected: row.projected,
                projected_rate: row.projected_rate,
                code: row.code.clone(),
                name: row.name.clone(),
                budget: row.budget,
                spent: row.spent,
                remaining: row.remaining,
                committed: committed
                    .get(row.code.as_str())
                    .copied()
                    .unwrap_or_default(),
                rate: row.rate,
                expected,
                expectation,
                gap,
                lagging: gap.is_some_and(|g| g < -input.tolerance),
                overspent: row.overspent,
                last_paid,
                idle,
            }
        })
        .collect();
    let projects = review_projects(&input.report, &lines, input.tolerance, rules);
    let all = review_group(
        "all",
        lines.iter().collect(),
        input.tolerance,
        rules,
        false,
        as_of,
    )
    .against(progress, input.tolerance, rules);
    // Lagging first, then the lines measured (furthest behind first), then the
    // rest: no budget, or not paced.
    lines.sort_by(|a, b| {
        b.lagging
            .cmp(&a.lagging)
            .then(a.gap.is_none().cmp(&b.gap.is_none()))
            .then(a.gap.cmp(&b.gap))
            .then(a.code.cmp(&b.code))
    });

    let next_month_end = if input.month < 12 {
        input.year.month_end(input.month + 1)
    } else {
        None
    };
    let overdue = input
        .instalments
        .iter()
        .filter(|s| s.is_overdue())
        .cloned()
        .collect();
    let due_next_month = input
        .instalments
        .iter()
        .filter(|s| {
            s.outstanding.is_positive()
                && s.item.due > as_of
                && next_month_end.is_some_and(|end| s.item.due <= end)
        })
        .cloned()
        .collect();

    let flows = flow_groups()
        .into_iter()
        .map(|(group, kind, source)| {
            let in_group = |code: &String| {
                input.report.lines.iter().any(|l| {
                    &l.code == code
                        && kind.is_none_or(|k| l.kind == k)
                        && source.is_none_or(|s| l.source == s)
                })
            };
            let sum = |paid: &BTreeMap<String, Money>| {
                paid.iter()
                    .filter(|(c, _)| in_group(c))
                    .map(|(_, m)| *m)
                    .sum()
            };
            MonthFlow {
                group,
                this_month: sum(&input.paid_this_month),
                last_month: sum(&input.paid_last_month),
            }
        })
        .collect();

    MonthReview {
        year: input.year.year(),
        month: input.month,
        as_of,
        time_progress: progress,
        lines,
        projects,
        all,
        reductions: input.report.reductions.clone(),
        aged_carryover: input.report.aged_carryover.clone(),
        overdue,
        due_next_month,
        flows,
    }
}

/// Each project of the report, summed from its review lines, lagging first.
fn review_projects(
    report: &ExecutionReport,
    lines: &[ReviewLine],
    tolerance: Decimal,
    rules: &MonitoringRules,
) -> Vec<ReviewProject> {
    let mut projects: Vec<ReviewProject> = report
        .projects
        .iter()
        .map(|p| {
            let own: Vec<&ReviewLine> =
                lines.iter().filter(|l| p.lines.contains(&l.code)).collect();
            review_group(&p.project, own, tolerance, rules, true, report.as_of)
        })
        .collect();
    projects.sort_by(|a, b| {
        b.lagging
            .cmp(&a.lagging)
            .then(a.gap.is_none().cmp(&b.gap.is_none()))
            .then(a.gap.cmp(&b.gap))
    });
    projects
}

/// Review lines summed: the expectation of a group is what its lines should
/// have spent (an unpaced line is where it should be, whatever it spent).
/// `project` applies the size rule to the light.
fn review_group(
    name: &str,
    own: Vec<&ReviewLine>,
    tolerance: Decimal,
    rules: &MonitoringRules,
    project: bool,
    as_of: NaiveDate,
) -> ReviewProject {
    let sum = |f: fn(&ReviewLine) -> Money| own.iter().map(|l| f(l)).sum::<Money>();
    let (budget, spent, projected) = (sum(|l| l.budget), sum(|l| l.spent), sum(|l| l.projected));
    let expected_sum = own
        .iter()
        .map(|l| expected_amount(l.expected, l.expectation, l.budget, l.spent))
        .fold(Decimal::ZERO, Decimal::saturating_add);
    let expected = group_expected(expected_sum, budget);
    let rate = execution_rate(spent, budget);
    let gap = rate.zip(expected).map(|(r, e)| r - e);
    let lit = light(rate, expected, project && is_large(budget, rules), rules);
    ReviewProject {
        project: name.to_string(),
        budget,
        spent,
        remaining: budget - spent,
        committed: sum(|l| l.committed),
        rate,
        expected,
        gap,
        lagging: gap.is_some_and(|g| g < -tolerance),
        overspent: spent > budget,
        light: lit.map(|l| l.light),
        light_ratio: lit.and_then(|l| l.ratio),
        projected,
        projected_rate: execution_rate(projected, budget),
        checkpoint: checkpoint_status(rules, as_of, budget, spent),
    }
}

/// The groups a month's payments are summed by: all, each kind, each kind and source.
fn flow_groups() -> Vec<(String, Option<Kind>, Option<Source>)> {
    use super::vocabulary::Vocabulary;
    let mut groups = vec![("all".to_string(), None, None)];
    for kind in Kind::ALL {
        groups.push((kind.code().to_string(), Some(*kind), None));
        for source in Source::ALL {
            groups.push((
                format!("{}/{}", kind.code(), source.code()),
                Some(*kind),
                Some(*source),
            ));
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::{self, d, m};
    use crate::domain::report::{LineFigures, ReportInput, execution_report};
    use crate::domain::schedule::instalment_statuses;

    fn figures(code: &str, budget: &str, spent: &str) -> LineFigures {
        fixtures::figures(
            fixtures::line(code, Kind::Basic, Source::Initial, "2021-01-01", budget),
            spent,
        )
    }

    #[test]
    fn a_project_sums_its_lines_and_an_unpaced_line_never_holds_it_back() {
        let year = FiscalYear::new(2021).unwrap();
        let project = |code: &str, budget: &str, spent: &str| {
            fixtures::figures(
                fixtures::line(code, Kind::Project, Source::Initial, "2021-01-01", budget),
                spent,
            )
        };
        let mut lump = project("P2", "100", "0");
        lump.paced = false;
        let report = execution_report(ReportInput {
            year,
            as_of: d("2021-06-30"),
            tolerance: Decimal::TEN,
            lines: vec![project("P1", "100", "20"), lump],
            instalments: vec![],
            paid_by_month: [Money::ZERO; 12],
            rules: crate::domain::monitoring::MonitoringRules::default(),
        });
        let review = month_review(ReviewInput {
            year,
            month: 6,
            tolerance: Decimal::TEN,
            idle_days: 30,
            report,
            instalments: vec![],
            paid_this_month: BTreeMap::new(),
            paid_last_month: BTreeMap::new(),
            last_paid: BTreeMap::new(),
            rules: crate::domain::monitoring::MonitoringRules::default(),
        });
        // 救援队: P1 should have spent 50 of 100 by June, P2 (not paced) is
        // where it is at 0: expected 50 of 200 = 25 %; spent 20 of 200 = 10 %;
        // 15 points behind with a tolerance of 10 → lagging.
        let p = &review.projects[0];
        assert_eq!(
            (p.project.as_str(), p.budget, p.spent),
            ("救援队", m("200"), m("20"))
        );
        assert_eq!(
            (p.rate, p.expected, p.gap, p.lagging),
            (
                Some(d_("10.00")),
                Some(d_("25.00")),
                Some(d_("-15.00")),
                true
            )
        );
    }

    #[test]
    fn a_hand_worked_june() {
        let year = FiscalYear::new(2021).unwrap();
        let report = execution_report(ReportInput {
            year,
            as_of: d("2021-06-30"),
            tolerance: Decimal::TEN,
            lines: vec![figures("A", "1000", "200"), figures("C", "1000", "300")],
            instalments: vec![],
            paid_by_month: [Money::ZERO; 12],
            rules: crate::domain::monitoring::MonitoringRules::default(),
        });
        // C pays a contract: 300 due by June (paid), 500 due 07-15
        let item = |id, due: &str, amount: &str| fixtures::instalment(id, "C", due, amount);
        let instalments = instalment_statuses(
            vec![item(1, "2021-05-31", "300"), item(2, "2021-07-15", "500")],
            m("300"),
            d("2021-06-30"),
        );
        let review = month_review(ReviewInput {
            year,
            month: 6,
            tolerance: Decimal::TEN,
            idle_days: 30,
            report,
            instalments,
            paid_this_month: [("A".to_string(), m("50"))].into(),
            paid_last_month: [("A".to_string(), m("20")), ("C".to_string(), m("300"))].into(),
            last_paid: [
                ("A".to_string(), d("2021-06-20")),
                ("C".to_string(), d("2021-05-10")),
            ]
            .into(),
            rules: crate::domain::monitoring::MonitoringRules::default(),
        });
        // A: 20% against 50% by time → lagging by 30 points; C: 30% against 300/1000 = 30% by contract
        let a = &review.lines[0];
        assert_eq!(
            (a.code.as_str(), a.lagging, a.gap),
            ("A", true, Some(d_("-30.00")))
        );
        let c = &review.lines[1];
        assert_eq!(
            (c.expectation, c.expected, c.lagging),
            (Expectation::Schedule, Some(d_("30.00")), false)
        );
        // C: last paid 05-10, 51 days before the month end → idle; 500 still committed
        assert!(c.idle && !a.idle);
        assert_eq!(c.committed, m("500"));
        assert_eq!(review.due_next_month.len(), 1);
        assert!(review.overdue.is_empty());
        let all = &review.flows[0];
        assert_eq!((all.this_month, all.last_month), (m("50"), m("320")));
        // 500 of 2000 together
        assert_eq!(review.rate(), Some(d_("25.00")));
    }

    #[test]
    fn a_line_not_paced_has_no_expectation_and_is_never_lagging() {
        // June (50%), tolerance 10: U spent 0 of 1000 and has a contract with
        // 400 due by June, unpaid; unpaced, it expects nothing and has no gap.
        // P spent 450 of 1000 = 45.00%, 5 points behind: measured, not lagging.
        let year = FiscalYear::new(2021).unwrap();
        let mut unpaced = figures("U", "1000", "0");
        unpaced.paced = false;
        let report = execution_report(ReportInput {
            year,
            as_of: d("2021-06-30"),
            tolerance: Decimal::TEN,
            lines: vec![unpaced, figures("P", "1000", "450")],
            instalments: vec![],
            paid_by_month: [Money::ZERO; 12],
            rules: crate::domain::monitoring::MonitoringRules::default(),
        });
        let instalments = instalment_statuses(
            vec![fixtures::instalment(1, "U", "2021-05-31", "400")],
            Money::ZERO,
            d("2021-06-30"),
        );
        let review = month_review(ReviewInput {
            year,
            month: 6,
            tolerance: Decimal::TEN,
            idle_days: 30,
            report,
            instalments,
            paid_this_month: BTreeMap::new(),
            paid_last_month: BTreeMap::new(),
            last_paid: BTreeMap::new(),
            rules: crate::domain::monitoring::MonitoringRules::default(),
        });
        let summary: Vec<_> = review
            .lines
            .iter()
            .map(|l| (l.code.as_str(), l.expectation, l.expected, l.gap, l.lagging))
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    "P",
                    Expectation::TimeProportional,
                    Some(d_("50.00")),
                    Some(d_("-5.00")),
                    false
                ),
                ("U", Expectation::Unpaced, None, None, false),
            ]
        );
        // its overdue instalment is still reported, and its money still committed
        assert_eq!(review.overdue.len(), 1);
        assert_eq!(review.lines[1].committed, m("400"));
        assert_eq!(review.lagging().count(), 0);
    }

    fn d_(s: &str) -> Decimal {
        s.parse().unwrap()
    }
}
