//! Subcommands that record one thing: a line, an adjustment, a payment, a
//! reversal, an instalment, an indicator, a setting.

use clap::{Args, Subcommand};

use super::{Context, amount, date, decimal, output, word};
use crate::domain::input::{
    IndicatorUpdate, NewAdjustment, NewDisbursement, NewIndicator, NewScheduleItem, Reversal,
};
use crate::domain::{BudgetLine, Category, EconClass, Kind, Level, LineRefs, PaymentRefs, Source};
use crate::error::Error;

#[derive(Subcommand, Debug)]
#[allow(clippy::large_enum_variant)] // parsed once per run
pub enum LineCommand {
    /// Add a budget line
    Add(LineAddArgs),
    /// Set whether a line is paced against time and whether it carries over at year close (admin)
    Set(super::settings::LineSetArgs),
    /// Every line's settings: paced, carry-over
    Settings(super::settings::ListFormat),
}

#[derive(Args, Debug)]
pub struct LineAddArgs {
    /// Unique code, e.g. P05
    #[arg(long)]
    pub code: String,
    /// The line's name (指标名称), as the forms print it
    #[arg(long)]
    pub name: String,
    /// basic | project (基本支出 | 项目支出)
    #[arg(long)]
    pub kind: String,
    /// initial | supplementary | carryover (年初 | 追加 | 结转)
    #[arg(long, default_value = "initial")]
    pub source: String,
    /// district | municipal | provincial | central
    #[arg(long, default_value = "district")]
    pub level: String,
    /// For basic lines: wages | goods | subsidies | capital
    #[arg(long)]
    pub econ_class: Option<String>,
    /// For project lines: the project's name [default: the line's name]
    #[arg(long)]
    pub project: Option<String>,
    /// Document number (文号)
    #[arg(long, default_value = "")]
    pub doc: String,
    /// Date allocated [default: 1 January of the fiscal year]
    #[arg(long)]
    pub date: Option<String>,
    /// Amount allocated: 1295000, 1,295,000.00 or 129.5万
    #[arg(long, allow_hyphen_values = true)]
    pub amount: String,
    /// 上级指标文号
    #[arg(long)]
    pub superior_doc: Option<String>,
    /// 支出功能分类科目, e.g. 2240106
    #[arg(long)]
    pub functional_code: Option<String>,
    /// 经济分类科目, e.g. 30201
    #[arg(long)]
    pub economic_code: Option<String>,
    /// 资金性质
    #[arg(long)]
    pub fund_type: Option<String>,
    /// 项目编码
    #[arg(long)]
    pub project_code: Option<String>,
    /// 资金年度 of a carry-over line: the year its money was first budgeted
    /// [default: the year in --doc, else the year before]
    #[arg(long, value_name = "YEAR")]
    pub origin_year: Option<i32>,
}

#[derive(Args, Debug)]
pub struct AdjustArgs {
    /// The line whose budget changes (its code, e.g. P05)
    pub line: String,
    /// Signed amount: 50000 adds, -5万 reduces
    #[arg(allow_hyphen_values = true)]
    pub amount: String,
    /// Date of the adjustment [default: today, kept inside the fiscal year]
    #[arg(long)]
    pub date: Option<String>,
    /// Document number of the adjustment (调整文号)
    #[arg(long)]
    pub doc: String,
    /// Why the budget changes (调整原因)
    #[arg(long)]
    pub reason: String,
    /// Move the money from this line (its budget falls by the same amount)
    #[arg(long = "from")]
    pub from_line: Option<String>,
    /// 批次号
    #[arg(long)]
    pub batch: Option<String>,
}

#[derive(Args, Debug)]
pub struct PayArgs {
    /// The line paid from (its code, e.g. B01)
    pub line: String,
    /// 1295000, 1,295,000.00 or 129.5万
    #[arg(allow_hyphen_values = true)]
    pub amount: String,
    /// Payment date [default: today, kept inside the fiscal year]
    #[arg(long)]
    pub date: Option<String>,
    /// Who is paid (收款人)
    #[arg(long)]
    pub payee: String,
    /// Voucher number (凭证号), unique on its line
    #[arg(long)]
    pub voucher: String,
    /// The contract this pays an instalment of
    #[arg(long)]
    pub contract: Option<String>,
    /// A note on the payment (摘要)
    #[arg(long, default_value = "")]
    pub memo: String,
    /// 支付申请编号
    #[arg(long)]
    pub request_no: Option<String>,
    /// 收款账号
    #[arg(long)]
    pub account: Option<String>,
    /// 用途
    #[arg(long)]
    pub purpose: Option<String>,
    /// Only this payment is 三公经费 or 政府采购: abroad, reception, vehicles,
    /// procurement (comma-separated; see `line set --tags` for a whole line)
    #[arg(long, value_name = "TAGS")]
    pub tags: Option<String>,
}

#[derive(Args, Debug)]
pub struct ReverseArgs {
    /// The disbursement's id (see `outlay list disbursements`)
    pub id: u64,
    /// Why it is reversed (冲销原因)
    #[arg(long)]
    pub reason: String,
    /// [default: today, kept inside the fiscal year]
    #[arg(long)]
    pub date: Option<String>,
    /// [default: the reversed voucher with -R appended]
    #[arg(long)]
    pub voucher: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum ScheduleCommand {
    /// Add a contract instalment
    Add(ScheduleAddArgs),
}

#[derive(Args, Debug)]
pub struct ScheduleAddArgs {
    /// The line the contract is paid from (its code)
    pub line: String,
    /// The instalment's amount: 1295000, 1,295,000.00 or 129.5万
    #[arg(allow_hyphen_values = true)]
    pub amount: String,
    /// The date the instalment falls due, e.g. 2021-09-30
    #[arg(long)]
    pub due: String,
    /// The contract number (合同编号); payments made with --contract count against it
    #[arg(long)]
    pub contract: String,
    /// Who is to be paid (收款人)
    #[arg(long)]
    pub payee: String,
    /// A note on the instalment
    #[arg(long, default_value = "")]
    pub memo: String,
}

#[derive(Subcommand, Debug)]
pub enum IndicatorCommand {
    /// Add a performance indicator to a project
    Add(IndicatorAddArgs),
    /// Record an indicator's actual value, deviation reason or met/not met
    Set(IndicatorSetArgs),
    /// Record how far an indicator has come on a date during the year (绩效运行监控);
    /// the same date again replaces it. List them with `outlay list progress`
    Progress(ProgressArgs),
}

#[derive(Args, Debug)]
pub struct ProgressArgs {
    /// The indicator's id (see `outlay list indicators`)
    pub id: u64,
    /// The date the value was reached by, inside the fiscal year, e.g. 2021-07-31
    #[arg(long)]
    pub date: String,
    /// How far it has come (绩效指标完成情况), as written: "120 人", "60 %", "已完成招标"
    #[arg(long)]
    pub value: String,
    /// What the whole year is expected to reach (全年预计完成情况), e.g. "160 人"
    #[arg(long)]
    pub projected: Option<String>,
    /// Kind of cause of a deviation (偏差原因): funding (经费保障) | rules (制度保障) | staffing (人员保障) | equipment (硬件保障) | other (其他)
    #[arg(long)]
    pub cause: Option<String>,
    /// The cause of the deviation in words (偏差原因分析)
    #[arg(long)]
    pub reason: Option<String>,
    /// Whether the target will be reached (完成目标可能性): certain (确定能) | possible (有可能) | impossible (完全不可能)
    #[arg(long)]
    pub likelihood: Option<String>,
    /// Rectification measures (整改措施); with them, or a likelihood other than certain, the return says 需要整改
    #[arg(long)]
    pub rectify: Option<String>,
}

#[derive(Args, Debug)]
pub struct IndicatorAddArgs {
    /// The project the indicator measures (its name, as `outlay list lines` shows it)
    #[arg(long)]
    pub project: String,
    /// quantity | quality | timeliness | cost | economic | social | ecological | sustainability | satisfaction
    #[arg(long)]
    pub category: String,
    /// The indicator's name (指标名称), e.g. "培训人次"
    #[arg(long)]
    pub name: String,
    /// e.g. "≥ 160 人", "≥ 95 %", "≤ 2021-12-31", or text
    #[arg(long)]
    pub target: String,
    /// Points in the project's score
    #[arg(long, allow_hyphen_values = true)]
    pub weight: String,
    /// The actual value reached (实际完成值), if known yet
    #[arg(long)]
    pub actual: Option<String>,
}

#[derive(Args, Debug)]
pub struct IndicatorSetArgs {
    /// The indicator's id (see `outlay list indicators`)
    pub id: u64,
    /// The actual value reached (实际完成值), e.g. "168 人"
    #[arg(long)]
    pub actual: Option<String>,
    /// Why the target was missed (偏差原因分析); `--reason` says the same
    #[arg(long, visible_alias = "reason")]
    pub deviation: Option<String>,
    /// What will be done about it (改进措施)
    #[arg(long)]
    pub measures: Option<String>,
    /// Mark the target met (when it cannot be computed)
    #[arg(long, conflicts_with = "not_met")]
    pub met: bool,
    /// Mark the target not met
    #[arg(long)]
    pub not_met: bool,
    /// A new weight: points in the project's score
    #[arg(long, allow_hyphen_values = true)]
    pub weight: Option<String>,
    /// A new target, e.g. "≥ 160 人"
    #[arg(long)]
    pub target: Option<String>,
    /// Points for a missed or qualitative indicator (0 to its weight)
    #[arg(long, allow_hyphen_values = true)]
    pub score: Option<String>,
    /// The grade recorded with --score: achieved (达成) | partly (部分达成) | not_achieved (未达成); the score must lie in its band
    #[arg(long)]
    pub grade: Option<String>,
}

#[derive(Args, Debug)]
pub struct SettingsArgs {
    /// Percentage points a line may trail time progress before it is lagging
    #[arg(long)]
    pub tolerance: Option<String>,
    /// Whether a rate above 100 % scores only the execution weight (on, the default) or more (off)
    #[arg(long, value_name = "on|off")]
    pub execution_cap: Option<String>,
    /// Lowest totals of 优, 良, 中 (national: 90,80,60)
    #[arg(long, value_name = "E,G,F")]
    pub grade_bands: Option<String>,
    /// Lowest percent of the weight a qualitative indicator earns in 达成 and 部分达成 (national: 80,60)
    #[arg(long, value_name = "A,P")]
    pub qualitative_bands: Option<String>,
    /// national: a target `= 0` is met at an actual ≤ 0, another `=` is scored like ≥; strict: equalled or nothing
    #[arg(long, value_name = "national|strict")]
    pub equal_rule: Option<String>,
    /// Warning-light bands: a ratio (rate ÷ time progress × 100) below R is red, below Y yellow, else green (national: 60,80)
    #[arg(long, value_name = "R,Y")]
    pub light_bands: Option<String>,
    /// A project line or project of at least BUDGET that is POINTS or more behind is red whatever its ratio (default: 10000000:20)
    #[arg(long, value_name = "BUDGET:POINTS")]
    pub large_line: Option<String>,
    /// Dated targets month-day:percent (default: 06-30:50,09-30:75,12-31:100); "" for none
    #[arg(long, value_name = "MM-DD:P,…")]
    pub checkpoints: Option<String>,
    /// Propose an in-year reduction (调减) for a line projected to leave more than this percent unspent (default: 10)
    #[arg(long, value_name = "PERCENT")]
    pub reduction_share: Option<String>,
}

fn some_text(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

pub fn line(command: LineCommand, cx: &Context) -> Result<(), Error> {
    match command {
        LineCommand::Add(a) => add_line(a, cx),
        LineCommand::Set(a) => super::settings::line_set(a, cx),
        LineCommand::Settings(a) => super::settings::line_list(a, cx),
    }
}

fn add_line(a: LineAddArgs, cx: &Context) -> Result<(), Error> {
    let ledger = cx.open()?;
    let kind: Kind = word(&a.kind)?;
    let line = BudgetLine {
        econ_class: a.econ_class.as_deref().map(word::<EconClass>).transpose()?,
        project: match kind {
            Kind::Project => {
                Some(some_text(a.project).unwrap_or_else(|| a.name.trim().to_string()))
            }
            Kind::Basic => some_text(a.project),
        },
        code: a.code.trim().to_string(),
        name: a.name.trim().to_string(),
        kind,
        source: word::<Source>(&a.source)?,
        level: word::<Level>(&a.level)?,
        doc_no: a.doc.trim().to_string(),
        allocated_on: a
            .date
            .as_deref()
            .map(|d| date("date", d))
            .transpose()?
            .unwrap_or(ledger.year().first_day()),
        allocated: amount("amount", &a.amount)?,
        refs: LineRefs {
            superior_doc_no: some_text(a.superior_doc),
            functional_code: some_text(a.functional_code),
            economic_code: some_text(a.economic_code),
            fund_type: some_text(a.fund_type),
            project_code: some_text(a.project_code),
            origin_year: a.origin_year,
        },
    };
    let line = ledger.add_line(line)?;
    output::line(&format!(
        "{} {} {} {}",
        cx.lang.pick("已添加预算指标", "Added budget line"),
        line.code,
        line.name,
        line.allocated.display(cx.unit)
    ))?;
    Ok(())
}

pub fn adjust(a: AdjustArgs, cx: &Context) -> Result<(), Error> {
    let ledger = cx.open()?;
    let adjustment = ledger.adjust(NewAdjustment {
        line: a.line.trim().to_string(),
        date: a
            .date
            .as_deref()
            .map(|d| date("date", d))
            .transpose()?
            .unwrap_or_else(|| ledger.default_date()),
        amount: amount("amount", &a.amount)?,
        doc_no: a.doc,
        reason: a.reason,
        batch_no: some_text(a.batch),
        from_line: some_text(a.from_line),
    })?;
    output::line(&format!(
        "{} #{} {} {} ({})",
        cx.lang.pick("已记录调整", "Recorded adjustment"),
        adjustment.id,
        adjustment.line,
        adjustment.amount.display(cx.unit),
        adjustment.date
    ))?;
    Ok(())
}

pub fn pay(a: PayArgs, cx: &Context) -> Result<(), Error> {
    let ledger = cx.open()?;
    let outcome = ledger.pay(NewDisbursement {
        line: a.line.trim().to_string(),
        date: a
            .date
            .as_deref()
            .map(|d| date("date", d))
            .transpose()?
            .unwrap_or_else(|| ledger.default_date()),
        amount: amount("amount", &a.amount)?,
        payee: a.payee,
        voucher: a.voucher.trim().to_string(),
        memo: a.memo,
        contract: some_text(a.contract),
        refs: PaymentRefs {
            request_no: some_text(a.request_no),
            payee_account: some_text(a.account),
            purpose: some_text(a.purpose),
        },
        tags: match &a.tags {
            Some(text) => super::tags(text)?,
            None => Default::default(),
        },
    })?;
    let d = &outcome.disbursement;
    output::line(&format!(
        "{} #{} {} {} {} {} ({})",
        cx.lang.pick("已记录支付", "Recorded disbursement"),
        d.id,
        d.line,
        d.amount.display(cx.unit),
        cx.lang.pick("收款人", "to"),
        d.payee,
        d.date
    ))?;
    for warning in &outcome.warnings {
        eprintln!(
            "{}: {}",
            cx.lang.pick("警告", "warning"),
            output::escape(&cx.lang.warning(warning))
        );
    }
    Ok(())
}

pub fn reverse(a: ReverseArgs, cx: &Context) -> Result<(), Error> {
    let ledger = cx.open()?;
    let reversal = ledger.reverse(Reversal {
        id: a.id,
        reason: a.reason,
        date: a.date.as_deref().map(|d| date("date", d)).transpose()?,
        voucher: some_text(a.voucher),
    })?;
    output::line(&format!(
        "{} #{} → #{} {} {}",
        cx.lang.pick("已冲销", "Reversed"),
        a.id,
        reversal.id,
        reversal.line,
        reversal.amount.display(cx.unit)
    ))?;
    Ok(())
}

pub fn schedule(command: ScheduleCommand, cx: &Context) -> Result<(), Error> {
    let ScheduleCommand::Add(a) = command;
    let ledger = cx.open()?;
    let item = ledger.add_schedule_item(NewScheduleItem {
        line: a.line.trim().to_string(),
        contract: a.contract,
        payee: a.payee,
        due: date("due", &a.due)?,
        amount: amount("amount", &a.amount)?,
        memo: a.memo,
    })?;
    output::line(&format!(
        "{} #{} {} {} {} {}",
        cx.lang.pick("已添加支付计划", "Added instalment"),
        item.id,
        item.contract,
        item.amount.display(cx.unit),
        cx.lang.pick("到期", "due"),
        item.due
    ))?;
    Ok(())
}

pub fn indicator(command: IndicatorCommand, cx: &Context) -> Result<(), Error> {
    let ledger = cx.open()?;
    let indicator = match command {
        IndicatorCommand::Progress(a) => return super::progress::record(&ledger, a, cx),
        IndicatorCommand::Add(a) => ledger.add_indicator(NewIndicator {
            project: a.project,
            category: word::<Category>(&a.category)?,
            name: a.name,
            target: a.target,
            weight: decimal("weight", &a.weight)?,
            actual: a.actual,
        })?,
        IndicatorCommand::Set(a) => ledger.update_indicator(IndicatorUpdate {
            id: a.id,
            actual: a.actual,
            deviation_reason: a.deviation,
            measures: a.measures,
            marked_met: if a.met {
                Some(true)
            } else if a.not_met {
                Some(false)
            } else {
                None
            },
            weight: a
                .weight
                .as_deref()
                .map(|w| decimal("weight", w))
                .transpose()?,
            target: a.target,
            score: a
                .score
                .as_deref()
                .map(|s| decimal("score", s))
                .transpose()?,
            grade: a
                .grade
                .as_deref()
                .map(word::<crate::domain::rules::Band>)
                .transpose()?,
        })?,
    };
    output::line(&format!(
        "{} #{} {} · {} {} · {} {}",
        cx.lang.pick("绩效指标", "Indicator"),
        indicator.id,
        indicator.name,
        cx.lang.pick("目标", "target"),
        indicator.target.text,
        cx.lang.pick("实际", "actual"),
        indicator.actual.as_ref().map_or("—", |a| a.text.as_str())
    ))?;
    Ok(())
}

pub fn settings(a: SettingsArgs, cx: &Context) -> Result<(), Error> {
    let ledger = cx.open()?;
    let cap = a
        .execution_cap
        .as_deref()
        .map(|text| super::settings::switch("execution_cap", text))
        .transpose()?;
    let tolerance = a
        .tolerance
        .as_deref()
        .map(|t| decimal("tolerance", t))
        .transpose()?;
    let rules = super::scoring::wanted(&a, &ledger)?;
    let monitoring = super::monitoring_rules::wanted(&a, &ledger)?;
    if let Some(t) = tolerance {
        ledger.set_tolerance(t)?;
    }
    if let Some(capped) = cap {
        ledger.set_execution_cap(capped)?;
    }
    if let Some(rules) = rules {
        ledger.set_scoring_rules(rules)?;
    }
    if let Some(rules) = monitoring {
        ledger.set_monitoring_rules(rules)?;
    }
    let info = ledger.info()?;
    output::line(&format!(
        "{}: {} · {} {}",
        cx.lang.pick("部门", "department"),
        info.department,
        cx.lang.pick("年度", "year"),
        info.year
    ))?;
    output::line(&format!(
        "{}: {}",
        cx.lang
            .pick("滞后容差（百分点）", "lagging tolerance (points)"),
        info.tolerance
    ))?;
    output::line(&format!(
        "{}: {}",
        cx.lang.pick(
            "执行率得分以权重为上限",
            "execution points capped at the weight"
        ),
        super::settings::on_off(cx.lang, info.execution_capped)
    ))?;
    output::line(&super::scoring::describe(cx.lang, &ledger.scoring_rules()?))?;
    output::line(&super::monitoring_rules::describe(
        cx.lang,
        &ledger.monitoring_rules()?,
    ))
}
