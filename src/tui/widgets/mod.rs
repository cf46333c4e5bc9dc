//! Widgets of the TUI that are not a tab: tables, gauges, text input.

pub mod gauge;
pub mod grid;
pub mod input;
pub mod light;
pub mod title;

/// Stored text as one row of the screen: control, bidi and invisible
/// characters written out (`\u{202e}`), so no stored string can reorder or
/// hide what is drawn around it, and line breaks shown as spaces.
pub fn one_line(text: &str) -> String {
    crate::domain::text::escape(text).replace(['\n', '\t'], " ")
}

/// A text in rows of at most `width` cells, broken after a space where one
/// is near, else between characters (Chinese has no spaces). Nothing is lost.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    let width = width.max(2);
    let mut rows = Vec::new();
    let mut row = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            // Carry a word cut in two to the next row when it started late in this one.
            let carried = match row.rfind(' ') {
                Some(at) if row[at..].width() < width / 3 => row.split_off(at + 1),
                _ => String::new(),
            };
            rows.push(row.trim_end().to_string());
            used = carried.width();
            row = carried;
        }
        row.push(c);
        used += w;
    }
    if !row.is_empty() || rows.is_empty() {
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    #[test]
    fn stored_text_is_drawn_on_one_line_with_unsafe_characters_written_out() {
        assert_eq!(
            super::one_line("某\u{1b}[2J公司\n二"),
            "某\\u{1b}[2J公司 二"
        );
        assert_eq!(super::one_line("a\u{202e}b"), "a\\u{202e}b");
    }

    #[test]
    fn wrapping_keeps_every_character_and_breaks_english_between_words() {
        use unicode_width::UnicodeWidthStr;
        let rows = super::wrap("将超支：B01 余额 1,000.00 元，本次 2,000.00 元", 12);
        assert!(rows.iter().all(|r| r.width() <= 12), "{rows:?}");
        assert_eq!(
            rows.concat().replace(' ', ""),
            "将超支：B01余额1,000.00元，本次2,000.00元"
        );
        assert_eq!(
            super::wrap("save again to record it", 12),
            vec!["save again", "to record it"]
        );
        assert_eq!(super::wrap("", 10), vec![String::new()]);
    }
}
