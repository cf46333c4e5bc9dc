//! Rendering for the terminal and for other programs: tables (CJK-aware
//! widths via comfy-table), CSV and JSON.

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::domain::{Money, Unit};
use crate::error::Error;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[default]
    Table,
    Json,
    Csv,
}

/// A table with a header row; columns named in `right` are right-aligned.
pub fn table(headers: &[&str], right: &[usize]) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_BORDERS_ONLY)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(headers.iter().map(Cell::new));
    for &column in right {
        if let Some(c) = t.column_mut(column) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    t
}

/// A titled table of text cells, rendered alike for the terminal and as
/// Markdown, so a pasted report shows the figures the terminal showed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sheet {
    pub title: String,
    pub headers: Vec<String>,
    /// Columns aligned right: figures.
    pub right: Vec<usize>,
    pub rows: Vec<Vec<String>>,
}

impl Sheet {
    /// The rows under a CJK-aware terminal table.
    pub fn to_table(&self) -> String {
        let headers: Vec<&str> = self.headers.iter().map(String::as_str).collect();
        let mut t = table(&headers, &self.right);
        for row in &self.rows {
            t.add_row(row.clone());
        }
        t.to_string()
    }

    /// A GitHub-flavoured Markdown table, figures aligned right.
    pub fn to_markdown(&self) -> String {
        let row = |cells: &[String]| {
            let cells: Vec<String> = cells.iter().map(|c| markdown_cell(c)).collect();
            format!("| {} |\n", cells.join(" | "))
        };
        let rule: Vec<String> = (0..self.headers.len())
            .map(|i| {
                if self.right.contains(&i) {
                    "---:".to_string()
                } else {
                    "---".to_string()
                }
            })
            .collect();
        let mut out = row(&self.headers);
        out.push_str(&format!("|{}|\n", rule.join("|")));
        for cells in &self.rows {
            out.push_str(&row(cells));
        }
        out
    }
}

/// Text made safe inside a Markdown table cell: a `|` would end the cell
/// and a newline the row.
fn markdown_cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

pub fn money(m: Money, unit: Unit) -> String {
    m.display(unit)
}

/// A rate as `65.59%`, or `—` when there is no budget to measure against.
pub fn rate(r: Option<Decimal>) -> String {
    r.map_or_else(|| "—".to_string(), |r| format!("{r}%"))
}

pub fn json<T: Serialize>(value: &T) -> Result<(), Error> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Error::Output(e.to_string()))?;
    line(&text)
}

/// Writes text to stdout. A reader that stopped listening (`| head`) is not
/// an error; a full disk is, reported instead of a panic.
pub fn text(text: &str) -> Result<(), Error> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Output(e.to_string())),
        _ => Ok(()),
    }
}

/// Writes one line to stdout; see [`text`].
pub fn line(line: &str) -> Result<(), Error> {
    text(&format!("{line}\n"))
}

/// Writes CSV rows to stdout; the first row is the header.
pub fn csv(rows: impl IntoIterator<Item = Vec<String>>) -> Result<(), Error> {
    let mut writer = csv::Writer::from_writer(std::io::stdout().lock());
    for row in rows {
        writer
            .write_record(&row)
            .map_err(|e| Error::Output(e.to_string()))?;
    }
    match writer.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            return Err(Error::Output(e.to_string()));
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sheet_in_markdown_aligns_figures_right_and_escapes_bars() {
        let sheet = Sheet {
            title: "t".into(),
            headers: vec!["名称".into(), "金额".into()],
            right: vec![1],
            rows: vec![vec!["甲|乙\n丙".into(), "1,000.00".into()]],
        };
        assert_eq!(
            sheet.to_markdown(),
            "| 名称 | 金额 |\n|---|---:|\n| 甲\\|乙 丙 | 1,000.00 |\n"
        );
    }
}
