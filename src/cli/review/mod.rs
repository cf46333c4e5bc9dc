//! `outlay review --month 2021-06`: the month-end review as a table, as
//! Markdown to paste into a report, as CSV for a spreadsheet, or as JSON for
//! other programs. Table, Markdown and CSV speak `--lang` and show amounts in
//! `--unit`; JSON is the language-neutral contract.

use chrono::Datelike;
use clap::Args;

use super::output::{self, Amounts, money, rate};
use super::{Context, date};
use crate::document::{Document, Table, to_csv, to_markdown, to_text};
use crate::domain::monitoring::Light;
use crate::domain::review::{
    DEFAULT_IDLE_DAYS, Expectation, MonthFlow, MonthReview, ReviewLine, ReviewProject,
};
use crate::domain::schedule::InstalmentStatus;
use crate::domain::{Kind, Money, Source, Unit, Vocabulary as _};
use crate::error::Error;
use crate::i18n::Lang;

mod monitoring;

/// The review's own formats: only a document has a Markdown form.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ReviewFormat {
    #[default]
    Table,
    Json,
    Csv,
    /// Markdown: headings and tables to paste into a report
    Md,
}

#[derive(Args, Debug)]
pub struct ReviewArgs {
    /// The month, e.g. 2021-06 (or a date in it) [default: the current month, kept inside the year]
    #[arg(long)]
    pub month: Option<String>,
    /// A line with money left and no payment for this many days is listed as idle
    #[arg(long, default_value_t = DEFAULT_IDLE_DAYS)]
    pub idle_days: i64,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: ReviewFormat,
}

pub fn run(args: &ReviewArgs, cx: &Context) -> Result<(), Error> {
    let ledger = cx.open()?;
    let month = match &args.month {
        // `2021-06` reads as its first day; any date names its month.
        Some(text) => {
            let text = text.trim();
            if text.chars().count() <= 7 {
                date("month", &format!("{text}-01")).map_err(|_| {
                    crate::domain::Refusal::field_in(
                        "month",
                        format!("'{text}' is not a month (write e.g. 2021-06)"),
                        format!("“{text}”不是月份（可写 2021-06）"),
                    )
                })?
            } else {
                date("month", text)?
            }
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
    let words = Words {
        lang: cx.lang,
        unit: cx.unit,
        plain: args.format == ReviewFormat::Csv,
    };
    match args.format {
        ReviewFormat::Json => output::json(&review),
        ReviewFormat::Csv => output::bytes(&to_csv(&spreadsheet(&review, words))),
        ReviewFormat::Table => output::text(&to_text(&document(
            &review,
            &ledger.info()?.department,
            words,
        ))),
        ReviewFormat::Md => output::text(&to_markdown(&document(
            &review,
            &ledger.info()?.department,
            words,
        ))),
    }
}

/// The user's language and unit, which every label and amount follows.
#[derive(Clone, Copy)]
pub(super) struct Words {
    lang: Lang,
    unit: Unit,
    /// Amounts without grouping, for spreadsheets.
    plain: bool,
}

impl Words {
    fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        self.lang.pick(zh, en)
    }

    fn money(self, m: Money) -> String {
        if self.plain {
            m.plain_in(self.unit)
        } else {
            money(m, self.unit)
        }
    }

    /// The column of `values` in the user's unit: every cell with the
    /// decimals the column needs, plain for a spreadsheet.
    fn column(self, values: impl IntoIterator<Item = Money>) -> Amounts {
        let column = Amounts::of(values, self.unit);
        if self.plain { column.plain() } else { column }
    }

    /// A header naming its unit: `预算数（万元）`, `budget (yuan)`.
    fn in_unit(self, zh: &'static str, en: &'static str) -> String {
        match self.lang {
            Lang::Zh => format!("{zh}（{}）", self.lang.unit(self.unit)),
            Lang::En => format!("{en} ({})", self.lang.unit(self.unit)),
        }
    }

    fn yes_no(self, yes: bool) -> &'static str {
        if yes {
            self.pick("是", "yes")
        } else {
            self.pick("否", "no")
        }
    }
}

/// A titled table of the review, before it joins the document.
pub(super) struct Sheet {
    title: String,
    headers: Vec<String>,
    /// Columns aligned right: figures.
    right: Vec<usize>,
    rows: Vec<Vec<String>>,
}

/// `攀枝花市…局 · 2021-06 月末执行分析`: what the review is of.
fn title(review: &MonthReview, department: &str, w: Words) -> String {
    format!(
        "{department} · {}-{:02} {}",
        review.year,
        review.month,
        w.pick("月末执行分析", "month-end review")
    )
}

/// The date, time progress and unit the figures are read against.
fn facts(review: &MonthReview, w: Words) -> String {
    format!(
        "{} {} · {} {}% · {} {}",
        w.pick("截至", "as of"),
        review.as_of,
        w.pick("序时进度（按月）", "time progress (by month)"),
        review.time_progress,
        w.pick("单位", "unit"),
        w.lang.unit(w.unit)
    )
}

/// How many items need attention, in one line.
fn counts(review: &MonthReview, w: Words) -> String {
    let overspent = review.lines.iter().filter(|l| l.overspent).count();
    let red = review
        .lines
        .iter()
        .filter(|l| l.light == Some(Light::Red))
        .count();
    let (item, items) = (w.pick(" 项", ""), w.pick(" 笔", ""));
    format!(
        "{} {red}{item} · {} {}{item} · {} {overspent}{item} · {} {}{item} · {} {}{items} · {} {}{items}",
        w.pick("红灯", "red lights"),
        w.pick("滞后", "lagging"),
        review.lagging().count(),
        w.pick("超支", "overspent"),
        w.pick("久未支付", "idle"),
        review.idle().count(),
        w.pick("逾期未付", "overdue"),
        review.overdue.len(),
        w.pick("下月到期", "due next month"),
        review.due_next_month.len(),
    )
}

fn lines_sheet(review: &MonthReview, w: Words) -> Sheet {
    let column = |f: fn(&ReviewLine) -> Money| w.column(review.lines.iter().map(f));
    let columns = (
        column(|l| l.budget),
        column(|l| l.spent),
        column(|l| l.committed),
    );
    Sheet {
        title: w
            .pick("各指标执行进度（滞后在前）", "Lines (lagging first)")
            .into(),
        headers: [
            w.pick("编码", "code"),
            w.pick("名称", "name"),
            w.pick("预算数", "budget"),
            w.pick("已支出", "spent"),
            w.pick("执行率", "rate"),
            w.pick("应达进度", "expected"),
            w.pick("差距", "gap"),
            w.pick("预警", "light"),
            w.pick("预计执行率", "projected"),
            w.pick("已承诺未付", "committed"),
            w.pick("最近支付", "last paid"),
            w.pick("状态", "status"),
        ]
        .map(String::from)
        .to_vec(),
        right: vec![2, 3, 4, 5, 6, 8, 9],
        rows: review
            .lines
            .iter()
            .map(|l| {
                let (budget, spent, committed) = columns;
                let expected = match (l.expectation, l.expected) {
                    (Expectation::Schedule, Some(e)) => {
                        format!("{e}% {}", w.pick("(合同)", "(contract)"))
                    }
                    (Expectation::Unpaced, _) => w.pick("不考核进度", "not paced").to_string(),
                    (_, e) => rate(e),
                };
                vec![
                    l.code.clone(),
                    l.name.clone(),
                    budget.cell(l.budget),
                    spent.cell(l.spent),
                    rate(l.rate),
                    expected,
                    l.gap.map_or_else(|| "—".into(), |g| format!("{g:+}")),
                    w.lang.light(l.light, l.light_ratio),
                    rate(l.projected_rate),
                    committed.cell(l.committed),
                    l.last_paid.map_or_else(|| "—".into(), |d| d.to_string()),
                    w.lang.review_status(l),
                ]
            })
            .collect(),
    }
}

fn projects_sheet(review: &MonthReview, w: Words) -> Sheet {
    let checkpoint = monitoring::checkpoint_header(review, w);
    // the projects, then every line together as the bureau lights it
    let rows = || review.projects.iter().chain(std::iter::once(&review.all));
    let column = |f: fn(&ReviewProject) -> Money| w.column(rows().map(f));
    let (budget, spent, committed) = (
        column(|p| p.budget),
        column(|p| p.spent),
        column(|p| p.committed),
    );
    let to_pay = monitoring::to_pay_column(rows().map(|p| p.checkpoint.as_ref()), w);
    Sheet {
        title: w
            .pick("各项目执行进度（滞后在前）", "Projects (lagging first)")
            .into(),
        headers: [
            w.pick("项目", "project"),
            w.pick("预算数", "budget"),
            w.pick("已支出", "spent"),
            w.pick("执行率", "rate"),
            w.pick("应达进度", "expected"),
            w.pick("差距", "gap"),
            w.pick("预警", "light"),
            w.pick("预计执行率", "projected"),
            &checkpoint,
            w.pick("已承诺未付", "committed"),
            w.pick("状态", "status"),
        ]
        .map(String::from)
        .to_vec(),
        right: vec![1, 2, 3, 4, 5, 7, 8, 9],
        rows: rows()
            .map(|p| {
                let mut status = Vec::new();
                if p.overspent {
                    status.push(w.pick("超支", "overspent"));
                }
                if p.lagging {
                    status.push(w.pick("滞后", "lagging"));
                }
                let name = if std::ptr::eq(p, &review.all) {
                    w.pick("合计（全部指标）", "total (every line)").to_string()
                } else {
                    p.project.clone()
                };
                vec![
                    name,
                    budget.cell(p.budget),
                    spent.cell(p.spent),
                    rate(p.rate),
                    rate(p.expected),
                    p.gap.map_or_else(|| "—".into(), |g| format!("{g:+}")),
                    w.lang.light(p.light, p.light_ratio),
                    rate(p.projected_rate),
                    monitoring::to_pay(p.checkpoint.as_ref(), to_pay, w),
                    committed.cell(p.committed),
                    status.join(" "),
                ]
            })
            .collect(),
    }
}

fn instalments_sheet(title: &str, items: &[InstalmentStatus], overdue: bool, w: Words) -> Sheet {
    let mut headers = vec![
        w.pick("指标", "line"),
        w.pick("合同", "contract"),
        w.pick("收款人", "payee"),
        w.pick("到期日", "due"),
        w.pick("应付", "amount"),
        w.pick("已付", "paid"),
        w.pick("未付", "outstanding"),
    ];
    if overdue {
        headers.push(w.pick("逾期天数", "days overdue"));
    }
    let column = |f: fn(&InstalmentStatus) -> Money| w.column(items.iter().map(f));
    let (amount, paid, outstanding) = (
        column(|s| s.item.amount),
        column(|s| s.paid),
        column(|s| s.outstanding),
    );
    Sheet {
        title: format!("{title} · {}{}", items.len(), w.pick(" 笔", "")),
        headers: headers.into_iter().map(String::from).collect(),
        right: vec![4, 5, 6, 7],
        rows: items
            .iter()
            .map(|s| {
                let mut row = vec![
                    s.item.line.clone(),
                    s.item.contract.clone(),
                    s.item.payee.clone(),
                    s.item.due.to_string(),
                    amount.cell(s.item.amount),
                    paid.cell(s.paid),
                    outstanding.cell(s.outstanding),
                ];
                if overdue {
                    row.push(s.days_overdue.unwrap_or_default().to_string());
                }
                row
            })
            .collect(),
    }
}

/// A flow group's name: `all`, `project`, `project/supplementary` in words.
fn group_label(group: &str, w: Words) -> String {
    group
        .split('/')
        .map(|part| {
            Kind::parse(part)
                .map(|k| w.lang.word(k))
                .or_else(|_| Source::parse(part).map(|s| w.lang.word(s)))
                .unwrap_or(w.pick("全部", "all"))
        })
        .collect::<Vec<_>>()
        .join(" / ")
}

fn flows_sheet(review: &MonthReview, w: Words) -> Sheet {
    let column = |f: fn(&MonthFlow) -> Money| w.column(review.flows.iter().map(f));
    let (this_month, last_month, changes) = (
        column(|f| f.this_month),
        column(|f| f.last_month),
        column(|f| f.this_month - f.last_month),
    );
    let change = |m: Money| {
        let text = changes.cell(m);
        if m.is_positive() {
            format!("+{text}")
        } else {
            text
        }
    };
    Sheet {
        title: w
            .pick("本月支付与上月比较", "Paid this month against last month")
            .into(),
        headers: [
            w.pick("分组", "group"),
            w.pick("本月", "this month"),
            w.pick("上月", "last month"),
            w.pick("增减", "change"),
        ]
        .map(String::from)
        .to_vec(),
        right: vec![1, 2, 3],
        rows: review
            .flows
            .iter()
            .map(|f| {
                vec![
                    group_label(&f.group, w),
                    this_month.cell(f.this_month),
                    last_month.cell(f.last_month),
                    change(f.this_month - f.last_month),
                ]
            })
            .collect(),
    }
}

/// The review's tables in reading order; an instalment table may be empty.
fn sheets(review: &MonthReview, w: Words) -> [Sheet; 7] {
    [
        lines_sheet(review, w),
        projects_sheet(review, w),
        monitoring::reductions_sheet(review, w),
        monitoring::ageing_sheet(review, w),
        instalments_sheet(w.pick("逾期未付", "Overdue"), &review.overdue, true, w),
        instalments_sheet(
            w.pick("下月到期", "Falling due next month"),
            &review.due_next_month,
            false,
            w,
        ),
        flows_sheet(review, w),
    ]
}

/// The review for a spreadsheet (UTF-8 with BOM, so Excel and WPS read the
/// Chinese): the lines table first, one row per line with plain numbers in
/// the unit its headers name, then the instalments and the month's flows,
/// each under its title.
fn spreadsheet(review: &MonthReview, w: Words) -> Document {
    let mut rows = csv_rows(review, w).into_iter();
    let mut doc = Document::default();
    doc.table(Table {
        headers: rows.next().unwrap_or_default(),
        figures: Vec::new(),
        rows: rows.collect(),
    });
    for sheet in sheets(review, w).into_iter().skip(1) {
        doc.heading(2, sheet.title);
        doc.table(Table {
            headers: sheet.headers,
            figures: sheet.right,
            rows: sheet.rows,
        });
    }
    doc
}

/// The review as a document: the terminal and Markdown render the same.
fn document(review: &MonthReview, department: &str, w: Words) -> Document {
    let mut doc = Document::default();
    doc.heading(1, title(review, department, w));
    doc.paragraph(format!(
        "{}\n{}\n{}",
        facts(review, w),
        monitoring::standing(review, w),
        counts(review, w)
    ));
    for sheet in sheets(review, w) {
        doc.heading(2, sheet.title);
        if sheet.rows.is_empty() {
            doc.paragraph(w.pick("无。", "None."));
        } else {
            doc.table(Table {
                headers: sheet.headers,
                figures: sheet.right,
                rows: sheet.rows,
            });
        }
    }
    doc
}

/// The review's lines, one row each, for a spreadsheet: headers in the
/// user's language with their units, plain numbers in the chosen unit.
fn csv_rows(review: &MonthReview, w: Words) -> Vec<Vec<String>> {
    let header = vec![
        w.pick("编码", "code").to_string(),
        w.pick("名称", "name").to_string(),
        w.in_unit("预算数", "budget"),
        w.in_unit("已支出", "spent"),
        w.pick("执行率（%）", "rate (%)").to_string(),
        w.pick("应达进度（%）", "expected (%)").to_string(),
        w.pick("进度依据", "expected by").to_string(),
        w.pick("差距（百分点）", "gap (points)").to_string(),
        w.pick("预警", "light").to_string(),
        w.pick("预警值", "light ratio").to_string(),
        w.in_unit("全年预计执行数", "projected"),
        w.pick("预计执行率（%）", "projected rate (%)").to_string(),
        w.in_unit("已承诺未付", "committed"),
        w.pick("滞后", "lagging").to_string(),
        w.pick("超支", "overspent").to_string(),
        w.pick("久未支付", "idle").to_string(),
        w.pick("最近支付", "last paid").to_string(),
    ];
    let column =
        |f: fn(&ReviewLine) -> Money| Amounts::of(review.lines.iter().map(f), w.unit).plain();
    let (budget, spent, projected, committed) = (
        column(|l| l.budget),
        column(|l| l.spent),
        column(|l| l.projected),
        column(|l| l.committed),
    );
    let mut rows = vec![header];
    for l in &review.lines {
        rows.push(vec![
            l.code.clone(),
            l.name.clone(),
            budget.cell(l.budget),
            spent.cell(l.spent),
            l.rate.map(|r| r.to_string()).unwrap_or_default(),
            l.expected.map(|e| e.to_string()).unwrap_or_default(),
            match l.expectation {
                Expectation::Schedule => w.pick("合同", "contract"),
                Expectation::TimeProportional => w.pick("时间", "time"),
                Expectation::Unpaced => w.pick("不考核", "not paced"),
            }
            .to_string(),
            l.gap.map(|g| g.to_string()).unwrap_or_default(),
            l.light
                .map(|x| w.lang.word(x).to_string())
                .unwrap_or_default(),
            l.light_ratio.map(|r| r.to_string()).unwrap_or_default(),
            projected.cell(l.projected),
            l.projected_rate.map(|r| r.to_string()).unwrap_or_default(),
            committed.cell(l.committed),
            w.yes_no(l.lagging).to_string(),
            w.yes_no(l.overspent).to_string(),
            w.yes_no(l.idle).to_string(),
            l.last_paid.map(|d| d.to_string()).unwrap_or_default(),
        ]);
    }
    rows
}
