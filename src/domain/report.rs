//! The execution report (执行情况): every figure a screen, the CLI or an export
//! shows about how far the money is spent, as one pure function of plain data.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::calendar::{FiscalYear, percent};
use super::line::{BudgetLine, EconClass, Kind, Level, Source};
use super::money::Money;
use super::monitoring::expectation::{expected_amount, expected_progress, group_expected};
use super::monitoring::light::{is_large, light};
use super::monitoring::projection::{ProjectionInput, projected_year_end};
use super::monitoring::reduction::reduction;
use super::monitoring::{
    AgedCarryover, CheckpointStatus, Expectation, Light, MonitoringRules, ReductionCandidate,
    ageing, checkpoint_status,
};
use super::schedule::InstalmentStatus;
use super::vocabulary::Vocabulary;

/// A line's money as of the report date, read from the store's running totals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineFigures {
    pub line: BudgetLine,
    /// The allocated amount if the line was allocated by the report date, else zero.
    pub allocated: Money,
    /// allocated + Σ adjustments dated on or before the report date.
    pub budget: Money,
    /// Σ disbursements dated on or before the report date (reversals included).
    pub spent: Money,
    /// Measured against time progress (the line's setting); a lump-sum line is not.
    pub paced: bool,
}

/// Everything [`execution_report`] needs.
#[derive(Clone, Debug)]
pub struct ReportInput {
    pub year: FiscalYear,
    pub as_of: NaiveDate,
    /// Percentage points a line may trail time progress before it is lagging.
    pub tolerance: Decimal,
    pub lines: Vec<LineFigures>,
    pub instalments: Vec<InstalmentStatus>,
    /// Net money paid in each month of the year up to the report date.
    pub paid_by_month: [Money; 12],
    pub rules: MonitoringRules,
}

/// 执行率: spent ÷ budget in percent, two decimals half-up; none when the budget
/// is zero or less (there is nothing to measure against).
pub fn execution_rate(spent: Money, budget: Money) -> Option<Decimal> {
    budget
        .is_positive()
        .then(|| percent(spent.as_decimal(), budget.as_decimal()))
}

/// How execution compares with time progress. Never told by colour alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pace {
    /// Spent more than the budget.
    Overspent,
    /// Ahead of time progress by more than the tolerance.
    Ahead,
    OnPace,
    /// Behind time progress by more than the tolerance.
    Lagging,
    /// No budget to measure against.
    Unmeasured,
    /// Not measured against time: the line is marked as paid whenever its
    /// bill comes (a lump sum), so it is never lagging nor ahead.
    Unpaced,
}

pub fn pace(
    rate: Option<Decimal>,
    spent: Money,
    budget: Money,
    progress: Decimal,
    tolerance: Decimal,
) -> Pace {
    if spent > budget && budget >= Money::ZERO && spent.is_positive() {
        return Pace::Overspent;
    }
    match rate {
        None => Pace::Unmeasured,
        Some(r) if r < progress - tolerance => Pace::Lagging,
        Some(r) if r > progress + tolerance => Pace::Ahead,
        Some(_) => Pace::OnPace,
    }
}

/// A line's pace: as [`pace`], except that a line not paced against time has
/// no time comparison. Overspending and a missing budget still show.
pub fn pace_of_line(paced: bool, pace: Pace) -> Pace {
    match pace {
        Pace::Ahead | Pace::OnPace | Pace::Lagging if !paced => Pace::Unpaced,
        other => other,
    }
}

/// One budget line in the report (its JSON names are a contract).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineRow {
    pub code: String,
    pub name: String,
    pub kind: Kind,
    pub source: Source,
    pub level: Level,
    pub econ_class: Option<EconClass>,
    pub project: Option<String>,
    pub allocated: Money,
    pub budget: Money,
    pub spent: Money,
    pub remaining: Money,
    pub rate: Option<Decimal>,
    pub rate_allocated: Option<Decimal>,
    pub lagging: bool,
    pub overspent: bool,
    /// Measured against time progress; `false` for a lump-sum line (never lagging).
    #[serde(default = "paced_by_default")]
    pub paced: bool,
    /// Percent of its budget it should have spent by now (by time or by its
    /// schedule); none for a line not paced.
    #[serde(default)]
    pub expected: Option<Decimal>,
    #[serde(default)]
    pub expectation: Expectation,
    /// The warning light: rate ÷ expected × 100 against the bands.
    #[serde(default)]
    pub light: Option<Light>,
    #[serde(default)]
    pub light_ratio: Option<Decimal>,
    /// 全年预计执行数, see `monitoring::projection`.
    #[serde(default)]
    pub projected: Money,
    #[serde(default)]
    pub projected_rate: Option<Decimal>,
}

impl LineRow {
    /// What it should have spent by now and has not: zero when on or ahead
    /// of its expectation, or not paced.
    pub fn behind(&self) -> Money {
        let expected =
            expected_amount(self.expected, self.expectation, self.budget, self.spent).round_dp(2);
        Money::from_decimal(expected).map_or(Money::ZERO, |e| (e - self.spent).max(Money::ZERO))
    }
}

fn paced_by_default() -> bool {
    true
}

/// Sums over any set of lines (its JSON names are a contract).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupFigures {
    pub allocated: Money,
    pub budget: Money,
    pub spent: Money,
    pub rate: Option<Decimal>,
    pub rate_allocated: Option<Decimal>,
    /// Percent of its budget it should have spent by now: for a project, what
    /// its paced lines should have spent (by time or schedule) plus what its
    /// lines not paced did spend, ÷ its budget; for a group, 序时进度.
    #[serde(default)]
    pub expected: Option<Decimal>,
    #[serde(default)]
    pub light: Option<Light>,
    #[serde(default)]
    pub light_ratio: Option<Decimal>,
    /// Σ its lines' projected year end.
    #[serde(default)]
    pub projected: Money,
    #[serde(default)]
    pub projected_rate: Option<Decimal>,
}

impl GroupFigures {
    /// The sums of the rows, with no light yet (see [`GroupFigures::lit`]).
    pub fn of<'a>(rows: impl Iterator<Item = &'a LineRow>) -> GroupFigures {
        let (mut allocated, mut budget, mut spent) = (Money::ZERO, Money::ZERO, Money::ZERO);
        let (mut expected, mut projected) = (Decimal::ZERO, Money::ZERO);
        for row in rows {
            allocated += row.allocated;
            budget += row.budget;
            spent += row.spent;
            projected += row.projected;
            let own = expected_amount(row.expected, row.expectation, row.budget, row.spent);
            expected = expected.saturating_add(own);
        }
        GroupFigures {
            allocated,
            budget,
            spent,
            rate: execution_rate(spent, budget),
            rate_allocated: execution_rate(spent, allocated),
            expected: group_expected(expected, budget),
            light: None,
            light_ratio: None,
            projected,
            projected_rate: execution_rate(projected, budget),
        }
    }

    /// Measured as the finance bureau lights a department's groups: against
    /// 序时进度 itself, whatever its lines' schedules say.
    pub fn against(mut self, time_progress: Decimal) -> GroupFigures {
        self.expected = self.budget.is_positive().then_some(time_progress);
        self
    }

    /// With its warning light; `large` applies the size rule (a project).
    pub fn lit(mut self, rules: &MonitoringRules, large: bool) -> GroupFigures {
        let lit = light(self.rate, self.expected, large, rules);
        self.light = lit.map(|l| l.light);
        self.light_ratio = lit.and_then(|l| l.ratio);
        self
    }

    pub fn remaining(&self) -> Money {
        self.budget - self.spent
    }
}

/// A project: the sum of the lines that fund it, whatever their source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectRow {
    pub project: String,
    pub lines: Vec<String>,
    pub sources: Vec<Source>,
    pub levels: Vec<Level>,
    #[serde(flatten)]
    pub figures: GroupFigures,
    pub overdue_outstanding: Money,
    /// The next checkpoint and the money still to pay to reach it.
    #[serde(default)]
    pub checkpoint: Option<CheckpointStatus>,
}

/// An instalment overdue on the report date (its JSON names are a contract).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueRow {
    pub line: String,
    pub contract: String,
    pub payee: String,
    pub due: NaiveDate,
    pub amount: Money,
    pub paid: Money,
    pub outstanding: Money,
    pub days_overdue: i64,
}

/// The execution report as of a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExecutionReport {
    pub year: i32,
    pub as_of: NaiveDate,
    pub time_progress: Decimal,
    pub lines: Vec<LineRow>,
    pub groups: BTreeMap<String, GroupFigures>,
    pub projects: Vec<ProjectRow>,
    pub overdue: Vec<OverdueRow>,
    /// Net money paid in each month, January first.
    pub months: Vec<Money>,
    /// Points a line may trail time progress before it is lagging.
    pub tolerance: Decimal,
    /// The whole year's next checkpoint.
    #[serde(default)]
    pub checkpoint: Option<CheckpointStatus>,
    /// Paced lines projected to leave more than the rules' share unspent.
    #[serde(default)]
    pub reductions: Vec<ReductionCandidate>,
    /// Carry-over money two or more years old with money left.
    #[serde(default)]
    pub aged_carryover: Vec<AgedCarryover>,
}

impl ExecutionReport {
    pub fn group(&self, key: &str) -> Option<&GroupFigures> {
        self.groups.get(key)
    }

    pub fn pace_of(&self, group: &GroupFigures) -> Pace {
        pace(
            group.rate,
            group.spent,
            group.budget,
            self.time_progress,
            self.tolerance,
        )
    }

    /// A line's pace, derived from its figures, its setting and the report's progress.
    pub fn line_pace(&self, row: &LineRow) -> Pace {
        pace_of_line(
            row.paced,
            pace(
                row.rate,
                row.spent,
                row.budget,
                self.time_progress,
                self.tolerance,
            ),
        )
    }

    pub fn project_pace(&self, project: &ProjectRow) -> Pace {
        self.pace_of(&project.figures)
    }

    pub fn overdue_total(&self) -> Money {
        self.overdue.iter().map(|o| o.outstanding).sum()
    }
}

/// The group keys every report carries, empty or not, so readers can rely on them.
pub fn group_keys() -> Vec<String> {
    let mut keys = vec!["all".to_string(), "basic".into(), "project".into()];
    for kind in Kind::ALL {
        for source in Source::ALL {
            keys.push(format!("{}/{}", kind.code(), source.code()));
        }
    }
    keys.extend(Source::ALL.iter().map(|s| format!("source/{}", s.code())));
    keys.extend(Level::ALL.iter().map(|l| format!("level/{}", l.code())));
    keys.extend(EconClass::ALL.iter().map(|e| format!("econ/{}", e.code())));
    keys
}

/// Builds the report. Lines allocated after `as_of` are not yet in force and
/// are left out unless money was already paid from them (then they show as
/// overspent, so that every payment is counted somewhere); rows keep the order
/// of `input.lines`.
pub fn execution_report(input: ReportInput) -> ExecutionReport {
    let progress = input.year.time_progress(input.as_of);
    let tolerance = input.tolerance;
    let schedules = Schedules::of(&input.instalments, input.as_of, input.year.last_day());
    let cx = RowContext {
        year: input.year,
        as_of: input.as_of,
        progress,
        tolerance,
        rules: &input.rules,
        schedules: &schedules,
    };
    let mut aged_carryover = Vec::new();
    let lines: Vec<LineRow> = input
        .lines
        .into_iter()
        .filter(|f| f.line.allocated_on <= input.as_of || !f.spent.is_zero())
        .map(|f| {
            aged_carryover.extend(ageing::aged(&f.line, input.year.year(), f.budget, f.spent));
            line_row(f, &cx)
        })
        .collect();
    let reductions = lines
        .iter()
        .filter_map(|l| {
            reduction(
                &l.code,
                &l.name,
                l.paced,
                l.budget,
                l.projected,
                &input.rules,
            )
        })
        .collect();

    let mut groups = BTreeMap::new();
    for key in group_keys() {
        let figures = GroupFigures::of(lines.iter().filter(|row| in_group(row, &key)));
        groups.insert(key, figures.against(progress).lit(&input.rules, false));
    }
    let all = &groups["all"];
    let checkpoint = checkpoint_status(&input.rules, input.as_of, all.budget, all.spent);

    let overdue: Vec<OverdueRow> = {
        let mut rows: Vec<_> = input
            .instalments
            .iter()
            .filter_map(|s| {
                s.days_overdue.map(|days| OverdueRow {
                    line: s.item.line.clone(),
                    contract: s.item.contract.clone(),
                    payee: s.item.payee.clone(),
                    due: s.item.due,
                    amount: s.item.amount,
                    paid: s.paid,
                    outstanding: s.outstanding,
                    days_overdue: days,
                })
            })
            .collect();
        rows.sort_by(|a, b| {
            b.days_overdue
                .cmp(&a.days_overdue)
                .then(a.line.cmp(&b.line))
        });
        rows
    };

    let projects = project_rows(&lines, &overdue, &input.rules, input.as_of);
    let months = input.paid_by_month.to_vec();
    ExecutionReport {
        year: input.year.year(),
        as_of: input.as_of,
        time_progress: progress,
        lines,
        groups,
        projects,
        overdue,
        months,
        tolerance,
        checkpoint,
        reductions,
        aged_carryover,
    }
}

/// What each line's contract schedule says as of the report date.
struct Schedules {
    /// Σ instalments due by the report date.
    due: BTreeMap<String, Money>,
    /// Σ unpaid instalments due by 31 December.
    unpaid_by_year_end: BTreeMap<String, Money>,
}

impl Schedules {
    fn of(instalments: &[InstalmentStatus], as_of: NaiveDate, year_end: NaiveDate) -> Schedules {
        let (mut due, mut unpaid_by_year_end) = (BTreeMap::new(), BTreeMap::new());
        for s in instalments {
            let line = &s.item.line;
            let due_now: &mut Money = due.entry(line.clone()).or_default();
            if s.item.due <= as_of {
                *due_now += s.item.amount;
            }
            let unpaid: &mut Money = unpaid_by_year_end.entry(line.clone()).or_default();
            if s.item.due <= year_end {
                *unpaid += s.outstanding;
            }
        }
        Schedules {
            due,
            unpaid_by_year_end,
        }
    }
}

/// What every row of one report is measured with.
struct RowContext<'a> {
    year: FiscalYear,
    as_of: NaiveDate,
    progress: Decimal,
    tolerance: Decimal,
    rules: &'a MonitoringRules,
    schedules: &'a Schedules,
}

fn line_row(f: LineFigures, cx: &RowContext) -> LineRow {
    let rate = execution_rate(f.spent, f.budget);
    let pace = pace_of_line(
        f.paced,
        pace(rate, f.spent, f.budget, cx.progress, cx.tolerance),
    );
    let due = cx.schedules.due.get(&f.line.code).copied();
    let (expected, expectation) = expected_progress(f.paced, f.budget, due, cx.progress);
    let large = f.line.kind == Kind::Project && is_large(f.budget, cx.rules);
    let lit = light(rate, expected, large, cx.rules);
    let projected = projected_year_end(ProjectionInput {
        paced: f.paced,
        budget: f.budget,
        spent: f.spent,
        scheduled_unpaid: cx.schedules.unpaid_by_year_end.get(&f.line.code).copied(),
        active_from: f.line.allocated_on.max(cx.year.first_day()),
        as_of: cx.as_of,
        year_end: cx.year.last_day(),
    });
    LineRow {
        expected,
        expectation,
        light: lit.map(|l| l.light),
        light_ratio: lit.and_then(|l| l.ratio),
        projected,
        projected_rate: execution_rate(projected, f.budget),
        rate,
        rate_allocated: execution_rate(f.spent, f.allocated),
        remaining: f.budget - f.spent,
        lagging: pace == Pace::Lagging,
        overspent: f.spent > f.budget,
        paced: f.paced,
        allocated: f.allocated,
        budget: f.budget,
        spent: f.spent,
        code: f.line.code,
        name: f.line.name,
        kind: f.line.kind,
        source: f.line.source,
        level: f.line.level,
        econ_class: f.line.econ_class,
        project: f.line.project,
    }
}

fn in_group(row: &LineRow, key: &str) -> bool {
    match key.split_once('/') {
        None if key == "all" => true,
        None => row.kind.code() == key,
        Some(("source", s)) => row.source.code() == s,
        Some(("level", l)) => row.level.code() == l,
        Some(("econ", e)) => row.econ_class.is_some_and(|c| c.code() == e),
        Some((kind, source)) => row.kind.code() == kind && row.source.code() == source,
    }
}

fn project_rows(
    lines: &[LineRow],
    overdue: &[OverdueRow],
    rules: &MonitoringRules,
    as_of: NaiveDate,
) -> Vec<ProjectRow> {
    let mut by_project: BTreeMap<&str, Vec<&LineRow>> = BTreeMap::new();
    let mut order: Vec<&str> = Vec::new();
    for row in lines {
        if let Some(project) = row.project.as_deref().filter(|_| row.kind == Kind::Project) {
            let entry = by_project.entry(project).or_default();
            if entry.is_empty() {
                order.push(project);
            }
            entry.push(row);
        }
    }
    order
        .into_iter()
        .map(|project| {
            let rows = &by_project[project];
            let figures = GroupFigures::of(rows.iter().copied());
            let large = is_large(figures.budget, rules);
            let figures = figures.lit(rules, large);
            let checkpoint = checkpoint_status(rules, as_of, figures.budget, figures.spent);
            let mut sources: Vec<Source> = rows.iter().map(|r| r.source).collect();
            sources.sort();
            sources.dedup();
            let mut levels: Vec<Level> = rows.iter().map(|r| r.level).collect();
            levels.sort();
            levels.dedup();
            let codes: Vec<String> = rows.iter().map(|r| r.code.clone()).collect();
            let overdue_outstanding = overdue
                .iter()
                .filter(|o| codes.contains(&o.line))
                .map(|o| o.outstanding)
                .sum();
            ProjectRow {
                project: project.to_string(),
                lines: codes,
                sources,
                levels,
                figures,
                overdue_outstanding,
                checkpoint,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::{self, m};
    use proptest::prelude::*;

    fn figures(
        code: &str,
        kind: Kind,
        source: Source,
        allocated_on: &str,
        budget: &str,
        spent: &str,
    ) -> LineFigures {
        fixtures::figures(
            fixtures::line(code, kind, source, allocated_on, budget),
            spent,
        )
    }

    fn input(as_of: &str, lines: Vec<LineFigures>) -> ReportInput {
        ReportInput {
            year: FiscalYear::new(2021).unwrap(),
            as_of: as_of.parse().unwrap(),
            tolerance: Decimal::TEN,
            lines,
            instalments: vec![],
            paid_by_month: [Money::ZERO; 12],
            rules: MonitoringRules::default(),
        }
    }

    #[test]
    fn a_small_year_worked_by_hand() {
        // As of 30 June (181/365 = 49.59%): B01 spent 300/1000 = 30.00% (lagging:
        // more than 10 points behind); P01 300/400 = 75.00% (ahead); P02, from a
        // second supplementary line of the same project, 0 of 0 (no rate).
        let report = execution_report(input(
            "2021-06-30",
            vec![
                figures(
                    "B01",
                    Kind::Basic,
                    Source::Initial,
                    "2021-01-01",
                    "1000",
                    "300",
                ),
                figures(
                    "P01",
                    Kind::Project,
                    Source::Supplementary,
                    "2021-03-01",
                    "400",
                    "300",
                ),
                figures(
                    "P02",
                    Kind::Project,
                    Source::Supplementary,
                    "2021-03-01",
                    "0",
                    "0",
                ),
                figures(
                    "P03",
                    Kind::Project,
                    Source::Carryover,
                    "2021-09-01",
                    "50",
                    "0",
                ),
            ],
        ));
        assert_eq!(report.time_progress.to_string(), "49.59");
        let row = |code: &str| report.lines.iter().find(|r| r.code == code).unwrap();
        assert_eq!(
            (
                row("B01").rate.unwrap().to_string(),
                report.line_pace(row("B01"))
            ),
            ("30.00".into(), Pace::Lagging)
        );
        assert!(row("B01").lagging);
        assert_eq!(
            (
                row("P01").rate.unwrap().to_string(),
                report.line_pace(row("P01"))
            ),
            ("75.00".into(), Pace::Ahead)
        );
        assert_eq!(
            (row("P02").rate, report.line_pace(row("P02"))),
            (None, Pace::Unmeasured)
        );
        // P03 is allocated after the report date and has no spending: not yet in force
        assert!(report.lines.iter().all(|r| r.code != "P03"));
        // all: 600 of 1400 = 42.857…% → 42.86
        let all = report.group("all").unwrap();
        assert_eq!(
            (all.spent, all.budget, all.rate.unwrap().to_string()),
            (m("600"), m("1400"), "42.86".into())
        );
        assert_eq!(report.group("project/carryover").unwrap().rate, None);
        assert_eq!(report.projects.len(), 1);
        assert_eq!(report.projects[0].lines, vec!["P01", "P02"]);
        assert_eq!(
            report.projects[0].figures.rate.unwrap().to_string(),
            "75.00"
        );
    }

    #[test]
    fn a_line_not_paced_is_never_lagging_nor_ahead_but_its_groups_are_paced() {
        // As of 30 June (49.59%), tolerance 10: P01 (paced) 0 of 1000 → lagging;
        // P02 (unpaced) 0 of 1000 would lag, P03 (unpaced) 900 of 1000 = 90% would
        // be ahead: both "unpaced"; B01 (unpaced) 120 of 100 is still overspent,
        // B02 (unpaced) with no budget still "no budget".
        let unpaced = |mut f: LineFigures| {
            f.paced = false;
            f
        };
        let report = execution_report(input(
            "2021-06-30",
            vec![
                figures(
                    "P01",
                    Kind::Project,
                    Source::Initial,
                    "2021-01-01",
                    "1000",
                    "0",
                ),
                unpaced(figures(
                    "P02",
                    Kind::Project,
                    Source::Initial,
                    "2021-01-01",
                    "1000",
                    "0",
                )),
                unpaced(figures(
                    "P03",
                    Kind::Project,
                    Source::Initial,
                    "2021-01-01",
                    "1000",
                    "900",
                )),
                unpaced(figures(
                    "B01",
                    Kind::Basic,
                    Source::Initial,
                    "2021-01-01",
                    "100",
                    "120",
                )),
                unpaced(figures(
                    "B02",
                    Kind::Basic,
                    Source::Initial,
                    "2021-01-01",
                    "0",
                    "0",
                )),
            ],
        ));
        let row = |code: &str| report.lines.iter().find(|r| r.code == code).unwrap();
        let paces: Vec<(&str, Pace, bool)> = report
            .lines
            .iter()
            .map(|r| (r.code.as_str(), report.line_pace(r), r.lagging))
            .collect();
        assert_eq!(
            paces,
            vec![
                ("P01", Pace::Lagging, true),
                ("P02", Pace::Unpaced, false),
                ("P03", Pace::Unpaced, false),
                ("B01", Pace::Overspent, false),
                ("B02", Pace::Unmeasured, false),
            ]
        );
        assert!(row("P01").paced && !row("P02").paced);
        // the project (P01–P03): 900 of 3000 = 30.00%, more than 10 points behind 49.59%
        let project = &report.projects[0];
        assert_eq!(project.figures.rate.unwrap().to_string(), "30.00");
        assert_eq!(report.project_pace(project), Pace::Lagging);
        // all: 1020 of 3100 = 32.90%, lagging too
        let all = report.group("all").unwrap();
        assert_eq!(all.rate.unwrap().to_string(), "32.90");
        assert_eq!(report.pace_of(all), Pace::Lagging);
    }

    #[test]
    fn paying_before_allocation_shows_as_overspent_and_is_still_counted() {
        // The ledger passes a line not yet allocated on the report date with
        // allocated and budget zero; money already paid from it must show.
        let mut early = figures(
            "P09",
            Kind::Project,
            Source::Supplementary,
            "2021-09-01",
            "0",
            "40",
        );
        early.line.allocated = m("100");
        let report = execution_report(input("2021-06-30", vec![early]));
        assert_eq!(report.lines.len(), 1);
        assert!(report.lines[0].overspent);
        assert_eq!(report.line_pace(&report.lines[0]), Pace::Overspent);
        assert_eq!(report.group("all").unwrap().spent, m("40"));
    }

    #[test]
    fn every_group_key_is_present_even_when_empty() {
        let report = execution_report(input("2021-12-31", vec![]));
        for key in group_keys() {
            let g = report.group(&key).unwrap();
            assert_eq!((g.budget, g.rate), (Money::ZERO, None), "{key}");
        }
        assert!(
            report.groups.contains_key("level/central")
                && report.groups.contains_key("econ/capital")
        );
    }

    proptest! {
        #[test]
        fn rate_is_spent_over_budget_rounded_half_up(spent in 0i64..1_000_000_000, budget in 0i64..1_000_000_000) {
            let rate = execution_rate(Money::from_fen(spent), Money::from_fen(budget));
            if budget == 0 {
                prop_assert_eq!(rate, None);
            } else {
                let r = rate.unwrap();
                // within half a hundredth of a percent of the exact ratio
                let exact = Decimal::from(spent) * Decimal::ONE_HUNDRED / Decimal::from(budget);
                prop_assert!((r - exact).abs() <= Decimal::new(5, 3));
                prop_assert_eq!(r.scale(), 2);
            }
        }

        #[test]
        fn groups_add_up_to_all(parts in proptest::collection::vec((0i64..10_000_000, 0i64..10_000_000, any::<bool>()), 1..20)) {
            let lines: Vec<_> = parts.iter().enumerate().map(|(i, (b, s, basic))| {
                let kind = if *basic { Kind::Basic } else { Kind::Project };
                figures(&format!("L{i}"), kind, Source::Initial, "2021-01-01", &Money::from_fen(*b).plain(), &Money::from_fen(*s).plain())
            }).collect();
            let report = execution_report(input("2021-12-31", lines));
            let all = report.group("all").unwrap();
            let (basic, project) = (report.group("basic").unwrap(), report.group("project").unwrap());
            prop_assert_eq!(all.spent, basic.spent + project.spent);
            prop_assert_eq!(all.budget, basic.budget + project.budget);
            let by_source: Money = Source::ALL.iter().map(|s| report.group(&format!("source/{}", s.code())).unwrap().spent).sum();
            prop_assert_eq!(by_source, all.spent);
        }
    }
}
