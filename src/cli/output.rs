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
    bytes(text.as_bytes())
}

/// Writes bytes to stdout; see [`text`].
pub fn bytes(bytes: &[u8]) -> Result<(), Error> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(bytes) {
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
