//! A one-line text input that edits by characters, not bytes, and measures
//! by display width, so Chinese text edits and aligns correctly.

use unicode_width::UnicodeWidthStr;

use crate::tui::keymap::Action;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    /// Cursor position in characters.
    cursor: usize,
}

impl TextInput {
    pub fn new(text: &str) -> TextInput {
        TextInput {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn set(&mut self, text: &str) {
        *self = TextInput::new(text);
    }

    /// Replaces characters one for one, the cursor staying where it is.
    pub fn map_chars(&mut self, f: impl Fn(char) -> char) {
        self.text = self.text.chars().map(f).collect();
    }

    fn byte_index(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }

    pub fn insert(&mut self, c: char) {
        let at = self.byte_index(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    /// Applies an editing action; returns whether it was one.
    pub fn edit(&mut self, action: Action) -> bool {
        let len = self.text.chars().count();
        match action {
            Action::Left => self.cursor = self.cursor.saturating_sub(1),
            Action::Right => self.cursor = (self.cursor + 1).min(len),
            Action::Home => self.cursor = 0,
            Action::End => self.cursor = len,
            Action::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                let at = self.byte_index(self.cursor);
                self.text.remove(at);
            }
            Action::Delete if self.cursor < len => {
                let at = self.byte_index(self.cursor);
                self.text.remove(at);
            }
            Action::Clear => *self = TextInput::default(),
            Action::Backspace | Action::Delete => {}
            _ => return false,
        }
        true
    }

    /// The part of the text a field `width` columns wide shows, scrolled so
    /// the cursor stays in view, and the cursor's column within it.
    pub fn visible(&self, width: u16) -> (String, u16) {
        let chars: Vec<char> = self.text.chars().collect();
        let mut start = 0;
        let width_of = |from: usize, to: usize| chars[from..to].iter().collect::<String>().width();
        while start < self.cursor && width_of(start, self.cursor) >= usize::from(width.max(1)) {
            start += 1;
        }
        let mut shown = String::new();
        for c in &chars[start..] {
            if (shown.width() + c.to_string().width()) > usize::from(width) {
                break;
            }
            shown.push(*c);
        }
        (
            shown,
            u16::try_from(width_of(start, self.cursor)).unwrap_or(u16::MAX),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_value_scrolls_to_keep_the_cursor_in_view() {
        let input = TextInput::new("攀枝花市仁和区聚力劳务派遣有限公司");
        let (shown, cursor) = input.visible(10);
        assert_eq!((shown.as_str(), cursor), ("有限公司", 8));
        let mut start = input.clone();
        start.edit(Action::Home);
        assert_eq!(start.visible(10), ("攀枝花市仁".to_string(), 0));
    }

    #[test]
    fn edits_chinese_by_character_and_measures_by_width() {
        let mut input = TextInput::new("救援");
        assert_eq!(input.visible(u16::MAX).1, 4);
        input.edit(Action::Left);
        input.insert('队');
        assert_eq!(input.text(), "救队援");
        assert_eq!(input.visible(u16::MAX).1, 4);
        input.edit(Action::Backspace);
        input.edit(Action::Delete);
        assert_eq!(input.text(), "救");
        input.edit(Action::Home);
        input.edit(Action::Backspace);
        assert_eq!(input.text(), "救");
        assert!(input.edit(Action::Clear));
        assert_eq!(input.text(), "");
        assert!(!input.edit(Action::Quit));
    }
}
