//! `outlay list …`: the ledger's records, filtered, as a table, JSON or CSV.

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::output::{self, Amounts, Format, table};
use super::{Context, date};
use crate::domain::score::{Achievement, achievement, indicator_points};
use crate::domain::{Money, Refusal, Unit, Vocabulary};
use crate::error::Error;
use crate::i18n::Lang;
use crate::ledger::{DisbursementQuery, JournalOrder};

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum What {
    Lines,
    Disbursements,
    Adjustments,
    Schedule,
    Indicators,
    /// Indicators' in-year progress values (绩效运行监控), by indicator and date
    Progress,
    Events,
}

#[derive(Args, Debug)]
pub struct ListArgs {
    /// What to list
    #[arg(value_enum)]
    pub what: What,
    /// Only this budget line
    #[arg(long)]
    pub line: Option<String>,
    /// Only this month, e.g. 2021-06 (disbursements)
    #[arg(long)]
    pub month: Option<String>,
    /// Only disbursements whose payee, voucher, memo or contract contains this
    #[arg(long)]
    pub text: Option<String>,
    /// Only this project (indicators, progress)
    #[arg(long)]
    pub project: Option<String>,
    /// At most this many rows (disbursements newest first when given; events)
    #[arg(long)]
    pub limit: Option<usize>,
    /// Disbursements in this order, read from its index [default: date]
    #[arg(long, value_enum)]
    pub sort: Option<SortBy>,
    /// Disbursements in the reverse order (newest first by date)
    #[arg(long)]
    pub reverse: bool,
    /// Schedule status as of this date [default: today]
    #[arg(long)]
    pub as_of: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

/// The orders `list disbursements --sort` takes, each answered by an index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SortBy {
    Date,
    /// As entered, by id
    Entered,
    Line,
    Payee,
    Voucher,
}

impl From<SortBy> for JournalOrder {
    fn from(sort: SortBy) -> JournalOrder {
        match sort {
            SortBy::Date => JournalOrder::Date,
            SortBy::Entered => JournalOrder::Entered,
            SortBy::Line => JournalOrder::Line,
            SortBy::Payee => JournalOrder::Payee,
            SortBy::Voucher => JournalOrder::Voucher,
        }
    }
}

/// A domain word as CSV writes it (its code, re-importable) or as a table
/// shows it (the label in the user's language).
fn word_cell<W: Vocabulary>(word: W, csv: bool, lang: Lang) -> String {
    if csv { word.code() } else { lang.word(word) }.to_string()
}

/// A column of amounts: plain yuan for CSV, else in `unit` with the
/// decimals the column's cells need.
fn column(values: impl IntoIterator<Item = Money>, unit: Unit, csv: bool) -> Amounts {
    if csv {
        Amounts::yuan_plain()
    } else {
        Amounts::of(values, unit)
    }
}

/// Refuses a filter the chosen list cannot apply, rather than ignoring it.
fn check_filters(args: &ListArgs) -> Result<(), Refusal> {
    let (line, month, project, text) = match args.what {
        What::Lines => (true, false, false, false),
        What::Disbursements => (true, true, false, true),
        What::Adjustments | What::Schedule | What::Events => (true, true, false, false),
        What::Indicators | What::Progress => (false, false, true, false),
    };
    let disbursements = matches!(args.what, What::Disbursements);
    let given = [
        ("sort", args.sort.is_some(), disbursements),
        ("reverse", args.reverse, disbursements),
        ("line", args.line.is_some(), line),
        ("month", args.month.is_some(), month),
        ("project", args.project.is_some(), project),
        ("text", args.text.is_some(), text),
    ];
    match given
        .iter()
        .find(|(_, given, supported)| *given && !supported)
    {
        Some((field, _, _)) => {
            let what = format!("{:?}", args.what).to_lowercase();
            Err(Refusal::field_in(
                field,
                format!("`outlay list {what}` does not take --{field}"),
                format!("`outlay list {what}` 不接受 --{field}"),
            ))
        }
        None => Ok(()),
    }
}

fn in_month(date: chrono::NaiveDate, (year, month): (i32, u32)) -> bool {
    use chrono::Datelike;
    date.year() == year && date.month() == month
}

fn month(text: &str) -> Result<(i32, u32), Refusal> {
    let bad = || {
        Refusal::field_in(
            "month",
            format!(
                "'{}' is not a month (write e.g. 2021-06)",
                output::escape(text)
            ),
            format!("“{}”不是月份（可写 2021-06）", output::escape(text)),
        )
    };
    crate::domain::parse_month(text).ok_or_else(bad)
}

/// Prints records in the chosen format; `row` gives the CSV cells, of which
/// the table shows the first `shown` (the optional reference fields are
/// exported always but only shown where there is room).
/// How records are printed: in which format, a table headed in which language.
#[derive(Clone, Copy)]
struct Out {
    format: Format,
    lang: Lang,
}

fn emit<T: Serialize>(
    Out { format, lang }: Out,
    headers: &[&str],
    (right, shown): (&[usize], usize),
    items: &[T],
    row: impl Fn(&T) -> Vec<String>,
) -> Result<(), Error> {
    match format {
        Format::Json => output::json(&items),
        Format::Csv => output::csv(
            std::iter::once(headers.iter().map(|h| h.to_string()).collect())
                .chain(items.iter().map(&row)),
        ),
        Format::Table => {
            let headings: Vec<String> = headers[..shown.min(headers.len())]
                .iter()
                .map(|h| lang.column(h))
                .collect();
            let headings: Vec<&str> = headings.iter().map(String::as_str).collect();
            let mut t = table(&headings, right);
            for item in items {
                t.add_row(output::row(row(item).into_iter().take(shown)));
            }
            output::line(&format!("{t}"))?;
            Ok(())
        }
    }
}

pub fn run(args: &ListArgs, cx: &Context) -> Result<(), Error> {
    let ledger = cx.open()?;
    let (lang, unit) = (cx.lang, cx.unit);
    let csv = args.format == Format::Csv;
    let out = Out {
        format: args.format,
        lang,
    };
    // CSV carries plain machine amounts (yuan, as imports read them); tables
    // the user's unit, every amount of a column with the decimals it needs.
    check_filters(args)?;
    let month_filter = args.month.as_deref().map(month).transpose()?;
    // A code filter is read as codes are stored (`Ｂ01` finds B01).
    let line_filter = args.line.as_deref().map(crate::domain::text::code);
    match args.what {
        What::Lines => {
            let mut lines = ledger.lines()?;
            if let Some(code) = &line_filter {
                lines.retain(|l| &l.code == code);
            }
            let headers = [
                "code",
                "name",
                "kind",
                "source",
                "level",
                "econ_class",
                "project",
                "amount",
                "doc_no",
                "allocated_on",
                "superior_doc_no",
                "functional_code",
                "economic_code",
                "fund_type",
                "project_code",
                "origin_year",
            ];
            let allocated = column(lines.iter().map(|l| l.allocated), unit, csv);
            emit(out, &headers, (&[7], 10), &lines, |l| {
                let text = |t: &Option<String>| t.clone().unwrap_or_default();
                vec![
                    l.code.clone(),
                    l.name.clone(),
                    word_cell(l.kind, csv, lang),
                    word_cell(l.source, csv, lang),
                    word_cell(l.level, csv, lang),
                    l.econ_class
                        .map(|e| word_cell(e, csv, lang))
                        .unwrap_or_default(),
                    text(&l.project),
                    allocated.cell(l.allocated),
                    l.doc_no.clone(),
                    l.allocated_on.to_string(),
                    text(&l.refs.superior_doc_no),
                    text(&l.refs.functional_code),
                    text(&l.refs.economic_code),
                    text(&l.refs.fund_type),
                    text(&l.refs.project_code),
                    l.refs
                        .origin_year
                        .map(|y| y.to_string())
                        .unwrap_or_default(),
                ]
            })
        }
        What::Disbursements => {
            let query = DisbursementQuery {
                line: line_filter.clone(),
                month: month_filter,
                text: args.text.clone(),
                // A limit keeps the newest, unless another order is asked for.
                newest_first: (args.limit.is_some() && args.sort.is_none()) != args.reverse,
                limit: args.limit,
                order: args.sort.map_or(JournalOrder::Date, JournalOrder::from),
                ..DisbursementQuery::default()
            };
            let items = ledger.disbursements(query)?;
            let headers = [
                "id",
                "date",
                "line",
                "amount",
                "payee",
                "voucher",
                "contract",
                "memo",
                "reverses",
                "entered_by",
                "request_no",
                "payee_account",
                "purpose",
                "tags",
            ];
            let amount = column(items.iter().map(|d| d.amount), unit, csv);
            emit(out, &headers, (&[0, 3], 10), &items, |d| {
                let text = |t: &Option<String>| t.clone().unwrap_or_default();
                vec![
                    d.id.to_string(),
                    d.date.to_string(),
                    d.line.clone(),
                    amount.cell(d.amount),
                    d.payee.clone(),
                    d.voucher.clone(),
                    text(&d.contract),
                    // CSV keeps what is stored; a table reads in the user's language.
                    if csv { d.memo.clone() } else { lang.memo(d) },
                    d.reverses.map(|r| r.to_string()).unwrap_or_default(),
                    d.entered_by.clone(),
                    text(&d.refs.request_no),
                    text(&d.refs.payee_account),
                    text(&d.refs.purpose),
                    d.tags
                        .iter()
                        .map(|t| t.code())
                        .collect::<Vec<_>>()
                        .join(","),
                ]
            })
        }
        What::Adjustments => {
            let mut items = ledger.adjustments(line_filter.clone())?;
            if let Some(m) = month_filter {
                items.retain(|a| in_month(a.date, m));
            }
            let amount = column(items.iter().map(|a| a.amount), unit, csv);
            emit(
                out,
                &[
                    "id",
                    "date",
                    "line",
                    "amount",
                    "doc_no",
                    "reason",
                    "from_line",
                    "batch_no",
                ],
                (&[0, 3], usize::MAX),
                &items,
                |a| {
                    vec![
                        a.id.to_string(),
                        a.date.to_string(),
                        a.line.clone(),
                        amount.cell(a.amount),
                        a.doc_no.clone(),
                        a.reason.clone(),
                        a.from_line.clone().unwrap_or_default(),
                        a.batch_no.clone().unwrap_or_default(),
                    ]
                },
            )
        }
        What::Schedule => {
            let as_of = args
                .as_of
                .as_deref()
                .map(|d| date("as_of", d))
                .transpose()?
                .unwrap_or_else(|| ledger.default_date());
            let mut items = ledger.schedule(Some(as_of), line_filter.clone())?;
            if let Some(m) = month_filter {
                items.retain(|s| in_month(s.item.due, m));
            }
            let (amount, paid, outstanding) = (
                column(items.iter().map(|s| s.item.amount), unit, csv),
                column(items.iter().map(|s| s.paid), unit, csv),
                column(items.iter().map(|s| s.outstanding), unit, csv),
            );
            emit(
                out,
                &[
                    "id",
                    "line",
                    "contract",
                    "payee",
                    "due",
                    "amount",
                    "paid",
                    "outstanding",
                    "days_overdue",
                    "memo",
                ],
                (&[0, 5, 6, 7, 8], usize::MAX),
                &items,
                |s| {
                    vec![
                        s.item.id.to_string(),
                        s.item.line.clone(),
                        s.item.contract.clone(),
                        s.item.payee.clone(),
                        s.item.due.to_string(),
                        amount.cell(s.item.amount),
                        paid.cell(s.paid),
                        outstanding.cell(s.outstanding),
                        s.days_overdue.map(|d| d.to_string()).unwrap_or_default(),
                        s.item.memo.clone(),
                    ]
                },
            )
        }
        What::Indicators => {
            let items = ledger.indicators(args.project.clone())?;
            // Judged and scored as the summary and the forms do.
            let rules = ledger.scoring_rules()?;
            emit(
                out,
                &[
                    "id",
                    "project",
                    "category",
                    "name",
                    "target",
                    "actual",
                    "weight",
                    "points",
                    "achievement",
                    "deviation_reason",
                ],
                (&[0, 6, 7], usize::MAX),
                &items,
                |i| {
                    vec![
                        i.id.to_string(),
                        i.project.clone(),
                        word_cell(i.category, csv, lang),
                        i.name.clone(),
                        i.target.text.clone(),
                        i.actual
                            .as_ref()
                            .map(|a| a.text.clone())
                            .unwrap_or_default(),
                        i.weight.to_string(),
                        indicator_points(i, &rules)
                            .map(|p| p.to_string())
                            .unwrap_or_default(),
                        {
                            let a = achievement(i, &rules);
                            if csv {
                                achievement_code(a)
                            } else {
                                lang.achievement(a)
                            }
                        }
                        .to_string(),
                        i.deviation_reason.clone().unwrap_or_default(),
                    ]
                },
            )
        }
        What::Progress => {
            let items = ledger.progress(args.project.clone())?;
            let indicators = ledger.indicators(args.project.clone())?;
            let of = |id: u64| indicators.iter().find(|i| i.id == id);
            // The CSV's first columns are those `import progress` reads back.
            let headers = [
                "indicator",
                "date",
                "value",
                "projected",
                "cause",
                "reason",
                "likelihood",
                "rectify",
                "rectification_needed",
                "project",
                "name",
                "recorded_by",
            ];
            let table = &[0, 9, 10, 1, 2, 3, 4, 6, 8];
            let rows = |p: &crate::domain::progress::Progress| {
                let text = |t: &Option<String>| t.clone().unwrap_or_default();
                let indicator = of(p.indicator);
                vec![
                    p.indicator.to_string(),
                    p.date.to_string(),
                    p.value.text.clone(),
                    p.projected
                        .as_ref()
                        .map(|m| m.text.clone())
                        .unwrap_or_default(),
                    p.cause.map(|c| word_cell(c, csv, lang)).unwrap_or_default(),
                    text(&p.reason),
                    p.likelihood
                        .map(|l| word_cell(l, csv, lang))
                        .unwrap_or_default(),
                    text(&p.rectify),
                    if csv {
                        p.needs_rectification().to_string()
                    } else {
                        super::progress::rectification_word(lang, p).to_string()
                    },
                    indicator.map(|i| i.project.clone()).unwrap_or_default(),
                    indicator.map(|i| i.name.clone()).unwrap_or_default(),
                    p.recorded_by.clone(),
                ]
            };
            match args.format {
                // The table leads with what a reader looks for: whose, when, how far.
                Format::Table => {
                    let picked: Vec<String> =
                        table.iter().map(|&c| lang.column(headers[c])).collect();
                    let picked: Vec<&str> = picked.iter().map(String::as_str).collect();
                    let mut t = output::table(&picked, &[0]);
                    for p in &items {
                        let cells = rows(p);
                        t.add_row(output::row(table.iter().map(|&c| cells[c].clone())));
                    }
                    output::line(&format!("{t}"))
                }
                format => emit(
                    Out { format, lang },
                    &headers,
                    (&[0], usize::MAX),
                    &items,
                    rows,
                ),
            }
        }
        What::Events => {
            let mut items = ledger.events(args.limit.unwrap_or(usize::MAX))?;
            if let Some(code) = &line_filter {
                items.retain(|e| &e.subject == code);
            }
            if let Some(m) = month_filter {
                items.retain(|e| in_month(e.at.with_timezone(&chrono::Local).date_naive(), m));
            }
            emit(
                out,
                &["id", "at", "who", "action", "subject", "detail"],
                (&[0], usize::MAX),
                &items,
                |e| {
                    vec![
                        e.id.to_string(),
                        e.at.with_timezone(&chrono::Local)
                            .format("%Y-%m-%d %H:%M:%S")
                            .to_string(),
                        e.who.clone(),
                        e.action.clone(),
                        e.subject.clone(),
                        e.detail.clone(),
                    ]
                },
            )
        }
    }
}

/// An achievement as a spreadsheet keeps it: the word its JSON uses.
fn achievement_code(a: Achievement) -> &'static str {
    match a {
        Achievement::Achieved => "achieved",
        Achievement::Partly => "partly",
        Achievement::NotAchieved => "not_achieved",
        Achievement::Open => "open",
    }
}
