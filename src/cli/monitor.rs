//! `outlay monitor`: the 绩效运行监控 (双监控) return as of a date, printed or
//! exported as Markdown, CSV (UTF-8 with BOM, for Excel/WPS), JSON or an XLSX
//! workbook of one sheet. Shortfalls nobody explained are noted on stderr.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{Context, as_of_in, output};
use crate::document::monitor::monitor_document;
use crate::document::summary::Style;
use crate::document::workbook::document_workbook;
use crate::document::{to_csv, to_markdown, to_text};
use crate::domain::monitor::{MonitorReturn, Unexplained};
use crate::domain::progress::Shortfall;
use crate::error::Error;
use crate::i18n::Lang;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum MonitorFormat {
    /// Tables for the terminal
    #[default]
    Table,
    /// Markdown
    Md,
    /// CSV with a byte-order mark, the tables one after another
    Csv,
    /// The language-neutral contract (amounts in yuan)
    Json,
    /// An Excel/WPS workbook of one sheet, A4 landscape, figures as numbers (needs --output)
    Xlsx,
}

#[derive(Args, Debug)]
pub struct MonitorArgs {
    /// The date of the return, usually a month end (2021-07-31 for January–July)
    /// [default: today, kept inside the fiscal year]
    #[arg(long)]
    pub as_of: Option<String>,
    /// How to write the return
    #[arg(long, value_enum, default_value = "table")]
    pub format: MonitorFormat,
    /// Write to this file instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: &MonitorArgs, cx: &Context) -> Result<(), Error> {
    let ledger = cx.open()?;
    let as_of = as_of_in(ledger.year(), args.as_of.as_deref())?;
    if args.format == MonitorFormat::Xlsx {
        output::workbook_needs_a_file(args.output.as_deref())?;
    }
    let r = ledger.monitor(as_of)?;
    let style = cx.filed_style();
    let bytes = render(&r, args.format, style)?;
    output::deliver(args.output.as_deref(), &bytes, |path| {
        wrote(cx.lang, path, &r, bytes.len())
    })?;
    for note in notes(cx.lang, &r) {
        eprintln!("{}", output::escape(&note));
    }
    Ok(())
}

fn render(r: &MonitorReturn, format: MonitorFormat, style: Style) -> Result<Vec<u8>, Error> {
    Ok(match format {
        MonitorFormat::Json => {
            let mut text = serde_json::to_string_pretty(r).map_err(super::output::json_error)?;
            text.push('\n');
            text.into_bytes()
        }
        MonitorFormat::Table => to_text(&monitor_document(r, style)).into_bytes(),
        MonitorFormat::Md => to_markdown(&monitor_document(r, style)).into_bytes(),
        MonitorFormat::Csv => to_csv(&monitor_document(r, style)),
        MonitorFormat::Xlsx => document_workbook(&monitor_document(r, style)).map_err(|e| {
            crate::error::OutputError::Workbook {
                cause: e.to_string(),
            }
        })?,
    })
}

/// What `--output` wrote: where, how many projects and indicators, how many
/// bytes, and how many projects still need a reason.
fn wrote(lang: Lang, path: &std::path::Path, r: &MonitorReturn, bytes: usize) -> String {
    let indicators: usize = r.projects.iter().map(|p| p.indicators.len()).sum();
    let flagged = r.flagged().count();
    match lang {
        Lang::Zh => format!(
            "已写入 {}：绩效运行监控表，{} 个项目、{indicators} 个绩效指标，{bytes} 字节；其中 {flagged} 个项目尚须说明原因。",
            path.display(),
            r.projects.len()
        ),
        Lang::En => format!(
            "Wrote {}: the monitoring return, {} project(s) and {indicators} indicator(s), {bytes} bytes; {flagged} project(s) still need a reason.",
            path.display(),
            r.projects.len()
        ),
    }
}

/// One note per shortfall without a reason, saying how to give one.
fn notes(lang: Lang, r: &MonitorReturn) -> Vec<String> {
    let mut out = Vec::new();
    for p in r.flagged() {
        for u in &p.unexplained {
            out.push(match (u, lang) {
                (Unexplained::Execution { projected_rate }, Lang::Zh) => format!(
                    "提示：项目“{}”预计执行率 {projected_rate}% 低于 100%，尚未说明原因（outlay project set … --reason …）",
                    p.project
                ),
                (Unexplained::Execution { projected_rate }, Lang::En) => format!(
                    "note: project '{}' is projected at {projected_rate}%, below 100 %, and has no reason yet (outlay project set … --reason …)",
                    p.project
                ),
                (Unexplained::Indicator { id, name, shortfall }, Lang::Zh) => format!(
                    "提示：项目“{}”的绩效指标 #{id}“{name}”{}，尚未说明偏差原因（outlay indicator progress {id} … --cause … --reason …）",
                    p.project,
                    match shortfall {
                        Shortfall::Projected => "全年预计未达指标值",
                        Shortfall::Uncertain => "完成目标可能性不是确定能",
                    }
                ),
                (Unexplained::Indicator { id, name, shortfall }, Lang::En) => format!(
                    "note: indicator #{id} '{name}' of project '{}' {}, and has no cause or reason yet (outlay indicator progress {id} … --cause … --reason …)",
                    p.project,
                    match shortfall {
                        Shortfall::Projected => "is projected short of its target",
                        Shortfall::Uncertain => "may not reach its target",
                    }
                ),
            });
        }
    }
    out
}
