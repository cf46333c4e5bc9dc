//! `outlay review --month 2021-06`: the month-end review.

use chrono::Datelike;
use clap::Args;

use super::output::{self, Format, money, rate, table};
use super::{Context, date};
use crate::domain::Vocabulary as _;
use crate::domain::review::{Expectation, MonthReview};
use crate::error::Error;

#[derive(Args, Debug)]
pub struct ReviewArgs {
    /// The month, e.g. 2021-06 (or a date in it) [default: the current month, kept inside the year]
    #[arg(long)]
    pub month: Option<String>,
    /// A line with money left and no payment for this many days is listed as idle
    #[arg(long, default_value_t = 30)]
    pub idle_days: i64,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

pub fn run(args: &ReviewArgs, cx: &Context) -> Result<(), Error> {
    let ledger = cx.open()?;
    let month = match &args.month {
        // `2021-06` reads as its first day; any date names its month.
        Some(text) => {
            let text = text.trim();
            let as_date = if text.len() <= 7 {
                format!("{text}-01")
            } else {
                text.to_string()
            };
            date("month", &as_date)?
        }
        None => ledger.default_date(),
    };
    if !ledger.year().contains(month) {
        return Err(crate::domain::Refusal::field_in(
            "month",
            format!(
                "{} is outside fiscal year {}",
                month.format("%Y-%m"),
                ledger.year()
            ),
            format!(
                "{} 不在 {} 预算年度内",
                month.format("%Y-%m"),
                ledger.year()
            ),
        )
        .into());
    }
    let review = ledger.review(month.month(), args.idle_days)?;
    match args.format {
        Format::Json => output::json(&review),
        Format::Csv => output::csv(csv_rows(&review)),
        Format::Table => output::text(&render(&review, cx)),
    }
}

fn render(review: &MonthReview, cx: &Context) -> String {
    let (lang, unit) = (cx.lang, cx.unit);
    let mut out = format!(
        "{} {}-{:02} · {} {} · {} {}% · {} {}\n",
        lang.pick("月末执行分析", "Month-end review"),
        review.year,
        review.month,
        lang.pick("截至", "as of"),
        review.as_of,
        lang.pick("序时进度（按月）", "time progress (by month)"),
        review.time_progress,
        lang.pick("单位", "unit"),
        lang.unit(unit)
    );
    let mut lines = table(
        &[
            lang.pick("编码", "code"),
            lang.pick("名称", "name"),
            lang.pick("预算数", "budget"),
            lang.pick("已支出", "spent"),
            lang.pick("执行率", "rate"),
            lang.pick("应达进度", "expected"),
            lang.pick("差距", "gap"),
            lang.pick("已承诺未付", "committed"),
            lang.pick("状态", "status"),
        ],
        &[2, 3, 4, 5, 6, 7],
    );
    for l in &review.lines {
        let mut status = Vec::new();
        if l.overspent {
            status.push(lang.pick("超支", "overspent"));
        }
        if l.lagging {
            status.push(lang.pick("滞后", "lagging"));
        }
        if l.idle {
            status.push(lang.pick("久未支付", "idle"));
        }
        let expected = match (l.expectation, l.expected) {
            (Expectation::Schedule, Some(e)) => {
                format!("{e}% {}", lang.pick("(合同)", "(contract)"))
            }
            (Expectation::Unpaced, _) => lang.pick("不考核进度", "not paced").to_string(),
            (_, e) => rate(e),
        };
        lines.add_row(vec![
            l.code.clone(),
            l.name.clone(),
            money(l.budget, unit),
            money(l.spent, unit),
            rate(l.rate),
            expected,
            l.gap
                .map(|g| format!("{g:+}"))
                .unwrap_or_else(|| "—".into()),
            money(l.committed, unit),
            status.join(" "),
        ]);
    }
    out.push_str(&format!("{lines}\n"));
    for (title, items) in [
        (lang.pick("逾期未付", "Overdue"), &review.overdue),
        (
            lang.pick("下月到期", "Falling due next month"),
            &review.due_next_month,
        ),
    ] {
        out.push_str(&format!("{title}: {}\n", items.len()));
        for s in items {
            out.push_str(&format!(
                "  {} {} {} {} {}\n",
                s.item.line,
                s.item.contract,
                s.item.due,
                money(s.outstanding, unit),
                s.item.payee
            ));
        }
    }
    let mut flows = table(
        &[
            lang.pick("本月支付", "paid this month"),
            lang.pick("本月", "this month"),
            lang.pick("上月", "last month"),
        ],
        &[1, 2],
    );
    for f in &review.flows {
        let label = f
            .group
            .split('/')
            .map(|part| {
                crate::domain::Kind::parse(part)
                    .map(|k| lang.word(k))
                    .or_else(|_| crate::domain::Source::parse(part).map(|s| lang.word(s)))
                    .unwrap_or(lang.pick("全部", "all"))
            })
            .collect::<Vec<_>>()
            .join(" / ");
        flows.add_row(vec![
            label,
            money(f.this_month, unit),
            money(f.last_month, unit),
        ]);
    }
    out.push_str(&format!("{flows}\n"));
    out
}

/// The review's lines, one row each, machine names as header.
fn csv_rows(review: &MonthReview) -> Vec<Vec<String>> {
    let header = [
        "code",
        "name",
        "budget",
        "spent",
        "rate",
        "expected",
        "expectation",
        "gap",
        "committed",
        "lagging",
        "overspent",
        "idle",
        "last_paid",
    ];
    let mut rows = vec![header.iter().map(|h| h.to_string()).collect()];
    for l in &review.lines {
        rows.push(vec![
            l.code.clone(),
            l.name.clone(),
            l.budget.plain(),
            l.spent.plain(),
            l.rate.map(|r| r.to_string()).unwrap_or_default(),
            l.expected.map(|e| e.to_string()).unwrap_or_default(),
            match l.expectation {
                Expectation::Schedule => "schedule".into(),
                Expectation::TimeProportional => "time".into(),
                Expectation::Unpaced => "unpaced".into(),
            },
            l.gap.map(|g| g.to_string()).unwrap_or_default(),
            l.committed.plain(),
            l.lagging.to_string(),
            l.overspent.to_string(),
            l.idle.to_string(),
            l.last_paid.map(|d| d.to_string()).unwrap_or_default(),
        ]);
    }
    rows
}
