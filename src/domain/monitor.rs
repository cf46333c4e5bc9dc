//! The 绩效运行监控 ("双监控") return: money and indicators of every project
//! as of a date, laid out as the 一体化 monitoring table is — per project its
//! goal, execution from January to the date's month, the whole year's
//! projection and the warning light; per indicator its target, the latest
//! progress, the year's projection, why it deviates, how likely the target
//! is and what will be rectified. A shortfall nobody explained is flagged,
//! as the year-end summary flags a missing reason.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::facts::ProjectFacts;
use super::indicator::{Category, Indicator, Tier};
use super::money::Money;
use super::progress::{Cause, Likelihood, Progress, Shortfall, latest, shortfall};
use super::report::{ExecutionReport, ProjectRow, execution_rate};
use super::settings::ProjectSettings;

/// The execution light of a project, as the report gives it.
pub use super::monitoring::Light;

/// A project's money as the return shows it, from the execution report's
/// project row as of the return's date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectMoney {
    pub project: String,
    pub budget: Money,
    /// Spent from 1 January to the date.
    pub spent: Money,
    /// 全年预计执行数.
    pub projected: Money,
    pub light: Option<Light>,
}

impl From<&ProjectRow> for ProjectMoney {
    fn from(row: &ProjectRow) -> ProjectMoney {
        ProjectMoney {
            project: row.project.clone(),
            budget: row.figures.budget,
            spent: row.figures.spent,
            projected: row.figures.projected,
            light: row.figures.light,
        }
    }
}

/// Everything [`monitor_return`] needs.
#[derive(Clone, Debug)]
pub struct MonitorInput {
    pub department: String,
    pub year: i32,
    pub as_of: NaiveDate,
    pub time_progress: Decimal,
    pub projects: Vec<ProjectMoney>,
    pub indicators: Vec<Indicator>,
    pub progress: Vec<Progress>,
    /// Each project's form facts: its 绩效目标 is the form's goal.
    pub facts: BTreeMap<String, ProjectFacts>,
    /// Each project's settings: its reason explains money left unspent.
    pub settings: BTreeMap<String, ProjectSettings>,
}

impl MonitorInput {
    /// The input as of the report's date, its projects' money from the report.
    pub fn from_report(report: &ExecutionReport, department: String) -> MonitorInput {
        MonitorInput {
            department,
            year: report.year,
            as_of: report.as_of,
            time_progress: report.time_progress,
            projects: report.projects.iter().map(ProjectMoney::from).collect(),
            indicators: Vec::new(),
            progress: Vec::new(),
            facts: BTreeMap::new(),
            settings: BTreeMap::new(),
        }
    }
}

/// The return (its JSON names are a contract).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonitorReturn {
    pub department: String,
    pub year: i32,
    pub as_of: NaiveDate,
    /// Execution covers months 1 to this one (1–N月).
    pub through_month: u32,
    pub time_progress: Decimal,
    pub projects: Vec<MonitoredProject>,
}

impl MonitorReturn {
    /// The projects with a shortfall nobody explained.
    pub fn flagged(&self) -> impl Iterator<Item = &MonitoredProject> {
        self.projects.iter().filter(|p| !p.unexplained.is_empty())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonitoredProject {
    pub project: String,
    /// 绩效目标, from the project's form facts; none written yet is `None`.
    pub goal: Option<String>,
    /// 预算数.
    pub budget: Money,
    /// 预算执行数 (1–N月).
    pub spent: Money,
    pub rate: Option<Decimal>,
    /// 全年预计执行数 and 预计执行率.
    pub projected: Money,
    pub projected_rate: Option<Decimal>,
    pub light: Option<Light>,
    /// Why the money is behind, as the project's settings say.
    pub reason: Option<String>,
    pub indicators: Vec<MonitoredIndicator>,
    /// What falls short with no reason given; empty when nothing is flagged.
    pub unexplained: Vec<Unexplained>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonitoredIndicator {
    pub id: u64,
    /// 一级 / 二级 / 三级指标.
    pub tier: Tier,
    pub category: Category,
    pub name: String,
    /// 指标值.
    pub target: String,
    /// The date of the latest progress value on or before the return's
    /// date; `None` when none was reported (then every field below is empty).
    pub reported_on: Option<NaiveDate>,
    /// 绩效指标完成情况.
    pub value: Option<String>,
    /// 全年预计完成情况.
    pub projected: Option<String>,
    /// 偏差原因: its kind and its text.
    pub cause: Option<Cause>,
    pub reason: Option<String>,
    /// 完成目标可能性.
    pub likelihood: Option<Likelihood>,
    /// 是否需要整改.
    pub rectification_needed: bool,
    /// 整改措施.
    pub rectify: Option<String>,
    /// What the progress says falls short, if anything.
    pub shortfall: Option<Shortfall>,
}

/// A shortfall that calls for a reason and has none.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Unexplained {
    /// The projected execution rate is below 100 % and the project gives no reason.
    Execution { projected_rate: Decimal },
    /// An indicator falls short and its progress gives no cause or reason.
    Indicator {
        id: u64,
        name: String,
        shortfall: Shortfall,
    },
}

pub fn monitor_return(input: MonitorInput) -> MonitorReturn {
    let projects = input
        .projects
        .iter()
        .map(|money| monitored_project(money, &input))
        .collect();
    MonitorReturn {
        department: input.department,
        year: input.year,
        as_of: input.as_of,
        through_month: input.as_of.month(),
        time_progress: input.time_progress,
        projects,
    }
}

fn monitored_project(money: &ProjectMoney, input: &MonitorInput) -> MonitoredProject {
    let indicators: Vec<MonitoredIndicator> = input
        .indicators
        .iter()
        .filter(|i| i.project == money.project)
        .map(|i| monitored_indicator(i, &input.progress, input.as_of))
        .collect();
    let reason = input
        .settings
        .get(&money.project)
        .and_then(|s| s.reason.clone());
    let projected_rate = execution_rate(money.projected, money.budget);
    let mut unexplained = Vec::new();
    if let Some(rate) = projected_rate.filter(|r| *r < Decimal::ONE_HUNDRED)
        && reason.is_none()
    {
        unexplained.push(Unexplained::Execution {
            projected_rate: rate,
        });
    }
    unexplained.extend(indicators.iter().filter_map(|i| {
        let shortfall = i.shortfall?;
        (i.cause.is_none() && i.reason.is_none()).then(|| Unexplained::Indicator {
            id: i.id,
            name: i.name.clone(),
            shortfall,
        })
    }));
    MonitoredProject {
        project: money.project.clone(),
        goal: input.facts.get(&money.project).and_then(|f| f.goal.clone()),
        budget: money.budget,
        spent: money.spent,
        rate: execution_rate(money.spent, money.budget),
        projected: money.projected,
        projected_rate,
        light: money.light,
        reason,
        indicators,
        unexplained,
    }
}

fn monitored_indicator(
    indicator: &Indicator,
    progress: &[Progress],
    as_of: NaiveDate,
) -> MonitoredIndicator {
    let reported = latest(progress, indicator.id, as_of);
    MonitoredIndicator {
        id: indicator.id,
        tier: indicator.category.tier(),
        category: indicator.category,
        name: indicator.name.clone(),
        target: indicator.target.text.clone(),
        reported_on: reported.map(|p| p.date),
        value: reported.map(|p| p.value.text.clone()),
        projected: reported.and_then(|p| p.projected.as_ref().map(|m| m.text.clone())),
        cause: reported.and_then(|p| p.cause),
        reason: reported.and_then(|p| p.reason.clone()),
        likelihood: reported.and_then(|p| p.likelihood),
        rectification_needed: reported.is_some_and(Progress::needs_rectification),
        rectify: reported.and_then(|p| p.rectify.clone()),
        shortfall: reported.and_then(|p| shortfall(indicator, p)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::indicator::Measure;
    use crate::domain::progress::{NewProgress, progress_from};

    fn m(yuan: &str) -> Money {
        yuan.parse().unwrap()
    }

    fn indicator(id: u64, project: &str, name: &str, target: &str) -> Indicator {
        Indicator {
            id,
            project: project.into(),
            category: Category::Quantity,
            name: name.into(),
            target: Measure::parse(target),
            actual: None,
            weight: 10.into(),
            deviation_reason: None,
            measures: None,
            marked_met: None,
            score: None,
            grade: None,
            updated_by: "clerk".into(),
            updated_at: chrono::Utc::now(),
        }
    }

    fn value(id: u64, date: &str, text: &str, projected: &str) -> NewProgress {
        NewProgress {
            indicator: id,
            date: date.parse().unwrap(),
            value: text.into(),
            projected: Some(projected.into()),
            cause: None,
            reason: None,
            likelihood: Some(Likelihood::Certain),
            rectify: None,
        }
    }

    /// 救援队: 1,000 of 5,000 spent by July, 4,000 projected; 办公: fully projected.
    fn input(progress: Vec<NewProgress>, reason: Option<&str>) -> MonitorInput {
        let project = |name: &str, budget, spent, projected| ProjectMoney {
            project: name.into(),
            budget: m(budget),
            spent: m(spent),
            projected: m(projected),
            light: None,
        };
        let mut settings = BTreeMap::new();
        settings.insert(
            "救援队".to_string(),
            ProjectSettings {
                reason: reason.map(str::to_string),
                ..ProjectSettings::default()
            },
        );
        let mut facts = BTreeMap::new();
        facts.insert(
            "救援队".to_string(),
            ProjectFacts {
                goal: Some("组建160人的综合应急救援队".into()),
                ..ProjectFacts::default()
            },
        );
        MonitorInput {
            department: "测试局".into(),
            year: 2021,
            as_of: "2021-07-31".parse().unwrap(),
            time_progress: "58.08".parse().unwrap(),
            projects: vec![
                project("救援队", "5000", "1000", "4000"),
                project("办公", "100", "60", "100"),
            ],
            indicators: vec![
                indicator(1, "救援队", "队员人数", "≥ 160 人"),
                indicator(2, "救援队", "驻防乡镇", "= 12 个"),
                indicator(3, "办公", "电脑", "= 5 台"),
            ],
            progress: progress
                .into_iter()
                .map(|p| progress_from(p, "clerk"))
                .collect(),
            facts,
            settings,
        }
    }

    #[test]
    fn the_latest_value_by_the_date_is_shown_with_the_projects_money_and_goal() {
        let r = monitor_return(input(
            vec![
                value(1, "2021-06-30", "100 人", "160 人"),
                value(1, "2021-07-31", "120 人", "160 人"),
                value(1, "2021-08-31", "140 人", "160 人"),
            ],
            Some("按合同进度支付"),
        ));
        assert_eq!(r.through_month, 7);
        let team = &r.projects[0];
        assert_eq!(team.goal.as_deref(), Some("组建160人的综合应急救援队"));
        assert_eq!(
            (team.rate, team.projected_rate),
            (
                Some("20.00".parse().unwrap()),
                Some("80.00".parse().unwrap())
            )
        );
        let first = &team.indicators[0];
        assert_eq!(
            (first.value.as_deref(), first.reported_on),
            (Some("120 人"), Some("2021-07-31".parse().unwrap())),
            "August's value is after the date"
        );
        assert_eq!(first.tier, Tier::Output);
        let unreported = &team.indicators[1];
        assert_eq!(
            (unreported.value.as_ref(), unreported.reported_on),
            (None, None)
        );
        assert!(!unreported.rectification_needed);
        assert_eq!(r.projects[1].goal, None);
        assert_eq!(r.projects[1].indicators.len(), 1);
    }

    #[test]
    fn a_projected_rate_below_100_without_a_reason_is_flagged_and_a_reason_clears_it() {
        let flagged = monitor_return(input(vec![], None));
        assert_eq!(
            flagged.projects[0].unexplained,
            [Unexplained::Execution {
                projected_rate: "80.00".parse().unwrap()
            }]
        );
        assert!(
            flagged.projects[1].unexplained.is_empty(),
            "100 % projected"
        );
        assert_eq!(flagged.flagged().count(), 1);
        let explained = monitor_return(input(vec![], Some("按合同进度支付")));
        assert_eq!(explained.flagged().count(), 0);
    }

    #[test]
    fn an_indicator_short_or_uncertain_is_flagged_until_a_cause_or_reason_is_given() {
        let mut uncertain = value(2, "2021-07-31", "10 个", "12 个");
        uncertain.likelihood = Some(Likelihood::Possible);
        let short = value(1, "2021-07-31", "120 人", "150 人");
        let r = monitor_return(input(vec![short.clone(), uncertain.clone()], Some("r")));
        let shortfalls: Vec<_> = r.projects[0]
            .unexplained
            .iter()
            .map(|u| match u {
                Unexplained::Indicator { id, shortfall, .. } => (*id, *shortfall),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            shortfalls,
            [(1, Shortfall::Projected), (2, Shortfall::Uncertain)]
        );
        assert!(r.projects[0].indicators[1].rectification_needed);
        let explained = |mut p: NewProgress, cause: Option<Cause>, reason: Option<&str>| {
            p.cause = cause;
            p.reason = reason.map(str::to_string);
            p
        };
        let r = monitor_return(input(
            vec![
                explained(short, Some(Cause::Staffing), None),
                explained(uncertain, None, Some("两个乡镇驻地未落实")),
            ],
            Some("r"),
        ));
        assert_eq!(r.flagged().count(), 0, "{:?}", r.projects[0].unexplained);
    }
}
