//! `outlay summary`: the year-end summary the self-evaluation report is
//! written from, printed or exported as Markdown, CSV (UTF-8 with BOM, for
//! Excel/WPS), JSON or an XLSX workbook (one sheet per section).

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::output;
use super::{Context, as_of_in};
use crate::document::summary::{Style, summary_document};
use crate::document::workbook::document_workbook;
use crate::document::{to_csv, to_markdown, to_text};
use crate::domain::summary::YearSummary;
use crate::error::Error;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    /// Tables for the terminal
    #[default]
    Table,
    /// Markdown to paste into the report
    Md,
    /// CSV with a byte-order mark, the same tables one after another
    Csv,
    /// The language-neutral contract (amounts in yuan)
    Json,
    /// An Excel/WPS workbook, one sheet per section, figures as numbers (needs --output)
    Xlsx,
}

#[derive(Args, Debug)]
pub struct SummaryArgs {
    /// The date the figures are taken at [default: today, kept inside the year]
    #[arg(long)]
    pub as_of: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: SummaryFormat,
    /// Write to this file instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: &SummaryArgs, cx: &Context) -> Result<(), Error> {
    let ledger = cx.open()?;
    let as_of = as_of_in(ledger.year(), args.as_of.as_deref())?;
    if args.format == SummaryFormat::Xlsx {
        output::workbook_needs_a_file(args.output.as_deref())?;
    }
    let summary = ledger.summary(as_of)?;
    let style = cx.filed_style();
    let bytes = render(&summary, args.format, style)?;
    output::deliver(args.output.as_deref(), &bytes, |path| {
        let shown = path.display().to_string();
        let path = output::escape(&shown);
        match cx.lang {
            crate::i18n::Lang::Zh => {
                format!(
                    "已写入 {path}：{} 年度汇总，{} 字节",
                    summary.year,
                    bytes.len()
                )
            }
            crate::i18n::Lang::En => format!(
                "Wrote {path}: the {} year-end summary, {} bytes",
                summary.year,
                bytes.len()
            ),
        }
    })?;
    // At the year's end a reason is owed under 90 %; before it, only behind pace.
    let year_end = crate::domain::summary::asked_at_year_end(summary.as_of);
    for missing in summary.reasons_missing() {
        let (project, rate) = (&missing.project, missing.funds.rate.unwrap_or_default());
        eprintln!(
            "{}",
            output::escape(&match (cx.lang, year_end) {
                (crate::i18n::Lang::Zh, true) => format!(
                    "提示：项目“{project}”执行率 {rate}% 低于 90%，尚未说明原因（outlay project set … --reason …）"
                ),
                (crate::i18n::Lang::Zh, false) => format!(
                    "提示：项目“{project}”执行率 {rate}% 落后于序时进度，尚未说明原因（outlay project set … --reason …）"
                ),
                (crate::i18n::Lang::En, true) => format!(
                    "note: project '{project}' is at {rate}%, below 90 %, and has no reason yet (outlay project set … --reason …)"
                ),
                (crate::i18n::Lang::En, false) => format!(
                    "note: project '{project}' is at {rate}%, behind its time-proportional pace (序时进度), and has no reason yet (outlay project set … --reason …)"
                ),
            })
        );
    }
    Ok(())
}

fn render(summary: &YearSummary, format: SummaryFormat, style: Style) -> Result<Vec<u8>, Error> {
    Ok(match format {
        SummaryFormat::Json => {
            let mut text =
                serde_json::to_string_pretty(summary).map_err(super::output::json_error)?;
            text.push('\n');
            text.into_bytes()
        }
        SummaryFormat::Table => to_text(&summary_document(summary, style)).into_bytes(),
        SummaryFormat::Md => to_markdown(&summary_document(summary, style)).into_bytes(),
        SummaryFormat::Csv => to_csv(&summary_document(summary, style)),
        SummaryFormat::Xlsx => {
            document_workbook(&summary_document(summary, style)).map_err(|e| {
                crate::error::OutputError::Workbook {
                    cause: e.to_string(),
                }
            })?
        }
    })
}
