//! Each project's self-evaluation form (项目支出绩效自评表), cell by cell, in
//! the national layout (财预〔2020〕10号) or Sichuan's (510000_0013zp), as one
//! pure function of the report, the lines, their adjustments, the indicators
//! and what the department wrote. The rules that decide the cells:
//!
//! - 年初预算数: only the project's lines of source *initial* (as allocated), so
//!   a project funded only by supplementary money shows 0.00; 全年预算数: the
//!   budget after adjustments; 全年执行数: spent; 执行率 = spent ÷ budget.
//! - The funds rows by source (national) or by the lines' 资金性质 (Sichuan),
//!   see [`funds`].
//! - No cell is scored from nothing: an indicator without an actual value
//!   scores nothing, whatever was marked, and is listed as missing; so is a
//!   qualitative one nobody graded. A project without figures says 无数据.
//! - Scores are the national rule's ([`super::score`]); the total and grade
//!   are given once nothing is missing.

mod funds;
mod indicators;
mod limits;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::entries::Adjustment;
use super::facts::{FactField, ProjectFacts};
use super::indicator::{Category, Comparator, Indicator, Tier};
use super::line::BudgetLine;
use super::money::Money;
use super::refusal::Refusal;
use super::report::{ExecutionReport, LineRow};
use super::rules::ScoringRules;
use super::score::{Achievement, ExecutionRule, Grade};
use super::settings::ProjectSettings;
use super::summary::REASON_BELOW_RATE;
use super::vocabulary::{Vocabulary, vocabulary};

pub use funds::{FundClass, fund_class};
pub use limits::{TextLimit, form_chars, text_limits};

vocabulary! {
    /// Which form a project's self-evaluation follows.
    Layout, "layout" {
        National => "national", "全国", "national", ["国家", "全国通用"];
        Sichuan => "sichuan", "四川", "Sichuan", ["四川省", "510000_0013zp"];
    }
}

vocabulary! {
    /// A row of a form's funds block: national rows by source, Sichuan's by
    /// 资金性质.
    FundsRowKey, "row" {
        Total => "total", "年度资金总额", "total", ["总额"];
        Current => "current", "本年财政拨款", "this year's appropriation", [];
        Carryover => "carryover", "上年结转资金", "carried over", [];
        Other => "other", "其他资金", "other funds", [];
        Fiscal => "fiscal", "财政资金", "fiscal funds", [];
        SpecialAccount => "special_account", "财政专户管理资金", "special-account funds", [];
        Unit => "unit", "单位资金", "the unit's own funds", [];
    }
}

vocabulary! {
    /// What a form still lacks before it can be filed.
    Blank, "missing" {
        Figures => "figures", "无数据", "no figures", [];
        Goal => "goal", "预期目标", "expected goal", [];
        Achieved => "achieved", "实际完成情况", "what was achieved", [];
        Content => "content", "项目实施内容及过程概述", "implementation and process", [];
        Reason => "reason", "执行率低于90%的原因", "why the rate is below 90 %", [];
        Conclusion => "conclusion", "评价结论", "conclusion", [];
        Problems => "problems", "存在问题", "problems found", [];
        Improvements => "improvements", "改进措施", "improvement measures", [];
        Leader => "leader", "项目负责人", "project leader", [];
        FinanceLeader => "finance_leader", "财务负责人", "head of finance", [];
        Indicators => "indicators", "绩效指标", "indicators", [];
        Actual => "actual", "实际完成值", "actual value", [];
        Grade => "grade", "评价等级", "grade", [];
        Deviation => "deviation", "偏差原因分析", "reason for the deviation", [];
        TooLong => "too_long", "超出字数", "longer than the form holds", [];
    }
}

/// One thing a form lacks: a field of the project, or of one indicator
/// (`indicator` its id, `name` its name), or a tier with no indicator (`name`
/// the tier's code), or a text longer than the layout allows
/// ([`Blank::TooLong`]: `name` the text's field code, `chars` its length in
/// 字 as [`form_chars`] counts them, `limit` what the form holds).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Missing {
    pub field: Blank,
    pub indicator: Option<u64>,
    pub name: Option<String>,
    #[serde(default)]
    pub chars: Option<usize>,
    #[serde(default)]
    pub limit: Option<usize>,
}

impl Missing {
    fn of(field: Blank) -> Missing {
        Missing {
            field,
            indicator: None,
            name: None,
            chars: None,
            limit: None,
        }
    }

    /// For a [`Blank::TooLong`] entry of a form in `layout`: the limit it
    /// breaks and the text's length in 字.
    pub fn too_long(&self, layout: Layout) -> Option<(TextLimit, usize)> {
        if self.field != Blank::TooLong {
            return None;
        }
        let field = Blank::parse(self.name.as_deref()?).ok()?;
        let limit = text_limits(layout).iter().find(|l| l.field == field)?;
        Some((*limit, self.chars?))
    }
}

/// One row of the funds block (its JSON names are a contract).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundsRow {
    pub row: FundsRowKey,
    pub initial: Money,
    pub budget: Money,
    pub spent: Money,
    pub rate: Option<Decimal>,
}

/// 项目资金 / 预算执行情况 (its JSON names are a contract).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormFunds {
    /// 年初预算数: the project's initial lines as allocated.
    pub initial: Money,
    /// 全年预算数 / 调整后预算数.
    pub budget: Money,
    /// 全年执行数 / 预算执行数.
    pub spent: Money,
    /// 执行率, percent with two decimals; none without a budget.
    pub rate: Option<Decimal>,
    /// 分值 / 权重: the execution weight.
    pub weight: Decimal,
    /// 得分; none for a project without figures.
    pub score: Option<Decimal>,
    /// 原因: why the money is not fully spent.
    pub reason: Option<String>,
    pub rows: Vec<FundsRow>,
}

/// An in-year 追加/调减 of one of the project's lines, with its reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormAdjustment {
    pub date: NaiveDate,
    pub line: String,
    pub doc: String,
    /// What the project's line gained (negative: lost, also when money moved
    /// from it to another line).
    pub amount: Money,
    pub reason: String,
}

/// 年度总体目标.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goals {
    pub expected: Option<String>,
    pub achieved: Option<String>,
}

/// One row of the indicator block (its JSON names are a contract).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormIndicator {
    pub id: u64,
    /// 一级指标.
    pub tier: Tier,
    /// 二级指标.
    pub category: Category,
    /// 三级指标.
    pub name: String,
    /// 指标性质 (=, ≥, ≤); none for a qualitative target.
    pub nature: Option<Comparator>,
    /// 指标值 without its comparator and unit: a number or a date.
    pub value: Option<String>,
    /// 度量单位.
    pub unit: Option<String>,
    /// 年度指标值 as written.
    pub target: String,
    /// 实际完成值 as written.
    pub actual: Option<String>,
    /// 分值 / 权重 on the form: the indicator's share of its tier's weight.
    pub weight: Decimal,
    /// 得分; none while it is missing something.
    pub score: Option<Decimal>,
    pub achievement: Achievement,
    /// 偏差原因分析 / 未完成原因分析.
    pub deviation: Option<String>,
    /// 改进措施.
    pub measures: Option<String>,
}

/// A project's form (its JSON names are a contract; see README).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectForm {
    pub project: String,
    /// 项目编码 of its first line that carries one.
    pub project_code: Option<String>,
    /// 主管部门.
    pub department: String,
    /// 实施单位: the department unless the project names another.
    pub implementer: String,
    pub layout: Layout,
    pub year: i32,
    pub as_of: NaiveDate,
    pub funds: FormFunds,
    pub adjustments: Vec<FormAdjustment>,
    pub goals: Goals,
    /// 项目实施内容及过程概述 (Sichuan).
    pub content: Option<String>,
    pub indicators: Vec<FormIndicator>,
    /// 总分 / 合计, once nothing is missing; none before, and for a project
    /// without figures (无数据).
    pub total: Option<Decimal>,
    /// The points the scored cells earn so far; none without figures.
    pub scored: Option<Decimal>,
    pub grade: Option<Grade>,
    /// 评价结论, 存在问题, 改进措施, 项目负责人, 财务负责人 (Sichuan).
    pub conclusion: Option<String>,
    pub problems: Option<String>,
    pub improvements: Option<String>,
    pub leader: Option<String>,
    pub finance_leader: Option<String>,
    pub missing: Vec<Missing>,
}

impl ProjectForm {
    /// The ledger holds no money for it: the form says 无数据.
    pub fn no_data(&self) -> bool {
        self.missing.iter().any(|m| m.field == Blank::Figures)
    }
}

/// Everything [`project_forms`] needs, read as of the forms' date.
#[derive(Clone, Debug)]
pub struct FormInput {
    pub department: String,
    pub layout: Layout,
    pub report: ExecutionReport,
    /// Every line, for what the report's rows do not carry (资金性质, 项目编码).
    pub lines: Vec<BudgetLine>,
    pub adjustments: Vec<Adjustment>,
    pub indicators: Vec<Indicator>,
    /// A project missing here has the default weights and no reason.
    pub settings: BTreeMap<String, ProjectSettings>,
    /// A project missing here has written nothing.
    pub facts: BTreeMap<String, ProjectFacts>,
    pub rule: ExecutionRule,
    /// Grade bands, qualitative bands and the `=` rule.
    pub rules: ScoringRules,
}

fn two_decimals(mut value: Decimal) -> Decimal {
    value.rescale(2);
    value
}

/// Every project's form, in the report's order of projects.
pub fn project_forms(input: &FormInput) -> Vec<ProjectForm> {
    let by_code: BTreeMap<&str, &BudgetLine> =
        input.lines.iter().map(|l| (l.code.as_str(), l)).collect();
    input
        .report
        .projects
        .iter()
        .map(|project| {
            let name = project.project.as_str();
            let rows: Vec<(&LineRow, Option<&BudgetLine>)> = input
                .report
                .lines
                .iter()
                .filter(|l| l.project.as_deref() == Some(name))
                .map(|l| (l, by_code.get(l.code.as_str()).copied()))
                .collect();
            project_form(input, name, &rows)
        })
        .collect()
}

fn project_form(
    input: &FormInput,
    project: &str,
    rows: &[(&LineRow, Option<&BudgetLine>)],
) -> ProjectForm {
    let settings = input.settings.get(project).cloned().unwrap_or_default();
    let facts = input.facts.get(project).cloned().unwrap_or_default();
    let layout = input.layout;
    let mut missing = Vec::new();

    let mut funds = funds::funds(layout, rows, &settings);
    let no_data = funds.budget.is_zero() && funds.spent.is_zero();
    if no_data {
        missing.push(Missing::of(Blank::Figures));
    }
    let own: Vec<&Indicator> = input
        .indicators
        .iter()
        .filter(|i| i.project == project)
        .collect();
    let scored = indicators::score(
        &own,
        funds.rate,
        &settings.weights,
        input.rule,
        &input.rules,
    );
    funds.score = (!no_data).then_some(scored.score.execution);

    let wanted: &[(FactField, Blank)] = match layout {
        Layout::National => &[
            (FactField::Goal, Blank::Goal),
            (FactField::Achieved, Blank::Achieved),
        ],
        Layout::Sichuan => &[
            (FactField::Goal, Blank::Goal),
            (FactField::Achieved, Blank::Achieved),
            (FactField::Content, Blank::Content),
            (FactField::Conclusion, Blank::Conclusion),
            (FactField::Problems, Blank::Problems),
            (FactField::Improvements, Blank::Improvements),
            (FactField::Leader, Blank::Leader),
            (FactField::FinanceLeader, Blank::FinanceLeader),
        ],
    };
    missing.extend(
        wanted
            .iter()
            .filter(|(field, _)| facts.get(*field).is_none())
            .map(|(_, blank)| Missing::of(*blank)),
    );
    // Sichuan's form: a rate below 90 % gives its reason.
    if layout == Layout::Sichuan
        && funds.reason.is_none()
        && funds.rate.is_some_and(|r| r < REASON_BELOW_RATE)
    {
        missing.push(Missing::of(Blank::Reason));
    }
    // Sichuan's boxes hold so many 字: a longer text is printed whole and
    // listed, for the clerk to shorten.
    missing.extend(limits::over_limits(layout, |field| match field {
        Blank::Goal => facts.goal.as_deref(),
        Blank::Achieved => facts.achieved.as_deref(),
        Blank::Reason => funds.reason.as_deref(),
        Blank::Conclusion => facts.conclusion.as_deref(),
        Blank::Problems => facts.problems.as_deref(),
        Blank::Improvements => facts.improvements.as_deref(),
        _ => None,
    }));
    missing.extend(scored.missing);

    let codes: Vec<&str> = rows.iter().map(|(l, _)| l.code.as_str()).collect();
    let complete = scored.score.unscored == 0 && scored.score.empty_tiers.is_empty();
    ProjectForm {
        project: project.to_string(),
        project_code: rows
            .iter()
            .filter_map(|(_, line)| line.and_then(|l| l.refs.project_code.clone()))
            .find(|c| !c.trim().is_empty()),
        department: input.department.clone(),
        implementer: facts
            .implementer
            .clone()
            .unwrap_or_else(|| input.department.clone()),
        layout,
        year: input.report.year,
        as_of: input.report.as_of,
        funds,
        adjustments: adjustments(&input.adjustments, &codes, input.report.as_of),
        goals: Goals {
            expected: facts.goal,
            achieved: facts.achieved,
        },
        content: facts.content,
        indicators: scored.rows,
        total: (!no_data && complete).then_some(scored.score.total),
        scored: (!no_data).then_some(scored.score.total),
        grade: scored.score.grade.filter(|_| !no_data),
        conclusion: facts.conclusion,
        problems: facts.problems,
        improvements: facts.improvements,
        leader: facts.leader,
        finance_leader: facts.finance_leader,
        missing,
    }
}

/// The adjustments of the project's lines dated by `as_of`, in date order;
/// money moved from one of its lines to another line counts against it.
fn adjustments(all: &[Adjustment], codes: &[&str], as_of: NaiveDate) -> Vec<FormAdjustment> {
    let mut out: Vec<FormAdjustment> = all
        .iter()
        .filter(|a| a.date <= as_of)
        .flat_map(|a| {
            let to = codes
                .contains(&a.line.as_str())
                .then(|| (a.line.clone(), a.amount));
            let from = a
                .from_line
                .as_deref()
                .filter(|f| codes.contains(f))
                .map(|f| (f.to_string(), -a.amount));
            to.into_iter()
                .chain(from)
                .map(|(line, amount)| FormAdjustment {
                    date: a.date,
                    line,
                    doc: a.doc_no.clone(),
                    amount,
                    reason: a.reason.clone(),
                })
        })
        .collect();
    out.sort_by_key(|a| a.date);
    out
}

/// The forms of the projects named (by name or 项目编码), in the order named;
/// all of them when none is named. A name no project has is refused.
pub fn select(forms: Vec<ProjectForm>, wanted: &[String]) -> Result<Vec<ProjectForm>, Refusal> {
    if wanted.is_empty() {
        return Ok(forms);
    }
    wanted
        .iter()
        .map(|w| {
            let w = w.trim();
            forms
                .iter()
                .find(|f| f.project == w || f.project_code.as_deref() == Some(w))
                .cloned()
                .ok_or_else(|| {
                    Refusal::field_in(
                        "project",
                        format!(
                            "no project is named or coded '{w}' (see `outlay project settings`)"
                        ),
                        format!("没有名称或编码为“{w}”的项目（见 `outlay project settings`）"),
                    )
                })
        })
        .collect()
}
