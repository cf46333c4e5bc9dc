//! The popup forms' keys: typing and pasting into a field, what the line or
//! entry field names (shown under it), the checks before saving, and the
//! save itself through [`crate::tui::submit`].

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Popup};
use crate::domain::Money;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::tui::forms::{Form, FormKind, Subject};
use crate::tui::keymap::{Action, Context};
use crate::tui::line_choice;
use crate::tui::submit::{amount_of, save};
use crate::tui::tabs::Render;
use crate::tui::widgets::grid::RowId;

impl App {
    /// A key in the top form; returns whether it did anything.
    pub(super) fn form_key(&mut self, key: KeyEvent) -> Result<bool> {
        let lines = &self.data.lines;
        let Some(Popup::Form(form)) = self.popups.last_mut() else {
            return Ok(false);
        };
        if let Some(action) = self.keymap.action(Context::Form, &key) {
            match action {
                Action::Submit => return self.submit().map(|_| true),
                Action::OpenEditor => {
                    self.edit_form_field();
                    return Ok(true);
                }
                Action::Cancel => {
                    // A filter previewed while typed goes back to what it was.
                    if form.kind == FormKind::Filter {
                        let before = form.initial("filter").to_string();
                        self.popups.pop();
                        self.preview_filter(&before);
                    } else {
                        self.popups.pop();
                    }
                    return Ok(true);
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
        if form.kind == FormKind::Filter {
            let text = form.value("filter").to_string();
            self.preview_filter(&text);
        }
        self.look_up_subject()?;
        Ok(true)
    }

    /// A paste into the top form: text in the focused field, never a save.
    pub(super) fn form_paste(&mut self, text: &str) -> Result<()> {
        if let Some(Popup::Form(form)) = self.popups.last_mut() {
            form.paste(text, &self.data.lines);
        }
        self.look_up_subject()
    }

    /// Looks up what the form's line or entry field names, when its text changed.
    pub(super) fn look_up_subject(&mut self) -> Result<()> {
        let Some(Popup::Form(form)) = self.popups.last() else {
            return Ok(());
        };
        let Some(field) = form.subject_field() else {
            return Ok(());
        };
        let text = form.value(field).to_string();
        if form.subject_text.as_deref() == Some(text.as_str()) {
            return Ok(());
        }
        let subject = if field == "line" {
            self.line_subject(&text)?
        } else {
            self.entry_subject(&text)?
        };
        if let Some(Popup::Form(form)) = self.popups.last_mut() {
            form.subject = subject;
            form.subject_text = Some(text);
        }
        Ok(())
    }

    /// The line the text names, with its whole year's figures so far (what a
    /// payment may still spend, whatever date the screen is set to).
    fn line_subject(&self, text: &str) -> Result<Option<Subject>> {
        let Some(line) = line_choice::exact(text, &self.data.lines) else {
            return Ok(None);
        };
        let year_end = self.ledger.year().last_day();
        let fresh;
        let report = if self.as_of == year_end {
            &self.data.report
        } else {
            fresh = self.ledger.report(Some(year_end))?;
            &fresh
        };
        Ok(report
            .lines
            .iter()
            .find(|row| row.code == line.code)
            .map(|row| Subject::Line {
                code: row.code.clone(),
                name: row.name.clone(),
                budget: row.budget,
                spent: row.spent,
                remaining: row.remaining,
            }))
    }

    /// The entry a reversal form names by its number.
    fn entry_subject(&self, text: &str) -> Result<Option<Subject>> {
        let Ok(id) = text.trim().trim_start_matches('#').parse::<u64>() else {
            return Ok(None);
        };
        let Some(entry) = self.ledger.disbursement(id)? else {
            return Ok(None);
        };
        let reversed = self.ledger.reversals_of(vec![id])?.contains_key(&id);
        Ok(Some(Subject::Entry {
            entry: Box::new(entry),
            reversed,
        }))
    }

    /// Sends the top form to the ledger, after the checks a person needs
    /// before something that can only be reversed. A refusal stays in the
    /// form, beside its field.
    pub(super) fn submit(&mut self) -> Result<()> {
        let choose = self.keymap.hint(Action::NextMatch);
        let (lines, r) = (&self.data.lines, self.render);
        let Some(Popup::Form(form)) = self.popups.last_mut() else {
            return Ok(());
        };
        form.accept_line(lines, false);
        if let Some(error) = form.check(lines, r.lang, &choose) {
            form.focus = error.field.unwrap_or(form.focus);
            form.refresh_completions(lines);
            form.error = Some(error);
            return Ok(());
        }
        if form.kind == FormKind::Filter {
            let text = form.value("filter").to_string();
            return self.apply_filter(&text);
        }
        self.look_up_subject()?;
        let Some(Popup::Form(form)) = self.popups.last_mut() else {
            return Ok(());
        };
        if warn_of_overspending(form, r) {
            return Ok(());
        }
        let form = form.clone();
        match save(&self.ledger, &form, r) {
            Ok(saved) => {
                self.popups.pop();
                self.status = Some(saved.status);
                self.reload()?;
                // The entry just recorded is the one the user will act on next.
                if let Some(id) = saved.recorded {
                    self.payments.journal.select_id(&RowId::Disbursement(id));
                }
            }
            Err(Error::Refused(refusal)) => {
                let field = refusal.field_name();
                let message = r.lang.refusal(&refusal);
                self.set_form_error(|f| f.refuse(field, message));
            }
            Err(other) => {
                let message = r.lang.error(&other);
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
}

/// Before a payment that would spend more than its line has left, warns
/// once beside the amount; saving the same payment again goes ahead (the
/// ledger records it and warns, as a treasury's own figures may be ahead).
fn warn_of_overspending(form: &mut Form, r: Render) -> bool {
    if form.kind != FormKind::Pay {
        return false;
    }
    let Some(Subject::Line {
        code, remaining, ..
    }) = &form.subject
    else {
        return false;
    };
    let Ok(amount) = amount_of(form, "amount") else {
        return false; // the ledger refuses it, naming the field
    };
    let seen = Some((code.clone(), amount));
    if amount <= *remaining || form.overspend_seen == seen {
        return false;
    }
    let over: Money = amount - *remaining;
    let message = match r.lang {
        Lang::Zh => format!(
            "将超支：{code} 余额 {}，本次 {}，超出 {}。再按保存键仍记录，或修改金额。",
            r.lone_money(*remaining),
            r.lone_money(amount),
            r.lone_money(over)
        ),
        Lang::En => format!(
            "This overspends {code}: {} left, paying {}, {} over. Save again to record it anyway, or change the amount.",
            r.lone_money(*remaining),
            r.lone_money(amount),
            r.lone_money(over)
        ),
    };
    form.overspend_seen = seen;
    form.warn("amount", message);
    true
}
