//! A list to pick one entry from (a project whose form to open, a form's
//! text to write), moved with the list keys, taken with open, left with back.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::domain::facts::FactField;
use crate::tui::draw::{centered, clear_popup};
use crate::tui::keymap::{Action, Keymap};
use crate::tui::tabs::Render;
use crate::tui::widgets::one_line;

/// What the choice is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// The project whose form the Summary tab shows; entries are project names.
    Project,
    /// Which text of this project's form to write.
    Fact(String),
    /// Which section of the department's report to write.
    Note,
}

#[derive(Clone, Debug)]
pub struct Entry {
    /// What choosing it means: a project's name, a field's code.
    pub key: String,
    pub label: String,
    /// Beside the label: how much is missing, what is written.
    pub note: String,
    /// The note calls for attention (something missing).
    pub warn: bool,
}

#[derive(Clone, Debug)]
pub struct Chooser {
    pub title: String,
    pub purpose: Purpose,
    pub entries: Vec<Entry>,
    pub selected: usize,
}

impl Chooser {
    pub fn new(title: String, purpose: Purpose, entries: Vec<Entry>) -> Chooser {
        Chooser {
            title,
            purpose,
            entries,
            selected: 0,
        }
    }

    /// Selects the entry with this key, if there is one.
    pub fn select(&mut self, key: &str) {
        if let Some(n) = self.entries.iter().position(|e| e.key == key) {
            self.selected = n;
        }
    }

    pub fn chosen(&self) -> Option<&Entry> {
        self.entries.get(self.selected)
    }

    /// Moves by a list key; false for any other.
    pub fn act(&mut self, action: Action) -> bool {
        let last = self.entries.len().saturating_sub(1);
        let by = |n: isize, s: usize| s.saturating_add_signed(n).min(last);
        self.selected = match action {
            Action::Up => by(-1, self.selected),
            Action::Down => by(1, self.selected),
            Action::PageUp => by(-10, self.selected),
            Action::PageDown => by(10, self.selected),
            Action::First => 0,
            Action::Last => last,
            _ => return false,
        };
        true
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, r: Render, keys: &Keymap) {
        let label_width = self
            .entries
            .iter()
            .map(|e| one_line(&e.label).width())
            .max()
            .unwrap_or(0);
        let popup = centered(area, 76, self.entries.len() as u16 + 2);
        clear_popup(frame, popup);
        let hint = format!(
            " {} {} · {} {} ",
            keys.hint(Action::Open),
            r.pick("选定", "choose"),
            keys.hint(Action::Back),
            r.pick("取消", "cancel"),
        );
        let block = Block::bordered()
            .title(format!(" {} ", self.title))
            .title_bottom(hint)
            .border_style(Style::default().fg(Color::Cyan));
        let height = usize::from(block.inner(popup).height).max(1);
        let top = self.selected.saturating_sub(height - 1);
        let lines: Vec<Line> = self
            .entries
            .iter()
            .enumerate()
            .skip(top)
            .take(height)
            .map(|(n, e)| {
                let label = one_line(&e.label);
                let pad = " ".repeat(label_width.saturating_sub(label.width()));
                let (mark, style) = if n == self.selected {
                    (
                        "›",
                        Style::default()
                            .fg(Color::Yellow)
                            .add_modifier(Modifier::BOLD | Modifier::REVERSED),
                    )
                } else {
                    (" ", Style::default())
                };
                let note_style = if e.warn {
                    Style::default().fg(Color::Yellow)
                } else {
                    Style::default().fg(Color::Green)
                };
                Line::from(vec![
                    Span::raw(mark),
                    Span::styled(format!("{label}{pad}"), style),
                    Span::styled(format!("  {}", one_line(&e.note)), note_style),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines).block(block), popup);
    }
}

/// The field a fact chooser's entry names.
pub fn fact_field(key: &str) -> Option<FactField> {
    use crate::domain::Vocabulary;
    FactField::ALL.iter().copied().find(|f| f.code() == key)
}
