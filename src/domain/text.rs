//! Text as the ledger keeps and compares it, and as a terminal may show it.
//!
//! A voucher pasted from a web page, a PDF or a spreadsheet can carry a
//! byte-order mark, a zero-width space or a soft hyphen that no one sees, or
//! come in full-width letters (`Ｖ0001`): kept as typed, each would be a new
//! voucher that looks like a stored one. So codes (line codes, vouchers,
//! contract numbers, account numbers) are stored and compared in one form,
//! [`code`]: NFKC (full-width → ASCII), invisible characters removed,
//! trimmed. Free text ([`plain`]) keeps its characters (NFKC would turn the
//! full-width brackets of a document number into ASCII ones) but loses the
//! invisible ones and its surrounding spaces.

use std::borrow::Cow;
use std::fmt::Write as _;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// Characters that take no space on screen and that no one means to type:
/// the format characters (Unicode category Cf: soft hyphen, zero-width space
/// and joiners, bidirectional marks, word joiner, BOM …) and the other
/// default-ignorable code points (variation selectors, Hangul fillers, tags).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// A code as stored and compared: NFKC, invisible characters removed, trimmed.
/// `Ｖ0001`, `V0001\u{200b}`, `\u{feff}V0001` and `V\u{00ad}0001` are all `V0001`.
pub fn code(text: &str) -> String {
    let visible = without_invisible(text);
    // Most codes are NFKC already (ASCII always is): the quick check skips
    // the decomposition, a tenth of a million-row import.
    if is_nfkc_quick(visible.chars()) == IsNormalized::Yes {
        return visible.trim().to_string();
    }
    let folded: String = visible.nfkc().filter(|&c| !is_invisible(c)).collect();
    folded.trim().to_string()
}

fn without_invisible(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_invisible) {
        Cow::Owned(text.chars().filter(|&c| !is_invisible(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// Free text as stored: invisible characters removed, trimmed; otherwise as typed.
pub fn plain(text: &str) -> String {
    without_invisible(text).trim().to_string()
}

/// Full-width digits and signs read as ASCII ones (their NFKC form), for
/// parsing numbers and dates: `１２３` → `123`, `，` → `,`, `￥` → `¥`, the
/// ideographic space → a space. Only the full-width forms are folded: other
/// compatibility characters keep their look, so `1²` or `①` is refused
/// rather than read as `12` or `1`. Surrounding spaces and invisible
/// characters are dropped; invisible characters inside are kept, so that the
/// parser refuses them.
pub fn for_parsing(text: &str) -> Cow<'_, str> {
    let edges = |c: char| c.is_whitespace() || is_invisible(c);
    let trimmed = text.trim_matches(edges);
    if trimmed.is_ascii() {
        return Cow::Borrowed(trimmed);
    }
    let full_width = |c: char| c == '\u{3000}' || ('\u{FF01}'..='\u{FFEE}').contains(&c);
    let mut folded = String::with_capacity(trimmed.len());
    for c in trimmed.chars() {
        if full_width(c) {
            folded.extend(std::iter::once(c).nfkc());
        } else {
            folded.push(c);
        }
    }
    Cow::Owned(folded.trim_matches(edges).to_string())
}

/// Stored text made safe to print on a terminal: control characters (ESC,
/// CR, BEL …, but not line breaks and tabs) and invisible ones are shown as
/// `\u{1b}`, so a value can neither move the cursor nor hide what it is.
pub fn escape(text: &str) -> Cow<'_, str> {
    // The line and paragraph separators break a line as \n does, where no
    // line break is expected; they are written out too.
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || is_invisible(c)
            || matches!(c, '\u{2028}' | '\u{2029}')
    };
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            let _ = write!(shown, "\\u{{{:x}}}", u32::from(c));
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn look_alike_vouchers_are_one_code() {
        for typed in [
            "V0001",
            "Ｖ０００１",
            "Ｖ0001",
            "V0001\u{200b}",
            "\u{feff}V0001",
            "V\u{00ad}0001",
            "V\u{2060}0001",
            "V\u{200d}0001\u{200c}",
            " V0001\u{3000}",
        ] {
            assert_eq!(code(typed), "V0001", "{typed:?}");
        }
        assert_eq!(code("记-2021-05-0012"), "记-2021-05-0012");
    }

    #[test]
    fn plain_text_keeps_its_characters_but_not_invisible_ones() {
        assert_eq!(
            plain(" 仁财预〔2021〕45号（追加）\u{200b}"),
            "仁财预〔2021〕45号（追加）"
        );
        assert_eq!(plain("\u{feff}某某劳务公司"), "某某劳务公司");
    }

    #[test]
    fn parsing_reads_full_width_digits() {
        assert_eq!(for_parsing("１２３"), "123");
        assert_eq!(for_parsing("\u{feff} 2021-06-30 "), "2021-06-30");
        assert_eq!(for_parsing("1\u{200b}23"), "1\u{200b}23");
        assert_eq!(for_parsing("￥１，２００"), "¥1,200");
        assert_eq!(for_parsing("1²①"), "1²①");
    }

    #[test]
    fn escape_shows_control_and_invisible_characters() {
        assert_eq!(escape("\u{1b}[2J人\r"), "\\u{1b}[2J人\\u{d}");
        assert_eq!(escape("a\u{202e}b"), "a\\u{202e}b");
        assert_eq!(escape("行一\n行二\t"), "行一\n行二\t");
        assert_eq!(escape("a\u{2028}b\u{2029}"), "a\\u{2028}b\\u{2029}");
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
    }

    proptest! {
        #[test]
        fn code_is_idempotent_and_has_no_invisible_characters(s in "\\PC{0,20}[\u{200b}\u{feff}\u{ad}]?\\PC{0,5}") {
            let once = code(&s);
            prop_assert_eq!(code(&once), once.clone());
            prop_assert!(!once.chars().any(is_invisible));
        }

        /// The quick check only skips work: a code comes out as the full
        /// NFKC fold makes it, for text in and out of NFKC alike.
        #[test]
        fn code_is_the_full_fold(s in "[A-Za-z0-9-]{0,6}[\u{ff10}-\u{ff5a}\u{2460}\u{2075}\u{200b}\u{3000}e\u{301}]?\\PC{0,8}") {
            let visible: String = s.chars().filter(|&c| !is_invisible(c)).collect();
            let full: String = visible.nfkc().filter(|&c| !is_invisible(c)).collect();
            prop_assert_eq!(code(&s), full.trim());
        }

        #[test]
        fn escaped_text_has_no_control_characters(s in "\\PC*[\u{0}-\u{1f}\u{7f}-\u{9f}]?\\PC*") {
            prop_assert!(!escape(&s).chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
        }
    }
}
