//! The multi-line editor's keys, and where its text goes when saved: a
//! project's form text, its reason or a section of the department's report
//! through the ledger; a form's prose field back into that form.

use ratatui::crossterm::event::KeyEvent;

use super::{App, Popup};
use crate::domain::Vocabulary;
use crate::domain::facts::{FactField, FactsUpdate};
use crate::domain::settings::NoteSection;
use crate::error::Result;
use crate::tui::keymap::{Action, Context};
use crate::tui::popups::chooser::{Chooser, Entry, Purpose};
use crate::tui::popups::prose_editor::{Prose, ProseEditor, prose_name};

impl App {
    pub(super) fn edit_fact(&mut self, project: String, field: FactField) -> Result<()> {
        let text = self
            .ledger
            .project_facts()?
            .remove(&project)
            .and_then(|f| f.get(field).map(str::to_string))
            .unwrap_or_default();
        self.open_editor(project, Prose::Fact(field), &text);
        Ok(())
    }

    /// The reason form of `project`, with what it says now.
    pub(super) fn reason_form(&mut self, project: &str) -> Result<()> {
        let reason = self
            .ledger
            .project_settings()?
            .remove(project)
            .and_then(|s| s.reason)
            .unwrap_or_default();
        self.open_editor(project.to_string(), Prose::Reason, &reason);
        Ok(())
    }

    /// The sections of the department's report, each with its first line
    /// or that it is unwritten.
    pub(super) fn choose_note(&mut self) -> Result<()> {
        let r = self.render;
        let notes = self.ledger.notes()?;
        let entries = NoteSection::ALL
            .iter()
            .map(|section| {
                let text = notes.get(section).filter(|t| !t.trim().is_empty());
                Entry {
                    key: section.code().to_string(),
                    label: r.lang.word(*section).to_string(),
                    note: text.map_or_else(
                        || r.pick("未填", "unwritten").to_string(),
                        |t| first_line(t),
                    ),
                    warn: text.is_none(),
                }
            })
            .collect();
        let title = r
            .pick(
                "填写部门整体自评报告",
                "Write the department's self-evaluation report",
            )
            .to_string();
        let mut chooser = Chooser::new(title, Purpose::Note, entries);
        if let Some(unwritten) = NoteSection::ALL.iter().find(|s| !notes.contains_key(s)) {
            chooser.select(unwritten.code());
        }
        self.popups.push(Popup::Choose(chooser));
        Ok(())
    }

    pub(super) fn edit_note(&mut self, section: NoteSection) -> Result<()> {
        let text = self.ledger.notes()?.remove(&section).unwrap_or_default();
        let subject = self.render.pick("部门整体", "The department").to_string();
        self.open_editor(subject, Prose::Note(section), &text);
        Ok(())
    }

    /// The editor over the form, holding its focused prose field's text.
    pub(super) fn edit_form_field(&mut self) {
        let Some(Popup::Form(form)) = self.popups.last() else {
            return;
        };
        let field = form.focused();
        if !field.prose {
            let r = self.render;
            let label = field.label(r.lang);
            self.warn(match r.lang {
                crate::i18n::Lang::Zh => format!("“{label}”是单行栏目，直接输入即可。"),
                crate::i18n::Lang::En => {
                    format!("“{label}” holds one line: type it in the field.")
                }
            });
            return;
        }
        let (subject, label, text) = (
            form.title(self.render.lang),
            field.label,
            field.input.text().to_string(),
        );
        self.open_editor(subject, Prose::Field { label }, &text);
    }

    fn open_editor(&mut self, subject: String, prose: Prose, text: &str) {
        self.popups.push(Popup::Prose(Box::new(ProseEditor::new(
            subject, prose, text,
        ))));
    }

    /// The editor's keys: save, close (twice over changed text); any
    /// other key edits the text.
    pub(super) fn editor_key(&mut self, key: KeyEvent) -> Result<bool> {
        let action = self.keymap.action(Context::Editor, &key);
        let Some(Popup::Prose(editor)) = self.popups.last_mut() else {
            return Ok(false);
        };
        match action {
            Some(Action::SaveText) => self.save_prose()?,
            Some(Action::CloseEditor) if editor.changed() && !editor.discard_armed => {
                editor.discard_armed = true;
            }
            Some(Action::CloseEditor) => {
                let discarded = editor.changed();
                self.popups.pop();
                if discarded {
                    self.warn(self.render.pick("已放弃修改。", "Changes discarded."));
                }
            }
            _ => editor.input(key),
        }
        Ok(true)
    }

    /// Writes the editor's text where it belongs. A refusal (a viewer, a
    /// name on two lines, the server gone) stays in the editor with the
    /// text, and on the status line.
    fn save_prose(&mut self) -> Result<()> {
        let Some(Popup::Prose(editor)) = self.popups.last() else {
            return Ok(());
        };
        let (subject, prose, text) = (editor.subject.clone(), editor.prose, editor.text());
        let r = self.render;
        let cleared = text.trim().is_empty();
        let saved = match prose {
            Prose::Field { .. } => {
                self.popups.pop();
                if let Some(Popup::Form(form)) = self.popups.last_mut() {
                    form.set_focused(text.trim_end());
                }
                return Ok(());
            }
            Prose::Fact(field) => self
                .ledger
                .set_project_facts(subject.clone(), FactsUpdate::from([(field, text)]))
                .map(drop),
            Prose::Reason => self
                .ledger
                .set_project_reason(subject.clone(), Some(text).filter(|_| !cleared)),
            Prose::Note(section) => self
                .ledger
                .set_note(section, Some(text).filter(|_| !cleared)),
        };
        match saved {
            Ok(()) => {
                self.popups.pop();
                self.reload()?;
                let done = if cleared {
                    r.pick("已清除", "Cleared")
                } else {
                    r.pick("已保存", "Saved")
                };
                let colon = r.pick("：", ": ");
                let name = prose_name(prose, r);
                self.tell(match prose {
                    // the department's report, then its section
                    Prose::Note(_) => format!(
                        "{done} {}{colon}{name}",
                        r.pick("部门整体自评报告", "the department's report")
                    ),
                    _ => format!("{done} {name}{colon}{subject}"),
                });
            }
            Err(e) => {
                let message = r.lang.error(&e);
                if let Some(Popup::Prose(editor)) = self.popups.last_mut() {
                    editor.error = Some(message.clone());
                }
                self.warn(message);
            }
        }
        Ok(())
    }
}

/// A text's first line, short enough for a chooser's note.
pub(super) fn first_line(text: &str) -> String {
    let first: String = text
        .lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(30)
        .collect();
    let more =
        text.lines().count() > 1 || text.lines().next().is_some_and(|l| l.chars().count() > 30);
    format!("{first}{}", if more { " …" } else { "" })
}
