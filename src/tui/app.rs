//! The TUI's state and what each key does to it. No terminal here: key
//! handling is a state transition that tests drive directly.

mod entry_form;
mod form_screen;
mod monitor_screen;
mod month_close;
mod not_here;
mod prose_screen;

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::connection::Connection;
use super::forms::Form;
use super::journal_filter::journal_query;
use super::keymap::{Action, Context, Keymap};
use super::month_ends::{next_month_end, previous_month_end};
use super::popups::chooser::Chooser;
use super::popups::prose_editor::ProseEditor;
use super::tabs::basic::BasicTab;
use super::tabs::indicators::IndicatorsTab;
use super::tabs::monitor::MonitorTab;
use super::tabs::overview::OverviewTab;
use super::tabs::payments::PaymentsTab;
use super::tabs::projects::ProjectsTab;
use super::tabs::review::ReviewTab;
use super::tabs::summary::{Export, SummaryTab};
use super::tabs::supplementary::SupplementaryTab;
use super::tabs::{Render, Tab};
use super::view::{Scope, ViewData};
use super::widgets::grid::{Grid, RowId};
use crate::Ledger;
use crate::domain::Unit;
use crate::error::Result;
use crate::i18n::Lang;
use crate::ledger::DisbursementQuery;

pub enum Popup {
    Form(Box<Form>),
    /// The key help, scrolled down by this many lines.
    Help {
        scroll: u16,
    },
    Message {
        title: String,
        text: String,
    },
    /// A list to pick from: a project whose form to open, a text to write.
    Choose(Chooser),
    /// The multi-line editor of a project's form text.
    Prose(Box<ProseEditor>),
}

/// A line at the bottom after something happened.
pub struct Status {
    pub text: String,
    pub tone: Tone,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// What was just done: gone at the next key.
    Done,
    /// A question the next key answers (press again to confirm): gone with it.
    Ask,
    /// Something the user must read: it stays, whole, until dismissed.
    Warning,
}

impl Status {
    pub fn info(text: String) -> Status {
        Status {
            text,
            tone: Tone::Done,
        }
    }

    pub fn ask(text: String) -> Status {
        Status {
            text,
            tone: Tone::Ask,
        }
    }

    pub fn warning(text: String) -> Status {
        Status {
            text,
            tone: Tone::Warning,
        }
    }

    pub fn warns(&self) -> bool {
        self.tone != Tone::Done
    }
}

pub struct App {
    ledger: Ledger,
    pub render: Render,
    /// The unit of what is filed (the summary, the forms): 万元, as
    /// `outlay summary` writes it, unless the user chose one (`--unit`, the
    /// settings, or the unit key).
    pub filed_unit: Unit,
    pub as_of: NaiveDate,
    pub keymap: Keymap,
    pub tab: Tab,
    pub data: ViewData,
    pub overview: OverviewTab,
    pub basic: BasicTab,
    pub projects: ProjectsTab,
    pub supplementary: SupplementaryTab,
    pub indicators: IndicatorsTab,
    pub payments: PaymentsTab,
    pub review: ReviewTab,
    /// The 绩效运行监控 return, a view of the Review tab.
    pub monitor: MonitorTab,
    pub summary: SummaryTab,
    journal_query: DisbursementQuery,
    pub popups: Vec<Popup>,
    pub status: Option<Status>,
    pub connection: Connection,
    pub quit: bool,
    /// The month the close key was pressed for, waiting for the next press.
    close_armed: Option<month_close::Armed>,
    /// Ctrl-C was pressed once over unsaved text, waiting for the second.
    quit_armed: bool,
}

impl App {
    pub fn new(ledger: Ledger, lang: Lang, unit: Unit, keymap: Keymap) -> Result<App> {
        let as_of = ledger.default_date();
        // The journal opens newest first, by date.
        let journal_query = DisbursementQuery {
            newest_first: true,
            ..DisbursementQuery::default()
        };
        let data = ViewData::load(&ledger, as_of, &journal_query, 0)?;
        let mut app = App {
            ledger,
            render: Render { lang, unit },
            filed_unit: Unit::Wan,
            as_of,
            keymap,
            tab: Tab::Overview,
            data,
            overview: OverviewTab::default(),
            basic: BasicTab::default(),
            projects: ProjectsTab::default(),
            supplementary: SupplementaryTab::default(),
            indicators: IndicatorsTab::default(),
            payments: PaymentsTab::default(),
            review: ReviewTab::default(),
            monitor: MonitorTab::default(),
            summary: SummaryTab::default(),
            journal_query,
            popups: Vec::new(),
            status: None,
            connection: Connection::Live,
            quit: false,
            close_armed: None,
            quit_armed: false,
        };
        app.rebuild();
        app.load_tab_data()?;
        Ok(app)
    }

    /// Says on the status line what was just done.
    fn tell(&mut self, text: impl Into<String>) {
        self.status = Some(Status::info(text.into()));
    }

    /// Warns on the status line: it stays until dismissed.
    fn warn(&mut self, text: impl Into<String>) {
        self.status = Some(Status::warning(text.into()));
    }

    /// Asks on the status line; the next key answers.
    fn ask(&mut self, text: impl Into<String>) {
        self.status = Some(Status::ask(text.into()));
    }

    /// How filed documents are shown and exported: the user's language, [`App::filed_unit`].
    pub fn filed(&self) -> Render {
        Render {
            lang: self.render.lang,
            unit: self.filed_unit,
        }
    }

    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    /// Shows a message over the screen (e.g. a keymap error at start).
    pub fn show_message(&mut self, title: String, text: String) {
        self.popups.push(Popup::Message { title, text });
    }

    /// Another user changed the ledger: show the new figures, keeping what
    /// the user was doing (tab, selection, an open form) as it was.
    pub fn on_change(&mut self, scope: Scope) {
        let refreshed = self
            .data
            .refresh(&self.ledger, self.as_of, &self.journal_query, scope)
            .and_then(|()| {
                self.rebuild();
                self.load_tab_data()
            });
        if let Err(e) = refreshed {
            self.warn(self.render.lang.error(&e));
        }
    }

    /// Re-reads everything from the ledger: after a save, a new as-of date, a filter.
    pub fn reload(&mut self) -> Result<()> {
        let rows = self.data.journal.len();
        self.data = ViewData::load(&self.ledger, self.as_of, &self.journal_query, rows)?;
        self.rebuild();
        self.load_tab_data()
    }

    /// Recomputes every tab's rows from the view data (language or unit changed).
    fn rebuild(&mut self) {
        let r = self.render;
        self.overview.rebuild(&self.data, r);
        self.basic.rebuild(&self.data, r);
        self.projects.rebuild(&self.data, r);
        self.supplementary.rebuild(&self.data, r);
        self.indicators.rebuild(&self.data, r);
        self.payments.rebuild(&self.data, r);
        self.review.rebuild(&self.data, r);
        self.monitor.rebuild(&self.data, r);
        if let Some(summary) = &self.data.summary {
            self.summary.rebuild(summary, self.filed());
        }
        let filed = self.filed();
        if let Some(form) = &mut self.summary.form {
            form.rebuild(filed);
        }
    }

    /// Loads what the current tab shows beyond the figures every tab shares:
    /// the entries of the selected basic line or the opened project, and the
    /// month-end review or the monitoring return, which only their view reads.
    fn load_tab_data(&mut self) -> Result<()> {
        let lines = match (self.tab, &self.projects.open) {
            (Tab::Projects, Some(project)) => self.data.project_lines(project),
            _ => self.basic.selected_line().into_iter().collect(),
        };
        self.data.load_detail(&self.ledger, &lines, self.as_of)?;
        self.basic.rebuild_entries(&self.data, self.render);
        self.projects.rebuild_detail(&self.data, self.render);
        if self.monitor_shown() {
            self.data.load_monitor(&self.ledger, self.as_of)?;
            self.monitor.rebuild(&self.data, self.render);
        } else if self.tab == Tab::Review {
            self.data
                .load_review(&self.ledger, self.as_of, self.review.chart.as_deref())?;
            self.review.rebuild(&self.data, self.render);
        }
        if self.tab == Tab::Summary {
            self.data.load_summary(&self.ledger, self.as_of)?;
            if let Some(summary) = &self.data.summary {
                self.summary.rebuild(summary, self.filed());
            }
            self.load_form()?;
        }
        Ok(())
    }

    fn today_text(&self) -> String {
        self.ledger.default_date().to_string()
    }

    /// The line the selection points at, to prefill forms.
    fn selected_line(&self) -> String {
        match self.tab {
            Tab::Basic => self.basic.selected_line().unwrap_or_default(),
            Tab::Projects => {
                let project = self
                    .projects
                    .open
                    .clone()
                    .or_else(|| self.projects.selected_project());
                project
                    .and_then(|p| self.data.project_lines(&p).into_iter().next())
                    .unwrap_or_default()
            }
            Tab::Review if self.monitor.shown => self.monitor_line().unwrap_or_default(),
            Tab::Review => self.review.selected_line().unwrap_or_default(),
            _ => String::new(),
        }
    }

    fn focused_grid(&mut self) -> Option<&mut Grid> {
        match self.tab {
            Tab::Overview | Tab::Summary => None,
            Tab::Basic => Some(self.basic.focused_mut()),
            Tab::Projects => Some(self.projects.focused_mut()),
            Tab::Supplementary => Some(&mut self.supplementary.grid),
            Tab::Indicators => Some(&mut self.indicators.grid),
            Tab::Payments => Some(self.payments.focused_mut()),
            Tab::Review if self.monitor.shown => Some(self.monitor.focused_mut()),
            Tab::Review => Some(&mut self.review.lines),
        }
    }

    /// Handles one key; returns whether the screen must be redrawn.
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        if key.kind == KeyEventKind::Release {
            return false;
        }
        // Ctrl-C always leaves, whatever the keymap says: the way out must
        // never be lost; over unsaved text it asks first (clerks press it to copy).
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            return self.interrupt();
        }
        if self.quit_armed {
            self.quit_armed = false;
            self.status = None;
        }
        if let Some(key) = self.escape_read_with(key) {
            let escaped = self.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
            return self.handle_key(key) || escaped;
        }
        // A warning stays until Esc dismisses it; what was just done, until the next key.
        if let Some(status) = &self.status
            && self.popups.is_empty()
        {
            if status.tone != Tone::Warning {
                self.status = None;
            } else if key.code == KeyCode::Esc {
                self.status = None;
                return true;
            }
        }
        let outcome = if self.popups.is_empty() {
            self.on_screen_key(key)
        } else {
            self.on_popup_key(key)
        };
        // A form just opened, prefilled, shows what its line or entry field names.
        let outcome = outcome.and_then(|redraw| self.look_up_subject().map(|()| redraw));
        match outcome {
            Ok(redraw) => redraw,
            Err(e) => {
                self.warn(self.render.lang.error(&e));
                true
            }
        }
    }

    /// Ctrl-C: quits, unless a form or editor holds text not yet saved;
    /// then it asks, and a second Ctrl-C quits.
    fn interrupt(&mut self) -> bool {
        let unsaved = self.popups.iter().any(|p| match p {
            Popup::Form(form) => form.edited(),
            Popup::Prose(editor) => editor.changed(),
            _ => false,
        });
        if !unsaved || self.quit_armed {
            self.quit = true;
        } else {
            self.quit_armed = true;
            self.ask(self.render.pick(
                "有未保存的内容：再按 Ctrl-C 放弃并退出，按其他键继续编辑。",
                "There is unsaved text: Ctrl-C again quits and discards it; any other key goes on editing.",
            ));
        }
        true
    }

    /// A terminal reads Esc and the key after it, sent together (over a
    /// slow link, or typed quickly), as Alt+key. In a form or editor no Alt
    /// key means anything unless bound, so it is Esc and then the key.
    fn escape_read_with(&self, key: KeyEvent) -> Option<KeyEvent> {
        let editing = matches!(self.popups.last(), Some(Popup::Form(_) | Popup::Prose(_)));
        let bound = [Context::Form, Context::Input, Context::Editor]
            .iter()
            .any(|&c| self.keymap.action(c, &key).is_some());
        (editing && key.modifiers == KeyModifiers::ALT && !bound)
            .then(|| KeyEvent::new(key.code, KeyModifiers::NONE))
    }

    /// Pasted text (bracketed paste): into the form field or editor that is
    /// open, as text; a line break in it is never Enter.
    pub fn handle_paste(&mut self, text: &str) -> bool {
        let outcome = match self.popups.last_mut() {
            Some(Popup::Form(_)) => self.form_paste(text),
            Some(Popup::Prose(editor)) => {
                editor.paste(text);
                Ok(())
            }
            _ => {
                self.tell(self.render.pick(
                    "粘贴的内容只能放进表单或编辑框，请先打开一个（如按 p 记录支付）。",
                    "A paste goes into a form or editor: open one first (p logs a disbursement).",
                ));
                Ok(())
            }
        };
        if let Err(e) = outcome {
            self.warn(self.render.lang.error(&e));
        }
        true
    }

    fn on_popup_key(&mut self, key: KeyEvent) -> Result<bool> {
        match self.popups.last() {
            Some(Popup::Choose(_)) => return self.chooser_key(key),
            Some(Popup::Prose(_)) => return self.editor_key(key),
            Some(Popup::Form(_)) => return self.form_key(key),
            _ => {}
        }
        match self.popups.last_mut() {
            Some(Popup::Help { scroll }) => match self.keymap.action(Context::List, &key) {
                // The list keys scroll the help; any other key closes it.
                Some(Action::Down) => *scroll = scroll.saturating_add(1),
                Some(Action::Up) => *scroll = scroll.saturating_sub(1),
                Some(Action::PageDown) => *scroll = scroll.saturating_add(10),
                Some(Action::PageUp) => *scroll = scroll.saturating_sub(10),
                Some(Action::First) => *scroll = 0,
                _ => {
                    self.popups.pop();
                }
            },
            Some(Popup::Message { .. }) => {
                self.popups.pop();
            }
            Some(Popup::Form(_) | Popup::Choose(_) | Popup::Prose(_)) | None => return Ok(false),
        }
        Ok(true)
    }

    fn on_screen_key(&mut self, key: KeyEvent) -> Result<bool> {
        // Closing or reopening a month takes the key twice in a row.
        let armed = self.close_armed.take();
        if self.tab != Tab::Overview
            && let Some(action) = self.keymap.action(Context::List, &key)
        {
            return Ok(self.list_action(action)? || self.not_here(action));
        }
        match self.keymap.action(Context::Global, &key) {
            Some(Action::CloseMonth) if self.reviewing() => {
                self.close_or_reopen_month(armed).map(|()| true)
            }
            Some(action) => Ok(self.global_action(action)? || self.not_here(action)),
            None => Ok(false),
        }
    }

    fn list_action(&mut self, action: Action) -> Result<bool> {
        let page = 10;
        if self.tab == Tab::Summary {
            return self.summary_list_action(action);
        }
        if self.monitor_shown()
            && let Some(redraw) = self.monitor_list_action(action)?
        {
            return Ok(redraw);
        }
        match action {
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::First
            | Action::Last
            | Action::Sort
            | Action::SortReverse => {
                let Some(grid) = self.focused_grid() else {
                    return Ok(false);
                };
                grid.act(action, page);
                let at_end = grid.selected_index() + 1 >= grid.len();
                // The selected row may now be another line: its entries follow.
                if self.tab == Tab::Basic && !self.basic.entries_focused {
                    self.load_tab_data()?;
                }
                let journal = self.tab == Tab::Payments && !self.payments.schedule_focused;
                if journal && matches!(action, Action::Sort | Action::SortReverse) {
                    self.sort_journal()?;
                } else if journal && at_end {
                    // At the end of the journal read so far, the next page follows.
                    self.more_journal()?;
                }
            }
            Action::OtherPane => match self.tab {
                Tab::Basic => self.basic.entries_focused = !self.basic.entries_focused,
                Tab::Payments => self.payments.schedule_focused = !self.payments.schedule_focused,
                _ => return Ok(false),
            },
            Action::Filter => {
                let form = match self.tab {
                    Tab::Payments => Form::filter(&self.payments.filter, true),
                    _ => Form::filter(
                        self.focused_grid()
                            .map(|g| g.filter.clone())
                            .unwrap_or_default()
                            .as_str(),
                        false,
                    ),
                };
                self.popups.push(Popup::Form(Box::new(form)));
            }
            Action::Open => match self.tab {
                Tab::Projects if self.projects.open.is_none() => {
                    self.projects.open = self.projects.selected_project();
                    self.load_tab_data()?;
                }
                Tab::Indicators => self.edit_indicator(),
                _ => return Ok(false),
            },
            Action::Back => match self.tab {
                Tab::Projects if self.projects.open.is_some() => self.projects.open = None,
                _ => return self.clear_filter(),
            },
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// The journal read again from its first page in the order its grid is
    /// now sorted by, from the store's index of that order.
    fn sort_journal(&mut self) -> Result<()> {
        (self.journal_query.order, self.journal_query.newest_first) = self.payments.journal_order();
        self.data.journal.clear();
        self.reload()?;
        self.payments.journal.first();
        Ok(())
    }

    /// The journal's next page, the selection staying on the row it was on.
    fn more_journal(&mut self) -> Result<()> {
        if self
            .data
            .load_more_journal(&self.ledger, self.as_of, &self.journal_query)?
        {
            self.payments.rebuild(&self.data, self.render);
        }
        Ok(())
    }

    fn switch_to(&mut self, tab: Tab) -> Result<()> {
        self.tab = tab;
        self.load_tab_data()
    }

    fn global_action(&mut self, action: Action) -> Result<bool> {
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.popups.push(Popup::Help { scroll: 0 }),
            Action::NextTab => self.switch_to(self.tab.next())?,
            Action::PrevTab => self.switch_to(self.tab.prev())?,
            Action::TabOverview => self.switch_to(Tab::Overview)?,
            Action::TabBasic => self.switch_to(Tab::Basic)?,
            Action::TabProjects => self.switch_to(Tab::Projects)?,
            Action::TabSupplementary => self.switch_to(Tab::Supplementary)?,
            Action::TabIndicators => self.switch_to(Tab::Indicators)?,
            Action::TabPayments => self.switch_to(Tab::Payments)?,
            Action::TabReview => self.switch_to(Tab::Review)?,
            Action::TabSummary => self.switch_to(Tab::Summary)?,
            Action::ExportMarkdown if self.tab == Tab::Summary => self.export(Export::Markdown),
            Action::ExportCsv if self.tab == Tab::Summary => self.export(Export::Csv),
            Action::ExportXlsx if self.tab == Tab::Summary => self.export(Export::Xlsx),
            Action::ToggleLayout if self.tab == Tab::Summary => self.toggle_layout()?,
            Action::EditFact if self.tab == Tab::Summary => self.choose_fact()?,
            Action::Monitor => self.toggle_monitor()?,
            Action::EditIndicator if self.monitor_shown() => self.monitor_edit(),
            Action::SetReason if self.monitor_shown() => self.monitor_reason()?,
            Action::ReviewByProject if self.reviewing() => {
                self.review.view = self.review.view.next();
                self.review.rebuild(&self.data, self.render);
            }
            Action::NextChart | Action::PrevChart if self.reviewing() => {
                let projects = self.data.projects();
                self.review
                    .step_chart(&projects, action == Action::NextChart);
                self.load_tab_data()?;
            }
            Action::ToggleUnit => {
                // The other unit than the one this tab shows; once chosen, it
                // is the unit of the screens and the filed documents alike.
                let shown = if self.tab == Tab::Summary {
                    self.filed_unit
                } else {
                    self.render.unit
                };
                self.render.unit = match shown {
                    Unit::Yuan => Unit::Wan,
                    Unit::Wan => Unit::Yuan,
                };
                self.filed_unit = self.render.unit;
                // Every tab's rows, entries and open project included, in the new unit.
                self.rebuild();
            }
            Action::AsOfEarlier | Action::AsOfLater | Action::AsOfToday => {
                let year = self.ledger.year();
                let date = match action {
                    Action::AsOfEarlier => previous_month_end(self.as_of),
                    Action::AsOfLater => next_month_end(self.as_of),
                    _ => self.ledger.default_date(),
                };
                // Steps go from month end to month end, inside the year.
                if !year.contains(date) {
                    self.tell(self.render.pick(
                        "已到本预算年度的边界：截至日期不能再移出年度。",
                        "That is the edge of the fiscal year: the as-of date stays inside it.",
                    ));
                    return Ok(true);
                }
                self.as_of = date;
                self.reload()?;
            }
            Action::Pay => {
                let instalment = self
                    .payments
                    .selected_instalment()
                    .filter(|_| self.tab == Tab::Payments)
                    .and_then(|id| self.data.schedule.iter().find(|s| s.item.id == id));
                let form = match instalment {
                    Some(s) => Form::pay_instalment(s, &self.today_text()),
                    None => Form::pay(&self.selected_line(), &self.today_text()),
                };
                self.popups.push(Popup::Form(Box::new(form)));
            }
            Action::Reverse => {
                let id = match (self.tab, self.projects.entries.selected_id()) {
                    (Tab::Payments, _) => self.payments.selected_disbursement(),
                    (Tab::Basic, _) => self.basic.selected_disbursement(),
                    (Tab::Projects, Some(RowId::Disbursement(id)))
                        if self.projects.open.is_some() =>
                    {
                        Some(*id)
                    }
                    _ => None,
                };
                self.popups
                    .push(Popup::Form(Box::new(Form::reverse(id, &self.today_text()))));
            }
            Action::Adjust => self.popups.push(Popup::Form(Box::new(Form::adjust(
                &self.selected_line(),
                &self.today_text(),
            )))),
            Action::AddSchedule => self
                .popups
                .push(Popup::Form(Box::new(Form::schedule(&self.selected_line())))),
            Action::EditIndicator => self.edit_indicator(),
            Action::SetReason => self.edit_reason()?,
            Action::Refresh => self.reload()?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// The reason form for the project selected (or open) on the Projects tab.
    fn edit_reason(&mut self) -> Result<()> {
        let project = (self.tab == Tab::Projects)
            .then(|| {
                self.projects
                    .open
                    .clone()
                    .or_else(|| self.projects.selected_project())
            })
            .flatten();
        let Some(project) = project else {
            self.warn(self.render.pick(
                "请在“项目支出”页选中一个项目。",
                "Select a project on the Projects tab first.",
            ));
            return Ok(());
        };
        self.reason_form(&project)
    }

    fn edit_indicator(&mut self) {
        let Some(id) = (self.tab == Tab::Indicators)
            .then(|| self.indicators.selected())
            .flatten()
        else {
            self.warn(self.render.pick(
                "请在“绩效指标”页选中一项指标。",
                "Select an indicator on the Indicators tab first.",
            ));
            return;
        };
        self.indicator_form(id);
    }

    /// The form of indicator `id`, with what it says now.
    fn indicator_form(&mut self, id: u64) {
        if let Some(i) = self.data.indicators.iter().find(|i| i.id == id) {
            let actual = i.actual.as_ref().map(|a| a.text.as_str()).unwrap_or("");
            let form = Form::indicator(
                id,
                actual,
                i.deviation_reason.as_deref().unwrap_or(""),
                i.marked_met,
                &i.score.map(|s| s.to_string()).unwrap_or_default(),
            );
            self.popups.push(Popup::Form(Box::new(form)));
        }
    }

    /// The filter form's text, applied to the table it was opened over; its
    /// matches show from the top.
    fn apply_filter(&mut self, text: &str) -> Result<()> {
        if self.tab == Tab::Payments {
            self.journal_query = DisbursementQuery {
                order: self.journal_query.order,
                newest_first: self.journal_query.newest_first,
                ..journal_query(text)?
            };
            self.payments.filter = text.to_string();
        } else {
            self.preview_filter(text);
        }
        self.popups.pop();
        self.reload()?;
        if let Some(grid) = self.focused_grid() {
            grid.first();
        }
        Ok(())
    }

    /// A table's filter as it is typed: the rows follow each key, and the
    /// title says what is on (the journal's filter, read from the store,
    /// applies when saved).
    pub(super) fn preview_filter(&mut self, text: &str) {
        let r = self.render;
        let words = (
            r.pick("筛选", "filter").to_string(),
            format!(
                "{} {}",
                self.keymap.hint(Action::Back),
                r.pick("清除", "clears")
            ),
        );
        if self.tab != Tab::Payments
            && let Some(grid) = self.focused_grid()
        {
            grid.filter_words = words;
            grid.set_filter(text);
        }
    }

    /// The Back key over a filtered table: shows every row again.
    fn clear_filter(&mut self) -> Result<bool> {
        if self.tab == Tab::Payments && !self.payments.filter.is_empty() {
            self.apply_filter("")?;
            return Ok(true);
        }
        match self.focused_grid() {
            Some(grid) if !grid.filter.is_empty() => {
                grid.set_filter("");
                Ok(true)
            }
            _ => Ok(false),
        }
    }
}
