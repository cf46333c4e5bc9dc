//! `outlay form`: each project's self-evaluation form (项目支出绩效自评表) in
//! the national or the Sichuan layout, printed or exported as Markdown, CSV
//! (UTF-8 with BOM, for Excel/WPS), JSON or an XLSX workbook.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{Context, as_of_in, output};
use crate::document::form::forms_document;
use crate::document::summary::Style;
use crate::document::xlsx::forms_workbook;
use crate::document::{to_csv, to_markdown, to_text};
use crate::domain::form::{Layout, ProjectForm, select};
use crate::error::Error;
use crate::i18n::Lang;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    /// 项目支出绩效自评表 (财预〔2020〕10号)
    #[default]
    National,
    /// 部门预算项目支出绩效自评表 (510000_0013zp)
    Sichuan,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum FormFormat {
    /// Tables for the terminal
    #[default]
    Table,
    /// Markdown
    Md,
    /// CSV with a byte-order mark, the tables one after another
    Csv,
    /// The language-neutral contract (amounts in yuan)
    Json,
    /// An Excel/WPS workbook: a list of the projects, then one sheet per form (needs --output)
    Xlsx,
}

#[derive(Args, Debug)]
pub struct FormArgs {
    /// Projects by name or 项目编码 [default: every project]
    pub projects: Vec<String>,
    /// Which form: the national one or Sichuan's
    #[arg(long, value_enum, default_value = "national")]
    pub layout: LayoutArg,
    /// The date the figures are taken at [default: today, kept inside the year]
    #[arg(long)]
    pub as_of: Option<String>,
    /// How to write the forms
    #[arg(long, value_enum, default_value = "table")]
    pub format: FormFormat,
    /// Write to this file instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: &FormArgs, cx: &Context) -> Result<(), Error> {
    let ledger = cx.open()?;
    let as_of = as_of_in(ledger.year(), args.as_of.as_deref())?;
    let layout = match args.layout {
        LayoutArg::National => Layout::National,
        LayoutArg::Sichuan => Layout::Sichuan,
    };
    if args.format == FormFormat::Xlsx {
        output::workbook_needs_a_file(args.output.as_deref())?;
    }
    let forms = select(ledger.forms(as_of, layout)?, &args.projects)?;
    let style = cx.filed_style();
    let bytes = render(&forms, args.format, style)?;
    output::deliver(args.output.as_deref(), &bytes, |path| {
        wrote(cx.lang, path, &forms, bytes.len())
    })
}

/// What `--output` wrote: where, how many forms, how many bytes, how many
/// still lack something.
fn wrote(lang: Lang, path: &std::path::Path, forms: &[ProjectForm], bytes: usize) -> String {
    let incomplete = forms.iter().filter(|f| !f.missing.is_empty()).count();
    match lang {
        Lang::Zh => format!(
            "已写入 {}：{} 张自评表，{bytes} 字节；其中 {incomplete} 张尚有缺项。",
            path.display(),
            forms.len()
        ),
        Lang::En => format!(
            "Wrote {}: {} form(s), {bytes} bytes; {incomplete} still missing something.",
            path.display(),
            forms.len()
        ),
    }
}

fn render(forms: &[ProjectForm], format: FormFormat, style: Style) -> Result<Vec<u8>, Error> {
    Ok(match format {
        FormFormat::Json => {
            let mut text =
                serde_json::to_string_pretty(forms).map_err(super::output::json_error)?;
            text.push('\n');
            text.into_bytes()
        }
        FormFormat::Table => to_text(&forms_document(forms, style)).into_bytes(),
        FormFormat::Md => to_markdown(&forms_document(forms, style)).into_bytes(),
        FormFormat::Csv => to_csv(&forms_document(forms, style)),
        FormFormat::Xlsx => {
            forms_workbook(forms, style).map_err(|e| crate::error::OutputError::Workbook {
                cause: e.to_string(),
            })?
        }
    })
}
