//! The Monitor view's keys: opening it (from any tab) and leaving it, the
//! two panes, and the progress form of an indicator, sent to the ledger as
//! `record_progress` — so a value typed here is the one `outlay monitor`
//! shows, served or not.

use super::{App, Popup};
use crate::error::Result;
use crate::tui::forms::Form;
use crate::tui::keymap::Action;
use crate::tui::tabs::Tab;

/// Rows a page key moves.
const PAGE: isize = 10;

impl App {
    /// Whether the Review tab shows the monitoring return.
    pub(super) fn monitor_shown(&self) -> bool {
        self.tab == Tab::Review && self.monitor.shown
    }

    /// Whether the Review tab shows the month-end review itself.
    pub(super) fn reviewing(&self) -> bool {
        self.tab == Tab::Review && !self.monitor.shown
    }

    /// The return, from any tab; from the return, back to the review.
    pub(super) fn toggle_monitor(&mut self) -> Result<()> {
        if self.monitor_shown() {
            self.monitor.shown = false;
        } else {
            self.tab = Tab::Review;
            self.monitor.shown = true;
        }
        self.load_tab_data()
    }

    /// A list key in the Monitor view; `None` leaves it to the tables' own
    /// handling (the filter). Moving among the projects brings the
    /// selected one's indicators below; open moves down into them, and on an
    /// indicator opens its progress form; back goes up, then to the review.
    pub(super) fn monitor_list_action(&mut self, action: Action) -> Result<Option<bool>> {
        let m = &mut self.monitor;
        match action {
            Action::OtherPane => {
                m.indicators_focused = !m.indicators_focused && !m.indicators.is_empty();
            }
            Action::Open if !m.indicators_focused => {
                m.indicators_focused = !m.indicators.is_empty();
            }
            Action::Open => self.progress_form(),
            Action::Back if m.indicators_focused => m.indicators_focused = false,
            Action::Back => self.toggle_monitor()?,
            other => {
                if !m.focused_mut().act(other, PAGE) {
                    return Ok(None);
                }
                if !m.indicators_focused {
                    m.rebuild_indicators(&self.data, self.render);
                }
            }
        }
        Ok(Some(true))
    }

    /// `e`: into the indicators, or on one, its progress form.
    pub(super) fn monitor_edit(&mut self) {
        if self.monitor.indicators_focused {
            self.progress_form();
        } else {
            self.monitor.indicators_focused = !self.monitor.indicators.is_empty();
        }
    }

    /// `R`: the reason of the project selected, which clears an unexplained execution.
    pub(super) fn monitor_reason(&mut self) -> Result<()> {
        let project = self
            .data
            .monitor
            .as_ref()
            .and_then(|m| self.monitor.selected_project(m))
            .map(|p| p.project.clone());
        match project {
            Some(project) => self.reason_form(&project),
            None => Ok(()),
        }
    }

    /// The first line of the project selected, to prefill the payment forms.
    pub(super) fn monitor_line(&self) -> Option<String> {
        let m = self.data.monitor.as_ref()?;
        let project = self.monitor.selected_project(m)?;
        self.data.project_lines(&project.project).into_iter().next()
    }

    fn progress_form(&mut self) {
        let indicator = self
            .data
            .monitor
            .as_ref()
            .and_then(|m| self.monitor.selected_indicator(m));
        match indicator {
            Some(i) => {
                let form = Form::progress(i, self.as_of, self.render.lang);
                self.popups.push(Popup::Form(Box::new(form)));
            }
            None => {
                self.warn(
                    self.render
                        .pick("该项目没有绩效指标。", "This project has no indicators."),
                );
            }
        }
    }
}
