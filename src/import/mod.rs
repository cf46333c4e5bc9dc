//! CSV import: bytes → typed rows of the domain, with errors that name the row
//! and the column. Pure: no store, no printing.
//!
//! ```text
//! let text = decode(&bytes)?;                        // UTF-8, GBK, UTF-16 …
//! let rows = parse_disbursements(&text, year, &mut |done| bar.set_position(done as u64))?;
//! ```
//!
//! A file of disbursements can be streamed instead, in constant memory:
//!
//! ```text
//! let sniffed = sniff(File::open(path)?, Encoding::Detect)??;   // one pass, kept nothing
//! let text = TextReader::new(File::open(path)?, sniffed);       // decoded as read
//! stream_disbursements(text, year, &mut |_| {}, &mut |row| store(row))?;
//! ```
//!
//! Each parser reads one file kind (the columns are in [`headers`]) and stops
//! at the first error: import is all-or-nothing, so the first error is the one
//! to fix. A returned row has passed every check that needs no stored data
//! (the domain's `check_*` rules); the ledger still checks what does — that a
//! line exists, that a voucher is not already stored — and can report its
//! refusals in the same form with [`ImportError::refused`] and [`Row::number`].
//!
//! Progress: every parser calls `progress(rows_done)` every
//! [`PROGRESS_EVERY`] rows and once at the end; [`row_estimate`] gives a cheap
//! total for the bar. Pass `&mut |_| {}` to ignore it.

mod decode;
mod error;
pub mod headers;
mod parse;
mod row_numbers;
mod table;
mod text_reader;

pub use decode::{Encoding, decode, decode_as};
pub use error::{ImportError, Problem};
pub use parse::{
    parse_adjustments, parse_disbursements, parse_indicators, parse_lines, parse_progress,
    parse_project_facts, parse_schedule, stream_disbursements,
};
pub use table::{Halt, PROGRESS_EVERY};
pub use text_reader::{Sniffed, TextReader, import_error, sniff};

/// One parsed row and where it came from.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Row<T> {
    /// The row as a spreadsheet numbers it: the header is row 1, the first
    /// data row 2; blank rows count, as they do on screen.
    pub number: usize,
    pub value: T,
}

// A parsed row keeps its number; its value is normalised as the ledger stores it.
impl<T: crate::domain::input::Normalise> crate::domain::input::Normalise for Row<T> {
    fn normalised(self) -> Self {
        Row {
            number: self.number,
            value: self.value.normalised(),
        }
    }
}

/// The number of lines after the first: the data rows a progress bar can
/// expect. Cheap (one pass over the bytes); an over-count when the file has
/// blank lines or values spanning lines.
pub fn row_estimate(text: &str) -> usize {
    text.trim_end().bytes().filter(|&b| b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_estimate_counts_data_lines() {
        assert_eq!(row_estimate("a,b\n1,2\n3,4\n"), 2);
        assert_eq!(row_estimate("a,b\r\n1,2\r\n3,4"), 2);
        assert_eq!(row_estimate("a,b\n"), 0);
        assert_eq!(row_estimate(""), 0);
    }
}
