//! The year-end summary (年度绩效自评) the self-evaluation report is written
//! from, mirroring the report's structure: funding by kind and source,
//! execution by economic class and by source, the projects not fully paid and
//! why, every project with its indicators and score, the department-wide
//! ratios, and the report's free-text sections. Every figure comes from the
//! ledger.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::department::{ClassBySource, Ratio, Tagging, basic_by_class, department_ratios};
use super::indicator::{Category, Indicator, Tier};
use super::line::{Kind, Level, Source};
use super::money::Money;
use super::monitoring::Light;
use super::report::{ExecutionReport, GroupFigures, LineRow, ProjectRow, execution_rate};
use super::rules::ScoringRules;
use super::schedule::InstalmentStatus;
use super::score::{Achievement, ExecutionRule, ProjectScore, achievement, project_score};
use super::settings::{Notes, ProjectSettings};
use super::vocabulary::Vocabulary;

/// Below this execution rate the forms ask for a reason (Sichuan's rule).
pub const REASON_BELOW_RATE: Decimal = Decimal::from_parts(90, 0, 0, false, 0);

/// Whether a project lacks the reason (偏差原因) its form needs: when it is
/// behind its pace (its light red or yellow, schedules counted), and at the
/// year's end also when it spent under 90 %. Mid-year, under 90 % is the
/// calendar, not a shortfall, and needs no reason.
pub fn reason_needed(p: &ProjectRow, as_of: NaiveDate, reason: Option<&str>) -> bool {
    let written = reason.is_some_and(|r| !r.trim().is_empty());
    let behind = matches!(p.figures.light, Some(Light::Red | Light::Yellow));
    let year_end = asked_at_year_end(as_of);
    let low = p.figures.rate.is_some_and(|r| r < REASON_BELOW_RATE);
    !written && (behind || (year_end && low))
}

/// Whether a reason asked for on `as_of` is asked for because the year has
/// ended under 90 % rather than because the project is behind its pace.
pub fn asked_at_year_end(as_of: NaiveDate) -> bool {
    as_of.month() == 12 && as_of.day() == 31
}

/// Everything [`year_summary`] needs, read as of the summary's date.
#[derive(Clone, Debug)]
pub struct SummaryInput {
    pub department: String,
    pub report: ExecutionReport,
    /// Every instalment as of the report's date.
    pub instalments: Vec<InstalmentStatus>,
    pub indicators: Vec<Indicator>,
    /// Each project's weights and reason; a project missing here has the defaults.
    pub projects: BTreeMap<String, ProjectSettings>,
    pub notes: Notes,
    pub rule: ExecutionRule,
    /// Grade bands, qualitative bands and the `=` rule.
    pub rules: ScoringRules,
    /// The 三公经费 and 政府采购 tags of lines and payments.
    pub tagging: Tagging,
}

/// Money of a set of lines, as the report's funding tables show it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funds {
    /// As allocated (下达数): the initial budget, the supplementary allocation…
    pub allocated: Money,
    /// Adjustments during the year (调整数): budget − allocated.
    pub adjusted: Money,
    /// The budget after adjustments (调整后预算数 / 全年预算数).
    pub budget: Money,
    /// Paid (全年执行数).
    pub spent: Money,
    pub remaining: Money,
    /// Execution rate in percent of the budget, two decimals.
    pub rate: Option<Decimal>,
}

impl Funds {
    pub(super) fn of<'a>(rows: impl Iterator<Item = &'a LineRow>) -> Funds {
        Funds::from(GroupFigures::of(rows))
    }
}

impl From<GroupFigures> for Funds {
    fn from(g: GroupFigures) -> Funds {
        Funds {
            adjusted: g.budget - g.allocated,
            remaining: g.budget - g.spent,
            rate: execution_rate(g.spent, g.budget),
            allocated: g.allocated,
            budget: g.budget,
            spent: g.spent,
        }
    }
}

/// The money of one key of a breakdown (a level, a class, a source).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part<K> {
    pub key: K,
    #[serde(flatten)]
    pub funds: Funds,
}

/// Which lines a row of the funding table sums.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "row", rename_all = "snake_case")]
pub enum FundingRow {
    /// One kind's money from one source: 基本支出 · 年初预算 …
    Part { kind: Kind, source: Source },
    /// One kind in all (基本支出合计, 专项资金合计).
    Kind { kind: Kind },
    /// Project money added to the initial budget: supplementary and carry-over.
    ProjectAdded,
    /// All supplementary money, basic and project (追加预算).
    Supplementary,
    /// The year in all (年度资金总额).
    Total,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundingLine {
    #[serde(flatten)]
    pub row: FundingRow,
    #[serde(flatten)]
    pub funds: Funds,
}

/// A project that is not fully paid and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnfinishedProject {
    pub project: String,
    #[serde(flatten)]
    pub funds: Funds,
    /// Contract instalments past due and unpaid.
    pub overdue: Money,
    /// Contract instalments not yet due and unpaid.
    pub falling_due: Money,
    pub reason: Option<String>,
    /// No reason written where one is needed: see [`reason_needed`].
    pub reason_missing: bool,
}

/// An indicator as the self-evaluation table lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorResult {
    pub tier: Tier,
    pub category: Category,
    pub name: String,
    pub target: String,
    pub actual: Option<String>,
    pub achievement: Achievement,
    /// Its weight on the form: its share of its tier's weight.
    pub weight: Decimal,
    /// Its weight as entered, which the tier's weight is shared by.
    pub weight_entered: Decimal,
    /// Its points on its tier's scale; `None` until judged.
    pub points: Option<Decimal>,
    pub deviation_reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectSummary {
    pub project: String,
    pub sources: Vec<Source>,
    pub levels: Vec<Level>,
    #[serde(flatten)]
    pub funds: Funds,
    pub indicators: Vec<IndicatorResult>,
    pub score: ProjectScore,
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearSummary {
    pub year: i32,
    pub department: String,
    pub as_of: NaiveDate,
    pub time_progress: Decimal,
    /// 一、资金: by kind and source, subtotals and the total.
    pub funding: Vec<FundingLine>,
    /// Supplementary money by the level of government that gave it.
    pub supplementary_by_level: Vec<Part<Level>>,
    /// 二、执行: basic expenditure by economic class, split by source
    /// (unclassified last).
    pub basic_by_class: Vec<ClassBySource>,
    /// Project money by source.
    pub projects_by_source: Vec<Part<Source>>,
    pub unfinished: Vec<UnfinishedProject>,
    /// 三、每个项目: figures, indicators and score.
    pub projects: Vec<ProjectSummary>,
    /// 四、部门整体: the standard department indicators the ledger computes.
    pub ratios: Vec<Ratio>,
    /// 五、评价结论、存在问题、改进措施.
    pub notes: Notes,
}

impl YearSummary {
    pub fn funding(&self, row: &FundingRow) -> Option<&Funds> {
        self.funding
            .iter()
            .find(|l| &l.row == row)
            .map(|l| &l.funds)
    }

    /// Projects below 90 % whose reason is still to be written.
    pub fn reasons_missing(&self) -> impl Iterator<Item = &UnfinishedProject> {
        self.unfinished.iter().filter(|u| u.reason_missing)
    }
}

pub fn year_summary(input: SummaryInput) -> YearSummary {
    let report = &input.report;
    let lines = &report.lines;
    let funding = funding_table(lines);
    let supplementary_by_level = Level::ALL
        .iter()
        .map(|&level| {
            let funds = Funds::of(
                lines
                    .iter()
                    .filter(|l| l.source == Source::Supplementary && l.level == level),
            );
            Part { key: level, funds }
        })
        .filter(|p| !p.funds.budget.is_zero() || !p.funds.spent.is_zero())
        .collect();
    let basic_by_class = basic_by_class(lines);
    let projects_by_source = Source::ALL
        .iter()
        .map(|&source| {
            let funds = Funds::of(
                lines
                    .iter()
                    .filter(|l| l.kind == Kind::Project && l.source == source),
            );
            Part { key: source, funds }
        })
        .collect();

    let owed = owed_by_project(report, &input.instalments);
    let settings = |project: &str| input.projects.get(project).cloned().unwrap_or_default();
    let unfinished = report
        .projects
        .iter()
        .filter(|p| p.figures.spent < p.figures.budget)
        .map(|p| {
            let funds = Funds::from(p.figures.clone());
            let reason = settings(&p.project).reason;
            let (overdue, falling_due) = owed.get(&p.project).copied().unwrap_or_default();
            UnfinishedProject {
                project: p.project.clone(),
                reason_missing: reason_needed(p, report.as_of, reason.as_deref()),
                reason,
                overdue,
                falling_due,
                funds,
            }
        })
        .collect();

    let projects: Vec<ProjectSummary> = report
        .projects
        .iter()
        .map(|p| {
            let own: Vec<&Indicator> = input
                .indicators
                .iter()
                .filter(|i| i.project == p.project)
                .collect();
            let settings = settings(&p.project);
            let score = project_score(
                p.figures.rate,
                &own,
                &settings.weights,
                input.rule,
                &input.rules,
            );
            let indicators = own
                .iter()
                .zip(score.indicator_points.iter().zip(&score.indicator_weights))
                .map(|(i, (points, weight))| IndicatorResult {
                    tier: i.category.tier(),
                    category: i.category,
                    name: i.name.clone(),
                    target: i.target.text.clone(),
                    actual: i.actual.as_ref().map(|a| a.text.clone()),
                    achievement: achievement(i, &input.rules),
                    weight: *weight,
                    weight_entered: i.weight,
                    points: *points,
                    deviation_reason: i.deviation_reason.clone(),
                })
                .collect();
            ProjectSummary {
                project: p.project.clone(),
                sources: p.sources.clone(),
                levels: p.levels.clone(),
                funds: Funds::from(p.figures.clone()),
                indicators,
                score,
                reason: settings.reason,
            }
        })
        .collect();
    let ratios = department_ratios(lines, &input.tagging);

    YearSummary {
        year: report.year,
        department: input.department,
        as_of: report.as_of,
        time_progress: report.time_progress,
        funding,
        supplementary_by_level,
        basic_by_class,
        projects_by_source,
        unfinished,
        projects,
        ratios,
        notes: input.notes,
    }
}

/// The funding table in the report's order: each kind by source with its
/// subtotal, the project money added during the year, all supplementary
/// money, and the total. Parts with no money are left out; subtotals stay.
fn funding_table(lines: &[LineRow]) -> Vec<FundingLine> {
    let mut table = Vec::new();
    let mut push = |row: FundingRow, funds: Funds| table.push(FundingLine { row, funds });
    for kind in Kind::ALL.iter().copied() {
        for source in Source::ALL.iter().copied() {
            let funds = Funds::of(
                lines
                    .iter()
                    .filter(|l| l.kind == kind && l.source == source),
            );
            let initial = source == Source::Initial;
            if initial || !funds.budget.is_zero() || !funds.spent.is_zero() {
                push(FundingRow::Part { kind, source }, funds);
            }
        }
        if kind == Kind::Project {
            push(
                FundingRow::ProjectAdded,
                Funds::of(
                    lines
                        .iter()
                        .filter(|l| l.kind == Kind::Project && l.source != Source::Initial),
                ),
            );
        }
        push(
            FundingRow::Kind { kind },
            Funds::of(lines.iter().filter(|l| l.kind == kind)),
        );
    }
    push(
        FundingRow::Supplementary,
        Funds::of(lines.iter().filter(|l| l.source == Source::Supplementary)),
    );
    push(FundingRow::Total, Funds::of(lines.iter()));
    table
}

/// Each project's unpaid instalments: (overdue, not yet due).
fn owed_by_project(
    report: &ExecutionReport,
    instalments: &[InstalmentStatus],
) -> BTreeMap<String, (Money, Money)> {
    let project_of: BTreeMap<&str, &str> = report
        .lines
        .iter()
        .filter_map(|l| Some((l.code.as_str(), l.project.as_deref()?)))
        .collect();
    let mut owed: BTreeMap<String, (Money, Money)> = BTreeMap::new();
    for status in instalments.iter().filter(|s| s.outstanding.is_positive()) {
        let Some(project) = project_of.get(status.item.line.as_str()) else {
            continue;
        };
        let entry = owed.entry(project.to_string()).or_default();
        if status.is_overdue() {
            entry.0 += status.outstanding;
        } else {
            entry.1 += status.outstanding;
        }
    }
    owed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::FiscalYear;
    use crate::domain::fixtures::{d, figures, instalment, line, m};
    use crate::domain::report::{ReportInput, execution_report};
    use crate::domain::schedule::instalment_statuses;
    use crate::domain::score::Grade;
    use crate::domain::settings::NoteSection;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn indicator(
        project: &str,
        category: Category,
        target: &str,
        actual: &str,
        weight: i64,
    ) -> Indicator {
        crate::domain::fixtures::indicator(project, category, target, Some(actual), weight)
    }

    /// A small year whose answers are worked out by hand below:
    /// - B1 basic, initial, wages: 100, all spent;
    /// - B2 basic, supplementary, goods: 20 allocated, adjusted to 25, 10 spent;
    /// - P1 project 救援队, initial: 200, 50 spent; its contract owes 100 due
    ///   in June (overdue at year end) and 50 due next year;
    /// - P2 project 培训, supplementary from the province: 80, all spent;
    /// - P3 project 救援队, carry-over: 30, all spent.
    fn small_year() -> SummaryInput {
        use crate::domain::{EconClass, Kind::*, Level, Source::*};
        let mut b1 = line("B1", Basic, Initial, "2021-01-01", "100");
        b1.econ_class = Some(EconClass::Wages);
        let b2 = line("B2", Basic, Supplementary, "2021-03-01", "20");
        let p1 = line("P1", Project, Initial, "2021-01-01", "200");
        let mut p2 = line("P2", Project, Supplementary, "2021-04-01", "80");
        p2.project = Some("培训".into());
        p2.level = Level::Provincial;
        let p3 = line("P3", Project, Carryover, "2021-01-01", "30");
        let mut b2_figures = figures(b2, "10");
        b2_figures.budget = m("25");
        let year = FiscalYear::new(2021).unwrap();
        let as_of = d("2021-12-31");
        let instalments = instalment_statuses(
            vec![
                instalment(1, "P1", "2021-06-30", "150"),
                instalment(2, "P1", "2022-03-31", "50"),
            ],
            m("50"),
            as_of,
        );
        let report = execution_report(ReportInput {
            year,
            as_of,
            tolerance: Decimal::TEN,
            lines: vec![
                figures(b1, "100"),
                b2_figures,
                figures(p1, "50"),
                figures(p2, "80"),
                figures(p3, "30"),
            ],
            instalments: instalments.clone(),
            paid_by_month: [Money::ZERO; 12],
            rules: crate::domain::monitoring::MonitoringRules::default(),
        });
        SummaryInput {
            department: "应急管理局".into(),
            report,
            instalments,
            indicators: vec![
                indicator("培训", Category::Quantity, "≥ 100 人", "80 人", 50),
                indicator("培训", Category::Social, "≥ 1 次", "1 次", 30),
                indicator("培训", Category::Satisfaction, "≥ 90 %", "95 %", 10),
            ],
            projects: BTreeMap::new(),
            notes: [(NoteSection::Problems, "支付进度参差不齐".to_string())].into(),
            rule: ExecutionRule::default(),
            rules: ScoringRules::default(),
            tagging: Default::default(),
        }
    }

    fn row(summary: &YearSummary, row: FundingRow) -> (Money, Money, Money, Option<Decimal>) {
        let f = summary.funding(&row).unwrap_or_else(|| panic!("{row:?}"));
        (f.allocated, f.budget, f.spent, f.rate)
    }

    #[test]
    fn funding_rows_sum_by_kind_and_source_with_subtotals() {
        use crate::domain::{Kind::*, Source::*};
        let s = year_summary(small_year());
        let r = |v: &str| Some(dec(v));
        assert_eq!(
            row(
                &s,
                FundingRow::Part {
                    kind: Basic,
                    source: Supplementary
                }
            ),
            (m("20"), m("25"), m("10"), r("40.00"))
        );
        assert_eq!(
            s.funding(&FundingRow::Part {
                kind: Basic,
                source: Supplementary
            })
            .unwrap()
            .adjusted,
            m("5")
        );
        assert_eq!(
            row(&s, FundingRow::Kind { kind: Basic }),
            (m("120"), m("125"), m("110"), r("88.00"))
        );
        assert_eq!(
            row(&s, FundingRow::ProjectAdded),
            (m("110"), m("110"), m("110"), r("100.00"))
        );
        // 160 ÷ 310 = 51.6129… %
        assert_eq!(
            row(&s, FundingRow::Kind { kind: Project }),
            (m("310"), m("310"), m("160"), r("51.61"))
        );
        // B2 and P2: 90 ÷ 105 = 85.714… %
        assert_eq!(
            row(&s, FundingRow::Supplementary),
            (m("100"), m("105"), m("90"), r("85.71"))
        );
        assert_eq!(
            row(&s, FundingRow::Total),
            (m("430"), m("435"), m("270"), r("62.07"))
        );
        // No basic carry-over money: that part is left out, its subtotal stays.
        assert!(
            s.funding(&FundingRow::Part {
                kind: Basic,
                source: Carryover
            })
            .is_none()
        );
        let order: Vec<&FundingRow> = s.funding.iter().map(|l| &l.row).collect();
        assert_eq!(order.len(), 10, "{order:?}");
        assert_eq!(order[9], &FundingRow::Total);
    }

    #[test]
    fn breakdowns_by_level_class_and_source() {
        use crate::domain::{EconClass, Level, Source};
        let s = year_summary(small_year());
        let levels: Vec<(Level, Money)> = s
            .supplementary_by_level
            .iter()
            .map(|p| (p.key, p.funds.budget))
            .collect();
        assert_eq!(
            levels,
            vec![(Level::District, m("25")), (Level::Provincial, m("80"))]
        );
        let classes: Vec<(Option<EconClass>, Money)> = s
            .basic_by_class
            .iter()
            .map(|p| (p.key, p.funds.spent))
            .collect();
        assert_eq!(classes[0], (Some(EconClass::Wages), m("100")));
        assert!(classes.contains(&(Some(EconClass::Goods), m("10"))));
        assert!(classes.contains(&(Some(EconClass::Capital), m("0"))));
        let sources: Vec<(Source, Money)> = s
            .projects_by_source
            .iter()
            .map(|p| (p.key, p.funds.budget))
            .collect();
        assert_eq!(
            sources,
            vec![
                (Source::Initial, m("200")),
                (Source::Supplementary, m("80")),
                (Source::Carryover, m("30"))
            ]
        );
    }

    #[test]
    fn unfinished_projects_show_what_is_owed_and_ask_for_a_reason() {
        let s = year_summary(small_year());
        assert_eq!(s.unfinished.len(), 1);
        let u = &s.unfinished[0];
        // 救援队: 80 of 230 paid; of the contract's 200, 50 paid settles the
        // June instalment in part (100 overdue), next year's 50 falls due later.
        assert_eq!(
            (u.project.as_str(), u.funds.spent, u.funds.remaining),
            ("救援队", m("80"), m("150"))
        );
        assert_eq!(u.funds.rate, Some(dec("34.78")));
        assert_eq!((u.overdue, u.falling_due), (m("100"), m("50")));
        assert!(u.reason_missing);
        assert_eq!(s.reasons_missing().count(), 1);

        let mut input = small_year();
        input.projects.insert(
            "救援队".into(),
            ProjectSettings {
                reason: Some("财政资金紧张".into()),
                ..ProjectSettings::default()
            },
        );
        let s = year_summary(input);
        assert!(!s.unfinished[0].reason_missing);
        assert_eq!(s.unfinished[0].reason.as_deref(), Some("财政资金紧张"));
    }

    #[test]
    fn projects_carry_their_indicators_and_scores() {
        let s = year_summary(small_year());
        let training = s.projects.iter().find(|p| p.project == "培训").unwrap();
        // 10 (100 %) + 80/100 × 50 (40) + 30 + 10 = 90: 优
        assert_eq!(training.score.total, dec("90.00"));
        assert_eq!(training.score.grade, Some(Grade::Excellent));
        let points: Vec<Option<Decimal>> = training.indicators.iter().map(|i| i.points).collect();
        assert_eq!(
            points,
            vec![Some(dec("40.00")), Some(dec("30.00")), Some(dec("10.00"))]
        );
        assert_eq!(training.indicators[0].achievement, Achievement::NotAchieved);
        // 救援队 has no indicators: execution only (34.78 % of 10 → 3.48), no grade.
        let team = s.projects.iter().find(|p| p.project == "救援队").unwrap();
        assert_eq!((team.score.total, team.score.grade), (dec("3.48"), None));
        // No department score is made up from the projects' (see `department`).
        assert_eq!(
            s.ratios.len(),
            crate::domain::department::RatioKey::ALL.len()
        );
        assert_eq!(
            s.notes.get(&NoteSection::Problems).map(String::as_str),
            Some("支付进度参差不齐")
        );
    }
}
