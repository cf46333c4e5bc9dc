//! Rendering for the terminal and for other programs: tables (CJK-aware
//! widths via comfy-table), CSV and JSON.

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::domain::{Money, Unit, column_scale};
use crate::error::{Encoded, Error, OutputError};

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
        .set_header(headers.iter().map(|h| Cell::new(escape(h))));
    for &column in right {
        if let Some(c) = t.column_mut(column) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    t
}

/// Stored text as a terminal may show it: control and invisible characters
/// written out (`\u{1b}`), so a value cannot move the cursor or hide itself.
/// Every printer of stored text goes through it (tables and lines here; the
/// TUI can call [`crate::domain::text::escape`] the same way).
pub use crate::domain::text::escape;

/// A table row of stored values, [`escape`]d before the table measures their
/// widths (so an escaped value still lines up); a tab in a cell is a space,
/// as a terminal would otherwise jump it to the next stop.
pub fn row(cells: impl IntoIterator<Item = String>) -> Vec<String> {
    cells
        .into_iter()
        .map(|cell| escape(&cell).replace('\t', " "))
        .collect()
}

pub fn money(m: Money, unit: Unit) -> String {
    m.display(unit)
}

/// A column of amounts, every cell written with the same decimals: those
/// the column needs ([`column_scale`] of all its cells, totals included),
/// grouped for people or [`Amounts::plain`] for a spreadsheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Amounts {
    unit: Unit,
    scale: u32,
    plain: bool,
}

impl Amounts {
    /// The column of `values` in `unit`, grouped.
    pub fn of(values: impl IntoIterator<Item = Money>, unit: Unit) -> Amounts {
        Amounts {
            unit,
            scale: column_scale(values, unit),
            plain: false,
        }
    }

    /// Machine form: plain yuan with two decimals, as JSON writes them.
    pub fn yuan_plain() -> Amounts {
        Amounts::of([], Unit::Yuan).plain()
    }

    /// The same column without grouping.
    pub fn plain(self) -> Amounts {
        Amounts {
            plain: true,
            ..self
        }
    }

    /// One cell of the column.
    pub fn cell(self, m: Money) -> String {
        if self.plain {
            m.plain_scaled(self.unit, self.scale)
        } else {
            m.display_scaled(self.unit, self.scale)
        }
    }
}

/// A rate as `65.59%`, or `—` when there is no budget to measure against.
pub fn rate(r: Option<Decimal>) -> String {
    r.map_or_else(|| "—".to_string(), |r| format!("{r}%"))
}

pub fn json<T: Serialize>(value: &T) -> Result<(), Error> {
    let text = serde_json::to_string_pretty(value).map_err(json_error)?;
    line(&text)
}

/// A value that cannot be written as JSON.
pub fn json_error(e: serde_json::Error) -> OutputError {
    OutputError::Encode {
        what: Encoded::Json,
        cause: e.to_string(),
    }
}

fn stdout_error(e: impl std::fmt::Display) -> Error {
    OutputError::Stdout {
        cause: e.to_string(),
    }
    .into()
}

/// Writes text for people to stdout, stored values [`escape`]d. A reader
/// that stopped listening (`| head`) is not an error; a full disk is,
/// reported instead of a panic.
pub fn text(text: &str) -> Result<(), Error> {
    raw(escape(text).as_bytes())
}

/// Writes a file's bytes (CSV, Markdown) to stdout: as they are into a pipe
/// or a file, [`escape`]d when stdout is a terminal.
pub fn bytes(bytes: &[u8]) -> Result<(), Error> {
    match std::str::from_utf8(bytes) {
        Ok(text) if to_terminal() => raw(escape(text).as_bytes()),
        _ => raw(bytes),
    }
}

fn to_terminal() -> bool {
    std::io::IsTerminal::is_terminal(&std::io::stdout())
}

fn raw(bytes: &[u8]) -> Result<(), Error> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(stdout_error(e)),
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
    let terminal = to_terminal();
    for row in rows {
        let row = row.iter().map(|cell| {
            if terminal {
                escape(cell)
            } else {
                std::borrow::Cow::Borrowed(cell.as_str())
            }
        });
        writer
            .write_record(row.map(|cell| cell.into_owned()))
            .map_err(stdout_error)?;
    }
    match writer.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            return Err(stdout_error(e));
        }
        _ => {}
    }
    Ok(())
}

/// A workbook is binary: it goes to a file named with `--output`, never to
/// the terminal.
/// A document to the file `--output` names, then a line saying what was
/// written there (from `wrote`); without `--output`, to standard output.
pub fn deliver(
    output: Option<&std::path::Path>,
    bytes: &[u8],
    wrote: impl FnOnce(&std::path::Path) -> String,
) -> Result<(), Error> {
    let Some(path) = output else {
        return self::bytes(bytes);
    };
    std::fs::write(path, bytes).map_err(|source| Error::Write {
        path: path.display().to_string(),
        source,
    })?;
    line(&wrote(path))
}

pub fn workbook_needs_a_file(
    output: Option<&std::path::Path>,
) -> Result<(), crate::domain::Refusal> {
    match output {
        Some(_) => Ok(()),
        None => Err(crate::domain::Refusal::field_in(
            "output",
            "a workbook is a file: name it with --output FILE.xlsx",
            "工作簿是文件：请用 --output 文件.xlsx 指定",
        )),
    }
}
