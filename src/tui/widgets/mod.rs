//! Widgets of the TUI that are not a tab: tables, gauges, text input.

pub mod gauge;
pub mod grid;
pub mod input;
pub mod light;

/// Stored text as one row of the screen: control, bidi and invisible
/// characters written out (`\u{202e}`), so no stored string can reorder or
/// hide what is drawn around it, and line breaks shown as spaces.
pub fn one_line(text: &str) -> String {
    crate::domain::text::escape(text).replace(['\n', '\t'], " ")
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
}
