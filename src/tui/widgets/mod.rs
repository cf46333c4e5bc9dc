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

/// Items (`合计 8,757,800.00`) in rows of at most `width` cells, `gap`
/// cells apart, each kept whole: an amount is never split from its label.
pub fn pack<'a>(items: &[&'a str], width: usize, gap: usize) -> Vec<Vec<&'a str>> {
    use unicode_width::UnicodeWidthStr;
    let mut rows: Vec<Vec<&str>> = Vec::new();
    let mut used = 0;
    for item in items {
        match rows.last_mut() {
            Some(row) if used + gap + item.width() <= width => {
                row.push(item);
                used += gap + item.width();
            }
            _ => {
                rows.push(vec![item]);
                used = item.width();
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    #[test]
    fn packed_items_are_never_split() {
        let items = [
            "区级 7,285,635.00",
            "市级 0.00",
            "省级 737,740.00",
            "合计 8,757,800.00",
        ];
        assert_eq!(super::pack(&items, 78, 3), vec![items.to_vec()],);
        assert_eq!(
            super::pack(&items, 50, 3),
            vec![items[..3].to_vec(), items[3..].to_vec()],
        );
        // an item wider than the row has a row of its own
        assert_eq!(super::pack(&items, 5, 3).len(), 4);
        assert!(super::pack(&[], 5, 3).is_empty());
    }

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
