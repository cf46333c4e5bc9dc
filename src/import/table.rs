//! Reading a CSV text row by row: the header once, then each row's cells by
//! column, with the row number a spreadsheet shows and typed accessors whose
//! errors name the row and the column.

use chrono::NaiveDate;
use csv::StringRecord;
use rust_decimal::Decimal;

use super::Row;
use super::error::{ImportError, Problem, refusal_messages};
use super::headers::{Header, Layout, required, resolve};
use super::row_numbers::{RowNumbers, Tape};
use crate::domain::input::{bounded, parse_plain_decimal};
use crate::domain::{Money, Refusal, Vocabulary, parse_amount, parse_date, text};
use crate::i18n::Lang;

/// How many rows are parsed between two calls of the progress hook.
pub const PROGRESS_EVERY: usize = 4096;

/// Reads every data row of `text` with `parse`, stopping at the first error.
/// See [`stream_rows`].
pub(crate) fn read_rows<T>(
    text: &str,
    layout: &Layout,
    progress: &mut dyn FnMut(usize),
    parse: impl FnMut(&Cells<'_>) -> Result<T, ImportError>,
) -> Result<Vec<Row<T>>, ImportError> {
    let mut rows = Vec::with_capacity(super::row_estimate(text));
    let collect = &mut |row| {
        rows.push(row);
        Ok::<(), std::convert::Infallible>(())
    };
    match stream_rows(text.as_bytes(), layout, progress, parse, collect) {
        Ok(_) => Ok(rows),
        Err(Halt::File(e)) => Err(e),
        Err(Halt::Read(e)) => Err(ImportError::file(Problem::Syntax(e.to_string()))),
        Err(Halt::Taken(never)) => match never {},
    }
}

/// Why reading a file's rows stopped before its end.
#[derive(Debug)]
pub enum Halt<E> {
    /// The file is wrong: its encoding, its header or a row.
    File(ImportError),
    /// The file could not be read.
    Read(std::io::Error),
    /// What the rows were handed to refused one.
    Taken(E),
}

/// Reads `text` (UTF-8, as a [`super::TextReader`] gives it) row by row,
/// parsing each data row with `parse` and handing it to `each` before the
/// next is read; returns how many rows were handed over.
///
/// Rows whose cells are all empty are skipped; every other row must have as
/// many fields as the header. `progress` is called with the number of rows
/// parsed so far every [`PROGRESS_EVERY`] rows and once at the end.
pub(crate) fn stream_rows<T, E>(
    text: impl std::io::Read,
    layout: &Layout,
    progress: &mut dyn FnMut(usize),
    mut parse: impl FnMut(&Cells<'_>) -> Result<T, ImportError>,
    each: &mut dyn FnMut(Row<T>) -> Result<(), E>,
) -> Result<usize, Halt<E>> {
    let mut tape = Tape::new(text);
    let first_line = tape.first_line().map_err(halt_on_read)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(&first_line))
        .from_reader(tape);
    // One record reused for every row: no allocation per row but the values kept.
    let mut record = StringRecord::new();
    let mut numbers = RowNumbers::default();
    let mut header: Option<Header> = None;
    let mut done = 0;
    loop {
        let from = reader.position().byte();
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(halt_on_csv(e)),
        }
        let from = usize::try_from(from).unwrap_or(usize::MAX);
        let number = numbers.number(reader.get_mut(), from, &record);
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let Some(header) = &header else {
            header = Some(resolve(layout, &record).map_err(Halt::File)?);
            continue;
        };
        if record.len() != header.width {
            return Err(Halt::File(ImportError {
                row: Some(number),
                column: None,
                problem: Problem::FieldCount {
                    expected: header.width,
                    found: record.len(),
                },
            }));
        }
        let cells = Cells {
            record: &record,
            row: number,
            header,
            layout,
        };
        let value = parse(&cells).map_err(Halt::File)?;
        each(Row { number, value }).map_err(Halt::Taken)?;
        done += 1;
        if done % PROGRESS_EVERY == 0 {
            progress(done);
        }
    }
    if header.is_none() {
        return Err(Halt::File(ImportError::file(Problem::Empty {
            expected: required(layout),
        })));
    }
    progress(done);
    Ok(done)
}

/// A failed read is the file's fault when the text reader found it undecodable.
fn halt_on_read<E>(e: std::io::Error) -> Halt<E> {
    match super::text_reader::import_error(&e) {
        Some(error) => Halt::File(error),
        None => Halt::Read(e),
    }
}

fn halt_on_csv<E>(e: csv::Error) -> Halt<E> {
    if !e.is_io_error() {
        return Halt::File(ImportError::file(Problem::Syntax(e.to_string())));
    }
    match e.into_kind() {
        csv::ErrorKind::Io(e) => halt_on_read(e),
        kind => Halt::File(ImportError::file(Problem::Syntax(format!("{kind:?}")))),
    }
}

/// Comma, or tab for Excel's "Unicode text" export: whichever the first
/// non-blank line has more of.
fn delimiter(first_line: &str) -> u8 {
    if first_line.matches('\t').count() > first_line.matches(',').count() {
        b'\t'
    } else {
        b','
    }
}

/// The cells of one data row, read by the layout's columns.
pub(crate) struct Cells<'r> {
    record: &'r StringRecord,
    row: usize,
    header: &'r Header,
    layout: &'r Layout,
}

impl Cells<'_> {
    /// The row as a spreadsheet numbers it.
    pub fn row(&self) -> usize {
        self.row
    }

    /// A cell's text without the spaces and invisible characters around it
    /// (a byte-order mark pasted before a cell included); empty when the file
    /// lacks the (optional) column.
    pub fn raw(&self, column: impl Into<usize>) -> &str {
        self.header
            .index(column.into())
            .and_then(|i| self.record.get(i))
            .map_or("", |cell| {
                cell.trim_matches(|c: char| c.is_whitespace() || text::is_invisible(c))
            })
    }

    /// A cell's text, for fields the domain's `check_*` rules validate.
    pub fn text(&self, column: impl Into<usize>) -> String {
        self.raw(column).to_string()
    }

    /// An optional text: empty → `None`. Checked here, since the domain's
    /// rules do not look at every optional field.
    pub fn optional(&self, column: impl Into<usize> + Copy) -> Result<Option<String>, ImportError> {
        let text = self.raw(column);
        if text.is_empty() {
            return Ok(None);
        }
        let field = self.layout.columns[column.into()].name;
        bounded(field, text).map_err(|e| {
            let (en, zh) = refusal_messages(&e);
            self.error(column, en, zh)
        })?;
        Ok(Some(text.to_string()))
    }

    /// An amount of money; plain numbers are 万元 when the header says so.
    pub fn amount(&self, column: impl Into<usize> + Copy) -> Result<Money, ImportError> {
        let text = self.raw(column);
        let wan;
        let text = if self.header.amount_in_wan
            && self.layout.columns[column.into()].name == "amount"
            && !text.is_empty()
            && !text.ends_with(['万', '元'])
        {
            wan = format!("{text}万");
            &wan
        } else {
            text
        };
        parse_amount(text)
            .map_err(|e| self.error(column, Lang::En.money_error(&e), Lang::Zh.money_error(&e)))
    }

    pub fn date(&self, column: impl Into<usize> + Copy) -> Result<NaiveDate, ImportError> {
        let text = self.raw(column);
        parse_date(text)
            .map_err(|e| self.error(column, Lang::En.date_error(&e), Lang::Zh.date_error(&e)))
    }

    /// A word of a closed list (kind, source …), by code, label or alias.
    pub fn word<V: Vocabulary>(&self, column: impl Into<usize> + Copy) -> Result<V, ImportError> {
        let text = self.raw(column);
        V::parse(text).map_err(|_| {
            let expected: Vec<String> = V::ALL
                .iter()
                .map(|w| format!("{} ({})", w.code(), w.zh()))
                .collect();
            let expected = expected.join(", ");
            let (en, zh) = if text.is_empty() {
                (
                    format!("no {} given (write one of: {expected})", V::FIELD),
                    format!("未填写（应为以下之一：{expected}）"),
                )
            } else {
                let text = text::escape(text);
                (
                    format!("'{text}' is not one of: {expected}"),
                    format!("“{text}”不是以下之一：{expected}"),
                )
            };
            self.error(column, en, zh)
        })
    }

    /// 三公经费 / 政府采购 tags, as `parse_tags` reads them; empty → none.
    pub fn tags(
        &self,
        column: impl Into<usize> + Copy,
    ) -> Result<std::collections::BTreeSet<crate::domain::spend_tag::SpendTag>, ImportError> {
        crate::domain::spend_tag::parse_tags(self.raw(column)).map_err(|e| {
            let given = text::escape(&e.given);
            self.error(
                column,
                format!("'{given}' is not one of: {}", e.expected),
                format!("“{given}”不是以下之一：{}", e.expected),
            )
        })
    }

    pub fn optional_word<V: Vocabulary>(
        &self,
        column: impl Into<usize> + Copy,
    ) -> Result<Option<V>, ImportError> {
        if self.raw(column).is_empty() {
            Ok(None)
        } else {
            self.word(column).map(Some)
        }
    }

    /// An optional year (资金年度): `2019`, `2019年`; empty → none.
    pub fn year(&self, column: impl Into<usize> + Copy) -> Result<Option<i32>, ImportError> {
        let text = self.raw(column);
        if text.is_empty() {
            return Ok(None);
        }
        let digits = text.strip_suffix('年').unwrap_or(text);
        match digits.parse::<i32>() {
            Ok(year) if digits.len() == 4 => Ok(Some(year)),
            _ => {
                let shown = text::escape(text);
                Err(self.error(
                    column,
                    format!("'{shown}' is not a year (write e.g. 2019)"),
                    format!("“{shown}”不是年度（例如 2019）"),
                ))
            }
        }
    }

    /// A number of points (an indicator's weight): `10`, `12.5`, `10分`.
    pub fn points(&self, column: impl Into<usize> + Copy) -> Result<Decimal, ImportError> {
        let text = self.raw(column);
        if text.is_empty() {
            return Err(self.error(column, "no weight given".into(), "未填写分值".into()));
        }
        let number = text.strip_suffix('分').unwrap_or(text);
        parse_plain_decimal(number).ok_or_else(|| {
            let shown = text::escape(text);
            self.error(
                column,
                format!("'{shown}' is not a number of points (write e.g. 10 or 12.5)"),
                format!("“{shown}”不是分值（例如 10 或 12.5）"),
            )
        })
    }

    /// A record's number (an indicator's id): `12` or `#12`.
    pub fn id(&self, column: impl Into<usize> + Copy) -> Result<u64, ImportError> {
        let text = self.raw(column);
        let digits = text::for_parsing(text);
        let digits = digits.strip_prefix('#').unwrap_or(&digits);
        match digits.parse::<u64>() {
            Ok(id) if digits.bytes().all(|b| b.is_ascii_digit()) => Ok(id),
            _ if text.is_empty() => {
                Err(self.error(column, "no number given".into(), "未填写编号".into()))
            }
            _ => {
                let shown = text::escape(text);
                Err(self.error(
                    column,
                    format!("'{shown}' is not a number (write e.g. 12, as `outlay list indicators` shows)"),
                    format!("“{shown}”不是编号（例如 12，见 `outlay list indicators`）"),
                ))
            }
        }
    }

    /// An error about a cell of this row, naming the column as the file writes it.
    pub fn error(&self, column: impl Into<usize>, en: String, zh: String) -> ImportError {
        ImportError::cell(self.row, self.header.shown(column.into()), en, zh)
    }

    /// A domain rule this row breaks, placed on the column of the field at fault.
    pub fn refused(&self, refusal: &Refusal) -> ImportError {
        let field = refusal.field_name();
        let column = self
            .layout
            .columns
            .iter()
            .position(|c| c.name == field)
            .map_or(field, |i| self.header.shown(i));
        let (en, zh) = refusal_messages(refusal);
        ImportError::cell(self.row, column, en, zh)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::headers::{DISBURSEMENTS, DisbursementColumn as C};

    fn numbers(text: &str) -> Result<Vec<usize>, ImportError> {
        let rows = read_rows(
            text,
            &DISBURSEMENTS,
            &mut |_| {},
            |r| Ok(r.text(C::Voucher)),
        )?;
        Ok(rows.iter().map(|r| r.number).collect())
    }

    const HEAD: &str = "date,line,amount,payee,voucher\n";

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        let text = format!(
            "{HEAD}2021-01-01,B01,1,p,V1\n\n,,,,\n2021-01-02,B01,1,\"two\nlines\",V2\r\n2021-01-03,B01,1,p,V3\n"
        );
        // header 1, V1 2, empty line 3, blank cells 4, V2 5 (spanning two lines), V3 6
        assert_eq!(numbers(&text).unwrap(), vec![2, 5, 6]);
        let crlf = "date,line,amount,payee,voucher\r\n\r\n\r\n2021-01-01,B01,1,p,V1\r\n";
        assert_eq!(numbers(crlf).unwrap(), vec![4]);
    }

    #[test]
    fn a_row_with_another_field_count_is_named() {
        let e = numbers(&format!(
            "{HEAD}2021-01-01,B01,1,p,V1\n2021-01-01,B01,1,200.00,p,V2\n"
        ))
        .unwrap_err();
        assert_eq!(e.row, Some(3));
        assert_eq!(
            e.to_string(),
            "row 3 has 6 fields but the header has 5; a value containing a comma, \
             such as 1,200.00, must be in double quotes"
        );
        let e = numbers(&format!("{HEAD}2021-01-01,B01,1,p\n")).unwrap_err();
        assert_eq!(e.to_string(), "row 2 has 4 fields but the header has 5");
    }

    #[test]
    fn tab_separated_text_is_read_too() {
        let text = "date\tline\tamount\tpayee\tvoucher\n2021-01-01\tB01\t1,200.00\tp\tV1\n";
        assert_eq!(numbers(text).unwrap(), vec![2]);
    }

    #[test]
    fn a_file_without_header_is_empty() {
        for text in ["", "\n\n", ",,,\n"] {
            let e = numbers(text).unwrap_err();
            assert_eq!(
                e.to_string(),
                "the file is empty (expected a header row with the columns \
                 date, line, amount, payee, voucher)"
            );
        }
    }

    #[test]
    fn progress_is_reported_in_steps_and_at_the_end() {
        let mut text = HEAD.to_string();
        for i in 0..(PROGRESS_EVERY * 2 + 5) {
            text.push_str(&format!("2021-01-01,B01,1,p,V{i}\n"));
        }
        let mut calls = Vec::new();
        read_rows(&text, &DISBURSEMENTS, &mut |n| calls.push(n), |_| Ok(())).unwrap();
        assert_eq!(
            calls,
            vec![PROGRESS_EVERY, PROGRESS_EVERY * 2, PROGRESS_EVERY * 2 + 5]
        );
    }
}
