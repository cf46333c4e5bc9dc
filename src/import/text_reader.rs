//! A CSV file's bytes → UTF-8 as they are read, so that a file of any size is
//! imported in constant memory. The encoding is decided as [`super::decode`]
//! decides it; where that needs the whole file (no byte-order mark, no
//! `--encoding`), [`sniff`] reads it through once first, keeping nothing.

use std::io::{self, Read};

use encoding_rs::{Decoder, DecoderResult, GB18030, UTF_16BE, UTF_16LE};

use super::decode::Encoding;
use super::error::{ImportError, Problem};

/// Bytes read from the file at a time.
const CHUNK: usize = 64 * 1024;

/// How a file's bytes are to be decoded, as [`sniff`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sniffed {
    charset: Charset,
    /// Bytes of a byte-order mark to skip.
    mark: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Charset {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// GBK's superset; `said` when the user gave the encoding, so a bad byte
    /// is named rather than the file called not text.
    Gb18030 {
        said: bool,
    },
}

/// Decides how to read a file: its first bytes do, or, for a file that is
/// neither marked nor said to be in some encoding, one pass over all of it
/// (valid UTF-8 is UTF-8; mostly UTF-8 with a stray byte is refused naming
/// the byte; else GBK). The outer error is the file failing to read.
pub fn sniff(mut file: impl Read, encoding: Encoding) -> io::Result<Result<Sniffed, ImportError>> {
    const XLSX: &[u8] = b"PK\x03\x04";
    const XLS: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let head = read_up_to(&mut file, XLS.len())?;
    if head.starts_with(XLSX) || head.starts_with(XLS) {
        return Ok(Err(ImportError::file(Problem::Workbook)));
    }
    let sniffed = |charset, mark| Ok(Ok(Sniffed { charset, mark }));
    match (encoding, head.as_slice()) {
        (Encoding::Detect | Encoding::Utf8, [0xEF, 0xBB, 0xBF, ..]) => sniffed(Charset::Utf8, 3),
        (Encoding::Detect, [0xFF, 0xFE, ..]) => sniffed(Charset::Utf16Le, 2),
        (Encoding::Detect, [0xFE, 0xFF, ..]) => sniffed(Charset::Utf16Be, 2),
        (Encoding::Utf8, _) => sniffed(Charset::Utf8, 0),
        (Encoding::Gbk, _) => sniffed(Charset::Gb18030 { said: true }, 0),
        (Encoding::Detect, _) => {
            let mut scan = Utf8Scan::default();
            scan.feed(&head, false);
            let mut chunk = vec![0; CHUNK];
            loop {
                let n = read_some(&mut file, &mut chunk)?;
                scan.feed(&chunk[..n], n == 0);
                if n == 0 {
                    break;
                }
            }
            match scan.first_bad {
                None => sniffed(Charset::Utf8, 0),
                Some(bad) if scan.good > scan.bad => Ok(Err(bad.error(false))),
                Some(_) => sniffed(Charset::Gb18030 { said: false }, 0),
            }
        }
    }
}

/// A file's text as UTF-8, decoded as it is read. A byte the encoding does
/// not allow, or a NUL, fails the read with an [`ImportError`] inside the
/// `io::Error` (see [`import_error`]), naming the byte as [`super::decode`] would.
pub struct TextReader<R> {
    raw: R,
    decoding: Decoding,
    /// Mark bytes still to skip.
    skip: usize,
    input: Vec<u8>,
    /// Decoded text not yet handed out, from `at`.
    text: Vec<u8>,
    at: usize,
    done: bool,
    /// Bytes of the file (after the mark) and line breaks in them, before `input`.
    offset: usize,
    lines: usize,
}

enum Decoding {
    Utf8(Utf8Scan),
    Other { decoder: Decoder, said_gbk: bool },
}

impl<R: Read> TextReader<R> {
    pub fn new(raw: R, sniffed: Sniffed) -> Self {
        let decoding = match sniffed.charset {
            Charset::Utf8 => Decoding::Utf8(Utf8Scan::default()),
            Charset::Utf16Le => other(UTF_16LE.new_decoder_without_bom_handling(), false),
            Charset::Utf16Be => other(UTF_16BE.new_decoder_without_bom_handling(), false),
            Charset::Gb18030 { said } => other(GB18030.new_decoder_without_bom_handling(), said),
        };
        TextReader {
            raw,
            decoding,
            skip: sniffed.mark,
            input: vec![0; CHUNK],
            text: Vec::new(),
            at: 0,
            done: false,
            offset: 0,
            lines: 0,
        }
    }

    /// Reads and decodes the next chunk of the file into `text`.
    fn refill(&mut self) -> io::Result<()> {
        let mut n = read_some(&mut self.raw, &mut self.input)?;
        // A short read means the end: `read_some` fills the buffer otherwise.
        self.done = n < self.input.len();
        let skipped = self.skip.min(n);
        self.skip -= skipped;
        self.input.copy_within(skipped..n, 0);
        n -= skipped;
        let input = &self.input[..n];
        self.text.clear();
        self.at = 0;
        match &mut self.decoding {
            Decoding::Utf8(scan) => {
                scan.feed(input, self.done);
                if let Some(bad) = scan.first_bad {
                    return Err(failed(bad.error(true)));
                }
                self.text.extend_from_slice(input);
            }
            Decoding::Other { decoder, said_gbk } => {
                let room = decoder
                    .max_utf8_buffer_length_without_replacement(n)
                    .unwrap_or(n * 3 + 16);
                self.text.resize(room, 0);
                let (result, read, written) =
                    decoder.decode_to_utf8_without_replacement(input, &mut self.text, self.done);
                self.text.truncate(written);
                if let DecoderResult::Malformed(bad, after) = result {
                    if !*said_gbk {
                        return Err(failed(ImportError::file(Problem::NotText)));
                    }
                    let at = read.saturating_sub(usize::from(bad) + usize::from(after));
                    let bad = Bad {
                        offset: self.offset + at,
                        line: self.lines + line_breaks(&input[..at]) + 1,
                    };
                    return Err(failed(bad.gbk_error()));
                }
            }
        }
        if self.text.contains(&0) {
            return Err(failed(ImportError::file(Problem::NotText)));
        }
        self.offset += n;
        self.lines += line_breaks(input);
        Ok(())
    }
}

impl<R: Read> Read for TextReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at == self.text.len() && !self.done {
            self.refill()?;
        }
        let n = buf.len().min(self.text.len() - self.at);
        buf[..n].copy_from_slice(&self.text[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// The [`ImportError`] a [`TextReader`] failed with, if that is why `error` happened.
pub fn import_error(error: &io::Error) -> Option<ImportError> {
    error.get_ref()?.downcast_ref::<ImportError>().cloned()
}

fn failed(error: ImportError) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, error)
}

fn other(decoder: Decoder, said_gbk: bool) -> Decoding {
    Decoding::Other { decoder, said_gbk }
}

fn line_breaks(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// Reads until `buf` is full or the file ends; retries an interrupted read.
fn read_some(file: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

fn read_up_to(file: &mut impl Read, n: usize) -> io::Result<Vec<u8>> {
    let mut head = vec![0; n];
    let got = read_some(file, &mut head)?;
    head.truncate(got);
    Ok(head)
}

/// Where a byte the encoding does not allow is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Bad {
    offset: usize,
    line: usize,
}

impl Bad {
    /// `declared`: the file says (a mark) or the user says it is UTF-8.
    fn error(self, declared: bool) -> ImportError {
        ImportError {
            row: Some(self.line),
            column: None,
            problem: Problem::Undecodable {
                encoding: "UTF-8",
                offset: self.offset,
                mostly_utf8: !declared,
            },
        }
    }

    fn gbk_error(self) -> ImportError {
        ImportError {
            row: Some(self.line),
            column: None,
            problem: Problem::Undecodable {
                encoding: "GBK",
                offset: self.offset,
                mostly_utf8: false,
            },
        }
    }
}

/// UTF-8 checked chunk by chunk: where it first breaks, and how many
/// well-formed multi-byte characters against ill-formed sequences it holds
/// (GBK breaks UTF-8's rules at most of its characters; UTF-8 with a stray
/// byte breaks them once).
#[derive(Default)]
struct Utf8Scan {
    /// A character cut by the end of the last chunk.
    carry: Vec<u8>,
    /// Bytes and line breaks before `carry`.
    offset: usize,
    lines: usize,
    good: usize,
    bad: usize,
    first_bad: Option<Bad>,
}

impl Utf8Scan {
    fn feed(&mut self, chunk: &[u8], last: bool) {
        let joined;
        let bytes = if self.carry.is_empty() {
            chunk
        } else {
            joined = [self.carry.as_slice(), chunk].concat();
            &joined
        };
        let mut rest = bytes;
        let mut carry = Vec::new();
        while !rest.is_empty() {
            let (valid, error) = match std::str::from_utf8(rest) {
                Ok(text) => (text, None),
                Err(e) => (
                    // valid_up_to is a char boundary, so this cannot fail
                    std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or_default(),
                    Some(e),
                ),
            };
            self.good += valid.chars().filter(|c| !c.is_ascii()).count();
            let Some(e) = error else { break };
            let at = bytes.len() - rest.len() + e.valid_up_to();
            match e.error_len() {
                // a character the next chunk completes
                None if !last => {
                    carry = bytes[at..].to_vec();
                    rest = &[];
                    continue;
                }
                len => {
                    self.bad += 1;
                    let (offset, lines) = (self.offset, self.lines);
                    self.first_bad.get_or_insert_with(|| Bad {
                        offset: offset + at,
                        line: lines + line_breaks(&bytes[..at]) + 1,
                    });
                    let skip = len.unwrap_or(rest.len() - e.valid_up_to());
                    rest = &rest[e.valid_up_to() + skip..];
                }
            }
        }
        let used = bytes.len() - carry.len();
        self.offset += used;
        self.lines += line_breaks(&bytes[..used]);
        self.carry = carry;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::decode_as;

    /// The text as a TextReader reads it, in chunks of `CHUNK`, or its error.
    fn streamed(bytes: &[u8], encoding: Encoding) -> Result<String, ImportError> {
        let sniffed = sniff(bytes, encoding).unwrap()?;
        let mut text = String::new();
        TextReader::new(bytes, sniffed)
            .read_to_string(&mut text)
            .map_err(|e| import_error(&e).expect("an import error"))?;
        Ok(text)
    }

    /// Each sample reads as `decode_as` reads it, or fails as it fails.
    #[test]
    fn streaming_reads_as_decode_does() {
        let sample = "指标编码,金额\nP01,129.5万\n".repeat(5000); // past a chunk
        let (gbk, _, _) = encoding_rs::GBK.encode(&sample);
        let marked = [b"\xEF\xBB\xBF".as_slice(), sample.as_bytes()].concat();
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(sample.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let mut stray = sample.as_bytes().to_vec();
        stray.insert(CHUNK + 7, 0x81);
        let mut bad_gbk = gbk.to_vec();
        bad_gbk.insert(CHUNK + 3, 0xFF);
        let samples: Vec<(&[u8], Encoding)> = vec![
            (sample.as_bytes(), Encoding::Detect),
            (&marked, Encoding::Detect),
            (&gbk, Encoding::Detect),
            (&gbk, Encoding::Gbk),
            (&gbk, Encoding::Utf8),
            (&le, Encoding::Detect),
            (&stray, Encoding::Detect),
            (&stray, Encoding::Utf8),
            (&bad_gbk, Encoding::Gbk),
            (&bad_gbk, Encoding::Detect),
            (b"code\0,1\n", Encoding::Detect),
            (b"PK\x03\x04\x14\x00\x06\x00", Encoding::Detect),
            (b"", Encoding::Detect),
        ];
        for (i, (bytes, encoding)) in samples.into_iter().enumerate() {
            assert_eq!(
                streamed(bytes, encoding),
                decode_as(bytes, encoding),
                "sample {i}"
            );
        }
    }
}
