//! Spreadsheet row numbers of a CSV read as a stream. The CSV reader skips
//! empty lines and a quoted value may span lines, so neither its record count
//! nor its line count is the row a spreadsheet shows. The row is the physical
//! line a record starts on, less the line breaks inside earlier records'
//! values; finding where a record starts needs the bytes just before it,
//! which [`Tape`] keeps while the reader is there.

use std::io::{self, Read};

use csv::StringRecord;

/// Bytes the reader has passed that a [`Tape`] keeps before dropping them:
/// dropping in large steps keeps the cost per record flat.
const KEEP: usize = 1 << 20;

/// The text as the CSV reader reads it, keeping the bytes from the record
/// being numbered on (and the first line, read ahead to pick the delimiter).
pub(crate) struct Tape<R> {
    inner: R,
    /// `bytes[0]` is the text's byte `start`.
    start: usize,
    bytes: Vec<u8>,
    /// How far the reader has read.
    handed: usize,
}

impl<R: Read> Tape<R> {
    pub fn new(inner: R) -> Self {
        Tape {
            inner,
            start: 0,
            bytes: Vec::new(),
            handed: 0,
        }
    }

    /// The text's first non-blank line (or its first 64 KiB), read ahead.
    pub fn first_line(&mut self) -> io::Result<String> {
        loop {
            let text = String::from_utf8_lossy(&self.bytes);
            let first = text.lines().find(|l| !l.trim().is_empty());
            // A line is whole once a line break follows it.
            let whole = first.is_some_and(|l| {
                text.split_once(l)
                    .is_some_and(|(_, after)| after.contains('\n'))
            });
            if whole || self.bytes.len() >= 64 * 1024 {
                return Ok(first.unwrap_or("").to_string());
            }
            let first = first.unwrap_or("").to_string();
            if self.more()? == 0 {
                return Ok(first);
            }
        }
    }

    /// Reads more of the text into `bytes`; 0 at its end.
    fn more(&mut self) -> io::Result<usize> {
        let len = self.bytes.len();
        self.bytes.resize(len + 16 * 1024, 0);
        let n = loop {
            match self.inner.read(&mut self.bytes[len..]) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                other => break other,
            }
        };
        self.bytes.truncate(len + *n.as_ref().unwrap_or(&0));
        n
    }

    /// Drops what lies before byte `offset`, once there is enough of it.
    fn forget_before(&mut self, offset: usize) {
        let gone = offset.saturating_sub(self.start).min(self.bytes.len());
        if gone >= KEEP {
            self.bytes.drain(..gone);
            self.start += gone;
        }
    }

    /// The bytes kept from `offset` on.
    fn from(&self, offset: usize) -> &[u8] {
        let at = offset.saturating_sub(self.start).min(self.bytes.len());
        &self.bytes[at..]
    }
}

impl<R: Read> Read for Tape<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.handed == self.start + self.bytes.len() && self.more()? == 0 {
            return Ok(0);
        }
        let ahead = self.from(self.handed);
        let n = buf.len().min(ahead.len());
        buf[..n].copy_from_slice(&ahead[..n]);
        self.handed += n;
        Ok(n)
    }
}

/// Numbers the records of one text as a spreadsheet shows their rows.
#[derive(Default)]
pub(crate) struct RowNumbers {
    /// Where the last record's text starts; `breaks` counts the line breaks before it.
    cursor: usize,
    breaks: usize,
    /// Line breaks inside the values of the records before the cursor.
    inside: usize,
}

impl RowNumbers {
    /// The row of `record`, whose reading started at byte `from` of the tape's text.
    pub fn number<R: Read>(
        &mut self,
        tape: &mut Tape<R>,
        from: usize,
        record: &StringRecord,
    ) -> usize {
        let from = from.max(self.cursor);
        let ahead = tape.from(from);
        let blank = ahead
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        let start = from + blank;
        self.breaks += line_breaks(
            tape.from(self.cursor)
                .get(..start - self.cursor)
                .unwrap_or(&[]),
        );
        self.cursor = start;
        tape.forget_before(start);
        let number = self.breaks + 1 - self.inside;
        self.inside += line_breaks(record.as_slice().as_bytes());
        number
    }
}

fn line_breaks(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}
