//! The TUI's state and what each key does to it. No terminal here: key
//! handling is a state transition that tests drive directly.

mod form_screen;
mod monitor_screen;

use chrono::{Datelike, NaiveDate};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::connection::Connection;
use super::forms::{Form, FormKind};
use super::journal_filter::journal_query;
use super::keymap::{Action, Context, Keymap};
use super::month_ends::{next_month_end, previous_month_end};
use super::popups::chooser::Chooser;
use super::popups::fact_editor::FactEditor;
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
use crate::domain::input::{
    IndicatorUpdate, NewAdjustment, NewDisbursement, NewScheduleItem, Reversal,
};
use crate::domain::{PaymentRefs, Refusal, Unit, parse_amount, parse_date};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::ledger::DisbursementQuery;

pub enum Popup {
    Form(Form),
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
    Facts(Box<FactEditor>),
}

/// A line at the bottom after something happened.
pub struct Status {
    pub text: String,
    pub warning: bool,
}

pub struct App {
    ledger: Ledger,
    pub render: Render,
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
    /// The month the close key was pressed for once, waiting for the second.
    close_armed: Option<u32>,
    /// The disbursement the last form recorded, to select it once reloaded.
    recorded: Option<u64>,
}

impl App {
    pub fn new(ledger: Ledger, lang: Lang, unit: Unit, keymap: Keymap) -> Result<App> {
        let as_of = ledger.default_date();
        let data = ViewData::load(&ledger, as_of, &DisbursementQuery::default())?;
        let mut app = App {
            ledger,
            render: Render { lang, unit },
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
            journal_query: DisbursementQuery::default(),
            popups: Vec::new(),
            status: None,
            connection: Connection::Live,
            quit: false,
            recorded: None,
            close_armed: None,
        };
        app.rebuild();
        app.load_tab_data()?;
        Ok(app)
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
            self.status = Some(Status {
                text: self.render.lang.error(&e),
                warning: true,
            });
        }
    }

    /// Re-reads everything from the ledger: after a save, a new as-of date, a filter.
    pub fn reload(&mut self) -> Result<()> {
        self.data = ViewData::load(&self.ledger, self.as_of, &self.journal_query)?;
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
            self.summary.rebuild(summary, r);
        }
        if let Some(form) = &mut self.summary.form {
            form.rebuild(r);
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
                self.summary.rebuild(summary, self.render);
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
        // Ctrl-C always leaves, whatever the keymap says: the way out must never be lost.
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            self.quit = true;
            return true;
        }
        // What was just done stays on the status line until the next key.
        if self.popups.is_empty() {
            self.status = None;
        }
        let outcome = if self.popups.is_empty() {
            self.on_screen_key(key)
        } else {
            self.on_popup_key(key)
        };
        match outcome {
            Ok(redraw) => redraw,
            Err(e) => {
                self.status = Some(Status {
                    text: self.render.lang.error(&e),
                    warning: true,
                });
                true
            }
        }
    }

    fn on_popup_key(&mut self, key: KeyEvent) -> Result<bool> {
        match self.popups.last() {
            Some(Popup::Choose(_)) => return self.chooser_key(key),
            Some(Popup::Facts(_)) => return self.editor_key(key),
            _ => {}
        }
        let lines = &self.data.lines;
        match self.popups.last_mut() {
            Some(Popup::Form(form)) => {
                if let Some(action) = self.keymap.action(Context::Form, &key) {
                    match action {
                        Action::Submit => return self.submit().map(|_| true),
                        Action::Cancel => {
                            self.popups.pop();
                        }
                        other => {
                            form.act(other, lines);
                        }
                    }
                } else if let Some(action) = self.keymap.action(Context::Input, &key) {
                    form.act(action, lines);
                } else if let KeyCode::Char(c) = key.code
                    && !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                {
                    form.type_char(c, lines);
                } else {
                    return Ok(false);
                }
            }
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
            Some(Popup::Choose(_) | Popup::Facts(_)) | None => return Ok(false),
        }
        Ok(true)
    }

    fn on_screen_key(&mut self, key: KeyEvent) -> Result<bool> {
        // Closing or reopening a month takes the key twice in a row.
        let armed = self.close_armed.take();
        if self.tab != Tab::Overview
            && let Some(action) = self.keymap.action(Context::List, &key)
        {
            return self.list_action(action);
        }
        match self.keymap.action(Context::Global, &key) {
            Some(Action::CloseMonth) if self.reviewing() => {
                self.close_or_reopen_month(armed).map(|()| true)
            }
            Some(action) => self.global_action(action),
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
                // The selected row may now be another line: its entries follow.
                if self.tab == Tab::Basic && !self.basic.entries_focused {
                    self.load_tab_data()?;
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
                self.popups.push(Popup::Form(form));
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
                _ => return Ok(false),
            },
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Closes the reviewed month (结账), or reopens it when closed, once the
    /// key comes a second time (`armed`); both need an admin and are logged.
    /// The ledger refuses a clerk, naming the role.
    fn close_or_reopen_month(&mut self, armed: Option<u32>) -> Result<()> {
        let month = self.as_of.month();
        let closed = self.data.review.as_ref().is_some_and(|r| r.closed);
        let r = self.render;
        if armed != Some(month) {
            self.close_armed = Some(month);
            let key = self.keymap.hint(Action::CloseMonth);
            self.status = Some(Status {
                text: format!(
                    "{}-{:02} {} {key} {}",
                    self.as_of.year(),
                    month,
                    if closed {
                        r.pick("反结账？再按", "reopen? Press")
                    } else {
                        r.pick("结账？再按", "close? Press")
                    },
                    r.pick(
                        "确认，其他键取消",
                        "again to confirm, any other key cancels"
                    ),
                ),
                warning: true,
            });
            return Ok(());
        }
        if closed {
            self.ledger.reopen_month(month)?;
        } else {
            self.ledger.close_month(month)?;
        }
        self.reload()?;
        self.status = Some(Status {
            text: format!(
                "{}-{:02} {}",
                self.as_of.year(),
                month,
                if closed {
                    r.pick(
                        "已反结账：可再录入该月的支付",
                        "reopened: entries dated in it are taken again",
                    )
                } else {
                    r.pick(
                        "已结账：该月的支付将被拒绝，更正请记入未结账月份",
                        "closed: entries dated in it are refused; corrections go in an open month",
                    )
                }
            ),
            warning: false,
        });
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
                self.render.unit = match self.render.unit {
                    Unit::Yuan => Unit::Wan,
                    Unit::Wan => Unit::Yuan,
                };
                // Every tab's rows, entries and open project included, in the new unit.
                self.rebuild();
            }
            Action::AsOfEarlier | Action::AsOfLater | Action::AsOfToday => {
                let year = self.ledger.year();
                self.as_of = match action {
                    Action::AsOfEarlier => previous_month_end(self.as_of).max(year.first_day()),
                    Action::AsOfLater => next_month_end(self.as_of).min(year.last_day()),
                    _ => self.ledger.default_date(),
                };
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
                self.popups.push(Popup::Form(form));
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
                    .push(Popup::Form(Form::reverse(id, &self.today_text())));
            }
            Action::Adjust => self.popups.push(Popup::Form(Form::adjust(
                &self.selected_line(),
                &self.today_text(),
            ))),
            Action::AddSchedule => self
                .popups
                .push(Popup::Form(Form::schedule(&self.selected_line()))),
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
            self.status = Some(Status {
                text: self
                    .render
                    .pick(
                        "请在“项目支出”页选中一个项目。",
                        "Select a project on the Projects tab first.",
                    )
                    .into(),
                warning: true,
            });
            return Ok(());
        };
        self.reason_form(&project)
    }

    /// The reason form of `project`, with what it says now.
    fn reason_form(&mut self, project: &str) -> Result<()> {
        let reason = self
            .ledger
            .project_settings()?
            .remove(project)
            .and_then(|s| s.reason)
            .unwrap_or_default();
        self.popups
            .push(Popup::Form(Form::reason(project, &reason)));
        Ok(())
    }

    fn edit_indicator(&mut self) {
        let Some(id) = (self.tab == Tab::Indicators)
            .then(|| self.indicators.selected())
            .flatten()
        else {
            self.status = Some(Status {
                text: self
                    .render
                    .pick(
                        "请在“绩效指标”页选中一项指标。",
                        "Select an indicator on the Indicators tab first.",
                    )
                    .into(),
                warning: true,
            });
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
            self.popups.push(Popup::Form(form));
        }
    }

    /// Sends the top form to the ledger. A refusal stays in the form, beside its field.
    fn submit(&mut self) -> Result<()> {
        let Some(Popup::Form(form)) = self.popups.last_mut() else {
            return Ok(());
        };
        // Saving from a line field takes its chosen match, as leaving it would.
        form.accept_completion();
        let form = form.clone();
        let lang = self.render.lang;
        if let Some(error) = form.missing(lang) {
            self.set_form_error(|f| {
                // Straight to the empty field.
                f.focus = error.field.unwrap_or(f.focus);
                f.completions.clear();
                f.error = Some(error);
            });
            return Ok(());
        }
        match self.apply(&form) {
            Ok(message) => {
                self.popups.pop();
                self.status = message;
                self.reload()?;
                // The entry just recorded is the one the user will act on next.
                if let Some(id) = self.recorded.take() {
                    self.payments.journal.select_id(&RowId::Disbursement(id));
                }
                // A new filter shows its matches from the top.
                if form.kind == FormKind::Filter
                    && let Some(grid) = self.focused_grid()
                {
                    grid.first();
                }
            }
            Err(Error::Refused(refusal)) => {
                let field = refusal.field_name();
                let message = lang.refusal(&refusal);
                self.set_form_error(|f| f.refuse(field, message));
            }
            Err(other) => {
                let message = lang.error(&other);
                self.set_form_error(|f| f.refuse("", message));
            }
        }
        Ok(())
    }

    fn set_form_error(&mut self, change: impl FnOnce(&mut Form)) {
        if let Some(Popup::Form(form)) = self.popups.last_mut() {
            change(form);
        }
    }

    /// Turns a form into a ledger command; the status line to show after it.
    fn apply(&mut self, form: &Form) -> Result<Option<Status>> {
        let r = self.render;
        let amount = |name: &'static str| {
            parse_amount(form.value(name)).map_err(|e| {
                Refusal::field_in(name, Lang::En.money_error(&e), Lang::Zh.money_error(&e))
            })
        };
        let date = |name: &'static str| {
            parse_date(form.value(name)).map_err(|e| {
                Refusal::field_in(name, Lang::En.date_error(&e), Lang::Zh.date_error(&e))
            })
        };
        let optional = |name: &str| Some(form.value(name).to_string()).filter(|v| !v.is_empty());
        let done = |text: String| {
            Ok(Some(Status {
                text,
                warning: false,
            }))
        };
        match &form.kind {
            FormKind::Pay => {
                let outcome = self.ledger.pay(NewDisbursement {
                    line: form.value("line").to_string(),
                    amount: amount("amount")?,
                    date: date("date")?,
                    payee: form.value("payee").to_string(),
                    voucher: form.value("voucher").to_string(),
                    contract: optional("contract"),
                    memo: form.value("memo").to_string(),
                    refs: PaymentRefs::default(),
                    tags: Default::default(),
                })?;
                let d = &outcome.disbursement;
                self.recorded = Some(d.id);
                let mut text = format!(
                    "{} #{} {} {}",
                    r.pick("已记录支付", "Recorded disbursement"),
                    d.id,
                    d.line,
                    r.money(d.amount)
                );
                for w in &outcome.warnings {
                    text.push_str(&format!(" · ⚠ {}", r.lang.warning(w)));
                }
                Ok(Some(Status {
                    text,
                    warning: !outcome.warnings.is_empty(),
                }))
            }
            FormKind::Reverse => {
                let id = form
                    .value("id")
                    .trim_start_matches('#')
                    .parse::<u64>()
                    .map_err(|_| {
                        // The refusal carries both languages; the form shows the user's.
                        Refusal::field_in(
                            "id",
                            format!("'{}' is not a disbursement number", form.value("id")),
                            format!("“{}”不是支付编号", form.value("id")),
                        )
                    })?;
                let reversal = self.ledger.reverse(Reversal {
                    id,
                    reason: form.value("reason").to_string(),
                    date: Some(date("date")?),
                    voucher: None,
                })?;
                self.recorded = Some(reversal.id);
                done(format!(
                    "{} #{id} → #{} {}",
                    r.pick("已冲销", "Reversed"),
                    reversal.id,
                    r.money(reversal.amount)
                ))
            }
            FormKind::Adjust => {
                let adjustment = self.ledger.adjust(NewAdjustment {
                    line: form.value("line").to_string(),
                    amount: amount("amount")?,
                    date: date("date")?,
                    doc_no: form.value("doc_no").to_string(),
                    reason: form.value("reason").to_string(),
                    batch_no: None,
                    from_line: optional("from_line"),
                })?;
                done(format!(
                    "{} {} {}",
                    r.pick("已调整", "Adjusted"),
                    adjustment.line,
                    r.money(adjustment.amount)
                ))
            }
            FormKind::Schedule => {
                let item = self.ledger.add_schedule_item(NewScheduleItem {
                    line: form.value("line").to_string(),
                    contract: form.value("contract").to_string(),
                    payee: form.value("payee").to_string(),
                    due: date("due")?,
                    amount: amount("amount")?,
                    memo: String::new(),
                })?;
                done(format!(
                    "{} {} {} {}",
                    r.pick("已添加支付计划", "Added instalment"),
                    item.contract,
                    item.due,
                    r.money(item.amount)
                ))
            }
            FormKind::Indicator(id) => {
                let marked_met = match form.value("marked_met").to_lowercase().as_str() {
                    "" => None,
                    "y" | "yes" | "是" | "达成" => Some(true),
                    "n" | "no" | "否" | "未达成" => Some(false),
                    other => {
                        return Err(Refusal::field_in(
                            "marked_met",
                            format!("'{other}': answer y or n"),
                            format!("“{other}”：请填 y（达成）或 n（未达成）"),
                        )
                        .into());
                    }
                };
                let score = match form.value("score") {
                    "" => None,
                    text => Some(crate::domain::input::parse_plain_decimal(text).ok_or_else(
                        || {
                            Refusal::field_in(
                                "score",
                                format!("'{text}' is not a number of points"),
                                format!("“{text}”不是分数"),
                            )
                        },
                    )?),
                };
                let indicator = self.ledger.update_indicator(IndicatorUpdate {
                    id: *id,
                    actual: Some(form.value("actual").to_string()),
                    deviation_reason: Some(form.value("deviation_reason").to_string()),
                    marked_met,
                    score,
                    ..IndicatorUpdate::default()
                })?;
                done(format!(
                    "{} #{} {}",
                    r.pick("已更新指标", "Updated indicator"),
                    indicator.id,
                    indicator.name
                ))
            }
            FormKind::Reason(project) => {
                let reason = Some(form.value("reason").to_string()).filter(|r| !r.is_empty());
                let cleared = reason.is_none();
                self.ledger.set_project_reason(project.clone(), reason)?;
                done(format!(
                    "{} {project}",
                    if cleared {
                        r.pick("已删除原因：", "Reason removed:")
                    } else {
                        r.pick("已保存原因：", "Reason saved:")
                    }
                ))
            }
            FormKind::Progress { id, .. } => self.apply_progress(*id, form),
            FormKind::Filter => {
                let text = form.value("filter").to_string();
                if self.tab == Tab::Payments {
                    self.journal_query = journal_query(&text)?;
                    self.payments.filter = text;
                } else if let Some(grid) = self.focused_grid() {
                    grid.set_filter(&text);
                }
                Ok(None)
            }
        }
    }
}
