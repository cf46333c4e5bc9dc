//! The Summary tab's keys beyond scrolling: choosing a project, its form
//! (项目支出绩效自评表) with what it lacks, the editor of its texts, the
//! layout, and the exports of whichever document is shown.

use ratatui::crossterm::event::KeyEvent;

use super::prose_screen::first_line;
use super::{App, Popup, Status};
use crate::domain::Vocabulary;
use crate::domain::facts::FactField;
use crate::domain::form::{Blank, Layout};
use crate::domain::settings::NoteSection;
use crate::error::Result;
use crate::tui::keymap::{Action, Context};
use crate::tui::popups::chooser::{Chooser, Entry, Purpose, fact_field};
use crate::tui::tabs::project_form::{Fill, FormView, fact_of, fill_of};
use crate::tui::tabs::summary::Export;

/// Lines a page key moves.
const PAGE: isize = 10;

impl App {
    /// A list key on the Summary tab: the summary scrolls and open chooses
    /// a project; on a form, the focused pane moves, open fills the missing
    /// item selected (or, on the form itself, chooses another project) and
    /// back returns to the summary.
    pub(super) fn summary_list_action(&mut self, action: Action) -> Result<bool> {
        let Some(view) = &mut self.summary.form else {
            if action == Action::Open {
                self.choose_project()?;
                return Ok(true);
            }
            return Ok(self.summary.view.act(action, PAGE));
        };
        match action {
            Action::Back => self.summary.form = None,
            Action::OtherPane => {
                view.missing_focused = !view.missing_focused && !view.missing().is_empty();
            }
            Action::Open if view.missing_focused && view.selected_missing().is_some() => {
                self.fill_selected()?;
            }
            Action::Open => self.choose_project()?,
            other => return Ok(view.act(other, PAGE)),
        }
        Ok(true)
    }

    /// Reads the open form again (after a change, a new date or layout).
    pub(super) fn load_form(&mut self) -> Result<()> {
        let Some(view) = &self.summary.form else {
            return Ok(());
        };
        let form = self
            .ledger
            .forms(Some(self.as_of), view.layout)?
            .into_iter()
            .find(|f| f.project == view.project);
        let r = self.filed();
        if let Some(view) = &mut self.summary.form {
            view.set_form(form, r);
        }
        Ok(())
    }

    /// The list of projects, each with how much its form lacks.
    fn choose_project(&mut self) -> Result<()> {
        let r = self.render;
        let forms = self.ledger.forms(Some(self.as_of), self.summary.layout)?;
        let entries = forms
            .iter()
            .map(|f| {
                let note = if f.no_data() {
                    r.pick("无数据", "no figures").to_string()
                } else if f.missing.is_empty() {
                    r.pick("✓ 齐全", "✓ complete").to_string()
                } else {
                    match r.lang {
                        crate::i18n::Lang::Zh => format!("尚缺 {} 项", f.missing.len()),
                        crate::i18n::Lang::En => format!("{} missing", f.missing.len()),
                    }
                };
                Entry {
                    key: f.project.clone(),
                    label: f.project.clone(),
                    note,
                    warn: !f.missing.is_empty(),
                }
            })
            .collect();
        let title = r
            .pick(
                "选择项目：打开其绩效自评表",
                "Choose a project: open its form",
            )
            .to_string();
        let mut chooser = Chooser::new(title, Purpose::Project, entries);
        if let Some(view) = &self.summary.form {
            chooser.select(&view.project);
        }
        self.popups.push(Popup::Choose(chooser));
        Ok(())
    }

    fn open_form(&mut self, project: String) -> Result<()> {
        self.summary.form = Some(FormView::new(project, self.summary.layout));
        self.load_form()
    }

    /// The list of the open form's texts, each with what it says or that it
    /// is missing; on the summary, the sections of the department's report.
    pub(super) fn choose_fact(&mut self) -> Result<()> {
        let r = self.render;
        let Some(view) = &self.summary.form else {
            return self.choose_note();
        };
        let project = view.project.clone();
        let missing: Vec<Blank> = view.missing().iter().map(|m| m.field).collect();
        let facts = self
            .ledger
            .project_facts()?
            .remove(&project)
            .unwrap_or_default();
        let entries = FactField::ALL
            .iter()
            .map(|field| {
                let lacking = missing.iter().any(|b| fact_of(*b) == Some(*field));
                let note = match facts.get(*field) {
                    Some(text) => first_line(text),
                    None if lacking => r.pick("尚缺", "missing").to_string(),
                    None => r.pick("未填", "unwritten").to_string(),
                };
                Entry {
                    key: field.code().to_string(),
                    label: r.lang.word(*field).to_string(),
                    note,
                    warn: lacking,
                }
            })
            .collect();
        let title = match r.lang {
            crate::i18n::Lang::Zh => format!("填写自评表栏目：{project}"),
            crate::i18n::Lang::En => format!("Write a text of the form: {project}"),
        };
        let mut chooser = Chooser::new(title, Purpose::Fact(project), entries);
        // The first missing text is the likely one.
        if let Some(field) = missing.iter().find_map(|b| fact_of(*b)) {
            chooser.select(field.code());
        }
        self.popups.push(Popup::Choose(chooser));
        Ok(())
    }

    pub(super) fn chooser_key(&mut self, key: KeyEvent) -> Result<bool> {
        let action = self.keymap.action(Context::List, &key);
        let Some(Popup::Choose(chooser)) = self.popups.last_mut() else {
            return Ok(false);
        };
        match action {
            Some(Action::Open) => {
                let chosen = chooser.chosen().map(|e| e.key.clone());
                let purpose = chooser.purpose.clone();
                self.popups.pop();
                match (purpose, chosen) {
                    (Purpose::Project, Some(project)) => self.open_form(project)?,
                    (Purpose::Fact(project), Some(code)) => {
                        if let Some(field) = fact_field(&code) {
                            self.edit_fact(project, field)?;
                        }
                    }
                    (Purpose::Note, Some(code)) => {
                        if let Ok(section) = NoteSection::parse(&code) {
                            self.edit_note(section)?;
                        }
                    }
                    (_, None) => {}
                }
            }
            Some(Action::Back) => {
                self.popups.pop();
            }
            Some(other) => return Ok(chooser.act(other)),
            None => return Ok(false),
        }
        Ok(true)
    }

    /// Fills the missing item selected on the form: its text in the editor,
    /// the reason form, the indicator's form, or the command that does it.
    fn fill_selected(&mut self) -> Result<()> {
        let Some(view) = &self.summary.form else {
            return Ok(());
        };
        let Some(missing) = view.selected_missing() else {
            return Ok(());
        };
        let project = view.project.clone();
        match fill_of(missing, view.layout, &project) {
            Fill::Fact(field) => self.edit_fact(project, field)?,
            Fill::Reason => self.reason_form(&project)?,
            Fill::Indicator(id) => self.indicator_form(id),
            Fill::Command(command) => {
                self.warn(format!(
                    "{} {command}",
                    self.render
                        .pick("此项在命令行填写：", "Fill this from the command line:")
                ));
            }
        }
        Ok(())
    }

    /// National ⇄ Sichuan, for the form shown and those opened next.
    pub(super) fn toggle_layout(&mut self) -> Result<()> {
        let layout = match self.summary.layout {
            Layout::National => Layout::Sichuan,
            Layout::Sichuan => Layout::National,
        };
        self.summary.layout = layout;
        if let Some(view) = &mut self.summary.form {
            view.layout = layout;
        }
        self.load_form()?;
        let r = self.render;
        self.tell(match r.lang {
            crate::i18n::Lang::Zh => format!("自评表版式：{}", layout.zh()),
            crate::i18n::Lang::En => format!("Form layout: {}", layout.en()),
        });
        Ok(())
    }

    /// Writes what the tab shows (the summary or the open form) into the
    /// working directory and says where.
    pub(super) fn export(&mut self, format: Export) {
        let r = self.filed();
        let dir = std::env::current_dir().unwrap_or_else(|_| ".".into());
        let written = match &self.summary.form {
            Some(view) => view.export(format, &dir, r),
            None => self.summary.export(format, &dir),
        };
        self.status = Some(match written {
            Ok(path) => Status::info(format!(
                "{} {}",
                r.pick("已导出", "Exported to"),
                path.display()
            )),
            Err(e) => Status::warning(format!(
                "{} {}: {e}",
                r.pick("导出失败", "Could not export to"),
                dir.display()
            )),
        });
    }
}
