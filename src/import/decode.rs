//! Bytes → text. Spreadsheets in China save CSV as GBK (Excel, WPS), as UTF-8
//! with or without a byte-order mark, or as UTF-16 ("Unicode text").

use std::borrow::Cow;

use encoding_rs::{DecoderResult, Encoding as Charset, GB18030, UTF_16BE, UTF_16LE};

use super::error::{ImportError, Problem};

/// How to read a file's bytes: detected, or as the user says (`--encoding`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    #[default]
    Detect,
    Utf8,
    /// GBK, read as GB18030 (its superset, and GB2312's).
    Gbk,
}

/// Decodes a CSV file's bytes, whatever a spreadsheet saved them as.
///
/// In order: a byte-order mark decides (UTF-8, UTF-16 LE, UTF-16 BE); else
/// valid UTF-8 is UTF-8; else the bytes are GB18030 (the superset of GBK and
/// GB2312) if they decode cleanly as such *and* are not mostly UTF-8: a file
/// of UTF-8 with a stray byte is refused, naming the line and byte of the
/// stray byte, rather than read as GBK (which would turn every Chinese
/// character into another one). Decoding is strict: nothing is replaced by
/// `�`. Text containing NUL is binary (or BOM-less UTF-16) and is refused
/// too. The mark itself is not part of the result.
pub fn decode(bytes: &[u8]) -> Result<String, ImportError> {
    decode_as(bytes, Encoding::Detect)
}

/// [`decode`] in a given encoding (a UTF-8 mark is still dropped), or detected.
pub fn decode_as(bytes: &[u8], encoding: Encoding) -> Result<String, ImportError> {
    const XLSX: &[u8] = b"PK\x03\x04";
    const XLS: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(XLSX) || bytes.starts_with(XLS) {
        return Err(ImportError::file(Problem::Workbook));
    }
    let text = match (encoding, bytes) {
        (Encoding::Detect | Encoding::Utf8, [0xEF, 0xBB, 0xBF, rest @ ..]) => {
            utf8(rest).map_err(|offset| not_utf8(rest, offset, true))?
        }
        (Encoding::Detect, [0xFF, 0xFE, rest @ ..]) => utf16(UTF_16LE, rest)?,
        (Encoding::Detect, [0xFE, 0xFF, rest @ ..]) => utf16(UTF_16BE, rest)?,
        (Encoding::Utf8, _) => utf8(bytes).map_err(|offset| not_utf8(bytes, offset, true))?,
        (Encoding::Gbk, _) => gb18030(bytes).map_err(|offset| not_gbk(bytes, offset))?,
        (Encoding::Detect, _) => match utf8(bytes) {
            Ok(text) => text,
            Err(offset) if mostly_utf8(bytes) => return Err(not_utf8(bytes, offset, false)),
            Err(_) => gb18030(bytes).map_err(|_| ImportError::file(Problem::NotText))?,
        },
    };
    if text.contains('\0') {
        return Err(ImportError::file(Problem::NotText));
    }
    Ok(text)
}

/// The text, or the offset of the first byte that is not UTF-8.
fn utf8(bytes: &[u8]) -> Result<String, usize> {
    std::str::from_utf8(bytes)
        .map(str::to_owned)
        .map_err(|e| e.valid_up_to())
}

fn utf16(charset: &'static Charset, bytes: &[u8]) -> Result<String, ImportError> {
    charset
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(Cow::into_owned)
        .ok_or_else(|| ImportError::file(Problem::NotText))
}

/// The text, or the offset of the first byte sequence that is not GB18030.
fn gb18030(bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(2));
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        DecoderResult::InputEmpty => Ok(text),
        DecoderResult::Malformed(bad, after) => {
            Err(read.saturating_sub(usize::from(bad) + usize::from(after)))
        }
        DecoderResult::OutputFull => Err(read),
    }
}

/// Whether the bytes hold more well-formed multi-byte UTF-8 characters than
/// ill-formed sequences. GBK text breaks UTF-8's rules at most of its
/// characters; UTF-8 with a stray byte breaks them once.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(text) => {
                good += text.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let valid = std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or_default();
                good += valid.chars().filter(|c| !c.is_ascii()).count();
                bad += 1;
                let skip = e.error_len().unwrap_or(rest.len() - e.valid_up_to());
                rest = &rest[e.valid_up_to() + skip..];
            }
        }
    }
    good > bad
}

/// The line (1-based) a byte offset falls on.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn not_utf8(bytes: &[u8], offset: usize, declared: bool) -> ImportError {
    ImportError {
        row: Some(line_of(bytes, offset)),
        column: None,
        problem: Problem::Undecodable {
            encoding: "UTF-8",
            offset,
            mostly_utf8: !declared,
        },
    }
}

fn not_gbk(bytes: &[u8], offset: usize) -> ImportError {
    ImportError {
        row: Some(line_of(bytes, offset)),
        column: None,
        problem: Problem::Undecodable {
            encoding: "GBK",
            offset,
            mostly_utf8: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "指标编码,金额\nP01,129.5万\n";

    #[test]
    fn utf8_with_and_without_mark() {
        assert_eq!(decode(SAMPLE.as_bytes()).unwrap(), SAMPLE);
        let marked = [b"\xEF\xBB\xBF".as_slice(), SAMPLE.as_bytes()].concat();
        assert_eq!(decode(&marked).unwrap(), SAMPLE);
    }

    #[test]
    fn gbk_as_excel_saves_it() {
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(SAMPLE);
        assert!(!unmappable);
        assert!(
            std::str::from_utf8(&gbk).is_err(),
            "the sample must not be UTF-8"
        );
        assert_eq!(decode(&gbk).unwrap(), SAMPLE);
    }

    #[test]
    fn utf16_with_mark() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(SAMPLE.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le).unwrap(), SAMPLE);
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(SAMPLE.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be).unwrap(), SAMPLE);
    }

    #[test]
    fn refuses_what_is_not_text() {
        // 0xFF never occurs in GBK or UTF-8
        let e = decode(b"code,amount\n\xFF\xFF,1\n").unwrap_err();
        assert_eq!(e.to_string(), "the file is neither UTF-8 nor GBK text");
        assert_eq!(e.problem, Problem::NotText);
        // UTF-16 without its mark is valid UTF-8 full of NULs
        let bare: Vec<u8> = "code".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&bare).unwrap_err().problem, Problem::NotText);
        // a mark that lies
        assert_eq!(
            decode(b"\xEF\xBB\xBFcode\xFF").unwrap_err().problem,
            Problem::Undecodable {
                encoding: "UTF-8",
                offset: 4,
                mostly_utf8: false
            }
        );
    }

    #[test]
    fn a_stray_byte_in_utf8_is_named_not_read_as_gbk() {
        let mut bytes = "line,payee\nP01,某某劳务公司\nP02,某某劳务公司\n"
            .as_bytes()
            .to_vec();
        // 0x81 before `P` is a GBK character, and the rest pairs up as GBK too
        let at = bytes.len() - 23;
        assert_eq!(bytes[at], b'P');
        bytes.insert(at, 0x81);
        // GB18030 would read it, into nonsense
        assert!(
            GB18030
                .decode_without_bom_handling_and_without_replacement(&bytes)
                .is_some()
        );
        let e = decode(&bytes).unwrap_err();
        assert_eq!(e.row, Some(3));
        assert_eq!(
            e.problem,
            Problem::Undecodable {
                encoding: "UTF-8",
                offset: at,
                mostly_utf8: true
            }
        );
        assert!(
            e.to_string()
                .starts_with(&format!("row 3 (byte offset {at}): not valid UTF-8")),
            "{e}"
        );
        // and said to be GBK, it is read as such
        assert!(decode_as(&bytes, Encoding::Gbk).is_ok());
    }

    #[test]
    fn the_encoding_can_be_given() {
        let (gbk, _, _) = encoding_rs::GBK.encode(SAMPLE);
        let e = decode_as(&gbk, Encoding::Utf8).unwrap_err();
        assert_eq!(e.row, Some(1));
        assert!(matches!(
            e.problem,
            Problem::Undecodable {
                encoding: "UTF-8",
                ..
            }
        ));
        assert_eq!(decode_as(&gbk, Encoding::Gbk).unwrap(), SAMPLE);
        let e = decode_as(b"code\n\x81\x20x\n", Encoding::Gbk).unwrap_err();
        assert_eq!(e.row, Some(2));
        assert!(e.to_string().contains("not valid GBK"), "{e}");
        let marked = [b"\xEF\xBB\xBF".as_slice(), SAMPLE.as_bytes()].concat();
        assert_eq!(decode_as(&marked, Encoding::Utf8).unwrap(), SAMPLE);
    }

    #[test]
    fn refuses_a_workbook_by_name() {
        let e = decode(b"PK\x03\x04\x14\x00\x06\x00").unwrap_err();
        assert_eq!(e.problem, Problem::Workbook);
        assert!(e.to_string().contains("Excel workbook"), "{e}");
    }
}
