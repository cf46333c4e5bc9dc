//! `outlay report`: the execution report as a table, JSON (a contract other
//! tools read) or CSV.

use clap::Args;

use super::output::{self, Amounts, Format, money, rate, table};
use super::{Context, as_of_in};
use crate::domain::report::{ExecutionReport, GroupFigures, LineRow, OverdueRow};
use crate::domain::{Money, Unit, Vocabulary};
use crate::error::Error;

#[derive(Args, Debug, Default)]
pub struct ReportArgs {
    /// Report as the year stood on this date [default: today, kept inside the fiscal year]
    #[arg(long)]
    pub as_of: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

pub fn run(args: &ReportArgs, cx: &Context) -> Result<(), Error> {
    let ledger = cx.open()?;
    let as_of = as_of_in(ledger.year(), args.as_of.as_deref())?;
    let report = ledger.report(as_of)?;
    match args.format {
        Format::Json => output::json(&report),
        Format::Csv => output::csv(csv_rows(&report, cx.unit)),
        Format::Table => {
            let info = ledger.info()?;
            output::text(&render_table(&report, &info.department, cx))?;
            Ok(())
        }
    }
}

/// The groups shown in the table, in the order a finance reader expects.
const TABLE_GROUPS: [(&str, &str, &str); 9] = [
    ("all", "全部", "all"),
    ("basic", "基本支出", "basic"),
    ("basic/initial", "　年初", "  initial"),
    ("basic/supplementary", "　追加", "  supplementary"),
    ("project", "项目支出", "project"),
    ("project/initial", "　年初", "  initial"),
    ("project/supplementary", "　追加", "  supplementary"),
    ("project/carryover", "　上年结转", "  carry-over"),
    (
        "source/supplementary",
        "追加（基本+项目）",
        "supplementary (all)",
    ),
];

pub fn render_table(report: &ExecutionReport, department: &str, cx: &Context) -> String {
    let lang = cx.lang;
    let unit_label = lang.unit(cx.unit);
    let mut out = format!(
        "{department} · {} {} · {} {} · {} {}% · {} {}\n",
        report.year,
        lang.pick("年度", "fiscal year"),
        lang.pick("截至", "as of"),
        report.as_of,
        lang.pick("序时进度", "time progress"),
        report.time_progress,
        lang.pick("单位", "unit"),
        unit_label,
    );

    let mut groups = table(
        &[
            lang.pick("分组", "group"),
            lang.pick("下达数", "allocated"),
            lang.pick("预算数", "budget"),
            lang.pick("已支出", "spent"),
            lang.pick("执行率", "rate"),
            lang.pick("进度", "pace"),
            lang.pick("预警", "light"),
            lang.pick("预计执行率", "projected"),
        ],
        &[1, 2, 3, 4, 7],
    );
    let shown: Vec<_> = TABLE_GROUPS
        .iter()
        .filter_map(|&(key, zh, en)| report.group(key).map(|g| (g, zh, en)))
        .collect();
    // every amount of a column with the decimals the column needs
    let column =
        |f: fn(&GroupFigures) -> Money| Amounts::of(shown.iter().map(|(g, _, _)| f(g)), cx.unit);
    let (allocated, budget, spent) = (
        column(|g| g.allocated),
        column(|g| g.budget),
        column(|g| g.spent),
    );
    for &(g, zh, en) in &shown {
        groups.add_row(vec![
            lang.pick(zh, en).to_string(),
            allocated.cell(g.allocated),
            budget.cell(g.budget),
            spent.cell(g.spent),
            rate(g.rate),
            lang.pace(report.pace_of(g)).to_string(),
            lang.light(g.light, g.light_ratio),
            rate(g.projected_rate),
        ]);
    }
    out.push_str(&format!("{groups}\n"));
    if let Some(checkpoint) = &report.checkpoint {
        out.push_str(&format!(
            "{}{}\n",
            lang.pick("进度节点：", "Checkpoint: "),
            lang.checkpoint(checkpoint, cx.unit)
        ));
    }

    let mut lines = table(
        &[
            lang.pick("编码", "code"),
            lang.pick("名称", "name"),
            lang.pick("类型", "kind"),
            lang.pick("来源", "source"),
            lang.pick("级次", "level"),
            lang.pick("预算数", "budget"),
            lang.pick("已支出", "spent"),
            lang.pick("结余", "remaining"),
            lang.pick("执行率", "rate"),
            lang.pick("进度", "pace"),
            lang.pick("预警", "light"),
            lang.pick("预计执行率", "projected"),
        ],
        &[5, 6, 7, 8, 11],
    );
    let column = |f: fn(&LineRow) -> Money| Amounts::of(report.lines.iter().map(f), cx.unit);
    let (budget, spent, remaining) = (
        column(|l| l.budget),
        column(|l| l.spent),
        column(|l| l.remaining),
    );
    for row in &report.lines {
        lines.add_row(super::output::row([
            row.code.clone(),
            row.name.clone(),
            lang.word(row.kind).to_string(),
            lang.word(row.source).to_string(),
            lang.word(row.level).to_string(),
            budget.cell(row.budget),
            spent.cell(row.spent),
            remaining.cell(row.remaining),
            rate(row.rate),
            lang.pace(report.line_pace(row)).to_string(),
            lang.light(row.light, row.light_ratio),
            rate(row.projected_rate),
        ]));
    }
    out.push_str(&format!("{lines}\n"));

    if report.overdue.is_empty() {
        out.push_str(lang.pick(
            "无逾期未付的合同款。\n",
            "No contract payment is overdue.\n",
        ));
    } else {
        out.push_str(&format!(
            "{} {} {} {}\n",
            lang.pick("逾期未付合同款", "Overdue contract payments:"),
            report.overdue.len(),
            lang.noun(
                report.overdue.len(),
                "笔，合计",
                "item, outstanding",
                "items, outstanding"
            ),
            money(report.overdue_total(), cx.unit)
        ));
        let mut overdue = table(
            &[
                lang.pick("指标", "line"),
                lang.pick("合同", "contract"),
                lang.pick("收款人", "payee"),
                lang.pick("到期日", "due"),
                lang.pick("应付", "amount"),
                lang.pick("已付", "paid"),
                lang.pick("未付", "outstanding"),
                lang.pick("逾期天数", "days overdue"),
            ],
            &[4, 5, 6, 7],
        );
        let column =
            |f: fn(&OverdueRow) -> Money| Amounts::of(report.overdue.iter().map(f), cx.unit);
        let (amount, paid, outstanding) = (
            column(|o| o.amount),
            column(|o| o.paid),
            column(|o| o.outstanding),
        );
        for o in &report.overdue {
            overdue.add_row(super::output::row([
                o.line.clone(),
                o.contract.clone(),
                o.payee.clone(),
                o.due.to_string(),
                amount.cell(o.amount),
                paid.cell(o.paid),
                outstanding.cell(o.outstanding),
                o.days_overdue.to_string(),
            ]));
        }
        out.push_str(&format!("{overdue}\n"));
    }
    out
}

/// The lines of the report with the JSON contract's field names as header,
/// amounts plain in `unit` as the review's CSV has them: in 元 as the JSON
/// writes them; in 万元 with every amount of a column at the decimals the
/// column needs, under a header naming the unit (`budget_wan`), so that
/// nothing reading `budget` as yuan takes 万元 for it.
fn csv_rows(report: &ExecutionReport, unit: Unit) -> Vec<Vec<String>> {
    let header = [
        "code",
        "name",
        "kind",
        "source",
        "level",
        "econ_class",
        "project",
        "allocated",
        "budget",
        "spent",
        "remaining",
        "rate",
        "rate_allocated",
        "lagging",
        "overspent",
        "paced",
        "expected",
        "light",
        "light_ratio",
        "projected",
        "projected_rate",
    ];
    let amounts = ["allocated", "budget", "spent", "remaining", "projected"];
    let header = header.iter().map(|&h| match unit {
        Unit::Wan if amounts.contains(&h) => format!("{h}_wan"),
        _ => h.to_string(),
    });
    let column = |f: fn(&LineRow) -> Money| Amounts::of(report.lines.iter().map(f), unit).plain();
    let (allocated, budget, spent, remaining, projected) = (
        column(|l| l.allocated),
        column(|l| l.budget),
        column(|l| l.spent),
        column(|l| l.remaining),
        column(|l| l.projected),
    );
    let mut rows = vec![header.collect()];
    for l in &report.lines {
        rows.push(vec![
            l.code.clone(),
            l.name.clone(),
            l.kind.code().into(),
            l.source.code().into(),
            l.level.code().into(),
            l.econ_class
                .map(|e| e.code().to_string())
                .unwrap_or_default(),
            l.project.clone().unwrap_or_default(),
            allocated.cell(l.allocated),
            budget.cell(l.budget),
            spent.cell(l.spent),
            remaining.cell(l.remaining),
            optional(l.rate),
            optional(l.rate_allocated),
            l.lagging.to_string(),
            l.overspent.to_string(),
            l.paced.to_string(),
            optional(l.expected),
            l.light.map(|x| x.code().to_string()).unwrap_or_default(),
            optional(l.light_ratio),
            projected.cell(l.projected),
            optional(l.projected_rate),
        ]);
    }
    rows
}

fn optional(value: Option<rust_decimal::Decimal>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}
