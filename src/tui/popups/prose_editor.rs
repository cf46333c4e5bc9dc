//! The multi-line editor of prose, on ratatui-textarea: a text of a
//! project's form (its 实施单位, goals, 实施内容, conclusion, problems,
//! improvements, who signs it), why a project is behind (偏差原因), a section
//! of the department's report, or a prose field of a form (an indicator's
//! reason, a monitoring return's reason and rectification). It opens showing
//! the whole text, the cursor at its end. Enter starts a new line; the save
//! key writes the text (through the ledger, or back into the form); the
//! close key leaves at once when nothing changed and otherwise asks to be
//! pressed again, so typed text is never lost by one key.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui_textarea::{TextArea, WrapMode};

use crate::domain::facts::FactField;
use crate::domain::settings::NoteSection;
use crate::tui::draw::{centered, clear_popup};
use crate::tui::keymap::{Action, Keymap};
use crate::tui::tabs::Render;
use crate::tui::widgets::one_line;

/// Which of a project's texts the editor holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prose {
    Fact(FactField),
    /// Why the project is behind its pace or below 90 %.
    Reason,
    /// A section of the department's self-evaluation report.
    Note(NoteSection),
    /// The focused prose field of the form under the editor: its label;
    /// saving writes the text back into the field, not yet to the ledger.
    Field {
        label: (&'static str, &'static str),
    },
}

pub struct ProseEditor {
    /// What the text belongs to: a project, the department, a form.
    pub subject: String,
    pub prose: Prose,
    /// The text as stored when the editor opened.
    original: String,
    textarea: TextArea<'static>,
    /// The close key was pressed once over changed text.
    pub discard_armed: bool,
    /// The ledger's refusal of the last save, in the user's language.
    pub error: Option<String>,
}

impl ProseEditor {
    pub fn new(subject: String, prose: Prose, text: &str) -> ProseEditor {
        let mut textarea = TextArea::new(text.split('\n').map(str::to_string).collect());
        textarea.set_wrap_mode(WrapMode::WordOrGlyph);
        textarea.set_cursor_line_style(Style::default());
        textarea.move_cursor(ratatui_textarea::CursorMove::Bottom);
        textarea.move_cursor(ratatui_textarea::CursorMove::End);
        ProseEditor {
            subject,
            prose,
            original: text.to_string(),
            textarea,
            discard_armed: false,
            error: None,
        }
    }

    /// The text as typed, lines joined with `\n`.
    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }

    pub fn changed(&self) -> bool {
        self.text() != self.original
    }

    /// A key that is not the editor's own: it edits the text.
    pub fn input(&mut self, key: KeyEvent) {
        self.discard_armed = false;
        self.textarea.input(key);
    }

    /// Pasted text goes in as typed, line breaks included (a one-line
    /// field keeps one line: its breaks become spaces).
    pub fn paste(&mut self, text: &str) {
        self.discard_armed = false;
        // Only text: an escape or other control character pasted in would
        // reach the terminal as a command when the editor draws it.
        let text: String = text
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .filter(|c| *c == '\n' || *c == '\t' || !c.is_control())
            .collect();
        if self.one_line_field() {
            self.textarea
                .insert_str(text.trim_end_matches('\n').replace('\n', " "));
        } else {
            self.textarea.insert_str(text);
        }
    }

    /// Names of a unit or a person are one line; a hint says so.
    fn one_line_field(&self) -> bool {
        matches!(
            self.prose,
            Prose::Fact(FactField::Implementer | FactField::Leader | FactField::FinanceLeader)
        )
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, r: Render, keys: &Keymap) {
        let popup = centered(area, 76, 16);
        clear_popup(frame, popup);
        let field = prose_name(self.prose, r);
        let title = format!(" {} · {field} ", one_line(&self.subject));
        let save = keys.hint(Action::SaveText);
        let close = keys.hint(Action::CloseEditor);
        let submit = keys.hint(Action::Submit);
        let save_word = match self.prose {
            Prose::Field { .. } => r.pick("填回表单", "back to the form"),
            _ => r.pick("保存", "save"),
        };
        let hint = format!(
            " {save} {save_word} · enter {} · {close} {} ",
            r.pick("换行", "new line"),
            r.pick(
                "关闭（有修改须再按一次才放弃）",
                "close (twice to discard changes)"
            ),
        );
        let block = Block::bordered()
            .title(title)
            .title_bottom(hint)
            .border_style(Style::default().fg(Color::Cyan));
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        let [note_area, text_area, message_area] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(2),
        ])
        .areas(inner);
        let note = match (self.prose, self.one_line_field()) {
            (Prose::Reason, _) => r.pick(
                "可写多行。留空保存即删除原因。",
                "Several lines allowed. Saved blank, the reason is removed.",
            ),
            (Prose::Note(_), _) => r.pick(
                "部门整体自评报告的一节，可写多行。留空保存即清除。",
                "A section of the department's report, several lines allowed. Saved blank, it is cleared.",
            ),
            (Prose::Field { .. }, _) => &match r.lang {
                crate::i18n::Lang::Zh => format!(
                    "可写多行。{save} 把文字填回表单，在表单按 {submit} 才记入账簿。"
                ),
                crate::i18n::Lang::En => format!(
                    "Several lines allowed. {save} puts the text back in the form; {submit} there records it."
                ),
            },
            (Prose::Fact(FactField::Implementer), _) => r.pick(
                "一行。留空保存：表上写主管部门。",
                "One line. Saved blank, the form shows the department.",
            ),
            (_, true) => r.pick(
                "一行：姓名。留空保存即清除。",
                "One line: a name. Saved blank, it is cleared.",
            ),
            (_, false) => r.pick(
                "可写多行。留空保存即清除，表上列为尚缺。",
                "Several lines allowed. Saved blank, it is cleared and listed as missing.",
            ),
        };
        frame.render_widget(
            Paragraph::new(Line::styled(note, Style::default().fg(Color::DarkGray))),
            note_area,
        );
        // The textarea draws its own cursor, a reversed cell.
        frame.render_widget(&self.textarea, text_area);
        let message = if let Some(error) = &self.error {
            Some((format!("✗ {error}"), Color::Red))
        } else if self.discard_armed {
            Some((
                match r.lang {
                    crate::i18n::Lang::Zh => {
                        format!("有未保存的修改：再按 {close} 放弃，按 {save} 保存")
                    }
                    crate::i18n::Lang::En => {
                        format!("Unsaved changes: {close} again discards them, {save} saves")
                    }
                },
                Color::Yellow,
            ))
        } else {
            None
        };
        if let Some((text, colour)) = message {
            frame.render_widget(
                Paragraph::new(Line::styled(
                    text,
                    Style::default().fg(colour).add_modifier(Modifier::BOLD),
                ))
                .wrap(Wrap { trim: true }),
                message_area,
            );
        }
    }
}

/// The text's name, as the editor's title and the status line say it.
pub fn prose_name(prose: Prose, r: Render) -> &'static str {
    match prose {
        Prose::Fact(field) => r.lang.word(field),
        Prose::Reason => r.pick("偏差原因", "Reason behind"),
        Prose::Note(section) => r.lang.word(section),
        Prose::Field { label } => r.pick(label.0, label.1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paste_keeps_its_lines_and_drops_control_characters() {
        let mut editor = ProseEditor::new("项目".into(), Prose::Reason, "");
        editor.paste("第一行\r\n第二\u{1b}[2J行\n");
        assert_eq!(editor.text(), "第一行\n第二[2J行\n");
        assert!(editor.changed());
        // a name field keeps one line
        let mut leader = ProseEditor::new("项目".into(), Prose::Fact(FactField::Leader), "");
        leader.paste("张三\n");
        assert_eq!(leader.text(), "张三");
    }
}
