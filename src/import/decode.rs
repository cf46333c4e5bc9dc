//! Bytes → text. Spreadsheets in China save CSV as GBK (Excel, WPS), as UTF-8
//! with or without a byte-order mark, or as UTF-16 ("Unicode text").

use std::borrow::Cow;

use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};

use super::error::{ImportError, Problem};

/// Decodes a CSV file's bytes, whatever a spreadsheet saved them as.
///
/// In order: a byte-order mark decides (UTF-8, UTF-16 LE, UTF-16 BE); else
/// valid UTF-8 is UTF-8; else the bytes are read as GB18030, the superset of
/// GBK and GB2312. Decoding is strict: a byte sequence that is not valid in the
/// chosen encoding refuses the file rather than importing replacement
/// characters (`�`) into the ledger. Text containing NUL is binary (or BOM-less
/// UTF-16) and is refused too. The mark itself is not part of the result.
pub fn decode(bytes: &[u8]) -> Result<String, ImportError> {
    const XLSX: &[u8] = b"PK\x03\x04";
    const XLS: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(XLSX) || bytes.starts_with(XLS) {
        return Err(ImportError::file(Problem::Workbook));
    }
    let text = match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => std::str::from_utf8(rest).ok().map(str::to_owned),
        [0xFF, 0xFE, rest @ ..] => UTF_16LE
            .decode_without_bom_handling_and_without_replacement(rest)
            .map(Cow::into_owned),
        [0xFE, 0xFF, rest @ ..] => UTF_16BE
            .decode_without_bom_handling_and_without_replacement(rest)
            .map(Cow::into_owned),
        _ => match std::str::from_utf8(bytes) {
            Ok(text) => Some(text.to_owned()),
            Err(_) => GB18030
                .decode_without_bom_handling_and_without_replacement(bytes)
                .map(Cow::into_owned),
        },
    };
    match text {
        Some(text) if !text.contains('\0') => Ok(text),
        _ => Err(ImportError::file(Problem::NotText)),
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
            Problem::NotText
        );
    }

    #[test]
    fn refuses_a_workbook_by_name() {
        let e = decode(b"PK\x03\x04\x14\x00\x06\x00").unwrap_err();
        assert_eq!(e.problem, Problem::Workbook);
        assert!(e.to_string().contains("Excel workbook"), "{e}");
    }
}
